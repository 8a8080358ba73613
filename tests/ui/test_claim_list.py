"""The claim list after a label, undo or redo: only the rows an edit touched change.

A reset of the list made the view lay out every wrapped row again, a stall after each
label on an article of hundreds of claims. These tests hold what a person sees (rows in
text order, the current row, the count, the text's selection, the keys) and that a single
edit reaches the view as inserted, removed or changed rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QPalette, QPixmap, QRegion
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QStyleOptionViewItem, QToolTip, QTreeView
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import GOLD_ANNOTATOR, ArticleStatus, Claim, ClaimLabel
from annotator.ui.claim_panel import ClaimPanel
from annotator.ui.main_window import MainWindow
from annotator.ui.models import ClaimListModel
from annotator.ui.palette import scheme_for
from tests.ui.conftest import ink_margins, make_project, open_window, wikinews_texts
from tests.ui.test_claims_narrow import shown_lines

_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass
class Signals:
    """What the model told its views."""

    inserted: list[tuple[int, int]] = field(default_factory=list)
    removed: list[tuple[int, int]] = field(default_factory=list)
    changed: list[tuple[int, int]] = field(default_factory=list)
    resets: int = 0

    def clear(self) -> None:
        self.inserted.clear()
        self.removed.clear()
        self.changed.clear()
        self.resets = 0


def watch(model: ClaimListModel) -> Signals:
    signals = Signals()
    model.rowsInserted.connect(lambda _parent, first, last: signals.inserted.append((first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: signals.removed.append((first, last)))
    model.dataChanged.connect(
        lambda top, bottom, _roles=(): signals.changed.append((top.row(), bottom.row()))
    )
    model.modelReset.connect(lambda: setattr(signals, "resets", signals.resets + 1))
    return signals


def claim(
    claim_id: int, start: int, end: int, label: ClaimLabel = ClaimLabel.FACTUAL, who: str = "ann"
) -> Claim:
    return Claim(start=start, end=end, label=label, annotator=who, id=claim_id, article_id=1)


TEXT = "One claim here. Two claims there. Three more. Four and five. Six at the end."


def test_the_model_inserts_removes_and_changes_rows_of_the_same_article(qapp, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ClaimListModel()
    first = [claim(1, 0, 15), claim(2, 16, 33), claim(3, 47, 60)]
    model.set_claims(TEXT, first)
    qtmodeltester.check(model, force_py=True)  # and it keeps checking every change below
    signals = watch(model)

    model.set_claims(TEXT, [*first, claim(4, 34, 46)])  # a label between the second and the third
    assert (signals.inserted, signals.removed, signals.resets) == ([(2, 2)], [], 0)
    assert [c.id for c in model.claims()] == [1, 2, 4, 3]
    assert model.index(2, 1).data() == "Three more."

    signals.clear()
    model.set_claims(
        TEXT, [first[0], replace(first[1], label=ClaimLabel.OPINION), first[2], claim(4, 34, 46)]
    )
    assert (signals.inserted, signals.removed, signals.changed, signals.resets) == ([], [], [(1, 1)], 0)
    assert model.index(1, 0).data() == "Opinion"

    signals.clear()
    model.set_claims(TEXT, [first[0], claim(4, 34, 46)])  # two gone, apart: two removals, from the bottom
    assert (signals.inserted, signals.removed, signals.resets) == ([], [(3, 3), (1, 1)], 0)
    assert [c.id for c in model.claims()] == [1, 4]

    signals.clear()
    model.set_claims(TEXT, [claim(1, 61, 76), claim(4, 34, 46)])  # a claim moved past another: listed again
    assert signals.resets == 1
    assert [c.id for c in model.claims()] == [4, 1]
    assert model.index(1, 1).data() == "Six at the end."

    signals.clear()
    model.set_claims("Another article.", [claim(9, 0, 7)])
    assert signals.resets == 1
    assert model.index(0, 1).data() == "Another"


@pytest.fixture
def busy_window(qtbot: QtBot, project_path: Path) -> Iterator[MainWindow]:
    """The first article with claims on every other candidate, from the second on."""
    with open_project(project_path) as project:
        article = project.articles()[0]
        for candidate in project.candidates(article.id)[1:12:2]:
            project.add_claim(article.id, candidate.start, candidate.end, "factual", annotator="tester")
    window = open_window(qtbot, project_path)
    yield window
    window.close()


def listed(window: MainWindow) -> list[tuple[int | None, str, str]]:
    """The list's rows as shown: id, label and text."""
    model = window.claim_model
    return [
        (model.claim(r).id, model.index(r, 0).data(), model.index(r, 1).data())
        for r in range(model.rowCount())
    ]


def stored(window: MainWindow) -> list[tuple[int | None, str, str]]:
    """The store's claims of the article, in text order, as the list should show them."""
    assert window.project is not None and window.article is not None
    text = window.article.article.text
    claims = sorted(window.project.claims(window.article.article.id), key=lambda c: (c.start, c.end))
    return [(c.id, c.label.value.capitalize(), " ".join(text[c.start : c.end].split())) for c in claims]


def current_id(window: MainWindow) -> int | None:
    index = window.claim_list.currentIndex()
    return window.claim_model.claim(index.row()).id if index.isValid() else None


def key(qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, k, modifier)


def test_a_label_undo_and_redo_change_one_row_and_the_list_stays_as_it_was(
    qtbot: QtBot, busy_window: MainWindow
) -> None:
    window = busy_window
    assert window.project is not None and window.article is not None
    signals = watch(window.claim_model)
    before = listed(window)
    assert before == stored(window) and len(before) == 6
    key(qtbot, Qt.Key.Key_J)
    key(qtbot, Qt.Key.Key_J)
    key(qtbot, Qt.Key.Key_J)  # the third candidate: no claim there, after the first claim's row
    span = window.view.selected_span()

    key(qtbot, Qt.Key.Key_2)
    assert (signals.inserted, signals.removed, signals.resets) == ([(1, 1)], [], 0)
    assert listed(window) == stored(window) and len(listed(window)) == 7
    new_id = window.claim_model.claim(1).id
    assert window.claim_model.index(1, 0).data() == "Opinion"
    assert current_id(window) == new_id  # the row follows the claim just made
    assert window.claims.title.text() == "Claims (7)"
    assert window.view.selected_span() == span

    signals.clear()
    key(qtbot, Qt.Key.Key_Z, _CTRL)
    assert (signals.inserted, signals.removed, signals.resets) == ([], [(1, 1)], 0)
    assert listed(window) == stored(window) == before
    assert window.claims.title.text() == "Claims (6)"
    # No row is current, as before, and the text stays where it was: the next row did
    # not become current and pull the text to its claim.
    assert current_id(window) is None
    assert window.view.selected_span() == span

    signals.clear()
    key(qtbot, Qt.Key.Key_Z, _CTRL | _SHIFT)
    assert (signals.inserted, signals.removed, signals.resets) == ([(1, 1)], [], 0)
    assert listed(window) == stored(window)
    assert current_id(window) == new_id
    assert window.claims.title.text() == "Claims (7)"

    signals.clear()
    key(qtbot, Qt.Key.Key_3)  # relabel: the row changes in place
    assert (signals.inserted, signals.removed, signals.resets) == ([], [], 0)
    assert (1, 1) in signals.changed
    assert window.claim_model.index(1, 0).data() == "Questionable"
    assert listed(window) == stored(window)
    assert current_id(window) == new_id

    signals.clear()
    key(qtbot, Qt.Key.Key_Delete)
    assert (signals.inserted, signals.removed, signals.resets) == ([], [(1, 1)], 0)
    assert listed(window) == stored(window) == before
    assert current_id(window) is None
    assert window.view.selected_span() == span


def test_keys_in_the_list_after_edits_pick_claims_and_return_to_the_text(
    qtbot: QtBot, busy_window: MainWindow
) -> None:
    window = busy_window
    assert window.article is not None
    key(qtbot, Qt.Key.Key_J)
    key(qtbot, Qt.Key.Key_1)  # a new first row
    key(qtbot, Qt.Key.Key_Z, _CTRL)
    key(qtbot, Qt.Key.Key_Z, _CTRL | _SHIFT)
    assert current_id(window) == window.claim_model.claim(0).id
    window.claim_list.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    picked = window.claim_model.claim(2)
    assert current_id(window) == picked.id
    assert window.view.selected_span() == (picked.start, picked.end)
    key(qtbot, Qt.Key.Key_2)  # relabels the picked claim; the row stays current
    assert window.claim_model.index(2, 0).data() == "Opinion"
    assert current_id(window) == picked.id
    key(qtbot, Qt.Key.Key_Up)
    above = window.claim_model.claim(1)
    assert window.view.selected_span() == (above.start, above.end)
    key(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.view
    assert window.view.selected_span() == (above.start, above.end)
    window.claim_list.setFocus()
    key(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.view


def test_delete_in_the_list_leaves_the_next_claim_picked_so_the_arrows_go_on_from_there(
    qtbot: QtBot, busy_window: MainWindow
) -> None:
    """Delete on the third of six rows left the list with no current row: Down then picked the
    first claim and took the text back to the top, in a list of 300 claims too, and a second
    Delete said to put the cursor in a claim. The claim after the deleted one is picked."""
    window = busy_window
    window.claim_list.setFocus()  # the first row current
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    rows = listed(window)
    deleted, following = window.claim_model.claim(2), window.claim_model.claim(3)
    assert current_id(window) == deleted.id
    key(qtbot, Qt.Key.Key_Delete)
    assert listed(window) == [row for row in rows if row[0] != deleted.id] == stored(window)
    assert QApplication.focusWidget() is window.claim_list
    assert current_id(window) == following.id
    assert window.claim_list.selectionModel().isRowSelected(2, window.claim_list.rootIndex())
    assert window.view.selected_span() == (following.start, following.end)
    key(qtbot, Qt.Key.Key_Down)
    assert current_id(window) == window.claim_model.claim(3).id
    key(qtbot, Qt.Key.Key_Z, _CTRL)  # the deleted claim comes back, picked
    assert listed(window) == rows
    assert current_id(window) == deleted.id
    key(qtbot, Qt.Key.Key_End)
    last = window.claim_model.claim(5)
    key(qtbot, Qt.Key.Key_Delete)  # the last row: the one above it is picked
    assert current_id(window) == window.claim_model.claim(4).id
    assert last.id not in {row[0] for row in listed(window)}


def test_the_keys_go_back_to_the_text_when_the_list_loses_its_last_claim(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Delete on the only claim in the list left the keyboard in an empty list: a screen reader
    said "Claims in this article, tree" and nothing more, the arrows did nothing and a second
    Delete said to put the cursor in a claim. Undoing the only claim there, or D opening an
    article with none, did the same. The text takes the keys back."""
    key(qtbot, Qt.Key.Key_J)
    key(qtbot, Qt.Key.Key_1)
    window.claim_list.setFocus()
    assert current_id(window) == window.claim_model.claim(0).id
    key(qtbot, Qt.Key.Key_Delete)
    assert window.claim_model.rowCount() == 0 and stored(window) == []
    assert QApplication.focusWidget() is window.view
    key(qtbot, Qt.Key.Key_Z, _CTRL)  # the claim back, then undone from the list
    assert window.claim_model.rowCount() == 1
    window.claim_list.setFocus()
    key(qtbot, Qt.Key.Key_Z, _CTRL)
    assert window.claim_model.rowCount() == 0 and stored(window) == []
    assert QApplication.focusWidget() is window.view
    key(qtbot, Qt.Key.Key_J)
    key(qtbot, Qt.Key.Key_2)
    window.claim_list.setFocus()
    key(qtbot, Qt.Key.Key_D)  # the next article, which has no claim
    assert window.article is not None and window.article.article.title.startswith("Toronto")
    assert window.claim_model.rowCount() == 0
    assert QApplication.focusWidget() is window.view


def test_deleting_the_only_claim_puts_the_article_back_to_new_and_undo_starts_it_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Delete on an article's only claim left it "in progress" with no claim on it: the list
    counted it as started and the New filter passed it over. Undo and redo are one step each."""
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    model = window.articles.model

    def status() -> tuple[str, ArticleStatus]:
        row = model.row_of(article_id)
        assert row is not None
        assert window.project is not None
        return str(model.data(model.index(row, 3))), window.project.article(article_id).status

    key(qtbot, Qt.Key.Key_J)
    key(qtbot, Qt.Key.Key_1)
    assert status() == ("in progress", ArticleStatus.IN_PROGRESS)
    window.claim_list.setFocus()
    key(qtbot, Qt.Key.Key_Delete)
    assert stored(window) == []
    assert status() == ("new", ArticleStatus.NEW)
    key(qtbot, Qt.Key.Key_Z, _CTRL)  # the claim back, and the article started again
    assert len(stored(window)) == 1
    assert status() == ("in progress", ArticleStatus.IN_PROGRESS)
    key(qtbot, Qt.Key.Key_Z, _CTRL | _SHIFT)
    assert stored(window) == []
    assert status() == ("new", ArticleStatus.NEW)
    key(qtbot, Qt.Key.Key_J)  # a claim again, then undone: new, not in progress
    key(qtbot, Qt.Key.Key_2)
    assert status() == ("in progress", ArticleStatus.IN_PROGRESS)
    key(qtbot, Qt.Key.Key_Z, _CTRL)
    assert stored(window) == []
    assert status() == ("new", ArticleStatus.NEW)


def test_deleting_a_claim_of_a_done_article_leaves_it_done(qtbot: QtBot, window: MainWindow) -> None:
    assert window.project is not None and window.article is not None
    article_id = window.article.article.id
    key(qtbot, Qt.Key.Key_J)
    key(qtbot, Qt.Key.Key_1)
    window.project.set_status(article_id, ArticleStatus.DONE)
    window.show_again()
    window.claim_list.setFocus()
    key(qtbot, Qt.Key.Key_Delete)
    assert stored(window) == []
    assert window.project.article(article_id).status == ArticleStatus.DONE


def test_a_list_with_claims_left_keeps_the_keys(qtbot: QtBot, busy_window: MainWindow) -> None:
    window = busy_window
    window.claim_list.setFocus()
    key(qtbot, Qt.Key.Key_Delete)
    assert window.claim_model.rowCount() > 0
    assert QApplication.focusWidget() is window.claim_list


def test_ctrl_c_in_the_list_copies_the_picked_claim_s_text(qtbot: QtBot, busy_window: MainWindow) -> None:
    """Ctrl+C on a row copied its label ("Factual"), Qt's copy of the current cell, and
    nothing at all where a narrow panel shows the label as its chip alone. It copies the claim
    as the article reads, whole: its row may show it cut and its lines run together."""
    window = busy_window
    assert window.article is not None
    window.claim_list.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    picked = window.claim_model.claim(1)
    QApplication.clipboard().setText("before")
    key(qtbot, Qt.Key.Key_C, _CTRL)
    assert QApplication.clipboard().text() == window.article.article.text[picked.start : picked.end]
    window.claims.list.labels_as_chips = True
    window.claim_model.set_label_as_chip(True)
    key(qtbot, Qt.Key.Key_Down)
    picked = window.claim_model.claim(2)
    key(qtbot, Qt.Key.Key_C, _CTRL)
    assert QApplication.clipboard().text() == window.article.article.text[picked.start : picked.end]


LONG = " ".join(["The minister said the economy grew by five per cent last year."] * 4)


def test_rows_are_measured_again_in_a_new_font(qtbot: QtBot) -> None:
    """Row sizes are kept between layouts, but not past a change of font."""
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_claims(LONG, [claim(1, 0, 30), claim(2, 0, len(LONG))])
    index = panel.model.index(1, 1)
    qtbot.waitUntil(lambda: panel.list.visualRect(index).height() > 0)
    # Columns held at their widths: only the font can make the row taller.
    panel.list.header().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    small = panel.list.visualRect(index).height()
    font = panel.list.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    panel.list.setFont(font)
    qtbot.waitUntil(lambda: panel.list.visualRect(index).height() > small * 1.3)


def test_the_label_and_name_columns_are_as_wide_as_qt_would_make_them(qtbot: QtBot) -> None:
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    labels = [ClaimLabel.FACTUAL, ClaimLabel.QUESTIONABLE, ClaimLabel.OPINION]
    names = ["al", "Maximiliana Wolff-Ostrowska", "bo"]
    claims = [claim(i + 1, i, i + 5, labels[i % 3], names[(i // 3) % 3]) for i in range(12)]
    panel.show_claims(TEXT, claims)
    for column in (0, 3):
        assert panel.list.sizeHintForColumn(column) == QTreeView.sizeHintForColumn(panel.list, column)
    panel.show_claims(TEXT, [])
    assert panel.list.sizeHintForColumn(0) == QTreeView.sizeHintForColumn(panel.list, 0)


def test_tab_into_the_claim_list_shows_the_row_its_keys_act_on(qtbot: QtBot, project_path: Path) -> None:
    """With the caret on no claim, Tab to the list made its first row current without selecting
    it: no row showed as chosen (a faint box round one cell), yet N and Delete acted on it."""
    with open_project(project_path) as project:
        article = project.articles()[0]
        for candidate in project.candidates(article.id)[:2]:
            project.add_claim(article.id, candidate.start, candidate.end, "factual", annotator="tester")
    window = open_window(qtbot, project_path)
    try:
        window.view.setFocus()
        window.view.scroll_to(len(window.view.text) - 1)  # on no claim: no current row
        assert not window.claim_list.currentIndex().isValid()
        qtbot.keyClick(window.view, Qt.Key.Key_Tab)
        qtbot.waitUntil(window.claim_list.hasFocus)
        current = window.claim_list.currentIndex()
        assert current.isValid()
        assert window.claim_list.selectionModel().isRowSelected(current.row())
    finally:
        window.close()


def _one_line_width(view: QTreeView, text: str) -> int:
    """What a cell needs to show `text` on one line: the text and the style's margins beside it."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return view.fontMetrics().horizontalAdvance(text) + 2 * margin


def test_the_by_column_shows_a_short_name_on_one_line(qtbot: QtBot, project_path: Path) -> None:
    """A name of two words stood on two lines ("Bea" over "K"): the column was measured against
    its own width, which wrapped it at the space, so it stayed as wide as the longest word."""
    with open_project(project_path) as project:
        article = project.articles()[0]
        candidate = project.candidates(article.id)[1]
        project.add_claim(article.id, candidate.start, candidate.end, "opinion", annotator="Carl M")
    window = open_window(qtbot, project_path, annotator="Bea K")
    try:
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: window.claims.model.rowCount() == 2)
        names = {window.claims.model.index(row, 3).data() for row in range(2)}
        assert names == {"Bea K", "Carl M"}
        by = window.claim_list.header().sectionSize(3)
        for name in names:
            assert by >= _one_line_width(window.claim_list, name)
        # A long name still wraps rather than taking the claim's room.
        window.claims.keep_room_for("Maximiliana Wolff-Ostrowska von Hohenberg")
        long = _one_line_width(window.claim_list, "Maximiliana Wolff-Ostrowska von Hohenberg")
        qtbot.waitUntil(lambda: window.claim_list.header().sectionSize(3) > by)
        assert window.claim_list.header().sectionSize(3) < long
    finally:
        window.close()


def test_the_selected_claim_s_chip_keeps_its_label_s_colour(qtbot: QtBot, project_path: Path) -> None:
    """The style tinted a selected row's chip with the selection's blue: the opinion just
    labelled showed an olive chip, a colour the legend gives no label."""
    window = open_window(qtbot, project_path)
    try:
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_J)
        qtbot.keyClick(window.view, Qt.Key.Key_2)
        qtbot.waitUntil(lambda: window.claims.model.rowCount() == 1)
        index = window.claims.model.index(0, 0)
        qtbot.waitUntil(lambda: window.claim_list.selectionModel().isRowSelected(0))
        palette = QApplication.palette()
        scheme = scheme_for(palette)
        opinion = {  # on the selection's colour, with the focus or without (`Scheme.chip_colour`)
            scheme.chip_colour(ClaimLabel.OPINION, palette.color(group, QPalette.ColorRole.Highlight)).rgb()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
        }
        cell = window.claim_list.visualRect(index)
        image = window.claim_list.viewport().grab(cell).toImage()
        colours = {image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())}
        assert opinion & colours
    finally:
        window.close()


def test_each_paint_of_a_claim_row_is_given_the_same_swatch_of_its_label(qapp) -> None:  # type: ignore[no-untyped-def]
    """A view asks for a row's decoration at every paint. A new icon each time was a new pixmap,
    whose scaled copies Qt keeps in its pixmap cache by the pixmap's key: every repaint of the
    claims (a label, a merge, a theme change) added entries until the cache was full: about
    1.5 MB of the window's resident memory every 100 cycles of `soak_window.py --team`."""
    model = ClaimListModel()
    model.set_claims(
        TEXT, [claim(1, 0, 15), claim(2, 16, 33, ClaimLabel.OPINION), claim(3, 47, 60, ClaimLabel.OPINION)]
    )
    keys = {
        row: {model.index(row, 0).data(Qt.ItemDataRole.DecorationRole).cacheKey() for _paint in range(50)}
        for row in range(3)
    }
    assert [len(k) for k in keys.values()] == [1, 1, 1]
    assert keys[1] == keys[2] != keys[0]  # one swatch a label


def test_a_claim_rows_swatch_follows_the_theme(qapp) -> None:  # type: ignore[no-untyped-def]
    from annotator.ui.theme import dark_palette, light_palette

    model = ClaimListModel()
    model.set_claims(TEXT, [claim(1, 0, 15)])
    before = QApplication.palette()

    def swatch_colour() -> int:
        icon = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
        return int(icon.pixmap(12, 12).toImage().pixel(6, 6))

    try:
        QApplication.setPalette(light_palette())
        light = swatch_colour()
        QApplication.setPalette(dark_palette())
        dark = swatch_colour()
        QApplication.setPalette(light_palette())
        assert light != dark
        assert swatch_colour() == light
    finally:
        QApplication.setPalette(before)


@pytest.mark.parametrize("ratio", [2.0, 1.75, 1.25])
def test_a_claim_rows_swatch_and_gold_star_are_drawn_at_the_screens_scale(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, ratio: float
) -> None:
    """The 12-pixel chip and star were drawn at 12 device pixels and blown up beside text drawn
    at the screen's scale: a blocky star at QT_SCALE_FACTOR=2, an uneven rim at 1.75."""
    monkeypatch.setattr(QApplication, "devicePixelRatio", lambda _app: ratio)
    model = ClaimListModel()
    model.set_claims(TEXT, [claim(1, 0, 15), claim(2, 0, 15, ClaimLabel.OPINION, who=GOLD_ANNOTATOR)])
    for row in (0, 1):
        icon = model.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
        shown = icon.pixmap(QSize(12, 12), ratio)
        assert (shown.width(), shown.devicePixelRatio()) == (round(12 * ratio), ratio)
        assert icon.pixmap(QSize(12, 12), 1.0).width() == 12  # a screen at 1 beside it


@pytest.mark.parametrize("ratio", [1.0, 1.75])
@pytest.mark.parametrize("label", [ClaimLabel.OPINION, ClaimLabel.FACTUAL])
def test_a_selected_claim_s_chip_on_the_dark_theme_has_no_dark_rim(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ratio: float, label: ClaimLabel
) -> None:
    """On the dark page the chip's rim, a shade darker than its faint fill, was darker than the
    selection's colour too: on a selected row it showed as a smudge round the chip (1366x768
    at 175%). Around the fill of a selected row's chip there is the selection, nothing darker."""
    from annotator.ui.theme import dark_palette

    monkeypatch.setattr(QApplication, "devicePixelRatio", lambda _app: ratio)
    before = QApplication.palette()
    QApplication.setPalette(dark_palette())
    try:
        panel = ClaimPanel()
        qtbot.addWidget(panel)
        panel.resize(600, 300)
        panel.show()
        qtbot.waitExposed(panel)
        panel.show_claims(TEXT, [claim(1, 0, 15, label)])
        panel.show_current(1)
        assert panel.list.selectionModel().isRowSelected(0)
        cell = panel.list.visualRect(panel.model.index(0, 0))
        shot = QPixmap(cell.size() * ratio)
        shot.setDevicePixelRatio(ratio)
        panel.list.viewport().render(shot, QPoint(), QRegion(cell))
        image = shot.toImage()
        palette = QApplication.palette()
        fills = {
            scheme_for(palette).chip_colour(label, palette.color(group, QPalette.ColorRole.Highlight)).rgb()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
        }
        chip = [
            (x, y) for x in range(image.width()) for y in range(image.height()) if image.pixel(x, y) in fills
        ]
        assert chip, "the chip's fill is drawn"
        left, right = min(x for x, _ in chip), max(x for x, _ in chip)
        top, bottom = min(y for _, y in chip), max(y for _, y in chip)
        around = {(x, y) for x in range(left - 1, right + 2) for y in (top - 1, bottom + 1)}
        around |= {(x, y) for y in range(top, bottom + 1) for x in (left - 1, right + 1)}
        seen = {
            QColor(image.pixel(x, y)).name()
            for x, y in around
            if 0 <= x < image.width() and 0 <= y < image.height()
        }
        selection = {
            palette.color(group, QPalette.ColorRole.Highlight).name()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
        }
        assert seen and seen <= selection, (seen, selection)
    finally:
        QApplication.setPalette(before)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("label", list(ClaimLabel))
def test_an_unselected_claim_s_chip_is_its_fill_to_the_edge_in_both_themes(
    qtbot: QtBot, theme: str, label: ClaimLabel
) -> None:
    """The chip was the claim's faint colour in the text with a rim a shade off it, to stand from
    the page: on the dark page a darker rim read as a ring round the chip, as the focus does, and
    a lighter one still left the chip 1.6-1.8:1 from its row. The fill now stands 3:1 from the
    row itself (`Scheme.chip_colour`), so the chip has no rim: the page comes up to its fill."""
    from annotator.ui.theme import dark_palette, light_palette

    before = QApplication.palette()
    QApplication.setPalette(dark_palette() if theme == "dark" else light_palette())
    try:
        panel = ClaimPanel()
        qtbot.addWidget(panel)
        panel.resize(600, 300)
        panel.show()
        qtbot.waitExposed(panel)
        panel.show_claims(TEXT, [claim(1, 0, 15, label)])
        assert not panel.list.selectionModel().isRowSelected(0)
        cell = panel.list.visualRect(panel.model.index(0, 0))
        image = panel.list.viewport().grab(cell).toImage()
        palette = QApplication.palette()
        fill = scheme_for(palette).chip_colour(label, palette.color(QPalette.ColorRole.Base))
        chip = [
            (x, y)
            for x in range(image.width())
            for y in range(image.height())
            if image.pixel(x, y) == fill.rgb()
        ]
        assert chip, "the chip's fill is drawn"
        left, right = min(x for x, _ in chip), max(x for x, _ in chip)
        top, bottom = min(y for _, y in chip), max(y for _, y in chip)
        middle_x, middle_y = (left + right) // 2, (top + bottom) // 2
        page = image.pixelColor(right + 3, middle_y)  # between the chip and the label's name
        assert page == palette.color(QPalette.ColorRole.Base)
        around = [(left - 1, middle_y), (right + 1, middle_y), (middle_x, top - 1), (middle_x, bottom + 1)]
        seen = [image.pixelColor(x, y).name() for x, y in around if image.valid(x, y)]
        assert seen and set(seen) == {page.name()}, seen
    finally:
        QApplication.setPalette(before)


def test_a_right_to_left_claim_reads_from_the_right(qtbot: QtBot) -> None:
    """An Arabic claim naming someone in Latin letters was laid out left to right, the list's
    direction: its first word at the left, the words after the name in the wrong order, the
    full stop at the right. It is laid out right to left and right-aligned, as the article shows
    it; an English claim beside it stays at the left."""
    text = "قال Tom Baker إن الاقتصاد قوي. Paris agreed today. שלום Anna"
    arabic_end = text.index(".") + 1
    english = text.index("Paris"), text.index("today.") + len("today.")
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(520, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_claims(
        text, [claim(1, 0, arabic_end), claim(2, *english), claim(3, english[1] + 1, len(text), who="עדי")]
    )
    view = panel.list
    assert not view.selectionModel().hasSelection()
    qtbot.waitUntil(lambda: view.visualRect(panel.model.index(2, 1)).height() > 0)
    for row in (0, 2):  # Arabic, Hebrew: right-aligned, read from the right
        left, right = ink_margins(view, panel.model.index(row, 1))
        assert right < 12 < left, (row, left, right)
        option = QStyleOptionViewItem()
        view.itemDelegate().initStyleOption(option, panel.model.index(row, 1))
        assert option.direction == Qt.LayoutDirection.RightToLeft
    left, right = ink_margins(view, panel.model.index(1, 1))
    assert left < 12 < right
    assert ink_margins(view, panel.model.index(2, 3))[1] < 12  # a Hebrew name in By too


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the tooltip shown
def test_a_claim_s_tooltip_with_a_long_note_stays_on_the_screen(qtbot: QtBot) -> None:
    """A note of 10,000 characters (a report pasted in) made the claim's tooltip 1,616 pixels
    tall on a 1080-pixel screen: the claim at its top and the note's first lines were off the
    screen. The tooltip shows the start of each, marked "…" where cut; N shows the note whole."""
    text = "The council spent four million on roads. " * 60
    note = ("The report of the inquiry says otherwise on page four. " * 200)[:10_000]
    long_claim = replace(claim(1, 0, len(text) - 1), note=note)
    panel = ClaimPanel()
    qtbot.addWidget(panel)
    panel.resize(520, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_claims(text, [long_claim])
    index = panel.model.index(0, 1)
    shown = index.data(Qt.ItemDataRole.ToolTipRole)
    assert shown.startswith("<qt>The council spent four million on roads.")
    QToolTip.showText(panel.list.mapToGlobal(QPoint(10, 10)), shown, panel.list)
    try:
        (label,) = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
        assert label.height() <= panel.screen().availableGeometry().height() // 2
    finally:
        QToolTip.hideText()
    assert "</qt>" not in shown.split("The report of the inquiry says otherwise")[0]  # the note follows
    assert shown.endswith("…</qt>")


def test_a_note_of_only_spaces_and_line_breaks_is_no_note_in_the_list(qtbot: QtBot, tmp_path: Path) -> None:
    """A claim imported with a note of white space alone (a spreadsheet's empty cell, " ")
    showed a line of its own under the claim with "✎" and nothing after it, and its tooltip a
    blank paragraph, as if a note were there and could not be read. The text's own line says
    it has no note; the list says so too."""
    path = make_project(tmp_path / "blank.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        article_id = project.first_to_open()
        assert article_id is not None
        text = project.article(article_id).text
        start = text.index("Five people")
        project.add_claim(article_id, start, start + 11, "factual", annotator="tester", note=" \n\t ")
    window = open_window(qtbot, path)
    qtbot.waitUntil(lambda: window.claim_model.rowCount() == 1)
    assert shown_lines(window.claim_list, 0) == ["Five people"]
    tooltip = window.claim_model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "<qt>Five people</qt>"
    window.close()
