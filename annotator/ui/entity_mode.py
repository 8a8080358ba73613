"""Entity mode (E): J / K step through entities, A accepts (or adds the selection), R rejects;
Shift+A and Shift+R do the same to every mention of that name with that type; T gives the
name at the cursor another type.

A and R act only in entity mode, so a stray key never edits entities while labelling
claims. The rules are `services.labelling`'s; this module holds the mode and the
dialog that asks a new entity's type.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from annotator.core.commands import SetEntityStatus
from annotator.core.model import Entity, EntityStatus
from annotator.services import labelling
from annotator.services.labelling import Outcome
from annotator.ui.context import WindowContext
from annotator.ui.legend import COMMON_ENTITY_LABELS, OTHER_ENTITY_LABELS, Legend
from annotator.ui.status_bar import StatusBar

MAX_ADDED_ENTITY_WORDS = 15
"""Longer than this, a selection is no name: Tab into the claim list selects a claim's whole
sentence, and A then offered it as a PERSON, in a dialog wider than the screen. The longest
names news gives ("the United Nations Educational, Scientific and Cultural Organization", a
law's or a book's title) stay well within it."""

if TYPE_CHECKING:
    # Dialogs load when first opened, not before the window's first paint.
    from annotator.core.entity_decisions import DecidedName
    from annotator.core.model import AnnotatedArticle
    from annotator.services.project import Project
    from annotator.ui.decisions_dialog import DecisionsDialog
    from annotator.ui.dialogs import EntityTypeDialog


class EntityMode(QObject):
    """Whether entity mode is on, and what its keys do."""

    def __init__(self, ctx: WindowContext, legend: Legend) -> None:
        super().__init__(ctx.main_window)
        self.ctx = ctx
        self.legend = legend
        self.active = False
        self.action: QAction | None = None  # the checkable menu action, kept in step
        self.entity_dialog: EntityTypeDialog | None = None
        self.last_type = "PERSON"  # preselected when adding an entity: the last type added, this session
        self.decisions_dialog: DecisionsDialog | None = None
        ctx.events.savingStopped.connect(self._saving_stopped)

    def toggle(self) -> None:
        self._set_active(not self.active)
        self.ctx.status(
            self.tr("Entity mode: J/K step through entities, A accepts (or adds the selection), R rejects")
            if self.active
            else self.tr("Claim mode: J/K step through claim candidates"),
            6000,
        )

    def _set_active(self, active: bool) -> None:
        self.active = active
        if self.action is not None:
            self.action.setChecked(active)
        self.ctx.view.set_show_rejected(active)
        self.show_mode()

    def show_mode(self) -> None:
        """Name entity mode in the status bar while it is on and a project is open.

        With no project E is off, so "Entity mode (E leaves)" named a key that does nothing;
        the mode itself is kept for the next project, as it is kept when Open Recent switches.
        """
        bar = self.ctx.main_window.statusBar()
        if isinstance(bar, StatusBar):
            bar.show_mode(
                self.tr("Entity mode (E leaves)") if self.active and self.ctx.project is not None else "",
                self.tr(
                    "J/K step through entities, A accepts (or adds the selection), R rejects,"
                    " T changes the type; E leaves"
                ),
            )

    def show_decisions(self) -> None:
        """Team ▸ Entity Decisions…: what the team's decisions carry, and where each was made."""
        from annotator.ui.decisions_dialog import DecisionsDialog, read_decisions
        from annotator.ui.team_tasks import compute_in_background

        project = self.ctx.project
        if project is None:
            return
        # Opens at once and fills when the pool has read the list: half a second and more
        # on a large project, which held every key and paint up.
        dialog = DecisionsDialog(self.ctx.main_window)
        dialog.say_nothing_saved(self._nothing_saved(project))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.goRequested.connect(lambda decided: self.ctx.guard(lambda: self.go_to_decision(decided)))
        self.decisions_dialog = dialog
        dialog.open()
        compute_in_background(
            project, read_decisions, dialog.show_names, dialog.show_failure, name="entity decisions"
        )

    def _saving_stopped(self) -> None:
        """The file went while the list is open: say so above it."""
        dialog, project = self.decisions_dialog, self.ctx.project
        if dialog is not None and project is not None and shiboken6.isValid(dialog):
            dialog.say_nothing_saved(self._nothing_saved(project))

    def go_to_decision(self, decided: DecidedName) -> None:
        """Show the mention that decides how a name is carried, in entity mode (where rejected
        mentions show), with the key that changes it on the status bar."""
        article_id, start, end = decided.where
        article, cleared = self.ctx.article, ""
        if article is None or article.article.id != article_id:
            cleared = self.ctx.select_article(article_id)
        if not self.active:
            self.toggle()
        view = self.ctx.view
        view.select_span(start, end)
        view.centerCursor()
        view.setFocus()
        project = self.ctx.project
        why = self._nothing_saved(project) if project is not None else ""
        # Not "to stop that, accept it here (A)" where A is refused: why nothing can be changed.
        said = self.tr(labelling.where_decided(decided, changeable=not why))
        said = self.tr("{0}. {1}").format(said, why.rstrip(".")) if why else said
        self.ctx.status(self.tr("{0}. {1}").format(said, cleared) if cleared else said, 12000)

    def _nothing_saved(self, project: Project) -> str:
        """Why no entity decision can be changed in `project` (`project_files.nothing_saved_why`), or ""."""
        from annotator.ui.project_files import nothing_saved_why

        return nothing_saved_why(project, self.tr("no entity decision can be changed in it"))

    def _visible(self) -> list[Entity]:
        article = self.ctx.article
        hidden = self.legend.hidden
        return [e for e in article.entities if e.label not in hidden] if article is not None else []

    def step(self, direction: int) -> None:
        view = self.ctx.view
        outcome = labelling.step_entity(
            self._visible(),
            view.text,
            selection=view.selected_span(),
            caret=view.cursor_position(),
            direction=direction,
        )
        if outcome.select is not None:
            view.select_span(*outcome.select)
        if outcome.message:  # "Entity 3 of 12: GPE, suggested", or why there is none
            # Where the step went is not kept for Recent Messages; why there is none is.
            self.ctx.status(self.tr(outcome.message), 6000, step=outcome.select is not None)

    def entity_at_cursor(self) -> Entity | None:
        article = self.ctx.article
        if article is None:
            return None
        view = self.ctx.view
        return labelling.entity_at(
            article.entities, view.text, selection=view.selected_span(), caret=view.cursor_position()
        )

    def accept(self) -> None:
        """A: accept the entity at the cursor, or add the selected text as a new one."""
        accept = partial(labelling.accept_entity, article_id=self._article_id(), article=self.ctx.article)

        def decision(entity: Entity) -> Outcome:
            outcome = accept(entity)
            if outcome.command is None and not outcome.message:
                # Accepted or added already: A said nothing, and a type the person rejected on
                # the name could not be had back by any key it named.
                article = self.ctx.article
                entities = article.entities if article is not None else ()
                said = labelling.decided_already(entities, self.ctx.view.text, entity)
                self.ctx.status(self.tr(said), 8000)
            return outcome

        if not self._decide(decision, EntityStatus.ACCEPTED):
            self._ask_new_entity()

    def change_type(self) -> None:
        """T: give the entity at the cursor another type, asked, in one undoable step (the
        type rejected on the name offered first, so a person can take it back)."""
        if not self.active:
            self.ctx.status(self.tr("Press E for entity mode first"), 4000)
            return
        entity, article = self.entity_at_cursor(), self.ctx.article
        if entity is None or article is None:
            self.ctx.status(self.tr("Put the cursor on an entity to change its type"), 4000)
            return
        others = labelling.other_types(article.entities, entity)
        dialog = self._type_dialog(
            article,
            excerpt=self.ctx.view.text[entity.start : entity.end],
            current=others[0] if others else entity.label,
            title=self.tr("Change entity type"),
        )
        article_id = article.article.id

        def retype() -> None:
            label = dialog.label()
            shown = self.ctx.article
            if not label or shown is None or shown.article.id != article_id:
                return
            outcome = labelling.retype_entity(shown, entity, label)
            typed = Entity(start=entity.start, end=entity.end, label=label, status=EntityStatus.ADDED)
            self.ctx.guard(partial(self._add, outcome, typed))

        dialog.accepted.connect(retype)
        self.entity_dialog = dialog
        dialog.open()

    def reject(self) -> None:
        """R: reject the entity at the cursor; with none there, say so (R said nothing, as if it
        had rejected something out of sight)."""
        if not self._decide(
            partial(labelling.reject_entity, article_id=self._article_id()), EntityStatus.REJECTED
        ):
            self.ctx.status(self.tr("Put the cursor on an entity"), 4000)

    def accept_every(self) -> None:
        """Shift+A: accept every mention of the name at the cursor, with its type; on selected
        text that is no entity, add it and every occurrence of it (asking the type once)."""
        status = EntityStatus.ACCEPTED
        if not self._decide(lambda entity: self._every(entity, status), status):
            self._ask_new_entity(every=True)

    def reject_every(self) -> None:
        """Shift+R: reject every mention of the name at the cursor, with its type."""
        status = EntityStatus.REJECTED
        if not self._decide(lambda entity: self._every(entity, status), status):
            self.ctx.status(self.tr("Put the cursor on an entity"), 4000)

    def _every(self, entity: Entity, status: EntityStatus) -> Outcome:
        article = self.ctx.article
        entities = article.entities if article is not None else ()
        outcome = labelling.decide_every_mention(
            entities, self.ctx.view.text, entity, status, article_id=self._article_id()
        )
        if outcome.command is None and outcome.message:
            self.ctx.status(self.tr(outcome.message), 4000)
        return outcome

    def _article_id(self) -> int | None:
        """The article shown, which an entity decision names so it never lands elsewhere."""
        article = self.ctx.article
        return article.article.id if article is not None else None

    def _decide(self, decision: Callable[[Entity], Outcome], status: EntityStatus) -> bool:
        """Apply an accept or reject to the entity at the cursor; False when there is none."""
        if not self.active:
            self.ctx.status(self.tr("Press E for entity mode first"), 4000)
            return True  # a stray key never edits entities while labelling claims
        entity = self.entity_at_cursor()
        if entity is None:
            return False
        outcome = decision(entity)
        if outcome.command is not None:
            self.ctx.run_edit(outcome.command)
            self._said(entity, status, outcome)
        return True

    def _said(self, entity: Entity, status: EntityStatus, outcome: Outcome) -> None:
        said = labelling.entity_decided(
            self.ctx.view.text, entity, status, outcome.message, edit=outcome.command
        )
        self.ctx.status(self.tr(said), 8000)

    def _ask_new_entity(self, *, every: bool = False) -> None:
        """A on selected text that is no entity: ask its type and add it (Shift+A: and every
        other occurrence of it no entity covers)."""
        view = self.ctx.view
        span = view.selected_span()
        article = self.ctx.article
        if span is None or article is None:
            self.ctx.status(self.tr("Put the cursor on an entity, or select text to add one"), 4000)
            return
        # Whole words, less the sentence's punctuation a word-by-word selection takes with them
        # ("Monday." of Shift+Ctrl+Right) and a Korean particle the selection stopped before.
        start, end = labelling.name_selected(view.text, span)
        if start >= end:
            self.ctx.status(self.tr("Select a name to add it"), 4000)
            return
        chosen = view.text[start:end]
        if "\n" in chosen:
            self.ctx.status(
                self.tr("A name stays within its paragraph: select just the name to add it"), 6000
            )
            return
        words = len(chosen.split())
        if words > MAX_ADDED_ENTITY_WORDS:
            said = self.tr("The selection is {0} words, more than a name: select just the name to add it")
            self.ctx.status(said.format(words), 6000)
            return
        dialog = self._type_dialog(article, excerpt=view.text[start:end], current=self.last_type)
        article_id = article.article.id

        def add() -> None:
            label = dialog.label()
            if not label:
                return
            self.last_type = label  # names come in runs: the next one is likely the same type
            shown = self.ctx.article
            if shown is None or shown.article.id != article_id:
                if every:
                    return
                shown = article  # the article A was pressed on, as its entities were then
            if every:
                outcome = labelling.add_every_occurrence(shown, (start, end), label)
            else:
                outcome = labelling.add_entity(shown, (start, end), label)
            entity = Entity(start=start, end=end, label=label, status=EntityStatus.ADDED)
            self.ctx.guard(partial(self._add, outcome, entity))

        dialog.accepted.connect(add)
        self.entity_dialog = dialog
        dialog.open()

    def _type_dialog(
        self, article: AnnotatedArticle, *, excerpt: str, current: str, title: str = ""
    ) -> EntityTypeDialog:
        """The dialog that asks a name's type, closed by itself when answered."""
        from annotator.ui.dialogs import EntityTypeDialog

        # The common types first, in the order people look for them (sorted, CARDINAL led and
        # was the default), then the model's others and any other type this article has.
        known = (*COMMON_ENTITY_LABELS, *OTHER_ENTITY_LABELS)
        labels = [*known, *sorted({e.label for e in article.entities} - set(known))]
        dialog = EntityTypeDialog(self.ctx.main_window, labels=labels, excerpt=excerpt, current=current)
        if title:
            dialog.setWindowTitle(title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def _add(self, outcome: Outcome, entity: Entity) -> None:
        """Run what the typed name came to: an addition, or the acceptance of the entity that
        was found there with that type (`labelling.add_entity`), or say why nothing changed."""
        if outcome.command is None:
            if outcome.message:
                self.ctx.status(self.tr(outcome.message), 4000)
            return
        self.ctx.run_edit(outcome.command)
        accepted = isinstance(outcome.command, SetEntityStatus)
        self._said(entity, EntityStatus.ACCEPTED if accepted else EntityStatus.ADDED, outcome)
