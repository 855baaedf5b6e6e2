"""Opening a page in a real headless Chromium: its screenshot, its DOM and its console messages."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# Offline and quiet: nothing but the page itself may touch the network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


@dataclass
class PageView:
    dom: str  # the document after the browser built it
    console: list[str]  # every console message: errors, CSP violations, uncaught exceptions, logs
    screenshot: Path


def chromium_or_skip() -> str:
    found = next((path for name in CANDIDATES if (path := shutil.which(name))), None)
    if found is None:
        reason = f"no Chromium on this machine (looked for {', '.join(CANDIDATES)}); install it with `apt-get install chromium`"
        print(f"\nSKIPPING browser check: {reason}")
        pytest.skip(reason)
    return found


def _run(chromium: str, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="claims-chromium-") as profile:
        return subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def open_page(page: Path, screenshot: Path, *, width: int = 1200, height: int = 1800) -> PageView:
    chromium = chromium_or_skip()
    shot = _run(chromium, page, f"--screenshot={screenshot}", f"--window-size={width},{height}")
    assert screenshot.is_file(), f"Chromium took no screenshot (exit {shot.returncode}):\n{shot.stderr[-2000:]}"
    dumped = _run(chromium, page, "--dump-dom")
    assert dumped.returncode == 0, f"Chromium could not load the page:\n{dumped.stderr[-2000:]}"
    console = [line for run in (shot, dumped) for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return PageView(dom=dumped.stdout, console=console, screenshot=screenshot)


def pixels_of(screenshot: Path, colour: str) -> int:
    """How many pixels of the screenshot have exactly this colour (#rrggbb)."""
    from PIL import Image

    wanted = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    with Image.open(screenshot) as image:
        counts = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
    return next((count for count, rgb in counts if rgb == wanted), 0)
