"""Highlights: entities, quotations and claims all stay visible where they overlap."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat
from pytestqt.qtbot import QtBot

from annotator.core.model import Claim, ClaimLabel, Entity, EntityStatus, Quote, Speaker
from annotator.ui.article_view import ArticleView, merge_segments
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
            Entity(oslo, oslo + 4, "GPE", id=2),
            Entity(0, 4, "NORP", status=EntityStatus.REJECTED, id=3),
        ],
        quotes=[Quote(quote_start, quote_end, speaker=Speaker(15, 20, "the mayor"), id=1)],
        claims=[Claim(1, TEXT.index("said"), TEXT.index("and left"), ClaimLabel.QUESTIONABLE, "ada", id=7)],
    )
    return view


def test_claim_entity_and_quote_overlap_and_all_show(qtbot: QtBot) -> None:
    view = _make_view(qtbot)
    scheme = scheme_for(view.palette())
    anna = TEXT.index("Anna")
    person = _format_at(view, anna)
    assert person.foreground().color() == scheme.entity_colour("PERSON")
    assert person.fontWeight() == QFont.Weight.DemiBold
    assert person.fontItalic() and person.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    plain_quote = _format_at(view, TEXT.index(" of "))
    assert plain_quote.fontItalic() and plain_quote.fontWeight() != QFont.Weight.DemiBold
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
    assert anna.fontWeight() != QFont.Weight.DemiBold and anna.fontItalic()  # still quoted
    assert _format_at(view, TEXT.index("Oslo")).fontWeight() == QFont.Weight.DemiBold
    legend.checkbox("PERSON").click()
    assert _format_at(view, TEXT.index("Anna")).fontWeight() == QFont.Weight.DemiBold


def test_context_line_names_speaker_entity_and_claim(qtbot: QtBot) -> None:
    view = _make_view(qtbot)
    with qtbot.waitSignal(view.contextChanged) as said:
        view.scroll_to(TEXT.index("Berg"))
    assert said.args == [
        "Quotation by the mayor  ·  PERSON: Anna Berg (suggested)  ·  Claim: questionable by ada"
    ]
    assert view.describe(len(TEXT) - 2) == ""


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
