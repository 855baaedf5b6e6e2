"""On PostgreSQL, a login cannot write a colleague's name into a new row either.

0005 guarded the sign-off of a claim only when it is updated (`claims approve`), and evidence and
the editor list only when rows are inserted. A claim inserted already signed off (`claims import`
of a published verdict), or evidence or an editor whose name is changed afterwards, could still
carry a colleague's name. Each guarded column is now checked on INSERT and on UPDATE. History
events keep 0005's INSERT trigger: 0002 already refuses every UPDATE of them.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column naming the person, when 0005's trigger fires, when it fires from here on)
CHANGED = [
    ("evidence", "editor", "BEFORE INSERT", "BEFORE INSERT OR UPDATE OF editor"),
    ("editors", "added_by", "BEFORE INSERT", "BEFORE INSERT OR UPDATE OF added_by"),
    ("claims", "signed_off_by", "BEFORE UPDATE OF signed_off_by", "BEFORE INSERT OR UPDATE OF signed_off_by"),
]
# Most claims are not signed off: the condition spares a bulk import the function call for them.
CONDITIONS = {"claims": "WHEN (NEW.signed_off_by IS NOT NULL) "}


def _replace_triggers(new: bool) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, before, after in CHANGED:
        op.execute(f"DROP TRIGGER {table}_login_acts_as_itself ON {table}")
        op.execute(
            f"CREATE TRIGGER {table}_login_acts_as_itself {after if new else before} ON {table} FOR EACH ROW "
            f"{CONDITIONS.get(table, '') if new else ''}EXECUTE FUNCTION claims_login_acts_as_itself('{column}')"
        )


def upgrade() -> None:
    _replace_triggers(new=True)


def downgrade() -> None:
    _replace_triggers(new=False)
