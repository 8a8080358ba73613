"""A project open in a process keeps its SQLite locks whatever else that process opens.

POSIX drops all of a process's locks on a file when the process closes any descriptor of it.
The window's text search opened its own project a second time on a pool thread, and the open's
header check closed a raw descriptor: the next background process to finish then deleted the
`-wal` the window was still writing to, and every later label was lost.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.errors import UserError
from annotator.services.outputs import check_output_path
from annotator.store import keeper
from annotator.store.checks import SQLITE_MAGIC, read_header
from tests.other_process import claims_seen_by_another_process


@pytest.mark.parametrize("second_look", ["open again", "read the header"])
def test_labels_saved_after_a_second_look_at_the_project_reach_the_file(
    tmp_path: Path, second_look: str
) -> None:
    path = tmp_path / "p.annotator.db"
    window = open_project(path)
    try:
        [article] = window.import_texts(["The minister said prices rose 5% in May."]).added
        window.add_claim(article, 0, 12, "factual", annotator="ana")
        if second_look == "open again":  # as the text search does on a pool thread
            with open_project(path, create=False) as again:
                again.articles()
        else:
            assert read_header(path) == SQLITE_MAGIC
        assert claims_seen_by_another_process(path) == 1  # it opens and closes its connection
        window.add_claim(article, 13, 20, "opinion", annotator="ana")
        assert claims_seen_by_another_process(path) == 2
    finally:
        window.close()
    with open_project(path, create=False) as reopened:
        assert len(reopened.claims(article)) == 2


def _close_a_descriptor_of_each(path: Path) -> None:
    """What a file dialog listing the project's folder does in the window's process."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        os.close(os.open(path.with_name(name), os.O_RDONLY))


@pytest.mark.skipif(not keeper.NEEDED, reason="locks are per handle here")
@pytest.mark.parametrize("started_by", ["bare interpreter", "multiprocessing (frozen app)"])
def test_the_keeper_holds_the_project_when_the_window_loses_its_locks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started_by: str
) -> None:
    if started_by != "bare interpreter":
        monkeypatch.setattr(keeper, "_bare_interpreter", lambda: None)
    path = tmp_path / "p.annotator.db"
    window = open_project(path)
    kept = keeper.ProjectKeeper(path)
    try:
        [article] = window.import_texts(["The minister said prices rose 5% in May."]).added
        kept.start()
        assert kept.ready(timeout=30)
        _close_a_descriptor_of_each(path)
        assert claims_seen_by_another_process(path) == 0
        window.add_claim(article, 0, 12, "factual", annotator="ana")
        assert claims_seen_by_another_process(path) == 1
    finally:
        window.close()
        kept.stop()
    assert not path.with_name(path.name + "-wal").exists()  # the keeper, last out, checkpointed
    with open_project(path, create=False) as reopened:
        assert len(reopened.claims(article)) == 1


def test_an_output_check_on_another_name_of_the_open_project_leaves_its_locks(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    window = open_project(path)
    try:
        [article] = window.import_texts(["The minister said prices rose 5% in May."]).added
        other_name = tmp_path / "export.jsonl"
        os.link(path, other_name)  # a hard link: the same file under an output's name
        with pytest.raises(UserError, match="project"):
            check_output_path(other_name)
        assert claims_seen_by_another_process(path) == 0
        window.add_claim(article, 0, 12, "factual", annotator="ana")
        assert claims_seen_by_another_process(path) == 1
    finally:
        window.close()


@pytest.mark.skipif(not keeper.NEEDED, reason="locks are per handle here")
def test_the_keeper_holds_a_project_whose_name_is_not_utf8(tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.annotator.db"))
    window = open_project(path)
    kept = keeper.ProjectKeeper(path)
    try:
        kept.start()
        assert kept.ready(timeout=30)
    finally:
        window.close()
        kept.stop()


@pytest.mark.parametrize("started_by", ["bare interpreter", "multiprocessing (frozen app)"])
def test_a_keeper_that_cannot_start_is_not_retried_every_watch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started_by: str
) -> None:
    import multiprocessing.context
    import subprocess

    tries: list[int] = []

    def no_process(*_args: object, **_kwargs: object) -> None:
        tries.append(1)
        raise OSError("no process to spare")

    if started_by == "bare interpreter":
        monkeypatch.setattr(subprocess, "Popen", no_process)
    else:
        monkeypatch.setattr(keeper, "_bare_interpreter", lambda: None)
        monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", no_process)
    with open_project(tmp_path / "p.annotator.db") as project:
        project.keep_locks()
        project.keep_locks()  # the window's watch, two seconds later
        assert not project.locks_kept()
    assert tries == ([1] if keeper.NEEDED else [])


_HOLD = """
import sys
from annotator.services.project import open_project
with open_project(sys.argv[1], create=False) as project:
    project.articles()
    print("open", flush=True)
    sys.stdin.read()  # until the test lets go
"""


@pytest.mark.skipif(not keeper.NEEDED, reason="SQLite's locks are per handle here")
def test_a_project_open_elsewhere_is_not_opened_by_another_of_its_names(tmp_path: Path) -> None:
    """A project with two names (a hard link) open in one window by one name, and in another
    window or a command by the other: SQLite keeps its write-ahead log by name, so neither saw
    what the other saved, and at the close one's labels overwrote the other's, all of them gone
    while both windows said "All changes saved". The second opening is refused, naming why."""
    import subprocess
    import sys

    path = tmp_path / "p.annotator.db"
    with open_project(path) as project:
        project.import_texts(["The minister said prices rose 5% in May."])
    other_name = tmp_path / "team-copy.annotator.db"
    os.link(path, other_name)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(UserError, match="open in another window or program under another of its names"):
            open_project(other_name, create=False)
        assert not other_name.with_name(other_name.name + "-wal").exists()
        assert not other_name.with_name(other_name.name + ".lock").exists()
    finally:
        holder.communicate("", timeout=30)
    with open_project(other_name, create=False) as alone:  # nobody else now: it opens
        [article] = alone.article_ids()
        alone.add_claim(article, 0, 12, "factual", annotator="ana")
    assert claims_seen_by_another_process(path) == 1


@pytest.mark.skipif(not keeper.NEEDED, reason="no keeping process where locks are per handle")
def test_a_keeper_started_by_a_process_with_many_files_open_is_seen_ready(tmp_path: Path) -> None:
    """A window that has opened over a thousand files gets pipe descriptors numbered past 1,023,
    which `select` refuses: the keeper was never seen ready, so the window thought it unguarded."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip("this system allows fewer than 1,200 open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    path = tmp_path / "p.annotator.db"
    kept = keeper.ProjectKeeper(path)
    try:
        open_project(path).close()
        kept.start()
        assert kept.ready(timeout=30)
    finally:
        kept.stop()
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
