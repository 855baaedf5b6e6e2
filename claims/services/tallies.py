"""The counts the database keeps (migration 0011), checked against the rows they count.

The database's triggers keep ``claim_tallies`` and ``entity_tallies`` in step with every write;
``claims db verify`` counts again, in SQL, and names what disagrees, so that a trigger dropped by
hand or a table written around them does not go unnoticed. Only the disagreeing keys come back
to Python (an EXCEPT both ways), so the check runs in bounded memory at any size.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, case, delete, except_, func, insert, select

from claims.tables import claim_entities, claim_tallies, claims, entity_tallies

# A check of a badly broken archive lists this many keys.
LISTED = 20


def _claims_counted() -> Select[tuple[str, str, str, int, int]]:
    signed = case((claims.c.signed_off_at.is_(None), 0), else_=1)
    assignee = func.coalesce(claims.c.assignee, "")
    return select(claims.c.status, claims.c.kind, assignee, signed, func.count()).group_by(
        claims.c.status, claims.c.kind, assignee, signed
    )


def _claims_kept() -> Select[tuple[str, str, str, int, int]]:
    tally = claim_tallies.c
    return select(tally.status, tally.kind, tally.assignee, tally.signed, tally.claims).where(tally.claims != 0)


def _entities_counted() -> Select[tuple[int, str, int]]:
    return (
        select(claim_entities.c.entity_id, claims.c.status, func.count())
        .join(claims, claims.c.id == claim_entities.c.claim_id)
        .group_by(claim_entities.c.entity_id, claims.c.status)
    )


def _entities_kept() -> Select[tuple[int, str, int]]:
    tally = entity_tallies.c
    return select(tally.entity_id, tally.status, tally.claims).where(tally.claims != 0)


def tally_problems(connection: Connection) -> list[str]:
    """What the kept counts say that the rows do not, one line per key (at most LISTED of each)."""
    problems = []
    for counted, kept, name in [
        (_claims_counted(), _claims_kept(), "claims"),
        (_entities_counted(), _entities_kept(), "entity"),
    ]:
        rows = _by_key(connection, except_(counted, kept).limit(LISTED))
        stored = _by_key(connection, except_(kept, counted).limit(LISTED))
        for key in sorted(rows.keys() | stored.keys(), key=str):
            what = ", ".join("nobody" if value == "" else str(value) for value in key)
            problems.append(f"{name} {what}: {stored.get(key, 0)} kept, {rows.get(key, 0)} in the rows")
    return problems


def _by_key(connection: Connection, query: Any) -> dict[tuple[Any, ...], int]:
    """Rows ending in a count, as {the rest of the row: the count}."""
    return {tuple(row[:-1]): int(row[-1]) for row in connection.execute(query)}


def recount(connection: Connection) -> None:
    """Count every claim again into the tallies, in the caller's transaction: what to do when
    ``tally_problems`` names something (a trigger dropped by hand, rows written around them)."""
    connection.execute(delete(entity_tallies))
    connection.execute(delete(claim_tallies))
    tally = claim_tallies.c
    connection.execute(
        insert(claim_tallies).from_select(
            [tally.status, tally.kind, tally.assignee, tally.signed, tally.claims], _claims_counted()
        )
    )
    connection.execute(
        insert(entity_tallies).from_select(
            [entity_tallies.c.entity_id, entity_tallies.c.status, entity_tallies.c.claims], _entities_counted()
        )
    )


def count_new_claims(connection: Connection, first_id: int, last_id: int) -> None:
    """Add the claims with ids FIRST_ID to LAST_ID, just inserted on SQLite while the tally's
    insert trigger was taken out (``claims import``), to ``claim_tallies``: one grouped upsert
    for the lot, counted by the same key as ``recount`` and ``tally_problems``."""
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert  # only an import on SQLite counts this way

    tally = claim_tallies.c
    counted = sqlite_insert(claim_tallies).from_select(
        [tally.status, tally.kind, tally.assignee, tally.signed, tally.claims],
        _claims_counted().where(claims.c.id.between(first_id, last_id)),
    )
    connection.execute(
        counted.on_conflict_do_update(
            index_elements=[tally.status, tally.kind, tally.assignee, tally.signed],
            set_={"claims": tally.claims + counted.excluded.claims},
        )
    )
