from __future__ import annotations

import csv
import io
import json
import re

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.conftest import Terminal, listed

scenarios("listing.feature")


def keys(names: str) -> set[str]:
    return {name.strip() for name in names.split(",")}


@then(parsers.parse("more than {count:d} claims are listed"))
def more_listed(terminal: Terminal, count: int) -> None:
    assert len(listed(terminal)) > count


@then(parsers.parse("every listed claim comes from source {source_id:d}"))
def all_from_source(terminal: Terminal, source_id: int) -> None:
    assert all(claim["source_id"] == source_id for claim in listed(terminal))


@then(parsers.parse('every listed claim has the keys "{names}"'))
def claim_keys(terminal: Terminal, names: str) -> None:
    claims = listed(terminal)
    assert claims and all(keys(names) <= claim.keys() for claim in claims)


@then(parsers.parse('the claim\'s evidence has the keys "{names}"'))
def evidence_keys(terminal: Terminal, names: str) -> None:
    evidence = json.loads(terminal.stdout)["evidence"]
    assert evidence and all(keys(names) <= item.keys() for item in evidence)


@then(parsers.parse('the claim\'s history has the keys "{names}"'))
def history_keys(terminal: Terminal, names: str) -> None:
    history = json.loads(terminal.stdout)["history"]
    assert history and all(keys(names) <= event.keys() for event in history)


@then(parsers.parse('the output is a CSV with {count:d} rows and the columns "{names}"'))
def csv_output(terminal: Terminal, count: int, names: str) -> None:
    rows = list(csv.DictReader(io.StringIO(terminal.stdout)))
    assert len(rows) == count
    assert keys(names) <= set(rows[0])


@when(parsers.parse('I run "{command}" in a terminal {width:d} columns wide'))
def run_at_width(terminal: Terminal, command: str, width: int) -> None:
    terminal.run(command, env={"COLUMNS": str(width)})


@then(parsers.parse('the table shows {count:d} claims, from "{first}" down to "{last}"'))
def table_rows(terminal: Terminal, count: int, first: str, last: str) -> None:
    rows = [line for line in terminal.stdout.splitlines() if re.match(r"\s*\d+  ", line)]  # a number, then a gap
    assert len(rows) == count, terminal.stdout
    assert first in rows[0] and last in rows[-1], (rows[0], rows[-1])


@then(parsers.parse('the last line says "{text}"'))
def last_line(terminal: Terminal, text: str) -> None:
    assert terminal.exit_code == 0, terminal.stderr
    assert terminal.stdout.rstrip("\n").splitlines()[-1] == text


@then(parsers.parse('the count line on the error stream says "{text}"'))
def count_line_on_stderr(terminal: Terminal, text: str) -> None:
    assert terminal.stderr.strip() == text


@then(parsers.parse("the listed claims are, in this order:"))
def listed_in_order(terminal: Terminal, datatable: list[list[str]]) -> None:
    wanted = [row[0].strip() for row in datatable[1:]]
    found = [claim["text"] for claim in listed(terminal)]
    assert len(found) == len(wanted) and all(
        text.startswith(start) for text, start in zip(found, wanted, strict=True)
    ), found


@then(parsers.parse("the output holds {count:d} claims as {file_format}"))
def output_holds(terminal: Terminal, count: int, file_format: str) -> None:
    assert terminal.exit_code == 0, terminal.stderr
    if file_format == "json":
        claims = json.loads(terminal.stdout)
    elif file_format == "jsonl":
        claims = [json.loads(line) for line in terminal.stdout.splitlines()]
    else:
        claims = list(csv.DictReader(io.StringIO(terminal.stdout)))
    assert len(claims) == count
    assert len({str(claim["id"]) for claim in claims}) == count


@then(parsers.parse("no line of the output is wider than {width:d} columns"))
def fits(terminal: Terminal, width: int) -> None:
    from rich.cells import cell_len

    assert terminal.exit_code == 0, terminal.stderr
    assert max(cell_len(line.rstrip()) for line in terminal.stdout.splitlines()) <= width, terminal.stdout
