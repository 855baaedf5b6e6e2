import json

from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.conftest import Terminal

scenarios("matching.feature")


def _archive(terminal: Terminal) -> list[dict]:
    return terminal.json("claims factchecks list --all")


def _factcheck(terminal: Terminal, claim: str) -> dict:
    found = [check for check in _archive(terminal) if check["claim_reviewed"] == claim]
    assert len(found) == 1, [check["claim_reviewed"] for check in _archive(terminal)]
    return found[0]


def _feed(
    terminal: Terminal,
    name: str,
    count: int,
    *,
    without_url: int | None = None,
    long_url: tuple[int, int] | None = None,
) -> None:
    """COUNT fact-checks as JSON Lines, one a line, each about a different town's water; one of
    them may have no address, or one of (item, characters)."""
    with (terminal.workdir / name).open("w", encoding="utf-8") as feed:
        for number in range(1, count + 1):
            review = {
                "@type": "ClaimReview",
                "claimReviewed": f"The water of town number {number} is unsafe to drink.",
                "url": f"https://checks.example.org/water-{number}",
                "author": {"@type": "Organization", "name": "Example Checks"},
                "reviewRating": {"@type": "Rating", "alternateName": "False"},
            }
            if number == without_url:
                del review["url"]
            if long_url is not None and number == long_url[0]:
                review["url"] += "-" + "x" * (long_url[1] - len(review["url"]) - 1)
            feed.write(json.dumps(review) + "\n")


@given(parsers.parse('a feed "{name}" of {count:d} fact-checks whose item {bad:d} has no url'))
def a_feed_with_a_bad_item(terminal: Terminal, name: str, count: int, bad: int) -> None:
    _feed(terminal, name, count, without_url=bad)


@given(
    parsers.parse(
        'a feed "{name}" of {count:d} fact-checks whose item {item:d} has an address of {length:n} characters'
    )
)
def a_feed_with_a_long_address(terminal: Terminal, name: str, count: int, item: int, length: int) -> None:
    _feed(terminal, name, count, long_url=(item, length))


@given(parsers.parse('a feed "{name}" of {count:d} fact-checks'))
def a_feed(terminal: Terminal, name: str, count: int) -> None:
    _feed(terminal, name, count)


@then(parsers.parse("the archive holds {count:d} fact-checks"))
def archive_holds(terminal: Terminal, count: int) -> None:
    assert len(_archive(terminal)) == count


@then(parsers.parse('the fact-check "{claim}" is rated "{rating}" by "{organisation}"'))
def rated(terminal: Terminal, claim: str, rating: str, organisation: str) -> None:
    check = _factcheck(terminal, claim)
    assert (check["rating"], check["reviewed_by"]) == (rating, organisation)


@then(parsers.parse('the fact-check "{claim}" has no rating'))
def no_rating(terminal: Terminal, claim: str) -> None:
    assert _factcheck(terminal, claim)["rating"] is None


@then(parsers.parse('the best match is the fact-check "{claim}" rated "{rating}" by "{organisation}"'))
def best_match(terminal: Terminal, claim: str, rating: str, organisation: str) -> None:
    assert terminal.exit_code == 0, terminal.stderr
    best = json.loads(terminal.stdout)["matches"][0]
    assert (best["type"], best["text"], best["verdict"], best["reviewed_by"]) == (
        "factcheck",
        claim,
        rating,
        organisation,
    )
    assert set(best) == {"type", "id", "url", "text", "status", "published", "verdict", "reviewed_by", "date", "score"}


@then("the best match reads as the same claim")
def same_claim(terminal: Terminal) -> None:
    from claims.config import matching_thresholds

    backend = "postgresql" if terminal.database_url.startswith("postgresql") else "sqlite"
    assert json.loads(terminal.stdout)["matches"][0]["score"] >= matching_thresholds(None, backend).same


@when(parsers.parse('I run "claims match -" with the lines "{first}" and "{second}"'))
def match_lines(terminal: Terminal, first: str, second: str) -> None:
    terminal.run("claims match -", stdin=f"{first}\n{second}\n")


@then(parsers.parse('the answers come back in order, matching "{first}" then "{second}"'))
def in_order(terminal: Terminal, first: str, second: str) -> None:
    assert terminal.exit_code == 0, terminal.stderr
    answers = [json.loads(line) for line in terminal.stdout.splitlines()]
    assert [answer["matches"][0]["url"] for answer in answers] == [first, second]


@then(parsers.parse("claim {claim_id:d} shows the confirmed claim {other:d} among its matches"))
def shows_matches(terminal: Terminal, claim_id: int, other: int) -> None:
    matches = terminal.json(f"claims show {claim_id}")["matches"]
    assert [(m["type"], m["id"], m["verdict"], m["reviewed_by"]) for m in matches][0] == (
        "claim",
        other,
        "confirmed",
        "ana",
    )
