"""Printing results: rich tables for people, JSON and CSV for scripts and spreadsheets."""

from __future__ import annotations

import contextlib
import enum
import glob
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from claims.limits import printable
from claims.spreadsheet import CsvWriter, csv_cell

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

# A progress bar is worth its flicker only for work that takes a while.
PROGRESS_MIN_ROWS = 5_000


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
    """Standard output, or a file that appears whole or not at all: a failed command leaves no half-file.

    The text goes to a hidden part file beside PATH, renamed over it at the end. The part's name
    carries the process id, so the next write cleans up the parts of writers that were killed
    midway without touching a colleague's that is still being written. A device or a pipe
    (/dev/stdout, a FIFO) is written directly: it cannot be replaced, nor should it be."""
    if path is None:
        yield sys.stdout
        return
    from claims.errors import InvalidInput

    if path.exists() and not path.is_file():
        try:
            with path.open("w", encoding="utf-8", newline="") as out:
                yield out
        except OSError as error:
            raise InvalidInput(f"cannot write {path}: {error.strerror}") from None
        return
    if not path.parent.is_dir():
        raise InvalidInput(f"cannot write {path}: folder {path.parent} does not exist")
    _remove_stale_parts(path)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's owner-only
        os.replace(temporary, path)
    except OSError as error:
        _unlink(temporary)
        raise InvalidInput(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        _unlink(temporary)
        raise


def _remove_stale_parts(path: Path) -> None:
    """Remove the part files of earlier writes to PATH whose process is gone (killed midway)."""
    for part in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        pid = part.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            _unlink(str(part))


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _unlink(name: str | None) -> None:
    if name is not None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def console() -> Console:
    from rich.console import Console

    return Console(soft_wrap=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def print_json_line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


def print_csv(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> None:
    writer = CsvWriter(sys.stdout)
    writer.writerow(columns)
    writer.writerows([csv_cell(record.get(column)) for column in columns] for record in records)


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
        table.add_column(column, overflow="ellipsis")
    for row in rows:
        table.add_row(*(escape(printable("" if value is None else str(value))) for value in row))
    console().print(table)


def short_time(iso: str | None) -> str:
    """'2026-11-25T14:36:35+00:00' as '2026-11-25 14:36 UTC': enough for a table cell."""
    if not iso:
        return ""
    return f"{iso[:10]} {iso[11:16]} UTC" if iso.endswith("+00:00") else iso


class ProgressBar:
    """A rich progress bar on stderr, for long runs at a terminal; nothing when piped or short.
    Entered, it gives the function to call with the rows done so far, or None when there is no bar."""

    def __init__(self, total: int, description: str, *, minimum: int = PROGRESS_MIN_ROWS) -> None:
        self.total = total
        self.description = description
        self.minimum = minimum
        self.bar: Progress | None = None

    def __enter__(self) -> Callable[[int], None] | None:
        from rich.console import Console

        console = Console(stderr=True)
        if self.total < self.minimum or not console.is_terminal:
            return None
        from rich.progress import Progress

        bar = self.bar = Progress(console=console, transient=True)
        bar.start()
        task = bar.add_task(self.description, total=self.total)
        return lambda done: bar.update(task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def say(message: str) -> None:
    """A short confirmation of what a command did; what it quotes from data is shown, not obeyed."""
    typer.echo(printable(message))


# Colours for the statuses in tables (rich styles; plain under NO_COLOR or when piped). A status
# without one here is shown plain, so adding a status to claims.vocabulary needs nothing else.
STATUS_STYLES = {
    "in_review": "yellow",
    "confirmed": "green",
    "refuted": "red",
    "mixed": "magenta",
    "unverifiable": "cyan",
    "dismissed": "dim",
    "merged": "dim",
}


def status_label(record: dict[str, Any]) -> str:
    """A status as a table shows it: words, not identifiers, and a verdict nobody has signed off
    yet reads as a draft."""
    label = str(record["status"]).replace("_", " ")
    return f"{label} (draft)" if record.get("draft") else label


def status_style(record: dict[str, Any]) -> str | None:
    return STATUS_STYLES.get(record["status"])
