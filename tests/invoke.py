"""Running the `claims` command in-process, as the tests do hundreds of times a run."""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import typer
from typer.testing import CliRunner, Result

from claims.cli import app


@functools.cache
def claims_command() -> Any:
    """The click command Typer builds from the app. Typer's own test runner builds it again on every
    call, which takes longer than most commands take to run; a real `claims` process builds it once."""
    return typer.main.get_command(app)


def invoke(
    args: Sequence[str], *, input: str | bytes | None = None, env: Mapping[str, str | None] | None = None
) -> Result:
    """Run `claims ARGS` as the real command would, as Typer's `CliRunner.invoke` does: an exception
    the command lets out is kept in the result, not raised."""
    runner = CliRunner()
    exit_code, exception, exc_info = 0, None, None
    with runner.isolation(input=input, env=env) as (stdout, stderr, output):
        try:
            claims_command().main(args=list(args), prog_name="claims")
        except SystemExit as exit:
            code = 0 if exit.code is None else exit.code
            if not isinstance(code, int):
                sys.stdout.write(f"{code}\n")
                code = 1
            exit_code, exception, exc_info = code, (exit if code else None), sys.exc_info()
        except Exception as error:
            exit_code, exception, exc_info = 1, error, sys.exc_info()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            written = stdout.getvalue(), stderr.getvalue(), output.getvalue()
    return Result(
        runner=runner,
        stdout_bytes=written[0],
        stderr_bytes=written[1],
        output_bytes=written[2],
        return_value=None,
        exit_code=exit_code,
        exception=exception,
        exc_info=exc_info,  # type: ignore[arg-type]
    )
