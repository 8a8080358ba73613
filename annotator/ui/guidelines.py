"""A dockable panel that shows the project's labelling guidelines, and lets a coordinator edit them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.commands import Change, Command
from annotator.core.errors import AnnotatorError, ChangedMeanwhile
from annotator.services.guidelines import (
    default_guidelines,
    editing_guidelines,
    guidelines,
    resetting_guidelines,
)
from annotator.services.project import Project
from annotator.ui.dialogs import ask_to_discard, beside_buttons, is_ctrl_return, save_key_hint
from annotator.ui.error_text import as_sentence
from annotator.ui.geometry import resize_to_fit
from annotator.ui.lock_wait import save_when_free
from annotator.ui.plain import SafeBrowser, plain
from annotator.ui.project_files import nothing_saved_banner, nothing_saved_why, show_nothing_saved


class GuidelinesPanel(QWidget):
    """Markdown guidelines in a QTextBrowser; without a project it shows the defaults.

    `run_edit` saves an edit as the window does, on its undo stack (`MainWindow.run_edit`):
    the editor's Save and Reset… (to the shipped guidelines) are each one step Ctrl+Z takes back.
    `guard` says a refusal as the window says one (`MainWindow.guard`). A panel without them (a
    test's) saves at once and says a refusal in a box.
    """

    def __init__(
        self,
        project: Project | None = None,
        parent: QWidget | None = None,
        *,
        run_edit: Callable[[Command], Change] | None = None,
        guard: Callable[[Callable[[], object]], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self._run_edit = run_edit
        # Kept as given: a bound method of the panel held by the panel is a cycle, which left
        # the panel to the garbage collector, and it crashed destroying it.
        self._guard = guard
        self.browser = SafeBrowser()  # guidelines travel inside project files: no resources, asked links
        # The panel's title is its dock's, which a screen reader does not say for the page in it.
        self.browser.setAccessibleName(self.tr("Labelling guidelines"))
        self.edit_button = QPushButton(self.tr("E&dit guidelines…"))  # Alt+E is the Edit menu
        self.edit_button.clicked.connect(self.edit)
        # A lead who rewrote the guidelines had no way back to the shipped text but retyping it.
        # Alt+R: no menu title takes R.
        self.reset_button = QPushButton(self.tr("&Reset…"))
        self.reset_button.setObjectName("guidelinesReset")
        self.reset_button.clicked.connect(self.ask_to_reset)
        self.reset_box: QMessageBox | None = None
        self._reset_seen: str | None = None
        self._reset_project: Project | None = None
        self.editor: GuidelinesEditor | None = None
        self._shown: str | None = None  # the Markdown the browser shows
        # Read-only or gone: Edit opened the editor, and the coordinator's text was refused only
        # at Save. Said above the guidelines, which can still be read; Edit is greyed.
        self.nothing_saved = nothing_saved_banner()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reset_button)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nothing_saved)
        layout.addWidget(self.browser)
        layout.addLayout(row)
        self.set_project(project)

    def set_project(self, project: Project | None) -> None:
        """Show `project`'s guidelines (the defaults without one), where they were read if the
        same project's are shown again.

        The window shows them again after every save another window makes to the project: an
        annotator reading halfway down was taken back to the top at each label a colleague
        saved. Unchanged, they are not drawn again; changed, the place is kept.
        """
        same = project is self.project
        self.project = project
        markdown = guidelines(project) if project is not None else default_guidelines()
        if markdown != self._shown:
            bar = self.browser.verticalScrollBar()
            place = bar.value() if same else 0
            self.browser.show_markdown(markdown)
            self._shown = markdown
            bar.setValue(place)
        self.show_saving()

    def show_saving(self) -> None:
        """Edit enabled, or greyed with the banner saying why nothing can be saved
        (`project_files.nothing_saved_why`)."""
        project = self.project
        why = (
            "" if project is None else nothing_saved_why(project, self.tr("no guidelines can be saved in it"))
        )
        show_nothing_saved(self.nothing_saved, why)
        self.edit_button.setEnabled(project is not None and not why)
        self.edit_button.setToolTip(why)
        self.edit_button.setStatusTip(why)
        shipped = self._shown == default_guidelines()
        if project is None:
            about_reset = self.tr("Open a project to change its guidelines.")
        elif why:
            about_reset = why
        elif shipped:
            about_reset = self.tr("These are the guidelines annotator ships with already.")
        else:
            about_reset = self.tr(
                "Replace this project's guidelines with the ones annotator ships with; Ctrl+Z brings"
                " the current text back."
            )
        self.reset_button.setEnabled(project is not None and not why and not shipped)
        self.reset_button.setToolTip(about_reset)
        self.reset_button.setStatusTip(about_reset)

    def markdown(self) -> str:
        return guidelines(self.project) if self.project is not None else default_guidelines()

    def edit(self) -> None:
        """Open the editor on the guidelines shown; the panel shows what it saves."""
        if self.project is None or not self.edit_button.isEnabled():
            return  # Alt+D on the greyed button: the banner says why
        self.editor = GuidelinesEditor(self.project, self.markdown(), self, run_edit=self._run_edit)
        # Bound methods, never a lambda holding `self`: PySide keeps a connected lambda, and so
        # the panel, alive until the editor is deleted. A panel nothing else held was then
        # destroyed from inside the editor's destructor, which it destroyed a second time
        # (heap corruption, the process aborted).
        self.editor.accepted.connect(self._show_saved)
        self.editor.finished.connect(self.editor.deleteLater)
        self.editor.open()

    def _show_saved(self) -> None:
        self.set_project(self.project)

    def ask_to_reset(self) -> None:
        """Reset… (to the shipped guidelines): asked first, then saved as one undo step."""
        if self.project is None or not self.reset_button.isEnabled():
            return  # Alt+R on the greyed button: its tooltip and the banner say why
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Reset guidelines"),
            self.tr(
                "Replace the guidelines of {0} with the ones annotator ships with?\n\nThe current"
                " text is not lost while the project stays open: Edit ▸ Undo (Ctrl+Z) brings it back."
            ).format(self.project.path.name),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("resetGuidelines")
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file's name, never rich text
        box.addButton(self.tr("&Reset"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._reset_seen = self._shown  # what the person saw when they chose, in which project
        self._reset_project = self.project
        # A bound method, never a lambda holding `self` (see `edit`).
        box.finished.connect(self._answered)
        self.reset_box = box
        box.open()

    def _answered(self, _result: int) -> None:
        box, self.reset_box = self.reset_box, None
        project, shown = self.project, self._reset_seen
        asked_in, self._reset_project = self._reset_project, None
        if project is not asked_in:  # another project opened while it asked
            return
        clicked = box.clickedButton() if box is not None else None
        confirmed = (
            box is not None
            and clicked is not None
            and (box.buttonRole(clicked) == QMessageBox.ButtonRole.DestructiveRole)
        )
        if not confirmed or project is None:
            return

        def reset() -> None:
            command = resetting_guidelines(project, was=shown)
            if self._run_edit is not None:
                self._run_edit(command)
            else:
                project.execute(command)

        if self._guard is not None:
            self._guard(reset)
        else:
            self._said_in_a_box(reset)
        # As saved: the shipped ones, or, refused, what another window saved meanwhile.
        self.set_project(project)

    def _said_in_a_box(self, slot: Callable[[], object]) -> None:
        try:
            slot()
        except AnnotatorError as exc:
            QMessageBox.warning(self, self.tr("Reset guidelines"), as_sentence(str(exc)))


class GuidelinesEditor(QDialog):
    """The guidelines' Markdown, saved into the project when Save (or Ctrl+Enter) is pressed.

    A coordinator may spend an hour on this text, so it is never lost without a word: a save
    the project refuses (empty, too long, read-only file, disk full) is said in the dialog,
    which stays open with the text (it used to close on any refusal, the text gone), and
    Escape or Cancel asks before throwing edits away.
    """

    def __init__(
        self,
        project: Project,
        markdown: str,
        parent: QWidget | None = None,
        *,
        run_edit: Callable[[Command], Change] | None = None,
    ) -> None:
        """`run_edit`: the window's, which saves the edit on its undo stack (see `GuidelinesPanel`);
        without it (a test's editor) the edit is saved at once, outside any history."""
        super().__init__(parent)
        self.project = project
        self._run_edit = run_edit
        self.setObjectName("guidelinesEditor")
        self.was = markdown  # what the project held when editing began (the saved ones may change)
        self._before = markdown  # what the editor opened with: unchanged text closes without asking
        self.discard_box: QMessageBox | None = None
        # "[*]": an asterisk in the title while the text differs from the one opened, the
        # desktop's sign of unsaved work; an hour's edit looked the same as one just opened.
        self.setWindowTitle(self.tr("Edit guidelines (Markdown)[*]"))
        resize_to_fit(self, 700, 600)
        self.text = QPlainTextEdit(markdown)
        # The document's own flag, which its undo back to the opened text clears: comparing
        # the whole text at each key would read a megabyte of guidelines per key.
        self.text.document().modificationChanged.connect(self.setWindowModified)
        self.text.setObjectName("guidelinesText")
        self.text.setAccessibleName(self.tr("Guidelines (Markdown)"))
        # Tab moves on, as in every other field: Markdown indents with spaces.
        self.text.setTabChangesFocus(True)
        self.text.installEventFilter(self)
        self.problem = plain(QLabel())  # a message, never rich text
        self.problem.setObjectName("guidelinesProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("font-weight: 600;")
        self.problem.hide()
        self.text.textChanged.connect(self.problem.hide)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.problem)
        layout.addLayout(beside_buttons(save_key_hint(self), buttons))
        self.text.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and is_ctrl_return(event):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        """Save, as one step Ctrl+Z takes back, and close only once saved; unchanged, close
        without a step.

        Guidelines saved in another window meanwhile are not replaced unseen: the first Save
        says so, and a second one replaces them. While another program writes to the project
        (a merge, an import), the save waits as an edit's does (`ui.lock_wait`) instead of
        refusing after a moment; cancelled, it is said here and the text stays for one more Save.
        """
        project, text = self.project, self.text.toPlainText()
        try:
            command = editing_guidelines(project, text, was=self.was)
            if command is None:
                pass  # the guidelines shown already: no step that would visibly undo nothing
            elif self._run_edit is not None:
                self._run_edit(command)  # the window's wait for another program's write, too
            else:
                save_when_free(
                    self, project, lambda: project.execute(command), what=self.tr("the guidelines")
                )
        except AnnotatorError as exc:
            if isinstance(exc, ChangedMeanwhile):
                self.was = guidelines(self.project)
            self.problem.setText(as_sentence(str(exc)))
            self.problem.show()
            self.text.setFocus()
            return
        super().accept()

    def reject(self) -> None:
        """Escape, Cancel or the close button: at once when nothing changed, else after asking."""
        if self.text.toPlainText() == self._before:
            super().reject()
            return

        def answered(discarded: bool) -> None:
            self.discard_box = None
            if discarded:
                super(GuidelinesEditor, self).reject()

        self.discard_box = ask_to_discard(
            self,
            self.tr("Discard your changes to the guidelines?"),
            "discardGuidelines",
            self.text,
            answered,
        )
