"""A source keeps the address its page gives as its own; an editor's command is one undoable action.

- sources: ``canonical_url``, the address a web page gives as its own (``<link rel="canonical">``),
  beside ``url``, the address as the editor typed it. Sources added before were not asked: the page
  itself was not kept, so there is nothing to backfill from, and NULL says "not known".
- claim_events: ``part_of``, on the second and later events one command wrote (an edit of claimant
  and kind, a verdict given with its evidence), the id of the command's first event, so that
  ``claims undo`` takes back the whole command. NULL on every event written before: each was its
  own action, and is still undone on its own.

Both columns are nullable, with no default: adding them rewrites no table on either database, and
the append-only and guard triggers (0002, 0010) are not involved. A downgrade drops them in place
(``ALTER TABLE ... DROP COLUMN``, SQLite 3.35 and later), which keeps claim_events' triggers on
SQLite; it loses only the canonical addresses and which events were one command, never an event.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("canonical_url", sa.String(length=2000), nullable=True))
    op.add_column("claim_events", sa.Column("part_of", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("claim_events", "part_of")
    op.drop_column("sources", "canonical_url")
