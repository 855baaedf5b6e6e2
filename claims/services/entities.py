"""The organisations, people, places, amounts and dates the desk's claims name."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claims.models import Claim, ClaimEntity, Entity
from claims.records import EntityCount
from claims.vocabulary import EntityLabel, Status


def entities_for(session: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], Entity]:
    """The Entity rows for these (label, name) pairs, creating the ones the desk has not seen."""
    names = {name for _, name in keys}
    known = (
        {
            (entity.label, entity.name): entity
            for entity in session.scalars(select(Entity).where(Entity.name.in_(names)))
            if (entity.label, entity.name) in keys
        }
        if names
        else {}
    )
    for key in keys - known.keys():
        known[key] = Entity(label=key[0], name=key[1])
        session.add(known[key])
    return known


def link_entities(session: Session, claim: Claim) -> None:
    """Find again what a claim names, after its wording changed."""
    from claims.extract.entities import find_entities

    found = dict.fromkeys((entity.label, entity.name) for entity in find_entities(claim.text))
    with session.no_autoflush:
        entities = entities_for(session, set(found))
        claim.entity_links = [ClaimEntity(entity=entities[key]) for key in found]


def entity_counts(session: Session, *, label: EntityLabel | None = None) -> list[EntityCount]:
    """Every entity some claim names, with how many claims name it and where they stand;
    the most-named first, so the desk sees who its open questions are about."""
    query = (
        select(Entity.id, Entity.name, Entity.label, Claim.status, func.count())
        .join(ClaimEntity, ClaimEntity.entity_id == Entity.id)
        .join(Claim, Claim.id == ClaimEntity.claim_id)
        .group_by(Entity.id, Entity.name, Entity.label, Claim.status)
    )
    if label is not None:
        query = query.where(Entity.label == label.value)
    rows: dict[int, tuple[str, str, dict[str, int]]] = {}
    for entity_id, name, entity_label, status, count in session.execute(query):
        rows.setdefault(entity_id, (name, entity_label, dict.fromkeys((s.value for s in Status), 0)))[2][status] = count
    counts = [EntityCount(name, entity_label, sum(by.values()), by) for name, entity_label, by in rows.values()]
    return sorted(counts, key=lambda entity: (-entity.claims, entity.label, entity.name.lower()))
