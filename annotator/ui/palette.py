"""Colours for labels, entity types and quotations, for light and dark themes.

Claim labels use the Okabe-Ito palette (Okabe & Ito, 2008), whose colours stay
distinguishable under the common colour-vision deficiencies; we never rely on
colour alone: the claim list spells out each label, and in the text each claim has
a line of its label's own under it (`claim_marks`). Backgrounds are
the label colour blended into the page colour, so text keeps its contrast in
both themes; entity text colours have a darker set for light pages and a
lighter set for dark ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from annotator.core.model import ClaimLabel
from annotator.core.palette import contrast_ratio
from annotator.ui.theme import THEMES as THEMES
from annotator.ui.theme import apply_theme as apply_theme
from annotator.ui.theme import dark_palette as dark_palette
from annotator.ui.theme import light_palette as light_palette

LABEL_COLOURS: dict[ClaimLabel, str] = {label: label.colour for label in ClaimLabel}
"""Each label's own colour (`ClaimLabel.colour`, from `core.palette`)."""

# Entity text colours: (light page, dark page). Types without an entry share the last. Both sets
# keep 4.5:1 on every claim's colour (`Scheme.claim_background`).
_ENTITY_COLOURS: dict[str, tuple[str, str]] = {
    "PERSON": ("#005584", "#7CC6F2"),
    "ORG": ("#8A3700", "#FF9E59"),
    "GPE": ("#005C48", "#4CD6AE"),
    "LOC": ("#005C48", "#4CD6AE"),
    "NORP": ("#7F3260", "#E9A3CB"),
    "FAC": ("#5E5000", "#E6D55C"),
    "EVENT": ("#5E5000", "#E6D55C"),
    "DATE": ("#505050", "#B8B8B8"),
    "TIME": ("#505050", "#B8B8B8"),
}
_OTHER_ENTITY = ("#4B4B7A", "#B7B7EA")

QUOTE_COLOUR = ("#7A5C99", "#C7A8E6")


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the current (or given) palette draws light text on a dark page."""
    if palette is None:
        palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


CHIP_CONTRAST = 3.3
"""How far a label's chip stands from the row it is drawn on: WCAG's 3:1 for a graphic that
carries meaning, and a little more, as the style shades a selected row a touch off its colour."""


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours, from 1 (the same) to 21 (black on white)
    (`core.palette.contrast_ratio`, which the charts' edges and the HTML report use too)."""
    return contrast_ratio(a.name(), b.name())


def blend(colour: str | QColor, base: QColor, alpha: float) -> QColor:
    """`colour` laid over `base` at `alpha` opacity, as an opaque colour."""
    top = QColor(colour)
    return QColor(
        round(top.red() * alpha + base.red() * (1 - alpha)),
        round(top.green() * alpha + base.green() * (1 - alpha)),
        round(top.blue() * alpha + base.blue() * (1 - alpha)),
    )


@dataclass(frozen=True)
class Scheme:
    """The resolved colours for one theme; built from the widget's palette."""

    dark: bool
    base: QColor
    text: QColor

    def claim_background(self, label: ClaimLabel) -> QColor:
        """The label's colour over the page, faint enough for the names coloured in it.

        At 45% on the dark page a name in a claim was 3.3:1 against it (orange ORG on
        opinion's ochre), under the 4.5:1 text needs; at 30% the least is 4.6:1, and the
        claim stays 1.6:1 from the page. On the light page names were 3.7-4.5:1 (orange ORG
        on questionable's pink the least) with claims only 1.35:1 from the page: at 53%, with
        names a shade darker, the least is 4.5:1 and claims stand 1.5:1 from the page.
        """
        return blend(LABEL_COLOURS[label], self.base, 0.30 if self.dark else 0.53)

    def dispute_background(self) -> QColor:
        """The fill under the words the review asks about: a grey, the page's text laid over it.

        The review drew them on yellow whatever labels were in dispute, and beside the orange
        of opinion a reviewer read it as that label. No label is a grey, in either theme or to
        a colour-blind eye; the review also makes the words bold and underlined, so the mark
        does not rest on colour. 20% on the light page and 30% on the dark one stand 1.5:1
        and 2.4:1 from the page, with the text 10:1 and 5.7:1 on it.
        """
        return blend(self.text, self.base, 0.30 if self.dark else 0.20)

    def chip_colour(self, label: ClaimLabel, ground: QColor) -> QColor:
        """The label's colour as a chip on `ground` (a row of the claim list, plain or selected).

        A narrow claim list shows the label as its chip alone. The chip was the claim's colour
        in the text (`claim_background`), 1.6-1.8:1 from the dark theme's rows and 1.5:1 from
        the light theme's, where a graphic that alone says something wants 3:1. The label's
        own colour, taken towards white on a dark or mid-blue row and towards black on a light
        one until it stands `CHIP_CONTRAST` from it, keeps its hue: full strength on the dark
        rows, a deeper shade on the light ones, a paler one on a selected row.
        """
        own = QColor(LABEL_COLOURS[label])
        white, black = QColor(255, 255, 255), QColor(0, 0, 0)
        towards = white if contrast(white, ground) >= contrast(black, ground) else black
        chip = own
        for step in range(1, 21):
            if contrast(chip, ground) >= CHIP_CONTRAST:
                break
            chip = blend(towards, own, step / 20)
        return chip

    def mark_colour(self, label: ClaimLabel) -> QColor:
        """The colour of the line under a claim (`claim_marks`): the label's hue, 3:1 from the
        claim's background, as a line that carries meaning needs."""
        return self.chip_colour(label, self.claim_background(label))

    def label_swatch(self, label: ClaimLabel) -> QColor:
        return QColor(LABEL_COLOURS[label])

    def suggestion_colour(self, label: ClaimLabel) -> QColor:
        """The label colour as a line on the page: full strength, a little darker on light pages."""
        colour = QColor(LABEL_COLOURS[label])
        return colour if self.dark else colour.darker(125)

    def entity_colour(self, label: str) -> QColor:
        pair = _ENTITY_COLOURS.get(label, _OTHER_ENTITY)
        return QColor(pair[1] if self.dark else pair[0])

    def quote_colour(self) -> QColor:
        return QColor(QUOTE_COLOUR[1] if self.dark else QUOTE_COLOUR[0])


def scheme_for(palette: QPalette) -> Scheme:
    return Scheme(
        dark=is_dark(palette),
        base=palette.color(QPalette.ColorRole.Base),
        text=palette.color(QPalette.ColorRole.Text),
    )


def fill_theme_menu(menu: QMenu, current: str, choose: Callable[[str], None]) -> dict[str, QAction]:
    """View ▸ Theme: one checkable action per theme, `current` checked; `choose(theme)` on a pick."""
    group = QActionGroup(menu)
    names = {"system": menu.tr("&System"), "light": menu.tr("&Light"), "dark": menu.tr("&Dark")}
    actions: dict[str, QAction] = {}
    for theme in THEMES:
        action = menu.addAction(names[theme])
        action.setCheckable(True)
        action.setChecked(theme == current)
        action.setObjectName(f"theme_{theme}")
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, t=theme: choose(t))
        actions[theme] = action
    return actions
