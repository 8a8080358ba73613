"""Editing the guidelines: a coordinator's typed text is never thrown away without a word, what
the project refuses is said in the editor, and the text stays.

The panel opens its editor with `open()`, so each test drives the editor right after the click.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QTextOption
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from annotator.services.guidelines import default_guidelines, guidelines, set_guidelines
from annotator.services.project import Project, open_project
from annotator.ui.actions import ACTIONS, shortcut_rows
from annotator.ui.dialogs import ShortcutsDialog
from annotator.ui.guidelines import GuidelinesPanel
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import open_window


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    opened = open_project(tmp_path / "team.annotator.db")
    yield opened
    opened.close()


def _edit(qtbot: QtBot, panel: GuidelinesPanel, change: Callable[[QPlainTextEdit], None]) -> QLabel | None:
    """Press Edit, change the text as a person would, press Save; the editor's problem line, if
    the editor is still open.

    The editor opens with `open()`, not a modal loop, so the click returns with it shown and the
    rest follows at once. Driven from a zero-timer instead (as for a modal loop), the test
    process often aborted with heap corruption when the closed editor was deleted after it."""
    done: list[QLabel | None] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        text = dialog.findChild(QPlainTextEdit)
        change(text)
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        done.append(dialog.findChild(QLabel, "guidelinesProblem") if dialog.isVisible() else None)

    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    act()
    return done[0]


def _paste(text: str) -> Callable[[QPlainTextEdit], None]:
    def paste(edit: QPlainTextEdit) -> None:
        edit.selectAll()
        edit.insertPlainText(text)

    return paste


def _shown_in_the_panel_and_help(
    qtbot: QtBot, project: Project, rules: str, size: tuple[int, int] | None = None
) -> tuple[GuidelinesPanel, ShortcutsDialog]:
    """The project's guidelines set to `rules`, and the two places that show them: the panel
    (shown, at `size` if given) and the `?` dialog. Both are returned for the test to hold:
    made with no parent, a widget is deleted with its last Python reference."""
    set_guidelines(project, rules)
    panel = GuidelinesPanel(project)
    qtbot.addWidget(panel)
    if size is not None:
        panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    shortcuts = ShortcutsDialog(None, shortcut_rows(ACTIONS), guidelines(project))  # `?`
    qtbot.addWidget(shortcuts)
    return panel, shortcuts


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
    panel.editor.done(QDialog.DialogCode.Rejected)  # Escape would ask first: the text was changed
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


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path) -> Iterator[GuidelinesPanel]:
    project = open_project(tmp_path / "p.annotator.db")
    shown = GuidelinesPanel(project)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    project.close()


def _in_editor(qtbot: QtBot, panel: GuidelinesPanel, act: Callable[[QDialog, QPlainTextEdit], None]) -> None:
    """Click Edit guidelines… and run `act` on the editor once it is up."""
    done: list[bool] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        try:
            editor = dialog.findChild(QPlainTextEdit)
            assert editor is not None
            act(dialog, editor)
        finally:
            done.append(True)
            if (
                shiboken6.isValid(dialog) and dialog.isVisible()
            ):  # a failed check must not leave a modal dialog behind
                dialog.done(QDialog.DialogCode.Rejected)

    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)  # opened, not a modal loop
    run()


def _asking(dialog: QDialog) -> QMessageBox | None:
    """The question the dialog is asking, if any (an answered one may linger until deleted)."""
    return next((box for box in dialog.findChildren(QMessageBox) if box.isVisible()), None)


def _project(panel: GuidelinesPanel) -> Project:
    assert panel.project is not None
    return panel.project


def test_escape_asks_before_throwing_edited_guidelines_away(qtbot: QtBot, panel: GuidelinesPanel) -> None:
    seen: dict[str, object] = {}

    def type_then_escape(dialog: QDialog, editor: QPlainTextEdit) -> None:
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        qtbot.keyClicks(editor, "Numbers without a source are questionable.")
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        box = _asking(dialog)
        seen["open"] = dialog.isVisible()
        seen["asked"] = box.text() if box is not None else None
        if box is not None:
            qtbot.keyClick(box, Qt.Key.Key_Escape)  # no: back to the text as typed
            seen["kept"] = dialog.isVisible() and editor.toPlainText().endswith("questionable.")
            seen["focus"] = isinstance(dialog.focusWidget(), QPlainTextEdit)
            # Cancel asks too; D (Discard) closes without saving.
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
            box = _asking(dialog)
            assert box is not None
            results: list[int] = []
            dialog.finished.connect(results.append)
            qtbot.keyClick(box, Qt.Key.Key_D)
            qtbot.waitUntil(lambda: bool(results))  # the button clicks after a flash
            seen["closed"] = results == [QDialog.DialogCode.Rejected.value]

    _in_editor(qtbot, panel, type_then_escape)
    assert seen["open"] is True
    assert seen["asked"] == "Discard your changes to the guidelines?"
    assert seen["kept"] is True and seen["focus"] is True
    assert seen["closed"] is True
    assert guidelines(_project(panel)) == default_guidelines()

    # Nothing changed: Escape closes at once.
    untouched: dict[str, bool] = {}

    def escape(dialog: QDialog, editor: QPlainTextEdit) -> None:
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        untouched["closed"] = not dialog.isVisible()

    _in_editor(qtbot, panel, escape)
    assert untouched["closed"]


def test_guidelines_that_cannot_be_saved_stay_in_the_editor_with_the_reason(
    qtbot: QtBot, panel: GuidelinesPanel
) -> None:
    seen: dict[str, object] = {}

    def empty_then_save(dialog: QDialog, editor: QPlainTextEdit) -> None:
        editor.selectAll()
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
        qtbot.keyClicks(editor, "   ")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        seen["open"] = dialog.isVisible()
        said = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
        seen["said"] = said
        if dialog.isVisible():
            # Writing something and saving again works, from the keyboard (Ctrl+Return).
            editor.selectAll()
            qtbot.keyClicks(editor, "# Ours")
            qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            seen["saved"] = not dialog.isVisible()

    _in_editor(qtbot, panel, empty_then_save)
    assert seen["open"] is True
    # The service's words ("the guidelines are empty; …") said as a sentence.
    assert "The guidelines are empty; write some text or keep the defaults." in seen["said"]
    assert seen["saved"] is True
    assert guidelines(_project(panel)) == "# Ours"
    assert panel.browser.toPlainText() == "Ours"


_PANEL_DROPPED_AFTER_A_SAVE = """
import gc, sys, weakref
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from annotator.services.project import open_project
from annotator.ui.guidelines import GuidelinesPanel

app = QApplication([])
project = open_project(Path(sys.argv[1]))
panel = GuidelinesPanel(project)  # no parent: Python owns it, as a test's panel
panel.show()
panel.edit()
panel.editor.text.setPlainText("# Ours")
panel.editor.accept()  # saved and closed: its deletion is posted
gone = weakref.ref(panel)
del panel
gc.collect()
print("panel kept alive:", gone() is not None, flush=True)
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the editor is deleted
print("editor deleted", flush=True)
project.close()
"""


def test_a_panel_nothing_holds_is_not_destroyed_from_inside_its_editor(tmp_path: Path) -> None:
    """The editor's `accepted` was connected to a lambda holding the panel: PySide kept it, and
    so the panel, until the editor was deleted, and the panel was then destroyed from inside the
    editor's destructor and destroyed the editor again. The test process aborted with heap
    corruption at random ("malloc_consolidate(): unaligned fastbin chunk detected"); here, where
    nothing else holds the panel, it died every time. Run apart, so that a crash fails one test."""
    run = subprocess.run(
        [sys.executable, "-c", _PANEL_DROPPED_AFTER_A_SAVE, str(tmp_path / "team.annotator.db")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.splitlines() == ["panel kept alive: False", "editor deleted"]


@pytest.mark.parametrize(
    "long_part",
    [
        "".join(f"- Outlet {i} is a source of record\n" for i in range(12_000)),
        "| Outlet | Kind |\n|---|---|\n" + "".join(f"| Outlet {i} | record |\n" for i in range(12_000)),
    ],
    ids=["list", "table"],
)
def test_guidelines_with_a_huge_list_or_table_are_shown_without_freezing_the_window(
    qtbot: QtBot, project: Project, long_part: str
) -> None:
    """Qt lays out a Markdown list or table in time that grows as the square of its length:
    guidelines holding a list of 12,000 outlets (a pasted register, or a file made to do it)
    held the window still for many seconds when the panel opened, again when `?` showed them,
    and at every start with the panel open; a million characters' worth, for most of an hour.
    Such guidelines are shown as written, with a line that says why."""
    rules = "# Labelling guidelines\n\nOnly outlets of record are sources.\n\n" + long_part
    panel, shortcuts = _shown_in_the_panel_and_help(qtbot, project, rules)
    for browser in (panel.browser, shortcuts.guidelines):
        shown = browser.toPlainText()
        assert shown.endswith(rules), "shown as written, every outlet in it"
        assert "shown as written" in shown.split("\n", 1)[0]


def test_guidelines_with_a_long_run_without_spaces_are_laid_out_without_freezing_the_window(
    qtbot: QtBot, project: Project
) -> None:
    """Qt's default wrapping breaks a run that allows no line break anywhere, in time that grows
    as the square of the run's length: guidelines of `x(a)x(a)…` held the window still for
    minutes. The panel and `?` break lines only where Unicode allows, so an address still
    wraps at its slashes and the whole text is shown."""
    address = "https://example.org/guides/claims/" + "/".join(f"section-{i}" for i in range(12))
    rules = f"# Labelling guidelines\n\nRead {address} first.\n\n" + "x(a)" * 20_000 + "\n"
    panel, shortcuts = _shown_in_the_panel_and_help(qtbot, project, rules, size=(300, 500))
    for browser in (panel.browser, shortcuts.guidelines):
        assert browser.wordWrapMode() == QTextOption.WrapMode.WordWrap
        assert address in browser.toPlainText() and browser.toPlainText().count("x(a)") == 20_000
    block = panel.browser.document().findBlock(panel.browser.toPlainText().index(address))
    assert block.layout().lineCount() > 1, "the address wraps at its slashes, as before"


def test_guidelines_of_deeply_nested_html_are_shown_as_written_without_freezing_the_window(
    qtbot: QtBot, project: Project
) -> None:
    """Qt reads HTML inside Markdown with its rich-text parser, slower than the square of how
    deep the tags nest: 20,000 nested `<div>`s in a project's guidelines (220,000 characters)
    held the window still for most of a minute when the panel or `?` showed them. Guidelines
    with that many tags are shown as written, with a line that says why."""
    rules = "# Labelling guidelines\n\n" + "<div>" * 3_000 + "Quotes are claims." + "</div>" * 3_000 + "\n"
    panel, shortcuts = _shown_in_the_panel_and_help(qtbot, project, rules)
    for browser in (panel.browser, shortcuts.guidelines):
        shown = browser.toPlainText()
        assert shown.endswith(rules), "shown as written, every tag in it"
        assert "HTML tags" in shown.split("\n", 1)[0] and "shown as written" in shown.split("\n", 1)[0]


def test_a_link_with_a_very_long_address_is_asked_about_in_a_box_that_fits_the_screen(
    qtbot: QtBot, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link of 200,000 characters was asked about in a box 29,000 pixels tall, its Yes and No
    far below the screen. The address is shortened in its middle, and the site it opens is
    said on its own line, since a shortened address may hide it (`https://a.example…@b.example`)."""
    address = "https://docs.example.org@pages.example.net/" + "a" * 200_000
    set_guidelines(project, f"# Rules\n\nRead [the manual]({address}) first.\n")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel = GuidelinesPanel(project)
    qtbot.addWidget(panel)
    panel.resize(400, 300)
    panel.show()
    qtbot.waitExposed(panel)
    browser = panel.browser
    cursor = browser.document().find("the manual")
    cursor.setPosition(cursor.selectionStart() + 2)
    asked: list[tuple[str, bool]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        frame = box.frameGeometry()
        asked.append((box.text(), box.screen().availableGeometry().contains(frame)))
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # No

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect(cursor).center())
    qtbot.waitUntil(lambda: bool(asked))
    text, fits = asked[0]
    assert fits, "the whole box, its buttons too, is on the screen"
    assert "The page is on pages.example.net." in text
    assert "…" in text and len(text) < 1_000
    assert opened == []


_OURS = "# Ours\n\nOnly **sourced** numbers are factual."


def _reset_box(qtbot: QtBot, panel: GuidelinesPanel) -> QMessageBox:
    """Alt+R in the panel, as a keyboard user presses Reset to Shipped Guidelines…; the question."""
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)  # a mnemonic works in the active window only
    panel.reset_button.setFocus()
    qtbot.keyClick(panel.reset_button, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.reset_box is not None and panel.reset_box.isVisible())
    assert panel.reset_box is not None
    return panel.reset_box


def test_reset_to_shipped_guidelines_asks_then_ctrl_z_in_the_window_brings_the_edited_text_back(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A lead who rewrote the guidelines had no way back to the shipped ones but retyping them.
    Reset to Shipped Guidelines… asks, saves them, and is one step of the window's history."""
    path = tmp_path / "team.annotator.db"
    with open_project(path) as made:
        set_guidelines(made, _OURS)
    window = open_window(qtbot, path)
    try:
        window.registry["guidelines_panel"].trigger()
        panel = window.team.panel
        qtbot.waitUntil(panel.isVisible)
        assert panel.browser.toPlainText().startswith("Ours")
        assert panel.reset_button.isEnabled()

        box = _reset_box(qtbot, panel)
        assert "Ctrl+Z" in box.text() and "team.annotator.db" in box.text()
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # Cancel: nothing changes
        qtbot.waitUntil(lambda: panel.reset_box is None)
        assert window.project is not None and window.project.get_meta("guidelines") == _OURS

        qtbot.keyClick(_reset_box(qtbot, panel), Qt.Key.Key_R)  # Reset
        qtbot.waitUntil(lambda: panel.reset_box is None)
        assert window.project.get_meta("guidelines") == default_guidelines()
        qtbot.waitUntil(lambda: panel.browser.toPlainText().startswith("Labelling guidelines"))
        assert not panel.reset_button.isEnabled()
        assert panel.reset_button.toolTip() == "These are the guidelines annotator ships with already."
        with open_project(path, create=False) as other:  # committed: another window sees them
            assert guidelines(other) == default_guidelines()

        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: panel.browser.toPlainText().startswith("Ours"))
        assert window.project.get_meta("guidelines") == _OURS
        assert panel.reset_button.isEnabled()
        assert window.undo_stack.index() == 0 and window.undo_stack.count() == 1  # one step

        qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: panel.browser.toPlainText().startswith("Labelling guidelines"))
        assert window.project.get_meta("guidelines") == default_guidelines()
    finally:
        window.close()


def test_reset_is_greyed_on_the_shipped_guidelines_and_says_so(qtbot: QtBot, panel: GuidelinesPanel) -> None:
    project = _project(panel)
    assert not panel.reset_button.isEnabled()
    assert panel.reset_button.toolTip() == "These are the guidelines annotator ships with already."
    qtbot.keyClick(panel, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert panel.reset_box is None
    # Saved word for word by the editor, they are the shipped ones too.
    assert _edit(qtbot, panel, _paste(default_guidelines() + "\nAsk before labelling a quote.")) is None
    assert panel.reset_button.isEnabled()
    assert _edit(qtbot, panel, _paste(default_guidelines())) is None
    assert not panel.reset_button.isEnabled()
    assert project.get_meta("guidelines") == default_guidelines()


def test_reset_does_not_replace_guidelines_saved_in_another_window_meanwhile(
    qtbot: QtBot, panel: GuidelinesPanel, tmp_path: Path
) -> None:
    """Asked while another window saved new guidelines, Reset threw them away unseen."""
    project = _project(panel)
    set_guidelines(project, _OURS)
    panel.set_project(project)
    box = _reset_box(qtbot, panel)
    theirs = "# Theirs\n\nA claim needs two sources."
    with open_project(tmp_path / "p.annotator.db", create=False) as other:
        set_guidelines(other, theirs)
    said: list[str] = []

    def answer() -> None:
        refusal = QApplication.activeModalWidget()
        if not isinstance(refusal, QMessageBox) or refusal is box:  # not asked yet
            QTimer.singleShot(10, answer)
            return
        said.append(refusal.text())
        refusal.done(0)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(box, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: bool(said))
    assert "changed in another window" in said[0]
    assert project.get_meta("guidelines") == theirs
    qtbot.waitUntil(lambda: panel.browser.toPlainText().startswith("Theirs"))
    assert panel.reset_button.isEnabled()


def _type_and_save(qtbot: QtBot, panel: GuidelinesPanel, typed: str) -> None:
    """Edit guidelines…, type `typed` at the end of the text (each "\n" a Return), Ctrl+Return (Save)."""
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    editor = panel.editor
    assert editor is not None and editor.isVisible()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    for number, line in enumerate(typed.split("\n")):
        if number:
            qtbot.keyClick(editor.text, Qt.Key.Key_Return)
        qtbot.keyClicks(editor.text, line)
    qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible(), editor.problem.text()


def _editor_text(qtbot: QtBot, panel: GuidelinesPanel) -> str:
    """What Edit guidelines… opens on now; closed again with Escape (nothing changed)."""
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    editor = panel.editor
    assert editor is not None and editor.isVisible()
    seen = editor.text.toPlainText()
    qtbot.keyClick(editor.text, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    return seen


def _ctrl(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, Qt.KeyboardModifier.ControlModifier)


def _guidelines_window(qtbot: QtBot, path: Path) -> tuple[MainWindow, GuidelinesPanel]:
    window = open_window(qtbot, path)
    window.registry["guidelines_panel"].trigger()
    panel = window.team.panel
    qtbot.waitUntil(panel.isVisible)
    return window, panel


def test_a_saved_edit_of_the_guidelines_is_one_step_ctrl_z_takes_back_after_a_reset_too(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Save in the editor was not on the window's history: the lead who saved a wrong edit could
    not take it back with Ctrl+Z, and after Reset… then an edit and Save, Ctrl+Z refused the
    reset's undo, saying the guidelines "were changed in another window", which this window did.
    Now each Ctrl+Z takes back one of them, latest first, to exactly the text before it."""
    path = tmp_path / "team.annotator.db"
    with open_project(path) as made:
        set_guidelines(made, _OURS)
    window, panel = _guidelines_window(qtbot, path)
    try:
        project = window.project
        assert project is not None
        qtbot.keyClick(_reset_box(qtbot, panel), Qt.Key.Key_R)
        qtbot.waitUntil(lambda: panel.reset_box is None)
        assert project.get_meta("guidelines") == default_guidelines()

        _type_and_save(qtbot, panel, "\nAsk the lead before labelling a quote.")
        edited = default_guidelines() + "\nAsk the lead before labelling a quote."
        assert project.get_meta("guidelines") == edited
        qtbot.waitUntil(
            lambda: panel.browser.toPlainText().endswith("Ask the lead before labelling a quote.")
        )
        assert window.registry["undo"].text() == "&Undo edit guidelines"
        assert (window.undo_stack.count(), window.undo_stack.index()) == (2, 2)

        _ctrl(qtbot, window, Qt.Key.Key_Z)  # the save
        assert [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()] == []
        assert project.get_meta("guidelines") == default_guidelines()
        assert _editor_text(qtbot, panel) == default_guidelines()

        _ctrl(qtbot, window, Qt.Key.Key_Z)  # the reset
        assert [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()] == []
        assert project.get_meta("guidelines") == _OURS
        qtbot.waitUntil(lambda: panel.browser.toPlainText().startswith("Ours"))
        assert _editor_text(qtbot, panel) == _OURS

        _ctrl(qtbot, window, Qt.Key.Key_Y)
        _ctrl(qtbot, window, Qt.Key.Key_Y)
        assert project.get_meta("guidelines") == edited
        assert _editor_text(qtbot, panel) == edited
        with open_project(path, create=False) as other:  # each step committed
            assert guidelines(other) == edited
    finally:
        window.close()


def test_saving_unchanged_guidelines_adds_no_undo_step(qtbot: QtBot, tmp_path: Path) -> None:
    """Save without a change wrote the shown text as the project's own, and, as a step, would
    leave a Ctrl+Z that visibly does nothing."""
    path = tmp_path / "team.annotator.db"
    open_project(path).close()
    window, panel = _guidelines_window(qtbot, path)
    try:
        _type_and_save(qtbot, panel, "")
        assert window.project is not None and window.project.get_meta("guidelines") is None
        assert window.undo_stack.count() == 0
        assert not window.registry["undo"].isEnabled()
    finally:
        window.close()


def test_the_undo_of_a_guidelines_edit_is_refused_after_another_window_saved_its_own(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Another window (or program) saved its guidelines after this window's edit: Ctrl+Z says
    so in plain words and leaves theirs, never writing the old text over them; the panel then
    shows theirs (it went on showing the text the undo was refused for)."""
    path = tmp_path / "team.annotator.db"
    open_project(path).close()
    window, panel = _guidelines_window(qtbot, path)
    try:
        _type_and_save(qtbot, panel, "\nAsk the lead.")
        theirs = "# Theirs\n\nA claim needs two sources."
        with open_project(path, create=False) as other:
            set_guidelines(other, theirs)
        _ctrl(qtbot, window, Qt.Key.Key_Z)
        qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox, "errorBox")))
        (said,) = [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
        assert said == (
            "Not undone: edit guidelines. The text of the guidelines was changed elsewhere since (in"
            " another window, or by an import or a merge), so this step was dropped; nothing else was"
            " in your undo history."
        )
        assert "Traceback" not in said
        assert window.project is not None and window.project.get_meta("guidelines") == theirs
        # The panel, where the words send the person, shows theirs, not the text refused.
        qtbot.waitUntil(lambda: panel.browser.toPlainText().startswith("Theirs"))
        assert _editor_text(qtbot, panel) == theirs
    finally:
        window.close()


def test_the_editor_title_marks_unsaved_text_and_its_ctrl_z_undoes_typing_only(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Nothing told an edit of an hour from the text just opened: the title now ends in "*" while
    the text differs, and loses it when Ctrl+Z in the editor takes the typing back, which leaves
    the window's history (a Reset… before) alone."""
    path = tmp_path / "team.annotator.db"
    with open_project(path) as made:
        set_guidelines(made, _OURS)
    window, panel = _guidelines_window(qtbot, path)
    try:
        qtbot.keyClick(_reset_box(qtbot, panel), Qt.Key.Key_R)
        qtbot.waitUntil(lambda: panel.reset_box is None)
        qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
        editor = panel.editor
        assert editor is not None and editor.isVisible()
        shown = editor.windowHandle()
        assert shown.title() == "Edit guidelines (Markdown)"
        editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
        qtbot.keyClicks(editor.text, "Ask the lead.")
        assert shown.title() == "Edit guidelines (Markdown)*"
        for _ in "Ask the lead.":  # each key one step of the editor's own undo, at most
            if editor.text.toPlainText() == default_guidelines():
                break
            qtbot.keyClick(editor.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert editor.text.toPlainText() == default_guidelines()
        assert shown.title() == "Edit guidelines (Markdown)"
        assert window.project is not None and window.project.get_meta("guidelines") == default_guidelines()
        assert (window.undo_stack.count(), window.undo_stack.index()) == (1, 1)
        qtbot.keyClick(editor.text, Qt.Key.Key_Escape)  # unchanged: closes without asking
        assert not editor.isVisible()
    finally:
        window.close()
