"""Claims: list, show, add by hand, history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claims.cli.context import app_context
from claims.cli.output import (
    FormatOption,
    ListFormat,
    plural,
    print_csv,
    print_json,
    print_records,
    print_table,
    say,
    score_cell,
    short_time,
)
from claims.limits import MAX_ID

if TYPE_CHECKING:
    from claims.records import Record

CLAIM_COLUMNS = [
    "id", "text", "status", "kind", "source_id", "claimant", "sentence", "start", "end", "score", "entities",
    "created_at", "updated_at", "version", "assignee", "published", "draft", "signed_off_by", "signed_off_at",
    "merged_into",
]  # fmt: skip
HISTORY_COLUMNS = [
    "id", "claim_id", "kind", "from_status", "to_status", "editor", "note", "evidence_id", "old_text", "new_text",
    "assignee", "field", "claimant", "claim_kind", "merged_into", "factcheck_id", "undoes", "created_at",
]  # fmt: skip

ClaimId = Annotated[int, typer.Argument(help="The claim's number, as `claims list` shows it.", min=1, max=MAX_ID)]
SourceId = Annotated[
    int, typer.Argument(help="The source's number, as `claims source list` shows it.", min=1, max=MAX_ID)
]

SeenVersionOption = Annotated[
    int | None,
    typer.Option(
        "--seen-version",
        help="The claim's version when you looked at it (`claims show` prints it): refused, exit 3, if it changed since.",
        min=1,
    ),
]


def list_claims(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None, typer.Option("--status", "-s", help="Only claims with this status (repeatable).")
    ] = None,
    source: Annotated[
        int | None, typer.Option("--source", help="Only claims from this source id.", min=1, max=MAX_ID)
    ] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only claims naming this organisation, person, place...")
    ] = None,
    search: Annotated[str | None, typer.Option("--search", help="Only claims whose text contains this.")] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="Only claims assigned to this editor.")] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help="Only claims of this kind: fact, prediction, quote, opinion (repeatable)."),
    ] = None,
    seen: Annotated[
        bool, typer.Option("--seen-before", help="Only claims matching a fact-check or an earlier claim of the desk's.")
    ] = False,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """List claims, oldest first. "Seen" marks a claim matching what the desk already knows.

    Example: claims list --status unverified --kind prediction
    """
    from claims.cli.matching import add_seen_before
    from claims.records import claim_record
    from claims.services.claims import list_claims as find_claims
    from claims.services.common import parse_kind, parse_status

    statuses = [parse_status(value) for value in status or []]
    kinds = [parse_kind(value) for value in kind or []]
    context = app_context(ctx)
    thresholds = context.matching_thresholds()
    with context.session() as session:
        records = [
            claim_record(claim)
            for claim in find_claims(
                session,
                statuses=statuses,
                source_id=source,
                entity=entity,
                search=search,
                assignee=assignee,
                kinds=kinds,
                seen_before_score=thresholds.suggested if seen else None,
            )
        ]
        add_seen_before(session, records, thresholds)
    print_records(
        records,
        output_format,
        columns=[*CLAIM_COLUMNS, "seen_before"],
        title=plural(len(records), "claim"),
        headings=["#", "Status", "Kind", "Claim", "Claimant", "Source", "Score", "Assignee", "Seen"],
        row=lambda r: (
            r["id"],
            _status_label(r),
            r["kind"],
            r["text"],
            r["claimant"],
            r["source_id"],
            score_cell(r["score"]),
            r["assignee"],
            r["seen_before"],
        ),
    )
    if output_format is ListFormat.table and (predictions := sum(r["kind"] == "prediction" for r in records)):
        say(
            f"{plural(predictions, 'prediction')} listed: "
            + (
                "they cannot be confirmed until they happen."
                if predictions > 1
                else "it cannot be confirmed until it happens."
            )
        )


def _status_label(record: Record) -> str:
    """A verdict nobody has signed off yet reads as a draft."""
    return f"{record['status']} (draft)" if record["draft"] else record["status"]


def show(ctx: typer.Context, claim_id: ClaimId, output_format: FormatOption = ListFormat.table) -> None:
    """Show one claim with its source, evidence and history.

    Example: claims show 7 --format json
    """
    from claims.records import claim_detail_record
    from claims.services.claims import show_claim
    from claims.services.matching import stored_matches

    context = app_context(ctx)
    thresholds = context.matching_thresholds()
    with context.session() as session:
        record = claim_detail_record(show_claim(session, claim_id=claim_id))
        record["matches"] = [
            found.record() | {"seen": "same claim" if found.score >= thresholds.same else "suggested"}
            for found in stored_matches(session, claim_id, thresholds)
        ]
    if output_format is ListFormat.json:
        print_json(record)
    elif output_format is ListFormat.csv:
        print_csv([record], CLAIM_COLUMNS)
    else:
        _print_claim(record)


def _print_claim(record: Record) -> None:
    source = record["source"]
    fields = [
        ("Claim", record["text"]),
        ("Status", _status_label(record)),
        ("Signed off", f"{record['signed_off_by']} at {record['signed_off_at']}" if record["signed_off_by"] else None),
        ("Merged into", f"claim {record['merged_into']}" if record["merged_into"] else None),
        ("Assignee", record["assignee"]),
        ("Version", record["version"]),
        ("Kind", _kind_label(record["kind"])),
        ("Claimant", record["claimant"]),
        ("Score", record["score"]),
        ("Entities", ", ".join(f"{e['name']} ({e['label']})" for e in record["entities"])),
        (
            "Source",
            f"#{source['id']} {source['title'] or ''} ({source['outlet'] or 'no outlet'}, {source['published'] or 'undated'})"
            if source
            else None,
        ),
        ("URL", source["url"] if source else None),
        ("Sentence", record["sentence"]),
        ("Offsets", f"{record['start']}-{record['end']}" if record["start"] is not None else None),
    ]
    print_table(f"Claim {record['id']}", ["Field", "Value"], fields)
    if record["evidence"]:
        print_table(
            "Evidence",
            ["#", "Stance", "URL", "Quote", "By", "When"],
            (
                (
                    e["id"],
                    f"withdrawn ({e['stance']})" if e["withdrawn_at"] else e["stance"],
                    e["url"],
                    e["quote"],
                    e["editor"],
                    short_time(e["created_at"]),
                )
                for e in record["evidence"]
            ),
        )
    if record["matches"]:
        from claims.cli.matching import MATCH_HEADINGS, match_row

        print_table(
            "Seen before",
            [*MATCH_HEADINGS, "Seen"],
            ((*match_row(found), found["seen"]) for found in record["matches"]),
        )
    print_table("History", HISTORY_HEADINGS, map(_history_row, record["history"]))


def _kind_label(kind: str) -> str:
    """A prediction says so wherever it is shown: it cannot be confirmed until it happens."""
    return "prediction: cannot be confirmed until it happens" if kind == "prediction" else kind


HISTORY_HEADINGS = ["When", "Editor", "What", "Status", "Note"]


def _history_row(event: Record) -> tuple[str | None, ...]:
    status = f"{event['from_status']} -> {event['to_status']}" if event["from_status"] else event["to_status"]
    return (short_time(event["created_at"]), event["editor"], _what_happened(event), status, event["note"])


def _what_happened(event: Record) -> str:
    kind = event["kind"]
    if kind == "assigned":
        what = f"assigned to {event['assignee']}"
    elif kind == "unassigned":
        what = f"unassigned from {event['assignee']}"
    elif kind == "edited":
        what = f"{event['field'] or 'text'} edited, was: {event['old_text']}"
    elif kind in ("evidence_added", "evidence_withdrawn"):
        what = f"{kind.replace('_', ' ')} ({event['evidence_id']})"
    elif kind in ("linked", "unlinked"):
        what = f"{kind} to fact-check {event['factcheck_id']}"
    elif event["to_status"] == "merged":
        what = f"merged into claim {event['merged_into']}"
    else:
        what = str(kind).replace("_", " ")
    return f"{what}, undoing event {event['undoes']}" if event["undoes"] else what


def history(ctx: typer.Context, claim_id: ClaimId, output_format: FormatOption = ListFormat.table) -> None:
    """Show everything that happened to a claim, oldest first. Nothing in it is ever changed or deleted.

    Example: claims history 7
    """
    from claims.records import event_record
    from claims.services.claims import claim_history

    with app_context(ctx).session() as session:
        events = [event_record(event) for event in claim_history(session, claim_id=claim_id)]
    print_records(
        events, output_format, columns=HISTORY_COLUMNS, title="History", headings=HISTORY_HEADINGS, row=_history_row
    )


def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The claim, as it should be checked.")],
    source: Annotated[
        int | None, typer.Option("--source", help="The source id it comes from.", min=1, max=MAX_ID)
    ] = None,
    claimant: Annotated[
        str | None, typer.Option("--claimant", help="Who made the claim (default: the source's outlet).")
    ] = None,
    kind: Annotated[str, typer.Option("--kind", "-k", help="fact, prediction, quote or opinion.")] = "fact",
    note: Annotated[str | None, typer.Option("--note", help="Why it was added.")] = None,
) -> None:
    """Add a claim by hand, for one the detector missed.

    Example: claims add "Geely is Volvo's parent company" --source 1 --claimant CNBC
    """
    from claims.cli.matching import match_new_claims
    from claims.services.claims import add_claim
    from claims.services.common import parse_kind

    context = app_context(ctx)
    claim_kind = parse_kind(kind)
    with context.session(write=True) as session:
        claim = add_claim(
            session, text=text, editor=context.editor, source_id=source, claimant=claimant, kind=claim_kind, note=note
        )
        seen = match_new_claims(session, [claim.id], context.matching_thresholds())
    say(f"Added claim {claim.id}: {claim.text}")
    for line in seen:
        say(line)
