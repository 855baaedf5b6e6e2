"""Steps every feature shares. Scenarios drive the real `claims` command against a real database.

In a command line, ``[Zoox]`` stands for the id of the one claim whose text mentions Zoox, so
scenarios read in the editor's words instead of depending on numbering.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when
from sqlalchemy import update
from typer.testing import CliRunner

from claims.cli import app
from claims.db import make_engine
from claims.models import Claim

# The commands that show a page at a time.
LISTINGS = ("claims list", "claims queue", "claims entities", "claims history", "claims source list")
SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "000_4553a5a73907e540.txt"


@dataclass
class Desk:
    """One editor's terminal: the database it points at, who is typing, and the last command's result."""

    database_url: str
    workdir: Path
    editor: str = "ana"
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""

    def run(
        self,
        command: str,
        *,
        stdin: str | bytes | None = None,
        editor: str | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        args = shlex.split(self._substitute(command))
        assert args[0] == "claims", f"scenarios run the claims command, not {args[0]}"
        env = {
            "CLAIMS_DATABASE_URL": self.database_url, "CLAIMS_EDITOR": editor or self.editor, "COLUMNS": "200",
            **(env or {}),
        }  # fmt: skip
        result = CliRunner().invoke(app, args[1:], input=stdin, env=env, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"`{command}` crashed instead of reporting an error") from result.exception
        self.exit_code, self.stdout, self.stderr = result.exit_code, result.stdout, result.stderr

    def json(self, command: str) -> Any:
        """What a command prints as JSON; a listing gives every row (--all), not one page."""
        self.run(command + " --format json" + (" --all" if command.startswith(LISTINGS) else ""))
        assert self.exit_code == 0, f"`{command}` failed: {self.stderr}"
        return json.loads(self.stdout)

    def claim_id(self, mention: str) -> int:
        matches = [c for c in self.json("claims list") if mention.lower() in c["text"].lower()]
        assert len(matches) == 1, f"expected one claim mentioning {mention!r}, found {[c['text'] for c in matches]}"
        return matches[0]["id"]

    def _substitute(self, command: str) -> str:
        return re.sub(r"\[([^\]]+)\]", lambda match: str(self.claim_id(match.group(1))), command)


@pytest.fixture
def desk(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Desk:
    monkeypatch.chdir(tmp_path)
    return Desk(database_url=database_url, workdir=tmp_path)


@pytest.fixture(autouse=True)
def _every_scenario_has_a_database(desk: Desk) -> None:
    """Autouse, so that pytest parametrizes every scenario over SQLite and PostgreSQL."""


@given("a claims database with no claims")
def no_claims(desk: Desk) -> None:
    assert desk.json("claims list") == []


@given(parsers.parse('I am editor "{name}"'))
def i_am(desk: Desk, name: str) -> None:
    desk.editor = name


@given("the seed article is imported")
def seed_imported(desk: Desk) -> None:
    desk.run(
        f'claims source add "{SEED_ARTICLE}" --title "Tencent teams up with Geely" --outlet "Tech Desk" '
        "--url https://example.org/tencent-geely"
    )
    assert desk.exit_code == 0, desk.stderr


@given(parsers.parse('a claim "{text}"'))
def a_claim(desk: Desk, text: str) -> None:
    desk.run(f"claims add {shlex.quote(text)}")
    assert desk.exit_code == 0, desk.stderr


@given(parsers.parse('a claim "{text}" in review'))
def a_claim_in_review(desk: Desk, text: str) -> None:
    a_claim(desk, text)
    desk.run(f"claims review {desk.claim_id(text)}")
    assert desk.exit_code == 0, desk.stderr


@given(parsers.parse('a file "{name}" containing:'))
def a_file(desk: Desk, name: str, docstring: str) -> None:
    (desk.workdir / name).write_text(docstring + "\n", encoding="utf-8")


@given(parsers.parse('a file "{name}" holding "{content}"'))
def a_file_holding(desk: Desk, name: str, content: str) -> None:
    """A one-line way to write a small file: \\n and \\t stand for a new line and a tab."""
    (desk.workdir / name).write_text(content.replace("\\n", "\n").replace("\\t", "\t") + "\n", encoding="utf-8")


@given(parsers.parse('a source "{title}" from "{outlet}" published {published} at "{url}"'))
def a_source(desk: Desk, title: str, outlet: str, published: str, url: str) -> None:
    """A source stored as it is, without looking for claims in it."""
    path = desk.workdir / f"source-{len(list(desk.workdir.glob('source-*.txt'))) + 1}.txt"
    path.write_text(f"{title}. A story by {outlet}.\n", encoding="utf-8")
    desk.run(
        f"claims source add {shlex.quote(str(path))} --no-extract --title {shlex.quote(title)} "
        f"--outlet {shlex.quote(outlet)} --published {published} --url {shlex.quote(url)}"
    )
    assert desk.exit_code == 0, desk.stderr


@given(parsers.parse("the detector scored {scores}"))
def detector_scored(desk: Desk, scores: str) -> None:
    """Stands in for the claim detector, which gives claims found in articles their scores."""
    wanted = {desk.claim_id(mention): float(score) for mention, score in re.findall(r'"([^"]+)" ([\d.]+)', scores)}
    engine = make_engine(desk.database_url)
    with engine.begin() as connection:
        for claim_id, score in wanted.items():
            connection.execute(update(Claim).where(Claim.id == claim_id).values(score=score))
    engine.dispose()


@given(parsers.parse("{count:d} claims about the harbour were imported from a spreadsheet"))
def harbour_claims(desk: Desk, count: int) -> None:
    """Numbered claims, half of them by the harbour master, imported in numbered order."""
    rows = [
        f"Harbour claim number {number},{'Harbour Master' if number % 2 else 'Port Authority'},fact"
        for number in range(1, count + 1)
    ]
    (desk.workdir / "harbour.csv").write_text("text,claimant,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    desk.run("claims import harbour.csv")
    assert desk.exit_code == 0, desk.stderr


@when(parsers.parse('I run "{command}"'))
def i_run(desk: Desk, command: str) -> None:
    desk.run(command)


@given(parsers.parse('I ran "{command}"'))
def i_ran(desk: Desk, command: str) -> None:
    desk.run(command)
    assert desk.exit_code == 0, f"`{command}` failed: {desk.stderr}"


@when(parsers.parse('I run "{command}" as "{editor}"'))
@given(parsers.parse('editor "{editor}" ran "{command}"'))
def i_run_as(desk: Desk, command: str, editor: str) -> None:
    desk.run(command, editor=editor)


@then("the command succeeds")
def succeeds(desk: Desk) -> None:
    assert desk.exit_code == 0, f"exit {desk.exit_code}: {desk.stderr}"


@then(parsers.parse('the command fails with "{message}"'))
def fails_with(desk: Desk, message: str) -> None:
    assert desk.exit_code == 1, f"expected exit 1, got {desk.exit_code}; stdout: {desk.stdout}"
    lines = desk.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), f"expected one error line, got: {desk.stderr!r}"
    assert message in lines[0], f"{message!r} not in {lines[0]!r}"
    assert "Traceback" not in desk.stderr + desk.stdout


@then(parsers.parse('the command is refused as a usage mistake mentioning "{message}"'))
def usage_mistake(desk: Desk, message: str) -> None:
    assert desk.exit_code == 2, f"expected exit 2, got {desk.exit_code}"
    lines = desk.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), f"expected one error line, got: {desk.stderr!r}"
    assert message in lines[0] and "--help" in lines[0], lines[0]


@then(parsers.parse('the output says "{text}"'))
def output_says(desk: Desk, text: str) -> None:
    assert text in desk.stdout, f"{text!r} not in:\n{desk.stdout}"


@then(parsers.parse('the output does not say "{text}"'))
def output_does_not_say(desk: Desk, text: str) -> None:
    assert text not in desk.stdout, f"{text!r} unexpectedly in:\n{desk.stdout}"


@then(parsers.parse('the claim about "{mention}" is attributed to "{claimant}"'))
def attributed_to(desk: Desk, mention: str, claimant: str) -> None:
    claims = [c for c in desk.json("claims list") if mention in c["text"]]
    assert claims and all(c["claimant"] == claimant for c in claims), claims


def listed(desk: Desk) -> list[dict]:  # type: ignore[type-arg]
    assert desk.exit_code == 0, desk.stderr
    return json.loads(desk.stdout)


@then(parsers.parse('the listed claims are "{text}"'))
def listed_claims_are(desk: Desk, text: str) -> None:
    assert [claim["text"] for claim in listed(desk)] == [text]


@then(parsers.parse("{count:d} claims are listed"))
def count_listed(desk: Desk, count: int) -> None:
    assert len(listed(desk)) == count


@then(parsers.parse('every listed claim mentions "{name}"'))
def all_mention(desk: Desk, name: str) -> None:
    for claim in listed(desk):
        assert name in [entity["name"] for entity in claim["entities"]], claim


@then(parsers.re(r'the claim about "(?P<mention>[^"]+)" is (?P<status>\w+)$'))
def claim_status(desk: Desk, mention: str, status: str) -> None:
    claim = desk.json(f"claims show {desk.claim_id(mention)}")
    assert claim["status"] == status, f"claim is {claim['status']}, expected {status}"


@then("every claim's history gives its current state")
def history_checks_out(desk: Desk) -> None:
    desk.run("claims db verify")
    assert desk.exit_code == 0, f"claims db verify failed:\n{desk.stdout}{desk.stderr}"


@then(parsers.parse('the claim about "{mention}" has {count:d} history events'))
def history_length(desk: Desk, mention: str, count: int) -> None:
    events = desk.json(f"claims history {desk.claim_id(mention)}")
    assert len(events) == count, f"{len(events)} events: {[e['kind'] for e in events]}"


@then(parsers.parse('the claim about "{mention}" has {count:d} pieces of evidence'))
def evidence_count(desk: Desk, mention: str, count: int) -> None:
    claim = desk.json(f"claims show {desk.claim_id(mention)}")
    assert len(claim["evidence"]) == count, claim["evidence"]


@then(parsers.parse('the file "{name}" says "{text}"'))
def file_says(desk: Desk, name: str, text: str) -> None:
    content = (desk.workdir / name).read_text(encoding="utf-8")
    assert text in content, f"{text!r} not in {name}:\n{content}"
