import csv
import io
import json
import shlex

from pytest_bdd import given, parsers, scenarios, then, when

from claims.spreadsheet import FORMULA_STARTS
from tests.bdd.conftest import Terminal, history_checks_out

scenarios("exchange.feature")


@given(parsers.parse('a CSV file "{name}" with {count:d} claims'))
def a_big_csv(terminal: Terminal, name: str, count: int) -> None:
    with (terminal.workdir / name).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["text", "status", "evidence_url"])
        for number in range(count):
            verdict = number % 3 == 0
            writer.writerow(
                [
                    f"Claim {name} number {number}",
                    "confirmed" if verdict else "",
                    "https://example.org/e" if verdict else "",
                ]
            )


@when(parsers.parse("I pipe '{content}' into \"{command}\""))
def pipe_into(terminal: Terminal, content: str, command: str) -> None:
    terminal.run(command, stdin=content + "\n")


@when(parsers.parse('I run "{command}" at a terminal'))
def run_at_terminal(terminal: Terminal, command: str) -> None:
    # rich takes TTY_COMPATIBLE=1 as "this is a terminal", as a real one would be.
    terminal.run(command, env={"TTY_COMPATIBLE": "1", "COLUMNS": "100"})


@then("a progress bar was shown")
def progress_shown(terminal: Terminal) -> None:
    assert "Importing claims" in terminal.stderr, f"no progress bar on stderr: {terminal.stderr!r}"


@then("no progress bar was shown")
def progress_not_shown(terminal: Terminal) -> None:
    assert terminal.stderr == "", f"unexpected output on stderr: {terminal.stderr!r}"


@then("there are no claims")
def no_claims_at_all(terminal: Terminal) -> None:
    """Nothing was written: no claim, and no source besides the one the Background added."""
    assert terminal.json("claims list") == []
    sources = [(source["title"], source["url"], source["claims"]) for source in terminal.json("claims source list")]
    assert sources == [("Tencent teams up with Geely", "https://example.org/tencent", 0)]


@then("every claim's history gives its current state, in both databases")
def history_checks_out_in_both(terminal: Terminal, second_database_url: str) -> None:
    history_checks_out(terminal)
    history_checks_out(Terminal(database_url=second_database_url, workdir=terminal.workdir, editor="zed"))


@then(parsers.parse('the claim about "{mention}" is published, signed off by "{editor}"'))
def published_by(terminal: Terminal, mention: str, editor: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert (claim["published"], claim["signed_off_by"]) == (True, editor), claim


@then(parsers.parse('the claim about "{mention}" is a draft'))
def a_draft(terminal: Terminal, mention: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert (claim["draft"], claim["published"], claim["signed_off_by"]) == (True, False, None), claim


@then(parsers.parse('the claims in "{name}" are of the kinds {kinds}'))
def kinds_in_file(terminal: Terminal, name: str, kinds: str) -> None:
    text = (terminal.workdir / name).read_text(encoding="utf-8")
    rows = json.loads(text) if name.endswith(".json") else (
        [json.loads(line) for line in text.splitlines()] if name.endswith(".jsonl") else list(csv.DictReader(io.StringIO(text)))
    )  # fmt: skip
    assert [row["kind"] for row in rows] == kinds.split(", ")


@then(parsers.parse('the claim about "{mention}" was given its verdict at "{moment}" and published by "{editor}"'))
def verdict_moment(terminal: Terminal, mention: str, moment: str, editor: str) -> None:
    report = terminal.json("claims report")
    (verdict,) = [v for v in report["verdicts"] if mention in v["text"]]
    assert (verdict["given_at"], verdict["published"], verdict["signed_off_by"]) == (moment, True, editor)


@then(parsers.parse('the claim about "{mention}" comes from source {source_id:d} with claimant "{claimant}"'))
def claim_source(terminal: Terminal, mention: str, source_id: int, claimant: str) -> None:
    claim = terminal.json(f"claims show {terminal.claim_id(mention)}")
    assert (claim["source_id"], claim["claimant"]) == (source_id, claimant)
    assert claim["start"] is None or claim["sentence"] == claim["text"]


def _export_from_second_desk(
    terminal: Terminal, second_database_url: str, source: str, target: str, file_format: str
) -> None:
    other = Terminal(database_url=second_database_url, workdir=terminal.workdir, editor="zed")
    assert other.json("claims list") == [], "the second database is not empty"
    other.run(f"claims import {shlex.quote(source)}")
    assert other.exit_code == 0, other.stderr
    other.run(f"claims export claims --format {file_format} --output {shlex.quote(target)}")
    assert other.exit_code == 0, other.stderr


@when(parsers.parse('I import "{source}" into an empty database and export it to "{target}"'))
def round_trip(terminal: Terminal, second_database_url: str, source: str, target: str) -> None:
    _export_from_second_desk(terminal, second_database_url, source, target, target.rsplit(".", 1)[1])


@when(parsers.parse('I import the CSV output into an empty database and export it to "{target}" as json'))
def round_trip_output(terminal: Terminal, second_database_url: str, target: str) -> None:
    (terminal.workdir / "output.csv").write_text(terminal.stdout, encoding="utf-8")
    _export_from_second_desk(terminal, second_database_url, "output.csv", target, "json")


@then(parsers.parse('"{first}" and "{second}" are the same, with {count:d} claims'))
def same_files(terminal: Terminal, first: str, second: str, count: int) -> None:
    one, two = (terminal.workdir / first).read_bytes(), (terminal.workdir / second).read_bytes()
    assert one == two, f"the files differ:\n{one.decode()}\n---\n{two.decode()}"
    text = one.decode()
    rows = json.loads(text) if first.endswith(".json") else (
        [json.loads(line) for line in text.splitlines()] if first.endswith(".jsonl") else list(csv.DictReader(io.StringIO(text)))
    )  # fmt: skip
    assert len(rows) == count
    assert {row["status"] for row in rows} == {"confirmed", "refuted", "unverified", "unverifiable", "in_review"}


def _csv_rows(terminal: Terminal) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(terminal.stdout)))


@then("no cell of the CSV output starts with a formula character")
def no_formulas(terminal: Terminal) -> None:
    for row in _csv_rows(terminal):
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), f"{column} cell {cell!r} would run as a formula"


@then(parsers.parse('the "{column}" column of the CSV output holds, one per line:'))
def column_holds(terminal: Terminal, column: str, docstring: str) -> None:
    cells = [row[column] for row in _csv_rows(terminal) if row[column]]
    assert cells == docstring.splitlines()


@then(parsers.parse('the claims in "{name}" read, one per line:'))
def claims_read(terminal: Terminal, name: str, docstring: str) -> None:
    rows = json.loads((terminal.workdir / name).read_text(encoding="utf-8"))
    assert [row["text"] for row in rows] == docstring.splitlines()


@then("the claim's history reads:")
def history_reads(terminal: Terminal, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    seen = [[str(event[column] or "") for column in header] for event in json.loads(terminal.stdout)]
    assert seen == [[cell.strip() for cell in row] for row in rows], f"history was {seen}"


@then("the report's recent activity reads, newest first:")
def activity_reads(terminal: Terminal, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    seen = [[str(item[column] or "") for column in header] for item in json.loads(terminal.stdout)["activity"]]
    assert seen == [[cell.strip() for cell in row] for row in rows], f"activity was {seen}"
