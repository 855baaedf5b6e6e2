"""What the desk's text may be, the same on SQLite and PostgreSQL, and how text from data is shown.

SQLite keeps a name of any length in a VARCHAR(200) and a NUL in the middle of a text, where
PostgreSQL refuses both: a desk that started on one could not always move to the other. So the
lengths and characters are decided here, once, and checked before anything is written: by the
session for every ORM writer (``claims.db.session_scope``), and by the readers of what is written
through the Core in bulk: spreadsheets (``claims.exchange``) and published fact-checks
(``claims.factchecks``). The models take their column lengths from here.
"""

from __future__ import annotations

import re

# A record's number: SQLite's INTEGER and PostgreSQL's BIGINT both stop here.
MAX_ID = 2**63 - 1

# Longest texts, in characters, of the one-line fields.
NAME_LENGTH = 200  # an editor, claimant, outlet or author
TITLE_LENGTH = 500
URL_LENGTH = 2000
ENTITY_NAME_LENGTH = 300
LANGUAGE_LENGTH = 16
# A published fact-check's organisation and the claim's author, and its rating's name.
FACTCHECK_NAME_LENGTH = 300
RATING_LENGTH = 200

# NUL: PostgreSQL cannot store it. A lone surrogate (what Python makes of bytes that are not
# UTF-8): neither database's UTF-8 can.
_NEVER = re.compile(r"[\x00\ud800-\udfff]")
# In one-line fields (names, titles, addresses), no control character at all: a name is typed on
# one line, and one holding a terminal escape is an attack on whoever reads it.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# What a terminal must not receive raw: every control character but the line feed and the tab.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(value: str, *, limit: int | None) -> str | None:
    """Why VALUE cannot be stored in a field of at most LIMIT characters (None: a text of any
    length, which may span lines), or None when it can."""
    if limit is None:
        found = _NEVER.search(value)
    else:
        if len(value) > limit:
            return f"is {len(value):,} characters long; the most is {limit:,}"
        found = _CONTROL.search(value)
    if found is None:
        return None
    return f"holds the character {_escaped(found.group())}, which claims does not store"


def printable(text: str) -> str:
    """TEXT fit for a terminal: control characters from data (a claim, a note, an article) shown
    as escapes such as ``\\x1b`` instead of being obeyed. Line feeds and tabs stay."""
    return _UNPRINTABLE.sub(lambda found: _escaped(found.group()), text) if _UNPRINTABLE.search(text) else text


def _escaped(character: str) -> str:
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
