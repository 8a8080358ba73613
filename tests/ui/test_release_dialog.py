"""File > Release Dataset…: the preview shows the service's splits, Release writes in the background,
Cancel stops it and leaves no folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
)
from pytestqt.qtbot import QtBot

from annotator.core.model import ArticleDraft
from annotator.core.settings import Settings
from annotator.core.splits import check_ratios
from annotator.services.project import open_project
from annotator.services.release import ReleaseOptions, plan_release
from annotator.services.settings import load_settings
from annotator.ui.release_dialog import ReleaseDialog
from annotator.ui.subprocess_work import ReleaseSummary
from tests.services.release_data import build_release_project
from tests.services.team_data import whole_and_half_team
from tests.ui.conftest import agreed_and_open_team, larger_font, make_project, open_window, wikinews_texts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui-release") / "team.annotator.db"
    build_release_project(path)
    return path


@pytest.fixture
def dialog(qtbot: QtBot, built: Path, tmp_path: Path) -> Any:
    project = tmp_path / "team.annotator.db"
    project.write_bytes(built.read_bytes())
    window = open_window(qtbot, project, annotator="dana")
    window.auto_preannotate = False
    file_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    titles = [a.text() for a in file_menu.actions()]
    assert titles[titles.index("&Export…") + 1] == "Release &Dataset…"
    next(a for a in file_menu.actions() if a.text() == "Release &Dataset…").trigger()
    qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
    found = window.findChild(ReleaseDialog)
    assert found is not None
    qtbot.waitUntil(found.isVisible)
    yield found
    if shiboken6.isValid(found) and found.isVisible():  # closed by the test, it is deleted
        found.done(0)
    window.close()


def preview(table: Any) -> dict[str, list[str]]:
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    }


def test_preview_shows_the_planned_splits_and_release_writes_them(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path
) -> None:
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    with open_project(dialog.project_path, create=False) as project:
        gold = plan_release(project, ReleaseOptions(labels="gold"))
        majority = plan_release(project, ReleaseOptions(labels="majority", split=(0.6, 0.2, 0.2)))
    expected = {
        s.name: [str(s.articles), str(s.claims), *map(str, s.labels.values())] for s in gold.summaries()
    }
    assert preview(dialog.table) == expected
    assert "8 articles have no label of this kind" in dialog.preview_note.text()

    dialog.labels.setCurrentIndex(dialog.labels.findData("majority"))
    for box, value in zip(dialog.shares, (60, 30, 30), strict=True):
        box.setValue(value)
    qtbot.waitUntil(lambda: "add up to 100" in dialog.preview_note.text(), timeout=20_000)
    assert not dialog.release_button.isEnabled()
    dialog.shares[1].setValue(20)
    dialog.shares[2].setValue(20)
    qtbot.waitUntil(lambda: "tied spans" in dialog.preview_note.text(), timeout=20_000)
    expected = {
        s.name: [str(s.articles), str(s.claims), *map(str, s.labels.values())] for s in majority.summaries()
    }
    assert preview(dialog.table) == expected
    assert f"{len(majority.ties)} tied spans will be left out" in dialog.preview_note.text()
    if os.environ.get("ANNOTATOR_SCREENSHOTS"):
        dialog.grab().save(str(Path(os.environ["ANNOTATOR_SCREENSHOTS"]) / "release-dialog.png"))

    out = tmp_path / "dataset"
    dialog.folder.setText(str(out))
    dialog.pseudonymise.setChecked(True)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.options.pseudonymise, timeout=20_000)
    assert dialog.release_button.isEnabled()
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    assert dialog.busy and not dialog.release_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    assert dialog.outcome is not None, dialog.preview_note.text()
    assert dialog.preview_note.text().startswith(f"Released {majority.claim_count} claims (Majority)")
    card = (out / "README.md").read_text("utf-8")
    assert "(pseudonymised)" in card and "split 0.6/0.2/0.2" in card


def test_the_split_boxes_give_no_share_the_release_refuses(qtbot: QtBot, dialog: ReleaseDialog) -> None:
    """Train at 0 % with validation and test at 50 % added up to 100, and the preview said only
    then that the train share must be above 0; each box keeps to the shares a release takes."""
    train, validation, test = dialog.shares
    for box in dialog.shares:
        box.setValue(-5)
        assert box.value() == (1 if box is train else 0)
        box.setValue(150)
        assert box.value() == 100
    train.setValue(0)
    validation.setValue(99)
    test.setValue(0)
    assert sum(box.value() for box in dialog.shares) == 100
    check_ratios(dialog.options().split)
    qtbot.waitUntil(
        lambda: dialog.plan is not None and dialog.plan.options.split == (0.01, 0.99, 0.0), timeout=20_000
    )


def test_cancel_stops_the_release_and_leaves_no_folder(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path
) -> None:
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    dialog.labels.setCurrentIndex(dialog.labels.findData("all"))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.options.labels == "all", timeout=20_000)
    out = tmp_path / "dataset"
    dialog.folder.setText(str(out))
    assert dialog.start_release() is not None
    dialog.reject()  # the first Cancel stops the writing and keeps the dialog open
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    assert dialog.isVisible()
    assert "Cancelled" in dialog.preview_note.text()
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if ".db" not in p.name] == []


def test_a_folder_name_typed_on_its_own_goes_beside_the_default_not_into_the_working_directory(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "started-from-here"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # an app started from a desktop menu runs in / or home
    assert Path(dialog.folder.text()).parent == tmp_path  # beside the project, the first time
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    dialog.folder.setText("typed-name")
    assert dialog.start_release() is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    assert dialog.outcome is not None, dialog.preview_note.text()
    assert (tmp_path / "typed-name" / "README.md").is_file()
    assert list(elsewhere.iterdir()) == []
    assert load_settings().folder_for("export") == str(tmp_path)


def test_escape_asks_before_throwing_away_the_intended_use_typed_for_the_card(
    qtbot: QtBot, dialog: ReleaseDialog
) -> None:
    dialog.activateWindow()  # offscreen, a dialog is not made active by itself
    qtbot.waitUntil(dialog.isActiveWindow)
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    dialog.limitations.setFocus()
    dialog.limitations.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.limitations, " Not for ranking outlets.")
    qtbot.keyClick(dialog.limitations, Qt.Key.Key_Escape)
    asking = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    assert closed == [] and dialog.isVisible()
    assert [box.text() for box in asking] == ["Discard the intended use and limitations you typed?"]
    qtbot.keyClick(asking[0], Qt.Key.Key_Escape)  # no: back to the text, as typed
    assert closed == [] and dialog.isVisible()
    assert dialog.limitations.toPlainText().endswith("Not for ranking outlets.")
    assert dialog.focusWidget() is dialog.limitations
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()  # asks too; D discards
    asking = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    assert len(asking) == 1
    qtbot.keyClick(asking[0], Qt.Key.Key_D)
    qtbot.waitUntil(lambda: closed == [0])


def test_escape_closes_at_once_when_nothing_was_typed(qtbot: QtBot, dialog: ReleaseDialog) -> None:
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert closed == [0] and not dialog.findChildren(QMessageBox)


@contextmanager
def _shown_with_larger_text(
    qtbot: QtBot, built: Path, tmp_path: Path, factor: float
) -> Iterator[ReleaseDialog]:
    """The dialog on a copy of the release project, shown on its own with the desktop's text
    `factor` times larger, once its preview is planned; closed after."""
    project = tmp_path / "team.annotator.db"
    project.write_bytes(built.read_bytes())
    with larger_font(factor), open_project(project) as opened:
        dialog = ReleaseDialog(opened)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
        yield dialog
        dialog.done(0)


def _assert_scrolls_up_and_down_only_with_its_buttons_inside(dialog: ReleaseDialog) -> None:
    """The form is no wider than the dialog, and Release and Cancel lie inside it."""
    body = dialog.findChild(QScrollArea).widget()
    assert body.width() >= body.minimumSizeHint().width()  # scrolls up and down only
    for button in dialog.buttons.buttons():
        assert dialog.rect().contains(button.geometry().translated(dialog.buttons.pos())), button.text()


def test_with_twice_the_text_on_a_laptop_the_dialog_and_its_buttons_fit_the_screen(
    qtbot: QtBot, built: Path, tmp_path: Path, laptop_screen: QRect
) -> None:
    """At 2x text the form, the limitations box and the preview needed 798 pixels, more than a
    1366x768 laptop has: Release and Cancel were below the screen's edge."""
    with _shown_with_larger_text(qtbot, built, tmp_path, 2) as dialog:
        assert dialog.height() <= laptop_screen.height() and dialog.width() <= laptop_screen.width()
        _assert_scrolls_up_and_down_only_with_its_buttons_inside(dialog)


def test_at_twice_the_scale_with_larger_text_the_dialog_is_no_wider_than_the_laptops_screen(
    qtbot: QtBot, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 200% on a 1366x768 laptop (683x384) with the desktop's text 1.5 times larger, the
    fields kept their place beside the form's labels: the dialog was 889 pixels wide, and
    Choose…, Release and Cancel lay past the screen's right edge."""
    screen = QRect(0, 0, 683, 384)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    with _shown_with_larger_text(qtbot, built, tmp_path, 1.5) as dialog:
        frame = dialog.frameGeometry()
        assert frame.width() <= screen.width() and frame.height() <= screen.height(), frame
        _assert_scrolls_up_and_down_only_with_its_buttons_inside(dialog)
        # The form's buttons and boxes whole across (up and down, the form scrolls).
        for button in dialog.findChildren(QAbstractButton):
            if button.isVisibleTo(dialog) and button.text():
                left = button.mapTo(dialog, button.rect().topLeft()).x()
                assert left >= 0 and left + button.width() <= dialog.width(), button.text()
                assert button.width() >= button.sizeHint().width(), button.text()


def test_releasing_again_into_the_same_folder_names_the_box_to_tick_not_a_command_option(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path
) -> None:
    """A team lead released, changed an option and pressed Release again: the window said to
    "pass --force", a command-line option its user never sees, instead of naming its own box."""
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    out = tmp_path / "dataset"
    dialog.folder.setText(str(out))
    assert dialog.start_release() is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    assert dialog.outcome is not None, dialog.preview_note.text()
    dialog.outcome = None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)  # Release, again
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    note = dialog.preview_note.text()
    assert "not empty" in note and "--force" not in note
    # The box as it reads on screen: its Alt letter's "&" showed in the note ("in this f&older").
    assert "tick “Replace an earlier release in this folder” to replace the release there." in note
    assert "&" not in note
    assert dialog.outcome is None
    assert dialog.force.hasFocus()
    qtbot.keyClick(dialog.force, Qt.Key.Key_Space)  # as the note says, with the box at hand
    assert dialog.force.isChecked()
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    assert dialog.outcome is not None, dialog.preview_note.text()


def test_a_card_released_without_a_licence_names_the_dialog_s_licence_box_not_a_command_option(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path
) -> None:
    """The Licence box starts empty; the card of such a release told the person to "release
    again with `--license SPDX`", an option of a command line they never used."""
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    assert dialog.licence.currentText() == ""
    out = tmp_path / "dataset"
    dialog.folder.setText(str(out))
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    assert dialog.outcome is not None, dialog.preview_note.text()
    card = (out / "README.md").read_text("utf-8")
    line = next(line for line in card.splitlines() if line.startswith("Dataset licence:"))
    assert "--" not in line
    assert "Licence (SPDX) box of File ▸ Release Dataset…" in line
    labels = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)]
    assert "Licence (SPDX)" in labels  # the box the card names is there, under that name


def test_a_licence_typed_with_spaces_is_refused_in_a_sentence_naming_the_licence_box(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path
) -> None:
    """The Licence box is editable; "CC BY 4.0" typed there was refused by the release in the
    command line's words ("licence 'CC BY 4.0' is not an SPDX identifier …"), lowercase,
    without a full stop or the box to correct it in."""
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    out = tmp_path / "dataset"
    dialog.folder.setText(str(out))
    dialog.licence.setEditText("CC BY 4.0")
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    said = dialog.preview_note.text()
    assert said.startswith("“CC BY 4.0” is not an SPDX licence identifier") and said.endswith(".")
    assert "Licence (SPDX) box" in said
    assert dialog.outcome is None and not out.exists()


def test_a_release_killed_between_its_renames_is_put_back_before_the_folder_is_judged(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path
) -> None:
    """Killed between moving the earlier release aside and renaming the new one in, a
    replacement left the name empty: the dialog took the folder for a new one and let the
    release go ahead without the box, where the release itself then refused it."""
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    dead = 999_999_999  # above any pid_max: no process has it
    for kind, claims in (("abcdefgh.old", b'{"claim": 0}\n'), ("ijklmnop.part", b'{"claim": 1}\n')):
        folder = tmp_path / f".dataset.{dead}.{kind}"
        (folder / "claims").mkdir(parents=True)
        (folder / "claims" / "train.jsonl").write_bytes(claims)
        digest = hashlib.sha256(claims).hexdigest()
        (folder / "SHA256SUMS").write_text(f"{digest}  claims/train.jsonl\n", "utf-8")
    dialog.folder.setText(str(tmp_path / "dataset"))
    assert dialog.start_release() is None
    assert "not empty" in dialog.preview_note.text()
    assert (tmp_path / "dataset" / "claims" / "train.jsonl").read_bytes() == b'{"claim": 1}\n'


def test_the_release_says_which_claims_its_spacy_files_widened_to_whole_words(
    qtbot: QtBot, built: Path, tmp_path: Path
) -> None:
    """A claim cut inside a word goes into the spaCy files widened, as an export's does; the
    export says so after what it wrote, and Release Dataset must say it where it reports
    the release, or the person releasing never learns a label went out changed."""
    project = tmp_path / "team.annotator.db"
    project.write_bytes(built.read_bytes())
    with open_project(project, create=False) as proj:
        article_id = proj.article_ids()[0]
        text = proj.article(article_id).text
        end = text.index(" ", 10)
        proj.add_claim(article_id, 0, end - 1, "opinion", annotator="dana")  # its last letter left out
    window = open_window(qtbot, project, annotator="dana")
    window.auto_preannotate = False
    file_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    next(a for a in file_menu.actions() if a.text() == "Release &Dataset…").trigger()
    qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
    dialog = window.findChild(ReleaseDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.labels.setCurrentIndex(dialog.labels.findData("all"))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.options.labels == "all", timeout=20_000)
    out = tmp_path / "dataset"
    dialog.folder.setText(str(out))
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    assert dialog.outcome is not None, dialog.preview_note.text()
    note = dialog.preview_note.text()
    assert note.startswith("Released ")
    assert "1 claim started or ended inside a word and was widened to whole words" in note
    assert f"{text[: end - 1]!r} exported as {text[:end]!r}" in note
    assert "the 1 claim that starts or ends inside a word is widened" in (out / "README.md").read_text(
        "utf-8"
    )
    dialog.done(0)
    window.close()


def test_once_the_project_folder_is_deleted_the_open_dialog_says_what_to_do_and_starts_nothing(
    qtbot: QtBot, built: Path, tmp_path: Path
) -> None:
    """The dialog kept only the project's path: once the window found the file gone, its Release
    and its preview opened the path and said only "…: does not exist", sending nobody to
    File ▸ Save a Copy As…, which keeps the work."""
    folder = tmp_path / "Ordner ü"
    folder.mkdir()
    path = folder / "team.annotator.db"
    path.write_bytes(built.read_bytes())
    window = open_window(qtbot, path, annotator="dana")
    window.auto_preannotate = False
    try:
        qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
        window.registry["release"].trigger()
        dialog = window.findChild(ReleaseDialog)
        assert dialog is not None
        qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
        out = tmp_path / "released"
        dialog.folder.setText(str(out))
        shutil.rmtree(folder)
        qtbot.waitUntil(lambda: window.project is not None and window.project.saving_stopped, timeout=15_000)
        for box in window.findChildren(QMessageBox, "errorBox"):
            box.close()

        qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
        assert not dialog.busy  # nothing started
        said = dialog.preview_note.text()
        assert "team.annotator.db was moved, renamed or deleted while open" in said
        assert "Save a Copy As" in said
        assert not out.exists()

        dialog.preview_note.clear()
        dialog.seed.setValue(dialog.seed.value() + 1)  # the preview is worked out again
        qtbot.waitUntil(
            lambda: dialog.preview_note.text() not in ("", "Working out the splits…"), timeout=20_000
        )
        said = dialog.preview_note.text()
        assert "moved, renamed or deleted while open" in said and "does not exist" not in said
        assert not dialog.release_button.isEnabled()
        dialog.done(0)
    finally:
        window.close()


def test_the_dialog_s_words_say_where_things_are_count_right_and_explain_the_seed(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path
) -> None:
    """The limitations text pointed to "the agreement figures above" (below it, in the dialog;
    above it, in the card), the summary said "claim(s)" and "1 articles", and "Seed" said
    nothing of what the number does."""
    limitations = dialog.limitations.toPlainText()
    assert "above" not in limitations and "inter-annotator agreement section" in limitations
    assert dialog.seed_hint.isVisibleTo(dialog)
    assert dialog.seed_hint.text() == "The same number gives the same split again."
    assert "repeated exactly" in dialog.seed.toolTip()
    dialog.labels.setCurrentIndex(dialog.labels.findData("gold"))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.options.labels == "gold", timeout=20_000)
    assert "8 articles have no label of this kind and are left out." in dialog.preview_note.text()
    dialog.folder.setText(str(tmp_path / "dataset"))
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    said = dialog.preview_note.text()
    # Sentences, the kind of labels as the Labels box says it: the command line's summary
    # ("released 12 claims (gold) to …") started lowercase and ended without a full stop.
    assert said.startswith(f"Released 12 claims (Gold) to {tmp_path / 'dataset'}: ")
    assert "validation 1 article / 1 claim," in said and "train 10 articles / 10 claims" in said
    assert said.endswith(".")
    assert "(s)" not in said


def test_the_team_agreement_under_the_preview_says_what_its_figure_means(
    qtbot: QtBot, dialog: ReleaseDialog
) -> None:
    """The note read "Team agreement: alpha 0.287 on 10 spans.": a lead about to publish the
    labels could not tell whether that was good, nor that 1 is the most it can be."""
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    with open_project(dialog.project_path, create=False) as project:
        team = plan_release(project, ReleaseOptions(labels="gold")).agreement.team.alpha
    assert team.value is not None
    note = dialog.preview_note.text()
    assert f"Team agreement on the labels: {team.value:.3f} on {team.items} spans" in note
    assert "(Krippendorff's alpha: 1 is perfect, 0 is chance)" in note
    assert "agreement: alpha" not in note


def test_alt_and_a_letter_goes_to_each_field(qtbot: QtBot, dialog: Any) -> None:
    """Nine fields are many Tabs to the last: each has its Alt letter, as in Preferences, the
    rows of several boxes (the split, the seed) going to their first box."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    fields = {
        Qt.Key.Key_T: dialog.limitations,
        Qt.Key.Key_S: dialog.shares[0],
        Qt.Key.Key_E: dialog.seed,
        Qt.Key.Key_N: dialog.name,
        Qt.Key.Key_F: dialog.folder,
    }
    for key, field in fields.items():
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is field, key


def test_a_project_with_nothing_to_release_says_what_to_do_in_the_dialog_s_words(
    qtbot: QtBot, window: Any
) -> None:
    """With no gold label yet, the dialog told a person to "release with --labels majority or
    all", a command-line option they never see here, and then that every article "is left out"."""
    file_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    next(a for a in file_menu.actions() if a.text() == "Release &Dataset…").trigger()
    qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
    dialog = window.findChild(ReleaseDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.options.labels == "gold", timeout=20_000)
    said = dialog.preview_note.text()
    assert said.startswith("Nothing to release yet")
    assert "under Labels" in said and "Team ▸ Review Disagreements" in said
    assert "--labels" not in said and "left out" not in said
    assert not dialog.release_button.isEnabled()
    dialog.labels.setCurrentIndex(dialog.labels.findData("all"))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.options.labels == "all", timeout=20_000)
    assert dialog.preview_note.text() == "Nothing to release yet: no article has a labelled claim."
    dialog.done(0)


def test_nothing_to_release_as_gold_does_not_deny_the_spans_a_team_labelled_alike(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """alice and bob labelled one sentence alike and another differently, and nobody reviewed:
    the dialog said "no span was labelled alike by every annotator of its article", which the
    lead could see was untrue. Gold takes those spans once the article's disagreements are
    decided, and the note says so."""
    path = agreed_and_open_team(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path, annotator="alice")
    window.auto_preannotate = False
    try:
        file_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
        next(a for a in file_menu.actions() if a.text() == "Release &Dataset…").trigger()
        qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
        dialog = window.findChild(ReleaseDialog)
        qtbot.waitUntil(
            lambda: dialog.plan is not None and dialog.plan.options.labels == "gold", timeout=20_000
        )
        said = dialog.preview_note.text()
        assert said.startswith("Nothing to release yet")
        assert "no span was labelled alike" not in said
        assert "count once that article's disagreements are decided" in said
        assert not dialog.release_button.isEnabled()
        dialog.done(0)
    finally:
        window.close()


def test_release_pressed_before_the_preview_caught_up_with_the_labels_box_waits_for_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Labels changed to Gold and Release pressed within the preview's wait released Gold,
    though the preview showed Majority's claims; with no gold label, the release was refused
    in the command line's words, "release with --labels majority or all"."""
    path = make_project(tmp_path / "solo.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        project.add_claim(project.article_ids()[0], 0, 5, "factual", annotator="ana")
    window = open_window(qtbot, path, annotator="ana")
    window.auto_preannotate = False
    try:
        file_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
        next(a for a in file_menu.actions() if a.text() == "Release &Dataset…").trigger()
        qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
        dialog = window.findChild(ReleaseDialog)
        assert isinstance(dialog, ReleaseDialog)
        out = tmp_path / "dataset"
        dialog.folder.setText(str(out))
        dialog.labels.setCurrentIndex(dialog.labels.findData("majority"))
        qtbot.waitUntil(
            lambda: dialog.plan is not None and dialog.plan.options.labels == "majority", timeout=20_000
        )
        assert dialog.release_button.isEnabled()
        shown: list[str] = []
        note_text = dialog.preview_note.setText

        def show(text: str) -> None:
            shown.append(text)
            note_text(text)

        dialog.preview_note.setText = show  # type: ignore[method-assign]  # every note, not the last
        dialog.labels.setCurrentIndex(dialog.labels.findData("gold"))
        qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)  # before the preview's wait ends
        qtbot.waitUntil(
            lambda: dialog.plan is not None and dialog.plan.options.labels == "gold", timeout=20_000
        )
        qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
        assert not any("--labels" in text or text.startswith("Writing") for text in shown), shown
        assert shown[-1].startswith("Nothing to release yet")
        assert dialog.outcome is None and not out.exists()
        assert not dialog.release_button.isEnabled()
        dialog.done(0)
    finally:
        window.close()


def test_a_folder_of_other_files_is_refused_in_a_sentence_that_keeps_the_folder_s_name(
    qtbot: QtBot, dialog: ReleaseDialog, tmp_path: Path
) -> None:
    """With “Replace an earlier release” ticked, a folder of someone's other files is refused in
    the command line's words, lowercase and without a stop; the note says them as a sentence,
    the folder's name as it was typed."""
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    out = tmp_path / "notes"
    out.mkdir()
    (out / "minutes.txt").write_text("someone's own notes\n", "utf-8")
    dialog.folder.setText(str(out))
    dialog.force.setChecked(True)
    assert dialog.start_release() is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    note = dialog.preview_note.text()
    assert dialog.outcome is None and (out / "minutes.txt").exists()
    assert note.startswith(f"{out} holds files that are not part of an earlier release"), note
    assert note.endswith("choose a new or empty folder."), note


def _one_claim_released(path: str) -> ReleaseSummary:
    """What a release's child sends back for one gold claim written to `path` (a stand-in's)."""
    return ReleaseSummary(summary="", path=path, labels="gold", claims=1, splits=[], ties=0, notes=[])


@pytest.mark.slow  # a window, a pre-annotation and a release: seconds
def test_a_release_pauses_the_pre_annotation_under_way_which_goes_on_after_it(
    qtbot: QtBot, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the dialog's own pool the release neither waited for nor paused a pre-annotation, and
    both wrote the project: pre-annotation its analyses and tokens, the release its tokens."""
    from annotator.ui import release_dialog
    from annotator.ui import services_bridge as bridge
    from tests.ui.test_preannotation_gives_way import Batches

    batches = Batches()
    monkeypatch.setattr(bridge, "preannotate_available", lambda: True)
    monkeypatch.setattr(bridge, "preannotate_work", batches.work)
    out = tmp_path / "dataset"
    paused_runs_at_release: list[int] = []

    def release_work(*_args: object) -> Any:
        def work(_progress: Any, _cancel: Any) -> ReleaseSummary:
            paused_runs_at_release.append(batches.cancelled_runs)
            return _one_claim_released(str(out))

        return work

    monkeypatch.setattr(release_dialog, "release_work", release_work)
    project = tmp_path / "team.annotator.db"
    project.write_bytes(built.read_bytes())
    window = open_window(qtbot, project, annotator="dana")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.registry["preannotate"].trigger()
        assert batches.batches_started.wait(5)
        window.registry["release"].trigger()
        qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
        dialog = window.findChild(ReleaseDialog)
        assert dialog is not None
        qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
        dialog.folder.setText(str(out))
        assert dialog.start_release() is not None
        qtbot.waitUntil(lambda: dialog.outcome is not None and not dialog.busy, timeout=20_000)
        assert paused_runs_at_release == [1]  # it began once the pre-annotation had stopped
        qtbot.waitUntil(lambda: len(batches.keeps) == 2, timeout=10_000)  # which went on after it
        dialog.done(0)
    finally:
        window.close()


@pytest.mark.slow  # a window and a release: seconds
def test_the_window_s_stop_of_its_tasks_stops_the_release_written_in_its_turn(
    qtbot: QtBot, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A closing project stops the window's tasks and waits for them (`TaskRunner.cancel_all`):
    the release, run inside one, must hear that stop, or the window would wait for all of it."""
    import threading

    from annotator.core.errors import Cancelled
    from annotator.ui import release_dialog

    writing = threading.Event()

    def release_work(*_args: object) -> Any:
        def work(_progress: Any, cancel: Any) -> ReleaseSummary:
            writing.set()
            for _ in range(500):  # 10 s at most: a release deaf to the stop ends, and the test fails
                if cancel():
                    raise Cancelled("stopped")
                threading.Event().wait(0.02)
            return _one_claim_released("")

        return work

    monkeypatch.setattr(release_dialog, "release_work", release_work)
    project = tmp_path / "team.annotator.db"
    project.write_bytes(built.read_bytes())
    window = open_window(qtbot, project, annotator="dana")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.registry["release"].trigger()
        qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
        dialog = window.findChild(ReleaseDialog)
        assert dialog is not None
        qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
        dialog.folder.setText(str(tmp_path / "dataset"))
        assert dialog.start_release() is not None
        assert writing.wait(10) and window.runner.running(release_dialog.RELEASE_TASK)
        window.runner.cancel_all()  # returns once the release has stopped
        qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)
        assert "Cancelled" in dialog.preview_note.text()
        dialog.done(0)
    finally:
        window.close()


def test_the_intended_use_box_takes_the_height_the_dialog_is_given(
    qtbot: QtBot, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The box kept 7 lines whatever the dialog's height: made taller, the dialog gave the room
    to empty space under the preview, and a long text still scrolled in 7 lines."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1280, 800 - 32))
    project = tmp_path / "team.annotator.db"
    project.write_bytes(built.read_bytes())
    with open_project(project) as opened:
        dialog = ReleaseDialog(opened)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        box = dialog.limitations
        lines = box.fontMetrics().lineSpacing()
        assert dialog.height() <= 640, dialog.size()  # the first open no taller than before
        assert box.viewport().height() >= 5 * lines, box.size()
        shown, added = box.height(), 300
        taller = dialog.height() + added
        dialog.resize(dialog.width(), taller)
        qtbot.waitUntil(lambda: dialog.height() == taller)
        QApplication.processEvents()
        assert box.height() >= shown + added * 0.8, (shown, box.height())
        dialog.done(0)


def _open_from_the_file_menu(qtbot: QtBot, window: Any) -> ReleaseDialog:
    file_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    next(a for a in file_menu.actions() if a.text() == "Release &Dataset…").trigger()
    qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
    dialog = window.findChild(ReleaseDialog)
    assert isinstance(dialog, ReleaseDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_one_annotator_s_project_opens_on_all_and_releases_their_claims(
    qtbot: QtBot, window: Any, tmp_path: Path
) -> None:
    """A person labelling alone met Gold, a preview of zeros, Release greyed, and a note sending
    them to settle disagreements under Team ▸ Review Disagreements, where a one-person project
    has none: gold's agreed spans need two annotators on an article."""
    window.auto_preannotate = False
    window.view.setFocus()
    for key in (Qt.Key.Key_J, Qt.Key.Key_1, Qt.Key.Key_J, Qt.Key.Key_2, Qt.Key.Key_D):
        qtbot.keyClick(window.view, key)
    qtbot.waitUntil(lambda: window.project.stats().claims == 2)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: window.project.stats().claims == 3)
    assert len({c.article_id for c in window.project.iter_claims()}) == 2

    dialog = _open_from_the_file_menu(qtbot, window)
    assert dialog.labels.currentData() == "all"
    assert dialog.labels.currentText() == "All: every annotator's claims"
    qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
    assert sum(int(row[1]) for row in preview(dialog.table).values()) == 3  # the Claims column
    assert "Nothing to release" not in dialog.preview_note.text()

    out = tmp_path / "dataset"
    dialog.folder.setText(str(out))
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=180_000)
    assert dialog.outcome is not None, dialog.preview_note.text()
    assert dialog.preview_note.text().startswith("Released 3 claims (All)")
    released = [
        json.loads(line)
        for name in ("train", "validation", "test")
        if (out / "claims" / f"{name}.jsonl").exists()
        for line in (out / "claims" / f"{name}.jsonl").read_text("utf-8").splitlines()
    ]
    assert len(released) == 3 and {c["annotator"] for c in released} == {"tester"}
    assert (out / "README.md").exists()

    # Picked by hand, Gold and Majority say what they need instead of a review with nothing in it.
    team_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Team")
    assert "&Merge Project Files…" in [a.text() for a in team_menu.actions()]  # where the note sends
    dialog.labels.setCurrentIndex(dialog.labels.findData("gold"))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.options.labels == "gold", timeout=20_000)
    said = dialog.preview_note.text()
    assert said.startswith("Nothing to release yet: gold and majority labels need two or more annotators'")
    assert "files merged (Team ▸ Merge Project Files…)" in said
    assert "With one annotator, choose All under Labels to release their labels." in said
    assert "Review Disagreements" not in said and "disagreement" not in said
    assert not dialog.release_button.isEnabled()
    dialog.labels.setCurrentIndex(dialog.labels.findData("majority"))
    qtbot.waitUntil(
        lambda: dialog.plan is not None and dialog.plan.options.labels == "majority", timeout=20_000
    )
    assert dialog.preview_note.text().startswith(
        "Gold and majority labels need two or more annotators' files merged (Team ▸ Merge Project Files…)."
    )
    dialog.done(0)


def test_a_merged_team_project_still_opens_on_gold(qtbot: QtBot, team: Any) -> None:
    """Two or more annotators' files merged: gold is what a team releases, and stays the first offer."""
    assert len(set(team.claim_authors())) > 1
    dialog = ReleaseDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.labels.currentData() == "gold"
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert "Merge Project Files" not in dialog.preview_note.text()
    dialog.done(0)


def test_the_name_and_folder_proposed_are_the_whole_project_name(
    qtbot: QtBot, built: Path, tmp_path: Path
) -> None:
    """A project the app saved as "team (saved 2024-05-06 10.30)" proposed a dataset and a folder
    named "team (saved 2024-05-06 10": its name was cut at its first dot."""
    project = tmp_path / "team (saved 2024-05-06 10.30).annotator.db"
    project.write_bytes(built.read_bytes())
    window = open_window(qtbot, project, annotator="dana")
    window.auto_preannotate = False
    file_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    next(a for a in file_menu.actions() if a.text() == "Release &Dataset…").trigger()
    qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
    found = window.findChild(ReleaseDialog)
    assert found is not None
    try:
        assert found.name.text() == "team (saved 2024-05-06 10.30)"
        assert Path(found.folder.text()).name == "team (saved 2024-05-06 10.30)-dataset"
    finally:
        found.done(0)
        window.close()


@pytest.mark.parametrize("match", ["exact", "relaxed"])
def test_gold_counts_undecided_what_the_review_showed_in_the_span_match_set_there(
    qtbot: QtBot, tmp_path: Path, match: str
) -> None:
    """alice marked a sentence whole, bob its second half; the lead decided the whole "no
    claim". The exact review still lists the half as undecided, yet the dialog offered to
    release the article's agreed sentence, as if the half were settled as the relaxed review
    settles it. Now the release takes the span matching the review and the dashboard are set
    to: exact holds the article back while its half is open; relaxed, one disagreement, decided,
    releases the agreed sentence."""
    path, _agreed, _whole, _half = whole_and_half_team(tmp_path, whole_decided_no_claim=True)
    window = open_window(qtbot, path, settings=Settings(annotator="lead", span_match=match))
    window.auto_preannotate = False
    try:
        file_menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
        next(a for a in file_menu.actions() if a.text() == "Release &Dataset…").trigger()
        qtbot.waitUntil(lambda: window.findChild(ReleaseDialog) is not None)
        dialog = window.findChild(ReleaseDialog)
        qtbot.waitUntil(
            lambda: dialog.plan is not None and dialog.plan.options.labels == "gold", timeout=20_000
        )
        if match == "exact":
            assert dialog.preview_note.text().startswith("Nothing to release yet")
            assert dialog.plan.claim_count == 0 and not dialog.release_button.isEnabled()
        else:
            assert (dialog.plan.claim_count, dialog.plan.gold_agreed) == (1, 1)
            qtbot.waitUntil(dialog.release_button.isEnabled, timeout=20_000)
        dialog.done(0)
    finally:
        window.close()


def test_majority_where_every_vote_tied_says_so_not_that_no_article_is_labelled(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Choosing Majority where two annotators disagreed on every span said "no article has a
    labelled claim", beside the tied span the same note listed."""
    path = tmp_path / "team.annotator.db"
    with open_project(path) as project:
        (article_id,) = project.import_drafts(
            [ArticleDraft(text="Prices rose. Wages fell.", title="A")]
        ).added
        project.add_claim(article_id, 0, 12, "factual", annotator="alice")
        project.add_claim(article_id, 0, 12, "opinion", annotator="bob")
    window = open_window(qtbot, path, annotator="dana")
    window.auto_preannotate = False
    dialog = _open_from_the_file_menu(qtbot, window)
    dialog.labels.setFocus()
    qtbot.keyClicks(dialog.labels, "Majority")
    assert dialog.labels.currentData() == "majority"
    qtbot.waitUntil(
        lambda: dialog.plan is not None and dialog.plan.options.labels == "majority", timeout=20_000
    )
    said = dialog.preview_note.text()
    assert said.startswith("Nothing to release yet: no span has a majority label"), said
    assert "no article has a labelled claim" not in said
    assert "choose All under Labels" in said and "1 tied span will be left out" in said
    assert not dialog.release_button.isEnabled()
    dialog.done(0)
    window.close()
