"""Atomic claims: one checkable statement each, cut from a sentence's own words.

Handles attributions (moved to the claimant), appositions ("Geely, Volvo's parent
company," gives "Geely is Volvo's parent company") and coordinated clauses. Nothing is
added except the copula "is" for an apposition and a repeated subject for a shared one.
"""

import re

_NAME = r"[A-Z][\w&.-]*(?:['’]s)?(?:\s(?:of\s)?[A-Z][\w&.-]*)*"
_LEADING_ATTRIBUTION = re.compile(r"^[Aa]ccording to [^,]{1,80},\s*")
_TRAILING_ACCORDING_TO = re.compile(r",\s*according to [^,]{1,80}$")
_TRAILING_ATTRIBUTION = re.compile(
    r"(?:,(?P<quote>[”\"])|(?P<quote_first>[”\"]),|,)\s*(?:(?:the |a |an )?[\w&.'’ -]{1,60}?\s(?:said|says|added|explained|noted|told [\w ]{1,30}|reported|wrote|stated|confirmed)(?:\s(?:on|in|at|last|this)\s[\w ]{1,30})?"
    r"|(?:said|says|added)\s[A-Z][^.]{0,80})\s*\.?$"
)
_DISCOURSE = re.compile(
    r"^(?:for example|for instance|in addition|moreover|however|meanwhile|ultimately|indeed|besides|furthermore|"
    r"in fact|also|still|then|so|and|but)\s*,?\s+",
    re.I,
)
# Phrases that only link a sentence to the story around it ("On the American side, Amazon acquired ...").
# Temporal or conditional openers ("After a few difficult years,") carry content and stay.
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:on|from) the (?:\w+ ){0,2}(?:side|front|hand)|(?:more|most|until|only) recently|for (?:its|their|his|her) part|"
    r"at the same time|in the meantime|in other news|in turn|in short|in any case|in particular|above all|after all|"
    r"by contrast|in contrast|that said|even so|as a result|likewise|similarly|additionally|notably|separately|"
    r"elsewhere|finally|lastly|overall|first|second|secondly|third|thirdly)\s*,\s+(?=\S)",
    re.I,
)
# A lower-case fragment after a full stop that the splitter left on ("... with it. this domain."): a stray
# piece of editing, not part of the statement. Common abbreviations before a full stop are spared.
_STRAY_TAIL = re.compile(r"(?<![\w.])(?P<word>[a-z]{2,})\.\s+[a-z][^.!?]*[.!?]?$")
_ABBREVIATIONS = frozenset({"vs", "etc", "al", "cf", "approx", "incl", "esp", "resp", "ca", "no"})
_APPOSITION_AFTER = re.compile(
    rf"(?P<head>\b{_NAME}),\s(?P<app>(?:an?|the|its|{_NAME}['’]s)\s[^,;“”\"]{{2,120}}?)(?P<close>,\s|\.?$)"
)
_APPOSITION_BEFORE = re.compile(
    rf"(?:^|(?<=,\s))(?P<app>(?:[Tt]he|[Aa]n?)\s[^,;“”\"]{{2,80}}?),\s(?P<head>{_NAME}),\s(?P<rest>[a-z])"
)
_RELATIVE = re.compile(r"\s(?:that|which|who|whose|where)\s.*$")
_FILLERS = re.compile(r"\s(?:just|also|now)(?=\s)")
_COORDINATION = re.compile(r",?\s(?:and|but)\s|;\s")
_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "does",
        "did",
        "do",
        "said",
        "says",
        "say",
        "told",
        "announced",
        "acquired",
        "acquires",
        "acquire",
        "bought",
        "buys",
        "buy",
        "sold",
        "sells",
        "sell",
        "invested",
        "invests",
        "invest",
        "entered",
        "enters",
        "enter",
        "launched",
        "launches",
        "launch",
        "partnered",
        "partners",
        "signed",
        "signs",
        "sign",
        "made",
        "makes",
        "make",
        "took",
        "takes",
        "take",
        "plans",
        "planned",
        "aims",
        "aimed",
        "wants",
        "wanted",
        "expects",
        "expected",
        "owns",
        "owned",
        "employs",
        "employed",
        "operates",
        "operated",
        "raised",
        "raises",
        "cut",
        "cuts",
        "reported",
        "reports",
        "opened",
        "opens",
        "closed",
        "closes",
        "built",
        "builds",
        "developed",
        "develops",
        "hired",
        "hires",
        "became",
        "becomes",
        "led",
        "leads",
        "grew",
        "grows",
        "rose",
        "rises",
        "fell",
        "falls",
        "won",
        "wins",
        "lost",
        "loses",
        "paid",
        "pays",
        "offered",
        "offers",
        "provided",
        "provides",
        "supplied",
        "supplies",
        "released",
        "releases",
        "ran",
        "runs",
        "set",
        "sets",
        "got",
        "gets",
        "gave",
        "gives",
        "went",
        "goes",
        "came",
        "comes",
    ]
)
_RELATION_NOUNS = re.compile(
    r"\b(?:company|companies|subsidiary|parent|owner|maker|carmaker|automaker|manufacturer|supplier|unit|startup|"
    r"start-up|firm|giant|group|rival|founder|chief|executive|ceo|president|head|chairman|chairwoman|brand|bank|"
    r"retailer|player|leader|operator|provider|developer|division|affiliate|partner|investor|fund|agency|regulator|"
    r"platform|service|network|outlet|newspaper|broadcaster|chain|lender|insurer|airline|producer|minister|spokesman|"
    r"spokeswoman|analyst)\b",
    re.I,
)


def atomic_claims(sentence: str, *, attribution_cut: bool = False) -> list[str]:
    """The separate checkable statements in a sentence, main statement first.

    attribution_cut: the caller has already taken the attribution out (see :func:`cut`)."""
    body = sentence.strip() if attribution_cut else _strip_attribution(sentence.strip())
    body = _DISCOURSE.sub("", body)
    while (adverbial := _LEADING_ADVERBIAL.match(body)) is not None:
        body = body[adverbial.end() :]
    tail = _STRAY_TAIL.search(body)
    if tail is not None and tail["word"] not in _ABBREVIATIONS and not _has_verb(tail.group()):
        body = body[: tail.end("word")]
    appositions: list[str] = []
    body = _take_appositions(body, appositions)
    claims = [clause for clause in _split_coordination(body) if _has_verb(clause)]
    return [_tidy(claim) for claim in claims + appositions if claim.strip()] or [_tidy(body)]


def cut(sentence: str, start: int, end: int) -> str:
    """The sentence without its attribution words sentence[start:end] ("According to X, ", ", the
    companies said"), commas mended; a quotation before them keeps every character of its own."""
    left, right = sentence[:start].rstrip(), sentence[end:].lstrip()
    if not left:
        return right.lstrip(", ")
    if left.endswith(",") and right.startswith(","):
        left, right = left[:-1], right[1:].lstrip()
    if not right.strip(" .!"):
        return left
    return f"{left} {right}"


def _strip_attribution(sentence: str) -> str:
    body = _TRAILING_ACCORDING_TO.sub("", _LEADING_ATTRIBUTION.sub("", sentence).rstrip(". "))
    match = _TRAILING_ATTRIBUTION.search(body)
    if match and match.start() > 0:
        body = body[: match.start()] + (match["quote"] or match["quote_first"] or "")
    return body


def _take_appositions(body: str, appositions: list[str]) -> str:
    """Move "Name, a relation," phrases out of the body into their own claims."""
    before = _APPOSITION_BEFORE.search(body)
    if before and _RELATION_NOUNS.search(before["app"]):
        appositions.append(f"{before['head']} is {_lower_first(before['app'])}")
        body = body[: before.start()] + before["head"] + " " + body[before.start("rest") :]
    position = 0
    while match := _APPOSITION_AFTER.search(body, position):
        apposition = _RELATIVE.sub("", match["app"])
        if not _RELATION_NOUNS.search(apposition) or any(word in _VERBS for word in apposition.split()):
            position = match.end("head")
            continue
        appositions.append(f"{_POSSESSIVE_END.sub('', match['head'])} is {apposition}")
        closing = " " if match["close"].startswith(",") else match["close"]
        body = body[: match.end("head")] + closing + body[match.end() :]
        position = match.end("head")
    return body


_POSSESSIVE_END = re.compile(r"['’]s$")


def _split_coordination(body: str) -> list[str]:
    """Split "A did X and did Y" (shared subject) and "A did X, and B did Y" (two subjects)."""
    quoted = _quoted_ranges(body)
    clauses: list[str] = []
    rest = body
    offset = 0
    for match in _COORDINATION.finditer(body):
        if any(start <= match.start() < end for start, end in quoted):
            continue
        left = body[offset : match.start()]
        right = body[match.end() :]
        right_words = right.split()
        if not right_words or not _has_verb(left):
            continue
        if right_words[0].lower() in _VERBS or right_words[0].endswith("ed"):
            if match.group().startswith(","):
                continue  # ", and entered ..." after a list is too ambiguous to cut
            clauses.append(left)
            subject = _subject(left)
            if not subject:
                clauses.pop()
                continue
            offset = match.end()
            rest = subject + " " + right
            body = body  # the subject is re-attached below
            clauses.append(rest)
            return clauses[:-1] + _split_coordination(rest)
        if (match.group().startswith(",") or match.group().startswith(";")) and _has_verb(right):
            clauses.append(left)
            return clauses + _split_coordination(right)
    return clauses + [body[offset:]]


def _subject(clause: str) -> str | None:
    """Words before the first verb, after any leading adverbial set off by a comma."""
    words = clause.split()
    for index, word in enumerate(words):
        if word.lower() in _VERBS or (word.endswith("ed") and index > 0):
            before = words[:index]
            commas = [i for i, w in enumerate(before) if w.endswith(",")]
            subject = before[commas[-1] + 1 :] if commas else before
            return " ".join(subject) or None
    return None


def _has_verb(clause: str) -> bool:
    return any(word.lower() in _VERBS or (word.endswith("ed") and word[:1].islower()) for word in clause.split())


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Quotations and brackets: a claim is never cut inside them."""
    return [match.span() for match in re.finditer(r"“[^”]*”|\"[^\"]*\"|\([^()]*\)|\[[^\[\]]*\]", text)]


def _lower_first(phrase: str) -> str:
    return phrase[:1].lower() + phrase[1:] if phrase[:2] in ("The", "An") or phrase[:2] == "A " else phrase


def _tidy(claim: str) -> str:
    """Single spaces, no closing full stop, a capital first letter; fillers go, except inside a quotation."""
    if '"' in claim or "“" in claim:
        quoted = _quoted_ranges(claim)
        claim = _FILLERS.sub(lambda m: m.group() if any(a <= m.start() < b for a, b in quoted) else "", claim)
    else:
        claim = _FILLERS.sub("", claim)
    claim = " ".join(claim.split()).rstrip(".,;: ")
    return claim[:1].upper() + claim[1:]
