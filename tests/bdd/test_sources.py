from __future__ import annotations

import json
import re

from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.conftest import SEED_ARTICLE, Terminal, seed_imported

scenarios("sources.feature")

STOPWORDS = {"is", "a", "an", "the", "of", "in", "with", "to", "up", "expected", "sign"}


@when("I import the seed article")
def import_seed(terminal: Terminal) -> None:
    seed_imported(terminal)


@when("I import this article from standard input:")
def import_stdin(terminal: Terminal, docstring: str) -> None:
    terminal.run("claims source add - --title 'From a pipe'", stdin=docstring)


@given(parsers.parse('an article "{name}" of {count:d} statements about ships'))
def ship_statements(terminal: Terminal, name: str, count: int) -> None:
    lines = [f"Acme sold {number} ships to the port of Rotterdam in {1950 + number}." for number in range(1, count + 1)]
    (terminal.workdir / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


@given(parsers.parse('a Latin-1 file "{name}"'))
def latin1_file(terminal: Terminal, name: str) -> None:
    (terminal.workdir / name).write_bytes("Le ministre a déclaré que…".encode("latin-1", errors="replace"))


@then(parsers.parse("source {source_id:d} was published on {day}"))
def published_on(terminal: Terminal, source_id: int, day: str) -> None:
    assert terminal.json(f"claims source show {source_id}")["published"] == day


@then("there is an unverified claim for each of these statements:")
def claim_for_each(terminal: Terminal, datatable: list[list[str]]) -> None:
    claims = terminal.json("claims list")
    statements = [row[0] for row in datatable[1:]]
    chosen = {}
    for statement in statements:
        words = [
            w for w in re.findall(r"\w+", statement) if w.lower() not in STOPWORDS and w[0].isupper() or w.isdigit()
        ]
        matches = [c for c in claims if all(word in c["text"] for word in words)]
        assert matches, f"no claim for {statement!r} (looked for {words}) among {[c['text'] for c in claims]}"
        assert all(c["status"] == "unverified" for c in matches)
        chosen[statement] = {c["id"] for c in matches}
    for statement, ids in chosen.items():
        others = set().union(*(other for name, other in chosen.items() if name != statement))
        assert ids - others, f"{statement!r} has no claim of its own"


@then("every claim's sentence is found word for word at its offsets in the article")
def offsets_exact(terminal: Terminal) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for claim in terminal.json("claims list"):
        assert text[claim["start"] : claim["end"]] == claim["sentence"], claim


@then(parsers.parse('no claim contains "{text}"'))
def no_claim_contains(terminal: Terminal, text: str) -> None:
    for claim in terminal.json("claims list"):
        assert text not in claim["text"] and text not in claim["sentence"], claim


@then(parsers.parse("there is {count:d} source"))
@then(parsers.parse("there are {count:d} sources"))
def source_count(terminal: Terminal, count: int) -> None:
    assert len(terminal.json("claims source list")) == count


@then(parsers.parse("there are {count:d} claims"))
def claim_count(terminal: Terminal, count: int) -> None:
    assert len(terminal.json("claims list")) == count


@then(parsers.parse('the JSON has "{key}" equal to "{value}"'))
def json_has(terminal: Terminal, key: str, value: str) -> None:
    assert str(json.loads(terminal.stdout)[key]) == value


@then(parsers.parse('the JSON\'s "{key}" has "{inner}" equal to {value:d}'))
def json_inner_has(terminal: Terminal, key: str, inner: str, value: int) -> None:
    assert json.loads(terminal.stdout)[key][inner] == value


def newest_claim(terminal: Terminal) -> dict:  # type: ignore[type-arg]
    return max(terminal.json("claims list"), key=lambda claim: claim["id"])


@then("the newest claim has no offsets")
def no_offsets(terminal: Terminal) -> None:
    claim = newest_claim(terminal)
    assert claim["start"] is None and claim["sentence"] is None


@then("the newest claim has its sentence at its offsets in the article")
def sentence_at_offsets(terminal: Terminal) -> None:
    claim = newest_claim(terminal)
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert claim["start"] is not None and text[claim["start"] : claim["end"]] == claim["sentence"]


@then(parsers.parse('the newest claim is attributed to "{claimant}"'))
def newest_attributed(terminal: Terminal, claimant: str) -> None:
    assert newest_claim(terminal)["claimant"] == claimant


@when(parsers.parse('I import the seed article from "{url}" with "{options}"'))
def import_seed_from(terminal: Terminal, url: str, options: str) -> None:
    terminal.run(f'claims source add "{SEED_ARTICLE}" --url {url} {options}')


@then(parsers.parse("there is {count:d} claim"))
def one_claim(terminal: Terminal, count: int) -> None:
    claim_count(terminal, count)


def _stands_in(terminal: Terminal, mention: str, article: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert claim["start"] is not None, f"claim has no place in the article: {claim}"
    assert article[claim["start"] : claim["end"]] == claim["sentence"], claim
    assert " ".join(claim["sentence"].split()) == claim["text"], claim


@then(parsers.parse('the claim about "{mention}" stands word for word at its offsets in the seed article'))
def stands_in_seed(terminal: Terminal, mention: str) -> None:
    _stands_in(terminal, mention, SEED_ARTICLE.read_text(encoding="utf-8"))


@then(parsers.parse('the claim about "{mention}" stands word for word at its offsets in "{name}"'))
def stands_in_file(terminal: Terminal, mention: str, name: str) -> None:
    _stands_in(terminal, mention, (terminal.workdir / name).read_text(encoding="utf-8"))


@then(parsers.parse('the claim about "{mention}" has no place in the article'))
def no_place(terminal: Terminal, mention: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert (claim["sentence"], claim["start"], claim["end"]) == (None, None, None), claim


@then(parsers.parse('the claim about "{mention}" has a note in its history saying "{text}"'))
def history_note(terminal: Terminal, mention: str, text: str) -> None:
    events = terminal.json(f"claims history {terminal.claim_id(mention)}")
    notes = [event["note"] for event in events if event["kind"] == "note"]
    assert any(text in (note or "") for note in notes), (
        f"no note saying {text!r} in {[e['kind'] for e in events]}: {notes}"
    )
