"""Opening the database: the URL, the engine, and checking the schema revision before use."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

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
SCHEMA_REVISION = "0014"
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


def make_engine(url: str, *, enforce_foreign_keys: bool = True, create: bool = True) -> Engine:
    """The engine for URL. A SQLite file that does not exist is made only when CREATE (a command
    that writes); reading one that is not there says so instead of leaving an empty database."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise ClaimsError(f"not a database URL: {url!r}") from error
    if parsed.get_backend_name() == "sqlite":
        return _make_sqlite_engine(url, enforce_foreign_keys=enforce_foreign_keys, create=create)
    try:
        return create_engine(url, pool_pre_ping=False)
    except (ArgumentError, ModuleNotFoundError) as error:
        raise ClaimsError(f"cannot use database URL {display_url(url)}: {error}") from error


def opened_read_only(engine: Engine) -> bool:
    """Whether ENGINE reads a SQLite file on read-only media (see ``make_engine``)."""
    return engine.dialect.name == "sqlite" and "immutable=1" in str(engine.url)


def _make_sqlite_engine(url: str, *, enforce_foreign_keys: bool, create: bool) -> Engine:
    parsed = make_url(url)
    database = parsed.database
    read_only = False
    if database and database != ":memory:" and not parsed.query.get("uri"):
        path = Path(database)
        if not path.exists():
            if not path.parent.exists():
                raise ClaimsError(f"cannot create database {database}: folder {path.parent} does not exist")
            if not create:
                raise ClaimsError(
                    f"there is no claims database at {database}: a command that writes (claims add, claims source "
                    "add, claims import, claims db upgrade) creates it; or give --db with the database to use"
                )
        elif not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            # Read-only media (or a file the editor may only read): SQLite cannot make its WAL and
            # lock files beside it, so it is opened as a file nobody changes while we read.
            if create:
                raise ClaimsError(f"cannot change {database}: it (or its folder) is read-only here")
            read_only = True
            url = f"sqlite:///file:{quote(str(path.resolve()))}?mode=ro&immutable=1&uri=true"
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
    # writers can take the write lock up front (BEGIN IMMEDIATE) and wait for it politely.
    engine = create_engine(url, connect_args={"isolation_level": None, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if not read_only:
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
        event.listen(session, "before_flush", _check_texts)
        yield session


def _check_texts(session: Session, _context: Any, _instances: Any) -> None:
    """Refuse, before it is written, any text the ORM is about to store that either database
    would refuse or store differently (``claims.limits``): too long for its column, or holding a
    character claims does not store. Only what changed is checked, so an old row stays editable."""
    from sqlalchemy import String
    from sqlalchemy import inspect as inspect_object

    from claims.errors import InvalidInput
    from claims.limits import text_problem

    new = session.new  # a set built afresh on every access: once, not once per column of every row
    for record in (*new, *session.dirty):
        state = inspect_object(record)
        for attribute in state.mapper.column_attrs:
            column = attribute.columns[0]
            if not isinstance(column.type, String):
                continue
            if record not in new and not state.attrs[attribute.key].history.has_changes():
                continue
            value = getattr(record, attribute.key)
            if isinstance(value, str) and (problem := text_problem(value, limit=column.type.length)):
                noun = re.sub(r"(?<!^)(?=[A-Z])", " ", type(record).__name__).lower()  # ClaimEvent: claim event
                raise InvalidInput(f"the {noun}'s {column.name.replace('_', ' ')} {problem}")


@contextmanager
def reading_scope(engine: Engine, *, snapshot: bool = False) -> Iterator[Connection]:
    """One transaction on a Core connection, for bulk reads that do not need the ORM and whose
    start-up counts (loading the ORM and the models takes a tenth of a second). It commits
    nothing it did not do: callers only read.

    With SNAPSHOT, every statement sees the database as it was at the first, for reads that must
    agree with each other while editors keep working (a backup). A SQLite read transaction always
    does; PostgreSQL's default lets each statement see what was committed before it began."""
    with engine.connect() as connection:
        if snapshot and connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


@contextmanager
def writing_scope(engine: Engine) -> Iterator[Connection]:
    """One writing transaction on a Core connection, for bulk writes that need no ORM: committed
    whole if the block succeeds, rolled back whole if it raises."""
    with engine.execution_options(claims_write=True).begin() as connection:
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
    from alembic.util import CommandError

    sqlite = engine.dialect.name == "sqlite"
    migration_engine = make_engine(str(engine.url), enforce_foreign_keys=False) if sqlite else engine
    try:
        with migration_engine.begin() as connection:
            if not sqlite:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            revision = current_revision(connection)
            if revision is not None and revision not in known_revisions():
                raise SchemaMismatch(unknown_revision(revision))
            try:
                run(alembic_config(connection))
            except CommandError as error:  # a revision Alembic cannot find, or cannot get to from here
                raise ClaimsError(f"cannot migrate: {error}; `claims db current` shows where the database is") from None
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
    raise SchemaMismatch(unknown_revision(revision))


def unknown_revision(revision: str) -> str:
    """What to do about a database a newer claims (or something else) has migrated: no migration
    of ours can move it, so upgrading claims is the way."""
    return f"the database is at schema revision {revision}, which this version of claims does not know: upgrade claims"


def integrity_problems(engine: Engine, *, most: int = 20) -> list[str]:
    """What SQLite's own check finds wrong in the file (pages overwritten, indexes that disagree
    with their tables), at most MOST lines; nothing on PostgreSQL, whose server guards its files.
    A history that replays proves nothing about a file whose pages are damaged."""
    if engine.dialect.name != "sqlite":
        return []
    with engine.connect() as connection:
        found = [str(row[0]) for row in connection.exec_driver_sql(f"PRAGMA integrity_check({int(most)})")]
    return [] if found == ["ok"] else found


def first_line(error: BaseException) -> str:
    message = str(getattr(error, "orig", None) or error)
    return message.strip().splitlines()[0] if message.strip() else type(error).__name__
