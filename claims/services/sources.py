"""Importing articles and the claims found in them."""

from __future__ import annotations

import enum
import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from claims.article import check_article, read_header
from claims.errors import ConflictError, NotFound, RuleViolation
from claims.models import Claim, ClaimEntity, Entity, EventKind, Role, Source, Status
from claims.services.common import check_url, claim_text, record_event
from claims.services.editors import authorize

if TYPE_CHECKING:
    from claims.extract import Candidate


class SourceOutcome(str, enum.Enum):
    """What ``add_source`` did with the article."""

    ADDED = "added"  # a new source
    FILLED = "filled"  # the text of a source a spreadsheet had named by its address
    UNCHANGED = "unchanged"  # the same text was imported before: nothing was written


@dataclass(frozen=True)
class SourceImport:
    source: Source
    outcome: SourceOutcome
    claims: Sequence[Claim]  # the claims found in the article and stored now; when UNCHANGED, the source's claims
    # When filling in: the claims the source already had, found word for word in the article or not,
    placed: Sequence[Claim] = ()
    not_found: Sequence[Claim] = ()
    # and the details given (or read from the article) that differ from those it already had,
    # which it keeps: {field: (kept, given)}.
    kept: Mapping[str, tuple[object, object]] = field(default_factory=dict)


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
) -> SourceImport:
    """Store an article and, unless told not to, the check-worthy claims in it.

    A spreadsheet import names sources by address without their text. The article for such an
    address fills in that source rather than becoming a second one, so the claims imported
    earlier find their place in it. A different article at an address whose source already
    has a text is refused: one address, one article."""
    authorize(session, editor, Role.REPORTER, doing="adding sources")
    url = check_url(url) if url else None
    check_article(text)
    digest = content_hash(text)
    existing = session.scalars(select(Source).where(Source.content_hash == digest)).one_or_none()
    if existing is not None:
        return SourceImport(source=existing, outcome=SourceOutcome.UNCHANGED, claims=existing.claims)

    header_date, body_start = read_header(text)
    details = {"title": title, "outlet": outlet, "published": published or header_date, "author": author}
    awaiting = _awaiting_text(session, url) if url else None
    if awaiting is not None:
        return _fill_in(
            session, awaiting, text=text, digest=digest, details=details, language=language,
            extract=extract, body_start=body_start, editor=editor,
        )  # fmt: skip
    source = Source(text=text, content_hash=digest, url=url, language=language, **details)
    session.add(source)
    session.flush()
    claims: list[Claim] = []
    if extract:
        from claims.extract import find_claims

        claims = _store_candidates(session, source, find_claims(text, start=body_start), editor=editor)
    return SourceImport(source=source, outcome=SourceOutcome.ADDED, claims=claims)


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
    if filled.rowcount != 1:
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
        record_event(
            session, claim, kind=EventKind.NOTE, editor=editor,
            note=f"found word for word in the article added to source {source.id}, characters {start}-{end}",
        )  # fmt: skip
        placed.append(claim)
    session.flush()

    claims: list[Claim] = []
    if extract:
        from claims.extract import find_claims

        new = [found for found in find_claims(text, start=body_start) if not _restates(found, source.claims)]
        claims = _store_candidates(session, source, new, editor=editor)
    return SourceImport(
        source=source, outcome=SourceOutcome.FILLED, claims=claims, placed=placed, not_found=not_found, kept=kept
    )


# How alike, in the words they share, a claim found in a sentence and one placed there must be
# to be one claim.
SAME_CLAIM = 0.8


def _restates(found: Candidate, held: Sequence[Claim]) -> bool:
    """Whether a claim found in the article is one the source already holds.

    The same words are the same claim, whatever the case and the full stop a spreadsheet keeps
    and the detector drops. A claim placed in the article is also the same as one found in its
    sentence that differs only at the edges (the detector drops hedges such as "just"), provided
    every number agrees: to a fact-checker, 12% and 13% are two claims. A claim the detector splits
    out of a longer sentence shares too few of its words to count, and is kept."""
    wording = _words(found.text)
    words = frozenset(wording)
    for claim in held:
        other = _words(claim.text)
        if other == wording:
            return True
        placed_here = claim.start_offset is not None and claim.end_offset is not None
        if not (placed_here and found.start <= claim.start_offset and claim.end_offset <= found.end):
            continue
        others = frozenset(other)
        if len(words & others) >= SAME_CLAIM * len(words | others) and _numbers(words) == _numbers(others):
            return True
    return False


def _words(wording: str) -> list[str]:
    return re.findall(r"\w+", wording.casefold())


def _numbers(words: frozenset[str]) -> frozenset[str]:
    return frozenset(word for word in words if any(character.isdigit() for character in word))


def place_in_article(article: str, wording: str) -> tuple[int, int] | None:
    """Where the article holds a claim's wording word for word, as (start, end), or None.

    For one look-up; ``ArticleText`` finds many claims in one article without going over it again."""
    return ArticleText(article).place(wording)


class ArticleText:
    """An article made ready for finding claims in it word for word.

    A claim is stored on one line while an article wraps its sentences, so line breaks and runs of
    spaces in the article count as one space. The article is read once, into its words joined by
    single spaces and where each character of that came from; every look-up is then a ``find``."""

    def __init__(self, article: str) -> None:
        self.article = article
        self._flat: str | None = None
        self._origins: list[int] = []

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
        return self._origins[found], self._origins[found + len(flat_wording) - 1] + 1

    def _flatten(self) -> None:
        parts: list[str] = []
        origins: list[int] = []
        for word in re.finditer(r"\S+", self.article):
            if parts:
                parts.append(" ")
                origins.append(word.start() - 1)  # the space stands for the whitespace before the word
            parts.append(word.group())
            origins.extend(range(word.start(), word.end()))
        self._flat, self._origins = "".join(parts), origins


def _store_candidates(session: Session, source: Source, candidates: Sequence[Candidate], *, editor: str) -> list[Claim]:
    entities = _entities_for(session, {(found.label, found.name) for c in candidates for found in c.entities})
    claims = []
    for candidate in candidates:
        claim = Claim(
            source=source,
            text=candidate.text,
            sentence=candidate.sentence,
            start_offset=candidate.start,
            end_offset=candidate.end,
            claimant=candidate.claimant or source.outlet,
            kind=candidate.kind,
            status=Status.UNVERIFIED.value,
            score=round(candidate.score, 4),
            entity_links=[
                ClaimEntity(entity=entities[(found.label, found.name)]) for found in dict.fromkeys(candidate.entities)
            ],
        )
        session.add(claim)
        record_event(
            session, claim, kind=EventKind.CREATED, editor=editor, to_status=claim.status, note=f"found in source {source.id}"
        )
        claims.append(claim)
    session.flush()
    return claims


def _entities_for(session: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], Entity]:
    """The Entity rows for these (label, name) pairs, creating the ones the desk has not seen."""
    names = {name for _, name in keys}
    known = {
        (entity.label, entity.name): entity
        for entity in session.scalars(select(Entity).where(Entity.name.in_(names)))
        if (entity.label, entity.name) in keys
    } if names else {}
    for key in keys - known.keys():
        known[key] = Entity(label=key[0], name=key[1])
        session.add(known[key])
    return known


def list_sources(session: Session) -> Sequence[tuple[Source, int]]:
    """Every source with how many claims it holds."""
    counts = select(Claim.source_id, func.count().label("claims")).group_by(Claim.source_id).subquery()
    query = (
        select(Source, func.coalesce(counts.c.claims, 0))
        .outerjoin(counts, counts.c.source_id == Source.id)
        .order_by(Source.id)
    )
    return [(source, count) for source, count in session.execute(query)]


def get_source(session: Session, *, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"no source with id {source_id}")
    return source


def claims_by_status(source: Source) -> dict[str, int]:
    counts = Counter(claim.status for claim in source.claims)
    return {status.value: counts.get(status.value, 0) for status in Status}
