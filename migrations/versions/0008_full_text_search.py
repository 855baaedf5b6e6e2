"""Full-text search over the claims' wording and sentences, kept in step by the database; and an
index for the editors' queue.

SQLite: an FTS5 table (porter stemmer, accents folded) over claims.text and claims.sentence,
external content read from `claims`, fed by triggers on insert, delete and a change of either
column. PostgreSQL: a generated tsvector column (english configuration; the wording weighs A, the
sentence B) with a GIN index. Both are filled from the claims already there.

The queue (`claims queue`) lists the unassigned unverified claims by score: an index on status,
assignee and score finds a page of them, and counts them, without reading the claims.

SQLite's batch mode rebuilds a table and drops its triggers: a later migration that alters
`claims` in batch mode must create SQLITE_TRIGGERS again (see 0004's `_without_append_only_triggers`).

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE claims_search USING fts5(text, sentence, content='claims', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
SQLITE_TRIGGERS = {
    "claims_search_insert": (
        "CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN "
        "INSERT INTO claims_search (rowid, text, sentence) VALUES (new.id, new.text, new.sentence); END"
    ),
    "claims_search_delete": (
        "CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN "
        "INSERT INTO claims_search (claims_search, rowid, text, sentence) "
        "VALUES ('delete', old.id, old.text, old.sentence); END"
    ),
    "claims_search_update": (
        "CREATE TRIGGER claims_search_update AFTER UPDATE OF text, sentence ON claims BEGIN "
        "INSERT INTO claims_search (claims_search, rowid, text, sentence) "
        "VALUES ('delete', old.id, old.text, old.sentence); "
        "INSERT INTO claims_search (rowid, text, sentence) VALUES (new.id, new.text, new.sentence); END"
    ),
}
POSTGRES_COLUMN = (
    "ALTER TABLE claims ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(sentence, '')), 'B')) STORED"
)


def upgrade() -> None:
    op.create_index("ix_claims_queue", "claims", ["status", "assignee", "score"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_COLUMN)  # computed for every claim already there
        op.execute("CREATE INDEX ix_claims_search_vector ON claims USING gin (search_vector)")
        return
    op.execute(SQLITE_TABLE)
    for trigger in SQLITE_TRIGGERS.values():
        op.execute(trigger)
    op.execute("INSERT INTO claims_search (claims_search) VALUES ('rebuild')")  # index the claims already there


def downgrade() -> None:
    op.drop_index("ix_claims_queue", "claims")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_claims_search_vector")
        op.execute("ALTER TABLE claims DROP COLUMN search_vector")
        return
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE claims_search")
