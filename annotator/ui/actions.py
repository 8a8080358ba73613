"""Every action of the window and the review dialog, declared once as data.

An action is an id, its text, its default keys, the menu that lists it, the
context its keys work in, and when it is enabled (as napari's app-model actions
and qutebrowser's command registry do). Menus, shortcuts, enabling, the `?` table
and the review dialog's buttons are all built from these declarations, so the
help cannot go stale and two actions of one context cannot share a key
unnoticed (`duplicate_keys`, checked by a test). What an action *does* is bound
separately, by id, by the window and the features (`ActionSet.bind`); the rules
behind most of them live outside Qt in `services.labelling`.

To add a key: declare it in `ACTIONS` (or `REVIEW_ACTIONS`) and bind its id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from annotator.core.model import ClaimLabel

Context = Literal["window", "article", "lists", "review"]
"""Where an action's keys work: the whole window; the article and the suggestion list
only (so Enter stays a line break in a note or a search field); the search box and the
article and claim lists (Escape and Return lead back to the text); the review dialog."""

When = Literal["always", "project", "article", "undo", "redo"]
"""When an action is enabled: always, with a project open, with an article shown, or as
the undo stack says.

An action that acts on a project's articles, labels or team is "project" or "article": with
no project open its menu item reads as unavailable and its keys do nothing. Merge, Review,
Statistics and Train were enabled and answered with a box saying to open a project first;
Search put the focus in a list of nothing, Back to the Text in a text not shown, and Entity
Mode named a mode in the status bar with no entity anywhere."""

Key = str
"""A key sequence in Qt's portable form ("Ctrl+Shift+Z"; Ctrl is Cmd on macOS).

Never a `QKeySequence.StandardKey`: the desktop expands those to keys we did not choose. On
KDE and GNOME, Delete is Del *and* Ctrl+D, one slip from D (Mark Done), so a slip deleted a
claim; New, Open and Quit bring the multimedia keys New, Open and Exit, which the `?` table
listed as if they were keys to press."""


@dataclass(frozen=True)
class ActionSpec:
    """One action: everything about it except what it does."""

    id: str
    text: str
    keys: tuple[Key, ...] = ()
    menu: str = ""
    """Id of the menu that lists it (see `MENUS`); "" for keys that no menu shows."""
    context: Context = "window"
    when: When = "always"
    checkable: bool = False
    separator: bool = False
    """A separator goes above it in its menu."""
    submenu: bool = False
    """A submenu filled by whoever binds the id (recent projects, themes)."""
    feature: str = ""
    """The window feature whose `handlers()` does it ("suggestions", "team"), or "" for the window.

    Features are built after the window's first paint; the window binds these ids at once
    and builds the feature when one of them first fires (see `MainWindow.feature`)."""
    help: str = ""
    """What the `?` table says it does, where the menu's words say too little out of the menu
    ("" for the menu text)."""
    also_in: tuple[str, ...] = ()
    """Other menus that list the same action, where people look for it too (Merge under File
    and Team). One QAction in each, so its text, keys and enabling cannot drift apart."""
    application: bool = False
    """It acts on the application, not on what the window shows, so its keys work in the
    window's own windows too (the import report, the review, the statistics, a task's
    progress, the key table, About: `lend_application_keys`). A window's keys work in that
    window only, and Ctrl+Q did nothing with the focus in the import report."""


MENUS: tuple[tuple[str, str], ...] = (
    ("file", "&File"),
    ("edit", "&Edit"),
    ("go", "&Go"),
    ("view", "&View"),
    ("team", "&Team"),
    ("suggestions", "&Suggestions"),
    ("help", "&Help"),
)
"""The menu bar, in order; Help stays last, as on every desktop."""

_LABEL_ITEMS: dict[ClaimLabel, str] = {
    ClaimLabel.FACTUAL: "Label as &Factual",
    ClaimLabel.OPINION: "Label as &Opinion",
    ClaimLabel.QUESTIONABLE: "Label as Ques&tionable",
}
"""The Edit menu's label items, each with a letter of its own (U is Undo's, Q Quotation's); a
label added without one here is caught by `tests/ui/test_menu_mnemonics.py`."""

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("new_project", "&New Project…", ("Ctrl+N",), "file", application=True),
    ActionSpec("open_project", "&Open Project…", ("Ctrl+O",), "file", application=True),
    ActionSpec("open_recent", "Open &Recent", menu="file", submenu=True),
    # Ctrl+W closes a document on every desktop; no other way back to New, Open and Sample
    # Project was there but opening another project or quitting.
    ActionSpec("close_project", "Clo&se Project", ("Ctrl+W",), "file", when="project"),
    ActionSpec("save_copy", "Save a &Copy As…", menu="file", when="project"),
    ActionSpec("import", "&Import Articles…", ("Ctrl+I",), "file", when="project", separator=True),
    ActionSpec("import_folder", "Import a &Folder of Articles…", menu="file", when="project"),
    ActionSpec("preannotate", "&Pre-annotate All", ("Ctrl+P",), "file", when="project"),
    ActionSpec("pipeline_choice", "Pre-annotation Mode&l…", menu="file", when="project"),
    ActionSpec("export", "&Export…", ("Ctrl+E",), "file", when="project"),
    ActionSpec("release", "Release &Dataset…", menu="file", when="project"),
    ActionSpec(
        "merge", "&Merge Project Files…", menu="file", when="project", also_in=("team",), feature="team"
    ),
    ActionSpec("backups", "Restore from a &Backup…", menu="file"),
    ActionSpec("change_name", "Change &Annotator Name…", menu="file", separator=True),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "file", application=True),
    # Edit
    ActionSpec("undo", "&Undo", ("Ctrl+Z",), "edit", when="undo"),
    ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "edit", when="redo"),
    *(
        ActionSpec(
            f"label_{label.value}",
            _LABEL_ITEMS.get(label, f"Label as {label.text}"),
            (label.key,),
            "edit",
            when="article",
            separator=index == 0,
        )
        for index, label in enumerate(ClaimLabel)
    ),
    ActionSpec("note", "Add or Edit &Note", ("N",), "edit", when="article"),
    ActionSpec("delete_claim", "&Delete Claim", ("Del",), "edit", when="article"),
    ActionSpec("entity_mode", "&Entity Mode", ("E",), "edit", when="project", checkable=True, separator=True),
    ActionSpec(
        "accept_entity", "&Accept Entity (or Add Selection as Entity)", ("A",), "edit", when="article"
    ),
    ActionSpec("reject_entity", "Re&ject Entity", ("R",), "edit", when="article"),
    ActionSpec(
        "accept_every_mention", "Accept E&very Mention of This Name", ("Shift+A",), "edit", when="article"
    ),
    ActionSpec(
        "reject_every_mention", "Reject Every &Mention of This Name", ("Shift+R",), "edit", when="article"
    ),
    ActionSpec(
        "change_entity_type",
        "Change Entity T&ype…",
        ("T",),
        "edit",
        when="article",
        help=(
            "entity mode: give the entity at the cursor another type (a type rejected on the same"
            " name is offered first, to take it back)"
        ),
    ),
    ActionSpec("correct_quote", "Correct or Add &Quotation…", ("W",), "edit", when="article", separator=True),
    # Ctrl+, is what desktops give Preferences (Qt's StandardKey.Preferences on KDE and macOS),
    # declared as a key of its own (see `Key`): on other desktops the standard key is none.
    ActionSpec(
        "preferences",
        "&Preferences…",
        ("Ctrl+,",),
        "edit",
        separator=True,
        help="preferences: your name, theme, text size, suggestion threshold and hidden entity types",
    ),
    # Go
    ActionSpec("next", "Next &Candidate", ("J",), "go", when="article"),
    ActionSpec("previous", "&Previous Candidate", ("K",), "go", when="article"),
    ActionSpec("next_quote", "Next &Quotation to Check", ("Q",), "go", when="article"),
    ActionSpec("previous_quote", "Previous Q&uotation to Check", ("Shift+Q",), "go", when="article"),
    ActionSpec("done", "Mark Done, Open &Next", ("D",), "go", when="article"),
    ActionSpec("search", "&Search Articles", ("Ctrl+F", "/"), "go", when="project"),
    ActionSpec("find_next", "&Find Next in the Text", ("F3", "Ctrl+G"), "go", when="article"),
    ActionSpec(
        "find_previous", "Find P&revious in the Text", ("Shift+F3", "Ctrl+Shift+G"), "go", when="article"
    ),
    ActionSpec(
        "to_text",
        "&Back to the Text",
        ("Escape",),
        "go",
        "lists",
        when="project",
        # The Suggestions panel adds it too, where Return accepts instead (`accept_suggestion`).
        # In the text, Escape is the view's own (`ArticleView.escapePressed`), said here for the table.
        help=(
            "go back to the text (from the Suggestions panel too); "
            "in the text, unselect the words a search selected"
        ),
    ),
    ActionSpec(
        "open_in_text",
        "&Open the Article or Claim in the Text",
        ("Return", "Enter"),
        "go",
        "lists",
        when="project",
        help="open the article or claim",
    ),
    # View
    ActionSpec(
        "article_list",
        "&Article List",
        ("Ctrl+L",),
        "view",
        checkable=True,
        help="show or fold away the article list (Ctrl+F shows it for a search)",
    ),
    ActionSpec("bigger", "&Larger Text", ("Ctrl++", "Ctrl+="), "view", separator=True),
    ActionSpec("smaller", "S&maller Text", ("Ctrl+-",), "view"),
    ActionSpec("theme", "&Theme", menu="view", submenu=True),
    ActionSpec(
        "guidelines_panel", "&Guidelines", menu="view", checkable=True, separator=True, feature="team"
    ),
    # Team
    ActionSpec(
        "review",
        "&Review Disagreements…",
        ("Ctrl+Shift+R",),
        "team",
        when="project",
        separator=True,
        feature="team",
    ),
    ActionSpec("statistics", "&Statistics and Agreement…", menu="team", when="project", feature="team"),
    ActionSpec("entity_decisions", "&Entity Decisions…", menu="team", when="project"),
    ActionSpec("rename_person", "Re&name a Person…", menu="team", when="project", feature="team"),
    # Suggestions
    ActionSpec(
        "train_suggestions",
        "&Train Label Suggestions…",
        ("Ctrl+T",),
        "suggestions",
        when="project",
        feature="suggestions",
    ),
    ActionSpec(
        "accept_suggestion",
        "&Accept Suggestion",
        ("Return", "Enter"),
        "suggestions",
        "article",
        when="project",
        feature="suggestions",
        help="accept the model's suggestion for the outlined candidate (in the panel, the selected one)",
    ),
    # F9 shows and hides the side panel in file managers (Dolphin, Files) and editors (Kate);
    # no desktop takes it for itself. Someone who works from the panel opened it by mouse.
    ActionSpec(
        "suggestions_panel",
        "Suggestions &Panel",
        ("F9",),
        "suggestions",
        checkable=True,
        feature="suggestions",
        help="show or close the Suggestions panel (the next start keeps it as you left it)",
    ),
    # F10 opens the menu bar on GNOME, Xfce and Windows; Qt has only Alt for it, and a person
    # used to F10 pressed it and nothing happened, the focus left in the text.
    ActionSpec(
        "menu_bar",
        "Open the Menu Bar",
        ("F10",),
        help="open the menu bar at its first menu (Alt, or Alt and a menu's underlined letter, too)",
    ),
    # Help
    ActionSpec("shortcuts", "Keyboard &Shortcuts", ("?", "F1"), "help"),
    # The empty page's Sample Project button, reachable with a project open too: a person who
    # wanted to try the keys again had to close their project first. Under Help, beside the
    # keys it is there to try, where desktop annotation tools keep their tutorial projects.
    ActionSpec("open_sample", "&Open Sample Project", menu="help"),
    # The status bar's passing messages, to read again: they were gone after a few seconds.
    ActionSpec("messages", "Recent &Messages", menu="help"),
    ActionSpec("about", "&About annotator", menu="help", separator=True),
)
"""The window's actions, in menu order."""

REVIEW_ACTIONS: tuple[ActionSpec, ...] = (
    *(
        ActionSpec(f"gold_{label.value}", f"&{label.key} {label.text}", (label.key,), context="review")
        for label in ClaimLabel
    ),
    ActionSpec("gold_no_claim", "&X No claim", ("X",), context="review"),
    ActionSpec("review_skip", "&S Skip", ("S",), context="review"),
    ActionSpec("review_previous", "&K Previous", ("K",), context="review"),
    ActionSpec("review_next", "&J Next", ("J",), context="review"),
    ActionSpec("review_undo", "&U Undo Decision", ("U",), context="review"),
)
"""The review dialog's keys; each is also a button."""

EXTRA_HELP: tuple[tuple[str, str], ...] = (
    ("Shift+arrows, mouse", "Select text (snaps to whole words)"),
    ("Click a claim", "Scroll to it in the article"),
    ("Drop files or folders", "Import them into the project, or with none open, open a project file"),
)
"""What the `?` table lists besides the actions: gestures that are not actions."""


def tr(text: str) -> str:
    """Translate a declared text (one translation context for every action)."""
    return QCoreApplication.translate("actions", text)


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The spec's keys, exactly as declared (see `Key`)."""
    return [QKeySequence(key) for key in spec.keys]


def key_text(spec: ActionSpec) -> str:
    """The keys as the `?` table and tooltips show them."""
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in key_sequences(spec))


def duplicate_keys(specs: Iterable[ActionSpec]) -> list[tuple[str, str, str]]:
    """(key, first id, second id) for every key two actions of one context share."""
    seen: dict[tuple[Context, str], str] = {}
    clashes: list[tuple[str, str, str]] = []
    for spec in specs:
        for sequence in key_sequences(spec):
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            slot = (spec.context, text)
            if slot in seen:
                clashes.append((text, seen[slot], spec.id))
            seen.setdefault(slot, spec.id)
    return clashes


WHERE: dict[Context, str] = {
    "window": "",
    "article": "in the text and the Suggestions panel",
    "lists": "in the search box and the article and claim lists",
    "review": "in the review",
}
"""Where an action's keys work, as the `?` table says it ("" for anywhere in the window).

The lists are named: "the lists" read as taking in the Suggestions panel, where Return accepts
the suggestion and does not open anything."""


def lend_application_keys(window: QWidget, other: QWidget) -> None:
    """Make `window`'s application-wide keys (`ActionSpec.application`) work in `other`, a window of its own.

    Qt fires a window's shortcut only while that window is active. The docks are parts of
    the window, floating or not, and need nothing; a dialog does. The window's QAction
    itself is added, so its enabling and what it does cannot differ from the menu's.
    """
    lent = {spec.id for spec in ACTIONS if spec.application}
    for action in window.actions():
        if action.objectName() in lent:
            other.addAction(action)


def shortcut_rows(specs: Iterable[ActionSpec] = ACTIONS) -> list[tuple[str, str]]:
    """(keys, what they do) for every action that has keys, then the gestures: the `?` table.

    A key that works in one place only says where; actions that share a key in different places
    are one row that says what it does in each. The table listed Return twice ("Open the Article
    or Claim in the Text", "Accept Suggestion") and Escape as "Back to the Text" with no word of
    where: a newcomer could not tell what Return does in the text.
    """
    rows: dict[str, list[str]] = {}
    for spec in specs:
        if not spec.keys or spec.submenu:
            continue
        what = tr(spec.help) if spec.help else tr(spec.text).replace("&", "")
        where = WHERE[spec.context]
        rows.setdefault(key_text(spec), []).append(tr("{0}: {1}").format(tr(where), what) if where else what)
    table = [(keys, _sentence("; ".join(said))) for keys, said in rows.items()]
    table.extend((tr(keys), tr(what)) for keys, what in EXTRA_HELP)
    return table


def _sentence(text: str) -> str:
    """`text` with a capital first letter, as every row of the table starts."""
    return text[:1].upper() + text[1:]


class ActionSet:
    """The QActions built from specs, by id; binds handlers and keeps enabling in step."""

    def __init__(
        self,
        owner: QWidget,
        specs: Sequence[ActionSpec],
        guard: Callable[[Callable[[], object]], None],
    ) -> None:
        self.owner = owner
        self.specs = {spec.id: spec for spec in specs}
        self._guard = guard
        self._actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        for spec in specs:
            if spec.submenu:
                continue
            action = QAction(tr(spec.text), owner)
            action.setObjectName(spec.id)
            action.setShortcuts(key_sequences(spec))
            action.setCheckable(spec.checkable)
            if spec.context in ("article", "lists"):
                # Added to the widgets they work in by `attach`, not to the window.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            else:
                owner.addAction(action)
            self._actions[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: object) -> bool:
        return action_id in self._actions

    def bind(self, handlers: Mapping[str, Callable[[], object]]) -> None:
        """Connect each id's action to what it does; errors go through the owner's guard."""
        for action_id, handler in handlers.items():
            self._actions[action_id].triggered.connect(
                lambda _checked=False, handler=handler: self._guard(handler)
            )

    def attach(self, context: Context, *widgets: QWidget) -> None:
        """Make the actions of `context` work while focus is in one of `widgets` (or their children)."""
        for spec in self.specs.values():
            if spec.context == context and spec.id in self._actions:
                for widget in widgets:
                    widget.addAction(self._actions[spec.id])

    def build_menus(self, bar: QMenuBar, parent: QObject | None = None) -> dict[str, QMenu]:
        """Fill the menu bar from `MENUS` and each spec's `menu`; submenus are left empty."""
        for menu_id, title in MENUS:
            menu = bar.addMenu(tr(title))
            menu.setObjectName(f"{menu_id}Menu")
            self.menus[menu_id] = menu
        for spec in self.specs.values():
            if not spec.menu:
                continue
            menu = self.menus[spec.menu]
            if spec.separator and menu.actions():
                menu.addSeparator()
            if spec.submenu:
                submenu = menu.addMenu(tr(spec.text))
                submenu.setObjectName(spec.id)
                self.menus[spec.id] = submenu
            else:
                menu.addAction(self._actions[spec.id])
                for other in spec.also_in:
                    self.menus[other].addAction(self._actions[spec.id])
        return self.menus

    def set_enabled(self, *, project: bool, article: bool) -> None:
        """Enable what the state allows; `undo`/`redo` follow the undo stack instead."""
        for spec in self.specs.values():
            if spec.id not in self._actions:
                continue
            if spec.when == "project":
                self._actions[spec.id].setEnabled(project)
            elif spec.when == "article":
                self._actions[spec.id].setEnabled(article)
