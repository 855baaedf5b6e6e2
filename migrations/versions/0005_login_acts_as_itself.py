"""On PostgreSQL, a database login writes history, evidence and sign-offs only in its own name.

With one login per editor (``identity = "database"``), this is what makes PostgreSQL's
authentication the guard: even a login that bypasses `claims` cannot sign as a colleague. The
login that owns the tables (the administrator who ran the migrations) is exempt, so that a desk
sharing one owner login keeps naming editors with --editor. SQLite has no logins: nothing to do.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column naming the person, when the trigger fires)
GUARDED = [
    ("claim_events", "editor", "BEFORE INSERT"),
    ("evidence", "editor", "BEFORE INSERT"),
    ("editors", "added_by", "BEFORE INSERT"),
    ("claims", "signed_off_by", "BEFORE UPDATE OF signed_off_by"),
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION claims_login_acts_as_itself() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            person text := to_jsonb(NEW) ->> TG_ARGV[0];
        BEGIN
            IF person IS NOT NULL AND person <> session_user AND NOT pg_has_role(
                session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER'
            ) THEN
                RAISE EXCEPTION 'database login % cannot act as %', session_user, person
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END
        $$
        """
    )
    for table, column, when in GUARDED:
        op.execute(
            f"CREATE TRIGGER {table}_login_acts_as_itself {when} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION claims_login_acts_as_itself('{column}')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, _column, _when in GUARDED:
        op.execute(f"DROP TRIGGER {table}_login_acts_as_itself ON {table}")
    op.execute("DROP FUNCTION claims_login_acts_as_itself()")
