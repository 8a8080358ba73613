"""annotator: offline labelling of claims in news articles.

The scripting API is re-exported here so that ``from annotator import open_project``
works without knowing the package layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "open_project"]

if TYPE_CHECKING:
    from annotator.services.project import Project


def open_project(path: Any, **options: Any) -> Project:
    """Open (or create) a project file; imported lazily so `import annotator` stays cheap."""
    from annotator.services.project import open_project as _open

    return _open(path, **options)
