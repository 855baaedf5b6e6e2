"""The desk's rules held by PostgreSQL itself: an editor's login that bypasses claims with plain
SQL is refused, and the everyday work through claims still goes through, on a desk set up with
docs/setup_desk.sql exactly as the README tells IT to."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from typer.testing import Result

from claims.db import SCHEMA_REVISION, make_engine
from tests.conftest import _admin, _admin_url, _postgres_url, create_test_database, label_test_role
from tests.invoke import invoke

SETUP_SCRIPT = Path(__file__).parents[2] / "docs" / "setup_desk.sql"


@dataclass
class Desk:
    database: str
    ana: str  # the chief
    bo: str  # an editor
    eve: str  # a login of the desk's group who is not on the editor list

    def url(self, login: str = "postgres") -> str:
        return _postgres_url(self.database).replace("postgres@", f"{login}@", 1)

    def claims(self, login: str, *args: str) -> Result:
        return invoke(list(args), env={"CLAIMS_DATABASE_URL": self.url(login), "CLAIMS_EDITOR": None})

    def ok(self, login: str, *args: str) -> Result:
        result = self.claims(login, *args)
        assert result.exit_code == 0, result.stderr
        return result

    def scalar(self, query: str) -> object:
        engine = make_engine(self.url())
        try:
            with engine.begin() as connection:
                return connection.execute(text(query)).scalar()
        finally:
            engine.dispose()


@pytest.fixture
def desk(postgres_template: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desk]:
    """A migrated database, docs/setup_desk.sql run on it by a superuser, and three logins."""
    suffix = uuid.uuid4().hex[:8]
    database, group = f"claims_guards_{suffix}", f"desk_{suffix}"
    found = Desk(database, f"ana_{suffix}", f"bo_{suffix}", f"eve_{suffix}")
    create_test_database(database, template=postgres_template)
    try:
        ran = subprocess.run(
            ["psql", "-X", "-q", "-d", _admin_url(database), "-v", "owner=postgres", "-v", f"desk={group}",
             "-f", str(SETUP_SCRIPT)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        label_test_role(group)
        assert ran.returncode == 0 and not ran.stderr, ran.stderr
        for login in (found.ana, found.bo, found.eve):
            _admin(f"CREATE ROLE {login} LOGIN IN ROLE {group}")
            label_test_role(login)
        monkeypatch.chdir(tmp_path)
        Path("claims.toml").write_text('identity = "database"\n', encoding="utf-8")
        yield found
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for role in (found.ana, found.bo, found.eve, group):
            _admin(f"DROP ROLE IF EXISTS {role}")


def _refused(engine: Engine, *statements: str, match: str) -> None:
    """STATEMENTS, in one transaction, are refused and leave nothing written."""
    with pytest.raises(DBAPIError, match=match):
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))


def _start_the_desk(desk: Desk) -> None:
    """Ana, the chief, and bo, an editor; claim 1 holds bo's draft verdict, claim 2 ana's verdict
    that bo published."""
    ana, bo = desk.ana, desk.bo
    desk.ok(ana, "editor", "add", ana)
    desk.ok(ana, "editor", "add", bo, "--role", "editor")
    desk.ok(ana, "add", "Acme grew 5% last year")
    desk.ok(ana, "add", "Zoox makes robotaxis")
    desk.ok(bo, "review", "1")
    desk.ok(bo, "confirm", "1", "--evidence", "https://example.org/acme")
    desk.ok(ana, "review", "2")
    desk.ok(ana, "confirm", "2", "--evidence", "https://example.org/zoox")
    desk.ok(bo, "approve", "2")


def test_an_editor_login_cannot_bypass_the_desk_rules_with_sql(desk: Desk) -> None:
    _start_the_desk(desk)
    ana, bo = desk.ana, desk.bo
    as_bo, as_eve = make_engine(desk.url(bo)), make_engine(desk.url(desk.eve))
    try:
        # Publishing his own verdict, with or without an approval in his name.
        own_sign_off = f"UPDATE claims SET signed_off_by = '{bo}', signed_off_at = now() WHERE id = 1"
        forged_approval = (
            "INSERT INTO claim_events (claim_id, kind, from_status, to_status, editor, created_at) "
            f"VALUES (1, 'approved', 'confirmed', 'confirmed', '{bo}', now())"
        )
        _refused(as_bo, own_sign_off, match="claim 1: its sign-off does not match an approval in its history")
        _refused(as_bo, forged_approval, match=f"{bo} gave claim 1 its verdict: a second editor must approve it")
        _refused(as_bo, forged_approval, own_sign_off, match="a second editor must approve it")
        # Or a claim of his own with a verdict its history never gave.
        _refused(
            as_bo,
            "INSERT INTO claims (id, text, kind, status, created_at, updated_at, version) "
            "VALUES (99, 'Acme tripled', 'fact', 'confirmed', now(), now(), 1)",
            forged_approval.replace("VALUES (1,", "VALUES (99,"),
            match="claim 99 has no verdict in its history to approve",
        )
        # Un-publishing a colleague's verdict.
        _refused(
            as_bo, "UPDATE claims SET signed_off_by = NULL, signed_off_at = NULL WHERE id = 2",
            match="claim 2: a published verdict is withdrawn only by changing its status",
        )  # fmt: skip
        # Changes that skip the history, even with some other entry of his own beside them.
        for change, field in (("text = 'Acme shrank'", "text"), ("claimant = 'Acme'", "claimant"),
                              ("kind = 'quote'", "kind"), ("status = 'refuted'", "status"),
                              (f"assignee = '{bo}'", "assignee")):  # fmt: skip
            _refused(
                as_bo,
                f"INSERT INTO claim_events (claim_id, kind, editor, note, created_at) VALUES (1, 'note', '{bo}', 'x', now())",
                f"UPDATE claims SET {change} WHERE id = 1",
                match=f"claim 1: its {field} changed without its history",
            )
        _refused(
            as_bo, f"UPDATE evidence SET url = 'https://evil.example' WHERE editor = '{ana}'", match="permission denied"
        )
        _refused(as_bo, "UPDATE claim_events SET note = 'rewritten' WHERE id = 1", match="permission denied")
        _refused(as_bo, "UPDATE claim_tallies SET claims = claims + 1", match="permission denied")
        _refused(as_bo, "INSERT INTO entity_tallies VALUES (1, 'confirmed', 99)", match="permission denied")
        # Roles: making himself chief, demoting or renaming the chief, or writing their history.
        _refused(as_bo, f"UPDATE editors SET role = 'chief' WHERE name = '{bo}'", match=f"login {bo} is not a chief")
        _refused(as_bo, f"UPDATE editors SET role = 'reporter' WHERE name = '{ana}'", match="only a chief changes")
        _refused(as_bo, f"UPDATE editors SET name = 'nobody' WHERE name = '{ana}'", match="only a chief changes")
        _refused(as_bo, f"DELETE FROM editors WHERE name = '{ana}'", match="permission denied")
        _refused(
            as_bo, "INSERT INTO editor_events (name, old_role, role, by, created_at) "
            f"VALUES ('{bo}', 'editor', 'chief', '{bo}', now())", match="only a chief changes",
        )  # fmt: skip
        _refused(as_bo, "UPDATE editor_events SET role = 'chief'", match="permission denied")
        _refused(
            as_eve, f"INSERT INTO editors (name, role, added_by, created_at) VALUES ('{desk.eve}', 'chief', '{desk.eve}', now())",
            match=f"login {desk.eve} is not a chief",
        )  # fmt: skip
        # Even the chief changes a role only with its entry in the list's history.
        as_ana = make_engine(desk.url(ana))
        try:
            _refused(
                as_ana, f"UPDATE editors SET role = 'chief' WHERE name = '{bo}'",
                match=f"editor {bo} changed without its history",
            )  # fmt: skip
        finally:
            as_ana.dispose()
        # Stopping the desk.
        _refused(as_bo, "UPDATE alembic_version SET version_num = '0099'", match="permission denied")
        _refused(as_bo, "DELETE FROM alembic_version", match="permission denied")
        # Hijacking the guards: a login may not create functions in public, and where it could
        # (PostgreSQL 14 and older, or a careless grant), the guards never call its functions.
        _refused(
            as_bo, "CREATE FUNCTION public.pg_has_role(name, oid, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
            match="permission denied for schema public",
        )  # fmt: skip
        _admin_in(desk, f"GRANT CREATE ON SCHEMA public TO {bo}")
        with as_bo.begin() as connection:
            connection.execute(
                text(
                    "CREATE FUNCTION public.pg_has_role(name, oid, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'"
                )
            )
        _refused(
            as_bo, "SET LOCAL search_path = public, pg_catalog",
            f"INSERT INTO claim_events (claim_id, kind, editor, note, created_at) VALUES (1, 'note', '{ana}', 'x', now())",
            match=f"database login {bo} cannot act as {ana}",
        )  # fmt: skip
    finally:
        as_bo.dispose()
        as_eve.dispose()
    unguarded = desk.scalar(
        "SELECT string_agg(proname, ', ') FROM pg_proc WHERE proname LIKE 'claims\\_%' "
        "AND NOT coalesce('search_path=pg_catalog, public' = ANY(proconfig), false)"
    )
    assert unguarded is None
    # Through claims: a settings file that trusts --editor does not make bo anyone else.
    result = desk.claims(bo, "--config", "/dev/null", "--editor", ana, "editor", "set-role", bo, "chief")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: you are logged in to the database as {bo}, an editor on this desk's list: "
        f"--editor {ana} cannot change who you are\n"
    )
    assert desk.scalar(f"SELECT role FROM editors WHERE name = '{bo}'") == "editor"
    assert desk.scalar("SELECT signed_off_by FROM claims WHERE id = 1") is None
    assert desk.scalar("SELECT signed_off_by FROM claims WHERE id = 2") == bo
    assert desk.scalar("SELECT version_num FROM alembic_version") == SCHEMA_REVISION
    desk.ok(ana, "db", "verify")


def _admin_in(desk: Desk, statement: str) -> None:
    engine = make_engine(desk.url())
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def test_the_desk_works_under_the_guards(desk: Desk, tmp_path: Path) -> None:
    """Everyday work through claims on the logins the setup script made, then a restore by the owner."""
    _start_the_desk(desk)
    ana, bo = desk.ana, desk.bo
    assert "signed off by" in desk.ok(ana, "approve", "1").stdout
    desk.ok(ana, "editor", "add", desk.eve, "--role", "reporter")
    Path("desk.csv").write_text("text,status\nAcme's revenue rose 12%,unverified\n", encoding="utf-8")
    desk.ok(bo, "import", "desk.csv")
    desk.ok(bo, "edit", "3", "--text", "Acme's revenue rose 11%", "--claimant", "Acme", "--kind", "quote")
    assert "Undid events" in desk.ok(bo, "undo", "3").stdout  # the three corrections, as one command
    desk.ok(bo, "edit", "3", "--text", "Acme's revenue rose 11%", "--claimant", "Acme", "--kind", "quote")
    desk.ok(ana, "assign", "3", "--to", bo)
    desk.ok(bo, "review", "3")
    desk.ok(bo, "unassign", "3")
    desk.ok(bo, "undo", "3")
    desk.ok(desk.eve, "note", "3", "Asked Acme for the figures")
    desk.ok(bo, "evidence", "add", "3", "https://example.org/acme-figures", "--stance", "supports")
    desk.ok(bo, "evidence", "withdraw", "3", "--note", "Wrong company")
    desk.ok(ana, "add", "Acme doubled its staff")
    desk.ok(ana, "add", "Acme doubled staff")
    desk.ok(ana, "dismiss", "4", "--note", "A headline, not a claim")
    desk.ok(ana, "merge", "5", "--into", "3")
    Path("article.txt").write_text("Acme said its revenue rose 12% in 2024.\n", encoding="utf-8")
    desk.ok(bo, "source", "add", "article.txt", "--title", "Acme results", "--outlet", "Wire")
    desk.ok(bo, "source", "edit", "1", "--outlet", "Newswire")
    desk.ok(ana, "reopen", "2", "--note", "A newer figure came out")
    desk.ok(ana, "confirm", "2", "--evidence", "https://example.org/newer-figure")
    desk.ok(ana, "undo", "2")  # the verdict and its evidence, as one command
    desk.ok(ana, "editor", "set-role", bo, "chief")
    desk.ok(bo, "editor", "remove", desk.eve)
    desk.ok(ana, "db", "verify")
    history = desk.ok(ana, "editor", "history").stdout
    assert history.count(bo) >= 2

    desk.ok("postgres", "backup", str(tmp_path / "desk.jsonl"))
    restored = f"{desk.database}_restored"
    create_test_database(restored)
    try:
        url = _postgres_url(restored)
        result = invoke(["--db", url, "restore", str(tmp_path / "desk.jsonl")], env={"CLAIMS_EDITOR": None})
        assert result.exit_code == 0, result.stderr
        assert invoke(["--db", url, "db", "verify"]).exit_code == 0
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
