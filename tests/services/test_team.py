"""Team work: merge three people's files, agreement against the reference implementations, gold."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import MatchMode
from annotator.core.commands import SetGuidelines, UpdateClaim
from annotator.core.errors import Cancelled, ChangedMeanwhile, UserError
from annotator.core.model import GOLD_ANNOTATOR, Claim, ClaimLabel
from annotator.formats.report import html_report
from annotator.services.adjudication import (
    decide,
    gold_claims,
    gold_holds_a_claim,
    review_items,
    undecide,
    with_stored_decisions,
)
from annotator.services.agreement import agreement
from annotator.services.guidelines import (
    EDIT_GUIDELINES,
    RESET_GUIDELINES,
    default_guidelines,
    guidelines,
    resetting_guidelines,
    set_guidelines,
)
from annotator.services.merging import canonical_dump, merge_files, merge_keeping_a_copy
from annotator.services.project import Project, open_project, store_of
from annotator.services.statistics import agreed_spans, local_day, team_stats
from tests.services.team_data import (
    ANNOTATORS,
    ARTICLES,
    LABELS,
    build_annotator_projects,
    span_of,
    whole_and_half_team,
)

CODES = {"factual": 0, "opinion": 1, "questionable": 2}


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    return build_annotator_projects(tmp_path / "people")


@pytest.fixture
def team_path(tmp_path: Path, sources: list[Path]) -> Path:
    path = tmp_path / "team.db"
    with open_project(path) as team:
        merge_files(team, sources)
    return path


def _reference_kappa(i: int, j: int) -> float:
    both = [(v[i], v[j]) for v in LABELS.values() if v[i] and v[j]]
    return float(cohen_kappa_score([a for a, _ in both], [b for _, b in both]))


def _reference_alpha(coders: tuple[int, ...]) -> float:
    data = [[CODES[v[k]] if v[k] else np.nan for v in LABELS.values()] for k in coders]
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def test_a_merge_says_it_copies_the_team_file_before_it_merges(team_path: Path, sources: list[Path]) -> None:
    """The copy of a large team file took seconds with the bar at 0 % and no name on it."""
    said: list[str] = []
    with open_project(team_path) as team:
        merged = merge_keeping_a_copy(team, sources[:1], progress=lambda d, t, m="": said.append(m))
    assert merged.copy is not None and merged.copy.path.is_file()
    assert said[0] == "Copying team.db into the backups first", said
    assert said[1].startswith(sources[0].name), said


def test_merge_matches_articles_by_hash_and_keeps_annotators(team_path: Path) -> None:
    with open_project(team_path) as team:
        stats = team.stats()
        assert stats.articles == 3
        expected = {name: sum(1 for v in LABELS.values() if v[k]) for k, name in enumerate(ANNOTATORS)}
        assert dict(stats.by_annotator) == expected == {"alice": 14, "bob": 14, "carol": 13}
        assert team.annotators() == ["alice", "bob", "carol"]


def test_agreement_matches_reference_implementations(team_path: Path) -> None:
    with open_project(team_path) as team:
        report = agreement(team, match="exact")
    assert report.annotators == ANNOTATORS
    for (i, a), (j, b) in combinations(enumerate(ANNOTATORS), 2):
        pair = report.pair(a, b)
        both = sum(1 for v in LABELS.values() if v[i] and v[j])
        assert pair.overall.kappa.items == both
        assert pair.overall.kappa.value == pytest.approx(_reference_kappa(i, j), abs=1e-12)
        assert pair.overall.alpha.value == pytest.approx(_reference_alpha((i, j)), abs=1e-12)
        marked = sum(1 for v in LABELS.values() if v[i]) + sum(1 for v in LABELS.values() if v[j])
        assert pair.overall.f1.value == pytest.approx(2 * both / marked)
        assert pair.overall.f1.items == marked
    kappas = [_reference_kappa(i, j) for i, j in combinations(range(3), 2)]
    assert report.team.kappa.value == pytest.approx(sum(kappas) / 3, abs=1e-12)
    assert report.team.alpha.value == pytest.approx(_reference_alpha((0, 1, 2)), abs=1e-12)
    assert report.team.alpha.items == 15  # every span was marked by at least two people
    # Hand-checked anchors, so a wrong reference call cannot hide a wrong implementation.
    # alice and bob both marked 13 spans and agree on 10; marginals F 5/6, O 5/5, Q 3/2:
    # p_o = 130/169, p_e = 61/169, kappa = 69/108.
    assert report.pair("alice", "bob").overall.kappa.items == 13
    assert report.pair("alice", "bob").overall.kappa.value == pytest.approx(69 / 108, abs=1e-12)


def test_agreement_per_label_matches_one_vs_rest_reference(team_path: Path) -> None:
    with open_project(team_path) as team:
        report = agreement(team)
    both = [(v[0], v[1]) for v in LABELS.values() if v[0] and v[1]]
    for label in ("factual", "opinion", "questionable"):
        a = [x == label for x, _ in both]
        b = [y == label for _, y in both]
        figure = report.pair("alice", "bob").by_label[label].kappa
        assert figure.value == pytest.approx(float(cohen_kappa_score(a, b)), abs=1e-12)
        assert figure.items == 13


def test_gold_claims_are_excluded_from_agreement(team_path: Path) -> None:
    with open_project(team_path) as team:
        before = agreement(team).to_dict()
        items = review_items(team)
        decide(team, items[0], "opinion", reviewer="dana")
        assert agreement(team).to_dict() == before
        assert GOLD_ANNOTATOR not in agreement(team).annotators


def test_relaxed_match_pairs_overlapping_spans(tmp_path: Path) -> None:
    from annotator.core.model import ArticleDraft

    text = "Prices rose by ten percent last year. The minister says this is fine."
    with open_project(tmp_path / "p.db") as project:
        article = project.import_drafts([ArticleDraft(text=text, title="t")]).added[0]
        project.add_claim(article, 0, 36, "factual", annotator="alice")
        project.add_claim(article, 0, 25, "factual", annotator="bob")  # 25 of 36 chars
        project.add_claim(article, 37, 69, "opinion", annotator="alice")
        project.add_claim(article, 50, 69, "questionable", annotator="bob")  # same sentence
        exact = agreement(project, match="exact")
        relaxed = agreement(project, match="relaxed")
    assert exact.pair("alice", "bob").overall.kappa.items == 0
    assert exact.pair("alice", "bob").overall.f1.value == 0.0
    assert relaxed.pair("alice", "bob").overall.kappa.items == 2
    assert relaxed.pair("alice", "bob").overall.f1.value == 1.0


def test_relaxed_review_shows_each_unit_only_its_own_decision(tmp_path: Path) -> None:
    """alice's two files cut one sentence at (0, 59) and (4, 59): two overlapping units. Relaxed
    matching gave the first unit's decision to both, and deciding the second deleted the first."""
    from annotator.core.model import ArticleDraft

    text = "The council approved a budget of 4 million euros on Monday. Critics say the plan is a disaster."
    files = []
    for name, (start, end, label, who) in {
        "alice": (0, 59, "opinion", "alice"),
        "alice-laptop": (4, 59, "factual", "alice"),
        "bob": (0, 59, "factual", "bob"),
    }.items():
        with open_project(tmp_path / f"{name}.db") as project:
            article = project.import_drafts([ArticleDraft(text=text, title="A")]).added[0]
            project.add_claim(article, start, end, label, annotator=who)
        files.append(tmp_path / f"{name}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, files)
        first, second = review_items(team, match="relaxed")
        assert (first.span, second.span) == ((0, 59), (4, 59))
        decide(team, first, ClaimLabel.OPINION, reviewer="dana")
        first, second = review_items(team, match="relaxed")
        assert first.decision is not None and first.decision.label is ClaimLabel.OPINION
        assert second.decision is None
        decide(team, second, ClaimLabel.FACTUAL, reviewer="dana")
        assert [(c.start, c.end, c.label) for c in gold_claims(team)] == [
            (0, 59, ClaimLabel.OPINION),
            (4, 59, ClaimLabel.FACTUAL),
        ]
        shown = [
            (i.span, i.decision and (i.decision.start, i.decision.end))
            for i in review_items(team, match="relaxed")
        ]
        assert shown == [((0, 59), (0, 59)), ((4, 59), (4, 59))]
        assert [i.decision for i in with_stored_decisions(team, [first, second], match="relaxed")] == [
            i.decision for i in review_items(team, match="relaxed")
        ]


def test_a_relaxed_review_lists_a_claim_people_labelled_alike_on_other_bounds(tmp_path: Path) -> None:
    """alice marked "... a budget." and bob "... a budget", both factual. The relaxed review hid
    it (their labels agree) and said every disagreement was decided, while gold, which takes one
    span, left the claim out: the gold export lost a claim both people made, without a word.
    It is listed (bob's bounds beside his note), and deciding it puts it in gold."""
    from annotator.core.model import ArticleDraft

    text = "The council approved a budget. Critics say it is bad."
    files = []
    for name, (start, end) in {"alice": (0, 30), "bob": (0, 29)}.items():
        with open_project(tmp_path / f"{name}.db") as project:
            article = project.import_drafts([ArticleDraft(text=text, title="A")]).added[0]
            project.add_claim(article, start, end, "factual", annotator=name)
        files.append(tmp_path / f"{name}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, files)
        (item,) = review_items(team, match="relaxed")
        assert item.span == (0, 29) and set(item.unit.labels.values()) == {"factual"}
        decide(team, item, ClaimLabel.FACTUAL, reviewer="dana")
        assert [(c.start, c.end, c.label) for c in gold_claims(team)] == [(0, 29, ClaimLabel.FACTUAL)]


def test_relaxed_review_finds_a_decision_whose_span_no_unit_has_any_more(tmp_path: Path) -> None:
    """What relaxed matching of decisions is for: the claims were cut again after the review."""
    from annotator.core.model import ArticleDraft

    text = "Prices rose by ten percent last year. The minister says this is fine."
    with open_project(tmp_path / "p.db") as project:
        article = project.import_drafts([ArticleDraft(text=text, title="t")]).added[0]
        alice = project.add_claim(article, 0, 36, "factual", annotator="alice")
        bob = project.add_claim(article, 0, 36, "opinion", annotator="bob")
        (item,) = review_items(project, match="relaxed")
        decide(project, item, ClaimLabel.FACTUAL, reviewer="dana")
        project.delete_claim(alice.id or 0)
        project.add_claim(article, 0, 25, "factual", annotator="alice")
        project.execute(UpdateClaim(bob.id or 0, span=(0, 30)))
        (item,) = review_items(project, match="relaxed")
        assert item.decision is not None and (item.decision.start, item.decision.end) == (0, 36)
        assert review_items(project, match="exact")[0].decision is None


def test_merging_twice_changes_nothing(tmp_path: Path, sources: list[Path], team_path: Path) -> None:
    with open_project(team_path) as team:
        before = canonical_dump(team)
        reports = merge_files(team, sources)
        assert canonical_dump(team) == before
    assert [r.claims_added for r in reports] == [0, 0, 0]
    assert [r.claims_unchanged for r in reports] == [14, 14, 13]
    assert all(not r.conflicts for r in reports)


def test_a_claim_taken_back_in_a_merged_file_is_said_when_it_is_merged_again(
    sources: list[Path], team_path: Path
) -> None:
    """Alice deleted one claim and moved another in her file after it was merged; merged again,
    the report said "1 claim added, 12 already there" and nothing of the two the team file
    still held, which went on counting as her labels in agreement, review and gold. They are
    kept (nothing is deleted by a merge) and listed as conflicts naming where they are."""
    alice = sources[0]
    with open_project(alice) as project:
        first, second = project.claims()[:2]
        project.delete_claim(first.id or 0)
        project.execute(UpdateClaim(second.id or 0, span=(second.start, second.end - 1)))
    with open_project(team_path) as team:
        before = len(team.claims(annotator="alice"))
        (report,) = merge_files(team, [alice])
        assert len(team.claims(annotator="alice")) == before + 1  # nothing is taken out
    assert (report.claims_added, report.claims_unchanged) == (1, 12)
    said = [str(conflict) for conflict in report.conflicts]
    title = ARTICLES[0][0]
    assert said == [
        f"article {title!r}: claim differs (alice's claim at {first.start}..{first.end}: "
        f"team {first.label.value!r}, not in {alice}); kept the team file's value",
        f"article {title!r}: claim differs (alice's claim at {second.start}..{second.end}: "
        f"team {second.label.value!r}, not in {alice}); kept the team file's value",
    ]
    # The others' files never held alice's claims: merging them again says nothing of hers.
    with open_project(team_path) as team:
        assert all(not r.conflicts for r in merge_files(team, sources[1:]))


def test_a_newest_claim_taken_back_is_not_said_to_be_newer_in_the_team_file(
    sources: list[Path], team_path: Path
) -> None:
    """Alice deleted her newest claim after her file was merged; merged again, the report said
    "1 claim newer in the team file kept", which is false: the team file holds a claim she no
    longer has. A deletion leaves no stamp, so the merge cannot tell it from a claim made after
    the file was copied from the team's; it says both, and not "newer"."""
    alice = sources[0]
    # Her newest claim, made a moment after the others: built within one millisecond, two of
    # them shared a stamp, and one taken back then is rightly named as taken back instead.
    time.sleep(0.01)
    with open_project(alice) as project:
        newest = project.add_claim(2, 0, 3, "opinion", annotator="alice")
    with open_project(team_path) as team:
        merge_files(team, [alice])
    with open_project(alice) as project:
        project.delete_claim(newest.id or 0)
    with open_project(team_path) as team:
        (report,) = merge_files(team, [alice])
    said = report.summary()
    assert "newer in the team file" not in said
    assert (report.claims_newer_in_team, report.claims_made_after_source) == (0, 1)
    assert "1 claim not in this file, made after its author's last change there, kept" in said
    assert "(deleted there since, or never in it)" in said
    assert report.to_dict()["claims_made_after_source"] == 1


def test_merge_is_all_or_nothing_on_cancel(sources: list[Path], tmp_path: Path) -> None:
    with open_project(tmp_path / "team.db") as team:
        before = canonical_dump(team)

        def cancel(done: int, total: int, _message: str = "", /) -> None:
            if done == 2:
                raise Cancelled("stop")

        with pytest.raises(Cancelled):
            merge_files(team, sources, progress=cancel)
        assert canonical_dump(team) == before


def test_merge_killed_mid_transaction_leaves_team_file_as_it_was(
    sources: list[Path], team_path: Path, tmp_path: Path
) -> None:
    extra = build_annotator_projects(tmp_path / "more")  # same people again: adds nothing
    with open_project(extra[0]) as project:
        project.add_claim(1, 0, 3, "factual", annotator="erin")
    with open_project(team_path) as team:
        before = canonical_dump(team)
    marker = tmp_path / "inside"
    script = (
        "import sys, time, pathlib\n"
        "from annotator.services.project import open_project\n"
        "from annotator.services.merging import merge_files\n"
        "marker = pathlib.Path(sys.argv[2])\n"
        "def progress(done, total, message=''):\n"
        "    if done == 1:\n"
        "        marker.write_text('in')\n"
        "        time.sleep(60)\n"
        "merge_files(open_project(sys.argv[1]), sys.argv[3:], progress=progress)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(team_path), str(marker), *map(str, extra)],
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the merge process ended before it was killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with open_project(team_path) as team:
        assert team.integrity_check() == "ok"
        assert canonical_dump(team) == before
        assert "erin" not in team.annotators()


def test_review_walks_disagreements_and_stores_gold(team_path: Path) -> None:
    with open_project(team_path) as team:
        items = review_items(team)
        disagreements = [k for k, v in LABELS.items() if len({x for x in v}) > 1]
        assert len(items) == len(disagreements) == 8
        first = items[0]
        assert first.unit.labels == {"alice": "opinion", "bob": "opinion", "carol": "questionable"}
        decided = decide(team, first, ClaimLabel.OPINION, reviewer="dana")
        assert decided.decision is not None and decided.decision.decided_by == "dana"
        decide(team, items[1], None, reviewer="dana")
        gold = gold_claims(team)
        # The first article's sentences everyone agreed on come along; "no claim" (sentence 2) and
        # the undecided sentence 3 do not. The other articles have no decision yet and
        # undecided disagreements: not gold.
        assert first.span == span_of(0, 1)
        assert [(c.start, c.end, c.label, c.annotator) for c in gold] == [
            (*span_of(0, 0), ClaimLabel.FACTUAL, GOLD_ANNOTATOR),
            (*span_of(0, 1), ClaimLabel.OPINION, GOLD_ANNOTATOR),
            (*span_of(0, 4), ClaimLabel.OPINION, GOLD_ANNOTATOR),
        ]
        assert store_of(team).conn.execute(
            "SELECT decided_by FROM claims WHERE annotator = 'gold'"
        ).fetchall() == [("dana",)]
        again = review_items(team)
        assert again[0].decision is not None and again[0].decision.label == ClaimLabel.OPINION
        assert again[1].decision is not None and again[1].decision.label is None
        undecide(team, again[1])
        assert review_items(team)[1].decision is None
        with pytest.raises(UserError):
            decide(team, again[2], "factual", reviewer=" ")


def test_team_stats_and_html_report(team_path: Path) -> None:
    with open_project(team_path) as team:
        stats = team_stats(team)
        page = html_report(stats, title="Report")
    assert stats.annotators == ANNOTATORS
    assert stats.labels["alice"] == {"factual": 6, "opinion": 5, "questionable": 3}
    assert sum(stats.cumulative("carol")[-1:]) == 13
    assert [sum(c.values()) for _, _, c in stats.per_article] == [14, 13, 14]
    assert page.count("<svg") == 4
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page and "<script" not in page and "<link" not in page


def test_team_stats_set_off_no_garbage_collection(team_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard works the figures out in a pool thread, and the collections their objects
    set off walked every object of the process with the window's thread held: on 36,000 claims
    the window stopped answering for 0.4-0.8 s at a time, every refresh. No collection runs
    while they are worked out, and the collector runs again after."""
    collections: list[int] = []
    running: list[bool] = []
    read = Project.iter_claims

    def iter_claims(self: Project) -> Iterator[Claim]:
        running.append(gc.isenabled())
        return read(self)

    monkeypatch.setattr(Project, "iter_claims", iter_claims)

    def heard(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    with open_project(team_path) as team:
        gc.collect()
        gc.callbacks.append(heard)
        try:
            stats = team_stats(team)
        finally:
            gc.callbacks.remove(heard)
    assert collections == []
    assert running and not any(running)
    assert gc.isenabled()
    assert stats.claims == 41


@pytest.mark.parametrize("match", ["exact", "relaxed"])
def test_team_stats_are_the_figures_each_service_gives_alone(team_path: Path, match: MatchMode) -> None:
    """The dashboard's figures come from one read of the claims, and agreement's units serve
    the agreed spans too: the same figures as agreement, the agreed spans and the project's
    counts, each worked out on its own read."""
    with open_project(team_path) as team:
        items = review_items(team, match=match)
        decide(team, items[0], "opinion", reviewer="dana")
        decide(team, items[1], None, reviewer="dana")
        stats = team_stats(team, match=match)
        alone = agreement(team, match=match)
        agreed = agreed_spans(team, match=match)
        counts = team.stats()
    assert stats.agreement == replace(alone, by_article={})  # the team's and every pair's, per label
    assert stats.agreement.team.kappa.items > 0 and stats.agreement.pairs
    assert stats.agreed == agreed > 0
    assert (stats.gold, stats.no_claim) == (1, 1)
    assert stats.articles == counts.articles == 3
    assert stats.claims == counts.claims - counts.by_annotator[GOLD_ANNOTATOR] == 41


def test_cli_merge_agreement_and_html_stats(
    tmp_path: Path, sources: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from annotator.cli import main

    team = tmp_path / "cli-team.db"
    assert main(["merge", str(team), *map(str, sources), "--json"]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert [r["claims_added"] for r in merged] == [14, 14, 13]
    assert [r["articles_added"] for r in merged] == [3, 0, 0]
    assert main(["agreement", str(team), "--json", "--match", "relaxed"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["match"] == "relaxed"
    assert report["team"]["alpha"]["value"] == pytest.approx(_reference_alpha((0, 1, 2)), abs=1e-12)
    assert main(["agreement", str(team)]) == 0
    table = capsys.readouterr().out
    assert "alice vs bob" in table
    assert (
        "n: a pair's kappa and alpha, the spans both marked; the team's kappa" in table
    )  # what each n counts
    page = tmp_path / "report.html"
    assert main(["stats", str(team), "--html", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(SystemExit) as refused:  # a usage error, seen before the team file opens
        main(["merge", str(team), str(team)])
    assert refused.value.code == 2
    assert "a project cannot be merged into itself" in capsys.readouterr().err


def test_merge_cancel_is_asked_per_article_and_rolls_back(sources: list[Path], tmp_path: Path) -> None:
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2  # inside the first file, after its first article

    with open_project(tmp_path / "team.db") as team:
        before = canonical_dump(team)
        with pytest.raises(Cancelled):
            merge_files(team, sources, cancel=cancel)
        assert canonical_dump(team) == before
        assert team.stats().articles == 0
    assert len(asked) == 3


@pytest.mark.parametrize("chart", ["line", "bar"])
def test_html_report_chart_ticks_are_whole_numbers(chart: str) -> None:
    import re

    from annotator.formats.report import svg_bar_chart, svg_line_chart

    series = {"alice": [1, 3], "bob": [2, 0]}  # axis top 3: four intervals would tick at 0.75
    if chart == "line":
        svg = svg_line_chart("Claims", ["2026-01-01", "2026-01-02"], series)
    else:
        svg = svg_bar_chart("Claims", ["a", "b"], series)
    ticks = re.findall(r'text-anchor="end">([^<]*)</text>', svg)
    assert ticks == ["0", "1", "2", "3"]


def test_a_decision_changed_after_the_people_recut_their_claims_replaces_the_first(tmp_path: Path) -> None:
    text = "Prices rose by ten percent last year. The minister says this is fine."
    with open_project(tmp_path / "p.db") as project:
        [article] = project.import_texts([text]).added
        alice = project.add_claim(article, 0, 36, "factual", annotator="alice")
        bob = project.add_claim(article, 0, 36, "opinion", annotator="bob")
        (item,) = review_items(project, match="relaxed")
        decide(project, item, ClaimLabel.FACTUAL, reviewer="dana")
        project.execute(UpdateClaim(alice.id, span=(0, 25)))
        project.execute(UpdateClaim(bob.id, span=(0, 30)))
        (item,) = review_items(project, match="relaxed")
        decide(project, item, ClaimLabel.OPINION, reviewer="dana")  # she changes her mind
        assert [(c.start, c.end, c.label) for c in gold_claims(project)] == [(0, 25, ClaimLabel.OPINION)]


def test_claims_per_day_count_the_days_nobody_labelled(team_path: Path) -> None:
    """A weekend without labels is a 0 on the chart, not a day the line skips."""
    with open_project(team_path) as team:
        with store_of(team).transaction():
            store_of(team).conn.execute(
                "UPDATE claims SET created_at = CASE WHEN id % 2 THEN '2024-05-03T16:00:00Z'"
                " ELSE '2024-05-06T09:00:00Z' END"
            )
        stats = team_stats(team)
    assert stats.days == ("2024-05-03", "2024-05-04", "2024-05-05", "2024-05-06")
    for name in ANNOTATORS:
        friday, saturday, sunday, monday = stats.per_day[name]
        assert saturday == sunday == 0 and friday + monday == stats.cumulative(name)[-1]


def test_claims_per_day_are_counted_in_local_time(team_path: Path, new_york_clock: str) -> None:
    """A label made at 21:00 in New York (01:00 UTC the next day) counts on the day it was made."""
    with open_project(team_path) as team:
        with store_of(team).transaction():
            store_of(team).conn.execute(
                "UPDATE claims SET created_at = CASE WHEN id % 2 THEN '2024-05-04T01:00:00.000Z'"
                " ELSE '2024-05-03T13:00:00.000Z' END"
            )
        stats = team_stats(team)
        page = html_report(stats, title="Report")
    assert stats.days == ("2024-05-03",)
    assert {name: counts for name, counts in stats.per_day.items()} == {
        name: (stats.cumulative(name)[-1],) for name in ANNOTATORS
    }
    assert f"Claims per day (local time, {new_york_clock})" in page
    # A time without a zone is the store's UTC; what cannot be moved to New York names its own day.
    assert local_day("2024-05-04T01:00:00") == "2024-05-03"
    assert [local_day(odd) for odd in ("0001-01-01T00:00:00Z", "soon")] == ["0001-01-01", "soon"]


def test_claims_per_day_of_a_file_with_odd_dates_still_count(team_path: Path) -> None:
    """A crafted file's dates are text: the days fall back to those the claims name."""
    with open_project(team_path) as team:
        with store_of(team).transaction():
            store_of(team).conn.execute(
                "UPDATE claims SET created_at = CASE WHEN id % 2 THEN '0001-01-01T00:00:00Z' ELSE 'soon' END"
            )
        stats = team_stats(team)
    assert stats.days == ("0001-01-01", "soon")


def test_has_agreed_span_is_true_whenever_undecided_gold_holds_a_span(tmp_path: Path) -> None:
    """The window offers Gold labels from this one query (with no decision): it must be true
    whenever gold holds an agreed span, and false where two annotators never labelled alike."""
    from annotator.core.model import ArticleDraft
    from annotator.store.merge import set_gold

    text = "The mayor said taxes will rise. Critics call it a disgrace. Nobody knows why."
    with open_project(tmp_path / "p.db") as project:
        (article,) = project.import_drafts([ArticleDraft(text=text, title="t")]).added
        assert not project.has_agreed_span() and not gold_claims(project)
        project.add_claim(article, 0, 31, "factual", annotator="alice")
        project.add_claim(article, 0, 31, "opinion", annotator="bob")
        set_gold(store_of(project), article, 32, 59, ClaimLabel.OPINION, reviewer="dana")
        project.add_claim(article, 32, 59, "opinion", annotator="carol")  # alike with gold only
        project.add_claim(article, 60, 77, "questionable", annotator="alice")
        project.add_claim(article, 60, 77, "factual", annotator="bob")
        assert not project.has_agreed_span()
        project.add_claim(article, 0, 31, "factual", annotator="carol")  # alice and carol agree
        assert project.has_agreed_span()
    with open_project(tmp_path / "q.db") as project:
        (article,) = project.import_drafts([ArticleDraft(text=text, title="t")]).added
        project.add_claim(article, 0, 31, "factual", annotator="alice")
        project.add_claim(article, 0, 31, "factual", annotator="bob")
        assert not project.gold_decisions() and gold_claims(project)
        assert project.has_agreed_span()


def test_shares_an_article_is_whether_two_people_labelled_one_article(tmp_path: Path) -> None:
    """The review tells a team that split its articles from one that agrees by this query: a
    reviewer's gold label beside one person's claims is no second person."""
    from annotator.core.model import ArticleDraft
    from annotator.store.merge import set_gold

    text = "The mayor said taxes will rise. Critics call it a disgrace."
    with open_project(tmp_path / "p.db") as project:
        first, second = project.import_drafts(
            [ArticleDraft(text=text, title="t"), ArticleDraft(text=text + " More.", title="u")]
        ).added
        assert not project.shares_an_article()
        project.add_claim(first, 0, 31, "factual", annotator="alice")
        project.add_claim(second, 0, 31, "factual", annotator="bob")
        set_gold(store_of(project), first, 32, 59, ClaimLabel.OPINION, reviewer="dana")
        assert not project.shares_an_article()
        project.add_claim(first, 32, 59, "opinion", annotator="bob")
        assert project.shares_an_article()


def test_claim_authors_names_who_owns_a_claim_now_gold_included(tmp_path: Path) -> None:
    """The release dialog opens on All where one person owns every claim: a name whose claims
    were all deleted stays in the `annotators` table but owns nothing, so it must not count."""
    from annotator.core.model import ArticleDraft
    from annotator.store.merge import set_gold

    text = "The mayor said taxes will rise. Critics call it a disgrace."
    with open_project(tmp_path / "p.db") as project:
        (article,) = project.import_drafts([ArticleDraft(text=text, title="t")]).added
        assert project.claim_authors() == []
        project.add_claim(article, 0, 31, "factual", annotator="alice")
        trial = project.add_claim(article, 32, 59, "opinion", annotator="bob")
        assert project.claim_authors() == ["alice", "bob"]
        project.delete_claim(trial.id)
        assert project.claim_authors() == ["alice"] and "bob" in project.annotators()
        set_gold(store_of(project), article, 0, 31, ClaimLabel.OPINION, reviewer="dana")
        assert project.claim_authors() == ["alice", GOLD_ANNOTATOR]


def test_html_report_counts_read_as_words(tmp_path: Path) -> None:
    """A one-article report said "1 articles", and an empty one "by 0 annotators ()"."""
    from annotator.core.model import ArticleDraft

    with open_project(tmp_path / "empty.annotator.db") as empty:
        page = html_report(team_stats(empty), title="Report")
    assert "<p>0 articles, 0 claims by 0 annotators;" in page
    with open_project(tmp_path / "one.annotator.db") as one:
        one.import_drafts([ArticleDraft(title="T", text="The sky is green.", source="s")])
        page = html_report(team_stats(one), title="Report")
    assert "<p>1 article, 0 claims by 0 annotators;" in page


def test_a_relaxed_review_settled_as_no_claim_keeps_the_article_s_agreed_spans_in_gold(
    tmp_path: Path,
) -> None:
    """Five people labelled the first sentence factual alike; three marked the mayor's sentence
    questionable whole and two only its second half. The relaxed review showed that as one
    disagreement, and the lead settled it as "no claim": the review said all was decided, yet
    gold held nothing of the article, its agreed sentence left out, as if the two halves were a
    second disagreement nobody had decided."""
    from annotator.core.model import ArticleDraft

    title, text = ARTICLES[0]
    agreed, mayor = span_of(0, 0), span_of(0, 2)
    half = (text.index("unemployment"), mayor[1])
    people = []
    for name in ("alice", "bob", "carol", "dan", "eve"):
        with open_project(tmp_path / f"{name}.db") as own:
            (article,) = own.import_drafts([ArticleDraft(text=text, title=title)]).added
            own.add_claim(article, *agreed, "factual", annotator=name)
            own.add_claim(
                article, *(half if name in ("carol", "dan") else mayor), "questionable", annotator=name
            )
        people.append(tmp_path / f"{name}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, people)
        (item,) = review_items(team, match="relaxed")
        decide(team, item, None, reviewer="lead")
        assert [i.decision is not None for i in review_items(team, match="relaxed")] == [True]
        gold = gold_claims(team, match="relaxed")
    assert [(c.start, c.end, c.label.value) for c in gold] == [(*agreed, "factual")]


@pytest.mark.parametrize("label", ["questionable", None])
def test_an_exact_review_s_half_left_open_stays_undecided_in_gold_the_dashboard_and_the_card(
    tmp_path: Path, label: str | None
) -> None:
    """The exact review lists alice's whole sentence and bob's half of it as two disagreements;
    the lead decided the whole only, and the review still said one was undecided. Gold took the
    half as settled by the decision on words it overlaps, as the relaxed review matches them:
    the card counted no undecided span, and after "no claim" the export, the dashboard and the
    release held the article's agreed sentence while its disagreement was open. Now gold
    counts as undecided what the review showed, in the mode that review matched spans by."""
    from annotator.core.errors import NoGoldLabelsError
    from annotator.services.exporting import ExportOptions, export
    from annotator.services.release import ReleaseOptions, plan_release
    from annotator.services.statistics import agreed_spans

    path, agreed, whole, half = whole_and_half_team(tmp_path)
    with open_project(path, create=False) as team:
        assert [i.span for i in review_items(team, match="exact")] == [whole, half]
        (item,) = [i for i in review_items(team, match="exact") if i.span == whole]
        decide(team, item, label, reviewer="lead")
        open_spans = [i.span for i in review_items(team, match="exact") if i.decision is None]
        assert open_spans == [half]
        # An article with an open disagreement counts only with a gold label (the README's rule).
        exact = plan_release(team, ReleaseOptions(labels="gold"))
        gold = [(c.start, c.end) for c in gold_claims(team)]
        assert gold == ([agreed, whole] if label else [])
        assert agreed_spans(team) == team_stats(team).agreed == exact.gold_agreed == (1 if label else 0)
        assert gold_holds_a_claim(team) == bool(label)
        if not label:
            with pytest.raises(NoGoldLabelsError):
                export(team, tmp_path / "exact.jsonl", options=ExportOptions(gold=True))
        else:
            assert export(team, tmp_path / "exact.jsonl", options=ExportOptions(gold=True)).claims == 2
        if label:  # the card counts undecided spans in the articles it releases
            assert exact.gold_undecided == len(open_spans) == 1
        # Reviewed relaxed, the whole and the half are one disagreement, decided.
        assert [i.decision is not None for i in review_items(team, match="relaxed")] == [True]
        relaxed = plan_release(team, ReleaseOptions(labels="gold", match="relaxed"))
        gold = [(c.start, c.end) for c in gold_claims(team, match="relaxed")]
        assert gold == [agreed, *([whole] if label else [])]
        assert agreed_spans(team, match="relaxed") == team_stats(team, match="relaxed").agreed == 1
        assert (relaxed.gold_agreed, relaxed.gold_undecided) == (1, 0)
        relaxed_export = ExportOptions(gold=True, match="relaxed")
        assert export(team, tmp_path / "relaxed.jsonl", options=relaxed_export).claims == len(gold)


def test_a_copy_of_the_team_file_sent_back_lists_only_what_changed_on_both_sides(
    sources: list[Path], team_path: Path, tmp_path: Path
) -> None:
    """A team's round trip: the lead sends bob a copy of the team file, bob relabels one of his
    claims and adds one there; meanwhile alice relabels one of hers and adds one in her own file,
    which the lead merges. Alice's newer label stayed out of the team file as a "conflict", and
    bob's copy back listed alice's newer claim as taken back and his own newer label as a
    conflict: every "conflict" was a claim changed on one side only, and the team file kept the
    older labels. A claim changed on one side goes in (the newer one wins: only its author ever
    changes it), a claim older in the source than in the team file stays as the team has it,
    and the report counts both."""
    alice = sources[0]
    bobs_copy = tmp_path / "team for bob.db"
    with open_project(team_path) as team:
        team.save_copy(bobs_copy)
    time.sleep(0.01)
    with open_project(bobs_copy) as copy:
        bobs = copy.claims(annotator="bob")[0]
        copy.execute(UpdateClaim(bobs.id or 0, label=ClaimLabel.QUESTIONABLE))
        start, end = span_of(0, 3)  # the sentence bob had left unmarked
        copy.add_claim(bobs.article_id, start, end, "opinion", annotator="bob")
    time.sleep(0.01)
    with open_project(alice) as project:
        alices = project.claims()[0]
        project.execute(UpdateClaim(alices.id or 0, label=ClaimLabel.OPINION))
        start, end = span_of(1, 4)  # the sentence alice had left unmarked
        project.add_claim(project.article_ids()[1], start, end, "factual", annotator="alice")
    with open_project(team_path) as team:
        (from_alice,) = merge_files(team, [alice])
        (from_bob,) = merge_files(team, [bobs_copy])
        labels = {(c.annotator, c.start, c.end, c.article_id): c.label.value for c in team.claims()}
        assert len(labels) == 41 + 2
    assert not from_alice.conflicts and not from_bob.conflicts
    assert (from_alice.claims_added, from_alice.claims_updated, from_alice.claims_unchanged) == (1, 1, 13)
    # Alice's relabelled claim, older in bob's copy, and her claim added after he got it.
    assert (from_bob.claims_added, from_bob.claims_updated, from_bob.claims_newer_in_team) == (1, 1, 1)
    assert from_bob.claims_made_after_source == 1
    assert from_bob.claims_unchanged == 42 - 1 - 1 - 1
    assert labels[("alice", alices.start, alices.end, alices.article_id)] == "opinion"
    assert labels[("bob", bobs.start, bobs.end, bobs.article_id)] == "questionable"
    assert "1 claim updated to this file's newer version" in from_bob.summary()
    assert "1 claim newer in the team file kept" in from_bob.summary()
    assert "1 claim not in this file, made after its author's last change there, kept" in from_bob.summary()


def test_a_relabel_after_the_clock_was_put_back_still_reaches_the_team_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alice's laptop clock ran a year ahead when she labelled; the team merged her file, her
    clock was put right, and she relabelled a claim. Her relabel was stamped before the version
    the team held, so the merge kept the old label and reported the team's as "newer": her
    work never reached the team file. A change is stamped after the version it replaces."""
    from annotator.store import project_store

    right = project_store.now_iso
    monkeypatch.setattr(project_store, "now_iso", lambda: "2027-12-07T10:00:00.000Z")
    sources = build_annotator_projects(tmp_path / "people")
    alice, team_path = sources[0], tmp_path / "team.db"
    with open_project(team_path) as team:
        merge_files(team, sources)
    monkeypatch.setattr(project_store, "now_iso", right)
    with open_project(alice) as project:
        alices = project.claims()[0]
        where = (project.article(alices.article_id).content_hash, alices.start, alices.end)
        relabel = ClaimLabel.OPINION if alices.label != ClaimLabel.OPINION else ClaimLabel.FACTUAL
        project.execute(UpdateClaim(alices.id or 0, label=relabel))
    with open_project(team_path) as team:
        (report,) = merge_files(team, [alice])
        (kept,) = [
            c
            for c in team.claims(annotator="alice")
            if (team.article(c.article_id).content_hash, c.start, c.end) == where
        ]
    assert (report.claims_updated, report.claims_newer_in_team) == (1, 0)
    assert kept.label == relabel


def test_a_merge_names_the_claims_of_a_laptop_whose_clock_ran_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bob's laptop clock ran a year ahead: his claims came into the team file dated next year,
    "Claims per day" drew them on days to come and the release card dated its labels by them,
    and the merge said nothing of it. It names them, so the coordinator knows why."""
    from datetime import UTC, datetime, timedelta

    from annotator.store import project_store

    ahead = (datetime.now(UTC) + timedelta(days=365)).isoformat(timespec="milliseconds")
    right = project_store.now_iso
    alice, bob, carol = build_annotator_projects(tmp_path / "people")
    monkeypatch.setattr(project_store, "now_iso", lambda: ahead.replace("+00:00", "Z"))
    with open_project(bob) as project:
        project.add_claim(project.article_ids()[0], *span_of(0, 3), "opinion", annotator="bob")
    monkeypatch.setattr(project_store, "now_iso", right)
    with open_project(tmp_path / "team.db") as team:
        reports = merge_files(team, [alice, bob, carol])
    assert [report.claims_dated_ahead for report in reports] == [0, 1, 0]
    assert "1 claim dated ahead of this computer's clock" in reports[1].summary()
    assert "clock" not in reports[0].summary()
    assert (
        reports[1].to_dict()["claims_dated_ahead"] == 1 and "claims_dated_ahead" not in reports[0].to_dict()
    )


def test_guidelines_saved_unchanged_from_the_defaults_are_no_conflict(
    sources: list[Path], tmp_path: Path
) -> None:
    """Alice opened the guidelines, read them and pressed Save: her file stored the shipped ones
    word for word. Merged into a team file showing those same defaults, the report said her file
    "has other guidelines; open both and copy what you want by hand", and both read the same."""
    alice = sources[0]
    with open_project(alice) as project:
        set_guidelines(project, default_guidelines(), was=guidelines(project))
    with open_project(tmp_path / "team.db") as team:
        (report,) = merge_files(team, [alice])
        assert guidelines(team) == default_guidelines()
    assert not report.conflicts


def test_resetting_the_guidelines_is_undone_and_redone_as_the_row_was_and_never_over_another_save(
    tmp_path: Path,
) -> None:
    """Reset to the shipped guidelines is one edit: undone, the project holds its own text again
    (or none, as it had); an undo or redo after another window saved new guidelines is refused
    and leaves theirs, as any step whose row changed meanwhile is."""
    path = tmp_path / "team.db"
    ours, theirs = "# Ours\n\nA claim needs a source.", "# Theirs\n\nA claim needs two sources."
    with open_project(path) as project:
        with pytest.raises(UserError, match="shipped ones already"):
            resetting_guidelines(project)
        set_guidelines(project, ours)
        with pytest.raises(ChangedMeanwhile):
            resetting_guidelines(project, was=default_guidelines())  # not what the person saw
        reset = resetting_guidelines(project, was=ours)
        assert project.execute(reset).guidelines
        assert project.get_meta("guidelines") == default_guidelines()
        assert project.revert(reset).guidelines
        assert project.get_meta("guidelines") == ours
        project.execute(reset)  # redo
        with open_project(path, create=False) as other:
            set_guidelines(other, theirs)
        with pytest.raises(ChangedMeanwhile):
            project.revert(reset)
        assert project.get_meta("guidelines") == theirs
        assert reset.rows() == frozenset({("meta", "guidelines")})
        assert reset.description == RESET_GUIDELINES

    # Set on a project without guidelines of its own, its undo takes the row away again.
    with open_project(tmp_path / "new.db") as project:
        first = SetGuidelines(ours, None, description=EDIT_GUIDELINES)
        project.execute(first)
        assert guidelines(project) == ours
        project.revert(first)
        assert project.get_meta("guidelines") is None and guidelines(project) == default_guidelines()


def test_a_guidelines_step_is_named_by_whoever_makes_it_never_a_reset_by_default() -> None:
    """A step saving any text was called "Reset the guidelines to the shipped ones" on the
    history when made without a description: only its maker knows whether it is a reset."""
    with pytest.raises(TypeError, match="description"):
        SetGuidelines("# Ours\n\nA claim needs a source.", None)  # type: ignore[call-arg]
    assert SetGuidelines("# Ours", None, description=EDIT_GUIDELINES).description == "Edit guidelines"


SPANS = [(0, 31), (0, 12), (32, 59), (60, 77)]
CLAIM_LABELS = ["factual", "opinion"]
_one_claim = st.tuples(
    st.integers(0, 1),
    st.sampled_from(["alice", "bob", "carol"]),
    st.sampled_from(SPANS),
    st.sampled_from(CLAIM_LABELS),
)
_one_decision = st.tuples(st.integers(0, 1), st.sampled_from(SPANS), st.sampled_from([None, *CLAIM_LABELS]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claims=st.lists(_one_claim, max_size=9), decisions=st.lists(_one_decision, max_size=3))
def test_the_gold_offer_is_exactly_whether_the_gold_export_holds_a_claim(
    tmp_path: Path,
    claims: list[tuple[int, str, tuple[int, int], str]],
    decisions: list[tuple[int, tuple[int, int], str | None]],
) -> None:
    """The window offers Gold labels when `gold_holds_a_claim` says so, without working gold out:
    its answer must be the export's, for decisions that settle a disagreement or not, spans
    labelled alike in an article with an open disagreement, and one person's two claims on one
    span (which the units count once)."""
    from annotator.core.model import ArticleDraft
    from annotator.store.merge import set_gold

    text = "The mayor said taxes will rise. Critics call it a disgrace. Nobody knows why."
    path = tmp_path / "offer.annotator.db"
    path.unlink(missing_ok=True)
    with open_project(path) as project:
        ids = project.import_drafts([ArticleDraft(text=f"{text} {n}", title="t") for n in range(2)]).added
        for article, name, (start, end), label in claims:
            project.add_claim(ids[article], start, end, label, annotator=name)
        for article, (start, end), label in decisions:
            chosen = ClaimLabel(label) if label is not None else None
            set_gold(store_of(project), ids[article], start, end, chosen, reviewer="dana")
        for match in ("exact", "relaxed"):
            assert gold_holds_a_claim(project, match=match) == bool(gold_claims(project, match=match))


def test_the_gold_offer_rules_out_an_open_disagreement_beside_a_no_claim_without_working_gold_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A "no claim" on one span of every article, each still with a disagreement open on
    another: the exact review shows every article undecided, so gold holds nothing. The offer
    worked every article out as the export does, for the store ruled out only articles without
    any decision: 5.8 s on 10,000 articles, on the window's thread, before the Export dialog
    opened. Under exact matching the store now rules out an article by a disagreement with no
    decision at its own span; once that span is decided, the article is worked out again."""
    from annotator.core.model import ArticleDraft
    from annotator.services import adjudication
    from annotator.store.merge import set_gold

    text = "The mayor said taxes will rise. Critics call it a disgrace. Nobody knows why."
    agreed, disputed, elsewhere = (0, 31), (32, 59), (60, 77)
    worked_out: list[int] = []
    real_agreed_gold = adjudication.agreed_gold

    def counting(claims: list[object], *args: object, **kwargs: object) -> adjudication.AgreedGold:
        worked_out.append(len(claims))
        return real_agreed_gold(claims, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(adjudication, "agreed_gold", counting)
    with open_project(tmp_path / "team.annotator.db") as project:
        ids = project.import_drafts([ArticleDraft(text=f"{text} {n}", title="t") for n in range(3)]).added
        for article in ids:
            for name, label in (("alice", "factual"), ("bob", "opinion")):
                project.add_claim(article, *agreed, "factual", annotator=name)
                project.add_claim(article, *disputed, label, annotator=name)
            set_gold(store_of(project), article, *elsewhere, None, reviewer="dana")
        assert gold_holds_a_claim(project) is False
        assert worked_out == [], "articles the store could rule out were worked out one by one"
        assert gold_holds_a_claim(project, match="relaxed") is bool(gold_claims(project, match="relaxed"))
        set_gold(store_of(project), ids[-1], *disputed, None, reviewer="dana")  # settled: gold takes it
        worked_out.clear()
        assert gold_holds_a_claim(project) is True
        assert gold_holds_a_claim(project) == bool(gold_claims(project))
        assert worked_out[0] > 0


def test_a_relaxed_review_s_one_open_disagreement_is_one_undecided_span_on_the_card(tmp_path: Path) -> None:
    """alice marked the mayor's sentence whole, bob its second half, carol its first words: the
    relaxed review shows them as one disagreement, still open, beside the first sentence it
    decided. The card, released after that review, said three spans were undecided, one a
    person's: it counted exact spans, each settled only by a decision on words it overlaps."""
    from annotator.core.model import ArticleDraft
    from annotator.services.release import ReleaseOptions, plan_release

    title, text = ARTICLES[0]
    first, whole = span_of(0, 0), span_of(0, 2)
    marked = {
        "alice": whole,
        "bob": (text.index("unemployment"), whole[1]),
        "carol": (whole[0], text.index(" unemployment")),
    }
    people = []
    for name, span in marked.items():
        with open_project(tmp_path / f"{name}.db") as own:
            (article,) = own.import_drafts([ArticleDraft(text=text, title=title)]).added
            own.add_claim(article, *first, "opinion" if name == "bob" else "factual", annotator=name)
            own.add_claim(article, *span, "questionable", annotator=name)
        people.append(tmp_path / f"{name}.db")
    with open_project(tmp_path / "team.db") as team:
        merge_files(team, people)
        items = review_items(team, match="relaxed")
        assert len(items) == 2 and items[0].span == first  # the mayor's sentence is one
        decide(team, items[0], "factual", reviewer="lead")
        still_open = [i for i in review_items(team, match="relaxed") if i.decision is None]
        plan = plan_release(team, ReleaseOptions(labels="gold", match="relaxed"))
    assert plan.gold_undecided == len(still_open) == 1


def people_who_named_berlin(folder: Path) -> list[Path]:
    """alice.db, bob.db and carol.db, each with one claim of its person on one article: alice
    added "Berlin" as ORG, bob as GPE, and carol rejected pre-annotation's ORG there."""
    from annotator.core.commands import AddEntity, SetEntityStatus
    from annotator.core.model import Analysis, ArticleDraft, Entity, EntityStatus, PipelineInfo

    text = "Berlin said on Monday that taxes rise. Critics call it a scandal."
    files = []
    for name, label in (("alice", "ORG"), ("bob", "GPE"), ("carol", "ORG")):
        with open_project(folder / f"{name}.db") as own:
            (article,) = own.import_drafts([ArticleDraft(text=text, title="Taxes")]).added
            own.add_claim(article, 0, 38, "factual", annotator=name)
            if name == "carol":
                store_of(own).save_analysis(
                    article, Analysis(PipelineInfo("test", "1"), entities=(Entity(0, 6, label),))
                )
                own.execute(SetEntityStatus(own.entities(article)[0].id or 0, EntityStatus.REJECTED))
            else:
                own.execute(AddEntity(article, Entity(0, 6, label, EntityStatus.ADDED)))
        files.append(folder / f"{name}.db")
    return files


def test_people_s_contradicting_entity_decisions_are_conflicts_naming_both_files_and_people(
    tmp_path: Path,
) -> None:
    """Merged together, alice's ORG and bob's GPE on "Berlin" both came in, a place and an
    organisation at once in every export, and the report said nothing; carol's rejection of the
    ORG was a conflict of "team" against "source", which told the lead nobody to ask."""
    alice, bob, carol = people_who_named_berlin(tmp_path)
    with open_project(tmp_path / "team.db") as team:
        reports = merge_files(team, [alice, bob, carol])
        (article,) = team.article_ids()
        assert [(e.label, e.status.value) for e in team.entities(article)] == [("ORG", "added")]
    assert [str(c) for r in reports for c in r.conflicts] == [
        "article 'Taxes': entity differs"
        f" ('Berlin' at 0..6: {alice} (alice) has it as ORG (added), {bob} (bob) as GPE (added));"
        " kept the team file's value",
        "article 'Taxes': entity differs"
        f" (ORG 'Berlin' at 0..6: {alice} (alice) has it added, {carol} (carol) rejected);"
        " kept the team file's value",
    ]
    assert reports[1].summary().endswith("; 1 conflict")
