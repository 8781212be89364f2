"""Properties that must hold for any input, checked over generated text.

- nothing but a DebateprepError ever escapes the library entry point;
- every prompt's claim points at a sentence whose offsets slice the input to
  exactly that sentence's text;
- the JSON output of a second run is identical to the first.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import debateprep
from debateprep.contract import analysis_to_json
from debateprep.errors import DebateprepError
from debateprep.read import parse_html

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

words = st.sampled_from(
    """the a schools should must because if only after Mr. Dr. U.S. e.g. etc. however
    but so students teachers uniforms cost money war peace Putin Kremlin never always
    “quoted” ‘single’ (aside) — … 1. 2) 3 42 said argues unless therefore Why? No!
    can’t won't""".split()
)
sentence = st.builds(
    lambda head, tail, end: " ".join([head.capitalize(), *tail]) + end,
    words, st.lists(words, max_size=12), st.sampled_from([".", "?", "!", "…", ".”", "", ":"]),
)
prose_line = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
markdown_line = st.one_of(
    prose_line,
    st.just(""),
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), prose_line),
    st.builds(lambda mark, text: mark + " " + text, st.sampled_from(["-", "*", "+", "1.", "12)"]), prose_line),
    st.builds(lambda depth, text: ">" * depth + " " + text, st.integers(1, 4), prose_line),
    st.builds(lambda depth, text: "  " * depth + "- " + text, st.integers(1, 6), prose_line),
    st.sampled_from(["> Nov 10th 2022", "By Jane Doe", "![image](x.png)", "■", "____", "* * *", "\t", "\r"]),
)
line_break = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x0c", "\n\n"])
markdown_text = st.builds(
    lambda lines, newline: newline.join(lines), st.lists(markdown_line, max_size=25), line_break
)
# Arbitrary text, plus prose salted with any characters at all.
any_text = st.one_of(st.text(max_size=400), st.builds(lambda a, b: a + b + a, markdown_text, st.text(max_size=20)))


def analyze_or_refuse(text, **options):
    try:
        return debateprep.analyze(text, **options)
    except DebateprepError:
        return None


def assert_offsets_slice_the_input(analysis, text):
    assert analysis.document.text == text
    for sentence in analysis.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    for prompt in analysis.prompts:
        claim_sentence = prompt.claim.sentence
        assert claim_sentence in analysis.sentences
        assert text[claim_sentence.start:claim_sentence.end] == claim_sentence.text


@PROPERTY_SETTINGS
@given(any_text)
def test_arbitrary_text_is_analysed_or_refused_cleanly(text):
    for markdown in (True, False):
        analysis = analyze_or_refuse(text, markdown=markdown)
        if analysis is not None:
            assert_offsets_slice_the_input(analysis, text)


@PROPERTY_SETTINGS
@given(markdown_text)
def test_markdown_offsets_are_exact_and_output_is_stable(text):
    analysis = analyze_or_refuse(text)
    if analysis is None:
        return
    assert_offsets_slice_the_input(analysis, text)
    assert analysis_to_json(analysis) == analysis_to_json(debateprep.analyze(text))


html_piece = st.one_of(
    prose_line,
    st.sampled_from([
        "<p>", "</p>", "<li>", "</li>", "<blockquote>", "</blockquote>", "<h1>", "</h1>", "<h2>",
        "</h2>", "<br>", "<b>", "</b>", "<script>alert(1)</script>", "<style>p{}</style>",
        "<!-- note -->", "&amp;", "&rsquo;", "&#8212;", "&bogus;", "<time>", "</time>", "<title>",
        "<nav>", "</nav>", "<meta name=description content='x'>", "<", ">", "<p class='a", "\n",
    ]),
)


@PROPERTY_SETTINGS
@given(st.one_of(st.lists(html_piece, max_size=30).map("".join), st.text(max_size=200)))
def test_html_is_read_or_refused_cleanly_and_offsets_index_the_extracted_text(source):
    try:
        document = parse_html(source, "page.html")
    except DebateprepError:
        return
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start:paragraph.end] == paragraph.text
        assert paragraph.text and paragraph.text == paragraph.text.strip()


# Regexes in RE2 syntax, built from the pieces rule packs use and the ones that trip scanners up.
regex_atom = st.sampled_from([
    "a", "b", "ab", ".", r"\w", r"\s", r"\d", r"\.", r"\?", r"\{", r"\(", r"\b", r"\pL", r"\x{61}",
    "[ab]", "[^a,]", "[]a]", "[^]b]", r"[{1,2}]", "[[:alpha:]]", r"[\]a]", "—", "“", r"\Qa(b{1,2}\E",
])
quantifier = st.sampled_from(["", "", "*", "+", "?", "*?", "+?", "{2}", "{0,3}", "{1,2}?", "{2,}", "{1,4}"])


@st.composite
def regexes(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.booleans()):
            name = f"s{draw(st.integers(0, 9))}"
            opening = draw(st.sampled_from(["(", "(?:", "(?i:", f"(?P<{name}>", f"(?<{name}>"]))
            inner = draw(regexes(depth + 1))
            if draw(st.booleans()):
                inner += "|" + draw(regexes(depth + 1))
            part = opening + inner + ")"
        else:
            part = draw(regex_atom)
        parts.append(part + draw(quantifier))
    return draw(st.sampled_from(["", "(?i)", "^"])) + "".join(parts)


@PROPERTY_SETTINGS
@given(regexes(), st.lists(st.text(alphabet="ab ,.?{}()]—“12", max_size=30), min_size=1, max_size=8))
def test_relaxed_and_counted_forms_find_what_the_pattern_finds(source, texts):
    """The engine's two cheaper forms of a pattern: the relaxed one matches wherever the
    pattern does, and searching through the counted one gives the pattern's own match."""
    import re2

    from debateprep.patterns import PatternError, SlotSearch, compile_regex, relaxed

    try:
        exact = compile_regex(source, on_bytes=True)
    except PatternError:
        return  # duplicate group names and the like: refused at load, never indexed
    screen = re2.compile(relaxed(source).encode("utf-8"))
    search = SlotSearch(source)
    for text in texts:
        data = text.encode("utf-8")
        expected, found = exact.search(data), search.search(data)
        if expected:
            assert screen.search(data)
        assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))
