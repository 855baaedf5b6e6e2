"""Make the claim history append-only in the database itself.

The application never updates or deletes a history event; these triggers make sure nothing
else does either (a script, a console session, a bug), on SQLite and on PostgreSQL.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE = "claim history is append-only: events cannot be changed or deleted"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION claims_refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}';
            END
            $$
            """
        )
        op.execute(
            "CREATE TRIGGER claim_events_append_only BEFORE UPDATE OR DELETE ON claim_events "
            "FOR EACH ROW EXECUTE FUNCTION claims_refuse_history_change()"
        )
        op.execute(
            "CREATE TRIGGER claim_events_no_truncate BEFORE TRUNCATE ON claim_events "
            "FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_history_change()"
        )
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER claim_events_no_{action.lower()} BEFORE {action} ON claim_events "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER claim_events_no_truncate ON claim_events")
        op.execute("DROP TRIGGER claim_events_append_only ON claim_events")
        op.execute("DROP FUNCTION claims_refuse_history_change()")
    else:
        op.execute("DROP TRIGGER claim_events_no_update")
        op.execute("DROP TRIGGER claim_events_no_delete")
