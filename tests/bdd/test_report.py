from __future__ import annotations

import json

from pytest_bdd import parsers, scenarios, then

from tests.bdd.conftest import Desk

scenarios("report.feature")


@then(parsers.parse("the report counts {confirmed:d} confirmed, {in_review:d} in_review and {unverified:d} unverified claims"))
def report_counts(desk: Desk, confirmed: int, in_review: int, unverified: int) -> None:
    by_status = json.loads(desk.stdout)["by_status"]
    assert (by_status["confirmed"], by_status["in_review"], by_status["unverified"]) == (confirmed, in_review, unverified)


@then(parsers.parse("the report says {resolved:d} of {total:d} claims are resolved"))
def report_resolved(desk: Desk, resolved: int, total: int) -> None:
    report = json.loads(desk.stdout)
    assert (report["resolved"], report["total"]) == (resolved, total)
