"""The desk's rules: which events an editor's command causes, or which rule refuses it.

- a new claim is ``unverified``; an editor takes it ``in_review`` before giving a verdict;
- ``confirmed``, ``refuted`` and ``mixed`` rest on at least one piece of evidence in force;
  ``unverifiable`` needs a note saying why;
- a claim not worth checking is ``dismissed`` (with a note); a duplicate is ``merged`` into the
  claim that carries on; both come back with ``reopen``, as unverified;
- a verdict changes only by reopening it (back to ``in_review``), with a note;
- two-person rule: once the desk keeps an editor registry, a verdict is a draft until a second
  editor approves it (which publishes it) or rejects it (back to ``in_review``). The editor who
  gave it can do neither. A lone editor with no registry publishes a verdict by giving it (the
  history records their approval with the verdict), except a verdict imported as a draft, which
  they publish with ``approve``;
- roles: a reporter adds claims, evidence and notes; an editor also reviews, assigns, corrects,
  gives and signs off verdicts; a chief also manages the desk's editors;
- ``undo`` takes back an editor's own latest command on a claim (every event it wrote: an edit of
  claimant and kind, a verdict with its evidence) by appending its reverse, unless someone changed
  the claim since; sign-offs and reopened verdicts are not undone that way.

``decide`` never changes anything: it returns events for the caller to store and apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.domain.claim import ClaimState, Event, apply, new_event
from claims.errors import InvalidInput, MissingDetail, NotAllowed, RuleViolation
from claims.vocabulary import VERDICTS, ClaimKind, EditedField, EventKind, Role, Status

# Where a status change may lead. A verdict, a dismissed and a merged claim change only by
# reopening them, with a note (``Reopen``), and a draft also by a second editor's rejection.
ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.UNVERIFIED: frozenset({Status.IN_REVIEW, Status.DISMISSED, Status.MERGED}),
    Status.IN_REVIEW: frozenset({Status.UNVERIFIED, Status.DISMISSED, Status.MERGED} | VERDICTS),
    Status.DISMISSED: frozenset(),
    Status.MERGED: frozenset(),
    **{verdict: frozenset() for verdict in VERDICTS},
}
NEEDS_EVIDENCE = frozenset({Status.CONFIRMED, Status.REFUTED, Status.MIXED})
NEEDS_NOTE = frozenset({Status.UNVERIFIABLE, Status.DISMISSED})
# What each role may do is the role and every role before it (see Role.includes).
NEEDED = {Role.REPORTER: "a reporter, editor or chief", Role.EDITOR: "an editor or a chief", Role.CHIEF: "a chief"}
# The note on the approval a lone editor's verdict carries: they publish it by giving it.
PUBLISHED_ON_GIVING = "published as given: the desk keeps no editor list"
KIND_VALUES = [kind.value for kind in ClaimKind]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who gives a command: their name, their role on the registry (None: not on it, or removed),
    and whether the desk keeps a registry at all (without one, anyone may do anything)."""

    name: str
    role: Role | None
    registry: bool


def require(actor: Actor, needed: Role, *, doing: str) -> None:
    """Refuse an editor the registry does not know, or whose role is below what DOING needs."""
    if not actor.registry:
        return
    if actor.role is None:
        raise NotAllowed(
            f"{actor.name} is not on the desk's editor list: a chief adds them with `claims editor add {actor.name}`"
        )
    if not actor.role.includes(needed):
        raise NotAllowed(f"{actor.name} is {_a(actor.role.value)}: {doing} needs {NEEDED[needed]}")


# The commands an editor gives about a claim.


@dataclass(frozen=True, slots=True)
class Create:
    text: str
    claimant: str | None
    kind: ClaimKind
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ChangeStatus:
    """Review, a verdict, back to unverified, or dismiss; EVIDENCE_ID is evidence given with a verdict."""

    status: Status
    note: str | None = None
    evidence_id: int | None = None


@dataclass(frozen=True, slots=True)
class Reopen:
    note: str | None


@dataclass(frozen=True, slots=True)
class Merge:
    """Merge the claim into another that carries on: INTO's id and where it stands."""

    into: int
    into_status: Status
    note: str | None = None
    merged_here: int = 0  # how many claims were merged into this one


@dataclass(frozen=True, slots=True)
class Approve:
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Reject:
    note: str | None


@dataclass(frozen=True, slots=True)
class Publish:
    """A verdict just given, with the sign-off a spreadsheet records (``claims import``): by SIGNER,
    or else as a lone editor publishes a verdict by giving it (``as_given``), or left a draft."""

    signer: Actor | None
    as_given: bool


@dataclass(frozen=True, slots=True)
class Assign:
    to: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Unassign:
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Edit:
    field: EditedField
    value: str | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Correct:
    """Several corrections in one command (``claims edit 7 --claimant X --kind Y``): one action,
    which one undo takes back."""

    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class AddNote:
    text: str | None


@dataclass(frozen=True, slots=True)
class AddEvidence:
    evidence_id: int


@dataclass(frozen=True, slots=True)
class WithdrawEvidence:
    evidence_id: int
    added_by: str  # who attached it: a reporter withdraws only their own
    note: str | None


@dataclass(frozen=True, slots=True)
class Link:
    factcheck_id: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Unlink:
    factcheck_id: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Undo:
    note: str | None = None


Command = (
    ChangeStatus | Reopen | Merge | Approve | Reject | Publish | Assign | Unassign | Edit | Correct | AddNote | AddEvidence
    | WithdrawEvidence | Link | Unlink | Undo
)  # fmt: skip


def create(command: Create, actor: Actor) -> Event:
    """The creation event of a new claim."""
    require(actor, Role.REPORTER, doing="adding claims")
    if not command.text.strip():
        raise InvalidInput("the claim text is empty")
    return new_event(
        EventKind.CREATED,
        actor.name,
        to_status=Status.UNVERIFIED,
        note=command.note,
        new_value=command.text,
        claimant=command.claimant,
        claim_kind=command.kind,
    )


def decide(state: ClaimState, command: Command, actor: Actor) -> list[Event]:
    """The events COMMAND causes on a claim in STATE, given by ACTOR; raises the rule it breaks."""
    match command:
        case ChangeStatus():
            return _change_status(state, command, actor)
        case Reopen():
            return _reopen(state, command, actor)
        case Merge():
            return _merge(state, command, actor)
        case Approve():
            return [_approval(state, command.note, actor)]
        case Reject():
            return [_rejection(state, command, actor)]
        case Publish():
            return _publish(state, command, actor)
        case Assign():
            require(actor, Role.EDITOR, doing="assigning claims")
            if state.assignee == command.to:
                raise RuleViolation(f"claim {state.id} is already assigned to {command.to}")
            return [new_event(EventKind.ASSIGNED, actor.name, assignee=command.to, note=command.note)]
        case Unassign():
            require(actor, Role.EDITOR, doing="assigning claims")
            if state.assignee is None:
                raise RuleViolation(f"claim {state.id} is not assigned to anyone")
            return [new_event(EventKind.UNASSIGNED, actor.name, assignee=state.assignee, note=command.note)]
        case Edit():
            return [_edit(state, command, actor)]
        case Correct():
            return _correct(state, command, actor)
        case AddNote():
            require(actor, Role.REPORTER, doing="adding notes")
            if not command.text:
                raise InvalidInput("the note is empty")
            return [new_event(EventKind.NOTE, actor.name, note=command.text)]
        case AddEvidence():
            require(actor, Role.REPORTER, doing="adding evidence")
            _not_merged(state, "adding evidence to it")
            return [new_event(EventKind.EVIDENCE_ADDED, actor.name, evidence_id=command.evidence_id)]
        case WithdrawEvidence():
            return [_withdrawal(state, command, actor)]
        case Link():
            require(actor, Role.EDITOR, doing="linking claims to fact-checks")
            if command.factcheck_id in state.factchecks:
                raise RuleViolation(f"claim {state.id} is already linked to fact-check {command.factcheck_id}")
            return [new_event(EventKind.LINKED, actor.name, factcheck_id=command.factcheck_id, note=command.note)]
        case Unlink():
            require(actor, Role.EDITOR, doing="linking claims to fact-checks")
            if command.factcheck_id not in state.factchecks:
                raise RuleViolation(f"claim {state.id} is not linked to fact-check {command.factcheck_id}")
            return [new_event(EventKind.UNLINKED, actor.name, factcheck_id=command.factcheck_id, note=command.note)]
        case Undo():
            return _undo(state, command, actor)
    raise TypeError(f"not a command: {command!r}")  # pragma: no cover - the match is exhaustive


def _change_status(state: ClaimState, command: ChangeStatus, actor: Actor) -> list[Event]:
    target, current, claim = command.status, state.status, state.id
    require(actor, Role.EDITOR, doing="changing a claim's status")
    if target is Status.MERGED:
        raise InvalidInput(f"say which claim it duplicates: `claims merge {claim} --into OTHER`")
    if command.evidence_id is not None and not target.is_verdict:
        raise InvalidInput(f"evidence goes with a verdict, not with {target.value}: use `claims evidence add`")
    if target is current:
        raise RuleViolation(f"claim {claim} is already {current.value}")
    if target not in ALLOWED_TRANSITIONS[current]:
        if current is Status.UNVERIFIED and target.is_verdict:
            raise RuleViolation(f"claim {claim} is unverified: take it into review first (`claims review {claim}`)")
        if current.is_verdict:
            raise RuleViolation(
                f"claim {claim} is already {current.value}: reopen it first (`claims reopen {claim} --note ...`)"
            )
        if current in (Status.DISMISSED, Status.MERGED):
            raise RuleViolation(
                f"claim {claim} is {current.value}: reopen it first (`claims reopen {claim} --note ...`)"
            )
        raise RuleViolation(f"claim {claim} cannot go from {current.value} to {target.value}")
    if target in NEEDS_EVIDENCE and command.evidence_id is None and not state.evidence:
        raise MissingDetail(
            f"claim {claim} has no evidence: {target.value} needs at least one evidence URL (--evidence)",
            needs="evidence",
        )
    if target in NEEDS_NOTE and not command.note:
        verb = "dismissing a claim" if target is Status.DISMISSED else "unverifiable"
        raise MissingDetail(f"claim {claim}: {verb} needs a --note saying why", needs="note")
    events = []
    if command.evidence_id is not None:
        events.append(new_event(EventKind.EVIDENCE_ADDED, actor.name, evidence_id=command.evidence_id))
    events.append(
        new_event(EventKind.STATUS_CHANGED, actor.name, from_status=current, to_status=target, note=command.note)
    )
    if target.is_verdict and not actor.registry:
        events.append(
            new_event(EventKind.APPROVED, actor.name, from_status=target, to_status=target, note=PUBLISHED_ON_GIVING)
        )
    return events


def _reopen(state: ClaimState, command: Reopen, actor: Actor) -> list[Event]:
    current = state.status
    if not (current.is_verdict or current in (Status.DISMISSED, Status.MERGED)):
        raise RuleViolation(
            f"claim {state.id} is {current.value}: only a verdict, a dismissed or a merged claim can be reopened"
        )
    require(actor, Role.EDITOR, doing="changing a claim's status")
    if not command.note:
        what = "a verdict" if current.is_verdict else f"a {current.value} claim"
        raise RuleViolation(f"claim {state.id}: reopening {what} needs a --note saying why")
    target = Status.IN_REVIEW if current.is_verdict else Status.UNVERIFIED
    return [new_event(EventKind.STATUS_CHANGED, actor.name, from_status=current, to_status=target, note=command.note)]


def _merge(state: ClaimState, command: Merge, actor: Actor) -> list[Event]:
    require(actor, Role.EDITOR, doing="merging claims")
    if command.into == state.id:
        raise InvalidInput(f"claim {state.id} cannot be merged into itself")
    if command.into_status is Status.MERGED:
        raise RuleViolation(f"claim {command.into} is itself merged: merge into the claim it was merged into")
    if command.merged_here:
        raise RuleViolation(
            f"{command.merged_here} claim(s) are merged into claim {state.id}: it carries on for them, "
            "so it cannot be merged itself"
        )
    if Status.MERGED not in ALLOWED_TRANSITIONS[state.status]:
        if state.status.is_verdict:
            raise RuleViolation(
                f"claim {state.id} is already {state.status.value}: reopen it first (`claims reopen {state.id} --note ...`)"
            )
        raise RuleViolation(f"claim {state.id} is {state.status.value}: only an open claim can be merged")
    return [
        new_event(
            EventKind.STATUS_CHANGED,
            actor.name,
            from_status=state.status,
            to_status=Status.MERGED,
            merged_into=command.into,
            note=command.note,
        )
    ]


def _draft(state: ClaimState, actor: Actor, *, doing: str, own_verdict: str) -> Status:
    """The draft verdict a second editor is about to approve or reject, after checking they may."""
    require(actor, Role.EDITOR, doing=doing)
    if not state.status.is_verdict:
        raise RuleViolation(
            f"claim {state.id} is {state.status.value}: only a draft verdict can be approved or rejected"
        )
    if state.signed_off_by is not None:
        raise RuleViolation(
            f"claim {state.id} is already published ({state.status.value}, signed off by {state.signed_off_by}): "
            f"reopen it with `claims reopen {state.id} --note ...` to change it"
        )
    # A lone editor (no registry) signs off alone: a draft there was imported as one.
    if actor.registry and state.verdict_by == actor.name:
        raise NotAllowed(f"you gave claim {state.id} its verdict: a second editor must {own_verdict}")
    return state.status


def _approval(state: ClaimState, note: str | None, actor: Actor) -> Event:
    status = _draft(state, actor, doing="approving a verdict", own_verdict="approve it")
    return new_event(EventKind.APPROVED, actor.name, from_status=status, to_status=status, note=note)


def _rejection(state: ClaimState, command: Reject, actor: Actor) -> Event:
    status = _draft(
        state, actor, doing="rejecting a verdict", own_verdict="reject it (withdraw your own with `claims reopen`)"
    )
    if not command.note:
        raise RuleViolation(f"claim {state.id}: rejecting a verdict needs a --note saying why")
    return new_event(EventKind.REJECTED, actor.name, from_status=status, to_status=Status.IN_REVIEW, note=command.note)


def _publish(state: ClaimState, command: Publish, actor: Actor) -> list[Event]:
    """A spreadsheet's sign-off of the verdict just given: a second editor's approval, a lone
    editor's verdict published as given, or nothing (it stays a draft)."""
    signer = command.signer
    if signer is not None:
        if signer.registry and signer.name == state.verdict_by:
            raise NotAllowed(f"{state.verdict_by} gave the verdict: a second editor must sign it off")
        return [_approval(state, None, signer)]
    if command.as_given and not actor.registry:
        return [new_event(EventKind.APPROVED, actor.name, from_status=state.status, to_status=state.status,
                      note=PUBLISHED_ON_GIVING)]  # fmt: skip
    return []


def _edit(state: ClaimState, command: Edit, actor: Actor) -> Event:
    field = command.field
    require(actor, Role.EDITOR, doing=f"correcting a claim's {field.value}")
    if state.status.is_verdict:
        raise RuleViolation(
            f"claim {state.id} is {state.status.value}: reopen it (`claims reopen {state.id} --note ...`) "
            f"before changing its {'wording' if field is EditedField.TEXT else field.value}"
        )
    _not_merged(state, "correcting it")
    old = {EditedField.TEXT: state.text, EditedField.CLAIMANT: state.claimant}.get(
        field, state.kind.value if state.kind is not None else None
    )
    if field is EditedField.TEXT and not command.value:
        raise InvalidInput("the claim text is empty")
    if field is EditedField.KIND and command.value not in KIND_VALUES:
        raise InvalidInput(f"unknown kind {command.value!r}; choose one of: {', '.join(KIND_VALUES)}")
    if command.value == old:
        raise RuleViolation(f"claim {state.id} already says that" if field is EditedField.TEXT
                            else f"claim {state.id}'s {field.value} is already {old}")  # fmt: skip
    return new_event(
        EventKind.EDITED, actor.name, field=field, old_value=old, new_value=command.value, note=command.note
    )


def _correct(state: ClaimState, command: Correct, actor: Actor) -> list[Event]:
    """Each correction in turn, each checked against the claim as the ones before left it."""
    if not command.edits:
        raise InvalidInput("say what to correct: --text, --claimant or --kind")
    if len({edit.field for edit in command.edits}) < len(command.edits):
        raise InvalidInput("correct each field once")
    events = []
    for edit in command.edits:
        event = _edit(state, edit, actor)
        events.append(event)
        state = apply(state, event)
    return events


def _withdrawal(state: ClaimState, command: WithdrawEvidence, actor: Actor) -> Event:
    evidence_id = command.evidence_id
    if command.added_by == actor.name:
        require(actor, Role.REPORTER, doing="withdrawing evidence")
    else:
        require(actor, Role.EDITOR, doing="withdrawing a colleague's evidence")
    if evidence_id not in state.evidence:
        raise RuleViolation(f"evidence {evidence_id} is already withdrawn")
    if not command.note:
        raise RuleViolation(f"evidence {evidence_id}: withdrawing evidence needs a --note saying why")
    if state.status in NEEDS_EVIDENCE and state.evidence == {evidence_id}:
        raise RuleViolation(
            f"claim {state.id} is {state.status.value} on this evidence alone: "
            f"reopen it (`claims reopen {state.id} --note ...`) before withdrawing it"
        )
    return new_event(EventKind.EVIDENCE_WITHDRAWN, actor.name, evidence_id=evidence_id, note=command.note)


def _not_merged(state: ClaimState, doing: str) -> None:
    if state.status is Status.MERGED:
        raise RuleViolation(
            f"claim {state.id} is merged into claim {state.merged_into}: work on that one instead of {doing}"
        )


def _undo(state: ClaimState, command: Undo, actor: Actor) -> list[Event]:
    """The reverse of ACTOR's own latest command, if nobody changed the claim since: every event it
    wrote (an edit of claimant and kind, a verdict given with its evidence), the latest first."""
    action, before = state.action, state.before_action
    claim = state.id
    if not action or before is None:
        raise RuleViolation(f"claim {claim} has nothing to undo: its only change is its creation")
    # Every event of the command, not only its last: a history written by hand could mark one's
    # own event part of a colleague's command.
    others = [event.editor for event in action if event.editor != actor.name]
    if others:
        raise RuleViolation(f"claim {claim} was last changed by {others[-1]}: you can only undo your own latest change")
    if any(event.undoes is not None for event in action):
        raise RuleViolation(f"claim {claim}'s latest change is already an undo")
    # Taking a change back needs the role that making it needs (a demoted editor cannot).
    reporters = (EventKind.EVIDENCE_ADDED, EventKind.EVIDENCE_WITHDRAWN, EventKind.NOTE)
    needed = Role.REPORTER if all(event.kind in reporters for event in action) else Role.EDITOR
    require(actor, needed, doing="undoing that change")
    if any(event.kind is EventKind.APPROVED for event in action):
        raise RuleViolation(
            f"a sign-off is not undone: reopen claim {claim} with `claims reopen {claim} --note ...` to change it"
        )
    # The state before each event of the command, to put back what each changed.
    befores = [before]
    for event in action[:-1]:
        befores.append(apply(befores[-1], event))
    reverses = []
    for event, prior in zip(reversed(action), reversed(befores), strict=True):
        reverse = _reverse(state, prior, event, actor, command.note or f"undoes event {event.id}")
        reverses.append(reverse)
        state = apply(state, reverse)
    return reverses


def _reverse(state: ClaimState, before: ClaimState, last: Event, actor: Actor, reason: str) -> Event:
    """The event that takes LAST back, in STATE; BEFORE is the claim as it was before LAST."""
    claim = state.id
    kind = last.kind
    if kind is EventKind.STATUS_CHANGED and last.from_status is not None and last.to_status is not None:
        if last.from_status.is_verdict:
            raise RuleViolation(f"claim {claim} was reopened: give it a verdict again instead of undoing that")
        return new_event(
            EventKind.STATUS_CHANGED,
            actor.name,
            from_status=last.to_status,
            to_status=last.from_status,
            merged_into=before.merged_into,
            note=reason,
            undoes=last.id,
        )
    if kind is EventKind.EVIDENCE_ADDED:
        if state.status in NEEDS_EVIDENCE and state.evidence == {last.evidence_id}:
            raise RuleViolation(f"claim {claim} is {state.status.value} on that evidence: reopen it first")
        return new_event(
            EventKind.EVIDENCE_WITHDRAWN, actor.name, evidence_id=last.evidence_id, note=reason, undoes=last.id
        )
    if kind is EventKind.EVIDENCE_WITHDRAWN:
        return new_event(
            EventKind.EVIDENCE_ADDED, actor.name, evidence_id=last.evidence_id, note=reason, undoes=last.id
        )
    if kind is EventKind.EDITED:
        return new_event(
            EventKind.EDITED,
            actor.name,
            field=last.field,
            old_value=last.new_value,
            new_value=last.old_value,
            note=reason,
            undoes=last.id,
        )
    if kind in (EventKind.ASSIGNED, EventKind.UNASSIGNED):
        if before.assignee is None:
            return new_event(EventKind.UNASSIGNED, actor.name, assignee=state.assignee, note=reason, undoes=last.id)
        return new_event(EventKind.ASSIGNED, actor.name, assignee=before.assignee, note=reason, undoes=last.id)
    if kind in (EventKind.LINKED, EventKind.UNLINKED):
        reverse = EventKind.UNLINKED if kind is EventKind.LINKED else EventKind.LINKED
        return new_event(reverse, actor.name, factcheck_id=last.factcheck_id, note=reason, undoes=last.id)
    raise RuleViolation(f"claim {claim}'s latest change ({kind.value.replace('_', ' ')}) cannot be undone")


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
