"""Bringing several people's project files together, and the gold labels a reviewer decides.

Merging identifies things by what they are, never by row ids, which differ per file:

* an article is its content hash (the same text imported by two people is one article); a
  new article whose title the team file holds with other text comes in and is named as a conflict;
* a claim is (content hash, start, end, annotator): the same person's label on the same
  span. Merging a claim that is already there changes nothing, so merging a file twice
  is a no-op. If the label or note differ on two versions of one claim (same `created_at`),
  the later `updated_at` is the later change, as only its author changes a claim: a newer
  version in the source replaces the team's, an older one (a copy of the team file sent
  back) leaves it, and the report counts both. Otherwise a difference is a *conflict*: the
  team file keeps what it has and the report names it. Nothing is deleted: a claim of a
  person the source brings claims of, on one of its articles, that the source no longer
  holds is kept and named as a conflict too, unless it was made after the source's last
  stamp of that person (the source never held it).
* an entity is (content hash, start, end, label). Suggestions are carried over with
  articles new to the team file, but not one kept only for the source window's redo that no
  analysis finds now (`ENTITY_OUTDATED`); a person's decision (accepted / rejected / added) is
  also carried into articles the team file already has, replacing only a suggestion. One
  against a decision the team file holds on the span (another status of the type, or another
  type named there) is a conflict, named by the files and their people (entity rows name none).

The source file is read through its own read-only connection and everything is
written in one `BEGIN IMMEDIATE` transaction on the team file, so an interrupted
merge (even a killed process) leaves the team file as it was.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from annotator.core.entity_decisions import DECISIONS_CARRIED_META, entity_name
from annotator.core.errors import (
    NO_REVIEWER,
    Cancelled,
    DamagedProjectError,
    NotAProjectError,
    ProjectFileError,
    UserError,
    missing_reason,
)
from annotator.core.limits import MAX_META_CHARS
from annotator.core.model import (
    ENTITY_OUTDATED,
    GOLD_ANNOTATOR,
    QUOTE_CORRECTED,
    QUOTE_IMPORTED,
    QUOTE_REMOVED,
    ArticleStatus,
    Claim,
    ClaimLabel,
    stamp_moment,
)
from annotator.core.progress import ProgressFn
from annotator.core.reports import GoldDecision, MergeConflict, MergeReport
from annotator.core.settings import MAX_NAME_CHARS, NameProblem, annotator_name, annotator_name_problem
from annotator.core.text import byte_size, content_hash
from annotator.core.validate import InvalidValue, check_int, check_text
from annotator.store import rows as rules
from annotator.store.checks import (
    BAD_ROW_ADVICE,
    READ_MEASURED_TABLES,
    SQLITE_MAGIC,
    open_error,
    oversized_suggestions,
    read_header,
    read_only_connection,
)
from annotator.store.project_store import (
    MAX_LEFT_OUT_ROWS,
    NAMED_BY_A_PERSON,
    OTHER_TYPES_SUGGESTED_AT,
    REPLACED_BY_PREANNOTATION,
    ROW_WARNINGS_PER_TABLE,
    ProjectStore,
    check_connection,
    now_iso,
    row_warnings,
    undecodable_row,
)
from annotator.store.stray_wal import read_alone

Span = tuple[int, int]


MAX_ROW_BYTES = 64 * 1024 * 1024
"""No row of a source is read if it is larger than this (SQLite's length limit on the source
connection): a crafted 900 MB blob is refused before a byte of it reaches Python."""

MAX_ROWS = 20_000_000
"""Rows per table a source may hold; far more than any real project."""

_CHECK_EVERY = 256

CLOCK_SLACK = timedelta(hours=1)
"""How far after this computer's clock a claim's stamp may be before a merge says its clock ran
ahead: stamps are UTC, so a time zone moves none; laptops' clocks differ by minutes, while a
clock set to the wrong zone's hour is hours off."""

_TEAM_QUOTE_COLUMNS = (
    "article_id", "start", "end", "id", "kind", "speaker_start", "speaker_end", "speaker_name", "model",
)  # fmt: skip
"""What a merge reads of the team file's quotations in the articles it touches."""


def _quoted(columns: tuple[str, ...]) -> list[str]:
    return [f'"{column}"' for column in columns]


class _Source:
    """The source file, read through a guarded connection: every row is counted, sized and checked.

    Any value that import would refuse (wrong type, offsets outside the text, labels outside
    the three, NUL, unpaired surrogates, non-finite numbers, metadata that is not a JSON
    object, a content hash that is not the hash of the text) refuses the whole file with one
    line naming the table and row; `cancel()` is asked every few hundred rows at every stage.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        cancel: Callable[[], bool] | None,
        left_out: dict[str, list[int]] | None = None,
    ) -> None:
        self.conn = conn
        self.path = path
        self.cancel = cancel
        # Row ids of suggestions too large to read, by table (`_oversized_suggestions`): not merged.
        self.left_out = left_out or {}
        self.read = 0
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_ROW_BYTES)
        conn.execute("PRAGMA query_only = ON")

    def refuse(self, table: str, row_id: object, reason: str) -> ProjectFileError:
        where = f"{table} row {row_id}" if row_id is not None else table
        return DamagedProjectError(self.path, f"{where}: {reason}; nothing was merged")

    def unreadable(self, table: str, exc: sqlite3.Error) -> ProjectFileError:
        """The refusal of a read that failed; a value that is not UTF-8 is looked up by row.

        sqlite3 names only the column it could not decode, and "claims: a value is not valid
        UTF-8 text" sent the person to `stats` to learn which row to repair; the row is named
        as `stats` and `export` name it (`undecodable_row`).
        """
        if "decode" in str(exc).lower():
            try:
                where = undecodable_row(self.conn, (table,), exc)
            except sqlite3.Error:
                return self.refuse(table, None, _read_problem(exc))
            return DamagedProjectError(self.path, f"{where}; nothing was merged")
        return self.refuse(table, None, _read_problem(exc))

    def tick(self) -> None:
        self.read += 1
        if self.read % _CHECK_EVERY == 0 and self.cancel is not None and self.cancel():
            raise Cancelled("merge cancelled; the team file is unchanged")

    def rows(self, table: str, sql: str) -> Iterator[tuple[Any, ...]]:
        count = self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if count > MAX_ROWS:
            raise self.refuse(table, None, f"{count:,} rows, over the limit of {MAX_ROWS:,}")
        try:
            cursor = self.conn.execute(sql)
        except sqlite3.Error as exc:
            raise self.unreadable(table, exc) from exc
        # Closed however the read ends: a refusal raised here keeps this frame, and the cursor in
        # it, in its traceback, and SQLite does not close a connection while a statement of it
        # lives. The source (and its deleted -wal/-shm) stayed open after the refusal, until
        # Python's collector freed the traceback's cycle, minutes later in a quiet window.
        try:
            while True:
                try:
                    row = cursor.fetchone()
                except sqlite3.Error as exc:
                    raise self.unreadable(table, exc) from exc
                if row is None:
                    return
                self.tick()
                yield row
        finally:
            cursor.close()

    def besides(self, table: str) -> str:
        """An SQL condition, to follow another with AND, that leaves out `table`'s rows in `left_out`
        (their ids are written into it: integers read from the file)."""
        return _among_none(self.left_out.get(table, []))


def _oversized_suggestions(conn: sqlite3.Connection, path: Path) -> dict[str, list[int]]:
    """The source's suggestion rows too large to read, by table, each said in a warning; a row
    holding a person's work, or more than `MAX_LEFT_OUT_ROWS` of a table, refuses the file.

    As opening the file leaves such a row out of its article (`ProjectStore.leave_out_oversized`),
    the merge leaves it out rather than refusing the whole file: a suggestion is made again by
    pre-annotating its article. Measured in SQLite, as `check_value_sizes` measures, none fetched.
    """
    found: dict[str, list[int]] = {}
    for table in sorted(READ_MEASURED_TABLES):
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
        left_out, refused = oversized_suggestions(
            conn, table, columns, REPLACED_BY_PREANNOTATION[table], at_most=MAX_LEFT_OUT_ROWS
        )
        if refused is not None:
            raise DamagedProjectError(path, f"{table} row {refused[0]}: {refused[1]}; {BAD_ROW_ADVICE}")
        for said, (row_id, why) in enumerate(left_out):
            if said < ROW_WARNINGS_PER_TABLE:
                row_warnings.warning(
                    "%s: %s row %s is ignored: %s; a suggestion, it is not merged", path, table, row_id, why
                )
        if len(left_out) > ROW_WARNINGS_PER_TABLE:
            row_warnings.warning("%s: more %s rows are ignored; they are not listed one by one", path, table)
        if left_out:
            found[table] = [row_id for row_id, _ in left_out]
    return found


def _among_none(row_ids: list[int]) -> str:
    """An SQL condition, to follow another with AND, that leaves out `row_ids` (written into it)."""
    return f" AND id NOT IN ({', '.join(str(int(i)) for i in row_ids)})" if row_ids else ""


def _read_problem(exc: sqlite3.Error) -> str:
    message = str(exc)
    if "too big" in message:
        return f"a row is larger than {byte_size(MAX_ROW_BYTES)}, which no project row is"
    if "decode" in message.lower():
        return "a value is not valid UTF-8 text"
    return f"cannot be read ({message})"


@dataclass(frozen=True, slots=True)
class _SourceArticle:
    source_id: int
    digest: str
    text: str
    title: str
    source: str
    meta: str
    row: tuple[Any, ...]


EntityOrigins = dict[tuple[int, int, int, str], str]
"""(team article id, start, end, type) of an entity decision a merge brought -> the file it came
from, with its people ("/x/bob.db (bob)"), for the conflicts of the files merged after it."""

_ARTICLE_COLUMNS = "content_hash, title, source, text, meta, status, origin, encoding, created_at, updated_at"


def merge_project(
    team: ProjectStore,
    source_path: str | Path,
    *,
    progress: ProgressFn | None = None,
    cancel: Callable[[], bool] | None = None,
    default_guidelines: str = "",
    entity_origins: EntityOrigins | None = None,
) -> MergeReport:
    """Merge one project file into `team` in a single transaction; see the module doc for the rules.

    `default_guidelines`: what a project without its own guidelines shows, compared with the
    source's as the team's own would be. `entity_origins`: shared by the files of one merge,
    the file each entity decision merged so far came from, so that a later file's
    contradicting decision names both files and their people (entity rows name no person).

    `progress(done, total)` is called per article; raising from it (e.g. `Cancelled`), or
    `cancel()` answering True, rolls the whole merge back. The source is checked like a
    project being opened (exact schema, no triggers or views, no damage) and every row it
    brings is validated like import input; any bad row refuses the whole file, except a cached
    analysis (a cache, rebuilt when needed), which is left out with a warning as opening it does.
    """
    source_path = Path(source_path)
    if not source_path.exists():
        raise ProjectFileError(source_path, missing_reason(source_path, "the path of the file to merge"))
    with contextlib.suppress(OSError):
        if source_path.samefile(team.path):
            raise UserError(f"{source_path}: cannot merge a project into itself; pick another file")
    if source_path.resolve() == team.path.resolve():
        raise UserError(f"{source_path}: cannot merge a project into itself; pick another file")
    try:
        header = read_header(source_path)
    except OSError as exc:
        raise ProjectFileError(source_path, f"cannot be read ({exc.strerror or exc})") from exc
    if not header:
        raise ProjectFileError(source_path, "is empty, not an annotator project; nothing to merge")
    if header != SQLITE_MAGIC:
        raise NotAProjectError(source_path, "is not an annotator project (not an SQLite file)")
    report = MergeReport(source=str(source_path))
    alone = read_alone(source_path, stamps=True)
    if alone is not None and not alone.log_fits:
        raise _log_not_its_own(source_path)  # told by its frames, before anything reads through it
    with read_only_connection(source_path) as conn:
        conn.execute("BEGIN")  # one consistent snapshot of the source, checked and then read
        try:
            try:
                version = check_connection(conn, source_path, merging=True)
            except (NotAProjectError, DamagedProjectError) as exc:
                if alone is not None:
                    raise _log_not_its_own(source_path) from exc
                raise
            if alone is not None and (alone.another_project(conn) or alone.older_state(conn)):
                raise _log_not_its_own(source_path)
            # Every row of these is read too, which the open leaves to each read to measure.
            try:
                left_out = _oversized_suggestions(conn, source_path)
            except sqlite3.Error as exc:
                raise open_error(exc, source_path, merging=True) from exc
            src = _Source(conn, source_path, cancel, left_out)
            report.suggestions_left_out = sum(len(ids) for ids in left_out.values())
            try:
                with team.transaction():
                    _merge(
                        team,
                        src,
                        version,
                        report,
                        progress,
                        default_guidelines,
                        {} if entity_origins is None else entity_origins,
                    )
            except sqlite3.IntegrityError as exc:
                # Every row is checked before it is written, so this is a source row breaking a rule
                # of the team file no check knew of: the file is refused, as a bad row is.
                raise DamagedProjectError(
                    source_path, f"holds a row the team file cannot take ({exc}); nothing was merged"
                ) from exc
            except sqlite3.OperationalError as exc:
                if "decode" not in str(exc).lower():
                    raise
                # Every read of the source names its own bad rows (`_Source.rows`): this value is the
                # team file's, written from outside as a source's can be. It ended every merge into
                # that file in "internal error", where `stats` of it named the row to repair.
                # The failed read goes first: its cursor, alive in the traceback's frames, kept
                # SQLite from closing the team file's connection (and its -wal and -shm) after.
                traceback.clear_frames(exc.__traceback__)
                where = undecodable_row(team.conn, _TEAM_TABLES_READ, exc)
                raise DamagedProjectError(team.path, f"{where}; {BAD_ROW_ADVICE}") from exc
        finally:
            if conn.in_transaction:
                # A read-only snapshot: ending it keeps or loses nothing. On a damaged file ending it
                # fails too, and that error must not hide the refusal already on its way out.
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
    return report


def _log_not_its_own(path: Path) -> ProjectFileError:
    wal = path.with_name(path.name + "-wal").name
    return ProjectFileError(
        path,
        f"the file {wal} beside it does not belong to this copy of the project (it is left from "
        "another project or an older copy), and SQLite would read it into the project; nothing was "
        f"merged. Move {wal} into another folder (keep it) and merge again",
    )


_TEAM_TABLES_READ = ("articles", "claims", "entities", "quotes", "gold_no_claim", "meta")
"""The team file's tables a merge reads, where a value that is not UTF-8 text is looked for."""


def _merge(
    team: ProjectStore,
    src: _Source,
    version: int,
    report: MergeReport,
    progress: ProgressFn | None,
    default_guidelines: str,
    entity_origins: EntityOrigins,
) -> None:
    db = team.conn
    known = {
        row[0]: (row[1], row[2], row[3], row[4])
        for row in db.execute("SELECT content_hash, id, title, source, meta FROM articles")
    }
    articles = _source_articles(src)
    total = len(articles)
    team_titles = {title for _id, title, _source, _meta in known.values() if title.strip()}
    titles_in_source = Counter(article.title for article in articles)
    id_map: dict[int, int] = {}
    texts: dict[int, str] = {}  # source id -> text, for checking every span against it
    hashes: dict[int, tuple[str, str]] = {}  # team id -> (hash, title), for conflict messages
    new_ids: set[int] = set()
    new_hashes: set[str] = set()
    for done, article in enumerate(articles, 1):
        digest = article.digest
        if digest in known:
            team_id, team_title, team_source, team_meta = known[digest]
            report.articles_matched += 1
            for kind, ours, theirs in (
                ("title", team_title, article.title),
                ("source", team_source, article.source),
                ("meta", _canonical_json(team_meta), _canonical_json(article.meta)),
            ):
                if ours != theirs:
                    report.conflicts.append(
                        MergeConflict(kind, digest, team_title, f"team {ours!r}, {report.source} {theirs!r}")
                    )
        else:
            cursor = db.execute(
                f"INSERT INTO articles({_ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", article.row
            )
            team_id = int(cursor.lastrowid or 0)
            team_title = article.title
            known[digest] = (team_id, article.title, article.source, article.meta)
            if article.title in team_titles and titles_in_source[article.title] == 1:
                report.conflicts.append(_other_text(digest, article.title, report.source))
            new_ids.add(team_id)
            new_hashes.add(digest)
            report.articles_added += 1
        id_map[article.source_id] = team_id
        texts[article.source_id] = article.text
        hashes[team_id] = (digest, team_title)
        if progress is not None:
            progress(done, total)

    # Only the articles this source touches need their claims and entities compared.
    db.execute("CREATE TEMP TABLE IF NOT EXISTS merge_targets(id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM merge_targets")
    db.executemany("INSERT INTO merge_targets(id) VALUES (?)", ((i,) for i in set(id_map.values())))
    # The team file's entities and quotations of these articles are read whole below; the
    # open does not measure their sizes (`checks.READ_MEASURED_TABLES`).
    # The team's suggestions too large to read are left out of what is compared, as its reads
    # leave them out of their article; its rows holding a person's work refuse the merge.
    targets = "article_id IN (SELECT id FROM merge_targets)"
    team_entities, _ = team.leave_out_oversized(
        "entities", ("article_id", "start", "end", "label", "id", "status"), targets, ()
    )
    team_quotes, _ = team.leave_out_oversized("quotes", _TEAM_QUOTE_COLUMNS, targets, ())
    people = _team_people(db)
    # A person renamed in the team file since this copy was handed out comes in under the name
    # in use: under the old one, the rename was undone in effect, two people again.
    renames = dict(db.execute("SELECT old, new FROM renames").fetchall())
    names: dict[str, str] = {}  # each name as the source spells it -> the person in the team file
    for name, created_at, row_id in src.rows("annotators", "SELECT name, created_at, rowid FROM annotators"):
        _checked(src, "annotators", row_id, _annotator_row, name, created_at)
        taken = _person_name(src, row_id, name)
        if taken in renames and taken not in people:
            report.renamed[taken] = taken = renames[taken]
        names[name] = person = people.setdefault(taken, taken)
        db.execute("INSERT OR IGNORE INTO annotators(name, created_at) VALUES (?, ?)", (person, created_at))
    _merge_suggestions(db, src, id_map, texts, new_ids, new_hashes, version)
    # Entity rows name no person: a conflict names the file, and the people it holds.
    said = _file_and_people(report.source, names.values())
    _merge_entities(
        db,
        src,
        id_map,
        texts,
        new_ids,
        hashes,
        report,
        said,
        entity_origins,
        besides=_among_none(team_entities),
    )
    _merge_quote_corrections(
        db, src, id_map, texts, new_ids, hashes, version, report, besides=_among_none(team_quotes)
    )
    decisions = _team_decisions(db)
    _merge_claims(db, src, id_map, texts, hashes, decisions, names, version, report, renames)
    # An article is in progress from its first claim (`services.labelling.adding_claim`). One the
    # team file held as new kept that status when people's claims came in: a lead who handed
    # out copies saw the labelled articles as "new" in the list and in `stats`, not started.
    db.execute(
        "UPDATE articles SET status = ?, updated_at = ? WHERE status = ?"
        " AND id IN (SELECT id FROM merge_targets)"
        " AND EXISTS (SELECT 1 FROM claims WHERE article_id = articles.id AND annotator != ?)",
        (ArticleStatus.IN_PROGRESS.value, now_iso(), ArticleStatus.NEW.value, GOLD_ANNOTATOR),
    )
    if version >= 3:
        rows = []
        for r in src.rows(
            "gold_no_claim",
            'SELECT article_id, start, "end", decided_by, decided_at, rowid FROM gold_no_claim',
        ):
            text = _text_of(src, "gold_no_claim", r[0], texts)
            _checked(src, "gold_no_claim", r[5], _gold_row, r, text)
            key = (id_map[r[0]], r[1], r[2])
            reviewer = renames.get(r[3], r[3])
            if _new_decision(decisions, key, (None, reviewer, ""), hashes, report):
                rows.append((*key, reviewer, r[4]))
        db.executemany(
            'INSERT INTO gold_no_claim(article_id, start, "end", decided_by, decided_at)'
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        report.gold_decisions += len(rows)
    if version >= 9:
        _carry_renames(db, src, report)
    _merge_guidelines(db, src, report, default_guidelines)


def _carry_renames(db: sqlite3.Connection, src: _Source, report: MergeReport) -> None:
    """The source's own renames, recorded in the team file (its `renames`), after its rows are in.

    Bob renamed "bobby" to bob in his file; the team file learnt nothing of it, so a later
    merge of a copy handed out before the rename brought bobby back as a second person. Each
    rename is carried under the name the team uses now (its own renames followed), and the
    table is kept flat, as a rename keeps it (`ProjectStore.rename_person`). Not carried: one
    the team file records otherwise, or that would undo one of its own (a conflict, the team's
    kept); one whose old name the team file still has as a person, whose labels the record
    would not move (said, with what to do). The source's rows were checked at its open (no
    loop, no chain, no `gold`: `check_small_tables`) and are checked again as they are read.
    """
    theirs = []
    for row_id, old, new in src.rows("renames", "SELECT rowid, old, new FROM renames ORDER BY old"):
        _checked(src, "renames", row_id, _rename_row, old, new)
        theirs.append((str(old), str(new)))
    if not theirs:
        return
    renames = {str(was): str(now) for was, now in db.execute("SELECT old, new FROM renames")}
    people = _team_people(db)
    for old, new in theirs:
        target = people.get(annotator_name(renames.get(new, new)), renames.get(new, new))
        if old in renames:
            if renames[old] != target:
                detail = (
                    f"{old} was renamed {renames[old]} in the team file but {new} in {report.source};"
                    f" {old}'s labels come in as {renames[old]}'s"
                )
                report.conflicts.append(MergeConflict("rename", "", "", detail))
            continue
        if target == old and new in renames:
            detail = f"{report.source} renamed {old} to {new}, but the team file renamed {new} to {old}"
            report.conflicts.append(MergeConflict("rename", "", "", detail))
            continue
        if annotator_name(target) == annotator_name(old):
            continue  # one name in two Unicode forms, which a merge joins anyway (`_team_people`)
        if _still_a_person(db, old):
            report.renames_not_carried[old] = target
            continue
        db.execute("UPDATE renames SET new = ? WHERE new = ?", (target, old))
        db.execute("INSERT INTO renames(old, new) VALUES (?, ?)", (old, target))
        renames = {was: (target if now == old else now) for was, now in renames.items()}
        renames[old] = target
        report.renames_carried[old] = target


def _rename_row(old: object, new: object) -> None:
    rules.check_rename(old=old, new=new)


def _still_a_person(db: sqlite3.Connection, name: str) -> bool:
    """Whether the team file has `name` (in any Unicode form) as a person: one who labelled, or
    a reviewer who decided."""
    normal = annotator_name(name)
    found = db.execute(
        "SELECT 1 FROM annotators WHERE name IN (?, ?)"
        " UNION ALL SELECT 1 FROM claims WHERE decided_by IN (?, ?)"
        " UNION ALL SELECT 1 FROM gold_no_claim WHERE decided_by IN (?, ?) LIMIT 1",
        (name, normal) * 3,
    ).fetchone()
    if found is not None:
        return True
    return any(annotator_name(person) == normal for (person,) in db.execute("SELECT name FROM annotators"))


def _team_people(db: sqlite3.Connection) -> dict[str, str]:
    """The team file's annotators by their name as the window takes one (`annotator_name`).

    A team file of an earlier version may hold a name in another Unicode form than the window
    now saves ("Zoe" and a combining diaeresis): a source's "Zoë" joins that person, not a
    second "Zoë" beside her. Of two forms the team file holds already, the window's is taken.
    """
    people: dict[str, str] = {}
    for (name,) in db.execute("SELECT name FROM annotators ORDER BY name"):
        person = annotator_name(name)
        if name == person or person not in people:
            people[person] = name
    return people


def _person_name(src: _Source, row_id: object, name: str) -> str:
    """A source's annotator as the window would take the name (`annotator_name`); a name the
    window refuses refuses the file, as an import refuses the line.

    A merge checked only the store's limit of 100,000 characters: a pasted page came in as a
    person's name, and "Gold" as one more annotator whose labels read as reviewers' decisions.
    """
    if name == GOLD_ANNOTATOR:
        return name
    refusal = annotator_name_problem(name)
    if refusal is None:
        return annotator_name(name)
    if refusal.problem is NameProblem.TOO_LONG:
        length = len(annotator_name(name))
        said = f"a name {length:,} characters long; a person's name takes at most {MAX_NAME_CHARS}"
    elif refusal.problem is NameProblem.RESERVED:
        said = f"the name {name!r} reads as 'gold', the name kept for reviewers' decisions"
    else:
        said = f"the name {name!r:.60} is no name a person can be given (blank, or a control character in it)"
    raise ProjectFileError(
        src.path,
        f"annotators row {row_id}: {said}; nothing was merged",
        hint=(
            "Export that file's labels, give the person another name in the exported file and import"
            " it instead."
        ),
    )


def _file_and_people(source: str, people: Iterable[str]) -> str:
    """A merged file as an entity conflict names it: its path, and the people it holds."""
    named = sorted(set(people) - {GOLD_ANNOTATOR})
    if not named:
        return source
    if len(named) > 3:
        named = [*named[:3], f"{len(named) - 3} more"]
    return f"{source} ({', '.join(named)})"


def _other_text(digest: str, title: str, source: str) -> MergeConflict:
    """The conflict of a new article whose title the team file holds with other text.

    An article is its text, so bob's copy with "four million" for alice's "4 million" came in
    as a second article of the same title: their claims were never compared in agreement or
    the review, and the report said only "1 new article". Not said when the source itself
    holds other articles of that title (a series' "Morning briefing": told apart already).
    """
    detail = (
        f"the team file holds an article of this title with other text; {source} brought this one"
        " as another article, and their claims are not compared"
    )
    return MergeConflict("text", digest, title, detail)


_Decision = tuple[str | None, str, str]
"""A gold decision as merge compares it: (label, or None for "no claim"; decided_by; note)."""


def _team_decisions(db: sqlite3.Connection) -> dict[tuple[int, int, int], _Decision]:
    """The team file's gold decisions in the articles this source touches, by (article, start, end).

    Gold labels and "no claim" in one map: they are two ways of settling the same span, so a
    source's "no claim" must be checked against the team's label there, and the other way round.
    """
    decisions: dict[tuple[int, int, int], _Decision] = {}
    for row in db.execute(
        'SELECT article_id, start, "end", label, decided_by, note FROM claims WHERE annotator = ?'
        " AND article_id IN (SELECT id FROM merge_targets)",
        (GOLD_ANNOTATOR,),
    ):
        decisions.setdefault((row[0], row[1], row[2]), (row[3], row[4], row[5]))
    for row in db.execute(
        'SELECT article_id, start, "end", decided_by FROM gold_no_claim'
        " WHERE article_id IN (SELECT id FROM merge_targets)"
    ):
        decisions.setdefault((row[0], row[1], row[2]), (None, row[3], ""))
    return decisions


def _new_decision(
    decisions: dict[tuple[int, int, int], _Decision],
    key: tuple[int, int, int],
    theirs: _Decision,
    hashes: dict[int, tuple[str, str]],
    report: MergeReport,
) -> bool:
    """Whether the source's decision at `key` goes into the team file (it is then in `decisions`).

    A decision the team file already holds for the span is settled: a source that decided
    otherwise (another label, "no claim" against a label, another reviewer) never overturns it
    and never adds a second, contradicting one; the team's stays and the report lists the conflict.
    """
    ours = decisions.get(key)
    if ours is None:
        decisions[key] = theirs
        return True
    if ours != theirs:
        digest, title = hashes[key[0]]
        notes = ours[2] != theirs[2]
        detail = (
            f"decision at {key[1]}..{key[2]}: team {_decision_said(ours, notes)},"
            f" {report.source} {_decision_said(theirs, notes)}"
        )
        report.conflicts.append(MergeConflict("gold", digest, title, detail))
    return False


def _decision_said(decision: _Decision, with_note: bool) -> str:
    label, decided_by, note = decision
    said = f"{label or 'no claim'} (decided by {decided_by or 'no one named'})"
    return f"{said}, note {note!r}" if with_note else said


def _checked(src: _Source, table: str, row_id: object, check: Callable[..., object], *args: Any) -> None:
    """`check(*args)`; an `InvalidValue` refuses the file, naming the table and row."""
    try:
        check(*args)
    except InvalidValue as exc:
        raise src.refuse(table, row_id, str(exc)) from None


def _text_of(src: _Source, table: str, article_id: object, texts: dict[int, str]) -> str:
    if not isinstance(article_id, int) or article_id not in texts:
        raise src.refuse(table, None, f"refers to article {article_id!r:.40}, which the file does not hold")
    return texts[article_id]


def _source_articles(src: _Source) -> list[_SourceArticle]:
    articles = []
    for row in src.rows("articles", f"SELECT id, {_ARTICLE_COLUMNS} FROM articles ORDER BY id"):
        source_id = row[0]
        try:
            articles.append(_article(row))
        except InvalidValue as exc:
            raise src.refuse("articles", source_id, str(exc)) from None
    return articles


def _article(row: tuple[Any, ...]) -> _SourceArticle:
    source_id = check_int(row[0], "id")
    digest, title, source, text, meta, status, origin, encoding, created, updated = row[1:]
    rules.check_article(
        text=text,
        digest=digest,
        title=title,
        source=source,
        meta=meta,
        status=status,
        origin=origin,
        encoding=encoding,
        created_at=created,
        updated_at=updated,
    )
    return _SourceArticle(source_id, digest, text, title, source, meta, row[1:])


def _annotator_row(name: object, created_at: object) -> None:
    rules.check_annotator(name=name, created_at=created_at)


def _gold_row(row: tuple[Any, ...], text: str) -> None:
    rules.check_gold_no_claim(
        start=row[1], end=row[2], length=len(text), decided_by=row[3], decided_at=row[4]
    )


def _canonical_json(text: str) -> str:
    try:
        return json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return text


def _merge_suggestions(
    db: sqlite3.Connection,
    src: _Source,
    id_map: dict[int, int],
    texts: dict[int, str],
    new_ids: set[int],
    new_hashes: set[str],
    version: int,
) -> None:
    """Quotes, candidates and analyses of articles new to the team file, checked, as they are."""

    def new_rows(
        table: str, sql: str, check: Callable[[tuple[Any, ...], str], None]
    ) -> list[tuple[Any, ...]]:
        """The rows `sql` selects, its last column the row's own id (for messages), which is left out."""
        rows = []
        for *values, row_id in src.rows(table, sql):
            row = tuple(values)
            text = _text_of(src, table, row[0], texts)
            team_id = id_map[row[0]]
            if team_id in new_ids:
                _checked(src, table, row_id, check, row, text)
                rows.append((team_id, *row[1:]))
        return rows

    db.executemany(
        f"INSERT INTO quotes({_QUOTE_ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        new_rows(
            "quotes",
            f"SELECT {_quote_row_of(version)}, id FROM quotes WHERE 1{src.besides('quotes')} ORDER BY id",
            _quote_row_check,
        ),
    )
    db.executemany(
        'INSERT INTO candidates(article_id, start, "end", score, reasons, model) VALUES (?, ?, ?, ?, ?, ?)',
        new_rows(
            "candidates",
            'SELECT article_id, start, "end", score, reasons, model, id FROM candidates'
            f" WHERE 1{src.besides('candidates')} ORDER BY id",
            _candidate_row_check,
        ),
    )
    db.executemany(
        "INSERT INTO analyses(article_id, pipeline_name, pipeline_version, created_at) VALUES (?, ?, ?, ?)",
        new_rows(
            "analyses",
            "SELECT article_id, pipeline_name, pipeline_version, created_at, article_id FROM analyses",
            _analysis_row_check,
        ),
    )
    if version >= 2 and new_hashes:
        # Only the cached analyses of articles this merge adds, each checked against its text.
        by_hash = {content_hash(t): t for t in texts.values()}
        rows = []
        ignored = 0
        for rowid, digest in src.rows("analysis_cache", "SELECT rowid, content_hash FROM analysis_cache"):
            if digest not in new_hashes:
                continue
            try:
                row = src.conn.execute(
                    "SELECT content_hash, pipeline_name, pipeline_version, payload FROM analysis_cache"
                    " WHERE rowid = ?",
                    (rowid,),
                ).fetchone()
                _cache_row_check(row, by_hash[digest])
            except (InvalidValue, sqlite3.DataError, sqlite3.OperationalError) as exc:
                if isinstance(exc, sqlite3.OperationalError) and "decode" not in str(exc).lower():
                    raise
                _ignore_cache_row(src, rowid, exc, ignored)
                ignored += 1
                continue
            rows.append(row)
        db.executemany(
            "INSERT OR IGNORE INTO analysis_cache(content_hash, pipeline_name, pipeline_version, payload)"
            " VALUES (?, ?, ?, ?)",
            rows,
        )


_QUOTE_ROW = (
    'article_id, start, "end", kind, speaker_start, speaker_end, speaker_name, model, suggested_kind,'
    " suggested_speaker"
)
"""A quotes row as `rules.check_quote_row` lays it out."""


def _quote_row_of(version: int) -> str:
    """`_QUOTE_ROW` as a source of schema `version` can give it: before v7 nothing recorded what
    pre-annotation had said of a checked quotation."""
    return (
        _QUOTE_ROW
        if version >= 7
        else _QUOTE_ROW.replace("suggested_kind,", "NULL,").replace("suggested_speaker", "NULL")
    )


def _quote_row_check(row: tuple[Any, ...], text: str) -> None:
    rules.check_quote_row(row, len(text))


def _candidate_row_check(row: tuple[Any, ...], text: str) -> None:
    rules.check_candidate(
        start=row[1], end=row[2], length=len(text), score=row[3], reasons=row[4], model=row[5]
    )


def _analysis_row_check(row: tuple[Any, ...], _text: str) -> None:
    rules.check_analysis(pipeline_name=row[1], pipeline_version=row[2], created_at=row[3])


def _ignore_cache_row(src: _Source, rowid: object, exc: Exception, ignored: int) -> None:
    """Say that a bad cached analysis of the source is left out, as opening the source says it.

    A cache can be rebuilt, so its bad row refused the whole merge ("nothing was merged")
    for nothing, while opening the same file only ignored the row. Rows that carry people's
    work are still refused. The first `ROW_WARNINGS_PER_TABLE` are named, then one line.
    """
    if ignored > ROW_WARNINGS_PER_TABLE:
        return
    if ignored == ROW_WARNINGS_PER_TABLE:
        row_warnings.warning(
            "%s: more analysis_cache rows are ignored; they are not listed one by one", src.path
        )
        return
    reason = _read_problem(exc) if isinstance(exc, sqlite3.Error) else str(exc)
    row_warnings.warning(
        "%s: analysis_cache row %s is ignored: %s; a cache, it is not merged",
        src.path,
        rowid,
        reason,
    )


def _cache_row_check(row: tuple[Any, ...], text: str) -> None:
    rules.check_cached_analysis(
        pipeline_name=row[1], pipeline_version=row[2], payload=row[3], length=len(text)
    )


def _merge_entities(
    db: sqlite3.Connection,
    src: _Source,
    id_map: dict[int, int],
    texts: dict[int, str],
    new_ids: set[int],
    hashes: dict[int, tuple[str, str]],
    report: MergeReport,
    said: str,
    origins: EntityOrigins,
    *,
    besides: str = "",
) -> None:
    """All entities of new articles but outdated suggestions (`ENTITY_OUTDATED`); for articles
    already there, only decisions a person made. `besides`: a condition leaving out the team's
    rows too large to read. `said`: the source as a conflict names it; `origins`: where the
    team's decisions merged earlier in this merge came from (`EntityOrigins`), and where this
    file's go.

    A decision against the team's on the same span is a conflict, the team's kept: the other
    status of the same type, or another type named there (ORG accepted in the team file, GPE
    in this one), which the merge put beside the team's, both standing, both exported, and
    said nothing; in one project naming a span with a type rejects its other types
    (`services.labelling`).

    A span a person accepted or added a name on keeps no suggestion of another type
    (`OTHER_TYPES_SUGGESTED_AT`), as pre-annotation and an acceptance leave none: the team
    file's newer analysis may read the name as another type, and that suggestion stood beside
    the decision, drawn and exported, until the carry after the merge. It is rejected, as the
    person's acceptance rejects it in one project."""
    existing: dict[tuple[int, int, int, str], tuple[int, str]] = {}
    named: list[tuple[int, int, int, str]] = []  # (article, start, end, type) a decision came to
    named_in_team: dict[tuple[int, int, int], dict[str, str]] = {}  # span -> type -> status
    for row in db.execute(
        'SELECT article_id, start, "end", label, id, status FROM entities'
        f" WHERE article_id IN (SELECT id FROM merge_targets){besides}"
    ):
        existing.setdefault((row[0], row[1], row[2], row[3]), (row[4], row[5]))
        if row[5] in NAMED_BY_A_PERSON:
            named_in_team.setdefault((row[0], row[1], row[2]), {}).setdefault(row[3], row[5])
    inserts: list[tuple[Any, ...]] = []
    # One retyping in this file (PERSON rejected, ORG added on the team's accepted PERSON) is one
    # conflict, not one per row: both are found, then told as one (`_one_retyping`).
    unnamed: dict[tuple[int, int, int, str], int] = {}  # the team's named type this file rejected
    retyped: dict[tuple[int, int, int, str], tuple[int, str]] = {}  # the team's type, this file's other
    for article_id, start, end, label, status, model, row_id in src.rows(
        "entities",
        'SELECT article_id, start, "end", label, status, model, id FROM entities'
        f" WHERE 1{src.besides('entities')} ORDER BY id",
    ):
        text = _text_of(src, "entities", article_id, texts)
        _checked(src, "entities", row_id, _entity_check, start, end, label, status, model, text)
        team_id = id_map[article_id]
        key = (team_id, start, end, label)
        if team_id in new_ids:
            if status == "suggested" and model == ENTITY_OUTDATED:
                # Kept in the source for its window's redo, which the team file has no history
                # of; no analysis finds it there now, and nothing exports it.
                continue
            if key not in existing:
                existing[key] = (-1, status)
                inserts.append((*key, status, model))
                if status != "suggested":
                    origins[key] = said
            continue
        if status == "suggested":
            continue
        name = entity_name(text, start, end)
        team_status = existing[key][1] if key in existing else "suggested"
        if team_status != "suggested" and team_status != status:
            if team_status in NAMED_BY_A_PERSON and status in NAMED_BY_A_PERSON:
                continue  # accepted in one file, added in the other: both say it is this type
            ours = origins.get(key, "the team file")
            detail = f"{label} {name!r} at {start}..{end}: {ours} has it {team_status}, {said} {status}"
            if team_status in NAMED_BY_A_PERSON and status == "rejected":
                unnamed.setdefault(key, len(report.conflicts))
            report.conflicts.append(MergeConflict("entity", *hashes[team_id], detail))
            continue
        others = {
            other: was
            for other, was in named_in_team.get((team_id, start, end), {}).items()
            if other != label
        }
        if status in NAMED_BY_A_PERSON and others:
            other, was = sorted(others.items())[0]
            ours = origins.get((team_id, start, end, other), "the team file")
            detail = (
                f"{name!r} at {start}..{end}: {ours} has it as {other} ({was}), {said} as {label} ({status})"
            )
            retyped.setdefault((team_id, start, end, other), (len(report.conflicts), status))
            report.conflicts.append(MergeConflict("entity", *hashes[team_id], detail))
            continue
        if key not in existing:
            existing[key] = (-1, status)
            inserts.append((*key, status, model))
            origins[key] = said
            continue
        entity_id, team_status = existing[key]
        if team_status == status:
            continue
        db.execute("UPDATE entities SET status = ? WHERE id = ?", (status, entity_id))
        if status in NAMED_BY_A_PERSON:
            named.append(key)
        existing[key] = (entity_id, status)
        origins[key] = said
        report.entity_decisions += 1
        report.count_name(status)
    _one_retyping(report, unnamed, retyped)
    named.extend((row[0], row[1], row[2], row[3]) for row in inserts if row[4] in NAMED_BY_A_PERSON)
    kept = _without_other_types_suggested(inserts, named)
    report.suggestions_replaced += len(inserts) - len(kept)
    inserts = kept
    db.executemany(
        'INSERT INTO entities(article_id, start, "end", label, status, model) VALUES (?, ?, ?, ?, ?, ?)',
        inserts,
    )
    report.entities_added += len(inserts)
    for *_, status, _model in inserts:
        report.count_name(status)
    # The team's suggestions of another type under a name this file brought are rejected, as
    # the person's own A or typing would have rejected them in one project
    # (`labelling.accept_entity`, `add_entity`): deleted, they left no decision, so the team
    # file's agreement, Entity Decisions and carry saw another state than the person's file
    # would have. One already decided with its type there goes (a second row said the same).
    # Not the team's rows too large to read (`besides`): left out of the merge, and left as they are.
    rejected = db.executemany(
        "UPDATE entities SET status = 'rejected' WHERE "
        + OTHER_TYPES_SUGGESTED_AT
        + besides
        + _NOT_DECIDED_WITH_ITS_TYPE,
        named,
    )
    replaced = db.executemany("DELETE FROM entities WHERE " + OTHER_TYPES_SUGGESTED_AT + besides, named)
    report.suggestions_replaced += rejected.rowcount + replaced.rowcount
    if inserts:
        # Suggestions the team's decisions never saw: the record that every article follows
        # them no longer holds, so the carry after the merge reaches these articles too.
        db.execute("DELETE FROM meta WHERE key = ?", (DECISIONS_CARRIED_META,))


def _one_retyping(
    report: MergeReport,
    unnamed: dict[tuple[int, int, int, str], int],
    retyped: dict[tuple[int, int, int, str], tuple[int, str]],
) -> None:
    """Tell as one conflict a type this file rejected where the team file named it and the other
    type this file named on the same span (`_merge_entities`): a person who retyped PERSON as ORG
    over the team's accepted PERSON made one decision, and the report listed two conflicts for
    it, one per row, counted twice in the summary and `--json`.

    `unnamed`: each (article, start, end, type) the team named and this file rejected, with the
    index of its conflict; `retyped`: each the team named and this file named otherwise, with
    the index of its conflict and the status of this file's type. The one kept is the type's,
    said with the rejection ("as ORG (added, PERSON rejected)"), where the first of the two was.
    """
    gone: set[int] = set()
    for key, (typed, status) in retyped.items():
        rejected = unnamed.get(key)
        if rejected is None:
            continue
        conflict = report.conflicts[typed]
        detail = conflict.detail.removesuffix(f"({status})") + f"({status}, {key[3]} rejected)"
        report.conflicts[min(typed, rejected)] = replace(conflict, detail=detail)
        gone.add(max(typed, rejected))
    if gone:
        report.conflicts[:] = [c for i, c in enumerate(report.conflicts) if i not in gone]


_NOT_DECIDED_WITH_ITS_TYPE = (
    " AND NOT EXISTS (SELECT 1 FROM entities AS decided WHERE decided.article_id = entities.article_id"
    ' AND decided.start = entities.start AND decided."end" = entities."end"'
    " AND decided.label = entities.label AND decided.status != 'suggested')"
)
"""A suggestion's condition that no decision of its type stands on its span: one that does is
deleted rather than rejected beside it (`_merge_entities`)."""


def _without_other_types_suggested(
    inserts: list[tuple[Any, ...]], named: list[tuple[int, int, int, str]]
) -> list[tuple[Any, ...]]:
    """The entity rows of `inserts` but the source's suggestions that `OTHER_TYPES_SUGGESTED_AT`
    would take off a span named in `named` (a file saved before that rule holds both).

    Written and then deleted, such a suggestion was counted among the names pre-annotation
    found as well as among the suggestions replaced; left unwritten, it is counted once.
    """
    named_types: dict[tuple[int, int, int], set[str]] = {}
    for article_id, start, end, label in named:
        named_types.setdefault((article_id, start, end), set()).add(label)
    return [
        row
        for row in inserts
        if row[4] != "suggested"
        or row[5] == ENTITY_OUTDATED
        or not named_types.get(tuple(row[:3]), set()) - {row[3]}
    ]


def _merge_quote_corrections(
    db: sqlite3.Connection,
    src: _Source,
    id_map: dict[int, int],
    texts: dict[int, str],
    new_ids: set[int],
    hashes: dict[int, tuple[str, str]],
    version: int,
    report: MergeReport,
    *,
    besides: str = "",
) -> None:
    """Quotations a person corrected, added or removed, in articles already in the team file
    (new articles bring all their quotes). A correction replaces the pre-annotation's quote at
    the same span, and any model quote it overlaps; against the team's own correction, the team
    file keeps its value and the merge lists the conflict, as for claims. `besides`: a condition
    leaving out the team's rows too large to read."""
    person_models = (QUOTE_CORRECTED, QUOTE_IMPORTED, QUOTE_REMOVED)
    team: dict[tuple[int, int, int], tuple[Any, ...]] = {}
    for row in db.execute(
        f"SELECT {', '.join(_quoted(_TEAM_QUOTE_COLUMNS))}"
        f" FROM quotes WHERE article_id IN (SELECT id FROM merge_targets){besides}"
    ):
        team.setdefault((row[0], row[1], row[2]), row[3:])
    for *columns, row_id in src.rows(
        "quotes",
        f"SELECT {_quote_row_of(version)}, id"
        f" FROM quotes WHERE model IN ('{QUOTE_CORRECTED}', '{QUOTE_REMOVED}') ORDER BY id",
    ):
        row = tuple(columns)
        _checked(src, "quotes", row_id, _quote_row_check, row, _text_of(src, "quotes", row[0], texts))
        team_id = id_map[row[0]]
        if team_id in new_ids:
            continue  # came in with its article
        key = (team_id, row[1], row[2])
        values = tuple(row[3:7])
        existing = team.get(key)
        if existing is not None and existing[5] in person_models:
            if tuple(existing[1:5]) != values or (existing[5] == QUOTE_REMOVED) != (row[7] == QUOTE_REMOVED):
                digest, title = hashes[team_id]
                ours, theirs = _quote_said(*existing[1:2], *existing[4:6]), _quote_said(row[3], *row[6:8])
                detail = f"quotation at {row[1]}..{row[2]}: team {ours}; source {theirs}"
                report.conflicts.append(MergeConflict("quote", digest, title, detail))
            continue
        db.execute(
            'DELETE FROM quotes WHERE article_id = ? AND start < ? AND ? < "end" AND model NOT IN (?, ?, ?)',
            (team_id, row[2], row[1], *person_models),
        )
        db.execute(
            f"INSERT INTO quotes({_QUOTE_ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*key, *row[3:])
        )
        team[key] = (-1, *values, row[7])
        report.quote_corrections += 1


def _quote_said(kind: str, speaker: str | None, model: str) -> str:
    if model == QUOTE_REMOVED:
        return "removed"
    return f"{kind}, speaker {speaker or 'none'}"


def _entity_check(
    start: object, end: object, label: object, status: object, model: object, text: str
) -> None:
    rules.check_entity(start=start, end=end, length=len(text), label=label, status=status, model=model)


def _merge_claims(
    db: sqlite3.Connection,
    src: _Source,
    id_map: dict[int, int],
    texts: dict[int, str],
    hashes: dict[int, tuple[str, str]],
    decisions: dict[tuple[int, int, int], _Decision],
    names: dict[str, str],
    version: int,
    report: MergeReport,
    renames: dict[str, str],
) -> None:
    """People's claims, and gold labels checked against every decision the team has (`_new_decision`).

    A claim's annotator must be one of the source's `annotators` (the foreign key a file
    edited with foreign keys off no longer keeps), as `stats` checks it; `names` gives the
    person each of them is in the team file (`_person_name`), and `renames` the reviewer who
    decided a gold label under a name the team file has renamed since.
    """
    known = frozenset(names)
    existing: dict[tuple[int, int, int, str], tuple[str, str, str]] = {}
    stamps: dict[tuple[int, int, int, str], tuple[int, str, str]] = {}  # (id, created, updated)
    for row in db.execute(
        'SELECT article_id, start, "end", annotator, label, note, decided_by, id, created_at, updated_at'
        " FROM claims WHERE article_id IN (SELECT id FROM merge_targets)"
    ):
        key = (row[0], row[1], row[2], row[3])
        existing.setdefault(key, (row[4], row[5], row[6]))
        stamps.setdefault(key, (row[7], row[8], row[9]))
    team_had = dict(existing)
    newest_of: dict[str, datetime] = {}  # per person, the last time the source saw their claims
    ahead = datetime.now(UTC) + CLOCK_SLACK
    brought: set[tuple[int, int, int, str]] = set()
    decided = "decided_by" if version >= 2 else "''"
    inserts: list[tuple[Any, ...]] = []
    # People's labels this merge adds or changes, with their moments: those after a decision at
    # their span that they differ from are counted for the reviewer (`_decisions_to_look_at`).
    arrived: list[tuple[tuple[int, int, int, str], str, list[datetime]]] = []
    for row in src.rows(
        "claims",
        f'SELECT article_id, start, "end", annotator, label, note, {decided}, created_at, updated_at, id'
        ' FROM claims ORDER BY article_id, start, "end", id',
    ):
        text = _text_of(src, "claims", row[0], texts)
        _checked(src, "claims", row[9], _claim_check, row, text, known)
        # A name the source's annotators table lacks is left as written: the team file's own rule
        # (its foreign key) refuses it at the insert, naming the file, as no check of ours knew.
        person = names.get(row[3], row[3])
        key = (id_map[row[0]], row[1], row[2], person)
        theirs = (row[4], row[5], renames.get(row[6], row[6]))  # a reviewer renamed since
        if row[3] == GOLD_ANNOTATOR:
            if _new_decision(decisions, key[:3], (row[4], theirs[2], row[5]), hashes, report):
                inserts.append((*key, *theirs, row[7], row[8]))
                report.gold_decisions += 1
            continue
        brought.add(key)
        moments = [when for when in map(_instant, (row[7], row[8])) if when is not None]
        if any(when > ahead for when in moments):
            report.claims_dated_ahead += 1
        for when in moments:
            if person not in newest_of or when > newest_of[person]:
                newest_of[person] = when
        ours = existing.get(key)
        if ours is None:
            existing[key] = theirs
            inserts.append((*key, *theirs, row[7], row[8]))
            arrived.append((key, row[4], moments))
            continue
        if ours == theirs:
            report.claims_unchanged += 1
            continue
        # None: the claim came in from this same file under another form of the person's name.
        claim_id, created, updated = stamps.get(key, (0, "", ""))
        newer = _newer_version(created, updated, row[7], row[8])
        if newer == "source":
            db.execute(
                "UPDATE claims SET label = ?, note = ?, decided_by = ?, updated_at = ? WHERE id = ?",
                (*theirs, row[8], claim_id),
            )
            existing[key] = theirs
            stamps[key] = (claim_id, created, row[8])
            report.claims_updated += 1
            arrived.append((key, row[4], moments))
            continue
        if newer == "team":
            report.claims_newer_in_team += 1
            continue
        digest, title = hashes[key[0]]
        for kind, mine, other in zip(("label", "note", "decided_by"), ours, theirs, strict=True):
            if mine != other:
                report.conflicts.append(
                    MergeConflict(
                        kind,
                        digest,
                        title,
                        f"{person}'s claim at {row[1]}..{row[2]}: team {mine!r}, {report.source} {other!r}",
                    )
                )
    db.executemany(
        'INSERT INTO claims(article_id, start, "end", annotator, label, note, decided_by, created_at,'
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        inserts,
    )
    report.claims_added += sum(1 for row in inserts if row[3] != GOLD_ANNOTATOR)
    report.decisions_to_look_at += _decisions_to_look_at(db, arrived, decisions)
    _taken_back(team_had, brought, hashes, report, _added_since(team_had, brought, stamps, newest_of))
    if version >= 8:
        added = {row[:4] for row in inserts}
        checks = []
        for row in src.rows(
            "label_checks",
            'SELECT article_id, start, "end", annotator, label, confidence, rowid FROM label_checks',
        ):
            _checked(
                src, "label_checks", row[6], _label_check, row, _text_of(src, "label_checks", row[0], texts)
            )
            key = (id_map[row[0]], row[1], row[2], names.get(row[3], row[3]))
            if key in added:  # what the model had suggested to whoever made this claim
                checks.append((*key, row[4], row[5]))
        db.executemany(
            'INSERT OR IGNORE INTO label_checks(article_id, start, "end", annotator, label, confidence)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            checks,
        )


def _decisions_to_look_at(
    db: sqlite3.Connection,
    arrived: list[tuple[tuple[int, int, int, str], str, list[datetime]]],
    decisions: dict[tuple[int, int, int], _Decision],
) -> int:
    """How many decided spans got a person's label here that differs from the decision and was
    made after it: the review shows them again (`ReviewItem.came_after`), the decision kept.

    Read after the inserts, so a decision this same file brought is compared too; only spans
    `decisions` holds (the team's and this file's) are looked up, one by one.
    """
    spans: set[tuple[int, int, int]] = set()
    for (article_id, start, end, _), label, moments in arrived:
        if (article_id, start, end) in spans or (article_id, start, end) not in decisions or not moments:
            continue
        row = db.execute(
            "SELECT label, coalesce(nullif(updated_at, ''), created_at) FROM claims WHERE annotator = ?"
            ' AND article_id = ? AND start = ? AND "end" = ?'
            " UNION ALL SELECT NULL, decided_at FROM gold_no_claim"
            ' WHERE article_id = ? AND start = ? AND "end" = ?',
            (GOLD_ANNOTATOR, article_id, start, end, article_id, start, end),
        ).fetchone()
        decided = stamp_moment(row[1]) if row is not None and isinstance(row[1], str) else None
        if decided is not None and row[0] != label and max(moments) > decided:
            spans.add((article_id, start, end))
    return len(spans)


def _instant(stamp: object) -> datetime | None:
    """A claim's `created_at` / `updated_at` as a moment, or None when it names no time zone or
    is no time at all (a hand-edited or imported file's): such a claim is never ordered."""
    if not isinstance(stamp, str):
        return None
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _newer_version(
    team_created: str, team_updated: str, source_created: str, source_updated: str
) -> str | None:
    """ "source" or "team": which side holds the later version of one claim, or None when they
    are no versions of one claim (made apart) or cannot be ordered, which is a conflict.

    Only a claim's author ever changes it (keys leave someone else's claim alone), so all its
    versions are stamped by one person as they made them, and the later stamp is the later
    change: alice's relabel in her own file, or a copy of the team file sent back holding her
    claims as they were when it was copied. Kept as a conflict, the newer label never reached
    the team file, and a copy sent back listed everyone's older claims as conflicts.
    """
    if _instant(team_created) is None or _instant(team_created) != _instant(source_created):
        return None
    ours, theirs = _instant(team_updated), _instant(source_updated)
    if ours is None or theirs is None or ours == theirs:
        return None
    return "source" if theirs > ours else "team"


def _added_since(
    team_had: dict[tuple[int, int, int, str], tuple[str, str, str]],
    brought: set[tuple[int, int, int, str]],
    stamps: dict[tuple[int, int, int, str], tuple[int, str, str]],
    newest_of: dict[str, datetime],
) -> set[tuple[int, int, int, str]]:
    """The team's claims the source lacks that were made after its last stamp of their author:
    the source never held them (a copy of the team file taken before), so it took none back."""
    since = set()
    for key in team_had.keys() - brought:
        created = _instant(stamps[key][1])
        last_seen = newest_of.get(key[3])
        if created is not None and last_seen is not None and created > last_seen:
            since.add(key)
    return since


def _taken_back(
    team_had: dict[tuple[int, int, int, str], tuple[str, str, str]],
    brought: set[tuple[int, int, int, str]],
    hashes: dict[int, tuple[str, str]],
    report: MergeReport,
    added_since: set[tuple[int, int, int, str]],
) -> None:
    """List as conflicts the team's claims, by a person whose claims the source brings, on the
    source's articles, that the source no longer holds: deleted or moved there since a merge.

    A merge never deletes (the team file keeps them), but it said nothing of them either: merged
    again after alice took a claim back, "0 claims added, 14 already there" read as the team
    file holding her labels as they are, and the one she took back went on counting in
    agreement, the review and gold.
    """
    people = {key[3] for key in brought}
    for key in sorted(team_had):
        article_id, start, end, annotator = key
        if annotator in people and key in added_since:
            report.claims_made_after_source += 1
        elif annotator in people and key not in brought:
            digest, title = hashes[article_id]
            label = team_had[key][0]
            detail = f"{annotator}'s claim at {start}..{end}: team {label!r}, not in {report.source}"
            report.conflicts.append(MergeConflict("claim", digest, title, detail))


def _claim_check(row: tuple[Any, ...], text: str, names: frozenset[str]) -> None:
    rules.check_claim(
        start=row[1],
        end=row[2],
        length=len(text),
        annotator=row[3],
        label=row[4],
        note=row[5],
        decided_by=row[6],
        created_at=row[7],
        updated_at=row[8],
        annotators=names,
    )


def _label_check(row: tuple[Any, ...], text: str) -> None:
    rules.check_label_check(
        start=row[1], end=row[2], length=len(text), annotator=row[3], label=row[4], confidence=row[5]
    )


def _merge_guidelines(db: sqlite3.Connection, src: _Source, report: MergeReport, default: str) -> None:
    """Guidelines are never copied in: different ones are a conflict the coordinator settles.

    A team file without its own shows `default`, so a source that stored those word for word
    (Save pressed in the editor on the shipped text) differs in nothing anyone reads: it was
    said to have "other guidelines", and the coordinator opened both to find the same text.
    """
    rows = list(src.rows("meta", "SELECT value FROM meta WHERE key = 'guidelines'"))
    if not rows:
        return
    theirs = rows[0][0]
    _checked(src, "meta", "guidelines", check_text, theirs, "guidelines", MAX_META_CHARS)
    ours = db.execute("SELECT value FROM meta WHERE key = 'guidelines'").fetchone()
    shown = ours[0] if ours is not None and ours[0] else default
    if not shown or shown != theirs:
        report.conflicts.append(
            MergeConflict(
                "guidelines",
                "",
                "(project)",
                f"{report.source} has other guidelines; open both and copy what you want by hand",
            )
        )


def canonical_dump(store: ProjectStore) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: compares two files by content, not by bytes."""
    tables = [
        row[0]
        for row in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    dump: dict[str, list[tuple[Any, ...]]] = {"user_version": [(store.schema_version,)]}
    for table in tables:
        dump[table] = sorted(
            (tuple(row) for row in store.conn.execute(f'SELECT * FROM "{table}"')),
            key=lambda r: tuple((v is None, str(type(v)), v if v is not None else 0) for v in r),
        )
    return dump


# -- adjudication -------------------------------------------------------------------------


def gold_decisions(store: ProjectStore) -> list[GoldDecision]:
    """Every gold label and "no claim" decision, in text order; each row checked as it is read."""
    lengths = store.text_lengths()
    names = store.annotator_names()
    decisions = []
    for r in store.query(
        ("claims",),
        'SELECT id, article_id, start, "end", label, decided_by, note, annotator, created_at, updated_at'
        " FROM claims WHERE annotator = ?",
        (GOLD_ANNOTATOR,),
    ):
        store.checked("claims", r[0], _gold_claim_check, r, lengths.get(r[1]), names)
        decisions.append(GoldDecision(r[1], r[2], r[3], ClaimLabel(r[4]), r[5], r[6], r[9] or r[8]))
    for r in store.query(
        ("gold_no_claim",),
        'SELECT rowid, article_id, start, "end", decided_by, decided_at FROM gold_no_claim',
    ):
        store.checked(
            "gold_no_claim",
            r[0],
            rules.check_gold_no_claim,
            start=r[2],
            end=r[3],
            length=lengths.get(r[1]),
            decided_by=r[4],
            decided_at=r[5],
        )
        decisions.append(GoldDecision(r[1], r[2], r[3], None, r[4], decided_at=r[5]))
    decisions.sort(key=lambda d: (d.article_id, d.start, d.end))
    return decisions


def _gold_claim_check(r: tuple[Any, ...], length: int | None, names: frozenset[str]) -> None:
    rules.check_claim(
        start=r[2],
        end=r[3],
        length=length,
        label=r[4],
        decided_by=r[5],
        note=r[6],
        annotator=r[7],
        created_at=r[8],
        updated_at=r[9],
        annotators=names,
    )


def gold_decision_at(store: ProjectStore, article_id: int, start: int, end: int) -> GoldDecision | None:
    """The decision recorded for exactly this span, if any (what undoing a decision restores)."""
    row = store.conn.execute(
        "SELECT label, decided_by, note, coalesce(nullif(updated_at, ''), created_at) FROM claims"
        ' WHERE annotator = ? AND article_id = ? AND start = ? AND "end" = ?',
        (GOLD_ANNOTATOR, article_id, start, end),
    ).fetchone()
    if row is not None:
        return GoldDecision(article_id, start, end, ClaimLabel(row[0]), row[1], row[2], row[3])
    row = store.conn.execute(
        'SELECT decided_by, decided_at FROM gold_no_claim WHERE article_id = ? AND start = ? AND "end" = ?',
        (article_id, start, end),
    ).fetchone()
    return GoldDecision(article_id, start, end, None, row[0], decided_at=row[1]) if row is not None else None


def set_gold(
    store: ProjectStore,
    article_id: int,
    start: int,
    end: int,
    label: ClaimLabel | None,
    *,
    reviewer: str,
    note: str = "",
    decided_at: str = "",
) -> GoldDecision:
    """Record the reviewer's decision for a span in one transaction, replacing any earlier one.

    A label becomes a claim of the `gold` annotator with `decided_by` = reviewer; None
    records "no claim", which removes a gold label there. `decided_at`: when it was decided,
    for a decision an undo puts back (else now). Stamped now, a decision a merge had brought a
    newer label against lost its "look at again" when the lead's change of it was undone.
    """
    if not reviewer.strip():
        raise UserError(NO_REVIEWER)
    with store.transaction():
        store.get_article_status(article_id)  # raises NotFoundError for a stale id
        stamp = decided_at or now_iso()
        clear_gold(store, article_id, start, end)
        if label is None:
            store.conn.execute(
                'INSERT INTO gold_no_claim(article_id, start, "end", decided_by, decided_at)'
                " VALUES (?, ?, ?, ?, ?)",
                (article_id, start, end, reviewer, stamp),
            )
        else:
            store.insert_claim(
                Claim(
                    article_id,
                    start,
                    end,
                    ClaimLabel(label),
                    GOLD_ANNOTATOR,
                    note=note,
                    decided_by=reviewer,
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
    return GoldDecision(article_id, start, end, label, reviewer, note, stamp)


def clear_gold(store: ProjectStore, article_id: int, start: int, end: int) -> None:
    """Forget the decision for a span (the review's undo)."""
    with store.transaction():
        store.conn.execute(
            'DELETE FROM claims WHERE annotator = ? AND article_id = ? AND start = ? AND "end" = ?',
            (GOLD_ANNOTATOR, article_id, start, end),
        )
        store.conn.execute(
            'DELETE FROM gold_no_claim WHERE article_id = ? AND start = ? AND "end" = ?',
            (article_id, start, end),
        )


def article_sentences(store: ProjectStore) -> dict[int, list[Span]]:
    """Sentence spans that pre-annotation found, per article (articles never analysed are absent).

    A cached analysis that does not fit its text is left out with a warning.
    """
    result: dict[int, list[Span]] = {}
    for article_id, name, version, payload, length, rowid in store.query(
        ("analysis_cache",),
        "SELECT a.id, n.pipeline_name, n.pipeline_version, c.payload, length(a.text), c.rowid"
        " FROM articles a JOIN analyses n ON n.article_id = a.id"
        " JOIN analysis_cache c ON c.content_hash = a.content_hash"
        " AND c.pipeline_name = n.pipeline_name AND c.pipeline_version = n.pipeline_version",
    ):
        try:
            data = rules.check_cached_analysis(
                pipeline_name=name, pipeline_version=version, payload=payload, length=length
            )
        except InvalidValue as exc:
            store.warn_row("analysis_cache", rowid, exc, "its sentences are not used")
            continue
        sentences = data.get("sentences", [])
        if sentences:
            result[article_id] = [(int(s), int(e)) for s, e in sentences]
    return result


def article_texts(store: ProjectStore, article_ids: Iterable[int]) -> dict[int, str]:
    """Texts of some articles in few queries (the review shows context; agreement splits sentences)."""
    return {article_id: article.text for article_id, article in store.articles_in(article_ids).items()}
