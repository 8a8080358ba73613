"""Editing the guidelines: what the project refuses is said in the editor, and the text stays."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from annotator.services.guidelines import guidelines, set_guidelines
from annotator.services.project import Project, open_project
from annotator.ui.guidelines import GuidelinesPanel


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    opened = open_project(tmp_path / "team.annotator.db")
    yield opened
    opened.close()


def _edit(qtbot: QtBot, panel: GuidelinesPanel, change: Callable[[QPlainTextEdit], None]) -> QLabel | None:
    """Press Edit, change the text as a person would, press Save; the editor's problem line, if
    the editor is still open. Driven from a timer so that it works on a modal loop too."""
    done: list[QLabel | None] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        text = dialog.findChild(QPlainTextEdit)
        change(text)
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        done.append(dialog.findChild(QLabel, "guidelinesProblem") if dialog.isVisible() else None)

    QTimer.singleShot(0, act)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done))
    return done[0]


def _paste(text: str) -> Callable[[QPlainTextEdit], None]:
    def paste(edit: QPlainTextEdit) -> None:
        edit.selectAll()
        edit.insertPlainText(text)

    return paste


@pytest.mark.parametrize(
    ("pasted", "said"),
    [
        (("A rule that goes on.\n" * 50_000), "over the limit of 1,000,000"),  # 1,050,000 characters
        ("# Rules\n\nFactual\x00 means sourced.", "NUL character"),
        ("   \n", "empty"),
    ],
    ids=["too long", "NUL", "empty"],
)
def test_guidelines_the_project_refuses_are_said_and_kept_in_the_editor(
    qtbot: QtBot, project: Project, tmp_path: Path, pasted: str, said: str
) -> None:
    """Guidelines over the open's limit, or with a NUL, were saved, and the project then refused
    to open; and any refusal closed the editor without a word, the text gone."""
    panel = GuidelinesPanel(project)
    qtbot.addWidget(panel)
    panel.show()
    before = guidelines(project)
    problem = _edit(qtbot, panel, _paste(pasted))
    assert problem is not None, "the editor closed and the text was lost"
    assert problem.isVisible() and said in problem.text()
    assert panel.editor is not None and panel.editor.text.toPlainText() == pasted
    assert project.get_meta("guidelines") is None
    assert guidelines(project) == before
    panel.editor.reject()
    project.close()
    with open_project(tmp_path / "team.annotator.db", create=False) as again:
        assert again.get_meta("guidelines") is None


def test_saved_guidelines_show_in_the_panel(qtbot: QtBot, project: Project) -> None:
    panel = GuidelinesPanel(project)
    qtbot.addWidget(panel)
    panel.show()
    assert _edit(qtbot, panel, _paste("# Ours\n\nOnly **sourced** numbers are factual.")) is None
    assert project.get_meta("guidelines") == "# Ours\n\nOnly **sourced** numbers are factual."
    assert panel.browser.toPlainText().startswith("Ours")


def test_guidelines_saved_in_another_window_meanwhile_are_not_replaced_unseen(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    """Two windows on one project may both save: the second editor to save replaced the first's
    guidelines without a word. Now its first Save says so, and a second one replaces them."""
    panel = GuidelinesPanel(project)
    qtbot.addWidget(panel)
    panel.show()
    ours = "# Ours\n\nA claim needs a source."
    theirs = "# Theirs\n\nA claim needs two sources."

    def saved_elsewhere_then_ours(text: QPlainTextEdit) -> None:
        with open_project(tmp_path / "team.annotator.db", create=False) as other:  # the other window
            set_guidelines(other, theirs)
        _paste(ours)(text)

    problem = _edit(qtbot, panel, saved_elsewhere_then_ours)
    assert problem is not None, "their guidelines were replaced unseen"
    assert "changed in another window" in problem.text()
    assert project.get_meta("guidelines") == theirs
    assert panel.editor is not None and panel.editor.text.toPlainText() == ours
    qtbot.mouseClick(panel.editor.save_button, Qt.MouseButton.LeftButton)  # again, knowingly
    assert project.get_meta("guidelines") == ours
    qtbot.waitUntil(lambda: panel.browser.toPlainText().startswith("Ours"))
