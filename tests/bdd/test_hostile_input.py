"""Steps for refusing what cannot be stored whole and showing data as text."""

from __future__ import annotations

import json
import re
import shlex

from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.conftest import Terminal

scenarios("hostile_input.feature")

ESCAPE = "\x1b"
CLEAR_AND_RETITLE = f"Acme {ESCAPE}[2J{ESCAPE}]0;PWNED{ESCAPE}\\ grew 5%"


@given(parsers.parse('a UTF-16 file "{name}" without a byte-order mark holding "{content}"'))
def utf16_file(terminal: Terminal, name: str, content: str) -> None:
    (terminal.workdir / name).write_bytes(content.replace("\\n", "\n").encode("utf-16-le"))


@given(parsers.parse('a file "{name}" with a claimant of {length:d} characters'))
def long_claimant(terminal: Terminal, name: str, length: int) -> None:
    (terminal.workdir / name).write_text(f"text,claimant\nAcme grew 5%,{'c' * length}\n", encoding="utf-8")


@when(parsers.parse("I add a claim whose claimant is {length:d} characters long"))
def add_long_claimant(terminal: Terminal, length: int) -> None:
    terminal.run(f"claims add 'Acme grew 5%' --claimant {'c' * length}")


@when(parsers.parse("I add an article whose title is {length:d} characters long"))
def add_long_title(terminal: Terminal, length: int) -> None:
    (terminal.workdir / "article.txt").write_text("Acme grew its revenue by 5% to $3.2bn in 2020.\n", encoding="utf-8")
    terminal.run(f"claims source add article.txt --title {'t' * length}")


@given(parsers.parse('an article repeating "{sentence}" {times:d} times'))
def repeating_article(terminal: Terminal, sentence: str, times: int) -> None:
    (terminal.workdir / "article.txt").write_text(" ".join([sentence] * times) + "\n", encoding="utf-8")


def import_claim(terminal: Terminal, text: str) -> None:
    """A claim with text as it is: through a file, as a command line's [brackets] name claims."""
    (terminal.workdir / "claim.json").write_text(json.dumps([{"text": text}]), encoding="utf-8")
    terminal.run("claims import claim.json")
    assert terminal.exit_code == 0, terminal.stderr


@given("a claim holding a terminal escape that clears the screen and retitles the window")
def escaping_claim(terminal: Terminal) -> None:
    import_claim(terminal, CLEAR_AND_RETITLE)


@given(parsers.parse("a claim with a javascript link and a tracking image: {text}"))
def linking_claim(terminal: Terminal, text: str) -> None:
    import_claim(terminal, text)


@given("a note on it holding a terminal escape that turns the text red")
def escaping_note(terminal: Terminal) -> None:
    note = f"Seen on a page that said {ESCAPE}[31mRED"
    terminal.run(f"claims note 1 {shlex.quote(note)}")
    assert terminal.exit_code == 0, terminal.stderr


@given("a note on it holding a Windows line break")
def crlf_note(terminal: Terminal) -> None:
    note = "first line\r\n| second line |"
    terminal.run(f"claims note 1 {shlex.quote(note)}")
    assert terminal.exit_code == 0, terminal.stderr


@then("the output shows the escapes as text and holds no escape character")
def escapes_shown(terminal: Terminal) -> None:
    assert terminal.exit_code == 0, terminal.stderr
    assert ESCAPE not in terminal.stdout, repr(terminal.stdout)
    assert "\\x1b" in terminal.stdout, terminal.stdout


@then("every table row of the output is one line")
def rows_whole(terminal: Terminal) -> None:
    assert "\r" not in terminal.stdout
    for line in terminal.stdout.splitlines():
        if line.startswith("|"):
            assert line.endswith("|"), f"a table row was split: {line!r}"
        else:
            assert not re.match(r"^\s*\| second line", line), line


@then(parsers.parse("the desk holds {count:d} claim"))
@then(parsers.parse("the desk holds {count:d} claims"))
def holds(terminal: Terminal, count: int) -> None:
    assert len(terminal.json("claims list")) == count


@then("the desk holds no claims")
def holds_none(terminal: Terminal) -> None:
    holds(terminal, 0)
