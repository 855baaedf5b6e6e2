from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios
from sqlalchemy import text

from claims.db import make_engine
from tests.bdd.conftest import Terminal

scenarios("database.feature")


@given("a new, empty database")
def new_database(terminal: Terminal, request: pytest.FixtureRequest) -> None:
    terminal.database_url = request.getfixturevalue("empty_database_url")


@given("a new database holding another application's table")
def foreign_database(terminal: Terminal, request: pytest.FixtureRequest) -> None:
    new_database(terminal, request)
    engine = make_engine(terminal.database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()


@given(parsers.parse('the database says its schema is at revision "{revision}"'))
def stamped(terminal: Terminal, revision: str) -> None:
    engine = make_engine(terminal.database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision})
    engine.dispose()
