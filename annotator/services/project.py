"""The project as scripts, the CLI and the window use it.

`Project` *has* a `ProjectStore` rather than being one: callers get reading, the
edits (`execute` / `revert` of `core.commands`, and the scripting shortcuts that
build them) and import, and nothing else. The store's plumbing (its connection,
`transaction()`, and the writes a command makes from inside its transaction, such
as `insert_claim` or `set_article_status`) stays private, so no caller can save an
edit that bypasses undo and refresh. Use cases in `services` that need the store
itself (pre-annotation, merge, suggestions) get it with `store_of`; the window and
the CLI never do. Opening goes through `open_project` so every caller gets the same
checks.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.commands import (
    AddClaim,
    Carried,
    Change,
    Command,
    DeleteClaim,
    SetArticleStatus,
    UpdateClaim,
)
from annotator.core.entity_decisions import DecidedName
from annotator.core.model import (
    AnnotatedArticle,
    Article,
    ArticleDraft,
    ArticleStatus,
    ArticleSummary,
    Claim,
    ClaimCandidate,
    ClaimLabel,
    Entity,
    PipelineInfo,
    Quote,
)
from annotator.services import labelling
from annotator.services.paths import PROJECT_NAME_MAX, check_project_path, fitting_name
from annotator.store import ProjectStore
from annotator.store.checked_files import CheckedFile
from annotator.store.held_files import file_key
from annotator.store.keeper import NEEDED as _KEEPER_NEEDED
from annotator.store.keeper import ProjectKeeper
from annotator.store.project_store import FoundAtPath, check_to_open, found_at, let_go_of_check, row_warnings
from annotator.store.shared_places import SharedPlace

__all__ = [
    "CheckedFile",
    "FoundAtPath",
    "ImportReport",
    "Project",
    "ProjectStats",
    "check_before_opening",
    "found_for_new_project",
    "open_project",
    "row_warnings",
    "store_of",
]

if TYPE_CHECKING:
    from annotator.core.progress import CancelFn, ProgressFn
    from annotator.core.reports import GoldDecision, ImportReport, ProjectStats


def __getattr__(name: str) -> Any:
    """The re-exported reports, loaded when asked for: opening the window builds none of them."""
    if name in ("ImportReport", "ProjectStats"):
        from annotator.core import reports

        return getattr(reports, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Project:
    """A project file opened for reading and editing; close it (or use `with`) when done.

    Not thread-safe: one `Project` per thread (workers open their own).
    """

    def __init__(self, path: str | Path, *, create: bool = True, checked: CheckedFile | None = None) -> None:
        check_project_path(Path(path), new=not os.path.lexists(path))
        self._store = ProjectStore(Path(path), create=create, checked=checked)
        self._keeper: ProjectKeeper | None = None

    # -- the file ------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def identity(self) -> str:
        """Which project this is, whatever its path: when it was created (`meta.created_at`,
        written once, when the file is made, and kept by every copy), "" without it.

        A project made anew where another was has the other's path: only this tells them apart
        (`store.backup.project_identity` reads it from a file that is not open)."""
        return self._store.get_meta("created_at") or ""

    @property
    def opened_elsewhere(self) -> bool:
        """Another annotator process had the project open when this one opened it."""
        return self._store.opened_elsewhere

    @property
    def shared_place(self) -> SharedPlace | None:
        """What shares the project's folder with other computers (a sync tool's folder, a
        network share), or None: there each action is saved into the project file
        itself, and the person is told to close the project before another computer opens it."""
        return self._store.shared_place

    @property
    def read_only(self) -> bool:
        """The project file cannot be written here: it can be read, and every save is refused."""
        return self._store.read_only

    @property
    def copy_before_update(self) -> Path | None:
        """Where this opening kept the file as it was before updating it from an earlier
        version, or None: the window and the CLI name it, since the update cannot be undone."""
        return self._store.copy_before_update

    @property
    def schema_version(self) -> int:
        return self._store.schema_version

    def integrity_check(self) -> str:
        return self._store.integrity_check()

    @property
    def created(self) -> bool:
        """This process made the file (so a rejected first import may discard it)."""
        return self._store.created

    def keep_locks(self) -> None:
        """Have a small second process hold the project open while this one does
        (`store.keeper`): for the window, where a file dialog's stray close can drop this
        process's SQLite locks and let a background process delete the journal in use.
        A command-line run opens no dialog and needs none. Nor does a read-only project, to
        which nothing is saved: on a write-protected stick or a read-only share, a keeper could
        not even open it."""
        if self.read_only:
            return
        if self._keeper is not None and not self._keeper.alive():
            self._stop_keeper()  # killed or gone: a new one, or the window is unguarded
        if self._keeper is None:
            self._keeper = ProjectKeeper(self.path)
            self._keeper.start()

    def set_busy_timeout(self, ms: int) -> None:
        """How long a save waits for another program's write lock before it is refused.

        Ten seconds by default, right for a command or a worker; the window's thread cannot
        stand still that long, so it waits briefly and lets the person wait or cancel
        (`ui.lock_wait`).
        """
        self._store.set_busy_timeout(ms)

    def changed_elsewhere(self) -> bool:
        """Whether another window or program saved to the project since this was last asked
        (`ProjectStore.changed_elsewhere`); the first call only takes note."""
        return self._store.changed_elsewhere()

    def file_moved(self) -> bool:
        """Whether the project file was renamed, moved or deleted while open."""
        return self._store.file_moved()

    def save_copy(
        self, target: Path, *, progress: ProgressFn | None = None, cancel: CancelFn | None = None
    ) -> None:
        """Write the open project, all saved so far, to the new file `target`.

        `target` is checked as every output is (`outputs.check_output`): the project itself, its
        `-wal` or `-shm` were refused only as files that "already exist", a folder or `/dev/null`
        the same, and a copy named after a project's `-journal` made that project unopenable.
        """
        from annotator.services.outputs import check_output

        check_output(target, project=self.path, force=True)  # an existing file: the store refuses it
        check_project_path(target)  # a copy SQLite could not open again is no copy
        self._store.save_copy(target, progress=progress, cancel=cancel)

    def stop_saving(self, reason: str) -> None:
        """Refuse every edit from now on, saying `reason`: the file left its path and no copy
        could be put back, so what is saved would reach only the deleted file
        (`ProjectStore.stop_saving`). `save_copy` still saves all of it elsewhere."""
        self._store.stop_saving(reason)

    @property
    def saving_stopped(self) -> bool:
        """Whether `stop_saving` was called."""
        return self._store.saving_stopped

    def save_where_it_was(self) -> Path:
        """For a project whose file left its path while open (`file_moved`): copy all of it,
        write-ahead log included, back to the path, or beside it under a dated name if another
        file took the path; close this project; return where the copy is.

        The copy is made beside the path first and renamed into place after the close: the
        moved file's write-ahead log stays under the old name until then, and SQLite would
        replay it into a copy already there. Raises (closing nothing) if no copy can be made.
        """
        path = self.path
        # Cut to fit (`paths.fitting_name`): a project whose name was as long as a name may be
        # could not be put back, the hidden and the dated names being longer.
        scratch = path.with_name(
            fitting_name(f".{path.name}", f".saving-{os.getpid()}", room=PROJECT_NAME_MAX)
        )
        scratch.unlink(missing_ok=True)
        self.save_copy(scratch)
        companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
        ours = [file_key(companion) for companion in companions]  # the moved file's, in use
        self.close()
        stamp = datetime.now().strftime("%Y-%m-%d %H.%M")
        # If another file took its place: never over it, nor over a copy saved this minute.
        counts = ["", *(f" {count}" for count in range(2, _SAVED_COPIES_A_MINUTE + 1))]
        endings = [f" (saved {stamp}){count}.annotator.db" for count in counts]
        stem = path.name.split(".")[0]
        dated = [path.with_name(fitting_name(stem, ending, room=PROJECT_NAME_MAX)) for ending in endings]
        if os.path.lexists(path):
            names = dated
            # An older copy put back by hand (`mv`, a file manager) would read the moved file's
            # log as its own, a mix of two projects: it goes, its pages being in the copy made
            # above; a log the file in the path's place has made since is left alone.
            for companion, key in zip(companions, ours, strict=True):
                if key is not None and file_key(companion) == key:
                    with contextlib.suppress(OSError):
                        companion.unlink()
        else:
            names = [path, *dated]
            for companion in companions:  # the moved file's, left under the old name
                with contextlib.suppress(OSError):
                    companion.unlink()
        try:
            return _moved_to_a_free_name(scratch, names)
        except OSError:
            return scratch

    @property
    def keeper_pid(self) -> int | None:
        """The keeping process's id, if one runs (see `keep_locks`)."""
        return None if self._keeper is None else self._keeper.pid

    @property
    def guarded_by_a_process(self) -> bool:
        """Whether `keep_locks` starts a keeping process here (POSIX, not read-only)."""
        return _KEEPER_NEEDED and not self.read_only

    def locks_kept(self, timeout: float = 0.0) -> bool:
        """Whether the keeping process holds the project now (waiting up to `timeout` s)."""
        return self._keeper is not None and self._keeper.ready(timeout)

    def close(self) -> None:
        try:
            self._store.close()
        finally:
            self._stop_keeper()

    def _stop_keeper(self) -> None:
        keeper, self._keeper = self._keeper, None
        if keeper is not None:
            keeper.stop()

    def discard_if_unused(self) -> bool:
        """Close, and remove the files if this process created them, no other process has them
        open and they hold nothing (see `ProjectStore.discard_if_unused`)."""
        self._stop_keeper()
        return self._store.discard_if_unused()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        return self._store.get_meta(key, default)

    def annotators(self) -> list[str]:
        return self._store.annotators()

    def renames(self) -> dict[str, str]:
        """The project's renamed people: each old name with the name in use now."""
        return self._store.renames()

    def claim_authors(self) -> list[str]:
        """Who owns a claim (`gold` included), by name: cheap enough to ask before a dialog opens."""
        return self._store.claim_authors()

    def shares_an_article(self) -> bool:
        """Whether two annotators labelled some article in common, so their labels can be
        compared at all. Cheap enough to ask on the window's thread."""
        return self._store.shares_an_article()

    def has_agreed_span(self) -> bool:
        """Whether two annotators labelled some span alike: with no gold decision either, gold
        labels (`export --gold`) hold nothing. Cheap enough to ask before a dialog opens."""
        return self._store.has_agreed_span()

    def reviewers(self) -> list[str]:
        """Who decided gold labels or "no claim" (`decided_by`), each row checked as it is read.

        A release must pseudonymise them too: a reviewer may own no claim of their own.
        """
        return sorted({d.decided_by for d in self.gold_decisions()} - {""})

    def gold_decisions(self) -> list[GoldDecision]:
        """Every gold label and "no claim" decision, in text order, each row checked as it is read."""
        from annotator.store.merge import gold_decisions

        return gold_decisions(self._store)

    def article_count(self) -> int:
        return self._store.article_count()

    def article_ids(self) -> list[int]:
        return self._store.article_ids()

    def first_to_open(self) -> int | None:
        """The article a project opens on: the first not done in list order, else the first;
        None if there is none. Reads no more of the list than that."""
        return self._store.first_to_open()

    def articles(self, article_ids: Iterable[int] | None = None) -> list[ArticleSummary]:
        """Everything the article list shows, in one query (no article texts loaded); with
        `article_ids`, only those articles' rows, for a list that follows an edit."""
        return self._store.articles(article_ids)

    def articles_containing(self, needle: str) -> frozenset[int]:
        """The articles whose text holds `needle` from the start of a word, ignoring case and
        accents (`core.search.holds`): the list's search of the texts."""
        return self._store.articles_containing(needle)

    def notes_containing(self, needle: str) -> dict[int, int]:
        """How many claims' notes (any annotator's) hold `needle` in each article that has one,
        by the same test as `articles_containing`: the list's search of the notes."""
        return self._store.notes_containing(needle)

    def article(self, article_id: int) -> Article:
        return self._store.article(article_id)

    def annotated(self, article_id: int) -> AnnotatedArticle:
        """One article with its claims, entities, quotations and candidates."""
        return self._store.annotated(article_id)

    def iter_annotated(
        self,
        *,
        status: ArticleStatus | str | None = None,
        tokenizer: str | None = None,
        claims: bool = True,
    ) -> Iterator[AnnotatedArticle]:
        """Every article (or those with `status`) with claims, entities and quotations, streamed.

        What exports read: one query per table instead of a round per article. With
        `tokenizer`, the tokens stored under that name come along (see `core.tokens`);
        `claims=False` leaves the claims out (a release brings its own).
        """
        return self._store.iter_annotated(status=status, tokenizer=tokenizer, claims=claims)

    def analysis_pipeline(self, article_id: int) -> PipelineInfo | None:
        return self._store.analysis_pipeline(article_id)

    def analysed_at(self, article_id: int) -> str | None:
        """When pre-annotation last wrote the article's suggestions, or None (`ProjectStore.analysed_at`)."""
        return self._store.analysed_at(article_id)

    def articles_needing_analysis(self, pipeline: PipelineInfo | None = None) -> list[int]:
        return self._store.articles_needing_analysis(pipeline)

    def entities(self, article_id: int) -> list[Entity]:
        return self._store.entities(article_id)

    def quotes(self, article_id: int) -> list[Quote]:
        return self._store.quotes(article_id)

    def candidates(self, article_id: int) -> list[ClaimCandidate]:
        return self._store.candidates(article_id)

    def get_claim(self, claim_id: int) -> Claim:
        return self._store.get_claim(claim_id)

    def claims(self, article_id: int | None = None, *, annotator: str | None = None) -> list[Claim]:
        """Claims in text order, optionally of one article or annotator."""
        return self._store.claims(article_id, annotator=annotator)

    def iter_claims(self) -> Iterator[Claim]:
        return self._store.iter_claims()

    def stats(self, *, claims_checked: bool = False) -> ProjectStats:
        """Counts of the whole project (`ProjectStore.stats`); `claims_checked`: the caller has read
        every claim, checked, already (`iter_claims`), so they are not read again."""
        return self._store.stats(claims_checked=claims_checked)

    def decided_names(self) -> list[DecidedName]:
        """What the team's entity decisions carry, name by name (`ProjectStore.decided_names`)."""
        return self._store.decided_names()

    def carry_decisions(self, article_id: int, *, keep: frozenset[int] = frozenset()) -> tuple[int, int]:
        """The project's entity decisions applied to an article pre-annotated before them:
        (suggestions left out, suggestions added); see `ProjectStore.carry_decisions`. The
        suggestions `keep` names stay (an edit waiting to be redone names them)."""
        return self._store.carry_decisions(article_id, self._store.entity_decisions(), keep=keep)

    def label_checks(self) -> list[tuple[str, float, str]]:
        return self._store.label_checks()

    def entity_checks(self) -> list[tuple[str, str, int]]:
        return self._store.entity_checks()

    def quote_checks(self) -> tuple[int, list[tuple[Any, ...]]]:
        return self._store.quote_checks()

    # -- editing -------------------------------------------------------------------

    def execute(self, command: Command, *, carried: Carried | None = None) -> Change:
        """Apply an edit command in one committed transaction; a redo passes what its undo
        carried (`Change.carried`), to take it back in the same transaction."""
        return self._store.execute(command, carried=carried)

    def revert(self, command: Command, *, carried: Carried | None = None) -> Change:
        """Undo an edit command in one committed transaction: undo is saved like any edit; the
        edit's (or its redo's) `Change.carried` is taken back in the same transaction."""
        return self._store.revert(command, carried=carried)

    def add_claim(
        self,
        article_id: int,
        start: int,
        end: int,
        label: ClaimLabel | str,
        *,
        annotator: str,
        note: str = "",
    ) -> Claim:
        """Label a span, as the window does; committed before this returns.

        The same rules as a key press in the window (`services.labelling`): the
        first claim of a new article also moves it to in progress, and `annotator`
        may not be `gold`, the reviewers' name (their decisions go through `adjudication`).
        """
        add = AddClaim(
            Claim(
                article_id=article_id,
                start=start,
                end=end,
                label=ClaimLabel(label),
                annotator=annotator,
                note=note,
            )
        )
        self.execute(labelling.adding_claim(self.article(article_id), add))
        assert add.created is not None
        return add.created

    def update_claim(
        self, claim_id: int, *, label: ClaimLabel | str | None = None, note: str | None = None
    ) -> Claim:
        self.execute(UpdateClaim(claim_id, label=ClaimLabel(label) if label is not None else None, note=note))
        return self.get_claim(claim_id)

    def delete_claim(self, claim_id: int) -> None:
        article_id = self.get_claim(claim_id).article_id
        self.execute(labelling.deleting_claim(self.article(article_id), DeleteClaim(claim_id)))

    def set_status(self, article_id: int, status: ArticleStatus | str) -> None:
        self.execute(SetArticleStatus(article_id, ArticleStatus(status)))

    # -- adding articles -----------------------------------------------------------

    def import_drafts(self, drafts: Iterable[ArticleDraft]) -> ImportReport:
        """Add articles (with what they carry) in one transaction; known texts are skipped."""
        return self._store.import_drafts(drafts)

    def import_texts(self, texts: Iterable[str], *, title: str = "", source: str = "") -> ImportReport:
        """Scripting shortcut: plain strings become articles."""
        return self._store.import_texts(texts, title=title, source=source)


_SAVED_COPIES_A_MINUTE = 99
"""How many copies of one project `save_where_it_was` names in the same minute before it gives up."""


def _moved_to_a_free_name(scratch: Path, names: Iterable[Path]) -> Path:
    """`scratch` renamed to the first of `names` no file has; raises if none is free.

    The check and the rename are one step (a hard link, which fails on a name taken; on a disk
    without hard links, the name claimed by creating it first): a copy saved by another window
    of the project in the same minute, under the same dated name, was replaced, and the first
    window's work from then on went into a file gone from the folder.
    """
    for name in names:
        try:
            os.link(scratch, name)
        except FileExistsError:
            continue
        except OSError:  # no hard links here (a FAT disk, some network shares)
            try:
                os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
            except FileExistsError:
                continue
            try:
                os.replace(scratch, name)
            except OSError:
                with contextlib.suppress(OSError):
                    name.unlink()  # the empty file claiming the name, not a copy
                raise
            return name
        with contextlib.suppress(OSError):
            scratch.unlink()
        return name
    raise FileExistsError(f"every name for a copy of {scratch.name} is taken")


def store_of(project: Project) -> ProjectStore:
    """The store behind a project, for the use cases in `services` that write outside commands.

    Pre-annotation, merge, guidelines and suggestions save what is not a person's edit;
    they take it from here. The window and the CLI never call this.
    """
    return project._store


def open_project(path: str | Path, *, create: bool = True, checked: CheckedFile | None = None) -> Project:
    """Open a project file, creating it when missing (unless `create=False`).

    Refuses non-SQLite, damaged and newer-schema files with a one-line
    `ProjectFileError`, leaving them untouched. `checked`: what `check_before_opening` found
    on another thread, which stands for the checks while the file is as it was then.
    """
    return Project(Path(path), create=create, checked=checked)


def check_before_opening(path: str | Path) -> CheckedFile:
    """The checks `open_project` makes on an existing file, made here in full (in the pool), so
    the window's open of a large project does not stand still for them; raises as it would."""
    check_project_path(Path(path), new=False)
    return check_to_open(Path(path))


def not_opening(path: str | Path, checked: CheckedFile) -> None:
    """`check_before_opening` passed, but the file is not to be opened after all: what the
    checks left beside it for the opening goes (`store.project_store.let_go_of_check`)."""
    let_go_of_check(Path(path), checked)


def found_for_new_project(path: str | Path) -> FoundAtPath:
    """What the file a new project was named after holds (`store.project_store.found_at`)."""
    return found_at(Path(path))
