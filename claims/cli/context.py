"""What every command shares: the database it works on and the editor at the keyboard."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from claims.errors import ClaimChanged, ClaimsError, ConflictError, InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.orm import Session

    from claims.matching.thresholds import Thresholds

EDITOR_VARIABLE = "CLAIMS_EDITOR"
IDENTITIES = ("name", "database")


@dataclass
class AppContext:
    database_url: str | None
    editor_option: str | None
    config_path: Path | None = None
    _engine: Engine | None = field(default=None, repr=False)
    _editor: str | None = field(default=None, repr=False)

    def config(self) -> dict[str, Any]:
        from claims.config import load_config

        return load_config(self.config_path)

    @property
    def editor(self) -> str:
        """Who is working: the database login when claims.toml says ``identity = "database"``,
        else --editor, else CLAIMS_EDITOR, else the operating-system user."""
        if self._editor is None:
            identity = self.config().get("identity", "name")
            if identity not in IDENTITIES:
                raise InvalidInput(f'identity = {identity!r} in {self._config_name()}: choose "name" or "database"')
            self._editor = self._database_login() if identity == "database" else self._desk_login()
        return self._editor

    def _config_name(self) -> str:
        from claims.config import DEFAULT_CONFIG_PATH

        return str(self.config_path or DEFAULT_CONFIG_PATH)

    def _database_login(self) -> str:
        from claims.services.editors import database_login

        with self.session() as session:
            return database_login(session, claimed=self.editor_option, settings=self._config_name())

    def _desk_login(self) -> str:
        """On PostgreSQL, a login on the desk's editor list is that editor whatever the settings
        file says: a settings file is the user's to choose, the login is not."""
        from claims.db import resolve_database_url

        if not resolve_database_url(self.database_url).startswith("postgresql"):
            return self._named_editor()
        from claims.services.editors import login_on_the_list

        claimed = self.editor_option or os.environ.get(EDITOR_VARIABLE)
        with self.session() as session:
            login = login_on_the_list(session, claimed=claimed)
        return login if login is not None else self._named_editor()

    def _named_editor(self) -> str:
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

    def engine(self, *, write: bool = False) -> Engine:
        """The database, checked to be at our schema revision. On SQLite, only a command that
        writes creates the file; one on read-only media is read as it is, saying so, and writing
        to it is refused in a line."""
        if self._engine is None:
            from sqlalchemy.engine import make_url

            from claims.db import ensure_schema, make_engine, opened_read_only, resolve_database_url

            url = resolve_database_url(self.database_url)
            engine = make_engine(url, create=write)
            if opened_read_only(engine):
                typer.echo(f"Note: {make_url(url).database} is read-only here: reading it as it is.", err=True)
            ensure_schema(engine)
            self._engine = engine
        if write and self._read_only():
            raise ClaimsError("cannot change the database: it is read-only here")
        return self._engine

    def _read_only(self) -> bool:
        from claims.db import opened_read_only

        return self._engine is not None and opened_read_only(self._engine)

    def matching_thresholds(self) -> Thresholds:
        """The desk's thresholds for reading stored match scores (see ``claims.config``)."""
        from claims.config import matching_thresholds

        return matching_thresholds(self.config_path, self.engine().dialect.name)

    def close(self) -> None:
        """Give back the database connections when the command ends."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One transaction per command: all of it is written, or none of it.

        A claim's UPDATE that matches no row means a colleague committed a change to it after
        this command read it (PostgreSQL lets both run at once): that is the exit-3 conflict.
        """
        from sqlalchemy.orm.exc import StaleDataError

        from claims.db import session_scope
        from claims.services.common import conflict

        try:
            with session_scope(self.engine(write=write), write=write) as session:
                yield session
        except ClaimChanged as error:
            # Rolled back by now: a fresh read says who changed the claim, and when.
            with session_scope(self.engine()) as session:
                raise conflict(session, error.claim_id) from error
        except StaleDataError as error:
            raise ConflictError("a claim was changed by someone else while you were working; try again") from error

    @contextmanager
    def reading(self, *, snapshot: bool = False) -> Iterator[Connection]:
        """A transaction for a bulk read that needs no ORM (see ``claims.db.reading_scope``)."""
        from claims.db import reading_scope

        with reading_scope(self.engine(), snapshot=snapshot) as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A transaction for a bulk write that needs no ORM (see ``claims.db.writing_scope``)."""
        from claims.db import writing_scope

        with writing_scope(self.engine(write=True)) as connection:
            yield connection


def app_context(ctx: typer.Context) -> AppContext:
    """The AppContext the root command made from --db and --editor."""
    found = ctx.find_object(AppContext)
    assert found is not None, "commands run under the root callback, which sets the context"
    return found
