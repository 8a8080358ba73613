"""Long work for the window: a thread pool, a progress dialog that can cancel, one line when it ends.

Features ask for work through the window's `run_task` (see `ui.context`), with its
`TaskOptions`; whatever the work returns goes to `on_success` on the UI thread, an
`AnnotatorError` becomes a one-line message, and a bug goes to the log. Closing a project
cancels and waits, so no worker outlives the connection it was started for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import SIGNAL, QElapsedTimer, QObject, Qt, QThreadPool, QTimer
from PySide6.QtGui import QCloseEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QStyle,
    QWidget,
)

from annotator.core.time_left import TimeLeft, time_left_words
from annotator.ui.actions import lend_application_keys
from annotator.ui.plain import plain
from annotator.ui.workers import Result, Task, WorkReturning


@dataclass(frozen=True)
class GiveWay:
    """How resumable background work makes room for the person's own work (`TaskOptions.give_way`).

    Pre-annotating 50,000 articles at an opening takes many minutes, and a merge, import,
    export or copy asked meanwhile said "Waiting for pre-annotating to finish first" all along,
    though pre-annotation saves each batch and a new run does only what is left.
    """

    paused: Callable[[], None]
    """Called once the work is asked to stop for another task: it ends after its current step."""
    resume: Callable[[], object]
    """Called once the runner has no task left, to start the work again for what it left."""


@dataclass(frozen=True, kw_only=True)
class TaskOptions:
    """How a task runs besides its work, its title and its success slot (`TaskRunner.run`).

    One value, passed unchanged by the feature's context (`WindowContext.run_task`) and the
    window to the runner: the options were spelled out in all three signatures, with a call
    that forwarded each, so a new one took three edits and one missed was dropped unsaid.

    `name` is a field with no default rather than an argument of its own: a task always has
    one, so no options are made without it, and a separate argument would be one more thing
    the context and the window spell and forward.

    The slots (`on_progress`, `on_stopped`, `on_ended`) are given here, not connected by the
    caller: work started in the pool may end before the caller could connect, and a signal
    emitted before a slot is connected never reaches it (a cancelled pre-annotation then never
    told the Suggestions panel). They run on the UI thread.
    """

    name: str
    """What the task is: the runner finds running and waiting work by it (`TaskRunner.running`,
    `TaskRunner.titles`), and the log names a failure by it."""
    stop_question: str | Callable[[], str] = ""
    """What a Cancel of long-running work asks, saying what a stop keeps (`StopAsker`); by
    default, whether to stop the work of the task's title. A callable is asked each time, for
    work whose stop keeps more as it goes (none of its articles while a model loads)."""
    on_started: Callable[[], None] | None = None
    """Called when the work leaves the queue and starts in the pool (no sooner than the tasks
    ahead of it have ended)."""
    on_progress: Callable[[int, int, str], None] | None = None
    """`on_progress(done, total, message)` at each step, until the work is asked to stop."""
    on_stopped: Callable[[], None] | None = None
    """Called when the work was cancelled or failed."""
    on_ended: Callable[[], None] | None = None
    """Called when the work ended in any way."""
    give_way: GiveWay | None = None
    """The work is resumable and steps aside for any task asked without one (`GiveWay`); such
    work waits its turn behind another of its kind, as any task does."""
    cancelled_words: str = ""
    """What the status bar says when the work is cancelled, where "Cancelled" does not tell
    what the stopped work left (a merge: that the team file is as it was)."""
    result_stands: bool | Callable[[Any], bool] = False
    """A returned result is kept though a Cancel came meanwhile (`Task`). A callable says so
    of the result, and is not asked for work the window stopped itself (paused, replaced, or
    of a closed project): that work ends without a word, as it did."""
    time_left: bool = False
    """The dialog says about how long the work has left once its pace is known (`TimeLeft`):
    for work counted in like items, as pre-annotation's articles are."""


class TaskRunner(QObject):
    """Runs `Task`s one at a time beside the window's own connection, each with a progress dialog."""

    def __init__(
        self,
        parent: QWidget,
        *,
        guard: Callable[[Callable[[], object]], None],
        show_error: Callable[..., None],
        status: Callable[[str, int], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._guard = guard
        self._show_error = show_error
        self._status = status
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one writer at a time besides the window itself
        self.tasks: list[Task] = []
        self._titles: dict[Task, str] = {}  # what each task's dialog says it does
        self._hushed: set[Task] = set()  # cancelled by the window itself: they end without a word
        self._giving_way: dict[Task, GiveWay] = {}  # background work that steps aside for others
        self._dialogs: dict[Task, TaskProgress] = {}
        self._to_resume: list[Callable[[], object]] = []  # work that stepped aside, once idle
        self.progress_dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return bool(self.tasks)

    def running(self, name: str) -> bool:
        """Whether a task of this name runs or waits to run."""
        return any(task.name == name for task in self.tasks)

    def titles(self, *, leaving_out: frozenset[str] = frozenset()) -> list[str]:
        """What the running and waiting tasks' dialogs say they do, but for those named `leaving_out`."""
        return [
            self._titles[task] for task in self.tasks if task.name not in leaving_out and task in self._titles
        ]

    def run(
        self,
        work: WorkReturning[Result],
        title: str,
        on_success: Callable[[Result], None],
        options: TaskOptions,
    ) -> Task:
        """Start `work(progress, cancel)` in the pool; `on_success(result)` runs on the UI thread,
        given what the work returned."""
        give_way = options.give_way
        if give_way is None:
            self._make_way()
        stands = options.result_stands
        if callable(stands):
            judged = stands

            def stands_unless_hushed(result: object) -> bool:
                return task not in self._hushed and judged(result)

            stands = stands_unless_hushed
        task = Task(work, name=options.name, result_stands=stands)
        stop_question = options.stop_question
        if not stop_question:
            doing = title.rstrip("…. ")
            stop_question = self.tr("{0} is not finished. Stop it?").format(doing)
        dialog = TaskProgress(title, self.tr("Cancel"), self._parent, stop_question=stop_question)
        dialog.setObjectName("progressDialog")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        keep_keys_off(dialog)
        lend_application_keys(self._parent, dialog)  # Ctrl+Q asks about the work from here too
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        dialog.canceled.connect(lambda: self._say_stopping(task))
        task.signals.started.connect(dialog.work_started)
        on_started = options.on_started
        if on_started is not None:
            task.signals.started.connect(lambda: self._guard(on_started))
        dialog.setLabel(plain(QLabel(title)))  # progress messages may name files
        ahead_of_it = [other for other in self.tasks if other not in self._hushed]
        if ahead_of_it:
            # One task at a time: an export asked for during a new project's pre-annotation
            # said "Exporting…" for minutes over the hidden pre-annotation's progress.
            ahead = self._titles.get(ahead_of_it[0], "").rstrip("…. ")
            ahead = ahead[:1].lower() + ahead[1:]
            waiting = self.tr("Waiting for {0} to finish first").format(ahead) if ahead else ""
            if waiting:
                dialog.setLabelText(f"{title}\n{waiting}")
                task.signals.started.connect(lambda: dialog.setLabelText(title))
        self.progress_dialog = dialog

        said = [""]  # the work's last message: a report without one leaves it standing
        pace = TimeLeft() if options.time_left else None

        def progress(done: int, total: int, message: str) -> None:
            if task.is_cancelled():
                return  # a step still reported by work asked to stop: its dialog is closed
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if message:
                said[0] = message
            left = None if pace is None else pace.update(done, total, time.monotonic())
            # 10,000 articles crept for minutes with a percentage alone.
            lines = [title, said[0], "" if left is None else time_left_words(left)]
            text = "\n".join(line for line in lines if line)
            if (said[0] or pace is not None) and text != dialog.labelText():
                dialog.setLabelText(text)

        def finished() -> None:
            self._titles.pop(task, None)  # first: Qt's close emits `canceled`, which is no stop now
            dialog.close()
            dialog.deleteLater()
            if self.progress_dialog is dialog:
                self.progress_dialog = None
            if task in self.tasks:
                self.tasks.remove(task)
            self._hushed.discard(task)
            self._giving_way.pop(task, None)
            self._dialogs.pop(task, None)
            if not self.tasks and self._to_resume:
                # Queued: the ended task's own slots (its `on_stopped`, `on_ended`) run first.
                QTimer.singleShot(0, self, self._resume_when_idle)

        task.signals.progress.connect(progress)
        report_progress = options.on_progress
        if report_progress is not None:

            def progress_while_wanted(done: int, total: int, message: str) -> None:
                # The batch under way when a pause came still reports its count: a status bar
                # that had said "pre-annotation paused" said "pre-annotating 129 / 50000…" again.
                if not task.is_cancelled():
                    report_progress(done, total, message)

            task.signals.progress.connect(progress_while_wanted)
        task.signals.succeeded.connect(lambda result: self._guard(lambda: on_success(result)))
        task.signals.failed.connect(lambda message: self._failed(task, message))
        cancelled_words = options.cancelled_words
        task.signals.cancelled.connect(lambda: self._said_cancelled(task, cancelled_words))
        on_stopped = options.on_stopped
        if on_stopped is not None:
            task.signals.cancelled.connect(lambda: self._guard(on_stopped))
            task.signals.failed.connect(lambda _message: self._guard(on_stopped))
        task.signals.finished.connect(finished)
        on_ended = options.on_ended
        if on_ended is not None:
            task.signals.finished.connect(lambda: self._guard(on_ended))
        self.tasks.append(task)
        self._titles[task] = title
        self._dialogs[task] = dialog
        if give_way is not None:
            self._giving_way[task] = give_way
        task.start_in(self.pool)
        return task

    def _make_way(self) -> None:
        """Ask the resumable work running or waiting to stop after its current step, quietly,
        so the task asked now starts then; that work resumes once no task is left."""
        for task in list(self.tasks):
            give_way = self._giving_way.get(task)
            if give_way is None or task.is_cancelled():
                continue
            self.withdraw(task)  # it pauses, it was not cancelled: no "Cancelled" line
            self._to_resume.append(give_way.resume)
            self._guard(give_way.paused)

    def withdraw(self, task: Task) -> None:
        """Stop `task` after its current step without a word, and without resuming it.

        For work another request takes the place of (a Pre-annotate All asked while the
        opening's pre-annotation runs or waits): "Cancelled" would say the person's work was
        stopped, and the newer request does what this one would have.
        """
        self._giving_way.pop(task, None)
        self._hushed.add(task)
        task.cancel()
        dialog = self._dialogs.get(task)
        if dialog is not None:
            dialog.cancel()  # closed now, and shown no more: the asked task's dialog comes

    def _resume_when_idle(self) -> None:
        if self.tasks:
            return  # another task came first: its end brings this back
        resumes, self._to_resume = self._to_resume, []
        for resume in resumes:
            self._guard(resume)

    def _say_stopping(self, task: Task) -> None:
        """A Cancel the person confirmed closes the dialog at once, but the work stops only after
        its current step (a batch of pre-annotation, a model still loading): the status bar
        said "pre-annotating 160 / 50000…" for seconds more, as if the Cancel had been lost."""
        if task in self._hushed or task not in self._titles:
            return
        doing = self._titles[task].rstrip("…. ")
        self._status(self.tr("{0}: stopping…").format(doing), 10000)

    def _failed(self, task: Task, message: str) -> None:
        """The plain words of the failure, with their details (`Task.failure`), else the line."""
        if task.failure is None:
            self._show_error(message)
        else:
            self._show_error(task.failure.text, details=task.failure.details)

    def _said_cancelled(self, task: Task, words: str = "") -> None:
        """ "Cancelled" is glanced at; a task's own words say what the stop left ("Merge
        cancelled: team.db is as it was") and stay long enough to be read, as a saved export's do."""
        if task not in self._hushed:
            if words:
                self._status(words, 10000)
            else:
                self._status(self.tr("Cancelled"), 4000)

    def cancel_all(self) -> None:
        """Ask running work to stop and wait for it, so no worker outlives its project.

        Such work ends without saying "Cancelled": the person closed or switched the project,
        and the word arrived after the next project's own message and covered it. Work that
        stepped aside for another is not resumed: it was the closed project's."""
        self._to_resume.clear()
        for task in list(self.tasks):
            self._hushed.add(task)
            task.cancel()
        self.pool.waitForDone()


class StopAsker(QObject):
    """Whether a Cancel of long work stops it: at once early on, else after asking.

    Escape cancelled at once, so a tired finger threw away the rest of a long import,
    pre-annotation or training; Quit already asked. Work that has run `ASK_AFTER_S` asks
    first, in words that say what a stop keeps, and its default (Enter, Escape) is to go on.
    Work that has just started, or waits its turn, stops at once: a Cancel pressed then is a
    change of mind, and little is lost. One object for the progress dialogs of the window's
    tasks (`TaskProgress`) and for training's own dialog, so they cannot drift apart.
    """

    ASK_AFTER_S = 2.0
    """Work that has run this long asks before a Cancel stops it."""

    def __init__(self, parent: QWidget, question: str | Callable[[], str]) -> None:
        super().__init__(parent)
        self._parent = parent
        self.question_text = question
        """The question's words, or what gives them when it is asked."""
        self.question: QMessageBox | None = None
        """The question open now, if a Cancel is being asked about."""
        self._running = QElapsedTimer()  # invalid until the work starts: a waiting task loses nothing

    def work_started(self) -> None:
        self._running.start()

    def work_ended(self) -> None:
        """The work ended meanwhile: a question still open closes, and stops nothing."""
        self._running.invalidate()
        if self.question is not None:
            self.question.done(QMessageBox.StandardButton.No)

    def ask(self, stop: Callable[[], None]) -> None:
        """Cancel, Escape or a close button: `stop()` now, or once the person answers Yes."""
        if self.question is not None:
            return  # asked already: a repeated Escape goes to the question, which says go on
        if not self._running.isValid() or self._running.elapsed() < self.ASK_AFTER_S * 1000:
            stop()
            return
        no = QMessageBox.StandardButton.No
        words = self.question_text if isinstance(self.question_text, str) else self.question_text()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Stop?"),
            words,
            QMessageBox.StandardButton.Yes | no,
            self._parent,
        )
        box.setObjectName("stopQuestion")
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.finished.connect(lambda _result: self._answered(box, stop))
        self.question = box
        box.open()  # not exec(): the work and its progress go on while the person reads

    def _answered(self, box: QMessageBox, stop: Callable[[], None]) -> None:
        if self.question is box:
            self.question = None
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if yes and self._running.isValid():
            stop()


class TaskProgress(QProgressDialog):
    """A long task's progress that waits for the dialog open in front of the window to close.

    It shows itself 0.4 s into the work, and a task often starts while a dialog is open: the
    import's list of rejected lines (pre-annotation follows every import), "open in another
    window" at an open that pre-annotates. Shown then, it lay over that dialog's text on a
    desktop (a window manager stacks the newest transient window on top) and took no click:
    that dialog's modality blocks the window's other dialogs, Cancel included. It shows when
    no modal dialog is left, if the work has not ended by then.
    """

    HOLD_MS = 200

    def __init__(
        self, label: str, cancel: str, parent: QWidget, *, stop_question: str | Callable[[], str] = ""
    ) -> None:
        super().__init__(label, cancel, 0, 0, parent)
        # Named by the work, for a screen reader and the title bar: untitled, Orca read "dialog"
        # and "progress bar, 40 percent" with nothing of what was under way.
        doing = label.rstrip("…. ")
        self.setWindowTitle(doing)
        bar = self.findChild(QProgressBar)
        if bar is not None:
            bar.setAccessibleName(doing)
        self._held = QTimer(self)
        self._held.setInterval(self.HOLD_MS)
        self._held.timeout.connect(self._show_when_free)
        self.asker = StopAsker(self, stop_question or self.tr("Stop this work?"))
        self._ask_before_cancelling()

    @property
    def stop_question(self) -> QMessageBox | None:
        """The question open now, if a Cancel is being asked about (`StopAsker`)."""
        return self.asker.question

    def _ask_before_cancelling(self) -> None:
        """Cancel and Escape ask `ask_to_stop` instead of emitting `canceled` themselves.

        Qt wires its button's click and its Escape shortcut straight to `canceled`; should a
        Qt version wire them otherwise, the disconnect fails and they cancel at once, as before.
        """
        for button in self.findChildren(QPushButton):
            if QObject.disconnect(button, SIGNAL("clicked()"), self, SIGNAL("canceled()")):
                button.clicked.connect(self.ask_to_stop)
        for shortcut in self.findChildren(QShortcut):
            if QObject.disconnect(shortcut, SIGNAL("activated()"), self, SIGNAL("canceled()")):
                shortcut.activated.connect(self.ask_to_stop)

    @property
    def held_back(self) -> bool:
        """Whether the dialog's time to show has come and it waits for a modal dialog to close."""
        return self._held.isActive()

    def work_started(self) -> None:
        self.asker.work_started()

    def ask_to_stop(self) -> None:
        """Cancel, Escape or the dialog's close button: stop, asking first if the work has run a while."""
        self.asker.ask(self.canceled.emit)  # the dialog's own cancel() and the task's

    def closeEvent(self, event: QCloseEvent) -> None:
        """The close button asks as Cancel does; a close by the runner, when the work ends, does not."""
        if event.spontaneous() and self.isVisible():
            event.ignore()
            self.ask_to_stop()
            return
        super().closeEvent(event)

    def setVisible(self, visible: bool) -> None:
        """Hold a show back while another modal dialog is open (see the class)."""
        if visible and self._behind_a_modal():
            self._held.start()
            return
        if not visible:
            self._held.stop()
            self.asker.work_ended()  # hidden when the work ends: a question still open stops nothing
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:
        """In the window's bottom right corner, over the claims, not over the text.

        Qt centres a dialog on its window, which is the middle of the article: after every
        import "Pre-annotating…" lay over the sentence being labelled until it ended, though
        the keys go on to the text (`keep_keys_off`). Placed before Qt's show event, which
        then leaves a moved dialog where it is.
        """
        parent = self.parentWidget()
        if parent is not None:
            window = parent.window()
            area = window.geometry()  # inside the frame, in the screen's pixels
            bottom = area.bottom()
            if isinstance(window, QMainWindow) and window.statusBar().isVisible():
                bottom -= window.statusBar().height()
            style = self.style()
            margin = style.pixelMetric(QStyle.PixelMetric.PM_LayoutRightMargin)
            title_bar = style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
            x = area.right() - self.width() - margin
            y = bottom - self.height() - title_bar - margin  # `move` places the frame's corner
            self.move(max(area.left(), x), max(area.top(), y))
        super().showEvent(event)

    def _behind_a_modal(self) -> bool:
        modal = QApplication.activeModalWidget()
        return modal is not None and modal is not self

    def _show_when_free(self) -> None:
        if not self._behind_a_modal():
            self._held.stop()
            super().setVisible(True)


def keep_keys_off(dialog: QProgressDialog) -> None:
    """Show `dialog` without taking the keyboard, and let no typing key press its Cancel.

    It appears 0.4 s into the work, while the person goes on labelling: shown activated, it
    took the keys (1/2/3, J/K went nowhere) and its Cancel, focused and the default button,
    stopped an import, a pre-annotation or a copy at the next Space or Enter. Cancel is still
    a click away, and Escape in the dialog, the key that means "stop", still cancels (asking
    first once the work has run a while, `StopAsker`).
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    disarm_cancel_keys(dialog)


def disarm_cancel_keys(dialog: QProgressDialog) -> None:
    """Space and Enter do not press `dialog`'s Cancel: it takes no focus and is no default.

    Qt's own button is kept, not one of ours set in its place: with it comes the dialog's
    Escape shortcut, which `setCancelButton` does not make.
    """
    for cancel in dialog.findChildren(QPushButton):
        cancel.setAutoDefault(False)
        cancel.setDefault(False)
        cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
