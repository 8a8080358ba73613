"""The team report as a self-contained HTML page with inline SVG charts.

A writer like the others in `formats`: plain data in (`core.reports.TeamStats`), text
out, nothing fetched and nothing scripted. Colours come from `core.palette`, the same
as the window's charts.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from annotator.core.agreement import LABELS
from annotator.core.bidi import isolated
from annotator.core.charts import (
    day_labels,
    labelled_points,
    nice_max,
    nice_max_with_room,
    side_by_side,
    tick_intervals,
    tick_labels,
)
from annotator.core.model import ClaimLabel
from annotator.core.palette import SeriesStyle, edge_colour, grid_colour, series_style
from annotator.core.reports import (
    CHECK_HEADERS,
    TeamStats,
    agreement_cells,
    agreement_rows,
    check_rows,
    gold_note,
)
from annotator.core.text import counted

__all__ = [
    "LABEL_COLOURS",
    "agreement_rows",
    "html_report",
    "svg_bar_chart",
    "svg_line_chart",
    "svg_stacked_bars",
]

LABEL_COLOURS: dict[str, str] = {label.value: label.colour for label in ClaimLabel}
"""Label colours by value, as the charts' series are named."""


PAGE = "#FFFFFF"
"""The report's page: the browser's white, under the charts' own colours."""
TEXT = "#222222"
"""The report's text, the page's (`body{color}`) and the charts' numbers and names: 16:1 on white."""
GRID = grid_colour(TEXT, PAGE)
"""The charts' grid lines, 3:1 from the page: "#ddd" stood 1.4:1 and could hardly be followed."""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _svg_frame(
    title: str, width: int, height: int, left: int, top: int, plot_w: int, plot_h: int, top_value: float
) -> list[str]:
    """The opening of a chart: the svg element, the title and the y grid with whole-number ticks."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
        f' aria-label="{_esc(title)}" font-family="sans-serif" font-size="11" fill="{TEXT}">',
        f'<text x="{left}" y="16" font-size="13" font-weight="bold">{_esc(title)}</text>',
    ]
    intervals = tick_intervals(top_value)
    for i, tick in enumerate(tick_labels(top_value, intervals)):
        y = top + plot_h - plot_h * i / intervals
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    return parts


_LEGEND_ROW = 14
_LEGEND_NAME = 16
"""Characters of a name the legend shows; its <title> has it whole."""
_SVG_DASHES = {"solid": "", "dash": ' stroke-dasharray="6 3"', "dot": ' stroke-dasharray="2 3"'}


def _styles(names: Sequence[str], colours: Mapping[str, str] | None) -> dict[str, SeriesStyle]:
    """Each series's style: its fixed colour (labels), else the k-th of `core.palette`'s."""
    return {
        name: SeriesStyle(colours[name]) if colours and name in colours else series_style(k)
        for k, name in enumerate(names)
    }


def _edge(style: SeriesStyle) -> str:
    """The stroke that outlines a series's bar or marker where its colour alone stands under 3:1
    from the page (yellow, orange, sky blue), as the window outlines them; else nothing."""
    outline = edge_colour(style.colour, PAGE)
    return f' stroke="{outline}"' if outline else ""


def _bar_edge(style: SeriesStyle) -> str:
    """A bar's outline: a faint colour's deeper shade, or a hatched bar's own colour round its pale
    fill, as the window draws them (`ui.charts._fill`)."""
    outline = edge_colour(style.colour, PAGE) or (style.colour if style.hatch else None)
    return f' stroke="{outline}"' if outline else ""


def _casing(shape: str, style: SeriesStyle) -> str:
    """A faint line's deeper shade under it, a pixel wide either side (none for a line that stands
    out); `shape` is the line's element and where it runs (`polyline points="..."`)."""
    outline = edge_colour(style.colour, PAGE)
    if outline is None:
        return ""
    return f'<{shape} fill="none" stroke="{outline}" stroke-width="4"{_SVG_DASHES[style.dash]}/>'


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _chart_height(height: int, top: int, names: int) -> int:
    """Tall enough for the legend: one name a row, at the right of the plot.

    A fixed 260 pixels held 16 names; the seventeenth on were drawn below the chart and lost.
    """
    return max(height, top + _LEGEND_ROW * names + 8)


def _hatches(key: str, styles: Mapping[str, SeriesStyle]) -> tuple[list[str], dict[str, str]]:
    """<defs> of the hatched fills, and each series's fill (a colour or a pattern's url).

    The ids start with `key` (one per chart): the four charts share one page's ids.
    """
    defs: list[str] = []
    fills: dict[str, str] = {}
    for k, (name, style) in enumerate(styles.items()):
        if not style.hatch:
            fills[name] = style.colour
            continue
        pattern = f"{key}-h{k}"
        lines = '<path d="M0,6 L6,0" stroke-width="1.2"/>' + (
            '<path d="M0,0 L6,6" stroke-width="1.2"/>' if style.hatch == "cross" else ""
        )
        defs.append(
            f'<pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{style.colour}" fill-opacity="0.35"/>'
            f'<g stroke="{style.colour}">{lines}</g></pattern>'
        )
        fills[name] = f"url(#{pattern})"
    return (["<defs>", *defs, "</defs>"] if defs else []), fills


_MARKER_SIZE = 2.5
"""Half a data marker's width (a triangle's is 1.3 times it)."""


def _marker(x: float, y: float, style: SeriesStyle, size: float = _MARKER_SIZE) -> str:
    if style.marker == "square":
        return (
            f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" height="{2 * size:.1f}"'
            f' fill="{style.colour}"{_edge(style)}/>'
        )
    if style.marker == "triangle":
        s = size * 1.3
        return (
            f'<polygon points="{x:.1f},{y - s:.1f} {x - s:.1f},{y + s * 0.8:.1f}'
            f' {x + s:.1f},{y + s * 0.8:.1f}" fill="{style.colour}"{_edge(style)}/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size}" fill="{style.colour}"{_edge(style)}/>'


def _legend(
    x: float, top: int, styles: Mapping[str, SeriesStyle], fills: Mapping[str, str], *, lines: bool
) -> list[str]:
    parts = []
    for k, (name, style) in enumerate(styles.items()):
        ly = top + _LEGEND_ROW * k + 6
        if lines:
            legend_line = f'line x1="{x}" y1="{ly - 3}" x2="{x + 18}" y2="{ly - 3}"'
            parts.append(
                _casing(legend_line, style)
                + f'<{legend_line} stroke="{style.colour}" stroke-width="2"{_SVG_DASHES[style.dash]}/>'
                + _marker(x + 9, ly - 3, style)
            )
        else:
            parts.append(
                f'<rect x="{x + 4}" y="{ly - 8}" width="10" height="10" fill="{fills[name]}"'
                f' stroke="{edge_colour(style.colour, PAGE) or style.colour}"/>'
            )
        parts.append(
            f'<text x="{x + 24}" y="{ly + 1}"><title>{_esc(name)}</title>'
            f"{_esc(_short(name, _LEGEND_NAME))}</text>"
        )
    return parts


_SHORT_DAY = 5
"""Characters of a day named by month and day ("05-21")."""


def svg_line_chart(
    title: str, xs: Sequence[str], series: Mapping[str, Sequence[int]], *, width: int = 640, height: int = 260
) -> str:
    """A line chart as inline SVG: one line per series, x labels thinned to fit.

    On a single day a line of one point was a lone dot: each series is a bar then, with its
    count written above it and the day named in full, as the window draws it.
    """
    left, right, top, bottom = 48, 130, 28, 40
    height = _chart_height(height, top, len(series))
    plot_w, plot_h = width - left - right, height - top - bottom
    largest = max((max(v) for v in series.values() if v), default=0)
    n = len(xs)
    if n == 1 and series:
        top_value = nice_max_with_room(largest)
        parts = _svg_frame(title, width, height, left, top, plot_w, plot_h, top_value)
        parts += _one_day_bars(title, xs[0], series, left, top, plot_w, plot_h, top_value)
        parts.append("</svg>")
        return "".join(parts)
    top_value = nice_max(largest)
    parts = _svg_frame(title, width, height, left, top, plot_w, plot_h, top_value)

    def x_at(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    labels = day_labels(xs)
    # Whole dates (days of more than one year) are twice as wide as "05-21": half as many named.
    most = 8 if max((len(label) for label in labels), default=0) <= _SHORT_DAY else 4
    for i in labelled_points(n, most):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{_esc(labels[i])}</text>'
        )
    styles = _styles(list(series), None)
    # Equal counts on a day side by side, as the window draws them: else only the last showed.
    room = plot_w / (n - 1) if n > 1 else plot_w
    shifts = side_by_side(series, beside=2 * _MARKER_SIZE * 1.3 + 1, room=room)
    for name, style in styles.items():
        values = series[name]
        at = [
            (x_at(i) + dx, top + plot_h - plot_h * v / top_value)
            for i, (v, dx) in enumerate(zip(values, shifts[name], strict=True))
        ]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in at)
        parts.append(
            _casing(f'polyline points="{points}"', style)
            + f'<polyline points="{points}" fill="none" stroke="{style.colour}" stroke-width="2"'
            f"{_SVG_DASHES[style.dash]}/>"
        )
        for x, y in at:
            parts.append(_marker(x, y, style))
    parts += _legend(left + plot_w + 12, top, styles, {}, lines=True)
    parts.append("</svg>")
    return "".join(parts)


_DAY_BAR = 36
"""The most room one series's bar takes on a chart of a single day (the bar and a gap)."""
_DIGIT_WIDTH = 7
"""About a digit's width at 11 pixels: counts wider than their bars are left to the bars' <title>."""


def _one_day_bars(
    title: str,
    day: str,
    series: Mapping[str, Sequence[int]],
    left: int,
    top: int,
    plot_w: int,
    plot_h: int,
    top_value: float,
) -> list[str]:
    """One bar per series, side by side in legend order around the day, each count above its bar."""
    styles = _styles(list(series), None)
    defs, fills = _hatches("".join(c for c in title if c.isalnum())[:24] or "day", styles)
    parts = list(defs)
    slot = min(_DAY_BAR, plot_w * 0.6 / len(styles))
    x0 = left + plot_w / 2 - slot * len(styles) / 2
    bottom = top + plot_h
    # All counts or none: the few that fit alone read as the only ones there were.
    counted = all(len(str(values[0])) * _DIGIT_WIDTH <= slot for values in series.values())
    for k, (name, style) in enumerate(styles.items()):
        value = series[name][0]
        h = plot_h * value / top_value
        x = x0 + k * slot
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{bottom - h:.1f}" width="{max(1.0, slot - 2):.1f}" height="{h:.1f}"'
            f' fill="{fills[name]}"{_bar_edge(style)}>'
            f"<title>{_esc(isolated(day))}\n{_esc(isolated(name))}: {value}</title></rect>"
        )
        if counted:
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{bottom - h - 4:.1f}" text-anchor="middle">{value}</text>'
            )
    day_x = left + plot_w / 2
    parts.append(f'<text x="{day_x:.1f}" y="{bottom + 16}" text-anchor="middle">{_esc(day)}</text>')
    parts += _legend(left + plot_w + 12, top, styles, fills, lines=False)
    return parts


_GROUP_NAME_WIDTH = 48
"""Pixels a name under a bar chart's groups needs at the least (six or seven characters)."""
_GROUP_NAME_CHARS = 14
"""Characters of a group's name under its bars at most; its <title> has it whole."""


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
    left, right, top, bottom = 48, 130, 28, 48
    height = _chart_height(height, top, len(series))
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = nice_max(max((max(v) for v in series.values() if v), default=0))
    parts = _svg_frame(title, width, height, left, top, plot_w, plot_h, top_value)
    styles = _styles(list(series), colours)
    defs, fills = _hatches("".join(c for c in title if c.isalnum())[:24] or "bars", styles)
    parts += defs
    group_w = plot_w / max(1, len(groups))
    bar_w = group_w * 0.8 / max(1, len(styles))
    # Each name gets its group's width, about 7 pixels a character: 14 characters under each
    # of eight annotators' groups ran into each other. Under groups too narrow for a few
    # letters, names are thinned as the days are (each bar's <title> names its group).
    if group_w >= _GROUP_NAME_WIDTH:
        named, name_chars = set(range(len(groups))), min(_GROUP_NAME_CHARS, int(group_w // 7))
    else:
        most = max(2, int(plot_w // (_GROUP_NAME_WIDTH + 8)))
        named, name_chars = set(labelled_points(len(groups), most)), _GROUP_NAME_WIDTH // 7
    for g, group in enumerate(groups):
        gx = left + g * group_w + group_w * 0.1
        for k, (name, style) in enumerate(styles.items()):
            value = series[name][g]
            h = plot_h * value / top_value
            parts.append(
                f'<rect x="{gx + k * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}"'
                f' height="{h:.1f}" fill="{fills[name]}"{_bar_edge(style)}>'
                f"<title>{_esc(isolated(group))}\n{_esc(isolated(name))}: {value}</title></rect>"
            )
        if g in named:
            parts.append(
                f'<text x="{gx + group_w * 0.4:.1f}" y="{top + plot_h + 16}" text-anchor="middle">'
                f"<title>{_esc(group)}</title>{_esc(_short(group, name_chars))}</text>"
            )
    parts += _legend(left + plot_w + 12, top, styles, fills, lines=False)
    parts.append("</svg>")
    return "".join(parts)


_TITLE_CHARS = 38
"""Characters of an article's title beside its bar (about 220 pixels); its <title> has it whole."""


def svg_stacked_bars(
    title: str,
    groups: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    width: int = 760,
    row: int = 18,
) -> str:
    """One horizontal bar per group (an article), the series (annotators) end to end.

    Upright grouped bars left each title the width of its group, three or four letters;
    across, a title has 38 characters, and every bar's <title> names it in full with its count.
    """
    left, right, top, bottom = 230, 130, 28, 30
    height = _chart_height(top + row * len(groups) + bottom, top, len(series))
    plot_w = width - left - right
    totals = [sum(values[g] for values in series.values()) for g in range(len(groups))]
    top_value = nice_max(max(totals, default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
        f' aria-label="{_esc(title)}" font-family="sans-serif" font-size="11" fill="{TEXT}">',
        f'<text x="8" y="16" font-size="13" font-weight="bold">{_esc(title)}</text>',
    ]
    axis_y = top + row * len(groups)
    intervals = tick_intervals(top_value)
    for i, tick in enumerate(tick_labels(top_value, intervals)):
        x = left + plot_w * i / intervals
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle">{tick}</text>')
    styles = _styles(list(series), None)
    defs, fills = _hatches("".join(c for c in title if c.isalnum())[:24] or "stacked", styles)
    parts += defs
    for g, group in enumerate(groups):
        y = top + g * row
        parts.append(
            f'<text x="{left - 6}" y="{y + row * 0.5 + 4:.1f}" text-anchor="end">'
            f"<title>{_esc(group)}</title>{_esc(_short(group, _TITLE_CHARS))}</text>"
        )
        x = float(left)
        for name, style in styles.items():
            value = series[name][g]
            w = plot_w * value / top_value
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + row * 0.15:.1f}" width="{w:.1f}" height="{row * 0.7:.1f}"'
                    f' fill="{fills[name]}"{_bar_edge(style)}>'
                    f"<title>{_esc(isolated(group))}\n{_esc(isolated(name))}: "
                    f"{value} of {totals[g]} claims</title></rect>"
                )
            x += w
    parts += _legend(left + plot_w + 12, top, styles, fills, lines=False)
    parts.append("</svg>")
    return "".join(parts)


ARTICLES_SHOWN = 20
"""Articles the report's "Claims per article" chart draws: those with the most claims."""


def _names(names: Sequence[str]) -> str:
    """The annotators, one after another, each isolated (`core.bidi`): an override (U+202E) in
    one name ran on to the end of the paragraph and turned the names after it, and the gold
    total, round."""
    return ", ".join(isolated(name) for name in names)


def html_report(stats: TeamStats, *, title: str) -> str:
    """A self-contained HTML page (inline SVG and CSS, no external resources) of team statistics."""
    cumulative = {n: stats.cumulative(n) for n in stats.annotators}
    label_series = {label: [stats.labels[n][label] for n in stats.annotators] for label in LABELS}
    top_articles = sorted(stats.per_article, key=lambda a: -sum(a[2].values()))[:ARTICLES_SHOWN]
    per_article = "Claims per article"
    if len(stats.per_article) > len(top_articles):
        per_article += f" ({len(top_articles)} of {len(stats.per_article)}, with most claims)"
    article_series = {n: [a[2].get(n, 0) for a in top_articles] for n in stats.annotators}
    rows = "".join(
        f"<tr><td>{_esc(who)}</td><td>{_esc(label)}</td>"
        + "".join(f'<td title="{_esc(f.tip)}">{_esc(f.text)}</td>' for f in figures)
        + "</tr>"
        for who, label, figures in agreement_cells(stats.agreement)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_esc(title)}</title>
<style>body{{font-family:sans-serif;max-width:900px;margin:2em auto;color:{TEXT}}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left}}
th{{background:#f3f3f3}}figure{{margin:1em 0}}</style></head><body>
<h1>{_esc(title)}</h1>
<p>{counted(stats.articles, "article")}, {counted(stats.claims, "claim")} by {
        counted(len(stats.annotators), "annotator")
    }{f" ({_esc(_names(stats.annotators))})" if stats.annotators else ""}; gold labels: {
        stats.gold + stats.agreed
    }{_esc(gold_note(stats.gold, stats.agreed, stats.no_claim))}.</p>
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
<figure>{svg_stacked_bars(per_article, [a[1] for a in top_articles], article_series)}</figure>
<h2>Agreement ({_esc(stats.agreement.match)} span match)</h2>
<p>Cohen's kappa (team: mean over pairs), Krippendorff's alpha (nominal) and span F1, each with
what it rests on: shared spans are the spans both people of a pair marked (for the team, two or
more people); the team's label pairs add up each pair's shared spans, so a span three people
marked is three; span F1 counts both people's claims (for the team, each pair's added up). Hover
over a figure for a sentence on it. Gold labels are not counted. n/a: nothing to work the figure
out on (no article or span in common), or, for kappa and alpha, one and the same label on every
shared span, where chance alone would agree as much; hover over it for which.</p>
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
