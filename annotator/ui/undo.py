"""Undo and redo: QUndoCommands that wrap `core.commands` objects.

The core command knows how to do and undo itself; the project applies it in one
committed transaction; this wrapper only lets Qt's QUndoStack decide when. The
edit is executed *before* it is pushed, so a failed save never lands on the
stack, and QUndoStack's automatic first `redo()` is skipped.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, Protocol, TypeAlias

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.commands import Batch, Carried, Change, Command, Row, dependent_steps

__all__ = ["Batch", "EditStack", "KeptSteps"]
from annotator.core.errors import (
    AnnotatorError,
    ChangedMeanwhile,
    CopyInProgress,
    EntityGone,
    NotFoundError,
    ProjectLockedError,
    QuoteGone,
)
from annotator.services.project import Project

log = logging.getLogger(__name__)

_LOGGED_ROWS = 10
"""The rows of a step the log names, at most: a batch may touch a whole article's claims."""


def logged(command: Command) -> str:
    """A step as the log names it: its kind, its description and the ids of the rows it touches.

    Its repr held every field, a note in full and the annotator's name among them, and a
    batch's every step, in a log a person is asked to attach to a bug report.
    """
    rows = command.rows()
    named = sorted(rows, key=repr) if rows is not None else []
    shown = ", ".join(" ".join(map(str, row)) for row in named[:_LOGGED_ROWS])
    more = f" and {len(named) - _LOGGED_ROWS} more" if len(named) > _LOGGED_ROWS else ""
    return f"{type(command).__name__} {command.description!r} on [{shown}{more}]"


UNDO_LIMIT = 1000
"""Steps Ctrl+Z can take back; the oldest beyond it are forgotten, never undone, so their edits
stay saved. A person labelling all day makes thousands of steps, and a history kept for the
session only grows; 1,000 is hundreds of articles' work back, far more than anyone retraces by
Ctrl+Z, and holds 1.9-3.1 MB (`benchmarks/bench_undo_history.py`). The first step forgotten
after a project opens is said in the status bar (`EditStack._tell_of_limit`)."""

_NO_STAMPS: Mapping[int, str | None] = MappingProxyType({})
"""The stamps of a step on no entity, shared: most of the 1,000 steps are on claims."""


QUOTE_MARKS = "\"'“”‘’„«»‹›「」『』"
"""The marks a quotation's span may begin or end with, taken off before it is quoted again."""

QUOTATION_WORDS = 60
"""Characters of a quotation a refusal quotes: enough to know it by, short enough for the box."""


class OnError(Protocol):
    """How a refused undo or redo is told: `history_kept` when only that step (and the steps
    that depended on it) was dropped, else the window clears the history, whose base is gone."""

    def __call__(self, exc: AnnotatorError, message: str, *, history_kept: bool = False) -> None: ...


Save: TypeAlias = Callable[[Callable[[], Change], str], Change]
"""How a save is made: `attempt` tried, and `what` it saves, for a wait that names it."""


def _save_now(attempt: Callable[[], Change], _what: str) -> Change:
    return attempt()


class _EditCommand(QUndoCommand):
    analysed: Mapping[int, str | None] = _NO_STAMPS
    """An entity or quotation step's articles -> when pre-annotation last wrote their
    suggestions, as this step was last saved (`Project.analysed_at`): a later stamp tells why
    it failed. Set on those steps only: an attribute of every step held 109 B more a step in
    the history (`benchmarks/bench_undo_history.py`, Python heap 1,328 kB at 1,000 steps
    against 1,219 kB)."""

    def __init__(self, stack: EditStack, command: Command) -> None:
        super().__init__(command.description)
        self._stack = stack
        self.command = command
        self.carried = Carried()
        """What this step's last save wrote beside it (`Change.carried`): its next undo or
        redo takes it back."""
        self._skip_redo = True
        self._skip_undo = False

    def redo(self) -> None:
        if self._skip_redo:  # done already by `run`, or a refused undo put back (`EditStack.undo`)
            self._skip_redo = False
            return
        self._stack._replay(self, undo=False)

    def undo(self) -> None:
        if self._skip_undo:  # a refused redo put back (`EditStack.redo`)
            self._skip_undo = False
            return
        self._stack._replay(self, undo=True)


class EditStack(QUndoStack):
    """The window's undo stack; every edit in the window goes through `run`.

    After an undo or redo it says what it did (`said`, "Undone: add factual claim"),
    since the text may not show it: the change can be in another article, or a note.

    An undo or redo refused because its row was deleted or changed elsewhere (another window,
    another program, a merge, a pre-annotation; `NotFoundError`, `ChangedMeanwhile`) wrote
    nothing; it is dropped with the steps that depended on it, and the rest of the history
    stays: in the redo direction every later step on the same rows, in the undo direction
    every earlier one, and the rows those name in turn (`core.commands.dependent_steps`).
    Every other step checks its own rows before it writes, so it still applies or is refused
    in its turn. Where the rows cannot be known, or the file could not be written, the
    history is cleared as before. One refused step used to cost every step of the session.
    """

    said = Signal(str)

    def __init__(
        self,
        on_change: Callable[..., None],
        on_error: OnError,
        parent: object = None,
        *,
        save: Save = _save_now,
        renewing: Callable[[], bool] = lambda: False,
    ) -> None:
        """`save` makes each save: the window's waits while another program writes
        (`ui.lock_wait`), for an undo as for an edit, so a lock held for a moment neither
        loses the edit nor clears the history. `renewing`: whether pre-annotation is
        replacing suggestion rows in the background now (see `_replay`)."""
        super().__init__(parent)  # type: ignore[arg-type]
        # Only an empty stack takes a limit (Qt warns and ignores it otherwise); `clear`, at
        # another project and after a refused step, keeps it.
        self.setUndoLimit(UNDO_LIMIT)
        self._project: Project | None = None
        self._told_of_limit = False
        """Whether the person was told, since the project opened, that the oldest step went."""
        self._on_change = on_change
        self._on_error = on_error
        self._save = save
        self._renewing = renewing
        self._refused = False  # the step being replayed was refused, nothing written
        self._dropping: _Dropping | None = None
        """The step being replayed was refused for its rows and is dropped: the steps that go
        with it, and what to say once they are gone (`undo`, `redo`)."""
        self._undoing: _EditCommand | None = None
        """The step an undo is replaying: Qt moves the stack's index only after it, so
        `waiting_entities` would leave it out while the undo shows its article."""
        self._identity = ""  # which project the steps were saved to (`Project.identity`)
        self._kept: _KeptFor | None = None  # `keep_for`

    @property
    def project(self) -> Project | None:
        return self._project

    @project.setter
    def project(self, project: Project | None) -> None:
        """The project the steps are saved to; each opening tells of the limit once again."""
        self._project = project
        self._told_of_limit = False

    def keep_for(self, path: Path) -> None:
        """Keep the history as it stands for the next opening of `path` (`go_on_in`): the
        project's file left its path, and the window is to go on in the file there (put back by
        the watch, come back with its disk, or a copy the person saved).

        Each opening cleared it: Ctrl+Z in the file that came back said "Nothing to undo",
        though the person's last edits were in it as the history left them."""
        self._kept = _KeptFor(path, self._identity, self.taken_out())

    def go_on_in(self, project: Project, identity: str) -> str:
        """Save the steps to `project`, just opened (its `Project.identity`): the history kept
        for its path (`keep_for`) is put back if it is the same project, whose rows each undo and
        redo checks before it writes, refusing in plain words what changed meanwhile. Returns
        what to say, "" for nothing: a history cleared since another project is at that path."""
        kept, self._kept = self._kept, None
        self.project = project
        self._identity = identity
        if kept is None or not kept.steps.steps or not _same_file(kept.path, project.path):
            return ""
        if identity and identity == kept.identity:
            self.put_back(kept.steps)
            log.info("undo history of %d steps kept in %s, opened again", len(kept.steps.steps), project.path)
            return ""
        log.info("undo history cleared: %s is another project now", project.path)
        return self.tr(
            "Your undo history was cleared: {0} is now another project, not the one your edits were "
            "saved in, so they cannot be undone in it."
        ).format(project.path.name)

    def run(self, command: Command) -> Change:
        """Execute and commit `command`, then make it undoable. Raises AnnotatorError if not saved."""
        project = self.project
        assert project is not None
        change = self._save(lambda: project.execute(command), command.description)
        step = _EditCommand(self, command)
        step.carried = change.carried
        self._note_analyses(step, change)
        # A push takes out the steps waiting to be redone, then Qt forgets the oldest beyond
        # the limit.
        forgets_oldest = 0 < self.undoLimit() <= self.index()
        self.push(step)
        self._on_change(change)
        if forgets_oldest:
            self._tell_of_limit()
        return change

    def _tell_of_limit(self) -> None:
        """Say once per opening that the oldest step can no longer be undone: Qt forgot it
        without a word, and a person taking back a long session met the end of the history
        with no reason given. Said after the key's own message ("Quotation removed"), which
        the key shows once `run` returns and would hide it; not at every step after, which
        would hide theirs."""
        if self._told_of_limit:
            return
        self._told_of_limit = True
        said = self.tr("Undo keeps the last {0} steps; older ones can no longer be undone.").format(
            f"{self.undoLimit():,}"
        )
        QTimer.singleShot(0, self, lambda: self.said.emit(said))

    def undo(self) -> None:
        """Ctrl+Z. Qt moves the stack whatever its step does; a step refused while Save a Copy
        As runs (`CopyInProgress`), or an entity decision's while pre-annotation runs, wrote
        nothing, so the stack is put back at once, unreplayed.
        It used to clear the history, every edit of the session with it."""
        self._refused = False
        self._dropping = None
        super().undo()
        if self._refused:
            step = self.command(self.index())
            if isinstance(step, _EditCommand):
                step._skip_redo = True
                super().redo()
        self._drop_dependents()

    def redo(self) -> None:
        """Ctrl+Y, as `undo`."""
        self._refused = False
        self._dropping = None
        super().redo()
        if self._refused:
            step = self.command(self.index() - 1)
            if isinstance(step, _EditCommand):
                step._skip_undo = True
                super().undo()
        self._drop_dependents()

    def waiting_entities(self) -> frozenset[int]:
        """The entity rows the steps waiting to be redone name (`Command.entity_ids`)."""
        named: frozenset[int] = frozenset()
        if self._undoing is not None:
            # Its undo opens the article it edited (`_replay`), which carries the decisions:
            # R on one mention, A on another of the same name, a look at another article,
            # Ctrl+Z carried the accepted one away and its Ctrl+Y said it did not exist.
            named |= self._undoing.command.entity_ids()
        for index in range(self.index(), self.count()):
            step = self.command(index)
            if isinstance(step, _EditCommand):
                named |= step.command.entity_ids()
        return named

    def _replay(self, step: _EditCommand, *, undo: bool) -> None:
        project = self.project
        assert project is not None
        command = step.command
        what = command.description[:1].lower() + command.description[1:]
        if undo and command.entity_ids() and self._renewing():
            # The undo gives suggestion rows back, and the run, which read the rows the history
            # names as it started, would delete them: A, Ctrl+P, Ctrl+Z, then Ctrl+Y said
            # "Entity 2 does not exist (any more)" and cleared the history. Nothing is written.
            log.info("undo refused while pre-annotation runs: %s", logged(command))
            self.said.emit(
                self.tr(
                    "Not undone: {0}. Pre-annotation is renewing the suggestions it would give back; "
                    "press Ctrl+Z again when it is done"
                ).format(what)
            )
            self._refused = True  # the stack goes back (`undo`); the history stays
            return
        # A refused replay may have moved the command to ids its rolled-back transaction gave
        # (a first claim put back under a new id, then its article's status refused): the
        # steps after it still name the rows it named before.
        named_before = _rows(step)
        try:
            change = self._save(
                lambda: (
                    project.revert(command, carried=step.carried)
                    if undo
                    else project.execute(command, carried=step.carried)
                ),
                (self.tr("undo {0}") if undo else self.tr("redo {0}")).format(what),
            )
        except CopyInProgress as exc:
            log.info("%s refused during a copy: %s", "undo" if undo else "redo", logged(command))
            said = self.tr("Not undone: {0}. {1}") if undo else self.tr("Not redone: {0}. {1}")
            self._on_error(exc, said.format(what, _sentence(str(exc))))
            self._refused = True  # the stack goes back (`undo`, `redo`); the history stays
            return
        except ProjectLockedError as exc:
            # The wait for another program's write was cancelled (`ui.lock_wait`): its
            # transaction never began, so nothing was written and the step stands where it
            # was. The history used to be cleared, every step of the session with this one,
            # under words that said to do it again.
            log.info("%s not saved, the wait cancelled: %s", "undo" if undo else "redo", logged(command))
            if undo:
                said = self.tr("Not undone: {0}. Another program is still writing to {1}; {2}")
                then = self.tr("undo again when it has finished")
            else:
                said = self.tr("Not redone: {0}. Another program is still writing to {1}; {2}")
                then = self.tr("redo again when it has finished")
            self._on_error(exc, said.format(what, project.path.name, then), history_kept=True)
            self._refused = True  # the stack goes back (`undo`, `redo`)
            return
        except (ChangedMeanwhile, NotFoundError) as exc:
            dependents = self._dependents(step, named_before, undo=undo)
            if dependents is not None:
                log.warning(
                    "dropped %s of %s with %d dependent steps: %s",
                    "undo" if undo else "redo",
                    logged(command),
                    len(dependents),
                    exc,
                )
                # The step wrote nothing and never can: Qt takes it out of the stack as soon
                # as this returns; `undo` or `redo` then takes out the steps that depended on
                # it, and keeps the others, which check their own rows (`dependent_steps`).
                step.setObsolete(True)
                message = self._dropped(step, exc, what, undo=undo, dependents=len(dependents))
                self._dropping = _Dropping(exc, message, dependents)
                return
            self._clear_after(step, exc, what, undo=undo)
            return
        except AnnotatorError as exc:
            self._clear_after(step, exc, what, undo=undo)
            return
        step.carried = change.carried
        self._note_analyses(step, change)
        self._follow(change)
        self._undoing = step if undo else None
        try:
            self._on_change(change, replayed=True)
        finally:
            self._undoing = None
        self.said.emit((self.tr("Undone: {0}") if undo else self.tr("Redone: {0}")).format(what))

    def _clear_after(self, step: _EditCommand, exc: AnnotatorError, what: str, *, undo: bool) -> None:
        """A refusal whose step cannot be dropped alone (the file could not be written, or the
        steps' rows cannot be known): the stack now believes something the file does not, so
        the history goes (after Qt has finished with it) rather than replay on a wrong base."""
        log.warning("could not %s %s: %s", "undo" if undo else "redo", logged(step.command), exc)
        said = (
            self.tr("Not undone: {0}. {1}. Your undo history was cleared.")
            if undo
            else self.tr("Not redone: {0}. {1}. Your undo history was cleared.")
        )
        why = _sentence(str(exc))
        if isinstance(exc, NotFoundError) and step.command.entity_ids() and self._analysed_since(step):
            # "Entity 2 does not exist (any more)" named a row the person never saw by its id.
            why = self.tr(
                "The article's names were found again by pre-annotation since, so this step no longer applies"
            )
        self._on_error(exc, said.format(what, why))

    def _dependents(
        self, step: _EditCommand, named_before: frozenset[Row] | None, *, undo: bool
    ) -> list[_EditCommand] | None:
        """The steps that go with `step` when it is dropped (`core.commands.dependent_steps`),
        by the rows it names now and before its refused replay (`named_before`), or None when
        the history must go instead."""
        steps = [self.command(index) for index in range(self.count())]
        if not all(isinstance(other, _EditCommand) for other in steps):
            return None
        edits = [other for other in steps if isinstance(other, _EditCommand)]
        at = next((index for index, other in enumerate(edits) if other is step), None)
        if at is None:
            return None
        named = [_rows(other) for other in edits]
        now = named[at]
        named[at] = None if now is None or named_before is None else now | named_before
        dependents = dependent_steps(named, at, undo=undo)
        return None if dependents is None else [edits[index] for index in dependents]

    def _drop_dependents(self) -> None:
        """After Qt took the refused step out (`setObsolete`): take out the steps that
        depended on it, then say what went. Qt takes a step out only as it replays it, so the
        stack is built again from the steps kept, each where it stood (done, or waiting to be
        redone), none replayed."""
        dropping, self._dropping = self._dropping, None
        if dropping is None:
            return
        if dropping.steps:
            gone = {id(step) for step in dropping.steps}
            self.put_back(self.taken_out(leaving=gone))
        self._on_error(dropping.error, dropping.message, history_kept=True)

    def taken_out(self, *, leaving: frozenset[int] | set[int] = frozenset()) -> KeptSteps:
        """The history's steps as they stand (done, or waiting to be redone), but for those
        whose `id` is in `leaving`, to be put back (`put_back`) in a stack built again."""
        kept = [
            _KeptStep(step.command, step.carried, step.analysed)
            for index in range(self.count())
            if isinstance(step := self.command(index), _EditCommand) and id(step) not in leaving
        ]
        done = sum(
            1
            for index in range(min(self.index(), self.count()))
            if isinstance(step := self.command(index), _EditCommand) and id(step) not in leaving
        )
        return KeptSteps(tuple(kept), done)

    def put_back(self, kept: KeptSteps) -> None:
        """The history made of `kept` (`taken_out`), each step where it stood, none replayed: the
        steps it holds were saved as they are, in this project or in the file it opened again."""
        self.clear()
        for step in kept.steps:
            again = _EditCommand(self, step.command)  # `push` skips its redo: it is done already
            again.carried, again.analysed = step.carried, step.analysed
            self.push(again)
        for index in range(kept.done, self.count()):
            waiting = self.command(index)
            if isinstance(waiting, _EditCommand):
                waiting._skip_undo = True  # `setIndex` below undoes it in the stack only
        self.setIndex(kept.done)

    def _dropped(
        self, step: _EditCommand, exc: AnnotatorError, what: str, *, undo: bool, dependents: int
    ) -> str:
        """What a dropped step says, one shape for every kind: which step was not undone or
        redone, why (its row deleted or changed elsewhere, a name by its words), and that only
        it, and the steps that depended on it, went (or that no other step was there). It used
        to say "Entity 2 does not exist (any more)", or a claim's id, and to clear the whole
        history for that one step."""
        if dependents == 0:
            went = self.tr("this step was dropped")
        elif dependents == 1:
            went = self.tr("this step and 1 step that depended on it were dropped")
        else:
            went = self.tr("this step and {0} steps that depended on it were dropped").format(dependents)
        if isinstance(exc, EntityGone):
            name = self._entity_words(exc)
            if not undo and self._analysed_since(step):
                if dependents == 0:
                    went = self.tr("this step no longer applies and was dropped")
                why = self.tr(
                    "Pre-annotation since (in another window, or by annotator annotate) no longer finds "
                    "{0} in the article, so {1}"
                ).format(name, went)
            else:
                why = self.tr("{0} is no longer in the article (deleted elsewhere), so {1}").format(
                    name, went
                )
        elif isinstance(exc, QuoteGone) and not undo and self._analysed_since(step):
            # It said the quotation was "deleted elsewhere", which no one did.
            if dependents == 0:
                went = self.tr("this step no longer applies and was dropped")
            why = self.tr(
                "Pre-annotation since (in another window, or by annotator annotate) no longer finds "
                "the quotation {0} in the article, so {1}"
            ).format(self._quotation_words(exc), went)
        else:
            why = self.tr("{0}, so {1}").format(self._why(step, exc), went)
        # Qt takes the step out after this returns: with its dependents, it may have been all
        # there was, and "the rest of your undo history is kept" then spoke of nothing.
        if self.count() - 1 - dependents > 0:
            said = self.tr("Not undone: {0}. {1}; the rest of your undo history is kept.")
            if not undo:
                said = self.tr("Not redone: {0}. {1}; the rest of your undo history is kept.")
        else:
            said = self.tr("Not undone: {0}. {1}; nothing else was in your undo history.")
            if not undo:
                said = self.tr("Not redone: {0}. {1}; nothing else was in your undo history.")
        return said.format(what, why)

    def _why(self, step: _EditCommand, exc: AnnotatorError) -> str:
        """Why a step was refused, by its row in words rather than by an id the person never
        saw ("claim 12 was deleted …")."""
        row = getattr(exc, "row", None)
        if isinstance(exc, NotFoundError) and step.command.entity_ids() and self._analysed_since(step):
            return self.tr("The article's names were found again by pre-annotation since")
        if row and isinstance(exc, ChangedMeanwhile):
            return self.tr(
                "{0} was changed elsewhere since (in another window, or by an import or a merge)"
            ).format(row)
        if row and isinstance(exc, NotFoundError):
            return self.tr("{0} was deleted elsewhere (in another window, or by another program)").format(row)
        return _sentence(str(exc))

    def _entity_words(self, gone: EntityGone) -> str:
        """ "United States (GPE)": the name as the person read it, or its span if the
        article's text cannot be read now."""
        from annotator.core.entity_decisions import entity_name

        text = self._article_text(gone.article_id)
        if text is None:
            return self.tr("the {0} at {1}-{2}").format(gone.label, gone.start, gone.end)
        return f"{entity_name(text, gone.start, gone.end)} ({gone.label})"

    def _quotation_words(self, gone: QuoteGone) -> str:
        """ "“Taxes rise again.”": the quotation as the person read it, its spaces collapsed and
        a long one cut, or its span if the article's text cannot be read now."""
        unquoted = self.tr("at {0}-{1}").format(gone.start, gone.end)
        text = self._article_text(gone.article_id)
        if text is None:
            return unquoted
        words = " ".join(text[gone.start : gone.end].split()).strip(QUOTE_MARKS)
        if not words:
            return unquoted
        if len(words) > QUOTATION_WORDS:
            words = words[: QUOTATION_WORDS - 1].rstrip() + "…"
        return f"“{words}”"

    def _article_text(self, article_id: int) -> str | None:
        """The article's text, to name what a refused step was about; None if it cannot be read
        now (the words then give the span)."""
        if self.project is None:
            return None
        try:
            return self.project.article(article_id).text
        except AnnotatorError as exc:
            log.info("no text of article %s to name a refused step's row: %s", article_id, exc)
            return None

    def _note_analyses(self, step: _EditCommand, change: Change) -> None:
        """For a step on entities or quotations, just saved: when pre-annotation last wrote
        each of its articles' suggestions (none when the file cannot say).

        Another window or process running Pre-annotate All replaces the suggestion rows a
        step names, and a redo of a decision on one then found no such entity, or no such
        quotation: the stamp tells it why, in words about the article instead of a row's id
        or a deletion no one made."""
        project = self.project
        if project is None or not (step.command.entity_ids() or change.quotes):
            return
        try:
            step.analysed = {article_id: project.analysed_at(article_id) for article_id in change.article_ids}
        except AnnotatorError as exc:
            log.info("no analysis stamps for %s: %s", logged(step.command), exc)
            step.analysed = _NO_STAMPS

    def _analysed_since(self, step: _EditCommand) -> bool:
        """Whether an article of `step` was pre-annotated again since the step was last saved."""
        project = self.project
        if project is None or not step.analysed:
            return False
        try:
            now = [project.analysed_at(article_id) for article_id in step.analysed]
        except AnnotatorError as exc:
            log.info("no analysis stamps to tell why %s failed: %s", logged(step.command), exc)
            return False
        # None now: the article's analysis went with the article, which is not found again.
        return any(n is not None and n != then for n, then in zip(now, step.analysed.values(), strict=True))

    def _follow(self, change: Change) -> None:
        """A row the replay put back under a new id (another window, or pre-annotation in the
        background, took its own): the history's other steps name it by the old id, and would
        be refused; they follow it."""
        if not (change.moved or change.moved_entities or change.moved_quotes):
            return
        for index in range(self.count()):
            step = self.command(index)
            if isinstance(step, _EditCommand):
                step.command.follow(change)


class _KeptStep(NamedTuple):
    command: Command
    carried: Carried
    analysed: Mapping[int, str | None]


class KeptSteps(NamedTuple):
    """A history taken out of the stack (`EditStack.taken_out`): its steps, oldest first, and
    how many of them are done (the rest wait to be redone)."""

    steps: tuple[_KeptStep, ...]
    done: int


class _KeptFor(NamedTuple):
    """A history kept for the next opening of `path` (`EditStack.keep_for`), and the project
    its steps were saved to (`Project.identity`)."""

    path: Path
    identity: str
    steps: KeptSteps


def _same_file(kept: Path, opened: Path) -> bool:
    try:
        return os.path.samefile(kept, opened)
    except OSError:
        return os.path.abspath(kept) == os.path.abspath(opened)


class _Dropping(NamedTuple):
    """A refused step being dropped: why, what the window says, and the steps going with it."""

    error: AnnotatorError
    message: str
    steps: list[_EditCommand]


def _rows(step: _EditCommand) -> frozenset[Row] | None:
    """The rows a step's undo and redo check: its command's (`Command.rows`), and the
    suggestions its last save carried beside it (`Carried`), which its next replay takes back."""
    rows = step.command.rows()
    if rows is None or not step.carried:
        return rows
    carried = step.carried.removed + step.carried.added
    return rows | frozenset(
        key
        for article_id, entity in carried
        for key in (("entity", entity.id), ("entity at", article_id, entity.start, entity.end))
    )


def _sentence(text: str) -> str:
    """An error's words as a sentence after "Not undone: …." (they start in lower case), the
    stop left to the sentence it goes in; a file name it starts with is left as it is."""
    from annotator.ui.error_text import as_sentence

    return as_sentence(text.strip()).rstrip(".")
