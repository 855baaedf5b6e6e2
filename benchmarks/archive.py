"""How the everyday read commands hold up as the archive grows (issue 11).

Builds archives of 10,000 and 100,000 claims (and more with --sizes) on SQLite, and with
--postgres one of 100,000 on PostgreSQL: a generated CSV through `claims import` (sources,
statuses, verdicts with evidence, their history), then the entities the claims name, written
straight into the tables (the detector is not what is measured here). Each command then runs in
its own process, in 5 rounds of every command, output thrown away; the table gives medians as ratios to
`claims show ID` from the same run (one claim: the cost of starting a command and opening the
database), and the peak memory (max RSS) of the commands that go through the whole archive, and
of the import that built it, with its time per claim.

Targets (issue 11): every read command within 2x `claims show ID`; peak memory under 300 MB and
within 1.5x of its figure at 10k claims; import time per claim at 1M within 1.2x of 100k's.

Run: .venv/bin/python benchmarks/archive.py [--sizes 10000 100000] [--runs 5] [--whole-runs 5]
     [--postgres postgresql://postgres@127.0.0.1/test] [--data /work/bench-data]
--data keeps each SQLite archive (and its import's figures, archive-N.json) to measure again
without building it: the archive is upgraded to this version's schema first.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent
CLAIMS = str(BIN / "claims")
STATUSES = ["unverified"] * 10 + ["in_review"] * 2 + ["confirmed"] * 4 + ["refuted"] * 2 + ["mixed", "unverifiable"]
KINDS = ["fact"] * 8 + ["prediction", "quote"]
COMPANIES = [f"{name}{suffix}" for suffix in ("", " Group", " Holdings", " Bank") for name in (
    "Nestle", "Geely", "Tencent", "Volvo", "Amazon", "Zoox", "Baidu", "Alibaba", "Hyundai", "Cruise", "Waymo",
    "Foxconn", "Siemens", "Unilever", "Danone", "Roche", "Novartis", "Shell", "Total", "Fiat",
)]  # fmt: skip
VERBS = ["raised", "cut", "doubled", "held", "announced", "denied", "expects", "reported"]
THINGS = ["its dividend", "revenue", "profits", "prices", "jobs", "investment", "emissions", "exports"]
COLUMNS = ["text", "source_url", "source_title", "source_outlet", "claimant", "kind", "status", "evidence_url", "note"]
SEARCH = "nestle dividend"
ENTITY = "Geely"

# (name, arguments after `claims`, whether its peak memory is reported)
COMMANDS = [
    ("list", ["list"], False),
    ("list --search", ["list", "--search", SEARCH], False),
    ("list --entity", ["list", "--entity", ENTITY], False),
    ("list --status refuted", ["list", "--status", "refuted"], False),
    ("queue", ["queue"], False),
    ("report", ["report"], False),
    ("report --format html", ["report", "--format", "html"], True),
    ("report --format json", ["report", "--format", "json"], False),
    ("entities", ["entities"], False),
]
# The commands that go through the whole archive: their time grows with it, their memory must not.
WHOLE = [
    ("export claims", ["export", "claims", "--format", "csv"], True),
    ("list --all --format csv", ["list", "--all", "--format", "csv"], True),
    ("db verify", ["db", "verify"], True),
]


def generate(path: Path, rows: int) -> None:
    """Claims about twenty companies, a few words each, on one source per 20 claims."""
    randomly = random.Random(11)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(rows):
            status = randomly.choice(STATUSES)
            company = randomly.choice(COMPANIES)
            source = number // 20
            writer.writerow(
                [
                    f"{company} {randomly.choice(VERBS)} {randomly.choice(THINGS)} by {number % 40} percent in "
                    f"{2000 + number % 24} (claim {number})",
                    f"https://news.example.org/story/{source}",
                    f"Story {source} about {company}",
                    f"Outlet {source % 50}",
                    f"Spokesperson {number % 300}",
                    randomly.choice(KINDS),
                    status,
                    f"https://evidence.example.org/{number}" if status in ("confirmed", "refuted", "mixed") else "",
                    "Checked against the annual report" if status == "unverifiable" else "",
                ]
            )


def entity_rows(rows: int) -> tuple[list[tuple[int, str, str]], list[tuple[int, int]]]:
    """The companies as entities, and each claim linked to the company it names (its first words)."""
    entities = [
        (index + 1, name, "organization") for index, name in enumerate(sorted({c.split()[0] for c in COMPANIES}))
    ]
    ids = {name: entity_id for entity_id, name, _ in entities}
    randomly = random.Random(11)
    links = []
    for number in range(rows):  # the same draws as generate(), to name the same company
        randomly.choice(STATUSES)
        company = randomly.choice(COMPANIES)
        randomly.choice(VERBS), randomly.choice(THINGS), randomly.choice(KINDS)
        links.append((number + 1, ids[company.split()[0]]))
    return entities, links


def run(url: str, args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall time and CPU time (user and system) in seconds, and peak memory (max RSS) in MB, of
    one claims process. On a machine that others load, its CPU time moves far less than its wall
    time; on SQLite it includes the database's work, on PostgreSQL only the client's."""
    started = time.perf_counter()
    process = subprocess.Popen([CLAIMS, "--db", url, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: claims {' '.join(args)}\n{error}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def build(url: str, csv_path: Path, rows: int, env: dict[str, str]) -> tuple[float, float, float]:
    """The archive: migrated, imported, entities linked. Returns the import's wall and CPU seconds
    and peak memory in MB."""
    subprocess.run([CLAIMS, "--db", url, "db", "upgrade"], check=True, capture_output=True, env=env)
    imported = run(url, ["import", str(csv_path)], env)
    entities, links = entity_rows(rows)
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            connection.executemany("INSERT INTO entities (id, name, label) VALUES (?, ?, ?)", entities)
            connection.executemany("INSERT INTO claim_entities (claim_id, entity_id) VALUES (?, ?)", links)
    else:
        import psycopg

        with psycopg.connect(url.replace("+psycopg", "")) as connection, connection.cursor() as cursor:
            cursor.executemany("INSERT INTO entities (id, name, label) VALUES (%s, %s, %s)", entities)
            with cursor.copy("COPY claim_entities (claim_id, entity_id) FROM STDIN") as copy:
                for link in links:
                    copy.write_row(link)
            cursor.execute("ANALYZE")
    return imported


def measure(
    label: str,
    url: str,
    rows: int,
    runs: int,
    whole_runs: int,
    env: dict[str, str],
    imported: tuple[float, float, float],
) -> list[str]:
    """Every command once per round, the baseline among them, for RUNS rounds (WHOLE_RUNS for the
    commands that go through the whole archive): on a shared machine a burst of load then slows
    every command of a round alike, and the ratios hold."""
    commands = [("show ID", ["show", str(rows // 2)], False), *COMMANDS, *WHOLE]
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _, _ in commands}
    for round_ in range(runs):
        for name, args, _ in commands:
            if round_ < whole_runs or (name, args, True) not in WHOLE:
                results[name].append(run(url, args, env))
    wall, cpu, memory = imported
    lines = [
        f"| {label}: `claims import` | {wall:.1f} s | {wall / rows * 1e6:.0f} µs/claim | {cpu:.1f} s "
        f"| {cpu / rows * 1e6:.0f} µs/claim | {memory:.0f} MB |"
    ]
    print(lines[-1], flush=True)
    for name, _, with_memory in commands:
        lines.append(table_row(f"{label}: `claims {name}`", results[name], results["show ID"], with_memory))
        print(lines[-1], flush=True)
    return lines


TABLE_HEAD = (
    "| command | wall | wall / show | CPU | CPU / show | peak memory |",
    "|---|---:|---:|---:|---:|---:|",
)


def bench_environment() -> dict[str, str]:
    """The environment every measured command runs in (no desk settings of the caller's, editor
    "bench"); says the machine's load first, since it moves every wall time."""
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    return {key: value for key, value in os.environ.items() if not key.startswith("CLAIMS_")} | {
        "CLAIMS_EDITOR": "bench"
    }


def table_row(
    name: str,
    results: list[tuple[float, float, float]],
    baseline: list[tuple[float, float, float]],
    with_memory: bool,
) -> str:
    """One command's line of the table: median wall and CPU, each as a ratio to the baseline's
    median from the same run, and the peak memory of its runs."""
    wall_baseline = statistics.median(wall for wall, _, _ in baseline)
    cpu_baseline = statistics.median(cpu for _, cpu, _ in baseline)
    wall = statistics.median(result[0] for result in results)
    cpu = statistics.median(result[1] for result in results)
    peak = f"{max(result[2] for result in results):.0f} MB" if with_memory else ""
    return f"| {name} | {wall:.2f} s | {wall / wall_baseline:.1f}x | {cpu:.2f} s | {cpu / cpu_baseline:.1f}x | {peak} |"


@contextmanager
def scratch_postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server SERVER_URL names, as a URL; dropped after."""
    import psycopg

    admin = server_url.replace("+psycopg", "")
    name = f"claims_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--whole-runs", type=int, help="rounds of the commands that read everything (default: --runs)")
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server: also measure 100,000 claims there")
    parser.add_argument("--data", type=Path, help="keep the SQLite archives in this folder and reuse them")
    parser.add_argument("--build-only", action="store_true", help="build the archives, measure nothing")
    options = parser.parse_args()
    whole_runs = options.whole_runs or options.runs
    env = bench_environment()
    table = list(TABLE_HEAD)
    with tempfile.TemporaryDirectory() as folder:
        for rows in options.sizes:
            store = options.data or Path(folder)
            store.mkdir(parents=True, exist_ok=True)
            csv_path = Path(folder) / f"claims-{rows}.csv"
            database = store / f"archive-{rows}.db"
            figures = store / f"archive-{rows}.json"
            url = f"sqlite:///{database}"
            if database.exists():
                subprocess.run([CLAIMS, "--db", url, "db", "upgrade"], check=True, capture_output=True, env=env)
                saved = json.loads(figures.read_text()) if figures.exists() else [0.0, 0.0, 0.0]
                imported = (float(saved[0]), float(saved[1]), float(saved[2]))
                print(f"reusing {database}", flush=True)
            else:
                generate(csv_path, rows)
                imported = build(url, csv_path, rows, env)
                figures.write_text(json.dumps(imported))
                print(f"built {rows:,} claims on SQLite (import {imported[0]:.1f} s)", flush=True)
            if not options.build_only:
                table += measure(f"SQLite {rows:,}", url, rows, options.runs, whole_runs, env, imported)
        if options.postgres:
            rows = 100_000
            csv_path = Path(folder) / f"claims-{rows}.csv"
            if not csv_path.exists():
                generate(csv_path, rows)
            with scratch_postgres_database(options.postgres) as url:
                imported = build(url, csv_path, rows, env)
                print(f"built {rows:,} claims on PostgreSQL (import {imported[0]:.1f} s)", flush=True)
                table += measure(f"PostgreSQL {rows:,}", url, rows, options.runs, whole_runs, env, imported)
    print("\n".join(table))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
