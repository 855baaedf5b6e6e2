"""The two thresholds an editor reads stored match scores through, and the shipped model file they
come from.

Kept apart from the reranker (``rerank.py``) because every everyday read command (``list``,
``show``, ``queue``) reads stored scores through the thresholds, and none of them should pay for
importing the reranker's text analysis, which only computing a match needs.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

WEIGHTS_FILE = "reranker.json"


class Thresholds(NamedTuple):
    """Above ``suggested`` a match is shown to the editor; above ``same`` it reads as the same claim.
    (A named tuple: a frozen dataclass costs `claims source add` more to define.)"""

    suggested: float
    same: float

    def label(self, score: float | None) -> str | None:
        """How a match with SCORE reads: "same claim", "suggested", or nothing."""
        if score is None or score < self.suggested:
            return None
        return "same claim" if score >= self.same else "suggested"


def shipped_thresholds(backend: str) -> Thresholds:
    """The thresholds the training chose for this backend (precision of "same claim" on the training tweets)."""
    chosen = shipped_backend(backend)["thresholds"]
    return Thresholds(suggested=float(chosen["suggested"]), same=float(chosen["same"]))


def shipped_backend(backend: str) -> dict[str, Any]:
    """The shipped model's part for BACKEND (SQLite's when the file has none for it)."""
    backends: dict[str, Any] = shipped_model()["backends"]
    return backends.get(backend, backends["sqlite"])  # type: ignore[no-any-return]


@cache
def shipped_model() -> dict[str, Any]:
    """``reranker.json`` as ``benchmarks/train_matching.py`` wrote it."""
    model: dict[str, Any] = json.loads(Path(__file__).with_name(WEIGHTS_FILE).read_text(encoding="utf-8"))
    return model
