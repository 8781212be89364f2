"""Run the test cases written inside rule packs (`tests:` under each rule).

A positive case must fire the rule and, where `slots` are given, capture
exactly those slots; a negative case (`match: false`) must not fire it.
Rules are tested in isolation from role conditions: a test is about the
pattern, not about how the claims stage classifies the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .match import compile_rules, match_sentence
from .rules import Rule, RuleTest


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
        return f"{self.rule.source.rsplit(':', 1)[0]}:{self.case.line}"


def check_case(rule: Rule, case: RuleTest) -> str:
    """What is wrong with the rule on this case, or '' if nothing."""
    found = dict(match_sentence(compile_rules((rule,)), case.text))
    slots = found.get(rule)
    if not case.match:
        return f"should not match, but captured {slots}" if slots is not None else ""
    if slots is None:
        return "should match, but did not"
    for name, expected in case.slots.items():
        if slots.get(name) != expected:
            return f"slot {name!r}: expected {expected!r}, got {slots.get(name)!r}"
    return ""


def run_rule_tests(rules: tuple[Rule, ...]) -> list[TestResult]:
    return [TestResult(rule, case, check_case(rule, case)) for rule in rules for case in rule.tests]
