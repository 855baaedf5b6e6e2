"""The embeddings matching computes without numpy or the tokenizers library, checked against them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claims.matching import vectors
from claims.matching.text import READING_FORMAT, compared, from_stored, stored_reading

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_4553a5a73907e540.txt"
TEXTS = [
    *SEED.read_text(encoding="utf-8").splitlines(),
    "",
    " ",
    "  two  spaces  and a trailing one ",
    "tabs\tand\nnew lines\r\n",
    "Nestlé’s CHF 86.7bn – naïve café, 中文, emoji 🤔 ✓",
    "        indented code();",
    "x" * 60,
    "https://example.org/a-link stays out of the vector",
]


def test_token_ids_are_the_tokenizers_librarys() -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(
        str(vectors._folder() / "tokenizers" / f"{vectors.MODEL}_tokenizer_config.json")  # noqa: SLF001
    )
    tokenizer.no_padding()
    tokenizer.no_truncation()
    expected = [encoding.ids for encoding in tokenizer.encode_batch(TEXTS, add_special_tokens=False)]
    assert [vectors.token_ids(text) for text in TEXTS] == expected


def test_the_shipped_vocabulary_is_the_installed_tokenizers() -> None:
    tokenizer = vectors._tokenizer_file()  # noqa: SLF001
    parsed = vectors._parsed_vocabulary(tokenizer.read_bytes())  # noqa: SLF001
    shipped, checked = vectors._vocabulary(tokenizer)  # noqa: SLF001
    assert checked and shipped.size == len(parsed)
    # Read for one word, it holds that word's pieces and few others (a bucket at a time) ...
    shipped.read_for(["▁Nestlé"])
    word = {piece: parsed[piece] for piece in ("▁N", "▁Nest", "est", "lé", "é") if piece in parsed}
    assert len(word) >= 3 and word.items() <= shipped.ids.items()
    assert "Nestlé" not in parsed or "Nestlé" in shipped.ids
    assert len(shipped.ids) < len(parsed) / 20
    # ... and read for every piece, it is the tokenizer's whole vocabulary.
    shipped.read_for(parsed)
    assert shipped.ids == parsed


def test_the_buckets_read_for_a_stretch_encode_it_as_the_whole_vocabulary_does() -> None:
    """Each stretch alone, from a vocabulary nothing else was read from: words that are pieces and
    words that are not, accents, characters the vocabulary lacks, runs of marks, a stretch that
    does not begin with a mark."""
    model = vectors._model()  # noqa: SLF001
    tokenizer = vectors._tokenizer_file()  # noqa: SLF001
    everything = vectors._parsed_vocabulary(tokenizer.read_bytes())  # noqa: SLF001
    listing = (Path(vectors.__file__).with_name(vectors.VOCABULARY_FILE).read_bytes()).partition(b"\n")[2]
    stretches = [
        *("▁" + text.replace(" ", "▁") for text in TEXTS),
        *vectors._STRETCH.findall("▁" + "▁".join(TEXTS).replace(" ", "▁")),  # noqa: SLF001
        "▁Nestlé’s", "▁naïve", "▁ø", "▁漢字", "▁😀", "▁▁▁▁▁▁x", "▁▁▁", "tion", "▁the", "▁Theodora",
    ]  # fmt: skip
    for stretch in stretches:
        fresh = vectors.Pieces(listing)
        fresh.read_for([stretch])
        expected = vectors._merged(stretch, everything, model.marks_only)  # noqa: SLF001
        if stretch.startswith("▁") and stretch in fresh.ids:
            assert (fresh.ids[stretch],) == expected, stretch
        else:
            assert vectors._merged(stretch, fresh.ids, model.marks_only) == expected, stretch  # noqa: SLF001


def test_a_piece_that_begins_with_a_word_mark_is_its_own_encoding() -> None:
    """What lets a word that is a piece skip the byte-pair encoding (and most of the vocabulary)."""
    model = vectors._model()  # noqa: SLF001
    everything = vectors._parsed_vocabulary(vectors._tokenizer_file().read_bytes())  # noqa: SLF001
    marked = [piece for piece in everything if piece.startswith("▁")]
    assert len(marked) > 10_000
    assert [vectors._merged(piece, everything, model.marks_only) for piece in marked] == [  # noqa: SLF001
        (everything[piece],) for piece in marked
    ]
    # Not so for every piece: the tokenizer's own markers are spelt with several.
    assert vectors._merged("<s>", everything, model.marks_only) != (everything["<s>"],)  # noqa: SLF001
    # Every stretch of a text begins with a word mark.
    assert all(
        stretch.startswith("▁") for text in TEXTS for stretch in vectors._STRETCH.findall("▁" + text.replace(" ", "▁"))
    )  # noqa: SLF001
    assert vectors._model().checked  # noqa: SLF001


def test_the_tokenizer_file_is_known_by_what_pip_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tokenizer = vectors._tokenizer_file()  # noqa: SLF001
    if vectors._recorded(tokenizer) is None:  # noqa: SLF001
        pytest.skip("wordllama was installed without a RECORD (not by pip)")
    assert vectors._recorded(tokenizer) == vectors._hashed(tokenizer)  # noqa: SLF001
    # Another file than the one the shipped vocabulary was made from: its JSON is read instead.
    other = tmp_path / tokenizer.name
    other.write_bytes(tokenizer.read_bytes() + b" ")
    found, checked = vectors._vocabulary(other)  # noqa: SLF001
    assert not checked and found.ids == vectors._parsed_vocabulary(tokenizer.read_bytes())  # noqa: SLF001
    # Without a RECORD (an unpacked copy, two installs side by side), the file is hashed.
    monkeypatch.setattr(vectors, "_recorded", lambda installed: None)
    assert vectors._fingerprint(tokenizer) == vectors._hashed(tokenizer)  # noqa: SLF001
    assert vectors._vocabulary(tokenizer)[1]  # noqa: SLF001


def test_another_tokenizer_file_is_read_by_the_tokenizers_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another wordllama release's tokenizer may cut words otherwise than the byte-pair encoding
    here, which was checked against this one only: its ids come from the tokenizers library."""
    expected = [vectors.token_ids(text) for text in TEXTS]
    monkeypatch.setattr(vectors, "_fingerprint", lambda tokenizer: "another release")
    monkeypatch.setattr(vectors, "_stretch_ids", lambda stretch: pytest.fail("the unchecked encoding was used"))
    vectors._model.cache_clear()  # noqa: SLF001
    try:
        assert not vectors._model().checked  # noqa: SLF001
        assert [vectors.token_ids(text) for text in TEXTS] == expected
    finally:
        vectors._model.cache_clear()  # noqa: SLF001


def test_plain_python_vectors_are_numpys() -> None:
    few = np.array(vectors.vectors(TEXTS))
    many = vectors.embed(TEXTS)
    assert few.shape == many.shape == (len(TEXTS), vectors.DIMENSIONS)
    assert np.abs(few - many).max() < 1e-6
    norms = np.linalg.norm(many, axis=1)
    assert norms[TEXTS.index("")] == 0 and norms[0] == pytest.approx(1, abs=1e-6)
    # From NUMPY_FROM texts on, numpy's own; from LIBRARY_FROM on, cut by the tokenizers library.
    assert vectors.vectors(TEXTS * 10) == many.tolist() * 10
    times = vectors.LIBRARY_FROM // len(TEXTS) + 1
    assert vectors.vectors(TEXTS * times) == many.tolist() * times

    stored = vectors.from_bytes(vectors.to_bytes(few[0].tolist()))
    assert stored == pytest.approx(few[0].tolist(), abs=1e-7)
    assert vectors.to_bytes(many[0]) == vectors.to_bytes(many[0].tolist())


def test_hundreds_of_texts_are_cut_by_the_tokenizers_library(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = vectors.embed(TEXTS)
    monkeypatch.setattr(vectors, "token_ids", lambda text: pytest.fail("the plain-Python encoding was used"))
    times = vectors.LIBRARY_FROM // len(TEXTS) + 1
    assert vectors.embed(TEXTS * times).tolist() == expected.tolist() * times


def test_a_stored_reading_reads_as_the_texts_do() -> None:
    claim, context = "McDonald's cut 31 fries from the menu", "Rumor: McDonald’s offers 18 sizes, says @chain"
    for stored, read in (
        (stored_reading(claim, context), compared(claim, context)),
        (stored_reading("", ""), compared("", "")),
    ):
        found = from_stored(stored)
        assert found is not None
        assert [set(words) for words in found] == [set(words) for words in read]
        assert [len(words) for words in found] == [len(set(words)) for words in found], "distinct words, as counted"
    assert compared(claim, context).names == {"mcdonald", "rumor"}
    assert from_stored(None) is None
    assert from_stored("0\tan older format") is None


def test_a_change_in_how_texts_are_read_changes_the_reading_format() -> None:
    """Stored readings are trusted while their format's version is READING_FORMAT: reading texts
    otherwise (stems, numbers, names) must bump it, or fact-checks imported before keep being
    compared as the old code read them. If this fails, bump READING_FORMAT and update the line."""
    claim, context = (
        "McDonald's cut 31 fries from the menu in 2024",
        "Rumor: McDonald’s offers 18 sizes, says @chain; CHF 86.7bn, naïve café",
    )
    assert READING_FORMAT == "1"
    assert stored_reading(claim, context) == (
        "1\t2024 31 cut fries mcdon menu"
        "\t18 2024 31 7bn 86 café chain chf cut fries mcdon menu naïve offer rumor says sizes"
        "\t18 2024 31 86.7\tchf mcdonald rumor"
    )
