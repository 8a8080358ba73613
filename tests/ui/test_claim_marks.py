"""A claim's label shows without colour: a solid, wavy or dotted line under it, and in the legend.

To a reader without red or blue cones the three claim backgrounds come within 5-7 CIEDE2000 of
one another (`test_colour_vision`), and they cannot be made darker without the names written on
them losing their contrast: colour was the only thing in the text that told a factual claim
from an opinion (WCAG 1.4.1). These tests read what is drawn, in the view and in the legend.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from statistics import median

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextFormat
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.ui.palette import contrast, scheme_for
from tests.ui.conftest import open_window, select_words


def _near(pixel: QColor, colour: QColor) -> bool:
    return (
        max(
            abs(pixel.red() - colour.red()),
            abs(pixel.green() - colour.green()),
            abs(pixel.blue() - colour.blue()),
        )
        <= 48
    )


def _line_under(image: QImage, ratio: float, left: float, right: float, foot: float, colour: QColor) -> str:
    """What line in `colour` runs along the foot of a span (logical pixels): "solid", "wave",
    "dots" or "none", told by where in the bottom 5 px each column has it, and how many columns do.
    A descender that reaches the foot in the line's colour changes a few columns, not the line."""
    xs = range(round((left + 3) * ratio), round((right - 3) * ratio))
    ys = range(round((foot - 5) * ratio), min(image.height(), round(foot * ratio) + 1))
    rows = [[y for y in ys if _near(image.pixelColor(x, y), colour)] for x in xs]
    inked = [median(column) for column in rows if column]
    if len(inked) < 0.25 * len(rows):
        return "none"
    if len(inked) < 0.75 * len(rows):
        return "dots"
    return "wave" if max(inked) - min(inked) >= 1.5 * ratio else "solid"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_each_label_has_its_own_line_in_the_text_and_in_the_legend(
    qtbot: QtBot, project_path: Path, theme: str
) -> None:
    """Label three phrases 1, 2 and 3: each claim has its label's line along its foot, in the
    label's hue at 3:1 from the claim, and the legend's chip for the label shows the same line."""
    window = open_window(qtbot, project_path)
    try:
        window.theme_actions[theme].trigger()
        qtbot.wait(10)
        view = window.view
        text = view.text
        starts = {
            ClaimLabel.FACTUAL: text.index("A deadly boat fire"),
            ClaimLabel.OPINION: text.index("Santa Cruz Island"),
        }
        third = text.index(" ", starts[ClaimLabel.OPINION] + 40) + 1
        starts[ClaimLabel.QUESTIONABLE] = third
        for label, start in starts.items():
            select_words(qtbot, window, start, 3)
            qtbot.keyClick(view, getattr(Qt.Key, f"Key_{label.key}"))
        view.unselect()  # the lines alone; under a selection: the test below
        view.scroll_to(starts[ClaimLabel.FACTUAL])
        qtbot.wait(20)
        scheme = scheme_for(view.palette())
        image = view.viewport().grab().toImage()
        ratio = image.devicePixelRatio()
        seen: dict[ClaimLabel, str] = {}
        for label, start in starts.items():
            (claim,) = [c for c in window.project.claims(window.article.article.id) if c.start == start]  # type: ignore[union-attr]
            assert claim.label is label
            cursor = QTextCursor(view.document())
            cursor.setPosition(view.offsets.to_utf16(claim.start))
            first = view.cursorRect(cursor)
            cursor.setPosition(view.offsets.to_utf16(claim.end))
            last = view.cursorRect(cursor)
            assert first.top() == last.top(), "a phrase on one line"
            background = scheme.claim_background(label)
            line = scheme.chip_colour(label, background)
            assert contrast(line, background) >= 3.0
            seen[label] = _line_under(image, ratio, first.left(), last.left(), first.bottom() + 1, line)
        chips = {}
        for label in ClaimLabel:
            chip = window.legend.claim_chip(label)
            shot = chip.grab().toImage()
            line = scheme.chip_colour(label, scheme.claim_background(label))
            chips[label] = _line_under(
                shot, shot.devicePixelRatio(), 6, chip.width() - 6, chip.height(), line
            )
        assert seen == {
            ClaimLabel.FACTUAL: "solid",
            ClaimLabel.OPINION: "wave",
            ClaimLabel.QUESTIONABLE: "dots",
        }
        assert chips == seen
        assert all(a != b for a, b in itertools.combinations(seen.values(), 2))
        assert "solid line" in window.legend.claim_chip(ClaimLabel.FACTUAL).toolTip()
    finally:
        window.set_theme("system")
        window.close()


def test_the_line_leaves_the_names_and_quotations_their_underlines(qtbot: QtBot) -> None:
    """A suggested name inside a claim keeps its dashed underline and a quotation its dotted one:
    the claim's line is drawn below them, not set as the claim's underline, which took theirs."""
    from annotator.core.model import Claim, Entity, EntityStatus
    from annotator.ui.article_view import ArticleView

    text = "The mayor John Smith said the bridge cost far too much money."
    name = text.index("John Smith")
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(
        text,
        entities=[Entity(name, name + 10, "PERSON", status=EntityStatus.SUGGESTED, id=1)],
        claims=[Claim(1, 0, len(text), ClaimLabel.OPINION, "me", id=1)],
    )
    (selection,) = view.extraSelections()
    assert not selection.format.hasProperty(QTextFormat.Property.TextUnderlineStyle)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(
    ("label", "drawn"),
    [(ClaimLabel.FACTUAL, "solid"), (ClaimLabel.OPINION, "wave"), (ClaimLabel.QUESTIONABLE, "dots")],
)
def test_a_claim_just_labelled_keeps_its_line_under_the_selection(
    qtbot: QtBot, project_path: Path, theme: str, label: ClaimLabel, drawn: str
) -> None:
    """Label a phrase with its number key: the claim stays selected, and the selection's outline
    leaves the claim's line readable (its bottom edge ran through the dots and joined them)."""
    window = open_window(qtbot, project_path)
    try:
        window.theme_actions[theme].trigger()
        qtbot.wait(10)
        view = window.view
        start = view.text.index("A deadly boat fire")
        select_words(qtbot, window, start, 3)
        qtbot.keyClick(view, getattr(Qt.Key, f"Key_{label.key}"))
        qtbot.wait(20)
        (claim,) = [c for c in window.project.claims(window.article.article.id) if c.start == start]  # type: ignore[union-attr]
        assert claim.label is label
        assert view.selection_rects(), "the claim just labelled is still selected"
        image = view.viewport().grab().toImage()
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.offsets.to_utf16(claim.start))
        first = view.cursorRect(cursor)
        cursor.setPosition(view.offsets.to_utf16(claim.end))
        last = view.cursorRect(cursor)
        scheme = scheme_for(view.palette())
        line = scheme.chip_colour(label, scheme.claim_background(label))
        ratio = image.devicePixelRatio()
        assert _line_under(image, ratio, first.left(), last.left(), first.bottom() + 1, line) == drawn
    finally:
        window.set_theme("system")
        window.close()
