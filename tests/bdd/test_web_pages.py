"""Steps for web pages: a news site served from 127.0.0.1 by the test itself; nothing uses the internet."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.request import urlopen

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import create_engine, select

from claims.models import Source
from tests.bdd.conftest import Terminal

scenarios("web_pages.feature")

STORY = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Gadget prices fall as shoppers hunt bargains - Example News</title>
<link rel="canonical" href="https://news.example.com/tech/gadgets-123">
<meta property="og:title" content="Gadget prices fall as shoppers hunt bargains">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jo Reporter">
<meta property="article:published_time" content="2024-12-02T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies?</p></div>
<article>
<h1>Gadget prices fall as shoppers hunt bargains</h1>
<p>Owning all 10 of the year's most wanted gadgets would set a gadget lover back £6,930, according to a round-up
compiled by Stuff Magazine.</p>
<p>"Gadgets are now cheaper than at any time in the past decade, once you allow for inflation," said editor
Will Dunn.</p>
<figure><img src="cat.jpg" alt=""><figcaption>A cat asleep on a sofa in Leeds</figcaption></figure>
<p>The Office for National Statistics said prices of audio-visual equipment fell 6.2% in the year to October.</p>
<p>Overall consumer prices rose 2.3% over the same period.</p>
</article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Cats love sofas, survey finds</a></li></ul></aside>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>
"""


CANONICAL_LINK = '<link rel="canonical" href="https://news.example.com/tech/gadgets-123">'
assert CANONICAL_LINK in STORY
PUBLISHED_TIME = '<meta property="article:published_time" content="2024-12-02T08:00:00Z">'
assert PUBLISHED_TIME in STORY


class NewsSite(BaseHTTPRequestHandler):
    """A news site: the story, a 404, a PDF and a page that says it is bigger than the limit."""

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        path = self.path.split("?")[0]
        if path in ("/tech/gadgets", "/tech/gadgets-123"):
            self._answer(200, "text/html; charset=utf-8", STORY.encode())
        elif path == "/tech/no-canonical":
            self._answer(200, "text/html; charset=utf-8", STORY.replace(CANONICAL_LINK, "").encode())
        elif path == "/tech/undated":
            self._answer(200, "text/html; charset=utf-8", STORY.replace(PUBLISHED_TIME, "").encode())
        elif path == "/report.pdf":
            self._answer(200, "application/pdf", b"%PDF-1.4\n")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(6 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"<p>padding</p>" * 1000)
        else:
            self._answer(404, "text/html", b"<html><body>Not here</body></html>")

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
        """Quiet: the test output is the scenario's."""


@pytest.fixture
def news_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), NewsSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@given(parsers.parse('a news site on this computer with the story "{title}"'))
def site_with_story(news_site: str, title: str) -> None:
    assert title in STORY


@when(parsers.parse('I add the site\'s page "{path}" by its address'), target_fixture="typed")
def add_by_address(terminal: Terminal, news_site: str, path: str) -> str:
    address = news_site + path
    terminal.run(f"claims source add '{address}'")
    return address


@when("I add a page from a server that is not running")
def add_from_closed_port(terminal: Terminal) -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    terminal.run(f"claims source add http://127.0.0.1:{port}/story")


@given(parsers.parse('the site\'s page "{path}" saved as "{name}"'))
def saved_page(terminal: Terminal, news_site: str, path: str, name: str) -> None:
    with urlopen(news_site + path) as response:  # noqa: S310 (the test's own server)
        (terminal.workdir / name).write_bytes(response.read())


@given(parsers.parse('a saved page "{name}" of {size:d} MB'))
def big_saved_page(terminal: Terminal, name: str, size: int) -> None:
    padding = b"<p>More of the same.</p>\n" * (size * 1024 * 1024 // 25 + 1)
    (terminal.workdir / name).write_bytes(b"<!DOCTYPE html><html><body>" + padding + b"</body></html>")


def the_source(terminal: Terminal) -> dict:  # type: ignore[type-arg]
    sources = terminal.json("claims source list")
    assert len(sources) == 1, sources
    return sources[0]  # type: ignore[no-any-return]


@then(parsers.parse('the source is titled "{title}", by "{author}", published {published}'))
def source_details(terminal: Terminal, title: str, author: str, published: str) -> None:
    source = the_source(terminal)
    assert (source["title"], source["author"], source["published"]) == (title, author, published), source


@then("the source has no publication date")
def no_publication_date(terminal: Terminal) -> None:
    assert the_source(terminal)["published"] is None


@then("the source keeps the address as I typed it")
def address_as_typed(terminal: Terminal, typed: str) -> None:
    assert the_source(terminal)["url"] == typed


@then(parsers.parse('the source\'s address is "{url}"'))
def source_address(terminal: Terminal, url: str) -> None:
    assert the_source(terminal)["url"] == url


@then(parsers.parse('the source gives "{url}" as the page\'s own address'))
def page_address(terminal: Terminal, url: str) -> None:
    assert the_source(terminal)["canonical_url"] == url
    assert terminal.json("claims source show 1")["canonical_url"] == url


@then("the source gives no address of its own")
def no_page_address(terminal: Terminal) -> None:
    assert the_source(terminal)["canonical_url"] is None


@when("I back up the desk and restore it into a new, empty database")
def backup_and_restore(terminal: Terminal, empty_database_url: str) -> None:
    backup = terminal.workdir / "desk.jsonl"
    terminal.run(f"claims backup '{backup}'")
    assert terminal.exit_code == 0, terminal.stderr
    terminal.database_url = empty_database_url
    terminal.run(f"claims restore '{backup}'")
    assert terminal.exit_code == 0, terminal.stderr


@then(parsers.parse("the source's text has the story without {unwanted}"))
def text_is_the_story(terminal: Terminal, unwanted: str) -> None:
    engine = create_engine(terminal.database_url)
    try:
        with engine.connect() as connection:
            text = connection.execute(select(Source.text)).scalar_one()
    finally:
        engine.dispose()
    assert "Stuff Magazine" in text and "audio-visual" in text and "2.3%" in text
    for phrase in unwanted.replace(" or ", ", ").split(", "):
        assert phrase.strip('"') not in text, phrase


@then("no source was added")
def no_source(terminal: Terminal) -> None:
    assert terminal.json("claims source list") == []


@given(parsers.parse('a text file "{name}" of {size:d} MB of news'))
def long_text(terminal: Terminal, name: str, size: int) -> None:
    line = "Sales of ice cream rose 4% in June, the trade body said.\n\n"
    (terminal.workdir / name).write_text(line * (size * 1024 * 1024 // len(line) + 1), encoding="utf-8")
