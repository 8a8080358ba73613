"""Qt item models over service results: they hold plain core objects and never run SQL.

Like napari's `_qt` adapters, each model is a thin view of a Python list that the
window refreshes from the services after every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from annotator.core.bidi import isolated
from annotator.core.model import ArticleStatus, ArticleSummary, Claim, ClaimLabel
from annotator.core.search import folded_needles, found_in, narrows, searchable
from annotator.core.titles import title_on_one_line
from annotator.ui.claim_authors import by_text, decided_by_text, gold_tooltip, labelled_by_text
from annotator.ui.legend import label_text, swatch
from annotator.ui.palette import scheme_for
from annotator.ui.plain import tip
from annotator.ui.reading import right_to_left


def _tr(text: str) -> str:
    """Translate a string outside a QObject method (one context for the module's loose strings)."""
    return QCoreApplication.translate("annotator", text)


_Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
AUTHOR_ROLE = Qt.ItemDataRole.UserRole + 3
"""Who a claim is by, where its row says it under the claim's text (`ClaimListModel.author_in_row`)."""


def status_text(status: ArticleStatus) -> str:
    return {
        ArticleStatus.NEW: _tr("new"),
        ArticleStatus.IN_PROGRESS: _tr("in progress"),
        ArticleStatus.DONE: _tr("done"),
    }[status]


STATUS_MARK_SIZE = 12
"""The side of the status mark a title carries when the Status column gives way."""


def status_mark(status: ArticleStatus, colour: QColor, *, ratio: float = 1.0) -> QIcon:
    """A small mark standing for `status` where the Status column has no room: an empty ring for
    new, a half-filled one for in progress, a tick for done. Drawn, not a font's glyph ("✓",
    "◐"), which some fonts lack; in `colour`, the title's own, so it follows the theme."""
    size = STATUS_MARK_SIZE
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, 1.5)
    painter.setPen(pen)
    ring = QRect(1, 1, size - 3, size - 3).toRectF().adjusted(0.5, 0.5, 0.5, 0.5)
    if status == ArticleStatus.DONE:
        pen.setWidthF(2.0)
        painter.setPen(pen)
        tick = QPainterPath()
        tick.moveTo(1.5, size * 0.55)
        tick.lineTo(size * 0.4, size - 2.0)
        tick.lineTo(size - 1.5, 2.0)
        painter.drawPath(tick)
    else:
        painter.drawEllipse(ring)
        if status == ArticleStatus.IN_PROGRESS:
            painter.setBrush(colour)
            painter.drawPie(ring, 90 * 16, 180 * 16)  # the left half: begun, not finished
    painter.end()
    return QIcon(pixmap)


def article_name(title: str, article_id: int) -> str:
    """What the window calls an article: its title on one line (`core.titles.title_on_one_line`),
    or "Article 12" where nothing of it would show, the same in the list, the status bar, the
    dashboard and the review, so that a person finds there the article they are told of."""
    return title_on_one_line(title) or _tr("Article {0}").format(article_id)


def source_label(source: str) -> str:
    """A web address shows as its site (`en.wikinews.org`): in a narrow column every URL
    would otherwise read `https://en…`. Anything else is shown as it is."""
    parts = urlsplit(source)
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.hostname.removeprefix("www.")
    return source


class ArticleListModel(QAbstractTableModel):
    """Title, source, number of claims and status of every article."""

    COLUMNS = ("title", "source", "claims", "status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleSummary] = []
        self._row_of: dict[int, int] = {}
        self._status_with_title = False  # the Status column gave way: the title says the status
        self._marks: dict[tuple[ArticleStatus, int], QIcon] = {}  # by status and colour (the theme's)
        self._with_gold = 0  # articles with a reviewer's decision among their claims

    def set_status_with_title(self, shown: bool) -> None:
        """Whether each title carries its status (a mark, and the word in its tooltip and its
        accessible text): the list hid its Status column to leave the titles room."""
        if shown == self._status_with_title:
            return
        self._status_with_title = shown
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    @property
    def status_with_title(self) -> bool:
        return self._status_with_title

    def _mark(self, status: ArticleStatus) -> QIcon:
        role = QPalette.ColorRole.PlaceholderText if status == ArticleStatus.DONE else QPalette.ColorRole.Text
        colour = QApplication.palette().color(role)
        key = (status, colour.rgba())
        if key not in self._marks:
            app = QApplication.instance()
            ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
            self._marks[key] = status_mark(status, colour, ratio=ratio)
        return self._marks[key]

    def set_articles(self, articles: Sequence[ArticleSummary]) -> bool:
        """Replace the rows; when the same articles come back, only changed cells are signalled.
        Whether the model was reset (other articles, or in another order)."""
        new = list(articles)
        had_gold = self.has_gold
        self._with_gold = sum(1 for a in new if a.gold_count)
        if [a.id for a in new] == [a.id for a in self._rows]:
            changed = [i for i, (old, cur) in enumerate(zip(self._rows, new, strict=True)) if old != cur]
            self._rows = new
            for i in changed:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
            self._gold_shown(had_gold)
            return False
        self.beginResetModel()
        self._rows = new
        self._row_of = {a.id: i for i, a in enumerate(new)}
        self.endResetModel()
        self._gold_shown(had_gold)
        return True

    def update_articles(self, articles: Sequence[ArticleSummary]) -> bool:
        """Replace the rows of these articles, where they are; False (nothing changed) if one
        is not listed, for the caller to list every article again."""
        rows = [self._row_of.get(a.id) for a in articles]
        if None in rows:
            return False
        had_gold = self.has_gold
        for row, article in zip(rows, articles, strict=True):
            assert row is not None
            if self._rows[row] != article:
                self._with_gold += bool(article.gold_count) - bool(self._rows[row].gold_count)
                self._rows[row] = article
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        self._gold_shown(had_gold)
        return True

    @property
    def has_gold(self) -> bool:
        """Whether some article holds a reviewer's decision: only then does the Claims column
        count what the team statistics leave out, and say so."""
        return self._with_gold > 0

    def _gold_shown(self, had_gold: bool) -> None:
        if self.has_gold != had_gold:
            claims = self.COLUMNS.index("claims")
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, claims, claims)

    def _claims_tooltip(self, article: ArticleSummary) -> str | None:
        """How an article's count splits, where it holds decisions: the dashboard counts the
        annotators' claims alone, and the same article showed two numbers with nothing to say why."""
        if not article.gold_count:
            return None
        total = article.claim_count
        claims = self.tr("1 claim") if total == 1 else self.tr("{0} claims").format(total)
        return tip(
            self.tr("{0}: {1} by annotators, {2} settled").format(
                claims, total - article.gold_count, article.gold_count
            )
        )

    def summaries(self) -> list[ArticleSummary]:
        return list(self._rows)

    def row_of(self, article_id: int) -> int | None:
        return self._row_of.get(article_id)

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[section] == "source":
            # An empty Source beside others' sites read as a fault: the file named none.
            return tip(self.tr("The web address or outlet the article's file gave; empty when it gave none"))
        if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[section] == "claims" and self.has_gold:
            # The statistics leave the reviewers' decisions out; the list shows all the article holds.
            return tip(
                self.tr(
                    "Claims in the article: every annotator's and the settled ones;"
                    " the statistics count the annotators' alone"
                )
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Title"), self.tr("Source"), self.tr("Claims"), self.tr("Status"))[section]

    def shown_title(self, article: ArticleSummary) -> str:
        """The article's name (`article_name`), "Article 12" where its title shows nothing: a title
        of spaces alone (a JSONL line's `"title": " "`), or of U+200B alone, was a blank row, and
        the row's tooltip an empty line; one with a line break was listed as its first line."""
        return article_name(article.title, article.id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        article = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.shown_title(article)
            if column == 1:
                return source_label(article.source)
            if column == 2:
                return article.claim_count
            if column == 3:
                return status_text(article.status)
        elif role == Qt.ItemDataRole.ToolTipRole and column == 0 and self._status_with_title:
            return tip(
                self.tr("{0}\nStatus: {1}").format(
                    isolated(self.shown_title(article)), status_text(article.status)
                )
            )
        elif role == Qt.ItemDataRole.ToolTipRole and column in (0, 1):
            return tip(self.shown_title(article) if column == 0 else article.source)
        elif role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return self._claims_tooltip(article)
        elif role == Qt.ItemDataRole.DecorationRole and column == 0 and self._status_with_title:
            return self._mark(article.status)
        elif role == Qt.ItemDataRole.AccessibleTextRole and column == 0 and self._status_with_title:
            return self.tr("{0}, {1}").format(
                isolated(self.shown_title(article)), status_text(article.status)
            )
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.ForegroundRole and article.status == ArticleStatus.DONE:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        elif role == ID_ROLE:
            return article.id
        elif role == OBJECT_ROLE:
            return article
        return None


_ARTICLE_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
"""What `ArticleListModel` (a `QAbstractTableModel` that sets none of its own) says of every cell."""


class ArticleFilterModel(QSortFilterProxyModel):
    """Filters by a search text (title, source or article text), a status and a label, as the user types.

    Titles and sources are matched here at each key; the articles whose text holds the search
    come from the project once typing pauses (`set_text_matches`), and stay until the next set
    comes, so rows do not vanish and come back at every key.
    """

    _SEARCHABLE_LIMIT = 100_000
    """Titles and sources kept folded (`_searchable`): a few MB, every row of a large project."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = ""  # as typed
        self._needles: tuple[str, ...] = ()  # the search as `core.search.found_in` looks for it
        # Titles and sources as the search looks in them, by their text: folded at each key, the
        # 20,000 of a project of 10,000 articles held the window 100-200 ms a key as one typed.
        self._searchable: dict[str, str] = {}
        # Whether the search stands in a title or source, by its text: a project's sources are a
        # few sites, and a key that adds a letter need not look again where the search was not.
        self._found: dict[str, bool] = {}
        self._in_text: frozenset[int] = frozenset()
        self._articles: ArticleListModel | None = None  # the source model (`filterAcceptsRow`)
        self._status: ArticleStatus | None = None
        self._label: ClaimLabel | None = None

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._search = text.strip()
        needles = folded_needles(self._search)
        if narrows(
            self._needles, needles
        ):  # a letter added: where the shorter search was not, this one is not either
            self._found = {text: False for text, found in self._found.items() if not found}
        else:
            self._found = {}
        self._needles = needles
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text_matches(self, article_ids: frozenset[int]) -> None:
        """The articles whose text holds the search (as the project found it).

        The same set again filters nothing anew: closing a project of 10,000 articles, which
        forgets the matches whether there were any or not, held the window 40-50 ms for it.
        """
        if article_ids == self._in_text:
            return
        self.beginFilterChange()
        self._in_text = article_ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: ArticleStatus | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_label(self, label: ClaimLabel | None) -> None:
        self.beginFilterChange()
        self._label = label
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """The list's flags, said here: `QTreeView` asks each row's twice as it lays the rows
        out, and Qt's own answer maps the row to the list, whose `index` counts its rows and
        columns in Python, 40,000 calls and 25-30 ms of the window's thread when 10,000 rows came."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ARTICLE_FLAGS

    @property
    def filtering(self) -> bool:
        """Whether a search, a status or a label is asked for (the rows shown may still be all)."""
        return self._status is not None or self._label is not None or bool(self._search)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self.filtering:
            return True  # asked of every row at each reset: nothing filters, nothing to look up
        # The list, held here: asking Qt for it at each row took as long as the search.
        if self._articles is None:
            model = self.sourceModel()
            assert isinstance(model, ArticleListModel)
            self._articles = model
        return self.accepts(self._articles.summary(source_row))

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        self._articles = None  # asked again (`filterAcceptsRow`)
        super().setSourceModel(model)

    def accepts(self, article: ArticleSummary) -> bool:
        """Whether the search and filters show `article`."""
        if self._status is not None and article.status != self._status:
            return False
        if self._label is not None and self._label not in article.labels:
            return False
        return not self._search or self._searched_holds(article)

    def found_by_search_alone(self) -> int:
        """How many articles the search shows whatever the status and label chosen: when those
        hide every one, the person is told that they do, not that no article holds the words."""
        if not self._search or self._articles is None:
            return 0
        articles = self._articles
        return sum(1 for row in range(articles.rowCount()) if self._searched_holds(articles.summary(row)))

    def _searched_holds(self, article: ArticleSummary) -> bool:
        # The title as listed: one of spaces alone is "Article 12" there, and is found so.
        title = self._articles.shown_title(article) if self._articles is not None else article.title
        return article.id in self._in_text or self._holds(title) or self._holds(article.source)

    def _holds(self, text: str) -> bool:
        """Whether the search stands in a title or source (`core.search.found_in`), looked for
        once for each text, in the text folded once (`core.search.searchable`)."""
        found = self._found.get(text)
        if found is None:
            folded = self._searchable.get(text)
            if folded is None:
                if len(self._searchable) >= self._SEARCHABLE_LIMIT:
                    self._searchable.clear()
                folded = self._searchable[text] = searchable(text)
            found = self._found[text] = found_in(folded, self._needles)
        return found


_MAX_RUNS = 16  # more separate stretches of rows than a few edits make: reset instead


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) stretches of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class ClaimListModel(QAbstractTableModel):
    """The claims of one article in text order: label, text, note, annotator."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        # One swatch a label and colour (the theme's), not one a paint: a new icon is a new
        # pixmap, and Qt keeps each one's scaled copies in its pixmap cache by the pixmap's key,
        # so the row decorations of every repaint filled that cache.
        self._swatches: dict[tuple[ClaimLabel, int, bool, float], QIcon] = {}
        self._text = ""
        self._annotator_with_claim = False  # the By column gave way: label and claim name the annotator
        self._label_as_chip = False  # the label's name gave way to the claim: its chip alone shows
        self._several_authors = False  # the claims are by two people or more (gold counts as one)
        self._showing_each: dict[int, list[int]] = {}  # `rows_showing_each`, until the rows change

    def set_annotator_with_claim(self, shown: bool) -> None:
        """Whether the label's and the claim's tooltips and the label's accessible text name the
        annotator: the panel hid its By column to leave the claim's text room."""
        if shown == self._annotator_with_claim:
            return
        author_in_row = self.author_in_row
        self._annotator_with_claim = shown
        if self._claims:
            roles = [Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole]
            if self.author_in_row != author_in_row:
                roles.append(AUTHOR_ROLE)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._claims) - 1, 2), roles)

    @property
    def annotator_with_claim(self) -> bool:
        return self._annotator_with_claim

    @property
    def author_in_row(self) -> bool:
        """Whether each row names its author under the claim's text (`AUTHOR_ROLE`): the By column
        gave way, and the claims are more than one person's.

        On a merged team file at 1024x600 By gave way, and the list showed three rows "Factual /
        The council approved a budget…" with nothing to tell them apart but a tooltip each. With
        one annotator the name says nothing, and the claim keeps its lines.
        """
        return self._annotator_with_claim and self._several_authors

    def _count_authors(self) -> None:
        """Note whether the claims are by several people, and tell the view when the rows' names
        come or go. The reviewers' decisions are one author: their rows all say "Gold"."""
        author_in_row = self.author_in_row
        self._several_authors = self._by_several()
        if self.author_in_row != author_in_row and self._claims:
            self.dataChanged.emit(
                self.index(0, 1),
                self.index(len(self._claims) - 1, 1),
                [AUTHOR_ROLE, Qt.ItemDataRole.AccessibleTextRole],
            )

    def set_label_as_chip(self, chip: bool) -> None:
        """Whether the label column shows the label's chip alone, its name in the tooltip and
        the accessible text: the panel left the claim's text too little room beside the name."""
        if chip == self._label_as_chip:
            return
        self._label_as_chip = chip
        if self._claims:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._claims) - 1, 0),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole,
                ],
            )

    @property
    def label_as_chip(self) -> bool:
        return self._label_as_chip

    def set_claims(self, text: str, claims: Sequence[Claim]) -> None:
        """Show these claims; for the same article, only the rows that changed are signalled.

        A label, undo or redo adds, removes or changes a claim or two: a reset for it made the
        view forget every row and lay the whole list out again, part of a stall of a quarter
        of a second after each label on an article of 800 claims. Those rows are removed,
        inserted or changed in place; anything else (another article, a claim that moved past
        another) resets.
        """
        new = sorted(claims, key=lambda c: (c.start, c.end, c.id or 0))
        self._showing_each.clear()
        if text == self._text and self._update_rows(new):
            self._count_authors()  # a reviewer's first decision, or an annotator's last claim gone
            return
        self.beginResetModel()
        self._text = text
        self._claims = new
        self._showing_each.clear()
        self._several_authors = self._by_several()
        self.endResetModel()

    def _update_rows(self, new: list[Claim]) -> bool:
        """Turn the rows into `new` by removing, inserting and changing rows; False (nothing
        done) when that cannot be done so, or would take more signals than a reset."""
        old_ids = [c.id for c in self._claims]
        new_ids = [c.id for c in new]
        if None in old_ids or None in new_ids or len(set(new_ids)) != len(new_ids):
            return False
        kept = set(old_ids) & set(new_ids)
        if self._claims and not kept:
            return False  # nothing in common: another list, not an edit of this one
        if [i for i in old_ids if i in kept] != [i for i in new_ids if i in kept]:
            return False  # a claim moved past another
        removed = _runs([row for row, claim_id in enumerate(old_ids) if claim_id not in kept])
        inserted = _runs([row for row, claim_id in enumerate(new_ids) if claim_id not in kept])
        if len(removed) + len(inserted) > _MAX_RUNS:
            return False
        root = QModelIndex()
        for first, last in reversed(removed):  # from the bottom, so the rows above keep their numbers
            self.beginRemoveRows(root, first, last)
            del self._claims[first : last + 1]
            self._showing_each.clear()  # the view measures the rows again before the next run
            self.endRemoveRows()
        for first, last in inserted:  # from the top: every row above is already where it ends
            self.beginInsertRows(root, first, last)
            self._claims[first:first] = new[first : last + 1]
            self._showing_each.clear()
            self.endInsertRows()
        changed = _runs(
            [row for row, (old, cur) in enumerate(zip(self._claims, new, strict=True)) if old != cur]
        )
        self._claims = new
        self._showing_each.clear()
        for first, last in changed:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
        return True

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def claim(self, row: int) -> Claim:
        return self._claims[row]

    def claim_text(self, row: int) -> str:
        """The row's claim as the article reads, whole: the row shows it folded on its lines
        and cut after 240 characters."""
        claim = self._claims[row]
        return self._text[claim.start : claim.end]

    def rows_showing_each(self, column: int) -> list[int] | None:
        """One row for each different value of a short column (label, annotator): what the
        column's width depends on. None for the columns of free text (claim, note).

        Kept until the rows change: the panel's width asks for them about thirty times
        after each label key (every layout measures the panel's minimum), and going through
        every row each time held the window 22 ms a label on an article of 1,000 claims.
        """
        if column not in (0, 3):
            return None
        if column not in self._showing_each:
            first: dict[object, int] = {}
            for row, claim in enumerate(self._claims):
                first.setdefault(claim.label if column == 0 else by_text(claim), row)
            self._showing_each[column] = list(first.values())
        return list(self._showing_each[column])

    def row_of(self, claim_id: int) -> int | None:
        for i, claim in enumerate(self._claims):
            if claim.id == claim_id:
                return i
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._claims)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 4:
            return None
        return (self.tr("Label"), self.tr("Claim"), self.tr("Note"), self.tr("By"))[section]

    def _swatch(self, label: ClaimLabel, *, star: bool = False, ground: QColor | None = None) -> QIcon:
        scheme = scheme_for(QApplication.palette())
        colour = scheme.chip_colour(label, scheme.base if ground is None else ground)
        app = QApplication.instance()
        ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
        key = (label, colour.rgba(), star, ratio)
        if key not in self._swatches:
            # No rim: the fill stands from its row (`Scheme.chip_colour`), and a rim round it
            # read as a focus ring on the dark page and as a smudge on a selected row.
            self._swatches[key] = swatch(colour, star=star, ratio=ratio, rim=False)
        return self._swatches[key]

    def chip(self, row: int, ground: QColor) -> QIcon:
        """The row's label chip as drawn on `ground`, the colour the view paints its row in:
        one colour cannot stand 3:1 from the plain rows and from both selections."""
        claim = self._claims[row]
        return self._swatch(claim.label, star=claim.is_gold, ground=ground)

    def _excerpt(self, claim: Claim) -> str:
        excerpt = " ".join(self._text[claim.start : claim.end].split())
        return excerpt if len(excerpt) <= 240 else excerpt[:237] + "…"

    def _by_several(self) -> bool:
        return len({claim.annotator for claim in self._claims}) > 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._claims):
            return None
        claim = self._claims[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                # Beside its chip alone, the label's key: colour alone did not tell the labels
                # apart to a reader without red or blue cones (`claim_marks`); the key names the
                # label as the legend's chips ("1 Factual") and the keys do.
                return claim.label.key if self._label_as_chip else label_text(claim.label)
            if column == 1:
                return self._excerpt(claim)
            if column == 2:
                return claim.note
            if column == 3:
                return by_text(claim)
        elif role == AUTHOR_ROLE and column == 1 and self.author_in_row:
            return by_text(claim)
        elif role == Qt.ItemDataRole.AccessibleTextRole and column == 1 and self.author_in_row:
            return _tr("{0} ({1})").format(
                self._excerpt(claim), decided_by_text(claim)
            )  # as the row shows it
        elif role == Qt.ItemDataRole.FontRole and column == 3 and claim.is_gold:
            # The team's decisions stand out from the people's labels they settle, in the
            # type as well as the words. Only the weight is set: the view's font fills in
            # the rest. Only this column, where "Gold (…)" is never a person's cell, so
            # `WrappingDelegate`'s sizes, kept by text, stay right.
            bold = QFont()
            bold.setBold(True)
            return bold
        elif role == Qt.ItemDataRole.ToolTipRole and column == 3 and claim.is_gold:
            return tip(gold_tooltip(claim))
        elif role == Qt.ItemDataRole.AccessibleTextRole and column == 3 and claim.is_gold:
            return labelled_by_text(claim)  # the bold is not read out: the words say it
        elif role == Qt.ItemDataRole.DecorationRole and column == 0:
            # A gold label's chip is a star: the mark stays when a narrow panel hides By.
            return self._swatch(claim.label, star=claim.is_gold)
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            # Rows grow with wrapped claims; label and name stay on the claim's first line.
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        elif role == Qt.ItemDataRole.ToolTipRole and column in (1, 2):
            text = start_of(self._text[claim.start : claim.end])
            parts = [text, start_of(claim.note)] if claim.note.strip() else [text]
            if self._annotator_with_claim:
                said = decided_by_text(claim)
                parts.append(said[:1].upper() + said[1:])
            return tip("\n\n".join(parts))
        elif role == Qt.ItemDataRole.ToolTipRole and column == 0 and self._annotator_with_claim:
            return tip(labelled_by_text(claim))
        elif role == Qt.ItemDataRole.ToolTipRole and column == 0 and self._label_as_chip:
            return tip(label_text(claim.label))
        elif (
            role == Qt.ItemDataRole.AccessibleTextRole
            and column == 0
            and (self._annotator_with_claim or claim.is_gold)
        ):
            return labelled_by_text(claim)  # the star is not read out: the words say it
        elif role == Qt.ItemDataRole.AccessibleTextRole and column == 0 and self._label_as_chip:
            return label_text(claim.label)  # the chip alone is not read out
        elif role == ID_ROLE:
            return claim.id
        elif role == OBJECT_ROLE:
            return claim
        return None


TIP_CHARACTERS = 1_000
"""The most of a claim, and of its note, a claim row's tooltip shows (and the review's note
cell's): a note of 10,000 characters made it 1,938 pixels tall on a 1080-pixel screen, its
start off the screen. The whole note is in its dialog (N), the whole claim in the text."""


def start_of(text: str) -> str:
    """`text` cut at `TIP_CHARACTERS`, "…" where it was."""
    return text if len(text) <= TIP_CHARACTERS else text[: TIP_CHARACTERS - 1].rstrip() + "…"


def fit_lines(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """`text` wrapped at spaces into lines no wider than `width`: at most `max_lines`, the last
    one elided when text is left over.

    Wrapped here, not by the style, so the caller knows how many lines the text takes and
    can keep room for what follows it. A word wider than a line is cut where it overflows.
    """
    words = text.split()
    lines: list[str] = []
    line, cut = "", False  # `cut`: the last finished line ends inside a word
    i = 0
    while i < len(words):
        candidate = f"{line} {words[i]}" if line else words[i]
        if metrics.horizontalAdvance(candidate) <= width:
            line, i = candidate, i + 1
            continue
        if line:
            lines.append(line)
            cut = False
        else:  # one word wider than the line
            word = words[i]
            fits = (n for n in range(len(word) - 1, 1, -1) if metrics.horizontalAdvance(word[:n]) <= width)
            n = next(fits, 1)
            lines.append(word[:n])
            words[i] = word[n:]
            cut = True
        line = ""
        if len(lines) == max_lines:
            rest = " ".join(words[i:])
            overflowing = lines[-1] + ("" if cut else " ") + rest
            lines[-1] = metrics.elidedText(overflowing, Qt.TextElideMode.ElideRight, width)
            return lines
    if line:
        lines.append(line)
    return lines


_RESIZING_EVENTS = frozenset(
    (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ApplicationFontChange)
)


def row_ground(option: QStyleOptionViewItem) -> QColor:
    """The colour a view paints an item's row in: the selection's (with the focus or without),
    the alternate rows' or the page's, as Fusion picks them."""
    state = option.state  # type: ignore[attr-defined]
    palette: QPalette = option.palette  # type: ignore[attr-defined]
    group = QPalette.ColorGroup.Active
    if not state & QStyle.StateFlag.State_Enabled:
        group = QPalette.ColorGroup.Disabled
    elif not state & QStyle.StateFlag.State_Active:
        group = QPalette.ColorGroup.Inactive
    if state & QStyle.StateFlag.State_Selected:
        return palette.color(group, QPalette.ColorRole.Highlight)
    alternate = bool(option.features & QStyleOptionViewItem.ViewItemFeature.Alternate)  # type: ignore[attr-defined]
    return palette.color(group, QPalette.ColorRole.AlternateBase if alternate else QPalette.ColorRole.Base)


def in_its_direction(option: QStyleOptionViewItem) -> None:
    """Lay a cell's text out in the direction it is written, as the article shows it.

    The style lays every cell out left to right, the list's direction: an Arabic claim naming
    "Tom Baker" showed its Arabic words on either side of the name in the wrong order, its
    full stop at the right, and a Hebrew one started at the left edge. A text whose first
    strong letter is right-to-left is laid out right to left, and right-aligned by it.
    """
    if right_to_left(option.text):  # type: ignore[attr-defined]
        option.direction = Qt.LayoutDirection.RightToLeft  # type: ignore[attr-defined]


class InItsDirectionDelegate(QStyledItemDelegate):
    """A list whose cells are each laid out in the direction their text is written
    (`in_its_direction`): an Arabic or Hebrew title, or candidate, reads from the right."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        in_its_direction(option)


class WrappingDelegate(QStyledItemDelegate):
    """Wraps long cells over at most `max_lines` lines (the last one elided), so rows grow to fit.

    QTreeView asks a delegate for a row's height without the column's width, so word
    wrap alone never grows a row: this delegate measures against the header's section
    width and asks for a new layout whenever a column is resized.

    Sizes are kept by what decides them (column, text, what is under it, width, font): the view asks for
    them again at every layout, after any row is added or removed, and measuring 800 rows
    again was most of a stall of a quarter of a second after each label. The model's other
    roles (colour chip, alignment) are the same down a column, so they are not in the key.
    A new font or style (a theme) empties the cache; a new width is a new key.
    """

    _CACHE_LIMIT = 10_000  # sizes kept (a few MB): an 800-claim article at four widths

    FITTED_CHARACTERS = 16
    """How wide a fitted column's cell may grow before its words wrap, in average characters."""

    def __init__(
        self,
        view: QTreeView,
        *,
        max_lines: int = 3,
        note_below: tuple[int, int] | None = None,
        fitted: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__(view)
        self._view = view
        self.max_lines = max_lines
        # (column, note column): the note goes on its own line under that column's text,
        # so a narrow panel can hide the note column and give the claim its width.
        self._note_below = note_below
        # Columns as wide as their values (ResizeToContents): measured against their own width,
        # their cells wrapped at every space, so the column stayed as wide as its longest word
        # and "Bea K" stood on two lines. They are measured against `FITTED_CHARACTERS` instead.
        self._fitted = fitted
        view.setWordWrap(True)
        view.setUniformRowHeights(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._sizes: dict[tuple[int, str, str, int, str], QSize] = {}
        # The view's font, as every size is measured in it (the model sets no FontRole);
        # asked once per font change, as `QFont.key` costs as much as the rest of a lookup.
        self._font = view.font().key()
        # The width is in the key: a resize needs a new layout, not a new cache (the header
        # resizes its sections when rows come and go, often to the width they had).
        view.header().sectionResized.connect(lambda *_: self.sizeHintChanged.emit(QModelIndex()))
        view.installEventFilter(self)

    def _forget_sizes(self) -> None:
        self._sizes.clear()
        self._font = self._view.font().key()
        self.sizeHintChanged.emit(QModelIndex())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Forget the sizes before the view lays its rows out in a new font or style."""
        if watched is self._view and event.type() in _RESIZING_EVENTS:
            self._forget_sizes()
        return False

    def _below(self, index: _Index) -> str:
        """What the cell shows on lines of its own under its text: the author where the row names
        them (`AUTHOR_ROLE`), then the note, marked: "alice · ✎ check the count"."""
        if self._note_below is None or index.column() != self._note_below[0]:
            return ""
        author = index.data(AUTHOR_ROLE) or ""
        note = index.siblingAtColumn(self._note_below[1]).data() or ""
        # A note of white space alone (" " from an imported file) is no note: marked, it was a
        # "✎" with nothing after it, as if the note could not be read.
        marked = "✎ " + " ".join(note.split()) if note.strip() else ""
        return " · ".join(part for part in (author, marked) if part)

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        below = self._below(index)
        if below:
            option.text = self._with_note(option, index, below)  # type: ignore[attr-defined]
        in_its_direction(option)
        model = index.model()
        if isinstance(model, ClaimListModel) and index.column() == 0 and index.isValid():
            option.icon = model.chip(index.row(), row_ground(option))  # type: ignore[attr-defined]
        # The colour chip sits beside the label on the first line, not halfway down a tall row.
        option.decorationAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop  # type: ignore[attr-defined]

    def _with_note(self, option: QStyleOptionViewItem, index: _Index, marked: str) -> str:
        """The cell's text, then `marked` (the note, and the author where the row names them) on
        lines of its own (a U+2028 break in the layout).

        The note's lines are kept within `max_lines` and the text is elided above them: left
        to the style, a long claim filled every line and its note was never seen.
        """
        text: str = option.text  # type: ignore[attr-defined]
        measure = QStyleOptionViewItem(option)
        if measure.rect.width() <= 0:  # type: ignore[attr-defined]
            measure.rect = QRect(0, 0, self._view.header().sectionSize(index.column()), 1 << 20)  # type: ignore[attr-defined]
        style = self._view.style()
        # The style draws the text inside this rect, less a margin on each side; a pixel more
        # is kept so that its own wrapping never breaks one of these lines again.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._view) + 1
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, measure, self._view)
        width = rect.width() - 2 * margin - 1
        if width <= 0:
            return f"{text}\u2028{marked}"
        metrics = QFontMetricsF(measure.font)  # type: ignore[attr-defined]
        # The note takes at most half the lines; the text keeps the rest, and at least one.
        note_lines = fit_lines(marked, metrics, width, max(1, self.max_lines // 2))
        text_lines = fit_lines(text, metrics, width, max(1, self.max_lines - len(note_lines)))
        return "\u2028".join([*text_lines, *note_lines])

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        column = index.column()
        if column in self._fitted:
            width = self._view.fontMetrics().averageCharWidth() * self.FITTED_CHARACTERS
        else:
            width = self._view.header().sectionSize(column)
        key = (column, str(index.data() or ""), self._below(index), width, self._font)
        size = self._sizes.get(key)
        if size is None:
            size = self._measure(option, index, width)
            if len(self._sizes) >= self._CACHE_LIMIT:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)

    def _measure(self, option: QStyleOptionViewItem, index: _Index, width: int) -> QSize:
        measure = QStyleOptionViewItem(option)
        measure.rect = QRect(0, 0, max(width, 1), 1 << 20)  # type: ignore[attr-defined]
        hint = super().sizeHint(measure, index)
        spacing = measure.fontMetrics.lineSpacing()  # type: ignore[attr-defined]
        return QSize(hint.width(), min(hint.height(), spacing * self.max_lines))
