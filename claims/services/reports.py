"""Gathering the status report from the database."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims.models import VERDICTS, Claim, ClaimEvent, EventKind, Source, Status, utcnow
from claims.reports import OpenClaim, SourceSummary, StatusReport, Verdict

OPEN = frozenset({Status.UNVERIFIED.value, Status.IN_REVIEW.value})


def build_status_report(session: Session, *, source_id: int | None = None) -> StatusReport:
    now = utcnow()
    claim_query = select(Claim).options(selectinload(Claim.evidence)).order_by(Claim.created_at, Claim.id)
    source_query = select(Source).order_by(Source.id)
    if source_id is not None:
        claim_query = claim_query.where(Claim.source_id == source_id)
        source_query = source_query.where(Source.id == source_id)
    claims = session.scalars(claim_query).all()

    per_source: dict[int | None, Counter[str]] = defaultdict(Counter)
    for claim in claims:
        per_source[claim.source_id][claim.status] += 1
    total = Counter(claim.status for claim in claims)

    decided = [claim for claim in claims if claim.status in {status.value for status in VERDICTS}]
    last_verdicts = _last_verdict_events(session, source_id=source_id)
    verdicts = []
    for claim in decided:
        event = last_verdicts.get(claim.id)
        verdicts.append(
            Verdict(
                claim_id=claim.id,
                text=claim.text,
                status=claim.status,
                editor=event.editor if event else "",
                note=event.note if event else None,
                given_at=event.created_at if event else claim.updated_at,
                evidence_urls=[evidence.url for evidence in claim.evidence],
            )
        )
    verdicts.sort(key=lambda verdict: verdict.given_at, reverse=True)

    return StatusReport(
        generated_at=now,
        counts={status.value: total.get(status.value, 0) for status in Status},
        sources=[
            SourceSummary(
                id=source.id,
                title=source.title,
                outlet=source.outlet,
                published=source.published,
                counts={status.value: per_source[source.id].get(status.value, 0) for status in Status},
            )
            for source in session.scalars(source_query)
        ],
        open_claims=[
            OpenClaim(
                id=claim.id,
                text=claim.text,
                status=claim.status,
                source_id=claim.source_id,
                created_at=claim.created_at,
                age_days=(now - claim.created_at).days,
            )
            for claim in claims
            if claim.status in OPEN
        ],
        verdicts=verdicts,
    )


def _last_verdict_events(session: Session, *, source_id: int | None) -> dict[int, ClaimEvent]:
    """The status change that gave each decided claim its current verdict."""
    query = (
        select(ClaimEvent)
        .join(Claim)
        .where(
            Claim.status.in_([status.value for status in VERDICTS]),
            ClaimEvent.kind == EventKind.STATUS_CHANGED.value,
            ClaimEvent.to_status == Claim.status,
        )
        .order_by(ClaimEvent.id)
    )
    if source_id is not None:
        query = query.where(Claim.source_id == source_id)
    return {event.claim_id: event for event in session.scalars(query)}
