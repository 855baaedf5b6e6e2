"""How long `claims backup` and `claims restore` take, and how much memory, next to `claims export claims`.

For each size (10,000 and 100,000 claims by default) it generates the spreadsheet
`import_export.py` uses, builds a desk from it with `claims import` (sources, claims, evidence and
their history), then measures in the same run, each command in its own process, several times
(medians printed):

- `claims export claims --format csv` of the desk: the baseline, a bulk read of the claims;
- `claims backup` of the whole desk (every table, every column);
- `claims restore` of that backup into a new database already migrated (the schema is not timed).

It prints each figure as a ratio to the export's, and the peak memory at the largest size as a
ratio to the smallest: a backup and a restore stream, so their memory should hardly grow with the
desk. It also checks that a backup of the restored desk is the same file, byte for byte.

With --postgres ADMIN_URL (a login that may create databases) it does the same on PostgreSQL.

Run: .venv/bin/python benchmarks/backup.py [--sizes 10000 100000] [--runs 3] [--postgres postgresql://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from import_export import BIN, drop_postgres_db, fresh_claims_db, fresh_postgres_db, generate, measure

CLAIMS = str(BIN / "claims")
STEPS = ("export claims", "backup", "restore")


def run_size(
    rows: int, runs: int, folder: Path, new_database: Callable[[str], str]
) -> dict[str, list[tuple[float, float]]]:
    """Time and peak memory of each step, RUNS times, on a desk of ROWS claims."""
    sheet = folder / f"claims-{rows}.csv"
    generate(sheet, rows)
    desk = new_database(f"desk_{rows}")
    subprocess.run([CLAIMS, "--db", desk, "--editor", "bench", "import", str(sheet)], check=True, capture_output=True)
    backup = folder / f"backup-{rows}.jsonl"
    results: dict[str, list[tuple[float, float]]] = {step: [] for step in STEPS}
    for run in range(runs):
        export = [CLAIMS, "--db", desk, "export", "claims", "--format", "csv", "--output", str(folder / "out.csv")]
        results["export claims"].append(measure(export))
        results["backup"].append(measure([CLAIMS, "--db", desk, "backup", str(backup)]))
        restored = new_database(f"restored_{rows}_{run}")
        results["restore"].append(measure([CLAIMS, "--db", restored, "restore", str(backup)]))
    again = folder / "again.jsonl"
    subprocess.run([CLAIMS, "--db", restored, "backup", str(again)], check=True, capture_output=True)
    if again.read_bytes() != backup.read_bytes():
        raise SystemExit(f"the backup of the restored desk of {rows} claims differs from the first")
    return results


def report(label: str, by_size: dict[int, dict[str, list[tuple[float, float]]]]) -> None:
    print(f"{label}: medians of time, peak memory (max RSS) of the worst run")
    for rows, results in by_size.items():
        median = {step: statistics.median(t for t, _ in runs) for step, runs in results.items()}
        peak = {step: max(m for _, m in runs) for step, runs in results.items()}
        print(f"  {rows:,} claims")
        for step in STEPS:
            print(
                f"    claims {step:<14} {median[step]:7.2f} s ({median[step] / median['export claims']:4.2f}x export)"
                f"   peak {peak[step]:5.0f} MB ({peak[step] / peak['export claims']:4.2f}x export)"
            )
    smallest, largest = min(by_size), max(by_size)
    if smallest != largest:
        growth = largest / smallest
        for step in STEPS:
            low = max(m for _, m in by_size[smallest][step])
            high = max(m for _, m in by_size[largest][step])
            print(
                f"  peak memory of {step}, {largest:,} / {smallest:,} claims ({growth:.0f}x the rows): {high / low:.2f}x"
            )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="also measure on PostgreSQL, in databases made here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="claims-bench-") as temporary:
        folder = Path(temporary)

        def sqlite_database(name: str) -> str:
            return fresh_claims_db(folder, f"{name}.db")

        report("SQLite", {rows: run_size(rows, args.runs, folder, sqlite_database) for rows in args.sizes})
        if not args.postgres:
            return
        made: list[str] = []

        def postgres_database(name: str) -> str:
            made.append(f"claims_bench_{os.getpid()}_{name}")
            return fresh_postgres_db(args.postgres, made[-1])

        try:
            report("PostgreSQL", {rows: run_size(rows, args.runs, folder, postgres_database) for rows in args.sizes})
        finally:
            for name in made:
                drop_postgres_db(args.postgres, name)


if __name__ == "__main__":
    main()
