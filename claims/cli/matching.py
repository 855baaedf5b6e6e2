"""claims factchecks and claims match: the archive of published fact-checks, and what a claim matches in it."""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claims.cli.context import app_context
from claims.cli.output import FormatOption, ListFormat, plural, print_csv, print_json, print_records, print_table, say

if TYPE_CHECKING:
    from claims.matching.thresholds import Thresholds
    from claims.services.matches import Match

factchecks_app = typer.Typer(help="The archive of published fact-checks (ClaimReview).", no_args_is_help=True)

FACTCHECK_COLUMNS = [
    "id", "claim_reviewed", "url", "reviewed_by", "date_published", "rating", "rating_value", "best_rating",
    "worst_rating", "claim_author", "claim_appearance", "claim_date", "headline", "description",
]  # fmt: skip
MATCH_HEADINGS = ["Score", "Match", "Type", "#", "Verdict", "By", "Date", "URL"]
DEFAULT_PAGE = 30


def _factcheck_record(check: Any) -> dict[str, Any]:
    record = {column: getattr(check, column) for column in FACTCHECK_COLUMNS}
    for column in ("date_published", "claim_date"):
        record[column] = record[column].isoformat() if record[column] else None
    return record


@factchecks_app.command("import")
def import_factchecks(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="ClaimReview JSON-LD: a file, or - for standard input.")],
) -> None:
    """Import published fact-checks: a JSON array of ClaimReviews, one object, JSON Lines, or a
    schema.org DataFeed. All or nothing: a bad item imports nothing and is named.

    The same url and claimReviewed again changes nothing; other changed fields (a new rating) are
    updated; a reworded claimReviewed at a known url is a new item. The claims still open are then
    matched against the archive.

    Example: claims factchecks import claimreviews.jsonl
    """
    from claims.cli.inputs import count_lines, read_lines
    from claims.cli.output import ProgressBar
    from claims.factchecks import stream_checks
    from claims.services.matching import CheckOutcome
    from claims.services.matching import import_factchecks as store

    context = app_context(ctx)
    # JSON Lines are read, checked and stored a batch at a time, in one transaction: a bad item
    # anywhere rolls back what came before it. A line a fact-check: close enough for the bar.
    checks = stream_checks(read_lines(file))
    with ProgressBar(count_lines(file), "Importing fact-checks") as on_progress, context.session(write=True) as session:
        result = store(session, checks, on_progress=on_progress)
    counts = result.counts
    say(
        f"Imported {plural(result.read, 'fact-check')}: {counts[CheckOutcome.ADDED]} new, "
        f"{counts[CheckOutcome.REWORDED]} reworded at a known address, {counts[CheckOutcome.UPDATED]} updated, "
        f"{counts[CheckOutcome.UNCHANGED]} unchanged."
    )
    for url, changed in result.updated[:10]:
        say(f"Updated {url}: {', '.join(changed)}.")
    for url in result.reworded[:10]:
        say(f"New claim reviewed at {url}: kept as another fact-check.")
    if result.matched_claims:
        say(f"Matched {plural(result.matched_claims, 'open claim')} against the archive.")


@factchecks_app.command("list")
def list_factchecks(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many a page.", min=1)] = DEFAULT_PAGE,
    page: Annotated[int, typer.Option("--page", help="Which page, from 1.", min=1)] = 1,
    everything: Annotated[bool, typer.Option("--all", help="Every fact-check, no paging.")] = False,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """List the fact-check archive, newest first, a page at a time.

    Example: claims factchecks list --page 2
    """
    from claims.services.matching import list_factchecks as find

    with app_context(ctx).session() as session:
        checks, total = find(
            session, limit=None if everything else limit, offset=0 if everything else (page - 1) * limit
        )
        records = [_factcheck_record(check) for check in checks]
    shown = f"{plural(total, 'fact-check')}" + ("" if everything or total <= limit else f", page {page}")
    print_records(
        records,
        output_format,
        columns=FACTCHECK_COLUMNS,
        title=shown,
        headings=["#", "Claim reviewed", "Rating", "By", "Published", "URL"],
        row=lambda r: (r["id"], r["claim_reviewed"], r["rating"], r["reviewed_by"], r["date_published"], r["url"]),
    )


@factchecks_app.command("show")
def show_factcheck(
    ctx: typer.Context,
    factcheck_id: Annotated[int, typer.Argument(help="The fact-check's number.", min=1)],
    output_format: FormatOption = ListFormat.table,
) -> None:
    """Show one published fact-check.

    Example: claims factchecks show 12
    """
    from claims.services.matching import get_factcheck

    with app_context(ctx).session() as session:
        record = _factcheck_record(get_factcheck(session, factcheck_id))
    if output_format is ListFormat.json:
        print_json(record)
    elif output_format is ListFormat.csv:
        print_csv([record], FACTCHECK_COLUMNS)
    else:
        print_table(f"Fact-check {record['id']}", ["Field", "Value"], record.items())


class MatchFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def match(
    ctx: typer.Context,
    query: Annotated[
        str | None, typer.Argument(help="The claim to look for, or - for one a line on standard input.")
    ] = None,
    claim: Annotated[int | None, typer.Option("--claim", help="Match this claim of the desk's.", min=1)] = None,
    source: Annotated[int | None, typer.Option("--source", help="Match every claim of this source.", min=1)] = None,
    pending: Annotated[
        bool, typer.Option("--pending", help="Match, and store the matches of, claims waiting to be matched.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many matches for each.", min=1)] = 5,
    output_format: Annotated[
        MatchFormat | None, typer.Option("--format", "-f", help="table, json or jsonl (default: jsonl for -).")
    ] = None,
) -> None:
    """Rank what the desk already knows against a claim: published fact-checks and its own claims.

    Example: claims match "Nestle pays a dividend of 2.95 francs"
    """
    chosen = [name for name, given in (("TEXT", query), ("--claim", claim), ("--source", source)) if given] + (
        ["--pending"] if pending else []
    )
    if len(chosen) != 1:
        from claims.errors import InvalidInput

        raise InvalidInput("give one of TEXT, -, --claim ID, --source ID or --pending")
    context = app_context(ctx)
    if pending:
        _match_pending(context)
        return
    from claims.services.common import get_claim
    from claims.services.matching import match_text, source_claims

    form = output_format or (MatchFormat.jsonl if query == "-" else MatchFormat.table)
    with context.session() as session:
        if query == "-":
            from claims.cli.inputs import read_lines

            for line in read_lines("-"):
                _print_answer(line, match_text(session, line, limit=limit), form)
            return
        if query is not None:
            _print_answer(query, match_text(session, query, limit=limit), form)
            return
        claims = [get_claim(session, claim)] if claim is not None else list(source_claims(session, source or 0))
        for item in claims:
            published = item.source.published if item.source else None
            found = match_text(session, item.text, limit=limit, query_date=published, claim=item)
            _print_answer(item.text, found, form, claim_id=item.id)


def _print_answer(query: str, matches: list[Match], form: MatchFormat, claim_id: int | None = None) -> None:
    # Exactly the shape scripts rely on, for every form of query; a claim's number shows in the table.
    answer: dict[str, Any] = {"query": query, "matches": [found.record() for found in matches]}
    if form is MatchFormat.jsonl:
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    elif form is MatchFormat.json:
        print_json(answer)
    else:
        title = f"Claim {claim_id}: {query}" if claim_id is not None else query
        if not matches:
            say(f"Nothing matches: {title}")
            return
        print_table(title, MATCH_HEADINGS, map(match_row, answer["matches"]))


def match_row(record: dict[str, Any]) -> tuple[Any, ...]:
    return (
        f"{record['score']:.2f}",
        record["text"],
        record["type"],
        record["id"],
        record["verdict"] or record["status"],
        record["reviewed_by"],
        record["date"],
        record["url"],
    )


def _match_pending(context: Any) -> None:
    from claims.cli.output import ProgressBar
    from claims.services.matching import count_pending, match_claims, pending_claim_ids

    with context.session(write=True) as session:
        waiting = count_pending(session)
        with ProgressBar(waiting, "Matching claims", minimum=1) as on_progress:
            done = match_claims(session, pending_claim_ids(session), on_progress=on_progress)
    say(f"Matched {plural(done, 'claim')} against the archive.")


def match_new_claims(
    session: Any, claim_ids: Iterable[int], thresholds: Thresholds, *, source_id: int | None = None
) -> list[str]:
    """Match claims just added against the archive, store the matches, and say which were seen
    before: a page of them (PAGE_SIZE), and how to list the rest, as a long article's claims are
    matched and let go a batch at a time."""
    from claims.pages import PAGE_SIZE
    from claims.services.matching import match_new

    shown, seen = match_new(session, claim_ids, thresholds, keep=PAGE_SIZE)
    lines = [
        f"Seen before: claim {claim_id} is {_describe_match(found)} "
        f"({thresholds.label(found.score)}, score {found.score:.2f})."
        for claim_id, found in shown
    ]
    if seen > len(shown):
        listing = f"claims list --seen-before{f' --source {source_id}' if source_id else ''} --all"
        lines.append(f"{len(shown)} of the {seen:,} new claims seen before shown; `{listing}` lists every one.")
    return lines


def _describe_match(found: Match) -> str:
    if found.type == "factcheck":
        details = ", ".join(
            str(part) for part in (found.verdict or "rating unknown", found.reviewed_by, found.date) if part
        )
        return f"like fact-check {found.id}, “{found.text}” ({details}) {found.url}"
    details = ", ".join(str(part) for part in (found.status, found.reviewed_by, found.date) if part)
    return f"like claim {found.id}, “{found.text}” ({details})"
