"""Pre-annotate a project's articles: entities, quotations with speakers, claim candidates.

Results are cached by (text hash, pipeline name, pipeline version), so importing
the same text again, or into another article, never reruns the model. The pipeline
version includes the rules version (see `annotator.nlp.pipeline.RULES_VERSION`), so
changing the quotation or candidate rules redoes the work.

Work is written in batches, each in its own transaction: cancelling keeps what is
finished (it is valid and saves time on the next run) and stops before the next
article. The CLI calls this directly, in-process: `nlp.pipe(n_process=2)` was 1.5x
slower in wall time on 200 Wikinews articles (process start, model load and pickling
per child; see benchmarks/bench_nlp.py --compare-workers). The window runs it in one
child process (`ui.subprocess_work`) that opens its own `Project`, because spaCy
holding the GIL in a thread stalled the window; that process is kept between runs, with the
pipelines it loaded (`kept_pipeline`).
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from annotator.core.entity_decisions import DECISIONS_CARRIED_META, EntityDecisions
from annotator.core.errors import ProjectFileError, UserError
from annotator.core.model import Analysis, Article, PipelineInfo
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.reports import DecisionsCarried
from annotator.core.text import counted
from annotator.core.tokens import TokenSpans
from annotator.nlp.packages import (
    DEFAULT_PIPELINES,
    INSTALL_ADVICE,
    KNOWN_PIPELINES,
    PIPELINE_COPIES,
    RULES_PIPELINE,
    damaged_package,
    install_advice,
    installed_package,
)
from annotator.nlp.tokenizer import tokenize_texts, tokenizer_name
from annotator.services.project import Project, store_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from annotator.nlp.pipeline import LoadedPipeline as LoadedPipeline  # named by the window too

log = logging.getLogger(__name__)


def load_pipeline(name: str | None = None) -> LoadedPipeline:
    """`annotator.nlp.load_pipeline`, imported when called.

    Not at the top: a `PreannotateReport` coming back from the worker is unpickled in the
    window, which imports this module, and must not import spaCy there (60 MB it keeps).
    """
    from annotator.nlp.pipeline import load_pipeline as load

    return load(name)


class PipelineFilesChanged(Exception):  # noqa: N818 (not an error: the process is told to make way)
    """A pipeline this process loaded before has changed on disk since (installed, upgraded,
    reinstalled or removed): only a new process loads it afresh, as modules imported from the
    old files stay in this one (`kept_pipeline`)."""


_kept: dict[str | None, tuple[tuple[str, ...], LoadedPipeline]] = {}
"""The pipelines this process loaded by `load_kept_pipeline`, by the name asked, with what their
files on disk were before the load (`pipeline_files`)."""


def kept_pipeline(name: str | None) -> LoadedPipeline | None:
    """The pipeline `name` this process loaded before (`load_kept_pipeline`), None if none.

    The window's pre-annotation worker lives as long as the window, so that a second Ctrl+P
    does not load the model again (seconds); meanwhile the person may install the model the
    rules stood in for, or reinstall a damaged one, as the window's advice tells them to.
    Raises `PipelineFilesChanged` when the files of any pipeline it holds are not as they
    were: the process should end and a new one take the work."""
    for asked, (files, _loaded) in _kept.items():
        if pipeline_files(asked) != files:
            raise PipelineFilesChanged(f"the files of the spaCy pipeline {asked or 'by default'} changed")
    kept = _kept.get(name)
    return None if kept is None else kept[1]


def load_kept_pipeline(name: str | None) -> LoadedPipeline:
    """`load_pipeline(name)`, remembering its files on disk for `kept_pipeline` to compare."""
    files = pipeline_files(name)  # before the load: a change during it is seen next time
    loaded = load_pipeline(name)
    _kept[name] = (files, loaded)
    return loaded


def pipeline_files(name: str | None) -> tuple[str, ...]:
    """What loading the pipeline `name` reads on disk, told by names and time stamps, not read:
    each package the loader tries for it, in its order (`nlp.packages`), found or not, with its
    folder's entries. Installing, upgrading or reinstalling a package replaces them."""
    if name == RULES_PIPELINE:
        return (name,)  # nothing on disk but this program
    importlib.invalidate_caches()  # a package installed since is found (`installed_package`)
    asked = PIPELINE_COPIES.get(name, (name,)) if name else DEFAULT_PIPELINES
    standing_in = DEFAULT_PIPELINES if name and name not in DEFAULT_PIPELINES else ()
    return tuple(_package_files(package) for package in dict.fromkeys((*asked, *standing_in)))


def _package_files(package: str) -> str:
    if package in KNOWN_PIPELINES:
        # Known names only: finding "pkg.sub" imports pkg, and a project's setting is from a file.
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            return f"{package}: not installed"
        places = list(spec.submodule_search_locations or ())
        folder = Path(places[0]) if places else Path(spec.origin or package).parent
    elif os.path.isabs(package):  # a pipeline folder
        folder = Path(package)
    else:
        return package  # the rules: nothing on disk but this program
    try:
        # Not the folder's time stamp, nor `__pycache__`'s: loading the package may write its
        # compiled code there, and the model would be loaded again at the next run for nothing.
        entries = sorted(
            (entry.name, entry.inode(), entry.stat(follow_symlinks=False).st_mtime_ns)
            for entry in os.scandir(folder)
            if entry.name != "__pycache__"
        )
        top = folder.stat().st_ino  # a reinstall makes the folder anew
    except OSError as exc:
        return f"{package}: {folder} unreadable ({exc.strerror})"
    return f"{package}: {folder} {top} {entries}"


def analyse_texts(
    texts: Iterable[str], *, pipeline: LoadedPipeline, batch_size: int = 32
) -> Iterator[Analysis]:
    """`annotator.nlp.analyse_texts`, imported when called (see `load_pipeline`)."""
    from annotator.nlp.analyse import analyse_texts as analyse

    return analyse(texts, pipeline=pipeline, batch_size=batch_size)


def analyse_texts_with_tokens(
    texts: Iterable[str],
    *,
    pipeline: LoadedPipeline,
    batch_size: int = 32,
    batch_chars: int | None = None,
    on_part: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[Analysis, TokenSpans | None]]:
    """`annotator.nlp.analyse.analyse_texts_with_tokens`, imported when called (see `load_pipeline`)."""
    from annotator.nlp.analyse import analyse_texts_with_tokens as analyse

    return analyse(texts, pipeline=pipeline, batch_size=batch_size, batch_chars=batch_chars, on_part=on_part)


PIPELINE_META_KEY = "nlp_pipeline"
"""Project meta key naming the spaCy pipeline; unset means the default (see `annotator.nlp`)."""

SAVE_EVERY = 32

BATCH_SIZE = 32
"""Most articles per `nlp.pipe` batch; `BATCH_CHARS` bounds a batch too."""

BATCH_CHARS = 40_000
"""Most characters per `nlp.pipe` batch (a longer article goes alone). The model's memory grows
with a batch's length: 32 articles in flight took the worker to 1.19 GB on the 265 Wikinews
articles, where a few are 20,000-56,000 characters long; 4 took it to 0.56 GB, but small
batches cost the model time: 6% of pre-annotation on the 200 first articles (2,700
characters on average). Batches of up to 40,000 characters keep both (figures in
benchmarks/data/eval_results.md, "Throughput of pre-annotation")."""


class AnalysisTarget(Protocol):
    """What pre-annotation needs from a project (the store's `ProjectStore` provides it)."""

    def article(self, article_id: int) -> Article: ...
    def article_ids(self) -> list[int]: ...
    def analysis_pipeline(self, article_id: int) -> PipelineInfo | None: ...
    def articles_needing_analysis(self, pipeline: PipelineInfo | None = None) -> list[int]: ...
    def articles_analysed_by(self, pipeline_name: str) -> list[int]: ...
    def cached_analysis(self, digest: str, pipeline: PipelineInfo) -> Analysis | None: ...
    def save_analyses(
        self,
        items: Iterable[tuple[int, Analysis]],
        *,
        decisions: EntityDecisions | None = None,
        keep: frozenset[int] = frozenset(),
    ) -> None: ...
    def entity_decisions(self) -> EntityDecisions: ...
    def carry_decisions(
        self, article_id: int, decisions: EntityDecisions, *, keep: frozenset[int] = frozenset()
    ) -> tuple[int, int]: ...
    def get_meta(self, key: str, default: str | None = None) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def texts_without_tokens(self, article_ids: Iterable[int], tokenizer: str) -> list[tuple[str, str]]: ...
    def store_tokens(self, tokenizer: str, items: Iterable[tuple[str, TokenSpans | bytes]]) -> None: ...


@dataclass(frozen=True)
class PreannotateReport:
    """What a run did, for the CLI's summary line and the window's status bar."""

    pipeline: PipelineInfo
    analysed: int = 0
    from_cache: int = 0
    up_to_date: int = 0
    cancelled: bool = False
    warning: str | None = None
    article_ids: tuple[int, ...] = ()
    """The articles whose analysis was saved (analysed or from the cache) by this run."""
    suggested: int = 0
    """Candidates that got a label suggestion afterwards (see `services.suggestions.refresh_suggestions`)."""
    carried: DecisionsCarried = field(default_factory=DecisionsCarried)
    """What the team's entity decisions changed in articles pre-annotated before this run."""
    names_held: tuple[int, int] = (0, 0)
    """(rejected, added): the names with a type whose decisions a Pre-annotate All that ran to
    its end left in force in every article (`EntityDecisions`)."""
    kept: int = 0
    """Articles a trained pipeline had pre-annotated, left as they were because this run had
    only the rules (see `keep_trained`)."""
    upgraded: int = 0
    """Of the saved articles, those the rule-based fallback had pre-annotated, done again by a
    trained pipeline installed since (see `preannotate_opened`)."""
    damaged: str | None = None
    """The model package installed but failing to load that `warning` is about, if any
    (`nlp.packages.damaged_package`): reinstalling it, not installing it, is what helps."""

    @property
    def saved(self) -> int:
        return self.analysed + self.from_cache

    def summary(self) -> str:
        """One line for the command line, naming the pipeline and its version exactly."""
        return self._summary(f"with {self.pipeline.name} {self.pipeline.version}")

    def window_summary(self) -> str:
        """One line for the window's status bar, which names no pipeline version.

        "with blank:en 3.8.18+rules.6978ebcc9a47" (a version and a hash of the rule files) said
        nothing to an annotator; the status bar's model label has the version in its tooltip.
        "with the trained model" was taken for the label suggestions' model, which people train
        in the window: the pipeline is named as the status bar's model label names it.
        """
        plain_name = self.pipeline.plain_name
        if self.pipeline.name == RULES_PIPELINE:
            words = "with simple rules"
        elif plain_name is not None:
            words = f"with the {plain_name} model"
        else:
            words = f"with the model {self.pipeline.name}"
        text = "; ".join(part for part in (self._summary(words), self._names_held()) if part)
        return text[:1].upper() + text[1:]

    def _names_held(self) -> str:
        """The names the team's decisions keep out or bring in, after Pre-annotate All.

        R says "carried to other articles", but a Ctrl+P whose carrying changed nothing (the
        articles opened since had been brought up to the decisions) said only "pre-annotated 0
        articles", and a person who had rejected names could not tell whether they still held.
        """
        rejected, added = self.names_held
        parts = []
        if rejected:
            parts.append(f"{counted(rejected, 'rejected name')} kept out of the suggestions")
        if added:
            where = "it stands" if added == 1 else "they stand"
            parts.append(f"{counted(added, 'added name')} suggested wherever {where}")
        return "; ".join(parts)

    def _summary(self, with_pipeline: str) -> str:
        carried = self.carried.articles or self.carried.skipped
        # Pre-annotate All on a project already pre-annotated: what the decisions changed is the
        # news, and the status bar is too narrow for a count of nothing before it.
        if self.upgraded:
            # Opening a project once the model is installed: the news is that the weaker
            # highlights were replaced, and by which model.
            parts = [
                f"{counted(self.upgraded, 'article')} pre-annotated again {with_pipeline} "
                "instead of simple rules"
            ]
            if self.saved > self.upgraded:
                parts.append(f"{self.saved - self.upgraded} pre-annotated for the first time")
        elif carried and not self.saved:
            parts = []
        else:
            parts = [f"pre-annotated {counted(self.saved, 'article')} {with_pipeline}"]
        if self.from_cache:
            parts.append(f"{self.from_cache} from cache")
        if self.up_to_date and parts:  # not before the decisions' news alone
            parts.append(f"{self.up_to_date} already up to date")
        if self.kept:
            # Said as a person reads it: "pre-annotated earlier with a trained model kept as they
            # were" took a programmer to parse, and "trained model" was read as the label
            # suggestions' model, which people train in the window; these articles' names,
            # quotations and candidates came from a spaCy pipeline that did not load here.
            keep = "keeps its" if self.kept == 1 else "keep their"
            parts.append(
                f"{counted(self.kept, 'article')} {keep} earlier pre-annotation, "
                "made with a model not available here"
            )
        if self.suggested:
            parts.append(f"suggested labels for {counted(self.suggested, 'candidate')}")
        if carried:
            parts.append(self.carried.summary())
        text = "; ".join(parts)
        return text + (" (cancelled; finished articles were kept)" if self.cancelled else "")


CARRYING_DECISIONS = "Applying your team's entity decisions"
"""The progress message of the walk that brings articles up to the team's entity decisions
(`carry_decisions`): the window counts it apart from pre-annotation's articles."""


def carry_everywhere(
    project: AnalysisTarget,
    decisions: EntityDecisions,
    *,
    besides: frozenset[int] = frozenset(),
    keep: frozenset[int] = frozenset(),
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> DecisionsCarried:
    """Carry the decisions to every article (but `besides`, just analysed with them), unless
    these very decisions were carried everywhere already; the suggestions `keep` names stay.

    Every way an article's suggestions change applies the decisions as it goes (pre-annotation,
    opening it, a merge), so once one walk has finished with no article left out, another
    with the same decisions changes nothing: it cost 1.3 ms an article, 13 s for 10,000, at
    each Pre-annotate All. The fingerprint is recorded only after such a walk, and not when
    `keep` left suggestions the decisions would take: the next run must carry to them.
    """
    fingerprint = decisions.fingerprint
    if project.get_meta(DECISIONS_CARRIED_META) == fingerprint:
        return DecisionsCarried()
    earlier = [i for i in project.article_ids() if i not in besides]
    carried = carry_decisions(project, earlier, decisions, keep=keep, progress=progress, cancel=cancel)
    if carried.finished and not carried.skipped and not keep:
        project.set_meta(DECISIONS_CARRIED_META, fingerprint)
    return carried


def carry_decisions(
    project: AnalysisTarget,
    article_ids: Sequence[int],
    decisions: EntityDecisions,
    *,
    keep: frozenset[int] = frozenset(),
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> DecisionsCarried:
    """Bring articles pre-annotated earlier up to the team's entity decisions, one transaction
    each (`ProjectStore.carry_decisions`), leaving the suggestions `keep` names by id (the
    window's edits waiting to be redone name them: carried away, the redo would be refused).

    The window does this for an article as it opens it; this is for the articles nobody has
    opened since, whose stale suggestions ("AI" as a place, rejected elsewhere) an export would
    otherwise write as pre-annotation. A cancel keeps the articles already done.
    """
    articles = left_out = added = skipped = 0
    problem = ""
    total = len(article_ids)
    for done, article_id in enumerate(article_ids):
        if cancel and cancel():
            return DecisionsCarried(articles, left_out, added, False, skipped, problem)
        if progress and done % 20 == 0:
            progress(done, total, CARRYING_DECISIONS)
        try:
            out, new = project.carry_decisions(article_id, decisions, keep=keep)
        except ProjectFileError as exc:
            # One crafted row must not stop the rest; the article keeps what it had.
            log.warning("entity decisions not carried to article %s: %s", article_id, exc)
            skipped, problem = skipped + 1, problem or str(exc)
            continue
        if out or new:
            articles, left_out, added = articles + 1, left_out + out, added + new
    if progress and total:
        progress(total, total, CARRYING_DECISIONS)
    return DecisionsCarried(articles, left_out, added, True, skipped, problem)


@dataclass(frozen=True)
class PipelineChoice:
    """A spaCy pipeline a project may pre-annotate with, as the window and the CLI offer it."""

    name: str
    title: str
    about: str
    install: str
    """What to do when no copy is installed."""
    package: str | None = None
    """The installed package that would load it (`nlp.packages.installed_package`), or None."""


_CHOICES = (
    PipelineChoice(
        "en_core_web_sm",
        "Small English pipeline (the default)",
        "15 MB, loads in under a second; the app's accuracy figures are measured with it.",
        f"install it with: {INSTALL_ADVICE['en_core_web_sm']}",
    ),
    PipelineChoice(
        "en_core_web_md",
        "Medium English pipeline",
        "57 MB, loads three times slower, the same speed per article. On the app's evaluation "
        "set it found a few more speakers and organisations, and was less precise on places.",
        f"install it with: {INSTALL_ADVICE['en_core_web_md']}",
    ),
)
DEFAULT_CHOICE = _CHOICES[0].name


def pipeline_choices() -> list[PipelineChoice]:
    """The pipelines a project may choose, each with the package this machine would load
    (found without importing it: the window asks before any model is loaded)."""
    from annotator.nlp.packages import installed_package

    # The standalone installer carries its packages frozen: pip cannot add one to it.
    frozen = bool(getattr(sys, "frozen", False))
    return [
        dataclasses.replace(
            choice,
            package=installed_package(choice.name),
            install=FROZEN_INSTALL if frozen else choice.install,
        )
        for choice in _CHOICES
    ]


FROZEN_INSTALL = (
    "the standalone app carries the small pipeline only; annotator installed with pip can use this one"
)


def rules_only_note(pipeline: PipelineInfo) -> str | None:
    """What to tell someone looking at an article the rule-based fallback pre-annotated (None
    for a trained pipeline's): its name, "blank:en", says nothing to an annotator, and the
    fallback's warning is shown only in the session that pre-annotated it."""
    if pipeline.name != RULES_PIPELINE:
        return None
    # The person first, who can only ask for the model; the command last, for whoever installs.
    return (
        "Pre-annotated by simple rules, without the English model: they find fewer entities and "
        "quotations, and speakers less well. Ask whoever installed annotator to add the English "
        "model, then choose Pre-annotate All (or open the project again): the model pre-annotates "
        f"again what the rules did.\n\nFor whoever installs annotator: {install_advice(None)}"
    )


def chosen_pipeline(project: Project | AnalysisTarget) -> str:
    """The pipeline the project pre-annotates with: its setting, else the default."""
    return project.get_meta(PIPELINE_META_KEY) or DEFAULT_CHOICE


def choose_pipeline(project: Project, name: str) -> PipelineChoice:
    """Make `name` the project's pipeline (one committed write). The next Pre-annotate All
    analyses every article again with it; people's decisions and corrections stay, and each
    pipeline's results are cached, so switching back costs nothing.

    A pipeline this machine lacks is refused, naming what to install: a project must not
    fall back to simple rules for a choice a person just made."""
    choices = {choice.name: choice for choice in pipeline_choices()}
    choice = choices.get(name)
    if choice is None:
        raise UserError(f"unknown pipeline {name!r:.80}; choose one of {', '.join(choices)}")
    if choice.package is None:
        raise UserError(f"{choice.name} is not installed on this machine; {choice.install}")
    # The default is stored as no setting, so the project follows a future default.
    store_of(project).set_meta(PIPELINE_META_KEY, "" if name == DEFAULT_CHOICE else name)
    return choice


def project_pipeline_name(project: AnalysisTarget) -> str | None:
    """The pipeline the project asks for, or None for the default."""
    return project.get_meta(PIPELINE_META_KEY) or None


def preannotate(
    project: Project | AnalysisTarget,
    article_ids: Sequence[int] | None = None,
    *,
    pipeline_name: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    redo: bool = False,
    batch_size: int = BATCH_SIZE,
    pipeline: LoadedPipeline | None = None,
    keep: frozenset[int] = frozenset(),
) -> PreannotateReport:
    """Analyse the given articles (default: all that lack an analysis by this pipeline) and save.

    `redo` reruns the model even when an analysis or cached result exists.
    `pipeline` lets a caller pass an already loaded pipeline (tests, benchmarks).
    `keep`: suggestions (by id) that neither a new analysis of their article nor carrying the
    team's decisions removes, because the window's undone edits name them
    (`ui.undo.EditStack.waiting_entities`).
    """
    if isinstance(project, Project):
        project = store_of(project)  # analyses are saved by the store, outside edit commands
    asked = pipeline_name or project_pipeline_name(project)
    loaded = pipeline or load_pipeline(asked)
    info = loaded.info
    if article_ids is None and redo:
        wanted, up_to_date = project.article_ids(), 0
    elif article_ids is None:
        # Counted as for given ids: Pre-annotate All's progress then walks every article to
        # carry the team's decisions, and "5 / 5" followed by "pre-annotated 0 articles" alone
        # read as if the run had failed.
        wanted = project.articles_needing_analysis(info)
        up_to_date = len(project.article_ids()) - len(wanted)
    elif redo:
        wanted, up_to_date = list(article_ids), 0
    else:
        needing = set(project.articles_needing_analysis(info))
        wanted = [i for i in article_ids if i in needing]
        up_to_date = len(article_ids) - len(wanted)
    kept = 0
    if loaded.warning is not None and loaded.is_fallback:
        wanted, kept = keep_trained(project, wanted, rules=info)
    elif loaded.warning is not None:
        # A stand-in for the project's pipeline (the small model for a missing medium one):
        # what the project's own model did stays, as it does when only the rules load.
        wanted, kept = keep_trained(project, wanted, rules=info, also=(RULES_PIPELINE,))
    total = len(wanted)
    report = _Counter()
    if progress:
        progress(0, total)
    pending: list[tuple[int, Analysis]] = []
    saved: list[int] = []
    # Read once per run: a large team file has tens of thousands of decided mentions.
    decisions = project.entity_decisions()
    to_run: list[tuple[int, str, str]] = []
    for article_id in wanted:
        article = project.article(article_id)
        cached = None if redo else project.cached_analysis(article.content_hash, info)
        if cached is not None:
            pending.append((article_id, cached))
            report.from_cache += 1
        else:
            to_run.append((article_id, article.content_hash, article.text))
    if pending:
        project.save_analyses(pending, decisions=decisions, keep=keep)
        saved += [i for i, _ in pending]
        pending = []
        if progress:
            progress(report.from_cache, total)
    cancelled = False
    done = report.from_cache
    # Tokens the pipeline's own tokenizer made on the way, encoded (a fiftieth of their size).
    tokens: dict[str, bytes] = {}
    if to_run and not (cancel and cancel()):
        texts = (text for _, _, text in to_run)

        parted = False  # a long article's parts were said: the next lines say the articles' count

        def part_done(part: int, parts: int) -> None:
            nonlocal parted
            parted = True
            if progress:  # the count of articles stands still while a long one is analysed
                progress(done, total, f"A long article: part {part} of {parts}")

        analysed = analyse_texts_with_tokens(
            texts, pipeline=loaded, batch_size=batch_size, batch_chars=BATCH_CHARS, on_part=part_done
        )
        for (article_id, digest, _), (analysis, spans) in zip(to_run, analysed, strict=False):
            if spans is not None:
                tokens[digest] = spans.encode()
            pending.append((article_id, analysis))
            report.analysed += 1
            done += 1
            if len(pending) >= SAVE_EVERY:
                project.save_analyses(pending, decisions=decisions, keep=keep)
                saved += [i for i, _ in pending]
                pending = []
            if progress and parted:
                progress(done, total, f"{done} of {total} articles done")
            elif progress:
                progress(done, total)
            if cancel and cancel() and done < total:
                cancelled = True
                break
    elif to_run:
        cancelled = True
    if pending:
        project.save_analyses(pending, decisions=decisions, keep=keep)
        saved += [i for i, _ in pending]
    if not cancelled:
        store_tokens(project, saved, cancel=cancel, known=tokens)
    carried = DecisionsCarried()
    names_held = (0, 0)
    if article_ids is None and not cancelled:
        # Pre-annotate All: the articles analysed before this run get the decisions made since.
        # With `redo` too: the articles a trained pipeline did, kept when it did not load
        # (`keep_trained`), are not saved again, and kept the names rejected since.
        carried = carry_everywhere(
            project, decisions, besides=frozenset(wanted), keep=keep, progress=progress, cancel=cancel
        )
        cancelled = not carried.finished
        if not cancelled:
            names_held = (len(decisions.rejected), len(decisions.added))
    log.info(
        "pre-annotation with %s %s: %d analysed, %d from cache, %d up to date%s",
        info.name,
        info.version,
        report.analysed,
        report.from_cache,
        up_to_date,
        " (cancelled)" if cancelled else "",
    )
    return PreannotateReport(
        pipeline=info,
        analysed=report.analysed,
        from_cache=report.from_cache,
        up_to_date=up_to_date,
        cancelled=cancelled,
        warning=loaded.warning,
        damaged=damaged_package(asked, info.name) if loaded.warning else None,
        article_ids=tuple(saved),
        carried=carried,
        names_held=names_held,
        kept=kept,
    )


def keep_trained(
    project: AnalysisTarget, article_ids: Sequence[int], *, rules: PipelineInfo, also: Sequence[str] = ()
) -> tuple[list[int], int]:
    """The articles the rules may pre-annotate when no trained pipeline loaded, and how many
    are left out because a trained pipeline pre-annotated them.

    A project pre-annotated on a machine with the model and opened on one without it would
    otherwise have every article's entities, speakers and candidates replaced by the rules'
    weaker ones at the next Pre-annotate All (339 entities became 124 on the sample articles),
    and exports would write those. The trained analyses stay until the model is back; the
    articles never analysed, or analysed by the rules before, still get the rules. `also`:
    the names of other pipelines whose analyses `rules` may replace (with the small model
    standing in for the project's, the rules' own).
    """
    replaceable = {rules.name, *also}
    wanted: list[int] = []
    for article_id in article_ids:
        try:
            before = project.analysis_pipeline(article_id)
        except ProjectFileError as exc:
            log.warning("article %s: its analysis row cannot be read, it is done again: %s", article_id, exc)
            before = None
        if before is None or before.name in replaceable:
            wanted.append(article_id)
    return wanted, len(article_ids) - len(wanted)


def rules_to_upgrade(project: Project | AnalysisTarget) -> list[int]:
    """The articles the rule-based fallback pre-annotated, when the project's trained pipeline
    is installed now (found without importing it, so the window may ask); else none.

    Someone who followed the fallback's advice and installed the model expects better
    highlights when they open the project again, not only after finding Pre-annotate All.
    """
    if isinstance(project, Project):
        project = store_of(project)
    name = project_pipeline_name(project) or DEFAULT_CHOICE
    # Known packages only: looking up "pkg.sub" imports pkg, and the name comes from the file.
    if name not in KNOWN_PIPELINES or installed_package(name) is None:
        return []
    return project.articles_analysed_by(RULES_PIPELINE)


def preannotate_opened(
    project: Project | AnalysisTarget,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    pipeline: LoadedPipeline | None = None,
) -> PreannotateReport:
    """What opening a project pre-annotates in the background: the articles never analysed
    and, when a trained pipeline loads, the ones the rule-based fallback did.

    Only the rules' analyses are redone: a trained pipeline's stay (another version of it is
    Pre-annotate All's business), and claims, which are people's work in their own table,
    keep their text and offsets (`ProjectStore.save_analyses` replaces suggestions only).
    When the package turns out to be damaged and only the rules load, the rules' articles are
    left as they are rather than done by the rules again at every opening.
    """
    if isinstance(project, Project):
        project = store_of(project)
    loaded = pipeline or load_pipeline(project_pipeline_name(project))
    wanted = set(project.articles_needing_analysis())
    upgrade = set() if loaded.is_fallback else set(project.articles_analysed_by(RULES_PIPELINE))
    report = preannotate(project, sorted(wanted | upgrade), progress=progress, cancel=cancel, pipeline=loaded)
    upgraded = sum(1 for i in report.article_ids if i in upgrade)
    return dataclasses.replace(report, upgraded=upgraded)


def store_tokens(
    project: AnalysisTarget,
    article_ids: Sequence[int],
    *,
    cancel: CancelFn | None = None,
    known: Mapping[str, bytes] | None = None,
) -> int:
    """Tokenise the articles' texts that have no stored tokens yet and store them; return how many.

    Pre-annotation is where a text is first tokenised, off the window's thread: storing the
    tokenizer's split here makes the Prodigy export read tokens instead of loading spaCy and
    tokenising at export time. The blank English tokenizer is used, as the export would,
    so the exported tokens are the same whether they were stored or not. `known` holds the
    encoded tokens of texts (by content hash) the pipeline already split the same way
    (`annotator.nlp.analyse.analyse_texts_with_tokens`); only the others are tokenised here.
    """
    name = tokenizer_name()
    known = known or {}
    missing = project.texts_without_tokens(article_ids, name)
    done = 0
    for start in range(0, len(missing), SAVE_EVERY):
        if cancel and cancel():
            break
        chunk = missing[start : start + SAVE_EVERY]
        unknown = [(d, t) for d, t in chunk if d not in known]
        fresh = dict(zip((d for d, _ in unknown), tokenize_texts(t for _, t in unknown), strict=True))
        project.store_tokens(name, [(d, known[d] if d in known else fresh[d]) for d, _ in chunk])
        done += len(chunk)
    return done


@dataclass
class _Counter:
    analysed: int = 0
    from_cache: int = 0


@dataclass(frozen=True)
class ModelCheck:
    """What an installation check needs to know about the pipeline, without its spaCy objects."""

    pipeline: PipelineInfo
    trained: bool
    warning: str | None
    load_seconds: float
    analysis: Analysis


def check_model(text: str, *, pipeline_name: str | None = None) -> ModelCheck:
    """Load the pipeline and analyse one text: the self-test's proof that the model works."""
    started = time.perf_counter()
    loaded = load_pipeline(pipeline_name)
    took = time.perf_counter() - started
    return ModelCheck(
        pipeline=loaded.info,
        trained=not loaded.is_fallback and not loaded.warning,
        warning=loaded.warning,
        load_seconds=took,
        analysis=next(iter(analyse_texts([text], pipeline=loaded))),
    )
