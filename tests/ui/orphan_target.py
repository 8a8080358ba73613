"""A stand-in for a background task, importable by a spawned child: it waits to be stopped."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from annotator.ui.subprocess_work import stop_when_parent_goes


def wait_for_stop(marker: str, stop: Any) -> None:
    stop_when_parent_goes(stop)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if stop.is_set():
            Path(marker).write_text("stopped", encoding="utf-8")
            return
        time.sleep(0.05)
