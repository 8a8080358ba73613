"""The themes: the platform's look, or our light or dark palette on Fusion.

Apart from `ui.palette` (label and entity colours, which need the domain's labels) so that
the first paint of a reopened project (`ui.quick_start`) can apply the theme before it
imports the domain model.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QTransform
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMenuBar,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionFrame,
    QTextEdit,
    QWidget,
)

from annotator.core.palette import BLUE, SKY_BLUE
from annotator.ui.app_events import app_events


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
    _dim_disabled(p, QColor("#777777"))
    _mute_unfocused_selection(p, QColor("#4a4e56"), text)
    return p


def _dim_disabled(palette: QPalette, dimmed: QColor) -> None:
    """What cannot be used now in a dimmed colour: with the palette's own text colour for the
    Disabled group, the name dialog's OK (off until a name is typed) and the menus' greyed-out
    entries looked as usable as the rest, in both of our themes."""
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, dimmed)


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
    _dim_disabled(p, QColor("#8c8c8a"))
    _mute_unfocused_selection(p, QColor("#d3d7de"), text)
    return p


_DEFAULT_FRAME_WIDTH = QStyle.PixelMetric.PM_DefaultFrameWidth


class FocusFrameStyle(QProxyStyle):
    """Fusion with a focus frame a keyboard user can find: 2 px in the palette's Link colour.

    Fusion marks the focus with its highlight darkened, about 1.9:1 against a button of the dark
    theme, draws a check box's as a faint translucent line, and frames the default button the
    same focused or not, so Tab onto OK changed nothing on screen. The Link colour (the
    Okabe-Ito sky blue on dark, blue on light) keeps 4:1 or more against the buttons, windows and
    fields of both themes. Only after a focus change by keyboard, as Fusion does, so a click
    leaves the look as it was. In item views the current row keeps Fusion's, as the selection
    colour shows it (`_mute_unfocused_selection`); their frame takes ours.
    """

    _PEN_WIDTH = 2

    def _frame(self, painter: QPainter, option: QStyleOption, rect: QRect) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = QPen(option.palette.color(QPalette.ColorRole.Link), self._PEN_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # A 2 px pen straddles its line: inset by one so both pixels fall inside `rect`.
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()

    @staticmethod
    def _keyboard_focus(option: QStyleOption) -> bool:
        state = option.state
        return bool(state & QStyle.StateFlag.State_HasFocus) and bool(
            state & QStyle.StateFlag.State_KeyboardFocusChange
        )

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        """A text box's frame as wide as our focus frame (`drawControl`) is drawn.

        Fusion's is 1 px, and the page inside it covered the frame's inner pixel down both sides
        and along the bottom: round the article's text a hairline beside the title's 2 px, on
        the dark theme hard to find. The unfocused look keeps its 1 px line, a pixel further out.
        """
        # Asked some 2,000 times in opening a window: the metric first, by identity.
        if metric is _DEFAULT_FRAME_WIDTH and isinstance(widget, (QPlainTextEdit, QTextEdit)):
            return max(super().pixelMetric(metric, option, widget), self._PEN_WIDTH)
        return super().pixelMetric(metric, option, widget)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Check boxes and radio buttons ask for PE_FrameFocusRect around their text.

        A line edit's focus is Fusion's border in the highlight colour, about 2.4:1 against the
        dark theme's field: after Tab its frame (not the frameless one inside a combo or spin
        box) takes ours, as the buttons do.
        """
        if (
            element == QStyle.PrimitiveElement.PE_FrameFocusRect
            and bool(option.state & QStyle.StateFlag.State_KeyboardFocusChange)
            and not isinstance(widget, QAbstractItemView)
        ):
            self._frame(painter, option, option.rect)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _INDICATORS and bool(option.state & QStyle.StateFlag.State_Enabled):
            edge_indicator(element, option, painter)
        if (
            element == QStyle.PrimitiveElement.PE_PanelLineEdit
            and isinstance(option, QStyleOptionFrame)
            and option.lineWidth > 0
            and self._keyboard_focus(option)
        ):
            self._frame(painter, option, option.rect)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Fusion draws a push button's focus into its border, not as PE_FrameFocusRect.

        A list or table shows the focus by its selected row, which an empty one (the claims of
        an article not yet labelled, the training dialog's scores before training) does not
        have: Tab stopped on it with nothing to see. Its frame shows the focus, and a text box's
        (a note), whose only sign was the caret, read-only ones too (the article's text, the
        guidelines panel's, which has no caret at all).
        """
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_MenuBarItem:
            if _menu_bar_keyboard_item(option, widget):
                self._frame(painter, option, option.rect)
            return
        if not self._keyboard_focus(option):
            return
        if element == QStyle.ControlElement.CE_PushButton or (
            element == QStyle.ControlElement.CE_ShapedFrame and _frames_focus(widget)
        ):
            self._frame(painter, option, option.rect)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Likewise a combo box's, a spin box's and a tool button's."""
        super().drawComplexControl(control, option, painter, widget)
        if control in {
            QStyle.ComplexControl.CC_ComboBox,
            QStyle.ComplexControl.CC_SpinBox,
            QStyle.ComplexControl.CC_ToolButton,
        } and self._keyboard_focus(option):
            self._frame(painter, option, option.rect)


_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)

INDICATOR_EDGE_TEXT_SHARE = 0.6
"""How much of the text colour (the rest the field's) a check box's edge takes: 4:1 or more against
the window and the fields of both our themes."""


def indicator_edge(palette: QPalette) -> QColor:
    """The edge of a check box or radio button: between the text and the field it is drawn on."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    share = INDICATOR_EDGE_TEXT_SHARE
    return QColor(
        round(text.red() * share + base.red() * (1 - share)),
        round(text.green() * share + base.green() * (1 - share)),
        round(text.blue() * share + base.blue() * (1 - share)),
    )


def edge_indicator(element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter) -> None:
    """Edge an enabled check box's box or radio button's circle where Fusion drew its own.

    Fusion fills it with the field's colour and edges it with the window's darkened: 1.1:1
    against the dark theme's window, 1.9:1 on the light one, so an unticked box (the release's
    "Replace annotator names", the quotation's "Also give this speaker…") was a label with
    nothing beside it to tick. A control's edge wants 3:1 (WCAG 1.4.11). Fusion's geometry,
    so the tick or dot it drew stays inside.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    rect = option.rect
    if element == QStyle.PrimitiveElement.PE_IndicatorCheckBox:
        path, width = device_pixel_outline(rect, painter.deviceTransform())
        painter.setPen(QPen(indicator_edge(option.palette), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(path)
    else:
        painter.setPen(QPen(indicator_edge(option.palette), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        circle = QPainterPath()
        radius = (rect.width() + (rect.width() + 1) % 2) / 2.0 - 1
        circle.addEllipse(QPointF(rect.center()) + QPointF(1, 1), radius, radius)
        painter.drawPath(circle)
    painter.restore()


def device_pixel_outline(rect: QRect, device: QTransform) -> tuple[QRectF, float]:
    """The path and width of a pen whose line lies on whole device pixels just inside `rect`.

    A line a logical pixel wide is 1.25 or 1.75 device pixels at those scales, and the box's
    edge falls between device pixels: a full pixel beside a faint one, a blurred edge. Here its
    edges are rounded to device pixels (`device` maps logical to device pixels), and it is as
    many device pixels wide as the scale rounds to, at least one.
    """
    scale = device.m11()
    width = max(1, round(scale)) / scale

    def snapped(logical: float, offset: float) -> float:
        return (round(logical * scale + offset) - offset) / scale

    left, right = snapped(rect.x(), device.dx()), snapped(rect.x() + rect.width(), device.dx())
    top, bottom = snapped(rect.y(), device.dy()), snapped(rect.y() + rect.height(), device.dy())
    half = width / 2
    return QRectF(left + half, top + half, right - left - width, bottom - top - width), width


def _menu_bar_keyboard_item(option: QStyleOption, widget: QWidget | None) -> bool:
    """Whether a menu bar item is the one the keys are on, with no menu open under it.

    Alt alone, or Escape out of a menu opened with Alt+F, leaves the focus on the menu bar:
    arrows move along it and Down opens a menu. Fusion marks the item only while its menu is
    open (selected and sunken), so the text lost its frame and nothing else took one: the
    keys a person typed next went somewhere they could not see. The bar has the focus only
    then; a mouse over an item selects it without taking the focus, and keeps Fusion's look.
    """
    state = option.state
    return (
        isinstance(widget, QMenuBar)
        and widget.hasFocus()
        and bool(state & QStyle.StateFlag.State_Selected)
        and not state & QStyle.StateFlag.State_Sunken
    )


def _frames_focus(widget: QWidget | None) -> bool:
    """Whether a scroll area's frame is its focus sign: a list's or table's, a text box's.

    Read-only text boxes too: Tab stops on the article's text and on the guidelines, and a
    frame drawn only after a key (`_keyboard_focus`) leaves the look a mouse user knows.
    """
    return isinstance(widget, (QAbstractItemView, QPlainTextEdit, QTextEdit))


THEMES = ("system", "light", "dark")
_system_look: tuple[str, QPalette] | None = None
_forced = False  # whether light or dark replaced the platform's look
_focus_style: FocusFrameStyle | None = None  # the app's style: Python keeps its overrides alive


def install_keyboard_cues(app: QApplication) -> None:
    """Once per application: a focus change after a key frames the focus (`app_events.AppEvents`).

    Not left to `apply_theme` alone: a window built without a theme applied first (a script's,
    a test's) got the filter only if something earlier in the process had applied one, so
    whether Ctrl+F framed the search box depended on what ran before. `MainWindow` installs it
    too.
    """
    app_events(app).keyboard_cues = True


def ours_applied() -> bool:
    """Whether light or dark has replaced the platform's look.

    The look belongs to the application, every window of the process, not to a window: what
    puts the platform's back asks first, as `apply_theme` with `system` installs the keyboard
    cues even where nothing was switched.
    """
    return _forced


def apply_theme(app: QApplication, theme: str) -> None:
    """`system` keeps (or brings back) the platform's look; `light`/`dark` force ours.

    The platform's style and palette are remembered before ours first replace them, so
    switching back to `system` at run time restores them instead of leaving Fusion with our
    colours. Not before: asking for the style sets up every QStyle enum in PySide, time the
    start-up with the system theme does not need to spend.
    """
    global _system_look, _forced, _focus_style
    install_keyboard_cues(app)  # every theme: the platform's Fusion frames the focus as ours
    if theme in {"light", "dark"}:
        if _system_look is None:  # the platform's look is still on: keep it for `system`
            style = app.style()
            base = style.baseStyle() if isinstance(style, FocusFrameStyle) else style
            _system_look = (base.name(), QPalette(app.palette()))
        if not isinstance(app.style(), FocusFrameStyle):  # a new style re-polishes every widget
            _focus_style = FocusFrameStyle(QStyleFactory.create("Fusion"))
            app.setStyle(_focus_style)
        app.setPalette(dark_palette() if theme == "dark" else light_palette())
        _forced = True
    elif _forced and _system_look is not None:
        app.setStyle(_system_look[0])
        app.setPalette(_system_look[1])
        _forced = False
        frame_focus_on_plain_fusion(app)
    # else: the platform's look is already on; setting it again makes a new style and
    # re-polishes, which every start with the system theme paid before its first paint.


def frame_focus_on_plain_fusion(app: QApplication) -> None:
    """With the system theme where the desktop leaves Qt its own Fusion, our focus frame on it.

    A bare X session, or a window manager without a Qt platform theme (what a new laptop user
    often has), gives Qt no look of its own: it draws Fusion, which shows nothing when Tab
    reaches a list (its selected row is the same blue focused or not, and the other list's row
    beside it as blue). Fusion's look and the platform's colours stay; the focus frame is ours
    (`FocusFrameStyle`), and a list without the focus mutes its row, as in our themes. Called
    once the window is painted: asking for the style sets up every QStyle enum, and a new style
    re-polishes every widget, time the first paint does not spend. A desktop's own style
    (Breeze, a GTK theme) is left alone.
    """
    global _focus_style
    style = app.style()
    if _forced or isinstance(style, FocusFrameStyle) or style.name().lower() != "fusion":
        return
    palette = QPalette(app.palette())  # a new style brings its own: keep the platform's
    _mute_unfocused_selection_of_platform(palette)
    _focus_style = FocusFrameStyle(QStyleFactory.create("Fusion"))
    app.setStyle(_focus_style)
    app.setPalette(palette)


UNFOCUSED_SELECTION_STRENGTH = 0.3
"""How much of the platform's highlight a selected row keeps in a list without the focus."""


def _mute_unfocused_selection_of_platform(palette: QPalette) -> None:
    """The platform's palette on Fusion: a list without the focus shows its row muted, as ours do.

    Fusion's palette has one highlight for every group, so the article list showed its selected
    row in full blue while the text had the focus, as loud as the focused claims' row beside it.
    The highlight faded into the list's ground keeps the platform's hue and a row that still
    stands out; a palette that already tells the two apart (a desktop's own) is left as it is.
    """
    active, inactive = QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive
    highlight = palette.color(active, QPalette.ColorRole.Highlight)
    if palette.color(inactive, QPalette.ColorRole.Highlight) != highlight:
        return
    ground = palette.color(active, QPalette.ColorRole.Base)
    strength = UNFOCUSED_SELECTION_STRENGTH
    muted = QColor(
        round(highlight.red() * strength + ground.red() * (1 - strength)),
        round(highlight.green() * strength + ground.green() * (1 - strength)),
        round(highlight.blue() * strength + ground.blue() * (1 - strength)),
    )
    _mute_unfocused_selection(palette, muted, palette.color(active, QPalette.ColorRole.Text))
