"""Reading published fact-checks: schema.org ClaimReview JSON-LD as fact-checkers publish it.

Accepted: a JSON array of ClaimReviews, a single one, JSON Lines (one a line), or a schema.org
``DataFeed`` whose ``dataFeedElement`` items are ClaimReviews (or ``DataFeedItem``s holding them
in ``item``), as Google's Fact Check Explorer feeds are. Items are numbered from 1 in the order
read, so an error can name the one at fault. A ClaimReview without ``reviewRating`` is kept with
its rating unknown: many feeds carry none.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import date
from itertools import chain
from typing import Any

from claims.errors import InvalidInput
from claims.limits import FACTCHECK_NAME_LENGTH, RATING_LENGTH, URL_LENGTH, text_problem


@dataclass(frozen=True)
class PublishedCheck:
    """The fields of a ClaimReview the desk keeps, named as the ``factchecks`` table names them."""

    claim_reviewed: str
    url: str
    reviewed_by: str | None = None
    date_published: date | None = None
    rating: str | None = None
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    claim_author: str | None = None
    claim_appearance: str | None = None
    claim_date: date | None = None
    headline: str | None = None
    description: str | None = None

    def values(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def matching_text(self) -> str:
        """What the embedding is computed from: the claim, then what the page says about it."""
        return " ".join(part for part in (self.claim_reviewed, self.headline, self.description) if part)


FIELDS = tuple(field.name for field in fields(PublishedCheck))


def read_checks(text: str) -> Iterator[tuple[int, PublishedCheck]]:
    """(item number, fact-check) for every ClaimReview in TEXT; the first bad item stops the reading."""
    return stream_checks(text.split("\n"))


def stream_checks(lines: Iterable[str]) -> Iterator[tuple[int, PublishedCheck]]:
    """``read_checks`` for a text given a line at a time: JSON Lines are read as they come, so a
    feed of any length is imported in bounded memory; any other document is read whole."""
    for number, item in enumerate(_items(iter(lines)), start=1):
        try:
            yield number, published_check(item)
        except InvalidInput as error:
            raise InvalidInput(f"item {number}{_named(item)}: {error}") from None


def _named(item: Any) -> str:
    """The item's address, for an error to name it by (the first 100 characters of it)."""
    url = item.get("url") if isinstance(item, dict) else None
    if not isinstance(url, str) or not url.strip():
        return ""
    return f" ({url if len(url) <= _NAMED_LENGTH else url[: _NAMED_LENGTH - 1] + '…'})"


_NAMED_LENGTH = 100


def _items(lines: Iterator[str]) -> Iterator[Any]:
    """The items of JSON Lines, a line at a time, when the first line that is not blank is a whole
    JSON value; else of one JSON document spread over the lines (an array, an object, a DataFeed,
    pretty-printed), read whole."""
    for first_number, first in enumerate(lines, start=1):  # noqa: B007 (the loop finds the first)
        if first.strip():
            break
    else:
        raise InvalidInput("no fact-checks: the input is empty")
    try:
        document = json.loads(first)
    except json.JSONDecodeError as error:
        yield from _from_document(_whole_document(first, first_number, lines, error))
        return
    yield from _from_document(document)
    for number, line in enumerate(lines, start=first_number + 1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except json.JSONDecodeError as error:
            raise InvalidInput(f"line {number} is not JSON: {error.msg}") from None
        yield from _from_document(document)


def _whole_document(first: str, first_number: int, lines: Iterator[str], first_error: json.JSONDecodeError) -> Any:
    """The JSON document that starts with FIRST (line FIRST_NUMBER) and goes on over LINES, read
    whole; its text is not kept once read. A mistake is named by its line: for JSON Lines whose
    first line is the broken one (every other line a whole value), that line, not the next one,
    where the document read whole would have gone wrong."""
    text = "\n".join(chain([first], lines))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if all(_is_json(line) for line in text.split("\n")[1:] if line.strip()):
            number, message = first_number, first_error.msg
        else:
            number, message = first_number + error.lineno - 1, error.msg
    raise InvalidInput(f"line {number} is not JSON: {message}")


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _from_document(document: Any) -> Iterator[Any]:
    if isinstance(document, list):
        for item in document:
            yield from _from_document(item)
    elif isinstance(document, dict) and "dataFeedElement" in document:
        elements = document["dataFeedElement"]
        for element in elements if isinstance(elements, list) else [elements]:
            if isinstance(element, dict) and _type(element) == "DataFeedItem" and "item" in element:
                yield from _from_document(element["item"])
            else:
                yield element
    else:
        yield document


def _type(item: dict[str, Any]) -> str:
    kind = item.get("@type", "")
    return kind[0] if isinstance(kind, list) and kind else str(kind)


def published_check(item: Any) -> PublishedCheck:
    if not isinstance(item, dict):
        raise InvalidInput(f"not a ClaimReview object but {type(item).__name__}")
    if item.get("@type") is not None and "ClaimReview" not in (
        item["@type"] if isinstance(item["@type"], list) else [item["@type"]]
    ):
        raise InvalidInput(f"a {_type(item)}, not a ClaimReview")
    claim = _text(item.get("claimReviewed"))
    if claim is None:
        raise InvalidInput("no claimReviewed")
    url = _text(item.get("url"))
    if url is None:
        raise InvalidInput("no url")
    rating = item.get("reviewRating")
    rating = rating[0] if isinstance(rating, list) and rating else rating
    rating = rating if isinstance(rating, dict) else {}
    reviewed = item.get("itemReviewed")
    reviewed = reviewed if isinstance(reviewed, dict) else {}
    check = PublishedCheck(
        claim_reviewed=claim,
        url=url,
        reviewed_by=_name(item.get("author")),
        date_published=_date(item.get("datePublished"), "datePublished"),
        rating=_text(rating.get("alternateName")) or _text(rating.get("name")),
        rating_value=_number(rating.get("ratingValue"), "reviewRating.ratingValue"),
        best_rating=_number(rating.get("bestRating"), "reviewRating.bestRating"),
        worst_rating=_number(rating.get("worstRating"), "reviewRating.worstRating"),
        claim_author=_name(reviewed.get("author")),
        claim_appearance=_appearances(reviewed.get("appearance") or reviewed.get("firstAppearance")),
        claim_date=_date(reviewed.get("datePublished"), "itemReviewed.datePublished"),
        headline=_text(item.get("headline")) or _text(item.get("name")),
        description=_text(item.get("description")),
    )
    for field, limit in _LIMITS.items():
        value = getattr(check, field)
        if isinstance(value, str) and (problem := text_problem(value, limit=limit)):
            raise InvalidInput(f"{field.replace('_', ' ')} {problem}")
    return check


# What each text field may be (``claims.limits``): checked here, since the import writes through
# the Core, which leaves it to the database (PostgreSQL refuses what SQLite would keep).
_LIMITS = {
    "claim_reviewed": None,
    "url": URL_LENGTH,
    "reviewed_by": FACTCHECK_NAME_LENGTH,
    "rating": RATING_LENGTH,
    "claim_author": FACTCHECK_NAME_LENGTH,
    "claim_appearance": None,
    "headline": None,
    "description": None,
}


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _name(value: Any) -> str | None:
    """An author given as a name, an object with a name, or a list of either: the first."""
    if isinstance(value, list):
        return next((name for name in map(_name, value) if name), None)
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _appearances(value: Any) -> str | None:
    """Where the claim appeared: addresses, one a line."""
    found = []
    for entry in value if isinstance(value, list) else [value]:
        url = _text(entry.get("url")) if isinstance(entry, dict) else _text(entry)
        if url and url not in found:
            found.append(url)
    return "\n".join(found) or None


def _date(value: Any, field: str) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{field} is not a date: {value!r}")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InvalidInput(f"{field} is not a date: {value!r}") from None


def _number(value: Any, field: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidInput(f"{field} is not a number: {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{field} is not a number: {value!r}") from None
