"""An import the window could not fully read says which files, which lines and why, in words
for the window (no command-line options), and opens the full report on request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.ui.import_report import ImportOutcome, ImportReportDialog, Rejected, window_reason
from tests.ui.conftest import fake_opener, handed_paths, make_project, open_window


def test_an_import_says_which_labels_it_left_out(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A doccano file labelled "Fact" came in with its factual claims gone, and the window said
    only "Imported 1 article from 1 file"."""
    path = tmp_path / "doccano.jsonl"
    path.write_text(
        '{"id": 1, "text": "Taxes will fall. That is wrong.",'
        ' "label": [[0, 16, "Fact"], [17, 31, "opinion"]]}\n',
        "utf-8",
    )
    project = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    assert window.article_model.rowCount() == 1
    said = (
        "1 span left out, whose label is none of factual, opinion, questionable nor an entity's: 'Fact' (1)"
    )
    assert window.statusBar().currentMessage() == (
        f"Imported 1 article from 1 file; {said}; 1 label stored as by “imported”"
    )
    # The status bar's line is gone in 8 s: a dialog that stays says it too.
    dialog = window.transfers.import_report
    assert dialog is not None and dialog.isVisible()
    assert dialog.summary.text() == "1 article imported."
    assert dialog.left_out.isVisible() and dialog.left_out.text() == f"{said}."
    assert not dialog.table.isVisible() and not dialog.open_report_button.isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()


def test_a_prodigy_team_export_says_whose_labels_it_joined(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people's lines of one text came in as one article with the first person's labels, and
    the window said "1 already in the project skipped" of a project that was empty."""
    path = tmp_path / "claims.jsonl"
    line = (
        '{{"text": "Taxes will fall.", "spans": [{{"start": 0, "end": 16, "label": "{0}"}}],'
        ' "answer": "accept", "_session_id": "claims-{1}", "_annotator_id": "claims-{1}"}}\n'
    )
    path.write_text(line.format("factual", "alice") + line.format("opinion", "bob"), "utf-8")
    project = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    assert window.article_model.rowCount() == 1
    assert window.statusBar().currentMessage() == (
        "Imported 1 article from 1 file; 2 people's labels on 1 text joined"
    )
    assert window.project is not None
    claims = window.project.claims()
    assert sorted((c.annotator, c.label.value) for c in claims) == [("alice", "factual"), ("bob", "opinion")]


def test_a_persons_doccano_file_imported_alone_says_its_labels_are_imported_and_how_to_name_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """alice.jsonl, doccano's export of one person, came in as "imported"'s without a word, and
    bob.jsonl later was compared in agreement against "imported". The report now says so and how
    to give them alice's name; the rename it points to makes them hers."""
    path = tmp_path / "alice.jsonl"
    path.write_text(
        '{"id": 1, "text": "Taxes will fall. That is wrong.", "label": [[0, 16, "factual"]]}\n', "utf-8"
    )
    project = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    assert window.statusBar().currentMessage() == (
        "Imported 1 article from 1 file; 1 label stored as by “imported”"
    )
    dialog = window.transfers.import_report
    assert dialog is not None and dialog.isVisible()
    assert dialog.summary.text() == "1 article imported."
    assert dialog.unnamed.isVisible() and dialog.unnamed.text() == (
        "1 label stored as by “imported”, as alice.jsonl names no one. If these labels are alice's, "
        "give them that name with Team ▸ Rename a Person… (“imported” to “alice”)."
    )
    assert not dialog.table.isVisible() and not dialog.conflicts.isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert window.project is not None
    assert [c.annotator for c in window.project.claims()] == ["imported"]


def test_a_text_met_twice_in_the_files_is_not_said_to_be_in_the_project(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file holding one text twice, imported into an empty project, read "1 article already in
    the project skipped": the person looked in the project for an article that had never been."""
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Taxes will fall."}\n{"text": "Taxes will fall."}\n', "utf-8")
    project = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    said = []
    for _ in range(2):
        qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        said.append(window.statusBar().currentMessage())
    assert said == [
        "Imported 1 article from 1 file; 1 article repeated in these files skipped",
        # Imported again, both lines' text is the project's now.
        "Imported 0 articles from 1 file; 2 articles already in the project skipped",
    ]
    assert window.article_model.rowCount() == 1


def test_a_second_persons_labels_imported_later_join_the_article_and_changed_ones_are_said(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bob's labels of a text the project held with Alice's were "1 already in the project
    skipped"; now they join the article, and his file imported again once he changed a label
    says the project's are kept, in a dialog that stays."""
    line = (
        '{{"text": "Taxes 🎉 will fall.", "spans": [{{"start": 0, "end": 18, "label": "{0}"}}],'
        ' "answer": "accept", "_session_id": "claims-{1}", "_annotator_id": "claims-{1}"}}\n'
    )
    alice, bob = tmp_path / "alice.jsonl", tmp_path / "bob.jsonl"
    alice.write_text(line.format("factual", "alice"), "utf-8")
    bob.write_text(line.format("opinion", "bob"), "utf-8")
    project = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    said = []
    for path in (alice, bob):
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, path=path, **k: ([str(path)], ""))
        qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        said.append(window.statusBar().currentMessage())
        # Alice's article open before Bob's labels come: they must show in it then.
        qtbot.waitUntil(lambda: window.claim_model.rowCount() >= 1, timeout=10_000)
    assert said == [
        "Imported 1 article from 1 file",
        "Imported 0 articles from 1 file; 1 article given another person's labels",
    ]
    assert window.transfers.import_report is None
    assert window.project is not None
    # The open article shows Bob's label beside Alice's.
    qtbot.waitUntil(lambda: window.claim_model.rowCount() == 2, timeout=5_000)
    assert sorted((c.annotator, c.label.value) for c in window.project.claims()) == [
        ("alice", "factual"), ("bob", "opinion"),
    ]  # fmt: skip
    bob.write_text(line.format("questionable", "bob"), "utf-8")
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    dialog = window.transfers.import_report
    assert dialog is not None and dialog.isVisible()
    assert dialog.summary.text() == (
        "Nothing was imported; 1 article already in the project skipped; not taken, as the project "
        "holds other labels of the same person (changed since? the project's are kept): "
        "'alice line 1' by bob."
    )
    assert sorted((c.annotator, c.label.value) for c in window.project.claims()) == [
        ("alice", "factual"), ("bob", "opinion"),
    ]  # fmt: skip
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()


def test_two_files_labelling_one_persons_span_two_ways_import_and_the_report_names_both(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alice's span labelled factual in one file and opinion in another refused the whole import;
    now the first file's label is kept, the rest imported, and the dialog names both lines."""
    line = (
        '{{"text": "Taxes will fall. Rain.",'
        ' "spans": [{{"start": 0, "end": 16, "label": "{0}", "annotator": "alice"}}]}}\n'
    )
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(line.format("factual"), "utf-8")
    second.write_text(line.format("opinion") + '{"text": "Another text."}\n', "utf-8")
    project = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    # Picked in the other order: the first by name is kept all the same.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(second), str(first)], ""))
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    assert window.article_model.rowCount() == 2
    assert window.statusBar().currentMessage() == (
        "Imported 2 articles from 2 files; 1 article repeated in these files skipped; "
        "1 label not taken, labelled two ways in these files"
    )
    dialog = window.transfers.import_report
    assert dialog is not None and dialog.isVisible()
    assert dialog.summary.text() == "2 articles imported; 1 article repeated in these files skipped."
    assert dialog.conflicts.isVisible()
    assert dialog.conflicts.text() == (
        "1 label not taken: an earlier line of these files gave the same person's span another label, "
        "and the first is kept (change it in the article if the other is right):\n"
        f"alice's 0..16 at {second} line 1: opinion, not taken; factual at {first} line 1 kept"
    )
    assert window.project is not None
    assert [(c.annotator, c.label.value) for c in window.project.claims()] == [("alice", "factual")]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()


def test_a_partly_rejected_import_lists_each_file_and_why_and_opens_the_report(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = incoming / "council.txt"
    good.write_text("Council vote\n\nThe mayor said taxes will rise by 5% next year.\n", "utf-8")
    no_text_column = incoming / "wire.csv"
    no_text_column.write_text('name,body\nx,"A council spokesperson said 300 jobs would go."\n', "utf-8")
    lines = incoming / "feed.jsonl"
    lines.write_text('{"text": "The river rose by two metres overnight."}\n{"text": \n', "utf-8")
    project = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    chosen = [str(good), str(no_text_column), str(lines)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    handed = fake_opener(monkeypatch, tmp_path / "bin", 0)
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.article_model.rowCount() == 2  # the good file and the good line came in
        dialog = window.transfers.import_report
        assert dialog is not None and dialog.isVisible()
        assert dialog.summary.text().startswith("2 articles imported.")
        table = dialog.table
        rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
        assert sorted(row[:2] for row in rows) == [("feed.jsonl", "2"), ("wire.csv", "1")]
        csv_reason = next(reason for name, _line, reason in rows if name == "wire.csv")
        assert "no 'text' column" in csv_reason and "'body'" in csv_reason
        assert "rename the column that holds the text to “text”" in csv_reason
        assert not any("--" in reason for _name, _line, reason in rows)
        assert table.item(0, 0).toolTip().startswith(str(incoming))
        assert "2 could not be imported" in window.statusBar().currentMessage()
        assert "listed in" not in window.statusBar().currentMessage()  # the path is in the dialog
        dialog.open_report_button.click()
        (opened,) = handed_paths(qtbot, handed)
        report = Path(opened)
        assert report.suffix == ".tsv" and "wire.csv" in report.read_text("utf-8")
        assert "--" not in report.read_text("utf-8")  # opened from the window, in the window's words
        dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
        assert not dialog.isVisible()
    finally:
        window.close()


def test_the_report_says_how_many_articles_were_skipped_as_already_in_the_project(qtbot: QtBot) -> None:
    """A file whose one good line was in the project already: the report said "Nothing was
    imported" and listed the other lines only, the skipped one said in a status line that
    this dialog hid and that was gone in 8 s."""
    rejected = (Rejected("/in/feed.jsonl", 2, "empty text"),)
    outcome = ImportOutcome(added=0, files=1, duplicates=1, rejected=rejected, rejected_count=1)
    dialog = ImportReportDialog(None, outcome)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == (
        "Nothing was imported; 1 article already in the project skipped. "
        "These files or lines could not be imported:"
    )
    added = ImportReportDialog(None, ImportOutcome(added=2, files=1, rejected=rejected, rejected_count=1))
    qtbot.addWidget(added)
    assert added.summary.text() == "2 articles imported. These files or lines could not be imported:"


def test_copy_in_the_report_copies_the_selected_rows_whole(qtbot: QtBot) -> None:
    """The rows are selected whole, but Ctrl+C copied one cell of them, a file's bare name, and
    Ctrl+A then Ctrl+C copied nothing: a list of bad lines could not be sent to whoever made
    the file. Each selected row goes whole, as the full report has it: path, line, reason."""
    rejected = (
        Rejected("/in/may/feed.jsonl", 2, "empty text"),
        Rejected("/in/june/feed.jsonl", 7, "empty text"),
        Rejected("/in/photo.png", None, "unsupported file type '.png'; import .txt files"),
    )
    outcome = ImportOutcome(added=1, files=3, rejected=rejected, rejected_count=3)
    dialog = ImportReportDialog(None, outcome)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    table.setFocus()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("")
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(1, 2)).center()
    )
    qtbot.keySequence(table, QKeySequence.StandardKey.Copy)
    empty = "the article's text is empty, so there is nothing to label; fill in its text or remove the line"
    assert clipboard.text() == f"/in/june/feed.jsonl\t7\t{empty}\n"
    qtbot.keySequence(table, QKeySequence.StandardKey.SelectAll)
    qtbot.keySequence(table, QKeySequence.StandardKey.Copy)
    assert clipboard.text() == (
        f"/in/may/feed.jsonl\t2\t{empty}\n"
        f"/in/june/feed.jsonl\t7\t{empty}\n"
        "/in/photo.png\t\tunsupported file type '.png'; import .txt files\n"
    )


def test_advice_that_names_a_command_line_option_is_left_out_in_the_window() -> None:
    no_option = "the row repeats the header (were two files joined?)"
    assert window_reason(no_option) == no_option
    assert window_reason("file too large; import it with --max-bytes 99") == "file too large"
    assert window_reason("bad name --x; rename it") == "bad name --x; rename it"  # the problem stays


def test_the_report_says_what_is_wrong_in_words_for_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "NUL bytes", "a JSON object", "must be a string, got int": the readers' words are a
    programmer's. The report says what is wrong and what to do, still by file and line."""
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    picture = incoming / "photo.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    lines = incoming / "feed.jsonl"
    lines.write_text(
        '{"text": "The river rose by two metres overnight."}\n'
        '{"text": 42}\n'
        '["The council met."]\n'
        '{"text": "A zero \\u0000 byte."}\n'
        '{"text": \n',
        "utf-8",
    )
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    window.auto_preannotate = False
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(picture), str(lines)], ""))
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        dialog = window.transfers.import_report
        assert dialog is not None and dialog.isVisible()
        table = dialog.table
        said = {
            (table.item(r, 0).text(), table.item(r, 1).text()): table.item(r, 2).text()
            for r in range(table.rowCount())
        }
        assert said == {
            ("photo.txt", ""): "is not a text file (a picture, a program, or a Word or PDF document?); "
            "save the article as plain text (.txt) and import that",
            ("feed.jsonl", "2"): "the article's “text” is not in quotes (a number, a list or a "
            "true/false?); put the article's text in quotes",
            (
                "feed.jsonl",
                "3",
            ): 'this line is not an article: each line must be like {"text": "The article…"}',
            ("feed.jsonl", "4"): "the text holds an invisible character that cannot be saved (a zero "
            "byte); remove it and import the file again",
            ("feed.jsonl", "5"): "this line is not written correctly (Expecting value); each line must "
            'be like {"text": "The article…"}',
        }
        dialog.close()
    finally:
        window.close()


def test_a_report_name_taken_by_another_file_says_what_to_do_in_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window names the report itself, beside the project; where another file had that
    name, the import was refused with "give --report a new file name", an option it has not."""
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "council.txt").write_text("Council vote\n\nThe mayor said taxes will rise.\n", "utf-8")
    (incoming / "feed.jsonl").write_text('{"text": \n', "utf-8")
    project = make_project(tmp_path / "p.annotator.db", [])
    start = datetime.now(UTC)
    for second in range(-2, 180):  # every name the report may get while the import runs
        stamp = (start + timedelta(seconds=second)).strftime("%Y%m%d-%H%M%S")
        (tmp_path / f"p.annotator.import-rejected-{stamp}.tsv").write_text("someone's own table\n", "utf-8")
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(incoming))
    try:
        window.transfers.import_folder_dialog()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=60_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert isinstance(box, QMessageBox)
        said = box.text()
        assert "already exists and is not an import report" in said
        assert "--" not in said and "import again" in said
        # The service's line, which starts with the report's path, said as a sentence.
        assert said.startswith(str(tmp_path / "p.annotator.import-rejected-")) and said.endswith("."), said
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.article_model.rowCount() == 0
        box.close()
    finally:
        window.close()


def test_a_line_without_text_or_with_empty_text_says_what_to_do_in_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "missing 'text' field" and "empty text" reached the report as the readers said them:
    a "field" means nothing to an annotator, and neither said what to do about the line."""
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    lines = incoming / "feed.jsonl"
    lines.write_text(
        '{"text": "The river rose by two metres overnight."}\n'
        '{"body": "The council met on Monday."}\n'
        '{"text": "   "}\n',
        "utf-8",
    )
    table_file = incoming / "wire.csv"
    table_file.write_text('title,text\nVote,"The mayor said taxes will rise."\nBlank,""\n', "utf-8")
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", []))
    window.auto_preannotate = False
    chosen = [str(lines), str(table_file)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    try:
        qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        dialog = window.transfers.import_report
        assert dialog is not None and dialog.isVisible()
        table = dialog.table
        said = {
            (table.item(r, 0).text(), table.item(r, 1).text()): table.item(r, 2).text()
            for r in range(table.rowCount())
        }
        empty = (
            "the article's text is empty, so there is nothing to label; fill in its text or remove the line"
        )
        assert said == {
            ("feed.jsonl", "2"): "this line has no “text”: each line must be like "
            '{"text": "The article…"}, with the article\'s words in “text”',
            ("feed.jsonl", "3"): empty,
            ("wire.csv", "3"): empty,
        }
        dialog.close()
    finally:
        window.close()


def test_a_second_unnamed_import_says_the_rename_it_advises_names_the_earlier_ones_too(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """alice.jsonl on Monday and bob.jsonl on Tuesday, both stored as by "imported": Tuesday's
    report advised renaming "imported" to bob, which gave bob alice's label too."""
    alice, bob = tmp_path / "alice.jsonl", tmp_path / "bob.jsonl"
    alice.write_text(
        '{"id": 1, "text": "Taxes will fall. That is wrong.", "label": [[0, 16, "factual"]]}\n', "utf-8"
    )
    bob.write_text(
        '{"id": 2, "text": "Rain is coming. It will be great.", "label": [[0, 15, "factual"],'
        ' [16, 33, "opinion"]]}\n',
        "utf-8",
    )
    project = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, project)
    window.auto_preannotate = False
    said = []
    for path in (alice, bob):
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, p=path, **k: ([str(p)], ""))
        window.activateWindow()  # the window's keys answer in the active window only
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        dialog = window.transfers.import_report
        assert dialog is not None and dialog.isVisible()
        said.append(dialog.unnamed.text())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert said == [
        "1 label stored as by “imported”, as alice.jsonl names no one. If these labels are alice's, "
        "give them that name with Team ▸ Rename a Person… (“imported” to “alice”).",
        "2 labels stored as by “imported”, as bob.jsonl names no one. The project holds 3 labels by "
        "“imported” in all, 1 of them from earlier imports, and a rename of “imported” names them all: "
        "if all 3 are bob's, give them that name with Team ▸ Rename a Person… (“imported” to “bob”).",
    ]
    assert window.project is not None
    assert [c.annotator for c in window.project.claims()] == ["imported"] * 3
