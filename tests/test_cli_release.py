"""`annotator release` as a user runs it: the folder, the summary line, one-line refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.cli import main
from tests.services.release_data import build_release_project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-release") / "team.annotator.db"
    build_release_project(path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.model
def test_release_writes_the_folder_and_says_what_went_where(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Marked `model`: the CLI tokenizes with spaCy's English tokenizer."""
    project = tmp_path / "team.annotator.db"
    shutil.copy(built, project)
    out = tmp_path / "dataset"
    code, stdout, err = run(
        capsys, "release", str(project), str(out), "--labels", "majority", "--split", "0.6/0.2/0.2",
        "--pseudonymise", "--license", "CC-BY-4.0", "--name", "Team claims", "--seed", "2",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert stdout.startswith("released ") and "(majority)" in stdout and "tied spans left out" in stdout
    card = (out / "README.md").read_text("utf-8")
    assert 'pretty_name: "Team claims"' in card and "with seed 2" in card
    code, _, err = run(capsys, "release", str(project), str(out))
    assert code == 1 and err.count("\n") == 1 and "is not empty" in err and "--force" in err
    code, _, err = run(capsys, "release", str(project), str(out), "--labels", "all", "--force")
    assert (code, err) == (0, "")


def test_release_refuses_bad_options_in_one_line(
    built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dataset"
    for args, message in (
        (["--license", "CC BY 4.0"], "not an SPDX identifier"),
        (["--limitations", str(tmp_path / "missing.md")], "cannot be read"),
    ):
        code, stdout, err = run(capsys, "release", str(built), str(out), *args)
        assert (code, stdout) == (1, ""), args
        assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()
    empty = tmp_path / "empty.annotator.db"
    code, _, err = run(
        capsys, "import", str(empty), str(Path(__file__).parent / "data" / "wikinews"), "--no-nlp"
    )
    assert code == 0
    code, _, err = run(capsys, "release", str(empty), str(out))
    assert code == 1 and "no adjudicated (gold) labels" in err


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("abc", "split 'abc' needs three shares, train/validation/test, e.g. 0.8/0.1/0.1"),
        ("0.8/0.3", "split '0.8/0.3' needs three shares, train/validation/test, e.g. 0.8/0.1/0.1"),
        ("a/b/c", "split 'a/b/c' must be three numbers, e.g. 0.8/0.1/0.1"),
        ("0.8/0.3/0.1", "split 0.8/0.3/0.1 must be three shares of at least 0 that add up to 1"),
        ("0/0.5/0.5", "the train share of the split must be above 0"),
        ("nan/0.1/0.1", "split nan/0.1/0.1 must be three shares of at least 0 that add up to 1"),
    ],
)
def test_a_bad_split_is_bad_usage_in_the_cores_words(
    value: str, said: str, built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2, as every other option's bad value: it was refused only once the command ran (exit 1)."""
    out = tmp_path / "dataset"
    with pytest.raises(SystemExit) as exc:
        main(["release", str(built), str(out), f"--split={value}"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: annotator release") and "Traceback" not in err
    assert err.strip().splitlines()[-1] == f"annotator release: error: argument --split: {said}"
    assert not out.exists()


def test_release_says_how_many_claims_it_widened_to_whole_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The DocBins widen a claim cut inside a word, as `export --format spacy` does; the
    export says so, and the release must too (its summary and its card), or a claim cut short
    by a slip of the mouse goes into training data changed with nobody told."""
    from annotator import open_project
    from tests.test_cli import WIKINEWS

    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        text = proj.article(article_id).text
        end = text.index(" ", 10)
        proj.add_claim(article_id, 0, end, "opinion", annotator="ana")
        proj.add_claim(article_id, 0, end - 1, "factual", annotator="bo")  # its last letter left out
    code, out, err = run(capsys, "release", str(project), str(tmp_path / "all"), "--labels", "all")
    assert (code, err) == (0, "")
    assert "1 claim started or ended inside a word and was widened to whole words" in out
    assert f"{text[: end - 1]!r} exported as {text[:end]!r}" in out
    card = (tmp_path / "all" / "README.md").read_text("utf-8")
    assert (
        "in `spacy/SPLIT.spacy` the 1 claim that starts or ends inside a word is widened to whole words"
        in card
    )
    with open_project(project) as proj:
        (bo,) = [c for c in proj.claims(article_id) if c.annotator == "bo"]
        proj.delete_claim(bo.id)
    code, out, err = run(capsys, "release", str(project), str(tmp_path / "aligned"), "--labels", "all")
    assert (code, err) == (0, "")
    assert "widened" not in out
    assert "widened" not in (tmp_path / "aligned" / "README.md").read_text("utf-8")


def test_one_persons_project_releases_their_labels_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Gold was the default, and a solo annotator's release said "nothing to release" with a
    hint to settle disagreements there are none of; the window chose All for such a project."""
    from tests.security.conftest import make_project

    project = make_project(
        tmp_path / "solo.annotator.db", texts=("Alpha beta gamma. Delta.", "Second one here.")
    )
    code, stdout, err = run(capsys, "release", str(project), str(tmp_path / "out"))
    assert (code, err) == (0, "")
    assert "released 2 claims" in stdout and "(all)" in stdout, stdout
    code, _, err = run(capsys, "release", str(project), str(tmp_path / "gold"), "--labels", "gold")
    assert code == 1 and "nothing to release" in err  # asked for by name: still refused


def test_a_majority_release_whose_every_vote_tied_says_so_not_that_nothing_is_labelled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two annotators who disagreed on every span were told the project had "no claims to release
    as 'majority'" and to "label some articles first", with their claims in it."""
    from annotator.core.model import ArticleDraft
    from annotator.services.project import open_project

    project = tmp_path / "team.annotator.db"
    with open_project(project) as opened:
        (article_id,) = opened.import_drafts([ArticleDraft(text="Prices rose. Wages fell.", title="A")]).added
        opened.add_claim(article_id, 0, 12, "factual", annotator="alice")
        opened.add_claim(article_id, 0, 12, "opinion", annotator="bob")
    code, stdout, err = run(capsys, "release", str(project), str(tmp_path / "out"), "--labels", "majority")
    assert (code, stdout) == (1, "")
    assert 'no span has a majority label (1 span tied or voted "no claim")' in err, err
    assert "--labels all" in err and "label some articles first" not in err
    assert not (tmp_path / "out").exists()
