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


AGREED_TEXTS = (
    "Prices rose by ten percent. The minister says this is fine.",  # agreed, and a decided split
    "Rain fell all week. The river is the highest in years.",  # agreed twice; "no claim" on one
    "The bridge opened in 1932. It is the city's pride.",  # agreed; a decision says otherwise
    "Trains run every hour. Tickets cost two euros.",  # agreed, nothing to decide
    "Schools close on Friday. The strike is unfair.",  # agreed, a split nobody decided yet
)


def build_agreed_project(path: Path) -> dict[str, list[tuple[int, int, str]]]:
    """alice and bob on five short articles (`AGREED_TEXTS`), reviewed as a team would.

    Returns article title -> the gold claims (start, end, label) it should release, in text order;
    the fifth article, with an undecided disagreement and no gold label, is not among them.
    """
    from annotator.core.commands import UpdateClaim
    from annotator.services.adjudication import decide, review_items

    def sentences_of(text: str) -> tuple[tuple[int, int], tuple[int, int]]:
        cut = text.index(". ") + 1
        return (0, cut), (cut + 1, len(text))

    drafts = [ArticleDraft(text=t, title=f"A{n}") for n, t in enumerate(AGREED_TEXTS)]
    with open_project(path) as project:
        ids = project.import_drafts(drafts).added
        spans = [sentences_of(t) for t in AGREED_TEXTS]
        votes = [  # per article: (alice, bob) on the first sentence, then on the second
            (("factual", "factual"), ("opinion", "questionable")),
            (("factual", None), ("opinion", "opinion")),
            (("factual", "opinion"), (None, None)),
            (("factual", "factual"), (None, None)),
            (("factual", "factual"), ("opinion", "questionable")),
        ]
        bob_first = {}
        for article_id, pair, labels in zip(ids, spans, votes, strict=True):
            for span, (alice, bob) in zip(pair, labels, strict=True):
                for name, label in (("alice", alice), ("bob", bob)):
                    if label is not None:
                        claim = project.add_claim(article_id, *span, label, annotator=name)
                        if name == "bob" and span == pair[0]:
                            bob_first[article_id] = claim.id
        items = {(i.article_id, i.span): i for i in review_items(project)}
        decide(project, items[(ids[0], spans[0][1])], ClaimLabel.OPINION, reviewer="dana")
        decide(project, items[(ids[1], spans[1][0])], None, reviewer="dana")  # only alice had it
        decide(project, items[(ids[2], spans[2][0])], ClaimLabel.QUESTIONABLE, reviewer="dana")
        # After the review bob marks A1's first sentence as alice did, and relabels A2's to agree
        # with her: agreed spans now, under a decision that still says otherwise.
        project.add_claim(ids[1], *spans[1][0], "factual", annotator="bob")
        project.execute(UpdateClaim(bob_first[ids[2]], label=ClaimLabel.FACTUAL))
    return {
        "A0": [(*spans[0][0], "factual"), (*spans[0][1], "opinion")],
        "A1": [(*spans[1][1], "opinion")],
        "A2": [(*spans[2][0], "questionable")],
        "A3": [(*spans[3][0], "factual")],
    }


def gold_by_title(
    rows: list[dict[str, object]], titles: dict[int, str]
) -> dict[str, list[tuple[int, int, str]]]:
    """Claims-jsonl rows as `build_agreed_project` states its gold: title -> (start, end, label)."""
    found: dict[str, list[tuple[int, int, str]]] = {}
    for row in rows:
        claim = (int(str(row["start"])), int(str(row["end"])), str(row["label"]))
        found.setdefault(titles[int(str(row["article_id"]))], []).append(claim)
    return {title: sorted(claims) for title, claims in sorted(found.items())}
