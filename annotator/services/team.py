"""Team work offline: merge people's files, measure agreement, adjudicate, report.

Each person labels in their own project file; a coordinator merges the files into
a team file (`merge_files`), looks at how well people agree (`agreement`), walks
through the disagreements and decides gold labels (`review_items`, `decide`), and
shares a statistics report (`team_stats`, `html_report`). Qt-free: the CLI and
the window call the same functions.
"""

from __future__ import annotations

import html
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.agreement import (
    LABELS,
    AgreementReport,
    MatchMode,
    Scores,
    Span,
    Unit,
    build_units,
    compute_agreement,
    simple_sentences,
    spans_match,
)
from annotator.core.errors import Cancelled, UserError
from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel
from annotator.store import ProjectStore
from annotator.store.merge import (
    GoldDecision,
    MergeConflict,
    MergeReport,
    article_sentences,
    article_texts,
    canonical_dump,
    clear_gold,
    gold_decisions,
    merge_project,
    set_gold,
)

__all__ = [
    "GoldDecision",
    "MergeConflict",
    "MergeReport",
    "ReviewItem",
    "TeamStats",
    "agreement",
    "canonical_dump",
    "decide",
    "gold_claims",
    "html_report",
    "merge_files",
    "review_items",
    "team_stats",
    "undecide",
]

ProgressCallback = Callable[[int, int], None]


# -- merge ----------------------------------------------------------------------------------


def merge_files(
    team: ProjectStore,
    sources: Sequence[str | Path],
    *,
    progress: ProgressCallback | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[MergeReport]:
    """Merge every file into `team` in ONE transaction: all of them, or (on any error) none.

    `progress(done, total)` counts source files; raising `Cancelled` from it rolls back.
    `cancel()` is asked after every article, so a window's Cancel button stops a long
    file at once instead of only between files; it rolls back the same way.
    """
    if not sources:
        raise UserError("name at least one project file to merge into the team file")

    def per_article(_done: int, _total: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled("merge cancelled; the team file is unchanged")

    reports: list[MergeReport] = []
    with team.transaction():
        for done, source in enumerate(sources):
            if progress is not None:
                progress(done, len(sources))
            per_article(0, 0)
            reports.append(merge_project(team, Path(source), progress=per_article))
        if progress is not None:
            progress(len(sources), len(sources))
        per_article(0, 0)
    return reports


# -- agreement ------------------------------------------------------------------------------


def _sentences(project: ProjectStore, article_ids: Sequence[int]) -> dict[int, list[Span]]:
    """Pre-annotation's sentences, or a punctuation split for articles never pre-annotated."""
    found = article_sentences(project)
    missing = [a for a in article_ids if a not in found]
    for article_id, text in article_texts(project, missing).items():
        found[article_id] = simple_sentences(text)
    return found


def agreement_inputs(
    project: ProjectStore, *, match: MatchMode = "exact"
) -> tuple[list[Claim], dict[int, list[Span]]]:
    """Every non-gold claim, and the sentences relaxed matching needs (none for exact)."""
    claims = [c for c in project.iter_claims() if c.annotator != GOLD_ANNOTATOR]
    sentences = _sentences(project, sorted({c.article_id for c in claims})) if match == "relaxed" else {}
    return claims, sentences


def agreement(project: ProjectStore, *, match: MatchMode = "exact") -> AgreementReport:
    """Pairwise and team agreement on every non-gold claim in the project."""
    claims, sentences = agreement_inputs(project, match=match)
    return compute_agreement(claims, match=match, sentences=sentences)


def format_agreement(report: AgreementReport) -> str:
    """Plain-text tables for the terminal."""

    def cell(scores: Scores) -> str:
        parts = []
        for name, figure in (("kappa", scores.kappa), ("alpha", scores.alpha), ("F1", scores.f1)):
            value = "  n/a" if figure.value is None else f"{figure.value:5.3f}"
            parts.append(f"{name} {value} (n={figure.items})")
        return "   ".join(parts)

    lines = [f"agreement ({report.match} spans), annotators: {', '.join(report.annotators) or 'none'}"]
    lines.append(f"team              {cell(report.team)}")
    for label, scores in report.team_by_label.items():
        lines.append(f"  {label:<15} {cell(scores)}")
    for pair in report.pairs:
        lines.append(f"{' vs '.join(pair.annotators):<17} {cell(pair.overall)}")
        for label, scores in pair.by_label.items():
            lines.append(f"  {label:<15} {cell(scores)}")
    return "\n".join(lines)


# -- adjudication ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """One disagreement to adjudicate, with the article text around it and any decision made."""

    unit: Unit
    title: str
    text: str
    decision: GoldDecision | None = None

    @property
    def article_id(self) -> int:
        return self.unit.article_id

    @property
    def span(self) -> Span:
        return self.unit.span

    def context(self, *, chars: int = 300) -> tuple[str, int, int]:
        """A window of text around the span and the span's offsets inside it."""
        start, end = self.span
        left = max(0, start - chars)
        right = min(len(self.text), end + chars)
        return self.text[left:right], start - left, end - left


def review_items(
    project: ProjectStore, *, match: MatchMode = "exact", include_agreed: bool = False
) -> list[ReviewItem]:
    """Disagreements in article and text order: labels differ, or only some annotators marked the span."""
    claims, sentences = agreement_inputs(project, match=match)
    units = [
        u
        for u in build_units(claims, match=match, sentences=sentences)
        if include_agreed or u.is_disagreement
    ]
    texts = article_texts(project, {u.article_id for u in units})
    titles = {s.id: s.title for s in project.articles()}
    decisions: dict[int, list[GoldDecision]] = defaultdict(list)
    for decision in gold_decisions(project):
        decisions[decision.article_id].append(decision)
    items = []
    for unit in units:
        spans = [unit.span, *((c.start, c.end) for c in unit.claims.values())]
        found = next(
            (
                d
                for d in decisions[unit.article_id]
                if any(spans_match((d.start, d.end), s, mode=match) for s in spans)
            ),
            None,
        )
        items.append(ReviewItem(unit, titles.get(unit.article_id, ""), texts[unit.article_id], found))
    return items


def decide(
    project: ProjectStore, item: ReviewItem, label: ClaimLabel | str | None, *, reviewer: str
) -> ReviewItem:
    """Store the gold label (or "no claim") for a disagreement; returns the item with its decision."""
    start, end = item.span
    if item.decision is not None and (item.decision.start, item.decision.end) != (start, end):
        clear_gold(project, item.article_id, item.decision.start, item.decision.end)
    decision = set_gold(
        project,
        item.article_id,
        start,
        end,
        ClaimLabel(label) if label is not None else None,
        reviewer=reviewer,
    )
    return ReviewItem(item.unit, item.title, item.text, decision)


def undecide(project: ProjectStore, item: ReviewItem) -> ReviewItem:
    if item.decision is not None:
        clear_gold(project, item.article_id, item.decision.start, item.decision.end)
    return ReviewItem(item.unit, item.title, item.text, None)


def gold_claims(project: ProjectStore) -> list[Claim]:
    """The adjudicated labels, for `export --gold`: the same as `project.claims(annotator="gold")`."""
    return project.claims(annotator=GOLD_ANNOTATOR)


# -- statistics -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamStats:
    """What the dashboard and the HTML report show."""

    annotators: tuple[str, ...]
    days: tuple[str, ...]
    per_day: Mapping[str, tuple[int, ...]]  # annotator -> claims created on each of `days`
    labels: Mapping[str, Mapping[str, int]]  # annotator -> label -> claims
    per_article: tuple[tuple[int, str, Mapping[str, int]], ...]  # (id, title, annotator -> claims)
    agreement: AgreementReport
    gold: int = 0
    articles: int = 0
    claims: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)

    def cumulative(self, annotator: str) -> tuple[int, ...]:
        total = 0
        result = []
        for count in self.per_day[annotator]:
            total += count
            result.append(total)
        return tuple(result)


def team_stats(project: ProjectStore, *, match: MatchMode = "exact") -> TeamStats:
    """Progress per day, labels and claims per article per annotator, and agreement."""
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    per_article: dict[int, Counter[str]] = defaultdict(Counter)
    gold = total = 0
    for claim in project.iter_claims():
        if claim.annotator == GOLD_ANNOTATOR:
            gold += 1
            continue
        total += 1
        per_day[claim.annotator][claim.created_at[:10]] += 1
        labels[claim.annotator][ClaimLabel(claim.label).value] += 1
        per_article[claim.article_id][claim.annotator] += 1
    names = tuple(sorted(per_day))
    days = tuple(sorted({day for counts in per_day.values() for day in counts}))
    titles = {s.id: s.title for s in project.articles()}
    articles = sorted(per_article.items())
    return TeamStats(
        annotators=names,
        days=days,
        per_day={n: tuple(per_day[n][d] for d in days) for n in names},
        labels={n: {label: labels[n][label] for label in LABELS} for n in names},
        per_article=tuple((a, titles.get(a, f"article {a}"), dict(c)) for a, c in articles),
        agreement=agreement(project, match=match),
        gold=gold,
        articles=project.stats().articles,
        claims=total,
    )


# -- the HTML report ------------------------------------------------------------------------

# Okabe-Ito, as in the window: colour-blind safe, and never the only cue.
LABEL_COLOURS = {"factual": "#56B4E9", "opinion": "#E69F00", "questionable": "#CC79A7"}
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def nice_max(value: float) -> float:
    """The axis top: 1, 2 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def tick_intervals(top: float) -> int:
    """How many grid intervals to draw under `top` so every tick is a whole number.

    The charts count claims and articles: a tick at 3.75 claims reads as a bug.
    """
    for intervals in (4, 5, 2):
        if top / intervals >= 1 and float(top / intervals).is_integer():
            return intervals
    return 1


def _svg_frame(
    title: str, width: int, height: int, left: int, top: int, plot_w: int, plot_h: int, top_value: float
) -> list[str]:
    """The opening of a chart: the svg element, the title and the y grid with whole-number ticks."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
        f' aria-label="{_esc(title)}" font-family="sans-serif" font-size="11">',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{_esc(title)}</text>',
    ]
    intervals = tick_intervals(top_value)
    for i in range(intervals + 1):
        y = top + plot_h - plot_h * i / intervals
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{top_value * i / intervals:g}</text>'
        )
    return parts


def svg_line_chart(
    title: str, xs: Sequence[str], series: Mapping[str, Sequence[int]], *, width: int = 640, height: int = 260
) -> str:
    """A line chart as inline SVG: one line per series, x labels thinned to fit."""
    left, right, top, bottom = 48, 120, 28, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = nice_max(max((max(v) for v in series.values() if v), default=0))
    parts = _svg_frame(title, width, height, left, top, plot_w, plot_h, top_value)
    n = len(xs)

    def x_at(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    every = max(1, math.ceil(n / 8))
    for i, label in enumerate(xs):
        if i % every == 0 or i == n - 1:
            parts.append(
                f'<text x="{x_at(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
                f"{_esc(label[5:])}</text>"
            )
    for k, (name, values) in enumerate(series.items()):
        colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
        points = " ".join(
            f"{x_at(i):.1f},{top + plot_h - plot_h * v / top_value:.1f}" for i, v in enumerate(values)
        )
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for i, v in enumerate(values):
            parts.append(
                f'<circle cx="{x_at(i):.1f}" cy="{top + plot_h - plot_h * v / top_value:.1f}" r="2.5"'
                f' fill="{colour}"/>'
            )
        ly = top + 14 * k + 6
        parts.append(f'<rect x="{left + plot_w + 12}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{left + plot_w + 26}" y="{ly + 1}">{_esc(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def svg_bar_chart(
    title: str,
    groups: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    colours: Mapping[str, str] | None = None,
    width: int = 640,
    height: int = 260,
) -> str:
    """Grouped bars as inline SVG: one group per x label, one bar per series."""
    left, right, top, bottom = 48, 120, 28, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = nice_max(max((max(v) for v in series.values() if v), default=0))
    parts = _svg_frame(title, width, height, left, top, plot_w, plot_h, top_value)
    names = list(series)
    group_w = plot_w / max(1, len(groups))
    bar_w = group_w * 0.8 / max(1, len(names))
    for g, group in enumerate(groups):
        gx = left + g * group_w + group_w * 0.1
        for k, name in enumerate(names):
            value = series[name][g]
            h = plot_h * value / top_value
            colour = (colours or {}).get(name, SERIES_COLOURS[k % len(SERIES_COLOURS)])
            parts.append(
                f'<rect x="{gx + k * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}"'
                f' height="{h:.1f}" fill="{colour}"><title>{_esc(name)}: {value}</title></rect>'
            )
        short = group if len(group) <= 14 else group[:13] + "…"
        parts.append(
            f'<text x="{gx + group_w * 0.4:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
            f"{_esc(short)}</text>"
        )
    for k, name in enumerate(names):
        colour = (colours or {}).get(name, SERIES_COLOURS[k % len(SERIES_COLOURS)])
        ly = top + 14 * k + 6
        parts.append(f'<rect x="{left + plot_w + 12}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{left + plot_w + 26}" y="{ly + 1}">{_esc(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def agreement_rows(report: AgreementReport) -> list[tuple[str, str, Scores]]:
    """(who, label or 'all', scores): the rows of the agreement table in the window and the report."""
    rows = [("team", "all", report.team)]
    rows += [("team", label, s) for label, s in report.team_by_label.items()]
    for pair in report.pairs:
        who = " vs ".join(pair.annotators)
        rows.append((who, "all", pair.overall))
        rows += [(who, label, s) for label, s in pair.by_label.items()]
    return rows


def format_figure(value: float | None, items: int) -> str:
    return f"{'n/a' if value is None else f'{value:.3f}'} (n={items})"


def html_report(project: ProjectStore, *, match: MatchMode = "exact", title: str = "") -> str:
    """A self-contained HTML page (inline SVG and CSS, no external resources) of `team_stats`."""
    stats = team_stats(project, match=match)
    title = title or f"Annotation report: {project.path.name}"
    cumulative = {n: stats.cumulative(n) for n in stats.annotators}
    label_series = {label: [stats.labels[n][label] for n in stats.annotators] for label in LABELS}
    top_articles = sorted(stats.per_article, key=lambda a: -sum(a[2].values()))[:20]
    article_series = {n: [a[2].get(n, 0) for a in top_articles] for n in stats.annotators}
    rows = "".join(
        f"<tr><td>{_esc(who)}</td><td>{_esc(label)}</td>"
        + "".join(f"<td>{_esc(format_figure(f.value, f.items))}</td>" for f in (s.kappa, s.alpha, s.f1))
        + "</tr>"
        for who, label, s in agreement_rows(stats.agreement)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_esc(title)}</title>
<style>body{{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left}}
th{{background:#f3f3f3}}figure{{margin:1em 0}}</style></head><body>
<h1>{_esc(title)}</h1>
<p>{stats.articles} articles, {stats.claims} claims by {len(stats.annotators)} annotators
({_esc(", ".join(stats.annotators))}); gold labels: {stats.gold}.</p>
<h2>Progress</h2>
<figure>{svg_line_chart("Claims per day", stats.days, stats.per_day)}</figure>
<figure>{svg_line_chart("Claims, cumulative", stats.days, cumulative)}</figure>
<h2>Labels</h2>
<figure>{
        svg_bar_chart(
            "Label distribution per annotator", stats.annotators, label_series, colours=LABEL_COLOURS
        )
    }</figure>
<h2>Claims per article</h2>
<figure>{
        svg_bar_chart(
            "Claims per article (20 with most claims)", [a[1] for a in top_articles], article_series
        )
    }</figure>
<h2>Agreement ({_esc(stats.agreement.match)} span match)</h2>
<p>Cohen's kappa (team: mean over pairs), Krippendorff's alpha (nominal) and span F1; n is the number
of items behind each figure. Gold labels are not counted.</p>
<table><tr><th>Annotators</th><th>Label</th><th>kappa</th><th>alpha</th><th>span F1</th></tr>{rows}</table>
</body></html>
"""


def write_html_report(project: ProjectStore, path: str | Path, *, match: MatchMode = "exact") -> Path:
    path = Path(path)
    try:
        path.write_text(html_report(project, match=match), encoding="utf-8")
    except OSError as exc:
        raise UserError(
            f"{path}: cannot write the report ({exc.strerror or exc}); pick another place"
        ) from exc
    return path
