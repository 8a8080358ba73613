"""Text that came from a file, shown as text: never read as rich text, never loading a resource.

Qt guesses whether a label's, a tooltip's or a message box's string is rich text, and
rich text loads images: a title `<img src="file:///dev/zero">` made Qt read /dev/zero
until memory ran out. Every sink that shows text from a file uses one of these:
`plain()` for labels and message boxes, `tip()` for tooltips (escaped, so Qt shows the
characters), and `SafeBrowser` for Markdown (guidelines) that may hold images and links.
"""

from __future__ import annotations

import html
import re
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTextBrowser, QWidget

W = TypeVar("W", QLabel, QMessageBox)

_WEB_SCHEMES = frozenset({"http", "https"})

MOST_ITEMS_DRAWN = 2_000
"""List items and table rows Markdown may hold to be drawn as Markdown.

Qt lays out a list or a table in time that grows as the square of its length: 2,000 items
take a fraction of a second, 12,000 took twelve seconds, and a million characters of them,
which a project file may hold, most of an hour, the window still throughout.
"""

MOST_TAGS_DRAWN = 2_000
"""HTML tags Markdown may hold to be drawn as Markdown.

Qt reads HTML in Markdown with its rich-text parser, in time that grows faster than the square
of how deeply the tags nest: 2,000 nested `<div>`s take a tenth of a second, 20,000 (220,000
characters) most of a minute, and a project file may hold a million characters of them.
"""

_HTML_TAG = re.compile(r"<[A-Za-z]")

# A line that opens a list item (also in a quotation), or may be a table's row (any `|`).
_ITEM_OR_ROW = re.compile(r"^[ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)|^[^\n|]*\|", re.MULTILINE)


def tip(text: str) -> str:
    """A tooltip string that shows `text` exactly: escaped inside `<qt>`, which Qt reads as rich text."""
    if not text:
        return ""
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def untip(tooltip: str) -> str:
    """The words of a tooltip, without the markup `tip` wraps them in: what a screen reader
    should say where Qt would read the tooltip itself, "<qt>" and "<br>" included."""
    if not tooltip.startswith("<qt>"):
        return tooltip
    return html.unescape(tooltip.removeprefix("<qt>").removesuffix("</qt>").replace("<br>", "\n"))


def plain(widget: W) -> W:
    """Make a label or message box show its text as plain text, whatever it looks like."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def _more_than(pattern: re.Pattern[str], text: str, most: int) -> bool:
    """Whether `pattern` is found more than `most` times in `text`, counting no further."""
    return any(found > most for found, _ in enumerate(pattern.finditer(text), start=1))


class SafeBrowser(QTextBrowser):
    """A text browser for Markdown from a project file: it loads nothing and follows no link itself.

    Images (`<img>`, `![](...)`) get no data at all, whatever their address, so nothing
    outside the app is read. A click on a link asks first, and only http(s) addresses are
    opened, in the system browser; `file:` and every other scheme are refused. Markdown too
    long to lay out in a moment is shown as written (`show_markdown`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Lines break where Unicode allows (spaces, after `/` or `)` in an address), never
        # inside a run that allows none. Qt's default also breaks such a run anywhere, in time
        # that grows as the square of its length: guidelines of a long run without spaces
        # (`x(a)x(a)…`, 400,000 characters of them) held the window still for minutes, at each
        # start with the panel open. Such a run is now one line, scrolled sideways.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.anchorClicked.connect(self.follow)
        self._markdown: str | None = None  # what `show_markdown` showed last
        self._link = QColor()  # the links' colour it was drawn with

    def changeEvent(self, event: QEvent) -> None:
        """Draw the Markdown again when the theme changes its links' colour.

        Qt gives links the application's link colour as it reads the Markdown, and keeps it:
        switched to the dark theme, the guidelines' links stayed the light theme's dark blue on
        the dark page, and the other way pale blue on white, until the guidelines changed.
        """
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.PaletteChange
            and self._markdown is not None
            and QApplication.palette().link().color() != self._link
        ):
            bar = self.verticalScrollBar()
            place = bar.value()  # where the person was reading
            self.show_markdown(self._markdown)
            bar.setValue(place)

    def show_markdown(self, markdown: str) -> None:
        """Show Markdown drawn, or as written when it holds more list items and table rows, or
        HTML tags, than can be drawn in a moment (`MOST_ITEMS_DRAWN`, `MOST_TAGS_DRAWN`), under
        a line that says so."""
        self._markdown = markdown
        self._link = QApplication.palette().link().color()
        too_many = (
            (
                _ITEM_OR_ROW,
                MOST_ITEMS_DRAWN,
                self.tr(
                    "These guidelines hold more list items and table rows than can be laid out"
                    " quickly, so they are shown as written."
                ),
            ),
            (
                _HTML_TAG,
                MOST_TAGS_DRAWN,
                self.tr(
                    "These guidelines hold more HTML tags than can be laid out quickly, so they are"
                    " shown as written."
                ),
            ),
        )
        for pattern, most, note in too_many:
            if _more_than(pattern, markdown, most):
                self.setPlainText(note + "\n\n" + markdown)
                return
        self.setMarkdown(markdown)

    def loadResource(self, kind: int, _name: QUrl | str) -> Any:
        # A blank value of the right kind for everything: a value Qt counts as "not loaded"
        # (even an empty QByteArray through PySide) makes it read the file itself.
        if kind == QTextDocument.ResourceType.ImageResource.value:
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.fill(0)
            return image
        return " "

    def follow(self, url: QUrl) -> bool:
        """Open a clicked link in the system browser after asking; only http(s)."""
        if url.scheme().lower() not in _WEB_SCHEMES:
            QMessageBox.information(
                self,
                self.tr("Link not opened"),
                self.tr("Only web links (http, https) are opened from the guidelines."),
            )
            return False
        if not self.confirm(url):
            return False
        return bool(QDesktopServices.openUrl(url))

    def confirm(self, url: QUrl) -> bool:
        """Ask before a link opens, naming the site it opens.

        The address is shortened in its middle when long: a link of 200,000 characters asked in
        a box 29,000 pixels tall, its buttons far below the screen. Shortened, the address may
        no longer show where it goes (`https://a.example` then `@b.example/`, far along), so
        the site is said on a line of its own.
        """
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Open link"),
            self.tr("Open this address in your web browser?\n\n{0}\n\nThe page is on {1}.").format(
                shortened(url.toString()), url.host()
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("openLinkBox")
        plain(box)
        return box.exec() == QMessageBox.StandardButton.Yes


MOST_ADDRESS_CHARS = 300
"""Characters of a link's address the question before opening it shows: a few lines of it."""


def shortened(address: str) -> str:
    """`address`, its middle left out (…) if it is longer than `MOST_ADDRESS_CHARS`."""
    if len(address) <= MOST_ADDRESS_CHARS:
        return address
    end = MOST_ADDRESS_CHARS // 4
    return address[: MOST_ADDRESS_CHARS - end - 1] + "…" + address[-end:]
