"""The themes: the platform's look, or our light or dark palette on Fusion.

Apart from `ui.palette` (label and entity colours, which need the domain's labels) so that
the first paint of a reopened project (`ui.quick_start`) can apply the theme before it
imports the domain model.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.palette import BLUE, SKY_BLUE


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
    _mute_unfocused_selection(p, QColor("#4a4e56"), text)
    return p


def _mute_unfocused_selection(palette: QPalette, muted: QColor, text: QColor) -> None:
    """Selected rows of a list without the keyboard focus in a muted colour, not the highlight.

    Item views paint with the Inactive colours when they do not have the focus; with the same
    blue in every group, Tab from the text to a list changed nothing a person could see (Fusion's
    focus rectangle is a faint line, on a dark ground next to invisible). Now only the list that
    has the focus shows its selection in the highlight colour, as GTK and macOS do.
    """
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, muted)
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.HighlightedText, text)


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
    _mute_unfocused_selection(p, QColor("#d3d7de"), text)
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
