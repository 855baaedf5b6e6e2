"""Printing results: rich tables for people, JSON and CSV for scripts and spreadsheets."""

from __future__ import annotations

import csv
import enum
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from claims.spreadsheet import csv_cell

if TYPE_CHECKING:
    from rich.console import Console


class ListFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="How to print: table, json or csv.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of the terminal.", dir_okay=False)
]


@contextmanager
def output_file(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file that appears whole or not at all: a failed command leaves no half-file."""
    if path is None:
        yield sys.stdout
        return
    if not path.parent.is_dir():
        from claims.errors import InvalidInput

        raise InvalidInput(f"cannot write {path}: folder {path.parent} does not exist")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's owner-only
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def console() -> Console:
    from rich.console import Console

    return Console(soft_wrap=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def print_json_line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def print_csv(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([csv_cell(record.get(column)) for column in columns])


def print_records(
    records: Sequence[dict[str, Any]],
    output_format: ListFormat,
    *,
    columns: Sequence[str],
    title: str | None,
    headings: Sequence[str],
    row: Callable[[dict[str, Any]], Sequence[Any]],
) -> None:
    """The same records as JSON, as CSV with these columns, or as a table of these rows."""
    if output_format is ListFormat.json:
        print_json(records)
    elif output_format is ListFormat.csv:
        print_csv(records, columns)
    else:
        print_table(title, headings, (row(record) for record in records))


def score_cell(score: float | None) -> str:
    return f"{score:.2f}" if score is not None else ""


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


# Colours for the statuses in tables (rich styles; plain under NO_COLOR or when piped). A status
# without one here is shown plain, so adding a status to claims.vocabulary needs nothing else.
STATUS_STYLES = {
    "in_review": "yellow",
    "confirmed": "green",
    "refuted": "red",
    "mixed": "magenta",
    "unverifiable": "cyan",
}


def status_label(record: dict[str, Any]) -> str:
    """A status as a table shows it: words, not identifiers, and a verdict nobody has signed off
    yet reads as a draft."""
    label = str(record["status"]).replace("_", " ")
    return f"{label} (draft)" if record.get("draft") else label


def status_style(record: dict[str, Any]) -> str | None:
    return STATUS_STYLES.get(record["status"])
