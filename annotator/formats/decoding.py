"""Turn the bytes of an input file into text, or say exactly why we cannot.

Files arrive from anywhere: UTF-8 with or without a BOM, UTF-16 with a BOM, and
old single-byte files from Windows newsrooms. We try the unambiguous encodings
first and only then guess with charset-normalizer, recording which one we used.
"""

from __future__ import annotations

import logging
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


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode a whole file; return (text, encoding) or raise InputFileError naming the file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return decode_bytes(data)
        except UnicodeDecodeError as exc:
            raise InputFileError(
                path, f"starts with a UTF-16 byte order mark but is not UTF-16 ({exc.reason})"
            ) from None
    if looks_binary(data):
        raise InputFileError(
            path,
            "looks like a binary file (it contains NUL bytes); import text, HTML, JSONL or CSV files, "
            "and save UTF-16 text with a byte order mark",
        )
    try:
        return decode_bytes(data)
    except UnicodeDecodeError:
        pass
    return _guess(data, path)


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
