"""The window's parts built after its first paint, or sooner when first used.

Label suggestions, the team menu (with the guidelines dock) and the file transfers are not
needed to draw the first article or to answer the first key. Each module is imported and
each part built when first asked for, right after the first paint at the latest
(`ui.two_step_start`), so none is on the start's path (`tests/ui/test_startup_imports.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.ui.geometry import GUIDELINES_PANEL, SUGGESTIONS_PANEL, PanelAtClose, PanelKeys

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget

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
            window.place_dock(dock, SUGGESTIONS_PANEL)
            window.watch_dock(dock)
        return self._suggestions

    def panels_at_close(self) -> tuple[PanelAtClose, ...]:
        """Each side panel, open or not and where (`geometry.save_geometry`), without building a
        part: one not built yet has never been opened."""
        built = (
            (SUGGESTIONS_PANEL, None if self._suggestions is None else self._suggestions.dock),
            (GUIDELINES_PANEL, None if self._team is None else self._team.dock),
        )
        return tuple(_at_close(keys, dock, self._window) for keys, dock in built)

    @property
    def team(self) -> TeamFeature:
        if self._team is None:
            from annotator.ui.team_menu import TeamFeature

            self._team = TeamFeature(self._window)
            self._team.attach(self._window.registry)
            self._window.place_dock(self._team.dock, GUIDELINES_PANEL)
            self._window.watch_dock(self._team.dock)
        return self._team

    @property
    def transfers(self) -> Transfers:
        if self._transfers is None:
            from annotator.ui.transfers import Transfers

            window = self._window
            self._transfers = Transfers(window, articles=window.articles, status_bar=window.status_bar)
        return self._transfers

    def close(self) -> None:
        """The window closes: the processes its parts keep end (`Transfers.close`)."""
        if self._transfers is not None:
            self._transfers.close()

    def build_all(self) -> list[str]:
        """Build every part not built yet (the second step of the start); their names."""
        return [type(part).__name__ for part in (self.transfers, self.suggestions, self.team)]


def _at_close(keys: PanelKeys, dock: QDockWidget | None, window: MainWindow) -> PanelAtClose:
    """Whether `dock` is open, and where: its width docked, its geometry floating; no place when
    it is closed, whose width is no longer the one it showed at; and its height when docked one
    above the other panel, the split the person left between them."""
    if dock is None or not dock.isVisibleTo(window):
        return PanelAtClose(keys, False, None)
    if dock.isFloating():
        return PanelAtClose(keys, True, dock.geometry())
    stacked = window.panel_stacked_with(dock) is not None
    return PanelAtClose(
        keys,
        True,
        dock.width(),
        dock.height() if stacked else None,
        area=window.dock_side(dock),
        tabbed=window.dock_tabbed(dock),
    )
