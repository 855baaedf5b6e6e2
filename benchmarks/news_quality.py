"""Print the claim detector's quality on hand-labelled news (benchmarks/news/, see its README).

For each split (tune: rules may be tuned on it; heldout: never) it prints recall of check-worthy
sentences, precision, claimant accuracy on attributed sentences, misattribution on the outlet's
own sentences, verbatim quotes, people labelled as people and kind accuracy, beside the base
rate of keeping every sentence. --errors lists the detector's mistakes on the tuning split only.

Example:
    python benchmarks/news_quality.py
    python benchmarks/news_quality.py --errors
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

from claims.extract import Candidate, find_claims

NEWS = Path(__file__).resolve().parent / "news"
SPLITS = ("tune", "heldout")
QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")


@dataclass
class Sentence:
    text: str
    worthy: bool
    claimant: str | None  # None: the outlet's own
    kind: str
    people: list[str]
    start: int = 0
    end: int = 0
    found: list[Candidate] = field(default_factory=list)  # every candidate the detector gave for it


@dataclass
class Story:
    name: str
    outlet: str
    text: str
    sentences: list[Sentence]


def read_story(path: Path) -> Story:
    """A labelled story and the article text built from it (README: a paragraph's sentences joined
    by a space, paragraphs by a blank line), with each sentence's offsets in that text."""
    outlet = ""
    paragraphs: list[list[Sentence]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# outlet:"):
            outlet = line.split(":", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            paragraphs.append([])
        else:
            worthy, claimant, kind, people, text = (part.strip() for part in line.split(" | ", 4))
            paragraphs[-1].append(
                Sentence(
                    text=text,
                    worthy=worthy == "Y",
                    claimant=None if claimant == "-" else claimant,
                    kind=kind,
                    people=[] if people == "-" else people.split(";"),
                )
            )
    text = ""
    sentences = []
    for paragraph in (p for p in paragraphs if p):
        if text:
            text += "\n\n"
        for index, sentence in enumerate(paragraph):
            if index:
                text += " "
            sentence.start = len(text)
            text += sentence.text
            sentence.end = len(text)
            sentences.append(sentence)
    return Story(path.stem, outlet, text, sentences)


def detect(story: Story) -> list[Candidate]:
    """Run the detector on the story, every sentence included, and give each labelled sentence
    the candidates that cover most of it."""
    candidates = find_claims(story.text, include_all=True)
    for candidate in candidates:
        for sentence in story.sentences:
            overlap = min(candidate.end, sentence.end) - max(candidate.start, sentence.start)
            if overlap > (sentence.end - sentence.start) / 2:
                sentence.found.append(candidate)
    return candidates


def same_name(found: str | None, wanted: str | None, outlet: str) -> bool:
    def plain(name: str | None) -> str:
        name = outlet if name is None else name
        return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()

    return plain(found) == plain(wanted)


def quotes_intact(candidate: Candidate, article: str) -> bool:
    """Every quoted span in the claim is the article's, and the claim neither starts nor ends
    inside a quotation or brackets."""
    text = candidate.text
    if text.count("“") != text.count("”") or text.count('"') % 2 or text.count("(") != text.count(")"):
        return False
    return all(span in article for span in QUOTED.findall(text))


def ratio(hits: int, total: int) -> str:
    return f"{hits / total:.3f} ({hits}/{total})" if total else "n/a"


def measure(split: str, show_errors: bool) -> None:
    stories = [read_story(path) for path in sorted((NEWS / split).glob("*.txt"))]
    counts = dict.fromkeys(
        ["worthy", "worthy_found", "kept", "kept_worthy", "attributed", "claimant_right", "own", "own_misattributed",
         "claims", "claims_verbatim", "people", "people_right", "kinds", "kinds_right", "sentences"],
        0,
    )  # fmt: skip
    errors: list[str] = []
    for story in stories:
        candidates = detect(story)
        for candidate in candidates:
            counts["claims"] += 1
            if quotes_intact(candidate, story.text):
                counts["claims_verbatim"] += 1
            else:
                errors.append(f"[{story.name}] quote or bracket altered: {candidate.text!r}")
        for sentence in story.sentences:
            counts["sentences"] += 1
            kept = any(c.kept for c in sentence.found)
            main = sentence.found[0] if sentence.found else None
            where = f"[{story.name}] {sentence.text[:90]!r}"
            counts["worthy"] += sentence.worthy
            counts["worthy_found"] += sentence.worthy and kept
            counts["kept"] += kept
            counts["kept_worthy"] += kept and sentence.worthy
            if sentence.worthy != kept:
                errors.append(f"{where}: {'missed' if sentence.worthy else 'kept, not worth checking'}")
            claimants = [c.claimant for c in sentence.found]
            if sentence.claimant is not None:
                counts["attributed"] += 1
                if main is not None and same_name(main.claimant, sentence.claimant, story.outlet):
                    counts["claimant_right"] += 1
                else:
                    errors.append(f"{where}: claimant {claimants[:1]} not {sentence.claimant!r}")
            else:
                counts["own"] += 1
                if any(not same_name(c, None, story.outlet) for c in claimants):
                    counts["own_misattributed"] += 1
                    errors.append(f"{where}: outlet's own credited to {claimants}")
            people = {e.name for c in sentence.found for e in c.entities if e.label == "person"}
            for person in sentence.people:
                counts["people"] += 1
                if person in people:
                    counts["people_right"] += 1
                else:
                    labelled = sorted({f"{e.name}/{e.label}" for c in sentence.found for e in c.entities})
                    errors.append(f"{where}: person {person!r} not found as a person in {labelled}")
            counts["kinds"] += 1
            if main is not None and main.kind == sentence.kind:
                counts["kinds_right"] += 1
            else:
                errors.append(f"{where}: kind {main.kind if main else None} not {sentence.kind}")
    c = counts
    print(f"{split} split: {len(stories)} stories, {c['sentences']} sentences, {c['worthy']} worth checking")
    print(f"  recall of check-worthy sentences   {ratio(c['worthy_found'], c['worthy'])}")
    print(f"  precision                          {ratio(c['kept_worthy'], c['kept'])}")
    print(f"    (keeping every sentence:         {ratio(c['worthy'], c['sentences'])})")
    print(f"  claimant on attributed sentences   {ratio(c['claimant_right'], c['attributed'])}")
    print(f"  misattribution, outlet's own       {ratio(c['own_misattributed'], c['own'])}")
    print(f"  claims with quotes verbatim        {ratio(c['claims_verbatim'], c['claims'])}")
    print(f"  people labelled as people          {ratio(c['people_right'], c['people'])}")
    print(f"  kind of each sentence's claim      {ratio(c['kinds_right'], c['kinds'])}")
    if show_errors:
        print("\n".join(f"    {error}" for error in errors))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the mistakes on the tuning split")
    args = parser.parse_args()
    for split in SPLITS:
        measure(split, show_errors=args.errors and split == "tune")


if __name__ == "__main__":
    main()
