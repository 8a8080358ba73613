"""W: correct the quotation at the cursor (its kind and who said it, or remove it), or add
the selected words as a quotation the finder missed.

One in five speakers the pre-annotation gives is wrong (`benchmarks/data/eval_results.md`);
a person must be able to put it right in two keys, and keep it through a new
pre-annotation. The rules are `services.labelling`'s; this module holds the dialog's life.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from annotator.core.errors import UserError
from annotator.core.model import AnnotatedArticle, Quote, QuoteKind
from annotator.services import labelling
from annotator.services.labelling import Outcome, Span
from annotator.ui.context import WindowContext
from annotator.ui.error_text import as_sentence

if TYPE_CHECKING:
    # Dialogs load when first opened, not before the window's first paint.
    from annotator.ui.dialogs import QuoteDialog


class QuoteCorrection(QObject):
    """The W key: the quotation at the cursor, its dialog, and the edit it makes."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.main_window)
        self.ctx = ctx
        self.dialog: QuoteDialog | None = None

    def correct(self) -> None:
        """W: correct the quotation at the cursor, or add the selected text as one."""
        article = self.ctx.article
        if article is None:
            return
        view = self.ctx.view
        selection = view.selected_span()
        quote = labelling.quote_at(article.quotes, selection=selection, caret=view.cursor_position())
        if quote is None and selection is not None:
            quote = labelling.quote_for_selection(article.quotes, selection)
        if quote is not None:
            self._correct(article, quote, labelling.bounds_offered(article, quote, selection))
        elif selection is not None:
            self._add(article, selection)
        else:
            where = self.tr("Put the cursor in a quotation to correct it, or select quoted words to add one")
            self.ctx.status(where, 4000)

    def step(self, direction: int) -> None:
        """Q / Shift+Q: select the next or previous quotation nobody has checked yet (in the
        text, which takes focus, as for J: a label key then acts on what is selected)."""
        article = self.ctx.article
        if article is None:
            return
        view = self.ctx.view
        view.setFocus()
        outcome = labelling.step_quote_to_check(
            article.quotes, selection=view.selected_span(), caret=view.cursor_position(), direction=direction
        )
        if outcome.select is not None:
            view.select_span(*outcome.select)
        if outcome.message:
            self.ctx.status(self.tr(outcome.message), 8000)

    def _correct(self, article: AnnotatedArticle, quote: Quote, bounds: Span | None = None) -> None:
        """The dialog for a quotation; with `bounds` (other words selected), it offers them as the
        quotation's bounds, ticked when the selection holds the whole quotation and more (the
        finder cut it short) but not its speaker's mention (`labelling.bounds_ticked`),
        unticked otherwise: inside it, the person may only have pointed at
        it; across one of its ends, it is most often the sentence J selected (`Trump said on
        Friday "I can do it` of a longer quotation), and Enter, meant for the speaker, cut the
        quotation's end off and took the attribution in."""
        from annotator.ui.dialogs import QuoteDialog

        text = article.article.text
        others = labelling.same_speaker(article, quote)
        dialog = QuoteDialog(
            self.ctx.main_window,
            excerpt=text[quote.start : quote.end],
            kind=quote.kind.value,
            speaker=quote.speaker.name if quote.speaker is not None else "",
            names=labelling.speaker_choices(article),
            problem_with=lambda kind, name: self._problem(
                article.article.id,
                lambda shown: self._correction(
                    shown, quote, kind, name, also=(), bounds=bounds if dialog.use_bounds() else None
                ),
            ),
            others=len(others),
            bounds=text[bounds[0] : bounds[1]] if bounds is not None else "",
            use_bounds=bounds is not None and labelling.bounds_ticked(quote, bounds),
        )

        def save(shown: AnnotatedArticle) -> Outcome:
            also = others if dialog.also_others() else ()
            chosen = bounds if dialog.use_bounds() else None
            return self._correction(shown, quote, dialog.kind(), dialog.speaker(), also=also, bounds=chosen)

        self._open(dialog, article, save)

    def _add(self, article: AnnotatedArticle, selection: tuple[int, int]) -> None:
        from annotator.ui.dialogs import QuoteDialog

        text = article.article.text
        start, end = labelling.quotation_span(text, selection)
        dialog = QuoteDialog(
            self.ctx.main_window,
            excerpt=text[start:end],
            kind=QuoteKind.DIRECT.value,
            speaker="",
            names=labelling.speaker_choices(article),
            problem_with=lambda kind, name: self._problem(
                article.article.id, lambda shown: labelling.add_quote(shown, selection, QuoteKind(kind), name)
            ),
            # Said as it opens, beside the kind, not after a speaker is typed: words without quote
            # marks are almost always a slip of the selection, and the person reselects rather
            # than fills it in (or makes them a scare quote). No speaker: the kind alone is at fault.
            kind_problem=lambda kind: self._problem(
                article.article.id, lambda shown: labelling.add_quote(shown, selection, QuoteKind(kind), "")
            ),
            adding=True,
        )
        self._open(
            dialog,
            article,
            lambda shown: labelling.add_quote(shown, selection, QuoteKind(dialog.kind()), dialog.speaker()),
        )

    @staticmethod
    def _correction(
        article: AnnotatedArticle,
        quote: Quote,
        kind: str,
        name: str,
        *,
        also: Sequence[Quote],
        bounds: Span | None = None,
    ) -> Outcome:
        from annotator.ui.dialogs import QuoteDialog

        if kind == QuoteDialog.REMOVE:
            return labelling.remove_quote(quote, article_id=article.article.id)
        if bounds is not None:
            return labelling.rebound_quote(article, quote, bounds, QuoteKind(kind), name, also=also)
        return labelling.correct_quotes(article, quote, QuoteKind(kind), name, also=also)

    def _open(
        self,
        dialog: QuoteDialog,
        article: AnnotatedArticle,
        outcome_of: Callable[[AnnotatedArticle], Outcome],
    ) -> None:
        """Open the dialog; as it is accepted, run the edit it comes to on the article still
        shown. A save refused while another program writes (the wait cancelled) or on a full
        disk keeps the dialog open with the answer, for one more OK; other refusals close it,
        said as any edit's are."""
        from annotator.core.errors import MachineError
        from annotator.ui.error_text import as_sentence

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        article_id = article.article.id
        refused: list[str] = []

        def attempt() -> None:
            shown = self.ctx.article
            if shown is None or shown.article.id != article_id:
                return
            outcome = outcome_of(shown)
            if outcome.command is not None:
                try:
                    self.ctx.run_edit(outcome.command)
                except MachineError as exc:
                    refused.append(as_sentence(str(exc)))
                    return
            if outcome.select is not None:
                self.ctx.view.select_span(*outcome.select)
            if outcome.message:
                self.ctx.status(self.tr(outcome.message), 6000)

        def save() -> str | None:
            refused.clear()
            self.ctx.guard(attempt)
            return refused[0] if refused else None

        dialog.save = save
        self.dialog = dialog
        dialog.open()

    def _problem(self, article_id: int, outcome_of: Callable[[AnnotatedArticle], Outcome]) -> str:
        """Why the dialog's answer cannot be saved, or "".

        Asked of the article the dialog was opened on: asked of another one shown meanwhile, the
        quotation's offsets were read in that one's text (an IndexError past its end), and OK,
        which saves only on the dialog's own article, closed it having saved nothing.
        """
        article = self.ctx.article
        if article is None:
            return ""
        if article.article.id != article_id:
            return self.tr("This quotation's article is no longer shown: cancel, open it again and press W.")
        try:
            outcome_of(article)
        except UserError as exc:
            return as_sentence(str(exc))  # the command line's words, said under the fields
        return ""
