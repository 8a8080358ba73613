"""Before Qt starts: will its X11 or Wayland platform load? If not, name the missing system packages.

When a library that Qt's xcb or wayland platform plugin links to is missing, Qt prints a
misleading hint (it asks for xcb-cursor0 even when that is installed) and aborts the process.
Loading the plugin ourselves first, with the dynamic linker as Qt would, tells whether it will
work; when it will not, `system-packages.txt` (the one list that `make run`, CI and the .deb also
read) names the missing Debian/Ubuntu packages, so the user gets one `sudo apt install ...` line
instead.

Standard library only, and no PySide6 import: importing QtGui itself fails when libGL is
missing. So it also runs as a script before the venv exists (`make run`, `.ci/run`):

    python3 -I annotator/ui/system_check.py     # the missing packages, one a line
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

PACKAGE_LIST = Path(__file__).with_name("system-packages.txt")


class SystemPackage(NamedTuple):  # not a dataclass: this module runs before the window's first paint
    """A Debian/Ubuntu package and what shows it is installed."""

    name: str
    provides: tuple[str, ...]
    """Libraries' sonames, which must load, or absolute folders, which must not be empty."""

    def installed(self) -> bool:
        # By what the package provides, not by dpkg's name for it: the names change between
        # releases (libglib2.0-0 became libglib2.0-0t64), the sonames do not.
        return all(_present(evidence) for evidence in self.provides)


def _present(evidence: str) -> bool:
    if evidence.startswith("/"):
        folder = Path(evidence)
        try:
            return folder.is_dir() and any(folder.iterdir())
        except OSError:
            return False
    return load_error(evidence) is None


def system_packages(path: Path = PACKAGE_LIST) -> list[SystemPackage]:
    """The packages listed in `path`: a package and what it provides, a line; `#` starts a comment."""
    packages = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) < 2:
            raise ValueError(f"{path}:{number}: expected a package, then sonames or a folder, got {line!r}")
        packages.append(SystemPackage(fields[0], tuple(fields[1:])))
    return packages


def missing_packages(packages: Iterable[SystemPackage] | None = None) -> list[str]:
    """The names of the listed packages that are not installed here."""
    return [p.name for p in (system_packages() if packages is None else packages) if not p.installed()]


def install_command(names: Iterable[str]) -> str:
    return "sudo apt install " + " ".join(names)


def load_error(library: str) -> str | None:
    """None when the dynamic linker loads `library` and all it links to, else the linker's message."""
    import ctypes  # only where Qt's X11 platform is checked: not on every start

    # dlopen itself, not ctypes.CDLL: CDLL always binds every symbol at once (RTLD_NOW), which
    # costs tens of milliseconds on Qt's libraries; Qt loads its plugins lazily, and so do we.
    libc = ctypes.CDLL(None)
    libc.dlopen.restype = ctypes.c_void_p
    libc.dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    libc.dlerror.restype = ctypes.c_char_p
    if libc.dlopen(os.fsencode(library), os.RTLD_LAZY | os.RTLD_LOCAL):
        return None
    message = libc.dlerror()
    return message.decode(errors="replace") if message else f"{library}: cannot be loaded"


PLUGINS = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}
"""The platform plugins checked here, by Qt's name for them, and their files."""

PLATFORM_NAMES = {"xcb": "X11", "wayland": "Wayland"}


def platform_plugin(platform: str) -> Path | None:
    """PySide6's plugin for `platform` ("xcb" or "wayland"), found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    for root in (spec.submodule_search_locations or []) if spec is not None else []:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / PLUGINS[platform]
        if plugin.is_file():
            return plugin
    return None


def qt_platforms(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in its order; "wayland-egl" and the like are "wayland".

    QT_QPA_PLATFORM decides when set ("xcb", "xcb:option=value", or a list "wayland;xcb" that
    Qt tries in turn). Else a Wayland session (WAYLAND_DISPLAY, or XDG_SESSION_TYPE=wayland) has
    Qt try wayland, then xcb (Xwayland), and anything else xcb alone.
    """
    if not sys.platform.startswith("linux"):
        return []
    wanted = environ.get("QT_QPA_PLATFORM", "")
    if wanted:
        names = [entry.split(":")[0].strip() for entry in wanted.split(";")]
        return ["wayland" if name.startswith("wayland") else name for name in names if name]
    if environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def window_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the window cannot start here, in one line; None when it can, or when we cannot tell.

    Qt tries its platforms in turn (`qt_platforms`) and aborts the process when none starts,
    with a hint that misleads (it asks for xcb-cursor0 in a Wayland session that lacks the
    Wayland libraries). The window starts on the first platform whose plugin loads (for X11,
    with a DISPLAY to open on); when there is none, the reason is the first plugin that would
    not load, else the X display that does not answer (`display_refusal`) or is not set.
    Whether a Wayland compositor answers is left to Qt.
    """
    environ = os.environ if environ is None else environ
    platforms = qt_platforms(environ)
    if not platforms:
        return None
    # The frozen bundle's plugins load: its .deb depends on their libraries (from the same list,
    # which the bundle does not hold). Its display is asked all the same: from an SSH login or a
    # text console, Qt aborted the installed app asking for xcb-cursor0 and a reinstall.
    frozen = getattr(sys, "frozen", False)
    unloadable: list[tuple[str, str]] = []
    refused: str | None = None
    for platform in platforms:
        if platform not in PLUGINS:  # another platform (offscreen)
            return None
        plugin = None if frozen else platform_plugin(platform)
        if plugin is None and not frozen:  # a PySide6 laid out otherwise
            return None
        error = None if plugin is None else load_error(str(plugin))
        if error is not None:
            unloadable.append((platform, error))
        elif platform == "wayland":
            return None
        elif environ.get("DISPLAY"):
            refused = refused or display_refusal(environ["DISPLAY"])
            if refused is None:
                return None
    if unloadable:
        missing = missing_packages()
        if missing:
            return (
                "the window needs system libraries that are not installed; "
                f"install them with: {install_command(missing)}"
            )
        platform, error = unloadable[0]
        return (
            f"Qt's {PLATFORM_NAMES[platform]} platform plugin cannot be loaded ({error}); "
            "install the system package that provides the missing library"
        )
    if refused is not None:
        return refused
    return (
        "no X display to open the window on (DISPLAY is not set): "
        "start annotator from a desktop session, or under xvfb-run"
    )


XCB_CONN_ERROR, XCB_CONN_CLOSED_PARSE_ERR = 1, 5
"""libxcb's `xcb_connection_has_error` codes for a display that did not answer or let us in,
and for a DISPLAY that names no display."""


def display_refusal(display: str) -> str | None:
    """Why the X display `display` names cannot be opened, in one line; None when it answers,
    or when libxcb cannot be asked (Qt's plugin then says what it says).

    Qt aborted the process on a DISPLAY that names no running X server, or one that does not let
    this user in, with the hint that xcb-cursor0 is needed and that reinstalling may help: the
    DISPLAY a terminal multiplexer kept from an earlier session, or an SSH login's without its
    forwarding. Asked once per display and process (about a millisecond): the checks before the
    first paint and the checked start ask the same.
    """
    if display not in _refusals:
        _refusals[display] = _x_refusal(display)
    return _refusals[display]


_refusals: dict[str, str | None] = {}


def _x_refusal(display: str) -> str | None:
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    # Never NULL: a connection that failed is an object that says so, and is disconnected alike.
    connection = xcb.xcb_connect(os.fsencode(display), None)
    try:
        error = xcb.xcb_connection_has_error(connection)
    finally:
        xcb.xcb_disconnect(connection)
    if error == XCB_CONN_ERROR:
        why = "no X server answered there, or it did not let this user in"
    elif error == XCB_CONN_CLOSED_PARSE_ERR:
        why = "that is not the name of a display"
    elif error:
        why = f"libxcb error {error}"
    else:
        return None
    return (
        f"cannot open the X display {display!r:.80} (DISPLAY): {why}; start annotator from a "
        "terminal of your desktop session (a terminal multiplexer or an SSH login may keep "
        "another DISPLAY), or under xvfb-run"
    )


def main() -> int:
    """Print the missing packages, one a line (for shell scripts that run before the venv exists)."""
    for name in missing_packages():
        print(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
