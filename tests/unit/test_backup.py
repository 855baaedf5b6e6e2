"""What the backup scenarios leave out: moving a desk between SQLite and PostgreSQL, who may restore
on PostgreSQL, tables and value types the desk does not have yet, and the progress bar."""

from __future__ import annotations

import base64
import io
import json
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Column, Date, DateTime, Float, ForeignKey, Integer, LargeBinary, MetaData, String, Table, text
from typer.testing import CliRunner, Result

from claims.cli import app
from claims.db import make_engine, reading_scope, writing_scope
from claims.errors import InvalidInput
from claims.services.backup import backup_header, read_header, restore_backup, write_backup
from tests.conftest import _admin, _postgres_url, create_test_database, label_test_role

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "000_4553a5a73907e540.txt"
SAVED_PAGE = """<!DOCTYPE html><html><head><title>Geely and Baidu build cars</title>
<link rel="canonical" href="https://news.example.com/geely-baidu"></head>
<body><article><p>Geely and Baidu said on Monday that they would build electric cars together.</p>
<p>The venture will sell its first car within three years, the companies said.</p></article></body></html>
"""


def _claims(url: str, *args: str, editor: str | None = "ana", env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(
        app, list(args), env={"CLAIMS_DATABASE_URL": url, "CLAIMS_EDITOR": editor, "COLUMNS": "200", **(env or {})}
    )
    return result


def _ok(url: str, *args: str, editor: str | None = "ana") -> Result:
    result = _claims(url, *args, editor=editor)
    assert result.exit_code == 0, f"claims {' '.join(args)}: {result.stderr}"
    return result


def _desk_with_two_editors(url: str) -> None:
    """A desk whose history is in two editors' names, with a published verdict and a draft."""
    _ok(url, "source", "add", str(SEED_ARTICLE), "--title", "Tencent teams up with Geely", "--url", "https://e.org/t")
    _ok(url, "editor", "add", "ana")
    _ok(url, "editor", "add", "bo", "--role", "editor")
    _ok(url, "review", "8", editor="bo")
    _ok(url, "confirm", "8", "--evidence", "https://e.org/zoox", "--note", "Press release", editor="bo")
    _ok(url, "approve", "8")
    _ok(url, "review", "11", editor="bo")
    _ok(url, "refute", "11", "--evidence", "https://e.org/denial", editor="bo")
    # One command of several events (they point at its first), and a page with an address of its own.
    _ok(url, "edit", "3", "--claimant", "Baidu", "--kind", "quote", editor="bo")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(SAVED_PAGE, encoding="utf-8")
        _ok(url, "source", "add", str(page), "--no-extract")


def _new_postgres_database(owner: str | None = None) -> str:
    name = f"claims_empty_{uuid.uuid4().hex[:12]}"
    create_test_database(name)
    if owner is not None:
        _admin(f'ALTER DATABASE "{name}" OWNER TO {owner}')
    return name


@pytest.fixture
def postgres_databases(postgres_template: str) -> Iterator[list[str]]:
    """Names of new PostgreSQL databases the test makes; dropped afterwards."""
    made: list[str] = []
    yield made
    for name in made:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_desk_moves_from_sqlite_to_postgresql_and_back_unchanged(
    tmp_path: Path, postgres_databases: list[str]
) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'desk.db'}"
    _desk_with_two_editors(sqlite_url)
    _ok(sqlite_url, "backup", str(tmp_path / "from-sqlite.jsonl"))

    postgres_databases.append(_new_postgres_database())
    postgres_url = _postgres_url(postgres_databases[0])
    _ok(postgres_url, "restore", str(tmp_path / "from-sqlite.jsonl"), editor=None)
    _ok(postgres_url, "backup", str(tmp_path / "from-postgres.jsonl"))
    assert (tmp_path / "from-sqlite.jsonl").read_bytes() == (tmp_path / "from-postgres.jsonl").read_bytes()
    source = json.loads(_ok(postgres_url, "source", "show", "2", "--format", "json").stdout)
    assert source["canonical_url"] == "https://news.example.com/geely-baidu"
    history = json.loads(_ok(postgres_url, "history", "3", "--format", "json").stdout)
    assert [event["part_of"] for event in history if event["kind"] == "edited"] == [None, history[-2]["id"]]

    back_url = f"sqlite:///{tmp_path / 'back.db'}"
    _ok(back_url, "restore", str(tmp_path / "from-postgres.jsonl"))
    _ok(back_url, "backup", str(tmp_path / "back.jsonl"))
    assert (tmp_path / "back.jsonl").read_bytes() == (tmp_path / "from-sqlite.jsonl").read_bytes()
    assert "all 12 claims replays" in _ok(postgres_url, "db", "verify").stdout


def test_on_postgresql_only_the_login_that_owns_the_tables_restores(
    tmp_path: Path, postgres_databases: list[str]
) -> None:
    """The owner need not be a superuser: the "login acts as itself" triggers exempt whoever is a
    member of the tables' owner. A desk login is refused before anything is written."""
    sqlite_url = f"sqlite:///{tmp_path / 'desk.db'}"
    _desk_with_two_editors(sqlite_url)
    _ok(sqlite_url, "backup", str(tmp_path / "desk.jsonl"))

    suffix = uuid.uuid4().hex[:8]
    owner, login = f"owner_{suffix}", f"ana_{suffix}"
    for role in (owner, login):
        _admin(f"CREATE ROLE {role} LOGIN")
        label_test_role(role)
    try:
        postgres_databases.append(_new_postgres_database(owner=owner))
        database = postgres_databases[0]
        owner_url = _postgres_url(database).replace("postgres@", f"{owner}@", 1)
        _ok(owner_url, "db", "upgrade")
        _admin(f"GRANT CONNECT ON DATABASE {database} TO {login}")
        engine = make_engine(owner_url)
        with engine.begin() as connection:
            connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {login}"))
            connection.execute(text(f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {login}"))
            connection.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {login}"))
        engine.dispose()

        refused = _claims(owner_url.replace(f"{owner}@", f"{login}@", 1), "restore", str(tmp_path / "desk.jsonl"))
        assert refused.exit_code == 1
        assert refused.stderr == (
            f"Error: restoring is a job for the login that owns the tables ({owner}): a backup holds every "
            f"editor's work, which PostgreSQL lets no other login write, and you are logged in as {login}\n"
        )
        assert _ok(owner_url, "list", "--format", "json").stdout.strip() == "[]"

        _ok(owner_url, "restore", str(tmp_path / "desk.jsonl"), editor=None)
        _ok(owner_url, "backup", str(tmp_path / "again.jsonl"))
        assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "desk.jsonl").read_bytes()
    finally:
        for name in postgres_databases:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres_databases.clear()
        for role in (owner, login):
            _admin(f"DROP ROLE IF EXISTS {role}")


def _future_tables() -> list[Table]:
    """Tables the desk does not have, with types it does not use yet and a row pointing ahead."""
    metadata = MetaData()
    desks = Table(
        "desks",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(50)),
        Column("merged_into", Integer, ForeignKey("desks.id")),
        Column("logo", LargeBinary),
        Column("weight", Float),
        Column("opened", Date),
        Column("seen_at", DateTime(timezone=True)),
        Column("local_at", DateTime),
    )
    notes = Table(
        "desk_notes",
        metadata,
        Column("code", String(20), primary_key=True),
        Column("desk_id", Integer, ForeignKey("desks.id")),
    )
    return [desks, notes]


@pytest.fixture
def two_empty_urls(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
        return
    made = request.getfixturevalue("postgres_databases")
    made.extend([_new_postgres_database(), _new_postgres_database()])
    yield _postgres_url(made[0]), _postgres_url(made[1])


def test_a_table_added_later_comes_back_exactly_with_no_change_to_the_backup(two_empty_urls: tuple[str, str]) -> None:
    tables = _future_tables()
    desks, notes = tables
    first, second = (make_engine(url) for url in two_empty_urls)
    try:
        for engine in (first, second):
            tables[0].metadata.create_all(engine)
        with writing_scope(first) as connection:
            # Desk 1 was merged into desk 3, which comes after it (so desk 3 is written first here).
            for rows in (
                [{"id": 3, "name": "Ünïcode \u2028 \"quoted\"\n", "merged_into": None, "logo": None,
                  "weight": 1 / 3, "opened": date(2026, 2, 28), "seen_at": None, "local_at": None}],
                [{"id": 1, "name": "Wire", "merged_into": 3, "logo": bytes(range(256)), "weight": 0.1 + 0.2,
                  "opened": date(1999, 12, 31), "seen_at": datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
                  "local_at": datetime(2026, 1, 2, 3, 4, 5)},
                 {"id": 2, "name": "Sport", "merged_into": 2, "logo": b"", "weight": 5e-324, "opened": None,
                  "seen_at": None, "local_at": None}],
            ):  # fmt: skip
                connection.execute(desks.insert(), rows)
            connection.execute(notes.insert(), [{"code": "b", "desk_id": 1}, {"code": "B", "desk_id": 3}])
        backup = _backup(first, tables)
        assert base64.b64encode(bytes(range(256))).decode() in backup
        assert "0.30000000000000004" in backup and "5e-324" in backup
        assert '"2026-01-02T03:04:05.000006+00:00"' in backup and '"2026-01-02T03:04:05.000000"' in backup

        with writing_scope(second) as connection:
            # Split at line feeds only: a row may hold U+2028, which str.splitlines() would take for one.
            lines = iter(backup.rstrip("\n").split("\n"))
            restore_backup(connection, read_header(next(lines), "test"), lines, name="test", tables=tables)
        assert _backup(second, tables) == backup
        with reading_scope(second) as connection:
            assert connection.execute(text("SELECT merged_into FROM desks ORDER BY id")).scalars().all() == [3, 2, None]
    finally:
        first.dispose()
        second.dispose()


def _backup(engine, tables: list[Table]) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    with reading_scope(engine, snapshot=True) as connection:
        write_backup(connection, backup_header(connection, tables), out, tables=tables)
    return out.getvalue()


@pytest.mark.parametrize("content", ["text,status\nAmazon acquired Zoox,\n", "", '{"format": "claims backup"}\n'])
def test_a_file_that_is_not_a_backup_is_refused(content: str) -> None:
    with pytest.raises(InvalidInput, match="^desk.csv is not a claims backup"):
        read_header(content.split("\n")[0], "desk.csv")


def test_a_long_backup_and_restore_show_a_progress_bar_at_a_terminal_only(tmp_path: Path) -> None:
    sheet = tmp_path / "big.csv"
    sheet.write_text("text\n" + "".join(f"Claim number {number}\n" for number in range(3000)), encoding="utf-8")
    first, second = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    _ok(first, "import", str(sheet))
    terminal = {"TTY_COMPATIBLE": "1", "COLUMNS": "100"}
    backed_up = _claims(first, "backup", str(tmp_path / "big.jsonl"), env=terminal)
    assert backed_up.exit_code == 0 and "Backing up" in backed_up.stderr, backed_up.stderr
    restored = _claims(second, "restore", str(tmp_path / "big.jsonl"), env=terminal)
    assert restored.exit_code == 0 and "Restoring" in restored.stderr, restored.stderr
    piped = _claims(second, "backup", "-")
    assert piped.exit_code == 0 and piped.stderr == ""
    assert piped.stdout.encode() == (tmp_path / "big.jsonl").read_bytes()


def test_a_table_this_claims_does_not_know_stops_the_backup(tmp_path: Path) -> None:
    """Rather than a backup that silently leaves it out."""
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    _ok(url, "add", "Amazon acquired the startup Zoox")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE scratch (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    result = _claims(url, "backup", str(tmp_path / "desk.jsonl"))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the database has tables this version of claims does not know (scratch): "
        "back it up with the version that made them\n"
    )
    assert not (tmp_path / "desk.jsonl").exists()
