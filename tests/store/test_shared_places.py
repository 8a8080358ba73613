"""A project in a synced folder or on a network share: its file alone holds every saved action."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path, PurePath

import pytest

from annotator import open_project
from annotator.core.model import ArticleDraft
from annotator.store import shared_places
from annotator.store.shared_places import (
    MARKER_LEVELS,
    is_network_type,
    marked_sync_folder,
    mount_type,
    shared_place_of,
    sync_folder_in,
)

TEXT = 'The minister said "prices rose 5% in May." Critics disagree.'

MOUNTINFO = "\n".join(
    [
        "22 27 0:21 / /proc rw,relatime - proc proc rw",
        "27 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw",
        "40 27 0:50 / /home/ana/team rw,relatime - nfs4 server:/team rw,vers=4.2",
        r"41 27 0:51 / /mnt/shared\040drive rw,relatime - cifs //nas/share rw",
        "42 27 0:52 / /home/ana/remote rw,nosuid - fuse.sshfs ana@host:/srv rw",
        "43 27 0:53 / /home/ana/vault rw,nosuid - fuse.gocryptfs /home/ana/.vault rw",
        "44 40 0:54 / /home/ana/team/local rw - ext4 /dev/sdb1 rw",
    ]
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/ana/team/p.db", "nfs4"),
        ("/home/ana/teamwork/p.db", "ext4"),  # a longer name, not a folder inside the mount
        ("/home/ana/team/local/p.db", "ext4"),  # a mount inside the share: the nearest counts
        ("/mnt/shared drive/p.db", "cifs"),
        ("/home/ana/remote/p.db", "fuse.sshfs"),
        ("/home/ana/p.db", "ext4"),
    ],
)
def test_the_mount_holding_a_path_is_the_nearest(path: str, expected: str) -> None:
    assert mount_type(path, MOUNTINFO) == expected


def test_network_and_remote_fuse_file_systems_are_shared_and_local_ones_not() -> None:
    assert all(map(is_network_type, ["nfs", "nfs4", "cifs", "smb3", "9p", "fuse.sshfs", "fuse.rclone"]))
    assert not any(map(is_network_type, ["ext4", "btrfs", "tmpfs", "overlay", "fuse.gocryptfs", "fuseblk"]))


@pytest.mark.parametrize(
    ("path", "folder"),
    [
        ("/home/ana/Dropbox/team/p.db", "Dropbox"),
        ("/home/ana/Dropbox (Personal)/p.db", "Dropbox (Personal)"),
        ("C:/Users/Ana/OneDrive - Contoso/p.db", "OneDrive - Contoso"),
        ("/Users/ana/Library/CloudStorage/GoogleDrive-ana@x.org/My Drive/p.db", "My Drive"),
        ("G:/My Drive/claims/p.db", "My Drive"),
        ("/home/ana/Nextcloud/p.db", "Nextcloud"),
        ("/home/ana/ownCloud/p.db", "ownCloud"),
        ("/home/ana/Sync/p.db", "Sync"),
        ("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/p.db", "Mobile Documents"),
        ("C:/Users/Ana/iCloudDrive/p.db", "iCloudDrive"),
    ],
)
def test_sync_tools_folders_are_known_by_name(path: str, folder: str) -> None:
    assert sync_folder_in(PurePath(path)) == folder
    assert str(shared_place_of(PurePath(path), None)) == f"a synced folder ({folder})"


@pytest.mark.parametrize(
    "path",
    ["/home/ana/projects/p.db", "/home/ana/Dropbox.db", "/home/ana/syncing/p.db", "/home/ana/Documents/p.db"],
)
def test_other_folders_are_not_shared(path: str) -> None:
    assert shared_place_of(PurePath(path), MOUNTINFO) is None


def test_a_network_share_is_named_by_its_file_system() -> None:
    assert str(shared_place_of(PurePath("/home/ana/team/p.db"), MOUNTINFO)) == "a network share (nfs4)"
    assert shared_place_of(PurePath("/home/ana/vault/p.db"), MOUNTINFO) is None


class FakeTree:
    """A file tree for `marked_sync_folder`: the paths that exist, the devices of folders (others
    on device 1), and every path asked about."""

    def __init__(self, existing: set[str], devices: dict[str, int] | None = None) -> None:
        self.existing = existing
        self.devices = devices or {}
        self.asked: list[str] = []

    def exists(self, path: PurePath) -> bool:
        self.asked.append(str(path))
        return str(path) in self.existing

    def device(self, path: PurePath) -> int | None:
        return self.devices.get(str(path), 1)


@pytest.mark.parametrize(
    ("marker", "root"),
    [
        ("/home/ana/claims-team/.stfolder", "/home/ana/claims-team"),  # Syncthing, any name
        ("/home/ana/claims-team/.dropbox", "/home/ana/claims-team"),  # Dropbox renamed
        ("/home/ana/claims-team/.owncloudsync.log", "/home/ana/claims-team"),  # Nextcloud, ownCloud
        ("/home/ana/.dropbox", "/home/ana"),  # a whole home folder kept in Dropbox
        ("/home/ana/claims-team/2024/may/.stfolder", "/home/ana/claims-team/2024/may"),
    ],
)
def test_a_sync_tools_folder_of_any_name_is_known_by_its_marker(marker: str, root: str) -> None:
    tree = FakeTree({marker})
    found = marked_sync_folder(PurePath("/home/ana/claims-team/2024/may"), tree.exists, tree.device)
    assert found == PurePath(root)


def test_the_walk_for_a_marker_stops_at_the_home_folders_parent() -> None:
    tree = FakeTree({"/home/.stfolder", "/.dropbox"})
    assert (
        marked_sync_folder(PurePath("/home/ana/claims"), tree.exists, tree.device, PurePath("/home")) is None
    )
    assert not any(asked.startswith(("/home/.", "/.")) for asked in tree.asked)


def test_the_walk_for_a_marker_stops_where_another_file_system_begins() -> None:
    """A slow network share mounted above the project is never asked about."""
    tree = FakeTree({"/mnt/nas/.dropbox"}, {"/mnt/nas/disk": 2, "/mnt/nas/disk/claims": 2})
    assert marked_sync_folder(PurePath("/mnt/nas/disk/claims"), tree.exists, tree.device) is None
    assert all(asked.startswith("/mnt/nas/disk/") for asked in tree.asked)
    tree.existing.add("/mnt/nas/disk/.stfolder")  # a disk shared whole: its root is looked in
    assert marked_sync_folder(PurePath("/mnt/nas/disk/claims"), tree.exists, tree.device) == PurePath(
        "/mnt/nas/disk"
    )


def test_the_walk_for_a_marker_has_a_bounded_depth() -> None:
    deep = PurePath("/", *[f"d{level}" for level in range(MARKER_LEVELS + 10)])
    tree = FakeTree({"/.stfolder"})
    assert marked_sync_folder(deep, tree.exists, tree.device) is None
    assert len({str(PurePath(asked).parent) for asked in tree.asked}) == MARKER_LEVELS


def test_a_folder_that_cannot_be_read_is_not_taken_for_a_synced_one() -> None:
    tree = FakeTree({"/srv/claims/.stfolder"}, {})
    assert marked_sync_folder(PurePath("/srv/claims"), tree.exists, lambda path: None) is None


def _label_one_claim(path: Path) -> None:
    """Import an article and label a claim, and copy the project file alone while it is open,
    as a sync tool uploads it."""
    with open_project(path) as project:
        (article_id,) = project.import_drafts([ArticleDraft(text=TEXT)]).added
        project.add_claim(article_id, 0, 42, "factual", annotator="ana")
        shutil.copyfile(path, path.with_name("uploaded.db"))


def _claims_in(path: Path) -> int | None:
    """The claims the file alone holds, or None for a file without the project's tables."""
    with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM claims").fetchone()[0])
        except sqlite3.OperationalError:
            return None


def test_in_a_synced_folder_the_project_file_alone_holds_the_last_label(tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox" / "claims"
    folder.mkdir(parents=True)
    _label_one_claim(folder / "team.db")
    assert _claims_in(folder / "uploaded.db") == 1


def test_in_a_syncthing_folder_of_any_name_the_project_file_alone_holds_the_last_label(
    tmp_path: Path,
) -> None:
    (tmp_path / "claims-team" / ".stfolder").mkdir(parents=True)
    folder = tmp_path / "claims-team" / "may"
    folder.mkdir()
    with open_project(folder / "team.db") as project:
        assert str(project.shared_place) == "a synced folder (claims-team)"
    _label_one_claim(folder / "other.db")
    assert _claims_in(folder / "uploaded.db") == 1


def test_in_a_renamed_dropbox_the_project_file_alone_holds_the_last_label(tmp_path: Path) -> None:
    (tmp_path / "Work Box").mkdir()
    (tmp_path / "Work Box" / ".dropbox").write_text("{}")
    _label_one_claim(tmp_path / "Work Box" / "team.db")
    assert _claims_in(tmp_path / "Work Box" / "uploaded.db") == 1


def test_on_a_network_share_the_project_file_alone_holds_the_last_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "mountinfo"
    point = str(tmp_path.resolve()).replace(" ", r"\040")
    table.write_text(f"27 1 8:1 / / rw - ext4 /dev/sda1 rw\n40 27 0:50 / {point} rw - nfs4 server:/team rw\n")
    monkeypatch.setattr(shared_places, "MOUNT_TABLE", table)
    with open_project(tmp_path / "team.db") as project:
        assert str(project.shared_place) == "a network share (nfs4)"
    _label_one_claim(tmp_path / "other.db")
    assert _claims_in(tmp_path / "uploaded.db") == 1


def test_elsewhere_actions_stay_in_the_write_ahead_log_until_the_close(tmp_path: Path) -> None:
    """No copy into the file after each action on a local disk: it costs a write of each page."""
    if shared_places.shared_place(tmp_path / "p.db") is not None:
        pytest.skip("the temporary folder is itself on a network share")
    with open_project(tmp_path / "p.db") as project:
        assert project.shared_place is None
    _label_one_claim(tmp_path / "team.db")
    assert _claims_in(tmp_path / "uploaded.db") is None
    assert _claims_in(tmp_path / "team.db") == 1  # the close copied it in
