"""The legend on a small or scaled screen: the article keeps a readable height.

A 1366x768 laptop at 200% (683x384 logical pixels, as with a large desktop font on a small
screen) wrapped the legend to six rows and left the article about two lines high.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.core.settings import Settings
from annotator.ui.centre import Centre
from annotator.ui.legend import COMMON_ENTITY_LABELS, Legend
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import larger_font, open_window

SCALED_LAPTOP = QRect(0, 0, 683, 384)
"""A 1366x768 screen at a scale of 200%, in logical pixels."""


def visible_lines(window: MainWindow) -> float:
    """How many lines of the article's text the reading view shows at once."""
    view = window.view
    return view.viewport().height() / view.fontMetrics().lineSpacing()


def open_on(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, screen: QRect, path: Path) -> MainWindow:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.view.document().characterCount() > 1)
    qtbot.wait(20)  # the legend folded and the column laid out again
    return window


def test_on_a_scaled_laptop_the_legend_folds_and_the_article_keeps_eight_lines(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, project_path: Path
) -> None:
    window = open_on(qtbot, monkeypatch, SCALED_LAPTOP, project_path)
    try:
        legend = window.legend
        row = legend.more_button.sizeHint().height()
        assert legend.height() <= 3 * row + 12, (legend.height(), row)  # was 168 px, eight rows
        assert visible_lines(window) >= 8, visible_lines(window)  # was 3
        # The claim colours stay whole, and "More types" stays in reach.
        assert all(legend.claim_chip(label).isVisible() for label in ClaimLabel)
        assert legend.more_button.isVisible()
        assert legend.more_button.geometry().bottom() < legend.height()
        folded = [label for label in COMMON_ENTITY_LABELS if not legend.checkbox(label).isVisible()]
        assert folded
        # A switch folded out of the row is in the "More types" menu, and works from there.
        legend.more_menu.aboutToShow.emit()
        names = [action.objectName() for action in legend.more_menu.actions()]
        assert all(f"legendFolded_{label}" in names for label in folded)
        action = next(a for a in legend.more_menu.actions() if a.objectName() == f"legendFolded_{folded[0]}")
        action.trigger()
        assert folded[0] in legend.hidden
        assert "1 hidden" in legend.more_button.text()
    finally:
        window.close()


def test_on_a_full_laptop_screen_every_switch_stays_in_the_legend(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, project_path: Path
) -> None:
    window = open_on(qtbot, monkeypatch, QRect(0, 0, 1366, 768 - 32), project_path)
    try:
        legend = window.legend
        assert all(legend.checkbox(label).isVisible() for label in COMMON_ENTITY_LABELS)
        assert all(sample.isVisible() for sample, _text, _kind in legend._samples)
        assert visible_lines(window) >= 20
    finally:
        window.close()


def test_a_folded_legend_unfolds_when_it_has_room_again(qtbot: QtBot) -> None:
    """Showing a folded switch lays the legend out again at once, which must not disturb the
    switches still being shown (a window made taller, or moved to a larger screen)."""
    legend = Legend()
    qtbot.addWidget(legend)
    legend.resize(legend.more_button.sizeHint().width() * 3, 200)
    legend.set_height_budget(40)
    legend.show()
    qtbot.waitExposed(legend)
    qtbot.wait(20)
    assert not all(legend.checkbox(label).isVisible() for label in COMMON_ENTITY_LABELS)
    legend.set_height_budget(None)  # as a window made tall enough does
    qtbot.wait(20)
    assert all(legend.checkbox(label).isVisible() for label in COMMON_ENTITY_LABELS)
    assert legend.more_button.text() == "More types"


def laid_over(legend: Legend) -> list[tuple[str, str]]:
    """The legend's visible parts drawn over another, or out of the legend's own rectangle."""
    parts = [w for w in legend.findChildren(QWidget) if w.parentWidget() is legend and w.isVisible()]
    names = [part.objectName() or part.accessibleName() for part in parts]
    boxes = [part.geometry() for part in parts]
    found = [
        (name, "outside") for name, box in zip(names, boxes, strict=True) if not legend.rect().contains(box)
    ]
    for i, box in enumerate(boxes):
        found += [(names[i], names[j]) for j in range(i + 1, len(boxes)) if box.intersects(boxes[j])]
    return found


@pytest.mark.parametrize("factor", [1, 1.5, 2])
@pytest.mark.parametrize("height", [180, 500])
def test_the_legends_parts_never_lie_over_each_other(qtbot: QtBot, factor: float, height: int) -> None:
    """A short reading column gave the legend less height than its rows take ("More types"
    drawn over "3 Questionable"), and a legend widened from 340 to 360 px left the style samples
    over the entity switches: showing a folded widget laid the legend out inside its own pass."""
    with larger_font(factor):
        centre = Centre(Settings())
        qtbot.addWidget(centre)
        centre.show_reading(True)
        centre.show()
        qtbot.waitExposed(centre)
        widths = list(range(150, 800, 10))
        for width in [*widths, *reversed(widths)]:
            centre.resize(width, height)
            # A fold settles in a layout pass of its own, posted after the resize's: wait for
            # the layout to settle (a busy machine takes more than a few ms), then look.
            qtbot.wait(10)
            try:
                qtbot.waitUntil(lambda: not laid_over(centre.legend), timeout=1000)
            except qtbot.TimeoutError:
                pytest.fail(f"at {width} px {centre.legend.size()}: {laid_over(centre.legend)}")
