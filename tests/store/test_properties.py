"""Property: any valid claim on any Unicode text survives the store with `text[start:end]` intact.

Texts mix emoji (ZWJ sequences, flags, skin tones), CJK, combining marks, right-to-left
scripts and every line ending; the store normalises CRLF and CR to LF on import, so
offsets are drawn against the normalised text, as every importer produces them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleDraft, ClaimDraft, ClaimLabel, is_reserved_annotator
from annotator.core.text import normalize_text
from annotator.services.project import open_project

PIECES = [
    "👩‍👩‍👧",  # ZWJ sequence: 5 code points, 8 UTF-16 units
    "🇫🇷",  # flag: two regional indicators
    "👍🏽",  # skin tone modifier
    "𝔘𝔫𝔦",  # astral plane letters
    "北京消息",
    "e\u0301",  # e + combining acute
    "z\u0336\u0317",  # stacked combining marks
    "שלום",
    "مرحبا",
    "\u200f",  # right-to-left mark
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\ufeff",  # BOM: stripped only at the very start
    "“quoted”",
    " ",
]

# Any code point SQLite can store as UTF-8: everything but surrogates.
any_char = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")  # what no project stores
raw_texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(any_char, min_size=1, max_size=8)), max_size=30
).map("".join)
# Thousands of tiny projects: keep them in RAM where there is a tmpfs, since fsync is not what
# this test is about (test_kill and tests/reliability cover durability on a real disk).
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None

labels = st.sampled_from(list(ClaimLabel))
# A person's name: "gold" is the reviewers' (`is_reserved_annotator`), refused for a person.
names = st.text(any_char, min_size=1, max_size=12).filter(
    lambda s: s.strip() and not is_reserved_annotator(s)
)


@st.composite
def spans(draw: st.DrawFn, length: int) -> tuple[int, int]:
    start = draw(st.integers(0, length - 1))
    return start, draw(st.integers(start + 1, length))


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[ClaimDraft], list[ClaimDraft]]:
    """A raw text, claims carried by the import, and claims labelled afterwards (both on normalised text)."""
    raw = draw(raw_texts.filter(lambda t: normalize_text(t) != ""))
    length = len(normalize_text(raw))

    def claim() -> st.SearchStrategy[ClaimDraft]:
        return st.builds(
            lambda span, label, who, note: ClaimDraft(span[0], span[1], label, annotator=who, note=note),
            spans(length),
            labels,
            names,
            st.text(any_char, max_size=20),
        )

    return raw, draw(st.lists(claim(), max_size=4)), draw(st.lists(claim(), max_size=6))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), min_size=1, max_size=3, unique_by=lambda a: normalize_text(a[0])))
def test_claims_survive_the_store_round_trip(
    items: list[tuple[str, list[ClaimDraft], list[ClaimDraft]]],
) -> None:
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        path = Path(folder) / "p.db"
        expected: list[tuple[int, int, int, str, str, str, str]] = []
        with open_project(path) as project:
            report = project.import_drafts(
                ArticleDraft(text=raw, claims=tuple(carried)) for raw, carried, _ in items
            )
            assert len(report.added) == len(items)
            for article_id, (raw, carried, labelled) in zip(report.added, items, strict=True):
                text = normalize_text(raw)
                for c in carried:
                    who = c.annotator or "imported"
                    expected.append(
                        (article_id, c.start, c.end, c.label.value, who, c.note, text[c.start : c.end])
                    )
                for c in labelled:
                    project.add_claim(article_id, c.start, c.end, c.label, annotator=c.annotator, note=c.note)
                    expected.append(
                        (
                            article_id,
                            c.start,
                            c.end,
                            c.label.value,
                            c.annotator,
                            c.note,
                            text[c.start : c.end],
                        )
                    )

        with open_project(path, create=False) as project:
            assert project.integrity_check() == "ok"
            texts = {}
            for article_id, (raw, _, _) in zip(report.added, items, strict=True):
                texts[article_id] = project.article(article_id).text
                assert texts[article_id] == normalize_text(raw)
                assert "\r" not in texts[article_id]
            stored = [
                (
                    c.article_id,
                    c.start,
                    c.end,
                    c.label.value,
                    c.annotator,
                    c.note,
                    texts[c.article_id][c.start : c.end],
                )
                for c in project.iter_claims()
            ]
        assert sorted(stored) == sorted(expected)
