#!/usr/bin/env bash
# Install annotator as a pip user does, then start it for real:
#   1. build the wheel from the working tree (verbose, so setuptools' deprecation warnings show;
#      any of them fails the test),
#   2. install it into a fresh venv with that venv's own pip (Python 3.11's venv brings pip 23.x,
#      which resolved jusText's lxml[html_clean] without lxml_html_clean), no dev tools,
#   3. `annotator --help` must list --sample and --self-test,
#   4. import an HTML page (needs lxml.html.clean),
#   5. `annotator --self-test` on the real X11 platform (xcb) under Xvfb, so a missing system
#      library fails here and not on a user's desktop; it also reads the sample articles, which
#      must be inside the wheel.
# Needs xvfb-run (packaging/linux/system-deps.sh install xvfb xauth) and the network to PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
command -v xvfb-run >/dev/null || { echo "install-test: xvfb-run missing (apt install xvfb xauth)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What git tracks (and new files not ignored), not the developer's .venv or build/.
mkdir -p "$work/src"
git ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/src"

"$PYTHON" -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check)
echo "install-test: $("${pip[@]}" --version)"
"${pip[@]}" wheel --no-deps -v -w "$work/wheel" "$work/src" > "$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log" >&2; exit 1; }
if grep -iE "deprecat" "$work/build.log" >&2; then
  echo "install-test: the build printed deprecation warnings (above)" >&2
  exit 1
fi
# Old pips still warn "lxml does not provide the extra 'html_clean'" (jusText asks for it); what
# counts is that lxml_html_clean comes anyway, which the HTML import below shows.
"${pip[@]}" install --quiet "$work"/wheel/annotator-*.whl

bin=$work/venv/bin
export ANNOTATOR_HOME=$work/home
cd "$work"  # nothing may come from the source tree from here on
"$bin/annotator" --help > help.txt
grep -q -- "--sample" help.txt && grep -q -- "--self-test" help.txt ||
  { cat help.txt >&2; echo "install-test: --help lists no --sample or --self-test" >&2; exit 1; }
"$bin/annotator" import project.annotator.db "$work/src/tests/data/formats/html/gv_index_1.html" --no-nlp
echo "install-test: HTML import works"

set +e
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x900x24" "$bin/annotator" --self-test > self-test.txt 2>&1
status=$?
set -e
cat self-test.txt
if [ "$status" -ne 0 ] || ! grep -q "^SELF-TEST OK" self-test.txt; then
  echo "install-test: the self-test FAILED (exit $status)" >&2
  exit 1
fi
grep -q "(xcb)" self-test.txt || { echo "install-test: the self-test did not run on X11 (xcb)" >&2; exit 1; }
echo "install-test: OK"
