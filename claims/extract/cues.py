"""News-prose cues: what makes a sentence in an article worth checking, and what kind of claim it is.

The model learnt from debates, where deals, amounts and company names are rare;
these hand-set nudges carry what a business desk knows.
"""

import re
from dataclasses import dataclass

from claims.vocabulary import ClaimKind

# (reason, pattern, nudge to the model's log-odds)
# Cue patterns are lower-case and run on lower-cased text: re.I alternations are several times slower.
_FACT_CUES: tuple[tuple[str, re.Pattern[str], float], ...] = tuple(
    (reason, re.compile(pattern), nudge)
    for reason, pattern, nudge in (
        (
            "acquisition verb",
            r"\b(?:acquir(?:e|es|ed|ing)|acquisition|bought|buys?|buying|takeover|took over|tak(?:e|es|ing) over|merg(?:e|es|ed|er|ing))\b",
            1.5,
        ),
        (
            "investment verb",
            r"\b(?:invest(?:s|ed|ing|ment|ments)?|raised|raises|funding|stake|valued at|valuation)\b",
            1.5,
        ),
        (
            "partnership verb",
            r"\b(?:partner(?:s|ed|ing|ship|ships)?|teamed up|team(?:s)? up|joined forces|alliance|signed|agreement|joint venture|collaborat(?:e|es|ed|ion))\b",
            1.2,
        ),
        (
            "market move",
            r"\b(?:entered|enters|launch(?:es|ed)?|expanded|opened|set out to conquer|unveiled|released)\b",
            0.8,
        ),
        (
            "company relation",
            r"\b(?:subsidiary|parent company|sister company|owned by|owns|spun off|unit of|division of|supplier|founded)\b",
            1.2,
        ),
        (
            "financial result",
            r"\b(?:revenue|profit|loss(?:es)?|sales|earnings|shares|stock|market value|grew|rose|fell|jumped|dropped|plunged|soared|employs|hired|laid off|job cuts|fined|sued|lawsuit|ruled)\b",
            0.8,
        ),
        (
            "ranking",
            r"\b(?:\w+-(?:largest|biggest|highest|lowest|smallest|fastest|richest|poorest)|"
            r"(?:the|['’]s) (?:largest|biggest|highest|lowest|smallest)|ranked|rankings?|"
            r"came (?:top|first|second|third|last)|top of the|number one|"
            r"record(?:s| high| low)?|since records began|(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)) place)\b",
            1.0,
        ),
    )
)
_HEDGES = re.compile(
    r"\b(?:will(?! set \w+(?: \w+){0,3} back)|won['’]t|shall|expected to|expects to|plans? to|planned to|planning to|aims? to|aimed to|intends? to|"
    r"set to|going to|likely to|forecasts?|projected to|wants? to|hopes? to|should|could|may|might|would)\b"
)
_OPINION = re.compile(
    r"\b(?:makes? sense|in my (?:view|opinion)|i think|i believe|i feel|arguably|obviously|clearly|of course|"
    r"unfortunately|fortunately|sadly|luckily|surprisingly|remarkabl[ey]|impressive|exciting|interesting|"
    r"amazing|wonderful|terrible|awful|brilliant|great|best|worst|smart move|bold move|mistake|"
    r"deserves?|ought to|must be|is essential|is crucial|no surprise|it seems|"
    # feelings, which nobody can check
    r"tired of|proud|delighted|thrilled|honoured|honored|regrets?|heartbroken|breaks? (?:your|my) heart|"
    r"always wanted|can't wait|cannot wait|looking forward|"
    # a characterisation: "dismissed the budget as ...", "described the outlook as ..."
    r"(?:dismissed|described|branded|labelled|labeled|derided) (?:\S+ ){1,5}as)\b"
)
_GREETING = re.compile(
    r"^\W*(?:hello|hi|hey|dear|welcome|good (?:morning|afternoon|evening)|greetings|thanks? (?:you )?for reading|happy \w+day)\b"
)
_SPEECH = r"(?:said|says|told|stated|announced|confirmed|added|explained|noted|wrote|tweeted|claimed|insisted)"
_ACCORDING_TO = re.compile(
    r"\b[Aa]ccording to (?:a |an |the )?(?:(?:report|statement|study|survey|filing|data|figures|article) (?:by|from|of|in) )?"
    r"(?P<who>(?:the )?[A-Z][\w&.'’-]*(?:\s(?:of\s)?[A-Z][\w&.'’-]*)*)"
)
_SAID_AFTER_NAME = re.compile(
    rf"(?P<who>\b[A-Z][\w&.'’-]*(?:\s(?:of\s)?[A-Z][\w&.'’-]*)*)(?:,[^,]{{1,60}},)?\s{_SPEECH}\b"
)
_SAID_BEFORE_NAME = re.compile(rf"[,”\"]\s*{_SPEECH}\s(?P<who>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*)*)")
_REPORTED = re.compile(r",\s(?P<who>[A-Z][\w&.'’-]*(?:\s[A-Z][\w&.'’-]*)*)\s(?:reported|reports|said in a report)\W*$")
# Words after a claimant's name that name the channel, not the claimant.
_CHANNEL_WORDS = re.compile(
    r"(?:['’]s)?(?:\s(?:media|news|reports?|sources?|data|figures|website|newspaper|filings?|statement))+$", re.I
)
_NOT_CLAIMANTS = frozenset(
    ["He", "She", "They", "It", "We", "I", "You", "This", "That", "The", "These", "Those", "In", "On", "At"]
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the cues say about a sentence (or one claim taken from it)."""

    nudge: float
    reasons: tuple[str, ...]
    kind: str
    veto: str | None  # why it must not be kept whatever the score


def read(
    text: str, *, claimant: str | None, attributed: bool, entity_labels: list[str], entity_names: list[str]
) -> Reading:
    """Weigh one claim's text: hard facts push up, hedges set the kind, evaluation pushes down."""
    reasons: list[str] = []
    nudge = 0.0
    lowered = text.lower()
    for reason, pattern, weight in _FACT_CUES:
        if pattern.search(lowered):
            reasons.append(reason)
            nudge += weight
    # An amount, a date or a ranking ("the biggest fall since records began") makes an evaluative
    # sentence checkable all the same.
    measurable = "ranking" in reasons
    for label, reason, weight in (
        ("money", "money amount", 1.0),
        ("percent", "percentage", 1.0),
        ("date", "date", 0.5),
        ("count", "statistic", 1.0),
    ):
        if label in entity_labels:
            reasons.append(reason)
            nudge += weight
            measurable = True
    organisations = [name for name, label in zip(entity_names, entity_labels, strict=False) if label == "organization"]
    if organisations:
        reasons.append(f"named organisations: {', '.join(organisations)}")
        nudge += 0.6 if len(organisations) > 1 else 0.3
    people = [name for name, label in zip(entity_names, entity_labels, strict=False) if label == "person"]
    if people:
        reasons.append(f"named people: {', '.join(people)}")
        nudge += 0.3
    if claimant:
        reasons.append(f"attributed to {claimant}")
    hedge = _HEDGES.search(lowered)
    if hedge:
        reasons.append(f"hedge: {hedge.group().lower()}")
        nudge -= 0.3
    opinion = _OPINION.search(lowered)
    if opinion:
        reasons.append(f"evaluative: {opinion.group().lower()}")
        nudge -= 1.5
    veto = None
    if _GREETING.search(lowered):
        veto = "greeting"
    elif text.rstrip().endswith("?"):
        veto = "question"
    elif opinion and not measurable:
        veto = "opinion"
    if veto:
        reasons.append(veto)
    kind = (
        ClaimKind.OPINION
        if veto
        else ClaimKind.QUOTE
        if attributed
        else ClaimKind.PREDICTION
        if hedge
        else ClaimKind.FACT
    ).value
    return Reading(nudge, tuple(reasons), kind, veto)


# Future: what will, is expected to, plans to happen. "Would set a gadget lover back £7,455" is a price.
_FUTURE = re.compile(
    r"\b(?:will(?! set \w+(?: \w+){0,3} back)|won['’]t|shall|is to|are to|expected to|expects? (?:\w+ ){0,4}to|expected (?:\w+ ){0,4}to|"
    r"plans? to|planned to|planning to|aims? to|intends? to|set to|due to (?:start|open|close|begin|be|take|launch|end)|"
    r"going to|likely to|forecasts?|forecast (?:that|to)|projected to|predicts?|promised to|pledged to|"
    r"would(?! set \w+(?: \w+){0,3} back)|from next|in the coming (?:months|weeks|years))\b"
)
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def kind(text: str, reading: Reading, *, kept: bool, reported: bool, measurable: bool) -> str:
    """What sort of statement a claim is. A quote is mostly a direct quotation; a prediction is about the
    future; a present price or a past event is a fact. Someone's words not worth checking, quoted or
    reported, are their view: an opinion."""
    if reading.veto:
        return ClaimKind.OPINION.value
    quoted = sum(len(span) for span in _QUOTED.findall(text))
    if quoted > 0.5 * len(text):
        return ClaimKind.QUOTE.value if kept else ClaimKind.OPINION.value
    if reported and not kept:
        return ClaimKind.OPINION.value
    outside = _QUOTED.sub(" ", text).lower()
    if _FUTURE.search(outside):
        return ClaimKind.PREDICTION.value
    if not kept and not measurable:
        return ClaimKind.OPINION.value  # nothing in it to check: colour or a view
    return ClaimKind.FACT.value


def attribution(sentence: str) -> tuple[str | None, bool]:
    """(claimant, quoted): who the sentence credits, and whether it reports their words.

    "According to X" credits a source for a fact; "X said" quotes X.
    Pronouns and unnamed sources ("the companies said") give no claimant.
    """
    match = _ACCORDING_TO.search(sentence) or _REPORTED.search(sentence)
    if match:
        return _claimant(match["who"]), False
    for pattern in (_SAID_BEFORE_NAME, _SAID_AFTER_NAME):
        match = pattern.search(sentence)
        if match:
            return _claimant(match["who"]), True
    return None, bool(re.search(rf"\b{_SPEECH}\b", sentence))


def _claimant(who: str) -> str | None:
    who = _CHANNEL_WORDS.sub("", who.strip().rstrip("."))
    who = re.sub(r"^the\s", "", who)
    if not who or who.split()[0] in _NOT_CLAIMANTS:
        return None
    return who
