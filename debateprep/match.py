"""Stage 4 — match: the rule engine runs the rule packs over the claims.

Every pattern has a relaxed form (see `patterns.relaxed`) that matches
wherever it does; RE2's `Filter` holds them all, reads the literal words each
needs, and in one call per sentence returns the patterns whose relaxed form
matches (the few with no word to look for share one RE2 set instead). Only
those run exactly, for their slots. Cost therefore grows with the sentences
and the rules whose words they contain, not with every rule on every sentence.

A rule fires on a sentence when one of its patterns matches with every slot
within its word limits, its `when` conditions hold (role, position, hedged,
negated) and none of its `unless` exclusions occur in the sentence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import re2

from .errors import DebateprepError
from .models import Claim, Match
from .patterns import QUIET_OPTIONS, ScreeningSet, SlotSearch, as_text, compile_regex, relaxed
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


@dataclass(frozen=True)
class Matcher:
    rules: tuple[Rule, ...]
    patterns: tuple[tuple[int, str], ...]  # pattern index -> (rule index, regex source)
    screens: tuple[tuple[tuple[int, ...], object], ...]  # (pattern indices, re2.Filter or ScreeningSet over them)
    unless: tuple[object | None, ...]  # rule index -> compiled exclusion regex
    compiled: list = field(default_factory=list)  # pattern index -> regex, filled on first use

    def regex(self, index: int):
        """The pattern ready to search for its slots, the first time a sentence matches it:
        most patterns never match a given essay."""
        found = self.compiled[index]
        if found is None:
            found = self.compiled[index] = SlotSearch(self.patterns[index][1])
        return found

    def candidates(self, text: bytes) -> list[int]:
        """The patterns whose relaxed form matches a sentence (UTF-8), in library order:
        every pattern that matches is among them, and few others are."""
        return self.every_candidates([text])[0]

    def every_candidates(self, texts: list[bytes]) -> list[list[int]]:
        """`candidates` for each of several sentences. Each screen reads every sentence
        before the next screen starts: a large library has several, and taking them in
        turn on each sentence would evict each one's automaton from the CPU's caches."""
        found: list[list[int]] = [[] for _ in texts]
        for indices, screen in self.screens:
            for text, hits in zip(texts, found):
                hits.extend(indices[index] for index in screen.Match(text) or ())
        for hits in found:
            hits.sort()
        return found


@functools.lru_cache(maxsize=8)
def compile_rules(rules: tuple[Rule, ...]) -> Matcher:
    """Put every pattern's `relaxed` form into RE2's `Filter`: it reads the literal words
    each pattern needs, finds them all in a sentence with one automaton, and runs only the
    patterns whose words are there, all in one call. The exact pattern, which captures the
    slots, then runs only where its relaxed form matched.

    A pattern with no literal word to look for (a question's shape, a figure's digits) would
    pass the filter and run on its own on every sentence; those go into one `ScreeningSet`
    instead, which runs them all in a single pass.
    """
    patterns = tuple((rule_index, source) for rule_index, rule in enumerate(rules) for source in rule.patterns)
    screened = [flag for rule in rules for flag in (rule.screened or (True,) * len(rule.patterns))]
    sources = [source for _, source in patterns]
    screens = (_screens([i for i, flag in enumerate(screened) if flag], sources, "filter")
               + _screens([i for i, flag in enumerate(screened) if not flag], sources, "set"))
    unless = tuple(compile_regex(rule.unless, on_bytes=True) if rule.unless else None for rule in rules)
    return Matcher(rules, patterns, tuple(screens), unless, [None] * len(patterns))


def _screens(indices: list[int], sources: list[str], kind: str) -> list[tuple[tuple[int, ...], object]]:
    """`kind` screens ("filter" or "set") over the relaxed patterns at `indices`, each in
    bounded memory: as few as will compile, of equal size, since every screen is one more
    pass over each sentence (halving 5,100 patterns gave 8 screens where 5 compile)."""
    if not indices:
        return []
    for size in sorted({-(-len(indices) // parts) for parts in range(1, len(indices) + 1)}, reverse=True):
        first = _screen(indices[:size], sources, kind)
        if first is not None:
            break
    else:
        raise DebateprepError(f"pattern too large to index: {sources[indices[0]][:80]}")
    rest = [indices[start:start + size] for start in range(size, len(indices), size)]
    return [first, *(screen for part in rest for screen in _screens(part, sources, kind))]


def _screen(indices: list[int], sources: list[str], kind: str) -> tuple[tuple[int, ...], object] | None:
    """One screen over the relaxed patterns at `indices`, or None if they are too many for one."""
    relaxed_forms = [relaxed(sources[index]) for index in indices]
    try:
        if kind == "filter":
            screen = re2.Filter()
            for source in relaxed_forms:
                screen.Add(source.encode("utf-8"), QUIET_OPTIONS)
            screen.Compile()
        else:
            screen = ScreeningSet(relaxed_forms)
    except re2.error:
        return None
    return tuple(indices), screen


def _slots(rule: Rule, found, data: bytes) -> dict[str, str] | None:
    """The match's slots, tidied, or None if a slot is empty, breaks its word limits or cuts a
    number in two."""
    groups = found.groupdict()
    if any(_cuts_number(data, found.span(index)) for index in found.re.groupindex.values()):
        return None
    slots = {  # the patterns search UTF-8 bytes: names and values come back as bytes
        as_text(name): as_text(value or b"").strip(_SLOT_EDGES) for name, value in groups.items()
    }
    if all(value and rule.slot_limit(name).allows(value) for name, value in slots.items()):
        return slots
    return None


_NUMBER_INSIDE = re.compile(rb"\d[,.]\d")


def _cuts_number(data: bytes, span: tuple[int, int]) -> bool:
    """Does a slot start or end inside a number ("the £250,000 youth fund" cut at its comma
    gives "000 youth fund")? A pattern that stops at commas does that to a large figure."""
    return any(_NUMBER_INSIDE.fullmatch(data, max(edge - back, 0), edge + 3 - back) is not None
               for edge in span for back in (1, 2))


def match_sentence(matcher: Matcher, text: str, situation: Situation | None = None):
    """(rule, slots) for every rule that fires on `text`: its first pattern whose slots fit."""
    data = text.encode("utf-8")
    return _fire(matcher, data, matcher.candidates(data), situation or Situation())


def _fire(matcher: Matcher, data: bytes, candidates: list[int], situation: Situation):
    """`match_sentence` for a sentence already encoded and filtered."""
    fired: dict[int, dict[str, str]] = {}
    refused: set[int] = set()
    for pattern_index in candidates:
        rule_index = matcher.patterns[pattern_index][0]
        if rule_index in fired or rule_index in refused:
            continue
        rule = matcher.rules[rule_index]
        if not situation.admits(rule):
            refused.add(rule_index)
            continue
        found = matcher.regex(pattern_index).search(data)
        if not found:
            continue
        unless = matcher.unless[rule_index]  # read only once a pattern matches: most never do
        if unless and unless.search(data):
            refused.add(rule_index)
            continue
        slots = _slots(rule, found, data)
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


Screened = list[tuple[bytes, list[int]]]


def screen(claims: tuple[Claim, ...], rules: tuple[Rule, ...]) -> Screened:
    """Each claim's sentence as UTF-8 and the patterns that may match it (`Matcher.candidates`).

    `match_claims` screens all of an essay's sentences in one run before it matches any:
    the filter's automata stay in the CPU's caches instead of being evicted by the Python
    work on each sentence's candidates. `pipeline.analyze_documents` screens several essays
    in one run for the same reason.
    """
    matcher = compile_rules(rules)
    every_data = [claim.sentence.text.encode("utf-8") for claim in claims]
    return list(zip(every_data, matcher.every_candidates(every_data)))


def match_claims(claims: tuple[Claim, ...], rules: tuple[Rule, ...],
                 screened: Screened | None = None) -> list[Match]:
    """Every rule that fires on every claim; `screened` is `screen(claims, rules)`, if done already."""
    matcher = compile_rules(rules)
    places = positions_of(claims)
    matches = []
    for claim, (data, candidates) in zip(claims, screened if screened is not None else screen(claims, rules)):
        situation = Situation(claim.sentence.text, claim.role, places[claim.id])
        for rule, slots in _fire(matcher, data, candidates, situation):
            matches.append(Match(rule.id, rule.scheme, claim, slots, situation.hedge, situation.negated))
    return matches
