"""Where each kind of file dialog opens, remembered between runs.

A person who imports from ~/Downloads/feeds every morning, or exports into one shared folder,
should not walk there again each time. Each kind of dialog (`core.settings.FOLDER_PURPOSES`)
starts in the folder last chosen in a dialog of that kind (`services.settings.start_folder`).
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core.settings import FolderPurpose, Settings
from annotator.services.settings import start_folder
from annotator.ui.context import SettingsHandle


class DialogFolders:
    """The start folder for each kind of file dialog, and the person's last choice of each."""

    def __init__(self, settings: SettingsHandle | None) -> None:
        """`settings` None: a dialog shown outside the window (a test) remembers nothing."""
        self._settings = settings

    def start(self, purpose: FolderPurpose, project: Path | None = None) -> Path:
        current = self._settings.settings if self._settings is not None else Settings()
        return start_folder(current, purpose, project)

    def remember(self, purpose: FolderPurpose, folder: Path) -> None:
        """Start dialogs of this kind in `folder` from now on (if it is one: a typed path may not be).

        `os.path.isdir`, not `Path.is_dir`, which raised "File name too long" for a folder past
        the 4,096 bytes of a path, before the project could be refused with a reason."""
        if self._settings is None or not os.path.isdir(folder):
            return
        current = self._settings.settings
        updated = current.with_folder(purpose, str(folder.absolute()))
        if updated != current:
            self._settings.update_settings(updated)
