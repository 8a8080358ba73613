"""Colours for labels, entity types and quotations, for light and dark themes.

Claim labels use the Okabe-Ito palette (Okabe & Ito, 2008), whose colours stay
distinguishable under the common colour-vision deficiencies; we never rely on
colour alone, since the claim list also spells out each label. Backgrounds are
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
from annotator.core.palette import BLUE, SKY_BLUE

LABEL_COLOURS: dict[ClaimLabel, str] = {label: label.colour for label in ClaimLabel}
"""Each label's own colour (`ClaimLabel.colour`, from `core.palette`)."""

# Entity text colours: (light page, dark page). Types without an entry share the last.
_ENTITY_COLOURS: dict[str, tuple[str, str]] = {
    "PERSON": ("#005A8C", "#7CC6F2"),
    "ORG": ("#B34700", "#FF9E59"),
    "GPE": ("#00735A", "#4CD6AE"),
    "LOC": ("#00735A", "#4CD6AE"),
    "NORP": ("#9C3F76", "#E9A3CB"),
    "FAC": ("#6B5B00", "#E6D55C"),
    "EVENT": ("#6B5B00", "#E6D55C"),
    "DATE": ("#555555", "#B8B8B8"),
    "TIME": ("#555555", "#B8B8B8"),
}
_OTHER_ENTITY = ("#4B4B7A", "#B7B7EA")

QUOTE_COLOUR = ("#7A5C99", "#C7A8E6")


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the current (or given) palette draws light text on a dark page."""
    if palette is None:
        palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


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

    def claim_background(self, label: ClaimLabel) -> QColor:
        return blend(LABEL_COLOURS[label], self.base, 0.45 if self.dark else 0.38)

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
    return Scheme(dark=is_dark(palette), base=palette.color(QPalette.ColorRole.Base))


def dark_palette() -> QPalette:
    """A dark palette for the `dark` theme setting and for screenshots/tests offscreen."""
    p = QPalette()
    window, base, text = QColor("#202124"), QColor("#1a1b1e"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#26282c"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#2c2e33"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: QColor("#2c2e33"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8a8d93"),
        QPalette.ColorRole.Highlight: QColor("#3d6fa8"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor(SKY_BLUE),
        QPalette.ColorRole.Mid: QColor("#3a3d42"),
        QPalette.ColorRole.Dark: QColor("#111214"),
        QPalette.ColorRole.Light: QColor("#3f4248"),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#777777"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#777777"))
    return p


def light_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#f3f3f1"), QColor("#fdfdfb"), QColor("#1d1d1f")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#efefec"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#e9e9e6"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: QColor("#ffffe6"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#8a8a8a"),
        QPalette.ColorRole.Highlight: QColor("#3874c8"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor(BLUE),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    return p


THEMES = ("system", "light", "dark")
_system_look: tuple[str, QPalette] | None = None
_forced = False  # whether light or dark replaced the platform's look


def apply_theme(app: QApplication, theme: str) -> None:
    """`system` keeps (or brings back) the platform's look; `light`/`dark` force ours.

    The platform's style and palette are remembered before ours first replace them, so
    switching back to `system` at run time restores them instead of leaving Fusion with our
    colours. Not before: asking for the style sets up every QStyle enum in PySide, time the
    start-up with the system theme does not need to spend.
    """
    global _system_look, _forced
    if theme in {"light", "dark"}:
        if _system_look is None:  # the platform's look is still on: keep it for `system`
            _system_look = (app.style().name(), QPalette(app.palette()))
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if theme == "dark" else light_palette())
        _forced = True
    elif _forced and _system_look is not None:
        app.setStyle(_system_look[0])
        app.setPalette(_system_look[1])
        _forced = False
    # else: the platform's look is already on; setting it again makes a new style and
    # re-polishes, which every start with the system theme paid before its first paint.


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
