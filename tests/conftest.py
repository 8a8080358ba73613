"""Test settings shared by every test: headless Qt, isolated user directories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point config, data and log dirs at a temp folder so tests never touch the real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_HOME", str(home))


@pytest.fixture
def data_dir() -> Path:
    return DATA
