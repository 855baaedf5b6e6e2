"""Find check-worthy claims in an article: split, cut into atomic claims, score, type."""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from claims.article import read_header
from claims.extract import cues
from claims.extract.atoms import atomic_claims
from claims.extract.entities import ORGANIZATION, Entity, find_entities, names_seen_mid_sentence
from claims.extract.model import Model, shipped_model
from claims.extract.sentences import split_sentences

# Picked on ClaimBuster cross-validation (benchmarks/detector.py); balanced classes put it near 0.5.
THRESHOLD = 0.5
# "The automaker has partnered with ..." opening a claim: a singular description standing for an organisation
# named before. "The two companies" and "the startup Zoox" (a name follows) do not match.
_DESCRIPTION = re.compile(
    r"^(?:The|the) (?:company|firm|group|automaker|carmaker|startup|start-up|giant|retailer|bank|lender|insurer|"
    r"airline|manufacturer|maker|conglomerate|chipmaker|supplier|platform|operator|broadcaster|publisher|"
    r"e-commerce company|tech company|technology company)\b(?!['’]s| [A-Z0-9]| of\b)"
)
# How far back a description may reach for the organisation it stands for, in sentences.
_ANTECEDENT_REACH = 2


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    sentence: str
    start: int
    end: int
    score: float
    kept: bool
    kind: str
    claimant: str | None
    entities: tuple[Entity, ...]
    reasons: tuple[str, ...]


def find_claims(text: str, *, start: int = 0, include_all: bool = False) -> list[Candidate]:
    """Claims in text[start:] (offsets absolute in text); a `date` header there is skipped.

    include_all=True also returns one not-kept Candidate for each sentence without a kept claim.
    """
    start += read_header(text[start:])[1]
    known_names = names_seen_mid_sentence(text[start:])
    candidates: list[Candidate] = []
    recent_organisations: list[tuple[list[str], str | None]] = []  # per sentence, newest last
    for span in split_sentences(text, start):
        sentence = text[span.start : span.end]
        antecedent = _antecedent(recent_organisations)
        found = _sentence_claims(sentence, span.start, span.end, span.heading, known_names, antecedent)
        recent_organisations = (recent_organisations + [_organisations(found)])[-_ANTECEDENT_REACH:]
        kept = [candidate for candidate in found if candidate.kept]
        if kept:
            candidates += kept
        elif include_all:
            best = max(found, key=lambda candidate: candidate.score)
            whole = atomic_claims(sentence)[0] if len(found) == 1 else _whole_text(sentence)
            candidates.append(_replace_text(best, whole))
    return candidates


def score_sentences(sentences: Iterable[str]) -> list[tuple[float, bool]]:
    """(score, kept) for each sentence, scored on its own as `claims score` benchmarks it."""
    return score_with(shipped_model(), sentences)


def score_with(model: Model, sentences: Iterable[str]) -> list[tuple[float, bool]]:
    """score_sentences with a given model, so benchmarks can score with a model trained on other folds."""
    scored = []
    for sentence in sentences:
        claimant, quoted = cues.attribution(sentence)
        entities = find_entities(sentence)
        reading = cues.read(
            sentence,
            claimant=claimant,
            attributed=quoted,
            entity_labels=[entity.label for entity in entities],
            entity_names=[entity.name for entity in entities],
        )
        score = _sigmoid(model.logit(sentence) + reading.nudge)
        scored.append((score, score >= THRESHOLD and reading.veto is None))
    return scored


def _antecedent(recent: list[tuple[list[str], str | None]]) -> str | None:
    """The organisation "the company" can only mean: the newest sentence naming any organisation
    names exactly one, and as its subject. Anything less clear-cut resolves to nothing."""
    for names, subject in reversed(recent):
        if names:
            return subject if names == [subject] else None
    return None


def _organisations(found: list[Candidate]) -> tuple[list[str], str | None]:
    """(the organisations a sentence names, the one its main claim opens with, if any)."""
    names = list(dict.fromkeys(e.name for c in found for e in c.entities if e.label == ORGANIZATION))
    main = found[0].text.lstrip("[")
    return names, next((name for name in names if main.startswith(name)), None)


def _resolve(text: str, antecedent: str | None) -> str:
    """Write the organisation a description stands for the way editors do: "[Geely] has partnered ..."."""
    if antecedent is None:
        return text
    return _DESCRIPTION.sub(f"[{antecedent}]", text, count=1)


def _sentence_claims(
    sentence: str, start: int, end: int, heading: bool, known_names: frozenset[str], antecedent: str | None
) -> list[Candidate]:
    logit = shipped_model().logit(sentence)
    claimant, quoted = cues.attribution(sentence)
    found = []
    for text in (_resolve(atom, antecedent) for atom in atomic_claims(sentence)):
        entities = find_entities(text, known_names)
        reading = cues.read(
            text,
            claimant=claimant,
            attributed=quoted,
            entity_labels=[entity.label for entity in entities],
            entity_names=[entity.name for entity in entities],
        )
        score = _sigmoid(logit + reading.nudge)
        reasons = reading.reasons + (("heading",) if heading else ())
        found.append(
            Candidate(
                text=text,
                sentence=sentence,
                start=start,
                end=end,
                score=round(score, 4),
                kept=score >= THRESHOLD and reading.veto is None and not heading,
                kind=reading.kind,
                claimant=claimant,
                entities=entities,
                reasons=reasons,
            )
        )
    return found


def _whole_text(sentence: str) -> str:
    return re.sub(r"\s+", " ", sentence).strip().rstrip(".")


def _replace_text(candidate: Candidate, text: str) -> Candidate:
    return Candidate(
        text=text,
        sentence=candidate.sentence,
        start=candidate.start,
        end=candidate.end,
        score=candidate.score,
        kept=candidate.kept,
        kind=candidate.kind,
        claimant=candidate.claimant,
        entities=candidate.entities,
        reasons=candidate.reasons,
    )


def _sigmoid(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-logit))
