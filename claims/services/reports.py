"""Gathering the status report from the database."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from datetime import UTC, date, datetime, time

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from claims.models import OPEN_STATUSES, VERDICTS, Claim, ClaimEvent, ClaimMatch, Source, Status, utcnow
from claims.reports import Activity, OpenClaim, SourceSummary, StatusReport, Verdict
from claims.services.common import status_events
from claims.services.sources import get_source

RECENT_EVENTS = 20


def build_status_report(
    session: Session,
    *,
    source_id: int | None = None,
    since: date | None = None,
    statuses: Collection[Status] = (),
    same_claim_score: float = 1.0,
) -> StatusReport:
    """The report on the claims in scope: from one source, worked on since a day, with some statuses.

    A claim counts as already checked elsewhere when its stored match with a published fact-check
    scores SAME_CLAIM_SCORE or more (the desk's "same claim" threshold)."""
    if source_id is not None:
        get_source(session, source_id=source_id)
    now = utcnow()
    start = datetime.combine(since, time.min, tzinfo=UTC) if since is not None else None
    claim_query = _in_scope(
        select(Claim).options(selectinload(Claim.evidence)).order_by(Claim.created_at, Claim.id),
        source_id=source_id,
        start=start,
        statuses=statuses,
    )
    claims = session.scalars(claim_query).all()

    per_source: dict[int | None, Counter[str]] = defaultdict(Counter)
    for claim in claims:
        per_source[claim.source_id][claim.status] += 1
    total = Counter(claim.status for claim in claims)

    source_query = select(Source).order_by(Source.id)
    if source_id is not None:
        source_query = source_query.where(Source.id == source_id)
    filtered = start is not None or bool(statuses)

    last_verdicts = _last_verdict_events(session, source_id=source_id, start=start, statuses=statuses)
    verdicts = []
    for claim in claims:
        if claim.status not in VERDICTS:
            continue
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
                published=claim.is_published,
                signed_off_by=claim.signed_off_by if claim.is_published else None,
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
            if not filtered or source.id in per_source
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
            if claim.status in OPEN_STATUSES
        ],
        verdicts=verdicts,
        activity=_recent_activity(session, source_id=source_id, start=start, statuses=statuses),
        scope=_describe_scope(source_id=source_id, since=since, statuses=statuses),
        checked_elsewhere=session.scalar(
            select(func.count(func.distinct(ClaimMatch.claim_id))).where(
                ClaimMatch.factcheck_id.is_not(None),
                ClaimMatch.score >= same_claim_score,
                ClaimMatch.claim_id.in_(
                    _in_scope(select(Claim.id), source_id=source_id, start=start, statuses=statuses)
                ),
            )
        )
        or 0,
    )


def _in_scope(
    query: Select,  # type: ignore[type-arg]
    *,
    source_id: int | None,
    start: datetime | None,
    statuses: Collection[Status],
) -> Select:  # type: ignore[type-arg]
    if source_id is not None:
        query = query.where(Claim.source_id == source_id)
    if start is not None:
        # Every change touches updated_at: a claim added or worked on since then.
        query = query.where(Claim.updated_at >= start)
    if statuses:
        query = query.where(Claim.status.in_([status.value for status in statuses]))
    return query


def _describe_scope(*, source_id: int | None, since: date | None, statuses: Collection[Status]) -> list[str]:
    scope = []
    if source_id is not None:
        scope.append(f"source {source_id}")
    if since is not None:
        scope.append(f"added or changed since {since.isoformat()}")
    if statuses:
        scope.append("status " + " or ".join(status.value for status in statuses))
    return scope


def _last_verdict_events(
    session: Session, *, source_id: int | None, start: datetime | None, statuses: Collection[Status]
) -> dict[int, ClaimEvent]:
    """The status change that gave each decided claim in scope its current verdict."""
    decided = _in_scope(
        select(Claim.id).where(Claim.status.in_([status.value for status in VERDICTS])),
        source_id=source_id,
        start=start,
        statuses=statuses,
    )
    return status_events(session, decided)


def _recent_activity(
    session: Session, *, source_id: int | None, start: datetime | None, statuses: Collection[Status]
) -> list[Activity]:
    """The newest entries of the history of the claims in scope, newest first."""
    query = _in_scope(
        select(ClaimEvent, Claim.text).join(Claim, Claim.id == ClaimEvent.claim_id),
        source_id=source_id,
        start=start,
        statuses=statuses,
    )
    if start is not None:
        query = query.where(ClaimEvent.created_at >= start)
    query = query.order_by(ClaimEvent.id.desc()).limit(RECENT_EVENTS)
    return [
        Activity(
            at=event.created_at,
            claim_id=event.claim_id,
            claim_text=claim_text,
            kind=event.kind,
            from_status=event.from_status,
            to_status=event.to_status,
            editor=event.editor,
            note=event.note,
        )
        for event, claim_text in session.execute(query)
    ]
