"""An article title or a project's file name written right to left, or holding bidirectional
controls, set among the window's own words: it reads as itself and leaves theirs alone.

Web pages carry U+202E (RIGHT-TO-LEFT OVERRIDE) and its kin, and a hostile file may put one
in a title or a file name on purpose. Left open, it turned the rest of the line round: after D,
"Marked done; opened “\\u202eevil title” (article 2 of 2)" showed as "… opened “(2 fo 2 elcitra) ”eltit
live", and the window's title as "(retset) rotatonnA — bd.rotatonna.live".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocumentFragment, QTextLayout
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleStatus, ArticleSummary
from annotator.services.paths import name_on_one_line
from annotator.ui.labelling import short_title
from annotator.ui.models import ArticleListModel
from tests.ui.conftest import make_project, open_window


def reads_left_to_right(line: str, words: str) -> bool:
    """Whether `words`, found in `line`, are drawn left to right when the line is laid out."""
    layout = QTextLayout(line, QFont())
    layout.beginLayout()
    laid = layout.createLine()
    laid.setLineWidth(100_000)
    layout.endLayout()
    at = line.index(words)
    xs = [laid.cursorToX(i)[0] for i in range(at, at + len(words) + 1)]
    return xs == sorted(xs) and len(set(xs)) == len(xs)


def test_an_override_in_a_title_leaves_the_rest_of_the_status_line_the_right_way_round(
    qtbot: QtBot, tmp_path: Path
) -> None:
    project = make_project(
        tmp_path / "evil.annotator.db",
        [
            ("First one", "He said hello. It was fine."),
            ("\u202eevil title", "Second text here. More follows."),
        ],
    )
    window = open_window(qtbot, project)
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_D)
        said = window.statusBar().currentMessage()
        assert "evil title" in said
        assert reads_left_to_right(said, "(article 2 of 2)"), said
    finally:
        window.close()


def test_an_override_in_the_projects_file_name_leaves_the_rest_of_the_window_title_alone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, make_project(tmp_path / "\u202eevil.annotator.db", []))
    try:
        title = window.windowTitle()
        assert "evil.annotator.db" in title
        assert reads_left_to_right(title, "Annotator (tester)"), title
    finally:
        window.close()


@pytest.mark.parametrize(
    "hostile",
    [
        "\u202eevil",  # an override never closed
        "\u2067evil",  # an isolate never closed
        "\u2069\u202eevil",  # a stray close before an override: it must not end the isolation early
        "\u202b\u202eevil\u202c",  # an embedding and an override, one closed
        "שלום\u2066 world",
    ],
)
def test_whatever_controls_a_name_holds_the_words_after_it_read_left_to_right(
    qapp: object, hostile: str
) -> None:
    for shown in (short_title(hostile), name_on_one_line(hostile)):
        line = f"opened “{shown}” (article 2 of 2)"
        assert reads_left_to_right(line, "(article 2 of 2)"), repr(line)


def test_a_name_in_one_direction_is_left_as_it_is() -> None:
    assert short_title("Dozens dead in California boat fire") == "Dozens dead in California boat fire"
    assert name_on_one_line("week1.annotator.db") == "week1.annotator.db"


def test_an_override_in_a_title_leaves_the_status_its_narrow_list_row_says_alone(qapp: object) -> None:
    """A list too narrow for its Status column says each row's status after its title."""
    model = ArticleListModel()
    model.set_articles([ArticleSummary(1, "\u202eevil title", "test", ArticleStatus.DONE, 0, 10)])
    model.set_status_with_title(True)
    index = model.index(0, 0)
    tip = QTextDocumentFragment.fromHtml(index.data(Qt.ItemDataRole.ToolTipRole)).toPlainText()
    assert reads_left_to_right(tip, "Status: done"), repr(tip)
    assert reads_left_to_right(index.data(Qt.ItemDataRole.AccessibleTextRole), ", done")
