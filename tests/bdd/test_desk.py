from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import update

from claims.db import make_engine
from claims.models import Editor
from tests.bdd.conftest import Terminal

scenarios("desk.feature")


@pytest.fixture
def seen() -> dict[str, int]:
    """The claim version the editor last looked at, as `claims show` printed it."""
    return {}


@given(parsers.parse("the desk's editors are {roster}"))
def desk_editors(terminal: Terminal, roster: str) -> None:
    for name, role in re.findall(r"(\w+) \((\w+)\)", roster):
        terminal.run(f"claims editor add {name} --role {role}")
        assert terminal.exit_code == 0, terminal.stderr


@given(parsers.parse("someone made {name} a {role} behind the desk's back"))
def role_changed_behind_the_desk(terminal: Terminal, name: str, role: str) -> None:
    """A change written straight into the database, as the owner login can (nothing else may)."""
    engine = make_engine(terminal.database_url)
    with engine.begin() as connection:
        connection.execute(update(Editor).where(Editor.name == name).values(role=role))
    engine.dispose()


@given(parsers.parse('I looked at the claim about "{mention}"'))
@when(parsers.parse('I look at the claim about "{mention}"'))
def look_at(terminal: Terminal, seen: dict[str, int], mention: str) -> None:
    seen["version"] = terminal.json(f"claims show {terminal.claim_id(mention)}")["version"]


@when(parsers.parse('I run "{command}" with the version I saw'))
def run_with_seen_version(terminal: Terminal, seen: dict[str, int], command: str) -> None:
    terminal.run(f"{command} --seen-version {seen['version']}")


@then(parsers.parse('the command is refused as a conflict: "{message}"'))
def refused_as_conflict(terminal: Terminal, message: str) -> None:
    exit_code, stdout, stderr = terminal.exit_code, terminal.stdout, terminal.stderr
    assert exit_code == 3, f"expected exit 3, got {exit_code}: {stderr}"
    assert "Traceback" not in stdout + stderr
    expected = re.escape(terminal._substitute(message)).replace("HH:MM", r"\d\d:\d\d")
    assert re.fullmatch(f"Error: {expected}\n", stderr), stderr


@then("the desk's editors are listed as:")
def editors_listed(terminal: Terminal, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    listed = [[str(editor[column]) for column in header] for editor in terminal.json("claims editor list")]
    assert listed == rows, listed


@then(parsers.parse('the claims assigned to "{name}" are about "{mention}"'))
def assigned_claims(terminal: Terminal, name: str, mention: str) -> None:
    assert [c["id"] for c in terminal.json(f"claims list --assignee {name}")] == [terminal.claim_id(mention)]


@then(parsers.parse('the claims assigned to "{name}" are about nothing'))
def no_assigned_claims(terminal: Terminal, name: str) -> None:
    assert terminal.json(f"claims list --assignee {name}") == []


@then(parsers.parse('the history of the claim about "{mention}" ends with:'))
def history_ends_with(terminal: Terminal, mention: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    events = terminal.json(f"claims history {terminal.claim_id(mention)}")[-len(rows) :]
    assert [[str(event[column] or "") for column in header] for event in events] == rows, events


@then(parsers.parse('the queue of "{name}" is:'))
def queue_is(terminal: Terminal, name: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    expected = [(terminal.claim_id(mention), why) for mention, why in rows]
    terminal.run("claims queue --format json", editor=name)
    assert terminal.exit_code == 0, terminal.stderr
    queue: list[dict[str, Any]] = json.loads(terminal.stdout)
    assert [(item["id"], item["queue"]) for item in queue] == expected, queue


@then(parsers.parse('the verdict on "{mention}" is a draft nobody has signed off'))
def verdict_is_draft(terminal: Terminal, mention: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert not claim["published"] and claim["signed_off_by"] is None, claim


@then(parsers.parse('the verdict on "{mention}" is published, signed off by "{name}"'))
def verdict_is_published(terminal: Terminal, mention: str, name: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert claim["published"] and claim["signed_off_by"] == name and claim["signed_off_at"], claim
