"""The claim list on a narrow window: the claim's text gets the room, the By column gives way.

A 1024x600 laptop at 150% is 683x400 logical pixels. The panel had its least width there, of
which the label and the annotator's name kept theirs: the claim was cut to 12 characters a line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import product
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPalette, QScreen
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTreeView, QWidget
from pytestqt.qtbot import QtBot

from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel
from annotator.services.adjudication import decide, review_items
from annotator.services.project import Project
from annotator.ui.claim_panel import ClaimPanel
from annotator.ui.main_window import MainWindow
from annotator.ui.models import AUTHOR_ROLE
from tests.ui.conftest import open_window

BY = 3  # the By column

SCALED_LAPTOP = QRect(0, 0, 683, 400)
"""A 1024x600 screen at 150%, in logical pixels."""


@pytest.fixture
def scaled_laptop_window(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCALED_LAPTOP)
    window = open_window(qtbot, project_path)
    window.finish_start()
    window.theme_actions["dark"].trigger()
    window.resize(SCALED_LAPTOP.size())
    qtbot.wait(20)
    yield window
    window.close()


def test_on_a_narrow_window_the_claim_gets_the_by_column_s_room(
    qtbot: QtBot, scaled_laptop_window: MainWindow
) -> None:
    """The claim's column was 74 px (12 characters) beside the label's 104 and the name's 42.
    The name gives way, to the label's and the claim's tooltips and the label's spoken text;
    its room goes to the claim where the panel is wider than its least (116 px), and at its
    least to the article's text (the claim keeps `NARROW_CLAIM_CHARACTERS`)."""
    window = scaled_laptop_window
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: window.claim_model.rowCount() == 1)
    qtbot.wait(50)
    header = window.claim_list.header()
    character = window.claim_list.fontMetrics().averageCharWidth()
    assert header.isSectionHidden(BY)
    assert window.splitter.sizes()[2] == window.claims.minimumSizeHint().width()  # the text's width first
    least_claim = header.sectionSize(1)
    assert least_claim >= ClaimPanel.NARROW_CLAIM_CHARACTERS * character
    assert not window.claim_list.horizontalScrollBar().isVisible()
    by = (
        window.claims.readable_width(ClaimPanel.NARROW_CLAIM_CHARACTERS)
        - window.claims.minimumSizeHint().width()
    )
    assert by > 0
    listed, text, claims = window.splitter.sizes()
    window.splitter.setSizes([listed, text - by, claims + by])  # the claims dragged wider by the name's room
    qtbot.waitUntil(lambda: header.sectionSize(1) >= least_claim + by)
    assert header.isSectionHidden(BY)
    assert header.sectionSize(1) > header.sectionSize(0), [header.sectionSize(c) for c in range(4)]
    panes = window.splitter.sizes()
    label, claim = window.claim_model.index(0, 0), window.claim_model.index(0, 1)
    assert "By tester" in claim.data(Qt.ItemDataRole.ToolTipRole)
    assert label.data(Qt.ItemDataRole.ToolTipRole) == "<qt>Questionable, by tester</qt>"
    assert label.data(Qt.ItemDataRole.AccessibleTextRole) == "Questionable, by tester"

    # Room again (a wider window, the claims' pane dragged wider): the name comes back in its
    # column, and leaves the tooltips.
    window.resize(1200, 600)
    qtbot.waitUntil(lambda: sum(window.splitter.sizes()) > sum(panes))
    listed, text, claims = window.splitter.sizes()
    window.splitter.setSizes(
        [listed, text + claims - window.claims.readable_width(), window.claims.readable_width()]
    )
    qtbot.waitUntil(lambda: not header.isSectionHidden(BY))
    assert header.sectionSize(BY) > 0
    assert "By tester" not in claim.data(Qt.ItemDataRole.ToolTipRole)
    assert label.data(Qt.ItemDataRole.AccessibleTextRole) is None

    # Narrow again: the name gives way again.
    window.resize(SCALED_LAPTOP.size())
    qtbot.waitUntil(lambda: header.isSectionHidden(BY))


SCALED_HD_LAPTOP = QRect(0, 0, 780, 439)
"""A 1366x768 screen at 175% (QT_SCALE_FACTOR=1.75), in logical pixels."""


def test_at_175_percent_on_a_1366_screen_the_claim_gets_the_label_name_s_room(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With By given way, the label's column, as wide as "Questionable" beside its chip, kept
    104 of the panel's 186 px and the claim had 74 (12 characters a line, elided after a word
    or two). The label gives way to its chip (its name in the tooltip and the spoken text), and
    its room goes to the claim; the panes keep their widths."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCALED_HD_LAPTOP)
    window = open_window(qtbot, project_path)
    window.finish_start()
    window.resize(SCALED_HD_LAPTOP.size())
    qtbot.wait(20)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: window.claim_model.rowCount() == 1)
    qtbot.wait(50)
    header = window.claim_list.header()
    character = window.claim_list.fontMetrics().averageCharWidth()
    assert window.splitter.sizes()[2] == window.claims.minimumSizeHint().width()
    assert header.isSectionHidden(BY)
    label = window.claim_model.index(0, 0)
    assert label.data() == "3"  # the chip and the label's key, its name given way
    assert label.data(Qt.ItemDataRole.DecorationRole) is not None
    assert label.data(Qt.ItemDataRole.ToolTipRole) == "<qt>Questionable, by tester</qt>"
    assert label.data(Qt.ItemDataRole.AccessibleTextRole) == "Questionable, by tester"
    named = window.claim_list.named_width(0)
    assert header.sectionSize(0) < named
    # The name's room is the claim's: more than `NARROW_CLAIM_CHARACTERS` beside the label whole.
    least_claim = ClaimPanel.NARROW_CLAIM_CHARACTERS * character
    assert header.sectionSize(1) >= least_claim + named - header.sectionSize(0)
    assert header.sectionSize(1) > 2 * header.sectionSize(0)
    assert not window.claim_list.horizontalScrollBar().isVisible()

    # Room again: the label's name comes back, and leaves the tooltip.
    window.resize(1200, 600)
    qtbot.wait(20)
    listed, text, claims = window.splitter.sizes()
    window.splitter.setSizes(
        [listed, text + claims - window.claims.readable_width(), window.claims.readable_width()]
    )
    qtbot.waitUntil(lambda: label.data() == "Questionable")
    assert header.sectionSize(0) == named
    assert label.data(Qt.ItemDataRole.AccessibleTextRole) is None
    window.close()


def test_the_panel_s_least_and_readable_widths_stay_as_the_by_column_gives_way(qtbot: QtBot) -> None:
    """Its giving way must not move the panes: the readable width counts it, the least does not."""
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.keep_room_for("Maximiliana Wolff")
    panel.resize(900, 300)
    panel.show()
    qtbot.waitExposed(panel)
    header = panel.list.header()
    assert not header.isSectionHidden(BY)
    wide = (panel.readable_width(), panel.minimumSizeHint().width())
    panel.resize(panel.minimumSizeHint().width(), 300)
    qtbot.waitUntil(lambda: header.isSectionHidden(BY))
    assert panel.list.labels_as_chips  # the label's name gives way too
    assert (panel.readable_width(), panel.minimumSizeHint().width()) == wide


def test_with_the_by_column_given_way_a_gold_label_is_still_named_the_reviewers_decision(
    qtbot: QtBot,
) -> None:
    """The tooltips and spoken text that stand in for the By column said "by gold", as if a
    person called "gold" had labelled the span."""
    text = "The council approved the budget. Critics call it a disaster."
    gold = Claim(1, 0, 32, ClaimLabel.FACTUAL, GOLD_ANNOTATOR, id=2, decided_by="dana")
    person = Claim(1, 0, 32, ClaimLabel.OPINION, "alice", id=1)
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_claims(text, [gold, person])
    header = panel.list.header()
    assert [panel.model.index(row, BY).data() for row in range(2)] == ["alice", "Gold"]
    panel.resize(panel.minimumSizeHint().width(), 300)
    qtbot.waitUntil(lambda: header.isSectionHidden(BY))
    label, claim = panel.model.index(1, 0), panel.model.index(1, 1)
    assert label.data(Qt.ItemDataRole.ToolTipRole) == "<qt>Factual, gold label, decided by dana</qt>"
    assert label.data(Qt.ItemDataRole.AccessibleTextRole) == "Factual, gold label, decided by dana"
    assert claim.data(Qt.ItemDataRole.ToolTipRole).endswith("<br><br>Gold label, decided by dana</qt>")
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "Opinion, by alice"
    # Seen as well as said: the gold label's chip is a star, the person's a square (full
    # below the star's lower notch, where the star is not).
    chips = [panel.model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) for row in range(2)]
    square, star = (chip.pixmap(12, 12).toImage() for chip in chips)
    assert square.pixelColor(5, 10).alpha() == 255 and star.pixelColor(5, 10).alpha() == 0


def test_a_fit_asked_again_by_the_resizes_it_makes_is_made_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On X11, after a review's gold rows (bold, wider) came into the list, hiding or showing By
    resized the columns fitted to their values, whose `sectionResized` fitted again from inside
    the fit, with the other answer each time, until Python's recursion limit crashed the window.
    The answers alternate here as they did there, and the resize comes from the change the fit makes."""
    text = "The council approved the budget. Critics call it a disaster."
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_claims(text, [Claim(1, 0, 32, ClaimLabel.FACTUAL, "alice", id=1)])
    widths = iter([100_000, 0] * 5_000)  # too wide for the claim beside it, then narrow enough, …
    monkeypatch.setattr(panel, "_by_width", lambda: next(widths))
    panel.model.dataChanged.connect(lambda *_: panel._column_resized(0, 0, 0))
    fits: list[bool] = []
    once = panel._fit_columns_once
    monkeypatch.setattr(panel, "_fit_columns_once", lambda: (fits.append(True), once())[1])
    panel._fit_columns()
    assert len(fits) == 1


def _narrow_panel_of_three_labels(qtbot: QtBot) -> ClaimPanel:
    """A claim panel at its narrowest, one claim of each label, its labels drawn as chips."""
    text = "One claim here. Another claim there. A third claim too."
    spans = [(0, 15), (16, 36), (37, 55)]
    claims = [
        Claim(1, start, end, label, "alice", id=n)
        for n, ((start, end), label) in enumerate(zip(spans, ClaimLabel, strict=True), start=1)
    ]
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_claims(text, claims)
    panel.resize(panel.minimumSizeHint().width(), 300)
    qtbot.waitUntil(lambda: panel.list.labels_as_chips)
    return panel


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("selection", ["none", "focused", "unfocused"])
def test_on_a_narrow_panel_each_label_s_chip_stands_3_to_1_from_its_row(
    qtbot: QtBot, theme: str, selection: str
) -> None:
    """Where a narrow panel shows a claim's label as its chip alone, the chip is what says the
    label; on the dark theme its fill, the label's colour faint as in the text, was 1.6-1.8:1
    against the row (WCAG asks 3:1 of a graphic that carries meaning). Each label's chip stands
    3:1 from the row it is drawn on: plain, alternate, or selected with and without the focus."""
    from annotator.ui.theme import dark_palette, light_palette
    from tests.ui.test_focus_frame import _contrast

    before = QApplication.palette()
    QApplication.setPalette(dark_palette() if theme == "dark" else light_palette())
    try:
        panel = _narrow_panel_of_three_labels(qtbot)
        panel.activateWindow()
        panel.list.setFocus()
        qtbot.waitUntil(panel.list.hasFocus)
        if selection == "unfocused":  # the muted selection (`theme._mute_unfocused_selection`)
            other = QWidget()
            qtbot.addWidget(other)
            other.show()
            other.activateWindow()
            qtbot.waitUntil(lambda: not panel.isActiveWindow())
        for row, shown in enumerate(panel.model.claims()):
            if selection == "none":
                panel.list.clearSelection()
            else:
                panel.show_current(shown.id or 0)
            assert panel.list.selectionModel().isRowSelected(row) == (selection != "none")
            qtbot.wait(10)
            cell = panel.list.visualRect(panel.model.index(row, 0))
            image = panel.list.viewport().grab(cell).toImage()
            # The row's colour: most of the claim's cell beside it, round the words (and a focus rect).
            beside = panel.list.viewport().grab(panel.list.visualRect(panel.model.index(row, 1))).toImage()
            cells = product(range(beside.width()), range(beside.height()))
            pixels = Counter(beside.pixel(x, y) for x, y in cells)
            ground = QColor(pixels.most_common(1)[0][0])
            group = QPalette.ColorGroup.Active if selection == "focused" else QPalette.ColorGroup.Inactive
            selected = panel.list.palette().color(group, QPalette.ColorRole.Highlight)
            if selection != "none":
                assert _contrast(ground, selected) < 1.1
            marked = {
                (x, y)
                for x in range(image.width())
                for y in range(image.height())
                if _contrast(image.pixelColor(x, y), ground) > 1.3  # not a selection's or focus frame's shade
            }
            assert marked, "the chip is drawn"
            # The chip is the first run of marked columns and rows from the top left (the style's
            # focus frame round the empty text beside it is further right).
            left, top = min(x for x, _ in marked), min(y for _, y in marked)
            right, bottom = left, top
            while any((right + 1, y) in marked for y in range(image.height())):
                right += 1
            while any((x, bottom + 1) in marked for x in range(left, right + 1)):
                bottom += 1
            middle_x, middle_y = (left + right) // 2, (top + bottom) // 2
            points = {
                "fill": (middle_x, middle_y),
                "left": (left, middle_y),
                "right": (right, middle_y),
                "top": (middle_x, top),
                "bottom": (middle_x, bottom),
            }
            for part, (x, y) in points.items():
                colour = image.pixelColor(x, y)
                assert _contrast(colour, ground) >= 3.0, (shown.label, part, colour.name(), ground.name())
    finally:
        QApplication.setPalette(before)


SMALL_SCREEN = QRect(0, 0, 1024, 600)


def shown_lines(view: QTreeView, row: int) -> list[str]:
    """The claim cell's lines as its delegate hands them to the style (U+2028 breaks them)."""
    index = view.model().index(row, 1)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    view.itemDelegate().initStyleOption(option, index)
    return str(option.text).split("\u2028")


def all_lines_seen(view: QTreeView) -> bool:
    """Whether every row is tall enough for each of its claim cell's lines."""
    spacing = view.fontMetrics().lineSpacing()
    return all(
        view.visualRect(view.model().index(row, 1)).height() >= len(shown_lines(view, row)) * spacing
        for row in range(view.model().rowCount())
    )


def test_on_a_narrow_window_each_row_of_a_team_file_names_its_author(
    qtbot: QtBot, team: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 1024x600 By gave way on a merged team file, and the list showed three rows "Factual /
    The council approved a budget…" with nothing saying whose each was but its tooltip. Each row
    names its author under the claim, beside the note ("Gold" for a reviewer's decision, which
    has none), and says it to a screen reader; with By back, the claim's cell says it no more."""
    first = review_items(team)[0]
    decide(team, first, "factual", reviewer="dana")
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SMALL_SCREEN)
    window = open_window(qtbot, team.path, annotator="dana")
    window.finish_start()
    window.resize(SMALL_SCREEN.size())
    header = window.claim_list.header()
    model = window.claim_model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and header.isSectionHidden(BY))
    qtbot.waitUntil(lambda: all_lines_seen(window.claim_list))
    claims = model.claims()
    assert {claim.annotator for claim in claims} == {"alice", "bob", "carol", GOLD_ANNOTATOR}
    for row, claim in enumerate(claims):
        *_text, under = shown_lines(window.claim_list, row)
        author = "Gold" if claim.is_gold else claim.annotator
        assert under == (f"{author} · ✎ {claim.note}" if claim.note else author), row
        said = model.index(row, 1).data(Qt.ItemDataRole.AccessibleTextRole)
        if claim.is_gold:
            assert said.endswith("(gold label, decided by dana)")
        else:
            assert said.endswith(f"(by {claim.annotator})")
    assert not claims[0].is_gold and claims[0].note  # a person's row, with its note

    # Room for By: the names are in their column again, and the claim's cell has its note alone.
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: sum(window.splitter.sizes()) > SMALL_SCREEN.width())
    listed, text, claims_pane = window.splitter.sizes()
    wide = window.claims.readable_width()
    window.splitter.setSizes([listed, text + claims_pane - wide, wide])
    qtbot.waitUntil(lambda: not header.isSectionHidden(BY))
    qtbot.waitUntil(lambda: all_lines_seen(window.claim_list))
    for row, claim in enumerate(claims):
        lines = shown_lines(window.claim_list, row)
        assert lines[-1] == (f"✎ {claim.note}" if claim.note else model.index(row, 1).data())
        assert model.index(row, 1).data(AUTHOR_ROLE) is None
        assert model.index(row, 1).data(Qt.ItemDataRole.AccessibleTextRole) is None
    window.close()


def test_on_a_narrow_window_one_annotator_s_claims_keep_their_lines(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one annotator every row would say the same name: By gives way and says nothing more."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SMALL_SCREEN)
    window = open_window(qtbot, project_path)
    window.finish_start()
    window.resize(SMALL_SCREEN.size())
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    model = window.claim_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.claim_list.header().isSectionHidden(BY))
    claim = model.index(0, 1)
    assert shown_lines(window.claim_list, 0) == [claim.data()]
    assert all_lines_seen(window.claim_list)
    assert claim.data(AUTHOR_ROLE) is None
    assert claim.data(Qt.ItemDataRole.AccessibleTextRole) is None
    window.close()


def test_the_rows_name_their_authors_while_the_list_holds_two(qtbot: QtBot) -> None:
    """A person's claims and a reviewer's decision are two authors; the decision alone is one."""
    text = "The council approved the budget. Critics call it a disaster."
    gold = Claim(1, 0, 32, ClaimLabel.FACTUAL, GOLD_ANNOTATOR, id=2, decided_by="dana")
    person = Claim(1, 33, 60, ClaimLabel.OPINION, "alice", id=1, note="check")
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_claims(text, [gold, person])
    header = panel.list.header()
    panel.resize(panel.minimumSizeHint().width(), 300)
    qtbot.waitUntil(lambda: header.isSectionHidden(BY))
    assert [shown_lines(panel.list, row)[-1] for row in range(2)] == ["Gold", "alice · ✎ check"]
    qtbot.waitUntil(lambda: all_lines_seen(panel.list))
    panel.show_claims(text, [gold])  # the person's claim deleted: the decision's row says nothing more
    assert shown_lines(panel.list, 0) == ["The council approved the budget."]
    panel.show_claims(text, [gold, person])  # and back, by undo
    assert shown_lines(panel.list, 0)[-1] == "Gold"


def test_on_a_narrow_panel_each_label_shows_more_than_its_colour(qtbot: QtBot) -> None:
    """Where a narrow panel gives the label's name way, its chip alone told the labels apart:
    to a reader without red or blue cones the three colours come within 5-7 CIEDE2000 of one
    another (`test_colour_vision`), so at 200% on a 1920x1080 screen every row read the same.
    The chip keeps the label's key beside it, as the legend's chips ("1 Factual") and the keys
    do, whole in the column; the name stays in the tooltip and the spoken text."""
    panel = _narrow_panel_of_three_labels(qtbot)
    cells = [panel.model.index(row, 0) for row in range(3)]
    assert [cell.data() for cell in cells] == [label.key for label in ClaimLabel]
    assert [cell.data(Qt.ItemDataRole.AccessibleTextRole) for cell in cells] == [
        f"{label.text}, by alice" for label in ClaimLabel
    ]
    header = panel.list.header()
    option = QStyleOptionViewItem()
    panel.list.initViewItemOption(option)
    for cell in cells:  # the key is drawn whole, not elided to "…" beside its chip
        assert panel.list.itemDelegateForIndex(cell).sizeHint(option, cell).width() <= header.sectionSize(0)
    assert header.sectionSize(1) > 2 * header.sectionSize(0)  # still the claim's room
