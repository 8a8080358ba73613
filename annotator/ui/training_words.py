"""Whether the labels are enough to train, in the window's translated words.

The services decide (`services.suggestions.training_readiness`, the rules training refuses by)
and return the refusal's kind and figures (`core.suggestions.TrainingRefusal`); the command
line says them in English (`TrainingReadiness.sentence`). The window said that English as it
came, the one part of the Train dialog no translation could reach. Here each sentence is the
window's own, through Qt's translation, with the same English source.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from annotator.core.suggestions import RefusalKind, TrainingReadiness


def _tr(text: str) -> str:
    """The Train dialog's context: these lines are its own, also where a refused training ends."""
    return QCoreApplication.translate("TrainDialog", text)


def readiness_text(readiness: TrainingReadiness) -> str:
    """What to label before training can start, then the counts (and why they are passages);
    the counts alone when training can start."""
    parts = [refusal_text(readiness), counts_text(readiness)]
    if not readiness.ready and readiness.shared:
        parts.append(
            _tr(
                "A passage several people labelled counts once (with the review's decision, or else the "
                "label most of them gave; ties are left out), so these can be fewer than the claims the "
                "dashboard counts."
            )
        )
    return " ".join(part for part in parts if part)


def counts_text(readiness: TrainingReadiness) -> str:
    """ "You have 3 factual, 0 opinion, 0 questionable (in 2 articles).", passages on a team's file."""
    counts = ", ".join(_tr("{0} {1}").format(n, _label_word(label)) for label, n in readiness.counts.items())
    where = _tr("1 article") if readiness.articles == 1 else _tr("{0} articles").format(readiness.articles)
    if readiness.shared:
        return _tr("You have {0} passages (in {1}).").format(counts, where)
    return _tr("You have {0} (in {1}).").format(counts, where)


def refusal_text(readiness: TrainingReadiness) -> str:
    """Why Train waits, in one or two sentences ("" when it does not)."""
    refusal = readiness.refusal
    if refusal is None:
        return ""
    shared, least = readiness.shared, refusal.least
    if refusal.kind is RefusalKind.TWO_LABELS:
        if shared:
            return _tr("Label at least {0} passages each of two labels to train.").format(least)
        return _tr("Label at least {0} claims each of two labels to train.").format(least)
    if refusal.kind is RefusalKind.SECOND_LABEL:
        if shared:
            return _tr(
                "Label at least {0} passages of a second label to train: a classifier needs two labels "
                "with {0} passages each."
            ).format(least)
        return _tr(
            "Label at least {0} claims of a second label to train: a classifier needs two labels with "
            "{0} claims each."
        ).format(least)
    if refusal.kind is RefusalKind.LABELS_SHORT:
        wanted = _and([_tr("{0} more {1}").format(more, _label_word(label)) for label, more in refusal.short])
        if len(refusal.short) == 1 and refusal.short[0][1] == 1:
            if shared:
                return _tr("Label {0} passage to train: each label in use needs at least {1}.").format(
                    wanted, least
                )
            return _tr("Label {0} claim to train: each label in use needs at least {1}.").format(
                wanted, least
            )
        if shared:
            return _tr("Label {0} passages to train: each label in use needs at least {1}.").format(
                wanted, least
            )
        return _tr("Label {0} claims to train: each label in use needs at least {1}.").format(wanted, least)
    if refusal.kind is RefusalKind.ONE_ARTICLE:
        return _tr(
            "All labelled claims are in one article; label claims in at least two articles so that "
            "whole articles can be held out for an honest evaluation."
        )
    if refusal.kind is RefusalKind.NONE_HELD_OUT:
        return _tr(
            "No article can be held out to evaluate the model: each holds so many claims of one label "
            "that holding it out would leave less than {0:.0%} of that label's claims to learn from. "
            "Label claims in more articles, then train again."
        ).format(refusal.kept)
    return _tr(
        "Only the newest articles have {0} claims, and those are held out for the evaluation; label "
        "some in older articles too, then train again."
    ).format(", ".join(_label_word(label) for label in refusal.missing))


def _label_word(label: str) -> str:
    """A label as a word inside a sentence ("3 factual"): its stored value, translated, as the
    legend translates its name (`ui.legend.label_text`), so a new label needs no entry here."""
    return _tr(label)


def _and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" in the window's words."""
    if len(items) == 1:
        return items[0]
    return _tr("{0} and {1}").format(", ".join(items[:-1]), items[-1])
