"""How fast `claims import` and `claims export claims` are, next to what a data journalist would use.

Generates a CSV of 100,000 claims, then measures in one run, each command in its own process on
a fresh SQLite file, several times (medians printed):

- `claims import` of the CSV (into a database already migrated: the schema is not being timed);
- `sqlite-utils insert --csv` of the same file (the tool a data journalist would reach for);
- a bare `sqlite3` executemany of the same rows into one table (the floor);
- a bare `sqlite3` executemany of exactly the rows `claims import` writes (sources, claims, evidence
  and history events), into the same migrated schema with the same settings: what the database
  itself costs, which no Python code in claims can go under;
- `claims export claims --format csv` of the 100,000 claims, and the bare floor: a sqlite3
  SELECT of the same rows written with the csv module.

Targets: import no slower than sqlite-utils and within 3x of the floor; export under 3x its
floor; peak memory (max RSS) under 300 MB for both.

With --postgres ADMIN_URL (a database on a server where that login may create databases), it
also times `claims import` and `claims export claims` on a fresh PostgreSQL database, the desk's
backend; there is no floor to compare with there, the figures are for the record.

Run: .venv/bin/python benchmarks/import_export.py [--rows 100000] [--runs 3] [--postgres postgresql://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
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
for table, columns, rows in tables:
    connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
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


def measure(command: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak memory (max RSS) in MB of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--postgres", metavar="ADMIN_URL", help="also time claims on PostgreSQL, in a database made here"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="claims-bench-") as temporary:
        folder = Path(temporary)
        data = folder / "claims.csv"
        generate(data, args.rows)
        print(f"{args.rows:,} claims, {data.stat().st_size / 1e6:.1f} MB of CSV; {args.runs} runs each, medians\n")
        results: dict[str, list[tuple[float, float]]] = {}
        for run in range(args.runs):
            url = fresh_claims_db(folder, f"claims-{run}.db")
            env_editor = ["--editor", "bench"]
            results.setdefault("claims import", []).append(
                measure([str(BIN / "claims"), "--db", url, *env_editor, "import", str(data)])
            )
            results.setdefault("sqlite-utils insert", []).append(
                measure(
                    [str(BIN / "sqlite-utils"), "insert", str(folder / f"su-{run}.db"), "claims", str(data), "--csv"]
                )
            )
            written = folder / "written.pickle"
            if run == 0:
                save_written_rows(url, written)
            same_rows_url = fresh_claims_db(folder, f"same-rows-{run}.db")
            results.setdefault("sqlite3 same rows, same schema", []).append(
                measure([sys.executable, "-c", FLOOR_SAME_ROWS, same_rows_url.removeprefix("sqlite:///"), str(written)])
            )
            floor_db = folder / f"floor-{run}.db"
            results.setdefault("sqlite3 executemany (floor)", []).append(
                measure([sys.executable, "-c", FLOOR_IMPORT, str(floor_db), str(data)])
            )
            results.setdefault("claims export claims --format csv", []).append(
                measure(
                    [
                        str(BIN / "claims"),
                        "--db",
                        url,
                        "export",
                        "claims",
                        "--format",
                        "csv",
                        "--output",
                        str(folder / "out.csv"),
                    ]
                )
            )
            results.setdefault("sqlite3 SELECT + csv (floor)", []).append(
                measure([sys.executable, "-c", FLOOR_EXPORT, str(floor_db), str(folder / "floor.csv")])
            )
        # After every SQLite run: the server's own work after a large import (checkpoints,
        # autovacuum) would otherwise weigh on the SQLite figures.
        for _ in range(args.runs if args.postgres else 0):
            name = f"claims_bench_{os.getpid()}"
            postgres = fresh_postgres_db(args.postgres, name)
            try:
                results.setdefault("claims import, PostgreSQL", []).append(
                    measure([str(BIN / "claims"), "--db", postgres, "--editor", "bench", "import", str(data)])
                )
                results.setdefault("claims export claims, PostgreSQL", []).append(
                    measure(
                        [
                            str(BIN / "claims"),
                            "--db",
                            postgres,
                            "export",
                            "claims",
                            "--format",
                            "csv",
                            "--output",
                            str(folder / "pg.csv"),
                        ]
                    )
                )
            finally:
                drop_postgres_db(args.postgres, name)

        median = {name: statistics.median(t for t, _ in runs) for name, runs in results.items()}
        peak = {name: max(m for _, m in runs) for name, runs in results.items()}
        for name in results:
            print(f"{name:<36} {median[name]:7.2f} s   peak {peak[name]:6.0f} MB")
        print()
        ratio = median["claims import"] / median["sqlite-utils insert"]
        print(f"import / sqlite-utils insert:  {ratio:.2f}x  (target <= 1x)")
        ratio = median["claims import"] / median["sqlite3 executemany (floor)"]
        print(f"import / bare executemany:     {ratio:.2f}x  (target <= 3x)")
        ratio = median["claims import"] / median["sqlite3 same rows, same schema"]
        print(f"import / same rows, same schema: {ratio:.2f}x  (the database's own work)")
        ratio = median["claims export claims --format csv"] / median["sqlite3 SELECT + csv (floor)"]
        print(f"export / bare SELECT + csv:    {ratio:.2f}x  (target < 3x)")
        worst = max(peak["claims import"], peak["claims export claims --format csv"])
        print(f"claims peak memory:            {worst:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
