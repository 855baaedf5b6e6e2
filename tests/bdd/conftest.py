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

from claims.db import make_engine
from claims.models import Claim
from tests.invoke import invoke

# The commands that show a page at a time.
LISTINGS = ("claims list", "claims queue", "claims entities", "claims history", "claims source list")
SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "000_4553a5a73907e540.txt"


@dataclass
class Terminal:
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
        result = invoke(args[1:], input=stdin, env=env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"`{command}` crashed instead of reporting an error") from result.exception
        self.exit_code, self.stdout, self.stderr = result.exit_code, result.stdout, result.stderr

    def json(self, command: str) -> Any:
        """What a command prints as JSON; a listing gives every row (--all), not one page."""
        self.run(command + " --format json" + (" --all" if command.startswith(LISTINGS) else ""))
        assert self.exit_code == 0, f"`{command}` failed: {self.stderr}"
        return json.loads(self.stdout)

    def claim_id(self, mention: str) -> int:
        # `claims list` leaves merged claims out unless asked for them.
        claims = self.json("claims list") + self.json("claims list --status merged")
        matches = [c for c in claims if mention.lower() in c["text"].lower()]
        assert len(matches) == 1, f"expected one claim mentioning {mention!r}, found {[c['text'] for c in matches]}"
        return matches[0]["id"]

    def _substitute(self, command: str) -> str:
        return re.sub(r"\[([^\]]+)\]", lambda match: str(self.claim_id(match.group(1))), command)


@pytest.fixture
def terminal(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Terminal:
    monkeypatch.chdir(tmp_path)
    return Terminal(database_url=database_url, workdir=tmp_path)


@pytest.fixture(autouse=True)
def _every_scenario_has_a_database(terminal: Terminal) -> None:
    """Autouse, so that pytest parametrizes every scenario over SQLite and PostgreSQL."""


@given("a claims database with no claims")
def no_claims(terminal: Terminal) -> None:
    assert terminal.json("claims list") == []


@given(parsers.parse('I am editor "{name}"'))
def i_am(terminal: Terminal, name: str) -> None:
    terminal.editor = name


@given("the seed article is imported")
def seed_imported(terminal: Terminal) -> None:
    terminal.run(
        f'claims source add "{SEED_ARTICLE}" --title "Tencent teams up with Geely" --outlet "Tech Desk" '
        "--url https://example.org/tencent-geely"
    )
    assert terminal.exit_code == 0, terminal.stderr


@given(parsers.parse('a claim "{text}"'))
def a_claim(terminal: Terminal, text: str) -> None:
    terminal.run(f"claims add {shlex.quote(text)}")
    assert terminal.exit_code == 0, terminal.stderr


@given(parsers.parse('a claim "{text}" in review'))
def a_claim_in_review(terminal: Terminal, text: str) -> None:
    a_claim(terminal, text)
    terminal.run(f"claims review {terminal.claim_id(text)}")
    assert terminal.exit_code == 0, terminal.stderr


@given(parsers.parse('a file "{name}" containing:'))
def a_file(terminal: Terminal, name: str, docstring: str) -> None:
    (terminal.workdir / name).write_text(docstring + "\n", encoding="utf-8")


@given(parsers.parse('a file "{name}" holding "{content}"'))
def a_file_holding(terminal: Terminal, name: str, content: str) -> None:
    """A one-line way to write a small file: \\n and \\t stand for a new line and a tab."""
    (terminal.workdir / name).write_text(content.replace("\\n", "\n").replace("\\t", "\t") + "\n", encoding="utf-8")


@given(parsers.parse('a source "{title}" from "{outlet}" published {published} at "{url}"'))
def a_source(terminal: Terminal, title: str, outlet: str, published: str, url: str) -> None:
    """A source stored as it is, without looking for claims in it."""
    path = terminal.workdir / f"source-{len(list(terminal.workdir.glob('source-*.txt'))) + 1}.txt"
    path.write_text(f"{title}. A story by {outlet}.\n", encoding="utf-8")
    terminal.run(
        f"claims source add {shlex.quote(str(path))} --no-extract --title {shlex.quote(title)} "
        f"--outlet {shlex.quote(outlet)} --published {published} --url {shlex.quote(url)}"
    )
    assert terminal.exit_code == 0, terminal.stderr


@given(parsers.parse("the detector scored {scores}"))
def detector_scored(terminal: Terminal, scores: str) -> None:
    """Stands in for the claim detector, which gives claims found in articles their scores."""
    wanted = {terminal.claim_id(mention): float(score) for mention, score in re.findall(r'"([^"]+)" ([\d.]+)', scores)}
    engine = make_engine(terminal.database_url)
    with engine.begin() as connection:
        for claim_id, score in wanted.items():
            connection.execute(update(Claim).where(Claim.id == claim_id).values(score=score))
    engine.dispose()


@given(parsers.parse("{count:d} claims about the harbour were imported from a spreadsheet"))
def harbour_claims(terminal: Terminal, count: int) -> None:
    """Numbered claims, half of them by the harbour master, imported in numbered order."""
    rows = [
        f"Harbour claim number {number},{'Harbour Master' if number % 2 else 'Port Authority'},fact"
        for number in range(1, count + 1)
    ]
    (terminal.workdir / "harbour.csv").write_text("text,claimant,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    terminal.run("claims import harbour.csv")
    assert terminal.exit_code == 0, terminal.stderr


@when(parsers.parse('I run "{command}"'))
def i_run(terminal: Terminal, command: str) -> None:
    terminal.run(command)


@given(parsers.parse('I ran "{command}"'))
def i_ran(terminal: Terminal, command: str) -> None:
    terminal.run(command)
    assert terminal.exit_code == 0, f"`{command}` failed: {terminal.stderr}"


@when(parsers.parse('I run "{command}" as "{editor}"'))
@given(parsers.parse('editor "{editor}" ran "{command}"'))
def i_run_as(terminal: Terminal, command: str, editor: str) -> None:
    terminal.run(command, editor=editor)


@then("the command succeeds")
def succeeds(terminal: Terminal) -> None:
    assert terminal.exit_code == 0, f"exit {terminal.exit_code}: {terminal.stderr}"


@then(parsers.parse('the command fails with "{message}"'))
def fails_with(terminal: Terminal, message: str) -> None:
    assert terminal.exit_code == 1, f"expected exit 1, got {terminal.exit_code}; stdout: {terminal.stdout}"
    lines = terminal.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), f"expected one error line, got: {terminal.stderr!r}"
    assert message in lines[0], f"{message!r} not in {lines[0]!r}"
    assert "Traceback" not in terminal.stderr + terminal.stdout


@then(parsers.parse('the command is refused as a usage mistake mentioning "{message}"'))
def usage_mistake(terminal: Terminal, message: str) -> None:
    assert terminal.exit_code == 2, f"expected exit 2, got {terminal.exit_code}"
    lines = terminal.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), f"expected one error line, got: {terminal.stderr!r}"
    assert message in lines[0] and "--help" in lines[0], lines[0]


@then(parsers.parse('the output says "{text}"'))
def output_says(terminal: Terminal, text: str) -> None:
    assert text in terminal.stdout, f"{text!r} not in:\n{terminal.stdout}"


@then(parsers.parse('the output does not say "{text}"'))
def output_does_not_say(terminal: Terminal, text: str) -> None:
    assert text not in terminal.stdout, f"{text!r} unexpectedly in:\n{terminal.stdout}"


@then(parsers.parse('the claim about "{mention}" is attributed to "{claimant}"'))
def attributed_to(terminal: Terminal, mention: str, claimant: str) -> None:
    claims = [c for c in terminal.json("claims list") if mention in c["text"]]
    assert claims and all(c["claimant"] == claimant for c in claims), claims


def listed(terminal: Terminal) -> list[dict]:  # type: ignore[type-arg]
    assert terminal.exit_code == 0, terminal.stderr
    return json.loads(terminal.stdout)


@then(parsers.parse('the listed claims are "{text}"'))
def listed_claims_are(terminal: Terminal, text: str) -> None:
    assert [claim["text"] for claim in listed(terminal)] == [text]


@then(parsers.parse("{count:d} claims are listed"))
def count_listed(terminal: Terminal, count: int) -> None:
    assert len(listed(terminal)) == count


@then(parsers.parse('every listed claim mentions "{name}"'))
def all_mention(terminal: Terminal, name: str) -> None:
    for claim in listed(terminal):
        assert name in [entity["name"] for entity in claim["entities"]], claim


@then(parsers.re(r'the claim about "(?P<mention>[^"]+)" is (?P<status>\w+)$'))
def claim_status(terminal: Terminal, mention: str, status: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert claim["status"] == status, f"claim is {claim['status']}, expected {status}"


@then("every claim's history gives its current state")
def history_checks_out(terminal: Terminal) -> None:
    terminal.run("claims db verify")
    assert terminal.exit_code == 0, f"claims db verify failed:\n{terminal.stdout}{terminal.stderr}"


@then(parsers.parse('the claim about "{mention}" has {count:d} history events'))
def history_length(terminal: Terminal, mention: str, count: int) -> None:
    events = terminal.json(f"claims history {terminal.claim_id(mention)}")
    assert len(events) == count, f"{len(events)} events: {[e['kind'] for e in events]}"


@then(parsers.parse('the claim about "{mention}" has {count:d} pieces of evidence'))
def evidence_count(terminal: Terminal, mention: str, count: int) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert len(claim["evidence"]) == count, claim["evidence"]


@then(parsers.parse('the file "{name}" says "{text}"'))
def file_says(terminal: Terminal, name: str, text: str) -> None:
    content = (terminal.workdir / name).read_text(encoding="utf-8")
    assert text in content, f"{text!r} not in {name}:\n{content}"


@when("I move to a new, empty database")
def new_database(terminal: Terminal, empty_database_url: str) -> None:
    """A database with no schema at all, as IT creates it for a restore; the command sets it up."""
    terminal.database_url = empty_database_url
