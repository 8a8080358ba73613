"""The statistics dashboard: progress, labels, claims per article and the agreement table.

Everything comes from `services.statistics.team_stats`, so the window, the PNG export and
`annotator stats --html` show the same figures. The figures are computed in the
thread pool (`ui.team_tasks`): agreement on a large merged file takes seconds, and
the window must keep answering meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QImageWriter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import LABELS, MatchMode
from annotator.core.errors import AnnotatorError
from annotator.core.reports import CHECK_HEADERS, check_rows
from annotator.services.outputs import check_output
from annotator.services.paths import fitting_name
from annotator.services.project import Project
from annotator.services.statistics import (
    TeamStats,
    agreement_cells,
    team_stats,
    write_html_report,
)
from annotator.ui.charts import BarChart, LineChart, StackedBarChart
from annotator.ui.error_text import as_sentence, with_full_stop
from annotator.ui.folders import DialogFolders
from annotator.ui.geometry import resize_to_fit, scrolled
from annotator.ui.palette import LABEL_COLOURS
from annotator.ui.plain import tip
from annotator.ui.span_match import span_match_box
from annotator.ui.team_tasks import compute_in_background
from annotator.ui.workers import Task

REFRESH_AFTER_EDIT_MS = 500
"""How long edits in the window must pause before an open dashboard works its figures out again."""


CHART_MIN_HEIGHT = 130
"""The least a chart shrinks to on a small screen: its title, axis and a legend of three."""

CHART_MIN_WIDTH = 260
"""The least a chart narrows to: two abreast at the charts' own least (320) made the dialog
700 pixels wide, past the edge of a 1024x600 screen at 150% (683), its title bar's Close
button out of reach. 260 keeps a plot beside the axis and a legend of three."""

NO_BREAK = "\u00a0"
"""Joins the words of what a figure's n counts, so a narrow column wraps them under the figure
whole ("on 42 label pairs"), never after "on 42"."""

ARTICLES_SHOWN = 12
"""Articles the "Claims per article" chart has room for: those with the most claims."""

TABLE_ROWS_SHOWN = 3
"""Rows of the agreement table shown below the charts on any screen (the team's, first)."""


def rows_height(table: QTableWidget, rows: int) -> int:
    """The height that shows `table`'s header and `rows` rows of one line."""
    return (
        table.horizontalHeader().sizeHint().height()
        + rows * table.verticalHeader().defaultSectionSize()
        + 2 * table.frameWidth()
    )


def whole_width(table: QTableWidget) -> int:
    """The width that shows every column of `table` whole, its header's words too."""
    header = table.horizontalHeader()
    columns = sum(
        max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        for column in range(table.columnCount())
        if not header.isSectionHidden(column)
    )
    return columns + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()


class Dashboard(QWidget):
    """Four charts and the agreement table for one project; `ready` once the figures are shown."""

    ready = Signal()

    def __init__(self, project: Project, *, match: MatchMode = "exact", parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.match: MatchMode = match
        self.stats: TeamStats | None = None
        self._asked = 0  # refreshes asked for; a result for an older one is dropped
        self._shown = 0
        self._after_edits = QTimer(self)
        self._after_edits.setSingleShot(True)
        self._after_edits.setInterval(REFRESH_AFTER_EDIT_MS)
        self._after_edits.timeout.connect(self._refresh_after_edits)
        # Another program saving every few seconds (a pre-annotation run in a terminal) had a
        # dashboard left open, its window minimized, work agreement out at each save, several
        # at once: half a core for figures nobody saw. One at a time, and none while unseen.
        self._computing = False
        # Edits saved, Refresh pressed or the match mode changed while figures were computed:
        # once more after them, in the mode the box shows then.
        self._again = False
        self._owed = False  # edits saved while unseen: figures worked out once seen again
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # Once reviewers decide, the gold note makes the line 748 pixels long: on one line it
        # widened the charts past a 1366x768 laptop's dialog at 200%, which scrolls up and down
        # only, and hid the Match spans box and the right-hand charts.
        self.summary.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setObjectName("dashboardBusy")
        self.busy.setAccessibleName(self.tr("Computing statistics and agreement"))
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        # Alt+M, as in the review: without a field, the label gave the box no key.
        match_label, self.match_box = span_match_box(match)
        self.match_box.currentIndexChanged.connect(self._match_changed)
        self.per_day = LineChart(self.tr("Claims per day (local time)"))
        self.cumulative = LineChart(self.tr("Claims, cumulative"))
        self.labels = BarChart(self.tr("Labels per annotator"))
        self.per_article = StackedBarChart(self.tr("Claims per article"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Annotators"), self.tr("Label"), self.tr("kappa"), self.tr("alpha"), self.tr("span F1")]
        )
        # "kappa", "alpha" and "span F1" are statisticians' words: a coordinator who is none
        # could not tell which figure says what, nor that n is how far to trust it.
        for figure_column, about in (
            (
                2,
                self.tr(
                    "Cohen's kappa: how often two people gave the spans both marked the same label, "
                    "beyond what chance would give (1: always; 0: no better than chance). n: the spans "
                    "both marked; for the team, the mean over every pair, on each pair's spans added up "
                    "(label pairs)."
                ),
            ),
            (
                3,
                self.tr(
                    "Krippendorff's alpha: agreement on the labels among everyone who marked a span, "
                    "beyond chance (1: perfect; 0: no better than chance). n: the spans two or more "
                    "people marked (shared spans), each once."
                ),
            ),
            (
                4,
                self.tr(
                    "Span F1: how far people marked the same spans as claims at all, whatever the "
                    "label (1: every span one marked, the other marked too). n: both people's claims; "
                    "for the team, each pair's added up."
                ),
            ),
        ):
            header = self.table.horizontalHeaderItem(figure_column)
            if header is not None:
                header.setToolTip(tip(about))  # rich text, so it wraps on a small screen
        self.table.setToolTip(
            tip(
                self.tr(
                    "Agreement between annotators on the spans they marked (gold labels never count): "
                    "1 is perfect, 0 no better than chance. A figure on a small n says little; n/a, "
                    "nothing to compare, or one and the same label on every shared span, which kappa "
                    "and alpha cannot tell from chance. Hover over a column's name for what its figure "
                    "measures, over a figure for what its n counts and why it is n/a."
                )
            )
        )
        self.checks = QTableWidget(0, len(CHECK_HEADERS))
        for table in (self.table, self.checks):
            # Tab leaves it (arrows move in it): Qt's tables walk their cells on Tab, a trap.
            table.setTabKeyNavigation(False)
        self.checks.setObjectName("preannotationChecks")
        self.checks.setHorizontalHeaderLabels([self.tr(header) for header in CHECK_HEADERS])
        self.checks.setToolTip(
            self.tr(
                "How often pre-annotation was right on what people checked in this project: entities "
                "accepted or rejected, quotations corrected, confirmed (W, Enter) or removed, and label "
                "suggestions against the labels people gave (by the confidence shown). Added: what "
                "people added that pre-annotation missed."
            )
        )
        for table in (self.table, self.checks):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.checks.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Who: "Carol Nguyễn vs Zoë Ångström-Łukasiewicz" wrapped in a fifth of the width and
        # lost its second line; the figures' columns share what the names leave.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # On a 1024x600 screen the charts took the height and the agreement table showed its
        # header alone until one scrolled: the table keeps a few rows, the charts shrink first.
        for chart in (self.per_day, self.cumulative, self.labels, self.per_article):
            chart.setMinimumSize(CHART_MIN_WIDTH, CHART_MIN_HEIGHT)
        # A figure and what its n counts ("0.623 on 42 label pairs") on one line where there is
        # room; on a 1024x600 screen at 150% the words go under the figure, whole, not "0.623 on…".
        # The labels keep their width ("questionable"), so the figures share the rest.
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())  # a row of one line as tall as before
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for table in (self.table, self.checks):
            table.setMinimumHeight(rows_height(table, TABLE_ROWS_SHOWN))

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.busy)
        top.addWidget(match_label)
        top.addWidget(self.match_box)
        # The four charts in a widget of their own, which Save as PNG draws: the dashboard
        # drawn whole put the Agreement box above them, and its tables' scroll bars, in the picture.
        self.charts = QWidget()
        self.charts.setAutoFillBackground(True)  # the gaps between charts drawn too, never transparent
        grid = QGridLayout(self.charts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.per_day, 0, 0)
        grid.addWidget(self.cumulative, 0, 1)
        grid.addWidget(self.labels, 1, 0)
        grid.addWidget(self.per_article, 1, 1)
        tables = QHBoxLayout()
        boxes = []
        for title, table, share in (
            (self.tr("Agreement"), self.table, 4),
            (self.tr("Pre-annotation, as people checked it"), self.checks, 5),  # longer first column
        ):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            # Bold by its font, not by markup: the heading is the table's name for a screen
            # reader (its buddy), which read "<b>Agreement</b>" out, tags and all.
            heading = QLabel(title)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            heading.setStyleSheet("font-weight: 600;")
            heading.setBuddy(table)
            column.addWidget(heading)
            column.addWidget(table)
            tables.addWidget(box, share)
            boxes.append(box)
        self.tables = tables
        self.checks_box = boxes[1]
        self.checks_box.hide()  # until there is something pre-annotated to measure
        self.outer = QVBoxLayout(self)
        self.outer.addLayout(top)
        self.outer.addWidget(self.charts, 3)
        self.outer.addLayout(tables, 2)
        self.refresh()

    def heightForWidth(self, width: int) -> int:
        """The least height at `width`: what the scroll area round the dashboard makes it at least.

        With the summary wrapped, Qt's scroll area took the layout's preferred height for the
        width as the content's least, so the charts no longer shrank to the dialog and the
        agreement table was out of sight below them on a 1024x600 screen.
        """
        layout = self.layout()
        return (
            layout.totalMinimumHeightForWidth(width) if layout is not None else super().heightForWidth(width)
        )

    def _match_changed(self, _index: int) -> None:
        self.match = self.match_box.currentData()
        self.refresh()

    @property
    def loading(self) -> bool:
        return self._shown != self._asked

    def refresh(self) -> None:
        """Ask for fresh figures; the old ones stay on screen, marked busy, until the new arrive.

        One computation at a time: Refresh pressed, or the match mode changed, while figures
        were computed started another beside them, each seconds of both cores on a large team
        file. Such a request waits, as an edit does, and is worked out once (in the mode the
        box shows then) when the running one ends.
        """
        self._asked += 1
        self.busy.setRange(0, 0)  # indeterminate: agreement has no steps to count
        self.busy.show()
        self.summary.setText(self.tr("Computing statistics and agreement…"))
        if self._computing:
            self._again = True
            return
        self._computing = True
        asked, match = self._asked, self.match
        compute_in_background(
            self.project,
            lambda project: (asked, match, team_stats(project, match=match)),
            self._arrived,
            self._failed,
            name="team statistics",
        )

    def edits_saved(self, _change: object = None) -> None:
        """The window saved an edit, an undo or a redo (or new pre-annotation): refresh.

        A dashboard kept open beside the text showed the figures of when it opened until
        Refresh was pressed. Each refresh works agreement out again (seconds on a large
        team file), so a run of quick labels makes one refresh once they pause.
        """
        self._after_edits.start()

    def _windows(self) -> list[QWidget]:
        """The dashboard's window and the main window it belongs to."""
        windows = [self.window()]
        parent = windows[0].parentWidget()
        if parent is not None:
            windows.append(parent.window())
        return windows

    def _unseen(self) -> bool:
        """Whether nobody can see the figures: their window or the main window is minimized or hidden."""
        return any(not w.isVisible() or w.isMinimized() for w in self._windows())

    def _refresh_after_edits(self) -> None:
        if self._unseen():
            if not self._owed:
                self._owed = True
                for window in self._windows():
                    window.installEventFilter(self)
            return
        if self._computing:
            self._again = True
            return
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Edits saved while the figures were unseen: worked out when they are seen again."""
        if (
            self._owed
            and event.type() in (QEvent.Type.WindowStateChange, QEvent.Type.Show)
            and not self._unseen()
        ):
            self._owed = False
            self._after_edits.start()
        return False

    def _computed(self) -> None:
        self._computing = False
        if self._again:
            self._again = False
            self._refresh_after_edits()

    def _arrived(self, result: tuple[int, MatchMode, TeamStats]) -> None:
        asked, match, stats = result
        self._computed()
        if match != self.match:
            return  # the box shows another match mode now; its own figures are on the way
        self._shown = asked
        self.show_stats(stats)
        self._settled()

    def _failed(self, message: str) -> None:
        self._computed()
        if self._computing:
            return  # a request made meanwhile is worked out now; its figures or failure follow
        self._shown = self._asked
        self.summary.setText(with_full_stop(self.tr("Could not compute the statistics: {0}").format(message)))
        self._settled()

    def _settled(self) -> None:
        """Busy until the figures of the last request are shown; then `ready`."""
        if self.loading:
            return
        self._stop_busy()
        self.ready.emit()

    def _gold_note(self, stats: TeamStats) -> str:
        """What the gold total is made of: the spans everyone agreed on count as gold in the
        export and the release, and the "no claim" decisions are named so the decisions add up."""
        parts = []
        if stats.agreed:
            parts.append(
                self.tr("{0} decided in review, {1} everyone agreed on").format(stats.gold, stats.agreed)
            )
        if stats.no_claim == 1:
            parts.append(self.tr("and 1 'no claim' decision"))
        elif stats.no_claim:
            parts.append(self.tr("and {0} 'no claim' decisions").format(stats.no_claim))
        return f" ({'; '.join(parts)})" if parts else ""

    def _stop_busy(self) -> None:
        self.busy.setRange(0, 1)  # a determinate bar stops the busy animation
        self.busy.hide()

    def show_stats(self, stats: TeamStats) -> None:
        self.stats = stats
        self.summary.setText(
            self.tr("Articles: {0}   Claims: {1}   Annotators: {2}   Gold labels: {3}").format(
                stats.articles, stats.claims, len(stats.annotators), stats.gold + stats.agreed
            )
            + self._gold_note(stats)
        )
        self.per_day.set_data(stats.days, stats.per_day)
        self.cumulative.set_data(stats.days, {n: stats.cumulative(n) for n in stats.annotators})
        self.labels.set_data(
            stats.annotators,
            {label: [stats.labels[n][label] for n in stats.annotators] for label in LABELS},
            colours={label.value: colour for label, colour in LABEL_COLOURS.items()},
        )
        top = sorted(stats.per_article, key=lambda a: -sum(a[2].values()))[:ARTICLES_SHOWN]
        # Twelve bars under "Claims per article" read as twelve articles labelled, in the window
        # and in its PNG, where there were more: the title says which articles these are.
        per_article = self.tr("Claims per article")
        if len(stats.per_article) > len(top):
            per_article = self.tr("Claims per article ({0} of {1}, with most claims)").format(
                len(top), len(stats.per_article)
            )
        self.per_article.set_data(
            [title for _, title, _ in top],
            {n: [c.get(n, 0) for _, _, c in top] for n in stats.annotators},
            title=per_article,
        )
        rows = agreement_cells(stats.agreement)
        # Emptied first: each cell set over the last refresh's measured the whole table again to
        # fit its rows to their text, which held the window still for 0.7-1.6 s at the end of
        # every refresh (a team of four's 28 rows); new rows are measured once, after.
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for r, (who, label, figures) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(who))
            self.table.setItem(r, 1, QTableWidgetItem(label))
            for c, figure in enumerate(figures, start=2):
                item = QTableWidgetItem(f"{figure.value} {figure.counts.replace(' ', NO_BREAK)}")
                item.setToolTip(tip(figure.tip))  # what its n counts, in a sentence
                self.table.setItem(r, c, item)
        checks = check_rows(stats.checks)
        self.checks_box.setVisible(bool(checks))  # else the agreement table has the width
        self.checks.setRowCount(0)  # emptied first, as the agreement table
        self.checks.setRowCount(len(checks))
        for r, check_cells in enumerate(checks):
            for c, text in enumerate(check_cells):
                self.checks.setItem(r, c, QTableWidgetItem(text))
        self._arrange_tables()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_tables()

    def _arrange_tables(self) -> None:
        """The two tables side by side where both show whole, else the pre-annotation's below.

        Side by side, in shares of 4 and 5, on a 1024x600 screen at 150% the agreement table
        read "fact…" and "0.622 (n=…" while the dialog scrolls up and down anyway. Side by side
        each gets room in proportion to what it needs.
        """
        shown = [self.table] if self.checks_box.isHidden() else [self.table, self.checks]
        needed = [whole_width(table) for table in shown]
        margins = self.outer.contentsMargins()
        room = self.contentsRect().width() - margins.left() - margins.right()
        fits = sum(needed) + self.tables.spacing() * (len(shown) - 1) <= room
        direction = QBoxLayout.Direction.LeftToRight if fits else QBoxLayout.Direction.TopToBottom
        if self.tables.direction() != direction:
            self.tables.setDirection(direction)
        for index, width in enumerate(needed):
            self.tables.setStretch(index, width if fits else 1)


_DOTS_PER_METER_AT_1 = 3780
"""96 dots an inch, the logical inch Qt lays out in."""


def sized_as_shown(image: QImage) -> QImage:
    """`image` saying, in its dots per inch, the size it was shown at.

    A grab at a scale of 2 holds twice the pixels, sharp, but said 96 dots an inch as at 1: a
    document or a viewer that reads it showed the dashboard at twice the size.
    """
    dots = round(_DOTS_PER_METER_AT_1 * image.devicePixelRatio())
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    return image


class DashboardDialog(QDialog):
    def __init__(
        self,
        project: Project,
        *,
        parent: QWidget | None = None,
        folders: DialogFolders | None = None,
        match: MatchMode = "exact",
    ) -> None:
        super().__init__(parent)
        self.folders = folders or DialogFolders(None)
        self.setWindowTitle(self.tr("Statistics: {0}").format(project.path.name))
        resize_to_fit(self, 1200, 760)
        self.dashboard = Dashboard(project, match=match, parent=self)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        save_png = QPushButton(self.tr("Save as &PNG…"))
        save_png.clicked.connect(self.save_png_dialog)
        save_html = QPushButton(self.tr("Save &HTML report…"))
        save_html.clicked.connect(self.save_html_dialog)
        refresh = QPushButton(self.tr("&Refresh"))
        refresh.clicked.connect(self.dashboard.refresh)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        # Return closes, as in the other dialogs that only show something: the first button,
        # Refresh, was Qt's default, and the focus started on the charts' scroll area.
        close.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (refresh, save_png, save_html, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(self.dashboard), 1)  # the charts scroll on a small screen; the buttons stay
        layout.addLayout(buttons)
        close.setFocus()  # once the layout has put it in the dialog

    def save_png(self, path: str | Path) -> bool:
        try:  # the save dialog asked before replacing; a project or a device is never replaced
            check_output(Path(path), project=self.dashboard.project.path, force=True)
        except AnnotatorError as exc:
            self._say_refused(str(exc))
            return False
        # The charts alone, each with its title and legend: the controls above them are the
        # dialog's, and the tables, cut to a few rows, are whole in the HTML report.
        picture = self.dashboard.charts.grab().toImage()
        ok = QImageWriter(str(path), b"png").write(sized_as_shown(picture))
        self.message.setText(
            self.tr("Saved {0}").format(path) if ok else self.tr("Could not write {0}").format(path)
        )
        return ok

    def save_png_dialog(self) -> None:
        start = str(self._report_folder() / "dashboard.png")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save dashboard"), start, "PNG (*.png)")
        if path:
            self._remember(Path(path))
            self.save_png(path)

    def save_html_dialog(self) -> None:
        # Named after the project, as an export is: "report.html" told nobody whose it was,
        # and the next project's report replaced it.
        stem = self.dashboard.project.path.stem.split(".")[0]
        start = str(self._report_folder() / fitting_name(stem, "-report.html"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), start, "HTML (*.html)")
        if path:
            self._remember(Path(path))
            self.save_html(path)

    def _report_folder(self) -> Path:
        return self.folders.start("report", self.dashboard.project.path)

    def _remember(self, chosen: Path) -> None:
        self.folders.remember("report", chosen.parent)

    def save_html(self, path: str | Path) -> Task:
        """Write the HTML report in the pool: it computes agreement again, seconds on a large file."""
        match = self.dashboard.match
        self.message.setText(self.tr("Saving {0}…").format(path))
        return compute_in_background(
            self.dashboard.project,
            lambda project: write_html_report(project, path, match=match, force=True),
            self._html_saved,
            self._say_refused,
            name="HTML report",
        )

    def _html_saved(self, path: Path) -> None:
        self.message.setText(self.tr("Saved {0}").format(path))

    def _say_refused(self, message: str) -> None:
        """A refused save in a sentence: the service's words are the command line's."""
        self.message.setText(as_sentence(message))


def open_dashboard(
    parent: QWidget | None, project: Project, folders: DialogFolders, *, match: MatchMode = "exact"
) -> DashboardDialog:
    """Show the statistics dashboard for `project` (non-modal)."""
    dialog = DashboardDialog(project, parent=parent, folders=folders, match=match)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    # A window manager may leave the focus where it was when a window is shown (Openbox did,
    # opened from the Team menu): Escape and the buttons' letters went to the window below.
    dialog.activateWindow()
    return dialog
