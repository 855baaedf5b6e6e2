"""`claims source add` stores a long article's claims a batch at a time (``STORE_BATCH``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claims.services.sources as sources
from tests.invoke import invoke

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "000_4553a5a73907e540.txt"


def _claims(url: str, *args: str) -> str:
    result = invoke(list(args), env={"CLAIMS_DATABASE_URL": url, "CLAIMS_EDITOR": "ana", "COLUMNS": "200"})
    assert result.exit_code == 0, f"claims {' '.join(args)}: {result.stderr}"
    return result.stdout


def test_an_article_stored_in_batches_gives_what_it_gives_in_one(
    database_url: str, second_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = _claims(database_url, "source", "add", str(SEED_ARTICLE), "--title", "Tencent")
    monkeypatch.setattr(sources, "STORE_BATCH", 5)  # the seed's 12 claims: batches of 5, 5 and 2
    assert _claims(second_database_url, "source", "add", str(SEED_ARTICLE), "--title", "Tencent") == added
    listed = [
        json.loads(_claims(url, "list", "--all", "--format", "json")) for url in (database_url, second_database_url)
    ]
    assert len(listed[1]) == 12
    assert [(c["id"], c["text"], c["claimant"], c["kind"]) for c in listed[1]] == [
        (c["id"], c["text"], c["claimant"], c["kind"]) for c in listed[0]
    ]
    entities = [_claims(url, "entities", "--all", "--format", "json") for url in (database_url, second_database_url)]
    assert entities[0] == entities[1]
    _claims(second_database_url, "db", "verify")
