"""Cells for spreadsheets: what `claims` writes into CSV, and how it reads its own cells back.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) would be run
by Excel, LibreOffice or Google Sheets when an editor opens the file; a leading apostrophe makes
the spreadsheet show it as text. Reading reverses exactly that, so export and import round-trip.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The first characters of every cell that ``neutralise`` changes and ``restore`` reads back.
RISKY_STARTS = frozenset(FORMULA_STARTS + ("'",))
# Apostrophes before a formula start are ours to add and remove; one more marks a neutralised cell.
_NEUTRALISED = re.compile(r"\A'+[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as text. Text that already looks neutralised gets one more
    apostrophe, so that ``restore`` gives back exactly what was written."""
    if text.startswith(FORMULA_STARTS) or _NEUTRALISED.match(text):
        return "'" + text
    return text


def restore(cell: str) -> str:
    """The text ``neutralise`` was given."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def csv_cell(value: Any) -> str | int | float:
    """A value as a spreadsheet cell: lists joined with '; ', None empty, numbers as numbers
    (``CsvWriter`` neutralises the text)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, list):
        value = "; ".join(
            f"{item['name']} ({item['label']})" if isinstance(item, dict) and "label" in item else str(item)
            for item in value
        )
    return str(value)


Cell = str | int | float | None


def _neutralised(row: Sequence[Cell], _number: int = 0) -> Sequence[Cell]:
    """The row with every text cell that starts like a formula (or an apostrophe) made text.

    Every text cell, not only the free-text ones: a database other programs write to can hold anything."""
    for value in row:
        if isinstance(value, str) and value and value[0] in RISKY_STARTS:
            return tuple(neutralise(cell) if isinstance(cell, str) and cell else cell for cell in row)
    return row


class CsvWriter:
    """The one way claims writes CSV (and TSV), for every command that does: no cell a spreadsheet
    would run as a formula, and rows ending with CRLF as RFC 4180 and spreadsheets have it, which
    also has a cell holding a lone carriage return quoted, so that it reads back whole."""

    def __init__(self, out: TextIO, *, delimiter: str = ",") -> None:
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")

    def writerow(self, row: Sequence[Cell]) -> None:
        self._writer.writerow(_neutralised(row))

    def writerows(self, rows: Iterable[Sequence[Cell]]) -> int:
        """Write the rows; returns how many. The loop runs in C: map stops at the last row before
        taking its number, so the counter's next number is how many rows there were."""
        numbers = itertools.count()
        self._writer.writerows(map(_neutralised, rows, numbers))
        return next(numbers)
