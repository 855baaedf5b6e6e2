"""The organisations, people, places, amounts and dates the desk's claims name."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from claims.models import Claim, ClaimEntity, Entity


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
