"""The organisation's settings file, ``claims.toml``: read only, and only when a command needs it.

The file sits in the working directory (or wherever the global --config points). Besides the
desk's own settings, it says what the organisation publishes: who the fact-checker is, where
its review pages are, and which verdicts it publishes under which rating. A missing or wrong
setting is an error naming the setting.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claims.errors import InvalidInput
from claims.vocabulary import VERDICTS, Status

if TYPE_CHECKING:
    from claims.matching.thresholds import Thresholds

DEFAULT_CONFIG_PATH = Path("claims.toml")
# Placeholders a review URL template may use.
URL_FIELDS = frozenset({"id", "slug"})


def load_config(path: Path | None = None, *, required: bool = False) -> dict[str, Any]:
    """The parsed table in PATH; an absent default file is an empty table, unless REQUIRED, and an
    absent named one an error. The TOML parser is imported only when there is a file to parse:
    every everyday command looks for one, and most desks have none."""
    explicit = path is not None or required
    path = path if path is not None else DEFAULT_CONFIG_PATH
    try:
        file = path.open("rb")
    except FileNotFoundError:
        if explicit:
            raise InvalidInput(f"no such config file: {path}") from None
        return {}
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a config file") from None
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from None
    import tomllib

    with file:
        try:
            return tomllib.load(file)
        except tomllib.TOMLDecodeError as error:
            raise InvalidInput(f"{path} is not valid TOML: {error}") from None
        except UnicodeDecodeError:
            raise InvalidInput(f"{path} is not a settings file: it is not UTF-8 text") from None
        except OSError as error:
            raise InvalidInput(f"cannot read {path}: {error.strerror}") from None


@dataclass(frozen=True)
class Rating:
    value: int | float
    name: str  # the verdict in words, as readers see it


@dataclass(frozen=True)
class ReviewSettings:
    path: Path
    organisation_name: str
    organisation_url: str
    review_url: str
    best_rating: int | float
    worst_rating: int | float
    ratings: dict[Status, Rating]  # the verdicts the organisation publishes


def setting(config: dict[str, Any], name: str) -> Any:
    """The value at a dotted name such as ``organisation.name``, or None."""
    value: Any = config
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def review_settings(path: Path | None = None) -> ReviewSettings:
    """What ClaimReview export needs from the settings file, checked; an error names the file when
    there is none, else the first setting that is missing or wrong."""
    config = load_config(path, required=True)
    path = path if path is not None else DEFAULT_CONFIG_PATH

    def required(name: str, kind: type | tuple[type, ...]) -> Any:
        value = setting(config, name)
        if value is None or value == "":
            raise InvalidInput(f"{path}: missing setting {name}")
        if not isinstance(value, kind) or isinstance(value, bool):
            raise InvalidInput(f"{path}: setting {name} has the wrong type ({type(value).__name__})")
        return value

    organisation_name = required("organisation.name", str)
    organisation_url = required("organisation.url", str)
    number = (int, float)
    best, worst = required("claimreview.best_rating", number), required("claimreview.worst_rating", number)
    if worst >= best:
        raise InvalidInput(f"{path}: setting claimreview.worst_rating must be below claimreview.best_rating")
    template = required("claimreview.review_url", str)
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None and field not in URL_FIELDS:
            raise InvalidInput(
                f"{path}: setting claimreview.review_url uses {{{field}}}; it may use {{id}} and {{slug}}"
            )
    ratings: dict[Status, Rating] = {}
    for key, _entry in required("claimreview.ratings", dict).items():
        name = f"claimreview.ratings.{key}"
        try:
            status = Status(key)
        except ValueError:
            status = None
        if status not in VERDICTS:
            raise InvalidInput(f"{path}: setting {name}: not a verdict; use confirmed, refuted, mixed or unverifiable")
        value, words = required(f"{name}.value", number), required(f"{name}.name", str)
        if not worst <= value <= best:
            raise InvalidInput(f"{path}: setting {name}.value must lie between worst_rating and best_rating")
        ratings[status] = Rating(value=value, name=words)
    if not ratings:
        raise InvalidInput(f"{path}: setting claimreview.ratings names no verdict to publish")
    return ReviewSettings(
        path=path,
        organisation_name=organisation_name,
        organisation_url=organisation_url,
        review_url=template,
        best_rating=best,
        worst_rating=worst,
        ratings=ratings,
    )


def matching_thresholds(path: Path | None, backend: str) -> Thresholds:
    """The scores above which a stored match is suggested, and shown as the same claim: the desk's
    ``[matching] suggested`` and ``same`` in claims.toml, else what the training chose for the
    database's backend (its full-text scores, and so the matcher's, differ in shape)."""
    from claims.matching.thresholds import Thresholds, shipped_thresholds

    shipped = shipped_thresholds(backend)
    config = load_config(path)
    name = path if path is not None else DEFAULT_CONFIG_PATH
    chosen = {}
    for key in ("suggested", "same"):
        value = setting(config, f"matching.{key}")
        if value is None:
            value = getattr(shipped, key)
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise InvalidInput(f"{name}: setting matching.{key} must be a number between 0 and 1")
        chosen[key] = float(value)
    if chosen["suggested"] > chosen["same"]:
        raise InvalidInput(f"{name}: setting matching.suggested must not be above matching.same")
    return Thresholds(**chosen)
