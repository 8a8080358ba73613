"""The Guidelines panel follows the project the window has open.

Open beside the text while the person opened another project (File ▸ Open, Open Recent), the
panel went on showing the first project's guidelines, and its Edit guidelines… button raised an
internal error: it read them from the project the window had closed. After File ▸ Close Project
it did the same, with no project open at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.services.guidelines import default_guidelines, set_guidelines
from annotator.services.project import open_project
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window, wait_listed, wikinews_texts


def _project_with_rules(path: Path, rules: str) -> Path:
    make_project(path, wikinews_texts())
    with open_project(path, create=False) as project:
        set_guidelines(project, rules)
    return path


def _shown(window: MainWindow) -> str:
    return window.team.panel.browser.toPlainText()


def test_the_guidelines_shown_and_edited_are_those_of_the_project_open_now(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = _project_with_rules(tmp_path / "first.annotator.db", "# Rules of the first project")
    second = _project_with_rules(tmp_path / "second.annotator.db", "# Rules of the second project")
    window = open_window(qtbot, first)
    try:
        window.registry["guidelines_panel"].trigger()  # View ▸ Guidelines
        qtbot.waitUntil(lambda: window.team.dock.isVisible())
        assert _shown(window) == "Rules of the first project"

        window.open_project(second)
        wait_listed(qtbot, window)
        assert _shown(window) == "Rules of the second project"
        panel = window.team.panel
        qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
        editor = panel.editor
        assert editor is not None and editor.isVisible()
        assert editor.text.toPlainText() == "# Rules of the second project"
        editor.text.setPlainText("# Rules of the second project, revised")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert not editor.isVisible()
        assert window.project is not None
        assert window.project.get_meta("guidelines") == "# Rules of the second project, revised"
        assert _shown(window) == "Rules of the second project, revised"

        window.registry["close_project"].trigger()  # File ▸ Close Project
        assert window.project is None
        assert not panel.edit_button.isEnabled()
        assert _shown(window).startswith(default_guidelines().splitlines()[0].lstrip("# "))
    finally:
        window.close()
    with open_project(first, create=False) as project:
        assert project.get_meta("guidelines") == "# Rules of the first project"
