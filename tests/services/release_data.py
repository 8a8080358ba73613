"""A team project to release: 20 real Wikinews articles, three annotators, some gold decisions.

The articles come from `tests/data/formats/wikinews-20.jsonl` (with their URLs), imported
from their absolute path, so a release that leaked folder names would show it. Each
article's first paragraph has up to three sentences; who labels what is a fixed function
of the article and sentence number, so every count a test asserts can be worked out here.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Analysis, ArticleDraft, ClaimLabel, Entity, PipelineInfo
from annotator.services.guidelines import set_guidelines
from annotator.services.project import open_project, store_of
from annotator.store.merge import set_gold

DATA = Path(__file__).parents[1] / "data" / "formats"
ANNOTATORS = ("alice", "bob", "carol")
LABEL_ORDER = ("factual", "opinion", "questionable")
PIPELINE = PipelineInfo("hand-made", "1+rules0")
LICENCE = "Wikinews contributors, en.wikinews.org, CC BY 2.5"


def sentences(text: str) -> list[tuple[int, int]]:
    """The first paragraph's first three sentences (ending in '. '), as in the spaCy export test."""
    start = text.index("\n\n\n") + 3
    while text[start].isspace():
        start += 1
    spans = []
    for _ in range(3):
        end = text.find(". ", start)
        if end == -1:
            break
        spans.append((start, end + 1))
        start = end + 2
    return spans


def vote(article: int, sentence: int, annotator: int) -> str | None:
    """Who labels what. Sentence 0: all agree; 1: two agree, one differs; 2: a three-way split
    on even articles (a tie), one person leaves it out on odd ones (2 against 1 "no claim")."""
    base = LABEL_ORDER[(article + sentence) % 3]
    if sentence == 0:
        return base
    if sentence == 1:
        return base if annotator < 2 else LABEL_ORDER[(article + 2) % 3]
    if article % 2 == 0:
        return LABEL_ORDER[(article + annotator) % 3]
    return base if annotator > 0 else None


def build_release_project(path: Path) -> dict[int, list[tuple[int, int]]]:
    """Create the project; returns article id -> its labelled sentence spans."""
    from annotator.formats import read_path

    source = DATA / "wikinews-20.jsonl"
    drafts = [d for d in read_path(source.resolve()) if isinstance(d, ArticleDraft)]
    drafts = [
        ArticleDraft(
            text=d.text,
            title=d.title,
            source=d.source,
            meta={**d.meta, "licence": LICENCE, "saved_as": str(source.resolve())},
            origin=d.origin,
        )
        for d in drafts
    ]
    spans: dict[int, list[tuple[int, int]]] = {}
    with open_project(path) as project:
        ids = project.import_drafts(drafts).added
        set_guidelines(project, "# Guidelines\n\nAsk Carol or alice when unsure.\n")
        # The dateline as a DATE entity, so the card names a pipeline and the DocBins carry ents.
        store_of(project).save_analyses(
            (a, Analysis(PIPELINE, entities=(Entity(0, project.article(a).text.index(","), "DATE"),)))
            for a in ids
        )
        for n, article_id in enumerate(ids):
            text = project.article(article_id).text
            spans[article_id] = sentences(text)
            for s, (start, end) in enumerate(spans[article_id]):
                for k, name in enumerate(ANNOTATORS):
                    label = vote(n, s, k)
                    if label is not None:
                        note = f"{name.title()} thinks so" if s == 1 else ""
                        project.add_claim(article_id, start, end, label, annotator=name, note=note)
            if n < 12:  # a reviewer settled the first sentences of twelve articles
                start, end = spans[article_id][0]
                set_gold(
                    store_of(project), article_id, start, end, ClaimLabel(vote(n, 0, 0)), reviewer="dana"
                )
    return spans
