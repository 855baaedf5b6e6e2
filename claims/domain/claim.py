"""A claim as its history tells it: the events that can happen to a claim, and what each does.

``apply(state, event)`` is the one place that says what an event changes; ``replay`` folds a
claim's whole history through it. The services update the claim row from the state ``apply``
returns, and ``claims db verify`` compares the stored row with the replay, so the row can never
say something the history does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import MISSING, Field, dataclass, field, fields, make_dataclass, replace
from operator import attrgetter
from typing import Any, TypeVar, cast

from claims.vocabulary import ClaimKind, EditedField, EventKind, Status


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of a claim's append-only history, as the rules see it (``id`` once stored)."""

    kind: EventKind
    editor: str
    from_status: Status | None = None
    to_status: Status | None = None
    note: str | None = None
    evidence_id: int | None = None
    # An edit: which field, and its value before and after. A creation: the wording in new_value.
    field: EditedField | None = None
    old_value: str | None = None
    new_value: str | None = None
    # Assigned: who takes the claim; unassigned: who it was taken from.
    assignee: str | None = None
    merged_into: int | None = None
    factcheck_id: int | None = None
    # The id of the event this one takes back (``claims undo``).
    undoes: int | None = None
    # A creation: who made the claim and what kind of statement it is.
    claimant: str | None = None
    claim_kind: ClaimKind | None = None
    id: int | None = None
    # The id of the first event of the command this one is part of (None: it opens its command):
    # what one command wrote, one undo takes back.
    part_of: int | None = None


@dataclass(frozen=True, slots=True)
class ClaimState:
    """Where a claim stands, as far as the rules care.

    ``text``, ``claimant`` and ``kind`` are None in a replay of a history written before
    creations recorded them (the history cannot tell them until the first edit)."""

    id: int
    status: Status
    text: str | None = None
    claimant: str | None = None
    kind: ClaimKind | None = None
    assignee: str | None = None
    evidence: frozenset[int] = frozenset()
    verdict_by: str | None = None  # who gave the current verdict
    signed_off_by: str | None = None  # who published it; None for a draft or no verdict
    merged_into: int | None = None
    factchecks: frozenset[int] = frozenset()
    # The events of the latest command, oldest first, which ``claims undo`` may take back together,
    # and the state before them.
    action: tuple[Event, ...] = ()
    before_action: ClaimState | None = field(default=None, repr=False, compare=False)
    # Events whose "from" status is not where the history stood: a change was skipped.
    breaks: tuple[str, ...] = ()

    @property
    def is_draft(self) -> bool:
        return self.status.is_verdict and self.signed_off_by is None

    @property
    def is_published(self) -> bool:
        return self.status.is_verdict and self.signed_off_by is not None


Frozen = TypeVar("Frozen")


def quick_constructor(cls: type[Frozen]) -> type[Frozen]:
    """``cls(...)`` for a frozen, slotted dataclass at a fifth of the cost, for the values made by
    the hundred thousand (an import's states and events; a check's replay of every history).

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, since its
    own ``__setattr__`` refuses, and that costs ten times a plain assignment. This sets the same
    fields, with the same defaults, on an unfrozen twin of the same layout, then hands the object
    over to CLS, which refuses any change from then on as usual: the value is the one ``cls(...)``
    gives (equal, same hash, same type). A field with a default factory is not supported. Typed
    as the class, so that the type checker checks the arguments of each call as for ``cls(...)``."""
    twin = make_dataclass(
        f"_{cls.__name__}Draft",
        [(found.name, found.type, _same_default(found)) for found in fields(cast(Any, cls))],
        slots=True,
        eq=False,
        repr=False,
        match_args=False,
    )

    def build(*args: Any, **kwargs: Any) -> Frozen:
        made = twin(*args, **kwargs)
        made.__class__ = cls
        return cast(Frozen, made)

    return cast("type[Frozen]", build)


def _same_default(found: Field[Any]) -> Any:
    assert found.default_factory is MISSING, f"{found.name}: a default factory is not supported"
    return field(default=found.default) if found.default is not MISSING else field()


def created(claim_id: int, event: Event) -> ClaimState:
    """The state a creation event starts a claim in."""
    assert event.kind is EventKind.CREATED and event.to_status is not None
    return _new_state(
        id=claim_id,
        status=event.to_status,
        text=event.new_value,
        claimant=event.claimant,
        kind=event.claim_kind,
        action=(event,),
    )


def apply(state: ClaimState, event: Event) -> ClaimState:
    """The state after EVENT. Pure: the rules (``claims.domain.rules``) decided it may happen."""
    changes: dict[str, object] = {}
    if event.part_of is not None and state.action and state.action[0].id == event.part_of:
        changes |= {"action": (*state.action, event)}  # the same command goes on
    else:
        changes |= {"action": (event,), "before_action": state}
    kind = event.kind
    if kind in (EventKind.STATUS_CHANGED, EventKind.REJECTED) and event.from_status is not state.status:
        changes["breaks"] = (
            *state.breaks,
            f"event {event.id} goes from {_name(event.from_status)} but the claim was {state.status.value}",
        )
    if kind is EventKind.CREATED:
        return created(state.id, event)
    if kind in (EventKind.STATUS_CHANGED, EventKind.REJECTED):
        assert event.to_status is not None
        giving = kind is EventKind.STATUS_CHANGED and event.to_status.is_verdict
        changes |= {
            "status": event.to_status,
            "verdict_by": event.editor if giving else None,
            "signed_off_by": None,
            "merged_into": event.merged_into if event.to_status is Status.MERGED else None,
        }
    elif kind is EventKind.APPROVED:
        changes["signed_off_by"] = event.editor
    elif kind is EventKind.EVIDENCE_ADDED and event.evidence_id is not None:
        changes["evidence"] = state.evidence | {event.evidence_id}
    elif kind is EventKind.EVIDENCE_WITHDRAWN and event.evidence_id is not None:
        changes["evidence"] = state.evidence - {event.evidence_id}
    elif kind is EventKind.EDITED:
        changes |= _edited(event)
    elif kind is EventKind.ASSIGNED:
        changes["assignee"] = event.assignee
    elif kind is EventKind.UNASSIGNED:
        changes["assignee"] = None
    elif kind is EventKind.LINKED and event.factcheck_id is not None:
        changes["factchecks"] = state.factchecks | {event.factcheck_id}
    elif kind is EventKind.UNLINKED and event.factcheck_id is not None:
        changes["factchecks"] = state.factchecks - {event.factcheck_id}
    return _changed(state, changes)


_STATE_FIELDS = tuple(found.name for found in fields(ClaimState))
_state_values = attrgetter(*_STATE_FIELDS)
_new_state = quick_constructor(ClaimState)
# ``Event(...)`` for the rules and for reading histories back (``quick_constructor``).
new_event = quick_constructor(Event)


def _changed(state: ClaimState, changes: dict[str, object]) -> ClaimState:
    """``dataclasses.replace(state, **changes)`` without its checks of every field, which cost as
    much as the new state itself: ``apply`` runs for every event of every claim an import adds."""
    return _new_state(
        *[changes.get(name, value) for name, value in zip(_STATE_FIELDS, _state_values(state), strict=True)]  # type: ignore[arg-type]
    )


def _edited(event: Event) -> dict[str, object]:
    if event.field is EditedField.KIND:
        return {"kind": ClaimKind(event.new_value) if event.new_value is not None else None}
    if event.field is EditedField.CLAIMANT:
        return {"claimant": event.new_value}
    return {"text": event.new_value}


def as_one_command(events: Sequence[Event], first_id: int) -> list[Event]:
    """The events one command decided, as stored: the first with its id, the rest part of it."""
    return [replace(events[0], id=first_id), *(replace(event, part_of=first_id) for event in events[1:])]


def replay(claim_id: int, events: Iterable[Event]) -> ClaimState | None:
    """The state a claim's history, oldest first, leaves it in (None: no history at all)."""
    state: ClaimState | None = None
    for event in events:
        if state is None:
            state = created(claim_id, event) if event.kind is EventKind.CREATED else _without_creation(claim_id, event)
        else:
            state = apply(state, event)
    return state


def _without_creation(claim_id: int, event: Event) -> ClaimState:
    """A history that does not start with the claim's creation is broken; replay what follows."""
    start = ClaimState(id=claim_id, status=event.from_status or Status.UNVERIFIED)
    state = apply(start, event)
    return replace(state, breaks=(f"the history does not start with the claim's creation (event {event.id})",))


def _name(status: Status | None) -> str:
    return status.value if status is not None else "nothing"
