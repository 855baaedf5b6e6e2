"""Check-worthiness model: a linear model over :mod:`features`, read lazily.

The weights come from ``benchmarks/train_detector.py``. Scoring needs only the
standard library so that ``claims`` starts fast and installs light.
"""

import gzip
import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from claims.extract.features import sentence_level_features, sentence_words, word_features

WEIGHTS_FILE = "detector_weights.json.gz"
# Enough for a newsroom's vocabulary; a bound so a long-running process cannot grow without limit.
_WORD_CACHE_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class Model:
    """A linear model: log-odds = bias + scaled sum of the sentence's feature weights."""

    bias: float
    weights: dict[str, float]
    # word -> (sum of its word-level feature weights, their number); news reuses words a lot.
    _by_word: dict[str, tuple[float, int]] = field(default_factory=dict, repr=False, compare=False)

    def logit(self, sentence: str) -> float:
        """Log-odds that a debate fact-checker would call the sentence check-worthy.

        Equal to scoring `sentence_features(sentence)`, with the per-word part cached.
        """
        lowered, words = sentence_words(sentence)
        get = self.weights.get
        rest = sentence_level_features(sentence, lowered, words)
        total = sum(get(f, 0.0) for f in rest)
        count = len(rest)
        by_word = self._by_word
        for word in words:
            cached = by_word.get(word)
            if cached is None:
                features = word_features(word)
                cached = (sum(get(f, 0.0) for f in features), len(features))
                if len(by_word) < _WORD_CACHE_SIZE:
                    by_word[word] = cached
            total += cached[0]
            count += cached[1]
        return self.bias + total * scale(count)


@cache
def shipped_model() -> Model:
    """The weights shipped in the package, read once on first use rather than at import."""
    raw = resources.files("claims.extract").joinpath(WEIGHTS_FILE).read_bytes()
    model = json.loads(gzip.decompress(raw))
    return Model(model["bias"], model["weights"])


def scale(feature_count: int) -> float:
    """Row scaling used in training and scoring alike: long sentences don't win by length."""
    return 1.0 / math.sqrt(max(feature_count, 1))
