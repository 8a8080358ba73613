"""The import report opens in a spreadsheet, so its cells never start like a formula.

A folder imported as `.` names its files without a folder before them: a sender's file named
`=HYPERLINK("http://x.example/","open me").txt` that was rejected put that formula, as written,
in the report's first column.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from tests.security.conftest import ROOT

FORMULA = '=HYPERLINK("http:x.example","open me")'


def test_a_rejected_file_named_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fine.txt").write_text("The council approved the budget on Monday.", encoding="utf-8")
    (folder / f"{FORMULA}.txt").write_text("   ", encoding="utf-8")  # empty: rejected
    (folder / "@SUM(1+1).txt").write_text("", encoding="utf-8")
    report = tmp_path / "rejected.tsv"
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(tmp_path / "p.db"), ".", "--no-nlp", "--skip-bad",
         "--report", str(report)],
        capture_output=True, text=True, cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with report.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    assert sorted(row[0] for row in rows) == sorted([f"'{FORMULA}.txt", "'@SUM(1+1).txt"])
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
