"""The packaging scripts decide nothing at random.

Under `set -o pipefail`, `producer | grep -q PATTERN` is a race: grep exits at the first match,
the producer may then die of SIGPIPE, and the pipeline fails although the pattern was found.
build-bundle.sh tested `readelf -S lib.so | grep -q .debug_info` that way, so which extensions
were stripped changed from build to build (bundles of 311 to 342 MB from the same pins), and the
negated test could have stripped a library with an RPATH, which breaks it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p for p in (ROOT / "packaging").rglob("*.sh") if "pipefail" in p.read_text(encoding="utf-8"))
# A pipe (not ||) whose last command is grep with -q (alone or among other short options).
PIPE_INTO_GREP_Q = re.compile(r"(?<!\|)\|(?!\|)\s*grep\s+(?:-[A-Za-z]*\s+)*-[A-Za-z]*q")


def test_there_are_scripts_to_check() -> None:
    assert any(p.name == "build-bundle.sh" for p in SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_pipe_into_grep_q_under_pipefail(script: Path) -> None:
    bad = [
        f"{script.name}:{number}: {line.strip()}"
        for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1)
        if not line.lstrip().startswith("#") and PIPE_INTO_GREP_Q.search(line)
    ]
    assert not bad, (
        "grep -q at the end of a pipe under pipefail (use `grep ... >/dev/null` or <<<):\n" + "\n".join(bad)
    )
