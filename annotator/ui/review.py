"""Review mode: walk through disagreements one at a time and decide gold labels by key.

Keys: 1 / 2 / 3 set the gold label (factual / opinion / questionable), X "no claim",
S skip, J / K next / previous, U undo the decision on the current item. Each decision is
saved at once (one transaction) as a claim of the `gold` annotator with `decided_by`
set to the reviewer; the dialog then moves on to the next undecided item.

The items are worked out in the thread pool (`ui.team_tasks`): finding the units of
a large merged file takes seconds, so the dialog opens at once, says it is busy, and
fills in when they arrive. Keys do nothing until then.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import MatchMode, Span
from annotator.core.bidi import isolated
from annotator.core.commands import Change, Command
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_ANNOTATOR, ClaimLabel
from annotator.core.settings import Settings
from annotator.services.adjudication import (
    ReviewItem,
    decide,
    review_items,
    undecide,
    with_stored_decisions,
)
from annotator.services.project import Project
from annotator.ui.actions import REVIEW_ACTIONS, ActionSet
from annotator.ui.actions import tr as action_tr
from annotator.ui.error_text import as_sentence, with_full_stop
from annotator.ui.geometry import resize_to_fit, scrolled
from annotator.ui.legend import FlowLayout
from annotator.ui.models import article_name, start_of
from annotator.ui.palette import LABEL_COLOURS, scheme_for
from annotator.ui.plain import tip
from annotator.ui.project_files import nothing_saved_banner, nothing_saved_why, show_nothing_saved
from annotator.ui.span_match import span_match_box
from annotator.ui.team_tasks import compute_in_background

READING_SIZE = Settings().font_size
"""The text's point size when the window does not say its own: the reading view's first."""


class ReviewDialog(QDialog):
    """Adjudicate disagreements of a (merged) project; emits `decided` after every saved decision."""

    decided = Signal(int)  # article id, so the main window can refresh that article
    ready = Signal()  # the items arrived from the pool and are shown

    def __init__(
        self,
        project: Project,
        *,
        reviewer: str,
        match: MatchMode = "exact",
        parent: QWidget | None = None,
        run: Callable[[Command], Change] | None = None,
        text_size: int = READING_SIZE,
    ) -> None:
        super().__init__(parent)
        self.project = project
        # The reading view's size (View ▸ Larger Text): held at 12 pt, the text in dispute was
        # smaller than every other line of the dialog for a reviewer who reads at 20 pt.
        self.text_size = text_size
        self._run = run or project.execute  # the window passes its undo stack's
        self._running_own_edit = False
        self.reviewer = reviewer
        self.match: MatchMode = match
        self.items: list[ReviewItem] = []
        self.index = 0
        self._asked = 0  # loads asked for; a result for an older one is dropped
        self._keep: tuple[int, Span] | None = None  # the item to show again when they arrive
        self._shown = 0
        self._quiet = False  # the last ask keeps the shown items, and their keys, meanwhile
        self._unread = False  # the last ask failed: no item is shown because none could be read
        self._drawn: tuple[int, Span] | None = None  # the disagreement whose text is shown
        self.setWindowTitle(self.tr("Review disagreements"))

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped: one line held the article's title whole, and a long title made the dialog
        # wider than a laptop screen, its buttons off it.
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        # Alt+M, Tab or a click reaches it (with NoFocus it had no key at all); focus starts
        # on the text.
        match_label, self.match_box = span_match_box(match)
        self.match_box.currentIndexChanged.connect(self._match_changed)
        self.busy = QProgressBar()
        self.busy.setObjectName("reviewBusy")
        self.busy.setAccessibleName(self.tr("Finding disagreements"))
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.busy)
        top.addWidget(match_label)
        top.addWidget(self.match_box)

        self.context = QTextBrowser()
        self.context.setObjectName("reviewContext")
        self.context.setAccessibleName(self.tr("Disagreement in its context"))
        self.context.setOpenLinks(False)
        # What the mark on the text means, said where it is seen: its colour alone was taken
        # for a label's.
        self.mark_note = QLabel(
            self.tr(
                "The words in dispute are bold and underlined on grey, a mark and not a label; "
                "each annotator's label is in the table."
            )
        )
        self.mark_note.setObjectName("reviewMarkNote")
        self.mark_note.setTextFormat(Qt.TextFormat.PlainText)
        self.mark_note.setWordWrap(True)
        self.context.setAccessibleDescription(self.mark_note.text())

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Annotator"), self.tr("Label"), self.tr("Note")])
        # The names and labels as wide as they are (a few rows): Qt's fixed 100 px cut
        # "Annotator" and "questionable" off with larger text.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The names' width is set in `_fit_table`, up to `NAME_CHARS_SHOWN`: as wide as a
        # 100-character name, the column pushed the labels and notes past the table's right edge.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Annotators' labels"))
        self.table.setTabKeyNavigation(False)  # Tab leaves it (arrows move in it), not cell by cell
        self._fit_table()

        self.gold_label = QLabel()
        self.gold_label.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped: on one line, a decision ten people labelled after (each named) made the
        # dialog wider than a laptop's screen, and on a narrower one "decide again" was cut off.
        self.gold_label.setWordWrap(True)

        # Keys and buttons both come from the declared review actions (`ui.actions`).
        self.registry = ActionSet(self, REVIEW_ACTIONS, self._guard)
        self.registry.bind(
            {
                **{f"gold_{label.value}": partial(self.set_gold, label) for label in ClaimLabel},
                "gold_no_claim": lambda: self.set_gold(None),
                "review_skip": lambda: self.move(1),
                "review_next": lambda: self.move(1),
                "review_previous": lambda: self.move(-1),
                "review_undo": self.undo_decision,
            }
        )
        # The row wraps: seven buttons side by side needed 785 pixels at 200% with the desktop's
        # text 1.5 times larger, and on a 1366x768 laptop (683 wide) Previous, Next and Undo
        # Decision lay past the screen's right edge.
        buttons = FlowLayout()
        self.buttons: dict[str, QPushButton] = {}
        for spec in REVIEW_ACTIONS:
            key = str(spec.keys[0])
            button = QPushButton(action_tr(spec.text))
            # A Tab stop that Space presses, but never the dialog's default: Qt makes the first
            # auto-default button the default, and Return anywhere would label it factual.
            button.setAutoDefault(False)
            button.clicked.connect(self.registry[spec.id].trigger)
            if spec.id != "review_undo":
                buttons.addWidget(button)
            self.buttons[key] = button
        # Beside the decision it takes back, and only while there is one: kept off the row of
        # buttons, it left U unseen and a reviewer with the mouse no way to take a wrong one back.
        self.undo_button = self.buttons["U"]
        self._enable_undo(False)
        gold_row = QHBoxLayout()
        gold_row.addWidget(self.gold_label, 1)
        gold_row.addWidget(self.undo_button)

        # What is under review scrolls when the screen is short, and the gold label and the
        # buttons stay below it, on the screen: at 200% with larger text on a 1366x768 laptop
        # the table's rows, the gold label and the buttons were laid over each other.
        body = QWidget()
        parts = QVBoxLayout(body)
        parts.setContentsMargins(0, 0, 0, 0)
        parts.addLayout(top)
        parts.addWidget(self.context, 1)
        # The text asks for no height of its own (it scrolls itself): on a short screen the
        # annotators' labels below it stay in sight, and a taller dialog's height goes to it.
        self.context.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        frame = 2 * self.context.frameWidth()
        self.context.setMinimumHeight(3 * self.context.fontMetrics().lineSpacing() + frame)
        parts.addWidget(self.mark_note)
        parts.addWidget(self.table)
        # Read-only or gone, said above all else: the review opened as if gold labels could be
        # decided, and each key was refused in turn, after the reviewer had weighed it.
        self.nothing_saved = nothing_saved_banner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.nothing_saved)
        layout.addWidget(scrolled(body), 1)
        layout.addLayout(gold_row)
        layout.addLayout(buttons)
        # Once laid out: the wrapped header and buttons may need more lines than one.
        resize_to_fit(self, 820, 560)
        # No widget took the focus: the keys worked, but Tab and a screen reader started
        # nowhere. The text under review comes first; Tab then goes in reading order (the
        # widgets were made in it) to the table, the buttons and the match box.
        self.context.setFocus()
        self.finished.connect(self._drop_results)
        self.reload()

    # -- data ---------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """Items are being found and none are shown: the keys do nothing."""
        return self._shown != self._asked and not self._quiet

    def reload(self) -> None:
        """Ask the pool for the items, none shown meanwhile (another match mode); `_arrived`
        shows them at the first undecided one. A save that keeps the shown items is `refresh`."""
        self._keep = None
        self._quiet = False
        self.items = []
        self.index = 0
        self.busy.setRange(0, 0)  # indeterminate: there are no steps to count
        self.busy.show()
        self._ask()  # asked first: the header says the items are being found
        self.show_current()

    def refresh(self) -> None:
        """Find the items again while the reviewer goes on deciding the shown ones.

        Another window or program saved to the file (`annotator merge` in a terminal, say):
        it can bring disagreements, other people's labels and spans the shown list, worked
        out before, does not have. A large team file takes a while, and the reviewer's keys
        are not held for it: `_arrived` swaps the new list in at the item shown then.
        """
        if not self.loading:  # a load under way may have read before this save: ask again
            self._quiet = True
        self._ask()

    def _ask(self) -> None:
        """Have the pool find the items; a result asked for before this one is dropped."""
        self._asked += 1
        asked, match = self._asked, self.match
        compute_in_background(
            self.project,
            lambda project: (asked, review_items(project, match=match)),
            self._arrived,
            self._failed,
            name="review items",
        )

    def _drop_results(self, _result: int) -> None:
        """Closed: the items on their way are not shown. They are checked against the decisions
        on the window's connection, which the window closes next when it opens another project."""
        self._asked += 1

    def _arrived(self, result: tuple[int, list[ReviewItem]]) -> None:
        asked, items = result
        if asked != self._asked:
            return  # the match mode changed meanwhile; its own result is on the way
        if self._quiet:  # the reviewer went on meanwhile: they stay where they are now
            current = self.current
            self._keep = (current.article_id, current.span) if current is not None else None
        self._shown, self._quiet, self._unread = asked, False, False
        self._stop_busy()
        # The decisions saved while the pool worked (the reviewer's own keys among them).
        self.items = items = with_stored_decisions(self.project, items, match=self.match)
        kept = [i for i, item in enumerate(items) if (item.article_id, item.span) == self._keep]
        undecided = [i for i, item in enumerate(items) if _to_decide(item)]
        self.index = (kept or undecided or [0])[0]
        self.show_current()
        self.ready.emit()

    def _failed(self, message: str) -> None:
        self._shown, self._quiet, self._unread = self._asked, False, True
        self._stop_busy()
        self.show_current()
        self.gold_label.setText(
            with_full_stop(self.tr("Could not find the disagreements: {0}").format(message))
        )
        self.ready.emit()

    def _stop_busy(self) -> None:
        self.busy.setRange(0, 1)  # a determinate bar stops the busy animation
        self.busy.hide()

    def _match_changed(self, _index: int) -> None:
        self.match = self.match_box.currentData()
        self.reload()

    @property
    def current(self) -> ReviewItem | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    def remaining(self) -> int:
        """Disagreements left to decide: undecided, or decided before a label that disputes it
        came in (`ReviewItem.came_after`), which the reviewer has not seen yet."""
        return sum(1 for item in self.items if _to_decide(item))

    def to_look_again(self) -> int:
        """Decided disagreements with a label that came after their decision (in `remaining`)."""
        return sum(1 for item in self.items if item.decision is not None and item.came_after)

    # -- actions ------------------------------------------------------------------------

    def press(self, key: str) -> None:
        """What a key does (the declared review action with that key); the buttons do the same."""
        for spec in REVIEW_ACTIONS:
            if key.upper() in spec.keys:
                self.registry[spec.id].trigger()
                return

    def _guard(self, slot: Callable[[], object]) -> None:
        try:
            slot()
        except AnnotatorError as exc:
            self.gold_label.setText(as_sentence(str(exc)))

    def run(self, command: Command) -> Change:
        """Save one of the review's own decisions (its items already say what it set)."""
        self._running_own_edit = True
        try:
            return self._run(command)
        finally:
            self._running_own_edit = False

    def edits_saved(self, change: Change | None = None) -> None:
        """An edit, undo or redo was saved outside the review (None: another window or program
        saved, anything): show the decisions the file now holds.

        Ctrl+Z in the main window can take back a gold decision made here; without this the
        dialog would go on showing it as decided and skip it. Another reviewer's decisions, in
        another window, showed as "not decided yet" until the review was opened again. What
        another saved may also add or change claims (a merge): the items are found again.

        An undo or redo in this window shows the disagreement whose decision it took back or
        put back: the review had moved on after the decision, and a slip of 2 for 3 taken back
        with Ctrl+Z left it on the next disagreement, which the 3 then labelled. Another
        reviewer's decisions leave the reviewer where they are.
        """
        if change is None:
            self.refresh()
        if self._running_own_edit or self.loading or not self.items:
            return
        shown = {item.article_id for item in self.items}
        if change is not None and change.article_ids and not change.article_ids & shown:
            return
        before = self.items
        self.items = with_stored_decisions(self.project, before, match=self.match)
        pairs = enumerate(zip(before, self.items, strict=True))
        changed = [i for i, (old, new) in pairs if old.decision != new.decision]
        if change is not None and changed and self.index not in changed:
            self.index = changed[0]
        self.show_current()

    def undo_decision(self) -> None:
        """U: forget the decision on the current item (itself an edit Ctrl+Z can take back)."""
        item = self.current
        if item is not None and item.decision is not None:
            self._saved(item, undecide(self.project, item, run=self.run))
            self.decided.emit(item.article_id)
            self.show_current()

    def set_gold(self, label: ClaimLabel | None) -> None:
        item = self.current
        if item is None:
            return
        items = self.items
        try:
            saved = decide(self.project, item, label, reviewer=self.reviewer, run=self.run)
        except AnnotatorError as exc:
            self.gold_label.setText(as_sentence(str(exc)))
            return
        found = self._saved(item, saved)
        self.decided.emit(item.article_id)
        if self.items is items or found:
            self.move(1, undecided_only=True)
        else:  # the item left the list meanwhile: the reviewer is where the new list put them
            self.show_current()

    def _saved(self, item: ReviewItem, saved: ReviewItem) -> bool:
        """Show `saved`'s decision on `item`'s disagreement; whether it is in the list (made current).

        A save can wait for another program's write lock ("Waiting to save…", `ui.lock_wait`)
        with the event loop running, and a list found again meanwhile (`_arrived`) has other
        rows and newer units: the disagreement is found by its article and span, and keeps
        the unit found last. Written back at the old row, it replaced another disagreement, or
        this one with its unit from before (a newcomer's label missing).
        """
        key = (item.article_id, item.span)
        for index, shown in enumerate(self.items):
            if (shown.article_id, shown.span) == key:
                self.items[index] = replace(shown, decision=saved.decision)
                self.index = index
                return True
        return False

    def move(self, step: int, *, undecided_only: bool = False) -> None:
        if not self.items:
            return
        index = self.index
        if undecided_only:
            for _ in range(len(self.items)):
                index = (index + step) % len(self.items)
                if _to_decide(self.items[index]):
                    break
            else:
                index = min(self.index + 1, len(self.items) - 1)
        else:
            index = max(0, min(len(self.items) - 1, index + step))
        self.index = index
        self.show_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The actions' shortcuts act while the dialog is the active window; a key sent to
        # it otherwise (a test, a screen reader) finds its action the same way.
        pressed = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
        for spec in REVIEW_ACTIONS:
            if pressed in spec.keys:
                self.registry[spec.id].trigger()
                event.accept()
                return
        super().keyPressEvent(event)

    # -- display ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        # Another theme: the mark's grey and the text's colour are the old theme's until drawn
        # again (dark text on the dark page's grey).
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_drawn", None) is not None:
            self.show_current()
        super().changeEvent(event)

    def _nothing_saved(self) -> str:
        """Why no decision can be saved (`project_files.nothing_saved_why`), or ""."""
        return nothing_saved_why(self.project, self.tr("no gold label can be decided in it"))

    def _enable_decisions(self, enabled: bool) -> None:
        """With nothing shown, the label and move buttons looked ready to decide on nothing;
        greyed, their tooltips say why (the header's lines are far above the buttons).

        On a project nothing can be saved to, the gold labels are greyed, saying why, and their
        keys do nothing; the moves stay, for reading the disagreements.
        """
        unsaved = self._nothing_saved()
        show_nothing_saved(self.nothing_saved, unsaved)
        why = "" if enabled else self.tr("Nothing to decide: no disagreement is shown")
        for spec in REVIEW_ACTIONS:
            if spec.id != "review_undo":
                saves = spec.id.startswith("gold_")
                on = enabled and not (saves and unsaved)
                self.registry[spec.id].setEnabled(on)
                button = self.buttons[str(spec.keys[0])]
                button.setEnabled(on)
                button.setToolTip(unsaved if saves and unsaved and enabled else why)
                button.setStatusTip(unsaved if saves else "")

    def _enable_undo(self, enabled: bool) -> None:
        """U takes back this disagreement's decision: greyed, its tooltip says there is none,
        or why nothing can be saved."""
        unsaved = self._nothing_saved() if enabled else ""
        self.undo_button.setEnabled(enabled and not unsaved)
        self.undo_button.setStatusTip(unsaved)
        if unsaved:
            self.undo_button.setToolTip(unsaved)
        else:
            self.undo_button.setToolTip(
                "" if enabled else self.tr("No decision on this disagreement to take back")
            )
        self.registry["review_undo"].setEnabled(enabled and not unsaved)

    def show_current(self) -> None:
        item = self.current
        if item is None:
            if self.loading:
                self.header.setText(self.tr("Finding disagreements…"))
            elif self._unread:
                # "Nothing to review yet: … Merge their project files first" stood above the
                # line saying they could not be read (the project's file gone, say): advice to
                # merge for a file that holds disagreements the review could not reach.
                self.header.setText(self.tr("No disagreement can be shown: they could not be read."))
            elif len(set(self.project.annotators()) - {GOLD_ANNOTATOR}) < 2:
                # "Every annotator agrees" read as a verdict on one person's work, or on none.
                self.header.setText(
                    self.tr(
                        "Nothing to review yet: disagreements come from two or more annotators' "
                        "labels on the same articles. Merge their project files first "
                        "(File ▸ Merge Project Files…)."
                    )
                )
            elif not self.project.shares_an_article():
                # Each labelled articles of their own: nothing was compared, and "every annotator
                # agrees" sent a team whose gold export held nothing back to a review that had none.
                self.header.setText(
                    self.tr(
                        "Nothing to review yet: the annotators labelled no article in common, so "
                        "there are no labels to compare. Disagreements come from two or more "
                        "annotators' labels on the same articles."
                    )
                )
            else:
                self.header.setText(self.tr("No disagreements: every annotator agrees on every span."))
            self.context.clear()
            self._drawn = None
            self.table.setRowCount(0)
            self.gold_label.clear()
            self._enable_undo(False)
            self._enable_decisions(False)
            return
        self._enable_decisions(True)
        # Named as the article list names it ("Article 12" where the title shows nothing): a
        # title of spaces or U+200B alone ended the header at "undecided):".
        title = article_name(item.title, item.article_id)
        again = self.to_look_again()
        if again:
            self.header.setText(
                self.tr("Disagreement {0} of {1} ({2} undecided, {3} to look at again): {4}").format(
                    self.index + 1, len(self.items), self.remaining() - again, again, title
                )
            )
        elif self.remaining():
            self.header.setText(
                self.tr("Disagreement {0} of {1} ({2} undecided): {3}").format(
                    self.index + 1, len(self.items), self.remaining(), title
                )
            )
        else:  # "(0 undecided)" left the reviewer to work out that the review was over
            self.header.setText(
                self.tr(
                    "All {1} disagreements are decided: File ▸ Export or Release Dataset writes the "
                    "gold labels. Disagreement {0}: {2}"
                ).format(self.index + 1, len(self.items), title)
            )
        text, start, end = item.context()
        # The dialog's palette: a new theme reaches it before the text box (`changeEvent`).
        scheme = scheme_for(self.palette())
        # Not a label's colour: a yellow here read as opinion whatever was in dispute.
        mark = (
            f"background:{scheme.dispute_background().name()}; color:{scheme.text.name()};"
            f" font-weight:bold; text-decoration:underline; text-decoration-color:{scheme.text.name()}"
        )
        # Drawn again (another's save, the list found again): the text stays where the reviewer
        # scrolled it, which setHtml put back at the top at every save in another window.
        drawn, self._drawn = self._drawn, (item.article_id, item.span)
        scrolled = self.context.verticalScrollBar().value() if drawn == self._drawn else 0
        self.context.setHtml(
            f"<div style='font-size:{self.text_size}pt; line-height:140%'>"
            + html.escape(text[:start]).replace("\n", "<br>")
            + f"<span style='{mark}'>"
            # Its line breaks too: a claim over two paragraphs read as one run of text.
            + html.escape(text[start:end]).replace("\n", "<br>")
            + "</span>"
            + html.escape(text[end:]).replace("\n", "<br>")
            + "</div>"
        )
        self.context.verticalScrollBar().setValue(scrolled)
        names = sorted(item.unit.annotators_on_article)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            claim = item.unit.claims.get(name)
            label = ClaimLabel(claim.label).value if claim else self.tr("(not marked)")
            note = claim.note if claim else ""
            # The tooltip has the start of a long note (`start_of`): a report pasted in whole
            # made it taller than the screen, its first lines off the top.
            whole = start_of(note)
            if claim is not None and (claim.start, claim.end) != item.span:
                # Matched loosely, the person marked other words than the ones marked in the
                # text: said as "[span 20..56]", code points no reviewer can read.
                words = item.text[claim.start : claim.end]
                note = self._marked(one_line(words), claim.note)
                whole = self._marked(start_of(words), start_of(claim.note))
            cells = [QTableWidgetItem(name), QTableWidgetItem(label), QTableWidgetItem(note)]
            cells[0].setToolTip(tip(name))  # whole, where the column cuts a long name short
            cells[2].setToolTip(tip(whole))  # the words and note as they were written
            if claim is not None:
                cells[1].setBackground(QColor(LABEL_COLOURS[ClaimLabel(claim.label)]))
                cells[1].setForeground(Qt.GlobalColor.black)
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self._fit_table()
        decision = item.decision
        self._enable_undo(decision is not None)
        if decision is None:
            self.gold_label.setText(self.tr("Gold: not decided yet"))
        # Names isolated (`core.bidi.isolated`): two Arabic names in a row read in the wrong
        # order with the comma between them moved, and an override (U+202E) in a name from a
        # merged file turned round the words after it.
        elif decision.label is None:
            self.gold_label.setText(
                self.tr("Gold: no claim (decided by {0})").format(isolated(decision.decided_by))
            )
        else:
            self.gold_label.setText(
                self.tr("Gold: {0} (decided by {1})").format(
                    decision.label.value, isolated(decision.decided_by)
                )
            )
        if decision is not None and item.came_after:
            # Kept until the reviewer decides again: a merge never drops a decision, and it stood
            # as settled though the label disputing it came in after it (carol's file, or
            # alice's relabel), one the reviewer never saw.
            self.gold_label.setText(
                self.tr(
                    "{0}. To look at again: {1} labelled it after this decision; "
                    "decide again to confirm or change it."
                ).format(self.gold_label.text(), ", ".join(isolated(name) for name in item.came_after))
            )

    def _fit_table(self) -> None:
        """As tall as its rows, up to `LABEL_ROWS_SHOWN` of them (the text above takes the rest),
        and the names as wide as they are, up to `NAME_CHARS_SHOWN` characters.

        Held at three rows' height, a team of five had its fifth label cut in half below the
        fold: a 2/2/1 split read as 2/2, the one label that made it three-way out of sight.
        """
        table = self.table
        header = table.horizontalHeader()
        most = table.fontMetrics().averageCharWidth() * NAME_CHARS_SHOWN
        needed = max(header.sectionSizeHint(0), table.sizeHintForColumn(0))
        header.resizeSection(0, min(needed, max(most, header.sectionSizeHint(0))))
        rows = max(LABEL_ROWS_LEAST, min(table.rowCount(), LABEL_ROWS_SHOWN))
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        empty = table.verticalHeader().defaultSectionSize()
        height += sum(table.rowHeight(r) if r < table.rowCount() else empty for r in range(rows))
        table.setFixedHeight(height)

    def _marked(self, words: str, note: str) -> str:
        """A note cell that says which words a person marked, then their note."""
        marked = self.tr("Marked “{0}”").format(words)
        return self.tr("{0}: {1}").format(marked, note) if note else marked


LABEL_ROWS_SHOWN = 8
"""The most annotators' rows the table shows at once; a larger team's scroll."""

LABEL_ROWS_LEAST = 3
"""The table keeps this many rows' height, so it does not jump with every disagreement."""

NAME_CHARS_SHOWN = 24
"""About the most characters of an annotator's name the table shows; its tooltip has it whole."""

WORDS_SHOWN = 60
"""The most of a person's own span the table's line shows; its tooltip has the words whole."""


def _to_decide(item: ReviewItem) -> bool:
    """Whether the review stops at `item`: no decision yet, or one a newer label disputes."""
    return item.decision is None or bool(item.came_after)


def one_line(words: str, most: int = WORDS_SHOWN) -> str:
    """`words` on one line, their middle left out past `most` characters, so both ends show."""
    joined = " ".join(words.split())
    if len(joined) <= most:
        return joined
    half = (most - 1) // 2
    return joined[:half].rstrip() + "…" + joined[-half:].lstrip()


def open_review(
    parent: QWidget | None,
    project: Project,
    *,
    reviewer: str = "",
    match: MatchMode = "exact",
    run: Callable[[Command], Change] | None = None,
    text_size: int = READING_SIZE,
) -> ReviewDialog | None:
    """Show the review dialog for `project`, its text at `text_size` points as the reading view's;
    asks for the reviewer's name if none is given."""
    if not reviewer.strip():
        name, ok = QInputDialog.getText(
            parent,
            parent.tr("Reviewer") if parent else "Reviewer",
            parent.tr("Your name, stored with every gold label:") if parent else "Your name:",
        )
        if not ok or not name.strip():
            return None
        reviewer = name.strip()
    dialog = ReviewDialog(
        project, reviewer=reviewer, match=match, parent=parent, run=run, text_size=text_size
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    # A window manager may leave the focus where it was when a window is shown (Openbox did,
    # opened from the Team menu): 2 meant for a disagreement went to the text below.
    dialog.activateWindow()
    return dialog
