"""The legend's "More types" menu takes in every entity type an article brings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLayout
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.ui.legend import Legend
from annotator.ui.palette import scheme_for
from tests.ui.conftest import open_window


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


def _rows(row: QLayout) -> list[list[str]]:
    """The shown widgets of one of the legend's flowing rows, grouped by the line they are on."""
    widgets = [item.widget() for item in (row.itemAt(at) for at in range(row.count())) if item is not None]
    shown = [widget for widget in widgets if widget is not None and widget.isVisible()]
    lines: dict[int, list[str]] = {}
    for widget in sorted(shown, key=lambda w: (w.geometry().top(), w.geometry().left())):
        name = widget.objectName() or (widget.text() if isinstance(widget, QLabel) else "")
        lines.setdefault(widget.geometry().top(), []).append(name)
    return list(lines.values())


@pytest.mark.parametrize("width", [1366, 1024])
def test_no_entry_of_the_legend_is_alone_on_a_line_at_laptop_widths(
    qtbot: QtBot, project_path: Path, width: int
) -> None:
    """At 1366x768 the claim colours and the style samples took a row and a half: "suggested
    label" wrapped alone onto a line of its own, apart from what it is one of."""
    window = open_window(qtbot, project_path)
    try:
        window.resize(width, 700)
        qtbot.waitUntil(lambda: window.width() == width)
        qtbot.wait(20)  # laid out again, and any folding settled
        layout = window.legend.layout()
        assert layout is not None
        for at in range(layout.count()):
            row = layout.itemAt(at).layout()
            assert isinstance(row, QLayout)
            lines = _rows(row)
            assert sum(len(line) for line in lines) > 1
            assert all(len(line) > 1 for line in lines), (width, lines)
        sample = window.legend.findChild(QLabel, "legendSample_label")
        assert sample is not None and sample.isVisible()
        assert sample.geometry().right() < window.legend.width()
    finally:
        window.close()


def test_types_hidden_in_an_earlier_session_are_counted_on_more_types_at_start(
    qtbot: QtBot, project_path: Path
) -> None:
    """MONEY and CARDINAL hidden yesterday: the next start's button read "More types", as if
    every type were shown, and only opening the menu told that two were hidden."""
    settings = Settings(annotator="tester", hidden_entity_labels=("MONEY", "CARDINAL"))
    window = open_window(qtbot, project_path, settings=settings)
    try:
        assert window.legend.more_button.text() == "More types (2 hidden)"
    finally:
        window.close()


def test_a_hidden_type_an_article_brings_later_is_counted(qtbot: QtBot) -> None:
    """A type of an import's own (MISC), hidden before, joins the menu unchecked and is counted."""
    legend = Legend(hidden=["MISC"])
    qtbot.addWidget(legend)
    assert legend.more_button.text() == "More types"
    legend.set_entity_labels(["MISC", "PERSON"])
    (misc,) = [action for action in legend.more_menu.actions() if action.objectName() == "legend_MISC"]
    assert not misc.isChecked()
    assert legend.more_button.text() == "More types (1 hidden)"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_quotation_sample_is_drawn_as_the_article_draws_quotations(
    qtbot: QtBot, project_path: Path, theme: str
) -> None:
    """The article underlines a quotation with dots in the quotation colour (`entity_format`);
    the legend's sample had a solid line in the text's colour, a look nothing in the article has,
    and a person looking for quotations by it did not find them."""
    window = open_window(qtbot, project_path)
    try:
        window.theme_actions[theme].trigger()
        qtbot.wait(10)
        (sample,) = [
            label
            for label in window.legend.findChildren(QLabel)
            if label.toolTip().startswith("Quotations are italic")
        ]
        quote = scheme_for(window.legend.palette()).quote_colour()
        image = sample.grab().toImage()
        dotted = [
            [image.pixelColor(x, y) == quote for x in range(image.width())] for y in range(image.height())
        ]
        line = max(dotted, key=sum)
        assert sum(line) >= 5, "no underline in the quotation colour"
        first, last = line.index(True), len(line) - 1 - line[::-1].index(True)
        assert not all(line[first : last + 1]), "a solid line, not dots"
        assert sample.accessibleName()  # a picture: its words for a screen reader
    finally:
        window.set_theme("system")
        window.close()


def test_the_flow_layout_measures_a_width_once_and_again_when_an_item_grows(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt asks a layout's height for a width at every splitter move and event-loop turn: each
    answer measured every item, 110,000 times in 171 short-lived windows. Kept until the layout
    is invalidated, and worked out again once an item's text makes it wider."""
    from PySide6.QtWidgets import QWidget

    from annotator.ui.legend import FlowLayout

    host = QWidget()
    qtbot.addWidget(host)
    layout = FlowLayout(host)
    labels = [QLabel(f"entity type {n}") for n in range(6)]
    for label in labels:
        layout.addWidget(label)
    host.show()
    width = sum(label.sizeHint().width() for label in labels) // 2
    arranged: list[int] = []
    arrange = FlowLayout._arrange

    def counted(self: FlowLayout, *args: object, **kwargs: bool) -> int:
        arranged.append(1)
        return arrange(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(FlowLayout, "_arrange", counted)
    first = layout.heightForWidth(width)
    assert [layout.heightForWidth(width) for _ in range(5)] == [first] * 5
    assert len(arranged) == 1
    labels[0].setText("a type whose name is far longer than the width asked for " * 2)
    qtbot.waitUntil(lambda: layout.heightForWidth(width) > first)
