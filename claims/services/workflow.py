"""Moving a claim through the desk's workflow: review, verdicts, reopening.

The rules live here and only here:
- a new claim is ``unverified``; an editor takes it ``in_review`` before giving a verdict;
- ``confirmed``, ``refuted`` and ``mixed`` need at least one piece of evidence;
  ``unverifiable`` needs a note saying why;
- a verdict is changed only by reopening it (back to ``in_review``), with a note.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims.errors import InvalidInput, RuleViolation
from claims.models import VERDICTS, Claim, EventKind, Stance, Status, utcnow
from claims.services.common import get_claim, record_event
from claims.services.evidence import attach_evidence

ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.UNVERIFIED: frozenset({Status.IN_REVIEW}),
    Status.IN_REVIEW: frozenset({Status.UNVERIFIED} | VERDICTS),
    **{verdict: frozenset({Status.IN_REVIEW}) for verdict in VERDICTS},
}

NEEDS_EVIDENCE = frozenset({Status.CONFIRMED, Status.REFUTED, Status.MIXED})

# The stance of evidence given together with a verdict, when the editor does not say.
DEFAULT_STANCE = {
    Status.CONFIRMED: Stance.SUPPORTS,
    Status.REFUTED: Stance.REFUTES,
    Status.MIXED: Stance.CONTEXT,
    Status.UNVERIFIABLE: Stance.CONTEXT,
}


def set_claim_status(
    session: Session,
    *,
    claim_id: int,
    status: Status,
    editor: str,
    note: str | None = None,
    evidence_url: str | None = None,
    stance: Stance | None = None,
) -> Claim:
    """The general case behind review, confirm, refute and reopen; refuses what the rules forbid."""
    claim = get_claim(session, claim_id)
    current = Status(claim.status)
    note = (note or "").strip() or None
    _check_transition(claim, current, status, note=note, has_new_evidence=bool(evidence_url))
    if evidence_url:
        if status not in DEFAULT_STANCE:
            raise InvalidInput(f"evidence goes with a verdict, not with {status.value}: use `claims evidence add`")
        attach_evidence(session, claim, url=evidence_url, stance=stance or DEFAULT_STANCE[status], editor=editor)
    claim.status = status.value
    _sign_off(claim, status, editor=editor)
    record_event(
        session,
        claim,
        kind=EventKind.STATUS_CHANGED,
        editor=editor,
        from_status=current.value,
        to_status=status.value,
        note=note,
    )
    session.flush()
    return claim


def _sign_off(claim: Claim, status: Status, *, editor: str) -> None:
    """An editor working alone publishes a verdict by giving it; any other status has no sign-off."""
    if status.is_verdict:
        claim.signed_off_by, claim.signed_off_at = editor, utcnow()
    else:
        claim.signed_off_by = claim.signed_off_at = None


def _check_transition(claim: Claim, current: Status, target: Status, *, note: str | None, has_new_evidence: bool) -> None:
    if target == current:
        raise RuleViolation(f"claim {claim.id} is already {current.value}")
    if target not in ALLOWED_TRANSITIONS[current]:
        if current == Status.UNVERIFIED and target in VERDICTS:
            raise RuleViolation(
                f"claim {claim.id} is unverified: take it into review first (`claims review {claim.id}`)"
            )
        if current in VERDICTS:
            raise RuleViolation(
                f"claim {claim.id} is already {current.value}: reopen it first (`claims reopen {claim.id} --note ...`)"
            )
        raise RuleViolation(f"claim {claim.id} cannot go from {current.value} to {target.value}")
    if target in NEEDS_EVIDENCE and not (has_new_evidence or claim.evidence):
        raise RuleViolation(f"claim {claim.id} has no evidence: {target.value} needs at least one evidence URL (--evidence)")
    if target == Status.UNVERIFIABLE and not note:
        raise RuleViolation(f"claim {claim.id}: unverifiable needs a --note saying why")
    if current in VERDICTS and not note:
        raise RuleViolation(f"claim {claim.id}: reopening a verdict needs a --note saying why")


def review_claim(session: Session, *, claim_id: int, editor: str, note: str | None = None) -> Claim:
    return set_claim_status(session, claim_id=claim_id, status=Status.IN_REVIEW, editor=editor, note=note)


def confirm_claim(
    session: Session, *, claim_id: int, editor: str, evidence_url: str | None = None, note: str | None = None
) -> Claim:
    return set_claim_status(
        session, claim_id=claim_id, status=Status.CONFIRMED, editor=editor, note=note, evidence_url=evidence_url
    )


def refute_claim(
    session: Session, *, claim_id: int, editor: str, evidence_url: str | None = None, note: str | None = None
) -> Claim:
    return set_claim_status(
        session, claim_id=claim_id, status=Status.REFUTED, editor=editor, note=note, evidence_url=evidence_url
    )


def reopen_claim(session: Session, *, claim_id: int, editor: str, note: str | None) -> Claim:
    claim = get_claim(session, claim_id)
    if Status(claim.status) not in VERDICTS:
        raise RuleViolation(f"claim {claim_id} is {claim.status}: only a verdict can be reopened")
    return set_claim_status(session, claim_id=claim_id, status=Status.IN_REVIEW, editor=editor, note=note)
