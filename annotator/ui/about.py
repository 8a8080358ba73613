"""Help ▸ About annotator: versions, where the files are, licences, and the log folder a click away."""

from __future__ import annotations

import contextlib

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.services import paths
from annotator.services.about import LICENCES, details
from annotator.ui.actions import lend_application_keys
from annotator.ui.desktop_open import open_in_desktop, show_where
from annotator.ui.geometry import fitted_size, resize_to_fit, scrolled, scrolled_form_height
from annotator.ui.plain import plain


def plain_label(text: str) -> QLabel:
    """A label that shows `text` as it is (a path may hold `<`) and can be selected and copied."""
    label = plain(QLabel(text))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


MIN_WIDTH = 640
WIDTH_CHARACTERS = 105
"""The dialog's width in the font's characters: 640 pixels at a common 9-point font, where a
path of the settings, the log or the project reads on one line."""


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
        body = QWidget()
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(12)
        heading = plain_label(self.tr("Annotator: label the claims in news articles, offline."))
        heading.setStyleSheet("font-weight: bold")
        heading.setWordWrap(False)  # a wrapping label asks for height before it has a width
        content.addWidget(heading)
        form = QFormLayout()
        for what, value in self.rows:
            form.addRow(self.tr(what), plain_label(value))
        content.addLayout(form)
        content.addWidget(plain_label(self.tr(LICENCES)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_logs = QPushButton(self.tr("Open &Log Folder"))
        self.open_logs.clicked.connect(self.open_log_folder)
        # Not Alt+C: GNOME and the desktops that take its look name Close "&Close", and a letter
        # two buttons share only moves the focus between them.
        self.copy = QPushButton(self.tr("Co&py Details"))
        self.copy.clicked.connect(self.copy_details)
        about_qt = QPushButton(self.tr("About &Qt"))
        about_qt.clicked.connect(self.about_qt)
        for button in (self.open_logs, self.copy, about_qt):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        area = scrolled(body)  # the rows scroll on a small screen; the buttons stay on it
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(area, 1)
        layout.addWidget(buttons)
        self._fit(area, body, layout, buttons)
        # Return closes, as before the rows scrolled: on a small screen the scroll area, a Tab
        # stop while it scrolls, took the first focus.
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()

    def _fit(self, area: QScrollArea, body: QWidget, layout: QVBoxLayout, buttons: QWidget) -> None:
        """As wide as `WIDTH_CHARACTERS` of the font, as tall as the wrapped lines need at that
        width, or as the screen allows.

        It was 640 pixels wide whatever the text's size: at twice the desktop's font on a
        1366x768 laptop the paths wrapped to three lines each, the dialog was 838 pixels tall,
        its buttons below the screen's edge, and the paths lost their last lines, the file
        names a bug report asks for.
        """
        width = max(MIN_WIDTH, self.fontMetrics().averageCharWidth() * WIDTH_CHARACTERS)
        width = min(width, fitted_size(QSize(width, 1), self.screen().availableGeometry()).width())
        height = scrolled_form_height(area, body, layout, buttons, width)
        resize_to_fit(self, width, height)

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
        return open_in_desktop(folder, self.say_log_folder)

    def say_log_folder(self) -> None:
        """Where the log folder is, when no file manager took it."""
        said = self.tr("The log folder is {0}").format(paths.log_dir())
        show_where(self, self.tr("Log folder"), said, "logFolderBox")


def show_about(parent: QWidget, project: str = "") -> AboutDialog:
    dialog = AboutDialog(parent, project=project)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    lend_application_keys(parent, dialog)  # Ctrl+Q, Ctrl+N, Ctrl+O
    dialog.open()
    return dialog
