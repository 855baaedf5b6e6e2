"""Attaching evidence to a claim."""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims.models import Claim, EventKind, Evidence, Stance
from claims.services.common import check_url, get_claim, record_event


def add_evidence(
    session: Session,
    *,
    claim_id: int,
    url: str,
    stance: Stance,
    editor: str,
    quote: str | None = None,
) -> Evidence:
    return attach_evidence(session, get_claim(session, claim_id), url=url, stance=stance, editor=editor, quote=quote)


def attach_evidence(
    session: Session, claim: Claim, *, url: str, stance: Stance, editor: str, quote: str | None = None
) -> Evidence:
    evidence = Evidence(claim=claim, url=check_url(url), stance=stance.value, quote=quote or None, editor=editor)
    session.add(evidence)
    session.flush()
    record_event(session, claim, kind=EventKind.EVIDENCE_ADDED, editor=editor, evidence_id=evidence.id)
    return evidence
