"""The settings file is read like any file the app did not write: whatever it is, a start goes on."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.settings import Settings
from annotator.services.paths import settings_file
from annotator.services.settings import (
    KEPT_BROKEN,
    load_settings,
    save_settings,
    settings_refused,
    settings_set_aside,
)


def _nested(path: Path) -> None:
    path.write_text('{"annotator": "Ada", "recent_projects": ' + "[" * 100_000 + "]" * 100_000 + "}")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _huge(path: Path) -> None:
    filler = " " * 2_000_000  # valid JSON, but no settings file of ours is a hundredth of it
    path.write_text('{"annotator": "Ada",' + filler + '"theme": "dark"}')


def _not_an_object(path: Path) -> None:
    path.write_text('["Ada", 13, "dark"]')  # JSON, but no settings: another program's, or a bad edit


def _load_within(seconds: float) -> Settings:
    """`load_settings()`, failing the test (not hanging it) if it does not return in time."""
    loaded: list[Settings] = []
    reader = threading.Thread(target=lambda: loaded.append(load_settings()), daemon=True)
    reader.start()
    reader.join(seconds)
    if not loaded:
        pytest.fail(f"load_settings() did not return within {seconds} s (a start would hang)")
    return loaded[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize(
    "make", [_nested, _fifo, _huge, _not_an_object], ids=["nested JSON", "FIFO", "too large", "a list"]
)
def test_a_settings_file_that_is_not_settings_gives_the_defaults_and_is_set_aside(
    make: Callable[[Path], None], caplog: pytest.LogCaptureFixture
) -> None:
    """Nested JSON raised RecursionError (every start ended in "internal error"), a FIFO hung every
    start, and a file of any size was read whole. JSON that is not an object was taken for no
    settings without a word, and the next save wrote over it."""
    path = settings_file()
    path.parent.mkdir(parents=True)
    make(path)
    with caplog.at_level("WARNING", logger="annotator.services.settings"):
        assert _load_within(10) == Settings()
    assert "is unreadable" in caplog.text
    assert not path.exists() and path.with_suffix(".broken.json").exists()  # kept for a look
    assert settings_set_aside() == path.with_suffix(".broken.json")  # for the window to say
    assert settings_set_aside() is None  # once
    save_settings(dataclasses.replace(Settings(), annotator="Ada"))
    assert load_settings().annotator == "Ada"


def test_a_settings_file_broken_again_does_not_take_the_place_of_the_one_kept_before() -> None:
    """Both went to settings.broken.json: the second took the place of the first, which held the
    person's name and recent projects; a folder there could not be moved onto a kept file at all,
    and was not said."""
    path = settings_file()
    path.parent.mkdir(parents=True)
    first = '{"annotator": "Ada", "recent_projects": ["/p/one.annotator.db"]'  # cut short: broken
    path.write_text(first, encoding="utf-8")
    assert load_settings() == Settings()
    assert settings_set_aside() == path.with_suffix(".broken.json")
    path.write_text("[]", encoding="utf-8")
    assert load_settings() == Settings()
    second = settings_set_aside()
    assert second == path.with_suffix(".broken-2.json") and second.read_text("utf-8") == "[]"
    path.mkdir()
    assert load_settings() == Settings()
    assert settings_set_aside() == path.with_suffix(".broken-3.json") and not path.exists()
    assert path.with_suffix(".broken.json").read_text("utf-8") == first  # the first still kept
    for _ in range(KEPT_BROKEN + 2):  # a file broken at every start fills no folder
        path.write_text("{", encoding="utf-8")
        load_settings()
    assert len(list(path.parent.glob("settings.broken*.json"))) == KEPT_BROKEN
    assert settings_set_aside() == path.with_suffix(f".broken-{KEPT_BROKEN}.json")  # the last, written over


def test_a_settings_file_an_editor_saved_with_a_byte_order_mark_is_read() -> None:
    """Edited in an editor that starts UTF-8 with a byte order mark (Notepad), the file was set
    aside whole as broken: the name, the recent projects and every choice were gone."""
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"annotator": "Ada", "font_size": 20}).encode("utf-8"))
    assert load_settings() == Settings(annotator="Ada", font_size=20)
    assert path.exists() and settings_set_aside() is None
    save_settings(dataclasses.replace(load_settings(), theme="dark"))  # the next save keeps them
    assert load_settings() == Settings(annotator="Ada", font_size=20, theme="dark")


def test_a_name_saved_in_its_decomposed_form_stays_the_owner_of_its_claims() -> None:
    """Names are composed (NFC) where they are typed, imported or merged; one saved earlier as
    "Zoe" with a combining diaeresis, converted at the next start, made every claim of the
    person's own project another's ("This claim is Zoë's"), and the start called it refused."""
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"annotator": " Zoe\u0308\n"}), encoding="utf-8")
    assert load_settings().annotator == "Zoe\u0308"
    assert settings_refused() == ()


def test_a_name_in_the_settings_file_is_trimmed_as_the_dialogs_trim_it() -> None:
    """A hand-edited `" Ada L.\n"` was kept as it stood: another annotator than the dialogs' Ada L."""
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"annotator": " Ada L.\\n", "theme": "dark"}', encoding="utf-8")
    assert load_settings() == Settings(annotator="Ada L.", theme="dark")


@pytest.mark.parametrize(
    "stored",
    ['"' + "x" * 32_767 + '"', '"Ada\\nLovelace"', '" GOLD "', "12", '["Ada"]'],
    ids=["too long", "two lines", "gold", "a number", "a list"],
)
def test_a_name_the_dialogs_refuse_is_left_out_with_a_warning_and_the_rest_kept(
    stored: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"annotator": ' + stored + ', "theme": "dark"}', encoding="utf-8")
    with caplog.at_level("WARNING", logger="annotator.services.settings"):
        assert load_settings() == Settings(theme="dark")  # no name: the window asks for one
    [record] = caplog.records
    assert str(path) in record.getMessage() and "annotator name" in record.getMessage()
    assert len(record.getMessage()) < 300  # the name is not written out whole
    assert path.exists()  # the file is not set aside: the rest of it is kept


def test_a_blank_name_in_the_settings_file_is_no_name_yet_without_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"annotator": " \\n"}', encoding="utf-8")
    with caplog.at_level("WARNING", logger="annotator.services.settings"):
        assert load_settings() == Settings()
    assert caplog.records == []


def test_what_a_newer_version_saved_survives_this_version_s_save() -> None:
    """A setting made in a newer version of the app was dropped by the first save of an older
    one (the person went back to it for a while): the newer version then had lost it."""
    path = settings_file()
    path.parent.mkdir(parents=True)
    newer = {"version": 99, "annotator": "Ada", "font_size": 15, "spell_check": True, "layout": {"a": [1]}}
    path.write_text(json.dumps(newer), encoding="utf-8")
    save_settings(dataclasses.replace(load_settings(), font_size=18))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["spell_check"], saved["layout"], saved["font_size"]) == (True, {"a": [1]}, 18)
    assert load_settings().annotator == "Ada"


def test_a_deeply_nested_value_a_newer_version_would_not_write_is_not_kept() -> None:
    """JSON nested 900 deep, read, could not be written back (RecursionError at every save)."""
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"annotator": "Ada", "deep": ' + "[" * 900 + "]" * 900 + ', "flat": [[1]]}')
    settings = load_settings()
    save_settings(dataclasses.replace(settings, font_size=18))
    assert "deep" not in settings.extra and load_settings().extra == {"flat": [[1]]}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_settings_file_linked_from_a_dotfiles_folder_is_saved_through_the_link(tmp_path: Path) -> None:
    """A dotfiles manager (GNU Stow, a dotfiles repository) keeps `settings.json` as a link to the
    person's own copy: the first save replaced the link by a file, and the copy that is backed
    up and carried to their other computers never changed again."""
    kept = tmp_path / "dotfiles" / "annotator.json"
    kept.parent.mkdir()
    save_settings(Settings(annotator="Ada"))
    settings_file().replace(kept)
    settings_file().symlink_to(kept)
    save_settings(dataclasses.replace(load_settings(), theme="dark"))
    assert settings_file().is_symlink()
    assert json.loads(kept.read_text(encoding="utf-8"))["theme"] == "dark"
    assert load_settings() == Settings(annotator="Ada", theme="dark")
    assert [p.name for p in kept.parent.iterdir()] == ["annotator.json"]  # no temporary file left


def test_a_settings_link_that_points_nowhere_is_replaced_by_the_settings(tmp_path: Path) -> None:
    """A link into a folder that is gone (a dotfiles drive not mounted): the settings are still saved."""
    settings_file().parent.mkdir(parents=True)
    settings_file().symlink_to(tmp_path / "gone" / "annotator.json")
    save_settings(Settings(annotator="Ada"))
    assert load_settings() == Settings(annotator="Ada")
