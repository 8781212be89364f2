"""Stage 7 — build: an Analysis becomes the data a worksheet template renders.

Key claims come from the claims stage (`claims.key_claims`: by salience,
spread across the essay, restatements merged). Only claims with prompts on
both sides make the page: every question has a partner on the other side.

`worksheet_to_dict` is the data model every format renders (Markdown, HTML,
the Typst PDF) and the `--format json` output, so all formats show the same
words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import contract
from .claims import key_claims as pick_key_claims
from .models import Analysis, Claim, Document, Prompt

SCHEMA = "debateprep.worksheet/1"


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


OPENING = ("In one sentence of your own, what does the author want you to believe, "
           "and what is the strongest reason given for it?")
CLOSING = ("Which one of the author's assumptions would you most want to test, "
           "and what would change your mind about the thesis?")
REFLECTION = "Before the seminar I thought … Now I think … because …"


def source_to_dict(document: Document) -> dict:
    """The contract's source block, with the rubric on one line for printing."""
    return {**contract.source_to_dict(document), "subtitle": " ".join(document.subtitle.split())}


def claim_to_dict(claim: Claim, schemes: tuple[str, ...] = ()) -> dict:
    return {
        "id": claim.id, "ref": claim.sentence.ref, "text": " ".join(claim.sentence.text.split()),
        "role": claim.role, "stance": claim.stance, "schemes": list(schemes),
    }


def prompt_to_dict(prompt: Prompt, number: int) -> dict:
    return {
        "number": number, "id": prompt.id, "claim": prompt.claim.id, "ref": prompt.claim.sentence.ref,
        "side": prompt.side, "scheme": prompt.scheme, "rule": prompt.rule,
        "explain": prompt.explain, "text": prompt.text,
    }


def worksheet_to_dict(sheet: Worksheet, *, teacher: bool = False) -> dict:
    """The worksheet as plain, versioned data; questions numbered Q1… in page order."""
    numbers = iter(range(1, 10_000))
    claims = []
    for position, section in enumerate(sheet.sections, start=1):
        claim = claim_to_dict(section.claim, section.schemes)
        claim["number"] = position
        claim["prompts"] = [prompt_to_dict(p, next(numbers)) for p in section.pro + section.con]
        claims.append(claim)
    core = [prompt_to_dict(p, next(numbers)) for p in sheet.core_questions]
    asked = [p for claim in claims for p in claim["prompts"]] + core
    by_scheme = [
        {"scheme": scheme, "prompts": [p for p in asked if p["scheme"] == scheme]}
        for scheme in sorted({p["scheme"] for p in asked})
    ]
    return {
        "schema": SCHEMA,
        "teacher": teacher,
        "source": source_to_dict(sheet.document),
        "theses": [claim_to_dict(claim) for claim in sheet.theses],
        "claims": claims,
        "opening": [OPENING],
        "core": core,
        "closing": [CLOSING],
        "reflection": REFLECTION,
        "by_scheme": by_scheme,
    }
