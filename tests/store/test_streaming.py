"""Reading every article in one pass (exports) and the stored tokens that come with it."""

from __future__ import annotations

import dataclasses
import gc
import logging
from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.errors import ProjectLockedError
from annotator.core.model import (
    Analysis,
    ArticleDraft,
    ArticleStatus,
    ClaimCandidate,
    Entity,
    PipelineInfo,
    Quote,
    QuoteKind,
    Speaker,
)
from annotator.core.tokens import TokenSpans
from annotator.nlp import tokenize
from annotator.services import exporting
from annotator.services.exporting import export
from annotator.services.project import Project, store_of

PIPE = PipelineInfo("test", "1")
TOKENIZER = "test tokenizer"


@pytest.fixture
def project(tmp_path: Path):
    texts = [f'Article {i} says "prices rose {i}%". Critics disagree, {"a" * i}.' for i in range(7)]
    with open_project(tmp_path / "p.db") as proj:
        ids = proj.import_drafts(ArticleDraft(text=t, title=f"t{i}") for i, t in enumerate(texts)).added
        for n, article_id in enumerate(ids):
            if n % 3 == 0:  # some articles have nothing but their text
                continue
            store_of(proj).save_analysis(
                article_id,
                Analysis(
                    PIPE,
                    entities=(Entity(0, 7, "ORG"), Entity(8, 9, "CARDINAL")),
                    quotes=(Quote(18, 32, QuoteKind.DIRECT, Speaker(0, 9, "A")), Quote(10, 14)),
                    candidates=(ClaimCandidate(0, 34, 0.5),),
                ),
            )
            proj.add_claim(article_id, 35, 42, "opinion", annotator="bo")
            proj.add_claim(article_id, 0, 34, "factual", annotator="ann", note="n")
        proj.set_status(ids[2], ArticleStatus.DONE)
        proj.set_status(ids[4], ArticleStatus.DONE)
        yield proj


def expected(project: Project, ids: list[int]) -> list[object]:
    # `annotated` per article is the reference; the stream leaves candidates out.
    return [dataclasses.replace(project.annotated(i), candidates=()) for i in ids]


def test_the_stream_is_annotated_article_by_article(project: Project) -> None:
    assert list(project.iter_annotated()) == expected(project, project.article_ids())
    done = [a.id for a in project.articles() if a.status is ArticleStatus.DONE]
    assert len(done) == 2
    assert list(project.iter_annotated(status="done")) == expected(project, done)
    assert list(project.iter_annotated(status=ArticleStatus.NEW)) == expected(
        project, [a.id for a in project.articles() if a.status is ArticleStatus.NEW]
    )


def test_the_stream_can_leave_the_claims_out(project: Project) -> None:
    """A release brings its own claims; the rest of each article is what the full stream gives."""
    full = list(project.iter_annotated(status="done"))
    assert all(item.claims for item in full)
    assert list(project.iter_annotated(status="done", claims=False)) == [
        dataclasses.replace(item, claims=()) for item in full
    ]


def test_stored_tokens_come_with_their_texts(project: Project) -> None:
    first = project.article(1)
    store_of(project).store_tokens(TOKENIZER, [(first.content_hash, tokenize(first.text))])
    items = list(project.iter_annotated(tokenizer=TOKENIZER))
    assert items[0].tokens == tokenize(first.text)
    assert all(item.tokens == () for item in items[1:])
    assert all(item.tokens == () for item in project.iter_annotated(tokenizer="another"))
    assert store_of(project).texts_without_tokens([1, 2, 3], TOKENIZER) == [
        (project.article(i).content_hash, project.article(i).text) for i in (2, 3)
    ]


def test_an_export_stores_tokens_and_a_damaged_row_is_tokenised_again(
    project: Project, tmp_path: Path
) -> None:
    export(project, tmp_path / "a.jsonl")
    conn = store_of(project).conn
    rows = conn.execute("SELECT count(*) FROM token_cache").fetchone()[0]
    assert rows == project.article_count()
    # A hostile or damaged file: the stored tokens of article 1 no longer fit its text.
    first = project.article(1)
    conn.execute(
        "UPDATE token_cache SET tokens = ? WHERE content_hash = ?",
        (tokenize(first.text + " more").encode(), first.content_hash),
    )
    assert next(iter(project.iter_annotated(tokenizer=_name()))).tokens == ()
    export(project, tmp_path / "b.jsonl")
    assert (tmp_path / "b.jsonl").read_bytes() == (tmp_path / "a.jsonl").read_bytes()
    assert next(iter(project.iter_annotated(tokenizer=_name()))).tokens == tokenize(first.text)


def test_an_export_keeps_no_texts_spans_past_its_line(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tokens to store are kept encoded, so each text's spans (two lists of numbers a token)
    are freed once its line is written: kept to the end, they made every collection of young
    objects walk them all (5 ms of a cold export of 265 articles)."""
    seen: dict[str, object] = {}

    def keep(source: object, name: str, tokens: dict[str, object]) -> None:
        seen.update(tokens)
        seen["spans alive"] = sum(isinstance(o, TokenSpans) for o in gc.get_objects())

    monkeypatch.setattr(exporting, "keep_tokens", keep)
    export(project, tmp_path / "a.jsonl")
    assert seen.pop("spans alive") == 0
    texts = {project.article(i).content_hash: project.article(i).text for i in project.article_ids()}
    assert seen.keys() == texts.keys()
    for digest, payload in seen.items():
        assert isinstance(payload, bytes)
        assert TokenSpans.decode(texts[digest], payload) == tokenize(texts[digest])


def test_an_export_that_cannot_store_tokens_still_succeeds(
    project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: object) -> None:
        raise ProjectLockedError("another program is writing to this project")

    monkeypatch.setattr(store_of(project), "store_tokens", locked)
    with caplog.at_level(logging.WARNING, logger="annotator.services.exporting"):
        result = export(project, tmp_path / "a.jsonl")
    assert result.articles == project.article_count() and (tmp_path / "a.jsonl").stat().st_size > 0
    assert [r.getMessage() for r in caplog.records] == [
        "could not store the tokens of 7 articles: another program is writing to this project"
    ]


def _name() -> str:
    from annotator.nlp import tokenizer_name

    return tokenizer_name()
