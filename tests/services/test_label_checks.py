"""Label suggestions as people checked them: the label and confidence a trained model showed
for a span are recorded when a person makes a claim there, and the figures compare them with
the person's label now, in all and by the confidence shown (issue 15: does "82%" mean 82 %?).
Only a suggestion the window showed is recorded: not one below the person's threshold, nor
beside a claim a script made."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.commands import AddClaim, DeleteClaim, UpdateClaim
from annotator.core.errors import ProjectFileError
from annotator.core.model import GOLD_ANNOTATOR, ArticleDraft, Claim, ClaimLabel, LabelCheck
from annotator.core.suggestions import Suggestion
from annotator.services.project import Project
from annotator.services.statistics import CheckedShare, preannotation_checks
from annotator.store import ProjectStore
from annotator.store.merge import merge_project
from annotator.store.suggestions import replace_suggestions, save_model
from tests.security.conftest import run_cli

# Sentences with an emoji and an accent before them, so code points and UTF-16 units differ.
TEXT = "🙂 Café prices rose 4% in May. This is a disgrace. Officials say more rises come. Maybe."
SENTENCES = [(TEXT.index(s), TEXT.index(s) + len(s)) for s in ("Café", "This", "Officials")]
SENTENCES = [(start, TEXT.index(".", start) + 1) for start, _ in SENTENCES]


def _project(path: Path) -> ProjectStore:
    store = ProjectStore(path)
    store.import_drafts([ArticleDraft(text=TEXT, title="Prices")])
    model = save_model(
        store,
        labels=["factual", "opinion"],
        architecture="test",
        spacy_version="3",
        config="{}",
        weights=b"",
        evaluation={"macro_f1": 0.5},
    )
    replace_suggestions(
        store,
        model.id,
        [
            Suggestion(1, start, end, ClaimLabel(label), confidence, 1 - confidence, model.id)
            for (start, end), (label, confidence) in zip(SENTENCES, SUGGESTED, strict=True)
        ],
    )
    return store


SUGGESTED = [("factual", 0.95), ("factual", 0.62), ("opinion", 0.81)]


def _claim(store: ProjectStore, span: tuple[int, int], label: str, annotator: str = "ana") -> AddClaim:
    """A claim made in the window where the span's suggestion was shown (threshold 0)."""
    shown = dict(zip(SENTENCES, SUGGESTED, strict=True)).get(span)
    check = LabelCheck(ClaimLabel(shown[0]), shown[1]) if shown is not None else None
    command = AddClaim(Claim(1, span[0], span[1], ClaimLabel(label), annotator), shown=check)
    store.execute(command)
    return command


def _lines(path: Path) -> dict[str, CheckedShare]:
    with Project(path, create=False) as project:
        return {line.what.strip(): line for line in preannotation_checks(project)}


def test_suggestions_are_compared_with_the_labels_people_settle_on(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db") as store:
        _claim(store, SENTENCES[0], "factual")  # agrees, shown at 95 %
        second = _claim(store, SENTENCES[1], "factual")  # agrees at first, shown at 62 %
        _claim(store, SENTENCES[2], "factual")  # disagrees, shown at 81 %
        _claim(store, SENTENCES[2], "opinion", annotator="bo")  # a second person agrees
        _claim(store, SENTENCES[0], "factual", annotator=GOLD_ANNOTATOR)  # a review: not counted
        _claim(store, (0, 6), "opinion")  # no suggestion for this span
        assert second.created is not None and second.created.id is not None
        store.execute(UpdateClaim(second.created.id, label=ClaimLabel.OPINION))  # changed their mind
    lines = _lines(tmp_path / "p.db")
    assert lines["Label suggestions"] == CheckedShare("Label suggestions", checked=4, right=2)
    assert lines["shown 50–69% (mean 62%)"].right == 0
    assert lines["shown 70–89% (mean 81%)"] == CheckedShare("  shown 70–89% (mean 81%)", checked=2, right=1)
    assert lines["shown 90–100% (mean 95%)"].share == 1.0


def test_a_suggestion_is_counted_in_the_band_of_the_confidence_the_window_showed(tmp_path: Path) -> None:
    """The window shows a confidence to the whole percent: a suggestion of 0.897 read "90%",
    yet it was counted in "shown 70–89% (mean 90%)", a band that contradicted its own mean."""
    with _project(tmp_path / "p.db") as store:
        for (start, end), confidence in zip(SENTENCES, (0.897, 0.4996, 0.62), strict=True):
            check = LabelCheck(ClaimLabel.FACTUAL, confidence)
            store.execute(AddClaim(Claim(1, start, end, ClaimLabel.FACTUAL, "ana"), shown=check))
    bands = [what for what in _lines(tmp_path / "p.db") if what.startswith("shown")]
    assert bands == ["shown 50–69% (mean 56%)", "shown 90–100% (mean 90%)"]


def test_an_undone_claim_counts_nowhere_and_a_redo_counts_again(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db") as store:
        command = _claim(store, SENTENCES[0], "factual")
        store.revert(command)
        assert "Label suggestions" not in _lines(tmp_path / "p.db")
        store.execute(command)
    assert _lines(tmp_path / "p.db")["Label suggestions"].checked == 1


def test_merges_carry_the_record_with_the_claims(tmp_path: Path) -> None:
    with _project(tmp_path / "ana.db") as store:
        _claim(store, SENTENCES[0], "factual")
        _claim(store, SENTENCES[2], "factual")
    with ProjectStore(tmp_path / "team.db") as team:
        merge_project(team, tmp_path / "ana.db")
        merge_project(team, tmp_path / "ana.db")  # a second merge adds nothing
    assert _lines(tmp_path / "team.db")["Label suggestions"] == CheckedShare(
        "Label suggestions", checked=2, right=1
    )


def test_a_hostile_record_is_refused_by_merge_stats_and_export_naming_the_row(tmp_path: Path) -> None:
    with _project(tmp_path / "mallory.db") as store:
        _claim(store, SENTENCES[0], "factual")
    conn = sqlite3.connect(tmp_path / "mallory.db")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE label_checks SET confidence = 7.5")
    conn.commit()
    conn.close()
    with ProjectStore(tmp_path / "team.db") as team:
        with pytest.raises(ProjectFileError, match=r"label_checks row .*confidence"):
            merge_project(team, tmp_path / "mallory.db")
        assert team.article_ids() == []
    for command in (("stats",), ("export", "-o", str(tmp_path / "out.jsonl"))):
        result = run_cli(command[0], str(tmp_path / "mallory.db"), *command[1:])
        assert result.returncode == 1 and "label_checks row" in result.stderr
        assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out.jsonl").exists()  # an export writes what it reads, checked


def test_a_made_up_confidence_never_stops_a_persons_label(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db") as store:
        made_up = LabelCheck(ClaimLabel.FACTUAL, 7.5)
        store.execute(AddClaim(Claim(1, *SENTENCES[0], ClaimLabel.FACTUAL, "ana"), shown=made_up))
        assert [c.label for c in store.annotated(1).claims] == [ClaimLabel.FACTUAL]
    assert "Label suggestions" not in _lines(tmp_path / "p.db")


def test_a_suggestion_nobody_was_shown_is_not_recorded_beside_the_claim(tmp_path: Path) -> None:
    """A claim where a suggestion is stored but was not shown (below the person's threshold, or
    made by a script) is not a label given beside a suggestion: stats and exports leave it out."""
    import json

    from annotator.services.exporting import export

    with _project(tmp_path / "p.db") as store:
        store.execute(AddClaim(Claim(1, *SENTENCES[1], ClaimLabel.FACTUAL, "ana")))  # 62 %, hidden
    with Project(tmp_path / "p.db", create=False) as project:
        project.add_claim(1, *SENTENCES[2], ClaimLabel.FACTUAL, annotator="bo")  # a script's
        assert project.label_checks() == []
        export(project, tmp_path / "tasks.jsonl")
    assert "Label suggestions" not in _lines(tmp_path / "p.db")
    [task] = [json.loads(line) for line in (tmp_path / "tasks.jsonl").read_text("utf-8").splitlines()]
    assert [span.get("suggested") for span in task["spans"]] == [None, None]


def test_a_deleted_claims_record_is_not_taken_for_a_new_claim_on_its_span(tmp_path: Path) -> None:
    with _project(tmp_path / "p.db") as store:
        first = _claim(store, SENTENCES[1], "factual")  # shown at 62 %
        assert first.created is not None and first.created.id is not None
        delete = DeleteClaim(first.created.id)
        store.execute(delete)
        store.revert(delete)  # an undo brings the claim back with its record
        assert store.label_checks() == [("factual", 0.62, "factual")]
        store.execute(delete)
        later = AddClaim(Claim(1, *SENTENCES[1], ClaimLabel.OPINION, "ana"))  # shown none now
        store.execute(later)
        assert store.label_checks() == []
        store.revert(later)
        store.execute(later)  # a redo records what was shown then: nothing
        assert store.label_checks() == []


def test_exports_say_which_label_was_suggested_where_a_claim_was_made(tmp_path: Path) -> None:
    """A data scientist can tell labels given beside a suggestion from the others, and check the
    confidence shown; the schemas describe the field, and a claim made with none shown has none."""
    import json

    import jsonschema

    from annotator.formats.schemas import CLAIM_SCHEMA, TASK_SCHEMA, load_schema
    from annotator.services.exporting import ExportOptions, export

    with _project(tmp_path / "p.db") as store:
        _claim(store, SENTENCES[2], "factual")  # shown "opinion" at 81 %, the person disagreed
        _claim(store, SENTENCES[0], "factual", annotator=GOLD_ANNOTATOR)  # a review: none recorded
        _claim(store, (0, 6), "opinion")  # no suggestion for this span
    with Project(tmp_path / "p.db", create=False) as project:
        export(project, tmp_path / "tasks.jsonl")
        export(project, tmp_path / "claims.jsonl", options=ExportOptions(format="claims-jsonl"))
    [task] = [json.loads(line) for line in (tmp_path / "tasks.jsonl").read_text("utf-8").splitlines()]
    jsonschema.validate(task, load_schema(TASK_SCHEMA))
    shown = {(span["start"], span["annotator"]): span.get("suggested") for span in task["spans"]}
    assert shown == {
        (SENTENCES[2][0], "ana"): {"label": "opinion", "confidence": 0.81},
        (SENTENCES[0][0], GOLD_ANNOTATOR): None,
        (0, "ana"): None,
    }
    claims = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text("utf-8").splitlines()]
    for claim in claims:
        jsonschema.validate(claim, load_schema(CLAIM_SCHEMA))
    assert [c.get("suggested") for c in claims if c["annotator"] == "ana" and c["label"] == "factual"] == [
        {"label": "opinion", "confidence": 0.81}
    ]
    # The schemas refuse a made-up confidence, so a consumer can rely on the range.
    task["spans"][0]["suggested"] = {"label": "opinion", "confidence": 1.5}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(task, load_schema(TASK_SCHEMA))


def test_a_resized_claim_keeps_its_record_and_an_undo_puts_it_back(tmp_path: Path) -> None:
    """The record is keyed by the claim's span: resizing a claim (`UpdateClaim` with a span)
    left it on the old span, so the claim lost its `suggested` in exports and in the figures."""
    with _project(tmp_path / "p.db") as store:
        made = _claim(store, SENTENCES[2], "factual")  # shown "opinion" at 81 %
        twin = _claim(store, SENTENCES[1], "opinion")  # shown "factual" at 62 %, kept on its span
        assert made.created is not None and made.created.id is not None and twin.created is not None
        start, end = SENTENCES[2]
        resize = UpdateClaim(made.created.id, span=(start, end - 1))
        store.execute(resize)
        assert sorted(store.label_checks()) == [("factual", 0.62, "opinion"), ("opinion", 0.81, "factual")]
        assert [row[1:3] for row in store.conn.execute("SELECT * FROM label_checks ORDER BY start")] == [
            SENTENCES[1],
            (start, end - 1),
        ]
        store.revert(resize)
        assert [row[1:3] for row in store.conn.execute("SELECT * FROM label_checks ORDER BY start")] == [
            SENTENCES[1],
            SENTENCES[2],
        ]
        assert sorted(store.label_checks()) == [("factual", 0.62, "opinion"), ("opinion", 0.81, "factual")]
