"""Highlights: entities, quotations and claims all stay visible where they overlap."""

from __future__ import annotations

import gc
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextFormat, QTextLine
from pytestqt.qtbot import QtBot

from annotator.core.model import Claim, ClaimLabel, Entity, EntityStatus, Quote, QuoteKind, Speaker
from annotator.services.labelling import claim_at, own_claims
from annotator.ui.article_view import ArticleView, Suggested, drawn_claims, merge_segments
from annotator.ui.legend import Legend
from annotator.ui.palette import LABEL_COLOURS, dark_palette, light_palette, scheme_for

TEXT = 'Fans 🎉 said the mayor, "Anna Berg of Oslo won", and left.\nNext line.'


def _format_at(view: ArticleView, cp: int) -> QTextCharFormat:
    """The highlighter's format at a code-point offset (what the layout draws)."""
    u16 = view.offsets.to_utf16(cp)
    block = view.document().findBlock(u16)
    offset = u16 - block.position()
    for rng in block.layout().formats():
        if rng.start <= offset < rng.start + rng.length:
            return QTextCharFormat(rng.format)  # a copy: the range's own goes with the list
    return QTextCharFormat()


def _make_view(qtbot: QtBot) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    quote_start = TEXT.index('"Anna')
    quote_end = TEXT.index('won"') + 4
    anna = TEXT.index("Anna Berg")
    oslo = TEXT.index("Oslo")
    view.set_article(
        TEXT,
        entities=[
            Entity(anna, anna + 9, "PERSON", id=1),
            Entity(oslo, oslo + 4, "GPE", status=EntityStatus.ACCEPTED, id=2),
            Entity(0, 4, "NORP", status=EntityStatus.REJECTED, id=3),
        ],
        quotes=[Quote(quote_start, quote_end, speaker=Speaker(12, 21, "the mayor"), id=1)],
        claims=[Claim(1, TEXT.index("said"), TEXT.index("and left"), ClaimLabel.QUESTIONABLE, "ada", id=7)],
    )
    return view


def test_claim_entity_and_quote_overlap_and_all_show(qtbot: QtBot) -> None:
    view = _make_view(qtbot)
    scheme = scheme_for(view.palette())
    anna = TEXT.index("Anna")
    # A suggested entity in a quotation: its colour and dashes, and the quotation's italics.
    person = _format_at(view, anna)
    assert person.foreground().color() == scheme.entity_colour("PERSON")
    assert person.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert person.underlineColor() == scheme.entity_colour("PERSON")
    assert person.fontItalic() and person.fontWeight() != QFont.Weight.Bold
    # An accepted one in a quotation: bold colour, and the quotation's italics and dots.
    place = _format_at(view, TEXT.index("Oslo"))
    assert place.foreground().color() == scheme.entity_colour("GPE")
    assert place.fontWeight() == QFont.Weight.Bold and place.fontItalic()
    assert place.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    plain_quote = _format_at(view, TEXT.index(" of "))
    assert plain_quote.fontItalic() and plain_quote.fontWeight() != QFont.Weight.Bold
    assert plain_quote.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    # The claim is a background over all of it, in its label colour.
    (claim,) = view.extraSelections()
    assert claim.format.background().color() == scheme.claim_background(ClaimLabel.QUESTIONABLE)
    assert claim.cursor.selectionStart() <= view.offsets.to_utf16(anna) < claim.cursor.selectionEnd()
    # Rejected suggestions are not drawn; outside every span nothing is.
    assert _format_at(view, 0) == QTextCharFormat()


def test_hidden_entity_types_lose_their_colour_only(qtbot: QtBot) -> None:
    view = _make_view(qtbot)
    legend = Legend()
    qtbot.addWidget(legend)
    legend.hiddenChanged.connect(view.set_hidden_entity_labels)
    legend.checkbox("PERSON").click()
    assert legend.hidden == {"PERSON"}
    anna = _format_at(view, TEXT.index("Anna"))
    assert anna.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine and anna.fontItalic()  # quoted
    assert not anna.hasProperty(QTextCharFormat.Property.ForegroundBrush)
    assert _format_at(view, TEXT.index("Oslo")).fontWeight() == QFont.Weight.Bold
    legend.checkbox("PERSON").click()
    anna = _format_at(view, TEXT.index("Anna"))
    assert anna.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline


def test_an_entity_reaching_past_the_text_is_drawn_up_to_its_end(qtbot: QtBot) -> None:
    """Entities are clamped to the text only when one reaches outside it, as before."""
    text = "Ada met Bob"
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(text, entities=[Entity(0, 3, "PERSON", id=1), Entity(8, 40, "PERSON", id=2)])
    assert view._entity_spans()[-1][:2] == (8, len(text))
    assert _format_at(view, 10).foreground().color() == scheme_for(view.palette()).entity_colour("PERSON")


@pytest.mark.parametrize("rejected_first", [True, False])
def test_in_entity_mode_a_decision_over_a_rejected_span_of_the_same_text_is_the_one_drawn(
    rejected_first: bool, qtbot: QtBot
) -> None:
    """A rejected suggestion and an accepted mention of another type over the same words: the
    accepted one shows, in whichever order the entities come."""
    text = "Ada met Bob in Rome."
    rejected = Entity(8, 11, "ORG", status=EntityStatus.REJECTED, id=1)
    accepted = Entity(8, 11, "PERSON", status=EntityStatus.ACCEPTED, id=2)
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_show_rejected(True)
    view.set_article(text, entities=[rejected, accepted] if rejected_first else [accepted, rejected])
    shown = _format_at(view, 8)
    assert not shown.fontStrikeOut()
    assert shown.foreground().color() == scheme_for(view.palette()).entity_colour("PERSON")


def test_suggested_accepted_and_rejected_entities_look_different(qtbot: QtBot) -> None:
    text = "Ada met Bob and Cy in Rome."
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(
        text,
        entities=[
            Entity(0, 3, "PERSON", status=EntityStatus.SUGGESTED, id=1),
            Entity(8, 11, "PERSON", status=EntityStatus.ACCEPTED, id=2),
            Entity(16, 18, "PERSON", status=EntityStatus.REJECTED, id=3),
            Entity(22, 26, "GPE", status=EntityStatus.ADDED, id=4),
        ],
    )
    scheme = scheme_for(view.palette())
    suggested, accepted, rejected, added = (_format_at(view, i) for i in (0, 8, 16, 22))
    assert suggested.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline
    assert suggested.fontWeight() != QFont.Weight.Bold
    for fmt in (accepted, added):
        assert fmt.fontWeight() == QFont.Weight.Bold
        assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert accepted.foreground().color() == suggested.foreground().color() == scheme.entity_colour("PERSON")
    assert rejected == QTextCharFormat()  # a rejected suggestion is gone from the reading view
    assert "Cy" not in view.describe(16)
    # ... and in entity mode it comes back faint and struck through, to be found and undone.
    view.set_show_rejected(True)
    rejected = _format_at(view, 16)
    assert rejected.fontStrikeOut()
    assert rejected.foreground().color() != scheme.entity_colour("PERSON")
    assert "PERSON: Cy (rejected)" in view.describe(16)
    view.set_show_rejected(False)
    assert _format_at(view, 16) == QTextCharFormat()


def _suggestion_pixels(view: ArticleView, colour: QColor, columns: range) -> int:
    """How many viewport pixels in `columns` are (nearly) the suggestion colour."""
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    found = 0
    for y in range(image.height()):
        for x in columns:
            pixel = image.pixelColor(int(x * ratio), y)
            distance = sum(abs(a - b) for a, b in zip(pixel.getRgb()[:3], colour.getRgb()[:3], strict=True))
            found += distance < 60
    return found


def test_a_suggested_label_is_outlined_at_the_current_candidate_and_a_person_wins(qtbot: QtBot) -> None:
    text = "The tax is bad. The sky is blue today.\nMore text here."
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    qtbot.waitExposed(view)
    second = text.index("The sky")
    view.set_article(text)
    view.set_suggestions(
        [Suggested(0, 15, ClaimLabel.OPINION, 0.8), Suggested(second, second + 22, ClaimLabel.FACTUAL, 0.9)]
    )
    colour = scheme_for(view.palette()).suggestion_colour(ClaimLabel.FACTUAL)
    # The cursor starts in the first candidate, so its suggestion is the current one.
    assert view.shown_suggestion == Suggested(0, 15, ClaimLabel.OPINION, 0.8)
    # Outside the text and any selection: the right margin, and the outline's left side.
    margin = range(view.viewport().width() - 8, view.viewport().width())
    view.scroll_to(len(text) - 2)  # outside every candidate: nothing drawn
    assert view.shown_suggestion is None and _suggestion_pixels(view, colour, margin) == 0
    view.select_span(second, second + 22)  # what J does
    assert view.shown_suggestion == Suggested(second, second + 22, ClaimLabel.FACTUAL, 0.9)
    (rect,) = view.suggestion_rects()
    assert rect.width() > 100
    outline = range(int(rect.left()), int(rect.left()) + 2)
    assert _suggestion_pixels(view, colour, margin) > 5
    assert _suggestion_pixels(view, colour, outline) >= 3
    assert "Suggested by the model: factual (90%)" in view.describe(second + 3)
    # A person labels part of it: the person's background is all that is drawn.
    view.set_claims([Claim(1, second, second + 7, ClaimLabel.OPINION, "ada", id=3)])
    assert view.shown_suggestion is None
    assert _suggestion_pixels(view, colour, margin) == _suggestion_pixels(view, colour, outline) == 0
    assert "Suggested" not in view.describe(second + 3)


def test_context_line_names_speaker_entity_and_claim(qtbot: QtBot) -> None:
    view = _make_view(qtbot)
    with qtbot.waitSignal(view.contextChanged) as said:
        view.scroll_to(TEXT.index("Berg"))
    assert said.args == [
        "Quotation by the mayor  ·  PERSON: Anna Berg (suggested)  ·  Claim: questionable by ada"
    ]
    assert view.describe(len(TEXT) - 2) == ""


def test_context_line_names_the_kind_the_resolved_speaker_and_the_mention(qtbot: QtBot) -> None:
    text = 'Ann Lee spoke. She called it "unfair". He said, "We will see." The "reform" passed.'
    view = ArticleView()
    qtbot.addWidget(view)
    unfair, see, reform = (text.index(w) - 1 for w in ("unfair", "We will", "reform"))
    she, he = text.index("She"), text.index("He said")
    view.set_article(
        text,
        quotes=[
            Quote(unfair, unfair + 8, QuoteKind.PARTIAL, Speaker(she, she + 3, "Ann Lee"), id=1),
            Quote(see, see + 14, QuoteKind.DIRECT, Speaker(he, he + 2, "Bo Park"), id=2),
            Quote(reform, reform + 8, QuoteKind.SCARE, None, id=3),
        ],
    )
    assert view.describe(unfair + 2) == "Partial quotation by Ann Lee (“She”)"
    assert view.describe(see + 2) == "Quotation by Bo Park (“He”)"
    assert view.describe(reform + 2) == "Scare quote (no one is said to have said it)"


def test_merge_segments_cuts_overlaps_into_disjoint_pieces() -> None:
    segments = merge_segments([(2, 6, "PERSON"), (4, 8, "ORG")], [(0, 5)])
    assert [(s.start, s.end, s.entity, s.quoted) for s in segments] == [
        (0, 2, None, True),
        (2, 4, "PERSON", True),
        (4, 5, "ORG", True),
        (5, 6, "ORG", False),
        (6, 8, "ORG", False),
    ]


def test_label_colours_are_okabe_ito_and_readable_in_both_themes() -> None:
    assert set(LABEL_COLOURS.values()) <= {
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    }
    assert len(set(LABEL_COLOURS.values())) == 3
    for palette in (light_palette(), dark_palette()):
        scheme = scheme_for(palette)
        text = palette.color(palette.ColorRole.Text)
        backgrounds = {scheme.claim_background(label).name() for label in ClaimLabel}
        assert len(backgrounds) == 3
        for label in ClaimLabel:
            # Text on a claim keeps a clear lightness gap from its background.
            assert abs(scheme.claim_background(label).lightness() - text.lightness()) > 90
    assert scheme_for(dark_palette()).dark and not scheme_for(light_palette()).dark


def test_font_size_changes_and_the_column_stays_near_80_characters(qtbot: QtBot) -> None:
    view = _make_view(qtbot)
    view.resize(1400, 600)
    view.show()
    qtbot.waitExposed(view)
    view.set_font_size(16)
    assert view.font().pointSize() == 16
    column = view.viewport().width()
    chars = column / view.fontMetrics().averageCharWidth()
    assert 75 <= chars <= 90
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.cursor_position() == len(TEXT)


def test_the_page_keeps_no_undo_history_of_its_articles(qtbot: QtBot) -> None:
    """The view asked for no undo before it had its own document, which records by default."""
    view = _make_view(qtbot)
    view.set_article(TEXT, entities=[Entity(0, 4, "NORP", id=1)], claims=[])
    view.set_article(TEXT[::-1], claims=[])
    document = view.document()
    assert not document.isUndoRedoEnabled()
    assert document.availableUndoSteps() == 0


def test_many_article_switches_cannot_free_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 dropped a reference to None (and True/False) on each void call.

    A few hundred switches to a long article freed None and aborted Python 3.11; the
    dependency pin keeps that release out, and this notices if a release brings it back.
    """
    view = _make_view(qtbot)
    view.set_article(TEXT, entities=[Entity(0, 4, "NORP", id=1)], claims=[])  # steady state
    # Garbage left by earlier tests, collected during the loop, also gives None's references
    # back (4,418 once in a full run): only the calls may count here.
    gc.collect()
    gc.disable()
    try:
        before = {repr(s): sys.getrefcount(s) for s in (None, True, False)}
        for _ in range(50):
            view.set_article(TEXT, entities=[Entity(0, 4, "NORP", id=1)], claims=[])
        after = {repr(s): sys.getrefcount(s) for s in (None, True, False)}
    finally:
        gc.enable()
    if sys.version_info < (3, 12):  # later Pythons make these objects immortal
        for name, count in before.items():
            assert after[name] > count - 100, f"{name} lost {count - after[name]} references"


def _caret_x(line: QTextLine, position: int) -> tuple[float, int]:
    """The x of a caret at a position of a line, and the position Qt put it at."""
    found: tuple[float, int] = line.cursorToX(position)  # type: ignore[assignment]
    return found


def _centre_x(view: ArticleView, cp: int) -> tuple[float, float]:
    """Where a character in the middle of a word is drawn on the first line: its centre, in the
    viewport (within one direction's run the caret's x of either side of it is unambiguous)."""
    block = view.document().firstBlock()
    line = block.layout().lineAt(0)
    u16 = view.offsets.to_utf16(cp) - block.position()
    left, at_left = _caret_x(line, u16)
    right, at_right = _caret_x(line, u16 + 1)
    assert (at_left, at_right) == (u16, u16 + 1)  # both sides of it are places a caret can be
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
    x = block.layout().position().x() + (left + right) / 2
    return x, top + line.y() + line.height() / 2


def test_outlines_go_round_the_selected_words_where_directions_mix(qtbot: QtBot) -> None:
    """In a line mixing Arabic and English, the words a span covers are not one stretch of the
    line: the outline went from the x of its first character to that of its last and framed words
    it did not hold ("said قوي للغاية" for a span of "said الاقتصاد")."""
    text = "The minister said الاقتصاد قوي للغاية on Monday, and 40% agreed.\nNext line."
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(text)
    start, end = text.index("said"), text.index("الاقتصاد") + len("الاقتصاد")
    view.set_suggestions([Suggested(start, end, ClaimLabel.FACTUAL, 0.9)])
    view.select_span(start, end)
    assert view.shown_suggestion is not None

    for rects in (view.selection_rects(), view.suggestion_rects()):

        def outlined(word: str, rects: list[QRectF] = rects) -> bool:
            x, y = _centre_x(view, text.index(word) + len(word) // 2)
            return any(r.left() <= x <= r.right() and r.top() <= y <= r.bottom() for r in rects)

        assert outlined("said") and outlined("الاقتصاد")
        assert not any(outlined(word) for word in ("قوي", "للغاية", "Monday", "The"))


def test_a_right_to_left_paragraph_is_right_aligned_and_read_from_the_right(qtbot: QtBot) -> None:
    """An Arabic paragraph was left-aligned: ragged on the right, its full stop at the far left
    (QPlainTextEdit keeps every paragraph at the document's alignment)."""
    text = "The minister spoke.\nالاقتصاد قوي للغاية في هذا العام.\nHe left."
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(text)
    arabic = text.index("الاقتصاد")
    middle = view.viewport().width() / 2

    def caret_x(cp: int) -> int:
        cursor = view.textCursor()
        cursor.setPosition(view.offsets.to_utf16(cp))
        return view.cursorRect(cursor).center().x()

    assert caret_x(arabic) > middle  # it starts at the right
    assert caret_x(text.index("The")) < middle and caret_x(text.index("He left")) < middle
    # The words are where a click finds them, and an outline goes round them there.
    word_end = arabic + len("الاقتصاد")
    view.select_span(arabic, word_end)
    (rect,) = view.selection_rects()
    assert rect.left() > middle
    assert arabic <= view.position_at(rect.center().toPoint()) <= word_end


def _drawn_background(view: ArticleView, cp: int) -> tuple[QColor | None, int | None]:
    """The claim colour shown at a code-point offset, and its claim's id: the last extra
    selection covering it is painted over the others (claim colours are opaque)."""
    u16 = view.offsets.to_utf16(cp)
    shown: tuple[QColor | None, int | None] = (None, None)
    for sel in view.extraSelections():
        if sel.cursor.selectionStart() <= u16 < sel.cursor.selectionEnd():
            shown = (sel.format.background().color(), sel.format.property(QTextFormat.Property.UserProperty))
    return shown


def _expected_background(view: ArticleView, claims: list[Claim], cp: int) -> tuple[QColor | None, int | None]:
    """What the reader must see: of the claims over `cp`, the smallest (of two the same size, the
    one starting later, then the later given) shows."""
    scheme = scheme_for(view.palette())
    over = [c for c in sorted(claims, key=lambda c: (c.start, -c.end)) if c.start <= cp < c.end]
    if not over:
        return None, None
    shown = min(reversed(over), key=lambda c: c.end - c.start)
    return scheme.claim_background(shown.label), shown.id


def test_overlapping_claims_show_the_innermost_colour_before_and_after_an_edit(qtbot: QtBot) -> None:
    """Two people's claims on one sentence, a claim inside another, one across two paragraphs
    and one touching it: every character shows the same claim colour as before the claims
    were drawn as stretches, after a label, a relabel and the undo of a label."""
    text = "Anna said the bridge 🎉 will open. It cost a lot.\nThe mayor disagreed.\nNext line here."
    view = ArticleView()
    qtbot.addWidget(view)
    sentence = (0, text.index(" It cost"))
    second = (text.index("It cost"), text.index("\nNext"))  # spans the paragraph break
    claims = [
        Claim(1, *sentence, ClaimLabel.FACTUAL, "ada", id=1),
        Claim(1, *sentence, ClaimLabel.OPINION, "bob", id=2),  # same span, drawn over ada's
        Claim(1, text.index("bridge"), text.index(" will"), ClaimLabel.QUESTIONABLE, "ada", id=3),
        Claim(1, *second, ClaimLabel.OPINION, "ada", id=4),
        Claim(1, second[1], len(text) - 1, ClaimLabel.FACTUAL, "bob", id=5),  # touches claim 4
        Claim(1, text.index("mayor"), text.index(" disagreed"), ClaimLabel.FACTUAL, "bob", id=6),
    ]
    view.set_article(text, claims=claims)
    edits = [
        claims,
        [*claims, Claim(1, text.index("said"), text.index(" the"), ClaimLabel.FACTUAL, "cy", id=7)],
        [c if c.id != 2 else Claim(1, *sentence, ClaimLabel.QUESTIONABLE, "bob", id=2) for c in claims],
        claims,
        [c for c in claims if c.id != 1],
    ]
    for shown in edits:
        view.set_claims(shown)
        for cp in range(len(text)):
            assert _drawn_background(view, cp) == _expected_background(view, shown, cp), (cp, text[cp])


def test_a_label_on_a_long_article_measures_only_the_changed_claim(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt keeps the claim drawings that did not change by matching them on where they start,
    and measures every other one by walking the paragraphs from the top of the view down to
    it. Two people's claims on each sentence start at the same place, so a label on a long
    article walked the whole article again for each pair (160 ms for 800 claims)."""
    from annotator.ui import reading

    walked = [0]

    class Counting(reading.ParagraphLayout):
        def blockBoundingRect(self, block):  # type: ignore[no-untyped-def]
            walked[0] += 1
            return super().blockBoundingRect(block)

    monkeypatch.setattr(reading, "ParagraphLayout", Counting)
    paragraphs = [f"Paragraph {n} says the council met on day {n}." for n in range(400)]
    text = "\n".join(paragraphs)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    starts = [text.index(p) for p in paragraphs]
    claims = [
        Claim(1, start, start + len(paragraphs[n]), label, who, id=2 * n + (who == "bob"))
        for n, start in enumerate(starts)
        if n >= 200 and n % 4 == 0
        for who, label in (("ada", ClaimLabel.FACTUAL), ("bob", ClaimLabel.OPINION))
    ]
    view.set_article(text, claims=claims)
    new = Claim(1, starts[301], starts[301] + 9, ClaimLabel.QUESTIONABLE, "ada", id=10_000)
    walked[0] = 0
    view.set_claims([*claims, new])
    # One walk to the new claim (and back) is enough; a walk per pair of claims is 50 of them.
    assert walked[0] < 4 * len(paragraphs)


def _formats(view: ArticleView) -> list[QTextCharFormat]:
    return [_format_at(view, cp) for cp in range(len(view.text))]


def test_entity_mode_and_a_decision_highlight_again_only_the_paragraphs_they_change(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """E and an entity decision changed a few spans, and every paragraph of the article was
    highlighted again (175 ms on a 1 MB article); the ones changed must still be drawn exactly
    as a view shown afresh draws them, overlaps and a quotation across paragraphs included."""
    from annotator.ui import article_view

    highlighted = [0]

    class Counting(article_view._SpanHighlighter):
        def highlightBlock(self, text: str) -> None:
            highlighted[0] += 1
            super().highlightBlock(text)

    monkeypatch.setattr(article_view, "_SpanHighlighter", Counting)
    paragraphs = [f"Anna Berg met Carl Dahl in Oslo on day {n}." for n in range(300)]
    paragraphs[150] = '"Anna Berg said Oslo'
    paragraphs[151] = 'Anna Berg was in Oslo," and Carl Dahl agreed.'
    text = "\n".join(paragraphs)
    starts = [text.index(p) for p in paragraphs]
    entities = [
        Entity(s + p.index(name), s + p.index(name) + len(name), label, id=3 * n + k)
        for n, (s, p) in enumerate(zip(starts, paragraphs, strict=True))
        for k, (name, label) in enumerate((("Anna Berg", "PERSON"), ("Berg", "ORG"), ("Oslo", "GPE")))
    ]
    rejected = {151 * 3 + 0, 10 * 3 + 2}  # one in the quotation across paragraphs, one outside
    entities = [
        Entity(e.start, e.end, e.label, status=EntityStatus.REJECTED, id=e.id) if e.id in rejected else e
        for e in entities
    ]
    quote_end = starts[151] + len('Anna Berg was in Oslo,"')
    quotes = [Quote(starts[150], quote_end, speaker=Speaker(0, 4, "Anna"), id=1)]
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(text, entities=entities, quotes=quotes)

    def fresh(shown: list[Entity], *, rejected_too: bool) -> list[QTextCharFormat]:
        other = ArticleView()
        qtbot.addWidget(other)
        other.set_show_rejected(rejected_too)
        other.set_article(text, entities=shown, quotes=quotes)
        return _formats(other)

    highlighted[0] = 0
    view.set_show_rejected(True)
    assert highlighted[0] < 10  # the two paragraphs with a rejected entity, not 300
    assert _formats(view) == fresh(entities, rejected_too=True)
    decided = [
        Entity(e.start, e.end, e.label, status=EntityStatus.ACCEPTED, id=e.id) if e.id == 3 * 200 + 1 else e
        for e in entities
    ]
    highlighted[0] = 0
    view.set_entities(decided)
    assert highlighted[0] < 10
    assert _formats(view) == fresh(decided, rejected_too=True)
    view.set_show_rejected(False)
    assert _formats(view) == fresh(decided, rejected_too=False)


@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 20), st.sampled_from(["ana", "bob"])), max_size=8)
)
def test_the_colour_shown_at_each_place_is_the_claim_the_keys_act_on(
    spans: list[tuple[int, int, str]],
) -> None:
    """Two claims overlapping in part showed the one that started later while 1, 2, 3, N and
    Delete acted on the shorter: the person changed a claim other than the one they saw. In a
    shared project, bob's claim inside ana's showed in ana's window while her keys acted on
    hers: where the person has a claim, their own smallest shows, else the smallest of all."""
    text = "x" * 70
    claims = [
        Claim(id=k + 1, article_id=1, start=a, end=a + n, label=ClaimLabel.FACTUAL, annotator=who)
        for k, (a, n, who) in enumerate(spans)
    ]
    shown = {place: claim for start, end, claim in drawn_claims(claims, "ana") for place in range(start, end)}
    for place in range(len(text)):
        own = claim_at(own_claims(claims, "ana"), text, selection=None, caret=place)
        assert shown.get(place) == (own or claim_at(claims, text, selection=None, caret=place))


def test_the_line_under_the_text_names_the_claim_whose_colour_shows(qtbot: QtBot) -> None:
    """Two people's claims on one sentence showed the second's colour while the line under the
    text named the first's label and annotator; and of two claims the same size overlapping in
    part, it named the one that starts first while the later one's colour showed."""
    text = "Anna said the bridge will open. It cost a lot to build it."
    view = ArticleView()
    qtbot.addWidget(view)
    sentence = (0, text.index(" It cost"))
    claims = [
        Claim(1, *sentence, ClaimLabel.FACTUAL, "ada", id=1),
        Claim(1, *sentence, ClaimLabel.OPINION, "bob", id=2),  # same span: drawn over ada's
        Claim(1, text.index("It cost"), text.index(" to build"), ClaimLabel.FACTUAL, "ada", id=3),
        Claim(1, text.index("cost"), text.index(" build"), ClaimLabel.QUESTIONABLE, "cy", id=4),
    ]
    assert claims[2].end - claims[2].start == claims[3].end - claims[3].start
    view.set_article(text, claims=claims)
    shown = {place: claim for start, end, claim in drawn_claims(claims) for place in range(start, end)}
    for place, claim in shown.items():
        said = f"Claim: {claim.label.text.lower()} by {claim.annotator}"
        assert view.describe(place) == said, (place, text[place])
    assert view.describe(2) == "Claim: opinion by bob"
    assert view.describe(text.index("lot")) == "Claim: questionable by cy"


def test_a_screen_reader_hears_the_claim_and_quotation_under_the_caret(qtbot: QtBot) -> None:
    """Claims are colour and underline on the page: assistive technology reads the reading
    view's description, which names the claim, whose it is and a note, as the caret moves."""
    from PySide6.QtGui import QAccessible

    text = 'Tess wrote: "Rates are far too high." Then she left.'
    claim_end = text.index(" Then")
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article(
        text,
        claims=[Claim(1, text.index('"'), claim_end, ClaimLabel.OPINION, "tess", note="a figure?", id=3)],
        quotes=[Quote(text.index('"'), claim_end, speaker=Speaker(0, 4, "Tess"), id=1)],
    )
    view.show()
    view.setFocus()
    qtbot.waitExposed(view)
    accessible = QAccessible.queryAccessibleInterface(view)
    assert accessible is not None

    def description() -> str:
        return accessible.text(QAccessible.Text.Description)

    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert description() == ""
    for _ in range(text.index("Rates")):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    said = description()
    assert "Quotation by Tess" in said
    assert "Claim: opinion by tess, with a note" in said
    assert accessible.text(QAccessible.Text.Name) == "Article text"  # the name stays put
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert description() == ""  # out of the claim: nothing left to announce
    # A label changed under the caret is said at once, without moving.
    for _ in range(len(text) - text.index("Rates")):
        qtbot.keyClick(view, Qt.Key.Key_Left)
    view.set_claims([Claim(1, text.index('"'), claim_end, ClaimLabel.FACTUAL, "ada", id=3)])
    assert "Claim: factual by ada" in description()
    assert "note" not in description()


def test_a_long_articles_claims_show_wherever_it_is_scrolled(qtbot: QtBot) -> None:
    """Only the claims near the view are extra selections (opening a 1 MB article with 800
    claims spent 200 ms placing them all); scrolled or jumped anywhere, the claims there are
    drawn in their colours before the text is painted, and after a label too."""
    paragraphs = [f"Paragraph {n} says the council met on day {n} and agreed." for n in range(4000)]
    text = "\n".join(paragraphs)
    starts = [text.index(p) for p in paragraphs]
    claims = [
        Claim(1, s, s + len(paragraphs[n]), label, "ada", id=n + 1)
        for n, s in enumerate(starts)
        if n % 50 == 0
        for label in (ClaimLabel.FACTUAL if n % 100 else ClaimLabel.OPINION,)
    ]
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    with qtbot.waitExposed(view):
        view.show()
    view.set_article(text, claims=claims)
    assert len(view.extraSelections()) < len(claims) / 4  # the rest wait until they come near

    for n in (0, 2000, 3950, 1000):
        view.scroll_to(starts[n] + 3)
        view.viewport().repaint()
        for cp in (starts[n] + 3, starts[n + 1] + 3):
            assert _drawn_background(view, cp) == _expected_background(view, claims, cp)
    labelled = Claim(1, starts[1001], starts[1001] + 9, ClaimLabel.QUESTIONABLE, "ada", id=9999)
    view.set_claims([*claims, labelled], annotator="ada")
    where = starts[1001] + 3
    assert _drawn_background(view, where) == _expected_background(view, [labelled], where)


def _block_formats(view: ArticleView) -> list[list[tuple[int, int, QTextCharFormat]]]:
    """Every paragraph's highlighted ranges, as the layout draws them."""
    found = []
    block = view.document().firstBlock()
    while block.isValid():
        found.append([(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()])
        block = block.next()
    return found


def test_a_long_article_is_highlighted_where_it_is_painted_and_as_a_short_one_is(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long text is highlighted paragraph by paragraph as it is painted (a 1 MB article
    waited for all 10,000 at once); what is drawn is what highlighting it all at once draws,
    entity mode, decisions and a quotation across paragraphs included."""
    from annotator.ui import article_view

    paragraphs = [f"Anna Berg met Carl Dahl in Oslo on day {n} of the long meeting." for n in range(1500)]
    paragraphs[700] = '"Anna Berg said Oslo'
    paragraphs[701] = 'Anna Berg was in Oslo," and Carl Dahl agreed.'
    text = "\n".join(paragraphs)
    assert len(text) > article_view._LAZY_FROM
    starts = [text.index(p) for p in paragraphs]
    entities = [
        Entity(s + p.index(name), s + p.index(name) + len(name), label, status=status, id=3 * n + k)
        for n, (s, p) in enumerate(zip(starts, paragraphs, strict=True))
        for k, (name, label) in enumerate((("Anna Berg", "PERSON"), ("Berg", "ORG"), ("Oslo", "GPE")))
        for status in (EntityStatus.REJECTED if n % 7 == 0 and k == 2 else EntityStatus.SUGGESTED,)
    ]
    quotes = [Quote(starts[700], starts[701] + len('Anna Berg was in Oslo,"'), speaker=None, id=1)]

    def shown(*, lazy: bool, rejected_too: bool) -> ArticleView:
        if not lazy:
            monkeypatch.setattr(article_view, "_LAZY_FROM", 10**9)
        view = ArticleView()
        qtbot.addWidget(view)
        view.resize(700, 500)
        with qtbot.waitExposed(view):
            view.show()
        view.set_show_rejected(rejected_too)
        view.set_article(text, entities=entities, quotes=quotes)
        monkeypatch.undo()
        return view

    eager = _block_formats(shown(lazy=False, rejected_too=False))
    view = shown(lazy=True, rejected_too=False)
    view.viewport().repaint()
    lazy = _block_formats(view)
    assert lazy[:10] == eager[:10]  # in view
    assert not any(lazy[1000:])  # not painted yet
    view.scroll_to(starts[701])
    view.viewport().repaint()
    assert _block_formats(view)[699:703] == eager[699:703]  # the quotation across two paragraphs
    view.finish_highlighting()
    assert _block_formats(view) == eager

    view = shown(lazy=True, rejected_too=False)
    view.set_show_rejected(True)  # E before most paragraphs were painted
    view.finish_highlighting()
    assert _block_formats(view) == _block_formats(shown(lazy=False, rejected_too=True))


_span_lists = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 25), st.sampled_from(["A", "B"])), max_size=12
)


@given(
    _span_lists, st.lists(st.tuples(st.integers(0, 60), st.integers(1, 40)), max_size=4), st.integers(0, 80)
)
def test_a_paragraphs_spans_merged_alone_look_as_the_whole_texts_merged(
    entities: list[tuple[int, int, str]], quotes: list[tuple[int, int]], cut: int
) -> None:
    """The highlighter merges only the spans over a paragraph (`_over`): each character must
    look as merging every span of the text makes it look."""
    from annotator.ui.article_view import _over, _reach

    spans = sorted(((s, s + n, label) for s, n, label in entities), key=lambda t: (t[0], t[1]))
    quoted = sorted(((s, s + n) for s, n in quotes), key=lambda t: t[0])

    def looks(segments: list[Any], start: int, end: int) -> dict[int, tuple[object, bool]]:
        return {
            at: (seg.entity, seg.quoted)
            for seg in segments
            for at in range(max(seg.start, start), min(seg.end, end))
        }

    whole = merge_segments(spans, quoted)
    for start, end in ((0, cut), (cut, 120)):
        alone = merge_segments(
            _over(spans, [s[0] for s in spans], _reach(spans), start, end),
            _over(quoted, [q[0] for q in quoted], _reach(quoted), start, end),
        )
        assert looks(alone, start, end) == looks(whole, start, end)


def _shown_lines(view: ArticleView, start: int, end: int) -> tuple[bool, bool]:
    """Whether the line holding code point `start`, and the one holding `end`, are on the page."""
    page = view.viewport().rect()

    def on_page(position: int) -> bool:
        cursor = view.textCursor()
        cursor.setPosition(view.offsets.to_utf16(position))
        rect = view.cursorRect(cursor)
        return rect.top() >= 0 and rect.bottom() <= page.bottom()

    return on_page(start), on_page(end)


def test_a_span_above_the_page_is_shown_from_its_first_line(qtbot: QtBot) -> None:
    """K back to the candidate above the page: Qt scrolled to the caret, at the span's end, and
    only the sentence's last line showed at the page's top."""
    sentences = [
        f"Sentence {n} says that the council met again on a rainy day in the old town." for n in range(40)
    ]
    # Paragraphs of three sentences: the page's paragraph gaps are not lines of the scroll bar.
    text = "\n".join(" ".join(sentences[n : n + 3]) for n in range(0, len(sentences), 3))
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(320, 260)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(text)
    view.scroll_to(len(text) - 1)
    start = text.index("Sentence 31 ")  # in the middle of its paragraph
    end = start + len(sentences[31])
    view.select_span(start, end)
    assert view.selected_span() == (start, end)
    assert _shown_lines(view, start, end) == (True, True)


def test_a_span_taller_than_the_page_is_shown_from_its_first_line(qtbot: QtBot) -> None:
    """J on a sentence longer than the page at 150% showed its end and never where it starts."""
    long_sentence = "The council said that " + "the budget, " * 60 + "would pass."
    text = "A short opening line.\n" + long_sentence + "\nA closing line."
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(320, 200)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(text)
    start = text.index("The council")
    end = start + len(long_sentence)
    view.select_span(start, end)
    assert view.selected_span() == (start, end)
    assert _shown_lines(view, start, end) == (True, False)


def test_outlines_keep_the_same_room_each_side_of_the_words_at_fractional_positions(qtbot: QtBot) -> None:
    """Words start and end between pixels (a glyph is 6.92 pixels wide), and at a scale of 1.75
    every logical pixel is 1.75 of the screen's: the outline cut those positions down to whole
    pixels and drew itself a pixel inside its rectangle, so it stood 2 pixels left of a word and
    none right of it, its bottom a pixel above the claim's colour, a box visibly off its words."""
    text = "Monday, January 7, 2019\nUnited States President Donald Trump said on Friday he can."
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(text)
    for word in ("Monday", "Donald", "Friday"):
        start = text.index(word)
        view.select_span(start, start + len(word))
        (rect,) = view.selection_rects()
        block = view.document().findBlock(start)
        layout = block.layout()
        line = layout.lineForTextPosition(start - block.position())
        left = layout.position().x() + line.cursorToX(start - block.position())[0]
        right = layout.position().x() + line.cursorToX(start + len(word) - block.position())[0]
        top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top() + line.y()
        assert left - rect.left() == pytest.approx(rect.right() - right), word
        assert (rect.top(), rect.bottom()) == pytest.approx((top, top + line.height())), word


def test_context_line_keeps_right_to_left_names_and_overrides_to_themselves(qtbot: QtBot) -> None:
    """An Arabic speaker named with the words that say so ran into them: the line read
    "Quotation by (”العلي“) محمد العلي", the words in brackets first and their quotation marks
    turned round. And an override in an entity's name (a hostile page puts one in) turned the
    rest of the line round. Each name is now isolated (`core.bidi.isolated`)."""
    text = 'قال العلي "سنفوز". Then Omar\u202eXY spoke.'
    view = ArticleView()
    qtbot.addWidget(view)
    quote, mention = text.index('"'), text.index("العلي")
    omar = text.index("Omar")
    view.set_article(
        text,
        entities=[Entity(omar, omar + 7, "PERSON", status=EntityStatus.SUGGESTED)],
        quotes=[Quote(quote, quote + 7, QuoteKind.DIRECT, Speaker(mention, mention + 5, "محمد العلي"), id=1)],
    )
    with qtbot.waitSignal(view.contextChanged) as said:
        view.scroll_to(quote + 2)
    assert said.args == ["Quotation by \u2068محمد العلي\u2069 (“\u2068العلي\u2069”)"]
    with qtbot.waitSignal(view.contextChanged) as said:
        view.scroll_to(omar + 1)
    assert said.args == ["PERSON: \u2068Omar\u202eXY\u2069 (suggested)"]
