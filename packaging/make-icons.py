"""Render resources/icons/annotator.svg into the icon files Windows and macOS builds need.

build/icons/annotator.ico (16-256 px) and build/icons/annotator.icns, written with Qt's own
image plugins, so the build needs nothing besides PySide6 from requirements-build.txt.
Run with the build venv's Python before PyInstaller (build-bundle.sh does).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QImageWriter

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "annotator.svg"
OUT = ROOT / "build" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (icons need a GUI application)
    icon = QIcon(str(SVG))
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, size in (("ico", 256), ("icns", 1024), ("png", 512)):
        if fmt.encode() not in [bytes(f) for f in QImageWriter.supportedImageFormats()]:
            print(f"make-icons: Qt cannot write {fmt} here; skipped", file=sys.stderr)
            continue
        image = icon.pixmap(QSize(size, size)).toImage()
        target = OUT / f"annotator.{fmt}"
        if not image.save(str(target), fmt):
            print(f"make-icons: could not write {target}", file=sys.stderr)
            return 1
        written.append(target.name)
    print(f"make-icons: {', '.join(written)} in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
