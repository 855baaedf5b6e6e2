"""The schema comes only from Alembic: it must go up, down and up again, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from claims.db import SCHEMA_REVISION, current_revision, downgrade, head_revision, make_engine, upgrade
from claims.models import Base
from claims.search import is_search_index
from claims.tables import is_tally


def test_upgrade_downgrade_upgrade_and_no_drift(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        upgrade(engine)
        downgrade(engine, "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        with engine.connect() as connection:
            assert current_revision(connection) == head_revision()
            context = MigrationContext.configure(
                connection,
                opts={
                    "compare_type": True,
                    "include_name": lambda name, *_: (
                        not (is_search_index(name) or _is_search_index(name) or is_tally(name))
                    ),
                },
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def _is_search_index(name: str | None) -> bool:
    """The full-text indexes live outside the models: FTS5 tables and their shadow tables on SQLite,
    generated tsvector columns and GIN indexes on PostgreSQL."""
    return bool(name) and ("_search" in name or name == "search_vector")  # type: ignore[operator]


def test_each_step_down_and_up(empty_database_url: str) -> None:
    """Every migration's downgrade works against data-free tables on both backends."""
    engine = make_engine(empty_database_url)
    try:
        upgrade(engine)
        revisions = []
        with engine.connect() as connection:
            revisions.append(current_revision(connection))
        while revisions[-1] is not None:
            downgrade(engine, "-1")
            with engine.connect() as connection:
                revisions.append(current_revision(connection))
        assert revisions[0] == head_revision() and len(revisions) >= 3
    finally:
        engine.dispose()


def test_the_revision_everyday_commands_expect_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_REVISION, "set claims.db.SCHEMA_REVISION to the new migration's revision"


def test_upgrading_an_archive_indexes_the_claims_it_holds_for_search(empty_database_url: str) -> None:
    """0008 builds the search index from the claims already there, and keeps it in step after."""
    from sqlalchemy import text

    from claims.search import search_candidates

    engine = make_engine(empty_database_url)
    try:
        upgrade(engine, "0006")
        with engine.begin() as connection:
            for wording, sentence in [
                ("Nestle raised its dividends for the 28th year", None),
                ("Geely is Volvo's parent company", "Analysts say Geely is Volvo's parent company."),
                ("The dividend was cut", "Nestle said the dividend was cut."),
            ]:
                connection.execute(
                    text(
                        "INSERT INTO claims (text, sentence, kind, status, created_at, updated_at, version) "
                        "VALUES (:wording, :sentence, 'fact', 'unverified', :now, :now, 1)"
                    ),
                    {"wording": wording, "sentence": sentence, "now": "2026-01-01 00:00:00"},
                )
        upgrade(engine)
        with engine.begin() as connection:
            found = [claim_id for claim_id, _ in search_candidates(connection, "nestle dividend")]
            assert sorted(found) == [1, 3]
            assert [claim_id for claim_id, _ in search_candidates(connection, "volvo")] == [2]
            connection.execute(text("UPDATE claims SET text = 'Geely owns Volvo Cars', sentence = NULL WHERE id = 2"))
            assert [claim_id for claim_id, _ in search_candidates(connection, "parent")] == []
            assert [claim_id for claim_id, _ in search_candidates(connection, "owns")] == [2]
    finally:
        engine.dispose()


def test_the_core_tables_name_columns_the_models_have() -> None:
    """claims.tables repeats the columns the Core reads; a renamed column must not go unnoticed."""
    from claims.tables import ALL

    for core_table in ALL:
        model_columns = set(Base.metadata.tables[core_table.name].columns.keys())
        assert set(core_table.columns.keys()) <= model_columns, core_table.name


def test_upgrading_an_archive_counts_the_claims_it_holds(empty_database_url: str) -> None:
    """0011 fills the tallies from the claims and links already there, its triggers keep them in
    step after, and the downgrade takes them away."""
    from sqlalchemy import text

    from claims.services.tallies import tally_problems

    engine = make_engine(empty_database_url)
    claims_sql = (
        "INSERT INTO claims (text, kind, status, assignee, signed_off_by, signed_off_at, created_at, updated_at, "
        "version) VALUES (:text, :kind, :status, :assignee, :signer, :signed, :now, :now, 1)"
    )
    try:
        upgrade(engine, "0010")
        with engine.begin() as connection:
            for number, (kind, status, assignee, signed) in enumerate(
                [
                    ("fact", "unverified", None, None),
                    ("fact", "unverified", None, None),
                    ("fact", "confirmed", "bo", "2026-01-02 00:00:00"),
                    ("prediction", "refuted", None, None),
                ]
            ):
                connection.execute(
                    text(claims_sql),
                    {
                        "text": f"Claim {number} about Geely",
                        "kind": kind,
                        "status": status,
                        "assignee": assignee,
                        "signer": "ana" if signed else None,
                        "signed": signed,
                        "now": "2026-01-01 00:00:00",
                    },
                )
            connection.execute(text("INSERT INTO entities (id, name, label) VALUES (1, 'Geely', 'organization')"))
            connection.execute(text("INSERT INTO entities (id, name, label) VALUES (2, 'Volvo', 'organization')"))
            connection.execute(text("INSERT INTO claim_entities (claim_id, entity_id) VALUES (1, 1), (3, 1), (3, 2)"))
        upgrade(engine)
        tallies = "SELECT status, kind, assignee, signed, claims FROM claim_tallies WHERE claims <> 0 ORDER BY 1, 2, 3"
        entities = "SELECT entity_id, status, claims FROM entity_tallies WHERE claims <> 0 ORDER BY 1, 2"
        with engine.begin() as connection:
            assert [tuple(row) for row in connection.execute(text(tallies))] == [
                ("confirmed", "fact", "bo", 1, 1),
                ("refuted", "prediction", "", 0, 1),
                ("unverified", "fact", "", 0, 2),
            ]
            assert [tuple(row) for row in connection.execute(text(entities))] == [
                (1, "confirmed", 1),
                (1, "unverified", 1),
                (2, "confirmed", 1),
            ]
            assert tally_problems(connection) == []
            connection.execute(text("UPDATE claims SET status = 'in_review', assignee = 'cy' WHERE id = 1"))
            connection.execute(text("UPDATE claims SET status = 'mixed', signed_off_at = NULL WHERE id = 3"))
            connection.execute(text("DELETE FROM claim_entities WHERE claim_id = 3 AND entity_id = 2"))
            connection.execute(text("INSERT INTO claim_entities (claim_id, entity_id) VALUES (4, 2)"))
            assert [tuple(row) for row in connection.execute(text(tallies))] == [
                ("in_review", "fact", "cy", 0, 1),
                ("mixed", "fact", "bo", 0, 1),
                ("refuted", "prediction", "", 0, 1),
                ("unverified", "fact", "", 0, 1),
            ]
            assert [tuple(row) for row in connection.execute(text(entities))] == [
                (1, "in_review", 1),
                (1, "mixed", 1),
                (2, "refuted", 1),
            ]
            assert tally_problems(connection) == []
            connection.execute(text("UPDATE claim_tallies SET claims = 5 WHERE status = 'refuted'"))
            assert tally_problems(connection) == ["claims refuted, prediction, nobody, 0: 5 kept, 1 in the rows"]
        downgrade(engine, "0010")
        with engine.connect() as connection:
            assert not {"claim_tallies", "entity_tallies"} & set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
