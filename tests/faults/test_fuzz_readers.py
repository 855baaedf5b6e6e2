"""Fuzzing the readers of what editors hand claims: spreadsheets (CSV, TSV), JSON and JSON Lines,
and the ClaimReview settings in claims.toml. Every input is read whole or refused with one
InvalidInput; and a spreadsheet the desk accepts exports, and imports again, to the same file."""

from __future__ import annotations

import csv
import io
import json
import shutil
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.config import review_settings
from claims.errors import InvalidInput
from claims.exchange import EXPORT_COLUMNS, FileFormat, read_rows
from claims.spreadsheet import restore
from tests.faults.harm import run_here

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a spreadsheet may hold, weighted to what breaks readers: quotes, separators, line ends of
# every kind, formula starts, control characters, NUL, non-ASCII.
NASTY = st.text(
    alphabet=st.sampled_from(list("aZ5 ,;\t\"'=+-@\r\n\\{}[]:\x00\x1b\x85\u2028é€😀") + list(string.ascii_letters)),
    max_size=40,
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NASTY,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(EXPORT_COLUMNS) | NASTY, inner, max_size=5)
    ),
    max_leaves=20,
)


def read_or_refuse(text: str, file_format: FileFormat) -> list[object] | None:
    """The rows, or None for a refusal: one InvalidInput, one line. Anything else fails the test."""
    try:
        return list(read_rows(text, file_format))
    except InvalidInput as refusal:
        assert "\n" not in str(refusal), repr(str(refusal))
        return None


@FAST
@given(NASTY | st.text(max_size=200))
def test_any_text_as_csv_is_read_or_refused(text: str) -> None:
    read_or_refuse("text,claimant,note\n" + text, FileFormat.csv)
    read_or_refuse(text, FileFormat.tsv)


@FAST
@given(st.lists(st.lists(NASTY, min_size=1, max_size=4), max_size=6))
def test_cells_written_by_a_spreadsheet_come_back_as_written(table: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["text", "claimant", "note", "status"])
    writer.writerows(table)
    found = read_or_refuse(out.getvalue(), FileFormat.csv)
    if found is None:
        return
    columns = ["text", "claimant", "note", "status"]
    for (_, row), cells in zip(found, table, strict=True):
        stripped = ((name, cell.strip()) for name, cell in zip(columns, cells, strict=False))
        assert row == {name: restore(cell) for name, cell in stripped if cell}


@FAST
@given(JSON_VALUES)
def test_any_json_is_read_or_refused(value: object) -> None:
    read_or_refuse(json.dumps(value), FileFormat.json)
    read_or_refuse(json.dumps([value]), FileFormat.json)
    read_or_refuse(json.dumps(value) + "\n" + json.dumps(value), FileFormat.jsonl)


@FAST
@given(st.text(max_size=300))
def test_any_text_as_json_is_read_or_refused(text: str) -> None:
    read_or_refuse(text, FileFormat.json)
    read_or_refuse(text, FileFormat.jsonl)


CLAIMREVIEW_SETTINGS = """
[organisation]
name = {name}
url = "https://factcheck.example"
[claimreview]
review_url = {url}
best_rating = {best}
worst_rating = 1
[claimreview.ratings.confirmed]
value = {value}
name = "True"
"""


@FAST
@given(
    name=JSON_VALUES, url=NASTY, best=st.integers(-3, 7) | st.floats(allow_nan=False), value=JSON_VALUES,
    raw=st.binary(max_size=200),
)  # fmt: skip
def test_the_claimreview_settings_are_read_or_refused(
    name: object, url: str, best: float, value: object, raw: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.toml"
        path.write_text(
            CLAIMREVIEW_SETTINGS.format(name=json.dumps(name), url=json.dumps(url), best=best, value=json.dumps(value)),
            encoding="utf-8",
        )
        for content in (path.read_bytes(), raw):
            path.write_bytes(content)
            try:
                review_settings(path)
            except InvalidInput as refusal:
                assert "\n" not in str(refusal)


ROUND_TRIP_TEXT = st.text(alphabet=st.sampled_from(list("aZ5 ,\"'=+-@\r\n€") + list(string.ascii_letters)), max_size=30)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(ROUND_TRIP_TEXT, ROUND_TRIP_TEXT, ROUND_TRIP_TEXT, st.sampled_from(["", "unverified", "in_review"])),
        min_size=1, max_size=5,
    )
)  # fmt: skip
def test_an_accepted_spreadsheet_exports_and_imports_again_the_same(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory, table: list[tuple[str, str, str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("round-trip")
    first, second = f"sqlite:///{folder / 'first.db'}", f"sqlite:///{folder / 'second.db'}"
    shutil.copy(sqlite_template, folder / "first.db")
    shutil.copy(sqlite_template, folder / "second.db")
    with (folder / "desk.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["text", "claimant", "note", "status"])
        writer.writerows(table)
    code, _, stderr = run_here(["import", "desk.csv"], folder, first)
    if code != 0:
        assert stderr.count("\n") == 1 and stderr.startswith("Error: "), stderr
        assert run_here(["export", "claims", "--output", "none.csv"], folder, first)[0] == 0
        assert len((folder / "none.csv").read_bytes().splitlines()) == 1, "a refused file left claims behind"
        return
    assert run_here(["export", "claims", "--output", "once.csv"], folder, first)[0] == 0
    assert run_here(["import", "once.csv"], folder, second)[0] == 0
    assert run_here(["export", "claims", "--output", "twice.csv"], folder, second)[0] == 0
    once, twice = (folder / "once.csv").read_bytes(), (folder / "twice.csv").read_bytes()
    assert _without_moments(once) == _without_moments(twice)


def _without_moments(exported: bytes) -> list[list[str]]:
    """The export without verdict_at, which for a claim imported without one is the import's moment."""
    found = list(csv.reader(io.StringIO(exported.decode("utf-8"), newline="")))
    moment = found[0].index("verdict_at")
    return [row[:moment] + row[moment + 1 :] for row in found]
