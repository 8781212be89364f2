"""Stage 4 — match: the rule engine runs the rule packs over the claims.

All patterns of all rules go into one RE2 `Set`, which tells in a single
linear pass over a sentence which patterns can match at all; only those are
then run for their slots. Cost therefore grows with the sentences, not with
every rule on every sentence.

A rule fires on a sentence when one of its patterns matches with every slot
within its word limits, its `when` conditions hold (role, position, hedged,
negated) and none of its `unless` exclusions occur in the sentence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import re2

from .errors import DebateprepError
from .models import Claim, Match
from .patterns import QUIET_OPTIONS, compile_regex
from .rules import Rule

# Hedges soften a claim without withdrawing it: "I doubt X will happen" still predicts.
_HEDGE = compile_regex(
    r"(?i)\b(?:I (?:doubt|suspect|guess|suppose|wonder)|(?:it is|it's) (?:unlikely|doubtful|possible)"
    r"|perhaps|probably|possibly|unlikely|arguably|maybe|may|might|seems?|appears?)\b"
)
_NEGATION = compile_regex(
    r"(?i)(?:\b(?:not|never|no|cannot|nobody|nothing|neither|nor|none)\b|n['’]t\b)"
)
_SLOT_EDGES = " ,;:—–-\"“”‘’'()«»"


@dataclass
class Situation:
    """What a rule's `when` may ask about a sentence. Hedge and negation are read
    only when a rule asks or fires, so sentences no pattern matches cost nothing."""

    text: str = ""
    role: str | None = None  # None: any role (rule tests ignore role and position)
    positions: frozenset[str] | None = None

    @functools.cached_property
    def hedge(self) -> str:
        """The hedging words as written, "" if none."""
        found = _HEDGE.search(self.text)
        return found.group(0) if found else ""

    @functools.cached_property
    def negated(self) -> bool:
        return bool(_NEGATION.search(self.text))

    def admits(self, rule: Rule) -> bool:
        if self.role is not None and self.role not in rule.roles:
            return False
        if rule.positions and self.positions is not None and not rule.positions & self.positions:
            return False
        if rule.hedged is not None and rule.hedged != bool(self.hedge):
            return False
        return rule.negated is None or rule.negated == self.negated


def describe(text: str, role: str | None = None, positions: frozenset[str] | None = None) -> Situation:
    """The situation of a sentence: its role and place as given, its hedge and negation as read."""
    return Situation(text, role, positions)


# All patterns share one automaton; its memory cap grows with the library (RE2's 8 MB
# default fits only a few dozen rules). It is a ceiling, not an allocation.
SET_OPTIONS = re2.Options()
SET_OPTIONS.log_errors = False
SET_OPTIONS.max_mem = 512 << 20


@dataclass(frozen=True)
class Matcher:
    rules: tuple[Rule, ...]
    prefilter: object  # re2.Set over every pattern
    patterns: tuple[tuple[int, object], ...]  # set index -> (rule index, compiled regex)
    unless: tuple[object | None, ...]  # rule index -> compiled exclusion regex


@functools.lru_cache(maxsize=8)
def compile_rules(rules: tuple[Rule, ...]) -> Matcher:
    prefilter = re2.Set.SearchSet(SET_OPTIONS)
    patterns = []
    for rule_index, rule in enumerate(rules):
        for source in rule.patterns:
            prefilter.Add(source)
            patterns.append((rule_index, compile_regex(source)))
    try:
        prefilter.Compile()
    except re2.error:
        raise DebateprepError(
            f"the {len(rules)} rules loaded ({len(patterns)} patterns) are too many to compile together; "
            "disable some or split them across runs"
        ) from None
    unless = tuple(compile_regex(rule.unless) if rule.unless else None for rule in rules)
    return Matcher(rules, prefilter, tuple(patterns), unless)


def _slots(rule: Rule, found) -> dict[str, str] | None:
    """The match's slots, tidied, or None if a slot is empty or breaks its word limits."""
    slots = {name: (value or "").strip(_SLOT_EDGES) for name, value in found.groupdict().items()}
    if all(value and rule.slot_limit(name).allows(value) for name, value in slots.items()):
        return slots
    return None


def match_sentence(matcher: Matcher, text: str, situation: Situation | None = None):
    """(rule, slots) for every rule that fires on `text`: its first pattern whose slots fit."""
    situation = situation or Situation()
    fired: dict[int, dict[str, str]] = {}
    refused: set[int] = set()
    for pattern_index in sorted(matcher.prefilter.Match(text) or ()):
        rule_index, regex = matcher.patterns[pattern_index]
        if rule_index in fired or rule_index in refused:
            continue
        rule = matcher.rules[rule_index]
        unless = matcher.unless[rule_index]
        if not situation.admits(rule) or (unless and unless.search(text)):
            refused.add(rule_index)
            continue
        found = regex.search(text)
        slots = _slots(rule, found) if found else None
        if slots is not None:
            fired[rule_index] = slots
    return [(matcher.rules[index], fired[index]) for index in sorted(fired)]


def positions_of(claims: tuple[Claim, ...]) -> dict[str, frozenset[str]]:
    """Claim id -> the places its sentence stands in (see `rules.POSITIONS`)."""
    if not claims:
        return {}
    last_paragraph = max(claim.sentence.paragraph for claim in claims)
    last_index: dict[int, int] = {}
    for claim in claims:
        sentence = claim.sentence
        last_index[sentence.paragraph] = max(last_index.get(sentence.paragraph, 0), sentence.index)
    places = {}
    for claim in claims:
        sentence = claim.sentence
        found = set()
        if sentence.paragraph == 1:
            found.add("first-paragraph")
        if sentence.paragraph == last_paragraph:
            found.add("last-paragraph")
        if not found:
            found.add("middle")
        if sentence.index == 1:
            found.add("paragraph-start")
        if sentence.index == last_index[sentence.paragraph]:
            found.add("paragraph-end")
        places[claim.id] = frozenset(found)
    return places


def match_claims(claims: tuple[Claim, ...], rules: tuple[Rule, ...]) -> list[Match]:
    matcher = compile_rules(rules)
    places = positions_of(claims)
    matches = []
    for claim in claims:
        situation = describe(claim.sentence.text, claim.role, places[claim.id])
        for rule, slots in match_sentence(matcher, claim.sentence.text, situation):
            matches.append(Match(
                rule.id, rule.scheme, claim, slots, bool(situation.hedge),
                hedge=situation.hedge, negated=situation.negated,
            ))
    return matches
