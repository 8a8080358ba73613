"""Who a claim is by, in the window's words: a person by their name, a gold label as the team's decision.

Gold labels are stored as claims of the reserved annotator `gold` (`core.model.GOLD_ANNOTATOR`),
with the reviewer in `decided_by`. Shown by that name, they read as the work of one more
annotator called "gold" beside alice, bob and carol, whose labels they settle: the claim list's
By column said "gold", and the line under the text "Claim: factual by gold". Every place
that names a claim's author asks here, so the list, its tooltips, what a screen reader says and
the line under the text say the same.

A reviewer's "no claim" decision is no claim: it is stored apart (`gold_no_claim`) and never
reaches the claim list or the text's highlights, so nothing here names one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annotator.core.model import Claim
from annotator.ui.legend import label_text


def _tr(text: str) -> str:
    """Translate a string outside a QObject method (one context for the module's loose strings)."""
    return QCoreApplication.translate("annotator", text)


def by_text(claim: Claim) -> str:
    """The By column's words: the person's name, or "Gold" for a reviewer's decision.

    The reviewer is in the cell's tooltip and what a screen reader says, not in the cell:
    "Gold (dana)" in bold was twice a name's width, and the By column gave way to the
    claim's text at 1366 px on the first team file reviewed.
    """
    if not claim.is_gold:
        return claim.annotator
    return _tr("Gold")


def decided_by_text(claim: Claim) -> str:
    """A gold label said in words (for tooltips and screen readers, which see no bold type):
    "gold label, decided by dana"; a person's claim as "by alice"."""
    if not claim.is_gold:
        return _tr("by {0}").format(claim.annotator)
    if claim.decided_by:
        return _tr("gold label, decided by {0}").format(claim.decided_by)
    return _tr("gold label")


def labelled_by_text(claim: Claim) -> str:
    """The label and who gave it: "Factual, by alice", or "Factual, gold label, decided by dana"."""
    return _tr("{0}, {1}").format(label_text(claim.label), decided_by_text(claim))


def gold_tooltip(claim: Claim) -> str:
    """Why a By cell reads "Gold": whose decision it is and where it was made."""
    reviewer = claim.decided_by or _tr("a reviewer")
    return _tr(
        "Gold label: the team's decision on this span, made by {0} in Team ▸ Review Disagreements"
    ).format(reviewer)


def status_text(claim: Claim, label: str) -> str:
    """The line under the text for a claim at the caret, its label already in words:
    "Claim: factual by alice", or "Gold label: factual, decided by dana"."""
    if not claim.is_gold:
        return _tr("Claim: {0} by {1}").format(label, claim.annotator)
    if claim.decided_by:
        return _tr("Gold label: {0}, decided by {1}").format(label, claim.decided_by)
    return _tr("Gold label: {0}").format(label)
