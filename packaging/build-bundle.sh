#!/usr/bin/env bash
# Build the frozen one-folder bundle in dist/annotator/ (Linux, macOS; Windows uses the same
# steps from the GitHub workflow). Steps:
#   1. a clean virtual environment in build/venv, from packaging/requirements-build.txt only
#      (pinned and hashed: pip refuses anything else), rebuilt whenever that file changes;
#   2. PyInstaller with packaging/annotator.spec.
# Environment: PYTHON (interpreter for the venv, default python3; it must have a shared
# libpython, which python.org, Debian and pyenv with --enable-shared builds have).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=build/venv
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) BIN="$VENV/Scripts" ;; *) BIN="$VENV/bin" ;; esac
REQS=packaging/requirements-build.txt
EXTRA=""
case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*) EXTRA=packaging/requirements-build-windows.txt ;;
  Darwin) EXTRA=packaging/requirements-build-macos.txt ;;
esac

stamp_value() { cat "$REQS" ${EXTRA:+"$EXTRA"} | "$PYTHON" -c 'import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'; }
STAMP="$VENV/.requirements-sha256"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$(stamp_value)" ]; then
  echo "build-bundle: creating clean venv $VENV from $REQS ${EXTRA}"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  # --no-deps with --require-hashes: exactly the pinned set, nothing resolved at build time.
  "$BIN/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
    -r "$REQS" ${EXTRA:+-r "$EXTRA"}
  "$BIN/python" -m pip check
  stamp_value > "$STAMP"
fi

rm -rf build/pyinstaller dist/annotator
"$BIN/python" -m PyInstaller --noconfirm --clean \
  --workpath build/pyinstaller --distpath dist packaging/annotator.spec
echo "build-bundle: bundle in dist/annotator ($(du -sh dist/annotator 2>/dev/null | cut -f1))"
