"""Rebuild claims/matching/reranker.json from the training tweets of CheckThat! 2022 Task 2A.

For each backend (a scratch SQLite file, a scratch PostgreSQL database): imports the 14,231
fact-checks with the service `claims factchecks import` uses, runs the full-text stage (50
candidates) for every TRAINING tweet, computes the reranker's features exactly as `claims match`
does, and fits a logistic regression on them. Each tweet is also asked a second time with its right
fact-checks left out of the candidates: a claim the archive does not hold, whose best candidate
must not look like a match just for being the best. The two thresholds are chosen on the first five
of both: "same claim" is the lowest score at which at least 95% of matches are right, "suggested"
the lowest at which four in five are. The dev tweets are never read here: benchmarks/matching.py
reports on them.

Needs scikit-learn and numpy (training only).

Example:
    python benchmarks/train_matching.py                    # ../shared/data/factchecks
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claims.matching.rerank import FEATURES

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT.parent / "shared" / "data" / "factchecks"
OUTPUT = PROJECT / "claims" / "matching" / "reranker.json"
# Regularisation: scikit-learn's default; the twelve features leave little to overfit.
C = 1.0
SAME_PRECISION = 0.95
SUGGESTED_PRECISION = 0.8
POSTGRES_ADMIN = os.environ.get("CLAIMS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SCRATCH_DATABASE = "claims_train_matching"


def read_tweets(data: Path, split: str) -> list[tuple[str, str]]:
    with (data / f"tweets_{split}.tsv").open(encoding="utf-8") as lines:
        return [tuple(line.rstrip("\n").split("\t", 1)) for line in lines if line.strip()]  # type: ignore[misc]


def read_qrels(data: Path, split: str) -> dict[str, set[str]]:
    """tweet id -> the urls of the fact-checks that verify it (an id vclaim-sno-SLUG is /fact-check/SLUG/)."""
    relevant: dict[str, set[str]] = {}
    with (data / f"qrels_{split}.tsv").open(encoding="utf-8") as lines:
        for line in lines:
            tweet, _, check, _ = line.rstrip("\n").split("\t")
            relevant.setdefault(tweet, set()).add(check.removeprefix("vclaim-sno-"))
    return relevant


def slug(url: str) -> str:
    found = re.search(r"/fact-check/([^/]+)/?$", url)
    return found.group(1) if found else url


def average_precision_at_5(ranked: list[str], relevant: set[str]) -> float:
    hits, total = 0, 0.0
    for rank, item in enumerate(ranked[:5], start=1):
        if item in relevant:
            hits += 1
            total += hits / rank
    return total / min(len(relevant), 5)


def lowest_threshold(scores: np.ndarray, right: np.ndarray, precision: float) -> float:
    """The lowest score above which the share of right matches stays at least PRECISION."""
    order = np.argsort(-scores)
    cumulative = np.cumsum(right[order]) / np.arange(1, len(order) + 1)
    ok = np.nonzero(cumulative >= precision)[0]
    return float(scores[order][ok[-1]]) if len(ok) else 1.0


def collect(url: str, data: Path, tweets: list[tuple[str, str]], relevant: dict[str, set[str]]) -> list[Group]:
    """Import the archive into the empty database at URL, then the features of every training tweet's
    candidates: once as found, and once with the right fact-checks left out of the archive."""
    from sqlalchemy import select

    from claims.db import make_engine, session_scope, upgrade
    from claims.factchecks import read_checks
    from claims.models import Factcheck
    from claims.services.matching import factcheck_features, import_factchecks

    engine = make_engine(url)
    try:
        upgrade(engine)
        text = (data / "snopes_claimreview.jsonl").read_text(encoding="utf-8")
        with session_scope(engine, write=True) as session:
            import_factchecks(session, read_checks(text))
        groups = []
        with session_scope(engine) as session:
            slugs = {row.id: slug(row.url) for row in session.execute(select(Factcheck.id, Factcheck.url))}
            right_ids: dict[str, set[int]] = {}
            for identifier, found in slugs.items():
                right_ids.setdefault(found, set()).add(identifier)
            for tweet, words in tweets:
                right = set().union(*(right_ids.get(name, set()) for name in relevant[tweet]))
                (ids, rows), (unseen_ids, unseen_rows) = factcheck_features(session, words, leave_out=right)
                labels = [1 if slugs[i] in relevant[tweet] else 0 for i in ids]
                groups.append(Group(tweet, [slugs[i] for i in ids], np.array(rows), np.array(labels)))
                groups.append(
                    Group(tweet, [slugs[i] for i in unseen_ids], np.array(unseen_rows), np.zeros(len(unseen_ids)), True)
                )
        return groups
    finally:
        engine.dispose()


@dataclass
class Group:
    """One query's candidates, their features and which are right; UNSEEN when the right ones were
    left out of the archive (a claim nobody has checked yet)."""

    tweet: str
    slugs: list[str]
    rows: np.ndarray
    labels: np.ndarray
    unseen: bool = False


def fit(groups: list[Group], relevant: dict[str, set[str]]) -> dict[str, Any]:
    """Weights, thresholds and the training MAP@5 for one backend's candidates."""
    from sklearn.linear_model import LogisticRegression

    usable = [group for group in groups if len(group.rows)]
    features = np.vstack([group.rows for group in usable])
    labels = np.concatenate([group.labels for group in usable])
    model = LogisticRegression(C=C, max_iter=5000).fit(features, labels)
    scores, right, precisions = [], [], []
    for group in groups:
        if not len(group.rows):
            if not group.unseen:
                precisions.append(0.0)
            continue
        probabilities = model.predict_proba(group.rows)[:, 1]
        order = np.argsort(-probabilities, kind="stable")[:5]
        if not group.unseen:
            precisions.append(average_precision_at_5([group.slugs[i] for i in order], relevant[group.tweet]))
        scores.extend(probabilities[order])
        right.extend(group.labels[order])
    scores_array, right_array = np.array(scores), np.array(right)
    thresholds = {
        "suggested": lowest_threshold(scores_array, right_array, SUGGESTED_PRECISION),
        "same": lowest_threshold(scores_array, right_array, SAME_PRECISION),
    }
    for name, target in (("suggested", SUGGESTED_PRECISION), ("same", SAME_PRECISION)):
        kept = scores_array >= thresholds[name]
        print(
            f"  threshold {name}: {thresholds[name]:.3f} (precision {right_array[kept].mean():.3f}, target {target}; "
            f"finds {right_array[kept].sum() / right_array.sum():.0%} of the right matches in the first five)"
        )
    print(f"  MAP@5 on the training tweets (fitted on them): {np.mean(precisions):.4f}")
    print("  " + ", ".join(f"{name} {weight:.2f}" for name, weight in zip(FEATURES, model.coef_[0], strict=True)))
    return {
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 6),
        "thresholds": {name: round(value, 4) for name, value in thresholds.items()},
        "train_map_at_5": round(float(np.mean(precisions)), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    arguments = parser.parse_args()
    tweets, relevant = read_tweets(arguments.data, "train"), read_qrels(arguments.data, "train")
    backends = {}
    with tempfile.TemporaryDirectory() as scratch:
        print("SQLite")
        backends["sqlite"] = fit(collect(f"sqlite:///{scratch}/train.db", arguments.data, tweets, relevant), relevant)
    with scratch_postgres() as url:
        print("PostgreSQL")
        backends["postgresql"] = fit(collect(url, arguments.data, tweets, relevant), relevant)
    OUTPUT.write_text(
        json.dumps(
            {
                "trained_on": "CheckThat! 2022 Task 2A English, training tweets only",
                "features": list(FEATURES),
                "backends": backends,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUTPUT.relative_to(PROJECT)}")


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """An empty PostgreSQL database for the run, dropped after."""
    import psycopg

    admin = psycopg.connect(POSTGRES_ADMIN, autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {SCRATCH_DATABASE}")
    try:
        yield "postgresql+psycopg://" + POSTGRES_ADMIN.split("://", 1)[1].rsplit("/", 1)[0] + f"/{SCRATCH_DATABASE}"
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DATABASE} WITH (FORCE)")
        admin.close()


if __name__ == "__main__":
    main()
