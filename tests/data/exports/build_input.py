"""Build `input.jsonl`, the project the golden export test imports (run once; needs the spaCy model).

    .venv/bin/python tests/data/exports/build_input.py

Twelve Wikinews articles (the first lines of `tests/data/formats/wikinews-20.jsonl`) and a few
texts written here for what real news lacks (emoji, tabs, runs of spaces, line separators,
URLs), pre-annotated with the default pipeline, then given claims by three annotators: whole
sentences (from the claim candidates) and spans that start or end inside a word. People's
entity decisions (accepted, rejected, added) are included. The file is our own jsonl export,
so importing it brings back claims, entities and quotations without running the model.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

WRITTEN = [
    "Emoji 🎉 and flags 🇫🇷 sit   between words.\tTabs too.\n\n\nA line\u2028separator, and a "
    "paragraph\u2029separator. “Curly,” she said — then… nothing.",
    "  Leading spaces, trailing spaces  \n \nURL https://example.org/a?b=c&d=e#f and mail a.b@example.org.\n"
    "Don't split can't; U.S. $1,000.50 (5%) 10km 3:30pm e-mail co-operate 'quoted' \"double\".",
    "Non-BMP 𝒳 math 𝟘 and CJK 漢字かな, Hangul 한국어, Arabic العربية, combining é (e\u0301).\n"
    "Zero\u200bwidth and no\u00a0break spaces; x\u2009y thin.  \n\nEnd with spaces   ",
]


def main() -> None:
    from annotator.core.commands import AddEntity, SetEntityStatus
    from annotator.core.model import ArticleDraft, ClaimLabel, Entity, EntityStatus
    from annotator.services.exporting import ExportOptions, export
    from annotator.services.preannotate import preannotate
    from annotator.services.project import open_project

    lines = (ROOT / "tests" / "data" / "formats" / "wikinews-20.jsonl").read_text("utf-8").splitlines()
    wikinews = [json.loads(line) for line in lines[:12]]
    drafts = [
        ArticleDraft(text=item["text"], title=item["meta"]["title"], meta=item["meta"]) for item in wikinews
    ]
    drafts += [ArticleDraft(text=text, title=f"written {i}") for i, text in enumerate(WRITTEN, start=1)]
    with tempfile.TemporaryDirectory() as folder:
        with open_project(Path(folder) / "golden.annotator.db") as project:
            ids = project.import_drafts(drafts).added
            preannotate(project, ids)
            annotators = ("alice", "bob", "gold")
            notes = ("", "checked\nagainst the source", "odd\u2028note 🎉", 'says "so"')
            for n, article_id in enumerate(ids):
                item = project.annotated(article_id)
                text = item.article.text
                for k, candidate in enumerate(item.candidates[:6]):
                    project.add_claim(
                        article_id,
                        candidate.start,
                        candidate.end,
                        list(ClaimLabel)[(n + 2 * k) % 3],
                        annotator=annotators[(n + k) % 3],
                        note=notes[(n * 7 + k) % 4],
                    )
                # Spans a person dragged badly: inside a word, ending on white space.
                start = min(5, len(text) - 9)
                project.add_claim(article_id, start, start + 7, "questionable", annotator="bob")
                for k, entity in enumerate(item.entities[:6]):
                    status = (EntityStatus.ACCEPTED, EntityStatus.REJECTED)[k % 2]
                    assert entity.id is not None
                    project.execute(SetEntityStatus(entity.id, status))
                project.execute(AddEntity(article_id, Entity(30, 38, "PRODUCT", EntityStatus.ADDED)))
            exported = Path(folder) / "export.jsonl"
            export(project, exported, options=ExportOptions(format="jsonl"))
        # Importing ignores tokens; leaving them out keeps the file small and readable.
        tasks = [json.loads(line) for line in exported.read_text("utf-8").splitlines()]
    with (HERE / "input.jsonl").open("w", encoding="utf-8", newline="\n") as handle:
        for task in tasks:
            del task["tokens"]
            line = json.dumps(task, ensure_ascii=False)
            for char in "\x85\u2028\u2029":  # line breaks to some readers: escape them
                line = line.replace(char, f"\\u{ord(char):04x}")
            handle.write(line + "\n")


if __name__ == "__main__":
    main()
