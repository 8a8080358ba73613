"""The claims of the shown article, on the right: label, annotator, text (and note), in text order.

Its current row follows the claim at the cursor in the text (`show_current`), so J / K
and the arrow keys in the text move it too; picking a row (click, or the arrow keys
in the list) selects that claim in the text (`claimPicked`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Claim, ClaimLabel
from annotator.ui.legend import label_text, swatch
from annotator.ui.models import ClaimListModel, WrappingDelegate
from annotator.ui.palette import scheme_for


class ClaimTree(QTreeView):
    """The claim list's view: its label and annotator columns fit their widest value.

    Qt fits such a column by measuring up to a thousand of its cells every time rows are
    laid out, which is after every added or removed claim; these columns hold a handful
    of different values, so one cell of each is measured.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._room = QStandardItemModel(self)  # cells the short columns keep room for (`keep_room_for`)
        self._chip = QStandardItemModel(self)  # label cells that show their chip and key alone
        for label in ClaimLabel:
            chip = QStandardItem(label.key)
            chip.setData(swatch(QColor(Qt.GlobalColor.gray)), Qt.ItemDataRole.DecorationRole)
            self._chip.appendRow([chip, QStandardItem(), QStandardItem(), QStandardItem()])
        self.labels_as_chips = False
        """The label column fits the chip, not the labels' names (`ClaimPanel._fit_columns`)."""

    def keep_room_for(self, annotator: str) -> None:
        """Keep the label column as wide as the widest label and the By column as `annotator`.

        They were as wide as their headers until the first claim: labelling it widened them
        (by 79 pixels at the desktop's font), the panel's minimum with them, and the splitter
        took that from the text, which reflowed under the person's eyes (31 characters a line
        to 24 on a window 683 pixels wide).
        """
        self._room.clear()
        palette = scheme_for(QApplication.palette())
        for label in ClaimLabel:
            shown = QStandardItem(label_text(label))
            shown.setData(swatch(palette.claim_background(label)), Qt.ItemDataRole.DecorationRole)
            self._room.appendRow([shown, QStandardItem(), QStandardItem(), QStandardItem(annotator)])
        self.scheduleDelayedItemsLayout()
        self.executeDelayedItemsLayout()  # the columns' widths now, before the panes are shared

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Select the current row on arriving, as N and Delete act on it (`LabellingController`).

        With the caret on no claim, Tab to the list made its first row current without
        selecting it (Qt's focus-in does so): no row showed as chosen, only a faint box round one
        cell, while the text jumped to that claim and Delete would have deleted it.
        """
        super().focusInEvent(event)
        current = self.currentIndex()
        selection = self.selectionModel()
        if current.isValid() and not selection.isRowSelected(current.row(), current.parent()):
            flag = QItemSelectionModel.SelectionFlag
            selection.select(current, flag.ClearAndSelect | flag.Rows)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+C copies the current row's claim as the article reads.

        Qt's own copy took the current cell, the label: "Factual" went to the clipboard, and
        nothing where a narrow panel shows the label as its chip alone.
        """
        if event.matches(QKeySequence.StandardKey.Copy):
            current = self.currentIndex()
            model = self.model()
            if current.isValid() and isinstance(model, ClaimListModel):
                QGuiApplication.clipboard().setText(model.claim_text(current.row()))
            event.accept()
            return
        super().keyPressEvent(event)

    def sizeHintForColumn(self, column: int) -> int:
        if column == 0 and self.labels_as_chips:
            return self._widest([self._chip.index(row, 0) for row in range(self._chip.rowCount())])
        return self.named_width(column)

    def named_width(self, column: int) -> int:
        """What a short column's cells need with their names: the label's chip and name, the
        annotator; chips alone or not, as the rows' names are measured with the names kept room for."""
        model = self.model()
        rows = model.rows_showing_each(column) if isinstance(model, ClaimListModel) else None
        if rows is None:
            return super().sizeHintForColumn(column)
        indexes = [model.index(row, column) for row in rows]
        indexes += [self._room.index(row, column) for row in range(self._room.rowCount())]
        return self._widest(indexes)

    def _widest(self, indexes: list[QModelIndex]) -> int:
        if not indexes:
            return -1  # as Qt says of a column without rows
        self.ensurePolished()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        return max(self.itemDelegateForIndex(index).sizeHint(option, index).width() for index in indexes)


class ClaimPanel(QWidget):
    """The claim list; `claimPicked(start, end)` when a row is picked, so the article scrolls there."""

    claimPicked = Signal(int, int)
    emptiedWithFocus = Signal()
    """The list, which has the keyboard, shows no claim now (its last deleted or undone, an
    article with none opened from it): the keys should go back to the text."""

    CLAIM_CHARACTERS = 20
    """How much of a line the Claim column shows where there is room, in average characters of the font."""

    NARROW_CLAIM_CHARACTERS = 10
    """How much it shows at least: on a narrow window the article's text gets the width first."""

    EMPTY_SCREEN_SHARE = 0.4
    """The most of its screen's width an empty claim list keeps for its first claim."""

    BY_COLUMN = 3
    """The annotator's column: it gives way to the claim's text in a narrow panel (`_fit_columns`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitting = False  # `_fit_columns` is under way: the resizes it makes do not ask again
        self._row_before: int | None = None  # the current row as the claims last changed (`select_claims`)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 6)
        self.title = QLabel(self.tr("Claims"))
        layout.addWidget(self.title)
        self.model = ClaimListModel(self)
        self.list = ClaimTree()
        self.list.setObjectName("claimList")
        self.list.setAccessibleName(self.tr("Claims in this article"))
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        # Rows grow to fit the claim (up to five lines), its note on a line of its own below it.
        # The label and By columns fit their values (a name on one line where it is short).
        self.list.setItemDelegate(
            WrappingDelegate(self.list, max_lines=5, note_below=(1, 2), fitted=frozenset((0, 3)))
        )
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformRowHeights(False)
        self.list.setAlternatingRowColors(True)
        header = self.list.header()
        header.setStretchLastSection(False)
        modes = QHeaderView.ResizeMode
        for column, mode in enumerate((modes.ResizeToContents, modes.Stretch, modes.Interactive)):
            header.setSectionResizeMode(column, mode)
        header.setSectionResizeMode(3, modes.ResizeToContents)
        header.resizeSection(2, 90)
        self.list.setColumnHidden(2, True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # empty
        # The label and annotator columns fit their values: the panel's minimum follows them.
        header.sectionResized.connect(self._column_resized)
        self.list.installEventFilter(self)  # its resizes: the By column may give way (`_fit_columns`)
        layout.addWidget(self.list, 1)
        self.list.selectionModel().currentRowChanged.connect(self._picked)  # given the current row only
        self.list.clicked.connect(self._picked)

    def keep_room_for(self, annotator: str) -> None:
        """Keep room for any label and for `annotator`'s name, so a first claim moves nothing."""
        self.list.keep_room_for(annotator)
        self._fit_columns()
        self.updateGeometry()

    def readable_width(self, characters: int = CLAIM_CHARACTERS) -> int:
        """The panel's width with its other columns whole and `characters` of the claim a line.

        Qt's minimum was a few pixels for the claim: with a larger font, a splitter short of
        room (the suggestions panel open) left the claim a word a line and the By column cut off.
        """
        others = self._label_width() + self._by_width() + self._other_columns_width()
        claim = self.list.fontMetrics().averageCharWidth() * characters
        margins = self._layout.contentsMargins()
        frame = 2 * self.list.frameWidth() + margins.left() + margins.right()
        return others + claim + frame + self.list.verticalScrollBar().sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        """`NARROW_CLAIM_CHARACTERS` of the claim beside the label: the splitter gives the readable
        width where it fits.

        With the readable width as its minimum, a window 683 pixels wide (a 1366x768 laptop
        at 200%) left the text 22 characters a line, and 11 with the suggestions panel open.
        The By column is not counted: at this width it has given way (`_fit_columns`), and its
        room is the text's. Counted, it kept the claim 19 characters a line at the panel's least
        while the article at 14 pt, with the suggestions panel open on a 1024x600 screen at 150%,
        had 20.
        """
        narrowest = self.readable_width(self.NARROW_CLAIM_CHARACTERS) - self._by_width()
        if (
            self.model.rowCount() == 0
            and narrowest > self.screen().availableGeometry().width() * self.EMPTY_SCREEN_SHARE
        ):
            # An empty list keeps room for its first claim, so labelling it moves nothing; but
            # with twice the desktop's font on a 683 px screen that room was 402 px of nothing
            # beside an article of a dozen characters a line. Its title is enough there.
            margins = self._layout.contentsMargins()
            narrowest = self.title.minimumSizeHint().width() + margins.left() + margins.right()
            return QSize(narrowest, super().minimumSizeHint().height())
        return super().minimumSizeHint().expandedTo(QSize(narrowest, 0))

    def _other_columns_width(self) -> int:
        """The shown columns' widths but for the claim's and those that give way to it."""
        header = self.list.header()
        return sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column not in (0, 1, self.BY_COLUMN) and not header.isSectionHidden(column)
        )

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column != 1:  # the claim's column follows the panel's width; the others its minimum
            self._fit_columns()
            self.updateGeometry()

    def _by_width(self) -> int:
        """The By column's width, shown or not: hidden, what fitting it to its names would make it.

        The panel's readable width counts it either way and its minimum never does, so neither
        changes when it gives way or comes back, and the panes keep their widths: above the
        least width its room goes to the claim; at the least, to the article's text.
        """
        header = self.list.header()
        if not header.isSectionHidden(self.BY_COLUMN):
            return header.sectionSize(self.BY_COLUMN)
        return max(self.list.sizeHintForColumn(self.BY_COLUMN), header.sectionSizeHint(self.BY_COLUMN))

    def _label_width(self) -> int:
        """The label column's width with the labels' names, shown or not, as `_by_width` is."""
        header = self.list.header()
        if not self.list.labels_as_chips:
            return header.sectionSize(0)
        return max(self.list.named_width(0), header.sectionSizeHint(0))

    def _fit_columns(self) -> None:
        """Hide the By column while the claim would be left fewer than `CLAIM_CHARACTERS` beside it;
        the label's tooltip and accessible text, and the claim's tooltip, name the annotator instead,
        and so does each row, under the claim, where the claims are more than one person's
        (`ClaimListModel.author_in_row`).

        A window 683x400 (1024x600 at 150%) gave the panel its least width: the label and the
        name kept theirs and the claim, which is what a person reads there, had 12 characters a
        line ("The council appro…"). Most projects have one annotator, whose name in every row
        says nothing; the label says the most in a word, so it stays. Measured as if the scroll
        bar were shown, so that rows growing taller (or shorter) as the claim's column narrows
        (or widens) cannot show and hide it in turn.
        """
        if self._fitting:
            # Hiding or showing By resizes the columns fitted to their values, which asks again
            # from inside this call: on X11, with a gold row's wider bold cell, the answers
            # alternated until Python's recursion limit, and the window crashed.
            return
        self._fitting = True
        try:
            self._fit_columns_once()
        finally:
            self._fitting = False

    def _fit_columns_once(self) -> None:
        """Then, while the claim would still be left fewer than `CLAIM_CHARACTERS` beside the
        label's name, the label column shows its chip alone, the name in its tooltip and spoken text.

        At 175% on a 1366x768 screen the panel had its least width: the label's column, as wide
        as "Questionable" beside its chip, was 104 pixels of the panel's 186, and the claim had
        74 (12 characters a line, elided after a word or two); now the label has 41 (its chip,
        under its header) and the claim 137 (22 characters). The chip says the label in its
        colour, as the text's highlight and the legend above it do; the name is in the tooltip.
        Both tests measure the columns with their names, shown or not, so what they decide
        cannot undo itself.
        """
        header = self.list.header()
        scroll_bar = self.list.verticalScrollBar().sizeHint().width()
        inside = self.list.width() - 2 * self.list.frameWidth() - scroll_bar
        room = inside - self._other_columns_width() - self._label_width()
        readable = self.list.fontMetrics().averageCharWidth() * self.CLAIM_CHARACTERS
        by_fits = room - self._by_width() >= readable
        if header.isSectionHidden(self.BY_COLUMN) == by_fits:
            header.setSectionHidden(self.BY_COLUMN, not by_fits)
        self.model.set_annotator_with_claim(not by_fits)
        chips = room < readable
        if self.list.labels_as_chips != chips:
            self.list.labels_as_chips = chips
            self.model.set_label_as_chip(chips)
            self.list.scheduleDelayedItemsLayout()
            self.list.executeDelayedItemsLayout()  # the label column fitted to what it shows now

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def show_no_project(self) -> None:
        """No rows, titled "Claims" as at a first start: "Claims (0)" told of an article with
        none when no project is open."""
        self.show_claims("", [])
        self.title.setText(self.tr("Claims"))

    def show_claims(self, text: str, claims: Iterable[Claim]) -> None:
        """List these claims, with no current row until the caller picks one (`select_claims`).

        The model changes only the rows an edit touched, so the current row would outlive
        the edit: Qt would make a neighbour current when it is removed, and tell
        `claimPicked`, which moves the text. So it is dropped first, as a reset of the list did.
        """
        current = self.list.currentIndex()
        self._row_before = current.row() if current.isValid() else None
        self.show_current(None)
        was_empty = self.model.rowCount() == 0
        self.model.set_claims(text, list(claims))
        self._fit_columns()  # another annotator's name may be wider
        self.title.setText(self.tr("Claims ({0})").format(self.model.rowCount()))
        empty = self.model.rowCount() == 0
        if empty and self.list.hasFocus():
            # An empty list kept the keyboard: a screen reader said "Claims in this article,
            # tree" and no row, arrows did nothing, and Delete said to put the cursor in a claim.
            self.emptiedWithFocus.emit()
        if was_empty != empty:
            self.updateGeometry()  # an empty list's minimum may be narrower (`minimumSizeHint`)
            # Narrower than its headers, an empty list has nothing to scroll to.
            policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if empty else Qt.ScrollBarPolicy.ScrollBarAsNeeded
            self.list.setHorizontalScrollBarPolicy(policy)

    def select_claims(self, claim_ids: frozenset[int]) -> None:
        """Make the first of these claims the current row, without scrolling the article.

        None of them listed, where the person works in the list (a claim deleted there), the
        claim that took the current row's place is picked, as the arrow keys pick one: the list
        was left with no current row, and Down went to the first claim of hundreds and took
        the text back to the top.
        """
        row_before, self._row_before = self._row_before, None
        for claim_id in claim_ids:
            if self.model.row_of(claim_id) is not None:
                self.show_current(claim_id)
                return
        rows = self.model.rowCount()
        if row_before is not None and rows and self.list.hasFocus():
            self.list.setCurrentIndex(self.model.index(min(row_before, rows - 1), 0))

    def show_current(self, claim_id: int | None) -> None:
        """Make this claim's row current (none: no current row), without moving the text.

        Nobody is told at once: `claimPicked` would move the text, and the view would
        scroll there, and scrolling a list of wrapped rows lays out every row above it,
        which made a label key four times slower. It repaints now and scrolls once, when
        the key's work is done.
        """
        row = self.model.row_of(claim_id) if claim_id is not None else None
        current = self.list.currentIndex()
        if (row is None and not current.isValid()) or (row is not None and current.row() == row):
            return
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        try:
            if row is None:
                selection.clear()
            else:
                flag = QItemSelectionModel.SelectionFlag
                selection.setCurrentIndex(self.model.index(row, 0), flag.ClearAndSelect | flag.Rows)
        finally:
            selection.blockSignals(False)
        self.list.viewport().update()
        if row is not None:
            QTimer.singleShot(0, self.list, self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        current = self.list.currentIndex()
        if current.isValid():
            self.list.scrollTo(current)

    def _picked(self, current: QModelIndex) -> None:
        if current.isValid():
            claim = self.model.claim(current.row())
            self.claimPicked.emit(claim.start, claim.end)
