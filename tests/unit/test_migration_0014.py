"""0014 on a database with work in it: the new columns come empty (nothing to backfill them from),
the history still replays, and a downgrade gives the desk back with every event and its guards."""

from __future__ import annotations

from sqlalchemy import text

from claims.db import downgrade, make_engine, upgrade
from claims.services.history import verify_history

NOW = "2026-01-01 00:00:00"
EVENT = (
    "INSERT INTO claim_events (claim_id, kind, from_status, to_status, editor, field, old_text, new_text, claimant, "
    "claim_kind, created_at) VALUES (1, :kind, NULL, :to_status, 'ana', :field, :old, :new, :claimant, :claim_kind, "
    ":now)"
)


def test_an_archive_upgrades_to_0014_and_back_with_its_history(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        upgrade(engine, "0010")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO sources (title, url, language, text, content_hash, created_at) "
                    "VALUES ('Gadgets', 'https://e.org/g?ref=home', 'en', 'Gadgets cost 7,455 pounds.', 'h', :now)"
                ),
                {"now": NOW},
            )
            connection.execute(
                text(
                    "INSERT INTO claims (source_id, text, claimant, kind, status, created_at, updated_at, version) "
                    "VALUES (1, 'Gadgets cost 7,455 pounds', 'Stuff', 'quote', 'unverified', :now, :now, 1)"
                ),
                {"now": NOW},
            )
            # A claim edited before 0014: claimant and kind in two events of one command.
            for values in (
                {"kind": "created", "to_status": "unverified", "field": None, "old": None,
                 "new": "Gadgets cost 7,455 pounds", "claimant": "Tech Desk", "claim_kind": "prediction"},
                {"kind": "edited", "to_status": None, "field": "claimant", "old": "Tech Desk", "new": "Stuff",
                 "claimant": None, "claim_kind": None},
                {"kind": "edited", "to_status": None, "field": "kind", "old": "prediction", "new": "quote",
                 "claimant": None, "claim_kind": None},
            ):  # fmt: skip
                connection.execute(text(EVENT), values | {"now": NOW})
        upgrade(engine)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT canonical_url FROM sources")).scalar_one() is None
            assert connection.execute(text("SELECT count(*) FROM claim_events WHERE part_of IS NULL")).scalar() == 3
            assert verify_history(connection).problems == {}
        downgrade(engine, "0010")
        with engine.begin() as connection:
            assert connection.execute(text("SELECT count(*) FROM claim_events")).scalar() == 3
            assert connection.execute(text("SELECT url FROM sources")).scalar_one() == "https://e.org/g?ref=home"
            if engine.dialect.name == "sqlite":  # dropped in place: the append-only triggers stay
                triggers = connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'claim_events'")
                ).scalars()
                assert sorted(triggers) == ["claim_events_no_delete", "claim_events_no_update"]
    finally:
        engine.dispose()
