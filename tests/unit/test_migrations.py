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
