"""Labels and formats are declared once; the window's keys, dialogs and colours follow them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.formats import READERS, WRITERS
from annotator.ui.main_window import MainWindow
from annotator.ui.palette import LABEL_COLOURS


def test_the_import_dialog_offers_every_format_an_import_reads(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def fake_dialog(_parent: object, _title: str, _start: str, filters: str) -> tuple[list[str], str]:
        asked.append(filters)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake_dialog)
    window.import_action.trigger()
    first = asked[0].split(";;")[0]
    for extension in READERS:
        assert f"*{extension}" in first.split("(")[1], extension
    for extension in (".markdown", ".ndjson", ".tsv"):  # once missing from a hand-kept list
        assert f"*{extension}" in first


def test_the_export_dialog_offers_every_single_file_writer(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[str] = []

    def fake_dialog(_parent: object, _title: str, _start: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    window.export_action.trigger()
    offered = asked[0].split(";;")
    assert len(offered) == sum(1 for w in WRITERS.values() if w.single_file)
    assert all(any(w.description in f for f in offered) for w in WRITERS.values() if w.single_file)


def test_every_label_has_its_own_key_and_colour() -> None:
    assert len({label.key for label in ClaimLabel}) == len(ClaimLabel)
    assert len({label.colour for label in ClaimLabel}) == len(ClaimLabel)
    assert {label: label.colour for label in ClaimLabel} == LABEL_COLOURS
    assert all(ClaimLabel.for_key(label.key) is label for label in ClaimLabel)


def test_the_cli_offers_every_export_format() -> None:
    from annotator.cli import build_parser

    parser = build_parser()
    export = next(a for a in parser._subparsers._actions if a.dest == "command").choices["export"]  # type: ignore[union-attr]
    (fmt,) = [a for a in export._actions if a.dest == "fmt"]
    assert tuple(fmt.choices) == tuple(WRITERS)
