"""Importing claims from spreadsheets under the desk's rules (exporting them: ``services.export``).

An import is all or nothing: the caller's transaction holds every row, and the first bad row
raises ``InvalidInput`` naming the row and the field, so the caller rolls back everything.
Each row goes through the desk's rulebook as the commands an editor would have given, and rows
are then written in bulk (straight to the driver, by COPY on PostgreSQL), because a newsroom's
spreadsheet can hold a hundred thousand claims; each imported claim gets the history and evidence
rows an editor's own work would leave, so history and reports stay truthful.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import Any, NamedTuple, cast

from sqlalchemy import ColumnElement, Connection, Table, func, select, text
from sqlalchemy.orm import Session

from claims.domain.claim import ClaimState, Event, apply, created
from claims.domain.rules import Actor, AddEvidence, ChangeStatus, Command, Create, Publish, create, decide
from claims.errors import ClaimsError, InvalidInput, MissingDetail, NotAllowed, RuleViolation
from claims.exchange import NumberedRow, Row
from claims.models import Base, Claim, ClaimEvent, ClaimKind, EventKind, Evidence, Role, Source, Stance, Status, utcnow
from claims.services.common import (
    Choice,
    check_url,
    claim_text,
    parse_date,
    parse_kind,
    parse_stance,
    parse_status,
)  # fmt: skip
from claims.services.editors import authorize, list_editors
from claims.services.sources import ArticleText
from claims.services.tallies import count_new_claims
from claims.services.workflow import DEFAULT_STANCE

CHUNK_ROWS = 5_000
# The articles an import keeps ready for finding its claims in (see ``_BulkWriter._article``).
ARTICLE_CHARACTERS_KEPT = 4_000_000
STATUSES = {status.value: status for status in Status}
KINDS = {kind.value: kind for kind in ClaimKind}


class SourceRef(NamedTuple):
    """A source as a spreadsheet names it: by address, or by title, outlet and date."""

    url: str | None
    title: str | None
    outlet: str | None
    published: date | None


class ClaimRow(NamedTuple):
    """One row, checked: everything needed to store the claim as an editor would have.

    Tuples, not frozen dataclasses: they are built by the hundred thousand."""

    number: int
    text: str
    claimant: str | None
    kind: ClaimKind
    status: Status
    source_id: int | None
    source: SourceRef | None
    evidence: tuple[tuple[str, Stance], ...]
    note: str | None
    editor: str
    verdict_at: datetime | None
    signed_off_by: str | None
    # Whether the verdict is published (the export says so); None: not said, so as the desk gives it.
    published: bool | None


@dataclass(frozen=True)
class ImportResult:
    claims: int
    sources: int  # sources created for addresses no source had yet
    evidence: int


class _BadCell(Exception):
    """A cell the desk's rules refuse; ``check_row`` names its row."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message)
        self.field, self.message = field, message


def check_row(number: int, row: Row, *, editor: str) -> ClaimRow:
    """A row as the desk's rules allow it, or InvalidInput naming the row and the field.

    ROW holds only the cells with something in them, stripped (see ``read_rows``). Plain
    functions, no closures: rows are checked by the hundred thousand."""
    try:
        return _checked_row(number, row, editor)
    except _BadCell as problem:
        raise InvalidInput(f"row {number}, {problem.field}: {problem.message}") from None


def _checked_row(number: int, row: Row, editor: str) -> ClaimRow:
    field = row.get
    wording = _parsed("text", claim_text, field("text"))
    kind = _choice(row, "kind", KINDS, ClaimKind.FACT, parse_kind)
    status = _choice(row, "status", STATUSES, Status.UNVERIFIED, parse_status)

    source_id = source = None
    url, title, outlet, published = (
        field("source_url"),
        field("source_title"),
        field("source_outlet"),
        field("source_published"),
    )
    if (raw_id := field("source_id")) is not None:
        if url or title or outlet or published:
            raise _BadCell("source_id", "name the source by source_id or by source_url and its details, not both")
        if not raw_id.isdigit():
            raise _BadCell("source_id", f"{raw_id!r} is not a source number")
        source_id = int(raw_id)
    elif url or title or outlet or published:
        source = SourceRef(
            _parsed("source_url", _web_address, url) if url else None,
            title,
            outlet,
            _parsed("source_published", _publication_date, published) if published else None,
        )

    given = field("evidence_url")
    urls = given.split() if given else []
    if not all(map(_looks_like_web_address, urls)):
        urls = [_parsed("evidence_url", _web_address, item) for item in urls]
    given = field("stance")
    stances = [_parsed("stance", parse_stance, item) for item in given.split()] if given else []
    if stances and not urls:
        raise _BadCell("stance", "a stance goes with an evidence_url")
    if len(stances) > 1 and len(stances) != len(urls):
        raise _BadCell("stance", f"{len(stances)} stances for {len(urls)} evidence URLs: give one, or one per URL")
    default = stances[0] if stances else DEFAULT_STANCE.get(status, Stance.CONTEXT)
    evidence = tuple(zip(urls, stances if len(stances) > 1 else [default] * len(urls), strict=False))

    note = field("note")

    given = field("verdict_at")
    verdict_at = _parsed("verdict_at", _moment, given) if given else None
    signed_off_by = field("signed_off_by")
    if not status.is_verdict:
        if verdict_at is not None:
            raise _BadCell("verdict_at", f"the claim is {status.value}: only a verdict has a date")
        if signed_off_by is not None:
            raise _BadCell("signed_off_by", f"the claim is {status.value}: only a verdict is signed off")
    given = field("published")
    published = _parsed("published", _yes_or_no, given) if given else None
    if published is not None and not status.is_verdict:
        raise _BadCell("published", f"the claim is {status.value}: only a verdict is published")
    if published is False and signed_off_by is not None:
        raise _BadCell("published", "a verdict signed off by someone is published")
    if status is Status.MERGED:
        raise _BadCell("status", "a merged claim cannot be imported: import the claim it was merged into")
    return ClaimRow(
        number, wording, field("claimant"), kind, status, source_id, source, evidence, note,
        field("editor") or editor, verdict_at, signed_off_by, published,
    )  # fmt: skip


YES_OR_NO = {"yes": True, "no": False, "true": True, "false": False}


def _yes_or_no(value: str) -> bool:
    found = YES_OR_NO.get(value.strip().lower())
    if found is None:
        raise InvalidInput(f"{value!r} is neither yes nor no")
    return found


def _parsed(name: str, parse: Callable[[Any], Any], value: Any) -> Any:
    try:
        return parse(value)
    except InvalidInput as error:
        raise _BadCell(name, str(error)) from None


def _choice(
    row: Row, name: str, exact: Mapping[str, Choice], default: Choice, parse: Callable[[str], Choice]
) -> Choice:
    """The cell's word: an exact match is a dictionary look-up, anything else goes through PARSE."""
    given = row.get(name)
    if given is None:
        return default
    found = exact.get(given)
    return found if found is not None else _parsed(name, parse, given)


def _publication_date(value: str) -> date:
    return parse_date(value, field="date")


def _web_address(url: str) -> str:
    return url if _looks_like_web_address(url) else check_url(url)


def _looks_like_web_address(url: str) -> bool:
    """What check_url accepts, decided without urlparse for the common case (lower-case scheme, a host)."""
    start = 8 if url.startswith("https://") else 7 if url.startswith("http://") else 0
    return 0 < start < len(url) and url[start] not in "/?# \t"


CLOCK_SKEW = timedelta(minutes=5)


def _moment(value: str) -> datetime:
    """A date or a date and time; one with no zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS") from None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    # A verdict from the future is a typo (2205 for 2025) that would head every report for ever.
    if moment > utcnow() + CLOCK_SKEW:
        raise InvalidInput(f"{value!r} is in the future")
    return moment


def import_claims(
    session: Session,
    rows: Iterable[NumberedRow],
    *,
    editor: str,
    origin: str,
    on_progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Store every row, or raise naming a bad row and field (the caller's transaction then writes nothing).

    Each row becomes the commands an editor would have given at the desk (add the claim, attach
    its evidence, take it into review, give the verdict, sign it off), run through the rulebook
    (``claims.domain.rules``) under the name the row gives, so the desk's rules hold for imports
    as for everything else. Only the rule about the importer is this module's own: a file naming
    anyone but the importer as editor or signer records colleagues' work, which only a chief may
    import.
    """
    authorize(session, editor, Role.REPORTER, doing="importing claims")
    actors = _Actors({found.name: Role(found.role) for found in list_editors(session)})
    writer = _BulkWriter(session.connection(), origin=origin, actors=actors)
    try:
        done = _write_chunks(session, writer, rows, editor, actors, on_progress)
    except BaseException:
        writer.abandon()
        raise
    writer.finish()
    return ImportResult(claims=done, sources=writer.sources_created, evidence=writer.evidence_written)


def _write_chunks(
    session: Session,
    writer: _BulkWriter,
    rows: Iterable[NumberedRow],
    editor: str,
    actors: _Actors,
    on_progress: Callable[[int], None] | None,
) -> int:
    """Check and write the rows a chunk at a time (CHUNK_ROWS): memory holds one chunk, not the file."""
    editor_checked = chief_checked = False
    numbered = iter(rows)
    done = 0
    while chunk := [check_row(number, row, editor=editor) for number, row in islice(numbered, CHUNK_ROWS)]:
        if not editor_checked and any(row.status is not Status.UNVERIFIED for row in chunk):
            authorize(session, editor, Role.EDITOR, doing="importing claims with a status or verdict")
            editor_checked = True
        # The rows' own names are checked first (by the rules, as the writer goes): a file naming
        # someone who may not do that work is wrong whoever imports it.
        writer.write(chunk)
        if actors.registry and not chief_checked:
            for row in chunk:
                if row.editor != editor or row.signed_off_by not in (None, editor):
                    colleague = row.editor if row.editor != editor else row.signed_off_by
                    try:
                        authorize(session, editor, Role.CHIEF, doing=f"importing {colleague}'s work")
                    except NotAllowed as error:
                        raise NotAllowed(f"row {row.number}: {error}") from None
                    chief_checked = True
                    break
        done += len(chunk)
        if on_progress is not None:
            on_progress(done)
    return done


class _Actors:
    """The names a file gives, as the rules see them (looked up once each)."""

    def __init__(self, roles: dict[str, Role]) -> None:
        self.roles, self.registry = roles, bool(roles)
        self.known: dict[str, Actor] = {}

    def __call__(self, name: str) -> Actor:
        found = self.known.get(name)
        if found is None:
            found = self.known[name] = Actor(name, self.roles.get(name), self.registry)
        return found


def row_history(
    row: ClaimRow, claim_id: int, evidence_ids: Sequence[int], actors: _Actors, *, created_note: str
) -> tuple[ClaimState, list[Event]]:
    """The events the desk's rules give a row's work, and the claim's state after them."""
    actor = actors(row.editor)
    field = "editor"
    try:
        event = create(Create(row.text, row.claimant, row.kind, note=created_note), actor)
        state = created(claim_id, event)
        events = [event]
        commands: list[Command] = [AddEvidence(evidence_id) for evidence_id in evidence_ids]
        if row.status is not Status.UNVERIFIED:
            if row.status is not Status.IN_REVIEW and row.status is not Status.DISMISSED:
                commands.append(ChangeStatus(Status.IN_REVIEW))
            commands.append(ChangeStatus(row.status, note=row.note))
        for command in commands:
            field = "status" if isinstance(command, ChangeStatus) else "editor"
            for event in decide(state, command, actor):
                # A verdict a file gives is signed off as the file says, below.
                if event.kind is not EventKind.APPROVED:
                    state = apply(state, event)
                    events.append(event)
        if row.status.is_verdict:
            field = "signed_off_by"
            signer = actors(row.signed_off_by) if row.signed_off_by is not None else None
            for event in decide(state, Publish(signer, as_given=row.published is not False), actor):
                state = apply(state, event)
                events.append(event)
    except ClaimsError as error:
        raise _refused_row(row, field, error, claim_id) from None
    return state, events


def _refused_row(row: ClaimRow, field: str, error: ClaimsError, claim_id: int) -> ClaimsError:
    """The rulebook's refusal of a row, naming the cell at fault in the file's own words: the
    editor a role does not allow, the status a missing evidence_url or note does not allow, or
    the signer. The id the claim would have had means nothing to whoever wrote the file."""
    if isinstance(error, NotAllowed) and field == "status":
        field = "editor"  # the status is fine; whoever the row says gave it may not
    if isinstance(error, MissingDetail):
        wanted = (
            "evidence: give the row an evidence_url"
            if error.needs == "evidence"
            else "a note saying why: give the row a note"
        )
        return RuleViolation(f"row {row.number}, {field}: {row.status.value} needs {wanted}")
    message = str(error).replace(f"claim {claim_id}: ", "").replace(f"claim {claim_id} ", "the claim ")
    return type(error)(f"row {row.number}, {field}: {message}")


class _BulkWriter:
    """Writes a chunk of rows at a time: their sources, claims, evidence and the events the
    rulebook gave them, straight to the driver (see ``_insert_many``), in file order, so that
    event ids follow the claims as the file lists them, as if the desk had worked through it
    row by row."""

    def __init__(self, connection: Connection, *, origin: str, actors: _Actors) -> None:
        self.connection = connection
        self.actors = actors
        if connection.dialect.name == "sqlite":
            # The claim and history indexes outgrow SQLite's 2 MB page cache within a few thousand
            # rows; 16 MB keeps a million-claim import linear, and its memory what it is at 10,000.
            connection.exec_driver_sql("PRAGMA cache_size = -16384")
        self.search = _SearchIndexFeed(connection)
        self.tallies = _TallyFeed(connection)
        self.now = utcnow()
        # Timestamps and dates as the driver takes them; an import repeats few of them.
        self.moment = _binder(connection, _table(Claim).c.created_at)
        self.day = _binder(connection, _table(Source).c.published)
        self.created_note = f"imported from {origin}"
        self.sources_created = self.evidence_written = 0
        # Sources are few next to claims: load their details once (not their texts), and find
        # them by address or description.
        self.by_url: dict[str, int] = {}
        self.by_description: dict[SourceRef, int] = {}
        self.outlets: dict[int, str | None] = {}
        self.with_text: set[int] = set()  # the sources holding an article (not only a spreadsheet's details)
        # The articles claims were last looked for in, made ready for look-ups (the latest used last):
        # a file's rows mostly come source by source, and an archive's articles would not fit in memory.
        self.articles: OrderedDict[int, ArticleText] = OrderedDict()
        self.article_characters = 0
        known = select(
            Source.id, Source.url, Source.title, Source.outlet, Source.published, func.length(Source.text) > 0
        ).order_by(Source.id.desc())
        for source_id, url, title, outlet, published, has_text in connection.execute(known):
            if url:
                self.by_url[url] = source_id
            else:
                self.by_description[SourceRef(None, title, outlet, published)] = source_id
            self.outlets[source_id] = outlet
            if has_text:
                self.with_text.add(source_id)

    def finish(self) -> None:
        """After the last chunk: the database keeps the search index in step again."""
        self.search.resume()
        self.tallies.resume()

    def abandon(self) -> None:
        """After a refused row: the caller rolls the transaction back, which also brings back
        what ``finish`` would; this does it anyway, in case a caller commits what it has."""
        self.search.resume(quietly=True)
        self.tallies.resume(quietly=True)

    def write(self, rows: Sequence[ClaimRow]) -> None:
        self._create_sources(rows)
        source_ids = [self._source_id(row) for row in rows]
        claim_ids = _reserve_ids(self.connection, _table(Claim), len(rows))
        evidence_ids = iter(_reserve_ids(self.connection, _table(Evidence), sum(len(row.evidence) for row in rows)))
        claims: list[tuple[Any, ...]] = []
        evidence: list[tuple[Any, ...]] = []
        history: list[tuple[Any, ...]] = []
        moment, now = self.moment, self.moment(self.now)
        for row, claim_id, source_id in zip(rows, claim_ids, source_ids, strict=True):
            if row.verdict_at is None:
                decided_at = created_at = now
            else:
                decided_at, created_at = moment(row.verdict_at), moment(min(row.verdict_at, self.now))
            sentence = start = end = None
            # A source known only from a spreadsheet has no text to find the claim in.
            if source_id is not None and source_id in self.with_text:
                article = self._article(source_id)
                if (place := article.place(row.text)) is not None:
                    start, end = place
                    sentence = article.article[start:end]
            claimant = row.claimant or (self.outlets[source_id] if source_id is not None else None)
            # An unverified row's note is why the claim was added; any other row's, why it has its status.
            created_note = (row.note if row.status is Status.UNVERIFIED else None) or self.created_note
            row = row._replace(claimant=claimant, note=row.note if row.status is not Status.UNVERIFIED else None)
            own_evidence = [next(evidence_ids) for _ in row.evidence]
            state, events = row_history(row, claim_id, own_evidence, self.actors, created_note=created_note)
            for evidence_id, (url, stance) in zip(own_evidence, row.evidence, strict=True):
                evidence.append((evidence_id, claim_id, url, STANCE_VALUES[stance], None, row.editor, created_at))
            for event in events:
                at = created_at if event.kind in _ON_CREATION else decided_at
                history.append(_event_values(claim_id, event, at))
            signer = state.signed_off_by
            claims.append(
                (claim_id, source_id, row.text, sentence, start, end, claimant, KIND_VALUES[row.kind],
                 STATUS_VALUES[state.status], None, created_at, now, signer,
                 decided_at if signer is not None else None, 1)
            )  # fmt: skip
        _insert_many(self.connection, _table(Claim), CLAIM_COLUMNS, claims)
        # Ids are consecutive on SQLite, where the feeds work.
        self.search.add(claim_ids[0], claim_ids[-1])
        self.tallies.add(claim_ids[0], claim_ids[-1])
        _insert_many(self.connection, _table(Evidence), EVIDENCE_COLUMNS, evidence)
        _insert_many(self.connection, _table(ClaimEvent), EVENT_COLUMNS, history)
        self.evidence_written += len(evidence)

    def _article(self, source_id: int) -> ArticleText:
        """The source's article, ready for look-ups; read from the database when not among the
        latest used (ARTICLE_CHARACTERS_KEPT between them)."""
        article = self.articles.get(source_id)
        if article is not None:
            self.articles.move_to_end(source_id)
            return article
        found = self.connection.execute(select(Source.text).where(Source.id == source_id)).scalar_one()
        article = self.articles[source_id] = ArticleText(found)
        self.article_characters += len(found)
        while self.article_characters > ARTICLE_CHARACTERS_KEPT and len(self.articles) > 1:
            _, dropped = self.articles.popitem(last=False)
            self.article_characters -= len(dropped.article)
        return article

    def _source_id(self, row: ClaimRow) -> int | None:
        if row.source_id is not None:
            if row.source_id not in self.outlets:
                raise InvalidInput(f"row {row.number}, source_id: no source with id {row.source_id}")
            return row.source_id
        ref = row.source
        if ref is None:
            return None
        return self.by_url[ref.url] if ref.url else self.by_description[ref]

    def _create_sources(self, rows: Sequence[ClaimRow]) -> None:
        """Sources known only from a spreadsheet: their details, but not their text.

        Rows naming one address with different titles get one source, described by the first."""
        new: dict[str | SourceRef, SourceRef] = {}
        for row in rows:
            ref = row.source
            if ref is not None and (ref.url not in self.by_url if ref.url else ref not in self.by_description):
                new.setdefault(ref.url or ref, ref)
        if not new:
            return
        values = []
        for source_id, ref in zip(_reserve_ids(self.connection, _table(Source), len(new)), new.values(), strict=False):
            description = "\n".join(str(part or "") for part in (ref.url, ref.title, ref.outlet, ref.published))
            # Unique like an article's hash, so that the same description is one source.
            digest = hashlib.sha256(f"imported source\n{description}".encode()).hexdigest()
            values.append(
                (
                    source_id,
                    ref.title,
                    ref.outlet,
                    ref.url,
                    self.day(ref.published),
                    None,
                    "en",
                    "",
                    digest,
                    self.moment(self.now),
                )
            )
            if ref.url:
                self.by_url[ref.url] = source_id
            else:
                self.by_description[ref] = source_id
            self.outlets[source_id] = ref.outlet
        _insert_many(self.connection, _table(Source), SOURCE_COLUMNS, values)
        self.sources_created += len(values)


# Events dated when the claim was added; the rest are dated when it got its status.
_ON_CREATION = frozenset({EventKind.CREATED, EventKind.EVIDENCE_ADDED})
EVENT_COLUMNS = (
    "claim_id", "kind", "from_status", "to_status", "editor", "note", "evidence_id", "new_text", "claimant",
    "claim_kind", "created_at",
)  # fmt: skip


def _event_values(claim_id: int, event: Event, at: Any) -> tuple[Any, ...]:
    """An import's event as a row of EVENT_COLUMNS (imports give no edits, undos or links)."""
    return (
        claim_id, EVENT_KIND_VALUES[event.kind], STATUS_VALUES.get(event.from_status),
        STATUS_VALUES.get(event.to_status), event.editor, event.note, event.evidence_id,
        event.new_value, event.claimant, KIND_VALUES.get(event.claim_kind), at,
    )  # fmt: skip


CLAIM_COLUMNS = (
    "id", "source_id", "text", "sentence", "start_offset", "end_offset", "claimant", "kind", "status", "score",
    "created_at", "updated_at", "signed_off_by", "signed_off_at", "version",
)  # fmt: skip
EVIDENCE_COLUMNS = ("id", "claim_id", "url", "stance", "quote", "editor", "created_at")
SOURCE_COLUMNS = (
    "id",
    "title",
    "outlet",
    "url",
    "published",
    "author",
    "language",
    "text",
    "content_hash",
    "created_at",
)
# Plain strings for the driver, looked up rather than read through the enum's slow ``.value``.
# Read with .get where the event may give none: None, not a key, gives None (NULL).
STATUS_VALUES: dict[Status | None, str | None] = {status: status.value for status in Status}
STANCE_VALUES = {stance: stance.value for stance in Stance}
KIND_VALUES: dict[ClaimKind | None, str | None] = {kind: kind.value for kind in ClaimKind}
EVENT_KIND_VALUES = {kind: kind.value for kind in EventKind}


def _table(model: type[Base]) -> Table:
    """The model's table, typed as the Table it is (the ORM types it as any FROM clause)."""
    return cast(Table, model.__table__)


def _insert_many(connection: Connection, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Rows of values already bound (see ``_binder``) straight to the driver: SQLAlchemy's per-row
    parameter handling costs more than the database's own work at this size. PostgreSQL takes
    them by COPY, its bulk load, several times faster than a statement per row (triggers and
    constraints hold for COPY as for INSERT)."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        with (
            cast(Any, connection.connection.cursor()) as cursor,
            cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    placeholder = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    statement = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([placeholder] * len(columns))})"
    connection.exec_driver_sql(statement, rows)


BINDER_MEMO = 10_000


def _binder(connection: Connection, column: ColumnElement[Any]) -> Callable[[Any], Any]:
    """The column type's conversion of a value for the driver (timestamps to UTC, dates as text
    on SQLite), done once per distinct value."""
    process = column.type._cached_bind_processor(connection.dialect)
    memo: dict[Any, Any] = {None: None}

    def bind(value: Any) -> Any:
        if value not in memo:
            if len(memo) > BINDER_MEMO:  # a file giving every verdict its own moment
                memo.clear()
                memo[None] = None
            memo[value] = process(value) if process is not None else value
        return memo[value]

    return bind


def _reserve_ids(connection: Connection, table: Table, count: int) -> Sequence[int]:
    """Ids for rows about to be inserted, so that their evidence can point at them in bulk.

    PostgreSQL hands them out from the table's sequence, safe beside other writers. On SQLite
    the writing transaction holds the database's write lock, so the next ids are ours.
    """
    if count == 0:
        return []
    if connection.dialect.name == "postgresql":
        query = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
        return connection.execute(query, {"table": table.name, "count": count}).scalars().all()
    start = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
    return range(start, start + count)


class _TriggerSetAside:
    """A trigger on new claims taken out of SQLite's schema for the import's transaction, and
    put back before the commit exactly as it was (its own SQL, read from the schema).

    A rolled-back import brings it back with everything else, and other connections never see
    the schema without it (SQLite's DDL is transactional and the import holds the write lock).
    The import does the trigger's work itself, a chunk of claims at a time (see the users)."""

    def __init__(self, connection: Connection, name: str, *, recognised: Callable[[str], bool]) -> None:
        self.connection, self.name = connection, name
        self.trigger: str | None = None  # the trigger's SQL while it is taken out
        if connection.dialect.name != "sqlite":
            return
        found = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).scalar()
        if found and recognised(found):
            connection.exec_driver_sql(f"DROP TRIGGER {name}")
            self.trigger = found

    @property
    def set_aside(self) -> bool:
        return self.trigger is not None

    def resume(self, *, quietly: bool = False) -> None:
        if self.trigger is None:
            return
        trigger, self.trigger = self.trigger, None
        try:
            self.connection.exec_driver_sql(trigger)
        except Exception:
            if not quietly:
                raise


class _SearchIndexFeed:
    """SQLite's full-text index of the claims (migration 0008), fed a chunk of new claims at a
    time instead of a claim at a time.

    The database keeps the index in step by a trigger on each inserted claim; a statement per
    claim costs an import more than writing the claim itself. For the import's transaction the
    trigger is taken out (``_TriggerSetAside``), and the index is given each chunk's claims by
    the trigger's own statement, turned into one ``INSERT ... SELECT`` over the chunk's ids, so
    the index ends up exactly as the trigger would have left it. A trigger this does not
    recognise is left in place, to do its work claim by claim. PostgreSQL computes its search
    column in the row: nothing to do.
    """

    TRIGGER = "claims_search_insert"
    # CREATE TRIGGER ... AFTER INSERT ON claims BEGIN INSERT INTO <index> (<columns>) VALUES (<new.values>); END
    BODY = re.compile(
        r"\bAFTER\s+INSERT\s+ON\s+claims\s+(?:FOR\s+EACH\s+ROW\s+)?BEGIN\s+(INSERT\s+INTO\s+\w+\s*\([^()]*\))"
        r"\s*VALUES\s*\(([^()]*)\)\s*;\s*END\s*$",
        re.IGNORECASE,
    )

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.statement = ""
        self.trigger = _TriggerSetAside(connection, self.TRIGGER, recognised=self._recognised)

    def _recognised(self, trigger: str) -> bool:
        match = self.BODY.search(trigger)
        if match is None:
            return False
        insert, values = match.groups()
        self.statement = f"{insert} SELECT {values} FROM claims AS new WHERE new.id BETWEEN ? AND ?"
        return True

    def add(self, first_id: int, last_id: int) -> None:
        """Index the claims with ids FIRST_ID to LAST_ID, just inserted."""
        if self.trigger.set_aside:
            self.connection.exec_driver_sql(self.statement, (first_id, last_id))

    def resume(self, *, quietly: bool = False) -> None:
        self.trigger.resume(quietly=quietly)


class _TallyFeed:
    """The claims' kept counts (``claim_tallies``, migration 0011) given a chunk of new claims at
    a time: on SQLite a trigger counts each inserted claim by an upsert, a statement per claim,
    as costly as the search index's was. For the import's transaction it is taken out like the
    search index's (``_TriggerSetAside``), and each chunk is counted by one grouped upsert
    (``tallies.count_new_claims``, by the key ``claims db verify`` counts with). Imported claims
    name no entities, so ``entity_tallies`` has nothing to count. PostgreSQL's triggers count a
    whole COPY in one statement already: nothing to do there.
    """

    TRIGGER = "claim_tallies_insert"

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.trigger = _TriggerSetAside(connection, self.TRIGGER, recognised=lambda _: True)

    def add(self, first_id: int, last_id: int) -> None:
        """Count the claims with ids FIRST_ID to LAST_ID, just inserted."""
        if self.trigger.set_aside:
            count_new_claims(self.connection, first_id, last_id)

    def resume(self, *, quietly: bool = False) -> None:
        self.trigger.resume(quietly=quietly)
