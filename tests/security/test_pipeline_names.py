"""Item 5: the project file does not choose what code spaCy loads.

The `nlp_pipeline` setting went straight to `spacy.load`, which imports the installed package
of that name: a project someone else made could run any installed package.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import open_project
from annotator.nlp import KNOWN_PIPELINES, choose_pipeline_folder, load_pipeline
from annotator.nlp.pipeline import FALLBACK_NAME, clear_cache
from annotator.services.preannotate import PIPELINE_META_KEY, preannotate
from annotator.services.project import store_of
from tests.security.conftest import TEXT


@pytest.fixture
def planted_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    """An installed package (with dist-info, as pip leaves it) that leaves a mark when imported."""
    site = tmp_path / "site"
    marker = tmp_path / "it-ran"
    name = "planted_pipeline_pkg"
    (site / name).mkdir(parents=True)
    (site / name / "__init__.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('imported')\n", encoding="utf-8"
    )
    dist = site / f"{name}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (dist / "RECORD").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    clear_cache()
    yield name, marker
    clear_cache()


def test_a_project_cannot_make_spacy_import_a_package(
    planted_package: tuple[str, Path], tmp_path: Path
) -> None:
    name, marker = planted_package
    with open_project(tmp_path / "p.db") as project:
        project.import_texts([TEXT])
        store_of(project).set_meta(PIPELINE_META_KEY, name)
        report = preannotate(project)
    assert not marker.exists(), "the package named by the project was imported"
    assert report.pipeline.name == FALLBACK_NAME
    assert report.warning is not None and name in report.warning and "not a known" in report.warning


def test_known_names_and_chosen_folders_are_allowed(tmp_path: Path) -> None:
    assert "en_core_web_sm" in KNOWN_PIPELINES
    folder = tmp_path / "my-pipeline"
    folder.mkdir()
    clear_cache()
    try:
        refused = load_pipeline(str(folder))
        assert refused.warning is not None and "not a known" in refused.warning
        clear_cache()
        choose_pipeline_folder(folder)  # the user picked it in this session: spaCy may try it
        tried = load_pipeline(str(folder))
        assert tried.warning is not None and "not a known" not in tried.warning  # empty folder: no model
    finally:
        clear_cache()
