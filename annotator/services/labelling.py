"""The labelling rules, outside Qt: what a key press in the window does to a project.

Functions here take plain core objects (the article as shown, the caret or the
selection) and return the `core.commands` to run, or what to select next; they
never touch a widget or the database. The window maps keys to them, and
`services.Project`'s scripting methods use the same ones, so a script and the
window behave the same.
"""

from __future__ import annotations

from annotator.core.commands import AddClaim, Batch, Command, SetArticleStatus
from annotator.core.model import Article, ArticleStatus


def adding_claim(article: Article, add: AddClaim) -> Command:
    """Adding a claim, with what it implies: the first claim moves a new article to in progress."""
    if article.status == ArticleStatus.NEW:
        return Batch([add, SetArticleStatus(article.id, ArticleStatus.IN_PROGRESS)])
    return add
