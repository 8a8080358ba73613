"""Item 6: text from files is shown as text in the real window; nothing outside the app is read.

An `<img src="file:///dev/zero">` in a title (list tooltip), a claim note (claim-list tooltip),
a speaker name (hover text), a pipeline name (model label) or the guidelines made Qt read
/dev/zero until memory ran out. Here the image points at a FIFO watched by a thread: if Qt opens
it, the watcher sees a reader, records it and lets the read finish (so a failing test fails,
instead of hanging or eating the machine's memory).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QTextBrowser, QToolTip
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import Analysis, ArticleDraft, PipelineInfo, Quote, Speaker
from annotator.services.guidelines import set_guidelines
from annotator.services.project import store_of
from annotator.ui.main_window import MainWindow
from annotator.ui.plain import SafeBrowser
from tests.security.conftest import ROOT
from tests.ui.conftest import open_window

# The offscreen platform cannot raise windows (docks, dialogs); that says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


class Bait:
    """A FIFO that records whether anything opened it for reading (watched from another process)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "bait.png"
        os.mkfifo(self.path)
        self.url = self.path.as_uri()
        self._log = folder / "bait.log"
        self._stop = folder / "bait.stop"
        self._proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.security._fifo_watch",
                str(self.path),
                str(self._log),
                str(self._stop),
            ],
            cwd=ROOT,
        )

    @property
    def opened(self) -> int:
        return len(self._log.read_bytes()) if self._log.exists() else 0

    def stop(self) -> None:
        self._stop.touch()
        self._proc.wait(timeout=10)


@pytest.fixture
def bait(tmp_path: Path) -> Iterator[Bait]:
    watcher = Bait(tmp_path)
    yield watcher
    watcher.stop()


def _hostile_project(path: Path, bait: Bait) -> Path:
    img = f'<img src="{bait.url}" width="40" height="40">'
    text = f'The mayor said "the bridge is safe" on Monday. {img} is how a page might quote markup.'
    with open_project(path) as project:
        (article_id,) = project.import_drafts(
            [ArticleDraft(text=text, title=img + " Bridge report", source=img)]
        ).added
        quote_start = text.index('"')
        quote_end = text.index('"', quote_start + 1) + 1
        pipeline = PipelineInfo(img, "1")
        store_of(project).save_analyses(
            [
                (
                    article_id,
                    Analysis(pipeline, quotes=(Quote(quote_start, quote_end, speaker=Speaker(4, 9, img)),)),
                )
            ]
        )
        project.add_claim(article_id, 0, 9, "opinion", annotator="ana", note=img)
        set_guidelines(project, f"# Guidelines\n\n![x]({bait.url})\n\n{img}\n")
    return path


def _hover(widget: object, pos: QPoint) -> None:
    viewport = widget.viewport()  # type: ignore[attr-defined]
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(150)
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.grab()  # lay out and paint everything shown, tooltips included


def test_hostile_text_in_every_sink_reads_no_file(qtbot: QtBot, tmp_path: Path, bait: Bait) -> None:
    path = _hostile_project(tmp_path / "p.db", bait)
    window: MainWindow = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: window.article is not None)
        _settle(qtbot)  # the model label shows the pipeline's name
        # The article list's title and source tooltips, the claim list's claim and note tooltip.
        rect = window.article_list.visualRect(window.article_filter.index(0, 0))
        _hover(window.article_list, rect.center())
        _settle(qtbot)
        assert QToolTip.isVisible() and "img src" in QToolTip.text()  # the tooltip was shown
        rect = window.claim_list.visualRect(window.claim_model.index(0, 1))
        _hover(window.claim_list, rect.center())
        _settle(qtbot)
        # The hover text over the quotation (its speaker's name).
        view = window.view
        cursor = view.textCursor()
        cursor.setPosition(5)
        _hover(view, view.cursorRect(cursor).center())
        _settle(qtbot)
        # The guidelines, in the dock and under the shortcuts.
        window.team.dock.show()
        _settle(qtbot)
        window.show_shortcuts()
        _settle(qtbot)
        assert isinstance(window.shortcuts_dialog.guidelines, SafeBrowser)
        window.shortcuts_dialog.close()
        # An error message that quotes a title.
        window.show_error(f"article {window.article.article.title!r}: cannot export")  # type: ignore[union-attr]
        _settle(qtbot)
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and box.textFormat() == Qt.TextFormat.PlainText
        box.close()
        assert bait.opened == 0, "Qt opened a file named by text from the project"
        assert window.model_label.textFormat() == Qt.TextFormat.PlainText
        assert "<img" in window.model_label.text()  # shown as the characters it is
    finally:
        QToolTip.hideText()
        window.close()


def _anchor_point(browser: QTextBrowser, href_part: str) -> QPoint:
    document = browser.document()
    cursor = QTextCursor(document)
    for position in range(document.characterCount()):
        cursor.setPosition(position)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        fmt = cursor.charFormat()
        if fmt.isAnchor() and href_part in fmt.anchorHref():
            cursor.clearSelection()
            return browser.cursorRect(cursor).center() + QPoint(3, 0)
    raise AssertionError(f"no link to {href_part}")


def test_guideline_links_open_only_web_pages_after_asking(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("THE SECRET CONTENT", encoding="utf-8")
    path = tmp_path / "p.db"
    with open_project(path) as project:
        project.import_texts(["An article."])
        set_guidelines(
            project, f"# Rules\n\n[local file]({secret.as_uri()})\n\n[site](https://example.org/)\n"
        )
    opened: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    monkeypatch.setattr(SafeBrowser, "confirm", lambda self, url: asked.append(url.toString()) or True)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    window = open_window(qtbot, path)
    try:
        window.team.dock.show()
        panel = window.team.dock.widget()
        browser = panel.findChild(QTextBrowser)
        qtbot.waitExposed(browser)
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=_anchor_point(browser, "secret"))
        qtbot.wait(100)
        assert "THE SECRET CONTENT" not in browser.toPlainText()
        assert browser.source() == QUrl()
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=_anchor_point(browser, "example"))
        qtbot.wait(100)
        assert asked == ["https://example.org/"] and opened == ["https://example.org/"]
    finally:
        window.close()


def test_an_html_pages_escaped_markup_title_stays_text(qtbot: QtBot, tmp_path: Path, bait: Bait) -> None:
    """A page's `<title>&lt;img ...&gt;</title>` is unescaped on import: the window must not render it."""
    page = tmp_path / "page.html"
    body = " ".join(["The council met on Monday and approved the new budget for the bridge."] * 8)
    page.write_text(
        f"<html><head><title>&lt;img src=&quot;{bait.url}&quot;&gt; News</title></head>"
        f"<body><article><p>{body}</p><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    from annotator.services.importing import import_paths

    path = tmp_path / "p.db"
    with open_project(path) as project:
        import_paths(project, [page])
        titles = [s.title for s in project.articles()]
    window = open_window(qtbot, path)
    try:
        rect = window.article_list.visualRect(window.article_filter.index(0, 0))
        _hover(window.article_list, rect.center())
        _settle(qtbot)
        assert "<img" in titles[0] and bait.opened == 0, titles
    finally:
        QToolTip.hideText()
        window.close()
