"""The middle of the window: the reading column, or, with no project open, what to do next.

The reading column is the legend, the article (its title above the text) and the
line that names what is under the cursor or the mouse. Without a project (the first
start, or after a file was refused as a project) the same place offers New, Open and the
sample project, rather than an empty frame.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.settings import Settings
from annotator.ui.article_view import ArticleView
from annotator.ui.elided import ElidedLabel
from annotator.ui.legend import Legend

LEGEND_SHARE = 1 / 5
"""The most of the reading column's height the legend may take before it folds (`Legend.set_height_budget`).

A 1366x768 or 1024x600 screen at 100% leaves the legend all its rows; the same screen at 200%
(or with a large desktop font) left the article two lines under a legend of six rows.
"""


class EmptyState(QWidget):
    """No project open: a line saying so, and New, Open and Sample Project buttons."""

    newRequested = Signal()
    openRequested = Signal()
    sampleRequested = Signal()
    quietWhenGone = Signal(str, bool)
    """The project `show_missing` named, and whether a start that does not find it says so no more."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        self.heading = heading = QLabel(self.tr("No project is open"))
        heading.setObjectName("emptyHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)  # it names a file when one is opening
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # It wraps, and asks the pane for no width: "Opening <name>…" with a long file name set
        # the page's minimum to the name's width, and the panes fitted without it widened the
        # window past the size the person gave it. The status bar names the file whole.
        heading.setWordWrap(True)
        heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(heading)
        self._first_hint = self.tr(
            "A project is one file that holds your articles and labels. Start a new one, or open"
            " one. To try the keys first, open the sample project: six news articles."
        )
        hint = QLabel(self._first_hint)
        hint.setTextFormat(Qt.TextFormat.PlainText)  # it names a file when the last one is gone
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        self.hint = hint
        # Only under the words of a project not found (`show_missing`). Alt+M: the menus take
        # F, E, G, V, T, S and H, and the guidelines panel's Edit button D.
        self.quiet_box = QCheckBox(self.tr("Don't tell &me again for this file"))
        self.quiet_box.setObjectName("emptyQuietWhenGone")
        self.quiet_box.hide()
        self.quiet_box.toggled.connect(self._quiet_toggled)
        self._missing: Path | None = None
        quiet_row = QHBoxLayout()
        quiet_row.addStretch(1)
        quiet_row.addWidget(self.quiet_box)
        quiet_row.addStretch(1)
        layout.addLayout(quiet_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        # Mnemonics N, O and P: no menu title and no other control of this page takes them
        # (the gone-project box is Alt+M), so Alt+letter presses a button from anywhere on it.
        self.new_button = QPushButton(self.tr("&New Project…"))
        self.new_button.setObjectName("emptyNew")
        self.open_button = QPushButton(self.tr("&Open Project…"))
        self.open_button.setObjectName("emptyOpen")
        self.open_button.setDefault(True)
        # Started from the applications menu, a first start has no `--sample`: without this
        # a new annotator had nothing to try the keys on until someone sent them articles.
        self.sample_button = QPushButton(self.tr("Sample &Project"))
        self.sample_button.setObjectName("emptySample")
        for button in (self.new_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # On a row of its own: three buttons side by side made this page's minimum width
        # (597 px at twice the text) the window's, which then outgrew a laptop screen.
        sample_row = QHBoxLayout()
        sample_row.addStretch(1)
        sample_row.addWidget(self.sample_button)
        sample_row.addStretch(1)
        layout.addLayout(sample_row)
        layout.addStretch(3)
        # Return presses the button Tab went to, as in a dialog: outside one only the default
        # (Open) took it, and Return on New or Sample Project did nothing. The default look
        # follows: outside a dialog an auto-default button is the default while it has the
        # focus, and losing it ends Open's `setDefault` too, which framed Open whatever Tab did.
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setAutoDefault(True)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        self.sample_button.clicked.connect(self.sampleRequested)

    def show_opening(self, name: str | None) -> None:
        """Say that the project `name` is being opened (its file checked in the pool), or, with
        None, that none is open again. Meanwhile the keys that need a project are off: "No
        project is open" and its buttons, with only the status bar saying otherwise, told a
        person at a start that their project was gone, and New or Open would start another."""
        opening = name is not None
        self.heading.setText(
            self.tr("Opening {0}…").format(name) if opening else self.tr("No project is open")
        )
        for part in (self.hint, self.new_button, self.open_button, self.sample_button):
            part.setVisible(not opening)
        self.quiet_box.setVisible(not opening and self._missing is not None)

    def forget_missing(self) -> None:
        """A project opened: a later close says the first start's words, not that one is gone."""
        self.hint.setText(self._first_hint)
        self._missing = None
        self.quiet_box.hide()

    def show_missing(self, path: Path, newest_copy: datetime | None = None) -> None:
        """Say that the last project is not where it was: a start found no recent project's
        file and showed "No project is open" as at a first start, so a person whose project
        was moved, renamed or on a drive not connected was not told why their work was not
        there. A project deleted by mistake is back only from its backup (`newest_copy`, when
        the backups hold one), which the page otherwise left unsaid."""
        said = self.tr(
            "Your last project, {0}, is no longer in {1}: it may have been moved or renamed, or"
            " be on a drive that is not connected. Open it where it is now, or start a new one."
        ).format(path.name, path.parent)
        if newest_copy is not None:
            said += " " + self.tr(
                "A copy of it from {0} is kept in the backups: File ▸ Restore from a Backup… makes"
                " a new project from it."
            ).format(newest_copy.strftime("%Y-%m-%d %H:%M"))  # as the restore dialog lists it
        self.hint.setText(said)
        self._missing = path
        self.quiet_box.blockSignals(True)
        self.quiet_box.setChecked(False)
        self.quiet_box.blockSignals(False)
        self.quiet_box.show()

    def _quiet_toggled(self, quiet: bool) -> None:
        if self._missing is not None:
            self.quietWhenGone.emit(str(self._missing), quiet)


class Centre(QStackedWidget):
    """The reading column, or the empty state; `show_reading` switches."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        reading = QWidget()
        layout = QVBoxLayout(reading)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(2)
        self.legend = Legend(hidden=settings.hidden_entity_labels)
        layout.addWidget(self.legend)
        self.view = ArticleView(font_size=settings.font_size)
        layout.addWidget(self.view, 1)
        self.context_line = ElidedLabel()
        self.context_line.setObjectName("contextLine")
        self.context_line.setAccessibleName(self.tr("What is under the cursor or the mouse"))
        self.context_line.setMinimumHeight(self.fontMetrics().height() + 4)
        layout.addWidget(self.context_line)
        self.view.contextChanged.connect(self.context_line.setText)
        self.reading = reading
        self.empty = EmptyState()
        self.addWidget(self.empty)
        self.addWidget(reading)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = event.size().height()
        self.legend.set_height_budget(int(height * LEGEND_SHARE), room=height - self._beside_legend())

    def _beside_legend(self) -> int:
        """The least height the reading column keeps for all but the legend: the article's, the
        line under it, the margins and the spacing."""
        layout = self.reading.layout()
        if layout is None:
            return 0
        margins = layout.contentsMargins()
        below = (self.view, self.context_line)
        least = sum(max(part.minimumSizeHint().height(), part.minimumHeight()) for part in below)
        return least + 2 * layout.spacing() + margins.top() + margins.bottom()

    def minimumSizeHint(self) -> QSize:
        """The shown page's minimum, not the largest of both pages' (QStackedWidget's).

        With a larger font the no-project page's heading and buttons are wider than the
        reading column needs: the text pane kept that width with a project open, and with
        the suggestions panel shown the article list was squeezed to its own minimum.
        """
        shown = self.currentWidget()
        return shown.minimumSizeHint() if shown is not None else super().minimumSizeHint()

    def show_opening(self, name: str | None) -> None:
        """The empty page says that `name` is being opened (None: that none is open); a project
        open meanwhile stays in view, and usable, until the new one's checks pass."""
        self.empty.show_opening(name)
        if name is None and self.currentWidget() is self.empty:
            self.empty.open_button.setFocus()  # refused: Return opens another, as with none open

    def show_reading(self, on: bool) -> None:
        self.setCurrentWidget(self.reading if on else self.empty)
        if on:
            self.empty.forget_missing()
        self.updateGeometry()  # the splitter asks for the new page's minimum
        if not on:
            self.empty.open_button.setFocus()  # Return opens a project; Tab reaches New
