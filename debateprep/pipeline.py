"""The whole analysis in one call: read → segment → claims → match → realize → select.

`analyze` is a pure function of its inputs: no global state beyond the
per-process cache of compiled rule packs.
"""

from __future__ import annotations

from .claims import find_claims, read_cues, role_cues
from .errors import DebateprepError
from .language import common_words
from .match import compile_rules, match_claims, screen
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
    return analyze_documents([document], rules, per_side=per_side, speaker=speaker, max_prompts=max_prompts)[0]


def analyze_documents(
    documents: list[Document], rules: tuple[Rule, ...] | None = None, *, per_side: int = 2,
    speaker: str | None = None, max_prompts: int | None = None,
) -> list[Analysis]:
    """Several essays' analyses, each exactly as `analyze_document` gives it.

    The essays go through each regex-heavy step together: every sentence of every essay
    is read for its cues, every claim screened for the rules that may match, then
    matched, each step for all the essays before the next. The automata stay in the
    CPU's caches for the whole run instead of being evicted between essays, which saves
    about a tenth of the work on a batch.
    """
    rules = load_rules() if rules is None else rules
    by_id = {rule.id: rule for rule in rules}
    every_sentences = [segment(document) for document in documents]
    every_cues = [read_cues(sentences) for sentences in every_sentences]
    every_claims = [
        find_claims(document, sentences, speaker=speaker, cues=cues)
        for document, sentences, cues in zip(documents, every_sentences, every_cues)
    ]
    every_screened = [screen(claims, rules) for claims in every_claims]
    every_matches = [match_claims(claims, rules, screened) for claims, screened in zip(every_claims, every_screened)]
    analyses = []
    for document, sentences, claims, matches in zip(documents, every_sentences, every_claims, every_matches):
        prompts = select(realize(matches, by_id, document, sentences), per_side, max_prompts)
        schemes: dict[str, list[str]] = {}
        for match in matches:
            names = schemes.setdefault(match.claim.id, [])
            if match.scheme not in names:
                names.append(match.scheme)
        analyses.append(Analysis(
            document, sentences, claims, prompts,
            {claim_id: tuple(names) for claim_id, names in schemes.items()},
        ))
    return analyses


def analyze(text: str, *, name: str = "<text>", markdown: bool = True,
            rules: tuple[Rule, ...] | None = None, per_side: int = 2,
            speaker: str | None = None, max_prompts: int | None = None) -> Analysis:
    """Analyse essay text already in memory (the library entry point)."""
    return analyze_document(read_text(text, name, markdown=markdown), rules, per_side=per_side,
                            speaker=speaker, max_prompts=max_prompts)


def analyze_many(texts: list[str], *, names: list[str] | None = None, markdown: bool = True,
                 rules: tuple[Rule, ...] | None = None, per_side: int = 2,
                 speaker: str | None = None, max_prompts: int | None = None) -> list[Analysis]:
    """`analyze` for several texts at once (`names` one per text): the same analyses, for
    about a tenth less work (see `analyze_documents`). Suits a partition of a larger batch."""
    names = names if names is not None else [f"<text {number}>" for number in range(1, len(texts) + 1)]
    if len(names) != len(texts):
        raise DebateprepError(f"{len(texts)} texts but {len(names)} names")
    documents = [read_text(text, name, markdown=markdown) for text, name in zip(texts, names)]
    return analyze_documents(documents, rules, per_side=per_side, speaker=speaker, max_prompts=max_prompts)


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
        for questions in (*rule.prompts.values(), *rule.fallback.values()):
            for source in (source for alternatives in questions for source in alternatives):
                prompt_renderer(source)
