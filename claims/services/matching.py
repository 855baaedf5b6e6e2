"""The fact-check archive and matching claims against it: import, list, match, store the matches.

Matching costs one full-text query per kind of candidate (fact-checks, the desk's own claims) and a
rerank of what it returns (``claims.matching.rerank``); the vectors are read from the database,
where they were stored when the fact-check or the claim came in. Only the query is embedded.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session, defer

from claims.errors import NotFound
from claims.models import OPEN_STATUSES, Claim, ClaimMatch, ClaimVector, Factcheck, Source, Status, utcnow
from claims.services.common import status_events

if TYPE_CHECKING:
    from claims.factchecks import PublishedCheck
    from claims.matching.rerank import Candidate, Thresholds

# How many candidates of each kind the full-text stage hands to the reranker (tuned on train: recall
# of the right fact-check among the first 50 is 0.97, and more adds time, not accuracy).
CANDIDATES = 50
# PostgreSQL's ranking: the description (C) and headline (B) weigh more than ts_rank's default says,
# and a long text is divided by the log of its length (normalisation 1). Chosen on the first 300
# training tweets: MAP@5 of the full-text stage 0.767 with the defaults, 0.784 with these.
_PG_RANK = "ts_rank('{{0.5, 0.5, 0.7, 1}}', {vector}, q, 1)"
# The desk's claims are found through the archive's own search index (migration 0008): their
# wording weighs most, the sentence around it less.
_PG_CLAIM_VECTOR = "c.search_vector"
# Matches kept per claim: what `claims show` lists, and enough for the thresholds to choose from.
STORED_MATCHES = 5
# Fact-checks read, embedded and written at a time: memory stays bounded for any archive.
IMPORT_BATCH = 500
# Claims matched at a time by `claims match --pending` and after a fact-check import.
MATCH_BATCH = 100


# --- the archive ------------------------------------------------------------------------------


class CheckOutcome(str, enum.Enum):
    ADDED = "added"
    REWORDED = "reworded"  # a new claimReviewed at an address already known: a new item
    UPDATED = "updated"  # the same item with other fields changed
    UNCHANGED = "unchanged"


@dataclass
class CheckImport:
    counts: dict[CheckOutcome, int] = field(default_factory=lambda: dict.fromkeys(CheckOutcome, 0))
    # (url, what changed) for updated items, and the url of reworded ones, for the editor to read.
    updated: list[tuple[str, list[str]]] = field(default_factory=list)
    reworded: list[str] = field(default_factory=list)
    matched_claims: int = 0


def import_factchecks(
    session: Session,
    checks: Iterable[tuple[int, PublishedCheck]],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> CheckImport:
    """Store published fact-checks, each with its embedding; a repeat changes nothing.

    The same url and claimReviewed is the same item: its other fields are brought up to date. A
    claim reworded at a known url is a new item (the page may review several claims). The caller's
    transaction makes it all or nothing."""
    result = CheckImport()
    done = 0
    for batch in _batches(checks, IMPORT_BATCH):
        _import_batch(session, [check for _, check in batch], result)
        done += len(batch)
        if on_progress is not None:
            on_progress(done)
    if result.counts[CheckOutcome.ADDED] + result.counts[CheckOutcome.REWORDED] + result.counts[CheckOutcome.UPDATED]:
        result.matched_claims = match_claims(session, _open_claim_ids(session))
    return result


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _import_batch(session: Session, checks: list[PublishedCheck], result: CheckImport) -> None:
    from claims.factchecks import FIELDS
    from claims.matching.vectors import embed, to_bytes

    urls = {check.url for check in checks}
    known: dict[tuple[str, str], Factcheck] = {}
    urls_known: set[str] = set()
    # The vectors stay in the database: comparing fields does not need them.
    for found in session.scalars(select(Factcheck).options(defer(Factcheck.embedding)).where(Factcheck.url.in_(urls))):
        known[(found.url, found.claim_reviewed)] = found
        urls_known.add(found.url)
    new: dict[tuple[str, str], PublishedCheck] = {}
    changed: list[tuple[Factcheck, PublishedCheck]] = []
    for check in checks:
        key = (check.url, check.claim_reviewed)
        if key in new:  # the same item twice in one file: the later one counts
            new[key] = check
            continue
        existing = known.get(key)
        if existing is None:
            new[key] = check
            outcome = CheckOutcome.REWORDED if check.url in urls_known else CheckOutcome.ADDED
            if outcome is CheckOutcome.REWORDED:
                result.reworded.append(check.url)
            result.counts[outcome] += 1
            continue
        differences = [name for name in FIELDS if getattr(existing, name) != getattr(check, name)]
        if differences:
            changed.append((existing, check))
            result.updated.append((check.url, differences))
            result.counts[CheckOutcome.UPDATED] += 1
        else:
            result.counts[CheckOutcome.UNCHANGED] += 1
    vectors = embed([check.matching_text() for check in new.values()] + [c.matching_text() for _, c in changed])
    now = utcnow()
    if new:
        session.execute(
            insert(Factcheck),
            [
                check.values() | {"embedding": to_bytes(vector), "created_at": now, "updated_at": now}
                for check, vector in zip(new.values(), vectors, strict=False)
            ],
        )
    for (existing, check), vector in zip(changed, vectors[len(new) :], strict=True):
        session.execute(
            update(Factcheck)
            .where(Factcheck.id == existing.id)
            .values(**check.values(), embedding=to_bytes(vector), updated_at=now)
        )
    session.flush()


def list_factchecks(session: Session, *, limit: int | None, offset: int = 0) -> tuple[Sequence[Factcheck], int]:
    """A page of the archive, newest first, and how many there are in all."""
    total = session.scalar(select(func.count()).select_from(Factcheck)) or 0
    query = select(Factcheck).order_by(Factcheck.date_published.desc().nulls_last(), Factcheck.id.desc())
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return session.scalars(query).all(), total


def get_factcheck(session: Session, factcheck_id: int) -> Factcheck:
    found = session.get(Factcheck, factcheck_id)
    if found is None:
        raise NotFound(f"no fact-check with id {factcheck_id}")
    return found


# --- matching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """Something already known that may be the same claim, in the shape `claims match` prints."""

    type: str  # "factcheck" or "claim"
    id: int
    url: str | None
    text: str
    status: str | None
    published: bool
    verdict: str | None
    reviewed_by: str | None
    date: date | None
    score: float

    def record(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "id": self.id,
            "url": self.url,
            "text": self.text,
            "status": self.status,
            "published": self.published,
            "verdict": self.verdict,
            "reviewed_by": self.reviewed_by,
            "date": self.date.isoformat() if self.date else None,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class _Found:
    """A candidate as the reranker sees it, and what to tell the editor about it."""

    type: str
    id: int
    candidate: Candidate


def match_text(
    session: Session,
    query: str,
    *,
    limit: int = 5,
    query_date: date | None = None,
    claim: Claim | None = None,
) -> list[Match]:
    """The best LIMIT matches for QUERY among the fact-checks and the desk's own claims, best first.

    For a claim of the desk's, its own source's claims are left out: they are its neighbours, not
    earlier sightings. The query's date (its source's, else a date it spells out) counts: a
    fact-check follows the claim it reviews."""
    return _describe(session, _ranked(session, query, limit=limit, query_date=query_date, claim=claim))


def _ranked(
    session: Session,
    query: str,
    *,
    limit: int,
    query_date: date | None,
    vector: Any = None,
    claim: Claim | None = None,
) -> list[tuple[float, str, int]]:
    """(score, type, id) of the best LIMIT candidates, best first."""
    from claims.matching.rerank import Query, features, shipped_reranker
    from claims.matching.text import mentioned_date, query_words
    from claims.matching.vectors import embed

    words = query_words(query)
    if not words:
        return []
    if vector is None:
        vector = embed([query])[0]
    if query_date is None:
        query_date = mentioned_date(query)
    reranker = shipped_reranker(session.get_bind().dialect.name)
    the_query = Query(text=query, vector=vector, date=query_date)
    scored: list[tuple[float, _Found]] = []
    for found in (_factcheck_candidates(session, words), _claim_candidates(session, words, claim)):
        if found:
            scores = reranker.scores(features(the_query, [item.candidate for item in found]))
            scored.extend(zip(scores, found, strict=True))
    scored.sort(key=lambda pair: -pair[0])
    return [(score, found.type, found.id) for score, found in scored[:limit]]


def factcheck_features(
    session: Session, query: str, *, leave_out: Collection[int] = ()
) -> tuple[tuple[list[int], list[list[float]]], tuple[list[int], list[list[float]]]]:
    """The fact-checks the full-text stage finds for QUERY and their reranker features: what
    benchmarks/train_matching.py learns from, computed exactly as matching computes them. Twice:
    as found, and with LEAVE_OUT removed, as if the archive did not hold those."""
    from claims.matching.rerank import Query, features
    from claims.matching.text import mentioned_date, query_words
    from claims.matching.vectors import embed

    words = query_words(query)
    found = _factcheck_candidates(session, words) if words else []
    kept = [item for item in found if item.id not in leave_out]
    the_query = Query(text=query, vector=embed([query])[0], date=mentioned_date(query))
    return (
        ([item.id for item in found], features(the_query, [item.candidate for item in found])),
        ([item.id for item in kept], features(the_query, [item.candidate for item in kept])),
    )


def _fts_query(session: Session, words: Sequence[str]) -> str:
    if session.get_bind().dialect.name == "postgresql":
        return " or ".join(words)  # for websearch_to_tsquery, which accepts anything
    return " OR ".join(f'"{word}"' for word in words)  # words hold letters, digits and apostrophes only


def _factcheck_candidates(session: Session, words: Sequence[str]) -> list[_Found]:
    from claims.matching.rerank import Candidate
    from claims.matching.vectors import from_bytes

    if session.get_bind().dialect.name == "postgresql":
        statement = text(
            f"SELECT f.id, {_PG_RANK.format(vector='f.search_vector')} AS relevance, f.embedding, f.claim_reviewed, f.headline, "
            "f.description, f.date_published FROM factchecks f, websearch_to_tsquery('english', :query) q "
            "WHERE f.search_vector @@ q ORDER BY relevance DESC, f.id LIMIT :limit"
        )
    else:
        statement = text(
            "SELECT f.id, hit.relevance, f.embedding, f.claim_reviewed, f.headline, f.description, f.date_published "
            "FROM (SELECT rowid AS id, -bm25(factchecks_search) AS relevance FROM factchecks_search "
            "WHERE factchecks_search MATCH :query ORDER BY bm25(factchecks_search), rowid LIMIT :limit) hit "
            "JOIN factchecks f ON f.id = hit.id ORDER BY hit.relevance DESC, f.id"
        )
    rows = session.execute(statement, {"query": _fts_query(session, words), "limit": CANDIDATES}).all()
    return [
        _Found(
            type="factcheck",
            id=row.id,
            candidate=Candidate(
                relevance=float(row.relevance),
                vector=from_bytes(row.embedding),
                claim=row.claim_reviewed,
                context=" ".join(part for part in (row.headline, row.description) if part),
                date=_as_date(row.date_published),
            ),
        )
        for row in rows
    ]


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _claim_candidates(session: Session, words: Sequence[str], claim: Claim | None) -> list[_Found]:
    """The desk's own claims the full-text index finds, less CLAIM and its source's other claims."""
    from claims.matching.rerank import Candidate
    from claims.matching.vectors import embed, from_bytes

    exclude = ""
    parameters: dict[str, Any] = {"query": _fts_query(session, words), "limit": CANDIDATES}
    if claim is not None:
        exclude = " AND c.id <> :claim_id" + (" AND c.source_id <> :source_id" if claim.source_id else "")
        parameters |= {"claim_id": claim.id, "source_id": claim.source_id}
    if session.get_bind().dialect.name == "postgresql":
        statement = text(
            f"SELECT c.id, {_PG_RANK.format(vector=_PG_CLAIM_VECTOR)} AS relevance FROM claims c, "
            f"websearch_to_tsquery('english', :query) q WHERE {_PG_CLAIM_VECTOR} @@ q"
            f"{exclude} ORDER BY relevance DESC, c.id LIMIT :limit"
        )
    else:
        statement = text(
            "SELECT c.id, -bm25(claims_search, 1.0, 0.0) AS relevance FROM claims_search "
            "JOIN claims c ON c.id = claims_search.rowid WHERE claims_search MATCH :query"
            f"{exclude} ORDER BY bm25(claims_search, 1.0, 0.0), c.id LIMIT :limit"
        )
    hits = session.execute(statement, parameters).all()
    if not hits:
        return []
    ids = [hit.id for hit in hits]
    rows = {
        row.id: row
        for row in session.execute(
            select(Claim.id, Claim.text, Source.published, ClaimVector.text.label("vector_text"), ClaimVector.embedding)
            .outerjoin(Source, Source.id == Claim.source_id)
            .outerjoin(ClaimVector, ClaimVector.claim_id == Claim.id)
            .where(Claim.id.in_(ids))
        )
    }
    # A claim not matched yet (a bulk import waits for `claims match --pending`) is embedded here.
    missing = [claim_id for claim_id in ids if rows[claim_id].vector_text != rows[claim_id].text]
    fresh = dict(zip(missing, embed([rows[claim_id].text for claim_id in missing]), strict=True))
    return [
        _Found(
            type="claim",
            id=hit.id,
            candidate=Candidate(
                relevance=float(hit.relevance),
                vector=fresh[hit.id] if hit.id in fresh else from_bytes(rows[hit.id].embedding),
                claim=rows[hit.id].text,
                date=_as_date(rows[hit.id].published),
            ),
        )
        for hit in hits
    ]


def _describe(session: Session, scored: Sequence[tuple[float, str, int]]) -> list[Match]:
    """(score, type, id) as matches, with what the editor needs to know about each."""
    factcheck_ids = [found for _, kind, found in scored if kind == "factcheck"]
    claim_ids = [found for _, kind, found in scored if kind == "claim"]
    factchecks = {f.id: f for f in session.scalars(select(Factcheck).where(Factcheck.id.in_(factcheck_ids)))}
    claims = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(claim_ids)))} if claim_ids else {}
    events = status_events(session, claim_ids) if claim_ids else {}
    matches = []
    for score, kind, found in scored:
        if kind == "factcheck":
            check = factchecks[found]
            matches.append(
                Match(
                    type="factcheck",
                    id=check.id,
                    url=check.url,
                    text=check.claim_reviewed,
                    status=None,
                    published=True,
                    verdict=check.rating,
                    reviewed_by=check.reviewed_by,
                    date=check.date_published,
                    score=score,
                )
            )
        else:
            claim = claims[found]
            verdict = Status(claim.status).is_verdict
            event = events.get(claim.id)
            matches.append(
                Match(
                    type="claim",
                    id=claim.id,
                    url=claim.source.url if claim.source else None,
                    text=claim.text,
                    status=claim.status,
                    published=claim.is_published,
                    verdict=claim.status if verdict else None,
                    reviewed_by=event.editor if verdict and event else None,
                    date=event.created_at.date() if verdict and event else None,
                    score=score,
                )
            )
    return matches


def match_claims(
    session: Session,
    claim_ids: Iterable[int],
    *,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Match these claims against the archive and store their best matches and vectors, replacing
    what was stored before. Returns how many were matched."""
    from claims.matching.vectors import embed, to_bytes

    done = 0
    for batch in _batches(claim_ids, MATCH_BATCH):
        claims = session.scalars(select(Claim).where(Claim.id.in_(batch)).order_by(Claim.id)).all()
        vectors = embed([claim.text for claim in claims])
        session.execute(delete(ClaimVector).where(ClaimVector.claim_id.in_(batch)))
        session.execute(delete(ClaimMatch).where(ClaimMatch.claim_id.in_(batch)))
        session.execute(
            insert(ClaimVector),
            [
                {"claim_id": claim.id, "text": claim.text, "embedding": to_bytes(vector)}
                for claim, vector in zip(claims, vectors, strict=True)
            ],
        )
        now = utcnow()
        rows = []
        for claim, vector in zip(claims, vectors, strict=True):
            published = claim.source.published if claim.source else None
            for score, kind, found in _ranked(
                session, claim.text, limit=STORED_MATCHES, query_date=published, vector=vector, claim=claim
            ):
                rows.append(
                    {
                        "claim_id": claim.id,
                        "factcheck_id": found if kind == "factcheck" else None,
                        "matched_claim_id": found if kind == "claim" else None,
                        "score": min(1.0, max(0.0, score)),
                        "matched_at": now,
                    }
                )
        if rows:
            session.execute(insert(ClaimMatch), rows)
        done += len(claims)
        if on_progress is not None:
            on_progress(done)
    session.flush()
    return done


def _open_claim_ids(session: Session) -> Iterator[int]:
    """The claims still waiting for a verdict, by id, a page at a time."""
    last = 0
    while True:
        page = session.scalars(
            select(Claim.id)
            .where(Claim.status.in_([status.value for status in OPEN_STATUSES]), Claim.id > last)
            .order_by(Claim.id)
            .limit(MATCH_BATCH)
        ).all()
        if not page:
            return
        yield from page
        last = page[-1]


def pending_query() -> Any:
    """Claims never matched, or reworded since they were."""
    return (
        select(Claim.id)
        .outerjoin(ClaimVector, ClaimVector.claim_id == Claim.id)
        .where(or_(ClaimVector.claim_id.is_(None), ClaimVector.text != Claim.text))
    )


def count_pending(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(pending_query().subquery())) or 0


def pending_claim_ids(session: Session) -> Iterator[int]:
    """The pending claims' ids, a page at a time (matching one takes it off the list)."""
    last = 0
    while True:
        page = session.scalars(pending_query().where(Claim.id > last).order_by(Claim.id).limit(MATCH_BATCH)).all()
        if not page:
            return
        yield from page
        last = page[-1]


def source_claims(session: Session, source_id: int) -> Sequence[Claim]:
    if session.get(Source, source_id) is None:
        raise NotFound(f"no source with id {source_id}")
    return session.scalars(select(Claim).where(Claim.source_id == source_id).order_by(Claim.id)).all()


# --- reading stored matches -------------------------------------------------------------------


def best_scores(session: Session, claim_ids: Collection[int]) -> dict[int, float]:
    """Each claim's best stored match score (claims with none are left out)."""
    if not claim_ids:
        return {}
    query = (
        select(ClaimMatch.claim_id, func.max(ClaimMatch.score))
        .where(ClaimMatch.claim_id.in_(claim_ids))
        .group_by(ClaimMatch.claim_id)
    )
    return {claim_id: score for claim_id, score in session.execute(query).all()}


def stored_matches(session: Session, claim_id: int, thresholds: Thresholds) -> list[Match]:
    """The claim's stored matches at or above the suggested threshold, best first."""
    rows = session.scalars(
        select(ClaimMatch)
        .where(ClaimMatch.claim_id == claim_id, ClaimMatch.score >= thresholds.suggested)
        .order_by(ClaimMatch.score.desc(), ClaimMatch.id)
    )
    return _describe(session, [_stored(row) for row in rows])


def _stored(row: ClaimMatch) -> tuple[float, str, int]:
    """A stored match as (score, type, id), what ``_describe`` reads."""
    if row.factcheck_id is not None:
        return (row.score, "factcheck", row.factcheck_id)
    return (row.score, "claim", row.matched_claim_id or 0)


def seen_before(session: Session, claim_ids: Collection[int], thresholds: Thresholds) -> dict[int, Match]:
    """Each claim's best stored match at or above the suggested threshold (claims with none left out)."""
    best = {
        claim_id: score for claim_id, score in best_scores(session, claim_ids).items() if score >= thresholds.suggested
    }
    if not best:
        return {}
    rows = session.scalars(
        select(ClaimMatch)
        .where(ClaimMatch.claim_id.in_(best), ClaimMatch.score >= thresholds.suggested)
        .order_by(ClaimMatch.claim_id, ClaimMatch.score.desc(), ClaimMatch.id)
    )
    firsts: dict[int, ClaimMatch] = {}
    for row in rows:
        firsts.setdefault(row.claim_id, row)
    described = _describe(session, [_stored(row) for row in firsts.values()])
    return dict(zip(firsts, described, strict=True))
