"""Matching a batch of claims at once gives each what matching it alone gives, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from claims.db import make_engine, session_scope
from claims.factchecks import PublishedCheck
from claims.models import Claim, ClaimMatch
from claims.services.claims import add_claim
from claims.services.matching import import_factchecks, match_claims, match_text
from claims.services.sources import add_source, new_claim_ids

CHECKS = [
    PublishedCheck(claim_reviewed="Amazon acquired the self-driving startup Zoox", url="https://checks.example/zoox"),
    PublishedCheck(claim_reviewed="Geely is the parent company of Volvo Cars", url="https://checks.example/geely"),
    PublishedCheck(
        claim_reviewed="Waymo and Google are sister companies under Alphabet", url="https://checks.example/waymo"
    ),
]
ARTICLE = (
    "Amazon acquired the startup Zoox in 2020, the company said. "
    "Geely is Volvo's parent company, according to Reuters. "
    "Waymo is a sister company of Google, said the report.\n"
)


def test_a_batch_matches_each_claim_as_alone_and_finds_claims_without_a_source(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with session_scope(engine, write=True) as session:
            import_factchecks(session, enumerate(CHECKS, start=1))
            loose = add_claim(session, text="Amazon bought the self-driving company Zoox", editor="ana")
            added = add_source(session, text=ARTICLE, editor="ana", title="Cars")
            ids = list(new_claim_ids(session, added, batch=2))  # read back in pages of 2
            assert ids == [claim.id for claim in added.first]
            new_claims = [session.get(Claim, claim_id) for claim_id in ids]
            match_claims(session, ids)
            stored = {
                claim.id: [
                    (
                        "factcheck" if row.factcheck_id else "claim",
                        row.factcheck_id or row.matched_claim_id,
                        round(row.score, 6),
                    )
                    for row in session.scalars(
                        select(ClaimMatch).where(ClaimMatch.claim_id == claim.id).order_by(ClaimMatch.score.desc())
                    )
                ]
                for claim in new_claims
                if claim is not None
            }
            for claim in new_claims:
                assert claim is not None
                alone = match_text(session, claim.text, query_date=None, claim=claim)
                assert [(found.type, found.id, round(found.score, 6)) for found in alone] == stored[claim.id]
            # A claim typed without a source is an earlier sighting for every article's claims.
            zoox = next(claim for claim in added.first if "Zoox" in claim.text)
            assert loose.id in [
                found.id
                for found in match_text(session, zoox.text, claim=session.get(Claim, zoox.id))
                if found.type == "claim"
            ]
    finally:
        engine.dispose()


def test_new_claims_are_matched_a_batch_at_a_time_and_a_page_of_those_seen_before_kept(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claims.services.matching as matching
    from claims.matching.thresholds import Thresholds

    engine = make_engine(database_url)
    try:
        with session_scope(engine, write=True) as session:
            import_factchecks(session, enumerate(CHECKS, start=1))
            added = add_source(session, text=ARTICLE, editor="ana", title="Cars")
            ids = list(new_claim_ids(session, added))
            everything = Thresholds(suggested=0.0, same=1.0)  # every stored match counts as seen
            monkeypatch.setattr(matching, "MATCH_BATCH", 1)
            shown, seen = matching.match_new(session, iter(ids), everything, keep=2)
            assert seen == len(ids) > 2
            assert [claim_id for claim_id, _ in shown] == ids[:2]
            assert [found.id for _, found in shown] == [
                match_text(session, claim.text, claim=claim)[0].id
                for claim in (session.get(Claim, claim_id) for claim_id in ids[:2])
                if claim is not None
            ]
    finally:
        engine.dispose()


def test_an_import_keeps_only_the_first_page_of_the_claims_it_stored(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claims.pages
    import claims.services.sources as sources

    monkeypatch.setattr(claims.pages, "PAGE_SIZE", 2)
    monkeypatch.setattr(sources, "STORE_BATCH", 1)
    engine = make_engine(database_url)
    try:
        with session_scope(engine, write=True) as session:
            added = add_source(session, text=ARTICLE, editor="ana", title="Cars")
            stored = session.scalars(select(Claim).where(Claim.source_id == added.source.id).order_by(Claim.id)).all()
            assert added.stored == len(stored) > 2
            assert [(claim.id, claim.text) for claim in added.first] == [(claim.id, claim.text) for claim in stored[:2]]
            assert list(new_claim_ids(session, added, batch=2)) == [claim.id for claim in stored]
    finally:
        engine.dispose()
