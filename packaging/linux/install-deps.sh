#!/usr/bin/env bash
# Install the Debian packages that building (`build`) or testing (`test`) the .deb needs,
# only those missing. A fresh Debian/Ubuntu machine has none of them. Needs root (or sudo).
#   build: dpkg-dev (dpkg-shlibdeps, dpkg-deb), desktop-file-utils (desktop-file-validate),
#          and the X11/OpenGL/font libraries the bundled Qt links to, because dpkg-shlibdeps
#          reads their packages' shlibs/symbols files to compute Depends.
#   test:  xvfb + xauth (xvfb-run: a real X server for the installed app's self-test).
set -euo pipefail
mode=${1:-build}
case "$mode" in
  build)
    # The window's packages come from the one list (annotator/ui/system-packages.txt); the rest
    # are what other bundled ELF files (Qt's optional plugins, Python's modules) link to.
    mapfile -t window < <(sed 's/#.*//' annotator/ui/system-packages.txt | awk 'NF {print $1}')
    pkgs=(dpkg-dev binutils file desktop-file-utils shared-mime-info "${window[@]}"
          libc6 libstdc++6 zlib1g libopengl0 libsm6 libice6 libgssapi-krb5-2 libssl3 libffi8
          libbz2-1.0 liblzma5 libsqlite3-0 libexpat1 libuuid1)
    # The distribution's own Python (PYTHON=/usr/bin/python3...) needs venv and the shared libpython
    # that PyInstaller bundles; other interpreters (pyenv, python.org, setup-python) bring both.
    py=$(command -v "${PYTHON:-python3}" || true)
    if [ -n "$py" ] && [ "$(dirname "$(realpath "$py")")" = /usr/bin ]; then
      ver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
      pkgs+=("python$ver-venv" "libpython$ver")
    fi
    ;;
  test) pkgs=(xvfb xauth) ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
missing=()
for pkg in "${pkgs[@]}"; do
  # Some names differ across releases (libssl3 vs libssl3t64 ...): skip ones apt does not know.
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
installable=()
for pkg in "${missing[@]}"; do
  if apt-cache show "$pkg" >/dev/null 2>&1; then installable+=("$pkg"); else echo "install-deps: no package $pkg here, skipped" >&2; fi
done
[ ${#installable[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends "${installable[@]}"
