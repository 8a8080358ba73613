"""A Prodigy export of a project never tokenised does not import spaCy (0.45 s and 60 MB).

Its tokens come from the export tokenizer, a port of spaCy's (tests/nlp/test_tokenizer.py holds
it to spaCy's tokens); they are stored, so the next export reads them. Run in a fresh process,
since the test session has spaCy loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.nlp.tokenizer import tokenize, tokenizer_name
from annotator.services.project import open_project

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "formats" / "wikinews-20.jsonl"

CHILD = r"""
import json, sys
from annotator.services.exporting import ExportOptions, export
from annotator.services.importing import import_paths
from annotator.services.project import open_project

project_path, articles, out = sys.argv[1:4]
with open_project(project_path) as project:
    import_paths(project, [articles])
    export(project, out, options=ExportOptions(format="jsonl"))
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"spacy", "thinc"})))
"""


def test_prodigy_export_of_a_project_never_tokenised_imports_no_spacy(tmp_path: Path) -> None:
    project, out = tmp_path / "p.annotator", tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(project), str(ARTICLES), str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "ANNOTATOR_HOME": str(tmp_path / "home")},
        check=True,
    )
    assert json.loads(done.stdout.splitlines()[-1]) == []
    tasks = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(tasks) == 20
    for task in tasks:  # the tokens spaCy's blank English makes (tests/nlp/test_tokenizer.py)
        expected = tokenize(task["text"])
        assert [t["text"] for t in task["tokens"]] == expected.words()
        assert [t["ws"] for t in task["tokens"]] == [bool(s) for s in expected.spaced]
    with open_project(project) as opened:
        stored = [a.tokens for a in opened.iter_annotated(tokenizer=tokenizer_name())]
    assert all(stored) and len(stored) == 20
