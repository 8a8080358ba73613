"""A dockable panel that shows the project's labelling guidelines, and lets a coordinator edit them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services.guidelines import default_guidelines, guidelines, set_guidelines
from annotator.services.project import Project
from annotator.ui.geometry import resize_to_fit
from annotator.ui.plain import SafeBrowser


class GuidelinesPanel(QWidget):
    """Markdown guidelines in a QTextBrowser; without a project it shows the defaults."""

    def __init__(self, project: Project | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.browser = SafeBrowser()  # guidelines travel inside project files: no resources, asked links
        self.edit_button = QPushButton(self.tr("&Edit guidelines…"))
        self.edit_button.clicked.connect(self.edit)
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
        if self.project is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Edit guidelines (Markdown)"))
        resize_to_fit(dialog, 700, 600)
        editor = QPlainTextEdit(self.markdown())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(editor)
        layout.addWidget(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                set_guidelines(self.project, editor.toPlainText())
            except AnnotatorError:
                return
            self.set_project(self.project)
        dialog.deleteLater()
