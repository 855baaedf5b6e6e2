import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then

from tests.bdd.conftest import Terminal

scenarios("claimreview.feature")

SCHEMA_ORG_CONTEXT = Path(__file__).resolve().parents[1] / "data" / "schemaorg-context.jsonld"
SCHEMA = "http://schema.org/"


def _reviews(terminal: Terminal, name: str | None = None) -> list[dict[str, Any]]:
    assert terminal.exit_code == 0, terminal.stderr
    return json.loads((terminal.workdir / name).read_text(encoding="utf-8") if name else terminal.stdout)


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


@then(parsers.parse("the export holds reviews of {texts}"))
def holds_reviews(terminal: Terminal, texts: str) -> None:
    expected = [text.strip().strip('"') for text in texts.split('", "')]
    assert [review["claimReviewed"] for review in _reviews(terminal)] == expected


@then(parsers.parse('the review of "{mention}" has:'))
def review_has(terminal: Terminal, mention: str, datatable: list[list[str]]) -> None:
    reviews = _reviews(terminal)
    (review,) = [r for r in reviews if mention.lower() in r["claimReviewed"].lower()]
    for path, expected in datatable[1:]:
        expected = terminal._substitute(expected.strip())
        if expected == "today":
            expected = datetime.now(UTC).date().isoformat()
        assert str(_at(review, path.strip())) == expected, f"{path}: {_at(review, path.strip())!r} != {expected!r}"


@then(parsers.parse('every review in "{name}" has the required and recommended ClaimReview fields'))
def required_fields(terminal: Terminal, name: str) -> None:
    reviews = _reviews(terminal, name)
    assert reviews
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"].strip()
        datetime.strptime(review["datePublished"], "%Y-%m-%d")
        assert review["url"].startswith("https://factcheck.example.org/checks/")
        assert review["author"] == {
            "@type": "Organization",
            "name": "Example Fact Check",
            "url": "https://factcheck.example.org",
        }
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"].strip() and rating["ratingExplanation"].strip()
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"].strip()
        datetime.strptime(item["datePublished"], "%Y-%m-%d")
        assert item["appearance"] and all(a["url"].startswith("https://") for a in item["appearance"])
        assert item["firstAppearance"]["url"] in [a["url"] for a in item["appearance"]]
        assert "null" not in json.dumps(review), "an unknown value was written as null"


@then(parsers.parse('every review in "{name}" expands as JSON-LD with the schema.org context'))
def valid_json_ld(terminal: Terminal, name: str) -> None:
    from pyld import jsonld

    context = json.loads(SCHEMA_ORG_CONTEXT.read_text(encoding="utf-8"))

    def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), f"the JSON-LD asked for {url}"
        return {"contextUrl": None, "documentUrl": url, "document": context}

    for review in _reviews(terminal, name):
        (expanded,) = jsonld.expand(review, {"documentLoader": offline_loader})
        assert expanded["@type"] == [SCHEMA + "ClaimReview"]
        for field in ("claimReviewed", "datePublished", "url", "author", "reviewRating", "itemReviewed"):
            assert SCHEMA + field in expanded, f"{field} was lost in expansion"
        # Every term was understood: nothing in the expanded tree is left as a bare word.
        rating = expanded[SCHEMA + "reviewRating"][0]
        assert set(rating) == {"@type"} | {
            SCHEMA + f for f in ("ratingValue", "bestRating", "worstRating", "alternateName", "ratingExplanation")
        }
        item = expanded[SCHEMA + "itemReviewed"][0]
        assert item["@type"] == [SCHEMA + "Claim"]
        assert item[SCHEMA + "appearance"][0][SCHEMA + "url"] == [
            {"@id": review["itemReviewed"]["appearance"][0]["url"]}
        ]
        compacted = jsonld.compact(expanded, "https://schema.org", {"documentLoader": offline_loader})
        assert compacted["claimReviewed"] == review["claimReviewed"]


@given(parsers.parse('there is no file "{name}"'))
def no_file(terminal: Terminal, name: str) -> None:
    (terminal.workdir / name).unlink(missing_ok=True)
