"""Code points <-> Qt's UTF-16 positions, for the widgets.

The conversion itself is Qt-free and lives in `annotator.core.offsets`, which the doccano
reader and writer use too (doccano counts UTF-16 code units, as Qt does); widgets import it
from here, on the way in and on the way out.
"""

from __future__ import annotations

from annotator.core.offsets import OffsetMap, utf16_length

__all__ = ["OffsetMap", "utf16_length"]
