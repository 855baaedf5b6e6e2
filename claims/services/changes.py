"""Changing a claim under the desk's rules: load its state, ask the rulebook, store what it decided.

Every editor action on an existing claim comes through ``change_claim``: the rules themselves live
in ``claims.domain`` and nowhere else; this module only moves states and events between the
database and the rulebook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from claims.domain.claim import ClaimState, Event, apply, as_one_command, replay
from claims.domain.rules import Actor, Command, Create, create, decide
from claims.errors import ClaimChanged
from claims.models import Claim, ClaimEvent, Evidence, utcnow
from claims.services.common import claim_to_change
from claims.services.editors import acting_editor
from claims.services.history import EVENT_COLUMNS, stored_event
from claims.vocabulary import ClaimKind, EventKind, Status


@dataclass(frozen=True)
class Change:
    """A claim after an editor's command, and the events the command added to its history."""

    claim: Claim
    events: list[ClaimEvent]
    state: ClaimState


def change_claim(
    session: Session, *, claim_id: int, command: Command, editor: str | Actor, seen_version: int | None = None
) -> Change:
    """Apply an editor's COMMAND to a claim, or raise the rule it breaks (nothing is written then:
    the caller's transaction rolls back)."""
    claim = claim_to_change(session, claim_id, seen_version=seen_version)
    actor = editor if isinstance(editor, Actor) else acting_editor(session, editor)
    state = claim_state(session, claim)
    events = decide(state, command, actor)
    stored = []
    if len(events) > 1:
        # The first event's id marks the others as part of the same command.
        first = store_event(session, claim, events[0])
        session.flush()
        events = as_one_command(events, first.id)
        stored.append(first)
        stored.extend(store_event(session, claim, event) for event in events[1:])
    else:
        stored.extend(store_event(session, claim, event) for event in events)
    for event in events:
        state = apply(state, event)
    _project(session, claim, state, stored)
    try:
        session.flush()
    except StaleDataError:
        # The session is rolled back now: name the claim without reading it.
        raise ClaimChanged(claim_id) from None
    return Change(claim, stored, state)


def create_claims(session: Session, claims: Sequence[Claim], *, actor: Actor, note: str | None) -> None:
    """Store new claims, each with the creation event the rules give it."""
    for claim in claims:
        command = Create(claim.text, claim.claimant, ClaimKind(claim.kind), note=note)
        event = create(command, actor)
        claim.status = Status.UNVERIFIED.value
        session.add(claim)
        store_event(session, claim, event)


def claim_state(session: Session, claim: Claim) -> ClaimState:
    """The claim's state for the rules: its history replayed, with the row's own fields (which the
    version check guards) taking precedence."""
    rows = session.scalars(select(ClaimEvent).where(ClaimEvent.claim_id == claim.id).order_by(ClaimEvent.id))
    replayed = replay(claim.id, (domain_event(row) for row in rows)) or ClaimState(
        id=claim.id, status=Status.UNVERIFIED
    )
    return replace(
        replayed,
        status=Status(claim.status),
        text=claim.text,
        claimant=claim.claimant,
        kind=ClaimKind(claim.kind),
        assignee=claim.assignee,
        signed_off_by=claim.signed_off_by,
        merged_into=claim.merged_into,
    )


def _project(session: Session, claim: Claim, state: ClaimState, events: Sequence[ClaimEvent]) -> None:
    """Write STATE's fields to the claim row (and the withdrawals to the evidence rows)."""
    now = utcnow()
    if state.signed_off_by != claim.signed_off_by:
        claim.signed_off_at = now if state.signed_off_by is not None else None
    claim.status = state.status.value
    claim.signed_off_by = state.signed_off_by
    claim.assignee = state.assignee
    claim.merged_into = state.merged_into
    if state.text is not None:
        claim.text = state.text
    claim.claimant = state.claimant
    if state.kind is not None:
        claim.kind = state.kind.value
    claim.updated_at = now
    for event in events:
        if event.kind == EventKind.EVIDENCE_WITHDRAWN.value:
            session.execute(
                update(Evidence)
                .where(Evidence.id == event.evidence_id)
                .values(withdrawn_at=now, withdrawn_by=event.editor)
            )
        elif event.kind == EventKind.EVIDENCE_ADDED.value and event.undoes is not None:
            session.execute(
                update(Evidence).where(Evidence.id == event.evidence_id).values(withdrawn_at=None, withdrawn_by=None)
            )


def store_event(session: Session, claim: Claim, event: Event) -> ClaimEvent:
    row = ClaimEvent(claim=claim, **event_columns(event))
    session.add(row)
    return row


def event_columns(event: Event) -> dict[str, object]:
    """A domain event as the claim_events columns store it."""
    return {
        "kind": event.kind.value,
        "from_status": event.from_status.value if event.from_status is not None else None,
        "to_status": event.to_status.value if event.to_status is not None else None,
        "editor": event.editor,
        "note": event.note,
        "evidence_id": event.evidence_id,
        "field": event.field.value if event.field is not None else None,
        "old_text": event.old_value,
        "new_text": event.new_value,
        "assignee": event.assignee,
        "merged_into": event.merged_into,
        "factcheck_id": event.factcheck_id,
        "undoes": event.undoes,
        "claimant": event.claimant,
        "claim_kind": event.claim_kind.value if event.claim_kind is not None else None,
        "part_of": event.part_of,
    }


def domain_event(row: ClaimEvent) -> Event:
    """A stored event as the rules see it."""
    return stored_event([row.claim_id, *(getattr(row, column.key) for column in EVENT_COLUMNS[1:])])
