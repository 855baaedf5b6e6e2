"""claims source: the articles claims come from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from claims.cli.claims import SourceId
from claims.cli.context import app_context
from claims.cli.output import (
    FormatOption,
    ListFormat,
    plural,
    print_csv,
    print_json,
    print_table,
    say,
    short_time,
)
from claims.cli.paging import (
    Column,
    Noun,
    PagedFormat,
    Paging,
    paged,
    print_listing,
)
from claims.cli.paging import FormatOption as PagedFormatOption

if TYPE_CHECKING:
    from claims.article import WebPage

source_app = typer.Typer(help="Import and inspect sources (articles).", no_args_is_help=True)

SOURCE_COLUMNS = [
    "id", "title", "outlet", "url", "published", "author", "language", "claims", "created_at", "canonical_url",
]  # fmt: skip
# A source's details, as an editor names them.
DETAIL_NAMES = {
    "title": "title", "outlet": "outlet", "published": "publication date", "author": "author",
    "canonical_url": "page's own address",
}  # fmt: skip


@source_app.command("add")
def add(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            help="The article: a UTF-8 text file, a saved web page (.html), a web address (http:// or https://), "
            "or - for standard input."
        ),
    ],
    title: Annotated[str | None, typer.Option("--title", help="The article's headline.")] = None,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="Who published it: the claimant of its own statements (default: from the page)."),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was published.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date, YYYY-MM-DD (default: a leading `date` line).")
    ] = None,
    author: Annotated[str | None, typer.Option("--author", help="Who wrote it.")] = None,
    language: Annotated[str, typer.Option("--language", help="The article's language.")] = "en",
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Find claims in it (default) or store the source only.")
    ] = True,
) -> None:
    """Import an article and the check-worthy claims in it. Importing the same text twice does nothing.

    A web address is fetched (20 s to answer, pages up to 5 MB) and a saved page read: both keep
    the article's body only, and take the title, author, publication date and outlet from the
    page's metadata unless given. The source keeps the address as typed.

    With --url naming a source a spreadsheet import created (it has no text yet), the article
    fills in that source: the details it lacks, the place in the text of each claim it holds
    word for word, and the claims found that it does not hold yet. A different text at an
    address whose source already has one is refused.

    Example: claims source add article.txt --title "Tencent teams up with Geely" --outlet Example --published 2021-01-22
    Example: claims source add https://news.example.com/2021/tencent-geely
    """
    from claims.cli.inputs import read_text
    from claims.cli.matching import match_new_claims
    from claims.services.common import parse_date
    from claims.services.sources import SourceOutcome, add_source, default_outlet, new_claim_ids

    context = app_context(ctx)
    published_on = parse_date(published, field="--published") if published else None
    page = _web_page(file, url)
    text = page.text if page is not None else read_text(file)
    if page is not None:
        url = url or (file if _is_address(file) else page.canonical)
        title, author, published_on = title or page.title, author or page.author, published_on or page.published
    outlet_from = None
    if outlet is None:
        outlet, outlet_from = default_outlet(page.site if page else None, url)
    with context.session(write=True) as session:
        result = add_source(
            session,
            text=text,
            editor=context.editor,
            title=title,
            outlet=outlet,
            url=url,
            published=published_on,
            author=author,
            language=language,
            extract=extract,
            canonical_url=page.canonical if page is not None else None,
        )
        source_id, stored, first = result.source.id, result.stored, result.first
        placed, not_found = len(result.placed), len(result.not_found)
        seen = (
            match_new_claims(
                session, new_claim_ids(session, result), context.matching_thresholds(), source_id=source_id
            )
            if result.outcome is not SourceOutcome.UNCHANGED
            else []
        )
    if result.outcome is SourceOutcome.UNCHANGED:
        say(f"Source {source_id} already has this text: nothing imported.")
        return
    if result.outcome is SourceOutcome.FILLED:
        counts = [f"{plural(placed, 'claim')} matched"]
        if not_found:
            counts.append(f"{not_found} not found word for word")
        if extract:
            counts.append(plural(stored, "new claim"))
        say(f"Filled in source {source_id} (imported from a spreadsheet) with the article's text: {', '.join(counts)}.")
        for name, (kept, given) in result.kept.items():
            say(f"Kept the {DETAIL_NAMES[name]} source {source_id} already had: {kept} (not {given}).")
    else:
        say(f"Added source {source_id} with {plural(stored, 'claim')}.")
    if outlet_from:
        say(f"The article's own statements are credited to {outlet} (from {outlet_from}); --outlet names another.")
    elif outlet is None:
        say("No --outlet given: the article's own statements have no claimant; --outlet names the outlet.")
    if page is not None and page.canonical and page.canonical != url:
        say(f"The page gives its own address as {page.canonical}.")
    if first:
        # A page of them, as the listings show: a long article's tens of thousands of claims would
        # take more memory to hold and lay out as one table than the whole import.
        print_table(
            None,
            ["#", "Kind", "Claim", "Claimant", "Score"],
            (
                (
                    claim.id,
                    claim.kind,
                    claim.text,
                    claim.claimant,
                    f"{claim.score:.2f}" if claim.score is not None else "",
                )
                for claim in first
            ),
        )
        if stored > len(first):
            say(
                f"{len(first)} of the {stored:,} new claims shown; "
                f"`claims list --source {source_id} --sort oldest --all` lists every one."
            )
    for line in seen:
        say(line)


def _is_address(file: str) -> bool:
    return file.lower().startswith(("http://", "https://"))


def _web_page(file: str, url: str | None) -> WebPage | None:
    """The article of a web address or a saved page (.html, or a file that opens as HTML); None for text."""
    from pathlib import Path

    from claims.article import looks_like_html, read_web_page
    from claims.services.sources import check_page_size, fetch_page

    if _is_address(file):
        return read_web_page(fetch_page(file), url=file)
    if file == "-" or not Path(file).is_file():
        return None  # standard input is text; a missing file gets read_text's error
    path = Path(file)
    if path.suffix.lower() not in (".html", ".htm", ".xhtml"):
        with path.open("rb") as handle:
            if not looks_like_html(handle.read(4096)):
                return None  # a text file, of any length
    check_page_size(path.stat().st_size, file)
    return read_web_page(path.read_bytes(), url=url)


@source_app.command("list")
@paged
def list_sources(
    ctx: typer.Context,
    output_format: PagedFormatOption = PagedFormat.table,
    *,
    paging: Paging,
) -> None:
    """List sources, newest first, with how many claims each holds.

    Example: claims source list --format csv --all
    """
    from claims.services.listing import count_sources, source_records

    with app_context(ctx).reading() as connection:
        print_listing(
            source_records(connection, window=paging.window),
            total=None if paging.everything else count_sources(connection),
            noun=Noun("source", "sources"),
            paging=paging,
            output_format=output_format,
            columns=SOURCE_COLUMNS,
            table=[
                Column("#", lambda r: r["id"], right=True),
                Column("Title", lambda r: r["title"], flexible=True),
                Column("Outlet", lambda r: r["outlet"], cap=16),
                Column("Published", lambda r: r["published"]),
                Column("Claims", lambda r: r["claims"], right=True),
                Column("URL", lambda r: r["url"], flexible=True),
            ],
        )


@source_app.command("show")
def show(
    ctx: typer.Context,
    source_id: SourceId,
    output_format: FormatOption = ListFormat.table,
) -> None:
    """Show a source's details and its claims by status.

    Example: claims source show 1
    """
    from claims.records import claim_record, source_event_record, source_record
    from claims.services.sources import claims_by_status, get_source, source_history

    with app_context(ctx).session() as session:
        source = get_source(session, source_id=source_id)
        record = source_record(source) | {
            "by_status": claims_by_status(source),
            "claims": [claim_record(claim) for claim in source.claims],
            "history": [source_event_record(event) for event in source_history(session, source_id=source_id)],
        }
    if output_format is ListFormat.json:
        print_json(record)
        return
    if output_format is ListFormat.csv:
        print_csv([record | {"claims": len(record["claims"])}], SOURCE_COLUMNS)
        return
    print_table(
        f"Source {source_id}",
        ["Field", "Value"],
        [
            (field, record[field])
            for field in ("title", "outlet", "url", "canonical_url", "published", "author", "language", "created_at")
        ]
        + [
            (
                "claims",
                ", ".join(f"{count} {status}" for status, count in record["by_status"].items() if count) or "none",
            )
        ],
    )
    print_table(
        "Claims",
        ["#", "Status", "Kind", "Claim", "Claimant"],
        ((c["id"], c["status"], c["kind"], c["text"], c["claimant"]) for c in record["claims"]),
    )
    if record["history"]:
        print_table(
            "Corrections",
            ["When", "Editor", "Field", "Was", "Now", "Note"],
            (
                (short_time(e["created_at"]), e["editor"], e["field"], e["old_value"], e["new_value"], e["note"])
                for e in record["history"]
            ),
        )


@source_app.command("edit")
def edit(
    ctx: typer.Context,
    source_id: Annotated[int, typer.Argument(help="The source's number, as `claims source list` shows it.", min=1)],
    title: Annotated[str | None, typer.Option("--title", help="The corrected title.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="The corrected outlet.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The corrected address.")] = None,
    published: Annotated[str | None, typer.Option("--published", help="The corrected date, YYYY-MM-DD.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="The corrected author.")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="Why: kept in the source's history.")] = None,
) -> None:
    """Correct a source's details; each change is kept in its history (`claims source show`).
    An empty value ("") clears a detail.

    Example: claims source edit 1 --published 2021-01-21 --note "The article is dated the 21st"
    """
    from claims.services.sources import edit_source

    given = {"title": title, "outlet": outlet, "url": url, "published": published, "author": author}
    context = app_context(ctx)
    with context.session(write=True) as session:
        source, events = edit_source(
            session,
            source_id=source_id,
            changes={name: value for name, value in given.items() if value is not None},
            editor=context.editor,
            note=note,
        )
        changed = ", ".join(f"{event.field} {event.new_value or '(none)'}" for event in events)
    say(f"Source {source.id} corrected: {changed}.")
