import csv
import io
import json
import shlex

from pytest_bdd import given, parsers, scenarios, then, when

from claims.spreadsheet import FORMULA_STARTS
from tests.bdd.conftest import Desk, history_checks_out

scenarios("exchange.feature")


@given(parsers.parse('a CSV file "{name}" with {count:d} claims'))
def a_big_csv(desk: Desk, name: str, count: int) -> None:
    with (desk.workdir / name).open("w", encoding="utf-8", newline="") as out:
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
def pipe_into(desk: Desk, content: str, command: str) -> None:
    desk.run(command, stdin=content + "\n")


@when(parsers.parse('I run "{command}" at a terminal'))
def run_at_terminal(desk: Desk, command: str) -> None:
    # rich takes TTY_COMPATIBLE=1 as "this is a terminal", as a real one would be.
    desk.run(command, env={"TTY_COMPATIBLE": "1", "COLUMNS": "100"})


@then("a progress bar was shown")
def progress_shown(desk: Desk) -> None:
    assert "Importing claims" in desk.stderr, f"no progress bar on stderr: {desk.stderr!r}"


@then("no progress bar was shown")
def progress_not_shown(desk: Desk) -> None:
    assert desk.stderr == "", f"unexpected output on stderr: {desk.stderr!r}"


@then("there are no claims")
def no_claims_at_all(desk: Desk) -> None:
    """Nothing was written: no claim, and no source besides the one the Background added."""
    assert desk.json("claims list") == []
    sources = [(source["title"], source["url"], source["claims"]) for source in desk.json("claims source list")]
    assert sources == [("Tencent teams up with Geely", "https://example.org/tencent", 0)]


@then("every claim's history gives its current state, in both databases")
def history_checks_out_in_both(desk: Desk, second_database_url: str) -> None:
    history_checks_out(desk)
    history_checks_out(Desk(database_url=second_database_url, workdir=desk.workdir, editor="zed"))


@then(parsers.parse('the claim about "{mention}" is published, signed off by "{editor}"'))
def published_by(desk: Desk, mention: str, editor: str) -> None:
    claim = desk.json(f"claims show {desk.claim_id(mention)}")
    assert (claim["published"], claim["signed_off_by"]) == (True, editor), claim


@then(parsers.parse('the claim about "{mention}" is a draft'))
def a_draft(desk: Desk, mention: str) -> None:
    claim = desk.json(f"claims show {desk.claim_id(mention)}")
    assert (claim["draft"], claim["published"], claim["signed_off_by"]) == (True, False, None), claim


@then(parsers.parse('the claims in "{name}" are of the kinds {kinds}'))
def kinds_in_file(desk: Desk, name: str, kinds: str) -> None:
    text = (desk.workdir / name).read_text(encoding="utf-8")
    rows = json.loads(text) if name.endswith(".json") else (
        [json.loads(line) for line in text.splitlines()] if name.endswith(".jsonl") else list(csv.DictReader(io.StringIO(text)))
    )  # fmt: skip
    assert [row["kind"] for row in rows] == kinds.split(", ")


@then(parsers.parse('the claim about "{mention}" was given its verdict at "{moment}" and published by "{editor}"'))
def verdict_moment(desk: Desk, mention: str, moment: str, editor: str) -> None:
    report = desk.json("claims report")
    (verdict,) = [v for v in report["verdicts"] if mention in v["text"]]
    assert (verdict["given_at"], verdict["published"], verdict["signed_off_by"]) == (moment, True, editor)


@then(parsers.parse('the claim about "{mention}" comes from source {source_id:d} with claimant "{claimant}"'))
def claim_source(desk: Desk, mention: str, source_id: int, claimant: str) -> None:
    claim = desk.json(f"claims show {desk.claim_id(mention)}")
    assert (claim["source_id"], claim["claimant"]) == (source_id, claimant)
    assert claim["start"] is None or claim["sentence"] == claim["text"]


def _export_from_second_desk(desk: Desk, second_database_url: str, source: str, target: str, file_format: str) -> None:
    other = Desk(database_url=second_database_url, workdir=desk.workdir, editor="zed")
    assert other.json("claims list") == [], "the second database is not empty"
    other.run(f"claims import {shlex.quote(source)}")
    assert other.exit_code == 0, other.stderr
    other.run(f"claims export claims --format {file_format} --output {shlex.quote(target)}")
    assert other.exit_code == 0, other.stderr


@when(parsers.parse('I import "{source}" into an empty database and export it to "{target}"'))
def round_trip(desk: Desk, second_database_url: str, source: str, target: str) -> None:
    _export_from_second_desk(desk, second_database_url, source, target, target.rsplit(".", 1)[1])


@when(parsers.parse('I import the CSV output into an empty database and export it to "{target}" as json'))
def round_trip_output(desk: Desk, second_database_url: str, target: str) -> None:
    (desk.workdir / "output.csv").write_text(desk.stdout, encoding="utf-8")
    _export_from_second_desk(desk, second_database_url, "output.csv", target, "json")


@then(parsers.parse('"{first}" and "{second}" are the same, with {count:d} claims'))
def same_files(desk: Desk, first: str, second: str, count: int) -> None:
    one, two = (desk.workdir / first).read_bytes(), (desk.workdir / second).read_bytes()
    assert one == two, f"the files differ:\n{one.decode()}\n---\n{two.decode()}"
    text = one.decode()
    rows = json.loads(text) if first.endswith(".json") else (
        [json.loads(line) for line in text.splitlines()] if first.endswith(".jsonl") else list(csv.DictReader(io.StringIO(text)))
    )  # fmt: skip
    assert len(rows) == count
    assert {row["status"] for row in rows} == {"confirmed", "refuted", "unverified", "unverifiable", "in_review"}


def _csv_rows(desk: Desk) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(desk.stdout)))


@then("no cell of the CSV output starts with a formula character")
def no_formulas(desk: Desk) -> None:
    for row in _csv_rows(desk):
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), f"{column} cell {cell!r} would run as a formula"


@then(parsers.parse('the "{column}" column of the CSV output holds, one per line:'))
def column_holds(desk: Desk, column: str, docstring: str) -> None:
    cells = [row[column] for row in _csv_rows(desk) if row[column]]
    assert cells == docstring.splitlines()


@then(parsers.parse('the claims in "{name}" read, one per line:'))
def claims_read(desk: Desk, name: str, docstring: str) -> None:
    rows = json.loads((desk.workdir / name).read_text(encoding="utf-8"))
    assert [row["text"] for row in rows] == docstring.splitlines()


@then("the claim's history reads:")
def history_reads(desk: Desk, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    seen = [[str(event[column] or "") for column in header] for event in json.loads(desk.stdout)]
    assert seen == [[cell.strip() for cell in row] for row in rows], f"history was {seen}"


@then("the report's recent activity reads, newest first:")
def activity_reads(desk: Desk, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    seen = [[str(item[column] or "") for column in header] for item in json.loads(desk.stdout)["activity"]]
    assert seen == [[cell.strip() for cell in row] for row in rows], f"activity was {seen}"
