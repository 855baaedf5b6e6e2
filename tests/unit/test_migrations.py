"""The schema comes only from Alembic: it must go up, down and up again, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from claims.db import SCHEMA_REVISION, current_revision, downgrade, head_revision, make_engine, upgrade
from claims.models import Base


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
                connection, opts={"compare_type": True, "include_name": lambda name, *_: not _is_search_index(name)}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def _is_search_index(name: str | None) -> bool:
    """The full-text indexes live outside the models: FTS5 tables and their shadow tables on SQLite,
    generated tsvector columns and GIN indexes on PostgreSQL."""
    return bool(name) and ("_search" in name or name in {"search_vector", "ix_claims_match_text"})  # type: ignore[operator]


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
