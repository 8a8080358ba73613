"""Run the entity fixes and the speaker rules on edge texts and list every exception they raise.

    .venv/bin/python benchmarks/fuzz_rules.py [--seconds 600] [--seed 0] [--articles PATH]

Pre-annotation catches a rule's failure per text (the text then keeps the model's entities, or
its quotations get no speakers), so a bug there is silent: this driver calls the rules directly.
The texts are made from Wikinews articles (`--articles`, JSON lines with a "text" field; by
default the shared samples, never the evaluation sets): each article cut at sentence ends and
at token boundaries users meet at an article's end (inside a name, right after a surname, after
an opening quote, after "said", "according to" or an apostrophe), whole and as its last few
sentences; and made-up texts: one token, only punctuation or quotes, unbalanced quotes, a name
at the very start and the very end, very long sentences, capitals only, an opened bracket at
the end, trailing spaces and newlines.

The real model pipeline runs with the entity fixes and the withholding of doubtful ORGs
switched off; then, as `analyse_doc` does, `fix_entities`, the withholding, `find_quotes`,
`sentence_spans`, `attribute` and `score_sentences` run on each document, outside any
try/except of the application. Each distinct failure (stage, exception type, innermost frame of
this project) is printed with the shortest text that raised it; the figures at the end say how
many texts were tried and for how long. One process: the machine is shared.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from spacy.language import Language
from spacy.tokens import Doc

from annotator.core.name_extent import name_extent
from annotator.core.text import normalize_text
from annotator.nlp import load_pipeline
from annotator.nlp.candidates import score_sentences, sentence_spans
from annotator.nlp.confidence import WITHHOLDER, shown_entities, withhold_doubtful_orgs
from annotator.nlp.entities import COMPONENT as FIXES
from annotator.nlp.entities import ORG_EVIDENCE, fix_entities
from annotator.nlp.quotes import find_quotes
from annotator.nlp.speakers import attribute

ARTICLES = Path("/work/shared/samples/wikinews-articles.jsonl")
ROOT = str(Path(__file__).resolve().parents[1] / "annotator")

PUNCTUATION = [*".,;:!?-—–()[]{}…/\\*&%$#@", "...", "--", "?!", ". . .", "•"]
QUOTES = ['"', "“", "”", "'", "‘", "’", "„", "«", "»", "‹", "›", '""', "''", "“”", '" "', "« »"]
SAID = ("said", "says", "told", "added", "according")
PER_KIND = 2


def _rules(doc: Doc, text: str) -> None:
    """What `analyse_doc` runs on a processed document, each step named for the report."""
    stage = "fix_entities"
    try:
        evidence: set[str] = set()
        doc.ents = fix_entities(doc, evidence=evidence)
        if evidence:
            doc.user_data[ORG_EVIDENCE] = evidence
        stage = "withhold_doubtful_orgs"
        withhold_doubtful_orgs(doc)
        stage = "shown_entities"
        for e in shown_entities(doc):
            name_extent(text, e.start_char, e.end_char)
        stage = "find_quotes"
        spans = find_quotes(text)
        stage = "sentence_spans"
        sentences = sentence_spans(doc, text=text)
        stage = "attribute"
        attribute(doc, spans, sentences=sentences, text=text)
        stage = "score_sentences"
        score_sentences(doc, sentences, model="fuzz", quotes=[(q.start, q.end) for q in spans], text=text)
    except Exception as exc:
        raise _RuleError(stage, exc) from exc


class _RuleError(Exception):
    def __init__(self, stage: str, exc: Exception) -> None:
        super().__init__(stage)
        self.stage = stage
        self.exc = exc


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(ROOT)]
    if not frames:
        return "?"
    f = frames[-1]
    return f"{Path(f.filename).name}:{f.lineno} {f.name}"


def _article_texts(nlp: Language, articles: list[str], rng: random.Random) -> Iterator[tuple[str, str]]:
    """Cuts of each article (parsed once, whole, through the full pipeline)."""
    for doc in nlp.pipe(articles, batch_size=8):
        text = doc.text
        yield "article", text
        if not len(doc):
            continue
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        cuts: list[tuple[str, int]] = [("sentence end", s.end_char) for s in sents]
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                cuts.append(("after a surname", ent.end_char))
            if len(ent) > 1:
                cuts.append(("inside a name", ent[len(ent) // 2].idx))
                cuts.append(("inside a name", ent[0].idx + len(ent[0]) // 2 + 1))
        for tok in doc:
            if tok.is_quote or tok.text in QUOTES:
                cuts.append(("after a quote", tok.idx + len(tok)))
            if tok.lower_ in SAID:
                cuts.append(("after said", tok.idx + len(tok)))
                if tok.i + 1 < len(doc):
                    cuts.append(("after said", doc[tok.i + 1].idx + len(doc[tok.i + 1])))
            if "'" in tok.text or "’" in tok.text:
                cuts.append(
                    ("after an apostrophe", tok.idx + max(tok.text.find("'"), tok.text.find("’")) + 1)
                )
        for _ in range(10):
            tok = doc[rng.randrange(len(doc))]
            cuts.append(("random token", tok.idx + len(tok)))
        # A few cuts of each kind per article, so that a bounded run still sees every article.
        by_kind: dict[str, list[int]] = {}
        for kind, end in cuts:
            by_kind.setdefault(kind, []).append(end)
        for kind, ends in by_kind.items():
            for end in rng.sample(ends, min(len(ends), PER_KIND)):
                if rng.random() < 0.4:
                    yield kind, text[:end]
                else:  # the last few sentences before the cut: quicker, and the cut still ends it
                    first = max(0, sum(1 for s in starts if s < end) - 3)
                    yield kind + " (window)", text[starts[first] : end] if sents else text[:end]
                if rng.random() < 0.2:
                    yield (
                        kind + " (trailing space)",
                        text[:end] + rng.choice([" ", "\n", "  \n\n", "\n \n", "\t"]),
                    )


def _made_up(articles: list[str], rng: random.Random) -> Iterator[tuple[str, str]]:
    words = [w for a in articles for w in a.split()]
    names = sorted({w.strip(".,;:\"'“”()") for w in words if w[:1].isupper() and len(w) > 3})
    sentences = [s.strip() for a in articles for s in a.replace("\n", " ").split(". ") if s.strip()]
    for p in PUNCTUATION + QUOTES:
        yield "punctuation", p
        yield "punctuation", p * rng.randint(2, 9)
    yield "empty", ""
    yield "space", " "
    yield "space", "\n\n"
    while True:
        kind = rng.randrange(17)
        s = rng.choice(sentences)
        name = rng.choice(names)
        if kind == 0:
            yield "one token", rng.choice(words)
        elif kind == 1:
            yield "punctuation", "".join(rng.choice(PUNCTUATION + QUOTES) for _ in range(rng.randint(1, 12)))
        elif kind == 2:
            yield "quotes only", " ".join(rng.choice(QUOTES) for _ in range(rng.randint(1, 8)))
        elif kind == 3:
            q = rng.choice(QUOTES[:8])
            pos = rng.randrange(len(s) + 1)
            yield "unbalanced quote", s[:pos] + q + s[pos:]
        elif kind == 4:
            yield "name at both ends", f"{name} {s}. {rng.choice(sentences)} {name}"
        elif kind == 5:
            yield "name at both ends", f"{name}. {s}, said {name}"
        elif kind == 6:
            yield (
                "long sentence",
                ", and ".join(rng.sample(sentences, min(len(sentences), rng.randint(10, 40)))),
            )
        elif kind == 7:
            yield "capitals", "\n".join(x.upper() for x in rng.sample(sentences, 3))
        elif kind == 8:
            yield (
                "bracket at end",
                f"{s} {rng.choice(['[', '(', '{'])}{rng.choice([name, 'O', 'O’', 'O' + chr(39)])}",
            )
        elif kind == 9:
            yield "bracket at end", f"{s} [O'Connell"
        elif kind == 10:
            yield "quote at end", f"{s}, {name} said: {rng.choice(QUOTES)}"
        elif kind == 11:
            yield "words", " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
        elif kind == 12:
            yield (
                "name only",
                rng.choice([name, f"{name}'s", f"{name}'", f"'{name}", f'"{name}"', f"{name} {name}"]),
            )
        elif kind == 14:
            yield "lower case", s.lower()
        elif kind == 15:
            yield "a word a line", "\n".join(s.split())
        elif kind == 16:
            yield "odd spaces", rng.choice(["\u00a0", "\u2009", "\u200b", "\u2028", "  "]).join(s.split())
        else:
            yield "trailing space", s + rng.choice([" ", "\n", " \n \n", "\n\n\n", "   "])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--articles", type=Path, default=ARTICLES)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = [
        json.loads(line)["text"] for line in args.articles.read_text(encoding="utf-8").splitlines() if line
    ]
    rng.shuffle(articles)
    nlp = load_pipeline(None).nlp
    texts = _interleave(_article_texts(nlp, articles, rng), _made_up(articles, rng))
    started = time.process_time()
    tried = 0
    failures: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    counts: dict[tuple[str, str, str], int] = {}
    with nlp.select_pipes(disable=[FIXES, WITHHOLDER]):
        while time.process_time() - started < args.seconds:
            batch = [(k, normalize_text(t)) for k, t in itertools.islice(texts, 32)]
            if not batch:
                break
            for (kind, text), doc in zip(batch, nlp.pipe([t for _, t in batch]), strict=True):
                tried += 1
                try:
                    _rules(doc, text)
                except _RuleError as f:
                    key = (f.stage, type(f.exc).__name__, _where(f.exc))
                    counts[key] = counts.get(key, 0) + 1
                    if key not in failures or len(text) < len(failures[key][1]):
                        failures[key] = (kind, text, "".join(traceback.format_exception(f.exc)))
    seconds = time.process_time() - started
    for key, (kind, text, tb) in sorted(failures.items()):
        print(f"== {key[0]}: {key[1]} at {key[2]} ({counts[key]} texts; shortest from {kind!r})")
        print(f"text: {text!r}")
        print(tb)
    print(f"{tried} texts, {seconds:.0f} CPU seconds, {len(failures)} distinct failures")


def _interleave(a: Iterator[tuple[str, str]], b: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Article cuts and made-up texts alternately (four cuts, one made-up text)."""
    while True:
        got = list(itertools.islice(a, 4)) + list(itertools.islice(b, 1))
        if not got:
            return
        yield from got


if __name__ == "__main__":
    main()
