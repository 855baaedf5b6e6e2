"""What every command shares: the database it works on and the editor at the keyboard."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from claims.errors import ClaimsError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

EDITOR_VARIABLE = "CLAIMS_EDITOR"


class ConflictError(ClaimsError):
    """Someone else changed the claim between our read and our write."""

    exit_code = 3


@dataclass
class AppContext:
    database_url: str | None
    editor_option: str | None
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def editor(self) -> str:
        """--editor, else CLAIMS_EDITOR, else the operating-system user."""
        name = self.editor_option or os.environ.get(EDITOR_VARIABLE)
        if not name:
            try:
                name = getpass.getuser()
            except (KeyError, OSError):
                name = ""
        name = name.strip()
        if not name:
            raise ClaimsError(f"who is editing? Give --editor NAME or set {EDITOR_VARIABLE}")
        return name

    def engine(self) -> Engine:
        if self._engine is None:
            from claims.db import ensure_schema, make_engine, resolve_database_url

            engine = make_engine(resolve_database_url(self.database_url))
            ensure_schema(engine)
            self._engine = engine
        return self._engine

    def close(self) -> None:
        """Give back the database connections when the command ends."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction per command: all of it is written, or none of it."""
        from sqlalchemy.orm.exc import StaleDataError

        from claims.db import session_scope

        try:
            with session_scope(self.engine(), write=write) as session:
                yield session
        except StaleDataError as error:
            raise ConflictError("the claim was changed by someone else while you were working; try again") from error


def app_context(ctx: typer.Context) -> AppContext:
    """The AppContext the root command made from --db and --editor."""
    found = ctx.find_object(AppContext)
    assert found is not None, "commands run under the root callback, which sets the context"
    return found
