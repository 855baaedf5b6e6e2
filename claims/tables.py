"""The tables as the Core sees them, for reads that do not need the ORM.

Lightweight table clauses (no MetaData, no mapper): enough to build SELECTs with typed results,
and importing them does not load ``sqlalchemy.orm`` or the models, which would cost an everyday
read command a tenth of a second. The schema itself comes from the migrations; ``claims.models``
describes it for the ORM, and a test checks that these columns exist there too.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    String,
    Subquery,
    Text,
    column,
    func,
    select,
    table,
)

from claims.vocabulary import STATUS_EVENTS

_MOMENT = DateTime(timezone=True)

claims = table(
    "claims",
    column("id", Integer), column("source_id", Integer), column("text", Text), column("sentence", Text),
    column("start_offset", Integer), column("end_offset", Integer), column("claimant", String),
    column("kind", String), column("status", String), column("score", Float), column("created_at", _MOMENT),
    column("updated_at", _MOMENT), column("signed_off_by", String), column("signed_off_at", _MOMENT),
    column("assignee", String), column("version", Integer), column("merged_into", Integer),
)  # fmt: skip
sources = table(
    "sources",
    column("id", Integer), column("title", String), column("outlet", String), column("url", String),
    column("published", Date), column("author", String), column("language", String),
    column("content_hash", String), column("created_at", _MOMENT), column("canonical_url", String),
)  # fmt: skip
evidence = table(
    "evidence",
    column("id", Integer), column("claim_id", Integer), column("url", String), column("stance", String),
    column("quote", Text), column("editor", String), column("created_at", _MOMENT), column("withdrawn_at", _MOMENT),
    column("withdrawn_by", String),
)  # fmt: skip
claim_events = table(
    "claim_events",
    column("id", Integer), column("claim_id", Integer), column("kind", String), column("from_status", String),
    column("to_status", String), column("editor", String), column("note", Text), column("evidence_id", Integer),
    column("old_text", Text), column("new_text", Text), column("assignee", String), column("created_at", _MOMENT),
    column("field", String), column("claimant", String), column("claim_kind", String), column("merged_into", Integer),
    column("factcheck_id", Integer), column("undoes", Integer), column("part_of", Integer),
)  # fmt: skip
claim_matches = table(
    "claim_matches",
    column("id", Integer), column("claim_id", Integer), column("factcheck_id", Integer),
    column("matched_claim_id", Integer), column("score", Float), column("matched_at", _MOMENT),
)  # fmt: skip
claim_vectors = table(
    "claim_vectors", column("claim_id", Integer), column("text", Text), column("embedding", LargeBinary)
)
factchecks = table(
    "factchecks",
    column("id", Integer), column("claim_reviewed", Text), column("url", String), column("reviewed_by", String),
    column("date_published", Date), column("rating", String),
)  # fmt: skip
entities = table("entities", column("id", Integer), column("name", String), column("label", String))
claim_entities = table("claim_entities", column("claim_id", Integer), column("entity_id", Integer))
editors = table("editors", column("name", String), column("role", String), column("removed_at", _MOMENT))

ALL = (
    claims, sources, evidence, claim_events, entities, claim_entities, editors, claim_matches, claim_vectors, factchecks,
)  # fmt: skip

# Counts the database keeps in step with the claims by its own triggers (migration 0011): derived,
# like the search index, so the models and backups leave them out. The assignee is '' for nobody,
# signed is 1 for a signed-off claim.
claim_tallies = table(
    "claim_tallies", column("status", String), column("kind", String), column("assignee", String),
    column("signed", Integer), column("claims", Integer),
)  # fmt: skip
entity_tallies = table(
    "entity_tallies", column("entity_id", Integer), column("status", String), column("claims", Integer)
)
TALLIES = (claim_tallies, entity_tallies)


def is_tally(name: str | None) -> bool:
    """Whether a table is one of the counts the database keeps (see TALLIES)."""
    return name in {tally.name for tally in TALLIES}


def status_event_ids(*where: ColumnElement[bool]) -> Subquery:
    """Per claim (``claim_id``), the id (``event_id``) of the event that gave it its current status,
    and so, for a verdict, who gave it, when and why: the latest of its creation, status changes
    and rejections (an approval publishes a verdict without changing it). WHERE narrows the events
    (``claim_events.c.claim_id.in_(...)``). A Core subquery, for callers to join."""
    return (
        select(claim_events.c.claim_id, func.max(claim_events.c.id).label("event_id"))
        .where(claim_events.c.kind.in_(STATUS_EVENTS), *where)
        .group_by(claim_events.c.claim_id)
        .subquery()
    )
