"""Checking that every claim's history replays to its current state (``claims db verify``).

The replay is the rulebook's own fold (``claims.domain.claim.replay``), run over the archive a
batch of claims at a time through Core rows, so memory stays flat however many claims there are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, case, func, select

from claims.domain.claim import ClaimState, Event, new_event, replay
from claims.models import Claim, ClaimEvent, Editor, EditorEvent, Evidence
from claims.vocabulary import ClaimKind, EditedField, EventKind, Status

BATCH_CLAIMS = 2_000
# A verification of a badly broken archive lists this many claims, and counts the rest.
LISTED_PROBLEMS = 200

EVENT_COLUMNS = (
    ClaimEvent.claim_id, ClaimEvent.id, ClaimEvent.kind, ClaimEvent.editor, ClaimEvent.from_status,
    ClaimEvent.to_status, ClaimEvent.evidence_id, ClaimEvent.field, ClaimEvent.old_text, ClaimEvent.new_text,
    ClaimEvent.assignee, ClaimEvent.merged_into, ClaimEvent.factcheck_id, ClaimEvent.undoes, ClaimEvent.claimant,
    ClaimEvent.claim_kind, ClaimEvent.part_of,
)  # fmt: skip
_CLAIM_COLUMNS = (
    Claim.id, Claim.status, Claim.text, Claim.claimant, Claim.kind, Claim.assignee, Claim.signed_off_by,
    Claim.merged_into,
)  # fmt: skip


@dataclass
class Verification:
    checked: int = 0
    # Claim id -> what disagrees, for the first LISTED_PROBLEMS claims that disagree.
    problems: dict[int, list[str]] = field(default_factory=dict)
    disagreeing: int = 0


def verify_history(connection: Connection, *, on_progress: Callable[[int], None] | None = None) -> Verification:
    """Replay every claim's history, a batch at a time, and say where the claims disagree."""
    result = Verification()
    last_id = 0
    while True:
        claims = connection.execute(
            select(*_CLAIM_COLUMNS).where(Claim.id > last_id).order_by(Claim.id).limit(BATCH_CLAIMS)
        ).all()
        if not claims:
            return result
        first_id, last_id = claims[0].id, claims[-1].id
        events = _events(connection, first_id, last_id)
        evidence: dict[int, set[int]] = {}
        for claim_id, evidence_id in connection.execute(
            select(Evidence.claim_id, Evidence.id).where(
                Evidence.claim_id.between(first_id, last_id), Evidence.withdrawn_at.is_(None)
            )
        ):
            evidence.setdefault(claim_id, set()).add(evidence_id)
        for row in claims:
            found = differences(row, replay(row.id, events.get(row.id, ())), evidence.get(row.id, set()))
            if found:
                result.disagreeing += 1
                if len(result.problems) < LISTED_PROBLEMS:
                    result.problems[row.id] = found
        result.checked += len(claims)
        if on_progress is not None:
            on_progress(result.checked)


def _events(connection: Connection, first_id: int, last_id: int) -> dict[int, list[Event]]:
    rows = connection.execute(
        select(*EVENT_COLUMNS)
        .where(ClaimEvent.claim_id.between(first_id, last_id))
        .order_by(ClaimEvent.claim_id, ClaimEvent.id)
    )
    return {claim_id: [stored_event(row) for row in group] for claim_id, group in groupby(rows, key=_claim_id)}


def _claim_id(row: Any) -> int:
    return int(row[0])


def stored_event(row: Sequence[Any]) -> Event:
    """An event from a row of EVENT_COLUMNS. An edit stored before edits named their field is of
    the wording."""
    (_, event_id, kind, editor, from_status, to_status, evidence_id, edited, old, new, assignee, merged_into,
     factcheck_id, undoes, claimant, claim_kind, part_of) = row  # fmt: skip
    event_kind = EventKind(kind)
    return new_event(
        kind=event_kind,
        editor=editor,
        from_status=Status(from_status) if from_status else None,
        to_status=Status(to_status) if to_status else None,
        evidence_id=evidence_id,
        field=EditedField(edited) if edited else (EditedField.TEXT if event_kind is EventKind.EDITED else None),
        old_value=old,
        new_value=new,
        assignee=assignee,
        merged_into=merged_into,
        factcheck_id=factcheck_id,
        undoes=undoes,
        claimant=claimant,
        claim_kind=ClaimKind(claim_kind) if claim_kind else None,
        id=event_id,
        part_of=part_of,
    )


def differences(claim: Any, replayed: ClaimState | None, evidence: set[int]) -> list[str]:
    """Where a stored claim (a row of _CLAIM_COLUMNS) and the replay of its history disagree."""
    if replayed is None:
        return ["the claim has no history"]
    found = list(replayed.breaks)
    if replayed.status.value != claim.status:
        found.append(f"status is {claim.status}, history says {replayed.status.value}")
    if replayed.assignee != claim.assignee:
        found.append(f"assignee is {claim.assignee}, history says {replayed.assignee}")
    # Histories written before creations recorded the wording know it only from the first edit.
    if replayed.text is not None and replayed.text != claim.text:
        found.append("text differs from what the history says")
    if replayed.kind is not None:
        if replayed.kind.value != claim.kind:
            found.append(f"kind is {claim.kind}, history says {replayed.kind.value}")
        if replayed.claimant != claim.claimant:
            found.append(f"claimant is {claim.claimant}, history says {replayed.claimant}")
    if evidence != replayed.evidence:
        found.append(f"evidence is {sorted(evidence)}, history says {sorted(replayed.evidence)}")
    if replayed.signed_off_by != claim.signed_off_by:
        found.append(f"signed off by {claim.signed_off_by}, history says {replayed.signed_off_by}")
    if replayed.merged_into != claim.merged_into:
        found.append(f"merged into {claim.merged_into}, history says {replayed.merged_into}")
    return found


def verify_editors(connection: Connection) -> list[tuple[str, str]]:
    """Replay the editor list's history (each name's latest entry says their role, or that they
    were removed) and say which editors disagree with it, as (name, what disagrees).

    Done in SQL, one row per editor: the list is small, but nothing loads a table into Python."""
    latest = (
        select(EditorEvent.name, func.max(EditorEvent.id).label("id")).group_by(EditorEvent.name).subquery("latest")
    )
    recorded = (
        select(latest.c.name, EditorEvent.role).join(EditorEvent, EditorEvent.id == latest.c.id).subquery("recorded")
    )
    stored_role = case((Editor.removed_at.is_(None), Editor.role), else_=None)
    on_the_list = connection.execute(
        select(Editor.name, stored_role, recorded.c.name, recorded.c.role)
        .outerjoin(recorded, recorded.c.name == Editor.name)
        .where((recorded.c.name.is_(None)) | stored_role.is_distinct_from(recorded.c.role))
        .order_by(Editor.name)
        .limit(LISTED_PROBLEMS)
    ).all()
    only_in_history = connection.execute(
        select(recorded.c.name, recorded.c.role)
        .where(recorded.c.role.is_not(None), ~select(Editor.id).where(Editor.name == recorded.c.name).exists())
        .order_by(recorded.c.name)
        .limit(LISTED_PROBLEMS)
    ).all()
    found = [
        (name, "no history" if in_history is None else f"role is {_role(role)}, history says {_role(history)}")
        for name, role, in_history, history in on_the_list
    ]
    found += [(name, f"not on the list, history says {role}") for name, role in only_in_history]
    return found


def _role(role: str | None) -> str:
    return role if role is not None else "removed"
