"""What an editor types into --search is read the same way on both backends, and nothing typed
can make an FTS5 syntax error."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.search import parse_query


def test_words_phrases_exclusions_and_alternatives() -> None:
    query = parse_query('Nestle "sister company" -coffee cocoa or tea')
    assert query is not None
    assert query.fts5() == '(("nestle") AND ("sister company") AND ("cocoa" OR "tea")) NOT "coffee"'
    assert query.websearch() == 'nestle "sister company" cocoa or tea -coffee'


def test_nothing_to_look_for_is_no_query() -> None:
    for typed in ("", "   ", "-coffee", '"" %', "or", "* : ("):
        assert parse_query(typed) is None, typed


def test_punctuation_splits_words_as_the_index_does() -> None:
    query = parse_query("e-commerce Volvo's")
    assert query is not None
    assert query.fts5() == '(("e commerce") AND ("volvo s"))'


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_valid_fts5_query(typed: str) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')")
    connection.execute("INSERT INTO t (text) VALUES ('Nestle raised its dividend')")
    query = parse_query(typed)
    if query is not None:
        connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (query.fts5(),)).fetchall()
