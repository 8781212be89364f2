"""Stage 5 — realize: a match's prompt templates become finished questions.

Every template of the rule is tried (over-generate, then let `select` rank).
A rendered prompt is kept only if it reads as one question: it ends in `?`,
has at most `MAX_WORDS` words and no slot left empty. Each is scored on the
claim's salience, the rule's weight, how much of the claim's own content it
names (specificity), and length.
"""

from __future__ import annotations

import re

from jinja2 import TemplateError

from .claims import content_words
from .errors import DebateprepError
from .models import Document, Match, Prompt
from .rules import SIDES, Rule, prompt_template

MAX_WORDS = 40
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,?;:])")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def lowercase_vocabulary(document: Document) -> frozenset[str]:
    """Words the essay itself writes in lower case: safe to lower-case at a clause start."""
    return frozenset(
        word for paragraph in document.paragraphs
        for word in re.findall(r"\b[a-z][a-z’'-]*\b", paragraph.text)
    )


def finish(text: str) -> str | None:
    """Tidy a rendered prompt, or None if it is not one well-formed question."""
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()
    if not text or not text.endswith("?") or _QUOTED.sub("", text).count("?") > 1:
        return None
    if len(text.split()) > MAX_WORDS or "  " in text or ",?" in text:
        return None
    return text[0].upper() + text[1:]


def specificity(prompt: str, claim_words: set[str]) -> float:
    """How much of the claim's own content the prompt names (0..1)."""
    if not claim_words:
        return 0.0
    return min(1.0, len(content_words(prompt) & claim_words) / min(4, len(claim_words)))


def realize(matches: list[Match], rules: dict[str, Rule], document: Document) -> list[Prompt]:
    vocabulary = lowercase_vocabulary(document)
    prompts = []
    for match in matches:
        rule = rules[match.rule]
        claim_words = content_words(match.claim.sentence.text)
        context = {
            **match.slots, "sentence": match.claim.sentence.text, "hedged": match.hedged,
            "role": match.claim.role, "_lowercase_words": vocabulary,
        }
        for side in SIDES:
            for rank, source in enumerate(rule.prompts.get(side, ())):
                try:
                    rendered = prompt_template(source).render(context)
                except TemplateError as err:
                    raise DebateprepError(f"{rule.source}: rule {rule.id!r}: prompt failed: {err}") from None
                text = finish(rendered)
                if text is None:
                    continue
                words = len(text.split())
                length = 1.0 if 8 <= words <= 30 else 0.6
                score = (
                    0.4 * match.claim.salience + 0.3 * specificity(text, claim_words)
                    + 0.15 * length + 0.15 * rule.weight / 2 - 0.02 * rank
                )
                prompts.append(Prompt(
                    id="", claim=match.claim, side=side, scheme=rule.scheme, rule=rule.id,
                    text=text, score=round(max(score, 0.0), 3), explain=rule.explain,
                ))
    return prompts
