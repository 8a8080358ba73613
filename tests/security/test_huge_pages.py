"""An HTML page of more elements than any article page has is refused before it is parsed.

The extractor's time grows faster than the page: 5,000 paragraphs took 0.6 s, 50,000 took
11 s, and an 18 MB page of 300,000 paragraphs (under the size limit) held the import for
more than two minutes, with no way to cancel it inside the parser.
"""

from __future__ import annotations

from pathlib import Path

from annotator.formats.readers import MAX_HTML_ELEMENTS
from tests.security.test_import_edges import _stored_texts, cli

PARAGRAPH = "<p>The council approved the budget on Monday after a long debate.</p>"


def _page(paragraphs: int) -> str:
    return (
        "<html><head><title>Budget</title></head><body><article>"
        + PARAGRAPH * paragraphs
        + "</article></body></html>"
    )


def test_a_page_of_more_elements_than_the_limit_is_refused_unparsed(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    page.write_text(_page(MAX_HTML_ELEMENTS), encoding="utf-8")
    project = tmp_path / "p.db"
    result = cli("import", str(project), str(page), "--no-nlp", timeout=30)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{page}: the page has {MAX_HTML_ELEMENTS + 5:,} elements, more than" in result.stderr
    assert _stored_texts(project) == []


def test_the_limit_counts_start_tags_not_the_less_than_signs_of_text() -> None:
    from annotator.formats.readers import _element_count

    page = "<html><body><p>1 < 2, and 3 &lt;4&gt;</p><BR/><!-- <x --></body></html>"
    assert _element_count(page) == len(["html", "body", "p", "BR", "x"])


def test_one_script_left_open_does_not_hide_the_elements_after_it(tmp_path: Path) -> None:
    page = tmp_path / "hidden.html"
    page.write_text("<html><body><script>var a = 1;" + "</p>" + _page(MAX_HTML_ELEMENTS), encoding="utf-8")
    result = cli("import", str(tmp_path / "p.db"), str(page), "--no-nlp", timeout=30)
    assert result.returncode == 1 and "elements, more than" in result.stderr, result.stderr


def test_a_page_nested_thousands_deep_imports_its_article_or_says_it_is_nested_too_deeply(
    tmp_path: Path,
) -> None:
    """Past 256 levels the parser stopped, and the import said only "no article text"."""
    sentences = [f"The council approved budget {n} on Monday after a long debate." for n in range(3)]
    article = "<article>" + "".join(f"<p>{sentence}</p>" for sentence in sentences) + "</article>"
    wrapped, too_deep = tmp_path / "wrapped.html", tmp_path / "too-deep.html"
    for page, depth in ((wrapped, 2000), (too_deep, 3000)):
        body = "<div>" * depth + article + "</div>" * depth
        page.write_text(
            f"<html><head><title>Budget</title></head><body>{body}</body></html>", encoding="utf-8"
        )
    project = tmp_path / "p.db"
    refused = cli("import", str(project), str(too_deep), "--no-nlp", timeout=60)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert f"{too_deep}: the page is nested too deeply to find its text" in refused.stderr
    imported = cli("import", str(project), str(wrapped), "--no-nlp", timeout=60)
    assert imported.returncode == 0, imported.stderr
    assert _stored_texts(project) == ["\n".join(sentences)]
