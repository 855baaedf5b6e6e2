"""claims report: the desk's status report."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from claims.cli.context import app_context
from claims.cli.output import OutputOption, output_file, say
from claims.cli.paging import PAGE_SIZE
from claims.limits import MAX_ID


class ReportFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"


def report(
    ctx: typer.Context,
    source: Annotated[int | None, typer.Option("--source", help="Only this source.", min=1, max=MAX_ID)] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only claims added or changed since this day, YYYY-MM-DD.")
    ] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", "-s", help="Only claims with this status (repeatable).")
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table, markdown, html, json or csv.")
    ] = ReportFormat.table,
    output: OutputOption = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, help="Longest list of open claims, verdicts and sources shown.")
    ] = PAGE_SIZE,
    everything: Annotated[
        bool, typer.Option("--all", help="Every open claim, verdict, source and history entry, not a page of each.")
    ] = False,
) -> None:
    """The status report: claims by status, kind and assignee, per source, what is open, what was
    decided (published or draft), and what happened lately. Counts cover every claim; each list
    shows a page (the oldest open claims, the latest verdicts) unless --all. HTML is one file that
    opens anywhere, offline.

    Example: claims report --format html --output report.html
    """
    from claims import reports
    from claims.parsing import parse_date, parse_status
    from claims.services.reports import ReportScope, build_status_report

    scope = ReportScope(
        source_id=source,
        since=parse_date(since, field="--since") if since else None,
        statuses=[parse_status(value) for value in status or []],
    )
    context = app_context(ctx)
    same = context.matching_thresholds().same
    with context.reading() as connection:
        status_report = build_status_report(
            connection, scope=scope, limit=None if everything else limit, same_claim_score=same
        )
    if output_format is ReportFormat.table:
        from rich.console import Console

        with output_file(output) as out:
            Console(file=out, soft_wrap=False, width=160 if output else None).print(reports.to_rich(status_report))
    else:
        if output_format is ReportFormat.html:
            from claims.report_html import to_html as render
        else:
            render = {
                ReportFormat.markdown: reports.to_markdown,
                ReportFormat.json: reports.to_json,
                ReportFormat.csv: reports.to_csv,
            }[output_format]
        text = render(status_report)
        with output_file(output) as out:
            out.write(text if text.endswith("\n") else text + "\n")
    if output is not None:
        say(f"Wrote the report to {output}.")
