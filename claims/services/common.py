"""Small pieces every use case needs: finding a claim, reading closed choices, writing history."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import datetime
from urllib.parse import urlparse

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from claims.errors import ConflictError, InvalidInput, NotFound
from claims.models import Claim, ClaimEvent
from claims.parsing import Choice as Choice
from claims.parsing import parse_choice as parse_choice
from claims.parsing import parse_date as parse_date
from claims.parsing import parse_kind as parse_kind
from claims.parsing import parse_label as parse_label
from claims.parsing import parse_stance as parse_stance
from claims.parsing import parse_status as parse_status
from claims.tables import claim_events, status_event_ids


def claim_text(text: str | None) -> str:
    """A claim's wording as stored: runs of whitespace made one space, and never empty."""
    text = " ".join((text or "").split())
    if not text:
        raise InvalidInput("the claim text is empty")
    return text


def status_events(session: Session, claim_ids: Collection[int] | Select) -> dict[int, ClaimEvent]:  # type: ignore[type-arg]
    """The event that gave each of these claims its current status (see ``claims.tables.status_event_ids``)."""
    latest = status_event_ids(claim_events.c.claim_id.in_(claim_ids))
    query = select(ClaimEvent).join(latest, latest.c.event_id == ClaimEvent.id)
    return {event.claim_id: event for event in session.scalars(query)}


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def claim_to_change(session: Session, claim_id: int, *, seen_version: int | None = None) -> Claim:
    """The claim an editor is about to change, refused if it moved since the version they saw.

    Without ``seen_version`` the version read here is the one checked: the UPDATE carries
    ``AND version = :read``, so a colleague's write committed in between is a conflict too.
    """
    claim = get_claim(session, claim_id)
    if seen_version is not None and seen_version != claim.version:
        if seen_version > claim.version:
            raise InvalidInput(
                f"claim {claim_id} is at version {claim.version}; it has never been at version {seen_version}"
            )
        raise conflict(session, claim_id)
    return claim


def conflict(session: Session, claim_id: int) -> ConflictError:
    """The exit-3 error that tells the editor who changed the claim, and when."""
    latest = session.scalars(
        select(ClaimEvent).where(ClaimEvent.claim_id == claim_id).order_by(ClaimEvent.id.desc()).limit(1)
    ).first()
    if latest is None:
        return ConflictError(
            f"claim {claim_id} was changed while you were working; run claims show {claim_id} and try again"
        )
    return ConflictError(
        f"claim {claim_id} was changed by {latest.editor} at {_clock(latest.created_at)} while you were working; "
        f"run claims show {claim_id} and try again"
    )


def _clock(moment: datetime) -> str:
    """The editor's local time: hours and minutes today, with the date on other days."""
    local = moment.astimezone()
    return (
        local.strftime("%H:%M")
        if local.date() == datetime.now().astimezone().date()
        else local.strftime("%Y-%m-%d %H:%M")
    )


def check_url(url: str) -> str:
    """Evidence must be a link a colleague can open."""
    url = url.strip()
    try:
        parsed = urlparse(url)
        parsed.port  # noqa: B018 (reading it checks it)
    except ValueError:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise InvalidInput(f"not a web address: {url!r} (expected http:// or https://)")
    # urlparse takes any character in a host; a space or a control one means a mangled address.
    if any(character.isspace() or not character.isprintable() for character in parsed.netloc):
        raise InvalidInput(f"not a web address: {url!r} (a space or a control character in its host)")
    return url


def clean_note(text: str | None) -> str | None:
    """A note as stored: trimmed, and None rather than an empty string."""
    return (text or "").strip() or None


def ids_in_pages(
    session: Session, query: Select[int], id_column: InstrumentedAttribute[int], *, page: int
) -> Iterator[int]:
    """The ids QUERY selects, in order, read PAGE at a time after the last one read (keyset
    paging): the caller holds a page, never all of an archive's, and may change the rows it has
    read (match them, say) without the next page skipping or repeating any."""
    last = 0
    while True:
        ids = session.scalars(query.where(id_column > last).order_by(id_column).limit(page)).all()
        if not ids:
            return
        yield from ids
        last = ids[-1]
