"""The "Claims per article" chart of a project with more articles than it has room for."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleDraft
from annotator.formats.report import html_report
from annotator.services.project import Project, open_project
from annotator.services.statistics import team_stats
from annotator.ui.dashboard import DashboardDialog


def _labelled(path: Path, articles: int) -> Project:
    """`articles` articles, the k-th with k + 1 claims of alice's."""
    project = open_project(path)
    project.import_drafts(
        ArticleDraft(text=f"Article number {k} says one thing. " * 30, title=f"Story {k}")
        for k in range(articles)
    )
    for k, article_id in enumerate(project.article_ids()):
        for n in range(k + 1):
            project.add_claim(article_id, n * 34, n * 34 + 20, "factual", annotator="alice")
    return project


def _shown(qtbot: QtBot, project: Project) -> DashboardDialog:
    dialog = DashboardDialog(project)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 820)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.dashboard.loading, timeout=20_000)
    return dialog


def test_the_chart_says_when_it_shows_only_the_articles_with_most_claims(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Of 15 labelled articles the chart drew 12 under "Claims per article", in the window and
    in its PNG, and a lead counted 12 articles done; the HTML report said "20 with most claims"."""
    project = _labelled(tmp_path / "many.db", 15)
    dialog = _shown(qtbot, project)
    chart = dialog.dashboard.per_article
    assert chart.xs == [f"Story {k}" for k in range(14, 2, -1)]
    assert chart.title == "Claims per article (12 of 15, with most claims)"
    assert chart.accessibleName() == chart.title
    assert dialog.dashboard.stats is not None
    page = html_report(dialog.dashboard.stats, title="Team")
    assert 'aria-label="Claims per article"' in page  # all 15: it said "20 with most claims"
    dialog.close()
    project.close()


def test_the_report_says_when_it_shows_only_the_articles_with_most_claims(tmp_path: Path) -> None:
    with _labelled(tmp_path / "more.db", 22) as project:
        page = html_report(team_stats(project), title="Team")
    chart = page[page.index('aria-label="Claims per article') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.startswith('aria-label="Claims per article (20 of 22, with most claims)"')
    assert chart.count("\nalice: ") == 20


def test_the_chart_of_every_labelled_article_says_no_more(qtbot: QtBot, tmp_path: Path) -> None:
    project = _labelled(tmp_path / "few.db", 12)
    dialog = _shown(qtbot, project)
    chart = dialog.dashboard.per_article
    assert len(chart.xs) == 12 and chart.title == "Claims per article"
    dialog.close()
    project.close()


def test_an_article_whose_title_shows_nothing_is_named_as_the_list_names_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A title of spaces or U+200B alone drew a bar with no name under "Claims per article",
    in the window and the HTML report; one with a line break was named over two lines."""
    project = open_project(tmp_path / "odd.db")
    titles = ["   ", "\u200b", "Harbour\nreopens"]
    project.import_drafts(
        ArticleDraft(text=f"Article number {k} says one thing. " * 3, title=title)
        for k, title in enumerate(titles)
    )
    ids = project.article_ids()
    for k, article_id in enumerate(ids):
        for n in range(3 - k):  # most claims first, so the bars stand in import order
            project.add_claim(article_id, n * 34, n * 34 + 20, "factual", annotator="alice")
    dialog = _shown(qtbot, project)
    named = [f"Article {ids[0]}", f"Article {ids[1]}", "Harbour reopens"]
    assert dialog.dashboard.per_article.xs == named
    assert dialog.dashboard.stats is not None
    page = html_report(dialog.dashboard.stats, title="Team")
    assert all(f">{name}<" in page for name in named)
    dialog.close()
    project.close()
