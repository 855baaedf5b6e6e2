"""Many editors changing the same few claims at once, each in their own process.

Every worker is an OS process that runs the real `claims` commands (in-process through the CLI,
to spare the interpreter start-up), the way an editor works: look at a claim (`claims show`), then
change it saying which version they saw (`--seen-version`). Afterwards it checks that every
command either succeeded or was refused with the exit-3 conflict message, that every success is
in the history exactly once and no refused command left anything behind, and that every claim's
history replays to its state.

    python benchmarks/desk_load.py                    # 16 processes, 60 s, a new SQLite file
    python benchmarks/desk_load.py --db postgresql://postgres@127.0.0.1/claims_bench --processes 16

Give an empty database: it is set up with one editor per process and 5 claims. The test suite
runs the same with 8 processes of 25 changes each (tests/load/test_desk_load.py).
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFLICT = re.compile(
    r"Error: claim (\d+) was changed by \S+ at [\d: -]+ while you were working; run claims show \1 and try again\n"
)
TOKEN = re.compile(r"^w\d+-\d+(-evidence)?$")


@dataclass
class LoadResult:
    processes: int
    seconds: float
    attempts: int = 0
    successes: int = 0
    conflicts: int = 0
    unexpected: list[str] = field(default_factory=list)  # any other failure, with its output
    lost: list[str] = field(default_factory=list)  # succeeded, but not in the history
    duplicated: list[str] = field(default_factory=list)  # in the history more than once
    half_written: list[str] = field(default_factory=list)  # refused, yet something of it was written
    mismatched: dict[int, list[str]] = field(default_factory=dict)  # history does not replay to the state
    by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def sound(self) -> bool:
        return not (self.unexpected or self.lost or self.duplicated or self.half_written or self.mismatched)


def claims_cli(args: list[str], *, url: str, editor: str) -> tuple[int, str, str, str | None]:
    """Run one `claims` command in this process, as the console script would: exit code,
    stdout, stderr, and the crash if it raised instead of reporting an error."""
    import contextlib
    import io
    import os

    os.environ.update({"CLAIMS_DATABASE_URL": url, "CLAIMS_EDITOR": editor})
    stdout, stderr = io.StringIO(), io.StringIO()
    crash = None
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = _command().main(args, prog_name="claims", standalone_mode=False)
        except Exception as error:  # a crash: the CLI must turn every expected failure into an exit code
            code, crash = 1, f"{type(error).__name__}: {error}"
    return code or 0, stdout.getvalue(), stderr.getvalue(), crash


@functools.cache
def _command() -> Any:
    """The click command behind `claims`, built once per process rather than once per command."""
    import typer

    from claims.cli import app

    return typer.main.get_command(app)


def prepare(url: str, processes: int, claims: int = 5) -> tuple[list[str], list[int]]:
    """One editor per process (the first is the chief) and the claims they all work on."""
    editors = [f"w{number}" for number in range(processes)]
    for editor in editors:
        _check(claims_cli(["editor", "add", editor, "--role", "editor"], url=url, editor=editors[0]))
    claim_ids = []
    for number in range(claims):
        _, out, _, _ = _check(claims_cli(["add", f"Claim number {number} under load"], url=url, editor=editors[0]))
        claim_ids.append(int(re.search(r"Added claim (\d+)", out).group(1)))  # type: ignore[union-attr]
    return editors, claim_ids


def _check(outcome: tuple[int, str, str, str | None]) -> tuple[int, str, str, str | None]:
    if outcome[0] != 0:
        raise SystemExit(f"setting up the desk failed: {outcome[2] or outcome[3]}")
    return outcome


def choose_change(rng: random.Random, claim: dict[str, Any], *, me: str, editors: list[str], token: str) -> list[str]:
    """A change that the rules allow on the claim as the editor saw it."""
    claim_id = str(claim["id"])
    kind = rng.choice(["evidence", "note", "status", "status", "assignment"])
    if kind == "evidence":
        return ["evidence", "add", claim_id, f"https://example.org/{token}", "--stance", "context"]
    if kind == "note":
        return ["note", claim_id, token]
    if kind == "assignment":
        if claim["assignee"] is not None and rng.random() < 0.4:
            return ["unassign", claim_id, "--note", token]
        colleague = rng.choice([editor for editor in editors if editor != claim["assignee"]])
        return ["assign", claim_id, "--to", colleague, "--note", token]
    status = claim["status"]
    if status == "unverified":
        return ["review", claim_id, "--note", token]
    if status == "in_review":
        if rng.random() < 0.7:
            return ["confirm", claim_id, "--evidence", f"https://example.org/{token}-evidence", "--note", token]
        return ["set-status", claim_id, "unverified", "--note", token]
    verdict_by = next(e["editor"] for e in reversed(claim["history"]) if e["kind"] == "status_changed")
    if not claim["published"] and verdict_by != me and rng.random() < 0.5:
        return ["approve", claim_id, "--note", token]
    return ["reopen", claim_id, "--note", token]


def worker(url: str, me: str, editors: list[str], claim_ids: list[int], changes: int | None, deadline: float | None,
           start_at: float, seed: int, log: Path) -> None:  # fmt: skip
    """One editor's process: look at a random claim, change it, log what happened; repeat."""
    rng = random.Random(seed)
    time.sleep(max(0.0, start_at - time.time()))
    with log.open("w", encoding="utf-8") as out:
        number = 0
        while (changes is not None and number < changes) or (deadline is not None and time.time() < deadline):
            token = f"{me}-{number}"
            code, shown, error, crash = claims_cli(
                ["show", str(rng.choice(claim_ids)), "--format", "json"], url=url, editor=me
            )
            if code != 0 or crash:
                entry = {"token": token, "command": ["show"], "exit": code, "stderr": error, "crash": crash}
            else:
                command = choose_change(rng, json.loads(shown), me=me, editors=editors, token=token)
                code, _, error, crash = claims_cli(
                    [*command, "--seen-version", str(json.loads(shown)["version"])], url=url, editor=me
                )
                entry = {"token": token, "command": command, "exit": code, "stderr": error, "crash": crash}
            out.write(json.dumps(entry) + "\n")
            number += 1


def run_load(url: str, *, processes: int, changes: int | None = None, seconds: float | None = None,
             workdir: Path) -> LoadResult:  # fmt: skip
    """Set up the desk, start PROCESSES workers at the same moment, wait for them, check everything."""
    editors, claim_ids = prepare(url, processes)
    start_at = time.time() + 1.5  # time for every interpreter to start, so that they begin together
    deadline = start_at + seconds if seconds is not None else None
    workers = []
    for number, editor in enumerate(editors):
        log = workdir / f"{editor}.jsonl"
        arguments = json.dumps([url, editor, editors, claim_ids, changes, deadline, start_at, number, str(log)])
        workers.append((subprocess.Popen([sys.executable, __file__, "--worker", arguments]), log))
    for process, _ in workers:
        process.wait()
    elapsed = time.time() - start_at
    result = LoadResult(processes=processes, seconds=elapsed)
    for process, log in workers:
        if process.returncode != 0:
            result.unexpected.append(f"worker {log.stem} exited {process.returncode}")
    entries = [json.loads(line) for _, log in workers if log.exists() for line in log.read_text().splitlines()]
    _judge(url, entries, result)
    return result


def _judge(url: str, entries: list[dict[str, Any]], result: LoadResult) -> None:
    from sqlalchemy import select

    from claims.db import make_engine, session_scope
    from claims.models import ClaimEvent, Evidence
    from claims.services.history import verify_history

    expected: set[str] = set()
    refused: set[str] = set()
    for entry in entries:
        result.attempts += 1
        if (
            entry["crash"]
            or entry["exit"] not in (0, 3)
            or (entry["exit"] == 3 and not CONFLICT.fullmatch(entry["stderr"]))
        ):
            result.unexpected.append(
                f"{' '.join(entry['command'])}: exit {entry['exit']}: {entry['crash'] or entry['stderr']}"
            )
            continue
        tokens = {entry["token"]} | ({entry["token"] + "-evidence"} if entry["command"][0] == "confirm" else set())
        if entry["exit"] == 0:
            result.successes += 1
            result.by_kind[entry["command"][0]] += 1
            expected |= tokens
        else:
            result.conflicts += 1
            refused |= tokens
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            evidence_urls = {row.id: row.url for row in session.execute(select(Evidence.id, Evidence.url))}
            written: Counter[str] = Counter()
            for event in session.scalars(select(ClaimEvent)):
                if event.note and TOKEN.match(event.note):
                    written[event.note] += 1
                if event.evidence_id is not None:
                    written[evidence_urls[event.evidence_id].rsplit("/", 1)[1]] += 1
            evidence_tokens = Counter(url.rsplit("/", 1)[1] for url in evidence_urls.values())
            result.mismatched = verify_history(session.connection()).problems
    finally:
        engine.dispose()
    result.lost = sorted(token for token in expected if written[token] == 0)
    result.duplicated = sorted(token for token in expected if written[token] > 1 or evidence_tokens[token] > 1)
    result.half_written = sorted(token for token in refused if written[token] or evidence_tokens[token])


def report(result: LoadResult, url: str) -> str:
    from claims.db import display_url

    rate = result.successes / result.seconds if result.seconds else 0.0
    lines = [
        f"database:        {display_url(url)}",
        f"processes:       {result.processes}",
        f"seconds:         {result.seconds:.1f}",
        f"attempts:        {result.attempts}",
        f"changes:         {result.successes} ({rate:.1f} per second; {dict(sorted(result.by_kind.items()))})",
        f"conflicts:       {result.conflicts} ({result.conflicts / max(result.attempts, 1):.0%} of attempts, exit 3)",
        f"other errors:    {len(result.unexpected)}",
        f"lost changes:    {len(result.lost)}",
        f"duplicated:      {len(result.duplicated)}",
        f"half-written:    {len(result.half_written)}",
        f"history replay:  {'every claim matches' if not result.mismatched else result.mismatched}",
    ]
    lines += [f"  {problem}" for problem in result.unexpected[:10]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty database's URL (default: a new SQLite file)")
    parser.add_argument("--processes", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        url, me, editors, claim_ids, changes, deadline, start_at, seed, log = json.loads(arguments.worker)
        worker(url, me, editors, claim_ids, changes, deadline, start_at, seed, Path(log))
        return
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.db or f"sqlite:///{Path(folder) / 'desk.db'}"
        from claims.db import resolve_database_url

        url = resolve_database_url(url)
        result = run_load(url, processes=arguments.processes, seconds=arguments.seconds, workdir=Path(folder))
        print(report(result, url))
    sys.exit(0 if result.sound else 1)


if __name__ == "__main__":
    main()
