"""claims db: the database schema, through Alembic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claims.cli.context import app_context
from claims.cli.output import say

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

db_app = typer.Typer(help="Inspect and migrate the database schema.", no_args_is_help=True)


def _engine(ctx: typer.Context, *, create: bool = True) -> Engine:
    """The engine without the start-up schema check: these commands are how a schema gets fixed."""
    from claims.db import make_engine, resolve_database_url

    return make_engine(resolve_database_url(app_context(ctx).database_url), create=create)


@db_app.command("upgrade")
def upgrade(ctx: typer.Context, revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Upgrade the schema (to the newest revision by default).

    Example: claims --db postgresql://desk@db.example/claims db upgrade
    """
    from claims.db import current_revision
    from claims.db import upgrade as run_upgrade

    engine = _engine(ctx)
    run_upgrade(engine, revision)
    with engine.connect() as connection:
        say(f"Database is at revision {current_revision(connection)}.")


@db_app.command("downgrade")
def downgrade(ctx: typer.Context, revision: Annotated[str, typer.Argument(help="Target revision, or base.")]) -> None:
    """Downgrade the schema to REVISION: a revision id, -1 for one step back (after --),
    or base, which removes every table and all data.

    Example: claims db downgrade -- -1
    """
    from claims.db import current_revision
    from claims.db import downgrade as run_downgrade

    engine = _engine(ctx)
    run_downgrade(engine, revision)
    with engine.connect() as connection:
        say(f"Database is at revision {current_revision(connection) or 'base'}.")


@db_app.command("current")
def current(ctx: typer.Context) -> None:
    """Print the schema revision of the database, and the one this claims expects.

    Example: claims db current
    """
    from claims.db import current_revision, head_revision, known_revisions

    with _engine(ctx, create=False).connect() as connection:
        revision = current_revision(connection)
    head = head_revision()
    if revision == head:
        state = "up to date"
    elif revision is None or revision in known_revisions():
        state = f"this claims expects {head}: run `claims db upgrade`"
    else:
        state = f"this claims does not know it, and expects {head}: upgrade claims"
    say(f"{revision or 'base (empty)'} ({state})")


@db_app.command("verify")
def verify(ctx: typer.Context) -> None:
    """Check the database file (SQLite's integrity check), then replay every claim's history and
    check that it gives the claim's current state, and the editor list's history its roles; and
    count the claims again to check the counts the database keeps for reports and entities.

    Example: claims db verify
    """
    from claims.cli.output import print_table
    from claims.db import integrity_problems
    from claims.errors import ClaimsError
    from claims.services.history import verify_editors, verify_history
    from claims.services.tallies import tally_problems

    context = app_context(ctx)
    if damage := integrity_problems(context.engine()):
        print_table("What SQLite found wrong in the file", ["Problem"], ((problem,) for problem in damage))
        raise ClaimsError("the database file is damaged: restore it from a backup")
    with context.reading() as connection:
        result = verify_history(connection)
        editors = verify_editors(connection)
        tallies = tally_problems(connection)
    if editors:
        print_table("Editors whose history does not match", ["Editor", "Problem"], editors)
        if not result.problems:
            agree = "editor does" if len(editors) == 1 else "editors do"
            raise ClaimsError(f"{len(editors)} {agree} not match the editor list's history (claims editor history)")
    if result.problems:
        print_table(
            "Claims whose history does not match", ["#", "Problem"],
            ((claim_id, problem) for claim_id, found in result.problems.items() for problem in found),
        )  # fmt: skip
        listed = "" if result.disagreeing == len(result.problems) else f" (the first {len(result.problems)} listed)"
        raise ClaimsError(f"{result.disagreeing} of {result.checked} claims do not match their history{listed}")
    if tallies:
        print_table("Counts the database keeps that its rows do not give", ["Problem"], ((t,) for t in tallies))
        raise ClaimsError(
            "the counts the database keeps for reports and entities disagree with its claims: "
            "a trigger of migration 0011 is missing or was bypassed; `claims db recount` counts them again"
        )
    say(
        f"The history of all {result.checked} claims replays to their current state. "
        "The counts kept for reports and entities agree with the claims."
    )


@db_app.command("recount")
def recount(ctx: typer.Context) -> None:
    """Count every claim again into the counts the database keeps for `claims report` and
    `claims entities`, when `claims db verify` says they disagree with the claims.

    Example: claims db recount
    """
    from claims.services.tallies import recount as count_again

    with app_context(ctx).writing() as connection:
        count_again(connection)
    say("Counted the claims again for reports and entities.")
