"""The everyday reads: claims (filtered, sorted, one page or all of them), one claim in full, a
claim's history, an editor's queue, the sources and the entities.

Through the Core on a plain connection (``AppContext.reading``), so that these commands never
load the ORM: an editor runs them all day and each should start at once. Each list has a count
(SQL COUNT) and its records for a window of rows; with no limit the records stream, a batch at a
time, so that a million claims go through in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, false, func, or_, select

from claims.batches import batched
from claims.errors import NotFound
from claims.pages import EVERY_ROW, Sort, Window
from claims.records import Record, claim_record, event_record, evidence_record, source_record
from claims.search import matches
from claims.tables import (
    claim_entities,
    claim_events,
    claim_matches,
    claims,
    editors,
    entities,
    entity_tallies,
    evidence,
    sources,
)

if TYPE_CHECKING:
    from claims.matching.thresholds import Thresholds

from claims.vocabulary import OPEN_STATUSES, ClaimKind, EntityLabel, Status

BATCH = 1_000  # rows fetched, and entities looked up, at a time when streaming


@dataclass(frozen=True)
class ClaimFilter:
    """What an editor narrows the claims to; every filter given must hold."""

    statuses: Sequence[Status] = ()
    kinds: Sequence[ClaimKind] = ()
    source_id: int | None = None
    entity: str | None = None
    search: str | None = None
    assignee: str | None = None
    claimant: str | None = None
    since: date | None = None  # added or changed on or after this day (UTC)
    until: date | None = None  # added on or before this day (UTC): some of its history is that old
    # Only claims with a stored match scoring at least this ("seen before"); None: every claim.
    seen_before_score: float | None = None


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _filtered(connection: Connection, query: Select[Any], wanted: ClaimFilter) -> Select[Any]:
    if wanted.source_id is not None:
        require_source(connection, wanted.source_id)
        query = query.where(claims.c.source_id == wanted.source_id)
    if wanted.statuses:
        query = query.where(claims.c.status.in_([status.value for status in wanted.statuses]))
    else:  # a merged claim lives on in the claim it was merged into
        query = query.where(claims.c.status != Status.MERGED.value)
    if wanted.seen_before_score is not None:
        matched = select(claim_matches.c.claim_id).where(claim_matches.c.score >= wanted.seen_before_score)
        query = query.where(claims.c.id.in_(matched))
    if wanted.kinds:
        query = query.where(claims.c.kind.in_([kind.value for kind in wanted.kinds]))
    if wanted.assignee is not None:
        query = query.where(claims.c.assignee == wanted.assignee.strip())
    if wanted.claimant is not None:
        query = query.where(func.lower(claims.c.claimant) == wanted.claimant.strip().lower())
    if wanted.entity is not None:
        named = select(entities.c.id).where(
            # The whole name, or its last word: "Carrey" finds what the article called Jim Carrey.
            or_(
                func.lower(entities.c.name) == wanted.entity.strip().lower(),
                func.lower(entities.c.name).endswith(" " + wanted.entity.strip().lower(), autoescape=True),
            )
        )
        # The entities first, then the claims they name from the links' (entity, claim) index:
        # never a pass over every link.
        naming = select(claim_entities.c.claim_id).where(claim_entities.c.entity_id.in_(named))
        query = query.where(claims.c.id.in_(naming))
    if wanted.since is not None:
        query = query.where(claims.c.updated_at >= _day_start(wanted.since))  # every change touches it
    if wanted.until is not None:
        query = query.where(claims.c.created_at < _day_start(wanted.until + timedelta(days=1)))
    return query


def _searched(connection: Connection, query: Select[Any], wanted: ClaimFilter) -> tuple[Select[Any], Any]:
    """The query joined to the claims the search finds, and their relevance (None without a search)."""
    if wanted.search is None:
        return query, None
    found = matches(connection, wanted.search)
    if found is None:  # nothing to look for: no claim matches
        return query.where(false()), None
    return query.join(found, found.c.claim_id == claims.c.id), found.c.relevance


def require_source(connection: Connection, source_id: int) -> None:
    if connection.execute(select(sources.c.id).where(sources.c.id == source_id)).first() is None:
        raise NotFound(f"no source with id {source_id}")


def _require_claim(connection: Connection, claim_id: int) -> Any:
    row = connection.execute(select(claims).where(claims.c.id == claim_id)).first()
    if row is None:
        raise NotFound(f"no claim with id {claim_id}")
    return row


def count_claims(connection: Connection, wanted: ClaimFilter) -> int:
    query, _ = _searched(connection, _filtered(connection, select(func.count()).select_from(claims), wanted), wanted)
    return int(connection.execute(query).scalar_one())


def claim_records(
    connection: Connection, wanted: ClaimFilter, *, sort: Sort | None = None, window: Window = EVERY_ROW
) -> Iterator[Record]:
    """The claims as records (see claims.records), in SORT order: newest first, or by relevance
    for a search."""
    query, relevance = _searched(connection, _filtered(connection, select(claims), wanted), wanted)
    sort = sort or (Sort.relevance if relevance is not None else Sort.newest)
    if sort is Sort.relevance and relevance is not None:
        query = query.order_by(relevance.desc(), claims.c.id.desc())
    elif sort is Sort.oldest:
        query = query.order_by(claims.c.id)
    elif sort is Sort.score:
        query = query.order_by(claims.c.score.desc().nulls_last(), claims.c.id.desc())
    else:  # ids grow with time: the newest claims are the highest ids, found in the primary key
        query = query.order_by(claims.c.id.desc())
    return _claims_with_entities(connection, _rows(connection, _windowed(query, window), window))


def _windowed(query: Select[Any], window: Window) -> Select[Any]:
    if window.limit is not None:
        query = query.limit(window.limit)
    return query.offset(window.offset) if window.offset else query


def _rows(connection: Connection, query: Select[Any], window: Window) -> Iterator[Any]:
    """The query's rows; with no limit, from a server-side cursor a batch at a time."""
    if window.limit is not None and window.limit <= BATCH:
        yield from connection.execute(query)
        return
    yield from connection.execution_options(stream_results=True, yield_per=BATCH).execute(query)


def _claims_with_entities(connection: Connection, rows: Iterable[Any], **extra: Any) -> Iterator[Record]:
    """Claim records with the entities they name, looked up once per batch of claims."""
    for batch in batched(rows, BATCH):
        named = _entities_of(connection, [row.id for row in batch])
        for row in batch:
            yield claim_record(row, named.get(row.id, []))


def _entities_of(connection: Connection, claim_ids: list[int]) -> dict[int, list[Record]]:
    query = (
        select(claim_entities.c.claim_id, entities.c.name, entities.c.label)
        .join(entities, entities.c.id == claim_entities.c.entity_id)
        .where(claim_entities.c.claim_id.in_(claim_ids))
        .order_by(claim_entities.c.claim_id, claim_entities.c.entity_id)
    )
    named: dict[int, list[Record]] = {}
    for claim_id, name, label in connection.execute(query):
        named.setdefault(claim_id, []).append({"name": name, "label": label})
    return named


def claim_detail(connection: Connection, claim_id: int) -> Record:
    """One claim with its source, evidence and whole history, oldest first."""
    row = _require_claim(connection, claim_id)
    source = None
    if row.source_id is not None:
        source = connection.execute(select(sources).where(sources.c.id == row.source_id)).first()
    found_evidence = connection.execute(select(evidence).where(evidence.c.claim_id == claim_id).order_by(evidence.c.id))
    events = connection.execute(
        select(claim_events).where(claim_events.c.claim_id == claim_id).order_by(claim_events.c.id)
    )
    return claim_record(row, _entities_of(connection, [claim_id]).get(claim_id, [])) | {
        "source": source_record(source) if source is not None else None,
        "evidence": [evidence_record(item) for item in found_evidence],
        "history": [event_record(event) for event in events],
    }


def count_history(connection: Connection, claim_id: int) -> int:
    _require_claim(connection, claim_id)
    query = select(func.count()).select_from(claim_events).where(claim_events.c.claim_id == claim_id)
    return int(connection.execute(query).scalar_one())


def history_records(connection: Connection, claim_id: int, *, window: Window = EVERY_ROW) -> Iterator[Record]:
    """A claim's history, oldest first: it reads as the claim's story, as `claims show` tells it."""
    query = select(claim_events).where(claim_events.c.claim_id == claim_id).order_by(claim_events.c.id)
    return (event_record(event) for event in _rows(connection, _windowed(query, window), window))


# An editor's queue: their open claims, oldest first, then the unassigned unverified claims,
# most check-worthy first (the newest first among equal scores: the order of ix_claims_queue,
# which finds a page of them without sorting the archive).
def _queue_parts(editor: str) -> tuple[Select[Any], Select[Any]]:
    mine = (
        select(claims)
        .where(claims.c.assignee == editor, claims.c.status.in_([status.value for status in OPEN_STATUSES]))
        .order_by(claims.c.created_at, claims.c.id)
    )
    waiting = (
        select(claims)
        .where(claims.c.assignee.is_(None), claims.c.status == Status.UNVERIFIED.value)
        .order_by(claims.c.score.desc().nulls_last(), claims.c.id.desc())
    )
    return mine, waiting


def count_queue(connection: Connection, editor: str) -> tuple[int, int]:
    """How many claims are assigned to EDITOR and open, and how many wait for anyone."""
    _may_read_queue(connection, editor)
    mine, waiting = _queue_parts(editor)
    return tuple(  # type: ignore[return-value]
        int(connection.execute(select(func.count()).select_from(part.order_by(None).subquery())).scalar_one())
        for part in (mine, waiting)
    )


def queue_records(
    connection: Connection, editor: str, *, mine_count: int, window: Window = EVERY_ROW
) -> Iterator[Record]:
    """The window of EDITOR's queue; each record says why the claim is there (``queue``)."""
    mine, waiting = _queue_parts(editor)
    first, wanted = window.offset, window.limit
    if first < mine_count:
        taken = Window(wanted if wanted is None else min(wanted, mine_count - first), first)
        for record in _claims_with_entities(connection, _rows(connection, _windowed(mine, taken), taken)):
            yield record | {"queue": "assigned"}
        first, wanted = 0, None if wanted is None else wanted - (mine_count - window.offset)
    else:
        first -= mine_count
    if wanted is not None and wanted <= 0:
        return
    rest = Window(wanted, first)
    for record in _claims_with_entities(connection, _rows(connection, _windowed(waiting, rest), rest)):
        yield record | {"queue": "unassigned"}


def _may_read_queue(connection: Connection, editor: str) -> None:
    """On a desk with an editor list, only editors on it have a queue."""
    active = editors.c.removed_at.is_(None)
    if connection.execute(select(func.count()).select_from(editors).where(active)).scalar_one():
        role = connection.execute(select(editors.c.role).where(editors.c.name == editor, active)).scalar()
        # The role rules live in the rulebook; loaded only on a desk that keeps an editor list.
        from claims.domain.rules import Actor, require
        from claims.vocabulary import Role

        require(Actor(editor, Role(role) if role else None, registry=True), Role.REPORTER, doing="reading the queue")


def count_sources(connection: Connection) -> int:
    return int(connection.execute(select(func.count()).select_from(sources)).scalar_one())


def source_records(connection: Connection, *, window: Window = EVERY_ROW) -> Iterator[Record]:
    """Sources, newest first, each with how many claims it holds."""
    query = _windowed(select(sources).order_by(sources.c.id.desc()), window)
    for batch in batched(_rows(connection, query, window), BATCH):
        counts: dict[int, int] = dict(
            connection.execute(
                select(claims.c.source_id, func.count())
                .where(claims.c.source_id.in_([row.id for row in batch]))
                .group_by(claims.c.source_id)
            ).all()
        )
        for row in batch:
            yield source_record(row) | {"claims": counts.get(row.id, 0)}


def _named_entities(label: EntityLabel | None) -> Select[Any]:
    """The entities some claim names, from the counts the database keeps (migration 0011)."""
    query = select(entity_tallies.c.entity_id).where(entity_tallies.c.claims > 0)
    if label is not None:
        query = query.join(entities, entities.c.id == entity_tallies.c.entity_id).where(entities.c.label == label.value)
    return query


def count_entities(connection: Connection, *, label: EntityLabel | None = None) -> int:
    named = _named_entities(label).distinct().subquery()
    return int(connection.execute(select(func.count()).select_from(named)).scalar_one())


def entity_records(
    connection: Connection, *, label: EntityLabel | None = None, window: Window = EVERY_ROW
) -> Iterator[Record]:
    """The entities claims name, the most-named first, each with its claims by status (every
    status, zero included, in workflow order): from the counts the database keeps, a few rows per
    entity, not one per claim."""
    total = func.sum(entity_tallies.c.claims)
    counted = (
        select(entity_tallies.c.entity_id, total.label("claims"))
        .group_by(entity_tallies.c.entity_id)
        .having(total > 0)
        .subquery()
    )
    named = (
        select(entities.c.id, entities.c.name, entities.c.label, counted.c.claims)
        .join(counted, counted.c.entity_id == entities.c.id)
        .order_by(counted.c.claims.desc(), entities.c.label, func.lower(entities.c.name), entities.c.id)
    )
    if label is not None:
        named = named.where(entities.c.label == label.value)
    for batch in batched(_rows(connection, _windowed(named, window), window), BATCH):
        by_status: dict[int, dict[str, int]] = {row.id: dict.fromkeys((s.value for s in Status), 0) for row in batch}
        counts = connection.execute(
            select(entity_tallies.c.entity_id, entity_tallies.c.status, entity_tallies.c.claims).where(
                entity_tallies.c.entity_id.in_(list(by_status)), entity_tallies.c.claims != 0
            )
        )
        for entity_id, status, count in counts:
            by_status[entity_id][status] = int(count)
        for row in batch:
            yield {"name": row.name, "label": row.label, "claims": int(row.claims), "by_status": by_status[row.id]}


def with_seen_before(connection: Connection, records: Iterable[Record], thresholds: Thresholds) -> Iterator[Record]:
    """Each claim record marked with how its best stored match reads ("same claim", "suggested" or
    None), from the stored scores, a batch at a time: no model is loaded to list claims."""
    for batch in batched(records, BATCH):
        best = dict(
            connection.execute(
                select(claim_matches.c.claim_id, func.max(claim_matches.c.score))
                .where(claim_matches.c.claim_id.in_([record["id"] for record in batch]))
                .group_by(claim_matches.c.claim_id)
            ).all()
        )
        for record in batch:
            record["seen_before"] = thresholds.label(best.get(record["id"]))
            yield record
