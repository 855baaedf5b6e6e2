"""The everyday verbs of the desk: review, confirm, refute, reopen, and set-status for the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claims.cli.claims import ClaimId, SeenVersionOption
from claims.cli.context import app_context
from claims.cli.output import say

if TYPE_CHECKING:
    from claims.models import Claim

NoteOption = Annotated[str | None, typer.Option("--note", "-n", help="Why: kept in the claim's history.")]
EvidenceOption = Annotated[
    str | None, typer.Option("--evidence", "-e", help="URL of the evidence for this verdict; attached to the claim.")
]


def review(
    ctx: typer.Context, claim_id: ClaimId, note: NoteOption = None, seen_version: SeenVersionOption = None
) -> None:
    """Take a claim into review (unverified -> in_review).

    Example: claims review 7
    """
    _change_status(ctx, claim_id, "in_review", note=note, seen_version=seen_version)


def confirm(
    ctx: typer.Context,
    claim_id: ClaimId,
    evidence: EvidenceOption = None,
    note: NoteOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Confirm a claim: it is true. Needs evidence, given here or attached before.

    Example: claims confirm 7 --evidence https://example.org/pr --note "Confirmed by the company's release"
    """
    _change_status(ctx, claim_id, "confirmed", evidence=evidence, note=note, seen_version=seen_version)


def refute(
    ctx: typer.Context,
    claim_id: ClaimId,
    evidence: EvidenceOption = None,
    note: NoteOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Refute a claim: it is false. Needs evidence, given here or attached before.

    Example: claims refute 12 --evidence https://example.org/denial --note "Hyundai denied talks"
    """
    _change_status(ctx, claim_id, "refuted", evidence=evidence, note=note, seen_version=seen_version)


def reopen(
    ctx: typer.Context,
    claim_id: ClaimId,
    note: Annotated[str | None, typer.Option("--note", "-n", help="Why the verdict is reopened (required).")] = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Reopen a verdict: the claim goes back into review.

    Example: claims reopen 7 --note "The company withdrew its release"
    """
    from claims.services.workflow import reopen_claim

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = reopen_claim(session, claim_id=claim_id, editor=context.editor, note=note, seen_version=seen_version)
    _say_status(claim)


def set_status(
    ctx: typer.Context,
    claim_id: ClaimId,
    status: Annotated[
        str,
        typer.Argument(help="unverified, in_review, confirmed, refuted, mixed or unverifiable.", show_default=False),
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
    _change_status(ctx, claim_id, status, evidence=evidence, stance=stance, note=note, seen_version=seen_version)


def approve(
    ctx: typer.Context, claim_id: ClaimId, note: NoteOption = None, seen_version: SeenVersionOption = None
) -> None:
    """Sign off a colleague's draft verdict, which publishes it. You cannot approve your own.

    Example: claims approve 7 --note "Checked the release myself"
    """
    from claims.services.workflow import approve_claim

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = approve_claim(session, claim_id=claim_id, editor=context.editor, note=note, seen_version=seen_version)
    say(f"Claim {claim.id} is {claim.status}, published: signed off by {claim.signed_off_by}.")


def reject(
    ctx: typer.Context,
    claim_id: ClaimId,
    note: Annotated[str | None, typer.Option("--note", "-n", help="What is wrong with the verdict (required).")] = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Send a colleague's draft verdict back to review, saying why.

    Example: claims reject 7 --note "The release is about a different fund"
    """
    from claims.services.workflow import reject_claim

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = reject_claim(session, claim_id=claim_id, editor=context.editor, note=note, seen_version=seen_version)
    say(f"Claim {claim.id} is back in {claim.status}.")


def _change_status(
    ctx: typer.Context,
    claim_id: int,
    status: str,
    *,
    note: str | None,
    seen_version: int | None,
    evidence: str | None = None,
    stance: str | None = None,
) -> None:
    """What review, confirm, refute and set-status share: the rules live in set_claim_status."""
    from claims.services.common import parse_stance, parse_status
    from claims.services.workflow import set_claim_status

    context = app_context(ctx)
    target, evidence_stance = parse_status(status), parse_stance(stance) if stance else None
    with context.session(write=True) as session:
        claim = set_claim_status(
            session,
            claim_id=claim_id,
            status=target,
            editor=context.editor,
            note=note,
            evidence_url=evidence,
            stance=evidence_stance,
            seen_version=seen_version,
        )
    _say_status(claim)


def _say_status(claim: Claim) -> None:
    if claim.is_draft:
        say(
            f"Claim {claim.id} is now {claim.status} (draft: a second editor approves it with `claims approve {claim.id}`)."
        )
    else:
        say(f"Claim {claim.id} is now {claim.status}.")
