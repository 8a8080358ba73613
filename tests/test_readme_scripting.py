"""The README's Scripting example, run exactly as a reader would paste it.

It asked for a claim one character past the end of its own sentence (0..41 of 40 characters),
so the first thing a person tried from Python stopped with a SpanError traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _scripting_example() -> str:
    section = README.read_text("utf-8").split("## Scripting", 1)[1]
    return section.split("```python", 1)[1].split("```", 1)[0]


def test_the_scripting_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # it opens "news.db" in the current folder
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(_scripting_example(), str(README), "exec"), {"__name__": "__readme__"})
    lines = printed.getvalue().splitlines()
    # One article with its one claim, then that claim relabelled as the example asks.
    assert lines[0].startswith("1 ") and lines[0].endswith(" in_progress 1")
    assert "label=<ClaimLabel.QUESTIONABLE: 'questionable'>" in lines[1] and "note='check CPI'" in lines[1]
    assert os.path.isfile(tmp_path / "news.db")
