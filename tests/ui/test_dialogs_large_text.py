"""The note and quotation dialogs (N, W) with the larger text people set on their desktops:
the claim or quotation they are about is shown whole, and the dialog fits the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox
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
