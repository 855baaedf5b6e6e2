-- What the desk's editors may do in the claims database: step 3 of "Working as a desk on
-- PostgreSQL" in the README. Run it once, after `claims db upgrade`, as a superuser connected
-- to the claims database (creating roles needs one: the owner login cannot):
--
--     sudo -u postgres psql -d claims -v owner=claims_admin -f setup_desk.sql
--
-- `owner` is the login that owns the tables (it ran `claims db upgrade`); `desk` names the group
-- role every editor's login joins (claims_desk unless given). Running it again is harmless.
-- tests/unit/test_database_guards.py runs this file against a throwaway database and roles.

\set ON_ERROR_STOP on
\if :{?owner}
\else
    \echo 'Give the login that owns the tables: psql -v owner=claims_admin ...'
    \quit
\endif
\if :{?desk}
\else
    \set desk claims_desk
\endif
SELECT current_database() AS database \gset

BEGIN;
SELECT format('CREATE ROLE %I NOLOGIN', :'desk')
WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = :'desk') \gexec
GRANT CONNECT ON DATABASE :"database" TO :"desk";
-- Nobody but the owner creates objects in the schema (PostgreSQL 14 and older let anyone): a
-- login's own function there must not stand in for one the guards call.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"desk";
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO :"desk";

-- Read everything, add rows, never delete (claims withdraws and removes instead).
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO :"desk";
-- Update only what an editor's work changes. Histories (claim_events, editor_events,
-- source_events) are never updated; evidence only to withdraw it; the schema revision never.
GRANT UPDATE ON sources, entities, editors TO :"desk";
GRANT UPDATE (text, sentence, start_offset, end_offset, claimant, kind, status, score, updated_at,
              signed_off_by, signed_off_at, assignee, merged_into, version) ON claims TO :"desk";
GRANT UPDATE (withdrawn_at, withdrawn_by) ON evidence TO :"desk";
-- A correction of wording finds the claim's entities again, replacing its links to them; the
-- matcher's vectors and scores are derived again the same way, and a fact-check import updates
-- the fact-checks it brings again.
GRANT DELETE ON claim_entities TO :"desk";
GRANT UPDATE, DELETE ON claim_vectors, claim_matches TO :"desk";
GRANT UPDATE ON factchecks TO :"desk";
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM :"desk";
-- The counts the database keeps (0011) change only through its triggers.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON claim_tallies, entity_tallies FROM :"desk";

-- Tables that later versions of claims add: read, add, update (their migration narrows it).
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE ON TABLES TO :"desk";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE ON SEQUENCES TO :"desk";
COMMIT;

-- Then a login for each editor, named as they will appear in the history:
--     CREATE ROLE ana LOGIN PASSWORD 'ana-s-password' IN ROLE claims_desk;
