"""Cells for spreadsheets: what `claims` writes into CSV, and how it reads its own cells back.

A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) would be run
by Excel, LibreOffice or Google Sheets when an editor opens the file; a leading apostrophe makes
the spreadsheet show it as text. Reading reverses exactly that, so export and import round-trip.
"""

from __future__ import annotations

import re
from typing import Any

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


def csv_cell(value: Any) -> str:
    """A value as spreadsheet text: lists joined with '; ', None empty, and no formula injection."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        value = "; ".join(
            f"{item['name']} ({item['label']})" if isinstance(item, dict) and "label" in item else str(item)
            for item in value
        )
    return neutralise(str(value))
