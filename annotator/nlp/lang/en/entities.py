"""Words for the entity fixes: what is never a name, and what says a name is an organisation."""

from __future__ import annotations

from annotator.nlp.lang.en.given_names import CENSUS_GIVEN_NAMES
from annotator.nlp.lang.en.referents import INSTITUTION_NOUNS

TECH_WORDS = frozenset(
    [
        "ai",
        "a.i.",
        "agi",
        "ml",
        "llm",
        "llms",
        "nlp",
        "gpu",
        "gpus",
        "cpu",
        "cpus",
        "api",
        "apis",
        "iot",
        "vr",
        "ar",
        "xr",
        "5g",
        "4g",
        "wi-fi",
        "wifi",
        "bluetooth",
        "blockchain",
        "crypto",
        "nft",
        "nfts",
        "saas",
        "chatbot",
        "chatbots",
        "internet",
        "web",
        "app",
        "apps",
        "cloud",
        "deepfake",
        "deepfakes",
    ]
)
"""Technology words the small model takes for places or people; never an entity on their own."""

CLITICS = frozenset(
    ["n't", "n’t", "'s", "’s", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d", "’d", "'m", "’m", "'", "’"]
)
"""Contraction and possessive fragments: never an entity, and never the edge of one."""

IDIOMS = frozenset(
    [
        ("pandora", "box"),
        ("achilles", "heel"),
        ("occam", "razor"),
        ("murphy", "law"),
        ("hobson", "choice"),
        ("sophie", "choice"),
        ("catch", "22"),
        ("newton", "cradle"),
        ("rubik", "cube"),
        ("frankenstein", "monster"),
        ("midas", "touch"),
        ("noah", "ark"),
    ]
)
"""Name + 's + noun expressions that are idioms, not mentions of a name: "Pandora's box"."""

ORG_NOUNS = frozenset(
    [
        "company",
        "firm",
        "startup",
        "start-up",
        "corporation",
        "conglomerate",
        "maker",
        "manufacturer",
        "developer",
        "lab",
        "laboratory",
        "retailer",
        "supermarket",
        "chain",
        "bank",
        "lender",
        "insurer",
        "airline",
        "carrier",
        "publisher",
        "broadcaster",
        "network",
        "newspaper",
        "agency",
        "nonprofit",
        "non-profit",
        "charity",
        "organisation",
        "organization",
        "group",
        "platform",
        "subsidiary",
        "giant",
        "provider",
        "operator",
        "supplier",
        "distributor",
        "studio",
        "label",
        "brand",
        "outlet",
        "union",
        "party",
        "institute",
        "university",
        "foundation",
        "association",
        "consultancy",
        "fund",
        "automaker",
        "carmaker",
        "magazine",
        "website",
        "daily",
        "tabloid",
        "channel",
        "club",
        "team",
        "charity",
        "ministry",
        "regulator",
        "watchdog",
        "militia",
        "movement",
        "band",
        "supergroup",
        "orchestra",
    ]
)
"""Nouns that say what kind of organisation a name is: "Graphcore, a British startup", "the Mexican
company Cultura Colectiva", "Australian store chains Woolworths and Coles". A band is one too
(OntoNotes types groups of musicians ORG), which the small model calls a person or a product
("the rock band Cream", "the supergroup Blind Faith")."""

ORG_HEADS = INSTITUTION_NOUNS | frozenset(
    [
        "corps",
        "institution",
        "college",
        "academy",
        "society",
        "centre",
        "center",
        "assembly",
        "parliament",
        "senate",
        "house",
        "brigade",
        "force",
        "forces",
        "fund",
        "bureau",
        "tribunal",
        "congress",
        "secretariat",
        "laboratory",
        "laboratories",
    ]
)
"""Last words of an organisation's name that may go on with "of", "on" or "for" and more name
words: "European Court" + "of Justice", "House Select Committee" + "on Benghazi"."""

ORG_LIST_HEADS = frozenset(
    [
        "companies",
        "firms",
        "startups",
        "start-ups",
        "labs",
        "rivals",
        "competitors",
        "corporations",
        "makers",
        "developers",
        "banks",
        "airlines",
        "retailers",
        "groups",
        "organisations",
        "organizations",
        "brands",
        "platforms",
    ]
)
"""Plural nouns whose examples are organisations: "companies like X and Y", "rivals such as X"."""

ORG_POSSESSIONS = frozenset(
    [
        "confirmation",
        "announcement",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "ceo",
        "founder",
        "co-founder",
        "cofounder",
        "chairman",
        "shares",
        "shareholders",
        "investors",
        "stock",
        "headquarters",
        "employees",
        "staff",
        "engineers",
        "researchers",
        "products",
        "product",
        "model",
        "models",
        "chatbot",
        "software",
        "chips",
        "platform",
        "app",
        "website",
        "subsidiary",
        "board",
        "revenue",
        "valuation",
        "customers",
        "acquisition",
        "lawyers",
        "release",
        "operations",
        "permit",
        "director",
        "fleet",
        "flights",
        "stores",
    ]
)
"""What an organisation has and a person rarely does: "Anthropic's confirmation", "X's CEO"."""

COMPANY_VERBS = frozenset(
    [
        "acquire",
        "launch",
        "release",
        "ship",
        "hire",
        "invest",
        "sell",
        "manufacture",
        "license",
        "partner",
        "deploy",
        "open-source",
        "raise",
        "confirm",
        "announce",
        "unveil",
        "employ",
        "sue",
        "fund",
        "train",
        "lay",
    ]
)
"""Verbs whose recurring subject is likely an organisation ("X has confirmed", "X launched")."""

PERSON_TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "mme",
        "mme.",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "rev.",
        "president",
        "minister",
        "senator",
        "governor",
        "mayor",
        "judge",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "cardinal",
        "archbishop",
        "bishop",
        "honorable",
        "honourable",
        "professor",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
        "sheriff",
        "detective",
        "inspector",
    ]
)
"""Titles that are not part of a PERSON entity and never follow a first name. A sheriff's or a
detective's rank is a title as a senator's is ("Sheriff Lee said")."""

PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "to", "near", "across", "outside", "inside", "into", "throughout"}
)
"""Prepositions before a place: "in Washington" stays a place even when a Washington is a person."""

PORTFOLIO_TITLES = frozenset(
    {"minister", "secretary", "commissioner", "spokesman", "spokeswoman", "spokesperson"}
)
"""Titles after a portfolio word: "Interior Minister" names a post, and "Interior" is no entity."""

NOT_NAMES = frozenset(
    [
        # Diseases and viruses: no entity type covers them, and the small model calls them ORG.
        "covid-19",
        "covid",
        "sars-cov-2",
        "coronavirus",
        "sars",
        "mers",
        "ebola",
        "zika",
        "h1n1",
        "hiv",
        "aids",
        "hiv/aids",
        "influenza",
        # Time zones, which the small model calls ORG.
        "utc",
        "gmt",
        "bst",
        "cet",
        "cest",
        "est",
        "edt",
        "pst",
        "pdt",
        "ist",
        "jst",
        "aest",
        # Abbreviations of common nouns, which the small model calls ORG ("user ID's", "Ebola virus
        # disease (EVD)", "the FAQ").
        "id",
        "ids",
        "faq",
        "faqs",
        "q&a",
        "qa",
        "ci",
        "evd",
        "eol",
        "ceo",
        "ceos",
        "cfo",
        "cto",
        "coo",
        "vp",
        "gdp",
        "dna",
        "rna",
        "pdf",
        "url",
        "diy",
        "mp",
        "mps",
        # A capitalised common noun alone, which the small model calls ORG: "State legislators",
        # "New York City and State prosecutors" name no body ("Islamic State" is two words).
        "state",
    ]
)
"""Words that are never an entity of a name type, whatever the model says."""

COMMON_ACRONYMS = frozenset(
    {"ev", "evs", "vps", "vpn", "vpns", "rpg", "rpgs", "mmo", "mmorpg", "fps", "irl", "ide", "ides"}
    | {"gui", "sdk", "isp", "isps", "ssd", "usb", "ipo", "ngo", "ngos", "suv", "suvs", "icu", "ppe"}
    | {"cv"}
)
"""Abbreviations of common nouns in technology and news ("electric vehicle [EV]", "IRL meet-ups",
"the VPS"), which the small model calls ORG: no entity unless the article spells one out as a
name ("Independent Revenue League (IRL)")."""

ROLES_ORGANISATIONS_HAVE = frozenset(
    {"owner", "member", "producer", "leader", "head", "host", "player", "designer", "architect"}
    | {"candidate", "contender", "defendant", "plaintiff", "suspect", "victim", "witness", "survivor"}
    | {"representative", "executive", "chief", "critic", "advocate", "employee", "resident", "citizen"}
)
"""Role nouns (`ROLE_NOUNS`) that an organisation or a country can be too ("Hungary, a member of
NATO", "Apple, the market leader", "Huawei, a defendant"): in apposition to a one-word name they
do not make it a person."""

TITLE_OF = frozenset({"secretary", "minister", "ministry", "department", "chancellor", "duke", "duchess"})
"""Heads of "X of Y" titles whose Y is part of the title: "Secretary of State" has no ORG "State"."""

KNOWN_ORGS = (
    "Twitter",
    "Facebook",
    "Instagram",
    "YouTube",
    "TikTok",
    "WhatsApp",
    "Reddit",
    "LinkedIn",
    "Snapchat",
    "WeChat",
    "Weibo",
    "Google",
    "Microsoft",
    "Netflix",
    "Spotify",
    "OpenAI",
    "DeepMind",
    "Anthropic",
    "Nvidia",
    "NASA",
    "NATO",
    "Interpol",
    "Reuters",
    "UNESCO",
    "UNICEF",
    "WHO",
    "FIFA",
    "UEFA",
    "Amnesty International",
    "Human Rights Watch",
    "Greenpeace",
    "Associated Press",
    "Agence France-Presse",
    "Al Jazeera",
    "Doctors Without Borders",
    "Médecins Sans Frontières",
)
"""Organisation names that are never anything else in news, for an entity ruler: the small model
often calls the platforms people post on a PERSON or a place ("wrote on Twitter"), and runs the
agencies and charities whose people are quoted into the name after them ("director of Amnesty
International Man-kei Tam")."""

FOREIGN_CONNECTORS = frozenset(
    {"de", "des", "du", "la", "le", "les", "et", "del", "della", "delle", "dei", "degli", "di", "da"}
    | {"do", "dos", "das", "los", "las", "y", "e", "und", "der", "für", "van", "von"}
)
"""Lower-case articles, prepositions and "and" inside names in French, Spanish, Italian,
Portuguese, German and Dutch. An organisation's name that already has one ("Brigade de
Recherche") goes on through them to the capitalised words after ("et d’Intervention"): the small
model, trained on English, stops at the first foreign word it does not know."""

LAW_HEADS = frozenset({"act", "amendment", "constitution", "treaty", "accord", "accords", "code", "charter"})
"""Last words that make a name a law, not an organisation: "the Tenure of Office Act"."""

EVENT_HEADS = frozenset({"war", "revolution", "olympics", "games", "championship", "championships", "summit"})
"""Last words that make a name an event, not an organisation: "the Libyan Civil War"."""

WORK_NOUNS = frozenset(
    {
        "film",
        "movie",
        "series",
        "sitcom",
        "comedy",
        "drama",
        "novel",
        "book",
        "memoir",
        "album",
        "song",
        "documentary",
        "musical",
    }
)
"""Nouns right before a name that say this mention is a work's title ("the movie UglyDolls",
"the film Alien"); only that mention, since a work and its title character share a name
("Hellboy character Abe Sapien")."""

BROADCAST_WORDS = frozenset({"talk", "radio", "television", "tv", "chat", "quiz", "reality"})
"""Words before "show" that make it a programme, a work ("the talk show …", "his radio show …"),
not an event ("trade show", "air show")."""

TITLE_WORDS = frozenset(
    {"of", "the", "in", "on", "a", "an", "and", "to", "at", "for", "from", "&", ":", "'s", "’s"}
)
"""Lower-case words and marks a title goes on through ("Imus in the Morning", "Bob Lazar: Area 51
& Flying Saucers"); not "with" or "by", which end one ("Band on the Run with Paul McCartney")."""

SHIP_PREFIXES = frozenset({"MV", "MT", "HMS", "USS", "RMS", "HMAS", "HMCS", "HMNZS"})
"""Prefixes before a ship's name ("MV Namse Bangdzod", "HMS Belfast"), which make it a vehicle,
PRODUCT in OntoNotes, not an organisation; written in capitals, as a prefix is ("MS" and "SS"
are left out: a disease and a Nazi corps)."""

NUMBERED_NAMES = frozenset(
    {"Python", "python", "Java", "java", "Html", "html", "Http", "http", "Windows", "Android"}
    | {"Formula", "Xbox", "Playstation", "Galaxy", "Pixel", "Nexus", "Voyager", "Falcon"}
)
"""Names whose digit is part of them when glued on ("Python3", "Formula1", "Windows7", "html5",
"Voyager2"), written as they are in text: the footnote splitter reads a digit after a word it
knows as a note's number, and these are words it knows. Lower-case forms only where the name is
written so (a version of a language or protocol); "formula2" in lower case is a word and a note.
A footnote mark on one of them is the rarer case; a name the text writes twice with its digit
is kept whole without being listed here."""

PRODUCT_NOUNS = frozenset({"game", "console", "smartphone"})
"""Nouns right before a name that say this mention is a product ("Xbox game Gears 5")."""

EVENT_NOUNS = frozenset(
    {
        "event",
        "convention",
        "festival",
        "conference",
        "expo",
        "exhibition",
        "fair",
        "tournament",
        "championship",
        "competition",
        "contest",
        "ceremony",
        "summit",
        "marathon",
        "concert",
        "gala",
        "symposium",
    }
)
"""Nouns in apposition that say a name is an event: "Furnal Equinox, an annual event", "Fan Expo
Canada, a pop culture convention" (the small model types such names ORG)."""

FAC_HEADS = frozenset(
    {
        "avenue",
        "street",
        "boulevard",
        "airport",
        "airfield",
        "bridge",
        "stadium",
        "highway",
        "motorway",
        "mall",
    }
)
"""Last words that make a name a facility, not a person or an organisation: the small model types
"Karl Marx Avenue" PERSON and "Baghdad International Airport" ORG."""

OUTLET_HEADS = frozenset(
    {"bulletin", "gazette", "herald", "tribune", "chronicle", "journal", "times", "telegraph"}
)
"""Last words of a news outlet's name, an organisation: the small model types "Maritime Bulletin"
a person where it is a source ("according to Maritime Bulletin")."""

NEWS_OUTLETS = ("Wikinews", "Xinhua", "Interfax")
"""News outlets and wire services whose name is never anything else, for the entity ruler with
`KNOWN_ORGS`: the small model types the publisher's own name a person where an interviewee
"told Wikinews" something or "Wikinews attended" an event (9 mentions in two tuning batches)."""

EDITIONS_BY_LANGUAGE = frozenset({"Wikinews", "Wikipedia"})
"""Outlets with an edition per language, named with the language's adjective: "French Wikinews"
is one organisation, not a people and an outlet."""

OUTLET_SUFFIX = "news"
"""How a one-word outlet's name ends ("Wikinews"), or an outlet name's last word ("Fox News"):
such a name is an organisation, never a person."""

TELLING_WORDS = frozenset({"tell", "tells", "told", "telling"})
"""Verbs whose object is who heard words ("told The Atlantic"); `SPEAKING_TO` the verbs whose
"to" phrase is ("spoke to The Verge"), and "according to" names a source."""

SPEAKING_TO = frozenset(
    {"said", "say", "says", "saying", "spoke", "speak", "speaks", "speaking", "talked", "talking"}
    | {"according", "wrote", "explained", "confirmed"}
)
"""Words before "to" whose "to" phrase names who heard or reported words: "said to The Times",
"according to The Verge"."""

STATION_PREFIXES = frozenset({"RAF", "RNAS", "HMNB"})
"""First words of a military station named after its place, a facility ("RAF Croughton", "RNAS
Culdrose", "HMNB Devonport"), unless an organisation's head or a `SERVICE_UNITS` word ends the
name ("RAF Police")."""

SERVICE_UNITS = frozenset({"police", "regiment", "command", "museum", "reserve", "band", "squadron", "wing"})
"""Parts of an armed service named after it, organisations: "RAF Regiment", "RAF Museum"."""

PLACE_HEADS = frozenset(
    {"county", "city", "state", "province", "district", "parish", "borough", "township", "village"}
    | {"town", "valley", "river", "lake", "bay", "coast", "beach", "falls", "springs", "heights"}
    | {"hills", "mountains", "mountain", "island", "islands", "prefecture", "territory", "region"}
)
"""Last words of a place's name, which no surname is: "Santa Barbara County" and "Grace Valley"
begin with a common given name, and the rule that makes a given name and a surname typed ORG or
GPE a person cut a person out of the county."""

LAND_NOUNS = frozenset({"island", "isle", "peninsula", "archipelago"})
"""Nouns that make the name they qualify a location: "the island Crete", "the island of Crete"."""

PRODUCT_HEADS = frozenset({"linux", "os", "windows", "browser", "smartphone"})
"""Last words that make a name a product, not an organisation: the small model types "Red Hat
Enterprise Linux" and "CentOS Linux" ORG, and an acronym defined after one ("(RHEL)") took that
type on every mention (56 wrong ORGs in one interview of the tuning batches)."""

TRADE_NOUNS = frozenset(
    {"developer", "publisher", "maker", "operator", "provider", "supplier", "distributor", "carrier"}
)
"""Nouns of `ORG_NOUNS` that are a person's trade as often as a kind of company: before a name
they are no evidence of an organisation ("video game developer Perttu Ahola" made 66 wrong ORGs
of an interviewee's name in the tuning batches)."""

VENUE_HEADS = frozenset(
    {"centre", "center", "hall", "arena", "theatre", "theater", "pavilion", "auditorium", "coliseum"}
)
"""Last words of a building's name where events are held: "Toronto Congress Centre" + "for Anime
North", where the event is named after "for", not the building."""

FIELD_NOUNS = frozenset(
    {
        "science",
        "sciences",
        "studies",
        "affairs",
        "engineering",
        "medicine",
        "technology",
        "humanities",
        "economics",
        "mathematics",
        "physics",
        "chemistry",
        "biology",
        "management",
        "administration",
    }
)
"""Fields of study and of public work, common nouns that end a school's or a department's name
("School of Marine and Atmospheric Science", "Department of Veterans Affairs") and never a
person's: the small model types "Atmospheric Science" PERSON."""

SURNAME_PARTICLES = frozenset(
    {
        "de",
        "la",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "da",
        "di",
        "du",
        "dos",
        "das",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
    }
)
"""Lower-case words that belong to the surname after them: "Rocky De La Fuente" is Mr De La Fuente."""

RULERS_OF_PLACES = frozenset(
    {"president", "minister", "king", "queen", "premier", "chancellor", "governor", "mayor", "emir", "sultan"}
)
"""Titles written "<title> of <place> <name>": "President of Ukraine Volodymyr Zelenskyy"."""

LOCAL_RULERS = frozenset({"governor", "mayor"})
"""Who a city or region has and a company does not: "Chelyabinsk's governor", "the Omsk mayor"
(not "president", which "Toyota's president", a company named like its city, has too)."""

ORG_MIN_CONFIDENCE = 0.5
"""Withhold a name the recogniser typed ORG when its mentions' mean confidence is below this.

The confidence of a mention is the lowest softmax probability of the recogniser's own moves over
its tokens (`annotator.nlp.confidence`). Below one half the recogniser gave its own choice less
than an even chance; on the tuning batches that withholds 27 wrong and 5 right ORG mentions, and a
threshold chosen leaving each article out came out at 0.5 for 45 of 46 articles
(`benchmarks/data/eval_results.md`, fourth pass).
"""

_GIVEN_NAMES_WORDS = """
    Aaron Abdullah Abraham Adam Adrian Ahmed Ahmad Aisha Alan Albert Alberto Alejandro Aleksandr
    Alex Alexander Alexandra Alexei Alexey Alfred Ali Alice Alicia Alison Amanda Amy Ana Anders
    Andrea Andreas Andrei Andrew Andrzej Angela Angelina Ann Anna Anne Annie Anthony Antoine
    Anton Antonio Ashley Barack Barbara Benjamin Bernard Bernie Beto Bill Bob Boris Brad Brandon
    Brenda Brian Bruce Bruno Bryan Carla Carlos Carmen Carol Caroline Catherine Cecilia
    Charles Charlotte Chris Christina Christine Christopher Chuck Claire Claudia
    Colin Craig Cristina Daniel Daniela Danny Dariusz David Deborah Dennis Diana Diane Diego
    Dmitry Dmitri Donald Donna Doug Douglas Duncan Edward Elena Elijah Elisabeth Elizabeth
    Ella Ellen Emily Emma Emmanuel Eric Erik Ernesto Eva Fatima Felipe Fernando Francesco Francis
    Francisco François Frank Fred Frederick Gabriel Gary George Georgios Gerald Gordon Graham
    Greg Gregory Hannah Hans Harold Harry Heather Helen Helena Henry Hillary Howard Hugh
    Ian Igor Ilya Irina Isaac Ivan Jacob Jacques Jake James Jane Janet Jason Javier Jean
    Jeff Jeffrey Jennifer Jeremy Jessica Jim Jimmy Joachim Joan Joanna Joe Johann Johannes John
    Jon Jonathan Jorge Jose José Joseph Josh Joshua Juan Judith Julia Julian Julie Justin Karen
    Karl Kate Katherine Kathleen Kathryn Keith Kenneth Kevin Kim Kimberly Krzysztof Kurt Larry
    Laura Lauren Leonid Linda Lisa Luca Lucas Luis Luke Lynn Magdalena Manuel Marc Marco
    Marcus Margaret Maria María Marie Marina Mario Marta Martha Martin Mary Matt Matteo Matthew
    Mehmet Melissa Michael Michel Michelle Miguel Mike Mikhail Mohamed Mohammad Mohammed
    Muhammad Nancy Natalia Natalie Nathan Nicholas Nick Nicola Nicolas Nikolai Nikos Nina Oleg
    Olga Oliver Olivia Omar Pablo Pamela Patricia Patrick Paul Paula Pavel Pedro Peter Petra
    Philip Philippe Pierre Piotr Rachel Rafael Ralph Ramon Raymond Rebecca Richard Rick Rita
    Robert Roberto Roger Ronald Rudy Ruth Ryan Sally Samuel Sandra Sara Sarah Scott
    Sebastian Sergei Sergey Sharon Sophie Stefan Stephanie Stephen Steve Steven Susan Tatiana
    Teresa Thomas Tim Timothy Tom Tomasz Tony Ursula Valentina Vanessa Victor Viktor
    Vincent Vladimir Walter Wayne William Wojciech Xavier Yuri Yusuf Zoe
"""

GIVEN_NAMES = frozenset(_GIVEN_NAMES_WORDS.split()) | CENSUS_GIVEN_NAMES
"""Common given names of people in international news. A name the recogniser typed ORG or ran
into a place ("Elijah Cummings", "Vermont Bernie Sanders") that is a given name and a surname is a
person, unless the article gives organisation evidence for it ("John Lewis, the retailer").
Left out are given names that open well-known organisations or other names ("Morgan Stanley",
"Wells Fargo", "Eli Lilly", "Carl Zeiss", "Christian Democrats", "Roman Catholic", "Victoria
Police", the model "Claude") or are common words ("Will", "May", "Grant", "Jan"). The census
list (`given_names`, made by `make_given_names`) adds the American names this one lacks
("Candace"), under the same exclusions."""
