"""Lists that page: the options every listing command shares, and how a page is printed.

`claims list`, `queue`, `history`, `entities` and `source list` show one page (50 rows) and end
with a count line (`50 of 12,408 claims; --page 2 for more, --all for everything`), as `gh` does;
`--all` streams every row in bounded memory. JSON, JSON Lines and CSV page the same way, so a
script never gets a million rows by accident, and their count line goes to stderr. A table on a
terminal goes through a pager (`less`, as git runs it), never when piped or with --no-pager.
Tables fit the terminal: every cell on one line, long text cut with `…`, never a word broken.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import inspect
import json
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from claims.limits import printable
from claims.pages import PAGE_SIZE as PAGE_SIZE
from claims.pages import Window
from claims.spreadsheet import CsvWriter, csv_cell

if TYPE_CHECKING:
    from rich.console import Console

    from claims.records import Record

CHUNK = 1_000  # table rows laid out at a time with --all; the first chunk sets the column widths
GAP = 2  # spaces between table columns
SHORTEST_TEXT = 16  # a cut claim keeps at least this many characters


class PagedFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[
    PagedFormat, typer.Option("--format", "-f", help="How to print: table, json, jsonl (one per line) or csv.")
]
LimitOption = Annotated[int, typer.Option("--limit", min=1, help="Rows per page.")]
PageOption = Annotated[int, typer.Option("--page", min=1, help="Which page: 2 is the rows after the first page.")]
AllOption = Annotated[bool, typer.Option("--all", help="Every row instead of a page, streamed as it is read.")]
PagerOption = Annotated[
    bool, typer.Option("--pager/--no-pager", help="Show a long table through a pager on a terminal (never when piped).")
]


@dataclass(frozen=True)
class Paging:
    """Which page the editor asked for, and how it is shown."""

    limit: int = PAGE_SIZE
    page: int = 1
    everything: bool = False
    pager: bool = True

    @property
    def window(self) -> Window:
        return Window() if self.everything else Window(limit=self.limit, offset=(self.page - 1) * self.limit)


def paged(command: Callable[..., None]) -> Callable[..., None]:
    """A listing command with the paging options: --limit, --page, --all and --pager/--no-pager,
    declared here once. The command takes them as one ``paging: Paging`` argument."""
    signature = inspect.signature(command, eval_str=True)
    kept = [parameter for name, parameter in signature.parameters.items() if name != "paging"]
    options = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
        for name, default, annotation in (
            ("limit", PAGE_SIZE, LimitOption),
            ("page", 1, PageOption),
            ("everything", False, AllOption),
            ("pager", True, PagerOption),
        )
    ]

    @functools.wraps(command)
    def listing(*args: Any, limit: int, page: int, everything: bool, pager: bool, **kwargs: Any) -> None:
        command(*args, paging=Paging(limit, page, everything, pager), **kwargs)

    parameters = kept + options
    listing.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    listing.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters} | {"return": None}
    return listing


@dataclass(frozen=True)
class Noun:
    one: str
    many: str

    def of(self, count: int) -> str:
        return self.one if count == 1 else self.many


@dataclass(frozen=True)
class Column:
    """A table column: its heading and cell. A flexible column takes the width the others leave
    and is cut with `…`; a capped one is cut beyond CAP characters."""

    heading: str
    cell: Callable[[Record], Any]
    flexible: bool = False
    cap: int | None = None
    right: bool = False
    style: Callable[[Record], str | None] | None = None


def count_line(*, shown: int, total: int, noun: Noun, paging: Paging) -> str:
    """`50 of 12,408 claims; --page 2 for more, --all for everything`, or what fits the page."""
    if paging.everything or (paging.page == 1 and shown == total):
        return f"{total:,} {noun.of(total)}." if total else f"No {noun.many}."
    first = paging.window.offset + 1
    if shown == 0:
        pages = -(-total // paging.limit)
        return (
            f"No {noun.many} on page {paging.page}: {total:,} {noun.of(total)} fill {pages} page{'s' * (pages != 1)}."
        )
    span = f"{shown:,}" if first == 1 else f"{first:,}-{first + shown - 1:,}"
    more = first + shown - 1 < total
    return f"{span} of {total:,} {noun.many}" + (
        f"; --page {paging.page + 1} for more, --all for everything." if more else "."
    )


def print_listing(
    records: Iterable[Record],
    *,
    total: int | None,
    noun: Noun,
    paging: Paging,
    output_format: PagedFormat,
    columns: Sequence[str],
    table: Sequence[Column],
    title: str | None = None,
    footer: Callable[[], Iterable[str]] = lambda: (),
) -> None:
    """Print a page (or, with --all, every row) in the format asked for, then the count line:
    after the table on a terminal, on stderr for JSON, JSON Lines and CSV. TOTAL is the count of
    the whole list (None with --all: the rows are counted as they go by)."""
    counted = _Counted(records)
    if output_format is PagedFormat.table:
        with _terminal(paging) as console:
            if title:
                console.print(title, style="bold", markup=False, highlight=False)
            _print_table(console, counted, table)
            for line in footer():
                console.print(line, markup=False, highlight=False)
            console.print(
                count_line(shown=counted.count, total=_total(total, counted), noun=noun, paging=paging),
                markup=False,
                highlight=False,
                style="dim",
            )
        return
    out = sys.stdout
    if output_format is PagedFormat.json:
        _write_json(counted, out)
    elif output_format is PagedFormat.jsonl:
        for record in counted:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        writer = CsvWriter(out)
        writer.writerow(list(columns))
        # Streamed: --all writes a million rows a batch at a time, never a list of them.
        writer.writerows([csv_cell(record.get(name)) for name in columns] for record in counted)
    out.flush()
    typer.echo(count_line(shown=counted.count, total=_total(total, counted), noun=noun, paging=paging), err=True)


def _total(total: int | None, counted: _Counted) -> int:
    return counted.count if total is None else total


class _Counted:
    """The records, counted as they are printed."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.records = iter(records)
        self.count = 0

    def __iter__(self) -> Iterator[Record]:
        for record in self.records:
            self.count += 1
            yield record


def _write_json(records: Iterable[Record], out: TextIO) -> None:
    """A JSON array written a record at a time, laid out as json.dumps(indent=2) lays it out."""
    first = True
    for record in records:
        out.write(("[\n" if first else ",\n") + textwrap.indent(json.dumps(record, indent=2, ensure_ascii=False), "  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


@contextlib.contextmanager
def _terminal(paging: Paging) -> Iterator[Console]:
    """A console on standard output, or on a pager when standard output is a terminal.

    The pager is `$PAGER` (default `less`), with `LESS=FRX` unless set, as git runs it: it stays
    out of the way when the page fits the screen, and keeps colours. Quitting it early ends the
    listing quietly."""
    from rich.console import Console

    command = os.environ.get("PAGER", "less").strip()
    if not (paging.pager and sys.stdout.isatty() and command and command != "cat"):
        yield Console(soft_wrap=False)
        return
    width = shutil.get_terminal_size().columns
    try:
        pager = subprocess.Popen(
            shlex.split(command),
            stdin=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={**os.environ, "LESS": os.environ.get("LESS", "FRX")},
        )
    except OSError:  # no pager installed: print as when piped
        yield Console(soft_wrap=False)
        return
    assert pager.stdin is not None
    try:
        yield Console(file=pager.stdin, soft_wrap=False, force_terminal=True, width=width)
        pager.stdin.close()
    except BrokenPipeError:
        pass  # the editor quit the pager before the end
    finally:
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()


def print_rows(records: Iterable[Record], columns: Sequence[Column], *, title: str | None = None) -> None:
    """A table of records on standard output, laid out as listings are (no page, no pager)."""
    from rich.console import Console

    console = Console(soft_wrap=False)
    if title:
        console.print(title, style="bold", markup=False, highlight=False)
    _print_table(console, records, columns)


def _print_table(console: Console, records: Iterable[Record], columns: Sequence[Column]) -> None:
    """Rows a chunk at a time, all in the column widths the first chunk fits in the console."""
    from rich.table import Table
    from rich.text import Text

    rows = iter(records)
    widths: list[int] = []
    while chunk := list(islice(rows, CHUNK)):
        cells = [[_text(column.cell(record)) for column in columns] for record in chunk]
        first = not widths
        if first:
            widths = fit_widths(columns, cells, console.width)
        table = Table(box=None, show_header=first, header_style="bold", pad_edge=False, padding=(0, GAP // 2))
        shown = [index for index, width in enumerate(widths) if width]  # a column with nothing in it is left out
        for index in shown:
            table.add_column(
                columns[index].heading,
                width=widths[index],
                no_wrap=True,
                overflow="ellipsis",
                justify="right" if columns[index].right else "left",
            )
        for record, row in zip(chunk, cells, strict=True):
            styles = [(column.style(record) or "") if column.style else "" for column in columns]
            table.add_row(*(Text(row[index], style=styles[index]) for index in shown))
        console.print(table)


def _text(value: Any) -> str:
    """A cell on one line: None is empty, and line breaks in a text become spaces."""
    return "" if value is None else " ".join(printable(str(value)).split())


def fit_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Column widths that fit WIDTH, 0 for a column with nothing in it but its heading (hidden).

    Each column is as wide as its widest cell (or its cap) and its heading. When that is too
    wide, the widest of the flexible columns give way first, down to SHORTEST_TEXT; then capped
    columns, down to their heading; then flexible ones, down to their heading. Headings are
    never cut, and what gives way is cut with `…` (rich), never broken across lines."""
    from rich.cells import cell_len

    widths = []
    for index, column in enumerate(columns):
        widest = max((cell_len(row[index]) for row in rows), default=0)
        if widest == 0:
            widths.append(0)
            continue
        if column.cap is not None:
            widest = min(widest, column.cap)
        widths.append(max(widest, cell_len(column.heading)))
    shown = [index for index, width in enumerate(widths) if width]
    excess = sum(widths) + GAP * (len(shown) - 1) - width
    headings = [cell_len(column.heading) for column in columns]
    flexible = [index for index in shown if columns[index].flexible]
    capped = [index for index in shown if columns[index].cap is not None and not columns[index].flexible]
    for give_way, floor in [
        (flexible, {index: max(headings[index], min(widths[index], SHORTEST_TEXT)) for index in flexible}),
        (capped, {index: max(headings[index], 4) for index in capped}),
        (flexible, {index: max(headings[index], 4) for index in flexible}),
    ]:
        while excess > 0:
            spare = {index: widths[index] - floor[index] for index in give_way if widths[index] > floor[index]}
            if not spare:
                break
            widest = max(spare, key=lambda index: spare[index])
            widths[widest] -= 1
            excess -= 1
    return widths
