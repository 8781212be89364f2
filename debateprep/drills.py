"""Counter-argument drills: one round per key claim, argue against it, then rebut.

A drill pairs a key claim with its best con prompt (argue against the author)
and its best pro prompt (the author's likely rebuttal). `--seed` shuffles the
rounds with Python's own seeded generator, so the same seed gives the same
order on every machine; `--flip` has students argue the side they disagree
with. `drills_to_dict` is the data model every format renders.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .models import Analysis, Claim, Document, Prompt
from .worksheet import claim_to_dict, key_claims, prompt_to_dict, source_to_dict

SCHEMA = "debateprep.drills/1"

# Suggested timings for one round, in minutes.
ROUND_STEPS = (("Prepare", 2), ("Argue", 2), ("Rebut", 1), ("Debrief", 1))

STEP_WORDING = {
    False: (
        ("Argue against it", "against"),
        ("The author's likely rebuttal", "rebuttal"),
    ),
    True: (
        ("If you agree with the author, argue against it", "against"),
        ("If you disagree, argue for the author", "rebuttal"),
    ),
}
FLIP_INSTRUCTION = "Argue the side you disagree with: answer only the question for your side."
ANSWER_LINES = 3


@dataclass(frozen=True)
class Drill:
    claim: Claim
    against: Prompt  # con: argue against the author
    rebuttal: Prompt  # pro: how the author would answer back


@dataclass(frozen=True)
class DrillSet:
    document: Document
    drills: tuple[Drill, ...]
    seed: int | None = None
    flip: bool = False
    cards: bool = False


def build_drills(analysis: Analysis, *, max_claims: int = 6, seed: int | None = None,
                 flip: bool = False, cards: bool = False) -> DrillSet:
    drills = []
    for claim in key_claims(analysis, max_claims):
        prompts = analysis.prompts_for(claim)  # best first
        against = next(p for p in prompts if p.side == "con")
        rebuttal = next(p for p in prompts if p.side == "pro")
        drills.append(Drill(claim, against, rebuttal))
    if seed is not None:
        random.Random(seed).shuffle(drills)
    return DrillSet(analysis.document, tuple(drills), seed, flip, cards)


def drills_to_dict(drill_set: DrillSet) -> dict:
    """The drills as plain, versioned data, in the order they are run."""
    minutes = sum(m for _, m in ROUND_STEPS)
    question_numbers = iter(range(1, 10_000))
    rounds = []
    for number, drill in enumerate(drill_set.drills, start=1):
        rounds.append({
            "number": number,
            "claim": claim_to_dict(drill.claim),
            "steps": [
                {"label": label, "prompt": prompt_to_dict(getattr(drill, which), next(question_numbers))}
                for label, which in STEP_WORDING[drill_set.flip]
            ],
        })
    return {
        "schema": SCHEMA,
        "source": source_to_dict(drill_set.document),
        "seed": drill_set.seed,
        "flip": drill_set.flip,
        "cards": drill_set.cards,
        "instruction": FLIP_INSTRUCTION if drill_set.flip else "",
        "timings": [{"step": step, "minutes": m} for step, m in ROUND_STEPS],
        "round_minutes": minutes,
        "total_minutes": minutes * len(rounds),
        "answer_lines": ANSWER_LINES,
        "rounds": rounds,
    }
