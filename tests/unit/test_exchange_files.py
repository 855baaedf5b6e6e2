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


def test_a_json_lines_value_may_hold_unicode_line_separators() -> None:
    rows = list(
        read_rows('{"text": "Amazon acquired Zoox", "note": "one\\u2028two\\u0085three"}\r\n', FileFormat.jsonl)
    )
    assert rows == [(1, {"text": "Amazon acquired Zoox", "note": "one\u2028two\u0085three"})]


def test_a_lone_surrogate_is_named_not_a_crash() -> None:
    with pytest.raises(InvalidInput, match="row 1, note: not valid Unicode text"):
        list(read_rows('[{"text": "Amazon acquired Zoox", "note": "\\ud800"}]', FileFormat.json))


def test_a_carriage_return_outside_quotes_is_named_not_taken_for_a_row_end() -> None:
    with pytest.raises(InvalidInput, match="line 2: a line break inside a cell that is not in quotes"):
        list(read_rows("text,note\nAmazon acquired Zoox,one\rtwo\n", FileFormat.csv))


def test_a_crlf_file_keeps_the_crlf_inside_a_quoted_cell() -> None:
    rows = list(read_rows('text,note\r\nAmazon acquired Zoox,"one\r\ntwo\rthree"\r\n', FileFormat.csv))
    assert rows == [(1, {"text": "Amazon acquired Zoox", "note": "one\r\ntwo\rthree"})]


def test_json_lines_from_an_old_mac_are_read() -> None:
    rows = list(
        read_rows('{"text": "Amazon acquired Zoox"}\r{"text": "Microsoft invested in Cruise"}\r', FileFormat.jsonl)
    )
    assert [row["text"] for _, row in rows] == ["Amazon acquired Zoox", "Microsoft invested in Cruise"]
