# ruff: noqa: E501, E741 - the labels table reads best one sentence a row
"""Make docs/sample-release/ (a released dataset) and docs/screenshot-release.png from the sample project.

Run from the repository root:  .venv/bin/python docs/make_sample_release.py

The bundled sample project (six Wikinews articles) is pre-annotated with the real
pipeline, then three annotators label four sentences of each article. The labels are
written out below, by hand, as a small team might have made them (with a few honest
disagreements and two three-way splits), so the card shows agreement figures and ties.
The release is `--labels majority --pseudonymise --license CC-BY-2.5`: the texts are
Wikinews's, under CC BY 2.5. Run on another day, only dates change (the card's "labels as
of" and the claims' creation times), and what the rules find.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.services.preannotate import preannotate  # noqa: E402
from annotator.services.project import open_project  # noqa: E402
from annotator.services.release import ReleaseOptions, release  # noqa: E402
from annotator.services.samples import sample_drafts  # noqa: E402

OUT = ROOT / "docs" / "sample-release"
F, O, Q, N = "factual", "opinion", "questionable", None
ANNOTATORS = ("ana", "ben", "chen")
# (article file prefix, sentence as in the text, labels of ana, ben, chen; None: not marked)
LABELS = [
    ("wn2019_007", "The US government is currently partially shut down because the president and "
     "Congress could not agree on a national budget.", (F, F, F)),
    ("wn2019_007", "He also claimed that the wall was a crucial part of America's border security.", (Q, Q, O)),
    ("wn2019_007", 'The Vice President, Mike Pence, said on Friday the United States is "in the midst of a '
     'crisis on our southern border."', (F, Q, Q)),
    ("wn2019_007", "Trump also said that he would prefer to agree a solution with the opposition.", (F, F, N)),
    ("wn2019_082", "Charges of domestic terrorism also carry a possible death penalty at the federal level.",
     (F, F, F)),
    ("wn2019_082", 'Bash characterized the attack as "designed to intimidate a civilian population, to say '
     'the least."', (O, F, O)),
    ("wn2019_082", "Police said the suspected gunman surrendered himself to police after being confronted "
     "by officers.", (F, F, F)),
    ("wn2019_082", "State prosecutors charged the suspect in the shooting with capital murder, they said Sunday",
     (F, N, F)),
    ("wn2019_095", "A deadly boat fire earlier this week near Santa Cruz Island off the coast of California, "
     "United States, resulted in the death of all 33 passengers.", (F, F, F)),
    ("wn2019_095", '"This is probably the worst-case scenario you can possibly have," said Santa Barbara '
     "County Sheriff Bill Brown.", (O, O, O)),
    ("wn2019_095", "The fire started some time after 3 a.m. local time {1000 UTC) Monday.", (F, Q, O)),
    ("wn2019_095", "Authorities have not named a cause for the fire", (F, F, Q)),
    ("wn2019_129", "A fifth person was hospitalized in critical condition.", (F, F, F)),
    ("wn2019_129", "Paris is mourning its family this afternoon after this appalling attack on the "
     "[Police Prefecture].", (O, O, F)),
    ("wn2019_129", "the man had converted to Islam a year-and-a-half ago", (Q, F, Q)),
    ("wn2019_129", "He was employed with the police since 2003 and was hearing impaired.", (F, F, F)),
    ("wn2020_021", "On Tuesday, United States President Donald Trump issued a series of seven pardons and "
     "four commutations.", (F, F, F)),
    ("wn2020_021", "According to CNN, multiple officials pressured Trump not to commute Blagojevich's "
     "sentence, including Republican members of the House of Representatives Darin LaHood and Mike Bost.",
     (F, Q, F)),
    ("wn2020_021", "Negron served eight years of a thirty-five year sentence before being granted clemency.",
     (F, F, N)),
    ("wn2020_021", 'All of the pardons issued were "full and unconditional".', (F, O, Q)),
    ("wn2020_090", "He was aged 84 years.", (F, F, F)),
    ("wn2020_090", "He became finance minister in 1982.", (F, F, F)),
    ("wn2020_090", "Mukherjee was elected President in 2012 and served his full five-year term, but did not "
     "seek reelection, citing age and health concerns.", (F, F, O)),
    ("wn2020_090", "It was reported he was in a coma at time of death.", (Q, F, Q)),
]  # fmt: skip
OPTIONS = ReleaseOptions(
    seed=0,
    split=(0.5, 0.25, 0.25),
    labels="majority",
    pseudonymise=True,
    license="CC-BY-2.5",
    name="Wikinews claims (sample)",
    force=True,
    limitations=(
        "A demonstration of `annotator release`, not a dataset to train on: 24 sentences of six "
        "Wikinews articles (2019-2020), labelled by three people to show the format, the agreement "
        "table and how ties are left out. The labels say how a sentence was *presented* (as a "
        "checkable fact, an opinion, or a doubtful claim presented as fact), not whether it is true."
    ),
)


def build_project(path: Path) -> None:
    drafts = sample_drafts()
    with open_project(path) as project:
        ids = project.import_drafts(drafts).added
        preannotate(project, ids)
        by_file = {d.origin[:10]: article_id for d, article_id in zip(drafts, ids, strict=True)}
        for prefix, sentence, votes in LABELS:
            article_id = by_file[prefix]
            start = project.article(article_id).text.index(sentence)
            for name, label in zip(ANNOTATORS, votes, strict=True):
                if label is not None:
                    project.add_claim(article_id, start, start + len(sentence), label, annotator=name)


def shoot(project: Path, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from annotator.ui.release_dialog import ReleaseDialog

    app = QApplication.instance() or QApplication([])
    with open_project(project, create=False) as opened:
        dialog = ReleaseDialog(opened)
    dialog.labels.setCurrentIndex(dialog.labels.findData("majority"))
    for box, value in zip(dialog.shares, (50, 25, 25), strict=True):
        box.setValue(value)
    dialog.pseudonymise.setChecked(True)
    dialog.licence.setCurrentText("CC-BY-2.5")
    dialog.name.setText("Wikinews claims (sample)")
    dialog.folder.setText(str(Path("~/datasets/wikinews-claims-sample")))
    dialog.refresh_preview()
    dialog.show()
    while dialog.plan is None or dialog.plan.options.labels != "majority":
        app.processEvents()
    app.processEvents()
    dialog.grab().save(str(out))
    dialog.done(0)
    print(f"wrote {out}")


def main() -> None:
    os.environ.setdefault("ANNOTATOR_HOME", tempfile.mkdtemp(prefix="annotator-sample-"))
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "wikinews-sample.annotator.db"
        build_project(project)
        with open_project(project, create=False) as opened:
            result = release(opened, OUT, options=OPTIONS)
        print(result.summary().replace(str(OUT), str(OUT.relative_to(ROOT))))
        shoot(project, ROOT / "docs" / "screenshot-release.png")
    shutil.rmtree(Path(os.environ["ANNOTATOR_HOME"]), ignore_errors=True)


if __name__ == "__main__":
    main()
