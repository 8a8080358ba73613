"""`export --since` names a moment, parsed; a value that is none is a usage error.

It was compared as text with the stored stamps: `--since notadate` sorted after every stamp
and exported nothing, `--since 2020-99-99` before them and exported everything, both with
exit 0 and not a word.
"""

from __future__ import annotations

import json
import sqlite3
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


def _stamped(path: Path, created: str, updated: str) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE claims SET created_at = ?, updated_at = ?", (created, updated))
    conn.close()
    return path


@pytest.mark.parametrize(
    ("created", "updated", "kept"),
    [
        ("yesterday", "yesterday", False),  # sorted after every stamp as text: exported by --since 2030
        ("2024-01-01T00:00:00.000Z", "soon", False),
        ("2024-01-01T00:00:00.000Z", "2030-01-01T03:00:00+02:00", True),  # 01:00 UTC
        ("2024-01-01T00:00:00.000Z", "2030-01-01T00:30:00+02:00", False),  # 2029-12-31 22:30 UTC
        ("2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z", True),  # no milliseconds: '.' sorted before 'Z'
    ],
)
def test_since_compares_a_files_stamps_as_moments(
    created: str, updated: str, kept: bool, tmp_path: Path
) -> None:
    """A stamp a crafted or hand-edited file holds counts by the moment it names; one that names
    no time is never after the moment asked for."""
    project = _stamped(make_project(tmp_path / "p.db"), created, updated)
    out = tmp_path / "out.jsonl"
    assert (
        main(["export", str(project), "-o", str(out), "--format", "claims-jsonl", "--since", "2030-01-01"])
        == 0
    )
    assert len(out.read_text("utf-8").splitlines()) == int(kept)


def test_a_label_worked_out_from_claims_is_dated_by_their_latest_moment() -> None:
    """An agreed gold span or a majority vote is stamped with its claims' latest stamp, which
    `--since` then reads: as text, 'yesterday' was the latest."""
    from annotator.core.model import Claim, ClaimLabel, newest_stamp

    claims = [
        Claim(1, 0, 5, ClaimLabel.FACTUAL, "ana", created_at="yesterday", updated_at="yesterday"),
        Claim(1, 0, 5, ClaimLabel.FACTUAL, "bo", created_at="2030-01-01T03:00:00+02:00"),
        Claim(1, 0, 5, ClaimLabel.FACTUAL, "cy", created_at="2029-12-31T23:30:00.000Z"),
    ]
    assert newest_stamp(claims) == "2030-01-01T03:00:00+02:00"
    assert newest_stamp(claims[:1]) == ""
