from pathlib import Path

import pytest

from debateprep.errors import DebateprepError
from debateprep.rules import builtin_dir, load_pack, load_rules
from debateprep.ruletest import run_rule_tests

RESULTS = run_rule_tests(load_rules())


@pytest.mark.parametrize("result", RESULTS, ids=lambda r: f"{r.rule.id}@{r.case.line}")
def test_builtin_rule_cases(result):
    assert result.passed, f"{result.where}: {result.problem}"


def test_every_builtin_rule_has_both_sides_and_tests():
    for rule in load_rules():
        assert set(rule.prompts) == {"pro", "con"}, rule.id
        assert sum(c.match for c in rule.tests) >= 3, rule.id
        assert sum(not c.match for c in rule.tests) >= 2, rule.id


def test_packs_ship_with_the_package():
    assert (builtin_dir() / "roles.yaml").is_file()
    assert len(list(builtin_dir().glob("*.yaml"))) >= 3


def write(tmp_path, text):
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
- id: x.because
  scheme: cause-to-effect
  match: ["{effect} because {cause}"]
  prompts:
    con: ["Could something other than {{ cause }} explain it?"]
    pro: ["What links {{ cause }} to {{ effect }}?"]
"""


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("- id: x\n  scheme: s\n  match: [\"{a} b\"\n", 4, "invalid YAML"),
        (GOOD.replace("  scheme:", "  colour: red\n  scheme:"), 1, "unknown key 'colour'"),
        (GOOD.replace("{{ cause }} explain", "{{ reason }} explain"), 1, "{{ reason }}"),
        (GOOD.replace('["{effect} because {cause}"]', "[{regex: '(?P<a>x'}]"), 3, "bad regex: missing )"),
        (GOOD.replace('{effect} because {cause}', '{effect} {cause}'), 1, "literal word"),
    ],
)
def test_bad_packs_report_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(DebateprepError) as err:
        load_pack(path)
    assert str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)


def test_user_pack_overrides_and_disables(tmp_path):
    override = GOOD.replace("x.because", "cause-to-effect.because")
    write(tmp_path, override + "- id: prediction.will\n  scheme: prediction\n  disable: true\n")
    rules = {rule.id: rule for rule in load_rules((str(tmp_path),))}
    assert "prediction.will" not in rules
    assert rules["cause-to-effect.because"].source.startswith(str(tmp_path))


def test_hostile_pattern_runs_in_linear_time(tmp_path):
    from debateprep.match import compile_rules, match_sentence

    path = write(tmp_path, GOOD.replace('["{effect} because {cause}"]', "[{regex: '(?P<a>(a+)+)$'}]")
                 .replace("{{ cause }}", "{{ a }}").replace("{{ effect }}", "{{ a }}"))
    rules = tuple(load_pack(path))
    found = match_sentence(compile_rules(rules), "a" * 200_000 + "b")
    assert found == []
