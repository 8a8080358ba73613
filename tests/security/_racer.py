"""One racing CLI user: runs `annotator ARGS` once per round, each round starting on a signal.

    python -m tests.security._racer CONTROL_DIR NAME ROUNDS ARGS...

Everything is imported before the first round, and the parent creates `go-K` only when both
racers wait for it, so the two commands of a round start within a millisecond of each other.
`{round}` in ARGS is replaced by the round number; the exit code goes to `NAME-K.exit`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from annotator.cli import main
from annotator.services import importing, project  # noqa: F401 - imported before the start line


def _wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"no start signal {path}")
        time.sleep(0.0002)


if __name__ == "__main__":
    control, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for round_no in range(rounds):
        (control / f"{name}-{round_no}.ready").touch()
        _wait_for(control / f"go-{round_no}")
        args = [a.replace("{round}", str(round_no)) for a in sys.argv[4:]]
        code = main(args)
        done = control / f"{name}-{round_no}.exit"
        done.with_suffix(".tmp").write_text(str(code))
        done.with_suffix(".tmp").replace(done)  # whole, or not there yet
