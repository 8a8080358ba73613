"""Numbers on the command line: a value out of range is a usage error that says the range.

`--dev-ratio 1.5` was refused after parsing (exit 1) as "dev ratio must be at least 0 and
below 1", `--dev-ratio 0` wrote a dev set anyway, `--seed -3` gave seed 3's split, and a word
that is no number was argparse's "invalid float value" or "invalid int value".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from tests.security.conftest import make_project

DEV_RATIO = "must be a number above 0 and below 1 (the share of articles kept for dev, e.g. 0.2)"
HELD_OUT = "must be a number from 0.05 to 0.5 (the share of labelled claims held out for the evaluation)"
SEED = "must be a whole number from 0 to 2147483647"
MAX_MB = "must be a number of megabytes above 0 and at most 1048576 (e.g. 20)"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(
        tmp_path / "p.db", texts=("The mayor said the budget is fair.", "Rain is due on Monday, they said.")
    )


def _error_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The last line of a usage error (exit 2), after argparse's usage."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("usage: annotator ")
    return err.strip().splitlines()[-1]


@pytest.mark.parametrize("value", ["0", "1", "1.5", "-0.1", "abc", "nan", "inf", ""])
def test_a_dev_ratio_out_of_its_range_is_bad_usage_that_says_the_range(
    value: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    line = _error_line(
        ["export", str(project), "-o", str(out), "--format", "spacy", f"--dev-ratio={value}"], capsys
    )
    assert line == f"annotator export: error: argument --dev-ratio: {DEV_RATIO}, not {value!r}"
    assert not out.exists()


def test_the_command_line_and_the_export_options_say_the_same_dev_ratio_range() -> None:
    """`ExportOptions` refuses what `--dev-ratio` refuses, and says the range alike."""
    from annotator.services.exporting import DEV_RATIO_RANGE

    assert f"must be {DEV_RATIO_RANGE}" == DEV_RATIO


@pytest.mark.parametrize("value", ["-1", "-3", "1.5", "abc", "2147483648", "9" * 5000])
def test_a_seed_that_is_no_whole_number_from_0_is_bad_usage(
    value: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A negative seed is refused: Python's `random` gives -3 the split of 3."""
    for command, argv in (
        ("export", ["export", str(project), "-o", str(tmp_path / "out"), "--format", "spacy"]),
        ("release", ["release", str(project), str(tmp_path / "out")]),
    ):
        line = _error_line([*argv, f"--seed={value}"], capsys)
        assert line == f"annotator {command}: error: argument --seed: {SEED}, not {value!r}"
    assert not (tmp_path / "out").exists()


def test_the_command_line_and_the_options_say_the_same_seed_range() -> None:
    """`ExportOptions` and `ReleaseOptions` refuse what `--seed` refuses, and say the range alike."""
    from annotator.core.splits import SEED_RANGE

    assert f"must be {SEED_RANGE}" == SEED


@pytest.mark.parametrize("value", ["0", "0.04", "0.6", "-1", "abc", "nan", "inf"])
def test_a_held_out_share_out_of_its_range_is_bad_usage(
    value: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _error_line(["train", str(project), f"--held-out={value}"], capsys)
    assert line == f"annotator train: error: argument --held-out: {HELD_OUT}, not {value!r}"


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf", "1e7"])
def test_a_size_limit_out_of_its_range_says_the_range(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--max-mb 1e7` was told it "must be a number of megabytes above 0", which it was."""
    article = tmp_path / "a.txt"
    article.write_text("The mayor said the budget is fair.\n", encoding="utf-8")
    line = _error_line(
        ["import", str(tmp_path / "new.db"), str(article), "--no-nlp", f"--max-mb={value}"], capsys
    )
    assert line == f"annotator import: error: argument --max-mb: {MAX_MB}, not {value!r}"
    assert not (tmp_path / "new.db").exists()


def test_the_ends_of_each_range_that_belong_to_it_are_taken(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for number, options in enumerate(
        (["--dev-ratio", "0.5", "--seed", "0"], ["--dev-ratio", "0.01", "--seed", "2147483647"])
    ):
        out = tmp_path / f"out{number}"
        assert main(["export", str(project), "-o", str(out), "--format", "spacy", *options]) == 0
        assert (out / "dev.spacy").is_file(), capsys.readouterr().err
