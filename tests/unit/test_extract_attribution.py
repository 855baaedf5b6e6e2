"""Who made each statement: the attribution forms reporters use, read in the context of the story."""

import pytest

from claims.extract import find_claims

STORY = (
    "Chancellor Gordon Brown told MPs that the economy had grown for 50 quarters in a row. "
    "He said borrowing would fall to £30bn next year. "
    "The chancellor estimated that 800,000 jobs had been created since 2001.\n\n"
    "Owning all 10 gadgets would set a buyer back £7,455, according to a round-up compiled by Stuff Magazine. "
    "That is £412 less than a year ago, the magazine said.\n\n"
    '"Prices at the market have doubled since last year," said Amina Bello, a trader in Lagos. '
    '"We sold 200 cows for 40 million naira."\n\n'
    "Thomas Brunner, an analyst at Vontobel, warned that profits would fall by 12% in 2025. "
    "The Conservatives dismissed the figures, which showed 4% growth. "
    "Ofgem's chief executive, Jonathan Brearley, announced a cut of £120 in the price cap. "
    "A spokesperson for Energy UK said suppliers had lost £3bn. "
    "Wholesale gas prices fell 30% in March, figures from the Office for National Statistics show. "
    "Ghana announced that its revenues had reached 140bn cedis in 2024. "
    "Revenue rose 5% to £2bn in 2024."
)


@pytest.fixture(scope="module")
def claimants() -> dict[str, str | None]:
    return {claim.text: claim.claimant for claim in find_claims(STORY)}


@pytest.mark.parametrize(
    ("words", "claimant"),
    [
        ("50 quarters", "Gordon Brown"),  # X told ...
        ("borrowing would fall", "Gordon Brown"),  # He said
        ("800,000 jobs", "Gordon Brown"),  # the chancellor estimated
        ("£7,455", "Stuff Magazine"),  # according to a round-up compiled by X
        ("£412 less", "Stuff Magazine"),  # the magazine said
        ("Prices at the market", "Amina Bello"),  # "...," said X
        ("200 cows", "Amina Bello"),  # a quotation whose speaker was named just before
        ("profits would fall", "Thomas Brunner"),  # X, an analyst at Y, warned
        ("4% growth", "Conservatives"),  # X dismissed
        ("£120", "Jonathan Brearley"),  # Y's chief executive, X, announced
        ("£3bn", "Energy UK"),  # a spokesperson for X said
        ("30% in March", "Office for National Statistics"),  # figures from X show
        ("140bn cedis", "Ghana"),  # a country speaks for its government
        ("Revenue rose 5%", None),  # the outlet's own
    ],
)
def test_claimant(claimants: dict[str, str | None], words: str, claimant: str | None) -> None:
    matching = [text for text in claimants if words in text]
    assert len(matching) == 1, (words, list(claimants))
    assert claimants[matching[0]] == claimant


def test_a_pronoun_subject_is_written_out_in_brackets(claimants: dict[str, str | None]) -> None:
    assert "[Gordon Brown] said borrowing would fall to £30bn next year" in claimants
    assert "[Gordon Brown] estimated that 800,000 jobs had been created since 2001" in claimants


def test_a_place_or_a_number_is_never_a_claimant() -> None:
    found = find_claims("In London, 300 people said they had lost their jobs in 2024.")
    assert all(claim.claimant not in ("London", "300") for claim in found)
