"""Whose labels File ▸ Export writes: everyone's, one annotator's, or the reviewers' gold labels.

The same choice as `annotator export` (no option, `--annotator NAME`, `--gold`): a team lead
who settled the disagreements in the review gets the settled file from the window, written by
the same service with the same options, so it holds the same bytes as the command line's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import GOLD_ANNOTATOR
from annotator.core.settings import Settings
from annotator.ui.dialogs import refill_keeping_pick, tab_along_the_buttons
from annotator.ui.drop_down_name import name_drop_down

LabelsKind = Literal["all", "annotator", "gold"]
NOTE_CHARACTERS = 50
"""The widest line of the notes under *Gold labels*, in the font's average characters."""


@dataclass(frozen=True)
class ExportLabels:
    """Whose claims an export writes; `annotator` only for the kind "annotator"."""

    kind: LabelsKind = "all"
    annotator: str = ""

    @property
    def gold(self) -> bool:
        return self.kind == "gold"

    @property
    def annotators(self) -> tuple[str, ...]:
        return (self.annotator,) if self.kind == "annotator" else ()

    def file_suffix(self) -> str:
        """What the proposed file name adds, so a gold file is not saved over everyone's."""
        if self.kind == "gold":
            return "-gold"
        return f"-{in_file_name(self.annotator)}" if self.kind == "annotator" else ""


_NOT_IN_FILE_NAMES = re.compile(r'[/\\:*?"<>|\x00-\x1f]')


def in_file_name(name: str) -> str:
    """A person's name as a file's name can hold it, on any system a team shares files from.

    A name may hold a slash ("Ana/Ben", a pair who label together): "team-Ana/Ben-prodigy.jsonl"
    proposed "Ben-prodigy.jsonl" in a folder "team-Ana" that does not exist.
    """
    return _NOT_IN_FILE_NAMES.sub("-", name)


EVERYONE = ExportLabels()


def people(annotators: list[str]) -> list[str]:
    """The project's annotators, without the reviewers' `gold`, which is no person's labels
    (and, as `--annotator gold`, only the decisions, not the spans everyone agreed on)."""
    return [name for name in annotators if name != GOLD_ANNOTATOR]


def needs_asking(annotators: list[str], has_gold: bool) -> bool:
    """Whether there is a choice: one annotator and no review is everyone's labels anyway."""
    return has_gold or len(people(annotators)) > 1


def remembered(
    settings: Settings, annotators: list[str], has_gold: bool, *, settled_here: bool = False
) -> ExportLabels:
    """The choice made last time, when this project still allows it; else everyone's labels.

    `settled_here`: the person exporting decided labels in this project's review. Before any
    choice, they get the gold labels proposed: the review's last words send them to File ▸
    Export for the settled labels, and an Enter there wrote everyone's instead.
    """
    names = people(annotators)
    if not settings.export_labels and settled_here and has_gold:
        return ExportLabels("gold")
    if settings.export_labels == "gold" and has_gold:
        return ExportLabels("gold")
    if settings.export_labels == "annotator":
        for name in (settings.export_annotator, settings.annotator):
            if name in names:
                return ExportLabels("annotator", name)
    return EVERYONE


class ExportLabelsDialog(QDialog):
    """Asks whose labels to export before the save dialog asks where."""

    def __init__(
        self,
        annotators: list[str],
        has_gold: bool,
        chosen: ExportLabels,
        parent: QWidget | None = None,
        *,
        agreed_waiting: bool = False,
    ) -> None:
        """`has_gold`: whether the gold export holds a claim (`adjudication.gold_holds_a_claim`).
        `agreed_waiting`: it holds none, though two annotators labelled a span alike."""
        super().__init__(parent)
        self.setObjectName("exportLabelsDialog")
        self.setWindowTitle(self.tr("Export"))
        names = people(annotators)
        self.everyone = QRadioButton(self.tr("&Everyone's labels"))
        self.everyone.setObjectName("exportEveryone")
        self.one = QRadioButton(self.tr("&One annotator's labels:"))
        self.one.setObjectName("exportOneAnnotator")
        self.annotator = QComboBox()
        self.annotator.setObjectName("exportAnnotator")
        self.annotator.addItems(names)
        name_drop_down(self.annotator, self.tr("Annotator"))
        # What gold holds is said below the choice, wrapped: in the choice's own words, which a
        # radio button never wraps, the dialog was 695 pixels wide at 200% with 1.5 times the
        # text on a 1366x768 laptop (683 wide), and Cancel lay past the screen's edge.
        self.gold = QRadioButton(self.tr("&Gold labels"))
        self.gold.setObjectName("exportGold")
        self.gold_what = QLabel(self.tr("The reviewers' decisions and the spans everyone agreed on."))
        self.gold_what.setObjectName("exportGoldWhat")
        self.gold_what.setWordWrap(True)
        self.gold.setAccessibleDescription(self.gold_what.text())
        self.group = QButtonGroup(self)
        for button in (self.everyone, self.one, self.gold):
            self.group.addButton(button)
        self.one.setEnabled(bool(names))
        self.gold.setEnabled(has_gold)
        # Said, not only greyed out: a lead who expects gold labels learns where they come from.
        if agreed_waiting:
            # A span labelled alike, which the person can see in the claim list, waits for its
            # article's disagreements: "there are neither" sent them looking for what they saw.
            why = self.tr(
                "No gold labels yet: no reviewer has given a label, and the spans the annotators "
                "of an article all labelled alike count once every disagreement of that article "
                "is decided, which none is. Decide disagreements in Team ▸ Review Disagreements… "
                "first."
            )
        else:
            why = self.tr(
                "No gold labels yet: gold holds the labels reviewers gave and the spans the "
                "annotators of an article all labelled alike, and there are neither. "
                "Decide disagreements in Team ▸ Review Disagreements… first."
            )
        self.no_gold = QLabel(why)
        self.no_gold.setObjectName("exportNoGold")
        self.no_gold.setWordWrap(True)
        self.no_gold.setVisible(not has_gold)
        # Gold offered, some spans labelled alike may still wait for their article's
        # disagreements (`agreed_gold` holds them back): said, so none is looked for in vain.
        self.gold_when = QLabel(
            self.tr(
                "The spans everyone agreed on count once every disagreement of their article is "
                "decided (Team ▸ Review Disagreements…)."
            )
        )
        self.gold_when.setObjectName("exportGoldWhen")
        self.gold_when.setWordWrap(True)
        self.gold_when.setVisible(has_gold)
        self.gold.setToolTip(self.gold_when.text() if has_gold else self.no_gold.text())

        if chosen.kind == "annotator" and chosen.annotator in names:
            self.annotator.setCurrentText(chosen.annotator)
            self.one.setChecked(True)
        elif chosen.kind == "gold" and has_gold:
            self.gold.setChecked(True)
        else:
            self.everyone.setChecked(True)
        self.annotator.setEnabled(self.one.isChecked())
        self.one.toggled.connect(self.annotator.setEnabled)
        self._names = names
        self._renamed: dict[str, str] = {}
        # The one picked gone in another window or program (`set_annotators`): said, under it.
        self.gone = QLabel()
        self.gone.setObjectName("exportAnnotatorGone")
        self.gone.setWordWrap(True)
        self.gone.setTextFormat(Qt.TextFormat.PlainText)
        self.gone.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # Not Alt+C: GNOME and the desktops that take its look name Cancel "&Cancel", and a letter
        # two buttons share only moves the focus between them.
        self.choose = buttons.addButton(self.tr("C&hoose File…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        one_row = QHBoxLayout()
        one_row.addWidget(self.one)
        one_row.addWidget(self.annotator, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Which labels to export?")))
        layout.addWidget(self.everyone)
        layout.addLayout(one_row)
        layout.addWidget(self.gone)
        # As wide as its words, as they are all it answers a click on.
        layout.addWidget(self.gold, 0, Qt.AlignmentFlag.AlignLeft)
        under_gold = QVBoxLayout()
        # Lined up with the choice's words, under the round button: they read as its own.
        style = self.gold.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + style.pixelMetric(
            QStyle.PixelMetric.PM_RadioButtonLabelSpacing
        )
        under_gold.setContentsMargins(indent, 0, 0, 0)
        for note in (self.gold_what, self.gold_when, self.no_gold):
            # A line of a book's length: a wrapped label's own guess for a long text is a line
            # wider than a laptop at 200% with larger text, and the dialog takes its width.
            note.setMaximumWidth(note.fontMetrics().averageCharWidth() * NOTE_CHARACTERS)
            under_gold.addWidget(note)
        layout.addLayout(under_gold)
        layout.addStretch(1)
        layout.addWidget(buttons)
        tab_along_the_buttons(buttons)
        # Once in the dialog: made default before, Enter did nothing.
        self.choose.setDefault(True)
        self.gone.setMaximumWidth(self.gone.fontMetrics().averageCharWidth() * NOTE_CHARACTERS)
        self.one.toggled.connect(self._check_picked)
        self.annotator.currentIndexChanged.connect(self._check_picked)

    def set_annotators(self, annotators: list[str], renamed: dict[str, str]) -> None:
        """Who owns a claim as saved now, read again when another window or program saved
        (`savedElsewhere`): one labelling there under a new name was not offered, one renamed
        there was, and chosen, wrote an empty file. The one picked stays picked; gone, it stays
        shown, said to be gone, and Choose File waits until another choice is made."""
        names = people(annotators)
        self._names, self._renamed = names, renamed
        refill_keeping_pick(self.annotator, names)
        self.one.setEnabled(bool(names) or self.one.isChecked())
        self._check_picked()

    def _check_picked(self) -> None:
        picked = self.annotator.currentText()
        gone = self.one.isChecked() and bool(picked) and picked not in self._names
        if gone:
            now = self._renamed.get(picked)
            if now is not None and now in self._names:
                said = self.tr(
                    "{0} was renamed {1} in another window or program: choose {1} to export their labels."
                ).format(picked, now)
            else:
                said = self.tr(
                    "{0} owns no claim in the project any more (changed in another window or"
                    " program): choose another annotator."
                ).format(picked)
            self.gone.setText(said)
        self.gone.setVisible(gone)
        self.choose.setEnabled(not gone)

    def choice(self) -> ExportLabels:
        if self.gold.isChecked():
            return ExportLabels("gold")
        if self.one.isChecked() and self.annotator.currentText():
            return ExportLabels("annotator", self.annotator.currentText())
        return EVERYONE
