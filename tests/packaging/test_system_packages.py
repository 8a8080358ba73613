"""The system packages list is true, and a missing library gives one line instead of Qt's abort.

`annotator/ui/system-packages.txt` is the one list of Debian/Ubuntu packages the window needs
(read by `make run`, CI, the .deb and the app). These tests keep it equal to what PySide6's Qt
actually links to, and run the app as a user would with a library missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.ui import system_check
from annotator.ui.system_check import SystemPackage, missing_packages, system_packages, window_problem

ROOT = Path(__file__).resolve().parents[2]

# On every Debian and Ubuntu (required or essential packages): never worth asking for.
EVERYWHERE = {
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "libpthread.so.0",
    "librt.so.1",
    "libgcc_s.so.1",
    "libstdc++.so.6",
    "libz.so.1",
    "libzstd.so.1",
}


def _pyside_root() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent


def _qt_window_files() -> list[Path]:
    """What Qt loads to show a window on X11 or Wayland: PySide6's modules, Qt's libraries, the
    xcb and wayland plugins with the shells, decorations and GL integration a Wayland window uses."""
    root = _pyside_root()
    qt = root / "Qt"
    files = [*root.glob("Qt[A-Z]*.abi3.so"), *root.glob("libpyside6.*.so*")]
    files = [f for f in files if f.name.split(".")[0] in {"QtCore", "QtGui", "QtWidgets", "libpyside6"}]
    libraries = ("Core", "Gui", "Widgets", "DBus", "XcbQpa", "WaylandClient")
    files += [qt / "lib" / f"libQt6{name}.so.6" for name in libraries]
    files += [qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("plugins/xcbglintegrations/*.so")]
    files += [qt / "plugins" / "platforms" / "libqwayland.so"]
    for folder in ("wayland-shell-integration", "wayland-decoration-client"):
        files += qt.glob(f"plugins/{folder}/*.so")
    # The client's own EGL windows; the `*-server` buffers serve only a compositor built on Qt.
    files += [qt / "plugins" / "wayland-graphics-integration-client" / "libqt-plugin-wayland-egl.so"]
    return files


def _needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return {line.split("[", 1)[1].rstrip("]") for line in out.splitlines() if "(NEEDED)" in line}


def test_the_list_parses_into_packages_with_sonames_or_folders() -> None:
    packages = system_packages()
    names = [p.name for p in packages]
    assert len(names) == len(set(names))
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libgl1"} <= set(names)
    for package in packages:
        assert all(".so." in e or e.startswith("/") for e in package.provides), package


def test_a_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    listing = tmp_path / "packages.txt"
    listing.write_text("# comment\nlibgl1 libGL.so.1\nlibxcb1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{listing}:3: expected a package, then sonames"):
        system_packages(listing)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("readelf") is None, reason="needs Linux and readelf"
)
def test_the_list_names_every_system_library_qt_links_to_and_no_other() -> None:
    # A new PySide6 that links one more library must fail here, not on a user's desktop.
    files = _qt_window_files()
    assert all(f.is_file() for f in files), [f for f in files if not f.is_file()]
    root = _pyside_root()
    bundled = {
        p.name for folder in (root, root / "Qt" / "lib", root.parent / "shiboken6") for p in folder.iterdir()
    }
    needed = set().union(*(_needed(f) for f in files))
    system = {name for name in needed - bundled - EVERYWHERE if not name.startswith("ld-linux")}
    listed = {e for p in system_packages() for e in p.provides if not e.startswith("/")}
    assert sorted(system - listed) == [], "linked by Qt but missing from system-packages.txt"
    assert sorted(listed - system) == [], "listed but linked by nothing Qt loads for the window"


def test_missing_packages_are_found_by_what_they_provide(tmp_path: Path) -> None:
    present = SystemPackage("libc6", ("libc.so.6",))
    absent = SystemPackage("libnothing0", ("libannotator-nothing.so.0",))
    half = SystemPackage("libhalf0", ("libc.so.6", "libannotator-nothing.so.0"))
    empty = tmp_path / "fonts"
    empty.mkdir()
    no_fonts = SystemPackage("fonts-x", (str(empty),))
    assert missing_packages([present, absent, half, no_fonts]) == ["libnothing0", "libhalf0", "fonts-x"]
    (empty / "a.ttf").write_bytes(b"")
    assert missing_packages([no_fonts]) == []


@pytest.mark.parametrize(
    ("environ", "platforms"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, ["offscreen"]),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "wayland-egl"}, ["wayland"]),
        ({"QT_QPA_PLATFORM": "xcb"}, ["xcb"]),
        ({"QT_QPA_PLATFORM": "xcb:nomitshm;wayland"}, ["xcb", "wayland"]),
        ({"WAYLAND_DISPLAY": "wayland-0"}, ["wayland", "xcb"]),
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, ["wayland", "xcb"]),
        ({"DISPLAY": ":0"}, ["xcb"]),
    ],
)
def test_the_check_follows_the_platforms_qt_will_try(environ: dict[str, str], platforms: list[str]) -> None:
    # Qt 6 tries wayland, then xcb, in a Wayland session (checked under Weston with the wayland
    # plugin unloadable: it fell back to Xwayland's DISPLAY, and aborted without one).
    assert system_check.qt_platforms(environ) == (platforms if sys.platform.startswith("linux") else [])


def _unloadable(*plugins: str) -> Callable[[str], str | None]:
    """A `load_error` for which the named plugins' libwayland-client or libxcb-icccm is missing."""

    def load_error(library: str) -> str | None:
        for plugin in plugins:
            if plugin in library:
                return f"{library}: {plugin}'s library: cannot open shared object file"
        return None

    return load_error


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Wayland and X11 are Linux's")
def test_a_wayland_session_without_the_wayland_libraries_falls_back_to_x11_or_names_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # GNOME's Wayland session: XDG_SESSION_TYPE and WAYLAND_DISPLAY set, DISPLAY set for Xwayland.
    gnome = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    monkeypatch.setattr(system_check, "load_error", _unloadable())
    monkeypatch.setattr(system_check, "display_refusal", lambda _display: None)  # Xwayland answers
    assert window_problem(gnome) is None
    monkeypatch.setattr(system_check, "load_error", _unloadable("libqwayland"))
    assert window_problem(gnome) is None  # Qt falls back to X11 (Xwayland) itself
    monkeypatch.setattr(system_check, "missing_packages", lambda: ["libwayland-client0"])
    no_xwayland = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    assert window_problem(no_xwayland) == (
        "the window needs system libraries that are not installed; "
        "install them with: sudo apt install libwayland-client0"
    )
    # Asked for by name, Wayland has no fallback even with a DISPLAY.
    assert window_problem({"QT_QPA_PLATFORM": "wayland", **gnome}) is not None
    monkeypatch.setattr(system_check, "load_error", _unloadable("libqwayland", "libqxcb"))
    assert window_problem(gnome) is not None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Wayland is Linux's")
def test_an_unlisted_missing_wayland_library_is_named_by_the_linker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system_check, "load_error", _unloadable("libqwayland"))
    monkeypatch.setattr(system_check, "missing_packages", list)
    problem = window_problem({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"})
    assert problem is not None and problem.startswith("Qt's Wayland platform plugin cannot be loaded (")
    assert "libqwayland's library" in problem and "\n" not in problem


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 platform is Linux's")
def test_no_display_is_said_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system_check, "load_error", lambda _library: None)
    monkeypatch.setattr(system_check, "display_refusal", lambda _display: None)
    assert window_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}) is None
    problem = window_problem({"QT_QPA_PLATFORM": "xcb"})
    assert problem is not None and "DISPLAY is not set" in problem and "\n" not in problem


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 platform is Linux's")
def test_the_standalone_app_says_there_is_no_display_instead_of_qts_abort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The installed .deb started from an SSH login or a text console: Qt aborted (core dumped)
    asking for xcb-cursor0, which the package depends on, and to reinstall it. The bundle holds
    no package list, and its plugins are not checked: its .deb installs their libraries."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(system_check, "load_error", lambda _library: pytest.fail("a plugin was checked"))
    monkeypatch.setattr(system_check, "platform_plugin", lambda _platform: None)
    problem = window_problem({"QT_QPA_PLATFORM": "xcb"})
    assert problem is not None and "DISPLAY is not set" in problem
    display = _no_x_server()
    problem = window_problem({"DISPLAY": display})
    assert problem is not None and problem.startswith(f"cannot open the X display '{display}'")
    assert window_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None  # left to Qt, as from source


def _no_x_server() -> str:
    """A DISPLAY that names no running X server here."""
    number = next(n for n in range(4093, 4000, -1) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 platform is Linux's")
@pytest.mark.parametrize("args", [["--sample"], ["--self-test"]])
def test_a_display_no_x_server_answers_is_said_instead_of_qts_abort(tmp_path: Path, args: list[str]) -> None:
    """The DISPLAY a terminal multiplexer kept from an earlier session, or an SSH login's without
    its forwarding: Qt aborted the first start (core dumped) asking for xcb-cursor0, which is
    installed, and to reinstall the application, which changes nothing."""
    display = _no_x_server()
    env = {k: v for k, v in os.environ.items() if k not in {"WAYLAND_DISPLAY", "XDG_SESSION_TYPE"}}
    env |= {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display, "ANNOTATOR_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(
        f"annotator: cannot open the X display '{display}' (DISPLAY): no X server answered"
    )
    assert "xcb-cursor0" not in line and "terminal of your desktop session" in line


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 platform is Linux's")
def test_an_unlisted_missing_library_is_named_by_the_linker(monkeypatch: pytest.MonkeyPatch) -> None:
    def load_error(library: str) -> str | None:
        return "libfuture.so.9: cannot open shared object file" if "libqxcb" in library else None

    monkeypatch.setattr(system_check, "load_error", load_error)
    problem = window_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"})
    assert problem is not None and "libfuture.so.9" in problem


def _apt_line(args: list[str], env: dict[str, str]) -> list[str]:
    """The packages the one line of a refused start names, after its "sudo apt install"."""
    done = subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("annotator: the window needs system libraries that are not installed; ")
    assert "sudo apt install " in line
    return line.split("sudo apt install ")[1].split()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 platform is Linux's")
@pytest.mark.parametrize("args", [["--self-test"], []])
def test_a_missing_library_gives_the_apt_line_instead_of_qts_abort(tmp_path: Path, args: list[str]) -> None:
    # An unloadable libxcb-icccm.so.4 first on the library path stands for the missing package
    # (Debian 12 desktops without libxcb-icccm4 and libxcb-keysyms1 hit exactly this).
    stub = tmp_path / "lib"
    stub.mkdir()
    (stub / "libxcb-icccm.so.4").write_bytes(b"")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":99",
        "LD_LIBRARY_PATH": str(stub),
        "ANNOTATOR_HOME": str(tmp_path / "home"),
    }
    assert "libxcb-icccm4" in _apt_line(args, env)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Wayland platform is Linux's")
@pytest.mark.parametrize("args", [["--self-test"], []])
def test_a_wayland_session_without_its_libraries_gives_the_apt_line(tmp_path: Path, args: list[str]) -> None:
    # Qt tried wayland, then xcb with no DISPLAY, and aborted asking for xcb-cursor0.
    stub = tmp_path / "lib"
    stub.mkdir()
    (stub / "libwayland-client.so.0").write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "DISPLAY"}}
    env |= {
        "XDG_SESSION_TYPE": "wayland",
        "WAYLAND_DISPLAY": "wayland-annotator-none",
        "LD_LIBRARY_PATH": str(stub),
        "ANNOTATOR_HOME": str(tmp_path / "home"),
    }
    assert "libwayland-client0" in _apt_line(args, env)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dlopen and LD_LIBRARY_PATH are Linux's")
def test_the_script_form_prints_the_missing_packages_one_a_line(tmp_path: Path) -> None:
    # `make run` and CI run the module as a script with the system Python, before the venv exists.
    (tmp_path / "libxcb-keysyms.so.1").write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-I", str(ROOT / "annotator" / "ui" / "system_check.py")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LD_LIBRARY_PATH": str(tmp_path)},
    )
    lines = done.stdout.splitlines()
    assert "libxcb-keysyms1" in lines
    assert set(lines) <= {p.name for p in system_packages()}
