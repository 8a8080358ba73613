"""`annotator --self-test`: check that an installation works, end to end, in a few seconds.

It runs what a first session does, on throw-away data: load the spaCy model and
pre-annotate a built-in paragraph (entities and a quotation must come back), read a
built-in HTML page (HTML import needs lxml.html.clean, which old pips left out), create,
write, reopen and export a temporary project, open the real main window on the sample
articles and label a claim through it. It prints `SELF-TEST OK` or each failure, and
writes the same verdict to the log file, because a windowed Windows build has no
console. Exit status: 0 when every check passed, 1 otherwise.

The user's settings, recent projects and window geometry are not touched: while the
checks run, `ANNOTATOR_HOME` points at the temporary folder (logs still go to the real
log file, opened before the switch).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, qVersion
from PySide6.QtWidgets import QApplication

from annotator import __version__, open_project
from annotator.core.model import AnnotatedArticle, ClaimLabel
from annotator.core.settings import Settings
from annotator.core.text import counted
from annotator.services.logs import log_status, setup_logging
from annotator.services.project import Project
from annotator.ui.quick_start import make_application

log = logging.getLogger(__name__)

OK_LINE = "SELF-TEST OK"
FAILED_LINE = "SELF-TEST FAILED"

PARAGRAPH = (
    "Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the European Union budget. "
    '"We will not accept cuts to research funding," Merkel told reporters after the meeting. '
    "The French government said unemployment fell by 2 percent in 2019."
)
"""Built-in text: the trained model must find people, places and dates, and the quotation."""

HTML_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Self-test page</title></head><body>"
    f"<article><h1>Self-test page</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"
)
"""Built-in page: HTML import needs trafilatura, jusText and lxml.html.clean, which an install can lack."""

ANNOTATOR = "self-test"
WINDOW_SIZE = (1280, 800)


@dataclasses.dataclass
class _Report:
    lines: list[str] = dataclasses.field(default_factory=list)
    failures: list[str] = dataclasses.field(default_factory=list)

    def ok(self, message: str) -> None:
        self.lines.append(f"  ok    {message}")

    def fail(self, message: str) -> None:
        self.failures.append(message)
        self.lines.append(f"  FAIL  {message}")


def run_self_test(*, screenshot: Path | None = None) -> int:
    """Run every check, print the verdict (and write it to the log); 0 when all passed."""
    started = time.perf_counter()
    log_path, added_handler = _ensure_log_file()
    report = _Report()
    work = Path(tempfile.mkdtemp(prefix="annotator-selftest-"))
    app = make_application()  # named as the window's, down to the app id a Wayland desktop reads
    report.ok(
        f"annotator {__version__}, Python {platform.python_version()}, Qt {qVersion()} "
        f"({app.platformName()}), frozen={bool(getattr(sys, 'frozen', False))}"
    )
    try:
        with _user_dirs_in(work / "home"):
            _check("model and pre-annotation", report, lambda: _check_model(report))
            _check("HTML import", report, lambda: _check_html(report, work))
            project_path = work / "selftest.annotator.db"
            _check("project", report, lambda: _check_project(report, project_path, work))
            if project_path.exists():
                _check("background process", report, lambda: _check_worker(report, project_path, work))
            if project_path.exists():
                _check("window", report, lambda: _check_window(report, app, project_path, screenshot))
            else:
                report.fail("window: not checked, as the project could not be made")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    verdict = (
        OK_LINE if not report.failures else f"{FAILED_LINE}: {counted(len(report.failures), 'check')} failed"
    )
    text = "\n".join([*report.lines, f"{verdict} ({seconds:.1f} s; log: {log_path})"])
    print(text, flush=True)
    if report.failures:
        log.error("self-test:\n%s", text)
    else:
        log.info("self-test:\n%s", text)
    _flush_logs()
    if added_handler is not None:
        logging.getLogger().removeHandler(added_handler)
        added_handler.close()
    return 0 if not report.failures else 1


def _check(name: str, report: _Report, func: Callable[[], None]) -> None:
    """Run one group of checks; an exception fails the group with its message (traceback to the log)."""
    try:
        func()
    except Exception as exc:
        log.exception("self-test: %s raised", name)
        # The last line of a long message (numpy's import advice) is the one that says what broke.
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        report.fail(f"{name}: {type(exc).__name__}: {lines[-1] if lines else ''} (traceback in the log)")


def _check_model(report: _Report) -> None:
    from annotator.services.preannotate import check_model

    check = check_model(PARAGRAPH)
    if not check.trained:
        report.fail(f"no trained spaCy model: {check.warning or check.pipeline.name}")
        return
    report.ok(f"model {check.pipeline.name} {check.pipeline.version} loaded in {check.load_seconds:.1f} s")
    analysis = check.analysis
    labels = sorted({e.label for e in analysis.entities})
    if not {"PERSON", "GPE"} <= set(labels):
        report.fail(f"entities: expected PERSON and GPE, got {labels}")
    else:
        report.ok(f"{len(analysis.entities)} entities ({', '.join(labels)})")
    quoted = [PARAGRAPH[q.start : q.end] for q in analysis.quotes]
    if not any("research funding" in q for q in quoted):
        report.fail(f"quotation not found (got {quoted})")
    else:
        speakers = [q.speaker.name for q in analysis.quotes if q.speaker is not None]
        report.ok(f"{counted(len(quoted), 'quotation')}, speakers: {', '.join(speakers) or 'none'}")


def _check_html(report: _Report, work: Path) -> None:
    from annotator.services.importing import read_inputs

    page = work / "self-test.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    drafts, rejections, _ = read_inputs([page])
    if rejections or len(drafts) != 1 or "research funding" not in drafts[0].text:
        problems = "; ".join(r.reason for r in rejections) or f"{counted(len(drafts), 'article')} read"
        report.fail(f"HTML import: {problems}")
    else:
        report.ok(f"HTML page read ({len(drafts[0].text)} characters of article text)")


def _check_project(report: _Report, project_path: Path, work: Path) -> None:
    from annotator.services.exporting import ExportOptions, export
    from annotator.services.preannotate import preannotate
    from annotator.services.samples import sample_drafts

    with open_project(project_path) as project:
        added = project.import_drafts(sample_drafts()).added
        paragraph_id = project.import_texts([PARAGRAPH], title="Self-test paragraph").added[0]
        result = preannotate(project)
        if result.warning:
            report.fail(f"pre-annotation warning: {result.warning}")
        annotated = project.annotated(paragraph_id)
        if not annotated.entities or not annotated.quotes:
            report.fail("pre-annotation saved no entities or no quotation")
        end = PARAGRAPH.index(".") + 1
        claim = project.add_claim(paragraph_id, 0, end, ClaimLabel.FACTUAL, annotator=ANNOTATOR, note="check")
    with open_project(project_path, create=False) as project:
        claims = project.claims(paragraph_id)
        if [(c.id, c.start, c.end, c.label, c.note) for c in claims] != [
            (claim.id, 0, end, ClaimLabel.FACTUAL, "check")
        ]:
            report.fail(f"claim not read back after reopening: {claims}")
        articles = project.article_count()
        out = work / "export.jsonl"
        exported = export(project, out, options=ExportOptions(format="jsonl"))
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.strip()]
    if exported.articles != articles or len(rows) != articles:
        report.fail(f"export wrote {exported.articles} of {articles} articles ({len(rows)} lines)")
    elif exported.claims != 1 or not any(row.get("text") == PARAGRAPH for row in rows):
        report.fail(
            f"export: {counted(exported.claims, 'claim')}, "
            f"paragraph present: {PARAGRAPH in out.read_text('utf-8')}"
        )
    else:
        report.ok(
            f"project: {len(added)} sample articles + 1, {result.saved} pre-annotated, claim saved and "
            f"read back, exported {counted(exported.articles, 'article')} / "
            f"{counted(exported.claims, 'claim')}"
        )


def _check_worker(report: _Report, project_path: Path, work: Path) -> None:
    """The window's background work runs in a spawned process; in the standalone app that is the
    app's own executable started again, which must take multiprocessing's arguments."""
    from annotator.ui.subprocess_work import run_in_process

    out = work / "worker-export.jsonl"
    run_in_process("export", (project_path, out, "jsonl"), lambda *_progress: None, lambda: False)
    lines = sum(1 for line in out.read_text("utf-8").splitlines() if line.strip())
    report.ok(f"background process: exported {lines} articles in a spawned process")


def _check_window(report: _Report, app: QApplication, project_path: Path, screenshot: Path | None) -> None:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.palette import apply_theme

    old_style, old_palette = app.style().name(), app.palette()
    apply_theme(app, "light")  # a fixed look, so screenshots compare; restored below
    window = MainWindow(Settings(annotator=ANNOTATOR))
    try:
        window.resize(*WINDOW_SIZE)
        window.show()
        window.activateWindow()
        _wait(app, 300)
        window.open_project(project_path, create=False)
        _wait(app, 100)
        # The list is read in the pool (`MainWindow.open_project`): on a slow or loaded machine
        # 0.1 s may not be enough for it, and the check would say the window lists nothing.
        for _ in range(LIST_WAIT_MS // 20):
            if not window.listing:
                break
            _wait(app, 20)
        rows = window.article_model.rowCount()
        if window.article is None or rows < 2:
            report.fail(f"window shows {counted(rows, 'article')} and no article text")
            return
        article = window.article
        view = window.view
        if view.text != article.article.text:
            report.fail("the article view does not show the article's text")
        if not article.entities:
            report.fail("the shown article has no entity highlights")
        # Label the best claim candidate (else the first sentence) through the window, as a user would.
        start, end = _first_sentence(article)
        view.setFocus()
        view.select_span(start, end)
        window.apply_label(ClaimLabel.OPINION)
        _wait(app, 100)
        stored = window.project.claims(article.article.id) if window.project else []
        if not any(c.start == start and c.end == end and c.label == ClaimLabel.OPINION for c in stored):
            report.fail(f"labelling through the window did not store the claim ({stored})")
        elif window.claim_model.rowCount() < 1:
            report.fail("the claim list does not show the new claim")
        else:
            report.ok(
                f"window: {counted(rows, 'article')}, "
                f"{counted(len(article.entities), 'entity', 'entities')} and "
                f"{counted(len(article.quotes), 'quotation')} highlighted, "
                f"claim labelled '{view.text[start:end][:40]}…'"
            )
        _check_keeper(report, window.project)
        view.select_span(start, start)  # no selection colour over the claim in the screenshot
        view.scroll_to(0)
        _wait(app, 200)
        if screenshot is not None:
            screenshot = screenshot.expanduser().resolve()
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(screenshot), "PNG"):
                report.fail(f"could not save the screenshot to {screenshot}")
            else:
                report.ok(f"screenshot saved to {screenshot}")
    finally:
        window.close()
        _wait(app, 50)
        window.deleteLater()
        _wait(app, 50)
        app.setStyle(old_style)
        app.setPalette(old_palette)


def _check_keeper(report: _Report, project: Project | None) -> None:
    """The process that keeps the open project safe from a file dialog's stray close
    (`store.keeper`) holds it: in the standalone app it is the app's own executable started
    again, in a pip install a bare Python, and neither is met by the other checks."""
    if project is None or not project.guarded_by_a_process:
        return
    if project.locks_kept(timeout=KEEPER_WAIT_S):
        report.ok(f"keeping process {project.keeper_pid} holds the open project")
    else:
        report.fail(f"no process kept the open project within {KEEPER_WAIT_S} s (see the log)")


KEEPER_WAIT_S = 15


def _first_sentence(article: AnnotatedArticle) -> tuple[int, int]:
    candidates = sorted(article.candidates, key=lambda c: (-c.score, c.start))
    if candidates:
        return candidates[0].start, candidates[0].end
    text = article.article.text
    end = text.find(".") + 1 or len(text)
    return 0, end


LIST_WAIT_MS = 10_000
"""How long the window check waits for the article list read in the pool."""


def _wait(app: QApplication, ms: int) -> None:
    """Let the event loop run for `ms` milliseconds (painting, queued signals)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop, loop.quit)
    loop.exec()


@contextmanager
def _user_dirs_in(folder: Path) -> Iterator[None]:
    """Point settings, data and window geometry at `folder` while the checks run."""
    old = os.environ.get("ANNOTATOR_HOME")
    os.environ["ANNOTATOR_HOME"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("ANNOTATOR_HOME", None)
        else:
            os.environ["ANNOTATOR_HOME"] = old


def _ensure_log_file() -> tuple[str, logging.Handler | None]:
    """Where the verdict is logged (the log file, or why there is none), and the handler added
    for it when the caller (cli) had none.

    The log is set up as the app sets it up: the stdlib's own file handler opened a FIFO there
    in append mode, and the self-test waited for a reader forever.
    """
    root = logging.getLogger()
    before = list(root.handlers)
    setup_logging()
    added = next((h for h in root.handlers if h not in before), None)
    status = log_status()
    return str(status.path) if status.path else f"none ({status.problem})", added


def _flush_logs() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()
