"""Databases for tests: a fresh SQLite file, and a fresh PostgreSQL database, per test.

Both are cloned from a template migrated once per run (once per worker under pytest-xdist), so
every test starts from the real schema that Alembic builds, quickly. PostgreSQL tests are
skipped, with the reason printed, only where no server answers.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

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


# Every database and role a test run makes is labelled with the run's key, and the run holds a
# PostgreSQL advisory lock on that key for as long as it lives. A later run that can take the lock
# knows the run is gone (killed midway: its finalizers never ran) and drops what it left. The
# server, not the machine, says who is alive: runs in containers, or on machines sharing the
# server, never take each other's databases. An advisory lock belongs to one database, so the
# label names the database the run holds it in, and that is where a later run tries it.
_LABEL = re.compile(r"claims test run (\d+) locked in (\S+)")
_RUN_KEY = uuid.uuid4().int >> 65  # fits PostgreSQL's bigint
_run_lock: Any = None


def _admin_url(database: str | None = None) -> str:
    url = POSTGRES_ADMIN_URL.replace("+psycopg", "")
    return url if database is None else url.rsplit("/", 1)[0] + "/" + database


def _label_for_this_run() -> str:
    global _run_lock
    import psycopg

    if _run_lock is None:
        _run_lock = psycopg.connect(_admin_url(), autocommit=True)
        _run_lock.execute("SELECT pg_advisory_lock(%s)", (_RUN_KEY,))
    return f"claims test run {_RUN_KEY} locked in {_run_lock.info.dbname}"


def create_test_database(name: str, *, template: str | None = None) -> None:
    label = _label_for_this_run()
    _admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    _admin(f"COMMENT ON DATABASE \"{name}\" IS '{label}'")


def label_test_role(name: str) -> None:
    _admin(f"COMMENT ON ROLE {name} IS '{_label_for_this_run()}'")


def _drop_abandoned() -> None:
    """Drop the databases, then the roles, of runs whose lock nobody holds any more."""
    import psycopg

    with psycopg.connect(_admin_url(), autocommit=True) as connection:
        databases = connection.execute(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE 'claims\\_%'"
        ).fetchall()
        roles = connection.execute("SELECT rolname, shobj_description(oid, 'pg_authid') FROM pg_roles").fetchall()
        owners = {(name, kind): found.groups() for kind, rows in (("DATABASE", databases), ("ROLE", roles))
                  for name, label in rows if (found := _LABEL.fullmatch(label or ""))}  # fmt: skip
        gone = _runs_gone({(int(key), lock_database) for key, lock_database in owners.values()})
        for kind in ("DATABASE", "ROLE"):
            for (name, of_kind), (key, lock_database) in owners.items():
                if of_kind == kind and (int(key), lock_database) in gone:
                    connection.execute(
                        f'DROP {kind} IF EXISTS "{name}"' + (" WITH (FORCE)" if kind == "DATABASE" else "")
                    )


def _runs_gone(runs: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """The runs (key, database it locks in) whose lock a session of ours can take: nobody holds it."""
    import psycopg

    gone = set()
    for lock_database in {database for _, database in runs}:
        keys = [key for key, database in runs if database == lock_database and key != _RUN_KEY]
        try:
            with psycopg.connect(_admin_url(lock_database), autocommit=True) as connection:
                for key in keys:
                    if connection.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()[0]:
                        gone.add((key, lock_database))
                        connection.execute("SELECT pg_advisory_unlock(%s)", (key,))
        except psycopg.OperationalError:
            continue  # a database we cannot reach: leave its runs' things alone
    return gone


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
    _drop_abandoned()
    name = f"claims_template_{uuid.uuid4().hex[:10]}"
    create_test_database(name)
    engine = make_engine(_postgres_url(name))
    upgrade(engine)
    engine.dispose()
    yield name
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class _Clones:
    """Databases cloned from the template one test ahead, and dropped after their test, on a thread
    of their own: cloning and dropping took half of a PostgreSQL test's time, and the server can
    do it while the test runs."""

    def __init__(self, template: str) -> None:
        self._template = template
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claims-test-databases")
        self._drops: list[Future[None]] = []
        self._next = self._thread.submit(self._clone)

    def _clone(self) -> str:
        name = f"claims_test_{uuid.uuid4().hex[:12]}"
        create_test_database(name, template=self._template)
        return name

    def take(self) -> str:
        ready, self._next = self._next, self._thread.submit(self._clone)
        return ready.result()

    def drop(self, name: str) -> None:
        self._drops.append(self._thread.submit(_admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        self.drop(self._next.result())
        self._thread.shutdown(wait=True)
        for dropped in self._drops:
            dropped.result()  # a database that could not be dropped is worth an error


@pytest.fixture(scope="session")
def postgres_clones(postgres_template: str) -> Iterator[_Clones]:
    clones = _Clones(postgres_template)
    yield clones
    clones.close()


# A scenario tagged @no_database (an editor looking at an article with `claims extract`, say) runs once,
# not once per backend, and any command in it that opens a database fails, naming the tag.
NO_DATABASE = "no_database"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that takes a database runs on each backend, unless it names its own backends."""
    if "backend" not in metafunc.fixturenames or "backend" in _parametrized_names(metafunc):
        return
    no_database = metafunc.definition.get_closest_marker("no_database") is not None
    metafunc.parametrize("backend", [NO_DATABASE] if no_database else BACKENDS, indirect=True)


def _parametrized_names(metafunc: pytest.Metafunc) -> set[str]:
    names: set[str] = set()
    for mark in metafunc.definition.iter_markers("parametrize"):
        given = mark.args[0] if mark.args else mark.kwargs["argnames"]
        names.update(given.replace(" ", "").split(",") if isinstance(given, str) else given)
    return names


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def _migrated_database(backend: str, request: pytest.FixtureRequest, path: Path) -> Iterator[str]:
    if backend == NO_DATABASE:
        yield f"sqlite:///{path.parent / 'tagged-no_database' / path.name}"
        return
    if backend == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    clones: _Clones = request.getfixturevalue("postgres_clones")
    name = clones.take()
    yield _postgres_url(name)
    clones.drop(name)


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
