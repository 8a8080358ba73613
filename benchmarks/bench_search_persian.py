"""What finding Persian and Arabic words whichever keyboard wrote them costs the search.

    .venv/bin/python benchmarks/bench_search_persian.py [--megabytes 50] [--before cc70b0e]

The search now reads "ي"/"ى" as "ی", "ك" as "ک", "ە" as "ه", Arabic digits as Persian ones, and
leaves out the non-joiner and the direction marks (`core.search`). This times, on one text of
`--megabytes` million characters, F3's `folded_spans`, the store's `holds` (the list's search
of the texts) and the title search's `searchable` fold, for an English word in English (the
Wikinews texts repeated) and for Persian words in a Persian text (a few sentences written with
an Arabic keyboard's letters, non-joiners and right-to-left marks, repeated). The baseline, run
in the same process on the same texts, is `core/search.py` as it was at `--before` (read with
`git show`), which found none of the Persian words written the other way: the ratio is what
the folding adds. "English without marks" is the same text without the four non-joiners the
Wikinews articles hold (a Persian name quoted): what most English texts cost. Prints figures;
asserts nothing.

50 million characters, shared two-core machine (figures move by a third from run to run):
English 1.2 to 1.9 times the time before, where the text holds a non-joiner (it is cut out,
a copy of the text), about the same without one; Persian 1.1 to 2.3 for `holds`, 2 to 2.6 for
`folded_spans`, which now finds the 194,553 places the search before found none of.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import types
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from annotator.core import search as now  # noqa: E402
from benchmarks.large_project import ARTICLES  # noqa: E402

PERSIAN = (
    "به گزارش خبرگزاری، آقای كريمي\u200f گفت: «ما می\u200cخواهیم این طرح در سال ١٤٠٢ اجرا شود.» "
    "وزیر امور خارجه در نشست خبری روز دوشنبه در تهران\u200f به پرسش‌های خبرنگاران پاسخ داد و "
    "افزود که دولت برای کاهش تورم برنامه‌ای تازه دارد. علي رضايي نیز گفت كه این برنامه كافي نیست.\n"
)
"""Persian written with an Arabic keyboard's "ي" and "ك", non-joiners, right-to-left marks."""


def _search_at(revision: str) -> types.ModuleType:
    """`annotator/core/search.py` as it was at `revision`, as a module of its own."""
    shown = ["git", "show", f"{revision}:annotator/core/search.py"]
    source = subprocess.run(shown, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    module = types.ModuleType("search_before")
    exec(compile(source, "search_before.py", "exec"), module.__dict__)  # our own file, at a commit
    return module


def _best_of(rounds: int, action: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def _count(result: object) -> str:
    return str(len(result)) if isinstance(result, list) else str(result)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--before", default="cc70b0e", help="the revision whose search is the baseline")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    before = _search_at(args.before)
    size = args.megabytes * 1_000_000
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    english_one = "\n\n".join(json.loads(line)["text"] for line in lines)
    texts = {
        "English": (english_one * (size // len(english_one) + 1))[:size],
        "Persian": (PERSIAN * (size // len(PERSIAN) + 1))[:size],
    }
    texts["English without marks"] = "".join(texts["English"].split("\u200c"))  # Wikinews holds 4
    searches = {"Persian": ("کریمی", "میخواهیم", "تهران به", "زیزیوا")}
    print(f"{args.megabytes} million characters a text, best of {args.rounds}; baseline at {args.before}")
    for language, text in texts.items():
        for needle in searches.get(language, ("police", "zyzzyva")):
            for name in ("folded_spans", "holds"):
                then, found_then = _best_of(args.rounds, partial(getattr(before, name), text, needle))
                took, found = _best_of(args.rounds, partial(getattr(now, name), text, needle))
                print(
                    f"{language:21} {needle!r:14} {name:13} {took:7.3f} s (found {_count(found):>7})"
                    f"  before {then:7.3f} s (found {_count(found_then):>7})  ratio {took / then:5.2f}"
                )
        then, _ = _best_of(args.rounds, partial(before.searchable, text))
        took, _ = _best_of(args.rounds, partial(now.searchable, text))
        ratio = took / then
        print(
            f"{language:21} {'':14} {'searchable':13} {took:7.3f} s  before {then:7.3f} s  ratio {ratio:5.2f}"
        )


if __name__ == "__main__":
    main()
