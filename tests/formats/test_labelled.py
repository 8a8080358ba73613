"""Labelled sentences to evaluate the claim classifier on: NewsSD's CSV, JSONL, and what is refused.

`newssd-val-20.csv` is the first 20 rows of NewsSD-ENG val.csv (tests/data/ATTRIBUTION.md):
every sentence ends with a newline inside its quoted field, and labels are SUBJ/OBJ.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputFileError
from annotator.core.model import ClaimLabel
from annotator.formats import labelled
from annotator.formats.labelled import read_labelled

DATA = Path(__file__).parents[1] / "data" / "formats"


def test_newssd_csv_maps_subj_and_obj_and_keeps_sentences_whole() -> None:
    rows = read_labelled(DATA / "newssd-val-20.csv")
    assert len(rows) == 20
    assert rows[0].label is ClaimLabel.OPINION and rows[0].line == 2
    assert rows[0].text.startswith("Few journalists") and rows[0].text.endswith("first place.")
    assert rows[1].line == 4  # the first field spans two lines
    assert {r.label for r in rows} == {ClaimLabel.OPINION, ClaimLabel.FACTUAL}


def test_jsonl_and_the_projects_own_labels(tmp_path: Path) -> None:
    path = tmp_path / "sample.jsonl"
    lines = [
        {"text": "Prices rose 3%.", "label": "factual"},
        {"text": "This is a disgrace.", "label": "Opinion"},
        {"text": "Vaccines cause it.", "label": "QUESTIONABLE", "extra": 1},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    rows = read_labelled(path)
    assert [r.label for r in rows] == [ClaimLabel.FACTUAL, ClaimLabel.OPINION, ClaimLabel.QUESTIONABLE]
    assert [r.line for r in rows] == [1, 2, 3]


def test_doccano_and_prodigy_text_classification_exports(tmp_path: Path) -> None:
    """doccano's "label" is a list, and Prodigy's rejected answer says the label does NOT apply:
    the first was refused ("the label ['opinion'] is none of factual, opinion..."), the second
    read as if it did, and the model's figure counted a sentence the annotator had said was no
    opinion as a missed opinion. An ignored answer gives no label either."""
    path = tmp_path / "exported.jsonl"
    lines = [
        {"id": 1, "text": "Prices rose 3%.", "label": ["factual"]},
        {"text": "This is a disgrace.", "label": "OPINION", "_input_hash": 1, "answer": "accept"},
        {"text": "The vote was on Monday.", "label": "OPINION", "_input_hash": 2, "answer": "reject"},
        {"text": "Hmm.", "label": "FACTUAL", "_input_hash": 3, "answer": "ignore"},
        {"text": "Vaccines cause it.", "options": [{"id": "questionable", "text": "Questionable"}],
         "accept": ["questionable"], "_input_hash": 4, "answer": "accept"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    rows = read_labelled(path)
    assert [(r.text, r.label, r.line) for r in rows] == [
        ("Prices rose 3%.", ClaimLabel.FACTUAL, 1),
        ("This is a disgrace.", ClaimLabel.OPINION, 2),
        ("Vaccines cause it.", ClaimLabel.QUESTIONABLE, 5),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ({"text": "A.", "label": ["factual", "opinion"]}, "has 2 labels; a sentence takes one"),
        ({"text": "A.", "accept": [], "answer": "accept"}, "has 0 labels; a sentence takes one"),
    ],
)
def test_a_sentence_with_other_than_one_label_is_refused(
    tmp_path: Path, line: dict[str, object], reason: str
) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text(json.dumps(line), encoding="utf-8")
    with pytest.raises(InputFileError, match=reason):
        read_labelled(path)


def test_a_file_of_only_rejected_answers_says_so(tmp_path: Path) -> None:
    path = tmp_path / "rejects.jsonl"
    path.write_text(json.dumps({"text": "A.", "label": "OPINION", "answer": "reject"}), encoding="utf-8")
    with pytest.raises(InputFileError, match=r"holds no labelled sentences: its 1 line is a Prodigy answer"):
        read_labelled(path)


@pytest.mark.parametrize(
    ("name", "content", "where", "reason"),
    [
        (
            "bad.csv",
            "sentence,label\nA fine sentence.,OBJ\nAnother one.,MAYBE\n",
            ":3:",
            "'MAYBE' is none of",
        ),
        ("bad.csv", "text,gold\nA.,OBJ\n", ":1:", "'label' column"),
        ("bad.csv", "sentence,label\n   ,OBJ\n", ":2:", "the sentence is empty"),
        ("bad.csv", "sentence,label\nonly one field\n", ":2:", "too few"),
        ("bad.csv", 'sentence,label\n"open quote,OBJ\n', ":", "malformed CSV"),
        ("bad.csv", "sentence,label\nA\x00B,OBJ\n", "bad.csv", ""),
        ("bad.jsonl", '{"text": "A.", "label": "SUBJ"}\n{"text": "B."}\n', ":2:", '"text" and "label"'),
        ("bad.jsonl", '{"text": "A.", "label": "SUBJ"}\nnot json\n', ":2:", "not a JSON object"),
        ("bad.jsonl", '{"text": 3, "label": "SUBJ"}\n', ":1:", "not text"),
        ("bad.jsonl", '{"text": "A.", "label": NaN}\n', ":1:", "not a JSON object"),
        ("empty.csv", "sentence,label\n", "empty.csv", "no labelled sentences"),
        ("sample.txt", "A.\n", "sample.txt", "must be .csv"),
    ],
)
def test_a_bad_file_is_refused_in_one_line_naming_file_and_line(
    tmp_path: Path, name: str, content: str, where: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_labelled(path)
    message = str(caught.value)
    assert "\n" not in message and name in message and where in message and reason in message


def test_limits_size_rows_and_sentence_length(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.csv"
    path.write_text("sentence,label\n" + "A short one.,OBJ\n" * 50, encoding="utf-8")
    with pytest.raises(InputFileError, match="over the"):
        read_labelled(path, max_bytes=100)
    monkeypatch.setattr(labelled, "MAX_ROWS", 10)
    with pytest.raises(InputFileError, match=r"big.csv:12: has more than 10 sentences"):
        read_labelled(path)
    long = tmp_path / "long.jsonl"
    long.write_text(json.dumps({"text": "x" * 20_001, "label": "OBJ"}), encoding="utf-8")
    with pytest.raises(InputFileError, match=r"long.jsonl:1: the sentence is 20,001 characters"):
        read_labelled(long)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_only_a_regular_file_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(InputFileError, match="not a regular file"):
        read_labelled(fifo)  # and does not hang
    with pytest.raises(InputFileError, match="cannot be read"):
        read_labelled(tmp_path / "missing.csv")


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".tsv", ".jsonl"]))
def test_any_bytes_are_read_or_refused_with_an_input_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    path.write_bytes(b"sentence,label\n" + data if suffix != ".jsonl" else data)
    try:
        rows = read_labelled(path)
    except InputFileError as exc:
        assert "\n" not in str(exc)
    else:
        assert rows and all(r.text.strip() and isinstance(r.label, ClaimLabel) for r in rows)


def test_a_file_that_cannot_be_an_evaluation_file_is_refused_in_its_own_words(tmp_path: Path) -> None:
    """`train --eval-file` used the import's words: a folder named `x.csv` was "a pipe, a device
    or a socket", and a big or binary file was told to "import files", or to "raise the import
    size limit", which nothing on `train` can do."""
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    big = tmp_path / "big.csv"
    big.write_text("sentence,label\n" + "A short one.,OBJ\n" * 50, encoding="utf-8")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b'{"text": "a", "label": "OBJ"}\n\x00\x01\x02')
    for path, max_bytes, said in (
        (folder, labelled.MAX_BYTES, "is a folder; give a CSV, TSV or JSONL file of labelled sentences"),
        (big, 100, "the file is 865 bytes, over the 100 bytes an evaluation file may hold; evaluate on"),
        (
            binary,
            labelled.MAX_BYTES,
            "looks like a binary file (it contains NUL bytes); give a CSV, TSV or JSONL file of labelled",
        ),
    ):
        with pytest.raises(InputFileError) as refused:
            read_labelled(path, max_bytes=max_bytes)
        assert str(refused.value).startswith(f"{path}: "), refused.value
        assert said in str(refused.value) and "import" not in str(refused.value), refused.value


def test_utf16_with_its_byte_order_mark_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes("sentence,label\nPrices rose.,OBJ\n".encode("utf-16"))
    assert [row.label for row in read_labelled(path)] == [ClaimLabel.FACTUAL]
