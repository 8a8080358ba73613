"""A file written in two encodings is refused at its first foreign line, not read as mojibake.

Files get appended to: a UTF-8 CSV with rows pasted from an old Windows export, a text file
concatenated from two sources. Guessing one legacy encoding for the whole file turned every
UTF-8 line into mojibake ("cafÃ©") without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.test_import_edges import _stored_texts, cli


def test_a_csv_of_utf8_rows_and_windows_1252_rows_is_refused_at_the_first_foreign_line(
    tmp_path: Path,
) -> None:
    source = tmp_path / "appended.csv"
    source.write_bytes(
        b"title,text\n"
        + "Caf\u00e9,Le caf\u00e9 du march\u00e9 a ferm\u00e9 hier soir.\n".encode("utf-8")
        + "Plain,The council met on Monday.\n".encode("ascii")
        + "Pr\u00e9fet,Le pr\u00e9fet a parl\u00e9 \u2014 enfin.\n".encode("cp1252")
    )
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{source}:4: " in result.stderr and "UTF-8" in result.stderr and "line 2" in result.stderr
    assert _stored_texts(project) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le caf\u00e9 du march\u00e9 a ferm\u00e9.\nLe pr\u00e9fet a parl\u00e9.\n",
        # An accented capital before a curly quote is valid UTF-8 by chance (C9 92 is U+0252).
        "LE CAF\u00c9\u2019s owner said: \u201cNO.\u201d\nThe second line, in caf\u00e9 English.\n",
    ],
)
def test_a_file_wholly_in_windows_1252_is_still_read(text: str, tmp_path: Path) -> None:
    source = tmp_path / "legacy.txt"
    source.write_bytes(text.encode("cp1252"))
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(source), "--no-nlp")
    assert result.returncode == 0, result.stderr
    assert _stored_texts(project) == [text]
