"""Exporting every claim for the desk's spreadsheet: the bulk read behind ``claims export claims``.

A bulk path, so it stays out of the ORM: two SQL queries (claims, evidence), rows straight from the
driver's cursor, and no SQLAlchemy per-row processing, which at a hundred thousand claims costs
more than the database's own work. It takes a Core connection and does not import the models,
so that the command does not pay for loading the ORM either (see ``AppContext.reading``).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, DateTime

from claims.exchange import ExportRow
from claims.moments import day, timestamp
from claims.vocabulary import STATUS_EVENTS, VERDICTS

_STATUS_EVENT_KINDS = ", ".join(f"'{kind}'" for kind in STATUS_EVENTS)
# Per claim, its source, and the event that gave it its status (its creation, a status change or
# a rejection: an approval publishes a verdict without changing it), found by an index look-up.
CLAIMS_QUERY = f"""
SELECT claims.text, claims.claimant, claims.kind, claims.status,
       sources.url, sources.title, sources.outlet, sources.published,
       claims.id, status_event.note, status_event.editor, status_event.created_at,
       claims.signed_off_by, claims.signed_off_at
FROM claims
LEFT OUTER JOIN sources ON sources.id = claims.source_id
LEFT OUTER JOIN claim_events AS status_event ON status_event.id = (
    SELECT claim_events.id FROM claim_events
    WHERE claim_events.claim_id = claims.id AND claim_events.kind IN ({_STATUS_EVENT_KINDS})
    ORDER BY claim_events.id DESC LIMIT 1
)
ORDER BY claims.id
"""
EVIDENCE_QUERY = "SELECT claim_id, url, stance FROM evidence WHERE withdrawn_at IS NULL ORDER BY claim_id, id"


def export_rows(connection: Connection) -> Generator[ExportRow, None, None]:
    """Every claim, oldest first, as one row of EXPORT_COLUMNS with its source, status, latest
    verdict and evidence. The claims and their evidence are read side by side, both in claim
    order, so that only one claim's evidence is held at a time."""
    evidence = _evidence_cells(_driver_rows(connection, EVIDENCE_QUERY, "export_evidence"))
    published_day = _Rendered(connection, Date(), day)
    verdict_moment = _Rendered(connection, DateTime(timezone=True), timestamp)
    verdicts = {status.value for status in VERDICTS}
    no_evidence = (None, None)
    pending = next(evidence, None)  # the next claim with evidence, and its cells
    for (wording, claimant, kind, status, url, title, outlet, published, claim_id, note, editor, changed_at,
         signed_off_by, signed_off_at) in _driver_rows(connection, CLAIMS_QUERY, "export_claims"):  # fmt: skip
        while pending is not None and pending[0] < claim_id:
            pending = next(evidence, None)
        urls, stance = pending[1] if pending is not None and pending[0] == claim_id else no_evidence
        if status in verdicts:
            yield (
                wording, claimant, kind, status, url, title, outlet, published_day[published], urls, stance, note, editor,
                verdict_moment[changed_at], signed_off_by if signed_off_at is not None else None,
                "yes" if signed_off_at is not None else "no",
            )  # fmt: skip
        else:
            yield (
                wording,
                claimant,
                kind,
                status,
                url,
                title,
                outlet,
                published_day[published],
                urls,
                stance,
                note,
                editor,
                None,
                None,
                None,
            )


def _evidence_cells(rows: Iterator[Sequence[Any]]) -> Iterator[tuple[int, tuple[str, str]]]:
    """Each claim's evidence (ROWS of claim id, URL and stance, in claim order) as its two cells:
    the URLs, oldest first, and one stance or one per URL."""
    for claim_id, found in groupby(rows, key=itemgetter(0)):
        links = list(found)
        stances = [stance for _, _, stance in links]
        yield (
            claim_id,
            (
                " ".join(url for _, url, _ in links),
                stances[0] if len(set(stances)) == 1 else " ".join(stances),
            ),
        )


def _driver_rows(connection: Connection, sql: str, name: str) -> Iterator[Sequence[Any]]:
    """The query's rows straight from the database driver's cursor, a few thousand at a time,
    in the command's own transaction: on PostgreSQL a server-side cursor (NAME), which holds the
    rows on the server until fetched, as SQLite's cursor does in the file."""
    driver = connection.connection
    cursor = driver.cursor(name=name) if connection.dialect.name == "postgresql" else driver.cursor()
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(2_000):
            yield from batch
    finally:
        cursor.close()


class _Rendered(dict[Any, "str | None"]):
    """Export text for values as the driver returns them (text on SQLite, a date or datetime on
    PostgreSQL), each worked out once: a look-up, not a function call, for every row after."""

    def __init__(
        self, connection: Connection, column_type: Date | DateTime, render: Callable[[Any], str | None]
    ) -> None:
        super().__init__({None: None})
        dialect = connection.dialect
        self.process = column_type.dialect_impl(dialect).result_processor(dialect, None)
        self.render = render

    def __missing__(self, raw: Any) -> str | None:
        text = self[raw] = self.render(self.process(raw) if self.process is not None else raw)
        return text
