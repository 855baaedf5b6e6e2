"""A test run killed midway leaves its PostgreSQL databases behind; the next run clears them up,
and never a database a run still going is using."""

from __future__ import annotations

import socket
import subprocess
import sys
import uuid

import pytest

from tests.conftest import _OWNER_LABEL, POSTGRES_ADMIN_URL, _admin, _drop_abandoned_databases, create_test_database


def _finished_process() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return int(finished.stdout)


def _exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL.replace("+psycopg", "")) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def test_databases_of_a_killed_run_are_dropped_and_a_live_runs_are_kept(postgres_template: str) -> None:
    abandoned, live = f"claims_test_{uuid.uuid4().hex[:12]}", f"claims_test_{uuid.uuid4().hex[:12]}"
    create_test_database(abandoned)
    create_test_database(live)
    label = _OWNER_LABEL.format(host=socket.gethostname(), pid=_finished_process())
    _admin(f"COMMENT ON DATABASE \"{abandoned}\" IS '{label}'")
    try:
        _drop_abandoned_databases()
        assert not _exists(abandoned)
        assert _exists(live)
    finally:
        for name in (abandoned, live):
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("label", ["", "made by hand", "claims tests on another-host, process {finished}"])
def test_databases_not_made_here_by_a_test_run_are_left_alone(postgres_template: str, label: str) -> None:
    name = f"claims_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    if label:
        _admin(f"COMMENT ON DATABASE \"{name}\" IS '{label.format(finished=_finished_process())}'")
    try:
        _drop_abandoned_databases()
        assert _exists(name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
