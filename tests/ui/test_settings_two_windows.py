"""Two windows (two starts of the app) change settings at once: each keeps the other's changes.

Each window held the settings it read at its start and wrote all of them at its every change,
so opening a project in one put back the text size, the name or the theme the other had just
changed: the next start had lost them.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.services.settings import load_settings, save_settings
from tests.ui.conftest import make_project, open_window, wait_listed, wikinews_texts


def test_a_change_in_one_window_survives_the_other_window_s_saves(
    qtbot: QtBot, project_path: Path, tmp_path: Path
) -> None:
    save_settings(Settings(annotator="Ada"))
    other = make_project(tmp_path / "other.annotator.db", wikinews_texts()[:1])
    first = open_window(qtbot, project_path, settings=load_settings())
    second = open_window(qtbot, None, settings=load_settings())  # another start, on the same file

    first.set_text_size(20)
    first.set_annotator("Ada Lovelace")
    first.theme_actions["dark"].trigger()
    second.open_project(other)  # saves the second window's recent projects
    wait_listed(qtbot, second)
    second.legend.set_hidden("PERSON", True)
    first.close()
    second.close()

    again = load_settings()
    assert (again.font_size, again.annotator, again.theme) == (20, "Ada Lovelace", "dark")
    assert again.recent_projects == (str(other.resolve()), str(project_path.resolve()))
    assert again.hidden_entity_labels == ("PERSON",)
