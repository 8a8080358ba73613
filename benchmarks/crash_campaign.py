"""Crash campaign: SIGKILL each kind of long work at random moments and count what went wrong.

Each run starts the real command (or a service call in a child), kills it after a random
delay of 0 to min(2 s, the time an uninterrupted run takes; 4 s for training, which saves
at the end of a longer run), then checks the project, the
earlier labels, the action's own promise, the next run and the files left
(`tests/reliability/_crash.py`). The suite keeps a few fixed seeds per action
(`tests/services/test_crash_campaign.py`).

Usage: python benchmarks/crash_campaign.py [--kills N] [--action NAME ...] [--work DIR] [--minutes M]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.reliability._crash import ACTIONS


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="runs per action (default 50)")
    parser.add_argument("--action", action="append", choices=sorted(ACTIONS), help="default: every action")
    parser.add_argument("--work", type=Path, default=None, help="folder for the runs (kept when one fails)")
    parser.add_argument("--first-seed", type=int, default=1000)
    parser.add_argument(
        "--minutes",
        type=float,
        default=None,
        help="stop an action's runs after this long and report those done (a shared machine)",
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="crash-campaign-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in args.action or sorted(ACTIONS):
        action = ACTIONS[name](work / "cache")
        took = action.duration(work)
        max_delay = min(action.max_delay, took)
        landed = runs = 0
        kinds: Counter[str] = Counter()
        began = time.monotonic()
        for seed in range(args.first_seed, args.first_seed + args.kills):
            if args.minutes is not None and time.monotonic() - began > args.minutes * 60:
                break
            runs += 1
            outcome = action.once(work, seed, max_delay=max_delay)
            landed += outcome.killed
            for failure in outcome.failures:
                kinds[failure.split(":")[0]] += 1
                print(f"  {name} seed {seed} delay {outcome.delay:.3f}s: {failure}", flush=True)
            failed += bool(outcome.failures)
        bad = sum(kinds.values())
        print(
            f"{name:<10} run {took:.2f}s  delay 0-{max_delay:.2f}s  runs {runs}  "
            f"killed mid-run {landed}  failures {bad}  ({(time.monotonic() - began) / 60:.1f} min)",
            flush=True,
        )
        for kind, count in kinds.most_common():
            print(f"    {count} x {kind}")
    print(f"work folder: {work}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
