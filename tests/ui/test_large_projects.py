"""What the window reads for everyday keys and dialogs, so they stay quick on large projects.

Each test counts what a key press reads or checks where the reading happens (never how
long it takes): `benchmarks/bench_large_project.py` prints the times on 5,000 articles,
30,000 claims and a 1 MB article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.core.model import ClaimLabel
from annotator.core.suggestions import QueueItem
from annotator.services import suggestions as suggestions_service
from annotator.services.project import open_project
from tests.ui.conftest import open_window


def test_j_reads_the_candidate_it_lands_on_not_the_whole_article(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """J / K say what a person or the model said of the candidate they land on. They read
    the article's whole queue to find it, one text slice per candidate, each walking the
    text from its start: a minute per key on a 1 MB article, 0.3 s at 100,000 characters."""
    with open_project(project_path) as project:
        article_id = project.articles()[0].id
        candidates = project.annotated(article_id).candidates
        second = candidates[1]
        project.add_claim(article_id, second.start, second.end, ClaimLabel.OPINION, annotator="someone")
    assert len(candidates) > 5
    read: list[int] = []
    original = suggestions_service.queue

    def counting(*args: Any, **kwargs: Any) -> list[QueueItem]:
        items = original(*args, **kwargs)
        read.append(len(items))
        return items

    monkeypatch.setattr(suggestions_service, "queue", counting)
    window = open_window(qtbot, project_path)
    assert window.article is not None and window.article.article.id == article_id
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.selected_span() == (second.start, second.end)
    assert window.statusBar().currentMessage() == "Labelled Opinion by a person"
    assert read and max(read) <= 1, f"J read {read} candidates"
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.selected_span() == (candidates[0].start, candidates[0].end)
    assert max(read) <= 1
    window.close()


def test_a_label_or_undo_refreshes_the_edited_articles_row_alone(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each label, undo, redo and D listed every article again (0.2 s a key on 5,000 articles);
    the list, its filters and the progress must follow the edit from that article's row."""
    from annotator.store.project_store import ProjectStore
    from tests.ui.conftest import make_project, wikinews_texts

    texts = wikinews_texts()
    path = make_project(
        tmp_path / "many.annotator.db", [*texts, *((f"{t} (2)", x + " Again.") for t, x in texts)]
    )
    listed: list[int] = []
    original = ProjectStore.articles

    def counting(self: ProjectStore, *args: Any, **kwargs: Any) -> Any:
        rows = original(self, *args, **kwargs)
        listed.append(len(rows))
        return rows

    monkeypatch.setattr(ProjectStore, "articles", counting)
    window = open_window(qtbot, path)
    assert window.article is not None
    shown = window.article.article.id
    model = window.articles.model
    row = model.row_of(shown)
    assert row is not None

    def cell(column: int) -> str:
        return str(model.data(model.index(row, column)))

    listed.clear()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert (cell(2), cell(3)) == ("1", "in progress")
    window.articles.label_filter.setCurrentIndex(window.articles.label_filter.findText("Factual"))
    assert window.articles.filter.rowCount() == 1  # the label filter sees the new claim
    window.articles.label_filter.setCurrentIndex(0)
    window.registry["undo"].trigger()
    assert (cell(2), cell(3)) == ("0", "new")
    window.registry["redo"].trigger()
    assert cell(2) == "1"
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert cell(3) == "done"
    assert window.progress_label.text() == "1 / 4 articles done"
    assert listed and max(listed) == 1, f"the list read {listed} rows after each edit"
    window.close()


def _name_said_often(path: Path, mentions: int, *, between: int = 0) -> tuple[Path, str]:
    """One article where "Anna Smith" speaks `mentions` times, each a suggested PERSON, an emoji
    in each sentence so code points and UTF-16 units differ; `between`: the number of other
    sentences between two of hers."""
    from annotator.core.model import Analysis, ArticleDraft, Entity, PipelineInfo
    from annotator.services.project import store_of

    sentence = "The mayor 🙂 disagreed about the budget with the council. " * between
    sentence += "Budget talks 🙂 went on late, said Anna Smith. "
    text = sentence * mentions
    at = sentence.index("Anna Smith")
    entities = tuple(
        Entity(n * len(sentence) + at, n * len(sentence) + at + len("Anna Smith"), "PERSON")
        for n in range(mentions)
    )
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text=text, title="Budget")])
        store_of(project).save_analysis(1, Analysis(PipelineInfo("hand-made", "1"), entities))
    return path, text


def test_every_mention_of_a_name_measures_the_text_once_not_once_a_mention(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Shift+A and its undo read each mention back to check it against the text's length, and
    each read counted the whole text's characters again (SQLite's `length` walks UTF-8): on a
    400,000-character report naming one person 354 times, the key held the window 0.7 s and
    its undo 0.9 s, longer the longer the article. One count of the text for the whole step."""
    from annotator.core.model import EntityStatus
    from annotator.services.project import store_of

    path, text = _name_said_often(tmp_path / "budget.annotator.db", 40)
    window = open_window(qtbot, path)
    assert window.project is not None and window.article is not None
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.scroll_to(text.index("Anna Smith") + 1)
    statements: list[str] = []
    conn = store_of(window.project).conn
    conn.set_trace_callback(statements.append)
    try:
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
        decided = {e.status for e in window.project.entities(1)}
        counted_by_the_key = sum("length(text)" in s for s in statements)
        statements.clear()
        window.registry["undo"].trigger()
        counted_by_undo = sum("length(text)" in s for s in statements)
    finally:
        conn.set_trace_callback(None)
    assert decided == {EntityStatus.ACCEPTED}
    assert {e.status for e in window.project.entities(1)} == {EntityStatus.SUGGESTED}
    # The step's count, and the window's reads of the article after it: a few, not one a mention.
    assert max(counted_by_the_key, counted_by_undo) <= 4, (counted_by_the_key, counted_by_undo)
    window.close()


def test_the_undo_of_a_name_rejected_all_through_a_long_report_reads_its_text_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The undo of Shift+R reads the names people decided on again, each cut from its article's
    text by SQLite's `substr`, which walks the UTF-8 text from its start to the name: each
    mention cost as much as the text before it, 0.2 s for the undo on a 400,000-character
    report naming one person 354 times. About one walk of the text in all."""
    from annotator.core.model import EntityStatus
    from annotator.services.project import store_of

    path, text = _name_said_often(tmp_path / "budget.annotator.db", 40, between=40)
    assert len(text) > 90_000
    window = open_window(qtbot, path)
    assert window.project is not None and window.article is not None
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.scroll_to(text.index("Anna Smith") + 1)
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert {e.status for e in window.project.entities(1)} == {EntityStatus.REJECTED}
    walked: list[int] = []

    def substr(value: Any, start: int, length: int) -> Any:
        """SQLite's, for the positive starts and lengths read here, and the characters it walks."""
        if isinstance(value, str) and len(value) > 10_000:
            walked.append(start)
        return value[start - 1 : start - 1 + length] if start > 0 and length >= 0 else None

    conn = store_of(window.project).conn
    conn.create_function("substr", 3, substr, deterministic=True)
    window.registry["undo"].trigger()
    assert {e.status for e in window.project.entities(1)} == {EntityStatus.SUGGESTED}
    assert sum(walked) <= 2 * len(text), (
        f"{len(walked)} names cut from the text, {sum(walked):,} characters walked"
    )
    window.close()


def test_every_mention_decided_redraws_the_paragraphs_in_view_and_the_rest_when_they_come(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Shift+A on a name a long report gives in 750 paragraphs laid out and highlighted again
    every one of them at once, most far from the page (0.15-0.3 s of the key on a 400,000-
    character report naming one person 354 times): those in view are redrawn at once, the
    others as they are painted, as opening a long article highlights them."""
    from annotator.core.model import Analysis, ArticleDraft, Entity, EntityStatus, PipelineInfo
    from annotator.services.project import store_of
    from annotator.ui import article_view

    paragraphs = [
        f"{('Anna Berg', 'Carl Dahl')[n % 2]} 🙂 met the mayor in Oslo on day {n} of the long meeting."
        for n in range(1500)
    ]
    text = "\n".join(paragraphs)
    assert len(text) > article_view._LAZY_FROM
    starts = [text.index(p) for p in paragraphs]
    entities = tuple(Entity(s, s + len("Anna Berg"), "PERSON") for s in starts[::2])
    path = tmp_path / "meeting.annotator.db"
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text=text, title="Meeting")])
        store_of(project).save_analysis(1, Analysis(PipelineInfo("hand-made", "1"), entities))
    window = open_window(qtbot, path)
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.scroll_to(starts[0] + 1)
    view.viewport().repaint()
    highlighter = view._highlighter
    redrawn: list[int] = []
    again = highlighter.rehighlightBlock

    def counted(block: Any) -> None:
        redrawn.append(block.blockNumber())
        again(block)

    highlighter.rehighlightBlock = counted  # type: ignore[method-assign]
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    view.viewport().repaint()
    assert window.project is not None
    assert {e.status for e in window.project.entities(1)} == {EntityStatus.ACCEPTED}
    assert len(window.project.entities(1)) == 750
    assert 0 < len(redrawn) < 100, f"{len(redrawn)} paragraphs highlighted again"
    accepted = highlighter._format("PERSON", EntityStatus.ACCEPTED, False)

    def looks_accepted(n: int) -> bool:
        block = view.document().findBlockByNumber(n)
        return any(r.start == 0 and r.format == accepted for r in block.layout().formats())

    assert looks_accepted(0)
    view.scroll_to(starts[1200] + 1)
    view.viewport().repaint()
    assert looks_accepted(1200)
    view.finish_highlighting()
    assert all(looks_accepted(n) for n in range(0, len(paragraphs), 2))
    window.close()


def test_a_claim_picked_far_down_one_long_paragraph_is_drawn_from_the_lines_in_view(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A transcript imported as one paragraph, a claim on each of its sentences: picking a
    claim in the middle of the claim list froze the window for minutes (3.5 on 5,000 claims).
    Each paint measured the lines under every claim from the paragraph's start, not the
    page's, each through every line of the paragraph."""
    from PySide6.QtGui import QTextLayout

    from annotator.core.model import ArticleDraft, ClaimDraft

    sentences = [f"Speaker {n} 🙂 said the council spent {n} dollars on the old bridge." for n in range(600)]
    text = " ".join(sentences)
    starts = [text.index(s) for s in sentences]
    claims = tuple(
        ClaimDraft(s, s + len(sentence), ClaimLabel.FACTUAL, "tester")
        for s, sentence in zip(starts, sentences, strict=True)
    )
    path = tmp_path / "transcript.annotator.db"
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text=text, title="Transcript", claims=claims)])
    window = open_window(qtbot, path)
    assert window.claim_model.rowCount() == 600
    view = window.view
    lines_measured = 0
    line_at = QTextLayout.lineAt

    def counted(layout: QTextLayout, i: int) -> Any:
        nonlocal lines_measured
        lines_measured += 1
        return line_at(layout, i)

    monkeypatch.setattr(QTextLayout, "lineAt", counted)
    window.claim_list.setFocus()
    window.claim_list.setCurrentIndex(window.claim_model.index(400, 0))
    assert view.selected_span() == (starts[400], starts[400] + len(sentences[400]))
    lines_measured = 0
    view.viewport().repaint()
    assert lines_measured < 2_000, f"{lines_measured:,} lines measured for one paint"
    # The claims in view are still drawn, the picked one among them.
    runs = view.claim_mark_runs()
    assert runs and view.selection_rects()
    assert any(rect.intersects(view.selection_rects()[0]) for _label, rect in runs)
    window.close()
