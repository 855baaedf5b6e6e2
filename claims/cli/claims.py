"""Claims: list, show, add by hand, history."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claims.cli.context import app_context
from claims.cli.output import (
    plural,
    print_csv,
    print_json,
    print_json_line,
    print_table,
    say,
    score_cell,
    short_time,
    status_label,
    status_style,
)
from claims.cli.paging import (
    Column,
    FormatOption,
    Noun,
    PagedFormat,
    Paging,
    paged,
    print_listing,
    print_rows,
)
from claims.limits import MAX_ID
from claims.pages import Sort

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from claims.cli.context import AppContext
    from claims.records import Record

CLAIM_COLUMNS = [
    "id", "text", "status", "kind", "source_id", "claimant", "sentence", "start", "end", "score", "entities",
    "created_at", "updated_at", "version", "assignee", "published", "draft", "signed_off_by", "signed_off_at",
    "merged_into",
]  # fmt: skip
HISTORY_COLUMNS = [
    "id", "claim_id", "kind", "from_status", "to_status", "editor", "note", "evidence_id", "old_text", "new_text",
    "assignee", "field", "claimant", "claim_kind", "merged_into", "factcheck_id", "undoes", "created_at", "part_of",
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


EVIDENCE_HEADINGS = ["#", "Stance", "URL", "Quote", "By", "When"]


def evidence_row(evidence: dict[str, Any]) -> tuple[Any, ...]:
    """A piece of evidence as a table row, in `show` and `evidence list` alike; withdrawn evidence
    stays listed (the history points at it) and says so."""
    stance = f"withdrawn ({evidence['stance']})" if evidence["withdrawn_at"] else evidence["stance"]
    return (
        evidence["id"],
        stance,
        evidence["url"],
        evidence["quote"],
        evidence["editor"],
        short_time(evidence["created_at"]),
    )


@paged
def list_claims(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None, typer.Option("--status", "-s", help="Only claims with this status (repeatable).")
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help="Only claims of this kind: fact, prediction, quote, opinion (repeatable)."),
    ] = None,
    source: Annotated[
        int | None, typer.Option("--source", help="Only claims from this source id.", min=1, max=MAX_ID)
    ] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only claims naming this organisation, person, place...")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            help='Only claims whose wording or sentence has these words, in any order ("a phrase", -word to leave out).',
        ),
    ] = None,
    claimant: Annotated[str | None, typer.Option("--claimant", help="Only claims made by this claimant.")] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="Only claims assigned to this editor.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only claims added or changed on or after this day, YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only claims added on or before this day, YYYY-MM-DD.")
    ] = None,
    sort: Annotated[
        Sort | None,
        typer.Option("--sort", help="newest (default), oldest, score, or relevance (default with --search)."),
    ] = None,
    seen: Annotated[
        bool, typer.Option("--seen-before", help="Only claims matching a fact-check or an earlier claim of the desk's.")
    ] = False,
    output_format: FormatOption = PagedFormat.table,
    *,
    paging: Paging,
) -> None:
    """List claims, newest first (a search: the most relevant first), a page at a time.

    Example: claims list --status unverified --search "nestle dividend" --since 2026-01-01
    """
    from claims.parsing import parse_date, parse_kind, parse_status
    from claims.services.listing import ClaimFilter, claim_records, count_claims, with_seen_before

    context = app_context(ctx)
    thresholds = context.matching_thresholds()

    wanted = ClaimFilter(
        statuses=[parse_status(value) for value in status or []],
        kinds=[parse_kind(value) for value in kind or []],
        source_id=source,
        entity=entity,
        search=search,
        assignee=assignee,
        claimant=claimant,
        since=parse_date(since, field="--since") if since else None,
        until=parse_date(until, field="--until") if until else None,
        seen_before_score=thresholds.suggested if seen else None,
    )
    predictions = 0

    def counting_predictions(records: Iterable[Record]) -> Iterator[Record]:
        nonlocal predictions
        for record in records:
            predictions += record["kind"] == "prediction"
            yield record

    with context.reading() as connection:
        total = None if paging.everything else count_claims(connection, wanted)
        print_listing(
            counting_predictions(
                with_seen_before(
                    connection,
                    claim_records(connection, wanted, sort=sort, window=paging.window),
                    thresholds,
                )
            ),
            total=total,
            noun=CLAIMS,
            paging=paging,
            output_format=output_format,
            columns=[*CLAIM_COLUMNS, "seen_before"],
            table=CLAIM_TABLE,
            footer=lambda: [_predictions_note(predictions)] if predictions else [],
        )


CLAIMS = Noun("claim", "claims")
# Whether the desk already knows the claim: "same" (claim) or "suggested", from the stored matches.
SEEN_COLUMN = Column("Seen", lambda r: "same" if r.get("seen_before") == "same claim" else r.get("seen_before"), cap=9)
CLAIM_TABLE = [
    Column("#", lambda r: r["id"], right=True),
    Column("Status", status_label, style=status_style),
    Column("Kind", lambda r: r["kind"]),
    Column("Claim", lambda r: r["text"], flexible=True),
    Column("Claimant", lambda r: r["claimant"], cap=16),
    Column("Src", lambda r: r["source_id"], right=True),
    Column("Score", lambda r: score_cell(r["score"]), right=True),
    Column("Assignee", lambda r: r["assignee"], cap=10),
    SEEN_COLUMN,
]


def _predictions_note(predictions: int) -> str:
    return f"{plural(predictions, 'prediction')} listed: " + (
        "they cannot be confirmed until they happen." if predictions > 1 else "it cannot be confirmed until it happens."
    )


def show(ctx: typer.Context, claim_id: ClaimId, output_format: FormatOption = PagedFormat.table) -> None:
    """Show one claim with its source, evidence and history, its wording in full.

    Example: claims show 7 --format json
    """
    from claims.services.listing import claim_detail

    context = app_context(ctx)
    with context.reading() as connection:
        record = claim_detail(connection, claim_id)
        record["matches"] = _stored_matches(context, connection, claim_id)
    if output_format is PagedFormat.json:
        print_json(record)
    elif output_format is PagedFormat.jsonl:
        print_json_line(record)
    elif output_format is PagedFormat.csv:
        print_csv([record], CLAIM_COLUMNS)
    else:
        _print_claim(record)


def _stored_matches(context: AppContext, connection: Connection, claim_id: int) -> list[Record]:
    """What the desk already knows that matches the claim, from the stored scores, through the Core."""
    from claims.services.matches import stored_matches

    thresholds = context.matching_thresholds()
    return [
        found.record() | {"seen": thresholds.label(found.score)}
        for found in stored_matches(connection, claim_id, thresholds)
    ]


def _print_claim(record: Record) -> None:
    source = record["source"]
    fields = [
        ("Claim", record["text"]),
        ("Status", status_label(record)),
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
        print_table("Evidence", EVIDENCE_HEADINGS, (evidence_row(e) for e in record["evidence"]))
    if record["matches"]:
        from claims.cli.matching import MATCH_HEADINGS, match_row

        print_table(
            "Seen before",
            [*MATCH_HEADINGS, "Seen"],
            ((*match_row(found), found["seen"]) for found in record["matches"]),
        )
    print_rows(record["history"], HISTORY_TABLE, title="History")


def _kind_label(kind: str) -> str:
    """A prediction says so wherever it is shown: it cannot be confirmed until it happens."""
    return "prediction: cannot be confirmed until it happens" if kind == "prediction" else kind


def _status_change(event: Record) -> str | None:
    """unverified → in review: the statuses as tables show them."""
    to_status = event["to_status"] and status_label({"status": event["to_status"]})
    return f"{status_label({'status': event['from_status']})} → {to_status}" if event["from_status"] else to_status


def _minute(iso: str | None) -> str:
    """'2026-11-25T14:36:35+00:00' as '2026-11-25 14:36', under a heading that says UTC."""
    return f"{iso[:10]} {iso[11:16]}" if iso else ""


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


@paged
def history(
    ctx: typer.Context,
    claim_id: ClaimId,
    output_format: FormatOption = PagedFormat.table,
    *,
    paging: Paging,
) -> None:
    """Show everything that happened to a claim, oldest first, a page at a time. Nothing in it is ever changed or deleted.

    Example: claims history 7
    """
    from claims.services.listing import count_history, history_records

    with app_context(ctx).reading() as connection:
        total = count_history(connection, claim_id)
        print_listing(
            history_records(connection, claim_id, window=paging.window),
            total=total,
            noun=Noun("event", "events"),
            paging=paging,
            output_format=output_format,
            columns=HISTORY_COLUMNS,
            table=HISTORY_TABLE,
        )


HISTORY_TABLE = [
    Column("When (UTC)", lambda e: _minute(e["created_at"])),
    Column("Editor", lambda e: e["editor"], cap=12),
    Column("What", lambda e: _what_happened(e), flexible=True),
    Column("Status", lambda e: _status_change(e)),
    Column("Note", lambda e: e["note"], flexible=True),
]


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
