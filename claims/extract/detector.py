"""Find check-worthy claims in an article: split, cut into atomic claims, score, type."""

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from claims.article import read_header
from claims.extract import cues
from claims.extract.atoms import atomic_claims, cut
from claims.extract.attribution import Attribution, Story, attribute
from claims.extract.entities import ORGANIZATION, Entity, find_entities, find_entity_spans, names_seen_mid_sentence
from claims.extract.model import Model, shipped_model
from claims.extract.sentences import Span, chunks, split_sentences

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
    return list(iter_claims(text, start=start, include_all=include_all))


def iter_claims(text: str, *, start: int = 0, include_all: bool = False) -> Iterator[Candidate]:
    """find_claims a chunk of the text at a time, so that a long text is read in bounded memory.
    What the story has named so far (people, roles, who spoke last) carries across chunks."""
    start += read_header(text[start:])[1]
    story = Story()
    recent_organisations: list[tuple[list[str], str | None]] = []  # per sentence, newest last
    for chunk_start, chunk_end in chunks(text, start):
        known_names = names_seen_mid_sentence(text[chunk_start:chunk_end])
        for span in split_sentences(text, chunk_start, chunk_end):
            sentence = text[span.start : span.end]
            antecedent = _antecedent(recent_organisations)
            found = _sentence_claims(sentence, span, known_names, antecedent, story)
            recent_organisations = (recent_organisations + [_organisations(found)])[-_ANTECEDENT_REACH:]
            kept = [candidate for candidate in found if candidate.kept]
            if kept:
                yield from kept
            elif include_all:
                best = max(found, key=lambda candidate: candidate.score)
                yield best if len(found) == 1 else _replace_text(best, _whole_text(sentence))


def score_sentences(sentences: Iterable[str]) -> list[tuple[float, bool]]:
    """(score, kept) for each sentence, scored on its own as `claims score` benchmarks it."""
    return score_with(shipped_model(), sentences)


def score_with(model: Model, sentences: Iterable[str]) -> list[tuple[float, bool]]:
    """score_sentences with a given model, so benchmarks can score with a model trained on other folds."""
    scored = []
    for sentence in sentences:
        story = Story()
        attribution = attribute(sentence, story)
        entities = find_entities(sentence)
        reading = cues.read(
            sentence,
            claimant=attribution.claimant,
            attributed=attribution.reported,
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
    sentence: str, span: Span, known_names: frozenset[str], antecedent: str | None, story: Story
) -> list[Candidate]:
    logit = shipped_model().logit(sentence)
    spans = find_entity_spans(sentence, known_names, story.full_names, story.labels, story.works)
    entities = tuple(dict.fromkeys(entity for _, _, entity in spans))
    story.learn(entities, sentence)
    attribution = attribute(sentence, story)
    story.spoke(attribution.claimant, attribution.label)
    claimant = attribution.claimant
    body = _written_out(sentence, attribution, story)
    found = []
    for text in (_resolve(atom, antecedent) for atom in atomic_claims(body, attribution_cut=True)):
        if not _words_kept(text, sentence):
            text = _tidy_whole(body)
        claim_entities = _entities_in(text, sentence, spans, story, claimant)
        reading = cues.read(
            text,
            claimant=claimant,
            attributed=attribution.reported,
            entity_labels=[entity.label for entity in claim_entities],
            entity_names=[entity.name for entity in claim_entities],
        )
        score = _sigmoid(logit + reading.nudge)
        reasons = reading.reasons + (("heading",) if span.heading else ())
        kept = score >= THRESHOLD and reading.veto is None and not span.heading
        found.append(
            Candidate(
                text=text,
                sentence=sentence,
                start=span.start,
                end=span.end,
                score=round(score, 4),
                kept=kept,
                kind=cues.kind(
                    text, reading, kept=kept, reported=claimant is not None, measurable=_measurable(claim_entities)
                ),
                claimant=claimant,
                entities=claim_entities,
                reasons=reasons,
            )
        )
    return found


def _written_out(sentence: str, attribution: Attribution, story: Story) -> str:
    """The sentence as its claims are cut from: attribution words taken out (the claimant keeps
    them), and a pronoun or role noun opening it written out in square brackets, "[Gordon Brown] said"."""
    edits: list[tuple[int, int, str | None]] = []
    if attribution.words is not None:
        edits.append((*attribution.words, None))
    if attribution.subject is not None and attribution.claimant:
        edits.append((*attribution.subject, f"[{attribution.claimant}]"))
    elif (pronoun := _OPENING_PRONOUN.match(sentence)) is not None:
        word = pronoun["pronoun"].lower()
        name = story.person_before(word if word in ("he", "she") else None)
        if name:
            edits.append((pronoun.start("pronoun"), pronoun.end("pronoun"), f"[{name}]"))
    body = sentence
    for start, end, replacement in sorted(edits, reverse=True):
        body = cut(body, start, end) if replacement is None else body[:start] + replacement + body[end:]
    return body


# "He has won ...", "She was appointed ...", "The 29-year-old replaces ...": a person the sentence
# before named, standing as the subject.
_OPENING_PRONOUN = re.compile(r"^(?P<pronoun>He|She|The \d{1,3}-year-old)\s(?=[a-z])")
_QUOTATION = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def _words_kept(claim: str, sentence: str) -> bool:
    """The article's words are sacred: every quotation in a claim stands in the sentence as it is,
    and no claim starts or ends inside quotation marks or brackets."""
    balanced = claim.count("“") == claim.count("”") and claim.count('"') % 2 == 0
    balanced = balanced and claim.count("(") == claim.count(")") and claim.count("[") == claim.count("]")
    return balanced and all(quotation in sentence for quotation in _QUOTATION.findall(claim))


def _entities_in(
    text: str, sentence: str, spans: list[tuple[int, int, Entity]], story: Story, claimant: str | None
) -> tuple[Entity, ...]:
    """The sentence's entities that a claim cut from it names, those written out in square
    brackets ("[Geely] has partnered"), and whoever made it: `claims list --entity Kebede` finds
    what he said."""
    found = [entity for start, end, entity in spans if sentence[start:end] in text or entity.name == claimant]
    if claimant and claimant in story.labels and all(entity.name != claimant for entity in found):
        found.append(Entity(claimant, story.labels[claimant]))  # "..., she said": she is named by it
    for inserted in _INSERTION.findall(text):
        found.append(Entity(inserted, story.labels.get(inserted, ORGANIZATION)))
    return tuple(dict.fromkeys(found))


_INSERTION = re.compile(r"\[([^\[\]]+)\]")


def _measurable(entities: tuple[Entity, ...]) -> bool:
    return bool(entities)


def _tidy_whole(body: str) -> str:
    return re.sub(r"\s+", " ", body).strip().rstrip(".,;: ")


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
