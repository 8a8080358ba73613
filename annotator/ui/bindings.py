"""What each of the window's declared actions does: the table from action id to handler.

`ui.actions` declares every action once (text, keys, menu, context, when enabled); here the
window's own ids are bound to what they do, a feature's ids (`ActionSpec.feature`) to a
call that builds the feature when one first fires, and the actions that follow a state
(undo, redo, entity mode) or a widget (the reading view, the lists) are connected. Dialogs
and features are imported when their action fires: nothing here may load before the first
paint what the window does not draw (`tests/ui/test_startup_imports.py`). The menu bar is
filled from the same declarations, with the two menus whose items are not actions: Open
Recent and View ▸ Theme.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QWidget

from annotator.core.model import ClaimLabel
from annotator.ui.actions import ACTIONS, ActionSet
from annotator.ui.palette import THEMES, fill_theme_menu
from annotator.ui.project_files import RecentMenu

if TYPE_CHECKING:
    from annotator.ui.context import WindowContext
    from annotator.ui.main_window import MainWindow


def bind_actions(window: MainWindow) -> ActionSet:
    """The window's actions from their declarations (`ui.actions.ACTIONS`), each bound by id."""
    registry = ActionSet(window, ACTIONS, window.guard)
    labelling, entities, view = window.labelling, window.entities, window.view
    handlers: dict[str, Callable[[], object]] = {
        "new_project": window.new_project_dialog,
        "open_project": window.open_project_dialog,
        "close_project": window.close_project_asked,
        "save_copy": window.save_copy_dialog,
        # `window.transfers` is built on first use: read when the action fires, not here.
        "import": lambda: window.transfers.import_dialog(),
        "import_folder": lambda: window.transfers.import_folder_dialog(),
        "preannotate": lambda: window.transfers.preannotate(None),
        "export": lambda: window.transfers.export_dialog(),
        "release": partial(_open_release_dialog, window),
        "pipeline_choice": partial(_open_pipeline_dialog, window),
        "backups": partial(_open_backups_dialog, window),
        "change_name": window.ask_name,
        "preferences": partial(_open_preferences, window),
        "quit": window.quit_asked,
        "undo": window.undo_stack.undo,
        "redo": window.undo_stack.redo,
        **{f"label_{label.value}": partial(labelling.apply_label, label) for label in ClaimLabel},
        "note": labelling.edit_note,
        "delete_claim": labelling.delete_claim,
        "entity_mode": entities.toggle,
        "accept_entity": entities.accept,
        "reject_entity": entities.reject,
        "accept_every_mention": entities.accept_every,
        "reject_every_mention": entities.reject_every,
        "change_entity_type": entities.change_type,
        "entity_decisions": entities.show_decisions,
        "correct_quote": window.quotations.correct,
        "next_quote": lambda: window.quotations.step(1),
        "previous_quote": lambda: window.quotations.step(-1),
        "next": lambda: labelling.step(1),
        "previous": lambda: labelling.step(-1),
        "done": labelling.mark_done,
        "search": partial(_focus_search, window),
        "find_next": lambda: window.find_in_text(1),
        "find_previous": lambda: window.find_in_text(-1),
        "to_text": window.back_to_text,
        "open_in_text": lambda: window.articles.open_current() or view.setFocus(),
        "article_list": lambda: window.list_fold.toggle(),
        "bigger": lambda: window.zoom(1),
        "smaller": lambda: window.zoom(-1),
        "open_sample": window.open_sample_project,
        "menu_bar": partial(_open_menu_bar, window),
        "shortcuts": window.show_shortcuts,
        "about": window.show_about,
        "messages": window.show_messages,
        # The features' own actions: each builds its feature when it first fires.
        **{
            spec.id: partial(_feature_action, window, spec.feature, spec.id)
            for spec in ACTIONS
            if spec.feature
        },
    }
    needing_article = {spec.id for spec in ACTIONS if spec.when == "article"}
    registry.bind(
        {
            action_id: partial(_on_article, window, handler) if action_id in needing_article else handler
            for action_id, handler in handlers.items()
        }
    )
    entities.action = registry["entity_mode"]
    for action_id in ("next", "previous"):
        # After the step: J / K describe the candidate they land on (the suggestions feature,
        # built here if a key comes before the end of the start).
        registry[action_id].triggered.connect(
            lambda _c=False: window.guard(lambda: window.suggestions.after_step())
        )
    registry.attach("article", view)
    registry.attach("lists", window.articles, window.claims)  # Escape, Return: back to the text
    window.centre.empty.newRequested.connect(registry["new_project"].trigger)
    window.centre.empty.openRequested.connect(registry["open_project"].trigger)
    window.centre.empty.sampleRequested.connect(registry["open_sample"].trigger)
    window.centre.empty.quietWhenGone.connect(window.quiet_when_gone)
    stack = window.undo_stack
    for action_id, can in (("undo", stack.canUndoChanged), ("redo", stack.canRedoChanged)):
        registry[action_id].setEnabled(False)
        can.connect(lambda _can: follow_the_history(window))
    # The items name the step they take back or put back ("Undo add factual claim"), as desktop
    # editors' do: they said "Undo" alone, and a step may be in another article, which the
    # undo opens, or a note out of sight; the menu is where a person looks before pressing.
    for action, changed, named in (
        (registry["undo"], stack.undoTextChanged, window.tr("&Undo {0}")),
        (registry["redo"], stack.redoTextChanged, window.tr("&Redo {0}")),
    ):
        changed.connect(partial(_name_the_step, action, action.text(), named))
    _say_when_no_history(window, window, registry["undo"], registry["redo"])
    return registry


STEP_WORDS = 50
"""Characters of a step's words the Undo and Redo items show before "…": "Accepted 3 mentions
of …" names a name, which can be long, and the Edit menu is as wide as its widest item."""


def step_words(description: str) -> str:
    """A step's description as the Undo and Redo items say it after "Undo ": in lower case as
    the status bar's "Undone: …", cut where long, and with an "&" of a name (AT&T) doubled, which
    Qt would otherwise take for the item's access key and hide."""
    words = " ".join(description.split())
    words = words[:1].lower() + words[1:]
    if len(words) > STEP_WORDS:
        words = words[: STEP_WORDS - 1].rstrip() + "…"
    return words.replace("&", "&&")


def _name_the_step(action: QAction, plain: str, named: str, description: str) -> None:
    action.setText(named.format(step_words(description)) if description.strip() else plain)


def follow_the_history(window: MainWindow) -> None:
    """Undo and Redo enabled as the stack allows, and greyed, saying why, while nothing can be
    saved to the project (its file gone, `Project.saving_stopped`, or read-only).

    With the file gone the Edit menu still offered them: pressed, each said it was refused and
    cleared the history. They come back with the next project opened (the file put back and
    opened again, or the copy Save a Copy As… goes on in).
    """
    stack, registry = window.undo_stack, window.registry
    why = _history_stopped(window)
    for action, can in ((registry["undo"], stack.canUndo()), (registry["redo"], stack.canRedo())):
        action.setEnabled(can and not why)
        action.setStatusTip(why)
        action.setToolTip(why)  # "" gives back Qt's own, the item's text


def _history_stopped(ctx: WindowContext) -> str:
    """Why nothing can be undone or redone though steps may be kept: the project's file is gone,
    or it is read-only (`Project.read_only`); else "".

    On a read-only project Ctrl+Z said only "Nothing to undo", as if a label might be made and
    taken back: the person learnt why only from the box at the opening, long closed.
    """
    project = ctx.project
    if project is None:
        return ""
    if project.saving_stopped:
        from annotator.ui.project_files import back_message, came_back

        if came_back(project):  # opening it again brings them back
            return ctx.main_window.tr("Undo and Redo are off: {0}").format(back_message(project))
        return ctx.main_window.tr(
            "Undo and Redo are off: {0} was moved, renamed or deleted while open, so nothing can be "
            "saved to it. Choose File ▸ Save a Copy As… to keep your work and go on there."
        ).format(project.path.name)
    if project.read_only:
        return ctx.main_window.tr(
            "Undo and Redo are off: {0} is read-only, so nothing can be saved to it. To label it, "
            "make the file writable or copy it into a folder you can write to, and open it again."
        ).format(project.path.name)
    return ""


def lend_history_keys(ctx: WindowContext, other: QWidget) -> None:
    """Make the window's Undo and Redo keys work in `other`, a window of its own (the review).

    The window's QActions themselves are added, so what they do cannot differ from the menu's;
    the review had them, but not the words said while they are disabled: Ctrl+Z there with
    nothing left did nothing, while the status bar still said "Undone: …" of the last one."""
    actions = []
    for action_id in ("undo", "redo"):
        action = ctx.main_window.findChild(QAction, action_id)
        assert action is not None, action_id
        other.addAction(action)
        actions.append(action)
    _say_when_no_history(ctx, other, *actions)


def _say_when_no_history(ctx: WindowContext, host: QWidget, undo: QAction, redo: QAction) -> None:
    nothing_to_undo, nothing_to_redo = (
        ctx.main_window.tr("Nothing to undo"),
        ctx.main_window.tr("Nothing to redo"),
    )
    _WhileDisabled(ctx, host, undo, lambda: _history_stopped(ctx) or nothing_to_undo)
    _WhileDisabled(ctx, host, redo, lambda: _history_stopped(ctx) or nothing_to_redo)


class _WhileDisabled(QShortcut):
    """A shortcut with `action`'s keys, live only while it is disabled, that says `message` in
    the status bar, with a project open (with none, or one being opened, the keys of what needs
    one say nothing, and "Opening …" stays said).

    A disabled action's keys do nothing: Ctrl+Z with nothing to undo said nothing, and a
    keyboard user, who does not see the greyed menu item, could not tell it from an undo out
    of view. The action itself stays disabled, so its menu item is greyed as desktops expect;
    the two are never live at once, which would make the keys ambiguous and fire neither.
    A QShortcut of its own in `host`: its enabling follows the action by a method of its own,
    so a dialog's, gone with the dialog, is disconnected with it."""

    def __init__(
        self, ctx: WindowContext, host: QWidget, action: QAction, message: Callable[[], str]
    ) -> None:
        super().__init__(host)
        self._action = action
        self.setObjectName(f"{action.objectName()}WhileDisabled")
        self.setKeys(action.shortcuts())
        self.setContext(Qt.ShortcutContext.WindowShortcut)
        self.activated.connect(lambda: _say_with_a_project(ctx, message()))
        action.enabledChanged.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        self.setEnabled(not self._action.isEnabled())


def _say_with_a_project(ctx: WindowContext, message: str) -> None:
    if ctx.project is not None and not ctx.opening:
        ctx.status(message)


def _on_article(window: MainWindow, handler: Callable[[], object]) -> object:
    """Run an action that acts on the shown article; with none shown (they are enabled while
    the list of a project just opened is read), say why nothing happens (`say_no_article`)."""
    if window.article is None:
        window.say_no_article()
        return None
    return handler()


class Menus(NamedTuple):
    """The menus the window keeps: Open Recent (refilled as projects open) and the themes."""

    recent: RecentMenu
    theme_actions: dict[str, QAction]


def build_menus(window: MainWindow, registry: ActionSet) -> Menus:
    """The menu bar from the declarations (`ui.actions.MENUS`), Open Recent and Theme filled."""
    menus = registry.build_menus(window.menuBar())
    recent = RecentMenu(
        menus["open_recent"],
        lambda: window.settings.recent_projects,
        partial(_open_recent, window),
    )
    current = window.settings.theme if window.settings.theme in THEMES else "system"
    return Menus(recent, fill_theme_menu(menus["theme"], current, window.set_theme))


def _open_recent(window: MainWindow, path: Path) -> None:
    """Open Recent's choice, taken off the list if its file is gone: a project deleted or moved
    stayed there, and each choice of it said "does not exist" again.

    Not one whose folder is gone with it, as a start keeps it (`app.taken_from_its_folder`): a
    project on a USB stick not plugged in was taken off, and once the stick was back the person
    had to find the file again with Open.
    """

    def tried(opened: bool) -> None:
        from annotator.ui.app import taken_from_its_folder

        if opened or os.path.lexists(path):
            return  # a file that is there but refused (empty, not a project) is the person's to fix
        if not taken_from_its_folder(path):
            said = window.tr(
                "{0}: not found, nor its folder; if it is on a drive that is not connected,"
                " connect it and choose it again"
            )
            window.status(said.format(path), 8000)
            return
        window.update_settings(window.settings.without_recent(str(path)))
        window.status(window.tr("{0}: does not exist; taken off Open Recent").format(path), 8000)

    if not window.open_here_already(path) and window.open_despite_work(window.tr("Open project")):
        window.open_checked_in_pool(path, then=tried)


def _focus_search(window: MainWindow) -> None:
    """Ctrl+F or /: the search box with its words selected, so what is typed next replaces
    the last search (as in a browser) instead of being added to its end, which finds nothing."""
    if not window.list_fold.reveal_for_search():  # a folded list is shown for the search
        return  # no room for it: the status bar says so; its search box is 0 px wide
    window.search.setFocus()
    window.search.selectAll()


def _open_menu_bar(window: MainWindow) -> None:
    """F10: the first menu open, as the arrows then walk the bar and Escape goes back."""
    bar = window.menuBar()
    shown = [action for action in bar.actions() if action.isVisible() and action.isEnabled()]
    if shown:
        bar.setActiveAction(shown[0])


def _feature_action(window: MainWindow, feature: str, action_id: str) -> object:
    return window.feature(feature).handlers()[action_id]()


def _open_pipeline_dialog(window: MainWindow) -> None:
    from annotator.ui.pipeline_dialog import open_pipeline_dialog

    open_pipeline_dialog(window)


def _open_preferences(window: MainWindow) -> None:
    from annotator.ui.preferences import open_preferences

    open_preferences(window)


def _open_backups_dialog(window: MainWindow) -> None:
    from annotator.ui.backups import open_backups_dialog

    open_backups_dialog(window)


def _open_release_dialog(window: MainWindow) -> None:
    # Imported when asked for: a release loads the exporters, charset detection and
    # multiprocessing, none of which the first paint needs (tests/ui/test_startup_imports.py).
    from annotator.ui.release_dialog import open_release_dialog

    open_release_dialog(window)
