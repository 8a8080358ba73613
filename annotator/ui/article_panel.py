"""The article list on the left: search, status and label filters, and the list itself.

It shows what the window hands it (`set_articles`) and says which article was picked
(`articleSelected`); it never opens a project or runs a query: which articles' texts hold
the search it asks (`textSearch`) and is told (`show_text_matches`). Searching and filtering
only narrow the list: the article being read stays shown (typing used to move the
current row, which opened another article), and its row is current again as soon as
the filters let it be seen. A click, or Return (`open_current`), opens an article
for reading (`articleOpened`); the arrow keys browse the list, and Up, Down, Page Up and
Page Down in the search box do too, so a search's matches are reached without leaving it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ArticleStatus, ArticleSummary, ClaimLabel
from annotator.ui.drop_down_name import name_drop_down
from annotator.ui.elided import ElidedComboBox, plain_tooltip
from annotator.ui.legend import label_text
from annotator.ui.models import (
    ID_ROLE,
    OBJECT_ROLE,
    STATUS_MARK_SIZE,
    ArticleFilterModel,
    ArticleListModel,
    InItsDirectionDelegate,
    status_text,
)

_LIST_STEPS = {Qt.Key.Key_Down: 1, Qt.Key.Key_PageDown: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageUp: -1}
"""The list's keys that step through its rows, and which way (`_step_from_hidden_shown`)."""


class ArticlePanel(QWidget):
    """Search, filters and the list of articles; `articleSelected(id)` when the current row changes."""

    articleSelected = Signal(int)
    articleOpened = Signal(int)  # clicked or Return: the person wants to read it now
    textSearch = Signal(str)  # typing paused: which articles' texts hold this? (`show_text_matches`)
    textSearchFailed = Signal(str)  # the texts could not be searched: one line saying why
    nothingFound = Signal(str)  # the texts were searched too, and no article is left to list
    filteredOut = Signal(str)  # articles hold the search, but the status or label hides them all: why
    foundInNotes = Signal(str)  # claims' notes hold the search: how many, in one line

    TEXT_SEARCH_PAUSE_MS = 200
    TEXT_SEARCH_MIN_CHARS = 2  # one letter is in every article

    FILTER_AT_EACH_KEY_ROWS = 2_000
    """The longest list whose titles and sources the search filters at each key (a few ms);
    a longer one is filtered once typing pauses (`FILTER_PAUSE_MS`)."""

    FILTER_PAUSE_MS = 120
    """How long typing pauses before a long list is filtered: less than between two keys of
    someone who stops to look, more than between two keys of a word typed in one go."""

    TITLE_CHARACTERS = 28
    """How much of a title the list shows at its default width."""

    TITLE_MIN_CHARACTERS = 16
    """How much of a title the list keeps before Source and Claims give way (`_fit_columns`)."""

    TITLE_STATUS_CHARACTERS = 12
    """How much of a title the list keeps before Status gives way too, the titles marked with
    it (`_fit_columns`): fewer than `TITLE_MIN_CHARACTERS`, the status being worth more than
    Source and Claims, but more than the five letters its word left at 683x400."""

    STATUS_COLUMN = 3

    FILTER_CHARACTERS = 3
    """How much of a filter's choice its box shows at least."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._viewport: QWidget | None = None  # the list's, once built: its width decides Source's
        self._focus_watched: QWidget | None = None  # the list, once built: its focus shows `whole_title`
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        self.search = QLineEdit()
        self.search.setObjectName("articleSearch")
        self.search.setAccessibleName(self.tr("Search articles"))
        self.search.setPlaceholderText(self.tr("Search titles, sources, text and notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)  # Up and Down: through the matches (`step_current`)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.status_filter = ElidedComboBox()
        self.status_filter.setObjectName("statusFilter")
        name_drop_down(self.status_filter, self.tr("Filter by status"))
        self.status_filter.addItem(self.tr("Any status"), None)
        for status in ArticleStatus:
            self.status_filter.addItem(status_text(status), status)
        self.label_filter = ElidedComboBox()
        self.label_filter.setObjectName("labelFilter")
        name_drop_down(self.label_filter, self.tr("Filter by label"))
        self.label_filter.addItem(self.tr("Any label"), None)
        for label in ClaimLabel:
            self.label_filter.addItem(label_text(label), label)
        for box in (self.status_filter, self.label_filter):
            # Narrower than their longest entry when the list is (its text elided): side by side
            # at their full width, with a larger font, they made the list too wide to leave the
            # claims and the suggestions panel room on a laptop's screen.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(self.FILTER_CHARACTERS)
            filters.addWidget(box)
        layout.addLayout(filters)
        self.model = ArticleListModel(self)
        self.filter = ArticleFilterModel(self)
        self.filter.setSourceModel(self.model)
        self.list = QTreeView()
        self.list.setObjectName("articleList")
        self.list.setAccessibleName(self.tr("Articles"))
        self.list.setModel(self.filter)
        self.list.setItemDelegate(InItsDirectionDelegate(self.list))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setIconSize(QSize(STATUS_MARK_SIZE, STATUS_MARK_SIZE))  # the marks' own size, not scaled up
        self._shown: int | None = None  # the article being read
        # The words whose text search is asked and not yet answered, and the words Return was
        # pressed on before their answer came (`open_current`).
        self._asked: str | None = None
        self._open_when_found: str | None = None
        self._notes_said: str | None = None  # the words whose notes the status bar was told of
        self._loading = False  # the list is being read (`show_loading`): its rows are yet to come
        self._quiet = False  # moving the current row ourselves: not a pick
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 90)
        # Fixed widths from font metrics: ResizeToContents measures every row after each
        # refresh, which stalled the window for 150 ms on a 200-article import.
        metrics = self.list.fontMetrics()
        widest_status = max(metrics.horizontalAdvance(status_text(s)) for s in ArticleStatus)
        for column, width in ((2, metrics.horizontalAdvance(self.tr("Claims"))), (3, widest_status)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width + 18)
        # The columns that give way to the titles on a narrow list, first to go first, with
        # their widths as the person last left them (`_fit_columns`).
        self._given_way_widths = {column: header.sectionSize(column) for column in (1, 2, self.STATUS_COLUMN)}
        header.sectionResized.connect(self._column_resized)
        self._viewport = self.list.viewport()
        self._viewport.installEventFilter(self)
        layout.addWidget(self.list, 1)
        # Over the empty list while it is read, so nobody takes the project for an empty one.
        self._loading_note = QLabel(self.tr("Loading articles…"), self._viewport)
        self._loading_note.setObjectName("articlesLoading")
        self._loading_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._loading_note.setEnabled(False)  # greyed, as a placeholder is
        self._loading_note.hide()
        # The current row's title whole, while the keyboard is in the list and its column cuts it
        # (`_show_whole_title`): the header over the text stops at three lines, the tooltip
        # needs a mouse, and at 683x400 the column showed "President Trump si…".
        self.whole_title = QLabel()
        self.whole_title.setObjectName("currentTitle")
        self.whole_title.setTextFormat(Qt.TextFormat.PlainText)
        self.whole_title.setWordWrap(True)
        self.whole_title.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )  # never widens the list
        self.whole_title.hide()
        layout.addWidget(self.whole_title)
        self.count = QLabel()  # how many the filters leave of how many: a search's answer at a glance
        self.count.setObjectName("articleCount")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.count)

        self._text_search = QTimer(self)
        self._text_search.setSingleShot(True)
        self._text_search.setInterval(self.TEXT_SEARCH_PAUSE_MS)
        self._text_search.timeout.connect(self._ask_text_search)
        # A long list's filter by the search, once typing pauses (`_search_changed`).
        self._search_filter = QTimer(self)
        self._search_filter.setSingleShot(True)
        self._search_filter.setInterval(self.FILTER_PAUSE_MS)
        self._search_filter.timeout.connect(self._filter_by_search)
        # A timer's, not a posted call's: Qt runs calls posted from a slot in the same pass as
        # that slot, so the window answered nothing between the rows' reset and their layout.
        self._after_layout = QTimer(self)
        self._after_layout.setSingleShot(True)
        self._after_layout.setInterval(0)
        self._after_layout.timeout.connect(self._paint_laid_out_rows)
        self.search.textChanged.connect(self._search_changed)
        self.status_filter.currentIndexChanged.connect(self._status_chosen)
        self.label_filter.currentIndexChanged.connect(self._label_chosen)
        for box in (self.status_filter, self.label_filter):
            self._say_filter(box)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self.list.selectionModel().currentRowChanged.connect(self._title_may_be_cut)
        self._focus_watched = self.list
        self.list.installEventFilter(self)  # its focus coming and going: `_show_whole_title`
        header.sectionResized.connect(self._title_may_be_cut)
        self.model.dataChanged.connect(self._title_may_be_cut)
        self.model.modelAboutToBeReset.connect(self._paint_after_layout)
        self.list.clicked.connect(self._opened)

    def _say_filter(self, box: QComboBox) -> None:
        """The box's tooltip says what it filters by and its choice whole: on a narrow list it
        reads "Any s…", and with the Status column given way nothing else names the status."""
        box.setToolTip(plain_tooltip(self.tr("{0}: {1}").format(box.accessibleName(), box.currentText())))

    def preferred_width(self) -> int:
        """The list's default width: every column, the title with room for `TITLE_CHARACTERS`.

        A column given way to the titles (`_fit_columns`) counts at the width it comes back at:
        hidden, its size is 0, and a list folded (so at 0 px, every such column hidden) was shown
        again with room for its Title and Status only."""
        header = self.list.header()
        title = self.list.fontMetrics().averageCharWidth() * self.TITLE_CHARACTERS
        given_way = self._given_way_widths
        others = sum(
            given_way.get(column, 0) if header.isSectionHidden(column) else header.sectionSize(column)
            for column in range(1, header.count())
        )
        margins = self._layout.contentsMargins()
        frame = 2 * self.list.frameWidth() + margins.left() + margins.right()
        return title + others + frame + self.list.verticalScrollBar().sizeHint().width()

    @property
    def loading(self) -> bool:
        """Whether the list is being read (`show_loading`) and has not come yet."""
        return self._loading

    def _say_count(self, said: str) -> None:
        """The count under the list, and the same words as the search field's description.

        A screen reader says nothing of a label the focus is not on: someone typing in the
        search heard the letters, never how many articles matched. A changed description of
        the focused field is sent to assistive tech (Qt's DescriptionChanged event), which
        reads it out.
        """
        self.count.setText(said)
        self.search.setAccessibleDescription(said)

    def show_loading(self) -> None:
        """No rows yet, and says that they are being read: opening a project of 10,000 articles
        read its list on the window's thread, which stood still 0.2-0.3 s; it is read in the pool
        now, and an empty list saying "0 articles" meanwhile would tell of an empty project.

        The article being read is kept (`mark_shown`), so its row is current once the list comes.
        """
        self._loading = True
        self._refilter(lambda: self.model.set_articles([]))
        self._say_count(self.tr("Loading articles…"))
        self._loading_note.setGeometry(self.list.viewport().rect())
        self._loading_note.show()

    def show_unread(self) -> None:
        """The list could not be read (the window says why): no longer said to be loading."""
        self._end_loading()
        self._refilter(lambda: None)

    def _end_loading(self) -> None:
        self._loading = False
        self._loading_note.hide()

    def set_articles(self, summaries: list[ArticleSummary]) -> None:
        known = {summary.id for summary in self.model.summaries()}
        self._end_loading()
        self._refilter(lambda: self.model.set_articles(summaries))
        if self.text_needle() and {summary.id for summary in summaries} != known:
            self._ask_text_search()  # articles came or went: search the texts again (not for a label)

    def show_no_project(self) -> None:
        """No rows and no count: "0 articles" under the list told of an empty project when none
        is open (a first start says nothing there either)."""
        self.set_articles([])
        self._say_count("")

    def update_articles(self, summaries: list[ArticleSummary]) -> bool:
        """Refresh the rows of some listed articles (their texts, hence text matches, are the
        same); False if one is not listed."""
        updated = False

        def update() -> None:
            nonlocal updated
            updated = self.model.update_articles(summaries)

        self._refilter(update)
        return updated

    def forget_text_matches(self) -> None:
        """The project is closing: its articles' matches mean nothing in the next one."""
        self._refilter(lambda: self.filter.set_text_matches(frozenset()))

    def clear_filters(self) -> None:
        """The project is closing: its search and filters are no question to ask of the next one.

        Left in place they hid the next project's articles: a first import into a new project
        listed "0 of 1 articles" and opened none, so the text still said to import some.
        """
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.label_filter.setCurrentIndex(0)

    def text_needle(self) -> str:
        """What the texts are searched for ("" while the search is too short to search texts)."""
        needle = self.search.text().strip()
        return needle if len(needle) >= self.TEXT_SEARCH_MIN_CHARS else ""

    def _search_changed(self, text: str) -> None:
        """Filter a short list now, a long one once typing pauses, the count saying so meanwhile.

        Each key filtered every row then and there: on 20,000 articles a key held the window
        100-450 ms (Qt asks the filter of each row, in Python), so letters came late and typing
        lagged. An empty search lists every row at once: there is nothing to look for.
        """
        self._open_when_found = None  # Return was for the words before these
        self._notes_said = None
        if text.strip() and self.model.rowCount() > self.FILTER_AT_EACH_KEY_ROWS:
            self._search_filter.start()
            if not self._loading:
                self._say_count(self.tr("Filtering…"))
        else:
            self._filter_by_search()
        if self.text_needle():
            self._text_search.start()
        else:
            self._text_search.stop()
            self._refilter(lambda: self.filter.set_text_matches(frozenset()))

    def _filter_by_search(self) -> None:
        self._search_filter.stop()
        self._refilter(lambda: self.filter.set_search(self.search.text()))

    def _filter_now(self) -> None:
        """The list as the search leaves it, now: something is about to read or move its rows
        (a key, the text search's answer) before typing paused for the list to be filtered."""
        if self._search_filter.isActive():
            self._filter_by_search()

    def _ask_text_search(self) -> None:
        self._text_search.stop()
        if needle := self.text_needle():
            self._asked = needle
            self.textSearch.emit(needle)

    def show_text_matches(
        self, needle: str, article_ids: frozenset[int], in_notes: Mapping[int, int] | None = None
    ) -> None:
        """The articles whose text holds `needle`, and how many claims' notes hold it in each
        article (`in_notes`); kept only if it is still what is searched.

        An article whose notes alone hold the words is listed as one whose text does: a lead's
        "check source" or an annotator's "ask Maria" in a note was found by no search.
        """
        if needle == self.text_needle():
            notes = dict(in_notes or {})
            self._asked = None
            self._filter_now()
            self._refilter(lambda: self.filter.set_text_matches(article_ids | notes.keys()))
            if notes and self.filter.rowCount() and self._notes_said != needle:
                self._notes_said = needle  # asked again after a note's edit: "Saved" stays said
                count = sum(notes.values())
                said = (
                    self.tr("“{0}” is in 1 note") if count == 1 else self.tr("“{0}” is in {1} notes")
                ).format(needle, count)
                self.foundInNotes.emit(said)
            if self.filter.rowCount() == 0 and self.model.rowCount() > 0:
                self._open_when_found = None
                if found := self.filter.found_by_search_alone():
                    self.filteredOut.emit(self._hidden_by_filters(needle, found))
                else:
                    self.nothingFound.emit(needle)
            elif self._open_when_found == needle:
                self._open_when_found = None
                if self.search.hasFocus():  # still where Return was pressed: nothing else asked since
                    self.list.setCurrentIndex(self.filter.index(0, 0))
                    self._opened(self.filter.index(0, 0))

    def notes_changed(self) -> None:
        """Claims' notes were written, changed or removed: the notes are searched again.

        Texts never change, so the answer stood until the search did; notes do. A note saved
        with the words searched left its article unlisted, and one whose words were taken out
        left it listed, until the search was typed again.
        """
        self._ask_text_search()

    def _hidden_by_filters(self, needle: str, found: int) -> str:
        """Which filter hides the `found` articles that hold `needle`, and how to see them.

        "No article listed holds “Koszalin”" was said of a search that 38 articles held while
        the status filter was on "Done": the person took the words to be in none.
        """
        status, label = self.status_filter.currentIndex() > 0, self.label_filter.currentIndex() > 0
        if status and label:
            hidden = self.tr("the status and label filters hide")
            what = self.tr("choose Any status and Any label to see")
        elif label:
            hidden, what = self.tr("the label filter hides"), self.tr("choose Any label to see")
        else:
            hidden, what = self.tr("the status filter hides"), self.tr("choose Any status to see")
        if found == 1:
            return self.tr("“{0}” is in 1 article, which {1}; {2} it").format(needle, hidden, what)
        return self.tr("“{0}” is in {1} articles, which {2}; {3} them").format(needle, found, hidden, what)

    def text_search_failed(self, message: str) -> None:
        """The texts could not be searched (a crafted row): titles and sources still are."""
        self._asked = self._open_when_found = None
        self.textSearchFailed.emit(message)

    def mark_shown(self, article_id: int | None) -> None:
        """The article now being read: its row is current whenever the filters show it."""
        self._shown = article_id
        self._follow_shown()

    def _status_chosen(self) -> None:
        self._refilter(lambda: self.filter.set_status(self.status_filter.currentData()))
        self._say_filter(self.status_filter)

    def _label_chosen(self) -> None:
        self._refilter(lambda: self.filter.set_label(self.label_filter.currentData()))
        self._say_filter(self.label_filter)

    def _title_may_be_cut(self, *_changed: object) -> None:
        """A row, a column's width or a title changed: a method, not a lambda, so the list's
        signals hold this panel weakly (`tests/ui/test_qt_object_lifetimes.py`)."""
        self._show_whole_title()

    def _refilter(self, change: Callable[[], bool | None]) -> None:
        """Change the rows without opening another article, then mark the shown one again.

        `change` says True when it replaced every row (`ArticleListModel.set_articles`).
        """
        self._quiet = True
        try:
            replaced = bool(change())
        finally:
            self._quiet = False
        self._follow_shown(replaced=replaced)
        if self._loading:
            return  # the count says the list is being read
        if self._search_filter.isActive():
            self._say_count(self.tr("Filtering…"))  # the rows are yet to follow the search
            return
        shown, every = self.filter.rowCount(), self.model.rowCount()
        if shown == every:
            said = self.tr("1 article") if every == 1 else self.tr("{0} articles").format(every)
        else:  # "0 of 1 article", as one says it
            said = (self.tr("{0} of 1 article") if every == 1 else self.tr("{0} of {1} articles")).format(
                shown, every
            )
        self._say_count(said)

    def _follow_shown(self, *, replaced: bool = False) -> None:
        row = self.model.row_of(self._shown) if self._shown is not None else None
        if row is None and not self._loading:
            self._shown = None  # no longer listed (the project was closed)
        index = self.filter.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
        self._quiet = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            if index.isValid() and replaced and self.list.isVisible():
                self._make_current_before_layout(index, flags)
            elif index.isValid():
                self.list.selectionModel().setCurrentIndex(index, flags)
            else:
                self.list.selectionModel().clear()
                # Said to the list itself too: after its rows were replaced, a list with no
                # current row that gets the focus (Tab) makes its first row current, which
                # opened the first article, the place of the one read, hidden by a filter, lost.
                self.list.setCurrentIndex(QModelIndex())
        finally:
            self._quiet = False

    def _make_current_before_layout(
        self, index: QModelIndex, flags: QItemSelectionModel.SelectionFlag
    ) -> None:
        """Make the row current now and bring it into view in a later event, once the list
        has laid out its new rows.

        Told at once, the list lays out every row then and there, to scroll to the current
        one (or to repaint it), in the same slot as the reset and the filter: the rows of a
        project of 10,000 articles held the window 130-180 ms in one go as it opened. The
        rows were all replaced, so the whole list is laid out and painted again anyway.
        """
        selection = self.list.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            selection.setCurrentIndex(index, flags)
        finally:
            selection.blockSignals(blocked)
        self._show_whole_title()  # what `currentRowChanged` would have done
        self._after_layout.start()

    def _paint_after_layout(self) -> None:
        """The rows are about to be replaced: the list paints them once it has laid them out.

        Its first paint laid out every row itself, in the same pass of the event loop as the
        slot that replaced them, as often as not: the window answered nothing for both.
        """
        if self.list.isVisible():
            self.list.setUpdatesEnabled(False)
            self._after_layout.start()

    def _paint_laid_out_rows(self) -> None:
        current = self.list.currentIndex()
        if current.isValid():
            self.list.scrollTo(current)
        self.list.setUpdatesEnabled(True)

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if column in self._given_way_widths and new > 0:
            self._given_way_widths[column] = new

    def _fit_columns(self) -> None:
        """Hide Source, then Claims, while the titles would be left fewer than
        `TITLE_MIN_CHARACTERS`; then Status, while they would be left fewer than
        `TITLE_STATUS_CHARACTERS`, each title carrying its status instead (`status_mark`).

        On a 1024x600 screen the list got about 260 pixels, of which Source, Claims and Status
        kept their fixed widths: every title shrank to two letters ("Br…", "Af…"), and the
        articles could not be told apart; at 150% scale even Source gone left them "…". A source
        is the least needed to pick an article (the search box still finds it), then the count
        of claims (the claim list shows it). The status, the work's progress, holds out longest,
        but at 683x400 (1024x600 at 150%) its word took 84 of the list's 150 pixels and left the
        titles five letters ("Preside…"); a mark before the title says it in 12. Each comes
        back, at the width the person left it, when the list is wide enough again.
        """
        header = self.list.header()
        character = self.list.fontMetrics().averageCharWidth()
        room = self.list.viewport().width() - sum(
            header.sectionSize(column)
            for column in range(1, header.count())
            if column not in self._given_way_widths
        )
        needed = character * self.TITLE_MIN_CHARACTERS
        status_fits = (
            room - self._given_way_widths[self.STATUS_COLUMN] >= character * self.TITLE_STATUS_CHARACTERS
        )
        header.setSectionHidden(self.STATUS_COLUMN, not status_fits)
        self.model.set_status_with_title(not status_fits)
        room -= self._given_way_widths[self.STATUS_COLUMN] if status_fits else self._mark_width()
        for column in (2, 1):  # Claims, then Source: the last to give way first
            width = self._given_way_widths[column]
            fits = status_fits and room - width >= needed
            header.setSectionHidden(column, not fits)
            if fits:
                room -= width

    def _mark_width(self) -> int:
        """What a title's status mark takes from its text: the icon and the gap after it."""
        return self.list.iconSize().width() + 2 * (
            self.list.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.list) + 1
        )

    def _show_whole_title(self) -> None:
        """Under the list, the current row's title whole, while the list has the keyboard and
        its column cuts that title; else nothing, the count alone.

        Not the status bar as an article opens: at 683 px it holds the project, the model and
        the progress, cut a long title again, and said it for a few seconds whether the person
        looked or not. Here it shows where the eyes already are, only on a cut title."""
        current = self.list.currentIndex()
        title = str(current.siblingAtColumn(0).data()) if current.isValid() else ""
        shown = bool(title) and self.list.hasFocus() and self._cut_in_list(title)
        self.whole_title.setText(title if shown else "")
        self.whole_title.setVisible(shown)

    def _cut_in_list(self, title: str) -> bool:
        """Whether the Title column is too narrow for `title` (it ends in "…" there)."""
        margin = self.list.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.list) + 1
        room = self.list.header().sectionSize(0) - 2 * margin
        if self.model.status_with_title:
            room -= self._mark_width()
        return self.list.fontMetrics().horizontalAdvance(title) > room

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            self._show_whole_title()
            self._loading_note.setGeometry(self.list.viewport().rect())
            return False
        if watched is self.search and event.type() == QEvent.Type.FocusOut:
            self._filter_now()  # the list's own keys move through the rows the search leaves
        if watched is self._focus_watched and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._show_whole_title()
            return False
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.step_current(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.turn_page(event)
            return True
        if (
            watched is self._focus_watched
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _LIST_STEPS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return self._step_from_hidden_shown(event)
        if (
            watched is self._focus_watched
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_End
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and not self.list.currentIndex().isValid()
            and self.filter.rowCount()
        ):
            # Qt's list takes every key from no current row to its first row, End too: with the
            # article being read hidden by a filter, End went to the top of the list.
            self.list.setCurrentIndex(self.filter.index(self.filter.rowCount() - 1, 0))
            return True
        return super().eventFilter(watched, event)

    def _step_from_hidden_shown(self, event: QKeyEvent) -> bool:
        """Down, Up, Page Down or Page Up in the list while the filters hide the article being
        read: from where it stands, not from the top; False for the list's own keys otherwise.

        With no current row the list's keys went to its first row: labelling an article took it
        out of "New", and Down went back to the top of 2,000 articles, the person's place lost.
        """
        row = self._row_beside_hidden_shown(_LIST_STEPS[Qt.Key(event.key())])
        if row is None:
            return False
        beside = self.filter.index(row, 0)
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.list.setCurrentIndex(beside)
            return True
        self._quiet = True  # the page is turned from there: only where it lands opens
        try:
            self.list.setCurrentIndex(beside)
        finally:
            self._quiet = False
        self.list.keyPressEvent(event)
        if self.list.currentIndex() == beside:  # no page to turn: the nearest row opens, as Down's
            self._row_changed(beside, QModelIndex())
        return True

    def _row_beside_hidden_shown(self, step: int) -> int | None:
        """The listed row nearest the article being read while the filters hide it, after it
        (`step` 1) or before it (-1), else on the other side; None when no row is listed, or the
        article read is listed or none is."""
        rows = self.filter.rowCount()
        if self._shown is None or self.list.currentIndex().isValid() or not rows:
            return None
        source = self.model.row_of(self._shown)
        if source is None or self.filter.mapFromSource(self.model.index(source, 0)).isValid():
            return None
        # The filter keeps the list's order (it never sorts): the rows listed after it are found
        # by halving, not by mapping each of 10,000.
        after = bisect.bisect_right(
            range(rows), source, key=lambda row: self.filter.mapToSource(self.filter.index(row, 0)).row()
        )
        return min(max(after if step > 0 else after - 1, 0), rows - 1)

    def step_current(self, step: int) -> None:
        """Up or Down in the search box: the list's current row moves as the same key in the list
        moves it (from no current row, to the first), and typing stays in the box.

        Without it, reaching the second of three matches took Tab three times, then the arrows.
        """
        self._filter_now()
        rows = self.filter.rowCount()
        if not rows:
            return
        current = self.list.currentIndex()
        row = min(max(current.row() + step, 0), rows - 1) if current.isValid() else 0
        self.list.setCurrentIndex(self.filter.index(row, 0))

    def turn_page(self, event: QKeyEvent) -> None:
        """Page Down or Page Up in the search box: the list's current row turns a page, as the
        same key in the list turns it, and typing stays in the box.

        A line edit has no use for them, and they did nothing there: 300 matches of a search in
        10,000 articles were walked through with Down alone, or by leaving the box for the list.
        """
        self._filter_now()
        if not self.list.currentIndex().isValid():
            self.step_current(1)  # from no current row, to the first match, as Down
            return
        self.list.keyPressEvent(event)

    def open_current(self) -> bool:
        """Return here: open the article the list is on to read, or with none current (a search
        hid the one being read) the first one listed.

        Says `articleOpened` and returns True; False when focus is elsewhere or no row is listed.
        """
        self._filter_now()
        current = self.list.currentIndex()
        if not current.isValid() and self.filter.rowCount():
            current = self.filter.index(0, 0)
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            return False
        if not current.isValid():
            return self._open_when_answered()
        self.list.setCurrentIndex(current)
        self._opened(current)
        return True

    def _open_when_answered(self) -> bool:
        """Return typed before the texts' answer came ("budget", Return at typing speed): the
        list was still empty, so the key fell through to the text with nothing found selected,
        and the article the answer then listed stayed unopened. The search is asked at once
        and the first article it lists opens when the answer comes."""
        needle = self.text_needle()
        if QApplication.focusWidget() is not self.search or not needle:
            return False
        if self._asked != needle and not self._text_search.isActive():
            return False
        self._open_when_found = needle
        if self._text_search.isActive():
            self._ask_text_search()
        return True

    def _opened(self, index: QModelIndex) -> None:
        if index.isValid():
            self.articleOpened.emit(int(index.data(ID_ROLE)))

    def summaries(self) -> list[ArticleSummary]:
        """Every article, in list order (whatever the filters hide)."""
        return self.model.summaries()

    def shown_test(self) -> Callable[[ArticleSummary], bool] | None:
        """Whether the search and filters show an article; None while they ask for nothing."""
        self._filter_now()
        return self.filter.accepts if self.filter.filtering else None

    def first_undone_row(self) -> int | None:
        """The first listed article that is not done (else the first one), to start work on."""
        self._filter_now()
        rows = self.filter.rowCount()
        for row in range(rows):
            summary = self.filter.index(row, 0).data(OBJECT_ROLE)
            if summary.status != ArticleStatus.DONE:
                return row
        return 0 if rows else None

    def select_row(self, row: int) -> None:
        self._filter_now()
        self.list.setCurrentIndex(self.filter.index(row, 0))

    def select_article(self, article_id: int) -> str:
        """Make the current row follow (clearing the search and filters if they hide it), which
        shows it; what was cleared, in words ("the search “fire”"), or "" for nothing."""
        self._filter_now()
        row = self.model.row_of(article_id)
        if row is None:
            return ""
        index = self.filter.mapFromSource(self.model.index(row, 0))
        cleared = ""
        if not index.isValid():
            cleared = self._hiding_words()
            self.search.clear()
            self.status_filter.setCurrentIndex(0)
            self.label_filter.setCurrentIndex(0)
            index = self.filter.mapFromSource(self.model.index(row, 0))
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        return cleared

    def _hiding_words(self) -> str:
        """The search and filters set, in words: "the search “fire” and the status filter “done”"."""
        parts = []
        if needle := self.search.text().strip():
            parts.append(self.tr("the search “{0}”").format(needle))
        if self.status_filter.currentIndex() > 0:
            parts.append(self.tr("the status filter “{0}”").format(self.status_filter.currentText()))
        if self.label_filter.currentIndex() > 0:
            parts.append(self.tr("the label filter “{0}”").format(self.label_filter.currentText()))
        if len(parts) < 2:
            return "".join(parts)
        return self.tr("{0} and {1}").format(", ".join(parts[:-1]), parts[-1])

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.articleSelected.emit(int(current.data(ID_ROLE)))
