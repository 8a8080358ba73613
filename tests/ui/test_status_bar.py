"""The status bar's lasting labels leave room for the passing messages on a laptop screen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from annotator.core.model import PipelineInfo
from annotator.ui.status_bar import StatusBar


def test_the_model_label_keeps_the_rules_hash_for_its_tooltip(qtbot: QtBot) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.show_model(PipelineInfo("en_core_web_sm", "3.8.0+rules.3f80f13009c0"))
    assert bar.model_label.text() == "model: en_core_web_sm 3.8.0"
    assert "3.8.0+rules.3f80f13009c0" in bar.model_label.toolTip()
    bar.show_model(None)
    assert bar.model_label.text() == "not pre-annotated"
    assert bar.model_label.toolTip() == ""  # not the previous article's model


def test_a_warning_about_the_model_keeps_its_tooltip(qtbot: QtBot) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.model_label.setToolTip("No trained English model is installed; rule-based fallback")
    bar.show_model(PipelineInfo("rules", "3.8.0+rules.3f80f13009c0"))
    assert bar.model_label.toolTip().startswith("No trained English model")
