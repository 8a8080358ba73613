"""Time to release a 10,000-article, 100,000-claim team project (target: under 30 s).

Run: .venv/bin/python benchmarks/bench_release.py [--articles 10000] [--labels majority]
     [--before REV] [--single] [--source PATH]

The project: the Wikinews sample repeated with a numbered dateline (every text distinct),
each article's first three sentences labelled by three annotators (two agree, the third
now and then differs or leaves a sentence out) and the first one adjudicated, so ten
claims an article. The release is `majority` (the heaviest choice: agreement, votes and
ties) with pseudonyms, as `annotator release` runs it (worker processes from 2,500 articles).

Two states of the same project:
- **pre-annotated** (the usual case: the window pre-annotates every article, and
  pre-annotation stores each text's tokens; here only that last step is run, with
  `services.preannotate.store_tokens`, as a full spaCy pipeline over 10,000 articles would
  take a quarter of an hour and changes nothing a release reads);
- **cold**, imported with `--no-nlp`: no tokens stored, so the release tokenizes every text
  (and stores the tokens for next time).

Baseline, in the same run on the same project: `annotator export --format jsonl`, the one
other command that writes the same Prodigy file (its tokens included). `--before REV` also
releases the pre-annotated project with the code of git revision REV and checks that both
wrote the same bytes; `--single` does the same for the one-process path the window uses.
Every step runs in its own process, so its peak memory is its own; wall and CPU seconds
both (the workers' CPU apart), since the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CODE = Path(os.environ.get("BENCH_CODE_ROOT", ROOT))
sys.path.insert(0, str(CODE))

DEFAULT_SOURCES = [
    Path("/work/shared/samples/wikinews-articles.jsonl"),
    ROOT / "benchmarks" / "data" / "wikinews-articles.jsonl",
    ROOT / "tests" / "data" / "formats" / "wikinews-20.jsonl",
]
TARGET_SECONDS = 30.0
PROJECT = "team.annotator.db"  # the same name everywhere: the card's title comes from it


def sentences(text: str, count: int) -> list[tuple[int, int]]:
    spans, start = [], text.find("\n\n") + 2
    for _ in range(count):
        end = text.find(". ", start)
        if end == -1:
            break
        spans.append((start, end + 1))
        start = end + 2
    return spans


def drafts(source: Path, count: int) -> list[Any]:
    from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel

    labels = list(ClaimLabel)
    base = [json.loads(line) for line in source.read_text("utf-8").splitlines() if line.strip()]
    result = []
    for i in range(count):
        record = base[i % len(base)]
        text = f"Variant {i}.\n\n{record['text']}"
        claims = []
        spans = sentences(text, 3)
        while len(spans) < 3:  # a text without three sentences (the sample has a junk page)
            spans.append((0, len(f"Variant {i}.") - len(spans)))
        for s, (start, end) in enumerate(spans):
            for k, name in enumerate(("alice", "bob", "carol")):
                label = labels[(i + s + (k == 2 and (i + s) % 4 == 0)) % 3]
                claims.append(ClaimDraft(start, end, label, annotator=name))
        start, end = spans[0]
        claims.append(ClaimDraft(start, end, labels[i % 3], annotator="gold"))
        meta = {**record.get("meta", {}), "licence": "CC BY 2.5"}
        result.append(ArticleDraft(text=text, title=meta.pop("title", ""), meta=meta, claims=tuple(claims)))
    return result


# --- the measured steps, each in its own process ---------------------------------------------------


def _usage() -> tuple[float, float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def _measure(run: Any) -> dict[str, float]:
    wall0, cpu0, workers0 = _usage()
    run()
    wall1, cpu1, workers1 = _usage()
    return {
        "wall": wall1 - wall0,
        "cpu": cpu1 - cpu0,
        "workers_cpu": workers1 - workers0,
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def step_release(project: Path, out: Path, labels: str, workers: int | None) -> dict[str, Any]:
    from annotator.services.project import open_project
    from annotator.services.release import ReleaseOptions, release

    options = ReleaseOptions(labels=labels, pseudonymise=True, license="CC-BY-4.0")
    with open_project(project, create=False) as opened:
        found: dict[str, Any] = {}

        def run() -> None:
            result = release(opened, out, options=options, workers=workers)
            found.update(
                articles=result.plan.article_count, claims=result.plan.claim_count, ties=len(result.plan.ties)
            )

        figures: dict[str, Any] = _measure(run)
    figures.update(found, size=sum(p.stat().st_size for p in out.rglob("*") if p.is_file()))
    return figures


def step_export(project: Path, out: Path) -> dict[str, Any]:
    from annotator.services.exporting import export
    from annotator.services.project import open_project

    with open_project(project, create=False) as opened:
        figures: dict[str, Any] = _measure(lambda: export(opened, out))
    figures["size"] = out.stat().st_size
    return figures


def _step(root: Path, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--step", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "BENCH_CODE_ROOT": str(root)},
        cwd=root,
        timeout=3600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


# --- the driver -------------------------------------------------------------------------------------


def checkout(revision: str, folder: Path) -> Path:
    """`annotator` and `resources` as they were at `revision`, unpacked into `folder`."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "annotator", "resources"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def copy_of(project: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(project, folder / PROJECT)
    return folder / PROJECT


def line(name: str, f: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    workers = f" + workers {f['workers_cpu']:5.1f} s" if f["workers_cpu"] else " " * 19
    peak = f"peak {f['rss_mib']:5.0f} MiB" + (
        f" (workers {f['workers_rss_mib']:.0f} MiB each at most)" if f["workers_cpu"] else ""
    )
    text = (
        f"{name:44s} wall {f['wall']:6.1f} s   cpu {f['cpu']:5.1f} s{workers}   "
        f"{f['size'] / 1e6:6.1f} MB   {peak}"
    )
    if baseline is not None:
        cpu, base_cpu = f["cpu"] + f["workers_cpu"], baseline["cpu"] + baseline["workers_cpu"]
        text += (
            f"\n{'':44s} ratio to export: wall {f['wall'] / baseline['wall']:.2f}x, cpu {cpu / base_cpu:.2f}x"
        )
    return text


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--source", type=Path)
    parser.add_argument("--labels", default="majority", choices=["gold", "majority", "all"])
    parser.add_argument("--before", metavar="REV", help="also release with the code of this git revision")
    parser.add_argument(
        "--single", action="store_true", help="also release in one process (the window's path)"
    )
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        kind, *rest = args.step
        if kind == "release":
            project, out, labels, workers = rest
            result = step_release(
                Path(project), Path(out), labels, int(workers) if workers != "auto" else None
            )
        else:
            result = step_export(Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return 0

    source = args.source or next(p for p in DEFAULT_SOURCES if p.exists())
    load = os.getloadavg()
    print(f"load average before: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="bench-release-") as name:
        work = Path(name)
        from annotator.services.preannotate import store_tokens
        from annotator.services.project import open_project, store_of

        cold = work / "cold" / PROJECT
        cold.parent.mkdir()
        started = time.perf_counter()
        with open_project(cold) as project:
            project.import_drafts(drafts(source, args.articles))
            stats = project.stats()
        built = time.perf_counter() - started
        warm = copy_of(cold, work / "warm")
        started = time.perf_counter()
        with open_project(warm, create=False) as project:
            store_tokens(store_of(project), project.article_ids())
        tokens = time.perf_counter() - started
        print(
            f"project: {stats.articles} articles, {stats.claims} claims "
            f"({', '.join(f'{k} {v}' for k, v in stats.by_annotator.items())}), "
            f"{cold.stat().st_size / 1e6:.1f} MB, built in {built:.1f} s from {source.name}; "
            f"its tokens stored in {tokens:.1f} s ({warm.stat().st_size / 1e6:.1f} MB)"
        )
        release = {"pre-annotated": work / "release-warm", "cold": work / "release-cold"}
        figures = {
            "release pre-annotated": _step(
                ROOT, "release", str(warm), str(release["pre-annotated"]), args.labels, "auto"
            ),
            "export jsonl pre-annotated": _step(ROOT, "export", str(warm), str(work / "export-warm.jsonl")),
            "release cold": _step(
                ROOT, "release", str(copy_of(cold, work / "c1")), str(release["cold"]), args.labels, "auto"
            ),
            "export jsonl cold": _step(
                ROOT, "export", str(copy_of(cold, work / "c2")), str(work / "export-cold.jsonl")
            ),
        }
        same = {"cold": (release["cold"] / "SHA256SUMS").read_bytes()}
        if args.single:
            out = work / "release-single"
            figures["release pre-annotated, one process"] = _step(
                ROOT, "release", str(warm), str(out), args.labels, "1"
            )
            same["one process"] = (out / "SHA256SUMS").read_bytes()
        if args.before:
            out = work / "release-before"
            old = checkout(args.before, work / "before")
            figures[f"release, code of {args.before}"] = _step(
                old, "release", str(copy_of(warm, work / "b")), str(out), args.labels, "auto"
            )
            same[args.before] = (out / "SHA256SUMS").read_bytes()

        first = figures["release pre-annotated"]
        print(
            f"released ({args.labels}): {first['articles']} articles, {first['claims']} claims, "
            f"{first['ties']} ties"
        )
        for kind in ("pre-annotated", "cold"):
            print(line(f"release, {kind}", figures[f"release {kind}"], figures[f"export jsonl {kind}"]))
            print(line(f"baseline: export --format jsonl, {kind}", figures[f"export jsonl {kind}"]))
        for name, f in figures.items():
            if name.startswith("release") and name not in ("release pre-annotated", "release cold"):
                print(line(name, f))
        wall = first["wall"]
        verdict = "met" if wall < TARGET_SECONDS else "NOT met"
        print(f"target < {TARGET_SECONDS:.0f} s (pre-annotated): {verdict}")
        reference = (release["pre-annotated"] / "SHA256SUMS").read_bytes()
        for name, sums in same.items():
            verdict = "the same bytes" if sums == reference else "DIFFERENT bytes"
            print(f"release ({name}) and release (pre-annotated) wrote {verdict}")
        if args.before:
            before = figures[f"release, code of {args.before}"]
            print(
                f"before/now (pre-annotated): wall {before['wall'] / wall:.1f}x, "
                f"cpu {(before['cpu'] + before['workers_cpu']) / (first['cpu'] + first['workers_cpu']):.1f}x"
            )
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
