import json

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.conftest import Desk

scenarios("matching.feature")


def _archive(desk: Desk) -> list[dict]:
    return desk.json("claims factchecks list --all")


def _factcheck(desk: Desk, claim: str) -> dict:
    found = [check for check in _archive(desk) if check["claim_reviewed"] == claim]
    assert len(found) == 1, [check["claim_reviewed"] for check in _archive(desk)]
    return found[0]


@then(parsers.parse("the archive holds {count:d} fact-checks"))
def archive_holds(desk: Desk, count: int) -> None:
    assert len(_archive(desk)) == count


@then(parsers.parse('the fact-check "{claim}" is rated "{rating}" by "{organisation}"'))
def rated(desk: Desk, claim: str, rating: str, organisation: str) -> None:
    check = _factcheck(desk, claim)
    assert (check["rating"], check["reviewed_by"]) == (rating, organisation)


@then(parsers.parse('the fact-check "{claim}" has no rating'))
def no_rating(desk: Desk, claim: str) -> None:
    assert _factcheck(desk, claim)["rating"] is None


@then(parsers.parse('the best match is the fact-check "{claim}" rated "{rating}" by "{organisation}"'))
def best_match(desk: Desk, claim: str, rating: str, organisation: str) -> None:
    assert desk.exit_code == 0, desk.stderr
    best = json.loads(desk.stdout)["matches"][0]
    assert (best["type"], best["text"], best["verdict"], best["reviewed_by"]) == (
        "factcheck",
        claim,
        rating,
        organisation,
    )
    assert set(best) == {"type", "id", "url", "text", "status", "published", "verdict", "reviewed_by", "date", "score"}


@then("the best match reads as the same claim")
def same_claim(desk: Desk) -> None:
    from claims.config import matching_thresholds

    backend = "postgresql" if desk.database_url.startswith("postgresql") else "sqlite"
    assert json.loads(desk.stdout)["matches"][0]["score"] >= matching_thresholds(None, backend).same


@when(parsers.parse('I run "claims match -" with the lines "{first}" and "{second}"'))
def match_lines(desk: Desk, first: str, second: str) -> None:
    desk.run("claims match -", stdin=f"{first}\n{second}\n")


@then(parsers.parse('the answers come back in order, matching "{first}" then "{second}"'))
def in_order(desk: Desk, first: str, second: str) -> None:
    assert desk.exit_code == 0, desk.stderr
    answers = [json.loads(line) for line in desk.stdout.splitlines()]
    assert [answer["matches"][0]["url"] for answer in answers] == [first, second]


@then(parsers.parse("claim {claim_id:d} shows the confirmed claim {other:d} among its matches"))
def shows_matches(desk: Desk, claim_id: int, other: int) -> None:
    matches = desk.json(f"claims show {claim_id}")["matches"]
    assert [(m["type"], m["id"], m["verdict"], m["reviewed_by"]) for m in matches][0] == (
        "claim",
        other,
        "confirmed",
        "ana",
    )
