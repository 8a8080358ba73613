"""The keys that label: the window's side of `services.labelling`.

This controller reads where the person is (the selection or caret in the article,
the claim picked in the claim list), asks the Qt-free labelling service what that
means, and runs the command it returns through the window's undo stack. The rules
themselves (what a key relabels, what the first claim implies, where J goes) are
in the service and tested there without Qt. It also keeps the claim list's current
row on the claim at the cursor (`follow`), so J / K and the arrow keys move it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from annotator.core.bidi import isolated
from annotator.core.commands import DeleteClaim, UpdateClaim
from annotator.core.model import ArticleStatus, Claim, ClaimLabel, LabelCheck
from annotator.services import labelling
from annotator.services.labelling import Outcome
from annotator.ui.article_panel import ArticlePanel
from annotator.ui.candidate_words import candidate_text
from annotator.ui.claim_panel import ClaimPanel
from annotator.ui.context import WindowContext
from annotator.ui.entity_mode import EntityMode
from annotator.ui.models import article_name

if TYPE_CHECKING:
    # Dialogs load when first opened, not before the window's first paint.
    from annotator.ui.dialogs import NoteDialog


LONGEST_TITLE = 60
"""Characters of a title D names before "…": with the rest of its line, about what the status
bar shows whole at 1366 px beside the project's and the model's names."""


NOTE_QUOTED = 200
"""Characters of another window's note the note dialog quotes before "…", when it was saved
while the dialog was open."""


def short_title(title: str) -> str:
    """A title as the status bar names an article (`ui.models.article_name` gives it): its white
    space folded, cut at `LONGEST_TITLE` characters with "…".

    Isolated (`core.bidi.isolated`): the status bar's words go on after it, and an override
    in the title turned them round."""
    title = " ".join(title.split())
    if len(title) > LONGEST_TITLE:
        title = title[: LONGEST_TITLE - 1].rstrip() + "…"
    return isolated(title)


class LabellingController(QObject):
    """Label, relabel, note, delete, step through candidates, mark done."""

    def __init__(
        self,
        ctx: WindowContext,
        *,
        claims: ClaimPanel,
        articles: ArticlePanel,
        entities: EntityMode,
    ) -> None:
        super().__init__(ctx.main_window)
        self.ctx = ctx
        self.claims = claims
        self.claim_list = claims.list
        self.claim_model = claims.model
        self.articles = articles
        self.entities = entities
        self.note_dialog: NoteDialog | None = None
        ctx.view.cursorPositionChanged.connect(self.follow)
        ctx.view.selectionChanged.connect(self.follow)

    def follow(self) -> None:
        """The claim list's current row: the claim at the cursor or selection in the text.

        Not while the list has focus: there the person moves the row, and the text follows it.
        """
        article = self.ctx.article
        if article is None or self.claim_list.hasFocus():
            return
        view = self.ctx.view
        claim = labelling.claim_in_view(
            article.claims,
            view.text,
            selection=view.selected_span(),
            caret=view.cursor_position(),
            annotator=self.ctx.settings.annotator,
        )
        self.claims.show_current(claim.id if claim is not None else None)

    def apply(self, outcome: Outcome) -> None:
        """Do what the service decided: run the edit, move the selection, say why not."""
        view = self.ctx.view
        if outcome.command is not None:
            self.ctx.run_edit(outcome.command)
        if outcome.select is not None:
            view.select_span(*outcome.select)
        if outcome.caret is not None:
            view.scroll_to(outcome.caret)  # drop the selection: the next one starts fresh
        if outcome.candidate is not None:
            self.ctx.status(candidate_text(outcome.candidate), 5000, step=True)
        elif outcome.message:
            self.ctx.status(self.tr(outcome.message), 5000)

    def _picked(self) -> Claim | None:
        """The claim picked in the claim list, while the list has focus."""
        if self.claim_list.hasFocus() and self.claim_list.currentIndex().isValid():
            return self.claim_model.claim(self.claim_list.currentIndex().row())
        return None

    def current_claim(self) -> Claim | None:
        """The claim a key acts on: picked in the list, else the person's own one holding the
        selection or caret (another person's claim is never changed from here). Benchmarks
        step to a candidate nobody labelled with it."""
        return self._claim_to_edit()[0]

    def _claim_to_edit(self, instead: str = "") -> tuple[Claim | None, str]:
        article = self.ctx.article
        if article is None:
            return None, ""
        view = self.ctx.view
        return labelling.claim_to_edit(
            article.claims,
            view.text,
            selection=view.selected_span(),
            caret=view.cursor_position(),
            annotator=self.ctx.settings.annotator,
            picked=self._picked(),
            instead=instead,
        )

    def apply_label(self, label: ClaimLabel) -> None:
        """Label the selection as a new claim, or relabel the claim under the cursor."""
        article = self.ctx.article
        if article is None:
            return
        view = self.ctx.view
        # The suggestion outlined now (none below the person's threshold or of a model that
        # fails its checks): a claim on its span records it as the one the person saw.
        outlined = view.shown_suggestion
        outcome = labelling.label_span(
            article,
            label,
            selection=view.selected_span(),
            caret=view.cursor_position(),
            annotator=self.ctx.settings.annotator,
            picked=self._picked(),
            suggestion_shown=(
                ((outlined.start, outlined.end), LabelCheck(outlined.label, outlined.confidence))
                if outlined is not None
                else None
            ),
        )
        self.apply(outcome)

    def edit_note(self) -> None:
        claim, why_not = self._claim_to_edit("you can add notes only to your own claims")
        article = self.ctx.article
        if claim is None or claim.id is None or article is None:
            self.ctx.status(why_not or self.tr("Put the cursor in a claim to add a note"), 4000)
            return
        excerpt = article.article.text[claim.start : claim.end]
        from annotator.core.commands import NOTE
        from annotator.core.errors import ChangedMeanwhile, MachineError, NotFoundError
        from annotator.ui.dialogs import NoteDialog
        from annotator.ui.error_text import as_sentence

        claim_id, seen = claim.id, claim

        def save(note: str) -> str | None:
            """Saved, or why not with the note kept in the dialog for one more Save: a wait
            for another program's write cancelled, a full disk, another note saved meanwhile
            (which the next Save replaces, now that the person has read it).

            The claim deleted elsewhere keeps it too, selected to be copied: the dialog closed,
            the typed words went with it, and the status bar named the claim by an id the
            person never saw and asked for a reopen the list no longer needs."""
            nonlocal seen
            refused: list[str] = []

            def attempt() -> None:
                nonlocal seen
                try:
                    self.ctx.run_edit(UpdateClaim(claim_id, note=note, seen=seen))
                except MachineError as exc:
                    refused.append(as_sentence(str(exc)))
                except NotFoundError:
                    # `run_edit` has shown the article as saved, without the claim.
                    dialog.edit.selectAll()
                    refused.append(
                        self.tr(
                            "This claim was deleted in another window or by a command, so the note"
                            " cannot be saved. Your note is selected: press Ctrl+C to copy it, then Cancel."
                        )
                    )
                except ChangedMeanwhile as exc:
                    if exc.row != NOTE or self.ctx.project is None:
                        raise
                    seen = self.ctx.project.get_claim(claim_id)
                    refused.append(self._note_changed_meanwhile(seen.note))

            if note != seen.note:
                self.ctx.guard(attempt)
            return refused[0] if refused else None

        dialog = NoteDialog(self.ctx.main_window, note=claim.note, excerpt=excerpt, save=save)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.note_dialog = dialog
        dialog.open()

    def _note_changed_meanwhile(self, saved: str) -> str:
        """What the note dialog says when another window saved a note on its claim since it
        opened: what that note says now (folded on a line, and cut where long), so the person
        can take it into theirs before a second Save replaces it."""
        saved = " ".join(saved.split())
        if not saved:
            return self.tr(
                "The note was deleted in another window since you opened it. Press Save again to"
                " save yours, or Cancel to leave the claim without one."
            )
        if len(saved) > NOTE_QUOTED:
            saved = saved[: NOTE_QUOTED - 1].rstrip() + "…"
        return self.tr(
            "The note was changed in another window since you opened it; it now says “{0}”. Press"
            " Save again to replace it with yours, or Cancel to keep it."
        ).format(saved)

    def delete_claim(self) -> None:
        """Delete: the claim at the cursor, if it is the person's own.

        With no claim there it said nothing, as if the key were broken, where 1-3 and N say
        what to do; so it says it too.
        """
        claim, why_not = self._claim_to_edit("you can delete only your own claims")
        article = self.ctx.article
        if claim is not None and claim.id is not None and article is not None:
            self.ctx.run_edit(labelling.deleting_claim(article.article, DeleteClaim(claim.id, seen=claim)))
        else:
            self.ctx.status(why_not or self.tr("Put the cursor in a claim to delete it"), 5000)

    def step(self, direction: int) -> None:
        """J / K: the next or previous claim candidate (or entity, in entity mode).

        Focus goes to the text first, where the selection moves: pressed in the claim list,
        J selected the next candidate in the text while the list kept focus and its row, and
        the label key after it relabelled the list's claim instead of the selected words.
        """
        article = self.ctx.article
        if article is None:
            return
        self.ctx.view.setFocus()
        if self.entities.active:
            self.entities.step(direction)
            return
        view = self.ctx.view
        if not article.candidates and self.ctx.preannotating:
            # A first start pre-annotates the sample while the person reads: J said "pre-annotate
            # it first" about what was being done, and the next label key "press J".
            wait = self.tr(
                "Candidate sentences come when pre-annotation is done; till then, select words, press 1-3"
            )
            self.ctx.status(wait, 8000)
            return
        self.apply(
            labelling.step_candidate(
                article, selection=view.selected_span(), caret=view.cursor_position(), direction=direction
            )
        )

    def mark_done(self) -> None:
        """D: mark this article done and open the next one that is not.

        Not while the list of a project just opened is read: which article is next is not
        known yet, and "Every article is done" would have been said of a list not yet come.
        """
        article = self.ctx.article
        if article is None:
            return
        if self.articles.loading:
            wait = self.tr("The list of articles is still being read; press D again in a moment")
            self.ctx.status(wait, 4000)
            return
        article_id = article.article.id
        # An article done before is not marked again: the step changed nothing, and Ctrl+Z took
        # it back as "Undone: mark article done" with the article still done.
        already = article.article.status == ArticleStatus.DONE
        if not already:
            self.ctx.run_edit(labelling.mark_done(article_id))
        done = self.tr("Already done") if already else self.tr("Marked done")
        listed = self.articles.summaries()
        shown = self.articles.shown_test()
        following = labelling.next_undone(listed, after=article_id, shown=shown)
        if following is None:
            if labelling.next_undone(listed, after=article_id) is None:
                self.ctx.status(self.tr("{0}; every article is done").format(done), 5000)
            else:
                self.ctx.status(
                    self.tr(
                        "{0}; every article the list shows is done (clear the search or "
                        "filters to see the others)"
                    ).format(done),
                    8000,
                )
            return
        self.ctx.select_article(following)
        # Which article came up, and where it stands: the text alone changed under the person's
        # eyes, with nothing said of it, and a title is what they know an article by.
        # Counted among the rows the list shows when a search or filter hides some: "article 3 of 4"
        # beside a list reading "3 of 4 articles" pointed at a third row that was another article.
        counted = listed if shown is None else [summary for summary in listed if shown(summary)]
        number = next(n for n, summary in enumerate(counted, 1) if summary.id == following)
        # Named as the list names it: "opened article 2 of 3" beside a row reading "Article 7", and
        # "opened “”" for a title of U+200B alone, pointed at no row.
        title = short_title(article_name(counted[number - 1].title, following))
        if shown is None:
            said = self.tr("{0}; opened “{1}” (article {2} of {3})")
        else:
            said = self.tr("{0}; opened “{1}” (article {2} of {3} shown)")
        said = said.format(done, title, number, len(counted))
        self.ctx.status(said, 5000)
