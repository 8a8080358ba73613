"""How much memory the window's undo history holds at its limit. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_undo_history.py [--articles 200] [--steps 1000]

The project of `soak_window.py` (the Wikinews articles repeated to `--articles`, hand-made
suggestions, two teammates' claims). In the real window, offscreen, a person's mix of edits by
key, article after article: J and a label key (a claim added), every third article a note on
it, every fourth a second label key on the same candidate (relabelled), every fifth Del (the
claim deleted), every sixth entity mode with J and R (a suggested name rejected, carried to
every analysed article holding it), every tenth D (the article marked done). Keys go on until
the history holds `--steps` steps (`ui.undo.UNDO_LIMIT` at most). Then the history is cleared
(`QUndoStack.clear` deletes its steps and undoes nothing) and what that gave back is the
history's memory: Python's heap (tracemalloc) and the C heap in use (glibc's `mallinfo2`:
Qt's objects and strings, and Python's blocks over 512 bytes, so the two overlap; the history
holds at least the larger figure and at most their sum).

200 articles, 1,000 steps (489 articles labelled in 116 s on the shared two-core machine:
UpdateClaim 517, Batch 200, DeleteClaim 97, SetEntityStatus 81, AddClaim 57, SetArticleStatus
48): clearing the history gave back 1,219 kB of Python's heap and 1,868 kB of the C heap,
1.2 and 1.9 kB a step, so 1,000 steps hold 1.9-3.1 MB. Rows carried by an entity decision's
undo are held only while its step waits for its redo (`_EditCommand.carried`): none here.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def c_heap_in_use() -> int:
    """Bytes glibc's malloc has handed out and not had back (0 where that is not glibc 2.33+)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
    except (OSError, AttributeError):
        return 0
    info = libc.mallinfo2()
    return int(info.uordblks + info.hblkhd)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--steps", type=int, default=1000)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="annotator-undo-history-")
    os.environ["ANNOTATOR_HOME"] = home
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from annotator.core.settings import Settings
    from annotator.ui.main_window import MainWindow
    from annotator.ui.undo import UNDO_LIMIT, _EditCommand
    from benchmarks.soak_window import Driver, build

    app = QApplication.instance() or QApplication([])
    project_path = Path(home) / "history.annotator.db"
    ids = build(project_path, args.articles)
    window = MainWindow(Settings(annotator="bench", theme="light"))
    window.resize(1280, 800)
    window.show()
    drive = Driver(app, window)
    drive.wait_until(lambda: window.start_finished)
    window.open_project(project_path)
    drive.settle()
    steps = min(args.steps, UNDO_LIMIT)
    print(f"{len(ids)} articles; the history's limit {UNDO_LIMIT}; keys until it holds {steps} steps")

    def note() -> None:
        before = drive.shown_dialogs()
        drive.key(Qt.Key.Key_N, widget=window.view)
        if drive.wait_until(lambda: bool(drive.shown_dialogs() - before), 5_000):
            (dialog,) = drive.shown_dialogs() - before
            dialog.edit.setPlainText("Needs a source: the figure is not in the report cited.")
            dialog.accept()
            drive.activate()

    labels = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)
    stack = window.undo_stack
    tracemalloc.start(1)
    gc.collect()
    python_before, c_before = tracemalloc.get_traced_memory()[0], c_heap_in_use()
    start = time.perf_counter()
    n = 0
    made = 0
    while stack.count() < steps and n < 20 * steps:
        n += 1
        drive.activate()
        window.show_article(ids[n % len(ids)])
        window.view.setFocus()
        drive.key(Qt.Key.Key_J, widget=window.view)
        drive.key(labels[n % 3], widget=window.view)
        if n % 3 == 0:
            note()
        if n % 4 == 0:
            drive.key(labels[(n + 1) % 3], widget=window.view)
        if n % 5 == 0:
            drive.key(Qt.Key.Key_Delete, widget=window.view)
        if n % 6 == 0:
            drive.key(Qt.Key.Key_E, widget=window.view)
            drive.key(Qt.Key.Key_J, widget=window.view)
            drive.key(Qt.Key.Key_R, widget=window.view)
            drive.key(Qt.Key.Key_E, widget=window.view)
        if n % 10 == 0:
            drive.key(Qt.Key.Key_D, widget=window.view)
        drive.settle()
        made = stack.count()
    elapsed = time.perf_counter() - start
    held = [stack.command(i) for i in range(stack.count())]
    kinds = Counter(type(step.command).__name__ for step in held if isinstance(step, _EditCommand))
    carried = sum(
        len(step.carried.removed) + len(step.carried.added) for step in held if isinstance(step, _EditCommand)
    )
    del held
    gc.collect()
    python_full, c_full = tracemalloc.get_traced_memory()[0], c_heap_in_use()
    stack.clear()
    gc.collect()
    python_cleared, c_cleared = tracemalloc.get_traced_memory()[0], c_heap_in_use()
    print(
        f"{n} articles labelled in {elapsed:.0f} s, {made} steps: "
        + ", ".join(f"{k} {v}" for k, v in kinds.most_common())
    )
    print(f"rows carried held by the steps (only a step waiting for its redo holds them): {carried}")
    print(
        f"grown while labelling: Python heap {(python_full - python_before) / 1024:+,.0f} kB,"
        f" C heap {(c_full - c_before) / 1024:+,.0f} kB"
    )
    py_kb = (python_full - python_cleared) / 1024
    c_kb = (c_full - c_cleared) / 1024
    print(
        f"given back by clearing the history: Python heap {py_kb:,.0f} kB,"
        f" C heap {c_kb:,.0f} kB (which holds Python's larger blocks too)"
    )
    print(f"per step: Python {py_kb * 1024 / max(made, 1):,.0f} B, C {c_kb * 1024 / max(made, 1):,.0f} B")
    tracemalloc.stop()
    window.close()


if __name__ == "__main__":
    main()
