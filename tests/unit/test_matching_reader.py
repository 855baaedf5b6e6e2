"""Reading ClaimReview input in every form fact-checkers publish it, and the words matching works on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest

from claims.errors import InvalidInput
from claims.factchecks import read_checks, stream_checks
from claims.matching.text import compared, mentioned_date, query_words

REVIEW = {
    "@type": "ClaimReview",
    "claimReviewed": "Bananas   are radioactive.",
    "url": "https://checks.example.org/bananas",
    "author": [{"@type": "Organization", "name": "Example Checks"}],
    "datePublished": "2024-03-02T10:00:00Z",
    "reviewRating": {"@type": "Rating", "alternateName": "True", "ratingValue": "5", "bestRating": 5},
    "itemReviewed": {
        "@type": "Claim",
        "author": "A post",
        "appearance": ["https://a.example", {"url": "https://b.example"}],
    },
    "name": "Are bananas radioactive?",
}


def test_every_form_reads_the_same_fact_check() -> None:
    forms = [
        json.dumps([REVIEW]),
        json.dumps(REVIEW),
        json.dumps(REVIEW) + "\n\n",
        json.dumps({"@type": "DataFeed", "dataFeedElement": [REVIEW]}),
        json.dumps({"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [REVIEW]}]}),
    ]
    read = [list(read_checks(form)) for form in forms]
    assert all(checks == read[0] for checks in read)
    [(number, check)] = read[0]
    assert number == 1
    assert check.claim_reviewed == "Bananas are radioactive."
    assert (check.reviewed_by, check.date_published, check.rating, check.rating_value) == (
        "Example Checks",
        date(2024, 3, 2),
        "True",
        5.0,
    )
    assert (check.claim_author, check.claim_appearance, check.headline) == (
        "A post",
        "https://a.example\nhttps://b.example",
        "Are bananas radioactive?",
    )


def test_json_lines_name_the_bad_item() -> None:
    bad = dict(REVIEW, url="https://checks.example.org/other", reviewRating={"ratingValue": "high"})
    text = json.dumps(REVIEW) + "\n" + json.dumps(bad) + "\n"
    with pytest.raises(InvalidInput, match=r"item 2 \(https://checks.example.org/other\): reviewRating.ratingValue"):
        list(read_checks(text))


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"@type": "ClaimReview", "url": "https://x.example"}, "no claimReviewed"),
        ({"@type": "ClaimReview", "claimReviewed": "x"}, "no url"),
        ({"@type": "Article", "claimReviewed": "x", "url": "https://x.example"}, "a Article, not a ClaimReview"),
        ([1], "not a ClaimReview object"),
    ],
)
def test_what_is_not_a_fact_check_is_refused(item: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        list(read_checks(json.dumps(item)))


def test_a_document_over_several_lines_is_read_whole_and_a_mistake_named_by_its_line() -> None:
    pretty = json.dumps({"@type": "DataFeed", "dataFeedElement": [REVIEW, REVIEW]}, indent=2)
    assert [number for number, _ in read_checks("\n" + pretty)] == [1, 2]
    broken = pretty.replace('"name": "Are bananas radioactive?"', '"name": oops', 1)
    line = 1 + broken.split("\n").index(next(row for row in broken.split("\n") if "oops" in row))
    with pytest.raises(InvalidInput, match=rf"line {line + 1} is not JSON"):
        list(read_checks("\n" + broken))


def test_json_lines_whose_first_line_is_broken_name_that_line() -> None:
    """Read whole, the lines would go wrong on the next line, which is fine: the first is named."""
    good = json.dumps(REVIEW)
    for broken in ('{"claimReviewed": "x",', '{"claimReviewed": "x"'):
        with pytest.raises(InvalidInput, match=r"^line 2 is not JSON"):
            list(read_checks("\n".join(["", broken, good, "", good])))


def test_json_lines_are_read_as_they_are_needed() -> None:
    """A feed is stored a batch at a time: the reader takes a line only when an item is asked for."""
    taken = []

    def lines() -> Iterator[str]:
        for number in range(1, 1001):
            taken.append(number)
            yield json.dumps(dict(REVIEW, url=f"https://checks.example.org/{number}"))

    checks = stream_checks(lines())
    assert [next(checks)[0] for _ in range(3)] == [1, 2, 3]
    assert len(taken) == 3
    with pytest.raises(InvalidInput, match=r"line 5 is not JSON"):
        list(stream_checks([json.dumps(REVIEW)] * 4 + ["{not json"]))


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        (
            {"url": "https://checks.example.org/" + "a" * 2000},
            r"\(https://checks\.example\.org/a{72}…\): url is 2,027 characters long; the most is 2,000",
        ),
        ({"author": {"name": "Checks" * 60}}, "reviewed by is 360 characters long; the most is 300"),
        ({"claimReviewed": "Bananas\x00 are radioactive."}, "claim reviewed holds the character \\\\x00"),
        ({"description": "A \x1b[31mred\x1b[0m page"}, None),  # a control character in a long text is kept
    ],
)
def test_what_the_databases_cannot_store_is_refused_before_anything_is_written(
    changed: dict[str, object], message: str | None
) -> None:
    text = json.dumps(dict(REVIEW, **changed))
    if message is None:
        assert len(list(read_checks(text))) == 1
        return
    with pytest.raises(InvalidInput, match=message):
        list(read_checks(text))


def test_empty_input_is_refused() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        list(read_checks("  \n"))


def test_query_words_leave_out_links_and_stop_words() -> None:
    words = query_words("The WHO says it's safe https://t.co/abc pic.twitter.com/xyz — Jane (@jane) May 3, 2021")
    assert words == ["safe", "jane", "may", "2021"]  # "says": see the next test


def test_the_full_text_stage_leaves_out_the_commonest_words_unless_they_are_all() -> None:
    assert query_words("The minister said the tax will rise, says one report") == ["minister", "tax", "rise", "report"]
    assert query_words("One said: it will, he says") == ["one", "said", "will", "says"]
    # The reranker still reads them.
    assert "said" in compared("The minister said so", "").stems


def test_a_post_s_own_date_is_the_last_one_it_spells_out() -> None:
    assert mentioned_date("On January 5, 2020 he said so — Jane (@jane) February 30, 2021 March 2, 2021") == date(
        2021, 3, 2
    )
    assert mentioned_date("no date here") is None
