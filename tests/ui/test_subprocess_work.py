"""The pool thread's side of the child process: results that arrive as the child exits."""

from __future__ import annotations

import multiprocessing
import queue
import threading
from typing import Any

import pytest

import annotator.ui.subprocess_work as subprocess_work
from annotator.core.errors import (
    AnnotatorError,
    ProjectFileError,
)


class _ExitedProcess:
    """A child that has already put its result and exited (exit code 0)."""

    exitcode = 0

    def __init__(self, **_kwargs: Any) -> None:
        pass

    def start(self) -> None:
        pass

    def is_alive(self) -> bool:
        return False

    def join(self, timeout: float | None = None) -> None:
        pass


class _LateQueue:
    """The first get times out just before the child's message lands."""

    def __init__(self, messages: list[tuple[str, Any]]) -> None:
        self.messages = messages
        self.gets = 0

    def get(self, timeout: float) -> tuple[str, Any]:
        self.gets += 1
        if self.gets == 1 or not self.messages:
            raise queue.Empty
        return self.messages.pop(0)

    def close(self) -> None:
        pass


class _Context:
    def __init__(self, messages: list[tuple[str, Any]]) -> None:
        self.queue = _LateQueue(messages)

    def Queue(self) -> _LateQueue:  # the names multiprocessing uses
        return self.queue

    def Event(self) -> Any:
        return type("Event", (), {"set": lambda self: None})()

    Process = _ExitedProcess


def _run(monkeypatch: pytest.MonkeyPatch, messages: list[tuple[str, Any]]) -> Any:
    monkeypatch.setattr(multiprocessing, "get_context", lambda _method: _Context(messages))
    return subprocess_work.run_in_process("export", (), lambda *_a: None, lambda: False)


def test_result_put_just_before_the_child_exits_is_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(monkeypatch, [("result", {"summary": "done"})]) == {"summary": "done"}


def test_a_child_that_dies_silently_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(
        AnnotatorError, match=r"background export process stopped unexpectedly.*labels are safe"
    ):
        _run(monkeypatch, [])


@pytest.mark.parametrize("kind", [ProjectFileError, *ProjectFileError.__subclasses__()])
def test_a_refused_project_file_keeps_its_kind_across_the_process(
    monkeypatch: pytest.MonkeyPatch, kind: type[ProjectFileError]
) -> None:
    """The child's refusal came back as a plain AnnotatorError, its kind lost: the window then
    showed "claims row 7: …" where it says, of the same file opened, that it is damaged."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise kind("/work/p.db", "claims row 7: label 'x' is not a label", hint="Ask Ann.")

    monkeypatch.setitem(subprocess_work._TARGETS, "export", refuse)
    monkeypatch.delattr(subprocess_work.os, "nice", raising=False)  # the child's own courtesy
    out: queue.Queue[tuple[str, Any]] = queue.Queue()
    subprocess_work._child("export", (), out, threading.Event())
    with pytest.raises(kind) as refused:
        _run(monkeypatch, [out.get_nowait()])
    assert type(refused.value) is kind
    assert (refused.value.path, refused.value.reason, refused.value.hint) == (
        "/work/p.db",
        "claims row 7: label 'x' is not a label",
        "Ask Ann.",
    )


def test_a_child_starts_without_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pre-annotation, import, export, release and training starts a child: one that
    loaded Qt's core module (for the error a dead child is told by) had its import hook slow
    each import after it, spaCy's among them, by about a second a child on a busy machine."""
    from tests.ui import child_stand_ins

    monkeypatch.setitem(subprocess_work._TARGETS, "export", child_stand_ins.qt_modules_loaded)
    loaded = subprocess_work.run_in_process("export", (), lambda *_a: None, lambda: False)  # type: ignore[call-overload]
    assert loaded == []
