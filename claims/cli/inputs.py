"""Reading what an editor hands us: a file path, or - for standard input."""

from __future__ import annotations

import sys
from collections.abc import Generator
from pathlib import Path

from claims.errors import InvalidInput


def read_text(path: str, *, keep_line_ends: bool = False) -> str:
    """The whole text of PATH (or stdin for '-'), which must be UTF-8; Windows line ends made
    plain unless KEEP_LINE_ENDS (a spreadsheet's cell may hold them, and must come back whole)."""
    name = "standard input" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise _unreadable(path, error) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{name} is not UTF-8 text (bad byte at position {error.start})") from None
    if "\x00" in text:  # UTF-16 without its byte-order mark decodes as UTF-8 with a NUL every other character
        raise InvalidInput(
            f"{name} is not UTF-8 text: it holds NUL characters (UTF-16? save it as UTF-8) at position {text.index(chr(0))}"
        )
    return text if keep_line_ends else text.replace("\r\n", "\n")


def read_lines(path: str) -> Generator[str, None, None]:
    """The lines of PATH (or stdin for '-') one at a time, without their line endings, so that
    a scorer can stream input of any length."""
    name = "standard input" if path == "-" else path
    try:
        handle = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115 (closed by the with below)
    except OSError as error:
        raise _unreadable(path, error) from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise InvalidInput(
                    f"{name} is not UTF-8 text (bad byte on line {number}, position {error.start})"
                ) from None
            if "\x00" in line:
                raise InvalidInput(f"{name} is not UTF-8 text: it holds NUL characters (UTF-16?) on line {number}")
            yield line.rstrip("\r\n")


def _unreadable(path: str, error: OSError) -> InvalidInput:
    if isinstance(error, FileNotFoundError):
        return InvalidInput(f"no such file: {path}")
    if isinstance(error, IsADirectoryError):
        return InvalidInput(f"{path} is a folder, not a file")
    if isinstance(error, PermissionError):
        return InvalidInput(f"cannot read {path}: permission denied")
    return InvalidInput(f"cannot read {path}: {error.strerror}")
