"""Sentence spans and entities on the cases that break naive splitters and patterns."""

import pytest

from claims.extract.entities import Entity, find_entities
from claims.extract.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew 3% in 2020. Mr. Smith said so.",
            ["The U.S. economy grew 3% in 2020.", "Mr. Smith said so."],
        ),
        (
            "J. K. Rowling wrote the books. She lives in Edinburgh.",
            ["J. K. Rowling wrote the books.", "She lives in Edinburgh."],
        ),
        (
            "The firm is based in Washington, D.C. It employs 500 people.",
            ["The firm is based in Washington, D.C.", "It employs 500 people."],
        ),
        (
            "Dr. Jane Doe joined Amazon.com Inc. on Jan. 5. She leads Zoox.",
            ["Dr. Jane Doe joined Amazon.com Inc. on Jan. 5.", "She leads Zoox."],
        ),
        (
            '"Prices will rise. Wages will not," he said. Next.',
            ['"Prices will rise. Wages will not," he said.', "Next."],
        ),
        ("“It is certain. We are ready.” The crowd cheered.", ["“It is certain. We are ready.”", "The crowd cheered."]),
        ("Revenue was $1.13bn. Margins were 4.5%.", ["Revenue was $1.13bn.", "Margins were 4.5%."]),
        ("A heading\nThe body starts here.", ["A heading", "The body starts here."]),
        (
            "A hard-wrapped sentence that\ncontinues here. Next.",
            ["A hard-wrapped sentence that\ncontinues here.", "Next."],
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_are_absolute_and_trimmed() -> None:
    text = "Skip this.   \n\n  Apple bought Beats.  Then it grew.  "
    start = text.index("\n")
    spans = split_sentences(text, start)
    assert [text[s.start : s.end] for s in spans] == ["Apple bought Beats.", "Then it grew."]


def test_unclosed_quote_does_not_join_paragraphs() -> None:
    assert sentences('He said "no. Then left.\nNew paragraph.') == ['He said "no.', "Then left.", "New paragraph."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Revenue rose to $1.13bn, up 76% from a year earlier.", [("$1.13bn", "money"), ("76%", "percent")]),
        (
            "Sales hit €2 billion, or 2.5 per cent, on Jan. 5, 2021.",
            [("€2bn", "money"), ("2.5%", "percent"), ("2021-01-05", "date")],
        ),
        ("Profit was 3.5 million euros in May 2019.", [("€3.5m", "money"), ("2019-05", "date")]),
        ("It paid US$400,000 on 3 March 2020.", [("$400000", "money"), ("2020-03-03", "date")]),
        ("The report is dated 2021-01-22.", [("2021-01-22", "date")]),
        (
            "Tim Cook, chief executive of Apple, visited New York.",
            [("Tim Cook", "person"), ("Apple", "organization"), ("New York", "place")],
        ),
        (
            "Mr. Park of Acme Corp. spoke in the U.S. on Monday.",
            [("Park", "person"), ("Acme Corp", "organization"), ("U.S.", "place")],
        ),
        ("The Bank of America lent Apple money.", [("Bank of America", "organization"), ("Apple", "organization")]),
        (
            "Korean manufacturer Hyundai sold 5,000 cars.",
            [("Hyundai", "organization"), ("5,000 cars", "count")],
        ),
    ],
)
def test_entities(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert list(find_entities(sentence)) == [Entity(name, label) for name, label in expected]


def test_capitalised_first_word_is_a_name_only_when_known() -> None:
    assert find_entities("Brightline makes sensors.") == ()
    assert find_entities("Brightline makes sensors.", frozenset({"Brightline"})) == (
        Entity("Brightline", "organization"),
    )
