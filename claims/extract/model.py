"""Check-worthiness model: a linear model over :mod:`features`, read lazily.

The weights come from ``benchmarks/train_detector.py``. Scoring needs only the
standard library so that ``claims`` starts fast and installs light.
"""

import gzip
import json
import math
from functools import cache
from importlib import resources

from claims.extract.features import sentence_features

WEIGHTS_FILE = "detector_weights.json.gz"


@cache
def _weights() -> tuple[float, dict[str, float]]:
    """Read the shipped weights once, on first use rather than at import."""
    raw = resources.files("claims.extract").joinpath(WEIGHTS_FILE).read_bytes()
    model = json.loads(gzip.decompress(raw))
    return model["bias"], model["weights"]


def scale(feature_count: int) -> float:
    """Row scaling used in training and scoring alike: long sentences don't win by length."""
    return 1.0 / math.sqrt(max(feature_count, 1))


def model_logit(sentence: str) -> float:
    """Log-odds that a debate fact-checker would call the sentence check-worthy."""
    bias, weights = _weights()
    features = sentence_features(sentence)
    get = weights.get
    return bias + sum(get(f, 0.0) for f in features) * scale(len(features))
