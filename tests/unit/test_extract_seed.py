"""The seed article: the claims an editor expects, each on its own."""

import datetime
from pathlib import Path

import pytest

from claims.article import read_header
from claims.extract import Candidate, find_claims

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_4553a5a73907e540.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def kept(article: str) -> list[Candidate]:
    return find_claims(article)


@pytest.fixture(scope="module")
def every_sentence(article: str) -> list[Candidate]:
    return find_claims(article, include_all=True)


def claim_with(candidates: list[Candidate], *words: str) -> Candidate:
    matching = [c for c in candidates if all(word in c.text for word in words)]
    assert matching, f"no claim with {words}: {[c.text for c in candidates]}"
    return matching[0]


@pytest.mark.parametrize(
    "words",
    [
        ("Tencent", "teamed up with Geely"),
        ("Geely", "Volvo’s parent company"),
        ("Geely partnered", "Baidu"),
        ("partnered with", "Foxxcon"),
        ("Alibaba", "2018"),
        ("Amazon acquired", "Zoox"),
        ("Microsoft", "invested", "Cruise"),
        ("Apple", "expected to sign", "Hyundai"),
        ("Waymo is a sister company of Google",),
    ],
)
def test_expected_claims_are_kept(kept: list[Candidate], words: tuple[str, ...]) -> None:
    claim_with(kept, *words)


def test_each_fact_is_its_own_claim(kept: list[Candidate]) -> None:
    tencent = claim_with(kept, "Tencent", "teamed up with Geely")
    parent = claim_with(kept, "Geely is Volvo’s parent company")
    assert tencent is not parent
    assert "Volvo" not in tencent.text
    assert (tencent.start, tencent.end) == (parent.start, parent.end)
    assert claim_with(kept, "Amazon acquired").text != claim_with(kept, "Microsoft").text


def test_apple_and_hyundai_is_a_prediction(kept: list[Candidate]) -> None:
    assert claim_with(kept, "Hyundai").kind == "prediction"


def test_cnbc_is_the_claimant(kept: list[Candidate]) -> None:
    tencent = claim_with(kept, "Tencent", "teamed up with Geely")
    assert tencent.claimant == "CNBC"
    assert "According" not in tencent.text
    assert "attributed to CNBC" in tencent.reasons


def test_publication_date_is_header_not_claim(article: str, every_sentence: list[Candidate]) -> None:
    published, body = read_header(article)
    assert published == datetime.date(2021, 1, 22)
    assert article[body:].startswith("According to CNBC")
    assert all("2021-01-22" not in c.sentence for c in every_sentence)


def test_offsets_point_at_the_sentence(article: str, every_sentence: list[Candidate]) -> None:
    for candidate in every_sentence:
        assert article[candidate.start : candidate.end] == candidate.sentence
        assert candidate.sentence == candidate.sentence.strip()


def test_heading_stands_alone_and_is_not_kept(every_sentence: list[Candidate]) -> None:
    heading = claim_with(every_sentence, "Geely is expanding its partnerships")
    assert heading.sentence == "Geely is expanding its partnerships with technology giants"
    assert not heading.kept
    assert "heading" in heading.reasons


def test_opinion_is_not_kept(every_sentence: list[Candidate]) -> None:
    opinion = claim_with(every_sentence, "makes sense")
    assert not opinion.kept
    assert opinion.kind == "opinion"


def test_companies_said_is_a_quote(every_sentence: list[Candidate]) -> None:
    quote = claim_with(every_sentence, "the collaboration will mainly focus")
    assert quote.kind == "quote"
    assert quote.claimant is None  # "the companies": the caller falls back to the outlet
    assert "the companies said" not in quote.text


def test_entities_are_normalised(kept: list[Candidate]) -> None:
    alibaba = claim_with(kept, "Alibaba", "2018")
    assert ("Alibaba", "organization") in [(e.name, e.label) for e in alibaba.entities]
    assert ("2018", "date") in [(e.name, e.label) for e in alibaba.entities]
    cruise = claim_with(kept, "Cruise is a subsidiary")
    assert {"Cruise", "General Motors"} <= {e.name for e in cruise.entities}
