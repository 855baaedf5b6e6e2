"""What a claim's text says: descriptions resolved only when unambiguous, no link words, no stray fragments."""

import pytest

from claims.extract import find_claims
from claims.extract.atoms import atomic_claims


def texts(article: str) -> list[str]:
    return [candidate.text for candidate in find_claims(article, include_all=True)]


def test_description_resolves_to_the_one_organisation_before_it() -> None:
    article = "Geely aims to grow through partnerships. The automaker has partnered with Foxxcon to sell cars."
    claim = find_claims(article)[-1]
    assert claim.text == "[Geely] has partnered with Foxxcon to sell cars"
    assert claim.sentence == "The automaker has partnered with Foxxcon to sell cars."
    assert {"Geely", "Foxxcon"} <= {entity.name for entity in claim.entities}


def test_description_reaches_over_a_sentence_that_names_no_organisation() -> None:
    article = "Acme Robotics opened a plant in Texas. It hired 300 people. The company bought Brightline for $5m."
    assert "[Acme Robotics] bought Brightline for $5m" in texts(article)


@pytest.mark.parametrize(
    "article",
    [
        # Two organisations before: which one is the automaker is the editor's call, not ours.
        "Tencent teamed up with Geely on Monday. The automaker has partnered with Foxxcon.",
        # The organisation named is not the subject.
        "The deal came days after a talk with Baidu. The company has partnered with Foxxcon.",
        # Nothing named before at all.
        "The company has partnered with Foxxcon.",
    ],
)
def test_description_stays_when_ambiguous(article: str) -> None:
    assert not any("[" in text for text in texts(article)), texts(article)


def test_plural_and_named_descriptions_stay() -> None:
    article = "Geely partnered with Baidu. The two companies want to build a car. Geely bought the startup Zoox."
    found = texts(article)
    assert "The two companies want to build a car" in found
    assert "Geely bought the startup Zoox" in found


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("On the American side, Amazon acquired the startup Zoox.", "Amazon acquired the startup Zoox"),
        ("More recently, Microsoft has invested heavily in Cruise.", "Microsoft has invested heavily in Cruise"),
        ("However, for its part, Acme raised $5m.", "Acme raised $5m"),
        # A temporal opener is part of what is claimed.
        (
            "After a few difficult years, the sector is picking up speed.",
            "After a few difficult years, the sector is picking up speed",
        ),
    ],
)
def test_link_words_do_not_open_a_claim(sentence: str, claim: str) -> None:
    assert atomic_claims(sentence)[0] == claim


def test_sentence_and_offsets_stay_verbatim() -> None:
    article = "On the American side, Amazon acquired the startup Zoox."
    claim = find_claims(article, include_all=True)[0]
    assert claim.text == "Amazon acquired the startup Zoox"
    assert article[claim.start : claim.end] == claim.sentence == article


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        (
            "Amazon acquired the startup Zoox and entered the market with it. this domain.",
            ["Amazon acquired the startup Zoox", "Amazon entered the market with it"],
        ),
        ("Prices rose 5% vs. last year.", ["Prices rose 5% vs. last year"]),
        ("Smith et al. found that wages rose.", ["Smith et al. found that wages rose"]),
    ],
)
def test_stray_fragment_after_a_full_stop_is_dropped(sentence: str, claims: list[str]) -> None:
    assert atomic_claims(sentence) == claims
