"""Analysis speed on the ~1,000-word seed essay, with the built-in rules and with 10× as many.

    python bench/analyze.py [--profile]

Times the whole in-process analysis (read → select) and, for the built-in
rules, each stage of it, median of many runs after warm-up, each run with the
text helpers' memos cleared (as for a new essay). The
10× library adds generated variants of every built-in templated rule under
new ids, their literal words permuted so each is a real, distinct pattern.
Then, because RE2 builds its automata as text first needs them, the same for
essays this process has never seen (`first_sight`), per 1,000 words.
Targets: ≤ 5 ms with the built-in rules; ≤ 1.5× that with 10× the rules.
"""

from __future__ import annotations

import cProfile
import pstats
import re
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from debateprep import language
from debateprep.match import match_claims
from debateprep.patterns import check_indexable, compile_template
from debateprep.pipeline import analyze, prepare
from debateprep.read import read_text
from debateprep.claims import _stem, content_words, find_claims
from debateprep.realize import realize
from debateprep.rules import load_rules
from debateprep.segment import segment
from debateprep.select import select

SEED = Path(__file__).resolve().parent.parent / "seeds/khodorkovsky-no-time-for-peace-talks.md"
RUNS = 200


_TOKEN = re.compile(r"\{\w+\}|\([^()]*\)|\[[^\[\]]*\]|\S+")


def permuted(template: str, shift: int) -> str:
    """The template with its literal tokens rotated by `shift` (slots stay in place) and the
    letters of every literal word rotated too, so each variant is a distinct rule about
    other words, as a real library ten times larger would be."""
    tokens = _TOKEN.findall(template)
    literal_at = [i for i, token in enumerate(tokens) if not token.startswith("{")]
    words = [tokens[i] for i in literal_at]
    turn = shift % len(words)
    words = words[turn:] + words[:turn]
    for i, word in zip(literal_at, words):
        tokens[i] = _WORD.sub(lambda found: _rotate(found.group(0), shift), word)
    return " ".join(tokens)


_WORD = re.compile(r"[A-Za-z]{2,}")


def _rotate(word: str, shift: int) -> str:
    k = shift % len(word) or 1
    return word[k:] + word[:k]


_REGEX_WORD = re.compile(r"(?<![<\\\w])[a-z]{2,}")


def permuted_regex(source: str, shift: int) -> str:
    """The regex with the letters of every literal word (of 2+ letters) rotated, so the
    variant is a distinct rule about other words; group names stay as they are. A regex
    with no such word (pure shape, like a question) gets a required word of its own."""
    varied, count = _REGEX_WORD.subn(lambda found: _rotate(found.group(0), shift), source)
    return varied if count else f"(?i)\\bvariant{shift}\\b.*" + source.removeprefix("(?i)")


def tenfold(rules):
    """The rules plus nine variants of each rule, each under a new id: templated patterns
    with their literal words permuted, regexes with a literal word's letters rotated."""
    variants = []
    for copy in range(1, 10):
        for rule in rules:
            patterns, sources = [], []
            for written, pattern in zip(rule.written, rule.patterns):
                if written.startswith("regex:"):
                    patterns.append(permuted_regex(pattern, copy))
                    sources.append(written)
                else:
                    source = permuted(written, copy)
                    patterns.append(compile_template(source)[0])
                    sources.append(source)
            variants.append(replace(rule, id=f"{rule.id}.v{copy}", patterns=tuple(patterns),
                                    written=tuple(sources), screened=tuple(map(check_indexable, patterns))))
    return tuple(rules) + tuple(variants)


def cold() -> None:
    """Forget what the text helpers memoised, so each run realizes its slots afresh."""
    memoised = (language.author, language.tidy, language.unframe, language._trim, language._clause, _stem,
                content_words)
    for helper in memoised:
        helper.cache_clear()


def median_ms(action) -> float:
    for _ in range(20):
        action()
    times = []
    for _ in range(RUNS):
        cold()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def stage_medians(text: str, rules) -> dict[str, float]:
    """Median ms of each stage over whole analyses, each stage timed where it runs."""
    by_id = {rule.id: rule for rule in rules}
    stages = {name: [] for name in ("read", "segment", "claims", "match", "realize", "select")}
    for run in range(20 + RUNS):
        cold()
        clock = [time.perf_counter()]
        document = read_text(text, SEED.name)
        clock.append(time.perf_counter())
        sentences = segment(document)
        clock.append(time.perf_counter())
        claims = find_claims(document, sentences)
        clock.append(time.perf_counter())
        matches = match_claims(claims, rules)
        clock.append(time.perf_counter())
        candidates = realize(matches, by_id, document, sentences)
        clock.append(time.perf_counter())
        select(candidates)
        clock.append(time.perf_counter())
        if run >= 20:
            for times, start, end in zip(stages.values(), clock, clock[1:]):
                times.append(end - start)
    return {name: statistics.median(times) * 1000 for name, times in stages.items()}


ROOT = SEED.parent.parent
DISTINCT = sorted([*(ROOT / "seeds").iterdir(), *(ROOT / "tests/data").glob("*/texts/*")])


def first_sight(rules) -> tuple[float, float]:
    """ms per 1,000 words over essays this process has never seen, then over the same again.

    RE2 builds its automata's states as text first needs them and keeps them: the runs
    above, on one essay again and again, never pay for that. A new essay does, so this
    is the figure a teacher's single essay sees (start-up aside).
    """
    prepare(rules)
    texts = [path.read_text(encoding="utf-8") for path in DISTINCT]
    words = sum(read_text(text, "essay.md").words for text in texts)
    rates = []
    for _ in range(2):
        start = time.perf_counter()
        for text in texts:
            cold()
            analyze(text, name="essay.md", rules=rules)
        rates.append((time.perf_counter() - start) * 1e6 / words)
    return rates[0], rates[1]


def main() -> None:
    text = SEED.read_text(encoding="utf-8")
    document = read_text(text, SEED.name)
    builtin = load_rules()
    many = tenfold(builtin)
    print(f"essay: {SEED.name}, {document.words} words, {len(segment(document))} sentences; "
          f"{RUNS} runs, median")
    results = {}
    for label, rules in (("built-in", builtin), ("10x", many)):
        results[label] = median_ms(lambda: analyze(text, name=SEED.name, rules=rules))
        print(f"{label:9} {len(rules):4} rules: analysis {results[label]:6.2f} ms")
    print(f"10x / built-in: {results['10x'] / results['built-in']:.2f}×")
    split = stage_medians(text, builtin)
    print("stages (built-in): " + ", ".join(f"{name} {ms:.2f}" for name, ms in split.items()) + " ms")
    first, again = first_sight(builtin)
    print(f"new text ({len(DISTINCT)} distinct essays, each analysed once): {first:.2f} ms per 1,000 words; "
          f"the same essays again: {again:.2f}")
    if "--profile" in sys.argv:
        profile = cProfile.Profile()
        profile.runcall(lambda: [analyze(text, rules=many) for _ in range(50)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(20)


if __name__ == "__main__":
    main()
