"""The log file: one rotating file, made when the first record comes."""

from __future__ import annotations

import errno
import io
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.services import paths
from annotator.services.logs import LogStatus, RotatingLog, log_status, setup_logging


@pytest.fixture
def root_handlers() -> Iterator[None]:
    """Put the root logger's handlers and level back as they were."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_records_go_to_the_log_file_with_time_level_and_logger(root_handlers: None) -> None:
    path = setup_logging()
    assert path == paths.log_file() and path.is_file()  # checked writable at once
    logging.getLogger("annotator.test").error("the disk said %s", "no")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path.read_text("utf-8").rstrip().endswith("ERROR annotator.test: the disk said no")


def test_the_file_rotates_as_the_stdlib_handler_does(tmp_path: Path) -> None:
    handler = RotatingLog(tmp_path / "annotator.log")
    handler.setFormatter(logging.Formatter("%(message)s"))
    line = "x" * 999
    for _ in range(2_100):  # about 2.1 MB: one roll-over at 2 MB
        handler.handle(logging.makeLogRecord({"msg": line, "levelno": logging.INFO}))
    handler.close()
    assert (tmp_path / "annotator.log.1").stat().st_size > 1_900_000
    assert 0 < (tmp_path / "annotator.log").stat().st_size < 200_000


def test_a_file_name_that_is_not_utf8_is_logged_not_a_traceback_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name with a byte that is not UTF-8 comes as a surrogate escape; the strict encoder printed
    "--- Logging error ---" and a traceback on stderr, and the record was lost."""
    handler = RotatingLog(tmp_path / "annotator.log")
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.handle(logging.makeLogRecord({"msg": "read %s", "args": ("x\udcff.jsonl",), "levelno": 20}))
    handler.close()
    assert capsys.readouterr().err == ""
    assert (tmp_path / "annotator.log").read_text("utf-8") == "read x\\udcff.jsonl\n"


def _within(seconds: float, func: Callable[[], object], fifo: Path) -> object:
    """`func()`, failing the test (not hanging it) if it waits on `fifo` longer than `seconds`."""
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(func()), daemon=True)
    worker.start()
    worker.join(seconds)
    if not done:
        # Let the stuck open go on (a reader arrives), so the test ends instead of hanging.
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        worker.join(5)
        os.close(fd)
        pytest.fail(f"it waited on the FIFO {fifo} for {seconds} s (every start would hang)")
    return done[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_where_the_log_should_be_turns_logging_off_instead_of_hanging(root_handlers: None) -> None:
    """The log was opened in append mode, which waits for a reader of a FIFO: every start hung,
    `annotator stats` included, before it did anything."""
    fifo = paths.log_file()
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    assert _within(10, setup_logging, fifo) is None
    assert log_status() == LogStatus(None, f"{fifo} is not a regular file (a pipe, a device or a folder)")
    _within(10, lambda: logging.getLogger("annotator.test").error("nowhere"), fifo)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_put_in_place_of_the_log_before_its_first_record_is_not_opened(root_handlers: None) -> None:
    """The file handler opens the log at the first record, which may come long after the start."""
    path = setup_logging()
    assert path is not None
    path.unlink()
    os.mkfifo(path)
    _within(10, lambda: logging.getLogger("annotator.test").error("nowhere"), path)
    assert log_status() == LogStatus(None, f"{path} is not a regular file (a pipe, a device or a folder)")


def test_a_log_that_cannot_be_written_is_never_named_as_written(root_handlers: None) -> None:
    """A second set-up (the CLI's after a window start failed) returned the path of the log it
    could not write, and the error line sent the person to a file that is not there."""
    paths.log_dir().write_text("")  # a file where the log folder should be
    why = LogStatus(None, f"{paths.log_dir()} is a file, not a folder")
    assert setup_logging() is None and log_status() == why
    assert setup_logging() is None and log_status() == why


class _FullDisk(io.StringIO):
    """A log stream on a disk that has just filled up: every write is refused."""

    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_turns_the_log_off_with_its_reason_not_a_traceback_per_record(
    root_handlers: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The disk filling up under the log printed "--- Logging error ---" and a traceback on the
    terminal for every record after (`annotator import` printed one per line it logged), and
    an error message still sent the person to the log, which had none of it."""
    path = setup_logging()
    assert path is not None
    logger = logging.getLogger("annotator.test")
    logger.info("written")
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, RotatingLog))
    assert handler._file is not None
    assert isinstance(handler._file, logging.StreamHandler)
    handler._file.setStream(_FullDisk()).close()  # type: ignore[union-attr]
    logger.info("one")
    logger.error("two")
    assert capsys.readouterr().err == ""
    assert log_status() == LogStatus(None, f"{path}: {os.strerror(errno.ENOSPC)}")
