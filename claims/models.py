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
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from claims.limits import (
    ENTITY_NAME_LENGTH,
    FACTCHECK_NAME_LENGTH,
    LANGUAGE_LENGTH,
    NAME_LENGTH,
    RATING_LENGTH,
    TITLE_LENGTH,
    URL_LENGTH,
)

# Re-exported, so that services find the whole vocabulary in one place.
from claims.moments import as_utc
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
    title: Mapped[str | None] = mapped_column(String(TITLE_LENGTH))
    outlet: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    url: Mapped[str | None] = mapped_column(String(URL_LENGTH))  # the address as the editor typed it
    published: Mapped[date | None] = mapped_column(Date)
    author: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    # The address a web page gives as its own (<link rel="canonical">); None: not a page, or none given.
    canonical_url: Mapped[str | None] = mapped_column(String(URL_LENGTH))
    language: Mapped[str] = mapped_column(String(LANGUAGE_LENGTH), default="en")
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
        Index("ix_claims_merged_into", "merged_into"),
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
    claimant: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    kind: Mapped[str] = mapped_column(String(20), default="fact")
    status: Mapped[str] = mapped_column(String(20), default=Status.UNVERIFIED.value)
    score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # A verdict is published once signed off; until then it is a draft. Cleared when the status changes.
    signed_off_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    signed_off_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who is working on it; a name from the editor registry once the desk keeps one.
    assignee: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    # A merged claim points at the claim that carries on.
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="RESTRICT"))
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
    name: Mapped[str] = mapped_column(String(ENTITY_NAME_LENGTH))
    label: Mapped[str] = mapped_column(String(30))

    claim_links: Mapped[list[ClaimEntity]] = relationship(back_populates="entity")


class ClaimEntity(Base):
    __tablename__ = "claim_entities"
    # The claims an entity names, read from the index alone (`--entity`, `claims entities`).
    __table_args__ = (Index("ix_claim_entities_entity_claim", "entity_id", "claim_id"),)

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
    url: Mapped[str] = mapped_column(String(URL_LENGTH))
    stance: Mapped[str] = mapped_column(String(20))
    quote: Mapped[str | None] = mapped_column(Text)
    editor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Evidence added by mistake is withdrawn, never deleted: the history still points at it.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))

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
    editor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    note: Mapped[str | None] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id", ondelete="RESTRICT"))
    # An edit keeps the wording before and after, so the history alone tells what the claim said.
    old_text: Mapped[str | None] = mapped_column(Text)
    new_text: Mapped[str | None] = mapped_column(Text)
    # Who a claim was assigned to (assigned events), so assignments replay from the history.
    assignee: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    # An edit names the field it corrects (text when empty: edits before 0007 were of wording).
    field: Mapped[str | None] = mapped_column(String(20))
    # A creation records who made the claim and its kind (and its wording in new_text).
    claimant: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    claim_kind: Mapped[str | None] = mapped_column(String(20))
    merged_into: Mapped[int | None] = mapped_column(Integer)
    factcheck_id: Mapped[int | None] = mapped_column(Integer)
    # The event this one takes back (claims undo).
    undoes: Mapped[int | None] = mapped_column(Integer)
    # The first event of the command this one is part of (None: it opens its command): one undo
    # takes back a whole command, such as an edit of claimant and kind.
    part_of: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="events")


class Editor(Base):
    """A person on the desk and their role. While nobody is registered, anyone may do anything."""

    __tablename__ = "editors"
    __table_args__ = (CheckConstraint(f"role IN ({_values(Role)})", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    added_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An editor who left keeps their past work; their role no longer lets them do anything.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))


class EditorEvent(Base):
    """One entry of the editor list's history: NAME's role became ROLE (None: removed)."""

    __tablename__ = "editor_events"
    __table_args__ = (Index("ix_editor_events_name", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    old_role: Mapped[str | None] = mapped_column(String(20))
    role: Mapped[str | None] = mapped_column(String(20))
    by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SourceEvent(Base):
    """A correction of a source's details (title, outlet, address, date, author)."""

    __tablename__ = "source_events"
    __table_args__ = (Index("ix_source_events_source_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"))
    field: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    editor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Factcheck(Base):
    """A fact-check published by the desk or another fact-checker, as its ClaimReview said it.

    One per page address and claim: the same address with the claim reworded is another item. The
    embedding is computed at insert time; the full-text index (migration 0009) is the database's."""

    __tablename__ = "factchecks"
    __table_args__ = (UniqueConstraint("url", "claim_reviewed", name="uq_factchecks_url_claim_reviewed"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_reviewed: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(URL_LENGTH))
    # The organisation (ClaimReview author).
    reviewed_by: Mapped[str | None] = mapped_column(String(FACTCHECK_NAME_LENGTH))
    date_published: Mapped[date | None] = mapped_column(Date)
    rating: Mapped[str | None] = mapped_column(String(RATING_LENGTH))  # reviewRating.alternateName; None: unknown
    rating_value: Mapped[float | None] = mapped_column(Float)
    best_rating: Mapped[float | None] = mapped_column(Float)
    worst_rating: Mapped[float | None] = mapped_column(Float)
    claim_author: Mapped[str | None] = mapped_column(String(FACTCHECK_NAME_LENGTH))  # itemReviewed.author
    claim_appearance: Mapped[str | None] = mapped_column(Text)  # itemReviewed.appearance, addresses one a line
    claim_date: Mapped[date | None] = mapped_column(Date)  # itemReviewed.datePublished
    headline: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)
    # What the matcher reads in it (claims.matching.text.stored_reading), made at insert time (0013).
    reading: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ClaimVector(Base):
    """A claim's embedding and the wording it was computed from: an edited claim waits to be matched again."""

    __tablename__ = "claim_vectors"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)


class ClaimMatch(Base):
    """A fact-check or another of the desk's claims that may be the same claim, with the matcher's score.

    Every match the matcher ranks is kept; the desk's thresholds decide, on reading, which ones are
    shown as suggested or as the same claim."""

    __tablename__ = "claim_matches"
    __table_args__ = (
        CheckConstraint("(factcheck_id IS NULL) <> (matched_claim_id IS NULL)", name="one_target"),
        CheckConstraint("score >= 0 AND score <= 1", name="score_range"),
        UniqueConstraint("claim_id", "factcheck_id", "matched_claim_id", name="uq_claim_matches_claim_id"),
        Index("ix_claim_matches_score", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    factcheck_id: Mapped[int | None] = mapped_column(ForeignKey("factchecks.id", ondelete="CASCADE"))
    matched_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    matched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    factcheck: Mapped[Factcheck | None] = relationship(foreign_keys=[factcheck_id])
    matched_claim: Mapped[Claim | None] = relationship(foreign_keys=[matched_claim_id])
