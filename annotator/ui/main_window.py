"""The annotation window: article list, article, claims, and the keys that label.

The window holds one `Project` (the UI thread's connection). Every edit is a core
command run through `EditStack`, which commits it and pushes it for undo; the
window then refreshes only what the returned `Change` names.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStatusBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.commands import (
    AddClaim,
    AddEntity,
    Change,
    Command,
    DeleteClaim,
    SetArticleStatus,
    SetEntityStatus,
    UpdateClaim,
)
from annotator.core.errors import AnnotatorError, MachineError
from annotator.core.model import (
    AnnotatedArticle,
    ArticleStatus,
    Claim,
    ClaimCandidate,
    ClaimLabel,
    Entity,
    EntityStatus,
)
from annotator.core.settings import Settings
from annotator.core.text import snap_to_words
from annotator.services import guidelines as rules
from annotator.services import paths
from annotator.services.project import Project, open_project
from annotator.services.settings import save_settings
from annotator.ui import services_bridge as bridge
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import EntityTypeDialog, NoteDialog, ShortcutsDialog
from annotator.ui.legend import COMMON_ENTITY_LABELS, Legend, label_text
from annotator.ui.models import (
    ID_ROLE,
    OBJECT_ROLE,
    ArticleFilterModel,
    ArticleListModel,
    ClaimListModel,
    WrappingDelegate,
    status_text,
)
from annotator.ui.palette import THEMES, apply_theme
from annotator.ui.undo import Batch, EditStack
from annotator.ui.workers import Task

log = logging.getLogger(__name__)

PROJECT_FILTER = "Annotator projects (*.annotator.db *.db *.sqlite);;All files (*)"


def window_settings() -> QSettings:
    """Geometry and splitter state live in an INI file beside settings.json (one place for paths)."""
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """One project at a time; one article shown; everything reachable from the keyboard."""

    articleShown = Signal(int)
    projectChanged = Signal()
    preannotated = Signal()  # new highlights and candidates (and their suggestions) are saved

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName(self.tr("Annotator"))
        self.settings = settings if settings is not None else Settings()
        self.project: Project | None = None
        self.article: AnnotatedArticle | None = None
        self._candidates: list[ClaimCandidate] = []
        self._entity_mode = False
        self._tasks: list[Task] = []
        self.auto_preannotate = True  # pre-annotate what an import added
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one writer at a time besides the window itself
        self.progress_dialog: QProgressDialog | None = None
        self.undo_stack = EditStack(self._on_change, self._on_edit_error, self)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self.setAcceptDrops(True)
        self._restore_geometry()
        self._update_title()

    # ================================================================ building

    def _build_widgets(self) -> None:
        # Left: search, filters, article list.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        self.search = QLineEdit()
        self.search.setObjectName("articleSearch")
        self.search.setAccessibleName(self.tr("Search articles"))
        self.search.setPlaceholderText(self.tr("Search titles and sources…"))
        self.search.setClearButtonEnabled(True)
        left_layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Filter by status"))
        self.status_filter.addItem(self.tr("Any status"), None)
        for status in ArticleStatus:
            self.status_filter.addItem(status_text(status), status)
        self.label_filter = QComboBox()
        self.label_filter.setObjectName("labelFilter")
        self.label_filter.setAccessibleName(self.tr("Filter by label"))
        self.label_filter.addItem(self.tr("Any label"), None)
        for label in ClaimLabel:
            self.label_filter.addItem(label_text(label), label)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.label_filter)
        left_layout.addLayout(filters)
        self.article_model = ArticleListModel(self)
        self.article_filter = ArticleFilterModel(self)
        self.article_filter.setSourceModel(self.article_model)
        self.article_list = QTreeView()
        self.article_list.setObjectName("articleList")
        self.article_list.setAccessibleName(self.tr("Articles"))
        self.article_list.setModel(self.article_filter)
        self.article_list.setRootIsDecorated(False)
        self.article_list.setUniformRowHeights(True)
        self.article_list.setAlternatingRowColors(True)
        self.article_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.article_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 80)
        # Fixed widths from font metrics: ResizeToContents measures every row after each
        # refresh, which stalled the window for 150 ms on a 200-article import.
        metrics = self.article_list.fontMetrics()
        widest_status = max(metrics.horizontalAdvance(status_text(s)) for s in ArticleStatus)
        for column, width in ((2, metrics.horizontalAdvance(self.tr("Claims"))), (3, widest_status)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width + 18)
        left_layout.addWidget(self.article_list, 1)

        # Centre: legend, article, the line that names what is under the cursor.
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 6, 0, 6)
        centre_layout.setSpacing(2)
        self.legend = Legend(hidden=self.settings.hidden_entity_labels)
        centre_layout.addWidget(self.legend)
        self.view = ArticleView(font_size=self.settings.font_size)
        centre_layout.addWidget(self.view, 1)
        self.context_line = QLabel()
        self.context_line.setObjectName("contextLine")
        self.context_line.setAccessibleName(self.tr("What is under the cursor"))
        self.context_line.setTextFormat(Qt.TextFormat.PlainText)
        self.context_line.setMinimumHeight(self.fontMetrics().height() + 4)
        centre_layout.addWidget(self.context_line)

        # Right: the claims of this article.
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 6, 6, 6)
        self.claims_title = QLabel(self.tr("Claims"))
        right_layout.addWidget(self.claims_title)
        self.claim_model = ClaimListModel(self)
        self.claim_list = QTreeView()
        self.claim_list.setObjectName("claimList")
        self.claim_list.setAccessibleName(self.tr("Claims in this article"))
        self.claim_list.setModel(self.claim_model)
        self.claim_list.setRootIsDecorated(False)
        # Rows grow to fit the claim (up to five lines), its note on a line of its own below it.
        self.claim_list.setItemDelegate(WrappingDelegate(self.claim_list, max_lines=5, note_below=(1, 2)))
        self.claim_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.claim_list.setUniformRowHeights(False)
        self.claim_list.setAlternatingRowColors(True)
        claim_header = self.claim_list.header()
        claim_header.setStretchLastSection(False)
        claim_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        claim_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        claim_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        claim_header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        claim_header.resizeSection(2, 90)
        self.claim_list.setColumnHidden(2, True)
        right_layout.addWidget(self.claim_list, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([300, 760, 340])
        self.setCentralWidget(self.splitter)

        bar = QStatusBar()
        bar.setObjectName("statusBar")
        bar.setAccessibleName(self.tr("Status"))
        self.setStatusBar(bar)
        self.project_label = QLabel()
        self.project_label.setObjectName("projectLabel")
        self.model_label = QLabel()
        self.model_label.setObjectName("modelLabel")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.save_label = QLabel()
        self.save_label.setObjectName("saveLabel")
        for label in (self.project_label, self.model_label, self.progress_label, self.save_label):
            bar.addPermanentWidget(label)

        self.search.textChanged.connect(self.article_filter.set_search)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.article_filter.set_status(self.status_filter.currentData())
        )
        self.label_filter.currentIndexChanged.connect(
            lambda _i: self.article_filter.set_label(self.label_filter.currentData())
        )
        self.article_list.selectionModel().currentRowChanged.connect(self._article_row_changed)
        self.claim_list.selectionModel().currentRowChanged.connect(self._claim_row_changed)
        self.claim_list.clicked.connect(lambda index: self._claim_row_changed(index, QModelIndex()))
        self.legend.hiddenChanged.connect(self._hidden_labels_changed)
        self.view.contextChanged.connect(self.context_line.setText)

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcuts: Sequence[str | QKeySequence | QKeySequence.StandardKey] = (),
        *,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if name:
            action.setObjectName(name)
        keys = [QKeySequence(s) for s in shortcuts]
        if keys:
            action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: self._guard(slot))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self.new_action = self._action(
            tr("&New Project…"), self.new_project_dialog, [QKeySequence.StandardKey.New]
        )
        self.open_action = self._action(
            tr("&Open Project…"), self.open_project_dialog, [QKeySequence.StandardKey.Open]
        )
        self.import_action = self._action(tr("&Import Articles…"), self.import_dialog, ["Ctrl+I"])
        self.preannotate_action = self._action(tr("&Pre-annotate All"), self.preannotate_all, ["Ctrl+P"])
        self.export_action = self._action(tr("&Export…"), self.export_dialog, ["Ctrl+E"])
        self.name_action = self._action(tr("Change Annotator &Name…"), self.ask_name)
        self.quit_action = self._action(tr("&Quit"), self.close, [QKeySequence.StandardKey.Quit])

        self.undo_action = self.undo_stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

        self.label_actions: dict[ClaimLabel, QAction] = {}
        for label in ClaimLabel:
            self.label_actions[label] = self._action(
                tr("Label as {0}").format(label_text(label)),
                lambda label=label: self.apply_label(label),
                [label.key],
                name=f"label_{label.value}",
            )
        self.note_action = self._action(tr("Add or Edit &Note"), self.edit_note, ["N"])
        self.delete_action = self._action(
            tr("&Delete Claim"), self.delete_claim, [QKeySequence.StandardKey.Delete]
        )
        self.next_action = self._action(tr("Next Candidate"), lambda: self.step(1), ["J"])
        self.prev_action = self._action(tr("Previous Candidate"), lambda: self.step(-1), ["K"])
        self.done_action = self._action(tr("Mark Done, Open &Next"), self.mark_done, ["D"])
        self.entity_mode_action = self._action(tr("&Entity Mode"), self.toggle_entity_mode, ["E"])
        self.entity_mode_action.setCheckable(True)
        self.accept_entity_action = self._action(
            tr("Accept Entity (or Add Selection as Entity)"), self.accept_entity, ["A"]
        )
        self.reject_entity_action = self._action(tr("Reject Entity"), self.reject_entity, ["R"])
        self.bigger_action = self._action(tr("Larger Text"), lambda: self.zoom(1), ["Ctrl++", "Ctrl+="])
        self.smaller_action = self._action(tr("Smaller Text"), lambda: self.zoom(-1), ["Ctrl+-"])
        self.help_action = self._action(tr("Keyboard &Shortcuts"), self.show_shortcuts, ["?", "F1"])
        self.focus_search_action = self._action(tr("Search Articles"), self.search.setFocus, ["Ctrl+F", "/"])
        self._set_enabled()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.preannotate_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addActions([self.name_action, self.quit_action])
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([*self.label_actions.values(), self.note_action, self.delete_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.entity_mode_action, self.accept_entity_action, self.reject_entity_action])
        go_menu = bar.addMenu(self.tr("&Go"))
        go_menu.addActions([self.next_action, self.prev_action, self.done_action, self.focus_search_action])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.bigger_action, self.smaller_action])
        self._add_theme_menu(view_menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        from annotator.ui.team_menu import install_team_menu  # merge, review, statistics, guidelines

        install_team_menu(self, file_menu, view_menu)
        from annotator.ui.suggestions import install_suggestions  # train, suggestion panel, Enter accepts

        install_suggestions(self, before=help_menu)

    def _add_theme_menu(self, view_menu: QMenu) -> None:
        """System, light or dark, applied at once and remembered in the settings."""
        menu = view_menu.addMenu(self.tr("&Theme"))
        group = QActionGroup(menu)
        names = {"system": self.tr("&System"), "light": self.tr("&Light"), "dark": self.tr("&Dark")}
        self.theme_actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = menu.addAction(names[theme])
            action.setCheckable(True)
            action.setChecked(theme == (self.settings.theme if self.settings.theme in THEMES else "system"))
            action.setObjectName(f"theme_{theme}")
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            self.theme_actions[theme] = action

    def set_theme(self, theme: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.settings = dataclasses.replace(self.settings, theme=theme)
        self._save_settings()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_projects:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self._guard(lambda: self.open_project(Path(p))))
        self.recent_menu.setEnabled(bool(self.settings.recent_projects))

    def _set_enabled(self) -> None:
        has_project = self.project is not None
        has_article = self.article is not None
        for action in (self.import_action, self.preannotate_action, self.export_action):
            action.setEnabled(has_project)
        for action in (
            *self.label_actions.values(),
            self.note_action,
            self.delete_action,
            self.next_action,
            self.prev_action,
            self.done_action,
            self.accept_entity_action,
            self.reject_entity_action,
        ):
            action.setEnabled(has_article)

    # ================================================================ errors

    def _guard(self, slot: Callable[[], Any]) -> None:
        """Run a slot; user and machine errors become a one-line message, bugs go to the log."""
        try:
            slot()
        except AnnotatorError as exc:
            if isinstance(exc, MachineError):
                self.save_label.setText(self.tr("Not saved"))
            self.show_error(str(exc))
        except Exception as exc:
            log.exception("unexpected error")
            self.show_error(
                self.tr("Something went wrong ({0}). Details are in {1}").format(
                    type(exc).__name__, paths.log_file()
                )
            )

    def show_error(self, message: str) -> None:
        log.info("shown to user: %s", message)
        self.statusBar().showMessage(message, 8000)
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Annotator"), message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_edit_error(self, exc: AnnotatorError) -> None:
        self.save_label.setText(self.tr("Not saved"))
        self.show_error(str(exc))
        QTimer.singleShot(0, self.undo_stack.clear)

    # ================================================================ projects

    def open_project(self, path: Path, *, create: bool = True) -> None:
        """Open (or create) a project; the previous one is closed first."""
        project = open_project(path, create=create)
        self.close_project()
        self.project = project
        self.undo_stack.project = project
        self.settings = self.settings.with_recent(str(project.path.resolve()))
        self._save_settings()
        self._fill_recent_menu()
        self.project_label.setText(project.path.name)
        self.project_label.setToolTip(str(project.path))
        self.save_label.setText(self.tr("All changes saved"))
        self.reload_articles()
        self._update_title()
        self.projectChanged.emit()
        first = self._first_undone_row()
        if first is not None:
            self.article_list.setCurrentIndex(self.article_filter.index(first, 0))
        # Articles never pre-annotated (a new sample project, an import made with --no-nlp)
        # get their highlights in the background instead of waiting for Ctrl+P.
        pending = project.articles_needing_analysis()
        if pending and self.auto_preannotate and bridge.preannotate_available():
            self.preannotate(pending)
        if getattr(project, "opened_elsewhere", False):
            self.show_error(
                self.tr(
                    "{0} is already open in another Annotator window. Both can save safely, but "
                    "edits made there will not appear here until you reopen the project."
                ).format(project.path.name)
            )

    def close_project(self) -> None:
        self.cancel_tasks()
        self.undo_stack.clear()
        self.undo_stack.project = None
        if self.project is not None:
            self.project.close()
        self.project = None
        self.article = None
        self._candidates = []
        self.article_model.set_articles([])
        self.claim_model.set_claims("", [])
        self.view.set_article("")
        self._set_enabled()

    def new_project_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project"), str(Path.home() / "claims.annotator.db"), self.tr(PROJECT_FILTER)
        )
        if name:
            self.open_project(Path(name), create=True)

    def open_project_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open project"), str(Path.home()), self.tr(PROJECT_FILTER)
        )
        if name:
            self.open_project(Path(name), create=False)

    def ask_name(self) -> None:
        from annotator.ui.dialogs import NameDialog

        dialog = NameDialog(self, current=self.settings.annotator)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_annotator(dialog.name()))
        dialog.open()

    def set_annotator(self, name: str) -> None:
        if name:
            self.settings = dataclasses.replace(self.settings, annotator=name)
            self._save_settings()
            self._update_title()

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    def _update_title(self) -> None:
        project = self.project.path.name if self.project else self.tr("no project")
        who = self.settings.annotator or self.tr("anonymous")
        self.setWindowTitle(self.tr("{0} — Annotator ({1})").format(project, who))

    # ================================================================ articles

    def reload_articles(self) -> None:
        """Refresh the list and progress from the project (one query, no texts)."""
        if self.project is None:
            return
        summaries = self.project.articles()
        self.article_model.set_articles(summaries)
        done = sum(1 for s in summaries if s.status == ArticleStatus.DONE)
        self.progress_label.setText(self.tr("{0} / {1} articles done").format(done, len(summaries)))

    def _first_undone_row(self) -> int | None:
        """The first listed article that is not done (else the first one), to start work on."""
        rows = self.article_filter.rowCount()
        for row in range(rows):
            summary = self.article_filter.index(row, 0).data(OBJECT_ROLE)
            if summary.status != ArticleStatus.DONE:
                return row
        return 0 if rows else None

    def _article_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._guard(lambda: self.show_article(int(current.data(ID_ROLE))))

    def select_article(self, article_id: int) -> None:
        """Make the list's current row follow (clearing filters if they hide it), which shows it."""
        row = self.article_model.row_of(article_id)
        if row is None:
            return
        index = self.article_filter.mapFromSource(self.article_model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            self.status_filter.setCurrentIndex(0)
            self.label_filter.setCurrentIndex(0)
            index = self.article_filter.mapFromSource(self.article_model.index(row, 0))
        self.article_list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def show_article(self, article_id: int) -> None:
        assert self.project is not None
        annotated = self.project.annotated(article_id)
        self.article = annotated
        text = annotated.article.text
        self._candidates = sorted(annotated.candidates, key=lambda c: (c.start, c.end))
        self.legend.set_entity_labels(e.label for e in annotated.entities)
        self.view.set_hidden_entity_labels(self.legend.hidden)
        self.view.set_article(
            text, entities=annotated.entities, quotes=annotated.quotes, claims=annotated.claims
        )
        self.claim_model.set_claims(text, annotated.claims)
        self._update_claims_title()
        pipeline = annotated.pipeline
        self.model_label.setText(
            self.tr("model: {0} {1}").format(pipeline.name, pipeline.version)
            if pipeline
            else self.tr("not pre-annotated")
        )
        self._set_enabled()
        self.articleShown.emit(article_id)

    def _update_claims_title(self) -> None:
        count = self.claim_model.rowCount()
        self.claims_title.setText(self.tr("Claims ({0})").format(count))

    # ================================================================ refresh from changes

    def _on_change(self, change: Change) -> None:
        """Refresh only what the change names."""
        self.save_label.setText(self.tr("All changes saved"))
        if self.project is None:
            return
        article = self.article
        if article is None or article.article.id not in change.article_ids:
            # Undo/redo of an edit made in another article: go there, so the user sees it.
            if change.claims or change.status:
                self.reload_articles()
            if len(change.article_ids) == 1:
                self.select_article(next(iter(change.article_ids)))
            return
        article_id = article.article.id
        if change.claims:
            claims = self.project.claims(article_id)
            article = self.article = dataclasses.replace(article, claims=tuple(claims))
            self.view.set_claims(claims)
            self.claim_model.set_claims(article.article.text, claims)
            self._update_claims_title()
            self._select_claim_rows(change.claim_ids)
        if change.status:
            # Undo may have put the status back; later edits decide from it.
            article = self.article = dataclasses.replace(article, article=self.project.article(article_id))
        if change.entities:
            entities = self.project.entities(article_id)
            self.article = dataclasses.replace(article, entities=tuple(entities))
            self.view.set_entities(entities)
        if change.claims or change.status:
            self.reload_articles()
        if change.description:
            self.statusBar().showMessage(change.description, 3000)

    def _select_claim_rows(self, claim_ids: frozenset[int]) -> None:
        for claim_id in claim_ids:
            row = self.claim_model.row_of(claim_id)
            if row is not None:
                self.claim_list.selectionModel().blockSignals(True)
                self.claim_list.setCurrentIndex(self.claim_model.index(row, 0))
                self.claim_list.selectionModel().blockSignals(False)
                return

    def _claim_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        claim = self.claim_model.claim(current.row())
        self.view.select_span(claim.start, claim.end)
        self.view.centerCursor()

    def _hidden_labels_changed(self, hidden: frozenset[str]) -> None:
        self.view.set_hidden_entity_labels(hidden)
        self.settings = dataclasses.replace(self.settings, hidden_entity_labels=tuple(sorted(hidden)))
        self._save_settings()

    # ================================================================ labelling

    def _claims(self) -> list[Claim]:
        return list(self.article.claims) if self.article else []

    def current_claim(self) -> Claim | None:
        """The claim a key acts on: the one picked in the claim list (while it has focus),
        else the one holding the selection or the cursor."""
        if self.claim_list.hasFocus() and self.claim_list.currentIndex().isValid():
            return self.claim_model.claim(self.claim_list.currentIndex().row())
        claims = self._claims()
        span = self.view.selected_span()
        if span is not None:
            start, end = snap_to_words(self.view.text, *span)
            inside = [c for c in claims if c.start <= start and end <= c.end]
        else:
            pos = self.view.cursor_position()
            inside = [c for c in claims if c.start <= pos < c.end]
        if inside:
            return min(inside, key=lambda c: c.end - c.start)
        return None

    def apply_label(self, label: ClaimLabel) -> None:
        """Label the selection as a new claim, or relabel the claim under the cursor."""
        if self.article is None:
            return
        article = self.article.article
        span = self.view.selected_span()
        target = self.current_claim()
        if target is not None and (span is None or self.claim_list.hasFocus() or self._within(span, target)):
            if target.label != label:
                assert target.id is not None
                self.undo_stack.run(UpdateClaim(target.id, label=label))
            return
        if span is None:
            self.statusBar().showMessage(
                self.tr("Select some text first, or press J for the next candidate"), 4000
            )
            return
        start, end = snap_to_words(article.text, *span)
        if start >= end:
            return
        if not self.settings.annotator:
            raise AnnotatorError(self.tr("Set your annotator name first (File ▸ Change Annotator Name)"))
        command: Command = AddClaim(
            Claim(article_id=article.id, start=start, end=end, label=label, annotator=self.settings.annotator)
        )
        if article.status == ArticleStatus.NEW:
            command = Batch([command, SetArticleStatus(article.id, ArticleStatus.IN_PROGRESS)])
            self.article = dataclasses.replace(
                self.article, article=dataclasses.replace(article, status=ArticleStatus.IN_PROGRESS)
            )
        self.undo_stack.run(command)
        self.view.scroll_to(end)  # drop the selection: the next one starts fresh

    def _within(self, span: tuple[int, int], claim: Claim) -> bool:
        start, end = snap_to_words(self.view.text, *span)
        return claim.start <= start and end <= claim.end

    def edit_note(self) -> None:
        claim = self.current_claim()
        if claim is None or self.article is None:
            self.statusBar().showMessage(self.tr("Put the cursor in a claim to add a note"), 4000)
            return
        dialog = NoteDialog(self, note=claim.note, excerpt=self.article.article.text[claim.start : claim.end])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        claim_id = claim.id
        assert claim_id is not None

        def save() -> None:
            if dialog.note() != claim.note:
                self._guard(lambda: self.undo_stack.run(UpdateClaim(claim_id, note=dialog.note())))

        dialog.accepted.connect(save)
        self.note_dialog = dialog
        dialog.open()

    def delete_claim(self) -> None:
        claim = self.current_claim()
        if claim is None or claim.id is None:
            return
        self.undo_stack.run(DeleteClaim(claim.id))

    def step(self, direction: int) -> None:
        """Select the next (J) or previous (K) suggested claim candidate."""
        if self._entity_mode:
            self._step_entity(direction)
            return
        if not self._candidates:
            self.statusBar().showMessage(
                self.tr("No claim candidates in this article (pre-annotate it first)"), 4000
            )
            return
        span = self.view.selected_span()
        here = span[0] if span else self.view.cursor_position()
        if direction > 0:
            later = [c for c in self._candidates if c.start > here - (0 if span else 1)]
            candidate = later[0] if later else self._candidates[-1]
        else:
            earlier = [c for c in self._candidates if c.start < here]
            candidate = earlier[-1] if earlier else self._candidates[0]
        self.view.select_span(candidate.start, candidate.end)
        reasons = ", ".join(candidate.reasons)
        self.statusBar().showMessage(
            self.tr("Candidate {0} of {1} (score {2:.2f}{3})").format(
                self._candidates.index(candidate) + 1,
                len(self._candidates),
                candidate.score,
                f"; {reasons}" if reasons else "",
            ),
            5000,
        )

    def mark_done(self) -> None:
        """Mark this article done and open the next one that is not."""
        if self.article is None:
            return
        article_id = self.article.article.id
        self.undo_stack.run(SetArticleStatus(article_id, ArticleStatus.DONE))
        summaries = self.article_model.summaries()
        ids = [s.id for s in summaries]
        start = ids.index(article_id) if article_id in ids else -1
        ordered = summaries[start + 1 :] + summaries[: start + 1]
        for summary in ordered:
            if summary.status != ArticleStatus.DONE:
                self.select_article(summary.id)
                return
        self.statusBar().showMessage(self.tr("Every article is done."), 5000)

    # ================================================================ entity mode

    def toggle_entity_mode(self) -> None:
        self._entity_mode = not self._entity_mode
        self.entity_mode_action.setChecked(self._entity_mode)
        self.view.set_show_rejected(self._entity_mode)
        self.statusBar().showMessage(
            self.tr("Entity mode: J/K step through entities, A accepts (or adds the selection), R rejects")
            if self._entity_mode
            else self.tr("Claim mode: J/K step through claim candidates"),
            6000,
        )

    @property
    def entity_mode(self) -> bool:
        return self._entity_mode

    def _visible_entities(self) -> list[Entity]:
        if self.article is None:
            return []
        hidden = self.legend.hidden
        return sorted(
            (e for e in self.article.entities if e.label not in hidden), key=lambda e: (e.start, e.end)
        )

    def _step_entity(self, direction: int) -> None:
        entities = self._visible_entities()
        if not entities:
            self.statusBar().showMessage(self.tr("No entities in this article"), 4000)
            return
        span = self.view.selected_span()
        here = span[0] if span else self.view.cursor_position()
        if direction > 0:
            later = [e for e in entities if e.start > here - (0 if span else 1)]
            entity = later[0] if later else entities[-1]
        else:
            earlier = [e for e in entities if e.start < here]
            entity = earlier[-1] if earlier else entities[0]
        self.view.select_span(entity.start, entity.end)

    def entity_at_cursor(self) -> Entity | None:
        if self.article is None:
            return None
        span = self.view.selected_span()
        if span is not None:
            for entity in self.article.entities:
                if (entity.start, entity.end) == span:
                    return entity
            return None
        pos = self.view.cursor_position()
        for entity in self.article.entities:
            if entity.start <= pos < entity.end:
                return entity
        return None

    def _needs_entity_mode(self) -> bool:
        """A and R only act in entity mode, so a stray key never edits entities while labelling claims."""
        if not self._entity_mode:
            self.statusBar().showMessage(self.tr("Press E for entity mode first"), 4000)
        return not self._entity_mode

    def accept_entity(self) -> None:
        if self._needs_entity_mode():
            return
        entity = self.entity_at_cursor()
        if entity is not None and entity.id is not None:
            if entity.status != EntityStatus.ACCEPTED:
                self.undo_stack.run(SetEntityStatus(entity.id, EntityStatus.ACCEPTED))
            return
        span = self.view.selected_span()
        if span is None or self.article is None:
            self.statusBar().showMessage(
                self.tr("Put the cursor on an entity, or select text to add one"), 4000
            )
            return
        start, end = snap_to_words(self.view.text, *span)
        labels = sorted({*COMMON_ENTITY_LABELS, *(e.label for e in self.article.entities)})
        dialog = EntityTypeDialog(self, labels=labels, excerpt=self.view.text[start:end])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        article_id = self.article.article.id

        def add() -> None:
            label = dialog.label()
            if label:
                entity = Entity(start=start, end=end, label=label, status=EntityStatus.ADDED)
                self._guard(lambda: self.undo_stack.run(AddEntity(article_id, entity)))

        dialog.accepted.connect(add)
        self.entity_dialog = dialog
        dialog.open()

    def reject_entity(self) -> None:
        if self._needs_entity_mode():
            return
        entity = self.entity_at_cursor()
        if entity is not None and entity.id is not None and entity.status != EntityStatus.REJECTED:
            self.undo_stack.run(SetEntityStatus(entity.id, EntityStatus.REJECTED))

    # ================================================================ view

    def zoom(self, step: int) -> None:
        self.view.set_font_size(self.view.font_size + step)
        self.settings = dataclasses.replace(self.settings, font_size=self.view.font_size)
        self._save_settings()

    def show_shortcuts(self) -> None:
        actions = [a for a in self.actions() if a.shortcuts()]
        extra = [
            (self.tr("Shift+arrows, mouse"), self.tr("Select text (snaps to whole words)")),
            (self.tr("Click a claim"), self.tr("Scroll to it in the article")),
            (self.tr("Drop files or folders"), self.tr("Import them into the project")),
        ]
        text = rules.guidelines(self.project) if self.project is not None else rules.default_guidelines()
        dialog = ShortcutsDialog(self, actions, extra, text)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog = dialog
        dialog.open()

    def apply_palette_change(self) -> None:
        self.view.refresh_colours()
        self.legend.refresh_colours()

    # ================================================================ long work

    def _start_task(self, task: Task, title: str, on_success: Callable[[Any], None]) -> Task:
        dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, self)
        dialog.setObjectName("progressDialog")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        self.progress_dialog = dialog

        def progress(done: int, total: int, message: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if message:
                dialog.setLabelText(f"{title}\n{message}")

        def finished() -> None:
            dialog.close()
            dialog.deleteLater()
            if self.progress_dialog is dialog:
                self.progress_dialog = None
            if task in self._tasks:
                self._tasks.remove(task)

        task.signals.progress.connect(progress)
        task.signals.succeeded.connect(lambda result: self._guard(lambda: on_success(result)))
        task.signals.failed.connect(self.show_error)
        task.signals.cancelled.connect(lambda: self.statusBar().showMessage(self.tr("Cancelled"), 4000))
        task.signals.finished.connect(finished)
        self._tasks.append(task)
        self.pool.start(task)
        return task

    def cancel_tasks(self) -> None:
        """Ask running work to stop and wait for it, so no worker outlives its project."""
        for task in list(self._tasks):
            task.cancel()
        self.pool.waitForDone()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def import_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import articles"),
            str(Path.home()),
            bridge.import_filter(),
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, import_paths: Sequence[Path]) -> Task | None:
        """Import files or folders in a worker, then pre-annotate what was added."""
        if self.project is None:
            raise AnnotatorError(self.tr("Open or create a project before importing"))
        project_path = self.project.path
        work = bridge.import_work(project_path, list(import_paths))
        return self._start_task(Task(work, name="import"), self.tr("Importing…"), self._imported)

    def _imported(self, report: Any) -> None:
        added = bridge.added_ids(report)
        self.reload_articles()
        self.statusBar().showMessage(
            bridge.describe_result(report) or self.tr("Imported {0} articles").format(len(added)), 8000
        )
        if self.article is None and self.article_filter.rowCount():
            self.article_list.setCurrentIndex(self.article_filter.index(0, 0))
        if added and self.auto_preannotate and bridge.preannotate_available():
            self.preannotate(added)

    def preannotate_all(self) -> None:
        self.preannotate(None)

    def preannotate(self, article_ids: list[int] | None) -> Task | None:
        if self.project is None:
            return None
        if not bridge.preannotate_available():
            raise AnnotatorError(self.tr("Pre-annotation is not available in this build"))
        self.model_label.setText(self.tr("model: loading…"))
        work = bridge.preannotate_work(self.project.path, article_ids)
        return self._start_task(
            Task(work, name="pre-annotate"), self.tr("Pre-annotating…"), self._preannotated
        )

    def _preannotated(self, result: Any) -> None:
        pipeline = bridge.pipeline_of(result)
        if pipeline:
            self.model_label.setText(self.tr("model: {0}").format(pipeline))
        warning = getattr(result, "warning", None)
        if warning:
            self.model_label.setToolTip(str(warning))
        self.reload_articles()
        if self.article is not None:
            self.show_article(self.article.article.id)
        message = bridge.describe_result(result)
        if message:
            self.statusBar().showMessage(message, 8000)
        self.preannotated.emit()

    def export_dialog(self) -> None:
        if self.project is None:
            return
        if not bridge.export_available():
            raise AnnotatorError(self.tr("Export is not available in this build"))
        start = self.settings.last_export_dir or str(self.project.path.parent)
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export"),
            str(Path(start) / (self.project.path.stem.split(".")[0] + ".jsonl")),
            self.tr(bridge.export_filter()),
        )
        if not name:
            return
        self.export_to(Path(name), bridge.format_from_filter(chosen, Path(name)))

    def export_to(self, out_path: Path, fmt: str, *, confirmed: bool = False) -> Task | None:
        """Export in a worker; asks before overwriting (the native dialog may already have)."""
        if self.project is None:
            return None
        if out_path.exists() and not confirmed:
            answer = QMessageBox.question(
                self, self.tr("Export"), self.tr("{0} exists. Replace it?").format(out_path.name)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        self.settings = dataclasses.replace(self.settings, last_export_dir=str(out_path.parent))
        self._save_settings()
        work = bridge.export_work(self.project.path, out_path, fmt)
        return self._start_task(
            Task(work, name="export"),
            self.tr("Exporting…"),
            lambda _r: self.statusBar().showMessage(self.tr("Exported to {0}").format(out_path), 8000),
        )

    # ================================================================ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if self.project is not None and urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
            return
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        dropped = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if dropped:
            event.acceptProposedAction()
            self._guard(lambda: self.import_paths(dropped))

    # ================================================================ geometry

    def _restore_geometry(self) -> None:
        stored = window_settings()
        geometry = stored.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = stored.value("splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    def save_geometry(self) -> None:
        stored = window_settings()
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("splitter", self.splitter.saveState())
        stored.sync()

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: re-resolve every highlight colour.
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette_change()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        self.close_project()
        super().closeEvent(event)
