"""A child process for the crash campaign: one service call, or a loop of label writes.

Run as a script, never imported by pytest. The label loop (`labels`) prints `A <i>`,
flushed, once action `i` has returned (and so committed), so a parent that SIGKILLs it
knows how many actions the store promised to keep: the project must then hold the
result of exactly that prefix of `label_actions`, or of one action more (the one in flight).

Usage: python _crash_worker.py labels PROJECT SEED COUNT
       python _crash_worker.py save-copy PROJECT TARGET
       python _crash_worker.py restore BACKUP TARGET
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from annotator.services.backups import Backup, restore_copy
from annotator.services.project import open_project
from tests.reliability._crash import apply_label_action, label_actions


def _labels(path: Path, seed: int, count: int) -> None:
    with open_project(path, create=False) as project:
        for i, action in enumerate(label_actions(project, seed, count)):
            apply_label_action(project, action)
            sys.stdout.write(f"A {i}\n")
            sys.stdout.flush()


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "labels":
        _labels(Path(argv[1]), int(argv[2]), int(argv[3]))
    elif mode == "save-copy":
        with open_project(Path(argv[1]), create=False) as project:
            project.save_copy(Path(argv[2]))
    elif mode == "restore":
        backup_path = Path(argv[1])
        backup = Backup(backup_path, backup_path, datetime.now(), backup_path.stat().st_size)
        restore_copy(backup, Path(argv[2]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    sys.stdout.write("done\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
