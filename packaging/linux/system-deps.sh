#!/usr/bin/env bash
# The Debian/Ubuntu packages that the window needs beside Python and the PySide6 wheel, from the
# one list in annotator/ui/system-packages.txt (which CI, `make run`, the .deb and the app itself
# read), checked by what they provide (libraries that must load) rather than by package name,
# plus python3.X-venv when $PYTHON cannot make a venv (Debian's python3 cannot without it).
#
#   system-deps.sh missing             print the missing packages, one a line
#   system-deps.sh ensure              `make run`: silent when nothing is missing; otherwise, on a
#                                      terminal with root or sudo, ask and install them, else print
#                                      the one `apt install ...` line and fail
#   system-deps.sh install [EXTRA...]  CI: install the missing packages and any EXTRA ones not yet
#                                      installed, without asking, after one apt-get update
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}

missing() {
  [ "$(uname -s)" = Linux ] || return 0
  if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    "$PYTHON" -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])'
  fi
  # -I: run the file alone, without the annotator package (not installed yet) or the user's site.
  "$PYTHON" -I annotator/ui/system_check.py
}

sudo_prefix() {
  if [ "$(id -u)" = 0 ]; then echo ""; elif command -v sudo >/dev/null; then echo "sudo"; else return 1; fi
}

apt_install() {
  local sudo
  sudo=$(sudo_prefix) || { echo "system-deps: need root or sudo to install: $*" >&2; return 1; }
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ "$(uname -s)" = Linux ] && ! command -v "$PYTHON" >/dev/null; then
  echo "system-deps: $PYTHON not found; install Python 3.11 or newer (apt install python3)" >&2
  exit 1
fi

mode=${1:-missing}
[ $# -gt 0 ] && shift
case "$mode" in
  missing)
    missing
    ;;
  ensure)
    mapfile -t pkgs < <(missing)
    [ ${#pkgs[@]} -eq 0 ] && exit 0
    echo "annotator needs these system packages, which are not installed: ${pkgs[*]}" >&2
    if command -v apt-get >/dev/null && [ -t 0 ] && sudo=$(sudo_prefix); then
      read -r -p "Install them now with ${sudo:+sudo }apt-get (y/N)? " answer
      if [[ $answer =~ ^[Yy] ]]; then
        apt_install "${pkgs[@]}"
        mapfile -t pkgs < <(missing)
        [ ${#pkgs[@]} -eq 0 ] && exit 0
        echo "still missing after the install: ${pkgs[*]}" >&2
      fi
    fi
    prefix="sudo "
    [ "$(id -u)" = 0 ] && prefix=""
    echo "Install them with:  ${prefix}apt install ${pkgs[*]}" >&2
    exit 1
    ;;
  install)
    mapfile -t pkgs < <(missing)
    for extra in "$@"; do
      dpkg -s "$extra" >/dev/null 2>&1 || pkgs+=("$extra")
    done
    [ ${#pkgs[@]} -eq 0 ] && exit 0
    echo "system-deps: installing ${pkgs[*]}" >&2
    apt_install "${pkgs[@]}"
    mapfile -t left < <(missing)
    [ ${#left[@]} -eq 0 ] || { echo "system-deps: still missing after the install: ${left[*]}" >&2; exit 1; }
    ;;
  *)
    echo "usage: $0 missing|ensure|install [EXTRA_PACKAGE...]" >&2
    exit 2
    ;;
esac
