"""The bundle is built from the app's own dependencies.

`build-bundle.sh` installs `packaging/requirements-build.txt` with `--no-deps`: exactly the
pinned set, nothing that pip would otherwise pull in. A runtime dependency of `pyproject.toml`
missing from the pins is then missing from the installed app, and nothing fails until a user
reaches the code that imports it (lxml_html_clean was: every HTML import of the .deb failed).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PINS = ROOT / "packaging" / "requirements-build.txt"
INPUTS = ROOT / "packaging" / "requirements-build.in"


def _runtime_dependencies() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(line) for line in project["dependencies"]]


def _pins(path: Path) -> dict[str, str]:
    """name -> version of every `name==version` line (hash and comment lines ignored)."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\\;]+)", line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


@pytest.mark.parametrize("requirement", _runtime_dependencies(), ids=str)
def test_every_runtime_dependency_is_pinned_for_the_bundle(requirement: Requirement) -> None:
    name = canonicalize_name(requirement.name)
    pins = _pins(PINS)
    assert name in pins, f"{requirement.name} (pyproject.toml) is not in {PINS.name}: add it to {INPUTS.name}"
    assert requirement.specifier.contains(pins[name], prereleases=True), (
        f"{PINS.name} pins {requirement.name}=={pins[name]}, outside pyproject.toml's {requirement}"
    )


@pytest.mark.parametrize("requirement", _runtime_dependencies(), ids=str)
def test_every_runtime_dependency_is_named_in_the_inputs(requirement: Requirement) -> None:
    # Named, not left to come as someone's dependency: the next pip-compile keeps it either way.
    assert canonicalize_name(requirement.name) in _pins(INPUTS), f"{requirement.name} is not in {INPUTS.name}"
