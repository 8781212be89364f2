import hashlib
import re
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


def test_every_builtin_scheme_asks_three_con_and_two_pro_questions():
    """Each scheme has at least three critical questions and two supporting ones across its rules.
    A rule may ask fewer where a second question on a side would only repeat its first (a bare
    option of a rhetorical run has one thing to say for the author: why it is ruled out)."""
    questions: dict[str, dict[str, set]] = {}
    for rule in load_rules():
        for side in ("pro", "con"):
            questions.setdefault(rule.scheme, {"pro": set(), "con": set()})[side].update(rule.prompts[side])
    for scheme, sides in questions.items():
        assert len(sides["con"]) >= 3 and len(sides["pro"]) >= 2, scheme


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
        (GOOD.replace('["{effect} because {cause}"]',
                      "[{regex: '(?P<effect>.+) because (?P<cause>.+)|(?P<cause>.+) caused (?P<effect>.+)'}]"),
         3, "slot 'cause' is named by two groups"),
        (GOOD.replace('{effect} because {cause}', '{effect} {cause}'), 1, "literal word"),
        (GOOD.replace("  scheme: cause-to-effect", "  scheme: cause-to-effect\n  scheme: other"), 3,
         "duplicate key 'scheme'"),
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


def test_a_pattern_too_large_to_index_is_refused_at_load_with_its_line(tmp_path):
    words = "|".join(hashlib.sha1(str(n).encode()).hexdigest()[:12] for n in range(9000))
    path = write(tmp_path, GOOD.replace('["{effect} because {cause}"]', f"[{{regex: '(?P<a>{words}) (?P<b>x)'}}]")
                 .replace("{{ cause }}", "{{ a }}").replace("{{ effect }}", "{{ b }}"))
    with pytest.raises(DebateprepError, match=r":3: .*too many literal words to index") as refused:
        load_pack(path)
    assert len(str(refused.value)) < 400  # the pattern is cut short, not printed whole


def test_billion_laughs_pack_is_refused(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(DebateprepError, match="aliases expand to more than"):
        load_pack(path)


def test_a_pack_too_large_without_aliases_is_told_to_split(tmp_path):
    rules = "".join(GOOD.replace("x.because", f"x{n}.because") for n in range(8000))
    with pytest.raises(DebateprepError, match="more than 100,000 YAML nodes; split it into several packs"):
        load_pack(write(tmp_path, rules))


def test_a_few_aliases_are_fine(tmp_path):
    shared = GOOD.replace('    con: ["Could', '    con: &con ["Could') + GOOD.replace("x.because", "y.because").replace(
        '    con: ["Could something other than {{ cause }} explain it?"]', "    con: *con")
    assert [rule.id for rule in load_pack(write(tmp_path, shared))] == ["x.because", "y.because"]


@pytest.mark.parametrize(
    "change, line, message",
    [
        (("match:", "when: {role: [speech]}\n  match:"), 1, "unknown role 'speech'"),
        (("match:", "when: {position: top}\n  match:"), 1, "unknown position 'top'"),
        (("match:", "when: {hedged: maybe}\n  match:"), 1, "'when.hedged' is true or false"),
        (("match:", "slots: {reason: {max_words: 3}}\n  match:"), 1, "no pattern captures"),
        (("match:", "slots: {cause: {max_words: 0}}\n  match:"), 1, "at least 1"),
        (("match:", "slots: {cause: {unless: [{regex: 'rain('}]}}\n  match:"), 1, "slots.cause.unless: bad regex"),
        (("match:", "slots: {cause: {unless: [{words: rain}]}}\n  match:"), 1, "lists words or {regex: ...}"),
        (("match:", "slots: {cause: {silent_on: [{regex: 'rain('}]}}\n  match:"), 1, "slots.cause.silent_on: bad regex"),
        (("{{ cause }} explain", "{{ cause|shout }} explain"), 1, "unknown filter 'shout'"),
        (("{{ cause }} explain", "{{ cause|unless('rain(') }} explain"), 1, "unless: bad regex"),
        (("{{ cause }} explain", "{% if cause %}{{ cause|unless('rain(') }}{% endif %} explain"), 1, "unless: bad regex"),
        (("{{ cause }} explain", "{{ cause|unless(effect) }} explain"), 1, "unless takes one regex, in quotes"),
        (("{{ cause }} explain", "{{ cause|trim('5') }} explain"), 1, "trim's max_words is a whole number of at least 1"),
        (("{{ cause }} explain", "{{ cause|trim(cause) }} explain"), 1, "whole number written in the template"),
        (("{{ cause }} explain", "{{ cause|agree(cause, effect) }} explain"), 1, "agree takes 1 argument, not 2"),
        (("{{ cause }} explain", "{{ cause|trim(words=3) }} explain"), 1, "takes no keyword arguments"),
        (("{{ cause }} explain", "{{ cause|center(99) }} explain"), 1, "unknown filter 'center'"),
        (("{{ cause }} explain", "{{ cause|unless('\\\\ud800') }} explain"), 1, "lone surrogate"),
        (("{{ cause }} explain", "{% for i in range(9) %}{{ cause }}{% endfor %} explain"), 1, "not loops"),
        (("{{ cause }} explain", "{{ " + "(" * 300 + "cause" + ")" * 300 + " }} explain"), 1, "nested too deeply"),
        (("{{ cause }} explain", "{{ cause ~ " + "9" * 5000 + " }} explain"), 1, "integer string conversion"),
        (("{{ cause }} explain", "{{ cause|join(cause) }} explain"), 1, "unknown filter 'join'"),
        (('["{effect} because {cause}"]', "[{regex: '(?P<effect>\\C+) because (?P<cause>.+)'}]"), 3, "\\C matches one byte"),
        # An escaped quote that ends the argument early: Jinja2's error, not a Python traceback.
        (("{{ cause }} explain", "{{ cause|unless('we[\\\\'']re') }} explain"), 1, "unexpected ']'"),
        (("match:", "silent_on: [quoted]\n  match:"), 1, "'silent_on' lists roles"),
        (("match:", "silent_on: [{regex: 'rain('}]\n  match:"), 1, "silent_on: bad regex"),
        (("match:", "asks_only_on: [{regex: 'rain('}]\n  match:"), 1, "asks_only_on: bad regex"),
        (("match:", "asks_only_on: [{pattern: rain}]\n  match:"), 1, "'asks_only_on' lists words or {regex: ...}"),
        (("id: x.because", "id: x because"), 1, "an id is letters"),
        (('["{effect} because {cause}"]', "[{regex: 'because'}]"), 1, "do not all capture"),
    ],
)
def test_conditions_and_slot_limits_are_checked(tmp_path, change, line, message):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(DebateprepError) as err:
        load_pack(path)
    assert str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)


def test_a_filter_argument_may_hold_an_escaped_quote(tmp_path):
    """unless('don\\'t') is one argument, read as Jinja2 reads it."""
    from debateprep.ruletest import example_prompts

    rule = load_pack(write(tmp_path, GOOD.replace("{{ cause }} explain", "{{ cause|unless('don\\\\'t') }} explain")))[0]
    slots = {"effect": "Prices rose", "cause": "the harvest failed"}
    assert example_prompts(rule, "Prices rose because the harvest failed.", slots)["con"]
    refused = {"effect": "Prices rose", "cause": "farmers don't sow"}
    assert not example_prompts(rule, "Prices rose because farmers don't sow.", refused)["con"]


@pytest.mark.parametrize("template", [
    "Why {{ cause.zfill(10**9) }}?",  # a string method outside the few conditions need
    "Why {{ 'x' * 100000 }}?",  # arithmetic that builds a huge value
    "Why {{ '%900000000s' % cause }}?",
    "Why {{ 1e999|int ~ cause }}?",  # infinity, which the compiled template cannot even name
])
def test_a_hostile_prompt_fails_at_once_with_its_rule(tmp_path, template):
    """The sandbox lets a question template do nothing that could stall the program: the render
    stops with the rule's file:line instead."""
    from debateprep.ruletest import example_prompts

    rule = load_pack(write(tmp_path, GOOD.replace("What links {{ cause }} to {{ effect }}?", template)))[0]
    with pytest.raises(DebateprepError, match=r"pack\.yaml:1: rule 'x\.because': prompt failed"):
        example_prompts(rule, "Prices rose because the harvest failed.", {"effect": "Prices rose", "cause": "the harvest failed"})


def rule_from(tmp_path, extra):
    return load_pack(write(tmp_path, GOOD.replace("  match:", extra + "\n  match:")))[0]


def fires(rule, text, **situation):
    from debateprep.match import Situation, compile_rules, match_sentence

    return bool(match_sentence(compile_rules((rule,)), text, Situation(text, **situation)))


def test_position_condition(tmp_path):
    rule = rule_from(tmp_path, "  when: {position: [first-paragraph, last-paragraph]}")
    text = "Prices rose because the harvest failed."
    assert fires(rule, text, positions=frozenset({"last-paragraph", "paragraph-end"}))
    assert not fires(rule, text, positions=frozenset({"middle", "paragraph-start"}))


def test_positions_of_claims_in_an_essay():
    from debateprep.match import positions_of
    from debateprep.pipeline import analyze

    analysis = analyze("First one. First two.\n\nMiddle.\n\nLast one. Last two.\n", markdown=False)
    places = {c.sentence.ref: p for c in analysis.claims for p in [positions_of(analysis.claims)[c.id]]}
    assert places["¶1.1"] == {"first-paragraph", "paragraph-start"}
    assert places["¶2.1"] == {"middle", "paragraph-start", "paragraph-end"}
    assert places["¶3.2"] == {"last-paragraph", "paragraph-end"}


def test_hedged_and_negated_conditions(tmp_path):
    plain = rule_from(tmp_path, "  when: {hedged: false}")
    assert fires(plain, "Prices rose because the harvest failed.")
    assert not fires(plain, "Prices probably rose because the harvest failed.")
    negated = rule_from(tmp_path, "  when: {negated: true}")
    assert fires(negated, "Prices did not rise because the harvest failed.")
    assert not fires(negated, "Prices rose because the harvest failed.")


def test_a_slot_over_its_word_limit_does_not_fire(tmp_path):
    rule = rule_from(tmp_path, "  slots: {effect: {max_words: 4}}")
    assert fires(rule, "Prices rose because the harvest failed.")
    assert not fires(rule, "Prices of bread, milk and eggs rose because the harvest failed.")


def test_a_slot_holding_one_of_its_exclusions_does_not_fire(tmp_path):
    rule = rule_from(tmp_path, "  slots: {cause: {unless: [weather, {regex: '^a (?:strike|war)'}]}}")
    assert fires(rule, "Prices rose because the harvest failed.")
    assert not fires(rule, "Prices rose because the Weather turned.")  # a word, in any case
    assert not fires(rule, "Prices rose because a strike closed the port.")
    assert fires(rule, "Prices rose because the port saw a strike.")  # the regex is anchored to the slot
    assert fires(rule, "Weather aside, prices rose because the harvest failed.")  # the slot only, not the sentence


def test_a_slot_cut_inside_a_number_does_not_fire(tmp_path):
    """A pattern that stops at commas must not ask about "000 youth activities fund"."""
    rule = load_pack(write(tmp_path, GOOD.replace('["{effect} because {cause}"]',
                                                  "[{regex: '(?P<effect>[^,]+) because (?P<cause>[^,]+)'}]")))[0]
    assert fires(rule, "Prices rose because the harvest failed.")
    assert not fires(rule, "The £250,000 fund ran out because the harvest failed.")
    assert not fires(rule, "Prices rose because the harvest cost £1,200.")
    assert fires(rule, "In 2019, prices rose because the harvest failed.")


def test_a_slot_swallowing_a_paragraph_does_not_fire(tmp_path):
    rule = load_pack(write(tmp_path, GOOD))[0]
    long_effect = " ".join(["word"] * 40)
    assert not fires(rule, f"{long_effect} because the harvest failed.")


def test_hedged_sentence_tells_its_prompts_the_author_doubts(tmp_path):
    from debateprep.ruletest import example_prompts

    pack = GOOD.replace(
        '"Could something other than {{ cause }} explain it?"',
        '"{{ (hedge|author|capitalize ~ \' that\') if hedged else \'Is it true that\' }} {{ effect|clause }}: why?"',
    )
    rule = load_pack(write(tmp_path, pack))[0]
    slots = {"effect": "prices rose", "cause": "the harvest failed"}
    hedged = example_prompts(rule, "I doubt prices rose because the harvest failed.", slots)
    assert hedged["con"] == ["The author doubts that prices rose: why?"]
    plain = example_prompts(rule, "Prices rose because the harvest failed.", slots)
    assert plain["con"] == ["Is it true that prices rose: why?"]


def test_a_refused_slot_falls_back_to_the_next_template(tmp_path):
    from debateprep.ruletest import example_prompts

    pack = GOOD.replace('con: ["Could something other than {{ cause }} explain it?"]',
                        'con: ["Is {{ cause|np }} the cause?", "Could something else explain why {{ effect|clause }}?"]')
    rule = load_pack(write(tmp_path, pack))[0]
    refused = example_prompts(rule, "Prices rose because the harvest failed.",
                              {"effect": "prices rose", "cause": "the harvest failed"})
    assert refused["con"] == ["Could something else explain why prices rose?"]
    kept = example_prompts(rule, "Prices rose because of the drought.", {"effect": "prices rose", "cause": "the drought"})
    assert kept["con"][0] == "Is the drought the cause?"


def test_first_of_asks_one_question_the_first_way_that_reads(tmp_path):
    from debateprep.ruletest import example_prompts

    pack = GOOD.replace(
        'con: ["Could something other than {{ cause }} explain it?"]',
        'con:\n      - first_of: ["Is {{ cause|np }} the cause?", "Is “{{ cause }}” the cause?"]\n'
        '      - "Could something else explain why {{ effect|clause }}?"')
    rule = load_pack(write(tmp_path, pack))[0]
    refused = example_prompts(rule, "Prices rose because the harvest failed.",
                              {"effect": "prices rose", "cause": "the harvest failed"})
    assert refused["con"] == ["Is “the harvest failed” the cause?", "Could something else explain why prices rose?"]
    kept = example_prompts(rule, "Prices rose because of the drought.", {"effect": "prices rose", "cause": "the drought"})
    assert kept["con"] == ["Is the drought the cause?", "Could something else explain why prices rose?"]


@pytest.mark.parametrize("entry, message", [
    ('{first_of: ["Why {{ cause }}?"]}', "first_of lists two or more"),
    ('{first_of: ["Why {{ cause }}?", "Why {{ reason }}?"]}', "{{ reason }}"),
    ('{one_of: ["Why?", "How?"]}', "unknown key 'one_of'"),
    ("[Why?, How?]", "lists question templates"),
])
def test_a_bad_first_of_is_refused_with_its_line(tmp_path, entry, message):
    path = write(tmp_path, GOOD.replace('con: ["Could something other than {{ cause }} explain it?"]',
                                        f"con:\n      - {entry}"))
    with pytest.raises(DebateprepError, match=r"pack.yaml:\d+: .*" + re.escape(message)):
        load_pack(path)


def test_fallback_questions_are_asked_only_when_no_prompt_on_their_side_reads(tmp_path):
    from debateprep.ruletest import example_prompts

    pack = GOOD.replace('con: ["Could something other than {{ cause }} explain it?"]',
                        'con: ["Is {{ cause|np }} the cause?"]')
    pack += '  fallback:\n    con: ["Does “{{ sentence|trim }}” name the real cause?"]\n'
    rule = load_pack(write(tmp_path, pack))[0]
    refused = example_prompts(rule, "Prices rose because the harvest failed.",
                              {"effect": "prices rose", "cause": "the harvest failed"})
    assert refused["con"] == ["Does “Prices rose because the harvest failed” name the real cause?"]
    kept = example_prompts(rule, "Prices rose because of the drought.", {"effect": "prices rose", "cause": "the drought"})
    assert kept["con"] == ["Is the drought the cause?"]


def test_a_fallback_question_is_checked_like_a_prompt(tmp_path):
    path = write(tmp_path, GOOD + '  fallback:\n    con: ["Why {{ reason }}?"]\n')
    with pytest.raises(DebateprepError, match=r"pack.yaml:1: .*\{\{ reason \}\}"):
        load_pack(path)


def test_a_gap_refused_once_is_refused_in_every_template_that_repeats_it(tmp_path):
    from debateprep.ruletest import example_prompts

    pack = GOOD.replace(
        'con: ["Could something other than {{ cause }} explain it?"]',
        'con: ["Is {{ cause|np }} the cause?", "Did {{ cause|np }} cause it?", '
        '"Could something other than {{ cause|clause }} explain why {{ effect|clause }}?", '
        '"Does {{ cause|np }} explain why {{ effect|clause }}?"]',
    )
    rule = load_pack(write(tmp_path, pack))[0]
    refused = example_prompts(rule, "Prices rose because the harvest failed.",
                              {"effect": "prices rose", "cause": "the harvest failed"})
    assert refused["con"] == ["Could something other than the harvest failed explain why prices rose?"]
    kept = example_prompts(rule, "Prices rose because of the drought.", {"effect": "prices rose", "cause": "the drought"})
    assert kept["con"] == ["Is the drought the cause?", "Did the drought cause it?",
                           "Could something other than the drought explain why prices rose?",
                           "Does the drought explain why prices rose?"]


def test_a_quoted_sentence_with_its_own_colon_never_follows_another(tmp_path):
    from debateprep.ruletest import example_prompts

    pack = GOOD.replace(
        'con: ["Could something other than {{ cause }} explain it?"]',
        'con: ["Could something else explain this: {{ sentence|clause }}?", '
        '"Could something else explain “{{ sentence|trim }}”?"]',
    )
    rule = load_pack(write(tmp_path, pack))[0]
    slots = {"effect": "prices rose", "cause": "the harvest failed"}
    plain = example_prompts(rule, "The prices rose because the harvest failed.", slots)
    assert plain["con"][0] == "Could something else explain this: the prices rose because the harvest failed?"
    listed = example_prompts(rule, "The prices rose because the harvest failed: wheat, barley and oats.", slots)
    assert listed["con"] == ["Could something else explain “The prices rose because the harvest failed: wheat, barley and oats”?"]


@pytest.mark.parametrize("template, cause", [
    ("Is it true that {{ cause }}?", "that harvest failed"),  # "…that that harvest failed?"
    ("Is it true that {{ cause }}?", "that, and yet we accept it"),  # "…true that that, and yet…"
    ("Does “{{ cause }}” explain it?", "the failure of the"),  # the quotation stops on "the"
    ("Does “{{ cause }}” explain it?", "Small firms can't pay interns,' people say"),  # a quotation and its speaker
    # a that-clause that is no clause
    ("Is it true that {{ cause }}?", "which tells you everything"),
    ("Is it true that {{ cause }}?", "if the harvest failed"),
    ("Is it true that {{ cause }}?", "warning that the harvest failed"),
    ("Is it true that {{ cause }}?", "in their report that the harvest failed"),
    ("Is it true that {{ cause }}?", "oh, where are we supposed to buy bread"),
    ("Would it hold even if {{ cause }}?", "the harvest failed, and that prices rose"),
    # an adverbial or a contraction where the subject should follow the auxiliary
    ("Could {{ cause }} explain it?", "before you know it the harvest"),
    ("Could {{ cause }} explain it?", "he's been told the harvest"),
    ("Could {{ cause }} explain it?", "who grew the harvest"),  # a relative pronoun for a subject
    # a clause that starts with its verb: an instruction, or a clause that lost its subject
    ("Is it true that {{ cause }}?", "put the buses back to every twenty minutes"),
    ("Does the fact that {{ cause }} explain it?", "left the rest of the field open"),
    ("What explains why {{ cause }}?", "left the rest of the field open"),
    # a quotation of a pronoun alone, or of an article and a participle cut from its noun
    ("Does “{{ cause }}” explain it?", "it"),
    ("Does “{{ cause }}” explain it?", "a staffed"),
    # a quotation that starts where no phrase starts
    ("Does “{{ cause }}” explain it?", "then two of the firms shut"),
    ("Does “{{ cause }}” explain it?", "to be nasty"),
    ("Does “{{ cause }}” explain it?", "by 14 per cent in two years"),
    # an inverted clause, an interjection or an aside where a that-clause should start
    ("Is it true that {{ cause }}?", "did we need the money"),
    ("Is it true that {{ cause }}?", "sure, the harvest failed"),
    ("Is it true that {{ cause }}?", "quite reasonably, that the harvest failed"),
    ("Is it really because {{ cause }}?", "did we plant too late"),
    # an infinitive where a noun or a subject should be; a verb that does not agree
    ("What makes {{ cause }} worth it?", "to plant later"),
    ("What are the drawbacks of {{ cause }}?", "to plant later"),
    ("Could {{ cause }} explain it?", "to plant later"),
    ("{{ cause }} explain it?", "Does we"),
    # an instruction where the author's case or a forecast should be
    ("Why does it matter for the author's case that {{ cause }}?", "put the buses back"),
    ("By what steps would it come about that {{ cause }}?", "take the exam away and schools will drop it"),
    # a quotation cut inside a bracketed aside
    ("Does “{{ cause }}” explain it?", "12 March) the harvest failed"),
    # the same word twice over
    ("Does the point that {{ cause }} outweigh it?", "the growers have a point about the harvest"),
    ("Why might it matter little that {{ cause }}?", "the harvest matters"),
])
def test_a_question_misbuilt_where_a_slot_meets_its_template_is_not_asked(tmp_path, template, cause):
    from debateprep.ruletest import example_prompts

    pack = GOOD.replace('con: ["Could something other than {{ cause }} explain it?"]',
                        f'con: ["{template}", "What else explains it?"]')
    rule = load_pack(write(tmp_path, pack))[0]
    slots = {"effect": "prices rose", "cause": cause}
    assert example_prompts(rule, "Prices rose because the harvest failed.", slots)["con"] == ["What else explains it?"]


@pytest.mark.parametrize("question", [
    "Is it true that the rule that left the rest open was fair?",  # "that" a relative pronoun, not a that-clause
    "Why did the council leave the rest open?",
    "Is it true that indeed the harvest failed?",
    "Does “the staffed floor” explain it?",
    "Does “by 2017 the hotel had shut” explain it?",
    "Does “Then two of the firms shut” explain it?",
    "Did we really need it?",
    "Is there a better answer than to abolish uniform?",
    "Why is it true that, in the end, the council pays?",
    "Is it true that the rule is fair, and that it works?",
    # an existential "there", not a place named before
    "What answer does “what would guarantee that within a year there wouldn’t be another attack?” expect?",
    # a pronoun the question names, or an "it" that stands for nothing
    "Are “the venue cuts its hours” and “it fights complaint after complaint” really the only options?",
    "Does the author give a fair account of the view of critics of busking that it is just begging?",
    "Does the other side really offer only the choice the author rejects in “it's a false choice between spyware and a free-for-all”?",
    "Could parents the author interviewed have reasons of their own to report “they would gladly spend less on clothes”?",
    # a demonstrative "that", not a clause cut to one word
    "How did the warnings turn out, and what does that show?",
    "Is the case of Carsby really comparable to this one in the respect that matters?",
])
def test_well_built_questions_near_those_shapes_are_kept(question):
    from debateprep.realize import finish

    assert finish(question) == question


@pytest.mark.parametrize("prompt, finished", [
    ('Do others agree that “homework "is mostly a test of the parents"”?',
     "Do others agree that “homework ‘is mostly a test of the parents’”?"),
    ('What does “71% said form time was "the least useful part of the day” show?',
     "What does “71% said form time was ‘the least useful part of the day’” show?"),
    ('What does “the least useful part" of the day, they said” show?',
     "What does “‘the least useful part’ of the day, they said” show?"),
])
def test_a_quotation_inside_a_quoted_slot_takes_single_marks(prompt, finished):
    """Also where the slot ends (or starts) inside its sentence's quotation and kept only one of
    its marks: the question must not print a quotation opened and never closed."""
    from debateprep.realize import finish

    assert finish(prompt) == finished


@pytest.mark.parametrize("question", [
    "What could stop the forecast “Keep this up and the app will end up offering only bestsellers” from coming true?",
    "Which trends support the forecast “Without that, subs will have to go up”?",
    "How reliable is the source of the figure in “visits there fell by a quarter in the first year”?",
    "What answer does the author expect to “Isn't school supposed to close that gap rather than widen it?”, and what supports it?",
    "Which trends support the forecast “If that condition is not imposed, Aldersley will lose its landmark”?",
    "What could stop the forecast “we'll be having this same conversation in ten years” from coming true?",
])
def test_a_question_quoting_what_only_an_earlier_sentence_explains_is_not_asked(question):
    """A quotation must stand on its own: "this", "that" or "there" it cannot resolve leaves the
    reader asking what is meant."""
    from debateprep.realize import finish

    assert finish(question) is None
    assert finish(question.replace("Keep this up", "Keep cutting prices").replace("Without that", "Without a grant")
                  .replace("visits there", "visits to Holme").replace("that gap", "the attainment gap")
                  .replace("that condition", "a chimney condition").replace("this same", "a")) is not None


@pytest.mark.parametrize("question", [
    "Does the author give a fair account of the view that would pay for the park rangers and the new toilets?",
    "Even if it were true that would pay for the park rangers, would that defeat the author's case?",
    "Does the author give a fair account of the view that what's the harm, it's three weekends a year?",
])
def test_a_view_that_lost_its_subject_or_is_a_question_is_not_asked_about(question):
    """A that-clause opening on a modal left its subject behind ("£180,000 would pay for…"); one
    opening "what's the harm" is a question, not a view."""
    from debateprep.realize import finish

    assert finish(question) is None
    assert finish(question.replace("that would pay", "that the levy would pay")
                  .replace("that what's the harm, it's", "that it is only")) is not None


@pytest.mark.parametrize("question, named", [
    ("Which trends support the forecast “They are efficient, and most homes will have one”?",
     "Which trends support the forecast “Heat pumps are efficient, and most homes will have one”?"),
    ("Is like compared with like in the claim that it takes less time than booking a visit to the tip?",
     "Is like compared with like in the claim that writing to a councillor takes less time than booking a visit to the tip?"),
    ("Does the author give a fair account of the view of the first speaker that the fans?",
     "Does the author give a fair account of the view of the first speaker that the fans want a new stadium?"),
    ("Besides the author's own reply, why might it matter little that too?",
     "Besides the author's own reply, why might it matter little that the hall is cold?"),
])
def test_a_question_names_what_its_claim_is_about(question, named):
    """A claim quoted or set after "the claim that" with a pronoun for its subject, or a
    that-clause that is only a noun or a word, leaves the reader asking what is meant."""
    from debateprep.realize import finish

    assert finish(question) is None
    assert finish(named) == named


@pytest.mark.parametrize("question, kept", [
    ("Is the author's experience of keeping a stall at the end of our lane typical?", False),
    ("Does the author concede too much by granting that we'll lose players to other clubs?", False),
    ("What should 54% be compared with before we decide whether it is large or small?", True),
    ("Is the author's figure in “our takings fell by a fifth” reliable?", True),  # the author's words, quoted
])
def test_a_question_does_not_speak_with_the_authors_we(question, kept):
    """A slot that kept the author's "our", or "we" beside "the author", makes the question speak for
    the class or for two people at once."""
    from debateprep.realize import finish

    assert (finish(question) is not None) == kept


def test_rule_test_fails_when_a_side_never_reads_as_a_question(tmp_path):
    pack = GOOD.replace('"What links {{ cause }} to {{ effect }}?"', '"{{ cause|np }} matters?"') + \
        '  tests:\n    - text: "Prices rose because the harvest failed."\n'
    rule = load_pack(write(tmp_path, pack))[0]
    (result,) = run_rule_tests((rule,))
    assert "no pro prompt" in result.problem


def test_rule_test_asks_no_question_where_the_rule_is_silent(tmp_path):
    """A case the rule matches but is silent on only has to match: it names its scheme there."""
    pack = GOOD.replace('"What links {{ cause }} to {{ effect }}?"', '"{{ cause|np }} matters?"') + \
        '  tests:\n    - text: "Prices rose because the harvest failed."\n'
    pack = pack.replace("  match:", "  slots: {cause: {silent_on: [harvest]}}\n  match:")
    rule = load_pack(write(tmp_path, pack))[0]
    (result,) = run_rule_tests((rule,))
    assert result.problem == ""


def _sample_sentences() -> list[str]:
    """Every sentence of the sample essays and every rule's test case."""
    from debateprep.read import read_path
    from debateprep.segment import segment

    root = Path(__file__).resolve().parent
    texts = [*(root.parent / "seeds").iterdir(), *(root / "data").rglob("texts/*")]
    sentences = [s.text for path in sorted(texts) for s in segment(read_path(str(path)))]
    return sentences + [case.text for rule in load_rules() for case in rule.tests]


def test_the_filter_never_drops_a_pattern_that_matches():
    """The filter only skips work: every pattern that matches a sentence is a candidate."""
    from debateprep.match import compile_rules
    from debateprep.patterns import compile_regex

    matcher = compile_rules(load_rules())
    checked = 0
    for text in _sample_sentences():
        data = text.encode("utf-8")
        candidates = set(matcher.candidates(data))
        for index, (_, source) in enumerate(matcher.patterns):
            if compile_regex(source, on_bytes=True).search(data):
                assert index in candidates, (source, text)
                checked += 1
    assert checked > 500


def test_slot_search_finds_exactly_what_the_pattern_finds():
    """Searching through the unbounded, counted form never changes a match or its slots."""
    from debateprep.patterns import SlotSearch, compile_regex

    searches = [(SlotSearch(source), compile_regex(source, on_bytes=True)) for rule in load_rules()
                for source in rule.patterns]
    assert sum(search.counted is not None for search, _ in searches) > 100
    long_slot = "Critics say that " + "the very long and winding account of everything " * 3 + "will fail."
    checked = 0
    for text in [*_sample_sentences(), long_slot]:
        data = text.encode("utf-8")
        for search, exact in searches:
            found, expected = search.search(data), exact.search(data)
            assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))
            checked += expected is not None
    assert checked > 500


def test_counted_forms_keep_only_counts_they_can_read_back():
    from debateprep.patterns import counted

    assert counted(r"(?i)^(?P<who>[^,;]{2,60}?) said (\w{3})") == (
        r"(?i)^(?P<who>([^,;]{2,}?)) said (\w{3})", ((2, 2, 60),))
    assert counted(r"(?:\w{1,3} )?x") == (r"(?:(\w{1,}) )?x", ((1, 1, 3),))
    assert counted(r"(?:\w{1,3} )+x") is None  # only the last round of a repeated group is captured
    assert counted(r"(?:ab){1,3}") is None  # a count of a group is not its length


def test_a_library_too_large_for_one_filter_is_split_and_still_matches():
    from dataclasses import replace

    from debateprep.match import compile_rules, match_sentence

    def copy_of(rule, copy):  # each copy may also match a long word of its own: many distinct words
        patterns = tuple(
            source + r"|\b" + hashlib.sha1(f"{copy} {rule.id} {index}".encode()).hexdigest() + r"\b"
            for index, source in enumerate(rule.patterns)
        )
        return replace(rule, id=f"{rule.id}.{copy}", patterns=patterns)

    many = tuple(copy_of(rule, copy) for copy in range(16) for rule in load_rules())
    matcher = compile_rules(many)
    assert len(matcher.screens) > 2  # more than one filter, besides the set of patterns with no word to screen on
    sentence = "The end of the war will only be possible after a change of regime."
    fired = {rule.id for rule, _ in match_sentence(matcher, sentence)}
    assert {f"necessary-condition.only-after.{copy}" for copy in range(16)} <= fired


def test_patterns_with_no_word_to_screen_on_share_one_set_and_still_match(tmp_path):
    from debateprep.match import compile_rules, match_sentence

    shape = GOOD.replace('["{effect} because {cause}"]', r"[{regex: '^(?P<effect>[^?]+?) (?P<cause>\d+%)\W*$'}]")
    rule = load_pack(write(tmp_path, shape))[0]
    assert rule.screened == (False,)  # no literal word: the filter would run it on every sentence
    assert load_pack(write(tmp_path, GOOD))[0].screened == (True,)
    matcher = compile_rules((rule,))
    assert [type(screen).__name__ for _, screen in matcher.screens] == ["ScreeningSet"]
    assert match_sentence(matcher, "Turnout rose by 12%.")[0][1] == {"effect": "Turnout rose by", "cause": "12%"}
    assert not match_sentence(matcher, "Turnout rose.")


def test_a_library_too_large_for_one_filter_is_split_into_as_few_equal_filters_as_compile(tmp_path, monkeypatch):
    from debateprep import match
    from debateprep.match import compile_rules, match_sentence

    real_screen = match._screen
    monkeypatch.setattr(match, "_screen", lambda indices, sources, kind: (
        real_screen(indices, sources, kind) if len(indices) <= 5 else None))  # as if only 5 fit in memory
    pack = "".join(
        GOOD.replace("id: x.because", f"id: x.because-{word}").replace('"{effect} because {cause}"', f'"{{effect}} {word} {{cause}}"')
        for word in ("because", "since", "given", "owing", "thanks", "after", "when", "once", "whenever",
                     "unless", "while", "following")
    )
    rules = tuple(load_pack(write(tmp_path, pack)))
    matcher = compile_rules(rules)
    assert [len(indices) for indices, _ in matcher.screens] == [4, 4, 4]  # halving would make 4 filters of 3
    fired = {rule.id for rule, _ in match_sentence(matcher, "Turnout rose when fares fell.")}
    assert fired == {"x.because-when"}


def test_a_screening_set_finds_what_each_regex_finds_even_when_its_automaton_gives_up():
    from debateprep.patterns import ScreeningSet

    screen = ScreeningSet([r"(?i)\bbecause\b", r"^\s*[^?]+\?\W*$", r"\d+%", r"(?i)\bshould\b"])
    text = "Should we act now because 62% of us agree?".encode()
    assert screen.Match(text) == [0, 1, 2, 3]
    assert screen.Match(b"Nothing here.") == []

    class GaveUp:  # what an RE2 set answers when its automaton runs out of memory: nothing at all
        def Match(self, data):
            return None

    screen._set = GaveUp()
    assert screen.Match(text) == [0, 1, 2, 3]  # each regex asked in turn instead
    assert screen.Match(b"Nothing here.") == []


def test_relaxed_forms_drop_bounds_and_groups_but_keep_everything_else():
    from debateprep.patterns import relaxed

    assert relaxed(r"(?i)^(?P<who>[^,;]{2,60}?) (says|said) (\w{3})") == r"(?i)^(?:[^,;]{2,}?) (?:says|said) (?:\w{3})"
    # braces inside a class or escaped are not repetitions; (?: groups stay as written
    assert relaxed(r"[{1,2}\]]\{1,2}(?:a){1,2}") == r"[{1,2}\]]\{1,2}(?:a){1,}"
    assert relaxed(r"[[:alpha:]{]{1,9}") == r"[[:alpha:]{]{1,}"



def test_a_plain_prompt_may_call_a_filter_on_a_literal_with_a_slot_as_argument(tmp_path):
    from debateprep.ruletest import example_prompts

    pack = GOOD.replace('con: ["Could something other than {{ cause }} explain it?"]',
                        'con: ["{{ \'do\'|agree(cause) }} {{ cause|np }} explain it{{ \'\'|default(none) }}?"]')
    rule = load_pack(write(tmp_path, pack))[0]
    plural = example_prompts(rule, "Prices rose because of the floods.", {"effect": "prices rose", "cause": "the floods"})
    single = example_prompts(rule, "Prices rose because of the drought.", {"effect": "prices rose", "cause": "the drought"})
    assert (plural["con"], single["con"]) == (["Do the floods explain it?"], ["Does the drought explain it?"])


def test_a_forecast_whose_subject_is_an_unnamed_pronoun_is_not_asked_about():
    """"What is the strongest sign that they will not pay for it?" never says who "they" are.
    (The built-in rule asks nothing in an essay, see its `silent_on`; its questions still read
    for a pack that brings them back.)"""
    from debateprep.ruletest import example_prompts, match_case

    rule = next(rule for rule in load_rules() if rule.id == "prediction.wont")
    asked = []
    for sentence in ("The ferry company won't carry the empties back for free.", "They won't pay for it either."):
        slots = match_case(rule, sentence)
        if slots is not None:
            prompts = example_prompts(rule, sentence, slots)
            asked += prompts["pro"] + prompts["con"]
    assert any("the ferry company" in text for text in asked)
    assert not any(" they " in f" {text.lower()} " for text in asked)


def test_an_anecdote_too_long_to_quote_whole_is_not_quoted_cut_short():
    """Cut at its first clause, "Two years ago a firework came down in the yard" drops the story's point."""
    from debateprep import analyze

    short = "My friend Amira barely spoke in Year 7, but two seasons of hockey gave her the confidence to stand."
    long = ("Two years ago a firework came down in the yard at night, the herd bolted through a fence, "
            "and a heifer broke her leg and had to be shot.")
    analysis = analyze(f"# Fireworks\n\nFireworks should be sold only for licensed displays. {short} {long}\n",
                       name="fireworks.md")
    quoted = [prompt.text for prompt in analysis.prompts if prompt.rule == "example.anecdote"]
    assert any(short.rstrip(".") in text for text in quoted)
    assert not any("firework came down" in text for text in quoted)


def test_a_rule_silent_on_reported_views_names_its_scheme_there_but_asks_nothing(tmp_path):
    """On "We're told X because Y" the rule's questions would argue the other speaker's side."""
    from debateprep.pipeline import analyze_document
    from debateprep.read import read_text

    rule = rule_from(tmp_path, "  silent_on: [reported]")
    essay = ("# Pitches\n\nThe school should keep its grass pitch. Pupils play outside because the grass drains well. "
             "We're also told the new surface is better because clubs will hire it.\n")
    analysis = analyze_document(read_text(essay, "pitches.md"), rules=(rule,))
    reported = next(c for c in analysis.claims if c.sentence.text.startswith("We're also told"))
    own = next(c for c in analysis.claims if c.sentence.text.startswith("Pupils play"))
    assert reported.role == "reported"
    assert analysis.schemes_by_claim[reported.id] == ("cause-to-effect",)
    assert not [p for p in analysis.prompts if p.claim.id == reported.id]
    assert [p for p in analysis.prompts if p.claim.id == own.id]


@pytest.mark.parametrize("extra, asked, silent", [
    # "That is a false choice." on its own argues either-or, but no question about it can name the choice
    ("  silent_on: [{regex: '\\bharvest\\b'}]", "the mill closed", "the harvest failed"),
    # a forecast reads like a plan's terms: where only a marked sentence can be told apart, the rule
    # asks there alone
    ("  asks_only_on: [{regex: '\\bharvest\\b'}]", "the harvest failed", "the mill closed"),
    # a call of a few words ("act now") names too little to weigh
    ("  slots: {cause: {silent_on: [{regex: '^\\S+(?:\\s+\\S+)?$'}]}}", "the mill closed", "it rained"),
])
def test_a_silent_rule_names_its_scheme_but_asks_nothing_there(tmp_path, extra, asked, silent):
    from debateprep.pipeline import analyze_document
    from debateprep.read import read_text

    rule = rule_from(tmp_path, extra)
    essay = f"# Prices\n\nPrices rose because {asked}. Rents rose because {silent}.\n"
    analysis = analyze_document(read_text(essay, "prices.md"), rules=(rule,))
    on = {claim.sentence.text: claim.id for claim in analysis.claims}
    asked_id, silent_id = on[f"Prices rose because {asked}."], on[f"Rents rose because {silent}."]
    assert analysis.schemes_by_claim[asked_id] == analysis.schemes_by_claim[silent_id] == ("cause-to-effect",)
    with_questions = {p.claim.id for p in analysis.prompts}
    assert asked_id in with_questions and silent_id not in with_questions


@pytest.mark.parametrize("sentence, rule, scheme", [
    # a risk ratio compares two risks: nothing changed, so "the change in…" would misread it
    ("A pedestrian hit at 30 mph is around five times more likely to be killed than one hit at 20 mph.",
     "statistics.change", "statistics"),
    # the view is in another sentence, so no question here can state it
    ("The council's own heritage officer, Dr Ruth Penhaligon, said as much in her report, and her advice was ignored.",
     "reported-view.named-claim", "reported-view"),
    ("Mrs Okafor from the cycling club says the same, and she rides it every day.",
     "reported-view.named-claim", "reported-view"),
    # a lead-in: the better way is named only in the sentence after
    ("There is a better way to please everybody.", "alternatives.false-choice", "alternatives"),
])
def test_builtin_rules_name_a_scheme_they_do_not_ask_about(sentence, rule, scheme):
    from debateprep.pipeline import analyze

    analysis = analyze(f"# Speed\n\nThe town should make 20 mph the default. {sentence}\n", name="speed.md")
    claim = next(c for c in analysis.claims if c.sentence.text == sentence)
    assert scheme in analysis.schemes_by_claim[claim.id]
    assert not [p for p in analysis.prompts_for(claim) if p.rule == rule]


def test_an_approximate_figure_is_asked_about_as_the_figure_of():
    from debateprep.ruletest import example_prompts, match_case

    rule = next(r for r in load_rules() if r.id == "statistics.figure")
    text = "A skate park on the old bowling green would cost about £280,000."
    asked = example_prompts(rule, text, match_case(rule, text))["con"]
    assert any(q.startswith("What should the figure of about £280,000 be compared with") for q in asked)
    assert not any(q.startswith("What should about") for q in asked)


def test_what_advice_would_gain_is_not_asked_where_the_next_sentence_says():
    """"What would be gained by following the advice…?" asks what "It could demonstrate…" answers."""
    from debateprep import analyze

    def gains(essay: str) -> list[str]:
        prompts = analyze(f"# Pool\n\n{essay}\n", name="pool.md").prompts
        return [prompt.text for prompt in prompts if prompt.text.startswith("What would be gained")]

    advice = "The council should reopen the old pool on Mill Street."
    assert gains(advice + " The swimming club has waited three years.")
    for explained in ("It would give two thousand children somewhere to learn to swim.",
                      "This means that every child in the town could learn to swim."):
        assert not gains(f"{advice} {explained}")
    # nor where the sentence gives the purpose itself
    assert not gains("The council should reopen the old pool on Mill Street, so that every child can learn to swim. "
                     "The swimming club has waited three years.")


def test_a_rule_test_gives_the_next_sentence_to_prompts_that_need_it(tmp_path):
    from debateprep.ruletest import run_rule_tests

    pack = tmp_path / "pack.yaml"
    pack.write_text("""\
- id: house.should
  scheme: practical-reasoning
  match: ["{actor} should {action}"]
  prompts:
    con: ["Is {{ action }} wise?", "Who pays for {{ action }}?", "What could go wrong?"]
    pro: ["What would be gained if {{ actor }} did {{ action|unexplained }}?", "Why now?"]
  tests:
    - text: "The council should reopen the pool."
      next: "It would give children somewhere to swim."
    - {text: "The council should reopen the pool."}
    - {text: "Schools should start later."}
    - {text: "It rained.", match: false}
    - {text: "We went home.", match: false}
""", encoding="utf-8")
    from debateprep.rules import load_pack

    rule = load_pack(pack)[0]
    assert rule.tests[0].next == "It would give children somewhere to swim."
    assert all(result.passed for result in run_rule_tests((rule,)))
    from debateprep.ruletest import example_prompts

    slots = {"actor": "The council", "action": "reopen the pool"}
    assert len(example_prompts(rule, rule.tests[1].text, slots)["pro"]) == 2
    assert example_prompts(rule, rule.tests[0].text, slots, rule.tests[0])["pro"] == ["Why now?"]


def test_nobody_would_names_popular_opinion_but_asks_nothing():
    """"If a painting had been stolen…, nobody would argue…": the comparison is the argument; and
    "Nobody would argue that…" alone mostly limits the author's own claim."""
    from debateprep import analyze

    for sentence in (
        "Nobody would argue that the old painting should stay in the museum.",
        "If a painting had been stolen from a house in Bath in 1887, nobody would argue that the thief's "
        "heirs should keep it.",
    ):
        analysis = analyze(f"# Art\n\n{sentence} It belongs to the family.\n", name="art.md")
        assert "popular-opinion" in analysis.schemes_by_claim[analysis.claims[0].id]
        assert not any(prompt.scheme == "popular-opinion" for prompt in analysis.prompts)


@pytest.mark.parametrize("sentence, asked", [
    ("The plant took 1.2 million litres a day from the boreholes last summer.", True),
    ("The Agency should reduce the permitted daily volume to 800,000 litres.", False),  # a level proposed
    ("The company has permission to take up to 1.2 million litres a day from the boreholes.", False),  # a limit
    # whom the writer speaks for, an impression put as a share, a figure granted to the other side
    ("The Upper Lenn Action Group, a residents' group of around 140 households, objects to the plant.", False),
    ("The Lenn Anglers' Association represents around 900 members along the river.", False),
    ("Half the anglers I meet have no idea the plant takes 1.2 million litres a day.", False),
    ("Half the anglers in my club think the plant takes 1.2 million litres a day.", False),
    ("We have just over £2,100 in the general account, and the plant takes 1.2 million litres a day.", False),
    ("We do not doubt the company when it says the plant takes 1.2 million litres a day.", False),
    ("Nine times out of ten, the river is low by August and the plant takes more.", False),  # a manner of speaking
    ("Cap the plant at, say, 800,000 litres a day and the river would recover.", False),  # a figure picked to propose
])
def test_a_figure_nobody_measured_names_statistics_but_is_not_asked_about(sentence, asked):
    from debateprep import analyze

    analysis = analyze(f"# Water\n\n{sentence} The river is dying.\n", name="water.md")
    claim = next(claim for claim in analysis.claims if claim.sentence.text == sentence)
    assert "statistics" in analysis.schemes_by_claim[claim.id]
    assert any(prompt.rule == "statistics.figure" and prompt.claim == claim for prompt in analysis.prompts) == asked


def test_a_motion_commended_by_name_alone_names_its_scheme_but_is_not_asked_about():
    from debateprep import analyze

    analysis = analyze("# Apprentices\n\nEvery contract should train someone local. I commend the motion to the council.\n",
                       name="motion.md")
    claim = next(claim for claim in analysis.claims if claim.sentence.text.startswith("I commend"))
    assert "practical-reasoning" in analysis.schemes_by_claim[claim.id]
    assert not any(prompt.rule == "practical-reasoning.commend" for prompt in analysis.prompts)


def test_a_figure_in_a_supposition_is_not_asked_about_even_after_a_link_word():
    from debateprep import analyze

    sentence = "And honestly, if somebody's got a spare £400,000 for a cottage, another £2,000 will not break them."
    analysis = analyze(f"# Second homes\n\n{sentence} The premium is fair.\n", name="homes.md")
    assert not any(prompt.scheme == "statistics" for prompt in analysis.prompts)


def test_a_bare_option_is_asked_about_as_an_answer_to_the_question_it_answers():
    """"Mr Putin’s word?" quoted alone says nothing of what it is an option for; its questions
    name the question before it, which the options make posed, not rhetorical. With no such
    question, or one that names no one ("What would he achieve?"), the rule asks nothing."""
    from debateprep import analyze

    answered = analyze("# Reading\n\nSchools want better readers. So what would actually raise reading scores? "
                       "A longer school year? Don't make me laugh! Smaller classes? Far too dear!\n", name="reading.md")
    options = [prompt.text for prompt in answered.prompts if prompt.rule == "rhetorical-question.fragment"]
    for option in ("a longer school year", "smaller classes"):
        assert any(text.startswith("As an answer to “So what would actually raise reading scores?”")
                   and option in text for text in options)
    roles = {claim.sentence.text: claim.role for claim in answered.claims}
    assert roles["So what would actually raise reading scores?"] == "background"
    assert roles["A longer school year?"] == "rhetorical"
    for opening in ("Schools want better readers. We have tried everything.", "What would he achieve?"):
        unanswered = analyze(f"# Reading\n\n{opening} A longer school year? Don't make me laugh!\n", name="reading.md")
        assert not [prompt for prompt in unanswered.prompts if prompt.rule == "rhetorical-question.fragment"]


def test_the_question_a_sentence_answers_is_the_nearest_open_one_with_only_questions_between():
    from debateprep.read import read_text
    from debateprep.realize import open_questions
    from debateprep.segment import segment

    sentences = segment(read_text(
        "# T\n\nWhat would guarantee peace? His word? Don't make me laugh! A treaty? It was signed. Troops?\n\n"
        "Then what? Nothing.\n", "t.md"))
    asked = {sentence.text: open_questions(sentences).get((sentence.paragraph, sentence.index), "")
             for sentence in sentences}
    assert asked["His word?"] == asked["A treaty?"] == "What would guarantee peace?"
    assert asked["Troops?"] == ""  # a statement came between
    assert asked["Nothing."] == ""  # "Then what?" names nothing of its own
