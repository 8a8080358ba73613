"""Help ▸ About annotator: versions, where the files are, licences, and the log folder a click away."""

from __future__ import annotations

import contextlib

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.services import paths
from annotator.services.about import LICENCES, details
from annotator.ui.actions import lend_application_keys
from annotator.ui.plain import plain


def plain_label(text: str) -> QLabel:
    """A label that shows `text` as it is (a path may hold `<`) and can be selected and copied."""
    label = plain(QLabel(text))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, project: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About annotator"))
        self.rows = [
            *details(),
            ("Qt", f"{qVersion()} (PySide6 {pyside_version})"),
            *([("Project", project)] if project else []),
        ]
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        heading = plain_label(self.tr("Annotator: label the claims in news articles, offline."))
        heading.setStyleSheet("font-weight: bold")
        heading.setWordWrap(False)  # a wrapping label asks for height before it has a width
        layout.addWidget(heading)
        form = QFormLayout()
        for what, value in self.rows:
            form.addRow(self.tr(what), plain_label(value))
        layout.addLayout(form)
        layout.addWidget(plain_label(self.tr(LICENCES)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_logs = QPushButton(self.tr("Open &Log Folder"))
        self.open_logs.clicked.connect(self.open_log_folder)
        self.copy = QPushButton(self.tr("&Copy Details"))
        self.copy.clicked.connect(self.copy_details)
        about_qt = QPushButton(self.tr("About &Qt"))
        about_qt.clicked.connect(self.about_qt)
        for button in (self.open_logs, self.copy, about_qt):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, layout.totalHeightForWidth(640))  # the wrapped lines at this width, no more

    def details_text(self) -> str:
        """The rows as lines, for a bug report."""
        return "\n".join(f"{what}: {value}" for what, value in self.rows)

    def about_qt(self) -> None:
        QMessageBox.aboutQt(self)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy.setText(self.tr("Copied"))

    def open_log_folder(self) -> bool:
        """The log folder in the desktop's file manager (made first: nothing may have been logged)."""
        folder = paths.log_dir()
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not opened:
            QMessageBox.information(
                self, self.tr("Log folder"), self.tr("The log folder is {0}").format(folder)
            )
        return opened


def show_about(parent: QWidget, project: str = "") -> AboutDialog:
    dialog = AboutDialog(parent, project=project)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    lend_application_keys(parent, dialog)  # Ctrl+Q, Ctrl+N, Ctrl+O
    dialog.open()
    return dialog
