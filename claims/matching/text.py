"""Reading a claim or a fact-check for matching: the words that carry meaning, numbers, names, dates.

The full-text query is built from the same words, so the first stage and the features agree on
what a word is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from functools import lru_cache
from typing import NamedTuple

# Words that say nothing about what a claim is about, plus the debris of social-media posts.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before being below
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few
    for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
    himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my
    myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under until up very was wasn't we
    we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's
    with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves s t just via amp rt
    https http www com pic twitter""".split()  # noqa: SIM905 (a list literal of 180 words reads worse)
)
# A long post would make a query of hundreds of words; the first ones carry the claim.
MAX_QUERY_WORDS = 64
_LINK = r"https?://\S+|pic\.twitter\.com/\S+|\bwww\.\S+"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][a-zA-Z]+")
_MONTHS = {
    name: number
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(),  # noqa: SIM905
        start=1,
    )
}
# A date written out: a capitalised word (a month's name, when _MONTHS has it), a day and a year.
_DATE = re.compile(r"\b([A-Z][a-z]{2,8}) (\d{1,2}), (\d{4})\b")
# Words match on their first letters: "vaccines" and "vaccinated" share a subject, cheaply.
_STEM_LENGTH = 5


def without_links(text: str) -> str:
    if "http" not in text and "pic.twitter" not in text and "www." not in text:
        return text  # most texts: no need to compile and run the pattern
    return re.sub(_LINK, " ", text)


# Words too common among fact-checks to be worth searching for, which the full-text stage leaves out
# of a query that has other words: the full-text index scores every fact-check that holds one of a
# query's words, and these are in 5% ("will") to 27% ("one") of the 14,231 Snopes fact-checks (a
# news claim often has "said" or "will"). Leaving them out made matching a news article 5% cheaper
# and changed MAP@5 on the training tweets by less than 0.001. They still count in the features.
SEARCH_STOP_WORDS = frozenset({"one", "said", "say", "says", "will"})


def query_words(text: str) -> list[str]:
    """The distinct meaningful words of TEXT, lower-cased, in order of first appearance, for the
    full-text stage: less the SEARCH_STOP_WORDS, unless they are all it has."""
    plain = without_links(text)
    return _words(plain, SEARCH_STOP_WORDS) or _words(plain)


def _words(plain: str, left_out: frozenset[str] = frozenset()) -> list[str]:
    lowered = plain.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    found = dict.fromkeys(
        word for word in _WORD.findall(lowered) if len(word) > 1 and word not in STOP_WORDS and word not in left_out
    )
    return list(found)[:MAX_QUERY_WORDS]


class Reading(NamedTuple):
    """What the reranker compares in a text: its words' stems, the numbers and the names it writes.
    (Named tuples here, not dataclasses: building a dataclass costs a millisecond or two when the
    module is imported, which every `claims source add` does.)"""

    stems: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]  # capitalised words, lower-cased: people, places and organisations, roughly


# The same fact-checks come back as candidates query after query: each is read once.
_CACHE_SIZE = 50_000


def read_once(text: str) -> Reading:
    """What ``read`` gives, not kept: for a text read once (a fact-check, when it is imported)."""
    plain = without_links(text)
    return Reading(
        stems=frozenset(word[:_STEM_LENGTH] for word in _words(plain)),
        numbers=frozenset(_NUMBER.findall(plain)),
        names=frozenset(name.lower() for name in _NAME.findall(plain)),
    )


class Compared(NamedTuple):
    """What the reranker compares in a candidate with the query: the stems of its claim's words and
    of all its words (claim, then a fact-check's headline and description), the numbers and the
    names in all of it. Each holds distinct words (sets, or the lists a stored reading is read
    into: a candidate's words are only counted against the query's set, never made a set)."""

    claim_stems: Collection[str]
    stems: Collection[str]
    numbers: Collection[str]
    names: Collection[str]


@lru_cache(maxsize=_CACHE_SIZE)
def read(text: str) -> Reading:
    """What the reranker compares in TEXT, kept per process: a query's candidates come back query
    after query."""
    return read_once(text)


def compared(claim: str, context: str, *, reader: Callable[[str], Reading] = read) -> Compared:
    claimed, said = reader(claim), reader(context)
    return Compared(
        claimed.stems, claimed.stems | said.stems, claimed.numbers | said.numbers, claimed.names | said.names
    )


# A fact-check's reading is stored with it (``factchecks.reading``), made when it is imported: the
# candidates of a whole article are read in a few milliseconds instead of tens. The format's
# version leads, so that a reading made by another version of ``read`` is never trusted.
READING_FORMAT = "1"


def stored_reading(claim: str, context: str) -> str:
    """``compared(claim, context)`` as stored: the format's version, then one field for each of its
    sets, words joined by spaces (no word holds a tab or a space)."""
    found = compared(claim, context, reader=read_once)  # made once per fact-check: not cached
    fields = (found.claim_stems, found.stems, found.numbers, found.names)
    return "\t".join([READING_FORMAT, *(" ".join(sorted(field)) for field in fields)])


def from_stored(value: str | None) -> Compared | None:
    """What ``stored_reading`` wrote; None for nothing, or for another format's."""
    if not value or not value.startswith(READING_FORMAT + "\t"):
        return None
    _, claim_stems, stems, numbers, names = value.split("\t")
    return Compared(claim_stems.split(), stems.split(), numbers.split(), names.split())


def mentioned_date(text: str) -> date | None:
    """The last full date written out in TEXT ("January 14, 2020"): a post's own date when it ends with one."""
    for name, day, year in reversed(_DATE.findall(text)):
        month = _MONTHS.get(name.lower())
        if month is not None:
            try:
                return date(int(year), month, int(day))
            except ValueError:
                return None
    return None
