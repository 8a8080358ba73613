"""`export --since` names a moment, parsed; a value that is none is a usage error.

It was compared as text with the stored stamps: `--since notadate` sorted after every stamp
and exported nothing, `--since 2020-99-99` before them and exported everything, both with
exit 0 and not a word.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotator import open_project
from annotator.cli import main
from annotator.core.errors import UserError
from annotator.services.exporting import ExportOptions, export
from tests.security.conftest import make_project


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("2024", datetime(2024, 1, 1, tzinfo=UTC)),
        ("2024-05", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024-05-06", datetime(2024, 5, 6, tzinfo=UTC)),
        ("2024-05-06T09:30", datetime(2024, 5, 6, 9, 30, tzinfo=UTC)),
        ("2024-05-06T09:30Z", datetime(2024, 5, 6, 9, 30, tzinfo=UTC)),
        ("2024-05-06T09:30+02:00", datetime(2024, 5, 6, 7, 30, tzinfo=UTC)),
    ],
)
def test_iso_dates_and_times_are_read_as_moments_in_utc(value: str, moment: datetime) -> None:
    from annotator.services.exporting import parse_since

    assert parse_since(value) == moment


@pytest.mark.parametrize("value", ["notadate", "2020-99-99", "2024-02-30", "2024-05-06T25:00", "", "5"])
def test_a_value_that_is_no_date_is_a_usage_error(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p.db")
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(project), "-o", str(tmp_path / "out.jsonl"), "--since", value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --since: {value!r} is not a date or time; give an ISO date such as 2024-05-06" in err
    assert not (tmp_path / "out.jsonl").exists()
    if value:  # the service's own check (an empty value there is no filter)
        with open_project(project, create=False) as opened, pytest.raises(UserError, match=r"--since: '"):
            export(opened, tmp_path / "x.jsonl", options=ExportOptions(since=value))


def test_since_keeps_the_claims_changed_at_or_after_the_moment(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p.db")
    with open_project(project) as opened:
        (claim,) = opened.claims()
        changed = datetime.fromisoformat(claim.updated_at)

        def exported(since: str) -> int:
            out = tmp_path / "out.jsonl"
            export(opened, out, options=ExportOptions(format="claims-jsonl", since=since, force=True))
            return len([json.loads(line) for line in out.read_text("utf-8").splitlines()])

        at = changed.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="milliseconds")
        east = changed.astimezone(UTC).replace(tzinfo=None) + timedelta(hours=2)
        assert exported(at) == 1  # the very moment counts
        assert exported(east.isoformat(timespec="milliseconds") + "+02:00") == 1  # the same moment
        assert exported((changed + timedelta(milliseconds=1)).isoformat()) == 0
        assert exported((changed - timedelta(days=1)).date().isoformat()) == 1
