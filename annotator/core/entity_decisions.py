"""What a project's people decided about names, carried to the project's other articles.

The small English model makes the same mistake in every article of a project: "AI" a place
in each technology story, a company it does not know missed in each. A person who rejects
"AI" as GPE, or adds "Anthropic" as ORG, has said something about the name, not about one
mention of it. So the project's other articles (when pre-annotated, and when the window opens
one pre-annotated earlier) do not suggest a name with a type people rejected and never
accepted, and suggest a name people added by hand (and never rejected with that type)
wherever it stands as whole words and no entity covers it.

Only suggestions change: a person's decision on a mention is never overridden, and the
analysis cache keeps what the model found, so the decisions apply afresh each time.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from annotator.core.model import Entity, EntityStatus
from annotator.core.search import ends_before_a_particle
from annotator.core.text import marked_at_edges, trim_to_name, written_without_spaces

FROM_DECISIONS = "decisions"
DECISIONS_CARRIED_META = "entity_decisions_carried"
"""Meta key: the fingerprint of the decisions last carried to every article. The store drops it
whenever it writes suggestions under other decisions (an article opened, one pre-annotated),
so it is only there while every article's suggestions follow those decisions."""
"""The `model` of a suggestion made from a name people added elsewhere in the project."""


def entity_name(text: str, start: int, end: int) -> str:
    """A mention's name as people read it: its words, the spaces and line breaks between them
    collapsed to one space (`name_key`).

    A name a person selected over a line break (a hard-wrapped article's "Washington" at a
    line's end and "Post" on the next) is the whole name: named by its first line, adding it
    as ORG carried "Washington" as an organisation to every article. Pre-annotation's names never cross a line
    (`core.name_extent` cuts them where they are found), so no dateline's run-on DATE
    reaches here.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return name_key(text[start:end])


def name_key(name: str) -> str:
    """A name as decisions compare it: composed (NFC), its white space collapsed to one space.

    Articles keep the characters their source wrote: "José" with a combining accent (text from
    macOS or some newsroom systems) or "Emmanuel Macron" with a no-break space (`&nbsp;` of a
    web page). Compared as written, "José" rejected in one article was still suggested in the
    next, and a name added in one was suggested in no article that wrote it the other way.
    """
    if not name.isascii():
        name = unicodedata.normalize("NFC", name)
    return " ".join(name.split())


def judged_mentions(decided: Sequence[tuple[int, int, str, str, str]]) -> list[tuple[str, str, str]]:
    """(name, label, status) of one article's decided mentions, given as (start, end, name,
    label, status), without the rejections that only moved a boundary: "Iraq" rejected where
    a person kept "Islamic State of Iraq" says nothing about "Iraq" as a place."""
    return [(name, label, status) for _start, _end, name, label, status in _judged(decided)]


def _judged(decided: Sequence[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    kept = [
        (start, end) for start, end, _name, _label, status in decided if status != EntityStatus.REJECTED.value
    ]
    return [
        (start, end, name, label, status)
        for start, end, name, label, status in decided
        if status != EntityStatus.REJECTED.value
        or not any(s < end and start < e and (s, e) != (start, end) for s, e in kept)
    ]


NOT_SUGGESTED = "not suggested"
SUGGESTED_EVERYWHERE = "suggested wherever it stands"
# Said of a name both rejected and kept, by one person or several: the mentions do not say
# who decided, and "people disagree" was said of one annotator's own two decisions.
PEOPLE_DISAGREE = "not carried: both rejected and kept"
TWO_TYPES = "not carried: added with two types"


@dataclass(frozen=True)
class DecidedName:
    """One name and type people decided on, as the project carries it, and where to see it.

    Why a list: a single R carries to every article, so a person must be able to see what
    the team has ruled out and go to where it was decided, to change it there (accepting a
    rejected mention, or rejecting an added one, stops the carrying)."""

    name: str
    label: str
    carried: str
    """`NOT_SUGGESTED`, `SUGGESTED_EVERYWHERE`, `PEOPLE_DISAGREE` or `TWO_TYPES`."""
    rejected: int
    """Mentions people rejected (boundary fixes aside)."""
    kept: int
    """Mentions people accepted or added."""
    articles: int
    where: tuple[int, int, int]
    """(article id, start, end) of the first mention that decides how it is carried."""


def decided_names(decided: Iterable[tuple[int, int, int, str, str, str]]) -> list[DecidedName]:
    """Every name and type that carries, or that people's disagreement keeps from carrying,
    from the decided mentions (article id, start, end, name, label, status) of a project,
    grouped by article; in the order `EntityDecisions.from_mentions` reads them. Names people
    only accepted change nothing elsewhere, and are left out."""
    by_key: dict[tuple[str, str], list[tuple[int, int, int, str]]] = {}
    article_rows: list[tuple[int, int, str, str, str]] = []
    current: int | None = None

    def flush() -> None:
        for start, end, name, label, status in _judged(article_rows):
            key = (name_key(name), label)
            if key[0]:
                by_key.setdefault(key, []).append((current or 0, start, end, status))

    for article_id, start, end, name, label, status in decided:
        if article_id != current:
            flush()
            current, article_rows = article_id, []
        article_rows.append((start, end, name, label, status))
    flush()
    decisions = EntityDecisions.from_mentions(
        (name, label, status) for (name, label), rows in by_key.items() for *_pos, status in rows
    )
    _pattern, single_types = decisions.added_names
    rejected_value, added_value = EntityStatus.REJECTED.value, EntityStatus.ADDED.value
    names: list[DecidedName] = []
    for (name, label), rows in by_key.items():
        statuses = {status for *_pos, status in rows}
        if (name, label) in decisions.rejected:
            carried, deciding = NOT_SUGGESTED, rejected_value
        elif (name, label) in decisions.added:
            carried = SUGGESTED_EVERYWHERE if name in single_types else TWO_TYPES
            deciding = added_value
        elif rejected_value in statuses:
            carried, deciding = PEOPLE_DISAGREE, rejected_value
        else:
            continue  # only accepted: nothing changes elsewhere
        first = next(row for row in rows if row[3] == deciding)
        names.append(
            DecidedName(
                name=name,
                label=label,
                carried=carried,
                rejected=sum(1 for row in rows if row[3] == rejected_value),
                kept=sum(1 for row in rows if row[3] != rejected_value),
                articles=len({row[0] for row in rows}),
                where=first[:3],
            )
        )
    return names


@dataclass(frozen=True)
class EntityDecisions:
    """Names (with a type) people rejected and never accepted, and names they added by hand
    and never rejected with that type."""

    rejected: frozenset[tuple[str, str]] = frozenset()
    added: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def from_mentions(cls, mentions: Iterable[tuple[str, str, str]]) -> EntityDecisions:
        """From (name, label, status) of every mention a person decided on or added."""
        seen: dict[tuple[str, str], set[str]] = {}
        for name, label, status in mentions:
            name = name_key(name)
            if name:
                seen.setdefault((name, label), set()).add(status)
        rejected = EntityStatus.REJECTED.value
        kept = {EntityStatus.ACCEPTED.value, EntityStatus.ADDED.value}
        return cls(
            rejected=frozenset(
                key for key, statuses in seen.items() if rejected in statuses and not statuses & kept
            ),
            added=frozenset(
                key
                for key, statuses in seen.items()
                if EntityStatus.ADDED.value in statuses and rejected not in statuses
            ),
        )

    def __bool__(self) -> bool:
        return bool(self.rejected or self.added)

    @cached_property
    def fingerprint(self) -> str:
        """The same for the same decisions, whatever order they were read in: a project records
        the one it last carried to every article (`DECISIONS_CARRIED_META`)."""
        body = json.dumps([sorted(self.rejected), sorted(self.added)], ensure_ascii=False)
        return hashlib.sha256(body.encode("utf-8", "surrogateescape")).hexdigest()

    @cached_property
    def added_names(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """One pattern for every added name, longest first, and each name's type. One pass
        over a text, however many names a project has added; a name added with two types is
        ambiguous, and left to people. That a name starts and ends a word is for the caller to
        check (`whole_words`): without a look-behind the pattern starts with the names
        themselves, and the regex engine skips to the characters they begin with (a 1 MB
        article: 6 ms rather than 21); a look-ahead for no letter after a name never let a
        Chinese or Japanese name end, which always has one.

        A name is found as any article may write it (`name_key`): composed or decomposed, and
        with any spaces between its words but a line break. What it found is the name's
        `name_key`, which its type is given under."""
        types: dict[str, set[str]] = {}
        for name, label in self.added:
            if key := name_key(name):
                types.setdefault(key, set()).add(label)
        single = {name: labels.pop() for name, labels in types.items() if len(labels) == 1}
        if not single:
            return None, {}
        written = {form for name in single for form in (name, unicodedata.normalize("NFD", name))}
        alternatives = "|".join(
            _ANY_SPACES.join(re.escape(word) for word in form.split(" "))
            for form in sorted(written, key=lambda form: (-len(form), form))
        )
        return re.compile(f"(?:{alternatives})"), single


_ANY_SPACES = r"[^\S\n]+"
"""Between an added name's words: the white space an article may put there, but a line break
(a name's mentions stay within a line, as pre-annotation finds them: `core.name_extent`)."""


@dataclass(frozen=True)
class Applied:
    """The suggestions to save, and what the decisions changed in them."""

    entities: tuple[Entity, ...]
    left_out: int = 0
    suggested: int = 0


def apply_decisions(
    text: str,
    entities: Sequence[Entity],
    decisions: EntityDecisions,
    *,
    standing: Iterable[tuple[int, int]] = (),
) -> Applied:
    """`entities` (a pre-annotation's suggestions for `text`) without the names people rejected,
    with the names people added wherever they stand as whole words outside every entity kept
    and every `standing` span (the article's own entities a person accepted or added)."""
    if not decisions:
        return Applied(tuple(entities))
    kept = [e for e in entities if (entity_name(text, e.start, e.end), e.label) not in decisions.rejected]
    found: list[Entity] = []
    pattern, types = decisions.added_names
    overlaps = _Coverage({*standing, *((e.start, e.end) for e in kept)}).overlaps
    for match in whole_words(pattern, text) if pattern is not None else ():
        start, end = match.span()
        if _inside_longer_name(text, start, end) or marked_at_edges(text, start, end) or overlaps(start, end):
            continue
        label = types[name_key(match.group())]
        found.append(Entity(start, end, label, EntityStatus.SUGGESTED, model=FROM_DECISIONS))
    return Applied(tuple(kept + found), left_out=len(entities) - len(kept), suggested=len(found))


_WORD_CHARACTER = re.compile(r"\w")


def whole_words(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""What `(?<!\w)` before `pattern` and `(?!\w)` after it would find with `finditer`, but
    in scripts written without spaces between words: its matches that start and end a word
    (`_starts_a_word`, `_ends_a_word`), each searched for from the end of the last one found.

    A look-behind (the same for every alternative at a place) made the regex engine try each
    place of the text in turn; after a match it refuses, the next place is tried, as the
    engine would. Where the longest name from a place runs on into a word ("AI Act" of
    "AI Actually"), a shorter one from there is tried ("AI"), as a look-ahead would.
    A Chinese or Japanese name always has letters beside it ("国家主席习近平5日"): a name
    people added there was suggested nowhere else.
    """
    search, match_at = pattern.search, pattern.match
    at = 0
    while (match := search(text, at)) is not None:
        start = match.start()
        found: re.Match[str] | None = match if _starts_a_word(text, start) else None
        while found is not None and not _ends_a_word(text, found.end()):
            found = match_at(text, start, found.end() - 1) if found.end() > start else None
        if found is None:
            at = start + 1
            continue
        yield found
        at = found.end() if found.end() > start else start + 1


def _starts_a_word(text: str, start: int) -> bool:
    """Whether a name may start at `start`: no word character before it, or a letter of a
    script written without spaces between words on either side (`written_without_spaces`),
    where any letter may start a word, as the search reads one (`core.search.starts_a_word`)."""
    if start <= 0:
        return True
    before = text[start - 1]
    return (
        _WORD_CHARACTER.match(before) is None
        or written_without_spaces(before)
        or written_without_spaces(text[start])
    )


def _ends_a_word(text: str, end: int) -> bool:
    """Whether a name may end at `end`: the same, with the word character looked for after it,
    or a Korean particle after it that ends the word ("트럼프는", `ends_before_a_particle`)."""
    if end >= len(text) or end <= 0:
        return True
    after = text[end]
    return (
        _WORD_CHARACTER.match(after) is None
        or written_without_spaces(after)
        or written_without_spaces(text[end - 1])
        or ends_before_a_particle(text, end)
    )


class _Coverage:
    """Whether a span overlaps any of many spans, in O(log n).

    Why: an added name is looked for all over the text, and each occurrence was checked
    against every entity kept; a name found 150 times in a 1 MB article (16,000 entities)
    held the window for 150 ms each time the article opened. Spans sorted by start, with the
    furthest end reached so far: some span starting before `end` reaches past `start` exactly
    when one overlaps, nested and empty spans included.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _e in ordered]
        self._reach = list(itertools.accumulate((e for _s, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span (s, e) has s < end and start < e."""
        before = bisect.bisect_left(self._starts, end)
        return before > 0 and self._reach[before - 1] > start


_SPACE = " \u00a0"


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word runs on from the occurrence ("Conservative Party", "Canadian
    Parliament"): a longer name the model missed, which the shorter name would mislabel. A
    capitalised word that starts a sentence or a line is no evidence, nor one that ends the
    sentence or clause before ("…said Sam Altman. Anthropic", "Sam Altman, Anthropic"): its
    full stop or comma is no part of a name, as an abbreviation's is ("St. Louis", "U.S.
    Congress"; `trim_to_name`). Read as a longer name, a name people added was suggested at
    none of the mentions that open a sentence after a name."""
    if end + 1 < len(text) and text[end] in _SPACE and text[end + 1].isupper():
        return True
    before = start - 1
    if before < 1 or text[before] not in _SPACE:
        return False
    word_start = before
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    if not text[word_start].isupper() or trim_to_name(text, word_start, before)[1] < before:
        return False
    lead = word_start - 1  # the last character before the word and its spaces, found without
    while lead >= 0 and text[lead] in _SPACE:  # copying the text before it (1 MB per occurrence)
        lead -= 1
    return lead >= 0 and text[lead] not in ".!?:\n\"“‘'"
