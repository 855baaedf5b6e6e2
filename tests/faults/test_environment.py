"""A desk under a hostile machine: another process holding the lock, read-only media, a full disk.
The file-system cases mount a small tmpfs; where the machine does not allow that, they are skipped
with the reason printed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.harm import CannotMount, claims, remount_read_only, rows, run_here, tmpfs, verify, write_csv

HOLD = 0.8  # seconds another process keeps the lock


def one_error_line(stderr: str, message: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], stderr
    assert "Traceback" not in stderr


def test_a_lock_held_by_another_process_is_waited_for(database_url: str, tmp_path: Path, backend: str) -> None:
    assert run_here(["add", "Acme grew its revenue by 5% in 2020"], tmp_path, database_url)[0] == 0
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        if backend == "sqlite":
            connection = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")  # the write lock
        else:
            import psycopg

            connection = psycopg.connect(database_url.replace("+psycopg", ""))
            connection.execute("SELECT * FROM claims WHERE id = 1 FOR UPDATE")  # the claim's row
        holding.set()
        release.wait(30)
        connection.rollback()
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)
    started = time.monotonic()
    timer = threading.Timer(HOLD, release.set)
    timer.start()
    result = claims(["review", "1"], tmp_path, database_url)
    holder.join()
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= HOLD * 0.9, "the command did not wait for the lock"
    assert rows(database_url, "SELECT status FROM claims") == [("in_review",)]


@pytest.fixture
def small_disk(tmp_path: Path, backend: str) -> Iterator[Path]:
    if backend != "sqlite":
        pytest.skip("a file system of the test's own is for a SQLite file")
    try:
        with tmpfs(tmp_path / "disk", size_kb=400) as disk:
            yield disk
    except CannotMount as reason:
        print(f"\nSKIPPING: {reason}")
        pytest.skip(str(reason))


def test_read_only_media_are_read_and_never_written(small_disk: Path, database_url: str, tmp_path: Path) -> None:
    assert run_here(["add", "Acme grew its revenue by 5% in 2020"], tmp_path, database_url)[0] == 0
    rows(database_url, "PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(database_url.removeprefix("sqlite:///"), small_disk / "claims.db")
    remount_read_only(small_disk)
    url = f"sqlite:///{small_disk / 'claims.db'}"
    listed = claims(["list", "--format", "csv"], tmp_path, url)
    assert listed.returncode == 0, listed.stderr
    assert "Acme grew its revenue" in listed.stdout and "read-only" in listed.stderr
    refused = claims(["add", "Acme fell 5%"], tmp_path, url)
    assert refused.returncode == 1
    one_error_line(refused.stderr, "read-only")
    assert sorted(path.name for path in small_disk.iterdir()) == ["claims.db"]


def test_a_full_disk_refuses_the_import_whole(small_disk: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{small_disk / 'claims.db'}"
    assert claims(["db", "upgrade"], tmp_path, url).returncode == 0
    write_csv(tmp_path / "desk.csv", 4000)
    result = claims(["import", "desk.csv"], tmp_path, url)
    assert result.returncode == 1
    one_error_line(result.stderr, "full")
    assert rows(url, "SELECT count(*) FROM claims") == [(0,)]
    assert verify(tmp_path, url)[0] == 0


def test_a_full_disk_leaves_no_half_export(small_disk: Path, database_url: str, tmp_path: Path) -> None:
    write_csv(tmp_path / "desk.csv", 500)
    assert run_here(["import", "desk.csv"], tmp_path, database_url)[0] == 0
    free = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 16_384))
    result = claims(["export", "claims", "--output", str(small_disk / "desk.csv")], tmp_path, database_url)
    assert result.returncode == 1
    one_error_line(result.stderr, "No space left on device")
    assert [path.name for path in small_disk.iterdir()] == ["filler"]
