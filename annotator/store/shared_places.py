"""Whether a project lies in a synced folder or on a network share, where its `-wal` does not travel.

Teams pass projects around in Dropbox, OneDrive, Google Drive, Nextcloud, Syncthing or iCloud
folders, or keep them on an NFS or SMB share. SQLite's write-ahead log holds each committed
action until a checkpoint copies it into the file, and the window keeps the project open for
hours: a sync tool that uploads the project file alone handed colleagues a file without the
day's labels (a new project's file held not even its tables), and the log's shared memory
(`-shm`) is not shared between two computers on a network file system. The store copies each
action into the file where this says so (`ProjectStore.shared_place`).

A sync tool's folder is known by its usual name, or, renamed or chosen by the user, by the marker
the tool leaves at its root (`SYNC_MARKERS`), looked for in each folder from the project's up.

Pure functions of their input (a path, the text of `/proc/self/mountinfo`, a way to ask whether a
file exists) but for `shared_place`, which reads the mount table and the disk of the running system.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Literal, NamedTuple

MOUNT_TABLE = Path("/proc/self/mountinfo")
"""Linux's table of the running process's mounts; elsewhere there is none, and names alone tell."""

NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre", "davfs", "sshfs"}
)
"""File systems (the mount table's type) whose files another computer also opens."""

LOCAL_FUSE = frozenset(
    {
        "fuse.gocryptfs",
        "fuse.encfs",
        "fuse.cryfs",
        "fuse.bindfs",
        "fuse.mergerfs",
        "fuse.lxcfs",
        "fuse.snapfuse",
        "fuse.squashfuse",
        "fuse.ntfs-3g",
        "fuse.exfat",
        "fuse.appimage",
    }
)
"""FUSE file systems that keep their files on this computer's disks (every other `fuse.*`, such
as sshfs, rclone or a desktop's network folders, is taken as remote)."""

_SYNC_FOLDERS = re.compile(
    r"dropbox( \(.*\))?|onedrive( - .*)?|onedrive-.*|google ?drive(-.*)?|my drive|nextcloud|owncloud"
    r"|sync|icloud ?drive|icloud~.*|mobile documents|cloudstorage",
    re.IGNORECASE,
)
"""Names of the folders sync tools make (Syncthing's is `Sync`; macOS puts every provider's
under `Library/CloudStorage`, and iCloud's under `Library/Mobile Documents`)."""

SYNC_MARKERS = (".stfolder", ".dropbox", ".owncloudsync.log")
"""Names a sync tool puts at the root of each folder it shares, whatever the folder is called:
Syncthing's `.stfolder` (a folder), Dropbox's `.dropbox` (a file), the Nextcloud and ownCloud
clients' `.owncloudsync.log`. Their journals (`.sync_*.db`, `._sync_*.db`) have no fixed name and
would need each folder listed, which costs too much on a slow disk."""

MARKER_LEVELS = 30
"""At most so many folders are looked in for a marker, from the project's up: three `lstat`s and
a fourth for the device each, about 0.2 ms for a project 15 folders deep on a local disk, once as
the project opens."""


class SharedPlace(NamedTuple):
    """Why a project's folder is shared: a sync tool's folder (`name`: the folder) or a
    network share (`name`: its file system)."""

    kind: Literal["synced", "network"]
    name: str

    def __str__(self) -> str:
        if self.kind == "network":
            return f"a network share ({self.name})"
        return f"a synced folder ({self.name})"


def sync_folder_in(path: PurePath) -> str | None:
    """The name of the sync tool's folder `path` lies in (its nearest such folder), or None."""
    for part in reversed(path.parent.parts):
        if _SYNC_FOLDERS.fullmatch(part):
            return part
    return None


def marked_sync_folder(
    folder: PurePath,
    exists: Callable[[PurePath], bool],
    device: Callable[[PurePath], int | None],
    stop_at: PurePath | None = None,
) -> PurePath | None:
    """The nearest folder from `folder` up that holds a sync tool's marker (`SYNC_MARKERS`), or None.

    `exists` tells whether a path exists (without following a link), `device` the device a folder
    lies on (None if it cannot be read). The walk ends at `stop_at` (not looked in: the home folder's
    parent, whose neighbours are other people's), at the root, after `MARKER_LEVELS` folders, and where
    the device changes, for the folder above a mount point is another file system, perhaps a slow one."""
    start = device(folder)
    if start is None:
        return None
    for level, here in enumerate((folder, *folder.parents)):
        if level >= MARKER_LEVELS or here == stop_at or (level and device(here) != start):
            return None
        if any(exists(here / marker) for marker in SYNC_MARKERS):
            return here
    return None


def mount_type(path: str, mountinfo: str) -> str | None:
    """The file-system type of the mount holding the absolute `path`, from `mountinfo` (the text of
    `/proc/self/mountinfo`); None if no line names a mount that holds it."""
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        fields = line.split(" ")
        if " - " not in line or len(fields) < 5:
            continue
        after = line.split(" - ", 1)[1].split(" ")
        point = _unescape(fields[4])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        # The last of two mounts on one point is the one in use (it hides the first).
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), after[0])
    return None if best is None else best[1]


def is_network_type(fstype: str) -> bool:
    """Whether files on a mount of `fstype` may be opened from another computer too."""
    fstype = fstype.lower()
    if fstype in NETWORK_FILE_SYSTEMS:
        return True
    return fstype.startswith("fuse.") and fstype not in LOCAL_FUSE


def shared_place_of(path: PurePath, mountinfo: str | None) -> SharedPlace | None:
    """What makes `path` (absolute, links resolved) shared with other computers; None for a
    folder only this computer uses."""
    if mountinfo is not None:
        fstype = mount_type(str(path), mountinfo)
        if fstype is not None and is_network_type(fstype):
            return SharedPlace("network", fstype)
    folder = sync_folder_in(path)
    if folder is not None:
        return SharedPlace("synced", folder)
    return None


def shared_place(path: Path) -> SharedPlace | None:
    """`shared_place_of` for the project at `path` on this computer (Linux reads its mount table)."""
    try:
        where = Path(os.path.realpath(path))
    except (OSError, ValueError):
        where = path.absolute()
    mountinfo: str | None = None
    with contextlib.suppress(OSError):  # not Linux: the folder's names alone
        mountinfo = MOUNT_TABLE.read_text(encoding="utf-8", errors="surrogateescape")
    place = shared_place_of(where, mountinfo)
    if place is not None:
        return place
    try:
        stop_at: PurePath | None = Path(os.path.realpath(Path.home())).parent
    except (OSError, RuntimeError):  # no home folder known: the root or `MARKER_LEVELS` end the walk
        stop_at = None
    marked = marked_sync_folder(where.parent, _exists, _device, stop_at)
    if marked is None:
        return None
    return SharedPlace("synced", marked.name or str(marked))


def _exists(path: PurePath) -> bool:
    """Whether `path` exists, a dangling link included (one `lstat`, no error raised)."""
    return os.path.lexists(path)


def _device(path: PurePath) -> int | None:
    """The device the folder `path` lies on, or None if it cannot be read."""
    try:
        return os.lstat(path).st_dev
    except (OSError, ValueError):
        return None


def _unescape(field: str) -> str:
    """A mount point as the kernel writes it: space, tab, newline and backslash as octal."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)
