"""Command-line entry points. With `ui`, the only code that prints.

Exit codes: 0 success, 1 a user or machine problem (one line on stderr, no
traceback), 2 bad usage (argparse), 3 a bug (traceback in the log file only); a command
stopped by Ctrl+C or `kill` ends by that signal (a shell's 130 or 143, `_end_by_signal`).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import logging
import math
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from annotator import __version__
from annotator.core.errors import AnnotatorError, MachineError, UserError

if TYPE_CHECKING:
    # Loaded when a command line is parsed: a start that paints its article first parses none.
    import argparse
    from datetime import datetime

    from annotator.services.last_closed import Reopened
    from annotator.services.project import Project

log = logging.getLogger("annotator.cli")

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
SIGNAL_EXIT_BASE = 128
"""A shell's status for a command a signal ended is this plus the signal's number: 130 for Ctrl+C."""

SUBCOMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}

CommandParsers = dict[str, "argparse.ArgumentParser"]


class _Choices:
    """An option's choices, read from their registry only when argparse needs them.

    Argparse asks when the option is given or help is printed; building the parser for
    every command (opening the window included) must not import the formats package.
    """

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __contains__(self, value: object) -> bool:
        return value in self._load()


def _export_formats() -> Sequence[str]:
    from annotator.formats import EXPORT_FORMATS

    return EXPORT_FORMATS


def _release_labels() -> Sequence[str]:
    from annotator.services.release import LABEL_MODES

    return LABEL_MODES


def _match_modes() -> Sequence[str]:
    from annotator.core.agreement import MATCH_MODES

    return MATCH_MODES


class Progress:
    """A one-line progress bar on a terminal; silent when output is piped or in CI logs."""

    def __init__(self, label: str, *, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = -1

    def __call__(self, done: int, total: int, _message: str = "", /) -> None:
        if not self.enabled or total <= 0:
            return
        percent = done * 100 // total
        if percent == self._last and done != total:
            return
        self._last = percent
        width = 30
        filled = width * done // total
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _subcommand(
    name: str,
) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    def register(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        SUBCOMMANDS[name] = func
        return func

    return register


def _window_options(group: argparse._ActionsContainer) -> None:
    """The window's options, on the top-level parser's group and on `open`: `_ActionsContainer`
    is what both are, argparse's own base of a parser and a group."""
    group.add_argument("--sample", action="store_true", help="open the bundled sample project")
    group.add_argument(
        "--self-test", action="store_true", help="check the installation and exit (prints SELF-TEST OK)"
    )
    group.add_argument(
        "--screenshot", type=Path, metavar="FILE", help="with --self-test: save the window as PNG"
    )


MAX_MB = 1024 * 1024
"""The largest `--max-mb`: a terabyte, far past any article file."""


def _size_mb(value: str) -> float:
    """A size in MB for argparse: a finite number above zero (nan, inf, 0 and -1 are usage errors).

    Above the largest it was told "must be a number of megabytes above 0", which it was.
    """
    return _number_in(
        value, above=0, at_most=MAX_MB, saying=f"a number of megabytes above 0 and at most {MAX_MB} (e.g. 20)"
    )


def _dev_ratio(value: str) -> float:
    """`--dev-ratio` for argparse: a share of the articles above 0 and below 1.

    0 does not mean "no dev set": with two articles or more the split keeps at least one in
    dev (spaCy's training reads a dev set) and one in train, so 0 wrote a dev set anyway and
    1 was refused by the export (exit 1), as were 1.5, -0.1, nan and inf, in the export's own
    words ("dev ratio"). Each is refused here, with the option's name and its range.
    """
    from annotator.services.exporting import DEV_RATIO_RANGE  # the export's own words

    return _number_in(value, above=0, below=1, saying=DEV_RATIO_RANGE)


def _held_out(value: str) -> float:
    """`--held-out` for argparse: the share of labelled claims held out, from 0.05 to 0.5.

    Out of range it was refused only after parsing, with exit 1 instead of a usage error's 2,
    and a word that is no number was "invalid float value".
    """
    return _number_in(
        value,
        at_least=0.05,
        at_most=0.5,
        saying="a number from 0.05 to 0.5 (the share of labelled claims held out for the evaluation)",
    )


def _seed(value: str) -> int:
    """A split's seed for argparse: `core.splits.SEED_RANGE`, as the options check it.

    A negative seed gave the same split as the positive one (Python's `random` seeds with the
    number's size only), so `--seed -3` looked new and was not; "invalid int value: '1.5'" is
    no sentence for a person who has not met the word int.
    """
    import argparse

    from annotator.core.splits import SEED_MAX, SEED_RANGE

    try:
        seed = int(value)
    except ValueError:
        seed = -1
    if not 0 <= seed <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"must be {SEED_RANGE}, not {value!r}")
    return seed


def _number_in(
    value: str,
    *,
    saying: str,
    above: float | None = None,
    at_least: float | None = None,
    below: float | None = None,
    at_most: float | None = None,
) -> float:
    """`value` as a finite number within the bounds given; else "must be `saying`, not 'value'".

    One wording for every number of the command line, after argparse's "argument --option: ".
    """
    import argparse

    try:
        number = float(value)
    except ValueError:
        number = math.nan
    inside = math.isfinite(number) and not (
        (above is not None and number <= above)
        or (at_least is not None and number < at_least)
        or (below is not None and number >= below)
        or (at_most is not None and number > at_most)
    )
    if not inside:
        raise argparse.ArgumentTypeError(f"must be {saying}, not {value!r}")
    return number


def _iso_moment(value: str) -> datetime:
    """`--since` for argparse: a bad date is a usage error (exit 2) that says what to give."""
    import argparse

    from annotator.services.exporting import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _split(value: str) -> tuple[float, float, float]:
    """`release --split` for argparse: train/validation/test shares (`core.splits.parse_ratios`).

    A bad split was refused only once the command ran (exit 1), while every other option's
    bad value is a usage error (exit 2); the words stay the core's, which say what to give.
    """
    import argparse

    from annotator.core.splits import parse_ratios

    try:
        return parse_ratios(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _output(value: str) -> Path:
    """An output path for argparse: `-`, or a name with a control character, is a usage error
    (exit 2), not a file named so.

    To anyone used to Unix tools `-o -` means standard output (`... -o - | jq`); it wrote a
    file named `-` into the current folder, printed nothing and exited 0. Outputs are files
    (written to a temporary file and renamed), so say so.
    """
    import argparse

    if value == "-":
        raise argparse.ArgumentTypeError(
            "'-' is not a file name: annotator writes files, not to standard output; give a path"
        )
    if any(_obeyed(char) for char in value):
        # `-o "$(cat name.txt)"` of a name saved on Windows wrote `claims.jsonl\r`, exit 0: `ls`
        # showed `claims.jsonl?`, and the next step's `claims.jsonl` was not there.
        raise argparse.ArgumentTypeError(
            f"{value!r} holds a control character (a name read from a file saved on Windows ends "
            "in \\r); give the name without it"
        )
    padded = _padded_name(value)
    if padded is not None:
        # `-o "claims.csv "` (pasted with the space after it) wrote JSON Lines, exit 0: the name's
        # ending was ".csv ", no format's, and `ls` showed a claims.csv that was not found by name.
        part, where = padded
        named = repr(value) if part == value else f"{value!r}: {part!r}"
        raise argparse.ArgumentTypeError(
            f"{named} {where} a space (pasted with the name?), which a file list hides; "
            "give the name without it"
        )
    return Path(value)


def _padded_name(value: str) -> tuple[str, str] | None:
    """(name, "starts with" or "ends in") for the first name in path `value` with a space (any
    Unicode space) at its start or end, that is not there already (a folder named so on purpose
    stays usable)."""
    parts = value.replace(os.sep, "/").split("/")
    for index, part in enumerate(parts):
        where = "starts with" if part[:1].isspace() else "ends in" if part[-1:].isspace() else ""
        if where and not os.path.lexists("/".join(parts[: index + 1])):
            return part, where
    return None


def build_parser(*, window_only: bool = False) -> argparse.ArgumentParser:
    """The whole command line; with `window_only`, only what opening the window reads (`open`).

    Opening the window parses `open`'s options alone, so its start does not build the
    other eight commands' parsers first.
    """
    return _build_parsers(window_only=window_only)[0]


def _build_parsers(*, window_only: bool = False) -> tuple[argparse.ArgumentParser, CommandParsers]:
    """The top-level parser and each command's, by name (`build_parser`)."""
    import argparse

    # The choices come from the registries (formats, statuses, match modes), never from a copy.
    from annotator.core.model import ArticleStatus, ClaimLabel

    parser = argparse.ArgumentParser(
        prog="annotator",
        usage="%(prog)s [PROJECT] [--sample] [--self-test [--screenshot FILE]]\n"
        "       %(prog)s COMMAND ...   (%(prog)s COMMAND --help for its options)",
        description="Label claims in news articles. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    # `annotator --sample` and `annotator --self-test` go to `open` (see main); the top-level help
    # lists them too, where a new user looks. SUPPRESS: they never set anything at this level.
    _window_options(
        parser.add_argument_group("the window, without a command", argument_default=argparse.SUPPRESS)
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="log debug details to the log file")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog="annotator")

    window = commands.add_parser("open", parents=[common], help="open the window (the default command)")
    window.add_argument("project", nargs="?", type=Path, help="project file to open")
    _window_options(window)
    if window_only:
        return parser, commands.choices

    imp = commands.add_parser(
        "import", parents=[common], help="import articles into a project (created if missing)"
    )
    imp.add_argument("project", type=Path)
    imp.add_argument("inputs", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    imp.add_argument("--no-nlp", action="store_true", help="skip pre-annotation")
    imp.add_argument("--skip-bad", action="store_true", help="import the good files/lines, report the rest")
    imp.add_argument(
        "--report",
        type=_output,
        help="with --skip-bad: where to write the rejected lines (a new file, or an earlier report)",
    )
    imp.add_argument("--text-column", help="CSV/TSV: the column that holds the article text")
    imp.add_argument(
        "--max-mb", type=_size_mb, default=20.0, help="refuse input files larger than this (MB, default 20)"
    )

    exp = commands.add_parser("export", parents=[common], help="export labels")
    exp.add_argument("project", type=Path)
    exp.add_argument(
        "-o",
        "--output",
        type=_output,
        required=True,
        help="the file to write (its folder is made if missing); spacy: a folder for its four "
        "files, or NAME.spacy (or one of them, NAME.train.spacy) to have them named NAME.train.spacy, ...",
    )
    exp.add_argument(
        "--format",
        default=None,
        choices=_Choices(_export_formats),
        metavar="FORMAT",  # a metavar keeps argparse from listing the choices until help is shown
        dest="fmt",
        help="%(choices)s (default: csv for a name ending in .csv, spacy for .spacy, else jsonl)",
    )
    exp.add_argument("--force", action="store_true", help="overwrite an existing output file")
    # Gold labels are nobody's own claims: `--gold --annotator alice` wrote an empty file, exit 0.
    whose = exp.add_mutually_exclusive_group()
    whose.add_argument(
        "--annotator",
        action="append",
        help="only claims by this annotator (repeatable; not with --gold)",
    )
    exp.add_argument(
        "--label",
        action="append",
        choices=[label.value for label in ClaimLabel],  # a mistyped label is bad usage (exit 2)
        metavar="LABEL",
        help=f"only claims with this label: {', '.join(label.value for label in ClaimLabel)} (repeatable)",
    )
    exp.add_argument(
        "--status", choices=[status.value for status in ArticleStatus], help="only articles with this status"
    )
    exp.add_argument(
        "--since",
        type=_iso_moment,
        metavar="DATE",
        help="only claims changed at or after this ISO date or date-time, e.g. 2024-05-06 or "
        "2024-05-06T09:30 (UTC unless it says its offset)",
    )
    whose.add_argument(
        "--gold",
        action="store_true",
        help="only gold labels: reviewers' decisions and the spans every annotator of an article agreed on",
    )
    # No defaults here: one given with another format is a usage error (`_unpaired_option`).
    exp.add_argument("--seed", type=_seed, help="spacy: seed of the train/dev split by article (default 0)")
    exp.add_argument(
        "--dev-ratio",
        type=_dev_ratio,
        help="spacy: share of articles for dev, above 0 and below 1 (default 0.2)",
    )
    exp.add_argument(
        "--with-entities", action="store_true", help="doccano: add entity spans beside the claims"
    )
    exp.add_argument(
        "--full-paths",
        action="store_true",
        help="jsonl: write the imported file's full path in meta.import_file (default: its name only)",
    )

    rel = commands.add_parser(
        "release",
        parents=[common],
        help="release the labels as a training dataset: splits, dataset card, sources, checksums",
    )
    rel.add_argument("project", type=Path)
    _output_argument(rel, "out_dir", metavar="OUT_DIR", help="a new or empty folder")
    rel.add_argument("--seed", type=_seed, default=0, help="seed of the split by article (default 0)")
    rel.add_argument(
        "--split",
        type=_split,
        default="0.8/0.1/0.1",
        help="train/validation/test shares of the articles (default 0.8/0.1/0.1)",
    )
    rel.add_argument(
        "--labels",
        choices=_Choices(_release_labels),
        metavar="LABELS",
        help="gold: reviewers' decisions and the spans every annotator of an article agreed on "
        "(default); majority: one label per span by vote, ties left out; all: every annotator's claims "
        "(the default where one person labelled every claim)",
    )
    rel.add_argument(
        "--pseudonymise", action="store_true", help="replace annotator names by annotator-1, -2, ..."
    )
    rel.add_argument("--license", default="", metavar="SPDX", help="the dataset's licence, e.g. CC-BY-4.0")
    rel.add_argument("--name", default="", help="the dataset's name on its card (default: the project's)")
    rel.add_argument("--force", action="store_true", help="replace an earlier release in OUT_DIR")
    rel.add_argument(
        "--keep-paths", action="store_true", help="keep import paths as recorded (they may name your folders)"
    )
    rel.add_argument(
        "--limitations",
        type=Path,
        metavar="FILE",
        help="Markdown for the card's 'Intended use and limitations' section",
    )

    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="copy a project safely, even while the window has it open (copying the file may tear it)",
    )
    backup.add_argument("project", type=Path)
    _output_argument(
        backup, "out", metavar="OUT", help="the new project file (its folder is made if missing)"
    )
    backup.add_argument(
        "--force",
        action="store_true",
        help="overwrite an existing file that is no project (projects never are)",
    )

    stats = commands.add_parser("stats", parents=[common], help="counts of articles, claims and labels")
    stats.add_argument("project", type=Path)
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.add_argument(
        "--html", type=_output, metavar="REPORT", help="also write a self-contained HTML report"
    )
    stats.add_argument("--force", action="store_true", help="with --html: overwrite an existing report")

    merge = commands.add_parser(
        "merge", parents=[common], help="merge annotators' project files into a team file (one transaction)"
    )
    merge.add_argument("team", type=Path, help="team project file (created if missing)")
    merge.add_argument("sources", nargs="+", type=Path, metavar="PROJECT", help="project files to merge")
    merge.add_argument("--json", action="store_true", help="print the merge reports as JSON")

    agree = commands.add_parser("agreement", parents=[common], help="inter-annotator agreement")
    agree.add_argument("project", type=Path)
    agree.add_argument("--json", action="store_true", help="print JSON")
    agree.add_argument(
        "--match",
        choices=_Choices(_match_modes),
        metavar="MODE",
        default="exact",
        help="how spans are paired: %(choices)s (default exact)",
    )

    ann = commands.add_parser(
        "annotate",
        parents=[common],
        help="pre-annotate articles that lack it, and bring the others up to the team's entity decisions",
    )
    ann.add_argument("project", type=Path)
    ann.add_argument("--redo", action="store_true", help="run again on every article")
    ann.add_argument(
        "--pipeline",
        choices=("en_core_web_sm", "en_core_web_md"),
        help="make this spaCy pipeline the project's, then pre-annotate every article with it "
        "(people's decisions and corrections stay; each pipeline's results are cached)",
    )

    train = commands.add_parser(
        "train",
        parents=[common],
        help="train the claim classifier on the labelled claims and suggest labels for candidates",
    )
    train.add_argument("project", type=Path)
    train.add_argument(
        "--held-out",
        type=_held_out,
        default=0.2,
        help="share of labelled claims, from the newest articles, held out for the evaluation: "
        "0.05 to 0.5 (default 0.2)",
    )
    train.add_argument(
        "--eval-file",
        type=Path,
        metavar="FILE",
        help="also evaluate on labelled sentences from FILE: CSV/TSV with sentence (or text) and label "
        "columns, or JSONL with text and label; labels factual/opinion/questionable or SUBJ/OBJ",
    )
    train.add_argument(
        "--no-suggest",
        action="store_true",
        help="train and evaluate only (the previous model's suggestions are removed, not kept beside it)",
    )
    train.add_argument("--json", action="store_true", help="print the held-out evaluation as JSON")

    rename = commands.add_parser(
        "rename-annotator",
        parents=[common],
        help="give a person of the project another name, or make two names of one person one",
    )
    rename.add_argument("project", type=Path)
    rename.add_argument("old", metavar="OLD", help="the name as the project has it")
    rename.add_argument(
        "new", metavar="NEW", help="the new name; a name the project has already makes the two people one"
    )
    return parser, commands.choices


def _parse(args_list: list[str]) -> argparse.Namespace:
    """The parsed command line; bad usage exits 2 with the command's own usage and a guess.

    Python 3.11's argparse says an unknown option of a command through the top-level parser:
    `annotator export ... --formt csv` printed a usage that lists none of export's options,
    and no hint of `--format`.
    """
    parser, commands = _build_parsers(window_only=args_list[0] == "open")
    args, unknown = parser.parse_known_args(args_list)
    unknown = _late_output(args, unknown, commands)
    if unknown:
        said_by = commands.get(args.command, parser)
        said_by.error(f"unrecognized arguments: {' '.join(unknown)}{_option_meant(unknown, said_by)}")
    placed = _output_placed(args)
    if placed is not None:
        commands[args.command].error(placed)
    unpaired = _unpaired_option(args)
    if unpaired is not None:
        commands[args.command].error(unpaired)
    repeated = _repeated_merge_file(args)
    if repeated is not None:
        commands["merge"].error(repeated)
    return args


def _output_argument(parser: argparse.ArgumentParser, dest: str, *, metavar: str, help: str) -> None:
    """A command's output as its last argument or, as `export` takes it, after `-o`.

    `annotator release p.db -o out` (the habit `export -o` teaches) said only "unrecognized
    arguments: -o"; `_output_placed` checks that exactly one of the two is given.
    """
    import argparse

    parser.add_argument(
        dest, nargs="?", type=_output, metavar=metavar, help=f"{help}; or give it as -o {metavar}"
    )
    parser.add_argument(
        "-o", "--output", dest=f"{dest}_option", type=_output, metavar=metavar, help=argparse.SUPPRESS
    )


_OUTPUT_DESTS = {"release": "out_dir", "backup": "out"}
"""The commands whose output is an `_output_argument`, by the name it is parsed under."""


def _late_output(
    args: argparse.Namespace, unknown: list[str], commands: dict[str, argparse.ArgumentParser]
) -> list[str]:
    """`unknown` without the output, when it was given last after an option.

    Python 3.11's argparse matches an optional positional as empty once the project is read:
    `annotator release p.db --labels all rel` and `backup p.db --force copy.db` said
    "unrecognized arguments: rel", though the usage reads `project [OUT_DIR]` with options
    anywhere. Only a lone leftover that is no option is taken, so a mistyped option still
    says so.
    """
    dest = _OUTPUT_DESTS.get(args.command)
    if dest is None or getattr(args, dest) is not None or len(unknown) != 1:
        return unknown
    if unknown[0].startswith("-") and unknown[0] != "-":  # "-" alone is a name `_output` refuses
        return unknown
    import argparse

    try:
        setattr(args, dest, _output(unknown[0]))
    except argparse.ArgumentTypeError as exc:
        metavar = "OUT_DIR" if dest == "out_dir" else "OUT"
        commands[args.command].error(f"argument {metavar}: {exc}")
    return []


def _output_placed(args: argparse.Namespace) -> str | None:
    """Argparse's words for an output given twice or not at all (`_output_argument`)."""
    dest = _OUTPUT_DESTS.get(args.command)
    if dest is None:
        return None
    given, option = getattr(args, dest), getattr(args, f"{dest}_option")
    metavar = "OUT_DIR" if dest == "out_dir" else "OUT"
    if given is not None and option is not None:
        return f"the output is given twice ({given} and -o {option}): give {metavar} or -o {metavar}"
    if given is None and option is None:
        return f"the following arguments are required: {metavar}"
    setattr(args, dest, given if given is not None else option)
    return None


def _repeated_merge_file(args: argparse.Namespace) -> str | None:
    """Argparse's words for a merge source named twice, or the team file named as a source.

    `merge team.db alice.db ./alice.db` merged alice twice and reported both, the second
    "0 claims added, 3 already there", exit 0: a slip for another file (bob's) went unseen.
    The team file as a source was refused only once it was open. Both are seen from the paths,
    through links and `./`, before anything opens.
    """
    if args.command != "merge":
        return None
    from annotator.services.merging import repeated_source

    repeated = repeated_source(args.team, args.sources)
    if repeated is None:
        return None
    source, earlier = repeated.source, repeated.same_as
    if earlier is None:
        team = "" if source == args.team else f" {args.team}"
        return f"argument PROJECT: {source} is the team file{team}; a project cannot be merged into itself"
    twice = f"{source} is named twice" if earlier == source else f"{earlier} and {source} are one file"
    return f"argument PROJECT: {twice}; name each project to merge once"


COMPANIONS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    "open": (("screenshot", "--screenshot", "self_test", "--self-test"),),
    "import": (("report", "--report", "skip_bad", "--skip-bad"),),
    "stats": (("force", "--force", "html", "--html"),),
}
"""(attribute, option, attribute and option of the one it needs) by command: an option that does
nothing without its companion."""

FORMAT_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("seed", "--seed", "spacy"),
    ("dev_ratio", "--dev-ratio", "spacy"),
    ("with_entities", "--with-entities", "doccano"),
    ("full_paths", "--full-paths", "jsonl"),
)
"""(attribute, option, the one export format that reads it)."""


def _unpaired_option(args: argparse.Namespace) -> str | None:
    """Argparse's words for an option given without the option it works with, if any.

    Such an option was ignored without a word: `import --report r.tsv` without --skip-bad
    refused a bad file and wrote no report, `stats --force` without --html overwrote nothing,
    and `export --seed 3 -o x.csv` split nothing; each exited as if it had been heeded.
    """
    for attribute, option, needs, companion in COMPANIONS.get(args.command, ()):
        given = getattr(args, attribute, None)
        if given is not None and given is not False and not getattr(args, needs, None):
            return f"argument {option}: not allowed without argument {companion}"
    if args.command == "export":
        from annotator.services.exporting import format_for_output

        # The format the export writes: the one given (a name it contradicts is the export's to
        # refuse), else the one the output's name chooses.
        fmt = args.fmt if args.fmt is not None else format_for_output(args.output, None)
        for attribute, option, reads in FORMAT_OPTIONS:
            given = getattr(args, attribute)
            if given is not None and given is not False and fmt != reads:
                chosen = "" if args.fmt is not None else " (no --format given)"
                return (
                    f"argument {option}: only allowed with argument --format {reads}; "
                    f"this export's format is {fmt}{chosen}"
                )
    return None


def _option_meant(unknown: Sequence[str], parser: argparse.ArgumentParser) -> str:
    """The hint for the first unknown option close to one of `parser`'s, e.g. ` (did you mean --format?)`."""
    options = [option for action in parser._actions for option in action.option_strings]
    for given in unknown:
        if given.startswith("--"):
            meant = _closest(given.split("=", 1)[0], options)
            if meant is not None:
                return f" (did you mean {meant}?)"
    return ""


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate `word` was most likely meant as, if one is close enough.

    One measure (difflib's ratio, at least 0.6) for every guess the command line makes, of a
    command, an option or a project's name, so they agree on what counts as a slip.
    """
    import difflib

    meant = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return meant[0] if meant else None


def _verbose_after_its_command(args_list: list[str]) -> list[str]:
    """`annotator -v stats p.db` as `annotator stats -v p.db`: `-v` belongs to each command.

    Put first, as git and docker take their global options, it sent the line to the window's
    parser, which refused it as `annotator open: error: unrecognized arguments: p.db`.
    """
    if len(args_list) > 1 and args_list[0] in {"-v", "--verbose"} and args_list[1] in SUBCOMMANDS:
        return [args_list[1], args_list[0], *args_list[2:]]
    return args_list


OTHER_TOOLS_WORDS: dict[str, str] = {
    "new": "import",
    "create": "import",
    "init": "import",
    "add": "import",
    "load": "import",
    "status": "stats",
    "info": "stats",
    "copy": "backup",
    "publish": "release",
    "kappa": "agreement",
}
"""Words other tools (git, a menu's New, doccano) give what one of our commands does."""


def _command_slip(args_list: Sequence[str]) -> str | None:
    """What to say when the first word names no file and is no command, if it was meant as one.

    Any other first word is a project for the window: `annotator exprot p.db` was a window
    start with two projects ("unrecognized arguments: p.db"), `annotator stat p.db` opened
    the window on a project called `stat`, and `annotator new p.db` told a newcomer nothing
    about how a project is made.
    """
    if not args_list or args_list[0].startswith("-") or args_list[0] in SUBCOMMANDS:
        return None
    word = args_list[0]
    # A name with a dot or a folder is a file's (`annotator train.db` makes that project).
    if "." in word or os.sep in word or "/" in word or os.path.lexists(word):
        return None
    slip = f"{word!r} is not a command, and no file has that name"
    meant = _closest(word, [c for c in SUBCOMMANDS if c != "open"])
    if meant is None and OTHER_TOOLS_WORDS.get(word.lower()) == "import":
        return f"{slip}; a project is made by importing articles into it: annotator import PROJECT FILE..."
    meant = meant or OTHER_TOOLS_WORDS.get(word.lower())
    if meant is not None:
        return f"{slip}; did you mean {meant!r}?"
    if len(args_list) > 1:  # one project is a window start; more arguments are a command's
        return f"{slip}; the commands are: {', '.join(SUBCOMMANDS)}"
    return None


NEEDS_A_PROJECT = frozenset(
    {"annotate", "export", "release", "backup", "stats", "agreement", "train", "rename-annotator"}
)
"""The commands whose PROJECT must exist already (`import`, `merge`'s team file and `open` make one)."""


def _refuse_missing_projects(args: argparse.Namespace) -> None:
    """Refuse, before anything opens, a project path with nothing there, with what to do instead.

    "missing.db: does not exist" left a person to find the right name, or to learn how a
    project is made, elsewhere. A link that leads nowhere is there, and the opening names it.
    """
    if args.command in NEEDS_A_PROJECT and not os.path.lexists(args.project):
        import shlex

        meant = _project_meant(args.project)
        made = (
            f"a project is made by importing articles into it (annotator import "
            f"{shlex.quote(str(args.project))} FILES...) or with File ▸ New Project… in the window"
        )
        raise UserError(
            f"{args.project}: does not exist; {made if meant is None else f'did you mean {meant}?'}"
        )
    if args.command == "open" and args.project is not None and not os.path.lexists(args.project):
        from annotator.formats import READERS
        from annotator.services.paths import missing_folder

        if Path(args.project).suffix.lower() in READERS:
            import shlex

            # `annotator articles.txt`, typed for a file of articles that is not there (a typo, another
            # folder), made a new empty project named articles.txt, and opened it without a word.
            raise UserError(
                f"{args.project}: does not exist, and a file of that ending holds articles, not a "
                "project; check the path, or import the articles into a project with annotator import "
                f"PROJECT.annotator.db {shlex.quote(str(args.project))}"
            )

        missing = missing_folder(args.project)
        if missing is not None:
            import shlex

            raise UserError(
                f"{args.project}: the folder {shlex.quote(str(missing))} does not exist; check the path, "
                "or make the folder first to start a new project in it"
            )
    if args.command == "merge":
        for source in args.sources:
            if not os.path.lexists(source):
                meant = _project_meant(source)
                advice = "check the path of the file to merge" if meant is None else f"did you mean {meant}?"
                raise UserError(f"{source}: does not exist; {advice}")


def _refuse_unexpanded_home(args: argparse.Namespace) -> None:
    """Refuse a path that starts with a `~` no shell expanded, where no folder of that name is.

    A script's `-o "~/claims.jsonl"` (quoted, so the shell leaves the ~ as it is) made a folder
    named `~` in the current folder and wrote there, exit 0: the file was not in the home folder
    where the user looked, and a later `rm -rf ~` to clean up takes the home folder with it.
    Every path of the command line is checked, inputs too, before anything is read or made.
    """
    for value in vars(args).values():
        for path in value if isinstance(value, list) else [value]:
            if not isinstance(path, Path) or path.is_absolute() or not path.parts:
                continue
            first = path.parts[0]
            if first.startswith("~") and not os.path.lexists(first) and os.path.expanduser(first) != first:
                raise UserError(
                    f"{path}: no folder here is named {first}, and a quoted {first} is not your home "
                    f"folder (the shell expands it only unquoted); write {os.path.expanduser(path)} instead"
                )


def _project_meant(path: Path) -> Path | None:
    """The project file beside `path` whose name is closest to it, if one is close enough.

    Names are compared without their project ending, so `alice.db` finds `alice.annotator.db`
    and the ending all projects share does not make `a.db` look like `b.db`.
    """
    from annotator.services.paths import PROJECT_ENDINGS

    def stem(name: str) -> str:
        ending = next((e for e in PROJECT_ENDINGS if name.lower().endswith(e)), "")
        return name[: len(name) - len(ending)]

    try:
        with os.scandir(path.parent) as entries:
            names = sorted(
                e.name for e in entries if e.name.lower().endswith(PROJECT_ENDINGS) and e.is_file()
            )
    except OSError:  # no such folder, or one that cannot be listed: no guess
        return None
    by_stem = {stem(name): name for name in reversed(names)}  # of one stem, the first name in order
    meant = _closest(stem(path.name), by_stem)
    return None if meant is None else path.parent / by_stem[meant]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = _verbose_after_its_command(list(sys.argv[1:] if argv is None else argv))
    slip = _command_slip(args_list)
    if slip is not None:
        build_parser(window_only=True).error(slip)
    others = {*SUBCOMMANDS} - {"open"} | {"-h", "--help", "--version"}
    if not (args_list and args_list[0] in others):
        # A window start that reopens the project closed last paints its article before the
        # rest of the program loads (`ui.quick_start`); any other start returns None here.
        reopened = _run_reopened(args_list)
        if reopened is not None:
            return reopened
    # `annotator [PROJECT]` and `annotator --self-test` open the window: route them to `open`.
    if not args_list or args_list[0] not in {*SUBCOMMANDS, "-h", "--help", "--version"}:
        args_list = ["open", *args_list]
    _never_fail_to_print()
    args = _parse(args_list)
    from annotator.services.logs import setup_logging

    setup_logging(verbose=args.verbose)
    _print_row_warnings()
    handler = SUBCOMMANDS[args.command]
    try:
        with _stopped_by_sigterm_too(args.command):
            _refuse_unexpanded_home(args)
            _refuse_missing_projects(args)
            code = handler(args)
        sys.stdout.flush()  # here, not at exit, where a closed pipe is a message no one asked for
        return code
    except BrokenPipeError as exc:
        if not _output_gone(exc):
            log.exception("unexpected error in %s", args.command)
            _say_bug()
            return EXIT_BUG
        log.info("%s: the reader of the output closed it early", args.command)
        return EXIT_USER_ERROR
    except AnnotatorError as exc:
        log.info("user error: %s", exc)
        print(f"annotator: {_visible(str(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt as exc:
        import signal

        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        how = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
        print(f"annotator: {how}; nothing after the last completed step was saved", file=sys.stderr)
        return _end_by_signal(signum, whole_process=argv is None)
    except Exception:
        log.exception("unexpected error in %s", args.command)
        _say_bug()
        return EXIT_BUG


class Stopped(KeyboardInterrupt):
    """SIGTERM, raised where the command is as Ctrl+C's KeyboardInterrupt is, so that it ends the
    same way: its transaction rolled back, its temporary files and worker processes gone."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stopped_by_sigterm_too(command: str) -> Iterator[None]:
    """SIGTERM (`kill`, `timeout`, a batch system's time limit) as `Stopped` while a command runs.

    Left to its default, it ended the process on the spot without a word: an export's
    temporary file stayed beside the output, a release's worker processes left Python's
    "leaked semaphore" warning on the terminal. Not for the window, which ends as before,
    nor where Python cannot set a handler (a thread other than the main one).
    """
    import signal
    import threading

    if command == "open" or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    earlier = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, earlier)


def _end_by_signal(signum: int, *, whole_process: bool) -> int:
    """The shell's status for a command `signum` stopped; as the whole process, have it end by
    `signum` itself, with the signal's default action, once Python has finished its exit.

    A command Ctrl+C stopped exited 1, a user error's status: a script could not tell it from a
    bad file, and a shell loop (`for f in *.jsonl; do annotator import p.db "$f"; done`) went
    on with the next file, for a shell stops only when its command died of the signal. Python
    ends this way after a Ctrl+C nobody caught; a call from Python (tests) gets the status.
    """
    if whole_process and os.name == "posix":
        _ending_signal.append(signum)
    return SIGNAL_EXIT_BASE + signum


_ending_signal: list[int] = []
"""The signal this process is to end by, once its exit has run everything before it."""


@atexit.register
def _end_by_the_signal_that_stopped_it() -> None:
    """The last of the exit's steps (registered first, it runs last): the pool's semaphores,
    cleaned up by `multiprocessing` at exit, were reported leaked by its resource tracker when
    the process ended before them."""
    if not _ending_signal:
        return
    import signal

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    signal.signal(_ending_signal[0], signal.SIG_DFL)
    os.kill(os.getpid(), _ending_signal[0])


def _visible(message: str) -> str:
    """`message` with what a terminal would obey instead of show (a carriage return, an escape
    sequence, a bidirectional override) written as its Python escape, e.g. `\\r`.

    Messages name the paths they were given as they were given: a name read from a list saved
    on Windows ends in a carriage return, and "a.txt\\r: does not exist" sent the terminal back
    to the line's start, so the user read ": does not exist; check the pathported: a.txt" with
    no sign of why; an escape sequence in a name cleared the screen.
    """
    return "".join(repr(char)[1:-1] if _obeyed(char) and char not in _LAID_OUT else char for char in message)


_LAID_OUT = frozenset("\n\t")
"""What `_visible` leaves as it is: the line breaks and indents of a message of several lines
(the import's list of rejected files) are its layout, not a name's stray character."""


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The marks that turn the text after them around on a terminal (`_visible`)."""


def _obeyed(char: str) -> bool:
    """Whether a terminal acts on `char` rather than showing it: a control character (C0, DEL,
    C1) or a bidirectional override. Other unusual letters (a non-breaking space) stay as they are.
    """
    return char in _BIDI_CONTROLS or ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0


def _say_bug() -> None:
    """The one line a bug gets on the terminal: the log that holds its traceback, or why none does.

    Naming the log file when it could not be written sent people to a file that is not there.
    """
    from annotator.services.logs import log_status

    status = log_status()
    where = f"details in {status.path}" if status.path else f"no log could be written: {status.problem}"
    print(f"annotator: internal error ({where}); please report it", file=sys.stderr)


def _output_gone(exc: BrokenPipeError) -> bool:
    """Whether `exc` is the reader of our output gone (`annotator agreement --json | head -c1`).

    Only this module prints, so a broken pipe raised here (a `print`, the last flush) is the
    output's; one raised deeper down (a worker's pipe) is a bug, and is said as one. Then
    Python's recipe (the `signal` module's notes on SIGPIPE): stdout is pointed at devnull,
    so the flush at exit cannot raise again, and the command ends without a word, as `cat` does.
    """
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None or tb.tb_frame.f_globals is not globals():
        return False
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return True


def _never_fail_to_print() -> None:
    """Make stdout write what it cannot encode as escapes instead of raising.

    A file name that is not UTF-8 reaches Python with surrogate escapes, and under a UTF-8
    locale stdout is strict: printing "exported ... to out?.jsonl" (a lone surrogate for the
    byte 0xff) after the export had succeeded raised, and the user read "internal error".
    stderr already escapes (Python's default); stdout under the C locale already passes the
    bytes through, and is left so.
    """
    stream = sys.stdout
    if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
        with contextlib.suppress(OSError, ValueError):  # a stream that cannot change stays as it is
            stream.reconfigure(errors="backslashreplace")


def _run_reopened(args_list: list[str]) -> int | None:
    """`ui.quick_start.run_reopened` if these arguments open a project whose page can be painted
    first: the project closed last, unchanged (its record), or another one that passes the open's
    checks (`services.first_open`, laid out as the window was at its last clean close).

    Both are looked up before PySide6 loads: any other start goes on to `open`, the checked start.

    The cyclic garbage collector waits until the first paint: what loads before it (modules,
    Qt's wrappers) lives as long as the process, and collecting it again and again cost about
    3 ms of a first paint that takes 110-130 ms. It runs again from the second step on.
    """
    gc.disable()
    record: Reopened | None = None
    try:
        record = first_paint_record(args_list)
    finally:
        if record is None:  # the checked start collects as before
            gc.enable()
    if record is None:
        return None
    from annotator.ui.quick_start import run_reopened

    def start_logging() -> None:
        from annotator.services.logs import setup_logging
        from annotator.ui.qt_messages import install_qt_messages

        gc.enable()
        setup_logging()
        install_qt_messages().write_held()  # Qt's messages from before the first paint
        _print_row_warnings()

    try:
        return run_reopened(record, before_build=start_logging)
    except Exception:
        from annotator.services.logs import setup_logging

        setup_logging()
        log.exception("unexpected error while reopening")
        _say_bug()
        return EXIT_BUG
    finally:
        gc.enable()


def first_paint_record(args_list: Sequence[str]) -> Reopened | None:
    """What a window start with these arguments paints before the rest loads, if it can: the
    record of the project closed last, else the article of another one read after its checks."""
    from annotator.services.last_closed import reopening

    record = reopening(args_list)
    if record is None:
        from annotator.services.first_open import first_open

        record = first_open(args_list, meanwhile=_load_first_paint)
    return record


def _load_first_paint() -> None:
    """Load the first paint's modules (PySide6 among them) while SQLite checks the project file.

    Not when a system library Qt needs is missing: loading Qt's GUI would abort the process,
    and the start that follows says which library it is.
    """
    from annotator.ui.system_check import window_problem

    if window_problem() is None:
        import annotator.ui.quick_start  # noqa: F401


def _print_row_warnings() -> None:
    """Rows of a project the store ignores (a bad cached analysis, suggestion or model) are
    said on stderr, one line each, as well as in the log."""
    from annotator.services.project import row_warnings

    if not any(isinstance(h, _StderrWarnings) for h in row_warnings.handlers):
        row_warnings.addHandler(_StderrWarnings(logging.WARNING))


class _StderrWarnings(logging.Handler):
    """One line per warning on the stderr of the moment (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"annotator: warning: {_visible(record.getMessage())}", file=sys.stderr)


@_subcommand("open")
def _open_window(args: argparse.Namespace) -> int:
    from annotator.ui.system_check import window_problem

    # Before anything loads Qt's GUI: a missing system library would abort the process.
    problem = window_problem()
    if problem is not None:
        raise MachineError(problem)
    # The window's Qt-free modules before PySide6: PySide6 reads the source of every module
    # imported after it (to see whether it asks for a `__feature__`), about 10 ms of the start.
    import annotator.services.project
    import annotator.services.settings  # noqa: F401
    from annotator.ui.app import run

    if args.self_test:
        from annotator.ui.selftest import run_self_test

        return run_self_test(screenshot=args.screenshot)
    project_path: Path | None = args.project
    if args.sample:
        from annotator.services.samples import ensure_sample_project

        project_path = ensure_sample_project()
    return run(project_path)


def _open_project(path: str | Path, *, create: bool = True) -> Project:
    """`services.project.open_project`, saying on stderr where a file it updated from an
    earlier version is kept as it was: the update cannot be undone, and even `stats` makes it."""
    from annotator.services.project import open_project

    project = open_project(path, create=create)
    if project.copy_before_update is not None:
        print(
            f"annotator: note: {_visible(str(project.path))} was made by an earlier version and has"
            " been updated; that version cannot open it now. A copy of it as it was is kept as"
            f" {_visible(str(project.copy_before_update))}",
            file=sys.stderr,
        )
    return project


def _warn_if_shared(project: Project) -> None:
    """Say on stderr what a project in a synced folder or on a network share risks, before a
    command changes it: each action goes into the file itself there, but a window or command
    on another computer with the file open at the same time can lose work or damage it."""
    place = project.shared_place
    if place is None or project.read_only:
        return
    print(
        f"annotator: warning: {_visible(str(project.path))} is in {place}; let no other computer "
        "open it until this command ends, and share copies made with `annotator backup`",
        file=sys.stderr,
    )


def _daily_copy(project: Project) -> None:
    """The window's daily copy (`services.backups`), before a command changes a project.

    Import, pre-annotation and training change a project as the window does: the copy of the
    day before is what a person goes back to. (A merge takes a copy of its own just before it,
    `merging.merge_keeping_a_copy`, which is the day's copy too.) A project this run made has
    nothing to keep. A copy that cannot be made (a full disk) is said, and the command goes on, as in
    the window.
    """
    if project.created:
        return
    from annotator.services.backups import back_up_if_due

    try:
        copy = back_up_if_due(project.path)
    except AnnotatorError as exc:
        print(f"annotator: warning: no daily copy: {_visible(str(exc))}", file=sys.stderr)
        return
    if copy is not None:
        log.info("daily copy of %s before this command: %s", project.path, copy.path)


@_subcommand("import")
def _import(args: argparse.Namespace) -> int:
    from annotator.services.importing import import_paths

    with _open_project(args.project) as project:
        _warn_if_shared(project)
        _daily_copy(project)
        try:
            report = import_paths(
                project,
                args.inputs,
                skip_bad=args.skip_bad,
                report_path=args.report,
                text_column=args.text_column,
                # Under a byte is a byte: a limit of 0 bytes is not the one --max-mb above 0 set.
                max_bytes=max(1, int(args.max_mb * 1024 * 1024)),
                progress=Progress("Reading"),
            )
        except BaseException:
            # A rejected first import must not leave an empty project file behind; only one
            # this process made, that nobody else has open and that is still empty goes.
            project.discard_if_unused()
            raise
        print(report.summary())
        if not args.no_nlp and report.added:
            _preannotate(project, report.added, redo=False)
    return EXIT_OK


def _preannotate(project: Project, article_ids: list[int] | None, *, redo: bool) -> None:
    from dataclasses import replace

    from annotator.services.preannotate import preannotate
    from annotator.services.suggestions import refresh_suggestions

    result = preannotate(project, article_ids, redo=redo, progress=Progress("Pre-annotating"))
    # With a trained model, the new candidates get suggestions too (the panel is never stale).
    suggesting = Progress("Suggesting")
    suggested = refresh_suggestions(project, result.article_ids, progress=suggesting)
    result = replace(result, suggested=suggested)
    if result.warning:
        print(f"annotator: warning: {_visible(result.warning)}", file=sys.stderr)
    print(result.summary())


@_subcommand("annotate")
def _annotate(args: argparse.Namespace) -> int:

    with _open_project(args.project, create=False) as project:
        _warn_if_shared(project)
        _daily_copy(project)
        if args.pipeline:
            from annotator.services.preannotate import choose_pipeline

            choice = choose_pipeline(project, args.pipeline)
            print(f"this project now pre-annotates with the {choice.title[0].lower()}{choice.title[1:]}")
        _preannotate(project, None, redo=args.redo)
    return EXIT_OK


@_subcommand("export")
def _export(args: argparse.Namespace) -> int:
    from annotator.services.exporting import ExportOptions, export, format_for_output

    options = ExportOptions(
        format=format_for_output(args.output, args.fmt),
        force=args.force,
        annotators=tuple(args.annotator or ()),
        labels=tuple(args.label or ()),
        status=args.status,
        since=args.since,
        gold=args.gold,
        seed=ExportOptions.seed if args.seed is None else args.seed,
        dev_ratio=ExportOptions.dev_ratio if args.dev_ratio is None else args.dev_ratio,
        with_entities=args.with_entities,
        full_paths=args.full_paths,
    )
    with _open_project(args.project, create=False) as project:
        result = export(project, args.output, options=options, progress=Progress("Exporting"))
    print(result.summary())
    return EXIT_OK


@_subcommand("release")
def _release(args: argparse.Namespace) -> int:
    from annotator.services.release import ReleaseOptions, labels_by_default, read_limitations, release

    limitations = read_limitations(args.limitations) if args.limitations is not None else ""
    with _open_project(args.project, create=False) as project:
        # A one-person project's default was gold, which is empty there: "nothing to release",
        # and a hint to settle disagreements there are none of. The window chooses All for it.
        options = ReleaseOptions(
            seed=args.seed,
            split=args.split,
            labels=args.labels or labels_by_default(project.claim_authors()),
            pseudonymise=args.pseudonymise,
            license=args.license,
            name=args.name,
            force=args.force,
            keep_paths=args.keep_paths,
            limitations=limitations,
        )
        result = release(project, args.out_dir, options=options, progress=Progress("Releasing"))
    print(result.summary())
    return EXIT_OK


@_subcommand("backup")
def _backup(args: argparse.Namespace) -> int:
    from annotator.services.backups import copy_project

    # A path with nothing there was refused before (`_refuse_missing_projects`); a folder or a
    # symlink loop is named for what it is by the copy's own checks.
    copied = copy_project(args.project, args.out, force=args.force)
    print(f"copied {args.project} to {copied}")
    return EXIT_OK


@_subcommand("stats")
def _stats(args: argparse.Namespace) -> int:
    from annotator.core.model import GOLD_ANNOTATOR
    from annotator.core.reports import gold_note
    from annotator.services.statistics import (
        agreed_spans,
        decision_counts,
        people_labels,
        preannotation_checks,
    )

    with _open_project(args.project, create=False) as project:
        stats = project.stats()
        labels = people_labels(project)
        checks = preannotation_checks(project)
        gold, no_claim = decision_counts(project)
        agreed = agreed_spans(project)
        if args.html:
            from annotator.services.statistics import write_html_report

            # Its folder made if missing, as `export -o` and `import --report` make theirs.
            written = write_html_report(project, args.html, force=args.force, make_folder=True)
            print(f"report written to {written}", file=sys.stderr)
    if args.json:
        figures = stats.to_dict()
        # As the dashboard names them; `by_annotator` keeps its "gold" entry for old readers.
        figures["gold"] = gold
        figures["no_claim"] = no_claim
        figures["gold_agreed"] = agreed
        figures["preannotation_checked"] = [
            {
                "what": c.what,
                "checked": c.checked,
                "right": c.right,
                "added": c.added,
                "unchecked": c.unchecked,
            }
            for c in checks
        ]
        print(json.dumps(figures, indent=2, sort_keys=True))
        return EXIT_OK
    done = stats.by_status.get("done", 0)
    print(f"articles:  {stats.articles} ({done} done, {stats.by_status.get('in_progress', 0)} in progress)")
    # People's claims, as the dashboard counts them: the gold labels are named below.
    print(f"claims:    {sum(labels.values())}")
    for label, count in labels.items():
        print(f"  {label:<13} {count}")
    for name, count in stats.by_annotator.items():
        if name != GOLD_ANNOTATOR:  # the reviewers' labels, named below with their "no claim" decisions
            print(f"  by {name:<10} {count}")
    if gold or no_claim or agreed:
        print(f"gold labels: {gold + agreed}{gold_note(gold, agreed, no_claim)}")
    print(f"entities:  {stats.entities}   quotes: {stats.quotes}   candidates: {stats.candidates}")
    print(f"pre-annotated articles: {stats.analysed}")
    if any(c.checked or c.added for c in checks):
        print("pre-annotation, as people checked it (right / checked; added by hand):")
        for c in (c for c in checks if c.checked or c.added):
            share = "n/a" if c.share is None else f"{c.share:.3f}"
            added = f"; {c.added} added" if c.added else ""
            print(f"  {c.what:<22} {share}  ({c.right} / {c.checked}{added})")
    return EXIT_OK


@_subcommand("merge")
def _merge(args: argparse.Namespace) -> int:
    from annotator.services.merging import merge_keeping_a_copy

    with _open_project(args.team) as team:
        _warn_if_shared(team)
        # The copy taken before the merge is the day's copy too (`_daily_copy`): one is enough.
        try:
            merged = merge_keeping_a_copy(team, args.sources, progress=Progress("Merging"))
        except BaseException:
            # As for import: a refused merge into a new team file leaves no empty project behind.
            team.discard_if_unused()
            raise
    reports = merged.reports
    way_back = [] if merged.copy is None else _way_back_from_merge(args.team, merged.copy.path)
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
        for line in way_back:  # stdout is the JSON alone
            print(f"annotator: note: {line}", file=sys.stderr)
        return EXIT_OK
    for report in reports:
        print(report.summary())
        for conflict in report.conflicts:
            print(f"  conflict: {conflict}")
    for line in way_back:
        print(line)
    return EXIT_OK


def _way_back_from_merge(team: Path, copy: Path) -> list[str]:
    """Where the copy of the team file from before the merge is, and how to go back to it.

    A merge cannot be undone: the lead who merged the wrong file learnt of no copy, and the
    daily copy, if one was made, could be a day old.
    """
    import shlex

    name = team.name
    stem = name.split(".")[0] or "team"
    restored = team.with_name(f"{stem}-before-merge.annotator.db")
    command = f"annotator backup {shlex.quote(str(copy))} {shlex.quote(str(restored))}"
    return [
        f"a copy of {_visible(name)} as it was before this merge is kept: {_visible(str(copy))}",
        f"to go back to it, make a project file from that copy: {_visible(command)} (or, in the "
        "window, File > Restore from a Backup…); the merge stays in "
        f"{_visible(name)}",
    ]


@_subcommand("agreement")
def _agreement(args: argparse.Namespace) -> int:
    from annotator.services.agreement import agreement, format_agreement

    with _open_project(args.project, create=False) as project:
        report = agreement(project, match=args.match)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        print(format_agreement(report))
    return EXIT_OK


@_subcommand("train")
def _train(args: argparse.Namespace) -> int:
    from annotator.services.suggestions import TrainOptions, train_claim_model

    options = TrainOptions(
        held_out_fraction=args.held_out, suggest=not args.no_suggest, eval_file=args.eval_file
    )
    progress = Progress("Training")
    with _open_project(args.project, create=False) as project:
        _warn_if_shared(project)
        _daily_copy(project)
        result = train_claim_model(project, options=options, progress=progress)
    if args.json:
        data = {
            "model": result.model.name,
            "evaluation": result.evaluation.to_dict(),
            "notes": [note.sentence() for note in result.notes],
            "train_seconds": round(result.train_seconds, 2),
            "suggestions": result.suggestions,
            "removed_suggestions": result.removed_suggestions,
        }
        print(json.dumps(data, indent=2, sort_keys=True))
    else:
        print(result.summary())
    return EXIT_OK


@_subcommand("rename-annotator")
def _rename_annotator(args: argparse.Namespace) -> int:
    from annotator.services.renaming import renaming

    with _open_project(args.project, create=False) as project:
        command = renaming(project, args.old, args.new)  # refused before any copy is taken
        _warn_if_shared(project)
        _daily_copy(project)
        project.execute(command)
    done = command.done
    assert done is not None
    # The old name's claims: those now the new name's, and those of it a clash removed. A clash
    # that kept the old name's claim removed the new name's, which was never the old name's.
    claims = len(done.claims) + sum(1 for claim in done.dropped if claim.annotator == done.old)
    decisions = len(done.decided) + len(done.no_claims)
    what = [f"{claims} claim{'s' if claims != 1 else ''}"]
    if decisions:
        what.append(f"{decisions} review decision{'s' if decisions != 1 else ''}")
    print(f"renamed {_visible(done.old)} to {_visible(done.new)}: {' and '.join(what)}")
    if done.dropped:
        print(
            f"{len(done.dropped)} span{'s' if len(done.dropped) != 1 else ''} labelled under both names:"
            " the claim changed last is kept, the other removed"
        )
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
