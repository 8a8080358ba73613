"""The window's parts built after its first paint, or sooner when first used.

Label suggestions, the team menu (with the guidelines dock) and the file transfers are not
needed to draw the first article or to answer the first key. Each module is imported and
each part built when first asked for, right after the first paint at the latest
(`ui.two_step_start`), so none is on the start's path (`tests/ui/test_startup_imports.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QRect

    from annotator.ui.main_window import MainWindow
    from annotator.ui.suggestions import SuggestionsFeature
    from annotator.ui.team_menu import TeamFeature
    from annotator.ui.transfers import Transfers


class Features:
    """Builds each part once, on first access, for `window` (whose actions they attach to)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._suggestions: SuggestionsFeature | None = None
        self._team: TeamFeature | None = None
        self._transfers: Transfers | None = None

    @property
    def suggestions(self) -> SuggestionsFeature:
        if self._suggestions is None:
            from annotator.ui.suggestions import SuggestionsFeature

            window = self._window
            self._suggestions = SuggestionsFeature(window, window.runner.pool)
            self._suggestions.attach(window.registry)
            dock = self._suggestions.dock
            window.place_suggestions_dock(dock)
            window.watch_dock(dock)
        return self._suggestions

    @property
    def suggestions_panel_open(self) -> bool:
        """Whether the Suggestions panel is open, without building the part: one not built yet
        has never been opened."""
        suggestions = self._suggestions
        return suggestions is not None and suggestions.dock.isVisibleTo(self._window)

    @property
    def suggestions_panel_place(self) -> int | QRect | None:
        """Where the open Suggestions panel is: its width docked, its geometry floating; None
        when it is closed (or not built), and its width then is no longer the one it showed at."""
        suggestions = self._suggestions
        if suggestions is None or not suggestions.dock.isVisibleTo(self._window):
            return None
        dock = suggestions.dock
        return dock.geometry() if dock.isFloating() else dock.width()

    @property
    def team(self) -> TeamFeature:
        if self._team is None:
            from annotator.ui.team_menu import TeamFeature

            self._team = TeamFeature(self._window)
            self._team.attach(self._window.registry)
            self._window.watch_dock(self._team.dock)
        return self._team

    @property
    def transfers(self) -> Transfers:
        if self._transfers is None:
            from annotator.ui.transfers import Transfers

            window = self._window
            self._transfers = Transfers(window, articles=window.articles, status_bar=window.status_bar)
        return self._transfers

    def build_all(self) -> list[str]:
        """Build every part not built yet (the second step of the start); their names."""
        return [type(part).__name__ for part in (self.transfers, self.suggestions, self.team)]
