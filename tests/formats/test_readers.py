"""Readers on real samples and on hand-made edge cases: exact texts, titles, offsets, rejections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputFileError
from annotator.core.model import (
    QUOTE_CORRECTED,
    ArticleDraft,
    ClaimDraft,
    ClaimLabel,
    Entity,
    EntityStatus,
    Quote,
    QuoteKind,
    Speaker,
)
from annotator.formats import read_path
from annotator.formats.decoding import decode
from annotator.formats.readers import guess_title, read_bytes

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def drafts(results: list[ArticleDraft | InputFileError]) -> list[ArticleDraft]:
    assert all(isinstance(r, ArticleDraft) for r in results), [str(r) for r in results]
    return [r for r in results if isinstance(r, ArticleDraft)]


def errors(results: list[ArticleDraft | InputFileError]) -> list[InputFileError]:
    return [r for r in results if isinstance(r, InputFileError)]


def read(
    tmp_path: Path, name: str, data: bytes | str, **kwargs: object
) -> list[ArticleDraft | InputFileError]:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return list(read_path(path, **kwargs))  # type: ignore[arg-type]


# --- encodings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"caf\xc3\xa9 \xf0\x9f\x8e\x89", "café 🎉", "utf-8"),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "café", "utf-8-sig"),
        ("\ufeffcafé 中文".encode("utf-16-le"), "café 中文", "utf-16"),
        ("\ufeffcafé 中文".encode("utf-16-be"), "café 中文", "utf-16"),
        ("Le président a déclaré que la réforme serait adoptée avant l'été.".encode("cp1252"),
         "Le président a déclaré que la réforme serait adoptée avant l'été.", "cp1252"),
    ],
)  # fmt: skip
def test_decode_accepted_encodings(data: bytes, text: str, encoding: str) -> None:
    assert decode(data, "x.txt") == (text, encoding)


WINDOWS_CSVS = [
    "title,text\nA,The plan would cost €5m next year.\n",
    'title,text\nA,"The cost was €5m, and rents rose by €120 a month."\n',
    "Titel;Text;Preis\nA;Kaffee;2,50 €\n",
    "title,text\nA,It cost €5.\n",
    "title,text\nA,Müller paid €5 for the café’s “best” coffee – déjà vu.\n",
    'title,text\nA,"Der Kaffee kostet 2,50 € – für alle."\n',
    "title,text\nA,Prices rose 5% to £120 a month.\n",
]


@pytest.mark.parametrize("text", WINDOWS_CSVS)
def test_a_windows_csv_whose_only_foreign_characters_are_euro_signs_is_read_as_windows_1252(
    text: str,
) -> None:
    """Excel saves "CSV" on Windows in Windows-1252: where a euro sign was the only character
    outside ASCII, the guess took a DOS or Mac code page, and "€5m" came in as "Ä5m", "Ç5"
    or Cyrillic "А", with nothing said."""
    assert decode(text.encode("cp1252"), "prices.csv") == (text, "cp1252")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет мир, как дела? Это тест.\n", "cp866"),
        ("Министр сказал, что налоги снизились на пять процентов.\n", "cp866"),
        ("Η κυβέρνηση είπε ότι οι φόροι θα μειωθούν.\n", "cp737"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.\n", "cp1250"),
        ("Министр сказал, что налоги снизились на пять процентов.\n", "cp1251"),
    ],
)
def test_dos_text_in_another_script_is_not_taken_for_windows_1252(text: str, encoding: str) -> None:
    """The preference for Windows-1252 is only for text that reads as Western European in it."""
    decoded, _guessed = decode(text.encode(encoding), "old.txt")
    assert decoded == text


def test_legacy_encoding_is_recorded_on_the_draft(tmp_path: Path) -> None:
    body = "Café crème, naïve résumé — déjà vu.\r\nÜber 300 Häuser."
    [draft] = drafts(read(tmp_path, "old.txt", body.encode("cp1252")))
    assert draft.text == "Café crème, naïve résumé — déjà vu.\nÜber 300 Häuser."
    assert draft.encoding == "cp1252"


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02PK\x03\x04" * 50, "no bom".encode("utf-16-le"), bytes(range(256)) * 8],
)
def test_binary_files_are_rejected(tmp_path: Path, data: bytes) -> None:
    [error] = errors(read(tmp_path, "blob.txt", data))
    assert error.path == str(tmp_path / "blob.txt")
    assert "binary" in error.reason


def test_size_limit(tmp_path: Path) -> None:
    [error] = errors(read(tmp_path, "big.txt", "x" * 2000, max_bytes=1000))
    assert error.reason.startswith("the file is 2 KB, over the 1,000 bytes limit; ")
    assert drafts(read(tmp_path, "ok.txt", "x" * 999, max_bytes=1000))[0].text == "x" * 999


def test_missing_and_unsupported_paths(tmp_path: Path) -> None:
    [missing] = errors(list(read_path(tmp_path / "nope.txt")))
    assert missing.reason == "does not exist; check the path"
    [unsupported] = errors(read(tmp_path, "doc.pdf", b"%PDF-1.4"))
    assert unsupported.reason.startswith("unsupported file type '.pdf'")


@pytest.mark.parametrize("name", ["alice.annotator.db", "team.sqlite"])
def test_a_project_file_given_as_articles_says_how_it_is_opened_or_merged(tmp_path: Path, name: str) -> None:
    """A teammate's project dropped on the window or named to `import` was "unsupported file
    type '.db'", as a photo is: nothing said what to do with it instead."""
    [refused] = errors(read(tmp_path, name, b"SQLite format 3\x00"))
    assert refused.reason.startswith("is a project file, not articles:"), refused.reason
    assert "merge" in refused.reason and "open" in refused.reason


# --- text and Markdown -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Brexit vote delayed\n\nThe vote was delayed.", "Brexit vote delayed"),
        ("# Heading in Markdown\nBody.", "Heading in Markdown"),
        ("The vote was delayed again today.\nMore.", "FALLBACK"),
        ("Friday, January 4, 2019\xa0\n\n\nAn apartment collapsed.", "FALLBACK"),
        ("Tuesday, March 3, 2020\xa0\n\n\nSuper Tuesday results\n\n\nVoters went.", "Super Tuesday results"),
        ("3 March 2020\nFloods close schools in Wales\nBody.", "Floods close schools in Wales"),
        ("2020-03-03\n\n# Markdown headline after a date\nBody.", "Markdown headline after a date"),
        ("3 March 2020\n4 March 2020\nHeadline\nBody.", "FALLBACK"),
        ("Monday, March 15, 2021\xa0\n", "FALLBACK"),
        ("\n\n  Leading blank lines  \nBody.", "Leading blank lines"),
        ("A" * 200 + "\nBody.", "FALLBACK"),
    ],
)
def test_guess_title(text: str, title: str) -> None:
    assert guess_title(text, "FALLBACK") == title


@pytest.mark.parametrize(
    ("pattern", "start"),
    [
        ("wn2019_007_*.txt", "Monday, January 7, 2019\xa0 \n\n\nUnited States President Donald Trump said"),
        ("wn2020_077_*.txt", "Park Won-soon, the mayor of Seoul, South Korea, was found dead"),
    ],
)
def test_wikinews_text_file_keeps_text_exactly(pattern: str, start: str) -> None:
    path = next((FORMATS / "wikinews").glob(pattern))
    [draft] = drafts(list(read_path(path)))
    assert draft.text == path.read_text("utf-8")
    assert draft.text.startswith(start)
    assert draft.title == path.stem  # neither a dateline nor a long sentence is a title
    assert draft.origin == str(path)
    assert draft.encoding == "utf-8"
    assert draft.line is None


_DATES = st.sampled_from(
    ["Tuesday, March 3, 2020", "3 March 2020", "Tuesday, 3 March 2020", "Sep. 14, 2019", "2019-09-14"]
)
_HEADLINES = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄé'-", min_size=1, max_size=10), min_size=1, max_size=12
).map(lambda words: "Storm " + " ".join(words))
_SPACING = st.sampled_from(["\n", "\n\n", "\n\n\n", "\xa0\n\n\n", " \n\n"])


@given(date=_DATES, headline=_HEADLINES, after_date=_SPACING, after_headline=_SPACING)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_text_file_opening_with_a_date_takes_the_next_line_as_title_and_keeps_its_text(
    tmp_path: Path, date: str, headline: str, after_date: str, after_headline: str
) -> None:
    raw = f"{date}{after_date}{headline}{after_headline}The storm closed roads on Monday.\n"
    [draft] = drafts(read(tmp_path, "wn2020_001_storm.txt", raw))
    assert draft.title == headline
    assert draft.text == raw  # the date stays in the text: every offset is where it was


def test_a_dated_text_file_whose_next_line_is_a_sentence_keeps_its_file_name_as_title(tmp_path: Path) -> None:
    raw = "3 March 2020\n\nThe storm closed roads on Monday, officials said.\n"
    [draft] = drafts(read(tmp_path, "storm-report.txt", raw))
    assert (draft.title, draft.text) == ("storm-report", raw)


def test_crlf_markdown_with_bom(tmp_path: Path) -> None:
    [draft] = drafts(read(tmp_path, "a.md", "\ufeff# Title here\r\n\r\nBody *text*.\rEnd."))
    assert draft.text == "# Title here\n\nBody *text*.\nEnd."
    assert draft.title == "Title here"
    assert draft.encoding == "utf-8-sig"
    assert draft.meta == {"format": "markdown"}


@pytest.mark.parametrize(
    "raw",
    [
        '---\ntitle: "Floods close schools in Leeds"\ndate: 2024-01-03\nauthor: Jo Smith\n'
        "tags: [news]\n---\n\n"
        "The river burst its banks, the council said.\n",
        "---\r\ntitle: Floods close schools in Leeds\r\ndate: 2024-01-03\r\nauthor: 'Jo Smith'\r\n---\r\n\r\n"
        "The river burst its banks, the council said.\r\n",
        '+++\ntitle = "Floods close schools in Leeds"\ndate = 2024-01-03\nauthor = "Jo Smith"\n+++\n'
        "The river burst its banks, the council said.\n",
    ],
)
def test_markdown_front_matter_gives_title_and_date_and_is_not_article_text(tmp_path: Path, raw: str) -> None:
    # Hugo, Jekyll and Obsidian open a post with its metadata; an annotator labels the story.
    [draft] = drafts(read(tmp_path, "2024-01-03-floods.md", raw))
    assert draft.text == "The river burst its banks, the council said.\n"
    assert draft.title == "Floods close schools in Leeds"
    assert draft.meta == {"format": "markdown", "date": "2024-01-03", "author": "Jo Smith"}


def test_markdown_front_matter_without_a_title_leaves_the_heading_as_title(tmp_path: Path) -> None:
    raw = "---\ntags: [news]\n---\n# Floods close schools\n\nThe river rose, he said.\n"
    [draft] = drafts(read(tmp_path, "floods.md", raw))
    assert draft.title == "Floods close schools"
    assert draft.text == "# Floods close schools\n\nThe river rose, he said.\n"


def test_markdown_rule_then_text_is_not_front_matter(tmp_path: Path) -> None:
    raw = "---\n\nFloods close schools\n\nThe river rose, he said.\n\n---\n"
    [draft] = drafts(read(tmp_path, "floods.md", raw))
    assert (draft.title, draft.text) == ("Floods close schools", raw)


def test_markdown_file_of_only_front_matter_is_refused_by_name(tmp_path: Path) -> None:
    [error] = errors(read(tmp_path, "draft.md", "---\ntitle: A draft\ndraft: true\n---\n\n"))
    assert error.reason == "the file has no text after its front matter (the block between its --- lines)"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("**Floods close schools**\n\nBody.", "Floods close schools"),
        ("## Floods close *schools* ##\n\nBody.", "Floods close schools"),
        ("# [Floods close schools](https://example.com/floods)\n\nBody.", "Floods close schools"),
        ("# Floods close `schools` \\#2\n\nBody.", "Floods close schools #2"),
        ("***\n\n# Floods close schools\n\nBody.", "Floods close schools"),
        ("![A flooded street](street.jpg)\n\n# Floods close schools\n\nBody.", "Floods close schools"),
    ],
)
def test_markdown_title_is_the_headline_without_its_markup(tmp_path: Path, raw: str, title: str) -> None:
    [draft] = drafts(read(tmp_path, "floods.md", raw))
    assert draft.title == title
    assert draft.text == raw  # the body keeps its markup: offsets stay where the file has them


@pytest.mark.parametrize("body", ["", "  \n\t\r\n"])
def test_empty_text_file_rejected(tmp_path: Path, body: str) -> None:
    [error] = errors(read(tmp_path, "empty.txt", body))
    assert error.reason == "the file has no text (it is empty or only white space)"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("blank.txt", "\u200b\n\u2060 \n", "the file has no text (it is empty or only white space)"),
        ("blank.md", "---\ntitle: Floods\n---\n\u200b\n", "the file has no text after its front matter"),
        ("sheet.csv", "title,text\nFloods,\u200b\nRain,It rained.\n", "empty text"),
        ("lines.jsonl", '{"text": "\\u200b\\u200e"}\n{"text": "It rained."}\n', "empty text"),
    ],
)
def test_a_text_of_invisible_marks_alone_is_refused_as_empty(
    tmp_path: Path, name: str, data: str, reason: str
) -> None:
    """A cell or file left "empty" with a zero-width space in it came in as an article with
    nothing to read, and the import said nothing of it."""
    results = read(tmp_path, name, data)
    [error] = errors(results)
    assert error.reason.startswith(reason)
    kept = [result.text for result in results if isinstance(result, ArticleDraft)]
    assert kept == (["It rained."] if error.line else [])


# --- HTML --------------------------------------------------------------------------------------------

HTML_CASES = {
    "gv_index_1.html": (
        "Brazil: Amplified conversations to fight the Digital Crimes Bill",
        "Diego Casaes",
        "On May 14th a protest [pt] against the Digital Crimes Bill proposed by Senator Azeredo",
        "where people are guilty before they have even realized what they are being charged with.",
    ),
    "gv_index_3.html": (
        "Iran: To Vote or not to Vote",
        "Hamid Tehrani",
        "One of the main topics during any Iranian presidential election is ‘to vote or not to vote'.",
        "can once more announce to the world that the Islamic Republic does not have any legitimacy.",
    ),
    "gv_index_5.html": (
        "North Korea: Two American Journalists Sentenced to Hard Labor",
        "Bhumika Ghimire",
        "News coming out of Pyongyang is not encouraging.",
        "two journalists could safely return and be reunited to their families soon.",
    ),
}

# Site chrome, comments and scripts that sit around every article on these pages.
NOT_ARTICLE = [
    "Posted by",
    "2 comments",
    "Special Thanks to our Sponsors",
    "Global Voices Home",
    "Pingback",
    "I hope everyone votes in Iran",  # a reader comment on gv_index_3
    "2009-06-10 at",
    "function(",
    "addComment",
    "copy this link",
]


@pytest.mark.parametrize("name", sorted(HTML_CASES))
def test_html_keeps_only_the_article(name: str) -> None:
    title, author, first, last = HTML_CASES[name]
    [draft] = drafts(list(read_path(FORMATS / "html" / name)))
    assert draft.title == title
    assert draft.meta["author"] == author
    assert draft.meta["date"].startswith("2009-06-")
    assert draft.meta["format"] == "html"
    assert draft.text.startswith(first)
    assert draft.text.endswith(last)
    assert "\r" not in draft.text
    for junk in NOT_ARTICLE:
        assert junk not in draft.text, junk


def test_html_entities_and_non_latin_text_survive() -> None:
    [draft] = drafts(list(read_path(FORMATS / "html" / "gv_index_1.html")))
    assert "“Against the Digital AI-5”" in draft.text
    assert "São Paulo" in draft.text


def test_html_never_fetches_or_runs_anything(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Site » Local council votes</title><link rel='canonical' href='https://ex.org/a'>"
        "<script>document.write('INJECTED')</script><script src='http://127.0.0.1:9/x.js'></script></head>"
        "<body><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
        "<article><h1>Local council votes</h1>"
        "<p>The council voted on Tuesday to close the library.</p>"
        "<p>Residents said they were disappointed.</p>"
        "<img src='http://127.0.0.1:9/pixel.gif'></article>"
        "<footer>Copyright footer text</footer></body></html>"
    )
    [draft] = drafts(read(tmp_path, "page.html", page))
    assert "The council voted on Tuesday to close the library." in draft.text
    assert "INJECTED" not in draft.text
    assert "Copyright footer text" not in draft.text
    assert draft.title == "Local council votes"
    assert draft.source == "https://ex.org/a"


def test_html_page_without_a_url_keeps_its_outlet_as_the_source(tmp_path: Path) -> None:
    """A saved page that names its site (og:site_name) but gives no canonical URL came in with
    an empty Source: the outlet was only in the metadata, where the article list never shows it."""
    page = (
        "<html><head><title>Harbour reopens</title>"
        "<meta property='og:site_name' content='  Harbour\n Gazette '></head>"
        "<body><article><h1>Harbour reopens</h1>"
        "<p>The harbour reopened on Monday after three weeks of repairs, the port authority said.</p>"
        "</article></body></html>"
    )
    [draft] = drafts(read(tmp_path, "page.html", page))
    assert draft.source == "Harbour Gazette"  # on one line, as a title is
    canonical = page.replace("</title>", "</title><link rel='canonical' href='https://ex.org/harbour'>")
    [draft] = drafts(read(tmp_path, "canonical.html", canonical))
    assert draft.source == "https://ex.org/harbour"  # the page's own address first


DATELESS_ARTICLE = (
    "<p>The minister said on Tuesday that the budget would rise by ten percent next year.</p>"
    "<p>The same promise was made on 3 March 2019, when the old plan failed.</p>"
)


@pytest.mark.parametrize(
    ("around", "date"),
    [
        ("", None),  # a date the article mentions is not the day it was published
        ("<footer>© 2024 The Daily Courier</footer>", None),  # nor is its copyright year
        ("<time datetime='2020-06-05'>5 June</time>", "2020-06-05"),
        ("<div class='byline'>Published: 5 June 2020</div>", "2020-06-05"),
    ],
)
def test_an_html_page_s_date_is_the_one_it_gives_never_one_guessed_from_its_words(
    tmp_path: Path, around: str, date: str | None
) -> None:
    """A page saved with no date of its own came in dated by the first date its text mentioned, or
    by its footer's copyright year as 1 January: the invented date went out in every export's meta."""
    page = f"<html><body><article><h1>Budget rises</h1>{around}{DATELESS_ARTICLE}</article></body></html>"
    [draft] = drafts(read(tmp_path, "page.html", page))
    assert draft.meta.get("date") == date


@pytest.mark.parametrize(
    "page",
    ["<html><head><script>var a = 1;</script></head><body></body></html>", "<<<>>>", "just text, no tags"],
)
def test_html_without_article_is_rejected(tmp_path: Path, page: str) -> None:
    [error] = errors(read(tmp_path, "empty.html", page))
    assert error.reason == "no article text was found in this HTML page"


def _nested(page: str, depth: int) -> str:
    """`page` with its body's content inside `depth` `<div>`s, as some page builders wrap it."""
    start = page.index(">", page.lower().index("<body")) + 1
    end = page.lower().rindex("</body>")
    return page[:start] + "<div>" * depth + page[start:end] + "</div>" * depth + page[end:]


COUNCIL_PAGE = (
    "<html><head><title>Local council votes</title></head><body><article>"
    "<p>The council voted on Tuesday to close the library after a long debate.</p>"
    "<p>Residents said they were disappointed by the decision.</p>"
    "<p>The mayor said the building would be sold next year.</p></article></body></html>"
)


@pytest.mark.parametrize("depth", [300, 2000])
def test_html_nested_deeper_than_the_parser_goes_by_default_still_gives_its_article(
    tmp_path: Path, depth: int
) -> None:
    [draft] = drafts(read(tmp_path, "deep.html", _nested(COUNCIL_PAGE, depth)))
    assert draft.text == (
        "The council voted on Tuesday to close the library after a long debate.\n"
        "Residents said they were disappointed by the decision.\n"
        "The mayor said the building would be sold next year."
    )
    assert draft.title == "Local council votes"


def test_real_article_nested_300_deep_reads_as_it_does_unwrapped(tmp_path: Path) -> None:
    page = (FORMATS / "html" / "gv_index_1.html").read_text(encoding="utf-8")
    [plain] = drafts(read(tmp_path, "plain.html", page))
    [deep] = drafts(read(tmp_path, "deep.html", _nested(page, 300)))
    assert (deep.text, deep.title, deep.meta) == (plain.text, plain.title, plain.meta)


SENTENCES = [f"Speaker {n} said the council had voted to close library number {n}." for n in range(400)]


@pytest.mark.parametrize(
    ("opening", "joiner"),
    [("<div>", "\n"), ("<div><p>", "\n"), ("<font>", " "), ("<b>", " ")],
    ids=["div", "div and paragraph", "font", "bold"],
)
def test_html_with_a_tag_left_open_on_every_line_keeps_all_its_words(
    tmp_path: Path, opening: str, joiner: str
) -> None:
    """Each line opens a wrapper it never closes, as old page builders did: 400 levels deep."""
    body = "".join(f"{opening}{sentence} " for sentence in SENTENCES)
    page = f"<html><head><title>Council</title></head><body><article>{body}</article></body></html>"
    [draft] = drafts(read(tmp_path, "open.html", page))
    words = draft.text.split()
    assert words == " ".join(SENTENCES).split()  # every word, in order, none run together


def test_html_nested_past_what_any_parser_reads_is_refused_as_too_deep(tmp_path: Path) -> None:
    [error] = errors(read(tmp_path, "deep.html", _nested(COUNCIL_PAGE, 3000)))
    assert error.path.endswith("deep.html")
    assert error.reason.startswith(
        "the page is nested too deeply to find its text: elements more than 2,048 levels inside each other"
    )


def test_html_nested_too_deep_in_what_cannot_be_unwrapped_is_refused_as_too_deep(tmp_path: Path) -> None:
    tables = "<table><tr><td>" * 100 + "<p>The council voted.</p>" + "</td></tr></table>" * 100
    page = f"<html><head><title>Council</title></head><body>{tables}</body></html>"
    [error] = errors(read(tmp_path, "tables.html", page))
    assert error.reason.startswith("the page is nested too deeply to find its text: elements 30")


# --- JSONL -------------------------------------------------------------------------------------------


def test_wikinews_jsonl_sample() -> None:
    results = drafts(list(read_path(FORMATS / "wikinews-20.jsonl")))
    assert len(results) == 20
    first = results[0]
    assert first.title == "Magnitogorsk apartment building collapses after explosion, dozens dead"
    assert first.source == (
        "https://en.wikinews.org/wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead"
    )
    assert first.meta == {"url": first.source, "date": "2019-01-04"}
    assert first.text.startswith("Friday, January 4, 2019\xa0\n\n\nAn apartment building collapsed")
    assert [r.line for r in results] == list(range(1, 21))


def test_jsonl_fields_and_meta(tmp_path: Path) -> None:
    line = {"text": "Body.", "title": "T", "id": 7, "source": "s", "meta": {"k": 1}, "extra": [1, 2]}
    [draft] = drafts(read(tmp_path, "a.jsonl", json.dumps(line) + "\n\n"))
    assert (draft.title, draft.source, dict(draft.meta)) == ("T", "s", {"k": 1, "id": 7, "extra": [1, 2]})
    assert draft.line == 1


def test_jsonl_url_is_the_source_when_no_source_is_given(tmp_path: Path) -> None:
    """A news dump's lines carry the article's address as "url" (CC-News, a scraper's output):
    it went into the metadata only, and the article list's Source stayed empty."""
    lines = [
        {"text": "Body one.", "url": " https://ex.org/one "},
        {"text": "Body two.", "url": "https://ex.org/two", "source": "Wire"},
        {"text": "Body three.", "url": ["not", "text"]},
    ]
    results = drafts(read(tmp_path, "a.jsonl", "".join(json.dumps(line) + "\n" for line in lines)))
    assert [d.source for d in results] == ["https://ex.org/one", "Wire", ""]
    assert results[0].meta["url"] == " https://ex.org/one "  # kept as it came, as other fields are


def test_prodigy_spans_become_claims_and_entities(tmp_path: Path) -> None:
    text = "Angela Merkel said taxes will fall. That is wrong."
    task = {
        "text": text,
        "spans": [
            {
                "start": 0,
                "end": 13,
                "label": "PERSON",
                "text": "Angela Merkel",
                "token_start": 0,
                "token_end": 1,
            },
            {"start": 19, "end": 35, "label": "FACTUAL", "text": "taxes will fall."},
            {"start": 36, "end": 50, "label": "opinion", "annotator": "ann", "note": "n"},
            {"start": 0, "end": 6, "label": "SOMETHING_ELSE"},
        ],
        "_input_hash": 1,
        "_task_hash": 2,
        "answer": "accept",
    }
    [draft] = drafts(read(tmp_path, "p.jsonl", json.dumps(task)))
    assert draft.claims == (
        ClaimDraft(19, 35, ClaimLabel.FACTUAL),
        ClaimDraft(36, 50, ClaimLabel.OPINION, annotator="ann", note="n"),
    )
    assert draft.entities == (Entity(0, 13, "PERSON", EntityStatus.ACCEPTED),)
    assert draft.left_out_labels == (("SOMETHING_ELSE", 1),)  # for the import to say


@pytest.mark.parametrize(
    ("span", "says"),
    [
        ({"start": 0, "end": 5}, "spans[0] gives no label; give each span the name of its label"),
        ({"start": 0, "end": 5, "label": None}, "spans[0] gives no label"),
        ({"start": 0, "end": 5, "label": " "}, "spans[0] gives no label"),
        ({"start": 0, "end": 5, "label": 4}, "spans[0] gives 4 as its label, not a label's name"),
        ({"start": 0, "end": 5, "label": ["factual"]}, 'spans[0] gives ["factual"] as its label'),
    ],
)
def test_a_span_with_no_label_name_refuses_its_line(
    tmp_path: Path, span: dict[str, object], says: str
) -> None:
    """A Prodigy span with no label, or a number for one, was "left out" as a label named
    'None' or '4', and its line imported as if its labels had come in."""
    lines = [{"text": "Fine."}, {"text": "Taxes will fall.", "spans": [span]}]
    results = read(tmp_path, "p.jsonl", "\n".join(json.dumps(x) for x in lines))
    [error] = errors(results)
    assert (error.line, Path(error.path).name) == (2, "p.jsonl")
    assert says in error.reason and "or remove the span" in error.reason
    # doccano's layouts and our entities say it the same way.
    others = [
        ({"label": [[0, 5, None]]}, "label[0] gives no label"),
        ({"entities": [{"start": 0, "end": 5}]}, "entities[0] gives no label"),
        (
            {"entities": [{"start_offset": 0, "end_offset": 5, "label": 2}]},
            "entities[0] gives 2 as its label",
        ),
    ]
    for spans, said in others:
        [error] = errors(read(tmp_path, "d.jsonl", json.dumps({"text": "Taxes.", **spans})))
        assert said in error.reason


def test_rejected_prodigy_answers_bring_text_but_no_spans(tmp_path: Path) -> None:
    task = {"text": "abc def", "spans": [{"start": 0, "end": 3, "label": "factual"}], "answer": "reject"}
    [draft] = drafts(read(tmp_path, "p.jsonl", json.dumps(task)))
    assert draft.claims == ()


def test_doccano_layouts(tmp_path: Path) -> None:
    lines = [
        {"text": "Paris is big. Maybe.", "label": [[0, 5, "GPE"], [0, 13, "factual"]]},
        {"text": "Paris is big. Maybe.", "labels": [[14, 20, "questionable"]]},
        {"text": "Rome is old.", "entities": [{"id": 1, "start_offset": 0, "end_offset": 4, "label": "LOC"}]},
    ]
    results = drafts(read(tmp_path, "d.jsonl", "\n".join(json.dumps(x) for x in lines)))
    assert results[0].claims == (ClaimDraft(0, 13, ClaimLabel.FACTUAL),)
    assert results[0].entities == (Entity(0, 5, "GPE", EntityStatus.ACCEPTED),)
    assert results[1].claims == (ClaimDraft(14, 20, ClaimLabel.QUESTIONABLE),)
    assert results[2].entities == (Entity(0, 4, "LOC", EntityStatus.ACCEPTED),)


FIREMEN = "\U0001f468\U0001f3fb\u200d\U0001f692 firemen drive firetrucks"
"""doccano's own example (doccano issue #2290): "firetrucks" is 22..32 in doccano, 19..29 in Python."""


def test_doccano_offsets_are_read_as_utf16_code_units(tmp_path: Path) -> None:
    lines = [
        {"text": FIREMEN, "label": [[22, 32, "factual"], [0, 7, "opinion"]]},
        {"text": FIREMEN, "labels": [[8, 15, "NORP"]]},
        {"text": FIREMEN.replace(" firemen", "\r\nfiremen"), "entities": [
            {"id": 1, "start_offset": 23, "end_offset": 33, "label": "factual"},
            {"id": 2, "start_offset": 9, "end_offset": 16, "label": "NORP"},
        ]},
        # Our own spans and entities, like Prodigy's, stay code points.
        {"text": FIREMEN, "spans": [{"start": 19, "end": 29, "label": "factual", "text": "firetrucks"}],
         "entities": [{"start": 5, "end": 12, "label": "NORP"}]},
    ]  # fmt: skip
    first, second, crlf, ours = drafts(read(tmp_path, "d.jsonl", "\n".join(json.dumps(x) for x in lines)))
    assert [first.text[c.start : c.end] for c in first.claims] == ["firetrucks", FIREMEN[:4]]
    assert first.claims == (ClaimDraft(19, 29, ClaimLabel.FACTUAL), ClaimDraft(0, 4, ClaimLabel.OPINION))
    assert second.entities == (Entity(5, 12, "NORP", EntityStatus.ACCEPTED),)
    assert crlf.text == FIREMEN.replace(" firemen", "\nfiremen")
    assert crlf.claims == (ClaimDraft(19, 29, ClaimLabel.FACTUAL),)
    assert crlf.entities == (Entity(5, 12, "NORP", EntityStatus.ACCEPTED),)
    assert ours.claims == (ClaimDraft(19, 29, ClaimLabel.FACTUAL),)
    assert ours.entities == (Entity(5, 12, "NORP", EntityStatus.ACCEPTED),)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ({"text": FIREMEN, "label": [[1, 32, "factual"]]}, "label[0] 1..32 splits a character"),
        ({"text": FIREMEN, "labels": [[22, 33, "factual"]]},
         "labels[0] 22..33 is past the end of a text of 32"),
        ({"text": FIREMEN, "entities": [{"start_offset": 0, "end_offset": 3, "label": "ORG"}]},
         "entities[0] 0..3 splits a character"),
        # A file an earlier annotator wrote (code points) is caught where it lands inside a pair.
        ({"text": "\U0001f389\U0001f389 ok", "label": [[0, 1, "factual"]]},
         "label[0] 0..1 splits a character"),
    ],
)  # fmt: skip
def test_a_doccano_offset_inside_a_character_or_past_the_text_rejects_the_line(
    tmp_path: Path, line: dict[str, object], says: str
) -> None:
    good = {"text": "Fine.", "label": [[0, 5, "factual"]]}
    results = read(tmp_path, "d.jsonl", json.dumps(good) + "\n" + json.dumps(line))
    [error] = errors(results)
    message = str(error)
    assert error.line == 2 and "d.jsonl" in message
    assert says in message
    assert "doccano counts offsets in UTF-16 code units" in message
    assert "Count grapheme clusters as one character" in message


def test_doccano_1x_annotations_with_label_names_are_read_as_its_spans(tmp_path: Path) -> None:
    """doccano 1.x's JSONL export puts its spans in "annotations" ("label", "start_offset",
    "end_offset", the user's number): such a line came in as an article with no label, the list
    left in its metadata, and the import said it had imported it."""
    lines = [
        {"id": 1, "text": FIREMEN, "meta": {}, "annotation_approver": None, "annotations": [
            {"id": 5, "label": "factual", "start_offset": 22, "end_offset": 32, "user": 1, "prob": 0.0},
            {"id": 6, "label": "NORP", "start_offset": 8, "end_offset": 15, "user": 1, "prob": 0.0},
        ]},
        # A text classification project's line: a class of the whole text, kept as metadata.
        {"id": 2, "text": "It is bad.", "annotations": [{"id": 7, "label": "opinion", "user": 1}]},
    ]  # fmt: skip
    spans, classed = drafts(read(tmp_path, "d.jsonl", "\n".join(json.dumps(x) for x in lines)))
    assert [spans.text[c.start : c.end] for c in spans.claims] == ["firetrucks"]
    assert spans.claims == (ClaimDraft(19, 29, ClaimLabel.FACTUAL),)
    assert spans.entities == (Entity(5, 12, "NORP", EntityStatus.ACCEPTED),)
    assert "annotations" not in spans.meta and spans.file_person == "d"
    assert (classed.claims, classed.meta["annotations"]) == ((), [{"id": 7, "label": "opinion", "user": 1}])


OBAMA = "\U0001f1fa\U0001f1f8 Barack Obama said taxes will fall."
"""A text with an emoji (a flag: two code points, four UTF-16 code units) before its labels."""


def test_doccano_0x_entities_triples_are_read_as_its_spans_and_username_as_the_person(
    tmp_path: Path,
) -> None:
    """doccano's first JSON export (doccano PR #46) writes a sequence-labelling text as
    {"doc_id", "text", "entities": [[start, end, label], ...], "username"}: it was refused with
    "entities[0] must be an object", saying nothing of doccano, and none of its labels came in.
    Its offsets count UTF-16 code units, as its JavaScript did (doccano PR #99)."""

    def units(words: str) -> list[int]:
        start = len(OBAMA[: OBAMA.index(words)].encode("utf-16-le")) // 2
        return [start, start + len(words.encode("utf-16-le")) // 2]

    lines = [
        {"doc_id": 23, "text": OBAMA, "username": "alice",
         "entities": [[*units("Barack Obama"), "PER"], [*units("taxes will fall."), "factual"]]},
        # Counted in code points: the first span ends inside the flag's second half.
        {"doc_id": 24, "text": OBAMA, "username": "bob", "entities": [[0, 1, "factual"]]},
        {"doc_id": 25, "text": OBAMA, "username": "bob", "entities": [[0, 4]]},
    ]  # fmt: skip
    results = read(tmp_path, "admin.jsonl", "\n".join(json.dumps(x) for x in lines))
    [draft] = drafts(results[:1])
    [claim], [entity] = draft.claims, draft.entities
    assert draft.text[claim.start : claim.end] == "taxes will fall."
    assert claim == ClaimDraft(claim.start, claim.end, ClaimLabel.FACTUAL, annotator="alice")
    assert draft.text[entity.start : entity.end] == "Barack Obama"
    assert (entity.label, entity.status) == ("PER", EntityStatus.ACCEPTED)
    assert draft.annotator == "alice"
    assert "username" not in draft.meta and draft.meta["doc_id"] == 23
    split, short = errors(results)
    assert (split.line, Path(split.path).name, short.line) == (2, "admin.jsonl", 3)
    assert split.reason.startswith("entities[0] 0..1 splits a character")
    assert "doccano counts offsets in UTF-16 code units" in split.reason
    assert short.reason.startswith("entities[0] must be a [start, end, label] triple (doccano's first")


@pytest.mark.parametrize(
    ("annotations", "says"),
    [
        ([{"label": 7, "start_offset": 0, "end_offset": 2, "user": 1}],
         "annotations[0].label is 7, a doccano label id, not a name; doccano 1.0 to 1.4 wrote"),
        ([{"label": 3, "user": 1}], "annotations[0].label is 3, a doccano label id"),
        ([{"label": None, "start_offset": 0, "end_offset": 2}],
         "annotations[0] gives no label; give each span the name of its label"),
        ([{"id": 1, "result": [{"value": {"start": 0, "end": 2, "labels": ["ORG"]}}]}],
         "annotations[0] is a Label Studio annotation (its labels in result), which is not read"),
    ],
)  # fmt: skip
def test_doccano_1x_annotations_with_label_ids_refuse_the_line_saying_how_to_export_names(
    tmp_path: Path, annotations: list[object], says: str
) -> None:
    lines = [
        {"text": "Fine."},
        {"id": 1, "text": "EU rejects German call.", "annotations": annotations, "meta": {}},
    ]
    [error] = errors(read(tmp_path, "doccano.jsonl", "\n".join(json.dumps(x) for x in lines)))
    assert (error.line, Path(error.path).name) == (2, "doccano.jsonl")
    assert says in error.reason
    if "doccano" in says:
        assert '"JSONL(text label)"' in error.reason and "export the project again" in error.reason


# --- other tools' exports we do not read -------------------------------------------------------------

LABEL_STUDIO_TASKS = [
    {
        "id": 1,
        "data": {"text": "Olaf Scholz said taxes will fall."},
        "annotations": [
            {
                "id": 1,
                "completed_by": 1,
                "result": [
                    {
                        "value": {"start": 17, "end": 33, "text": "taxes will fall.", "labels": ["Factual"]},
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                    }
                ],
            }
        ],
        "predictions": [],
    },
    {"id": 2, "data": {"text": "It rained."}, "annotations": [], "predictions": []},
]
"""Label Studio's JSON export: one array of tasks, the text in "data", the spans in "annotations"."""

LABEL_STUDIO_MIN = [
    {"id": 1, "text": "Olaf Scholz said taxes will fall.", "annotator": 1, "annotation_id": 1,
     "label": [{"start": 17, "end": 33, "text": "taxes will fall.", "labels": ["Factual"]}]},
]  # fmt: skip
"""Its JSON-MIN export: the same array, each task flattened."""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("export.json", json.dumps(LABEL_STUDIO_TASKS, indent=2)),
        ("export.json", json.dumps(LABEL_STUDIO_MIN)),
        # Renamed to be let in: read a line at a time, it was 40 lines of "invalid JSON", or,
        # on one line, "expected a JSON object with a 'text' field, got list".
        ("export.jsonl", json.dumps(LABEL_STUDIO_TASKS, indent=2)),
        ("export.jsonl", json.dumps(LABEL_STUDIO_TASKS)),
        ("export.jsonl", "\ufeff" + json.dumps(LABEL_STUDIO_MIN, indent=1)),
    ],
)
def test_a_label_studio_export_is_refused_whole_saying_what_it_is_and_what_to_do(
    tmp_path: Path, name: str, content: str
) -> None:
    [error] = read(tmp_path, name, content)
    assert isinstance(error, InputFileError) and error.line is None
    assert "is a Label Studio export (a JSON array of tasks), which is not read" in error.reason
    assert 'JSON Lines, one task a line: {"text": ' in error.reason


def test_a_label_studio_task_a_line_names_label_studio(tmp_path: Path) -> None:
    """A line with its text in "data" was "missing 'text' field", as if the text were not there."""
    content = json.dumps({"text": "Fine."}) + "\n" + json.dumps(LABEL_STUDIO_TASKS[0])
    [error] = errors(read(tmp_path, "tasks.jsonl", content))
    assert error.line == 2
    assert error.reason.startswith("a Label Studio task (its text in data.text), which is not read")


@pytest.mark.parametrize("key", ["label", "ner"])
def test_label_studio_json_min_spans_a_line_refuse_it_naming_label_studio(tmp_path: Path, key: str) -> None:
    """Label Studio's JSON-MIN task, one a line, keeps its spans under the labelling interface's
    name: under "ner" the line came in with no label, the spans left unread in its metadata."""
    task = {**LABEL_STUDIO_MIN[0]}
    task[key] = task.pop("label")
    [error] = errors(read(tmp_path, "min.jsonl", json.dumps({"text": "Fine."}) + "\n" + json.dumps(task)))
    assert (error.line, Path(error.path).name) == (2, "min.jsonl")
    assert error.reason.startswith(f"{key!r} holds Label Studio spans")
    assert '"spans": [{"start": …, "end": …, "label": …}, …]' in error.reason


CAS_JSON = {
    "%TYPES": {"webanno.custom.Claim": {"%NAME": "webanno.custom.Claim",
                                        "%SUPER_TYPE": "uima.tcas.Annotation"}},
    "%FEATURE_STRUCTURES": [
        {"%ID": 1, "%TYPE": "uima.cas.Sofa", "sofaNum": 1, "sofaID": "_InitialView", "mimeType": "text",
         "sofaString": "The minister said taxes will fall."},
        {"%ID": 2, "%TYPE": "webanno.custom.Claim", "@sofa": 1, "begin": 18, "end": 34, "value": "factual"},
    ],
    "%VIEWS": {"_InitialView": {"%SOFA": 1, "%MEMBERS": [2]}},
}  # fmt: skip
"""A document as INCEpTION's "UIMA CAS JSON" export writes it (apache/uima-uimaj-io-jsoncas)."""

WEBANNO_TSV = (
    "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Claim|value\n\n\n"
    "#Text=The minister said taxes will fall.\n1-1\t0-3\tThe\t_\t\n1-2\t4-12\tminister\t_\t\n"
)


@pytest.mark.parametrize(
    ("name", "content", "layout"),
    [
        ("doc.json", json.dumps(CAS_JSON, indent=2), "UIMA CAS JSON"),
        ("doc.jsonl", json.dumps(CAS_JSON), "UIMA CAS JSON"),
        ("doc.jsonl", "\ufeff" + json.dumps(CAS_JSON, indent=2), "UIMA CAS JSON"),
        ("doc.xmi", '<?xml version="1.0" encoding="UTF-8"?><xmi:XMI xmi:version="2.0"/>', "UIMA CAS XMI"),
        ("doc.tsv", WEBANNO_TSV, "WebAnno TSV"),
    ],
)
def test_an_inception_export_is_refused_naming_inception_and_what_to_export(
    tmp_path: Path, name: str, content: str, layout: str
) -> None:
    """INCEpTION's (and WebAnno's) exports were refused as files of ours gone wrong: "missing 'text'
    field", a line of "invalid JSON" for each line of a pretty-printed CAS, "unsupported file type
    '.xmi'", or "no 'text' column (columns: '#FORMAT=WebAnno TSV 3.3')", nothing saying where the
    file came from nor what to export instead. Its labels are not read, so the file is refused whole."""
    [error] = read(tmp_path, name, content)
    assert isinstance(error, InputFileError) and error.line is None and Path(error.path).name == name
    assert error.reason.startswith(f'is an INCEpTION (or WebAnno) export in "{layout}", which is not read')
    assert 'export the documents from INCEpTION as "Plain text"' in error.reason
    assert '{"text": …, "spans": [{"start": …, "end": …, "label": …}, …]}' in error.reason


def test_a_jsonl_article_whose_metadata_names_cas_keys_is_still_read(tmp_path: Path) -> None:
    line = {"text": "Fine.", "meta": {"%VIEWS": 1}, "note": '"%TYPES": {}'}
    [draft] = drafts(read(tmp_path, "a.jsonl", json.dumps(line, indent=None)))
    assert draft.meta["%VIEWS"] == 1


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (json.dumps([{"text": "One."}, {"text": "Two."}]),
         "holds one JSON array, not one JSON object a line (JSON Lines)"),
        (json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}),
         "a .json file is not read; if each line is one article, as here, rename it .jsonl"),
        ('{"articles": [', "a .json file is not read"),
    ],
)  # fmt: skip
def test_a_json_file_says_what_to_do_with_it(tmp_path: Path, content: str, says: str) -> None:
    """A .json file was an "unsupported file type '.json'", as a photo is, with nothing said of
    JSON Lines, which is read."""
    [error] = read(tmp_path, "articles.json", content)
    assert isinstance(error, InputFileError) and error.line is None
    assert says in error.reason


def test_a_json_array_in_a_jsonl_file_is_refused_whole(tmp_path: Path) -> None:
    [error] = read(tmp_path, "a.jsonl", json.dumps([{"text": "One."}, {"text": "Two."}], indent=2))
    assert isinstance(error, InputFileError) and error.line is None
    assert "holds one JSON array, not one JSON object a line (JSON Lines)" in error.reason


def test_a_second_label_by_one_person_on_one_span_rejects_the_line(tmp_path: Path) -> None:
    """Doccano team exports name no one; the store and agreement keep one label per span and person."""
    lines = [
        {"text": "It rained. Bad.", "label": [[0, 10, "factual"], [0, 10, "opinion"]]},
        {
            "text": "It rained. Bad.",
            "spans": [
                {"start": 0, "end": 10, "label": "factual", "annotator": "ann"},
                {"start": 0, "end": 10, "label": "factual", "annotator": "bob"},
                {"start": 0, "end": 10, "label": "opinion", "annotator": "ann"},
            ],
        },
        {"text": "Same twice.", "label": [[0, 11, "factual"], [0, 11, "factual"]]},
        {"text": "Two people.", "spans": [{"start": 0, "end": 11, "label": "factual", "annotator": "a"},
                                         {"start": 0, "end": 11, "label": "opinion", "annotator": "b"}]},
    ]  # fmt: skip
    results = read(tmp_path, "team.jsonl", "\n".join(json.dumps(x) for x in lines))
    first, second = errors(results)
    assert (first.line, second.line) == (1, 2)
    assert (
        "label[1] 0..10 is labelled opinion, and an earlier span gave it factual (no annotator named)"
        in str(first)
    )
    assert "spans[2] 0..10 is labelled opinion" in str(second) and "annotator 'ann'" in str(second)
    assert "one person gives a span one label" in str(second)
    same, people = [r for r in results if isinstance(r, ArticleDraft)]
    assert same.claims == (ClaimDraft(0, 11, ClaimLabel.FACTUAL),)  # the same label again: one claim
    assert [(c.annotator, c.label) for c in people.claims] == [
        ("a", ClaimLabel.FACTUAL),
        ("b", ClaimLabel.OPINION),
    ]


def test_spans_in_crlf_text_are_shifted(tmp_path: Path) -> None:
    raw = "\ufeffLine one.\r\nLine two is a claim.\r\n\r\nThird 🎉 line."
    claim_start = raw.index("Line two")
    emoji_start = raw.index("Third")
    line = {
        "text": raw,
        "spans": [
            {
                "start": claim_start,
                "end": claim_start + 20,
                "label": "factual",
                "text": "Line two is a claim.",
            }
        ],
        "entities": [{"start": emoji_start, "end": emoji_start + 7, "label": "MISC", "status": "added"}],
    }
    [draft] = drafts(read(tmp_path, "c.jsonl", json.dumps(line)))
    assert draft.text == "Line one.\nLine two is a claim.\n\nThird 🎉 line."
    [claim] = draft.claims
    assert draft.text[claim.start : claim.end] == "Line two is a claim."
    [entity] = draft.entities
    assert draft.text[entity.start : entity.end] == "Third 🎉"
    assert entity.status is EntityStatus.ADDED


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "invalid JSON (Expecting property name enclosed in double quotes); "
                      "each line must be one JSON object"),
        ('{"text": "broken', "invalid JSON (Unterminated string starting at character 10); "
                             "each line must be one JSON object"),
        ('{"text": "a\tb"}', "invalid JSON (Invalid control character at character 12); "
                              "each line must be one JSON object"),
        ("[1, 2]", "expected a JSON object with a 'text' field, got list"),
        ('{"title": "x"}', "missing 'text' field"),
        ('{"text": 5}', "'text' must be a string, got int"),
        ('{"text": " \\r\\n "}', "empty text"),
        ('{"text": "abc", "spans": [{"start": 1, "end": 9, "label": "factual"}]}',
         "spans[0] 1..9 is out of range for a text of 3 characters"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "text": "bc"}]}',
         "spans[0] 0..2 reads 'ab' but the file says 'bc'"),
        ('{"text": "abc", "spans": [{"start": "0", "end": 2, "label": "factual"}]}',
         "spans[0] offsets must be integers, got '0' and 2"),
        ('{"text": "abc", "spans": [{"start": true, "end": 2, "label": "factual"}]}',
         "spans[0] offsets must be integers, got True and 2"),
        ('{"text": "abc", "n": ' + "9" * 5000 + "}",
         "invalid JSON (a number has more than 4300 digits); each line must be one JSON object"),
        ('{"text": "abc", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}",
         "invalid JSON (lists and objects are nested too deep to read, deeper than the limit of 100 levels);"
         " each line must be one JSON object"),
        ('{"text": "abc", "title": {"a": 1}}', "'title' must be a string, got an object"),
        ('{"text": "abc", "source": ["x"]}', "'source' must be a string, got a list"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "note": 5}]}',
         "spans[0].note must be a string, got a number"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "annotator": ["a"]}]}',
         "spans[0].annotator must be a string, got a list"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "annotator": "\\u001b[31m"}]}',
         "spans[0].annotator contains a control character (U+001B); a name is plain text"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "annotator": "a\\u202eb"}]}',
         "spans[0].annotator contains a control character (U+202E); a name is plain text"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "annotator": "'
         + "x" * 101 + '"}]}',
         "spans[0].annotator is 101 characters long; a person's name takes at most 100"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "annotator": "GOLD"}]}',
         "spans[0].annotator is 'GOLD', which reads as 'gold', the name kept for reviewers' decisions; "
         "name the person who labelled it"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "annotator": "\uff27old"}]}',
         "spans[0].annotator is '\uff27old', which reads as 'gold', the name kept for reviewers' "
         "decisions; name the person who labelled it"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 2, "label": "factual", "annotator": "\u200b"}]}',
         "spans[0].annotator holds no letter or sign to read; give a name, or none"),
        ('{"text": "abc", "spans": {"start": 0}}', "'spans' must be a list of spans"),
        ('{"text": "abc", "label": [[0, 1]]}', "label[0] must be a [start, end, label] triple"),
        ('{"text": "a\\r\\nb", "spans": [{"start": 1, "end": 2, "label": "factual"}]}',
         "spans[0] 1..2 covers only a line break"),
        ('{"text": "One.  Two.", "spans": [{"start": 4, "end": 6, "label": "factual"}]}',
         "spans[0] 4..6 covers only white space; a claim holds words"),
        ('{"text": "One.\u200b Two.", "label": [[4, 6, "opinion"]]}',
         "label[0] 4..6 covers only white space; a claim holds words"),
        ('{"text": "abc", "quotes": {"start": 0}}', "'quotes' must be a list"),
        ('{"text": "abc", "quotes": [[0, 2]]}',
         "quotes[0] must be an object with start, end, kind and speaker"),
        ('{"text": "abc", "quotes": [{"start": 0, "end": 4}]}',
         "quotes[0] 0..4 is out of range for a text of 3 characters"),
        ('{"text": "abc", "quotes": [{"start": 2, "end": 2}]}',
         "quotes[0] 2..2 is out of range for a text of 3 characters"),
        ('{"text": "abc", "quotes": [{"start": "0", "end": 2}]}',
         "quotes[0] offsets must be integers, got '0' and 2"),
        ('{"text": "abc", "quotes": [{"start": 0, "end": 2, "kind": "indirect"}]}',
         "quotes[0] has kind 'indirect'; use one of direct, partial, scare"),
        ('{"text": "abc", "quotes": [{"start": 0, "end": 2, "speaker": "Ana"}]}',
         "quotes[0].speaker must be null or an object with start, end and name"),
        ('{"text": "abc", "quotes": [{"start": 0, "end": 2, "speaker": {"start": 1, "end": 7}}]}',
         "quotes[0].speaker 1..7 is out of range for a text of 3 characters"),
        ('{"text": "abc", "quotes": [{"start": 0, "end": 2, "speaker": {"start": 1, "end": 2, "name": 5}}]}',
         "quotes[0].speaker name must be a string, got 5"),
        ('{"text": "a\\r\\nb", "quotes": [{"start": 0, "end": 4, "speaker": {"start": 1, "end": 2}}]}',
         "quotes[0].speaker 1..2 covers only a line break"),
    ],
)  # fmt: skip
def test_bad_jsonl_lines_are_reported_with_line_numbers(tmp_path: Path, line: str, reason: str) -> None:
    results = read(tmp_path, "bad.jsonl", '{"text": "fine"}\n' + line + "\n")
    assert drafts(results[:1])[0].text == "fine"
    [error] = errors(results)
    assert (error.path, error.line, error.reason) == (str(tmp_path / "bad.jsonl"), 2, reason)
    assert str(error) == f"{tmp_path / 'bad.jsonl'}:2: {reason}"


_COUNTED_ADVICE = (
    "; here start and end count characters, as Prodigy does: export the file again counting "
    "characters, or convert its offsets"
)


@pytest.mark.parametrize(
    ("text", "start", "end", "said", "reason"),
    [
        # An emoji is two UTF-16 code units: a JavaScript tool's offsets are one further on.
        ("🎉 Taxes will fall.", 3, 8, "Taxes",
         "spans[0] 3..8 reads 'axes ', but the file says 'Taxes', the text there counted in UTF-16 "
         "code units (as JavaScript counts: an emoji is two)" + _COUNTED_ADVICE),
        # A Chinese character is three UTF-8 bytes: a byte-counting tool's offsets run past the text.
        ("北京很大。上海也很大。", 15, 27, "上海也很",
         "spans[0] 15..27 is out of range for a text of 11 characters, but the file says '上海也很', "
         "the text there counted in UTF-8 bytes (an accented letter is two, a Chinese character "
         "three)" + _COUNTED_ADVICE),
        ("🎉 Taxes will fall.", 0, 3, "zzz", "spans[0] 0..3 reads '🎉 T' but the file says 'zzz'"),
    ],
)  # fmt: skip
def test_offsets_counted_in_utf16_or_bytes_are_refused_saying_so(
    tmp_path: Path, text: str, start: int, end: int, said: str, reason: str
) -> None:
    """A span whose stated words are at its offsets only as another tool counts them was refused
    as "reads 'axes ' but the file says 'Taxes'", which said nothing of why the words moved."""
    line = {"text": text, "spans": [{"start": start, "end": end, "label": "factual", "text": said}]}
    [error] = errors(read(tmp_path, "u.jsonl", json.dumps(line)))
    assert (error.line, error.reason) == (1, reason)


def test_a_span_text_in_another_unicode_form_is_the_same_text(tmp_path: Path) -> None:
    """An article with "é" as e and an accent (NFD) whose span's text has it as one character
    (NFC) was refused: "reads 'Café' but the file says 'Café'", two strings that look alike."""
    line = {
        "text": "Cafe\u0301 prices rose. Cafe\u0301s closed.",
        "spans": [{"start": 0, "end": 5, "label": "factual", "text": "Caf\u00e9"}],
        "entities": [{"start": 19, "end": 25, "label": "ORG", "text": "Caf\u00e9s"}],
    }
    [draft] = drafts(read(tmp_path, "n.jsonl", json.dumps(line)))
    [claim], [entity] = draft.claims, draft.entities
    assert draft.text == line["text"]  # the article's own letters, as they came
    assert draft.text[claim.start : claim.end] == "Cafe\u0301"
    assert draft.text[entity.start : entity.end] == "Cafe\u0301s"


def test_quotes_with_speakers_are_read_and_shifted(tmp_path: Path) -> None:
    raw = "Ana said:\r\n“We won.” Then “fine” came."
    line = {
        "text": raw,
        "quotes": [
            {"start": 11, "end": 20, "kind": "direct", "speaker": {"start": 0, "end": 3, "name": "Ana"}},
            {"start": 26, "end": 32, "kind": "scare", "speaker": None},
            {"start": 21, "end": 25},  # kind and speaker left out: a direct quotation of no one
        ],
    }
    [draft] = drafts(read(tmp_path, "q.jsonl", json.dumps(line)))
    assert draft.text == "Ana said:\n“We won.” Then “fine” came."
    assert draft.quotes == (
        Quote(10, 19, QuoteKind.DIRECT, Speaker(0, 3, "Ana")),
        Quote(25, 31, QuoteKind.SCARE),
        Quote(20, 24, QuoteKind.DIRECT),
    )
    assert [draft.text[q.start : q.end] for q in draft.quotes] == ["“We won.”", "“fine”", "Then"]
    rejected = {**line, "answer": "reject"}
    [plain] = drafts(read(tmp_path, "r.jsonl", json.dumps(rejected)))
    assert plain.quotes == ()


def test_a_speaker_given_without_a_name_is_named_by_its_words(tmp_path: Path) -> None:
    """Named "" (no name, null or blank), the window said "Quotation by" and nobody, and W,
    Enter took the speaker away: the words the file marks as the speaker name it."""
    raw = "Ana\r\nDíaz said: “We won.” Bo wrote “fine”. Cy: “no”."

    def at(words: str) -> dict[str, int]:
        return {"start": raw.index(words), "end": raw.index(words) + len(words)}

    line = {
        "text": raw,
        "quotes": [
            {**at("“We won.”"), "speaker": at("Ana\r\nDíaz")},
            {**at("“fine”"), "speaker": {**at("Bo"), "name": None}},
            {**at("“no”"), "speaker": {**at("Cy"), "name": "  "}},
        ],
    }
    [draft] = drafts(read(tmp_path, "q.jsonl", json.dumps(line)))
    text = draft.text
    assert [text[q.start : q.end] for q in draft.quotes] == ["“We won.”", "“fine”", "“no”"]
    speakers = [q.speaker for q in draft.quotes if q.speaker is not None]
    assert [(text[s.start : s.end], s.name) for s in speakers] == [
        ("Ana\nDíaz", "Ana Díaz"),
        ("Bo", "Bo"),
        ("Cy", "Cy"),
    ]


def test_a_span_annotator_is_taken_as_the_window_takes_a_name_and_gold_only_from_our_export(
    tmp_path: Path,
) -> None:
    """A span's annotator of 100,000 characters was imported as a name the window caps at 100,
    and "Gold" as one more person beside the reviewers' decisions; "gold" itself is how our own
    export names those decisions, and comes back as them."""
    span = {"start": 0, "end": 4, "label": "factual"}
    lines = [
        {"text": "Rain.", "spans": [{**span, "annotator": "a" * 100}]},
        {"text": "Snow.", "spans": [{**span, "annotator": "gold"}]},
        {"text": "Hail.", "spans": [{**span, "annotator": "a" * 100_000}]},
    ]
    results = read(tmp_path, "names.jsonl", "\n".join(json.dumps(line) for line in lines))
    long_name, gold = drafts(results[:2])
    assert [c.annotator for c in long_name.claims + gold.claims] == ["a" * 100, "gold"]
    [error] = errors(results)
    assert (error.line, error.reason) == (
        3,
        "spans[0].annotator is 100,000 characters long; a person's name takes at most 100",
    )
    # A Prodigy session is one person's: named "gold", its labels would read as decisions.
    bad = read(tmp_path, "session.jsonl", prodigy_line("Rain.", "claims-gold", [span]))
    assert [e.reason for e in errors(bad)] == [
        "'_session_id' is 'gold', which reads as 'gold', the name kept for reviewers' decisions; "
        "name the person who labelled it"
    ]


def test_a_span_annotator_in_either_unicode_form_is_one_person(tmp_path: Path) -> None:
    """ "Zoë" written with a combining diaeresis (a file from macOS) was imported as another
    person than "Zoë" in one character: her two labels of one span were both kept, as two
    annotators' claims that agreement compared and the review listed as two "Zoë" rows."""
    spans = [
        {"start": 0, "end": 4, "label": "factual", "annotator": "Zoe\u0308"},
        {"start": 0, "end": 4, "label": "factual", "annotator": "Zo\u00eb"},
        {"start": 6, "end": 11, "label": "opinion", "annotator": "Zoe\u0308"},
    ]
    [draft] = drafts(read(tmp_path, "zoe.jsonl", json.dumps({"text": "Rain. Snow.", "spans": spans})))
    assert [(c.start, c.annotator) for c in draft.claims] == [(0, "Zo\u00eb"), (6, "Zo\u00eb")]


def test_an_entity_type_of_our_export_is_an_upper_case_type_and_its_status_one_we_know(
    tmp_path: Path,
) -> None:
    """From `entities`, "person" stayed another type than PERSON, "PER\u202eSON" read as
    another word than it was, and a status of no meaning ("bogus") became "accepted"."""
    entity = {"start": 0, "end": 3, "label": "person"}
    lines = [
        {"text": "Ana won.", "entities": [entity, {**entity, "label": " Org ", "status": "rejected"}]},
        {"text": "Ana won.", "entities": [{**entity, "label": "PER\u202eSON"}]},
        {"text": "Ana won.", "entities": [{**entity, "label": "PER\u200bSON"}]},
        {"text": "Ana won.", "entities": [{**entity, "status": "bogus"}]},
        {"text": "Ana won.", "entities": [{**entity, "status": 1}]},
    ]
    results = read(tmp_path, "e.jsonl", "\n".join(json.dumps(line) for line in lines))
    [draft] = drafts(results[:1])
    assert draft.entities == (
        Entity(0, 3, "PERSON", EntityStatus.ACCEPTED),
        Entity(0, 3, "ORG", EntityStatus.REJECTED),
    )
    invisible = (
        "entities[0].label contains a control or invisible character ({}); an entity type is plain text"
    )
    statuses = "entities[0].status is {}; use one of suggested, accepted, rejected, added, or leave it out"
    assert [(e.line, e.reason) for e in errors(results)] == [
        (2, invisible.format("U+202E")),
        (3, invisible.format("U+200B")),
        (4, statuses.format("'bogus'")),
        (5, statuses.format("1")),
    ]


def test_an_entity_or_quotation_given_twice_in_a_line_is_kept_once_and_two_answers_refused(
    tmp_path: Path,
) -> None:
    """The same quotation or entity twice in a line was stored twice (two bars in the margin,
    two rows to correct), and an entity both accepted and rejected was stored as both."""
    entity = {"start": 0, "end": 3, "label": "PERSON", "status": "accepted"}
    quote = {"start": 9, "end": 15, "kind": "direct", "speaker": {"start": 0, "end": 3, "name": "Ana"}}
    text = "Ana said “Rain.”"
    lines = [
        # The same twice, also as doccano's triple and our entity, and as "person" and "PERSON".
        {"text": text, "entities": [entity, {**entity, "label": "person"}], "label": [[0, 3, "PERSON"]],
         "quotes": [quote, dict(quote)]},
        {"text": text, "entities": [entity, {**entity, "status": "rejected"}]},
        {"text": text, "quotes": [quote, {**quote, "kind": "partial"}]},
        {"text": text, "quotes": [quote, {**quote, "speaker": None}]},
        # Two types at one span are two entities (a person's correction keeps the rejected one).
        {"text": text, "entities": [{**entity, "status": "rejected"}, {**entity, "label": "ORG"}]},
    ]  # fmt: skip
    results = read(tmp_path, "twice.jsonl", "\n".join(json.dumps(line) for line in lines))
    once, types = drafts([r for r in results if isinstance(r, ArticleDraft)])
    assert once.entities == (Entity(0, 3, "PERSON", EntityStatus.ACCEPTED),)
    assert once.quotes == (Quote(9, 15, QuoteKind.DIRECT, Speaker(0, 3, "Ana")),)
    assert [e.label for e in types.entities] == ["PERSON", "ORG"]
    assert [(e.line, e.reason) for e in errors(results)] == [
        (2, "entities[1] 0..3 marks PERSON rejected, and an earlier entity there marks it accepted; "
            "an entity has one status: keep one"),
        (3, "quotes[1] 9..15 repeats an earlier quotation there with another kind, speaker or status; "
            "a span holds one quotation: keep one"),
        (4, "quotes[1] 9..15 repeats an earlier quotation there with another kind, speaker or status; "
            "a span holds one quotation: keep one"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("label", "opinion"),
        ("label", ["opinion"]),  # doccano's text classification export
        ("labels", {"opinion": 1.0}),
        ("label", 2),
    ],
)
def test_a_text_classification_line_keeps_its_label_in_the_articles_metadata(
    tmp_path: Path, key: str, value: object
) -> None:
    """{"text": ..., "label": "opinion"} was imported with its label dropped unsaid, and doccano's
    text classification export ("label": ["opinion"]) was refused as "label[0] must be a
    [start, end, label] triple": a news corpus's category left the whole file out."""
    lines = [{"text": "Taxes will fall."}, {"text": "It is bad.", key: value}]
    first, second = read(tmp_path, "classes.jsonl", "\n".join(json.dumps(line) for line in lines))
    assert isinstance(first, ArticleDraft) and isinstance(second, ArticleDraft)
    assert (first.meta.get(key), second.meta.get(key)) == (None, value)
    assert (second.text, second.claims) == ("It is bad.", ())


def test_a_rejected_prodigy_classification_brings_its_text_and_a_label_of_no_kind_is_no_list(
    tmp_path: Path,
) -> None:
    lines = [
        {"text": "It is bad.", "label": "OPINION", "answer": "reject"},
        {"text": "Not labelled yet.", "label": []},
        {"text": "It is true.", "label": True},
    ]
    results = read(tmp_path, "p.jsonl", "\n".join(json.dumps(line) for line in lines))
    drafts = [d for d in results if isinstance(d, ArticleDraft)]
    assert [d.text for d in drafts] == ["It is bad.", "Not labelled yet."]
    assert "label" not in drafts[0].meta  # rejected: the text is *not* of that class
    assert [e.reason for e in errors(results)] == ["'label' must be a list of [start, end, label] triples"]


def test_a_quotations_status_is_kept_and_a_bad_one_names_the_line(tmp_path: Path) -> None:
    quote = {"start": 0, "end": 6, "kind": "direct", "speaker": None}
    lines = [
        json.dumps({"text": "“Yes.” Ana.", "quotes": [{**quote, "status": "corrected"}]}),
        json.dumps({"text": "“No.” Bo.", "quotes": [{**quote, "end": 5, "status": "suggested"}]}),
        json.dumps({"text": "“Hm.” Cy.", "quotes": [{**quote, "end": 5, "status": "removed"}]}),
    ]
    results = read(tmp_path, "s.jsonl", "\n".join(lines))
    first, second = drafts(results[:2])
    assert [q.model for q in first.quotes + second.quotes] == [QUOTE_CORRECTED, ""]
    [error] = errors(results)
    assert error.line == 3 and "status is 'removed'; use one of suggested, corrected" in error.reason


def test_jsonl_with_crlf_line_endings(tmp_path: Path) -> None:
    results = drafts(read(tmp_path, "w.jsonl", '{"text": "a"}\r\n{"text": "b"}\r\n'))
    assert [r.text for r in results] == ["a", "b"]


# --- CSV / TSV ---------------------------------------------------------------------------------------


def test_newssd_csv_with_newlines_inside_fields() -> None:
    path = FORMATS / "newssd-val-20.csv"
    results = drafts(list(read_path(path, text_column="Sentence")))
    assert len(results) == 20
    first = results[0]
    assert first.text == (
        "Few journalists thought to ask why it is large parts of ‘left behind’ places needed "
        "‘levelling up’ in the first place.\n"
    )
    assert dict(first.meta) == {"Label": "SUBJ", "Solved conflict": "False"}
    assert first.line == 2
    assert results[1].line == 4  # the first row spans lines 2-3


def test_csv_without_text_column_names_the_columns(tmp_path: Path) -> None:
    [error] = errors(list(read_path(FORMATS / "newssd-val-20.csv")))
    assert error.line == 1
    assert error.reason == (
        "no 'text' column (columns: 'Sentence', 'Label', 'Solved conflict'); "
        "choose the text column with --text-column"
    )


@pytest.mark.parametrize("name", ["sheet.csv", "sheet.tsv"])
def test_a_csv_with_no_header_row_says_it_needs_one(name: str) -> None:
    """A spreadsheet saved without its header row was refused for "no 'text' column (columns:
    'The minister said…', '2020-01-01')", with advice to rename or choose that column: there was
    no column name to rename, only an article's text where the names should be."""
    sep = "\t" if name.endswith(".tsv") else ","
    data = (
        f"2020-01-01{sep}The minister said on Monday that taxes would rise next year.\r\n"
        f"2020-01-02{sep}Critics said the plan would slow growth. The vote is in May.\r\n"
    ).encode()
    [error] = list(read_bytes(data, name))
    assert isinstance(error, InputFileError)
    assert (error.line, error.reason) == (
        1,
        "the first row holds an article ('The minister said on Monday that taxes…'), not the names "
        "of the columns: add a first row that names them, with “text” above the articles' text, "
        "and import the file again",
    )


def test_a_spreadsheets_semicolon_csv_is_read_by_its_columns() -> None:
    """Spreadsheets where the decimal mark is a comma (most of Europe) save "CSV" with semicolons,
    a BOM and CRLF; read as commas, the header was one column and nothing could be imported."""
    data = (
        "\ufeffTitle;Date;Text;URL\r\n"
        'Boat fire;2019-09-04;"A fire, at night.\r\n\r\nDozens; dead.";http://a\r\n'
        'Vote;2019-01-03;"Pelosi, elected again.";http://b\r\n'
    ).encode("utf-8")
    results = drafts(list(read_bytes(data, "export.csv")))
    assert [d.source for d in results] == ["http://a", "http://b"]  # "URL" as "url", any case
    assert [(d.title, d.text, dict(d.meta), d.line) for d in results] == [
        (
            "Boat fire",
            "A fire, at night.\n\nDozens; dead.",
            {"Date": "2019-09-04", "URL": "http://a"},
            2,
        ),
        ("Vote", "Pelosi, elected again.", {"Date": "2019-01-03", "URL": "http://b"}, 5),
    ]


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_a_csv_opening_with_excels_sep_line_is_read_by_the_separator_it_names(bom: str) -> None:
    """A file written for Excel where the decimal mark is a comma may open with `sep=;`, so that
    Excel splits its columns: read as the header, it was "no 'text' column (columns: 'sep=', '')"."""
    data = (
        f"{bom}sep=;\r\n"
        "Titel;Text;Preis\r\n"
        'Brot;"Der Preis stieg, sagte er.\r\nZweiter Absatz.";2,50 €\r\n'
        "Milch;;1,10 €\r\n"
    ).encode()
    results = list(read_bytes(data, "preise.csv"))
    [empty] = errors(results)
    assert (empty.line, empty.reason) == (5, "empty text")
    [draft] = drafts(results[:1])
    assert (draft.text, dict(draft.meta), draft.line) == (
        "Der Preis stieg, sagte er.\nZweiter Absatz.",
        {"Titel": "Brot", "Preis": "2,50 €"},
        3,
    )
    rename = "sep=;\r\nTitel;Inhalt\r\nBrot;Der Preis für Brot stieg im Mai um zehn Prozent.\r\n"
    [missing] = errors(list(read_bytes(rename.encode("utf-8"), "p.csv")))
    assert (missing.line, missing.reason) == (
        2,
        "no 'text' column (columns: 'Titel', 'Inhalt'); choose the text column with --text-column",
    )


@pytest.mark.parametrize("utf16", [False, True])
def test_a_tab_separated_csv_is_read_by_its_columns(utf16: bool) -> None:
    """A database dump, or Excel's "Unicode Text" (UTF-16, tabs) renamed to .csv, separates its
    cells with tabs: read with commas, its header was one column, "title\\ttext", and the file
    was refused for having no 'text' column, with advice (choose it, rename it) that could not help."""
    text = "title\ttext\tURL\r\nBoat fire\tA fire, at night; dozens “dead”.\thttp://a\r\n"
    data = b"\xff\xfe" + text.encode("utf-16-le") if utf16 else text.encode("utf-8")
    [draft] = drafts(list(read_bytes(data, "export.csv")))
    assert (draft.title, draft.text, draft.source, dict(draft.meta)) == (
        "Boat fire",
        "A fire, at night; dozens “dead”.",
        "http://a",
        {"URL": "http://a"},
    )


def test_every_cell_of_a_csv_with_two_columns_of_one_name_is_kept() -> None:
    """A spreadsheet with two "note" columns (one per editor, say) kept only the second: the first
    column's cells were lost from every article's metadata, and from every export of it, unsaid."""
    data = b'title,note,text,note,\nBoat fire,checked,"A fire, at night.",disputed,x\n'
    [draft] = drafts(list(read_bytes(data, "notes.csv")))
    assert dict(draft.meta) == {"note": "checked", "note (column 4)": "disputed", "column_5": "x"}


def test_a_comma_csv_with_semicolons_in_its_text_stays_a_comma_csv() -> None:
    data = b'title,text\nA;B,"one; two; three"\n'
    [draft] = drafts(list(read_bytes(data, "x.csv")))
    assert (draft.title, draft.text) == ("A;B", "one; two; three")


SHORT_ROW = (
    "the row has 1 field where the header has {fields}, so no 'text' value "
    "(a missing {separator}, or a quote left open?)"
)


def test_tsv_title_source_and_bad_rows(tmp_path: Path) -> None:
    data = 'Title\ttext\tsource\tx\nHead\tBody one.\thttp://a\t1\nH2\t\t\t\nH3\n\nT4\t"Body\r\ntwo."\t\t9\n'
    results = read(tmp_path, "t.tsv", data)
    good = [r for r in results if isinstance(r, ArticleDraft)]
    assert [(d.title, d.text, d.source, dict(d.meta), d.line) for d in good] == [
        ("Head", "Body one.", "http://a", {"x": "1"}, 2),
        ("T4", "Body\ntwo.", "", {"x": "9"}, 6),
    ]
    assert [(e.line, e.reason) for e in errors(results)] == [
        (3, "empty text"),
        (
            4,
            SHORT_ROW.format(fields=4, separator="tab"),
        ),
    ]


def test_a_short_csv_row_says_what_the_header_expected(tmp_path: Path) -> None:
    results = read(tmp_path, "s.csv", 'title,text\n"One","ok text"\n"Two"\nThree; four\n')
    assert [(e.line, e.reason) for e in errors(results)] == [
        (
            3,
            SHORT_ROW.format(fields=2, separator="comma"),
        ),
        (
            4,
            SHORT_ROW.format(fields=2, separator="comma"),
        ),
    ]


def test_malformed_csv_stops_with_line(tmp_path: Path) -> None:
    results = read(tmp_path, "m.csv", 'text\n"ok"\n"broken"x"\n"later"\n')
    assert [d.text for d in results if isinstance(d, ArticleDraft)] == ["ok"]
    [error] = errors(results)
    assert error.line == 3
    assert error.reason.startswith("malformed CSV")


@pytest.mark.parametrize(
    ("bad_row", "unread"),
    [
        ('B,"He said" hi\r\n', "lines 3 to 5 were"),  # a quote closed too soon
        ('B,"He said hi\r\n', "lines 3 to 5 were"),  # a quote left open to the end
    ],
)
def test_a_malformed_csv_row_says_the_rows_after_it_were_not_read(bad_row: str, unread: str) -> None:
    """Reading stops at a row whose quotes are wrong: the window imported the rows above it and
    listed one bad line, "malformed CSV", while every row below it was left out unsaid."""
    data = f"title,text\r\nA,First.\r\n{bad_row}C,Third.\r\nD,Fourth.\r\n".encode()
    [first, error] = list(read_bytes(data, "sheet.csv"))
    assert isinstance(first, ArticleDraft) and first.text == "First."
    assert isinstance(error, InputFileError) and error.line == 3
    assert error.reason.endswith(
        f"a quotation mark in this row is left open or out of place, so the file was read no "
        f"further and {unread} not imported; put the row's quotation marks right and import the "
        "file again"
    )


def test_a_malformed_last_csv_row_names_only_itself() -> None:
    [_, error] = list(read_bytes(b'text\nFirst.\n"Second" x\n', "sheet.csv"))
    assert isinstance(error, InputFileError)
    assert "so the file was read no further and line 3 was not imported;" in error.reason


@pytest.mark.parametrize("utf16", [False, True])
def test_a_spreadsheet_saved_as_tab_separated_txt_is_read_by_its_rows(utf16: bool) -> None:
    """Excel's "Text (Tab delimited)" and "Unicode Text" (UTF-16) and LibreOffice's text export
    end in .txt: a sheet of articles came in as one article holding the whole table, its
    header row for a title."""
    text = (
        'Title\t"Text"\tURL\r\n'
        'Boat fire\t"A fire, at night.\r\nDozens ""dead""."\thttp://a\r\n'
        "Vote\tPelosi elected again.\thttp://b\r\n"
    )
    data = b"\xff\xfe" + text.encode("utf-16-le") if utf16 else text.encode("utf-8")
    results = list(read_bytes(data, "sheet.txt"))
    assert [(d.title, d.text, d.source, d.line) for d in drafts(results)] == [
        ("Boat fire", 'A fire, at night.\nDozens "dead".', "http://a", 2),
        ("Vote", "Pelosi elected again.", "http://b", 4),
    ]


def test_a_txt_article_with_a_tab_in_its_first_line_stays_one_article() -> None:
    data = b"Budget 2020\tDraft\n\nThe text of the budget is out.\n"
    [draft] = drafts(list(read_bytes(data, "budget.txt")))
    assert (draft.title, draft.text) == ("Budget 2020\tDraft", data.decode())


def test_read_bytes_uses_the_extension() -> None:
    [draft] = list(read_bytes(b"text\nhello\n", "x.csv"))
    assert isinstance(draft, ArticleDraft)
    assert draft.text == "hello"


# --- folders -----------------------------------------------------------------------------------------


def test_folder_is_read_recursively_by_extension(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "b.txt").write_text("B body.")
    (tmp_path / "sub" / "a.md").write_text("A body.")
    (tmp_path / "sub" / "deeper" / "c.jsonl").write_text('{"text": "C body."}\n')
    (tmp_path / "sub" / "ignored.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("hidden")
    results = drafts(list(read_path(tmp_path)))
    assert [r.text for r in results] == ["B body.", "A body.", "C body."]


@pytest.mark.parametrize("data", [bytes(range(1, 256)) * 8, bytes(range(128, 256)) * 4])
def test_unrecognisable_encoding_is_rejected(tmp_path: Path, data: bytes) -> None:
    [error] = errors(read(tmp_path, "noise.txt", data))
    assert error.reason == "the encoding cannot be recognised; save the file as UTF-8 and import it again"


# --- HTML <meta charset> -------------------------------------------------------------------------------

PAGE = (
    "<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{body}</p><p>{body}</p></article></body></html>"
)
# 13 KB of inline CSS before the <meta>: past charset-normalizer's 8 KB look-ahead, where its guess
# alone read KOI8-R and ISO-8859-15 as Windows-1252 mojibake.
INLINE_CSS = (
    "<style>" + "".join(f".c{i} {{ margin: {i}px; color: #{i:06x} }}\n" for i in range(400)) + "</style>"
)
META_CHARSET = {
    "short": '<meta charset="{charset}">',
    "http-equiv": '<meta http-equiv="Content-Type" content="text/html; charset={charset}" />',
}
CHARSET_CASES = {
    # (declared label, text, the codec recorded)
    "windows-1252": ("windows-1252", "Le “prix” a monté de 5 € — déjà trop, dit l’élu.", "cp1252"),
    "iso-8859-15": ("ISO-8859-15", "Le cœur du problème : 20 € pour un œuf, dit Ÿves.", "iso8859-15"),
    "koi8-r": ("koi8-r", "Министр сказал, что налоги снизились на пять процентов.", "koi8-r"),
    "latin-1 label": ("iso-8859-1", "Der Preis stieg um 5 € – „zu viel“, sagte er.", "cp1252"),
}


@pytest.mark.parametrize("css", [False, True], ids=["plain-head", "long-head"])
@pytest.mark.parametrize("form", sorted(META_CHARSET))
@pytest.mark.parametrize("case", sorted(CHARSET_CASES))
def test_html_meta_charset_is_used_before_guessing(form: str, case: str, css: bool) -> None:
    label, body, codec = CHARSET_CASES[case]
    meta = META_CHARSET[form].format(charset=label)
    page = PAGE.format(meta=INLINE_CSS + meta if css else meta, title="Titre", body=body)
    data = page.encode(codec)
    assert decode(data, "page.html", html=True) == (page, codec)


def test_html_meta_charset_page_reads_to_the_right_article(tmp_path: Path) -> None:
    body = "Le cœur du problème : 20 € pour un œuf, dit le ministre à la presse locale."
    page = PAGE.format(meta=INLINE_CSS + '<meta charset="iso-8859-15">', title="Œufs à 20 €", body=body)
    [draft] = drafts(read(tmp_path, "oeufs.html", page.encode("iso8859-15")))
    assert draft.encoding == "iso8859-15"
    assert draft.title == "Œufs à 20 €"
    assert body in draft.text


LYING_CHARSETS = {
    # (the code page the page is in, what its <meta> says, its words)
    "koi8-r said windows-1251": (
        "koi8_r",
        "windows-1251",
        "Министр финансов заявил во вторник, что цены выросли на пять процентов.",
    ),
    "windows-1251 said iso-8859-1": (
        "cp1251",
        "iso-8859-1",
        "Министр финансов заявил во вторник, что цены выросли на пять процентов.",
    ),
    "windows-1250 said iso-8859-1": (
        "cp1250",
        "iso-8859-1",
        "Minister powiedział we wtorek, że ceny wzrosły o pięć procent, więcej niż sądzono.",
    ),
    "windows-1252 said windows-1251": (
        "cp1252",
        "windows-1251",
        "Der Minister sagte, die Preise seien um fünf Prozent gestiegen – „zu viel“.",
    ),
}


@pytest.mark.parametrize("css", [False, True], ids=["plain-head", "long-head"])
@pytest.mark.parametrize("case", sorted(LYING_CHARSETS))
def test_a_page_whose_meta_charset_lies_reads_as_its_own_words(tmp_path: Path, case: str, css: bool) -> None:
    """Any bytes are text in a single-byte code page, so a wrong `<meta charset>` (a template's) was
    taken at its word and the article imported as mojibake ("Ìèíèñòð", "powiedzia³"), unseen."""
    codec, label, body = LYING_CHARSETS[case]
    meta = f'<meta charset="{label}">'
    page = PAGE.format(meta=INLINE_CSS + meta if css else meta, title="Title", body=body)
    [draft] = drafts(read(tmp_path, "page.html", page.encode(codec)))
    assert body in draft.text
    assert draft.encoding == codec


def test_a_page_in_two_languages_keeps_the_code_page_it_declares() -> None:
    """Slovene and Hungarian take two alphabets in Windows-1250, and read as one (Dutch) in
    Windows-1252: the declared code page is not given up for a reading merely as plain."""
    body = (
        "Vlada je v četrtek sprejela nov zakon.</p>"
        "<p>A kormány szerdán bejelentette, hogy csökkenti az adókat."
    )
    page = PAGE.format(meta='<meta charset="windows-1250">', title="Title", body=body)
    assert decode(page.encode("cp1250"), "page.html", html=True) == (page, "cp1250")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # valid UTF-8 wins over a stale template's declaration
        ('<meta charset="iso-8859-1"><p>déjà “vu”</p>'.encode(), "utf-8"),
        # a declaration the bytes do not fit is ignored, and the guess decides
        ('<meta charset="utf-8"><p>Le président a déclaré que la réforme serait adoptée.</p>'
         .encode("cp1252"), "cp1252"),
        ('<meta charset="x-no-such-codec"><p>Le président a déclaré que la réforme serait adoptée.</p>'
         .encode("cp1252"), "cp1252"),
    ],
)  # fmt: skip
def test_html_meta_charset_fallbacks(data: bytes, expected: str) -> None:
    assert decode(data, "page.html", html=True)[1] == expected


# --- UTF-16 without a BOM -------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_names_the_file_and_suggests_utf8(tmp_path: Path, codec: str) -> None:
    [error] = errors(read(tmp_path, "notes.txt", "Le président a dit : « 5 € ».\n中文".encode(codec)))
    assert str(error).startswith(
        f"{tmp_path / 'notes.txt'}: looks like UTF-16 text without a byte order mark"
    )
    assert "save it as UTF-8" in error.reason
    [binary] = errors(read(tmp_path, "blob.txt", b"\x00\x01\x02PK\x03\x04" * 50))
    assert "UTF-16" not in binary.reason.split(";")[0]


def test_spans_after_several_boms_are_shifted_by_all_of_them(tmp_path: Path) -> None:
    raw = "\ufeff\ufeffPrices rose 5% today. Officials agreed."
    start = raw.index("Prices")
    line = {"text": raw, "label": [[start, start + 14, "factual"]]}
    [draft] = drafts(read(tmp_path, "b.jsonl", json.dumps(line)))
    [claim] = draft.claims
    assert draft.text[claim.start : claim.end] == "Prices rose 5%"


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.text(alphabet="ab \r\n\ufeff", min_size=1, max_size=30), data=st.data())
def test_any_span_reads_the_same_words_after_normalising(
    tmp_path: Path, raw: str, data: st.DataObject
) -> None:
    """Whatever BOMs and line endings the file's text has, a span keeps its words."""
    letters = [i for i, char in enumerate(raw) if char in "ab"]
    assume(letters)
    start = data.draw(st.sampled_from(letters))
    end = data.draw(st.sampled_from([i + 1 for i in letters if i >= start]))
    line = {"text": raw, "label": [[start, end, "factual"]]}
    [draft] = drafts(read(tmp_path, "p.jsonl", json.dumps(line)))
    [claim] = draft.claims
    assert draft.text[claim.start : claim.end] == raw[start:end].replace("\r\n", "\n").replace("\r", "\n")


def test_null_names_and_notes_are_missing_not_the_word_none(tmp_path: Path) -> None:
    line = {"text": "Null note.", "title": None, "spans": [
        {"start": 0, "end": 4, "label": "factual", "note": None, "annotator": None}]}  # fmt: skip
    [draft] = drafts(read(tmp_path, "n.jsonl", json.dumps(line)))
    assert draft.claims == (ClaimDraft(0, 4, ClaimLabel.FACTUAL, annotator="", note=""),)
    assert draft.title == guess_title("Null note.", "n line 1")


def test_a_title_that_is_not_text_stays_in_the_metadata(tmp_path: Path) -> None:
    line = {"text": "Prodigy task.", "meta": {"title": 2024, "source": "wire"}}
    [draft] = drafts(read(tmp_path, "m.jsonl", json.dumps(line)))
    assert draft.title == guess_title("Prodigy task.", "m line 1")
    assert (draft.source, draft.meta) == ("wire", {"title": 2024})


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_jsonl_lines_may_end_in_any_line_ending(tmp_path: Path, ending: str) -> None:
    data = ending.join(['{"text": "one"}', '{"text": "two\u2028still two"}', "", "{bad"]) + ending
    results = read(tmp_path, "e.jsonl", data)
    assert [d.text for d in results if isinstance(d, ArticleDraft)] == ["one", "two\u2028still two"]
    [error] = errors(results)
    assert error.line == 4


def test_jsonl_files_joined_with_their_byte_order_marks_read_every_line(tmp_path: Path) -> None:
    """`cat a.jsonl b.jsonl` of files saved by Windows tools leaves b's byte order mark at the
    start of a line: that good line was refused as "Unexpected UTF-8 BOM (decode using
    utf-8-sig)", a parser's advice no one importing could follow."""
    first = '\ufeff{"text": "The council approved the budget."}\n'
    second = '\ufeff{"text": "The harbour reopened.", "title": "Harbour"}\r\n'
    results = read(tmp_path, "joined.jsonl", first + second)
    assert [(d.text, d.title, d.line) for d in drafts(results)] == [
        (
            "The council approved the budget.",
            guess_title("The council approved the budget.", "joined line 1"),
            1,
        ),
        ("The harbour reopened.", "Harbour", 2),
    ]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        (
            "long.jsonl",
            "".join(
                json.dumps({"text": f"Article {n}. " + "Prices rose, he said. " * 400}) + "\n"
                for n in range(200)
            ),
        ),
        ("one.txt", "A headline\n\n" + "Prices rose, the minister said on Tuesday. " * 60_000),
    ],
)
def test_a_large_file_is_read_holding_its_text_about_twice(tmp_path: Path, name: str, body: str) -> None:
    """A file's text and the articles made of it are held while it is read, not its bytes and a
    list of its lines besides: a 180 MB JSON Lines file of long articles peaked at 740 MB, four
    times its size. Python's own allocations are counted, never time."""
    import tracemalloc

    from annotator.formats.readers import read_file

    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    list(read_file(path))  # what the first read loads once is not counted
    tracemalloc.start()
    try:
        results = list(read_file(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(drafts(results)) == (200 if name.endswith(".jsonl") else 1)
    assert sum(len(draft.text) for draft in drafts(results)) > 0.9 * len(body)
    assert peak < 2.5 * path.stat().st_size


def test_a_large_csv_read_as_it_goes_holds_its_text_about_twice(tmp_path: Path) -> None:
    """A CSV's rows were parsed from a copy of its text made for the `csv` module, four bytes a
    character: a 65 MB file of 1,000,000 rows took 0.26 GB more than its text to read. Python's
    own allocations are counted, never time."""
    import tracemalloc

    from annotator.formats.readers import read_file

    path = tmp_path / "rows.csv"
    rows = 20_000
    body = "title,text,source\n" + "".join(
        f'T{n},"Row {n}: the minister said, on Tuesday, that ""prices""\nwould rise.",wire{n % 50}\n'
        for n in range(rows)
    )
    path.write_text(body, encoding="utf-8")
    list(read_file(path, as_read=True))  # what the first read loads once is not counted
    read = 0
    tracemalloc.start()
    try:
        for result in read_file(path, as_read=True):
            assert isinstance(result, ArticleDraft), result
            read += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read == rows
    [last] = drafts(list(read_file(path)))[-1:]
    assert (last.text, last.line) == (
        f'Row {rows - 1}: the minister said, on Tuesday, that "prices"\nwould rise.',
        2 * rows,
    )
    assert peak < 2.5 * path.stat().st_size


def test_a_csv_with_no_column_of_article_text_says_so_instead_of_the_rename_advice() -> None:
    """A folder of articles often carries an index (file, url, date, title): it has no 'text'
    column because it has no text at all, so telling people to rename a column misleads."""
    data = (FORMATS / "wikinews-index.csv").read_bytes()
    [error] = errors(list(read_bytes(data, "in/index.csv")))
    assert error.path == "in/index.csv" and error.line is None
    assert error.reason.startswith(
        "the file has no column of article text (columns: 'file', 'url', 'date', 'title', 'chars', "
        "'features'): is it a list of files or a spreadsheet of something else?"
    )
    assert "--text-column" not in error.reason and "rename" not in error.reason
    [error] = errors(list(read_bytes(data, "in/index.csv", text_column="body")))
    assert "no column of article text" in error.reason


@pytest.mark.parametrize(
    "cell",
    [
        "A council spokesperson said 300 jobs would go.",  # a sentence, as NewsSD's rows are
        "It rained. Then it stopped.",  # several sentences
        " ".join(["word"] * 45),  # long prose, however punctuated
    ],
)
def test_a_csv_whose_text_column_is_named_otherwise_keeps_the_rename_advice(cell: str) -> None:
    data = f'name,body\nx,"{cell}"\n'.encode()
    [error] = errors(list(read_bytes(data, "wire.csv")))
    assert error.reason.startswith("no 'text' column (columns: 'name', 'body')")
    assert error.reason.endswith("choose the text column with --text-column")


def prodigy_line(
    text: str, session: str | None, spans: list[dict[str, object]], answer: str = "accept"
) -> str:
    """One line of `prodigy db-out`, as Prodigy writes it for a session of a dataset."""
    task: dict[str, object] = {"text": text, "spans": spans, "answer": answer, "_view_id": "spans_manual"}
    if session is not None:
        task |= {"_session_id": session, "_annotator_id": session}
    return json.dumps(task) + "\n"


def test_a_prodigy_session_names_the_person_whose_claims_a_line_holds(tmp_path: Path) -> None:
    """`prodigy db-out` of a dataset several people labelled: each line is "<dataset>-<session>"'s,
    and its claims were everyone's and no one's ("imported")."""
    span = [{"start": 0, "end": 4, "label": "factual"}]
    lines = [
        prodigy_line("Rain.", "news-claims-alice", span),
        prodigy_line("Rain.", "news-claims-bob", [{**span[0], "annotator": "carol"}]),
        prodigy_line("Snow.", "news-claims-2024-05-01_12-30-05", span),  # unnamed: Prodigy's start time
        prodigy_line("Hail.", None, span),
    ]
    results = drafts(read(tmp_path, "team.jsonl", "".join(lines)))
    assert [d.annotator for d in results] == ["alice", "bob", "", ""]
    assert [[c.annotator for c in d.claims] for d in results] == [["alice"], ["carol"], [""], [""]]
    # One person's export: the dataset cannot be told from the others', so it ends at the first "-".
    [alone] = drafts(read(tmp_path, "alice.jsonl", prodigy_line("Rain.", "claims-alice", span)))
    assert (alone.annotator, alone.claims[0].annotator) == ("alice", "alice")
    bad = read(tmp_path, "bad.jsonl", prodigy_line("Rain.", "claims-\x1b[2Jalice", span))
    assert [e.reason for e in errors(bad)] == [
        "'_session_id' contains a control character (U+001B); a name is plain text"
    ]


def test_a_doccano_lines_list_of_suggestions_of_another_shape_is_refused_naming_it() -> None:
    """`meta.suggested_entities` is our export's: a value edited into another shape read as
    nothing would bring the suggestions back as accepted by a person without a word."""
    line = {
        "text": "John Smith spoke.",
        "label": [[0, 10, "PERSON"]],
        "meta": {"suggested_entities": [0, 10]},
    }
    [result] = list(read_bytes(json.dumps(line).encode("utf-8"), "d.jsonl"))
    assert isinstance(result, InputFileError) and result.line == 1
    assert result.reason.startswith("meta.suggested_entities must be a list of [start, end, label] triples")
    line["meta"] = {"suggested_entities": [[0, 10, "PERSON"]], "title": "T"}
    [draft] = list(read_bytes(json.dumps(line).encode("utf-8"), "d.jsonl"))
    assert isinstance(draft, ArticleDraft)
    assert [(e.label, e.status.value) for e in draft.entities] == [("PERSON", "suggested")]
    assert "suggested_entities" not in draft.meta
