"""What an import in the window could not read: each rejected file (and line) with its reason.

The import service words its reasons for the command line, where the fix may be an option
(`--text-column`). The window has no options: such advice is replaced by what to do in the
window (`window_reason`), or left out. Before this dialog, the reasons only reached the
window as a count in the status bar, clipped, gone after 8 s, pointing at a report in a
hidden folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.text import counted
from annotator.services import importing
from annotator.ui.actions import lend_application_keys
from annotator.ui.desktop_open import open_in_desktop, show_where
from annotator.ui.dialogs import tab_along_the_buttons
from annotator.ui.geometry import resize_to_fit
from annotator.ui.plain import plain

if TYPE_CHECKING:
    from annotator.core.reports import LabelConflict
    from annotator.ui.subprocess_work import ImportSummary

_CONFLICTS_SHOWN = 20
"""Labels not taken that the report names one by one; the rest are counted."""


def _tr(text: str) -> str:
    """Translate a string outside a QObject method (one context for the module's loose strings)."""
    return QCoreApplication.translate("annotator", text)


def window_reason(reason: str) -> str:
    """A rejection's reason as the window says it (`services.importing.window_reason`), translated."""
    return importing.window_reason(reason, _tr)


@dataclass(frozen=True)
class Rejected:
    """One file, or one line of a file, that an import could not read."""

    path: str
    line: int | None
    reason: str


@dataclass(frozen=True)
class ImportOutcome:
    """What the window shows of an import: the counts, the rejections, and where the report is."""

    added: int
    files: int
    duplicates: int = 0
    rejected: tuple[Rejected, ...] = ()
    rejected_count: int = 0
    """Every rejection, of which `rejected` holds the first few (`subprocess_work.REJECTIONS_SENT`)."""
    report_path: str | None = None
    left_out_labels: tuple[tuple[str, int], ...] = ()
    """(label, spans) not imported, their labels being neither a claim's nor an entity's."""
    joined_texts: int = 0
    """Articles made of several people's lines of one text (a Prodigy team's export)."""
    joined_people: int = 0
    repeated: int = 0
    """Of `duplicates`, the texts met twice in the files themselves, not in the project before."""
    given: int = 0
    """Articles in the project before the import that it gave another person's labels."""
    differing: tuple[tuple[str, str], ...] = ()
    """(person, title) of labels not taken: the article holds other labels of that person, or
    ("", title) labels naming no one (`ImportResult.differing`)."""
    conflicts: tuple[LabelConflict, ...] = ()
    """Labels not taken, an earlier line of the import giving that person's span another label."""
    skipped: tuple[tuple[str, int, str], ...] = ()
    """(what, how many, what to do) of the folders' files of kinds the import does not read."""
    conflict_count: int = 0
    """Every such label, of which `conflicts` holds the first few (`subprocess_work.REJECTIONS_SENT`)."""
    unnamed: tuple[tuple[str, str, int], ...] = ()
    """(file, the person its name may be or "", labels) of the labels stored as "imported"'s, their
    file naming no one (`ImportResult.unnamed`)."""
    imported_in_all: int = 0
    """The labels by "imported" the project holds after the import, earlier imports' among them."""

    @classmethod
    def from_report(cls, report: ImportSummary) -> ImportOutcome:
        """From the plain data the import's child process sends back (`ui.subprocess_work`)."""
        rejected = tuple(Rejected(path, line, reason) for path, line, reason in report["rejected"])
        return cls(
            added=len(report["added"]),
            files=report["files"],
            duplicates=report["duplicates"],
            rejected=rejected,
            rejected_count=report["rejected_count"],
            report_path=report["report_path"],
            left_out_labels=tuple((label, count) for label, count in report["left_out_labels"]),
            joined_texts=report["joined_texts"],
            joined_people=report["joined_people"],
            repeated=report["repeated"],
            given=report["given"],
            differing=tuple((person, title) for person, title in report["differing"]),
            conflicts=tuple(report["conflicts"]),
            conflict_count=report["conflict_count"],
            skipped=tuple((what, count, why) for what, count, why in report["skipped"]),
            unnamed=tuple((file, person, count) for file, person, count in report["unnamed"]),
            imported_in_all=report["imported_in_all"],
        )

    def status_line(self) -> str:
        """One line for the status bar; the dialog has the rest, so no path in it.

        Skipped articles are named as the dialog names them: "3 duplicates skipped", after
        "Imported 0 articles", did not say of what, nor that the articles were there already.
        """
        text = _tr("Imported {0} from {1}").format(
            counted(self.added, "article"), counted(self.files, "file")
        )
        if self.joined_texts:
            # Else a team's file read "Imported 10 articles" from 30 lines, the 20 unaccounted for.
            text += _tr("; {0} people's labels on {1} joined").format(
                self.joined_people, counted(self.joined_texts, "text")
            )
        if self.given:
            text += "; " + self.given_words()
        text += "".join(f"; {said}" for said in self.skipped_words())
        text += "".join(f"; {said}" for said in self.not_taken_words())
        if self.conflict_count:
            text += _tr("; {0} not taken, labelled two ways in these files").format(
                counted(self.conflict_count, "label")
            )
        if self.left_out_labels:
            text += "; " + self.left_out_text()
        if self.skipped:
            text += _tr("; {0} in the folders skipped, as not read").format(
                counted(self.skipped_count, "file")
            )
        if self.unnamed:
            labels, _files, _person = importing.unnamed_parts(self.unnamed)
            text += _tr("; {0} stored as by “imported”").format(counted(labels, "label"))
        if self.rejected_count:
            text += _tr("; {0} could not be imported").format(self.rejected_count)
        return text

    def unnamed_text(self) -> str:
        """The labels stored as "imported"'s, their file naming no one, and how to give them their
        person's name: "" when there are none.

        A doccano export of one person (alice.jsonl) imported alone came in as "imported"'s without
        a word, and the next person's file was compared in agreement against "imported"."""
        if not self.unnamed:
            return ""
        labels, files, person = importing.unnamed_parts(self.unnamed)
        names = [Path(file).name or file for file in files]
        if len(set(names)) < len(names):  # day1/alice.jsonl and day2/alice.jsonl: told apart
            names = files
        said = (
            _tr("{0} stored as by “imported”, as {1} names no one.")
            if len(files) == 1
            else _tr("{0} stored as by “imported”, as their files name no one: {1}.")
        ).format(counted(labels, "label"), importing.files_listed(names))
        in_all = self.imported_in_all
        if in_all > labels:
            # The rename names every label by "imported", earlier imports' too: "give them their
            # name" gave this file's person another's labels.
            how = (
                _tr(
                    "The project holds {0} by “imported” in all, {1} of them from earlier imports, and a "
                    "rename of “imported” names them all: if all {2} are {3}'s, give them that name with "
                    "Team ▸ Rename a Person… (“imported” to “{3}”)."
                )
                if person
                else _tr(
                    "The project holds {0} by “imported” in all, {1} of them from earlier imports, and a "
                    "rename of “imported” names them all: if all {2} are one person's, give them their "
                    "name with Team ▸ Rename a Person…."
                )
            ).format(counted(in_all, "label"), f"{in_all - labels:,}", f"{in_all:,}", person)
        else:
            how = (
                _tr(
                    "If these labels are {0}'s, give them that name with Team ▸ Rename a Person… "
                    "(“imported” to “{0}”)."
                )
                if person
                else _tr(
                    "If these labels are one person's, give them their name with Team ▸ Rename a Person…."
                )
            ).format(person)
        return f"{said} {how}"

    @property
    def skipped_count(self) -> int:
        return sum(count for _what, count, _why in self.skipped)

    def skipped_text(self) -> str:
        """The folders' files not read, by kind, with what to do: "" when there are none."""
        if not self.skipped:
            return ""
        return _tr("{0} in the folders skipped, as not read: {1}.").format(
            counted(self.skipped_count, "file"), importing.skipped_groups(self.skipped, _tr)
        )

    def conflict_text(self) -> str:
        """The labels not taken, a person's span labelled two ways by two lines of the import,
        each with its files and lines: "" when there are none."""
        if not self.conflict_count:
            return ""
        said = _tr(
            "{0} not taken: an earlier line of these files gave the same person's span another label, "
            "and the first is kept (change it in the article if the other is right):"
        ).format(counted(self.conflict_count, "label"))
        lines = [
            (
                _tr("{0}'s {1}..{2} at {3}: {4}, not taken; {5} at {6} kept")
                if c.person
                else _tr("{0}{1}..{2}, naming no one, at {3}: {4}, not taken; {5} at {6} kept")
            ).format(c.person, c.start, c.end, c.given_at, c.given, c.kept, c.kept_at)
            for c in self.conflicts[:_CONFLICTS_SHOWN]
        ]
        more = self.conflict_count - len(lines)
        if more > 0:
            lines.append(_tr("… and {0} more").format(more))
        return "\n".join([said, *lines])

    def skipped_words(self) -> list[str]:
        """The articles skipped, told apart: those in the project before, those met twice in the files.

        Both were "already in the project", of an empty project a file holding a text twice.
        """
        said = []
        if self.duplicates - self.repeated:
            said.append(
                _tr("{0} already in the project skipped").format(
                    counted(self.duplicates - self.repeated, "article")
                )
            )
        if self.repeated:
            said.append(_tr("{0} repeated in these files skipped").format(counted(self.repeated, "article")))
        return said

    def given_words(self) -> str:
        """The articles the project held that the import gave another person's labels."""
        return _tr("{0} given another person's labels").format(counted(self.given, "article"))

    def not_taken_words(self) -> list[str]:
        """The labels not taken, on articles the project holds: a person's that differ from theirs
        there (changed since), and those naming no one. Never written over, never dropped unsaid."""
        said = []
        if changed := importing.differing_words(self.differing):
            said.append(
                _tr(
                    "not taken, as the project holds other labels of the same person (changed since? "
                    "the project's are kept): {0}"
                ).format(changed)
            )
        if unnamed := importing.unnamed_words(self.differing):
            said.append(
                _tr(
                    "labels naming no one not taken, on articles the project holds already (to add "
                    'them, name their person in the file: a line\'s "user" or a span\'s "annotator"): {0}'
                ).format(unnamed)
            )
        return said

    def left_out_text(self) -> str:
        """The spans left out for their labels, and which labels: "" when there are none."""
        if not self.left_out_labels:
            return ""
        spans = sum(count for _label, count in self.left_out_labels)
        whose = (
            _tr("{0} left out, whose label is none of factual, opinion, questionable nor an entity's: {1}")
            if spans == 1
            else _tr(
                "{0} left out, whose labels are none of factual, opinion, questionable nor an entity's: {1}"
            )
        )
        return whose.format(counted(spans, "span"), importing.left_out_label_words(self.left_out_labels))


class RejectionsTable(QTableWidget):
    """The report's table, whose Copy takes the selected rows whole (`copied_rows`).

    Its rows are selected whole, but Qt's own Copy took one cell of them (a file's bare name),
    and none at all after Select All: the list of bad lines could not be sent to whoever
    made the file.
    """

    def __init__(
        self, rows: int, columns: int, parent: QWidget, copied_rows: Callable[[list[int]], str]
    ) -> None:
        super().__init__(rows, columns, parent)
        self._copied_rows = copied_rows

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            rows = sorted(index.row() for index in self.selectionModel().selectedRows())
            if rows:
                QGuiApplication.clipboard().setText(self._copied_rows(rows))
            event.accept()
            return
        super().keyPressEvent(event)


class ImportReportDialog(QDialog):
    """Each file (and line) an import rejected, with what to do about it, and the full report;
    and the spans it left out for labels that are neither a claim's nor an entity's.

    Those spans were said only in the status bar, gone after 8 s: a doccano project's "Fact"
    claims went missing with nothing on screen to say so. The dialog comes for them too.
    """

    def __init__(self, parent: QWidget | None, outcome: ImportOutcome) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle(self.tr("Import"))
        self.outcome = outcome
        layout = QVBoxLayout(self)
        if outcome.added:
            imported = self.tr("{0} imported").format(counted(outcome.added, "article"))
        else:
            imported = self.tr("Nothing was imported")
        if outcome.joined_texts:
            imported = self.tr("{0}; {1} people's labels on {2} joined").format(
                imported, outcome.joined_people, counted(outcome.joined_texts, "text")
            )
        # Said in the status bar only, gone behind this dialog: a file whose good lines were
        # all in the project already read "Nothing was imported", those lines unlisted.
        if outcome.given:
            imported = self.tr("{0}; {1}").format(imported, outcome.given_words())
        for skipped in [*outcome.skipped_words(), *outcome.not_taken_words()]:
            imported = self.tr("{0}; {1}").format(imported, skipped)
        if outcome.rejected_count:
            said = self.tr("{0}. These files or lines could not be imported:").format(imported)
        else:
            said = self.tr("{0}.").format(imported)
        self.summary = plain(QLabel(said, wordWrap=True))
        self.summary.setObjectName("importSummary")
        layout.addWidget(self.summary)
        self.left_out = plain(QLabel(self.tr("{0}.").format(outcome.left_out_text()), wordWrap=True))
        self.left_out.setObjectName("importLeftOut")
        self.left_out.setVisible(bool(outcome.left_out_labels))
        layout.addWidget(self.left_out)
        self.conflicts = plain(QLabel(outcome.conflict_text(), wordWrap=True))
        self.conflicts.setObjectName("importConflicts")
        self.conflicts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts.setVisible(bool(outcome.conflict_count))
        layout.addWidget(self.conflicts)
        self.unnamed = plain(QLabel(outcome.unnamed_text(), wordWrap=True))
        self.unnamed.setObjectName("importUnnamed")
        self.unnamed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unnamed.setVisible(bool(outcome.unnamed))
        layout.addWidget(self.unnamed)
        # A folder's .xmi, .docx or .pdf files were passed over without a word.
        self.skipped = plain(QLabel(outcome.skipped_text(), wordWrap=True))
        self.skipped.setObjectName("importSkipped")
        self.skipped.setVisible(bool(outcome.skipped))
        layout.addWidget(self.skipped)

        self.table = RejectionsTable(len(outcome.rejected), 3, self, self.copied_rows)
        self.table.setObjectName("importRejections")
        self.table.setAccessibleName(self.tr("Files and lines not imported"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Line"), self.tr("Why, and what to do")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Tab leaves it (arrows move in it): Qt's tables walk their cells on Tab, and the focus,
        # which starts here, never reached Close or Open Full Report.
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        for row, rejected in enumerate(outcome.rejected):
            name = QTableWidgetItem(Path(rejected.path).name or rejected.path)
            name.setToolTip(rejected.path)  # the whole path; the name is what people recognise
            line = QTableWidgetItem("" if rejected.line is None else str(rejected.line))
            line.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            why = window_reason(rejected.reason)
            reason = QTableWidgetItem(why)
            reason.setToolTip(why)
            for column, item in enumerate((name, line, reason)):
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVisible(bool(outcome.rejected_count))
        layout.addWidget(self.table, 1)

        more = outcome.rejected_count - len(outcome.rejected)
        self.more = plain(QLabel(self.tr("… and {0} more, listed in the full report.").format(more)))
        self.more.setVisible(more > 0)
        layout.addWidget(self.more)
        self.where = plain(QLabel(self.tr("Full report: {0}").format(outcome.report_path), wordWrap=True))
        self.where.setObjectName("importReportPath")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setVisible(outcome.report_path is not None)
        layout.addWidget(self.where)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_report_button = QPushButton(self.tr("&Open Full Report"))
        self.open_report_button.setEnabled(outcome.report_path is not None)
        self.open_report_button.clicked.connect(self.open_report)
        buttons.addButton(self.open_report_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_report_button.setVisible(bool(outcome.rejected_count))  # the box shows what it adds
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        if not outcome.rejected_count:
            layout.addStretch(1)  # no table to take the room: the sentences stay together at the top
        layout.addWidget(buttons)
        tab_along_the_buttons(buttons)
        resize_to_fit(self, 720, 420 if outcome.rejected_count else 160)

    def copied_rows(self, rows: list[int]) -> str:
        """These rows as the full report has them, a line each: whole path, line, and reason."""
        lines = []
        for row in rows:
            rejected = self.outcome.rejected[row]
            line = "" if rejected.line is None else str(rejected.line)
            reason = " ".join(window_reason(rejected.reason).split())  # one line, no tab in it
            lines.append(f"{rejected.path}\t{line}\t{reason}\n")
        return "".join(lines)

    def open_report(self) -> bool:
        """The report (path, line, reason for every rejection) in the desktop's app for TSV files."""
        path = self.outcome.report_path
        if path is None:
            return False
        return open_in_desktop(path, self.say_report_path)

    def say_report_path(self) -> None:
        """Where the full report is, when no app took it."""
        said = self.tr("The full report is {0}").format(self.outcome.report_path)
        show_where(self, self.tr("Import"), said, "importReportPathBox")


def show_import_report(parent: QWidget, outcome: ImportOutcome) -> ImportReportDialog:
    dialog = ImportReportDialog(parent, outcome)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    lend_application_keys(parent, dialog)  # Ctrl+Q quits from the report too
    dialog.open()
    return dialog
