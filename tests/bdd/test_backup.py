import json

from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.conftest import Terminal

scenarios("backup.feature")


@when(parsers.parse('I pipe that backup into "{command}"'))
def pipe_backup(terminal: Terminal, command: str) -> None:
    backup = terminal.stdout
    assert backup.startswith('{"format":"claims backup"'), backup[:200]
    terminal.run(command, stdin=backup)


@given(parsers.parse('"{name}" had been written by an older claims, at schema revision {revision}'))
def older_revision(terminal: Terminal, name: str, revision: str) -> None:
    path = terminal.workdir / name
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    fields = json.loads(header)
    fields["schema_revision"] = revision
    path.write_text(json.dumps(fields) + "\n" + rest, encoding="utf-8")


@given(parsers.parse('"{name}" lost its last {count:d} lines'))
def cut_short(terminal: Terminal, name: str, count: int) -> None:
    path = terminal.workdir / name
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join(lines[:-count]) + "\n", encoding="utf-8")


def _claim(terminal: Terminal, mention: str) -> dict:  # type: ignore[type-arg]
    return terminal.json(f"claims show {terminal.claim_id(mention)}")  # type: ignore[no-any-return]


@then(parsers.parse('the verdict on "{mention}" is still a draft, waiting for a second editor'))
def still_a_draft(terminal: Terminal, mention: str) -> None:
    claim = _claim(terminal, mention)
    assert (claim["draft"], claim["published"], claim["signed_off_by"]) == (True, False, None), claim


@then(parsers.parse('the verdict on "{mention}" is published, signed off by "{editor}"'))
def published(terminal: Terminal, mention: str, editor: str) -> None:
    claim = _claim(terminal, mention)
    assert (claim["draft"], claim["published"], claim["signed_off_by"]) == (False, True, editor), claim


@then(parsers.parse('the ClaimReview export holds only the verdict on "{mention}"'))
def claimreview_holds(terminal: Terminal, mention: str) -> None:
    terminal.run("claims export claimreview")
    assert terminal.exit_code == 0, terminal.stderr
    reviewed = [review["claimReviewed"] for review in json.loads(terminal.stdout)]
    assert len(reviewed) == 1 and mention in reviewed[0], reviewed


@then(parsers.parse('the claim about "{mention}" is assigned to "{editor}"'))
def assigned_to(terminal: Terminal, mention: str, editor: str) -> None:
    assert _claim(terminal, mention)["assignee"] == editor


@then(parsers.parse('the desk\'s editors are still "{first}" as {first_role} and "{second}" as {second_role}'))
def editors_are(terminal: Terminal, first: str, first_role: str, second: str, second_role: str) -> None:
    editors = [(editor["name"], editor["role"]) for editor in terminal.json("claims editor list")]
    assert editors == [(first, first_role), (second, second_role)]


@then(parsers.parse('"{first}" and "{second}" are the same, byte for byte'))
def same_bytes(terminal: Terminal, first: str, second: str) -> None:
    one, two = (terminal.workdir / first).read_bytes(), (terminal.workdir / second).read_bytes()
    assert one == two, f"the backups differ:\n{one.decode()[:3000]}\n---\n{two.decode()[:3000]}"
    assert one.count(b'"table":"claims"') == 12


@then("the desk holds no claims")
def no_claims(terminal: Terminal) -> None:
    assert terminal.json("claims list") == []
