"""Static sentence embeddings from wordllama's bundled 256-dimension model, stored as bytes.

The model ships inside the wordllama wheel. wordllama looks for its tokenizer in a ``tokenizers``
folder of its cache directory, so the package's own folder is given as the cache: nothing is ever
downloaded. wordllama imports pydantic and requests, so this module loads it only when a vector is
first needed, never at ``claims`` start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from claims.matching.text import without_links

if TYPE_CHECKING:
    import numpy as np

DIMENSIONS = 256
DTYPE = "<f4"  # little-endian float32, the same bytes on every machine and backend


@cache
def _model() -> Any:
    from pathlib import Path

    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, dim=DIMENSIONS, disable_download=True)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length vectors, one row per text (links left out: they carry no meaning to a word model)."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    raw = _model().embed([without_links(text) for text in texts])
    norms = np.linalg.norm(raw, axis=1, keepdims=True).clip(1e-9)
    unit: np.ndarray = (raw / norms).astype(np.float32)
    return unit


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype(DTYPE).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(blob, dtype=DTYPE)
