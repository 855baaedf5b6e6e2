import json

from pytest_bdd import scenarios, then

from tests.bdd.conftest import Terminal

scenarios("workflow.feature")


@then("the history shows these changes:")
def history_shows(terminal: Terminal, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    events = json.loads(terminal.stdout)
    seen = [[str(event[column] or "") for column in header] for event in events]
    assert seen == rows, f"history was {seen}"
