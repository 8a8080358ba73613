"""Dashboard: the figures shown are the service's, the PNG export works, and the guidelines panel."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot

import annotator.ui.dashboard as dashboard_module
from annotator.services.adjudication import decide, gold_claims, review_items
from annotator.services.guidelines import default_guidelines, guidelines, set_guidelines
from annotator.services.merging import merge_files
from annotator.services.project import Project, open_project, store_of
from annotator.services.statistics import team_stats
from annotator.ui import merge_pick
from annotator.ui.charts import BarChart, LineChart, nice_max
from annotator.ui.dashboard import DashboardDialog
from annotator.ui.guidelines import GuidelinesPanel
from tests.services.team_data import ARTICLES, build_annotator_projects
from tests.ui.conftest import spoken_name

# Screenshots go to docs/ only on request (ANNOTATOR_SCREENSHOT_DIR=docs), so a test run
# never changes tracked files.
SHOTS = os.environ.get("ANNOTATOR_SCREENSHOT_DIR")


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Project]:
    project = open_project(tmp_path / "team.db")
    merge_files(project, build_annotator_projects(tmp_path / "people"))
    # Spread the claims over five days, as a real project would be.
    with store_of(project).transaction():
        store_of(project).conn.execute(
            "UPDATE claims SET created_at ="
            " '2024-05-0' || (1 + (id * 7 + length(annotator)) % 5) || 'T10:00:00Z'"
        )
    yield project
    project.close()


def test_dashboard_shows_the_team_figures(
    qtbot: QtBot, team: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decide(team, review_items(team)[0], "opinion", reviewer="dana")
    threads: list[int] = []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return team_stats(*args, **kwargs)

    monkeypatch.setattr(dashboard_module, "team_stats", recorded)
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 820)
    dialog.show()
    board = dialog.dashboard
    # The figures are computed in the pool; until they arrive the dashboard says it is busy.
    assert board.loading and board.busy.isVisible()
    assert board.summary.text() == "Computing statistics and agreement…"
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert not board.busy.isVisible()
    assert threads and threading.get_ident() not in threads
    assert board.summary.text() == (
        "Articles: 3   Claims: 41   Annotators: 3   "
        "Gold labels: 3 (1 decided in review, 2 everyone agreed on)"
    )
    assert board.per_day.xs == ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05"]
    assert [board.cumulative.series[n][-1] for n in ("alice", "bob", "carol")] == [14, 14, 13]
    assert board.labels.series["factual"] == [6, 7, 6]
    assert sorted(shown for _rect, shown in board.per_article.title_rects()) == sorted(
        title for title, _text in ARTICLES
    )  # whole: upright bars cut them to "Cou…"
    assert board.table.rowCount() == 16  # team + 3 pairs, each overall and per label
    assert not board.checks_box.isVisible()  # nothing pre-annotated: the agreement has the width
    assert board.table.item(0, 0).text() == "team"
    assert board.table.item(0, 3).text().replace("\N{NO-BREAK SPACE}", " ") == "0.623 on 15 shared spans"
    assert dialog.grab().save(str(Path(SHOTS or tmp_path) / "screenshot-dashboard.png"))
    out = tmp_path / "board.png"
    assert dialog.save_png(out)
    image = QImage(str(out))
    assert image.width() > 900 and image.height() > 400  # the four charts, two by two
    board.match_box.setCurrentIndex(1)
    assert board.loading
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert board.stats is not None and board.stats.agreement.match == "relaxed"
    dialog.close()


def test_refresh_and_another_match_mode_wait_for_the_figures_being_computed(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refresh pressed, or the span-match box changed, while figures were computed started
    another computation beside the first: on a 5,000-article team file each took 6-9 s of
    the two cores, for figures nobody would see. They wait, and are worked out once, in the
    mode the box shows."""
    gate = threading.Event()
    lock = threading.Lock()
    started: list[str] = []
    running = [0, 0]  # now, most at once

    def held(*args: Any, **kwargs: Any) -> Any:
        with lock:
            started.append(kwargs["match"])
            running[0] += 1
            running[1] = max(running)
        try:
            gate.wait(20)
            return team_stats(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(dashboard_module, "team_stats", held)
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    board = dialog.dashboard
    try:
        qtbot.waitUntil(lambda: started == ["exact"], timeout=5_000)
        refresh = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Refresh")
        qtbot.mouseClick(refresh, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(refresh, Qt.MouseButton.LeftButton)
        board.match_box.setFocus()
        qtbot.keyClick(board.match_box, Qt.Key.Key_Down)
        assert board.match_box.currentData() == "relaxed"
        qtbot.wait(300)  # time enough for the pool to start whatever was started
        assert started == ["exact"]
        assert board.loading and board.busy.isVisible()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert started == ["exact", "relaxed"]
    assert running[1] == 1
    assert board.stats is not None and board.stats.agreement.match == "relaxed"
    assert board.summary.text().startswith("Articles: 3   Claims: 41")
    assert not board.busy.isVisible()
    dialog.close()


def test_the_saved_png_is_the_charts_without_the_controls_above_them(
    qtbot: QtBot, team: Project, tmp_path: Path
) -> None:
    """Save as PNG drew the whole dashboard: the "Match spans:" box above the charts was in the
    picture (and the tables below, cut to three rows, with their scroll bars). It is the four
    charts, each with its title and legend, as the dashboard shows them."""
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 820)
    dialog.show()
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    charts = QRect()
    for chart in (board.per_day, board.cumulative, board.labels, board.per_article):
        charts |= QRect(chart.mapTo(board, QPoint(0, 0)), chart.size())
    out = tmp_path / "charts.png"
    assert dialog.save_png(out)
    saved = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32)
    ratio = board.devicePixelRatioF()
    assert (saved.width(), saved.height()) == (round(charts.width() * ratio), round(charts.height() * ratio))
    shown = board.grab(charts).toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert saved == shown  # the charts as drawn on screen, and nothing above or below them
    match_box = QRect(board.match_box.mapTo(board, QPoint(0, 0)), board.match_box.size())
    assert not charts.intersects(match_box)
    dialog.close()


def test_the_agreement_columns_say_what_their_figures_measure(qtbot: QtBot, team: Project) -> None:
    """The agreement table's columns were "kappa", "alpha" and "span F1", with no word on what
    they measure or what n is: a coordinator who is no statistician could not read it. Each
    column's name explains its figure when hovered, as the pre-annotation table's did."""
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    header = board.table.model()
    tips = [
        str(header.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or "")
        for column in (2, 3, 4)
    ]
    assert all("n:" in tip for tip in tips), tips
    assert "chance" in tips[0] and "chance" in tips[1] and "whatever the label" in tips[2]
    assert "gold labels never count" in board.table.toolTip()
    dialog.close()


def test_alt_m_goes_to_how_spans_are_matched(qtbot: QtBot, team: Project) -> None:
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.dashboard.match_box
    dialog.close()


def test_the_dashboard_counts_days_in_local_time(qtbot: QtBot, team: Project, new_york_clock: str) -> None:
    """Labels made on a New York evening (after 20:00, the next day in UTC) count on that evening's day."""
    with store_of(team).transaction():
        store_of(team).conn.execute(
            "UPDATE claims SET created_at = '2024-05-0' || (2 + id % 2) || 'T02:30:00.000Z'"
        )
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert board.per_day.xs == ["2024-05-01", "2024-05-02"]
    assert board.per_day.title == "Claims per day (local time)"
    dialog.close()


def test_html_report_is_written_off_the_ui_thread(
    qtbot: QtBot, team: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    real = dashboard_module.write_html_report

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(dashboard_module, "write_html_report", recorded)
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    out = tmp_path / "report.html"
    dialog.save_html(out)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=20_000)
    assert threads and threading.get_ident() not in threads
    assert out.read_text(encoding="utf-8").count("<svg") == 4
    dialog.save_html(tmp_path / "missing" / "report.html")
    qtbot.waitUntil(lambda: "cannot write the report" in dialog.message.text(), timeout=20_000)
    # The command line's line, said as a sentence: the path it starts with as it is, a stop.
    said = dialog.message.text()
    assert said.startswith(f"{tmp_path / 'missing' / 'report.html'}: ") and said.endswith("."), said


def test_empty_charts_paint(qtbot: QtBot) -> None:
    line, bar = LineChart("empty"), BarChart("bars")
    for chart in (line, bar):
        qtbot.addWidget(chart)
        chart.resize(400, 240)
        assert not chart.grab().isNull()
    bar.set_data(["a"], {"x": [3]})
    assert not bar.grab().isNull()
    assert [nice_max(v) for v in (0, 3, 14, 41, 100, 101)] == [1.0, 3.0, 15.0, 50.0, 100.0, 120.0]


def test_guidelines_default_stored_and_shown(qtbot: QtBot, team: Project) -> None:
    text = default_guidelines()
    assert text.startswith("# Labelling guidelines")
    for heading in ("## 1 · Factual", "## 2 · Opinion", "## 3 · Questionable"):
        assert heading in text
    assert guidelines(team) == text
    panel = GuidelinesPanel(team)
    qtbot.addWidget(panel)
    assert "Factual" in panel.browser.toPlainText()
    set_guidelines(team, "# Ours\n\nOnly **sourced** numbers are factual.")
    assert team.get_meta("guidelines") == "# Ours\n\nOnly **sourced** numbers are factual."
    panel.set_project(team)
    assert panel.browser.toPlainText().startswith("Ours")
    panel.close()


def test_main_window_has_team_menu_and_guidelines_dock(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import open_window

    team_path = tmp_path / "team.db"
    with open_project(team_path) as project:
        merge_files(project, build_annotator_projects(tmp_path / "people"))
    window = open_window(qtbot, team_path, annotator="dana")
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Team" in titles
    assert titles[-1] == "&Help"  # Help stays last
    team_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Team")
    merge, review, stats, decisions, rename = [a for a in team_menu.actions() if not a.isSeparator()]
    assert merge.text() == "&Merge Project Files…"
    assert decisions.text() == "&Entity Decisions…"
    assert rename.text() == "Re&name a Person…"
    stats.trigger()
    review.trigger()
    dialogs = {type(w).__name__: w for w in QApplication.topLevelWidgets() if w.isVisible()}
    qtbot.waitUntil(lambda: not dialogs["DashboardDialog"].dashboard.loading, timeout=20_000)
    qtbot.waitUntil(lambda: not dialogs["ReviewDialog"].loading, timeout=20_000)
    assert dialogs["DashboardDialog"].dashboard.summary.text().startswith("Articles: 3   Claims: 41")
    assert dialogs["ReviewDialog"].reviewer == "dana"
    window.team.dock.show()
    assert "Factual" in window.team.dock.widget().browser.toPlainText()
    dialogs["DashboardDialog"].close()
    dialogs["ReviewDialog"].close()
    window.close()


def test_the_dashboard_and_report_show_how_often_preannotation_was_right(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.services.test_preannotation_checks import _check_the_quotations
    from tests.services.test_quote_correction import _store

    with _store(tmp_path / "p.db") as store:
        _check_the_quotations(store)
    with open_project(tmp_path / "p.db", create=False) as project:
        dialog = DashboardDialog(project)
        qtbot.addWidget(dialog)
        dialog.show()
        board = dialog.dashboard
        qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
        shown = [
            [board.checks.item(r, c).text() for c in range(board.checks.columnCount())]
            for r in range(board.checks.rowCount())
        ]
        assert shown[-3:] == [
            ["Quotations found", "3", "2", "0.667", "1", "0"],
            ["Quotation kinds", "2", "2", "1.000", "", ""],
            ["Speakers", "2", "0", "0.000", "", ""],
        ]
        assert ["PERSON entities", "0", "0", "n/a", "0", "2"] in shown  # suggested, not yet checked
        assert board.checks_box.isVisible()
        dialog.save_html(tmp_path / "report.html")
        qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=20_000)
    page = (tmp_path / "report.html").read_text("utf-8")
    assert "<h2>Pre-annotation, as people checked it</h2>" in page
    assert "<td>Speakers</td><td>2</td><td>0</td><td>0.000</td>" in page


def test_merging_into_an_empty_team_project_opens_an_article(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tests.ui.conftest import open_window

    people = build_annotator_projects(tmp_path / "people")
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *_a, **_k: ([str(p) for p in people], ""))
    window = open_window(qtbot, tmp_path / "team.db", annotator="dana")
    try:
        assert window.article is None
        window.team.merge()
        qtbot.waitUntil(lambda: window.article is not None, timeout=30_000)
        assert window.view.toPlainText() == window.article.article.text
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox):
                box.close()
    finally:
        window.close()


def test_an_open_dashboard_follows_the_labels_made_in_the_window(qtbot: QtBot, window: Any) -> None:
    """A team lead keeps the statistics open beside the text: a label, and its undo, show there."""
    import shiboken6
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    team_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Team")
    next(a for a in team_menu.actions() if a.text().startswith("&Statistics")).trigger()
    (dialog,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, DashboardDialog) and w.isVisible()
    ]
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert board.summary.text().startswith("Articles: 2   Claims: 0   Annotators: 0")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.project.stats().claims == 1
    qtbot.waitUntil(lambda: board.summary.text().startswith("Articles: 2   Claims: 1   Annotators: 1"))
    assert board.labels.series["factual"] == [1]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.stats().claims == 0
    qtbot.waitUntil(lambda: board.summary.text().startswith("Articles: 2   Claims: 0   Annotators: 0"))
    dialog.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(board))  # deleted on close
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # a closed dashboard is not refreshed
    assert window.project.stats().claims == 1


def test_an_open_dashboard_counts_imported_articles_before_their_preannotation_ends(
    qtbot: QtBot, window: Any, tmp_path: Path
) -> None:
    """Articles imported with the statistics open showed only once their pre-annotation ended:
    minutes on a large import, with "Articles: 2" beside a list of 3."""
    team_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Team")
    next(a for a in team_menu.actions() if a.text().startswith("&Statistics")).trigger()
    (dialog,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, DashboardDialog) and w.isVisible()
    ]
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert board.summary.text().startswith("Articles: 2 ")
    transfers = window.features.transfers
    transfers.auto_preannotate = False  # the pre-annotation after it has not ended yet
    page = tmp_path / "new.txt"
    page.write_text("A new article. It has two sentences.", encoding="utf-8")
    transfers.import_paths([page])
    qtbot.waitUntil(lambda: window.project.article_count() == 3 and not window.busy, timeout=20_000)
    qtbot.waitUntil(lambda: board.summary.text().startswith("Articles: 3 "), timeout=10_000)
    dialog.close()


def test_long_annotator_names_are_shown_whole_in_the_agreement_table(qtbot: QtBot, tmp_path: Path) -> None:
    names = ("Zoë Ångström-Łukasiewicz", "Carol Nguyễn-Fitzgerald")
    with open_project(tmp_path / "p.db") as project:
        (article,) = project.import_texts(["The bridge opened in 1990. The mayor is wonderful."]).added
        for name in names:
            project.add_claim(article, 0, 26, "factual", annotator=name)
            project.add_claim(article, 27, 50, "opinion", annotator=name)
        dialog = DashboardDialog(project)
        qtbot.addWidget(dialog)
        dialog.resize(1200, 691)  # what a 1366x768 laptop gives it
        dialog.show()
        board = dialog.dashboard
        qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
        row = next(r for r in range(board.table.rowCount()) if " vs " in board.table.item(r, 0).text())
        text = board.table.item(row, 0).text()
        assert text == "Carol Nguyễn-Fitzgerald vs Zoë Ångström-Łukasiewicz"
        needed = board.table.fontMetrics().horizontalAdvance(text)
        assert board.table.columnWidth(0) > needed
        assert board.table.rowHeight(row) >= board.table.fontMetrics().height()


def test_a_name_with_a_right_to_left_override_does_not_turn_the_pair_round(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """An override (U+202E) in one name ran on through " vs " and the other name: the cell read
    "ijome 😀 sv live مريم", and the tips naming the pair were turned round after it too."""
    rtl, other = "مريم\u202e evil", "😀 emoji"
    with open_project(tmp_path / "p.db") as project:
        (article,) = project.import_texts(["The bridge opened in 1990. The mayor is wonderful."]).added
        for name, label in ((rtl, "opinion"), (other, "factual")):
            project.add_claim(article, 0, 26, "factual", annotator=name)
            project.add_claim(article, 27, 50, label, annotator=name)
        dialog = DashboardDialog(project)
        qtbot.addWidget(dialog)
        dialog.show()
        board = dialog.dashboard
        qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
        row = next(r for r in range(board.table.rowCount()) if " vs " in board.table.item(r, 0).text())
        # Each name is its own isolated stretch: nothing it opens reaches the words after it.
        a, b = "\u2068مريم\u202e evil\u2069", "😀 emoji"
        assert board.table.item(row, 0).text() == f"{a} vs {b}"
        assert f"both {a} and {b} marked." in board.table.item(row, 2).toolTip()


def test_charts_tell_a_screen_reader_what_they_draw(qtbot: QtBot) -> None:
    """A chart is pixels: its title and figures are also its accessible name and description."""
    bar = BarChart("Labels per annotator")
    qtbot.addWidget(bar)
    bar.set_data(["alice", "bob"], {"factual": [6, 7], "opinion": [2.5, 0]})
    assert bar.accessibleName() == "Labels per annotator"
    assert bar.accessibleDescription() == "factual: alice 6, bob 7. opinion: alice 2.5, bob 0."
    line = LineChart("Claims per day")
    qtbot.addWidget(line)
    line.set_data([], {})
    assert line.accessibleName() == "Claims per day"
    assert line.accessibleDescription() == "No data."


def test_a_screen_reader_names_the_agreement_tables_without_markup(qtbot: QtBot, team: Project) -> None:
    """A table's name is its heading's text: the heading's bold markup made it "<b>Agreement</b>",
    tags and all, for a screen reader to read out."""
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert spoken_name(board.table) == "Agreement"
    assert spoken_name(board.checks) == "Pre-annotation, as people checked it"
    headings = [label for label in board.findChildren(QLabel) if label.buddy() in (board.table, board.checks)]
    assert [spoken_name(label) for label in headings] == ["Agreement", "Pre-annotation, as people checked it"]


def test_on_a_laptop_scaled_to_125_percent_the_dialog_and_its_buttons_fit_the_screen(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1366x768 laptop at QT_SCALE_FACTOR=1.25 leaves 1093x588 for windows: the four charts'
    minimum heights made the dialog 598 tall, its Close and Save buttons below the screen."""
    area = QRect(0, 0, 1093, 588)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: area)
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.dashboard.stats is not None, timeout=20_000)
    assert dialog.height() <= area.height() and dialog.width() <= area.width()
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Close")
    assert dialog.rect().contains(
        close.geometry().translated(close.parentWidget().mapTo(dialog, QPoint(0, 0)))
    )


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_statistics_again_brings_the_open_dashboard_forward(
    qtbot: QtBot, window: Any, tmp_path: Path
) -> None:
    """Team > Statistics with the dashboard open opened a second one over it, each working its
    figures out again after every edit; the open one comes forward instead. Another project's
    statistics are still its own dashboard, not the first file's brought forward."""
    from PySide6.QtWidgets import QApplication

    def shown() -> list[DashboardDialog]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, DashboardDialog) and w.isVisible()]

    window.registry["statistics"].trigger()
    (dialog,) = shown()
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.registry["statistics"].trigger()
    assert shown() == [dialog]
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.close()  # a closed one is not brought back: Statistics opens a new one
    window.registry["statistics"].trigger()
    (again,) = shown()
    assert again is not dialog
    qtbot.waitUntil(lambda: not again.dashboard.loading, timeout=20_000)
    other = tmp_path / "other.db"
    open_project(other).close()
    window.open_project(other, create=False)
    window.registry["statistics"].trigger()
    dashboards = shown()
    assert any(d.dashboard.project.path == other for d in dashboards)
    for d in dashboards:
        qtbot.waitUntil(lambda d=d: not d.dashboard.loading, timeout=20_000)
        d.close()


def test_gold_labels_add_up_to_the_reviewers_decisions(qtbot: QtBot, team: Project, tmp_path: Path) -> None:
    """Five decisions, one of them "no claim", read "Gold labels: 4": as if one had been lost.
    The "no claim" decisions are named beside the labels, on screen and in the report."""
    items = review_items(team)[:5]
    assert len(items) == 5
    for item, label in zip(items, ("factual", "opinion", "factual", None, "questionable"), strict=True):
        decide(team, item, label, reviewer="dana")
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert board.summary.text().endswith(
        "Gold labels: 8 (4 decided in review, 4 everyone agreed on; and 1 'no claim' decision)"
    )
    # The decisions are counted as gold labels, never as the work of an annotator called "gold".
    assert "Annotators: 3 " in board.summary.text()
    assert board.stats is not None and board.stats.annotators == ("alice", "bob", "carol")
    dialog.save_html(tmp_path / "report.html")
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=20_000)
    page = (tmp_path / "report.html").read_text("utf-8")
    assert (
        "gold labels: 8 (4 decided in review, 4 everyone agreed on; and 1 &#x27;no claim&#x27; decision)."
        in page
    )


def test_gold_total_is_what_the_export_and_release_write(qtbot: QtBot, team: Project, tmp_path: Path) -> None:
    """The export and the release hold the spans everyone agreed on beside the reviewers'
    decisions; the dashboard counted the decisions alone, "Gold labels: 6" beside an export of
    9 claims, and a team lead could not tell which figure was wrong."""
    for item, label in zip(review_items(team), ("factual", "opinion", None), strict=False):
        decide(team, item, label, reviewer="dana")
    written = len(gold_claims(team))  # as `export --gold`, the export dialog and the release write
    agreed = written - 2
    assert agreed > 0
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert board.summary.text().endswith(
        f"Gold labels: {written} (2 decided in review, {agreed} everyone agreed on;"
        " and 1 'no claim' decision)"
    )
    dialog.save_html(tmp_path / "report.html")
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=20_000)
    page = (tmp_path / "report.html").read_text("utf-8")
    assert f"gold labels: {written} (2 decided in review, {agreed} everyone agreed on; and 1" in page


def test_opening_another_project_closes_the_open_dashboard(qtbot: QtBot, window: Any, tmp_path: Path) -> None:
    """A team lead with the statistics open opened an annotator's own file: the dashboard stayed
    on the first file's figures, titled with its name, and worked them out again after each
    label made in the other file, as if they were that file's."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    def shown() -> list[DashboardDialog]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, DashboardDialog) and w.isVisible()]

    window.registry["statistics"].trigger()
    (dialog,) = shown()
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    first = window.project.path
    other = tmp_path / "other.db"
    with open_project(other) as project:
        project.import_texts(["A sentence someone labels here. And another one."], title="Another file")
    window.open_project(other, create=False)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # a label in the other file
    assert window.project.stats().claims == 1
    for d in shown():
        qtbot.waitUntil(lambda d=d: not d.dashboard.loading, timeout=20_000)
    # No dashboard left showing the first file's figures for the file now open.
    assert [d.dashboard.project.path for d in shown() if d.dashboard.project.path == first] == []
    for d in shown():
        d.close()


def test_tab_leaves_the_agreement_table_for_the_buttons(qtbot: QtBot, team: Project) -> None:
    """Tab in the agreement table walked its cells (sixteen rows of five) and never left it:
    Refresh, Save as PNG, the HTML report and Close could not be reached from the keyboard."""
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # as a window manager makes it; the offscreen platform does not
    qtbot.waitUntil(dialog.isActiveWindow)
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    assert board.table.rowCount() == 16
    board.table.setFocus()
    visited = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    buttons = [b.text() for b in visited if isinstance(b, QPushButton)]
    assert buttons == ["&Refresh", "Save as &PNG…", "Save &HTML report…", "Close"], visited
    dialog.close()


def _agreement_rows_in_sight(dialog: DashboardDialog) -> int:
    """How many rows of the agreement table show whole without scrolling the dialog or the table."""
    from PySide6.QtWidgets import QScrollArea

    area = dialog.findChild(QScrollArea)
    assert area is not None and area.verticalScrollBar().value() == 0
    table = dialog.dashboard.table
    assert table.verticalScrollBar().value() == 0
    sight = area.viewport().rect()
    whole = 0
    for row in range(table.rowCount()):
        cell = table.visualRect(table.model().index(row, 0))
        on_screen = QRect(table.viewport().mapTo(area.viewport(), cell.topLeft()), cell.size())
        if not (table.viewport().rect().contains(cell) and sight.contains(on_screen)):
            break
        whole += 1
    return whole


@pytest.mark.parametrize(
    "screen",
    [QRect(0, 0, 1024, 600 - 32), QRect(0, 0, 1366, 768 - 32), QRect(0, 0, 1920, 1080 - 40)],
    ids=["1024x600", "1366x768", "1920x1080"],
)
def test_the_agreement_table_shows_its_first_rows_below_the_charts(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch, screen: QRect
) -> None:
    """At 1024x600 the charts took the height and the table showed its header alone until one
    scrolled. The charts shrink first: the team's rows show, the dialog still fits the screen."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.dashboard.stats is not None, timeout=20_000)
    assert dialog.dashboard.table.rowCount() > 3
    assert dialog.height() <= screen.height()
    assert _agreement_rows_in_sight(dialog) >= 3
    assert [dialog.dashboard.table.item(r, 0).text() for r in range(3)] == ["team"] * 3
    dialog.close()


SCALED_SMALL_LAPTOP = QRect(0, 0, 683, 400)
"""A 1024x600 screen at QT_SCALE_FACTOR=1.5, in Qt's pixels."""


def _cut_cells(table: Any) -> list[str]:
    """The cells of `table` Qt shows cut short ("fact…"): a line wider than its column, wrapped
    where the text may break (the agreement's figure before its words), or lines taller than the row."""
    metrics = table.fontMetrics()
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    cut = []
    for column in range(table.columnCount()):
        room = table.columnWidth(column) - margin
        for row in range(table.rowCount()):
            text = table.item(row, column).text()
            needed = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, text)
            if needed.width() > room or needed.height() > table.rowHeight(row):
                cut.append(f"{table.horizontalHeaderItem(column).text()}: {text!r} in {room} px")
    return cut


def test_on_a_small_laptop_at_150_percent_the_dialog_fits_and_shows_the_agreement_whole(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The charts' least width, two abreast, made the dialog 700 pixels wide on a 683 pixel screen,
    its title bar's buttons past the edge; and beside the pre-annotation's table the agreement
    table read "fact…" and "0.622 (n=…"."""
    from annotator.core.commands import AddEntity
    from annotator.core.model import Entity, EntityStatus

    first = team.article_ids()[0]  # an entity a person added: the pre-annotation's table shows
    team.execute(AddEntity(first, Entity(start=4, end=11, label="ORG", status=EntityStatus.ADDED)))
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCALED_SMALL_LAPTOP)
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    board = dialog.dashboard
    qtbot.waitUntil(lambda: board.stats is not None and not board.loading, timeout=20_000)
    assert board.checks_box.isVisible()
    assert dialog.width() <= SCALED_SMALL_LAPTOP.width()
    qtbot.wait(50)  # the tables' columns settle after the rows come in
    assert _cut_cells(board.table) == []
    assert _cut_cells(board.checks) == []
    dialog.close()


def test_on_a_laptop_at_200_percent_the_gold_summary_wraps_and_the_match_box_stays_in_sight(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once reviewers had decided, the summary's one line ("Gold labels: 8 (4 decided in review,
    4 everyone agreed on; and 1 'no claim' decision)") was 748 pixels wide on a 1366x768 laptop
    at 200% (683x384): it widened the charts past the dialog, which scrolls up and down only, and
    the summary's end, the Match spans box and the right-hand charts were out of sight."""
    for item, label in zip(
        review_items(team)[:5], ("factual", "opinion", "factual", None, "questionable"), strict=True
    ):
        decide(team, item, label, reviewer="dana")
    screen = QRect(0, 0, 683, 384)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    board = dialog.dashboard
    qtbot.waitUntil(lambda: board.stats is not None and not board.loading, timeout=20_000)
    assert board.summary.text().endswith("and 1 'no claim' decision)")
    qtbot.wait(50)  # the layout settles after the figures come in
    viewport = board.parentWidget()
    assert viewport is not None
    for shown in (board.summary, board.match_box, board.cumulative):
        right = shown.mapTo(viewport, QPoint(shown.width(), 0)).x()
        assert right <= viewport.width(), f"{shown.objectName() or type(shown).__name__} ends at {right}"
    assert board.summary.heightForWidth(board.summary.width()) <= board.summary.height()
    dialog.close()


@pytest.mark.parametrize("ratio", [1.0, 1.25, 2.0])
def test_the_saved_png_says_its_scale_so_it_prints_at_the_size_shown(
    qtbot: QtBot, team: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ratio: float
) -> None:
    """At a scale of 2 the PNG held twice the pixels, sharp, but said 96 dots an inch as at 1: a
    document or a viewer that reads it put the dashboard in at twice the size it was shown."""
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    shot = QPixmap(round(300 * ratio), round(200 * ratio))
    shot.setDevicePixelRatio(ratio)
    shot.fill(Qt.GlobalColor.white)
    monkeypatch.setattr(dialog.dashboard.charts, "grab", lambda *_args: shot)
    out = tmp_path / "board.png"
    assert dialog.save_png(out)
    image = QImage(str(out))
    assert image.width() == round(300 * ratio)  # every pixel the screen drew
    inches = image.width() / (image.dotsPerMeterX() * 0.0254)
    assert inches == pytest.approx(300 / 96, rel=0.01)  # the size it was shown, at 96 a logical inch
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)


class _CountingDelegate(QStyledItemDelegate):
    """Counts how often the table measures a cell (its rows and columns fit their contents)."""

    def __init__(self) -> None:
        super().__init__()
        self.measured = 0

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        self.measured += 1
        return super().sizeHint(option, index)


def test_new_figures_fill_the_agreement_table_without_measuring_it_again_per_cell(
    qtbot: QtBot, team: Project
) -> None:
    """Each refresh put its figures over the cells of the last: every cell set measured the
    whole table again to fit its rows to their text, and a team of four's 28 rows held the
    window still for 0.7-1.6 s each time a refresh ended, while labelling with the dashboard
    open. The second filling measures the cells no more than the first did."""
    dialog = DashboardDialog(team)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 820)
    dialog.show()
    board = dialog.dashboard
    qtbot.waitUntil(lambda: not board.loading, timeout=20_000)
    stats = board.stats
    assert stats is not None
    counting = _CountingDelegate()
    board.table.setItemDelegate(counting)
    cells = board.table.rowCount() * board.table.columnCount()
    board.show_stats(stats)
    qtbot.wait(50)  # the layout that follows, as the window's event loop runs it
    first = counting.measured
    counting.measured = 0
    board.show_stats(stats)
    qtbot.wait(50)
    assert counting.measured <= max(first, 4 * cells)
    assert board.table.item(0, 3).text().replace("\N{NO-BREAK SPACE}", " ") == "0.623 on 15 shared spans"
    dialog.close()
