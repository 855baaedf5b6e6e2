"""Working as a desk: notes, corrections, assignments and each editor's queue."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli.claims import CLAIM_COLUMNS, CLAIMS, ClaimId, SeenVersionOption
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

WhyOption = Annotated[str | None, typer.Option("--note", "-n", help="Why: kept in the claim's history.")]


def note(ctx: typer.Context, claim_id: ClaimId, text: Annotated[str, typer.Argument(help="The comment.")],
         seen_version: SeenVersionOption = None) -> None:  # fmt: skip
    """Add a comment for colleagues to a claim's history.

    Example: claims note 7 "Called the press office, waiting for a reply"
    """
    from claims.services.desk import add_note

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = add_note(session, claim_id=claim_id, text=text, editor=context.editor, seen_version=seen_version)
    say(f"Noted on claim {claim.id}.")


def edit(
    ctx: typer.Context,
    claim_id: ClaimId,
    text: Annotated[str, typer.Option("--text", "-t", help="The corrected wording.", show_default=False)],
    note: WhyOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Correct a claim's wording; the old wording stays in its history.

    Example: claims edit 7 --text "Amazon agreed to buy Zoox" --note "The deal had not closed"
    """
    from claims.services.desk import edit_claim

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = edit_claim(
            session, claim_id=claim_id, text=text, editor=context.editor, note=note, seen_version=seen_version
        )
    say(f"Claim {claim.id} now reads: {claim.text}")


def assign(
    ctx: typer.Context,
    claim_id: ClaimId,
    to: Annotated[str, typer.Option("--to", help="The editor who takes the claim.", show_default=False)],
    note: WhyOption = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Give a claim to an editor to work on; it goes to the top of their `claims queue`.

    Example: claims assign 7 --to bo
    """
    from claims.services.desk import assign_claim

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = assign_claim(
            session, claim_id=claim_id, to=to, editor=context.editor, note=note, seen_version=seen_version
        )
    say(f"Claim {claim.id} is assigned to {claim.assignee}.")


def unassign(
    ctx: typer.Context, claim_id: ClaimId, note: WhyOption = None, seen_version: SeenVersionOption = None
) -> None:
    """Take a claim back from whoever it is assigned to.

    Example: claims unassign 7
    """
    from claims.services.desk import unassign_claim

    context = app_context(ctx)
    with context.session(write=True) as session:
        claim = unassign_claim(session, claim_id=claim_id, editor=context.editor, note=note, seen_version=seen_version)
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
    from claims.services.listing import count_queue, queue_records

    context = app_context(ctx)
    me = context.editor
    with context.reading() as connection:
        mine, waiting = count_queue(connection, me)
        print_listing(
            queue_records(connection, me, mine_count=mine, window=paging.window),
            total=mine + waiting,
            noun=CLAIMS,
            paging=paging,
            output_format=output_format,
            columns=["queue", *CLAIM_COLUMNS],
            title=f"Queue for {me}: {plural(mine, 'claim')} assigned to you, {waiting:,} unassigned and unverified",
            table=QUEUE_TABLE,
        )


QUEUE_TABLE = [
    Column("#", lambda r: r["id"], right=True),
    Column("Why", lambda r: "yours" if r["queue"] == "assigned" else "open"),
    Column("Status", status_label, style=status_style),
    Column("Claim", lambda r: r["text"], flexible=True),
    Column("Score", lambda r: score_cell(r["score"]), right=True),
]
