"""Rebuild claims/matching/reranker.json from the training tweets of CheckThat! 2022 Task 2A.

Imports the 14,231 fact-checks into a scratch SQLite database with the service `claims factchecks
import` uses, runs the first stage (FTS5 bm25, 50 candidates) for every TRAINING tweet, computes
the reranker's features exactly as `claims match` does, and fits a logistic regression on them.
The two thresholds are chosen on the same training pairs: "same claim" is the lowest score at
which at least 95% of the matches in a tweet's first five are right, "suggested" the lowest at
which four in five are. The dev tweets are never read here: benchmarks/matching.py reports on them.

Needs scikit-learn and numpy (training only).

Example:
    python benchmarks/train_matching.py                    # ../shared/data/factchecks
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT.parent / "shared" / "data" / "factchecks"
OUTPUT = PROJECT / "claims" / "matching" / "reranker.json"
# Regularisation: scikit-learn's default; the twelve features leave little to overfit.
C = 1.0
SAME_PRECISION = 0.95
SUGGESTED_PRECISION = 0.8


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


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    from claims.db import make_engine, session_scope, upgrade
    from claims.factchecks import read_checks
    from claims.matching.rerank import FEATURES
    from claims.services.matching import factcheck_features, import_factchecks

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    arguments = parser.parse_args()
    tweets, relevant = read_tweets(arguments.data, "train"), read_qrels(arguments.data, "train")
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/train.db")
        upgrade(engine)
        text = (arguments.data / "snopes_claimreview.jsonl").read_text(encoding="utf-8")
        with session_scope(engine, write=True) as session:
            import_factchecks(session, read_checks(text))
        groups = []
        with session_scope(engine) as session:
            from sqlalchemy import select

            from claims.models import Factcheck

            slugs = {row.id: slug(row.url) for row in session.execute(select(Factcheck.id, Factcheck.url))}
            for tweet, words in tweets:
                ids, rows = factcheck_features(session, words)
                labels = [1 if slugs[i] in relevant[tweet] else 0 for i in ids]
                groups.append((tweet, [slugs[i] for i in ids], np.array(rows), np.array(labels)))
        engine.dispose()
    features = np.vstack([rows for _, _, rows, _ in groups if len(rows)])
    labels = np.concatenate([labels for _, _, rows, labels in groups if len(rows)])
    model = LogisticRegression(C=C, max_iter=5000).fit(features, labels)
    scores, right, precisions = [], [], []
    for tweet, slugs_found, rows, labels in groups:
        if not len(rows):
            precisions.append(0.0)
            continue
        probabilities = model.predict_proba(rows)[:, 1]
        order = np.argsort(-probabilities, kind="stable")[:5]
        precisions.append(average_precision_at_5([slugs_found[i] for i in order], relevant[tweet]))
        scores.extend(probabilities[order])
        right.extend(labels[order])
    scores_array, right_array = np.array(scores), np.array(right)
    same = lowest_threshold(scores_array, right_array, SAME_PRECISION)
    suggested = lowest_threshold(scores_array, right_array, SUGGESTED_PRECISION)
    OUTPUT.write_text(
        json.dumps(
            {
                "trained_on": "CheckThat! 2022 Task 2A English, training tweets only",
                "features": list(FEATURES),
                "weights": [round(float(w), 6) for w in model.coef_[0]],
                "bias": round(float(model.intercept_[0]), 6),
                "thresholds": {"suggested": round(suggested, 4), "same": round(same, 4)},
                "train_map_at_5": round(float(np.mean(precisions)), 4),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"MAP@5 on the training tweets (fitted on them): {np.mean(precisions):.4f}")
    for name, threshold, target in (
        ("suggested", suggested, SUGGESTED_PRECISION),
        ("same claim", same, SAME_PRECISION),
    ):
        kept = scores_array >= threshold
        print(
            f"threshold {name}: {threshold:.3f} (precision {right_array[kept].mean():.3f}, target {target}; "
            f"finds {right_array[kept].sum() / right_array.sum():.0%} of the right matches in the first five)"
        )
    print(dict(zip(FEATURES, np.round(model.coef_[0], 2), strict=True)))
    print(f"wrote {OUTPUT.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
