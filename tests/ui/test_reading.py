"""What the reading column shows: paragraphs, the title, the legend, the line under the text."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.model import Analysis, Claim, ClaimLabel, Entity, Quote, Speaker
from annotator.services.project import store_of
from annotator.ui.article_view import ArticleView
from annotator.ui.main_window import MainWindow
from annotator.ui.palette import scheme_for
from annotator.ui.reading import LONGEST_RUN_WRAPPED_AT_WORDS
from tests.ui.conftest import PIPELINE, make_project, open_window, wait_listed

SINGLE = "First paragraph of an op-ed, long enough.\nSecond paragraph follows.\nThird one ends it."
BLANK = SINGLE.replace("\n", "\n\n")
WIKINEWS = SINGLE.replace("\n", "\n\n\n")  # as Wikinews texts have them


def _paragraph_tops(view: ArticleView) -> list[float]:
    """Top of each non-empty paragraph's first line, in content coordinates."""
    tops = []
    block = view.document().begin()
    while block.isValid():
        if block.text().strip():
            tops.append(view.blockBoundingGeometry(block).top() + block.layout().lineAt(0).y())
        block = block.next()
    return tops


def _shown(qtbot: QtBot, text: str, **kwargs: object) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.set_article(text, **kwargs)  # type: ignore[arg-type]
    view.show()
    qtbot.waitExposed(view)
    return view


def test_single_and_blank_line_paragraphs_get_the_same_normal_spacing(qtbot: QtBot) -> None:
    gaps = {}
    for name, text in (("single", SINGLE), ("blank", BLANK), ("wikinews", WIKINEWS)):
        view = _shown(qtbot, text)
        line = view.fontMetrics().lineSpacing()
        tops = _paragraph_tops(view)
        assert len(tops) == 3
        gaps[name] = [round(b - a - line) for a, b in pairwise(tops)]
    # Each paragraph is one line here: the space between them is the paragraph gap alone.
    assert gaps["single"] == gaps["blank"] == gaps["wikinews"]
    for gap in gaps["single"]:
        assert 0.3 * line <= gap <= 0.9 * line


def test_paragraph_spacing_keeps_every_offset(qtbot: QtBot, tmp_path: Path) -> None:
    raw = "Fans 🎉 cheered.\r\nThe mayor 👍🏽 spoke to them.\r\n\r\n\r\nThird 汉字 line here."
    path = tmp_path / "crlf.annotator.db"
    with open_project(path) as project:
        project.import_texts([raw], title="CRLF")
    window = open_window(qtbot, path)
    try:
        assert window.project is not None and window.article is not None
        text = window.project.article(window.article.article.id).text
        assert text == raw.replace("\r\n", "\n")
        view = window.view
        assert view.toPlainText() == text  # the document holds the stored text, nothing added
        # Clicking a word in the last paragraph lands on that word's code points.
        third = text.index("汉字")
        rect = view.cursorRect(_cursor_at(view, third))
        assert view.position_at(rect.center() + _half_char(view)) in (third, third + 1)
        # A claim made with the keyboard in the second paragraph is the text on screen.
        view.setFocus()
        view.scroll_to(text.index("mayor"))
        for _ in range(3):
            qtbot.keyClick(
                view,
                Qt.Key.Key_Right,
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier,
            )
        on_screen = view.textCursor().selectedText().strip()
        qtbot.keyClick(view, Qt.Key.Key_1)
        (claim,) = window.project.claims()
        assert text[claim.start : claim.end] == on_screen
        assert "👍🏽" in on_screen
    finally:
        window.close()


def _cursor_at(view: ArticleView, cp: int) -> QTextCursor:
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(cp))
    return cursor


def _half_char(view: ArticleView) -> QPoint:
    return QPoint(view.fontMetrics().averageCharWidth() // 2, 0)


def test_the_title_is_shown_above_the_text(qtbot: QtBot, window: MainWindow) -> None:
    assert window.view.title.isVisible()
    assert window.view.title.text() == "Dozens dead in California boat fire"
    assert window.view.title.geometry().bottom() < window.view.geometry().top()
    window.select_article(window.article_model.summaries()[1].id)
    assert window.view.title.text() == "Toronto serial killer pleads guilty"


WRAPPED_TITLE = "President Trump signs order on the border wall"
CUT_TITLE = (
    "President Trump signs executive order on the border wall after a long night of negotiation "
    "in Congress, and Democrats vow to take the order to court before the week is out"
)


def test_at_150_percent_a_long_title_wraps_and_is_read_whole_without_a_mouse(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 150% scale (683x400 of a 1024x600 screen) the title over the text was cut to one line,
    "President Trump …", and only a mouse's tooltip showed the rest. It wraps now; a title too
    long for three lines ends in "…" there, and its accessible name and tooltip hold it whole."""
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 683, 400))
    texts = [
        (WRAPPED_TITLE, "The order was signed on Tuesday. Congress will debate it next week."),
        (CUT_TITLE, "The order was signed on Wednesday. The court will hear the case in May."),
    ]
    path = make_project(tmp_path / "titles.annotator.db", texts)
    window = open_window(qtbot, path)
    try:
        window.resize(683, 400)
        title = window.view.title
        qtbot.waitUntil(lambda: title.isVisible() and title.text() == WRAPPED_TITLE)
        spacing = title.fontMetrics().lineSpacing()
        assert title.fontMetrics().horizontalAdvance(WRAPPED_TITLE) > title.width()  # over a line
        assert title.height() >= 2 * spacing
        assert " ".join(title.lines()) == WRAPPED_TITLE
        assert all(title.fontMetrics().horizontalAdvance(line) <= title.width() for line in title.lines())
        assert title.accessibleName() == WRAPPED_TITLE
        assert title.geometry().bottom() < window.view.viewport().geometry().top()  # not over the text

        window.select_article(window.article_model.summaries()[1].id)
        qtbot.waitUntil(lambda: title.text() == CUT_TITLE)
        lines = title.lines()
        assert len(lines) == 3 and lines[-1].endswith("…")
        assert title.height() < 4 * spacing  # the text keeps its room
        assert title.accessibleName() == CUT_TITLE
        assert CUT_TITLE in title.toolTip()
    finally:
        window.close()


def test_the_article_list_shows_titles_by_default(qtbot: QtBot, window: MainWindow) -> None:
    header = window.article_list.header()
    chars = header.sectionSize(0) / window.article_list.fontMetrics().averageCharWidth()
    assert chars >= 24


def _project_with_entity_types(tmp_path: Path) -> Path:
    many = "Ana paid 5 dollars on Monday for 3 Acme phones in Oslo, said the Norwegian Times."
    few = "Ana went home."
    path = make_project(tmp_path / "types.annotator.db", [("Few", few), ("Many", many)], analyse=False)
    labels = ["PERSON", "MONEY", "DATE", "CARDINAL", "PRODUCT", "GPE", "NORP", "ORG"]
    words = ["Ana", "5 dollars", "Monday", "3", "Acme phones", "Oslo", "Norwegian", "Times"]
    entities = tuple(
        Entity(many.index(w), many.index(w) + len(w), label) for w, label in zip(words, labels, strict=True)
    )
    with open_project(path) as project:
        ids = [a.id for a in project.articles()]
        store_of(project).save_analyses(
            [
                (ids[0], Analysis(PIPELINE, (Entity(0, 3, "PERSON"),), (), (), ())),
                (ids[1], Analysis(PIPELINE, entities, (), (), ())),
            ]
        )
    return path


def test_the_legend_keeps_its_height_when_switching_articles(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, _project_with_entity_types(tmp_path))
    try:
        window.resize(1200, 560)
        qtbot.wait(10)
        ids = [s.id for s in window.article_model.summaries()]
        heights, tops = {window.legend.height()}, {window.view.geometry().top()}
        for article_id in (ids[1], ids[0], ids[1]):
            window.select_article(article_id)
            qtbot.wait(10)  # let the layout settle
            heights.add(window.legend.height())
            tops.add(window.view.geometry().top())
        assert len(heights) == 1 and len(tops) == 1
        # Types beyond the common ones can still be switched off.
        window.legend.set_hidden("MONEY", True)
        assert "MONEY" in window.view.hidden_entity_labels
    finally:
        window.close()


def test_the_line_under_the_text_is_one_line_and_follows_the_mouse(qtbot: QtBot, window: MainWindow) -> None:
    view = window.view
    assert window.article is not None
    text = view.text
    entity = next(e for e in sorted(window.article.entities, key=lambda e: e.start) if e.start > 200)
    view.scroll_to(0)
    before = window.context_line.text()
    rect = view.cursorRect(_cursor_at(view, entity.start + 1))
    pos = QPointF(rect.center())
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        pos,
        view.viewport().mapToGlobal(pos),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), move)
    said = window.context_line.text()
    assert said != before
    assert f"{entity.label}: {text[entity.start : entity.end]}" in said
    # Leaving the text puts back what is at the cursor.
    QApplication.sendEvent(view.viewport(), QEvent(QEvent.Type.Leave))
    assert window.context_line.text() == before
    # A long description never wraps or widens the window.
    assert window.context_line.wordWrap() is False
    assert window.context_line.minimumSizeHint().width() < 200


def _mode_colour(image: QImage, rect: QRect) -> QColor:
    """The most common colour in a rectangle: the background behind the glyphs."""
    ratio = image.devicePixelRatio()
    counts: Counter[int] = Counter()
    for y in range(rect.top() + 2, rect.bottom() - 1):
        for x in range(rect.left(), rect.right()):
            counts[image.pixel(int(x * ratio), int(y * ratio))] += 1
    return QColor.fromRgb(counts.most_common(1)[0][0])


def test_a_selected_claim_shows_both_its_label_colour_and_the_selection(qtbot: QtBot) -> None:
    text = "Taxes rose by ten percent in May. The minister said it was unfair to everyone."
    second = text.index("The")
    view = _shown(
        qtbot,
        text,
        claims=[Claim(1, second, len(text), ClaimLabel.OPINION, "ada", id=2)],
    )
    view.setFocus()

    def colour_of(start: int, end: int) -> QColor:
        image = view.viewport().grab().toImage()
        left = view.cursorRect(_cursor_at(view, start)).left()
        right = view.cursorRect(_cursor_at(view, end)).left()
        rect = view.cursorRect(_cursor_at(view, start))
        return _mode_colour(image, QRect(left, rect.top(), right - left, rect.height()))

    plain_claim = colour_of(second, second + 12)
    view.select_span(second, len(text))
    selected_claim = colour_of(second, second + 12)
    claim = scheme_for(view.palette()).claim_background(ClaimLabel.OPINION)
    assert plain_claim == claim
    # The selection shows (the colour changes: a veil of the page's colour, so the names in the
    # claim stay legible) and so does the label: the hue is the label's.
    assert abs(selected_claim.lightness() - claim.lightness()) > 8
    assert abs(selected_claim.hslHue() - claim.hslHue()) <= 6
    # Plain text that is selected shows the selection too: its outline, in the text's colour
    # (the veil is the page's colour, which a page does not show).
    view.select_span(0, 5)
    base = view.palette().color(view.palette().ColorRole.Base)
    image = view.viewport().grab().toImage()
    [box] = [rect.toRect() for rect in view.selection_rects()]
    edge = [image.pixelColor(x, box.top()).lightness() for x in range(box.left() + 4, box.right() - 4)]
    assert edge and max(edge) < base.lightness() - 60


def test_the_note_dialog_adds_no_quotes_of_its_own(qtbot: QtBot, tmp_path: Path) -> None:
    text = 'Trump said on Friday "I can do it if I want. I may do it." Then he left.'
    path = make_project(tmp_path / "quote.annotator.db", [("Quote", text)])
    window = open_window(qtbot, path)
    try:
        start, end = text.index('"I can'), text.index("Then") - 1
        window.view.setFocus()
        window.view.select_span(start, end)
        qtbot.keyClick(window.view, Qt.Key.Key_1)
        qtbot.keyClick(window.view, Qt.Key.Key_N)
        dialog = window.labelling.note_dialog
        assert dialog is not None
        shown = dialog.excerpt_label.text()
        assert shown == '"I can do it if I want. I may do it."'
        dialog.reject()
    finally:
        window.close()


def test_refusing_a_file_as_a_project_offers_new_and_open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_project = tmp_path / "notes.db"
    not_a_project.write_bytes(b"this is not sqlite" * 20)
    window = open_window(qtbot, None)
    try:
        assert window.centre.empty.isVisible()
        window.guard(lambda: window.open_project(not_a_project, create=False))
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None
        box.close()
        assert window.project is None
        assert window.centre.empty.isVisible() and not window.view.isVisible()
        assert QApplication.focusWidget() is window.centre.empty.open_button
        buttons = {b.objectName(): b for b in window.centre.empty.findChildren(QPushButton)}
        assert set(buttons) >= {"emptyNew", "emptyOpen"}
        asked = []
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", lambda *a, **k: (asked.append("open"), ("", ""))[1]
        )
        qtbot.mouseClick(buttons["emptyOpen"], Qt.MouseButton.LeftButton)
        assert asked == ["open"]
        # With a project open, the reading column is back, even before there is an article to read.
        window.open_project(make_project(tmp_path / "new.annotator.db", []))
        assert window.view.isVisible() and not window.centre.empty.isVisible()
        assert window.registry["import"].isEnabled()  # File > Import, the next step
    finally:
        window.close()


def test_the_quotation_bar_marks_the_quoted_paragraph_and_not_the_gap(qtbot: QtBot) -> None:
    text = 'No quotes here at all.\n\n\nShe said "we will win" today.\nAnother plain line.'
    start, end = text.index('"we'), text.index("today") - 1
    view = _shown(qtbot, text, quotes=[Quote(start, end, speaker=Speaker(0, 3, "She"))])
    image = view.viewport().grab().toImage()
    bar = scheme_for(view.palette()).quote_colour()
    ratio = image.devicePixelRatio()

    def marked(y: float) -> bool:
        pixel = image.pixelColor(int(3 * ratio), int(y * ratio))
        return sum(abs(a - b) for a, b in zip(pixel.getRgb()[:3], bar.getRgb()[:3], strict=True)) < 40

    def middle(cp: int) -> float:
        return float(view.cursorRect(_cursor_at(view, cp)).center().y())

    quoted, plain, after = middle(start), middle(0), middle(text.index("Another"))
    assert marked(quoted)
    assert not marked(plain) and not marked(after)
    gap = view.document().documentLayout().gap  # type: ignore[attr-defined]
    assert gap > 4 and not marked(quoted + view.fontMetrics().lineSpacing() / 2 + gap / 2)  # the gap below


def test_a_title_that_is_the_first_line_is_shown_once(qtbot: QtBot, tmp_path: Path) -> None:
    text = "City council approves new bike lanes\n\nThe council voted 7 to 2 on Tuesday."
    path = make_project(tmp_path / "txt.annotator.db", [("City council approves new bike lanes", text)])
    window = open_window(qtbot, path)
    try:
        assert window.view.toPlainText().startswith("City council approves new bike lanes")
        assert not window.view.title.isVisible()
    finally:
        window.close()


def test_a_first_start_with_no_project_can_open_the_sample_project_from_the_keyboard(qtbot: QtBot) -> None:
    """Started from the applications menu (`annotator`, no `--sample`), a first start showed New
    and Open only: nothing to try the keys on without finding article files first."""
    from annotator.services import paths

    window = open_window(qtbot, None)
    try:
        empty = window.centre.empty
        empty.open_button.setFocus()
        qtbot.keyClick(empty.open_button, Qt.Key.Key_Tab)
        button = QApplication.focusWidget()
        assert isinstance(button, QPushButton) and button.objectName() == "emptySample"
        qtbot.keyClick(button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: window.project is not None, timeout=20_000)  # checked in the pool first
        assert window.project is not None
        assert window.project.path == paths.sample_project_file()
        wait_listed(qtbot, window)
        assert len(window.articles.summaries()) == 6
        assert window.article is not None and window.view.isVisible()
    finally:
        window.close()


def test_the_articles_least_height_leaves_out_a_scroll_bar_it_never_shows(qtbot: QtBot) -> None:
    """Lines wrap at the page's width, even within a word, so the text never scrolls sideways:
    Qt's least height kept room for that scroll bar all the same, 28 px with twice the desktop's
    font under X, in a window already taller than a 768 px screen at 200% with its title bar."""
    view = _shown(qtbot, "A" * 400 + "\n" + SINGLE)
    frame = 2 * view.frameWidth()
    assert view.minimumSizeHint().height() <= view.verticalScrollBar().sizeHint().height() + frame
    view.resize(view.minimumSizeHint())
    qtbot.wait(20)
    assert view.horizontalScrollBar().maximum() == 0
    assert not view.horizontalScrollBar().isVisible()


def _last_paragraph_in_view(view: ArticleView) -> bool:
    block = view.document().lastBlock()
    while not block.text().strip():
        block = block.previous()
    box = view.blockBoundingGeometry(block).translated(view.contentOffset())
    return box.top() >= 0 and box.top() + block.layout().lineAt(0).height() <= view.viewport().height()


def test_ctrl_end_shows_the_end_of_an_article_ending_in_blank_lines(qtbot: QtBot) -> None:
    """A blank line has no height (`ParagraphLayout`), and Qt scrolled to no caret in one: Ctrl+End
    put the caret after a Wikinews article's last line breaks and left the page at the top."""
    text = "\n\n\n".join(
        f"Paragraph {n} of a long article, with enough words to fill a line." for n in range(60)
    )
    view = _shown(qtbot, text + "\n\n\n")
    view.setFocus()
    assert not _last_paragraph_in_view(view)
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.textCursor().position() == len(text) + 3
    assert _last_paragraph_in_view(view)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.verticalScrollBar().value() == 0
    # With Shift, the selection runs to the very end, as the keys asked.
    qtbot.keyClick(
        view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert (view.textCursor().anchor(), view.textCursor().position()) == (0, len(text) + 3)
    assert _last_paragraph_in_view(view)


def test_an_article_with_a_run_too_long_to_wrap_at_words_is_wrapped_anywhere_and_the_next_at_words(
    qtbot: QtBot,
) -> None:
    """Qt looks for a word boundary in a run without spaces in time that grows as the square of
    its length: an article holding 200,000 "x" held the window 2.6 s as it opened, a million most
    of a minute. Such an article is wrapped anywhere; the next, ordinary one at words again."""
    wrap = QTextOption.WrapMode
    hostile = "A page pasted with its data:\n" + "x" * (LONGEST_RUN_WRAPPED_AT_WORDS + 1) + "\nThe end."
    view = _shown(qtbot, hostile)
    assert view.wordWrapMode() == wrap.WrapAnywhere
    assert view.toPlainText() == hostile  # the text itself is as stored
    view.set_article(SINGLE * 40)
    assert view.wordWrapMode() == wrap.WrapAtWordBoundaryOrAnywhere
    # Just below the limit, a run is still wrapped at words: its paragraph's words stay whole.
    view.set_article("x" * (LONGEST_RUN_WRAPPED_AT_WORDS - 1) + " " + SINGLE * 40)
    assert view.wordWrapMode() == wrap.WrapAtWordBoundaryOrAnywhere
