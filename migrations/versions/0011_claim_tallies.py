"""Counts kept by the database, so that the report's totals and the entities' claims by status do
not read a million claims; and the links of an entity found in one index.

- `claim_tallies`: how many claims have each (status, kind, assignee, signed off or not); the
  assignee is '' for nobody. `claims report` reads its counts from here.
- `entity_tallies`: how many claims naming each entity have each status. `claims entities`
  reads from here.

Both are derived, like the search index (0008): the models leave them out, backups do not carry
them, and triggers keep them in step with `claims` and `claim_entities` on every write (insert,
update, delete; restore from a backup inserts, so its triggers count the rows restored). A row
whose count falls to 0 stays. `claims db verify` counts again from the rows and compares.

SQLite: row triggers with upserts (writers take turns there anyway). PostgreSQL: statement
triggers over transition tables, one grouped upsert per statement (a COPY of a thousand claims
is one), in key order so that two transactions take the few rows' locks in the same order;
SECURITY DEFINER, so that the desk's logins need no more than SELECT on the tallies. A claim
deleted takes its entity links with it first (BEFORE DELETE), while its status can still be read.

`claim_entities` gets one index (entity_id, claim_id) instead of (entity_id): `--entity` and
the entity counts read the claims an entity names from it alone.

Both tallies are filled from the rows already there. SQLite's batch mode rebuilds a table and
drops its triggers: a later migration that alters `claims` or `claim_entities` in batch mode must
create SQLITE_TRIGGERS again.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = [
    "CREATE TABLE claim_tallies (status VARCHAR(20) NOT NULL, kind VARCHAR(20) NOT NULL, "
    "assignee VARCHAR(200) NOT NULL, signed INTEGER NOT NULL, claims BIGINT NOT NULL, "
    "CONSTRAINT pk_claim_tallies PRIMARY KEY (status, kind, assignee, signed))",
    "CREATE TABLE entity_tallies (entity_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL, "
    "claims BIGINT NOT NULL, CONSTRAINT pk_entity_tallies PRIMARY KEY (entity_id, status))",
]
BACKFILL = [
    "INSERT INTO claim_tallies (status, kind, assignee, signed, claims) "
    "SELECT status, kind, coalesce(assignee, ''), CASE WHEN signed_off_at IS NULL THEN 0 ELSE 1 END, count(*) "
    "FROM claims GROUP BY 1, 2, 3, 4",
    "INSERT INTO entity_tallies (entity_id, status, claims) "
    "SELECT l.entity_id, c.status, count(*) FROM claim_entities l JOIN claims c ON c.id = l.claim_id GROUP BY 1, 2",
]

# A claim's key in claim_tallies, from its row (new or old).
_KEY = "status, kind, assignee, signed"


def _sqlite_key(row: str) -> str:
    return f"{row}.status, {row}.kind, coalesce({row}.assignee, ''), {row}.signed_off_at IS NOT NULL"


def _sqlite_count(row: str, change: int) -> str:
    if change > 0:
        return (
            f"INSERT INTO claim_tallies ({_KEY}, claims) VALUES ({_sqlite_key(row)}, 1) "
            f"ON CONFLICT ({_KEY}) DO UPDATE SET claims = claims + 1;"
        )
    return (
        f"UPDATE claim_tallies SET claims = claims - 1 WHERE status = {row}.status AND kind = {row}.kind "
        f"AND assignee = coalesce({row}.assignee, '') AND signed = ({row}.signed_off_at IS NOT NULL);"
    )


def _sqlite_link(entity: str, claim: str, status: str = "status") -> str:
    """Count one claim more for ENTITY (an expression) naming claim CLAIM."""
    return (
        f"INSERT INTO entity_tallies (entity_id, status, claims) SELECT {entity}, {status}, 1 FROM claims "
        f"WHERE id = {claim} ON CONFLICT (entity_id, status) DO UPDATE SET claims = claims + 1;"
    )


def _sqlite_unlink(entity: str, claim: str) -> str:
    return (
        f"UPDATE entity_tallies SET claims = claims - 1 WHERE entity_id = {entity} "
        f"AND status = (SELECT status FROM claims WHERE id = {claim});"
    )


SQLITE_TRIGGERS = {
    "claim_tallies_insert": f"CREATE TRIGGER claim_tallies_insert AFTER INSERT ON claims BEGIN "
    f"{_sqlite_count('new', 1)} END",
    "claim_tallies_delete": f"CREATE TRIGGER claim_tallies_delete AFTER DELETE ON claims BEGIN "
    f"{_sqlite_count('old', -1)} END",
    "claim_tallies_update": "CREATE TRIGGER claim_tallies_update AFTER UPDATE OF status, kind, assignee, signed_off_at "
    "ON claims WHEN old.status IS NOT new.status OR old.kind IS NOT new.kind "
    "OR coalesce(old.assignee, '') IS NOT coalesce(new.assignee, '') "
    "OR (old.signed_off_at IS NULL) IS NOT (new.signed_off_at IS NULL) BEGIN "
    f"{_sqlite_count('old', -1)} {_sqlite_count('new', 1)} END",
    "entity_tallies_status": "CREATE TRIGGER entity_tallies_status AFTER UPDATE OF status ON claims "
    "WHEN old.status IS NOT new.status BEGIN "
    "UPDATE entity_tallies SET claims = claims - 1 WHERE status = old.status "
    "AND entity_id IN (SELECT entity_id FROM claim_entities WHERE claim_id = new.id); "
    "INSERT INTO entity_tallies (entity_id, status, claims) SELECT entity_id, new.status, 1 FROM claim_entities "
    "WHERE claim_id = new.id ON CONFLICT (entity_id, status) DO UPDATE SET claims = claims + 1; END",
    "entity_tallies_claim_deleted": "CREATE TRIGGER entity_tallies_claim_deleted BEFORE DELETE ON claims BEGIN "
    "DELETE FROM claim_entities WHERE claim_id = old.id; END",
    "entity_tallies_link": "CREATE TRIGGER entity_tallies_link AFTER INSERT ON claim_entities BEGIN "
    f"{_sqlite_link('new.entity_id', 'new.claim_id')} END",
    "entity_tallies_unlink": "CREATE TRIGGER entity_tallies_unlink AFTER DELETE ON claim_entities BEGIN "
    f"{_sqlite_unlink('old.entity_id', 'old.claim_id')} END",
    "entity_tallies_relink": "CREATE TRIGGER entity_tallies_relink AFTER UPDATE OF claim_id, entity_id "
    f"ON claim_entities BEGIN {_sqlite_unlink('old.entity_id', 'old.claim_id')} "
    f"{_sqlite_link('new.entity_id', 'new.claim_id')} END",
}

# PostgreSQL: each function adds up the changes of one statement, from its transition tables
# (`added`: rows as they are now, `gone`: as they were), and applies them in key order.
SAFE = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public"
_PG_KEY = (
    "{row}.status AS status, {row}.kind AS kind, coalesce({row}.assignee, '') AS assignee, "
    "CASE WHEN {row}.signed_off_at IS NULL THEN 0 ELSE 1 END AS signed"
)


def _pg_claim_delta(*parts: str) -> str:
    return (
        f"INSERT INTO public.claim_tallies AS t ({_KEY}, claims) SELECT {_KEY}, sum(n) FROM "
        f"({' UNION ALL '.join(parts)}) AS d GROUP BY {_KEY} HAVING sum(n) <> 0 ORDER BY {_KEY} "
        f"ON CONFLICT ({_KEY}) DO UPDATE SET claims = t.claims + excluded.claims;"
    )


def _pg_entity_delta(*parts: str) -> str:
    return (
        "INSERT INTO public.entity_tallies AS t (entity_id, status, claims) SELECT entity_id, status, sum(n) FROM "
        f"({' UNION ALL '.join(parts)}) AS d GROUP BY entity_id, status HAVING sum(n) <> 0 "
        "ORDER BY entity_id, status ON CONFLICT (entity_id, status) DO UPDATE SET claims = t.claims + excluded.claims;"
    )


_ADDED = "SELECT " + _PG_KEY.format(row="a") + ", 1 AS n FROM added a"
_GONE = "SELECT " + _PG_KEY.format(row="g") + ", -1 AS n FROM gone g"
_RESTATED = "FROM added a JOIN gone g ON g.id = a.id JOIN public.claim_entities l ON l.claim_id = a.id " + (
    "WHERE a.status IS DISTINCT FROM g.status"
)
POSTGRES_FUNCTIONS = {
    "claim_tallies_added": _pg_claim_delta(_ADDED),
    "claim_tallies_gone": _pg_claim_delta(_GONE),
    "claim_tallies_changed": _pg_claim_delta(_ADDED, _GONE)
    + _pg_entity_delta(
        f"SELECT l.entity_id, a.status, 1 AS n {_RESTATED}", f"SELECT l.entity_id, g.status, -1 AS n {_RESTATED}"
    ),
    "entity_tallies_linked": _pg_entity_delta(
        "SELECT a.entity_id, c.status, 1 AS n FROM added a JOIN public.claims c ON c.id = a.claim_id"
    ),
    "entity_tallies_unlinked": _pg_entity_delta(
        "SELECT g.entity_id, c.status, -1 AS n FROM gone g JOIN public.claims c ON c.id = g.claim_id"
    ),
    "entity_tallies_relinked": _pg_entity_delta(
        "SELECT a.entity_id, c.status, 1 AS n FROM added a JOIN public.claims c ON c.id = a.claim_id",
        "SELECT g.entity_id, c.status, -1 AS n FROM gone g JOIN public.claims c ON c.id = g.claim_id",
    ),
}
# (trigger, table, event, transition tables, function)
POSTGRES_TRIGGERS = [
    ("claim_tallies_insert", "claims", "INSERT", "NEW TABLE AS added", "claim_tallies_added"),
    ("claim_tallies_delete", "claims", "DELETE", "OLD TABLE AS gone", "claim_tallies_gone"),
    ("claim_tallies_update", "claims", "UPDATE", "OLD TABLE AS gone NEW TABLE AS added", "claim_tallies_changed"),
    ("entity_tallies_link", "claim_entities", "INSERT", "NEW TABLE AS added", "entity_tallies_linked"),
    ("entity_tallies_unlink", "claim_entities", "DELETE", "OLD TABLE AS gone", "entity_tallies_unlinked"),
    (
        "entity_tallies_relink",
        "claim_entities",
        "UPDATE",
        "OLD TABLE AS gone NEW TABLE AS added",
        "entity_tallies_relinked",
    ),
]
POSTGRES_CLAIM_DELETED = (
    f"CREATE FUNCTION public.entity_tallies_claim_deleted() RETURNS trigger {SAFE} AS $$ BEGIN "
    "DELETE FROM public.claim_entities WHERE claim_id = OLD.id; RETURN OLD; END $$"
)

# The desk's logins got INSERT and UPDATE on new tables by default (docs/setup_desk.sql): the
# tallies change only through the triggers, whose functions run as the owner.
NARROWED = """DO $$ DECLARE grantee_name text; BEGIN
FOR grantee_name IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
    WHERE table_schema = 'public' AND table_name IN ('claim_tallies', 'entity_tallies')
    AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE') AND grantee NOT IN (current_user, 'PUBLIC')
LOOP
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.claim_tallies, public.entity_tallies FROM %I',
                   grantee_name);
END LOOP; END $$"""


def upgrade() -> None:
    op.drop_index("ix_claim_entities_entity_id", "claim_entities")
    op.create_index("ix_claim_entities_entity_claim", "claim_entities", ["entity_id", "claim_id"])
    for table in TABLES:
        op.execute(table)
    for backfill in BACKFILL:
        op.execute(backfill)
    if op.get_bind().dialect.name == "postgresql":
        for name, body in POSTGRES_FUNCTIONS.items():
            op.execute(f"CREATE FUNCTION public.{name}() RETURNS trigger {SAFE} AS $$ BEGIN {body} RETURN NULL; END $$")
        for trigger, table, event, transitions, function in POSTGRES_TRIGGERS:
            op.execute(
                f"CREATE TRIGGER {trigger} AFTER {event} ON {table} REFERENCING {transitions} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION public.{function}()"
            )
        op.execute(POSTGRES_CLAIM_DELETED)
        op.execute(
            "CREATE TRIGGER entity_tallies_claim_deleted BEFORE DELETE ON claims "
            "FOR EACH ROW EXECUTE FUNCTION public.entity_tallies_claim_deleted()"
        )
        op.execute(NARROWED)
        op.execute("ANALYZE claim_tallies")
        op.execute("ANALYZE entity_tallies")
        return
    for trigger in SQLITE_TRIGGERS.values():
        op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger, table, *_ in [*POSTGRES_TRIGGERS, ("entity_tallies_claim_deleted", "claims")]:
            op.execute(f"DROP TRIGGER {trigger} ON {table}")
        for function in [*POSTGRES_FUNCTIONS, "entity_tallies_claim_deleted"]:
            op.execute(f"DROP FUNCTION public.{function}()")
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE entity_tallies")
    op.execute("DROP TABLE claim_tallies")
    op.drop_index("ix_claim_entities_entity_claim", "claim_entities")
    op.create_index("ix_claim_entities_entity_id", "claim_entities", ["entity_id"])
