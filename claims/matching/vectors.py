"""Static sentence embeddings from wordllama's bundled 256-dimension model, stored as bytes.

The model (a token embedding table and its tokenizer) ships inside the wordllama 0.4 wheel and is
read from the package's own folder, without importing wordllama (its Python code would bring
pydantic and requests) and without the ``tokenizers`` and ``safetensors`` libraries: building
the Rust tokenizer from its 1.8 MB JSON takes a tenth of a second, more than matching a whole
article's claims (hundreds of texts at once, as a fact-check import hands ``embed``, are the
library's to cut). A text's vector is wordllama's own (``WordLlama.embed``: the mean of the
text's token vectors), normalised to unit length. Nothing is ever downloaded.

- Tokens: the model's tokenizer is LLaMA 2's byte-pair encoding. Its merges are exactly the
  vocabulary's two-piece splits, ranked by the id of the merged piece (then of its left half), runs
  of spaces last; so the vocabulary alone is enough. claims ships it (VOCABULARY_FILE) in buckets
  read as a text's words need them (see ``Pieces``); without a copy made from the installed file,
  the ``tokenizers`` library cuts the words. ``tests/unit/test_matching_vectors.py`` checks the
  ids against that library.
- Vectors: the float16 table is memory-mapped, so a process reads the rows its texts use and
  nothing else. ``embed`` computes many texts at once with numpy (a fact-check import);
  ``vectors`` computes a few in plain Python, since importing numpy alone costs more than a whole
  article's claims (and switches to numpy for a large batch).

Both are cached per process: the first call loads the model, later ones reuse it.
"""

from __future__ import annotations

import json
import math
import mmap
import re
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import chain
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from claims.matching.text import without_links

if TYPE_CHECKING:
    import numpy as np

DIMENSIONS = 256
DTYPE = "<f4"  # little-endian float32, the same bytes on every machine and backend
MODEL = "l2_supercat"
# The tokenizer's vocabulary, as claims ships it (see _vocabulary).
VOCABULARY_FILE = "vocabulary.bin"
# From this many texts on, numpy computes the vectors faster than it takes to import it.
NUMPY_FROM = 64
# From this many texts on, the tokenizers library cuts them faster than it takes to load it.
LIBRARY_FROM = 256

Vector = Sequence[float]
_STORED = struct.Struct(f"<{DIMENSIONS}f")  # a vector as the database keeps it
_HALVES = struct.Struct(f"<{DIMENSIONS}e")  # a row of the model's float16 table
_SPACE = "▁"  # SentencePiece's word mark: the tokenizer writes every space as one
# The tokenizer's pieces never hold a word mark after their first character (runs of marks
# aside), so a text splits into independent stretches: the marks before a word, and the word.
_STRETCH = re.compile(f"{_SPACE}*[^{_SPACE}]+|{_SPACE}+")
# A merge's rank as one number: the merged piece's id, then its left half's (ids below 2**20).
_ID_BITS = 20
_LAST = 1 << (2 * _ID_BITS)  # added to merges of word marks alone, which come after every other
# Distinct stretches tokenised once per process: a word is cut the same way every time.
_STRETCH_CACHE = 65_536


class _Model(NamedTuple):
    vocabulary: Pieces
    table: mmap.mmap  # the float16 token vectors, one row of DIMENSIONS per token id
    offset: int  # where the rows start in the file
    rows: int
    marks_only: frozenset[int]  # the ids of pieces made of word marks alone (runs of spaces)
    # Whether the tokenizer file is the one the shipped vocabulary was made from, whose ids the
    # byte-pair encoding here was checked against; else the tokenizers library gives the ids.
    checked: bool


@cache
def _model() -> _Model:
    """wordllama's vocabulary and token table, read from the installed wheel's folder."""
    folder = _folder()
    vocabulary, checked = _vocabulary(_tokenizer_file())
    with (folder / "weights" / f"{MODEL}_{DIMENSIONS}.safetensors").open("rb") as weights:
        table = mmap.mmap(weights.fileno(), 0, access=mmap.ACCESS_READ)
    (length,) = struct.unpack_from("<Q", table, 0)
    header = json.loads(table[8 : 8 + length])["embedding.weight"]
    rows, columns = header["shape"]
    if header["dtype"] != "F16" or columns != DIMENSIONS or vocabulary.size > rows or rows >= 1 << _ID_BITS:
        raise RuntimeError(f"unexpected wordllama model {MODEL}: {header}")
    ids = vocabulary.ids
    marks_only = frozenset(ids[_SPACE * marks] for marks in range(1, 65) if _SPACE * marks in ids)
    return _Model(vocabulary, table, 8 + length + header["data_offsets"][0], rows, marks_only, checked)


# The shipped vocabulary is read a bucket at a time: a piece lies in the bucket of its key, its
# first _KEY_LENGTH characters (_MARKED_KEY_LENGTH for a piece that begins with a word mark, as half
# of them do; a shorter piece is its own key). The byte-pair encoding of a stretch looks up only the
# stretch's own substrings, so it needs only the buckets of their beginnings, and a stretch that is
# a piece only its own: for the seed article's claims, 489 of the 4,096 buckets, 5,587 of the
# 32,000 pieces (building the whole dictionary took longer than embedding the claims).
_BUCKETS = 4096
_KEY_LENGTH = 3
_MARKED_KEY_LENGTH = 4
_BYTE_KEY = "<0x"  # the pieces a character the vocabulary lacks is written with: <0x00> to <0xFF>
_ID = "I"  # ids and offsets: unsigned 32-bit numbers, little-endian in the file
# What every encoding may need, read first: the runs of marks (for their merges' ranks) and the
# byte pieces (for a character the vocabulary lacks).
_ALWAYS_READ = frozenset({_SPACE * marks for marks in range(1, _MARKED_KEY_LENGTH + 1)} | {_BYTE_KEY})


def _bucket(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % _BUCKETS


def _key(piece: str) -> str:
    return piece[: _MARKED_KEY_LENGTH if piece.startswith(_SPACE) else _KEY_LENGTH]


def _little_endian(numbers: array[int]) -> array[int]:
    """NUMBERS as the file holds them, or as read from it: swapped on a big-endian machine."""
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


class Pieces:
    """The tokenizer's vocabulary, piece -> id, as far as it has been read.

    ``ids`` holds every piece of every bucket read so far. ``read_for(stretches)`` reads what
    encoding those stretches needs: for a stretch that is a piece beginning with a word mark, its
    own bucket (``_stretch_ids`` takes it whole); for any other, the buckets its substrings could
    be in, so that afterwards each of its substrings is in ``ids`` exactly when it is in the
    vocabulary. Made from VOCABULARY_FILE (see ``write_vocabulary`` for its layout), or from a
    whole dictionary already at hand."""

    def __init__(self, listing: bytes = b"", *, whole: dict[str, int] | None = None) -> None:
        """From VOCABULARY_FILE's contents after its fingerprint line, or WHOLE."""
        self.ids: dict[str, int] = {}
        self._starts, self._firsts, self._numbers = array(_ID), array(_ID), array(_ID)
        self._text = memoryview(b"")
        self._seen: set[str] = set()  # stretches already provided for (forgotten past _STRETCH_CACHE)
        if whole is not None:
            self.ids, self.size = whole, len(whole)
            self._read = set(range(_BUCKETS))
            return
        self._read = set()
        numbers = _little_endian(array(_ID, listing[: 2 * (_BUCKETS + 1) * array(_ID).itemsize]))
        self._starts, self._firsts = numbers[: _BUCKETS + 1], numbers[_BUCKETS + 1 :]
        self.size = size = self._firsts[-1]  # how many pieces the whole vocabulary holds
        ids_end = numbers.itemsize * (len(numbers) + size)
        self._numbers = _little_endian(array(_ID, listing[numbers.itemsize * len(numbers) : ids_end]))
        self._text = memoryview(listing)[ids_end:]
        self.read_keys(_ALWAYS_READ)

    def read_for(self, stretches: Iterable[str]) -> None:
        fresh = set(stretches) - self._seen
        if not fresh:
            return
        # A stretch that is a piece beginning with a word mark is that piece (see _stretch_ids):
        # its own bucket is enough.
        self.read_keys({_key(stretch) for stretch in fresh})
        split = [stretch for stretch in fresh if not stretch.startswith(_SPACE) or stretch not in self.ids]
        self.read_keys(
            {
                stretch[start : start + length]
                for stretch in split
                for start in range(len(stretch))
                for length in range(1, (_MARKED_KEY_LENGTH if stretch[start] == _SPACE else _KEY_LENGTH) + 1)
            }
        )
        if len(self._seen) > _STRETCH_CACHE:  # only saves finding keys again: a bound, not a loss
            self._seen.clear()
        self._seen |= fresh

    def read_keys(self, keys: Iterable[str]) -> None:
        """Read the buckets of these KEYS (see _key) not read yet."""
        starts, firsts, numbers, text, update = self._starts, self._firsts, self._numbers, self._text, self.ids.update
        for bucket in {_bucket(key) for key in keys} - self._read:
            start, end = starts[bucket], starts[bucket + 1]
            if start != end:
                pieces = str(text[start:end], "utf-8").split("\n")
                update(zip(pieces, numbers[firsts[bucket] : firsts[bucket + 1]], strict=True))
            self._read.add(bucket)  # once read whole: a broken file reads as broken again


def _vocabulary(tokenizer: Path) -> tuple[Pieces, bool]:
    """The vocabulary of the TOKENIZER file, from the copy claims ships (VOCABULARY_FILE) when it
    was made from this very file (its fingerprint leads the copy); else from the file's JSON, read
    whole. And whether it was that very file."""
    shipped = Path(__file__).with_name(VOCABULARY_FILE).read_bytes()
    made_from, _, listing = shipped.partition(b"\n")
    if array(_ID).itemsize == 4 and made_from.decode("ascii") == _fingerprint(tokenizer):
        return Pieces(listing), True
    return Pieces(whole=_parsed_vocabulary(tokenizer.read_bytes())), False


def _fingerprint(tokenizer: Path) -> str:
    """The file's SHA-256 and size as a wheel's RECORD writes them ("sha256=...,1842796"): as pip
    recorded them when it installed wordllama (reading and hashing the 1.8 MB file cost a tenth of
    what matching an article's claims does), else computed. (The record is trusted, as pip trusts
    it: a file edited by hand after the install would pass.)"""
    return _recorded(tokenizer) or _hashed(tokenizer)


def _recorded(installed: Path) -> str | None:
    """What wordllama's RECORD says of an INSTALLED file: None without exactly one RECORD listing it."""
    site = _folder().parent
    records = list(site.glob("wordllama-*.dist-info/RECORD"))
    if len(records) != 1 or not installed.is_relative_to(site):
        return None
    name = installed.relative_to(site).as_posix() + ","
    for line in records[0].read_text(encoding="utf-8").splitlines():
        if line.startswith(name):
            recorded = line[len(name) :]
            return recorded if recorded.startswith("sha256=") else None
    return None


def _hashed(file: Path) -> str:
    import base64
    import hashlib

    data = file.read_bytes()
    return f"sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode('ascii')},{len(data)}"


def _parsed_vocabulary(tokenizer: bytes) -> dict[str, int]:
    """The vocabulary as the tokenizer's JSON gives it (only that part is parsed: the merges
    follow from it, see the module's docstring)."""
    start = tokenizer.index(b"{", tokenizer.index(b'"vocab"'))
    vocabulary: dict[str, int]
    vocabulary, _ = json.JSONDecoder().raw_decode(tokenizer[start : tokenizer.index(b'"merges"', start)].decode())
    return vocabulary


def write_vocabulary() -> None:
    """Make VOCABULARY_FILE from the installed wordllama (run this module after upgrading it).

    Layout: the tokenizer file's fingerprint and a new line; then, as little-endian 32-bit numbers,
    where each bucket's pieces start in the text (_BUCKETS + 1 offsets, the last its end), where
    each bucket's ids start among the ids (_BUCKETS + 1), and the ids, bucket by bucket; then the
    text: each bucket's pieces in UTF-8, one a line."""
    tokenizer = _tokenizer_file()
    vocabulary = _parsed_vocabulary(tokenizer.read_bytes())
    if any("\n" in piece for piece in vocabulary):
        raise RuntimeError("the vocabulary cannot be written one piece a line")
    buckets: list[list[str]] = [[] for _ in range(_BUCKETS)]
    for piece in sorted(vocabulary, key=vocabulary.__getitem__):
        buckets[_bucket(_key(piece))].append(piece)
    texts = [("\n".join(pieces)).encode("utf-8") for pieces in buckets]
    starts, firsts = array(_ID, [0]), array(_ID, [0])
    for text, pieces in zip(texts, buckets, strict=True):
        starts.append(starts[-1] + len(text))
        firsts.append(firsts[-1] + len(pieces))
    ids = array(_ID, [vocabulary[piece] for pieces in buckets for piece in pieces])
    numbers = b"".join(_little_endian(listed).tobytes() for listed in (starts, firsts, ids))
    written = _hashed(tokenizer).encode("ascii") + b"\n" + numbers
    Path(__file__).with_name(VOCABULARY_FILE).write_bytes(written + b"".join(texts))


def _folder() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        from claims.errors import ClaimsError

        raise ClaimsError("matching needs the wordllama package, which ships the embedding model: reinstall claims")
    return Path(next(iter(spec.submodule_search_locations)))


def _tokenizer_file() -> Path:
    return _folder() / "tokenizers" / f"{MODEL}_tokenizer_config.json"


def token_ids(text: str) -> list[int]:
    """The model's token ids for TEXT, as wordllama's tokenizer gives them (no special tokens)."""
    if not text:
        return []
    model = _model()
    if not model.checked:
        return _library_ids(text)
    stretches = _STRETCH.findall(_SPACE + text.replace(" ", _SPACE))
    model.vocabulary.read_for(stretches)
    ids: list[int] = []
    for stretch in stretches:
        ids.extend(_stretch_ids(stretch))
    return ids


@lru_cache(maxsize=_STRETCH_CACHE)
def _stretch_ids(stretch: str) -> tuple[int, ...]:
    """The ids of a stretch (which begins with a word mark: see token_ids), whose pieces the
    vocabulary holds. A stretch that is a piece is that one token: every piece that begins with a
    word mark is its own encoding (``tests/unit/test_matching_vectors.py`` checks each), and most
    of an article's words are pieces, so they need neither the encoding nor the buckets of their
    parts."""
    model = _model()
    vocabulary = model.vocabulary.ids
    whole = vocabulary.get(stretch)
    if whole is not None and stretch.startswith(_SPACE):
        return (whole,)
    return _merged(stretch, vocabulary, model.marks_only)


def _merged(stretch: str, vocabulary: dict[str, int], marks_only: frozenset[int]) -> tuple[int, ...]:
    """Byte-pair encoding: merge the best-ranked adjacent pair until none is in the vocabulary.

    A merge's rank is the merged piece's id, then its left half's; merges of word marks alone
    come after every other (as in the tokenizer's own list of merges). A character the
    vocabulary lacks becomes the tokens of its UTF-8 bytes, which merge with nothing."""
    pieces = list(stretch)
    known = [piece in vocabulary for piece in pieces]
    while True:
        best, best_rank = -1, 2 * _LAST
        for position in range(len(pieces) - 1):
            if known[position] and known[position + 1]:
                left = pieces[position]
                merged = vocabulary.get(left + pieces[position + 1])
                if merged is not None:
                    rank = (merged << _ID_BITS) + vocabulary[left] + (_LAST if merged in marks_only else 0)
                    if rank < best_rank:
                        best, best_rank = position, rank
        if best < 0:
            break
        pieces[best : best + 2] = [pieces[best] + pieces[best + 1]]
        del known[best + 1]
    ids: list[int] = []
    for piece, is_known in zip(pieces, known, strict=True):
        if is_known:
            ids.append(vocabulary[piece])
        else:
            ids.extend(vocabulary[f"<0x{byte:02X}>"] for byte in piece.encode("utf-8"))
    return tuple(ids)


def _library_ids(text: str) -> list[int]:
    """TEXT's ids from the tokenizers library (a dependency of wordllama): for a tokenizer file
    the byte-pair encoding here was never checked against (another wordllama release), which it
    could cut otherwise without a word said. Slower to load (a tenth of a second), never wrong."""
    ids: list[int] = _library_tokenizer().encode(text, add_special_tokens=False).ids
    return ids


@cache
def _library_tokenizer() -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(_tokenizer_file()))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text, computed with numpy: for many texts at once.

    Links are left out (they carry no meaning to a word model); a text with no tokens gets zeros.
    From LIBRARY_FROM texts on, the tokenizers library cuts them (in Rust, on every core: the
    14,231 fact-checks of an import in a tenth of the time the byte-pair encoding here takes),
    since loading it then costs less than it saves; its ids are the same (see the tests)."""
    import numpy as np

    unit = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return unit
    plain = [without_links(text) for text in texts]
    if len(plain) >= LIBRARY_FROM:
        tokenised = [found.ids for found in _library_tokenizer().encode_batch(plain, add_special_tokens=False)]
    else:
        tokenised = [token_ids(text) for text in plain]
    lengths = [len(ids) for ids in tokenised]
    tokens = np.fromiter(chain.from_iterable(tokenised), dtype=np.int64, count=sum(lengths))
    if not len(tokens):
        return unit
    # Each token the texts use is converted to float32 once (exactly), and a text's vector is the
    # sum of its tokens' rows: the mean's direction.
    used, position = np.unique(tokens, return_inverse=True)
    rows = _float16_table()[used].astype(np.float32)
    end = 0
    for row, length in enumerate(lengths):
        if length:
            start, end = end, end + length
            unit[row] = rows[position[start:end]].sum(axis=0)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True).clip(1e-9)
    return unit


def _float16_table() -> np.ndarray:
    """The model's token vectors as numpy reads them from the mapped file, one row per token id."""
    import numpy as np

    model = _model()
    table = np.frombuffer(model.table, dtype="<f2", count=model.rows * DIMENSIONS, offset=model.offset)
    return table.reshape(model.rows, DIMENSIONS)


def vectors(texts: Sequence[str]) -> list[list[float]]:
    """The vectors ``embed`` gives, as lists of floats; a few texts without importing numpy."""
    if len(texts) >= NUMPY_FROM:
        many: list[list[float]] = embed(texts).tolist()
        return many
    model = _model()
    tokenised = [token_ids(without_links(text)) for text in texts]
    # Each token's row is unpacked once (float16 is slow to unpack: 25 µs a row), however often it occurs.
    rows = {
        token: _HALVES.unpack_from(model.table, model.offset + _HALVES.size * token)
        for token in set().union(*tokenised)
    }
    found = []
    for ids in tokenised:
        tokens = [rows[token] for token in ids]
        # Every row has DIMENSIONS values (the struct says so): zip need not check.
        sums: list[float] = list(map(sum, zip(*tokens, strict=False))) if tokens else [0.0] * DIMENSIONS
        norm = max(math.sqrt(sum(map(mul, sums, sums))), 1e-9)
        found.append([value / norm for value in sums])
    return found


def cosine(first: Vector, second: Vector) -> float:
    """The cosine of two unit vectors."""
    total: float = sum(map(mul, first, second))
    return total


def to_bytes(vector: Vector | np.ndarray) -> bytes:
    if isinstance(vector, list | tuple | array):
        return _STORED.pack(*vector)
    return bytes(cast("np.ndarray", vector).astype(DTYPE).tobytes())


def from_bytes(blob: bytes) -> array[float]:
    """A stored vector (an array of floats: copied from the bytes, not unpacked one by one)."""
    vector = array("f", blob)
    if sys.byteorder == "big":
        vector.byteswap()
    return vector


if __name__ == "__main__":
    write_vocabulary()
