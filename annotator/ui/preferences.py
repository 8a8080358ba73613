"""Edit ▸ Preferences… (Ctrl+,): the person's remembered settings in one place.

The name, the theme, the text size and the suggestion threshold were each changed somewhere
else (File ▸ Change Annotator Name…, View ▸ Theme, View ▸ Larger Text, the Suggestions panel),
and a person looking for them where desktop apps keep them found nothing. The dialog changes
nothing while it is open: OK applies what was changed through the very code the menus and the
panel run (`apply_preferences`), which saves the settings, so the menus, the panel and the
settings file cannot disagree with it; Cancel or Escape leaves everything as it was.

The pre-annotation model is the project's, not the person's: the dialog only opens its own
dialog, in a section marked as the project's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.settings import (
    FONT_SIZES,
    IMPORT_MEGABYTES,
    MEGABYTE,
    SUGGESTION_THRESHOLDS,
    THEMES,
    Settings,
    annotator_name,
    usable_annotator,
)
from annotator.ui.dialogs import NAME_FIELD_MAX_LENGTH, show_name_problem
from annotator.ui.geometry import resize_to_fit, scrolled, scrolled_form_height

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


@dataclass(frozen=True)
class Preferences:
    """What the dialog holds when OK is pressed."""

    annotator: str
    theme: str
    font_size: int
    suggestion_threshold: int
    import_megabytes: int = 20
    show_hidden_entity_types: bool = False
    """Whether OK switches every entity type the legend hides back on."""


HIDDEN_NAMED = 4
"""Hidden entity types the dialog names one by one; more are counted (a file may list hundreds)."""


def shown_preferences(settings: Settings) -> Preferences:
    """The settings as the dialog shows them: a value the window cannot show is the default.

    Settings read from the file are checked already (`Settings.from_json_dict`); one made in
    code is not, and a spin box given 500 shows its maximum, not what the window uses.
    """
    defaults = Settings()
    return Preferences(
        annotator=settings.annotator if usable_annotator(settings.annotator) else defaults.annotator,
        theme=settings.theme if settings.theme in THEMES else defaults.theme,
        font_size=settings.font_size if settings.font_size in FONT_SIZES else defaults.font_size,
        suggestion_threshold=(
            settings.suggestion_threshold
            if settings.suggestion_threshold in SUGGESTION_THRESHOLDS
            else defaults.suggestion_threshold
        ),
        import_megabytes=_megabytes(settings.max_import_bytes),
    )


def _megabytes(limit: int) -> int:
    """The import limit in whole MB, as the dialog's box shows it (a hand-edited file may hold
    any number of bytes): rounded, and within the box's range."""
    return min(max(round(limit / MEGABYTE), IMPORT_MEGABYTES[0]), IMPORT_MEGABYTES[-1])


class PreferencesDialog(QDialog):
    """A form of the person's settings, and a button for the project's pre-annotation model."""

    modelRequested = Signal()  # the project's "Pre-annotation Model…" button

    def __init__(self, parent: QWidget | None, settings: Settings, *, project_open: bool) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        shown = shown_preferences(settings)
        body = QWidget()
        content = QVBoxLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        yours = QGroupBox(self.tr("Yours, in every project on this computer"))
        form = QFormLayout(yours)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.name = QLineEdit(shown.annotator)
        self.name.setObjectName("preferencesName")
        self.name.setMaxLength(NAME_FIELD_MAX_LENGTH)
        self.name.setPlaceholderText(self.tr("e.g. Ada L."))
        self.name_problem = self._explained(QLabel(), "preferencesNameProblem")
        bold = self.name_problem.font()
        bold.setBold(True)  # not read as one more explanation: OK waits on it
        self.name_problem.setFont(bold)
        self._row(
            form,
            self.tr("Your &name:"),
            self.name,
            self.tr("Saved with every claim you label, so a team can tell whose work is whose."),
        )
        form.addRow(self.name_problem)

        self.theme = QComboBox()
        self.theme.setObjectName("preferencesTheme")
        names = {"system": self.tr("System"), "light": self.tr("Light"), "dark": self.tr("Dark")}
        for theme in THEMES:
            self.theme.addItem(names[theme], theme)
        self.theme.setCurrentIndex(THEMES.index(shown.theme))
        self._row(
            form,
            self.tr("&Theme:"),
            self.theme,
            self.tr("System follows your desktop's colours; Light and Dark are the app's own."),
        )

        self.font_size = QSpinBox()
        self.font_size.setObjectName("preferencesTextSize")
        self.font_size.setRange(FONT_SIZES[0], FONT_SIZES[-1])
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(shown.font_size)
        self._row(
            form,
            self.tr("Text si&ze:"),
            self.font_size,
            self.tr("Of the article you read. Ctrl++ and Ctrl+- change it too."),
        )

        self.threshold = QSpinBox()
        self.threshold.setObjectName("preferencesThreshold")
        self.threshold.setRange(SUGGESTION_THRESHOLDS[0], SUGGESTION_THRESHOLDS[-1])
        self.threshold.setSuffix("%")
        self.threshold.setValue(shown.suggestion_threshold)
        self._row(
            form,
            self.tr("Hide suggestions &below:"),
            self.threshold,
            self.tr(
                "The model's label suggestions less sure than this are not shown. Higher shows"
                " fewer, surer ones. The Suggestions panel has the same setting."
            ),
        )
        self.import_limit = QSpinBox()
        self.import_limit.setObjectName("preferencesImportLimit")
        self.import_limit.setRange(IMPORT_MEGABYTES[0], IMPORT_MEGABYTES[-1])
        self.import_limit.setSuffix(self.tr(" MB"))
        self.import_limit.setValue(shown.import_megabytes)
        self._row(
            form,
            self.tr("Largest file to &import:"),
            self.import_limit,
            self.tr(
                "A larger file is refused, and the import says so. A file is read whole before its"
                " articles are saved: raise it for a large JSONL or CSV file if the computer has the memory."
            ),
        )
        for box in (self.font_size, self.threshold, self.import_limit):
            # A number typed past the range ("5" pt, "0" MB) is its nearest end when the field
            # is left or Enter pressed: it went back to the old value, and OK applied that,
            # "5 pt" still shown as the dialog closed.
            box.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        hidden = sorted(settings.hidden_entity_labels)
        self.show_hidden = QCheckBox(self.tr("&Show them all again"))
        self.show_hidden.setObjectName("preferencesShowHidden")
        self.show_hidden.setEnabled(bool(hidden))
        self._row(
            form,
            self.tr("Hidden entity types:"),
            self.show_hidden,
            self.tr("Hidden now: {0}. The legend's switches above the text hide and show each type.").format(
                _named(hidden, self)
            )
            if hidden
            else self.tr("None. The legend's switches above the text hide a type's highlights."),
        )
        self.show_hidden.setAccessibleName(self.tr("Show every hidden entity type again"))
        content.addWidget(yours)

        project = QGroupBox(self.tr("This project, for everyone who opens its file"))
        project.setObjectName("preferencesProject")
        project_form = QFormLayout(project)
        project_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.model_button = QPushButton(self.tr("Pre-annotation &Model…"))
        self.model_button.setObjectName("preferencesModel")
        self.model_button.setAutoDefault(False)  # Enter stays OK unless the button has the focus
        self.model_button.setEnabled(project_open)
        self.model_button.clicked.connect(self.modelRequested)
        project_form.addRow(self.model_button)
        project_form.addRow(
            self._explained(
                QLabel(
                    self.tr(
                        "Which spaCy model finds names, quotations and speakers in this project's articles."
                    )
                    if project_open
                    else self.tr("Open a project to choose the model that pre-annotates it.")
                ),
                "preferencesModelNote",
            )
        )
        content.addWidget(project)
        content.addStretch(1)

        layout = QVBoxLayout(self)
        area = scrolled(body)
        layout.addWidget(area, 1)  # a small or scaled screen scrolls the form; OK stays
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._name_changed)
        self._name_changed(self.name.text())
        self.name.setFocus()
        self.name.selectAll()  # a name typed replaces the old one (`NameDialog` does the same)
        self._fit(area, body, layout)

    def _fit(self, area: QScrollArea, body: QWidget, layout: QVBoxLayout) -> None:
        """As tall as the form's wrapped lines need at the dialog's width, or the screen allows.

        The scroll area's own size hint guessed the lines' widths, and left a band of empty
        space above the buttons.
        """
        width = max(self.sizeHint().width(), 520)
        height = scrolled_form_height(area, body, layout, self.buttons, width)
        resize_to_fit(self, width, max(height, body.minimumSizeHint().height()))

    def _row(self, form: QFormLayout, label_text: str, field: QWidget, explanation: str) -> None:
        """A labelled field, its mnemonic focusing it, and a line under it saying what it is for."""
        label = QLabel(label_text)
        label.setBuddy(field)
        field.setAccessibleName(label_text.replace("&", "").removesuffix(":"))
        field.setAccessibleDescription(explanation)
        form.addRow(label, field)
        form.addRow(self._explained(QLabel(explanation), ""))

    def _explained(self, label: QLabel, name: str) -> QLabel:
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            label.setObjectName(name)
        return label

    def _name_changed(self, text: str) -> None:
        """OK only with a name a claim can be saved under, and why not under the field, in the
        words of File ▸ Change Annotator Name."""
        show_name_problem(text, self.name_problem, self.buttons.button(QDialogButtonBox.StandardButton.Ok))

    def chosen(self) -> Preferences:
        return Preferences(
            annotator=annotator_name(self.name.text()),
            theme=str(self.theme.currentData()),
            font_size=int(self.font_size.value()),
            suggestion_threshold=int(self.threshold.value()),
            import_megabytes=int(self.import_limit.value()),
            show_hidden_entity_types=self.show_hidden.isChecked(),
        )


def _named(labels: list[str], speaker: QWidget) -> str:
    """The first few of `labels`, and how many more there are."""
    named = ", ".join(labels[:HIDDEN_NAMED])
    more = len(labels) - HIDDEN_NAMED
    return named if more <= 0 else speaker.tr("{0} and {1} more").format(named, more)


def apply_preferences(window: MainWindow, chosen: Preferences) -> None:
    """Apply what changed through the code the menus and the panel run, which shows and saves it.

    Nothing is written here: View ▸ Theme's action, `set_text_size` (Larger and Smaller Text),
    the Suggestions panel's threshold box, `set_annotator` (Change Annotator Name…) and the
    legend's switches each save the settings as they always do, so the menus' checks and the
    panel's box show the new values and there is one way a setting is written. A value not
    changed is not set again. The import limit has no other place, and is saved here.
    """
    if chosen.theme != window.settings.theme:
        window.theme_actions[chosen.theme].trigger()
    if chosen.font_size != window.view.font_size:
        window.set_text_size(chosen.font_size)
    threshold = window.suggestions.panel.threshold
    if chosen.suggestion_threshold != threshold.value():
        threshold.setValue(chosen.suggestion_threshold)
    if chosen.annotator != window.settings.annotator:
        window.set_annotator(chosen.annotator)
    if chosen.import_megabytes != _megabytes(window.settings.max_import_bytes):
        window.update_settings(replace(window.settings, max_import_bytes=chosen.import_megabytes * MEGABYTE))
    if chosen.show_hidden_entity_types:
        window.legend.show_every_type()  # as their switches do, which saves the settings once


def open_preferences(window: MainWindow) -> PreferencesDialog:
    """The dialog on the window's settings; OK applies it (`apply_preferences`)."""
    dialog = PreferencesDialog(window, window.settings, project_open=window.project is not None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(lambda: window.guard(lambda: apply_preferences(window, dialog.chosen())))
    dialog.modelRequested.connect(lambda: window.guard(lambda: _open_model_dialog(window, dialog)))
    window.preferences_dialog = dialog
    dialog.finished.connect(lambda _result: setattr(window, "preferences_dialog", None))  # deleted on close
    dialog.open()
    return dialog


def _open_model_dialog(window: MainWindow, preferences: PreferencesDialog) -> None:
    from annotator.ui.pipeline_dialog import open_pipeline_dialog

    open_pipeline_dialog(window, parent=preferences)
