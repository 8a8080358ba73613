"""Watch a FIFO for readers from another process: `python -m tests.security._fifo_watch FIFO LOG STOP`.

A separate process, because Qt may block in open() while holding Python's GIL, and a thread in
the test process could then never answer. Every time something opens FIFO for reading, one byte
is added to LOG and the FIFO is closed at once, so the reader sees an empty file and goes on.
"""

from __future__ import annotations

import errno
import os
import sys
import time

if __name__ == "__main__":
    fifo, log, stop = sys.argv[1:4]
    seen = False
    while not os.path.exists(stop):
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
            seen = False
            time.sleep(0.002)
            continue
        if not seen:  # one reader holding the FIFO open counts once
            with open(log, "ab") as handle:
                handle.write(b"x")
            seen = True
        os.close(fd)
        time.sleep(0.002)
