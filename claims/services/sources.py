"""Importing articles and the claims found in them."""

from __future__ import annotations

import enum
import hashlib
import re
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, cast
from urllib.parse import urlparse

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from claims.article import check_article, read_header
from claims.batches import batched
from claims.domain.rules import AddNote
from claims.errors import ConflictError, InvalidInput, NotFound, RuleViolation
from claims.models import Claim, ClaimEntity, Role, Source, SourceEvent, Status
from claims.services.changes import change_claim, create_claims
from claims.services.common import check_url, ids_in_pages
from claims.services.editors import acting_editor, authorize
from claims.services.entities import entities_for

if TYPE_CHECKING:
    from claims.extract import Candidate


class SourceOutcome(str, enum.Enum):
    """What ``add_source`` did with the article."""

    ADDED = "added"  # a new source
    FILLED = "filled"  # the text of a source a spreadsheet had named by its address
    UNCHANGED = "unchanged"  # the same text was imported before: nothing was written


class StoredClaim(NamedTuple):
    """A claim just stored, as the editor is told of it: what is kept of it once it is written,
    so that a long article's claims are not all held as the ORM's objects."""

    id: int
    kind: str
    text: str
    claimant: str | None
    score: float | None


@dataclass(frozen=True)
class SourceImport:
    """What an import did. A long article finds tens of thousands of claims: the import says how
    many it stored and hands back the first page of them, not all of them; ``new_claim_ids`` reads
    the rest back a batch at a time (for matching them, say)."""

    source: Source
    outcome: SourceOutcome
    stored: int  # how many claims were found in the article and stored now; when UNCHANGED, the source's claims
    first: Sequence[StoredClaim]  # the first PAGE_SIZE of those stored now, in the order found
    # The id of the first claim stored now (None when none was): every claim of the source from it on is new.
    first_new_id: int | None = None
    # When filling in: the claims the source already had, found word for word in the article or not,
    placed: Sequence[Claim] = ()
    not_found: Sequence[Claim] = ()
    # and the details given (or read from the article) that differ from those it already had,
    # which it keeps: {field: (kept, given)}.
    kept: Mapping[str, tuple[object, object]] = field(default_factory=dict)


# A web page larger than this is refused: a news article's page is rarely over 2 MB.
PAGE_SIZE_LIMIT = 5 * 1024 * 1024
# Seconds a web server has to answer (connecting, and between parts of the answer).
FETCH_TIMEOUT = 20.0
_WEB_PAGE_TYPES = ("text/html", "application/xhtml+xml")


def fetch_page(url: str, *, timeout: float = FETCH_TIMEOUT, limit: int = PAGE_SIZE_LIMIT) -> bytes:
    """The web page at url, as served, or an error an editor can act on: a bad address, an error
    answer such as 404, an answer that is not a web page, no network, or a page over the limit."""
    import urllib.error
    import urllib.request
    from http.client import HTTPException

    url = check_url(url)
    request = urllib.request.Request(
        url, headers={"User-Agent": "claims (newsroom fact-checking)", "Accept": ", ".join(_WEB_PAGE_TYPES)}
    )
    host = urlparse(url).hostname or url
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in _WEB_PAGE_TYPES:
                raise InvalidInput(f"{url} is not a web page: the server sent {content_type}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _too_large(url, limit)
            data: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise InvalidInput(f"{url} answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise InvalidInput(f"{host} did not answer within {timeout:g} seconds") from None
        raise InvalidInput(f"cannot reach {host}: {getattr(reason, 'strerror', None) or reason}") from None
    except TimeoutError:
        raise InvalidInput(f"{host} did not answer within {timeout:g} seconds") from None
    except (HTTPException, OSError, ValueError) as error:
        raise InvalidInput(f"cannot read {url}: {error}") from None
    if len(data) > limit:
        raise _too_large(url, limit)
    return data


def check_page_size(size: int, name: str, limit: int = PAGE_SIZE_LIMIT) -> None:
    """A saved page is held to the same limit as a fetched one."""
    if size > limit:
        raise _too_large(name, limit)


def _too_large(name: str, limit: int) -> InvalidInput:
    return InvalidInput(
        f"the page {name} is larger than {limit // (1024 * 1024)} MB; save the article's text to a file and add that"
    )


def default_outlet(site: str | None, url: str | None) -> tuple[str | None, str | None]:
    """(outlet, where it came from) for an article added without --outlet: the site's name in the
    page's metadata, else the host of its address ("news.example.com"); (None, None) without either."""
    if site and site.strip():
        return site.strip(), "the page's metadata"
    host = urlparse(url).hostname if url else None
    if host:
        return host.removeprefix("www."), "its address"
    return None, None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def add_source(
    session: Session,
    *,
    text: str,
    editor: str,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
    author: str | None = None,
    language: str = "en",
    extract: bool = True,
    canonical_url: str | None = None,
) -> SourceImport:
    """Store an article and, unless told not to, the check-worthy claims in it. URL is the address
    as the editor typed it; CANONICAL_URL the one the web page gives as its own.

    A spreadsheet import names sources by address without their text. The article for such an
    address fills in that source rather than becoming a second one, so the claims imported
    earlier find their place in it. A different article at an address whose source already
    has a text is refused: one address, one article."""
    authorize(session, editor, Role.REPORTER, doing="adding sources")
    url = check_url(url) if url else None
    canonical_url = _page_address(canonical_url)
    check_article(text)
    digest = content_hash(text)
    existing = session.scalars(select(Source).where(Source.content_hash == digest)).one_or_none()
    if existing is not None:
        held = session.scalar(select(func.count()).select_from(Claim).where(Claim.source_id == existing.id)) or 0
        return SourceImport(source=existing, outcome=SourceOutcome.UNCHANGED, stored=held, first=())

    header_date, body_start = read_header(text)
    details = {
        "title": title, "outlet": outlet, "published": published or header_date, "author": author,
        "canonical_url": canonical_url,
    }  # fmt: skip
    awaiting = _awaiting_text(session, url) if url else None
    if awaiting is not None:
        return _fill_in(
            session, awaiting, text=text, digest=digest, details=details, language=language,
            extract=extract, body_start=body_start, editor=editor,
        )  # fmt: skip
    source = Source(text=text, content_hash=digest, url=url, language=language, **details)
    session.add(source)
    session.flush()
    stored = _Stored()
    if extract:
        from claims.extract.detector import iter_claims

        stored = _store_candidates(session, source, iter_claims(text, start=body_start), editor=editor)
    return SourceImport(
        source=source, outcome=SourceOutcome.ADDED, stored=stored.count, first=stored.first,
        first_new_id=stored.first_id,
    )  # fmt: skip


def new_claim_ids(session: Session, imported: SourceImport, *, batch: int = 500) -> Iterator[int]:
    """The ids of the claims an import stored, in order, read back BATCH at a time: what matches
    them or lists them never holds all of a long article's."""
    if imported.outcome is SourceOutcome.UNCHANGED or imported.first_new_id is None:
        return iter(())
    new = select(Claim.id).where(Claim.source_id == imported.source.id, Claim.id >= imported.first_new_id)
    return ids_in_pages(session, new, Claim.id, page=batch)


def _page_address(address: str | None) -> str | None:
    """The address a page gives as its own, kept as metadata: one that is not a web address, or
    too long to store, is left out rather than refusing the article."""
    from claims.limits import URL_LENGTH

    if not address or len(address) > URL_LENGTH:
        return None
    try:
        return check_url(address)
    except InvalidInput:
        return None


def _awaiting_text(session: Session, url: str) -> Source | None:
    """The source a spreadsheet created for this address, still without its text (the oldest,
    as the import itself finds it); None when no source has the address. An address whose
    source already has another text is refused rather than given a second source."""
    same_address = session.scalars(select(Source).where(Source.url == url).order_by(Source.id)).all()
    if holding := [source for source in same_address if source.text]:
        raise RuleViolation(
            f"source {holding[0].id} already holds a different article at {url}; "
            "if this is another version of it, add it with that version's own --url"
        )
    return same_address[0] if same_address else None


def _fill_in(
    session: Session,
    source: Source,
    *,
    text: str,
    digest: str,
    details: Mapping[str, object],
    language: str,
    extract: bool,
    body_start: int,
    editor: str,
) -> SourceImport:
    """Give an imported source its article: the details it lacks, a place in the text for each
    claim it holds word for word, and (with extract) the claims found that it does not hold yet.
    A detail it already has is the desk's and stays, even where the article says otherwise; the
    language is the article's, as a spreadsheet has no column for it."""
    # Only one article may fill a source: a colleague's committed first leaves no empty text here.
    filled = session.execute(
        update(Source)
        .where(Source.id == source.id, Source.text == "")
        .values(text=text, content_hash=digest, language=language)
    )
    if cast(Any, filled).rowcount != 1:
        raise ConflictError(
            f"source {source.id} was given its text by someone else while you were working; "
            f"run claims source show {source.id} and try again"
        )
    kept: dict[str, tuple[object, object]] = {}
    for name, given in details.items():
        current = getattr(source, name)
        if current is None:
            setattr(source, name, given)
        elif given is not None and given != current:
            kept[name] = (current, given)

    placed: list[Claim] = []
    not_found: list[Claim] = []
    article = ArticleText(text)
    for claim in source.claims:
        place = article.place(claim.text)
        if place is None:
            not_found.append(claim)
            continue
        start, end = place
        claim.sentence, claim.start_offset, claim.end_offset = text[start:end], start, end
        note = f"found word for word in the article added to source {source.id}, characters {start}-{end}"
        change_claim(session, claim_id=claim.id, command=AddNote(note), editor=editor)
        placed.append(claim)
    session.flush()

    stored = _Stored()
    if extract:
        from claims.extract.detector import iter_claims

        held = list(source.claims)
        new = (found for found in iter_claims(text, start=body_start) if not _restates(found, held))
        stored = _store_candidates(session, source, new, editor=editor)
    return SourceImport(
        source=source, outcome=SourceOutcome.FILLED, stored=stored.count, first=stored.first,
        first_new_id=stored.first_id, placed=placed, not_found=not_found, kept=kept,
    )  # fmt: skip


# How much of a claim placed in a sentence one found there must keep, having lost only words, to
# be that claim.
SAME_CLAIM = 0.8
# What may stand around a word without changing what it says: sentence punctuation and quotes.
_AFTER_WORDS = ".,;:!?\"')]\u201d\u2019\u00bb"
_BEFORE_WORDS = "\"'([\u201c\u2018\u00ab"


def _restates(found: Candidate, held: Sequence[Claim]) -> bool:
    """Whether a claim found in the article is one the source already holds.

    The same words and numbers are the same claim, whatever the case and the full stop a
    spreadsheet keeps and the detector drops. A claim placed in the article is also the same as
    one found in its sentence that only lacks a few of its words (the detector drops hedges such
    as "just"), numbers included. Anything else is kept: a word of its own makes it another
    claim ("the south" beside "the north"), and so does another number (4.5% and 5.4%, -20000 and
    20000, $5bn and £5bn)."""
    tokens = _tokens(found.text)
    for claim in held:
        other = _tokens(claim.text)
        if other == tokens:
            return True
        placed_in_sentence = (
            claim.start_offset is not None and claim.end_offset is not None
            and found.start <= claim.start_offset and claim.end_offset <= found.end
        )  # fmt: skip
        if placed_in_sentence and _only_lost_words(tokens, other):
            return True
    return False


def _only_lost_words(found: list[str], placed: list[str]) -> bool:
    return set(found) <= set(placed) and len(found) >= SAME_CLAIM * len(placed) and _numbers(found) == _numbers(placed)


def _numbers(tokens: list[str]) -> list[str]:
    return [token for token in tokens if any(character.isdigit() for character in token)]


def _tokens(wording: str) -> list[str]:
    """A wording's words, as they decide what it claims: without the punctuation and quotes around
    them, and in any case, but a word with a digit as it is written (5MW is not 5mW, .5% not 5%,
    ₹5bn not 5bn)."""
    tokens = []
    for word in wording.split():
        word = word.lstrip(_BEFORE_WORDS).rstrip(_AFTER_WORDS)
        if word:
            tokens.append(word if any(character.isdigit() for character in word) else word.casefold())
    return tokens


def place_in_article(article: str, wording: str) -> tuple[int, int] | None:
    """Where the article holds a claim's wording word for word, as (start, end), or None.

    For one look-up; ``ArticleText`` finds many claims in one article without going over it again."""
    return ArticleText(article).place(wording)


class ArticleText:
    """An article made ready for finding claims in it word for word.

    A claim is stored on one line while an article wraps its sentences, so line breaks and runs of
    spaces in the article count as one space. The article is read once, into its words joined by
    single spaces and where each word starts in both; every look-up is then a ``find``, and a
    bisection to map what it found back to the article. An import keeps one per source it
    names, so this stays small: two numbers a word, not one a character."""

    def __init__(self, article: str) -> None:
        self.article = article
        self._flat: str | None = None
        self._flat_starts = array("q")  # where each word starts in the flat text
        self._starts = array("q")  # and in the article

    def place(self, wording: str) -> tuple[int, int] | None:
        start = self.article.find(wording)
        if start >= 0:
            return start, start + len(wording)
        flat_wording = " ".join(wording.split())
        if not flat_wording:
            return None
        if self._flat is None:
            self._flatten()
        assert self._flat is not None
        found = self._flat.find(flat_wording)
        if found < 0:
            return None
        # A flat wording starts and ends inside words, whose characters are the article's own.
        return self._in_article(found), self._in_article(found + len(flat_wording) - 1) + 1

    def _in_article(self, flat_index: int) -> int:
        word = bisect_right(self._flat_starts, flat_index) - 1
        return self._starts[word] + flat_index - self._flat_starts[word]

    def _flatten(self) -> None:
        words: list[str] = []
        length = 0
        for word in re.finditer(r"\S+", self.article):
            if words:
                length += 1  # the space that stands for the whitespace before the word
            self._flat_starts.append(length)
            self._starts.append(word.start())
            words.append(word.group())
            length += len(words[-1])
        self._flat = " ".join(words)


# Claims stored, and let go of, at a time: a long article finds tens of thousands. (A flush's
# bookkeeping is most of a batch's memory: 250 peaked 10 MB lower than 1,000 on a 3 MB article, for
# the same CPU.)
STORE_BATCH = 250


class _Stored:
    """What storing an article's claims keeps: how many, the first page of them, the first id."""

    def __init__(self) -> None:
        self.count = 0
        self.first: list[StoredClaim] = []
        self.first_id: int | None = None


def _store_candidates(session: Session, source: Source, candidates: Iterable[Candidate], *, editor: str) -> _Stored:
    """One claim per wording found in the source, placed at its first sentence: an article that
    repeats a sentence (a feed's boilerplate, a page scraped with its pagination) makes one
    claim to check, not one per repetition. Written STORE_BATCH at a time; the session then lets
    go of them (a clean object is held only weakly, and nothing else points at them). The
    candidates are read as the extractor finds them: only a batch of them is held at a time, and
    of the claims stored only their number and the first page (what the editor is shown)."""
    from claims.pages import PAGE_SIZE

    seen: set[int] = set()
    actor = acting_editor(session, editor)  # read before the new claims join the session
    stored = _Stored()
    for batch in batched(_first_of_each(candidates, seen), STORE_BATCH):
        entities = entities_for(session, {(found.label, found.name) for c in batch for found in c.entities})
        claims = []
        for candidate in batch:
            claim = Claim(
                source_id=source.id,
                text=candidate.text,
                sentence=candidate.sentence,
                start_offset=candidate.start,
                end_offset=candidate.end,
                claimant=candidate.claimant or source.outlet,
                kind=candidate.kind,
                status=Status.UNVERIFIED.value,
                score=round(candidate.score, 4),
                entity_links=[
                    ClaimEntity(entity=entities[(found.label, found.name)])
                    for found in dict.fromkeys(candidate.entities)
                ],
            )
            claims.append(claim)
        create_claims(session, claims, actor=actor, note=f"found in source {source.id}")
        session.flush()
        if stored.first_id is None:
            stored.first_id = min(claim.id for claim in claims)
        stored.first.extend(_stored(claim) for claim in claims[: PAGE_SIZE - len(stored.first)])
        stored.count += len(claims)
        # An entity the next batch names again would otherwise hold these claims by its links.
        for entity in entities.values():
            session.expire(entity, ["claim_links"])
    return stored


def _first_of_each(candidates: Iterable[Candidate], seen: set[int]) -> Iterator[Candidate]:
    """The candidates, each wording once (its first), in the order found. A wording is remembered
    by a 64-bit digest of it, not its text: some 60 bytes a claim instead of a few hundred (two
    wordings in a 10 MB article's 40,000 share a digest with odds of about 1 in 10^10)."""
    for candidate in candidates:
        digest = _digest(candidate.text)
        if digest not in seen:
            seen.add(digest)
            yield candidate


def _digest(wording: str) -> int:
    return int.from_bytes(hashlib.blake2b(wording.encode("utf-8"), digest_size=8).digest(), "little")


def _stored(claim: Claim) -> StoredClaim:
    return StoredClaim(claim.id, claim.kind, claim.text, claim.claimant, claim.score)


def get_source(session: Session, *, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"no source with id {source_id}")
    return source


def claims_by_status(source: Source) -> dict[str, int]:
    counts = Counter(claim.status for claim in source.claims)
    return {status.value: counts.get(status.value, 0) for status in Status}


# What of a source an editor may correct, and how each detail is read from what they type.
SOURCE_DETAILS = ("title", "outlet", "url", "published", "author")


def edit_source(
    session: Session, *, source_id: int, changes: Mapping[str, str], editor: str, note: str | None = None
) -> tuple[Source, list[SourceEvent]]:
    """Correct a source's details (a wrong date flows into every ClaimReview of its claims); each
    change is kept in the source's history. An empty value clears a detail."""
    from claims.services.common import clean_note, parse_date

    authorize(session, editor, Role.EDITOR, doing="correcting a source's details")
    source = get_source(session, source_id=source_id)
    if not changes:
        raise InvalidInput("say what to correct: --title, --outlet, --url, --published or --author")
    events = []
    for name, given in changes.items():
        value: object = given.strip() or None
        if value is not None and name == "url":
            value = check_url(str(value))
        if value is not None and name == "published":
            value = parse_date(str(value), field="--published")
        current = getattr(source, name)
        if current == value:
            continue
        if (
            name == "url"
            and value is not None
            and session.scalar(
                select(func.count()).select_from(Source).where(Source.url == value, Source.id != source.id)
            )
        ):
            raise RuleViolation(f"another source already has the address {value}")
        setattr(source, name, value)
        event = SourceEvent(
            source_id=source.id, field=name, old_value=_as_text(current), new_value=_as_text(value), editor=editor,
            note=clean_note(note),
        )  # fmt: skip
        session.add(event)
        events.append(event)
    if not events:
        raise RuleViolation(f"source {source.id} already says that")
    session.flush()
    return source, events


def source_history(session: Session, *, source_id: int) -> Sequence[SourceEvent]:
    get_source(session, source_id=source_id)
    return session.scalars(select(SourceEvent).where(SourceEvent.source_id == source_id).order_by(SourceEvent.id)).all()


def _as_text(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else (str(value) if value is not None else None)
