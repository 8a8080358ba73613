"""Every dialog works from the keyboard alone, in the order it is read.

A person who labels all day keeps the hands on the keys: a dialog whose focus starts on
nothing, whose Tab skips a box or runs back up the form, whose Alt+letter is taken twice or
names a label without a field, or whose Return or Escape does nothing sends them to the mouse.
Each dialog is opened as the window opens it (`tests.ui.dialog_openers`) and driven by keys
sent to whichever widget has the focus, as a keyboard sends them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QThreadPool, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator.core.reports import MergeConflict, MergeReport
from annotator.ui import save_dialog
from annotator.ui.app import ensure_annotator
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import spoken_name
from tests.ui.dialog_openers import DIALOGS, TEAM_DIALOGS, dialog_window, shown_dialogs, team_dialog_window

# Offscreen, a dialog's size hints (the quotation's completion list, the sized dialogs) are not passed on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

Opener = Callable[[MainWindow], object]


def _first_start(window: MainWindow) -> None:
    """The name asked over the window at a first start (`ui.app.ensure_annotator`), none saved."""
    window.update_settings(dataclasses.replace(window.settings, annotator=""))
    ensure_annotator(window)


def _export(window: MainWindow) -> None:
    """Ctrl+E on a file three people labelled: whose labels, before the save dialog asks where."""
    window.registry["export"].trigger()


def _guidelines(window: MainWindow) -> None:
    """View ▸ Guidelines, then the panel's Edit Guidelines… button."""
    window.registry["guidelines_panel"].trigger()
    window.team.panel.edit_button.click()


def _merge_report(window: MainWindow) -> None:
    """What File ▸ Merge Project Files… shows when the merge is done, with a conflict to detail.

    Shown as the merge's end shows it: a merge run here would change the file before the
    dialog opens, and Escape's test compares the file's rows from before the opening.
    """
    conflict = MergeConflict("label", "0" * 64, "Taxes", "factual or opinion")
    window.team._merged([MergeReport("alice.db", articles_added=1, conflicts=[conflict])])


OWN_DIALOGS: dict[str, Opener] = {**DIALOGS, "first start name": _first_start}
OWN_TEAM_DIALOGS: dict[str, Opener] = {
    **TEAM_DIALOGS,
    "export": _export,
    "guidelines": _guidelines,
    "merge report": _merge_report,
}
"""File ▸ New Project, Open and Import are the platform's file dialogs (`QFileDialog`), not ours."""

ALL = [*((name, False) for name in OWN_DIALOGS), *((name, True) for name in OWN_TEAM_DIALOGS)]
IDS = [name for name, _team in ALL]


@pytest.fixture
def windows(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[bool], MainWindow]]:
    """The window a dialog opens over (a team file's for the team's dialogs), built when asked.

    The export's save dialog answers "cancelled": a dialog the tests drive is ours only.
    """
    monkeypatch.setattr(save_dialog, "ask_save_path", lambda *_args, **_options: ("", ""))
    made: list[MainWindow] = []

    def build(team: bool) -> MainWindow:
        made.append(team_dialog_window(qtbot, tmp_path) if team else dialog_window(qtbot, tmp_path))
        return made[-1]

    yield build
    for window in made:
        window.close()


def drive(qtbot: QtBot, window: MainWindow, opener: Opener, check: Callable[[QDialog], None]) -> None:
    """Open a dialog, run `check` on it once it is active, and close it.

    `check` runs from a timer, inside the dialog's own event loop: the first start's name and
    the export's whose-labels dialog are run with `exec()`, which returns only once they close.
    """
    before = shown_dialogs()
    failed: list[BaseException] = []
    done: list[bool] = []

    def attempt() -> None:
        new = [d for d in shown_dialogs() - before if isinstance(d, QDialog)]
        if not new or getattr(new[0], "loading", False) or not new[0].isActiveWindow():
            QTimer.singleShot(20, window, attempt)
            return
        (dialog,) = new
        try:
            check(dialog)
        except BaseException as exc:  # an assertion: close the dialog, fail after it
            failed.append(exc)
        finally:
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)
            done.append(True)

    QTimer.singleShot(0, window, attempt)
    opener(window)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    if failed:
        raise failed[0]


def run_check(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str, check: Callable[[QDialog], None]
) -> None:
    team = dict(ALL)[name]
    opener = (OWN_TEAM_DIALOGS if team else OWN_DIALOGS)[name]
    drive(qtbot, windows(team), opener, check)


# What a person acts on, and what is read only.

ACTED_ON = (
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QAbstractSlider,
    QTabBar,
)


def is_read_only_text(widget: QWidget) -> bool:
    """Text to read (a label, a read-only text view or field): never where the focus should start."""
    if isinstance(widget, QLabel):
        return True
    if isinstance(widget, (QTextEdit, QPlainTextEdit, QLineEdit)):
        return widget.isReadOnly()
    return False


def is_multi_line_edit(widget: QWidget | None) -> bool:
    return isinstance(widget, (QTextEdit, QPlainTextEdit)) and not widget.isReadOnly()


def controls(dialog: QDialog) -> list[QWidget]:
    """The enabled, visible widgets of `dialog` a person acts on, which Tab must reach."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if widget.window() is not dialog or not widget.isVisibleTo(dialog) or not widget.isEnabled():
            continue  # a popup (a completion list, a combo box's list) is a window of its own
        if widget.focusProxy() is not None or is_read_only_text(widget):
            continue  # the proxy takes the focus (a combo box's line edit, a scroll area's viewport)
        if isinstance(widget, (QHeaderView, QScrollBar)):
            continue  # moved with the keys of the view they belong to
        if isinstance(widget, QAbstractButton) and isinstance(
            widget.parent(), (QLineEdit, QTabBar, QAbstractSpinBox, QAbstractItemView)
        ):
            continue  # a field's clear button, a tab bar's arrows, a table's corner: their owner's keys
        if widget.objectName() in NOT_ACTED_ON:
            continue
        if isinstance(widget, ACTED_ON) or (
            isinstance(widget, QScrollArea) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            found.append(widget)
    return found


NOT_ACTED_ON = {
    "releasePreview": "three rows of figures, all in view, that nothing selects or opens: no Tab stop",
}
"""Controls by design out of the keys' way, and why."""


def focus_owner(widget: QWidget | None, dialog: QDialog) -> QWidget | None:
    """The control the focus is in (a widget's focus proxy points at its owner: a combo box's
    line edit at the box, a view's viewport at the view, and Qt gives the focus to the owner)."""
    while (
        widget is not None
        and widget is not dialog
        and not isinstance(widget, (*ACTED_ON, QLabel, QScrollArea))
    ):
        widget = widget.parentWidget()
    return widget


def named(widget: QWidget | None) -> str:
    """How a failure names a widget: object name, else its text, else its class."""
    if widget is None:
        return "nothing"
    text = ""
    for attribute in ("text", "title", "accessibleName", "placeholderText"):
        value = getattr(widget, attribute, None)
        if callable(value):
            text = str(value())
            if text:
                break
    label = widget.objectName() or repr(text[:40]) if (widget.objectName() or text) else ""
    return f"{type(widget).__name__}({label})"


def main_default(dialog: QDialog) -> QPushButton | None:
    """The button Return presses wherever the focus is (not a push button that has it, which
    is the default only while it has it)."""
    focused = QApplication.focusWidget()
    if isinstance(focused, QPushButton) and focused.autoDefault():
        focused.clearFocus()  # gives the dialog's own default back
        defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault() and b.isVisibleTo(dialog)]
        focused.setFocus(Qt.FocusReason.OtherFocusReason)
    else:
        defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault() and b.isVisibleTo(dialog)]
    return defaults[0] if defaults else None


def in_dialog(widget: QWidget | None, dialog: QDialog) -> bool:
    return widget is not None and widget.window() is dialog


# 1. Where the focus starts.

FOCUS_STARTS_ON_TEXT = {
    "review": "the disagreement under review, read first; arrows scroll it, the keys decide it",
}
"""Dialogs whose focus starts, by design, on text to read, and why."""


@pytest.mark.parametrize("name", IDS)
def test_focus_starts_on_a_field_or_the_default_button(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str
) -> None:
    def check(dialog: QDialog) -> None:
        focused = QApplication.focusWidget()
        assert in_dialog(focused, dialog), f"the focus starts on {named(focused)}, outside the dialog"
        owner = focus_owner(focused, dialog)
        if name in FOCUS_STARTS_ON_TEXT:
            assert owner is not None and is_read_only_text(owner)
            return
        assert owner in controls(dialog), f"the focus starts on {named(owner)}, which nobody acts on"
        assert not isinstance(owner, QScrollArea), f"the focus starts on {named(owner)}, around the fields"
        if isinstance(owner, QPushButton):
            default = main_default(dialog)
            assert owner is default or default is None, (
                f"the focus starts on the button {named(owner)}, not on the default {named(default)}"
            )

    run_check(qtbot, windows, name, check)


# 2. Tab reaches everything, Shift+Tab goes back.


def same_choice(widget: QWidget) -> list[QWidget]:
    """The radio buttons one choice is made among: Tab stops at the checked one, arrows move
    between them (Qt's way, as every desktop's), so reaching one reaches them all."""
    if not isinstance(widget, QRadioButton):
        return [widget]
    group = widget.group()
    if group is not None and group.exclusive():
        return list(group.buttons())
    if widget.autoExclusive() and widget.parentWidget() is not None:
        return [b for b in widget.parentWidget().findChildren(QRadioButton) if b.autoExclusive()]
    return [widget]


@dataclass
class Walk:
    """Where the focus went, one stop per press of a key that moved it."""

    stops: list[QWidget]
    problems: list[str]


def walk(dialog: QDialog, key: Qt.Key, modifier: Qt.KeyboardModifier) -> Walk:
    """Press `key` on the focused widget until the focus is back where it started.

    A widget may keep the focus for a few presses (a text browser steps through its links);
    kept for many, it is a trap.
    """
    start = QApplication.focusWidget()
    assert start is not None, "no focus to start from"
    stops = [start]
    problems: list[str] = []
    kept = 0
    for _ in range(4 * len(dialog.findChildren(QWidget)) + 20):
        before = QApplication.focusWidget()
        assert before is not None
        QTest.keyClick(before, key, modifier)
        now = QApplication.focusWidget()
        if not in_dialog(now, dialog):
            problems.append(f"the focus left the dialog from {named(before)} for {named(now)}")
            return Walk(stops, problems)
        assert now is not None
        if now is before:
            kept += 1
            if kept > 15:
                if len(stops) > 1 or any(w is not focus_owner(now, dialog) for w in controls(dialog)):
                    problems.append(f"the focus sticks in {named(now)}")
                return Walk(stops, problems)
            continue
        kept = 0
        if now is start:
            return Walk(stops, problems)
        stops.append(now)
    problems.append("the focus never came back where it started")
    return Walk(stops, problems)


FORWARD = (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
BACKWARD = (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)


READ_ONLY_STOPS = {
    "shortcutsGuidelines": "the project's guidelines: pages to scroll, links to follow with Tab",
    "reviewContext": "the disagreement in its article: read, scrolled, its words selected to copy",
}
"""Read-only text that is a Tab stop by design, by object name, and why."""


@pytest.mark.parametrize("name", IDS)
def test_read_only_text_is_no_tab_stop(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str
) -> None:
    """Text a person only reads (a label, a read-only text view) costs a Tab on the way to
    what they act on, unless it must be scrolled or selected with the keys."""

    def check(dialog: QDialog) -> None:
        stops = [focus_owner(w, dialog) or w for w in walk(dialog, *FORWARD).stops]
        read_only = [w for w in stops if is_read_only_text(w) and w.objectName() not in READ_ONLY_STOPS]
        assert not read_only, f"Tab stops on the text {[named(w) for w in read_only]}"

    run_check(qtbot, windows, name, check)


@pytest.mark.parametrize("name", IDS)
def test_tab_reaches_every_control_and_shift_tab_goes_back(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str
) -> None:
    def check(dialog: QDialog) -> None:
        forward = walk(dialog, *FORWARD)
        assert not forward.problems, forward.problems
        reached = {choice for w in forward.stops for choice in same_choice(focus_owner(w, dialog) or w)}
        missed = [named(w) for w in controls(dialog) if w not in reached]
        assert not missed, f"Tab never reaches {missed}"
        backward = walk(dialog, *BACKWARD)
        assert not backward.problems, backward.problems
        assert backward.stops == [forward.stops[0], *reversed(forward.stops[1:])], (
            f"Shift+Tab goes {[named(w) for w in backward.stops]}, "
            f"Tab went {[named(w) for w in forward.stops]}"
        )

    run_check(qtbot, windows, name, check)


# 3. Tab follows the reading order.


def place(widget: QWidget, dialog: QDialog) -> QRect:
    """Where `widget` is read in `dialog`: in a scroll area, where it is in the whole content,
    however far it is scrolled (the area scrolls to whatever takes the focus)."""
    x = y = 0
    inner: QWidget | None = widget
    while inner is not None and inner is not dialog:
        parent = inner.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        if not (isinstance(area, QScrollArea) and area.widget() is inner):
            x, y = x + inner.x(), y + inner.y()
        inner = parent
    return QRect(x, y, widget.width(), widget.height())


def above(upper: QRect, lower: QRect) -> bool:
    """`upper` is on an earlier line than `lower`: not beside it (their middles are apart)."""
    return upper.center().y() < lower.top() and lower.center().y() > upper.bottom()


def in_button_box(widget: QWidget) -> bool:
    return isinstance(widget.parentWidget(), QDialogButtonBox)


def order_problems(stops: list[QWidget], dialog: QDialog) -> list[str]:
    """Where Tab goes up a line, from the dialog's buttons back into its fields, or leftwards
    along its row of buttons, counted from the first control in reading order (the order is a
    ring: Tab from the last goes to the first)."""
    owners: list[QWidget] = []
    for stop in stops:
        owner = focus_owner(stop, dialog) or stop
        if not owners or owners[-1] is not owner:
            owners.append(owner)
    first = min(
        range(len(owners)),
        key=lambda i: (
            in_button_box(owners[i]),
            place(owners[i], dialog).top(),
            place(owners[i], dialog).left(),
        ),
    )
    ring = owners[first:] + owners[:first]
    problems = []
    for earlier, later in itertools.pairwise(ring):
        if in_button_box(earlier) and not in_button_box(later):
            problems.append(f"{named(later)} after the button {named(earlier)}")
        elif above(place(later, dialog), place(earlier, dialog)) and in_button_box(earlier) == in_button_box(
            later
        ):
            problems.append(f"{named(later)} after {named(earlier)}, below it")
        elif (
            in_button_box(earlier)
            and later.parentWidget() is earlier.parentWidget()
            and not above(place(earlier, dialog), place(later, dialog))
            and place(later, dialog).left() < place(earlier, dialog).left()
        ):
            problems.append(f"Tab goes back left from the button {named(earlier)} to {named(later)}")
    return problems


@pytest.mark.parametrize("name", IDS)
def test_tab_follows_the_reading_order(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str
) -> None:
    def check(dialog: QDialog) -> None:
        forward = walk(dialog, *FORWARD)
        problems = order_problems(forward.stops, dialog)
        assert not problems, problems

    run_check(qtbot, windows, name, check)


# 4. Alt+letter.

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    """The letter after a single `&` ("&&" is an ampersand shown), lower case."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


GNOME_BUTTON_TEXTS: dict[QDialogButtonBox.StandardButton, tuple[str, str]] = {
    QDialogButtonBox.StandardButton.Save: ("Save", "&Save"),
    QDialogButtonBox.StandardButton.Cancel: ("Cancel", "&Cancel"),
    QDialogButtonBox.StandardButton.Close: ("Close", "&Close"),
}
"""Standard buttons Qt names with a letter on GNOME and the desktops that take its look (Cinnamon,
MATE, Unity, Pantheon: `QGnomeTheme::standardButtonText`), and without one here, offscreen."""


def gnome_text(button: QAbstractButton) -> str | None:
    """What `button` reads on GNOME, where that differs: a standard button the dialog left as Qt
    names it. "&Copy Details" beside "&Close" made Alt+C only move the focus between the two."""
    box = button.parent()
    while box is not None and not isinstance(box, (QDialogButtonBox, QMessageBox)):
        box = box.parent()
    if box is None:
        return None
    texts = GNOME_BUTTON_TEXTS.get(QDialogButtonBox.StandardButton(box.standardButton(button).value))
    return texts[1] if texts and button.text() == texts[0] else None


def mnemonic_problems(dialog: QDialog) -> list[str]:
    owners: dict[str, list[str]] = {}
    problems = []
    for widget in dialog.findChildren(QWidget):
        if widget.window() is not dialog or not widget.isVisibleTo(dialog):
            continue
        texts: list[str] = []
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
            texts = [widget.text()]
            if mnemonic(widget.text()) and widget.buddy() is None:
                problems.append(f"the label {widget.text()!r} has a letter and no field for it")
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parent(), QTabBar):
            texts = [gnome_text(widget) or widget.text()]
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        for text in texts:
            letter = mnemonic(text)
            if letter:
                owners.setdefault(letter, []).append(text)
    problems += [f"Alt+{letter.upper()} is {texts}" for letter, texts in owners.items() if len(texts) > 1]
    return problems


@pytest.mark.parametrize("name", IDS)
def test_alt_letters_are_unique_and_labels_have_fields(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str
) -> None:
    """Each letter once, as the dialog reads on GNOME too, where Qt gives Cancel, Close and Save
    a letter of their own (`gnome_text`)."""

    def check(dialog: QDialog) -> None:
        problems = mnemonic_problems(dialog)
        assert not problems, problems

    run_check(qtbot, windows, name, check)


# 5. Escape and Return.

NO_DEFAULT_BUTTON = {
    "review": "each decision is a key of its own; Return would label the claim factual unawares",
}
"""Dialogs without a default button by design, and why."""


def project_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the project file, times of change and meta rows too: a
    dialog closed with Escape changes nothing at all, so nothing is left out."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(db.execute(f'SELECT * FROM "{table}"'), key=repr) for table in sorted(tables)}


@pytest.mark.parametrize("name", IDS)
def test_escape_closes_without_saving(qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str) -> None:
    """Escape rejects the dialog and leaves the project file as it was before the dialog opened
    (the rows, not only the dialog's result: a dialog may save as it goes, or on any close)."""

    def check(dialog: QDialog) -> None:
        accepted: list[bool] = []
        results: list[int] = []
        dialog.accepted.connect(lambda: accepted.append(True))
        dialog.finished.connect(results.append)
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)
        if isinstance(dialog, QMessageBox):
            # A box that only tells (the merge report) has OK alone, which Escape presses.
            assert results == [QMessageBox.StandardButton.Ok.value], results
            return
        assert results == [QDialog.DialogCode.Rejected.value] and not accepted

    team = dict(ALL)[name]
    window = windows(team)
    assert window.project is not None
    path = window.project.path
    QThreadPool.globalInstance().waitForDone()  # what the window's open started in the background
    before = project_rows(path)
    drive(qtbot, window, (OWN_TEAM_DIALOGS if team else OWN_DIALOGS)[name], check)
    QThreadPool.globalInstance().waitForDone()  # and what the dialog's close started
    QCoreApplication.processEvents()
    after = project_rows(path)
    changed = [table for table in before.keys() | after.keys() if before.get(table) != after.get(table)]
    assert not changed, f"Escape left the tables {sorted(changed)} changed"


class ReturnCatcher(QObject):
    """Takes a Return that reaches the dialog (the focused widget did not keep it), for the
    test to see which button it would press, without running what the button does."""

    def __init__(self) -> None:
        super().__init__()
        self.caught = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.caught = True
            return True
        return super().eventFilter(watched, event)


@pytest.mark.parametrize("name", IDS)
def test_return_presses_the_default_button(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str
) -> None:
    def check(dialog: QDialog) -> None:
        default = main_default(dialog)
        if name in NO_DEFAULT_BUTTON:
            assert default is None
            return
        assert default is not None, "no default button: Return does nothing"
        focused = QApplication.focusWidget()
        if is_multi_line_edit(focused):
            return  # Return starts a new line there (Ctrl+Return saves)
        if isinstance(focused, QPushButton) and (focused.autoDefault() or focused.isDefault()):
            # A push button with the focus presses itself (the default, or Qt's autoDefault).
            assert focused is default, f"Return presses {named(focused)}, not {named(default)}"
            return
        catcher = ReturnCatcher()
        dialog.installEventFilter(catcher)
        try:
            assert focused is not None
            QTest.keyClick(focused, Qt.Key.Key_Return)
        finally:
            dialog.removeEventFilter(catcher)
        assert catcher.caught, f"{named(focused)} keeps Return from the default button {named(default)}"

    run_check(qtbot, windows, name, check)


# 6. Each stop has a name a screen reader says.


@pytest.mark.parametrize("name", IDS)
def test_every_tab_stop_has_a_name_a_screen_reader_says(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str
) -> None:
    """Tabbed onto a table or a text with no name, Orca says only "table" or "text": a person
    who cannot see the dialog does not know what the part holds, or that it is the one they want.
    A control that is no stop yet counts too: Export's annotator drop-down waits for the choice
    before it, and then a screen reader had only its entry, "alice", for its name."""

    def check(dialog: QDialog) -> None:
        stops = {focus_owner(w, dialog) or w for w in walk(dialog, *FORWARD).stops}
        waiting = {
            w
            for w in dialog.findChildren(QWidget)
            if w.window() is dialog
            and w.isVisibleTo(dialog)
            and not w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.focusProxy() is None
        }
        unnamed = [named(w) for w in stops | waiting if not spoken_name(w)]
        assert not unnamed, f"a screen reader says nothing of {unnamed}"

    run_check(qtbot, windows, name, check)


@pytest.mark.parametrize("name", IDS)
def test_every_progress_bar_says_what_it_is_of(
    qtbot: QtBot, windows: Callable[[bool], MainWindow], name: str
) -> None:
    """The busy bars of the review, the statistics and the entity decisions, and the release's
    progress, had no name: Orca read "progress bar, busy" and not what was being waited for.
    Hidden ones count too: they show while the dialog reads again (another match mode)."""

    def check(dialog: QDialog) -> None:
        unnamed = [named(bar) for bar in dialog.findChildren(QProgressBar) if not spoken_name(bar)]
        assert not unnamed, f"a screen reader says nothing of what {unnamed} measure"

    run_check(qtbot, windows, name, check)
