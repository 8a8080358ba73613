"""W: correct the quotation at the cursor, its kind and who said it.

One in five speakers the pre-annotation gives is wrong (`benchmarks/data/eval_results.md`);
a person must be able to put it right in two keys, and keep it through a new
pre-annotation. The rules are `services.labelling`'s; this module holds the dialog's life.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from annotator.core.errors import UserError
from annotator.core.model import Quote, QuoteKind
from annotator.services import labelling
from annotator.ui.context import WindowContext

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
        article = self.ctx.article
        view = self.ctx.view
        quote = (
            labelling.quote_at(article.quotes, selection=view.selected_span(), caret=view.cursor_position())
            if article is not None
            else None
        )
        if article is None or quote is None:
            self.ctx.status(self.tr("Put the cursor in a quotation to correct its speaker"), 4000)
            return
        from annotator.ui.dialogs import QuoteDialog

        text = article.article.text
        others = labelling.same_speaker(article, quote)
        dialog = QuoteDialog(
            self.ctx.main_window,
            excerpt=text[quote.start : quote.end],
            kind=quote.kind.value,
            speaker=quote.speaker.name if quote.speaker is not None else "",
            names=labelling.speaker_choices(article),
            problem_with=lambda kind, name: self._problem(quote, kind, name),
            others=len(others),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            shown = self.ctx.article
            if shown is None or shown.article.id != article.article.id:
                return
            also = others if dialog.also_others() else ()
            outcome = labelling.correct_quotes(
                shown, quote, QuoteKind(dialog.kind()), dialog.speaker(), also=also
            )
            if outcome.command is not None:
                self.ctx.run_edit(outcome.command)
            if outcome.message:
                self.ctx.status(self.tr(outcome.message), 6000)

        dialog.accepted.connect(lambda: self.ctx.guard(save))
        self.dialog = dialog
        dialog.open()

    def _problem(self, quote: Quote, kind: str, name: str) -> str:
        """Why the dialog's answer cannot be saved, or ""."""
        article = self.ctx.article
        if article is None:
            return ""
        try:
            labelling.correct_quote(article, quote, QuoteKind(kind), name)
        except UserError as exc:
            return str(exc)
        return ""
