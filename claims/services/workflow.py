"""Moving a claim through the desk's workflow: review, verdicts, sign-off, dismissing, merging,
reopening and undoing. The rules are the rulebook's (``claims.domain.rules``); each function here
turns an editor's action into a command for it."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims.domain.rules import Approve, ChangeStatus, Link, Merge, Reject, Reopen, Undo, Unlink
from claims.errors import InvalidInput, NotFound, RuleViolation
from claims.models import Claim, Stance, Status
from claims.services.changes import Change, change_claim
from claims.services.common import clean_note, get_claim
from claims.services.editors import require_editor_name
from claims.services.entities import link_entities
from claims.services.evidence import new_evidence
from claims.vocabulary import EditedField, EventKind

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
    """The general case behind review, confirm, refute, dismiss and set-status."""
    if stance is not None and not evidence_url:
        raise InvalidInput("a --stance goes with an --evidence URL")
    evidence_id = None
    if evidence_url:
        if status not in DEFAULT_STANCE:
            raise InvalidInput(f"evidence goes with a verdict, not with {status.value}: use `claims evidence add`")
        claim = get_claim(session, claim_id)
        evidence_id = new_evidence(
            session, claim, url=evidence_url, stance=stance or DEFAULT_STANCE[status], editor=editor
        ).id
    command = ChangeStatus(status, note=clean_note(note), evidence_id=evidence_id)
    return change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version).claim


def approve_claim(
    session: Session, *, claim_id: int, editor: str, note: str | None = None, seen_version: int | None = None
) -> Change:
    """A second editor signs off a draft verdict, which publishes it."""
    return change_claim(
        session, claim_id=claim_id, command=Approve(clean_note(note)), editor=editor, seen_version=seen_version
    )


def reject_claim(
    session: Session, *, claim_id: int, editor: str, note: str | None, seen_version: int | None = None
) -> Claim:
    """A second editor sends a draft verdict back to review, saying why."""
    command = Reject(clean_note(note))
    return change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version).claim


def reopen_claim(
    session: Session, *, claim_id: int, editor: str, note: str | None, seen_version: int | None = None
) -> Claim:
    """A verdict back into review, or a dismissed or merged claim back among the unverified."""
    command = Reopen(clean_note(note))
    return change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version).claim


def merge_claim(
    session: Session, *, claim_id: int, into: int, editor: str, note: str | None = None, seen_version: int | None = None
) -> Claim:
    """The claim is the same as INTO, which carries on; it keeps its own history and points there."""
    survivor = get_claim(session, into)
    merged_here = session.scalar(
        select(func.count())
        .select_from(Claim)
        .where(Claim.merged_into == claim_id, Claim.status == Status.MERGED.value)
    )
    command = Merge(
        into=survivor.id, into_status=Status(survivor.status), note=clean_note(note), merged_here=int(merged_here or 0)
    )
    return change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version).claim


def undo_change(
    session: Session, *, claim_id: int, editor: str, note: str | None = None, seen_version: int | None = None
) -> Change:
    """Take back the editor's own latest command on a claim (every event it wrote) by appending
    its reverse."""
    change = change_claim(
        session, claim_id=claim_id, command=Undo(clean_note(note)), editor=editor, seen_version=seen_version
    )
    for event in change.events:
        if event.kind == EventKind.ASSIGNED.value and event.assignee is not None:
            require_editor_name(session, event.assignee)  # who had it may have left the desk since
        if event.kind == EventKind.STATUS_CHANGED.value and event.merged_into is not None:
            survivor = get_claim(session, event.merged_into)
            if survivor.status == Status.MERGED.value:
                raise RuleViolation(
                    f"claim {event.merged_into} is itself merged now: "
                    f"merge claim {claim_id} into the claim that carries on"
                )
    if any(
        event.kind == EventKind.EDITED.value and event.field in (None, EditedField.TEXT.value)
        for event in change.events
    ):
        link_entities(session, change.claim)
    return change


def link_claim(
    session: Session,
    *,
    claim_id: int,
    factcheck_id: int,
    editor: str,
    note: str | None = None,
    unlink: bool = False,
    seen_version: int | None = None,
) -> Change:
    """Record the editor's judgement that the claim is (or, UNLINK, is not after all) the one a
    published fact-check reviewed."""
    from claims.models import Factcheck

    if session.get(Factcheck, factcheck_id) is None:
        raise NotFound(f"no fact-check with id {factcheck_id} (see `claims factchecks list`)")
    command = (Unlink if unlink else Link)(factcheck_id, note=clean_note(note))
    return change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version)
