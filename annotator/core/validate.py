"""Checks of values that come from files someone else made, shared by import and merge.

Import (`annotator.formats`) and merge (`annotator.store.merge`) take the same kinds of
values from untrusted files: texts, titles, names, notes, labels, offsets, JSON metadata.
They are checked here once, the same way for both, so a value merge copies is never one
import would have refused. Each check raises `InvalidValue` with a reason that reads
after a location ("path:line: ", "file, claims row 7: ").
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

from annotator.core.limits import MAX_FIELD_CHARS as MAX_FIELD_CHARS  # re-exported: the limits
from annotator.core.limits import MAX_JSON_DEPTH as MAX_JSON_DEPTH
from annotator.core.limits import MAX_META_CHARS as MAX_META_CHARS  # the checks here apply
from annotator.core.limits import MAX_TEXT_CHARS as MAX_TEXT_CHARS
from annotator.core.model import ClaimLabel

CLAIM_LABELS = frozenset(label.value for label in ClaimLabel)


class InvalidValue(ValueError):  # noqa: N818 - reads as "raise InvalidValue(...)"
    """A value from a file that the app will not store; the message says why."""


def text_problem(value: str) -> str | None:
    """Why a string cannot be stored as text (a NUL, an unpaired surrogate), or None."""
    if "\x00" in value:
        return "contains a NUL character"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(value[exc.start])
            return f"contains an unpaired surrogate (U+{code:04X}), which is not text"
    return None


def storable_problem(value: str, max_chars: int = MAX_FIELD_CHARS) -> str | None:
    """Why a project would refuse to keep `value` (`text_problem`, or more than `max_chars`
    characters), or None: asked by the store before it writes, and by a dialog before it
    closes, so that a refused text is still in front of the person who typed it."""
    problem = text_problem(value)
    if problem is None and len(value) > max_chars:
        problem = f"is {len(value):,} characters long, over the limit of {max_chars:,}"
    return problem


_NOTE_CONTROLS = re.compile("[\x01-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters a note does not keep: C0 but the tab and the line feed, DEL, and C1. A
NUL is left for `text_problem` to refuse, as it is anywhere else."""


def plain_note(note: str) -> str:
    """A note as lines of text: line breaks as line feeds, and no other control character.

    A note pasted from a terminal or a PDF brought a bell, an ESC sequence or a C1 control
    with it: nothing of it shows in the window, and written raw into the CSV export the
    sequence drove the terminal that printed the file. A person's name refuses them
    (`core.settings`); a note, a paste of several lines, loses them instead, as the window
    saves it and as the CSV export writes it (a note imported or merged from a file keeps
    what the file had, as titles and texts do). JSON exports escape them already.
    """
    if "\r" in note:
        note = note.replace("\r\n", "\n").replace("\r", "\n")
    return _NOTE_CONTROLS.sub("", note)


def check_text(value: object, what: str, max_chars: int = MAX_FIELD_CHARS, *, empty: bool = True) -> str:
    """A string that is real text, not too long, and (unless `empty`) not blank."""
    if not isinstance(value, str):
        raise InvalidValue(f"{what} must be text, got {_kind(value)}")
    if len(value) > max_chars:
        raise InvalidValue(f"{what} is {len(value):,} characters long, over the limit of {max_chars:,}")
    problem = text_problem(value)
    if problem is not None:
        raise InvalidValue(f"{what} {problem}")
    if not empty and not value.strip():
        raise InvalidValue(f"{what} is empty")
    return value


def check_int(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidValue(f"{what} must be an integer, got {_kind(value)} {value!r:.40}")
    return value


def check_span(start: object, end: object, length: int, what: str) -> tuple[int, int]:
    """Integer offsets with 0 <= start < end <= length (code points, end exclusive)."""
    if type(start) is int and type(end) is int and 0 <= start < end <= length:
        return start, end  # the common case, without two calls: a read checks thousands
    s, e = check_int(start, f"{what} start"), check_int(end, f"{what} end")
    if not 0 <= s < e <= length:
        raise InvalidValue(f"{what} {s}..{e} is outside the text (length {length}) or empty")
    return s, e


_LABEL_OF = {label.value: label for label in ClaimLabel}


def check_label(value: object, what: str = "label") -> ClaimLabel:
    # A look-up, not `ClaimLabel(value)`: a whole project's suggestion queue checks 200,000 of
    # them, and each enum call costs as much as the rest of the check.
    found = _LABEL_OF.get(value) if isinstance(value, str) else None
    if found is None:
        raise InvalidValue(f"{what} {value!r:.40} is not one of {', '.join(sorted(CLAIM_LABELS))}")
    return found


def check_number(value: object, what: str) -> float:
    """A finite number (JSON has no NaN or Infinity)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidValue(f"{what} must be a finite number, got {value!r:.40}")
    return float(value)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is out of range for a JSON number")
    return number


_STRICT = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)
"""One decoder for every call: `json.loads` with options builds a new one (and its scanner) each
time, a fifth of the time of a JSONL import's parsing. A decoder keeps no state between calls."""


def loads(text: str) -> Any:
    """`json.loads` without NaN, Infinity or numbers that overflow to them (`1e999`); JSON nested
    deeper than Python's stack raises ValueError too."""
    if text.startswith("\ufeff"):  # what json.loads says, before it decodes
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    try:
        return _STRICT.decode(text)
    except RecursionError:
        # Python's words ("maximum recursion depth exceeded while decoding a JSON array from a
        # unicode string") reached the import report of a line nested thousands deep. The limit
        # is named whatever the stack's depth when the parse began: an import reading its
        # lines inside the store's save ran out of stack on metadata it had parsed before
        # and refused for its depth, and the two refusals must read as one.
        raise ValueError(
            f"lists and objects are nested too deep to read, deeper than the limit of {MAX_JSON_DEPTH} levels"
        ) from None
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError) or "int_max_str_digits" not in str(exc):
            raise
        # Python's own words ask a programmer to call sys.set_int_max_str_digits().
        raise ValueError(f"a number has more than {sys.get_int_max_str_digits()} digits") from None


_UNSTORABLE_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")
"""A JSON escape of a NUL or of a surrogate: the only way a string parsed from text that is
itself storable (`text_problem`) can be unstorable."""


def check_json_strings(value: Any, what: str) -> None:
    """Every string (keys too) inside parsed JSON is storable text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item)
            if problem is not None:
                raise InvalidValue(f"{what} {problem}")
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def check_json_depth(value: Any, what: str, limit: int = MAX_JSON_DEPTH) -> None:
    """JSON that nests no more than `limit` lists and objects, counting the outermost.

    Python parses and prints JSON by recursion: metadata nested 980 deep was imported, then
    every later read of its article ran out of stack and refused the row for good.
    """
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > limit:
            raise InvalidValue(f"{what} nests lists and objects deeper than the limit of {limit} levels")
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def meta_json(meta: Any, what: str = "the metadata") -> str:
    """Metadata as the JSON text a project stores, refused if `check_meta` would refuse it back.

    Import stored metadata nested 980 deep or 12 million characters long, and from then on the
    store refused that article on every read, as a row changed outside the app.
    """
    check_json_depth(meta, what)
    try:
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidValue(f"{what} cannot be stored as JSON ({exc})") from None
    if len(text) > MAX_META_CHARS:
        raise InvalidValue(
            f"{what} is {len(text):,} characters long as JSON, over the limit of {MAX_META_CHARS:,}"
        )
    return text


def check_meta_value(meta: Any, what: str = "the metadata") -> None:
    """Metadata a project can store and read back: storable strings, nesting and length in limits.

    One walk checks the strings and the depth and sums an upper bound of the JSON text's length
    (a string's characters may each become a six-character escape); only metadata the bound
    does not clear is written out to be measured here, so the rest is written once, by the store.
    """
    stack: list[tuple[Any, int]] = [(meta, 1)]
    bound = 0
    while stack:
        if bound > MAX_META_CHARS:
            # Measured as soon as the bound is passed: a CSV row with nine million cells beyond
            # its header took 45 s to walk, to be refused at the end for its length.
            meta_json(meta, what)
            bound = -(1 << 62)  # it fits: the walk goes on for the strings alone
        item, depth = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item)
            if problem is not None:
                raise InvalidValue(f"{what} {problem}")
            bound += 6 * len(item) + 4
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                check_json_depth(meta, what)  # raises, with the one wording
            bound += 2 + 4 * len(item)
            if isinstance(item, dict):
                stack.extend((key, depth) for key in item)
                stack.extend((value, depth + 1) for value in item.values())
            else:
                stack.extend((value, depth + 1) for value in item)
        else:
            digits = type(item) is int  # not bool, whose `false` is five characters
            bound += 2 + item.bit_length() // 3 if digits else 24  # a float's repr is at most 24
    if bound > MAX_META_CHARS:
        meta_json(meta, what)


def check_json(value: object, what: str, kind: type, max_chars: int) -> Any:
    """Strict JSON text of `kind` (dict or list) with storable strings, bounded in size.

    One check for every JSON column a file from elsewhere may carry (meta, payloads,
    scores, model info), so none of them is parsed without the limits.
    """
    text = check_text(value, what, max_chars=max_chars)
    try:
        parsed = loads(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidValue(f"{what} is not valid JSON ({exc})") from None
    if not isinstance(parsed, kind):
        expected = "object" if kind is dict else "list"
        raise InvalidValue(f"{what} must be a JSON {expected}, got {type(parsed).__name__}")
    # `text` is storable, and JSON's other escapes make no NUL or surrogate: the walk over
    # every string (100,000 of them in a 1 MB article's cached analysis) is for the escapes.
    if _UNSTORABLE_ESCAPE.search(text) is not None:
        check_json_strings(parsed, what)
    return parsed


def check_meta(value: object, what: str = "meta") -> dict[str, Any]:
    """Metadata stored as JSON text: an object, strict JSON, storable strings, bounded size."""
    meta: dict[str, Any] = check_json(value, what, dict, MAX_META_CHARS)
    text = str(value)
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH:  # else it cannot nest that deep
        check_json_depth(meta, what)
    return meta


def _kind(value: object) -> str:
    return {bytes: "binary data", type(None): "nothing (NULL)", float: "a decimal number"}.get(
        type(value), type(value).__name__
    )
