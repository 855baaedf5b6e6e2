"""Printing results: rich tables for people, JSON and CSV for scripts and spreadsheets."""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console


class ListFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="How to print: table, json or csv.")]


def console() -> Console:
    from rich.console import Console

    return Console(soft_wrap=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def csv_cell(value: Any) -> str:
    """A value as spreadsheet text: lists joined with '; ', None empty, and no formula injection."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        value = "; ".join(
            f"{item['name']} ({item['label']})" if isinstance(item, dict) and "label" in item else str(item) for item in value
        )
    text = str(value)
    # A cell starting like a formula would run in a spreadsheet; a leading quote makes it text.
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def print_csv(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([csv_cell(record.get(column)) for column in columns])


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape("" if value is None else str(value)) for value in row))
    console().print(table)


def short_time(iso: str | None) -> str:
    """'2026-11-25T14:36:35+00:00' as '2026-11-25 14:36 UTC': enough for a table cell."""
    if not iso:
        return ""
    return f"{iso[:10]} {iso[11:16]} UTC" if iso.endswith("+00:00") else iso


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def say(message: str) -> None:
    """A short confirmation of what a command did."""
    typer.echo(message)
