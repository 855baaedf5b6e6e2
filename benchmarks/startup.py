"""Start-up time of everyday commands: editors run many small ones.

Prints the median wall time of each command over several runs, next to a bare `python -c pass`
(the floor no Python tool can beat). Run: .venv/bin/python benchmarks/startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4553a5a73907e540.txt"


def median_ms(args: list[str], env: dict[str, str], cwd: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, env=env, cwd=cwd, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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
        floor = median_ms([sys.executable, "-c", "pass"], env, workdir)
        print(f"{'command':<38} {'median ms':>10} {'minus python':>13}")
        print(f"{'python -c pass':<38} {floor:>10.0f} {0:>13.0f}")
        for args in (["--version"], ["list"], ["show", "1"], ["report"], ["review", "1"], ["extract", str(SEED)]):
            if args[0] == "review":
                subprocess.run([*claims, "set-status", "1", "unverified"], env=env, cwd=workdir, capture_output=True)
            ms = (
                median_ms([*claims, *args], env, workdir)
                if args[0] != "review"
                else _review_cycle(claims, env, workdir)
            )
            label = "claims " + " ".join(a if len(a) < 20 else "ARTICLE" for a in args)
            print(f"{label:<38} {ms:>10.0f} {ms - floor:>13.0f}")


def _review_cycle(claims: list[str], env: dict[str, str], cwd: str) -> float:
    """A writing command: take a claim into review and back, timing the review only."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([*claims, "review", "1"], env=env, cwd=cwd, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
        subprocess.run([*claims, "set-status", "1", "unverified"], env=env, cwd=cwd, check=True, capture_output=True)
    return statistics.median(times)


if __name__ == "__main__":
    main()
