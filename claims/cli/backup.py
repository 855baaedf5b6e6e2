"""claims backup and claims restore: everything the desk holds, into one file and back, exactly."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from claims.cli.context import app_context
from claims.cli.output import ProgressBar, output_file, plural, say


def backup(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="The backup file to write (JSON Lines), or - for standard output.")],
) -> None:
    """Back up everything the desk holds into one file, which `claims restore` reads back exactly.

    Sources with their text, claims, evidence, every history event, assignments, editors, drafts
    and sign-offs: every table, every column. The desk can keep working meanwhile: the backup is
    the desk as it was when it began. The same desk always gives the same file, byte for byte.

    Example: claims backup desk-2026-12-05.jsonl
    """
    from claims.services.backup import backup_header, write_backup

    with app_context(ctx).reading(snapshot=True) as connection:
        header = backup_header(connection)
        with (
            output_file(None if file == "-" else Path(file)) as out,
            ProgressBar(header.total_rows, "Backing up") as on_progress,
        ):
            write_backup(connection, header, out, on_progress=on_progress)
    if file != "-":
        say(f"Backed up {_summary(header.rows_of('claims'), header.total_rows)} to {file}.")


def restore(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A file `claims backup` wrote, or - for standard input.")],
) -> None:
    """Restore a backup into a new, empty database: all of it, exactly as it was, or nothing.

    Drafts stay drafts, and a backup of the restored database is the same file, byte for byte.
    A database that holds anything is refused, and so is a backup from another schema revision.
    On PostgreSQL, restoring is a job for the login that owns the tables: a backup holds every
    editor's work, which the database lets no other login write.

    Example: claims --db postgresql://claims_admin@db.newsroom.example/claims restore desk-2026-12-05.jsonl
    """
    from claims.cli.inputs import read_lines
    from claims.services.backup import read_header, restore_backup

    name = "standard input" if file == "-" else file
    with closing(read_lines(file)) as lines:
        header = read_header(next(lines, None), name)
        with app_context(ctx).writing() as connection, ProgressBar(header.total_rows, "Restoring") as on_progress:
            restore_backup(connection, header, lines, name=name, on_progress=on_progress)
    say(f"Restored {_summary(header.rows_of('claims'), header.total_rows)} from {name}.")


def _summary(claims: int, rows: int) -> str:
    return f"{plural(claims, 'claim')} and everything else the desk held ({plural(rows, 'row')} in all)"
