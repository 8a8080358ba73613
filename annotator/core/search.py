"""Finding words in article texts as the article list's search does: case folded.

Not in `core.text`, whose source is part of the pre-annotation rules' hash (`RULES_VERSION`):
a change here must not make every cached analysis be redone.
"""

from __future__ import annotations


def folded_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where `needle` stands in the text, ignoring case as `str.casefold` does, in code points.

    The same test as the article list's search of the texts, so an article listed for a word
    always shows where the word is. Folding may lengthen a character ("ß" to "ss"); a match
    then covers the whole of each character it touches, and two matches inside one character
    are one place.
    """
    folded_needle = needle.casefold()
    if not folded_needle:
        return []
    folded = text.casefold()
    if len(folded) == len(text):  # each character folds to one: offsets are the text's
        origin: list[int] | None = None
    else:
        origin = [index for index, char in enumerate(text) for _ in char.casefold()]
    spans: list[tuple[int, int]] = []
    found = folded.find(folded_needle)
    while found >= 0:
        end = found + len(folded_needle)
        span = (found, end) if origin is None else (origin[found], origin[end - 1] + 1)
        if not spans or spans[-1][1] <= span[0]:  # "s" twice in one "ß" is one place
            spans.append(span)
        found = folded.find(folded_needle, end)
    return spans
