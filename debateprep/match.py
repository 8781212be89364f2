"""Stage 4 — match: the rule engine runs the rule packs over the claims.

Every pattern is indexed by its cues, the plain words a sentence must contain
(one of each cue's) for it to match; one RE2 `Set` of all cues tells in a
single linear pass which patterns are worth running on a sentence, and only
those run for their slots. Cost therefore grows with the sentences and the rules
whose words they contain, not with every rule on every sentence.

A rule fires on a sentence when one of its patterns matches with every slot
within its word limits, its `when` conditions hold (role, position, hedged,
negated) and none of its `unless` exclusions occur in the sentence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import re2

from .errors import DebateprepError
from .models import Claim, Match
from .patterns import ScreenedRegex, as_text, compile_regex, cue_regexes
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


# The cue set is plain words, but thousands of them: RE2's 8 MB default holds
# the built-in library's cues, not ten times as many.
CUE_SET_OPTIONS = re2.Options()
CUE_SET_OPTIONS.log_errors = False
CUE_SET_OPTIONS.max_mem = 64 << 20


@dataclass(frozen=True)
class Matcher:
    rules: tuple[Rule, ...]
    patterns: tuple[tuple[int, str], ...]  # pattern index -> (rule index, regex source)
    cues: object  # re2.Set over every distinct cue: a few literal words each
    cue_patterns: tuple[tuple[int, ...], ...]  # cue index -> the patterns with only that cue
    cue_pairs: tuple[tuple[tuple[int, int], ...], ...]  # cue index -> (pattern, its second cue)
    uncued: frozenset[int]  # patterns with no cue: tried on every sentence
    unless: tuple[object | None, ...]  # rule index -> compiled exclusion regex
    compiled: list = field(default_factory=list)  # pattern index -> regex, filled on first use

    def regex(self, index: int):
        """The pattern compiled, the first time a sentence needs it: most patterns never run
        on a given essay, and compiling them all would cost a short run more than matching."""
        found = self.compiled[index]
        if found is None:
            found = self.compiled[index] = ScreenedRegex(self.patterns[index][1])
        return found

    def candidates(self, text: bytes) -> list[int]:
        """The patterns worth running on a sentence (UTF-8), in library order."""
        found = set(self.uncued)
        fired = set(self.cues.Match(text) or ())
        for cue in fired:
            found.update(self.cue_patterns[cue])
            found.update(pattern for pattern, second in self.cue_pairs[cue] if second in fired)
        return sorted(found)


@functools.lru_cache(maxsize=8)
def compile_rules(rules: tuple[Rule, ...]) -> Matcher:
    """Index every pattern by its cues: up to two sets of plain words, from each of which
    a sentence must contain one for the pattern to match. One pass of a small RE2 set
    over a sentence finds its cues; only the patterns all of whose cues fired run. A
    set over the full patterns would be exact but builds a large automaton for every
    new text."""
    patterns, cue_index, cue_patterns, cue_pairs, uncued = [], {}, [], [], set()
    cues = re2.Set.SearchSet(CUE_SET_OPTIONS)

    def index_of(cue: str) -> int:
        if cue not in cue_index:
            cue_index[cue] = len(cue_patterns)
            cue_patterns.append([])
            cue_pairs.append([])
            cues.Add(cue.encode("utf-8"))
        return cue_index[cue]

    for rule_index, rule in enumerate(rules):
        rule_cues = rule.cues or tuple(map(cue_regexes, rule.patterns))  # rules made in code may lack them
        for source, pattern_cues in zip(rule.patterns, rule_cues):
            pattern_index = len(patterns)
            patterns.append((rule_index, source))
            indices = [index_of(cue) for cue in pattern_cues]
            if len(indices) == 2:
                cue_pairs[indices[0]].append((pattern_index, indices[1]))
            elif indices:
                cue_patterns[indices[0]].append(pattern_index)
            else:
                uncued.add(pattern_index)
    try:
        cues.Compile()
    except re2.error:
        raise DebateprepError(f"the {len(rules)} rules loaded are too many to index together") from None
    unless = tuple(ScreenedRegex(rule.unless) if rule.unless else None for rule in rules)
    return Matcher(rules, tuple(patterns), cues, tuple(map(tuple, cue_patterns)), tuple(map(tuple, cue_pairs)),
                   frozenset(uncued), unless, [None] * len(patterns))


def _slots(rule: Rule, found) -> dict[str, str] | None:
    """The match's slots, tidied, or None if a slot is empty or breaks its word limits."""
    slots = {  # the patterns search UTF-8 bytes: names and values come back as bytes
        as_text(name): as_text(value or b"").strip(_SLOT_EDGES) for name, value in found.groupdict().items()
    }
    if all(value and rule.slot_limit(name).allows(value) for name, value in slots.items()):
        return slots
    return None


def match_sentence(matcher: Matcher, text: str, situation: Situation | None = None):
    """(rule, slots) for every rule that fires on `text`: its first pattern whose slots fit."""
    situation = situation or Situation()
    fired: dict[int, dict[str, str]] = {}
    refused: set[int] = set()
    data = text.encode("utf-8")
    for pattern_index in matcher.candidates(data):
        rule_index = matcher.patterns[pattern_index][0]
        if rule_index in fired or rule_index in refused:
            continue
        rule = matcher.rules[rule_index]
        unless = matcher.unless[rule_index]
        if not situation.admits(rule) or (unless and unless.search(data)):
            refused.add(rule_index)
            continue
        found = matcher.regex(pattern_index).search(data)
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
        situation = Situation(claim.sentence.text, claim.role, places[claim.id])
        for rule, slots in match_sentence(matcher, claim.sentence.text, situation):
            matches.append(Match(rule.id, rule.scheme, claim, slots, situation.hedge, situation.negated))
    return matches
