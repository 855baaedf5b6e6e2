"""The history is append-only in the database itself, and replaying it gives each claim's state."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from claims.db import make_engine, session_scope
from claims.models import Status
from claims.services.casework import add_note
from claims.services.claims import add_claim
from claims.services.history import verify_history
from claims.services.workflow import set_claim_status


@pytest.fixture
def claim_with_history(database_url: str) -> int:
    engine = make_engine(database_url)
    with session_scope(engine, write=True) as session:
        claim = add_claim(session, text="Amazon acquired the startup Zoox", editor="ana")
        set_claim_status(session, claim_id=claim.id, status=Status.IN_REVIEW, editor="ana")
        add_note(session, claim_id=claim.id, text="Press release found", editor="bo")
        claim_id = claim.id
    engine.dispose()
    return claim_id


@pytest.mark.parametrize(
    "statement",
    ["UPDATE claim_events SET editor = 'mallory'", "DELETE FROM claim_events", "UPDATE claim_events SET kind = 'note'"],
)
def test_the_database_refuses_to_change_or_delete_history(
    database_url: str, claim_with_history: int, statement: str
) -> None:
    engine = make_engine(database_url)
    try:
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
        with engine.connect() as connection:
            editors = connection.execute(text("SELECT editor FROM claim_events ORDER BY id")).scalars().all()
        assert editors == ["ana", "ana", "bo"]
    finally:
        engine.dispose()


def test_replaying_the_history_gives_the_state_and_catches_a_change_behind_its_back(
    database_url: str, claim_with_history: int
) -> None:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            result = verify_history(connection)
        assert (result.checked, result.problems) == (1, {})
        # A status written straight into the table, with no event: the replay must notice.
        with engine.begin() as connection:
            connection.execute(text("UPDATE claims SET status = 'confirmed', assignee = 'bo'"))
        with engine.connect() as connection:
            result = verify_history(connection)
        assert result.checked == 1
        assert result.problems == {
            claim_with_history: [
                "status is confirmed, history says in_review",
                "assignee is bo, history says None",
            ]
        }
    finally:
        engine.dispose()
