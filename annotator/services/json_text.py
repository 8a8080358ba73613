"""JSON for the app's own small files, whatever bytes a file name holds.

Kept apart from `services.settings`, whose Settings model the first paint must not import
(`tests/ui/test_quick_start.py` counts what is imported before it): the record of the last
close (`services.last_closed`) is written with it too.
"""

from __future__ import annotations

import json
import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(data: object, *, indent: int | None = None) -> str:
    """`data` as JSON to write into a UTF-8 file, a file name's byte that is not UTF-8 (Python's
    surrogate escape, "\\udce9") written as a JSON escape, so reading it gives the same path back.

    Written as it stood, it could not be encoded: opening a project named "caf\\xe9.db" (a
    Latin-1 name, from an old archive) said "Something went wrong (UnicodeEncodeError)", no
    setting was saved again while it stayed in the recent list, and closing the window failed.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
