"""A folder of articles from someone else: its links and special files are named, never followed out.

A sender controls every entry of a folder they hand over, not only the bytes of its files. A
`notes.txt` that is a symlink to `~/.ssh/id_rsa` would put the key into the project as an
article, and from there into exports, releases and the team file.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.security.conftest import run_cli
from tests.security.test_import_edges import _stored_texts, cli

GOOD = "The council approved the budget on Monday."
SECRET = "PRIVATE KEY material that lives outside the folder being imported."


def _folder_with(tmp_path: Path) -> Path:
    folder = tmp_path / "from-a-stranger"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def test_a_link_to_a_file_outside_the_imported_folder_is_refused_by_name(tmp_path: Path) -> None:
    secret = tmp_path / "id_rsa.txt"
    secret.write_text(SECRET, encoding="utf-8")
    folder = _folder_with(tmp_path)
    (folder / "notes.txt").symlink_to(secret)
    (folder / "sub").mkdir()
    (folder / "sub" / "deeper.txt").symlink_to(Path("..") / ".." / secret.name)
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(folder), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stderr
    for link in (folder / "notes.txt", folder / "sub" / "deeper.txt"):
        assert f"{link}: is a link to a file outside the folder being imported" in result.stderr
    assert _stored_texts(project) == []
    report = tmp_path / "rejected.tsv"
    result = run_cli("import", str(project), str(folder), "--no-nlp", "--skip-bad", "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert _stored_texts(project) == [GOOD]
    assert SECRET not in report.read_text("utf-8")


def test_a_link_that_stays_inside_the_folder_and_a_file_named_itself_are_read(tmp_path: Path) -> None:
    """The rule is about leaving the folder: links within it, and a link named on its own, still work."""
    folder = _folder_with(tmp_path)
    (folder / "also.txt").write_text("A second article about the harbour.", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "same.txt").symlink_to(Path("..") / "also.txt")
    outside = tmp_path / "chosen.txt"
    outside.write_text("An article the user named on the command line.", encoding="utf-8")
    named_link = tmp_path / "named-link.txt"
    named_link.symlink_to(outside)
    project = tmp_path / "p.db"
    result = run_cli("import", str(project), str(folder), str(named_link), "--no-nlp")
    assert result.returncode == 0, result.stderr
    assert sorted(_stored_texts(project)) == sorted(
        [GOOD, "A second article about the harbour.", "An article the user named on the command line."]
    )


def test_a_pipe_or_a_device_in_a_folder_is_named_not_skipped_in_silence(tmp_path: Path) -> None:
    folder = _folder_with(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(folder), "--no-nlp", timeout=30)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{folder / 'pipe.txt'}: is not a regular file" in result.stderr
    assert f"{folder / 'zero.txt'}: is a link to a file outside the folder" in result.stderr
    assert _stored_texts(project) == []
