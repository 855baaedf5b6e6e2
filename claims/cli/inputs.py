"""Reading what an editor hands us: a file path, or - for standard input."""

from __future__ import annotations

import sys
from collections.abc import Generator
from pathlib import Path
from typing import BinaryIO

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


def read_lines(path: str, *, keep_line_ends: bool = False) -> Generator[str, None, None]:
    """The lines of PATH (or stdin for '-') one at a time, so that a command can stream input of
    any length: without their line endings, unless KEEP_LINE_ENDS (then only a line feed ends a
    line, and a line keeps its CRLF or LF, as a spreadsheet's cell must)."""
    name = "standard input" if path == "-" else path
    try:
        handle = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115 (closed by the with below)
    except OSError as error:
        raise _unreadable(path, error) from None
    return _decoded_lines(handle, name, keep_line_ends=keep_line_ends)  # a missing file is refused here, not when read


def _decoded_lines(handle: BinaryIO, name: str, *, keep_line_ends: bool) -> Generator[str, None, None]:
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
            yield line if keep_line_ends else line.rstrip("\r\n")


def count_lines(path: str) -> int:
    """How many line feeds PATH holds, read a block at a time (0 for standard input, which can be
    read only once): what a progress bar needs to know of a file before it is read."""
    if path == "-":
        return 0
    count = 0
    try:
        with Path(path).open("rb") as handle:
            while block := handle.read(1 << 20):
                count += block.count(b"\n")
    except OSError:
        return 0  # reading it says why
    return count


def _unreadable(path: str, error: OSError) -> InvalidInput:
    if isinstance(error, FileNotFoundError):
        return InvalidInput(f"no such file: {path}")
    if isinstance(error, IsADirectoryError):
        return InvalidInput(f"{path} is a folder, not a file")
    if isinstance(error, PermissionError):
        return InvalidInput(f"cannot read {path}: permission denied")
    return InvalidInput(f"cannot read {path}: {error.strerror}")
