"""Turn the bytes of an input file into text, or say exactly why we cannot.

Files arrive from anywhere: UTF-8 with or without a BOM, UTF-16 with a BOM, and
old single-byte files from Windows newsrooms. We try the unambiguous encodings
first and only then guess with charset-normalizer, recording which one we used.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

import charset_normalizer

from annotator.core.errors import InputFileError
from annotator.core.text import decode_bytes

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
                return _one_encoding(data, data.decode(codec), codec, path)
            except (UnicodeError, LookupError, ValueError):
                continue
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
    if len(bytes(range(256)).decode(encoding, errors="replace")) != 256:
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


def _guess(data: bytes, path: str | Path) -> tuple[str, str]:
    results = charset_normalizer.from_bytes(data)
    best = results.best()
    if best is None:
        raise InputFileError(
            path, "the encoding cannot be recognised; save the file as UTF-8 and import it again"
        )
    encoding = str(best.encoding)
    text = str(best)
    for preferred in _PREFERRED_LEGACY:
        for match in results:
            if (
                match.encoding == preferred
                and match.chaos <= best.chaos
                and match.coherence >= best.coherence
            ):
                log.debug("%s: preferring %s over %s (equally plausible)", path, preferred, encoding)
                return str(match), preferred
        try:
            if data.decode(preferred) == text:
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
