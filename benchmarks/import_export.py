"""How fast `claims import` and `claims export claims` are, and how much memory they take, from
10,000 to 1,000,000 claims, next to what a data journalist would use.

For each size (10,000, 100,000 and 1,000,000 claims by default) it generates a CSV and measures in
one run, each command in its own process on a fresh SQLite file (medians of --runs; one run at a
million), wall time, CPU time (the process's user and system time, which includes SQLite's own
work) and peak memory (max RSS):

- `claims import` of the CSV (into a database already migrated: the schema is not being timed);
- `sqlite-utils insert --csv` of the same file (the tool a data journalist would reach for).

It prints the import's CPU time per claim at each size, its ratio to sqlite-utils (CPU and wall),
how the time per claim at the largest size compares with 100,000 (linear: within 1.2x), and the
peak memory at each size next to the smallest's (flat: within 1.5x, under 300 MB).

At 100,000 claims (--floors-at) it also measures:

- a bare `sqlite3` executemany of the same rows into one table (the floor);
- a bare `sqlite3` executemany of exactly the rows `claims import` writes (sources, claims, evidence
  and history events), into the same migrated schema with the same settings, search index included
  (fed by its trigger): what the database itself costs; and the same with the search index and the
  kept counts fed a chunk of 5,000 claims at a time, their triggers taken out, as `claims import`
  feeds them: the floor of the import's database work, printed next to `sqlite-utils`;
- `claims export claims --format csv` of the claims, and the bare floor: a sqlite3 SELECT of the
  same rows written with the csv module.

With --articles it measures the peak memory of `claims source add` of plain-text articles of
100 KB, 1 MB and 10 MB (made from the articles in benchmarks/news/tune, numbers changed in each
copy): flat means within 1.5x of the 100 KB figure, and under 200 MB at 10 MB.

With --postgres ADMIN_URL (a database on a server where that login may create databases), it
also times `claims import` and `claims export claims` of the 100,000 claims on a fresh PostgreSQL
database, the desk's backend (CPU there is the claims process's only: the server's work is not in it).

Run: .venv/bin/python benchmarks/import_export.py [--sizes 10000 100000 1000000] [--runs 3] [--articles]
     [--postgres postgresql://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
STATUSES = ["unverified"] * 10 + ["in_review"] * 2 + ["confirmed"] * 4 + ["refuted"] * 2 + ["mixed", "unverifiable"]
COLUMNS = ["text", "source_url", "claimant", "status", "evidence_url", "stance", "note", "editor"]

FLOOR_IMPORT = """
import csv, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("CREATE TABLE claims (id INTEGER PRIMARY KEY, text TEXT, source_url TEXT, claimant TEXT, "
                   "status TEXT, evidence_url TEXT, stance TEXT, note TEXT, editor TEXT)")
with open(sys.argv[2], newline="", encoding="utf-8") as handle:
    reader = csv.reader(handle)
    next(reader)
    connection.executemany("INSERT INTO claims (text, source_url, claimant, status, evidence_url, stance, note, editor) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", reader)
connection.commit()
"""

FLOOR_SAME_ROWS = """
import pickle, sqlite3, sys
with open(sys.argv[2], "rb") as handle:
    tables = pickle.load(handle)
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
for pragma in ("journal_mode=WAL", "busy_timeout=30000", "foreign_keys=ON", "synchronous=NORMAL", "cache_size=-65536"):
    connection.execute("PRAGMA " + pragma)
connection.execute("BEGIN IMMEDIATE")
chunked = len(sys.argv) > 3  # the search index and the counts fed a chunk of claims at a time, as claims import does
triggers = {}
if chunked:
    for name in ("claims_search_insert", "claim_tallies_insert"):
        triggers[name] = connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        connection.execute(f"DROP TRIGGER {name}")
for table, columns, rows in tables:
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    if table != "claims" or not chunked:
        connection.executemany(insert, rows)
        continue
    for start in range(0, len(rows), 5000):
        chunk = rows[start:start + 5000]
        ids = (chunk[0][0], chunk[-1][0])
        connection.executemany(insert, chunk)
        connection.execute("INSERT INTO claims_search (rowid, text, sentence) SELECT id, text, sentence FROM claims "
                           "WHERE id BETWEEN ? AND ?", ids)
        connection.execute("INSERT INTO claim_tallies (status, kind, assignee, signed, claims) SELECT status, kind, "
                           "coalesce(assignee, ''), CASE WHEN signed_off_at IS NULL THEN 0 ELSE 1 END, count(*) "
                           "FROM claims WHERE id BETWEEN ? AND ? GROUP BY 1, 2, 3, 4 "
                           "ON CONFLICT (status, kind, assignee, signed) DO UPDATE SET claims = claims + excluded.claims", ids)
for trigger in triggers.values():
    connection.execute(trigger)
connection.execute("COMMIT")
"""
# The tables claims import writes, parents first.
WRITTEN_TABLES = ("sources", "claims", "evidence", "claim_events")

FLOOR_EXPORT = """
import csv, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle)
    cursor = connection.execute("SELECT text, source_url, claimant, status, evidence_url, stance, note, editor FROM claims ORDER BY id")
    writer.writerow([column[0] for column in cursor.description])
    writer.writerows(cursor)
"""


def generate(path: Path, rows: int) -> None:
    randomly = random.Random(20240501)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(rows):
            status = randomly.choice(STATUSES)
            verdict = status in ("confirmed", "refuted", "mixed")
            writer.writerow(
                [
                    f"Company {number % 997} said its revenue grew {number % 50} percent in {2000 + number % 24} (claim {number})",
                    f"https://news.example.org/story/{number % 1000}",
                    f"Spokesperson {number % 300}",
                    status,
                    f"https://evidence.example.org/{number}" if verdict else "",
                    "",
                    "Checked against the annual report" if status != "unverified" else "",
                    f"editor{number % 7}",
                ]
            )


def measure_cpu(command: list[str]) -> tuple[float, float, float]:
    """Wall time and CPU time (user + system) in seconds, and peak memory (max RSS) in MB, of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak memory (max RSS) in MB of one process."""
    elapsed, _, peak = measure_cpu(command)
    return elapsed, peak


def fresh_claims_db(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / name}"
    subprocess.run([str(BIN / "claims"), "--db", url, "db", "upgrade"], check=True, capture_output=True)
    return url


SAVE_WRITTEN_ROWS = """
import pickle, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
tables = []
for table in sys.argv[3:]:
    cursor = connection.execute(f"SELECT * FROM {table} ORDER BY id")
    tables.append((table, [column[0] for column in cursor.description], cursor.fetchall()))
with open(sys.argv[2], "wb") as handle:
    pickle.dump(tables, handle)
"""


def save_written_rows(database: str, path: Path) -> None:
    """The rows a claims import wrote, for the same-rows floor to write again. In a process of its
    own: a child started later would inherit this one's peak memory as its own."""
    subprocess.run(
        [sys.executable, "-c", SAVE_WRITTEN_ROWS, database.removeprefix("sqlite:///"), str(path), *WRITTEN_TABLES],
        check=True,
    )


POSTGRES_ADMIN = """
import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
    if sys.argv[3] == "create":
        connection.execute(f'CREATE DATABASE "{sys.argv[2]}"')
"""


def fresh_postgres_db(admin_url: str, name: str) -> str:
    """A new, migrated database on the server ADMIN_URL points at; its URL. In processes of their
    own, as ``save_written_rows`` explains."""
    subprocess.run([sys.executable, "-c", POSTGRES_ADMIN, admin_url, name, "create"], check=True)
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    try:
        subprocess.run([str(BIN / "claims"), "--db", url, "db", "upgrade"], check=True, capture_output=True)
    except BaseException:
        drop_postgres_db(admin_url, name)
        raise
    return url


def drop_postgres_db(admin_url: str, name: str) -> None:
    subprocess.run([sys.executable, "-c", POSTGRES_ADMIN, admin_url, name, "drop"], check=True)


Figures = dict[str, list[tuple[float, float, float]]]  # command: (wall, CPU, peak) per run


def floors(folder: Path, data: Path, url: str, run: int, results: Figures) -> None:
    """The bare floors of import and export, and claims' export, beside an import into URL."""
    written = folder / "written.pickle"
    if run == 0:
        save_written_rows(url, written)
    same_rows_url = fresh_claims_db(folder, f"same-rows-{run}.db")
    results.setdefault("sqlite3 same rows, same schema", []).append(
        measure_cpu([sys.executable, "-c", FLOOR_SAME_ROWS, same_rows_url.removeprefix("sqlite:///"), str(written)])
    )
    chunked_url = fresh_claims_db(folder, f"same-rows-chunked-{run}.db")
    results.setdefault("sqlite3 same rows, fed by chunk", []).append(
        measure_cpu(
            [sys.executable, "-c", FLOOR_SAME_ROWS, chunked_url.removeprefix("sqlite:///"), str(written), "chunked"]
        )
    )
    floor_db = folder / f"floor-{run}.db"
    results.setdefault("sqlite3 executemany (floor)", []).append(
        measure_cpu([sys.executable, "-c", FLOOR_IMPORT, str(floor_db), str(data)])
    )
    out = str(folder / "out.csv")
    results.setdefault("claims export claims --format csv", []).append(
        measure_cpu([str(BIN / "claims"), "--db", url, "export", "claims", "--format", "csv", "--output", out])
    )
    results.setdefault("sqlite3 SELECT + csv (floor)", []).append(
        measure_cpu([sys.executable, "-c", FLOOR_EXPORT, str(floor_db), str(folder / "floor.csv")])
    )


def import_at(rows: int, runs: int, folder: Path, floors_at: int) -> Figures:
    """claims import and sqlite-utils insert of a CSV of ROWS claims, RUNS times, interleaved."""
    data = folder / f"claims-{rows}.csv"
    generate(data, rows)
    print(f"{rows:,} claims, {data.stat().st_size / 1e6:.1f} MB of CSV; {runs} run(s)", flush=True)
    results: Figures = {}
    for run in range(runs):
        url = fresh_claims_db(folder, f"claims-{rows}-{run}.db")
        results.setdefault("claims import", []).append(
            measure_cpu([str(BIN / "claims"), "--db", url, "--editor", "bench", "import", str(data)])
        )
        other = folder / f"su-{rows}-{run}.db"
        results.setdefault("sqlite-utils insert", []).append(
            measure_cpu([str(BIN / "sqlite-utils"), "insert", str(other), "claims", str(data), "--csv"])
        )
        other.unlink()
        if rows == floors_at:
            floors(folder, data, url, run, results)
        for leftover in folder.glob(f"*-{run}.db*"):
            leftover.unlink()
    for line in table(results):
        print(line)
    print(flush=True)
    return results


def median(results: Figures, name: str, which: int) -> float:
    return statistics.median(figures[which] for figures in results[name])


def table(results: Figures) -> list[str]:
    lines = [f"  {'':<36} {'wall':>8} {'CPU':>8} {'peak':>8}"]
    for name, runs in results.items():
        peak = max(figures[2] for figures in runs)
        lines.append(f"  {name:<36} {median(results, name, 0):7.2f}s {median(results, name, 1):7.2f}s {peak:6.0f}MB")
    return lines


def make_article(path: Path, size: int) -> None:
    """A plain-text article of SIZE bytes: the tuning articles over and over, numbers changed in each copy."""
    tune = sorted((Path(__file__).parent / "news" / "tune").glob("*.txt"))
    base = "\n\n".join(found.read_text(encoding="utf-8") for found in tune)
    pieces, length, copy = [], 0, 0
    while length < size:
        piece = re.sub(r"\b(\d+)\b", lambda number: str(int(number.group(1)) + copy), base)  # noqa: B023
        pieces.append(piece)
        length += len(piece.encode()) + 2
        copy += 1
    path.write_text("\n\n".join(pieces).encode()[:size].decode(errors="ignore"), encoding="utf-8")


def articles(folder: Path) -> None:
    sizes = {"100 KB": 100_000, "1 MB": 1_000_000, "10 MB": 10_000_000}
    print("claims source add of a plain-text article (one run each)")
    peaks = {}
    for label, size in sizes.items():
        article = folder / f"article-{size}.txt"
        make_article(article, size)
        url = fresh_claims_db(folder, f"article-{size}.db")
        command = [
            str(BIN / "claims"),
            "--db",
            url,
            "--editor",
            "bench",
            "source",
            "add",
            str(article),
            "--title",
            label,
        ]
        wall, cpu, peak = measure_cpu(command)
        peaks[label] = peak
        print(f"  {label:>7}: wall {wall:7.2f} s, CPU {cpu:7.2f} s, peak {peak:5.0f} MB", flush=True)
    ratio = peaks["10 MB"] / peaks["100 KB"]
    print(f"  peak memory at 10 MB / at 100 KB: {ratio:.2f}x (target <= 1.5x; under 200 MB at 10 MB)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per size under a million (one at a million)")
    parser.add_argument("--floors-at", type=int, default=100_000, help="the size the floors and export are measured at")
    parser.add_argument("--articles", action="store_true", help="also claims source add of 100 KB to 10 MB")
    parser.add_argument(
        "--postgres", metavar="ADMIN_URL", help="also time claims on PostgreSQL, in a database made here"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="claims-bench-") as temporary:
        folder = Path(temporary)
        by_size = {
            rows: import_at(rows, args.runs if rows < 1_000_000 else 1, folder, args.floors_at) for rows in args.sizes
        }
        # After every SQLite run: the server's own work after a large import (checkpoints,
        # autovacuum) would otherwise weigh on the SQLite figures.
        postgres: Figures = {}
        data = folder / f"claims-{args.floors_at}.csv"
        for _ in range(args.runs if args.postgres else 0):
            if not data.exists():
                generate(data, args.floors_at)
            name = f"claims_bench_{os.getpid()}"
            database = fresh_postgres_db(args.postgres, name)
            try:
                postgres.setdefault("claims import, PostgreSQL", []).append(
                    measure_cpu([str(BIN / "claims"), "--db", database, "--editor", "bench", "import", str(data)])
                )
                out = str(folder / "pg.csv")
                postgres.setdefault("claims export claims, PostgreSQL", []).append(
                    measure_cpu(
                        [str(BIN / "claims"), "--db", database, "export", "claims", "--format", "csv", "--output", out]
                    )
                )
            finally:
                drop_postgres_db(args.postgres, name)
        if postgres:
            print(f"PostgreSQL, {args.floors_at:,} claims")
            for line in table(postgres):
                print(line)
            print()
        if args.articles:
            articles(folder)

    if not by_size:
        return
    print("claims import, per size (medians; CPU = user + system time of the process)")
    print(
        f"  {'claims':>9} {'CPU/claim':>10} {'/ sqlite-utils CPU':>19} {'wall':>8} {'/ sqlite-utils wall':>20} {'peak':>7} {'sqlite-utils peak':>18}"
    )
    for rows, results in by_size.items():
        cpu, wall = median(results, "claims import", 1), median(results, "claims import", 0)
        other_cpu, other_wall = median(results, "sqlite-utils insert", 1), median(results, "sqlite-utils insert", 0)
        peak = max(figures[2] for figures in results["claims import"])
        other_peak = max(figures[2] for figures in results["sqlite-utils insert"])
        print(
            f"  {rows:>9,} {cpu / rows * 1e6:8.0f}µs {cpu / other_cpu:18.2f}x {wall:7.1f}s {wall / other_wall:19.2f}x"
            f" {peak:5.0f}MB {other_peak:16.0f}MB"
        )
    sizes = sorted(by_size)
    smallest, largest = sizes[0], sizes[-1]
    if largest > 100_000 and 100_000 in by_size:
        per_claim = {rows: median(by_size[rows], "claims import", 1) / rows for rows in (100_000, largest)}
        print(
            f"  CPU per claim at {largest:,} / at 100,000: {per_claim[largest] / per_claim[100_000]:.2f}x (target <= 1.2x)"
        )
    low, high = (max(figures[2] for figures in by_size[rows]["claims import"]) for rows in (smallest, largest))
    print(f"  peak memory at {largest:,} / at {smallest:,}: {high / low:.2f}x (target <= 1.5x, under 300 MB)")
    if args.floors_at in by_size:
        results = by_size[args.floors_at]
        print(f"\nAt {args.floors_at:,} claims (CPU time ratios)")
        for name, floor, target in (
            ("claims import", "sqlite3 executemany (floor)", "target <= 3x"),
            ("claims import", "sqlite3 same rows, same schema", "the database's own work, row triggers"),
            ("claims import", "sqlite3 same rows, fed by chunk", "the database's own work, as the import feeds it"),
            ("sqlite3 same rows, fed by chunk", "sqlite-utils insert", "the floor next to the target of <= 1x"),
            ("claims export claims --format csv", "sqlite3 SELECT + csv (floor)", "target < 3x"),
        ):
            print(f"  {name} / {floor}: {median(results, name, 1) / median(results, floor, 1):.2f}x ({target})")


if __name__ == "__main__":
    main()
