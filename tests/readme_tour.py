"""The README's examples, run as written: every ```console block, in order, in one fresh folder.

Each `$ claims ...` line (continued onto the next by a trailing backslash) runs against a new
SQLite database, with the seed article as `article.txt` and 80 columns, as a reader's terminal
would have it; what follows it, up to the next `$`, is what it prints (standard output, then
standard error). A block fenced as ```` ```csv file=NAME ```` (any language) is written to NAME
first. Outputs are compared allowing for when they ran: a date and time stands for any other, a
date for itself or today. A last line starting with `...` cuts the expected output short: only
the lines above it are compared (and `--update` keeps as many, to the end of a table).

    python -m tests.readme_tour             # says which examples differ, as the test does
    python -m tests.readme_tour --update    # writes the real outputs into README.md

`--update` keeps the commands and the `...` lines as they are and refuses to write when a
command that should succeed fails: fix the command in the README, then run it again.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SEED_ARTICLE = ROOT / "seeds" / "000_4553a5a73907e540.txt"
COLUMNS = 80
EDITOR = "ana"

_FENCE = re.compile(r"^```(?P<info>.*)$")
_FILE = re.compile(r"\bfile=(?P<name>\S+)")
_TIME = r"\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?: UTC|Z|[+-]\d\d:\d\d)?"
_TIMESTAMP = rf"\d{{4}}-\d\d-\d\d[ T]{_TIME}"
_DATE = r"\d{4}-\d\d-\d\d"
# A narrow table column breaks a timestamp in two: its time, alone, stands for any time too.
_MOMENT = re.compile(rf"(?<![\d:])(?:({_TIMESTAMP})|({_DATE})|({_TIME}))(?![\d:])")
ELISION = "..."


@dataclass
class Example:
    """One `$ claims ...` command of the README and the lines it should print."""

    command: str  # as written, continuation lines included
    expected: list[str]
    first_line: int  # 0-based index in the README of the `$` line
    end_line: int  # one past the last expected line

    @property
    def args(self) -> list[str]:
        words = shlex.split(re.sub(r"\\\n", " ", self.command.removeprefix("$ ")))
        if not words or words[0] != "claims":
            raise ValueError(f"README line {self.first_line + 1}: the tour runs only `claims` commands: {self.command}")
        return words[1:]

    @property
    def cut_short(self) -> bool:
        return bool(self.expected) and self.expected[-1].startswith(ELISION)


@dataclass
class File:
    """A fenced block the examples after it read as a file."""

    name: str
    content: str


def read_tour(lines: list[str]) -> list[Example | File]:
    steps: list[Example | File] = []
    index = 0
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        info = fence["info"].strip()
        if file := _FILE.search(info):
            steps.append(File(file["name"], "".join(line + "\n" for line in lines[index + 1 : end])))
        elif info.split(" ")[:1] == ["console"]:
            steps.extend(_examples(lines, index + 1, end))
        index = end + 1
    return steps


def _examples(lines: list[str], start: int, end: int) -> list[Example]:
    examples: list[Example] = []
    index = start
    while index < end:
        if not lines[index].startswith("$ "):
            raise ValueError(f"README line {index + 1}: a console block starts with a `$ claims` line")
        first = index
        while lines[index].endswith("\\") and index + 1 < end:
            index += 1
        command = "\n".join(lines[first : index + 1])
        index += 1
        output_start = index
        while index < end and not lines[index].startswith("$ "):
            index += 1
        examples.append(Example(command, lines[output_start:index], first, index))
    return examples


def _pattern(expected: list[str], today: str) -> re.Pattern[str]:
    """Expected lines as a pattern: a date and time matches any other, a date itself or today."""
    text = "\n".join(expected)
    pattern, position = "", 0
    for moment in _MOMENT.finditer(text):
        pattern += re.escape(text[position : moment.start()])
        if moment[2]:
            pattern += f"(?:{re.escape(moment[2])}|{today})"
        else:
            pattern += _TIMESTAMP if moment[1] else _TIME
        position = moment.end()
    return re.compile(pattern + re.escape(text[position:]))


def run(workdir: Path, steps: list[Example | File]) -> list[tuple[Example, list[str], int]]:
    """Each example with what it printed and its exit code, run in `workdir`, in order."""
    from tests.invoke import invoke

    (workdir / "article.txt").write_bytes(SEED_ARTICLE.read_bytes())
    environment = {name: None for name in os.environ if name.startswith("CLAIMS_")}
    environment |= {
        "CLAIMS_DATABASE_URL": f"sqlite:///{workdir / 'claims.db'}",
        "CLAIMS_EDITOR": EDITOR,
        "COLUMNS": str(COLUMNS),
        "NO_COLOR": "1",
        "TTY_COMPATIBLE": None,
    }
    results = []
    previous = Path.cwd()
    os.chdir(workdir)
    try:
        for step in steps:
            if isinstance(step, File):
                (workdir / step.name).write_text(step.content, encoding="utf-8")
                continue
            result = invoke(step.args, env=environment)
            printed = (result.stdout + result.stderr).rstrip("\n")
            results.append((step, [line.rstrip() for line in printed.split("\n")] if printed else [], result.exit_code))
    finally:
        os.chdir(previous)
    return results


def _expects_failure(example: Example) -> bool:
    return any(line.startswith("Error: ") for line in example.expected)


def differences(results: list[tuple[Example, list[str], int]]) -> list[str]:
    """One message per example whose output or outcome is not what the README shows."""
    today = datetime.now(UTC).date().isoformat()
    problems = []
    for example, printed, exit_code in results:
        expected = [line.rstrip() for line in example.expected]
        compared = printed
        if example.cut_short:
            expected = expected[:-1]
            compared = printed[: len(expected)]
        where = f"README line {example.first_line + 1}: {example.command.splitlines()[0]}"
        if (exit_code != 0) != _expects_failure(example):
            problems.append(f"{where}\n  exit code {exit_code}; printed:\n" + "\n".join(printed))
        elif not _pattern(expected, today).fullmatch("\n".join(compared)):
            diff = difflib.unified_diff(expected, compared, "README.md", "claims printed", lineterm="")
            problems.append(f"{where}\n" + "\n".join(diff))
    return problems


def updated(lines: list[str], results: list[tuple[Example, list[str], int]]) -> list[str]:
    """The README with each example's output replaced by what it printed."""
    new = list(lines)
    for example, printed, _ in sorted(results, key=lambda item: -item[0].first_line):
        output = printed
        if example.cut_short:
            output = [*printed[: _cut(printed, len(example.expected) - 1)], example.expected[-1]]
        start = example.first_line + len(example.command.splitlines())
        new[start : example.end_line] = output
    return new


def _cut(printed: list[str], count: int) -> int:
    """Where to cut an output shown cut short: after `count` lines, or after the table they end in."""
    while 0 < count < len(printed) and printed[count][:1] in set("│┃┡└"):
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.readme_tour", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the real outputs into README.md")
    options = parser.parse_args(argv)
    lines = README.read_text(encoding="utf-8").split("\n")
    with tempfile.TemporaryDirectory(prefix="claims-readme-") as workdir:
        results = run(Path(workdir), read_tour(lines))
    failed = [
        f"README line {e.first_line + 1}: {e.command.splitlines()[0]}\n" + "\n".join(printed)
        for e, printed, code in results
        if code != 0 and not _expects_failure(e)
    ]
    if options.update:
        if failed:
            print("Not written: these commands failed; fix them in README.md first.\n\n" + "\n\n".join(failed))
            return 1
        README.write_text("\n".join(updated(lines, results)), encoding="utf-8")
        print(f"README.md: the outputs of {len(results)} commands written.")
        return 0
    problems = differences(results)
    print("\n\n".join(problems) if problems else f"README.md: all {len(results)} commands print what it shows.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
