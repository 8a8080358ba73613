"""File > Merge Project Files… runs in a worker with progress and Cancel, then shows the report."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QTextEdit,
)
from pytestqt.qtbot import QtBot

import annotator.services.merging as team_service
from annotator.core.reports import MergeReport
from annotator.services.backups import all_backups, backups_of, backups_root
from annotator.services.guidelines import set_guidelines
from annotator.services.merging import canonical_dump
from annotator.services.project import open_project, store_of
from annotator.ui import merge_pick
from annotator.ui.backups import BackupsDialog
from annotator.ui.task_runner import StopAsker, TaskProgress
from tests.services.team_data import ARTICLES, build_annotator_projects
from tests.ui.conftest import answer_stop_question, open_window


def _merge_action(window: Any) -> Any:
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    return next(a for a in file_menu.actions() if a.text() == "&Merge Project Files…")


def _titles(window: Any) -> list[str]:
    model = window.article_model
    return sorted(str(model.index(r, 0).data()) for r in range(model.rowCount()))


def test_merge_runs_in_a_worker_and_shows_the_report(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    sources = build_annotator_projects(tmp_path / "people")[:2]  # alice and bob
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(p) for p in sources], "Projects (*.db)")
    )
    window = open_window(qtbot, team_path, annotator="dana")
    assert window.article_model.rowCount() == 0
    ui_thread = threading.get_ident()
    threads: list[int] = []
    real = team_service.merge_project

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(team_service, "merge_project", recorded)
    _merge_action(window).trigger()
    assert window.busy  # the action returned at once; the merge goes on in the pool
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    assert threads and ui_thread not in threads
    box: QMessageBox = window.team.merge_report
    qtbot.waitUntil(box.isVisible)
    assert box.windowTitle() == "Merge finished"
    assert "alice.db: 3 new articles" in box.text()
    assert "bob.db: 0 new articles, 3 already there" in box.text()
    # The list is read again in the pool: it comes without holding the keys.
    qtbot.waitUntil(lambda: _titles(window) == sorted(title for title, _ in ARTICLES))
    with open_project(team_path) as team:
        annotators = (
            store_of(team)
            .conn.execute("SELECT annotator, COUNT(*) FROM claims GROUP BY annotator")
            .fetchall()
        )
    assert annotators == [("alice", 14), ("bob", 14)]
    box.close()
    window.close()


def test_cancel_leaves_the_team_file_unchanged(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team_path = tmp_path / "team.db"
    sources = build_annotator_projects(tmp_path / "people")
    with open_project(team_path) as team:
        team_service.merge_files(team, sources[:1])
        before = canonical_dump(team)
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(p) for p in sources[1:]], "Projects (*.db)")
    )
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)  # the merge has run a while
    # Hold the merge inside its first file until the user has pressed Cancel.
    started, release = threading.Event(), threading.Event()
    real = team_service.merge_project

    def held(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(timeout=20)
        return real(*args, **kwargs)

    monkeypatch.setattr(team_service, "merge_project", held)
    window = open_window(qtbot, None, annotator="dana")
    window.auto_preannotate = False  # only the merge may touch the file
    window.open_project(team_path)
    _merge_action(window).trigger()
    qtbot.waitUntil(started.is_set, timeout=10_000)
    dialog = window.progress_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert isinstance(dialog, TaskProgress)
    said = answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.Yes)
    assert said == (
        "Stop merging? If it is not saved yet, this project stays as it was: "
        "nothing of the merged files is kept."
    )
    release.set()
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    # "Cancelled" alone left the lead to wonder what the stopped merge had left in the file.
    assert window.statusBar().currentMessage() == "Merge cancelled: team.db is as it was"
    assert window.team.merge_report is None
    with open_project(team_path) as team:
        assert canonical_dump(team) == before
    # The copy taken before it is removed: listed, it spoke of a merge that never was.
    assert all_backups() == []
    window.close()


def test_a_cancel_too_late_to_stop_the_merge_says_it_finished(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Cancel confirmed once the merge had committed (while the merged articles get their
    label suggestions) was said as "Cancelled" and the report never came, though the team file
    held the merge: the window said it was as it was. The merge stands and its report says so."""
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    sources = build_annotator_projects(tmp_path / "people")[:2]
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(p) for p in sources], "Projects (*.db)")
    )
    monkeypatch.setattr(StopAsker, "ASK_AFTER_S", 0.0)
    committed, release = threading.Event(), threading.Event()
    real = team_service._suggest_for_new_articles

    def held(*args: Any, **kwargs: Any) -> Any:
        committed.set()
        release.wait(timeout=20)
        return real(*args, **kwargs)

    monkeypatch.setattr(team_service, "_suggest_for_new_articles", held)
    window = open_window(qtbot, None, annotator="dana")
    window.auto_preannotate = False
    window.open_project(team_path)
    _merge_action(window).trigger()
    qtbot.waitUntil(committed.is_set, timeout=30_000)
    dialog = window.progress_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=30_000)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    answer_stop_question(qtbot, dialog, QMessageBox.StandardButton.Yes)
    release.set()
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
    with open_project(team_path) as team:
        assert store_of(team).conn.execute("SELECT COUNT(*) FROM articles").fetchone() == (3,)
    assert "as it was" not in window.statusBar().currentMessage()
    box = window.team.merge_report
    assert box is not None
    assert box.text().startswith("The merge had finished before it could stop.\n")
    assert "alice.db: 3 new articles" in box.text()
    box.close()
    window.close()


def test_question_mark_shows_the_project_guidelines_below_the_shortcuts(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "team.db"
    with open_project(path) as project:
        set_guidelines(project, "# Our rules\n\nOnly **sourced** numbers are factual.")
    window = open_window(qtbot, path, annotator="dana")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Question)
    dialog = window.shortcuts_dialog
    assert dialog.isVisible() and dialog.table.rowCount() > 10
    shown = dialog.guidelines
    assert shown.isVisible()
    assert (
        shown.toPlainText().startswith("Our rules") and "sourced numbers are factual" in shown.toPlainText()
    )
    # Below the shortcuts, not instead of them.
    assert (
        shown.mapTo(dialog, shown.rect().topLeft()).y()
        > dialog.table.mapTo(dialog, dialog.table.rect().bottomLeft()).y()
    )
    dialog.close()
    window.close()


def test_the_merge_report_says_what_the_merged_entity_decisions_changed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.services.test_entity_decisions_carry import SECOND, alice_and_a_team_file

    alice, team_path = alice_and_a_team_file(tmp_path)
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(alice)], "Projects (*.db)"))
    window = open_window(qtbot, None, annotator="dana")
    window.auto_preannotate = False  # only the merge may touch the file
    window.open_project(team_path)
    _merge_action(window).trigger()
    qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
    box = window.team.merge_report
    assert box is not None
    assert box.text().splitlines()[-1] == (
        "Your team's entity decisions: 2 suggestions left out, 1 added in 1 article"
    )
    window.show_article(2)  # already carried by the merge: opening it changes nothing more
    assert window.view.describe(SECOND.index("AI")) == ""
    assert "entity decisions" not in window.statusBar().currentMessage()
    box.close()
    window.close()


def test_a_merge_shows_the_open_article_again_with_what_it_brought(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The open article is often one the merge adds labels to: its claim list and highlights
    said nothing of them, and the next key acted on the article as it was before the merge."""
    team_path = tmp_path / "team.db"
    alice, bob = build_annotator_projects(tmp_path / "people")[:2]
    with open_project(team_path) as team:
        team_service.merge_files(team, [alice])
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(bob)], "Projects (*.db)"))
    window = open_window(qtbot, team_path, annotator="dana")
    assert window.article is not None and window.project is not None
    shown = window.article.article.id
    before = window.claim_model.rowCount()
    _merge_action(window).trigger()
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=120_000)
    box: QMessageBox = window.team.merge_report
    qtbot.waitUntil(box.isVisible)
    box.close()
    saved = window.project.claims(shown)
    assert len(saved) > before
    assert window.article.article.id == shown
    assert window.article.claims == tuple(saved)
    assert window.claim_model.rowCount() == len(saved)
    window.close()


def test_merge_is_in_the_team_menu_too_and_is_the_same_action(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A coordinator looks for merging under Team: it was only under File. One action in both
    menus, so its text and enabling cannot drift; Team > Merge runs the same merge."""
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    sources = build_annotator_projects(tmp_path / "people")[:1]
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(p) for p in sources], "Projects (*.db)")
    )
    window = open_window(qtbot, team_path, annotator="dana")
    team_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Team")
    team_merge = [a for a in team_menu.actions() if a.text() == "&Merge Project Files…"]
    assert team_merge == [_merge_action(window)]
    team_merge[0].trigger()
    qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
    assert "alice.db: 3 new articles" in window.team.merge_report.text()
    window.team.merge_report.close()
    window.close()


def test_the_merge_report_speaks_of_names_not_entity_rows(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report said "341 entity rows/decisions": a coordinator could not tell what came in.
    It says which names people checked or added, and how many pre-annotation found unchecked."""
    from tests.services.test_entity_decisions_carry import alice_and_a_team_file
    from tests.ui.conftest import make_project, wikinews_texts

    alice, team_path = alice_and_a_team_file(tmp_path)
    bob = make_project(tmp_path / "bob.db", wikinews_texts())  # pre-annotated, nothing checked
    with open_project(bob) as project:
        unchecked = sum(len(project.entities(i)) for i in project.article_ids())
    assert unchecked > 0
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(alice), str(bob)], "Projects (*.db)")
    )
    window = open_window(qtbot, None, annotator="dana")
    window.auto_preannotate = False  # only the merge may touch the file
    window.open_project(team_path)
    _merge_action(window).trigger()
    qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
    box = window.team.merge_report
    assert box is not None
    alice_line, bob_line = box.text().splitlines()[:2]
    assert alice_line.endswith("; names people checked: 0 accepted, 2 rejected; 2 names people added")
    assert bob_line.endswith(f"; {unchecked} names found by pre-annotation, not yet checked")
    assert "rows" not in box.text()
    box.close()
    window.close()


def test_the_merge_report_says_how_many_suggestions_the_files_names_replaced(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge took the team's ORG and DATE off the spans a.db named GPE and TIME; the
    report told of the names only, so the two that went were a surprise in the article."""
    from tests.store.test_merge import names_replacing_the_teams_suggestions

    team_path, source = names_replacing_the_teams_suggestions(tmp_path)
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(source)], "Projects (*.db)"))
    window = open_window(qtbot, None, annotator="dana")
    try:
        window.auto_preannotate = False  # only the merge may touch the file
        window.open_project(team_path)
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
        box = window.team.merge_report
        assert box is not None
        assert (
            box.text()
            .splitlines()[0]
            .endswith("; 2 suggestions of another type replaced by this file's names")
        )
        box.close()
    finally:
        window.close()


def test_the_merge_report_names_the_files_and_says_only_what_came(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge of people's labels said "/the/whole/path/alice.db: …; no names; 0 conflicts":
    the path took the line, and the rest were words to puzzle out that said nothing came."""
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    sources = build_annotator_projects(tmp_path / "people")[:2]  # alice and bob
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(p) for p in sources], "Projects (*.db)")
    )
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        box: QMessageBox = window.team.merge_report
        qtbot.waitUntil(box.isVisible)
        assert box.text().splitlines() == [
            "alice.db: 3 new articles, 0 already there; 14 claims added, 0 already there",
            "bob.db: 0 new articles, 3 already there; 14 claims added, 0 already there",
        ]
        # Nothing to say of conflicts where there are none; only where the earlier team file is kept.
        assert box.informativeText().startswith("A copy of team.db as it was before this merge is kept")
        assert "conflict" not in box.informativeText()
        box.close()
    finally:
        window.close()


def test_the_merge_report_says_a_rename_a_file_brought_and_the_older_copy_comes_in_renamed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bob renamed "bobby" to bob in his file; merged with the copy handed out before it, bobby
    came back as a second person, and the report said nothing of the rename."""
    from tests.services.test_renaming import bobs_files

    new, old = bobs_files(tmp_path)
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(new), str(old)], "Projects (*.db)")
    )
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        box: QMessageBox = window.team.merge_report
        qtbot.waitUntil(box.isVisible)
        assert box.text().splitlines() == [
            "bob.db: 1 new article, 0 already there; 2 claims added, 0 already there; bobby was renamed"
            " bob in this file, which the team file now knows: an older copy's labels by bobby will"
            " come in as bob's",
            "bob-old.db: 0 new articles, 1 already there; 0 claims added, 1 already there; 1 claim not"
            " in this file, made after its author's last change there, kept (deleted there since, or"
            " never in it); bobby's labels came in as bob's (bobby was renamed bob in the team file)",
        ]
        box.close()
        assert window.project is not None
        assert window.project.annotators() == ["bob"]
    finally:
        window.close()


def test_the_merge_report_lists_people_s_contradicting_entity_decisions_naming_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """alice added "Berlin" as ORG, bob as GPE: both came in, and the box said no conflict."""
    from tests.services.test_team import people_who_named_berlin

    alice, bob, _carol = people_who_named_berlin(tmp_path)
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(alice), str(bob)], ""))
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        box: QMessageBox = window.team.merge_report
        qtbot.waitUntil(box.isVisible)
        assert box.text().splitlines()[1].endswith("; 1 conflict")
        assert box.informativeText().startswith("1 conflict; the project kept its own values.")
        assert box.detailedText() == (
            f"article 'Taxes': entity differs ('Berlin' at 0..6: {alice} (alice) has it as ORG (added),"
            f" {bob} (bob) as GPE (added)); kept the team file's value"
        )
        box.close()
    finally:
        window.close()


def test_the_merge_report_lists_a_name_retyped_in_a_file_as_one_conflict(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """alice added "Berlin" as ORG; dave retyped pre-annotation's ORG there as GPE (ORG rejected,
    GPE added). The box said "2 conflicts" and listed his one decision twice, once per row."""
    from annotator.core.commands import AddEntity, SetEntityStatus
    from annotator.core.model import Analysis, ArticleDraft, Entity, EntityStatus, PipelineInfo
    from tests.services.test_team import people_who_named_berlin

    alice, _bob, _carol = people_who_named_berlin(tmp_path)
    dave = tmp_path / "dave.db"
    with open_project(dave) as own:
        text = "Berlin said on Monday that taxes rise. Critics call it a scandal."
        (article,) = own.import_drafts([ArticleDraft(text=text, title="Taxes")]).added
        own.add_claim(article, 0, 38, "factual", annotator="dave")
        store_of(own).save_analysis(
            article, Analysis(PipelineInfo("test", "1"), entities=(Entity(0, 6, "ORG"),))
        )
        own.execute(SetEntityStatus(own.entities(article)[0].id or 0, EntityStatus.REJECTED))
        own.execute(AddEntity(article, Entity(0, 6, "GPE", EntityStatus.ADDED)))
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(alice), str(dave)], ""))
    window = open_window(qtbot, team_path, annotator="lead")
    try:
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        box: QMessageBox = window.team.merge_report
        qtbot.waitUntil(box.isVisible)
        assert box.text().splitlines()[1].endswith("; 1 conflict")
        assert box.informativeText().startswith("1 conflict; the project kept its own values.")
        assert box.detailedText() == (
            f"article 'Taxes': entity differs ('Berlin' at 0..6: {alice} (alice) has it as ORG (added),"
            f" {dave} (dave) as GPE (added, ORG rejected)); kept the team file's value"
        )
        box.close()
    finally:
        window.close()


def test_the_merge_report_says_both_articles_are_kept_for_a_title_that_came_with_other_text(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bob's copy of "Taxes" said Tuesday where the team's said Monday: the merge kept both
    articles, as the list of conflicts said, yet the box above it said "1 conflict; the project
    kept its own values", so the lead looked for bob's article in vain."""
    from annotator.core.model import ArticleDraft

    text = "Berlin said on Monday that taxes rise. Critics call it a scandal."
    team_path = tmp_path / "team.db"
    with open_project(team_path) as team:
        team.import_drafts([ArticleDraft(text=text, title="Taxes")])
    bob = tmp_path / "bob.db"
    with open_project(bob) as own:
        (article,) = own.import_drafts(
            [ArticleDraft(text=text.replace("Monday", "Tuesday"), title="Taxes")]
        ).added
        own.add_claim(article, 0, 39, "factual", annotator="bob")
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(bob)], ""))
    window = open_window(qtbot, team_path, annotator="lead")
    try:
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=120_000)
        box: QMessageBox = window.team.merge_report
        qtbot.waitUntil(box.isVisible)
        assert box.text().endswith("; 1 conflict")
        assert box.detailedText().endswith("; both are kept")
        assert box.informativeText().startswith(
            "1 conflict; both articles are kept where a file brought a title the project holds with other"
            " text: their claims are not compared."
        ), box.informativeText()
        assert "kept its own values" not in box.informativeText()
        box.close()
        assert window.article_model.rowCount() == 2
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the file name's completion list, offscreen
def test_several_files_typed_in_the_merge_dialog_are_all_merged(qtbot: QtBot, tmp_path: Path) -> None:
    """Typed as "alice.db" "bob.db" "carol.db" (Qt's way to name several files), the three
    were one: the dialog's list, which leaves the open project out, toggled the earlier names
    off at every keystroke. One typed by its whole path, from another folder, counts as well."""
    import os

    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    *beside, carol = build_annotator_projects(tmp_path / "people")
    for source in beside:  # where the dialog opens: beside the team file
        os.replace(source, tmp_path / source.name)
    window = open_window(qtbot, team_path, annotator="dana")

    def type_names() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        view = dialog.findChild(QListView, "listView")
        assert view is not None
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 3, timeout=10_000)
        qtbot.wait(200)  # every row the folder has, as a person sees them before typing
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        name.setFocus()
        qtbot.keyClicks(name, f'"alice.db" "bob.db" "{carol}"')
        qtbot.keyClick(name, Qt.Key.Key_Return)

    QTimer.singleShot(0, window, type_names)
    try:
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
        report = window.team.merge_report
        assert report is not None
        assert [line.split(":")[0] for line in report.text().splitlines()] == [
            "alice.db",
            "bob.db",
            "carol.db",
        ]
        report.close()
    finally:
        window.close()


@pytest.mark.parametrize(
    ("picked", "said"),
    [
        (["alice.db", "bob.db", "alice.db"], "alice.db was picked twice. Pick each project file once."),
        (["alice.db", "link.db"], "alice.db and link.db are one file. Pick each project file once."),
        (["alice.db", "hard.db"], "alice.db and hard.db are one file. Pick each project file once."),
        (
            ["alice.db", "other/alice.db"],
            "{tmp}/alice.db and {tmp}/other/alice.db are one file. Pick each project file once.",
        ),
        (
            ["team.db"],
            "team.db is the open project, and a project cannot be merged into itself. "
            "Pick the other project files.",
        ),
        (
            ["team-link.db"],
            "team-link.db is the open project team.db, and a project cannot be merged into itself. "
            "Pick the other project files.",
        ),
    ],
)
def test_a_file_picked_twice_or_the_open_project_is_refused_before_any_work(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, picked: list[str], said: str
) -> None:
    """A file picked twice in the merge dialog (or with a link to it) was merged twice, its
    second line "0 claims added, 14 already there", so a slip for another person's file went
    unseen; the open project was refused only by the merge's worker, after its progress showed.
    Both are refused as the dialog closes, naming the file, and nothing runs or changes."""
    import os

    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    alice, bob = build_annotator_projects(tmp_path / "people")[:2]
    for name, source in (("alice.db", alice), ("bob.db", bob)):
        os.replace(source, tmp_path / name)
    (tmp_path / "link.db").symlink_to("alice.db")
    os.link(tmp_path / "alice.db", tmp_path / "hard.db")
    (tmp_path / "other").mkdir()
    os.link(tmp_path / "alice.db", tmp_path / "other" / "alice.db")
    (tmp_path / "team-link.db").symlink_to("team.db")
    with open_project(team_path) as team:
        before = canonical_dump(team)
    monkeypatch.setattr(
        merge_pick,
        "ask_merge_paths",
        lambda *a, **k: ([str(tmp_path / p) for p in picked], "Projects (*.db)"),
    )
    merged: list[object] = []
    monkeypatch.setattr(team_service, "merge_project", lambda *a, **k: merged.append(a))
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        window.registry["merge"].trigger()
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and box.isVisible()
        assert box.text() == "Nothing was merged: " + said.format(tmp=tmp_path)
        assert not window.busy and window.team.merge_task is None and window.progress_dialog is None
        box.close()
        assert merged == []
        with open_project(team_path) as team:
            assert canonical_dump(team) == before
    finally:
        window.close()


def test_files_of_the_same_name_are_told_apart_by_their_paths() -> None:
    from annotator.ui.team_menu import _merged_names

    reports = [MergeReport("/a/project.db"), MergeReport("/b/project.db"), MergeReport("/c/carl.db")]
    assert _merged_names(reports) == ["/a/project.db", "/b/project.db", "carl.db"]


@pytest.mark.parametrize("action_id", ["review", "statistics"])
def test_the_review_and_the_statistics_opened_from_the_menu_take_the_keys(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action_id: str
) -> None:
    """Chosen from the Team menu (with the mouse or by its letter) under X11's Openbox, the
    review showed with the keys still in the window below it: 2 meant for a disagreement went
    to the text instead. A window manager may leave the focus where it was when a window is
    shown; asked to make the window active, it does."""
    from annotator.ui.dashboard import DashboardDialog
    from annotator.ui.review import ReviewDialog

    team_path = tmp_path / "team.db"
    with open_project(team_path) as team:
        team_service.merge_files(team, build_annotator_projects(tmp_path / "people"))
    window = open_window(qtbot, team_path, annotator="dana")
    kind = ReviewDialog if action_id == "review" else DashboardDialog
    shown = kind.show

    def shown_where_the_focus_stays(dialog: Any) -> None:
        shown(dialog)
        window.activateWindow()  # the window manager's choice: the menu's window keeps the focus

    monkeypatch.setattr(kind, "show", shown_where_the_focus_stays)
    window.registry[action_id].trigger()
    dialog = window.team.review_dialog if action_id == "review" else window.team.dashboard_dialog
    assert isinstance(dialog, kind)
    qtbot.waitUntil(dialog.isActiveWindow)
    if isinstance(dialog, DashboardDialog):
        qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    dialog.close()
    window.close()


@pytest.mark.parametrize(
    ("picked", "said"),
    [
        (
            ["alice.db", "notes.db"],
            " Nothing was merged, from the other files either: team.db is as it was. Merge again "
            "without this file.",
        ),
        (["notes.db"], " Nothing was merged: team.db is as it was."),
    ],
)
def test_a_picked_file_that_is_no_project_says_nothing_was_merged(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, picked: list[str], said: str
) -> None:
    """A spreadsheet saved as .db, picked with alice's file, was said to be "not an Annotator
    project, so Annotator did not open it. Nothing in it is changed.": nothing on whether
    alice's labels went into the team file, or whether it was half changed."""
    import os

    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    alice = build_annotator_projects(tmp_path / "people")[0]
    os.replace(alice, tmp_path / "alice.db")
    (tmp_path / "notes.db").write_text("id,text,label\n1,hello,factual\n", encoding="utf-8")
    with open_project(team_path) as team:
        before = canonical_dump(team)
    monkeypatch.setattr(
        merge_pick,
        "ask_merge_paths",
        lambda *a, **k: ([str(tmp_path / p) for p in picked], "Projects (*.db)"),
    )
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=30_000)
        box = window.findChild(QMessageBox, "errorBox")
        qtbot.waitUntil(box.isVisible)
        assert box.text() == (
            f"{tmp_path / 'notes.db'} is not an Annotator project, so Annotator did not open it. "
            "Nothing in it is changed." + said
        )
        assert window.team.merge_report is None
        box.close()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        with open_project(team_path) as team:
            assert canonical_dump(team) == before
        assert all_backups() == []  # nor a copy from before a merge that never was
    finally:
        window.close()


def test_a_merge_keeps_the_team_file_as_it_was_and_restore_from_a_backup_lists_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge cannot be undone: a lead who merged the wrong files had only the day's copy, if
    one was recent, listed as any other, and the report said nothing of a way back."""
    team_path = tmp_path / "team.db"
    sources = build_annotator_projects(tmp_path / "people")
    with open_project(team_path) as team:
        team_service.merge_files(team, sources[:1])
        before = canonical_dump(team)
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(p) for p in sources[1:3]], "Projects (*.db)")
    )
    window = open_window(qtbot, None, annotator="dana")
    window.auto_preannotate = False  # only the merge may touch the file
    window.open_project(team_path)
    try:
        _merge_action(window).trigger()
        qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
        box: QMessageBox = window.team.merge_report
        (copy,) = backups_of(team_path)
        with open_project(copy.path, create=False) as kept:
            assert canonical_dump(kept) == before
        with open_project(team_path) as team:
            assert canonical_dump(team) != before
        listed = f"team.db (before merging {sources[1].name} and {sources[2].name})"
        assert box.informativeText() == (
            "A copy of team.db as it was before this merge is kept in the backups. To go back to "
            f"it, choose File ▸ Restore from a Backup… and the copy listed as {listed}, made "
            f"{copy.taken:%Y-%m-%d %H:%M}: it makes a new project file from it, and team.db keeps the merge."
        ), box.informativeText()
        box.close()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.registry["backups"].trigger()
        qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
        dialog = window.findChild(BackupsDialog)
        assert isinstance(dialog, BackupsDialog)
        qtbot.waitExposed(dialog)
        row = dialog.list.topLevelItem(0)
        assert [row.text(0), row.text(1)] == [listed, f"{copy.taken:%Y-%m-%d %H:%M}"]
        assert dialog.list.topLevelItemCount() == 1
        dialog.close()
    finally:
        window.close()


def test_a_merge_whose_copy_cannot_be_made_is_refused_naming_the_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge is the one change nothing undoes: made without its copy (a full disk, a
    folder that refuses it), a wrong file merged had no way back."""
    team_path = tmp_path / "team.db"
    sources = build_annotator_projects(tmp_path / "people")
    with open_project(team_path) as team:
        team_service.merge_files(team, sources[:1])
        before = canonical_dump(team)
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(sources[1])], "Projects (*.db)"))
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("not a folder")  # as a full disk, the copies' folder cannot be made
    window = open_window(qtbot, None, annotator="dana")
    window.auto_preannotate = False  # only the merge may touch the file
    window.open_project(team_path)
    try:
        _merge_action(window).trigger()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=30_000)
        box = window.findChild(QMessageBox, "errorBox")
        qtbot.waitUntil(box.isVisible)
        assert box.text().startswith(f"Nothing was merged: cannot copy team.db into {backups_root()}"), (
            box.text()
        )
        assert "free some space there, or make it a folder you can write to, then merge again" in box.text()
        assert window.team.merge_report is None
        box.close()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        with open_project(team_path) as team:
            assert canonical_dump(team) == before
    finally:
        window.close()


def test_the_merge_progress_moves_through_a_files_articles_and_names_the_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar counted files: one annotator's file of 50,000 articles held it at 0 % for the
    whole merge, and nothing said which file was being merged. It counts the articles of the
    file now, and its line names the file."""
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    sources = build_annotator_projects(tmp_path / "people")[:2]  # alice and bob
    monkeypatch.setattr(
        merge_pick, "ask_merge_paths", lambda *a, **k: ([str(p) for p in sources], "Projects (*.db)")
    )
    # Hold the merge just after the first file's first article, while the bar is read.
    reached, release = threading.Event(), threading.Event()
    real = team_service.merge_project

    def held(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
        def relayed(done: int, total: int, message: str = "", /) -> None:
            if done == 1:
                time.sleep(0.1)  # past the task's 50 ms between relayed steps, so this one is shown
            progress(done, total, message)
            if done == 1 and not reached.is_set():
                reached.set()
                release.wait(timeout=20)

        return real(*args, progress=relayed, **kwargs)

    monkeypatch.setattr(team_service, "merge_project", held)
    window = open_window(qtbot, team_path, annotator="dana")
    window.auto_preannotate = False  # only the merge may touch the file
    try:
        _merge_action(window).trigger()
        qtbot.waitUntil(reached.is_set, timeout=10_000)
        dialog = window.progress_dialog
        assert isinstance(dialog, TaskProgress)
        qtbot.waitUntil(lambda: dialog.value() > 0, timeout=5_000)
        assert dialog.maximum() == len(ARTICLES)
        assert dialog.labelText() == f"Merging project files…\n{sources[0].name} (1 of 2)"
    finally:
        release.set()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        if window.team.merge_report is not None:
            window.team.merge_report.close()
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the file name's completion list, offscreen
def test_the_merge_dialog_does_not_list_the_open_project_under_any_of_its_names(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The merge dialog opens beside the team file, so it listed the team file itself among
    the annotators' files (and its link), and picking it was refused only once the dialog had
    closed, with the other picks. It is left out by the file, not its name: a link, a hard
    link, and a project opened as "x/../team.db" are the open project too. The annotators'
    files are listed, and one picked by keys is merged."""
    import os

    (tmp_path / "x").mkdir()
    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    for source in build_annotator_projects(tmp_path / "people")[:2]:
        os.replace(source, tmp_path / source.name)
    (tmp_path / "team-link.db").symlink_to("team.db")
    os.link(team_path, tmp_path / "team-copy.db")
    window = open_window(qtbot, tmp_path / "x" / ".." / "team.db", annotator="dana")
    listed: list[str] = []

    def look_and_pick() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        view = dialog.findChild(QListView, "listView")
        assert view is not None
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 3, timeout=10_000)
        qtbot.wait(200)  # every row the folder has, not the first ones read
        model, root = view.model(), view.rootIndex()
        listed.extend(str(model.index(row, 0, root).data()) for row in range(model.rowCount(root)))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        name.setFocus()
        qtbot.keyClicks(name, "alice.db")
        qtbot.keyClick(name, Qt.Key.Key_Return)

    QTimer.singleShot(0, window, look_and_pick)
    try:
        window.registry["merge"].trigger()
        assert listed == ["people", "x", "alice.db", "bob.db"]  # folders first, as ever
        qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
        report = window.team.merge_report
        assert report is not None and report.text().startswith("alice.db: 3 new articles")
        report.close()
    finally:
        window.close()


@pytest.mark.parametrize(
    ("picked", "said"),
    [
        (
            ["alice.db", "team.db", "bob.db"],
            "team.db is the project open now: it cannot be merged into itself.\n\n"
            "Merge the other 2 files without it?",
        ),
        (
            ["team-link.db", "bob.db"],
            "team-link.db is the project open now, team.db: it cannot be merged into itself.\n\n"
            "Merge bob.db without it?",
        ),
    ],
)
def test_the_open_project_picked_with_other_files_is_left_out_and_they_are_kept(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, picked: list[str], said: str
) -> None:
    """A native file dialog lists the team file beside the annotators' files: picked with
    them, the whole pick was refused ("Pick the other project files"), and the lead picked
    them all again. It is said at once, before any work, and the other files are merged
    without it on a click; the open project never is."""
    import os

    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    for source in build_annotator_projects(tmp_path / "people")[:2]:
        os.replace(source, tmp_path / source.name)
    (tmp_path / "team-link.db").symlink_to("team.db")
    monkeypatch.setattr(
        merge_pick,
        "ask_merge_paths",
        lambda *a, **k: ([str(tmp_path / p) for p in picked], "Projects (*.db)"),
    )
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        window.registry["merge"].trigger()
        box = window.findChild(QMessageBox, "mergeWithoutOpenProject")
        assert box is not None and box.isVisible()
        assert box.text() == said
        assert not window.busy and window.team.merge_task is None  # nothing runs while it asks
        merge = next(b for b in box.buttons() if b.text() == "&Merge Without It")
        qtbot.mouseClick(merge, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
        report = window.team.merge_report
        assert report is not None
        merged = [line.split(":")[0] for line in report.text().splitlines()]
        assert merged == [p for p in picked if p.startswith(("alice", "bob"))]
        report.close()
    finally:
        window.close()


def test_escape_at_the_open_project_picked_with_other_files_merges_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escape (or Cancel) keeps the team file as it was: the question is the person's to answer."""
    import os

    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    for source in build_annotator_projects(tmp_path / "people")[:1]:
        os.replace(source, tmp_path / source.name)
    with open_project(team_path) as team:
        before = canonical_dump(team)
    monkeypatch.setattr(
        merge_pick,
        "ask_merge_paths",
        lambda *a, **k: ([str(tmp_path / "alice.db"), str(team_path)], "Projects (*.db)"),
    )
    merged: list[object] = []
    monkeypatch.setattr(team_service, "merge_project", lambda *a, **k: merged.append(a))
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        window.registry["merge"].trigger()
        box = window.findChild(QMessageBox, "mergeWithoutOpenProject")
        assert box is not None and box.isVisible()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not box.isVisible())
        assert merged == [] and window.team.merge_task is None and not window.busy
        with open_project(team_path) as team:
            assert canonical_dump(team) == before
    finally:
        window.close()


def test_the_merge_reports_conflicts_are_copied_with_the_keyboard(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The conflicts, under Show Details…, took no focus: Tab went round the buttons only, and
    Ctrl+C copied nothing, so a lead without a mouse could not send alice the list of labels
    the team file had kept. Tab reaches the list, and Ctrl+A, Ctrl+C copy it."""
    team_path = tmp_path / "team.db"
    alice = build_annotator_projects(tmp_path / "people")[0]
    with open_project(team_path) as team:
        team_service.merge_files(team, [alice])
    with open_project(alice) as changed:
        store_of(changed).conn.execute("UPDATE claims SET label = 'opinion' WHERE label = 'factual'")
        store_of(changed).conn.commit()
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(alice)], "Projects (*.db)"))
    window = open_window(qtbot, team_path, annotator="dana")
    _merge_action(window).trigger()
    qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
    box = window.team.merge_report
    qtbot.waitUntil(box.isVisible)
    show = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole)
    qtbot.keyClick(show, Qt.Key.Key_Space)  # Show Details…
    details = box.findChild(QTextEdit)
    assert details is not None and details.isVisible()
    for _ in range(len(box.buttons()) + 1):
        if details.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert details.hasFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(details, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(details, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text().splitlines()
    assert copied == box.detailedText().splitlines() and len(copied) == 6  # alice's factual labels
    assert all("label differs" in line for line in copied)
    box.close()
    window.close()


_HOLD_A_WRITE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE claims SET note = note || ' (being changed)'")
print("held", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("kind", ["being written", "read-only with its -wal"])
def test_a_picked_file_another_program_writes_or_on_a_read_only_disk_says_nothing_was_merged(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Picked with alice's file, carol's file being written by another program (or on a
    write-protected stick with its last work in carol.db-wal) was said as "another program is
    writing to this project; try again" (or "... to open it"): nothing on whether alice's
    labels had gone into the team file. It is named, and the box says nothing was merged."""
    import subprocess
    import sys
    from contextlib import ExitStack

    from tests.read_only_files import small_disk, write_protected

    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    alice, _bob, carol = build_annotator_projects(tmp_path / "people")
    with open_project(team_path) as team:
        before = canonical_dump(team)
    with ExitStack() as stack:
        if kind == "being written":
            writer = subprocess.Popen(
                [sys.executable, "-c", _HOLD_A_WRITE, str(carol)], stdout=subprocess.PIPE, text=True
            )
            stack.enter_context(writer)  # at the end: its pipe closed and the process waited for
            stack.callback(writer.kill)
            assert writer.stdout is not None and writer.stdout.readline() == "held\n"
            said = f"{carol}: is being written by another program; merge again once it has finished."
        else:
            disk = stack.enter_context(small_disk())
            with open_project(carol) as opened:  # copied while carol's window had it open
                store_of(opened).conn.execute("PRAGMA wal_autocheckpoint = 0")
                opened.add_claim(opened.article_ids()[0], 0, 12, "opinion", annotator="carol")
                for name in ("carol.db", "carol.db-wal"):
                    (disk / name).write_bytes((carol.parent / name).read_bytes())
            carol = disk / "carol.db"
            stack.enter_context(write_protected(disk))
            said = (
                f"{carol}: is on a read-only disk or in a read-only folder, and its last saved work "
                "is in carol.db-wal beside it; copy both files together somewhere writable and merge again."
            )
        monkeypatch.setattr(
            merge_pick, "ask_merge_paths", lambda *a, **k: ([str(alice), str(carol)], "Projects (*.db)")
        )
        window = open_window(qtbot, team_path, annotator="dana")
        try:
            window.registry["merge"].trigger()
            qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=30_000)
            box = window.findChild(QMessageBox, "errorBox")
            qtbot.waitUntil(box.isVisible)
            assert box.text() == (
                said + " Nothing was merged, from the other files either: team.db is as it was. "
                "Merge again without this file."
            )
            assert window.team.merge_report is None
            box.close()
            qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
            with open_project(team_path) as team:
                assert canonical_dump(team) == before
        finally:
            window.close()


def test_a_right_to_left_file_name_leaves_its_report_line_left_to_right(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files named in Hebrew ("אליס.db", "קרול 2.db") turned their report lines right to left:
    "db: 3 new articles, … 0 already .אליס", and carol's "2" read as part of a count ("0.2").
    Each line reads left to right, its counts in order, the name whole at its start."""
    import os

    from PySide6.QtGui import QTextDocument

    team_path = tmp_path / "team.db"
    open_project(team_path).close()
    people = build_annotator_projects(tmp_path / "people")
    picked = []
    for name, source in zip(("אליס.db", "😀 bob.db", "קרול 2.db"), people, strict=True):
        os.replace(source, tmp_path / name)
        picked.append(str(tmp_path / name))
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: (picked, "Projects (*.db)"))
    window = open_window(qtbot, team_path, annotator="dana")
    try:
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: window.team.merge_report is not None, timeout=30_000)
        box = window.team.merge_report
        assert box is not None
        lines = box.text().splitlines()
        assert len(lines) == 3
        for line, name in zip(lines, ("אליס.db", "😀 bob.db", "קרול 2.db"), strict=True):
            laid_out = QTextDocument(line)  # as the box lays each line out
            assert laid_out.firstBlock().textDirection() == Qt.LayoutDirection.LeftToRight, line
            assert name in line and line.endswith("already there")
        box.close()
    finally:
        window.close()
