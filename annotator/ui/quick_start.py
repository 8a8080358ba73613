"""The start of a reopened project: its article painted first, the window built right after.

Most starts reopen the project the window closed last. When the window closes a project
cleanly it records the article open then and where the person was in it
(`services.last_closed`); when the next start would open that same file, unchanged, this
module shows that article's page, scrolled to that place, with hardly any of the program
loaded: the window at its restored geometry and theme, the menu bar, the splitter and the
status bar at their final sizes but empty, and the reading column laid out by the full view's
own code (`ui.reading`). After that first paint `MainWindow` builds everything else in the
preview's place and opens the project through every safety check
(`MainWindow._finish_reopening`); keys pressed on the preview act then.

A start on a project no record matches (never opened here, closed in another window, changed
since) is previewed the same way when the window's part of the last clean close is known: the
article comes from the file, read after the checks the open makes before it reads a row
(`services.first_open`, `store.first_page`), and the record passed here is built from both.
Any other start (a first run, a file the checks refuse or another window holds, a broken
record) returns None from `cli.first_paint_record` and takes the checked path (`ui.app.run`).
A window of another size than at the close is built before its first paint (`fits_record`);
a maximized one is previewed when it was maximized at the close on a screen still the same,
and its size is checked again when the window manager maps it (`_MappedSize`).
What the first paint may import is listed in `tests/ui/test_quick_start.py`: the standard
library, PySide6, and `annotator`, `annotator.cli`, `annotator.core.errors`,
`annotator.core.palette`, `annotator.services.paths`, `annotator.services.last_closed`,
`annotator.ui.system_check`, `annotator.ui.quick_start`, `annotator.ui.qt_messages`,
`annotator.ui.main_window`, `annotator.ui.two_step_start`, `annotator.ui.reading`,
`annotator.ui.offsets` (for the place left at the close), `annotator.ui.theme` and
`annotator.ui.geometry`; on a first open also `store.checks` (with sqlite3) and what picks the
article (`FIRST_OPEN_MAY_IMPORT`).
"""

from __future__ import annotations

import logging
import sys
import threading
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from annotator.services.last_closed import Maximized, Reopened
from annotator.services.paths import name_on_one_line
from annotator.ui.reading import PageTitle, ReadingView

if TYPE_CHECKING:
    from PySide6.QtCore import QKeyCombination
    from PySide6.QtGui import QAction, QKeyEvent, QKeySequence

    from annotator.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def make_application() -> QApplication:
    """The application object (the one there is, if any), named as the settings expect, with
    Qt's own messages going to the log (`ui.qt_messages`) from before it is made."""
    from annotator.ui.qt_messages import install_qt_messages

    install_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Annotator")
    app.setOrganizationName("annotator")
    # The app id a Wayland desktop finds the name and icon by (packaging/linux/annotator.desktop);
    # Qt's own is the executable's name, "python3" under a venv.
    app.setDesktopFileName("annotator")
    return app


class _BugTeller(QObject):
    """Carries a bug's kind to the window's thread, whatever thread it was raised in."""

    told = Signal(str)


def install_excepthook(window: MainWindow) -> None:
    """An exception nothing caught goes to the log, and the window says one line about it.

    Said on the window's thread: a pool thread's uncaught exception reached this hook in that
    thread, and the message box made there was a widget of the wrong thread (Qt's "Cannot
    create children for a parent that is in a different thread", no box, or a crash). A
    Python thread's went to the terminal alone, which a windowed build does not have.
    """
    teller = _BugTeller(window)  # of the window's thread: an emit from another is queued to it
    teller.told.connect(window.show_bug)

    def excepthook(kind: type[BaseException], exc: BaseException, tb: types.TracebackType | None) -> None:
        log.error("unhandled exception", exc_info=(kind, exc, tb))
        if shiboken6.isValid(teller):  # not once the window is gone, at the end of a session
            teller.told.emit(kind.__name__)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit:  # as Python's own hook, which says nothing of it
            excepthook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook


def run_reopened(record: Reopened, *, before_build: Callable[[], None] | None = None) -> int | None:
    """Run the window on a reopened project (`services.last_closed.reopening`), its article first.

    None, before any window is made, when the checked start must run instead: a system library
    Qt needs is missing (that start says which).
    """
    from annotator.ui.system_check import window_problem

    if window_problem() is not None:
        return None
    from annotator.ui.theme import apply_theme

    app = make_application()
    apply_theme(app, record.theme)
    try:
        start_reopened(record, before_build=before_build)
    except Exception as exc:  # logged by the command line, which ends the process
        from annotator.ui.bugs import show_start_failure  # not on a good start's path

        show_start_failure(type(exc).__name__)
        raise
    return app.exec()


def fits_record(window: QMainWindow, record: Reopened) -> bool:
    """Restore the window's geometry; whether it will be as large as at close, so that the
    recorded sizes hold. Another screen may have shrunk it: then the window is built before its
    first paint.

    A maximized window's size is known only when the window manager maps it: it is previewed
    when it was maximized at close too, on a screen of the same name and available geometry,
    and `Preview` checks its size again when it is mapped (`_MappedSize`). A full-screen window
    is always built first, and so is a window whose desktop font changed since the close (a
    larger text size): the recorded heights and pane widths were laid out with the old one.
    """
    from annotator.ui.geometry import restore_window

    restore_window(window)
    if window.isFullScreen() or record.desktop_font != desktop_font():
        return False
    if window.isMaximized():
        return _same_screen(window, record) and window.windowHandle() is not None
    size = (window.width(), window.height())
    return size == record.window_size and record.maximized is None


def desktop_font() -> str:
    """The application's font as Qt describes it: the desktop's text size, which lays out the
    menu bar, the legend and the lists' minimum widths that a record's sizes were made with."""
    return QApplication.font().toString()


def _same_screen(window: QMainWindow, record: Reopened) -> bool:
    """Whether the screen the window is to be maximized on is the one it was maximized on at close."""
    return record.maximized is not None and screen_area(window) == record.maximized


def screen_area(window: QMainWindow) -> Maximized:
    """The window's screen: its name and available geometry, which decide a maximized size."""
    screen = window.screen()
    area = screen.availableGeometry()
    return Maximized(screen.name(), (area.x(), area.y(), area.width(), area.height()))


def start_reopened(record: Reopened, *, before_build: Callable[[], None] | None = None) -> MainWindow:
    """Build the preview of `record` in a new window and show it; the rest follows its first paint."""
    from annotator.ui.main_window import MainWindow

    window = MainWindow(reopened=record, before_build=before_build)
    install_excepthook(window)
    window.show()
    return window


class Preview:
    """The first paint of a reopened project, built into `window`, and the keys pressed on it."""

    def __init__(
        self, window: QMainWindow, record: Reopened, *, misfit: Callable[[], None] | None = None
    ) -> None:
        """Build into `window`, whose geometry `fits_record` restored.

        A maximized window is checked when it is mapped: `misfit` runs (and builds the window in
        the preview's place) if it is not of the recorded size then, or changes size before the
        window is built (`_MappedSize`).
        """
        self.record = record
        title_format = window.tr("{0} — Annotator ({1})")  # as `MainWindow._update_title`
        window.setWindowTitle(title_format.format(name_on_one_line(record.project.name), record.annotator))
        window.menuBar().setFixedHeight(record.menu_height)  # its menus come with the actions
        # As `MainWindow._build_widgets` lays the window out, with empty places for the lists and
        # for the parts of the reading column above and below the text, at their recorded heights.
        self._splitter = splitter = QSplitter()
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 6, 0, 6)  # as `ui.centre.Centre`
        column.setSpacing(2)
        legend, context = QWidget(), QWidget()
        legend.setFixedHeight(record.legend_height)
        context.setFixedHeight(record.context_height)
        title = PageTitle()
        self.view = ReadingView(title, font_size=record.font_size)
        for part, stretch in ((legend, 0), (self.view, 1), (context, 0)):
            column.addWidget(part, stretch)
        for index, (part, stretch) in enumerate(((QWidget(), 0), (centre, 1), (QWidget(), 0))):
            splitter.addWidget(part)
            splitter.setStretchFactor(index, stretch)
        window.setCentralWidget(splitter)
        window.setStatusBar(QStatusBar())
        # The panes as wide as they were at close: the stored splitter state is what the lists'
        # minimum sizes, unknown before they are built, made of it then.
        splitter.setSizes(list(record.pane_widths))
        title.set_text(record.title)
        self.view._show_title(bool(record.title.strip()))
        self.view.setPlainText(record.text)
        if record.place is not None:
            from annotator.ui.offsets import OffsetMap

            # Scrolled where the person left it, as the window will show it (`MainWindow._resume`):
            # at the top, the page would jump when the window takes its place. The selection is
            # the window's to draw (in its own style); the preview would draw it in another.
            self.view.keep_top(OffsetMap(record.text).to_utf16(record.place.top))
        self.view.setFocus()  # as the window's: the first key is for the text
        self._keys = _KeyCatcher(self.view)
        handle = window.windowHandle()
        self._size: _MappedSize | None = None
        if record.maximized is not None and handle is not None:
            self._size = _MappedSize(window, handle, self, misfit or (lambda: None))

    def splitter_sizes(self) -> list[int]:
        return self._splitter.sizes()

    def take_keys(self) -> list[QKeyEvent]:
        """The keys pressed on the preview, in order; it records no more, and its window's size
        is no longer its concern (the window is being built in its place)."""
        if self._size is not None:
            self._size.stop()
        self.view.release_top()
        return self._keys.take()

    def replay(self, keys: list[QKeyEvent], window: QMainWindow) -> None:
        """Each key as if pressed now: the action its shortcut names, else the focused widget's."""
        for event in keys:
            target = QApplication.focusWidget() or window
            action = _action_for(target, window, _sequences_for(event.keyCombination()))
            if action is not None:
                action.trigger()
            else:
                QApplication.sendEvent(target, event)


class _MappedSize(QObject):
    """Checks a maximized preview's size when its window is mapped, and until it is replaced.

    The window is shown at its normal size with the maximized state; the window manager gives it
    its size when it maps it, and the expose that follows is the first paint. On that expose,
    before anything is drawn, if the window is not of the recorded size, `misfit` builds the
    window there and then, so no frame draws the preview at a size its pane widths were not made
    for. A later resize to another size does the same before the next frame. Resizes before the
    expose are the show's (at the normal size) and are not looked at: the splitter keeps the
    widths it was given and lays them out again as they were once the size is the recorded one.
    """

    def __init__(
        self, window: QMainWindow, handle: QObject, preview: Preview, misfit: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self._window: QMainWindow | None = window
        self._handle = handle
        self._preview = preview
        self._misfit = misfit
        self._exposed = False
        handle.installEventFilter(self)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self._window
        if window is None:
            return False
        kind = event.type()
        if watched is self._handle and kind == QEvent.Type.Expose and not self._exposed:
            self._exposed = True
            self._check(window)
        elif watched is window and kind == QEvent.Type.Resize and self._exposed:
            self._check(window)
        return False

    def _check(self, window: QMainWindow) -> None:
        if (window.width(), window.height()) != self._preview.record.window_size:
            self.stop()
            self._misfit()

    def stop(self) -> None:
        """Look no more (the window is built)."""
        if self._window is not None:
            self._window.removeEventFilter(self)
            self._handle.removeEventFilter(self)
            self._window = None


class _KeyCatcher(QObject):
    """Keeps the keys pressed on the preview's page (nothing there acts on them yet)."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self._view: QWidget | None = view
        self._keys: list[QKeyEvent] = []
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            from PySide6.QtGui import QKeyEvent

            if isinstance(event, QKeyEvent):
                self._keys.append(event.clone())
                return True
        return kind in {QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}

    def take(self) -> list[QKeyEvent]:
        if self._view is not None:
            self._view.removeEventFilter(self)
            self._view = None
        keys, self._keys = self._keys, []
        return keys


def _sequences_for(combination: QKeyCombination) -> list[QKeySequence]:
    """The shortcuts a key pressed on the preview stands for, as the window's shortcuts take it:
    the key as pressed, and a sign typed with Shift also without it ("?" is Shift+/ on most
    keyboards, Ctrl++ is Ctrl+Shift+=, "/" is Shift+7 on a German one), as the desktop's
    keyboard map offers the window's shortcuts. A letter keeps its Shift: Shift+A is a key of
    its own.

    Matched as pressed, "?" on the preview found no action, and no key table opened once the
    window was built.
    """
    from PySide6.QtCore import QKeyCombination, Qt
    from PySide6.QtGui import QKeySequence

    key, modifiers = combination.key(), combination.keyboardModifiers()
    found = [QKeySequence(combination)]
    is_sign = (
        key.value < Qt.Key.Key_Escape.value and not Qt.Key.Key_A.value <= key.value <= Qt.Key.Key_Z.value
    )
    if is_sign and modifiers & Qt.KeyboardModifier.ShiftModifier:
        found.append(QKeySequence(QKeyCombination(modifiers & ~Qt.KeyboardModifier.ShiftModifier, key)))
    return found


def _action_for(widget: QWidget, window: QWidget, sequences: list[QKeySequence]) -> QAction | None:
    """The enabled action with a shortcut among `sequences` (the first found of the first), on
    `widget` or a parent up to `window`."""
    for sequence in sequences:
        current: QWidget | None = widget
        while current is not None:
            for action in current.actions():
                if action.isEnabled() and any(key == sequence for key in action.shortcuts()):
                    return action
            if current is window:
                break
            current = current.parentWidget()
    return None
