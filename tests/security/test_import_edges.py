"""Items 7, 8 and 9: special files, exit 3 on bad input, and wrong data without an error.

Every case runs the real command in a child process, as a user would, and checks the exit
code (1 with `path:line: reason` for bad input, 2 for bad usage, never 3) and that nothing
wrong was stored. The child's memory is capped, so code that reads /dev/zero fails fast.
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import open_project
from tests.reliability.test_machine_errors import _mount, _tmpfs
from tests.security.conftest import ROOT, one_line, run_cli


def _capped() -> None:
    limit = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def cli(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`annotator ARGV` with 3 GB of address space at most and a time limit."""
    return subprocess.run(
        [sys.executable, "-m", "annotator", *argv],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=_capped,
    )  # fmt: skip


def _article(folder: Path, name: str = "a.txt") -> Path:
    path = folder / name
    path.write_text("The council approved the budget on Monday.", encoding="utf-8")
    return path


def _stored_texts(project: Path) -> list[str]:
    if not project.exists():
        return []
    with open_project(project, create=False) as opened:
        return [opened.article(i).text for i in opened.article_ids()]


# -- item 7: special files ----------------------------------------------------------------------


def test_a_fifo_as_input_or_project_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    result = cli("import", str(tmp_path / "p.db"), str(fifo), "--no-nlp")
    assert result.returncode == 1 and "not a regular file" in one_line_of(result)
    project_fifo = tmp_path / "project.db"
    os.mkfifo(project_fifo)
    result = cli("import", str(project_fifo), str(_article(tmp_path)), "--no-nlp")
    assert result.returncode == 1 and "not a regular file" in one_line(result.stderr)
    assert stat.S_ISFIFO(os.stat(project_fifo).st_mode)


def one_line_of(result: subprocess.CompletedProcess[str]) -> str:
    """The first rejection listed by an import refusal (its message lists one per line)."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.stderr


def test_a_symlink_to_dev_zero_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "endless.txt"
    link.symlink_to("/dev/zero")
    result = cli("import", str(tmp_path / "p.db"), str(link), "--no-nlp", "--max-mb", "1")
    assert result.returncode == 1, result.stderr[-500:]
    assert "not a regular file" in one_line_of(result)
    assert _stored_texts(tmp_path / "p.db") == []


# -- item 8: exit 1 or 2, never 3 -----------------------------------------------------------------


def test_lone_surrogates_are_a_bad_line_that_skip_bad_can_skip(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"text": "A good line about the budget."}\n'
        '{"text": "Broken \\ud83d emoji."}\n'
        '{"text": "Another good line.", "title": "Bad \\udc00 title"}\n',
        encoding="utf-8",
    )
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert f"{source}:2:" in result.stderr and f"{source}:3:" in result.stderr
    assert "surrogate" in result.stderr
    result = cli(
        "import", str(project), str(source), "--no-nlp", "--skip-bad", "--report", str(tmp_path / "r.tsv")
    )
    assert result.returncode == 0, result.stderr
    assert _stored_texts(project) == ["A good line about the budget."]


def test_a_file_name_that_is_not_utf8_is_imported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"An article whose file name is Latin-1.")
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(folder), "--no-nlp")
    assert result.returncode == 0, result.stderr
    with open_project(project, create=False) as opened:
        (article_id,) = opened.article_ids()
        assert opened.article(article_id).origin.endswith("caf\ufffd.txt")


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "undefined", "hex"])
def test_a_page_naming_a_non_text_codec_is_read_anyway(codec: str, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = " ".join(["Le conseil a approuvé le budget lundi, après un long débat."] * 6)
    page.write_bytes(
        f'<html><head><meta charset="{codec}"><title>Budget</title></head>'
        f"<body><article><p>{body}</p><p>{body}</p></article></body></html>".encode("cp1252")
    )
    result = cli("import", str(tmp_path / "p.db"), str(page), "--no-nlp")
    assert result.returncode in (0, 1), result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "-inf"])
def test_a_bad_size_limit_is_bad_usage(value: str, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "p.db"), str(_article(tmp_path)), "--no-nlp", "--max-mb", value)
    assert result.returncode == 2, result.stderr
    assert not (tmp_path / "p.db").exists()


def test_a_device_as_project_is_refused(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    device = tmp_path / "null.db"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    result = cli("import", str(device), str(_article(tmp_path)), "--no-nlp")
    assert result.returncode == 1 and "not a regular file" in one_line(result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "null.db"]


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    for point in _tmpfs("1m", "annotator-sec-ro-"):
        assert _mount("-o", "remount,ro", str(point))
        try:
            yield point
        finally:
            _mount("-o", "remount,rw", str(point))


def test_a_new_project_in_a_read_only_folder(read_only_folder: Path, tmp_path: Path) -> None:
    result = cli("import", str(read_only_folder / "p.db"), str(_article(tmp_path)), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert "read-only" in one_line(result.stderr) or "cannot create" in result.stderr


# -- item 9: wrong data without an error ------------------------------------------------------------


def test_a_cut_utf8_file_is_refused_not_read_as_mojibake(tmp_path: Path) -> None:
    text = "Der Bürgermeister sagte: „Die Brücke ist sicher.“ Kosten: 5 Mio. € — 北京"
    source = tmp_path / "cut.txt"
    source.write_bytes(text.encode("utf-8")[:-1])
    result = cli("import", str(tmp_path / "p.db"), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert "cut off" in result.stderr
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Le conseil a approuvé le budget du café".encode("cp1252"))  # ends in a high byte
    result = cli("import", str(tmp_path / "q.db"), str(legacy), "--no-nlp")
    assert result.returncode == 0, result.stderr
    assert _stored_texts(tmp_path / "q.db") == ["Le conseil a approuvé le budget du café"]


def test_a_nul_anywhere_in_a_csv_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    rows = ["text,title", f'"{"word " * 2000}",fine']
    rows.append(f'"hidden \x00 nul {"x" * 50}",title')
    rows += [f'"{"filler " * 2000}",more'] * 2
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert b"\x00" not in source.read_bytes()[:8192] + source.read_bytes()[-8192:]
    result = cli("import", str(tmp_path / "p.db"), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert f"{source}:3:" in result.stderr and "NUL" in result.stderr


@pytest.mark.parametrize("number", ["1e999", "NaN", "-Infinity"])
def test_json_numbers_that_are_not_json_are_refused(number: str, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(f'{{"text": "A fine article.", "score": {number}}}\n', encoding="utf-8")
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert f"{source}:1:" in result.stderr
    assert _stored_texts(project) == []


def test_exports_never_write_nan(tmp_path: Path) -> None:
    project = tmp_path / "p.db"
    with open_project(project) as opened:
        with pytest.raises(Exception, match="JSON"):
            opened.import_drafts([_draft_with_meta({"x": float("nan")})])
        opened.import_drafts([_draft_with_meta({"x": 1.5})])
    out = tmp_path / "out.jsonl"
    assert run_cli("export", str(project), "-o", str(out)).returncode == 0
    json.loads(out.read_text("utf-8"), parse_constant=lambda c: pytest.fail(f"{c} in the export"))


def _draft_with_meta(meta: dict[str, float]) -> object:
    from annotator.core.model import ArticleDraft

    return ArticleDraft(text=f"An article with metadata {meta}.", meta=meta)
