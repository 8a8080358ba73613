"""Run every benchmark and evaluation script plus the slow reliability tests; write results.md.

    .venv/bin/python benchmarks/run_all.py [--timeout 1800] [--only NAME ...] [--skip-reliability]

Each `benchmarks/bench_*.py` and `benchmarks/eval_*.py` runs as its own process (so
one crash or hang cannot take the others down) with a timeout, and what it prints is
copied into `benchmarks/results.md` with the machine, the versions and the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.md"
RELIABILITY = [
    sys.executable,
    "-m",
    "pytest",
    "tests/reliability",
    "-m",
    "slow",
    "-q",
    "-s",
    "-p",
    "no:cacheprovider",
]


def _version(*dists: str) -> str:
    for dist in dists:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def machine() -> list[str]:
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return [
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- commit: {git.stdout.strip() or 'unknown'}",
        f"- machine: {platform.platform()}, {os.cpu_count()} cores "
        f"({platform.processor() or platform.machine()})",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"Qt/PySide6 {_version('PySide6-Essentials', 'PySide6')}, spaCy {_version('spacy')}",
    ]


def run(name: str, args: list[str], timeout: float) -> tuple[str, str]:
    """Run one script; return a status line and everything it printed."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"running {name} ...", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    try:
        done = subprocess.run(
            args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return f"TIMED OUT after {timeout:.0f} s", out
    took = time.perf_counter() - t0
    status = (
        f"ok in {took:.0f} s"
        if done.returncode == 0
        else f"FAILED (exit {done.returncode}) after {took:.0f} s"
    )
    output = done.stdout
    if done.returncode != 0:
        output += "\n--- stderr (last 40 lines) ---\n" + "\n".join(done.stderr.splitlines()[-40:])
    print(f"  {status}", file=sys.stderr, flush=True)
    return status, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per script")
    parser.add_argument("--only", nargs="*", help="run only these scripts (e.g. bench_store)")
    parser.add_argument("--skip-reliability", action="store_true", help="skip the slow reliability run")
    args = parser.parse_args()

    scripts = sorted([*HERE.glob("bench_*.py"), *HERE.glob("eval_*.py")])
    if args.only:
        scripts = [s for s in scripts if s.stem in args.only]
    sections = ["# Benchmark results", "", "Written by `benchmarks/run_all.py`; figures from one run.", ""]
    sections += [*machine(), ""]
    failed = 0
    for script in scripts:
        status, output = run(script.stem, [sys.executable, str(script)], args.timeout)
        failed += not status.startswith("ok")
        sections += [f"## {script.name} ({status})", "", "```", output.rstrip(), "```", ""]
    if not args.skip_reliability:
        status, output = run("reliability (pytest -m slow)", RELIABILITY, args.timeout)
        failed += not status.startswith("ok")
        sections += [
            f"## Slow reliability run: `pytest tests/reliability -m slow` ({status})",
            "",
            "20 SIGKILLed writers x 1,000 label writes, two long concurrent writers, "
            "10,000-example importer fuzz.",
            "",
            "```",
            output.rstrip(),
            "```",
            "",
        ]
    RESULTS.write_text("\n".join(sections), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}; {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
