"""Small pieces every use case needs: finding a claim, reading closed choices, writing history."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from claims.errors import InvalidInput, NotFound
from claims.models import Claim, ClaimEvent, ClaimKind, EntityLabel, EventKind, Stance, Status, utcnow


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def parse_status(value: str) -> Status:
    try:
        return Status(value.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        choices = ", ".join(status.value for status in Status)
        raise InvalidInput(f"unknown status {value!r}; choose one of: {choices}") from None


def parse_kind(value: str) -> ClaimKind:
    try:
        return ClaimKind(value.strip().lower())
    except ValueError:
        choices = ", ".join(kind.value for kind in ClaimKind)
        raise InvalidInput(f"unknown kind {value!r}; choose one of: {choices}") from None


def parse_label(value: str) -> EntityLabel:
    """An entity label; the British spelling an editor may type is accepted too."""
    try:
        return EntityLabel(value.strip().lower().replace("organisation", "organization"))
    except ValueError:
        choices = ", ".join(label.value for label in EntityLabel)
        raise InvalidInput(f"unknown entity label {value!r}; choose one of: {choices}") from None


def parse_stance(value: str) -> Stance:
    try:
        return Stance(value.strip().lower())
    except ValueError:
        choices = ", ".join(stance.value for stance in Stance)
        raise InvalidInput(f"unknown stance {value!r}; choose one of: {choices}") from None


def check_url(url: str) -> str:
    """Evidence must be a link a colleague can open."""
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InvalidInput(f"not a web address: {url!r} (expected http:// or https://)")
    return url


def record_event(
    session: Session,
    claim: Claim,
    *,
    kind: EventKind,
    editor: str,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str | None = None,
    evidence_id: int | None = None,
) -> ClaimEvent:
    """Append to the claim's history and touch the claim, so its version moves with every change."""
    event = ClaimEvent(
        claim=claim,
        kind=kind.value,
        from_status=from_status,
        to_status=to_status,
        editor=editor,
        note=note,
        evidence_id=evidence_id,
    )
    session.add(event)
    claim.updated_at = utcnow()
    return event


def parse_date(value: str, *, field: str = "date") -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"{field} {value!r} is not a date: use YYYY-MM-DD") from None
