import json
import shlex

import pytest
from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.conftest import Terminal

scenarios("rulebook.feature")


@then(
    parsers.parse(
        "the report counts {aside:d} claim set aside and {resolved:d} of {checkable:d} checkable claims resolved"
    )
)
def report_counts(terminal: Terminal, aside: int, resolved: int, checkable: int) -> None:
    report = json.loads(terminal.stdout)
    assert (report["set_aside"], report["resolved"], report["total"] - report["set_aside"]) == (
        aside,
        resolved,
        checkable,
    )


@then("the output lists one line per claim")
def one_line_per_claim(terminal: Terminal) -> None:
    lines = terminal.stdout.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("Claim ") for line in lines), lines


@then(parsers.parse('the claim about "{mention}" is assigned to "{editor}"'))
def assigned_to(terminal: Terminal, mention: str, editor: str) -> None:
    assert terminal.json(f"claims show {terminal.claim_id(mention)}")["assignee"] == editor


@then(parsers.parse('the claim about "{mention}" has {count:d} pieces of evidence in force'))
def evidence_in_force(terminal: Terminal, mention: str, count: int) -> None:
    evidence = terminal.json(f"claims show {terminal.claim_id(mention)}")["evidence"]
    assert len([item for item in evidence if item["withdrawn_at"] is None]) == count, evidence


@then(parsers.parse('the claim about "{mention}" is a {kind} again, claimed by "{claimant}"'))
def kind_and_claimant(terminal: Terminal, mention: str, kind: str, claimant: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert (claim["kind"], claim["claimant"]) == (kind, claimant), claim


@pytest.fixture
def other_terminal(terminal: Terminal, second_database_url: str) -> Terminal:
    return Terminal(database_url=second_database_url, workdir=terminal.workdir)


@when(parsers.parse('I import "{name}" into a database with no editor list as "{editor}"'))
def import_elsewhere(other_terminal: Terminal, name: str, editor: str) -> None:
    other_terminal.editor = editor
    other_terminal.run(f"claims import {shlex.quote(name)}")
    assert other_terminal.exit_code == 0, other_terminal.stderr


@then(parsers.parse('in that database the claim about "{mention}" is a draft'))
def draft_elsewhere(other_terminal: Terminal, mention: str) -> None:
    claim = other_terminal.json(f"claims show {other_terminal.claim_id(mention)}")
    assert claim["draft"] and not claim["published"], claim


@then(parsers.parse('in that database the claim about "{mention}" is published'))
def published_elsewhere(other_terminal: Terminal, mention: str) -> None:
    claim = other_terminal.json(f"claims show {other_terminal.claim_id(mention)}")
    assert claim["published"], claim


@then("in that database the ClaimReview export is empty")
def no_claimreview_elsewhere(other_terminal: Terminal) -> None:
    other_terminal.run("claims export claimreview")
    assert other_terminal.exit_code == 0, other_terminal.stderr
    assert json.loads(other_terminal.stdout) == [], other_terminal.stdout


@when(parsers.parse('in that database I run "{command}" as "{editor}"'))
def run_elsewhere(terminal: Terminal, other_terminal: Terminal, command: str, editor: str) -> None:
    other_terminal.run(command, editor=editor)
    terminal.exit_code, terminal.stdout, terminal.stderr = (
        other_terminal.exit_code,
        other_terminal.stdout,
        other_terminal.stderr,
    )
