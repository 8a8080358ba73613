"""Team ▸ Rename a Person…: one person under two names made one, driven by keys, one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.ui import merge_pick
from annotator.ui.main_window import MainWindow
from annotator.ui.rename_dialog import RenameDialog
from tests.ui.conftest import make_project, open_window, wikinews_texts


def _two_names_of_one_person(path: Path) -> Path:
    """alice (this laptop's name) and "Alice K" (her other laptop's), and bob, on the first article."""
    make_project(path, wikinews_texts())
    with open_project(path, create=False) as project:
        first = project.article_ids()[0]
        project.add_claim(first, 0, 5, "factual", annotator="alice")
        project.add_claim(first, 10, 20, "opinion", annotator="Alice K")
        project.add_claim(first, 30, 40, "factual", annotator="bob")
    return path


def _listed_names(window: MainWindow) -> list[str]:
    model = window.claim_model
    return sorted(model.claim(row).annotator for row in range(model.rowCount()))


def _stored_names(path: Path) -> list[str]:
    with open_project(path, create=False) as project:
        return sorted(c.annotator for c in project.claims())


def _error_boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]


def _open_dialog(qtbot: QtBot, window: MainWindow) -> RenameDialog:
    window.registry["rename_person"].trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(RenameDialog)))
    (dialog,) = [d for d in window.findChildren(RenameDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.person)  # the person is picked first
    return dialog


def test_renaming_the_window_s_own_person_by_keys_makes_two_names_one_and_ctrl_z_takes_it_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """alice labelled as "alice" here and "Alice K" on another laptop: two people in agreement,
    the dashboard and exports, and no way to make them one."""
    path = _two_names_of_one_person(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path, annotator="alice")
    try:
        qtbot.waitUntil(lambda: window.article is not None)
        assert _listed_names(window) == ["Alice K", "alice", "bob"]
        dialog = _open_dialog(qtbot, window)
        assert dialog.old() == "alice"  # the window's own person, picked first
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.edit
        qtbot.keyClicks(dialog.edit, "Alice K")
        assert "become one person" in dialog.note.text()
        assert "your own name becomes the new one too" in dialog.note.text()
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: _listed_names(window) == ["Alice K", "Alice K", "bob"])
        assert _stored_names(path) == ["Alice K", "Alice K", "bob"]
        assert window.settings.annotator == "Alice K"
        assert window.windowTitle().endswith("(Alice K)")
        assert window.project is not None and "alice" not in window.project.annotators()

        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: _listed_names(window) == ["Alice K", "alice", "bob"])
        assert _stored_names(path) == ["Alice K", "alice", "bob"]
        assert window.settings.annotator == "alice"
        assert window.windowTitle().endswith("(alice)")
    finally:
        window.close()


def _rename_by_keys(qtbot: QtBot, window: MainWindow, new: str) -> None:
    """Team ▸ Rename a Person…, the window's own person picked, Tab, the new name, Enter."""
    dialog = _open_dialog(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.edit, new)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_ctrl_z_of_a_rename_is_refused_in_words_after_another_window_labelled_as_the_new_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The undo put alice's claims back under alice and left the one labelled meanwhile as
    "Alice K" in another window to a person who was no more: two names of one person again."""
    path = _two_names_of_one_person(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path, annotator="alice")
    try:
        qtbot.waitUntil(lambda: window.article is not None)
        _rename_by_keys(qtbot, window, "Alice K")
        qtbot.waitUntil(lambda: _listed_names(window) == ["Alice K", "Alice K", "bob"])
        with open_project(path, create=False) as other:
            other.add_claim(other.article_ids()[1], 0, 5, "opinion", annotator="Alice K")
        stored = _stored_names(path)

        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "errorBox")))
        (box,) = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
        assert box.text().startswith(
            "Not undone: rename alice to Alice K. What Alice K labelled was changed elsewhere since"
            " (in another window, or by an import or a merge)"
        ), box.text()
        box.close()
        assert _stored_names(path) == stored == ["Alice K", "Alice K", "Alice K", "bob"]
        assert window.settings.annotator == "Alice K"  # the window's name stays the one in the file
    finally:
        window.close()


def test_a_copy_handed_out_before_a_rename_is_merged_under_the_new_name_and_the_report_says_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renamed alice to "Alice K", then merged alice's own copy, handed out before: alice was
    back as a person of her own, beside Alice K, and nothing said why."""
    path = _two_names_of_one_person(tmp_path / "team.annotator.db")
    copy = tmp_path / "alice.annotator.db"
    with open_project(path, create=False) as team:
        team.save_copy(copy)
    with open_project(copy, create=False) as hers:
        hers.add_claim(hers.article_ids()[1], 0, 5, "opinion", annotator="alice")  # her later work
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(copy)], "Projects (*.db)"))
    window = open_window(qtbot, path, annotator="alice")
    try:
        qtbot.waitUntil(lambda: window.article is not None)
        _rename_by_keys(qtbot, window, "Alice K")
        qtbot.waitUntil(lambda: _listed_names(window) == ["Alice K", "Alice K", "bob"])
        file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
        next(a for a in file_menu.actions() if a.text() == "&Merge Project Files…").trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        box: QMessageBox = window.team.merge_report
        qtbot.waitUntil(box.isVisible)
        assert (
            "alice's labels came in as Alice K's (alice was renamed Alice K in the team file)" in box.text()
        )
        box.close()
        assert _stored_names(path) == ["Alice K", "Alice K", "Alice K", "bob"]
        with open_project(path, create=False) as team:
            assert team.annotators() == ["Alice K", "bob"]
    finally:
        window.close()


def test_another_window_of_the_renamed_person_labels_under_the_new_name_and_back_after_ctrl_z(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The lead renamed alice to "Alice K" in their window while alice's own window was open on
    the project: hers kept labelling as alice, a person of her own again beside Alice K, and
    its title and claims said alice."""
    path = _two_names_of_one_person(tmp_path / "team.annotator.db")
    hers = open_window(qtbot, path, annotator="alice")
    lead = open_window(qtbot, path, annotator="dana")
    try:
        qtbot.waitUntil(lambda: lead.article is not None and hers.article is not None)
        qtbot.waitUntil(lambda: bool(_error_boxes(lead)))
        for box in _error_boxes(lead):  # "already open in another Annotator window"
            box.close()
        dialog = _open_dialog(qtbot, lead)
        qtbot.keyClick(dialog.person, Qt.Key.Key_Down)  # "Alice K", then alice
        assert dialog.old() == "alice"
        qtbot.keyClick(dialog.person, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.edit, "Alice K")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: _stored_names(path) == ["Alice K", "Alice K", "bob"])
        assert lead.settings.annotator == "dana"  # the lead's own name is not the one renamed

        qtbot.waitUntil(lambda: hers.settings.annotator == "Alice K", timeout=10_000)
        assert hers.windowTitle().endswith("(Alice K)")
        assert hers.statusBar().currentMessage() == (
            "alice was renamed Alice K in another window or program: you label as Alice K now"
        )
        qtbot.waitUntil(lambda: _listed_names(hers) == ["Alice K", "Alice K", "bob"])

        lead.activateWindow()
        qtbot.waitUntil(lead.isActiveWindow)
        lead.view.setFocus()
        qtbot.keyClick(lead.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: _stored_names(path) == ["Alice K", "alice", "bob"])
        qtbot.waitUntil(lambda: hers.settings.annotator == "alice", timeout=10_000)
        assert hers.windowTitle().endswith("(alice)")
    finally:
        lead.close()
        hers.close()


def test_a_window_opened_after_annotator_rename_annotator_labels_under_the_new_name(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """`annotator rename-annotator` run while alice's window was closed: the window opened
    labelling as alice, the name the project no longer had."""
    from annotator.services.renaming import rename_annotator

    path = _two_names_of_one_person(tmp_path / "team.annotator.db")
    with open_project(path, create=False) as project:
        rename_annotator(project, "alice", "Alice B")
    window = open_window(qtbot, path, annotator="alice")
    try:
        qtbot.waitUntil(lambda: window.settings.annotator == "Alice B")
        assert window.windowTitle().endswith("(Alice B)")
    finally:
        window.close()


def test_the_dialog_keeps_rename_waiting_on_a_name_the_window_refuses(qtbot: QtBot, tmp_path: Path) -> None:
    path = _two_names_of_one_person(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path, annotator="bob")
    try:
        dialog = _open_dialog(qtbot, window)
        qtbot.keyClicks(dialog.person, "a")  # the list's letters pick a name
        assert dialog.old() in {"alice", "Alice K"}
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        for typed, said in (("Gold", "reviewers"), (dialog.old(), "has already")):
            dialog.edit.clear()
            qtbot.keyClicks(dialog.edit, typed)
            assert not dialog.ok.isEnabled(), typed
            assert said in dialog.problem.text() + dialog.note.text(), typed
            qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)  # Enter renames nothing
            assert dialog.isVisible()
        assert _stored_names(path) == ["Alice K", "alice", "bob"]
        dialog.reject()
    finally:
        window.close()


@pytest.mark.parametrize(
    ("meanwhile", "stored_after"),
    [
        ("label", ["Alice K", "alice", "alice", "bob"]),
        ("rename", ["Alice K", "Alice M", "bob"]),
        ("nothing", ["Alice K", "alice", "bob"]),
    ],
)
def test_ctrl_shift_z_of_a_rename_is_refused_in_words_after_another_window_labelled_or_renamed_the_old_name(
    qtbot: QtBot, tmp_path: Path, meanwhile: str, stored_after: list[str]
) -> None:
    """Renamed alice to "Alice K", Ctrl+Z, and meanwhile another window labelled as alice (or
    renamed her): Ctrl+Shift+Z renamed again, sweeping the claim made since into "Alice K"."""
    from annotator.services.renaming import rename_annotator

    path = _two_names_of_one_person(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path, annotator="dana")
    try:
        qtbot.waitUntil(lambda: window.article is not None)
        dialog = _open_dialog(qtbot, window)
        qtbot.keyClick(dialog.person, Qt.Key.Key_Down)  # "Alice K", then alice
        assert dialog.old() == "alice"
        qtbot.keyClick(dialog.person, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.edit, "Alice K")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: _stored_names(path) == ["Alice K", "Alice K", "bob"])
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: _stored_names(path) == ["Alice K", "alice", "bob"])
        with open_project(path, create=False) as other:
            if meanwhile == "label":
                other.add_claim(other.article_ids()[1], 0, 5, "opinion", annotator="alice")
            elif meanwhile == "rename":
                rename_annotator(other, "alice", "Alice M")
        assert _stored_names(path) == stored_after

        window.view.setFocus()
        redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window.view, Qt.Key.Key_Z, redo)
        if meanwhile == "nothing":  # the redo renames as the rename did
            qtbot.waitUntil(lambda: _stored_names(path) == ["Alice K", "Alice K", "bob"])
            assert not _error_boxes(window)
            return
        qtbot.waitUntil(lambda: bool(_error_boxes(window)))
        (box,) = _error_boxes(window)
        assert box.text().startswith(
            "Not redone: rename alice to Alice K. What alice labelled was changed"
        ), box.text()
        box.close()
        assert _stored_names(path) == stored_after  # nothing swept into "Alice K"
    finally:
        window.close()


def test_an_open_rename_dialog_lists_the_people_as_another_program_saved_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The people were read as the dialog opened: one labelling under a new name elsewhere was
    not offered, and one renamed elsewhere was, and Enter then refused with "nobody is named"."""
    from annotator.services.renaming import rename_annotator

    path = _two_names_of_one_person(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path, annotator="dana")
    try:
        qtbot.waitUntil(lambda: window.article is not None)
        dialog = _open_dialog(qtbot, window)
        qtbot.keyClicks(dialog.person, "b")  # the list's letters pick a name
        assert dialog.old() == "bob"
        qtbot.keyClick(dialog.person, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.edit, "Robert")
        with open_project(path, create=False) as other:
            other.add_claim(other.article_ids()[1], 0, 5, "opinion", annotator="carol")

        def listed() -> list[str]:
            return [dialog.person.itemText(i) for i in range(dialog.person.count())]

        qtbot.waitUntil(lambda: "carol" in listed(), timeout=10_000)
        assert listed() == ["Alice K", "alice", "bob", "carol"]
        assert dialog.old() == "bob" and dialog.ok.isEnabled()  # still the person picked

        with open_project(path, create=False) as other:
            rename_annotator(other, "bob", "Bobby")
        qtbot.waitUntil(lambda: "Bobby" in listed(), timeout=10_000)
        assert dialog.old() == "bob"
        assert dialog.note.isVisible()
        assert "bob was renamed Bobby in another window or program: pick Bobby" in dialog.note.text()
        assert not dialog.ok.isEnabled()
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)  # Enter renames nothing
        assert dialog.isVisible()
        assert not _error_boxes(window)

        dialog.person.setFocus()
        qtbot.keyClicks(dialog.person, "Bobby")
        assert dialog.old() == "Bobby" and dialog.ok.isEnabled()
        qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: _stored_names(path) == ["Alice K", "Robert", "alice", "carol"])
    finally:
        window.close()


def test_ctrl_z_of_a_rename_is_refused_in_words_once_a_merge_recorded_another_name_for_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renamed bobby to bob, then merged robert's file, in which robert had been renamed bob:
    Ctrl+Z went ahead, and the record still sent robert's labels to bob, nobody any more."""
    from annotator.services.renaming import rename_annotator

    path = tmp_path / "team.annotator.db"
    make_project(path, wikinews_texts())
    robert = tmp_path / "robert.annotator.db"
    with open_project(path, create=False) as team:
        first = team.article_ids()[0]
        team.add_claim(first, 0, 5, "factual", annotator="bobby")
        team.save_copy(robert)
    with open_project(robert, create=False) as his:
        his.add_claim(first, 10, 20, "opinion", annotator="robert")
        rename_annotator(his, "robert", "bob")
        (claim_id,) = [c.id for c in his.claims() if c.annotator == "bob" and c.start == 10]
        assert claim_id is not None
        his.delete_claim(claim_id)  # nothing of his comes in: only the record of his rename
    monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **k: ([str(robert)], "Projects (*.db)"))
    window = open_window(qtbot, path, annotator="bobby")
    try:
        qtbot.waitUntil(lambda: window.article is not None)
        _rename_by_keys(qtbot, window, "bob")
        qtbot.waitUntil(lambda: _listed_names(window) == ["bob"])
        window.registry["merge"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        qtbot.waitUntil(lambda: window.team.merge_report is not None and window.team.merge_report.isVisible())
        window.team.merge_report.close()

        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(_error_boxes(window)))
        (box,) = _error_boxes(window)
        assert box.text() == (
            "Not undone: rename bobby to bob. To call bob bobby again, rename bob to bobby (Team ▸"
            " Rename a Person…): the record of renames has since learnt that robert became bob too (by"
            " a merge or another window), and undone, a later merge would still file robert's labels"
            " under bob, not bobby, so this step was dropped; nothing else was in your undo history."
        ), box.text()
        box.close()
        assert _stored_names(path) == ["bob"]
        with open_project(path, create=False) as team:
            assert team.renames() == {"bobby": "bob", "robert": "bob"}
    finally:
        window.close()
