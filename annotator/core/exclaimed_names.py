"""Names written with an exclamation mark as part of them ("Yahoo!", "Jeopardy!").

Data apart from the rule that reads it (`core.text.trim_to_name`), as spaCy keeps its language
data. A name here keeps its "!" even where the sentence ends after it ("He works at Yahoo!"),
where the mark cannot tell the name's from the sentence's. Only names whose word is rarely
an exclamation of its own belong here: "Oklahoma!" the musical is left out, as "Oklahoma!"
at a sentence's end is far more often the state, and "Hello!" the magazine too. A name of
several words is written with one space between them ("Mamma Mia"), however the text spaces it.
"""

from __future__ import annotations

EXCLAIMED_NAMES: frozenset[str] = frozenset({"Yahoo", "Jeopardy", "Wham", "Mamma Mia"})
