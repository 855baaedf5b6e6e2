"""schema.org ClaimReview: the JSON-LD that search engines read from a published fact-check.

Pure: ``services.claimreview`` gathers the published verdicts as ``ReviewedClaim``s, and
``claim_review`` turns one into the object Google's and Bing's fact-check features expect.
Unknown values are left out rather than written as null, as schema.org asks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from claims.config import ReviewSettings
from claims.vocabulary import Status

SCHEMA_ORG = "https://schema.org"
SLUG_LENGTH = 60


@dataclass(frozen=True)
class Appearance:
    """A source where the claim was made."""

    url: str
    published: date | None
    title: str | None
    outlet: str | None


@dataclass(frozen=True)
class ReviewedClaim:
    id: int
    text: str
    status: Status
    note: str | None
    given_at: datetime  # when the verdict was given
    claimant: str | None
    claimant_is_outlet: bool  # the claim is the publication's own, not a person's
    published: date | None  # the source's publication date
    appearances: list[Appearance]  # this claim's source first, then others where the same text appeared
    first_appearance: Appearance | None  # the earliest of them


def slug(text: str) -> str:
    """The claim's words for a web address: ascii, lower case, hyphens, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:SLUG_LENGTH].rstrip("-") or "claim"


def review_url(template: str, claim: ReviewedClaim) -> str:
    return template.format(id=claim.id, slug=slug(claim.text))


def author_type(claimant: str, *, is_outlet: bool) -> str:
    """schema.org type of whoever made the claim: a Person only when the name is a person's ("Jim
    Carrey"); an outlet, a company, a party or a government ("Ghana") is an Organization."""
    from claims.extract.entities import is_person_name

    return "Person" if not is_outlet and is_person_name(claimant) else "Organization"


def _creative_work(appearance: Appearance) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "url": appearance.url}
    if appearance.title:
        work["headline"] = appearance.title
    if appearance.published:
        work["datePublished"] = appearance.published.isoformat()
    if appearance.outlet:
        work["publisher"] = {"@type": "Organization", "name": appearance.outlet}
    return work


def claim_review(claim: ReviewedClaim, settings: ReviewSettings) -> dict[str, Any]:
    rating = settings.ratings[claim.status]
    review_rating: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": rating.value,
        "bestRating": settings.best_rating,
        "worstRating": settings.worst_rating,
        "alternateName": rating.name,
    }
    if claim.note:
        review_rating["ratingExplanation"] = claim.note
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.claimant:
        item["author"] = {
            "@type": author_type(claim.claimant, is_outlet=claim.claimant_is_outlet),
            "name": claim.claimant,
        }
    if claim.published:
        item["datePublished"] = claim.published.isoformat()
    if claim.appearances:
        item["appearance"] = [_creative_work(appearance) for appearance in claim.appearances]
    if claim.first_appearance:
        item["firstAppearance"] = _creative_work(claim.first_appearance)
    return {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": review_url(settings.review_url, claim),
        "claimReviewed": claim.text,
        "datePublished": claim.given_at.date().isoformat(),
        "author": {"@type": "Organization", "name": settings.organisation_name, "url": settings.organisation_url},
        "reviewRating": review_rating,
        "itemReviewed": item,
    }
