from __future__ import annotations

import json
import re

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.conftest import Terminal

scenarios("extraction.feature")


def candidates(terminal: Terminal) -> list[dict]:  # type: ignore[type-arg]
    assert terminal.exit_code == 0, terminal.stderr
    return json.loads(terminal.stdout)


def the_claim(terminal: Terminal, text: str) -> dict:  # type: ignore[type-arg]
    matching = [c for c in candidates(terminal) if c["text"].strip('"“”') == text]
    assert len(matching) == 1, f"{text!r} not among {[c['text'] for c in candidates(terminal)]}"
    return matching[0]


# "it names ..." and "it was kept for ..." speak of the claim the step before picked.
@then(parsers.parse('the claim "{text}" is a {kind} by "{claimant}"'), target_fixture="claim")
def claim_kind_by(terminal: Terminal, text: str, kind: str, claimant: str) -> dict:  # type: ignore[type-arg]
    claim = the_claim(terminal, text)
    assert (claim["kind"], claim["claimant"], claim["kept"]) == (kind, claimant, True), claim
    return claim


@then(parsers.parse('the claim "{text}" is a {kind}'), target_fixture="claim")
def claim_kind(terminal: Terminal, text: str, kind: str) -> dict:  # type: ignore[type-arg]
    claim = the_claim(terminal, text)
    assert (claim["kind"], claim["kept"]) == (kind, True), claim
    return claim


@then(parsers.parse('the claim "{text}" is not kept, as an {kind}'))
def claim_not_kept(terminal: Terminal, text: str, kind: str) -> None:
    claim = the_claim(terminal, text)
    assert (claim["kind"], claim["kept"]) == (kind, False), claim


def named(spec: str) -> set[tuple[str, str]]:
    return set(re.findall(r'"([^"]+)" \((\w+)\)', spec))


@then(parsers.parse("it names {spec}"))
def it_names(claim: dict, spec: str) -> None:  # type: ignore[type-arg]
    assert named(spec) <= {(e["name"], e["label"]) for e in claim["entities"]}, claim["entities"]


@then(parsers.parse('the claim "{text}" names {spec}'))
def claim_names(terminal: Terminal, text: str, spec: str) -> None:
    it_names(the_claim(terminal, text), spec)


@then(parsers.parse('it was kept for "{reasons}"'))
def kept_for(claim: dict, reasons: str) -> None:  # type: ignore[type-arg]
    assert set(reasons.split("; ")) <= set(claim["reasons"]), claim["reasons"]


@then(parsers.parse('the claims include "{text}"'))
def claims_include(terminal: Terminal, text: str) -> None:
    assert the_claim(terminal, text)["kept"]


@then(parsers.parse('every claim\'s sentence stands word for word at its offsets in "{name}"'))
def offsets_exact(terminal: Terminal, name: str) -> None:
    text = (terminal.workdir / name).read_text(encoding="utf-8")
    found = candidates(terminal)
    assert found and all(text[c["start"] : c["end"]] == c["sentence"] for c in found)


@then(parsers.parse("there is a candidate for each of the {count:d} sentences"))
def every_sentence(terminal: Terminal, count: int) -> None:
    found = candidates(terminal)
    assert len({(c["start"], c["end"]) for c in found}) == count
    assert any(not c["kept"] for c in found)


@then(parsers.parse('the entity "{name}" ({label}) has {count:d} {noun}, {statuses}'))
def entity_counts(terminal: Terminal, name: str, label: str, count: int, noun: str, statuses: str) -> None:
    entities = {(e["name"], e["label"]): e for e in candidates(terminal)}
    entity = entities[(name, label)]
    expected = {status: int(n) for n, status in (part.split(" ") for part in statuses.split(", "))}
    assert entity["claims"] == count
    assert {s: n for s, n in entity["by_status"].items() if n} == expected, entity


@then(parsers.parse('only money entities are listed: "{names}"'))
def only_money(terminal: Terminal, names: str) -> None:
    listed = candidates(terminal)
    assert {e["label"] for e in listed} == {"money"}
    assert sorted(e["name"] for e in listed) == names.split(", ")


@when("I score these lines:", target_fixture="lines")
def score_lines(terminal: Terminal, docstring: str) -> list[str]:
    terminal.run("claims score", stdin=docstring + "\n")
    return docstring.split("\n")


@when("I score these lines as JSON:")
def score_lines_json(terminal: Terminal, docstring: str) -> None:
    terminal.run("claims score - --format json", stdin=docstring + "\n")


@then("there are 3 scored lines, in the order given")
def scored_in_order(terminal: Terminal, lines: list[str]) -> None:
    rows = [row.split("\t") for row in terminal.stdout.splitlines()]
    assert [row[2] for row in rows] == lines == [lines[0], "", lines[2]]
    assert all(re.fullmatch(r"[01]\.\d{4}", row[0]) and row[1] in ("0", "1") for row in rows), rows


@then("the scored line 1 is kept and line 3 is not")
def scored_kept(terminal: Terminal) -> None:
    rows = [row.split("\t") for row in terminal.stdout.splitlines()]
    assert (rows[0][1], rows[2][1]) == ("1", "0")
    assert float(rows[0][0]) > float(rows[2][0])


@then("the JSON lists 2 scores, the first kept")
def json_scores(terminal: Terminal) -> None:
    scored = candidates(terminal)
    assert [s["kept"] for s in scored] == [True, False]
    assert scored[0]["sentence"].startswith("Amazon acquired")


def the_claim_about(terminal: Terminal, mention: str) -> dict:  # type: ignore[type-arg]
    matching = [c for c in candidates(terminal) if mention in c["text"]]
    assert len(matching) == 1, f"{mention!r}: {[c['text'] for c in candidates(terminal)]}"
    return matching[0]


@then(parsers.parse('the claim about "{mention}" names {spec}'))
def claim_about_names(terminal: Terminal, mention: str, spec: str) -> None:
    it_names(the_claim_about(terminal, mention), spec)


@then(parsers.re(r'the claim about "(?P<mention>[^"]+)" is a (?P<kind>fact|prediction|quote|opinion)$'))
def claim_about_kind(terminal: Terminal, mention: str, kind: str) -> None:
    claim = the_claim_about(terminal, mention)
    assert claim["kind"] == kind and claim["kept"], claim


QUOTATION = re.compile(r"“[^“”]*”|\"[^\"]*\"")


@then(parsers.parse('every quotation in a claim stands word for word in "{name}"'))
def quotations_verbatim(terminal: Terminal, name: str) -> None:
    article = (terminal.workdir / name).read_text(encoding="utf-8")
    quotations = [q for c in candidates(terminal) for q in QUOTATION.findall(c["text"])]
    assert quotations and all(q in article for q in quotations), quotations


@then("no claim starts or ends inside brackets or quotation marks")
def claims_balanced(terminal: Terminal) -> None:
    for claim in candidates(terminal):
        text = claim["text"]
        assert text.count("(") == text.count(")") and text.count('"') % 2 == 0, text
        assert text.count("“") == text.count("”"), text
