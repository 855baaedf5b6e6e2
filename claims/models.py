"""The newsroom's records: sources, the claims found in them, evidence, and the claim history.

The schema is created and changed only by the Alembic migrations in ``migrations/``;
these classes describe it for the ORM, and a test checks that the two agree.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Re-exported, so that services find the whole vocabulary in one place.
from claims.records import as_utc
from claims.vocabulary import OPEN_STATUSES as OPEN_STATUSES
from claims.vocabulary import VERDICTS as VERDICTS
from claims.vocabulary import ClaimKind as ClaimKind
from claims.vocabulary import EntityLabel as EntityLabel
from claims.vocabulary import EventKind as EventKind
from claims.vocabulary import Role as Role
from claims.vocabulary import Stance as Stance
from claims.vocabulary import Status as Status

# Named constraints make migrations behave the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """In UTC, whatever zone the PostgreSQL session has (the server's, or PGTZ's): a desk spans
        time zones, and what claims prints must not depend on them."""
        return as_utc(value) if value is not None else None


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _values(enum_class: type[enum.Enum]) -> str:
    return ", ".join(f"'{member.value}'" for member in enum_class)


class Source(Base):
    """A document claims come from: usually a news article."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[date | None] = mapped_column(Date)
    author: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    # sha256 of the text: importing the same article twice is a no-op.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claims: Mapped[list[Claim]] = relationship(back_populates="source", order_by="Claim.id")


class Claim(Base):
    """One checkable statement, where it came from, and where it stands."""

    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(f"status IN ({_values(Status)})", name="status"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 1)", name="score_range"),
        Index("ix_claims_status", "status"),
        Index("ix_claims_source_id", "source_id"),
        Index("ix_claims_assignee", "assignee"),
        # An editor's queue: the unassigned unverified claims by score, found and counted in the index.
        Index("ix_claims_queue", "status", "assignee", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"))
    text: Mapped[str] = mapped_column(Text)
    # The verbatim sentence and its offsets in the source text; empty for a claim typed by hand
    # that the article does not contain word for word.
    sentence: Mapped[str | None] = mapped_column(Text)
    start_offset: Mapped[int | None] = mapped_column(Integer)
    end_offset: Mapped[int | None] = mapped_column(Integer)
    claimant: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="fact")
    status: Mapped[str] = mapped_column(String(20), default=Status.UNVERIFIED.value)
    score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # A verdict is published once signed off; until then it is a draft. Cleared when the status changes.
    signed_off_by: Mapped[str | None] = mapped_column(String(200))
    signed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who is working on it; a name from the editor registry once the desk keeps one.
    assignee: Mapped[str | None] = mapped_column(String(200))
    # Optimistic locking: SQLAlchemy adds "AND version = :old" to every UPDATE of a claim.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    source: Mapped[Source | None] = relationship(back_populates="claims")
    evidence: Mapped[list[Evidence]] = relationship(back_populates="claim", order_by="Evidence.id")
    events: Mapped[list[ClaimEvent]] = relationship(back_populates="claim", order_by="ClaimEvent.id")
    entity_links: Mapped[list[ClaimEntity]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="ClaimEntity.entity_id"
    )

    @property
    def is_published(self) -> bool:
        """A verdict the desk stands behind in public (reports, ClaimReview)."""
        return Status(self.status).is_verdict and self.signed_off_at is not None

    @property
    def is_draft(self) -> bool:
        """A verdict still waiting for a second editor's sign-off."""
        return Status(self.status).is_verdict and self.signed_off_at is None

    @property
    def entities(self) -> list[Entity]:
        return [link.entity for link in self.entity_links]


class Entity(Base):
    """Something a claim names: an organisation, person, place, amount, percentage or date."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("label", "name", name="uq_entities_label_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(30))

    claim_links: Mapped[list[ClaimEntity]] = relationship(back_populates="entity")


class ClaimEntity(Base):
    __tablename__ = "claim_entities"
    __table_args__ = (Index("ix_claim_entities_entity_id", "entity_id"),)

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="RESTRICT"), primary_key=True)

    claim: Mapped[Claim] = relationship(back_populates="entity_links")
    entity: Mapped[Entity] = relationship(back_populates="claim_links")


class Evidence(Base):
    """A link an editor attached to a claim, and what it shows."""

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint(f"stance IN ({_values(Stance)})", name="stance"),
        Index("ix_evidence_claim_id", "claim_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="RESTRICT"))
    url: Mapped[str] = mapped_column(String(2000))
    stance: Mapped[str] = mapped_column(String(20))
    quote: Mapped[str | None] = mapped_column(Text)
    editor: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="evidence")


class ClaimEvent(Base):
    """One entry of a claim's append-only history: rows are only ever inserted."""

    __tablename__ = "claim_events"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_values(EventKind)})", name="kind"),
        Index("ix_claim_events_claim_id", "claim_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    editor: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id", ondelete="RESTRICT"))
    # An edit keeps the wording before and after, so the history alone tells what the claim said.
    old_text: Mapped[str | None] = mapped_column(Text)
    new_text: Mapped[str | None] = mapped_column(Text)
    # Who a claim was assigned to (assigned events), so assignments replay from the history.
    assignee: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="events")


class Editor(Base):
    """A person on the desk and their role. While nobody is registered, anyone may do anything."""

    __tablename__ = "editors"
    __table_args__ = (CheckConstraint(f"role IN ({_values(Role)})", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    added_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
