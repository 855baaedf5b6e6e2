"""The browser check must be able to fail: a broken page shows up in what it reports."""

from pathlib import Path

from tests.browser import open_page, pixels_of


def test_console_errors_and_blocked_loads_are_seen(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><head>"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'\">"
        '</head><body><p>broken</p><img src="https://example.org/x.png">'
        "<script>notDefinedAnywhere();</script></body></html>",
        encoding="utf-8",
    )
    view = open_page(page, tmp_path / "broken.png", width=400, height=300)
    assert any("notDefinedAnywhere is not defined" in line for line in view.console), view.console
    assert any("Content Security Policy" in line for line in view.console), view.console
    assert "<p>broken</p>" in view.dom


def test_pixels_of_counts_a_drawn_colour(tmp_path: Path) -> None:
    page = tmp_path / "box.html"
    page.write_text(
        '<!DOCTYPE html><body style="margin:0"><div style="width:50px;height:40px;background:#1b7f4b"></div>',
        encoding="utf-8",
    )
    view = open_page(page, tmp_path / "box.png", width=300, height=200)
    assert view.console == []
    assert pixels_of(view.screenshot, "#1b7f4b") == 50 * 40
    assert pixels_of(view.screenshot, "#c0392b") == 0
