import json
import re
from html.parser import HTMLParser

from pytest_bdd import parsers, scenarios, then

from claims.report_html import STATUS_COLOURS
from tests.bdd.conftest import Terminal
from tests.browser import open_page, pixels_of

scenarios("reports.feature")


@then(parsers.parse("the report lists open claims {ids} in that order, each with an age in days"))
def open_claims_in_order(terminal: Terminal, ids: str) -> None:
    report = json.loads(terminal.stdout)
    assert [claim["id"] for claim in report["open_claims"]] == [int(i) for i in ids.split(", ")]
    assert all(isinstance(claim["age_days"], int) and claim["age_days"] >= 0 for claim in report["open_claims"])
    created = [claim["created_at"] for claim in report["open_claims"]]
    assert created == sorted(created)


@then(parsers.parse("the report has {published:d} published verdict and {drafts:d} draft"))
def published_and_drafts(terminal: Terminal, published: int, drafts: int) -> None:
    report = json.loads(terminal.stdout)
    assert (report["published"], report["drafts"]) == (published, drafts)
    assert sum(verdict["published"] for verdict in report["verdicts"]) == published


@then(parsers.parse('the draft is the claim "{text}" {status} by "{editor}" on evidence "{url}"'))
def the_draft(terminal: Terminal, text: str, status: str, editor: str, url: str) -> None:
    (draft,) = [verdict for verdict in json.loads(terminal.stdout)["verdicts"] if not verdict["published"]]
    assert (draft["text"], draft["status"], draft["editor"], draft["evidence"], draft["signed_off_by"]) == (
        text, status, editor, [url], None,
    )  # fmt: skip


@then(parsers.parse("the report counts {total:d} claims"))
def report_counts(terminal: Terminal, total: int) -> None:
    assert terminal.exit_code == 0, terminal.stderr
    report = json.loads(terminal.stdout)
    assert report["total"] == total == sum(report["by_status"].values())
    assert len(report["open_claims"]) + len(report["verdicts"]) == total


@then(parsers.parse("the report covers sources {sources}"))
def report_sources(terminal: Terminal, sources: str) -> None:
    expected = [] if sources == "none" else [int(s) for s in sources.split(", ")]
    assert [source["id"] for source in json.loads(terminal.stdout)["sources"]] == expected


class _Resources(HTMLParser):
    """Everything in a page that would make a browser fetch or run something."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "link"):
            self.found.append(tag)
        for name, value in attrs:
            if name in ("src", "srcset", "poster") or name.startswith("on"):
                self.found.append(f"{tag} {name}={value}")


@then(parsers.parse('"{name}" is a self-contained HTML page with a status chart and a chart per source'))
def self_contained(terminal: Terminal, name: str) -> None:
    page = (terminal.workdir / name).read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    assert parser.found == [], f"the page loads or runs: {parser.found}"
    assert "url(" not in page and "@import" not in page, "the styles load something"
    assert "default-src 'none'" in page
    assert '<meta name="viewport"' in page
    assert page.count('id="chart-status"') == 1
    assert re.findall(r'id="chart-source-(\d+)"', page) == ["2", "1"]  # newest first


@then(parsers.parse('"{name}" shows "{text}" as text'))
def shows_as_text(terminal: Terminal, name: str, text: str) -> None:
    page = (terminal.workdir / name).read_text(encoding="utf-8")
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped in page
    assert text not in page


@then(parsers.parse('a headless browser renders "{name}" with the status chart, the claims and no console errors'))
def rendered_in_browser(terminal: Terminal, name: str) -> None:
    report = terminal.workdir / name
    for width, height in ((1200, 1800), (390, 2400)):  # a laptop and a phone
        view = open_page(report, terminal.workdir / f"{name}-{width}.png", width=width, height=height)
        assert view.console == [], "the browser console said:\n" + "\n".join(view.console)
        assert view.dom.count('class="bar"') >= 3, "the chart bars are missing from the rendered page"
        for claim in ("Tencent teams up with Geely on cars", "Apple is expected to sign with Hyundai",
                      "&lt;script&gt;alert(1)&lt;/script&gt; is what the CEO typed"):  # fmt: skip
            assert claim in view.dom, f"{claim!r} is not on the rendered page"
        assert "<script" not in view.dom
        # The bars were painted: each status with claims covers an area well beyond its legend swatch,
        # while refuted, with no claims, shows only in the legend.
        legend = pixels_of(view.screenshot, STATUS_COLOURS["refuted"])
        assert 0 < legend < 400, f"the refuted legend swatch covers {legend} pixels"
        for status in ("confirmed", "in_review", "unverified"):
            assert pixels_of(view.screenshot, STATUS_COLOURS[status]) > legend + 1000, (
                f"no {status} bar in the screenshot"
            )


@then("the recent activity is timed in UTC, as the history is")
def activity_in_utc(terminal: Terminal) -> None:
    activity = terminal.stdout.split("Recent activity", 1)[1]
    assert "When (UTC)" in activity and re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", activity), activity


@then(
    parsers.parse(
        "the report counts {total:d} claims, {open_total:d} of them open, and lists the {shown:d} oldest open claims"
    )
)
def report_caps_open_claims(terminal: Terminal, total: int, open_total: int, shown: int) -> None:
    assert terminal.exit_code == 0, terminal.stderr
    report = json.loads(terminal.stdout)
    assert (report["total"], report["open"]) == (total, open_total)
    ids = [claim["id"] for claim in report["open_claims"]]
    assert len(ids) == shown and ids == sorted(ids)


@then(parsers.parse("the report counts {total:d} claims of kind {kind}, {resolved:d} assigned to nobody resolved"))
def report_by_kind_and_assignee(terminal: Terminal, total: int, kind: str, resolved: int) -> None:
    report = json.loads(terminal.stdout)
    assert report["by_kind"][kind] == total
    assert report["by_assignee"][""]["resolved"] == resolved


@then(parsers.parse("the report's counts agree with its sources' counts, {total:d} claims in all"))
def counts_agree_with_sources(terminal: Terminal, total: int) -> None:
    """The totals come from the counts the database keeps; the sources' counts from the claims."""
    report = json.loads(terminal.stdout)
    by_source: dict[str, int] = {}
    for source in report["sources"]:
        for status, count in source["by_status"].items():
            by_source[status] = by_source.get(status, 0) + count
    assert report["by_status"] == by_source
    assert sum(report["by_kind"].values()) == sum(by_source.values()) == total
    listed = terminal.json("claims list") + terminal.json("claims list --status merged")
    assert {status: sum(1 for claim in listed if claim["status"] == status) for status in by_source} == by_source
    kinds = {kind: sum(1 for claim in listed if claim["kind"] == kind) for kind in report["by_kind"]}
    assert report["by_kind"] == kinds
    assignees = {claim["assignee"] or "" for claim in listed}
    assert set(report["by_assignee"]) == assignees
    assert report["published"] == sum(1 for claim in listed if claim.get("signed_off_by"))


@then("each entity's claims by status are the claims naming it")
def entity_counts(terminal: Terminal) -> None:
    from sqlalchemy import create_engine, text

    named: dict[tuple[str, str, str], int] = {}
    engine = create_engine(terminal.database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT e.name, e.label, c.status, count(*) FROM claim_entities l "
                    "JOIN entities e ON e.id = l.entity_id JOIN claims c ON c.id = l.claim_id GROUP BY 1, 2, 3"
                )
            )
            named = {(name, label, status): count for name, label, status, count in rows}
    finally:
        engine.dispose()
    assert named, "no claim names an entity: nothing checked"
    listed = {
        (entity["name"], entity["label"], status): count
        for entity in terminal.json("claims entities")
        for status, count in entity["by_status"].items()
        if count
    }
    assert listed == named
