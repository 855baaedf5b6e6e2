"""Databases for tests: a fresh SQLite file, and a fresh PostgreSQL database, per test.

Both are cloned from a template migrated once per run, so every test starts from the real
schema that Alembic builds, quickly. PostgreSQL tests are skipped, with the reason printed,
only where no server answers.
"""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from claims.db import make_engine, upgrade

POSTGRES_ADMIN_URL = os.environ.get("CLAIMS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def _postgres_url(database: str) -> str:
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + database


def _postgres_unavailable() -> str | None:
    import psycopg

    try:
        with psycopg.connect(POSTGRES_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
            return None
    except psycopg.OperationalError as error:
        return f"no PostgreSQL server answers at {POSTGRES_ADMIN_URL}: {str(error).strip().splitlines()[0]}"


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(statement)


# Every database a test run makes carries this label, so that a later run can tell which ones
# a run killed midway left behind: made on this machine by a process that no longer exists.
_OWNER_LABEL = "claims tests on {host}, process {pid}"


def create_test_database(name: str, *, template: str | None = None) -> None:
    _admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    label = _OWNER_LABEL.format(host=socket.gethostname(), pid=os.getpid())
    _admin(f"COMMENT ON DATABASE \"{name}\" IS '{label}'")


def _drop_abandoned_databases() -> None:
    """Drop what killed runs left behind; a run still going, here or elsewhere, keeps its own."""
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as connection:
        labelled = connection.execute(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE 'claims\\_%'"
        ).fetchall()
        for name, label in labelled:
            owner = _owner_process(label or "")
            if owner is not None and not _process_exists(owner):
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _owner_process(label: str) -> int | None:
    """The process that made a database with this label, if it was made on this machine."""
    prefix = _OWNER_LABEL.format(host=socket.gethostname(), pid="")
    rest = label.removeprefix(prefix)
    return int(rest) if rest != label and rest.isdigit() else None


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "claims.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    reason = _postgres_unavailable()
    if reason:
        print(f"\nSKIPPING PostgreSQL tests: {reason}")
        pytest.skip(reason)
    _drop_abandoned_databases()
    name = f"claims_template_{uuid.uuid4().hex[:10]}"
    create_test_database(name)
    engine = make_engine(_postgres_url(name))
    upgrade(engine)
    engine.dispose()
    yield name
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def _migrated_database(backend: str, request: pytest.FixtureRequest, path: Path) -> Iterator[str]:
    if backend == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("postgres_template")
    name = f"claims_test_{uuid.uuid4().hex[:12]}"
    create_test_database(name, template=template)
    yield _postgres_url(name)
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database of the test's backend."""
    yield from _migrated_database(backend, request, tmp_path / "claims.db")


@pytest.fixture
def second_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another migrated, empty database of the same backend: a second desk to move claims to."""
    yield from _migrated_database(backend, request, tmp_path / "second.db")


@pytest.fixture
def empty_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all, as a new desk would start with."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'new.db'}"
        return
    request.getfixturevalue("postgres_template")  # skips when no server answers
    name = f"claims_empty_{uuid.uuid4().hex[:12]}"
    create_test_database(name)
    yield _postgres_url(name)
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
