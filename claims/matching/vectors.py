"""Static sentence embeddings from wordllama's bundled 256-dimension model, stored as bytes.

The model (a token embedding table and its tokenizer) ships inside the wordllama 0.4 wheel. It is
read from the package's own folder, found without importing wordllama: its Python code would bring
pydantic and requests, a third of a second at every `claims add`, for what is a table look-up and
an average. The vectors are wordllama's own (``WordLlama.embed``: the mean of the text's token
vectors), normalised to unit length. Nothing is ever downloaded.
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
MODEL = "l2_supercat"


@cache
def _model() -> tuple[Any, np.ndarray]:
    """wordllama's tokenizer and token table, from the installed wheel's folder."""
    import importlib.util
    from pathlib import Path

    import numpy as np
    from safetensors import safe_open
    from tokenizers import Tokenizer

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        from claims.errors import ClaimsError

        raise ClaimsError("matching needs the wordllama package, which ships the embedding model: reinstall claims")
    folder = Path(next(iter(spec.submodule_search_locations)))
    tokenizer = Tokenizer.from_file(str(folder / "tokenizers" / f"{MODEL}_tokenizer_config.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    with safe_open(str(folder / "weights" / f"{MODEL}_{DIMENSIONS}.safetensors"), framework="np") as weights:
        table = np.ascontiguousarray(weights.get_tensor("embedding.weight").astype(np.float32))
    return tokenizer, table


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length vectors, one row per text (links left out: they carry no meaning to a word model)."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    tokenizer, table = _model()
    encoded = tokenizer.encode_batch([without_links(text) for text in texts], add_special_tokens=False)
    raw = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for row, encoding in enumerate(encoded):
        if encoding.ids:
            raw[row] = table[np.clip(np.asarray(encoding.ids), 0, len(table) - 1)].mean(axis=0)
    norms = np.linalg.norm(raw, axis=1, keepdims=True).clip(1e-9)
    unit: np.ndarray = (raw / norms).astype(np.float32)
    return unit


def to_bytes(vector: np.ndarray) -> bytes:
    return bytes(vector.astype(DTYPE).tobytes())


def from_bytes(blob: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(blob, dtype=DTYPE)
