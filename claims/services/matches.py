"""The matches stored for claims, read through the Core: what `claims show` lists, what `source add`
says was seen before, and what `claims match` answers with, all in one shape.

No ORM and no models here (``claims.tables``), on a plain connection or a session alike: showing a
claim with stored matches stays as quick as showing any other.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import ColumnElement, func, select

from claims.moments import as_utc
from claims.tables import claim_events, claim_matches, claims, factchecks, sources, status_event_ids
from claims.vocabulary import Status

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from claims.matching.thresholds import Thresholds


class Match(NamedTuple):
    """Something already known that may be the same claim, in the shape `claims match` prints
    (a named tuple: cheaper to define and to make than a dataclass, on every `source add`)."""

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


def _shown(thresholds: Thresholds) -> ColumnElement[bool]:
    """Whether a stored match is one the editor is shown: from the suggested threshold on (the
    same rule ``Thresholds.label`` reads a score by)."""
    return claim_matches.c.score >= thresholds.suggested


def stored_matches(db: Connection | Session, claim_id: int, thresholds: Thresholds) -> list[Match]:
    """The claim's stored matches at or above the suggested threshold, best first."""
    rows = db.execute(
        select(claim_matches.c.score, claim_matches.c.factcheck_id, claim_matches.c.matched_claim_id)
        .where(claim_matches.c.claim_id == claim_id, _shown(thresholds))
        .order_by(claim_matches.c.score.desc(), claim_matches.c.id)
    )
    return describe(db, [scored(row) for row in rows])


def seen_before(db: Connection | Session, claim_ids: Collection[int], thresholds: Thresholds) -> dict[int, Match]:
    """Each claim's best stored match at or above the suggested threshold (claims with none left out)."""
    if not claim_ids:
        return {}
    rows = db.execute(
        select(
            claim_matches.c.claim_id,
            claim_matches.c.score,
            claim_matches.c.factcheck_id,
            claim_matches.c.matched_claim_id,
        )
        .where(claim_matches.c.claim_id.in_(claim_ids), _shown(thresholds))
        .order_by(claim_matches.c.claim_id, claim_matches.c.score.desc(), claim_matches.c.id)
    )
    firsts: dict[int, Any] = {}
    for row in rows:
        firsts.setdefault(row.claim_id, row)
    return dict(zip(firsts, describe(db, [scored(row) for row in firsts.values()]), strict=True))


def count_seen_before(db: Connection | Session, claim_ids: Collection[int], thresholds: Thresholds) -> int:
    """How many of these claims ``seen_before`` would name, counted without describing any: past
    the first page of a long article's claims, only their number is told."""
    counted = select(func.count(func.distinct(claim_matches.c.claim_id))).where(
        claim_matches.c.claim_id.in_(claim_ids), _shown(thresholds)
    )
    return db.execute(counted).scalar_one()


def scored(row: Any) -> tuple[float, str, int]:
    """A stored match as (score, type, id), what ``describe`` reads."""
    if row.factcheck_id is not None:
        return (row.score, "factcheck", row.factcheck_id)
    return (row.score, "claim", row.matched_claim_id)


def describe(db: Connection | Session, scored: Sequence[tuple[float, str, int]]) -> list[Match]:
    """(score, type, id) as matches, with what the editor needs to know about each: a fact-check's
    rating, organisation and date; a claim's status and, for a verdict, who gave it and when."""
    factcheck_ids = [found for _, kind, found in scored if kind == "factcheck"]
    claim_ids = [found for _, kind, found in scored if kind == "claim"]
    checks = {}
    if factcheck_ids:
        checks = {
            row.id: row
            for row in db.execute(
                select(
                    factchecks.c.id,
                    factchecks.c.url,
                    factchecks.c.claim_reviewed,
                    factchecks.c.rating,
                    factchecks.c.reviewed_by,
                    factchecks.c.date_published,
                ).where(factchecks.c.id.in_(factcheck_ids))
            )
        }
    own = {}
    if claim_ids:
        # The event that gave each claim its status: who gave a verdict, when.
        given = status_event_ids(claim_events.c.claim_id.in_(claim_ids))
        own = {
            row.id: row
            for row in db.execute(
                select(
                    claims.c.id,
                    claims.c.text,
                    claims.c.status,
                    claims.c.signed_off_at,
                    sources.c.url,
                    claim_events.c.editor,
                    claim_events.c.created_at,
                )
                .outerjoin(sources, sources.c.id == claims.c.source_id)
                .outerjoin(given, given.c.claim_id == claims.c.id)
                .outerjoin(claim_events, claim_events.c.id == given.c.event_id)
                .where(claims.c.id.in_(claim_ids))
            )
        }
    matches = []
    for score, kind, found in scored:
        if kind == "factcheck":
            check = checks[found]
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
            claim = own[found]
            verdict = Status(claim.status).is_verdict
            given_at = as_utc(claim.created_at).date() if verdict and claim.created_at is not None else None
            matches.append(
                Match(
                    type="claim",
                    id=claim.id,
                    url=claim.url,
                    text=claim.text,
                    status=claim.status,
                    published=verdict and claim.signed_off_at is not None,
                    verdict=claim.status if verdict else None,
                    reviewed_by=claim.editor if verdict else None,
                    date=given_at,
                    score=score,
                )
            )
    return matches
