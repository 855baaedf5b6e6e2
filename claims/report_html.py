"""The status report as one self-contained HTML page, for a laptop, a phone or a USB stick.

No scripts, no fonts, no network: styles are inline, charts are inline SVG drawn here, and a
Content-Security-Policy forbids the page from loading anything. Every text that came from an
article or an editor goes through ``html.escape``, so a claim reading ``<script>`` is shown as text.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlparse

from claims.moments import day, timestamp
from claims.reports import STATUS_ORDER, SourceSummary, StatusReport, Verdict, more_line, scope_line
from claims.vocabulary import Status

# Distinct under the common colour-vision deficiencies, and each bar also carries its number.
STATUS_COLOURS = {
    Status.UNVERIFIED.value: "#8a8f98",
    Status.IN_REVIEW.value: "#e3a21a",
    Status.CONFIRMED.value: "#1b7f4b",
    Status.REFUTED.value: "#c0392b",
    Status.MIXED.value: "#7d4cdb",
    Status.UNVERIFIABLE.value: "#2f6fb5",
    Status.DISMISSED.value: "#b7bcc4",
    Status.MERGED.value: "#5b6270",
}
CHART_WIDTH = 600
BAR_HEIGHT = 26
LABEL_WIDTH = 120

STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5c6475; --line: #dde1e8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI",
       Roboto, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: .2rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid var(--line); }
.meta { color: var(--muted); margin: 0 0 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; }
.card { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .8rem; }
.card b { display: block; font-size: 1.6rem; }
.card span { color: var(--muted); font-size: .9rem; }
svg { display: block; width: 100%; height: auto; max-width: 720px; }
svg text { font: 14px system-ui, sans-serif; fill: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; padding: 0; list-style: none; font-size: .9rem; }
.legend i { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; margin-right: .3rem; vertical-align: -2px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { background: #f4f6f9; } td.n, th.n { text-align: right; white-space: nowrap; }
.source { margin: 1rem 0; } .source h3 { font-size: 1rem; margin: 0; } .source p { margin: 0 0 .3rem; color: var(--muted); }
.tag { display: inline-block; padding: 0 .45rem; border-radius: 1rem; color: #fff; font-size: .85rem; white-space: nowrap; }
a { color: #1a56a8; word-break: break-all; }
.empty, .more { color: var(--muted); font-style: italic; }
@media (max-width: 600px) {
  body { padding: .6rem; font-size: 15px; }
  table, thead, tbody, tr, th, td { display: block; }
  thead { display: none; }
  tr { border: 1px solid var(--line); border-radius: .4rem; margin-bottom: .6rem; padding: .3rem; }
  td { border: 0; padding: .15rem .3rem; text-align: left !important; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
}
"""


def _label(status: str) -> str:
    return status.replace("_", " ")


def _tag(status: str) -> str:
    return f'<span class="tag" style="background:{STATUS_COLOURS[status]}">{escape(_label(status))}</span>'


def _link(url: str) -> str:
    """A link only for web addresses; anything else (javascript:, data:) is plain text."""
    if urlparse(url).scheme in ("http", "https"):
        return f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
    return escape(url)


def status_chart(counts: dict[str, int]) -> str:
    """A horizontal bar per status, its number beside it."""
    largest = max(counts.values(), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 60
    height = BAR_HEIGHT * len(STATUS_ORDER) + 8
    bars = []
    for row, status in enumerate(STATUS_ORDER):
        y = 4 + row * BAR_HEIGHT
        width = round(room * counts[status] / largest)
        bars.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{_label(status)}</text>'
            f'<rect class="bar" data-status="{status}" x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" '
            f'height="{BAR_HEIGHT - 6}" rx="3" fill="{STATUS_COLOURS[status]}"><title>{_label(status)}: {counts[status]}</title></rect>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 17}">{counts[status]}</text>'
        )
    description = ", ".join(f"{_label(s)} {counts[s]}" for s in STATUS_ORDER)
    return (
        f'<svg class="chart" id="chart-status" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
        f'aria-label="Claims by status: {description}">{"".join(bars)}</svg>'
    )


def source_chart(source: SourceSummary) -> str:
    """One stacked bar: the source's claims, by status."""
    total = source.total
    parts, x = [], 0.0
    for status in STATUS_ORDER:
        count = source.counts[status]
        if not count:
            continue
        width = CHART_WIDTH * count / total
        parts.append(
            f'<rect class="bar" data-status="{status}" x="{x:.1f}" y="0" width="{width:.1f}" height="22" '
            f'fill="{STATUS_COLOURS[status]}"><title>{_label(status)}: {count}</title></rect>'
        )
        if width >= 24:
            parts.append(f'<text x="{x + width / 2:.1f}" y="16" text-anchor="middle" style="fill:#fff">{count}</text>')
        x += width
    if not parts:
        parts.append(
            f'<rect x="0" y="0" width="{CHART_WIDTH}" height="22" fill="#eef0f4"><title>no claims</title></rect>'
        )
    description = ", ".join(f"{_label(s)} {source.counts[s]}" for s in STATUS_ORDER if source.counts[s]) or "no claims"
    return (
        f'<svg class="chart" id="chart-source-{source.id}" viewBox="0 0 {CHART_WIDTH} 22" role="img" '
        f'aria-label="Claims of source {source.id} by status: {description}">{"".join(parts)}</svg>'
    )


def _table(headings: list[str], rows: list[list[str]], numeric: frozenset[str] = frozenset()) -> str:
    """Cells arrive escaped; headings label each cell for the phone layout."""
    head = "".join(f"<th{' class=n' if h in numeric else ''}>{h}</th>" for h in headings)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{h}"{" class=n" if h in numeric else ""}>{cell}</td>'
            for h, cell in zip(headings, row, strict=False)
        )
        + "</tr>"
        for row in rows
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _verdict_rows(verdicts: list[Verdict]) -> list[list[str]]:
    return [
        [
            str(v.claim_id),
            f'<span class="claim">{escape(v.text)}</span>',
            _tag(v.status),
            escape(v.editor),
            escape(v.signed_off_by or ""),
            escape(timestamp(v.given_at) or ""),
            escape(v.note or ""),
            "<br>".join(_link(url) for url in v.evidence_urls),
        ]
        for v in verdicts
    ]


def _verdicts_section(title: str, verdicts: list[Verdict], total: int, empty: str, section_id: str) -> str:
    headings = ["#", "Claim", "Verdict", "By", "Signed off by", "Given", "Note", "Evidence"]
    body = _table(headings, _verdict_rows(verdicts), frozenset({"#"})) if verdicts else f'<p class="empty">{empty}</p>'
    return f'<section id="{section_id}"><h2>{title} ({total:,})</h2>{body}{_more(len(verdicts), total, "verdicts")}</section>'


def _more(shown: int, total: int, noun: str) -> str:
    line = more_line(shown, total, noun)
    return f'<p class="more">{escape(line)}</p>' if line else ""


def to_html(report: StatusReport) -> str:
    legend = "".join(f'<li><i style="background:{STATUS_COLOURS[s]}"></i>{_label(s)}</li>' for s in STATUS_ORDER)
    cards = "".join(
        f'<div class="card"><b>{value}</b><span>{label}</span></div>'
        for value, label in [
            (f"{report.total:,}", "claims"),
            (f"{report.resolved_share:.0%}", f"resolved ({report.resolved:,})"),
            (f"{report.open_total:,}", "open"),
            (f"{report.checked_elsewhere:,}", "already checked elsewhere"),
            (f"{report.published_total:,}", "published verdicts"),
            (f"{report.draft_total:,}", "draft verdicts"),
        ]
    )
    sources = "".join(
        f'<div class="source" id="source-{s.id}"><h3>#{s.id} {escape(s.title or "Untitled")}</h3>'
        f"<p>{escape(s.outlet or 'no outlet')} · {escape(day(s.published) or 'undated')} · {s.total} claims</p>"
        f"{source_chart(s)}</div>"
        for s in report.sources
    )
    source_rows = [
        [str(s.id), escape(s.title or ""), escape(s.outlet or ""), escape(day(s.published) or ""), str(s.total)]
        + [str(s.counts[status]) for status in STATUS_ORDER]
        for s in report.sources
    ]
    status_headings = [_label(status) for status in STATUS_ORDER]
    open_rows = [
        [str(c.id), f'<span class="claim">{escape(c.text)}</span>', _tag(c.status), str(c.age_days)]
        for c in report.open_claims
    ]
    activity_rows = [
        [
            escape(timestamp(a.at) or ""),
            str(a.claim_id),
            f'<span class="claim">{escape(a.claim_text)}</span>',
            escape(a.summary),
            escape(a.editor),
            escape(a.note or ""),
        ]  # fmt: skip
        for a in report.activity
    ]
    generated = escape(timestamp(report.generated_at) or "")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>Claims status report, {generated}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>Claims status report</h1>
<p class="meta">Generated {generated}. {escape(scope_line(report))}.</p>
</header>
<section id="summary">
<div class="cards">{cards}</div>
<h2>Claims by status</h2>
{status_chart(report.counts)}
<ul class="legend">{legend}</ul>
</section>
<section id="sources">
<h2>Sources, newest first ({report.sources_total:,})</h2>
{sources or '<p class="empty">No sources.</p>'}
{_table(["#", "Title", "Outlet", "Published", "Claims", *status_headings], source_rows, frozenset({"#", "Claims", *status_headings})) if source_rows else ""}
{_more(len(report.sources), report.sources_total, "sources")}
</section>
<section id="open">
<h2>Open claims, oldest first ({report.open_total:,})</h2>
{_table(["#", "Claim", "Status", "Age (days)"], open_rows, frozenset({"#", "Age (days)"})) if open_rows else '<p class="empty">No open claims.</p>'}
{_more(len(report.open_claims), report.open_total, "open claims")}
</section>
{_verdicts_section("Published verdicts", report.published_verdicts, report.published_total, "No published verdicts.", "published")}
{_verdicts_section("Draft verdicts, awaiting sign-off", report.draft_verdicts, report.draft_total, "No drafts.", "drafts")}
<section id="activity">
<h2>Recent activity</h2>
{_table(["When", "#", "Claim", "What", "By", "Note"], activity_rows, frozenset({"#"})) if activity_rows else '<p class="empty">Nothing happened.</p>'}
</section>
</body>
</html>
"""
