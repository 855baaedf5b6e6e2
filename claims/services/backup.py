"""A lossless backup of everything the desk holds, and restoring it into an empty database.

The file is JSON Lines: a header (the format and its version, the schema revision, and every table
with its columns and number of rows), then one line per row, tagged with its table: tables parents
first, rows in key order. Nothing in here names a table or a column: they come from the models'
metadata, which a test keeps equal to what the migrations build, so a table or column a migration
adds is backed up and restored with no change here. Values are written without loss, by their
column's type: moments as ISO 8601 in UTC with microseconds, days as ISO dates, floats as the
shortest text that reads back as the same number, bytes as base64. The same desk gives the same
file, byte for byte, on SQLite or PostgreSQL: that is how a restore is checked.

Both ways stream, so an archive of any size passes through bounded memory: rows are read a batch at
a time (a server-side cursor on PostgreSQL) and inserted a batch at a time. A restore is the
caller's one transaction: all of the backup, or nothing.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, DateTime, Table, bindparam, func, inspect, literal, select, text
from sqlalchemy.types import TypeDecorator, TypeEngine

from claims.db import current_revision
from claims.errors import ClaimsError, InvalidInput, NotAllowed
from claims.records import as_utc

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


def backup_header(connection: Connection, tables: Sequence[Table] | None = None) -> BackupHeader:
    """What a backup of this database holds, counted in the caller's transaction (which should see
    one snapshot: ``reading_scope(snapshot=True)``) so that the rows written match the counts."""
    tables = desk_tables() if tables is None else tables
    unknown = sorted(
        set(inspect(connection).get_table_names()) - {table.name for table in tables} - {"alembic_version"}
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
    streaming = connection.execution_options(yield_per=BATCH_ROWS)
    done = 0
    for table_header in header.tables:
        table = by_name[table_header.name]
        prefix = '{"table":' + encoder.encode(table.name) + ',"row":'
        converted = [(index, write) for index, (write, _read) in enumerate(_codecs(table)) if write is not None]
        result = streaming.execute(select(table).order_by(*_key_order(table, connection)))
        for batch in result.partitions():
            lines = []
            for row in batch:
                values = list(row)
                for index, write in converted:
                    if values[index] is not None:
                        values[index] = write(values[index])
                lines.append(prefix + encoder.encode(values) + "}\n")
            out.write("".join(lines))
            done += len(batch)
            if on_progress is not None:
                on_progress(done)


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
    """A table being restored: its INSERT, the backup's columns mapped onto it, how values are read."""

    table: Table
    columns: tuple[str, ...]
    readers: tuple[tuple[int, Convert], ...]
    # Columns pointing at a row of the same table: (column, position), for rows that point ahead.
    self_references: tuple[tuple[Column[Any], int], ...]


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
    targets = _targets(header, tables, name)
    _check_may_write_every_name(connection, tables)
    _check_empty(connection, tables)
    restored = {table.name: 0 for table in header.tables}
    order = [table.name for table in header.tables]
    current: _Target | None = None
    batch: list[dict[str, Any]] = []
    ahead: list[tuple[Column[Any], Any, Any]] = []  # (column, key of the row, value) set once the table is in
    done = 0
    for number, line in enumerate(lines, start=2):
        table_name, values = _parse_row(line, number, name)
        target = targets.get(table_name)
        if target is None:
            raise InvalidInput(f"{name}, line {number}: table {table_name!r} is not in the backup's header")
        if target is not current:
            if current is not None and order.index(table_name) < order.index(current.table.name):
                raise InvalidInput(
                    f"{name}, line {number}: a row of {table_name} after the rows of {current.table.name}"
                )
            done = _flush(connection, current, batch, ahead, done, on_progress)
            current = target
        if len(values) != len(target.columns):
            raise InvalidInput(
                f"{name}, line {number}: {len(values)} values for the {len(target.columns)} columns of {table_name}"
            )
        batch.append(_row(target, values, ahead, name, number))
        restored[table_name] += 1
        if len(batch) >= BATCH_ROWS:
            done = _flush(connection, current, batch, ahead, done, on_progress, table_done=False)
    _flush(connection, current, batch, ahead, done, on_progress)
    for table in header.tables:
        if restored[table.name] != table.rows:
            raise InvalidInput(
                f"{name} is incomplete: its header promises {table.rows} rows of {table.name} and it holds "
                f"{restored[table.name]}; nothing was restored"
            )
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection, tables)


def _targets(header: BackupHeader, tables: Sequence[Table], name: str) -> dict[str, _Target]:
    by_name = {table.name: table for table in tables}
    targets = {}
    for table_header in header.tables:
        table = by_name.get(table_header.name)
        if table is None:
            raise InvalidInput(f"{name} holds a table this version of claims does not know: {table_header.name}")
        if set(table_header.columns) != set(table.columns.keys()) or len(table_header.columns) != len(table.columns):
            raise InvalidInput(
                f"{name} holds {table.name} with the columns {', '.join(table_header.columns)}; "
                f"this database's has {', '.join(table.columns.keys())}"
            )
        codecs = dict(zip(table.columns.keys(), _codecs(table), strict=True))
        position = {column: index for index, column in enumerate(table_header.columns)}
        targets[table.name] = _Target(
            table=table,
            columns=table_header.columns,
            readers=tuple(
                (index, read) for index, column in enumerate(table_header.columns) if (read := codecs[column][1])
            ),
            self_references=tuple(
                (key.parent, position[key.parent.name]) for key in table.foreign_keys if key.column.table is table
            ),
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


def _row(
    target: _Target, values: list[Any], ahead: list[tuple[Column[Any], Any, Any]], name: str, number: int
) -> dict[str, Any]:
    try:
        for index, read in target.readers:
            if values[index] is not None:
                values[index] = read(values[index])
    except (ValueError, TypeError) as error:
        raise InvalidInput(f"{name}, line {number}: {error}") from None
    row = dict(zip(target.columns, values, strict=True))
    key = _single_key(target.table)
    for column, index in target.self_references:
        value = values[index]
        # Rows come in key order: one pointing at an earlier row of its own table finds it in, but
        # one pointing at a later row (a claim merged into a newer one) points nowhere until the
        # table is complete, and is pointed then.
        if value is None or (key is not None and column.references(key) and value <= row[key.name]):
            continue
        ahead.append((column, row[key.name] if key is not None else None, value))
        row[column.name] = None
    return row


def _single_key(table: Table) -> Column[Any] | None:
    keys = list(table.primary_key.columns)
    return keys[0] if len(keys) == 1 else None


def _flush(
    connection: Connection,
    target: _Target | None,
    batch: list[dict[str, Any]],
    ahead: list[tuple[Column[Any], Any, Any]],
    done: int,
    on_progress: Callable[[int], None] | None,
    *,
    table_done: bool = True,
) -> int:
    """Insert the batch (an executemany); once a table is complete, point its rows that point ahead."""
    if target is None:
        return done
    if batch:
        connection.execute(target.table.insert(), batch)
        done += len(batch)
        batch.clear()
        if on_progress is not None:
            on_progress(done)
    if table_done and ahead:
        key = _single_key(target.table)
        if key is None:
            raise ClaimsError(f"{target.table.name} points at its own rows but has no single key to find them by")
        quote = connection.dialect.identifier_preparer.quote
        for column, row_key, value in ahead:
            # Plain SQL, so that no column's on-update default (such as updated_at) changes the row.
            statement = text(
                f"UPDATE {quote(target.table.name)} SET {quote(column.name)} = :value WHERE {quote(key.name)} = :key"
            ).bindparams(bindparam("value", type_=column.type), bindparam("key", type_=key.type))
            connection.execute(statement, {"value": value, "key": row_key})
        ahead.clear()
    return done


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


def _write_float(value: float) -> float | str:
    """JSON writes a float as the shortest text that reads back as the same number; it has no
    spelling for infinities and NaN, which are written as text."""
    value = float(value)
    return value if math.isfinite(value) else repr(value)


def _write_moment(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


def _write_utc_moment(value: datetime) -> str:
    """A moment in UTC. SQLite keeps a moment without its zone, in UTC (see ``claims.records.as_utc``)."""
    return as_utc(value).isoformat(timespec="microseconds")


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
