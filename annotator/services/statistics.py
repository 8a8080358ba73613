"""Team statistics: progress per day, labels per annotator, claims per article, agreement.

The dashboard shows them; `write_html_report` hands them to the HTML writer
(`formats.report`), so the window and the report always show the same figures.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from annotator.core.agreement import LABELS, MatchMode, Unit, agreement_and_units
from annotator.core.collector import collector_paused
from annotator.core.model import GOLD_ANNOTATOR, QUOTE_REMOVED, Claim, ClaimLabel
from annotator.core.reports import (
    CheckedShare,
    FigureCell,
    TeamStats,
    agreement_cells,
    agreement_rows,
)
from annotator.core.titles import title_on_one_line
from annotator.services.adjudication import agreed_gold
from annotator.services.agreement import agreement_inputs
from annotator.services.outputs import atomic_write, check_output
from annotator.services.project import Project

__all__ = [
    "CheckedShare",
    "FigureCell",
    "TeamStats",
    "agreed_spans",
    "agreement_cells",
    "agreement_rows",
    "decision_counts",
    "local_day",
    "people_labels",
    "preannotation_checks",
    "team_stats",
    "write_html_report",
]


def team_stats(project: Project, *, match: MatchMode = "exact") -> TeamStats:
    """Progress per day, labels and claims per article per annotator, and agreement.

    Worked out with Python's cyclic garbage collector paused (`core.collector`): the dashboard
    works them out in a pool thread, and on 36,000 claims their objects set off full
    collections of every object of the process, which froze the window for 0.4-0.8 s at a time,
    every refresh. What they make is data, not cycles.
    """
    with collector_paused():
        return _team_stats(project, match=match)


def _team_stats(project: Project, *, match: MatchMode) -> TeamStats:
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    per_article: dict[int, Counter[str]] = defaultdict(Counter)
    gold = total = 0
    claims = list(project.iter_claims())
    for claim in claims:
        if claim.annotator == GOLD_ANNOTATOR:
            gold += 1
            continue
        total += 1
        per_day[claim.annotator][local_day(claim.created_at)] += 1
        labels[claim.annotator][ClaimLabel(claim.label).value] += 1
        per_article[claim.article_id][claim.annotator] += 1
    names = tuple(sorted(per_day))
    days = every_day({day for counts in per_day.values() for day in counts})
    # Named as the article list names them: a title of spaces or U+200B alone was a bar with no name.
    titles = {s.id: title_on_one_line(s.title) or f"Article {s.id}" for s in project.articles()}
    articles = sorted(per_article.items())
    # Every figure from the one read of the claims: agreement read them again, and the count of
    # articles (`stats`) read and checked them a third time, each 36,000 claims of a team file.
    # The units agreement is worked out on are those of the agreed spans, when matched exactly.
    # Per article figures are left out: the dashboard and the report show the totals alone.
    people, sentences = agreement_inputs(project, match=match, claims=claims)
    report, units = agreement_and_units(people, match=match, sentences=sentences, per_article=False)
    return TeamStats(
        annotators=names,
        days=days,
        per_day={n: tuple(per_day[n][d] for d in days) for n in names},
        labels={n: {label: labels[n][label] for label in LABELS} for n in names},
        per_article=tuple((a, titles.get(a, f"Article {a}"), dict(c)) for a, c in articles),
        agreement=report,
        gold=gold,
        agreed=agreed_spans(project, claims, match=match, exact_units=units if match == "exact" else None),
        no_claim=decision_counts(project)[1],
        articles=project.stats(claims_checked=True).articles,
        claims=total,
        checks=preannotation_checks(project),
        time_zone="/".join(dict.fromkeys(time.tzname)),  # "EST/EDT": the days may span both
    )


def decision_counts(project: Project) -> tuple[int, int]:
    """(gold labels, "no claim" decisions) the reviewers made.

    "No claim" is a decision stored apart from the gold labels (it is no claim); left
    out, five decisions read as four gold labels, as if one had been lost.
    """
    decisions = project.gold_decisions()
    no_claim = sum(decision.label is None for decision in decisions)
    return len(decisions) - no_claim, no_claim


def people_labels(project: Project) -> dict[str, int]:
    """The claims people made, by label: the reviewers' gold labels left out, as the dashboard
    counts "Claims".

    Counted in, `annotator stats` said "claims: 43" where the dashboard said 41, its labels
    adding up to 43 and its annotators to 41: each decided gold label was counted as a claim
    and again among the gold labels.
    """
    counts = Counter(
        ClaimLabel(claim.label).value for claim in project.iter_claims() if claim.annotator != GOLD_ANNOTATOR
    )
    return {label: counts[label] for label in LABELS}


def agreed_spans(
    project: Project,
    claims: Iterable[Claim] | None = None,
    *,
    match: MatchMode = "exact",
    exact_units: Sequence[Unit] | None = None,
) -> int:
    """The gold labels nobody decided: spans everyone agreed on, as the export takes them
    after a review that matched spans by `match` (`adjudication.agreed_gold`, which takes the
    claims' `exact_units` when they are built already)."""
    found = claims if claims is not None else project.iter_claims()
    decisions = project.gold_decisions()
    agreed = agreed_gold(found, decisions, match=match, exact_units=exact_units)
    return sum(len(spans) for spans in agreed.claims.values())


def local_day(stamp: str) -> str:
    """The day, in this computer's time zone, of a time the store wrote in UTC.

    Counted in UTC, a label made at 21:00 in New York fell on the next day in "Claims
    per day", and a day's work was split over two. A time without a zone is taken as UTC,
    as the store writes; text that is no time (a crafted file's) names its own day.
    """
    try:
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone().date().isoformat()
    except (ValueError, OverflowError, OSError):
        return stamp[:10]


MAX_DAYS = 3660
"""Ten years of days at most on the charts' x axis; a wider span is a file's odd date."""


def every_day(days: Iterable[str]) -> tuple[str, ...]:
    """Every calendar day from the first day with a claim to the last, in order.

    Only the days someone labelled drew a weekend off as no gap at all: Friday's line ran
    straight into Monday's and the cumulative line looked as steady as the work was not.
    Dates that are not ISO days (a crafted file's text) leave the days as the claims name them.
    """
    named = sorted(set(days))
    try:
        first, last = date.fromisoformat(named[0]), date.fromisoformat(named[-1])
        for day in named:
            date.fromisoformat(day)
    except (IndexError, ValueError):
        return tuple(named)
    span = (last - first).days
    if span > MAX_DAYS:
        return tuple(named)
    return tuple((first + timedelta(days=n)).isoformat() for n in range(span + 1))


_MISSED = "missed"  # `suggested_kind` of a quotation a person added (`store.rows.MISSED_QUOTE`)


def preannotation_checks(project: Project) -> tuple[CheckedShare, ...]:
    """How often pre-annotation was right, on what people checked in this project.

    Entities, by type: a suggestion accepted was right, one rejected wrong; an entity a
    person added was missed. Quotations: one a person kept (corrected or confirmed) was
    right to be found, one removed wrong, one added missed; among those kept, whether its
    kind stayed, and, where the person gave a speaker, whether it is the name pre-annotation
    gave (case and spacing aside). The speaker line is `benchmarks/eval_quotes.py`'s "speaker
    accuracy", measured on this project's own text.
    """
    by_label: dict[str, Counter[str]] = defaultdict(Counter)
    for label, status, count in project.entity_checks():
        by_label[label][status] += count
    lines = [
        CheckedShare(
            f"{label} entities",
            checked=counts["accepted"] + counts["rejected"],
            right=counts["accepted"],
            added=counts["added"],
            unchecked=counts["suggested"],
        )
        for label, counts in sorted(by_label.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    ]
    unchecked, rows = project.quote_checks()
    found = kept = kinds_right = added = spoken = speakers_right = 0
    for kind, speaker, model, suggested_kind, suggested_speaker in rows:
        removed = model == QUOTE_REMOVED
        if suggested_kind == _MISSED:
            added += not removed
            continue
        found += 1
        if removed:
            continue
        kept += 1
        kinds_right += kind == suggested_kind
        if speaker is not None:
            spoken += 1
            speakers_right += _same_name(speaker, suggested_speaker)
    if unchecked or rows:
        lines += [
            CheckedShare("Quotations found", checked=found, right=kept, added=added, unchecked=unchecked),
            CheckedShare("Quotation kinds", checked=kept, right=kinds_right),
            CheckedShare("Speakers", checked=spoken, right=speakers_right),
        ]
    return tuple(lines) + _label_lines(project.label_checks())


_CONFIDENCE_BANDS = ((0, 49), (50, 69), (70, 89), (90, 100))
"""The bands of the confidence shown, in whole percents, first and last included."""


def _shown_percent(confidence: float) -> int:
    """The confidence as the window shows it beside a suggestion ("82%"), in whole percents."""
    return int(f"{confidence:.0%}".rstrip("%"))


def _label_lines(checks: list[tuple[str, float, str]]) -> tuple[CheckedShare, ...]:
    """Label suggestions against the labels people gave the same spans, in all and by the
    confidence shown: a reliability table from real use, so "82%" can be checked against how
    often such suggestions were right. People who saw a suggestion may have followed it, so
    these shares are an upper bound on the model's own accuracy.

    Banded by the percent the window showed: by the confidence itself, one of 0.897, shown as
    "90%", counted in "shown 70–89% (mean 90%)"."""
    if not checks:
        return ()
    lines = [CheckedShare("Label suggestions", checked=len(checks), right=sum(s == p for s, _c, p in checks))]
    for low, high in _CONFIDENCE_BANDS:
        band = [(s, c, p) for s, c, p in checks if low <= _shown_percent(c) <= high]
        if band:
            mean = sum(c for _s, c, _p in band) / len(band)
            what = f"  shown {low}–{high}% (mean {mean:.0%})"
            lines.append(CheckedShare(what, checked=len(band), right=sum(s == p for s, _c, p in band)))
    return tuple(lines)


def _same_name(name: str, other: str | None) -> bool:
    return other is not None and " ".join(name.split()).casefold() == " ".join(other.split()).casefold()


def write_html_report(
    project: Project,
    path: str | Path,
    *,
    match: MatchMode = "exact",
    force: bool = False,
    make_folder: bool = False,
) -> Path:
    """Write the HTML report atomically; never over a project or a special file, nor over an
    existing file without `force` (see `services.outputs`).

    With `make_folder`, a missing folder is made: the command line makes it for every other
    output (`export -o`, `import --report`, `release`), and `stats --html reports/june.html`
    alone failed there. The window's save dialog offers only folders that exist."""
    from annotator.formats.report import html_report  # the writer, only when a report is written

    path = Path(path)
    target = check_output(path, project=project.path, force=force)
    stats = team_stats(project, match=match)
    text = html_report(stats, title=f"Annotation report: {project.path.name}")
    atomic_write(target, [text], make_folder=make_folder, what="report")
    return path
