"""Small dialogs. They are opened with `open()` (not `exec()`), so the event loop
keeps running and tests can drive them like any other widget."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.actions import ACTIONS, shortcut_rows
from annotator.ui.plain import SafeBrowser

if TYPE_CHECKING:
    from annotator.services.project import Project


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel buttons that accept and reject `dialog`."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NameDialog(QDialog):
    """Asked once, on first start: every claim records who made it."""

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
        self.edit.setAccessibleName(self.tr("Annotator name"))
        self.edit.setPlaceholderText(self.tr("e.g. Ada L."))
        layout.addWidget(self.edit)
        self.buttons = _ok_cancel(self)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(current.strip()))
        self.edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))

    def name(self) -> str:
        return self.edit.text().strip()


class NoteDialog(QDialog):
    """The note on one claim, under the claim's own text.

    The claim is shown as it reads in the article, set off by italics and an indent,
    never inside quotation marks of the dialog's own: a claim that is a quotation has
    its own marks, and wrapping it read `“I may do it."”`.
    """

    def __init__(self, parent: QWidget | None = None, *, note: str = "", excerpt: str = "") -> None:
        super().__init__(parent)
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
        self.edit = QPlainTextEdit(note)
        self.edit.setObjectName("noteEdit")
        self.edit.setAccessibleName(self.tr("Note"))
        self.edit.setTabChangesFocus(True)
        layout.addWidget(self.edit)
        self.buttons = _ok_cancel(self)
        layout.addWidget(self.buttons)
        hint = QLabel(self.tr("Ctrl+Enter saves"))
        hint.setEnabled(False)
        layout.addWidget(hint)
        # QPlainTextEdit takes Ctrl+Return for itself, so a shortcut never sees it.
        self.edit.installEventFilter(self)
        self.resize(420, 220)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def note(self) -> str:
        return self.edit.toPlainText().strip()


class EntityTypeDialog(QDialog):
    """Picks the type of an entity added by hand."""

    def __init__(self, parent: QWidget | None, *, labels: Sequence[str], excerpt: str) -> None:
        super().__init__(parent)
        self.setObjectName("entityTypeDialog")
        self.setWindowTitle(self.tr("Add entity"))
        form = QFormLayout(self)
        shown = QLabel(excerpt)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.tr("Text:"), shown)
        self.combo = QComboBox()
        self.combo.setObjectName("entityTypeCombo")
        self.combo.setEditable(True)
        self.combo.addItems(list(labels))
        form.addRow(self.tr("Type:"), self.combo)
        form.addRow(_ok_cancel(self))

    def label(self) -> str:
        return self.combo.currentText().strip().upper()


class ShortcutsDialog(QDialog):
    """Every shortcut, from the declared actions (`ui.actions.shortcut_rows`), so the list cannot go stale."""

    def __init__(self, parent: QWidget | None, rows: Sequence[tuple[str, str]], guidelines: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (keys, what) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(keys))
            table.setItem(i, 1, QTableWidgetItem(what))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(table, 1)
        # The project's labelling guidelines under the keys: `?` is where people look
        # when they are unsure, and that is as often "which label?" as "which key?".
        self.guidelines = SafeBrowser(self)  # from the project file: no resources, asked links
        self.guidelines.setObjectName("shortcutsGuidelines")
        self.guidelines.setMarkdown(guidelines)
        self.guidelines.setVisible(bool(guidelines))
        layout.addWidget(self.guidelines, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table = table
        self.resize(520, 760 if guidelines else 560)


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
    dialog.open()
    return dialog
