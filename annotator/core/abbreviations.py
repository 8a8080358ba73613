"""Short abbreviations whose full stop belongs to a name ("Apple Inc.", "Martin Luther King Jr.").

Data apart from the rule that reads it (`core.text.trim_to_name`), as spaCy keeps its language
data. Written as they stand in English news, case and all: "co." in lower case ends a sentence
more often than it shortens "Company". Abbreviations with a full stop inside ("U.S.", "a.m.",
"Ph.D.") and single capital initials ("John F.") need no entry: the rule knows them by their form.
"""

from __future__ import annotations

NAME_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # companies and bodies
        "Inc", "Ltd", "Co", "Corp", "Cos", "Bros", "Assn", "Dept", "Univ", "Intl",
        # people's titles and suffixes
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Rev", "Hon", "Jr", "Sr", "Esq",
        "Gen", "Col", "Lt", "Capt", "Sgt", "Cpl", "Adm", "Maj", "Cmdr", "Gov", "Sen", "Rep",
        "Pres", "Supt", "Det", "Insp", "St", "Mt", "Ft",
        # places
        "Ave", "Blvd", "Rd", "Calif", "Ariz", "Colo", "Conn", "Fla", "Okla", "Tenn", "Tex",
        # dates and numbers
        "Jan", "Feb", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "No", "Vol",
    }
)  # fmt: skip
