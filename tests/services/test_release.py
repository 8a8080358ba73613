"""Releasing a dataset: splits by article, the three label choices, privacy, checksums, the card.

Every test writes a real release of a real (small) team project and reads it back the
way its users would: pandas, `sha256sum -c`, `spacy train`, `datasets.load_dataset`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from annotator.core.errors import Cancelled, UserError
from annotator.core.model import GOLD_ANNOTATOR, ArticleDraft
from annotator.core.splits import SEED_MAX, SEED_RANGE
from annotator.core.text import strip_span
from annotator.formats import simple_tokens
from annotator.formats.tokens import span_bounds
from annotator.formats.writers import context_bounds
from annotator.services.guidelines import set_guidelines
from annotator.services.project import open_project, store_of
from annotator.services.release import (
    ReleaseOptions,
    plan_release,
    pseudonyms_for,
    release,
    replace_names,
)
from annotator.services.release import (
    card as release_card,
)
from annotator.store.merge import set_gold
from tests.services.release_data import (
    ANNOTATORS,
    DATA,
    LABEL_ORDER,
    build_agreed_project,
    build_release_project,
    gold_by_title,
    vote,
)

SPLITS = ("train", "validation", "test")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[int, list[tuple[int, int]]]]:
    path = tmp_path_factory.mktemp("release") / "team.annotator.db"
    spans = build_release_project(path)
    return path, spans


@pytest.fixture
def project_path(built: tuple[Path, dict[int, list[tuple[int, int]]]], tmp_path: Path) -> Path:
    """A fresh copy per test, so no test sees another's changes."""
    copy = tmp_path / "team.annotator.db"
    shutil.copy(built[0], copy)
    return copy


def do_release(project_path: Path, out: Path, **options: object) -> None:
    with open_project(project_path, create=False) as project:
        release(project, out, options=ReleaseOptions(**options), tokenizer=simple_tokens)  # type: ignore[arg-type]


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def card_table(card: str) -> dict[str, tuple[int, int]]:
    """split -> (articles, claims) as the card's split table states them."""
    rows = re.findall(r"^\| (train|validation|test) \| (\d+) \| (\d+) \|", card, flags=re.MULTILINE)
    return {name: (int(a), int(c)) for name, a, c in rows}


def test_same_project_and_options_give_byte_identical_files(project_path: Path, tmp_path: Path) -> None:
    do_release(project_path, tmp_path / "a", labels="majority", seed=3, pseudonymise=True)
    do_release(project_path, tmp_path / "b", labels="majority", seed=3, pseudonymise=True)
    first, second = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert first == second
    assert {"README.md", "GUIDELINES.md", "SOURCES.md", "TIES.md", "SHA256SUMS"} <= set(first)
    do_release(project_path, tmp_path / "c", labels="majority", seed=4, pseudonymise=True)
    assert files_of(tmp_path / "c")["SOURCES.md"] != first["SOURCES.md"]  # another seed, another split


def test_worker_processes_write_the_same_bytes_and_docbins_carry_the_claims(
    project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big releases render chunks in worker processes; small chunks here make every split several."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    import annotator.services.release as service

    monkeypatch.setattr(service, "CHUNK", 3)
    options = ReleaseOptions(labels="all", split=(0.6, 0.2, 0.2))
    with open_project(project_path, create=False) as project:
        release(project, tmp_path / "one", options=options, tokenizer=simple_tokens, workers=1)
        release(project, tmp_path / "two", options=options, tokenizer=simple_tokens, workers=2)
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")
    out = tmp_path / "two"
    for split in SPLITS:
        tasks = jsonl(out / "articles" / f"{split}.jsonl")
        docs = list(DocBin().from_disk(out / "spacy" / f"{split}.spacy").get_docs(Vocab()))
        assert [doc.user_data["article_id"] for doc in docs] == [t["meta"]["article_id"] for t in tasks]  # type: ignore[index]
        for doc, task in zip(docs, tasks, strict=True):
            assert doc.text == task["text"]
            text = task["text"]
            ents = sorted(
                (*strip_span(text, e["start"], e["end"]), e["label"])  # type: ignore[arg-type]
                for e in task["entities"]
                if e["status"] != "rejected"
            )  # type: ignore[index,union-attr]
            assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == ents
            spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans["claims"]]
            # A claim starting on a double space's second space: spans leave edge white space out.
            assert spans == [(*strip_span(text, s["start"], s["end"]), s["label"]) for s in task["spans"]]  # type: ignore[arg-type,attr-defined]
        sentences = list(DocBin().from_disk(out / "spacy" / f"textcat_{split}.spacy").get_docs(Vocab()))
        # One doc per sentence of a claim's own characters (its edge white space left out, as
        # its span is): the claims' `context` is the sentence of the claim as labelled.
        texts = {t["meta"]["article_id"]: t["text"] for t in tasks}  # type: ignore[index]
        contexts = set()
        for row in jsonl(out / "claims" / f"{split}.jsonl"):
            text = texts[row["article_id"]]
            start, end = context_bounds(text, *span_bounds(text, row["start"], row["end"]))  # type: ignore[arg-type]
            contexts.add(text[start:end])
        assert {doc.text for doc in sentences} == contexts


@pytest.mark.model
def test_another_process_with_other_hash_seeds_writes_the_same_bytes(
    project_path: Path, tmp_path: Path
) -> None:
    """Python's str hashes change per process; nothing in the output may depend on set order.
    Marked `model`: both runs use spaCy's tokenizer, as `annotator release` does."""
    outputs = []
    for n, hash_seed in enumerate(("1", "2")):
        out = tmp_path / f"run{n}"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "release", str(project_path), str(out), "--labels", "all"],
            capture_output=True, text=True, env=env, timeout=300, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(files_of(out))
    assert outputs[0] == outputs[1]


def test_no_article_is_in_two_splits_and_splits_keep_every_label(project_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    do_release(project_path, out, labels="all", split=(0.6, 0.2, 0.2), seed=1)
    seen: dict[int, str] = {}
    for split in SPLITS:
        for task in jsonl(out / "articles" / f"{split}.jsonl"):
            article_id = task["meta"]["article_id"]  # type: ignore[index]
            assert article_id not in seen, f"article {article_id} in {seen.get(article_id)} and {split}"
            seen[article_id] = split
        labels = {row["label"] for row in jsonl(out / "claims" / f"{split}.jsonl")}
        assert labels == set(LABEL_ORDER), split
        for row in jsonl(out / "claims" / f"{split}.jsonl"):
            assert seen[row["article_id"]] == split  # type: ignore[index]
    assert len(seen) == 20
    assert Counter(seen.values()) == {"train": 12, "validation": 4, "test": 4}


def test_pandas_reads_every_jsonl_with_the_counts_the_card_states(project_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    do_release(project_path, out, labels="majority")
    stated = card_table((out / "README.md").read_text("utf-8"))
    for split in SPLITS:
        articles, claims = stated[split]
        if not articles:
            assert not (out / "claims" / f"{split}.jsonl").exists()
            continue
        frame = pd.read_json(out / "claims" / f"{split}.jsonl", lines=True)
        tasks = pd.read_json(out / "articles" / f"{split}.jsonl", lines=True)
        assert (len(tasks), len(frame)) == (articles, claims)
        assert {"text", "label", "context", "article_id", "start", "end"} <= set(frame.columns)
        assert all(text in context for text, context in zip(frame["text"], frame["context"], strict=True))


def test_majority_keeps_the_winning_label_and_lists_ties(
    built: tuple[Path, dict[int, list[tuple[int, int]]]], project_path: Path, tmp_path: Path
) -> None:
    spans = built[1]
    expected: dict[tuple[int, int, int], str] = {}
    ties = 0
    for n, article_id in enumerate(sorted(spans)):
        for s, (start, end) in enumerate(spans[article_id]):
            votes = Counter(vote(n, s, k) or "no claim" for k in range(3)).most_common()
            if len(votes) > 1 and votes[0][1] == votes[1][1]:
                ties += 1
            elif votes[0][0] != "no claim":
                expected[(article_id, start, end)] = votes[0][0]
    assert ties  # the fixture has ties to leave out
    out = tmp_path / "out"
    do_release(project_path, out, labels="majority")
    got = {
        (row["article_id"], row["start"], row["end"]): row["label"]
        for split in SPLITS
        if (out / "claims" / f"{split}.jsonl").exists()
        for row in jsonl(out / "claims" / f"{split}.jsonl")
    }
    assert got == expected
    table = (out / "TIES.md").read_text("utf-8")
    assert table.count("factual 1, opinion 1, questionable 1") == ties
    assert f"left out and listed in `TIES.md` ({ties})" in (out / "README.md").read_text("utf-8")


def test_gold_releases_only_adjudicated_labels_and_all_keeps_every_annotator(
    project_path: Path, tmp_path: Path
) -> None:
    do_release(project_path, tmp_path / "gold", labels="gold")
    do_release(project_path, tmp_path / "all", labels="all")
    gold = [row for split in SPLITS for row in jsonl(tmp_path / "gold" / "claims" / f"{split}.jsonl")]
    assert len(gold) == 12 and {row["annotator"] for row in gold} == {GOLD_ANNOTATOR}
    card = (tmp_path / "gold" / "README.md").read_text("utf-8")
    assert "Labels used: **gold**" in card
    assert "8 articles of the project carry no gold label" in card
    # No span here was agreed by all without review: the card says so in words, not "0 of the claims are".
    assert "None of the claims is such an agreed span" in card and "0 of the claims" not in card
    every = [row for split in SPLITS for row in jsonl(tmp_path / "all" / "claims" / f"{split}.jsonl")]
    with open_project(project_path, create=False) as project:
        people = [c for c in project.iter_claims() if c.annotator != GOLD_ANNOTATOR]
    assert Counter(row["annotator"] for row in every) == Counter(c.annotator for c in people)
    assert "Labels used: **all**" in (tmp_path / "all" / "README.md").read_text("utf-8")


def test_gold_holds_the_spans_everyone_agreed_on_beside_the_decisions(tmp_path: Path) -> None:
    """Agreed spans never reach the review; gold without them read the team's surest claims as none."""
    want = build_agreed_project(tmp_path / "p.db")
    do_release(tmp_path / "p.db", tmp_path / "gold", labels="gold")
    rows = [row for path in sorted((tmp_path / "gold" / "claims").glob("*.jsonl")) for row in jsonl(path)]
    with open_project(tmp_path / "p.db", create=False) as project:
        titles = {s.id: s.title for s in project.articles()}
    assert (
        gold_by_title(rows, titles) == want
    )  # A4: a split nobody decided and no gold label, as before: not released
    assert {row["annotator"] for row in rows} == {GOLD_ANNOTATOR}
    card = (tmp_path / "gold" / "README.md").read_text("utf-8")
    assert "3 of the claims are such agreed spans" in card
    assert "1 article of the project carries no gold label" in card


def test_pseudonymise_leaves_no_annotator_name_in_any_file(project_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    do_release(project_path, out, labels="all", pseudonymise=True)
    for name, data in files_of(out).items():
        if name.endswith(".spacy"):
            data = zlib.decompress(data)  # DocBins are compressed; look inside
        text = data.decode("utf-8", errors="replace").lower()
        for person in (*ANNOTATORS, "dana"):
            assert not re.search(rf"(?<![a-z]){person}(?![a-z])", text), f"{person} in {name}"
    annotators = {row["annotator"] for row in jsonl(out / "claims" / "train.jsonl")}
    assert annotators <= {"annotator-1", "annotator-2", "annotator-3"}
    assert "Ask annotator-" in (out / "GUIDELINES.md").read_text("utf-8")
    card = (out / "README.md").read_text("utf-8")
    assert "(pseudonymised)" in card and "annotator-1 vs annotator-2" in card


def test_pseudonymise_replaces_a_reviewer_who_labelled_nothing(project_path: Path, tmp_path: Path) -> None:
    """A reviewer's name is in no claim's `annotator`, yet stands in their notes and the guidelines."""
    with open_project(project_path, create=False) as project:
        claim = next(c for c in project.iter_claims() if c.annotator == GOLD_ANNOTATOR)
        set_gold(
            store_of(project),
            claim.article_id,
            claim.start,
            claim.end,
            claim.label,
            reviewer="dana",
            note="dana: the source says so",
        )
        undecided = next(a for a in project.article_ids() if not project.claims(a, annotator=GOLD_ANNOTATOR))
        start, end = next((c.start, c.end) for c in project.claims(undecided))
        set_gold(store_of(project), undecided, start, end, None, reviewer="Émile")  # "no claim" only
        set_guidelines(project, "# Guidelines\n\nAsk Dana, Émile or alice when unsure.\n")
    out = tmp_path / "out"
    do_release(project_path, out, labels="gold", pseudonymise=True)
    for name, data in files_of(out).items():
        if name.endswith(".spacy"):
            data = zlib.decompress(data)
        text = data.decode("utf-8", errors="replace").lower()
        for person in ("dana", "émile"):
            assert person not in text, f"{person} in {name}"
    notes = {row["note"] for split in SPLITS for row in jsonl(out / "claims" / f"{split}.jsonl")}
    assert "reviewer-1: the source says so" in notes or "reviewer-2: the source says so" in notes
    guidelines = (out / "GUIDELINES.md").read_text("utf-8")
    assert re.search(r"Ask reviewer-\d, reviewer-\d or annotator-\d when unsure", guidelines)


def test_pseudonymise_replaces_names_in_the_limitations_written_for_the_card(
    project_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    said = "Labelled by Alice, Bob and Carol, journalism students; questions to dana."
    do_release(project_path, out, labels="gold", pseudonymise=True, limitations=said)
    card = (out / "README.md").read_text("utf-8")
    limitations = card.split("## Intended use and limitations", 1)[1].split("## Provenance", 1)[0]
    assert re.search(
        r"Labelled by annotator-\d, annotator-\d and annotator-\d, journalism students; "
        r"questions to reviewer-1\.",
        limitations,
    )
    for person in (*ANNOTATORS, "dana"):
        assert not re.search(rf"(?<![a-z]){person}(?![a-z])", card.lower()), person


def test_pseudonyms_are_stable_and_names_are_replaced_as_words() -> None:
    names = ["carol", "alice", "bob"]
    assert pseudonyms_for(names, seed=5) == pseudonyms_for(reversed(names), seed=5)
    mapping = {"al": "annotator-1", "alice": "annotator-2"}
    assert replace_names("ALICE and Al, not Alfred", mapping) == "annotator-2 and annotator-1, not Alfred"


def test_a_name_that_is_also_a_word_is_replaced_only_where_written_as_the_name() -> None:
    """Will, May, Mark: "I will check" keeps its verb; the capitalised name goes, even at a sentence start."""
    mapping = {"Will": "annotator-1", "May": "annotator-2", "Mark Rose": "annotator-3", "dana": "reviewer-1"}
    note = "I will check with Will; it may be so, May says. WILL agreed. Mark rose early; Mark Rose did not."
    assert replace_names(note, mapping) == (
        "I will check with annotator-1; it may be so, annotator-2 says. annotator-1 agreed. "
        "Mark rose early; annotator-3 did not."
    )
    assert (
        replace_names("Will this count? Ask will.", {"Will": "annotator-1"})
        == "annotator-1 this count? Ask will."
    )
    # A name kept in lower case gives nothing to tell it apart: replaced however written.
    assert replace_names("ask dana, Dana or DANA", mapping) == "ask reviewer-1, reviewer-1 or reviewer-1"


def test_without_keep_paths_no_folder_of_this_machine_appears(project_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    do_release(project_path, out, labels="all")
    folders = {str(DATA.resolve()), str(tmp_path), str(Path.home()), os.path.expanduser("~")}
    for name, data in files_of(out).items():
        if name.endswith(".spacy"):
            data = zlib.decompress(data)
        text = data.decode("utf-8", errors="replace")
        for folder in folders:
            assert folder not in text, f"{folder} in {name}"
    task = jsonl(out / "articles" / "train.jsonl")[0]
    assert task["meta"]["import_file"] == "wikinews-20.jsonl"  # type: ignore[index]
    assert task["meta"]["saved_as"] == "wikinews-20.jsonl"  # type: ignore[index]
    do_release(project_path, tmp_path / "kept", labels="all", keep_paths=True)
    assert str(DATA.resolve()) in (tmp_path / "kept" / "articles" / "train.jsonl").read_text("utf-8")


def test_checksums_verify_with_sha256sum(project_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    do_release(project_path, out, labels="majority")
    listed = (out / "SHA256SUMS").read_text("utf-8").splitlines()
    assert len(listed) == len(files_of(out)) - 1
    tool = shutil.which("sha256sum")
    if tool is None:  # not on every system; the manifest format is checked by hand below
        for line in listed:
            digest, name = line.split("  ", 1)
            assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
        return
    result = subprocess.run([tool, "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    (out / "SOURCES.md").write_text("changed", encoding="utf-8")
    result = subprocess.run([tool, "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "SOURCES.md: FAILED" in result.stdout


def test_card_header_sources_and_guidelines(project_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    do_release(project_path, out, labels="majority", license="CC-BY-4.0", name="Wikinews claims")
    card = (out / "README.md").read_text("utf-8")
    header = card.split("---\n")[1]
    assert 'pretty_name: "Wikinews claims"' in header and "license: cc-by-4.0" in header
    assert "- text-classification" in header and "- n<1K" in header
    assert "  - split: validation\n    path: claims/validation.jsonl" in header
    assert "  - split: test\n    path: articles/test.jsonl" in header
    guidelines = (out / "GUIDELINES.md").read_bytes()
    assert guidelines == b"# Guidelines\n\nAsk Carol or alice when unsure.\n"
    assert f"SHA-256 `{hashlib.sha256(guidelines).hexdigest()}`" in card
    sources = (out / "SOURCES.md").read_text("utf-8")
    assert sources.count("| CC") == 0 and sources.count("CC BY 2.5 |") == 20
    assert "https://en.wikinews.org/wiki/" in sources
    assert "annotator 0.1.0; labels as of 20" in card
    assert "- `hand-made 1+rules0`: 20 articles" in card
    assert "## Intended use and limitations" in card
    do_release(project_path, tmp_path / "edited", labels="majority", limitations="Only for research.")
    assert "Only for research." in (tmp_path / "edited" / "README.md").read_text("utf-8")


def test_an_existing_folder_is_refused_unless_it_holds_an_earlier_release(
    project_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UserError, match="is not empty"):
        do_release(project_path, out, labels="all")
    with pytest.raises(UserError, match="not part of an earlier release"):
        do_release(project_path, out, labels="all", force=True)
    assert (out / "notes.txt").read_text("utf-8") == "mine"
    fresh = tmp_path / "fresh"
    do_release(project_path, fresh, labels="all")
    do_release(project_path, fresh, labels="majority", force=True)  # replaces the earlier release
    assert (fresh / "TIES.md").exists()
    with pytest.raises(UserError, match="not part of an earlier release"):
        do_release(project_path, tmp_path, labels="all", force=True)  # the folder holding the project
    with pytest.raises(UserError, match="is the open project"):
        do_release(project_path, project_path, labels="all")
    with pytest.raises(UserError, match="device or special file"):
        do_release(project_path, Path("/dev/null"), labels="all")
    assert sorted(p.name for p in tmp_path.iterdir() if ".db" not in p.name) == ["fresh", "out"]


def test_a_folder_of_empty_folders_is_refused_naming_a_folder_it_holds(
    project_path: Path, tmp_path: Path
) -> None:
    """A folder holding only empty folders was refused, with the box ticked, for "files that are
    not part of an earlier release (for example SHA256SUMS)": it holds no file, and no SHA256SUMS."""
    out = tmp_path / "out"
    (out / "spacy" / "old").mkdir(parents=True)
    with pytest.raises(UserError, match="is not empty"):
        do_release(project_path, out, labels="all")
    with pytest.raises(UserError) as refused:
        do_release(project_path, out, labels="all", force=True)
    said = str(refused.value)
    assert "SHA256SUMS" not in said and "files" not in said
    assert f"{out} holds folders that are not part of an earlier release (for example spacy)" in said
    assert (out / "spacy" / "old").is_dir()


def test_cancel_leaves_no_folder_and_an_empty_release_is_refused(project_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1

    with open_project(project_path, create=False) as project, pytest.raises(Cancelled):
        release(project, out, options=ReleaseOptions(labels="all"), cancel=cancel, tokenizer=simple_tokens)
    assert [p.name for p in tmp_path.iterdir() if ".db" not in p.name] == []
    empty = tmp_path / "empty.annotator.db"
    with open_project(empty) as project:
        project.import_texts(["Nothing labelled here."])
        with pytest.raises(UserError, match="no adjudicated"):
            release(project, tmp_path / "none", tokenizer=simple_tokens)
    assert not (tmp_path / "none").exists()


def test_workers_started_while_planning_are_gone_when_the_release_is_refused(tmp_path: Path) -> None:
    """`release` starts its worker processes before it plans; a plan with nothing to release stops them."""
    assert multiprocessing.active_children() == []
    with open_project(tmp_path / "empty.annotator.db") as project:
        project.import_texts(["Nothing labelled here."])
        with pytest.raises(UserError, match="no adjudicated") as refused:
            release(project, tmp_path / "none", workers=2)
    # Checked while the traceback (and so the release's frames) is alive: the processes are stopped,
    # not left to the pool's garbage collection.
    assert multiprocessing.active_children() == [], refused.traceback
    assert not (tmp_path / "none").exists()


def test_plan_reports_splits_without_writing(project_path: Path) -> None:
    with open_project(project_path, create=False) as project:
        plan = plan_release(project, ReleaseOptions(labels="gold", split=(0.5, 0.25, 0.25)))
        with pytest.raises(UserError, match="add up to 1"):
            plan_release(project, ReleaseOptions(split=(0.5, 0.5, 0.5)))
    summaries = {s.name: s for s in plan.summaries()}
    assert sum(s.articles for s in summaries.values()) == 12
    assert sum(s.claims for s in summaries.values()) == 12
    assert summaries["validation"].articles == summaries["test"].articles == 3


@pytest.mark.parametrize(("count", "said"), [(1, "1 article"), (2, "2 articles")])
def test_the_card_counts_articles_and_spans_in_the_number_it_reads(
    project_path: Path, count: int, said: str
) -> None:
    with open_project(project_path, create=False) as project:
        plan = plan_release(project, ReleaseOptions(labels="majority"))
    plan = dataclasses.replace(plan, majority_no_claim=count, articles_without_labels=count)
    text = release_card(
        plan,
        name="team",
        splits_present=SPLITS,
        pipelines={"blank:en 1+rules.x": count},
        licences=(),
        guidelines_sha256="0" * 64,
        guidelines_changed=False,
    )
    assert "(s)" not in text
    if count == 1:
        assert '1 span the majority voted "no claim" is not a claim here.' in text
        assert "1 article of the project carries no majority label and is not in the release." in text
    else:
        assert '2 spans the majority voted "no claim" are not claims here.' in text
        assert "2 articles of the project carry no majority label and are not in the release." in text
    assert f"- `blank:en 1+rules.x`: {said}\n" in text


@pytest.mark.model
def test_spacy_train_runs_one_step_on_the_released_docbins(project_path: Path, tmp_path: Path) -> None:
    """Marked `model`: spaCy trains a blank spancat pipeline for one step (a few seconds)."""
    out = tmp_path / "out"
    with open_project(project_path, create=False) as project:
        release(project, out, options=ReleaseOptions(labels="all", split=(0.6, 0.2, 0.2)))
    result = subprocess.run(
        [
            sys.executable, "-m", "spacy", "train", str(DATA / "spancat-tiny.cfg"),
            "--paths.train", str(out / "spacy" / "train.spacy"),
            "--paths.dev", str(out / "spacy" / "validation.spacy"),
            "--training.max_steps", "1", "--output", str(tmp_path / "model"),
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "model" / "model-last" / "meta.json").exists()


def test_datasets_loads_the_three_splits_with_the_counts_the_card_states(
    project_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datasets = pytest.importorskip("datasets")
    tqdm = pytest.importorskip("tqdm")
    monkeypatch.setattr(tqdm.tqdm, "monitor_interval", 0)  # its monitor thread would outlive the test
    datasets.disable_progress_bars()
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    out = tmp_path / "out"
    do_release(project_path, out, labels="all", split=(0.6, 0.2, 0.2))
    stated = card_table((out / "README.md").read_text("utf-8"))
    cache = str(tmp_path / "hf-cache")
    claims = datasets.load_dataset(str(out), cache_dir=cache)
    assert {name: claims[name].num_rows for name in claims} == {s: stated[s][1] for s in SPLITS}
    articles = datasets.load_dataset(str(out), "articles", cache_dir=cache)
    assert {name: articles[name].num_rows for name in articles} == {s: stated[s][0] for s in SPLITS}


def test_the_textcat_component_the_card_names_trains_on_the_sentences_docbin(
    project_path: Path, tmp_path: Path
) -> None:
    """The card named `textcat`, whose labels exclude each other; a sentence two annotators (or
    two claims) labelled differently carries two labels, so `spacy train` with it stopped at
    once (E895). The component the card names must take every sentence of the release."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    out = tmp_path / "rel"
    do_release(project_path, out, labels="all")
    card = (out / "README.md").read_text("utf-8")
    (row,) = [line for line in card.splitlines() if line.startswith("| `spacy/textcat_SPLIT.spacy`")]
    (component,) = re.findall(r"\((textcat\w*)\)", row)
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(out / "spacy" / "textcat_train.spacy").get_docs(nlp.vocab))
    assert any(sum(doc.cats.values()) > 1 for doc in docs)  # what the release must allow for
    nlp.add_pipe(component)
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in docs]
    nlp.initialize(lambda: examples)
    assert set(nlp.get_pipe(component).labels) == {"factual", "opinion", "questionable"}


def test_a_release_into_a_folder_of_the_longest_name_the_disk_takes(
    project_path: Path, tmp_path: Path
) -> None:
    """The release is written into a temporary folder beside it, whose name added 15 bytes: a
    folder name of 241 bytes or more, which the disk took, failed with "File name too long";
    so did replacing an earlier release there."""
    out = tmp_path / ("Набор данных о заявлениях министров " * 4)[:135]
    assert 245 < len(os.fsencode(out.name)) <= 255
    do_release(project_path, out, labels="all", seed=3)
    assert (out / "README.md").is_file()
    do_release(project_path, out, labels="all", seed=4, force=True)  # the earlier one set aside first
    assert (out / "README.md").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_card_is_not_dated_by_a_stamp_that_names_no_time(project_path: Path, tmp_path: Path) -> None:
    """As text, 'yesterday' sorted after every real stamp: the card said "labels as of yesterday"."""
    conn = sqlite3.connect(project_path, isolation_level=None)
    conn.execute("UPDATE claims SET updated_at = 'yesterday' WHERE id = (SELECT min(id) FROM claims)")
    conn.close()
    do_release(project_path, tmp_path / "out", labels="all")
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert re.search(r"labels as of \d{4}-\d{2}-\d{2} \(the newest label's date, in UTC\)", card), card


def test_the_card_says_its_date_is_the_utc_day(
    project_path: Path, tmp_path: Path, new_york_clock: str
) -> None:
    """The card dated labels by their UTC day without saying so: a team in New York whose last
    label was made at 9 in the evening read that its labels were as of the next day."""
    conn = sqlite3.connect(project_path, isolation_level=None)
    conn.execute("UPDATE claims SET created_at = '2024-05-07T01:00:00Z', updated_at = '2024-05-07T01:00:00Z'")
    conn.close()
    do_release(project_path, tmp_path / "out", labels="all")
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert "labels as of 2024-05-07 (the newest label's date, in UTC)." in card, card


@pytest.mark.parametrize("seed", [-1, -3, SEED_MAX + 1, 2**63, 1.5, "3", True, None])
def test_a_release_seed_out_of_its_range_is_refused_as_the_options_are_made(seed: object) -> None:
    """A script's seed of -3 made seed 3's split, and one above the dialog's box a release the
    window cannot repeat, while `--seed` refuses both; the options do too, in its words."""
    with pytest.raises(ValueError) as refused:
        ReleaseOptions(seed=seed)  # type: ignore[arg-type]
    assert str(refused.value) == f"seed must be {SEED_RANGE}, not {seed!r}"


@pytest.mark.parametrize("seed", [0, 3, SEED_MAX])
def test_a_release_seed_inside_its_range_is_taken(seed: int) -> None:
    assert ReleaseOptions(seed=seed).seed == seed


HOSTILE_TITLES = (
    "C# 10 <T> generics explained",
    "2*3*4 is not **bold**",
    "[Click](https://example.net/phish) for the story",
    "<img src=x onerror=alert(1)> AT&amp;T",
    "a\\|b and ~~struck~~ `tick",
)


def test_sources_show_hostile_titles_sources_and_licences_as_written(tmp_path: Path) -> None:
    """SOURCES.md is Markdown that GitHub and Hugging Face render: a title, source or licence
    from an imported file is text there, never markup. `<T>` vanished as an HTML tag, `*`
    made italics, a title `[Click](https://...)` planted a link in the published card."""
    import markdown_it

    drafts = [
        ArticleDraft(
            text=f"Article {n} says this. It says more.",
            title=title,
            source=f"*Wire* <{n}>",
            meta={"url": f"https://example.com/{n}_a_b?x=1&y=[2]", "licence": f"CC-BY-4.0 <{n}> *x*"},
        )
        for n, title in enumerate(HOSTILE_TITLES)
    ]
    with open_project(tmp_path / "p.annotator.db") as project:
        project.import_drafts(drafts)
        for article in project.articles():
            project.add_claim(article.id, 0, 10, "factual", annotator="ann")
    out = tmp_path / "out"
    do_release(tmp_path / "p.annotator.db", out, labels="all")
    rendered = (
        markdown_it.MarkdownIt("commonmark")
        .enable("table")
        .enable("strikethrough")
        .render((out / "SOURCES.md").read_text("utf-8"))
    )
    rows = re.findall(r"<tr>\n<td[^>]*>(\d+)</td>\n<td>\w+</td>\n(.*?)</tr>", rendered, flags=re.DOTALL)
    assert len(rows) == len(HOSTILE_TITLES)
    for article_id, cells in rows:
        n = int(article_id) - 1
        title, source, url, licence = re.findall(r"<td>(.*?)</td>", cells)
        shown = [html.unescape(cell) for cell in (title, source)]
        assert shown == [HOSTILE_TITLES[n], f"*Wire* <{n}>"]  # text, every character as written
        assert "<" not in title + source + licence.replace("&lt;", "")  # no tag of any kind
        assert url == f"https://example.com/{n}_a_b?x=1&amp;y=[2]"
    card = (out / "README.md").read_text("utf-8")
    assert "- CC-BY-4.0 \\<0\\> \\*x\\*" in card


@pytest.mark.parametrize(
    ("file_name", "name"),
    [
        ("team (saved 2024-05-06 10.30).annotator.db", "team (saved 2024-05-06 10.30)"),
        ("claims v1.2.db", "claims v1.2"),
        ("news.SQLITE", "news"),
        ("team.annotator.db", "team"),
    ],
)
def test_the_card_is_named_after_the_whole_project_name(
    project_path: Path, tmp_path: Path, file_name: str, name: str
) -> None:
    """Without --name, the card takes the project's name less its ending: cut at its first dot,
    a project the app itself saved as "team (saved 2024-05-06 10.30)" was released as
    "team (saved 2024-05-06 10"."""
    renamed = project_path.rename(tmp_path / file_name)
    do_release(renamed, tmp_path / "out", labels="majority")
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert f"pretty_name: {json.dumps(name)}" in card and f"\n# {name}\n" in card


def test_articles_not_pre_annotated_yet_are_named_on_the_card_and_in_the_summary(
    project_path: Path, tmp_path: Path
) -> None:
    """Released while pre-annotation was still under way, some articles carry no entities: their
    DocBins mark every token outside an entity and their lines have none, and neither the card
    (which listed only the pipeline's 20 articles of 22) nor the summary said so, as an export's does."""
    with open_project(project_path, create=False) as project:
        texts = ("Prices rose by ten percent in Paris. Anna Schmidt said so.", "Rain fell on Lyon all week.")
        for article_id, text in zip(
            project.import_drafts(
                [ArticleDraft(text=t, title=f"new {n}") for n, t in enumerate(texts)]
            ).added,
            texts,
            strict=True,
        ):
            project.add_claim(article_id, 0, text.index(".") + 1, "factual", annotator="alice")
        with_annotations = list(project.iter_annotated())
    assert sum(item.pipeline is None for item in with_annotations) == 2
    out = tmp_path / "out"
    with open_project(project_path, create=False) as project:
        result = release(project, out, options=ReleaseOptions(labels="all"), tokenizer=simple_tokens)
    card = (out / "README.md").read_text("utf-8")
    pre_annotation = card.split("## Pre-annotation", 1)[1].split("## Guidelines", 1)[0]
    assert "- `hand-made 1+rules0`: 20 articles" in pre_annotation
    assert "2 articles were not pre-annotated yet" in pre_annotation
    assert any("2 articles are not pre-annotated yet" in note for note in result.notes)
    assert "2 articles are not pre-annotated yet" in result.summary()


def test_pseudonymise_replaces_the_annotator_s_name_a_one_person_project_is_named_after(
    tmp_path: Path,
) -> None:
    """Annotators' projects are named after them (`annotator merge TEAM.db alice.db bob.db`), and
    the card is named after the project: alice.db released with pseudonyms was titled "alice"."""
    path = tmp_path / "alice.db"
    text = "Prices rose by ten percent. The minister says this is fine."
    with open_project(path) as project:
        (article_id,) = project.import_drafts([ArticleDraft(text=text, title="Prices")]).added
        project.add_claim(article_id, 0, text.index(".") + 1, "factual", annotator="alice")
    do_release(path, tmp_path / "out", labels="all", pseudonymise=True)
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert 'pretty_name: "annotator-1"' in card and "\n# annotator-1\n" in card
    do_release(path, tmp_path / "named", labels="all", pseudonymise=True, name="Claims labelled by Alice")
    card = (tmp_path / "named" / "README.md").read_text("utf-8")
    assert 'pretty_name: "Claims labelled by annotator-1"' in card
    for folder in ("out", "named"):
        for name, data in files_of(tmp_path / folder).items():
            if name.endswith(".spacy"):
                data = zlib.decompress(data)
            assert "alice" not in data.decode("utf-8", errors="replace").lower(), f"alice in {folder}/{name}"


def test_a_card_of_one_article_and_one_claim_counts_them_in_the_singular(tmp_path: Path) -> None:
    """A release of one agreed claim opened its card with "1 articles, 1 claims." and rested its
    agreement on "the 1 released articles"."""
    path = tmp_path / "team.db"
    text = "Prices rose by ten percent 😀. 東京の物価は上がった。"
    with open_project(path) as project:
        (article_id,) = project.import_drafts([ArticleDraft(text=text, title="Prices")]).added
        for name in ("alice", "bob"):
            project.add_claim(article_id, 0, text.index(".") + 1, "factual", annotator=name)
    do_release(path, tmp_path / "out", labels="majority")
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert "1 article, 1 claim.\n" in card, card
    assert "over the 1 released article." in card, card
    assert "1 articles" not in card and "1 claims" not in card, card
    assert len(jsonl(tmp_path / "out" / "claims" / "train.jsonl")) == 1


def test_the_card_of_every_annotator_s_claims_says_an_article_left_out_carries_no_label(
    tmp_path: Path,
) -> None:
    """Released with `--labels all`, the card said an unlabelled article "carries no all label"."""
    path = tmp_path / "team.db"
    texts = ("Prices rose by ten percent. The minister says this is fine.", "Nobody labelled this one.")
    with open_project(path) as project:
        first, _ = project.import_drafts(
            [ArticleDraft(text=t, title=f"A{n}") for n, t in enumerate(texts)]
        ).added
        project.add_claim(first, 0, texts[0].index(".") + 1, "factual", annotator="alice")
        project.add_claim(first, 0, texts[0].index(".") + 1, "opinion", annotator="bob")
    do_release(path, tmp_path / "out", labels="all")
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert "\n1 article of the project carries no label and is not in the release.\n" in card, card
    assert "no all label" not in card


def test_the_card_shows_a_dataset_name_with_markup_and_line_breaks_as_one_plain_line(
    project_path: Path, tmp_path: Path
) -> None:
    """A name given with a line break broke the card's heading ("---" under it became a rule and
    what followed a paragraph), and `<draft>` vanished from it as an HTML tag where it is shown."""
    do_release(project_path, tmp_path / "out", labels="all", name="Claims <draft>\n---\n*v2*")
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert "\n# Claims \\<draft\\> --- \\*v2\\*\n" in card, card
    assert 'pretty_name: "Claims <draft> --- *v2*"\n' in card, card
    assert card.count("\n---\n") == 1  # the header's end; its start is the file's first line


def test_the_card_counts_the_articles_whose_licence_was_never_recorded(tmp_path: Path) -> None:
    """With one article's licence recorded, the card listed "CC BY 4.0" alone, and a reader took
    it for the licence of every article, the one whose terms nobody recorded among them."""
    path = tmp_path / "team.db"
    texts = ("Prices rose by ten percent. Fine.", "Rain fell all week 🌧️. Wet.", "東京の物価は上がった。 Yes.")
    drafts = [
        ArticleDraft(text=t, title=f"A{n}", meta={"licence": "CC BY 4.0"} if n == 0 else {})
        for n, t in enumerate(texts)
    ]
    with open_project(path) as project:
        for article_id, text in zip(project.import_drafts(drafts).added, texts, strict=True):
            project.add_claim(article_id, 0, text.index(" ") + 3, "factual", annotator="alice")
    do_release(path, tmp_path / "out", labels="all")
    card = (tmp_path / "out" / "README.md").read_text("utf-8")
    assert "Licences recorded:\n\n- CC BY 4.0\n- none recorded: 2 articles (see `SOURCES.md`)\n" in card, card
    sources = (tmp_path / "out" / "SOURCES.md").read_text("utf-8")
    assert sum(1 for line in sources.splitlines() if line.startswith("| ") and line.endswith("|  |")) == 2
