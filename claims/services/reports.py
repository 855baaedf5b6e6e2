"""Gathering the status report from the database: counts by SQL aggregates, and at most a page
of each list (open claims, verdicts, sources, activity), so that the report on a million claims
takes the time and memory of the report on a thousand.

Through the Core on a plain connection, as the everyday reads are (see services/listing.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, cast

from sqlalchemy import ColumnElement, Connection, Select, and_, case, exists, func, select

from claims.moments import as_utc
from claims.reports import Activity, OpenClaim, SourceSummary, StatusReport, Verdict
from claims.services.listing import require_source
from claims.tables import claim_events, claim_matches, claim_tallies, claims, evidence, sources
from claims.vocabulary import OPEN_STATUSES, STATUS_EVENTS, VERDICTS, ClaimKind, Status

RECENT_EVENTS = 20
OPEN_VALUES = [status.value for status in OPEN_STATUSES]
VERDICT_VALUES = [status.value for status in VERDICTS]


@dataclass(frozen=True)
class ReportScope:
    """The claims a report covers: from one source, added or changed since a day, with some statuses."""

    source_id: int | None = None
    since: date | None = None
    statuses: Collection[Status] = ()

    @property
    def start(self) -> datetime | None:
        return datetime.combine(self.since, time.min, tzinfo=UTC) if self.since is not None else None

    def conditions(self) -> list[ColumnElement[bool]]:
        where = []
        if self.source_id is not None:
            where.append(claims.c.source_id == self.source_id)
        if self.start is not None:
            where.append(claims.c.updated_at >= self.start)  # every change touches it
        if self.statuses:
            where.append(claims.c.status.in_([status.value for status in self.statuses]))
        return where

    @property
    def filtered(self) -> bool:
        return self.since is not None or bool(self.statuses)

    def describe(self) -> list[str]:
        scope = []
        if self.source_id is not None:
            scope.append(f"source {self.source_id}")
        if self.since is not None:
            scope.append(f"added or changed since {self.since.isoformat()}")
        if self.statuses:
            scope.append("status " + " or ".join(status.value for status in self.statuses))
        return scope


def build_status_report(
    connection: Connection, *, scope: ReportScope, limit: int | None = 50, same_claim_score: float = 1.0
) -> StatusReport:
    """The report on the claims in SCOPE, each list cut at LIMIT rows (None: every row).

    A claim counts as already checked elsewhere when its stored match with a published fact-check
    scores SAME_CLAIM_SCORE or more (the desk's "same claim" threshold)."""
    if scope.source_id is not None:
        require_source(connection, scope.source_id)
    where = scope.conditions()
    tally = _tally(connection, scope, where)
    source_total, source_rows = _sources(connection, scope, where, limit)
    return StatusReport(
        generated_at=datetime.now(UTC),
        counts={status.value: 0 for status in Status} | tally.by_status,
        by_kind={kind.value: 0 for kind in ClaimKind} | tally.by_kind,
        by_assignee=tally.by_assignee,
        sources=source_rows,
        sources_total=source_total,
        open_claims=_open_claims(connection, where, limit),
        open_total=sum(tally.by_status.get(status, 0) for status in OPEN_VALUES),
        verdicts=_verdicts(connection, where, published=True, limit=limit, total=tally.published)
        + _verdicts(connection, where, published=False, limit=limit, total=tally.drafts),
        published_total=tally.published,
        draft_total=tally.drafts,
        activity=_recent_activity(connection, scope, where, RECENT_EVENTS if limit is not None else None),
        scope=scope.describe(),
        limit=limit,
        checked_elsewhere=_checked_elsewhere(connection, where, same_claim_score),
    )


def _checked_elsewhere(connection: Connection, where: list[ColumnElement[bool]], score: float) -> int:
    """Claims in scope with a stored match, at the same-claim score, with a published fact-check."""
    query = select(func.count(func.distinct(claim_matches.c.claim_id))).where(
        claim_matches.c.factcheck_id.is_not(None), claim_matches.c.score >= score
    )
    if where:  # every claim: no need to list them
        query = query.where(claim_matches.c.claim_id.in_(select(claims.c.id).where(*where)))
    return int(connection.execute(query).scalar_one())


@dataclass
class _Tally:
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_assignee: dict[str, dict[str, int]] = field(default_factory=dict)  # {editor or "": {"open", "resolved"}}
    published: int = 0
    drafts: int = 0


def _tally(connection: Connection, scope: ReportScope, where: list[ColumnElement[bool]]) -> _Tally:
    """Every count the report gives: by status, by kind, by assignee (open and resolved; "" is
    nobody), and the verdicts published and drafts. For the whole desk, or some statuses, from the
    counts the database keeps (migration 0011: a few dozen rows, whatever the archive's size);
    for a source or a day, from one pass over the claims in scope."""
    query: Select[Any]
    if scope.source_id is None and scope.since is None:
        kept = [claim_tallies.c.claims != 0]
        if scope.statuses:
            kept.append(claim_tallies.c.status.in_([status.value for status in scope.statuses]))
        query = select(
            claim_tallies.c.status,
            claim_tallies.c.kind,
            claim_tallies.c.assignee,
            claim_tallies.c.signed,
            claim_tallies.c.claims,
        ).where(*kept)
    else:
        signed = case((claims.c.signed_off_at.is_(None), 0), else_=1)
        query = cast(
            Select[Any],
            select(claims.c.status, claims.c.kind, claims.c.assignee, signed, func.count())
            .where(*where)
            .group_by(claims.c.status, claims.c.kind, claims.c.assignee, signed),
        )
    tally = _Tally()
    assignees: dict[str, dict[str, int]] = defaultdict(lambda: {"open": 0, "resolved": 0})
    rows = cast(Iterable[tuple[str, str, str | None, int, int]], connection.execute(query))
    for status, kind, assignee, is_signed, count in rows:
        tally.by_status[status] = tally.by_status.get(status, 0) + count
        tally.by_kind[kind] = tally.by_kind.get(kind, 0) + count
        assignees[assignee or ""]["open" if status in OPEN_VALUES else "resolved"] += count
        if status in VERDICT_VALUES:
            if is_signed:
                tally.published += count
            else:
                tally.drafts += count
    tally.by_assignee = dict(sorted(assignees.items(), key=lambda item: (item[0] == "", item[0].lower())))
    return tally


def _sources(
    connection: Connection, scope: ReportScope, where: list[ColumnElement[bool]], limit: int | None
) -> tuple[int, list[SourceSummary]]:
    """How many sources the report covers, and the newest of them with their claims by status.
    A filtered report covers the sources with claims in scope; the whole desk's, every source."""
    if scope.filtered:
        covered: Select[Any] = (
            select(claims.c.source_id.label("id")).where(*where, claims.c.source_id.isnot(None)).distinct()
        )
    else:
        covered = select(sources.c.id)
        if scope.source_id is not None:
            covered = covered.where(sources.c.id == scope.source_id)
    found = covered.subquery()
    total = int(connection.execute(select(func.count()).select_from(found)).scalar_one())
    page = select(sources).where(sources.c.id.in_(select(found.c.id))).order_by(sources.c.id.desc())
    rows = connection.execute(page.limit(limit) if limit is not None else page).all()
    per_source: dict[int, dict[str, int]] = {row.id: {status.value: 0 for status in Status} for row in rows}
    if rows:
        counts = (
            select(claims.c.source_id, claims.c.status, func.count())
            .where(*where, claims.c.source_id.in_(list(per_source)))
            .group_by(claims.c.source_id, claims.c.status)
        )
        for source_id, status, count in connection.execute(counts):
            per_source[source_id][status] = count
    return total, [
        SourceSummary(id=row.id, title=row.title, outlet=row.outlet, published=row.published, counts=per_source[row.id])
        for row in rows
    ]


def _open_claims(connection: Connection, where: list[ColumnElement[bool]], limit: int | None) -> list[OpenClaim]:
    """The open claims, oldest first (the first added: ids grow with time, and the primary key
    finds them without sorting the archive)."""
    query = (
        select(claims.c.id, claims.c.text, claims.c.status, claims.c.source_id, claims.c.created_at)
        .where(*where, claims.c.status.in_(OPEN_VALUES))
        .order_by(claims.c.id)
    )
    now = datetime.now(UTC)
    return [
        OpenClaim(
            id=row.id,
            text=row.text,
            status=row.status,
            source_id=row.source_id,
            created_at=as_utc(row.created_at),
            age_days=(now - as_utc(row.created_at)).days,
        )
        for row in connection.execute(query.limit(limit) if limit is not None else query)
    ]


# Up to this many verdicts are found from the claims; more, from the newest events back.
FEW_VERDICTS = 5_000


def _verdicts(
    connection: Connection, where: list[ColumnElement[bool]], *, published: bool, limit: int | None, total: int
) -> list[Verdict]:
    """The latest verdicts, published or drafts (TOTAL of them in scope): each decided claim with
    the event that gave it its status (who, when, why). A few are found from the claims; many,
    from the newest events back, so that a page of them does not visit every decided claim of
    the archive (and a handful does not make the search go through its whole history)."""
    if total == 0:
        return []
    status: ColumnElement[Any] = claims.c.status
    if limit is not None and total > FEW_VERDICTS:
        # `status || ''` keeps SQLite from starting at the claims' status index.
        status = status + ""
    later = claim_events.alias("later")
    given = claim_events.alias("given")
    query = (
        select(claims, given.c.editor.label("given_by"), given.c.note, given.c.created_at.label("given_at"))
        .select_from(given.join(claims, claims.c.id == given.c.claim_id))
        .where(
            *where,
            given.c.kind.in_(STATUS_EVENTS),
            status.in_(VERDICT_VALUES),
            claims.c.signed_off_at.isnot(None) if published else claims.c.signed_off_at.is_(None),
            ~exists().where(
                and_(later.c.claim_id == given.c.claim_id, later.c.kind.in_(STATUS_EVENTS), later.c.id > given.c.id)
            ),
        )
        .order_by(given.c.id.desc())
    )
    rows = connection.execute(query.limit(limit) if limit is not None else query).all()
    links: dict[int, list[str]] = defaultdict(list)
    if rows:
        found = select(evidence.c.claim_id, evidence.c.url).where(evidence.c.claim_id.in_([row.id for row in rows]))
        for claim_id, url in connection.execute(found.order_by(evidence.c.id)):
            links[claim_id].append(url)
    return [
        Verdict(
            claim_id=row.id,
            text=row.text,
            status=row.status,
            editor=row.given_by,
            note=row.note,
            given_at=as_utc(row.given_at),
            evidence_urls=links[row.id],
            published=published,
            signed_off_by=row.signed_off_by if published else None,
        )
        for row in rows
    ]


def _recent_activity(
    connection: Connection, scope: ReportScope, where: list[ColumnElement[bool]], limit: int | None
) -> list[Activity]:
    """The newest entries of the history of the claims in scope, newest first."""
    query = select(claim_events, claims.c.text.label("claim_text")).join(claims, claims.c.id == claim_events.c.claim_id)
    query = query.where(*where)
    if scope.start is not None:
        query = query.where(claim_events.c.created_at >= scope.start)
    query = query.order_by(claim_events.c.id.desc())
    return [
        Activity(
            at=as_utc(row.created_at),
            claim_id=row.claim_id,
            claim_text=row.claim_text,
            kind=row.kind,
            from_status=row.from_status,
            to_status=row.to_status,
            editor=row.editor,
            note=row.note,
        )
        for row in connection.execute(query.limit(limit) if limit is not None else query)
    ]
