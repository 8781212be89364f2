"""Worksheets and drills in every format, the override mechanism and the sandbox."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from conftest import ROOT, SEED

EXAMPLES = ROOT / "docs" / "examples"


def pdf_pages(path):
    return [page.extract_text() for page in PdfReader(path).pages]


def md_structure(markdown):
    """(level, heading) pairs and list items, from a Markdown document."""
    headings = re.findall(r"^(#{1,6}) (.+)$", markdown, flags=re.M)
    items = re.findall(r"^- (.+)$", markdown, flags=re.M)
    return [(len(h), text) for h, text in headings], items


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.classes, self.text, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.classes.extend((dict(attrs).get("class") or "").split())

    def handle_data(self, data):
        self.text.append(data)


def parse_html(html):
    parser = Elements()
    parser.feed(html)
    return parser


def test_worksheet_json_is_the_versioned_model_every_format_shows(run):
    data = json.loads(run("worksheet", SEED, "-f", "json").output)
    assert data["schema"] == "debateprep.worksheet/1"
    md = run("worksheet", SEED).output
    for claim in data["claims"]:
        assert f"### {claim['number']}. {claim['ref']}" in md
        assert claim["text"] in md
        for prompt in claim["prompts"]:
            assert prompt["text"] in md


def test_markdown_worksheet_structure(run):
    headings, items = md_structure(run("worksheet", SEED, "--max-claims", "3", "--prompts-per-side", "1").output)
    level2 = [text for level, text in headings if level == 2]
    assert level2[:3] == ["The author's thesis", "Opening question", "Key claims"]
    assert level2[-2:] == ["Closing question", "Reflection"]
    claims = [text for level, text in headings if level == 3]
    assert len(claims) == 3 and all(re.fullmatch(r"\d\. ¶\d+\.\d+", c) for c in claims)
    assert len(items) == 6 and sum("Pro:" in i for i in items) == 3


def test_teacher_edition_lists_prompts_by_scheme(run):
    data = json.loads(run("worksheet", SEED, "--teacher", "-f", "json").output)
    md = run("worksheet", SEED, "--teacher").output
    tail = md.split("## All prompts by scheme", 1)[1]
    for group in data["by_scheme"]:
        assert f"### {group['scheme']}" in tail
    assert "Role:" in md and data["claims"][0]["prompts"][0]["explain"] in md
    assert "All prompts by scheme" not in run("worksheet", SEED).output


def test_html_worksheet_parses_and_escapes_essay_text(run, tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_text(
        "# Phones <script>alert(1)</script> in class\n\n"
        "Schools should ban phones because phones distract students from lessons. "
        "Teachers must act now, since attention is falling.\n\n"
        "As long as phones are in pockets there will be no focus. Therefore schools should ban them.\n",
        encoding="utf-8",
    )
    html = run("worksheet", essay, "-f", "html").output
    parsed = parse_html(html)
    assert "script" not in parsed.tags
    assert "Phones <script>alert(1)</script> in class" in "".join(parsed.text)
    assert {"prompt", "answer"} <= set(parsed.classes)


def test_pdf_worksheet_text_pages_and_paper(run, tmp_path):
    a4, letter = tmp_path / "a4.pdf", tmp_path / "letter.pdf"
    assert run("worksheet", SEED, "-o", a4).exit_code == 0
    assert run("worksheet", SEED, "-f", "pdf", "-o", letter, "--paper", "letter").exit_code == 0
    pages = pdf_pages(a4)
    assert len(pages) >= 2
    text = "\n".join(pages)
    assert "Mikhail Khodorkovsky says now is no time" in text
    assert f"Page 1 of {len(pages)}" in pages[0] and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert "¶13.5" in text and "“" in text
    width = float(PdfReader(letter).pages[0].mediabox.width)
    assert round(width) == 612 and round(float(PdfReader(a4).pages[0].mediabox.width)) == 595


def test_pdf_essay_text_is_data_not_markup(run, tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_text(
        '# A #set page(fill: red) title ] with [*markup*] and $x$ "quotes"\n\n'
        "Schools should ban phones because phones distract students from lessons #pagebreak().\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.pdf"
    assert run("worksheet", essay, "-o", out).exit_code == 0
    text = " ".join(pdf_pages(out))
    assert "#set page(fill: red) title ] with [*markup*] and $x$" in " ".join(text.split())


def test_drills_same_seed_same_bytes_and_flip(run):
    first = run("drills", SEED, "--seed", "4").output
    assert first == run("drills", SEED, "--seed", "4").output
    data = json.loads(run("drills", SEED, "--seed", "4", "-f", "json").output)
    plain = json.loads(run("drills", SEED, "-f", "json").output)
    assert data["schema"] == "debateprep.drills/1"
    assert sorted(r["claim"]["ref"] for r in data["rounds"]) == sorted(r["claim"]["ref"] for r in plain["rounds"])
    orders = {tuple(r["claim"]["ref"] for r in json.loads(run("drills", SEED, "--seed", s, "-f", "json").output)["rounds"])
              for s in range(5)}
    assert len(orders) > 1
    for round_ in data["rounds"]:
        against, rebuttal = round_["steps"]
        assert against["prompt"]["side"] == "con" and rebuttal["prompt"]["side"] == "pro"
        assert f"The author argues: “{round_['claim']['text']}”" in first
    flipped = run("drills", SEED, "--flip").output
    assert "Argue the side you disagree with" in flipped and "If you disagree, argue for the author" in flipped


def test_drill_cards_pdf_has_several_cards_per_page(run, tmp_path):
    out = tmp_path / "cards.pdf"
    assert run("drills", SEED, "--cards", "-o", out).exit_code == 0
    pages = pdf_pages(out)
    rounds = len(json.loads(run("drills", SEED, "-f", "json").output)["rounds"])
    assert len(pages) < rounds
    assert all(page.count("The author argues") >= 2 for page in pages[:-1])
    assert "The author argues" in run("drills", SEED, "--cards", "-f", "html").output


@pytest.fixture
def custom(tmp_path):
    """A user folder overriding one shared partial block, one Markdown block and the PDF style."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "_macros.j2").write_text(
        (ROOT / "debateprep" / "templates" / "_macros.j2").read_text(encoding="utf-8").replace(
            "Section: ", "Desk: "), encoding="utf-8")
    (folder / "worksheet.md.j2").write_text(
        '{% extends "builtin/worksheet.md.j2" %}\n{% block reflection %}\n## Exit ticket\n{% endblock %}\n',
        encoding="utf-8")
    style = (ROOT / "debateprep" / "templates" / "style.typ").read_text(encoding="utf-8")
    (folder / "style.typ").write_text(
        style.replace("Page #counter(page).get().first() of", "Sheet #counter(page).get().first() of"),
        encoding="utf-8")
    return folder


def test_override_reaches_every_format_that_uses_it(run, custom, tmp_path):
    md = run("worksheet", SEED, "--templates", custom).output
    html = run("worksheet", SEED, "--templates", custom, "-f", "html").output
    drills = run("drills", SEED, "--templates", custom).output
    for text in (md, html, drills):
        assert "Desk: Russia and Ukraine" in text and "Section: Russia" not in text
    assert "## Exit ticket" in md and "## Reflection" not in md and "## Key claims" in md
    pdf = tmp_path / "w.pdf"
    assert run("worksheet", SEED, "--templates", custom, "-o", pdf).exit_code == 0
    assert "Sheet 1 of" in pdf_pages(pdf)[0]
    listing = run("templates", "list", "--templates", custom).output
    assert re.search(r"style\.typ\s+overridden by", listing)
    assert re.search(r"worksheet\.html\.j2\s+built-in", listing)


def test_templates_list_shows_the_config_files_folders_too(run, custom, tmp_path):
    config = tmp_path / "settings.yaml"
    config.write_text(f"templates: ['{custom}']\n", encoding="utf-8")
    listing = run("--config", config, "templates", "list").output
    assert re.search(r"style\.typ\s+overridden by", listing)


def test_templates_init_copies_builtins_that_render_unchanged(run, tmp_path):
    folder = tmp_path / "tpl"
    assert run("templates", "init", folder).exit_code == 0
    assert (folder / "README.md").exists() and (folder / "style.typ").exists()
    assert run("worksheet", SEED, "--templates", folder).output == run("worksheet", SEED).output
    assert run("templates", "init", folder).exit_code == 1


@pytest.mark.parametrize("body, message", [
    ("{{ nosuch }}", r"worksheet\.md\.j2:2: 'nosuch' is undefined"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", r"worksheet\.md\.j2:2: not allowed in a template"),
    ('{% include "/etc/passwd" %}', r"worksheet\.md\.j2:2: template not found"),
    ("{% if %}", r"worksheet\.md\.j2:2: "),
    ("{{ 'x' * 2**62 }}", r"worksheet\.md\.j2:2: not allowed in a template: \* building something longer than 1,000,000"),
    ("{% set s = 'ab' %}" + "{% set s = s ~ s %}" * 40 + "{{ s }}", r"worksheet\.md\.j2:2: not allowed in a template: ~ building"),
    ("{{ 'x'|center(10**9) }}", r"worksheet\.md\.j2:2: not allowed in a template: center with a size over 10,000"),
    ("{{ '%1000000000s'|format('x') }}", r"worksheet\.md\.j2:2: not allowed in a template: format with a width over"),
    ("{{ '{:1000000000}'.format('x') }}", r"worksheet\.md\.j2:2: not allowed in a template"),
    ("{{ range(10)|slice(10**9)|list|length }}", r"worksheet\.md\.j2:2: not allowed in a template: slice with a size"),
    ("{{ 10.0**400 }}", r"worksheet\.md\.j2:2: template failed: OverflowError"),
    ("{{ " + "(" * 300 + "1" + ")" * 300 + " }}", r"worksheet\.md\.j2: template failed: nested too deeply"),
    ("{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}", r"worksheet\.md\.j2:2: template failed: nested too deeply"),
    ("{{ 'a'|xmlattr }}", r"worksheet\.md\.j2:2: template failed: AttributeError"),
    ("{{ 'x'|truncate(1) }}", r"worksheet\.md\.j2:2: template failed: AssertionError"),
    ("{{ cycler().next() }}", r"worksheet\.md\.j2:2: template failed: RuntimeError"),
    ("{{ 'x'.ljust(10**9) }}", r"worksheet\.md\.j2:2: 'str object' has no attribute 'ljust'|not allowed in a template"),
    ("{{ '%*d'|format(10**9, 1) }}", r"worksheet\.md\.j2:2: not allowed in a template: format with a width over"),
    ("{% set s = 'ab' %}" + "{% set s = s|join(s) %}" * 6 + "{{ s }}", r"worksheet\.md\.j2:2: not allowed in a template: join building"),
    ("{{ ('x' * 10000)|replace('x', 'y' * 1000)|length }}", r"worksheet\.md\.j2:2: not allowed in a template: replace building"),
    ("{{ 'x'.replace('x', 'y') }}", r"worksheet\.md\.j2:2: 'str object' has no attribute 'replace'|not allowed in a template"),
    ("{{ 'ab'.join('ab') }}", r"worksheet\.md\.j2:2: 'str object' has no attribute 'join'|not allowed in a template"),
])
def test_bad_user_template_is_one_line_with_file_and_line(run, tmp_path, body, message):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "worksheet.md.j2").write_text("fine\n" + body + "\n", encoding="utf-8")
    result = run("worksheet", SEED, "--templates", folder)
    assert result.exit_code == 1
    assert re.search(message, result.output) and "root:" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_template_that_never_ends_is_stopped(run, tmp_path, monkeypatch):
    from debateprep import sandbox

    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "worksheet.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\n", encoding="utf-8")
    result = run("worksheet", SEED, "--templates", folder)
    assert result.exit_code == 1
    assert result.output == "debateprep: template worksheet.md.j2: stopped after 0.5 s (a loop that never ends?)\n"


def test_typst_error_in_user_style_names_file_and_line(run, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "style.typ").write_text("#let ink = black\n#let page-style(body) = {\n  oops(\n}\n", encoding="utf-8")
    result = run("worksheet", SEED, "--templates", folder, "-o", tmp_path / "w.pdf")
    assert result.exit_code == 1
    assert re.search(r"bad/style\.typ:\d+: ", result.output)
    assert not (tmp_path / "w.pdf").exists()


def user_style(tmp_path, addition):
    """A user folder whose style.typ is the built-in one with `addition` after it."""
    folder = tmp_path / "mine"
    folder.mkdir()
    style = (ROOT / "debateprep" / "templates" / "style.typ").read_text(encoding="utf-8")
    (folder / "style.typ").write_text(style + addition, encoding="utf-8")
    return folder


def test_a_user_style_compiles_to_the_same_bytes_as_the_builtin(run, tmp_path):
    """A user's Typst files compile in a child process; the PDF is the same as in-process."""
    mine, builtin = tmp_path / "mine.pdf", tmp_path / "builtin.pdf"
    assert run("worksheet", SEED, "--templates", user_style(tmp_path, ""), "-o", mine).exit_code == 0
    assert run("worksheet", SEED, "-o", builtin).exit_code == 0
    assert mine.read_bytes() == builtin.read_bytes()


def test_a_user_style_that_never_ends_is_stopped(run, tmp_path, monkeypatch):
    from debateprep import sandbox

    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 0.5)
    folder = user_style(tmp_path, "#let n = 0\n#for i in range(100000) { for j in range(100000) { n = n + 1 } }\n")
    result = run("worksheet", SEED, "--templates", folder, "-o", tmp_path / "w.pdf")
    assert result.exit_code == 1
    assert result.output == "debateprep: the worksheet PDF: stopped after 0.5 s (a loop that never ends?)\n"
    assert not (tmp_path / "w.pdf").exists()


def test_a_user_style_that_exhausts_memory_is_stopped(run, tmp_path):
    folder = user_style(tmp_path, "#let many = range(1000000000)\n#many.len()\n")
    result = run("drills", SEED, "--templates", folder, "-o", tmp_path / "d.pdf")
    assert result.exit_code == 1
    assert result.output.startswith("debateprep: the drills PDF: Typst stopped without a PDF (out of memory?")
    assert not (tmp_path / "d.pdf").exists()


def test_user_style_cannot_read_files_outside_its_folder(run, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    folder = user_style(tmp_path, f'\n#let leaked = read("{secret}")\n')
    result = run("worksheet", SEED, "--templates", folder, "-o", tmp_path / "w.pdf")
    assert result.exit_code == 1 and "style.typ" in result.output


def test_pdf_needs_an_output_file(run):
    result = run("worksheet", SEED, "-f", "pdf")
    assert result.exit_code == 1 and "-o" in result.output


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("examples")
    subprocess.run([sys.executable, str(EXAMPLES / "regenerate.py"), "--out", str(out)], check=True,
                   capture_output=True)
    return out


@pytest.mark.parametrize("name", ["worksheet", "worksheet-teacher", "drills", "drill-cards"])
def test_committed_examples_are_current(regenerated, name):
    """Fails when templates or engine changed without `python docs/examples/regenerate.py`."""
    assert (regenerated / f"{name}.md").read_bytes() == (EXAMPLES / f"{name}.md").read_bytes()
    assert pdf_pages(regenerated / f"{name}.pdf") == pdf_pages(EXAMPLES / f"{name}.pdf")


def test_markdown_active_characters_in_the_essay_print_as_themselves(tmp_path, run):
    essay = tmp_path / "stars.md"
    essay.write_text(
        "# Fares\n\nCity buses *must* be free because the [old] fares_table punishes the poor.\n\n"
        "Free buses will cut traffic.\n", encoding="utf-8")
    sheet = run("worksheet", essay).output
    assert r"City buses \*must\* be free" in sheet
    assert r"\[old\] fares\_table" in sheet


@pytest.mark.parametrize("args", [("--templates", "nope"), ("--templates", "README.md")])
def test_a_templates_folder_that_is_not_there_is_an_error_not_the_builtin_look(run, args):
    result = run("worksheet", SEED, *args)
    assert result.exit_code == 1
    assert result.output == f"debateprep: {args[1]}: no such templates folder\n"


def test_a_template_linked_to_a_file_outside_its_folder_is_refused(run, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "secret.j2").symlink_to(secret)
    (folder / "worksheet.md.j2").write_text('{% include "secret.j2" %}\n', encoding="utf-8")
    result = run("worksheet", SEED, "--templates", folder)
    assert result.exit_code == 1 and "TOP SECRET" not in result.output
    assert "secret.j2 links to a file outside the templates folder" in result.output


@pytest.mark.parametrize("name, make, message", [
    ("secret.typ", lambda path: path.symlink_to("/etc/hostname"), "links to a file outside the templates folder"),
    ("zero.typ", lambda path: path.symlink_to("/dev/zero"), "links to a file outside the templates folder"),
    ("style.typ", lambda path: path.write_bytes(b"\xff\xfe not text"), "not UTF-8 text"),
    ("big.typ", lambda path: path.write_text("// x\n" * 300_000, encoding="utf-8"), "larger than 1024 KB"),
])
def test_a_typst_file_that_is_no_style_file_is_named_and_refused(run, tmp_path, name, make, message):
    folder = tmp_path / "mine"
    folder.mkdir()
    make(folder / name)
    result = run("worksheet", SEED, "--templates", folder, "-o", tmp_path / "w.pdf")
    assert result.exit_code == 1
    assert result.output == f"debateprep: {folder / name}: {message}\n"


def test_a_typst_error_is_one_short_line(run, tmp_path):
    folder = user_style(tmp_path, '#panic("first\\nsecond\\n" + "x" * 5000)\n')
    result = run("worksheet", SEED, "--templates", folder, "-o", tmp_path / "w.pdf")
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1 and len(result.output) < 500
