"""Dependencies point one way: claims/cli -> claims/services -> models and the pure modules.

Read from the source, so an import inside a function or under TYPE_CHECKING counts as much as one
at the top: a module that needs another only for its types still depends on it.
"""

from __future__ import annotations

import ast
import importlib
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "claims"

# Text in, text out: no database, no command line, no services. The renderers among them take
# their enums from claims.vocabulary, not from the ORM in claims.models.
PURE = ("claims.vocabulary", "claims.moments", "claims.extract", "claims.reports", "claims.report_html",
        "claims.claimreview", "claims.domain")  # fmt: skip
NOT_IN_PURE = (
    "sqlalchemy",
    "typer",
    "alembic",
    "psycopg",
    "claims.db",
    "claims.models",
    "claims.services",
    "claims.cli",
)
# The rules themselves do not even print.
NOT_IN_DOMAIN = (*NOT_IN_PURE, "rich")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@cache
def imports(module: str) -> frozenset[str]:
    path = modules()[module]
    return read_imports(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py")


def read_imports(source: str, module: str, *, is_package: bool = False) -> frozenset[str]:
    """Every module `source` imports, anywhere in it; `from package import submodule` names the submodule."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package, up level - 1 more
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            submodules = {f"{base}.{alias.name}" for alias in node.names} & modules().keys()
            found.update(submodules or {base})
    # A module always has its packages above it loaded first; that is not a dependency on them.
    return frozenset(name for name in found if not module.startswith(name + "."))


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def reachable(module: str) -> dict[str, str]:
    """Every module `module` depends on, directly or not, each with the module that imports it."""
    seen: dict[str, str] = {}
    todo = [module]
    while todo:
        current = todo.pop()
        for imported in imports(current):
            if imported not in seen:
                seen[imported] = current
                if imported in modules():
                    todo.append(imported)
    return seen


def _chain(module: str, target: str, via: dict[str, str]) -> str:
    path = [target]
    while path[-1] != module and path[-1] in via:
        path.append(via[path[-1]])
    return " -> ".join(reversed(path))


@pytest.mark.parametrize("module", sorted(set(modules()) - {"claims.__main__"}))  # that one runs the command
def test_every_module_imports(module: str) -> None:
    importlib.import_module(module)


def test_no_import_circle() -> None:
    circles: dict[frozenset[str], str] = {}
    for module in modules():
        via = reachable(module)
        if module in via:
            circle = [module, via[module]]
            while circle[-1] != module:
                circle.append(via[circle[-1]])
            circles.setdefault(frozenset(circle), " -> ".join(reversed(circle)))
    assert list(circles.values()) == [], "import circles:\n" + "\n".join(circles.values())


def test_only_the_command_line_imports_the_command_line() -> None:
    offenders = [
        f"{module} imports {imported}"
        for module in modules()
        if not _within(module, ("claims.cli", "claims.__main__"))
        for imported in imports(module)
        if _within(imported, ("claims.cli",))
    ]
    assert offenders == []


@pytest.mark.parametrize("module", [m for m in sorted(modules()) if _within(m, PURE)])
def test_pure_modules_stay_pure(module: str) -> None:
    forbidden = NOT_IN_DOMAIN if _within(module, ("claims.domain",)) else NOT_IN_PURE
    via = reachable(module)
    offenders = [_chain(module, name, via) for name in sorted(via) if _within(name, forbidden)]
    assert offenders == [], f"{module} must not depend on {', '.join(forbidden)}"


def test_imports_are_read_wherever_they_are() -> None:
    """The circle these tests were written against, models -> records -> services.entities -> models,
    had its middle link under TYPE_CHECKING; the command modules import services inside functions."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "from .. import moments\n"
        "if TYPE_CHECKING:\n"
        "    from claims.services.entities import EntityCount\n"
        "def command():\n"
        "    import sqlalchemy.orm\n"
        "    from ..services import entities\n"
    )
    assert read_imports(source, "claims.cli.example") == {
        "typing", "claims.moments", "claims.services.entities", "sqlalchemy.orm",
    }  # fmt: skip
