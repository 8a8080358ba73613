"""Three SIGKILLs per kind of long work, at fixed random moments (`tests/reliability/_crash.py`).

Each kill must leave the project opening as the window opens it, with `integrity_check`
ok and every earlier claim unchanged, the action's promise kept (all of an import or
none, one merge transaction, the old output or a whole new one, the old model with its
suggestions or a whole new one with its own, a prefix of label writes), the next run
succeeding and no file left that a run never killed leaves.
`benchmarks/crash_campaign.py` runs the same checks fifty times per action.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability._crash import ACTIONS, Action, Import, Train

# Small projects, so a run takes well under a second after the process starts: the kill
# lands in the work, not after it.
ARTICLES = {
    "import": 60,
    "annotate": 6,
    "merge": 60,
    "export": 400,
    "backup": 3000,
    "save-copy": 3000,
    "restore": 3000,
    "release": 400,
    "train": 150,
    "labels": 20,
}
MAX_DELAY = {"annotate": 2.5, "labels": 1.5}
SEEDS = (11, 12, 13)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash-templates")


def _small(name: str) -> type[Action]:
    attributes: dict[str, object] = {"template_articles": ARTICLES[name]}
    if issubclass(ACTIONS[name], Import):
        attributes["new_articles"] = 400
    if issubclass(ACTIONS[name], Train):
        attributes["preannotated"] = 15
    return type(f"Small{ACTIONS[name].__name__}", (ACTIONS[name],), attributes)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_three_kills_lose_nothing_and_leave_nothing(name: str, cache: Path, tmp_path: Path) -> None:
    action = _small(name)(cache)
    max_delay = MAX_DELAY.get(name, 0.8)
    outcomes = [action.once(tmp_path, seed, max_delay=max_delay) for seed in SEEDS]
    # How long a run takes depends on the machine: on a fast one the three fixed moments can all
    # come after the work is done. Then more seeds, each at half the latest moment, until a kill
    # lands in the work (at most six more runs).
    extra_seeds = iter(range(SEEDS[-1] + 1, SEEDS[-1] + 7))
    while not any(o.killed for o in outcomes) and (seed := next(extra_seeds, None)) is not None:
        max_delay /= 2
        outcomes.append(action.once(tmp_path, seed, max_delay=max_delay))
    failures = [f"seed {o.seed}, killed after {o.delay:.2f}s: {f}" for o in outcomes for f in o.failures]
    assert not failures, "\n".join(failures)
    assert any(o.killed for o in outcomes), "every run ended before its kill: the test proved nothing"
