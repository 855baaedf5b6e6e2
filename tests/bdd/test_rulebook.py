import json
import shlex

import pytest
from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.conftest import Desk

scenarios("rulebook.feature")


@then(
    parsers.parse(
        "the report counts {aside:d} claim set aside and {resolved:d} of {checkable:d} checkable claims resolved"
    )
)
def report_counts(desk: Desk, aside: int, resolved: int, checkable: int) -> None:
    report = json.loads(desk.stdout)
    assert (report["set_aside"], report["resolved"], report["total"] - report["set_aside"]) == (
        aside,
        resolved,
        checkable,
    )


@then("the output lists one line per claim")
def one_line_per_claim(desk: Desk) -> None:
    lines = desk.stdout.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("Claim ") for line in lines), lines


@then(parsers.parse('the claim about "{mention}" is assigned to "{editor}"'))
def assigned_to(desk: Desk, mention: str, editor: str) -> None:
    assert desk.json(f"claims show {desk.claim_id(mention)}")["assignee"] == editor


@then(parsers.parse('the claim about "{mention}" has {count:d} pieces of evidence in force'))
def evidence_in_force(desk: Desk, mention: str, count: int) -> None:
    evidence = desk.json(f"claims show {desk.claim_id(mention)}")["evidence"]
    assert len([item for item in evidence if item["withdrawn_at"] is None]) == count, evidence


@pytest.fixture
def other_desk(desk: Desk, second_database_url: str) -> Desk:
    return Desk(database_url=second_database_url, workdir=desk.workdir)


@when(parsers.parse('I import "{name}" into a database with no editor list as "{editor}"'))
def import_elsewhere(other_desk: Desk, name: str, editor: str) -> None:
    other_desk.editor = editor
    other_desk.run(f"claims import {shlex.quote(name)}")
    assert other_desk.exit_code == 0, other_desk.stderr


@then(parsers.parse('in that database the claim about "{mention}" is a draft'))
def draft_elsewhere(other_desk: Desk, mention: str) -> None:
    claim = other_desk.json(f"claims show {other_desk.claim_id(mention)}")
    assert claim["draft"] and not claim["published"], claim


@then(parsers.parse('in that database the claim about "{mention}" is published'))
def published_elsewhere(other_desk: Desk, mention: str) -> None:
    claim = other_desk.json(f"claims show {other_desk.claim_id(mention)}")
    assert claim["published"], claim


@then("in that database the ClaimReview export is empty")
def no_claimreview_elsewhere(other_desk: Desk) -> None:
    other_desk.run("claims export claimreview")
    assert other_desk.exit_code == 0, other_desk.stderr
    assert json.loads(other_desk.stdout) == [], other_desk.stdout


@when(parsers.parse('in that database I run "{command}" as "{editor}"'))
def run_elsewhere(desk: Desk, other_desk: Desk, command: str, editor: str) -> None:
    other_desk.run(command, editor=editor)
    desk.exit_code, desk.stdout, desk.stderr = other_desk.exit_code, other_desk.stdout, other_desk.stderr
