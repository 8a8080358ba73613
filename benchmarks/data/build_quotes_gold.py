"""Build quotes_gold.jsonl from the hand labels in quotes_gold_labels.txt (Wikinews)
and quotes_gold_gv_labels.txt (Global Voices), both split "tuned" (the rules were written
while reading their misses), and quotes_heldout_labels.txt (Wikinews), split "heldout":
labelled before the rules were run on those articles, and never used to tune them.
quotes_tuned2_labels.txt and quotes_tuned2_gv_labels.txt are a second tuning batch (split
"tuned", "batch": 2), labelled before the rules were run on them, so their figures before a
rule changed for them are an out-of-sample measure of the rules they were added to improve.
quotes_tuned3_labels.txt is the third batch ("batch": 3, issue 14's third pass), labelled the
same way from Wikinews articles no set used, the long 2020 interviews among them.
quotes_tuned5_labels.txt is the fifth batch ("batch": 5; the fourth is the former held-out
split, which keeps its name), labelled the same way from the last Wikinews articles with
quotation marks that no quotation set used.
quotes_tuned6_labels.txt is the sixth batch ("batch": 6, "source": "newssd"): the NewsSD-ENG news
sentences with quotation marks, each sentence its own record, labelled before any rule ran on
them, since no Wikinews article or Global Voices page with quotation marks was left.

The labels name each quotation by how it starts and ends, as read in the article;
this script only turns those strings into code-point offsets and embeds the article
text, URL and licence so the gold file stands alone. Global Voices pages are read
with the app's own HTML reader so the offsets are those of the text users label.
Run it from the repository root:

    .venv/bin/python benchmarks/data/build_quotes_gold.py \
        /work/shared/samples/wikinews-articles.jsonl /work/shared/samples/html \
        /work/shared/samples/subjectivity
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1]))  # run from a checkout without installing
sys.path.insert(0, str(HERE))

from build_eval_sets import quotes_from_labels  # noqa: E402  (same label format and checks)

WIKINEWS_LICENCE = "CC BY 2.5; Wikinews contributors, en.wikinews.org"
NEWSSD_LICENCE = (
    "CC BY 4.0; Antici et al., A Corpus for Sentence-Level Subjectivity Detection on English News "
    "Articles, LREC-COLING 2024, github.com/nlp-unibo/newssd-eng"
)
# A resolved name of "?" marks a pronoun whose referent lies outside the record (a sentence cut
# from its article): the quotation keeps its mention, and the scorer leaves its speaker out.
UNRESOLVED = "?"


def _labels(name: str) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for raw in (HERE / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            row = [part.strip() for part in raw.split(" | ")]
            out.setdefault(row[0], []).append(row)
    return out


def _global_voices(html_dir: Path, labels: str, batch: int) -> list[dict[str, object]]:
    from annotator.formats.readers import read_file

    records: list[dict[str, object]] = []
    for n, rows in sorted(_labels(labels).items()):
        path = html_dir / f"gv_index_{n}.html"
        (draft,) = list(read_file(path))
        text: str = draft.text  # type: ignore[union-attr]
        raw = path.read_text(encoding="utf-8", errors="replace")
        # The reader finds no URL on these saved pages; the permalink is the post's bookmark link.
        url = re.search(r'href="([^"]+)" rel="bookmark" title', raw)
        author = draft.meta.get("author", "")  # type: ignore[union-attr]
        page_url = url.group(1) if url else ""
        records.append(
            {
                "source": "globalvoices",
                "split": "tuned",
                "batch": batch,
                "source_index": f"gv_index_{n}",
                "title": draft.title,  # type: ignore[union-attr]
                "url": page_url,
                "licence": f"CC BY 3.0; {author}, Global Voices, {page_url}",
                "text": text,
                "quotes": quotes_from_labels(f"gv_index_{n}", text, rows),
            }
        )
    return records


def _newssd(csv_dir: Path, labels: str, batch: int) -> list[dict[str, object]]:
    """One record per labelled sentence, keyed "train:14" (file, row counted from 1 after the header)."""
    sentences: dict[str, str] = {}
    for name in ("train", "val"):
        with (csv_dir / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            for row_number, row in enumerate(csv.DictReader(fh), 1):
                # The field ends with a newline inside its quotes; the sentence is what is around it.
                sentences[f"{name}:{row_number}"] = row["Sentence"].strip()
    records: list[dict[str, object]] = []
    for key, rows in _labels(labels).items():
        text = sentences[key]
        unresolved = [row[5] == UNRESOLVED for row in rows]
        # The mention stands in for the resolved name while offsets are found, then is dropped.
        rows = [[*row[:5], row[4]] if row[5] == UNRESOLVED else row for row in rows]
        quotes = quotes_from_labels(key, text, rows)
        for quote, speaker_unscored in zip(quotes, unresolved, strict=True):
            if speaker_unscored:
                quote["speaker"]["resolved"] = None
                quote["speaker_unscored"] = True
        file_name, row_number = key.split(":")
        records.append(
            {
                "source": "newssd",
                "split": "tuned",
                "batch": batch,
                "source_index": key,
                "title": f"NewsSD-ENG {file_name}.csv row {row_number}",
                "url": "https://github.com/nlp-unibo/newssd-eng",
                "licence": NEWSSD_LICENCE,
                "text": text,
                "quotes": quotes,
            }
        )
    return records


def main(wikinews: str, html_dir: str, newssd_dir: str) -> None:
    articles = [json.loads(line) for line in Path(wikinews).read_text(encoding="utf-8").splitlines()]
    records = _wikinews(articles, "quotes_gold_labels.txt", "tuned")
    records += _global_voices(Path(html_dir), "quotes_gold_gv_labels.txt", 1)
    records += _wikinews(articles, "quotes_tuned2_labels.txt", "tuned", batch=2)
    records += _global_voices(Path(html_dir), "quotes_tuned2_gv_labels.txt", 2)
    records += _wikinews(articles, "quotes_tuned3_labels.txt", "tuned", batch=3)
    records += _wikinews(articles, "quotes_heldout_labels.txt", "heldout")
    records += _wikinews(articles, "quotes_tuned5_labels.txt", "tuned", batch=5)
    records += _newssd(Path(newssd_dir), "quotes_tuned6_labels.txt", 6)
    out = HERE / "quotes_gold.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    nquotes = sum(len(r["quotes"]) for r in records)  # type: ignore[arg-type]
    print(f"{nquotes} quotations in {len(records)} articles -> {out}")


def _wikinews(
    articles: list[dict[str, Any]], labels: str, split: str, *, batch: int = 1
) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for key, rows in sorted(_labels(labels).items(), key=lambda item: int(item[0])):
        idx = int(key)
        meta = articles[idx]["meta"]
        records.append(
            {
                "source": "wikinews",
                "split": split,
                "batch": batch,
                "source_index": idx,
                "title": meta["title"],
                "url": meta["url"],
                "licence": WIKINEWS_LICENCE,
                "text": articles[idx]["text"],
                "quotes": quotes_from_labels(key, articles[idx]["text"], rows),
            }
        )
    return records


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
