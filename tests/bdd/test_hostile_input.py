"""Steps for refusing what cannot be stored whole and showing data as text."""

from __future__ import annotations

import json
import re
import shlex

from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.conftest import Desk

scenarios("hostile_input.feature")

ESCAPE = "\x1b"
CLEAR_AND_RETITLE = f"Acme {ESCAPE}[2J{ESCAPE}]0;PWNED{ESCAPE}\\ grew 5%"


@given(parsers.parse('a UTF-16 file "{name}" without a byte-order mark holding "{content}"'))
def utf16_file(desk: Desk, name: str, content: str) -> None:
    (desk.workdir / name).write_bytes(content.replace("\\n", "\n").encode("utf-16-le"))


@given(parsers.parse('a file "{name}" with a claimant of {length:d} characters'))
def long_claimant(desk: Desk, name: str, length: int) -> None:
    (desk.workdir / name).write_text(f"text,claimant\nAcme grew 5%,{'c' * length}\n", encoding="utf-8")


@when(parsers.parse("I add a claim whose claimant is {length:d} characters long"))
def add_long_claimant(desk: Desk, length: int) -> None:
    desk.run(f"claims add 'Acme grew 5%' --claimant {'c' * length}")


@when(parsers.parse("I add an article whose title is {length:d} characters long"))
def add_long_title(desk: Desk, length: int) -> None:
    (desk.workdir / "article.txt").write_text("Acme grew its revenue by 5% to $3.2bn in 2020.\n", encoding="utf-8")
    desk.run(f"claims source add article.txt --title {'t' * length}")


@given(parsers.parse('an article repeating "{sentence}" {times:d} times'))
def repeating_article(desk: Desk, sentence: str, times: int) -> None:
    (desk.workdir / "article.txt").write_text(" ".join([sentence] * times) + "\n", encoding="utf-8")


def import_claim(desk: Desk, text: str) -> None:
    """A claim with text as it is: through a file, as a command line's [brackets] name claims."""
    (desk.workdir / "claim.json").write_text(json.dumps([{"text": text}]), encoding="utf-8")
    desk.run("claims import claim.json")
    assert desk.exit_code == 0, desk.stderr


@given("a claim holding a terminal escape that clears the screen and retitles the window")
def escaping_claim(desk: Desk) -> None:
    import_claim(desk, CLEAR_AND_RETITLE)


@given(parsers.parse("a claim with a javascript link and a tracking image: {text}"))
def linking_claim(desk: Desk, text: str) -> None:
    import_claim(desk, text)


@given("a note on it holding a terminal escape that turns the text red")
def escaping_note(desk: Desk) -> None:
    note = f"Seen on a page that said {ESCAPE}[31mRED"
    desk.run(f"claims note 1 {shlex.quote(note)}")
    assert desk.exit_code == 0, desk.stderr


@given("a note on it holding a Windows line break")
def crlf_note(desk: Desk) -> None:
    note = "first line\r\n| second line |"
    desk.run(f"claims note 1 {shlex.quote(note)}")
    assert desk.exit_code == 0, desk.stderr


@then("the output shows the escapes as text and holds no escape character")
def escapes_shown(desk: Desk) -> None:
    assert desk.exit_code == 0, desk.stderr
    assert ESCAPE not in desk.stdout, repr(desk.stdout)
    assert "\\x1b" in desk.stdout, desk.stdout


@then("every table row of the output is one line")
def rows_whole(desk: Desk) -> None:
    assert "\r" not in desk.stdout
    for line in desk.stdout.splitlines():
        if line.startswith("|"):
            assert line.endswith("|"), f"a table row was split: {line!r}"
        else:
            assert not re.match(r"^\s*\| second line", line), line


@then(parsers.parse("the desk holds {count:d} claim"))
@then(parsers.parse("the desk holds {count:d} claims"))
def holds(desk: Desk, count: int) -> None:
    assert len(desk.json("claims list")) == count


@then("the desk holds no claims")
def holds_none(desk: Desk) -> None:
    holds(desk, 0)
