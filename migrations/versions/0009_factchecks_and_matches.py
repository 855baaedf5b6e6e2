"""The fact-check archive and claim matching: published fact-checks, the claims' embeddings, and the
matches found between claims and what the desk already knows.

`factchecks` holds ClaimReviews (one per url and claimReviewed) with their embedding as bytes;
`claim_vectors` a claim's embedding and the wording it was computed from (a changed wording makes
the claim wait for `claims match --pending` again); `claim_matches` the scores, so that list, queue
and show read them without loading a model. A match points at a fact-check or at another claim.

Full-text index for the first stage of matching, kept in step by the database. SQLite: an FTS5
table (porter stemmer, accents folded) over the fact-checks (claim, headline, description), fed by
triggers. PostgreSQL: a generated tsvector column on `factchecks` (claim A, headline B, description
C) with a GIN index. The desk's own claims are found through 0008's search index, which
`claims list --search` uses too: one index, not two, for every claim to keep up.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_STATEMENTS = (
    "CREATE VIRTUAL TABLE factchecks_search USING fts5(claim_reviewed, headline, description, "
    "content='factchecks', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER factchecks_search_insert AFTER INSERT ON factchecks BEGIN "
    "INSERT INTO factchecks_search (rowid, claim_reviewed, headline, description) "
    "VALUES (new.id, new.claim_reviewed, new.headline, new.description); END",
    "CREATE TRIGGER factchecks_search_delete AFTER DELETE ON factchecks BEGIN "
    "INSERT INTO factchecks_search (factchecks_search, rowid, claim_reviewed, headline, description) "
    "VALUES ('delete', old.id, old.claim_reviewed, old.headline, old.description); END",
    "CREATE TRIGGER factchecks_search_update AFTER UPDATE OF claim_reviewed, headline, description ON factchecks "
    "BEGIN INSERT INTO factchecks_search (factchecks_search, rowid, claim_reviewed, headline, description) "
    "VALUES ('delete', old.id, old.claim_reviewed, old.headline, old.description); "
    "INSERT INTO factchecks_search (rowid, claim_reviewed, headline, description) "
    "VALUES (new.id, new.claim_reviewed, new.headline, new.description); END",
)
SQLITE_OBJECTS = (
    ("TRIGGER", "factchecks_search_update"),
    ("TRIGGER", "factchecks_search_delete"),
    ("TRIGGER", "factchecks_search_insert"),
    ("TABLE", "factchecks_search"),
)
POSTGRES_STATEMENTS = (
    "ALTER TABLE factchecks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, claim_reviewed), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(headline, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')) STORED",
    "CREATE INDEX ix_factchecks_search_vector ON factchecks USING gin (search_vector)",
)


def upgrade() -> None:
    op.create_table(
        "factchecks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_reviewed", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("reviewed_by", sa.String(length=300), nullable=True),
        sa.Column("date_published", sa.Date(), nullable=True),
        sa.Column("rating", sa.String(length=200), nullable=True),
        sa.Column("rating_value", sa.Float(), nullable=True),
        sa.Column("best_rating", sa.Float(), nullable=True),
        sa.Column("worst_rating", sa.Float(), nullable=True),
        sa.Column("claim_author", sa.String(length=300), nullable=True),
        sa.Column("claim_appearance", sa.Text(), nullable=True),
        sa.Column("claim_date", sa.Date(), nullable=True),
        sa.Column("headline", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("embedding", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factchecks")),
        sa.UniqueConstraint("url", "claim_reviewed", name="uq_factchecks_url_claim_reviewed"),
    )
    op.create_table(
        "claim_vectors",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_vectors_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_claim_vectors")),
    )
    op.create_table(
        "claim_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("factcheck_id", sa.Integer(), nullable=True),
        sa.Column("matched_claim_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("matched_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(factcheck_id IS NULL) <> (matched_claim_id IS NULL)", name=op.f("ck_claim_matches_one_target")
        ),
        sa.CheckConstraint("score >= 0 AND score <= 1", name=op.f("ck_claim_matches_score_range")),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_matches_claim_id_claims"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["factcheck_id"],
            ["factchecks.id"],
            name=op.f("fk_claim_matches_factcheck_id_factchecks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["matched_claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_matches_matched_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_matches")),
        sa.UniqueConstraint("claim_id", "factcheck_id", "matched_claim_id", name="uq_claim_matches_claim_id"),
    )
    op.create_index("ix_claim_matches_score", "claim_matches", ["score"], unique=False)
    statements = POSTGRES_STATEMENTS if op.get_bind().dialect.name == "postgresql" else SQLITE_STATEMENTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    # On PostgreSQL the fact-checks' search column and index go with their table.
    if op.get_bind().dialect.name != "postgresql":
        for kind, name in SQLITE_OBJECTS:
            op.execute(f"DROP {kind} {name}")
    op.drop_index("ix_claim_matches_score", table_name="claim_matches")
    op.drop_table("claim_matches")
    op.drop_table("claim_vectors")
    op.drop_table("factchecks")
