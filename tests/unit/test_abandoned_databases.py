"""A test run killed midway leaves its PostgreSQL databases and roles behind; the next run clears
them up, and never what a run still going is using, wherever that run is."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest

from tests.conftest import POSTGRES_ADMIN_URL, _admin, _drop_abandoned, create_test_database

ADMIN = POSTGRES_ADMIN_URL.replace("+psycopg", "")
ADMIN_DATABASE = ADMIN.rsplit("/", 1)[1]


def _exists(kind: str, name: str) -> bool:
    table, column = ("pg_database", "datname") if kind == "DATABASE" else ("pg_roles", "rolname")
    with psycopg.connect(ADMIN) as connection:
        return connection.execute(f"SELECT 1 FROM {table} WHERE {column} = %s", (name,)).fetchone() is not None


def _labelled(kind: str, key: int, lock_database: str = ADMIN_DATABASE) -> str:
    name = f"claims_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE {kind} "{name}"')
    _admin(f"COMMENT ON {kind} \"{name}\" IS 'claims test run {key} locked in {lock_database}'")
    return name


@pytest.fixture
def another_live_run() -> Iterator[int]:
    """A run still going elsewhere: its own session holds its key's lock."""
    key = uuid.uuid4().int >> 65
    with psycopg.connect(ADMIN, autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (key,))
        yield key


def test_what_a_killed_run_left_is_dropped(postgres_template: str) -> None:
    killed_run = uuid.uuid4().int >> 65  # nobody holds its lock
    database, role = _labelled("DATABASE", killed_run), _labelled("ROLE", killed_run)
    _drop_abandoned()
    assert not _exists("DATABASE", database)
    assert not _exists("ROLE", role)


def test_what_a_live_run_made_is_kept(postgres_template: str, another_live_run: int) -> None:
    database, role = _labelled("DATABASE", another_live_run), _labelled("ROLE", another_live_run)
    mine = f"claims_test_{uuid.uuid4().hex[:12]}"
    create_test_database(mine)
    try:
        _drop_abandoned()
        assert _exists("DATABASE", database) and _exists("ROLE", role) and _exists("DATABASE", mine)
    finally:
        for name in (database, mine):
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(f'DROP ROLE IF EXISTS "{role}"')


@pytest.mark.parametrize(
    "label", ["", "made by hand", "claims test run soon", "claims test run 12 locked in nowhere_at_all"]
)
def test_what_no_test_run_labelled_is_left_alone(postgres_template: str, label: str) -> None:
    name = f"claims_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    if label:
        _admin(f"COMMENT ON DATABASE \"{name}\" IS '{label}'")
    try:
        _drop_abandoned()
        assert _exists("DATABASE", name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_live_run_locking_in_another_database_keeps_its_own(postgres_template: str) -> None:
    """Advisory locks belong to a database: a run whose admin URL names another one is still seen."""
    other = "postgres" if ADMIN_DATABASE != "postgres" else "template1"
    key = uuid.uuid4().int >> 65
    with psycopg.connect(ADMIN.rsplit("/", 1)[0] + "/" + other, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (key,))
        database = _labelled("DATABASE", key, other)
        try:
            _drop_abandoned()
            assert _exists("DATABASE", database)
        finally:
            _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
