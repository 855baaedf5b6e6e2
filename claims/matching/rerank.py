"""The second stage: features of (query, candidate) pairs and the learned model that scores them.

The candidates come from the full-text index, best first, with the index's relevance score. The
features compare each with the query (how much of the fact-check's words the query covers, the
cosine of their embeddings, shared numbers and names, how far apart their dates are) and with the
other candidates (share of the best lexical score, rank), so the same model serves SQLite's bm25
and PostgreSQL's ts_rank. A logistic regression turns them into a score between 0 and 1: the
probability, learned on the training tweets, that the candidate verifies the query.

The weights come from ``benchmarks/train_matching.py`` and ship in ``reranker.json``, one set per
backend, since SQLite's and PostgreSQL's full-text scores differ in shape. Scoring is plain Python
(fifty candidates a query): no numpy to import for a handful of claims.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from operator import mul
from typing import Any, NamedTuple

from claims.matching import text as reading
from claims.matching.thresholds import WEIGHTS_FILE, shipped_backend, shipped_model

FEATURES = (
    "lexical_share",  # relevance score / the best candidate's
    "lexical_rank",  # 1 / rank in the full-text results
    "cosine",  # cosine of the embeddings
    "cosine_gap",  # cosine - the best candidate's cosine
    "cosine_rank",  # 1 / rank by cosine among the candidates
    "claim_covered",  # share of the candidate's claim words the query has
    "query_covered",  # share of the query's words the candidate has
    "shared_numbers",  # numbers written in both
    "shared_names",  # share of the candidate's capitalised names the query has
    "dated",  # 1 when both have a date
    "date_gap",  # log of the days between them, scaled
    "not_before",  # 1 when the candidate is not dated before the query (a check follows its claim)
)
# A fact-check follows the claim it reviews within days; two days' slack for time zones and dating.
_SLACK_DAYS = 2


class Query(NamedTuple):
    text: str
    vector: Sequence[float]  # a unit vector (claims.matching.vectors)
    date: date | None = None


class Candidate(NamedTuple):
    """A fact-check or a claim the full-text index found, best first."""

    relevance: float  # the index's score, higher is better
    vector: Sequence[float]  # a unit vector
    claim: str  # what was claimed: claimReviewed, or the desk's claim text
    context: str = ""  # a fact-check's headline and description (left empty when ``compared`` is given)
    date: date | None = None
    # What the reranker compares, when stored with the fact-check (reading.stored_reading).
    compared: reading.Compared | None = None


def features(query: Query, candidates: Sequence[Candidate]) -> list[list[float]]:
    """One row of FEATURES per candidate, in the order given."""
    from claims.matching.vectors import cosine

    if not candidates:
        return []
    vector, asked_date = query.vector, query.date
    cosines = [cosine(candidate.vector, vector) for candidate in candidates]
    cosine_ranks = [0] * len(cosines)
    for position, index in enumerate(sorted(range(len(cosines)), key=cosines.__getitem__, reverse=True)):
        cosine_ranks[index] = position
    best_cosine = max(cosines)
    best_relevance = max(candidates[0].relevance, 1e-9)
    asked = reading.read(query.text)
    stems, numbers, names = asked.stems, asked.numbers, asked.names
    asked_stems = max(1, len(stems))
    rows = []
    for rank, (candidate, similarity) in enumerate(zip(candidates, cosines, strict=True)):
        seen = candidate.compared or reading.compared(candidate.claim, candidate.context)
        dated = asked_date is not None and candidate.date is not None
        gap = (candidate.date - asked_date).days if dated else 0  # type: ignore[operator]
        rows.append(
            [
                candidate.relevance / best_relevance,
                1.0 / (rank + 1),
                similarity,
                similarity - best_cosine,
                1.0 / (cosine_ranks[rank] + 1),
                len(stems.intersection(seen.claim_stems)) / max(1, len(seen.claim_stems)),
                len(stems.intersection(seen.stems)) / asked_stems,
                float(len(numbers.intersection(seen.numbers))),
                len(names.intersection(seen.names)) / max(1, len(seen.names)),
                1.0 if dated else 0.0,
                math.log1p(abs(gap)) / 8 if dated else 0.0,
                1.0 if dated and gap >= -_SLACK_DAYS else 0.0,
            ]
        )
    return rows


class Reranker(NamedTuple):
    """Logistic regression over FEATURES. (A named tuple: see ``claims.matching.text.Reading``.)"""

    weights: tuple[float, ...]
    bias: float

    def scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        return [_sigmoid(self.bias + sum(map(mul, self.weights, row))) for row in rows]


def _sigmoid(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-logit)) if logit >= 0 else math.exp(logit) / (1.0 + math.exp(logit))


def shipped_reranker(backend: str) -> Reranker:
    """The weights fitted for this database's full-text stage (bm25 on SQLite, ts_rank on PostgreSQL)."""
    model = _backend(backend)
    return Reranker(weights=tuple(model["weights"]), bias=float(model["bias"]))


def _backend(backend: str) -> dict[str, Any]:
    if list(shipped_model()["features"]) != list(FEATURES):
        raise RuntimeError(f"{WEIGHTS_FILE} was trained on other features: run benchmarks/train_matching.py")
    return shipped_backend(backend)
