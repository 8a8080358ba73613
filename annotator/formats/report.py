"""The team report as a self-contained HTML page with inline SVG charts.

A writer like the others in `formats`: plain data in (`core.reports.TeamStats`), text
out, nothing fetched and nothing scripted. Colours come from `core.palette`, the same
as the window's charts.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from annotator.core.agreement import LABELS
from annotator.core.charts import labelled_points, nice_max, tick_intervals, tick_labels
from annotator.core.model import ClaimLabel
from annotator.core.palette import SERIES_COLOURS
from annotator.core.reports import CHECK_HEADERS, TeamStats, agreement_rows, check_rows, format_figure

__all__ = [
    "LABEL_COLOURS",
    "agreement_rows",
    "format_figure",
    "html_report",
    "svg_bar_chart",
    "svg_line_chart",
]

LABEL_COLOURS: dict[str, str] = {label.value: label.colour for label in ClaimLabel}
"""Label colours by value, as the charts' series are named."""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


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
    for i, tick in enumerate(tick_labels(top_value, intervals)):
        y = top + plot_h - plot_h * i / intervals
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
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

    for i in labelled_points(n, 8):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{_esc(xs[i][5:])}</text>'
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


def html_report(stats: TeamStats, *, title: str) -> str:
    """A self-contained HTML page (inline SVG and CSS, no external resources) of team statistics."""
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
<figure>{svg_line_chart(_per_day_title(stats), stats.days, stats.per_day)}</figure>
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
<h2>Pre-annotation, as people checked it</h2>
<p>Of the suggestions people accepted, rejected, corrected, confirmed or removed, how many
pre-annotation had right; what they added that it missed; and how often a suggested label was
the label people gave, by the confidence shown.</p>
{_checks_table(stats)}
</body></html>
"""


def _per_day_title(stats: TeamStats) -> str:
    """The days are the writer's local days: the report may be read in another zone."""
    zone = f", {stats.time_zone}" if stats.time_zone else ""
    return f"Claims per day (local time{zone})"


def _checks_table(stats: TeamStats) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in cells) + "</tr>"
        for cells in check_rows(stats.checks)
    )
    if not rows:
        return "<p>Nothing pre-annotated in this project yet.</p>"
    head = "".join(f"<th>{_esc(header)}</th>" for header in CHECK_HEADERS)
    return f"<table><tr>{head}</tr>{rows}</table>"
