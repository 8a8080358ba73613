"""The export tokenizer against spaCy's blank English tokenizer on every shared sample text.

    .venv/bin/python benchmarks/golden_tokenizer.py [SAMPLES_FOLDER]   (default ../shared/samples)

Texts: the 265 Wikinews articles (`wikinews-articles.jsonl`), the Wikinews files, the Global
Voices pages as raw HTML (CRLF kept), the NewsSD sentences. Prints how many texts and tokens
were compared and how many differ (must be 0), and the time each tokenizer took over the 265
articles in this process, each built fresh (its cache empty); spaCy's import is not counted.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def sample_texts(folder: Path) -> tuple[list[str], list[str]]:
    """(the 265 articles, every sample text) of the shared samples folder."""
    articles = [
        json.loads(line)["text"]
        for line in (folder / "wikinews-articles.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    texts = list(articles)
    texts += [p.read_text("utf-8") for p in sorted((folder / "wikinews").glob("*.txt"))]
    texts += [p.read_bytes().decode("utf-8", "replace") for p in sorted((folder / "html").glob("*.html"))]
    for name in ("train.csv", "val.csv"):
        with (folder / "subjectivity" / name).open(newline="", encoding="utf-8") as f:
            texts += [row["Sentence"] for row in csv.DictReader(f)]
    return articles, texts


def main() -> None:
    # ../shared/samples beside the checkout (a worktree sits one level deeper)
    near = [HERE.parents[1] / "shared" / "samples", HERE.parents[2] / "shared" / "samples"]
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else next((p for p in near if p.exists()), near[0])
    articles, texts = sample_texts(folder)

    import spacy
    from spacy.attrs import LENGTH, SPACY

    from annotator.nlp.tokenizer import language_data
    from annotator.nlp.tokenizer_rules import RuleTokenizer

    started = time.process_time()
    fresh = RuleTokenizer(language_data())
    built = time.process_time()
    for text in articles:
        fresh.values(text)
    ours_time = time.process_time() - built
    re.purge()  # spaCy compiles the same patterns: no help from this process's cache
    started_spacy = time.process_time()
    tokenizer = spacy.blank("en").tokenizer
    built_spacy = time.process_time()
    for text in articles:
        tokenizer(text)
    spacy_time = time.process_time() - built_spacy
    ours = RuleTokenizer(language_data())
    reference = spacy.blank("en").tokenizer
    tokens = different = 0
    for text in texts:
        expected = [n * 2 + s for n, s in reference(text).to_array([LENGTH, SPACY]).reshape(-1, 2).tolist()]
        tokens += len(expected)
        different += ours.values(text) != expected
    print(f"{len(texts)} texts, {tokens:,} tokens compared with spacy {spacy.__version__} blank:en")
    print(f"texts tokenized differently: {different}")

    print(
        f"{len(articles)} articles, CPU: this tokenizer {ours_time:.3f} s (+ {built - started:.3f} s to"
        f" build); spaCy's {spacy_time:.3f} s (+ {built_spacy - started_spacy:.3f} s to build, after"
        " `import spacy`)"
    )


if __name__ == "__main__":
    main()
