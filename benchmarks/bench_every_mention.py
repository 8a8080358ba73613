"""How long Shift+A on a name, and its undo, take in the store as the article grows.

    .venv/bin/python benchmarks/bench_every_mention.py [--mentions 354] [--chars 400000]

One article names "Anna Smith" `--mentions` times, each a suggested PERSON, padded with
sentences holding an emoji to `--chars` characters; every mention is accepted in one step
(`labelling.decide_every_mention`, as Shift+A makes it) and the step undone. The baseline,
run in the same process, is the same step (best of 3 each) on an article of the same mentions without the
padding (`--mentions` short sentences): the ratio is what the article's length adds.
Prints figures; asserts nothing.

Before and after an edit counted its article's text once a transaction rather than once a
mention (`ProjectStore.text_length`), 354 mentions, one run each on a shared two-core machine:

| | baseline (15,576 characters) | 398,958 characters, before | after |
|---|---|---|---|
| the step | 18-22 ms | 182 ms (8.1x) | 23 ms (1.25x) |
| its undo | 18-22 ms | 268 ms (12.0x) | 80 ms (4.6x) |

In the real window, offscreen, the time Shift+A held the UI thread: 735 -> 433 ms; its undo
860 -> 253 ms (the rest is the paragraphs highlighted again and the decisions read again).

The undo then read the decided names again, each cut from the text by SQLite's `substr`, which
walks the text to it; now those past the first 4,096 characters are cut from the text read
once (`ProjectStore.decided_mentions`). Undo, one run each at a load of 8 on two cores:
baseline 45 ms, long 151 ms (3.4x) before; baseline 17 ms, long 22 ms (1.3x) after.

What was left of the key in the window was the 354 paragraphs holding the name laid out and
highlighted again at once; now those in view are, and the others as they are painted
(`ArticleView._rehighlight`). The time the UI thread was held, offscreen, at a load of 9 on
two cores, from before the three changes to after them: Shift+A 735 -> 50 ms and its undo
860 -> 58 ms; Shift+R 637 -> 55 ms and its undo 960 -> 84 ms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from annotator.core.model import Analysis, ArticleDraft, Entity, EntityStatus, PipelineInfo
from annotator.services import labelling
from annotator.services.project import open_project, store_of

SENTENCE = "Budget talks went on late, said Anna Smith. "
PADDING = "The mayor 🙂 disagreed about the budget with the council. "


def build(path: Path, mentions: int, chars: int) -> Path:
    """One article of `mentions` sentences naming Anna Smith, spread through `chars` characters."""
    padding_each = max(0, chars // mentions - len(SENTENCE)) // len(PADDING)
    parts: list[str] = []
    entities: list[Entity] = []
    at = 0
    for _ in range(mentions):
        parts.append(PADDING * padding_each)
        at += len(parts[-1])
        start = at + SENTENCE.index("Anna Smith")
        entities.append(Entity(start, start + len("Anna Smith"), "PERSON"))
        parts.append(SENTENCE)
        at += len(SENTENCE)
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text="".join(parts), title="Budget")])
        store_of(project).save_analysis(1, Analysis(PipelineInfo("hand-made", "1"), tuple(entities)))
    return path


def accept_and_undo(path: Path, repeat: int = 3) -> tuple[float, float, int]:
    """Best seconds of the step and of its undo, and how many characters the article holds."""
    steps: list[float] = []
    undos: list[float] = []
    with open_project(path, create=False) as project:
        for _ in range(repeat):
            article = project.annotated(1)
            outcome = labelling.decide_every_mention(
                article.entities,
                article.article.text,
                article.entities[0],
                EntityStatus.ACCEPTED,
                article_id=1,
            )
            assert outcome.command is not None
            start = time.perf_counter()
            project.execute(outcome.command)
            steps.append(time.perf_counter() - start)
            start = time.perf_counter()
            project.revert(outcome.command)
            undos.append(time.perf_counter() - start)
        return min(steps), min(undos), len(article.article.text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=354)
    parser.add_argument("--chars", type=int, default=400_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        short = build(Path(folder) / "short.annotator.db", args.mentions, 0)
        long = build(Path(folder) / "long.annotator.db", args.mentions, args.chars)
        base_step, base_undo, base_chars = accept_and_undo(short)
        step, undo, chars = accept_and_undo(long)
        print(f"{args.mentions} mentions of one name")
        print(
            f"baseline, {base_chars:,} characters: step {base_step * 1000:7.1f} ms,"
            f" undo {base_undo * 1000:7.1f} ms"
        )
        print(
            f"long, {chars:,} characters:     step {step * 1000:7.1f} ms, undo {undo * 1000:7.1f} ms"
            f"  (ratio {step / base_step:.2f}, {undo / base_undo:.2f})"
        )


if __name__ == "__main__":
    main()
