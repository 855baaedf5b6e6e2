"""Named entities without a statistical model: patterns for amounts and dates,
a short gazetteer and capitalisation for names.

Unknown capitalised names default to organisations, the commonest kind of name in
business and technology news; places and people need the gazetteer, a title or a
known first name.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from claims.vocabulary import EntityLabel

ORGANIZATION = EntityLabel.ORGANIZATION.value
PERSON = EntityLabel.PERSON.value
PLACE = EntityLabel.PLACE.value
MONEY = EntityLabel.MONEY.value
PERCENT = EntityLabel.PERCENT.value
DATE = EntityLabel.DATE.value
# Stored as plain strings like the others; claims.vocabulary.EntityLabel does not list them yet.
COUNT = "count"
WORK = "work"  # the title of a film, book, album, song, programme


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
    "a$": "A$",
    "au$": "A$",
    "aud": "A$",
    "c$": "C$",
    "ca$": "C$",
    "cad": "C$",
    "nz$": "NZ$",
    "hk$": "HK$",
    "s$": "S$",
    "r$": "R$",
    "₹": "INR ",
    "inr": "INR ",
    "rupees": "INR ",
    "₩": "KRW ",
    "krw": "KRW ",
    "won": "KRW ",
    "₦": "NGN ",
    "ngn": "NGN ",
    "naira": "NGN ",
    "chf": "CHF ",
    "francs": "CHF ",
    "swiss francs": "CHF ",
    "cedis": "GHS ",
    "rand": "ZAR ",
    "roubles": "RUB ",
    "rubles": "RUB ",
    "lira": "TRY ",
    "pesos": "MXN ",
    "ringgit": "MYR ",
    "dirhams": "AED ",
    "riyals": "SAR ",
    "shillings": "KES ",
    "kronor": "SEK ",
    "kroner": "NOK ",
}
_MONEY_BEFORE = re.compile(
    rf"(?P<currency>(?:\b(?:US|AU|CA|NZ|HK|A|C|S|R))?\$|€|£|¥|₹|₩|₦|\b(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|INR|KRW|NGN|AUD|CAD)\s?)(?P<number>{_NUMBER})"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?",
    re.I,
)
_MONEY_AFTER = re.compile(
    rf"\b(?P<number>{_NUMBER})(?:\s?(?P<scale>{_SCALE}))?\s"
    r"(?P<currency>dollars?|euros?|pounds|yuan|yen|swiss francs|francs|naira|rupees|cedis|rand|roubles|rubles|lira|"
    r"pesos|ringgit|dirhams|riyals|shillings|kronor|kroner|USD|EUR|GBP|CNY|RMB|JPY|CHF|INR|NGN|KRW)\b"
    # "won" is a currency only after a scale: "3.4 trillion won", not "in 2019 won".
    rf"|\b(?P<number2>{_NUMBER})\s?(?P<scale2>{_SCALE})\s(?P<currency2>won)\b",
    re.I,
)
# Plain counts: "one in 13", "half a million", "640,000 children", "27 goals", "1.5 million school days".
_SMALL = r"one|two|three|four|five|six|seven|eight|nine|ten"
_COUNT_IN_WORDS = re.compile(
    rf"\b(?:{_SMALL}|\d+) in (?:{_SMALL}|\d+)\b(?:\s(?:[a-z]+s|children|people|adults)\b)?"
    r"|\b(?:half|a quarter|a third|(?:one|two|three) (?:quarters|thirds)) (?:of )?an? (?:million|billion)\b"
    r"(?:\s(?:[a-z]+s|children|people|adults)\b)?",
    re.I,
)
_COUNT_IN_FIGURES = re.compile(
    rf"(?<![$€£¥₹₩₦\w.,-])(?:{_NUMBER})(?:\s?(?:million|billion|m|bn|thousand))?\b(?![.,]\d|%|-year|\s?per\s?cent)"
    r"(?:\s(?:[a-z][a-z-]+\s)?(?:[a-z]+s|children|people|men|women)\b)?"
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
# Words before a name that say it is a person's: "chief executive Laura Keller", "Bristol prop Owen Tait".
_PERSON_ROLES = (
    r"Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|President|Senator|Minister|Governor|Chancellor|Secretary|Mayor|"
    r"CEO|founder|chief executive|chief financial officer|chief operating officer|chief|executive|chairman|chairwoman|"
    r"boss|spokesman|spokeswoman|spokesperson|analyst|economist|coach|manager|captain|prop|striker|midfielder|"
    r"defender|goalkeeper|forward|winger|player|singer|actor|actress|star|director|producer|editor|reporter|trader|"
    r"farmer|expert|professor|teacher|officer|minister|secretary|chancellor|president|leader|presenter|author|writer|"
    r"novelist|rapper|musician|comedian|footballer|cricketer|batsman|bowler|jockey|driver|rider|champion|"
    r"mother|father|son|daughter|wife|husband|widow|pupil|student|resident|owner|designer|architect|lawyer|judge|"
    r"doctor|nurse|scientist|researcher|campaigner|activist|MP|MEP|senator|governor|mayor|head|headteacher|"
    r"starring|played by|directed by|written by|beat|replaces|signed|with|and|by"
)
_TITLE_BEFORE = re.compile(rf"\b(?:{_PERSON_ROLES})\.?\s$", re.I)
# A person's details after their name: "Amira Hassan, 18,", "Thomas Brunner, an analyst at".
_PERSON_AFTER = re.compile(
    rf"^(?:,\s\d{{1,3}},|,\s(?:a|an|the|its|his|her)\s(?:[\w-]+\s){{0,3}}?(?:{_PERSON_ROLES})\b|\s\(\d{{1,3}}\))"
)
_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "President", "Senator", "Minister", "Governor"}
# Honorifics and titles written before a name, and words that open a sentence before one ("Singer Ellie
# Park", "Studio Northwind Pictures"): not part of the name.
_HONORIFICS = frozenset(
    {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady", "Mr.", "Mrs.", "Ms.", "Dr."}
)
_TITLE_WORDS = frozenset(
    [
        "Commissioner",
        "Farmer",
        "Trader",
        "Teacher",
        "Doctor",
        "Nurse",
        "Editor",
        "Reporter",
        "Prop",
        "Winger",
        "Goalkeeper",
        "Player",
        "Pupil",
        "Student",
        "Mother",
        "Father",
        "Resident",
        "Owner",
        "Campaigner",
        "Lawyer",
        "Expert",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "President",
        "Senator",
        "Minister",
        "Governor",
        "Chancellor",
        "Secretary",
        "Mayor",
        "Premier",
        "Prime",
        "Chief",
        "Executive",
        "Captain",
        "Coach",
        "Manager",
        "Judge",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Director",
        "Chairman",
        "Chairwoman",
        "Officer",
        "Shadow",
        "Foreign",
        "Home",
        "Finance",
        "Education",
        "Health",
        "Agriculture",
        "Defence",
        "Justice",
        "Culture",
        "Trade",
        "Business",
        "Transport",
        "Environment",
        "Energy",
        "Interior",
        "Opposition",
        "Studio",
        "Singer",
        "Actor",
        "Actress",
        "Rapper",
        "Striker",
        "Midfielder",
        "Defender",
        "Neighbouring",
        "Neighboring",
        "Rival",
        "Former",
        "Veteran",
        "Labour",
        "Conservative",
        "Tory",
        "Democrat",
        "Republican",
        "Deputy",
        "Vice",
        "Acting",
        "Interim",
        "Presenter",
        "Comedian",
        "Author",
        "Novelist",
        "Analyst",
        "Economist",
        "Professor",
        "Headteacher",
        "Archbishop",
        "Bishop",
        "Pope",
        "Ambassador",
        "Commissioner",
        "Sheriff",
        "Inspector",
        "Detective",
        "Sergeant",
        "Constable",
        "Superintendent",
    ]
)


# Words that name a minister's brief before the title ("Finance Minister"), and are names otherwise.
_PORTFOLIOS = frozenset(
    "Foreign Home Finance Education Health Agriculture Defence Justice Culture Trade Business Transport "
    "Environment Energy Interior".replace("  ", " ").split()
)


def _after_last_title(words: list[str]) -> int:
    """Where a name starts after a title with words of its own before it: "Insurance Commissioner
    Ricardo Lara" -> 2. A title needs two capitalised words after it, so "General Motors" stays whole,
    and a minister's brief is no title ("Department for Education and Skills")."""
    for index in range(len(words) - 3, 0, -1):
        word = words[index]
        if word in _TITLE_WORDS and word not in _PORTFOLIOS and all(w[:1].isupper() for w in words[index:]):
            return index + 1
    return 0


def strip_titles(name: str) -> str:
    """A name without the titles and descriptions written before it: "Finance Minister Wale Edun" ->
    "Wale Edun", "Mr Dunn" -> "Dunn"; "General Motors" stays whole."""
    words = name.split()
    words = words[_after_last_title(words) :]
    while len(words) > 1 and (words[0] in _HONORIFICS or words[0] in _TITLE_WORDS or words[0] in _NOT_NAMES):
        if words[0] in _NATIONALITIES and words[-1] in _ORGANIZATION_SUFFIXES:
            break  # "British Retail Consortium"
        if words[0] in _PORTFOLIOS and words[1] not in _TITLE_WORDS:
            break  # "Energy UK"; but "Energy Secretary Ed Miliband"
        words = words[1:]
    return " ".join(words)


_NATIONALITIES = frozenset(
    [
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
        "Scottish",
        "Welsh",
        "Irish",
        "English",
        "Nigerian",
        "Ghanaian",
        "Kenyan",
    ]
)
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
        "Western",
        "Eastern",
        "South Korean",
        "Neighbouring",
        "Opposition",
        "Overall",
        "Critics",
        "Audiences",
        "Police",
        "Councils",
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
_NOT_NAMES |= _NATIONALITIES

_PLACES = frozenset(
    """
U.S. US USA America UK U.K. Britain England Scotland Wales Ireland EU Europe Asia Africa China Japan Korea
South\u00a0Korea India Germany France Italy Spain Sweden Norway Denmark Finland Netherlands Belgium Switzerland
Austria Poland Russia Ukraine Turkey Israel Iran Iraq Egypt Canada Mexico Brazil Argentina Chile Australia
Taiwan Singapore Indonesia Vietnam Thailand Malaysia Philippines Pakistan Nigeria Kenya Saudi\u00a0Arabia
California Texas Florida Washington Beijing Shanghai Shenzhen Hangzhou Hong\u00a0Kong Tokyo Seoul London Paris
Berlin Munich Frankfurt Brussels Amsterdam Stockholm Dublin Madrid Rome Moscow Delhi Mumbai Sydney Toronto
New\u00a0York San\u00a0Francisco Silicon\u00a0Valley Seattle Boston Chicago Detroit Cupertino Los\u00a0Angeles
Middle\u00a0Kingdom Middle\u00a0East Wall\u00a0Street Leeds Manchester Birmingham Liverpool Glasgow Edinburgh
Cardiff Belfast Bristol Bern Zurich Geneva Lagos Abuja Accra Nairobi Johannesburg Cape\u00a0Town Cairo Cornwall
Norway Georgia Seoul Victoria South\u00a0Australia Queensland New\u00a0South\u00a0Wales Hamilton Melbourne Perth
Twickenham Murrayfield Wembley West\u00a0Africa East\u00a0Africa Ivory\u00a0Coast Ghana North\u00a0America
South\u00a0America Latin\u00a0America Lyon Marseille Milan Barcelona Lisbon Athens Vienna Prague Warsaw Budapest
Scandinavia Greece Portugal Hungary Romania Czech\u00a0Republic Bangladesh Sri\u00a0Lanka Nepal Afghanistan Syria
Lebanon Jordan Qatar Dubai Abu\u00a0Dhabi United\u00a0Arab\u00a0Emirates Ethiopia Uganda Tanzania Zimbabwe
Zambia South\u00a0Africa Morocco Algeria Tunisia Libya Sudan Senegal Cameroon Colombia Peru Venezuela Cuba
New\u00a0Zealand Wellington Auckland Ottawa Vancouver Montreal Texas Ohio Michigan Arizona Nevada Oregon
Westminster Whitehall Downing\u00a0Street Brussels Strasbourg Geneva Hollywood Kent Essex Yorkshire Devon
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
        "Motor",
        "Pictures",
        "Studios",
        "Securities",
        "Party",
        "Union",
        "Association",
        "Consortium",
        "Federation",
        "Magazine",
        "Statistics",
        "Studies",
        "Responsibility",
        "Service",
        "Council",
        "Office",
        "Institute",
        "Ministry",
        "Department",
        "Club",
        "United",
        "City",
        "Rovers",
        "Athletic",
        "Records",
        "Awards",
        "Company",
        "Bureau",
        "Authority",
        "Trust",
        "Organization",
        "Organisation",
        "Committee",
        "Corporation",
        "Airways",
        "Energy",
        "Pharmaceuticals",
        "Insurance",
        "Telecom",
        "Foods",
        "Brands",
        "Retail",
        "Stores",
        "Markets",
        "Exchange",
        "Index",
        "Survey",
        "UK",
    ]
)

_FIRST_NAMES = frozenset(
    [
        "Aaron",
        "Abigail",
        "Adam",
        "Adrian",
        "Aidan",
        "Aisha",
        "Alan",
        "Albert",
        "Alex",
        "Alexander",
        "Alexandra",
        "Alice",
        "Alison",
        "Amanda",
        "Amelia",
        "Amina",
        "Amira",
        "Amy",
        "Andrea",
        "Andrew",
        "Andy",
        "Angela",
        "Ann",
        "Anna",
        "Anne",
        "Anthony",
        "Antonio",
        "Arthur",
        "Ashley",
        "Barack",
        "Barbara",
        "Ben",
        "Benjamin",
        "Bernard",
        "Beth",
        "Betty",
        "Bill",
        "Bob",
        "Boris",
        "Brenda",
        "Brian",
        "Bridget",
        "Bruce",
        "Carl",
        "Carlos",
        "Carol",
        "Caroline",
        "Catherine",
        "Charles",
        "Charlie",
        "Charlotte",
        "Chloe",
        "Chris",
        "Christian",
        "Christine",
        "Christopher",
        "Claire",
        "Colin",
        "Connor",
        "Craig",
        "Daniel",
        "Danny",
        "Dave",
        "David",
        "Deborah",
        "Denise",
        "Dennis",
        "Diana",
        "Diane",
        "Donald",
        "Dorothy",
        "Douglas",
        "Duncan",
        "Ed",
        "Eddie",
        "Edward",
        "Elaine",
        "Eleanor",
        "Elena",
        "Eli",
        "Elizabeth",
        "Ella",
        "Ellie",
        "Elon",
        "Emily",
        "Emma",
        "Emmanuel",
        "Eric",
        "Erin",
        "Ethan",
        "Eve",
        "Fatima",
        "Fiona",
        "Frances",
        "Francesca",
        "Francis",
        "Frank",
        "Fred",
        "Gareth",
        "Gary",
        "Gavin",
        "Gemma",
        "George",
        "Georgia",
        "Gerald",
        "Gordon",
        "Graham",
        "Grace",
        "Greg",
        "Hamish",
        "Hannah",
        "Harry",
        "Heather",
        "Helen",
        "Henry",
        "Hillary",
        "Holly",
        "Ian",
        "Isaac",
        "Isabel",
        "Isabella",
        "Jack",
        "Jacob",
        "Jake",
        "James",
        "Jamie",
        "Jane",
        "Janet",
        "Jason",
        "Jeff",
        "Jeffrey",
        "Jennifer",
        "Jenny",
        "Jeremy",
        "Jessica",
        "Jim",
        "Jimmy",
        "Jo",
        "Joan",
        "Joanna",
        "Joe",
        "Joel",
        "John",
        "Jonathan",
        "Jordan",
        "Jose",
        "Joseph",
        "Josh",
        "Joshua",
        "Joyce",
        "Juan",
        "Judith",
        "Julia",
        "Julian",
        "Julie",
        "Justin",
        "Kamala",
        "Karen",
        "Kate",
        "Katherine",
        "Kathleen",
        "Katie",
        "Keir",
        "Keith",
        "Kelly",
        "Kenneth",
        "Kevin",
        "Kieran",
        "Kim",
        "Laura",
        "Lauren",
        "Leo",
        "Leon",
        "Lewis",
        "Liam",
        "Lily",
        "Linda",
        "Lisa",
        "Liz",
        "Louise",
        "Lucas",
        "Lucy",
        "Luke",
        "Maria",
        "Marie",
        "Mark",
        "Martin",
        "Mary",
        "Matt",
        "Matthew",
        "Maya",
        "Megan",
        "Melanie",
        "Michael",
        "Michelle",
        "Mike",
        "Mohamed",
        "Mohammed",
        "Muhammad",
        "Nancy",
        "Natalie",
        "Nathan",
        "Neil",
        "Nicholas",
        "Nick",
        "Nicola",
        "Nicole",
        "Nigel",
        "Noah",
        "Oliver",
        "Olivia",
        "Omar",
        "Oscar",
        "Owen",
        "Pamela",
        "Patricia",
        "Patrick",
        "Paul",
        "Paula",
        "Peter",
        "Philip",
        "Phil",
        "Rachel",
        "Rebecca",
        "Richard",
        "Rishi",
        "Rob",
        "Robert",
        "Robin",
        "Roger",
        "Ronald",
        "Rose",
        "Ross",
        "Ruth",
        "Ryan",
        "Sally",
        "Sam",
        "Samantha",
        "Samuel",
        "Sandra",
        "Sara",
        "Sarah",
        "Satya",
        "Scott",
        "Sean",
        "Sharon",
        "Shirley",
        "Simon",
        "Sophie",
        "Stephen",
        "Steve",
        "Steven",
        "Stuart",
        "Sue",
        "Sundar",
        "Susan",
        "Tariq",
        "Teresa",
        "Terry",
        "Thomas",
        "Tim",
        "Timothy",
        "Tina",
        "Toby",
        "Tom",
        "Tony",
        "Tracy",
        "Ursula",
        "Valerie",
        "Vanessa",
        "Victor",
        "Victoria",
        "Vincent",
        "Vivienne",
        "Vladimir",
        "Wale",
        "Walter",
        "Wayne",
        "Wendy",
        "Will",
        "William",
        "Xi",
        "Yasmin",
        "Zoe",
        "Zhang",
        "Wang",
        "Li",
        "Pony",
        "Bola",
        "Olu",
        "Chidi",
        "Ngozi",
        "Kwame",
        "Kofi",
        "Ama",
        "Akua",
        "Ahmed",
        "Ali",
        "Hassan",
        "Hussein",
        "Priya",
        "Raj",
        "Rahul",
        "Sanjay",
        "Anil",
        "Sunil",
        "Deepak",
        "Pedro",
        "Miguel",
        "Luis",
        "Javier",
        "Carmen",
        "Sofia",
        "Lucia",
        "Marco",
        "Luca",
        "Giulia",
        "Hans",
        "Klaus",
        "Jurgen",
        "Stefan",
        "Anders",
        "Lars",
        "Ingrid",
        "Astrid",
        "Sven",
        "Pierre",
        "Jean",
        "Marie",
        "Claude",
        "Francois",
        "Emmanuelle",
        "Yuki",
        "Hiroshi",
        "Kenji",
        "Akira",
        "Mei",
        "Ling",
        "Wei",
    ]
)
# Korean and Chinese given names written with a hyphen: "Park Ji-hoon", "Kim Soo-yeon".
_HYPHENATED_GIVEN_NAME = re.compile(r"^[A-Z][a-z]+-[a-z]+$")
# Words that introduce the title of a work: "the 2019 comedy A Year of Tuesdays", "single Glass Houses".
_WORK_BEFORE = re.compile(
    r"\b(?:film|movie|comedy|drama|thriller|sequel|prequel|documentary|series|sitcom|show|programme|program|"
    r"album|single|song|track|book|novel|memoir|play|musical|opera|game|podcast|hit|of the year for|titled|"
    r"entitled|called|stars? in|starring in|starred in|appears? in|appeared in)\s$"
)
_WORK_CUE = re.compile(
    r"\b(?:film|movie|comedy|drama|thriller|sequel|prequel|documentary|series|sitcom|show|programme|program|album|"
    r"single|song|track|book|novel|memoir|play|musical|opera|game|podcast|hit|titled|entitled|called|stars?|starring|"
    r"starred|appears?|appeared|directed|written)\b"
)
_WORK_AFTER = re.compile(r"^,?\s(?:starring|directed by|written by|which stars|, the film)\b")
_WORK_TITLE = re.compile(
    r"(?:The |A |An )?[A-Z][\w'’-]*(?:\s(?:(?:of|the|and|in|on|a|an|for|to|with|from|at|&)\s)*[A-Z][\w'’-]*)*"
)
# The heads of organisation names that take "of"/"for": "Office for National Statistics".
_ORGANISATION_HEADS = frozenset(
    [
        "Office",
        "Department",
        "Ministry",
        "Institute",
        "Bank",
        "University",
        "College",
        "School",
        "Council",
        "Board",
        "Bureau",
        "Federation",
        "Union",
        "Association",
        "Organisation",
        "Organization",
        "Agency",
        "Commission",
        "Authority",
        "Fund",
        "Society",
        "Party",
        "League",
        "Club",
        "Court",
        "Committee",
        "Service",
        "Centre",
        "Center",
        "Trust",
        "Foundation",
        "Academy",
        "Church",
        "Government",
        "House",
        "Museum",
        "Chamber",
    ]
)


def find_entities(sentence: str, known_names: frozenset[str] = frozenset()) -> tuple[Entity, ...]:
    """Entities in one sentence read on its own, in order of appearance, each once.

    known_names are capitalised words seen mid-sentence elsewhere in the article:
    they tell a name from a capitalised first word ("Geely aims to ...").
    """
    return tuple(dict.fromkeys(entity for _, _, entity in find_entity_spans(sentence, known_names)))


def find_entity_spans(
    sentence: str,
    known_names: frozenset[str] = frozenset(),
    full_names: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    works: Iterable[str] = (),
) -> list[tuple[int, int, Entity]]:
    """Entities in a sentence of an article, with where each stands, (start, end, entity), in order:
    a claim cut from the sentence takes the entities of its own words without reading them again.
    full_names, labels and works are what the article said before: a later "Carrey" is the "Jim
    Carrey" it named first, and a title it gave once is a title again."""
    found: list[tuple[int, int, Entity]] = []
    taken: list[tuple[int, int]] = []
    for title in works:
        at = sentence.find(title)
        if at >= 0 and not _overlaps((at, at + len(title)), taken):
            found.append((at, at + len(title), Entity(title, WORK)))
            taken.append((at, at + len(title)))
    if _WORK_CUE.search(sentence):
        for start, end, title in _work_titles(sentence, taken):
            found.append((start, end, Entity(title, WORK)))
            taken.append((start, end))
    # Amounts and dates all need a digit; most sentences have none.
    for test, pattern, label, normalise in (_AMOUNTS_AND_DATES if _DIGIT.search(sentence) else ()) + _COUNTS:
        if not test.search(sentence):
            continue
        for match in pattern.finditer(sentence):
            if _overlaps(match.span(), taken):
                continue
            name = normalise(match)
            if name:
                found.append((*match.span(), Entity(name, label)))
                taken.append(match.span())
    found += _names(sentence, known_names, taken, full_names or {}, labels or {})
    found.sort(key=lambda item: item[0])
    return found


def _work_titles(sentence: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Titles of films, books and albums, one entity each: "A Series of Unfortunate Events"."""
    titles = []
    for match in _WORK_TITLE.finditer(sentence):
        start, end = match.span()
        words = match.group().split()
        if (
            _overlaps((start, end), taken)
            or words[0 if words[0] not in ("The", "A", "An") else -1] in _ORGANISATION_HEADS
        ):
            continue
        cue_before = _WORK_BEFORE.search(sentence[max(0, start - 40) : start])
        cue_after = _WORK_AFTER.match(sentence[end:]) and start == len(sentence) - len(sentence.lstrip())
        if cue_before or cue_after:
            title = match.group()
            if cue_before and title.split()[0] in ("The", "A", "An") and start > 0 and len(title.split()) == 2:
                continue
            titles.append((start, end, title))
    return titles


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _money(match: re.Match[str]) -> str:
    if match.re is _MONEY_AFTER and match["currency2"]:
        currency, number, scale = _CURRENCIES["won"], match["number2"], match["scale2"]
    else:
        currency, number, scale = _CURRENCIES[match["currency"].strip().lower()], match["number"], match["scale"]
    scale = _SCALES.get((scale or "").lower(), "")
    return f"{currency}{number.replace(',', '')}{scale}"


def _count(match: re.Match[str]) -> str | None:
    """A count as the article writes it; a lone year, age or small bare number is not one."""
    text = match.group()
    if re.fullmatch(r"\d{1,2}|(?:19|20)\d\d", text):
        return None
    return text


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


# (cheap test, pattern, label, normaliser): a pattern runs only on a sentence that passes its test,
# as most sentences hold no currency, and many no number at all.
_AMOUNTS_AND_DATES = (
    (
        re.compile(r"[$€£¥₹₩₦]|\b(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|INR|KRW|NGN|AUD|CAD)", re.I),
        _MONEY_BEFORE,
        MONEY,
        _money,
    ),
    (
        re.compile(
            r"dollar|euro|pound|yuan|yen|franc|naira|rupee|cedi|rand|roubl|rubl|lira|peso|ringgit|dirham|riyal|"
            r"shilling|kron|\bwon\b|USD|EUR|GBP|JPY|CNY|RMB|CHF|INR|NGN|KRW",
            re.I,
        ),
        _MONEY_AFTER,
        MONEY,
        _money,
    ),
    (re.compile(r"%|per\s?cent", re.I), _PERCENT, PERCENT, _percent),
    (re.compile(r"\d\d\d\d"), _DATE, DATE, _date),  # every date this reads has a year
)
_COUNTS = (
    (
        re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) in\b|\b(?:half|quarter|third)", re.I),
        _COUNT_IN_WORDS,
        COUNT,
        _count,
    ),
    (re.compile(r"\d"), _COUNT_IN_FIGURES, COUNT, _count),
)
_DIGIT = re.compile(r"\d")


def _names(
    sentence: str,
    known_names: frozenset[str],
    taken: list[tuple[int, int]],
    full_names: Mapping[str, str],
    labels: Mapping[str, str],
) -> list[tuple[int, int, Entity]]:
    """Runs of capitalised words, trimmed of sentence starters and titles, labelled by gazetteer,
    context and what the article said before; a later short mention is stored as the full name."""
    names = []
    first_word = len(sentence) - len(sentence.lstrip(" \"“‘'(["))
    for match in _NAME.finditer(sentence):
        if _overlaps(match.span(), taken):
            continue
        for part_start, part in _parts(match):
            words = part.split(" ")
            titled = _after_last_title(words)  # "Insurance Commissioner Ricardo Lara": a person
            part_start += sum(len(word) + 1 for word in words[:titled])
            words = words[titled:]
            while words and _trimmable(words):
                titled = titled or words[0] in _TITLE_WORDS
                part_start += len(words[0]) + 1
                words = words[1:]
            while len(words) > 1 and words[-1] in _NATIONALITIES:
                words = words[:-1]  # "South Korean": a description, not a name
            if not words or (len(words) == 1 and words[0] in _NOT_NAMES):
                continue
            if (
                " ".join(words) not in _ORGANIZATION_NAMES
                and words[0] in _ORGANIZATION_NAMES
                and words[-1] not in _ORGANIZATION_SUFFIXES
            ):
                words = words[:1]  # "Apple Car" is Apple's product: the entity is Apple
            name = " ".join(words)
            full = full_names.get(name)
            if part_start == first_word and len(words) == 1 and not _is_known(name, known_names) and full is None:
                continue
            if full is not None and name not in labels:
                names.append((part_start, part_start + len(name), Entity(full, labels.get(full, PERSON))))
                continue
            label = (
                labels.get(name)
                or (PERSON if titled and 1 < len(words) <= 3 else None)
                or _name_label(
                    name, words, sentence[max(0, part_start - 40) : part_start], sentence[part_start + len(name) :]
                )
            )
            names.append((part_start, part_start + len(name), Entity(name, label)))
    return names


def _parts(match: re.Match[str]) -> list[tuple[int, str]]:
    """A run of capitalised words cut where it holds two names: "Nigeria's President Bola Tinubu",
    "John Smith of Acme"; a possessive at its end goes."""
    run = match.group()
    if "s " not in run and " of " not in run:
        return [(match.start(), run[:-2] if run.endswith(("'s", "’s")) else run)]
    parts = []
    position = match.start()
    for piece in re.split(r"(['’]s\s)", match.group()):
        if piece.endswith(("'s ", "’s ")):
            position += len(piece)
            continue
        for part in _OF_SPLIT.split(_POSSESSIVE.sub("", piece)):
            parts.append((position, part))
            position += len(part) + len(" of ")
        position += len(piece) - sum(len(p) + 4 for p in _OF_SPLIT.split(_POSSESSIVE.sub("", piece))) + 4
    return parts


def _trimmable(words: list[str]) -> bool:
    if words[-1] in _ORGANIZATION_SUFFIXES and words[0] in _NATIONALITIES and len(words) > 1:
        return False  # "British Retail Consortium"
    """Leading sentence starters and titles go, unless the whole run is a known name ("New York")."""
    if len(words) > 1 and (words[0] in _HONORIFICS or words[0] in _TITLE_WORDS):
        return not _is_known(" ".join(words), frozenset())
    return (words[0] in _NOT_NAMES or words[0] in _TITLES) and not _is_known(" ".join(words), frozenset())


def _is_known(name: str, known_names: frozenset[str]) -> bool:
    return name in known_names or name in _ORGANIZATION_NAMES or name in _PLACE_NAMES


def _name_label(name: str, words: list[str], before: str, after: str) -> str:
    if name in _PLACE_NAMES:
        return PLACE
    if name in _ORGANIZATION_NAMES or words[-1] in _ORGANIZATION_SUFFIXES or words[0] in _ORGANISATION_HEADS:
        return ORGANIZATION
    if len(words) > 1 and (words[0] in _FIRST_NAMES or _HYPHENATED_GIVEN_NAME.match(words[-1])):
        return PERSON
    if _TITLE_BEFORE.search(before) and len(words) <= 3:
        return PERSON
    if _PERSON_AFTER.match(after) and 1 < len(words) <= 3:
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


def is_person_name(name: str) -> bool:
    """Whether a claimant's name is a person's rather than an organisation's ("Jim Carrey", "Park
    Ji-hoon", "Mr Kebede"; not "Stuff Magazine", "Ghana", "Reuters"): for ClaimReview's author type."""
    words = name.split()
    if len(words) > 1 and words[0] in _HONORIFICS:
        return True
    words = strip_titles(name).split()
    if (
        len(words) < 2
        or " ".join(words) in _ORGANIZATION_NAMES
        or " ".join(words) in _PLACE_NAMES
        or words[-1] in _ORGANIZATION_SUFFIXES
        or words[0] in _ORGANISATION_HEADS
    ):
        return False
    return words[0] in _FIRST_NAMES or bool(_HYPHENATED_GIVEN_NAME.match(words[-1]))


# First names that are mostly women's, so that "she" is not a man named just before ("Ada Obi ...
# Gordon Brown ... she said"). Names in neither list, or in both, leave "he" and "she" to the order.
_WOMEN = frozenset(
    """Abigail Aisha Alexandra Alice Alison Amanda Amelia Amina Amira Amy Andrea Angela Ann Anna Anne Barbara
    Beth Betty Brenda Bridget Carol Caroline Catherine Charlotte Chloe Christine Claire Deborah Denise Diana
    Diane Dorothy Elaine Eleanor Elena Elizabeth Ella Ellie Emily Emma Erin Eve Fatima Fiona Frances Francesca
    Gemma Georgia Grace Hannah Heather Helen Hillary Holly Isabel Isabella Jane Janet Jennifer Jenny Jessica Joan
    Joanna Joyce Judith Julia Julie Kamala Karen Kate Katherine Kathleen Katie Kelly Laura Lauren Lily Linda Lisa
    Liz Louise Lucy Maria Marie Mary Maya Megan Melanie Michelle Nancy Natalie Nicola Nicole Olivia Pamela
    Patricia Paula Rachel Rebecca Rose Ruth Sally Samantha Sandra Sara Sarah Sharon Shirley Sophie Sue Susan
    Teresa Tina Tracy Ursula Valerie Vanessa Victoria Vivienne Wendy Yasmin Zoe Ngozi Ama Akua Priya Carmen
    Sofia Lucia Giulia Ingrid Astrid Emmanuelle Yuki Mei Ling Ada Bola Amira""".replace("  ", " ").split()
)
_UNISEX = frozenset(
    "Alex Sam Jo Kim Robin Chris Jordan Ashley Kelly Terry Bola Li Wang Zhang Xi Yuki Mei Ling".replace(
        "  ", " "
    ).split()
)


def gender_of(name: str) -> str | None:
    """ "he" or "she" for a person's full name when the first name says so; None when it does not."""
    first = name.split()[0] if name.split() else ""
    if first in ("Mr", "Mr.", "Sir", "Lord"):
        return "he"
    if first in ("Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dame", "Lady"):
        return "she"
    if first in _UNISEX or first not in _FIRST_NAMES and first not in _WOMEN:
        return None
    return "she" if first in _WOMEN else "he"
