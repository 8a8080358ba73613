"""Small dialogs. They are opened with `open()` (not `exec()`), so the event loop
keeps running and tests can drive them like any other widget."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.settings import (
    MAX_NAME_CHARS,
    NameProblem,
    NameRefusal,
    annotator_name,
    annotator_name_problem,
)
from annotator.core.validate import plain_note, storable_problem
from annotator.ui.actions import ACTIONS, lend_application_keys, shortcut_rows
from annotator.ui.geometry import fitted_size, resize_to_fit
from annotator.ui.plain import SafeBrowser, tip

if TYPE_CHECKING:
    from annotator.services.project import Project


def refill_keeping_pick(combo: QComboBox, names: Sequence[str]) -> None:
    """List `names` (sorted) in `combo`, the one picked kept picked and listed even when gone
    from `names`: a list read again while open (another window saved) must not move the pick
    under a pressed Enter. Refilled only when the list differs, without signals."""
    picked = combo.currentText()
    listed = sorted({*names, picked} if picked and picked not in names else names)
    if listed == [combo.itemText(i) for i in range(combo.count())]:
        return
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(listed)
    if picked:
        combo.setCurrentIndex(listed.index(picked))
    combo.blockSignals(False)


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel buttons that accept and reject `dialog`."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def tab_along_the_buttons(buttons: QDialogButtonBox) -> None:
    """Tab goes along `buttons` as they are shown, left to right; called once they are in their dialog.

    Qt's button box placed a button added to it (Release, Choose File…, Show Backup Folder)
    where the platform puts it but left Tab in the order the buttons were made: from the
    fields Tab went to Cancel at the right, then back left to the button the dialog is for.
    """
    row = buttons.layout()
    if row is None:
        return
    widgets = [item.widget() for item in map(row.itemAt, range(row.count())) if item is not None]
    in_order = [widget for widget in widgets if isinstance(widget, QAbstractButton)]
    for earlier, later in itertools.pairwise(in_order):
        QWidget.setTabOrder(earlier, later)


def save_key_hint(dialog: QDialog) -> QLabel:
    """ "Ctrl+Enter saves", in the dialog's text colour.

    It was a disabled label, greyed out as what cannot be used: #bebebe on #efefef (1.6:1)
    under X, so the one way to save a note from the keyboard read as switched off.
    """
    hint = QLabel(dialog.tr("Ctrl+Enter saves"))
    hint.setObjectName("saveKeyHint")
    return hint


def beside_buttons(hint: QLabel, buttons: QDialogButtonBox) -> QHBoxLayout:
    """`hint` on the buttons' row, at its left: a line of its own under them cost a 400-pixel
    screen (a 1024x600 laptop at 150%) a line of the text being typed."""
    row = QHBoxLayout()
    row.addWidget(hint)
    row.addWidget(buttons, 1)
    return row


def is_ctrl_return(event: QEvent) -> bool:
    """Ctrl+Return (or Ctrl+Enter) pressed: "save" in a dialog around a QPlainTextEdit, which
    takes the key for itself, so that a shortcut or default button never sees it (its
    dialog's event filter asks this)."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    )


def ask_to_discard(
    dialog: QDialog, question: str, name: str, typed_in: QWidget, answered: Callable[[bool], None]
) -> QMessageBox:
    """Ask whether to throw away what was typed in `dialog`; `answered(True)` if so.

    Escape is the key a person presses to leave any dialog, so it must not lose typed work
    without a word: a second Escape, or Return, keeps it (and focus goes back to
    `typed_in`); only a deliberate D (or a click on Discard) throws it away.
    """
    box = QMessageBox(
        QMessageBox.Icon.Question, dialog.windowTitle(), question, QMessageBox.StandardButton.NoButton, dialog
    )
    box.setObjectName(name)
    discard = box.addButton(dialog.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(dialog.tr("&Keep Editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        discarded = box.clickedButton() is discard
        if not discarded:
            typed_in.setFocus()
        answered(discarded)

    box.finished.connect(finished)
    box.open()
    return box


def name_problem_text(refusal: NameRefusal, speaker: QObject) -> str:
    """Why a name is refused, in the words of every dialog that takes one (`annotator_name_problem`)."""
    if refusal.problem is NameProblem.EMPTY:
        return speaker.tr("Type your name or initials: every claim records who made it.")
    if refusal.problem is NameProblem.RESERVED:
        return speaker.tr("“gold” is kept for reviewers' decisions; please use another name.")
    if refusal.problem is NameProblem.CONTROL:
        return speaker.tr(
            "A name is one line: it cannot hold a line break, a tab or another control character."
        )
    if refusal.problem is NameProblem.TOO_LONG:
        return speaker.tr("A name is at most {0} characters long; please shorten it.").format(MAX_NAME_CHARS)
    return speaker.tr("This name cannot be saved with a claim: it {0}.").format(refusal.detail)


NAME_FIELD_MAX_LENGTH = 2 * MAX_NAME_CHARS + 2
"""What a name field holds, in Qt's UTF-16 units: room for the longest name the rule takes in
any script (an emoji is two units). A longer paste cut here still holds more than the rule
takes (unless it is mostly spaces), so the field says it is too long: cut at the rule's limit,
the first hundred characters of something else were taken as a name without a word."""


def show_name_problem(
    typed: str, problem_label: QLabel, ok: QWidget, *, quiet_if_empty: bool = False
) -> bool:
    """Say under the field why `typed` is refused, and keep OK disabled meanwhile.

    `quiet_if_empty` keeps an empty field's refusal unsaid (OK still waits) where the words
    above the field already ask for the name: the first start's dialog said the same thing twice
    before a key was pressed.

    Returns whether the words appeared or went, for a dialog to fit them (shown whole, not
    clipped over the field above them).
    """
    refusal = annotator_name_problem(typed)
    ok.setEnabled(refusal is None)
    shown = refusal is not None and not (quiet_if_empty and refusal.problem is NameProblem.EMPTY)
    problem_label.setText(name_problem_text(refusal, problem_label) if refusal is not None and shown else "")
    if shown == problem_label.isVisibleTo(problem_label.window()):
        return False
    problem_label.setVisible(shown)
    return True


class NameDialog(QDialog):
    """Asked on first start, and by File ▸ Change Annotator Name: every claim records who made it.

    It takes what Edit ▸ Preferences takes, and says why not in the same words
    (`core.settings.annotator_name_problem`): `gold` is the reviewers' name, labels under it
    would count as settled decisions instead of a person's work.

    Escape, Cancel and the close button leave at once, a typed name unsaved, as in
    Preferences: a name is a few keys to type again, and a question at every Escape from a
    dialog that was opened by mistake costs more than it saves. (The note, the quotation and
    the guidelines ask: what is typed there is real work.)
    """

    def __init__(self, parent: QWidget | None = None, *, current: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("nameDialog")
        self.setWindowTitle(self.tr("Who is annotating?"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Your name or initials are stored with every claim you make."), wordWrap=True)
        )
        self.edit = QLineEdit(current)
        self.edit.setObjectName("nameEdit")
        self.edit.setMaxLength(NAME_FIELD_MAX_LENGTH)
        self.edit.setAccessibleName(self.tr("Annotator name"))
        self.edit.setPlaceholderText(self.tr("e.g. Ada L."))
        # Selected, so a new name typed replaces the old one: with the cursor after it, "Ana"
        # typed to change "Mia K" saved "Mia KAna".
        self.edit.selectAll()
        layout.addWidget(self.edit)
        self.problem = QLabel(wordWrap=True)  # why the name is refused, under it
        self.problem.setObjectName("nameProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = _ok_cancel(self)
        layout.addWidget(self.buttons)
        self._typed = False  # a key pressed: from then on an empty field says why OK waits
        self._name_changed(current)
        self.edit.textChanged.connect(self._name_typed)

    def _name_typed(self, text: str) -> None:
        self._typed = True
        self._name_changed(text)

    def _name_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if show_name_problem(text, self.problem, ok, quiet_if_empty=not self._typed):
            self.adjustSize()

    def name(self) -> str:
        return annotator_name(self.edit.text())


class NoteDialog(QDialog):
    """The note on one claim, under the claim's own text.

    The claim is shown as it reads in the article, set off by italics and an indent,
    never inside quotation marks of the dialog's own: a claim that is a quotation has
    its own marks, and wrapping it read `“I may do it."”`.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        note: str = "",
        excerpt: str = "",
        save: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save  # the note -> why it was not saved (it stays here), or None
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Note on claim"))
        layout = QVBoxLayout(self)
        shown = excerpt if len(excerpt) < 200 else excerpt[:197] + "…"
        self.excerpt_label = QLabel(shown, wordWrap=True)
        self.excerpt_label.setObjectName("noteExcerpt")
        self.excerpt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.excerpt_label.setIndent(12)
        font = self.excerpt_label.font()
        font.setItalic(True)
        self.excerpt_label.setFont(font)
        self.excerpt_label.setVisible(bool(excerpt))
        layout.addWidget(self.excerpt_label)
        self._before = plain_note(note).strip()  # as `note()` reads it: Escape asks only after typing
        self.discard_box: QMessageBox | None = None  # asking whether to throw a typed note away
        self.edit = QPlainTextEdit(note)
        self.edit.setObjectName("noteEdit")
        self.edit.setAccessibleName(self.tr("Note"))
        self.edit.setTabChangesFocus(True)
        # Typing goes on after the note: before its first word, "And the date." added to
        # "Needs a source." saved "And the date.Needs a source.".
        self.edit.moveCursor(QTextCursor.MoveOperation.End)
        layout.addWidget(self.edit)
        self.problem = QLabel(wordWrap=True)  # why the note cannot be saved, under the text
        self.problem.setObjectName("noteProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.edit.textChanged.connect(self.problem.hide)
        layout.addWidget(self.problem)
        # Save, as the hint beside it ("Ctrl+Enter saves") and a note changed in another
        # window ("Press Save again") say: the button read OK.
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addLayout(beside_buttons(save_key_hint(self), self.buttons))
        # QPlainTextEdit takes Ctrl+Return for itself, so a shortcut never sees it.
        self.edit.installEventFilter(self)
        # Taller when the claim takes more lines: with larger text the layout squeezed it.
        resize_to_fit(self, 420, 220)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and is_ctrl_return(event):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def note(self) -> str:
        """The note to save: without the control characters a paste brings (`plain_note`)."""
        return plain_note(self.edit.toPlainText()).strip()

    def accept(self) -> None:
        """Close only with a note the project can keep; else say why, the text still here.

        The dialog closed first and the store refused a note pasted from a whole document
        afterwards: the status bar said why, but the typed text was gone. So it went too when
        the save itself was refused (`save`): a wait for another program's write cancelled,
        a full disk.
        """
        problem = storable_problem(self.note())  # what the store would refuse
        if problem is not None:
            self.problem.setText(self.tr("The note {0}").format(problem))
        elif self._save is not None:
            problem = self._save(self.note())
            if problem is not None:
                self.problem.setText(problem)
        if problem is not None:
            self.problem.show()
            self.edit.setFocus()
            return
        super().accept()

    def reject(self) -> None:
        """Escape, Cancel or the close button: at once when nothing was typed, else after asking.

        Escape used to throw a typed note away without a word, and it is the key a person
        presses to leave any dialog.
        """
        if self.note() == self._before:
            super().reject()
            return

        def answered(discarded: bool) -> None:
            self.discard_box = None
            if discarded:
                super(NoteDialog, self).reject()

        self.discard_box = ask_to_discard(
            self, self.tr("Discard the note you typed?"), "discardNote", self.edit, answered
        )


class _EnterTakesWhatIsTyped(QObject):
    """Enter in an open completion list with no row picked accepts the dialog, as it does
    when the list is closed.

    A name or type typed whole still shows the list, holding just that one, and Qt's list
    takes Enter to close itself: A, MONEY, Enter changed nothing, nor W, a speaker's whole
    name, Enter, and the dialog waited for a second Enter. A row picked with the arrows is
    still only put in the box by Enter, as Qt does.
    """

    def __init__(self, completer: QCompleter, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        popup = completer.popup()
        assert popup is not None  # made on first asking
        self._popup = popup
        popup.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self._popup.currentIndex().isValid()
        ):
            self._popup.hide()
            self._dialog.accept()
            return True
        return False


class EntityTypeDialog(QDialog):
    """Picks the type of an entity added by hand.

    The box is editable so a type can be typed ("gpe" is GPE), but only a type of the list
    is taken: an added entity is carried to other articles, so a typo ("foo") would spread
    as a new type. A type that is not offered is said under the box and the dialog stays
    open, as the quotation dialog does with a speaker the article lacks.
    """

    def __init__(
        self, parent: QWidget | None, *, labels: Sequence[str], excerpt: str, current: str = "PERSON"
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entityTypeDialog")
        self.setWindowTitle(self.tr("Add entity"))
        self.labels = list(labels)
        form = QFormLayout(self)
        shown = QLabel(excerpt)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped within a readable width: a long title on one line made the dialog wider than
        # the screen, its buttons off the right edge.
        shown.setWordWrap(True)
        shown.setMaximumWidth(shown.fontMetrics().averageCharWidth() * 60)
        form.addRow(self.tr("Text:"), shown)
        self.combo = QComboBox()
        self.combo.setObjectName("entityTypeCombo")
        self.edit = QLineEdit()
        self.combo.setLineEdit(self.edit)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(self.labels)
        # Completion in a list, not inline: an editable box's own completer completes inline, and
        # its line edit takes Enter on selected text (the preselected type, below) as accepting
        # that completion, so Enter never reached the dialog and A, Enter added nothing.
        completer = QCompleter(self.labels, self.combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.setCompleter(completer)
        _EnterTakesWhatIsTyped(completer, self)
        # The first item would be the default whatever it is; a person is what is most often missed.
        self.combo.setCurrentIndex(max(0, self.combo.findText(current)))
        self.edit.selectAll()
        form.addRow(self.tr("&Type:"), self.combo)
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("entityTypeProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("font-weight: 600;")
        self.problem.hide()
        form.addRow(self.problem)
        form.addRow(_ok_cancel(self))
        # An old complaint beside a new choice reads as though the new one were wrong too.
        self.combo.editTextChanged.connect(self.problem.hide)

    def accept(self) -> None:
        """Taken only when the type is one of the list; else the problem is said and the
        dialog stays open with what was typed selected, to be replaced."""
        label = self.label()
        if label not in self.labels:
            problem = self.tr("{0} is not an entity type here; pick one of the list.").format(label)
            self.problem.setText(problem if label else self.tr("Pick a type from the list."))
            self.problem.show()
            self.adjustSize()
            self.edit.setFocus()
            self.edit.selectAll()
            return
        super().accept()

    def label(self) -> str:
        return self.combo.currentText().strip().upper()


def _as_itself(words: str) -> str:
    """Words from the article for a button's text, where "&" marks the letter Alt takes: a
    speaker "Johnson & Johnson" read "Johnson _Johnson", and selected "R&D" read "RD", Alt+D
    ticking the box."""
    return words.replace("&", "&&")


def _broken(text: str, metrics: QFontMetrics, room: int) -> str:
    """`text` broken between words into lines at most `room` pixels wide (a word wider stays
    whole): a check box does not wrap its text, but shows the lines it is given."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class QuoteDialog(QDialog):
    """A quotation's kind and speaker, as a person corrects them.

    The speaker box offers the article's speakers, people and organisations and completes
    what is typed from any part of a name; empty means nobody is said to have said it. A
    scare quote has no speaker, so choosing that kind empties and disables the box.
    """

    KIND_TEXTS: tuple[tuple[str, str], ...] = (
        ("direct", "Direct quotation (the speaker's own words)"),
        ("partial", "Partial quotation (a few of the speaker's words in a sentence)"),
        ("scare", "Scare quote, title or term (nobody is said to have said it)"),
    )

    REMOVE = "remove"
    REMOVE_TEXT = "Not a quotation (remove it)"

    def __init__(
        self,
        parent: QWidget | None,
        *,
        excerpt: str,
        kind: str,
        speaker: str,
        names: Sequence[str],
        problem_with: Callable[[str, str], str] = lambda _kind, _speaker: "",
        kind_problem: Callable[[str], str] = lambda _kind: "",
        others: int = 0,
        adding: bool = False,
        bounds: str = "",
        use_bounds: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quoteDialog")
        self.setMinimumWidth(520)  # a long quotation reads over a few lines, not a ribbon
        self.problem_with = problem_with
        self.save: Callable[[], str | None] | None = None
        """Set by the caller: saves the answer, or says why not (the answer stays here)."""
        self.kind_problem = kind_problem
        self.setWindowTitle(self.tr("Add quotation") if adding else self.tr("Correct quotation"))
        form = QFormLayout(self)
        self.excerpt = QLabel(excerpt if len(excerpt) < 200 else excerpt[:197] + "…", wordWrap=True)
        self.excerpt.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Quotation:"), self.excerpt)
        # W with other words selected than the quotation's: the finder's bounds were wrong.
        shown = bounds if len(bounds) < 120 else bounds[:117] + "…"
        self.bounds = QCheckBox(self.tr("&Bounds: the selected words, {0}").format(_as_itself(shown)))
        self._bounds_words = shown
        self.bounds.setObjectName("quoteBounds")
        self.bounds.setChecked(use_bounds)
        self.bounds.setVisible(bool(bounds))
        form.addRow(self.bounds)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("quoteKindCombo")
        for value, text in self.KIND_TEXTS:
            self.kind_combo.addItem(self.tr(text), value)
        if not adding:
            self.kind_combo.addItem(self.tr(self.REMOVE_TEXT), self.REMOVE)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        # Why the kind cannot be saved, right under it (`kind_problem`): said under all the
        # fields, with the focus in the speaker's name, it was missed, and Return did nothing.
        self.kind_note = QLabel(wordWrap=True)
        self.kind_note.setObjectName("quoteKindProblem")
        self.kind_note.setTextFormat(Qt.TextFormat.PlainText)
        self.kind_note.setStyleSheet("font-weight: 600;")
        self.kind_note.hide()
        form.addRow("", self.kind_note)
        self.speaker_combo = QComboBox()
        self.speaker_combo.setObjectName("quoteSpeakerCombo")
        self.speaker_edit = QLineEdit()
        self.speaker_edit.setPlaceholderText(self.tr("nobody"))
        self.speaker_combo.setLineEdit(self.speaker_edit)
        self.speaker_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.names = list(names)
        self.speaker_combo.addItems(self.names)
        completer = QCompleter(self.names, self.speaker_combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.speaker_combo.setCompleter(completer)
        _EnterTakesWhatIsTyped(completer, self)
        self.speaker_combo.setEditText(speaker)
        self._offered = " ".join(speaker.split())  # Escape asks only once another name is typed
        self.discard_box: QMessageBox | None = None
        self.speaker_combo.setAccessibleName(self.tr("Speaker"))
        form.addRow(self.tr("&Speaker:"), self.speaker_combo)
        # The same wrong speaker is often wrong for a whole interview: one answer for all of it.
        also = self.tr("&Also give this speaker to the other quotations attributed to {0} ({1})")
        self._also_words = speaker
        self._also_text: Callable[[str], str] = lambda words: also.format(_as_itself(words), others)
        self.also = QCheckBox(self._also_text(speaker))
        self.also.setObjectName("quoteAlso")
        self.also.setVisible(others > 0)
        form.addRow(self.also)
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("quoteProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("font-weight: 600;")
        self.problem.hide()
        form.addRow(self.problem)
        buttons = _ok_cancel(self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        # A problem said about the old name or kind, left beside a valid new one, reads as
        # though the new one were refused too: it goes with any change and is checked again on OK.
        self.speaker_edit.textChanged.connect(self._problem_gone)
        self.kind_combo.currentIndexChanged.connect(self._problem_gone)
        self.speaker_edit.selectAll()
        self._focus_at_fault()
        self._fit_on_screen()

    def _focus_at_fault(self) -> None:
        """The kind while it cannot be saved (see `_kind_changed`), else the speaker's name."""
        (self.kind_combo if self.kind_note.text() else self.speaker_combo).setFocus()

    def _fit_on_screen(self) -> None:
        """Sized here, not by Qt when shown, and the selected words shortened to the screen.

        Qt capped the dialog at two thirds of the screen's width and kept the height worked out
        for the wider one: with larger text the quotation lost its last lines and the Bounds box
        (a check box does not wrap) its end, or ran past the screen's edge.
        """
        hint = self.sizeHint()
        excess = hint.width() - fitted_size(hint, self.screen().availableGeometry()).width()
        if excess > 0 and self.bounds.isVisibleTo(self):
            metrics = self.bounds.fontMetrics()
            wide = metrics.horizontalAdvance(self._bounds_words)
            room = max(wide - excess, 10 * metrics.averageCharWidth())
            words = metrics.elidedText(self._bounds_words, Qt.TextElideMode.ElideRight, room)
            self.bounds.setText(self.tr("&Bounds: the selected words, {0}").format(_as_itself(words)))
            self.bounds.setToolTip(tip(self._bounds_words))
            hint = self.sizeHint()
        excess = hint.width() - fitted_size(hint, self.screen().availableGeometry()).width()
        if excess > 0 and self.also.isVisibleTo(self):
            # Over more lines, every word kept (whose quotations they are is the point): on one,
            # at 200% with larger text on a 1366x768 laptop, it ran the dialog past the screen's
            # edge, OK and Cancel with it.
            metrics = self.also.fontMetrics()
            text = self._also_text(self._also_words)
            room = max(metrics.horizontalAdvance(text) - excess, 10 * metrics.averageCharWidth())
            self.also.setText(_broken(text, metrics, room))
            hint = self.sizeHint()
        resize_to_fit(self, hint.width(), hint.height())

    def _say_problem(self, problem: str) -> None:
        """Why the answer was not saved, under the fields and as the speaker box's description:
        the focus goes back to the box, and a screen reader said the name again, not why."""
        self.problem.setText(problem)
        self.problem.show()
        self.speaker_combo.setAccessibleDescription(problem)

    def _problem_gone(self) -> None:
        self.problem.hide()
        self.speaker_combo.setAccessibleDescription("")

    def check(self) -> bool:
        """Whether the answer can be saved; if not, why is said under the fields."""
        if self.kind_note.text():  # said beside the kind, OK disabled: the kind is to change
            self.kind_combo.setFocus()
            return False
        problem = self.problem_with(self.kind(), self.speaker())
        if problem:
            self._say_problem(problem)
            # The line under the fields, whole (Qt's adjustSize would narrow a wide dialog to
            # two thirds of the screen and cut the quotation's last lines).
            resize_to_fit(self, self.width(), self.height())
            self.speaker_edit.setFocus()
            self.speaker_edit.selectAll()
        return not problem

    def accept(self) -> None:
        """Saved only when it can be: a name the article lacks is said here, and the dialog
        stays open with what was typed, so a typo costs one edit, not the whole dialog. So
        does a save refused (`save`): a wait for another program's write cancelled, a full disk."""
        if not self.check():
            return
        problem = self.save() if self.save is not None else None
        if problem is not None:
            self._say_problem(problem)
            resize_to_fit(self, self.width(), self.height())
            self.speaker_edit.setFocus()
            return
        super().accept()

    def reject(self) -> None:
        """Escape, Cancel or the close button: at once unless another speaker's name was typed.

        Escape threw the typed name away without a word, and it is the key a person presses
        to leave any dialog (the note and the guidelines ask too).
        """
        typed = " ".join(self.speaker_combo.currentText().split())
        if not typed or typed == self._offered or not self.speaker_combo.isEnabled():
            super().reject()
            return

        def answered(discarded: bool) -> None:
            self.discard_box = None
            if discarded:
                super(QuoteDialog, self).reject()

        self.discard_box = ask_to_discard(
            self, self.tr("Discard the speaker you typed?"), "discardSpeaker", self.speaker_edit, answered
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return while OK is disabled takes the focus to the kind at fault, not nowhere."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.ok.isEnabled():
            self._focus_at_fault()
            event.accept()
            return
        super().keyPressEvent(event)

    def _kind_changed(self) -> None:
        nobody = self.kind() in ("scare", self.REMOVE)
        if nobody:
            self.speaker_combo.setEditText("")
        self.speaker_combo.setEnabled(not nobody)
        self.also.setEnabled(not nobody)
        self.bounds.setEnabled(self.kind() != self.REMOVE)
        # A kind the words cannot be (a direct quotation without quote marks) is said beside
        # it, and OK is disabled with the reason as its tooltip, as desktop dialogs do for a
        # field whose value cannot be taken: a dialog that stays open on Return is easy to miss.
        problem = self.kind_problem(self.kind())
        shown = bool(self.kind_note.text())
        self.kind_note.setText(problem)
        self.kind_note.setVisible(bool(problem))
        self.kind_combo.setAccessibleDescription(problem)
        self.ok.setEnabled(not problem)
        self.ok.setToolTip(problem)
        if shown != bool(problem) and self.isVisible():
            resize_to_fit(self, self.width(), self.height())

    def use_bounds(self) -> bool:
        """Whether the quotation takes the selected words as its bounds."""
        return not self.bounds.isHidden() and self.bounds.isEnabled() and self.bounds.isChecked()

    def also_others(self) -> bool:
        """Whether the other quotations by the same speaker get the new speaker too."""
        return not self.also.isHidden() and self.also.isEnabled() and self.also.isChecked()

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def speaker(self) -> str:
        """The name typed, or the one offered name it is whole words of ("lopez" is "Maria Lopez").

        Whole words, not any letters: "Lee", a speaker the model missed, was saved as "Ashlee
        Green", the one offered name holding those letters.
        """
        typed = " ".join(self.speaker_combo.currentText().split())
        if not typed or typed in self.names:
            return typed
        words = re.compile(rf"(?<!\w){re.escape(typed)}(?!\w)", re.IGNORECASE)
        holding = [name for name in self.names if words.search(name)]
        return holding[0] if len(holding) == 1 else typed


class ShortcutsDialog(QDialog):
    """Every shortcut, from the declared actions (`ui.actions.shortcut_rows`), so the list cannot go stale."""

    def __init__(self, parent: QWidget | None, rows: Sequence[tuple[str, str]], guidelines: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        # A table and a text with no name of their own: Orca said "table" and "text" alone.
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # Tab leaves it (arrows move in it): Qt's tables walk their cells on Tab, a trap.
        table.setTabKeyNavigation(False)
        for i, (keys, what) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(keys))
            table.setItem(i, 1, QTableWidgetItem(what))
        # The keys as wide as they are, the actions wrapped in what is left: Return's two
        # sentences made the table scroll sideways, its header and the ends of lines out of view.
        table.resizeColumnToContents(0)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        # The project's labelling guidelines under the keys: `?` is where people look
        # when they are unsure, and that is as often "which label?" as "which key?".
        self.guidelines = SafeBrowser(self)  # from the project file: no resources, asked links
        self.guidelines.setObjectName("shortcutsGuidelines")
        self.guidelines.setAccessibleName(self.tr("Labelling guidelines"))
        self.guidelines.show_markdown(guidelines)
        self.guidelines.setVisible(bool(guidelines))
        layout.addWidget(self.guidelines, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table
        resize_to_fit(self, 520, 760 if guidelines else 560)


def ask_name(parent: QWidget, current: str, then: Callable[[str], None]) -> None:
    """File ▸ Change name: `then(name)` once the person accepts (the name may be empty)."""
    dialog = NameDialog(parent, current=current)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: then(dialog.name()))
    dialog.open()


def show_shortcuts(parent: QWidget, project: Project | None) -> ShortcutsDialog:
    """`?`: every declared key (`ui.actions`), then the project's guidelines (or the default ones)."""
    from annotator.services import guidelines as rules

    text = rules.guidelines(project) if project is not None else rules.default_guidelines()
    dialog = ShortcutsDialog(parent, shortcut_rows(ACTIONS), text)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    lend_application_keys(parent, dialog)  # Ctrl+Q, listed in it, works in it too
    dialog.open()
    return dialog
