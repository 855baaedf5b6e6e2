"""claims import and claims export: claims to and from spreadsheets, and ClaimReview for the web."""

from __future__ import annotations

import enum
import json
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from claims.cli.context import app_context
from claims.cli.output import OutputOption, ProgressBar, output_file, plural, say
from claims.exchange import FileFormat

export_app = typer.Typer(help="Export claims for spreadsheets, or ClaimReview for the web.", no_args_is_help=True)


class ExportFormat(str, enum.Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


def import_claims(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A CSV, TSV, JSON (array) or JSON Lines file, or - for standard input.")],
    input_format: Annotated[
        FileFormat | None, typer.Option("--format", "-f", help="csv, tsv, json or jsonl (default: from the extension).")
    ] = None,
) -> None:
    """Import claims from a spreadsheet: all rows, or none if one is wrong.

    Columns: text (required), source_url or source_id, source_title, source_outlet, source_published,
    claimant, kind, status, evidence_url, stance, note, editor, verdict_at, signed_off_by.
    A verdict needs evidence (unverifiable: a note), as at the desk; a verdict with signed_off_by is
    imported published, one without as a draft (with no editor list, published by its editor).
    On a desk with an editor list, editor and signed_off_by must be on it with the roles the work
    needs, and only a chief may import a file naming someone else in them.

    Example: claims import desk-sheet.csv
    """
    from claims.cli.inputs import count_lines, read_lines, read_text
    from claims.exchange import detect_format, read_rows
    from claims.services.exchange import import_claims as store_claims
    from claims.services.matching import count_pending

    context = app_context(ctx)
    file_format = detect_format(file, input_format)
    # A JSON array is read whole; every other format a line at a time, however long the file.
    lines = (
        read_text(file, keep_line_ends=True)
        if file_format is FileFormat.json
        else read_lines(file, keep_line_ends=True)
    )
    rows = read_rows(lines, file_format)
    origin = "standard input" if file == "-" else Path(file).name
    with (
        ProgressBar(_estimated_rows(count_lines(file), file_format), "Importing claims") as on_progress,
        context.session(write=True) as session,
    ):
        result = store_claims(session, rows, editor=context.editor, origin=origin, on_progress=on_progress)
        waiting = count_pending(session)
    created = f", {plural(result.sources, 'new source')}" if result.sources else ""
    say(f"Imported {plural(result.claims, 'claim')} with {plural(result.evidence, 'piece')} of evidence{created}.")
    if waiting:
        # Matching a whole spreadsheet would slow the import down: it waits for an explicit command.
        say(f"{plural(waiting, 'claim')} waiting to be matched against the archive: run `claims match --pending`.")


def _estimated_rows(lines: int, file_format: FileFormat) -> int:
    """Lines, less the header: close enough for a progress bar, and cheap to count."""
    return lines - 1 if file_format in (FileFormat.csv, FileFormat.tsv) else lines


@export_app.command("claims")
def export_claims(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="csv, json or jsonl.")
    ] = ExportFormat.csv,
    output: OutputOption = None,
) -> None:
    """Export every claim with its source, status, latest verdict and evidence, for a spreadsheet.

    `claims import` reads the file back. CSV cells that a spreadsheet would run as a formula are
    written as text.

    Example: claims export claims --format csv --output desk-sheet.csv
    """
    from claims.exchange import write_rows
    from claims.services.export import export_rows

    # closing(): a reader that stops early (`| head`) must not leave the cursor open past the transaction.
    with app_context(ctx).reading() as connection, output_file(output) as out, closing(export_rows(connection)) as rows:
        count = write_rows(rows, FileFormat(output_format.value), out)
    if output is not None:
        say(f"Exported {count} claims to {output}.")


@export_app.command("claimreview")
def export_claimreview(ctx: typer.Context, output: OutputOption = None) -> None:
    """Export published verdicts as schema.org ClaimReview JSON-LD, for the fact-check pages.

    Only verdicts that are signed off, and whose status claims.toml (or the file the global
    --config names) lists under [claimreview.ratings], are exported: drafts stay at the desk.
    `claims config show --help` shows the settings.

    Example: claims export claimreview --output claimreview.json
    """
    from claims.claimreview import claim_review
    from claims.config import review_settings
    from claims.services.claimreview import published_verdicts

    context = app_context(ctx)
    settings = review_settings(context.config_path)
    written = 0
    # A JSON array as json.dumps(reviews, indent=2) writes it, one ClaimReview at a time.
    with context.reading(snapshot=True) as connection, output_file(output) as out:
        for claim in published_verdicts(connection, statuses=settings.ratings):
            review = json.dumps(claim_review(claim, settings), indent=2, ensure_ascii=False)
            out.write(("[\n" if not written else ",\n") + "\n".join("  " + line for line in review.split("\n")))
            written += 1
        out.write("\n]\n" if written else "[]\n")
    if output is not None:
        say(f"Exported {written} ClaimReviews to {output}.")
