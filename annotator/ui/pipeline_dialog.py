"""File > Pre-annotation Model…: which spaCy pipeline the project pre-annotates with.

The medium English pipeline finds a few more speakers and organisations than the small one,
at three times the loading time and four times the size (benchmarks/pipelines.md); a team
that installed it should be able to choose it without touching the project file. The rules
are `services.preannotate`'s (`pipeline_choices`, `choose_pipeline`); this module holds the
dialog, and runs Pre-annotate All once the choice is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services.preannotate import PipelineChoice, choose_pipeline, chosen_pipeline, pipeline_choices
from annotator.ui.geometry import resize_to_fit, scrolled

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


class PipelineDialog(QDialog):
    """One choice per pipeline; one this machine lacks is shown, greyed, with what to install."""

    def __init__(
        self,
        parent: QWidget | None,
        choices: Sequence[PipelineChoice],
        current: str,
        *,
        shown_note: str | None = None,
    ) -> None:
        """`shown_note`: why the shown article's highlights are the simple rules' and what to do
        (`StatusBar.model_note`), said first."""
        super().__init__(parent)
        self.setObjectName("pipelineDialog")
        self.setWindowTitle(self.tr("Pre-annotation model"))
        self.setMinimumWidth(560)
        # The paragraphs scroll when the screen is short, OK and Cancel below them: fitted to a
        # 1366x768 laptop at 200% with text 1.5 times larger, the dialog squeezed them, and the
        # install hint lost its first and last lines.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        # The status bar's "model: simple rules only" said why, and whom to ask, in a tooltip
        # alone, which no key opens: here it is a key away (File ▸ Pre-annotation Model…).
        self.shown_note = QLabel(shown_note or "", wordWrap=True)
        self.shown_note.setObjectName("shownNote")
        self.shown_note.setTextFormat(Qt.TextFormat.PlainText)  # a command with a path in it
        self.shown_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown_note.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(self.shown_note)
        self.shown_note.setVisible(bool(shown_note))  # once in the layout: else a window of its own
        layout.addWidget(QLabel(self.tr("Suggest entities, quotations and speakers with:")))
        self.group = QButtonGroup(self)
        self.buttons_by_name: dict[str, QRadioButton] = {}
        for choice in choices:
            button = QRadioButton(self.tr(choice.title))
            button.setObjectName(f"pipeline_{choice.name}")
            button.setEnabled(choice.package is not None)
            button.setChecked(choice.name == current)
            self.group.addButton(button)
            self.buttons_by_name[choice.name] = button
            layout.addWidget(button)
            where = (
                self.tr("Installed as {0}.").format(choice.package)
                if choice.package is not None
                else self.tr("Not installed: {0}.").format(self.tr(choice.install))
            )
            about = QLabel(f"{self.tr(choice.about)} {where}", wordWrap=True)
            about.setTextFormat(Qt.TextFormat.PlainText)
            about.setContentsMargins(24, 0, 0, 8)  # under its button's text
            about.setEnabled(choice.package is not None)
            layout.addWidget(about)
        self.note = QLabel(
            self.tr(
                "Changing it pre-annotates every article again, in the background (Cancel keeps "
                "the articles done). People's decisions and corrections stay, and each model's "
                "results are kept, so switching back is quick."
            ),
            wordWrap=True,
        )
        layout.addWidget(self.note)
        self.current = current
        self.save: Callable[[], bool] | None = None
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scrolled(body), 1)
        outer.addWidget(box)
        checked = self.group.checkedButton()
        if checked is not None:
            checked.setFocus()  # arrows move between the choices
        # Sized here, not by Qt when shown: Qt caps a window at two thirds of the screen's width
        # and keeps the height worked out for the wider one, which cut off the install hint and
        # the note at 2x text on a laptop.
        hint = self.sizeHint()
        resize_to_fit(self, hint.width(), hint.height())

    def accept(self) -> None:
        """OK: close once `save` has saved the choice. One not saved (another program was
        writing and the wait for it was cancelled, a read-only file) keeps the dialog open
        with the choice checked, so one more OK saves it rather than the person choosing again."""
        if self.save is not None and not self.save():
            return
        super().accept()

    def chosen(self) -> str:
        """The pipeline whose button is checked (the current one if none is)."""
        for name, button in self.buttons_by_name.items():
            if button.isChecked():
                return name
        return self.current


def open_pipeline_dialog(window: MainWindow, parent: QWidget | None = None) -> PipelineDialog:
    """The dialog on the open project; accepted with another pipeline, it saves the choice and
    runs Pre-annotate All with it.

    `parent` is the dialog it is opened from (Preferences), if not the window: on top of it
    and modal to it, so the keys go to the model's choices, not to the dialog below."""
    from annotator.ui.project_files import refuse_unless_writable

    project = window.project
    if project is None:
        raise AnnotatorError(window.tr("Open a project before choosing its pre-annotation model."))
    # The choice is saved in the project and Pre-annotate All then opens it by its path: on a
    # file gone or read-only, the dialog took a choice and only then said it was not saved.
    refuse_unless_writable(project, window.tr("no pre-annotation model can be chosen for it"))
    current = chosen_pipeline(project)
    dialog = PipelineDialog(
        parent if parent is not None else window,
        pipeline_choices(),
        current,
        shown_note=window.status_bar.model_note,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    saved: list[PipelineChoice] = []

    def save() -> bool:
        """Saved (or nothing to save); waits while another program writes (`ui.lock_wait`)."""
        from annotator.ui.lock_wait import save_when_free

        name = dialog.chosen()
        shown = window.project
        if name == current or shown is None:
            return True
        window.guard(
            lambda: saved.append(
                save_when_free(
                    dialog,
                    shown,
                    lambda: choose_pipeline(shown, name),
                    what=window.tr("the pre-annotation model"),
                )
            )
        )
        return bool(saved)

    def preannotate() -> None:
        if not saved or window.project is None:
            return
        said = window.tr("Pre-annotating every article with: {0}").format(window.tr(saved[-1].title))
        window.status(said, 8000)
        window.transfers.preannotate(None)

    dialog.save = save
    dialog.accepted.connect(lambda: window.guard(preannotate))
    window.pipeline_dialog = dialog
    dialog.open()
    return dialog
