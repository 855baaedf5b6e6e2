"""Opening the database: the URL, the engine, and checking the schema revision before use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from claims.errors import ClaimsError, SchemaMismatch

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session

DEFAULT_DATABASE_URL = "sqlite:///claims.db"
DATABASE_URL_VARIABLE = "CLAIMS_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# The newest migration in migrations/versions. Kept here so that everyday commands can check a
# database without loading Alembic; tests/unit/test_migrations.py fails when it falls behind.
SCHEMA_REVISION = "0008"
# Any fixed number works: it only has to be the same for every claims process.
_MIGRATION_LOCK_KEY = 0x636C61696D73


def resolve_database_url(url: str | None) -> str:
    """The URL to use: the one given, else CLAIMS_DATABASE_URL, else claims.db here.

    A bare path means a SQLite file, and ``postgresql://`` means the psycopg 3 driver we ship.
    """
    url = url or os.environ.get(DATABASE_URL_VARIABLE) or DEFAULT_DATABASE_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def display_url(url: str) -> str:
    """The URL with any password hidden, fit for messages."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str, *, enforce_foreign_keys: bool = True) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise ClaimsError(f"not a database URL: {url!r}") from error
    if parsed.get_backend_name() == "sqlite":
        return _make_sqlite_engine(url, enforce_foreign_keys=enforce_foreign_keys)
    try:
        return create_engine(url, pool_pre_ping=False)
    except (ArgumentError, ModuleNotFoundError) as error:
        raise ClaimsError(f"cannot use database URL {display_url(url)}: {error}") from error


def _make_sqlite_engine(url: str, *, enforce_foreign_keys: bool) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:" and not Path(database).parent.exists():
        raise ClaimsError(f"cannot create database {database}: folder {Path(database).parent} does not exist")
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
    # writers can take the write lock up front (BEGIN IMMEDIATE) and wait for it politely.
    engine = create_engine(url, connect_args={"isolation_level": None, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if enforce_foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        writing = connection.get_execution_options().get("claims_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """One unit of work: committed if the block succeeds, rolled back whole if it raises."""
    from sqlalchemy.orm import Session

    bind = engine.execution_options(claims_write=True) if write else engine
    with Session(bind, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def reading_scope(engine: Engine) -> Iterator[Connection]:
    """One transaction on a Core connection, for bulk reads that do not need the ORM and whose
    start-up counts (loading the ORM and the models takes a tenth of a second). It commits
    nothing it did not do: callers only read."""
    with engine.connect() as connection, connection.begin():
        yield connection


def migrations_path() -> Path:
    """Where the Alembic scripts are: inside the installed package, or the source checkout."""
    packaged = Path(__file__).with_name("_migrations")
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(connection: Any = None, url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(connection: Any) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return str(found) if found is not None else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _migrate(engine, lambda config: command.upgrade(config, revision))


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _migrate(engine, lambda config: command.downgrade(config, revision))


def _migrate(engine: Engine, run: Any) -> None:
    """Run a migration in one transaction.

    On SQLite, Alembic rebuilds a table to alter it, which foreign keys would block while rows
    point at it; they are off during the migration and checked as a whole before it commits.
    On PostgreSQL, an advisory lock keeps two editors opening a new database from both
    creating the schema.
    """
    sqlite = engine.dialect.name == "sqlite"
    migration_engine = make_engine(str(engine.url), enforce_foreign_keys=False) if sqlite else engine
    try:
        with migration_engine.begin() as connection:
            if not sqlite:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            run(alembic_config(connection))
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise ClaimsError("the migration would break links between records; nothing was changed")
    finally:
        if sqlite:
            migration_engine.dispose()


def ensure_schema(engine: Engine) -> None:
    """Migrate an empty database; refuse one at another revision rather than upgrade it silently."""
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            # Only a database that is not at our revision needs a look at its tables: every command checks.
            has_tables = revision != SCHEMA_REVISION and bool(inspect(connection).get_table_names())
    except OperationalError as error:
        raise ClaimsError(f"cannot open database {display_url(str(engine.url))}: {first_line(error)}") from error
    if revision == SCHEMA_REVISION:
        return
    head = head_revision()
    if revision is None:
        if has_tables:
            raise SchemaMismatch(
                f"{display_url(str(engine.url))} is not a claims database (it has tables but no schema revision)"
            )
        upgrade(engine)
        return
    if revision in known_revisions():
        raise SchemaMismatch(
            f"the database is at schema revision {revision}, this claims needs {head}: run `claims db upgrade`"
        )
    raise SchemaMismatch(
        f"the database is at schema revision {revision}, which this version of claims does not know: upgrade claims"
    )


def first_line(error: BaseException) -> str:
    message = str(getattr(error, "orig", None) or error)
    return message.strip().splitlines()[0] if message.strip() else type(error).__name__
