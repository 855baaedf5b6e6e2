"""Replaying a claim's history: the append-only events alone must give the claim's current state.

Pure: it reads events and claims already loaded. The desk relies on it to show that no change
was lost or applied twice (``claims db verify``, and the load test after many editors at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from claims.models import VERDICTS, Claim, ClaimEvent, EventKind

_VERDICT_VALUES = frozenset(status.value for status in VERDICTS)


@dataclass
class ReplayedClaim:
    status: str | None = None
    assignee: str | None = None
    # The creation event does not record the wording, so it is known only after an edit.
    text: str | None = None
    verdict_by: str | None = None
    approved_by: str | None = None
    evidence_ids: set[int] = field(default_factory=set)
    # Events whose "from" status is not where the replay stood: the history skipped a change.
    breaks: list[str] = field(default_factory=list)


def replay(events: Iterable[ClaimEvent]) -> ReplayedClaim:
    state = ReplayedClaim()
    for event in events:
        kind = EventKind(event.kind)
        if kind in (EventKind.STATUS_CHANGED, EventKind.REJECTED) and event.from_status != state.status:
            state.breaks.append(f"event {event.id} goes from {event.from_status} but the claim was {state.status}")
        if kind is EventKind.CREATED:
            state.status = event.to_status
        elif kind is EventKind.STATUS_CHANGED:
            state.status = event.to_status
            state.verdict_by = event.editor if event.to_status in _VERDICT_VALUES else None
            state.approved_by = None
        elif kind is EventKind.REJECTED:
            state.status, state.verdict_by, state.approved_by = event.to_status, None, None
        elif kind is EventKind.APPROVED:
            state.approved_by = event.editor
        elif kind is EventKind.EVIDENCE_ADDED and event.evidence_id is not None:
            state.evidence_ids.add(event.evidence_id)
        elif kind is EventKind.EDITED:
            state.text = event.new_text
        elif kind is EventKind.ASSIGNED:
            state.assignee = event.assignee
        elif kind is EventKind.UNASSIGNED:
            state.assignee = None
    return state


def differences(claim: Claim) -> list[str]:
    """Where the claim's stored state and the replay of its history disagree (none, normally)."""
    replayed = replay(claim.events)
    found = list(replayed.breaks)
    if replayed.status != claim.status:
        found.append(f"status is {claim.status}, history says {replayed.status}")
    if replayed.assignee != claim.assignee:
        found.append(f"assignee is {claim.assignee}, history says {replayed.assignee}")
    if replayed.text is not None and replayed.text != claim.text:
        found.append("text differs from the last edit in the history")
    stored_evidence = {evidence.id for evidence in claim.evidence}
    if stored_evidence != replayed.evidence_ids:
        found.append(f"evidence is {sorted(stored_evidence)}, history says {sorted(replayed.evidence_ids)}")
    if claim.status not in _VERDICT_VALUES or replayed.approved_by is not None:
        expected = {replayed.approved_by}
    else:
        # A draft, or a verdict a lone editor published by giving it.
        expected = {None, replayed.verdict_by}
    if claim.signed_off_by not in expected:
        found.append(f"signed off by {claim.signed_off_by}, history says {' or '.join(map(str, expected))}")
    return found
