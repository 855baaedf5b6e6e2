"""How `claims export claimreview` holds up as the archive grows: time and peak memory.

Builds the archives `archive.py` builds (a generated spreadsheet through `claims import`: about a
third of the claims are published verdicts, with evidence; twenty claims per source), 10,000 and
100,000 claims by default, and with --postgres one of 100,000 on PostgreSQL. Then, in 5 rounds,
runs `claims show ID` (the baseline: starting a command and reading one claim) and
`claims export claimreview` of every published verdict, each in its own process, output thrown
away, and prints medians of wall and CPU time, their ratios to the baseline, and the peak
memory (max RSS). The export streams, so its peak memory should stay flat as the archive grows.

Run: .venv/bin/python benchmarks/claimreview_export.py [--sizes 10000 100000] [--runs 5]
     [--postgres postgresql://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from archive import TABLE_HEAD, bench_environment, build, generate, run, scratch_postgres_database, table_row

SETTINGS = """[organisation]
name = "Example Fact Check"
url = "https://factcheck.example.org"

[claimreview]
review_url = "https://factcheck.example.org/checks/{id}-{slug}"
best_rating = 5
worst_rating = 1

[claimreview.ratings]
confirmed = { value = 5, name = "True" }
refuted = { value = 1, name = "False" }
mixed = { value = 3, name = "Mixed" }
"""


def measure(label: str, url: str, rows: int, runs: int, settings: Path, env: dict[str, str]) -> list[str]:
    commands = {
        "show ID": ["show", str(rows // 2)],
        "export claimreview": ["--config", str(settings), "export", "claimreview"],
    }
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            results[name].append(run(url, args, env))
    lines = []
    for name in commands:
        lines.append(table_row(f"{label}: `claims {name}`", results[name], results["show ID"], with_memory=True))
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server: also measure 100,000 claims there")
    options = parser.parse_args()
    env = bench_environment()
    table = list(TABLE_HEAD)
    with tempfile.TemporaryDirectory() as folder:
        settings = Path(folder) / "claims.toml"
        settings.write_text(SETTINGS, encoding="utf-8")
        for rows in options.sizes:
            csv_path = Path(folder) / f"claims-{rows}.csv"
            generate(csv_path, rows)
            url = f"sqlite:///{Path(folder) / f'archive-{rows}.db'}"
            seconds, _, _ = build(url, csv_path, rows, env)
            print(f"built {rows:,} claims on SQLite (import {seconds:.1f} s)", flush=True)
            table += measure(f"SQLite {rows:,}", url, rows, options.runs, settings, env)
        if options.postgres:
            rows = 100_000
            csv_path = Path(folder) / f"claims-{rows}.csv"
            if not csv_path.exists():
                generate(csv_path, rows)
            with scratch_postgres_database(options.postgres) as url:
                seconds, _, _ = build(url, csv_path, rows, env)
                print(f"built {rows:,} claims on PostgreSQL (import {seconds:.1f} s)", flush=True)
                table += measure(f"PostgreSQL {rows:,}", url, rows, options.runs, settings, env)
    print("\n".join(table))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
