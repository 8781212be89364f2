"""Stage 7 — build: an Analysis becomes the data a worksheet template renders.

Key claims come from the claims stage (`claims.key_claims`: by salience,
spread across the essay, restatements merged). Only claims with prompts on
both sides make the page: every question has a partner on the other side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .claims import key_claims as pick_key_claims
from .models import Analysis, Claim, Document, Prompt


@dataclass(frozen=True)
class ClaimSection:
    claim: Claim
    pro: tuple[Prompt, ...]
    con: tuple[Prompt, ...]
    schemes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Worksheet:
    document: Document
    theses: tuple[Claim, ...]
    sections: tuple[ClaimSection, ...]
    core_questions: tuple[Prompt, ...] = field(default=())


def key_claims(analysis: Analysis, max_claims: int) -> list[Claim]:
    """The claims stage's key claims that have prompts on both sides, in essay order."""
    sides: dict[str, set[str]] = {}
    for prompt in analysis.prompts:
        sides.setdefault(prompt.claim.id, set()).add(prompt.side)
    chosen = pick_key_claims(analysis.claims, max_claims, keep=lambda claim: len(sides.get(claim.id, ())) == 2)
    return sorted(chosen, key=lambda claim: claim.sentence.start)


def build_worksheet(analysis: Analysis, *, max_claims: int = 6, prompts_per_side: int = 2) -> Worksheet:
    sections = []
    shown: set[str] = set()
    for claim in key_claims(analysis, max_claims):
        prompts = analysis.prompts_for(claim)
        pro = tuple(p for p in prompts if p.side == "pro")[:prompts_per_side]
        con = tuple(p for p in prompts if p.side == "con")[:prompts_per_side]
        shown.update(p.id for p in pro + con)
        sections.append(ClaimSection(claim, pro, con, analysis.schemes_by_claim.get(claim.id, ())))
    core = []
    schemes_used: set[str] = set()
    for prompt in analysis.prompts:  # best first
        if prompt.id not in shown and prompt.side == "con" and prompt.scheme not in schemes_used:
            core.append(prompt)
            schemes_used.add(prompt.scheme)
        if len(core) == 3:
            break
    theses = tuple(c for c in analysis.claims if c.role == "thesis")
    return Worksheet(analysis.document, theses, tuple(sections), tuple(core))
