"""claims report: the desk's status report."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from claims.cli.context import app_context


class ReportFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"


def report(
    ctx: typer.Context,
    source: Annotated[int | None, typer.Option("--source", help="Only this source.")] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table, markdown, json or csv.")
    ] = ReportFormat.table,
) -> None:
    """Print the status report: claims by status, per source, what is open and what was decided.

    Example: claims report --format markdown > report.md
    """
    from claims import reports
    from claims.cli.output import console
    from claims.services.reports import build_status_report

    with app_context(ctx).session() as session:
        status_report = build_status_report(session, source_id=source)
    if output_format is ReportFormat.table:
        console().print(reports.to_rich(status_report))
        return
    render = {
        ReportFormat.markdown: reports.to_markdown,
        ReportFormat.json: reports.to_json,
        ReportFormat.csv: reports.to_csv,
    }[output_format]
    text = render(status_report)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
