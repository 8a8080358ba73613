"""A writer process for the crash and concurrency tests; run as a script, never imported by pytest.

It labels spans through the public service API and reports on stdout, flushed, the
operation it is about to start (`B ...`) and then, once the call has returned and so
committed, its acknowledgement (`A <claim id>`). A parent that SIGKILLs this process
knows exactly which writes the app promised to keep and which single one was in flight.

Usage: python _writer.py PROJECT ARTICLE_IDS COUNT ANNOTATOR SEED [--wait-go] [--adds-only]
  ARTICLE_IDS  comma-separated ids of articles already in PROJECT
  --wait-go    print `ready` and wait for a line on stdin before writing (to start two at once)
  --adds-only  only add claims (by default every fourth write relabels an earlier claim)
"""

from __future__ import annotations

import random
import sys

from annotator.core.model import ClaimLabel
from annotator.services.project import open_project

LABELS = [label.value for label in ClaimLabel]


def main(argv: list[str]) -> int:
    path, ids_arg, count_arg, annotator, seed_arg = argv[:5]
    wait_go = "--wait-go" in argv[5:]
    adds_only = "--adds-only" in argv[5:]
    article_ids = [int(part) for part in ids_arg.split(",")]
    rng = random.Random(int(seed_arg))
    out = sys.stdout
    with open_project(path, create=False) as project:
        lengths = {aid: len(project.article(aid).text) for aid in article_ids}
        added: list[int] = []
        if wait_go:
            out.write("ready\n")
            out.flush()
            sys.stdin.readline()
        for i in range(int(count_arg)):
            # Every fourth write relabels an earlier claim, so updates are killed too, not just inserts.
            if added and not adds_only and i % 4 == 3:
                claim_id = rng.choice(added)
                label = rng.choice(LABELS)
                out.write(f"B upd {claim_id} {label}\n")
                out.flush()
                project.update_claim(claim_id, label=label)
                out.write(f"A {claim_id}\n")
                out.flush()
                continue
            aid = rng.choice(article_ids)
            start = rng.randrange(lengths[aid])
            end = rng.randint(start + 1, min(lengths[aid], start + 80))
            label = rng.choice(LABELS)
            note = f"{annotator}:{i}"
            out.write(f"B add {aid} {start} {end} {label} {note}\n")
            out.flush()
            claim = project.add_claim(aid, start, end, label, annotator=annotator, note=note)
            assert claim.id is not None
            added.append(claim.id)
            out.write(f"A {claim.id}\n")
            out.flush()
        out.write("done\n")
        out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
