"""Working as a desk: who does what (assignments, the queue), notes, and corrections."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims.domain.rules import AddNote, Assign, Edit, Unassign
from claims.models import OPEN_STATUSES, Claim, ClaimEntity, Role, Status
from claims.services.changes import change_claim
from claims.services.common import claim_text, clean_note
from claims.services.editors import authorize, require_editor_name
from claims.vocabulary import EditedField


def assign_claim(
    session: Session, *, claim_id: int, to: str, editor: str, note: str | None = None, seen_version: int | None = None
) -> Claim:
    authorize(session, editor, Role.EDITOR, doing="assigning claims")
    command = Assign(require_editor_name(session, to), note=clean_note(note))
    return change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version).claim


def unassign_claim(
    session: Session, *, claim_id: int, editor: str, note: str | None = None, seen_version: int | None = None
) -> Claim:
    command = Unassign(clean_note(note))
    return change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version).claim


def add_note(session: Session, *, claim_id: int, text: str, editor: str, seen_version: int | None = None) -> Claim:
    """A comment for colleagues, kept in the claim's history like every change."""
    command = AddNote(clean_note(text))
    return change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version).claim


def edit_claim(
    session: Session,
    *,
    claim_id: int,
    editor: str,
    text: str | None = None,
    claimant: str | None = None,
    kind: str | None = None,
    note: str | None = None,
    seen_version: int | None = None,
) -> Claim:
    """Correct a claim's wording, claimant or kind; what it said before stays in the history. A
    verdict is about the claim as it was given, so a decided claim is reopened before correcting."""
    from claims.services.common import parse_kind

    corrections = [
        (EditedField.TEXT, claim_text(text) if text is not None else None),
        (EditedField.CLAIMANT, _claimant(claimant)),
        (EditedField.KIND, parse_kind(kind).value if kind is not None else None),
    ]
    asked = [(field, value) for field, value in corrections if value is not None]
    if not asked:
        from claims.errors import InvalidInput

        raise InvalidInput("say what to correct: --text, --claimant or --kind")
    note = clean_note(note)
    claim = None
    for field, value in asked:
        command = Edit(field, value, note=note)
        claim = change_claim(
            session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version
        ).claim
        seen_version = None  # the first correction moved the version; the rest follow it
    assert claim is not None
    if any(field is EditedField.TEXT for field, _ in asked):
        from claims.services.entities import link_entities

        link_entities(session, claim)
    return claim


def _claimant(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    if not value:
        from claims.errors import InvalidInput

        raise InvalidInput("the claimant is empty")
    return value


@dataclass(frozen=True)
class QueueItem:
    claim: Claim
    reason: str  # "assigned" to the editor, or "unassigned" and waiting for someone


def editor_queue(session: Session, *, editor: str) -> list[QueueItem]:
    """What EDITOR should work on next: their open claims, oldest first, then the unassigned
    unverified claims, most check-worthy first."""
    authorize(session, editor, Role.REPORTER, doing="reading the queue")
    loaded = selectinload(Claim.entity_links).selectinload(ClaimEntity.entity)
    mine = session.scalars(
        select(Claim)
        .where(Claim.assignee == editor, Claim.status.in_([status.value for status in OPEN_STATUSES]))
        .options(loaded)
        .order_by(Claim.created_at, Claim.id)
    ).all()
    waiting = session.scalars(
        select(Claim)
        .where(Claim.assignee.is_(None), Claim.status == Status.UNVERIFIED.value)
        .options(loaded)
        .order_by(Claim.score.desc().nulls_last(), Claim.created_at, Claim.id)
    ).all()
    return [QueueItem(claim, "assigned") for claim in mine] + [QueueItem(claim, "unassigned") for claim in waiting]
