"""The whole analysis in one call: read → segment → claims → match → realize → select.

`analyze` is a pure function of its inputs: no global state beyond the
per-process cache of compiled rule packs.
"""

from __future__ import annotations

from .claims import find_claims, role_cues
from .language import common_words
from .match import compile_rules, match_claims
from .models import Analysis, Document
from .read import read_text
from .realize import realize
from .rules import Rule, load_rules, prompt_renderer
from .segment import segment
from .select import select


def analyze_document(
    document: Document, rules: tuple[Rule, ...] | None = None, *, per_side: int = 2,
    speaker: str | None = None, max_prompts: int | None = None,
) -> Analysis:
    """`speaker` names a transcript's author (default: the speaker with most words)."""
    rules = load_rules() if rules is None else rules
    sentences = segment(document)
    claims = find_claims(document, sentences, speaker=speaker)
    matches = match_claims(claims, rules)
    prompts = select(realize(matches, {rule.id: rule for rule in rules}, document), per_side, max_prompts)
    schemes: dict[str, list[str]] = {}
    for match in matches:
        names = schemes.setdefault(match.claim.id, [])
        if match.scheme not in names:
            names.append(match.scheme)
    return Analysis(
        document, sentences, claims, prompts,
        {claim_id: tuple(names) for claim_id, names in schemes.items()},
    )


def analyze(text: str, *, name: str = "<text>", markdown: bool = True,
            rules: tuple[Rule, ...] | None = None, per_side: int = 2,
            speaker: str | None = None, max_prompts: int | None = None) -> Analysis:
    """Analyse essay text already in memory (the library entry point)."""
    return analyze_document(read_text(text, name, markdown=markdown), rules, per_side=per_side,
                            speaker=speaker, max_prompts=max_prompts)


def prepare(rules: tuple[Rule, ...]) -> None:
    """Build now what the engine otherwise builds as essays first need it: the rules' matcher
    and every pattern's slot search, the role cues, the word list, every prompt template.

    A batch calls this before it forks its workers, so they share one copy instead of each
    building its own while its first essays wait (a tenth of a batch's CPU time at 500
    essays per worker). Results do not change: the same caches fill either way.
    """
    matcher = compile_rules(rules)
    for index in range(len(matcher.patterns)):
        matcher.regex(index)
    role_cues()
    common_words()
    for rule in rules:
        for templates in (*rule.prompts.values(), *rule.fallback.values()):
            for source in templates:
                prompt_renderer(source)
