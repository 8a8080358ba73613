"""Words of the claim-candidate rules (`annotator.nlp.candidates`).

Kept apart from the rules so the window's services can name the hedge words a sentence holds
(`services.labelling.hedge_words`) from the same list the score was lowered by, without the
rules' numpy and spaCy.
"""

from __future__ import annotations

HEDGES = frozenset(
    [
        "may",
        "might",
        "could",
        "perhaps",
        "possibly",
        "probably",
        "likely",
        "unlikely",
        "apparently",
        "reportedly",
        "allegedly",
        "seem",
        "seems",
        "seemed",
        "appear",
        "appears",
        "suggest",
        "suggests",
        "suggested",
    ]
)
"""Words that make a sentence a weaker claim: a hedge lowers its score."""
