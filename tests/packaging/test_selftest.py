"""`annotator --self-test` passes on a working install and says what failed otherwise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from annotator.core.model import PipelineInfo
from annotator.services import paths
from annotator.ui import selftest

pytestmark = pytest.mark.model


def test_self_test_passes_logs_and_saves_a_screenshot(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shot = tmp_path / "shots" / "window.png"
    home = os.environ["ANNOTATOR_HOME"]
    QApplication.setDesktopFileName("")

    assert selftest.run_self_test(screenshot=shot) == 0
    # Its window is known to a Wayland desktop as the real one is (`ui.quick_start.make_application`).
    assert QApplication.desktopFileName() == "annotator"

    out = capsys.readouterr().out
    assert selftest.OK_LINE in out
    assert "FAIL" not in out
    assert ("holds the open project" in out) == (sys.platform != "win32")
    # The verdict is in the log file too (a windowed Windows build has no console).
    assert selftest.OK_LINE in paths.log_file().read_text("utf-8")
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 600
    # The user's settings and recent projects were not touched, and nothing was left behind.
    assert os.environ["ANNOTATOR_HOME"] == home
    assert not paths.settings_file().exists()
    assert not paths.sample_project_file().exists()
    assert QApplication.topLevelWidgets() == [] or all(
        not w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_self_test_fails_without_a_trained_model(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import annotator.nlp as nlp
    import annotator.services.preannotate as preannotate

    real = nlp.load_pipeline

    def fallback(name: str | None = None) -> nlp.LoadedPipeline:
        loaded = real(nlp.FALLBACK_NAME)
        return nlp.LoadedPipeline(loaded.nlp, PipelineInfo(nlp.FALLBACK_NAME, "0"), "no model installed")

    monkeypatch.setattr(preannotate, "load_pipeline", fallback)

    assert selftest.run_self_test(screenshot=None) == 1

    out = capsys.readouterr().out
    assert "FAIL  no trained spaCy model: no model installed" in out
    assert selftest.FAILED_LINE in out
    assert selftest.FAILED_LINE in paths.log_file().read_text("utf-8")


def test_self_test_fails_when_html_import_is_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What an install by an old pip looked like: jusText's lxml[html_clean] extra was skipped, so
    # importing trafilatura failed on `lxml.html.clean`.
    import sys

    for name in [n for n in sys.modules if n.split(".")[0] in {"trafilatura", "justext"}]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "lxml_html_clean", None)
    monkeypatch.setitem(sys.modules, "lxml.html.clean", None)
    report = selftest._Report()

    selftest._check("HTML import", report, lambda: selftest._check_html(report, tmp_path))

    [line] = report.lines
    assert line.startswith("  FAIL  HTML import: ") and "lxml.html.clean" in line


def test_self_test_reads_the_built_in_html_page(tmp_path: Path) -> None:
    report = selftest._Report()
    selftest._check("HTML import", report, lambda: selftest._check_html(report, tmp_path))
    assert report.failures == []
    assert report.lines[0].startswith("  ok    HTML page read (")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_where_the_log_should_be_is_named_in_the_verdict_not_waited_on() -> None:
    """The self-test opened the log with the stdlib's handler, which waits for a reader of a FIFO:
    `annotator --self-test` hung before its first check."""
    import logging
    import threading

    fifo = paths.log_file()
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    found: list[tuple[str, object]] = []
    worker = threading.Thread(target=lambda: found.append(selftest._ensure_log_file()), daemon=True)
    worker.start()
    worker.join(10)
    waited = not found
    if waited:
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # let the stuck open go on
        worker.join(5)
        os.close(fd)
    for handler in [h for h in logging.getLogger().handlers if hasattr(h, "annotator_log")]:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert not waited, "the self-test waited on the FIFO for 10 s"
    where, _ = found[0]
    assert where == f"none ({fifo} is not a regular file (a pipe, a device or a folder))"


def test_the_window_check_waits_for_the_list_read_in_the_pool(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The article list of a project being opened comes from the pool: on a loaded machine
    later than the check's first look, which said the window listed nothing."""
    import threading
    import time
    from typing import Any

    from annotator.services.project import Project

    real, ui_thread = Project.articles, threading.get_ident()

    def slow(project: Project, article_ids: Any = None) -> Any:
        if article_ids is None and threading.get_ident() != ui_thread:
            time.sleep(0.5)
        return real(project, article_ids)

    monkeypatch.setattr(Project, "articles", slow)
    assert selftest.run_self_test() == 0
    out = capsys.readouterr().out
    assert selftest.OK_LINE in out and "ok    window: 7 articles" in out


def test_the_self_test_says_when_no_process_keeps_the_open_project(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The keeping process is the app's own executable started again in the standalone app,
    and a bare Python in a pip install: the self-test is where a broken one shows."""
    from annotator import open_project
    from annotator.store import keeper

    if not keeper.NEEDED:
        pytest.skip("no keeping process where locks are per handle")
    monkeypatch.setattr(keeper, "_bare_interpreter", lambda: "/nonexistent/python")
    monkeypatch.setattr(selftest, "KEEPER_WAIT_S", 1)
    report = selftest._Report()
    with open_project(tmp_path / "p.annotator.db") as project:
        project.keep_locks()
        selftest._check_keeper(report, project)
    assert report.failures == ["no process kept the open project within 1 s (see the log)"]
