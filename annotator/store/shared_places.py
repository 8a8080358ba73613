"""Whether a project lies in a synced folder or on a network share, where its `-wal` does not travel.

Teams pass projects around in Dropbox, OneDrive, Google Drive, Nextcloud, Syncthing or iCloud
folders, or keep them on an NFS or SMB share. SQLite's write-ahead log holds each committed
action until a checkpoint copies it into the file, and the window keeps the project open for
hours: a sync tool that uploads the project file alone handed colleagues a file without the
day's labels (a new project's file held not even its tables), and the log's shared memory
(`-shm`) is not shared between two computers on a network file system. The store copies each
action into the file where this says so (`ProjectStore.shared_place`).

Pure functions of their input (a path, the text of `/proc/self/mountinfo`) but for `shared_place`,
which reads the mount table of the running system.
"""

from __future__ import annotations

import contextlib
import os
import re
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
    return shared_place_of(where, mountinfo)


def _unescape(field: str) -> str:
    """A mount point as the kernel writes it: space, tab, newline and backslash as octal."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)
