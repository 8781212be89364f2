"""HTML input: text only — scripts and styles are never kept, markup never leaks into prompts."""

import json

import pytest

from debateprep.errors import DebateprepError
from debateprep.read import parse_html, read_path

PAGE = """<!DOCTYPE html>
<html><head><title>Late hours | The Campus Paper</title>
<meta name="description" content="Why  the library should stay open">
<style>p { color: red } .secret::after { content: "STYLE-TEXT" }</style>
<script>alert(1); document.write("<p>SCRIPT-TEXT</p>")</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Libraries should open late</h1>
<p><time datetime="2024-03-01">March 1st 2024</time></p>
<p>Students need a quiet place &amp; time to study. They don&rsquo;t have one at home.</p>
<!-- <p>COMMENT-TEXT</p> -->
<blockquote><p>The library is the <em>last <b>free</b></em> space.</p></blockquote>
<h3>What to do</h3>
<ul><li>Open until midnight.</li><li>Hire two more staff.</li></ul>
<script>var x = "<p>SCRIPT-TEXT</p>";</script>
</article>
<footer>Copyright 2024</footer>
</body></html>
"""


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return read_path(str(path))


def test_scripts_styles_comments_and_navigation_are_never_kept(page):
    everything = page.text + "".join([page.title, page.subtitle, page.date, page.byline])
    for leaked in ("SCRIPT-TEXT", "alert", "STYLE-TEXT", "color", "COMMENT-TEXT", "Home", "Copyright"):
        assert leaked not in everything


def test_paragraphs_come_from_p_li_and_blockquote_with_entities_decoded(page):
    assert [p.text for p in page.paragraphs] == [
        "Students need a quiet place & time to study. They don’t have one at home.",
        "The library is the last free space.",
        "Open until midnight.",
        "Hire two more staff.",
    ]


def test_metadata_from_h1_meta_description_and_time(page):
    assert page.title == "Libraries should open late"
    assert page.subtitle == "Why the library should stay open"
    assert page.date == "March 1st 2024"


def test_offsets_index_the_extracted_text(page):
    assert page.text == "\n\n".join(p.text for p in page.paragraphs)
    for paragraph in page.paragraphs:
        assert page.text[paragraph.start:paragraph.end] == paragraph.text


def test_title_falls_back_to_the_title_element_and_h2_is_the_subtitle():
    doc = parse_html(
        "<title>Uniforms</title><h1>Uniforms help</h1><h2>A view from class 9</h2>"
        "<p>By Sam Lee</p><p>Uniforms save money.</p>"
    )
    assert (doc.title, doc.subtitle, doc.byline) == ("Uniforms help", "A view from class 9", "By Sam Lee")
    assert [p.text for p in doc.paragraphs] == ["Uniforms save money."]
    assert parse_html("<title>Only a title</title><p>Some text.</p>").title == "Only a title"


def test_headings_and_line_breaks_inside_the_body():
    doc = parse_html("<p>First part<h2>Aside</h2>second part.</p><p>Line one<br>line two.</p>")
    assert [p.text for p in doc.paragraphs] == ["First part", "second part.", "Line one\nline two."]


def test_broken_markup_is_still_read():
    doc = parse_html("<div><p>Unclosed paragraph <b>bold <i>both</div><p>Next one.")
    assert [p.text for p in doc.paragraphs] == ["Unclosed paragraph bold both", "Next one."]


def test_a_page_of_only_scripts_has_no_body_text():
    with pytest.raises(DebateprepError, match="page.html: has no body text"):
        parse_html("<html><script>alert(1)</script><style>p{}</style></html>", "page.html")


def test_html_on_standard_input_is_recognised(run):
    result = run("analyze", "-", "--format", "json", input=PAGE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"]["title"] == "Libraries should open late"
    assert not any("SCRIPT-TEXT" in claim["text"] or "<" in claim["text"] for claim in data["claims"])


def test_markup_on_standard_input_without_a_doctype_stays_markdown(run):
    result = run("analyze", "-", "--format", "json", input="Use <b>bold</b> sparingly. It shouts.\n")
    assert result.exit_code == 0, result.output
    assert any(claim["text"].startswith("Use <b>bold</b>") for claim in json.loads(result.output)["claims"])


def test_library_reads_html_too():
    import debateprep

    page = "<!doctype html><html><body><h1>Buses</h1><p>Fares should fall because riders are leaving.</p></body></html>"
    analysis = debateprep.analyze(page, name="page.html")
    assert analysis.document.title == "Buses"
    assert debateprep.analyze(page).document.title == "Buses"  # unnamed text is sniffed
    assert [s.text for s in analysis.sentences] == ["Fares should fall because riders are leaving."]
