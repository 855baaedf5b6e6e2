"""Checking that every claim's history replays to its current state."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims.history import differences
from claims.models import Claim


def verify_history(session: Session) -> tuple[int, dict[int, list[str]]]:
    """How many claims were replayed, and what disagrees for each claim that does."""
    claims = session.scalars(
        select(Claim).options(selectinload(Claim.events), selectinload(Claim.evidence)).order_by(Claim.id)
    ).all()
    problems = {claim.id: found for claim in claims if (found := differences(claim))}
    return len(claims), problems
