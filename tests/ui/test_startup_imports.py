"""The start-up import budget: what `annotator PROJECT` has imported when the first article is drawn.

The window must appear as fast as Qt allows, so nothing it does not draw may load before
its first paint: spaCy, trafilatura, charset-normalizer, sqlite-utils (which pulls in
numpy and pandas), multiprocessing (the workers), and the team and suggestion features
(merge, agreement, review, dashboard, statistics). They load when first used, or right
after the first paint (suggestions, team menu and guidelines, file transfers). This test
fails when any of them is imported by then; it checks modules, never time
(`benchmarks/bench_peers.py` measures the time, and `python -X importtime` says who imports what).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ui.conftest import make_project, wikinews_texts

ROOT = Path(__file__).resolve().parents[2]

# Starts the program the way the `annotator` command does and stops at the first paint of the
# article view with an article in it, printing the heavy modules loaded by then.
CHILD = r"""
import json, sys
import annotator.cli as cli
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
heavy = json.loads(sys.argv[2])
painted = []

def finish():
    found = sorted(m for m in sys.modules if m in heavy or m.split(".")[0] in heavy)
    print(json.dumps(found), flush=True)
    app.quit()

class FirstArticlePaint(QObject):
    def eventFilter(self, obj, event):
        if not painted and event.type() == QEvent.Type.Paint:
            parent = obj.parent()
            if type(parent).__name__ == "ArticleView" and getattr(parent.window(), "article", None):
                painted.append(True)
                QTimer.singleShot(0, finish)
        return False

watch = FirstArticlePaint()
app.installEventFilter(watch)
sys.exit(cli.main([sys.argv[1]]))
"""

NOT_BEFORE_FIRST_PAINT = [
    "spacy",
    "thinc",
    "numpy",
    "pandas",
    "sqlite_utils",
    "trafilatura",
    "lxml",
    "charset_normalizer",
    "sklearn",
    "multiprocessing",
    "logging.handlers",  # socket, pickle, queue: loaded with the log file's first record
    "annotator.nlp",
    "annotator.formats",
    "annotator.services.importing",
    "annotator.services.exporting",
    "annotator.services.preannotate",
    "annotator.services.merging",
    "annotator.services.agreement",
    "annotator.services.adjudication",
    "annotator.services.statistics",
    "annotator.store.merge",
    "annotator.core.agreement",
    "annotator.ui.dashboard",
    "annotator.ui.charts",
    "annotator.ui.review",
    "annotator.ui.dialogs",
    # Built right after the first paint (MainWindow.finish_start), or when first used.
    "annotator.ui.suggestions",
    "annotator.ui.team_menu",
    "annotator.ui.guidelines",
    "annotator.ui.transfers",
    "annotator.ui.services_bridge",
    "annotator.ui.subprocess_work",
    "annotator.services.suggestions",
    "annotator.services.guidelines",
    "annotator.store.suggestions",
    "annotator.core.evaluation",
    # Names only at start-up: an import, the statistics and a review decision build them.
    "annotator.core.reports",
    "annotator.core.suggestions",
]


def test_nothing_heavy_is_imported_before_the_first_article_is_drawn(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.annotator.db", wikinews_texts())
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps({"annotator": "tester"}), "utf-8")
    env = {**os.environ, "ANNOTATOR_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(project), json.dumps(NOT_BEFORE_FIRST_PAINT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == [], f"imported before the first paint: {loaded} (see python -X importtime)"


def test_a_preannotation_report_reaches_the_window_without_spacy() -> None:
    # The worker's report is unpickled in the window; that imported spaCy (and numpy) into it,
    # 95 MiB the window then kept for the session.
    import pickle

    from annotator.core.model import PipelineInfo
    from annotator.services.preannotate import PreannotateReport

    payload = pickle.dumps(PreannotateReport(PipelineInfo("en_core_web_sm", "3.8.0"), analysed=2))
    child = (
        "import pickle, sys; report = pickle.loads(sys.stdin.buffer.read()); "
        "print(report.analysed, sorted(m for m in ('spacy', 'thinc', 'numpy') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run(
        [sys.executable, "-c", child], input=payload, capture_output=True, env=env, timeout=60
    )
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    assert out.stdout.decode().split() == ["2", "[]"]
