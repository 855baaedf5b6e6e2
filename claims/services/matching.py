"""The fact-check archive and matching claims against it: import, list, match, store the matches.

Matching a batch of claims costs, for each kind of candidate (fact-checks, the desk's own claims),
one full-text statement for the whole batch on PostgreSQL and one run of a prepared statement a
claim on SQLite; then one read of the candidates' texts and vectors, and a rerank of each claim's
candidates (``claims.matching.rerank``). The vectors are read from the database, where they were
stored when the fact-check or the claim came in. Only the queries are embedded.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from sqlalchemy import Table, TextClause, delete, func, insert, or_, select, text, update
from sqlalchemy.orm import Session, defer

from claims import tables
from claims.batches import batched
from claims.errors import NotFound
from claims.models import OPEN_STATUSES, Claim, ClaimVector, Factcheck, Source, utcnow
from claims.services.common import ids_in_pages
from claims.services.matches import Match as Match
from claims.services.matches import count_seen_before, describe
from claims.services.matches import seen_before as seen_before
from claims.services.matches import stored_matches as stored_matches

if TYPE_CHECKING:
    from claims.factchecks import PublishedCheck
    from claims.matching.rerank import Candidate
    from claims.matching.thresholds import Thresholds
    from claims.matching.vectors import Vector

# How many candidates of each kind the full-text stage hands to the reranker. Recall of the right
# fact-check among the first 30, on the training tweets: 0.942 (0.956 among 50, 0.916 among 10).
# Every candidate is read and scored, so this is most of what matching adds to `claims source add`:
# 30 keeps it under a tenth of the command, for MAP@5 on train 0.894 instead of 0.903.
CANDIDATES = 30
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
# Claims matched at a time by `claims match --pending`, `claims source add` and after a fact-check
# import.
MATCH_BATCH = 100


# --- the archive ------------------------------------------------------------------------------


class CheckOutcome(str, enum.Enum):
    ADDED = "added"
    REWORDED = "reworded"  # a new claimReviewed at an address already known: a new item
    UPDATED = "updated"  # the same item with other fields changed
    UNCHANGED = "unchanged"


class CheckImport:
    """What an import did. (Plain classes and named tuples here, not dataclasses: building a
    dataclass costs a millisecond or two at import, and `claims source add` imports this module.)"""

    def __init__(self) -> None:
        self.counts: dict[CheckOutcome, int] = dict.fromkeys(CheckOutcome, 0)
        self.read = 0  # items read, an item repeated in the file counted each time
        # (url, what changed) for updated items, and the url of reworded ones, for the editor to read.
        self.updated: list[tuple[str, list[str]]] = []
        self.reworded: list[str] = []
        self.matched_claims = 0


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
    for batch in batched(checks, IMPORT_BATCH):
        _import_batch(session, [check for _, check in batch], result)
        result.read += len(batch)
        if on_progress is not None:
            on_progress(result.read)
    if result.counts[CheckOutcome.ADDED] + result.counts[CheckOutcome.REWORDED] + result.counts[CheckOutcome.UPDATED]:
        _tidy_search_index(session)
        result.matched_claims = match_claims(session, _open_claim_ids(session))
    return result


# PostgreSQL's index of the fact-checks' words (migration 0009).
_FACTCHECK_SEARCH_INDEX = "ix_factchecks_search_vector"


def _tidy_search_index(session: Session) -> None:
    """Leave the fact-checks' full-text index as quick to search as it can be after an import,
    for every `claims source add` that follows.

    PostgreSQL's GIN index takes new rows into an unsorted pending list, which every search reads
    whole until autovacuum merges it: right after importing the 14,231 Snopes fact-checks, the
    seed article's 12 searches took 0.28 s of wall time, 0.12 s once merged. The merge needs the
    index's owner (the login that migrated the database); any other login leaves it to autovacuum.
    SQLite's FTS5 index holds an import as many segments, each searched apart: merging them into
    one ('optimize', 0.07 s of CPU for those 14,231) made the same searches a quarter quicker."""
    if session.get_bind().dialect.name == "postgresql":
        owned = session.scalar(
            text(
                "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
                "WHERE c.oid = to_regclass(:index)"
            ),
            {"index": _FACTCHECK_SEARCH_INDEX},
        )
        if owned:
            session.execute(
                text("SELECT gin_clean_pending_list(CAST(:index AS regclass))"), {"index": _FACTCHECK_SEARCH_INDEX}
            )
    else:
        session.execute(text("INSERT INTO factchecks_search (factchecks_search) VALUES ('optimize')"))


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
            insert(cast(Table, Factcheck.__table__)),  # the Core: no ORM bookkeeping for 14,000 rows
            [
                check.values()
                | {"embedding": to_bytes(vector), "reading": _reading(check), "created_at": now, "updated_at": now}
                for check, vector in zip(new.values(), vectors, strict=False)
            ],
        )
    for (existing, check), vector in zip(changed, vectors[len(new) :], strict=True):
        session.execute(
            update(Factcheck)
            .where(Factcheck.id == existing.id)
            .values(**check.values(), embedding=to_bytes(vector), reading=_reading(check), updated_at=now)
        )
    session.flush()


def _reading(check: PublishedCheck) -> str:
    """What the matcher reads in a fact-check, stored with it: its claim, and its headline and description."""
    from claims.matching.text import stored_reading

    return stored_reading(check.claim_reviewed, _context(check.headline, check.description))


def _context(headline: str | None, description: str | None) -> str:
    """What a fact-check's page says about the claim, as the reranker reads it."""
    return " ".join(part for part in (headline, description) if part)


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


class _Found(NamedTuple):
    """A candidate as the reranker sees it, and what to tell the editor about it."""

    type: str
    id: int
    candidate: Candidate


class _Asked(NamedTuple):
    """One query for the matcher: its text, and what it must not find (a claim, its own source)."""

    text: str
    date: date | None = None
    vector: Vector | None = None  # computed when not given
    claim_id: int | None = None
    source_id: int | None = None


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
    asked = _Asked(
        query,
        query_date,
        claim_id=claim.id if claim is not None else None,
        source_id=claim.source_id if claim is not None else None,
    )
    return describe(session, _ranked(session, [asked], limit=limit)[0])


def _ranked(session: Session, queries: Sequence[_Asked], *, limit: int) -> list[list[tuple[float, str, int]]]:
    """For each query, (score, type, id) of its best LIMIT candidates, best first.

    The full-text stage asks for every query's candidates of each kind at once (see the module's
    docstring), and their vectors and texts are read once, however many queries found them."""
    from claims.matching.rerank import Query, features, shipped_reranker
    from claims.matching.text import mentioned_date, query_words

    words = [query_words(query.text) for query in queries]
    asked = [number for number, found in enumerate(words) if found]
    missing = [number for number in asked if queries[number].vector is None]
    fresh = dict(zip(missing, _vectors([queries[number].text for number in missing]), strict=True))
    reranker = shipped_reranker(session.get_bind().dialect.name)
    factchecks = _factcheck_candidates(session, [words[number] for number in asked])
    claims = _claim_candidates(session, [(words[number], queries[number]) for number in asked])
    ranked: list[list[tuple[float, str, int]]] = [[] for _ in queries]
    for number, checks, own in zip(asked, factchecks, claims, strict=True):
        query = queries[number]
        vector = query.vector if query.vector is not None else fresh[number]
        the_query = Query(text=query.text, vector=vector, date=query.date or mentioned_date(query.text))
        scored: list[tuple[float, _Found]] = []
        for found in (checks, own):
            if found:
                scores = reranker.scores(features(the_query, [item.candidate for item in found]))
                scored.extend(zip(scores, found, strict=True))
        scored.sort(key=lambda pair: -pair[0])
        ranked[number] = [(score, found.type, found.id) for score, found in scored[:limit]]
    return ranked


def _vectors(texts: Sequence[str]) -> list[list[float]]:
    from claims.matching.vectors import vectors

    return vectors(texts) if texts else []


def factcheck_features(
    session: Session, query: str, *, leave_out: Collection[int] = ()
) -> tuple[tuple[list[int], list[list[float]]], tuple[list[int], list[list[float]]]]:
    """The fact-checks the full-text stage finds for QUERY and their reranker features: what
    benchmarks/train_matching.py learns from, computed exactly as matching computes them. Twice:
    as found, and with LEAVE_OUT removed, as if the archive did not hold those."""
    from claims.matching.rerank import Query, features
    from claims.matching.text import mentioned_date, query_words

    words = query_words(query)
    found = _factcheck_candidates(session, [words])[0] if words else []
    kept = [item for item in found if item.id not in leave_out]
    the_query = Query(text=query, vector=_vectors([query])[0], date=mentioned_date(query))
    return (
        ([item.id for item in found], features(the_query, [item.candidate for item in found])),
        ([item.id for item in kept], features(the_query, [item.candidate for item in kept])),
    )


def _fts_query(session: Session, words: Sequence[str]) -> str:
    if session.get_bind().dialect.name == "postgresql":
        return " or ".join(words)  # for websearch_to_tsquery, which accepts anything
    return " OR ".join(f'"{word}"' for word in words)  # words hold letters, digits and apostrophes only


def _factcheck_candidates(session: Session, queries: Sequence[Sequence[str]]) -> list[list[_Found]]:
    """For each query (its words), the fact-checks the full-text index finds, best first, each
    fact-check's vector and texts read once however many queries find it."""
    from claims.matching.rerank import Candidate
    from claims.matching.text import from_stored
    from claims.matching.vectors import from_bytes

    if not queries:
        return []
    if session.get_bind().dialect.name == "postgresql":
        statement = text(
            f"SELECT asked.number - 1 AS query, hit.* "
            "FROM unnest(CAST(:queries AS text[])) WITH ORDINALITY AS asked(words, number) CROSS JOIN LATERAL "
            f"(SELECT f.id, {_PG_RANK.format(vector='f.search_vector')} AS relevance, {_FACTCHECK_FIELDS} "
            "FROM factchecks f, websearch_to_tsquery('english', asked.words) q WHERE f.search_vector @@ q "
            "ORDER BY relevance DESC, f.id LIMIT :limit) hit"
        )
        queried = [_fts_query(session, words) for words in queries]
        rows = [tuple(row) for row in session.execute(statement, {"queries": queried, "limit": CANDIDATES})]
    else:
        rows = _sqlite_hits(session, _SQLITE_FACTCHECK_SEARCH, queries)
    found: list[list[_Found]] = [[] for _ in queries]
    read: dict[int, tuple[Any, ...]] = {}
    for query, factcheck_id, relevance, embedding, claim, headline, description, published, reading in _best_first(
        rows
    ):
        candidate = read.get(factcheck_id)
        if candidate is None:
            stored = from_stored(reading)
            candidate = read[factcheck_id] = (
                from_bytes(embedding),
                claim,
                _context(headline, description) if stored is None else "",  # read only when not stored
                _as_date(published),
                stored,
            )
        found[query].append(_Found("factcheck", factcheck_id, Candidate(float(relevance), *candidate)))
    return found


# What the reranker reads of a fact-check, besides its relevance.
_FACTCHECK_FIELDS = "f.embedding, f.claim_reviewed, f.headline, f.description, f.date_published, f.reading"


# On SQLite each query's full-text search is one run of the same prepared statement (its SQL is
# parsed and planned once per process, where a compound statement of ten searches took more to
# prepare than to run).
_SQLITE_FACTCHECK_SEARCH = text(
    f"SELECT hit.id, hit.relevance, {_FACTCHECK_FIELDS} FROM (SELECT rowid AS id, -bm25(factchecks_search) AS relevance "
    "FROM factchecks_search WHERE factchecks_search MATCH :words ORDER BY bm25(factchecks_search), rowid LIMIT :limit) "
    "hit JOIN factchecks f ON f.id = hit.id"
)


def _sqlite_hits(
    session: Session,
    statement: TextClause,
    queries: Sequence[Sequence[str]],
    exclusions: Sequence[dict[str, Any]] | None = None,
) -> list[tuple[Any, ...]]:
    """The full-text hits of every query on SQLite, each (query number, id, relevance, and the
    other columns STATEMENT selects): STATEMENT run once a query, with the query's words and its
    EXCLUSIONS, when there are any (parameters the statement names)."""
    hits: list[tuple[Any, ...]] = []
    session.flush()  # the Core's execution below does not flush what the session holds
    connection = session.connection()  # the Core's execution: the ORM's costs more than the search
    for number, words in enumerate(queries):
        parameters = {"words": _fts_query(session, words), "limit": CANDIDATES}
        if exclusions is not None:
            parameters |= exclusions[number]
        hits.extend((number, *row) for row in connection.execute(statement, parameters))
    return hits


def _best_first(hits: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Full-text hits (query, id, relevance, ...) by query, each query's best first (ties: lowest id)."""
    return sorted(hits, key=lambda hit: (hit[0], -hit[2], hit[1]))


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _claim_candidates(session: Session, queries: Sequence[tuple[Sequence[str], _Asked]]) -> list[list[_Found]]:
    """For each query, the desk's own claims the full-text index finds, best first, less the
    query's own claim and its source's other claims."""
    from claims.matching.rerank import Candidate
    from claims.matching.vectors import from_bytes

    if not queries:
        return []
    if session.get_bind().dialect.name == "postgresql":
        statement = text(
            "SELECT asked.number - 1 AS query, hit.id, hit.relevance FROM unnest(CAST(:queries AS text[]), "
            "CAST(:claim_ids AS bigint[]), CAST(:source_ids AS bigint[])) WITH ORDINALITY "
            "AS asked(words, claim_id, source_id, number) CROSS JOIN LATERAL "
            f"(SELECT c.id, {_PG_RANK.format(vector=_PG_CLAIM_VECTOR)} AS relevance "
            f"FROM claims c, websearch_to_tsquery('english', asked.words) q WHERE {_PG_CLAIM_VECTOR} @@ q "
            "AND c.id IS DISTINCT FROM asked.claim_id AND (asked.source_id IS NULL OR c.source_id IS DISTINCT FROM asked.source_id) "
            "ORDER BY relevance DESC, c.id LIMIT :limit) hit"
        )
        parameters = {
            "limit": CANDIDATES,
            "queries": [_fts_query(session, words) for words, _ in queries],
            "claim_ids": [asked.claim_id for _, asked in queries],
            "source_ids": [asked.source_id for _, asked in queries],
        }
        found_hits = [(row.query, row.id, row.relevance) for row in session.execute(statement, parameters)]
    else:
        exclusions = [{"claim_id": asked.claim_id, "source_id": asked.source_id} for _, asked in queries]
        found_hits = _sqlite_hits(session, _SQLITE_CLAIM_SEARCH, [words for words, _ in queries], exclusions)
    hits: list[list[tuple[Any, ...]]] = [[] for _ in queries]
    for hit in _best_first(found_hits):
        hits[hit[0]].append(hit)
    ids = {hit[1] for found in hits for hit in found}
    if not ids:
        return [[] for _ in queries]
    claims, sources, claim_vectors = tables.claims, tables.sources, tables.claim_vectors
    rows = {
        row.id: row
        for row in session.execute(
            select(
                claims.c.id, claims.c.text, sources.c.published, claim_vectors.c.text.label("vector_text"),
                claim_vectors.c.embedding,
            )
            .outerjoin(sources, sources.c.id == claims.c.source_id)
            .outerjoin(claim_vectors, claim_vectors.c.claim_id == claims.c.id)
            .where(claims.c.id.in_(ids))
        )
    }  # fmt: skip
    # A claim not matched yet (a bulk import waits for `claims match --pending`) is embedded here.
    missing = [claim_id for claim_id, row in rows.items() if row.vector_text != row.text]
    fresh = dict(zip(missing, _vectors([rows[claim_id].text for claim_id in missing]), strict=True))
    candidates = {
        claim_id: Candidate(
            relevance=0.0,
            vector=fresh[claim_id] if claim_id in fresh else from_bytes(row.embedding),
            claim=row.text,
            date=_as_date(row.published),
        )
        for claim_id, row in rows.items()
    }
    return [
        [
            _Found("claim", found_id, candidates[found_id]._replace(relevance=float(relevance)))
            for _, found_id, relevance in found
        ]
        for found in hits
    ]


# The desk's claims a query finds on SQLite, less the query's own claim and its source's claims.
_SQLITE_CLAIM_SEARCH = text(
    "SELECT c.id, -bm25(claims_search, 1.0, 0.0) AS relevance FROM claims_search "
    "JOIN claims c ON c.id = claims_search.rowid WHERE claims_search MATCH :words AND c.id IS NOT :claim_id "
    "AND (:source_id IS NULL OR c.source_id IS NOT :source_id) ORDER BY bm25(claims_search, 1.0, 0.0), c.id LIMIT :limit"
)


def match_claims(
    session: Session,
    claim_ids: Iterable[int],
    *,
    on_progress: Callable[[int], None] | None = None,
    new: bool = False,
) -> int:
    """Match these claims against the archive and store their best matches and vectors, replacing
    what was stored before (NEW: the claims were just added, and nothing is stored for them yet).
    Returns how many were matched.

    Through the Core (``claims.tables``), not the ORM: its statements cost a `claims source add`
    less to build, and nothing here needs the claims as objects."""
    from claims.matching.vectors import to_bytes

    claims, sources = tables.claims, tables.sources
    claim_vectors, claim_matches = tables.claim_vectors, tables.claim_matches
    done = 0
    for batch in batched(claim_ids, MATCH_BATCH):
        found = session.execute(
            select(claims.c.id, claims.c.text, claims.c.source_id, sources.c.published)
            .outerjoin(sources, sources.c.id == claims.c.source_id)
            .where(claims.c.id.in_(batch))
            .order_by(claims.c.id)
        ).all()
        vectors = _vectors([claim.text for claim in found])
        if not new:
            session.execute(delete(claim_vectors).where(claim_vectors.c.claim_id.in_(batch)))
            session.execute(delete(claim_matches).where(claim_matches.c.claim_id.in_(batch)))
        session.execute(
            insert(claim_vectors),
            [
                {"claim_id": claim.id, "text": claim.text, "embedding": to_bytes(vector)}
                for claim, vector in zip(found, vectors, strict=True)
            ],
        )
        now = utcnow()
        asked = [
            _Asked(claim.text, claim.published, vector, claim_id=claim.id, source_id=claim.source_id)
            for claim, vector in zip(found, vectors, strict=True)
        ]
        matches = [
            {
                "claim_id": claim.id,
                "factcheck_id": found if kind == "factcheck" else None,
                "matched_claim_id": found if kind == "claim" else None,
                "score": min(1.0, max(0.0, score)),
                "matched_at": now,
            }
            for claim, ranked in zip(found, _ranked(session, asked, limit=STORED_MATCHES), strict=True)
            for score, kind, found in ranked
        ]
        if matches:
            session.execute(insert(claim_matches), matches)
        done += len(found)
        if on_progress is not None:
            on_progress(done)
    session.flush()
    return done


def match_new(
    session: Session, claim_ids: Iterable[int], thresholds: Thresholds, *, keep: int
) -> tuple[list[tuple[int, Match]], int]:
    """Match claims just added, MATCH_BATCH at a time, and store their matches: the first KEEP of
    them seen before (each with its best match, in id order) and how many were seen before in
    all. Only a batch of ids, and KEEP matches, are held however many claims come."""
    shown: list[tuple[int, Match]] = []
    seen = 0
    for batch in batched(claim_ids, MATCH_BATCH):
        match_claims(session, batch, new=True)
        if len(shown) < keep:
            found = seen_before(session, batch, thresholds)
            seen += len(found)
            shown.extend(islice(found.items(), keep - len(shown)))
        else:
            seen += count_seen_before(session, batch, thresholds)
    return shown, seen


def _open_claim_ids(session: Session) -> Iterator[int]:
    """The claims still waiting for a verdict, by id, a page at a time."""
    waiting = select(Claim.id).where(Claim.status.in_([status.value for status in OPEN_STATUSES]))
    return ids_in_pages(session, waiting, Claim.id, page=MATCH_BATCH)


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
    return ids_in_pages(session, pending_query(), Claim.id, page=MATCH_BATCH)


def source_claims(session: Session, source_id: int) -> Sequence[Claim]:
    if session.get(Source, source_id) is None:
        raise NotFound(f"no source with id {source_id}")
    return session.scalars(select(Claim).where(Claim.source_id == source_id).order_by(Claim.id)).all()
