"""Team ▸ Entity Decisions…: what the team's entity decisions carry, name by name.

One R on "Trump" as a person, made by mistake, leaves Trump out of every article's suggestions
once Pre-annotate All or a merge has run; nothing in the text says why a suggestion is gone.
This list says what is carried and where it was decided, and Enter goes there, where the
person who decided (or anyone) can change the mention: accepting a rejected mention, or
rejecting an added one, changes what is carried, and each article follows when it is next
opened or pre-annotated.

On a large project the list takes half a second to read (every decided mention, with its name
cut from the text), so the dialog opens at once, says it is reading, and the list fills when
the thread pool has read it (`ui.team_tasks`, on its own connection).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.entity_decisions import DecidedName
from annotator.ui.geometry import resize_to_fit

if TYPE_CHECKING:
    from annotator.services.project import Project

_WHERE = Qt.ItemDataRole.UserRole + 1
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # made once, not per cell


class DecisionsDialog(QDialog):
    """The decided names in a filterable table; Enter (or a double click) asks to go to one."""

    goRequested = Signal(object)  # the DecidedName whose first deciding mention to show

    COLUMNS = (
        "Name",
        "Type",
        "Carried to other articles",
        "Rejected",
        "Kept",
        "Articles",
        "Decided first in",
    )

    def __init__(
        self,
        parent: QWidget | None,
        names: Sequence[DecidedName] | None = None,
        titles: Mapping[int, str] | None = None,
    ) -> None:
        """The list of `names`; without them, a busy dialog that `show_names` fills."""
        super().__init__(parent)
        self.setObjectName("decisionsDialog")
        self.setWindowTitle(self.tr("Your team's entity decisions"))
        resize_to_fit(self, 900, 480)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr("Reading your team's decisions…"), wordWrap=True)
        self.busy = QProgressBar()
        self.busy.setObjectName("decisionsBusy")
        self.busy.setTextVisible(False)
        self.busy.setRange(0, 0)  # indeterminate: one read, no steps to count
        self.loading = True
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.busy)
        layout.addLayout(top)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("decisionsFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter names, types or articles…"))
        self.filter_edit.setAccessibleName(self.tr("Filter the decisions"))
        self.filter_edit.setClearButtonEnabled(True)
        layout.addWidget(self.filter_edit)
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.returnPressed.connect(self.go)  # type a name, Enter: there
        self.table = QTableView()
        self.table.setObjectName("decisionsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the most rejected first
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A long article title is cut short on one line, not wrapped into a row too low for it.
        header.setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(lambda _index: self.go())
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.go_button = self.buttons.addButton(
            self.tr("&Go to Where It Was Decided"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_button.setDefault(True)
        self.go_button.setEnabled(False)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        # Return means Go wherever focus is; Close is Escape (or a click), never a stray Return.
        close.setAutoDefault(False)
        self.buttons.accepted.connect(self.go)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if names is not None:
            self.show_names((names, titles or {}))

    def show_names(self, found: tuple[Sequence[DecidedName], Mapping[int, str]]) -> None:
        """Fill the list with the decided names and their articles' titles, as read."""
        names, titles = found
        self._stop_busy()
        # Rows go into a model no view follows yet, then it is shown and sorted once: added
        # one by one beside the filter and the table, 2,800 names held the window 0.3 s.
        model = QStandardItemModel(0, len(self.COLUMNS), self)
        model.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        for decided in names:
            model.appendRow(self._row(decided, titles.get(decided.where[0], "")))
        self.proxy.setSourceModel(model)
        self.model.deleteLater()
        self.model = model
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the most rejected first
        if names:
            self.intro.setText(
                self.tr(
                    "Names your team rejected are no longer suggested in other articles; names added "
                    "by hand are suggested wherever they stand. Enter goes to where a decision was "
                    "made, in entity mode: changing the mention there (A accepts it, R rejects it) "
                    "changes what is carried."
                )
            )
            self._filter(self.filter_edit.text())  # what was typed while the list was read
            if self.isVisible() and not self.filter_edit.hasFocus():
                self.table.setFocus()  # arrows pick a row at once, Return goes
        else:
            self.intro.setText(
                self.tr(
                    "Nobody has rejected or added a name yet. When someone does (E, then R or A, or "
                    "Shift+R / Shift+A), the decision is carried to the other articles and listed here."
                )
            )
            self.table.hide()
            self.filter_edit.hide()

    def show_failure(self, message: str) -> None:
        """The list could not be read: say why, in one line."""
        self._stop_busy()
        self.intro.setText(self.tr("Your team's decisions could not be read: {0}").format(message))

    def _stop_busy(self) -> None:
        self.loading = False
        self.busy.setRange(0, 1)  # a determinate bar stops the busy animation
        self.busy.hide()

    def _row(self, decided: DecidedName, title: str) -> list[QStandardItem]:
        cells: list[tuple[str, object]] = [
            (decided.name, decided.name.casefold()),
            (decided.label, decided.label),
            (self.tr(decided.carried), decided.carried),
            (str(decided.rejected), decided.rejected),
            (str(decided.kept), decided.kept),
            (str(decided.articles), decided.articles),
            (title, title.casefold()),
        ]
        row = []
        for text, key in cells:
            item = QStandardItem(text)  # names and titles come from files: plain text, never markup
            item.setData(key, Qt.ItemDataRole.UserRole)
            item.setData(decided, _WHERE)
            item.setEditable(False)
            row.append(item)
        for item in row[3:6]:
            item.setTextAlignment(_NUMBER)
        return row

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.go_button.setEnabled(self.proxy.rowCount() > 0)

    def current(self) -> DecidedName | None:
        """The decision the selected row shows, if any."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        decided = index.data(_WHERE)
        return decided if isinstance(decided, DecidedName) else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.proxy.rowCount() or self.loading:
            self.table.setFocus()  # arrows pick a row at once, Return goes

    def go(self) -> None:
        decided = self.current()
        if decided is None:
            return
        self.goRequested.emit(decided)
        self.accept()


def read_decisions(project: Project) -> tuple[list[DecidedName], dict[int, str]]:
    """The decided names and the titles of the articles they were first decided in: the
    dialog's list, read in the thread pool on that thread's own connection."""
    names = project.decided_names()
    titles = {summary.id: summary.title for summary in project.articles({d.where[0] for d in names})}
    return names, titles
