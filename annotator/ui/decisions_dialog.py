"""Team ▸ Entity Decisions…: what the team's entity decisions carry, name by name.

One R on "Trump" as a person, made by mistake, leaves Trump out of every article's suggestions
once Pre-annotate All or a merge has run; nothing in the text says why a suggestion is gone.
This list says what is carried and where it was decided, and Enter goes there, where the
person who decided (or anyone) can change the mention: accepting a rejected mention, or
rejecting an added one, changes what is carried, and each article follows when it is next
opened or pre-annotated.

On a large project the list takes half a second to read (every decided mention, with its name
cut from the text), so the dialog opens at once, says it is reading, and the list fills when
the thread pool has read it (`ui.team_tasks`, on its own connection). The rows are plain
tuples in a table model (`DecisionsModel`), sorted and filtered in Python on keys made once:
2,785 names as 19,500 QStandardItems held the window 0.2 s while they were made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
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
from annotator.ui.dialogs import tab_along_the_buttons
from annotator.ui.error_text import with_full_stop
from annotator.ui.geometry import resize_to_fit
from annotator.ui.models import article_name
from annotator.ui.project_files import nothing_saved_banner, show_nothing_saved

if TYPE_CHECKING:
    from annotator.services.project import Project

_WHERE = Qt.ItemDataRole.UserRole + 1
_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # made once, not per cell
_NUMBER_COLUMNS = range(3, 6)
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _SORT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole

_SortKeys = tuple[str, str, str, int, int, int, str]
"""A row's sort keys, a column each: the counts as numbers (9 before 10), name and title casefolded."""
_Row = tuple[DecidedName, tuple[str, ...], _SortKeys, str, int]
"""(name, cell texts, sort keys, text to filter on, place in the list as read)"""


class DecisionsModel(QAbstractTableModel):
    """The decided names as rows of cell texts, sort keys and a text to filter on, made once.

    Sorting is this model's (`sort`, one Python sort on the kept keys), and so is filtering
    (`DecisionsFilter`): a proxy sorting and filtering through `data` asked it tens of
    thousands of times.
    """

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[_Row] = []

    def set_names(
        self, names: Sequence[DecidedName], titles: Mapping[int, str], carried: Callable[[str], str]
    ) -> None:
        """Show `names`; `carried` words a `DecidedName.carried` for the reader."""
        rows: list[_Row] = []
        for n, decided in enumerate(names):
            where = decided.where[0]
            # As the article list names it: a title of spaces or U+200B alone was an empty cell.
            title = article_name(titles[where], where) if where in titles else ""
            texts = (
                decided.name,
                decided.label,
                carried(decided.carried),
                str(decided.rejected),
                str(decided.kept),
                str(decided.articles),
                title,
            )
            keys: _SortKeys = (
                decided.name.casefold(),
                decided.label,
                decided.carried,
                decided.rejected,
                decided.kept,
                decided.articles,
                title.casefold(),
            )
            # Qt's case-insensitive filter matched within one cell: a line break keeps a
            # search from running over two (the filter box holds one line).
            rows.append((decided, texts, keys, "\n".join(texts).casefold(), n))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == _DISPLAY
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        decided, texts, keys, _haystack, _n = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return texts[column]
        if role == _SORT:
            return keys[column]
        if role == _WHERE:
            return decided
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBER_COLUMNS:
            return _NUMBER
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def holds(self, row: int, needle: str) -> bool:
        """Whether a cell of the row holds `needle` (case folded)."""
        return needle in self._rows[row][3]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._headers):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        where = [(self._rows[i.row()][0], i.column()) for i in before]
        # Ties in the order read, either way, as a proxy's stable sort of the rows kept them.
        self._rows.sort(key=lambda row: row[4])
        self._rows.sort(key=lambda row: row[2][column], reverse=order == Qt.SortOrder.DescendingOrder)
        if before:
            at = {id(row[0]): n for n, row in enumerate(self._rows)}
            self.changePersistentIndexList(before, [self.index(at[id(d)], c) for d, c in where])
        self.layoutChanged.emit()


class DecisionsFilter(QSortFilterProxyModel):
    """Rows holding the typed text in any cell, in the order `DecisionsModel.sort` gave them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        return not self._needle or (
            isinstance(model, DecisionsModel) and model.holds(source_row, self._needle)
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)  # the source's keys, not `data` per comparison


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

    EMPTY_CHARACTERS = 70  # the width, in characters, of the sentence shown with nothing decided

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
        self.busy.setAccessibleName(self.tr("Reading your team's decisions"))
        self.busy.setTextVisible(False)
        self.busy.setRange(0, 0)  # indeterminate: one read, no steps to count
        self.loading = True
        # Read-only or gone (`say_nothing_saved`): the list said Enter went where A or R changes
        # what is carried, and each A or R there was refused in a box.
        self.nothing_saved = nothing_saved_banner()
        layout.addWidget(self.nothing_saved)
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
        self.model = DecisionsModel([self.tr(c) for c in self.COLUMNS], self)
        self.proxy = DecisionsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.returnPressed.connect(self.go)  # type a name, Enter: there
        self.table = QTableView()
        self.table.setObjectName("decisionsTable")
        # The focus opens here; the sentence above is no label of it, so Orca said "table" alone.
        self.table.setAccessibleName(self.tr("Entity decisions"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab leaves it (arrows move in it): Qt's tables walk their cells on Tab, a trap.
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the most rejected first
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Fitted to the first rows (in the order shown), not to a thousand through Python.
        header.setResizeContentsPrecision(100)
        # A long article title is cut short on one line, not wrapped into a row too low for it.
        header.setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(self.go)  # the row double-clicked is the current one
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
        tab_along_the_buttons(self.buttons)
        if names is not None:
            self.show_names((names, titles or {}))

    def show_names(self, found: tuple[Sequence[DecidedName], Mapping[int, str]]) -> None:
        """Fill the list with the decided names and their articles' titles, as read."""
        names, titles = found
        self._stop_busy()
        self.model.set_names(names, titles, self.tr)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the most rejected first
        if names and self.nothing_saved.text():
            self.intro.setText(
                self.tr(
                    "Names your team rejected are no longer suggested in other articles; names added "
                    "by hand are suggested wherever they stand. Enter goes to where a decision was "
                    "made, in entity mode."
                )
            )
        elif names:
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
            # Nothing to go to: Return closes, as in the dialogs that only tell something. Go
            # stayed the default, disabled, and Return did nothing with the focus on Close.
            self.go_button.hide()
            close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
            close.setDefault(True)
            close.setFocus()
            self._fit_to_the_sentence()

    def say_nothing_saved(self, why: str) -> None:
        """Say `why` no decision can be changed (`project_files.nothing_saved_why`) above the
        list, which is still there to read; "" says nothing. Asked before `show_names`."""
        show_nothing_saved(self.nothing_saved, why)

    def _fit_to_the_sentence(self) -> None:
        """Shrink to the one sentence and Close, about its middle: the size made for the list
        left that sentence alone in a window nearly as large as a laptop's screen."""
        layout = self.layout()
        if layout is None:
            return
        centre = self.geometry().center()
        layout.activate()
        width = min(self.width(), self.fontMetrics().averageCharWidth() * self.EMPTY_CHARACTERS)
        resize_to_fit(self, width, 1)  # as tall as its wrapped lines need, no taller
        if self.isVisible():
            frame = self.frameGeometry()
            frame.moveCenter(centre)
            self.move(frame.topLeft())

    def show_failure(self, message: str) -> None:
        """The list could not be read: say why, in one line."""
        self._stop_busy()
        self.intro.setText(
            with_full_stop(self.tr("Your team's decisions could not be read: {0}").format(message))
        )

    def _stop_busy(self) -> None:
        self.loading = False
        self.busy.setRange(0, 1)  # a determinate bar stops the busy animation
        self.busy.hide()

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
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
