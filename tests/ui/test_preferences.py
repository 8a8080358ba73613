"""Edit ▸ Preferences… (Ctrl+,): the person's settings in one dialog, by keyboard, applied on OK
through the same code as the menus and the Suggestions panel, and remembered."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPalette, QScreen
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.services.paths import settings_file
from annotator.services.settings import load_settings
from annotator.ui.actions import ACTIONS, key_text, shortcut_rows
from annotator.ui.main_window import MainWindow
from annotator.ui.preferences import PreferencesDialog, shown_preferences
from tests.ui.conftest import cut_labels, open_window
from tests.ui.error_boxes import shown_error

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _open_preferences(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    window.activateWindow()  # back from a dialog: without a window manager, nothing gives it back
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: window.preferences_dialog is not None and window.preferences_dialog.isVisible())
    dialog = window.preferences_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    return dialog


def _keys_on_focus(qtbot: QtBot, dialog: QWidget, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, key)


def _mnemonic(qtbot: QtBot, dialog: QWidget, letter: Qt.Key, field: QWidget) -> None:
    qtbot.keyClick(QApplication.focusWidget() or dialog, letter, ALT)
    qtbot.waitUntil(field.hasFocus)


def _window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def _start_again(qtbot: QtBot, project_path: Path) -> MainWindow:
    """A new window on the saved settings, as the next start makes it."""
    window = MainWindow(load_settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # A box the start shows about the settings may take the focus first, and keep it.
    qtbot.waitUntil(lambda: window.isActiveWindow() or _an_error_box_on(window))
    qtbot.waitUntil(lambda: window.start_finished)
    window.open_project(project_path)
    return window


def _an_error_box_on(window: MainWindow) -> bool:
    return any(box.isVisible() for box in window.findChildren(QMessageBox, "errorBox"))


def test_every_setting_changed_by_keyboard_shows_at_once_and_after_a_restart(
    qtbot: QtBot, project_path: Path
) -> None:
    window = open_window(qtbot, project_path)
    assert window.view.font_size == 13 and window.suggestions.panel.threshold.value() == 60
    dialog = _open_preferences(qtbot, window)
    assert dialog.name.hasFocus() and dialog.name.text() == "tester"
    qtbot.keyClicks(dialog.name, "Mia K")  # the old name is selected: typing replaces it
    _mnemonic(qtbot, dialog, Qt.Key.Key_T, dialog.theme)
    _keys_on_focus(qtbot, dialog, Qt.Key.Key_Down, 2)  # System, Light, Dark
    _mnemonic(qtbot, dialog, Qt.Key.Key_Z, dialog.font_size)
    _keys_on_focus(qtbot, dialog, Qt.Key.Key_Up, 3)
    _mnemonic(qtbot, dialog, Qt.Key.Key_B, dialog.threshold)
    _keys_on_focus(qtbot, dialog, Qt.Key.Key_Up, 5)
    _keys_on_focus(qtbot, dialog, Qt.Key.Key_Return)  # Enter is OK, from any field
    qtbot.waitUntil(lambda: window.preferences_dialog is None)

    assert _window_lightness() < 100 and window.theme_actions["dark"].isChecked()
    assert window.view.font_size == 16
    assert window.suggestions.panel.threshold.value() == 65
    assert "(Mia K)" in window.windowTitle()
    saved = load_settings()
    assert (saved.annotator, saved.theme, saved.font_size, saved.suggestion_threshold) == (
        "Mia K",
        "dark",
        16,
        65,
    )
    window.close()

    again = _start_again(qtbot, project_path)
    try:
        assert again.theme_actions["dark"].isChecked()
        assert again.view.font_size == 16
        assert again.suggestions.panel.threshold.value() == 65
        assert "(Mia K)" in again.windowTitle()
        shown = _open_preferences(qtbot, again)
        assert shown.chosen() == shown_preferences(saved)
        qtbot.keyClick(shown.name, Qt.Key.Key_Escape)
    finally:
        again.close()


def test_the_menus_and_the_panel_change_what_preferences_shows(qtbot: QtBot, project_path: Path) -> None:
    """One source of truth: a change made where it always was is what the dialog opens on."""
    window = open_window(qtbot, project_path)
    try:
        window.registry["bigger"].trigger()
        window.theme_actions["light"].trigger()
        window.suggestions.panel.threshold.setValue(75)
        dialog = _open_preferences(qtbot, window)
        assert (dialog.font_size.value(), dialog.theme.currentData(), dialog.threshold.value()) == (
            14,
            "light",
            75,
        )
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    finally:
        window.close()


def test_cancel_and_escape_change_nothing(qtbot: QtBot, project_path: Path) -> None:
    window = open_window(qtbot, project_path)
    try:
        window.registry["bigger"].trigger()  # settings saved once, to compare the file with
        before_file = settings_file().read_bytes()
        before_title, before_lightness = window.windowTitle(), _window_lightness()
        for leave in ("escape", "cancel"):
            dialog = _open_preferences(qtbot, window)
            qtbot.keyClicks(dialog.name, "Someone Else")
            _mnemonic(qtbot, dialog, Qt.Key.Key_T, dialog.theme)
            _keys_on_focus(qtbot, dialog, Qt.Key.Key_Down, 2)
            _mnemonic(qtbot, dialog, Qt.Key.Key_Z, dialog.font_size)
            _keys_on_focus(qtbot, dialog, Qt.Key.Key_Up, 4)
            _mnemonic(qtbot, dialog, Qt.Key.Key_B, dialog.threshold)
            _keys_on_focus(qtbot, dialog, Qt.Key.Key_Down, 7)
            if leave == "escape":
                _keys_on_focus(qtbot, dialog, Qt.Key.Key_Escape)
            else:
                dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            qtbot.waitUntil(lambda: window.preferences_dialog is None)
            assert settings_file().read_bytes() == before_file
            assert window.windowTitle() == before_title and _window_lightness() == before_lightness
            assert window.theme_actions["system"].isChecked()
            assert window.view.font_size == 14
            assert window.suggestions.panel.threshold.value() == 60
    finally:
        window.close()


def test_a_hostile_settings_file_shows_the_defaults(qtbot: QtBot, project_path: Path) -> None:
    """Wrong types and values out of range, as a hand edit or a broken sync leaves them: the
    window and the dialog show the defaults, and a name no claim can be saved under is asked for.

    The window says which it left out, naming the file: a text size of 500 came back as 13, a
    theme as System, without a word, and the next save wrote the defaults over them."""
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    hostile = {
        "version": 3,
        "font_size": 500,
        "suggestion_threshold": "60",
        "theme": ["dark"],
        "annotator": "gold",
        "max_import_bytes": 20 * 1024 * 1024,  # as it should be: not named
    }
    path.write_text(json.dumps(hostile), "utf-8")
    window = _start_again(qtbot, project_path)
    try:
        said = shown_error(qtbot, window)
        assert str(path) in said and "Preferences" in said, said
        named = said.split(": ", 1)[1]
        assert "your name, the theme, the text size, the suggestion threshold." in named, said
        assert "largest file" not in said, said
        defaults = Settings()
        assert window.view.font_size == defaults.font_size
        assert window.suggestions.panel.threshold.value() == defaults.suggestion_threshold
        assert window.theme_actions["system"].isChecked()
        dialog = _open_preferences(qtbot, window)
        assert dialog.chosen() == shown_preferences(defaults)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled() and dialog.name_problem.isVisible()
        qtbot.keyClicks(dialog.name, "gold")
        assert not ok.isEnabled() and "reviewers" in dialog.name_problem.text()
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, "Ada")
        assert ok.isEnabled() and not dialog.name_problem.isVisible()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        assert load_settings().annotator == "Ada"
    finally:
        window.close()


def test_values_made_in_code_outside_their_ranges_show_as_the_defaults() -> None:
    odd = Settings(annotator="gold", theme="neon", font_size=500, suggestion_threshold=-4)
    assert shown_preferences(odd) == shown_preferences(Settings())


def test_every_control_is_reached_by_tab_and_by_a_letter_of_its_own(qtbot: QtBot, project_path: Path) -> None:
    window = open_window(qtbot, project_path)
    try:
        dialog = _open_preferences(qtbot, window)
        controls = [
            dialog.name,
            dialog.theme,
            dialog.font_size,
            dialog.threshold,
            dialog.import_limit,
            dialog.model_button,
        ]
        reached: list[QWidget] = []
        for _ in range(len(controls) + 2):
            focus = QApplication.focusWidget()
            assert focus is not None
            reached.append(focus)
            qtbot.keyClick(focus, Qt.Key.Key_Tab)
        assert all(control in reached for control in controls)
        letters = [
            m.group(1).casefold()
            for widget in dialog.findChildren(QWidget)
            if isinstance(text := widget.property("text"), str)
            if (m := re.search(r"&([^&])", text))
        ]
        assert len(letters) == len(set(letters)) >= len(controls)
        buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
        assert {dialog.name, dialog.theme, dialog.font_size, dialog.threshold, dialog.import_limit} <= buddies
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    finally:
        window.close()


def test_the_project_s_model_dialog_opens_on_top_and_closes_back_to_preferences(
    qtbot: QtBot, project_path: Path
) -> None:
    window = open_window(qtbot, project_path)
    try:
        dialog = _open_preferences(qtbot, window)
        qtbot.keyClick(dialog.name, Qt.Key.Key_M, ALT)  # a button's letter presses it
        qtbot.waitUntil(lambda: window.pipeline_dialog is not None and window.pipeline_dialog.isVisible())
        model = window.pipeline_dialog
        assert model is not None and model.parent() is dialog
        qtbot.waitUntil(model.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget() or model, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not shiboken6.isValid(model) or not model.isVisible())
        assert dialog.isVisible()
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
    finally:
        window.close()


def test_without_a_project_the_model_button_says_why_it_is_off(qtbot: QtBot) -> None:
    window = open_window(qtbot, None)
    try:
        dialog = _open_preferences(qtbot, window)
        assert not dialog.model_button.isEnabled()
        note = dialog.findChild(QLabel, "preferencesModelNote")
        assert note is not None and "Open a project" in note.text()
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    finally:
        window.close()


def test_the_menu_and_the_shortcut_table_list_it() -> None:
    spec = next(spec for spec in ACTIONS if spec.id == "preferences")
    assert spec.menu == "edit" and "Ctrl+," in spec.keys
    assert any(keys == key_text(spec) and "Preferences" in what for keys, what in shortcut_rows())


def test_it_fits_a_scaled_small_laptop_screen(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """1024x600 at 150% is 683x400 of Qt's pixels: the form scrolls, OK and Cancel stay on screen."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 683, 400))
    dialog = PreferencesDialog(None, Settings(annotator="Ada"), project_open=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(20)
    assert dialog.width() <= 683 and dialog.height() <= 400
    assert dialog.buttons.isVisible() and dialog.buttons.geometry().bottom() <= dialog.height()
    assert cut_labels(dialog) == []


def test_enter_on_any_field_is_ok_and_typing_replaces_a_number(qtbot: QtBot, project_path: Path) -> None:
    """A combo box or a spin box may take Enter for itself; here it goes to OK. A letter moves
    to a spin box with its number selected, so typed digits replace it."""
    window = open_window(qtbot, project_path)
    try:
        for letter, size in (
            (Qt.Key.Key_N, "15"),
            (Qt.Key.Key_T, "17"),
            (Qt.Key.Key_B, "18"),
            (Qt.Key.Key_Z, "19"),
        ):
            dialog = _open_preferences(qtbot, window)
            _mnemonic(qtbot, dialog, Qt.Key.Key_Z, dialog.font_size)
            qtbot.keyClicks(dialog.font_size, size)
            field = {
                Qt.Key.Key_N: dialog.name,
                Qt.Key.Key_T: dialog.theme,
                Qt.Key.Key_B: dialog.threshold,
            }.get(letter, dialog.font_size)
            if field is not dialog.font_size:
                _mnemonic(qtbot, dialog, letter, field)
            with qtbot.waitSignal(dialog.accepted):
                qtbot.keyClick(field, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: window.preferences_dialog is None)
            assert window.view.font_size == int(size) == load_settings().font_size
    finally:
        window.close()


@pytest.mark.parametrize("factor", [1.0, 1.5])
def test_on_a_large_screen_the_whole_form_shows_without_scrolling(qtbot: QtBot, factor: float) -> None:
    from PySide6.QtWidgets import QScrollArea

    from tests.ui.conftest import larger_font

    with larger_font(factor):
        dialog = PreferencesDialog(None, Settings(annotator="gold"), project_open=False)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(20)
        area = dialog.findChild(QScrollArea)
        assert area is not None and not area.verticalScrollBar().isVisible()
        assert cut_labels(dialog) == []


def test_entity_types_hidden_in_the_legend_are_named_and_shown_again_on_ok(
    qtbot: QtBot, project_path: Path
) -> None:
    window = open_window(qtbot, project_path)
    try:
        dialog = _open_preferences(qtbot, window)
        assert not dialog.show_hidden.isEnabled()  # nothing hidden: nothing to show again
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        window.legend.checkbox("PERSON").click()  # the legend's switch, as a person hides a type
        assert load_settings().hidden_entity_labels == ("PERSON",)
        dialog = _open_preferences(qtbot, window)
        assert any("Hidden now: PERSON." in label.text() for label in dialog.findChildren(QLabel))
        _mnemonic(qtbot, dialog, Qt.Key.Key_S, dialog.show_hidden)
        qtbot.waitUntil(dialog.show_hidden.isChecked)  # a check box's letter ticks it too
        qtbot.keyClick(dialog.show_hidden, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        assert window.legend.hidden == frozenset() and window.legend.checkbox("PERSON").isChecked()
        assert load_settings().hidden_entity_labels == ()
    finally:
        window.close()


def test_a_long_list_of_hidden_types_is_counted_not_listed() -> None:
    from PySide6.QtWidgets import QWidget as Speaker

    from annotator.ui.preferences import HIDDEN_NAMED, _named

    labels = [f"TYPE{n:03}" for n in range(300)]
    said = _named(labels, Speaker())
    assert said.endswith(f"and {300 - HIDDEN_NAMED} more") and "TYPE004" not in said


def test_odd_entries_in_the_file_s_hidden_types_are_neither_named_nor_kept(
    qtbot: QtBot, project_path: Path
) -> None:
    """A hand-edited or damaged list of hidden types: every entry was turned into text, and
    Preferences said "Hidden now: ,  , 1, DATE and 3 more" (a blank, numbers, None, DATE twice)."""
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    odd = ["DATE", "DATE", 1, None, "", "  ", {"PERSON": True}, ["ORG"]]
    path.write_text(json.dumps({"annotator": "Ada", "hidden_entity_labels": odd}), "utf-8")
    window = _start_again(qtbot, project_path)
    try:
        assert window.legend.hidden == frozenset({"DATE"})
        dialog = _open_preferences(qtbot, window)
        assert any(label.text().startswith("Hidden now: DATE.") for label in dialog.findChildren(QLabel))
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        window.registry["bigger"].trigger()  # any change saves the settings
        assert json.loads(path.read_text("utf-8"))["hidden_entity_labels"] == ["DATE"]
    finally:
        window.close()


def test_showing_every_hidden_type_again_is_one_change(qtbot: QtBot, project_path: Path) -> None:
    """Each hidden type was shown as its switch would, one by one: each wrote the settings file
    and drew the article again, and with a few hundred types listed in the file OK froze the
    window for many seconds (2,000 took 21 s)."""
    hidden = (*(f"TYPE{n:03}" for n in range(300)), "DATE", "PERSON")
    window = open_window(qtbot, project_path, settings=Settings(annotator="Ada", hidden_entity_labels=hidden))
    try:
        changes: list[frozenset[str]] = []
        window.legend.hiddenChanged.connect(changes.append)
        dialog = _open_preferences(qtbot, window)
        _mnemonic(qtbot, dialog, Qt.Key.Key_S, dialog.show_hidden)
        qtbot.waitUntil(dialog.show_hidden.isChecked)
        qtbot.keyClick(dialog.show_hidden, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        assert changes == [frozenset()]
        assert window.legend.hidden == frozenset() and window.view.hidden_entity_labels == frozenset()
        assert window.legend.checkbox("PERSON").isChecked() and window.legend.checkbox("DATE").isChecked()
        assert window.legend.more_button.text() == "More types"
        assert load_settings().hidden_entity_labels == ()
    finally:
        window.close()


def test_the_largest_file_to_import_is_raised_here_when_an_import_refuses_a_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A 1.5 MB feed over the window's limit was refused with "split it into smaller files":
    the limit was kept in the settings and read nowhere, and only the command line could
    take the file. The refusal names this setting, and the next import reads the file."""
    from annotator.core.settings import MEGABYTE
    from tests.ui.conftest import make_project

    feed = tmp_path / "feed.jsonl"
    line = json.dumps({"title": "Council", "text": "The council met on Monday. " * 2000}) + "\n"
    feed.write_text(line * 28, "utf-8")  # about 1.5 MB
    path = make_project(tmp_path / "p.annotator.db", [])
    window = open_window(qtbot, path, settings=Settings(annotator="tester", max_import_bytes=MEGABYTE))
    window.auto_preannotate = False
    try:
        window.import_paths([feed])
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        report = window.transfers.import_report
        assert report is not None and report.isVisible()
        said = report.table.item(0, 2).text()
        assert "over the 1 MB limit" in said and "Largest file to import in Edit ▸ Preferences" in said
        report.close()
        assert window.project is not None and window.project.article_count() == 0

        dialog = _open_preferences(qtbot, window)
        assert dialog.import_limit.value() == 1
        _mnemonic(qtbot, dialog, Qt.Key.Key_I, dialog.import_limit)
        qtbot.keyClicks(dialog.import_limit, "2")  # typing replaces the number
        _keys_on_focus(qtbot, dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        assert load_settings().max_import_bytes == 2 * MEGABYTE

        window.import_paths([feed])
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        assert window.project.article_count() == 1  # the feed's 28 lines are one article, 27 repeats
    finally:
        window.close()


def test_a_hand_edited_import_limit_outside_its_range_reads_as_the_default() -> None:
    from annotator.core.settings import MEGABYTE

    for hostile in (0, -5, 10**15, 1.5, "20"):
        assert Settings.from_json_dict({"max_import_bytes": hostile}).max_import_bytes == 20 * MEGABYTE
    assert Settings.from_json_dict({"max_import_bytes": 300 * MEGABYTE}).max_import_bytes == 300 * MEGABYTE
    assert shown_preferences(Settings(max_import_bytes=3_000_000)).import_megabytes == 3


def test_ok_keeps_a_name_saved_in_its_decomposed_form_when_only_another_setting_changes(
    qtbot: QtBot, project_path: Path
) -> None:
    """A name saved before names were composed ("Zoe" and a combining diaeresis) owns the claims
    made under it. OK pressed to change only the theme composed it: the person's own claims
    became another annotator's ("This claim is Zoë's"), and the keys labelled as a new person."""
    decomposed = "Zoe\u0308"
    window = open_window(qtbot, project_path, annotator=decomposed)
    try:
        title = window.windowTitle()
        dialog = _open_preferences(qtbot, window)
        _mnemonic(qtbot, dialog, Qt.Key.Key_T, dialog.theme)
        _keys_on_focus(qtbot, dialog, Qt.Key.Key_Down, 2)
        _keys_on_focus(qtbot, dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        assert window.theme_actions["dark"].isChecked()
        assert window.settings.annotator == decomposed
        assert window.windowTitle() == title
        assert load_settings().annotator == decomposed
    finally:
        window.close()


def test_a_number_typed_below_a_field_s_range_is_taken_as_its_smallest_not_the_old_value(
    qtbot: QtBot, project_path: Path
) -> None:
    """A text size of "5" typed (the smallest is 6) and Enter pressed: the field showed "5 pt",
    the dialog closed, and the text stayed at 13 without a word; "0" MB kept 20 MB."""
    window = open_window(qtbot, project_path)
    try:
        dialog = _open_preferences(qtbot, window)
        _mnemonic(qtbot, dialog, Qt.Key.Key_Z, dialog.font_size)
        qtbot.keyClicks(dialog.font_size, "5")
        assert dialog.font_size.text() == "5 pt"
        _mnemonic(qtbot, dialog, Qt.Key.Key_I, dialog.import_limit)  # leaving the field
        assert dialog.font_size.text() == "6 pt"
        qtbot.keyClicks(dialog.import_limit, "0")
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.import_limit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.preferences_dialog is None)
        assert window.view.font_size == 6
        saved = load_settings()
        assert (saved.font_size, saved.max_import_bytes) == (6, 1024 * 1024)
    finally:
        window.close()
