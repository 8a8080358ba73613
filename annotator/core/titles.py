"""How an article's title names it on screen: one rule for the list, the status bar, the
dashboard and the review.

Not in `core.text`, whose source is part of the pre-annotation rules' hash (`RULES_VERSION`):
a change of how titles are shown must not make every cached analysis be redone.
"""

from __future__ import annotations

import unicodedata

_SHOWING_CATEGORIES = frozenset("LNPS")
"""The first letters of the Unicode categories of characters that show: letters, numbers,
punctuation and symbols (not spaces, controls or format characters such as U+200B)."""


def title_on_one_line(title: str) -> str:
    """A stored title as it names an article on screen: its white space (line breaks, tabs,
    runs of spaces) folded to one space, and empty where nothing in it would show.

    The one rule for every place that names an article, which the list, the status bar, the
    dashboard and the review each had their own of: a title of U+200B or U+FEFF alone was
    "" to none of them and a blank row, bar or quote to all, and a title with a line break
    was its first line in the list but both in the status bar. Where this is empty the
    article is named by its id ("Article 12"), as the list names it. The stored title is
    left as the file had it: exports keep it.
    """
    if not any(unicodedata.category(char)[0] in _SHOWING_CATEGORIES for char in title):
        return ""
    folded = " ".join(title.split())
    return title if folded == title else folded  # most titles: no copy at each key of the search
