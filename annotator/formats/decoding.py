"""Turn the bytes of an input file into text, or say exactly why we cannot.

Files arrive from anywhere: UTF-8 with or without a BOM, UTF-16 with a BOM, and
old single-byte files from Windows newsrooms. We try the unambiguous encodings
first and only then guess with charset-normalizer, recording which one we used.
"""

from __future__ import annotations

import codecs
import functools
import logging
import re
import unicodedata
from pathlib import Path
from typing import Any

import charset_normalizer

from annotator.core.errors import InputFileError
from annotator.core.text import decode_bytes
from annotator.formats.alphabets import ALPHABETS

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# When charset-normalizer finds several single-byte encodings equally plausible
# (short texts usually), Windows-1252 is by far the likeliest for news text.
_PREFERRED_LEGACY = ("cp1252", "latin_1")
_SNIFF = 8192


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we accept.

    NUL bytes never occur in UTF-8 or single-byte text; UTF-16 is only accepted
    with a BOM, so its NULs are checked by the caller after the BOM test.
    """
    return b"\x00" in data[:_SNIFF] or b"\x00" in data[-_SNIFF:]


# `<meta charset="...">` and `<meta http-equiv="Content-Type" content="text/html; charset=...">`
# both put the label after `charset=`. We read the whole <head> (up to 64 KB): pages that open
# with kilobytes of inline CSS or scripts put the declaration past charset-normalizer's 8 KB
# look-ahead, and then its guess turns KOI8-R or ISO-8859-15 into Windows-1252 mojibake.
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([a-z0-9_.:-]+)", re.IGNORECASE)
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_META_SNIFF = 65536
# The HTML standard reads these labels as windows-1252: pages that say latin-1 routinely use
# its curly quotes and dashes (0x80-0x9F), which ISO-8859-1 would turn into control characters.
_AS_WINDOWS_1252 = frozenset({"iso8859_1", "latin_1", "ascii", "cp1252"})


def declared_html_charset(data: bytes) -> str | None:
    """The Python codec an HTML page declares in a `<meta>` tag, or None if none we can use.

    UTF-16 and UTF-32 declarations are ignored, as browsers ignore them: a page whose
    `<meta>` we can read as ASCII bytes is not UTF-16.
    """
    zone = data[:_META_SNIFF]
    head_end = _HEAD_END.search(zone)
    match = _META_CHARSET.search(zone, 0, head_end.start() if head_end else len(zone))
    if match is None:
        return None
    try:
        info = codecs.lookup(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    # `rot13`, `base64`, `zlib`, `hex` are codecs too, but not text encodings: a page that names
    # one is ignored, as browsers ignore labels they do not know.
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return None
    name = info.name
    if name.startswith(("utf-16", "utf-32")):
        return None
    return "cp1252" if name.replace("-", "_") in _AS_WINDOWS_1252 else name


_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1f\x7f]")
_STRAY_NULS = 100
"""At most one byte in this many a NUL, for a file to be text with stray NULs rather than binary."""


def _text_with_stray_nuls(data: bytes) -> bool:
    """UTF-8 text with a few NUL bytes in it, and no other control bytes: not a binary file.

    A database export or a scraper leaves a NUL in one cell of a CSV; the whole file was
    called binary ("a picture, a program, or a Word or PDF document?") when the NUL was near
    its start or end, and the line was named only when it lay in the middle. Decoded, the line
    holding the NUL is refused by name. Binary files hold other control bytes, many NULs (UTF-32),
    or bytes that are not UTF-8; UTF-16 without a byte order mark is told apart before this.
    """
    if data.count(0) * _STRAY_NULS > len(data) or _CONTROL_BYTES.search(data):
        return False
    try:
        decode_bytes(data)
    except UnicodeDecodeError:
        return False
    return True


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: NULs on one side of (nearly) every pair, and it decodes cleanly."""
    sample = data[: _SNIFF - _SNIFF % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if min(even, odd) > pairs // 20 or max(even, odd) < pairs // 4:
        return False
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return False
    printable = sum(1 for ch in text[:2000] if ch.isprintable() or ch in "\t\n\r")
    return printable >= 0.95 * min(len(text), 2000)


def decode(
    data: bytes,
    path: str | Path,
    *,
    html: bool = False,
    give: str = "import text, HTML, JSONL or CSV files",
) -> tuple[str, str]:
    """Decode a whole file; return (text, encoding) or raise InputFileError naming the file.

    `give` says which files the caller reads, when this one is binary.

    With `html`, a charset the page declares in a `<meta>` tag is tried after UTF-8 and before
    guessing: the author's word beats a statistical guess, but valid UTF-8 beats a stale
    template's `charset=iso-8859-1` (bytes of another encoding rarely form valid UTF-8).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return decode_bytes(data)
        except UnicodeDecodeError as exc:
            raise InputFileError(
                path, f"starts with a UTF-16 byte order mark but is not UTF-16 ({exc.reason})"
            ) from None
    if looks_binary(data):
        if _looks_like_utf16(data):
            raise InputFileError(
                path,
                "looks like UTF-16 text without a byte order mark, which cannot be told apart from "
                "a binary file; save it as UTF-8 (or UTF-16 with a byte order mark) and import it again",
            )
        if _text_with_stray_nuls(data):
            return decode_bytes(data)
        raise InputFileError(
            path,
            f"looks like a binary file (it contains NUL bytes); {give}, "
            "and save UTF-16 text with a byte order mark",
        )
    try:
        return decode_bytes(data)
    except UnicodeDecodeError as exc:
        if _cut_utf8(data, exc):
            raise InputFileError(
                path,
                "the file is UTF-8 but ends in the middle of a character (it was probably cut off "
                "while copying or downloading); get the whole file and import it again",
            ) from None
    declared = declared_html_charset(data) if html else None
    if declared is not None:
        for codec in (declared, "latin_1") if declared == "cp1252" else (declared,):
            try:
                text = data.decode(codec)
            except (UnicodeError, LookupError, ValueError):
                continue
            plainer = _code_page_that_reads_plainly(data, codec)
            if plainer is not None:
                log.info("%s: the page declares %s but reads plainly only as %s", path, declared, plainer)
                return _one_encoding(data, data.decode(plainer), plainer, path)
            return _one_encoding(data, text, codec, path)
        log.info("%s: the page declares %s but is not valid %s; guessing", path, declared, declared)
    text, encoding = _guess(data, path)
    return _one_encoding(data, text, encoding, path)


# A UTF-8 character that a single-byte file almost never forms by chance: Latin-1 letters and
# signs (C2/C3 then a byte 80-BF is "Ã©", "Â£": mojibake itself in a legacy file), or any
# character of three or four bytes. Two-byte characters past U+00FF are left out: an accented
# capital before a curly quote ("É’", C9 92) is valid UTF-8 for U+0252 in plain Windows-1252.
_TELLING_UTF8 = re.compile(rb"[\xc2\xc3][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _one_encoding(data: bytes, text: str, encoding: str, path: str | Path) -> tuple[str, str]:
    """`(text, encoding)` unless the file is UTF-8 in some lines and a single-byte encoding in others.

    Files get appended to (a UTF-8 CSV with rows pasted from an old Windows export), and one
    legacy encoding guessed for the whole file turned every UTF-8 line into mojibake in silence.
    Multi-byte legacy encodings (Shift-JIS, EUC-JP, GBK) form valid UTF-8 by chance, so only a
    single-byte guess is checked.
    """
    if not _single_byte(encoding):
        return text, encoding
    utf8_line = foreign_line = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            foreign_line = foreign_line or number
        else:
            if not utf8_line and _TELLING_UTF8.search(line):
                utf8_line = number
        if utf8_line and foreign_line:
            raise InputFileError(
                path,
                f"mixes encodings: line {utf8_line} is UTF-8 but this line is not (it reads as "
                f"{encoding}); save the whole file as UTF-8 and import it again",
                line=foreign_line,
            )
    return text, encoding


def _cut_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """UTF-8 whose only fault is an incomplete last character, and which is UTF-8 beyond doubt.

    Guessing would turn such a file into Shift-JIS or Mac Roman mojibake. A legacy file
    ending in one high byte ("café" in Windows-1252) also fails only at its end, so the
    rest must hold multi-byte UTF-8 characters, which legacy text almost never forms.
    """
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if exc.reason != "unexpected end of data" or exc.start < len(body) - 3:
        return False
    head = body[: exc.start]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not head.isascii()


_CURRENCY = frozenset("€£¥¢$")
_QUOTES = frozenset("‘’“”„‚«»‹›\"'")
_DASHES = frozenset("–—…•·")
_GLUED = frozenset("’'-–—")
"""What stands between two letters of a word in real text: an apostrophe, a hyphen or a dash."""


def _acceptable_letter(char: str) -> bool:
    """A letter of a Latin-script European language: Latin-1's and Latin Extended-A's."""
    return char.isalpha() and ("\u00c0" <= char <= "\u017f") and char not in "×÷"


def _word_score(word: str) -> int:
    """+1 for a word whose characters outside ASCII all sit as they do in real text (an accented
    letter among letters, a currency sign by a number, quotes and dashes), -1 for one where any
    does not (a letter glued to a number, a sign between two letters, a letter of another script
    among Latin letters), 0 otherwise (a word of another script, other signs)."""
    latin = any(c.isascii() and c.isalpha() for c in word)
    fits = True
    for i, char in enumerate(word):
        if char.isascii():
            continue
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < len(word) else ""
        if char.isalpha():
            if before.isdigit() or after.isdigit():
                return -1  # "Ç5", "Ł120": a letter where a currency sign stood
            if not _acceptable_letter(char):
                if latin:
                    return -1  # a Cyrillic or Greek letter inside an English word
                fits = False
        elif before.isalpha() and after.isalpha():
            if char not in _GLUED:
                return -1  # "f³r", "Za¿ó": a sign where a letter stood
        elif char in _CURRENCY:
            if before.isalpha() or after.isalpha():
                return -1  # "£ód": a sign where a letter stood
        elif char not in _QUOTES and char not in _DASHES:
            fits = False  # other signs (°, ©, ¬, §) say nothing either way
    return 1 if fits and (latin or not any(c.isalpha() for c in word)) else 0


def _western_score(text: str) -> int:
    """How plainly `text` reads as a Western European language's, word by word (`_word_score`)."""
    return sum(_word_score(word) for word in text.split() if not word.isascii())


def _windows_1252_reads_better(data: bytes, best: Any, results: Any) -> str | None:
    """Windows-1252's text of `data`, if it reads plainly better than the guess's.

    Excel saves "CSV" on Windows in Windows-1252. Where its only characters outside ASCII were
    a euro sign or a few accented letters, charset-normalizer's guess, on that little evidence,
    took a DOS, Mac or other Windows code page: "€5m" came in as "Ç5m" or Cyrillic "А5m", "für"
    as "f³r", "£120" as "Ł120", "déjà" as "déją", with nothing said. Text of another script,
    which Windows-1252 turns into runs of accented letters, does not read better in it.
    """
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    ours, theirs = _western_score(western), _western_score(str(best))
    if ours > theirs:
        return western
    if ours == theirs > 0:
        coherence = max((m.coherence for m in results if m.encoding == "cp1252"), default=None)
        if coherence is not None and coherence > best.coherence:
            return western
    return None


def _guess(data: bytes, path: str | Path) -> tuple[str, str]:
    results = charset_normalizer.from_bytes(data)
    text, encoding = _first_guess(data, path, results)
    better = _code_page_that_reads_better(data, encoding, results)
    if better is not None:
        log.info("%s: read as %s, which reads plainly better than the guess %s", path, better, encoding)
        return data.decode(better), better
    return text, encoding


def _first_guess(data: bytes, path: str | Path, results: Any) -> tuple[str, str]:
    best = results.best()
    if best is None:
        raise InputFileError(
            path, "the encoding cannot be recognised; save the file as UTF-8 and import it again"
        )
    encoding = str(best.encoding)
    text = str(best)
    if encoding not in _PREFERRED_LEGACY and not encoding.startswith("utf"):
        western = _windows_1252_reads_better(data, best, results)
        if western is not None:
            log.info("%s: read as cp1252, which reads plainly better than the guess %s", path, encoding)
            return western, "cp1252"
    for preferred in _PREFERRED_LEGACY:
        for match in results:
            if (
                match.encoding == preferred
                and match.chaos <= best.chaos
                and match.coherence >= best.coherence
            ):
                # At info, as every other reading is: the log is where the encoding used is told.
                log.info("%s: read as %s, as plausible as the guess %s", path, preferred, encoding)
                return str(match), preferred
        try:
            if data.decode(preferred) == text:
                log.info("%s: read as %s, which reads as the guess %s", path, preferred, encoding)
                return text, preferred
        except UnicodeDecodeError:
            continue
    if best.chaos > 0.3:
        raise InputFileError(
            path,
            f"the text decodes only as garbled {encoding}; save the file as UTF-8 and import it again",
        )
    log.info("%s: guessed encoding %s", path, encoding)
    return text, encoding


# The single-byte code pages news files come in, tried besides charset-normalizer's own
# candidates: for a short text its list can lack the right one (KOI8-U Ukrainian came back as
# Shift-JIS alone).
_NEWS_CODE_PAGES = (
    "cp1252", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "cp866", "cp1253", "iso8859_7",
    "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp850", "iso8859_15",
)  # fmt: skip
_READS_PLAINLY = (1, 0)
"""A reading (`_misreading`) that needs one language's letters, with nothing misplaced or rare."""
_RANK_BYTES = 4096
"""Enough of a file to tell its code page by: a few hundred words."""
_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HANGUL"})
_BESIDE_LETTERS = frozenset("«»“”„‘’‚‹›–—…·¿¡°ªº²³©®™")
"""Signs outside ASCII that real text puts next to a letter: quotes, dashes, ¿, °C, m², ™."""
_BETWEEN_LETTERS = frozenset("’'-–—")
_VOWELS = {"CYRILLIC": frozenset("аеёиоуыэюяіїєў"), "GREEK": frozenset("αεηιουωάέήίόύώϊϋΐΰ")}


def _single_byte(encoding: str) -> bool:
    """True for a code page of one byte a character, which any byte sequence can be read in."""
    try:
        return len(bytes(range(256)).decode(encoding, errors="replace")) == 256
    except LookupError:
        return False


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The script a character belongs to, as the first word of its Unicode name ("LATIN")."""
    if not char:
        return ""
    script = unicodedata.name(char, "?").split()[0]
    return "CJK" if script in _EAST_ASIAN else script


def _letters(text: str) -> set[str]:
    """The distinct letters of `text` outside ASCII, in lower case ("İ" is an ASCII "i")."""
    return {c.lower()[0] for c in text if c.isalpha() and not c.isascii()} - set("abcdefghijklmnopqrstuvwxyz")


def _languages_needed(letters: set[str]) -> int:
    """How many languages it takes to write `letters` (a letter no language writes counts as one)."""
    left = {letter for letter in letters if _script(letter) != "CJK"}
    needed = 1 if len(left) < len(letters) else 0
    while left:
        widest = max(ALPHABETS.values(), key=lambda alphabet: len(left & alphabet))
        if not left & widest:
            return needed + len(left)
        left -= widest
        needed += 1
    return needed


def _misplaced_letter(before: str, letter: str, after: str) -> bool:
    """A letter glued to a letter of another script, a capital after a small letter outside
    ASCII ("мИНИСТР"), or a letter outside ASCII glued to a digit ("Ç5", "Ł120")."""
    if before.isalpha() and _script(before) != _script(letter):
        return True
    if before.islower() and letter.isupper() and not (before + letter).isascii():
        return True
    return not letter.isascii() and (before.isdigit() or after.isdigit())


def _misplaced(text: str) -> int:
    """How many characters sit where real text never puts them: a letter of one script glued to
    another's, a capital after a small letter ("мИНИСТР", KOI8-R read as Windows-1251), a letter
    glued to a digit, a Hebrew or Arabic vowel sign on a Latin letter, a sign inside a word
    ("Rz¹d", "M］chen"); and one more when most words are in capitals (Hebrew read as KOI8-R),
    and one when many Cyrillic or Greek words have no vowel (Hebrew read as Windows-1251)."""
    cased = shouted = voweled = unvoiced = 0
    # C1 control characters: ISO 8859 reading a Windows code page's euro sign or curly quote.
    misplaced = sum(1 for char in text if "\x80" <= char <= "\x9f")
    for word in text.split():
        if word.isascii():
            continue
        for i, char in enumerate(word):
            before = word[i - 1] if i else ""
            after = word[i + 1] if i + 1 < len(word) else ""
            if char.isalpha():
                misplaced += _misplaced_letter(before, char, after)
            elif char.isascii():
                continue
            elif unicodedata.category(char).startswith("M"):
                # A Hebrew, Arabic or Thai vowel sign belongs on a letter of its own script.
                script = _script(char)
                if script != "COMBINING" and _script(before) != script:
                    misplaced += not (before and unicodedata.category(before).startswith("M"))
            elif "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff65":
                # Ideographic and fullwidth punctuation belongs among Han and kana, not by a Latin letter.
                misplaced += any(n.isalpha() and _script(n) != "CJK" for n in (before, after))
            elif before.isalpha() and after.isalpha():
                misplaced += char not in _BETWEEN_LETTERS and (before + char + after).lower() != "l·l"
            elif before.isalpha() or after.isalpha():
                misplaced += char not in _BESIDE_LETTERS
        if len(word) > 1 and word.isalpha() and word.islower() and _script(word[0]) in _VOWELS:
            # Hebrew read as Windows-1251 or -1253 is small Cyrillic or Greek letters with few
            # vowels ("дгмч", "λκ"; real text has some: "млн", "км"), and a final sigma inside a word.
            voweled += 1
            unvoiced += not _VOWELS[_script(word[0])] & set(word)
            misplaced += "ς" in word[:-1]
        cased_letters = [c for c in word if c.isalpha() and c.lower() != c.upper()]
        if len(cased_letters) >= 2:
            cased += 1
            shouted += all(c.isupper() for c in cased_letters)
    return misplaced + (shouted * 2 > cased) + (unvoiced * 10 > voweled)


def _rare_letters(letters: set[str]) -> int:
    """How many of `letters` are Latin letters of at most two languages ("ð", "đ", "ŕ") with no
    other letter of those languages beside them: "ðiandien" alone is not Icelandic."""
    rare = 0
    for letter in letters:
        if _script(letter) != "LATIN":
            continue
        languages = [alphabet for alphabet in ALPHABETS.values() if letter in alphabet]
        if 0 < len(languages) <= 2 and not any(len(letters & alphabet) > 1 for alphabet in languages):
            rare += 1
    return rare


def _misreading(text: str) -> tuple[int, int]:
    """How badly `text` reads as a language's (lower is better): mixed alphabets and misplaced
    characters first, then rare letters, so that "šiandien" beats "ðiandien" and "điandien"."""
    text = unicodedata.normalize("NFC", text)
    letters = _letters(text)
    return _languages_needed(letters) + _misplaced(text), _rare_letters(letters)


_DECLARED_MARGIN = 2
"""How much worse (`_misreading`, alphabets and misplaced characters) a page must read in its declared
code page than in another before the other is taken."""
_WORD_OUTSIDE_ASCII = re.compile(rb"[^\s<>]*[\x80-\xff][^\s<>]*")
"""A word with a byte outside ASCII; `<` and `>` end it, so that a tag beside it is left out."""


def _code_page_that_reads_plainly(data: bytes, declared: str) -> str | None:
    """A news code page in which a page's words read plainly where its declared single-byte one's do not.

    Every byte is some character in a single-byte code page, so a page whose `<meta charset>` names
    the wrong one (a template's `iso-8859-1` over Windows-1251 or Windows-1250 text, `windows-1251`
    over KOI8-R) decoded "fine" and came in as mojibake ("Ìèíèñòð", "powiedzia³"), with nothing said.
    The words told by are those with a byte outside ASCII, wherever they are: a page's first
    kilobytes are markup.
    """
    if not _single_byte(declared):
        return None
    words: list[bytes] = []
    size = 0
    for match in _WORD_OUTSIDE_ASCII.finditer(data):
        words.append(match.group())
        size += len(words[-1]) + 1
        if size >= _RANK_BYTES:
            break
    sample = b" ".join(words)[:_RANK_BYTES]
    if not sample:
        return None
    better = _code_page_that_reads_better(data, declared, (), sample=sample)
    if better is None:
        return None
    plain = _misreading(sample.decode(better))
    # The author's word gives way only to a plain reading, and only where the declared one reads
    # clearly worse: a page in two languages ("četrtek" and "csökkenti") takes two alphabets in its
    # own code page, and one (Dutch) in Windows-1252.
    if plain > _READS_PLAINLY or _misreading(sample.decode(declared))[0] < plain[0] + _DECLARED_MARGIN:
        return None
    return better


def _code_page_that_reads_better(
    data: bytes, guessed: str, results: Any, *, sample: bytes | None = None
) -> str | None:
    """A single-byte code page in which `data` reads plainly better than in the `guessed` one.

    charset-normalizer's guess for a short text in a legacy code page is often a look-alike:
    Polish Windows-1250 came in as Mac Iceland, Czech and Romanian as Windows-1252 ("pøíjmù",
    "preþurile"), Lithuanian Windows-1257 as "ðiandien", Hebrew Windows-1255 and Greek as
    Cyrillic, KOI8-U Ukrainian as Shift-JIS, DOS German as Japanese, with nothing said.
    Text read in its own code page uses one language's letters where they belong. `sample`: the
    bytes to tell it by, the file's first `_RANK_BYTES` unless given.
    """
    sample = data[:_RANK_BYTES] if sample is None else sample
    current = _misreading(sample.decode(guessed, errors="ignore"))
    if current <= _READS_PLAINLY:
        # One language's letters, each where it belongs and none rare: no code page reads
        # strictly better, and trying the others cost a legacy file 50-80 ms (a folder of
        # 5,000 old newsroom files, minutes).
        return None
    ranked: list[tuple[tuple[int, int], str]] = []
    candidates = [str(match.encoding) for match in results] + list(_NEWS_CODE_PAGES)
    for encoding in dict.fromkeys(candidates):
        if encoding == guessed or not _single_byte(encoding):
            continue
        try:
            rank = _misreading(sample.decode(encoding))
        except UnicodeDecodeError:
            continue
        if rank < current:
            ranked.append((rank, encoding))
    for _rank, encoding in sorted(ranked, key=lambda pair: pair[0]):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None
