"""Kill a process in the middle of a burst of `add_claim` calls: every returned claim is on disk.

The child reports each claim id on stdout, flushed, right after `add_claim` returns and
before it starts the next call, so every id we read is a promise the store made.
"""

from __future__ import annotations

import signal
from pathlib import Path

from tests.reliability._procs import kill, make_project, read_state, start_writer, stderr_text


def test_sigkill_mid_burst_keeps_every_returned_claim(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    article_ids = make_project(path)
    proc, stderr = start_writer(path, article_ids, 5000, "ann", seed=11, adds_only=True)
    assert proc.stdout is not None
    begun: list[str] = []
    returned: dict[int, str] = {}
    for line in proc.stdout:
        if not line.endswith("\n"):
            break
        kind, _, rest = line.rstrip("\n").partition(" ")
        if kind == "B":
            begun.append(rest)
        elif kind == "A":
            returned[int(rest)] = begun[-1]
            if len(returned) == 150:
                assert kill(proc)
    returncode = proc.wait(timeout=60)
    proc.stdout.close()
    assert returncode == -signal.SIGKILL, stderr_text(stderr)
    stderr.close()

    rows, integrity = read_state(path)
    assert integrity == "ok"
    assert 150 <= len(returned) < 5000, "the burst was not interrupted"
    for claim_id, began in returned.items():
        _, aid, start, end, label, note = began.split(" ")
        row = rows.get(claim_id)
        assert row is not None, f"claim {claim_id} was returned by add_claim but is gone after the kill"
        assert (row.article_id, row.start, row.end, row.label, row.note) == (
            int(aid),
            int(start),
            int(end),
            label,
            note,
        )
    # Nothing beyond the one call that was in flight when the process died.
    assert len(rows) - len(returned) in (0, 1)
