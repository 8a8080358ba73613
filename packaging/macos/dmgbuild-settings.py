# dmgbuild settings for annotator on macOS (UNTESTED here: built by .github/workflows/package.yml).
#   dmgbuild -s packaging/macos/dmgbuild-settings.py -D app=dist/annotator.app "Annotator" dist/annotator.dmg
# The disk image shows the app next to a link to /Applications, so installing is one drag.
# dmgbuild runs this file with `defines` holding the -D values.
# ruff: noqa: F821
import os.path

application = defines.get("app", "dist/annotator.app")
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only
compression_level = 9
filesystem = "HFS+"
size = None  # computed from the contents

files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = None
icon_locations = {appname: (140, 120), "Applications": (500, 120)}

background = "builtin-arrow"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 200), (640, 300))
default_view = "icon-view"
icon_size = 128
text_size = 13
include_icon_view_settings = "auto"
include_list_view_settings = "auto"
