"""What another window or program saves to the open project reaches the article list: an
`annotator import` run while the window was open listed nothing until the project was reopened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.other_process import label_in_another_process
from tests.ui.conftest import make_project, open_window


def import_in_another_process(path: Path, page: Path) -> None:
    """`annotator import` of one new article, as a person runs it while the window is open."""
    page.write_text("Flooding closed the bridge on Tuesday.\n", "utf-8")
    subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(path), str(page), "--no-nlp"],
        check=True,
        capture_output=True,
    )


TEXTS = [("One", "The council met on Monday. Prices rose by half."), ("Two", "The mayor spoke at noon.")]
# The projects are analysed already: the window's own spaCy pre-annotation of them (ten seconds
# a test, for loading the model) saved nothing another program's import is about.


def test_articles_imported_by_another_program_are_listed_and_said(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.annotator.db", TEXTS)
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert len(window.articles.summaries()) == 2
        import_in_another_process(path, tmp_path / "new.txt")
        qtbot.waitUntil(lambda: len(window.articles.summaries()) == 3, timeout=10_000)
        assert (
            window.statusBar().currentMessage()
            == "1 article added to this project by another window or program"
        )
        # Another window's label: the list's count of claims follows, without a word.
        label_in_another_process(path, 1, (0, 9), "factual", "bob")
        qtbot.waitUntil(
            lambda: [s.claim_count for s in window.articles.summaries() if s.title == "Two"] == [1],
            timeout=10_000,
        )
    finally:
        window.close()


def test_two_articles_imported_elsewhere_are_counted_in_the_plural(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.annotator.db", TEXTS)
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        pages = [tmp_path / "a.txt", tmp_path / "b.txt"]
        pages[0].write_text("Flooding closed the bridge on Tuesday.\n", "utf-8")
        pages[1].write_text("The ferry ran again on Friday.\n", "utf-8")
        subprocess.run(
            [sys.executable, "-m", "annotator", "import", str(path), *map(str, pages), "--no-nlp"],
            check=True,
            capture_output=True,
        )
        qtbot.waitUntil(lambda: len(window.articles.summaries()) == 4, timeout=10_000)
        assert (
            window.statusBar().currentMessage()
            == "2 articles added to this project by another window or program"
        )
    finally:
        window.close()


def test_what_the_window_listed_itself_is_not_said_to_be_another_s(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.annotator.db", TEXTS)
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        import_in_another_process(path, tmp_path / "new.txt")
        window.reload_articles()  # as after the window's own import or merge: read in the pool
        qtbot.waitUntil(lambda: len(window.articles.summaries()) == 3, timeout=10_000)
        window.status("")
        window.project_watch.check()
        assert "added to this project" not in window.statusBar().currentMessage()
    finally:
        window.close()


def test_articles_imported_before_the_first_paint_are_listed(qtbot: QtBot, tmp_path: Path) -> None:
    """As a start opens the last project: before the window's first paint, after which the
    watch started and took its note of what was saved. An import by another program in that
    gap (seconds on a loaded machine) passed for the starting state and was never listed."""
    from annotator.core.settings import Settings
    from annotator.ui.main_window import MainWindow

    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    window = MainWindow(Settings(annotator="tester"))
    qtbot.addWidget(window)
    window.auto_preannotate = False
    window.show()
    window.open_project(path)  # before the event loop runs: not painted yet, as at a start
    assert not window.start_finished
    import_in_another_process(path, tmp_path / "new.txt")
    try:
        qtbot.waitUntil(lambda: window.start_finished, timeout=10_000)
        qtbot.waitUntil(lambda: len(window.articles.summaries()) == 3, timeout=10_000)
    finally:
        window.close()
