"""Casework at the desk: notes, corrections, assignments and each editor's queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claims.cli.claims import CLAIM_COLUMNS, CLAIMS, SEEN_COLUMN, ClaimId, SeenVersionOption
from claims.cli.context import app_context
from claims.cli.output import plural, say, score_cell, status_label, status_style
from claims.cli.paging import (
    Column,
    FormatOption,
    PagedFormat,
    Paging,
    paged,
    print_listing,
)
from claims.cli.workflow import ClaimIds, for_each_claim

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from claims.models import Claim

WhyOption = Annotated[str | None, typer.Option("--note", "-n", help="Why: kept in the claim's history.")]


def note(ctx: typer.Context, claim_id: ClaimId, text: Annotated[str, typer.Argument(help="The comment.")],
         seen_version: SeenVersionOption = None) -> None:  # fmt: skip
    """Add a comment for colleagues to a claim's history.

    Example: claims note 7 "Called the press office, waiting for a reply"
    """
    from claims.services.casework import add_note

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = add_note(session, claim_id=claim_id, text=text, editor=context.editor, seen_version=seen_version)
    say(f"Noted on claim {claim.id}.")


def edit(
    ctx: typer.Context,
    claim_id: ClaimId,
    text: Annotated[str | None, typer.Option("--text", "-t", help="The corrected wording.", show_default=False)] = None,
    claimant: Annotated[str | None, typer.Option("--claimant", help="Who really made the claim.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="fact, prediction, quote or opinion.")] = None,
    note: WhyOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Correct what the detector got wrong: a claim's wording, claimant or kind. What it said
    before stays in its history; the entities are found again when the wording changes.

    Example: claims edit 7 --claimant "Jim Carrey" --kind quote --note "He said it, not the outlet"
    """
    from claims.services.casework import edit_claim

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = edit_claim(
            session, claim_id=claim_id, text=text, claimant=claimant, kind=kind, editor=context.editor, note=note,
            seen_version=seen_version,
        )  # fmt: skip
    say(f"Claim {claim.id} now reads: {claim.text} ({claim.kind}, claimed by {claim.claimant or 'nobody'})")


def assign(
    ctx: typer.Context,
    claim_ids: ClaimIds,
    to: Annotated[str, typer.Option("--to", help="The editor who takes the claims.", show_default=False)],
    note: WhyOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Give claims to an editor to work on; they go to the top of their `claims queue`.

    Example: claims assign 7 8 --to bo
    """
    from claims.services.casework import assign_claim

    def act(session: Session, claim_id: int, editor: str, seen: int | None) -> Claim:
        return assign_claim(session, claim_id=claim_id, to=to, editor=editor, note=note, seen_version=seen)

    for claim in for_each_claim(ctx, claim_ids, seen_version, act):
        say(f"Claim {claim.id} is assigned to {claim.assignee}.")


def unassign(
    ctx: typer.Context, claim_ids: ClaimIds, note: WhyOption = None, seen_version: SeenVersionOption = None
) -> None:
    """Take claims back from whoever they are assigned to.

    Example: claims unassign 7
    """
    from claims.services.casework import unassign_claim

    def act(session: Session, claim_id: int, editor: str, seen: int | None) -> Claim:
        return unassign_claim(session, claim_id=claim_id, editor=editor, note=note, seen_version=seen)

    for claim in for_each_claim(ctx, claim_ids, seen_version, act):
        say(f"Claim {claim.id} is assigned to nobody.")


@paged
def queue(
    ctx: typer.Context,
    output_format: FormatOption = PagedFormat.table,
    *,
    paging: Paging,
) -> None:
    """What to work on next: your open claims, then unassigned unverified ones, a page at a time.

    Claims assigned to you come first, oldest first; then the unassigned unverified claims,
    most check-worthy (highest score) first.

    Example: claims queue
    """
    from claims.services.listing import count_queue, queue_records, with_seen_before

    context = app_context(ctx)
    me = context.editor
    thresholds = context.matching_thresholds()
    with context.reading() as connection:
        mine, waiting = count_queue(connection, me)
        print_listing(
            with_seen_before(
                connection,
                queue_records(connection, me, mine_count=mine, window=paging.window),
                thresholds,
            ),
            total=mine + waiting,
            noun=CLAIMS,
            paging=paging,
            output_format=output_format,
            columns=["queue", *CLAIM_COLUMNS, "seen_before"],
            title=f"Queue for {me}: {plural(mine, 'claim')} assigned to you, {waiting:,} unassigned and unverified",
            table=QUEUE_TABLE,
        )


QUEUE_TABLE = [
    Column("#", lambda r: r["id"], right=True),
    Column("Why", lambda r: "yours" if r["queue"] == "assigned" else "open"),
    Column("Status", status_label, style=status_style),
    Column("Claim", lambda r: r["text"], flexible=True),
    Column("Score", lambda r: score_cell(r["score"]), right=True),
    SEEN_COLUMN,
]
