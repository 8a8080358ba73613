"""The first paint of a maximized window, beside a bare PySide6 window shown maximized.

    .venv/bin/python benchmarks/bench_maximized.py [--runs 5] [--baseline main | --no-baseline]

Issue 17's cold-start row (`bench_peers.py`, *startup*) for the window most laptop users keep
maximized. Its size is given by the window manager when the window is mapped, so the X server
this script starts (Xvfb, 1920x1080) runs openbox; the offscreen platform, which maximizes at
once, is measured beside it. Each code (this checkout, and `--baseline` read from git) has its
own home and its own copy of the workload's project (`bench_peers._make_project`: the 265
articles, highlights made without spaCy), opened once in a window shown maximized and closed, as
a person did before. Every timed run is a new process: a bare `QMainWindow` shown maximized to its
first paint; a bare window at its normal size (`bench_peers.STARTUP_BARE`); and each code's
`annotator PROJECT` (`bench_peers.STARTUP_APP`: to the first paint of the article, and to the
window fully built; it closes the window as a person does, so every run reopens a maximized
window). Medians of `--runs`; wall time from process start. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_peers import (
    ROOT,
    STARTUP_APP,
    STARTUP_BARE,
    Xvfb,
    _child_env,
    _python,
    checkout,
    startup_once,
)

BARE_MAXIMIZED = STARTUP_BARE.replace("window.show()", "window.showMaximized()")
"""`bench_peers`' bare window, shown maximized."""
assert BARE_MAXIMIZED != STARTUP_BARE

# Opens the project in the code at argv[1] in a window shown maximized, waits for the window
# manager's size (five checks 100 ms apart agree), closes it as a person does, and prints the size.
CLOSE_MAXIMIZED = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
app.setApplicationName("Annotator")
app.setOrganizationName("annotator")
from annotator.services.settings import load_settings
from annotator.ui.main_window import MainWindow
window = MainWindow(load_settings())
window.resize(1000, 640)
window.showMaximized()
window.open_project(Path(sys.argv[2]))
sizes = []

def check():
    sizes.append((window.width(), window.height()))
    settled = len(sizes) >= 5 and len(set(sizes[-5:])) == 1 and sizes[-1] != (1000, 640)
    if (window.start_finished and window.isMaximized() and settled) or len(sizes) > 100:
        print(*sizes[-1], window.isMaximized(), flush=True)
        window.close()
        app.quit()

timer = QTimer()
timer.timeout.connect(check)
timer.start(100)
app.exec()
"""


class Openbox:
    """A window manager on `display`, so that a maximized window is given its size as on a desktop."""

    def __init__(self, display: str, home: Path) -> None:
        self.display, self.home = display, home
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> bool:
        if shutil.which("openbox") is None:
            return False
        env = {**os.environ, "DISPLAY": self.display, "HOME": str(self.home)}
        self.home.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(1.0)  # it takes the screen over (no readiness signal to wait on)
        return self.process.poll() is None

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=10)


def measure(
    roots: dict[str, Path], projects: dict[str, Path], home: Path, env: dict[str, str], runs: int
) -> dict[str, list[list[float]]]:
    """Wall seconds from process start to the first paint (and, for the app, to the window built)."""
    envs = {}
    for name in roots:
        folder = home / name
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "config").mkdir(parents=True)
        (folder / "config" / "settings.json").write_text(json.dumps({"annotator": "bench"}), "utf-8")
        envs[name] = {**env, "ANNOTATOR_HOME": str(folder)}
        out = subprocess.run(
            [sys.executable, "-c", CLOSE_MAXIMIZED, str(roots[name]), str(projects[name])],
            capture_output=True,
            text=True,
            env=envs[name],
            timeout=120,
        )
        if out.returncode != 0:
            raise RuntimeError(f"closing {name} maximized failed: {out.stderr[-2000:]}")
        record = folder / "config" / "window-at-close.json"
        recorded = json.loads(record.read_text("utf-8")).get("maximized", "(no such field)")
        print(f"  {name}: closed maximized at {out.stdout.strip()}; recorded screen: {recorded}")
    startup_once(BARE_MAXIMIZED, [], env)  # warm the file cache; not counted
    times: dict[str, list[list[float]]] = {"bare, maximized": [], "bare, normal": []}
    times |= {name: [] for name in roots}
    for _ in range(runs):
        times["bare, maximized"].append([t for t, _cpu in startup_once(BARE_MAXIMIZED, [], env)])
        times["bare, normal"].append([t for t, _cpu in startup_once(STARTUP_BARE, [], env)])
        for name, root in roots.items():
            stamps = startup_once(STARTUP_APP, [str(root), str(projects[name])], envs[name])
            times[name].append([t for t, _cpu in stamps])
    return times


def report(platform: str, times: dict[str, list[list[float]]]) -> None:
    bare = statistics.median(run[0] for run in times["bare, maximized"])
    print(f"{platform}: medians of {len(times['bare, maximized'])} runs, wall time from process start")
    for name, runs in times.items():
        first = statistics.median(run[0] for run in runs)
        line = f"  {name:<18} first paint {first * 1000:6.0f} ms  {first / bare:4.2f}x bare maximized"
        if len(runs[0]) > 1:
            built = statistics.median(run[1] for run in runs)
            line += f"; window built {built * 1000:6.0f} ms  {built / bare:4.2f}x"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default="main", help="git revision measured as 'before'")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-maximized-"))
    roots: dict[str, Path] = {"now": ROOT}
    if not args.no_baseline:
        old = checkout(args.baseline, work / "baseline")
        if old is not None:
            roots[f"before ({args.baseline})"] = old
    load = os.getloadavg()
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 cores, shared machine)")
    try:
        projects = {}
        for index, (name, root) in enumerate(roots.items()):
            projects[name] = work / f"project-{index}.annotator.db"
            _python("--make-project", str(projects[name]), "1", "0", "1", root=root)
        report(
            "offscreen",
            measure(
                roots, projects, work / "home-offscreen", _child_env(QT_QPA_PLATFORM="offscreen"), args.runs
            ),
        )
        with Xvfb() as display:
            if not display:
                print("xcb: no Xvfb here; not measured")
                return
            with Openbox(display, work / "openbox-home") as managed:
                if not managed:
                    print("xcb: no openbox here; not measured (without a window manager nothing maximizes)")
                    return
                env = _child_env(QT_QPA_PLATFORM="xcb", DISPLAY=display)
                report("xcb, openbox", measure(roots, projects, work / "home-xcb", env, args.runs))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
