"""Training killed while it saves: the old model stays current with its own suggestions, and the
next training succeeds.

Random kills (`benchmarks/crash_campaign.py --action train`) seldom land in the save, a few
milliseconds at the end of the run, so these stop a child exactly there: after the new model's
row is written and before its suggestions are, and after both, before the commit.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.services.project import open_project, store_of
from annotator.services.suggestions import model_problem, train_claim_model
from annotator.store.suggestions import latest_model, models, suggestions
from tests.data.subjectivity import newssd

_STOPPED_IN_THE_SAVE = """
import os, sys
from pathlib import Path
from annotator.services import suggestions as suggesting
from annotator.services.project import open_project

project, moment = Path(sys.argv[1]), sys.argv[2]
real_replace = suggesting.replace_suggestions

def replace_suggestions(*args, **kwargs):
    # Dies as a kill would leave it, inside the save: before or after the suggestions are written.
    if moment == "after":
        real_replace(*args, **kwargs)
    os._exit(9)

suggesting.replace_suggestions = replace_suggestions
with open_project(project, create=False) as opened:
    suggesting.train_claim_model(opened)
"""


pytestmark = pytest.mark.slow  # seconds each, processes and waits: out of the everyday run (CI's time)


@pytest.mark.parametrize("moment", ["before", "after"])
def test_training_stopped_while_it_saves_keeps_the_old_model_and_its_suggestions(
    tmp_path: Path, moment: str
) -> None:
    path = newssd.make_project(tmp_path / "p.annotator.db")
    with open_project(path, create=False) as project:
        first = train_claim_model(project)
        before = suggestions(store_of(project))
    assert before, "no suggestion to keep: the test proves nothing"
    stopped = subprocess.run(
        [sys.executable, "-c", _STOPPED_IN_THE_SAVE, str(path), moment],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert stopped.returncode == 9, stopped.stderr
    with open_project(path, create=False) as project:
        assert project.integrity_check() == "ok"
        store = store_of(project)
        assert [m.id for m in models(store)] == [first.model.id]
        current = latest_model(store)
        assert current is not None and current.id == first.model.id
        assert model_problem(project) is None
        assert suggestions(store) == before
        again = train_claim_model(project)
        assert again.model.id != first.model.id
        assert {s.model_id for s in suggestions(store)} == {again.model.id}
        assert again.suggestions == len(before)
