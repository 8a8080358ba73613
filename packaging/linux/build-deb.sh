#!/usr/bin/env bash
# Build dist/annotator_<version>_<arch>.deb from the frozen bundle in dist/annotator/
# (make it first with packaging/build-bundle.sh, or use `make package`, which runs both).
#
# Layout of the package:
#   /opt/annotator/                                   the PyInstaller one-folder bundle (read-only)
#   /usr/bin/annotator                                launcher script
#   /usr/share/applications/annotator.desktop         validated with desktop-file-validate
#   /usr/share/icons/hicolor/scalable/apps/annotator.svg
#   /usr/share/mime/packages/annotator.xml            application/x-annotator-project (*.annotator.db)
#   /usr/share/doc/annotator/copyright
# Depends is computed by dpkg-shlibdeps from every ELF file in the bundle; libraries the bundle
# carries itself are found inside the package tree and need no dependency. The desktop, MIME
# and icon caches are refreshed by the dpkg file triggers of desktop-file-utils,
# shared-mime-info and the icon theme, so the package needs no maintainer scripts.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BUNDLE=dist/annotator
[ -x "$BUNDLE/annotator" ] || { echo "build-deb: no bundle in $BUNDLE; run packaging/build-bundle.sh" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps desktop-file-validate; do
  command -v "$tool" >/dev/null || { echo "build-deb: $tool missing; run packaging/linux/install-deps.sh build" >&2; exit 1; }
done

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' annotator/__init__.py)
ARCH=$(dpkg --print-architecture)
NAME=annotator_${VERSION}_${ARCH}
STAGE=build/deb/$NAME
rm -rf build/deb && mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" \
  "$STAGE/usr/share/applications" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
  "$STAGE/usr/share/mime/packages" "$STAGE/usr/share/doc/annotator"

cp -a "$BUNDLE" "$STAGE/opt/annotator"
# The bundle must be readable by everyone and writable by no one but root.
chmod -R u+rwX,go+rX,go-w "$STAGE/opt/annotator"
install -m 0755 packaging/linux/annotator.sh "$STAGE/usr/bin/annotator"
install -m 0644 packaging/linux/annotator.desktop "$STAGE/usr/share/applications/annotator.desktop"
install -m 0644 resources/icons/annotator.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/annotator.svg"
install -m 0644 packaging/linux/annotator-mime.xml "$STAGE/usr/share/mime/packages/annotator.xml"
install -m 0644 packaging/linux/copyright "$STAGE/usr/share/doc/annotator/copyright"
desktop-file-validate "$STAGE/usr/share/applications/annotator.desktop"
if command -v xmllint >/dev/null; then xmllint --noout "$STAGE/usr/share/mime/packages/annotator.xml"; fi

# --- Depends from the bundled ELF files ------------------------------------------------------
echo "build-deb: computing Depends with dpkg-shlibdeps"
mapfile -t elves < <(find "$STAGE/opt/annotator" -type f \( -name '*.so*' -o -perm -u+x \) -print0 |
  xargs -0 file -N -F '|' | awk -F'|' '$2 ~ /ELF/ {print $1}')
# Private library folders: where the bundle's own lib*.so* live (Qt, ICU, libpython, OpenBLAS).
# Listing only these, not every extension module's folder, takes dpkg-shlibdeps from minutes to seconds.
mapfile -t libdirs < <(printf '%s\n' "${elves[@]}" | grep -E '/lib[^/]*\.so[^/]*$' | grep -v '/plugins/' |
  xargs -n1 dirname | sort -u)
SHLIB_WORK=build/deb/shlibdeps
mkdir -p "$SHLIB_WORK/debian"
printf 'Source: annotator\n\nPackage: annotator\nArchitecture: any\n' > "$SHLIB_WORK/debian/control"
libargs=()
for d in "${libdirs[@]}"; do libargs+=("-l$ROOT/$d"); done
elfargs=()
for f in "${elves[@]}"; do elfargs+=("$ROOT/$f"); done
# --ignore-missing-info: a few system libraries (e.g. from a local build) may ship no shlibs file;
# their packages are then simply not listed, rather than failing the build.
( cd "$SHLIB_WORK" && dpkg-shlibdeps -O --ignore-missing-info -xannotator "${libargs[@]}" "${elfargs[@]}" ) \
  > "$SHLIB_WORK/out" 2> "$SHLIB_WORK/warnings" || { cat "$SHLIB_WORK/warnings" >&2; exit 1; }
grep -v "^dpkg-shlibdeps: warning: .*\(unused\|useless\|symbol .* used by .* found in none\)" "$SHLIB_WORK/warnings" \
  | sort -u | head -20 >&2 || true
DEPENDS=$(sed -n 's/^shlibs:Depends=//p' "$SHLIB_WORK/out")
[ -n "$DEPENDS" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# Qt draws text with fontconfig, which needs at least one font.
DEPENDS="$DEPENDS, fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf"
# Every package of the window's list (annotator/ui/system-packages.txt, which `make run` and CI
# read too) that dpkg-shlibdeps did not find, e.g. when PyInstaller bundled that library itself.
while read -r pkg; do
  printf '%s\n' "$DEPENDS" | tr ',|' '\n\n' | awk 'NF {print $1}' | grep -xF "$pkg" >/dev/null ||
    DEPENDS="$DEPENDS, $pkg"
done < <(sed 's/#.*//' annotator/ui/system-packages.txt | awk 'NF {print $1}')

# Recommends xdg-utils: Qt opens the guidelines' web links with xdg-open outside a full desktop;
# without it the link simply does not open, so it is not a dependency. Recommends an emoji
# font: news quotes posts with emoji, which DejaVu lacks and Qt then draws as empty boxes (a
# reader cannot tell 👍 from 🎉); the article's text and offsets are the same without it.
SIZE_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: annotator
Version: $VERSION
Architecture: $ARCH
Maintainer: annotator maintainers <annotator@users.noreply.github.com>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Recommends: xdg-utils, fonts-noto-color-emoji
Section: text
Priority: optional
Homepage: https://github.com/annotator/annotator
Description: label claims in news articles, offline
 A desktop app for labelling claims in news articles as factual, opinion or
 questionable. Articles are pre-annotated with spaCy's English model (bundled):
 named entities and quotations with their speakers are highlighted. Each project
 is one SQLite file; labels export to JSONL, doccano, CSV and spaCy DocBin.
 .
 This package is a self-contained bundle (Python, Qt, spaCy and the model) in
 /opt/annotator; projects, settings and logs live in the user's folders.
CONTROL

mkdir -p dist
rm -f dist/annotator_*.deb
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "dist/$NAME.deb" >/dev/null
echo "build-deb: dist/$NAME.deb ($(du -h "dist/$NAME.deb" | cut -f1)), Depends: $DEPENDS"
