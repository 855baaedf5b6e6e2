"""Fact-checks keep what the matcher reads in them, made once when they come in.

Ranking an article's claims against the archive reads fifty candidate fact-checks a claim: their
words' stems, the numbers and the names in their claim and in their headline and description
(``claims.matching.text``). Read afresh in every process, that was most of what matching adds to
`claims source add`; stored, it is a split. `factchecks.reading` holds it, in the format
``claims.matching.text.stored_reading`` writes (its version first: a reading of another format is
read afresh, never trusted). Nullable: a fact-check without one is read afresh too.

Backfill: every fact-check already imported is read here, a batch at a time.

Revision ID: 0013
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1_000


def upgrade() -> None:
    from claims.matching.text import stored_reading

    op.add_column("factchecks", sa.Column("reading", sa.Text(), nullable=True))
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, claim_reviewed, headline, description FROM factchecks WHERE id > :last ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            return
        connection.execute(
            sa.text("UPDATE factchecks SET reading = :reading WHERE id = :id"),
            [
                {
                    "id": row.id,
                    "reading": stored_reading(
                        row.claim_reviewed, " ".join(part for part in (row.headline, row.description) if part)
                    ),
                }
                for row in rows
            ],
        )
        last = rows[-1].id


def downgrade() -> None:
    # Plain ALTER TABLE on both backends (SQLite 3.35 and later): a batch copy of the table would
    # lose the triggers that keep its full-text index.
    op.execute("ALTER TABLE factchecks DROP COLUMN reading")
