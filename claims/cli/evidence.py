"""claims evidence: links that support, refute or give context to a claim."""

from __future__ import annotations

from typing import Annotated

import typer

from claims.cli.claims import EVIDENCE_HEADINGS, ClaimId, SeenVersionOption, evidence_row
from claims.cli.context import app_context
from claims.cli.output import FormatOption, ListFormat, print_records, say
from claims.limits import MAX_ID

evidence_app = typer.Typer(help="Attach and list evidence.", no_args_is_help=True)

EVIDENCE_COLUMNS = ["id", "claim_id", "url", "stance", "quote", "editor", "created_at", "withdrawn_at", "withdrawn_by"]


@evidence_app.command("add")
def add(
    ctx: typer.Context,
    claim_id: ClaimId,
    url: Annotated[str, typer.Argument(help="Where the evidence is (http or https).")],
    stance: Annotated[str, typer.Option("--stance", help="supports, refutes or context.")] = "context",
    quote: Annotated[str | None, typer.Option("--quote", help="The passage that matters, word for word.")] = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Attach evidence to a claim.

    Example: claims evidence add 7 https://example.org/pr --stance supports --quote "We invested $2bn"
    """
    from claims.services.common import parse_stance
    from claims.services.evidence import add_evidence

    context = app_context(ctx)
    parsed_stance = parse_stance(stance)
    with context.session(write=True) as session:
        evidence = add_evidence(
            session, claim_id=claim_id, url=url, stance=parsed_stance, editor=context.editor, quote=quote,
            seen_version=seen_version,
        )  # fmt: skip
    say(f"Added evidence {evidence.id} to claim {claim_id} ({evidence.stance}).")


@evidence_app.command("withdraw")
def withdraw(
    ctx: typer.Context,
    evidence_id: Annotated[
        int, typer.Argument(help="The evidence's number, as `claims show` lists it.", min=1, max=MAX_ID)
    ],
    note: Annotated[str | None, typer.Option("--note", "-n", help="Why it is withdrawn (required).")] = None,
    seen_version: SeenVersionOption = None,
) -> None:
    """Withdraw evidence added by mistake: it no longer counts for the claim, and its history keeps it.

    Example: claims evidence withdraw 3 --note "Wrong company's release"
    """
    from claims.services.evidence import withdraw_evidence

    context = app_context(ctx)
    with context.session(write=True) as session:
        change = withdraw_evidence(
            session, evidence_id=evidence_id, editor=context.editor, note=note, seen_version=seen_version
        )
    say(f"Withdrew evidence {evidence_id} from claim {change.claim.id}.")


@evidence_app.command("list")
def list_evidence(ctx: typer.Context, claim_id: ClaimId, output_format: FormatOption = ListFormat.table) -> None:
    """List a claim's evidence.

    Example: claims evidence list 7
    """
    from claims.records import evidence_record
    from claims.services.claims import show_claim

    with app_context(ctx).session() as session:
        records = [evidence_record(item) for item in show_claim(session, claim_id=claim_id).evidence]
    print_records(
        records,
        output_format,
        columns=EVIDENCE_COLUMNS,
        title=f"Evidence for claim {claim_id}",
        headings=EVIDENCE_HEADINGS,
        row=evidence_row,
    )
