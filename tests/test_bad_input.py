"""Bad input, through the real command line: every case ends either in a valid
result or in one line on standard error that names the file, with exit code 1
and no traceback. `--format json` results are checked with the JSON contract."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED

RULE = """- id: {id}
  scheme: cause-to-effect
  explain: A test rule.
  match: [{match}]
  prompts: {{con: ["Is that really so?"]}}
"""


def debateprep(*args, input=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "debateprep", *map(str, args)],
        input=input, capture_output=True, cwd=cwd,
    )


def assert_refused(result, name, message):
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("debateprep: ") and str(name) in err and message in err, err
    assert not result.stdout


def analysis_of(result, text):
    """The JSON analysis, after checking its offsets slice `text` exactly."""
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    for claim in data["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
    return data


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.md", b"", "is empty"),
        ("blank.md", b"  \n\n \t \n", "is empty"),
        ("image.md", bytes(range(256)) * 4, "binary"),
        ("nul.txt", b"Plain words.\x00\x00\x00 More words.", "binary"),
        ("windows.txt", "Caf\u00e9 culture \u201cmatters\u201d.".encode("cp1252"), "not valid UTF-8"),
        ("scripts.html", b"<html><script>alert(1)</script><style>p{}</style></html>", "no body text"),
    ],
)
def test_bad_files_are_refused(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    for command in ("analyze", "worksheet"):
        assert_refused(debateprep(command, path), path, message)


def test_cp1252_is_refused_with_a_way_to_convert_it(tmp_path):
    path = tmp_path / "essay.txt"
    path.write_bytes("Schools \u2014 not parents \u2014 should decide.".encode("cp1252"))
    assert_refused(debateprep("analyze", path), path, "save it as UTF-8, e.g. `iconv -f cp1252")


def test_missing_file_and_empty_folder(tmp_path):
    assert_refused(debateprep("worksheet", "no/such/essay.md"), "no/such/essay.md", "no such file")
    assert_refused(debateprep("worksheet", tmp_path), tmp_path, "no essays found")
    assert_refused(debateprep("worksheet", SEED.parent), "-o FOLDER", "several essays need")


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_input_over_the_size_limit(tmp_path, source):
    data = b"Words and more words. " * 60_000  # 1.3 MB
    path = tmp_path / "big.md"
    path.write_bytes(data)
    if source == "file":
        result, name = debateprep("analyze", path, "--max-size", "1"), path
    else:
        result, name = debateprep("analyze", "-", "--max-size", "1", input=data), "<stdin>"
    assert_refused(result, name, "larger than the 1 MB input limit (raise it with --max-size MB)")


def test_max_size_raises_the_limit(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"Words and more words. " * 60_000)
    assert debateprep("analyze", path, "--max-size", "2", "--format", "json").returncode == 0


def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path):
    text = "Schools should start later. Teenagers who sleep more learn more."
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode("utf-16"))
    data = analysis_of(debateprep("analyze", path, "--format", "json"), text)
    assert {claim["text"] for claim in data["claims"]} == {
        "Schools should start later.", "Teenagers who sleep more learn more.",
    }


def test_a_5_mb_single_line_is_analysed(tmp_path):
    text = ("students learn more when schools start later " * 120_000)[: 5 * 1024 * 1024]
    path = tmp_path / "one-line.md"
    path.write_text(text, encoding="utf-8")
    data = analysis_of(debateprep("analyze", path, "--format", "json"), text)
    assert data["claims"] and data["source"]["words"] == len(text.split())


def test_100000_one_word_paragraphs_are_analysed(tmp_path):
    text = "\n\n".join(["Yes.", "No!", "Maybe?", "Schools."] * 25_000)
    path = tmp_path / "short.md"
    path.write_text(text, encoding="utf-8")
    data = analysis_of(debateprep("analyze", path, "--format", "json"), text)
    assert len(data["claims"]) == 100_000


def test_deeply_nested_lists_and_quotes_are_analysed(tmp_path):
    lists = "".join("  " * depth + f"- Point {depth} matters because schools decide.\n" for depth in range(300))
    quotes = "".join(">" * depth + f" Quote {depth} says uniforms save money.\n" for depth in range(1, 300))
    text = lists + "\n" + quotes
    path = tmp_path / "nested.md"
    path.write_text(text, encoding="utf-8")
    data = analysis_of(debateprep("analyze", path, "--format", "json"), text)
    assert any("Point 299 matters" in claim["text"] for claim in data["claims"])
    assert debateprep("worksheet", path).returncode == 0


def test_html_scripts_and_styles_are_never_kept(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!doctype html><title>Uniforms</title><style>body{color:red}</style>"
        "<p>Uniforms save families money.<script>alert('x')</script> They also end teasing.</p>",
        encoding="utf-8",
    )
    result = debateprep("analyze", path, "--format", "json")
    assert result.returncode == 0 and b"alert" not in result.stdout and b"color" not in result.stdout
    sheet = debateprep("worksheet", path)
    assert sheet.returncode == 0 and b"alert" not in sheet.stdout and b"<script" not in sheet.stdout


def test_output_over_the_input_is_refused(tmp_path):
    essay = tmp_path / "essay.md"
    essay.write_bytes(SEED.read_bytes())
    assert_refused(debateprep("worksheet", essay, "-o", essay, "--force"), essay, "over the input essay")
    assert essay.read_bytes() == SEED.read_bytes()


def test_existing_output_needs_force(tmp_path):
    output = tmp_path / "sheet.md"
    output.write_text("my notes\n")
    assert_refused(debateprep("worksheet", SEED, "-o", output), output, "already exists (use --force")
    assert output.read_text() == "my notes\n"
    assert debateprep("worksheet", SEED, "-o", output, "--force").returncode == 0
    assert output.read_text().startswith("# Seminar worksheet")


def test_output_folder_that_cannot_be_created(tmp_path):
    """A file where a folder should be: unwritable even for root."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("")
    output = blocker / "out" / "sheet.md"
    assert_refused(debateprep("worksheet", SEED, "-o", output), output, "cannot write")
    assert list(tmp_path.iterdir()) == [blocker]


def test_billion_laughs_rule_pack_is_refused(tmp_path):
    levels = ['    - &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"    - &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    pack = tmp_path / "rules" / "laughs.yaml"
    pack.parent.mkdir()
    pack.write_text(
        "- id: anchors\n  scheme: x\n  disable: true\n  tests:\n" + "\n".join(levels) + "\n"
        + RULE.format(id="bomb", match='"{effect} because {cause}"').replace(
            "explain: A test rule.", "explain: *l8"),
        encoding="utf-8",
    )
    assert_refused(debateprep("analyze", SEED, "--rules", pack.parent), pack, "YAML aliases expand")


@pytest.mark.parametrize("depth", [150, 5000])
def test_over_deep_rule_pack_is_refused(tmp_path, depth):
    """Refused the same way whether or not the YAML library's own recursion gives out first."""
    pack = tmp_path / "deep.yaml"
    pack.write_text("[" * depth + "]" * depth)
    assert_refused(debateprep("analyze", SEED, "--rules", pack), pack, "nest")


def test_catastrophic_backtracking_regex_runs_in_linear_time(tmp_path):
    """`(a+)+$` hangs a backtracking engine on "aaa…ab"; RE2 does not backtrack."""
    (tmp_path / "redos.yaml").write_text(RULE.format(id="redos", match='{regex: "(a+)+$"}'))
    text = "The claim is " + "a" * 50_000 + "b. Schools should act because time matters.\n"
    essay = tmp_path / "essay.md"
    essay.write_text(text)
    analysis_of(debateprep("analyze", essay, "--rules", tmp_path, "--format", "json"), text)


def test_a_special_file_named_with_force_is_written_to_not_replaced(tmp_path):
    """`-o /dev/null --force` once swapped the device for a regular file."""
    essay = tmp_path / "essay.md"
    essay.write_text("# Prices\n\nPrices rose because the harvest failed.\n", encoding="utf-8")
    result = debateprep("worksheet", essay, "-o", "/dev/null", "--force")
    assert result.returncode == 0, result.stderr.decode()
    assert Path("/dev/null").is_char_device()


def test_a_file_name_too_long_for_the_system_is_one_line(tmp_path):
    long = tmp_path / ("a" * 300 + ".md")
    assert_refused(debateprep("analyze", long), "a" * 60, "File name too long")


def test_a_file_name_that_is_not_utf8_is_shown_with_a_question_mark(tmp_path):
    name = os.fsdecode(b"e\xff.md")
    (tmp_path / name).write_text("# Prices\n\nPrices rose because the harvest failed.\n", encoding="utf-8")
    result = debateprep("analyze", tmp_path / name, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["source"]["path"].endswith("e?.md")


def test_a_long_run_of_marks_with_no_space_is_analysed(tmp_path):
    """40,000 question marks in a row took 19 s: every mark started a new try at the whole run."""
    essay = tmp_path / "marks.md"
    essay.write_text("# Marks\n\nIs this the end? " + "?" * 40_000 + "\n", encoding="utf-8")
    result = debateprep("analyze", essay, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()


def test_one_sentence_repeated_thousands_of_times_is_analysed(tmp_path):
    """Every sentence shares every word with every other: counted pair by pair, 8,000 of them took 18 s."""
    essay = tmp_path / "repeated.md"
    essay.write_text("# Prices\n\n" + "Prices rose because the harvest failed.\n\n" * 8000, encoding="utf-8")
    result = debateprep("analyze", essay, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    assert len(json.loads(result.stdout)["claims"]) == 8000


@pytest.mark.parametrize("value, message", [
    ("rules: 2021-13-45", "month must be in 1..12"),
    ("defaults: {drills: {seed: !!int abc}}", "invalid literal for int()"),
    ("defaults: {drills: {seed: " + "9" * 5000 + "}}", "Exceeds the limit"),
])
def test_a_yaml_value_that_cannot_be_built_is_one_line(tmp_path, value, message):
    config = tmp_path / "settings.yaml"
    config.write_text(value + "\n", encoding="utf-8")
    result = debateprep("--config", config, "rules", "list")
    error = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert error.startswith(f"debateprep: {config}: invalid YAML: a value cannot be read (")
    assert message in error and len(error.splitlines()) == 1


def test_a_heading_too_long_for_a_title_is_left_out_and_the_pdf_is_made(tmp_path):
    """A 600 KB "title" laid out as one took Typst gigabytes and crashed the process."""
    essay = tmp_path / "long-title.md"
    essay.write_text("# " + "Title words " * 50_000 + "\n\nWe must act because prices rose.\n", encoding="utf-8")
    data = json.loads(debateprep("analyze", essay, "--format", "json").stdout)
    assert data["source"]["title"] == ""
    result = debateprep("worksheet", essay, "-o", tmp_path / "w.pdf")
    assert result.returncode == 0 and (tmp_path / "w.pdf").stat().st_size > 0


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is not UTF-8 needs a byte-named file system")
def test_a_pack_whose_file_name_is_not_utf8_loads(tmp_path):
    folder = tmp_path / "rr"
    folder.mkdir()
    pack = os.fsencode(folder) + b"/\xfe.yaml"
    with open(pack, "w", encoding="utf-8") as out:
        out.write('- id: house.x\n  scheme: values\n  match: ["{a} is good"]\n'
                  '  prompts: {con: ["Is {{ a }} good?"], pro: ["Why is {{ a }} good?"]}\n')
    result = debateprep("rules", "check", folder)
    assert result.returncode == 0 and result.stdout.decode("utf-8").strip() == "1 rule OK"


def test_closed_standard_input_is_one_line():
    result = subprocess.run([sys.executable, "-m", "debateprep", "analyze", "-"], stdin=subprocess.DEVNULL,
                            capture_output=True, close_fds=True, preexec_fn=lambda: os.close(0))
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == "debateprep: <stdin>: standard input is closed\n"


def test_standard_input_beside_files_in_a_parallel_batch_is_read(tmp_path):
    essay = Path(SEED).read_bytes()
    result = subprocess.run([sys.executable, "-m", "debateprep", "analyze", "-", str(SEED), "-o", str(tmp_path),
                             "--jobs", "2"], input=essay, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "stdin.analysis.txt").read_text(encoding="utf-8") == \
        (tmp_path / f"{Path(SEED).stem}.analysis.txt").read_text(encoding="utf-8").replace(Path(SEED).name, "<stdin>")


def test_a_rule_pack_too_costly_to_check_is_stopped(run, tmp_path, monkeypatch):
    from debateprep import rules

    monkeypatch.setattr(rules, "PACK_CHECK_SECONDS", 0.3)
    folder = tmp_path / "costly"
    folder.mkdir()
    (folder / "pack.yaml").write_text("".join(
        f"- id: house.r{i}\n  scheme: values\n  match: [{{regex: '(?P<x>\\pL{{1,200}}) w{i} \\pL{{1,200}}'}}]\n"
        f"  prompts: {{con: ['Is {{{{ x }}}} good?'], pro: ['Why is {{{{ x }}}} good?']}}\n" for i in range(200)),
        encoding="utf-8")
    result = run("rules", "check", folder)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (f"{folder / 'pack.yaml'}: checking its rules: stopped after 0.3 s "
                                             "(regexes too costly to compile?)")


def test_a_question_template_too_costly_to_render_is_stopped(run, tmp_path, monkeypatch):
    from debateprep import batch, sandbox

    monkeypatch.setattr(sandbox, "RENDER_SECONDS", 1)
    monkeypatch.setattr(batch, "EXTRA_PACK_SECONDS_PER_MB", 0)
    folder = tmp_path / "slow"
    folder.mkdir()
    slow = '{% set a = "xxxxxxxxxx" * 10000 %}{% set a = a ~ a ~ a ~ a ~ a %}' + "{% set b = (a ~ a)|upper %}" * 300
    (folder / "pack.yaml").write_text(
        "- id: house.slow\n  scheme: values\n  match: [{regex: '(?P<x>.+)'}]\n"
        f"  prompts: {{con: ['{slow}Is {{{{ x }}}} good?'], pro: ['Why is {{{{ x }}}} good?']}}\n", encoding="utf-8")
    result = run("worksheet", SEED, "--rules", folder)
    assert result.exit_code == 1
    assert "analysing with the extra rule packs: stopped after 1 s (a question template too costly to render?)" in result.output
