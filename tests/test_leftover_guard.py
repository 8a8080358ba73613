"""The autouse leftover guard in conftest.py must actually fail tests that leak."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # seconds each, processes and waits: out of the everyday run (CI's time)

pytest_plugins = ["pytester"]

CONFTEST = (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "from PySide6.QtWidgets import QWidget\n"
            "def test_leaks(qtbot):\n"
            "    global kept\n"
            "    kept = QWidget()\n"
            "    kept.show()\n",
            "open windows: QWidget",
        ),
        (
            "from PySide6.QtCore import QTimer\n"
            "from PySide6.QtWidgets import QApplication\n"
            "def test_leaks(qtbot):\n"
            "    timer = QTimer(QApplication.instance())\n"
            "    timer.setObjectName('ticker')\n"
            "    timer.start(1000)\n",
            "active QTimer(s): ticker",
        ),
        (
            "import time\n"
            "from PySide6.QtCore import QThread\n"
            "from PySide6.QtWidgets import QApplication\n"
            "class Sleeper(QThread):\n"
            "    def run(self):\n"
            "        time.sleep(8)\n"
            "def test_leaks(qtbot):\n"
            "    global worker\n"
            "    worker = Sleeper(QApplication.instance())\n"
            "    worker.setObjectName('sleeper')\n"
            "    worker.start()\n",
            "QThread sleeper still running",
        ),
        (
            "import threading, time\n"
            "def test_leaks():\n"
            "    threading.Thread(target=time.sleep, args=(8,), name='sleeper', daemon=True).start()\n",
            "thread 'sleeper' still running",
        ),
    ],
)
def test_guard_fails_a_leaking_test(pytester: pytest.Pytester, body: str, message: str) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makeini("[pytest]\nqt_api = pyside6\n")
    pytester.makepyfile(test_leak=body)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([f"*test left things behind*{message}*"])


def test_guard_passes_a_clean_test(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makeini("[pytest]\nqt_api = pyside6\n")
    pytester.makepyfile(
        test_clean="from PySide6.QtWidgets import QWidget\n"
        "def test_clean(qtbot):\n"
        "    widget = QWidget()\n"
        "    qtbot.addWidget(widget)\n"
        "    widget.show()\n"
    )
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
