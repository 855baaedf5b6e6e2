"""Claim detector: finds check-worthy, atomic claims in news text.

Pure functions over text: no database, no printing. The model's weights are read
on first use, so importing the package costs little.
"""

from claims.extract.detector import Candidate, find_claims, score_sentences
from claims.extract.entities import Entity

__all__ = ["Candidate", "Entity", "find_claims", "score_sentences"]
