"""The window's status bar: passing messages on the left, four labels that stay on the right.

A passing message longer than the room left of the labels first takes room from the model's
and the project's names (`_make_room`), then ends in "…", its whole text in the tooltip over
it: Qt cut it at the first label, mid-word and with no sign that more was said (at 1024
pixels, about 85 characters of room).

The labels say which project is open, which model pre-annotated the shown article, how many
articles are done and whether every change is saved. Project and model names come from
files, so each label shows plain text (`ui.plain`). A mark before them says that the daily
backup failed, for as long as no copy is made (`ui.daily_backup`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QStyle, QStyleOption, QToolButton, QToolTip, QWidget

from annotator.core.model import PipelineInfo
from annotator.ui.error_text import with_full_stop
from annotator.ui.plain import plain, tip, untip

SHORTEST_CHARACTERS = 4
"""How narrow a label of the status bar may get, in average characters, before the window must widen."""


MESSAGES_KEPT = 100
"""How many passing messages Help ▸ Recent Messages lists (`StatusBar.said`)."""

_ANY_WIDTH = 16_777_215
"""Qt's QWIDGETSIZE_MAX: a widget's maximum width when none is set."""
_CLEAR_OF_THE_LABEL = 4
"""Pixels kept between a message's last letter and the first lasting label (`message_room` ends
2 px short of it)."""


class FieldLabel(QLabel):
    """A lasting label of the status bar, hidden while it has nothing to say.

    An empty label still took its room, its frame and the spacing on both sides: a new, empty
    project's bar had a gap between the file's name and "0 / 0 articles done", where no
    article's model was named.
    """

    def setText(self, text: str) -> None:
        super().setText(text)
        if self.parentWidget() is not None:  # shown before it is in the bar, it would be a window
            self.setVisible(bool(text))

    def setToolTip(self, text: str) -> None:
        """The tooltip, and its words as the label's description for a screen reader.

        Qt describes a widget by its tooltip as it is, and ours are markup (`plain.tip`): the
        project's path and the model's advice were read out with "<qt>" and "<br>" in them.
        """
        super().setToolTip(text)
        self.setAccessibleDescription(untip(text))


class ShrinkingLabel(FieldLabel):
    """A status bar label that may be narrower than its text, which then ends in "…".

    A plain label's minimum is its whole text, and the status bar's the sum of its four: 938
    px with twice the desktop's font, the window's minimum with it, wider than a 1366x768
    laptop at 200% (683 px). The text is whole wherever there is room, and in the tooltip
    the project's and the model's labels set.
    """

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        shortest = self.fontMetrics().averageCharWidth() * SHORTEST_CHARACTERS
        return QSize(min(hint.width(), shortest), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        room = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room.width())
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            room,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )


class StatusBar(QStatusBar):
    """`showMessage` as any status bar, and the project, model, progress and save labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setAccessibleName(self.tr("Status"))
        # The names shorten (their tooltips hold them whole); what is done and saved stays whole.
        self.project_label, self.model_label = ShrinkingLabel(), ShrinkingLabel()
        self.progress_label, self.save_label = FieldLabel(), FieldLabel()
        self._version_tip = ""
        self._unsaveable = False  # `show_gone` or `show_read_only`, until another project is shown
        self._preannotating: tuple[int, int] | None = None  # articles done, of how many; None: not running
        self._suggesting = False  # the run's last step counts candidates given a suggestion, not articles
        self._carrying = False  # Pre-annotate All's walk bringing the articles up to the team's decisions
        self._loading = False  # the run's pipeline is loading: no article is being done yet
        self._preannotation_paused = False  # `show_preannotation_paused`, until it runs or ends
        self._model_said: tuple[PipelineInfo | None] | None = None  # `show_model`'s last; None: no article
        self.model_note: str | None = None
        """Why the model label says "simple rules only" and what to do, in plain words; None when
        it does not. File ▸ Pre-annotation Model… shows it too: a tooltip no key opens."""
        self._whole: tuple[str, str] | None = None  # a message shown shortened, and its whole text
        self._keeping = True  # False while `show_step` shows a step's message, which is not kept
        for name, widget in (
            ("projectLabel", self.project_label),
            ("modelLabel", self.model_label),
            ("progressLabel", self.progress_label),
            ("saveLabel", self.save_label),
        ):
            widget.setObjectName(name)
            self.addPermanentWidget(plain(widget))
            widget.hide()  # until it has something to say (`FieldLabel`)
        # A button, so it is reached with the mouse and read by a screen reader; hidden while
        # the copies are made, which is nearly always.
        self.backup_warning = QToolButton()
        self.backup_warning.setObjectName("backupWarning")
        self.backup_warning.setAutoRaise(True)
        self.backup_warning.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.backup_warning.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.backup_warning.setText(self.tr("No backup"))
        self.backup_warning.setAccessibleName(self.tr("No backup made"))
        # No taller than the labels: the bar counts hidden widgets too, and a button's frame made
        # it 6 px taller, so the built window's text stood higher than the first paint's preview.
        line = self.save_label.sizeHint().height()
        self.backup_warning.setIconSize(QSize(self.fontMetrics().height(), self.fontMetrics().height()))
        self.backup_warning.setMaximumHeight(line)
        self.backup_warning.hide()
        self.insertPermanentWidget(0, self.backup_warning)
        # Which mode the keys are in, for as long as it lasts: J, K and Delete act on entities in
        # entity mode, and the passing line that said so was gone after six seconds, so someone
        # who pressed E unawares, or came back to the window, could not tell why J skipped names.
        self.mode_label = QLabel()
        self.mode_label.setObjectName("modeLabel")
        font = self.mode_label.font()
        font.setBold(True)
        self.mode_label.setFont(font)
        self.mode_label.hide()
        self.insertPermanentWidget(0, plain(self.mode_label))

        self.said: deque[tuple[datetime, str]] = deque(maxlen=MESSAGES_KEPT)
        """The passing messages shown, oldest first, each whole and with when it came."""
        self.messageChanged.connect(self._make_room)
        self.messageChanged.connect(self._name_for_screen_readers)
        self.messageChanged.connect(self._keep)

    def _make_room(self, message: str) -> None:
        """Shorten the project's name, then the model's, while `message` would not fit beside them.

        Qt cuts a passing message off where the first lasting label begins: on a 1024x600
        laptop at 150% "Imported 259 article(s) from 1 file(s)" read "imported 259 ar", and
        "Candidate 4 of 22 (score 0.65; …)" or why a key did nothing were lost the same way.
        Measured again whenever the bar is laid out (a label's new text takes room too), the
        names given back what the message leaves; whole again once it goes, their tooltips
        holding them whole meanwhile. Only a change of width lays the bar out again, so it
        settles: a shortening leaves no spare room, a lengthening no lack of it.
        """
        names = (self.project_label, self.model_label)
        if not message or not self.isVisible():
            for label in names:
                if label.maximumWidth() != _ANY_WIDTH:
                    label.setMaximumWidth(_ANY_WIDTH)
            return
        layout = self.layout()
        if layout is not None:
            layout.activate()
        if not any(widget.isVisible() for widget in self._permanent_widgets()):
            return
        room = self.message_room().width() - _CLEAR_OF_THE_LABEL
        short = self.fontMetrics().horizontalAdvance(message) - room
        widths = {label: label.width() for label in names}
        # Down to a few letters each first; to nothing if the message needs that room too.
        for floor in ((lambda label: label.minimumSizeHint().width()), (lambda _label: 0)):
            for label in names:
                give = min(short, widths[label] - floor(label))
                if give > 0:
                    widths[label] -= give
                    label.setMaximumWidth(widths[label])
                    short -= give
        spare = -short
        for label in reversed(names):  # room left over: the model's name back first
            if spare <= 0 or label.maximumWidth() == _ANY_WIDTH:
                continue
            whole = label.sizeHint().width()
            back = min(spare, whole - widths[label])
            label.setMaximumWidth(_ANY_WIDTH if widths[label] + back >= whole else widths[label] + back)
            spare -= max(back, 0)

    def _name_for_screen_readers(self, message: str) -> None:
        """Name the bar by its passing message, whole, as Qt names a status bar without a name.

        A screen reader reads a status bar by its name (Orca's "read the status bar" command,
        and the name-changed event Qt sends as a message comes and goes). Named "Status" once
        and for all, the bar hid every message from it: why a key did nothing, what an import
        or an export did. With no message passing it is still named.
        """
        said = self.whole_message() if message else ""
        self.setAccessibleName(said or self.tr("Status"))

    def _keep(self, message: str) -> None:
        """Keep `message`, whole, for Help ▸ Recent Messages.

        A passing message was gone after a few seconds, and with it what it said: where an
        export or a copy was saved, rows the store ignored, articles another program added.
        Whoever looked away, or read with a magnifier elsewhere on the screen, had no way to
        read it again.
        """
        if not self._keeping:
            return
        whole = self.whole_message() if message else ""
        if whole and (not self.said or self.said[-1][1] != whole):
            self.said.append((datetime.now(), whole))

    def show_step(self, message: str, timeout_ms: int) -> None:
        """Show where a step went (J / K's "Likely claim 4 of 22…", F3's place), not kept.

        Kept, every step of a labelling session took a line of Help ▸ Recent Messages, and a
        hundred of them pushed out what the list is for: where an export was saved, rows the
        store ignored, a copy that failed. Where the step went is in the text itself.
        """
        self._keeping = False
        try:
            self.showMessage(message, timeout_ms)
        finally:
            self._keeping = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._make_room(self.currentMessage())

    def message_room(self) -> QRect:
        """Where the passing message is drawn: from the left to the first lasting label shown.

        The same rectangle Qt draws its message in (`QStatusBarPrivate::messageRect`).
        """
        left, right = 6, self.width() - 12
        first = next((widget for widget in self._permanent_widgets() if widget.isVisible()), None)
        if first is not None:
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                left = max(left, first.x() + first.width() + 2)
            else:
                right = min(right, first.x() - 2)
        return QRect(left, 0, max(right - left, 0), self.height())

    def shown_message(self) -> str:
        """The passing message as drawn: whole, or as much as fits followed by "…"."""
        return self.fontMetrics().elidedText(
            self.currentMessage(), Qt.TextElideMode.ElideRight, self.message_room().width()
        )

    def show_fitting(self, choices: Sequence[str], whole: str, timeout_ms: int) -> None:
        """Show the first of `choices` that fits beside the lasting labels (else the last), its
        `whole` text in the tooltip over it.

        A message that names a file by its path ("Exported 12 claims to /home/ana/Documents/…")
        ended in "…" at 1366 px before the file's name, the one part a person looks for: the
        choices name the file with its folder, then alone, and the path is a hover away.
        """
        room = self.message_room().width() - _CLEAR_OF_THE_LABEL
        metrics = self.fontMetrics()
        shown = next((text for text in choices if metrics.horizontalAdvance(text) <= room), choices[-1])
        self._whole = (shown, whole)  # before it shows: its accessible name is the whole text
        self.showMessage(shown, timeout_ms)

    def whole_message(self) -> str:
        """What the tooltip over the passing message says: its whole text, the path a message
        shortened by `show_fitting` left out included."""
        message = self.currentMessage()
        if self._whole is not None and self._whole[0] == message and message:
            return self._whole[1]
        return message

    def _permanent_widgets(self) -> tuple[QWidget, ...]:
        """The lasting widgets in the bar's order (the mode and the backup mark were put first)."""
        return (
            self.mode_label,
            self.backup_warning,
            self.project_label,
            self.model_label,
            self.progress_label,
            self.save_label,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        message, shown = self.currentMessage(), self.shown_message()
        if shown == message:
            return
        # Qt drew the message cut at the room's edge: the room is painted again, and the message
        # ending in "…" in it.
        room = self.message_room()
        painter = QPainter(self)
        painter.setClipRect(room)
        # The style's panel may be no fill at all (Fusion's), so the window's colour goes first.
        painter.fillRect(room, self.palette().window())
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        align = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        painter.drawText(room, int(align), shown)

    def event(self, event: QEvent) -> bool:
        """Over a message that ends in "…", or that `show_fitting` shortened, the tooltip is its
        whole text; a label's new text takes room too, so a shown message asks for its room again."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            room = self.message_room()
            whole = self.whole_message()
            if room.contains(event.pos()) and self.shown_message() != whole:
                QToolTip.showText(event.globalPos(), tip(whole), self, room)
                return True
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.currentMessage():
            self._make_room(self.currentMessage())
        return handled

    def show_mode(self, mode: str, about: str = "") -> None:
        """Name the mode the keys are in (`about`, its keys, in the tooltip); "" hides the name."""
        self.mode_label.setText(mode)
        self.mode_label.setToolTip(about)
        self.mode_label.setVisible(bool(mode))

    def show_project(self, path: Path) -> None:
        self._unsaveable = False
        self.save_label.setToolTip("")  # a gone project's way back (`show_back`) is not this one's
        self.project_label.setText(path.name)
        self.project_label.setToolTip(tip(str(path)))

    def show_no_project(self) -> None:
        """No project open (closed, or refused as its list was read): the labels of the one
        closed said its name, model, "0 / 1 articles done" and "All changes saved" on, under
        a window that offers New and Open."""
        self._unsaveable = False
        self._version_tip = ""
        self._model_said = None
        self.model_note = None
        self._preannotating, self._preannotation_paused = None, False  # the closed project's
        for label in (self.project_label, self.model_label, self.progress_label, self.save_label):
            label.setText("")
            label.setToolTip("")
        self.show_backup_failure(None)

    def show_saved(self, saved: bool) -> None:
        if self._unsaveable:  # a refused edit's plain "Not saved" would hide why
            return
        self.save_label.setText(self.tr("All changes saved") if saved else self.tr("Not saved"))

    def show_read_only(self) -> None:
        """A project whose file cannot be written: nothing will be saved, so "All changes saved"
        would be false. Kept until another project is shown: the first refused label turned
        it into a plain "Not saved", as if a save had failed and might be tried again."""
        self._unsaveable = True
        self.save_label.setText(self.tr("Read-only: nothing can be saved"))

    def show_gone(self) -> None:
        """The project file was deleted while open and no copy could be put back: nothing is
        saved until the work is saved as a copy elsewhere, which opens another project."""
        self._unsaveable = True
        self.save_label.setText(self.tr("Not saved: the project file is gone"))

    def show_back(self, said: str) -> None:
        """The gone project's file is at its path again: nothing is saved still, and `said`
        (in the tooltip) tells how to go on there."""
        self._unsaveable = True
        self.save_label.setText(self.tr("Not saved: open the project again"))
        self.save_label.setToolTip(tip(said))

    def show_backup_failure(self, about: str | None) -> None:
        """Show the mark, `about` in its tooltip and its description, while the daily copy
        fails; None hides it.

        A screen reader reads a button's tooltip as its description, markup and all ("less
        than q t greater than No backup of…"), ending in "Click for what to do." to someone
        who cannot click: the description is the plain text, and names the key instead.
        """
        if about is None:
            self.backup_warning.setToolTip("")
            self.backup_warning.setAccessibleDescription("")
        else:
            about = with_full_stop(about)  # the reason, a service's words, has none
            self.backup_warning.setToolTip(tip(about + "\n" + self.tr("Click for what to do.")))
            self.backup_warning.setAccessibleDescription(about + " " + self.tr("Press Space for what to do."))
        self.backup_warning.setVisible(about is not None)

    def show_progress(self, done: int, total: int) -> None:
        self.progress_label.setText(self.tr("{0} / {1} articles done").format(done, total))

    def show_article_count(self, total: int) -> None:
        """How many articles, before the list that says how many are done is read (a project
        opening): "0 / 10000 articles done" meanwhile would have been wrong, and the figure
        of the project open before would have stayed."""
        self.progress_label.setText(
            self.tr("1 article") if total == 1 else self.tr("{0} articles").format(total)
        )

    def show_model(self, pipeline: PipelineInfo | None) -> None:
        """The pipeline that pre-annotated the shown article, or that none did.

        The rules' hash goes in the tooltip: on a 1366-pixel screen the whole version left
        the passing messages on the left a few words, cut mid-word. While pre-annotation runs,
        the label says so instead (`show_preannotating`), and says this once it ends.
        """
        self._model_said = (pipeline,)
        self._say_model(pipeline)
        if self._preannotating is not None:
            self._say_preannotating()

    def show_preannotating(
        self,
        done: int = 0,
        total: int = 0,
        *,
        suggesting: bool = False,
        carrying: bool = False,
        loading: bool = False,
    ) -> None:
        """Pre-annotation runs: the label says so, with the articles done once it counts them.

        The shown article's "not pre-annotated" stayed while an import's articles were being
        pre-annotated, with no sign of the work until "Pre-annotated…" came seconds later.
        `suggesting`: the run is giving the new candidates label suggestions, and counts those.
        `carrying`: Pre-annotate All is bringing the articles analysed before up to the team's
        entity decisions, and counts those: "pre-annotating 0 / 10000…" after "5 / 5" read as if
        every article were being pre-annotated again.
        `loading`: the language model is loading, as the progress dialog says: the label read
        "pre-annotating…" meanwhile, as if articles were being done.
        """
        self._preannotating = (done, total)
        self._suggesting = suggesting
        self._carrying = carrying
        self._loading = loading
        self._preannotation_paused = False
        self._say_preannotating()

    def show_preannotation_paused(self) -> None:
        """Pre-annotation stepped aside for the person's own work and goes on after it
        (`task_runner.GiveWay`): "pre-annotating 160 / 50000…" frozen there read as stuck."""
        if self._preannotating is None:
            self._preannotating = (0, 0)
        self._preannotation_paused = True
        self._say_preannotating()

    def show_preannotation_ended(self) -> None:
        """Pre-annotation finished, was cancelled or failed: the label says the shown article's
        state again (what the run saved is shown once the article is read again), or nothing
        when no article is shown."""
        if self._preannotating is None:
            return
        self._preannotating, self._preannotation_paused = None, False
        if self._model_said is None:
            self.model_label.setText("")
        else:
            self._say_model(self._model_said[0])

    def _say_preannotating(self) -> None:
        if self._preannotating is None:
            return
        done, total = self._preannotating
        if self._preannotation_paused:
            self.model_label.setText(self.tr("pre-annotation paused"))
        elif total and self._suggesting:
            self.model_label.setText(self.tr("suggesting labels {0} / {1}…").format(min(done, total), total))
        elif total and self._carrying:
            self.model_label.setText(
                self.tr("applying entity decisions {0} / {1}…").format(min(done, total), total)
            )
        elif total:
            self.model_label.setText(self.tr("pre-annotating {0} / {1}…").format(min(done, total), total))
        elif self._loading:
            self.model_label.setText(self.tr("loading the language model…"))
        else:
            self.model_label.setText(self.tr("pre-annotating…"))

    def _say_model(self, pipeline: PipelineInfo | None) -> None:
        self.model_note = None
        if pipeline is None:
            self.model_label.setText(self.tr("not pre-annotated"))
            if self.model_label.toolTip() == self._version_tip:  # no other article's model
                self.model_label.setToolTip("")
            self._version_tip = ""
            return
        version = pipeline.version.partition("+")[0]
        note = None
        if pipeline.name.startswith("blank:"):  # spaCy's name for a pipeline of no trained model
            # Imported here: the first article is drawn before pre-annotation's modules load.
            from annotator.services.preannotate import rules_only_note

            note = rules_only_note(pipeline)
        plain_name = pipeline.plain_name  # another pipeline is named as it is
        if note is None and plain_name is not None:
            # "en_core_web_sm 3.8.0" is a package's name: the tooltip keeps it for whoever needs it.
            self.model_label.setText(self.tr("model: {0}").format(self.tr(plain_name)))
            about = f"{pipeline.name} {pipeline.version}"
        elif note is None:
            self.model_label.setText(self.tr("model: {0} {1}").format(pipeline.name, version))
            about = f"{pipeline.name} {pipeline.version}"
        else:
            # "blank:en 3.8.18" told nobody that the highlights are the weaker rules' and how
            # to get the model's: the label says it, the tooltip says what to install.
            self.model_label.setText(self.tr("model: simple rules only"))
            self.model_note = self.tr(note)
            about = f"{self.model_note}\n\n{pipeline.name} {pipeline.version}"
        # A warning about the model (the rule-based fallback) keeps the tooltip.
        if self.model_label.toolTip() in ("", self._version_tip):
            self._version_tip = tip(about)
            self.model_label.setToolTip(self._version_tip)
