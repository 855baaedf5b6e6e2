from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.conftest import Desk

scenarios("desk.feature")


@pytest.fixture
def seen() -> dict[str, int]:
    """The claim version the editor last looked at, as `claims show` printed it."""
    return {}


@given(parsers.parse("the desk's editors are {roster}"))
def desk_editors(desk: Desk, roster: str) -> None:
    for name, role in re.findall(r"(\w+) \((\w+)\)", roster):
        desk.run(f"claims editor add {name} --role {role}")
        assert desk.exit_code == 0, desk.stderr


@given(parsers.parse('I looked at the claim about "{mention}"'))
@when(parsers.parse('I look at the claim about "{mention}"'))
def look_at(desk: Desk, seen: dict[str, int], mention: str) -> None:
    seen["version"] = desk.json(f"claims show {desk.claim_id(mention)}")["version"]


@when(parsers.parse('I run "{command}" with the version I saw'))
def run_with_seen_version(desk: Desk, seen: dict[str, int], command: str) -> None:
    desk.run(f"{command} --seen-version {seen['version']}")


@then(parsers.parse('the command is refused as a conflict: "{message}"'))
def refused_as_conflict(desk: Desk, message: str) -> None:
    exit_code, stdout, stderr = desk.exit_code, desk.stdout, desk.stderr
    assert exit_code == 3, f"expected exit 3, got {exit_code}: {stderr}"
    assert "Traceback" not in stdout + stderr
    expected = re.escape(desk._substitute(message)).replace("HH:MM", r"\d\d:\d\d")
    assert re.fullmatch(f"Error: {expected}\n", stderr), stderr


@then("the desk's editors are listed as:")
def editors_listed(desk: Desk, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    listed = [[str(editor[column]) for column in header] for editor in desk.json("claims editor list")]
    assert listed == rows, listed


@then(parsers.parse('the claims assigned to "{name}" are about "{mention}"'))
def assigned_claims(desk: Desk, name: str, mention: str) -> None:
    assert [c["id"] for c in desk.json(f"claims list --assignee {name}")] == [desk.claim_id(mention)]


@then(parsers.parse('the claims assigned to "{name}" are about nothing'))
def no_assigned_claims(desk: Desk, name: str) -> None:
    assert desk.json(f"claims list --assignee {name}") == []


@then(parsers.parse('the history of the claim about "{mention}" ends with:'))
def history_ends_with(desk: Desk, mention: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    events = desk.json(f"claims history {desk.claim_id(mention)}")[-len(rows) :]
    assert [[str(event[column] or "") for column in header] for event in events] == rows, events


@then(parsers.parse('the queue of "{name}" is:'))
def queue_is(desk: Desk, name: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    expected = [(desk.claim_id(mention), why) for mention, why in rows]
    desk.run("claims queue --format json", editor=name)
    assert desk.exit_code == 0, desk.stderr
    queue: list[dict[str, Any]] = json.loads(desk.stdout)
    assert [(item["id"], item["queue"]) for item in queue] == expected, queue


@then(parsers.parse('the verdict on "{mention}" is a draft nobody has signed off'))
def verdict_is_draft(desk: Desk, mention: str) -> None:
    claim = desk.json(f"claims show {desk.claim_id(mention)}")
    assert not claim["published"] and claim["signed_off_by"] is None, claim


@then(parsers.parse('the verdict on "{mention}" is published, signed off by "{name}"'))
def verdict_is_published(desk: Desk, mention: str, name: str) -> None:
    claim = desk.json(f"claims show {desk.claim_id(mention)}")
    assert claim["published"] and claim["signed_off_by"] == name and claim["signed_off_at"], claim
