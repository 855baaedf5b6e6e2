"""A lossless backup of everything the desk holds, and restoring it into an empty database.

The file is JSON Lines: a header (the format and its version, the schema revision, and every table
with its columns and number of rows), then one line per row, tagged with its table: tables parents
first, rows in key order. Nothing in here names a table or a column: they come from the models'
metadata, which a test keeps equal to what the migrations build, so a table or column a migration
adds is backed up and restored with no change here. Values are written without loss, by their
column's type: moments as ISO 8601 in UTC with microseconds, days as ISO dates, floats as the
shortest text that reads back as the same number, bytes as base64. The same desk gives the same
file, byte for byte, on SQLite or PostgreSQL: that is how a restore is checked.

Values are taken as the database stores them: each column's own type converts them, and a
TypeDecorator of the models (which dresses values up for the application) is passed by, both ways.
Both ways stream, so an archive of any size passes through bounded memory: rows are read a batch at
a time from the driver's cursor (a server-side one on PostgreSQL) and inserted a batch at a time
(executemany on SQLite, COPY on PostgreSQL), with none of SQLAlchemy's per-row work, which would
cost more than the database's.
A restore is the caller's one transaction: all of the backup, or nothing.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Column, Connection, DateTime, Table, func, inspect, literal, select, text
from sqlalchemy.types import TypeDecorator, TypeEngine

from claims.db import current_revision
from claims.errors import ClaimsError, InvalidInput, NotAllowed
from claims.tables import TALLIES

FORMAT = "claims backup"
FORMAT_VERSION = 1
BATCH_ROWS = 2_000
# How values are written and read back, by the Python type their column holds; None: as JSON has them.
Convert = Callable[[Any], Any]


def desk_tables() -> list[Table]:
    """Every table the desk keeps, parents before the tables that point at them."""
    from claims.models import Base

    return list(Base.metadata.sorted_tables)


@dataclass(frozen=True)
class TableHeader:
    name: str
    columns: tuple[str, ...]
    rows: int


@dataclass(frozen=True)
class BackupHeader:
    schema_revision: str | None
    tables: tuple[TableHeader, ...]

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables)

    def rows_of(self, name: str) -> int:
        return next((table.rows for table in self.tables if table.name == name), 0)

    def line(self) -> str:
        tables = [{"name": table.name, "columns": list(table.columns), "rows": table.rows} for table in self.tables]
        header = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "schema_revision": self.schema_revision,
            "tables": tables,
        }
        return json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n"


def _search_indexes(connection: Connection) -> set[str]:
    """SQLite's full-text indexes (FTS5 virtual tables and the shadow tables that hold them): the
    database derives them from the tables backed up, and its triggers rebuild them on restore."""
    if connection.dialect.name != "sqlite":
        return set()
    virtual = (
        connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        )
        .scalars()
        .all()
    )
    names = set(inspect(connection).get_table_names())
    return {name for name in names if any(name == table or name.startswith(f"{table}_") for table in virtual)}


def backup_header(connection: Connection, tables: Sequence[Table] | None = None) -> BackupHeader:
    """What a backup of this database holds, counted in the caller's transaction (which should see
    one snapshot: ``reading_scope(snapshot=True)``) so that the rows written match the counts."""
    tables = desk_tables() if tables is None else tables
    unknown = sorted(
        set(inspect(connection).get_table_names())
        - {table.name for table in tables}
        - {"alembic_version"}
        - _search_indexes(connection)
        - {tally.name for tally in TALLIES}  # counted again by the database's triggers on restore
    )
    if unknown:
        raise ClaimsError(
            f"the database has tables this version of claims does not know ({', '.join(unknown)}): "
            "back it up with the version that made them"
        )
    for table in tables:
        _codecs(table)  # a column whose values cannot be written without loss is refused before anything is
    return BackupHeader(
        schema_revision=current_revision(connection),
        tables=tuple(
            TableHeader(
                table.name,
                tuple(column.name for column in table.columns),
                connection.execute(select(func.count()).select_from(table)).scalar_one(),
            )
            for table in tables
        ),
    )


def write_backup(
    connection: Connection,
    header: BackupHeader,
    out: Any,
    *,
    tables: Sequence[Table] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> None:
    """Write the header and every row of every table to OUT (a text file), a batch at a time."""
    by_name = {table.name: table for table in (desk_tables() if tables is None else tables)}
    out.write(header.line())
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    done = 0
    for table_header in header.tables:
        for lines in _table_lines(connection, by_name[table_header.name], encoder):
            out.write("".join(lines))
            done += len(lines)
            if on_progress is not None:
                on_progress(done)


def _table_lines(connection: Connection, table: Table, encoder: json.JSONEncoder) -> Iterator[list[str]]:
    """The table's rows in key order, as backup lines, a batch at a time, read from the driver's cursor."""
    query = select(table).order_by(*_key_order(table, connection))
    driver = connection.connection
    # psycopg's plain cursor would fetch every row at once; a named one is a server-side cursor.
    postgresql = connection.dialect.name == "postgresql"
    cursor = cast(Any, driver).cursor(f"claims_backup_{table.name}") if postgresql else driver.cursor()
    try:
        cursor.execute(str(query.compile(dialect=connection.dialect)))
        prefix = '{"table":' + encoder.encode(table.name) + ',"row":'
        writers = [
            (index, write)
            for index, write in enumerate(_writers(table, connection, cursor.description))
            if write is not None
        ]
        while batch := cursor.fetchmany(BATCH_ROWS):
            lines = []
            for row in batch:
                values = list(row)
                for index, write in writers:
                    if values[index] is not None:
                        values[index] = write(values[index])
                lines.append(prefix + encoder.encode(values) + "}\n")
            yield lines
    finally:
        cursor.close()


def _key_order(table: Table, connection: Connection) -> list[Any]:
    """Rows in key order, and the same order on every database: text keys compared by their bytes
    (PostgreSQL would otherwise sort them by the server's language)."""
    keys = list(table.primary_key.columns) or list(table.columns)
    if connection.dialect.name != "postgresql":
        return keys
    return [key.collate("C") if _python_type(key) is str else key for key in keys]


def read_header(line: str | None, name: str) -> BackupHeader:
    """The first line of a backup, checked to be one."""
    not_a_backup = InvalidInput(
        f"{name} is not a claims backup (its first line is not the header `claims backup` writes)"
    )
    try:
        header = json.loads(line) if line else None
    except json.JSONDecodeError:
        raise not_a_backup from None
    if not isinstance(header, dict) or header.get("format") != FORMAT or "version" not in header:
        raise not_a_backup
    if header.get("version") != FORMAT_VERSION:
        raise InvalidInput(
            f"{name} is a backup in format version {header.get('version')}; this claims reads version {FORMAT_VERSION}"
        )
    try:
        return BackupHeader(
            schema_revision=header["schema_revision"],
            tables=tuple(
                TableHeader(str(table["name"]), tuple(str(column) for column in table["columns"]), int(table["rows"]))
                for table in header["tables"]
            ),
        )
    except (KeyError, TypeError, ValueError):
        raise not_a_backup from None


@dataclass(frozen=True)
class _Target:
    """A table being restored: its INSERT, and how the backup's values become the driver's."""

    name: str
    insert: str  # an INSERT for executemany, or on PostgreSQL a COPY, its bulk load
    readers: tuple[tuple[int, Convert], ...]
    # For each column pointing at a row of its own table: its position, the UPDATE that points it
    # once the table is complete (for rows pointing at a later row), and whether it points by key.
    self_references: tuple[tuple[int, str, bool], ...]
    key: int | None  # the position of the table's single key column, if it has one


def restore_backup(
    connection: Connection,
    header: BackupHeader,
    lines: Iterable[str],
    *,
    name: str,
    tables: Sequence[Table] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> None:
    """Insert every row of the backup (the lines after its header) into this empty database, in the
    caller's transaction; on PostgreSQL, set each table's id sequence past the highest id restored."""
    tables = desk_tables() if tables is None else tables
    revision = current_revision(connection)
    if header.schema_revision != revision:
        raise InvalidInput(
            f"{name} is a backup of schema revision {header.schema_revision} and this database is at {revision}: "
            "restore it with the version of claims that wrote it"
        )
    targets = _targets(connection, header, tables, name)
    _check_may_write_every_name(connection, tables)
    _check_empty(connection, tables)
    inserting = _Inserting(connection, on_progress)
    order = [table.name for table in header.tables]
    for number, line in enumerate(lines, start=2):
        table_name, values = _parse_row(line, number, name)
        target = targets.get(table_name)
        if target is None:
            raise InvalidInput(f"{name}, line {number}: table {table_name!r} is not in the backup's header")
        if target is not inserting.target:
            if inserting.target is not None and order.index(table_name) < order.index(inserting.target.name):
                raise InvalidInput(
                    f"{name}, line {number}: a row of {table_name} after the rows of {inserting.target.name}"
                )
            inserting.finish_table()
            inserting.target = target
        columns = len(header.tables[order.index(table_name)].columns)
        if len(values) != columns:
            raise InvalidInput(
                f"{name}, line {number}: a row of {table_name} needs {columns} values, not {len(values)}"
            )
        try:
            inserting.add(values)
        except (ValueError, TypeError) as error:
            raise InvalidInput(f"{name}, line {number}: {error}") from None
    inserting.finish_table()
    for table in header.tables:
        if inserting.restored.get(table.name, 0) != table.rows:
            raise InvalidInput(
                f"{name} is incomplete: its header promises {table.rows} rows of {table.name} and it holds "
                f"{inserting.restored.get(table.name, 0)}; nothing was restored"
            )
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection, tables)


class _Inserting:
    """The rows of the table being restored, inserted a batch at a time."""

    def __init__(self, connection: Connection, on_progress: Callable[[int], None] | None) -> None:
        self.connection = connection
        self.on_progress = on_progress
        self.target: _Target | None = None
        self.batch: list[list[Any]] = []
        self.ahead: list[tuple[str, Any, Any]] = []  # (UPDATE, value, key) for rows pointing at later rows
        self.restored: dict[str, int] = {}
        self.done = 0

    def add(self, values: list[Any]) -> None:
        target = self.target
        assert target is not None
        for index, read in target.readers:
            if values[index] is not None:
                values[index] = read(values[index])
        for index, update, by_key in target.self_references:
            value = values[index]
            # Rows come in key order: one pointing at an earlier row of its own table finds it in,
            # one pointing at a later row (a claim merged into a newer one) is pointed once it is in.
            if value is not None and (target.key is None or not by_key or value > values[target.key]):
                if target.key is None:
                    raise ClaimsError(f"{target.name} points at its own rows but has no single key to find them by")
                self.ahead.append((update, value, values[target.key]))
                values[index] = None
        self.batch.append(values)
        if len(self.batch) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.target is None or not self.batch:
            return
        if self.connection.dialect.name == "postgresql":
            # COPY: several times faster than the driver's executemany, whose per-row round trips cost
            # more than the server's work. Triggers and constraints hold for it as for INSERT.
            with (
                cast(Any, self.connection.connection.cursor()) as cursor,
                cursor.copy(self.target.insert) as copy,
            ):
                for row in self.batch:
                    copy.write_row(row)
        else:
            self.connection.exec_driver_sql(self.target.insert, [tuple(row) for row in self.batch])
        self.restored[self.target.name] = self.restored.get(self.target.name, 0) + len(self.batch)
        self.done += len(self.batch)
        self.batch.clear()
        if self.on_progress is not None:
            self.on_progress(self.done)

    def finish_table(self) -> None:
        self.flush()
        for update, value, key in self.ahead:
            self.connection.exec_driver_sql(update, (value, key))
        self.ahead.clear()


def _targets(connection: Connection, header: BackupHeader, tables: Sequence[Table], name: str) -> dict[str, _Target]:
    by_name = {table.name: table for table in tables}
    quote = connection.dialect.identifier_preparer.quote
    placeholder = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    targets = {}
    for table_header in header.tables:
        table = by_name.get(table_header.name)
        if table is None:
            raise InvalidInput(f"{name} holds a table this version of claims does not know: {table_header.name}")
        columns = table_header.columns
        if sorted(columns) != sorted(table.columns.keys()):
            raise InvalidInput(
                f"{name} holds {table.name} with the columns {', '.join(columns)}; "
                f"this database's has {', '.join(table.columns.keys())}"
            )
        readers = dict(zip(table.columns.keys(), _readers(table, connection), strict=True))
        listed = ", ".join(quote(column) for column in columns)
        keys = list(table.primary_key.columns)
        key = columns.index(keys[0].name) if len(keys) == 1 else None
        # Plain SQL, so that no column's on-update default (such as updated_at) changes the row.
        update = (
            f"UPDATE {quote(table.name)} SET {{}} = {placeholder} WHERE {quote(keys[0].name) if keys else ''} = "
            f"{placeholder}"
        )
        targets[table.name] = _Target(
            name=table.name,
            insert=f"COPY {quote(table.name)} ({listed}) FROM STDIN"
            if connection.dialect.name == "postgresql"
            else f"INSERT INTO {quote(table.name)} ({listed}) VALUES ({', '.join([placeholder] * len(columns))})",
            readers=tuple((index, read) for index, column in enumerate(columns) if (read := readers[column])),
            self_references=tuple(
                (
                    columns.index(reference.parent.name),
                    update.format(quote(reference.parent.name)),
                    len(keys) == 1 and reference.column is keys[0],
                )
                for reference in table.foreign_keys
                if reference.column.table is table
            ),
            key=key,
        )
    return targets


def _parse_row(line: str, number: int, name: str) -> tuple[str, list[Any]]:
    try:
        parsed = json.loads(line)
        table_name, values = parsed["table"], parsed["row"]
    except (json.JSONDecodeError, KeyError, TypeError):
        raise InvalidInput(f"{name}, line {number}: not a row of a claims backup") from None
    if not isinstance(values, list):
        raise InvalidInput(f"{name}, line {number}: not a row of a claims backup")
    return table_name, values


def _check_empty(connection: Connection, tables: Sequence[Table]) -> None:
    holding = [
        table.name for table in tables if connection.execute(select(literal(1)).select_from(table).limit(1)).first()
    ]
    if holding:
        raise InvalidInput(
            f"the database is not empty (it holds {', '.join(holding)}): restore into a new, empty database"
        )


def _check_may_write_every_name(connection: Connection, tables: Sequence[Table]) -> None:
    """On PostgreSQL only the login that owns the tables may write rows in other editors' names
    (migrations 0005 and 0006), and a backup holds every editor's work: say so before trying."""
    if connection.dialect.name != "postgresql":
        return
    login, owners = connection.execute(
        text(
            "SELECT session_user, string_agg(DISTINCT pg_get_userbyid(relowner), ', ') FROM pg_class "
            "WHERE oid = ANY(CAST(:tables AS regclass[])) AND NOT pg_has_role(session_user, relowner, 'MEMBER')"
        ),
        {"tables": [table.name for table in tables]},
    ).one()
    if owners:
        raise NotAllowed(
            f"restoring is a job for the login that owns the tables ({owners}): a backup holds every editor's "
            f"work, which PostgreSQL lets no other login write, and you are logged in as {login}"
        )


def _reset_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """New rows after a restore get ids after the restored ones (the inserts gave their ids)."""
    quote = connection.dialect.identifier_preparer.quote
    for table in tables:
        for column in table.primary_key.columns:
            if _python_type(column) is int:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence(:table, :column), coalesce(max({quote(column.name)}), 0) + 1, "
                        f"false) FROM {quote(table.name)}"
                    ),
                    {"table": quote(table.name), "column": column.name},
                )


def _python_type(column: Column[Any]) -> type | None:
    try:
        return _column_type(column).python_type
    except NotImplementedError:
        return None


def _column_type(column: Column[Any]) -> TypeEngine[Any]:
    """The column's type as the database has it (``UTCDateTime`` is a DateTime with a time zone)."""
    return column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type


def _codecs(table: Table) -> list[tuple[Convert | None, Convert | None]]:
    """For each column, how its values are written and read back, or an error for a type a backup
    cannot carry without loss (a new column of a type nobody taught it)."""
    codecs = []
    for column in table.columns:
        python_type = _python_type(column)
        if python_type not in CODECS:
            raise ClaimsError(
                f"{table.name}.{column.name} holds {column.type}, which a backup cannot write without loss"
            )
        column_type = _column_type(column)
        in_utc = isinstance(column_type, DateTime) and column_type.timezone
        codecs.append((_write_utc_moment, datetime.fromisoformat) if in_utc else CODECS[python_type])
    return codecs


def _writers(table: Table, connection: Connection, description: Sequence[Any]) -> list[Convert | None]:
    """For each column, what turns the driver's value into the backup's (None: it is the same);
    DESCRIPTION is the cursor's, whose type codes some conversions depend on."""
    dialect = connection.dialect
    writers: list[Convert | None] = []
    for column, (write, _read), described in zip(table.columns, _codecs(table), description, strict=True):
        stored = _column_type(column).dialect_impl(dialect).result_processor(dialect, described[1])
        writers.append(_then(stored, write))
    return writers


def _readers(table: Table, connection: Connection) -> list[Convert | None]:
    """For each column, what turns the backup's value into the driver's (None: it is the same)."""
    dialect = connection.dialect
    readers: list[Convert | None] = []
    for column, (_write, read) in zip(table.columns, _codecs(table), strict=True):
        stored = _column_type(column).dialect_impl(dialect).bind_processor(dialect)
        readers.append(_then(read, stored))
    return readers


def _then(first: Convert | None, second: Convert | None) -> Convert | None:
    if first is None or second is None:
        return first or second
    return lambda value: second(first(value))


def _write_float(value: float) -> float | str:
    """JSON writes a float as the shortest text that reads back as the same number; it has no
    spelling for infinities and NaN, which are written as text."""
    value = float(value)
    return value if math.isfinite(value) else repr(value)


def _write_moment(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


def _write_utc_moment(value: datetime) -> str:
    """A moment in UTC. SQLite keeps a moment without its zone, in UTC (see ``claims.records.as_utc``):
    that one is written as it is, with the zone said, which is a good deal quicker than converting it."""
    if value.tzinfo is None:
        return value.isoformat(timespec="microseconds") + "+00:00"
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _write_bytes(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _read_bytes(value: str) -> bytes:
    return base64.b64decode(value, validate=True)


CODECS: dict[type | None, tuple[Convert | None, Convert | None]] = {
    int: (None, None),
    str: (None, None),
    bool: (None, None),
    dict: (None, None),
    list: (None, None),
    float: (_write_float, float),
    Decimal: (str, Decimal),
    datetime: (_write_moment, datetime.fromisoformat),
    date: (date.isoformat, date.fromisoformat),
    time: (time.isoformat, time.fromisoformat),
    bytes: (_write_bytes, _read_bytes),
}
