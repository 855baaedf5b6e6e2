"""The newsroom desk: the editor registry, assignments, and the history kinds they need.

New event kinds (note, assigned, unassigned, approved, rejected) widen the kind check; an edit
keeps the old and new wording, and an assignment names the assignee, in their own columns.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from claims.errors import RuleViolation

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = "kind IN ('created', 'status_changed', 'evidence_added', 'edited')"
NEW_KINDS = (
    "kind IN ('created', 'status_changed', 'evidence_added', 'edited', "
    "'note', 'assigned', 'unassigned', 'approved', 'rejected')"
)


def upgrade() -> None:
    op.create_table(
        "editors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('reporter', 'editor', 'chief')", name=op.f("ck_editors_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_editors")),
        sa.UniqueConstraint("name", name=op.f("uq_editors_name")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assignee", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_claims_assignee", ["assignee"], unique=False)
    _without_append_only_triggers(_widen_events)


def _widen_events() -> None:
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("old_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("new_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("assignee", sa.String(length=200), nullable=True))
        batch_op.drop_constraint(op.f("ck_claim_events_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_claim_events_kind"), NEW_KINDS)


def downgrade() -> None:
    # Events of the new kinds cannot be kept under the old check, and history is never deleted:
    # refuse rather than lose it.
    kinds = "('note', 'assigned', 'unassigned', 'approved', 'rejected')"
    if op.get_bind().execute(sa.text(f"SELECT count(*) FROM claim_events WHERE kind IN {kinds}")).scalar():
        raise RuleViolation("cannot downgrade below 0004: the history holds notes, assignments or sign-offs")
    _without_append_only_triggers(_narrow_events)
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_assignee")
        batch_op.drop_column("assignee")
    op.drop_table("editors")


def _narrow_events() -> None:
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_claim_events_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_claim_events_kind"), OLD_KINDS)
        batch_op.drop_column("assignee")
        batch_op.drop_column("new_text")
        batch_op.drop_column("old_text")


def _without_append_only_triggers(change) -> None:  # type: ignore[no-untyped-def]
    """SQLite's batch mode copies the table into a new one and drops the old one, and its
    triggers go with it: put the append-only triggers of 0002 back after the copy.
    PostgreSQL alters the table in place, so its triggers stay."""
    change()
    if op.get_bind().dialect.name == "postgresql":
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS claim_events_no_{action.lower()}")
        op.execute(
            f"CREATE TRIGGER claim_events_no_{action.lower()} BEFORE {action} ON claim_events "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
        )


# The words of 0002, so the refusal reads the same before and after this migration.
APPEND_ONLY_MESSAGE = "claim history is append-only: events cannot be changed or deleted"
