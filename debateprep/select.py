"""Stage 6 — select: rank the candidate prompts and keep the best.

Greedy and deterministic: candidates in score order (ties broken by claim,
rule and text), each kept unless its claim already has enough on that side or
it nearly repeats a prompt already kept. Sides are balanced per claim: a
claim keeps a prompt on one side only if it can have one on the other.
"""

from __future__ import annotations

from dataclasses import replace

from .claims import content_words
from .models import Prompt

NEAR_DUPLICATE = 0.7


def _similar(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def select(candidates: list[Prompt], per_side: int = 2) -> tuple[Prompt, ...]:
    ordered = sorted(candidates, key=lambda p: (-p.score, p.claim.id, p.rule, p.side, p.text))
    sides_available: dict[str, set[str]] = {}
    for prompt in ordered:
        sides_available.setdefault(prompt.claim.id, set()).add(prompt.side)

    kept: list[Prompt] = []
    kept_words: dict[str, list[set[str]]] = {}
    counts: dict[tuple[str, str], int] = {}
    for prompt in ordered:
        if len(sides_available[prompt.claim.id]) < 2:
            continue
        key = (prompt.claim.id, prompt.side)
        if counts.get(key, 0) >= per_side:
            continue
        words = content_words(prompt.text)
        if any(_similar(words, other) >= NEAR_DUPLICATE for other in kept_words.get(prompt.claim.id, [])):
            continue
        kept.append(prompt)
        kept_words.setdefault(prompt.claim.id, []).append(words)
        counts[key] = counts.get(key, 0) + 1
    return tuple(replace(prompt, id=f"P{number}") for number, prompt in enumerate(kept, start=1))
