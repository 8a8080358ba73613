"""The no-project page's heading names the project being opened without widening the window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from annotator.ui.centre import EmptyState

LONG_NAME = "team-" + "alice-bob-carol-" * 8 + "final.annotator.db"


def test_a_long_project_name_being_opened_does_not_widen_the_page(qtbot: QtBot) -> None:
    """ "Opening <name>…" set the page's minimum to the name's width: a start of a project with
    a long file name would have widened the window past the size the person gave it."""
    page = EmptyState()
    qtbot.addWidget(page)
    page.show()
    least = page.minimumSizeHint().width()
    page.show_opening(LONG_NAME)
    assert page.heading.text() == f"Opening {LONG_NAME}…"
    assert page.minimumSizeHint().width() <= least
    page.resize(least, 400)
    qtbot.wait(10)
    assert page.heading.width() <= least  # wrapped inside the page, not past it
