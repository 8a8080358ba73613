"""Turn NewsSD-ENG rows into a labelled project, for training tests and the benchmark.

NewsSD-ENG (CC BY 4.0, Antici et al., LREC-COLING 2024, nlp-unibo/newssd-eng)
labels single news sentences SUBJ/OBJ; we map SUBJ -> opinion, OBJ -> factual and
it has no questionable class. The CSV has no article ids, but its rows come in
runs from the same article, so consecutive sentences are grouped into
pseudo-articles of `per_article` sentences: the split by article then keeps each
run on one side. Fields hold newlines inside quotes, hence the csv module.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from annotator.core.model import Analysis, ArticleDraft, ClaimCandidate, ClaimDraft, ClaimLabel, PipelineInfo
from annotator.services.project import Project, open_project, store_of

HERE = Path(__file__).parent
SUBSET = HERE / "newssd_eng_subset.csv"
LABELS = {"SUBJ": ClaimLabel.OPINION, "OBJ": ClaimLabel.FACTUAL}
ANNOTATOR = "newssd"


def read_rows(path: Path = SUBSET) -> list[tuple[str, ClaimLabel]]:
    """(sentence with white space collapsed, label) per row, in file order."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [(" ".join(row["Sentence"].split()), LABELS[row["Label"]]) for row in csv.DictReader(handle)]


def drafts(
    rows: list[tuple[str, ClaimLabel]], *, per_article: int = 10, label: bool = True, tag: str = ""
) -> list[ArticleDraft]:
    """Pseudo-articles of consecutive sentences, each sentence a labelled claim (if `label`)."""
    out = []
    for first in range(0, len(rows), per_article):
        chunk = rows[first : first + per_article]
        parts: list[str] = []
        claims: list[ClaimDraft] = []
        offset = 0
        for sentence, lab in chunk:
            claims.append(ClaimDraft(offset, offset + len(sentence), lab, annotator=ANNOTATOR))
            parts.append(sentence)
            offset += len(sentence) + 1
        out.append(
            ArticleDraft(
                text=" ".join(parts),
                title=f"NewsSD {tag}{first // per_article + 1}",
                source="nlp-unibo/newssd-eng",
                meta={"sentences": [[c.start, c.end] for c in claims]},
                claims=tuple(claims) if label else (),
            )
        )
    return out


def add_candidates(project: Project, article_ids: Iterable[int] | None = None) -> None:
    """Make every sentence a claim candidate without running spaCy (the sentences are known), in
    every article or in those of `article_ids`."""
    pipeline = PipelineInfo("newssd-sentences", "1")
    items = []
    for article_id in project.article_ids() if article_ids is None else article_ids:
        spans = [(int(s), int(e)) for s, e in project.article(article_id).meta.get("sentences", [])]
        candidates = tuple(ClaimCandidate(s, e, 0.5, ("sentence",)) for s, e in spans)
        items.append((article_id, Analysis(pipeline=pipeline, candidates=candidates, sentences=tuple(spans))))
    store_of(project).save_analyses(items)


def make_project(path: Path, *, labelled: int = 300, unlabelled: int = 20) -> Path:
    """A project of `labelled` labelled sentences and `unlabelled` new ones, all of them candidates."""
    rows = read_rows()
    with open_project(path) as project:
        project.import_drafts(drafts(rows[:labelled]))
        project.import_drafts(drafts(rows[labelled : labelled + unlabelled], label=False, tag="new "))
        add_candidates(project)
    return path


def make_trained_project(path: Path) -> Path:
    """`make_project` with a model trained on it: its 20 new sentences carry suggestions."""
    from annotator.services.suggestions import TrainOptions, train_claim_model

    make_project(path)
    with open_project(path) as project:
        train_claim_model(project, options=TrainOptions())
    return path
