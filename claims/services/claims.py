"""Finding, listing and adding claims by hand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from claims.errors import NotFound
from claims.models import Claim, ClaimEntity, ClaimEvent, ClaimKind, ClaimMatch, Entity, Source, Status
from claims.services.changes import create_claims
from claims.services.common import claim_text, get_claim
from claims.services.editors import acting_editor
from claims.services.entities import link_entities
from claims.services.sources import get_source, place_in_article


def list_claims(
    session: Session,
    *,
    statuses: Iterable[Status] = (),
    source_id: int | None = None,
    entity: str | None = None,
    search: str | None = None,
    assignee: str | None = None,
    kinds: Iterable[ClaimKind] = (),
    seen_before_score: float | None = None,
) -> Sequence[Claim]:
    """Claims, oldest first; SEEN_BEFORE_SCORE keeps those with a stored match scoring at least that."""
    query = select(Claim).options(selectinload(Claim.entity_links).selectinload(ClaimEntity.entity)).order_by(Claim.id)
    if wanted := [status.value for status in statuses]:
        query = query.where(Claim.status.in_(wanted))
    else:  # a merged claim lives on in the claim it was merged into
        query = query.where(Claim.status != Status.MERGED.value)
    if wanted_kinds := [kind.value for kind in kinds]:
        query = query.where(Claim.kind.in_(wanted_kinds))
    if source_id is not None:
        get_source(session, source_id=source_id)
        query = query.where(Claim.source_id == source_id)
    if assignee is not None:
        query = query.where(Claim.assignee == assignee.strip())
    if entity:
        named = (
            select(ClaimEntity.claim_id)
            .join(Entity)
            .where(Entity.name.ilike(_escape_like(entity.strip()), escape="\\"))
        )
        query = query.where(Claim.id.in_(named))
    if seen_before_score is not None:
        query = query.where(Claim.id.in_(select(ClaimMatch.claim_id).where(ClaimMatch.score >= seen_before_score)))
    if search:
        pattern = f"%{_escape_like(search.strip())}%"
        query = query.where(or_(Claim.text.ilike(pattern, escape="\\"), Claim.sentence.ilike(pattern, escape="\\")))
    return session.scalars(query).all()


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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


def claim_history(session: Session, *, claim_id: int) -> Sequence[ClaimEvent]:
    get_claim(session, claim_id)
    return session.scalars(select(ClaimEvent).where(ClaimEvent.claim_id == claim_id).order_by(ClaimEvent.id)).all()


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
