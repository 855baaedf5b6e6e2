"""Gathering the published verdicts that become ClaimReview objects.

Read through the Core, streamed: two queries in claim order, each from a server-side cursor a
batch at a time, so an archive of a million claims passes through bounded memory. One gives the
published claims with their own source and the event that gave the verdict; the other every
source with an address where the same words were claimed, which the database finds in one join
(no index on the wording is needed for a single pass).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, Select, and_, select

from claims.claimreview import Appearance, ReviewedClaim
from claims.moments import as_utc
from claims.tables import claim_events, claims, sources
from claims.vocabulary import STATUS_EVENTS, Status

BATCH = 1_000


def published_verdicts(connection: Connection, *, statuses: Collection[Status]) -> Iterator[ReviewedClaim]:
    """Claims whose verdict is published (signed off) and one of the statuses the organisation
    publishes, oldest first.

    Drafts never leave the desk: a verdict waiting for sign-off is not a fact-check yet. The
    two queries should see one snapshot (``reading_scope(snapshot=True)``).
    """
    if not statuses:
        return
    published = and_(claims.c.status.in_([status.value for status in statuses]), claims.c.signed_off_at.is_not(None))
    appearing = groupby(_stream(connection, _appearances(published)), key=_claim_id)
    pending = next(appearing, None)
    for row in _stream(connection, _published_claims(published)):
        # The same claim made in several articles: every one is an appearance, in the order the
        # sources were added (each once), the claim's own source first, the earliest the first.
        while pending is not None and pending[0] < row.id:  # published between the two queries
            pending = next(appearing, None)
        found: list[Appearance] = []
        if pending is not None and pending[0] == row.id:
            found = list(dict.fromkeys(Appearance(r.url, r.published, r.title, r.outlet) for r in pending[1]))
            pending = next(appearing, None)
        own = next((a for a in found if row.source_id is not None and a.url == row.source_url), None)
        seen = ([own] if own else []) + [a for a in found if a is not own]
        dated = [a for a in seen if a.published is not None]
        given_at = row.given_at if row.given_at is not None else row.signed_off_at
        yield ReviewedClaim(
            id=row.id,
            text=row.text,
            status=Status(row.status),
            note=row.note,
            given_at=as_utc(given_at),
            claimant=row.claimant,
            claimant_is_outlet=row.source_id is not None and row.claimant == row.source_outlet,
            published=row.source_published,
            appearances=seen,
            first_appearance=min(dated, key=_published_on) if dated else (seen[0] if seen else None),
        )


def _published_claims(published: Any) -> Select[Any]:
    """The published claims, with their own source and the event that gave them their status."""
    own = sources.alias("own")
    verdict = claim_events.alias("verdict")
    latest = (
        select(claim_events.c.id)
        .where(claim_events.c.claim_id == claims.c.id, claim_events.c.kind.in_(STATUS_EVENTS))
        .order_by(claim_events.c.id.desc())
        .limit(1)
        .correlate(claims)
        .scalar_subquery()
    )
    return (
        select(
            claims.c.id,
            claims.c.text,
            claims.c.status,
            claims.c.claimant,
            claims.c.signed_off_at,
            claims.c.source_id,
            own.c.url.label("source_url"),
            own.c.outlet.label("source_outlet"),
            own.c.published.label("source_published"),
            verdict.c.note,
            verdict.c.created_at.label("given_at"),
        )  # fmt: skip
        .select_from(claims)
        .outerjoin(own, own.c.id == claims.c.source_id)
        .outerjoin(verdict, verdict.c.id == latest)
        .where(published)
        .order_by(claims.c.id)
    )


def _appearances(published: Any) -> Select[Any]:
    """Per published claim, the sources with an address whose claims have the same words."""
    other = claims.alias("other")
    return (
        select(claims.c.id, sources.c.url, sources.c.published, sources.c.title, sources.c.outlet)
        .select_from(claims)
        .join(other, other.c.text == claims.c.text)
        .join(sources, sources.c.id == other.c.source_id)
        .where(published, sources.c.url.is_not(None))
        .order_by(claims.c.id, sources.c.id)
    )


def _stream(connection: Connection, query: Select[Any]) -> Iterator[Any]:
    """The query's rows from a server-side cursor (PostgreSQL), a batch at a time."""
    yield from connection.execution_options(stream_results=True, yield_per=BATCH).execute(query)


def _claim_id(row: Any) -> int:
    return int(row[0])


def _published_on(appearance: Appearance) -> Any:
    return appearance.published
