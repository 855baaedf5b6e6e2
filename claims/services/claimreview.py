"""Gathering the published verdicts that become ClaimReview objects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from claims.claimreview import Appearance, ReviewedClaim
from claims.models import Claim, Source, Status
from claims.services.common import status_events


def published_verdicts(session: Session, *, statuses: Collection[Status]) -> list[ReviewedClaim]:
    """Claims whose verdict is published (signed off) and one of the statuses the organisation publishes.

    Drafts never leave the desk: a verdict waiting for sign-off is not a fact-check yet.
    """
    wanted = [status.value for status in statuses]
    claims = session.scalars(
        select(Claim)
        .where(Claim.status.in_(wanted), Claim.signed_off_at.is_not(None))
        .options(selectinload(Claim.source))
        .order_by(Claim.id)
    ).all()
    if not claims:
        return []
    verdict_events = status_events(session, [claim.id for claim in claims])
    # The same claim made in several articles: every one is an appearance, the earliest the first.
    appearances: dict[str, list[Appearance]] = defaultdict(list)
    for claim_text, appearing in session.execute(
        select(Claim.text, Source)
        .join(Source, Source.id == Claim.source_id)
        .where(Claim.text.in_({claim.text for claim in claims}), Source.url.is_not(None))
        .order_by(Source.id)
    ):
        found = Appearance(
            url=appearing.url or "",  # the query keeps only sources with an address
            published=appearing.published,
            title=appearing.title,
            outlet=appearing.outlet,
        )
        if found not in appearances[claim_text]:
            appearances[claim_text].append(found)

    reviewed = []
    for claim in claims:
        event = verdict_events.get(claim.id)
        source = claim.source
        own = next((a for a in appearances[claim.text] if source is not None and a.url == source.url), None)
        seen = ([own] if own else []) + [a for a in appearances[claim.text] if a is not own]
        dated = [a for a in seen if a.published is not None]
        reviewed.append(
            ReviewedClaim(
                id=claim.id,
                text=claim.text,
                status=Status(claim.status),
                note=event.note if event else None,
                given_at=event.created_at if event else claim.signed_off_at,  # type: ignore[arg-type]
                claimant=claim.claimant,
                claimant_is_outlet=source is not None and claim.claimant == source.outlet,
                published=source.published if source else None,
                appearances=seen,
                first_appearance=min(dated, key=lambda a: a.published) if dated else (seen[0] if seen else None),  # type: ignore[arg-type,return-value]
            )
        )
    return reviewed
