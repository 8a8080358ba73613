"""Team ▸ Rename a Person…: one person under two names ("alice", "Alice K") made one, or a name
corrected, in every claim and decision of the project (`services.renaming`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.settings import annotator_name
from annotator.ui.dialogs import NAME_FIELD_MAX_LENGTH, refill_keeping_pick, show_name_problem


class RenameDialog(QDialog):
    """Pick a person, type their new name, Enter.

    Keyboard first: the list of people has the focus (its letters pick a name), Tab goes to the
    new name, Enter renames. OK waits while the new name is one the window refuses anywhere
    (`show_name_problem`, the rule of every name dialog). What the rename will do beyond the
    obvious is said under the fields before it is made: two people becoming one, and the
    window's own name following when it is the one renamed.
    """

    def __init__(self, parent: QWidget | None, people: list[str], *, own: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("renameDialog")
        self.setWindowTitle(self.tr("Rename a Person"))
        self._people = people
        self._own = own
        self._renamed: dict[str, str] = {}  # the project's renames, as last read (`set_people`)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every claim and review decision of the person takes the new name. A name the"
                " project has already makes the two one person."
            ),
            wordWrap=True,
        )
        layout.addWidget(intro)
        form = QFormLayout()
        self.person = QComboBox()
        self.person.setObjectName("renamePerson")
        self.person.addItems(people)
        if own in people:
            self.person.setCurrentIndex(people.index(own))
        form.addRow(self.tr("&Person:"), self.person)
        self.edit = QLineEdit()
        self.edit.setObjectName("renameNewName")
        self.edit.setMaxLength(NAME_FIELD_MAX_LENGTH)
        self.edit.setAccessibleName(self.tr("New name"))
        form.addRow(self.tr("&New name:"), self.edit)
        layout.addLayout(form)
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("renameProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.note = QLabel(wordWrap=True)
        self.note.setObjectName("renameNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Rename"))
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.person.currentIndexChanged.connect(self._changed)
        self.edit.textChanged.connect(self._changed)
        self._changed()
        self.person.setFocus()
        self.setMinimumWidth(420)

    def old(self) -> str:
        return self.person.currentText()

    def set_people(self, people: list[str], *, own: str, renamed: dict[str, str]) -> None:
        """The project's people as saved now, read again when another window or program saved
        (`savedElsewhere`): one labelling under a new name was missing, and one renamed there
        stayed on offer. The person picked stays picked; one who is gone stays shown, said to
        be gone, and Rename waits until another is picked (`_changed`)."""
        self._people, self._own, self._renamed = people, own, renamed
        refill_keeping_pick(self.person, people)
        self._changed()

    def new(self) -> str:
        return annotator_name(self.edit.text())

    def _changed(self) -> None:
        typed = self.edit.text()
        # Quiet while nothing is typed: the field's own label asks for the name.
        show_name_problem(typed, self.problem, self.ok, quiet_if_empty=True)
        new, old = self.new(), self.old()
        said: list[str] = []
        if old and old not in self._people:  # renamed or gone in another window or program
            self.ok.setEnabled(False)
            now = self._renamed.get(old)
            if now is not None and now in self._people:
                said.append(
                    self.tr(
                        "{0} was renamed {1} in another window or program: pick {1} to rename them."
                    ).format(old, now)
                )
            else:
                said.append(
                    self.tr(
                        "{0} has no claims or decisions in the project any more (changed in another"
                        " window or program): pick another person."
                    ).format(old)
                )
        elif self.ok.isEnabled():
            if new == old:
                self.ok.setEnabled(False)
                said.append(self.tr("That is the name {0} has already.").format(old))
            elif new in self._people:
                said.append(
                    self.tr(
                        "{0} and {1} become one person. Where both labelled the same words, the"
                        " claim changed last is kept."
                    ).format(old, new)
                )
        if old and old == self._own:
            said.append(
                self.tr(
                    "You label as {0}: your own name becomes the new one too (Ctrl+Z changes both back)."
                ).format(old)
            )
        self.note.setText("\n".join(said))
        self.note.setVisible(bool(said))
        self.adjustSize()
