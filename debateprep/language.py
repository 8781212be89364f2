"""Small English helpers used as Jinja2 filters in prompt templates.

They turn a slot cut from the essay into something that reads well inside a
question: `clause` (lower-case start unless a name, no closing punctuation,
first person shifted to the author), `question` (a yes/no question from a
modal, copula or auxiliary clause), `trim` (cut to the first clause) and
`author` (perspective shift alone).
"""

from __future__ import annotations

import re

from jinja2 import pass_context

# Words that may open a clause but are not names: safe to lower-case.
_FUNCTION_WORDS = frozenset(
    """a an the this that these those it its they them their there here he his she
    her we our us you your one some any many much most more all each every no none
    both either neither such what which who whom whose when where why how if as at
    by for from in into of on to with without after before since until while
    although though because so but and or nor yet not only also even just still
    ending any other another being having""".split()
)
_AUXILIARIES = frozenset(
    """should must will would can could may might shall is are was were has have
    had does do did""".split()
)
_NEGATED = {
    "isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "won't": "will",
    "wouldn't": "would", "can't": "can", "cannot": "can", "couldn't": "could",
    "shouldn't": "should", "mustn't": "must", "hasn't": "has", "haven't": "have",
    "doesn't": "does", "don't": "do", "didn't": "did",
}
_SUBORDINATORS = frozenset("if when although though because as while since unless once whether".split())
_LEADING_LINKS = re.compile(r"^(?:and|but|so|yet|or|then|also|thus|hence|therefore),?\s+", re.I)
_TRAILING = ".!?…;:,—–-\"”’'» "
_LEADING = "\"“‘'«( "
_IRREGULAR_THIRD = {"am": "is", "have": "has", "do": "does", "go": "goes", "was": "was"}
_MODALS = frozenset("will would can could should must may might shall did had was".split())
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]\s|\s[—–-]\s|—|\(|\bwhich\b)")


def third_person(verb: str) -> str:
    lower = verb.lower()
    if lower in _MODALS or lower.endswith("ed"):
        return verb
    if lower in _IRREGULAR_THIRD:
        return _IRREGULAR_THIRD[lower]
    if lower.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


_FIRST_PERSON = [
    (re.compile(r"\bI(?:'|’)m\b"), "the author is"),
    (re.compile(r"\bI(?:'|’)ve\b"), "the author has"),
    (re.compile(r"\bI(?:'|’)d\b"), "the author would"),
    (re.compile(r"\bI(?:'|’)ll\b"), "the author will"),
    (re.compile(r"\bI\s+(\w+)"), lambda m: "the author " + third_person(m.group(1))),
    (re.compile(r"\b[Mm]y\b"), "the author's"),
    (re.compile(r"\b(?:me|myself)\b"), "the author"),
]


def author(text: str) -> str:
    """Shift first person to the author: "I doubt" → "the author doubts"."""
    for pattern, replacement in _FIRST_PERSON:
        text = pattern.sub(replacement, text)
    return text


def _lowercase_start(text: str, lowercase_words: frozenset[str]) -> str:
    first = text.split(" ", 1)[0]
    bare = first.strip(_LEADING + _TRAILING)
    if not bare or bare == "I" or (len(bare) > 1 and bare.isupper()):
        return text
    lower = bare.lower()
    if lower in _FUNCTION_WORDS or lower in lowercase_words:
        return text[:1].lower() + text[1:] if text[:1] == bare[:1] else text
    return text


def tidy(text: str) -> str:
    """Strip outer quotes, closing punctuation and leading links ("And", "So")."""
    text = " ".join(text.split()).strip(_LEADING).rstrip(_TRAILING)
    if text.count("“") > text.count("”"):
        text += "”"
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].rstrip(_TRAILING)
    return _LEADING_LINKS.sub("", text)


@pass_context
def clause(context, text: str) -> str:
    """A slot made fit to stand inside a question."""
    return _lowercase_start(author(tidy(text)), context.get("_lowercase_words", frozenset()))


@pass_context
def question(context, text: str) -> str:
    """Invert a clause into a yes/no question body, without the question mark.

    "The West should show X" → "should the West show X". A clause without an
    auxiliary near its start becomes "is it true that …", never a fragment.
    """
    words = tidy(text).split()
    lowercase_words = context.get("_lowercase_words", frozenset())
    for index, word in enumerate(words[:9]):
        lower = word.lower().replace("’", "'")
        aux = _NEGATED.get(lower) or (lower if lower in _AUXILIARIES else None)
        if not aux:
            continue
        subject = words[:index]
        if not subject or subject[0].lower() in _SUBORDINATORS or any(w.endswith(",") for w in subject):
            break
        negation = ["not"] if lower in _NEGATED else []
        rest = words[index + 1:]
        if rest[:1] == ["not"]:
            negation, rest = ["not"], rest[1:]
        body = " ".join(subject)
        body = _lowercase_start(author(body), lowercase_words)
        return " ".join([aux, body, *negation, author(" ".join(rest))]).strip()
    return "is it true that " + _lowercase_start(author(tidy(text)), lowercase_words)


def trim(text: str, max_words: int = 14) -> str:
    """Cut a long slot at its first clause break, keeping at least three words."""
    text = tidy(text)
    if len(text.split()) <= max_words:
        return text
    for brk in _CLAUSE_BREAK.finditer(text):
        head = text[: brk.start()]
        if len(head.split()) >= 3:
            return head.rstrip(_TRAILING)
    return text


def install_filters(environment) -> None:
    environment.filters.update(clause=clause, question=question, trim=trim, author=author)
