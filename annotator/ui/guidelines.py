"""A dockable panel that shows the project's labelling guidelines, and lets a coordinator edit them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, ChangedMeanwhile
from annotator.services.guidelines import default_guidelines, guidelines, set_guidelines
from annotator.services.project import Project
from annotator.ui.geometry import resize_to_fit
from annotator.ui.plain import SafeBrowser, plain


class GuidelinesPanel(QWidget):
    """Markdown guidelines in a QTextBrowser; without a project it shows the defaults."""

    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.browser = SafeBrowser()  # guidelines travel inside project files: no resources, asked links
        self.edit_button = QPushButton(self.tr("&Edit guidelines…"))
        self.edit_button.clicked.connect(self.edit)
        self.editor: GuidelinesEditor | None = None
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)
        layout.addLayout(row)
        self.set_project(project)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.edit_button.setEnabled(project is not None)
        self.browser.setMarkdown(guidelines(project) if project is not None else default_guidelines())

    def markdown(self) -> str:
        return guidelines(self.project) if self.project is not None else default_guidelines()

    def edit(self) -> None:
        """Open the editor on the guidelines shown; the panel shows what it saves."""
        if self.project is None:
            return
        self.editor = GuidelinesEditor(self.project, self.markdown(), self)
        self.editor.accepted.connect(lambda: self.set_project(self.project))
        self.editor.finished.connect(self.editor.deleteLater)
        self.editor.open()


class GuidelinesEditor(QDialog):
    """The guidelines' Markdown, saved into the project when Save is pressed.

    A save the project refuses (empty, too long, read-only file, disk full) is said in the
    dialog, which stays open with the text: the dialog used to close on any refusal without a
    word, and a coordinator's text was gone.
    """

    def __init__(self, project: Project, markdown: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.was = markdown  # what the project held when editing began (the saved ones may change)
        self.setWindowTitle(self.tr("Edit guidelines (Markdown)"))
        resize_to_fit(self, 700, 600)
        self.text = QPlainTextEdit(markdown)
        self.problem = plain(QLabel())  # a message, never rich text
        self.problem.setObjectName("guidelinesProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.text.textChanged.connect(self.problem.hide)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Save, and close only once saved.

        Guidelines saved in another window meanwhile are not replaced unseen: the first Save
        says so, and a second one replaces them.
        """
        try:
            set_guidelines(self.project, self.text.toPlainText(), was=self.was)
        except AnnotatorError as exc:
            if isinstance(exc, ChangedMeanwhile):
                self.was = guidelines(self.project)
            message = str(exc)
            self.problem.setText(message[:1].upper() + message[1:])
            self.problem.show()
            return
        super().accept()
