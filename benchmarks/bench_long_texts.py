"""Pre-annotation of texts spaCy cannot take whole: over its million characters, or full of marks.

    .venv/bin/python benchmarks/bench_long_texts.py [--paragraphs 13000]

Three texts, each analysed by `analyse_texts` (in pieces, `nlp.analyse.analysis_pieces`) and,
as the baseline in the same process, by raw `nlp.pipe` over the same pieces:

- a transcript of `--paragraphs` short news paragraphs (1.39 million characters by default),
  which spaCy refuses whole (E088);
- a text of 10,000 different runs of 100 `=` between words: the longest run kept, the crafted
  file's worst case;
- a text of one run of 50,000 `=` between two sentences, which spaCy alone would take about
  9 minutes on (its time grows with the square of the run: 4,000 took 3.4 s): left out, so the
  baseline is the two sentences.

Prints the characters, the pieces, the seconds of each and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.nlp import load_pipeline
from annotator.nlp.analyse import analyse_texts, analysis_pieces

PARAGRAPH = (
    'Anne Hidalgo said: "We will open the bridge in Paris on Monday." Critics in London disagreed.\n\n'
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=13_000)
    args = parser.parse_args()
    loaded = load_pipeline()
    texts = {
        "long transcript": PARAGRAPH * args.paragraphs,
        "runs of 100 marks": " ".join(f"word{n} " + "=" * 100 for n in range(10_000)),
        "one run of 50,000 marks": "The mayor spoke. " + "=" * 50_000 + " Critics disagreed.",
    }
    print(f"pipeline {loaded.info.name} {loaded.info.version}")
    for name, text in texts.items():
        pieces = analysis_pieces(text)
        started = time.perf_counter()
        for _ in loaded.nlp.pipe(text[start:end] for start, end in pieces):
            pass
        raw = time.perf_counter() - started
        started = time.perf_counter()
        (analysis,) = analyse_texts([text], pipeline=loaded)
        ours = time.perf_counter() - started
        print(
            f"{name}: {len(text):,} characters in {len(pieces)} pieces; raw nlp.pipe {raw:.1f} s, "
            f"analyse_texts {ours:.1f} s ({ours / raw:.2f}x); {len(analysis.entities):,} entities, "
            f"{len(analysis.quotes):,} quotations"
        )


if __name__ == "__main__":
    main()
