"""Full-text search over the claims' wording and sentences: `claims list --search`, and the first
stage of matching a claim against the archive (candidates with a relevance score).

The index is the database's own, kept in step by the database (migration 0008): an FTS5 table
with the porter stemmer, fed by triggers on `claims`, on SQLite; a generated `tsvector` column
(english configuration) with a GIN index on PostgreSQL. Both rank by relevance (bm25, ts_rank),
the claim's wording weighing more than the sentence around it.

A query reads as search engines read one: words in any order, all of them needed; "quoted
phrases"; -word to leave a word out; `or` between alternatives. It is parsed here once, for both
backends: PostgreSQL gets it back as websearch_to_tsquery text, FTS5 as a MATCH expression in
which every word is quoted, so that nothing an editor types can make a syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Float, Integer, Subquery, column, text

# The tokens both indexes are built from: runs of letters and digits (FTS5's unicode61 splits at
# everything else, underscores included).
_WORD = re.compile(r"[^\W_]+")
# A quoted phrase (its closing quote may be missing), or any run of non-space characters.
_PIECE = re.compile(r'(-?)"([^"]*)"?|(\S+)')

FTS_TABLE = "claims_search"  # SQLite
SEARCH_COLUMN = "search_vector"  # PostgreSQL
SEARCH_INDEX = "ix_claims_search_vector"  # PostgreSQL


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of words that must stand together in that order."""

    words: tuple[str, ...]
    excluded: bool = False

    def fts5(self) -> str:
        return '"' + " ".join(self.words) + '"'  # words hold no quote: _WORD keeps letters and digits

    def websearch(self) -> str:
        phrase = " ".join(self.words)
        return ("-" if self.excluded else "") + (f'"{phrase}"' if len(self.words) > 1 else phrase)


@dataclass(frozen=True)
class Query:
    """Alternatives (OR) within each group, every group needed (AND), and the excluded terms."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    def fts5(self) -> str:
        wanted = " AND ".join("(" + " OR ".join(term.fts5() for term in group) + ")" for group in self.groups)
        return f"({wanted})" + "".join(f" NOT {term.fts5()}" for term in self.excluded)

    def websearch(self) -> str:
        wanted = " ".join(" or ".join(term.websearch() for term in group) for group in self.groups)
        return " ".join([wanted, *(term.websearch() for term in self.excluded)])


def parse_query(typed: str) -> Query | None:
    """What the editor asked for; None when it names no word to look for (only punctuation, or
    only words to leave out), which matches no claim."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    alternative = False
    for match in _PIECE.finditer(typed):
        minus, phrase, bare = match.groups()
        if bare is not None:
            if bare.lower() == "or":  # between two terms, either will do; elsewhere it means nothing
                alternative = bool(groups)
                continue
            minus = "-" if bare.startswith("-") and len(bare) > 1 else ""
            phrase = bare[1:] if minus else bare
        words = tuple(word.lower() for word in _WORD.findall(phrase))
        if not words:
            continue
        if minus:
            excluded.append(Term(words, excluded=True))
        elif alternative:
            groups[-1].append(Term(words))
        else:
            groups.append([Term(words)])
        alternative = False
    if not groups:
        return None
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


def matches(connection: Connection, typed: str) -> Subquery | None:
    """The claims the search finds, as a subquery of (claim_id, relevance), higher more relevant,
    for callers to join and filter further; None when the search names no word."""
    query = parse_query(typed)
    if query is None:
        return None
    if connection.dialect.name == "postgresql":
        # Normalised by the log of the text's length (1), as bm25 weighs a match in a short text higher.
        sql = text(
            f"SELECT claims.id AS claim_id, ts_rank(claims.{SEARCH_COLUMN}, wanted, 1) AS relevance "
            f"FROM claims, websearch_to_tsquery('english', :search_query) AS wanted "
            f"WHERE claims.{SEARCH_COLUMN} @@ wanted"
        ).bindparams(search_query=query.websearch())
    else:
        # bm25 is lower for better matches; the wording counts twice the sentence around it.
        sql = text(
            f"SELECT rowid AS claim_id, -bm25({FTS_TABLE}, 2.0, 1.0) AS relevance "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :search_query"
        ).bindparams(search_query=query.fts5())
    return sql.columns(column("claim_id", Integer), column("relevance", Float)).subquery("matches")


def search_candidates(connection: Connection, typed: str, *, limit: int = 100) -> list[tuple[int, float]]:
    """The claim ids the search finds, most relevant first, with their relevance: the first
    stage of anything that looks for claims like a given text (matching, duplicates)."""
    found = matches(connection, typed)
    if found is None:
        return []
    rows = connection.execute(
        found.select().order_by(found.c.relevance.desc(), found.c.claim_id.desc()).limit(limit)
    ).all()
    return [(claim_id, relevance) for claim_id, relevance in rows]


def is_search_index(name: str | None) -> bool:
    """Whether a database object belongs to the search index, which the models leave out (it is
    the database's business): for Alembic's comparison of models and schema."""
    return name is not None and (name in (SEARCH_COLUMN, SEARCH_INDEX) or name.startswith(FTS_TABLE))
