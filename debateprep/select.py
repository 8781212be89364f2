"""Stage 6 — select: rank the candidate prompts and keep the best.

Greedy and deterministic: candidates in score order (ties broken by claim,
rule and text), each kept unless its claim already has enough on that side,
it nearly repeats a prompt already kept for the claim, or the same question
is already on the page. A first pass keeps at most one prompt per scheme on
each side of a claim, so a claim read two ways is asked about both ways
before either scheme gets a second question; a second pass fills what is
left. (Rated blind on unseen texts, a scheme's second question on the same
side was good less often than its first: 38% against 51%.) Sides are
balanced per claim: a claim keeps as many pro prompts as con prompts, the
weakest extras dropped.

Two questions for one side of a claim that open with the same words
(`SAME_OPENING`) ask the same thing of two slots or two readings of one
sentence ("Besides the author's own reply, what tells against the view that
Ukraine cannot win?" and "…against the case of those urging talks?"): only
the better is kept, however few words the rest shares.

A pro and a con question that quote the same long sentence share most of
their words without asking the same thing. Such a near-repeat across sides is
still skipped while the claim has other questions for that side, but where it
is the side's only candidate left it is kept: otherwise balancing would take
the claim's questions on the other side too (24 of 882 claims on the rated
sets lost every question that way).
"""

from __future__ import annotations

from .models import Prompt, built
from .claims import content_words

NEAR_DUPLICATE = 0.7
SAME_OPENING = 6  # words


def _similar(a: set[str], b: set[str]) -> float:
    """Jaccard similarity; the union's size is counted, not built."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def select(candidates: list[Prompt], per_side: int = 2, max_prompts: int | None = None) -> tuple[Prompt, ...]:
    """The best prompts: at most `per_side` per claim and side, `max_prompts` in all."""
    ordered = sorted(candidates, key=lambda p: (-p.score, p.claim.id, p.rule, p.side, p.text))
    kept: set[int] = set()
    kept_words: dict[str, list[tuple[frozenset[str], str]]] = {}  # claim id -> (words, side) kept
    kept_texts: set[str] = set()
    kept_openings: set[tuple[str, str, str]] = set()  # (claim id, side, opening words)
    counts: dict[tuple[str, str], int] = {}
    schemes_asked: set[tuple[str, str, str]] = set()
    deferred: list[int] = []  # skipped only because their scheme already had a question there
    echoes: dict[tuple[str, str], int] = {}  # (claim, side) -> best skipped only as near the other side
    for first_pass, ranks in ((True, range(len(ordered))), (False, deferred)):
        for rank in ranks:
            prompt = ordered[rank]
            key = (prompt.claim.id, prompt.side)
            if counts.get(key, 0) >= per_side:
                continue
            scheme_key = (prompt.claim.id, prompt.side, prompt.scheme)
            if first_pass and scheme_key in schemes_asked:
                deferred.append(rank)
                continue
            text = prompt.text.lower()
            opening = (prompt.claim.id, prompt.side, " ".join(text.split()[:SAME_OPENING]))
            if text in kept_texts or opening in kept_openings:
                continue
            words = content_words(prompt.text)
            claim_words = kept_words.setdefault(prompt.claim.id, [])
            near_sides = {side for other, side in claim_words if _similar(words, other) >= NEAR_DUPLICATE}
            if near_sides:
                if prompt.side not in near_sides:
                    echoes.setdefault(key, rank)
                continue
            kept.add(rank)
            kept_texts.add(text)
            kept_openings.add(opening)
            claim_words.append((words, prompt.side))
            counts[key] = counts.get(key, 0) + 1
            schemes_asked.add(scheme_key)

    kept.update(rank for key, rank in echoes.items() if key not in counts)
    balanced = _balance([ordered[rank] for rank in sorted(kept)])
    if max_prompts is not None:
        balanced = _balance(balanced[:max_prompts])
    return tuple(_numbered(prompt, number) for number, prompt in enumerate(balanced, start=1))


def _numbered(prompt: Prompt, number: int) -> Prompt:
    """The prompt with its id."""
    return built(Prompt, **{**vars(prompt), "id": f"P{number}"})


def _balance(prompts: list[Prompt]) -> list[Prompt]:
    """Keep as many pro as con prompts per claim; prompts come best first, so the
    extras dropped are the weakest."""
    counts: dict[tuple[str, str], int] = {}
    for prompt in prompts:
        key = (prompt.claim.id, prompt.side)
        counts[key] = counts.get(key, 0) + 1
    balanced, used = [], {}
    for prompt in prompts:
        claim_id = prompt.claim.id
        pair = min(counts.get((claim_id, "pro"), 0), counts.get((claim_id, "con"), 0))
        key = (claim_id, prompt.side)
        if used.get(key, 0) < pair:
            used[key] = used.get(key, 0) + 1
            balanced.append(prompt)
    return balanced
