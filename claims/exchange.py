"""Claims as spreadsheet rows: the columns, and reading and writing CSV, TSV, JSON and JSON Lines.

Pure: ``services.exchange`` checks the rows against the desk's rules and stores them, and
gathers the rows to export. Every column that ``claims export claims`` writes, ``claims import``
reads back, so a file exported, imported into an empty database and exported again is the same.
"""

from __future__ import annotations

import csv
import enum
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any, TextIO

from claims.errors import InvalidInput
from claims.limits import NAME_LENGTH, TITLE_LENGTH, URL_LENGTH, text_problem
from claims.spreadsheet import CsvWriter, restore

# In this order in every export; an empty cell (or a JSON null) means "not known".
EXPORT_COLUMNS = (
    "text",
    "claimant",
    "kind",  # fact, prediction, quote or opinion
    "status",
    "source_url",
    "source_title",
    "source_outlet",
    "source_published",
    "evidence_url",  # every piece of evidence, oldest first, separated by spaces
    "stance",  # one stance for all of them, or one per evidence URL
    "note",  # why the claim has its current status
    "editor",  # who gave it that status (who added it, while unverified)
    "verdict_at",  # when the verdict was given
    "signed_off_by",  # who published the verdict; empty for a draft
    "published",  # yes for a published verdict, no for a draft; empty for a claim with no verdict
)
# An existing source, named by its number instead of its address.
IMPORT_ONLY_COLUMNS = ("source_id",)
KNOWN_COLUMNS = frozenset(EXPORT_COLUMNS + IMPORT_ONLY_COLUMNS)

# The longest text each one-line column may hold (claims.limits); every other column is a text
# of any length. evidence_url holds addresses separated by spaces, each at most URL_LENGTH.
CELL_LIMITS = {"claimant": NAME_LENGTH, "source_url": URL_LENGTH, "source_title": TITLE_LENGTH,
               "source_outlet": NAME_LENGTH, "editor": NAME_LENGTH, "signed_off_by": NAME_LENGTH}  # fmt: skip

Row = dict[str, str]
# A row and its number, counted here once for every format: 1 is the first claim after any header,
# and blank lines are not counted.
NumberedRow = tuple[int, Row]
# An exported claim: its EXPORT_COLUMNS, in order.
ExportRow = tuple[str | None, ...]


class FileFormat(str, enum.Enum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"


EXTENSIONS = {".csv": FileFormat.csv, ".tsv": FileFormat.tsv, ".tab": FileFormat.tsv, ".json": FileFormat.json,
              ".jsonl": FileFormat.jsonl, ".ndjson": FileFormat.jsonl}  # fmt: skip


def detect_format(path: str, given: FileFormat | None) -> FileFormat:
    """The format named with --format, else the one the file name's extension says."""
    if given is not None:
        return given
    if path == "-":
        raise InvalidInput("reading standard input: say which format with --format csv, tsv, json or jsonl")
    found = EXTENSIONS.get(PurePath(path).suffix.lower())
    if found is None:
        raise InvalidInput(
            f"cannot tell the format of {path} from its extension: give --format csv, tsv, json or jsonl"
        )
    return found


def read_rows(text: str | Iterable[str], file_format: FileFormat) -> Iterator[NumberedRow]:
    """The rows of a file, numbered, each as {column: text} of the cells with something in them,
    stripped (an empty cell and a JSON null both mean "not known"); unknown columns are refused up front.

    TEXT is the whole file, or its lines with their line ends (each ending at a line feed, as
    ``open(..., newline="\\n")`` gives them), read as they are needed: CSV, TSV and JSON Lines are
    read a row at a time, so a file of any length takes the memory of a row (a JSON array is
    read whole)."""
    lines = io.StringIO(text, newline="\n") if isinstance(text, str) else text
    if file_format in (FileFormat.csv, FileFormat.tsv):
        return _read_delimited(lines, "," if file_format is FileFormat.csv else "\t")
    if file_format is FileFormat.json:
        data = _json(text if isinstance(text, str) else "".join(lines))
        if not isinstance(data, list):
            raise InvalidInput("a JSON file to import must hold an array of claims, one object per claim")
        return _read_objects(enumerate(data, start=1))
    return _read_objects(_json_lines(lines))


def _check_columns(columns: Iterable[str], where: str) -> None:
    for column in columns:
        if column not in KNOWN_COLUMNS:
            known = ", ".join(EXPORT_COLUMNS + IMPORT_ONLY_COLUMNS)
            raise InvalidInput(f"unknown column {column!r}{where}; the columns are: {known}")


def _json(text: str) -> Any:
    """The value of a JSON text; a one-line refusal for anything Python's reader chokes on or
    lets through: an object naming a key twice (which value would count?), nesting too deep to
    read, a number too long to convert."""
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise InvalidInput("not valid JSON for claims: arrays or objects nested too deep") from None
    except ValueError:  # Python reads no integer of more than 4,300 digits
        raise InvalidInput("not valid JSON for claims: a number too long to read") from None


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        twice = next(key for index, (key, _) in enumerate(pairs) if key in dict(pairs[:index]))
        raise InvalidInput(f"not valid JSON for claims: an object names {twice!r} twice")
    return found


def _without_nul(lines: Iterable[str]) -> Iterator[str]:
    """The lines, refused at the first NUL: once per line, so that no cell then needs a look for it."""
    for number, line in enumerate(lines, start=1):
        if "\x00" in line:
            raise InvalidInput(f"line {number}: a NUL character, which claims does not store (is the file UTF-16?)")
        yield line


def _read_delimited(lines: Iterable[str], delimiter: str) -> Iterator[NumberedRow]:
    # Rows end at a line feed (CRLF or LF); a carriage return alone belongs in a quoted cell.
    # Strict: a quote left open refuses the file instead of swallowing every row after it.
    reader = csv.reader(_without_nul(lines), delimiter=delimiter, strict=True)
    row_starts = [1]  # the line the row being read starts on

    def rows() -> Iterator[list[str]]:
        for cells in reader:
            yield cells
            row_starts[0] = reader.line_num + 1

    try:
        yield from _delimited_rows(rows())
    except csv.Error as error:
        problem = str(error)
        if "unexpected end of data" in problem:
            raise InvalidInput(
                f"line {row_starts[0]}: a quote opens a cell that is never closed; nothing was imported"
            ) from None
        if "field larger" in problem:
            raise InvalidInput(
                f"line {row_starts[0]}: a cell longer than {csv.field_size_limit():,} characters (a quote left open?)"
            ) from None
        raise InvalidInput(f"line {reader.line_num}: {_csv_problem(error)}") from None


def _delimited_rows(reader: Iterator[list[str]]) -> Iterator[NumberedRow]:
    header = [name.strip() for name in next(reader, [])]
    if not any(header):
        raise InvalidInput("the file is empty: expected a header row naming the columns")
    while not header[-1]:  # spreadsheets often save an empty column or two at the right
        header.pop()
    _check_columns(header, "")
    if len(set(header)) != len(header):
        raise InvalidInput(f"a column is named twice in the header: {', '.join(header)}")
    width = len(header)
    number = 0
    for cells in reader:
        if not cells:
            continue
        number += 1
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            raise InvalidInput(f"row {number}: {len(cells)} cells for {width} columns")
        # Only a cell starting with an apostrophe can be one that export neutralised.
        row = {
            name: restore(value) if value[0] == "'" else value
            for name, cell in zip(header, cells, strict=False)
            if cell and (value := cell.strip())
        }
        yield number, _checked_cells(number, row, only_limited=True)


def _checked_cells(number: int, row: Row, *, only_limited: bool = False) -> Row:
    """The row, if the database can store each cell as it is on either backend (``claims.limits``).
    ONLY_LIMITED: the other cells come from a text already known to hold no NUL and no surrogate."""
    for name, value in row.items():
        limit = CELL_LIMITS.get(name)
        if limit is not None:
            if len(value) <= limit and value.isprintable():  # the common case, decided in C
                continue
            problem = text_problem(value, limit=limit)
        elif only_limited:
            continue
        elif name == "evidence_url":
            problem = next(filter(None, (text_problem(url, limit=URL_LENGTH) for url in value.split())), None)
        else:
            problem = text_problem(value, limit=None)
        if problem:
            raise InvalidInput(f"row {number}, {name}: {problem}")
    return row


def _csv_problem(error: csv.Error) -> str:
    """What the csv module could not read, in an editor's words."""
    if "new-line" in str(error):
        return "a line break inside a cell that is not in quotes"
    if "expected after" in str(error):
        return "a quoted cell goes on after its closing quote (a quote inside a cell is written twice)"
    return f"not valid CSV: {error}"


def _json_lines(pieces: Iterable[str]) -> Iterator[tuple[int, Any]]:
    number = 0
    first = True
    # Only a line feed ends a line (an old Mac's lone carriage return, if there is none: the first
    # piece is then the whole file): JSON text may hold U+2028 and the like, which splitlines() would split on.
    for piece in pieces:
        lines = piece.split("\r") if first and not piece.endswith("\n") else (piece,)
        first = False
        for line in lines:
            if not line.strip():
                continue
            number += 1
            try:
                item = _json(line)
            except InvalidInput as error:
                raise InvalidInput(f"row {number}: {str(error).split(' (line ')[0]}") from None
            yield number, item


def _read_objects(items: Iterable[tuple[int, Any]]) -> Iterator[NumberedRow]:
    for number, item in items:
        if not isinstance(item, dict):
            raise InvalidInput(f"row {number}: expected an object with the claim's columns")
        _check_columns(item, f" in row {number}")
        row: Row = {}
        for name, value in item.items():
            if isinstance(value, (dict, list)):
                raise InvalidInput(f"row {number}, {name}: expected text or a number")
            if value is not None and (cell := str(value).strip()):
                if not cell.isascii() and not _is_unicode(cell):
                    raise InvalidInput(
                        f"row {number}, {name}: not valid Unicode text (a lone surrogate escape such as \\ud800)"
                    )
                row[name] = cell
        yield number, _checked_cells(number, row)


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def write_rows(rows: Iterable[ExportRow], file_format: FileFormat, out: TextIO) -> int:
    """Write rows of every export column, in order; returns how many."""
    count = 0
    if file_format in (FileFormat.csv, FileFormat.tsv):
        writer = CsvWriter(out, delimiter="," if file_format is FileFormat.csv else "\t")
        writer.writerow(EXPORT_COLUMNS)
        count = writer.writerows(rows)
    elif file_format is FileFormat.jsonl:
        for row in rows:
            out.write(json.dumps(dict(zip(EXPORT_COLUMNS, row, strict=False)), ensure_ascii=False) + "\n")
            count += 1
    else:
        out.write("[")
        for row in rows:
            out.write(",\n  " if count else "\n  ")
            out.write(json.dumps(dict(zip(EXPORT_COLUMNS, row, strict=False)), ensure_ascii=False))
            count += 1
        out.write("\n]\n" if count else "]\n")
    return count
