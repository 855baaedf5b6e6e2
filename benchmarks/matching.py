"""Matching claims against published fact-checks: quality and speed, through the real CLI.

For SQLite and PostgreSQL: imports the 14,231 Snopes fact-checks with `claims factchecks import`
(timed); times what matching adds to `claims source add` of the seed article, as the whole
command (process start to exit, CPU and wall: the median of 21 runs with matching, each paired
with one whose step that matches new claims is replaced by a no-op in the benchmark's own driver,
each on a fresh copy of the database) and inside one process; with --news, of the held-out news
too; with --instructions, in instructions executed (valgrind) as well; runs `claims match -` on the training and the dev
tweets of CheckThat! 2022 Task 2A and prints MAP@5 on each, next to the full-text stage alone (the
baseline, from the same database); then times `claims match -` on 200 tweets, less its start-up
measured on an empty input.
The reranker was fitted on the training tweets (benchmarks/train_matching.py): MAP@5 on train is
the fit, MAP@5 on dev is the figure that counts.

Example:
    python benchmarks/matching.py                      # both backends
    python benchmarks/matching.py --backend sqlite
    python benchmarks/matching.py --source-add-only     # the archive, then `claims source add` only
    python benchmarks/matching.py --backend sqlite --source-add-only --news --instructions
                                                        # and the held-out news, in CPU time and instructions
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from train_matching import DEFAULT_DATA, average_precision_at_5, read_qrels, read_tweets, slug

PROJECT = Path(__file__).resolve().parent.parent
CLAIMS = str(Path(sys.executable).with_name("claims"))
POSTGRES_ADMIN = os.environ.get("CLAIMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BENCH_DATABASE = f"claims_bench_matching_{os.getpid()}"  # unique: benchmarks may run side by side
TIMED_QUERIES = 200
# A fresh copy of the benchmark's database (its URL), and dropping it.
Copies = tuple[Callable[[], str], Callable[[str], None]]


def run(url: str, *arguments: str, stdin: str | None = None) -> tuple[str, float, float]:
    """stdout, wall seconds and CPU seconds of one claims command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([CLAIMS, "--db", url, *arguments], input=stdin, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"claims {' '.join(arguments)} failed: {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout, wall, cpu


def mean_ap(answers: list[dict], tweets: list[tuple[str, str]], relevant: dict[str, set[str]]) -> float:
    scores = []
    for (tweet, text), answer in zip(tweets, answers, strict=True):
        assert answer["query"] == text.strip() or answer["query"] == text, "answers come back in order"
        scores.append(average_precision_at_5([slug(m["url"]) for m in answer["matches"]], relevant[tweet]))
    return float(np.mean(scores))


def lexical_baseline(url: str, tweets: list[tuple[str, str]], relevant: dict[str, set[str]]) -> float:
    """MAP@5 of the full-text stage's own order (bm25 on SQLite, ts_rank on PostgreSQL)."""
    from sqlalchemy import select

    from claims.db import make_engine, resolve_database_url, session_scope
    from claims.models import Factcheck
    from claims.services.matching import factcheck_features

    engine = make_engine(resolve_database_url(url))
    try:
        with session_scope(engine) as session:
            slugs = {row.id: slug(row.url) for row in session.execute(select(Factcheck.id, Factcheck.url))}
            return float(
                np.mean(
                    [
                        average_precision_at_5(
                            [slugs[i] for i in factcheck_features(session, text)[0][0]], relevant[tweet]
                        )
                        for tweet, text in tweets
                    ]
                )
            )
    finally:
        engine.dispose()


SOURCE_ADD = """
import sys, time
from pathlib import Path
from claims.db import make_engine, resolve_database_url, session_scope
from claims.services.matching import match_claims
from claims.services.sources import add_source, new_claim_ids
engine = make_engine(resolve_database_url(sys.argv[1]))
text = Path(sys.argv[2]).read_text(encoding="utf-8")
with session_scope(engine, write=True) as session:
    started = time.process_time()
    added = add_source(session, text=text, editor="bench", title="Seed")
    extracted = time.process_time()
    match_claims(session, new_claim_ids(session, added), new=True)
    matched = time.process_time()
    session.rollback()
print(extracted - started, matched - extracted, added.stored)
"""

# `claims source add` as the editor runs it, in a fresh process. With "off", the command runs
# exactly as it does, except that the step matching its new claims against the archive does
# nothing: a benchmark-only switch, made here, which no user can set.
COMMAND = """
import sys
if sys.argv.pop(1) == "off":
    import claims.cli.matching
    claims.cli.matching.match_new_claims = lambda session, claim_ids, thresholds, **where: []
from claims.cli import main
sys.argv[0] = "claims"
main()
"""
SEED = PROJECT / "seeds" / "000_4553a5a73907e540.txt"
COMMAND_RUNS = 21
# The held-out news stories (--news), each timed as the seed is.
NEWS = PROJECT / "benchmarks" / "news" / "heldout"
NEWS_RUNS = 21


def news_articles(folder: Path) -> list[Path]:
    """The held-out stories as the articles an editor would add, written into FOLDER: a story file
    holds each sentence with its hand labels (benchmarks/news/README.md), which `claims source
    add` must not read as words of the article."""
    from news_quality import read_story

    articles = []
    for story in sorted(NEWS.glob("*.txt")):
        article = folder / story.name
        article.write_text(read_story(story).text + "\n", encoding="utf-8")
        articles.append(article)
    return articles


def source_add_overhead(url: str, fresh_copy: Callable[[], str], drop_copy: Callable[[str], None]) -> float:
    """What matching a new article's claims adds to `claims source add` of the seed article.

    Twice: the whole command, process start to exit (see ``whole_command_overhead``), and the two
    steps timed inside one process (CPU; the matching side pays for loading the embedding model,
    as the command does)."""
    added, cpu, wall, environment = whole_command_overhead(SEED, COMMAND_RUNS, fresh_copy, drop_copy)
    print(
        f"claims source add of the seed article, whole command (median of {COMMAND_RUNS}): without matching "
        f"{cpu['off']:.2f} s CPU, {wall['off']:.2f} s wall; with matching {cpu['on']:.2f} s CPU, "
        f"{wall['on']:.2f} s wall: matching adds {added[0]:+.1%} CPU, {added[1]:+.1%} wall (median of the "
        f"paired runs; ratio of the medians {cpu['on'] / cpu['off'] - 1:+.1%} CPU, {wall['on'] / wall['off'] - 1:+.1%} wall)"
    )
    done = subprocess.run(
        [sys.executable, "-c", SOURCE_ADD, url, str(SEED)], capture_output=True, text=True, check=True, env=environment
    )
    extract, match, claims = done.stdout.split()
    print(
        f"  inside one process ({claims} claims): storing and extracting {float(extract):.3f} s CPU, "
        f"matching against the archive {float(match):.3f} s CPU (+{float(match) / float(extract):.0%})"
    )
    return added[0]


def news_overhead(articles: list[Path], fresh_copy: Callable[[], str], drop_copy: Callable[[str], None]) -> float:
    """What matching adds to `claims source add` of each held-out news article of
    benchmarks/news (never used to tune anything), and the median over them: the seed is one
    article, and what matching costs grows with an article's claims and their words."""
    found = []
    for article in articles:
        (cpu_added, wall_added), cpu, _, _ = whole_command_overhead(article, NEWS_RUNS, fresh_copy, drop_copy)
        found.append(cpu_added)
        print(
            f"  {article.stem}: without matching {cpu['off']:.2f} s CPU; matching adds {cpu_added:+.1%} CPU, "
            f"{wall_added:+.1%} wall (median of {NEWS_RUNS} pairs)"
        )
    median: float = statistics.median(found)
    print(f"held-out news articles: matching adds {median:+.1%} CPU to `claims source add` (median of the articles)")
    return median


def whole_command_overhead(
    article: Path, runs: int, fresh_copy: Callable[[], str], drop_copy: Callable[[str], None]
) -> tuple[tuple[float, float], dict[str, float], dict[str, float], dict[str, str]]:
    """`claims source add ARTICLE` from process start to exit, RUNS times with matching and
    without, alternating, each on a fresh copy of the database holding the archive, with the
    compiled bytecode an installed claims keeps. Returns what matching adds in CPU and wall time
    (the median of the paired runs: each with matching against the one without it just before,
    so that a machine whose speed drifts, as this one does by a tenth within a minute, moves both
    alike), the medians of each side, and the environment the commands ran in."""
    with tempfile.TemporaryDirectory() as bytecode:
        environment = _environment(bytecode)
        figures: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
        for run_number in range(runs + 1):  # the first run of each writes the bytecode
            for mode in ("off", "on"):
                timed = _source_add(mode, article, (fresh_copy, drop_copy), environment)
                if run_number:
                    figures[mode].append(timed)
    cpu = {mode: statistics.median(c for c, _ in timed) for mode, timed in figures.items()}
    wall = {mode: statistics.median(w for _, w in timed) for mode, timed in figures.items()}
    added = tuple(
        statistics.median(on[index] / off[index] for on, off in zip(figures["on"], figures["off"], strict=True)) - 1
        for index in (0, 1)
    )
    return (added[0], added[1]), cpu, wall, environment


def counted_overhead(fresh_copy: Callable[[], str], drop_copy: Callable[[str], None], article: Path = SEED) -> float:
    """What matching adds to `claims source add` of ARTICLE in instructions executed, as
    valgrind's callgrind counts them: the same for the same code and input whatever else the
    machine does, where CPU time here moves by several points from run to run. Instructions are
    not time (start-up's imports stall on memory more than matching's arithmetic does), so the two
    figures differ; this one tells whether a change made matching cheaper. Each side runs once
    after a run that writes the bytecode (about half a minute each under callgrind)."""
    counted = {}
    with tempfile.TemporaryDirectory() as scratch:
        environment = _environment(scratch)
        for mode in ("off", "on"):
            _source_add(mode, article, (fresh_copy, drop_copy), environment)  # writes the bytecode
            counting = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch}/{mode}.out"]
            _source_add(mode, article, (fresh_copy, drop_copy), environment, under=counting)
            lines = Path(f"{scratch}/{mode}.out").read_text().splitlines()
            counted[mode] = int(next(line for line in lines if line.startswith(("summary:", "totals:"))).split()[1])
    added = counted["on"] / counted["off"] - 1
    name = "the seed article" if article == SEED else article.stem
    print(
        f"claims source add of {name}, instructions (callgrind): without matching {counted['off'] / 1e9:.3f} "
        f"billion, with matching {counted['on'] / 1e9:.3f} billion: matching adds {added:+.1%}"
    )
    return added


def counted_news_overhead(
    articles: list[Path], fresh_copy: Callable[[], str], drop_copy: Callable[[str], None]
) -> float:
    """``counted_overhead`` for each held-out news article, and the median over them."""
    found = [counted_overhead(fresh_copy, drop_copy, article) for article in articles]
    median: float = statistics.median(found)
    print(f"held-out news articles: matching adds {median:+.1%} instructions to `claims source add` (median)")
    return median


def _environment(bytecode: str) -> dict[str, str]:
    """What `claims source add` runs in here: this one's, with its compiled bytecode kept in
    BYTECODE between runs (as an installed claims keeps it)."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return environment | {"CLAIMS_EDITOR": "bench", "PYTHONPYCACHEPREFIX": bytecode}


def _source_add(
    mode: str, article: Path, copies: Copies, environment: dict[str, str], *, under: list[str] | None = None
) -> tuple[float, float]:
    """CPU and wall seconds of `claims source add ARTICLE` on a fresh copy of the database, with
    matching ("on") or without ("off"), run UNDER another command when one is given."""
    fresh_copy, drop_copy = copies
    copy = fresh_copy()
    try:
        command = [sys.executable, "-c", COMMAND, mode, "--db", copy, "source", "add", str(article)]
        return _timed([*(under or []), *command, "--title", article.stem], environment)
    finally:
        drop_copy(copy)


def _timed(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """CPU and wall seconds of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[3:])} failed: {done.stderr.strip()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def bench(
    name: str,
    url: str,
    data: Path,
    copies: Copies,
    *,
    source_add_only: bool = False,
    news: bool = False,
    instructions: bool = False,
) -> dict[str, float]:
    print(f"\n== {name}")
    run(url, "db", "upgrade")
    _, wall, cpu = run(url, "factchecks", "import", str(data / "snopes_claimreview.jsonl"))
    print(f"import of 14,231 fact-checks: {wall:.1f} s wall, {cpu:.1f} s CPU")
    figures = {"import": wall}
    figures["source_add"] = source_add_overhead(url, *copies)
    with tempfile.TemporaryDirectory() as folder:
        articles = news_articles(Path(folder)) if news else []
        if news:
            figures["news"] = news_overhead(articles, *copies)
        if instructions:
            figures["instructions"] = counted_overhead(*copies)
            if news:
                figures["news_instructions"] = counted_news_overhead(articles, *copies)
    if source_add_only:
        return figures
    _, again, _ = run(url, "factchecks", "import", str(data / "snopes_claimreview.jsonl"))
    print(f"importing them again (nothing changes): {again:.1f} s wall")
    for split in ("train", "dev"):
        tweets, relevant = read_tweets(data, split), read_qrels(data, split)
        out, _, _ = run(url, "match", "-", stdin="".join(text + "\n" for _, text in tweets))
        answers = [json.loads(line) for line in out.splitlines()]
        figures[split] = mean_ap(answers, tweets, relevant)
        baseline = lexical_baseline(url, tweets, relevant)
        tuned = "fitted on these" if split == "train" else "never seen in training or tuning"
        print(
            f"MAP@5 {split:5} ({len(tweets)} tweets, {tuned}): {figures[split]:.4f}  "
            f"full-text stage alone {baseline:.4f}  ratio {figures[split] / baseline:.3f}"
        )
    queries = "".join(text + "\n" for _, text in read_tweets(data, "train")[:TIMED_QUERIES])
    _, start_wall, start_cpu = run(url, "match", "-", stdin="")
    _, wall, cpu = run(url, "match", "-", stdin=queries)
    figures["per_query"] = (wall - start_wall) / TIMED_QUERIES
    print(
        f"claims match - on {TIMED_QUERIES} tweets: {wall:.2f} s wall, {cpu:.2f} s CPU; start-up alone "
        f"{start_wall:.2f} s wall, {start_cpu:.2f} s CPU; after start-up {cpu - start_cpu:.2f} s CPU, "
        f"{1000 * figures['per_query']:.1f} ms wall a query"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--source-add-only", action="store_true", help="Import the archive, then time `claims source add` only."
    )
    parser.add_argument(
        "--news", action="store_true", help="Also time `claims source add` of each held-out news article."
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="Also count the instructions `claims source add` executes with matching and without (valgrind; "
        "with --news, of each news article too).",
    )
    arguments = parser.parse_args()
    only = arguments.source_add_only
    results = {}
    if arguments.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as scratch:
            database = Path(scratch) / "bench.db"

            def sqlite_copy() -> str:
                shutil.copyfile(database, Path(scratch) / "copy.db")
                return f"sqlite:///{scratch}/copy.db"

            def sqlite_drop(url: str) -> None:
                (Path(scratch) / "copy.db").unlink()

            copies = (sqlite_copy, sqlite_drop)
            results["sqlite"] = bench(
                "SQLite",
                f"sqlite:///{database}",
                arguments.data,
                copies,
                source_add_only=only,
                news=arguments.news,
                instructions=arguments.instructions,
            )
    if arguments.backend in ("postgresql", "both"):
        import psycopg

        admin = psycopg.connect(POSTGRES_ADMIN, autocommit=True)
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
        base = POSTGRES_ADMIN.rsplit("/", 1)[0]

        def postgres_copy() -> str:
            admin.execute(f"CREATE DATABASE {BENCH_DATABASE}_copy TEMPLATE {BENCH_DATABASE}")
            return f"{base}/{BENCH_DATABASE}_copy"

        def postgres_drop(url: str) -> None:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}_copy WITH (FORCE)")

        try:
            url = f"{base}/{BENCH_DATABASE}"
            copies = (postgres_copy, postgres_drop)
            results["postgresql"] = bench(
                "PostgreSQL",
                url,
                arguments.data,
                copies,
                source_add_only=only,
                news=arguments.news,
                instructions=arguments.instructions,
            )
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}_copy WITH (FORCE)")
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            admin.close()
    if only:
        return
    if len(results) == 2:
        gap = abs(results["sqlite"]["dev"] - results["postgresql"]["dev"])
        print(f"\nMAP@5 dev, SQLite vs PostgreSQL: {gap:.4f} apart (target: within 0.02)")


if __name__ == "__main__":
    main()
