"""What only PostgreSQL shows: editors acting at the very same moment, and one login per editor."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import Result

from claims.cli.context import AppContext
from claims.db import make_engine, session_scope
from claims.errors import ConflictError
from claims.models import Source
from claims.services.casework import add_note
from claims.services.claims import add_claim
from claims.services.common import claim_to_change
from claims.services.sources import add_source
from tests.conftest import _admin, _postgres_url, create_test_database, label_test_role
from tests.invoke import invoke


# SQLite writers take the write lock before they read (BEGIN IMMEDIATE), so they never interleave.
@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_change_committed_between_read_and_write_is_a_conflict(database_url: str) -> None:
    """Both editors read version 1; bo commits first; ana's write must not land on top of it."""
    ana, bo = AppContext(database_url, "ana"), AppContext(database_url, "bo")
    try:
        with ana.session(write=True) as session:
            claim_id = add_claim(session, text="Amazon acquired the startup Zoox", editor="ana").id
        with pytest.raises(
            ConflictError, match=rf"^claim {claim_id} was changed by bo at \d\d:\d\d while you were working"
        ):
            with ana.session(write=True) as session:
                # ana reads version 1 (and holds on to it, as a command does: the session's identity
                # map is weak, so a claim nobody refers to would be read afresh) ...
                claim = claim_to_change(session, claim_id)
                with bo.session(write=True) as other:  # ... bo changes the claim and commits ...
                    add_note(other, claim_id=claim_id, text="bo's note", editor="bo")
                add_note(session, claim_id=claim.id, text="ana's note", editor="ana")  # ... ana writes.
        with ana.session() as session:
            notes = session.scalars(text("SELECT note FROM claim_events WHERE kind = 'note'")).all()
        assert notes == ["bo's note"]
    finally:
        ana.close()
        bo.close()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_two_articles_for_one_imported_source_at_once_fill_it_once(database_url: str, tmp_path: Path) -> None:
    """Ana and bo both add an article for the address a spreadsheet named; bo commits first, so
    ana's, read before bo's landed, must not overwrite it."""
    url = "https://example.org/acme-q3"
    (tmp_path / "desk.csv").write_text(f"text,source_url\nAcme's revenue rose 12%,{url}\n", encoding="utf-8")
    imported = invoke(
        ["import", str(tmp_path / "desk.csv")], env={"CLAIMS_DATABASE_URL": database_url, "CLAIMS_EDITOR": "ana"}
    )
    assert imported.exit_code == 0, imported.stderr
    ana, bo = AppContext(database_url, "ana"), AppContext(database_url, "bo")
    try:
        with pytest.raises(ConflictError, match=r"^source 1 was given its text by someone else while you were working"):
            with ana.session(write=True) as session:
                waiting = session.get(Source, 1)  # ana reads the source while it has no text ...
                assert waiting is not None and waiting.text == ""
                with bo.session(write=True) as other:  # ... bo's article fills it and commits ...
                    add_source(other, text="Acme said revenue rose 12%.", url=url, editor="bo", extract=False)
                add_source(session, text="Acme's revenue rose 12%, Acme said.", url=url, editor="ana", extract=False)
        with ana.session() as session:
            assert session.scalars(text("SELECT text FROM sources")).all() == ["Acme said revenue rose 12%."]
    finally:
        ana.close()
        bo.close()


@pytest.fixture
def two_logins(postgres_template: str) -> Iterator[tuple[str, str, str]]:
    """A desk database and two editors' own PostgreSQL logins, set up as the README told IT to before docs/setup_desk.sql (which narrows their rights)."""
    suffix = uuid.uuid4().hex[:8]
    database, group, ana, bo = f"claims_desk_{suffix}", f"desk_{suffix}", f"ana_{suffix}", f"bo_{suffix}"
    create_test_database(database, template=postgres_template)
    engine = make_engine(_postgres_url(database))
    with engine.begin() as connection:
        for statement in (
            f"CREATE ROLE {group} NOLOGIN",
            f"GRANT CONNECT ON DATABASE {database} TO {group}",
            f"GRANT USAGE ON SCHEMA public TO {group}",
            f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {group}",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {group}",
            # What is derived again when a claim changes: its entities, its vector, its matches.
            f"GRANT DELETE ON claim_entities, claim_vectors, claim_matches TO {group}",
            f"CREATE ROLE {ana} LOGIN IN ROLE {group}",
            f"CREATE ROLE {bo} LOGIN IN ROLE {group}",
        ):
            connection.execute(text(statement))
    engine.dispose()
    for role in (group, ana, bo):
        label_test_role(role)
    try:
        yield database, ana, bo
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for role in (ana, bo, group):
            _admin(f"DROP ROLE IF EXISTS {role}")


def _claims(database: str, login: str, command: str) -> Result:
    url = _postgres_url(database).replace("postgres@", f"{login}@", 1)
    return invoke(command.split(), env={"CLAIMS_DATABASE_URL": url, "CLAIMS_EDITOR": None})


def test_one_login_cannot_sign_off_as_another(
    two_logins: tuple[str, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, ana, bo = two_logins
    monkeypatch.chdir(tmp_path)
    Path("claims.toml").write_text('identity = "database"\n', encoding="utf-8")
    Path("plain.toml").write_text("", encoding="utf-8")

    for command in (f"editor add {ana}", f"editor add {bo} --role editor", "add Amazon-acquired-Zoox", "review 1",
                    "confirm 1 --evidence https://example.org/pr"):  # fmt: skip
        result = _claims(database, ana, command)
        assert result.exit_code == 0, result.stderr

    # claims will not let ana name herself bo ...
    result = _claims(database, ana, f"--editor {bo} approve 1")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: you are logged in to the database as {ana}: this desk names editors by their login "
        f'(identity = "database" in claims.toml), so --editor {bo} cannot change it\n'
    )
    # ... even when she points claims at a settings file that trusts --editor: her login is on the list ...
    result = _claims(database, ana, f"--config plain.toml --editor {bo} approve 1")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: you are logged in to the database as {ana}, an editor on this desk's list: "
        f"--editor {bo} cannot change who you are\n"
    )
    # ... and PostgreSQL refuses when she writes the sign-off herself, bypassing claims.
    engine = make_engine(_postgres_url(database).replace("postgres@", f"{ana}@", 1))
    try:
        for statement in (
            f"UPDATE claims SET signed_off_by = '{bo}', signed_off_at = now() WHERE id = 1",
            f"INSERT INTO claim_events (claim_id, kind, editor, created_at) VALUES (1, 'approved', '{bo}', now())",
            # A claim inserted already signed off, as `claims import` of a published verdict does.
            "INSERT INTO claims (text, kind, status, created_at, updated_at, signed_off_by, signed_off_at, version) "
            f"VALUES ('Zoox makes robotaxis', 'fact', 'confirmed', now(), now(), '{bo}', now(), 1)",
            f"UPDATE evidence SET editor = '{bo}' WHERE claim_id = 1",
        ):
            with pytest.raises(DBAPIError, match=f"database login {ana} cannot act as {bo}"):
                with engine.begin() as connection:
                    connection.execute(text(statement))
    finally:
        engine.dispose()
    # Nor can she import a verdict signed off in his name, though claims lets a chief import colleagues' work.
    Path("published.csv").write_text(
        f"text,status,evidence_url,editor,signed_off_by\nZoox makes robotaxis,confirmed,https://example.org/zoox,{ana},{bo}\n",
        encoding="utf-8",
    )
    result = _claims(database, ana, f"--config plain.toml --editor {ana} import published.csv")
    assert result.exit_code == 1
    assert result.stderr == f"Error: database error: database login {ana} cannot act as {bo}\n"
    # She cannot approve her own verdict either; bo, logged in as himself, can.
    assert "a second editor must approve it" in _claims(database, ana, "approve 1").stderr
    result = _claims(database, bo, "approve 1")
    assert result.exit_code == 0, result.stderr
    assert f"signed off by {bo}" in result.stdout

    engine = make_engine(_postgres_url(database))
    try:
        with session_scope(engine) as session:
            events = session.scalars(text("SELECT kind || ':' || editor FROM claim_events ORDER BY id")).all()
            signed_off_by = session.scalar(text("SELECT signed_off_by FROM claims WHERE id = 1"))
    finally:
        engine.dispose()
    assert signed_off_by == bo
    assert events == [f"created:{ana}", f"status_changed:{ana}", f"evidence_added:{ana}", f"status_changed:{ana}",
                      f"approved:{bo}"]  # fmt: skip


def test_moments_read_in_utc_whatever_zone_the_session_would_have(database_url: str, tmp_path: Path) -> None:
    """A desk spans time zones: the export must not depend on the server's or the editor's."""
    environment = {"CLAIMS_DATABASE_URL": database_url, "CLAIMS_EDITOR": "ana", "PGTZ": "Asia/Kolkata"}
    (tmp_path / "desk.csv").write_text(
        "text,status,evidence_url,verdict_at\nAmazon acquired Zoox,confirmed,https://example.org/pr,2024-03-01T09:30:00+05:30\n",
        encoding="utf-8",
    )
    assert invoke(["import", str(tmp_path / "desk.csv")], env=environment).exit_code == 0
    exported = invoke(["export", "claims", "--format", "jsonl"], env=environment)
    assert '"verdict_at": "2024-03-01T04:00:00+00:00"' in exported.stdout
