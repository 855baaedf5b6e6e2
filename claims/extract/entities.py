"""Named entities without a statistical model: patterns for amounts and dates,
a short gazetteer and capitalisation for names.

Unknown capitalised names default to organisations, the commonest kind of name in
business and technology news; places and people need the gazetteer, a title or a
known first name.
"""

import re
from dataclasses import dataclass

from claims.vocabulary import EntityLabel

ORGANIZATION = EntityLabel.ORGANIZATION.value
PERSON = EntityLabel.PERSON.value
PLACE = EntityLabel.PLACE.value
MONEY = EntityLabel.MONEY.value
PERCENT = EntityLabel.PERCENT.value
DATE = EntityLabel.DATE.value


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    label: str


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"bn|billion|b|mn|million|m|tn|trillion|k|thousand"
_SCALES = {
    "bn": "bn",
    "billion": "bn",
    "b": "bn",
    "mn": "m",
    "million": "m",
    "m": "m",
    "tn": "tn",
    "trillion": "tn",
    "k": "k",
    "thousand": "k",
}
_CURRENCIES = {
    "$": "$",
    "us$": "$",
    "usd": "$",
    "dollar": "$",
    "dollars": "$",
    "€": "€",
    "eur": "€",
    "euro": "€",
    "euros": "€",
    "£": "£",
    "gbp": "£",
    "pound": "£",
    "pounds": "£",
    "¥": "¥",
    "yen": "¥",
    "jpy": "¥",
    "yuan": "CNY ",
    "cny": "CNY ",
    "rmb": "CNY ",
}
_MONEY_BEFORE = re.compile(
    rf"(?P<currency>US\$|\$|€|£|¥|\b(?:USD|EUR|GBP|JPY|CNY|RMB)\s?)(?P<number>{_NUMBER})"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?",
    re.I,
)
_MONEY_AFTER = re.compile(
    rf"\b(?P<number>{_NUMBER})(?:\s?(?P<scale>{_SCALE}))?\s"
    r"(?P<currency>dollars?|euros?|pounds|yuan|yen|USD|EUR|GBP|CNY|RMB|JPY)\b",
    re.I,
)
_PERCENT = re.compile(rf"\b(?P<number>{_NUMBER})\s?(?:%|per\s?cent\b|percent\b)", re.I)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE = re.compile(
    r"\b(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))\b"
    rf"|\b{_MONTH}\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<year>\d{{4}})\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s{_MONTH.replace('month', 'month2')}\s(?P<year2>\d{{4}})\b"
    rf"|\b{_MONTH.replace('month', 'month3')}\s(?P<year3>\d{{4}})\b"
    r"|(?<![$€£¥\d.,-])\b(?P<year4>(?:19|20)\d\d)\b(?![\d%,.]\d|\s?(?:%|per\s?cent|percent|bn|billion|million|m\b))"
)

_CAPITALISED = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w&-]*(?:\.com)?)"
_NAME = re.compile(rf"{_CAPITALISED}(?:['’]s\b)?(?:\s(?:(?:of|de|von|van|der|&)\s)?{_CAPITALISED}(?:['’]s\b)?)*")
_POSSESSIVE = re.compile(r"['’]s\b")
# "of" joins a name only after these heads ("Bank of America"); "John Smith of Acme" is two names.
_OF_SPLIT = re.compile(
    r"(?<!\bBank)(?<!\bUniversity)(?<!\bMinistry)(?<!\bDepartment)(?<!\bInstitute)(?<!\bRepublic)"
    r"(?<!\bCollege)(?<!\bSchool)(?<!\bCouncil)(?<!\bBoard)(?<!\bOffice)(?<!\bSecretary) of "
)
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|President|Senator|Minister|Governor|CEO|founder|chief executive|chairman|chairwoman|boss|spokesman|spokeswoman|analyst)\.?\s$"
)
_TITLES = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Dame", "President", "Senator", "Minister", "Governor"}

# Capitalised words that start sentences or name things that are not entities.
_NOT_NAMES = frozenset(
    [
        "A",
        "An",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "It's",
        "Their",
        "There",
        "They",
        "Them",
        "He",
        "She",
        "His",
        "Her",
        "We",
        "Our",
        "Us",
        "You",
        "Your",
        "I",
        "I'm",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "With",
        "Without",
        "Within",
        "Into",
        "Of",
        "To",
        "As",
        "And",
        "But",
        "Or",
        "Nor",
        "So",
        "Yet",
        "If",
        "When",
        "While",
        "Where",
        "Why",
        "How",
        "What",
        "Who",
        "Which",
        "After",
        "Before",
        "During",
        "Since",
        "Until",
        "Over",
        "Under",
        "Between",
        "Among",
        "About",
        "Against",
        "Despite",
        "Through",
        "Across",
        "Along",
        "More",
        "Most",
        "Less",
        "Many",
        "Much",
        "Some",
        "Any",
        "Each",
        "Every",
        "All",
        "Both",
        "Few",
        "Several",
        "Other",
        "Another",
        "Such",
        "No",
        "Not",
        "Yes",
        "Also",
        "Still",
        "Even",
        "Just",
        "Only",
        "Then",
        "Now",
        "Today",
        "Yesterday",
        "Tomorrow",
        "Meanwhile",
        "However",
        "Moreover",
        "Ultimately",
        "Indeed",
        "Instead",
        "Thus",
        "Therefore",
        "Although",
        "Though",
        "Because",
        "Once",
        "Here",
        "Last",
        "Next",
        "First",
        "Second",
        "Third",
        "New",
        "Old",
        "According",
        "Hello",
        "Hi",
        "Dear",
        "Welcome",
        "Thanks",
        "Thank",
        "Good",
        "Greetings",
        "Please",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "American",
        "Chinese",
        "Korean",
        "Japanese",
        "German",
        "French",
        "British",
        "European",
        "Indian",
        "Russian",
        "Canadian",
        "Italian",
        "Spanish",
        "Australian",
        "Swedish",
        "Dutch",
        "Swiss",
        "Taiwanese",
        "Israeli",
        "Brazilian",
        "Mexican",
        "Asian",
        "African",
        "Western",
        "Eastern",
        "CEO",
        "CFO",
        "COO",
        "CTO",
        "Inc",
        "Corp",
        "Ltd",
        "Co",
        "LLC",
        "Plc",
        "AG",
        "SA",
    ]
)

_PLACES = frozenset(
    """
U.S. US USA America UK U.K. Britain England Scotland Wales Ireland EU Europe Asia Africa China Japan Korea
South\u00a0Korea India Germany France Italy Spain Sweden Norway Denmark Finland Netherlands Belgium Switzerland
Austria Poland Russia Ukraine Turkey Israel Iran Iraq Egypt Canada Mexico Brazil Argentina Chile Australia
Taiwan Singapore Indonesia Vietnam Thailand Malaysia Philippines Pakistan Nigeria Kenya Saudi\u00a0Arabia
California Texas Florida Washington Beijing Shanghai Shenzhen Hangzhou Hong\u00a0Kong Tokyo Seoul London Paris
Berlin Munich Frankfurt Brussels Amsterdam Stockholm Dublin Madrid Rome Moscow Delhi Mumbai Sydney Toronto
New\u00a0York San\u00a0Francisco Silicon\u00a0Valley Seattle Boston Chicago Detroit Cupertino Los\u00a0Angeles
Middle\u00a0Kingdom Middle\u00a0East Wall\u00a0Street
""".replace("\u00a0", "_").split()
)
_PLACE_NAMES = frozenset(place.replace("_", " ") for place in _PLACES)

_ORGANIZATIONS = frozenset(
    """
Amazon Apple Google Alphabet Microsoft Meta Facebook Netflix Tesla Uber Lyft Nvidia Intel AMD IBM Oracle
Samsung Sony Huawei Xiaomi Tencent Alibaba Baidu ByteDance TikTok JD.com Geely Volvo Hyundai Kia Toyota Honda
Nissan Ford BMW Daimler Mercedes Volkswagen Renault Stellantis Foxconn Foxxcon TSMC Qualcomm Waymo Zoox Cruise
Aurora Rivian Lucid NIO Xpeng BYD OpenAI Anthropic Twitter X Spotify Airbnb Shopify PayPal Visa Mastercard
CNBC Reuters Bloomberg BBC CNN AFP AP Xinhua FT Goldman\u00a0Sachs JPMorgan Morgan\u00a0Stanley SoftBank
General\u00a0Motors General\u00a0Electric Boeing Airbus
""".replace("\u00a0", "_").split()
)
_ORGANIZATION_NAMES = frozenset(org.replace("_", " ") for org in _ORGANIZATIONS)
_ORGANIZATION_SUFFIXES = frozenset(
    [
        "Inc",
        "Inc.",
        "Corp",
        "Corp.",
        "Ltd",
        "Ltd.",
        "LLC",
        "Plc",
        "Group",
        "Holdings",
        "Motors",
        "Bank",
        "Technologies",
        "Technology",
        "Systems",
        "Airlines",
        "Capital",
        "Partners",
        "Media",
        "News",
        "Times",
        "Labs",
        "Company",
        "Co.",
        "Ventures",
        "Fund",
        "Foundation",
        "University",
        "Agency",
        "Commission",
    ]
)

_FIRST_NAMES = frozenset(
    [
        "John",
        "James",
        "Robert",
        "Michael",
        "William",
        "David",
        "Richard",
        "Joseph",
        "Thomas",
        "Charles",
        "Mark",
        "Paul",
        "Steven",
        "Andrew",
        "Kevin",
        "Brian",
        "George",
        "Edward",
        "Peter",
        "Tim",
        "Elon",
        "Jeff",
        "Bill",
        "Satya",
        "Sundar",
        "Jack",
        "Pony",
        "Li",
        "Wang",
        "Zhang",
        "Mary",
        "Patricia",
        "Jennifer",
        "Linda",
        "Elizabeth",
        "Susan",
        "Sarah",
        "Karen",
        "Nancy",
        "Lisa",
        "Anna",
        "Emma",
        "Olivia",
        "Sophie",
        "Laura",
        "Julia",
        "Maria",
        "Angela",
        "Christine",
        "Ursula",
        "Joe",
        "Donald",
        "Barack",
        "Hillary",
        "Kamala",
        "Emmanuel",
        "Boris",
        "Rishi",
        "Xi",
        "Vladimir",
        "Mike",
        "Tom",
        "Sam",
        "Dan",
        "Ben",
        "Alex",
        "Chris",
        "Jane",
    ]
)


def find_entities(sentence: str, known_names: frozenset[str] = frozenset()) -> tuple[Entity, ...]:
    """Entities in one sentence, in order of appearance, each once.

    known_names are capitalised words seen mid-sentence elsewhere in the article:
    they tell a name from a capitalised first word ("Geely aims to ...").
    """
    found: list[tuple[int, Entity]] = []
    taken: list[tuple[int, int]] = []
    # Amounts and dates all need a digit; most sentences have none.
    for pattern, label, normalise in _AMOUNTS_AND_DATES if _DIGIT.search(sentence) else ():
        for match in pattern.finditer(sentence):
            if _overlaps(match.span(), taken):
                continue
            name = normalise(match)
            if name:
                found.append((match.start(), Entity(name, label)))
                taken.append(match.span())
    for start, entity in _names(sentence, known_names, taken):
        found.append((start, entity))
    unique: dict[Entity, int] = {}
    for start, entity in sorted(found, key=lambda item: item[0]):
        unique.setdefault(entity, start)
    return tuple(unique)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _money(match: re.Match[str]) -> str:
    currency = _CURRENCIES[match["currency"].strip().lower()]
    scale = _SCALES.get((match["scale"] or "").lower(), "")
    return f"{currency}{match['number'].replace(',', '')}{scale}"


def _percent(match: re.Match[str]) -> str:
    return f"{match['number'].replace(',', '')}%"


def _date(match: re.Match[str]) -> str | None:
    if match["iso"]:
        return match["iso"]
    if match["year4"]:
        return match["year4"]
    if match["year3"]:
        return f"{match['year3']}-{_MONTHS[match['month3'].lower()]:02d}"
    year, month, day = (
        (match["year"], match["month"], match["day"])
        if match["year"]
        else (match["year2"], match["month2"], match["day2"])
    )
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{_MONTHS[month.lower()]:02d}-{int(day):02d}"


_AMOUNTS_AND_DATES = (
    (_MONEY_BEFORE, MONEY, _money),
    (_MONEY_AFTER, MONEY, _money),
    (_PERCENT, PERCENT, _percent),
    (_DATE, DATE, _date),
)
_DIGIT = re.compile(r"\d")


def _names(sentence: str, known_names: frozenset[str], taken: list[tuple[int, int]]) -> list[tuple[int, Entity]]:
    """Runs of capitalised words, trimmed of sentence starters, labelled by gazetteer and context."""
    names = []
    first_word = len(sentence) - len(sentence.lstrip(" \"“‘'(["))
    for match in _NAME.finditer(sentence):
        if _overlaps(match.span(), taken):
            continue
        start = match.start()
        for part in _OF_SPLIT.split(_POSSESSIVE.sub("", match.group())):
            words = part.split(" ")
            part_start = start
            start += len(part) + len(" of ")
            while words and _trimmable(words):
                part_start += len(words[0]) + 1
                words = words[1:]
            if not words:
                continue
            if (
                " ".join(words) not in _ORGANIZATION_NAMES
                and words[0] in _ORGANIZATION_NAMES
                and words[-1] not in _ORGANIZATION_SUFFIXES
            ):
                words = words[:1]  # "Apple Car" is Apple's product: the entity is Apple
            name = " ".join(words)
            if part_start == first_word and len(words) == 1 and not _is_known(name, known_names):
                continue
            names.append((part_start, Entity(name, _name_label(name, words, sentence[:part_start]))))
    return names


def _trimmable(words: list[str]) -> bool:
    """Leading sentence starters and titles go, unless the whole run is a known name ("New York")."""
    return (words[0] in _NOT_NAMES or words[0] in _TITLES) and not _is_known(" ".join(words), frozenset())


def _is_known(name: str, known_names: frozenset[str]) -> bool:
    return name in known_names or name in _ORGANIZATION_NAMES or name in _PLACE_NAMES


def _name_label(name: str, words: list[str], before: str) -> str:
    if name in _PLACE_NAMES:
        return PLACE
    if name in _ORGANIZATION_NAMES or words[-1] in _ORGANIZATION_SUFFIXES:
        return ORGANIZATION
    if _TITLE_BEFORE.search(before) or (words[0] in _FIRST_NAMES and len(words) > 1):
        return PERSON
    return ORGANIZATION


def names_seen_mid_sentence(text: str) -> frozenset[str]:
    """Capitalised words known to be names wherever they stand: those that follow a lower-case word,
    and those followed by what only a name takes ("Sina's revenue", "Weibo said", "Weibo, a unit of")."""
    return frozenset(
        match.group(1)
        for pattern in (_AFTER_LOWER_CASE, _BEFORE_NAME_CONTEXT)
        for match in pattern.finditer(text)
        if match.group(1) not in _NOT_NAMES
    )


_AFTER_LOWER_CASE = re.compile(r"(?<=[a-z,] )([A-Z][\w&-]+)")
_BEFORE_NAME_CONTEXT = re.compile(
    r"\b([A-Z][\w&-]+)(?=['’]s\b|,? (?:said|says|told|announced|reported)\b|, (?:a|an|the) [a-z])"
)
