"""Claim detector: finds check-worthy, atomic claims in news text.

Pure functions over text: no database, no printing. The model's weights are read
on first use, and the detector's modules when first asked for, so importing the package (or
only its entity lists, as ClaimReview's export does) costs little.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claims.extract.detector import Candidate, find_claims, score_sentences
    from claims.extract.entities import Entity

__all__ = ["Candidate", "Entity", "find_claims", "score_sentences"]


def __getattr__(name: str) -> Any:
    if name in ("Candidate", "find_claims", "score_sentences"):
        from claims.extract import detector

        return getattr(detector, name)
    if name == "Entity":
        from claims.extract.entities import Entity

        return Entity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
