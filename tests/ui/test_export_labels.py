"""File ▸ Export writes everyone's labels, one annotator's, or the reviewers' gold labels, as
`annotator export` does (no option, `--annotator NAME`, `--gold`), to the same bytes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.cli import main
from annotator.core.settings import Settings
from annotator.formats.writers import WRITERS
from annotator.services.exporting import export_formats
from annotator.services.preannotate import preannotate_opened
from annotator.services.settings import load_settings
from annotator.ui import save_dialog
from annotator.ui.export_labels import ExportLabelsDialog
from annotator.ui.main_window import MainWindow
from tests.services.release_data import build_agreed_project
from tests.services.team_data import whole_and_half_team
from tests.ui.conftest import (
    agreed_and_open_team,
    cut_labels,
    larger_font,
    make_project,
    open_window,
    wikinews_texts,
)

FORMATS = [
    (name, f"{description} (*{extension})", extension)
    for name, description, extension in export_formats()
    if WRITERS[name].single_file  # compared as one file with the command line's
]


def preannotated(path: Path) -> Path:
    """The project pre-annotated as its first opening in the window would (`preannotate_opened`).

    Opened unanalysed, each test's window loaded the language model in a child process and
    analysed every article before the test could export: seconds a test, for the same result.
    """
    with open_project(path, create=False) as project:
        preannotate_opened(project)
    return path


@pytest.fixture(scope="module")
def agreed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project alice and bob labelled and dana reviewed (`build_agreed_project`), pre-annotated;
    made once for the module, and copied by each test that opens it."""
    path = tmp_path_factory.mktemp("agreed") / "team.annotator.db"
    build_agreed_project(path)
    return preannotated(path)


def copy_of(built: Path, folder: Path) -> Path:
    """`built` copied into `folder` under its own name, for one test to open and change."""
    return Path(shutil.copy(built, folder / built.name))


@pytest.fixture
def team_window(qtbot: QtBot, agreed: Path, tmp_path: Path) -> Iterator[MainWindow]:
    """alice's window on a project alice and bob labelled and dana reviewed."""
    window = open_window(qtbot, copy_of(agreed, tmp_path), annotator="alice")
    # An opening that pre-annotates gives way to an export asked meanwhile (`task_runner.GiveWay`),
    # which then writes no suggestions for the articles not reached yet, which the command
    # line's export, run after, has: whatever the opening does is waited for.
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    yield window
    window.close()


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, out: Path, chosen: str) -> list[str]:
    """The save dialog answers `out` in the format of filter `chosen`; records the names proposed."""
    proposed: list[str] = []

    def answer(
        _parent: object, _title: str, suggested: str, *_rest: object, **_options: object
    ) -> tuple[str, str]:
        proposed.append(suggested)
        return str(out), chosen

    monkeypatch.setattr(save_dialog, "ask_save_path", answer)
    return proposed


def export_with(
    qtbot: QtBot, window: MainWindow, answer: Callable[[ExportLabelsDialog], None]
) -> list[ExportLabelsDialog]:
    """Ctrl+E; `answer` drives the whose-labels dialog while it is open; waits for the export."""
    seen: list[ExportLabelsDialog] = []
    failed: list[BaseException] = []

    def drive() -> None:
        dialog = window.transfers.labels_dialog
        if dialog is None or not dialog.isActiveWindow():
            QTimer.singleShot(20, window, drive)
            return
        seen.append(dialog)
        try:
            answer(dialog)
        except BaseException as exc:  # an assertion: close the dialog, fail after it
            failed.append(exc)
            dialog.reject()

    window.activateWindow()  # the window's keys answer in the active window only
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(0, window, drive)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    if failed:
        raise failed[0]
    assert seen, "the Export dialog did not ask whose labels"
    return seen


def cli_export(project: Path, out: Path, *argv: str) -> bytes:
    assert main(["export", str(project), "-o", str(out), *argv]) == 0
    return out.read_bytes()


@pytest.mark.parametrize(("fmt", "chosen", "extension"), FORMATS, ids=[f[0] for f in FORMATS])
def test_gold_labels_exported_from_the_window_are_the_clis_export_gold(
    qtbot: QtBot,
    team_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    chosen: str,
    extension: str,
) -> None:
    """A lead who settled the disagreements picks *Gold labels* and gets the settled file,
    byte for byte what `annotator export --gold` writes, not everyone's claims."""
    out = tmp_path / f"window{extension}"
    proposed = answer_save_dialog(monkeypatch, out, chosen)

    def pick_gold(dialog: ExportLabelsDialog) -> None:
        assert dialog.gold.isEnabled() and not dialog.no_gold.isVisible()
        qtbot.mouseClick(dialog.gold, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    export_with(qtbot, team_window, pick_gold)
    assert Path(proposed[0]).name == "team-gold-prodigy.jsonl"  # not over the file of everyone's labels
    project = team_window.project
    assert project is not None
    assert out.read_bytes() == cli_export(
        project.path, tmp_path / f"cli{extension}", "--format", fmt, "--gold"
    )
    everyone = cli_export(project.path, tmp_path / f"all{extension}", "--format", fmt)
    assert out.read_bytes() != everyone


def test_one_annotators_labels_and_the_choice_is_proposed_again(
    qtbot: QtBot, team_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bob's claims only, as `--annotator bob`; the next export proposes bob again, and gold
    after gold was chosen, from the saved settings."""
    fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
    out = tmp_path / f"bob{extension}"
    answer_save_dialog(monkeypatch, out, chosen)

    def pick_bob(dialog: ExportLabelsDialog) -> None:
        assert dialog.everyone.isChecked() and not dialog.annotator.isEnabled()
        qtbot.mouseClick(dialog.one, Qt.MouseButton.LeftButton)
        assert dialog.annotator.isEnabled()
        assert [dialog.annotator.itemText(i) for i in range(dialog.annotator.count())] == ["alice", "bob"]
        dialog.annotator.setCurrentText("bob")
        qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)

    export_with(qtbot, team_window, pick_bob)
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert rows and {row["annotator"] for row in rows} == {"bob"}
    project = team_window.project
    assert project is not None
    assert out.read_bytes() == cli_export(
        project.path, tmp_path / "cli.jsonl", "--format", fmt, "--annotator", "bob"
    )
    assert (load_settings().export_labels, load_settings().export_annotator) == ("annotator", "bob")

    def pick_gold(dialog: ExportLabelsDialog) -> None:
        assert dialog.one.isChecked() and dialog.annotator.currentText() == "bob"
        dialog.gold.setFocus()
        qtbot.keyClick(dialog.gold, Qt.Key.Key_Space)
        assert dialog.gold.isChecked()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    export_with(qtbot, team_window, pick_gold)
    assert {row["annotator"] for row in map(json.loads, out.read_text("utf-8").splitlines())} == {"gold"}

    def keep(dialog: ExportLabelsDialog) -> None:
        assert dialog.gold.isChecked()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)

    out.unlink()
    export_with(qtbot, team_window, keep)
    assert not out.exists()  # cancelled: no save dialog, no file


def test_gold_is_disabled_and_explained_before_any_review(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two annotators, nobody reviewed yet: *Gold labels* cannot be picked, and says why."""
    path = make_project(tmp_path / "team.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        first = project.article_ids()[0]
        project.add_claim(first, 0, 5, "factual", annotator="alice")
        project.add_claim(first, 0, 5, "opinion", annotator="bob")
    window = open_window(qtbot, path, annotator="alice")
    try:
        _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        answer_save_dialog(monkeypatch, out, chosen)

        def try_gold(dialog: ExportLabelsDialog) -> None:
            assert not dialog.gold.isEnabled()
            assert dialog.no_gold.isVisible() and "Review Disagreements" in dialog.no_gold.text()
            qtbot.mouseClick(dialog.gold, Qt.MouseButton.LeftButton)
            assert dialog.everyone.isChecked()
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

        export_with(qtbot, window, try_gold)
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert {row["annotator"] for row in rows} == {"alice", "bob"}
    finally:
        window.close()


def decided_no_claim(tmp_path: Path) -> Path:
    """A team file whose reviewer's only decision is "no claim" on alice's and bob's split span."""
    from annotator.services.project import store_of
    from annotator.store.merge import set_gold

    path = make_project(tmp_path / "team.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        first = project.article_ids()[0]
        project.add_claim(first, 0, 5, "factual", annotator="alice")
        project.add_claim(first, 0, 5, "opinion", annotator="bob")
        set_gold(store_of(project), first, 0, 5, None, reviewer="dana")
    return path


def test_gold_is_disabled_when_the_only_decision_is_no_claim(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer's only decision is "no claim": gold holds nothing, so it is not offered, and
    the note does not call that decision a gold label."""
    path = decided_no_claim(tmp_path)
    window = open_window(qtbot, path, annotator="alice")
    try:
        _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        answer_save_dialog(monkeypatch, out, chosen)

        def look(dialog: ExportLabelsDialog) -> None:
            assert not dialog.gold.isEnabled()
            said = dialog.no_gold.text()
            assert dialog.no_gold.isVisible() and "the labels reviewers gave" in said, said
            dialog.reject()

        export_with(qtbot, window, look)
        assert not out.exists()
    finally:
        window.close()


def test_an_empty_gold_export_is_refused_with_why_not_exported(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer's only decision is "no claim": gold holds nothing. The window wrote an
    empty file and said "Exported to …"; it now says why there is nothing, and writes nothing.
    The dialog no longer offers such gold; the export's own refusal is kept, and reached here
    by taking the offer as granted."""
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui import transfers

    monkeypatch.setattr(transfers, "gold_holds_a_claim", lambda *_args, **_options: True)
    path = decided_no_claim(tmp_path)
    window = open_window(qtbot, path, annotator="alice")
    try:
        _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        answer_save_dialog(monkeypatch, out, chosen)

        def pick_gold(dialog: ExportLabelsDialog) -> None:
            qtbot.mouseClick(dialog.gold, Qt.MouseButton.LeftButton)
            assert dialog.gold.isChecked()
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

        export_with(qtbot, window, pick_gold)

        def shown() -> list[str]:
            return [b.text() for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]

        qtbot.waitUntil(lambda: bool(shown()))
        (said,) = shown()
        # Sentences in the window's words: the command line's started lowercase, wrote the menu
        # as "Team > Review Disagreements" and ended without a full stop.
        assert said.startswith("Nothing was exported: the gold labels hold no claim yet.")
        assert "Team ▸ Review Disagreements" in said and said.endswith(".")
        (box,) = [b for b in window.findChildren(QMessageBox, "errorBox") if b.isVisible()]
        assert "no gold labels to export" in box.detailedText()  # the service's words, one click away
        assert "Exported" not in window.statusBar().currentMessage()
        assert not out.exists()
        with open_project(path, create=False) as project:
            assert [d.label for d in project.gold_decisions()] == [None]
    finally:
        window.close()


def test_gold_not_offered_while_the_agreed_spans_article_has_an_open_disagreement(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """alice and bob labelled one sentence alike and another differently, and nobody reviewed:
    Export offered *Gold labels* for the span labelled alike and, chosen, wrote nothing, since
    gold holds that span back until its article's disagreement is decided; the person learnt it
    only after choosing a file. Gold is now not offered, and the dialog says what it waits for."""
    path = agreed_and_open_team(tmp_path / "team.annotator.db")
    window = open_window(qtbot, path, annotator="alice")
    try:
        _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        answer_save_dialog(monkeypatch, out, chosen)

        def try_gold(dialog: ExportLabelsDialog) -> None:
            assert not dialog.gold.isEnabled()
            said = dialog.no_gold.text()
            assert dialog.no_gold.isVisible() and not dialog.gold_when.isVisible()
            assert "count once every disagreement of that article is decided" in said, said
            assert "there are neither" not in said  # alice and bob did agree on a span
            assert dialog.gold.toolTip() == said
            qtbot.mouseClick(dialog.gold, Qt.MouseButton.LeftButton)
            assert dialog.everyone.isChecked()
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

        export_with(qtbot, window, try_gold)
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert {row["annotator"] for row in rows} == {"alice", "bob"}
    finally:
        window.close()


def test_gold_offered_for_an_agreed_span_says_beside_it_when_that_span_counts(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Gold holds the second article, labelled alike throughout; the first article's span
    labelled alike still waits for its disagreement. The dialog offers gold and says, beside
    the offer, when an agreed span counts, so the waiting one is not looked for in vain."""
    path = agreed_and_open_team(tmp_path / "team.annotator.db")
    with open_project(path, create=False) as project:
        second = project.article_ids()[1]
        project.add_claim(second, 0, 5, "opinion", annotator="alice")
        project.add_claim(second, 0, 5, "opinion", annotator="bob")
    window = open_window(qtbot, path, annotator="alice")
    try:
        _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        answer_save_dialog(monkeypatch, out, chosen)

        def look(dialog: ExportLabelsDialog) -> None:
            assert dialog.gold.isEnabled() and not dialog.no_gold.isVisible()
            assert dialog.gold_when.isVisible()
            said = dialog.gold_when.text()
            assert "count once every disagreement of their article is decided" in said, said
            assert dialog.gold_when.text() in dialog.gold.toolTip()
            qtbot.mouseClick(dialog.gold, Qt.MouseButton.LeftButton)
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

        export_with(qtbot, window, look)
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert [(row["start"], row["end"], row["label"], row["annotator"]) for row in rows] == [
            (0, 5, "opinion", "gold")
        ]
    finally:
        window.close()


def test_gold_is_offered_when_annotators_agreed_before_any_review(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """alice and bob labelled a span alike and nobody reviewed: `annotator export --gold` writes
    that span, but the window greyed out *Gold labels* ("nobody has decided a disagreement")."""
    path = make_project(tmp_path / "team.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        first = project.article_ids()[0]
        project.add_claim(first, 0, 5, "factual", annotator="alice")
        project.add_claim(first, 0, 5, "factual", annotator="bob")
        assert not project.gold_decisions()
    window = open_window(qtbot, path, annotator="alice")
    try:
        fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        answer_save_dialog(monkeypatch, out, chosen)

        def pick_gold(dialog: ExportLabelsDialog) -> None:
            assert dialog.gold.isEnabled() and not dialog.no_gold.isVisible()
            qtbot.mouseClick(dialog.gold, Qt.MouseButton.LeftButton)
            assert dialog.gold.isChecked()
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

        export_with(qtbot, window, pick_gold)
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert [(row["start"], row["end"], row["label"], row["annotator"]) for row in rows] == [
            (0, 5, "factual", "gold")
        ]
        assert out.read_bytes() == cli_export(path, tmp_path / f"cli{extension}", "--format", fmt, "--gold")
    finally:
        window.close()


def test_the_reviewer_who_settled_the_disagreements_is_proposed_the_gold_labels(
    qtbot: QtBot, agreed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dana settled the disagreements, and the review's last words sent her to File ▸ Export for
    the gold labels; the dialog proposed *Everyone's labels*, and her Enter wrote alice's and
    bob's claims. Before any choice, the reviewer is proposed gold; once she picks everyone's,
    that is proposed again."""
    path = copy_of(agreed, tmp_path)
    _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
    out = tmp_path / f"out{extension}"
    answer_save_dialog(monkeypatch, out, chosen)
    window = open_window(qtbot, path, annotator="dana")
    try:
        assert load_settings().export_labels == ""

        def press_enter(dialog: ExportLabelsDialog) -> None:
            assert dialog.gold.isChecked()
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

        export_with(qtbot, window, press_enter)
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert rows and {row["annotator"] for row in rows} == {"gold"}

        def pick_everyone(dialog: ExportLabelsDialog) -> None:
            assert dialog.gold.isChecked()
            dialog.everyone.setFocus()
            qtbot.keyClick(dialog.everyone, Qt.Key.Key_Space)
            assert dialog.everyone.isChecked()
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

        export_with(qtbot, window, pick_everyone)
        assert load_settings().export_labels == "all"

        def everyone_again(dialog: ExportLabelsDialog) -> None:
            assert dialog.everyone.isChecked()
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)

        export_with(qtbot, window, everyone_again)
    finally:
        window.close()


SCALED_LAPTOP = QRect(0, 0, 683, 384)  # a 1366x768 laptop at 200%


@pytest.mark.parametrize("gold", [True, False], ids=["gold offered", "gold waits"])
def test_at_twice_the_scale_with_larger_text_the_dialog_fits_the_laptops_screen(
    qtbot: QtBot, agreed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gold: bool
) -> None:
    """At 200% on a 1366x768 laptop (683x384) with the desktop's text 1.5 times larger, the
    dialog was 695 pixels wide, as the long *Gold labels: …* choice cannot wrap, and Cancel was
    cut off at the screen's right edge. Greyed out, the longest note, on what gold waits for,
    must not widen it past the screen either."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCALED_LAPTOP)
    path = copy_of(agreed, tmp_path) if gold else agreed_and_open_team(tmp_path / "team.annotator.db")
    with larger_font(1.5):
        window = open_window(qtbot, path, annotator="alice")
        try:
            qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)

            def look(dialog: ExportLabelsDialog) -> None:
                qtbot.waitExposed(dialog)
                assert dialog.gold.isEnabled() == gold and dialog.no_gold.isVisible() != gold
                assert dialog.width() <= SCALED_LAPTOP.width(), dialog.width()
                assert SCALED_LAPTOP.contains(dialog.frameGeometry()), dialog.frameGeometry()
                cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
                for button in (cancel, dialog.choose):
                    at = button.mapTo(dialog, button.rect().topLeft())
                    assert dialog.rect().contains(QRect(at, button.size())), button.text()
                for choice in (dialog.everyone, dialog.one, dialog.gold):
                    # Each choice's words whole: none cut off at the dialog's edge.
                    assert (
                        choice.width() >= choice.sizeHint().width()
                        or choice.heightForWidth(choice.width()) <= choice.height()
                    ), choice.text()
                assert cut_labels(dialog) == []
                dialog.reject()

            export_with(qtbot, window, look)
        finally:
            window.close()


def test_only_people_who_own_claims_are_offered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """carol's claims were all deleted: the dialog still offered *One annotator's labels: carol*,
    and chosen, wrote an empty file and said "Exported 0 claims". Only alice and bob, who own
    claims, are offered; and once bob's are deleted too, alice, alone, is not asked whose."""
    path = make_project(tmp_path / "team.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        first = project.article_ids()[0]
        project.add_claim(first, 0, 5, "factual", annotator="alice")
        project.add_claim(first, 0, 5, "opinion", annotator="bob")
        project.delete_claim(project.add_claim(first, 0, 5, "factual", annotator="carol").id)
        assert project.annotators() == ["alice", "bob", "carol"]
    window = open_window(qtbot, path, annotator="alice")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        answer_save_dialog(monkeypatch, out, chosen)

        def look(dialog: ExportLabelsDialog) -> None:
            names = [dialog.annotator.itemText(i) for i in range(dialog.annotator.count())]
            assert names == ["alice", "bob"]
            dialog.reject()

        export_with(qtbot, window, look)
        project = window.project
        assert project is not None
        for claim in project.claims(annotator="bob"):
            project.delete_claim(claim.id)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
        qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(out.exists, timeout=60_000)
        qtbot.waitUntil(lambda: not window.busy, timeout=60_000)
        assert window.transfers.labels_dialog is None
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert [(row["annotator"], row["label"]) for row in rows] == [("alice", "factual")]
    finally:
        window.close()


@pytest.mark.parametrize(("person", "in_name"), [("Ana/Ben", "Ana-Ben"), ("desk\\night: 2", "desk-night- 2")])
def test_a_name_with_a_slash_proposes_a_file_in_the_projects_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, person: str, in_name: str
) -> None:
    """A person's name may hold a slash ("Ana/Ben", a pair who label together), and the file
    proposed for their labels was "team-Ana/Ben-prodigy.jsonl": "Ben-prodigy.jsonl" in a folder
    "team-Ana" that does not exist. What a file name cannot hold is now written as a dash."""
    path = make_project(tmp_path / "team.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        first = project.article_ids()[0]
        project.add_claim(first, 0, 5, "factual", annotator="alice")
        project.add_claim(first, 0, 5, "opinion", annotator=person)
    window = open_window(qtbot, path, annotator="alice")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        proposed = answer_save_dialog(monkeypatch, out, chosen)

        def pick(dialog: ExportLabelsDialog) -> None:
            qtbot.mouseClick(dialog.one, Qt.MouseButton.LeftButton)
            dialog.annotator.setCurrentText(person)
            qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)

        export_with(qtbot, window, pick)
        (suggested,) = map(Path, proposed)
        assert suggested.parent == tmp_path
        assert suggested.name == f"team-{in_name}-prodigy.jsonl"
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert {row["annotator"] for row in rows} == {person}  # the labels are the person's still
    finally:
        window.close()


@pytest.fixture(scope="module")
def whole_and_half(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, tuple[int, int], tuple[int, int], tuple[int, int]]:
    """`whole_and_half_team` with the whole decided "no claim", pre-annotated; made once for the module."""
    folder = tmp_path_factory.mktemp("whole-and-half")
    path, agreed, whole, half = whole_and_half_team(folder, whole_decided_no_claim=True)
    return preannotated(path), agreed, whole, half


@pytest.mark.parametrize("match", ["exact", "relaxed"])
def test_gold_counts_undecided_what_the_review_showed_in_the_span_match_set_there(
    qtbot: QtBot,
    whole_and_half: tuple[Path, tuple[int, int], tuple[int, int], tuple[int, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    match: str,
) -> None:
    """alice marked a sentence whole, bob its second half; the lead decided the whole "no
    claim". The exact review still lists the half as undecided, yet Export offered Gold labels
    and wrote the article's agreed sentence, as if the half were settled as the relaxed review
    settles it. Now the export takes the span matching the review is set to: exact holds the
    article back while its half is open; relaxed, where the two are one disagreement, decided,
    writes the agreed sentence."""
    built, agreed, _whole, _half = whole_and_half
    path = copy_of(built, tmp_path)
    window = open_window(qtbot, path, settings=Settings(annotator="lead", span_match=match))
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
    out = tmp_path / "gold.jsonl"
    answer_save_dialog(monkeypatch, out, next(chosen for name, chosen, _ in FORMATS if name == "jsonl"))

    def answer(dialog: ExportLabelsDialog) -> None:
        if match == "exact":
            assert not dialog.gold.isEnabled()
            dialog.reject()
            return
        assert dialog.gold.isEnabled()
        qtbot.mouseClick(dialog.gold, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    try:
        export_with(qtbot, window, answer)
    finally:
        window.close()
    if match == "exact":
        assert not out.exists()
    else:
        written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [(s["start"], s["end"]) for line in written for s in line.get("spans", [])] == [agreed]


def test_an_open_export_dialog_offers_the_annotators_as_another_program_saved_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The annotators were read as the dialog opened: one labelling elsewhere under a new name
    was not offered, and one renamed elsewhere still was, and chosen, wrote an empty file."""
    from annotator.services.renaming import rename_annotator

    path = make_project(tmp_path / "team.annotator.db", wikinews_texts())
    with open_project(path, create=False) as project:
        first = project.article_ids()[0]
        project.add_claim(first, 0, 5, "factual", annotator="alice")
        project.add_claim(first, 10, 20, "opinion", annotator="bob")
    window = open_window(qtbot, path, annotator="alice")
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=60_000)
        _fmt, chosen, extension = next(f for f in FORMATS if f[0] == "claims-jsonl")
        out = tmp_path / f"out{extension}"
        answer_save_dialog(monkeypatch, out, chosen)

        def pick_bob_while_others_save(dialog: ExportLabelsDialog) -> None:
            def listed() -> list[str]:
                return [dialog.annotator.itemText(i) for i in range(dialog.annotator.count())]

            dialog.one.setFocus()
            qtbot.keyClick(dialog.one, Qt.Key.Key_Space)
            dialog.annotator.setFocus()
            qtbot.keyClicks(dialog.annotator, "b")
            assert dialog.one.isChecked() and dialog.annotator.currentText() == "bob"
            with open_project(path, create=False) as other:
                other.add_claim(other.article_ids()[1], 0, 5, "opinion", annotator="carol")
            qtbot.waitUntil(lambda: "carol" in listed(), timeout=10_000)
            assert listed() == ["alice", "bob", "carol"]
            assert dialog.annotator.currentText() == "bob" and dialog.choose.isEnabled()

            with open_project(path, create=False) as other:
                rename_annotator(other, "bob", "Bobby")
            qtbot.waitUntil(lambda: "Bobby" in listed(), timeout=10_000)
            assert dialog.annotator.currentText() == "bob"
            assert dialog.gone.isVisible()
            assert dialog.gone.text() == (
                "bob was renamed Bobby in another window or program: choose Bobby to export their labels."
            )
            assert not dialog.choose.isEnabled()
            qtbot.keyClick(dialog.annotator, Qt.Key.Key_Return)  # Enter writes nothing
            assert dialog.isVisible()

            qtbot.keyClicks(dialog.annotator, "B")
            assert dialog.annotator.currentText() == "Bobby"
            assert not dialog.gone.isVisible() and dialog.choose.isEnabled()
            qtbot.keyClick(dialog.annotator, Qt.Key.Key_Return)

        export_with(qtbot, window, pick_bob_while_others_save)
        qtbot.waitUntil(out.exists, timeout=60_000)
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert [(row["annotator"], row["label"]) for row in rows] == [("Bobby", "opinion")]
    finally:
        window.close()
