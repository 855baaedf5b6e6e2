"""The README is tied to the code: every command is in it with help text, and its examples run as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from typer.core import TyperGroup

from tests.invoke import claims_command
from tests.readme_tour import README, Example, File, _pattern, differences, read_tour, run, updated

UPDATE = "If the change is meant, `python -m tests.readme_tour --update` writes the real outputs into README.md."


def commands(command: Any = None, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """Every command and sub-command, with its words after `claims` ("" for `claims` itself)."""
    command = command or claims_command()
    yield " ".join(path), command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from commands(sub, (*path, name))


def test_every_command_and_option_has_help() -> None:
    missing = [f"claims {path}".strip() for path, command in commands() if not (command.help or "").strip()]
    missing += [
        f"claims {path} {param.name}".replace("  ", " ")
        for path, command in commands()
        for param in command.params
        if not (getattr(param, "help", None) or "").strip()
    ]
    assert missing == [], "no help text: " + ", ".join(missing)


def test_every_command_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    # `claims source add`, also with global options before it: `claims --db URL db upgrade`.
    missing = [
        f"claims {path}"
        for path, _ in commands()
        if path and not re.search(rf"claims (?:--[\w-]+ \S+ )*{re.escape(path)}(?![\w-])", readme)
    ]
    assert missing == [], "commands the README does not mention: " + ", ".join(missing)


def test_the_readme_examples_print_what_the_readme_shows(tmp_path: Path) -> None:
    steps = read_tour(README.read_text(encoding="utf-8").split("\n"))
    assert sum(isinstance(step, Example) for step in steps) >= 10, "the tour's examples were not found"
    problems = differences(run(tmp_path, steps))
    assert problems == [], "\n\n".join(problems) + "\n\n" + UPDATE


def test_moments_match_any_moment_and_dates_themselves_or_today() -> None:
    pattern = _pattern(["│ 2026-11-25 15:35 UTC │ published 2021-01-22, at 09:14 │"], today="2026-12-05")
    assert pattern.fullmatch("│ 2026-12-05 22:28 UTC │ published 2021-01-22, at 23:59 │")
    assert not pattern.fullmatch("│ 2026-12-05 22:28 UTC │ published 2021-01-23, at 23:59 │")
    assert not pattern.fullmatch("│ 2026-12-05 22:28 UTC │ published 2021-01-22, at 23:59  │")
    assert _pattern(["given 2026-11-25"], today="2026-12-05").fullmatch("given 2026-12-05")


def test_examples_are_read_with_their_continuations_files_and_cuts() -> None:
    lines = [
        "```csv file=a.csv",
        "text",
        "```",
        "```console",
        '$ claims add "A claim" \\',
        "    --source 1",
        "Added claim 1.",
        "$ claims report",
        "│ one │",
        "│ two │",
        "└─────┘",
        "... (and more)",
        "```",
    ]
    file, add, report = read_tour(lines)
    assert file == File("a.csv", "text\n")
    assert isinstance(add, Example) and add.args == ["add", "A claim", "--source", "1"]
    assert add.expected == ["Added claim 1."]
    assert isinstance(report, Example) and report.cut_short
    printed = ["│ one │", "│ two │", "│ 3   │", "└─────┘", "Verdicts"]
    assert differences([(report, printed, 0)]) != []
    assert updated(lines, [(add, ["Added claim 7."], 0), (report, printed, 0)])[6:] == [
        "Added claim 7.", "$ claims report", "│ one │", "│ two │", "│ 3   │", "└─────┘", "... (and more)", "```",
    ]  # fmt: skip
