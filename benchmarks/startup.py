"""Start-up time of everyday commands: editors run many small ones.

Prints the median wall and CPU time (user + system) of each command over several runs, on a
database holding the seed article, next to a bare `python -c pass` (the floor no Python tool can
beat) and, as the ratio the archive issue sets (everyday read commands within 1.5x), next to
`python -c "import sqlalchemy, typer"`, the two libraries every command needs, measured in the
same run. Run: .venv/bin/python benchmarks/startup.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4553a5a73907e540.txt"


def median_ms(args: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Median wall and CPU milliseconds of running ARGS, RUNS times."""
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = _timed(args, env, cwd)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def _timed(args: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, cwd=cwd, check=True, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        env = {**os.environ, "CLAIMS_EDITOR": "bench", "CLAIMS_DATABASE_URL": f"sqlite:///{workdir}/claims.db"}
        claims = [sys.executable, "-m", "claims"]
        subprocess.run(
            [*claims, "source", "add", str(SEED), "--title", "seed"],
            env=env,
            cwd=workdir,
            check=True,
            capture_output=True,
        )
        floor_wall, floor_cpu = median_ms([sys.executable, "-c", "pass"], env, workdir)
        base_wall, base_cpu = median_ms([sys.executable, "-c", "import sqlalchemy, typer"], env, workdir)
        print(f"{'command':<38} {'wall ms':>8} {'CPU ms':>7} {'CPU / base':>11} {'wall / base':>12}")
        print(f"{'python -c pass':<38} {floor_wall:>8.0f} {floor_cpu:>7.0f}")
        print(
            f"{'base: python -c import sqlalchemy, typer':<38} {base_wall:>8.0f} {base_cpu:>7.0f} {1:>10.2f}x {1:>11.2f}x"
        )
        for args in (
            ["--version"],
            ["list"],
            ["show", "1"],
            ["queue"],
            ["history", "1"],
            ["report"],
            ["review", "1"],
            ["extract", str(SEED)],
        ):
            if args[0] == "review":
                subprocess.run([*claims, "set-status", "1", "unverified"], env=env, cwd=workdir, capture_output=True)
            wall, cpu = (
                median_ms([*claims, *args], env, workdir)
                if args[0] != "review"
                else _review_cycle(claims, env, workdir)
            )
            label = "claims " + " ".join(a if len(a) < 20 else "ARTICLE" for a in args)
            print(f"{label:<38} {wall:>8.0f} {cpu:>7.0f} {cpu / base_cpu:>10.2f}x {wall / base_wall:>11.2f}x")


def _review_cycle(claims: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """A writing command: take a claim into review and back, timing the review only."""
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = _timed([*claims, "review", "1"], env, cwd)
        walls.append(wall)
        cpus.append(cpu)
        subprocess.run([*claims, "set-status", "1", "unverified"], env=env, cwd=cwd, check=True, capture_output=True)
    return statistics.median(walls), statistics.median(cpus)


if __name__ == "__main__":
    main()
