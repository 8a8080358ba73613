"""Where an entity's name ends as a person reads it: the one piece of core text handling that
shapes an analysis.

It lives apart from `core.text` because the rules' hash (`nlp.pipeline.RULES_VERSION`) covers
every module whose code shapes an analysis, and a change to a selection rule of `core.text`
(how a person's selection widens to whole words) redid every project's cached analyses for
nothing.
"""

from __future__ import annotations


def name_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of an entity's span a person reads as the name: up to its first line break, trimmed.

    spaCy's English models let a dateline's DATE run on over its non-breaking space and
    line breaks, sometimes into the next paragraph's first words; no name crosses a line.
    An empty result (start == end) means the span held only white space.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    line_break = text.find("\n", start, end)
    if line_break >= 0:
        end = line_break
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
