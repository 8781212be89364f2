"""Run the test cases written inside rule packs (`tests:` under each rule).

A positive case must fire the rule, capture exactly the `slots` given, and
realize at least one well-formed question on each side the rule asks about;
a negative case (`match: false`) must not fire it. Rules are tested apart
from role and position conditions: a test is about the pattern and its
prompts, not about how the claims stage classifies the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .match import Situation, compile_rules, match_sentence
from .models import Claim, Match, Sentence
from .realize import prompt_context, side_prompts, words_of
from .rules import SIDES, Rule, RuleTest


@dataclass(frozen=True)
class TestResult:
    rule: Rule
    case: RuleTest
    problem: str  # empty when the case passed

    @property
    def passed(self) -> bool:
        return not self.problem

    @property
    def where(self) -> str:
        return f"{self.rule.path}:{self.case.line}"


def example_prompts(rule: Rule, text: str, slots: dict[str, str], case: RuleTest | None = None) -> dict[str, list[str]]:
    """The questions the rule asks about `text` (between the sentences `previous` and `next` of
    the test `case`, answering its question `asked`), per side: what a reader would see."""
    return _questions(rule, example_match(rule, text, slots), case)


def _questions(rule: Rule, match: Match, case: RuleTest | None) -> dict[str, list[str]]:
    """The questions the rule asks about `match`, per side."""
    around = {"previous": case.previous, "following": case.next, "asked": case.asked} if case else {}
    context = prompt_context(match, words_of(match.claim.sentence.text), **around)
    return {side: [text for _, text in side_prompts(rule, side, context)] for side in SIDES}


def example_match(rule: Rule, text: str, slots: dict[str, str]) -> Match:
    """The rule's match on `text` as the author's own claim."""
    situation = Situation(text)
    claim = Claim("C1", Sentence(0, len(text), text, 1, 1), "claim", 1.0)
    return Match(rule.id, rule.scheme, claim, slots, situation.hedge, situation.negated)


def match_case(rule: Rule, text: str) -> dict[str, str] | None:
    """The slots the rule captures in `text`, or None if it does not fire."""
    return dict(match_sentence(compile_rules((rule,)), text, Situation(text))).get(rule)


def check_case(rule: Rule, case: RuleTest) -> str:
    """What is wrong with the rule on this case, or '' if nothing."""
    slots = match_case(rule, case.text)
    if not case.match:
        return f"should not match, but captured {slots}" if slots is not None else ""
    if slots is None:
        return "should match, but did not"
    for name, expected in case.slots.items():
        if slots.get(name) != expected:
            return f"slot {name!r}: expected {expected!r}, got {slots.get(name)!r}"
    match = example_match(rule, case.text, slots)
    if not rule.asks_on(match):
        return ""  # the rule names its scheme there but asks nothing (`silent_on`, `asks_only_on`)
    prompts = _questions(rule, match, case)
    for side in rule.prompts:
        if not prompts[side]:
            return f"matched, but no {side} prompt reads as a question"
    return ""


def run_rule_tests(rules: tuple[Rule, ...]) -> list[TestResult]:
    return [TestResult(rule, case, check_case(rule, case)) for rule in rules for case in rule.tests]
