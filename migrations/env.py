"""Alembic environment: claims calls it with an open connection; `alembic` on the command line
uses CLAIMS_DATABASE_URL (or claims.db here)."""

from alembic import context
from sqlalchemy.engine import Connection

from claims.db import make_engine, resolve_database_url
from claims.models import Base
from claims.search import is_search_index
from claims.tables import is_tally

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """The full-text search index (0008) and the tallies (0011) are the database's, not the
    models': autogenerate leaves them be."""
    return not (is_search_index(name) or is_tally(name))


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or resolve_database_url(None),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = make_engine(resolve_database_url(config.get_main_option("sqlalchemy.url")))
    with engine.begin() as connection:
        run_migrations(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
