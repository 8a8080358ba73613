"""Build quotes_gold.jsonl from the hand labels in quotes_gold_labels.txt.

The labels name each quotation by how it starts and ends, as read in the article;
this script only turns those strings into code-point offsets and embeds the article
text, URL and licence so the gold file stands alone. Run it from the repository root:

    .venv/bin/python benchmarks/data/build_quotes_gold.py /work/shared/samples/wikinews-articles.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(source: str) -> None:
    articles = [json.loads(line) for line in Path(source).read_text(encoding="utf-8").splitlines()]
    by_article: dict[int, list[dict[str, object]]] = {}
    cursor: dict[int, int] = {}
    for raw in (HERE / "quotes_gold_labels.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        idx_s, prefix, suffix, kind, speaker = (part.strip() for part in raw.split(" | "))
        idx = int(idx_s)
        text = articles[idx]["text"]
        start = text.index(prefix, cursor.get(idx, 0))
        end = text.index(suffix, start) + len(suffix)
        cursor[idx] = end
        entry: dict[str, object] = {
            "start": start,
            "end": end,
            "text": text[start:end],
            "kind": kind,
            "speaker": None,
        }
        if speaker != "-":
            # The mention nearest the quotation is the one the text uses to attribute it.
            hits = [i for i in range(len(text)) if text.startswith(speaker, i)]
            if not hits:
                raise SystemExit(f"speaker {speaker!r} not found in article {idx}")
            s = min(hits, key=lambda i: min(abs(i - start), abs(i - end)))
            entry["speaker"] = {"start": s, "end": s + len(speaker), "text": speaker}
        by_article.setdefault(idx, []).append(entry)
    out = HERE / "quotes_gold.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for idx, quotes in sorted(by_article.items()):
            meta = articles[idx]["meta"]
            record = {
                "source_index": idx,
                "title": meta["title"],
                "url": meta["url"],
                "licence": "CC BY 2.5; Wikinews contributors, en.wikinews.org",
                "text": articles[idx]["text"],
                "quotes": quotes,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{sum(len(q) for q in by_article.values())} quotations in {len(by_article)} articles -> {out}")


if __name__ == "__main__":
    main(sys.argv[1])
