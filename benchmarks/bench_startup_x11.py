"""Start-up as a user sees it: process start -> first article drawn with its highlights.

    .venv/bin/python benchmarks/bench_startup_x11.py [--runs 5]

Each run is a new process that goes through the real entry point (`annotator --sample`,
`annotator.cli.main`): argument parsing, the system-library check, settings, theme, the window,
the project, the first paint. A thin driver only watches the paint events: the time is taken
once the article view has been painted with a document that carries highlight formats (entities
and quotations), then the process exits. Run on both platforms, median of `--runs`:

- xcb: Qt's real X11 platform, against an Xvfb server this script starts once (the X server is
  the desktop's, not part of the app's start), so a desktop user's path is measured, and
- offscreen: the platform the test suite uses, beside it for comparison,

each in two cases:

- first start: a new user folder, so `--sample` creates the sample project and the window
  pre-annotates it in the background (spaCy loads in a child process) before any highlight;
- later start: the same folder again, the articles already pre-annotated.

Baseline, same run: a bare QApplication showing an empty QMainWindow on each platform. The
annotator name is saved beforehand, so the first-start name dialog (which waits for a person)
does not count. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

APP_CHILD = r"""
import os, sys, time
import PySide6.QtWidgets as widgets
from PySide6.QtCore import QEvent, QObject, QTimer

class _FirstHighlightedPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and _highlighted(obj):
            # After this paint and its flush to the screen, which follow in this event round.
            QTimer.singleShot(0, _report)
        return False

def _highlighted(widget):
    view = widget.parent() if isinstance(widget, widgets.QWidget) else None
    if not isinstance(view, (widgets.QPlainTextEdit, widgets.QTextEdit)) or widget is not view.viewport():
        return False
    block = view.document().firstBlock()
    while block.isValid():
        if block.layout() is not None and block.layout().formats():
            return True
        block = block.next()
    return False

def _report():
    print(f"drawn {time.time():.6f} {widgets.QApplication.instance().platformName()}", flush=True)
    os._exit(0)

class _TimedApplication(widgets.QApplication):
    def __init__(self, *args):
        super().__init__(*args)
        self._watch = _FirstHighlightedPaint()
        self.installEventFilter(self._watch)

# The app creates `QApplication` from PySide6.QtWidgets; it gets this one, which watches paints.
widgets.QApplication = _TimedApplication
from annotator.cli import main
raise SystemExit(main(["--sample"]))
"""

BARE_CHILD = r"""
import os, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
window.repaint()
app.processEvents()
print(f"drawn {time.time():.6f} {app.platformName()}", flush=True)
os._exit(0)
"""


def start_xvfb() -> tuple[subprocess.Popen[bytes], str] | None:
    """An Xvfb server on a free display, or None when Xvfb is not installed."""
    if shutil.which("Xvfb") is None:
        return None
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as handle:
        display = handle.readline().strip()
    return server, f":{display}"


CPU: dict[str, list[float]] = {}
"""CPU seconds (user + system) of each start, by platform and case: steadier than wall time on a
shared machine. Counts the app's process and the children it waited for."""


def timed_start(child: str, env: dict[str, str], timeout: float, *, key: str = "") -> float:
    """Seconds from just before the process starts to its report of the first drawn frame."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU.setdefault(key, []).append(cpu)
    lines = [line for line in done.stdout.splitlines() if line.startswith("drawn ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"no frame drawn (exit {done.returncode}): {done.stderr.strip()[-600:]}")
    _, stamp, platform = lines[-1].split()
    if platform != env["QT_QPA_PLATFORM"]:
        raise RuntimeError(f"ran on {platform}, not {env['QT_QPA_PLATFORM']}")
    return float(stamp) - start


def seeded_home(folder: Path) -> Path:
    """A user folder with the annotator's name saved, as after the first start's name dialog."""
    from annotator.core.settings import Settings
    from annotator.services.settings import save_settings

    folder.mkdir(parents=True)
    old = os.environ.get("ANNOTATOR_HOME")
    os.environ["ANNOTATOR_HOME"] = str(folder)
    try:
        save_settings(Settings(annotator="bench"))
    finally:
        if old is None:
            os.environ.pop("ANNOTATOR_HOME")
        else:
            os.environ["ANNOTATOR_HOME"] = old
    return folder


def fmt(times: list[float], cpu: list[float]) -> str:
    runs = ", ".join(f"{t:.2f}" for t in times)
    return f"median {statistics.median(times):5.2f} s  CPU {statistics.median(cpu):5.2f} s  (runs: {runs})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=180, help="seconds allowed per start")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="annotator-bench-startup-"))
    xvfb = start_xvfb()
    platforms = ["xcb", "offscreen"] if xvfb is not None else ["offscreen"]
    if xvfb is None:
        print("Xvfb is not installed (apt install xvfb): offscreen only")
    base_env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    base_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    results: dict[tuple[str, str], list[float]] = {
        (platform, case): [] for platform in platforms for case in ("bare", "first", "later")
    }
    try:
        # Platforms take turns within each round, so a busy spell on a shared machine hits both.
        for run in range(args.runs):
            for platform in platforms:
                env = {**base_env, "QT_QPA_PLATFORM": platform}
                if platform == "xcb" and xvfb is not None:
                    env["DISPLAY"] = xvfb[1]
                for case in ("bare", "first", "later"):
                    if case == "first":
                        # A new user folder per round: each first start creates and pre-annotates.
                        env["ANNOTATOR_HOME"] = str(seeded_home(work / f"{platform}-{run}"))
                    child = BARE_CHILD if case == "bare" else APP_CHILD
                    seconds = timed_start(child, env, args.timeout, key=f"{platform} {case}")
                    results[platform, case].append(seconds)
    finally:
        if xvfb is not None:
            xvfb[0].terminate()
            xvfb[0].wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"process start -> first article drawn with highlights, `annotator --sample`, {args.runs} runs each"
    )
    names = {
        "bare": "baseline: bare QApplication + empty window",
        "first": "first start (creates and pre-annotates the sample)",
        "later": "later start (sample already pre-annotated)",
    }
    for case in ("bare", "first", "later"):
        for platform in platforms:
            print(
                f"{names[case]:<52} {platform:<9} {fmt(results[platform, case], CPU[f'{platform} {case}'])}"
            )
    if "xcb" in platforms:
        print()
        for case in ("bare", "first", "later"):
            ratio = statistics.median(results["xcb", case]) / statistics.median(results["offscreen", case])
            print(f"ratio xcb / offscreen, {case:<6} {ratio:5.2f}x")
    for platform in platforms:
        ratio = statistics.median(results[platform, "later"]) / statistics.median(results[platform, "bare"])
        print(f"ratio later start / bare Qt, {platform:<9} {ratio:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
