"""Eight editors' processes change the same five claims at once: nothing lost, nothing doubled.

The longer run, with figures, is `python benchmarks/desk_load.py`.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.desk_load import report, run_load


def test_eight_processes_at_once_lose_and_duplicate_nothing(database_url: str, tmp_path: Path) -> None:
    result = run_load(database_url, processes=8, changes=25, workdir=tmp_path)
    print(report(result, database_url))
    assert result.unexpected == [], "every command either succeeds or is refused as a conflict (exit 3)"
    assert result.attempts == 8 * 25
    assert result.successes + result.conflicts == result.attempts
    assert result.successes > 0 and result.conflicts > 0, "the editors must actually have collided"
    assert result.lost == [] and result.duplicated == [] and result.half_written == []
    assert result.mismatched == {}, "every claim's history must replay to its current state"
