"""The `claims` command: global options, error handling, and where every command is mounted."""

from __future__ import annotations

import errno
import importlib
import logging
import os
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup
from typer.models import CommandInfo, TyperInfo

from claims import __version__
from claims.cli.context import AppContext
from claims.errors import ClaimsError
from claims.limits import MAX_ID, printable

# After a failed statement psycopg logs that it could not end its pipeline; with no handler Python
# would print that under the one-line error, which already says what failed.
logging.getLogger("psycopg").addHandler(logging.NullHandler())


# Exit code for a bug in claims (sysexits' EX_SOFTWARE), so that scripts can tell it from a refusal.
INTERNAL_ERROR = 70
DEBUG_VARIABLE = "CLAIMS_DEBUG"
# The settings an editor can give in the environment, checked like arguments.
SETTING_VARIABLES = ("CLAIMS_DATABASE_URL", "CLAIMS_EDITOR", "CLAIMS_CONFIG")


class ClaimsGroup(TyperGroup):
    """The CLI's error boundary, the one place that turns what goes wrong into one line on stderr
    and an exit code, never a traceback: errors an editor can act on (1, or 3 for a conflict),
    usage mistakes (2), and, as a last guard, anything unexpected, which is a bug (70; with
    CLAIMS_DEBUG=1 the traceback follows)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = MountedCommands(self.commands)  # the root's: built when asked for, see MOUNTED

    def main(self, args: Any = None, *extra: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(args, *extra, standalone_mode=False, **kwargs)  # type: ignore[misc]
        args = sys.argv[1:] if args is None else list(args)
        if problem := _not_utf8(args):
            _say_error(problem)
            sys.exit(2)
        try:
            result = super().main(args, *extra, standalone_mode=False, **kwargs)  # type: ignore[misc]
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not in the interpreter's exit
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        except typer.TyperException as error:
            message = error.format_message()
            if message:  # an empty one follows the help a group prints when given no command
                command = getattr(getattr(error, "ctx", None), "command_path", None)
                hint = f" (see `{command} --help`)" if command else ""
                _say_error(f"{message}{hint}")
            sys.exit(error.exit_code)
        except Exception as error:  # raised outside a command, such as when its context closes
            message, code = _one_line(error)
            _say_error(message)
            sys.exit(code)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as error:
            message, code = _one_line(error)
            _fail(message, code)


def _fail(message: str, exit_code: int) -> None:
    _say_error(message)
    raise typer.Exit(exit_code)


def _say_error(message: str) -> None:
    """The one line, with what it quotes from data shown, not obeyed by the terminal."""
    if message:
        typer.echo(f"Error: {printable(message)}", err=True)


def _one_line(error: Exception) -> tuple[str, int]:
    """What to tell the editor about ERROR, and the exit code; a bug re-raised under CLAIMS_DEBUG=1."""
    if isinstance(error, ClaimsError):
        return str(error), error.exit_code
    if isinstance(error, OSError) and error.errno in _OUTPUT_FAILURES:
        _drop_stdout()
        if error.errno == errno.EPIPE:  # `claims list | head`: the reader's choice, nothing to say
            return "", 1
        return f"cannot write the output: {error.strerror}", 1
    if (message := _database_problem(error)) is not None:
        return message, 1
    if os.environ.get(DEBUG_VARIABLE) == "1":
        raise error
    from claims.db import first_line

    return f"internal error: {type(error).__name__}: {first_line(error)}; please report it", INTERNAL_ERROR


# Writing failures that are the output's, not the program's: a full disk or quota, a file too
# big for its file system, a device error, a pipe whose reader left.
_OUTPUT_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE})


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what could not
    be written does not print a second error under ours."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's): nothing will flush to the closed one


def _not_utf8(args: list[str]) -> str | None:
    """Bytes that are not UTF-8 in an argument or setting reach Python as lone surrogates, which
    no database stores: refused up front, showing the bytes."""
    for name, value in [*((None, arg) for arg in args), *((name, os.environ.get(name)) for name in SETTING_VARIABLES)]:
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            shown = value.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            return f"{name or 'an argument'} is not UTF-8 text: {shown}"
    return None


def _database_problem(error: Exception) -> str | None:
    """A database that cannot be reached or refuses a statement is the desk's problem to fix, not a bug.

    SQLAlchemy wraps the driver's errors; the bulk paths that read the driver's cursor directly
    get them bare."""
    from sqlalchemy.exc import DBAPIError

    from claims.db import first_line

    drivers = [module.Error for name in ("sqlite3", "psycopg") if (module := sys.modules.get(name)) is not None]
    if isinstance(error, (DBAPIError, *drivers)):
        return f"database error: {first_line(error)}"
    if isinstance(error, OverflowError) and "SQLite INTEGER" in str(error):
        return f"a number is too large for the database (the most is {MAX_ID})"
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


# Where each command lives: (module, name in it), in the order `claims --help` lists them. A
# command's module is imported, and Typer builds its options, only when it runs (or when help lists
# them all): building all 52 commands and importing their modules took as long as the whole of
# `claims list` after SQLAlchemy and Typer themselves were imported (benchmarks/startup.py).
MOUNTED: dict[str, tuple[str, str]] = {
    "list": ("claims.cli.claims", "list_claims"),
    "show": ("claims.cli.claims", "show"),
    "add": ("claims.cli.claims", "add"),
    "history": ("claims.cli.claims", "history"),
    "review": ("claims.cli.workflow", "review"),
    "confirm": ("claims.cli.workflow", "confirm"),
    "refute": ("claims.cli.workflow", "refute"),
    "reopen": ("claims.cli.workflow", "reopen"),
    "set-status": ("claims.cli.workflow", "set_status"),
    "approve": ("claims.cli.workflow", "approve"),
    "reject": ("claims.cli.workflow", "reject"),
    "dismiss": ("claims.cli.workflow", "dismiss"),
    "merge": ("claims.cli.workflow", "merge"),
    "undo": ("claims.cli.workflow", "undo"),
    "link": ("claims.cli.workflow", "link"),
    "unlink": ("claims.cli.workflow", "unlink"),
    "note": ("claims.cli.casework", "note"),
    "edit": ("claims.cli.casework", "edit"),
    "assign": ("claims.cli.casework", "assign"),
    "unassign": ("claims.cli.casework", "unassign"),
    "queue": ("claims.cli.casework", "queue"),
    "report": ("claims.cli.report", "report"),
    "extract": ("claims.cli.extract", "extract"),
    "import": ("claims.cli.exchange", "import_claims"),
    "score": ("claims.cli.score", "score"),
    "entities": ("claims.cli.entities", "entities"),
    "backup": ("claims.cli.backup", "backup"),
    "restore": ("claims.cli.backup", "restore"),
    "match": ("claims.cli.matching", "match"),
    "source": ("claims.cli.sources", "source_app"),
    "evidence": ("claims.cli.evidence", "evidence_app"),
    "db": ("claims.cli.db", "db_app"),
    "export": ("claims.cli.exchange", "export_app"),
    "config": ("claims.cli.config", "config_app"),
    "editor": ("claims.cli.editors", "editor_app"),
    "factchecks": ("claims.cli.matching", "factchecks_app"),
}


class MountedCommands(MutableMapping[str, Any]):
    """The root group's commands by name, every name in MOUNTED known up front (for help, "did you
    mean", completion), each command built by Typer the first time it is looked up."""

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self._built: dict[str, Any] = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in MOUNTED:
                raise KeyError(name)
            module, attribute = MOUNTED[name]
            self._built[name] = _built_command(name, getattr(importlib.import_module(module), attribute))
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from MOUNTED
        yield from (name for name in self._built if name not in MOUNTED)

    def __len__(self) -> int:
        return len(MOUNTED.keys() | self._built.keys())


def _built_command(name: str, target: Any) -> Any:
    """The click command Typer would have built for TARGET mounted as NAME: a command from a
    function, a group from a Typer app (as `app.command(NAME)` and `app.add_typer(…, name=NAME)` do)."""
    if isinstance(target, typer.Typer):
        return typer.main.get_group_from_info(
            TyperInfo(target, name=name),
            pretty_exceptions_short=app.pretty_exceptions_short,
            suggest_commands=app.suggest_commands,
            rich_markup_mode=app.rich_markup_mode,
        )
    return typer.main.get_command_from_info(
        CommandInfo(name=name, callback=target),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )
