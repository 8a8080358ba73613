"""No behaviour change: a release writes the same bytes as before it read stored tokens.

The expected files (tests/data/releases/expected, written by `tests.services.release_golden` on
the code before) are three releases (majority with pseudonyms, all, gold with paths kept) of the
golden export project: Wikinews articles and texts with emoji, tabs, runs of spaces, line
separators and claims that start or end inside a word. A release tokenizes what the project has
no tokens for and stores them; the next release reads them. Both, in one process or in workers,
must write every byte as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import annotator.services.release as service
import annotator.store.project_store as store
from annotator.nlp.tokenizer import tokenizer_name
from annotator.services.project import open_project, store_of
from tests.services.export_golden import DATA, STAMP, build_project
from tests.services.release_golden import expected, release_all

pytestmark = pytest.mark.slow  # seconds each, processes and waits: out of the everyday run (CI's time)


@pytest.fixture
def golden_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(store, "now_iso", lambda: STAMP)
    monkeypatch.chdir(DATA)
    return build_project(tmp_path)


def assert_same(files: dict[str, bytes], *, only: tuple[str, ...] = ()) -> None:
    want = {k: v for k, v in expected().items() if not only or k.split("/", 1)[0] in only}
    assert sorted(files) == sorted(want)
    for name, payload in sorted(files.items(), key=lambda item: item[0].endswith("SHA256SUMS")):
        assert payload == want[name], f"{name} differs from the expected release"


def stored_token_rows(project_path: Path) -> int:
    with open_project(project_path, create=False) as project:
        row = store_of(project).conn.execute(
            "SELECT count(*) FROM token_cache WHERE tokenizer = ?", (tokenizer_name(),)
        )
        return int(row.fetchone()[0])


def refuse_to_tokenize(text: str) -> None:
    raise AssertionError("a text with stored tokens was tokenized again")


def test_a_release_writes_the_bytes_it_wrote_before_then_again_from_stored_tokens(
    golden_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert stored_token_rows(golden_project) == 0  # imported without pre-annotation: nothing stored
    assert_same(release_all(golden_project, tmp_path / "cold", workers=1))
    with open_project(golden_project, create=False) as project:
        articles = project.article_count()
    assert stored_token_rows(golden_project) == articles  # every released text, once
    monkeypatch.setattr(service, "tokenize", refuse_to_tokenize)
    assert_same(release_all(golden_project, tmp_path / "warm", workers=1))


def test_worker_processes_write_the_same_bytes_cold_and_warm(
    golden_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `annotator release` runs for a big project; the window's child process renders alone."""
    monkeypatch.setattr(service, "CHUNK", 4)  # every split in several chunks, interleaved
    assert_same(release_all(golden_project, tmp_path / "cold", workers=2, only=("all",)), only=("all",))
    assert stored_token_rows(golden_project) > 0
    assert_same(release_all(golden_project, tmp_path / "warm", workers=2, only=("all",)), only=("all",))
