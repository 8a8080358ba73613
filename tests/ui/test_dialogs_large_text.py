"""The note and quotation dialogs (N, W) with the larger text people set on their desktops:
the claim or quotation they are about is shown whole, and the dialog fits the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QAbstractButton, QCheckBox
from pytestqt.qtbot import QtBot

from annotator.ui.dialogs import NoteDialog, QuoteDialog
from tests.ui.conftest import cut_labels, larger_font

LONG = (
    "The minister said the rail unions had made limited but meaningful gains on some key issues, "
    "while holding the line on others, and that the agreement would be put to a vote next month."
)


def test_at_13x_text_the_note_dialog_shows_the_claim_whole(qtbot: QtBot) -> None:
    """The dialog kept its 420x220 and the layout squeezed the wrapped claim to two of its lines."""
    with larger_font(1.3):
        dialog = NoteDialog(excerpt=LONG)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert cut_labels(dialog) == []
        assert dialog.screen().availableGeometry().contains(dialog.geometry())


def test_with_larger_text_the_quotation_dialog_shows_the_quotation_and_its_bounds_whole(qtbot: QtBot) -> None:
    """Qt capped the dialog at two thirds of the screen's width and kept the height worked out
    for the wider one: at 1.3x text on a 1366x768 laptop the quotation lost its last line and
    the Bounds box its end. The test screen is 1920 wide, where 1.6x text does the same."""
    with larger_font(1.6):
        dialog = QuoteDialog(
            None, excerpt=LONG, kind="direct", speaker="", names=["Marty Walsh"], bounds=LONG[:110]
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert cut_labels(dialog) == []
        box = dialog.findChild(QCheckBox, "quoteBounds")
        assert box.width() >= box.sizeHint().width()
        assert dialog.screen().availableGeometry().contains(dialog.geometry())


def test_at_twice_the_scale_with_larger_text_the_box_for_the_speaker_s_other_quotations_fits(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 200% on a 1366x768 laptop (683x384) with the desktop's text 1.5 times larger, the
    box offering the speaker to their other quotations (a check box does not wrap) needed 705
    pixels, and a long speaker's name more: the dialog ran past the screen's right edge with
    OK and Cancel. Its words now go over more lines, every one of them kept."""
    screen = QRect(0, 0, 683, 384)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    speaker = "Maria Lopez de la Fuente y Garcia, the Springfield City Council's spokeswoman"
    with larger_font(1.5):
        dialog = QuoteDialog(None, excerpt=LONG, kind="direct", speaker=speaker, names=[speaker], others=3)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        # Its size: with no window under it, Qt centres it on the test's real (larger) screen.
        frame = dialog.frameGeometry()
        assert frame.width() <= screen.width(), frame
        also = dialog.findChild(QCheckBox, "quoteAlso")
        assert also.isVisibleTo(dialog) and "(3)" in also.text()
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisibleTo(dialog):
                left = button.mapTo(dialog, QPoint(0, 0)).x()
                assert left >= 0 and left + button.width() <= dialog.width(), button.text()
                assert button.width() >= button.sizeHint().width(), button.text()
        assert " ".join(also.text().split()) == (
            f"&Also give this speaker to the other quotations attributed to {speaker} (3)"
        )
