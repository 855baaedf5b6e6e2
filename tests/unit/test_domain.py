"""The rulebook on its own: no database, milliseconds per test; and, through the services, the
property that any sequence of commands the rules accept replays from the history to the stored claim."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.domain.claim import ClaimState, Event, apply, as_one_command, new_event, quick_constructor, replay
from claims.domain.editors import adding, changing_role, removing
from claims.domain.rules import (
    Actor,
    AddEvidence,
    AddNote,
    Approve,
    Assign,
    ChangeStatus,
    Command,
    Correct,
    Create,
    Edit,
    Link,
    Merge,
    Publish,
    Reject,
    Reopen,
    Unassign,
    Undo,
    Unlink,
    WithdrawEvidence,
    create,
    decide,
)  # fmt: skip
from claims.errors import ClaimsError, InvalidInput, NotAllowed, NotFound, RuleViolation
from claims.vocabulary import ClaimKind, EditedField, EventKind, Role, Status

ANA_ALONE = Actor("ana", None, registry=False)
ANA, BO, RITA = Actor("ana", Role.CHIEF, True), Actor("bo", Role.EDITOR, True), Actor("rita", Role.REPORTER, True)


class History:
    """A claim and its history as a database would keep them: events numbered as they are stored."""

    def __init__(self, actor: Actor = ANA_ALONE, text: str = "Amazon acquired Zoox") -> None:
        event = replace(create(Create(text, "Reuters", ClaimKind.FACT), actor), id=1)
        self.events = [event]
        self.state = replay(1, self.events)
        assert self.state is not None

    def do(self, command: Command, actor: Actor = ANA_ALONE) -> list[Event]:
        assert self.state is not None
        events = decide(self.state, command, actor)
        stored = as_one_command(events, len(self.events) + 1) if events else []
        for number, event in enumerate(stored, start=len(self.events) + 1):
            event = replace(event, id=number)
            self.events.append(event)
            self.state = apply(self.state, event)
        return stored

    @property
    def now(self) -> ClaimState:
        assert self.state is not None
        return self.state


def test_a_verdict_needs_a_review_and_evidence() -> None:
    claim = History()
    with pytest.raises(RuleViolation, match="take it into review first"):
        claim.do(ChangeStatus(Status.CONFIRMED, evidence_id=1))
    claim.do(ChangeStatus(Status.IN_REVIEW))
    with pytest.raises(RuleViolation, match="needs at least one evidence URL"):
        claim.do(ChangeStatus(Status.CONFIRMED))
    claim.do(AddEvidence(7))
    claim.do(ChangeStatus(Status.CONFIRMED))
    assert claim.now.status is Status.CONFIRMED and claim.now.evidence == {7}


def test_a_lone_editor_publishes_by_giving_and_the_history_says_so() -> None:
    claim = History()
    claim.do(ChangeStatus(Status.IN_REVIEW))
    kinds = [event.kind for event in claim.do(ChangeStatus(Status.REFUTED, evidence_id=3))]
    assert kinds == [EventKind.EVIDENCE_ADDED, EventKind.STATUS_CHANGED, EventKind.APPROVED]
    assert claim.now.signed_off_by == "ana" and claim.now.is_published


def test_on_a_desk_a_second_editor_signs_off() -> None:
    claim = History(ANA)
    claim.do(ChangeStatus(Status.IN_REVIEW), BO)
    claim.do(ChangeStatus(Status.REFUTED, evidence_id=3), BO)
    assert claim.now.is_draft
    with pytest.raises(NotAllowed, match="a second editor must approve it"):
        claim.do(Approve(), BO)
    with pytest.raises(NotAllowed, match="rita is a reporter"):
        claim.do(Approve(), RITA)
    with pytest.raises(RuleViolation, match="rejecting a verdict needs a --note"):
        claim.do(Reject(None), ANA)
    claim.do(Approve(), ANA)
    assert claim.now.signed_off_by == "ana"
    with pytest.raises(RuleViolation, match="already published"):
        claim.do(Approve(), ANA)


def test_dismissing_and_merging_set_a_claim_aside_until_reopened() -> None:
    claim = History()
    with pytest.raises(RuleViolation, match="dismissing a claim needs a --note"):
        claim.do(ChangeStatus(Status.DISMISSED))
    claim.do(ChangeStatus(Status.DISMISSED, note="A headline"))
    with pytest.raises(RuleViolation, match="reopen it first"):
        claim.do(ChangeStatus(Status.IN_REVIEW))
    claim.do(Reopen("It is a claim"))
    assert claim.now.status is Status.UNVERIFIED
    with pytest.raises(InvalidInput, match="into itself"):
        claim.do(Merge(into=1, into_status=Status.UNVERIFIED))
    with pytest.raises(RuleViolation, match="is itself merged"):
        claim.do(Merge(into=2, into_status=Status.MERGED))
    claim.do(Merge(into=2, into_status=Status.CONFIRMED))
    assert (claim.now.status, claim.now.merged_into) == (Status.MERGED, 2)
    with pytest.raises(RuleViolation, match="merged into claim 2"):
        claim.do(AddEvidence(4))


def test_evidence_a_verdict_rests_on_alone_is_not_withdrawn() -> None:
    claim = History()
    claim.do(ChangeStatus(Status.IN_REVIEW))
    claim.do(AddEvidence(1))
    claim.do(AddEvidence(2))
    claim.do(WithdrawEvidence(1, added_by="ana", note="wrong company"))
    claim.do(ChangeStatus(Status.CONFIRMED))
    with pytest.raises(RuleViolation, match="on this evidence alone"):
        claim.do(WithdrawEvidence(2, added_by="ana", note="oops"))
    with pytest.raises(RuleViolation, match="already withdrawn"):
        claim.do(WithdrawEvidence(1, added_by="ana", note="again"))


def test_a_reporter_withdraws_only_their_own_evidence() -> None:
    claim = History(ANA)
    claim.do(AddEvidence(1), BO)
    with pytest.raises(NotAllowed, match="withdrawing a colleague's evidence"):
        claim.do(WithdrawEvidence(1, added_by="bo", note="not mine"), RITA)


def test_undo_appends_the_reverse_of_your_own_latest_change() -> None:
    claim = History()
    claim.do(Assign("bo"))
    claim.do(Assign("cy"))
    (event,) = claim.do(Undo())
    assert (event.kind, event.assignee, event.undoes) == (EventKind.ASSIGNED, "bo", 3)
    with pytest.raises(RuleViolation, match="already an undo"):
        claim.do(Undo())
    claim.do(Edit(EditedField.CLAIMANT, "Jane Roe"))
    claim.do(Undo())
    assert claim.now.claimant == "Reuters"
    claim.do(AddNote("called them"), Actor("bo", None, False))
    with pytest.raises(RuleViolation, match="last changed by bo"):
        claim.do(Undo())


def test_one_undo_takes_back_one_command_however_many_fields_it_corrected() -> None:
    claim = History(ANA)
    claim.do(Assign("bo"), BO)
    events = claim.do(Correct((Edit(EditedField.CLAIMANT, "Jane Roe"), Edit(EditedField.KIND, "quote"))), BO)
    assert [event.part_of for event in events] == [None, 3]
    assert (claim.now.claimant, claim.now.kind) == ("Jane Roe", ClaimKind.QUOTE)
    undone = claim.do(Undo(), BO)
    assert [(event.field, event.undoes) for event in undone] == [(EditedField.KIND, 4), (EditedField.CLAIMANT, 3)]
    assert (claim.now.claimant, claim.now.kind, claim.now.assignee) == ("Reuters", ClaimKind.FACT, "bo")
    with pytest.raises(RuleViolation, match="already an undo"):
        claim.do(Undo(), BO)
    with pytest.raises(RuleViolation, match="claimant is already Reuters"):
        claim.do(Correct((Edit(EditedField.KIND, "quote"), Edit(EditedField.CLAIMANT, "Reuters"))), BO)
    assert claim.now.kind is ClaimKind.FACT


def test_a_verdict_given_with_its_evidence_is_undone_with_it() -> None:
    claim = History(ANA)
    claim.do(ChangeStatus(Status.IN_REVIEW), BO)
    claim.do(ChangeStatus(Status.REFUTED, evidence_id=3), BO)
    claim.do(Undo(), BO)
    assert (claim.now.status, claim.now.evidence) == (Status.IN_REVIEW, frozenset())


def test_a_history_written_before_commands_were_grouped_undoes_an_event_at_a_time() -> None:
    claim = History()
    for event in decide(claim.now, Correct((Edit(EditedField.CLAIMANT, "AP"), Edit(EditedField.KIND, "quote"))), ANA):
        claim.state = apply(claim.now, replace(event, id=len(claim.events) + 1))
        claim.events.append(replace(event, id=len(claim.events) + 1))
    claim.do(Undo())
    assert (claim.now.claimant, claim.now.kind) == ("AP", ClaimKind.FACT)
    assert replay(1, claim.events) == claim.now


def test_an_event_of_yours_marked_part_of_a_colleagues_command_does_not_undo_theirs() -> None:
    """A history written by hand (plain SQL by a desk login) that marks one's own event part of a
    colleague's command does not let one take the colleague's back."""
    claim = History(ANA)
    claim.do(ChangeStatus(Status.IN_REVIEW), BO)
    (given, _) = claim.do(ChangeStatus(Status.REFUTED, evidence_id=3), BO)
    added = Event(EventKind.EVIDENCE_ADDED, "ana", evidence_id=4, id=len(claim.events) + 1, part_of=given.id)
    claim.events.append(added)
    claim.state = apply(claim.now, added)
    assert [event.editor for event in claim.now.action] == ["bo", "bo", "ana"]
    with pytest.raises(RuleViolation, match="was last changed by bo: you can only undo your own"):
        claim.do(Undo(), ANA)
    assert claim.now.status is Status.REFUTED


def test_a_sign_off_and_a_reopened_verdict_are_not_undone() -> None:
    claim = History()
    claim.do(ChangeStatus(Status.IN_REVIEW))
    claim.do(ChangeStatus(Status.CONFIRMED, evidence_id=1))
    with pytest.raises(RuleViolation, match="a sign-off is not undone"):
        claim.do(Undo())
    claim.do(Reopen("renegotiated"))
    with pytest.raises(RuleViolation, match="give it a verdict again"):
        claim.do(Undo())


def test_an_imported_draft_stays_a_draft_until_approved_even_alone() -> None:
    claim = History()
    claim.do(ChangeStatus(Status.IN_REVIEW))
    claim.do(ChangeStatus(Status.CONFIRMED, evidence_id=1))
    claim = History()
    claim.do(ChangeStatus(Status.IN_REVIEW))
    for event in decide(claim.now, ChangeStatus(Status.CONFIRMED, evidence_id=1), ANA_ALONE):
        if event.kind is not EventKind.APPROVED:
            claim.state = apply(claim.now, event)
    assert claim.do(Publish(None, as_given=False)) == []
    assert claim.now.is_draft
    claim.do(Approve())
    assert claim.now.is_published


def test_the_editor_list_keeps_a_chief() -> None:
    assert adding("ana", Role.REPORTER, ANA_ALONE, current=None).role is Role.CHIEF
    with pytest.raises(NotAllowed, match="adding editors needs a chief"):
        adding("cy", Role.EDITOR, BO, current=None)
    with pytest.raises(RuleViolation, match="only chief"):
        changing_role("ana", Role.EDITOR, ANA, current=Role.CHIEF, chiefs=1)
    with pytest.raises(RuleViolation, match="only chief"):
        removing("ana", ANA, current=Role.CHIEF, chiefs=1)
    with pytest.raises(NotFound):
        removing("zed", ANA, current=None, chiefs=1)
    assert removing("bo", ANA, current=Role.EDITOR, chiefs=1).role is None


def test_a_quickly_made_value_is_the_value_its_class_makes_and_stays_frozen() -> None:
    given = {"kind": EventKind.STATUS_CHANGED, "editor": "ana", "to_status": Status.IN_REVIEW, "note": "why"}
    made = new_event(**given)
    assert type(made) is Event
    assert made == Event(**given) and hash(made) == hash(Event(**given)) and repr(made) == repr(Event(**given))
    assert made.from_status is None and made.part_of is None  # the defaults, as the class gives them
    with pytest.raises(FrozenInstanceError):
        made.note = "changed"  # type: ignore[misc]
    state = quick_constructor(ClaimState)(7, Status.IN_REVIEW, evidence=frozenset({1}))
    assert state == ClaimState(7, Status.IN_REVIEW, evidence=frozenset({1})) and state.before_action is None
    assert replace(state, status=Status.CONFIRMED).status is Status.CONFIRMED
    with pytest.raises(FrozenInstanceError):
        state.status = Status.CONFIRMED  # type: ignore[misc]
    with pytest.raises(TypeError):
        new_event(EventKind.NOTE)  # no editor: refused as Event(...) refuses it


# Any sequence of commands: the rules accept some and refuse others; what they accept replays.

EDITORS = [ANA_ALONE, Actor("bo", None, False)]
COMMANDS = st.one_of(
    st.builds(ChangeStatus, st.sampled_from(list(Status)), st.sampled_from([None, "why"]),
              st.sampled_from([None, 11, 12])),
    st.builds(Reopen, st.sampled_from([None, "why"])),
    st.builds(Merge, st.sampled_from([1, 2]), st.sampled_from(list(Status))),
    st.builds(Approve),
    st.builds(Reject, st.sampled_from([None, "why"])),
    st.builds(Assign, st.sampled_from(["bo", "cy"])),
    st.builds(Unassign),
    st.builds(Edit, st.sampled_from(list(EditedField)), st.sampled_from(["Zoox was bought", "fact", "quote", "AP"])),
    st.builds(Correct, st.lists(st.builds(Edit, st.sampled_from(list(EditedField)),
                                          st.sampled_from(["Zoox was bought", "fact", "quote", "AP"])),
                                max_size=3).map(tuple)),
    st.builds(AddNote, st.sampled_from([None, "a note"])),
    st.builds(AddEvidence, st.integers(1, 4)),
    st.builds(WithdrawEvidence, st.integers(1, 4), st.sampled_from(["ana", "bo"]), st.sampled_from([None, "why"])),
    st.builds(Link, st.integers(1, 2)),
    st.builds(Unlink, st.integers(1, 2)),
    st.builds(Undo),
)  # fmt: skip
STEPS = st.lists(st.tuples(COMMANDS, st.sampled_from(EDITORS)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(STEPS)
def test_accepted_commands_replay_from_the_history(steps: list[tuple[Command, Actor]]) -> None:
    claim = History()
    for command, actor in steps:
        try:
            claim.do(command, actor)
        except ClaimsError:
            continue
        replayed = replay(1, claim.events)
        assert replayed == claim.now
        assert not replayed.breaks


# The same property through the services and a real database: the stored claim row and the
# replay of its stored history agree after whatever the rules accepted (``claims db verify``).

SERVICE_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["review", "confirm", "refute", "dismiss", "reopen", "approve", "assign", "unassign", "note",
                         "edit", "claimant", "evidence", "withdraw", "undo", "merge", "unverifiable",
                         "claimant and kind"]),
        st.sampled_from(["ana", "bo"]),
    ),
    max_size=15,
)  # fmt: skip


@pytest.fixture(scope="module")
def service_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from claims.db import make_engine, upgrade

    url = f"sqlite:///{Path(tmp_path_factory.mktemp('rulebook')) / 'claims.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=SERVICE_STEPS)
def test_the_stored_claim_is_what_its_history_replays_to(service_database: str, steps: list[tuple[str, str]]) -> None:
    from claims.db import make_engine, session_scope
    from claims.services.casework import add_note, assign_claim, edit_claim, unassign_claim
    from claims.services.claims import add_claim
    from claims.services.evidence import add_evidence, withdraw_evidence
    from claims.services.history import verify_history
    from claims.services.workflow import (
        approve_claim,
        merge_claim,
        reopen_claim,
        set_claim_status,
        undo_change,
    )  # fmt: skip
    from claims.vocabulary import Stance

    engine = make_engine(service_database)
    with session_scope(engine, write=True) as session:
        claim_id = add_claim(session, text="Amazon acquired the startup Zoox", editor="ana").id
        other_id = add_claim(session, text="Amazon bought Zoox", editor="ana").id
    actions = {
        "review": lambda s, e: set_claim_status(s, claim_id=claim_id, status=Status.IN_REVIEW, editor=e),
        "confirm": lambda s, e: set_claim_status(
            s, claim_id=claim_id, status=Status.CONFIRMED, editor=e, evidence_url="https://example.org/pr"
        ),
        "refute": lambda s, e: set_claim_status(s, claim_id=claim_id, status=Status.REFUTED, editor=e),
        "unverifiable": lambda s, e: set_claim_status(
            s, claim_id=claim_id, status=Status.UNVERIFIABLE, editor=e, note="no record"
        ),
        "dismiss": lambda s, e: set_claim_status(s, claim_id=claim_id, status=Status.DISMISSED, editor=e, note="no"),
        "reopen": lambda s, e: reopen_claim(s, claim_id=claim_id, editor=e, note="again"),
        "approve": lambda s, e: approve_claim(s, claim_id=claim_id, editor=e),
        "assign": lambda s, e: assign_claim(s, claim_id=claim_id, to=e, editor=e),
        "unassign": lambda s, e: unassign_claim(s, claim_id=claim_id, editor=e),
        "note": lambda s, e: add_note(s, claim_id=claim_id, text="called them", editor=e),
        "edit": lambda s, e: edit_claim(s, claim_id=claim_id, text=f"Amazon bought Zoox ({e})", editor=e),
        "claimant": lambda s, e: edit_claim(s, claim_id=claim_id, claimant=f"Agency {e}", editor=e),
        "claimant and kind": lambda s, e: edit_claim(
            s, claim_id=claim_id, text=f"Zoox was bought ({e})", claimant=f"Wire {e}", kind="quote", editor=e
        ),
        "evidence": lambda s, e: add_evidence(
            s, claim_id=claim_id, url="https://example.org/e", stance=Stance.SUPPORTS, editor=e
        ),
        "withdraw": lambda s, e: withdraw_evidence(s, evidence_id=_latest_evidence(s, claim_id), editor=e, note="x"),
        "undo": lambda s, e: undo_change(s, claim_id=claim_id, editor=e),
        "merge": lambda s, e: merge_claim(s, claim_id=claim_id, into=other_id, editor=e),
    }
    try:
        for action, editor in steps:
            try:
                with session_scope(engine, write=True) as session:
                    actions[action](session, editor)
            except ClaimsError:
                continue
        with engine.connect() as connection:
            result = verify_history(connection)
        assert result.problems == {}, result.problems
    finally:
        engine.dispose()


def _latest_evidence(session, claim_id: int) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from claims.errors import NotFound as Missing
    from claims.models import Evidence

    found = session.scalar(select(func.max(Evidence.id)).where(Evidence.claim_id == claim_id))
    if found is None:
        raise Missing("no evidence yet")
    return int(found)
