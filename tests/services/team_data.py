"""Three annotators' project files built from the same articles with known labels.

Used by the team tests (services, store, ui): every figure they assert is worked
out from `LABELS` below by the reference implementations.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import ArticleDraft
from annotator.services.project import open_project

ANNOTATORS = ("alice", "bob", "carol")
F, O, Q = "factual", "opinion", "questionable"  # noqa: E741 - short, so the table reads as a grid

ARTICLES = [
    (
        "Council budget",
        "The council approved a budget of 4 million euros on Monday. "
        "Critics say the plan is a disaster for the city. "
        "The mayor claimed unemployment fell by half since 2019. "
        "Residents will vote on the proposal in May. "
        "Many think the mayor should resign.",
    ),
    (
        "Storm damage",
        "The storm destroyed 120 homes in the coastal region. "
        "Officials reported two deaths and dozens of injuries. "
        "It was the worst disaster anyone can remember. "
        "Some posts online say the dam was sabotaged. "
        "Repairs are expected to cost 30 million dollars.",
    ),
    (
        "Vaccine trial",
        "The vaccine was 91 percent effective in a trial of 40,000 people. "
        "The company said it will apply for approval next month. "
        "Skeptics argue the trial was rushed. "
        "A viral video claims the vaccine alters DNA. "
        "Health officials called the results encouraging.",
    ),
]

# (article index, sentence index) -> labels of alice, bob, carol (None: not marked).
LABELS: dict[tuple[int, int], tuple[str | None, str | None, str | None]] = {
    (0, 0): (F, F, F),
    (0, 1): (O, O, Q),
    (0, 2): (Q, F, Q),
    (0, 3): (F, None, F),
    (0, 4): (O, O, O),
    (1, 0): (F, F, F),
    (1, 1): (F, F, None),
    (1, 2): (O, O, O),
    (1, 3): (Q, Q, O),
    (1, 4): (None, F, F),
    (2, 0): (F, F, F),
    (2, 1): (F, O, F),
    (2, 2): (O, O, O),
    (2, 3): (Q, Q, Q),
    (2, 4): (O, F, None),
}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of the fixture texts: each ends with '. ' or the end of text."""
    spans, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        spans.append((start, end))
        start = end + 1
    return spans


def span_of(article: int, sentence: int) -> tuple[int, int]:
    return sentence_spans(ARTICLES[article][1])[sentence]


def build_annotator_projects(folder: Path) -> list[Path]:
    """One project per annotator, each importing the same articles and labelling per `LABELS`."""
    paths = []
    for k, name in enumerate(ANNOTATORS):
        path = folder / f"{name}.db"
        with open_project(path) as project:
            report = project.import_drafts(ArticleDraft(text=text, title=title) for title, text in ARTICLES)
            for (article, sentence), labels in LABELS.items():
                label = labels[k]
                if label is None:
                    continue
                start, end = span_of(article, sentence)
                project.add_claim(
                    report.added[article], start, end, label, annotator=name, note=f"{name} note"
                )
        paths.append(path)
    return paths


def whole_and_half_team(
    folder: Path, *, whole_decided_no_claim: bool = False
) -> tuple[Path, tuple[int, int], tuple[int, int], tuple[int, int]]:
    """alice and bob labelled the first sentence factual alike; alice marked the mayor's
    sentence questionable whole, bob only its second half. The team file, and the spans of
    the agreed sentence, the whole and the half; `whole_decided_no_claim`: the lead decided
    the whole "no claim", as the exact review lists it, the half left open there."""
    from annotator.services.merging import merge_files

    title, text = ARTICLES[0]
    agreed, whole = span_of(0, 0), span_of(0, 2)
    half = (text.index("unemployment"), whole[1])
    people = []
    for name in ("alice", "bob"):
        with open_project(folder / f"{name}.db") as own:
            (article,) = own.import_drafts([ArticleDraft(text=text, title=title)]).added
            own.add_claim(article, *agreed, "factual", annotator=name)
            own.add_claim(article, *(whole if name == "alice" else half), "questionable", annotator=name)
        people.append(folder / f"{name}.db")
    path = folder / "team.annotator.db"
    with open_project(path) as team:
        merge_files(team, people)
        if whole_decided_no_claim:
            from annotator.services.adjudication import decide, review_items

            (item,) = [i for i in review_items(team, match="exact") if i.span == whole]
            decide(team, item, None, reviewer="lead")
    return path, agreed, whole, half
