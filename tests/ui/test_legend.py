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


def test_a_folded_row_narrower_than_a_switch_keeps_more_types_whole(qtbot: QtBot) -> None:
    """With the suggestions panel open on a scaled laptop screen the text column is about 120 px:
    the folded row kept PERSON and pushed "More types", and the folded types in it, past the edge."""
    legend = Legend()
    qtbot.addWidget(legend)
    width = legend.more_button.sizeHint().width() + legend.checkbox("PERSON").sizeHint().width()
    legend.resize(width, 200)
    legend.set_height_budget(40)  # two rows: the claim colours, then the switches
    legend.show()
    qtbot.waitExposed(legend)
    qtbot.wait(20)  # laid out
    more = legend.more_button
    assert more.isVisible()
    assert more.geometry().right() < legend.width(), (more.geometry(), legend.width())
    assert not legend.checkbox("PERSON").isVisible()
    legend.more_menu.aboutToShow.emit()
    assert "legendFolded_PERSON" in [action.objectName() for action in legend.more_menu.actions()]
