"""The detector on business and technology news prose, sentence splitting and entities."""

import pytest

from claims.article import read_header
from claims.extract import Candidate, Entity, find_claims, score_sentences

ARTICLE = """Acme shares rose 7.4% in early trading

Good morning, and welcome to our weekly technology briefing!
Acme Robotics agreed to buy Brightline Sensors for $1.13bn in cash, the company said on Tuesday. \
Brightline, a start-up founded in 2016, makes lidar sensors. Its revenue grew 76% last year, according to Reuters data.
"Sensors are the eyes of every robot. Owning them lets us move faster," Acme chief executive John Park told analysts.
Siemens will invest €2 billion over five years, and Nvidia will supply its software.
In our view, the industry has never looked more exciting. Will robots take over warehouses?
The European Commission fined Meta €1.2bn on May 3, 2023 and ordered it to stop the transfers.
"""


@pytest.fixture(scope="module")
def every_sentence() -> list[Candidate]:
    return find_claims(ARTICLE, include_all=True)


def only(candidates: list[Candidate], *words: str) -> Candidate:
    matching = [c for c in candidates if all(word in c.text for word in words)]
    assert len(matching) == 1, f"{words}: {[c.text for c in candidates]}"
    return matching[0]


def test_offsets_are_exact(every_sentence: list[Candidate]) -> None:
    for candidate in every_sentence:
        assert ARTICLE[candidate.start : candidate.end] == candidate.sentence


def test_reported_deal_is_a_fact_credited_to_the_company_named(every_sentence: list[Candidate]) -> None:
    deal = only(every_sentence, "agreed to buy Brightline")
    assert deal.kept
    assert deal.kind == "fact"  # reported, not quoted: a quote is mostly a direct quotation
    assert deal.claimant == "Acme Robotics"  # "the company said": the company named before
    assert deal.text == "Acme Robotics agreed to buy Brightline Sensors for $1.13bn in cash"
    assert Entity("$1.13bn", "money") in deal.entities
    assert "acquisition verb" in deal.reasons and "money amount" in deal.reasons


def test_apposition_becomes_its_own_claim(every_sentence: list[Candidate]) -> None:
    founded = only(every_sentence, "Brightline is a start-up founded in 2016")
    main = only(every_sentence, "Brightline makes lidar sensors")
    assert founded.kept
    assert (founded.start, founded.end) == (main.start, main.end)


def test_according_to_sets_the_claimant(every_sentence: list[Candidate]) -> None:
    revenue = only(every_sentence, "revenue grew 76%")
    assert revenue.kept
    assert revenue.claimant == "Reuters"
    assert Entity("76%", "percent") in revenue.entities


def test_quote_spanning_sentences_is_one_sentence_told_by_its_speaker(every_sentence: list[Candidate]) -> None:
    quote = only(every_sentence, "Sensors are the eyes")
    assert quote.sentence.startswith('"Sensors are the eyes') and quote.sentence.endswith("told analysts.")
    assert quote.kind == "quote"
    assert quote.claimant == "John Park"


def test_coordinated_predictions_are_split(every_sentence: list[Candidate]) -> None:
    siemens = only(every_sentence, "Siemens will invest €2 billion over five years")
    nvidia = only(every_sentence, "Nvidia will supply its software")
    assert siemens.kind == nvidia.kind == "prediction"
    assert Entity("€2bn", "money") in siemens.entities
    assert siemens.kept


def test_shared_subject_is_repeated_not_invented(every_sentence: list[Candidate]) -> None:
    fine = only(every_sentence, "fined Meta €1.2bn")
    order = only(every_sentence, "The European Commission ordered it to stop the transfers")
    assert Entity("2023-05-03", "date") in fine.entities
    assert fine.kept and order.sentence == fine.sentence


@pytest.mark.parametrize(
    ("words", "why"),
    [
        (("Acme shares rose 7.4% in early trading",), "heading"),
        (("Good morning",), "greeting"),
        (("In our view",), "opinion"),
        (("Will robots take over",), "question"),
    ],
)
def test_not_claims_are_not_kept(every_sentence: list[Candidate], words: tuple[str, ...], why: str) -> None:
    candidate = only(every_sentence, *words)
    assert not candidate.kept
    assert why in candidate.reasons


def test_heading_does_not_swallow_next_line(every_sentence: list[Candidate]) -> None:
    heading = only(every_sentence, "Acme shares rose")
    assert heading.sentence == "Acme shares rose 7.4% in early trading"


def test_only_kept_claims_by_default() -> None:
    kept = find_claims(ARTICLE)
    assert kept and all(c.kept for c in kept)
    assert not any("Good morning" in c.text for c in kept)


def test_start_offset_skips_earlier_text() -> None:
    start = ARTICLE.index("Siemens")
    claims = find_claims(ARTICLE, start=start)
    assert claims and all(c.start >= start for c in claims)
    assert all(ARTICLE[c.start : c.end] == c.sentence for c in claims)


def test_score_sentences_keeps_order_and_ranks_facts_first() -> None:
    scored = score_sentences(
        [
            "Amazon acquired the self-driving start-up Zoox for $1.2bn in 2020.",
            "Thank you so much, it is great to be here tonight.",
        ]
    )
    assert len(scored) == 2
    (fact_score, fact_kept), (chat_score, chat_kept) = scored
    assert fact_kept and not chat_kept
    assert 0.0 <= chat_score < fact_score <= 1.0


def test_a_header_date_that_is_not_a_date_is_refused_as_published_is() -> None:
    from claims.errors import InvalidInput

    with pytest.raises(InvalidInput, match="`date 2021-13-45` is not a date"):
        read_header("date 2021-13-45 Broken header.")


@pytest.mark.parametrize(
    ("text", "published", "body"),
    [
        ("date 2021-01-22 According to CNBC, Tencent grew.", "2021-01-22", "According to CNBC"),
        (" date 2020-02-29\nFirst line.", "2020-02-29", "First line."),
        ("No header here.", None, "No header here."),
    ],
)
def test_read_header(text: str, published: str | None, body: str) -> None:
    date, offset = read_header(text)
    assert (date.isoformat() if date else None) == published
    assert text[offset:].startswith(body)


def test_a_long_text_is_read_in_chunks_with_exact_offsets_and_the_story_carried_over() -> None:
    from claims.extract.detector import iter_claims
    from claims.extract.sentences import CHUNK

    opening = "Jim Carrey stars in A Series of Unfortunate Events, which took $30m in its first weekend.\n\n"
    filler = "Sales of ice cream rose 4% in June, the trade body said.\n\n" * (2 * CHUNK // 50)
    closing = "Carrey earned $20m for the role, according to Variety.\n"
    text = opening + filler + closing
    assert len(text) > 2 * CHUNK
    found = list(iter_claims(text))
    assert all(text[c.start : c.end] == c.sentence for c in found)
    assert len({(c.start, c.end) for c in found}) == text.count("\n\n") + 1
    last = found[-1]
    assert last.sentence == closing.strip()
    assert Entity("Jim Carrey", "person") in last.entities and last.claimant == "Variety"


def test_she_is_the_woman_named_before_not_the_last_speaker() -> None:
    text = (
        "Farmer Ada Obi said prices had doubled since 2020. Chancellor Gordon Brown said inflation was 2% in May. "
        "She said the naira had lost 30% of its value. He said growth would reach 3% next year."
    )
    claims = {c.text.split(" said ")[0]: c for c in find_claims(text)}
    assert claims["[Ada Obi]"].claimant == "Ada Obi"
    assert claims["[Gordon Brown]"].claimant == "Gordon Brown"
