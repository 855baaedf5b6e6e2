"""The words claims is written in: where a claim stands, what kind of statement it is, what
happened to it, who may do what. Plain enums with no database behind them, so that the
detector and the bulk export can use them without loading SQLAlchemy's ORM, and the models
store exactly these values."""

from __future__ import annotations

import enum


class ClaimKind(str, enum.Enum):
    """What sort of statement a claim is; a prediction cannot be confirmed until it happens."""

    FACT = "fact"
    PREDICTION = "prediction"
    QUOTE = "quote"
    OPINION = "opinion"


class EntityLabel(str, enum.Enum):
    """What an entity is."""

    ORGANIZATION = "organization"
    PERSON = "person"
    PLACE = "place"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    COUNT = "count"  # "one in 13 pupils", "half a million children"
    WORK = "work"  # a film, book or programme: "A Series of Unfortunate Events"


class Status(str, enum.Enum):
    """Where a claim stands. Stored as its value, so adding one needs no ALTER TYPE."""

    UNVERIFIED = "unverified"
    IN_REVIEW = "in_review"
    CONFIRMED = "confirmed"
    REFUTED = "refuted"
    MIXED = "mixed"
    UNVERIFIABLE = "unverifiable"
    # Set aside: not worth checking (dismissed), or the same as another claim, which carries on (merged).
    DISMISSED = "dismissed"
    MERGED = "merged"

    @property
    def is_verdict(self) -> bool:
        return self in VERDICTS


VERDICTS = frozenset({Status.CONFIRMED, Status.REFUTED, Status.MIXED, Status.UNVERIFIABLE})
# Claims still waiting for a verdict. Both sets hold str enums, so `claim.status in OPEN_STATUSES` works.
OPEN_STATUSES = frozenset({Status.UNVERIFIED, Status.IN_REVIEW})
# Claims the desk set aside without a verdict: out of the queue, the open counts and the share resolved.
SET_ASIDE = frozenset({Status.DISMISSED, Status.MERGED})


class Stance(str, enum.Enum):
    """What a piece of evidence does to the claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


class EventKind(str, enum.Enum):
    """What happened to a claim: one row of its append-only history each."""

    CREATED = "created"
    STATUS_CHANGED = "status_changed"
    EVIDENCE_ADDED = "evidence_added"
    EVIDENCE_WITHDRAWN = "evidence_withdrawn"
    EDITED = "edited"
    NOTE = "note"
    ASSIGNED = "assigned"
    UNASSIGNED = "unassigned"
    APPROVED = "approved"
    REJECTED = "rejected"
    # An editor's judgement that the claim is the one a published fact-check reviewed.
    LINKED = "linked"
    UNLINKED = "unlinked"


class EditedField(str, enum.Enum):
    """What of a claim an editor may correct."""

    TEXT = "text"
    CLAIMANT = "claimant"
    KIND = "kind"


class Role(str, enum.Enum):
    """What an editor may do on the desk; each role may do everything the ones before it may."""

    REPORTER = "reporter"  # adds sources, claims, evidence and notes
    EDITOR = "editor"  # also reviews, assigns, edits, gives, approves and rejects verdicts
    CHIEF = "chief"  # also manages the editor registry

    def includes(self, other: Role) -> bool:
        order = list(Role)
        return order.index(self) >= order.index(other)


# The events that set a claim's status: its creation, a status change, a second editor's rejection.
STATUS_EVENTS = (EventKind.CREATED.value, EventKind.STATUS_CHANGED.value, EventKind.REJECTED.value)
