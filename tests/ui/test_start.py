"""The window's two-step start: the first paint shows the article and J works at once; the rest follows.

`annotator PROJECT` builds the window, opens the project and shows it before the event loop
runs; the suggestions and team features, the file transfers and what opening leaves for
later (the recent-projects list, background pre-annotation) are built right after the first
paint. These tests drive that path with a real window and the real first paint.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.settings import Settings
from annotator.services.settings import load_settings, save_settings
from annotator.ui.main_window import MainWindow


class FirstPaint(QObject):
    """Calls `then` in the event-loop turn after the article view is first painted with an article."""

    def __init__(self, window: MainWindow, then: object) -> None:
        super().__init__(window)
        self.window, self.then, self.seen = window, then, False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            not self.seen
            and event.type() == QEvent.Type.Paint
            and obj is self.window.view.viewport()
            and self.window.article is not None
        ):
            self.seen = True
            QTimer.singleShot(0, self, self.then)  # type: ignore[call-overload]
        return False


def start(qtbot: QtBot, project: Path, then: object) -> MainWindow:
    """As `ui.app.run` does: build, show and open before the event loop gets a turn."""
    window = MainWindow(Settings(annotator="tester"))
    qtbot.addWidget(window)
    watch = FirstPaint(window, then)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    window.show()
    window.open_project(project)
    return window


def test_j_works_in_the_turn_after_the_first_paint_before_the_rest_is_built(
    qtbot: QtBot, project_path: Path
) -> None:
    seen: dict[str, object] = {}
    window: MainWindow | None = None

    def press_j() -> None:
        assert window is not None
        seen["built before J"] = window.start_finished
        seen["focus"] = QApplication.focusWidget() is window.view
        QTest.keyClick(window.view, Qt.Key.Key_J)
        seen["selected"] = window.view.selected_span()

    window = start(qtbot, project_path, press_j)
    qtbot.waitUntil(lambda: "selected" in seen)
    assert window.article is not None
    first = min((c.start, c.end) for c in window.article.candidates)
    assert seen == {"built before J": False, "focus": True, "selected": first}
    qtbot.waitUntil(lambda: window.start_finished)
    window.close()


def test_what_the_first_paint_does_not_need_follows_it(qtbot: QtBot, project_path: Path) -> None:
    save_settings(Settings(annotator="tester"))
    window = start(qtbot, project_path, lambda: None)
    # Opened and shown, not yet painted: the article is there, the rest waits for the paint.
    assert window.article is not None and not window.start_finished
    assert load_settings().recent_projects == ()
    qtbot.waitUntil(lambda: window.start_finished)
    assert load_settings().recent_projects == (str(project_path.resolve()),)
    # The features were built by then, and their keys work: Ctrl+T opens the train dialog.
    assert window.registry["train_suggestions"].isEnabled()
    window.registry["train_suggestions"].trigger()
    assert window.suggestions.train_dialog is not None and window.suggestions.train_dialog.isVisible()
    window.suggestions.train_dialog.close()
    window.close()


def test_a_feature_used_before_the_first_paint_is_built_then(qtbot: QtBot, project_path: Path) -> None:
    window = MainWindow(Settings(annotator="tester"))
    qtbot.addWidget(window)
    window.open_project(project_path)  # never shown: no paint yet
    assert not window.start_finished
    window.registry["guidelines_panel"].trigger()  # the team feature's dock, built on first use
    assert window.team.dock.isVisibleTo(window)
    assert window.registry["guidelines_panel"].isChecked()
    window.close()


def test_j_before_the_rest_is_built_still_says_who_labelled_the_candidate(
    qtbot: QtBot, project_path: Path
) -> None:
    # The suggestions feature says what J landed on; J in the first turn builds it to say so.
    with open_project(project_path) as project:
        article = project.annotated(project.article_ids()[0])
        first = min(article.candidates, key=lambda c: (c.start, c.end))
        project.add_claim(article.article.id, first.start, first.end, "factual", annotator="ann")
    said: list[str] = []
    window: MainWindow | None = None

    def press_j() -> None:
        assert window is not None and not window.start_finished
        QTest.keyClick(window.view, Qt.Key.Key_J)
        said.append(window.statusBar().currentMessage())

    window = start(qtbot, project_path, press_j)
    qtbot.waitUntil(lambda: bool(said))
    assert said == ["Labelled Factual by a person"]
    window.close()
