"""The evaluation file remembered per project: bounded, round-tripped, and any JSON read safely."""

from __future__ import annotations

import dataclasses
import json
import os.path
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.settings import EVAL_FILES_KEEP, FOLDER_PURPOSES, RECENT_KEEP, SETTINGS_VERSION, Settings

ROOT = os.path.abspath(os.sep)


def _abs(*parts: str) -> str:
    return os.path.join(ROOT, *parts)


def test_the_map_keeps_the_most_recent_projects_and_no_file_forgets() -> None:
    s = Settings()
    for n in range(EVAL_FILES_KEEP + 5):
        s = s.with_eval_file(_abs(f"p{n}.db"), _abs(f"e{n}.csv"))
    assert len(s.eval_files) == EVAL_FILES_KEEP
    assert s.eval_files[0] == (_abs(f"p{EVAL_FILES_KEEP + 4}.db"), _abs(f"e{EVAL_FILES_KEEP + 4}.csv"))
    assert s.eval_file_for(_abs("p0.db")) == ""  # the oldest fell off
    s = s.with_eval_file(_abs("p10.db"), _abs("other.csv"))
    assert s.eval_files[0] == (_abs("p10.db"), _abs("other.csv")) and len(s.eval_files) == EVAL_FILES_KEEP
    s = s.with_eval_file(_abs("p10.db"), "")
    assert s.eval_file_for(_abs("p10.db")) == "" and len(s.eval_files) == EVAL_FILES_KEEP - 1


def test_the_map_survives_a_json_round_trip() -> None:
    s = Settings().with_eval_file(_abs("a.db"), _abs("x", "val.csv"))
    s = s.with_eval_file(_abs("b.db"), _abs("t.jsonl"))
    again = Settings.from_json_dict(json.loads(json.dumps(s.to_json_dict())))
    assert again.eval_files == s.eval_files and again.to_json_dict()["version"] == SETTINGS_VERSION


def test_bad_entries_are_dropped_one_by_one() -> None:
    good = [_abs("a.db"), _abs("a.csv")]
    value = [good, [_abs("a.db"), _abs("later.csv")], ["rel.db", _abs("b.csv")], [_abs("c.db"), 3], "x", None]
    value += [[_abs(f"p{n}.db"), _abs("e.csv")] for n in range(40)]
    s = Settings.from_json_dict({"eval_files": value})
    assert s.eval_files[0] == tuple(good)  # the first entry for a project wins
    assert len(s.eval_files) == EVAL_FILES_KEEP
    assert all(project != "rel.db" and project != _abs("c.db") for project, _file in s.eval_files)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(value=JSON | st.lists(st.lists(st.text(), max_size=3), max_size=5))
def test_any_json_value_reads_as_a_well_formed_map(value: Any) -> None:
    s = Settings.from_json_dict({"eval_files": value})
    assert len(s.eval_files) <= EVAL_FILES_KEEP
    for project, file in s.eval_files:
        assert os.path.isabs(project) and os.path.isabs(file) and "\x00" not in project + file


def test_each_kind_of_file_dialog_remembers_its_own_folder_across_a_save() -> None:
    s = Settings().with_folder("import", _abs("feeds")).with_folder("export", _abs("out"))
    s = s.with_folder("import", _abs("feeds", "today"))
    again = Settings.from_json_dict(json.loads(json.dumps(s.to_json_dict())))
    assert again.folder_for("import") == _abs("feeds", "today")
    assert again.folder_for("export") == _abs("out")
    assert again.folder_for("merge") == ""
    assert Settings().with_folder("import", "relative/dir") == Settings()  # not a folder to start in


def test_the_export_folder_of_a_version_2_file_is_kept() -> None:
    s = Settings.from_json_dict({"version": 2, "last_export_dir": _abs("exports")})
    assert s.folder_for("export") == _abs("exports")
    assert "last_export_dir" not in s.to_json_dict()
    assert Settings.from_json_dict({"last_export_dir": "exports"}).folders == ()  # relative: dropped


@settings(max_examples=200, deadline=None)
@given(value=JSON | st.lists(st.lists(st.sampled_from([*FOLDER_PURPOSES, "x", _abs("a"), ""]), max_size=3)))
def test_any_json_value_reads_as_one_absolute_folder_per_known_kind(value: Any) -> None:
    s = Settings.from_json_dict({"folders": value})
    kinds = [kind for kind, _folder in s.folders]
    assert len(kinds) == len(set(kinds)) and set(kinds) <= set(FOLDER_PURPOSES)
    assert all(os.path.isabs(folder) and "\x00" not in folder for _kind, folder in s.folders)


def test_recent_projects_keep_only_paths_each_once_and_at_most_the_usual_number() -> None:
    """Every entry was made text: a hand-edited file listed "None", "3" and "" in Open Recent, and
    a list of any length was shown whole."""
    value = [None, 3, "", _abs("a.db"), ["x"], {"p": 1}, _abs("a.db"), "/" + "x" * 5000, _abs("b\x00.db")]
    value += [_abs(f"p{n}.db") for n in range(40)]
    s = Settings.from_json_dict({"recent_projects": value})
    assert s.recent_projects == (_abs("a.db"), *(_abs(f"p{n}.db") for n in range(RECENT_KEEP - 1)))
    assert Settings.from_json_dict({"recent_projects": "x"}).recent_projects == ()


def test_values_the_window_cannot_show_read_as_the_defaults() -> None:
    """A hand-edited or hostile file: a text size of 500, a threshold of -3, an unknown theme or a
    name no claim can be saved under were taken as they stood, and each part of the window
    clamped or refused them its own way."""
    defaults = Settings()
    hostile = {
        "font_size": 500,
        "suggestion_threshold": -3,
        "theme": "<script>",
        "annotator": "gold",
    }
    s = Settings.from_json_dict(hostile)
    assert (s.font_size, s.suggestion_threshold, s.theme, s.annotator) == (
        defaults.font_size,
        defaults.suggestion_threshold,
        defaults.theme,
        defaults.annotator,
    )
    for name in ("  ", "Ada\x00", "x" * 200_000):
        assert Settings.from_json_dict({"annotator": name}).annotator == ""
    assert Settings.from_json_dict({"font_size": True}).font_size == defaults.font_size
    assert (
        Settings.from_json_dict({"suggestion_threshold": 100}).suggestion_threshold
        == defaults.suggestion_threshold
    )


def test_a_span_match_the_review_does_not_know_reads_as_exact_and_spells_agreements_modes() -> None:
    from annotator.core.agreement import MATCH_MODES
    from annotator.core.settings import SPAN_MATCHES

    assert SPAN_MATCHES == MATCH_MODES  # spelled twice so the agreement code loads late
    assert Settings.from_json_dict({"span_match": "relaxed"}).match_mode() == "relaxed"
    for hostile in ("fuzzy", "RELAXED", 1, None):
        read = Settings.from_json_dict({"span_match": hostile})
        assert (read.span_match, read.match_mode()) == ("exact", "exact")


def test_values_at_the_ends_of_their_ranges_are_kept() -> None:
    edges = {"font_size": 6, "suggestion_threshold": 99, "theme": "dark", "annotator": "Ada L."}
    s = Settings.from_json_dict(edges)
    assert (s.font_size, s.suggestion_threshold, s.theme, s.annotator) == (6, 99, "dark", "Ada L.")
    assert Settings.from_json_dict({"font_size": 48, "suggestion_threshold": 0}).font_size == 48


def test_without_recent_takes_off_the_path_however_it_is_spelled() -> None:
    kept, doubled = _abs("data", "b.annotator.db"), _abs("data") + os.sep * 2 + "a.annotator.db"
    settings = Settings().with_recent(kept).with_recent(doubled)
    assert settings.without_recent(_abs("data", "a.annotator.db")).recent_projects == (kept,)
    assert settings.without_recent(_abs("data", "c.annotator.db")) == settings


def test_a_project_opened_by_a_second_hard_link_is_listed_once_in_open_recent(tmp_path: Path) -> None:
    """Open Recent listed one project twice, once per hard-link name it was opened by, and the
    older name kept a place another project should have had."""
    first = tmp_path / "thesis.annotator.db"
    first.write_bytes(b"project")
    second = tmp_path / "linked" / "thesis.annotator.db"
    second.parent.mkdir()
    os.link(first, second)
    other = tmp_path / "other.annotator.db"
    other.write_bytes(b"another")
    gone = _abs("away", "gone.annotator.db")  # not there to compare: kept as it is
    settings = Settings().with_opened(gone).with_opened(str(first)).with_opened(str(other))
    assert settings.with_opened(str(second)).recent_projects == (str(second), str(other), gone)


def test_the_gone_project_survives_a_save_and_reads_as_none_unless_an_absolute_path() -> None:
    """A start opens nothing while it is set: a hand-edited "thesis.db" or "\\x00" must not keep
    every start from reopening the most recent project."""
    kept = Settings(gone_project=_abs("away", "thesis.annotator.db"))
    assert Settings.from_json_dict(json.loads(json.dumps(kept.to_json_dict()))) == kept
    for value in ("thesis.annotator.db", "", _abs("a\x00b"), 3, None, [_abs("x.db")], "/" * 5000):
        assert Settings.from_json_dict({"gone_project": value}).gone_project == ""


def test_a_project_opened_goes_first_in_open_recent_and_ends_the_gone_project_s_naming() -> None:
    older, gone, opened = (_abs("p", name) for name in ("older.db", "gone.db", "new.db"))
    settings = Settings(recent_projects=(older,), gone_project=gone).with_opened(opened)
    assert (settings.recent_projects, settings.gone_project) == ((opened, older), "")


def test_a_file_left_unsaid_when_gone_is_that_file_alone_and_survives_a_save() -> None:
    stick, other = _abs("media", "stick", "thesis.db"), _abs("home", "notes.db")
    settings = Settings().with_quiet_when_gone(stick, True)
    assert settings.is_quiet_when_gone(stick) and not settings.is_quiet_when_gone(other)
    assert settings.is_quiet_when_gone(stick.replace("stick", "stick//."))  # however it is spelled
    assert Settings.from_json_dict(json.loads(json.dumps(settings.to_json_dict()))) == settings
    assert not settings.with_quiet_when_gone(stick, False).is_quiet_when_gone(stick)
    for value in ("thesis.db", 3, None, ["thesis.db", None, 7]):
        assert Settings.from_json_dict({"quiet_gone_projects": value}).quiet_gone_projects == ()


def test_changes_are_put_onto_what_another_start_saved_meanwhile() -> None:
    """A window writes only what it changed, onto the file as another start left it."""
    a, b, c, x = _abs("a.db"), _abs("b.db"), _abs("c.db"), _abs("x.db")
    read = Settings(annotator="Ada", recent_projects=(a, b, c), hidden_entity_labels=("GPE",))
    elsewhere = dataclasses.replace(
        read.with_recent(x).with_folder("export", _abs("out")),
        font_size=20,
        hidden_entity_labels=("GPE", "ORG"),
    )
    here = dataclasses.replace(
        read.with_recent(b).without_recent(c).with_folder("import", _abs("in")),
        theme="dark",
        hidden_entity_labels=(),
    )
    merged = here.changes_onto(read, elsewhere)
    assert (merged.font_size, merged.theme, merged.annotator) == (20, "dark", "Ada")
    assert merged.recent_projects == (b, x, a)
    assert merged.hidden_entity_labels == ("ORG",)
    assert merged.folder_for("export") == _abs("out") and merged.folder_for("import") == _abs("in")
    assert read.changes_onto(read, elsewhere) == elsewhere  # nothing changed here: the file's, whole


def test_a_list_changed_both_here_and_elsewhere_keeps_one_entry_per_name_and_its_length() -> None:
    base = Settings().with_eval_file(_abs("p.db"), _abs("old.csv"))
    elsewhere = base.with_eval_file(_abs("p.db"), _abs("theirs.csv"))
    for n in range(RECENT_KEEP):
        elsewhere = elsewhere.with_recent(_abs(f"e{n}.db"))
    here = base.with_eval_file(_abs("p.db"), _abs("mine.csv")).with_recent(_abs("mine.db"))
    merged = here.changes_onto(base, elsewhere)
    assert merged.eval_files == ((_abs("p.db"), _abs("mine.csv")),)
    assert len(merged.recent_projects) == RECENT_KEEP and merged.recent_projects[0] == _abs("mine.db")


def test_opening_a_file_of_one_name_looks_at_no_other_recent_entry_on_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a file with a second name (a hard link) can be listed under another: a project of
    one name compared with every entry by its inode stalled on an entry on a network drive gone."""
    opened = tmp_path / "p.annotator.db"
    opened.write_bytes(b"")
    settings = Settings(recent_projects=("/mnt/gone/share/team.annotator.db", str(tmp_path / "q.db")))
    looked: list[str] = []
    monkeypatch.setattr(os.path, "samefile", lambda a, b: looked.append(a) or False)
    again = settings.with_recent(str(opened))
    assert again.recent_projects == (str(opened), *settings.recent_projects)
    assert looked == []
