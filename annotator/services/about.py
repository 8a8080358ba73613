"""What Help ▸ About says: versions and where this app keeps its files.

A person asked for a bug report needs the version, the spaCy pipeline and the log file in one
place they can copy; none of this imports spaCy, so the dialog opens at once.
"""

from __future__ import annotations

import importlib.metadata
import platform
import sys

from annotator import __version__
from annotator.nlp.packages import DEFAULT_PIPELINES, installed_package
from annotator.services import paths

LICENCES = (
    "annotator is MIT licensed. It uses Qt and PySide6 (LGPL-3.0), spaCy and the English "
    "pipeline en_core_web_sm (MIT, Explosion AI), place names from GeoNames (CC BY 4.0); the "
    "sample articles are from Wikinews (CC BY 2.5). THIRD-PARTY-NOTICES.md lists them all."
)


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def pipeline_line() -> str:
    """The English pipeline pre-annotation loads by default, and which copy of it is here."""
    name = DEFAULT_PIPELINES[0]
    package = installed_package(name)
    if package is None:
        return f"{name}: not installed (rule-based fallback)"
    copy = "" if package == name else f" (as {package})"
    return f"{name}{copy}"


def log_file_line() -> str:
    """The log file's path, and why nothing is written to it when it could not be.

    The bare path, copied into a bug report from a session whose log folder was a file or
    read-only, sent whoever read the report to a file that holds nothing of it.
    """
    from annotator.services.logs import NOT_STARTED, log_status

    status = log_status()
    if status.path is None and status.problem != NOT_STARTED:
        return f"{paths.log_file()} (nothing written: {status.problem})"
    return str(paths.log_file())


def details() -> list[tuple[str, str]]:
    """(what, value) rows: the versions, then the folders and files a bug report asks for."""
    frozen = " (standalone app)" if getattr(sys, "frozen", False) else ""
    return [
        ("annotator", f"{__version__}{frozen}"),
        ("Python", f"{platform.python_version()} on {platform.platform(terse=True)}"),
        ("spaCy", _version("spacy")),
        ("English pipeline (default)", pipeline_line()),
        ("Settings", str(paths.settings_file())),
        ("Log file", log_file_line()),
        ("Data folder", str(paths.data_dir())),
    ]
