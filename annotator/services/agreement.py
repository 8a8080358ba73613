"""How well people agree: pairwise and team figures on every non-gold claim of a project."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from annotator.core.agreement import (
    AgreementReport,
    MatchMode,
    Scores,
    Span,
    compute_agreement,
)
from annotator.core.bidi import isolated
from annotator.core.model import GOLD_ANNOTATOR, Claim
from annotator.core.text import sentence_spans
from annotator.services.project import Project, store_of
from annotator.store.merge import article_sentences, article_texts

__all__ = ["agreement", "agreement_inputs", "format_agreement"]


def _sentences(project: Project, article_ids: Sequence[int]) -> dict[int, list[Span]]:
    """Pre-annotation's sentences, or a punctuation split for articles never pre-annotated."""
    found = article_sentences(store_of(project))
    missing = [a for a in article_ids if a not in found]
    for article_id, text in article_texts(store_of(project), missing).items():
        found[article_id] = sentence_spans(text)
    return found


def agreement_inputs(
    project: Project, *, match: MatchMode = "exact", claims: Iterable[Claim] | None = None
) -> tuple[list[Claim], dict[int, list[Span]]]:
    """Every non-gold claim, and the sentences relaxed matching needs (none for exact).

    `claims`: the project's claims, read already (`statistics.team_stats` reads them once for
    all its figures); read here without it."""
    found = project.iter_claims() if claims is None else claims
    claims = [c for c in found if c.annotator != GOLD_ANNOTATOR]
    sentences = _sentences(project, sorted({c.article_id for c in claims})) if match == "relaxed" else {}
    return claims, sentences


def agreement(project: Project, *, match: MatchMode = "exact") -> AgreementReport:
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

    # Names isolated (`core.bidi`): an override (U+202E) in one ran on to the end of its line,
    # and turned the names after it, or a pair's figures, round in a terminal that lays out
    # right-to-left text.
    names = ", ".join(isolated(name) for name in report.annotators)
    lines = [f"agreement ({report.match} spans), annotators: {names or 'none'}"]
    lines.append(f"team              {cell(report.team)}")
    for label, scores in report.team_by_label.items():
        lines.append(f"  {label:<15} {cell(scores)}")
    for pair in report.pairs:
        lines.append(f"{' vs '.join(map(isolated, pair.annotators)):<17} {cell(pair.overall)}")
        for label, scores in pair.by_label.items():
            lines.append(f"  {label:<15} {cell(scores)}")
    # The same words as the window's and the report's cells (`core.reports.agreement_cells`):
    # the team's kappa n=37 beside its alpha n=15 said nothing of why they differ.
    said = (
        "n: a pair's kappa and alpha, the spans both marked; the team's kappa, those spans added up "
        "over every pair that has a kappa (a span three people marked is three label pairs); the "
        "team's alpha, the "
        "spans two or more people marked; F1, both people's claims, added up over the pairs for the team. "
        "n/a: nothing to work the figure out on (no article or span in common), or, for kappa and "
        "alpha, one and the same label on every shared span, where chance alone would agree as much."
    )
    lines += ["", *textwrap.wrap(said, 96)]
    return "\n".join(lines)
