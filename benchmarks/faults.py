"""The fault campaign, longer than tests/faults runs it: kill -9 at many random moments of the
commands that write, every hostile input that once gave a traceback, and many fuzzed files for
each reader. Prints one table: cases tried, handled cleanly, tracebacks, data lost.

Handled cleanly means: a killed command left all of its work or none, and `claims db verify`
passed; a hostile input got one `Error: ...` line and a non-zero exit; a fuzzed file was read
whole or refused with one line. Data lost counts half-written work, a history that no longer
replays, and an accepted file that did not export and import again the same. Targets: no
traceback, no data lost.

Run: .venv/bin/python benchmarks/faults.py [--kills 10] [--fuzz 300] [--postgres postgresql://postgres@127.0.0.1/test]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.faults.harm import ARTICLE, kill_at_random, rows, run_here, verify, write_csv  # noqa: E402

HUGE = "99999999999999999999"


@dataclass
class Tally:
    tried: int = 0
    clean: int = 0
    tracebacks: int = 0
    lost: int = 0

    def add(self, *, clean: bool, traceback: bool = False, lost: bool = False) -> None:
        self.tried += 1
        self.clean += clean
        self.tracebacks += traceback
        self.lost += lost


def migrated(template: Path, folder: Path, postgres: str | None) -> str:
    if postgres is None:
        path = folder / f"{uuid.uuid4().hex[:8]}.db"
        shutil.copy(template, path)
        return f"sqlite:///{path}"
    import psycopg

    name = f"claims_faults_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = postgres.rsplit("/", 1)[0] + "/" + name
    assert run_here(["db", "upgrade"], folder, url)[0] == 0
    return url


def drop(url: str, postgres: str | None) -> None:
    if postgres is not None:
        import psycopg

        with psycopg.connect(postgres.replace("+psycopg", ""), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def kill_campaign(
    kills: int, template: Path, folder: Path, postgres: str | None, rng: random.Random
) -> dict[str, Tally]:
    from claims.extract import find_claims

    write_csv(folder / "desk.csv", 300)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    found = len({candidate.text for candidate in find_claims(ARTICLE)})

    def count(url: str, table: str) -> int:
        return int(rows(url, f"SELECT count(*) FROM {table}")[0][0])

    def importing(url: str) -> bool:
        kill_at_random(["import", "desk.csv"], folder, url, rng, most=2.5)
        return count(url, "claims") in (0, 300)

    def adding_source(url: str) -> bool:
        kill_at_random(["source", "add", "article.txt"], folder, url, rng, most=2.5)
        return (count(url, "sources"), count(url, "claims")) in ((0, 0), (1, found))

    def exporting(url: str) -> bool:
        run_here(["import", "desk.csv"], folder, url)
        run_here(["export", "claims", "--output", "whole.csv"], folder, url)
        (folder / "out.csv").unlink(missing_ok=True)
        kill_at_random(["export", "claims", "--output", "out.csv"], folder, url, rng, most=2.5)
        out = folder / "out.csv"
        whole = not out.exists() or out.read_bytes() == (folder / "whole.csv").read_bytes()
        run_here(["export", "claims", "--output", "out.csv"], folder, url)
        return whole and not list(folder.glob(".out.csv.*"))

    def changing_status(url: str) -> bool:
        run_here(["add", "Acme grew its revenue by 5% in 2020"], folder, url)
        kill_at_random(["review", "1"], folder, url, rng, most=2.0)
        return rows(url, "SELECT status, version FROM claims") in ([("unverified", 1)], [("in_review", 2)])

    tallies = {}
    for name, attempt in (("import", importing), ("source add", adding_source), ("export", exporting),
                          ("status change", changing_status)):  # fmt: skip
        tally = tallies[f"kill -9 during {name}"] = Tally()
        for _ in range(kills):
            url = migrated(template, folder, postgres)
            try:
                whole = attempt(url)
                replays = verify(folder, url)[0] == 0
                tally.add(clean=whole and replays, lost=not (whole and replays))
            finally:
                drop(url, postgres)
    return tallies


def hostile_inputs(template: Path, folder: Path) -> Tally:
    """The inputs that once gave tracebacks, each in a real process on a desk with a noted claim."""
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "big.json").write_text('[{"text": ' + "9" * 5000 + "}]", encoding="utf-8")
    (folder / "open.csv").write_text('text,status\nAcme grew 5%,\n"Second claim,\nThird,\n', encoding="utf-8")
    (folder / "utf16.txt").write_bytes("Acme grew its revenue by 5% in 2020.".encode("utf-16-le"))
    (folder / "twice.json").write_text('[{"text": "a", "text": "b"}]', encoding="utf-8")
    (folder / "bad-date.txt").write_text("date 2021-02-30\nAcme grew its revenue by 5% in 2020.\n", encoding="utf-8")
    cases: list[tuple[list[str | bytes], dict[str, str | bytes], Callable[[Path], None] | None]] = [
        (["show", HUGE], {}, None), (["review", HUGE], {}, None), (["source", "show", HUGE], {}, None),
        (["list", "--source", HUGE], {}, None), (["add", "x", "--source", HUGE], {}, None),
        (["note", "1", b"caf\xe9"], {}, None), (["add", "y"], {"CLAIMS_EDITOR": b"caf\xe9"}, None),
        (["import", "deep.json"], {}, None), (["import", "big.json"], {}, None), (["import", "open.csv"], {}, None),
        (["import", "twice.json"], {}, None), (["source", "add", "utf16.txt"], {}, None),
        (["source", "add", "bad-date.txt"], {}, None), (["export", "claims", "--output", "/proc/x.csv"], {}, None),
        (["export", "claims", "--output", "no/such/x.csv"], {}, None), (["db", "upgrade", "zzz"], {}, None),
        (["db", "downgrade", "zzz"], {}, None), (["db", "downgrade", "0003"], {}, None),
        (["evidence", "add", "1", "https://exa mple.org/x", "--stance", "supports"], {}, None),
        (["add", "z"], {}, lambda desk: (desk / "claims.toml").write_bytes(bytes(range(256)))),
        (["db", "upgrade"], {}, lambda desk: _stamp(desk, "0099")),
        (["--db", "sqlite:///typo.db", "list"], {}, None),
    ]  # fmt: skip
    import subprocess

    from tests.faults.harm import CLAIMS, environment

    tally = Tally()
    desk = folder / "hostile"
    for args, env, prepare in cases:
        shutil.rmtree(desk, ignore_errors=True)
        desk.mkdir()
        for name in ("deep.json", "big.json", "open.csv", "utf16.txt", "twice.json", "bad-date.txt"):
            shutil.copy(folder / name, desk / name)
        shutil.copy(template, desk / "claims.db")
        run_here(["add", "Acme grew 5%"], desk, f"sqlite:///{desk / 'claims.db'}")
        run_here(["note", "1", "Checked"], desk, f"sqlite:///{desk / 'claims.db'}")
        if prepare is not None:
            prepare(desk)
        environment_ = {k: v for k, v in environment("").items() if k != "CLAIMS_DATABASE_URL"} | env
        result = subprocess.run([CLAIMS, *args], cwd=desk, env=environment_, capture_output=True, timeout=120)  # type: ignore[arg-type]
        stderr = result.stderr.decode("utf-8", "replace")
        lines = stderr.strip().splitlines()
        one_line = result.returncode != 0 and len(lines) == 1 and lines[0].startswith("Error: ")
        tally.add(clean=one_line, traceback="Traceback" in stderr or result.returncode == 70)
    return tally


def _stamp(desk: Path, revision: str) -> None:
    with sqlite3.connect(desk / "claims.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))


def fuzz_campaign(examples: int, template: Path, folder: Path) -> dict[str, Tally]:
    import json

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from claims.config import review_settings
    from claims.errors import InvalidInput
    from claims.exchange import FileFormat, read_rows
    from tests.faults.test_fuzz_readers import CLAIMREVIEW_SETTINGS, JSON_VALUES, NASTY, ROUND_TRIP_TEXT

    tallies: dict[str, Tally] = {}
    many = settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)

    def reading(name: str, call: Callable[[], object]) -> None:
        tally = tallies.setdefault(name, Tally())
        try:
            call()
            tally.add(clean=True)
        except InvalidInput as refusal:
            tally.add(clean="\n" not in str(refusal))
        except Exception:
            tally.add(clean=False, traceback=True)

    @many
    @given(NASTY | st.text(max_size=300))
    def csv_files(text: str) -> None:
        reading("fuzz the CSV reader", lambda: list(read_rows("text,claimant,note\n" + text, FileFormat.csv)))

    @many
    @given(JSON_VALUES | st.text(max_size=200))
    def json_files(value: object) -> None:
        text = value if isinstance(value, str) else json.dumps(value)
        reading("fuzz the JSON reader", lambda: list(read_rows(text, FileFormat.json)))
        reading("fuzz the JSON Lines reader", lambda: list(read_rows(text, FileFormat.jsonl)))

    @many
    @given(JSON_VALUES, NASTY, st.binary(max_size=200))
    def settings_files(name: object, url: str, raw: bytes) -> None:
        path = folder / "claims.toml"
        path.write_text(CLAIMREVIEW_SETTINGS.format(name=json.dumps(name), url=json.dumps(url), best=5, value=3))
        reading("fuzz the ClaimReview settings", lambda: review_settings(path))
        path.write_bytes(raw)
        reading("fuzz the ClaimReview settings", lambda: review_settings(path))

    trips = tallies["fuzz import, export, import again"] = Tally()

    @settings(
        max_examples=max(5, examples // 20), deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(st.lists(st.tuples(ROUND_TRIP_TEXT, ROUND_TRIP_TEXT, ROUND_TRIP_TEXT), min_size=1, max_size=5))
    def round_trips(table: list[tuple[str, str, str]]) -> None:
        import csv

        desk = folder / "trip"
        shutil.rmtree(desk, ignore_errors=True)
        desk.mkdir()
        first, second = f"sqlite:///{desk / 'a.db'}", f"sqlite:///{desk / 'b.db'}"
        shutil.copy(template, desk / "a.db")
        shutil.copy(template, desk / "b.db")
        with (desk / "desk.csv").open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows([("text", "claimant", "note"), *table])
        code, _, stderr = run_here(["import", "desk.csv"], desk, first)
        if code != 0:
            trips.add(clean=stderr.count("\n") == 1)
            return
        run_here(["export", "claims", "--output", "once.csv"], desk, first)
        run_here(["import", "once.csv"], desk, second)
        run_here(["export", "claims", "--output", "twice.csv"], desk, second)
        same = (desk / "once.csv").read_bytes() == (desk / "twice.csv").read_bytes()
        trips.add(clean=same, lost=not same)

    for campaign in (csv_files, json_files, settings_files, round_trips):
        campaign()
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10, help="random kill moments per command and database")
    parser.add_argument("--fuzz", type=int, default=300, help="fuzzed files per reader")
    parser.add_argument("--postgres", metavar="ADMIN_URL", help="also kill commands on PostgreSQL databases made here")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    from claims.db import make_engine, upgrade

    results: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        template = folder / "template.db"
        engine = make_engine(f"sqlite:///{template}")
        upgrade(engine)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        for name, tally in kill_campaign(args.kills, template, folder, None, rng).items():
            results[f"{name} (SQLite)"] = tally
        if args.postgres:
            for name, tally in kill_campaign(args.kills, template, folder, args.postgres, rng).items():
                results[f"{name} (PostgreSQL)"] = tally
        results["hostile inputs (issue 14's list)"] = hostile_inputs(template, folder)
        results |= fuzz_campaign(args.fuzz, template, folder)
    width = max(len(name) for name in results)
    print(f"Fault campaign, seed {seed}")
    print(f"{'case':<{width}}  {'tried':>6}  {'clean':>6}  {'tracebacks':>10}  {'data lost':>9}")
    total = Tally()
    for name, tally in results.items():
        print(f"{name:<{width}}  {tally.tried:>6}  {tally.clean:>6}  {tally.tracebacks:>10}  {tally.lost:>9}")
        total.tried += tally.tried
        total.clean += tally.clean
        total.tracebacks += tally.tracebacks
        total.lost += tally.lost
    print(f"{'all':<{width}}  {total.tried:>6}  {total.clean:>6}  {total.tracebacks:>10}  {total.lost:>9}")
    print(
        f"handled cleanly: {total.clean / total.tried:.1%} of cases (target 100%); tracebacks and data lost: target 0"
    )
    if total.tracebacks or total.lost:
        sys.exit(1)


if __name__ == "__main__":
    main()
