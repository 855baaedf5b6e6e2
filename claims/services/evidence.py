"""Attaching evidence to a claim, and withdrawing evidence added by mistake."""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims.domain.rules import AddEvidence, WithdrawEvidence
from claims.errors import NotFound
from claims.models import Claim, Evidence, Stance
from claims.services.changes import Change, change_claim
from claims.services.common import check_url, clean_note, get_claim


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
    claim = get_claim(session, claim_id)
    evidence = new_evidence(session, claim, url=url, stance=stance, editor=editor, quote=quote)
    change_claim(session, claim_id=claim_id, command=AddEvidence(evidence.id), editor=editor, seen_version=seen_version)
    return evidence


def new_evidence(
    session: Session, claim: Claim, *, url: str, stance: Stance, editor: str, quote: str | None = None
) -> Evidence:
    """The evidence row, stored so that the history can point at it; the caller's command records
    its addition (or the transaction rolls it back with the refusal)."""
    evidence = Evidence(claim=claim, url=check_url(url), stance=stance.value, quote=quote or None, editor=editor)
    session.add(evidence)
    session.flush()
    return evidence


def withdraw_evidence(
    session: Session, *, evidence_id: int, editor: str, note: str | None, seen_version: int | None = None
) -> Change:
    """Evidence added by mistake leaves the claim (its row and history stay, marked withdrawn)."""
    evidence = session.get(Evidence, evidence_id)
    if evidence is None:
        raise NotFound(f"no evidence with id {evidence_id}")
    command = WithdrawEvidence(evidence_id, added_by=evidence.editor, note=clean_note(note))
    return change_claim(session, claim_id=evidence.claim_id, command=command, editor=editor, seen_version=seen_version)
