"""Build the independent evaluation sets eval_quotes.jsonl and eval_entities.jsonl from hand labels
(and the entity tuning set tune_entities.jsonl, built the same way from tune_entities_labels.txt
and its later batches tune_entities2_labels.txt to tune_entities7_labels.txt).

The labels (eval_quotes_labels.txt, eval_entities_labels.txt) name each quotation by how it
starts and ends and each entity by its surface, as read in the article; this script only turns
those strings into code-point offsets, checks them, and embeds the article text, URL and licence
so the gold files stand alone. Nothing here runs the quotation finder, the speaker rules or a
spaCy pipeline, so building the set cannot leak what the rules do into the labels.

Checks: every label is found, quotations come in text order without overlapping, and a double
quote mark left outside every labelled quotation is reported (a quotation the labeller missed).

    .venv/bin/python benchmarks/data/build_eval_sets.py \
        /work/shared/samples/wikinews-articles.jsonl /work/shared/samples/html
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1]))  # run from a checkout without installing

WIKINEWS_LICENCE = "CC BY 2.5; Wikinews contributors, en.wikinews.org"
_DOUBLE_MARKS = '"“”„«»'


def _rows(name: str) -> list[list[str]]:
    rows = []
    for raw in (HERE / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            rows.append([part.strip() for part in raw.split(" | ")])
    return rows


def _articles(wikinews: Path, html_dir: Path, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Text and provenance per article key: a Wikinews index or gv_index_N."""
    lines = wikinews.read_text(encoding="utf-8").splitlines()
    out: dict[str, dict[str, Any]] = {}
    for key in dict.fromkeys(keys):
        if key.startswith("gv_index_"):
            out[key] = _global_voices(html_dir / f"{key}.html")
        else:
            article = json.loads(lines[int(key)])
            meta = article["meta"]
            out[key] = {
                "source": "wikinews",
                "source_index": int(key),
                "title": meta["title"],
                "date": meta["date"],
                "url": meta["url"],
                "licence": WIKINEWS_LICENCE,
                "text": article["text"],
            }
    return out


def _global_voices(path: Path) -> dict[str, Any]:
    from annotator.formats.readers import read_file

    (draft,) = list(read_file(path))
    raw = path.read_text(encoding="utf-8", errors="replace")
    # The reader finds no URL on these saved pages; the permalink is the post's bookmark link.
    url = re.search(r'href="([^"]+)" rel="bookmark" title', raw)
    page_url = url.group(1) if url else ""
    author = draft.meta.get("author", "")  # type: ignore[union-attr]
    return {
        "source": "globalvoices",
        "source_index": path.stem,
        "title": draft.title,  # type: ignore[union-attr]
        "date": draft.meta.get("date", ""),  # type: ignore[union-attr]
        "url": page_url,
        "licence": f"CC BY 3.0; {author}, Global Voices, {page_url}",
        "text": draft.text,  # type: ignore[union-attr]
    }


def _word_hits(text: str, needle: str) -> list[int]:
    """Start offsets of `needle` in `text` where it is not part of a longer word."""
    hits = []
    for m in re.finditer(re.escape(needle), text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if not (before.isalnum() and needle[0].isalnum()) and not (after.isalnum() and needle[-1].isalnum()):
            hits.append(m.start())
    return hits


def quotes_from_labels(key: str, text: str, rows: list[list[str]]) -> list[dict[str, Any]]:
    quotes: list[dict[str, Any]] = []
    cursor = 0
    for _, prefix, suffix, kind, mention, resolved in rows:
        if kind not in ("direct", "partial", "scare"):
            raise SystemExit(f"{key}: bad kind {kind!r}")
        start = text.find(prefix, cursor)
        if start < 0:
            raise SystemExit(f"{key}: quotation starting {prefix!r} not found after offset {cursor}")
        end_at = text.find(suffix, start)
        if end_at < 0:
            raise SystemExit(f"{key}: end {suffix!r} of quotation {prefix!r} not found")
        end = end_at + len(suffix)
        quotes.append({"start": start, "end": end, "text": text[start:end], "kind": kind, "speaker": None})
        quotes[-1]["_mention"] = (mention, resolved)
        cursor = end
    spans = [(q["start"], q["end"]) for q in quotes]
    for q in quotes:
        mention, resolved = q.pop("_mention")
        if mention == "-":
            if resolved != "-":
                raise SystemExit(f"{key}: resolved name without a mention for {q['text'][:40]!r}")
            continue
        if q["kind"] == "scare":
            raise SystemExit(f"{key}: a scare quote has no speaker ({q['text'][:40]!r})")
        # The mention nearest the quotation, outside every quotation, is the one that attributes it.
        hits = [i for i in _word_hits(text, mention) if not any(s <= i < e for s, e in spans)]
        if not hits:
            raise SystemExit(f"{key}: speaker mention {mention!r} not found outside quotations")
        s = min(hits, key=lambda i: _closeness(text, spans, q["start"], q["end"], i))
        q["speaker"] = {"start": s, "end": s + len(mention), "text": mention, "resolved": resolved}
        if resolved.casefold() not in text.casefold():
            print(f"warning: {key}: resolved name {resolved!r} does not occur in the text", file=sys.stderr)
    _check_marks(key, text, spans)
    return quotes


def _closeness(text: str, spans: list[tuple[int, int]], start: int, end: int, i: int) -> tuple[int, int, int]:
    """Rank a mention: same sentence as the quotation, then same paragraph, then distance.

    Other quotations between the mention and this one count as a sentence end when they end
    with one (`"…suckers."  Furthermore, Trump`); "U.S." and "D.C." do not end a sentence. A
    quotation that opens a paragraph after a colon belongs to the paragraph before.
    """
    lo, hi = (i, start) if i < start else (end, i)
    if i >= end and text[end - 2 : end - 1] in (".", "!", "?"):
        lo -= 1  # this quotation ends its sentence
    pieces = []
    k = lo
    while k < hi:
        inside = next(((s, e) for s, e in spans if s <= k < e), None)
        if inside is None:
            pieces.append(text[k])
            k += 1
        else:
            ends_sentence = text[inside[1] - 2 : inside[1] - 1] in (".", "!", "?")
            pieces.append("q." if ends_sentence else "q")
            k = inside[1]
    between = "".join(pieces)
    paragraph = 0 if "\n" not in between else 1
    sentence = 0 if paragraph == 0 and not re.search(r"(?<![A-Z])[.!?]+(?:\s|$)", between) else 1
    colon_before = i < start and text[:start].rstrip().endswith(":")
    return (sentence + paragraph, 0 if colon_before else 1, min(abs(i - start), abs(i - end)))


def _check_marks(key: str, text: str, spans: list[tuple[int, int]]) -> None:
    for i, ch in enumerate(text):
        if ch in _DOUBLE_MARKS and not any(s <= i < e for s, e in spans):
            context = text[max(0, i - 40) : i + 40].replace("\n", " ")
            print(
                f"warning: {key}: quote mark outside every labelled quotation: …{context}…", file=sys.stderr
            )


def _entities(key: str, text: str, rows: list[list[str]]) -> tuple[list[dict[str, Any]], list[list[int]]]:
    """Gold entities and ignored regions of one article; longest surfaces claim text first."""
    taken: list[tuple[int, int]] = []
    entities: list[dict[str, Any]] = []
    ignored: list[list[int]] = []
    entries = []
    for _, surface, label in rows:
        whole = surface.replace("[", "").replace("]", "")
        if "[" in surface:
            inner_start = surface.index("[")
            inner_end = surface.index("]") - 1
        else:
            inner_start, inner_end = 0, len(whole)
        entries.append((whole, inner_start, inner_end, label))
    for whole, inner_start, inner_end, label in sorted(entries, key=lambda e: -len(e[0])):
        hits = _word_hits(text, whole)
        placed = 0
        for hit in hits:
            start, end = hit + inner_start, hit + inner_end
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            placed += 1
            if label == "?":
                ignored.append([start, end])
            else:
                entities.append({"start": start, "end": end, "text": text[start:end], "label": label})
        if not placed:
            raise SystemExit(f"{key}: entity {whole!r} not found (or always inside a longer one)")
    entities.sort(key=lambda e: e["start"])
    ignored.sort()
    return entities, ignored


def main(wikinews: str, html_dir: str) -> None:
    quote_rows = _rows("eval_quotes_labels.txt")
    articles = _articles(Path(wikinews), Path(html_dir), [r[0] for r in quote_rows])
    out = HERE / "eval_quotes.jsonl"
    nquotes = 0
    with out.open("w", encoding="utf-8") as fh:
        for key in dict.fromkeys(r[0] for r in quote_rows):
            record = dict(articles[key], split="eval")
            record["quotes"] = quotes_from_labels(key, record["text"], [r for r in quote_rows if r[0] == key])
            nquotes += len(record["quotes"])
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{nquotes} quotations -> {out}")
    for batches, name, split in (
        (["eval_entities_labels.txt"], "eval_entities.jsonl", "eval"),
        # The second tuning batch (issue 14's second pass) is reported apart: out of sample until tuned on.
        (
            [
                "tune_entities_labels.txt",
                "tune_entities2_labels.txt",
                "tune_entities3_labels.txt",
                "tune_entities4_labels.txt",
                "tune_entities5_labels.txt",
                "tune_entities6_labels.txt",
                "tune_entities7_labels.txt",
            ],
            "tune_entities.jsonl",
            "tuned",
        ),
    ):
        out = HERE / name
        nents = 0
        with out.open("w", encoding="utf-8") as fh:
            for batch, labels in enumerate(batches, start=1):
                entity_rows = _rows(labels)
                articles = _articles(Path(wikinews), Path(html_dir), [r[0] for r in entity_rows])
                for key in dict.fromkeys(r[0] for r in entity_rows):
                    record = dict(articles[key], split=split)
                    if batch > 1:
                        record["batch"] = batch
                    record["entities"], record["ignored"] = _entities(
                        key, record["text"], [r for r in entity_rows if r[0] == key]
                    )
                    nents += len(record["entities"])
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{nents} entities -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
