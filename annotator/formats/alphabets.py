"""The letters outside ASCII that each language of the news we read writes with, in lower case.

Data for telling a legacy encoding from its look-alikes (`annotator.formats.decoding`): text read
in the right code page uses the letters of one language, where the wrong one mixes letters no
language writes together ("pøíjmù": Danish ø, Czech í, French ù). Han, kana and Hangul are told
by their script, not listed here.
"""

from __future__ import annotations


def _run(first: str, last: str) -> str:
    return "".join(chr(code) for code in range(ord(first), ord(last) + 1))


_CYRILLIC = _run("а", "я")


def _cyrillic(without: str, extra: str) -> str:
    return "".join(letter for letter in _CYRILLIC if letter not in without) + extra


ALPHABETS: dict[str, frozenset[str]] = {
    language: frozenset(letters)
    for language, letters in {
        "ca": "àçèéíïòóúü",
        "cs": "áčďéěíňóřšťúůýž",
        "da": "æøåé",
        "de": "äöüß",
        "es": "áéíñóúü",
        "et": "äöõüšž",
        "fi": "äöåšž",
        "fr": "àâæçéèêëîïôœùûüÿ",
        "hr": "čćđšž",
        "hu": "áéíóöőúüű",
        "is": "áðéíóúýþæö",
        "it": "àèéìíîòóùú",
        "lt": "ąčęėįšųūž",
        "lv": "āčēģīķļņšūž",
        "nl": "éëïóöüáèà",
        "pl": "ąćęłńóśźż",
        "pt": "áâãàçéêíóôõú",
        "ro": "ăâîșțşţ",
        "sk": "áäčďéíĺľňóôŕšťúýž",
        "sl": "čšž",
        "sq": "çë",
        "sv": "åäöé",
        "tr": "çğıöşü",
        "vi": "àáâãèéêìíòóôõùúýăđĩũơư" + _run("\u1ea0", "\u1ef9").lower(),
        "be": _cyrillic("щъи", "ёіў"),
        "bg": _cyrillic("ыэ", ""),
        "mk": _cyrillic("щъыэюяйьё", "ѓѕјљњќџ"),
        "ru": _cyrillic("", "ё"),
        "sr": _cyrillic("щъыэюяйьё", "ђјљњћџ"),
        "uk": _cyrillic("ъыэ", "єіїґ"),
        "el": _run("α", "ω") + "άέήίόύώϊϋΐΰ",
        "he": _run("א", "ת"),
        "ar": _run("ء", "ي") + "ٱ",
        "fa": _run("ء", "ي") + "پچژگکی",
    }.items()
}
