"""The spec's filter of unused Qt plugins drops what it names, and only that.

`_UNUSED_PLUGINS` in `packaging/annotator.spec` meant to drop every server-buffer plugin of
`wayland-graphics-integration-client` (`lib*-server.so`: only a compositor built on Qt offers
server buffers), but its `lib\\w+-server` stopped at the first hyphen: `libdmabuf-server` and
`libvulkan-server` went, `libdrm-egl-server` and `libshm-emulation-server` shipped. The spec is
a PyInstaller script, not a module, so the pattern is read from its source here. A built bundle
(`dist/annotator`, or the folder `ANNOTATOR_BUNDLE` names) is checked too when there is one.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "annotator.spec"
PLUGINS = "PySide6/Qt/plugins"
SERVER_BUFFERS = "wayland-graphics-integration-client"


def spec_pattern(name: str) -> re.Pattern[str]:
    """The `re.compile(...)` the spec assigns to `name`, with the flags it gives."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            call = node.value
            assert isinstance(call, ast.Call) and ast.unparse(call.func) == "re.compile"
            flags = re.IGNORECASE if "re.IGNORECASE" in map(ast.unparse, call.args[1:]) else 0
            return re.compile(ast.literal_eval(call.args[0]), flags)
    raise AssertionError(f"{name} is not assigned in {SPEC}")


@pytest.mark.parametrize(
    "plugin",
    [
        f"{SERVER_BUFFERS}/libdrm-egl-server.so",
        f"{SERVER_BUFFERS}/libshm-emulation-server.so",
        f"{SERVER_BUFFERS}/libdmabuf-server.so",
        f"{SERVER_BUFFERS}/libvulkan-server.so",
        "platformthemes/libqgtk3.so",
        "platforms/libqeglfs.so",
        "platforms/libqvnc.so",
    ],
)
def test_unused_plugins_are_dropped(plugin: str) -> None:
    assert spec_pattern("_UNUSED_PLUGINS").search(f"{PLUGINS}/{plugin}")


@pytest.mark.parametrize(
    "plugin",
    [
        f"{SERVER_BUFFERS}/libqt-plugin-wayland-egl.so",  # the Wayland client's own EGL windows
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "platforms/libqoffscreen.so",
        "platforms/libqminimal.so",
        "platformthemes/libqxdgdesktopportal.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
        "wayland-shell-integration/libxdg-shell.so",
        "wayland-decoration-client/libbradient.so",
        "iconengines/libqsvgicon.so",
        "imageformats/libqsvg.so",
    ],
)
def test_plugins_the_window_uses_are_kept(plugin: str) -> None:
    assert not spec_pattern("_UNUSED_PLUGINS").search(f"{PLUGINS}/{plugin}")


def bundle_plugins() -> Path | None:
    named = os.environ.get("ANNOTATOR_BUNDLE")
    folder = Path(named) if named else ROOT / "dist" / "annotator"
    plugins = folder / "_internal" / PLUGINS
    return plugins if plugins.is_dir() else None


@pytest.mark.skipif(bundle_plugins() is None, reason="no built bundle (make package)")
def test_built_bundle_has_no_server_buffer_plugins() -> None:
    plugins = bundle_plugins()
    assert plugins is not None
    assert sorted(p.name for p in (plugins / SERVER_BUFFERS).glob("lib*-server.so")) == []
