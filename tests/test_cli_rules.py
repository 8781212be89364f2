"""`debateprep rules …` and the config file, as a pack author uses them."""

import json

import pytest

from debateprep.rules import load_rules

from conftest import SEED

PACK = """\
- id: cause-to-effect.because
  scheme: cause-to-effect
  explain: House version of the because rule.
  match: ["{effect} because {cause}"]
  prompts:
    con: ["Could something other than {{ cause|trim|clause }} explain why {{ effect|trim|clause }}?"]
    pro: ["What evidence links {{ cause|trim|clause }} to {{ effect|trim|clause }}?"]
  tests:
    - text: "Prices rose because the harvest failed."
      slots: {effect: "Prices rose", cause: "the harvest failed"}
    - text: "Prices rose."
      match: false
"""


def test_list_names_every_rule_in_text_and_json(run):
    text = run("rules", "list")
    assert text.exit_code == 0
    ids = [rule.id for rule in load_rules()]
    assert [line.split()[0] for line in text.output.splitlines()] == ids
    rows = json.loads(run("rules", "list", "--format", "json").output)
    assert [row["id"] for row in rows] == ids
    assert all(row["scheme"] and row["pack"] and row["explain"] for row in rows)


def test_show_prints_pattern_prompts_tests_and_an_example(run):
    result = run("rules", "show", "prediction.doubt")
    assert result.exit_code == 0
    assert "I doubt [that] {subject} will {event}" in result.output
    assert "example, on “I doubt Mr Putin will risk going nuclear.”" in result.output
    assert "con: " in result.output and "pro: " in result.output
    assert "silent on: reported" in run("rules", "show", "prediction.will").output  # someone else's forecast
    missing = run("rules", "show", "no.such-rule")
    assert missing.exit_code == 1 and "no rule 'no.such-rule'" in missing.output


def test_show_gives_as_example_a_test_the_rule_asks_about(run):
    """A rule's first test may be one where it names its scheme but asks nothing; the example
    shown is the first where it asks, and a rule silent everywhere says so."""
    taken = run("rules", "show", "example.take").output
    assert "matches: Look at the towns that scrapped it" in taken  # its first test, a chain it leaves alone
    assert "example, on “Consider the case of Finland.”" in taken
    assert "What other cases like Finland would strengthen the point?" in taken  # a name keeps its capital
    silent = run("rules", "show", "sufficient-condition.enough")
    assert silent.exit_code == 0
    assert "example: none (on every one of its tests the rule names its scheme but asks nothing)" in silent.output


def test_test_runs_builtin_tests_and_ends_with_a_summary(run):
    result = run("rules", "test")
    assert result.exit_code == 0
    cases = sum(len(rule.tests) for rule in load_rules())
    assert result.output.splitlines()[-1] == f"{cases} passed, 0 failed"


def test_test_reports_a_failing_case_with_file_and_line(run, tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.replace('slots: {effect: "Prices rose"', 'slots: {effect: "Prices fell"'), encoding="utf-8")
    result = run("rules", "test", pack)
    assert result.exit_code == 1
    assert f"{pack}:9: cause-to-effect.because: slot 'effect'" in result.output
    assert result.output.splitlines()[-1] == "1 passed, 1 failed"


def test_check_reports_file_and_line_and_exit_code(run, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(PACK, encoding="utf-8")
    assert run("rules", "check", good).output == "1 rule OK\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text(PACK.replace("  scheme:", "  colour: red\n  scheme:"), encoding="utf-8")
    result = run("rules", "check", tmp_path)
    assert result.exit_code == 1
    assert f"{bad}:1: rule 'cause-to-effect.because': unknown key 'colour'" in result.output


def test_new_scaffolds_a_passing_rule_and_never_overwrites(run, tmp_path):
    folder = tmp_path / "house"
    assert run("rules", "new", "house.since", folder).exit_code == 0
    written = folder / "house.since.yaml"
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=file://")
    assert run("rules", "test", written).output.splitlines()[-1] == "2 passed, 0 failed"
    again = run("rules", "new", "house.since", folder)
    assert again.exit_code == 1 and "already exists" in again.output


def test_config_file_adds_rule_folders_and_defaults(run, tmp_path, monkeypatch):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "pack.yaml").write_text(
        "- id: prediction.will\n  scheme: prediction\n  disable: true\n", encoding="utf-8")
    (tmp_path / "debateprep.yaml").write_text(
        "rules: [house]\ndefaults:\n  analyze: {format: json}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = run("rules", "list").output
    assert "prediction.will" not in listed and "prediction.doubt" in listed
    data = json.loads(run("analyze", SEED).output)
    assert data["schema"] == "debateprep.analysis/1"
    assert all(prompt["rule"] != "prediction.will" for prompt in data["prompts"])


@pytest.mark.parametrize("defaults, message", [
    ("analyze: {quiet: [1]}", "analyze quiet: [1] is not a value for it"),
    ("worksheet: {teacher: 5}", "worksheet teacher: 5 is not a value for it"),
    ("drills: {seed: .inf}", "drills seed: inf is not a value for it"),
    ("worksheet: {max-claims: {a: 1}}", "worksheet max-claims: {'a': 1} is not a value for it"),
    ("worksheet: {format: xml}", "worksheet format: 'xml' is not one of 'md', 'html', 'pdf', 'json'."),
    ("worksheet: {max-claims: 0}", "worksheet max-claims: 0 is not in the range 1<=x<=50."),
    ("drills: {paper: [a4]}", "drills paper: ['a4'] is not a value for it"),
    ("worksheet: {max-size: yes}", "worksheet max-size: True is not a value for it"),
    ('analyze: {output: "x\\0.md"}', "analyze output: 'x\\x00.md' is not a value for it"),
])
def test_a_default_of_the_wrong_kind_or_value_is_one_line_with_the_file(run, tmp_path, defaults, message):
    config = tmp_path / "settings.yaml"
    config.write_text(f"defaults:\n  {defaults}\n", encoding="utf-8")
    result = run("--config", config, "rules", "list")
    assert result.exit_code == 1
    assert result.output == f"debateprep: {config}: defaults: {message}\n"


def test_a_list_default_for_a_repeatable_option_is_taken(run, tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    config = tmp_path / "settings.yaml"
    config.write_text(f"defaults:\n  worksheet: {{templates: [{folder}, {folder}]}}\n", encoding="utf-8")
    assert run("--config", config, "worksheet", SEED).exit_code == 0
    config.write_text(f"defaults:\n  worksheet: {{templates: {folder}}}\n", encoding="utf-8")  # one, not a list
    assert run("--config", config, "worksheet", SEED).exit_code == 0


def test_bad_config_is_one_line_with_the_file(run, tmp_path):
    config = tmp_path / "settings.yaml"
    config.write_text("rules: [x]\ncolours: [red]\n", encoding="utf-8")
    result = run("--config", config, "rules", "list")
    assert result.exit_code == 1
    assert result.output == f"debateprep: {config}:1: unknown key 'colours' (allowed: defaults, rules, templates)\n"
    config.write_text("defaults:\n  worksheet: {colour: red}\n", encoding="utf-8")
    result = run("--config", config, "rules", "list")
    assert result.exit_code == 1 and "worksheet has no option 'colour'" in result.output
