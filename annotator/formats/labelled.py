"""Labelled sentences for evaluating the claim classifier on a sample the user gives.

Why a reader of its own (not the article import): an evaluation file is a list of
(sentence, label) pairs, the shape in which labelled subjectivity data is published
(NewsSD-ENG's `Sentence,Label` CSV, `SUBJ`/`OBJ`), not articles to annotate. It
gives the model's figure on text whose balance of labels the user chose, which the
held-out newest articles of the project cannot (they share the project's balance).

Two layouts: CSV (or TSV) with a header naming a `sentence` (or `text`) column and a
`label` column, and JSONL with one `{"text": ..., "label": ...}` object a line (doccano's
text classification export, whose label is a list of one; Prodigy's, whose rejected and
ignored answers give no label and are left out, and whose choices are in "accept").
Labels are the project's (`factual`, `opinion`, `questionable`) or NewsSD's
(`OBJ` -> factual, `SUBJ` -> opinion), in any case. Like every input, the file may be
broken or hostile: only a regular file is read, within `MAX_BYTES` and `MAX_ROWS`,
and the first bad line stops the reading with one line naming file and line.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputFileError
from annotator.core.model import ClaimLabel
from annotator.core.text import normalize_text
from annotator.core.validate import InvalidValue, check_text
from annotator.core.validate import loads as strict_json
from annotator.formats.decoding import decode
from annotator.formats.readers import read_regular

__all__ = [
    "LABEL_ALIASES",
    "MAX_BYTES",
    "MAX_ROWS",
    "MAX_SENTENCE_CHARS",
    "LabelledSentence",
    "read_labelled",
]

MAX_BYTES = 20 * 1024 * 1024
log = logging.getLogger(__name__)

_GIVE = "give a CSV, TSV or JSONL file of labelled sentences"
MAX_ROWS = 100_000
MAX_SENTENCE_CHARS = 20_000
"""A sentence (or a claim with its context) longer than this is not one: the file is refused."""

LABEL_ALIASES: dict[str, ClaimLabel] = {
    **{label.value: label for label in ClaimLabel},
    "subj": ClaimLabel.OPINION,
    "obj": ClaimLabel.FACTUAL,
}
"""Labels an evaluation file may use (compared in lower case): the project's and NewsSD's."""

_TEXT_COLUMNS = ("sentence", "text")


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    text: str
    label: ClaimLabel
    line: int


def read_labelled(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[LabelledSentence]:
    """Every (sentence, label) of a CSV, TSV or JSONL file; raises `InputFileError` naming file and line."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".tsv", ".jsonl"}:
        raise InputFileError(
            path, "an evaluation file must be .csv or .tsv (sentence and label columns) or .jsonl"
        )
    data = read_regular(
        path,
        max_bytes,
        give=_GIVE,
        too_big="evaluate on a part of it",
        limit_of="an evaluation file may hold",
    )
    raw, _encoding = decode(data, path, give=_GIVE)
    rows = (
        _read_jsonl(raw, path)
        if suffix == ".jsonl"
        else _read_csv(raw, path, "\t" if suffix == ".tsv" else ",")
    )
    if not rows:
        raise InputFileError(path, "holds no labelled sentences")
    return rows


def _label(value: object, path: Path, line: int) -> ClaimLabel:
    if not isinstance(value, str) or value.strip().lower() not in LABEL_ALIASES:
        shown = repr(value)[:40]
        raise InputFileError(
            path,
            f"the label {shown} is none of factual, opinion, questionable (or OBJ, SUBJ)",
            line=line,
        )
    return LABEL_ALIASES[value.strip().lower()]


def _sentence(value: object, path: Path, line: int) -> str:
    if not isinstance(value, str):
        raise InputFileError(path, "the sentence is not text", line=line)
    text = normalize_text(value).strip()
    try:
        check_text(text, "the sentence", MAX_SENTENCE_CHARS, empty=False)
    except InvalidValue as exc:
        raise InputFileError(path, str(exc), line=line) from None
    return text


def _count(rows: list[LabelledSentence], path: Path, line: int) -> None:
    if len(rows) >= MAX_ROWS:
        raise InputFileError(path, f"has more than {MAX_ROWS} sentences; evaluate on a sample", line=line)


def _read_csv(raw: str, path: Path, delimiter: str) -> list[LabelledSentence]:
    text = normalize_text(raw)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out: list[LabelledSentence] = []
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        found = [name for name in _TEXT_COLUMNS if name in header]
        if not found or "label" not in header:
            raise InputFileError(
                path,
                f"needs a 'sentence' (or 'text') column and a 'label' column; the header has "
                f"{', '.join(repr(n[:30]) for n in header[:10]) or 'nothing'}",
                line=1,
            )
        text_at, label_at = header.index(found[0]), header.index("label")
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                if max(text_at, label_at) >= len(row):
                    raise InputFileError(path, f"the row has {len(row)} fields, too few", line=line)
                _count(out, path, line)
                out.append(
                    LabelledSentence(
                        _sentence(row[text_at], path, line), _label(row[label_at], path, line), line
                    )
                )
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputFileError(path, f"malformed CSV ({exc})", line=reader.line_num or 1) from None
    return out


_NO_LABEL_ANSWERS = ("reject", "ignore")
"""Prodigy's answers that give a sentence no label: a rejected "OPINION" says it is not an opinion,
which does not say what it is."""


def _read_jsonl(raw: str, path: Path) -> list[LabelledSentence]:
    out: list[LabelledSentence] = []
    unanswered = 0
    for number, line in enumerate(normalize_text(raw).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = strict_json(line)
        except (ValueError, RecursionError):
            raise InputFileError(path, "not a JSON object", line=number) from None
        if isinstance(obj, dict) and obj.get("answer") in _NO_LABEL_ANSWERS:
            unanswered += 1
            continue
        if isinstance(obj, dict) and "label" not in obj and isinstance(obj.get("accept"), list):
            obj = {**obj, "label": obj["accept"]}  # Prodigy's choice of options
        if not isinstance(obj, dict) or "text" not in obj or "label" not in obj:
            raise InputFileError(path, 'each line needs an object with "text" and "label"', line=number)
        _count(out, path, number)
        out.append(
            LabelledSentence(
                _sentence(obj["text"], path, number),
                _label(_one_label(obj["label"], path, number), path, number),
                number,
            )
        )
    if unanswered:
        log.info("%s: %d rejected or ignored Prodigy answers left out", path, unanswered)
        if not out:
            lines = (
                "its 1 line is a Prodigy answer"
                if unanswered == 1
                else f"its {unanswered} lines are Prodigy answers"
            )
            raise InputFileError(
                path,
                f"holds no labelled sentences: {lines} 'reject' or 'ignore', which says what a "
                "sentence is not, not what it is; evaluate on the accepted answers",
            )
    return out


def _one_label(value: object, path: Path, line: int) -> object:
    """The label of a line, which doccano's text classification and Prodigy's choices give as a list."""
    if not isinstance(value, list):
        return value
    if len(value) != 1:
        raise InputFileError(path, f"the sentence has {len(value)} labels; a sentence takes one", line=line)
    return value[0]
