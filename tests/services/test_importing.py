"""Importing into a real project: all or nothing, --skip-bad reports, duplicates, progress, cancel."""

from __future__ import annotations

import gc
import json
import shutil
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import Cancelled, UserError
from annotator.core.model import ArticleDraft, ClaimLabel, QuoteKind, Speaker
from annotator.services.importing import ImportRejectedError, import_paths, read_inputs, window_reason
from annotator.services.project import Project, open_project

FORMATS = Path(__file__).parents[1] / "data" / "formats"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with open_project(tmp_path / "p.annot") as p:
        yield p  # type: ignore[misc]


def snapshot(project: Project) -> tuple[object, ...]:
    return (
        [(a.id, a.title, a.char_count, a.claim_count) for a in project.articles()],
        [(c.article_id, c.start, c.end, c.label) for c in project.claims()],
        project.stats().to_dict(),
    )


def test_import_samples_of_every_format(project: Project, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(FORMATS / "html", inputs / "html")
    shutil.copytree(FORMATS / "wikinews", inputs / "wikinews")
    shutil.copy(FORMATS / "wikinews-20.jsonl", inputs)
    (inputs / "notes.md").write_text("# A note\n\nBody with 🎉.\r\n", encoding="utf-8")
    calls: list[tuple[int, int, str]] = []
    result = import_paths(
        project, [inputs], progress=lambda done, total, said="": calls.append((done, total, said))
    )
    # wn2019_007 is also line 7 of the jsonl: same text, so it is counted as a duplicate.
    assert (len(result.added), result.duplicates, result.files, result.rejected) == (25, 1, 7, ())
    # The files counted as read, then their saving, whose length no count measures.
    assert calls[0] == (0, 7, "") and calls[-2:] == [(7, 7, ""), (0, 0, "Saving 26 articles…")]
    titles = [a.title for a in project.articles()]
    assert "Iran: To Vote or not to Vote" in titles
    assert "Magnitogorsk apartment building collapses after explosion, dozens dead" in titles
    [note] = [project.article(a.id) for a in project.articles() if a.title == "A note"]
    assert note.text == "# A note\n\nBody with 🎉.\n"
    assert note.origin == str(inputs / "notes.md")
    assert result.summary() == "imported 25 articles from 7 files; 1 duplicate skipped"

    again = import_paths(project, [inputs])
    assert (again.added, again.duplicates) == ([], 26)
    assert again.summary() == "imported 0 articles from 7 files; 26 duplicates skipped"


def test_claims_and_entities_in_jsonl_are_imported(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        '{"text": "Paris is big.\\r\\nReally.", "spans": [{"start": 15, "end": 22, "label": "opinion",'
        ' "text": "Really."}], "label": [[0, 5, "GPE"]]}\n',
        encoding="utf-8",
    )
    [article_id] = import_paths(project, [path]).added
    [claim] = project.claims(article_id)
    assert (claim.start, claim.end, claim.label, claim.annotator) == (14, 21, ClaimLabel.OPINION, "imported")
    assert project.article(article_id).text[14:21] == "Really."
    [entity] = project.annotated(article_id).entities
    assert (entity.start, entity.end, entity.label) == (0, 5, "GPE")


def test_spans_whose_labels_are_not_ours_are_said_to_be_left_out(project: Project, tmp_path: Path) -> None:
    """A doccano project labelled "Fact" where we say "factual": its factual claims were left out
    unsaid (in the log only), and the import read as if everything had come in."""
    path = tmp_path / "doccano.jsonl"
    lines = [
        {"id": 1, "text": "Taxes will fall. That is wrong.", "label": [[0, 16, "Fact"], [17, 31, "OPINION"]]},
        {"id": 2, "text": "Rain fell. Ann Lee said so.", "entities": [
            {"id": 1, "start_offset": 0, "end_offset": 10, "label": "Fact"},
            {"id": 2, "start_offset": 11, "end_offset": 18, "label": "person"},
            {"id": 3, "start_offset": 11, "end_offset": 27, "label": "Claim \u001b[31m"},
        ]},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    result = import_paths(project, [path])
    assert len(result.added) == 2
    assert [c.label for c in project.claims()] == [ClaimLabel.OPINION]
    assert result.left_out_labels == (("Fact", 2), ("Claim \x1b[31m", 1))
    assert result.summary() == (
        "imported 2 articles from 1 file; 3 spans left out, whose labels are none of factual, "
        "opinion, questionable nor an entity's: 'Fact' (2), 'Claim \\x1b[31m' (1); 1 label stored as by "
        f'"imported", its file naming no one ({path}); if these labels are one person\'s, give them '
        f"their name: annotator rename-annotator {project.path} imported doccano"
    )


def test_quotes_in_jsonl_are_imported_as_imported(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"text": "Ana said:\\r\\n\\"We won.\\"", "quotes": [{"start": 11, "end": 20, "kind": "direct",'
        ' "speaker": {"start": 0, "end": 3, "name": "Ana"}}, {"start": 12, "end": 14, "kind": "scare",'
        ' "speaker": null}]}\n',
        encoding="utf-8",
    )
    [article_id] = import_paths(project, [path]).added
    quotes = project.annotated(article_id).quotes
    assert [(q.start, q.end, q.kind, q.speaker, q.model) for q in quotes] == [
        (10, 19, QuoteKind.DIRECT, Speaker(0, 3, "Ana"), "imported"),
        (11, 13, QuoteKind.SCARE, None, "imported"),
    ]
    assert project.article(article_id).text[10:19] == '"We won."'


def test_a_quote_outside_the_text_rejects_the_batch(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"text": "fine"}\n{"text": "abc", "quotes": [{"start": 1, "end": 9}]}\n')
    with pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [path])
    assert f"{path}:2: quotes[0] 1..9 is out of range for a text of 3 characters" in str(caught.value)
    assert project.articles() == []


def test_an_entity_type_too_long_for_the_project_rejects_the_batch(project: Project, tmp_path: Path) -> None:
    """A 300-character entity type was imported, and from then on every read of its article
    called the project damaged ("changed outside annotator; restore it from a backup")."""
    path = tmp_path / "e.jsonl"
    lines = [
        {"text": "Ann Lee won.", "entities": [{"start": 0, "end": 7, "label": "P" * 200}]},
        {"text": "Bob Ray lost.", "entities": [{"start": 0, "end": 7, "label": "P" * 201}]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [path])
    assert f"{path}:2: an entity label is 201 characters long, over the limit of 200" in str(caught.value)
    assert project.articles() == []
    [article_id] = import_paths(project, [path], skip_bad=True, report_path=tmp_path / "r.tsv").added
    [entity] = project.annotated(article_id).entities
    assert (entity.start, entity.end, entity.label) == (0, 7, "P" * 200)


def test_our_exports_entities_come_in_as_the_windows_types_and_a_bad_status_rejects_the_batch(
    tmp_path: Path,
) -> None:
    """ "person" from `entities` was a type of its own beside PERSON, and a status of no meaning
    was stored as a person's "accepted"."""
    path = tmp_path / "e.jsonl"
    good = {
        "text": "Ann Lee won.",
        "entities": [{"start": 0, "end": 7, "label": "person", "status": "added"}],
    }
    bad = {
        "text": "Bob Ray lost.",
        "entities": [{"start": 0, "end": 7, "label": "PERSON", "status": "maybe"}],
    }
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad), encoding="utf-8")
    with open_project(tmp_path / "p.annot") as project, pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [path])
    assert f"{path}:2: entities[0].status is 'maybe'; use one of suggested, accepted, rejected, added" in str(
        caught.value
    )
    with open_project(tmp_path / "p.annot") as project:
        assert project.articles() == []
        path.write_text(json.dumps(good), encoding="utf-8")
        [article_id] = import_paths(project, [path]).added
    with open_project(tmp_path / "p.annot") as project:
        [entity] = project.annotated(article_id).entities
    assert (entity.start, entity.end, entity.label, entity.status) == (0, 7, "PERSON", "added")


def test_a_quotation_or_entity_twice_in_a_line_is_stored_once_and_two_answers_reject_the_batch(
    tmp_path: Path,
) -> None:
    """Given twice in one line, a quotation or an entity was stored twice; given with two
    statuses, an entity was stored both accepted and rejected."""
    path = tmp_path / "twice.jsonl"
    entity = {"start": 0, "end": 3, "label": "PERSON", "status": "accepted"}
    quote = {"start": 9, "end": 15, "kind": "direct", "speaker": None}
    twice = {"text": "Ana said “Rain.”", "entities": [entity, entity], "quotes": [quote, quote]}
    torn = {"text": "Bob said “Snow.”", "entities": [entity, {**entity, "status": "rejected"}]}
    path.write_text(json.dumps(twice) + "\n" + json.dumps(torn), encoding="utf-8")
    with open_project(tmp_path / "p.annot") as project:
        with pytest.raises(ImportRejectedError) as caught:
            import_paths(project, [path])
        assert f"{path}:2: entities[1] 0..3 marks PERSON rejected, and an earlier entity there" in str(
            caught.value
        )
        assert project.articles() == []
        path.write_text(json.dumps(twice), encoding="utf-8")
        [article_id] = import_paths(project, [path]).added
    with open_project(tmp_path / "p.annot") as project:
        annotated = project.annotated(article_id)
    assert [(e.start, e.end, e.label, e.status) for e in annotated.entities] == [(0, 3, "PERSON", "accepted")]
    assert [(q.start, q.end, q.kind) for q in annotated.quotes] == [(9, 15, QuoteKind.DIRECT)]


def test_a_doccano_text_classification_export_brings_its_texts_with_their_labels(tmp_path: Path) -> None:
    """doccano's text classification export was refused as "label[0] must be a [start, end, label]
    triple", and a line labelled "opinion" as a whole came in with its label dropped unsaid."""
    path = tmp_path / "doccano-classes.jsonl"
    lines = [
        {"id": 1, "text": "Taxes will fall.", "label": ["factual"]},
        {"id": 2, "text": "Bad.", "label": "opinion"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with open_project(tmp_path / "p.annot") as project:
        import_paths(project, [path])
    with open_project(tmp_path / "p.annot") as project:
        articles = [project.article(summary.id) for summary in project.articles()]
        assert [(a.text, a.meta.get("label")) for a in articles] == [
            ("Taxes will fall.", ["factual"]),
            ("Bad.", "opinion"),
        ]
        assert project.claims() == []


def test_a_doccano_1x_export_with_label_ids_is_refused_and_one_with_names_brings_its_labels(
    project: Project, tmp_path: Path
) -> None:
    """doccano 1.0-1.4's JSONL export gives each span's label as doccano's number for it: it was
    "imported 1 article" with no label at all. Refused, naming file and line; with names, its
    spans come in as claims, at the words doccano's UTF-16 offsets point to."""
    before = snapshot(project)
    ids = tmp_path / "alice.jsonl"
    text = "Fans 🎉 cheered. The minister said taxes will fall."
    start = len(text[: text.index("taxes")].encode("utf-16-le")) // 2
    span = {"label": 7, "start_offset": start, "end_offset": start + 16, "user": 1}
    line = {"id": 1, "text": text, "meta": {}, "annotation_approver": None, "annotations": [span]}
    ids.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejectedError) as refused:
        import_paths(project, [ids])
    assert snapshot(project) == before
    assert f"{ids}:1: annotations[0].label is 7, a doccano label id" in str(refused.value)
    span["label"] = "factual"
    ids.write_text(json.dumps(line) + "\n", encoding="utf-8")
    [article_id] = import_paths(project, [ids]).added
    assert claims_seen(project) == [("taxes will fall.", "imported", "factual")]
    assert "annotations" not in project.article(article_id).meta


def test_a_prodigy_span_without_a_label_name_rejects_the_batch(project: Project, tmp_path: Path) -> None:
    """Its span was "left out" as a label named 'None', and the rest of the line imported."""
    before = snapshot(project)
    path = tmp_path / "prodigy.jsonl"
    lines = [
        {"text": "Rain fell.", "spans": [{"start": 0, "end": 10, "label": "factual"}]},
        {
            "text": "Taxes will fall.",
            "spans": [{"start": 0, "end": 16, "label": "opinion"}, {"start": 0, "end": 5}],
        },
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with pytest.raises(ImportRejectedError) as refused:
        import_paths(project, [path])
    assert snapshot(project) == before
    assert f"{path}:2: spans[1] gives no label; give each span the name of its label" in str(refused.value)


def test_label_studio_json_min_lines_reject_the_batch_not_import_without_labels(
    project: Project, tmp_path: Path
) -> None:
    """Label Studio's JSON-MIN tasks, one a line, were "imported 1 article" with their spans
    (under the interface's name, "ner") left unread in the metadata."""
    before = snapshot(project)
    path = tmp_path / "label-studio.jsonl"
    task = {"id": 1, "text": "Olaf Scholz said taxes will fall.", "annotator": 1, "annotation_id": 1,
            "ner": [{"start": 17, "end": 33, "text": "taxes will fall.", "labels": ["Factual"]}]}  # fmt: skip
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejectedError) as refused:
        import_paths(project, [path])
    assert snapshot(project) == before
    assert f"{path}:1: 'ner' holds Label Studio spans" in str(refused.value)


def test_a_span_annotator_of_spaces_is_no_name(tmp_path: Path) -> None:
    """A span whose annotator was "  " was imported under that blank name, and from then on the
    project read as damaged ("annotators row 1: name is empty"); " bob" was another person."""
    path = tmp_path / "s.jsonl"
    spans = [
        {"start": 0, "end": 8, "label": "factual", "annotator": "  "},
        {"start": 10, "end": 19, "label": "opinion", "annotator": " bob "},
        {"start": 10, "end": 19, "label": "opinion", "annotator": "bob"},
    ]
    path.write_text(json.dumps({"text": 'Ana said: "We won."', "spans": spans}), encoding="utf-8")
    with open_project(tmp_path / "p.annot") as project:
        import_paths(project, [path])
    with open_project(tmp_path / "p.annot") as project:
        claims = [(c.start, c.end, c.label, c.annotator) for c in project.claims()]
    assert claims == [(0, 8, ClaimLabel.FACTUAL, "imported"), (10, 19, ClaimLabel.OPINION, "bob")]


def test_a_span_annotator_the_window_would_refuse_rejects_the_batch(tmp_path: Path) -> None:
    """A 100,000-character name, or "Gold", came in as an annotator beside the reviewers'
    decisions, though no one could type either in the window."""
    path = tmp_path / "names.jsonl"
    span = {"start": 0, "end": 5, "label": "factual"}
    lines = [
        {"text": "Rain fell.", "spans": [{**span, "annotator": "ann"}]},
        {"text": "Snow fell.", "spans": [{**span, "annotator": "Gold"}]},
        {"text": "Hail fell.", "spans": [{**span, "annotator": "b" * 100_000}]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with open_project(tmp_path / "p.annot") as project, pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [path])
    message = str(caught.value)
    assert f"{path}:2: spans[0].annotator is 'Gold', which reads as 'gold'" in message
    assert f"{path}:3: spans[0].annotator is 100,000 characters long; a person's name takes at most 100" in (
        message
    )
    with open_project(tmp_path / "p.annot") as project:
        assert (project.articles(), project.annotators()) == ([], [])


def bad_batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text("A good article.")
    (folder / "lines.jsonl").write_text('{"text": "fine"}\n{"text": ""}\nnot json\n{"text": "also fine"}\n')
    (folder / "blob.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_bad_lines_reject_the_whole_batch(project: Project, tmp_path: Path) -> None:
    project.import_texts(["Already here."])
    before = snapshot(project)
    folder = bad_batch(tmp_path)
    with pytest.raises(ImportRejectedError) as info:
        import_paths(project, [folder])
    assert snapshot(project) == before
    assert [(Path(r.path).name, r.line) for r in info.value.rejections] == [
        ("blob.txt", None), ("lines.jsonl", 2), ("lines.jsonl", 3),
    ]  # fmt: skip
    message = str(info.value)
    assert message.startswith("nothing was imported: 3 files or lines cannot be read:\n")
    assert f"{folder / 'lines.jsonl'}:2: empty text" in message
    assert f"{folder / 'lines.jsonl'}:3: invalid JSON (Expecting value)" in message
    assert message.endswith(
        "Fix them, or import the rest with --skip-bad (rejected lines go to a report file)."
    )


def test_skip_bad_imports_the_rest_and_writes_a_report(project: Project, tmp_path: Path) -> None:
    folder = bad_batch(tmp_path)
    report = tmp_path / "rejected.tsv"
    result = import_paths(project, [folder], skip_bad=True, report_path=report)
    assert sorted(project.article(i).text for i in result.added) == ["A good article.", "also fine", "fine"]
    assert result.report_path == report
    lines = report.read_text("utf-8").splitlines()
    assert lines[0] == "path\tline\treason"
    assert lines[2] == f"{folder / 'lines.jsonl'}\t2\tempty text"
    assert lines[1].startswith(f"{folder / 'blob.txt'}\t\tlooks like a binary file")
    assert result.summary().endswith(f"; 3 rejected (listed in {report})")


def test_skip_bad_default_report_sits_beside_the_project(project: Project, tmp_path: Path) -> None:
    result = import_paths(project, [bad_batch(tmp_path)], skip_bad=True)
    assert result.report_path is not None
    assert result.report_path.parent == tmp_path
    assert result.report_path.name.startswith("p.import-rejected-")
    assert result.report_path.read_text("utf-8").count("\n") == 4


def test_a_report_written_for_the_window_gives_the_window_advice(project: Project, tmp_path: Path) -> None:
    """The window opens this report from its import dialog; the command line's options mean nothing there."""
    wire = tmp_path / "wire.csv"
    wire.write_text("name,body\nx,A council spokesperson said 300 jobs would go.\n", "utf-8")
    good = tmp_path / "good.txt"
    good.write_text("A good article.", "utf-8")
    cli = import_paths(project, [wire, good], skip_bad=True, report_path=tmp_path / "cli.tsv")
    assert cli.report_path is not None and "--text-column" in cli.report_path.read_text("utf-8")
    window = import_paths(project, [wire], skip_bad=True, report_path=tmp_path / "w.tsv", for_window=True)
    assert window.report_path is not None
    (_header, row) = window.report_path.read_text("utf-8").splitlines()
    assert row.startswith(f"{wire}\t1\tno 'text' column (columns: 'name', 'body')")
    assert "rename the column that holds the text to “text”" in row and "--" not in row


def test_size_limit_and_text_column(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError, match=r"over the 2 KB limit"):
        import_paths(project, [FORMATS / "wikinews"], max_bytes=2000)
    result = import_paths(project, [FORMATS / "newssd-val-20.csv"], text_column="Sentence")
    assert len(result.added) == 20
    assert project.article(result.added[0]).meta == {"Label": "SUBJ", "Solved conflict": "False"}


def test_a_bad_row_at_the_end_of_a_large_csv_refuses_it_all_the_project_unchanged(
    project: Project, tmp_path: Path
) -> None:
    """Rows go to the project a few thousand at a time, in one transaction: a bad row after
    12,000 good ones still refuses the whole file, naming its line, and adds nothing."""
    import_paths(project, [FORMATS / "wikinews"])
    before = snapshot(project)
    rows = tmp_path / "rows.csv"
    good = "".join(f'T{n},"Row {n}: the minister said so.",wire\n' for n in range(12_000))
    rows.write_text("title,text,source\n" + good + "Last,,wire\n", encoding="utf-8")
    with pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [rows])
    [rejection] = caught.value.rejections
    assert (rejection.path, rejection.line, rejection.reason) == (str(rows), 12_002, "empty text")
    assert snapshot(project) == before
    rows.write_text("title,text,source\n" + good, encoding="utf-8")
    assert len(import_paths(project, [rows]).added) == 12_000


def test_an_html_page_over_the_pages_limit_is_refused_by_name_whatever_the_import_limit(
    project: Project, tmp_path: Path
) -> None:
    """A raised limit (for a large CSV or JSONL) let a 100 MB page be parsed whole: 2.2 GB for 37 s,
    and then its text was refused as longer than an article. A page over 20 MB is refused before
    it is read, naming the file and the limit; under the import's own limit it says to raise that."""
    from annotator.formats.readers import MAX_HTML_BYTES

    page = tmp_path / "saved.html"
    padding = "x" * (MAX_HTML_BYTES + 1024 * 1024)
    page.write_text(
        f"<html><head><title>Taxes</title><script>{padding}</script></head>"
        "<body><article><p>The minister said taxes would rise next year.</p></article></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [page], max_bytes=200 * 1024 * 1024)
    [rejection] = caught.value.rejections
    assert rejection.path == str(page)
    assert rejection.reason == (
        "the file is 21 MB, over the 20 MB limit of an HTML page; save the article alone from the "
        "browser (its Save Page As…, web page HTML only) or as text, and import that"
    )
    assert window_reason(rejection.reason) == rejection.reason
    assert project.articles() == []
    with pytest.raises(ImportRejectedError, match=r"over the 10 MB limit; split it, or raise the limit"):
        import_paths(project, [page], max_bytes=10 * 1024 * 1024)


def test_nothing_to_import(project: Project, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no articles found"):
        import_paths(project, [tmp_path])


@pytest.mark.parametrize("rows", ["", ",\n , \n"])
def test_a_csv_with_only_its_header_is_refused_by_name(project: Project, tmp_path: Path, rows: str) -> None:
    """A spreadsheet saved before its rows were pasted in has a header and nothing under it: the
    import said "no articles found: give ... .csv ... files", to someone who had given one."""
    csv_file = tmp_path / "articles.csv"
    csv_file.write_text("title,text\n" + rows, encoding="utf-8")
    with pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [csv_file])
    [rejection] = caught.value.rejections
    assert rejection.reason == "the file has a header row but no rows of articles under it"
    assert str(caught.value) == (
        f"nothing was imported: {csv_file}: the file has a header row but no rows of articles under it"
    )
    assert project.articles() == []


def test_cancel_leaves_the_project_unchanged(project: Project) -> None:
    before = snapshot(project)
    with pytest.raises(Cancelled):
        import_paths(project, [FORMATS / "wikinews"], cancel=lambda: True)
    assert snapshot(project) == before


def _sheet(path: Path, rows: int, last: str = "") -> Path:
    path.write_text(
        "title,text\n" + "".join(f"T{n},Row {n} of the sheet.\n" for n in range(rows)) + last, "utf-8"
    )
    return path


def test_a_large_csv_goes_to_the_store_as_it_is_read_not_held_whole(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1,000,000-row CSV's import peaked 1.1 GB, its text 0.15 GB of it: every row's draft was
    held until the last was read, and only then written."""
    rows = 12_000
    sheet = _sheet(tmp_path / "big.csv", rows)
    refs: list[weakref.ref[ArticleDraft]] = []
    most_alive = 0
    real_import_drafts = Project.import_drafts

    def watched_import_drafts(self: Project, drafts: Iterable[ArticleDraft]) -> object:
        def watched() -> Iterator[ArticleDraft]:
            nonlocal most_alive
            for n, draft in enumerate(drafts, start=1):
                refs.append(weakref.ref(draft))
                if n % 1_000 == 0:
                    gc.collect()
                    most_alive = max(most_alive, sum(ref() is not None for ref in refs))
                yield draft

        return real_import_drafts(self, watched())

    monkeypatch.setattr(Project, "import_drafts", watched_import_drafts)
    result = import_paths(project, [sheet])
    assert (len(result.added), result.duplicates, result.rejected) == (rows, 0, ())
    assert project.article_count() == rows
    assert len(refs) == rows
    # The store takes a few thousand at a time; the rest are yet to be read, or written and gone.
    assert most_alive < rows // 2


def test_a_bad_last_row_of_a_large_csv_refuses_it_all_though_rows_were_written(
    project: Project, tmp_path: Path
) -> None:
    """The rows go to the store as they are read: those before the bad one are rolled back."""
    rows = 12_000
    sheet = _sheet(tmp_path / "big.csv", rows, last="Empty,\n")
    before = snapshot(project)
    with pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [sheet])
    assert str(caught.value) == (
        f"nothing was imported: 1 file or line cannot be read:\n  {sheet}:{rows + 2}: empty text\n"
        "Fix them, or import the rest with --skip-bad (rejected lines go to a report file)."
    )
    assert snapshot(project) == before
    report = tmp_path / "rejected.tsv"
    result = import_paths(project, [sheet], skip_bad=True, report_path=report)
    assert (len(result.added), len(result.rejected)) == (rows, 1)
    assert project.article_count() == rows
    assert report.read_text("utf-8").splitlines()[1:] == [f"{sheet}\t{rows + 2}\tempty text"]


def test_read_inputs_is_pure(tmp_path: Path) -> None:
    drafts, rejections, files = read_inputs([bad_batch(tmp_path)])
    assert ([d.text for d in drafts], len(rejections), files) == (
        ["A good article.", "fine", "also fine"],
        3,
        3,
    )


MALFORMED = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(
        st.sampled_from(['{"text": "x"}', '{"text": ""}', "{", '{"text": 1}', '{"text":"ok","spans":[{}]}'])
    ).map(lambda lines: "\n".join(lines).encode()),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=MALFORMED, suffix=st.sampled_from([".jsonl", ".csv", ".html", ".txt"]))
def test_fuzz_rejected_batch_leaves_project_unchanged(
    project: Project, tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    before = snapshot(project)
    try:
        result = import_paths(project, [path])
    except UserError:
        assert snapshot(project) == before
    else:
        assert len(project.articles()) == len(before[0]) + len(result.added)  # type: ignore[arg-type]


def test_a_folders_index_csv_is_said_to_hold_no_article_text_and_the_articles_come_in(
    project: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "wikinews"
    shutil.copytree(FORMATS / "wikinews", folder)
    shutil.copy(FORMATS / "wikinews-index.csv", folder / "index.csv")
    result = import_paths(project, [folder], skip_bad=True, report_path=tmp_path / "w.tsv", for_window=True)
    assert (len(result.added), result.files) == (2, 3)
    (rejected,) = result.rejected
    assert rejected.path == str(folder / "index.csv")
    assert result.report_path is not None
    (_header, row) = result.report_path.read_text("utf-8").splitlines()
    assert row.startswith(f"{folder / 'index.csv'}\t\tthe file has no column of article text")
    assert "is it a list of files or a spreadsheet of something else?" in row
    assert "rename" not in row and "--" not in row
    with pytest.raises(ImportRejectedError, match=r"index\.csv: the file has no column of article text"):
        import_paths(project, [folder])


def test_a_doccano_file_counted_in_code_points_is_refused_where_an_offset_splits_an_emoji(
    project: Project, tmp_path: Path
) -> None:
    """Annotator's doccano files counted code points before; doccano counts UTF-16 code units.
    Read as doccano's, such a line's label lands inside the emoji: nothing is imported."""
    before = snapshot(project)
    path = tmp_path / "old.jsonl"
    lines = [
        '{"text": "Plain text.", "label": [[0, 5, "factual"]]}',
        '{"text": "\\ud83c\\udf89\\ud83c\\udf89 Party time.", "label": [[3, 8, "opinion"]]}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejectedError) as info:
        import_paths(project, [path])
    assert snapshot(project) == before
    assert [(Path(r.path).name, r.line) for r in info.value.rejections] == [("old.jsonl", 2)]
    assert f"{path}:2: label[0] 3..8 splits a character" in str(info.value)
    assert "UTF-16 code units" in str(info.value)


@pytest.mark.parametrize("fmt", ["csv", "claims-jsonl"])
def test_a_projects_export_of_claims_only_is_refused_not_read_as_one_article_a_claim(
    project: Project, tmp_path: Path, fmt: str
) -> None:
    """The export "one claim a row" (CSV, or claims only in JSON Lines) holds each claim's words
    and sentence, not the articles. Imported back, each claim became an article of its own
    words, its label dropped, and the import said "imported 2 articles from 1 file"."""
    from annotator.services.exporting import ExportOptions, export

    with open_project(tmp_path / "labelled.annot") as labelled:
        labelled.import_texts(
            ["The mayor said the bridge would open in May. Critics doubted it.", "The tower closes in June."]
        )
        first, second = (a.id for a in labelled.articles())
        labelled.add_claim(first, 0, 44, ClaimLabel.OPINION, annotator="alice")
        labelled.add_claim(second, 0, 25, ClaimLabel.FACTUAL, annotator="alice")
        out = tmp_path / ("claims.csv" if fmt == "csv" else "claims.jsonl")
        export(labelled, out, options=ExportOptions(format=fmt, force=True))
    before = snapshot(project)
    result = import_paths(project, [out], skip_bad=True, report_path=tmp_path / "r.tsv", for_window=True)
    assert result.added == [] and snapshot(project) == before
    (rejected,) = result.rejected
    assert rejected.path == str(out) and rejected.line is None
    assert "claims exported from a project" in rejected.reason
    assert "Prodigy-style JSON Lines" in rejected.reason
    with pytest.raises(ImportRejectedError, match="claims exported from a project"):
        import_paths(project, [out])


def test_an_import_that_fills_the_disk_says_nothing_was_imported(project: Project, tmp_path: Path) -> None:
    """The window and the command line said only "the disk is full; free some space, your saved
    work is safe": a person with a folder of 300 pages did not know whether some were in."""
    from annotator.core.errors import DiskFullError
    from annotator.services.project import store_of

    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(20):
        (folder / f"{i}.txt").write_text(f"Article {i}. " + "word " * 2000, encoding="utf-8")
    conn = store_of(project).conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 5}").fetchone()  # the disk fills on the way
    before = project.article_count()
    with pytest.raises(DiskFullError) as raised:
        import_paths(project, [folder])
    said = str(raised.value)
    assert "disk is full" in said and "no article was imported" in said, said
    assert project.article_count() == before


def test_a_nul_in_one_cell_of_a_csv_names_its_line_not_the_file_as_binary(
    project: Project, tmp_path: Path
) -> None:
    """A database export left a NUL in one cell near the top of a CSV: the whole file was called
    binary ("a picture, a program, or a Word or PDF document?"), where the same NUL further down
    named its line, and --skip-bad could not import the good rows."""
    rows = [
        f"Story {n},The council met on day {n} and voted on the budget for next year." for n in range(1, 6)
    ]
    rows[1] = rows[1].replace("voted", "vot\x00ed")
    export = tmp_path / "export.csv"
    export.write_text("title,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejectedError) as caught:
        import_paths(project, [export])
    [rejection] = caught.value.rejections
    assert (rejection.line, rejection.reason) == (3, "the text contains a NUL character")
    assert window_reason(rejection.reason).startswith("the text holds an invisible character")
    assert project.articles() == []
    result = import_paths(project, [export], skip_bad=True, report_path=tmp_path / "rejected.tsv")
    assert sorted(a.title for a in project.articles()) == ["Story 1", "Story 3", "Story 4", "Story 5"]
    assert len(result.rejected) == 1


def test_a_folder_of_pages_saved_complete_imports_the_pages_not_their_ads_and_frames(
    project: Project, tmp_path: Path
) -> None:
    """A browser's "Save Page As… Web Page, Complete" puts each page's frames and adverts beside
    it, as `.html` files in `<page>_files`: importing the folder refused every article because an
    advert's frame had no article text, or took a frame's newsletter box in as an article."""
    folder = tmp_path / "saved"
    page = (
        "<html><head><title>Harbour reopens | Gazette</title></head><body><article><h1>Harbour reopens</h1>"
        "<p>The harbour reopened on Monday after three weeks of repairs, the port authority said.</p>"
        "</article></body></html>"
    )
    for name, suffix in (("Harbour reopens - Gazette", ".html"), ("Council votes", ".htm")):
        resources = folder / f"{name}_files"
        resources.mkdir(parents=True)
        (folder / f"{name}{suffix}").write_text(page.replace("Harbour reopens", name), "utf-8")
        (resources / "saved_resource.html").write_text(
            "<html><body><script>ad()</script></body></html>", "utf-8"
        )
        (resources / "frame.htm").write_text(
            "<html><body><p>Sign up for our newsletter to get the morning's news in your inbox, "
            "every day, free of charge.</p></body></html>",
            "utf-8",
        )
        (resources / "style.css").write_text("body {}", "utf-8")
    # A folder that only happens to end in "_files", with no page of its name beside it, is read.
    (folder / "press_files").mkdir()
    (folder / "press_files" / "note.txt").write_text(
        "The mayor resigned on Friday, her office said.", "utf-8"
    )
    result = import_paths(project, [folder])
    assert (result.files, result.rejected) == (3, ())
    assert sorted(a.title for a in project.articles()) == [
        "Council votes", "Harbour reopens - Gazette", "note",
    ]  # fmt: skip


def prodigy_line(
    text: str, session: str | None, spans: list[dict[str, object]], answer: str = "accept"
) -> str:
    """One line of `prodigy db-out`, as Prodigy writes it for a session of a dataset."""
    task: dict[str, object] = {"text": text, "spans": spans, "answer": answer, "_input_hash": 1}
    if session is not None:
        task |= {"_session_id": session, "_annotator_id": session}
    return json.dumps(task) + "\n"


TAXES = "The minister said taxes will fall. That is wrong."
RAIN = "Rain is expected tomorrow. It will be great."


def span(text: str, words: str, label: str) -> dict[str, object]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "label": label, "text": words}


def test_a_prodigy_team_export_keeps_every_persons_labels_each_theirs(
    project: Project, tmp_path: Path
) -> None:
    """`prodigy db-out` of a dataset three people labelled holds each text once per person: only
    the first line of a text was kept, its claims credited to "imported", the others' "2
    duplicates skipped" and lost, and agreement had no one to compare."""
    taxes = span(TAXES, "taxes will fall.", "FACTUAL")
    rain = span(RAIN, "Rain is expected tomorrow.", "factual")
    export = tmp_path / "claims.jsonl"
    export.write_text(
        prodigy_line(TAXES, "claims-alice", [taxes])
        + prodigy_line(TAXES, "claims-bob", [{**taxes, "label": "OPINION"}])
        + prodigy_line(TAXES, "claims-carol", [taxes], answer="reject")  # rejected: no claims
        + prodigy_line(RAIN, "claims-alice", [rain])
        + prodigy_line(RAIN, "claims-bob", [rain])
        + prodigy_line(RAIN, "claims-alice", [rain]),  # the same person's line again: a duplicate
        encoding="utf-8",
    )
    result = import_paths(project, [export])
    assert (len(result.added), result.duplicates) == (2, 1)
    assert result.summary() == (
        "imported 2 articles from 1 file; 3 people's labels on 2 texts joined; 1 duplicate skipped"
    )
    claims = sorted((project.article(c.article_id).text[c.start : c.end], c.annotator, c.label.value)
                    for c in project.claims())  # fmt: skip
    assert claims == [
        ("Rain is expected tomorrow.", "alice", "factual"),
        ("Rain is expected tomorrow.", "bob", "factual"),
        ("taxes will fall.", "alice", "factual"),
        ("taxes will fall.", "bob", "opinion"),
    ]
    from annotator.services.agreement import agreement

    report = agreement(project)
    assert report.annotators == ("alice", "bob")
    [pair] = report.pairs
    assert pair.overall.f1.items == 4


def test_two_peoples_prodigy_exports_of_the_same_texts_join_as_one_file_does(
    project: Project, tmp_path: Path
) -> None:
    """Each person exporting their own session ("alice.jsonl", "bob.jsonl") is the same team's work:
    the second file's texts were all "duplicates skipped"."""
    taxes = span(TAXES, "taxes will fall.", "factual")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "alice.jsonl").write_text(prodigy_line(TAXES, "claims-alice", [taxes]), "utf-8")
    (tmp_path / "in" / "bob.jsonl").write_text(
        prodigy_line(TAXES, "claims-bob", [{**taxes, "label": "questionable"}]), "utf-8"
    )
    result = import_paths(project, [tmp_path / "in"])
    assert result.summary() == "imported 1 article from 2 files; 2 people's labels on 1 text joined"
    assert sorted((c.annotator, c.label.value) for c in project.claims()) == [
        ("alice", "factual"), ("bob", "questionable"),
    ]  # fmt: skip
    # Imported again, the article is there already: nothing joins, nothing is added twice.
    again = import_paths(project, [tmp_path / "in"])
    assert (again.added, again.duplicates, again.joined_texts, len(project.claims())) == ([], 2, 0, 2)


def test_a_single_annotators_prodigy_export_imports_as_before(project: Project, tmp_path: Path) -> None:
    """Sessions Prodigy named by their start time, or none: no one to credit, so "imported", and a
    text met twice is one article; the second line's other label of a span is said, as an import
    of it on a later day says it, and its label of a span the first left bare is taken."""
    taxes = span(TAXES, "taxes will fall.", "factual")
    export = tmp_path / "claims.jsonl"
    export.write_text(
        prodigy_line(TAXES, "claims-2024-05-01_12-30-05", [taxes])
        + prodigy_line(TAXES, "claims-2024-05-02_09-00-00", [{**taxes, "label": "opinion"}])
        + prodigy_line(RAIN, None, [])
        + prodigy_line(RAIN, None, [span(RAIN, "It will be great.", "opinion")]),
        encoding="utf-8",
    )
    result = import_paths(project, [export])
    assert result.summary() == (
        "imported 2 articles from 1 file; 1 duplicate skipped; 1 label not taken, an earlier line of "
        "these files giving the same person's span another label (the first kept; change it in the "
        f"window if the other is right): no one's 18..34 at {export} line 2 (opinion; factual at "
        f'{export} line 1 kept); 2 labels stored as by "imported", its file naming no one ({export}); if '
        f"these labels are one person's, give them their name: annotator rename-annotator {project.path} "
        "imported NAME"
    )
    assert claims_seen(project) == [
        ("It will be great.", "imported", "opinion"),
        ("taxes will fall.", "imported", "factual"),
    ]
    assert {a.status.value for a in project.articles()} == {"in_progress"}


def doccano_line(text: str, labels: list[tuple[str, str]], **more: object) -> str:
    """One line of doccano's sequence-labelling export: UTF-16 offsets, no annotator named."""
    triples = []
    for words, label in labels:
        start = len(text[: text.index(words)].encode("utf-16-le")) // 2
        triples.append([start, start + len(words.encode("utf-16-le")) // 2, label])
    return json.dumps({"id": 1, "text": text, "label": triples, "Comments": [], **more}) + "\n"


def claims_seen(project: Project) -> list[tuple[str, str, str]]:
    """Each claim as (its words, whose, label), the words cut from its article's text."""
    return sorted(
        (project.article(c.article_id).text[c.start : c.end], c.annotator, c.label.value)
        for c in project.claims()
    )


def test_doccanos_export_of_one_file_per_annotator_keeps_each_persons_labels_as_theirs(
    project: Project, tmp_path: Path
) -> None:
    """doccano exports a team's labels as a zip of one file per member, named after them, whose
    lines name no one: imported together, bob's labels of every text alice's file also held were
    "duplicates skipped", and alice's were credited to "imported"."""
    emoji = "Fans 🎉 cheered. The minister said taxes will fall."
    folder = tmp_path / "doccano-export"
    folder.mkdir()
    (folder / "alice.jsonl").write_text(
        doccano_line(emoji, [("taxes will fall.", "factual")]) + doccano_line(RAIN, []), "utf-8"
    )
    (folder / "bob.jsonl").write_text(
        doccano_line(emoji, [("taxes will fall.", "opinion"), ("Fans 🎉 cheered.", "factual")])
        + doccano_line(RAIN, [("It will be great.", "opinion")]),
        "utf-8",
    )
    result = import_paths(project, [folder])
    assert result.summary() == "imported 2 articles from 2 files; 2 people's labels on 2 texts joined"
    assert claims_seen(project) == [
        ("Fans 🎉 cheered.", "bob", "factual"),
        ("It will be great.", "bob", "opinion"),
        ("taxes will fall.", "alice", "factual"),
        ("taxes will fall.", "bob", "opinion"),
    ]
    from annotator.services.agreement import agreement

    assert agreement(project).annotators == ("alice", "bob")


def test_doccanos_first_export_of_entities_triples_brings_its_labels_as_the_named_persons(
    project: Project, tmp_path: Path
) -> None:
    """doccano 0.x wrote {"text", "entities": [[start, end, label], ...], "username"} (UTF-16
    offsets): the whole file was refused with "entities[0] must be an object". Now its labels come
    in, its username's; a line counted otherwise is refused, naming the line, the project unchanged."""
    emoji = "Fans \U0001f389 cheered. The minister said taxes will fall."
    good = json.loads(doccano_line(emoji, [("taxes will fall.", "opinion"), ("Fans", "ORG")]))
    line = {"doc_id": 1, "text": emoji, "entities": good["label"], "username": "alice"}
    export = write(tmp_path / "admin.jsonl", json.dumps(line) + "\n")
    before = snapshot(project)
    bad = write(
        tmp_path / "bad" / "admin.jsonl",
        json.dumps(line) + "\n" + json.dumps({**line, "entities": [[6, 7, "factual"]]}) + "\n",
    )
    with pytest.raises(ImportRejectedError) as refused:
        import_paths(project, [bad])
    [problem] = refused.value.rejections
    assert (problem.path, problem.line) == (str(bad), 2)
    assert "splits a character" in problem.reason and "doccano" in problem.reason
    assert snapshot(project) == before
    assert import_paths(project, [export]).summary() == "imported 1 article from 1 file"
    assert claims_seen(project) == [("taxes will fall.", "alice", "opinion")]
    [article] = project.articles()
    [fans] = project.entities(article.id)
    assert emoji[fans.start : fans.end] == "Fans" and fans.label == "ORG"


def test_an_inception_cas_export_refuses_the_import_naming_inception_the_project_unchanged(
    project: Project, tmp_path: Path
) -> None:
    """INCEpTION's "UIMA CAS JSON" export, saved as .jsonl, was "missing 'text' field" (one line)
    or a line of "invalid JSON" for each of its lines (pretty-printed): the claims it holds were
    to be lost or the file given up on, nothing saying it was INCEpTION's nor what to export."""
    cas = {
        "%TYPES": {},
        "%FEATURE_STRUCTURES": [
            {"%ID": 1, "%TYPE": "uima.cas.Sofa", "sofaID": "_InitialView", "sofaString": TAXES},
            {
                "%ID": 2,
                "%TYPE": "webanno.custom.Claim",
                "@sofa": 1,
                "begin": 18,
                "end": 34,
                "value": "factual",
            },
        ],
        "%VIEWS": {"_InitialView": {"%SOFA": 1, "%MEMBERS": [2]}},
    }
    export = write(tmp_path / "inception" / "doc.jsonl", json.dumps(cas, indent=2))
    texts = write(tmp_path / "texts.jsonl", json.dumps({"text": RAIN}) + "\n")
    before = snapshot(project)
    with pytest.raises(ImportRejectedError) as refused:
        import_paths(project, [texts, export])
    [problem] = refused.value.rejections
    assert (problem.path, problem.line) == (str(export), None)
    assert problem.reason.startswith(
        'is an INCEpTION (or WebAnno) export in "UIMA CAS JSON", which is not read'
    )
    assert snapshot(project) == before


def test_a_doccano_file_of_two_peoples_lines_keeps_them_by_user_or_refuses_naming_the_line(
    tmp_path: Path,
) -> None:
    """Two people's doccano lines of one text in one file: named by `user` (or doccano's first
    `username`), each keeps their labels; naming no one, the second was a "duplicate skipped"
    without a word, and is now refused, saying which line and what to do."""
    named = tmp_path / "team.jsonl"
    named.write_text(
        doccano_line(TAXES, [("taxes will fall.", "factual")], user="alice")
        + doccano_line(TAXES, [("taxes will fall.", "questionable")], username="bob"),
        "utf-8",
    )
    with open_project(tmp_path / "named.annot") as project:
        result = import_paths(project, [named])
        assert result.summary() == "imported 1 article from 1 file; 2 people's labels on 1 text joined"
        assert claims_seen(project) == [
            ("taxes will fall.", "alice", "factual"),
            ("taxes will fall.", "bob", "questionable"),
        ]
        [article] = project.articles()
        assert "user" not in project.article(article.id).meta  # a person, not metadata
    unnamed = tmp_path / "joined.jsonl"
    unnamed.write_text(
        doccano_line(TAXES, [("taxes will fall.", "factual")])
        + doccano_line(TAXES, [("taxes will fall.", "factual")])  # the same again: a duplicate
        + doccano_line(TAXES, [("taxes will fall.", "opinion")]),
        "utf-8",
    )
    with open_project(tmp_path / "unnamed.annot") as project:
        with pytest.raises(ImportRejectedError) as refused:
            import_paths(project, [unnamed])
        [problem] = refused.value.rejections
        assert (problem.path, problem.line) == (str(unnamed), 3)
        assert problem.reason.startswith(
            "gives the text of line 1 again with other labels, and neither line names whose labels they are"
        )
        assert '"user": "NAME"' in problem.reason
        assert project.articles() == []


def test_a_second_persons_file_imported_on_another_day_adds_their_labels_to_the_article(
    project: Project, tmp_path: Path
) -> None:
    """Alice's labels imported on Monday, Bob's doccano file of the same texts on Tuesday: every
    line of his was "1 duplicate skipped" and his labels were lost. Now they join the article,
    his; his file's other texts are his too; the article's entities stay as they were."""
    emoji = "Fans 🎉 cheered. The minister said taxes will fall."
    monday = tmp_path / "monday.jsonl"
    monday.write_text(
        doccano_line(emoji, [("taxes will fall.", "factual"), ("minister", "PERSON")], user="alice"),
        "utf-8",
    )
    assert import_paths(project, [monday]).summary() == "imported 1 article from 1 file"
    [article] = project.articles()
    entities = project.entities(article.id)
    tuesday = tmp_path / "bob.jsonl"
    tuesday.write_text(
        doccano_line(
            emoji, [("taxes will fall.", "opinion"), ("Fans 🎉 cheered.", "factual"), ("Fans", "ORG")]
        )
        + doccano_line(RAIN, [("It will be great.", "opinion")]),
        "utf-8",
    )
    result = import_paths(project, [tuesday])
    assert result.summary() == "imported 1 article from 1 file; 1 article given another person's labels"
    assert (result.given, result.duplicates) == (1, 0)
    assert claims_seen(project) == [
        ("Fans 🎉 cheered.", "bob", "factual"),
        ("It will be great.", "bob", "opinion"),
        ("taxes will fall.", "alice", "factual"),
        ("taxes will fall.", "bob", "opinion"),
    ]
    assert project.entities(article.id) == entities
    from annotator.services.agreement import agreement

    assert agreement(project).annotators == ("alice", "bob")

    # The same files again: nothing added twice, each line a duplicate as before.
    before = snapshot(project)
    again = import_paths(project, [monday, tuesday])
    assert again.summary() == "imported 0 articles from 2 files; 3 duplicates skipped"
    assert snapshot(project) == before


def test_two_peoples_exports_of_ours_in_one_import_join_as_on_two_days(tmp_path: Path) -> None:
    """Alice's and Bob's exports of their own projects (each span naming its annotator, the line no
    one) imported together: Bob's line was "1 duplicate skipped" and his labels lost, although
    imported on two days they joined the article. One import now does what two do; the same
    person's line again, or a line of people the article holds already, stays a duplicate."""

    def ours(*spans: tuple[str, str, str]) -> str:
        named = [{**span(TAXES, words, label), "annotator": who} for words, label, who in spans]
        return json.dumps({"text": TAXES, "spans": named}) + "\n"

    alice = write(tmp_path / "in" / "a-export.jsonl", ours(("taxes will fall.", "factual", "alice")))
    bob = write(tmp_path / "in" / "b-export.jsonl", ours(("That is wrong.", "opinion", "bob")))
    write(tmp_path / "in" / "c-again.jsonl", ours(("taxes will fall.", "factual", "alice")))
    both = write(
        tmp_path / "in" / "d-both.jsonl",
        ours(("taxes will fall.", "factual", "alice"), ("That is wrong.", "opinion", "bob")),
    )
    with open_project(tmp_path / "two-days.annot") as project:
        import_paths(project, [alice])
        import_paths(project, [bob])
        on_two_days = claims_seen(project)
    with open_project(tmp_path / "one.annot") as project:
        result = import_paths(project, [tmp_path / "in"])
        assert result.summary() == (
            "imported 1 article from 4 files; 2 people's labels on 1 text joined; 2 duplicates skipped"
        )
        assert (
            claims_seen(project)
            == on_two_days
            == [
                ("That is wrong.", "bob", "opinion"),
                ("taxes will fall.", "alice", "factual"),
            ]
        )
    # One line naming both people is one article, not a text joined.
    with open_project(tmp_path / "merged.annot") as project:
        assert import_paths(project, [both]).summary() == "imported 1 article from 1 file"
        assert claims_seen(project) == on_two_days


def test_a_later_line_of_a_text_naming_no_one_new_brings_its_further_spans(tmp_path: Path) -> None:
    """Alice's second line of a text (a later export of hers, or the same file named again with a
    span added) was a "repeated" duplicate: its further spans were dropped without a word. Now
    they are hers on the article; a span she labelled otherwise keeps the first label and is said,
    and a line bringing nothing new is still a duplicate. Lines naming no one do the same."""

    def ours(*spans: tuple[str, str, str]) -> str:
        named = [
            {**span(TAXES, words, label), **({"annotator": who} if who else {})}
            for words, label, who in spans
        ]
        return json.dumps({"text": TAXES, "spans": named}) + "\n"

    for who in ("alice", ""):
        folder = tmp_path / (who or "no-one")
        write(folder / "a.jsonl", ours(("taxes will fall.", "factual", who)))
        later = write(
            folder / "b.jsonl",
            ours(("taxes will fall.", "opinion", who), ("That is wrong.", "opinion", who))
            + ours(("taxes will fall.", "factual", who)),
        )
        with open_project(tmp_path / f"{who or 'no-one'}.annot") as project:
            result = import_paths(project, [folder])
            whose = f"{who}'s" if who else "no one's"
            assert result.summary() == (
                "imported 1 article from 2 files; 1 duplicate skipped; 1 label not taken, an earlier line "
                "of these files giving the same person's span another label (the first kept; change it "
                f"in the window if the other is right): {whose} 18..34 at {later} line 1 (opinion; "
                f"factual at {folder / 'a.jsonl'} line 1 kept)"
                + (
                    ""
                    if who
                    else f'; 2 labels stored as by "imported", their files naming no one '
                    f"({folder / 'a.jsonl'}, {later}); if these labels are one person's, give them "
                    f"their name: annotator rename-annotator {project.path} imported NAME"
                )
            )
            assert claims_seen(project) == [
                ("That is wrong.", who or "imported", "opinion"),
                ("taxes will fall.", who or "imported", "factual"),
            ]


def test_a_person_who_changed_their_labels_since_is_told_and_the_projects_are_kept(
    project: Project, tmp_path: Path
) -> None:
    """Bob's file imported again after he changed a label: skipped as a duplicate, but the report
    says his labels differ from the project's, never writing over them nor dropping them unsaid."""
    taxes = span(TAXES, "taxes will fall.", "factual")
    first = tmp_path / "claims.jsonl"
    first.write_text(prodigy_line(TAXES, "claims-bob", [taxes]), "utf-8")
    import_paths(project, [first])
    changed = tmp_path / "claims-later.jsonl"
    changed.write_text(prodigy_line(TAXES, "claims-bob", [{**taxes, "label": "opinion"}]), "utf-8")
    result = import_paths(project, [changed])
    assert (result.added, result.given, result.duplicates) == ([], 0, 1)
    assert result.differing == (("bob", "claims line 1"),)
    assert result.summary() == (
        "imported 0 articles from 1 file; 1 duplicate skipped; not taken, as the project holds other "
        "labels of the same person (changed since? the project's are kept): 'claims line 1' by bob"
    )
    assert claims_seen(project) == [("taxes will fall.", "bob", "factual")]


def test_who_a_later_import_credits_labels_to_on_an_article_held_already(
    project: Project, tmp_path: Path
) -> None:
    """A Prodigy session, our own export's spans naming their annotator, or a doccano file's name
    (only where the article holds someone's labels already) say whose the labels are; labels naming
    no one, or a person's line without labels, stay duplicates, and the file's name of a doccano
    export is not taken for a text the project holds unlabelled."""
    import_paths(project, [write(tmp_path / "texts.jsonl", json.dumps({"text": RAIN}) + "\n")])
    taxes = span(TAXES, "taxes will fall.", "opinion")
    import_paths(project, [write(tmp_path / "alice.jsonl", prodigy_line(TAXES, "claims-alice", [taxes]))])
    ours = {"text": TAXES, "spans": [{**span(TAXES, "That is wrong.", "opinion"), "annotator": "carol"}]}
    later = [
        write(
            tmp_path / "later" / "dave.jsonl",
            prodigy_line(TAXES, "claims-dave", [{**taxes, "label": "factual"}]),
        ),
        write(tmp_path / "later" / "ours.jsonl", json.dumps(ours) + "\n"),
        write(tmp_path / "later" / "erin.jsonl", prodigy_line(TAXES, "claims-erin", [], answer="reject")),
        write(tmp_path / "later" / "unnamed.jsonl", prodigy_line(TAXES, None, [taxes])),
        write(tmp_path / "later" / "frank.jsonl", doccano_line(RAIN, [("It will be great.", "opinion")])),
    ]
    result = import_paths(project, later)
    assert (result.given, result.duplicates) == (1, 3)
    assert claims_seen(project) == [
        ("That is wrong.", "carol", "opinion"),
        ("taxes will fall.", "alice", "opinion"),
        ("taxes will fall.", "dave", "factual"),
    ]
    # The labels naming no one, and frank's file on a text no one labelled: said, not dropped unsaid.
    assert sorted(result.differing) == [("", "alice line 1"), ("", "texts line 1")]
    [rain] = [a for a in project.articles() if a.title == "texts line 1"]
    assert rain.status.value == "new"


def test_a_doccano_file_imported_alone_twice_is_not_credited_to_its_name(
    project: Project, tmp_path: Path
) -> None:
    """alice.jsonl alone on Monday is "imported"'s (nothing says the file is a person's); imported
    again it is the same labels, a duplicate, not alice's added beside them. bob.jsonl on Tuesday
    is another person's labels of a labelled text: his, by its name."""
    alice = write(tmp_path / "alice.jsonl", doccano_line(TAXES, [("taxes will fall.", "factual")]))
    # Said, with how to give them the person's name the file's may be: they went in unsaid.
    assert import_paths(project, [alice]).summary() == (
        f'imported 1 article from 1 file; 1 label stored as by "imported", its file naming no one ({alice}); '
        "if these labels are one person's, give them their name: "
        f"annotator rename-annotator {project.path} imported alice"
    )
    assert import_paths(project, [alice]).summary() == "imported 0 articles from 1 file; 1 duplicate skipped"
    bob = write(tmp_path / "bob.jsonl", doccano_line(TAXES, [("taxes will fall.", "opinion")]))
    assert import_paths(project, [bob]).given == 1
    assert claims_seen(project) == [
        ("taxes will fall.", "bob", "opinion"),
        ("taxes will fall.", "imported", "factual"),
    ]


def test_one_persons_doccano_files_of_two_days_in_one_import_come_in_as_on_two_days(
    tmp_path: Path,
) -> None:
    """day1/alice.jsonl and day2/alice.jsonl (doccano's export of one person, taken on two days)
    imported together: the later file's line of a text was refused, "neither line names whose
    labels they are", and with it the whole import; imported on two days, both came in. Now they
    are one person's: no one's alone, each span once, the later file's further span taken; beside
    bob's file, alice's by their name."""
    day1 = write(
        tmp_path / "in" / "day1" / "alice.jsonl", doccano_line(TAXES, [("taxes will fall.", "factual")])
    )
    write(
        tmp_path / "in" / "day2" / "alice.jsonl",
        doccano_line(TAXES, [("taxes will fall.", "factual"), ("That is wrong.", "opinion")])
        + doccano_line(RAIN, [("It will be great.", "opinion")]),
    )
    with open_project(tmp_path / "alone.annot") as project:
        result = import_paths(project, [tmp_path / "in"])
        assert (result.summary(), result.rejected) == (
            f'imported 2 articles from 2 files; 3 labels stored as by "imported", their files naming no one '
            f"({day1}, {tmp_path / 'in' / 'day2' / 'alice.jsonl'}); if these labels are one person's, give "
            f"them their name: annotator rename-annotator {project.path} imported alice",
            (),
        )
        assert claims_seen(project) == [
            ("It will be great.", "imported", "opinion"),
            ("That is wrong.", "imported", "opinion"),
            ("taxes will fall.", "imported", "factual"),
        ]
    write(tmp_path / "in" / "bob.jsonl", doccano_line(TAXES, [("taxes will fall.", "opinion")]))
    with open_project(tmp_path / "team.annot") as project:
        result = import_paths(project, [tmp_path / "in"])
        assert result.summary() == "imported 2 articles from 3 files; 2 people's labels on 1 text joined"
        assert claims_seen(project) == [
            ("It will be great.", "alice", "opinion"),
            ("That is wrong.", "alice", "opinion"),
            ("taxes will fall.", "alice", "factual"),
            ("taxes will fall.", "bob", "opinion"),
        ]
    # Two lines of a text with other labels in one file are still two people's put in one: refused.
    write(
        day1,
        doccano_line(TAXES, [("taxes will fall.", "factual")])
        + doccano_line(TAXES, [])
        + doccano_line(TAXES, [("That is wrong.", "factual")]),
    )
    with open_project(tmp_path / "refused.annot") as project:
        with pytest.raises(ImportRejectedError) as refused:
            import_paths(project, [tmp_path / "in" / "day1", tmp_path / "in" / "day2"])
        [problem] = refused.value.rejections
        assert (problem.path, problem.line) == (str(day1), 3)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_two_files_giving_one_persons_span_two_labels_keep_the_first_and_say_so(tmp_path: Path) -> None:
    """Alice's span labelled factual in a.jsonl and opinion in b.jsonl refused the whole import,
    though imported on two days the project's label was kept and the other said. Now one import
    does what two do: the first file's label (by name, whatever order the files were given in) is
    kept, the conflict named with files and lines, and everything else imported."""

    def ours(text: str, *spans: tuple[str, str, str]) -> str:
        named = [{**span(text, words, label), "annotator": who} for words, label, who in spans]
        return json.dumps({"text": text, "spans": named}) + "\n"

    a = write(tmp_path / "in" / "a.jsonl", ours(TAXES, ("taxes will fall.", "factual", "alice")))
    b = write(
        tmp_path / "in" / "b.jsonl",
        ours(RAIN)
        + ours(TAXES, ("taxes will fall.", "opinion", "alice"), ("That is wrong.", "opinion", "bob")),
    )
    for inputs in ([tmp_path / "in"], [b, a]):
        with open_project(tmp_path / f"p{len(inputs)}.annot") as project:
            result = import_paths(project, inputs)
            assert result.summary() == (
                "imported 2 articles from 2 files; 2 people's labels on 1 text joined; 1 label not taken, "
                "an earlier line of these files giving the same person's span another label (the first "
                "kept; change it in the window if the other is right): alice's 18..34 at "
                f"{b} line 2 (opinion; factual at {a} line 1 kept)"
            )
            assert claims_seen(project) == [
                ("That is wrong.", "bob", "opinion"),
                ("taxes will fall.", "alice", "factual"),
            ]
    # A broken file among them still refuses the import, naming its file and line.
    write(tmp_path / "in" / "c.jsonl", '{"text": "Broken\n')
    with open_project(tmp_path / "broken.annot") as project:
        with pytest.raises(ImportRejectedError, match=r"c\.jsonl:1: invalid JSON"):
            import_paths(project, [tmp_path / "in"])
        assert project.articles() == []


def test_a_folder_import_names_the_files_it_passes_over_and_what_to_do(
    project: Project, tmp_path: Path
) -> None:
    """A folder's .xmi, UIMA CAS .json, .pdf files were passed over in silence; a folder of
    nothing else said only "no articles found". Hidden files are still passed over unsaid."""
    folder = tmp_path / "inception"
    write(folder / "annotation" / "doc" / "alice.xmi", "<xmi:XMI/>")
    write(folder / "annotation" / "doc" / "cas.json", '{"%TYPES": {}, "%FEATURE_STRUCTURES": []}')
    write(folder / "report.pdf", "%PDF-1.4")
    write(folder / ".DS_Store", "x")
    advice = (
        '2 INCEpTION .xmi, 1 INCEpTION UIMA CAS .json (export the documents from INCEpTION as "Plain '
        'text" for their texts, or write its labels as JSON Lines spans), 1 .pdf (not supported; copy '
        "the article's text into a .txt file)"
    )
    write(folder / "annotation" / "doc" / "bob.xmi", "<xmi:XMI/>")
    with pytest.raises(UserError) as refused:
        import_paths(project, [folder])
    assert str(refused.value).endswith(f"(4 files in the folders skipped, as not read: {advice})")
    write(folder / "source" / "doc.txt", "The council voted to build a bridge.")
    result = import_paths(project, [folder])
    assert result.summary() == (
        f"imported 1 article from 1 file; 4 files in the folders skipped, as not read: {advice}"
    )


def test_a_second_unnamed_import_says_the_rename_it_advises_names_the_earlier_ones_too(
    project: Project, tmp_path: Path
) -> None:
    """alice.jsonl on Monday and bob.jsonl on Tuesday, each alone, both "imported"'s: Tuesday's
    summary advised `rename-annotator P imported bob`, which gave bob alice's label too."""
    alice = write(tmp_path / "alice.jsonl", doccano_line(TAXES, [("taxes will fall.", "factual")]))
    import_paths(project, [alice])
    bob = write(tmp_path / "bob.jsonl", doccano_line(RAIN, [("It will be great.", "opinion")]))
    assert import_paths(project, [bob]).summary() == (
        f'imported 1 article from 1 file; 1 label stored as by "imported", its file naming no one ({bob}); '
        'the project holds 2 labels by "imported" in all, 1 of them from earlier imports, and a rename of '
        '"imported" names them all: if all 2 are one person\'s, give them their name: '
        f"annotator rename-annotator {project.path} imported bob"
    )
