"""Stage 2 — segment: paragraphs become sentences with stable ids (¶7.2).

A rule-based splitter: every run of `.`, `!`, `?` or an ellipsis followed by
closing quotes/brackets and white space is a candidate boundary, and a few
cheap checks on the word before and the word after decide. It is fast (one
regex scan per paragraph) and its mistakes are easy to explain and fix, which
a statistical splitter's are not. `bench/segmentation.py` measures it.

A stretch with no sentence end for `MAX_SENTENCE_CHARS` (an unpunctuated
transcript, a pasted table) is cut at a space, so one runaway "sentence" of
megabytes cannot slow down every later stage.

A piece with no word in it ("Stop! !", "… ?") is no sentence of its own: it
joins the sentence before it (or, at a paragraph's start, the one after), so a
row of marks never becomes a row of claims to ask about.
"""

from __future__ import annotations

import re

from .models import Document, Paragraph, Sentence

# Abbreviations that never end a sentence: a name or number always follows.
_TITLES = frozenset(
    """mr mrs ms mx dr prof st gen col capt lt sgt gov sen rep rev hon fr
    vs cf e.g i.e approx no nos fig figs vol pp p ch sec art para ca est dept
    jan feb mar apr jun jul aug sep sept oct nov dec mt ave blvd""".split()
)
# Abbreviations that may also close a sentence ("…moved to the U.S. It was…").
_ENDERS = frozenset(
    """etc u.s u.k u.n u.s.a e.u a.m p.m ph.d inc ltd co corp bros al jr sr
    d.c b.a m.a b.sc m.sc""".split()
)
# Words that open sentences: after an ambiguous abbreviation they tip the
# balance towards a boundary.
_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there here his her
    its their our my but and so yet however in on at for if when while as after
    before since although though then now today still also many most some all
    no not what why how who where which""".split()
)

# About 500 words: longer than any sentence a prompt could quote.
MAX_SENTENCE_CHARS = 3000

# A run of marks is taken whole, from its first mark (possessive, after no other mark): tried
# from every mark of "??????…" with no space after, it took time growing with the square of the run.
_CANDIDATE = re.compile(r"(?<![.!?])(?:[.!?]++|…)[\"'”’»)\]]*+(?=\s)")
_NEXT = re.compile(r"\s+([\"'“‘«(\[]*)(\S*)")
_WORD = re.compile(r"[^\W_]")


def segment(document: Document) -> tuple[Sentence, ...]:
    """All sentences of the document, in reading order."""
    return tuple(
        sentence for paragraph in document.paragraphs for sentence in split_paragraph(paragraph)
    )


def split_paragraph(paragraph: Paragraph) -> list[Sentence]:
    text, base = paragraph.text, paragraph.start
    spans = []
    start = 0
    for candidate in _CANDIDATE.finditer(text):
        end = candidate.end()
        if _is_boundary(text, candidate.start(), end, start):
            spans.append((start, end))
            start = end
    spans.append((start, len(text)))
    spans = _wordless_joined(text, spans)

    sentences = []
    for lo, hi in (piece for span in spans for piece in _cut_runaway(text, *span)):
        piece = text[lo:hi]
        stripped = piece.strip()
        if not stripped:
            continue
        lo += len(piece) - len(piece.lstrip())
        hi = lo + len(stripped)
        sentences.append(
            Sentence(base + lo, base + hi, stripped, paragraph.number, len(sentences) + 1)
        )
    return sentences


def _wordless_joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with each one that holds no word joined to its neighbour (see the module's note)."""
    joined: list[tuple[int, int]] = []
    last_has_word = True
    for lo, hi in spans:
        has_word = _WORD.search(text, lo, hi) is not None
        if joined and not (has_word and last_has_word):
            joined[-1] = (joined[-1][0], hi)
            last_has_word = last_has_word or has_word
        else:
            joined.append((lo, hi))
            last_has_word = has_word
    return joined


def _cut_runaway(text: str, start: int, end: int):
    """(start, end) pieces of at most MAX_SENTENCE_CHARS, cut after a space where there is one."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", start, limit), text.rfind("\n", start, limit)) + 1
        cut = cut if cut > start else limit
        yield start, cut
        start = cut
    yield start, end


def _is_boundary(text: str, punct_start: int, punct_end: int, sentence_start: int) -> bool:
    following = _NEXT.match(text, punct_end)
    if not following:
        return False
    opener, next_word = following.group(1), following.group(2)
    if not next_word and not opener:
        return False
    first = (next_word or opener)[:1]
    if first.islower():
        return False  # "“Why?” she asked", "e.g. this", "... and so on"
    punct = text[punct_start:punct_end]
    if "?" in punct or "!" in punct or "…" in punct or ".." in punct:
        return True
    word_start = _word_start(text, sentence_start, punct_start)
    word = text[word_start:punct_start].lower().rstrip(".").lstrip("'’-")
    if word in _TITLES:
        return False
    if word in _ENDERS or _is_dotted(word):
        return next_word.lower().strip("\"'“‘,") in _OPENERS
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. K. Rowling", "George W. Bush"
    if word.isdigit() and len(word) <= 3 and _starts_item(text, word_start, sentence_start):
        return False  # a list marker: "1. First point."
    return True


def _word_start(text: str, sentence_start: int, end: int) -> int:
    """Where the word (letters, digits, dots, apostrophes, hyphens) that ends at `end` starts;
    read backwards, so a long sentence costs no more than a short one."""
    start = end
    while start > sentence_start and (text[start - 1].isalnum() or text[start - 1] in "_.’'-"):
        start -= 1
    return start


def _is_dotted(word: str) -> bool:
    """Letter-dot sequences such as "u.s.a" or "ph.d"."""
    parts = word.split(".")
    return len(parts) > 1 and all(0 < len(part) <= 2 and part.isalpha() for part in parts)


def _starts_item(text: str, word_start: int, sentence_start: int) -> bool:
    return not text[sentence_start:word_start].strip()
