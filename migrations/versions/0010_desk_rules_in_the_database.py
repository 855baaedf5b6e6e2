"""On PostgreSQL, the desk's few protecting rules hold for a login that bypasses `claims`.

With one login per editor, an editor could write plain SQL: sign off their own verdict, make
themselves chief, or change a claim without a word in its history. The rules stay decided by the
domain core (``claims.domain``); these triggers are a second wall for the invariants that protect
the desk, each checked against the acting login (``session_user``):

- only a chief changes the editor list (the very first editor on an empty list excepted), and
  every change of a row agrees with the list's history (``editor_events``) when the transaction
  commits; that history is append-only;
- an approval is refused from whoever gave the verdict, and from a login that is not an editor or
  chief on the list (a lone editor with no list publishes their own verdict, as the rules say);
- a claim's text, claimant, kind, status, assignee and sign-off change only as the claim's
  history says, checked when the transaction commits (the events are written after the row);
  a sign-off is cleared only together with a status change.

The login that owns the tables (and a superuser) is exempt, as in 0005: IT's shared login and
migrations. Every function is schema-qualified with a fixed ``search_path``, so that objects a
login creates in ``public`` cannot stand in for ``pg_catalog``'s; 0005's function is recreated so.
None needs SECURITY DEFINER: the desk's logins may read every table they check. Privileges
(no UPDATE of history, of evidence beyond its withdrawal, or of ``alembic_version``) are the
setup script's part, docs/setup_desk.sql: the migration cannot know the desk's group role.
SQLite has no logins: nothing to do.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAFE = "LANGUAGE plpgsql SET search_path = pg_catalog, public"

# A claim's field, the events that set it (the latest one says its value), and that value.
HISTORY_OF_FIELDS = [
    ("status", "h.kind IN ('created', 'status_changed', 'rejected')", "latest.to_status"),
    ("text", "(h.kind = 'created' OR (h.kind = 'edited' AND (h.field IS NULL OR h.field = 'text')))", "latest.new_text"),
    ("claimant", "(h.kind = 'created' OR (h.kind = 'edited' AND h.field = 'claimant'))",
     "CASE WHEN latest.kind = 'created' THEN latest.claimant ELSE latest.new_text END"),
    ("kind", "(h.kind = 'created' OR (h.kind = 'edited' AND h.field = 'kind'))",
     "CASE WHEN latest.kind = 'created' THEN latest.claim_kind ELSE latest.new_text END"),
    ("assignee", "h.kind IN ('assigned', 'unassigned')", "CASE WHEN latest.kind = 'assigned' THEN latest.assignee END"),
]  # fmt: skip


def _field_checks() -> str:
    """PL/pgSQL refusing a change of each field that its latest setting event does not say."""
    return "".join(
        f"""
        IF NOT inserted AND OLD.{column} IS DISTINCT FROM NEW.{column} THEN
            SELECT * INTO latest FROM public.claim_events h WHERE h.claim_id = NEW.id AND {setting}
            ORDER BY h.id DESC LIMIT 1;
            IF ({value}) IS DISTINCT FROM claim.{column} THEN
                RAISE EXCEPTION 'claim %: its {column} changed without its history', NEW.id
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        END IF;"""
        for column, setting, value in HISTORY_OF_FIELDS
    )


FUNCTIONS = [
    """
    CREATE FUNCTION public.claims_login_owns(relation oid) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog, public AS $$
        SELECT pg_catalog.pg_has_role(
            session_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = relation), 'MEMBER'
        )
    $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION public.claims_login_acts_as_itself() RETURNS trigger {SAFE} AS $$
    DECLARE
        person text := pg_catalog.to_jsonb(NEW) ->> TG_ARGV[0];
    BEGIN
        IF person IS NOT NULL AND person <> session_user AND NOT pg_catalog.pg_has_role(
            session_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER'
        ) THEN
            RAISE EXCEPTION 'database login % cannot act as %', session_user, person
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    # Who may change the editor list: a chief, or anyone while nobody else is on it.
    f"""
    CREATE FUNCTION public.claims_only_a_chief_changes_editors() RETURNS trigger {SAFE} AS $$
    DECLARE
        changed text := CASE WHEN TG_OP = 'DELETE' THEN OLD.name ELSE NEW.name END;
    BEGIN
        IF public.claims_login_owns(TG_RELID) THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'editors are removed from the desk, never deleted'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM public.editors e WHERE e.removed_at IS NULL AND e.name <> changed)
           AND NOT EXISTS (SELECT 1 FROM public.editors e
                           WHERE e.name = session_user AND e.role = 'chief' AND e.removed_at IS NULL) THEN
            RAISE EXCEPTION 'database login % is not a chief: only a chief changes the editor list', session_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    # At commit: an editor's row says what the list's history says of them.
    f"""
    CREATE FUNCTION public.claims_editor_agrees_with_history() RETURNS trigger {SAFE} AS $$
    DECLARE
        recorded text;
        stored_role text;
    BEGIN
        IF public.claims_login_owns(TG_RELID) THEN
            RETURN NULL;
        END IF;
        SELECT CASE WHEN e.removed_at IS NULL THEN e.role END INTO stored_role
        FROM public.editors e WHERE e.id = NEW.id;
        IF NOT FOUND THEN
            RETURN NULL;
        END IF;
        SELECT h.role INTO recorded FROM public.editor_events h WHERE h.name = NEW.name ORDER BY h.id DESC LIMIT 1;
        IF NOT FOUND OR recorded IS DISTINCT FROM stored_role THEN
            RAISE EXCEPTION 'editor % changed without its history (claims editor history)', NEW.name
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE FUNCTION public.claims_history_is_append_only() RETURNS trigger {SAFE} AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only: entries cannot be changed or deleted', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END
    $$
    """,
    # An approval comes from an editor or chief on the list who did not give the verdict.
    f"""
    CREATE FUNCTION public.claims_approval_by_a_second_editor() RETURNS trigger {SAFE} AS $$
    DECLARE
        giver text;
    BEGIN
        IF public.claims_login_owns(TG_RELID)
           OR NOT EXISTS (SELECT 1 FROM public.editors e WHERE e.removed_at IS NULL) THEN
            RETURN NEW;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM public.editors e WHERE e.name = NEW.editor AND e.removed_at IS NULL
                       AND e.role IN ('editor', 'chief')) THEN
            RAISE EXCEPTION '% is not an editor on the desk''s list: they cannot approve verdicts', NEW.editor
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT h.editor INTO giver FROM public.claim_events h
        WHERE h.claim_id = NEW.claim_id AND h.kind IN ('created', 'status_changed', 'rejected')
        ORDER BY h.id DESC LIMIT 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'claim % has no verdict in its history to approve', NEW.claim_id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF giver = NEW.editor THEN
            RAISE EXCEPTION '% gave claim % its verdict: a second editor must approve it', NEW.editor, NEW.claim_id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    # At commit: what changed in a claim row is what its history says now.
    f"""
    CREATE FUNCTION public.claims_claim_agrees_with_history() RETURNS trigger {SAFE} AS $$
    DECLARE
        claim public.claims%ROWTYPE;
        latest public.claim_events%ROWTYPE;
        inserted boolean := TG_OP = 'INSERT';
    BEGIN
        IF public.claims_login_owns(TG_RELID) THEN
            RETURN NULL;
        END IF;
        SELECT * INTO claim FROM public.claims c WHERE c.id = NEW.id;
        IF NOT FOUND THEN
            RETURN NULL;
        END IF;
{_field_checks()}
        IF inserted OR OLD.signed_off_by IS DISTINCT FROM NEW.signed_off_by
           OR OLD.signed_off_at IS DISTINCT FROM NEW.signed_off_at THEN
            IF NOT inserted AND NEW.signed_off_by IS NULL AND OLD.signed_off_by IS NOT NULL
               AND OLD.status IS NOT DISTINCT FROM NEW.status THEN
                RAISE EXCEPTION 'claim %: a published verdict is withdrawn only by changing its status', NEW.id
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            SELECT * INTO latest FROM public.claim_events h
            WHERE h.claim_id = NEW.id AND h.kind IN ('created', 'status_changed', 'rejected', 'approved')
            ORDER BY h.id DESC LIMIT 1;
            IF (claim.signed_off_by IS NULL) <> (claim.signed_off_at IS NULL)
               OR (CASE WHEN latest.kind = 'approved' THEN latest.editor END) IS DISTINCT FROM claim.signed_off_by THEN
                RAISE EXCEPTION 'claim %: its sign-off does not match an approval in its history', NEW.id
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        END IF;
        RETURN NULL;
    END
    $$
    """,
]

TRIGGERS = [
    "CREATE TRIGGER editors_only_a_chief BEFORE INSERT OR UPDATE OR DELETE ON public.editors "
    "FOR EACH ROW EXECUTE FUNCTION public.claims_only_a_chief_changes_editors()",
    "CREATE TRIGGER editor_events_only_a_chief BEFORE INSERT ON public.editor_events "
    "FOR EACH ROW EXECUTE FUNCTION public.claims_only_a_chief_changes_editors()",
    "CREATE TRIGGER editor_events_login_acts_as_itself BEFORE INSERT ON public.editor_events "
    "FOR EACH ROW EXECUTE FUNCTION public.claims_login_acts_as_itself('by')",
    "CREATE TRIGGER editor_events_append_only BEFORE UPDATE OR DELETE ON public.editor_events "
    "FOR EACH ROW EXECUTE FUNCTION public.claims_history_is_append_only()",
    "CREATE CONSTRAINT TRIGGER editors_agree_with_history AFTER INSERT OR UPDATE ON public.editors "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.claims_editor_agrees_with_history()",
    "CREATE TRIGGER evidence_withdrawn_by_acts_as_itself BEFORE UPDATE OF withdrawn_by ON public.evidence "
    "FOR EACH ROW EXECUTE FUNCTION public.claims_login_acts_as_itself('withdrawn_by')",
    "CREATE TRIGGER claim_events_approval_by_a_second_editor BEFORE INSERT ON public.claim_events "
    "FOR EACH ROW WHEN (NEW.kind = 'approved') EXECUTE FUNCTION public.claims_approval_by_a_second_editor()",
    "CREATE CONSTRAINT TRIGGER claims_agree_with_history AFTER UPDATE ON public.claims "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ("
    + " OR ".join(
        f"OLD.{column} IS DISTINCT FROM NEW.{column}"
        for column in (*(column for column, _, _ in HISTORY_OF_FIELDS), "signed_off_by", "signed_off_at")
    )
    + ") "
    "EXECUTE FUNCTION public.claims_claim_agrees_with_history()",
    # Most claims are not signed off: the condition spares a bulk import the check for them.
    "CREATE CONSTRAINT TRIGGER claims_signed_off_agree_with_history AFTER INSERT ON public.claims "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.signed_off_by IS NOT NULL) "
    "EXECUTE FUNCTION public.claims_claim_agrees_with_history()",
]

# 0002's function raises and reads nothing, but every function of ours runs with a fixed path.
HARDENED = "ALTER FUNCTION public.claims_refuse_history_change() {} search_path"

DROPPED = [
    ("editors_only_a_chief", "editors"),
    ("editor_events_only_a_chief", "editor_events"),
    ("editor_events_login_acts_as_itself", "editor_events"),
    ("editor_events_append_only", "editor_events"),
    ("editors_agree_with_history", "editors"),
    ("evidence_withdrawn_by_acts_as_itself", "evidence"),
    ("claim_events_approval_by_a_second_editor", "claim_events"),
    ("claims_agree_with_history", "claims"),
    ("claims_signed_off_agree_with_history", "claims"),
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in (*FUNCTIONS, *TRIGGERS, HARDENED.format("SET") + " = pg_catalog, public"):
        op.execute(statement)


def downgrade() -> None:
    """Drop the new guards. 0005's function keeps its hardened body: the same check, safer."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(HARDENED.format("RESET"))
    for trigger, table in DROPPED:
        op.execute(f"DROP TRIGGER {trigger} ON public.{table}")
    for function in (
        "claims_claim_agrees_with_history()", "claims_approval_by_a_second_editor()",
        "claims_history_is_append_only()", "claims_editor_agrees_with_history()",
        "claims_only_a_chief_changes_editors()", "claims_login_owns(oid)",
    ):  # fmt: skip
        op.execute(f"DROP FUNCTION public.{function}")
