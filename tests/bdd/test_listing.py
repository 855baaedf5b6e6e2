from __future__ import annotations

import csv
import io
import json

from pytest_bdd import parsers, scenarios, then

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
