"""A project chooses its spaCy pipeline (File > Pre-annotation Model…, `annotate --pipeline`):
only a pipeline this machine has, named with what to install when it has none; the default is
stored as no setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import UserError
from annotator.nlp import packages
from annotator.services.preannotate import (
    PIPELINE_META_KEY,
    choose_pipeline,
    chosen_pipeline,
    pipeline_choices,
)
from annotator.services.project import Project, open_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with open_project(tmp_path / "p.annotator") as opened:
        yield opened  # type: ignore[misc]


def medium_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A copy of the medium pipeline on the path (an empty package: only found, never loaded)."""
    package = tmp_path / "site" / "medium_pipeline_copy"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setitem(
        packages.PIPELINE_COPIES, "en_core_web_md", ("no_such_official_md", "medium_pipeline_copy")
    )


def medium_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        packages.PIPELINE_COPIES, "en_core_web_md", ("no_such_official_md", "no_such_md_copy")
    )


def test_a_pipeline_this_machine_lacks_is_refused_with_what_to_install(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    medium_missing(monkeypatch)
    small, medium = pipeline_choices()
    assert small.name == "en_core_web_sm" and small.package in packages.PIPELINE_COPIES["en_core_web_sm"]
    assert medium.name == "en_core_web_md" and medium.package is None
    refused = r"en_core_web_md is not installed .*-m spacy download en_core_web_md"
    with pytest.raises(UserError, match=refused):
        choose_pipeline(project, "en_core_web_md")
    with pytest.raises(UserError, match="unknown pipeline 'en_core_web_lg'"):
        choose_pipeline(project, "en_core_web_lg")
    assert project.get_meta(PIPELINE_META_KEY) is None  # nothing written
    assert chosen_pipeline(project) == "en_core_web_sm"


def test_choosing_is_saved_and_the_default_is_stored_as_no_setting(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    medium_installed(monkeypatch, tmp_path)
    assert pipeline_choices()[1].package == "medium_pipeline_copy"
    assert choose_pipeline(project, "en_core_web_md").title == "Medium English pipeline"
    with open_project(project.path, create=False) as again:  # committed, seen by another connection
        assert chosen_pipeline(again) == "en_core_web_md"
    choose_pipeline(project, "en_core_web_sm")
    assert project.get_meta(PIPELINE_META_KEY) == ""
    assert chosen_pipeline(project) == "en_core_web_sm"


def test_the_standalone_app_says_pip_cannot_add_a_pipeline_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    medium_missing(monkeypatch)
    monkeypatch.setattr("sys.frozen", True, raising=False)  # as PyInstaller's bootloader sets it
    medium = pipeline_choices()[1]
    assert medium.package is None and "pip install" not in medium.install
    assert medium.install.startswith("the standalone app carries the small pipeline only")
