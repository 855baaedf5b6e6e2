"""The installed `claims` command as an editor runs it: a real process, real exit codes."""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

CLAIMS = [sys.executable, "-m", "claims"]


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CLAIMS_")}
    environment |= {"CLAIMS_EDITOR": "ana", **env}
    return subprocess.run([*CLAIMS, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60)


def test_version(tmp_path: Path) -> None:
    result = run(["--version"], tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("claims ")


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    assert run(["add", "Amazon acquired Zoox"], tmp_path).returncode == 0
    assert (tmp_path / "claims.db").exists(), "the default database is claims.db in the working directory"
    result = run(["show", "999"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: no claim with id 999"


def test_database_url_from_the_environment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    assert run(["add", "Amazon acquired Zoox"], tmp_path, CLAIMS_DATABASE_URL=url).returncode == 0
    listed = run(["--db", url, "list", "--format", "csv"], tmp_path)
    assert "Amazon acquired Zoox" in listed.stdout
    assert not (tmp_path / "claims.db").exists()


def modules_after(tmp_path: Path, args: list[str], prefixes: tuple[str, ...], stdin: str = "") -> tuple[str, list[str]]:
    """Run one command in a fresh interpreter: its output, and which of these modules it loaded."""
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from claims.cli import app\n"
        f"result = CliRunner().invoke(app, {args!r}, input={stdin!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print(repr(result.output))\n"
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={**os.environ, "CLAIMS_EDITOR": "ana", "CLAIMS_DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    output, modules = result.stdout.strip().splitlines()
    return ast.literal_eval(output), ast.literal_eval(modules)


def test_commands_that_do_not_extract_do_not_load_the_detector(tmp_path: Path) -> None:
    """Editors run many small commands; the detector's weights are for `source add` and `extract`."""
    assert run(["--db", f"sqlite:///{tmp_path / 'c.db'}", "add", "Amazon acquired Zoox"], tmp_path).returncode == 0
    _, loaded = modules_after(tmp_path, ["list"], ("claims.extract", "syntok", "trafilatura", "lxml", "urllib.request"))
    assert loaded == []


def test_claimreview_tells_people_from_organisations_without_the_detector() -> None:
    """ClaimReview's export reads the detector's name lists, not its model, splitter or web reader."""
    script = (
        "import sys\n"
        "from claims.claimreview import author_type\n"
        "assert author_type('Jim Carrey', is_outlet=False) == 'Person'\n"
        "print(sorted(m for m in sys.modules if m.startswith(('claims.extract', 'syntok', 'trafilatura'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert ast.literal_eval(result.stdout.strip()) == ["claims.extract", "claims.extract.entities"]


def test_score_streams_without_the_database(tmp_path: Path) -> None:
    """`claims score` is how the detector is measured, often on large files: no database, no session."""
    output, loaded = modules_after(
        tmp_path, ["score"], ("sqlalchemy", "claims.db"), stdin="Amazon acquired Zoox for $1.2bn.\nHello there.\n"
    )
    assert output.count("\n") == 2
    assert loaded == []
    assert not (tmp_path / "c.db").exists()


def test_exporting_claims_does_not_load_the_orm(tmp_path: Path) -> None:
    """The bulk export reads through a Core connection: the ORM and the models would cost it a
    tenth of a second, a third of its whole time on a small desk."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run(["--db", url, "add", "Amazon acquired Zoox"], tmp_path).returncode == 0
    output, loaded = modules_after(
        tmp_path, ["export", "claims", "--format", "csv"], ("sqlalchemy.orm", "claims.models")
    )
    assert "Amazon acquired Zoox" in output
    assert loaded == []


def test_exporting_claimreview_does_not_load_the_orm(tmp_path: Path) -> None:
    """The ClaimReview export streams the published verdicts through a Core connection."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    for args in (["add", "Amazon acquired Zoox"], ["review", "1"], ["confirm", "1", "--evidence", "https://e.org/a"]):
        assert run(["--db", url, *args], tmp_path).returncode == 0
    (tmp_path / "claims.toml").write_text(
        '[organisation]\nname = "X"\nurl = "https://x.example"\n[claimreview]\nreview_url = "https://x.example/{id}"\n'
        'best_rating = 5\nworst_rating = 1\n[claimreview.ratings]\nconfirmed = { value = 5, name = "True" }\n',
        encoding="utf-8",
    )
    output, loaded = modules_after(tmp_path, ["export", "claimreview"], ("sqlalchemy.orm", "claims.models"))
    assert '"claimReviewed": "Amazon acquired Zoox"' in output
    assert loaded == []


@pytest.mark.parametrize("file_format", ["csv", "jsonl"])
def test_line_breaks_of_every_kind_survive_export_and_import(tmp_path: Path, file_format: str) -> None:
    """A note pasted from Windows or a web page keeps its CRLF and U+2028 through a spreadsheet."""
    note = "first line\r\nsecond\u2028third\u0085fourth\rfifth"
    assert run(["add", "Amazon acquired Zoox", "--note", note], tmp_path).returncode == 0
    exported = run(["export", "claims", "--format", file_format, "--output", f"desk.{file_format}"], tmp_path)
    assert exported.returncode == 0, exported.stderr
    second = f"sqlite:///{tmp_path / 'second.db'}"
    imported = run(["--db", second, "import", f"desk.{file_format}"], tmp_path)
    assert imported.returncode == 0, imported.stderr
    again = run(
        ["--db", second, "export", "claims", "--format", file_format, "--output", f"again.{file_format}"], tmp_path
    )
    assert again.returncode == 0, again.stderr
    assert (tmp_path / f"desk.{file_format}").read_bytes() == (tmp_path / f"again.{file_format}").read_bytes()
    first = (tmp_path / f"desk.{file_format}").read_bytes().decode("utf-8")
    if file_format == "csv":
        exported_note = next(csv.DictReader(io.StringIO(first, newline="")))["note"]
    else:
        exported_note = json.loads(first.split("\n")[0])["note"]
    assert exported_note == note


def test_a_database_error_in_the_bulk_export_is_one_line(tmp_path: Path) -> None:
    """The export reads the driver's cursor itself, so the driver's own errors must read as one line too."""
    assert run(["add", "Amazon acquired Zoox"], tmp_path).returncode == 0
    with sqlite3.connect(tmp_path / "claims.db") as connection:
        connection.execute("DROP TABLE evidence")
    result = run(["export", "claims", "--format", "csv"], tmp_path)
    assert result.returncode == 1
    assert result.stderr == "Error: database error: no such table: evidence\n"


def test_an_export_cut_short_by_its_reader_ends_quietly(tmp_path: Path) -> None:
    """`claims export claims | head` is how an editor peeks at a large desk: no traceback for that."""
    rows = "".join(f"Claim number {n} about the desk's work,unverified\n" for n in range(3_000))
    (tmp_path / "desk.csv").write_text("text,status\n" + rows, encoding="utf-8")
    assert run(["import", "desk.csv"], tmp_path).returncode == 0
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CLAIMS_")} | {
        "CLAIMS_EDITOR": "ana"
    }
    export = subprocess.Popen(
        [*CLAIMS, "export", "claims", "--format", "csv"], cwd=tmp_path, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert export.stdout is not None and export.stderr is not None
    assert export.stdout.readline().startswith(b"text,")
    export.stdout.close()  # the reader goes away, as `head -1` does
    stderr = export.stderr.read().decode()
    export.wait(timeout=60)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


@pytest.mark.parametrize(
    "args", [["list"], ["list", "--search", "zoox"], ["show", "1"], ["history", "1"], ["queue"]], ids=" ".join
)
def test_everyday_reads_do_not_load_the_orm(tmp_path: Path, args: list[str]) -> None:
    """list, show, history and queue read through the Core: an editor runs them all day, and the
    ORM and the models would cost each a tenth of a second before it does anything."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run(["--db", url, "add", "Amazon acquired Zoox"], tmp_path).returncode == 0
    output, loaded = modules_after(tmp_path, args, ("sqlalchemy.orm", "claims.models"))
    assert "Amazon acquired Zoox" in output or args == ["history", "1"]
    assert loaded == []


@pytest.mark.parametrize("args", [["list"], ["show", "1"], ["queue"]], ids=" ".join)
def test_everyday_reads_build_only_their_own_command(tmp_path: Path, args: list[str]) -> None:
    """A command imports its own module and no other command's, and reads stored match scores
    without the reranker: building all the commands and their modules cost as much as the command's
    own work after SQLAlchemy and Typer (benchmarks/startup.py)."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run(["--db", url, "add", "Amazon acquired Zoox"], tmp_path).returncode == 0
    others = ("claims.cli.sources", "claims.cli.matching", "claims.cli.backup", "claims.cli.exchange")
    output, loaded = modules_after(tmp_path, args, (*others, "claims.matching.rerank", "claims.matching.text"))
    assert "Amazon acquired Zoox" in output
    assert loaded == []


def test_showing_a_claim_with_stored_matches_does_not_load_the_orm(tmp_path: Path) -> None:
    """`claims show` of a claim seen before lists its matches, read through the Core as well."""
    url = f"sqlite:///{tmp_path / 'c.db'}"
    review = {
        "@type": "ClaimReview",
        "claimReviewed": "Amazon acquired the self-driving startup Zoox",
        "url": "https://checks.example.org/zoox",
        "author": {"@type": "Organization", "name": "Example Checks"},
        "datePublished": "2020-06-27",
        "reviewRating": {"@type": "Rating", "alternateName": "True"},
    }
    (tmp_path / "checks.json").write_text(json.dumps([review]), encoding="utf-8")
    assert run(["--db", url, "factchecks", "import", "checks.json"], tmp_path).returncode == 0
    assert run(["--db", url, "add", "Amazon acquired the startup Zoox"], tmp_path).returncode == 0
    assert run(["--db", url, "add", "Amazon bought the self-driving startup Zoox"], tmp_path).returncode == 0
    output, loaded = modules_after(tmp_path, ["show", "2", "--format", "json"], ("sqlalchemy.orm", "claims.models"))
    matches = json.loads(output)["matches"]
    assert [(found["type"], found["id"]) for found in matches][:1] == [("factcheck", 1)]
    assert ("claim", 1) in [(found["type"], found["id"]) for found in matches]
    assert matches[0]["verdict"] == "True" and matches[0]["reviewed_by"] == "Example Checks"
    assert loaded == []


def _on_a_terminal(args: list[str], cwd: Path, **env: str) -> str:
    """What `claims ARGS` shows when its standard output is a terminal (a pseudo-terminal here)."""
    import pty

    environment = {key: value for key, value in os.environ.items() if not key.startswith("CLAIMS_")}
    environment |= {"CLAIMS_EDITOR": "ana", "COLUMNS": "80", "LINES": "24", **env}
    main, child = pty.openpty()
    process = subprocess.Popen([*CLAIMS, *args], cwd=cwd, env=environment, stdin=child, stdout=child, stderr=child)
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=60)
    os.close(main)
    return output.decode("utf-8", errors="replace")


def test_a_table_on_a_terminal_goes_through_the_pager_unless_told_not_to(tmp_path: Path) -> None:
    """As git does: a pager on a terminal (here one that marks every line), none with --no-pager."""
    assert run(["add", "Amazon acquired Zoox"], tmp_path).returncode == 0
    paged = _on_a_terminal(["list"], tmp_path, PAGER="sed s/^/paged:/")
    assert "paged:" in paged and "Amazon acquired Zoox" in paged
    plain = _on_a_terminal(["list", "--no-pager"], tmp_path, PAGER="sed s/^/paged:/")
    assert "paged:" not in plain and "Amazon acquired Zoox" in plain
    piped = run(["list"], tmp_path, PAGER="sed s/^/paged:/")
    assert "paged:" not in piped.stdout and "Amazon acquired Zoox" in piped.stdout


def test_no_color_means_plain_statuses_on_a_terminal(tmp_path: Path) -> None:
    assert run(["add", "Amazon acquired Zoox"], tmp_path).returncode == 0
    assert run(["review", "1"], tmp_path).returncode == 0
    coloured = _on_a_terminal(["list", "--no-pager"], tmp_path)
    assert "\x1b[33min review" in coloured  # yellow
    plain = _on_a_terminal(["list", "--no-pager"], tmp_path, NO_COLOR="1")
    assert "in review" in plain and "\x1b[33m" not in plain
