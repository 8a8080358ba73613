"""The choice of how spans are matched between annotators, made one way wherever it is offered.

The review called it "Match" and the dashboard "Agreement on", with different items and no
word on what either meant: one option under two names read as two options.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from annotator.core.agreement import MatchMode
from annotator.ui.plain import tip


def _tr(text: str) -> str:
    """Translate a string outside a QObject method (one context for the module's loose strings)."""
    return QCoreApplication.translate("annotator", text)


def span_match_box(match: MatchMode, parent: QWidget | None = None) -> tuple[QLabel, QComboBox]:
    """The label (Alt+M) and the box that picks exact or relaxed matching, `match` chosen.

    The box takes the focus from Alt+M, Tab or a click, never by itself: Up or Down would
    switch the match unawares.
    """
    box = QComboBox(parent)
    box.addItem(_tr("Exact spans"), "exact")
    box.addItem(_tr("Relaxed spans"), "relaxed")
    box.setCurrentIndex(0 if match == "exact" else 1)
    box.setAccessibleName(_tr("Match spans"))
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label = QLabel(_tr("&Match spans:"), parent)
    label.setBuddy(box)
    about = tip(
        _tr(
            "When two people's spans count as the same span. Exact: the same start and end. "
            "Relaxed: in the same sentence, or overlapping by at least half of the shorter one."
        )
    )
    label.setToolTip(about)
    box.setToolTip(about)
    return label, box
