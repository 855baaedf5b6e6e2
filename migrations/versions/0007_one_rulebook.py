"""One rulebook: dismissed and merged claims, withdrawn evidence, corrections of any field, undo,
links to fact-checks, and the histories of sources and of the editor list.

- claims: statuses ``dismissed`` and ``merged``, and ``merged_into`` (the claim that carries on);
- claim_events: kinds ``evidence_withdrawn``, ``linked`` and ``unlinked``; an edit names its
  ``field``; a creation records the claim's ``claimant`` and ``claim_kind`` (and its wording in
  ``new_text``); ``merged_into``, ``factcheck_id``, and ``undoes`` (the event an undo takes back);
- evidence: ``withdrawn_at`` and ``withdrawn_by``;
- editors: ``removed_at`` and ``removed_by``; ``editor_events``, the list's history (backfilled
  with each editor's addition);
- source_events: corrections of a source's details;
- a verdict a lone editor published by giving it gets the approval event that now records that
  (before, the history left it implicit, so a replay could not tell it from a forged sign-off).

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "status IN ('unverified', 'in_review', 'confirmed', 'refuted', 'mixed', 'unverifiable')"
NEW_STATUSES = (
    "status IN ('unverified', 'in_review', 'confirmed', 'refuted', 'mixed', 'unverifiable', 'dismissed', 'merged')"
)
OLD_KINDS = (
    "kind IN ('created', 'status_changed', 'evidence_added', 'edited', "
    "'note', 'assigned', 'unassigned', 'approved', 'rejected')"
)
NEW_KINDS = (
    "kind IN ('created', 'status_changed', 'evidence_added', 'evidence_withdrawn', 'edited', "
    "'note', 'assigned', 'unassigned', 'approved', 'rejected', 'linked', 'unlinked')"
)
PUBLISHED_ON_GIVING = "published as given: the desk keeps no editor list"
APPEND_ONLY_MESSAGE = "claim history is append-only: events cannot be changed or deleted"


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_claims_merged_into_claims"), "claims", ["merged_into"], ["id"], ondelete="RESTRICT"
        )
        batch_op.create_index("ix_claims_merged_into", ["merged_into"], unique=False)
        batch_op.drop_constraint(op.f("ck_claims_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_claims_status"), NEW_STATUSES)
    _without_append_only_triggers(_widen_events)
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by", sa.String(length=200), nullable=True))
    with op.batch_alter_table("editors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("removed_by", sa.String(length=200), nullable=True))
    op.create_table(
        "editor_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("old_role", sa.String(length=20), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_editor_events")),
    )
    op.create_index("ix_editor_events_name", "editor_events", ["name"], unique=False)
    op.create_table(
        "source_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("editor", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_source_events_source_id_sources"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_events")),
    )
    op.create_index("ix_source_events_source_id", "source_events", ["source_id"], unique=False)
    op.execute(
        "INSERT INTO editor_events (name, old_role, role, by, created_at) "
        "SELECT name, NULL, role, added_by, created_at FROM editors ORDER BY id"
    )
    _record_lone_sign_offs()


def _widen_events() -> None:
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("field", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("claimant", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("claim_kind", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("merged_into", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("factcheck_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("undoes", sa.Integer(), nullable=True))
        batch_op.drop_constraint(op.f("ck_claim_events_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_claim_events_kind"), NEW_KINDS)


def _record_lone_sign_offs() -> None:
    """A verdict signed off by the editor who gave it was published by a lone editor as given:
    record the approval that says so, dated with the sign-off."""
    op.execute(
        sa.text(
            """
            INSERT INTO claim_events (claim_id, kind, from_status, to_status, editor, note, created_at)
            SELECT c.id, 'approved', c.status, c.status, c.signed_off_by, :note, c.signed_off_at
            FROM claims c
            JOIN claim_events e ON e.id = (
                SELECT max(s.id) FROM claim_events s
                WHERE s.claim_id = c.id AND s.kind IN ('created', 'status_changed', 'rejected')
            )
            WHERE c.signed_off_by IS NOT NULL AND c.signed_off_by = e.editor
              AND NOT EXISTS (SELECT 1 FROM claim_events a WHERE a.claim_id = c.id AND a.kind = 'approved'
                              AND a.id > e.id)
            ORDER BY c.id
            """
        ).bindparams(note=PUBLISHED_ON_GIVING)
    )


def downgrade() -> None:
    # History is never deleted: refuse rather than lose what the old schema cannot hold.
    bind = op.get_bind()
    kinds = "('evidence_withdrawn', 'linked', 'unlinked')"
    if bind.execute(sa.text(f"SELECT count(*) FROM claim_events WHERE kind IN {kinds} OR undoes IS NOT NULL")).scalar():
        raise RuntimeError("cannot downgrade below 0007: the history holds withdrawals, links or undos")
    if bind.execute(sa.text("SELECT count(*) FROM claims WHERE status IN ('dismissed', 'merged')")).scalar():
        raise RuntimeError("cannot downgrade below 0007: some claims are dismissed or merged")
    op.drop_index("ix_source_events_source_id", table_name="source_events")
    op.drop_table("source_events")
    op.drop_index("ix_editor_events_name", table_name="editor_events")
    op.drop_table("editor_events")
    with op.batch_alter_table("editors", schema=None) as batch_op:
        batch_op.drop_column("removed_by")
        batch_op.drop_column("removed_at")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_by")
        batch_op.drop_column("withdrawn_at")
    _without_append_only_triggers(_narrow_events)
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_claims_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_claims_status"), OLD_STATUSES)
        batch_op.drop_index("ix_claims_merged_into")
        batch_op.drop_constraint(op.f("fk_claims_merged_into_claims"), type_="foreignkey")
        batch_op.drop_column("merged_into")


def _narrow_events() -> None:
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_claim_events_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_claim_events_kind"), OLD_KINDS)
        for column in ("undoes", "factcheck_id", "merged_into", "claim_kind", "claimant", "field"):
            batch_op.drop_column(column)


def _without_append_only_triggers(change) -> None:  # type: ignore[no-untyped-def]
    """SQLite's batch mode copies the table and drops the old one with its triggers: put the
    append-only triggers back after the copy (as 0004 does). PostgreSQL alters in place."""
    change()
    if op.get_bind().dialect.name == "postgresql":
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER IF EXISTS claim_events_no_{action.lower()}")
        op.execute(
            f"CREATE TRIGGER claim_events_no_{action.lower()} BEFORE {action} ON claim_events "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
        )
