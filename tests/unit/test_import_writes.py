"""How `claims import` writes a large file: SQLite's search index fed a chunk of claims at a time
(its insert trigger taken out for the import and put back as it was), the articles the rows name
read when needed and only a few kept, and the file read a line at a time."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import Result

import claims.services.exchange as exchange
from claims.db import make_engine
from claims.exchange import FileFormat, read_rows
from tests.invoke import invoke

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "000_4553a5a73907e540.txt"
TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'claims_search_insert'"


def _claims(url: str, *args: str) -> Result:
    return invoke(list(args), env={"CLAIMS_DATABASE_URL": url, "CLAIMS_EDITOR": "ana", "COLUMNS": "200"})


def _ok(url: str, *args: str) -> Result:
    result = _claims(url, *args)
    assert result.exit_code == 0, f"claims {' '.join(args)}: {result.stderr}"
    return result


def _spreadsheet(path: Path, count: int, *, bad_row: int | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["text", "status", "evidence_url", "note"])
        for number in range(1, count + 1):
            status = "finished" if number == bad_row else ("confirmed" if number % 3 == 0 else "")
            evidence = "https://example.org/e" if number % 3 == 0 else ""
            writer.writerow([f"Harbour tonnage report number {number}", status, evidence, ""])
    return path


def _found(url: str, words: str) -> list[str]:
    result = _ok(url, "list", "--search", words, "--all", "--format", "csv")
    return [row["text"] for row in csv.DictReader(io.StringIO(result.stdout))]


def _sqlite_index_checks_out(url: str) -> str:
    """Run FTS5's own check of the index against the claims (raises if they differ); the trigger's SQL."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO claims_search (claims_search, rank) VALUES ('integrity-check', 1)"))
            indexed = connection.execute(text("SELECT count(*) FROM claims_search")).scalar_one()
            claims = connection.execute(text("SELECT count(*) FROM claims")).scalar_one()
            assert indexed == claims
            return str(connection.execute(text(TRIGGER)).scalar_one())
    finally:
        engine.dispose()


def test_imported_claims_are_found_and_the_index_is_exactly_right(database_url: str, tmp_path: Path) -> None:
    sqlite = database_url.startswith("sqlite")
    trigger = _sqlite_index_checks_out(database_url) if sqlite else ""
    # More rows than a chunk: the index is fed chunk by chunk.
    _ok(database_url, "import", str(_spreadsheet(tmp_path / "desk.csv", exchange.CHUNK_ROWS + 7)))
    assert _found(database_url, "tonnage 5003") == ["Harbour tonnage report number 5003"]
    assert len(_found(database_url, "harbour tonnage")) == exchange.CHUNK_ROWS + 7
    # The database keeps the index in step again: an article's claims, added afterwards, are found.
    _ok(database_url, "source", "add", str(SEED_ARTICLE), "--title", "Tencent teams up with Geely")
    assert _found(database_url, "zoox") == ["Amazon acquired the startup Zoox"]
    if sqlite:
        assert _sqlite_index_checks_out(database_url) == trigger


def test_a_refused_import_leaves_the_index_and_its_trigger_as_they_were(database_url: str, tmp_path: Path) -> None:
    sqlite = database_url.startswith("sqlite")
    trigger = _sqlite_index_checks_out(database_url) if sqlite else ""
    bad = exchange.CHUNK_ROWS + 2  # refused in the second chunk, after the first was written
    result = _claims(database_url, "import", str(_spreadsheet(tmp_path / "desk.csv", bad + 5, bad_row=bad)))
    assert result.exit_code == 1
    assert f"row {bad}, status: unknown status 'finished'" in result.stderr
    assert _found(database_url, "harbour") == []
    _ok(database_url, "source", "add", str(SEED_ARTICLE), "--title", "Tencent teams up with Geely")
    assert _found(database_url, "zoox") == ["Amazon acquired the startup Zoox"]
    if sqlite:
        assert _sqlite_index_checks_out(database_url) == trigger


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_trigger_the_import_does_not_recognise_is_left_to_do_its_work(database_url: str, tmp_path: Path) -> None:
    """A later migration may index claims differently: the import then leaves the trigger alone."""
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER claims_search_insert"))
        connection.execute(
            text(
                "CREATE TRIGGER claims_search_insert AFTER INSERT ON claims WHEN new.text <> '' BEGIN "
                "INSERT INTO claims_search (rowid, text, sentence) VALUES (new.id, new.text, new.sentence); END"
            )
        )
    engine.dispose()
    trigger = _sqlite_index_checks_out(database_url)
    _ok(database_url, "import", str(_spreadsheet(tmp_path / "desk.csv", 30)))
    assert len(_found(database_url, "harbour")) == 30
    assert _sqlite_index_checks_out(database_url) == trigger


def test_rows_name_more_articles_than_are_kept_and_each_claim_is_still_placed(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "other.txt").write_text("Acme sold 40 ships to the port of Rotterdam in 2020.\n", encoding="utf-8")
    _ok(
        database_url,
        "source",
        "add",
        str(SEED_ARTICLE),
        "--title",
        "Tencent",
        "--url",
        "https://e.org/t",
        "--no-extract",
    )
    _ok(
        database_url,
        "source",
        "add",
        str(tmp_path / "other.txt"),
        "--title",
        "Acme",
        "--url",
        "https://e.org/a",
        "--no-extract",
    )
    monkeypatch.setattr(exchange, "ARTICLE_CHARACTERS_KEPT", 10)  # one article at a time: read again when named again
    rows = ["Amazon acquired the startup Zoox", "Acme sold 40 ships", "set out to conquer this market in 2018"]
    path = tmp_path / "desk.csv"
    path.write_text(
        "text,source_url\n"
        + "".join(
            f"{wording},{url}\n"
            for wording, url in zip(rows, ["https://e.org/t", "https://e.org/a", "https://e.org/t"], strict=True)
        ),
        encoding="utf-8",
    )
    _ok(database_url, "import", str(path))
    engine = make_engine(database_url)
    with engine.connect() as connection:
        placed = connection.execute(text("SELECT text, sentence FROM claims ORDER BY id")).all()
    engine.dispose()
    assert [(wording, sentence) for wording, sentence in placed] == [(wording, wording) for wording in rows]


LINES = {
    FileFormat.csv: 'text,note\r\nAmazon acquired Zoox,"one\r\ntwo\rthree"\r\n\r\nMicrosoft invested in Cruise,\r\n',
    FileFormat.tsv: "text\tnote\nAmazon acquired Zoox\tone\n\nMicrosoft invested in Cruise\t\n",
    FileFormat.jsonl: '{"text": "Amazon acquired Zoox", "note": "one\\u2028two"}\n\n{"text": "Microsoft invested in Cruise"}',
}


@pytest.mark.no_database
@pytest.mark.parametrize("file_format", list(LINES))
def test_a_file_read_a_line_at_a_time_gives_the_rows_the_whole_text_gives(file_format: FileFormat) -> None:
    whole = LINES[file_format]
    lines = io.StringIO(whole, newline="\n")
    assert list(read_rows(iter(lines), file_format)) == list(read_rows(whole, file_format))


@pytest.mark.no_database
def test_json_lines_from_an_old_mac_are_read_a_line_at_a_time_too() -> None:
    pieces = iter(['{"text": "Amazon acquired Zoox"}\r{"text": "Microsoft invested in Cruise"}\r'])
    assert [row["text"] for _, row in read_rows(pieces, FileFormat.jsonl)] == [
        "Amazon acquired Zoox",
        "Microsoft invested in Cruise",
    ]


@pytest.mark.no_database
def test_a_nul_in_a_line_read_later_is_refused_naming_its_line() -> None:
    lines = iter(["text\n", "Amazon acquired Zoox\n", "Micro\x00soft\n"])
    with pytest.raises(Exception, match="line 3: a NUL character"):
        list(read_rows(lines, FileFormat.csv))


TALLY_TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'claim_tallies_insert'"


def _kept_counts(url: str) -> tuple[list[tuple[object, ...]], str]:
    """The claim tallies (none at 0) and, on SQLite, the tally trigger's SQL."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            kept = connection.execute(
                text(
                    "SELECT status, kind, assignee, signed, claims FROM claim_tallies WHERE claims <> 0 ORDER BY 1, 2, 3, 4"
                )
            ).all()
            sqlite = engine.dialect.name == "sqlite"
            trigger = str(connection.execute(text(TALLY_TRIGGER)).scalar_one()) if sqlite else ""
    finally:
        engine.dispose()
    return [tuple(row) for row in kept], trigger


def test_an_import_keeps_the_counts_and_their_trigger_as_the_trigger_would(database_url: str, tmp_path: Path) -> None:
    """On SQLite the import counts a chunk at a time, its trigger taken out: the counts come out
    as the trigger gives them, added to those of the claims already there, and it is put back."""
    _ok(database_url, "import", str(_spreadsheet(tmp_path / "first.csv", 4)))
    _, trigger = _kept_counts(database_url)
    _ok(database_url, "import", str(_spreadsheet(tmp_path / "desk.csv", exchange.CHUNK_ROWS + 7)))
    kept, trigger_after = _kept_counts(database_url)
    confirmed = (exchange.CHUNK_ROWS + 7) // 3 + 4 // 3
    assert kept == [
        ("confirmed", "fact", "", 1, confirmed),
        ("unverified", "fact", "", 0, exchange.CHUNK_ROWS + 11 - confirmed),
    ]
    assert trigger_after == trigger
    assert "agree with the claims" in _ok(database_url, "db", "verify").stdout
    # The database counts again: a claim added afterwards is counted by the trigger.
    _ok(database_url, "add", "Harbour tonnage fell by half")
    assert _kept_counts(database_url)[0][1][-1] == exchange.CHUNK_ROWS + 12 - confirmed


def test_a_refused_import_leaves_the_counts_and_their_trigger_as_they_were(database_url: str, tmp_path: Path) -> None:
    _ok(database_url, "import", str(_spreadsheet(tmp_path / "first.csv", 4)))
    before = _kept_counts(database_url)
    bad = exchange.CHUNK_ROWS + 2  # refused in the second chunk, after the first was counted
    result = _claims(database_url, "import", str(_spreadsheet(tmp_path / "desk.csv", bad + 5, bad_row=bad)))
    assert result.exit_code == 1
    assert _kept_counts(database_url) == before
    _ok(database_url, "add", "Harbour tonnage fell by half")
    assert "agree with the claims" in _ok(database_url, "db", "verify").stdout
