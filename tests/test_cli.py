"""The command line as a user runs it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from annotator import open_project
from annotator.cli import main
from annotator.core.model import Claim, ClaimLabel
from annotator.services.project import store_of

WIKINEWS = sorted((Path(__file__).parent / "data" / "wikinews").glob("*.txt"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_twice_adds_no_duplicates_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    files = [str(p) for p in WIKINEWS]
    code, out, _ = run(capsys, "import", str(project), *files, "--no-nlp")
    assert code == 0
    assert f"imported {len(files)} articles" in out
    code, out, _ = run(capsys, "import", str(project), *files, "--no-nlp")
    assert code == 0
    assert f"imported 0 articles from {len(files)} files; {len(files)} duplicates skipped" in out
    code, out, _ = run(capsys, "stats", str(project), "--json")
    assert code == 0
    assert json.loads(out)["articles"] == len(files)


def test_export_writes_jsonl_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        text = proj.article(article_id).text
        proj.add_claim(article_id, 0, 6, "opinion", annotator="ana")
    out_file = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "export", str(project), "-o", str(out_file))
    assert code == 0 and "exported 1 claim from" in out
    (task,) = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    assert task["text"] == text
    assert [(s["start"], s["end"], s["label"]) for s in task["spans"]] == [(0, 6, "opinion")]
    code, _, err = run(capsys, "export", str(project), "-o", str(out_file))
    assert code == 1 and "--force" in err and err.count("\n") == 1


@pytest.mark.parametrize(("fmt", "extra"), [("jsonl", ()), ("doccano", ("--annotator", "ana"))])
def test_a_projects_export_with_a_claim_of_white_space_alone_imports_into_a_new_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, extra: tuple[str, ...]
) -> None:
    """A project kept a claim of white space alone from before the import refused them (the
    gap between two sentences, selected in doccano). Its jsonl or doccano export wrote it, and
    importing that file into a new project refused the article's whole line ("covers only white
    space"): the project's own export could not be moved. The export leaves it out, says so,
    and the new project holds every other claim as the first did."""
    text = "Prices rose 5% in 2023.\tSales fell 😀 sharply.  The end."
    project = tmp_path / "p.db"
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"text": text, "title": "Gaps"}) + "\n", encoding="utf-8")
    run(capsys, "import", str(project), str(source), "--no-nlp")
    gap, tab = text.index("  "), text.index("\t")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 23, "factual", annotator="ana", note='he said "no", twice')
        proj.add_claim(article_id, tab + 1, gap, "opinion", annotator="ana")
        store = store_of(proj)
        with store.transaction():
            for start, end in ((gap, gap + 2), (tab, tab + 1)):
                store.insert_claim(Claim(article_id, start, end, ClaimLabel.QUESTIONABLE, "ana"))
    out_file = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "export", str(project), "-o", str(out_file), "--format", fmt, *extra)
    assert (code, err) == (0, "")
    assert "exported 2 claims from 1 article" in out
    assert "2 claims of white space alone were left out of the file, as an import refuses them" in out
    assert "(first: article 1 'Gaps')" in out
    copy = tmp_path / "copy.db"
    code, out, err = run(capsys, "import", str(copy), str(out_file), "--no-nlp")
    assert (code, err) == (0, "") and "imported 1 article" in out
    with open_project(copy) as new:
        (copied,) = new.article_ids()
        assert new.article(copied).text == text
        claims = sorted((c.start, c.end, c.label.value, text[c.start : c.end]) for c in new.claims(copied))
    assert claims == [
        (0, 23, "factual", "Prices rose 5% in 2023."),
        (tab + 1, gap, "opinion", "Sales fell 😀 sharply."),
    ]


def test_an_article_imported_with_claims_starts_in_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window starts an article at its first claim; an imported one that came with claims
    started as new, so the New filter and `export --status new` took in labelled articles."""
    source = tmp_path / "a.jsonl"
    lines = [
        {"text": "Prices rose 5% in 2023.", "spans": [{"start": 0, "end": 23, "label": "opinion"}]},
        {"text": "Nobody has labelled this article yet."},
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    project = tmp_path / "p.db"
    code, out, err = run(capsys, "import", str(project), str(source), "--no-nlp")
    assert (code, err) == (0, "") and "imported 2 articles" in out
    with open_project(project) as proj:
        assert [(a.claim_count, a.status.value) for a in proj.articles()] == [(1, "in_progress"), (0, "new")]
    out_file = tmp_path / "new.jsonl"
    code, out, err = run(capsys, "export", str(project), "-o", str(out_file), "--status", "new")
    assert (code, err) == (0, "")
    exported = [json.loads(line)["text"] for line in out_file.read_text("utf-8").splitlines()]
    assert exported == ["Nobody has labelled this article yet."]
    code, out, _ = run(capsys, "stats", str(project))
    assert code == 0 and "(0 done, 1 in progress)" in out


def _done_in_progress_done_new(tmp_path: Path, capsys: pytest.CaptureFixture[str], texts: list[str]) -> Path:
    """A project of four `texts`: done with a claim, in progress, done without a claim (read and
    found to hold none), and new."""
    source = tmp_path / "a.jsonl"
    source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(source), "--no-nlp")
    with open_project(project) as proj:
        first, second, third, _fourth = proj.article_ids()
        proj.add_claim(first, 0, 6, "factual", annotator="ana")
        proj.set_status(first, "done")
        proj.add_claim(second, 0, 5, "opinion", annotator="ana")
        proj.set_status(third, "done")
    return project


def test_done_and_in_progress_come_through_a_jsonl_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The jsonl export carried no status, so a project's done articles came into a new one as
    new (or in progress): the work of checking them was lost in the move. The export writes it
    in the line's meta and the import gives it back; a value that is no status is refused."""
    texts = ["Prices rose 5% in 2023.", "Sales fell sharply.", "Nothing was labelled here.", "Rain fell."]
    project = _done_in_progress_done_new(tmp_path, capsys, texts)
    out_file = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "export", str(project), "-o", str(out_file))
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    assert [line["meta"]["article_status"] for line in lines] == ["done", "in_progress", "done", "new"]
    copy = tmp_path / "copy.db"
    code, out, err = run(capsys, "import", str(copy), str(out_file), "--no-nlp")
    assert (code, err) == (0, "") and "imported 4 articles" in out
    with open_project(copy) as new:
        statuses = {new.article(i).text: new.article(i).status.value for i in new.article_ids()}
        assert all("article_status" not in new.article(i).meta for i in new.article_ids())
    assert statuses == dict(zip(texts, ["done", "in_progress", "done", "new"], strict=True))
    lines[3]["meta"]["article_status"] = "finished"
    out_file.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    code, _, err = run(capsys, "import", str(tmp_path / "third.db"), str(out_file), "--no-nlp")
    assert code == 1 and f"{out_file.name}:4: meta.article_status is 'finished', which is no status" in err
    assert "give one of new, in_progress, done" in err and not (tmp_path / "third.db").exists()


def test_done_articles_stay_done_through_doccano_and_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The doccano export carried no status, so a project sent to doccano and imported back
    had its done articles in progress, and a done one without claims new. The line's meta
    holds it, which doccano keeps and writes back beside its own `id` and `Comments`."""
    texts = ["Prices rose 5% in 2023 🎉.", "Sales fell sharply.", "Nothing was labelled here.", "Rain fell."]
    project = _done_in_progress_done_new(tmp_path, capsys, texts)
    out_file = tmp_path / "out.doccano.jsonl"
    code, _, err = run(capsys, "export", str(project), "-o", str(out_file), "--format", "doccano")
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    assert [line["meta"]["article_status"] for line in lines] == ["done", "in_progress", "done", "new"]
    # As doccano exports the project it was imported into: its own id first, the line's other
    # keys as they came, the labels, and its comments.
    doccano_lines = [
        {"id": 40 + n, "text": line["text"], "meta": line["meta"], "label": line["label"], "Comments": []}
        for n, line in enumerate(lines)
    ]
    edited = tmp_path / "from-doccano.jsonl"
    edited.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in doccano_lines), "utf-8")
    copy = tmp_path / "copy.db"
    code, out, err = run(capsys, "import", str(copy), str(edited), "--no-nlp")
    assert (code, err) == (0, "") and "imported 4 articles" in out
    with open_project(copy) as new:
        statuses = {new.article(i).text: new.article(i).status.value for i in new.article_ids()}
        claims = {new.article(i).text: [(c.start, c.end, c.label.value) for c in new.claims(i)]
                  for i in new.article_ids()}  # fmt: skip
        assert all("article_status" not in new.article(i).meta for i in new.article_ids())
    assert statuses == dict(zip(texts, ["done", "in_progress", "done", "new"], strict=True))
    assert claims[texts[0]] == [(0, 6, "factual")] and claims[texts[1]] == [(0, 5, "opinion")]


def test_user_errors_are_one_line_with_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "stats", str(tmp_path / "missing.db"))
    assert (code, out) == (1, "")
    assert err.startswith(f"annotator: {tmp_path / 'missing.db'}: does not exist; ") and err.count("\n") == 1
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    code, _, err = run(capsys, "stats", str(notes))
    assert code == 1 and "not an SQLite file" in err and "Traceback" not in err
    assert notes.read_text() == "not a database"


def test_a_rejected_first_import_leaves_no_project_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{broken\n', encoding="utf-8")
    project = tmp_path / "new.db"
    code, _, err = run(capsys, "import", str(project), str(bad), "--no-nlp")
    assert code == 1
    assert f"{bad}:2: invalid JSON" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]


def test_a_rejected_import_leaves_an_existing_project_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"title": "no text"}\n', encoding="utf-8")
    code, _, err = run(capsys, "import", str(project), str(bad), "--no-nlp")
    assert code == 1 and "missing 'text'" in err
    with open_project(project) as proj:
        assert proj.article_count() == 1


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["import"])
    assert exc.value.code == 2
    assert "required" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    ["open", "import", "export", "release", "backup", "stats", "annotate", "merge", "agreement", "train"],
)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert f"usage: annotator {command}" in capsys.readouterr().out


def _readme_command_lines() -> list[str]:
    """The lines of the README's shell blocks that run annotator, and its synopses in backticks."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    # The Command line block's, and the installed package's under "Installing without Python".
    lines = [
        line.split("#", 1)[0].strip()
        for block in readme.split("```sh")[1:]
        for line in block.split("```", 1)[0].splitlines()
        if line.startswith("annotator")
    ]
    lines += [line for line in readme.split("`") if line.startswith("annotator ")]
    return lines


def test_every_option_the_readme_shows_is_in_its_command_s_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`annotator train --eval-file` in the README and `--eval` in the code would send a user to
    an error; every option the README writes after a command is one its --help lists."""
    missing = []
    for line in _readme_command_lines():
        words = line.split()
        command = words[1] if len(words) > 1 and not words[1].startswith("-") else None
        window = command is None or command.isupper() or "." in command  # `annotator X.db`
        args = ["--help"] if window else [command, "--help"]
        with pytest.raises(SystemExit):
            main(args)
        usage = capsys.readouterr().out
        for option in {w.strip("[]|.,").split("=")[0] for w in words if w.lstrip("[").startswith("--")}:
            if not re.search(rf"{re.escape(option)}(?![\w-])", usage):
                missing.append(f"{line}: {option}")
    assert missing == []


def test_every_command_and_option_value_the_readme_shows_is_one_its_command_takes() -> None:
    """`--format jsonl|claims-jsonl|...`, `--labels gold|majority|all`, `--pipeline en_core_web_md`,
    `--split 0.8/0.1/0.1`: a value the code no longer takes would be a usage error for whoever
    copies it, and the option test above only sees that the option is there. A placeholder
    (`NAME`, `FILE`, `N`) stands for the reader's own value and is not checked."""
    from annotator.cli import _build_parsers

    _, commands = _build_parsers()
    refused = []
    for line in _readme_command_lines():
        words = [w.strip("[],") for w in line.split()[1:]]
        command = words[0] if words and words[0].isalpha() and words[0].islower() else None
        if command is not None and command not in commands:
            if len(words) > 1 and words[1].isalpha() and words[1].islower():
                continue  # a sentence annotator prints ("annotator needs these system packages")
            refused.append(f"{line}: no command {command!r}")
            continue
        parser = commands[command or "open"]
        for option, value in itertools.zip_longest(words, words[1:], fillvalue=""):
            action = parser._option_string_actions.get(option)
            if action is None or action.nargs == 0 or not value or value.startswith("-"):
                continue
            if value.isupper():  # a placeholder
                continue
            for alternative in value.split("|"):
                if action.choices is not None and alternative not in action.choices:
                    refused.append(f"{line}: {option} {alternative} (takes {', '.join(action.choices)})")
                elif action.type is not None and callable(action.type):
                    try:
                        action.type(alternative)
                    except Exception as exc:  # argparse's refusal, whatever the type raises
                        refused.append(f"{line}: {option} {alternative} ({exc})")
    assert refused == []


def test_top_level_help_lists_the_window_options(capsys: pytest.CaptureFixture[str]) -> None:
    # The README tells a new user to run `annotator --sample` and `annotator --self-test`.
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in ("--sample", "--self-test", "--screenshot FILE", "COMMAND"):
        assert option in out


def test_one_missing_file_is_one_line_without_skip_bad_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "import", str(tmp_path / "p.db"), str(missing), "--no-nlp")
    assert (code, out) == (1, "")
    assert err == f"annotator: nothing was imported: {missing}: does not exist; check the path\n"
    assert list(tmp_path.iterdir()) == []


def test_only_bad_files_get_no_skip_bad_advice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # --skip-bad imports "the rest": offering it when every file is bad sends the user nowhere.
    (tmp_path / "a.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    code, _, err = run(
        capsys, "import", str(tmp_path / "p.db"), str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    )
    assert code == 1
    assert "2 files or lines cannot be read" in err
    assert "--skip-bad" not in err


def test_a_bug_gives_exit_3_and_goes_to_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.services import paths
    from annotator.services.project import Project

    def broken(self: Project) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(Project, "stats", broken)
    run(capsys, "import", str(tmp_path / "p.db"), str(WIKINEWS[0]), "--no-nlp")
    code, _, err = run(capsys, "stats", str(tmp_path / "p.db"))
    assert code == 3
    assert err == f"annotator: internal error (details in {paths.log_file()}); please report it\n"
    assert "ZeroDivisionError: simulated bug" in paths.log_file().read_text("utf-8")


def test_a_bug_when_no_log_can_be_written_says_why_instead_of_naming_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With logging off, the line said only "internal error": nothing in it told the person
    that the details they would be asked for were nowhere, or why."""
    from annotator.services import paths
    from annotator.services.project import Project

    def broken(self: Project) -> None:
        raise ZeroDivisionError("simulated bug")

    run(capsys, "import", str(tmp_path / "p.db"), str(WIKINEWS[0]), "--no-nlp")
    monkeypatch.setenv("ANNOTATOR_HOME", str(tmp_path / "home"))
    paths.log_dir().parent.mkdir()
    paths.log_dir().write_text("")  # a file where the log folder should be
    monkeypatch.setattr(Project, "stats", broken)
    code, _, err = run(capsys, "stats", str(tmp_path / "p.db"))
    assert code == 3
    assert err == (
        f"annotator: internal error (no log could be written: {paths.log_dir()} is a file, not a folder); "
        "please report it\n"
    )


def _trained_project(path: Path) -> Path:
    """NewsSD sentences (tests/data/ATTRIBUTION.md) with a trained model, so suggestions exist."""
    from annotator.services.suggestions import TrainOptions, train_claim_model
    from tests.data.subjectivity import newssd

    with open_project(path) as project:
        project.import_drafts(newssd.drafts(newssd.read_rows()[:300]))
        newssd.add_candidates(project)
        train_claim_model(project, options=TrainOptions())
    return path


def _new_article_suggestions(
    path: Path, article_id: int
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    from annotator.store.suggestions import suggestions

    with open_project(path) as project:
        candidates = {(c.start, c.end) for c in project.candidates(article_id)}
        suggested = {(s.start, s.end) for s in suggestions(store_of(project), article_id)}
    return candidates, suggested


def _keys(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(k) for k in value] + [k for v in value.values() for k in _keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


@pytest.mark.model
def test_import_after_training_suggests_labels_for_the_new_candidates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _trained_project(tmp_path / "p.db")
    code, out, _ = run(capsys, "import", str(project), str(WIKINEWS[0]))
    assert code == 0 and "suggested labels for" in out
    with open_project(project) as proj:
        (new_id,) = [i for i in proj.article_ids() if not proj.claims(i)]
    candidates, suggested = _new_article_suggestions(project, new_id)
    assert candidates and suggested == candidates
    # Suggestions are never exported: the new article goes out without a single span.
    out_path = tmp_path / "out.jsonl"
    assert run(capsys, "export", str(project), "-o", str(out_path))[0] == 0
    records = [json.loads(line) for line in out_path.read_text("utf-8").splitlines()]
    assert not any("suggest" in key or "confidence" in key for r in records for key in _keys(r))
    with open_project(project) as proj:
        new_text = proj.article(new_id).text
        assert sum(len(r.get("spans", [])) for r in records) == len(proj.claims())
    (new_record,) = [r for r in records if r["text"] == new_text]
    assert new_record.get("spans", []) == []


@pytest.mark.model
def test_annotate_after_training_suggests_labels_for_the_new_candidates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _trained_project(tmp_path / "p.db")
    assert run(capsys, "import", str(project), str(WIKINEWS[1]), "--no-nlp")[0] == 0
    with open_project(project) as proj:
        (new_id,) = [i for i in proj.article_ids() if not proj.claims(i)]
    assert _new_article_suggestions(project, new_id) == (set(), set())
    code, out, _ = run(capsys, "annotate", str(project))
    assert code == 0 and "suggested labels for" in out
    candidates, suggested = _new_article_suggestions(project, new_id)
    assert candidates and suggested == candidates


def test_annotate_pipeline_chooses_the_projects_pipeline_or_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.services.preannotate import chosen_pipeline
    from tests.services.test_pipeline_choice import medium_missing

    medium_missing(monkeypatch)
    project = tmp_path / "p.db"
    open_project(project).close()
    code, out, err = run(capsys, "annotate", str(project), "--pipeline", "en_core_web_md")
    assert code != 0 and out == ""
    assert "en_core_web_md is not installed on this machine" in err and "Traceback" not in err
    code, out, _ = run(capsys, "annotate", str(project), "--pipeline", "en_core_web_sm")
    assert code == 0
    assert (
        out.splitlines()[0] == "this project now pre-annotates with the small English pipeline (the default)"
    )
    with open_project(project) as opened:
        assert chosen_pipeline(opened) == "en_core_web_sm"


def test_annotate_brings_articles_pre_annotated_earlier_up_to_the_entity_decisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.services.test_entity_decisions_carry import rules_project_decided_after_pre_annotation

    project = rules_project_decided_after_pre_annotation(tmp_path / "p.db")
    code, out, _ = run(capsys, "annotate", str(project))
    assert code == 0
    assert out.strip() == "your team's entity decisions: 2 suggestions left out, 1 added in 1 article"
    assert run(capsys, "annotate", str(project))[1].startswith("pre-annotated 0 articles")


def test_stats_say_how_often_preannotation_was_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.services.test_preannotation_checks import _check_the_quotations
    from tests.services.test_quote_correction import _store

    with _store(tmp_path / "p.db") as store:
        _check_the_quotations(store)
    code, out, _ = run(capsys, "stats", str(tmp_path / "p.db"))
    assert code == 0
    assert "pre-annotation, as people checked it (right / checked; added by hand):" in out
    assert "  Speakers               0.000  (0 / 2)" in out.splitlines()
    assert "  Quotations found       0.667  (2 / 3; 1 added)" in out.splitlines()
    code, out, _ = run(capsys, "stats", str(tmp_path / "p.db"), "--json")
    lines = {line["what"]: line for line in json.loads(out)["preannotation_checked"]}
    assert lines["Quotations found"] == {
        "what": "Quotations found",
        "checked": 3,
        "right": 2,
        "added": 1,
        "unchecked": 0,
    }


def test_backup_copies_what_is_committed_while_another_writer_is_mid_transaction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 6, "opinion", annotator="ana")
        store = store_of(proj)
        store.conn.execute("BEGIN IMMEDIATE")  # the window, half-way through saving a label
        store.conn.execute("UPDATE claims SET label = 'factual'")
        code, out, err = run(capsys, "backup", str(project), str(tmp_path / "copy.db"))
        store.conn.execute("COMMIT")
    assert (code, err) == (0, "") and out.startswith("copied ")
    with open_project(tmp_path / "copy.db", create=False) as copy:
        assert [c.label.value for c in copy.claims()] == ["opinion"]  # the committed state
    code, _out, err = run(capsys, "backup", str(project), str(project))
    assert code == 1 and "is the project file" in err
    code, _out, err = run(capsys, "backup", str(project), str(tmp_path / "copy.db"))
    assert code == 1 and "never overwritten" in err


def test_a_spacy_export_prints_how_many_claims_were_widened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        text = proj.article(article_id).text
        end = text.index(" ", 10)
        proj.add_claim(article_id, 0, end, "opinion", annotator="ana")
        proj.add_claim(article_id, 0, end - 1, "factual", annotator="bo")  # its last letter left out
    code, out, _ = run(capsys, "export", str(project), "-o", str(tmp_path / "corpus"), "--format", "spacy")
    assert code == 0 and "exported 2 claims" in out
    assert "1 claim started or ended inside a word and was widened to whole words" in out
    assert f"{text[: end - 1]!r} exported as {text[:end]!r}" in out
    code, out, _ = run(
        capsys,
        "export",
        str(project),
        "-o",
        str(tmp_path / "aligned"),
        "--format",
        "spacy",
        "--annotator",
        "ana",
    )
    assert code == 0 and "widened" not in out


def test_export_of_an_annotator_the_project_lacks_says_so_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped `--annotator` ("Ana" for "ana") wrote an empty file and exit 0, as if the
    person had labelled nothing: a data scientist found out only when training on it."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 6, "opinion", annotator="ana")
        proj.add_claim(article_id, 0, 6, "factual", annotator="bob")
    out_file = tmp_path / "ana.csv"
    code, out, err = run(
        capsys,
        "export",
        str(project),
        "-o",
        str(out_file),
        "--format",
        "csv",
        "--annotator",
        "ana",
        "--annotator",
        "Ana",
    )
    assert (code, out) == (1, "")
    assert err == "annotator: --annotator: no annotator 'Ana' in this project; its annotators are ana, bob\n"
    assert not out_file.exists()
    code, out, _ = run(
        capsys, "export", str(project), "-o", str(out_file), "--format", "csv", "--annotator", "ana"
    )
    assert code == 0 and "exported 1 claim from" in out


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "{p}", "-o", "-", "--format", "claims-jsonl"),
        ("stats", "{p}", "--html", "-"),
        ("release", "{p}", "-", "--labels", "all"),
        ("backup", "{p}", "-"),
    ],
)
def test_a_dash_for_an_output_is_bad_usage_not_a_file_named_dash(
    argv: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o -` means standard output to anyone used to Unix tools (`... -o - | jq`); it wrote a
    file named `-` into the current folder instead, printed nothing and exited 0."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 6, "opinion", annotator="ana")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    with pytest.raises(SystemExit) as exc:
        main([part.format(p=project) for part in argv])
    assert exc.value.code == 2
    assert "'-' is not a file name: annotator writes files, not to standard output" in capsys.readouterr().err
    assert list(work.iterdir()) == []


def test_an_unknown_export_label_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--label fact` is a mistyped option, as `--status finished` is: exit 2 with the choices
    (it exited 1, which scripts read as a problem in the project, not in their own call)."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with pytest.raises(SystemExit) as exc:
        main(["export", str(project), "-o", str(tmp_path / "x.csv"), "--format", "csv", "--label", "fact"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "argument --label: invalid choice: 'fact' (choose from" in err and "factual" in err
    assert not (tmp_path / "x.csv").exists()


def test_an_annotator_name_the_project_holds_exports_however_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project saved before names were held to 100 characters may hold a longer one: its
    claims export with `--annotator` naming it, as any other name the project holds (argparse
    refused it as bad usage, so those claims could be exported only with everyone's)."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    older = "Ana Berg, Newsroom Verification Desk, " * 4  # 152 characters, as an old project kept it
    assert len(older) > 100
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 6, "opinion", annotator=older)
        proj.add_claim(article_id, 0, 6, "factual", annotator="bo")
    out_file = tmp_path / "x.jsonl"
    code, out, err = run(capsys, "export", str(project), "-o", str(out_file), "--annotator", older)
    assert (code, err) == (0, "") and "exported 1 claim from" in out
    (record,) = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [span["annotator"] for span in record["spans"]] == [older]


def test_an_export_says_how_to_import_a_name_over_the_window_s_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project saved before names were held to 100 characters may hold a longer one, which
    the jsonl export writes as it is; importing that file refused the article's line, so the
    project's own export could not move to a new project, and the export had said nothing. The
    import still refuses such a name (a hostile file's pasted page); the export says so and
    what to change in the file, and the file changed that way imports whole."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    older = "Ana Berg, Newsroom Verification Desk, " * 4  # 152 characters, as an old project kept it
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 6, "opinion", annotator=older)
        proj.add_claim(article_id, 0, 6, "factual", annotator="bo")
    out_file = tmp_path / "x.jsonl"
    code, out, err = run(capsys, "export", str(project), "-o", str(out_file))
    assert (code, err) == (0, "") and "exported 2 claims from 1 article" in out
    assert (
        "1 claim is by a name over 100 characters ('Ana Berg, Newsroom Verificatio…g, Newsroom "
        "Verification Desk,'), saved before names were held to that; an import of this file refuses "
        "the line that holds it: give that person a name of at most 100 characters in the file, "
        'alike in every span\'s "annotator", before importing it'
    ) in out
    code, _, err = run(capsys, "import", str(tmp_path / "refused.db"), str(out_file), "--no-nlp")
    assert code == 1 and "x.jsonl:1: spans[1].annotator is 151 characters long" in err
    out_file.write_text(out_file.read_text("utf-8").replace(older, "Ana Berg"), encoding="utf-8")
    code, out, err = run(capsys, "import", str(tmp_path / "copy.db"), str(out_file), "--no-nlp")
    assert (code, err) == (0, "") and "imported 1 article" in out
    with open_project(tmp_path / "copy.db") as new:
        (copied,) = new.article_ids()
        assert sorted((c.annotator, c.label.value) for c in new.claims(copied)) == [
            ("Ana Berg", "opinion"),
            ("bo", "factual"),
        ]


def test_an_unknown_annotator_name_over_the_window_s_limit_is_not_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A long `--annotator` value the project does not hold is a paste of something else: the
    export refuses it as any unknown name, in one line that does not echo the paste."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    longest = "a" * 100
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 6, "opinion", annotator=longest)
    out_file = tmp_path / "x.jsonl"
    code, _, err = run(capsys, "export", str(project), "-o", str(out_file), "--annotator", "b" * 101)
    assert code == 1 and "b" * 101 not in err and "Traceback" not in err
    assert err.strip() == (
        "annotator: --annotator: no annotator with the 101-character name given in this project; "
        f"its annotators are {longest}"
    )
    assert not out_file.exists()
    code, out, _ = run(capsys, "export", str(project), "-o", str(out_file), "--annotator", longest)
    assert code == 0 and "exported 1 claim from" in out
    code, _, err = run(
        capsys, "export", str(project), "-o", str(out_file), "--force", "--annotator", f" {longest} "
    )
    assert code == 1 and "no annotator" in err  # names are matched as the project holds them


def test_stats_name_gold_labels_and_no_claim_decisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Five review decisions, one of them "no claim", and four spans everyone agreed on: the
    dashboard says "Gold labels: 8 (4 decided in review, 4 everyone agreed on; and 1 'no claim'
    decision)", and `stats` must say the same, not list "gold" as an annotator and lose the
    "no claim" decision."""
    from annotator.services.adjudication import decide, review_items
    from annotator.services.merging import merge_files
    from tests.services.team_data import build_annotator_projects

    with open_project(tmp_path / "team.db") as team:
        merge_files(team, build_annotator_projects(tmp_path / "people"))
        items = review_items(team)[:5]
        assert len(items) == 5
        for item, label in zip(items, ("factual", "opinion", "factual", None, "questionable"), strict=True):
            decide(team, item, label, reviewer="dana")
    code, out, _ = run(capsys, "stats", str(tmp_path / "team.db"))
    assert code == 0
    lines = out.splitlines()
    assert "gold labels: 8 (4 decided in review, 4 everyone agreed on; and 1 'no claim' decision)" in lines
    assert not any(line.strip().startswith("by gold") for line in lines)
    code, out, _ = run(capsys, "stats", str(tmp_path / "team.db"), "--json")
    figures = json.loads(out)
    assert (figures["gold"], figures["gold_agreed"], figures["no_claim"]) == (4, 4, 1)


def test_stats_count_the_claims_people_made_as_the_dashboard_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three annotators' 41 claims and two review decisions: the dashboard reads "Claims: 41",
    and `stats` said "claims: 43", its labels adding up to 43 while its annotators added up to
    41, the two decided gold labels counted once as claims and again as gold labels."""
    from annotator.core.agreement import LABELS
    from annotator.services.adjudication import decide, review_items
    from annotator.services.merging import merge_files
    from annotator.services.statistics import team_stats
    from tests.services.team_data import build_annotator_projects

    with open_project(tmp_path / "team.db") as team:
        merge_files(team, build_annotator_projects(tmp_path / "people"))
        for item, label in zip(review_items(team)[:2], ("factual", "opinion"), strict=True):
            decide(team, item, label, reviewer="dana")
        shown = team_stats(team)
    labels = {label: sum(shown.labels[name][label] for name in shown.annotators) for label in LABELS}
    assert shown.claims == sum(labels.values()) == 41
    code, out, _ = run(capsys, "stats", str(tmp_path / "team.db"))
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert ["claims:", "41"] in lines
    assert {line[0]: int(line[1]) for line in lines if line and line[0] in LABELS} == labels
    people = [int(line[2]) for line in lines if line[:1] == ["by"]]
    assert sum(people) == 41
    assert "gold labels: 4 (2 decided in review, 2 everyone agreed on)" in out.splitlines()


def test_gold_with_an_annotator_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Gold labels are nobody's own claims, so `--gold --annotator alice` matched nothing: it
    wrote an empty file and exited 0, as if alice and bob had agreed on nothing."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 6, "opinion", annotator="alice")
        proj.add_claim(article_id, 0, 6, "opinion", annotator="bob")
    out_file = tmp_path / "x.jsonl"
    with pytest.raises(SystemExit) as exc:
        main(["export", str(project), "-o", str(out_file), "--gold", "--annotator", "alice"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    said = "annotator export: error: argument --annotator: not allowed with argument --gold"
    assert err.splitlines()[-1] == said
    assert not out_file.exists()
    code, out, _ = run(capsys, "export", str(project), "-o", str(out_file), "--gold")
    assert code == 0 and "exported 1 claim from" in out


def test_an_empty_gold_export_is_refused_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """alice and bob disagree and the reviewer decided "no claim": gold holds nothing. The
    export wrote an empty file (over yesterday's, with --force) and said "exported 0
    claim(s)", exit 0; a script fed the empty file to training. Refused as `release` refuses
    an empty gold release: exit 1, one line saying why, the old file kept."""
    from annotator.core.model import ClaimLabel
    from annotator.store.merge import set_gold

    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        proj.add_claim(article_id, 0, 6, "opinion", annotator="alice")
        proj.add_claim(article_id, 0, 6, "factual", annotator="bob")
    out_file = tmp_path / "gold.jsonl"
    code, out, err = run(capsys, "export", str(project), "-o", str(out_file), "--gold")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("annotator: no gold labels to export:")
    assert "no reviewer has given a label and no agreed span counts yet" in err
    assert "Review Disagreements" in err
    assert not out_file.exists()
    with open_project(project) as proj:
        set_gold(store_of(proj), article_id, 0, 6, ClaimLabel.OPINION, reviewer="dana")
    code, out, _ = run(capsys, "export", str(project), "-o", str(out_file), "--gold")
    assert code == 0 and "exported 1 claim from" in out
    with open_project(project) as proj:
        set_gold(store_of(proj), article_id, 0, 6, None, reviewer="dana")
    code, out, err = run(capsys, "export", str(project), "-o", str(out_file), "--gold", "--force")
    assert code == 1 and "no gold labels to export" in err
    assert json.loads(out_file.read_text("utf-8"))["spans"][0]["label"] == "opinion"  # kept


def test_commands_that_make_a_project_say_a_name_past_the_limit_is_too_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name of 248-255 bytes was made but not opened: "internal error ... please report it" for
    import and merge, and `backup` wrote a copy no command or window could open."""
    source = tmp_path / "p.db"
    assert run(capsys, "import", str(source), str(WIKINEWS[0]), "--no-nlp")[0] == 0
    long_name = "a" * 240 + ".annotator.db"  # 253 bytes
    for argv in (
        ("import", str(tmp_path / long_name), str(WIKINEWS[0]), "--no-nlp"),
        ("merge", str(tmp_path / long_name), str(source)),
        ("backup", str(source), str(tmp_path / long_name)),
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (1, ""), argv
        assert "the name is too long by 6 characters; shorten it" in err and err.count("\n") == 1, argv
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.db"]


def test_import_into_a_folder_past_the_path_limit_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.long_paths import deep_folder

    folder = deep_folder(tmp_path, 4100)
    code, _out, err = run(capsys, "import", f"{folder}/p.db", str(WIKINEWS[0]), "--no-nlp")
    assert code == 1 and "the folder's path is too long" in err and "Errno" not in err


def test_verbose_before_the_command_is_the_command_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`annotator -v stats p.db` was refused as the window's `unrecognized arguments: p.db`."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    code, out, err = run(capsys, "-v", "stats", str(project))
    assert (code, err) == (0, "")
    assert out.startswith("articles:  1 ")


def test_agreement_says_what_na_means(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two people who gave every span both marked the same label read "kappa n/a (n=0)" for the
    team, beside "F1 1.000": nothing said that kappa cannot tell such agreement from chance."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        for name in ("ana", "ben"):
            proj.add_claim(article_id, 0, 6, "factual", annotator=name)
            proj.add_claim(article_id, 10, 20, "factual", annotator=name)
    code, out, _ = run(capsys, "agreement", str(project))
    assert code == 0
    assert "kappa   n/a (n=0)" in out.splitlines()[1] and "F1 1.000 (n=4)" in out.splitlines()[1]
    said = " ".join(out.split())
    assert "n/a: nothing to work the figure out on (no article or span in common)" in said
    assert "one and the same label on every shared span, where chance alone would agree as much" in said


def test_a_name_with_a_right_to_left_override_stays_inside_its_own_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An override (U+202E) in an annotator's name ran on to the end of the line: `agreement`'s
    pair line showed its figures turned round, and the report's list of names the names after it
    and the gold total."""
    project = tmp_path / "p.db"
    run(capsys, "import", str(project), str(WIKINEWS[0]), "--no-nlp")
    rtl = "مريم\u202e evil"
    with open_project(project) as proj:
        (article_id,) = proj.article_ids()
        for name in (rtl, "😀 ana"):
            proj.add_claim(article_id, 0, 6, "factual", annotator=name)
    isolated = "\u2068مريم\u202e evil\u2069"
    code, out, _ = run(capsys, "agreement", str(project))
    assert code == 0
    assert out.splitlines()[0] == f"agreement (exact spans), annotators: {isolated}, 😀 ana"
    assert any(line.startswith(f"{isolated} vs 😀 ana ") for line in out.splitlines())
    report = tmp_path / "report.html"
    code, _, _ = run(capsys, "stats", str(project), "--html", str(report))
    assert code == 0
    assert f"by 2 annotators ({isolated}, 😀 ana); gold labels: " in report.read_text(encoding="utf-8")
