"""Evaluating the claim classifier on a labelled file the user gives (`annotator train --eval-file`).

The project is NewsSD train.csv's first 300 sentences; the file is the first 20 sentences of
NewsSD val.csv (tests/data/ATTRIBUTION.md), whose balance of labels differs from the project's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.errors import InputFileError
from annotator.core.evaluation import Evaluation
from annotator.core.model import ClaimLabel
from annotator.services.project import open_project, store_of
from annotator.services.suggestions import TrainOptions, TrainResult, current_model, train_claim_model
from annotator.store.suggestions import models, save_model
from tests.data.subjectivity import newssd

VAL_20 = Path(__file__).parents[1] / "data" / "formats" / "newssd-val-20.csv"


@pytest.fixture(scope="module")
def untrained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, built once and closed: each test works on its own copy (`_project`)."""
    path = tmp_path_factory.mktemp("untrained") / "p.db"
    with open_project(path) as project:
        project.import_drafts(newssd.drafts(newssd.read_rows()[:300]))
        newssd.add_candidates(project)
    return path


@pytest.fixture(scope="module")
def trained(untrained: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TrainResult]:
    """The project trained with VAL_20 as its evaluation file, without suggesting, and closed."""
    path = _project(untrained, tmp_path_factory.mktemp("trained") / "p.db")
    with open_project(path, create=False) as project:
        result = train_claim_model(project, options=TrainOptions(eval_file=VAL_20, suggest=False))
    return path, result


def _project(built: Path, path: Path) -> Path:
    shutil.copyfile(built, path)
    return path


def test_the_file_evaluation_is_stored_with_the_model_and_headlines_it(
    trained: tuple[Path, TrainResult], tmp_path: Path
) -> None:
    built, result = trained
    with open_project(_project(built, tmp_path / "p.db"), create=False) as project:
        on_file = result.evaluation.on_file
        assert on_file is not None and on_file.split == "file" and on_file.source == "newssd-val-20.csv"
        assert on_file.n_eval == 20
        assert sum(s.support for s in on_file.per_label.values()) == 20
        assert on_file.per_label["opinion"].support == 11  # val's balance, not the project's
        assert on_file.ece is not None and on_file.macro_f1_low is not None
        assert on_file.macro_f1_low <= on_file.macro_f1 <= (on_file.macro_f1_high or 1.0)
        stored = current_model(project)
        assert stored is not None and stored[1] == result.evaluation  # what is shown is what was measured
        headline = stored[1].headline()
        assert headline.startswith(f"macro-F1 {on_file.macro_f1:.2f} (95% interval ")
        assert "on 20 claims from newssd-val-20.csv; macro-F1 " in headline
        assert headline.endswith(f"on {result.evaluation.n_eval} held-out claims")
        assert "Evaluated on a file: macro-F1" in result.summary()


def test_cli_eval_file_prints_it_and_json_holds_it(
    untrained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _project(untrained, tmp_path / "p.db")
    assert main(["train", str(path), "--eval-file", str(VAL_20), "--no-suggest"]) == 0
    out = capsys.readouterr().out
    assert "Evaluated on a file: macro-F1" in out and "claims from newssd-val-20.csv" in out
    assert main(["train", str(path), "--eval-file", str(VAL_20), "--no-suggest", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["evaluation"]["on_file"]["source"] == "newssd-val-20.csv"
    assert data["evaluation"]["on_file"]["n_eval"] == 20


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("sentence,label\nFine.,OBJ\nNot fine.,PERHAPS\n", "sample.csv:3: the label 'PERHAPS' is none of"),
        (
            "sentence,label\nFine.,OBJ\nDubious.,questionable\n",
            "sample.csv:3: a sentence is labelled questionable",
        ),
        ("words,label\nFine.,OBJ\n", "sample.csv:1: needs a 'sentence'"),
        ("sentence,label\n", "sample.csv: holds no labelled sentences"),
    ],
)
def test_cli_refuses_a_bad_eval_file_in_one_line_and_saves_nothing(
    untrained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = _project(untrained, tmp_path / "p.db")
    sample = tmp_path / "sample.csv"
    sample.write_text(content, encoding="utf-8")
    assert main(["train", str(path), "--eval-file", str(sample)]) == 1
    err = capsys.readouterr().err.strip()
    assert expected in err and "\n" not in err and "Traceback" not in err
    with open_project(path, create=False) as project:
        assert models(store_of(project)) == []


def test_cli_refuses_a_missing_or_special_eval_file(
    untrained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _project(untrained, tmp_path / "p.db")
    assert main(["train", str(path), "--eval-file", str(tmp_path / "nowhere.csv")]) == 1
    assert "nowhere.csv: cannot be read" in capsys.readouterr().err
    assert main(["train", str(path), "--eval-file", str(tmp_path)]) == 1
    assert "must be .csv" in capsys.readouterr().err


def test_the_file_is_checked_before_training(untrained: Path, tmp_path: Path) -> None:
    """A bad file costs no training time: the refusal comes before the classifier is fitted."""
    sample = tmp_path / "sample.jsonl"
    sample.write_text('{"text": "Fine.", "label": "SUBJ"}\n{"text": "", "label": "OBJ"}\n', encoding="utf-8")
    with open_project(_project(untrained, tmp_path / "p.db")) as project:
        steps: list[str] = []
        with pytest.raises(InputFileError, match=r"sample.jsonl:2: the sentence is empty"):
            train_claim_model(
                project,
                options=TrainOptions(eval_file=sample),
                progress=lambda _d, _t, message: steps.append(message),
            )
        assert steps == [] and models(store_of(project)) == []


@pytest.mark.parametrize(
    "on_file",
    [
        "not an evaluation",
        "scores of other labels",
        "a label that is not one",
        "nested",
        "source with a newline",
        "long source",
    ],
)
def test_a_hostile_file_evaluation_in_a_model_row_shows_no_figure(
    trained: tuple[Path, TrainResult], tmp_path: Path, on_file: object
) -> None:
    """A project file from elsewhere: its evaluation on a file is checked like the rest of the row."""
    built, result = trained
    with open_project(_project(built, tmp_path / "p.db"), create=False) as project:
        good = result.evaluation
        assert good.on_file is not None
        inner = good.on_file.to_dict()
        if on_file == "nested":
            on_file = {**inner, "on_file": inner}
        elif on_file == "source with a newline":
            on_file = {**inner, "source": "val.csv\nmacro-F1 0.99 on 10,000 claims"}
        elif on_file == "scores of other labels":
            on_file = {**inner, "per_label": {}}
        elif on_file == "a label that is not one":
            on_file = {**inner, "labels": ["factual", "<b>opinion</b>"]}
        elif on_file == "long source":
            on_file = {**inner, "source": "x" * 1000}
        record = models(store_of(project))[0]
        save_model(
            store_of(project),
            labels=record.labels,
            architecture=record.architecture,
            spacy_version=record.spacy_version,
            config="{}",
            weights=b"",
            evaluation={**good.to_dict(), "on_file": on_file},
        )
        assert current_model(project) is None  # no figure rather than a made-up one
        # The good evaluation still reads, and the hostile variants differ from it only there.
        assert Evaluation.from_dict(good.to_dict()) == good


def test_a_three_class_file_evaluates_a_three_class_model(tmp_path: Path) -> None:
    rows = newssd.read_rows()
    questionable = [(s, ClaimLabel.QUESTIONABLE) for s, _ in rows[-40:]]
    sample = tmp_path / "three.jsonl"
    sample.write_text(
        "\n".join(json.dumps({"text": s, "label": lab.value}) for s, lab in rows[300:320] + questionable[:5]),
        encoding="utf-8",
    )
    with open_project(tmp_path / "p.db") as project:
        project.import_drafts(newssd.drafts(rows[:200] + questionable[5:]))
        result = train_claim_model(project, options=TrainOptions(eval_file=sample, suggest=False))
        on_file = result.evaluation.on_file
        assert on_file is not None and on_file.labels == ("factual", "opinion", "questionable")
        assert on_file.per_label["questionable"].support == 5


def test_a_confidence_bin_of_one_sentence_says_claim_in_the_singular(untrained: Path, tmp_path: Path) -> None:
    """A small evaluation file's bins hold one sentence each: the summary said "1 claims"."""
    one = tmp_path / "one.csv"
    one.write_text('sentence,label\n"The rail unions made limited gains.",factual\n', encoding="utf-8")
    with open_project(_project(untrained, tmp_path / "p.db")) as project:
        result = train_claim_model(project, options=TrainOptions(eval_file=one, suggest=False))
    summary = result.summary()
    assert "   1 claim, " in summary and "1 claims" not in summary
