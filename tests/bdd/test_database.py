from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then
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


@given(
    parsers.parse('a SQLite file "{name}" holding {count:d} claims, some of its pages overwritten with random bytes')
)
def damaged_file(terminal: Terminal, name: str, count: int) -> None:
    import os
    import random

    path = terminal.workdir / name
    url = f"sqlite:///{path}"
    padding = "padding " * 40
    for number in range(count):
        terminal.run(f"claims --db {url} add 'Claim {number}: {padding}'")
        assert terminal.exit_code == 0, terminal.stderr
    engine = make_engine(url)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    pages = path.stat().st_size // 4096
    assert pages > 4, "the file is too small to damage only some of it"
    with path.open("r+b") as file:
        for page in random.Random(14).sample(range(2, pages), 2):
            file.seek(page * 4096)
            file.write(os.urandom(4096))


@then(parsers.parse('there is no file "{name}"'))
def no_file(terminal: Terminal, name: str) -> None:
    assert not (terminal.workdir / name).exists()


@given(parsers.parse("someone added {count:d} confirmed claims to the report's counts behind the desk's back"))
def counts_changed_behind_the_desk(terminal: Terminal, count: int) -> None:
    """A count written straight into the database, as the owner login can (the desk's logins may not)."""
    engine = make_engine(terminal.database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO claim_tallies (status, kind, assignee, signed, claims) "
                "VALUES ('confirmed', 'fact', '', 0, :count)"
            ),
            {"count": count},
        )
    engine.dispose()
