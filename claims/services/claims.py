"""Finding, listing and adding claims by hand."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims.errors import NotFound
from claims.models import Claim, ClaimEntity, ClaimKind, Source, Status
from claims.services.changes import create_claims
from claims.services.common import claim_text
from claims.services.editors import acting_editor
from claims.services.entities import link_entities
from claims.services.sources import place_in_article


def show_claim(session: Session, *, claim_id: int) -> Claim:
    """A claim with its source, evidence and history loaded, for one read."""
    claim = session.scalars(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(
            selectinload(Claim.evidence),
            selectinload(Claim.events),
            selectinload(Claim.source),
            selectinload(Claim.entity_links).selectinload(ClaimEntity.entity),
        )
    ).one_or_none()
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def add_claim(
    session: Session,
    *,
    text: str,
    editor: str,
    source_id: int | None = None,
    claimant: str | None = None,
    kind: ClaimKind = ClaimKind.FACT,
    note: str | None = None,
) -> Claim:
    """A claim the detector missed, typed by an editor. If the source holds it word for word,
    its place in the article is recorded too."""
    actor = acting_editor(session, editor)
    text = claim_text(text)
    source = None
    if source_id is not None:
        source = session.get(Source, source_id)
        if source is None:
            raise NotFound(f"no source with id {source_id}")
    claim = Claim(
        text=text,
        source=source,
        claimant=" ".join(claimant.split()) if claimant and claimant.strip() else (source.outlet if source else None),
        status=Status.UNVERIFIED.value,
        kind=kind.value,
    )
    if source is not None and (place := place_in_article(source.text, text)) is not None:
        start, end = place
        claim.sentence, claim.start_offset, claim.end_offset = source.text[start:end], start, end
    create_claims(session, [claim], actor=actor, note=note or "added by hand")
    session.flush()
    link_entities(session, claim)
    session.flush()
    return claim
