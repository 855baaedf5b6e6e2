"""The address a saved or fetched web page gives as its own (<link rel="canonical">)."""

from __future__ import annotations

import pytest

from claims.article import read_web_page

BODY = (
    "<body><article><h1>Budget</h1><p>The treasury said the budget deficit reached 4.1 percent of GDP, "
    "up from 3.2 percent a year earlier. Officials said spending on defence rose by 15 percent.</p>"
    "<p>More text, so that this is the main content of the page and read as its article.</p></article></body>"
)


def page(head: str) -> str:
    return f"<html><head><title>Budget</title>{head}</head>{BODY}</html>"


@pytest.mark.parametrize(
    ("link", "read_from", "own"),
    [
        (
            '<link rel="canonical" href="https://news.example/budget">',
            "https://m.news.example/b",
            "https://news.example/budget",
        ),
        (
            '<link rel="canonical" href="/news/budget">',
            "https://m.news.example/b?x=1",
            "https://m.news.example/news/budget",
        ),
        ('<link rel="canonical" href="budget-2">', "https://news.example/news/b", "https://news.example/news/budget-2"),
        ('<link rel="canonical" href="/news/budget">', None, None),
        ("", "https://news.example/b", None),
    ],
)
def test_the_pages_own_address(link: str, read_from: str | None, own: str | None) -> None:
    assert read_web_page(page(link), url=read_from).canonical == own
