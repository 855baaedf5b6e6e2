"""The organisation's settings file, ``claims.toml``: read only, and only when a command needs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claims.errors import InvalidInput

DEFAULT_CONFIG_PATH = Path("claims.toml")


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed table in PATH; an absent default file is an empty table, an absent named one an error."""
    import tomllib

    explicit = path is not None
    path = path if path is not None else DEFAULT_CONFIG_PATH
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        if explicit:
            raise InvalidInput(f"no such config file: {path}") from None
        return {}
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a config file") from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(f"{path} is not valid TOML: {error}") from None
