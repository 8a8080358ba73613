"""What J / K say of the claim candidate they select, in an annotator's translated words.

The rules that find candidates (`nlp.candidates`) name the cues that moved a sentence's score
("date", "named entity", "attribution", "hedge") and the score itself; the status bar said
"Candidate 1 of 22 (score 0.40; date, named entity, attribution, hedge)", which a person
labelling news could not read: "score" and "hedge" are the rules' words, 0.40 a figure with no
scale. Here the cues are said as what the sentence has or does, and the score as how strong a
sign of a checkable claim it is, each phrase through Qt's translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.services.labelling import CandidateStep

LONGEST = 110
"""Characters a candidate's line may take: at 1366 px the status bar's message has about this
much room beside the project's and the model's names (which then shrink), and a line cut
with "…" loses the cue said last, a hedge or an opinion, which matters most."""

STRONG_SCORE = 0.5
"""At least this is a strong sign: the rules' base (0.2) and two cues, such as a number and a name."""
WEAK_SCORE = 0.3
"""Below this is a weak one: no cue at all, or a hedge or an opinion outweighing the cues."""


def _tr(text: str) -> str:
    """The window's context for its loose strings (as `ui.claim_authors`)."""
    return QCoreApplication.translate("annotator", text)


def _has(reason: str) -> str | None:
    """What a sentence with this cue has, or None for a cue said otherwise."""
    words = {
        "number": _tr("a number"),
        "percentage": _tr("a percentage"),
        "money": _tr("a sum of money"),
        "date": _tr("a date"),
        "named entity": _tr("a name"),
        "comparison": _tr("a comparison"),
        "reported speech": _tr("a quotation"),
    }
    return words.get(reason)


def _other(reason: str, *, examples: bool = True, hedges: tuple[str, ...] = ()) -> str:
    """A cue that is no thing the sentence has, with examples of its words unless the line is
    short of room; one these rules do not know (a newer version's, read from a project it
    wrote) keeps its own name. A hedge's examples are the sentence's own hedge words (at most
    two), never words it does not hold."""
    if reason == "attribution":
        return _tr("says who said it")
    if reason == "hedge":
        if not examples or not hedges:
            return _tr("hedged")
        return _tr("hedged ({0})").format(", ".join(f"“{word}”" for word in hedges[:2]))
    if reason == "first-person opinion":
        return _tr("an opinion (“I think”)") if examples else _tr("an opinion")
    return reason


def strength_text(score: float) -> str:
    """How strong a sign of a checkable claim the rules' score is, in a word."""
    if score >= STRONG_SCORE:
        return _tr("strong")
    if score < WEAK_SCORE:
        return _tr("weak")
    return _tr("fair")


def candidate_text(step: CandidateStep) -> str:
    """ "Likely claim 1 of 22 (strong): has a date, a name; says who said it; hedged (“may”)".

    The things the sentence has go first and are the ones left out, "and more" said in their
    place, when the line would be longer than `LONGEST`, then the examples of a hedge's and an
    opinion's words: what lowers the score stays.
    """
    candidate = step.candidate
    head = _tr("Likely claim {0} of {1} ({2})").format(
        step.number, step.count, strength_text(candidate.score)
    )
    things = [word for word in map(_has, candidate.reasons) if word is not None]
    others = [reason for reason in candidate.reasons if _has(reason) is None]
    if not things and not others:
        return _tr("{0}: no number, name or source").format(head)
    line = ""
    for examples in (True, False):
        for shown in range(len(things), 0 if things else -1, -1):
            parts = [_other(reason, examples=examples, hedges=step.hedges) for reason in others]
            if shown:
                listed = ", ".join(things[:shown])
                if shown < len(things):
                    listed = _tr("{0} and more").format(listed)
                parts.insert(0, _tr("has {0}").format(listed))
            line = _tr("{0}: {1}").format(head, "; ".join(parts))
            if len(line) <= LONGEST:
                return line
    return line
