"""Attaching evidence to a claim."""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims.models import Claim, EventKind, Evidence, Role, Stance
from claims.services.common import check_url, claim_to_change, record_event
from claims.services.editors import authorize


def add_evidence(
    session: Session,
    *,
    claim_id: int,
    url: str,
    stance: Stance,
    editor: str,
    quote: str | None = None,
    seen_version: int | None = None,
) -> Evidence:
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    authorize(session, editor, Role.REPORTER, doing="adding evidence")
    return attach_evidence(session, claim, url=url, stance=stance, editor=editor, quote=quote)


def attach_evidence(
    session: Session, claim: Claim, *, url: str, stance: Stance, editor: str, quote: str | None = None
) -> Evidence:
    evidence = Evidence(claim=claim, url=check_url(url), stance=stance.value, quote=quote or None, editor=editor)
    session.add(evidence)
    session.flush()
    record_event(session, claim, kind=EventKind.EVIDENCE_ADDED, editor=editor, evidence_id=evidence.id)
    return evidence
