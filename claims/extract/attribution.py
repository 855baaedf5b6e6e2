"""Who makes a statement: the person or organisation a sentence credits, read the way a reporter writes.

"X said ...", "..., said X", "according to X", "X told ...", "X announced/estimated/warned/dismissed
...", a quotation whose speaker is named in the sentence or just before it, and a pronoun or role noun
("He said", "the chancellor said", "the magazine said") standing for whoever the article last named
in that role. The story so far is kept in a :class:`Story`, fed one sentence at a time.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from claims.extract.entities import ORGANIZATION, PERSON, PLACE, WORK, Entity, gender_of, strip_titles

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|explained|noted|wrote|writes|stated|states|confirmed|confirms|announced|"
    "announces|estimated|estimates|estimate|warned|warns|dismissed|dismisses|claimed|claims|insisted|insists|argued|"
    "argues|admitted|admits|forecast|forecasts|predicted|predicts|described|describes|urged|urges|reported|reports|"
    "found|finds|show|shows|showed|revealed|reveals|disclosed|denied|denies|suggested|suggests|acknowledged|"
    "conceded|complained|replied|stressed|maintained|calculated|calculates|"
    "announce|warn|predict|called|calls|described"
)
_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
_PASSIVE = re.compile(r"\b(?:been|be|being|is|are|was|were)\s*$")
# "X has announced", "X also said": the words between who speaks and the verb.
_AUXILIARY = re.compile(r"\s+(?:has|have|had|also|then|later|previously|separately|today|yesterday|now)\s*$")
# Words before "said" that make it no attribution: "the price was said", "a film called".
_NOT_AFTER = re.compile(r"(?:\bto|\bwho|\bwhich|\bthat|\bit is|\bas)\s*$", re.I)
_ACCORDING_TO = re.compile(
    r"\b[Aa]ccording to (?P<who>[^,;:.!?\"“”()]{1,90}?)(?=\s*(?:[,;:.!?\"“”()]|$))",
)
_SOURCE_NOUNS = re.compile(
    r"\b(?:survey|poll|study|report|round-up|roundup|review|research|figures|data|analysis|statement|filing|"
    r"estimates?|forecasts?|strategy|census|index|count|tally|records|ranking|league table)\b"
)
_BY = re.compile(r"\b(?:by|from)\s+(?P<who>.+)$")
_SPOKESPERSON = re.compile(
    r"\b(?:spokesperson|spokesman|spokeswoman|representative|official|source)s? (?:for|at|from) "
)
_PRONOUNS = {"he": PERSON, "she": PERSON, "it": ORGANIZATION, "they": ORGANIZATION}
_CAPITALISED_RUN = re.compile(r"[A-Z][\w&.'’-]*(?:\s+(?:(?:of|for|and|&|de|du|von|van|der|al)\s+)?[A-Z0-9][\w&.'’-]*)*")
# Role nouns an article uses for someone it has named: "the chancellor", "the magazine", "the party".
_PERSON_ROLES = frozenset(
    "chancellor minister secretary president prime senator governor mayor premier chairman chairwoman "
    "chair coach manager captain striker prop player singer actor actress director editor analyst "
    "economist spokesman spokeswoman spokesperson farmer trader mother father teacher head boss founder "
    "executive chief officer judge expert professor author writer star leader".replace("  ", " ").split()
)
_ORGANISATION_ROLES = frozenset(
    "magazine newspaper paper party department ministry office union association federation consortium "
    "company firm group carmaker automaker maker club studio bank lender regulator agency bureau "
    "forecaster council commission government institute university school charity organisation "
    "organization retailer airline insurer broadcaster network service band label league board fund court "
    "watchdog body".replace("  ", " ").split()
)
ROLE_NOUNS = _PERSON_ROLES | _ORGANISATION_ROLES
_ROLE_SUBJECT = re.compile(r"^(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?P<role>(?:[a-z-]+\s+){0,2}[a-z-]+)$")
# A subject longer than this many words is a clause, not who is speaking.
_SUBJECT_WORDS = 12
# How many sentences a pronoun may reach back for whoever spoke last.
_SPEAKER_REACH = 4
_RECENT_PEOPLE = 10
_NAME_MEMORY = 5_000  # names an article can introduce before the oldest are forgotten (bounded memory)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence credits, and where the words saying so stand in it."""

    claimant: str | None
    label: str | None  # person or organization, when known
    reported: bool  # it reports someone's words (a speech verb or a quotation), rather than a source's facts
    subject: tuple[int, int] | None = None  # a pronoun or role noun opening the sentence, to write out
    words: tuple[int, int] | None = None  # the attribution phrase ("according to X", "the companies said")


@dataclass
class Story:
    """What the article has said so far that a later sentence may lean on."""

    full_names: OrderedDict[str, str] = field(default_factory=OrderedDict)  # "Carrey" -> "Jim Carrey"
    labels: OrderedDict[str, str] = field(default_factory=OrderedDict)  # name -> person / organization
    roles: dict[str, str] = field(default_factory=dict)  # "chancellor" -> "Gordon Brown"
    last: dict[str, str] = field(default_factory=dict)  # label -> the last name of that kind
    # The same before the sentence being read: "He" in it is someone named before it.
    previous: dict[str, str] = field(default_factory=dict)
    # People named before the sentence being read, newest last, for "he" and "she".
    people: list[str] = field(default_factory=list)
    recent_people: list[str] = field(default_factory=list)
    # The first of each kind the sentence being read names: its subject, as a rule.
    opening: dict[str, str] = field(default_factory=dict)
    titles: OrderedDict[str, None] = field(default_factory=OrderedDict)  # works named so far
    speaker: str | None = None  # the claimant of a recent attributed sentence
    speaker_label: str | None = None
    since_speaker: int = 0

    @property
    def works(self) -> list[str]:
        return list(self.titles)

    def full_name(self, name: str) -> str:
        """A later short mention as the full name the article gave first: "Carrey" -> "Jim Carrey"."""
        return self.full_names.get(name, name)

    def learn(self, entities: tuple[Entity, ...], sentence: str) -> None:
        """Take in a sentence's people and organisations, and the roles it gives them."""
        self.previous = dict(self.last)
        self.people = list(self.recent_people)
        self.opening = {}
        for entity in entities:
            if entity.label == WORK:
                self._remember(self.titles, entity.name, None)
            if entity.label not in (PERSON, ORGANIZATION):
                continue
            self._remember(self.labels, entity.name, entity.label)
            self.last[entity.label] = entity.name
            self.opening.setdefault(entity.label, entity.name)
            words = entity.name.split()
            if entity.label == PERSON:
                self.recent_people = [p for p in self.recent_people if p != entity.name][-_RECENT_PEOPLE:]
                self.recent_people.append(entity.name)
            if entity.label == PERSON and len(words) > 1:
                self._remember(self.full_names, words[-1], entity.name)
                self._remember(self.full_names, words[0], entity.name)
            if entity.label == ORGANIZATION:
                for word in (words[0], words[-1]):
                    if word.lower() in ROLE_NOUNS:
                        self.roles[word.lower()] = entity.name
        for role, name in _titles(sentence, entities):
            self.roles[role] = name
        self.since_speaker += 1

    def spoke(self, claimant: str | None, label: str | None) -> None:
        if claimant:
            self.speaker, self.speaker_label, self.since_speaker = claimant, label, 0
            if label:
                self.last[label] = self.previous[label] = claimant

    def resolve(self, phrase: str) -> tuple[str | None, str | None]:
        """(name, label) a pronoun, role noun or name stands for in this story, or (None, None)."""
        phrase = phrase.strip()
        lowered = phrase.lower()
        if lowered in _PRONOUNS:
            wanted = _PRONOUNS[lowered]
            recent = self.speaker and self.speaker_label == wanted and self.since_speaker <= _SPEAKER_REACH
            if recent and (wanted != PERSON or gender_of(self.speaker or "") in (None, lowered)):
                return self.speaker, wanted
            name = self.person_before(lowered) if wanted == PERSON else self.previous.get(wanted)
            return (name, wanted) if name else (None, None)
        role = _ROLE_SUBJECT.match(phrase)
        if role:
            words = role["role"].split()
            for start in range(len(words)):
                key = " ".join(words[start:])
                if key in self.roles:
                    name = self.roles[key]
                    return name, self.labels.get(name, PERSON)
            head = words[-1]
            if head in ROLE_NOUNS:
                wanted = ORGANIZATION if head in _ORGANISATION_ROLES else PERSON
                name = self.opening.get(wanted) or self.last.get(wanted)
                return (name, wanted) if name else (None, None)
            return None, None
        return self.name(phrase)

    def person_before(self, pronoun: str | None = None) -> str | None:
        """The newest person named before this sentence who may be "he" or "she" ("Ada" is not "he")."""
        fits = [p for p in reversed(self.people) if pronoun is None or gender_of(p) in (None, pronoun)]
        return fits[0] if fits else None

    def name(self, phrase: str) -> tuple[str | None, str | None]:
        """The claimant a noun phrase names: its last run of capitalised words, titles aside."""
        phrase = re.sub(r"^.*['’]s\s+(?=[A-Z])", "", phrase)  # "The Guardian's Peter Bradshaw"
        runs = _CAPITALISED_RUN.findall(phrase)
        if not runs:
            return None, None
        run = strip_titles(runs[-1])
        if not run or run.lower() in _PRONOUNS:
            return None, None
        name = self.full_name(run)
        return name, self.labels.get(name)

    @staticmethod
    def _remember(memory: OrderedDict[str, Any], key: str, value: Any) -> None:
        if key not in memory:
            memory[key] = value
            if len(memory) > _NAME_MEMORY:
                memory.popitem(last=False)


_TITLE_BEFORE_NAME = re.compile(
    r"(?i:(?P<role>(?:[a-z-]+\s){0,2}(?:" + "|".join(sorted(_PERSON_ROLES)) + r")))\s(?P<name>[A-Z])$"
)
_ROLE_BEFORE_ORGANISATION = re.compile(
    r"\b(?i:(?P<role>" + "|".join(sorted(_ORGANISATION_ROLES | {"regulator", "forecaster", "watchdog"})) + r"))\s[A-Z]$"
)
_ROLE_AFTER_NAME = re.compile(
    r"^,\s(?:the\s|a\s|an\s|its\s)?(?P<role>(?:[a-z-]+\s){0,2}(?:" + "|".join(sorted(_PERSON_ROLES)) + r"))\b"
)


def _titles(sentence: str, entities: tuple[Entity, ...]) -> list[tuple[str, str]]:
    """(role, name) pairs a sentence gives: "Chancellor Gordon Brown", "Ann Lee, the minister,", "the
    energy regulator Ofgem"."""
    found = []
    for entity in entities:
        if entity.label not in (PERSON, ORGANIZATION):
            continue
        at = sentence.find(entity.name)
        if at < 0:
            continue
        if entity.label == ORGANIZATION:  # "the energy regulator Ofgem", "government forecaster Abares"
            role = _ROLE_BEFORE_ORGANISATION.search(sentence[max(0, at - 40) : at + 1])
            if role:
                found.append((role["role"].lower(), entity.name))
            continue
        before = _TITLE_BEFORE_NAME.search(sentence[max(0, at - 40) : at + 1])
        after = _ROLE_AFTER_NAME.match(sentence[at + len(entity.name) :])
        for match in (before, after):
            if match:
                words = match["role"].lower().split()
                found += [(" ".join(words[start:]), entity.name) for start in range(len(words))]
    return found


def attribute(sentence: str, story: Story, places: frozenset[str] = frozenset()) -> Attribution:
    """Who this sentence credits, given the story so far; a place or a number is never a claimant."""
    speech = _SPEECH.search(sentence) is not None
    found = _according_to(sentence, story) if "ccording to" in sentence else None
    if found is None and speech:  # no speech verb, no "X said"
        found = _trailing(sentence, story) or _leading(sentence, story)
    if found is None:
        quoted = _mostly_quoted(sentence)
        if quoted and story.speaker and story.since_speaker <= 1:
            # A quotation standing alone is the words of whoever the sentence before gave the floor.
            return Attribution(story.speaker, story.speaker_label, True)
        return Attribution(None, None, speech and quoted)
    if found.claimant is None or not _can_claim(found.claimant, found.label, places):
        return Attribution(None, None, found.reported, None, found.words)
    return found


def _can_claim(name: str, label: str | None, places: frozenset[str]) -> bool:
    """People and organisations make claims; places, numbers and stray words do not. A country that
    announces something is its government, so a place is refused only when it is not the speaker."""
    if any(character.isdigit() for character in name) or not name[:1].isupper():
        return False
    return label != PLACE or name not in places


def _according_to(sentence: str, story: Story) -> Attribution | None:
    match = _ACCORDING_TO.search(sentence)
    if match is None:
        return None
    who = match["who"]
    claimant, label = _source(who, story)
    return Attribution(claimant, label, False, None, match.span())


def _source(phrase: str, story: Story) -> tuple[str | None, str | None]:
    """Who stands behind "a round-up compiled by Stuff Magazine", "a YouGov survey", "official figures"."""
    phrase = phrase.strip()
    noun = _SOURCE_NOUNS.search(phrase)
    if noun:
        before, after = phrase[: noun.start()], phrase[noun.end() :]
        runs = _CAPITALISED_RUN.findall(before)
        if runs and not _sentence_start_only(before, runs[-1]):
            return story.name(runs[-1])  # "a YouGov survey for the BBC"
        by = _BY.search(after)
        if by is None:
            return None, None
        runs = _CAPITALISED_RUN.findall(by["who"])
        # "compiled by Stuff Magazine", "published by the Resolution Foundation on Tuesday", "from the regulator"
        return story.name(runs[0]) if runs else story.resolve(re.split(r" (?:on|in|at|last|this) ", by["who"])[0])
    spokesperson = _SPOKESPERSON.search(phrase)
    if spokesperson:
        return story.resolve(phrase[spokesperson.end() :])
    return story.resolve(phrase)


def _sentence_start_only(before: str, run: str) -> bool:
    return run in ("A", "An", "The", "Official", "New", "Latest", "Government")


_TRAILING = re.compile(
    rf"(?P<cut>[,;:]\s*|(?<=[”\"])\s*|,?\s*[”\"]\s+)"
    rf"(?:(?P<who>[^,;:\"“”]{{1,80}}?)\s+(?:also\s+)?(?:has\s+|have\s+|had\s+)?(?P<verb>{SPEECH_VERBS})\b(?P<tail>[^\"“”]{{0,80}})"
    rf"|(?P<verb2>said|says|added|told|wrote|explained|warned)\s+(?P<who2>[^,;:\"“”]{{1,80}}?)(?P<tail2>,[^\"“”]{{0,80}})?)"
    r"\s*[.!]?$"
)


def _trailing(sentence: str, story: Story) -> Attribution | None:
    """ ", the magazine said.", "," said Amina Bello, a trader in Lagos.", ", a YouGov survey found."."""
    match = _TRAILING.search(sentence.rstrip())
    if match is None or match.start() == 0:
        return None
    who = match["who"] if match["who"] is not None else match["who2"]
    if len(who.split()) > _SUBJECT_WORDS or _has_clause_verb(who) or who.split()[0].lower() in _CONJUNCTIONS:
        return None  # ", which showed 4% growth": a clause, not who said it
    claimant, label = _source(who, story)
    closing = max(match["cut"].rfind("”"), match["cut"].rfind('"'))
    start = match.start("cut") + (closing + 1 if closing >= 0 else 0)
    return Attribution(claimant, label, True, None, (start, len(sentence.rstrip())))


# Words that open a clause, not the name of who said something: ", which showed 4% growth".
_CONJUNCTIONS = frozenset(
    "which who whom whose that where when while as and but or because if after before since until so".replace(
        "  ", " "
    ).split()
)
# "In his budget statement, he said ...": a phrase opening the sentence before its subject.
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:In|On|At|After|Before|During|Speaking|Earlier|Later|Last|Meanwhile|However|Separately|Elsewhere|"
    r"Asked|Writing|Since|Until|With|Without|For|From|Following|Despite|Overall|Instead|Yesterday|Today)\b[^,]{0,60},\s+)?"
)
# Pronouns speak only through these verbs: "It promises to be a tense afternoon" is not attribution.
_PRONOUN_SPEECH = frozenset(
    [
        "called",
        "described",
        "said",
        "says",
        "told",
        "added",
        "explained",
        "noted",
        "wrote",
        "stated",
        "confirmed",
        "announced",
        "estimated",
        "warned",
        "claimed",
        "insisted",
        "argued",
        "admitted",
        "forecast",
        "predicted",
        "reported",
        "revealed",
        "denied",
        "suggested",
        "stressed",
        "replied",
    ]
)


def _leading(sentence: str, story: Story) -> Attribution | None:
    """ "X said ...", "X, a trader, told ...", "In his speech, he said ...": a subject and a speech verb."""
    for verb in _SPEECH.finditer(sentence):
        before = sentence[: verb.start()]
        if _PASSIVE.search(before) or _NOT_AFTER.search(before) or '"' in before or "“" in before:
            return None
        if verb.group() == "added" and sentence[verb.end() :].startswith(" to"):
            return None
        if verb.group() in ("reported", "reports") and not _REPORTED_WHAT.match(sentence, verb.end()):
            return None  # "Alpenrose has reported a 12% fall in profit": its results, in the outlet's words
        subject_start = _LEADING_ADVERBIAL.match(before)
        offset = subject_start.end() if subject_start else 0
        subject = before[offset:]
        if not subject.strip():
            subject, offset = before, 0
        subject = _without_apposition(_AUXILIARY.sub(" ", _AUXILIARY.sub(" ", subject)))
        if len(subject.split()) > _SUBJECT_WORDS or _has_clause_verb(subject):
            if offset:
                offset, subject = 0, _without_apposition(before)
                if len(subject.split()) > _SUBJECT_WORDS or _has_clause_verb(subject):
                    return None
            else:
                return None
        phrase = subject.strip()
        if phrase.lower() in _PRONOUNS and verb.group() not in _PRONOUN_SPEECH:
            return None
        claimant, label = _source(phrase, story)
        opener = None
        if phrase.lower() in _PRONOUNS or _ROLE_SUBJECT.match(phrase):
            at = sentence.find(phrase, offset)
            opener = (at, at + len(phrase))
        return Attribution(claimant, label, True, opener if claimant else None)
    return None


def _without_apposition(subject: str) -> str:
    """ "Thomas Brunner, an analyst at Vontobel, " -> "Thomas Brunner"; "Ofgem's chief executive,
    Jonathan Brearley, " -> "Jonathan Brearley" (the words between the commas are the name)."""
    subject = subject.rstrip()
    if subject.endswith(","):
        first = subject.find(",")
        if first < len(subject) - 1:
            inner = subject[first + 1 : -1].strip()
            return inner if _JUST_A_NAME.match(inner) else subject[:first]
    return subject


_REPORTED_WHAT = re.compile(r"\s+(?:that|on|to|in a)\b")
_JUST_A_NAME = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}$")


_CLAUSE_VERBS = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do|rose|fell|grew|won|"
    r"made|took|gave|sold|bought|paid|cost|spent|reached|hit|cut|lost|beat)\b"
)


def _has_clause_verb(subject: str) -> bool:
    return bool(_CLAUSE_VERBS.search(subject)) or subject.count(",") > 1


def _mostly_quoted(sentence: str) -> bool:
    quoted = sum(len(span) for span in re.findall(r"“[^”]*”|\"[^\"]*\"", sentence))
    return quoted > 0.5 * len(sentence.strip())
