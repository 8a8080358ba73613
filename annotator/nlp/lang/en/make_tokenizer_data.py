"""Write `tokenizer_data.json`: blank English's tokenizer settings, read from the installed spaCy;
and `tokenizer_code.json`: its patterns as this Python's regular-expression engine compiles them.

    .venv/bin/python -m annotator.nlp.lang.en.make_tokenizer_data

The export tokenizer (`annotator.nlp.tokenizer_rules`) runs spaCy's algorithm on these
settings without importing spaCy. tests/nlp/test_tokenizer_data.py builds the same data again
from the installed spaCy and fails on any difference, so a spaCy upgrade that changes how English
is split cannot pass unnoticed: run this module, review the diff, commit it.

Besides spaCy's own settings (the prefix, suffix and infix patterns, `token_match`, `url_match`,
the special cases and `faster_heuristics`), three things are derived here, once, instead of at
every start of the app:

- the special-case matcher's patterns: spaCy looks for some special cases again over the tokens
  of a whole text (`Tokenizer._apply_special_cases`), as the tokens its own affix rules make of
  each special case (`_tokenize_affixes(string, False)`, here a tokenizer with no special cases);
- which letters and which decimal digits no affix, infix or URL pattern can ever match, so that a
  piece made only of those (most words, most numbers) is one token without a regular expression
  being run (`plain_excluded`, the proof is in its docstring);
- what lets the tokenizer skip or narrow a search: the characters a prefix, suffix or infix can
  start or end with, the ones that are always a prefix or a suffix alone, and a character every
  URL holds (`affix_edges`, `attach_edges`).

The patterns' compiled code goes to its own file, since it belongs to one Python (minor version
and engine), not to spaCy: `compiled_patterns` says why it is kept, and the test compares it only
on the Python it was made with.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

# The standard library's own parser of regular expressions, read-only here. Private API,
# used only by this development-time script and its test, on the Python that runs them.
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

HERE = Path(__file__).resolve().parent
TARGET = HERE / "tokenizer_data.json"
CODE_TARGET = HERE / "tokenizer_code.json"

# Character kinds with a fast path: a `str` method says whether a whole piece is of that kind
# (in C, no regular expression), and the characters below are taken out of the kind.
KINDS = ("isalpha", "isdecimal")
_CONSUMING = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


def spacy_settings() -> dict[str, Any]:
    """Blank English's tokenizer settings as plain data, from the installed spaCy."""
    import spacy
    import spacy.about
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer: Any = spacy.blank("en").tokenizer

    def source(bound: Any) -> str | None:
        return None if bound is None else str(bound.__self__.pattern)

    special_cases = {
        string: tuple(str(piece.get(ORTH, piece.get("ORTH"))) for piece in pieces)
        for string, pieces in sorted(tokenizer.rules.items())
    }
    # spaCy's special-case matcher holds a special case when it has a prefix, suffix or infix, or a
    # space (or always, without `faster_heuristics`), as the tokens affix rules alone make of it.
    affixes_only = Tokenizer(
        tokenizer.vocab,
        rules={},
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
    )
    matcher = {
        string: tuple(t.text for t in affixes_only(string))
        for string in special_cases
        if not tokenizer.faster_heuristics
        or tokenizer.find_prefix(string)
        or tokenizer.find_infix(string)
        or tokenizer.find_suffix(string)
        or " " in string
    }
    return {
        "spacy_version": spacy.about.__version__,
        "prefix": source(tokenizer.prefix_search),
        "suffix": source(tokenizer.suffix_search),
        "infix": source(tokenizer.infix_finditer),
        "token_match": source(tokenizer.token_match),
        "url_match": source(tokenizer.url_match),
        "faster_heuristics": bool(tokenizer.faster_heuristics),
        "special_cases": special_cases,
        "matcher_patterns": matcher,
    }


def _element(state: Any, op: Any, av: Any) -> re.Pattern[str]:
    """One parsed single-character element, compiled on its own."""
    sub = sre_parse.SubPattern(state, [(op, av)])
    return sre_compile.compile(sub, state.flags)  # type: ignore[no-any-return]


def _dead(items: Any, state: Any, allowed: str) -> tuple[bool, list[Any]]:
    """Whether this sequence can match no string made only of `allowed`'s characters.

    Conservative: True only when some element the sequence cannot do without (a character,
    a group or lookaround that must match, a repeat of at least one) can match none of them.
    A lookbehind or lookahead must also match characters of the searched string, and the
    tokenizer only ever searches the piece itself. Returns, when not dead, the mandatory
    single-character elements, so the caller can take their characters out of the kind.
    """
    mandatory: list[Any] = []
    for op, av in items:
        if op in _CONSUMING:
            if _element(state, op, av).search(allowed) is None:
                return True, []
            mandatory.append((op, av))
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                dead, inner = _dead(sub, state, allowed)
                if dead:
                    return True, []
                mandatory.extend(inner)
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            sub = av[-1] if op is sre.SUBPATTERN else av
            if op is sre.SUBPATTERN and (av[1] or av[2]):
                raise ValueError("inline flags inside a tokenizer pattern: extend this analysis")
            dead, inner = _dead(sub, state, allowed)
            if dead:
                return True, []
            mandatory.extend(inner)
        elif op is sre.BRANCH:
            if all(_dead(branch, state, allowed)[0] for branch in av[1]):
                return True, []
        elif op is sre.ASSERT:
            dead, _ = _dead(av[1], state, allowed)
            if dead:
                return True, []
        elif op in (sre.ASSERT_NOT, sre.AT):
            continue  # may hold anywhere: no help
        else:
            raise ValueError(f"unexpected element {op} in a tokenizer pattern: extend this analysis")
    return False, mandatory


def plain_excluded(patterns: list[str], kind: str) -> str:
    """The characters of `kind` (e.g. `str.isalpha`) that some pattern could match; sorted, as a string.

    Proof of the fast path: let K be the characters of `kind` minus the ones returned. For each
    top-level alternative of each pattern (prefix, suffix and infix searches, `url_match`), the
    analysis finds an element the alternative cannot do without and that matches no character
    of K. So no alternative matches, anywhere, in any string of K's characters: the prefix and
    suffix searches find nothing, `url_match` fails and the infix search finds no split, not
    even an empty one. spaCy then makes such a piece one token, unless it is a special case,
    which the tokenizer checks first. When an alternative cannot be proved dead, the characters
    of its narrowest mandatory element are taken out of K and the proof starts again.
    """
    excluded: set[str] = set()
    members = [chr(c) for c in range(sys.maxunicode + 1) if getattr(chr(c), kind)()]
    while True:
        allowed = "".join(c for c in members if c not in excluded)
        alive = None
        for pattern in patterns:
            parsed = sre_parse.parse(pattern)
            if parsed.state.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL):
                raise ValueError("a tokenizer pattern with flags: extend this analysis")
            top = parsed.data
            branches = top[0][1][1] if len(top) == 1 and top[0][0] is sre.BRANCH else [top]
            for branch in branches:
                dead, mandatory = _dead(branch, parsed.state, allowed)
                if not dead:
                    alive = (pattern, branch, mandatory, parsed.state)
                    break
            if alive:
                break
        if alive is None:
            return "".join(sorted(excluded))
        _pattern, branch, mandatory, state = alive
        if not mandatory:
            raise ValueError(f"cannot prove a fast path for {kind}: {branch!r} needs no character")
        sets = [{c for c in allowed if _element(state, op, av).fullmatch(c)} for op, av in mandatory]
        narrowest = min(sets, key=len)
        if len(narrowest) > 500:
            raise ValueError(f"cannot prove a fast path for {kind}: {branch!r} matches too much")
        excluded |= narrowest


def _branches(pattern: str) -> tuple[Any, list[Any]]:
    """The parsed pattern and its top-level alternatives (each a sequence of elements)."""
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE | re.DOTALL):
        raise ValueError("a tokenizer pattern with flags: extend this analysis")
    top = parsed.data
    return parsed, (top[0][1][1] if len(top) == 1 and top[0][0] is sre.BRANCH else [top])


_EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def _chars(state: Any, op: Any, av: Any) -> set[str]:
    if op is sre.LITERAL:
        return {chr(av)}
    return set(_element(state, op, av).findall(_EVERY_CHARACTER))


def _edge(items: Any, state: Any, *, last: bool) -> tuple[set[str], bool]:
    """The characters the first (or last) character a sequence consumes can be, and whether
    it can consume none. Zero-width elements (anchors, lookarounds) are stepped over."""
    found: set[str] = set()
    for op, av in reversed(items) if last else items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op in _CONSUMING:
            return found | _chars(state, op, av), False
        if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            chars, empty = _edge(av[-1] if op is sre.SUBPATTERN else av, state, last=last)
        elif op is sre.BRANCH:
            edges = [_edge(branch, state, last=last) for branch in av[1]]
            chars, empty = set().union(*(c for c, _ in edges)), any(e for _, e in edges)
        elif op in _REPEATS:
            chars, empty = _edge(av[2], state, last=last)
            empty = empty or av[0] == 0
        else:
            raise ValueError(f"unexpected element {op} in a tokenizer pattern: extend this analysis")
        found |= chars
        if not empty:
            return found, False
    return found, True


def _single_suffixes(state: Any, branches: list[Any]) -> set[str]:
    """Characters that are always a suffix of exactly one character when a piece ends with them.

    A character c qualifies when every alternative that can end with c matches exactly one
    character (so any match starts at the last character), and one of them is c's class alone
    before `$` (no lookaround: it always matches there).
    """
    ends = [(_edge(b, state, last=True)[0], b) for b in branches]
    single: set[str] = set()
    for chars, branch in ends:
        plain = len(branch) == 2 and branch[0][0] in _CONSUMING and branch[1] == (sre.AT, sre.AT_END)
        if plain:
            single |= chars
    for chars, branch in ends:
        low, high = sre_parse.SubPattern(state, list(branch)).getwidth()
        if (low, high) != (1, 1):
            single -= chars
    return single


def _single_prefixes(state: Any, branches: list[Any]) -> set[str]:
    """Characters that are always a prefix of exactly one character when a piece starts with them.

    For an anchored pattern (`prefix_anchored`), tried with `match`: a character c qualifies when
    every alternative that can start with c matches exactly one character, and one of them is `^`
    and c's class alone (no lookaround: it always matches there). No alternative may match
    nothing: such a match, tried before the others, would be no prefix at all. (The parser
    takes a `^` common to every alternative out in front of them: it is put back in each.)
    """
    flat: list[Any] = []
    for branch in branches:
        if len(branch) == 2 and branch[0] == (sre.AT, sre.AT_BEGINNING) and branch[1][0] is sre.BRANCH:
            flat.extend([(sre.AT, sre.AT_BEGINNING), *alternative] for alternative in branch[1][1][1])
        else:
            flat.append(list(branch))
    firsts = [(_edge(b, state, last=False), b) for b in flat]
    if any(empty for (_chars, empty), _branch in firsts):
        return set()
    single: set[str] = set()
    for (chars, _empty), branch in firsts:
        if len(branch) == 2 and branch[0] == (sre.AT, sre.AT_BEGINNING) and branch[1][0] in _CONSUMING:
            single |= chars
    for (chars, _empty), branch in firsts:
        if sre_parse.SubPattern(state, list(branch)).getwidth() != (1, 1):
            single -= chars
    return single


def _before_last(items: Any, state: Any) -> set[str] | None:
    """The characters a sequence can consume just before its last one; None when that is not
    worked out here (a group or alternation last, or a sequence that may consume one character
    only, so that what comes before is not its own)."""
    consuming = [(op, av) for op, av in items if op not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)]
    if not consuming:
        return None
    op, av = consuming[-1]
    rest = consuming[:-1]
    if op in _CONSUMING:
        found = set()
    elif op in _REPEATS and len(av[2]) == 1 and av[2][0][0] in _CONSUMING:
        low, high, ((inner_op, inner_av),) = av
        found = _chars(state, inner_op, inner_av) if high >= 2 else set()
        if low >= 2:
            return found  # the one before the last is the repeat's own
    else:
        return None
    if not rest:
        return None
    before, empty = _edge(rest, state, last=True)
    return None if empty else found | before


def _suffixes_after(state: Any, branches: list[Any]) -> dict[str, list[int]]:
    """For a character c, the characters x such that a piece ending in x then c always has the
    suffix c alone (most: the full stop after a lowercase letter or a digit).

    Every alternative ends with `$`, so a match ends at the piece's end and its last character is
    c. An alternative of width one matches c alone: one whose only condition is a lookbehind of
    one character class matches whenever x is in that class, and any other match of width one is
    the same suffix. A wider alternative could match first, from further left: x is kept only if
    no wider alternative that can end with c can consume x just before it (worked out by
    `_before_last`; c has no entry when that cannot be worked out). Not for a line break, before
    which `$` also matches. A piece matching `token_match`, or with a prefix, takes the full rules
    (the tokenizer checks both, as for `suffix_single`).
    """
    ends = [(_edge(b, state, last=True)[0], b) for b in branches]
    allowed: dict[str, set[str]] = {}
    for chars, branch in ends:
        lookbehind = (
            len(branch) == 3
            and branch[0][0] is sre.ASSERT
            and branch[0][1][0] == -1
            and len(branch[0][1][1]) == 1
            and branch[0][1][1][0][0] in _CONSUMING
            and branch[1][0] in _CONSUMING
            and branch[2] == (sre.AT, sre.AT_END)
        )
        if lookbehind:
            (op, av) = branch[0][1][1][0]
            for char in chars:
                allowed.setdefault(char, set()).update(_chars(state, op, av))
    for chars, branch in ends:
        low, high = sre_parse.SubPattern(state, list(branch)).getwidth()
        if (low, high) == (1, 1):
            continue
        for char in chars & allowed.keys():
            before = _before_last(branch, state)
            if before is None or low == 0:
                allowed[char] = set()
            else:
                allowed[char] -= before
    return {
        c: _ranges(x)
        for c, x in sorted(allowed.items())
        if x and c not in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    }


def _ranges(chars: set[str]) -> list[int]:
    """`chars` as code point bounds `[start, end, start, end, ...]` (end exclusive): a character
    is in the set when `bisect_right(bounds, ord(char))` is odd. 100,000 characters become a
    few thousand bounds, read in no time, where a set of them took 10 ms to build at every start."""
    bounds: list[int] = []
    for point in sorted(map(ord, chars)):
        if bounds and bounds[-1] == point:
            bounds[-1] = point + 1
        else:
            bounds += [point, point + 1]
    return bounds


def affix_edges(prefix: str, suffix: str) -> dict[str, Any]:
    """What lets the tokenizer skip or shorten the prefix and suffix searches, proved from the patterns.

    - `prefix_anchored`: every alternative of the prefix pattern starts with `^`, so a search
      can only match at 0, and `match` gives what `search` gives (the same alternatives, tried
      in the same order, at the one place they can match).
    - `prefix_first`: the characters a prefix match can start with. A piece starting with
      another character has no prefix (a match of no characters counts as none in spaCy).
    - `suffix_last`: likewise, the characters a suffix match can end with.
    - `prefix_longer`: the characters of `prefix_first` that are not always, starting a
      piece, its prefix alone (`_single_prefixes`); the others are (kept this way round: a
      handful of characters, not thousands to load at each start).
    - `suffix_single`: characters that, ending a piece, are always its suffix, alone
      (`_single_suffixes`).
    - `suffix_after`: characters that, ending a piece after one of the characters listed with
      them (as code point bounds, `_ranges`), are its suffix alone (`_suffixes_after`; the full
      stop after a lowercase letter).
    - `suffix_width`, `suffix_unbounded_last`: the longest match of the alternatives of bounded
      width, and the last characters of the others. A piece ending in none of the latter can
      only have a suffix match starting in its last `suffix_width` characters, so the search
      may start there: lookbehinds still see the whole piece (`Pattern.search(string, pos)`).
    """
    parsed, branches = _branches(prefix)
    anchored = all(b and b[0] == (sre.AT, sre.AT_BEGINNING) for b in branches)
    first = set().union(*(_edge(b, parsed.state, last=False)[0] for b in branches))
    prefix_single = _single_prefixes(parsed.state, branches) if anchored else set()
    parsed, branches = _branches(suffix)
    last = set().union(*(_edge(b, parsed.state, last=True)[0] for b in branches))
    width = 0
    unbounded: set[str] = set()
    single = _single_suffixes(parsed.state, branches)
    after = _suffixes_after(parsed.state, branches)
    for branch in branches:
        high = sre_parse.SubPattern(parsed.state, list(branch)).getwidth()[1]
        if high >= sre.MAXREPEAT:
            unbounded |= _edge(branch, parsed.state, last=True)[0]
        else:
            width = max(width, high)
    return {
        "prefix_anchored": anchored,
        "prefix_first": "".join(sorted(first)),
        "prefix_longer": "".join(sorted(first - prefix_single)) if anchored else None,
        "suffix_last": "".join(sorted(last)),
        "suffix_single": "".join(sorted(single)),
        "suffix_after": {c: x for c, x in after.items() if c not in single},
        "suffix_width": width,
        "suffix_unbounded_last": "".join(sorted(unbounded)),
    }


def attach_edges(infix: str | None, url_match: str | None) -> dict[str, Any]:
    """What lets the tokenizer skip or narrow `url_match` and the infix search, proved from the
    patterns (`_attach_tokens` runs them on every piece the affix loop leaves that is no
    special case and not plain: hyphenated words, numbers with commas, ...).

    - `infix_first`: the characters an infix match can start with (lookbehinds are zero-width),
      when no alternative can match nothing. Then a match can only start at one of these, and
      trying the pattern there (`Pattern.match(string, pos)`: lookbehinds still see the whole
      piece), left to right from the end of the last match, finds what `finditer` finds.
    - `url_needs`: a character every `url_match` match holds (a URL's host has a full stop), if
      the analysis finds one: the alternatives are all dead (`_dead`) on strings without it.
    """
    found: dict[str, Any] = {}
    if infix:
        parsed, branches = _branches(infix)
        edges = [_edge(b, parsed.state, last=False) for b in branches]
        widths = [sre_parse.SubPattern(parsed.state, list(b)).getwidth()[0] for b in branches]
        if not any(empty for _chars, empty in edges) and min(widths) >= 1:
            found["infix_first"] = "".join(sorted(set().union(*(chars for chars, _empty in edges))))
    if url_match:
        parsed, branches = _branches(url_match)
        for char in "./:@":
            allowed = _EVERY_CHARACTER.replace(char, "")
            if all(_dead(b, parsed.state, allowed)[0] for b in branches):
                found["url_needs"] = char
                break
    return found


def build() -> dict[str, Any]:
    """Everything `tokenizer_data.json` holds, from the installed spaCy and this Python."""
    data = spacy_settings()
    patterns = [p for p in (data["prefix"], data["suffix"], data["infix"], data["url_match"]) if p]
    if data["token_match"]:
        patterns.append(data["token_match"])
    derived: dict[str, Any] = {"unicode_version": unicodedata.unidata_version}
    derived["plain_excluded"] = {kind: plain_excluded(patterns, kind) for kind in KINDS}
    if data["prefix"] and data["suffix"]:
        derived.update(affix_edges(data["prefix"], data["suffix"]))
    derived.update(attach_edges(data["infix"], data["url_match"]))
    data["derived"] = derived
    return data


def render(data: dict[str, Any]) -> str:
    """The file's text: JSON, one special case a line, so a spaCy upgrade reads as a short diff."""
    head = {k: v for k, v in data.items() if k not in ("special_cases", "matcher_patterns")}
    head["about"] = (
        f"Blank English's tokenizer settings from spaCy {data['spacy_version']} (MIT, (c) Explosion AI;"
        " see THIRD-PARTY-NOTICES.md). Generated by `python -m annotator.nlp.lang.en.make_tokenizer_data`:"
        " do not edit by hand; tests/nlp/test_tokenizer_data.py regenerates it and fails on any difference."
    )
    text = json.dumps(head, ensure_ascii=False, indent=1, sort_keys=True)[:-2]
    for key in ("special_cases", "matcher_patterns"):
        rows = ",\n".join(
            f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(list(v), ensure_ascii=False)}"
            for k, v in data[key].items()
        )
        text += f',\n "{key}": {{\n{rows}\n }}'
    return text + "\n}\n"


PATTERN_KEYS = ("prefix", "suffix", "infix", "token_match", "url_match")


def compiled_patterns(data: dict[str, Any]) -> dict[str, Any]:
    """What this Python's regular-expression compiler makes of each pattern (`re._compiler.compile`,
    step by step), for `tokenizer_code.json`: compiling spaCy's four English patterns takes
    about 26 ms at every start, of a cold export's 0.35 s, and `_sre.compile` from this takes
    0.1 ms. The code is the engine's own, so it holds only for the Python minor version, engine
    magic and code size it was made with; the tokenizer checks all three, and the pattern's
    hash, and compiles the pattern itself on any other (`tokenizer.compiled_pattern`).
    """
    patterns: dict[str, Any] = {}
    for key in PATTERN_KEYS:
        source = data[key]
        if source is None:
            continue
        parsed = sre_parse.parse(source, 0)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        patterns[key] = {
            "sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
            "flags": parsed.state.flags,
            "code": sre_compile._code(parsed, 0),
            "groups": parsed.state.groups,
            "groupindex": groupindex,
            "indexgroup": indexgroup,
        }
    return {
        "about": "What Python's regular-expression compiler makes of tokenizer_data.json's patterns, "
        "for this Python only. Generated by `python -m annotator.nlp.lang.en.make_tokenizer_data`.",
        "python": "{}.{}".format(*sys.version_info[:2]),
        "sre_magic": _sre.MAGIC,
        "codesize": _sre.CODESIZE,
        "patterns": patterns,
    }


def render_code(code: dict[str, Any]) -> str:
    """`tokenizer_code.json`'s text: one pattern's code a line."""
    head = {k: v for k, v in code.items() if k != "patterns"}
    text = json.dumps(head, indent=1, sort_keys=True)[:-2]
    rows = ",\n".join(
        f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in code["patterns"].items()
    )
    return text + f',\n "patterns": {{\n{rows}\n }}\n}}\n'


def main() -> None:
    data = build()
    TARGET.write_text(render(data), encoding="utf-8", newline="\n")
    CODE_TARGET.write_text(render_code(compiled_patterns(data)), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
