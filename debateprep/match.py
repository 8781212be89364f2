"""Stage 4 — match: the rule engine runs the rule packs over the claims.

All patterns of all rules go into one RE2 `Set`, which tells in a single
linear pass over a sentence which patterns can match at all; only those are
then run for their slots. Cost therefore grows with the sentences, not with
every rule on every sentence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import re2

from .models import Claim, Match
from .patterns import QUIET_OPTIONS, compile_regex
from .rules import Rule

_HEDGE = compile_regex(
    r"(?i)\b(?:i doubt|perhaps|probably|possibly|it is unlikely|unlikely|may|might|i suspect|arguably)\b"
)
_SLOT_EDGES = " ,;:—–-\"“”‘’'()«»"


@dataclass(frozen=True)
class Matcher:
    rules: tuple[Rule, ...]
    prefilter: object  # re2.Set over every pattern
    patterns: tuple[tuple[int, object], ...]  # set index -> (rule index, compiled regex)
    unless: tuple[object | None, ...]  # rule index -> compiled exclusion regex


@functools.lru_cache(maxsize=8)
def compile_rules(rules: tuple[Rule, ...]) -> Matcher:
    prefilter = re2.Set.SearchSet(QUIET_OPTIONS)
    patterns = []
    for rule_index, rule in enumerate(rules):
        for source in rule.patterns:
            prefilter.Add(source)
            patterns.append((rule_index, compile_regex(source)))
    prefilter.Compile()
    unless = tuple(compile_regex(rule.unless) if rule.unless else None for rule in rules)
    return Matcher(rules, prefilter, tuple(patterns), unless)


def match_sentence(matcher: Matcher, text: str, role: str | None = None):
    """(rule, slots) for every rule that fires on `text`, first pattern per rule."""
    fired: dict[int, dict[str, str]] = {}
    for pattern_index in sorted(matcher.prefilter.Match(text) or ()):
        rule_index, regex = matcher.patterns[pattern_index]
        rule = matcher.rules[rule_index]
        if rule_index in fired or (role is not None and role not in rule.roles):
            continue
        if matcher.unless[rule_index] and matcher.unless[rule_index].search(text):
            continue
        found = regex.search(text)
        if not found:
            continue
        slots = {name: (value or "").strip(_SLOT_EDGES) for name, value in found.groupdict().items()}
        if all(slots.values()):
            fired[rule_index] = slots
    return [(matcher.rules[index], fired[index]) for index in sorted(fired)]


def match_claims(claims: tuple[Claim, ...], rules: tuple[Rule, ...]) -> list[Match]:
    matcher = compile_rules(rules)
    matches = []
    for claim in claims:
        hedged = bool(_HEDGE.search(claim.sentence.text))
        for rule, slots in match_sentence(matcher, claim.sentence.text, claim.role):
            matches.append(Match(rule.id, rule.scheme, claim, slots, hedged))
    return matches
