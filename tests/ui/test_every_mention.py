"""Shift+A / Shift+R in entity mode: one key decides every mention of a name with its type, one
Ctrl+Z undoes it; other names, other types and mentions already decided by hand are left alone.
Shift+A on selected text that is no entity adds it at every occurrence no entity covers; the
next articles pre-annotated carry these decisions, and the window says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.core.errors import ReadOnlyError
from annotator.core.model import Analysis, ArticleDraft, Entity, EntityStatus, PipelineInfo
from annotator.services.project import store_of
from annotator.store import ProjectStore
from annotator.ui.main_window import MainWindow
from tests.services.test_entity_decisions_carry import (
    FIRST,
    SECOND,
    _ai_as_places,
    _decide_in_the_first_article,
    rules_project_decided_after_pre_annotation,
)
from tests.ui.conftest import open_window

# The op-ed's "AI" typed GPE, over and over, beside a real place; an emoji first, so code
# points and UTF-16 units differ.
TEXT = (
    "🙂 AI is everywhere. Regulators in Britain say AI needs rules, and AI firms agree.\n"
    "The AI Act (AI) passed in Brussels."
)


def _mentions(word: str) -> list[tuple[int, int]]:
    spans, at = [], TEXT.find(word)
    while at != -1:
        spans.append((at, at + len(word)))
        at = TEXT.find(word, at + 1)
    return spans


def _project(path: Path) -> Path:
    law = _mentions("AI Act")[0]
    entities = [Entity(s, e, "GPE") for s, e in _mentions("AI") if s != law[0]]
    entities.append(Entity(*law, "LAW"))
    entities += [Entity(*_mentions("Britain")[0], "GPE"), Entity(*_mentions("Brussels")[0], "GPE")]
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text=TEXT, title="AI")])
        store_of(project).save_analysis(1, Analysis(PipelineInfo("hand-made", "1"), tuple(entities)))
    return path


def _statuses(window: MainWindow) -> dict[tuple[str, str, int], EntityStatus]:
    assert window.project is not None
    return {(TEXT[e.start : e.end], e.label, e.start): e.status for e in window.project.entities(1)}


def test_shift_r_rejects_every_ai_place_and_one_undo_brings_them_back(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, _project(tmp_path / "ai.annotator.db"))
    view = window.view
    view.setFocus()
    first_ai = _mentions("AI")[0]
    view.scroll_to(first_ai[0])
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)  # outside entity mode
    assert all(s == EntityStatus.SUGGESTED for s in _statuses(window).values())
    qtbot.keyClick(view, Qt.Key.Key_E)
    # One mention is accepted by hand first: Shift+R still rejects it (the person asks for all).
    later = next(s for s in _mentions("AI") if s[0] > first_ai[0])
    view.scroll_to(later[0])
    qtbot.keyClick(view, Qt.Key.Key_A)
    view.scroll_to(first_ai[0])
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    statuses = _statuses(window)
    ai_gpe = {k: v for k, v in statuses.items() if k[:2] == ("AI", "GPE")}
    assert len(ai_gpe) >= 4 and set(ai_gpe.values()) == {EntityStatus.REJECTED}
    assert statuses[("AI Act", "LAW", _mentions("AI Act")[0][0])] == EntityStatus.SUGGESTED
    assert statuses[("Britain", "GPE", _mentions("Britain")[0][0])] == EntityStatus.SUGGESTED
    # Said when the key is pressed: one key now reaches the other articles.
    assert window.statusBar().currentMessage() == (
        f"Rejected {len(ai_gpe)} mentions of AI (GPE) — carried to other articles (Team ▸ Entity Decisions…)"
    )
    # The line under the text follows the decision, as the highlight does.
    assert window.context_line.text() == "GPE: AI (rejected)"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.context_line.text() == "GPE: AI (suggested)"
    ai_gpe = {k: v for k, v in _statuses(window).items() if k[:2] == ("AI", "GPE")}
    assert list(ai_gpe.values()).count(EntityStatus.ACCEPTED) == 1
    assert list(ai_gpe.values()).count(EntityStatus.SUGGESTED) == len(ai_gpe) - 1
    # Shift+A accepts the rest, but not a mention a person rejected one by one.
    view.scroll_to(later[0])
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert window.statusBar().currentMessage() == (
        "Rejected AI (GPE) — carried to other articles (Team ▸ Entity Decisions…)"
    )
    view.scroll_to(first_ai[0])
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage().startswith("Accepted ")  # accepting carries nothing
    assert "carried" not in window.statusBar().currentMessage()
    ai_gpe = {k: v for k, v in _statuses(window).items() if k[:2] == ("AI", "GPE")}
    assert ai_gpe[("AI", "GPE", later[0])] == EntityStatus.REJECTED
    assert list(ai_gpe.values()).count(EntityStatus.ACCEPTED) == len(ai_gpe) - 1
    window.close()


def test_shift_a_says_how_many_rejected_mentions_it_left_rejected(qtbot: QtBot, tmp_path: Path) -> None:
    """Shift+A leaves the mentions a person rejected: "Accepted 3 mentions of AI (GPE)" alone,
    with one still struck through, read as a key that missed it, and pressed again it said
    every mention was accepted already."""
    window = open_window(qtbot, _project(tmp_path / "ai.annotator.db"))
    view = window.view
    view.setFocus()
    first_ai, later = _mentions("AI")[0], _mentions("AI")[1]
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.scroll_to(later[0])
    qtbot.keyClick(view, Qt.Key.Key_R)
    view.scroll_to(first_ai[0])
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage() == (
        "Accepted 3 mentions of AI (GPE); 1 rejected mention stays rejected (A on it accepts it)"
    )
    assert _statuses(window)[("AI", "GPE", later[0])] == EntityStatus.REJECTED
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage() == (
        "Every mention of AI (GPE) is accepted already;"
        " 1 rejected mention stays rejected (A on it accepts it)"
    )
    window.close()


def test_shift_a_on_a_missed_name_adds_it_wherever_no_entity_covers_it(qtbot: QtBot, tmp_path: Path) -> None:
    """The op-ed's Anthropic, missed at all its mentions; one was already typed (wrongly) and a
    person decides that one with A and R, so it is left alone."""
    text = "🙂 Anthropic said so. Critics of Anthropic disagree, and Anthropic's rivals too."
    path = tmp_path / "anthropic.annotator.db"
    second = text.index("Anthropic", 25)
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text=text, title="Anthropic")])
        store_of(project).save_analysis(
            1, Analysis(PipelineInfo("hand-made", "1"), (Entity(second, second + 9, "GPE"),))
        )
    window = open_window(qtbot, path)
    assert window.project is not None
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.select_span(text.index("Anthropic"), text.index("Anthropic") + 9)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    dialog = window.entities.entity_dialog
    assert dialog is not None
    dialog.combo.setCurrentText("ORG")
    dialog.accept()
    added = sorted((e.start, e.label) for e in window.project.entities(1) if e.status == EntityStatus.ADDED)
    starts = [i for i in range(len(text)) if text.startswith("Anthropic", i)]
    assert added == [(s, "ORG") for s in starts if s != second]
    assert window.statusBar().currentMessage() == (
        "Added 2 mentions of Anthropic (ORG) — carried to other articles (Team ▸ Entity Decisions…)"
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [e.status for e in window.project.entities(1)] == [EntityStatus.SUGGESTED]
    window.close()


def test_the_window_says_where_a_suggestion_from_decisions_comes_from(qtbot: QtBot, tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "p.annotator.db") as store:
        _decide_in_the_first_article(store)
        store.import_drafts([ArticleDraft(text=SECOND, title="Second")])
        store.save_analysis(2, _ai_as_places(SECOND))
    window = open_window(qtbot, tmp_path / "p.annotator.db")
    window.show_article(2)
    at = SECOND.index("Anthropic")
    assert window.view.describe(at + 1) == "ORG: Anthropic (suggested: your team added it elsewhere)"
    assert window.view.describe(SECOND.index("Zürich")) == "GPE: Zürich (suggested)"
    window.close()


# One page written decomposed (an accent as a combining mark, as text from macOS comes), the
# other composed and with a no-break space (`&nbsp;`) inside a name.
DECOMPOSED = "Jose\u0301 Marti\u0301 wrote it. Emmanuel Macron replied.\n"
COMPOSED = "Poems by Jos\u00e9 Mart\u00ed were read. M. Emmanuel\u00a0Macron listened.\n"


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_decision_reaches_a_name_written_with_other_accents_or_spaces(qtbot: QtBot, tmp_path: Path) -> None:
    """R on José Martí written with combining accents, and a name added there, reached no
    article that wrote them composed, or with a no-break space between the words: the other
    article still suggested the person rejected, and missed the name added."""
    path = tmp_path / "accents.annotator.db"
    marti = (0, len("Jose\u0301 Marti\u0301"))
    composed_marti = (COMPOSED.index("Jos"), COMPOSED.index(" were"))
    with open_project(path) as project:
        project.import_drafts(
            [ArticleDraft(text=DECOMPOSED, title="One"), ArticleDraft(text=COMPOSED, title="Two")]
        )
        store_of(project).save_analyses(
            [
                (1, Analysis(PipelineInfo("hand-made", "1"), (Entity(*marti, "PERSON"),))),
                (2, Analysis(PipelineInfo("hand-made", "1"), (Entity(*composed_marti, "PERSON"),))),
            ]
        )
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_E)
        window.view.select_span(*marti)
        qtbot.keyClick(window.view, Qt.Key.Key_R)
        macron = DECOMPOSED.index("Emmanuel")
        add_selected(qtbot, window, (macron, macron + len("Emmanuel Macron")), "PERSON", every=False)
        window.show_article(2)
        assert window.view.describe(composed_marti[0] + 1) == ""  # left out, as rejected
        at = COMPOSED.index("Emmanuel")
        assert window.view.describe(at + 1) == (
            "PERSON: Emmanuel Macron (suggested: your team added it elsewhere)"
        )
        suggested = [(COMPOSED[e.start : e.end], e.label) for e in window.project.entities(2)]
        assert suggested == [("Emmanuel\u00a0Macron", "PERSON")]
    finally:
        window.close()


def test_opening_an_article_pre_annotated_earlier_brings_it_up_to_the_decisions(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.annotator.db"
    with ProjectStore(path) as store:
        store.import_drafts(
            [ArticleDraft(text=FIRST, title="First"), ArticleDraft(text=SECOND, title="Second")]
        )
        store.save_analyses([(1, _ai_as_places(FIRST)), (2, _ai_as_places(SECOND))])
        _decide_in_the_first_article(store)  # after the second article was pre-annotated
    window = open_window(qtbot, path)
    # A file that cannot be written shows the article as it is.
    broken = ReadOnlyError("read-only")

    def refuse(_article_id: int, **_options: object) -> tuple[int, int]:
        raise broken

    assert window.project is not None
    with monkeypatch.context() as patch:
        patch.setattr(window.project, "carry_decisions", refuse)
        window.show_article(2)
        assert window.view.describe(SECOND.index("AI")) == "GPE: AI (suggested)"
    window.show_article(2)
    assert window.statusBar().currentMessage() == (
        "Your team's entity decisions: 2 suggestions left out, 1 added"
    )
    assert window.view.describe(SECOND.index("AI")) == ""
    assert window.view.describe(SECOND.index("Anthropic")).startswith("ORG: Anthropic (suggested: your team")
    window.close()


def test_ctrl_p_brings_every_article_up_to_the_decisions_without_opening_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """An export writes suggestions as pre-annotation: Pre-annotate All carries the team's
    decisions to the articles nobody has opened since, in the worker, and says what changed."""
    path = rules_project_decided_after_pre_annotation(tmp_path / "p.annotator.db")
    window = open_window(qtbot, path)
    window.show_article(1)
    # A person mid-article: the new suggestions come without losing their place.
    at = FIRST.index("needs rules")
    window.view.select_span(at, at + len("needs rules"))
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    said = "Your team's entity decisions: 2 suggestions left out, 1 added in 1 article"  # a sentence
    qtbot.waitUntil(lambda: said in window.statusBar().currentMessage(), timeout=60_000)
    assert window.view.selected_span() == (at, at + len("needs rules"))
    assert window.project is not None
    assert [(SECOND[e.start : e.end], e.status) for e in window.project.entities(2)] == [
        ("Zürich", EntityStatus.SUGGESTED),
        ("Anthropic", EntityStatus.SUGGESTED),
    ]
    window.close()


def test_ctrl_p_after_a_rejection_says_the_rejected_name_is_still_kept_out(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Once every article follows the rejection (opened since, or carried by a Ctrl+P before),
    Ctrl+P changed nothing and said only "Pre-annotated 0 articles": whether the rejection
    still held was anyone's guess."""
    path = rules_project_decided_after_pre_annotation(tmp_path / "p.annotator.db", decide=False)
    window = open_window(qtbot, path)
    assert window.project is not None
    status = window.statusBar()

    def pre_annotate_all() -> str:
        # The shortcut is the active window's, and a run under way takes the next Ctrl+P as its own.
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        with qtbot.waitSignal(window.events.preannotated, timeout=60_000):
            qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        said = status.currentMessage()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        return said

    # Nobody has decided anything: nothing is said of decisions.
    assert pre_annotate_all() == "Pre-annotated 0 articles with simple rules; 2 already up to date"
    window.show_article(1)
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_E)
    view.scroll_to(FIRST.index("AI"))
    qtbot.keyClick(view, Qt.Key.Key_R)
    # The view shows the rejection once the edit's save comes back, a turn of the event loop
    # later on a loaded machine.
    qtbot.waitUntil(lambda: window.view.describe(FIRST.index("AI")) == "GPE: AI (rejected)")
    window.show_article(2)
    assert status.currentMessage() == "Your team's entity decisions: 2 suggestions left out, 0 added"
    # The article it was rejected in had its other mention as a suggestion still.
    assert pre_annotate_all() == (
        "Your team's entity decisions: 1 suggestion left out, 0 added in 1 article;"
        " 1 rejected name kept out of the suggestions"
    )
    # Asked again, nothing is left to change: the rejection is said to hold all the same.
    assert pre_annotate_all() == (
        "Pre-annotated 0 articles with simple rules; 2 already up to date;"
        " 1 rejected name kept out of the suggestions"
    )
    assert store_of(window.project).entity_decisions().rejected == {("AI", "GPE")}
    assert [(SECOND[e.start : e.end], e.label) for e in window.project.entities(2)] == [("Zürich", "GPE")]
    first = window.project.entities(1)
    assert [e.status for e in first if e.start == FIRST.index("AI")] == [EntityStatus.REJECTED]
    assert not [e for e in first if FIRST[e.start : e.end] == "AI" and e.status == EntityStatus.SUGGESTED]
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_shift_a_with_the_suggested_type_accepts_the_name_selected_and_leaves_rejected_mentions(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """ "Apple " selected word by word (so A asks a type) where Apple is suggested as an ORG,
    typed ORG with Shift+A: an added ORG went in beside the suggestion, and another beside the
    mention the person had rejected as an ORG, each name then exported twice with two answers."""
    text = "🙂 Apple said Apple will grow, and Apple fell."
    first, second, third = (i for i in range(len(text)) if text.startswith("Apple", i))
    path = tmp_path / "apple.annotator.db"
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text=text, title="Apple")])
        suggested = (Entity(first, first + 5, "ORG"), Entity(second, second + 5, "ORG"))
        store_of(project).save_analysis(1, Analysis(PipelineInfo("hand-made", "1"), suggested))
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        view = window.view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        view.select_span(second, second + 5)
        qtbot.keyClick(view, Qt.Key.Key_R)
        view.select_span(first, first + 6)  # "Apple ", as Shift+Ctrl+Right selects it
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
        dialog = window.entities.entity_dialog
        assert dialog is not None
        dialog.combo.setCurrentText("ORG")
        dialog.accept()

        rows = sorted((e.start, e.label, e.status) for e in window.project.entities(1))
        assert rows == [
            (first, "ORG", EntityStatus.ACCEPTED),
            (second, "ORG", EntityStatus.REJECTED),
            (third, "ORG", EntityStatus.ADDED),
        ]
        assert window.statusBar().currentMessage() == (
            "Accepted Apple (ORG) and added 1 other mention"
            " — carried to other articles (Team ▸ Entity Decisions…)"
        )
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        rows = sorted((e.start, e.label, e.status) for e in window.project.entities(1))
        assert rows == [(first, "ORG", EntityStatus.SUGGESTED), (second, "ORG", EntityStatus.REJECTED)]
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_on_a_name_a_person_added_keeps_it_added_and_carried(qtbot: QtBot, tmp_path: Path) -> None:
    """A (or Shift+A) on "Anthropic", added by hand a moment before (J to it, A: the key that
    accepts), made it "accepted", as if pre-annotation had found it: the next article no longer
    got it suggested, and the export's `status` said the model had found it."""
    first, second = "🙂 Anthropic said so on Monday.", "Critics of Anthropic disagree."
    path = tmp_path / "anthropic.annotator.db"
    with open_project(path) as project:
        project.import_drafts(
            [ArticleDraft(text=first, title="First"), ArticleDraft(text=second, title="Second")]
        )
        nothing = Analysis(PipelineInfo("hand-made", "1"), ())
        store_of(project).save_analyses([(1, nothing), (2, nothing)])
    window = open_window(qtbot, path)
    try:
        assert window.project is not None
        view = window.view
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_E)
        at = first.index("Anthropic")
        view.select_span(at, at + len("Anthropic "))  # with the space after: A asks a type
        qtbot.keyClick(view, Qt.Key.Key_A)
        dialog = window.entities.entity_dialog
        assert dialog is not None
        dialog.combo.setCurrentText("ORG")
        dialog.accept()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        view.setFocus()
        view.select_span(0, 0)
        qtbot.keyClick(view, Qt.Key.Key_J)
        assert window.statusBar().currentMessage() == "Entity 1 of 1: ORG, added"
        qtbot.keyClick(view, Qt.Key.Key_A)
        assert [e.status for e in window.project.entities(1)] == [EntityStatus.ADDED]
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
        assert [e.status for e in window.project.entities(1)] == [EntityStatus.ADDED]
        window.show_article(2)
        at = second.index("Anthropic")
        assert view.describe(at + 1) == "ORG: Anthropic (suggested: your team added it elsewhere)"
    finally:
        window.close()


# A wire story as Xinhua writes one: no spaces between words, so every name stands between
# other letters, and 北京 once inside the longer 北京市.
XINHUA = (
    "新华社北京3月5日电 国家主席习近平5日在北京人民大会堂会见法国总统。"
    "习近平指出，中法关系保持良好发展势头。北京市政府当天发布消息。\n"
)
XINHUA_LATER = "新华社上海3月6日电 习近平主席6日致信祝贺论坛开幕。\n"


def entity_mode_on(qtbot: QtBot, tmp_path: Path, articles: list[tuple[str, str]]) -> MainWindow:
    """A window in entity mode on articles (text, title) that pre-annotation found no name in:
    every entity is the person's."""
    path = tmp_path / "hand-made.annotator.db"
    with open_project(path) as project:
        project.import_drafts([ArticleDraft(text=text, title=title) for text, title in articles])
        nothing = Analysis(PipelineInfo("hand-made", "1"), ())
        store_of(project).save_analyses([(n, nothing) for n in range(1, len(articles) + 1)])
    window = open_window(qtbot, path)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_E)
    return window


def add_selected(qtbot: QtBot, window: MainWindow, span: tuple[int, int], label: str, *, every: bool) -> None:
    """Select `span`, press A (or Shift+A for `every` mention) and answer the type dialog."""
    window.view.select_span(*span)
    modifier = Qt.KeyboardModifier.ShiftModifier if every else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window.view, Qt.Key.Key_A, modifier)
    dialog = window.entities.entity_dialog
    assert dialog is not None
    dialog.combo.setCurrentText(label)
    dialog.accept()


def undo_and_redo_in_one_step(qtbot: QtBot, window: MainWindow, added: int) -> None:
    """One Ctrl+Z takes every mention added back, one Ctrl+Shift+Z brings them all again."""
    assert window.project is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.entities(1) == []
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.view, Qt.Key.Key_Z, redo)
    assert len(window.project.entities(1)) == added


def added_message(count: int, name: str, label: str) -> str:
    return (
        f"Added {count} mentions of {name} ({label}) — carried to other articles (Team ▸ Entity Decisions…)"
    )


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_shift_a_on_a_chinese_name_adds_every_mention_and_carries_it(qtbot: QtBot, tmp_path: Path) -> None:
    """Shift+A on 习近平 in Chinese, where no name ever stands apart from other letters, added
    the mention selected and none of the others: they were looked for as words with nothing
    beside them. Every mention is found as the search finds it, one Ctrl+Z takes them all
    back, and the next article gets the name suggested."""
    window = entity_mode_on(qtbot, tmp_path, [(XINHUA, "会见"), (XINHUA_LATER, "贺信")])
    try:
        assert window.project is not None
        at = XINHUA.index("习近平")
        add_selected(qtbot, window, (at, at + 3), "PERSON", every=True)
        starts = [i for i in range(len(XINHUA)) if XINHUA.startswith("习近平", i)]
        added = [(e.start, XINHUA[e.start : e.end], e.label) for e in window.project.entities(1)]
        assert sorted(added) == [(s, "习近平", "PERSON") for s in starts]
        assert window.statusBar().currentMessage() == added_message(2, "习近平", "PERSON")
        undo_and_redo_in_one_step(qtbot, window, 2)

        # 北京 of the dateline, of 在北京 and of 北京市: the search finds all three.
        at = XINHUA.index("北京")
        add_selected(qtbot, window, (at, at + 2), "GPE", every=True)
        places = [XINHUA[e.start : e.end] for e in window.project.entities(1) if e.label == "GPE"]
        assert places == ["北京", "北京", "北京"]

        window.show_article(2)
        at = XINHUA_LATER.index("习近平")
        assert window.view.describe(at + 1) == "PERSON: 习近平 (suggested: your team added it elsewhere)"
    finally:
        window.close()


YONHAP = (
    "트럼프 대통령은 12일 기자회견을 열었다. 트럼프는 관세를 올리겠다고 말했고, "
    "미국인 투자자들은 트럼프가 서울에서 한 발언에 주목했다. 트럼프의 측근도 같은 말을 했다.\n"
)
YONHAP_LATER = "미국 정부는 트럼프의 발언을 설명했다. 서울에서 열린 회의에서 트럼프는 침묵했다.\n"


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_shift_a_on_a_korean_name_adds_the_mentions_its_particles_are_written_onto(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Korean writes a particle onto the name it follows (트럼프는, 트럼프가, 트럼프의), and
    Shift+A on 트럼프 added the mention that stood alone and none of the others. Every mention
    is added, the name without its particle, and one Ctrl+Z takes them all back; 미국 inside
    미국인 ("American") is no mention of the country."""
    window = entity_mode_on(qtbot, tmp_path, [(YONHAP, "기자회견"), (YONHAP_LATER, "회의")])
    try:
        assert window.project is not None
        at = YONHAP.index("트럼프")
        add_selected(qtbot, window, (at, at + 3), "PERSON", every=True)
        starts = [i for i in range(len(YONHAP)) if YONHAP.startswith("트럼프", i)]
        added = [(e.start, YONHAP[e.start : e.end], e.label) for e in window.project.entities(1)]
        assert sorted(added) == [(s, "트럼프", "PERSON") for s in starts] and len(starts) == 4
        assert window.statusBar().currentMessage() == added_message(4, "트럼프", "PERSON")
        undo_and_redo_in_one_step(qtbot, window, 4)

        at = YONHAP.index("미국인")
        add_selected(qtbot, window, (at, at + 2), "NORP", every=True)
        assert [YONHAP[e.start : e.end] for e in window.project.entities(1) if e.label == "NORP"] == [
            "미국인"
        ]

        window.show_article(2)
        at = YONHAP_LATER.index("트럼프의")
        describe = window.view.describe
        assert describe(at + 1) == "PERSON: 트럼프 (suggested: your team added it elsewhere)"
        assert describe(YONHAP_LATER.index("트럼프는") + 1) == describe(at + 1)
    finally:
        window.close()


@pytest.mark.qt_log_ignore("This plugin does not support")  # the completion list, offscreen
def test_a_korean_name_selected_before_its_particle_is_added_without_it(qtbot: QtBot, tmp_path: Path) -> None:
    """A Korean name is mostly met with a particle written onto it: 트럼프 selected to the letter
    in "트럼프는" was widened to the word, and Shift+A added "트럼프는", found no other mention
    and carried "트럼프는" to other articles. The name is added as selected, with every other
    mention; A on 서울 selected in "서울에서" adds 서울. A selection that stops inside a word
    elsewhere still takes the whole word (투자 of "투자자들은")."""
    text = YONHAP[YONHAP.index("트럼프는") :]
    window = entity_mode_on(qtbot, tmp_path, [(text, "기자회견")])
    try:
        assert window.project is not None
        add_selected(qtbot, window, (0, 3), "PERSON", every=True)
        added = [(text[e.start : e.end], text[e.end]) for e in window.project.entities(1)]
        assert sorted(added) == [("트럼프", "가"), ("트럼프", "는"), ("트럼프", "의")]
        assert window.statusBar().currentMessage() == added_message(3, "트럼프", "PERSON")

        at = text.index("서울에서")
        add_selected(qtbot, window, (at, at + 2), "GPE", every=False)
        places = [(e.start, e.end) for e in window.project.entities(1) if e.label == "GPE"]
        assert places == [(at, at + 2)]

        at = text.index("투자자들은")
        add_selected(qtbot, window, (at, at + 2), "NORP", every=False)
        groups = [text[e.start : e.end] for e in window.project.entities(1) if e.label == "NORP"]
        assert groups == ["투자자들은"]
    finally:
        window.close()
