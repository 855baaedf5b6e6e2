"""Working as a desk: who does what (assignments, the queue), notes, and corrections of wording."""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims.errors import InvalidInput, RuleViolation
from claims.models import Claim, EventKind, Role, Status
from claims.services.common import claim_text, claim_to_change, clean_note, record_event
from claims.services.editors import authorize, require_editor_name


def assign_claim(
    session: Session, *, claim_id: int, to: str, editor: str, note: str | None = None, seen_version: int | None = None
) -> Claim:
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    authorize(session, editor, Role.EDITOR, doing="assigning claims")
    assignee = require_editor_name(session, to)
    if claim.assignee == assignee:
        raise RuleViolation(f"claim {claim.id} is already assigned to {assignee}")
    claim.assignee = assignee
    record_event(session, claim, kind=EventKind.ASSIGNED, editor=editor, assignee=assignee, note=clean_note(note))
    session.flush()
    return claim


def unassign_claim(
    session: Session, *, claim_id: int, editor: str, note: str | None = None, seen_version: int | None = None
) -> Claim:
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    authorize(session, editor, Role.EDITOR, doing="assigning claims")
    if claim.assignee is None:
        raise RuleViolation(f"claim {claim.id} is not assigned to anyone")
    # The event names who the claim was taken from; the claim itself no longer names anyone.
    previous, claim.assignee = claim.assignee, None
    record_event(session, claim, kind=EventKind.UNASSIGNED, editor=editor, assignee=previous, note=clean_note(note))
    session.flush()
    return claim


def add_note(session: Session, *, claim_id: int, text: str, editor: str, seen_version: int | None = None) -> Claim:
    """A comment for colleagues, kept in the claim's history like every change."""
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    authorize(session, editor, Role.REPORTER, doing="adding notes")
    note = clean_note(text)
    if note is None:
        raise InvalidInput("the note is empty")
    record_event(session, claim, kind=EventKind.NOTE, editor=editor, note=note)
    session.flush()
    return claim


def edit_claim(
    session: Session, *, claim_id: int, text: str, editor: str, note: str | None = None, seen_version: int | None = None
) -> Claim:
    """Correct a claim's wording. The old wording stays in the history; a verdict is about the
    wording it was given on, so a decided claim is reopened before it is reworded."""
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    authorize(session, editor, Role.EDITOR, doing="correcting a claim's wording")
    new_text = claim_text(text)
    if Status(claim.status).is_verdict:
        raise RuleViolation(
            f"claim {claim.id} is {claim.status}: reopen it (`claims reopen {claim.id} --note ...`) before changing its wording"
        )
    if new_text == claim.text:
        raise RuleViolation(f"claim {claim.id} already says that")
    old_text, claim.text = claim.text, new_text
    record_event(
        session,
        claim,
        kind=EventKind.EDITED,
        editor=editor,
        old_text=old_text,
        new_text=new_text,
        note=clean_note(note),
    )
    session.flush()
    return claim
