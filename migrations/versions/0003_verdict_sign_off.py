"""Who signed off a claim's verdict, and when: a verdict is published once signed off.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signed_off_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("signed_off_at", sa.DateTime(timezone=True), nullable=True))
    # Verdicts given before sign-off existed were published when they were given.
    op.execute(
        """
        UPDATE claims SET
            signed_off_at = updated_at,
            signed_off_by = (
                SELECT editor FROM claim_events
                WHERE claim_events.claim_id = claims.id AND claim_events.kind = 'status_changed'
                ORDER BY claim_events.id DESC LIMIT 1
            )
        WHERE status IN ('confirmed', 'refuted', 'mixed', 'unverifiable')
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("signed_off_at")
        batch_op.drop_column("signed_off_by")
