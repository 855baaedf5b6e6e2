"""Formula neutralising: every dangerous start is made text, and reading gives back what was written."""

import io

import pytest

from claims.spreadsheet import FORMULA_STARTS, CsvWriter, csv_cell, neutralise, restore


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_each_formula_start_is_made_text(start: str) -> None:
    assert neutralise(f"{start}1+2") == f"'{start}1+2"
    out = io.StringIO()
    CsvWriter(out).writerow([csv_cell(f"{start}SUM(A1)"), csv_cell(-5)])
    assert out.getvalue() in (f"'{start}SUM(A1),-5\r\n", f'"\'{start}SUM(A1)",-5\r\n')


@pytest.mark.parametrize(
    "text", ["=1+2", "'=1+2", "''=1+2", "'plain", "plain", "", "\tTab", "\rCR", "-", "'", "a=b", "@", "'@x"]
)
def test_restore_gives_back_what_was_neutralised(text: str) -> None:
    written = neutralise(text)
    assert not written.startswith(FORMULA_STARTS)
    assert restore(written) == text
