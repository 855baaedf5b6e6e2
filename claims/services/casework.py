"""Casework: who does what (assignments, notes), and corrections of what a claim says."""

from __future__ import annotations

from sqlalchemy.orm import Session

from claims.domain.rules import AddNote, Assign, Correct, Edit, Unassign
from claims.models import Claim, Role
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
    # One command, one action: `claims undo` takes back every field it corrected.
    command = Correct(tuple(Edit(field, value, note=note) for field, value in asked))
    claim = change_claim(session, claim_id=claim_id, command=command, editor=editor, seen_version=seen_version).claim
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
