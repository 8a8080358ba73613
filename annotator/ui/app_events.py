"""The application's one event filter: what the app watches in every window, in one place.

Qt hands an application's filters every event of every object, some 3,800 in opening a
window, and each filter written in Python costs a call into Python and a Python enum made of
the event's type. Two such filters (the keyboard cues, the file dialogs' fit) took a tenth of
the time of opening a window; one filter that asks the type once, and compares it by
identity, does the same work for half of that.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QWidget

_KEY_PRESS = QEvent.Type.KeyPress
_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
_MOUSE_PRESS = QEvent.Type.MouseButtonPress
_MOUSE_DOUBLE_CLICK = QEvent.Type.MouseButtonDblClick
_FOCUS_IN = QEvent.Type.FocusIn
_SHOW = QEvent.Type.Show

# Tab's and Backtab's reasons without the key: the focused field was hidden (Entity Decisions
# hides its filter when nobody decided anything) and Qt moved the focus on, and unmarked the
# window, so Close had the focus and no frame. The menu bar's and a popup's: the focus back in
# the text after Alt+V and Escape, or an item chosen, lost its frame.
_MOVED_BY_THE_APP = (
    Qt.FocusReason.ActiveWindowFocusReason,
    Qt.FocusReason.OtherFocusReason,
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.MenuBarFocusReason,
    Qt.FocusReason.PopupFocusReason,
)


class AppEvents(QObject):
    """The filter; what it does is switched on by `theme.install_keyboard_cues` and
    `geometry.keep_file_dialogs_on_screen`.

    Keyboard cues: focus moved by a key shows its frame, as in a dialog opened by its key on
    Windows. Qt marks a window for focus frames only when Tab, Backtab or a label's mnemonic
    moved the focus, and unmarks it at any other focus change. A dialog opened by its key (N for
    a note, W for a quotation, Ctrl+O) takes the focus as it becomes active, and Ctrl+F puts it
    in the search box: the field the next keys go to showed nothing until the first Tab. After
    a key such a focus change marks the window too; after a click it stays unmarked, so a mouse
    user sees the look as it was.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keyboard_cues = False
        self.by_keyboard = False  # whether the last key or click was a key
        self.file_dialog_type: type[QWidget] | None = None
        self.fit_file_dialog: Callable[[QWidget], None] | None = None  # as it shows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind is _KEY_PRESS or kind is _SHORTCUT_OVERRIDE:
            self.by_keyboard = True
        elif kind is _MOUSE_PRESS or kind is _MOUSE_DOUBLE_CLICK:
            self.by_keyboard = False
        elif kind is _FOCUS_IN:
            if (
                self.keyboard_cues
                and self.by_keyboard
                and isinstance(event, QFocusEvent)
                and event.reason() in _MOVED_BY_THE_APP
                and isinstance(watched, QWidget)
            ):
                watched.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        elif kind is _SHOW:
            # Before the dialog's own show event, where Qt places it on the screen by its size.
            dialog_type, fit = self.file_dialog_type, self.fit_file_dialog
            if (
                dialog_type is not None
                and fit is not None
                and isinstance(watched, dialog_type)
                and watched.isWindow()
            ):
                fit(watched)
        return False


_app_events: AppEvents | None = None


def app_events(app: QObject) -> AppEvents:
    """The filter of `app` (a QApplication, or a window standing in where none runs), installed once."""
    global _app_events
    if _app_events is None or _app_events.parent() is not app:
        _app_events = AppEvents(app)
        app.installEventFilter(_app_events)
    return _app_events


def installed(app: QCoreApplication | QObject) -> AppEvents | None:
    """The filter if one is installed on `app` (for tests that undo what earlier ones did)."""
    return _app_events if _app_events is not None and _app_events.parent() is app else None
