"""Moving a claim through the desk's workflow: review, verdicts, reopening.

The rules live here and only here:
- a new claim is ``unverified``; an editor takes it ``in_review`` before giving a verdict;
- ``confirmed``, ``refuted`` and ``mixed`` need at least one piece of evidence;
  ``unverifiable`` needs a note saying why;
- a verdict is changed only by reopening it (back to ``in_review``), with a note;
- two-person rule: once the desk keeps an editor registry, a verdict is a draft until a second
  editor approves it (``approve``, which publishes it) or rejects it (``reject``, back to
  ``in_review``). The editor who gave it cannot do either; a reporter cannot either. A lone
  editor with no registry publishes a verdict by giving it: there is nobody to sign it off.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims.errors import InvalidInput, NotAllowed, RuleViolation
from claims.models import VERDICTS, Claim, EventKind, Role, Stance, Status, utcnow
from claims.services.common import claim_to_change, clean_note, record_event, status_events
from claims.services.editors import authorize, registry_in_use
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
    seen_version: int | None = None,
) -> Claim:
    """The general case behind review, confirm, refute and reopen; refuses what the rules forbid."""
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    authorize(session, editor, Role.EDITOR, doing="changing a claim's status")
    current = Status(claim.status)
    note = clean_note(note)
    if stance is not None and not evidence_url:
        raise InvalidInput("a --stance goes with an --evidence URL")
    _check_transition(claim, current, status, note=note, has_new_evidence=bool(evidence_url))
    if evidence_url:
        if status not in DEFAULT_STANCE:
            raise InvalidInput(f"evidence goes with a verdict, not with {status.value}: use `claims evidence add`")
        attach_evidence(session, claim, url=evidence_url, stance=stance or DEFAULT_STANCE[status], editor=editor)
    claim.status = status.value
    _sign_off(session, claim, status, editor=editor)
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


def _sign_off(session: Session, claim: Claim, status: Status, *, editor: str) -> None:
    signer = signed_off_on_giving(status, editor=editor, desk=registry_in_use(session))
    claim.signed_off_by, claim.signed_off_at = signer, (utcnow() if signer else None)


def signed_off_on_giving(status: Status, *, editor: str, desk: bool) -> str | None:
    """Who signs off a status as EDITOR gives it: an editor working alone (no registry: not DESK)
    publishes a verdict by giving it; on a desk it waits for a second editor's approval; any
    other status has no sign-off."""
    return editor if status.is_verdict and not desk else None


def verdict_author(session: Session, claim: Claim) -> str | None:
    """Who gave the claim its current verdict."""
    event = status_events(session, [claim.id]).get(claim.id)
    return event.editor if event is not None else None


def _draft_for_second_editor(session: Session, claim: Claim, *, editor: str, doing: str, own_verdict: str) -> Status:
    """The draft verdict a second editor is about to approve or reject, after checking they may."""
    authorize(session, editor, Role.EDITOR, doing=doing)
    status = Status(claim.status)
    if not status.is_verdict:
        raise RuleViolation(f"claim {claim.id} is {status.value}: only a draft verdict can be approved or rejected")
    if claim.signed_off_at is not None:
        raise RuleViolation(
            f"claim {claim.id} is already published ({status.value}, signed off by {claim.signed_off_by}): "
            f"reopen it with `claims reopen {claim.id} --note ...` to change it"
        )
    if verdict_author(session, claim) == editor:
        raise NotAllowed(f"you gave claim {claim.id} its verdict: a second editor must {own_verdict}")
    return status


def approve_claim(
    session: Session, *, claim_id: int, editor: str, note: str | None = None, seen_version: int | None = None
) -> Claim:
    """A second editor signs off a draft verdict, which publishes it."""
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    status = _draft_for_second_editor(
        session, claim, editor=editor, doing="approving a verdict", own_verdict="approve it"
    )
    claim.signed_off_by, claim.signed_off_at = editor, utcnow()
    record_event(
        session, claim, kind=EventKind.APPROVED, editor=editor, from_status=status.value, to_status=status.value,
        note=clean_note(note),
    )  # fmt: skip
    session.flush()
    return claim


def reject_claim(
    session: Session, *, claim_id: int, editor: str, note: str | None, seen_version: int | None = None
) -> Claim:
    """A second editor sends a draft verdict back to review, saying why."""
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    status = _draft_for_second_editor(
        session, claim, editor=editor, doing="rejecting a verdict",
        own_verdict="reject it (withdraw your own with `claims reopen`)",
    )  # fmt: skip
    note = (note or "").strip()
    if not note:
        raise RuleViolation(f"claim {claim.id}: rejecting a verdict needs a --note saying why")
    claim.status = Status.IN_REVIEW.value
    claim.signed_off_by = claim.signed_off_at = None
    record_event(
        session, claim, kind=EventKind.REJECTED, editor=editor, from_status=status.value,
        to_status=Status.IN_REVIEW.value, note=note,
    )  # fmt: skip
    session.flush()
    return claim


def _check_transition(
    claim: Claim, current: Status, target: Status, *, note: str | None, has_new_evidence: bool
) -> None:
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
        raise RuleViolation(
            f"claim {claim.id} has no evidence: {target.value} needs at least one evidence URL (--evidence)"
        )
    if target == Status.UNVERIFIABLE and not note:
        raise RuleViolation(f"claim {claim.id}: unverifiable needs a --note saying why")
    if current in VERDICTS and not note:
        raise RuleViolation(f"claim {claim.id}: reopening a verdict needs a --note saying why")


def reopen_claim(
    session: Session, *, claim_id: int, editor: str, note: str | None, seen_version: int | None = None
) -> Claim:
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    if Status(claim.status) not in VERDICTS:
        raise RuleViolation(f"claim {claim_id} is {claim.status}: only a verdict can be reopened")
    return set_claim_status(
        session, claim_id=claim_id, status=Status.IN_REVIEW, editor=editor, note=note, seen_version=seen_version
    )
