"""Reading what an editor hands us: a file path, or - for standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from claims.errors import InvalidInput


def read_text(path: str) -> str:
    """The whole text of PATH (or stdin for '-'), which must be UTF-8."""
    name = "standard input" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise InvalidInput(f"cannot read {path}: permission denied") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{name} is not UTF-8 text (bad byte at position {error.start})") from None
    return text.replace("\r\n", "\n")
