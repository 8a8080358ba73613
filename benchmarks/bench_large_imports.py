"""Peak memory and time of importing very large files, beside only reading and decoding them.

Run: .venv/bin/python benchmarks/bench_large_imports.py [--scale 0.2] [--keep DIR]

Four inputs, at `--scale` 1 the sizes people met: a CSV of 1,000,000 short rows, a 200 MB
JSON Lines file of 20,000 long articles, one 50 MB plain-text article (over the 20,971,520
characters an article may hold: refused, after it is read) and a 100 MB HTML page (its text
over that limit too). Each is imported (`import_paths`, no pre-annotation, the size limit
raised) into a new project in a process of its own, whose peak resident memory is what the
operating system counted (`ru_maxrss`). The baseline, in a process of its own too, reads the
same file and decodes it as the import does (`read_regular` + `decode`): the least any import
of it must hold. Ratios are import / baseline (lower is better). Wall seconds: the machine
may be shared, so compare figures from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LIMIT = 1 << 30
WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "prices",
    "would",
    "rise",
    "again",
    "next",
    "year",
    "according",
    "to",
    "officials",
    "in",
    "the",
    "capital",
    "while",
    "critics",
    "of",
    "the",
    "plan",
    "disagreed",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_inputs(folder: Path, scale: float) -> list[Path]:
    """The four inputs, written once into `folder`."""
    rng = random.Random(7)
    rows = folder / "rows.csv"
    with rows.open("w", encoding="utf-8") as out:
        out.write("title,text,source\n")
        for n in range(int(1_000_000 * scale)):
            out.write(f'T{n},"Row {n}: {_sentence(rng, 6)}",wire{n % 50}\n')
    articles = folder / "long.jsonl"
    body = " ".join(_sentence(rng, 12) for _ in range(135))
    with articles.open("w", encoding="utf-8") as out:
        for n in range(int(20_000 * scale)):
            out.write(json.dumps({"text": f"Article {n}. {body}", "title": f"A{n}", "meta": {"n": n}}) + "\n")
    one = folder / "one.txt"
    with one.open("w", encoding="utf-8") as out:
        out.write("A headline\n\n")
        written = 0
        while written < 50 * 1024 * 1024 * scale:
            sentence = _sentence(rng, 15) + " "
            out.write(sentence)
            written += len(sentence)
    page = folder / "page.html"
    with page.open("w", encoding="utf-8") as out:
        out.write("<html><head><meta charset='utf-8'><title>Big page</title></head><body><article>\n")
        written = 0
        while written < 100 * 1024 * 1024 * scale:
            paragraph = "<p>" + " ".join(_sentence(rng, 15) for _ in range(60)) + "</p>\n"
            out.write(paragraph)
            written += len(paragraph)
        out.write("</article></body></html>\n")
    return [rows, articles, one, page]


def child(mode: str, path: Path, work: Path) -> None:
    """Measured in this process: print (seconds, peak MB, what came of it) as JSON."""
    os.environ["ANNOTATOR_HOME"] = str(work / "home")
    from annotator.formats.decoding import decode
    from annotator.formats.readers import READERS, read_regular

    start = time.perf_counter()
    if mode == "decode":
        text, encoding = decode(read_regular(path, LIMIT), path, html=READERS[path.suffix].html)
        outcome = f"{len(text):,} characters ({encoding})"
    else:
        from annotator.core.errors import UserError
        from annotator.services.importing import import_paths
        from annotator.services.project import open_project

        with open_project(work / f"{path.stem}.db") as project:
            try:
                outcome = import_paths(project, [path], max_bytes=LIMIT).summary()
            except UserError as exc:
                outcome = f"refused: {str(exc)[:90]}"
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "outcome": outcome}))


def measure(mode: str, path: Path, work: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), "--keep", str(work)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.2, help="1 for the full sizes (minutes)")
    parser.add_argument("--keep", type=Path, help="a folder for the inputs and projects, kept")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), args.keep)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-large-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        inputs = build_inputs(work, args.scale)
        print(f"## Large imports (scale {args.scale:g})\n")
        print("| input | size | baseline s | baseline MB | import s | import MB | MB ratio | outcome |")
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        for path in inputs:
            base = measure("decode", path, work)
            ours = measure("import", path, work)
            ratio = float(ours["peak_mb"]) / float(base["peak_mb"])  # type: ignore[arg-type]
            print(
                f"| {path.name} | {path.stat().st_size / 1e6:.0f} MB | {base['seconds']:.1f} | "
                f"{base['peak_mb']:.0f} | {ours['seconds']:.1f} | {ours['peak_mb']:.0f} | {ratio:.1f} | "
                f"{ours['outcome']} |",
                flush=True,
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
