"""What an article file says about itself before the story starts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from claims.errors import InvalidInput
from claims.limits import text_problem

# A news file may open with a metadata line, `date 2021-01-22`, followed by the story's first
# sentence on the same line.
_DATE_HEADER = re.compile(r"\A\s*date[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)


def check_article(text: str) -> str:
    """An article with nothing in it is a mistake worth saying so, not an import of nothing."""
    if not text.strip():
        raise InvalidInput("the article is empty")
    if problem := text_problem(text, limit=None):
        raise InvalidInput(f"the article {problem}")
    return text


def read_header(text: str) -> tuple[date | None, int]:
    """The publication date a leading `date YYYY-MM-DD` gives, and where the story itself begins."""
    match = _DATE_HEADER.match(text)
    if match is None:
        return None, 0
    try:
        published = date.fromisoformat(match.group(1))
    except ValueError:  # refused as --published 2021-02-30 is, rather than read as the story's first words
        raise InvalidInput(f"the article's first line `date {match.group(1)}` is not a date: use YYYY-MM-DD") from None
    return published, match.end()


@dataclass(frozen=True)
class WebPage:
    """An article read from a web page: its body only, and what the page's metadata says of it."""

    text: str
    title: str | None
    author: str | None
    published: date | None
    canonical: str | None  # the address the page gives as its own (<link rel="canonical">, og:url)
    site: str | None  # the site's name, as the page gives it


def looks_like_html(data: bytes) -> bool:
    """A saved web page rather than plain text: it opens with a doctype or an <html> tag."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower()


def _relative_canonical(tree: Any, url: str | None) -> str | None:
    """A canonical link relative to the page (``href="/news/story-1"``), which trafilatura keeps
    only when the page's og: or twitter: metadata give its site: resolved against URL, the address
    the page was read from, as a browser does."""
    from urllib.parse import urljoin, urlsplit

    link = tree.find(".//head//link[@rel='canonical']")
    href: str = (link.get("href") or "").strip() if link is not None else ""
    if not url or not href or urlsplit(href).scheme:
        return None
    return urljoin(url, href)


def read_web_page(html: bytes | str, *, url: str | None = None) -> WebPage:
    """The article in a web page, without navigation, cookie banners, captions, related stories or
    footers, with the title, author and publication date its metadata gives.

    trafilatura (with lxml_html_clean) does the reading: a well-kept extractor made for news pages,
    imported here only, as it takes a while to load."""
    import trafilatura
    from trafilatura.metadata import extract_url
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise InvalidInput("found no article text in the page")
    # Only the address the page itself gives (trafilatura's metadata falls back on the one typed).
    canonical = extract_url(tree) or _relative_canonical(tree, url)
    page = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        # The date the page's metadata and markup give, never one guessed from its text: an
        # extensive search reads "Copyright 2025" in a footer as published on 2025-01-01.
        date_extraction_params=set_date_params(extensive=False),
    )
    body = getattr(page, "text", None) or ""
    if not body.strip():
        raise InvalidInput("found no article text in the page")
    title = getattr(page, "title", None) or None
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if title and paragraphs and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:] or paragraphs  # the headline is the title, not the story's first line
    published = None
    if raw_date := getattr(page, "date", None):
        try:
            published = date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    return WebPage(
        text="\n\n".join(paragraphs) + "\n",
        title=title,
        author=getattr(page, "author", None) or None,
        published=published,
        canonical=canonical or None,
        site=getattr(page, "sitename", None) or None,
    )
