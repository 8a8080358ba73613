"""The redo of an entity decision after another program (a second window, `annotator
annotate`) pre-annotated the article on its own connection: it knows nothing of this history,
so it does not keep the suggestion the undone step names, and makes the same name anew under
another id. The redo applies to that row when it is the same name (article, span and type).
The first key on a quotation shown before such a renewal applies to the one renewed at its
span the same way, while it is as the person saw it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.commands import AddEntity, Batch, Command, CorrectQuote, RemoveQuote, SetEntityStatus
from annotator.core.errors import ChangedMeanwhile, NotFoundError
from annotator.core.model import (
    QUOTE_CORRECTED,
    QUOTE_REMOVED,
    Analysis,
    AnnotatedArticle,
    Entity,
    EntityStatus,
    PipelineInfo,
    Quote,
    QuoteKind,
    Speaker,
)
from annotator.services import labelling
from annotator.services.project import Project, store_of

TEXT = "Prices rose 5% in May, the minister said."
PERCENT = Entity(12, 14, "PERCENT")
MAY = Entity(18, 21, "DATE")
PIPE = PipelineInfo("en_core_web_sm", "3.8.0")


def _analysis(*entities: Entity) -> Analysis:
    return Analysis(pipeline=PIPE, entities=entities, quotes=(), candidates=(), sentences=((0, len(TEXT)),))


@pytest.fixture
def two_programs(tmp_path: Path) -> Iterator[tuple[Project, Project]]:
    """This window's project and another program's, on one file with one article analysed."""
    path = tmp_path / "p.annotator.db"
    with open_project(path) as mine:
        (article_id,) = mine.import_texts([TEXT]).added
        assert article_id == 1
        store_of(mine).save_analyses([(1, _analysis(PERCENT, MAY))])
        with open_project(path, create=False) as theirs:
            yield mine, theirs


Seen = list[tuple[int, int, str, EntityStatus, str]]
"""An article's entities as `_as_a_person_sees` reads them."""


def _as_a_person_sees(project: Project) -> Seen:
    """The article's entities without their row ids, which no one sees."""
    return [(e.start, e.end, e.label, EntityStatus(e.status), e.model) for e in project.entities(1)]


def _accepted_then_undone(mine: Project) -> tuple[SetEntityStatus, Seen]:
    """A on "5%" and Ctrl+Z: the step, and the article as it was before the Ctrl+Z."""
    percent = mine.entities(1)[0]
    assert percent.id is not None
    step = SetEntityStatus(percent.id, EntityStatus.ACCEPTED, seen=(1, percent))
    mine.execute(step)
    decided = _as_a_person_sees(mine)
    mine.revert(step)
    return step, decided


def test_a_redo_applies_to_the_same_name_made_anew_elsewhere(two_programs: tuple[Project, Project]) -> None:
    """The new analysis lists "May" first, so it takes the freed id the step names: the redo
    found another name there and was refused. It leaves the article exactly as before Ctrl+Z
    (but for row ids), and its undo gives back the other program's suggestion."""
    mine, theirs = two_programs
    step, decided = _accepted_then_undone(mine)
    undone_id = step.entity_id
    store_of(theirs).save_analyses([(1, _analysis(MAY, PERCENT))])
    renewed = theirs.entities(1)
    renewed_percent = renewed[0]
    assert renewed_percent.id != undone_id and renewed[1].id == undone_id  # made anew, its id taken
    change = mine.execute(step)  # the redo
    assert _as_a_person_sees(mine) == decided
    assert mine.entities(1) == [replace(renewed_percent, status=EntityStatus.ACCEPTED), renewed[1]]
    assert change.moved_entities == ((undone_id, 1, replace(renewed_percent, status=EntityStatus.ACCEPTED)),)
    mine.revert(step)
    assert mine.entities(1) == renewed


def test_a_redo_the_new_analysis_gives_no_row_to_is_refused_and_writes_nothing(
    two_programs: tuple[Project, Project],
) -> None:
    mine, theirs = two_programs
    step, _ = _accepted_then_undone(mine)
    store_of(theirs).save_analyses([(1, _analysis(MAY))])
    renewed = mine.entities(1)
    with pytest.raises(NotFoundError, match="no longer in its article"):
        mine.execute(step)
    assert mine.entities(1) == renewed


def test_a_redo_over_the_same_decision_made_elsewhere_keeps_it(two_programs: tuple[Project, Project]) -> None:
    """The other program's window accepted the name made anew: the redo has nothing to change."""
    mine, theirs = two_programs
    step, decided = _accepted_then_undone(mine)
    store_of(theirs).save_analyses([(1, _analysis(MAY, PERCENT))])
    theirs_percent = theirs.entities(1)[0]
    assert theirs_percent.id is not None
    theirs.execute(SetEntityStatus(theirs_percent.id, EntityStatus.ACCEPTED))
    mine.execute(step)
    assert _as_a_person_sees(mine) == decided
    assert step.entity_id == theirs_percent.id


def test_a_redo_over_another_decision_made_elsewhere_is_refused(
    two_programs: tuple[Project, Project],
) -> None:
    """The other program's window rejected the name made anew: that is someone's work."""
    mine, theirs = two_programs
    step, _ = _accepted_then_undone(mine)
    store_of(theirs).save_analyses([(1, _analysis(MAY, PERCENT))])
    theirs_percent = theirs.entities(1)[0]
    assert theirs_percent.id is not None
    theirs.execute(SetEntityStatus(theirs_percent.id, EntityStatus.REJECTED))
    rejected = mine.entities(1)
    with pytest.raises(ChangedMeanwhile, match="changed elsewhere"):
        mine.execute(step)
    assert mine.entities(1) == rejected


def test_a_redo_of_every_mention_at_once_follows_each_name(tmp_path: Path) -> None:
    """Shift+A on "May" (one step for both mentions), Ctrl+Z, the article pre-annotated again
    elsewhere after a second one was, so both rows come back under new ids: the redo decides
    both new rows in its one transaction, and its undo gives both back as suggestions."""
    text = "May was warm. In May, prices rose."
    may = (Entity(0, 3, "DATE"), Entity(17, 20, "DATE"))
    path = tmp_path / "p.annotator.db"
    with open_project(path) as mine, open_project(path, create=False) as theirs:
        first, second = mine.import_texts([text, TEXT]).added
        store_of(mine).save_analyses([(first, _analysis(*may)), (second, _analysis(PERCENT, MAY))])
        step = Batch(
            [SetEntityStatus(e.id or 0, EntityStatus.ACCEPTED, seen=(first, e)) for e in mine.entities(first)]
        )
        mine.execute(step)
        decided = [(e.start, e.end, e.label, EntityStatus(e.status)) for e in mine.entities(first)]
        mine.revert(step)
        undone = mine.entities(first)
        store_of(theirs).save_analyses([(first, _analysis(*may))])
        renewed = mine.entities(first)
        assert {e.id for e in renewed}.isdisjoint({e.id for e in undone})
        mine.execute(step)
        assert [(e.start, e.end, e.label, EntityStatus(e.status)) for e in mine.entities(first)] == decided
        assert [e.id for e in mine.entities(first)] == [e.id for e in renewed]
        mine.revert(step)
        assert mine.entities(first) == renewed


@pytest.mark.parametrize("label", ["DATE", "EVENT"], ids=["same-type", "other-type"])
def test_a_name_added_again_takes_the_place_of_a_suggestion_made_meanwhile(
    two_programs: tuple[Project, Project], label: str
) -> None:
    """A name typed on "the minister", Ctrl+Z, pre-annotation elsewhere suggests that span,
    Ctrl+Shift+Z: the name went back beside the suggestion, two entities on one name (a span a
    person named takes no suggestion, of any type). The redo takes its place in the same
    transaction, and the undo after gives it back, id and all."""
    mine, theirs = two_programs
    minister = Entity(23, 35, label)
    step = AddEntity(1, Entity(23, 35, "DATE"))
    mine.execute(step)
    added = _as_a_person_sees(mine)
    mine.revert(step)
    store_of(theirs).save_analyses([(1, _analysis(PERCENT, minister, MAY))])
    renewed = mine.entities(1)
    assert [(e.start, e.end, e.label) for e in renewed if e.start == 23] == [(23, 35, label)]
    mine.execute(step)
    assert [row for row in _as_a_person_sees(mine) if row[0] == 23] == [row for row in added if row[0] == 23]
    assert len(mine.entities(1)) == len(renewed)
    mine.revert(step)
    assert mine.entities(1) == renewed


PRICES = Quote(0, 21, QuoteKind.DIRECT, Speaker(27, 35, "minister"))
MINISTER = Quote(23, 35, QuoteKind.SCARE)


@pytest.mark.parametrize("edit", ["correct", "remove"])
def test_a_quotation_edit_redone_applies_to_the_quotation_made_anew_elsewhere(
    two_programs: tuple[Project, Project], edit: str
) -> None:
    """Correct (or remove) a quotation, Ctrl+Z, pre-annotation elsewhere renews it (another
    quotation first, taking its id), Ctrl+Shift+Z: refused as "not the one shown", history and
    all. It applies to the suggestion at the same span, as before Ctrl+Z but for the row id,
    and its undo gives back the other program's suggestion."""
    mine, theirs = two_programs
    store = store_of(mine)
    quoted = replace(_analysis(PERCENT, MAY), quotes=(PRICES,))
    store.save_analyses([(1, quoted)])
    (quote,) = store.quotes_at(1, 0, 21)
    assert quote.id is not None
    seen = (1, quote.start, quote.end)
    step = (
        CorrectQuote(quote.id, QuoteKind.PARTIAL, None, seen=seen)
        if edit == "correct"
        else RemoveQuote(quote.id, seen=seen)
    )
    mine.execute(step)
    edited = [replace(q, id=None) for q in store.quotes_at(1, 0, 21)]
    mine.revert(step)
    store_of(theirs).save_analyses([(1, replace(quoted, quotes=(MINISTER, PRICES)))])
    (renewed,) = store.quotes_at(1, 0, 21)
    assert renewed.id != quote.id and store.quotes_at(1, 23, 35)[0].id == quote.id
    mine.execute(step)
    assert [replace(q, id=None) for q in store.quotes_at(1, 0, 21)] == edited
    assert [q.id for q in store.quotes_at(1, 0, 21)] == [renewed.id]
    mine.revert(step)
    assert store.quotes_at(1, 0, 21) == [renewed]


def test_a_quotation_corrected_the_same_way_elsewhere_is_taken_as_it_is(
    two_programs: tuple[Project, Project],
) -> None:
    """The other program's window made the same correction on the quotation made anew: the
    redo writes nothing and follows that row; one corrected otherwise is refused."""
    mine, theirs = two_programs
    store = store_of(mine)
    quoted = replace(_analysis(PERCENT, MAY), quotes=(PRICES,))
    store.save_analyses([(1, quoted)])
    (quote,) = store.quotes_at(1, 0, 21)
    assert quote.id is not None
    same, other = (CorrectQuote(quote.id, kind, None) for kind in (QuoteKind.PARTIAL, QuoteKind.SCARE))
    for step in (same, other):
        mine.execute(step)
        mine.revert(step)
    store_of(theirs).save_analyses([(1, replace(quoted, quotes=(MINISTER, PRICES)))])
    (renewed,) = store.quotes_at(1, 0, 21)
    assert renewed.id is not None
    theirs.execute(CorrectQuote(renewed.id, QuoteKind.PARTIAL, None))
    (corrected,) = store.quotes_at(1, 0, 21)
    mine.execute(same)
    assert store.quotes_at(1, 0, 21) == [corrected] and same.quote_id == renewed.id
    with pytest.raises(ChangedMeanwhile, match="changed elsewhere"):
        mine.execute(other)
    assert store.quotes_at(1, 0, 21) == [corrected]


def _shown_then_renewed(mine: Project, theirs: Project, renewed_as: Quote) -> tuple[AnnotatedArticle, Quote]:
    """The article as the window shows it with PRICES suggested, then pre-annotated again
    elsewhere with another quotation first (taking PRICES' id) and PRICES as `renewed_as`."""
    quoted = replace(_analysis(PERCENT, MAY), quotes=(PRICES,))
    store_of(mine).save_analyses([(1, quoted)])
    shown = mine.annotated(1)
    (quote,) = [q for q in shown.quotes if q.start == PRICES.start]
    store_of(theirs).save_analyses([(1, replace(quoted, quotes=(MINISTER, renewed_as)))])
    assert [q.id for q in store_of(mine).quotes_at(1, MINISTER.start, MINISTER.end)] == [quote.id]
    return shown, quote


def _first_key(shown: AnnotatedArticle, quote: Quote, edit: str) -> Command:
    """W's correction (a partial quotation, nobody's), W's confirmation as it stands, or its
    removal, on the quotation as the window showed it."""
    if edit == "remove":
        outcome = labelling.remove_quote(quote, article_id=shown.article.id)
    elif edit == "confirm":
        assert quote.speaker is not None
        outcome = labelling.correct_quote(shown, quote, quote.kind, quote.speaker.name)
    else:
        outcome = labelling.correct_quote(shown, quote, QuoteKind.PARTIAL, "")
    assert outcome.command is not None
    return outcome.command


@pytest.mark.parametrize("edit", ["correct", "confirm", "remove"])
def test_the_first_key_on_a_quotation_renewed_elsewhere_acts_on_the_one_at_its_span(
    two_programs: tuple[Project, Project], edit: str
) -> None:
    """W (or its removal) on the quotation shown, after another program pre-annotated the
    article again: its row is renewed under another id (given to another quotation), and the
    key said "The quotation is not the one shown any more" though the same quotation stood at
    its span. It acts on that one, as on the row shown, and its undo gives it back."""
    mine, theirs = two_programs
    store = store_of(mine)
    shown, quote = _shown_then_renewed(mine, theirs, PRICES)
    (renewed,) = store.quotes_at(1, PRICES.start, PRICES.end)
    minister = store.quotes_at(1, MINISTER.start, MINISTER.end)
    command = _first_key(shown, quote, edit)
    mine.execute(command)
    (edited,) = store.quotes_at(1, PRICES.start, PRICES.end)
    assert edited.id == renewed.id
    assert edited.model == (QUOTE_REMOVED if edit == "remove" else QUOTE_CORRECTED)
    assert edited.kind == (QuoteKind.PARTIAL if edit == "correct" else PRICES.kind)
    assert edited.suggested is not None and edited.suggested.speaker == "minister"
    assert store.quotes_at(1, MINISTER.start, MINISTER.end) == minister
    mine.revert(command)
    assert store.quotes_at(1, PRICES.start, PRICES.end) == [renewed]


@pytest.mark.parametrize("edit", ["correct", "remove"])
@pytest.mark.parametrize(
    "renewed_as",
    [
        replace(PRICES, kind=QuoteKind.PARTIAL),
        replace(PRICES, speaker=None),
        replace(PRICES, speaker=Speaker(23, 35, "the minister")),
    ],
    ids=["other-kind", "no-speaker", "other-speaker"],
)
def test_the_first_key_on_a_quotation_renewed_otherwise_is_refused(
    two_programs: tuple[Project, Project], edit: str, renewed_as: Quote
) -> None:
    """The quotation at its span now is not what the person saw: they decided on the shown one."""
    mine, theirs = two_programs
    shown, quote = _shown_then_renewed(mine, theirs, renewed_as)
    saved = store_of(mine).quotes(1)
    with pytest.raises(ChangedMeanwhile, match=r"^The quotation is not the one shown any more"):
        mine.execute(_first_key(shown, quote, edit))
    assert store_of(mine).quotes(1) == saved


def test_the_first_key_on_a_quotation_renewed_then_corrected_elsewhere_is_refused(
    two_programs: tuple[Project, Project],
) -> None:
    """The other program's window corrected the quotation made anew: someone's work, not the
    suggestion the person saw."""
    mine, theirs = two_programs
    shown, quote = _shown_then_renewed(mine, theirs, PRICES)
    (renewed,) = store_of(theirs).quotes_at(1, PRICES.start, PRICES.end)
    assert renewed.id is not None and renewed.speaker is not None
    theirs.execute(CorrectQuote(renewed.id, renewed.kind, renewed.speaker))  # confirmed as it stands
    saved = store_of(mine).quotes(1)
    with pytest.raises(ChangedMeanwhile, match=r"^The quotation is not the one shown any more"):
        mine.execute(_first_key(shown, quote, "remove"))
    assert store_of(mine).quotes(1) == saved


@pytest.mark.parametrize("status", [EntityStatus.ACCEPTED, EntityStatus.REJECTED])
def test_the_first_key_on_a_name_renewed_elsewhere_acts_on_the_one_at_its_span(
    two_programs: tuple[Project, Project], status: EntityStatus
) -> None:
    """A or R on "5%" as shown, after another program pre-annotated the article again (listing
    "May" first, which takes the shown id): it said "The entity is not the one shown any more"
    though the same name stood there. It decides that one, and its undo gives it back."""
    mine, theirs = two_programs
    shown = mine.entities(1)[0]
    assert shown.id is not None
    store_of(theirs).save_analyses([(1, _analysis(MAY, PERCENT))])
    renewed = mine.entities(1)
    assert renewed[0].id != shown.id and renewed[1].id == shown.id
    step = SetEntityStatus(shown.id, status, seen=(1, shown))
    mine.execute(step)
    assert mine.entities(1) == [replace(renewed[0], status=status), renewed[1]]
    mine.revert(step)
    assert mine.entities(1) == renewed


@pytest.mark.parametrize("elsewhere", ["decided", "no-longer-found"])
def test_the_first_key_on_a_name_renewed_otherwise_is_refused(
    two_programs: tuple[Project, Project], elsewhere: str
) -> None:
    """The other program's window rejected the name made anew, or its analysis no longer finds
    it: not the suggestion the person saw."""
    mine, theirs = two_programs
    shown = mine.entities(1)[0]
    assert shown.id is not None
    store_of(theirs).save_analyses(
        [(1, _analysis(MAY, PERCENT) if elsewhere == "decided" else _analysis(MAY))]
    )
    if elsewhere == "decided":
        theirs_percent = theirs.entities(1)[0]
        assert theirs_percent.id is not None
        theirs.execute(SetEntityStatus(theirs_percent.id, EntityStatus.REJECTED))
    saved = mine.entities(1)
    with pytest.raises(ChangedMeanwhile, match=r"^The entity is not the one shown any more"):
        mine.execute(SetEntityStatus(shown.id, EntityStatus.ACCEPTED, seen=(1, shown)))
    assert mine.entities(1) == saved
