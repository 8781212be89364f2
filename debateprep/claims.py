"""Stage 3 — claims: every sentence gets a role, a stance and a salience score.

The cues for roles are data (`prompts/roles.yaml`). The thesis is the
claim-like sentence that best combines overlap with the title and rubric, a
place in the opening or closing paragraph, thesis cues ("As long as…", "so
the choice…") and restatement elsewhere in the essay. Claims come out best
first, so `C1` is the sentence a teacher would underline first.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from .errors import DebateprepError
from .models import Claim, Document, Sentence
from .patterns import PatternError, compile_regex
from .rules import builtin_dir, load_yaml

ROLE_ORDER = ("reported", "concession", "rebuttal", "premise", "claim")
ROLE_WEIGHT = {
    "thesis": 1.0, "claim": 0.62, "rebuttal": 0.55, "premise": 0.45, "concession": 0.42,
    "rhetorical": 0.38, "reported": 0.3, "background": 0.12,
}
STANCE = {"reported": "reports", "concession": "opposes"}
MAX_THESES = 2

_WORD = re.compile(r"[A-Za-zÀ-ÿ’']+")
_STOP = frozenset(
    """a an the and or but if then so of to in on at by for with from as is are was
    were be been being it its this that these those there their they them he she his
    her we our you your i my me not no now will would can could should must may might
    has have had do does did than into about over such what which who whom whose
    when where why how all any some more most other says say said time""".split()
)


def content_words(text: str) -> set[str]:
    """Lower-cased, crudely stemmed content words: enough to compare sentences."""
    words = set()
    for word in _WORD.findall(text.lower()):
        word = word.replace("’", "'").split("'")[0]
        if len(word) < 3 or word in _STOP:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        words.add(word)
    return words


@functools.lru_cache(maxsize=4)
def role_cues(path: str | None = None) -> dict:
    """One compiled RE2 alternation per role, from `roles.yaml`."""
    source = Path(path) if path else builtin_dir() / "roles.yaml"
    data = load_yaml(source)
    if not isinstance(data, dict):
        raise DebateprepError(f"{source}: roles file maps each role to a list of cues")
    cues = {}
    for role, patterns in data.items():
        try:
            cues[role] = compile_regex("(?i)" + "|".join(f"(?:{p})" for p in patterns))
        except PatternError as err:
            raise DebateprepError(f"{source}: role {role!r}: bad cue: {err}") from None
    return cues


def assign_role(sentence: Sentence, cues) -> tuple[str, tuple[str, ...]]:
    """The sentence's role and the cue names that fired."""
    text = sentence.text.rstrip("\"”’')]» ")
    if text.endswith("?"):
        return "rhetorical", ("question",)
    fired = tuple(role for role in ROLE_ORDER if role in cues and cues[role].search(sentence.text))
    return (fired[0] if fired else "background"), fired


def find_claims(document: Document, sentences: tuple[Sentence, ...]) -> tuple[Claim, ...]:
    """Role, stance and salience for every sentence; the claims list best first."""
    if not sentences:
        return ()
    cues = role_cues()
    heading_words = content_words(f"{document.title} {document.subtitle}")
    words = [content_words(s.text) for s in sentences]
    last_paragraph = sentences[-1].paragraph
    roles = [assign_role(s, cues) for s in sentences]
    restatement = _restatement(sentences, words)

    scored = []
    for index, sentence in enumerate(sentences):
        role, fired = roles[index]
        overlap = _overlap(words[index], heading_words)
        restated = restatement[index]
        position = (
            1.0 if sentence.paragraph == last_paragraph
            else 0.6 if sentence.paragraph == 1 else 0.0
        )
        thesis_cue = 1.0 if "thesis" in cues and cues["thesis"].search(sentence.text) else 0.0
        thesis_score = (
            0.35 * overlap + 0.25 * position + 0.25 * thesis_cue + 0.15 * restated
            if role in ("claim", "rebuttal", "premise") else 0.0
        )
        scored.append((sentence, role, fired, overlap, restated, position, thesis_score))

    thesis_ids = _pick_theses(scored)
    claims = []
    for sentence, role, fired, overlap, restated, position, thesis_score in scored:
        if id(sentence) in thesis_ids:
            role = "thesis"
        length = len(sentence.text.split())
        brevity = 0.5 if length < 6 else 1.0
        salience = brevity * (
            0.55 * ROLE_WEIGHT[role] + 0.2 * overlap + 0.1 * restated
            + 0.1 * position + 0.05 * min(len(fired), 3) / 3
        )
        if role == "thesis":
            salience = max(salience, 0.9 + 0.1 * thesis_score)
        claims.append((sentence, role, round(min(salience, 1.0), 3), fired))

    claims.sort(key=lambda item: (-item[2], item[0].start))
    return tuple(
        Claim(f"C{rank}", sentence, role, salience, STANCE.get(role, "supports"), fired)
        for rank, (sentence, role, salience, fired) in enumerate(claims, start=1)
    )


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return min(1.0, len(a & b) / min(len(a), len(b), 4))


def _restatement(sentences: tuple[Sentence, ...], words: list[set[str]]) -> list[float]:
    """Each sentence's best `_overlap` with a sentence in another paragraph.

    Comparing every sentence with every other is quadratic: hours for an input
    of 100,000 short paragraphs. Instead, sentences with the same content words
    are compared once, and only with sentences that share a word with them.
    """
    paragraphs_of: dict[frozenset[str], list[int]] = {}  # at most two, enough to find "another"
    for sentence, sentence_words in zip(sentences, words):
        found = paragraphs_of.setdefault(frozenset(sentence_words), [])
        if len(found) < 2 and sentence.paragraph not in found:
            found.append(sentence.paragraph)
    having: dict[str, list[frozenset[str]]] = {}
    for word_set in paragraphs_of:
        for word in word_set:
            having.setdefault(word, []).append(word_set)

    best: dict[tuple[frozenset[str], int], float] = {}
    for sentence, sentence_words in zip(sentences, words):
        word_set = frozenset(sentence_words)
        if (word_set, sentence.paragraph) not in best:
            shared = Counter(other for word in word_set for other in having[word])
            best[word_set, sentence.paragraph] = max(
                (count / min(len(word_set), len(other), 4) for other, count in shared.items()
                 if paragraphs_of[other] != [sentence.paragraph]),
                default=0.0,
            )
    return [min(1.0, best[frozenset(w), s.paragraph]) for s, w in zip(sentences, words)]


def _pick_theses(scored) -> set[int]:
    """At most two thesis sentences; the second only if nearly as strong."""
    ranked = sorted(
        (item for item in scored if item[6] > 0),
        key=lambda item: (-item[6], item[0].start),
    )
    picked = []
    for item in ranked[:MAX_THESES]:
        if not picked or item[6] >= 0.85 * picked[0][6]:
            picked.append(item)
    return {id(item[0]) for item in picked}
