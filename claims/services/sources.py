"""Importing articles and the claims found in them."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims.article import check_article, read_header
from claims.errors import NotFound
from claims.models import Claim, ClaimEntity, Entity, EventKind, Role, Source, Status
from claims.services.common import check_url, record_event
from claims.services.editors import authorize

if TYPE_CHECKING:
    from claims.extract import Candidate


@dataclass(frozen=True)
class SourceImport:
    source: Source
    created: bool  # False when the same text was imported before: nothing was written
    claims: Sequence[Claim]


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
    """Store an article and, unless told not to, the check-worthy claims in it."""
    authorize(session, editor, Role.REPORTER, doing="adding sources")
    url = check_url(url) if url else None
    check_article(text)
    digest = content_hash(text)
    existing = session.scalars(select(Source).where(Source.content_hash == digest)).one_or_none()
    if existing is not None:
        return SourceImport(source=existing, created=False, claims=existing.claims)

    header_date, body_start = read_header(text)
    source = Source(
        text=text,
        content_hash=digest,
        title=title,
        outlet=outlet,
        url=url,
        published=published or header_date,
        author=author,
        language=language,
    )
    session.add(source)
    session.flush()
    claims: list[Claim] = []
    if extract:
        from claims.extract import find_claims

        claims = _store_candidates(session, source, find_claims(text, start=body_start), editor=editor)
    return SourceImport(source=source, created=True, claims=claims)


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
