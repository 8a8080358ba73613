"""What another process sees of a project: the test of whether a label reached the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_COUNT_CLAIMS = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
print(conn.execute("SELECT count(*) FROM claims").fetchone()[0])
conn.close()
"""


def claims_seen_by_another_process(path: Path) -> int:
    """The claims a fresh process reads; it opens and closes its own connection, which is
    what deleted the write-ahead log of a window whose locks had been dropped."""
    done = subprocess.run(
        [sys.executable, "-c", _COUNT_CLAIMS, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout)
