"""Issue 17's workload, in-process through the public API, against the peers and this code before.

    .venv/bin/python benchmarks/bench_peers.py [--runs 3] [--baseline REV | --no-baseline]
        [--only import,labels,doccano,jsonl,startup,memory] [--memory-articles 265]

Workload (the one the peers were measured with): the 265 Wikinews articles of
`benchmarks/data/wikinews-articles.jsonl` imported without NLP; 1,000 sentence-aligned
claims added one by one (each its own committed transaction); the project exported as
doccano JSONL and as Prodigy JSONL with tokens; the window started on that project until
the first article is drawn, beside a bare PySide6 window started the same way; and the
memory of the window and its pre-annotation worker. Figures are medians of `--runs`.

The peers cannot be rerun here; their figures are the issue's (see PEERS). What can be
rerun is this project's code at `--baseline` (default: the commit this work started
from), read from git and measured in the same run as the current code, so the before/after
ratio never compares two machines or two loads.

Prodigy JSONL needs spaCy's tokens. They are stored in the project the first time an
article is tokenised (pre-annotation or export), so the export is shown twice: cold (a
fresh process, spaCy not yet imported, no article ever tokenised) and warm (tokens stored).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data" / "wikinews-articles.jsonl"
BASELINE = "e97f559"  # main before issue 17's work
LABELS = 1000

PEERS: dict[str, dict[str, float | None]] = {
    # Issue 17, "Five times the best peer on every workload": Label Studio 1.23.2 and doccano 1.8.4
    # servers on loopback on this machine kind, their own workload, medians of 3, browser not counted.
    "import": {"Label Studio": 0.095, "doccano": 1.24},
    "labels": {"Label Studio": 47.5e-3, "doccano": 7.8e-3},
    "labels_p95": {"Label Studio": 52e-3, "doccano": 9.4e-3},
    "doccano": {"Label Studio": 0.27, "doccano": 1.05},
    # Neither peer exports tokens; the target is what Label Studio takes without them.
    "jsonl": {"Label Studio": 0.27, "doccano": None},
    # To the login page, not to a usable screen with an article drawn.
    "startup": {"Label Studio": 2.36, "doccano": 1.15},
}
MEMORY_PEERS = "Label Studio 265-330 MiB idle, doccano 992-1,359 MiB idle (issue 17)"

_SENTENCE = re.compile(r"[^\s][^.!?\n]*[.!?]+[\"”’']?")
_NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
_QUOTE = re.compile(r"\"[^\"\n]+\"")


# --- the workload, run in a child process on one copy of the code ------------------------------------


def sentence_spans(texts: list[str], count: int) -> list[tuple[int, int, int]]:
    """(article index, start, end) of `count` sentences, taken round-robin over the articles."""
    per_article = [[(m.start(), m.end()) for m in _SENTENCE.finditer(text)] for text in texts]
    spans: list[tuple[int, int, int]] = []
    depth = 0
    while len(spans) < count:
        added = False
        for index, sentences in enumerate(per_article):
            if depth < len(sentences) and len(spans) < count:
                spans.append((index, *sentences[depth]))
                added = True
        if not added:
            break
        depth += 1
    return spans


def workload(folder: Path, runs: int) -> dict[str, Any]:
    """Import, label and export in this process; the code is whatever `annotator` imports here."""
    from annotator.services.exporting import ExportOptions, export
    from annotator.services.importing import import_paths
    from annotator.services.project import open_project

    results: dict[str, Any] = {"import": [], "doccano": [], "jsonl_warm": [], "cpu": {}}
    cpu: dict[str, list[float]] = {"import": [], "doccano": [], "jsonl_warm": [], "jsonl_cold": []}
    results["cpu"] = cpu
    project_path = folder / "bench.annotator.db"
    for run in range(runs):
        path = folder / f"import-{run}.annotator.db"
        with open_project(path) as project:
            started, cpu_started = time.perf_counter(), time.process_time()
            result = import_paths(project, [DATA])
            results["import"].append(time.perf_counter() - started)
            cpu["import"].append(time.process_time() - cpu_started)
            assert len(result.added) == 265, result.summary()
        if run == runs - 1:
            for suffix in ("", "-wal", "-shm"):
                source = path.with_name(path.name + suffix)
                if source.exists():
                    shutil.copy(source, project_path.with_name(project_path.name + suffix))
    with open_project(project_path) as project:
        ids = [a.id for a in project.articles()]
        texts = [project.article(i).text for i in ids]
        latencies = []
        labels = ("factual", "opinion", "questionable")
        for n, (index, start, end) in enumerate(sentence_spans(texts, LABELS)):
            started = time.perf_counter()
            project.add_claim(ids[index], start, end, labels[n % 3], annotator=("ann", "bo")[n % 2])
            latencies.append(time.perf_counter() - started)
        results["labels"] = latencies
        for _ in range(runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            export(project, folder / "out.doccano.jsonl", options=ExportOptions(format="doccano", force=True))
            results["doccano"].append(time.perf_counter() - started)
            cpu["doccano"].append(time.process_time() - cpu_started)
    # Cold: a copy that was never exported, in fresh processes (spaCy not imported yet).
    cold = []
    for run in range(runs):
        copy = folder / f"cold-{run}.annotator.db"
        for suffix in ("", "-wal", "-shm"):
            source = project_path.with_name(project_path.name + suffix)
            if source.exists():
                shutil.copy(source, copy.with_name(copy.name + suffix))
        code = Path(os.environ.get("BENCH_CODE_ROOT", str(ROOT)))
        out = _python("--export-cold", str(copy), str(folder / "out.jsonl"), root=code)
        wall, cpu_time = out.strip().splitlines()[-1].split()
        cold.append(float(wall))
        cpu["jsonl_cold"].append(float(cpu_time))
    results["jsonl_cold"] = cold
    with open_project(project_path) as project:
        # Warm: the first export tokenised (and, where the code stores tokens, stored them).
        export(project, folder / "out.jsonl", options=ExportOptions(format="jsonl", force=True))
        for _ in range(runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            export(project, folder / "out.jsonl", options=ExportOptions(format="jsonl", force=True))
            results["jsonl_warm"].append(time.perf_counter() - started)
            cpu["jsonl_warm"].append(time.process_time() - cpu_started)
    results["jsonl_bytes"] = (folder / "out.jsonl").stat().st_size
    results["doccano_bytes"] = (folder / "out.doccano.jsonl").stat().st_size
    return results


def export_cold(project_path: str, out: str) -> None:
    from annotator.services.exporting import ExportOptions, export
    from annotator.services.project import open_project

    with open_project(project_path) as project:
        started, cpu_started = time.perf_counter(), time.process_time()
        export(project, out, options=ExportOptions(format="jsonl", force=True))
        print(time.perf_counter() - started, time.process_time() - cpu_started)


# --- cold start ----------------------------------------------------------------------------------------

# Every child stops the clock when its first paint has been handled: the bare window's own,
# the same widgets' text view, and the app's article view once an article is loaded. Each
# watches only that widget: a filter on the whole application runs Python for every event
# of every widget, and the more widgets a window has, the more that costs.
_FIRST_PAINT = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
done = []

def finish():
    print(time.time(), time.process_time(), flush=True)
    app.quit()

class Watch(QObject):
    def eventFilter(self, obj, event):
        if not done and event.type() == QEvent.Type.Paint:
            done.append(1)
            QTimer.singleShot(0, finish)
        return False

watch = Watch()
"""

# The app starts as the `annotator` command does: the CLI first, and PySide6 only when the
# program imports it. The watcher is installed when the window's module has loaded, so it
# imports nothing before the program does. It prints two stamps: the first paint of the reading
# page with the article's text in it, whichever view draws it (a reopened project's preview,
# `ui.quick_start`, or the full article view), and the window fully built (the second step of
# the start done, highlights and lists in place, and the article view painted after it). Then
# it closes the window as a person does, which records the project for the next quick reopening.
STARTUP_APP = r"""
import importlib.abc, importlib.util, sys, time
sys.path.insert(0, sys.argv[1])
import annotator.cli as cli
stamps = []

def watch(module):
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    import annotator.ui.two_step_start as two_step

    def finish(window):
        for wall, cpu in stamps:
            print(wall, cpu, flush=True)
        window.close()
        QApplication.instance().quit()

    class Watch(QObject):
        def __init__(self, window):
            super().__init__(window)
            self.window = window

        def eventFilter(self, obj, event):
            painted = event.type() == QEvent.Type.Paint
            if painted and len(stamps) == 0 and not obj.parent().document().isEmpty():
                stamps.append((time.time(), time.process_time()))
                obj.removeEventFilter(self)
            elif painted and len(stamps) == 1 and self.window.start_finished:
                stamps.append((time.time(), time.process_time()))
                obj.removeEventFilter(self)
                QTimer.singleShot(0, lambda: finish(self.window))
            return False

    build = module.MainWindow.__init__

    def init(self, *args, **kwargs):
        build(self, *args, **kwargs)
        self._bench_watch = Watch(self)
        preview = getattr(self, "_preview", None)
        view = preview.view if preview is not None else self.view
        view.viewport().installEventFilter(self._bench_watch)

    module.MainWindow.__init__ = init
    run_rest = two_step.TwoStepStart.finish

    def finish_start(self):
        built = self.finished
        run_rest(self)
        window = self.parent()
        if not built and hasattr(window, "_bench_watch"):
            window.view.viewport().installEventFilter(window._bench_watch)
            window.view.viewport().update()

    two_step.TwoStepStart.finish = finish_start

class WhenTheWindowLoads(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "annotator.ui.main_window":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            watch(module)

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, WhenTheWindowLoads())
cli.main([sys.argv[2]])
"""

# Qt's own time for what the app's first paint shows, without the app: the same kinds of
# widgets (menu bar, search box, two combo boxes, a list of the 265 titles, a legend line, the
# first article in a read-only text view with highlight formats, the claim list, a status bar).
STARTUP_SAME_WIDGETS = (
    _FIRST_PAINT
    + r"""
import json
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSplitter, QStatusBar, QTreeView,
    QVBoxLayout, QWidget,
)

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
window = QMainWindow()
window.resize(1400, 860)
for title in ("&File", "&Edit", "&Go", "&View", "&Team", "&Suggestions", "&Help"):
    window.menuBar().addMenu(title)
left = QWidget()
column = QVBoxLayout(left)
column.addWidget(QLineEdit())
filters = QHBoxLayout()
filters.addWidget(QComboBox())
filters.addWidget(QComboBox())
column.addLayout(filters)
titles = QStandardItemModel(0, 4)
for row in rows:
    cells = (row["meta"]["title"], "wikinews", "0", "new")
    titles.appendRow([QStandardItem(cell) for cell in cells])
articles = QTreeView()
articles.setModel(titles)
column.addWidget(articles)
centre = QWidget()
reading = QVBoxLayout(centre)
reading.addWidget(QLabel("Factual  Opinion  Questionable   PERSON  ORG  GPE  DATE"))
view = QPlainTextEdit()
view.setReadOnly(True)
view.viewport().installEventFilter(watch)
reading.addWidget(view)
reading.addWidget(QLabel(""))

class Highlights(QSyntaxHighlighter):
    def highlightBlock(self, text):
        entity = QTextCharFormat()
        entity.setForeground(QColor("#005A8C"))
        for start in range(0, len(text), 40):
            self.setFormat(start, 10, entity)

highlights = Highlights(view.document())
view.setPlainText(rows[0]["text"])
right = QWidget()
claims = QVBoxLayout(right)
claims.addWidget(QLabel("Claims (0)"))
claims.addWidget(QTreeView())
splitter = QSplitter()
for part in (left, centre, right):
    splitter.addWidget(part)
splitter.setSizes([300, 740, 320])
window.setCentralWidget(splitter)
bar = QStatusBar()
window.setStatusBar(bar)
bar.addPermanentWidget(QLabel("bench.annotator.db"))
window.show()
app.exec()
"""
)

STARTUP_BARE = (
    _FIRST_PAINT
    + r"""
window = QMainWindow()
window.resize(1200, 800)
window.installEventFilter(watch)
window.show()
app.exec()
"""
)


def _child_env(**extra: str) -> dict[str, str]:
    """The environment of a measured child: as a user's, so Python may cache bytecode."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def startup_once(script: str, args: list[str], env: dict[str, str]) -> list[tuple[float, float]]:
    """(seconds of wall time, seconds of CPU time of the child) from its start to each stamp it
    prints: its first paint, and for the app the window fully built."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(f"start-up child failed ({out.returncode}): {out.stderr[-2000:]}")
    stamps = [line.split() for line in out.stdout.strip().splitlines()]
    return [(float(stamp) - started, float(cpu)) for stamp, cpu in stamps]


class Xvfb:
    """A private X server for the real xcb platform (the window never shows on a screen here)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.display = ""

    def __enter__(self) -> str | None:
        if shutil.which("Xvfb") is None:
            return None
        for number in range(90, 200):
            if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
                break
        self.display = f":{number}"
        self.process = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return self.display
            time.sleep(0.05)
        return None

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=10)


FIRST_OPEN = "now, first open"
"""The current code on a project it never closed: no record to reopen from (`last-closed.json`
removed before every run; what the window's last close recorded of itself stays)."""
FIRST_OPENS = {FIRST_OPEN: "now", "before, first open": "before"}
"""Each code's first open, measured in the same run, beside the code it runs."""


def startup(
    roots: dict[str, Path], projects: dict[str, Path], home: Path, runs: int
) -> dict[str, dict[str, list[list[tuple[float, float]]]]]:
    """(wall, CPU) seconds from process start to first paint (and, for the app, to the window fully
    built): the bare window, the same widgets and each code's window, interleaved.

    Each code's window runs in its own home on its own copy of the project, as one person would:
    opened and closed once before the timed runs (the current code then reopens it from the
    record of that clean close, `services.last_closed`), then started and closed in every run.
    `FIRST_OPENS` are each code with that record removed before every run.
    """
    apps = dict(roots)
    for name, code in FIRST_OPENS.items():
        if code in roots:
            apps[name] = roots[code]
            slug = re.sub(r"\W+", "-", name)
            copy = projects[code].with_name(f"startup-{slug}.annotator.db")
            projects = {**projects, name: copy}
            shutil.copyfile(projects[code], copy)
    homes = {name: home / re.sub(r"\W+", "-", name) for name in apps}
    results: dict[str, dict[str, list[list[tuple[float, float]]]]] = {}
    with Xvfb() as display:
        platforms = {"offscreen": {"QT_QPA_PLATFORM": "offscreen"}}
        if display:
            platforms["xcb"] = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        for platform, extra in platforms.items():
            envs = {}
            for name, folder in homes.items():
                shutil.rmtree(folder, ignore_errors=True)
                (folder / "config").mkdir(parents=True)
                (folder / "config" / "settings.json").write_text(json.dumps({"annotator": "bench"}), "utf-8")
                envs[name] = _child_env(**extra, ANNOTATOR_HOME=str(folder))
            env = _child_env(**extra, ANNOTATOR_HOME=str(home))
            times: dict[str, list[list[tuple[float, float]]]] = {"bare": [], "same widgets": []}
            times |= {name: [] for name in apps}
            startup_once(STARTUP_BARE, [], env)  # warm the file cache; not counted
            for name, root in apps.items():  # open and close once, as a person did before
                startup_once(STARTUP_APP, [str(root), str(projects[name])], envs[name])
            for _ in range(runs):
                times["bare"].append(startup_once(STARTUP_BARE, [], env))
                times["same widgets"].append(startup_once(STARTUP_SAME_WIDGETS, [str(DATA)], env))
                for name, root in apps.items():
                    if name in FIRST_OPENS:
                        (homes[name] / "config" / "last-closed.json").unlink(missing_ok=True)
                    times[name].append(
                        startup_once(STARTUP_APP, [str(root), str(projects[name])], envs[name])
                    )
            results[platform] = times
    return results


# --- memory --------------------------------------------------------------------------------------------

MEMORY_APP = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from annotator.core.settings import Settings
from annotator.ui.main_window import MainWindow
window = MainWindow(Settings(annotator="bench"))
window.auto_preannotate = False  # started below, once the window's own figure is taken
window.show()
window.open_project(Path(sys.argv[2]))
state = {"started": False, "idle_since": None}

def rss():
    for line in open(f"/proc/{os.getpid()}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

def workers():
    # Worker processes (multiprocessing's resource tracker stays for the session: not a worker).
    pids = []
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        pids += open(f"/proc/{os.getpid()}/task/{task}/children").read().split()
    found = []
    for pid in pids:
        try:
            if b"resource_tracker" not in open(f"/proc/{pid}/cmdline", "rb").read():
                found.append(pid)
        except OSError:
            pass
    return found

def tick():
    if not state["started"]:
        state["started"] = True
        print("window", rss(), flush=True)
        transfers = getattr(window, "transfers", None)  # the window's parts, or older code's window
        transfers.preannotate(None) if transfers is not None else window.preannotate_all()
        return
    if window.busy or workers():
        state["idle_since"] = None
        return
    if state["idle_since"] is None:
        state["idle_since"] = time.monotonic()
        print("done", flush=True)
    elif time.monotonic() - state["idle_since"] > 2.0:
        print("idle", rss(), flush=True)
        print("workers", len(workers()), flush=True)
        names = ("spacy", "thinc", "numpy", "pandas", "sqlite_utils", "torch")
        heavy = sorted(m for m in names if m in sys.modules)
        print("heavy", ",".join(heavy) or "-", flush=True)
        timer.stop()
        window.close()
        app.quit()

timer = QTimer()
timer.timeout.connect(tick)
timer.start(50)
app.exec()
"""


def _tree_rss_mib(pid: int) -> float:
    total = 0.0
    stack = [str(pid)]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
            for task in os.listdir(f"/proc/{current}/task"):
                stack += Path(f"/proc/{current}/task/{task}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def memory(root: Path, project: Path, home: Path) -> dict[str, Any]:
    """RSS of the window, the peak of window + worker while pre-annotating, the window idle after."""
    env = _child_env(QT_QPA_PLATFORM="offscreen", ANNOTATOR_HOME=str(home))
    log = home.parent / f"{home.name}.out"
    home.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", MEMORY_APP, str(root), str(project)],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        peak = 0.0
        started = time.monotonic()
        while process.poll() is None:
            peak = max(peak, _tree_rss_mib(process.pid))
            if time.monotonic() - started > 900:
                process.kill()
                raise RuntimeError("memory run took over 15 minutes")
            time.sleep(0.05)
    if process.returncode != 0:
        raise RuntimeError(f"memory child failed: {process.stderr.read()[-2000:] if process.stderr else ''}")
    lines = log.read_text().splitlines()
    values = {line.split()[0]: line.split()[1] for line in lines if len(line.split()) == 2}
    return {
        "window": float(values["window"]),
        "peak": peak,
        "idle": float(values["idle"]),
        "seconds": time.monotonic() - started,
        "heavy": values.get("heavy", "?"),
        "workers": values.get("workers", "?"),
    }


# --- driver ---------------------------------------------------------------------------------------------


def _python(*args: str, root: Path = ROOT) -> str:
    env = {**os.environ, "BENCH_CODE_ROOT": str(root)}
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=1800,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return out.stdout


def checkout(revision: str, folder: Path) -> Path | None:
    """The `annotator` package as it was at `revision`, unpacked into `folder`; None without git."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "annotator", "resources"],
        cwd=ROOT,
        capture_output=True,
    )
    if archive.returncode != 0:
        return None
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def med(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def best_peer(key: str) -> tuple[str, float] | None:
    known = [(name, value) for name, value in PEERS[key].items() if value is not None]
    return min(known, key=lambda item: item[1]) if known else None


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 0.1 else f"{seconds:.3f} s"


def report(now: dict[str, Any], before: dict[str, Any] | None, revision: str) -> list[str]:
    rows = [
        ("import 265 articles, no NLP", "import", med(now["import"]), before and med(before["import"])),
        ("1,000 labels, median", "labels", med(now["labels"]), before and med(before["labels"])),
        ("1,000 labels, p95", "labels_p95", p95(now["labels"]), before and p95(before["labels"])),
        ("export doccano JSONL", "doccano", med(now["doccano"]), before and med(before["doccano"])),
        (
            "export Prodigy JSONL + tokens, warm",
            "jsonl",
            med(now["jsonl_warm"]),
            before and med(before["jsonl_warm"]),
        ),
        (
            "export Prodigy JSONL + tokens, cold",
            "jsonl",
            med(now["jsonl_cold"]),
            before and med(before["jsonl_cold"]),
        ),
    ]
    lines = [
        f"{'workload':38} {'best peer':>22} {'annotator':>10} {'peer/ours':>9}  "
        f"{'before (' + revision + ')':>18} {'before/now':>10}",
    ]
    for label, key, value, old in rows:
        peer = best_peer(key)
        peer_text = f"{peer[0]} {fmt_s(peer[1])}" if peer else "-"
        ratio = f"{peer[1] / value:8.1f}x" if peer else f"{'-':>9}"
        old_text = f"{fmt_s(old):>18} {old / value:9.1f}x" if old else ""
        lines.append(f"{label:38} {peer_text:>22} {fmt_s(value):>10} {ratio}  {old_text}")
    lines.append(
        f"(runs: import {', '.join(fmt_s(t) for t in now['import'])}; doccano "
        f"{', '.join(fmt_s(t) for t in now['doccano'])}; jsonl warm "
        f"{', '.join(fmt_s(t) for t in now['jsonl_warm'])}; jsonl cold "
        f"{', '.join(fmt_s(t) for t in now['jsonl_cold'])}; "
        f"outputs {now['jsonl_bytes'] / 1e6:.1f} MB jsonl, {now['doccano_bytes'] / 1e6:.1f} MB doccano)"
    )
    # Wall time on a shared machine includes waiting for the CPU and for fsync; CPU time does not.
    cpu_line = "CPU time of this process (median): " + ", ".join(
        f"{key} {fmt_s(med(now['cpu'][key]))}"
        + (f" (before {fmt_s(med(before['cpu'][key]))})" if before and before["cpu"].get(key) else "")
        for key in ("import", "doccano", "jsonl_warm", "jsonl_cold")
    )
    lines.append(cpu_line)
    return lines


def startup_report(
    times: dict[str, dict[str, list[list[tuple[float, float]]]]], peer: tuple[str, float]
) -> list[str]:
    """Medians and ratios to the bare window: to the first article drawn, then to the window built."""
    lines = []
    for platform, measured in times.items():
        apps = [name for name in measured if name not in ("bare", "same widgets")]
        for stage, title in ((0, "first article drawn"), (1, "window fully built")):
            series = measured if stage == 0 else {name: measured[name] for name in apps}
            wall = {k: [run[min(stage, len(run) - 1)][0] for run in v] for k, v in series.items()}
            cpu = {k: [run[min(stage, len(run) - 1)][1] for run in v] for k, v in series.items()}
            bare = med([run[0][0] for run in measured["bare"]])
            base_cpu = med([run[0][1] for run in measured["bare"]])
            line = f"cold start to {title}, {platform}: bare PySide6 window {fmt_s(bare)}"
            if stage == 0:
                same = med(wall["same widgets"])
                line += f"; PySide6 window of the same widgets {fmt_s(same)} ({same / bare:.2f}x bare)"
            for name in apps:
                label = f"{name} (reopened)" if name == "now" else name
                line += f"; {label} {fmt_s(med(wall[name]))} ({med(wall[name]) / bare:.2f}x bare)"
            if stage == 0:
                line += f"; best peer {peer[0]} {fmt_s(peer[1])} to its login page"
            lines.append(line)
            lines.append(
                "  runs: " + "; ".join(f"{k} {', '.join(fmt_s(t) for t in v)}" for k, v in wall.items())
            )
            # Each child's CPU time to that point: less moved by the shared machine's load.
            others = [
                f"{k} {fmt_s(med(v))} ({med(v) / base_cpu:.2f}x)" for k, v in cpu.items() if k != "bare"
            ]
            lines.append(f"  CPU (median): bare {fmt_s(base_cpu)}; " + "; ".join(others))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", default=BASELINE, help="git revision measured as 'before'")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--only", default="workload,startup,memory")
    parser.add_argument("--memory-articles", type=int, default=265)
    parser.add_argument("--workload", nargs=2, metavar=("FOLDER", "RUNS"), help=argparse.SUPPRESS)
    parser.add_argument("--export-cold", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--make-project", nargs=4, metavar=("PATH", "LABELS", "LIMIT", "ANALYSE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.workload:
        import annotator

        results = workload(Path(args.workload[0]), int(args.workload[1]))
        results["code"] = str(Path(annotator.__file__).parent)
        print(json.dumps(results))
        return
    if args.make_project:
        path, labels, limit, analyse = args.make_project
        _make_project(Path(path), labels=labels == "1", limit=int(limit) or None, analyse=analyse == "1")
        return
    if args.export_cold:
        export_cold(*args.export_cold)
        return
    if not DATA.exists():
        sys.exit(f"{DATA} is missing: copy wikinews-articles.jsonl from the shared samples there")
    only = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="bench-peers-"))
    os.environ["ANNOTATOR_HOME"] = str(work / "home")
    roots: dict[str, Path] = {"now": ROOT}
    if not args.no_baseline:
        old = checkout(args.baseline, work / "baseline")
        if old is None:
            print(f"baseline {args.baseline}: cannot read it from git; measuring the current code only")
        else:
            roots["before"] = old
    load = os.getloadavg()
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 cores, shared machine)")
    try:
        results: dict[str, dict[str, Any]] = {}
        if "workload" in only:
            for name, root in roots.items():
                folder = work / f"workload-{name}"
                folder.mkdir()
                results[name] = json.loads(_python("--workload", str(folder), str(args.runs), root=root))
                print(f"{name}: code from {results[name]['code']}")
            for line in report(results["now"], results.get("before"), args.baseline):
                print(line)
        if "startup" in only:
            projects = {}
            for name, root in roots.items():
                projects[name] = work / f"startup-{name}.annotator.db"
                _python("--make-project", str(projects[name]), "1", "0", "1", root=root)
            times = startup(roots, projects, work / "startup-home", args.runs)
            peer = best_peer("startup")
            assert peer is not None
            for line in startup_report(times, peer):
                print(line)
        if "memory" in only:
            for name, root in roots.items():
                project = work / f"memory-{name}.annotator.db"
                _python("--make-project", str(project), "0", str(args.memory_articles), "0", root=root)
                found = memory(root, project, work / f"memory-home-{name}")
                print(
                    f"memory ({name}, {args.memory_articles} articles pre-annotated in the window): window "
                    f"{found['window']:.0f} MiB after opening; peak of window + worker "
                    f"{found['peak']:.0f} MiB; window idle, worker gone {found['idle']:.0f} MiB "
                    f"(RSS; {found['seconds']:.0f} s; worker processes left: {found['workers']}; "
                    f"heavy modules in the window: {found['heavy']})"
                )
            print(f"  peers: {MEMORY_PEERS}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _make_project(
    path: Path, *, labels: bool = False, limit: int | None = None, analyse: bool = False
) -> None:
    """A project of the workload's articles (all, or the first `limit`), made by the code measured.

    With `analyse`, every article gets highlights as pre-annotation would leave them (sentences
    as candidates, capitalised runs as entities, double quotes as quotations; made by regular
    expressions, not spaCy), so the window draws a full article and starts no worker.
    """
    import annotator.services.project as project_module
    from annotator.core.model import Analysis, ArticleDraft, ClaimCandidate, Entity, PipelineInfo, Quote
    from annotator.services.project import open_project

    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    with open_project(path) as project:
        ids = project.import_drafts(
            ArticleDraft(text=row["text"], title=row["meta"]["title"], meta=row["meta"]) for row in rows
        ).added
        texts = [project.article(i).text for i in ids]
        if analyse:
            kinds = ("PERSON", "GPE", "ORG", "DATE")
            # Analyses are the store's to save (`store_of`); older code's Project was the store.
            store = getattr(project_module, "store_of", lambda p: p)(project)
            store.save_analyses(
                (
                    i,
                    Analysis(
                        PipelineInfo("bench", "1"),
                        tuple(
                            Entity(m.start(), m.end(), kinds[n % 4]) for n, m in enumerate(_NAME.finditer(t))
                        ),
                        tuple(Quote(m.start(), m.end()) for m in _QUOTE.finditer(t)),
                        tuple(ClaimCandidate(m.start(), m.end(), 0.5) for m in _SENTENCE.finditer(t)),
                    ),
                )
                for i, t in zip(ids, texts, strict=True)
            )
        if labels:
            for index, start, end in sentence_spans(texts, 100):
                project.add_claim(ids[index], start, end, "factual", annotator="bench")


if __name__ == "__main__":
    # The code measured: this checkout, or the baseline's copy when the driver says so.
    sys.path.insert(0, os.environ.get("BENCH_CODE_ROOT", str(ROOT)))
    main()
