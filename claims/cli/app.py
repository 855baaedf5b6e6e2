"""The `claims` command: global options, error handling, and where every command is mounted."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from claims import __version__
from claims.cli import claims as claim_commands
from claims.cli import desk, workflow
from claims.cli.config import config_app
from claims.cli.context import AppContext
from claims.cli.db import db_app
from claims.cli.editors import editor_app
from claims.cli.entities import entities
from claims.cli.evidence import evidence_app
from claims.cli.exchange import export_app, import_claims
from claims.cli.extract import extract
from claims.cli.matching import factchecks_app, match
from claims.cli.report import report
from claims.cli.score import score
from claims.cli.sources import source_app
from claims.errors import ClaimsError

# After a failed statement psycopg logs that it could not end its pipeline; with no handler Python
# would print that under the one-line error, which already says what failed.
logging.getLogger("psycopg").addHandler(logging.NullHandler())


class ClaimsGroup(TyperGroup):
    """Turns errors an editor can act on into one line on stderr and an exit code, never a traceback."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Usage mistakes (a bad option, a claim id that is not a number) get one line too,
        not Typer's framed box: exit code 2, as for every command-line tool."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        except typer.TyperException as error:
            message = error.format_message()
            if message:  # an empty one follows the help a group prints when given no command
                command = getattr(getattr(error, "ctx", None), "command_path", None)
                hint = f" (see `{command} --help`)" if command else ""
                typer.echo(f"Error: {message}{hint}", err=True)
            sys.exit(error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ClaimsError as error:
            _fail(str(error), error.exit_code)
        except Exception as error:
            message = _database_problem(error)
            if message is None:
                raise
            _fail(message, 1)


def _fail(message: str, exit_code: int) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(exit_code)


def _database_problem(error: Exception) -> str | None:
    """A database that cannot be reached or refuses a statement is the desk's problem to fix, not a bug.

    SQLAlchemy wraps the driver's errors; the bulk paths that read the driver's cursor directly
    get them bare."""
    from sqlalchemy.exc import DBAPIError

    from claims.db import first_line

    drivers = [module.Error for name in ("sqlite3", "psycopg") if (module := sys.modules.get(name)) is not None]
    if isinstance(error, (DBAPIError, *drivers)):
        return f"database error: {first_line(error)}"
    return None


app = typer.Typer(
    cls=ClaimsGroup,
    name="claims",
    help="Track the checkable claims in news articles, from first read to published verdict.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"claims {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="CLAIMS_DATABASE_URL",
            help="Database URL (sqlite:///file.db or postgresql://user@host/name). Default: sqlite:///claims.db",
            show_envvar=True,
        ),
    ] = None,
    editor: Annotated[
        str | None,
        typer.Option(
            "--editor", envvar="CLAIMS_EDITOR", help="Who is working (default: your user name).", show_envvar=True
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            envvar="CLAIMS_CONFIG",
            help="Settings file (default: claims.toml here, if any).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = AppContext(database_url=db, editor_option=editor, config_path=config)
    ctx.call_on_close(ctx.obj.close)


app.command("list")(claim_commands.list_claims)
app.command("show")(claim_commands.show)
app.command("add")(claim_commands.add)
app.command("history")(claim_commands.history)
app.command("review")(workflow.review)
app.command("confirm")(workflow.confirm)
app.command("refute")(workflow.refute)
app.command("reopen")(workflow.reopen)
app.command("set-status")(workflow.set_status)
app.command("approve")(workflow.approve)
app.command("reject")(workflow.reject)
app.command("note")(desk.note)
app.command("edit")(desk.edit)
app.command("assign")(desk.assign)
app.command("unassign")(desk.unassign)
app.command("queue")(desk.queue)
app.command("report")(report)
app.command("extract")(extract)
app.command("import")(import_claims)
app.command("score")(score)
app.command("entities")(entities)
app.command("match")(match)
app.add_typer(source_app, name="source")
app.add_typer(evidence_app, name="evidence")
app.add_typer(db_app, name="db")
app.add_typer(export_app, name="export")
app.add_typer(config_app, name="config")
app.add_typer(editor_app, name="editor")
app.add_typer(factchecks_app, name="factchecks")
