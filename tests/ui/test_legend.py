"""The legend's "More types" menu takes in every entity type an article brings."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from annotator.ui.legend import Legend


def test_types_outside_the_list_join_the_menu_article_after_article(qtbot: QtBot) -> None:
    """The menu owned its actions and `clear()` deleted them: the next article with a type of
    its own (MISC from an import, one typed in the Add-entity box) failed to open with
    "Internal C++ object already deleted", and the menu stayed empty for the session."""
    legend = Legend()
    qtbot.addWidget(legend)
    before = {action.objectName().removeprefix("legend_") for action in legend.more_menu.actions()}
    legend.set_entity_labels(["MISC"])
    legend.set_entity_labels(["FOO", "PERSON"])
    shown = {action.objectName().removeprefix("legend_") for action in legend.more_menu.actions()}
    assert shown == before | {"MISC", "FOO"}
    legend.set_hidden("MISC", True)
    assert "MISC" in legend.hidden
