"""Reading the files editors trade: what spreadsheets really save."""

import pytest

from claims.errors import InvalidInput
from claims.exchange import FileFormat, read_rows


def test_empty_columns_a_spreadsheet_adds_at_the_right_are_ignored() -> None:
    rows = list(read_rows("text,status,,\nAmazon acquired Zoox,unverified,,\n", FileFormat.csv))
    assert rows == [(1, {"text": "Amazon acquired Zoox", "status": "unverified"})]


def test_a_value_under_no_column_is_still_an_error() -> None:
    with pytest.raises(InvalidInput, match="row 1: 3 cells for 2 columns"):
        list(read_rows("text,status,\nAmazon acquired Zoox,unverified,oops\n", FileFormat.csv))
