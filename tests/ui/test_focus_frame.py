"""In our light and dark themes a keyboard user sees which button, check box or combo box has the focus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QProxyStyle,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator.ui.app_events import installed
from annotator.ui.geometry import scrolled
from annotator.ui.theme import apply_theme
from tests.ui.conftest import open_window, select_words
from tests.ui.dialog_openers import open_dialog


def _luminance(colour: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _strong_changes(before: QImage, after: QImage) -> int:
    """How many pixels the focus changed with a contrast of at least 3:1 (WCAG's for a focus indicator)."""
    assert before.size() == after.size()
    return sum(
        1
        for y in range(before.height())
        for x in range(before.width())
        if _contrast(before.pixelColor(x, y), after.pixelColor(x, y)) >= 3.0
    )


@pytest.fixture
def themed(qtbot: QtBot) -> Iterator[None]:
    yield
    apply_theme(QApplication.instance(), "system")  # type: ignore[arg-type]
    qtbot.wait(10)


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_tab_shows_a_contrasting_frame_on_each_control(qtbot: QtBot, themed: None, theme: str) -> None:
    """Tab through a dialog: the focused check box, combo box and buttons (the default one too, which
    Fusion draws framed focused or not) get a frame of 3:1 contrast; Fusion's own was a faint line,
    on the dark theme next to invisible, and on the default button none at all."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    line = QLineEdit("start here")
    check = QCheckBox("Also evaluate on a file…")
    combo = QComboBox()
    combo.addItems(["JSON Lines", "CSV"])
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    for widget in (line, check, combo, buttons):
        layout.addWidget(widget)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert ok.isDefault()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    controls: list[QWidget] = [check, combo, ok, cancel]
    unfocused = {id(w): w.grab().toImage() for w in controls}
    for widget in controls:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert widget.hasFocus(), QApplication.focusWidget()
        focused = widget.grab().toImage()
        # At least a frame's worth: the short side of the widget twice over.
        wanted = 2 * min(widget.width(), widget.height())
        changed = _strong_changes(unfocused[id(widget)], focused)
        assert changed >= wanted, (type(widget).__name__, changed, wanted)


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_tab_onto_an_empty_table_frames_it(qtbot: QtBot, themed: None, theme: str) -> None:
    """A list shows the focus by its selected row; an empty one (the claims of an article not yet
    labelled, the training scores before training) has none, and Tab stopped on it unseen."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    line = QLineEdit("start here")
    table = QTableWidget(0, 3)
    table.setHorizontalHeaderLabels(["Precision", "Recall", "F1"])
    layout.addWidget(line)
    layout.addWidget(table)
    dialog.show()
    qtbot.waitExposed(dialog)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    unfocused = table.grab().toImage()
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert table.hasFocus()
    # Its frame is one pixel (the rest is the viewport's): a ring that stands out from the
    # list's ground (a grey one on the light theme is near the blue by itself).
    focused = table.grab().toImage()
    ground = table.palette().color(QPalette.ColorRole.Base)
    ring = sum(
        1
        for y in range(focused.height())
        for x in range(focused.width())
        if focused.pixelColor(x, y) != unfocused.pixelColor(x, y)
        and _contrast(focused.pixelColor(x, y), ground) >= 3.0
    )
    assert ring >= table.width() + table.height(), ring


def _frame_pixels(before: QImage, after: QImage, grounds: list[QColor]) -> int:
    """Pixels of the outer 4 px the focus changed into a colour of 3:1 or more against every one
    of `grounds` (inside, a selected text or the caret would count)."""
    assert before.size() == after.size()
    width, height = before.width(), before.height()
    return sum(
        1
        for y in range(height)
        for x in range(width)
        if min(x, y, width - 1 - x, height - 1 - y) < 4
        and before.pixelColor(x, y) != after.pixelColor(x, y)
        and all(_contrast(after.pixelColor(x, y), ground) >= 3.0 for ground in grounds)
    )


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_tab_onto_a_text_field_frames_it(qtbot: QtBot, themed: None, theme: str) -> None:
    """The search box, a note's text, a file name, a number: Fusion marks a focused field by its
    border in the highlight colour, about 2.4:1 against the dark theme's field. After Tab the
    field gets the frame the buttons get, standing out from the field and from the window."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    start = QCheckBox("start here")
    line = QLineEdit()
    line.setPlaceholderText("Search")
    note = QPlainTextEdit("A note")
    note.setTabChangesFocus(True)
    number = QSpinBox()
    for widget in (start, line, note, number):
        layout.addWidget(widget)
    dialog.show()
    qtbot.waitExposed(dialog)
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    palette = dialog.palette()
    grounds = [palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Window)]
    fields: list[QWidget] = [line, note, number]
    unfocused = {id(w): w.grab().toImage() for w in fields}
    for widget in fields:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert widget.hasFocus(), QApplication.focusWidget()
        qtbot.wait(10)
        framed = _frame_pixels(unfocused[id(widget)], widget.grab().toImage(), grounds)
        # A ring of a pixel all round at least (a text box's viewport covers the inner one).
        wanted = 2 * (widget.width() + widget.height()) - 4
        assert framed >= wanted, (type(widget).__name__, framed, wanted)


def _outer_ring_in_link_colour(image: QImage, palette: QPalette) -> int:
    """Pixels of the image's outer 2 px in the palette's Link colour: our focus frame."""
    link = palette.color(QPalette.ColorRole.Link)
    width, height = image.width(), image.height()
    return sum(
        1
        for y in range(height)
        for x in range(width)
        if min(x, y, width - 1 - x, height - 1 - y) < 2 and image.pixelColor(x, y) == link
    )


def _link_ring(widget: QWidget) -> int:
    """Pixels of the widget's outer 2 px in the palette's Link colour: our focus frame."""
    return _outer_ring_in_link_colour(widget.grab().toImage(), widget.palette())


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_a_dialog_opened_by_its_key_shows_the_focus_at_once(
    qtbot: QtBot, themed: None, project_path: Path, theme: str
) -> None:
    """N opens the note dialog with the focus in its text: a keyboard user sees the frame there
    without a Tab first (as Windows shows focus cues in a dialog opened from the keyboard), as in
    the search box after Ctrl+F. Opened after a click, as from the menu, it keeps the look a mouse
    user had."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    window = open_window(qtbot, project_path)
    try:
        view = window.view
        start = view.text.index("Five people")
        select_words(qtbot, window, start, 2)
        qtbot.keyClick(view, Qt.Key.Key_1)
        view.scroll_to(start + 1)
        qtbot.keyClick(view, Qt.Key.Key_N)
        dialog = window.labelling.note_dialog
        assert dialog.isVisible()
        qtbot.waitUntil(dialog.edit.hasFocus)
        edit = dialog.edit
        wanted = 2 * (edit.width() + edit.height()) - 4
        assert _link_ring(edit) >= wanted
        qtbot.keyClick(edit, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        # Ctrl+F: the search box, framed.
        qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        search = window.search
        qtbot.waitUntil(search.hasFocus)
        assert _link_ring(search) >= 2 * (search.width() + search.height()) - 4
        # A click in the text, then Add or Edit Note from the menu: no frame.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect().center())
        view.scroll_to(start + 1)
        window.labelling.edit_note()
        dialog = window.labelling.note_dialog
        qtbot.waitUntil(dialog.edit.hasFocus)
        assert _link_ring(dialog.edit) == 0
        dialog.reject()
    finally:
        window.close()


@pytest.fixture
def no_theme_applied_yet() -> Iterator[None]:
    """The process as a script's or a test's is before anything applied a theme: no keyboard cues.

    What an earlier test switched on is switched off, and put back after.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    events = installed(app)
    earlier = events is not None and events.keyboard_cues
    if events is not None:
        events.keyboard_cues = False
    yield
    events = installed(app)
    if events is not None:
        events.keyboard_cues = earlier


def test_a_window_built_without_a_theme_applied_frames_the_focus_a_key_moved(
    qtbot: QtBot, project_path: Path, no_theme_applied_yet: None
) -> None:
    """The keyboard cues came with `apply_theme` only: a window built directly framed the search
    box after Ctrl+F only if an earlier test in the process had applied a theme, so the same test
    passed or failed by the order the modules ran in. The window installs them itself."""
    window = open_window(qtbot, project_path)
    try:
        search = window.search
        ring = 2 * (search.width() + search.height()) - 4
        window.view.setFocus()
        qtbot.waitUntil(window.view.hasFocus)
        qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(search.hasFocus)
        assert _link_ring(search) >= ring
        # After a click the same move (from the menu) leaves the look a mouse user had.
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(window.view.hasFocus)
        window.registry["search"].trigger()
        qtbot.waitUntil(search.hasFocus)
        assert _link_ring(search) == 0
    finally:
        window.close()


def test_with_the_system_theme_on_plain_fusion_tab_onto_the_article_list_frames_it(
    qtbot: QtBot, project_path: Path, themed: None
) -> None:
    """Where the desktop leaves Qt its own Fusion (a bare X session, a window manager without a Qt
    theme: what a new laptop user often has), the default theme showed nothing when Tab reached
    the article list: its selected row is the same blue focused or not, and the claims' row
    beside it was as blue. Fusion's look stays; the focus gets our frame."""
    from PySide6.QtWidgets import QTreeView

    apply_theme(QApplication.instance(), "system")  # type: ignore[arg-type]
    style = QApplication.style()
    base = style.baseStyle() if isinstance(style, QProxyStyle) else style
    assert base.name().lower() == "fusion"  # offscreen, as on a bare X session
    window = open_window(qtbot, project_path)
    try:
        articles = window.findChild(QTreeView, "articleList")
        assert articles is not None
        window.view.setFocus()
        qtbot.waitUntil(window.view.hasFocus)
        unfocused = articles.grab().toImage()
        for _ in range(8):  # Tab: the claims, the search box, the two filters, the list
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            if articles.hasFocus():
                break
        assert articles.hasFocus()
        focused = articles.grab().toImage()
        grounds = [
            articles.palette().color(role) for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window)
        ]
        # With the keyboard in the list, a title its column cuts is shown whole under it, and the
        # list gives that line its height: the frame is looked for on the part both grabs share
        # (its top and both sides).
        height = min(unfocused.height(), focused.height())
        assert height >= articles.height() - 40
        unfocused, focused = (image.copy(0, 0, image.width(), height) for image in (unfocused, focused))
        assert _frame_pixels(unfocused, focused, grounds) >= articles.width() + height
    finally:
        window.close()


def _outline_pixels(widget: QCheckBox | QRadioButton, element: QStyle.SubElement) -> int:
    """Pixels of `widget`'s box or circle that stand out 3:1 (WCAG's for a control's edge) from
    the window's ground around it."""
    option = QStyleOptionButton()
    widget.initStyleOption(option)
    box = widget.style().subElementRect(element, option, widget)
    image = widget.grab().toImage()
    scale = image.devicePixelRatio()
    ground = widget.palette().color(QPalette.ColorRole.Window)
    return sum(
        1
        for y in range(int(box.top() * scale), int((box.bottom() + 1) * scale))
        for x in range(int(box.left() * scale), int((box.right() + 1) * scale))
        if _contrast(image.pixelColor(x, y), ground) >= 3.0
    )


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_an_unticked_check_box_and_radio_button_show_their_edge(
    qtbot: QtBot, themed: None, theme: str
) -> None:
    """Fusion draws the box of a check box (and a radio button's circle) in the field's colour,
    edged in the window's darkened: on the dark theme the release's "Replace annotator names"
    and the quotation's "Also give this speaker…" were a label with nothing to tick beside it."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    check = QCheckBox("Replace annotator names by annotator-1, annotator-2, …")
    radio = QRadioButton("Exact spans")
    layout.addWidget(check)
    layout.addWidget(radio)
    dialog.show()
    qtbot.waitExposed(dialog)
    for widget, element in (
        (check, QStyle.SubElement.SE_CheckBoxIndicator),
        (radio, QStyle.SubElement.SE_RadioButtonIndicator),
    ):
        side = widget.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, widget)
        # An edge all round, less what antialiasing blends on a circle: none stood out before.
        assert _outline_pixels(widget, element) >= 1.5 * side, type(widget).__name__


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_tab_onto_the_article_text_or_the_guidelines_frames_them(
    qtbot: QtBot, themed: None, project_path: Path, theme: str
) -> None:
    """Tab from the claim list went on to the guidelines panel's text and Shift+Tab back to the
    article's with nothing drawn: read-only, they got no frame, the guidelines no caret either,
    so the focus vanished from the screen until the next stop."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    window = open_window(qtbot, project_path)
    try:
        window.registry["guidelines_panel"].trigger()
        guidelines = window.team.panel.browser
        qtbot.waitUntil(guidelines.isVisible)
        for key, modifier, text in (
            (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, guidelines),
            (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier, window.view),
        ):
            window.claim_list.setFocus()
            qtbot.waitUntil(window.claim_list.hasFocus)
            qtbot.keyClick(window.claim_list, key, modifier)
            assert text.hasFocus(), QApplication.focusWidget()
            qtbot.wait(10)
            assert text.isReadOnly()
            assert _link_ring(text) >= 2 * (text.width() + text.height()) - 4, type(text).__name__
    finally:
        window.close()


def _ring_short_of_contrast(widget: QWidget, ground: QColor, depth: int) -> list[tuple[int, int, str]]:
    """The pixels of the widget's outer `depth` (logical) px, as painted, under 3:1 against `ground`."""
    image = widget.grab().toImage()
    deep = round(depth * image.devicePixelRatio())
    width, height = image.width(), image.height()
    return [
        (x, y, image.pixelColor(x, y).name())
        for y in range(height)
        for x in range(width)
        if min(x, y, width - 1 - x, height - 1 - y) < deep and _contrast(image.pixelColor(x, y), ground) < 3.0
    ]


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_article_text_s_focus_frame_is_2_px_of_3_to_1_against_the_window_all_round(
    qtbot: QtBot, themed: None, project_path: Path, theme: str
) -> None:
    """The frame is drawn 2 px wide, but the text's page covered its inner pixel down both sides
    and along the bottom: on the dark theme a hairline beside the title's 2 px, hard to see on
    the window's ground. Every pixel of it, as painted, stands 3:1 (WCAG's for a focus sign)
    against the window around the text and the page inside it."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    window = open_window(qtbot, project_path)
    try:
        view = window.view
        window.claim_list.setFocus()
        qtbot.waitUntil(window.claim_list.hasFocus)
        qtbot.keyClick(window.claim_list, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert view.hasFocus(), QApplication.focusWidget()
        qtbot.wait(10)
        grounds = {
            "window": window.palette().color(QPalette.ColorRole.Window),
            "page": view.palette().color(QPalette.ColorRole.Base),
        }
        for name, ground in grounds.items():
            short = _ring_short_of_contrast(view, ground, 2)
            assert not short, (name, ground.name(), len(short), short[:5])
    finally:
        window.close()


def _form_in_a_scrolling_part(rows: int) -> tuple[QDialog, QLineEdit, QScrollArea, QDialogButtonBox]:
    """A dialog as Preferences and Release Dataset are built: `rows` fields in a part that
    scrolls when the screen is short (`scrolled`), OK and Cancel below it."""
    dialog = QDialog()
    body = QWidget()
    fields = QVBoxLayout(body)
    first = QLineEdit("start here")
    fields.addWidget(first)
    for row in range(1, rows):
        fields.addWidget(QLabel(f"Line {row} of what the form says"))
    area = scrolled(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    layout = QVBoxLayout(dialog)
    layout.addWidget(area, 1)
    layout.addWidget(buttons)
    return dialog, first, area, buttons


def _tab_stops(dialog: QDialog) -> list[QWidget]:
    """Where Tab goes from the focused widget until it comes back."""
    start = QApplication.focusWidget()
    stops: list[QWidget] = []
    for _ in range(20):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start or now is None:
            break
        stops.append(now)
    return stops


def test_a_dialog_s_part_with_nothing_to_scroll_is_no_tab_stop(qtbot: QtBot) -> None:
    """Preferences on a screen tall enough: Tab from Cancel stopped on the part around the
    form, which showed nothing and had nothing to scroll, before it came back to the name."""
    dialog, first, area, buttons = _form_in_a_scrolling_part(rows=3)
    qtbot.addWidget(dialog)
    dialog.resize(400, 400)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert area.verticalScrollBar().maximum() == 0
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    stops = _tab_stops(dialog)
    assert stops == [
        buttons.button(QDialogButtonBox.StandardButton.Ok),
        buttons.button(QDialogButtonBox.StandardButton.Cancel),
    ], stops


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_tab_onto_a_dialog_s_part_that_scrolls_frames_it(qtbot: QtBot, themed: None, theme: str) -> None:
    """Release Dataset on a 1024x600 screen: its options and preview scroll, and Tab stops on
    them so that the arrows can scroll to the note below the preview; the stop had no frame,
    and after Cancel the focus was nowhere to be seen."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    dialog, first, area, buttons = _form_in_a_scrolling_part(rows=40)
    qtbot.addWidget(dialog)
    dialog.resize(400, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert area.verticalScrollBar().maximum() > 0
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()
    qtbot.waitUntil(cancel.hasFocus)
    unfocused = dialog.grab(area.geometry()).toImage()
    qtbot.keyClick(cancel, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is area
    qtbot.wait(10)
    focused = dialog.grab(area.geometry()).toImage()
    palette = dialog.palette()
    grounds = [palette.color(QPalette.ColorRole.Window)]
    wanted = 2 * (area.width() + area.height()) - 4
    assert _frame_pixels(unfocused, focused, grounds) >= wanted
    qtbot.keyClick(area, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is first
    assert dialog.grab(area.geometry()).toImage() != focused  # the frame goes with the focus


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_a_dialog_that_hides_its_focused_field_once_read_frames_where_the_focus_went(
    qtbot: QtBot, themed: None, project_path: Path, theme: str
) -> None:
    """Team ▸ Entity Decisions from the keyboard, nobody having decided a name: the dialog
    opens with the focus in its filter, and once read it hides the filter and the list and
    leaves Close with the focus, without the frame the filter had. Return closes it, but
    nothing on screen said so."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    window = open_window(qtbot, project_path)
    try:
        window.view.setFocus()
        qtbot.waitUntil(window.view.hasFocus)
        qtbot.keyClick(window.view, Qt.Key.Key_Shift)  # the last thing done was a key, as in a menu
        dialog = open_dialog(qtbot, window, lambda w: w.registry["entity_decisions"].trigger())
        close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close.hasFocus() and not dialog.filter_edit.isVisible()
        qtbot.wait(10)
        assert _link_ring(close) >= 2 * (close.width() + close.height()) - 4
        dialog.reject()
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen: the menu's popup
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_text_keeps_its_frame_after_a_menu_used_from_the_keys(
    qtbot: QtBot, themed: None, project_path: Path, theme: str
) -> None:
    """Alt+V to look at the View menu, Escape twice: the focus came back to the article's text
    with its frame gone, as after choosing an item (View ▸ Guidelines), and stayed unseen
    until a Tab moved it away from the text."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    window = open_window(qtbot, project_path)
    try:
        view = window.view
        window.claim_list.setFocus()
        qtbot.waitUntil(window.claim_list.hasFocus)
        qtbot.keyClick(window.claim_list, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert view.hasFocus(), QApplication.focusWidget()
        ring = 2 * (view.width() + view.height()) - 4
        qtbot.wait(10)
        assert _link_ring(view) >= ring  # Shift+Tab framed it
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leaves the menu bar
        qtbot.waitUntil(view.hasFocus)
        # At once: offscreen, the menu's window takes the activation back a moment later.
        assert _link_ring(view) >= ring
    finally:
        window.close()


def _menu_item_ring(bar: QMenuBar, item: QAction) -> int:
    """Pixels of the menu bar item's outer 2 px in the palette's Link colour: our focus frame."""
    return _outer_ring_in_link_colour(bar.grab(bar.actionGeometry(item)).toImage(), bar.palette())


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen: the menu's popup
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_menu_bar_item_the_keys_are_on_is_framed(
    qtbot: QtBot, themed: None, project_path: Path, theme: str
) -> None:
    """Alt+V, then Escape once to close the menu: the focus stays on the menu bar (arrows move
    along it, Down opens a menu), and Alt alone puts it there too. Fusion marks an item only
    while its menu is open: the text lost its frame and no item showed one, so the next keys
    went somewhere nobody could see. The item the keys are on now has the focus frame."""
    apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
    window = open_window(qtbot, project_path)
    try:
        view, bar = window.view, window.menuBar()
        items = {item.text().replace("&", ""): item for item in bar.actions()}
        view_item, file_item = items["View"], items["File"]
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        assert _menu_item_ring(bar, view_item) == 0  # no frame while the text has the keys
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        qtbot.waitUntil(bar.hasFocus)
        shape = bar.actionGeometry(view_item)
        ring = 2 * (shape.width() + shape.height()) - 4
        assert _menu_item_ring(bar, view_item) >= ring
        qtbot.keyClick(bar, Qt.Key.Key_Escape)  # leaves the menu bar: the frame goes with it
        qtbot.waitUntil(view.hasFocus)
        assert _menu_item_ring(bar, view_item) == 0
        qtbot.keyClick(view, Qt.Key.Key_Alt)  # Alt alone: the keys go to the bar's first item
        qtbot.waitUntil(bar.hasFocus)
        assert bar.activeAction() is file_item
        shape = bar.actionGeometry(file_item)
        assert _menu_item_ring(bar, file_item) >= 2 * (shape.width() + shape.height()) - 4
        qtbot.keyClick(bar, Qt.Key.Key_Escape)
        qtbot.waitUntil(view.hasFocus)
    finally:
        window.close()
