#!/usr/bin/env bash
# Install dist/annotator_*.deb with apt (which pulls its Depends), run the installed
# `annotator --self-test` under xvfb-run (a real X11 server and the xcb platform plugin, not
# Qt's offscreen one), check that nothing was written inside /opt/annotator, then remove the
# package. Prints the cold-start time to SELF-TEST OK. Needs root (or sudo).
#   SCREENSHOT=docs/screenshot-installed.png  also save the window (default: none)
#   KEEP_INSTALLED=1                          leave the package installed afterwards
set -euo pipefail
cd "$(dirname "$0")/../.."
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
bash packaging/linux/install-deps.sh test
debs=(dist/annotator_*.deb)
[ -f "${debs[0]}" ] || { echo "test-deb: no dist/annotator_*.deb; run make package" >&2; exit 1; }
deb=$(realpath "${debs[-1]}")

cleanup() {
  if [ "${KEEP_INSTALLED:-0}" != 1 ]; then
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq annotator >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
echo "test-deb: installing $deb"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
dpkg -s annotator | sed -n 's/^\(Version\|Installed-Size\): /test-deb: \1: /p'
[ "$(command -v annotator)" = /usr/bin/annotator ] || { echo "test-deb: /usr/bin/annotator missing" >&2; exit 1; }
grep -q "application/x-annotator-project" /usr/share/mime/packages/annotator.xml
[ -f /usr/share/icons/hicolor/scalable/apps/annotator.svg ]
desktop-file-validate /usr/share/applications/annotator.desktop

home=$(mktemp -d)
stamp=$(mktemp)
screenshot_args=()
if [ -n "${SCREENSHOT:-}" ]; then
  screenshot_args=(--screenshot "$(realpath -m "$SCREENSHOT")")
fi
# Cold start: drop the page cache first where the kernel lets us (not inside most containers).
if sync && { echo 3 | $SUDO tee /proc/sys/vm/drop_caches >/dev/null; } 2>/dev/null; then
  cache="page cache dropped"
else
  cache="page cache NOT dropped (not permitted here): first start after install"
fi
start=$(date +%s.%N)
# Run as the installed program a user starts, from a neutral folder, with a fresh HOME so the
# user folders (platformdirs) are created from nothing.
set +e
(cd / && env -u ANNOTATOR_HOME HOME="$home" XDG_CONFIG_HOME= XDG_DATA_HOME= XDG_STATE_HOME= \
   QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x900x24" \
   annotator --self-test "${screenshot_args[@]}") | tee "$home/out.txt"
status=${PIPESTATUS[0]}
set -e
end=$(date +%s.%N)
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
if [ "$status" -ne 0 ] || ! grep -q "^SELF-TEST OK" "$home/out.txt"; then
  echo "test-deb: self-test FAILED (exit $status)" >&2; exit 1
fi
grep -q "(xcb)" "$home/out.txt" || { echo "test-deb: the self-test did not run on X11 (xcb)" >&2; exit 1; }
log=$(find "$home" -name annotator.log | head -1)
[ -n "$log" ] && grep -q "SELF-TEST OK" "$log" || { echo "test-deb: no SELF-TEST OK in the user's log file" >&2; exit 1; }
written=$(find /opt/annotator -newer "$stamp" | head -5)
[ -z "$written" ] || { echo "test-deb: the app wrote inside /opt/annotator:" >&2; echo "$written" >&2; exit 1; }
echo "test-deb: log file: ${log#"$home"/} (under the user's home)"
# Once more as an unprivileged user, for whom /opt/annotator is read-only: everything the app
# writes must go to that user's own folders.
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null && id nobody >/dev/null 2>&1; then
  user_home=$(mktemp -d)
  chown nobody "$user_home"
  (cd / && runuser -u nobody -- env -u ANNOTATOR_HOME HOME="$user_home" XDG_CONFIG_HOME= XDG_DATA_HOME= \
     XDG_STATE_HOME= xvfb-run -a annotator --self-test) > "$user_home/out.txt" 2>&1 ||
    { cat "$user_home/out.txt" >&2; echo "test-deb: self-test as user nobody FAILED" >&2; exit 1; }
  grep -q "^SELF-TEST OK" "$user_home/out.txt"
  echo "test-deb: self-test as unprivileged user nobody: OK"
  rm -rf "$user_home"
fi
echo "test-deb: cold start to SELF-TEST OK: ${seconds} s ($cache)"
rm -rf "$home" "$stamp"
