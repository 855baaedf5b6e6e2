"""The everyday verbs of the desk: review, confirm, refute, reopen, approve, reject, dismiss, merge,
undo, and set-status for the rest. Verbs that change where claims stand take several ids
(`claims review 3 4 5`): all of them change, or none, with one line per claim."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from claims.cli.claims import ClaimId, SeenVersionOption
from claims.cli.context import app_context
from claims.cli.output import say
from claims.limits import MAX_ID

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from claims.models import Claim

Result = TypeVar("Result")

ClaimIds = Annotated[
    list[int],
    typer.Argument(
        help="The claim's number, or several: all of them change, or none.", min=1, max=MAX_ID, show_default=False
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", "-n", help="Why: kept in the claim's history.")]
EvidenceOption = Annotated[
    str | None, typer.Option("--evidence", "-e", help="URL of the evidence for this verdict; attached to the claim.")
]


def for_each_claim(
    ctx: typer.Context,
    claim_ids: Sequence[int],
    seen_version: int | None,
    act: Callable[[Session, int, str, int | None], Result],
) -> list[Result]:
    """ACT on every claim in one transaction: a refusal for any of them writes nothing."""
    from claims.errors import InvalidInput

    if seen_version is not None and len(claim_ids) > 1:
        raise InvalidInput("--seen-version goes with one claim: give a single id")
    if repeated := sorted({claim_id for claim_id in claim_ids if claim_ids.count(claim_id) > 1}):
        raise InvalidInput(f"claim {repeated[0]} is named twice")
    context = app_context(ctx)
    with context.session(write=True) as session:
        return [act(session, claim_id, context.editor, seen_version) for claim_id in claim_ids]


def review(
    ctx: typer.Context, claim_ids: ClaimIds, note: NoteOption = None, seen_version: SeenVersionOption = None
) -> None:
    """Take claims into review (unverified -> in_review).

    Example: claims review 7 8 9
    """
    _change_status(ctx, claim_ids, "in_review", note=note, seen_version=seen_version)


def confirm(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    evidence: EvidenceOption = None,
    note: NoteOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Confirm claims: they are true. Needs evidence, given here or attached before.

    Example: claims confirm 7 --evidence https://example.org/pr --note "Confirmed by the company's release"
    """
    _change_status(ctx, claim_ids, "confirmed", evidence=evidence, note=note, seen_version=seen_version)


def refute(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    evidence: EvidenceOption = None,
    note: NoteOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Refute claims: they are false. Needs evidence, given here or attached before.

    Example: claims refute 12 --evidence https://example.org/denial --note "Hyundai denied talks"
    """
    _change_status(ctx, claim_ids, "refuted", evidence=evidence, note=note, seen_version=seen_version)


def dismiss(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    note: Annotated[str | None, typer.Option("--note", "-n", help="Why it is not worth checking (required).")] = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Set claims aside as not worth checking: out of the queue and the open counts (`reopen` brings them back).

    Example: claims dismiss 14 --note "A headline, not a claim"
    """
    _change_status(ctx, claim_ids, "dismissed", note=note, seen_version=seen_version)


def reopen(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    note: Annotated[str | None, typer.Option("--note", "-n", help="Why it is reopened (required).")] = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Reopen a verdict (back into review), or bring a dismissed or merged claim back (unverified).

    Example: claims reopen 7 --note "The company withdrew its release"
    """
    from claims.services.workflow import reopen_claim

    def act(session: Session, claim_id: int, editor: str, seen: int | None) -> Claim:
        return reopen_claim(session, claim_id=claim_id, editor=editor, note=note, seen_version=seen)

    for claim in for_each_claim(ctx, claim_ids, seen_version, act):
        _say_status(claim)


def set_status(
    ctx: typer.Context,
    claim_id: ClaimId,
    status: Annotated[
        str,
        typer.Argument(
            help="unverified, in_review, confirmed, refuted, mixed, unverifiable or dismissed.", show_default=False
        ),
    ],
    evidence: EvidenceOption = None,
    stance: Annotated[
        str | None, typer.Option("--stance", help="supports, refutes or context (default: follows the verdict).")
    ] = None,
    note: NoteOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Set any status, under the same rules as the everyday verbs (e.g. mixed, unverifiable).

    Example: claims set-status 9 unverifiable --note "No public record either way"
    """
    _change_status(ctx, [claim_id], status, evidence=evidence, stance=stance, note=note, seen_version=seen_version)


def approve(
    ctx: typer.Context, claim_ids: ClaimIds, note: NoteOption = None, seen_version: SeenVersionOption = None
) -> None:
    """Sign off a colleague's draft verdict, which publishes it. You cannot approve your own.

    Example: claims approve 7 --note "Checked the release myself"
    """
    from claims.services.workflow import approve_claim

    def act(session: Session, claim_id: int, editor: str, seen: int | None) -> tuple[Claim, bool]:
        change = approve_claim(session, claim_id=claim_id, editor=editor, note=note, seen_version=seen)
        # Alone (no editor list), a draft there is one a spreadsheet brought in as a draft.
        return change.claim, not _registry(session)

    for claim, imported in for_each_claim(ctx, claim_ids, seen_version, act):
        why = " (it was imported as a draft)" if imported else ""
        say(f"Claim {claim.id} is {claim.status}, published: signed off by {claim.signed_off_by}{why}.")


def _registry(session: Session) -> bool:
    from claims.services.editors import registry_in_use

    return registry_in_use(session)


def reject(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    note: Annotated[str | None, typer.Option("--note", "-n", help="What is wrong with the verdict (required).")] = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Send a colleague's draft verdict back to review, saying why.

    Example: claims reject 7 --note "The release is about a different fund"
    """
    from claims.services.workflow import reject_claim

    def act(session: Session, claim_id: int, editor: str, seen: int | None) -> Claim:
        return reject_claim(session, claim_id=claim_id, editor=editor, note=note, seen_version=seen)

    for claim in for_each_claim(ctx, claim_ids, seen_version, act):
        say(f"Claim {claim.id} is back in {claim.status}.")


def merge(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    into: Annotated[
        int, typer.Option("--into", help="The claim that carries on.", min=1, max=MAX_ID, show_default=False)
    ],
    note: NoteOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Merge duplicates into the claim that carries on: each keeps its history and points there.

    Example: claims merge 12 15 --into 7
    """
    from claims.services.workflow import merge_claim

    def act(session: Session, claim_id: int, editor: str, seen: int | None) -> Claim:
        return merge_claim(session, claim_id=claim_id, into=into, editor=editor, note=note, seen_version=seen)

    for claim in for_each_claim(ctx, claim_ids, seen_version, act):
        say(f"Claim {claim.id} is merged into claim {claim.merged_into}.")


def undo(
    ctx: typer.Context, claim_ids: ClaimIds, note: NoteOption = None, seen_version: SeenVersionOption = None
) -> None:
    """Take back your own latest command on a claim, if nobody changed it since (the history keeps both):
    all of it, as `claims edit 7 --claimant X --kind Y` corrects both fields at once.

    A sign-off is not undone: a published verdict changes only by reopening it.

    Example: claims undo 7
    """
    from claims.services.workflow import undo_change

    def act(session: Session, claim_id: int, editor: str, seen: int | None) -> str:
        change = undo_change(session, claim_id=claim_id, editor=editor, note=note, seen_version=seen)
        undone = sorted(event.undoes for event in change.events if event.undoes is not None)
        events = f"event {undone[0]}" if len(undone) == 1 else f"events {', '.join(map(str, undone))}"
        return f"Undid {events} on claim {change.claim.id}: {_describe(change.claim)}."

    for line in for_each_claim(ctx, claim_ids, seen_version, act):
        say(line)


def _describe(claim: Claim) -> str:
    assigned = f", assigned to {claim.assignee}" if claim.assignee else ""
    return f"it is {claim.status}{assigned}"


def _change_status(
    ctx: typer.Context,
    claim_ids: Sequence[int],
    status: str,
    *,
    note: str | None,
    seen_version: int | None,
    evidence: str | None = None,
    stance: str | None = None,
) -> None:
    """What review, confirm, refute, dismiss and set-status share."""
    from claims.services.common import parse_stance, parse_status
    from claims.services.workflow import set_claim_status

    target, evidence_stance = parse_status(status), parse_stance(stance) if stance else None

    def act(session: Session, claim_id: int, editor: str, seen: int | None) -> Claim:
        return set_claim_status(
            session, claim_id=claim_id, status=target, editor=editor, note=note, evidence_url=evidence,
            stance=evidence_stance, seen_version=seen,
        )  # fmt: skip

    for claim in for_each_claim(ctx, claim_ids, seen_version, act):
        _say_status(claim)


def _say_status(claim: Claim) -> None:
    if claim.is_draft:
        say(
            f"Claim {claim.id} is now {claim.status} (draft: a second editor approves it with `claims approve {claim.id}`)."
        )
    else:
        say(f"Claim {claim.id} is now {claim.status}.")


FactcheckOption = Annotated[
    int,
    typer.Option(
        "--factcheck", help="The fact-check's number (`claims factchecks list`).", min=1, max=MAX_ID, show_default=False
    ),
]


def link(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    factcheck: FactcheckOption,
    note: NoteOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Record that claims are the one a published fact-check reviewed; `claims show` then gives its verdict.

    To give the same verdict, cite it: `claims refute ID --evidence FACT-CHECK-URL`.

    Example: claims link 7 --factcheck 1203 --note "Same figure, same speech"
    """
    _link(ctx, claim_ids, factcheck, note, seen_version, unlink=False)


def unlink(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    factcheck: FactcheckOption,
    note: NoteOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Take back a link to a fact-check: the claim is not the one it reviewed after all.

    Example: claims unlink 7 --factcheck 1203 --note "Another year's figure"
    """
    _link(ctx, claim_ids, factcheck, note, seen_version, unlink=True)


def _link(
    ctx: typer.Context, claim_ids: Sequence[int], factcheck: int, note: str | None, seen: int | None, *, unlink: bool
) -> None:
    from claims.services.workflow import link_claim

    def act(session: Session, claim_id: int, editor: str, version: int | None) -> Claim:
        return link_claim(
            session, claim_id=claim_id, factcheck_id=factcheck, editor=editor, note=note, unlink=unlink,
            seen_version=version,
        ).claim  # fmt: skip

    for claim in for_each_claim(ctx, claim_ids, seen, act):
        say(f"Claim {claim.id} is {'no longer ' if unlink else ''}linked to fact-check {factcheck}.")
