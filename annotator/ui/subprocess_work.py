"""Import, pre-annotation, export, release and training in a child process, driven from a pool thread.

Qt-free on purpose.

spaCy's compiled pipes hold the GIL for long stretches (loading the model, parsing
a long article), and so do the HTML readers' imports; in a thread that froze the
window for up to 2 s (measured by benchmarks/bench_ui.py). In a
child process the GIL is not shared, so the UI thread never waits. The child opens
its own project connection, reports progress through a queue, and stops when the
parent sets the cancel event; the pool thread only blocks on the queue.

Pre-annotation runs in the window's `WarmWorker`, a child that takes one job after another and
keeps its loaded pipelines; the other work starts a child of its own each time.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import queue as queue_module
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Literal,
    NamedTuple,
    TypedDict,
    TypeVar,
    Unpack,
    cast,
    overload,
)

from annotator.core.errors import (
    AnnotatorError,
    Cancelled,
    NoArticlesFoundError,
    NoGoldLabelsError,
    NoModelError,
    NotEnoughLabelsError,
    ProjectFileError,
)
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.suggestions import TrainingStep
from annotator.ui.child_ended import ChildEndedError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Event

    from annotator.core.agreement import MatchMode
    from annotator.core.reports import LabelConflict
    from annotator.services.exporting import ExportResult
    from annotator.services.preannotate import LoadedPipeline, PreannotateReport
    from annotator.services.project import Project
    from annotator.services.release import ReleaseOptions
    from annotator.services.suggestions import TrainOptions, TrainResult
    from annotator.ui.workers import WorkReturning

log = logging.getLogger(__name__)

JobResult = TypeVar("JobResult")


class ImportSummary(TypedDict):
    """What an import's child sends back: plain data, as its report's exceptions do not survive
    pickling. The rejections go with it, so the window can say which file failed and why."""

    added: list[int]
    summary: str
    files: int
    duplicates: int
    rejected: list[tuple[str, int | None, str]]
    """(file, line or None, reason), at most `REJECTIONS_SENT` of them."""
    rejected_count: int
    report_path: str | None
    left_out_labels: list[tuple[str, int]]
    """(label, spans) the files labelled with neither a claim's label nor an entity's, not imported."""
    joined_texts: int
    """Articles made of several people's lines of one text (`ImportResult.joined_texts`)."""
    joined_people: int
    repeated: int
    """Of `duplicates`, the texts met twice in the files themselves (`ImportResult.repeated`)."""
    given: int
    """Articles held before given another person's labels (`ImportResult.given`)."""
    differing: list[tuple[str, str]]
    """(person, title) of labels not taken over the project's (`ImportResult.differing`)."""
    conflicts: list[LabelConflict]
    """Labels not taken, an earlier line of the import labelling the span otherwise, at most
    `REJECTIONS_SENT` of them (`ImportResult.conflicts`)."""
    conflict_count: int
    skipped: list[tuple[str, int, str]]
    """(what, how many, what to do) of the folders' files not read (`ImportResult.skipped`)."""
    unnamed: list[tuple[str, str, int]]
    """(file, the person its name may be, labels) stored as "imported"'s (`ImportResult.unnamed`)."""
    imported_in_all: int
    """The labels by "imported" the project holds after it (`ImportResult.imported_in_all`)."""


class ReleaseSummary(TypedDict):
    """What a release's child sends back: its figures, not its plan, which holds every released
    claim the window does not need; the dialog says them in its own sentence (`ReleaseDialog`)."""

    summary: str
    path: str
    labels: str
    claims: int
    splits: list[tuple[str, int, int]]
    """(split name, articles, claims)."""
    ties: int
    notes: list[str]


class ChildCallbacks(TypedDict):
    """What `_child` hands every target besides its own arguments, and what the targets hand on
    to their service: the service's progress and cancel callbacks, relayed to the window."""

    progress: ProgressFn
    cancel: CancelFn


ChildMessage = tuple[str, object]
"""What the child puts on its queue: a kind ("progress", "result", a kind of error…) and its payload."""


class ChildCrashError(RuntimeError):
    """A bug in the child process; its traceback is in the log. The message starts with the
    child's exception kind ("IndexError: …"), which is what the person is told."""

    @property
    def kind(self) -> str:
        return str(self).split(":", 1)[0] or type(self).__name__


LOADING_MODEL = "Loading the language model…"
"""The progress message of a pre-annotation whose pipeline is loading (`_with_suggestions`):
no article is done while it is said."""


def _preannotate(
    project_path: Path,
    article_ids: list[int] | None,
    keep: frozenset[int] = frozenset(),
    *,
    stoppable: Callable[[], None],
    report_ready: Callable[[PreannotateReport], None],
    **callbacks: Unpack[ChildCallbacks],
) -> PreannotateReport:
    from annotator.services.preannotate import preannotate

    return _with_suggestions(
        project_path,
        lambda project, pipeline: preannotate(
            project, article_ids, keep=keep, pipeline=pipeline, **callbacks
        ),
        callbacks,
        stoppable,
        report_ready,
    )


def _preannotate_opened(
    project_path: Path,
    *,
    stoppable: Callable[[], None],
    report_ready: Callable[[PreannotateReport], None],
    **callbacks: Unpack[ChildCallbacks],
) -> PreannotateReport:
    """What opening a project pre-annotates (`services.preannotate.preannotate_opened`)."""
    from annotator.services.preannotate import preannotate_opened

    return _with_suggestions(
        project_path,
        lambda project, pipeline: preannotate_opened(project, pipeline=pipeline, **callbacks),
        callbacks,
        stoppable,
        report_ready,
    )


def _with_suggestions(
    project_path: Path,
    run: Callable[[Project, LoadedPipeline], PreannotateReport],
    callbacks: ChildCallbacks,
    stoppable: Callable[[], None],
    report_ready: Callable[[PreannotateReport], None] = lambda _report: None,
) -> PreannotateReport:
    """Load the project's pipeline, say the work is `stoppable`, pre-annotate, then suggest labels.

    The pipeline is loaded here rather than inside the service so that the parent hears the
    moment the load is over: until then the child checks no stop event and has saved nothing,
    so a Cancel ends it at once instead of granting it a grace it cannot use (`run_in_process`).
    `run` gets the loaded pipeline, which it only hands on to the service; its type is named
    as the service names it, since the window's package imports no `nlp` module (its import
    contract)."""
    from dataclasses import replace

    from annotator.services.preannotate import kept_pipeline, load_kept_pipeline, project_pipeline_name
    from annotator.services.project import open_project, store_of
    from annotator.services.suggestions import refresh_suggestions

    with open_project(project_path, create=False) as project:
        name = project_pipeline_name(store_of(project))
        # A window's worker keeps the pipelines it loaded (`WarmWorker`): its next run has one.
        pipeline = kept_pipeline(name)
        if pipeline is None:
            # The 6-10 s the model takes to load read "Pre-annotating…" over a busy bar, as if
            # articles were being done: the step is said, until the articles' count takes its place.
            callbacks["progress"](0, 0, LOADING_MODEL)
            pipeline = load_kept_pipeline(name)
        stoppable()
        report = run(project, pipeline)
        if not report.cancelled:
            # Every article is done: a Cancel from now on comes too late to stop the work, and
            # the parent says this report, not "cancelled", should it end the child meanwhile.
            report_ready(report)
        # With a trained model, the new candidates get suggestions in the same process.
        suggested = refresh_suggestions(project, report.article_ids, progress=callbacks.get("progress"))
        return replace(report, suggested=suggested)


def _train(project_path: Path, options: TrainOptions, **callbacks: Unpack[ChildCallbacks]) -> TrainResult:
    from annotator.services.project import open_project
    from annotator.services.suggestions import train_claim_model

    with open_project(project_path, create=False) as project:
        # A TrainResult unpickles without spaCy (its evaluation is plain data in core).
        return train_claim_model(project, options=options, **callbacks)


REJECTIONS_SENT = 1000
"""At most this many of an import's rejections go to the window; its report file has every one."""


def _import(
    project_path: Path, paths: list[Path], max_bytes: int, **callbacks: Unpack[ChildCallbacks]
) -> ImportSummary:
    from annotator.services.importing import import_paths
    from annotator.services.project import open_project

    with open_project(project_path, create=False) as project:
        # skip_bad: a dropped folder often holds a few files that are not articles;
        # import the rest and name the rejected ones in the report.
        result = import_paths(
            project, paths, skip_bad=True, for_window=True, max_bytes=max_bytes, **callbacks
        )
    return {
        "added": list(result.added),
        "summary": result.summary(),
        "files": result.files,
        "duplicates": result.duplicates,
        "rejected": [(str(r.path), r.line, str(r.reason)) for r in result.rejected[:REJECTIONS_SENT]],
        "rejected_count": len(result.rejected),
        "report_path": None if result.report_path is None else str(result.report_path),
        "left_out_labels": list(result.left_out_labels),
        "joined_texts": result.joined_texts,
        "joined_people": result.joined_people,
        "repeated": result.repeated,
        "given": result.given,
        "differing": list(result.differing),
        "conflicts": list(result.conflicts[:REJECTIONS_SENT]),
        "conflict_count": len(result.conflicts),
        "skipped": list(result.skipped),
        "unnamed": list(result.unnamed),
        "imported_in_all": result.imported_in_all,
    }


def _export(
    project_path: Path,
    out_path: Path,
    fmt: str,
    gold: bool = False,
    annotators: tuple[str, ...] = (),
    match: MatchMode = "exact",
    **callbacks: Unpack[ChildCallbacks],
) -> ExportResult:
    """`annotator export` for the window: the same options, so the same bytes as the CLI's
    `--gold` or `--annotator NAME` writes for the project; `match`: the review's span matching."""
    from annotator.services.exporting import ExportOptions, export
    from annotator.services.project import open_project

    # The window asked before overwriting, so force is the user's answer.
    options = ExportOptions(format=fmt, force=True, gold=gold, annotators=annotators, match=match)
    with open_project(project_path, create=False) as project:
        return export(project, out_path, options=options, **callbacks)


def _release(
    project_path: Path, out_dir: Path, options: ReleaseOptions, **callbacks: Unpack[ChildCallbacks]
) -> ReleaseSummary:
    from annotator.services.project import open_project
    from annotator.services.release import release

    with open_project(project_path, create=False) as project:
        result = release(project, out_dir, options=options, **callbacks)
    plan = result.plan
    return {
        "summary": result.summary(),
        "path": str(result.path),
        "labels": plan.options.labels,
        "claims": plan.claim_count,
        "splits": [(s.name, s.articles, s.claims) for s in plan.summaries()],
        "ties": len(plan.ties),
        "notes": list(result.notes),
    }


# `...`: each target takes its own arguments, which `run_in_process`'s overloads check by name;
# what it returns is only pickled onto the queue here.
_TARGETS: dict[str, Callable[..., object]] = {
    "preannotate": _preannotate,
    "preannotate_opened": _preannotate_opened,
    "import": _import,
    "export": _export,
    "train": _train,
    "release": _release,
}

ENDED_AT_ANY_MOMENT: frozenset[str] = frozenset({"preannotate", "preannotate_opened"})
"""The targets a Cancel may end outright when they do not stop by themselves (`run_in_process`).

A child checks the stop event only between steps, and pre-annotation's first step (loading
spaCy's model, parsing its first batch) took seconds: the status bar said "stopping…" and a
merge asked meanwhile waited all that time. Pre-annotation saves each batch in its own
transaction, so a child ended at any moment loses at most the batch under way: SQLite rolls
back what was not committed, and its locks go with the process (`tests/ui/test_ended_preannotation.py`).
The label suggestions it makes after its last batch are made by the next run
(`store.suggestions.articles_owing_suggestions`). These targets take a `stoppable` callback
besides `progress` and `cancel`, and call it once their pipeline is loaded (`STOPPABLE`), and a
`report_ready` one they call with their report once every article is done (`REPORT_READY`).

The others are waited for until they stop by themselves: ending them would make the window's
words untrue or leave files behind. An import commits all its articles at its end: ended just
after, they would be in the project while the window said none were kept. Training saves its
model and suggestions in one transaction: ended just after, a new model would be in use while
the window said the training was cancelled. An export or a release writes outside the project,
under a temporary `.part` name that only its own end renames or removes (a release swaps
folders too): ended, it leaves the part behind until a later run clears it."""

STOP_GRACE_SECONDS = 1.0
"""How long a target that may be ended gets, after the stop, to say "cancelled" by itself: a
child between two batches stops within it, and its last batch and report are kept whole.

Only once the child has said it is `STOPPABLE`: before that it is loading the model, checks
no stop event and has saved nothing, so the grace was a second spent for nothing at every
Cancel during the load, and a merge or export asked during an opening's pre-annotation
waited it out (`benchmarks/bench_cancel_preannotation.py`)."""

STOPPABLE = "stoppable"
"""The message a target in `ENDED_AT_ANY_MOMENT` sends once it checks the stop event between
steps (its pipeline loaded): from then on a stop is worth `STOP_GRACE_SECONDS` of waiting.

Its own message, not the first progress report: the service may well report progress while
still loading one day, and the grace would then be lost without a word. `_child` hands these
targets a `stoppable` callable that sends it (the others are waited for in any case)."""


REPORT_READY = "report ready"
"""The message a target in `ENDED_AT_ANY_MOMENT` sends, with its report, once its articles are
all done and only its tokens and label suggestions are left to make.

A Cancel then came too late to stop anything: the child went on within its grace and its report
was dropped for "cancelled", or it was ended making suggestions (the next run makes them) and
its report was lost, a warning that the model is missing with it. Once it is sent,
`run_in_process` returns that report whatever stop comes, ending the child as before."""


def stop_when_parent_goes(stop: Event, out: Queue[ChildMessage] | None = None) -> None:
    """Set `stop` when the window's process ends, however it ends.

    `daemon=True` stops a child only when the window exits cleanly. A window killed mid-import
    left its child importing on its own; the next window was told that another window had
    the project open, and started a second pre-annotation beside the orphan. Cancelled, the
    work stops as the Cancel button stops it. `out`'s feeder may then wait for ever on a pipe
    nobody reads, so it is not waited for.
    """
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of its sentinel pipe closes
        stop.set()
        if out is not None:
            out.cancel_join_thread()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _child(
    name: str,
    args: tuple[object, ...],
    out: Queue[ChildMessage],
    stop: Event,
    target: Callable[..., object] | None = None,
) -> None:
    """Run `target` (by default `_TARGETS[name]`) and put what came of it on `out`.

    The parent hands over the target itself, so a test can run a stand-in under a target's name
    and with its rules (`ENDED_AT_ANY_MOMENT`): a spawned child imports its module afresh."""
    _yield_to_the_window()
    stop_when_parent_goes(stop, out)
    _run_job(name, args, out, stop, target)


def _yield_to_the_window() -> None:
    """Background work yields the CPU to the window: on a busy two-core machine the child's
    start-up (importing spaCy) otherwise starved the UI thread for 150 ms."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)


def _run_job(
    name: str,
    args: tuple[object, ...],
    out: Queue[ChildMessage],
    stop: Event,
    target: Callable[..., object] | None = None,
) -> str:
    """Run one target in this child and put its progress, then its end, on `out`: a result,
    or an error by kind, or `PIPELINE_CHANGED` (`WarmWorker`). Returns the end's kind."""
    last = [0.0]

    def progress(done: int, total: int = 0, *rest: str) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] > 0.05:
            last[0] = now
            # A message goes along as text; a training step as itself, which the window words.
            said = (r if isinstance(r, TrainingStep) else str(r) for r in rest[:1])
            out.put(("progress", (done, total, *said)))

    def stoppable() -> None:
        out.put((STOPPABLE, None))

    def report_ready(report: object) -> None:
        out.put((REPORT_READY, report))

    # Only a target that may be ended takes `stoppable` and `report_ready`; the others forward
    # their callbacks to services, which know no such thing.
    extra: dict[str, Callable[..., None]] = (
        {"stoppable": stoppable, "report_ready": report_ready} if name in ENDED_AT_ANY_MOMENT else {}
    )
    try:
        run = _TARGETS[name] if target is None else target
        end: ChildMessage = ("result", run(*args, progress=progress, cancel=stop.is_set, **extra))
    except Cancelled as exc:
        end = ("cancelled", str(exc))
    except ProjectFileError as exc:  # its kind and reason, for the window's plain words and details
        end = ("project_file_error", (type(exc).__name__, exc.path, exc.reason, exc.hint))
    except NoModelError as exc:  # worded by its kind, as the errors below
        end = ("worded_error", (type(exc).__name__, str(exc)))
    except NotEnoughLabelsError as exc:  # what training found, for the window's own words
        end = ("not_enough_labels", (str(exc), exc.readiness))
    except AnnotatorError as exc:
        kind = type(exc).__name__
        # A worded error the window says in its own words (`ui.error_text`).
        worded = kind in _WORDED_ERRORS
        end = ("worded_error", (kind, str(exc))) if worded else ("user_error", str(exc))
    except BaseException as exc:
        if _pipeline_changed(exc):
            end = (PIPELINE_CHANGED, str(exc))
        else:  # a bug: the parent logs the traceback
            end = ("crash", (f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    out.put(end)
    return end[0]


def _pipeline_changed(exc: BaseException) -> bool:
    """Whether `exc` says a pipeline this process holds changed on disk (`kept_pipeline`).
    Looked up, not imported: a child that never imported the module cannot have raised it."""
    module = sys.modules.get("annotator.services.preannotate")
    return module is not None and isinstance(exc, module.PipelineFilesChanged)


PIPELINE_CHANGED = "pipeline changed"
"""The message a warm worker sends instead of starting a job when a pipeline it loaded has
changed on disk since (`services.preannotate.kept_pipeline`): it ends, and a new worker takes
the job, loading the pipeline afresh. Sent before any progress or write."""

ENDED_BY_THE_WORKER = frozenset({PIPELINE_CHANGED, "crash"})
"""The ends of a job after which a warm worker ends too: a crash may have left it in any state,
and a changed pipeline is loaded by a new process. The next job gets a new worker."""


def _serve(jobs: Connection, out: Queue[ChildMessage], stop: Event) -> None:
    """A warm worker's life (`WarmWorker`): run the jobs the window sends, one at a time, until
    it sends None, its end of the pipe closes or the window's process is gone."""
    import multiprocessing

    _yield_to_the_window()
    stop_when_parent_goes(stop, out)
    parent = multiprocessing.parent_process()
    while True:
        try:
            if not jobs.poll(0.5):
                if parent is not None and not parent.is_alive():
                    return
                continue
            job = jobs.recv()
        except (EOFError, OSError):  # the window's end closed
            return
        if job is None:
            return
        name, args, target = job
        if _run_job(name, args, out, stop, target) in ENDED_BY_THE_WORKER:
            return  # its parent takes it as ended (`WarmWorker.run`)
        # What the job made and dropped (a parse's arrays, a batch's analyses) is not kept for
        # the hours the window may stay open.
        gc.collect()


_WORDED_ERRORS: dict[str, type[AnnotatorError]] = {
    kind.__name__: kind for kind in (NoGoldLabelsError, NoArticlesFoundError, NoModelError)
}
"""Errors sent back by kind, not only as their message: the service's message is the command
line's, and the window has its own words for these (`ui.error_text.explain`)."""

_PROJECT_FILE_KINDS: list[type[ProjectFileError]] = [ProjectFileError, *ProjectFileError.__subclasses__()]
_PROJECT_FILE_ERRORS = {kind.__name__: kind for kind in _PROJECT_FILE_KINDS}
"""The kinds of refusal, by name, as the child sends them: every kind `core.errors` defines."""


def _project_file_error(kind: str, path: str, reason: str, hint: str) -> ProjectFileError:
    """A child's refusal of a project file, of the same kind: a damaged file gets the same plain
    words and details as when the window itself refuses it (`ui.error_text`)."""
    return _PROJECT_FILE_ERRORS.get(kind, ProjectFileError)(path, reason, hint=hint)


@overload
def run_in_process(
    name: Literal["import"], args: tuple[Path, list[Path], int], progress: ProgressFn, cancel: CancelFn
) -> ImportSummary: ...
@overload
def run_in_process(
    name: Literal["preannotate"],
    args: tuple[Path, list[int] | None, frozenset[int]],
    progress: ProgressFn,
    cancel: CancelFn,
) -> PreannotateReport: ...
@overload
def run_in_process(
    name: Literal["preannotate_opened"], args: tuple[Path], progress: ProgressFn, cancel: CancelFn
) -> PreannotateReport: ...
@overload
def run_in_process(
    name: Literal["train"], args: tuple[Path, TrainOptions], progress: ProgressFn, cancel: CancelFn
) -> TrainResult: ...
@overload
def run_in_process(
    name: Literal["export"],
    args: tuple[Path, Path, str]
    | tuple[Path, Path, str, bool, tuple[str, ...]]
    | tuple[Path, Path, str, bool, tuple[str, ...], MatchMode],
    progress: ProgressFn,
    cancel: CancelFn,
) -> ExportResult: ...
@overload
def run_in_process(
    name: Literal["release"], args: tuple[Path, Path, ReleaseOptions], progress: ProgressFn, cancel: CancelFn
) -> ReleaseSummary: ...
def run_in_process(name: str, args: tuple[object, ...], progress: ProgressFn, cancel: CancelFn) -> object:
    """Run `_TARGETS[name](*args)` in a spawned process; relay progress, errors and cancel.

    Typed by target (the overloads): what comes back is unpickled from the child, so without
    them every caller held an `Any` and read it by `getattr`, unchecked.

    A target in `ENDED_AT_ANY_MOMENT` is ended (`Cancelled`) at once by a cancel that comes
    before it has said `STOPPABLE` (it is loading the model, which it cannot stop), and
    `STOP_GRACE_SECONDS` after one that comes later if it has not stopped by itself; every
    other target is waited for until it stops by itself. A `STOPPABLE` still in the queue when
    the cancel is seen is not looked for: the child had only just loaded, and ending it loses
    at most the batch it began, as the grace's end would."""
    import multiprocessing  # here, not at the top: 40 ms the window's first paint does not need

    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    stop = context.Event()
    process = context.Process(target=_child, args=(name, args, out, stop, _TARGETS[name]), daemon=True)
    process.start()
    try:
        return _outcome(name, *_relay(name, process, out, stop, progress, cancel))
    finally:
        process.join(timeout=10)
        if process.is_alive():
            _end(process)
        out.close()


def _relay(
    name: str,
    process: BaseProcess,
    out: Queue[ChildMessage],
    stop: Event,
    progress: ProgressFn,
    cancel: CancelFn,
) -> tuple[str, Any]:
    """Relay the progress of the job `process` runs, and the cancel (`run_in_process`), until
    its end: the message that ends it, or the report it said was ready when it was ended.

    Raises `Cancelled` when the child was ended after a cancel with no report ready, and
    `ChildEndedError` when it ended without a word."""
    stop_asked_at: float | None = None
    said_stoppable = False
    ready: object = None  # the report of a child whose articles are all done (`REPORT_READY`)
    payload: Any  # as the message's kind says
    while True:
        if stop_asked_at is None and cancel():
            stop.set()
            stop_asked_at = time.monotonic()
        if (
            stop_asked_at is not None
            and name in ENDED_AT_ANY_MOMENT
            and (not said_stoppable or time.monotonic() - stop_asked_at >= STOP_GRACE_SECONDS)
        ):
            _end(process)
            if ready is not None:
                return ("result", ready)
            raise Cancelled(f"the background {name} process was ended after it was asked to stop")
        try:
            kind, payload = out.get(timeout=0.1)
        except queue_module.Empty:
            if process.is_alive():
                continue
            # The child may have put its last message and exited between the timeout and
            # is_alive(); what it put is flushed before it exits, so read once more.
            try:
                kind, payload = out.get(timeout=1.0)
            except queue_module.Empty:
                raise ChildEndedError(name, process.exitcode) from None
        if kind == STOPPABLE:
            said_stoppable = True
        elif kind == REPORT_READY:
            ready = payload
        elif kind == "progress":
            progress(*payload)
        else:
            return kind, payload


def _outcome(name: str, kind: str, payload: Any) -> object:
    """What the end of a job (`_relay`) comes to in the window: its result, or its error raised."""
    if kind == "result":
        return payload
    if kind == "cancelled":
        raise Cancelled(payload)
    if kind == "user_error":
        raise AnnotatorError(payload)
    if kind == "worded_error":
        worded, message = payload
        raise _WORDED_ERRORS.get(worded, AnnotatorError)(message)
    if kind == "project_file_error":
        raise _project_file_error(*payload)
    if kind == "not_enough_labels":
        message, readiness = payload
        raise NotEnoughLabelsError(message, readiness=readiness)
    message, text = payload
    log.error("background %s crashed:\n%s", name, text)
    raise ChildCrashError(message)


def _end(process: BaseProcess) -> None:
    """End the child and wait until it is gone: politely first, then for sure."""
    process.terminate()
    process.join(timeout=5)
    if process.is_alive():
        process.kill()
        process.join()


class ChildJob(Generic[JobResult]):
    """Work for a child process (`run_in_process`), which a window's warm worker may take
    instead (`WarmWorker.taking`). Called as it is, it runs in a child of its own."""

    def __init__(self, name: str, args: tuple[object, ...], worker: WarmWorker | None = None) -> None:
        self.name = name
        self.args = args
        self.worker = worker

    def __call__(self, progress: ProgressFn, cancel: CancelFn) -> JobResult:
        if self.worker is None:
            return cast("JobResult", run_in_process(self.name, self.args, progress, cancel))  # type: ignore[call-overload]
        return cast("JobResult", self.worker.run(self.name, self.args, progress, cancel))


class _Worker(NamedTuple):
    process: BaseProcess
    jobs: Connection
    """The window's end of the pipe the worker reads its jobs from."""
    out: Queue[ChildMessage]
    stop: Event


class WarmWorker:
    """A window's pre-annotation process, kept between runs with its pipelines loaded.

    A child of its own for each run imported spaCy and loaded the model every time: about
    5 s before the first article was done (6-10 s on a laptop), at each Ctrl+P and after each
    import, although the same model had been loaded a minute before. This one child takes one
    job at a time, in the window's order; it runs each as `run_in_process` would (the same
    targets, progress, errors and cancel), and keeps what its modules hold between them: the
    pipelines, by name (`services.preannotate.kept_pipeline`), so its next run says no
    "Loading the language model…" and starts in a fraction of a second.

    A job it cannot keep the worker for ends the worker, and the next job starts a new one: a
    cancel that had to end it (`ENDED_AT_ANY_MOMENT`), a crash, a death, a pipeline changed on
    disk (installed, upgraded, reinstalled: the job is handed to a new worker at once). It ends
    with the window (`close`), or by itself when the window's process is gone
    (`stop_when_parent_goes`). Qt-free, and it imports `multiprocessing` only when it first
    starts a child, as `run_in_process` does.
    """

    def __init__(self) -> None:
        self._state = threading.Condition()
        self._busy = False
        self._closed = False
        self._worker: _Worker | None = None
        self.started = 0
        """How many worker processes it has started, for tests and benchmarks."""

    def taking(self, work: WorkReturning[JobResult]) -> WorkReturning[JobResult]:
        """`work` run by this worker if it is a `ChildJob` of pre-annotation, else as it is."""
        if isinstance(work, ChildJob) and work.name in ENDED_AT_ANY_MOMENT:
            return ChildJob(work.name, work.args, self)
        return work

    def run(self, name: str, args: tuple[object, ...], progress: ProgressFn, cancel: CancelFn) -> object:
        """`run_in_process(name, args, …)` in the worker, started if it is not running.

        A job asked while another runs waits for it (a run withdrawn for a wider one ends
        within `STOP_GRACE_SECONDS`), unless it is cancelled meanwhile."""
        with self._state:
            while self._busy:
                if cancel():
                    raise Cancelled(f"the background {name} was cancelled before it started")
                self._state.wait(0.1)
            closed = self._closed
            self._busy = not closed
        if closed:  # the window closed: nothing keeps a worker for it
            return run_in_process(name, args, progress, cancel)  # type: ignore[call-overload]
        try:
            for _attempt in range(2):
                worker = self._ready()
                kind, payload = self._job(worker, name, args, progress, cancel)
                if kind not in (PIPELINE_CHANGED, _WORKER_GONE):
                    return _outcome(name, kind, payload)
                log.info("pre-annotation worker ended before its job, which a new one takes: %s", payload)
            raise ChildEndedError(name, None)  # a new worker cannot find its pipelines changed
        finally:
            with self._state:
                self._busy = False
                ending = self._take() if self._closed else None
                self._state.notify_all()
            if ending is not None:
                _stop_worker(ending)

    def _job(
        self, worker: _Worker, name: str, args: tuple[object, ...], progress: ProgressFn, cancel: CancelFn
    ) -> tuple[str, Any]:
        """Send one job to `worker` and relay it; a worker that cannot take another is let go."""
        kept = False
        try:
            worker.stop.clear()  # a cancel of the job before, which it heard
            try:
                worker.jobs.send((name, args, _TARGETS[name]))
            except OSError as exc:  # it died after `_ready` looked
                return (_WORKER_GONE, str(exc))
            end = _relay(name, worker.process, worker.out, worker.stop, progress, cancel)
            kept = end[0] not in ENDED_BY_THE_WORKER
            return end
        finally:
            if not kept:
                with self._state:
                    gone = self._take() if self._worker is worker else None
                if gone is not None:
                    _stop_worker(gone)

    def _ready(self) -> _Worker:
        """The running worker, or a new one."""
        with self._state:
            worker = self._worker
        if worker is not None and worker.process.is_alive():
            return worker
        if worker is not None:  # died while waiting for a job (killed, out of memory)
            with self._state:
                self._take()
            _stop_worker(worker)
        import multiprocessing  # here, not at the top: 40 ms the window's first paint does not need

        context = multiprocessing.get_context("spawn")
        jobs_in, jobs_out = context.Pipe(duplex=False)
        out = context.Queue()
        stop = context.Event()
        process = context.Process(
            target=_serve, args=(jobs_in, out, stop), daemon=True, name="pre-annotation"
        )
        process.start()
        jobs_in.close()  # the child's end: the window keeps the other, whose close ends the child
        worker = _Worker(process, jobs_out, out, stop)
        with self._state:
            self._worker = worker
            self.started += 1
        return worker

    def _take(self) -> _Worker | None:
        """The worker, which this object no longer holds (called under `_state`)."""
        worker, self._worker = self._worker, None
        return worker

    def close(self) -> None:
        """End the worker when the window closes, now if it is idle, else at its job's end."""
        with self._state:
            self._closed = True
            ending = None if self._busy else self._take()
        if ending is not None:
            _stop_worker(ending)

    @property
    def running(self) -> bool:
        """Whether a worker process is running (for tests and benchmarks)."""
        with self._state:
            return self._worker is not None and self._worker.process.is_alive()


_WORKER_GONE = "worker gone"
"""What `WarmWorker._job` makes of a worker that could not be sent its job: another takes it."""


def _stop_worker(worker: _Worker) -> None:
    """End a worker that runs no job: its pipeline loaded, it holds no project open."""
    with contextlib.suppress(OSError):
        worker.jobs.close()
    # Not asked to end by itself: a Python holding spaCy takes its time to exit, and the
    # window waits here as it closes.
    _end(worker.process)
    worker.out.close()
