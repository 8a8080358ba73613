"""What another process sees of a project: the test of whether a label reached the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_COUNT_CLAIMS = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
print(conn.execute("SELECT count(*) FROM claims").fetchone()[0])
conn.close()
"""


def claims_seen_by_another_process(path: Path) -> int:
    """The claims a fresh process reads; it opens and closes its own connection, which is
    what deleted the write-ahead log of a window whose locks had been dropped."""
    done = subprocess.run(
        [sys.executable, "-c", _COUNT_CLAIMS, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


_EDIT = """
import sys
from annotator.services.project import open_project
path, action, *args = sys.argv[1:]
with open_project(path, create=False) as project:
    if action == "delete":
        project.delete_claim(int(args[0]))
    elif action == "decide":
        from annotator.services.adjudication import decide, review_items
        decide(project, review_items(project)[int(args[0])], args[1] or None, reviewer=args[2])
    else:
        article_id = project.article_ids()[int(args[0])]
        start, end = int(args[1]), int(args[2])
        print(project.add_claim(article_id, start, end, args[3], annotator=args[4]).id)
"""


def label_in_another_process(
    path: Path, article: int, span: tuple[int, int], label: str, annotator: str
) -> int:
    """Label a span of the project's `article`-th article (0 is the first) as another window
    would, in a process of its own; the new claim's id."""
    args = ["label", str(article), str(span[0]), str(span[1]), label, annotator]
    return int(_edit(path, args))


def delete_in_another_process(path: Path, claim_id: int) -> None:
    """Delete a claim as another window would, in a process of its own."""
    _edit(path, ["delete", str(claim_id)])


def decide_in_another_process(path: Path, item: int, label: str | None, reviewer: str) -> None:
    """Decide the `item`-th disagreement of the review (None: "no claim") as a reviewer's
    window would, in a process of its own."""
    _edit(path, ["decide", str(item), label or "", reviewer])


def _edit(path: Path, args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _EDIT, str(path), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


_ADD_ENTITY = """
import sys
from annotator.core.commands import AddEntity
from annotator.core.model import Entity
from annotator.services.project import open_project
path, article, start, end, label = sys.argv[1:]
with open_project(path, create=False) as project:
    add = AddEntity(project.article_ids()[int(article)], Entity(int(start), int(end), label))
    project.execute(add)
    print(add.created.id)
"""


def add_entity_in_another_process(path: Path, article: int, span: tuple[int, int], label: str) -> int:
    """Add an entity to the project's `article`-th article as another window would; its id."""
    done = subprocess.run(
        [sys.executable, "-c", _ADD_ENTITY, str(path), str(article), str(span[0]), str(span[1]), label],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)
