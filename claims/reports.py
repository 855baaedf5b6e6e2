"""The status report: what the desk has checked, what is open, and what was decided.

Pure: ``services.reports.build_status_report`` gathers a ``StatusReport`` from the database,
and the functions here turn it into Markdown, JSON or CSV text, or a rich renderable
(``claims.report_html`` makes the HTML page). A verdict is published once signed off and a
draft until then; every format shows the two apart. Counts cover every claim in scope; the
lists hold at most a page each (``limit``), and every format says when there are more.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from claims.limits import printable
from claims.moments import as_utc, day, timestamp
from claims.vocabulary import OPEN_STATUSES, SET_ASIDE, VERDICTS, Status

if TYPE_CHECKING:
    from rich.console import RenderableType

STATUS_ORDER = [status.value for status in Status]


@dataclass(frozen=True)
class SourceSummary:
    id: int
    title: str | None
    outlet: str | None
    published: date | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class OpenClaim:
    id: int
    text: str
    status: str
    source_id: int | None
    created_at: datetime
    age_days: int


@dataclass(frozen=True)
class Verdict:
    claim_id: int
    text: str
    status: str
    editor: str
    note: str | None
    given_at: datetime
    evidence_urls: list[str]
    published: bool  # signed off; a draft otherwise
    signed_off_by: str | None


@dataclass(frozen=True)
class Activity:
    """One entry of a claim's history, for the report's recent activity."""

    at: datetime
    claim_id: int
    claim_text: str
    kind: str
    from_status: str | None
    to_status: str | None
    editor: str
    note: str | None

    @property
    def summary(self) -> str:
        if self.kind == "status_changed":
            return f"{_label(self.from_status or '')} → {_label(self.to_status or '')}"
        return _label(self.kind)


@dataclass(frozen=True)
class StatusReport:
    generated_at: datetime
    counts: dict[str, int]  # claims by status, every status
    by_kind: dict[str, int] = field(default_factory=dict)
    by_assignee: dict[str, dict[str, int]] = field(default_factory=dict)  # {editor or "": {"open", "resolved"}}
    sources: list[SourceSummary] = field(default_factory=list)  # the newest, at most `limit`
    sources_total: int = 0
    open_claims: list[OpenClaim] = field(default_factory=list)  # the oldest, at most `limit`
    open_total: int = 0
    verdicts: list[Verdict] = field(default_factory=list)  # the latest published and drafts, `limit` each
    published_total: int = 0
    draft_total: int = 0
    activity: list[Activity] = field(default_factory=list)
    scope: list[str] = field(default_factory=list)  # the filters, in words; empty for the whole desk
    # Claims whose stored match with a published fact-check reads as the same claim.
    checked_elsewhere: int = 0
    limit: int | None = None  # how long each list may be; None: every row

    @property
    def published_verdicts(self) -> list[Verdict]:
        return [verdict for verdict in self.verdicts if verdict.published]

    @property
    def draft_verdicts(self) -> list[Verdict]:
        return [verdict for verdict in self.verdicts if not verdict.published]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def resolved(self) -> int:
        return sum(self.counts.get(status.value, 0) for status in VERDICTS)

    @property
    def set_aside(self) -> int:
        """Dismissed and merged claims: counted apart, and not in the share resolved."""
        return sum(self.counts.get(status.value, 0) for status in SET_ASIDE)

    @property
    def resolved_share(self) -> float:
        """Verdicts among the claims worth checking (dismissed and merged ones left out)."""
        checkable = self.total - self.set_aside
        return self.resolved / checkable if checkable else 0.0


def _aside(report: StatusReport) -> str:
    return f"; {report.set_aside} set aside (dismissed or merged)" if report.set_aside else ""


def _label(status: str) -> str:
    return status.replace("_", " ")


def _elsewhere(report: StatusReport) -> str:
    """Said only when the archive has something to say: most reports are of desks without one."""
    return f", {report.checked_elsewhere} already checked elsewhere" if report.checked_elsewhere else ""


def more_line(shown: int, total: int, noun: str) -> str | None:
    """What a cut list says under it: how many of how many, and how to see them all."""
    if shown >= total:
        return None
    return f"{shown:,} of {total:,} {noun} shown; claims report --all lists every one."


def scope_line(report: StatusReport) -> str:
    return "Claims " + ", ".join(report.scope) if report.scope else "All claims"


def to_json(report: StatusReport) -> str:
    data: dict[str, Any] = {
        "generated_at": timestamp(report.generated_at),
        "scope": report.scope,
        "total": report.total,
        "resolved": report.resolved,
        "resolved_share": round(report.resolved_share, 4),
        "set_aside": report.set_aside,
        "checked_elsewhere": report.checked_elsewhere,
        "by_status": report.counts,
        "by_kind": report.by_kind,
        "by_assignee": report.by_assignee,
        "open": report.open_total,
        "published": report.published_total,
        "drafts": report.draft_total,
        "sources_total": report.sources_total,
        "sources": [
            {
                "id": source.id,
                "title": source.title,
                "outlet": source.outlet,
                "published": day(source.published),
                "total": source.total,
                "by_status": source.counts,
            }
            for source in report.sources
        ],
        "open_claims": [
            {
                "id": claim.id,
                "text": claim.text,
                "status": claim.status,
                "source_id": claim.source_id,
                "created_at": timestamp(claim.created_at),
                "age_days": claim.age_days,
            }
            for claim in report.open_claims
        ],
        "verdicts": [
            {
                "claim_id": verdict.claim_id,
                "text": verdict.text,
                "status": verdict.status,
                "editor": verdict.editor,
                "note": verdict.note,
                "given_at": timestamp(verdict.given_at),
                "evidence": verdict.evidence_urls,
                "published": verdict.published,
                "signed_off_by": verdict.signed_off_by,
            }
            for verdict in report.verdicts
        ],
        "activity": [
            {
                "at": timestamp(item.at),
                "claim_id": item.claim_id,
                "text": item.claim_text,
                "kind": item.kind,
                "from_status": item.from_status,
                "to_status": item.to_status,
                "editor": item.editor,
                "note": item.note,
            }
            for item in report.activity
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def to_csv(report: StatusReport) -> str:
    """One row for the whole desk, then one per source: what a spreadsheet wants to chart."""
    from claims.spreadsheet import CsvWriter

    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["scope", "source_id", "title", "outlet", "published", "total", *STATUS_ORDER])
    writer.writerow(["all", "", "", "", "", report.total, *(report.counts[s] for s in STATUS_ORDER)])
    for source in report.sources:
        writer.writerow(
            [
                "source",
                source.id,
                source.title or "",
                source.outlet or "",
                day(source.published) or "",
                source.total,
                *(source.counts[s] for s in STATUS_ORDER),
            ]
        )
    return out.getvalue()


# What can make inline Markdown of text in a table cell: emphasis, code, links and images (which
# need their brackets), strikethrough, the cell's own edges, and the backslash that escapes them.
_MARKDOWN = re.compile(r"([\\`*_\[\]|~])")


def _md(text: str | None) -> str:
    """Text from an article or an editor, safe inside a Markdown table cell and shown as text, never
    as markup, where the Markdown becomes HTML: a line break of any kind (a CRLF would end the row)
    is a space, control characters are shown as escapes, `[x](javascript:...)` and `![](tracker)`
    stay words, and HTML stays text."""
    cell = _MARKDOWN.sub(r"\\\1", printable(" ".join((text or "").split())))
    return cell.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(report: StatusReport) -> str:
    lines = [
        "# Claims status report",
        "",
        f"Generated {timestamp(report.generated_at)}. {scope_line(report)}: "
        f"{report.total} claims, {report.resolved} resolved ({report.resolved_share:.0%}){_aside(report)}{_elsewhere(report)}.",
        "",
        "| Status | Claims |",
        "|---|---:|",
        *(f"| {_label(status)} | {report.counts[status]} |" for status in STATUS_ORDER),
        "",
        "| Kind | Claims |",
        "|---|---:|",
        *(f"| {kind} | {count} |" for kind, count in report.by_kind.items()),
        "",
        "| Assigned to | Open | Resolved |",
        "|---|---:|---:|",
        *(f"| {_md(name) or 'nobody'} | {n['open']} | {n['resolved']} |" for name, n in report.by_assignee.items()),
        "",
        "## Sources",
        "",
        "| # | Title | Outlet | Published | Claims | " + " | ".join(_label(s) for s in STATUS_ORDER) + " |",
        "|---:|---|---|---|---:|" + "---:|" * len(STATUS_ORDER),
    ]
    for source in report.sources:
        counts = " | ".join(str(source.counts[s]) for s in STATUS_ORDER)
        lines.append(
            f"| {source.id} | {_md(source.title)} | {_md(source.outlet)} | {day(source.published) or ''} "
            f"| {source.total} | {counts} |"
        )
    lines += _more(len(report.sources), report.sources_total, "sources")
    lines += ["", "## Open claims, oldest first", ""]
    if report.open_claims:
        lines += ["| # | Claim | Status | Age (days) |", "|---:|---|---|---:|"]
        lines += [f"| {c.id} | {_md(c.text)} | {_label(c.status)} | {c.age_days} |" for c in report.open_claims]
        lines += _more(len(report.open_claims), report.open_total, "open claims")
    else:
        lines.append("No open claims.")
    lines += _markdown_verdicts("Published verdicts", report.published_verdicts, "No published verdicts.")
    lines += _more(len(report.published_verdicts), report.published_total, "published verdicts")
    lines += _markdown_verdicts("Draft verdicts, awaiting sign-off", report.draft_verdicts, "No drafts.")
    lines += _more(len(report.draft_verdicts), report.draft_total, "drafts")
    lines += ["", "## Recent activity", ""]
    if report.activity:
        lines += ["| When | # | Claim | What | By | Note |", "|---|---:|---|---|---|---|"]
        lines += [
            f"| {timestamp(a.at)} | {a.claim_id} | {_md(a.claim_text)} | {a.summary} | {_md(a.editor)} | {_md(a.note)} |"
            for a in report.activity
        ]
    else:
        lines.append("Nothing happened.")
    return "\n".join(lines) + "\n"


def _more(shown: int, total: int, noun: str) -> list[str]:
    line = more_line(shown, total, noun)
    return ["", line] if line else []


def _markdown_verdicts(heading: str, verdicts: list[Verdict], empty: str) -> list[str]:
    lines = ["", f"## {heading}", ""]
    if not verdicts:
        return lines + [empty]
    lines += ["| # | Claim | Verdict | By | Signed off | Note | Evidence |", "|---:|---|---|---|---|---|---|"]
    for verdict in verdicts:
        evidence = " ".join(_md(url) for url in verdict.evidence_urls)
        lines.append(
            f"| {verdict.claim_id} | {_md(verdict.text)} | {_label(verdict.status)} | {_md(verdict.editor)} "
            f"| {_md(verdict.signed_off_by)} | {_md(verdict.note)} | {evidence} |"
        )
    return lines


def to_rich(report: StatusReport) -> RenderableType:
    """The report for a terminal: every cell on one line, long texts cut with `…` to the width."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    def table(title: str, *headings: str, expand: bool = False) -> Table:
        found = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=expand, pad_edge=False)
        for heading in headings:
            number = heading in ("#", "Claims", "Open", "Resolved", "Age (days)")
            found.add_column(heading, justify="right" if number else "left", no_wrap=True, overflow="ellipsis")
        return found

    headline = Text(
        f"{report.resolved} of {report.total - report.set_aside} claims resolved ({report.resolved_share:.0%})"
        f"{_aside(report)}{_elsewhere(report)}. {scope_line(report)}.",
        style="bold",
    )
    summary = table("Claims by status", "Status", "Claims")
    for status in STATUS_ORDER:
        summary.add_row(_label(status), str(report.counts[status]))
    kinds = table("By kind", "Kind", "Claims")
    for kind, count in report.by_kind.items():
        kinds.add_row(kind, str(count))
    editors = table("By assignee", "Editor", "Open", "Resolved")
    for name, counts in report.by_assignee.items():
        editors.add_row(_shown(name) or "nobody", str(counts["open"]), str(counts["resolved"]))

    sources = table(
        "Sources, newest first", "#", "Title", "Outlet", "Published", "Claims", "Open", "Resolved", expand=True
    )
    sources.columns[1].ratio = 1
    for source in report.sources:
        resolved = sum(source.counts[status.value] for status in VERDICTS)
        still_open = sum(source.counts[status.value] for status in OPEN_STATUSES)
        sources.add_row(
            str(source.id), _shown(source.title or ""), _shown(source.outlet or ""), day(source.published) or "",
            str(source.total), str(still_open), str(resolved),
        )  # fmt: skip

    open_claims = table("Open claims, oldest first", "#", "Claim", "Status", "Age (days)", expand=True)
    open_claims.columns[1].ratio = 1
    for claim in report.open_claims:
        open_claims.add_row(str(claim.id), _shown(claim.text), _label(claim.status), str(claim.age_days))

    # One line per entry reads best in a terminal; the claims' full text is in `claims show`.
    activity = table("Recent activity", "When (UTC)", "#", "What", "By", "Claim", "Note", expand=True)
    activity.columns[4].ratio, activity.columns[5].ratio = 3, 2
    for item in report.activity:
        activity.add_row(
            _minute(item.at), str(item.claim_id), item.summary, _shown(item.editor), _shown(item.claim_text),
            _shown(item.note or ""),
        )  # fmt: skip

    def more(shown: int, total: int, noun: str) -> list[Text]:
        line = more_line(shown, total, noun)
        return [Text(line, style="dim")] if line else []

    side_by_side = Table.grid(padding=(0, 3))  # the three small tables
    side_by_side.add_row(summary, kinds, editors)
    return Group(
        headline,
        side_by_side,
        sources if report.sources else Text("No sources."),
        *more(len(report.sources), report.sources_total, "sources"),
        open_claims if report.open_claims else Text("No open claims."),
        *more(len(report.open_claims), report.open_total, "open claims"),
        _rich_verdicts("Published verdicts", report.published_verdicts, empty="No published verdicts."),
        *more(len(report.published_verdicts), report.published_total, "published verdicts"),
        _rich_verdicts("Draft verdicts, awaiting sign-off", report.draft_verdicts, empty="No drafts."),
        *more(len(report.draft_verdicts), report.draft_total, "drafts"),
        activity if report.activity else Text("Nothing happened."),
    )


def _minute(moment: datetime) -> str:
    """As `claims history` shows a moment: to the minute, in UTC (the heading says so)."""
    return as_utc(moment).strftime("%Y-%m-%d %H:%M")


def _rich_verdicts(title: str, verdicts: list[Verdict], *, empty: str) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not verdicts:
        return Text(f"{title}: {empty}")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    for heading, ratio in (("#", None), ("Claim", 3), ("Verdict", None), ("By", None), ("Signed off", None),
                           ("Note", 2), ("Evidence", 2)):  # fmt: skip
        table.add_column(
            heading, ratio=ratio, no_wrap=True, overflow="ellipsis", justify="right" if heading == "#" else "left"
        )
    for verdict in verdicts:
        links = verdict.evidence_urls
        table.add_row(
            str(verdict.claim_id),
            _shown(verdict.text),
            _label(verdict.status),
            _shown(verdict.editor),
            _shown(verdict.signed_off_by or ""),
            _shown(verdict.note or ""),
            _shown(links[0] + (f" (+{len(links) - 1})" if len(links) > 1 else "") if links else ""),
        )
    return table


def _shown(text: str) -> str:
    """Text from data as a rich table shows it: as text, not rich markup, and with control
    characters escaped rather than sent to the terminal."""
    from rich.markup import escape

    return escape(printable(text))
