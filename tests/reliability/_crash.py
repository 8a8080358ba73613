"""Crash campaign: run a real command (or a service call in a child), SIGKILL it at a random
moment, and check that nothing a person had saved is lost and nothing is left half done.

After each kill the project is opened the way the window opens it and must pass
`integrity_check`; every claim saved before the action must be there unchanged; the
action's own promise is checked (an import is all or nothing, a merge one transaction, an
export, copy or release target is the old file or a whole new one); then the same action
runs again and must succeed, and the files left in the work folders must be those a run
that was never killed leaves (no temporary file the next run does not clean).

Used by `tests/services/test_crash_campaign.py` (a few fixed seeds) and by
`benchmarks/crash_campaign.py` (many kills per action).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import ArticleStatus, ClaimLabel
from annotator.services.project import Project, open_project

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("_crash_worker.py")
MAX_DELAY = 2.0

_LABELS = [label.value for label in ClaimLabel]
_STATUSES = [ArticleStatus.IN_PROGRESS.value, ArticleStatus.DONE.value]
_SENTENCE = (
    "The minister said “prices rose 5% in May.” Critics disagree 👩‍👩‍👧 strongly. 北京消息：官员称经济增长。"
    " Le ministre a dit « non ». Cafe\u0301 owners said: “It’s 40 °C.”"
)
_WORDS = _SENTENCE.split(" ")

ClaimRow = tuple[int, int, int, str, str, str]
"""article id, start, end, label, annotator, note."""


@dataclass(frozen=True)
class State:
    """What a person would see of a project: its articles, claims and pre-annotation counts."""

    integrity: str
    articles: dict[int, tuple[str, str, str]]
    """id -> (title, status, SHA-256 of the text)."""
    claims: dict[int, ClaimRow]
    analysed: int
    entities: int

    def claim_set(self) -> list[ClaimRow]:
        return sorted(self.claims.values())


def article_text(seed: int, index: int) -> str:
    rng = random.Random(seed * 1_000_003 + index)
    words = [rng.choice(_WORDS) for _ in range(rng.randint(60, 160))]
    return f"Article {seed}-{index}. " + " ".join(words) + "\n"


def read_state(path: Path) -> State:
    """Open `path` as the window does (`open_project`, then the list and the first article) and read it."""
    with open_project(path, create=False) as project:
        project.changed_elsewhere()
        project.article_count()
        project.first_to_open()
        summaries = project.articles()
        integrity = project.integrity_check()
        articles: dict[int, tuple[str, str, str]] = {}
        for summary in summaries:
            text = project.article(summary.id).text
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            articles[summary.id] = (summary.title, summary.status.value, digest)
        claims: dict[int, ClaimRow] = {}
        for claim in project.claims():
            assert claim.id is not None
            claims[claim.id] = (
                claim.article_id,
                claim.start,
                claim.end,
                claim.label.value,
                claim.annotator,
                claim.note,
            )
        stats = project.stats()
    return State(integrity, articles, claims, stats.analysed, stats.entities)


# -- the label loop -----------------------------------------------------------------------------

LabelAction = tuple[str, int, int, int, str, str]
"""(kind, article or claim id, start, end, label or status, note): add, note, label or status."""


def label_actions(project: Project, seed: int, count: int) -> Iterator[LabelAction]:
    """A fixed sequence of key-press writes (add a claim, edit a note, relabel, set a status).

    Chosen from `seed` and the project as it was before the first, so a parent can replay it.
    """
    rng = random.Random(seed)
    lengths = {summary.id: summary.char_count for summary in project.articles()}
    article_ids = sorted(lengths)
    claim_ids = sorted(c.id for c in project.claims() if c.id is not None)
    for i in range(count):
        kind = rng.choice(("add", "add", "note", "label", "status"))
        if kind == "add" or not claim_ids:
            aid = rng.choice(article_ids)
            start = rng.randrange(lengths[aid])
            end = rng.randint(start + 1, min(lengths[aid], start + 80))
            yield ("add", aid, start, end, rng.choice(_LABELS), f"n{seed}:{i} ✓")
        elif kind == "note":
            yield ("note", rng.choice(claim_ids), 0, 0, "", f"edited {seed}:{i} “é”")
        elif kind == "label":
            yield ("label", rng.choice(claim_ids), 0, 0, rng.choice(_LABELS), "")
        else:
            yield ("status", rng.choice(article_ids), 0, 0, rng.choice(_STATUSES), "")


def apply_label_action(project: Project, action: LabelAction) -> None:
    kind, target, start, end, value, note = action
    if kind == "add":
        project.add_claim(target, start, end, value, annotator="ann", note=note)
    elif kind == "note":
        project.update_claim(target, note=note)
    elif kind == "label":
        project.update_claim(target, label=value)
    else:
        project.set_status(target, value)


def states_after_prefixes(
    start: Path, scratch: Path, seed: int, count: int, lengths: list[int]
) -> list[State]:
    """Replay the label loop on a copy of `start`; the state after each length in `lengths`."""
    shutil.copyfile(start, scratch)
    states: list[State] = []
    with open_project(scratch, create=False) as project:
        actions = list(label_actions(project, seed, count))
    wanted = sorted(set(lengths))
    done = 0
    for length in wanted:
        with open_project(scratch, create=False) as project:
            for action in actions[done:length]:
                apply_label_action(project, action)
        done = length
        states.append(read_state(scratch))
    return [states[wanted.index(length)] for length in lengths]


# -- projects -----------------------------------------------------------------------------------


def make_labelled_project(path: Path, *, articles: int, seed: int, annotator: str = "ann") -> None:
    """A project of `articles` articles; two claims on every third of the first 900, notes, statuses."""
    with open_project(path) as project:
        ids = project.import_texts([article_text(seed, i) for i in range(articles)]).added
        rng = random.Random(seed)
        for n, aid in enumerate(ids[:900:3]):
            length = len(project.article(aid).text)
            for k in range(2):
                start = rng.randrange(length - 1)
                end = rng.randint(start + 1, min(length, start + 60))
                label = _LABELS[(n + k) % len(_LABELS)]
                project.add_claim(aid, start, end, label, annotator=annotator, note=f"{annotator} {n}.{k} ✎")
            if n % 2:
                project.set_status(aid, "done")


# -- one kill -----------------------------------------------------------------------------------


def child_env(home: Path) -> dict[str, str]:
    python_path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    return dict(os.environ, PYTHONPATH=python_path, ANNOTATOR_HOME=str(home))


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "annotator", *map(str, args)]


def worker(*args: str | Path) -> list[str]:
    return [sys.executable, str(WORKER), *map(str, args)]


def run(argv: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, cwd=ROOT, env=child_env(home), capture_output=True, text=True, timeout=600, check=False
    )


def run_and_kill(argv: list[str], home: Path, delay: float) -> tuple[bool, str]:
    """Start `argv`, SIGKILL it after `delay` seconds; (whether the kill landed, its stdout)."""
    proc = subprocess.Popen(
        argv,
        cwd=ROOT,
        env=child_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=600)
    if killed and proc.returncode != -signal.SIGKILL:
        killed = False  # it ended on its own between the look and the signal
    if not killed and proc.returncode != 0:
        raise AssertionError(f"{argv[3:]} failed on its own (rc {proc.returncode}):\n{err[-2000:]}")
    return killed, out


_VARYING = re.compile(r"(?<=-)[0-9a-f]{12}(?=/)|\d+")
"""Backup folders' path hashes, dates and process ids."""


def listing(work: Path) -> set[str]:
    """Every file left under `work` but the logs and settings, with numbers (dates, pids) masked."""
    names: set[str] = set()
    for path in work.rglob("*"):
        relative = path.relative_to(work)
        if relative.parts[:2] in (("home", "logs"), ("home", "config")) or path.is_dir():
            continue
        names.add(_VARYING.sub("#", str(relative)))
    return names


@dataclass
class Outcome:
    action: str
    seed: int
    delay: float
    killed: bool
    failures: list[str] = field(default_factory=list)


# -- the actions --------------------------------------------------------------------------------


class Action:
    """One kind of long work: how to lay it out, run it and check what a kill left."""

    name = ""
    template_articles = 600
    max_delay = MAX_DELAY
    """The latest moment of a kill, when the run takes longer."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache / self.name
        self.cache.mkdir(parents=True, exist_ok=True)
        self.template = self.cache / "template.db"
        if not self.template.exists():
            make_labelled_project(self.cache / "making.db", articles=self.template_articles, seed=1)
            self.prepare(self.cache / "making.db")
            os.replace(self.cache / "making.db", self.template)
            self.make_inputs()
        self.before = read_state(self.template)
        self._clean: set[str] | None = None

    def prepare(self, project: Path) -> None:
        """What the template holds beyond its labels (a trained model, for training)."""

    def make_inputs(self) -> None:
        """Files the action reads, made once beside the template."""

    def layout(self, work: Path) -> None:
        (work / "proj").mkdir(parents=True)
        (work / "out").mkdir()
        (work / "home").mkdir()
        shutil.copyfile(self.template, work / "proj" / "p.db")

    def argv(self, work: Path) -> list[str]:
        raise NotImplementedError

    def check_killed(self, work: Path, after: State) -> list[str]:
        """The action's own promise, right after the kill."""
        return []

    def before_rerun(self, work: Path) -> None:
        """What a person does before trying again (nothing, for most actions)."""

    def check_rerun(self, work: Path, after: State) -> list[str]:
        return []

    def clean_listing(self, scratch: Path) -> set[str]:
        """The files a run that was never killed leaves."""
        if self._clean is None:
            work = scratch / f"clean-{self.name}"
            shutil.rmtree(work, ignore_errors=True)
            self.layout(work)
            done = run(self.argv(work), work / "home")
            assert done.returncode == 0, done.stderr[-2000:]
            self._clean = listing(work)
            shutil.rmtree(work, ignore_errors=True)
        return self._clean

    def duration(self, scratch: Path) -> float:
        """Seconds an uninterrupted run takes (with the process start)."""
        work = scratch / f"timed-{self.name}"
        shutil.rmtree(work, ignore_errors=True)
        self.layout(work)
        began = time.monotonic()
        done = run(self.argv(work), work / "home")
        took = time.monotonic() - began
        assert done.returncode == 0, done.stderr[-2000:]
        shutil.rmtree(work, ignore_errors=True)
        return took

    def once(self, scratch: Path, seed: int, *, max_delay: float = MAX_DELAY) -> Outcome:
        rng = random.Random(seed)
        delay = rng.uniform(0.0, max_delay)
        work = scratch / f"{self.name}-{seed}"
        shutil.rmtree(work, ignore_errors=True)
        self.layout(work)
        outcome = Outcome(self.name, seed, delay, False)
        outcome.killed, _ = run_and_kill(self.argv(work), work / "home", delay)
        failures = outcome.failures
        project = work / "proj" / "p.db"
        try:
            after = read_state(project)
        except Exception as exc:  # the finding itself
            failures.append(f"the project does not open after the kill: {exc!r}")
            return outcome
        if after.integrity != "ok":
            failures.append(f"integrity_check after the kill: {after.integrity}")
        failures.extend(self.check_labels(work, after))
        failures.extend(self.check_killed(work, after))
        self.before_rerun(work)
        again = run(self.argv(work), work / "home")
        if again.returncode != 0:
            failures.append(f"the next run failed (rc {again.returncode}): {again.stderr.strip()[-500:]}")
            return outcome
        final = read_state(project)
        failures.extend(self.check_rerun(work, final))
        stray = listing(work) - self.clean_listing(scratch)
        if stray:
            failures.append(f"files left that the next run did not clean: {sorted(stray)}")
        if not failures:
            shutil.rmtree(work, ignore_errors=True)
        return outcome

    def check_labels(self, work: Path, after: State) -> list[str]:
        """Every claim made before the action is there, unchanged."""
        lost = [cid for cid, row in self.before.claims.items() if after.claims.get(cid) != row]
        return [f"{len(lost)} earlier claims lost or changed, e.g. {lost[:5]}"] if lost else []


class Import(Action):
    name = "import"
    new_articles = 4000

    def make_inputs(self) -> None:
        lines = (
            json.dumps({"text": article_text(2, i), "title": f"new {i}"}) + "\n"
            for i in range(self.new_articles)
        )
        (self.cache / "in.jsonl").write_text("".join(lines), "utf-8")

    def argv(self, work: Path) -> list[str]:
        return cli("import", "--no-nlp", work / "proj" / "p.db", self.cache / "in.jsonl")

    def check_killed(self, work: Path, after: State) -> list[str]:
        added = len(after.articles) - len(self.before.articles)
        if added not in (0, self.new_articles):
            return [f"half an import: {added} of {self.new_articles} articles"]
        return []

    def check_rerun(self, work: Path, after: State) -> list[str]:
        added = len(after.articles) - len(self.before.articles)
        return [] if added == self.new_articles else [f"after the next run, {added} articles were added"]


class Annotate(Action):
    """Pre-annotation writes one batch per transaction: what a kill keeps is whole batches,
    and the next run must end where an uninterrupted one does."""

    name = "annotate"
    template_articles = 40

    def argv(self, work: Path) -> list[str]:
        return cli("annotate", work / "proj" / "p.db")

    def check_rerun(self, work: Path, after: State) -> list[str]:
        if after.analysed != len(after.articles):
            return [
                f"after the next run only {after.analysed} of {len(after.articles)} articles are analysed"
            ]
        reference = self._reference(work.parent)
        if (after.entities, after.analysed) != reference:
            return [f"entities/analysed {after.entities, after.analysed} where a clean run gives {reference}"]
        return []

    def _reference(self, scratch: Path) -> tuple[int, int]:
        stored = self.cache / "reference.json"
        if not stored.exists():
            work = scratch / "reference-annotate"
            shutil.rmtree(work, ignore_errors=True)
            self.layout(work)
            assert run(self.argv(work), work / "home").returncode == 0
            state = read_state(work / "proj" / "p.db")
            stored.write_text(json.dumps([state.entities, state.analysed]), "utf-8")
            shutil.rmtree(work, ignore_errors=True)
        entities, analysed = json.loads(stored.read_text("utf-8"))
        return entities, analysed


class Merge(Action):
    """Two annotators' files into the team's, in one transaction."""

    name = "merge"
    template_articles = 900

    def make_inputs(self) -> None:
        for n, name in enumerate(("carol", "dave")):
            make_labelled_project(self.cache / f"{name}.db", articles=self.template_articles, seed=1)
            with open_project(self.cache / f"{name}.db", create=False) as project:
                for aid in project.article_ids()[n::2][:300]:
                    project.add_claim(aid, 1, 7 + n, "opinion", annotator=name, note=f"{name} ✓")

    def argv(self, work: Path) -> list[str]:
        return cli("merge", work / "proj" / "p.db", self.cache / "carol.db", self.cache / "dave.db")

    def _references(self, scratch: Path) -> tuple[list[ClaimRow], list[ClaimRow]]:
        stored = self.cache / "reference.json"
        if not stored.exists():
            work = scratch / "reference-merge"
            shutil.rmtree(work, ignore_errors=True)
            self.layout(work)
            assert run(self.argv(work), work / "home").returncode == 0
            once = read_state(work / "proj" / "p.db").claim_set()
            assert run(self.argv(work), work / "home").returncode == 0
            twice = read_state(work / "proj" / "p.db").claim_set()
            stored.write_text(json.dumps([once, twice]), "utf-8")
            shutil.rmtree(work, ignore_errors=True)
        once, twice = json.loads(stored.read_text("utf-8"))
        return [tuple(row) for row in once], [tuple(row) for row in twice]  # type: ignore[misc]

    def check_killed(self, work: Path, after: State) -> list[str]:
        once, _ = self._references(work.parent)
        self._merged = after.claim_set() == once
        if after.claim_set() not in (self.before.claim_set(), once):
            counts = f"{len(after.claims)} claims, {len(self.before.claims)} before, {len(once)} merged"
            return [f"half a merge: {counts}"]
        return []

    def check_rerun(self, work: Path, after: State) -> list[str]:
        once, twice = self._references(work.parent)
        expected = twice if getattr(self, "_merged", False) else once
        return [] if after.claim_set() == expected else ["the next merge ended elsewhere than a clean one"]


class _OutputAction(Action):
    """An action that writes a file or folder: after a kill it is the old one or a whole new one."""

    def output(self, work: Path) -> Path:
        raise NotImplementedError

    def whole(self, work: Path) -> str | None:
        """Why the output is not a whole new one (None when it is)."""
        raise NotImplementedError

    def old(self, work: Path) -> bool:
        """Whether the output is as it was before the action."""
        return not self.output(work).exists()

    def check_killed(self, work: Path, after: State) -> list[str]:
        if self.old(work):
            return []
        why = self.whole(work)
        return (
            [f"{self.output(work).name} after the kill is neither the old one nor whole: {why}"]
            if why
            else []
        )

    def check_rerun(self, work: Path, after: State) -> list[str]:
        why = self.whole(work)
        return [f"after the next run {self.output(work).name} is not whole: {why}"] if why else []


class Export(_OutputAction):
    name = "export"
    template_articles = 3000
    _OLD = b'{"old": "an earlier export"}\n'

    def layout(self, work: Path) -> None:
        super().layout(work)
        (work / "out" / "e.jsonl").write_bytes(self._OLD)

    def argv(self, work: Path) -> list[str]:
        return cli("export", work / "proj" / "p.db", "-o", work / "out" / "e.jsonl", "--force")

    def output(self, work: Path) -> Path:
        return work / "out" / "e.jsonl"

    def old(self, work: Path) -> bool:
        return self.output(work).read_bytes() == self._OLD

    def whole(self, work: Path) -> str | None:
        lines = self.output(work).read_bytes().splitlines()
        if len(lines) != len(self.before.articles):
            return f"{len(lines)} lines for {len(self.before.articles)} articles"
        try:
            for line in lines:
                json.loads(line)
        except ValueError as exc:
            return f"a line is not JSON ({exc})"
        return None


class _CopyAction(_OutputAction):
    """A new project file (backup, Save a Copy, restore): absent, or a project that opens whole."""

    template_articles = 40000

    def output(self, work: Path) -> Path:
        return work / "out" / "copy.db"

    def whole(self, work: Path) -> str | None:
        try:
            state = read_state(self.output(work))
        except Exception as exc:  # the finding itself
            return f"does not open: {exc!r}"
        if (
            state.integrity != "ok"
            or state.claims != self.before.claims
            or state.articles != self.before.articles
        ):
            return "opens, but differs from the project"
        return None

    def before_rerun(self, work: Path) -> None:
        # The copy never replaces a file: a person who has a whole copy and tries again names it anew.
        if self.output(work).exists():
            self.output(work).unlink()


class Backup(_CopyAction):
    name = "backup"

    def argv(self, work: Path) -> list[str]:
        return cli("backup", work / "proj" / "p.db", self.output(work))


class SaveCopy(_CopyAction):
    name = "save-copy"

    def argv(self, work: Path) -> list[str]:
        return worker("save-copy", work / "proj" / "p.db", self.output(work))


class Restore(_CopyAction):
    name = "restore"

    def argv(self, work: Path) -> list[str]:
        return worker("restore", work / "proj" / "p.db", self.output(work))


class Release(_OutputAction):
    name = "release"
    template_articles = 3000

    def argv(self, work: Path) -> list[str]:
        return cli("release", work / "proj" / "p.db", work / "out" / "rel", "--labels", "all", "--force")

    def output(self, work: Path) -> Path:
        return work / "out" / "rel"

    def whole(self, work: Path) -> str | None:
        folder = self.output(work)
        sums = folder / "SHA256SUMS"
        if not sums.is_file():
            return "no SHA256SUMS"
        for line in sums.read_text("utf-8").splitlines():
            digest, _, name = line.partition("  ")
            if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest:
                return f"{name} does not match its checksum"
        return None


@dataclass(frozen=True)
class Models:
    """The suggestion models a project holds, as the window and the next training meet them."""

    weights: dict[int, str]
    """Model id -> SHA-256 of its config and weights ("" once its weights were pruned)."""
    current: int | None
    """The model suggestions come from (`latest_model`)."""
    problem: str | None
    """Why the current model cannot be rebuilt (`model_problem`), None when it can."""
    suggested_by: set[int]
    suggestions: int


def read_models(path: Path) -> Models:
    from annotator.nlp.claim_classifier import MAX_CONFIG_BYTES, MAX_WEIGHT_BYTES
    from annotator.services.project import store_of
    from annotator.services.suggestions import model_problem
    from annotator.store.suggestions import latest_model, model_payload, models, suggestions

    with open_project(path, create=False) as project:
        store = store_of(project)
        weights: dict[int, str] = {}
        for record in models(store):
            digest = ""
            if record.has_weights:
                config, blob = model_payload(
                    store, record.id, max_config_bytes=MAX_CONFIG_BYTES, max_weight_bytes=MAX_WEIGHT_BYTES
                )
                text = config.encode("utf-8") if isinstance(config, str) else config
                digest = hashlib.sha256(text + b"\0" + blob).hexdigest()
            weights[record.id] = digest
        current = latest_model(store)
        stored = suggestions(store)
        return Models(
            weights=weights,
            current=None if current is None else current.id,
            problem=model_problem(project),
            suggested_by={s.model_id for s in stored},
            suggestions=len(stored),
        )


class Train(Action):
    """`annotator train` on a project that already has a model and its suggestions: a kill
    leaves the old model current with its suggestions, or a whole new one with its own."""

    name = "train"
    template_articles = 600
    max_delay = 4.0
    """The model and its suggestions are saved at the very end of a run of over 2 s."""
    preannotated = 60
    """Articles with candidates, so training has something to suggest for."""

    def __init__(self, cache: Path) -> None:
        super().__init__(cache)
        self.models_before = read_models(self.template)
        assert self.models_before.current is not None and self.models_before.suggestions, "no model to keep"

    def prepare(self, project: Path) -> None:
        from annotator.services.preannotate import preannotate
        from annotator.services.suggestions import train_claim_model

        with open_project(project, create=False) as opened:
            preannotate(opened, opened.article_ids()[: self.preannotated])
            train_claim_model(opened)

    def argv(self, work: Path) -> list[str]:
        return cli("train", work / "proj" / "p.db")

    def check_killed(self, work: Path, after: State) -> list[str]:
        found = read_models(work / "proj" / "p.db")
        failures = self._whole(found)
        old = self.models_before.current
        assert old is not None
        if found.weights.get(old) != self.models_before.weights[old]:
            failures.append(f"the earlier model {old} was lost or changed")
        if found.suggestions != self.models_before.suggestions:
            # The candidates are the same, so the old model and a new one suggest for as many.
            failures.append(
                f"model {found.current} is current with {found.suggestions} suggestions, "
                f"{self.models_before.suggestions} before"
            )
        return failures

    def check_rerun(self, work: Path, after: State) -> list[str]:
        found = read_models(work / "proj" / "p.db")
        failures = self._whole(found)
        if found.current == self.models_before.current:
            failures.append("the next training stored no new model")
        if found.suggestions != self.models_before.suggestions:
            failures.append(
                f"{found.suggestions} suggestions after the next training, a clean one makes "
                f"{self.models_before.suggestions}"
            )
        return failures

    def _whole(self, found: Models) -> list[str]:
        """The current model rebuilds and every suggestion is its own."""
        failures = []
        if found.current is None:
            failures.append("no model is current")
        elif found.problem is not None:
            failures.append(f"the current model {found.current} does not load: {found.problem}")
        if found.suggested_by - {found.current}:
            failures.append(
                f"suggestions of models {sorted(found.suggested_by)} beside the current {found.current}"
            )
        return failures


class Labels(Action):
    """A loop of key-press writes in a child: the project holds a prefix of them."""

    name = "labels"
    template_articles = 60
    count = 3000
    _seed = 0

    def argv(self, work: Path) -> list[str]:
        return worker("labels", work / "proj" / "p.db", self._seed, self.count)

    def once(self, scratch: Path, seed: int, *, max_delay: float = MAX_DELAY) -> Outcome:
        self._seed = seed
        rng = random.Random(seed)
        delay = rng.uniform(0.0, max_delay)
        work = scratch / f"{self.name}-{seed}"
        shutil.rmtree(work, ignore_errors=True)
        self.layout(work)
        outcome = Outcome(self.name, seed, delay, False)
        outcome.killed, out = run_and_kill(self.argv(work), work / "home", delay)
        acknowledged = sum(line.startswith("A ") for line in out.splitlines() if line)
        after = read_state(work / "proj" / "p.db")
        if after.integrity != "ok":
            outcome.failures.append(f"integrity_check after the kill: {after.integrity}")
        lengths = [acknowledged, min(acknowledged + 1, self.count)]
        expected = states_after_prefixes(self.template, work / "replay.db", seed, self.count, lengths)
        if not any(_same_labels(after, state) for state in expected):
            outcome.failures.append(f"the project is not the first {acknowledged} (or one more) writes")
        if not outcome.failures:
            shutil.rmtree(work, ignore_errors=True)
        return outcome


def _same_labels(actual: State, expected: State) -> bool:
    return actual.claims == expected.claims and actual.articles == expected.articles


ACTIONS: dict[str, type[Action]] = {
    action.name: action
    for action in (Import, Annotate, Merge, Export, Backup, SaveCopy, Restore, Release, Train, Labels)
}
