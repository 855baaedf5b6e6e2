"""What the fault suite (tests/faults) and its longer run (benchmarks/faults.py) do to a desk:
run the installed command in a real process, kill it with SIGKILL at a random moment, mount a
small or read-only file system, and say what state the desk was left in."""

from __future__ import annotations

import contextlib
import csv
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

CLAIMS = str(Path(sys.executable).with_name("claims"))
ARTICLE = "\n".join(
    f"Acme Corp said its revenue grew {n}% to ${n}.{n}bn in 20{10 + n}, and Bolt Motors cut {n * 100} jobs in Berlin."
    for n in range(1, 30)
)


def environment(database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("CLAIMS_")}
    return env | {"CLAIMS_DATABASE_URL": database_url, "CLAIMS_EDITOR": "ana", **extra}


def claims(args: Sequence[str], cwd: Path, database_url: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CLAIMS, *args], cwd=cwd, env=environment(database_url, **extra), capture_output=True, text=True, timeout=120
    )


def write_csv(path: Path, count: int, *, tag: str = "claim") -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["text", "status", "evidence_url", "source_url", "note"])
        for number in range(count):
            verdict = number % 3 == 0
            writer.writerow([
                f"Acme {tag} number {number} grew {number}%", "confirmed" if verdict else "",
                "https://example.org/e" if verdict else "", f"https://example.org/story/{number % 7}",
                "from the filing" if verdict else "",
            ])  # fmt: skip


@dataclass(frozen=True)
class Killed:
    """A run of the command killed after DELAY seconds; FINISHED if it ended first."""

    delay: float
    finished: bool
    returncode: int | None


def kill_at_random(args: Sequence[str], cwd: Path, database_url: str, rng: random.Random, *, most: float) -> Killed:
    """Start the command and SIGKILL it at a random moment up to MOST seconds in."""
    delay = rng.uniform(0.0, most)
    process = subprocess.Popen(
        [CLAIMS, *args], cwd=cwd, env=environment(database_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        process.wait(timeout=delay)
        return Killed(delay, True, process.returncode)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return Killed(delay, False, None)


def run_here(args: Sequence[str], cwd: Path, database_url: str) -> tuple[int, str, str]:
    """The command run in this process (no start-up to pay): exit code, stdout, stderr."""
    from typer.testing import CliRunner

    from claims.cli import app

    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env=environment(database_url), catch_exceptions=False)
    finally:
        os.chdir(previous)
    return result.exit_code, result.stdout, result.stderr


def rows(database_url: str, query: str) -> list[tuple[object, ...]]:
    """What the database holds, asked directly."""
    from sqlalchemy import text

    from claims.db import make_engine

    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def verify(cwd: Path, database_url: str) -> tuple[int, str, str]:
    return run_here(["db", "verify"], cwd, database_url)


class CannotMount(Exception):
    """This machine will not let the test mount a file system (no root, or no mount namespace)."""


@contextlib.contextmanager
def tmpfs(path: Path, *, size_kb: int) -> Iterator[Path]:
    """A small tmpfs at PATH for the length of the block; CannotMount where that is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        raise CannotMount("mounting a tmpfs needs root, and the tests do not run as root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        raise CannotMount(f"mount -t tmpfs failed: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        for _ in range(50):  # a killed process may hold it for a moment
            if subprocess.run(["umount", str(path)], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True, capture_output=True)
