"""kill -9 at a random moment of the commands that write: all of it is there afterwards, or none
of it, and the history still replays. On both databases; benchmarks/faults.py tries many moments."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.faults.harm import ARTICLE, kill_at_random, rows, run_here, verify, write_csv

# Up to how long after its start a command is killed: about its length on a quiet machine, so that
# some runs finish and some die at every stage (start-up, reading, writing, committing).
MOST = 1.2
ROWS = 300


def seeded(request: pytest.FixtureRequest) -> random.Random:
    seed = random.randrange(2**32)
    print(f"\n{request.node.name}: random seed {seed}")
    return random.Random(seed)


def claims_held(url: str) -> int:
    return int(rows(url, "SELECT count(*) FROM claims")[0][0])


def test_import(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    write_csv(tmp_path / "desk.csv", ROWS)
    killed = kill_at_random(["import", "desk.csv"], tmp_path, database_url, seeded(request), most=MOST)
    assert claims_held(database_url) in (0, ROWS), killed
    assert verify(tmp_path, database_url)[0] == 0, killed


def test_source_add(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from claims.extract import find_claims

    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    expected = len({candidate.text for candidate in find_claims(ARTICLE)})
    killed = kill_at_random(["source", "add", "article.txt"], tmp_path, database_url, seeded(request), most=MOST)
    sources = int(rows(database_url, "SELECT count(*) FROM sources")[0][0])
    assert (sources, claims_held(database_url)) in ((0, 0), (1, expected)), killed
    assert verify(tmp_path, database_url)[0] == 0, killed


def test_export(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    write_csv(tmp_path / "desk.csv", ROWS)
    assert run_here(["import", "desk.csv"], tmp_path, database_url)[0] == 0
    assert run_here(["export", "claims", "--output", "whole.csv"], tmp_path, database_url)[0] == 0
    killed = kill_at_random(
        ["export", "claims", "--output", "out.csv"], tmp_path, database_url, seeded(request), most=MOST
    )
    out = tmp_path / "out.csv"
    assert not out.exists() or out.read_bytes() == (tmp_path / "whole.csv").read_bytes(), killed
    # The next write to the same file cleans up what the killed one left.
    assert run_here(["export", "claims", "--output", "out.csv"], tmp_path, database_url)[0] == 0
    assert list(tmp_path.glob(".out.csv.*")) == []


def test_status_change(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    assert run_here(["add", "Acme grew its revenue by 5% in 2020"], tmp_path, database_url)[0] == 0
    killed = kill_at_random(["review", "1"], tmp_path, database_url, seeded(request), most=MOST)
    assert rows(database_url, "SELECT status, version FROM claims") in ([("unverified", 1)], [("in_review", 2)]), killed
    assert verify(tmp_path, database_url)[0] == 0, killed
