"""The README's examples and copies, checked against what they show.

The Scripting example asked for a claim one character past the end of its own sentence
(0..41 of 40 characters), so the first thing a person tried from Python stopped with a
SpanError traceback; the sample release's card was made again and the README kept the old one.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.model import ArticleDraft
from annotator.services.project import open_project

README = Path(__file__).resolve().parents[1] / "README.md"


def _scripting_example() -> str:
    section = README.read_text("utf-8").split("## Scripting", 1)[1]
    return section.split("```python", 1)[1].split("```", 1)[0]


def test_the_scripting_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # it opens "news.db" in the current folder
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(_scripting_example(), str(README), "exec"), {"__name__": "__readme__"})
    lines = printed.getvalue().splitlines()
    # One article with its one claim, then that claim relabelled as the example asks.
    assert lines[0].startswith("1 ") and lines[0].endswith(" in_progress 1")
    assert "label=<ClaimLabel.QUESTIONABLE: 'questionable'>" in lines[1] and "note='check CPI'" in lines[1]
    assert os.path.isfile(tmp_path / "news.db")


def test_the_readme_s_sample_card_is_the_released_one() -> None:
    """The README shows docs/sample-release/README.md, its headings two levels down to sit in
    the README's outline and without its title and Hugging Face front matter."""
    readme = README.read_text("utf-8")
    shown = readme.split("<summary>docs/sample-release/README.md</summary>", 1)[1].split("</details>", 1)[0]
    card = (README.parent / "docs" / "sample-release" / "README.md").read_text("utf-8")
    _, _front_matter, body = card.split("---\n", 2)
    lines = ["##" + line if line.startswith("## ") else line for line in body.splitlines()]
    expected = "\n".join(line for line in lines if not line.startswith("# ")).strip()
    assert shown.strip() == expected


def test_the_sample_release_s_checksums_hold() -> None:
    """`sha256sum -c SHA256SUMS` in docs/sample-release passes, as the card tells its readers to
    check: its README once changed by hand while its checksum stayed the old one."""
    import hashlib

    folder = README.parent / "docs" / "sample-release"
    listed = (folder / "SHA256SUMS").read_text("utf-8").splitlines()
    wrong = [
        name
        for digest, name in (line.split("  ", 1) for line in listed)
        if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest
    ]
    assert listed and wrong == []


def test_the_readme_lists_every_pipeline_a_project_may_name() -> None:
    """The security section names the pipeline packages a project's setting may load: a list
    shorter than `KNOWN_PIPELINES` (en_core_web_md came in later) understates what may run."""
    from annotator.nlp.packages import KNOWN_PIPELINES

    flat = " ".join(README.read_text("utf-8").split())
    listed = flat.split("(`KNOWN_PIPELINES` in `annotator/nlp/packages.py`:", 1)[1].split(")", 1)[0]
    assert [name.strip(" `") for name in listed.split(",")] == list(KNOWN_PIPELINES)


def test_every_make_target_the_readme_names_is_in_the_makefile() -> None:
    """`make run`, `make reliability`, `make install-test`, ...: a target renamed in the Makefile
    leaves a new user with "No rule to make target"."""
    import re

    makefile = (README.parent / "Makefile").read_text("utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"`make ([a-z][\w-]*)", README.read_text("utf-8")))
    assert {"run", "test", "reliability"} <= named
    assert named - targets == set()


def test_the_readme_says_where_agreement_per_article_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README said the terminal's table and the window showed agreement per article: only
    `agreement --json` has it, under `by_article` by article id, and a team lead looked for it
    in vain in the table. The README says where it is, and that place has it."""
    paragraph = README.read_text("utf-8").split("**Agreement.**", 1)[1].split("\n\n", 1)[0]
    said = " ".join(paragraph.split())
    assert "per article" not in said.split("`--json` adds")[0], said
    assert "`--json` adds the team's figures per article, under `by_article` by article id" in said
    with open_project(tmp_path / "p.db") as project:
        (article_id,) = project.import_drafts([ArticleDraft(text="Prices rose. Rents fell.")]).added
        for name in ("ana", "ben"):
            project.add_claim(article_id, 0, 12, "factual", annotator=name)
    assert main(["agreement", str(tmp_path / "p.db")]) == 0
    table = capsys.readouterr().out
    assert "per article" not in table and "by_article" not in table
    assert main(["agreement", str(tmp_path / "p.db"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["by_article"][str(article_id)]["f1"] == {"value": 1.0, "items": 2}


def test_the_readme_says_a_newer_version_of_a_claim_is_merged_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README said that where a person's label on a span differs, the team file keeps its
    value and lists a conflict; a lead who merged alice's file after she relabelled a claim read
    there that her correction stayed out, while the merge took it in. The README says the newer
    version goes in, and the merge does that."""
    import time

    from annotator.core.commands import UpdateClaim
    from annotator.core.model import ClaimLabel

    paragraph = README.read_text("utf-8").split("**Merge.**", 1)[1].split("\n\n", 1)[0]
    said = " ".join(paragraph.split())
    assert "newer version" in said, said
    assert "the same person's label or note on the same span) the team file keeps its value" not in said
    alice, team = tmp_path / "alice.db", tmp_path / "team.db"
    with open_project(alice) as project:
        (article_id,) = project.import_drafts([ArticleDraft(text="Prices rose. Rents fell.")]).added
        claim = project.add_claim(article_id, 0, 12, "factual", annotator="alice")
    assert main(["merge", str(team), str(alice)]) == 0
    time.sleep(0.01)  # her relabel is stamped later than the version the team file holds
    with open_project(alice) as project:
        project.execute(UpdateClaim(claim.id or 0, label=ClaimLabel.OPINION))
    capsys.readouterr()
    assert main(["merge", str(team), str(alice)]) == 0
    assert "1 claim updated to this file's newer version" in capsys.readouterr().out
    with open_project(team) as project:
        assert [c.label for c in project.claims()] == [ClaimLabel.OPINION]


def test_the_readme_says_what_an_import_leaves_out_and_what_it_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A team moving from doccano with labels "Fact" and "Claim", or from Label Studio with its
    JSON export, read in the README only which spans become claims and entities: not that spans
    of other labels are left out (the summary names them), nor that a Label Studio export is
    refused and what to give instead. The README says both, and the import does both."""
    section = README.read_text("utf-8").split("**Import**:", 1)[1].split("**Export**:", 1)[0]
    said = " ".join(section.split())
    assert "spans of any other label are left out, and the import's summary names their labels" in said
    assert "Label Studio" in said and "`.json`" in said
    doccano = tmp_path / "doccano.jsonl"
    doccano.write_text('{"text": "Prices rose in May. Rents fell.", "label": [[0, 19, "Fact"]]}\n', "utf-8")
    assert main(["import", str(tmp_path / "p.db"), str(doccano), "--no-nlp"]) == 0
    assert "label is none of factual, opinion, questionable nor an entity's: 'Fact' (1)" in (
        capsys.readouterr().out
    )
    label_studio = tmp_path / "export.json"
    label_studio.write_text('[{"id": 1, "data": {"text": "Prices rose."}, "annotations": []}]', "utf-8")
    assert main(["import", str(tmp_path / "p.db"), str(label_studio), "--no-nlp"]) == 1
    assert "is a Label Studio export" in capsys.readouterr().err


def test_the_readme_s_evaluation_files_are_read_as_it_says(tmp_path: Path) -> None:
    """A data scientist with a sample labelled in doccano or Prodigy read that an evaluation
    file is JSONL with `text` and `label`, and nothing of the exports those tools write: that
    doccano's list of one label is read, and that Prodigy's rejected answers are left out rather
    than counted as the label they turn down. The README says so, and the reader does it."""
    from annotator.core.model import ClaimLabel
    from annotator.formats.labelled import read_labelled

    said = " ".join(README.read_text("utf-8").split("## Label suggestions", 1)[1].split())
    assert "doccano's text classification export" in said and "rejected and ignored answers" in said
    sample = tmp_path / "sample.jsonl"
    lines = [
        {"text": "Prices rose by 5%.", "label": ["factual"]},  # doccano
        {"text": "The plan is a disgrace.", "accept": ["OPINION"], "answer": "accept"},  # Prodigy
        {"text": "Rents fell.", "label": "opinion", "answer": "reject"},  # not an opinion
    ]
    sample.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    read = [(s.text, s.label) for s in read_labelled(sample)]
    assert read == [
        ("Prices rose by 5%.", ClaimLabel.FACTUAL),
        ("The plan is a disgrace.", ClaimLabel.OPINION),
    ]


def test_the_readme_s_commands_read_a_project_on_a_write_protected_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README said only that a 0444 project says so when it opens; a lead handed projects
    on a write-protected stick could not learn there that they open to be read, which commands
    read them, nor why one copied with its -wal is refused. The README names the commands, and
    each of them reads such a project."""
    from tests.read_only_files import small_disk, write_protected

    said = " ".join(README.read_text("utf-8").split("## Where data lives", 1)[1].split())
    commands = ("export", "stats", "agreement", "backup", "merge")
    assert "One on a write-protected stick" in said
    named = said.split("One on a write-protected stick", 1)[1].split(". If", 1)[0]
    assert all(f"`{command}`" in named for command in commands), named
    assert "copy both files together" in said
    with small_disk() as disk:
        project = disk / "alice.db"
        with open_project(project) as opened:
            (article_id,) = opened.import_drafts([ArticleDraft(text="Prices rose. Rents fell.")]).added
            opened.add_claim(article_id, 0, 12, "factual", annotator="alice")
        with write_protected(disk):
            runs = {
                "export": ["export", str(project), "-o", str(tmp_path / "out.jsonl")],
                "stats": ["stats", str(project)],
                "agreement": ["agreement", str(project)],
                "backup": ["backup", str(project), str(tmp_path / "copy.db")],
                "merge": ["merge", str(tmp_path / "team.db"), str(project)],
            }
            refused = {command: main(args) for command, args in runs.items()}
            assert refused == dict.fromkeys(commands, 0), capsys.readouterr().err


def test_the_readme_says_where_an_import_s_encoding_is_written(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """ "The one used is recorded" sent a data scientist checking a legacy file's reading to
    the article's metadata and the export, which hold no encoding: it is written to the log
    file. The README says where; the import logs it, and the article's metadata holds none.
    A CSV opening with Excel's `sep=;` line is read by it, as the README says too."""
    import logging

    section = " ".join(
        README.read_text("utf-8").split("**Import**:", 1)[1].split("**Export**:", 1)[0].split()
    )
    assert "the one used is written to the log file, not to the project" in section
    assert "a first line `sep=;` as Excel writes it" in section
    legacy = tmp_path / "köln.txt"
    legacy.write_bytes(
        "Preise in Köln\n\nDer Kaffee im Café kostet jetzt 5 € mehr, sagte der Wirt.".encode("cp1252")
    )
    excel = tmp_path / "excel.csv"
    excel.write_bytes(b"sep=;\ntitle;text\nA;Prices rose by five percent in May, the office said.\n")
    with caplog.at_level(logging.INFO, logger="annotator.formats.decoding"):
        assert main(["import", str(tmp_path / "p.db"), str(legacy), str(excel), "--no-nlp"]) == 0
    assert any("köln.txt" in line and "cp1252" in line for line in caplog.messages), caplog.messages
    with open_project(tmp_path / "p.db") as project:
        articles = [project.article(summary.id) for summary in project.articles()]
    assert sorted(a.title for a in articles) == ["A", "Preise in Köln"]
    assert all("encoding" not in json.dumps(a.meta) for a in articles)
