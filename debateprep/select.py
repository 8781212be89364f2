"""Stage 6 — select: rank the candidate prompts and keep the best.

Greedy and deterministic: candidates in score order (ties broken by claim,
rule and text), each kept unless its claim already has enough on that side,
it nearly repeats a prompt already kept for the claim, or the same question
is already on the page. Sides are balanced per claim: a claim keeps as many
pro prompts as con prompts, the weakest extras dropped.
"""

from __future__ import annotations

from dataclasses import replace

from .models import Prompt
from .realize import words_of

NEAR_DUPLICATE = 0.7


def _similar(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def select(candidates: list[Prompt], per_side: int = 2, max_prompts: int | None = None) -> tuple[Prompt, ...]:
    """The best prompts: at most `per_side` per claim and side, `max_prompts` in all."""
    ordered = sorted(candidates, key=lambda p: (-p.score, p.claim.id, p.rule, p.side, p.text))
    kept: list[Prompt] = []
    kept_words: dict[str, list[set[str]]] = {}
    kept_texts: set[str] = set()
    counts: dict[tuple[str, str], int] = {}
    for prompt in ordered:
        key = (prompt.claim.id, prompt.side)
        if counts.get(key, 0) >= per_side or prompt.text.lower() in kept_texts:
            continue
        words = words_of(prompt.text)
        if any(_similar(words, other) >= NEAR_DUPLICATE for other in kept_words.get(prompt.claim.id, [])):
            continue
        kept.append(prompt)
        kept_texts.add(prompt.text.lower())
        kept_words.setdefault(prompt.claim.id, []).append(words)
        counts[key] = counts.get(key, 0) + 1

    balanced = _balance(kept)
    if max_prompts is not None:
        balanced = _balance(balanced[:max_prompts])
    return tuple(replace(prompt, id=f"P{number}") for number, prompt in enumerate(balanced, start=1))


def _balance(prompts: list[Prompt]) -> list[Prompt]:
    """Keep as many pro as con prompts per claim; prompts come best first, so the
    extras dropped are the weakest."""
    counts: dict[tuple[str, str], int] = {}
    for prompt in prompts:
        counts[(prompt.claim.id, prompt.side)] = counts.get((prompt.claim.id, prompt.side), 0) + 1
    balanced, used = [], {}
    for prompt in prompts:
        pair = min(counts.get((prompt.claim.id, side), 0) for side in ("pro", "con"))
        key = (prompt.claim.id, prompt.side)
        if used.get(key, 0) < pair:
            used[key] = used.get(key, 0) + 1
            balanced.append(prompt)
    return balanced
