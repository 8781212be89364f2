"""Stage 5 — realize: a match's prompt templates become finished questions.

Every template of the rule is tried (over-generate, then let `select` rank).
A rendered prompt is kept only if it reads as one question: it ends in `?`,
has no second `?` or `: ` outside quotes, at most `MAX_WORDS` words, no
slot left empty, no quotation that stops on a word no phrase ends with
("…the rest of”") or leans on an earlier sentence ("“Keep this up and…”"),
no sign of a slot meeting its template badly (a doubled word, "that that"; a
that-clause that is no clause, "the advice that which tells you"; the author's
"our" in the question's own words), and no
filter refused a slot. Each is scored on the claim's
salience, the rule's weight, how much of the claim's own content it names
(specificity), the quality of its slots and its length.
"""

from __future__ import annotations

import operator
import re

from jinja2 import TemplateError

from .claims import content_words
from .errors import DebateprepError
from .language import OPEN_QUESTION, EssayWords, Refused, points_back
from .models import Document, Match, Prompt, Sentence, built
from .rules import SIDES, Rule, prompt_renderer

MAX_WORDS = 40
# Marks that sit right after a word, never after a space: (spaced, closed up).
_CLOSE_UP = tuple((" " + mark, mark) for mark in ",?;:")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z’'-]*\b")
# A quotation that holds a quotation closed and its speaker: “Small firms can't pay,' people say”.
_INNER_QUOTE_CLOSED = re.compile(r"[,!?]['’](?=\s|”)")
# Words no quoted phrase ends with: "…how much the rest of”".
_NO_PHRASE_ENDS = frozenset("a an the of and or but nor than whose my our their its your every".split())
# A clause that starts with a verb, where a slot held an instruction or lost its subject: "the claim
# that put the 42 back…", "explain why left the rest open".
_VERB_FIRST = (
    r"(?!indeed\b)(?:\w{3,}ed|left|made|took|kept|put|set|cut|let|got|gave|went|came|brought|bought|sent|told|said"
    r"|buy|make|take|keep|give|get|stop|start|bring|send|pay|tell|go|come|find|spend|spent|run|ran|win|won|lose|lost)"
    r" (?:the|a|an|our|their|its|his|her|this|these|those|it|them|up|out|back|off|every|all|more|less)\b"
)
# Words after which "that" opens a clause, never a relative one ("the author's case that put the 42
# back…", "come about that take the practical out…": an instruction where a clause should be).
_CLAIM_NOUNS_BEFORE_THAT = ("fact claim view idea show shows hold sure true advice principle forecast warning finding case about"
                            " know granting little point").split()
# Where a slot meets its template badly, outside quotes (besides a doubled word: "the principle
# that that anything…", "came in in 2014"): a that-clause that is no clause ("…that which tells
# you", "…that if Port Alder can do this?", "…that warning that…", "…that in their submissions
# that…", a direct question: "…the view that where am I to park?", "…the view that what's the
# harm, it's three weekends", "even if X, and that Y"), or that starts with its verb or a modal
# ("…the view that would pay for the rangers": the subject was left behind), an inverted verb, an
# interjection or an aside; a why- or
# because-clause that does the same; an infinitive where a noun should be ("What makes to make it
# cheap…", "drawbacks of to make it cheap"). Each pattern is tried only where its first words
# are (see `_misbuilt_mid`): searched for along the whole question, the alternatives cost more
# than rendering it.
_MISBUILT_THAT = re.compile(
    "(?:" + "|".join(rf"(?<=\b{noun} )" for noun in _CLAIM_NOUNS_BEFORE_THAT) + r")that (?:" + _VERB_FIRST
    + r"|(?:would|will|could|can|should|might|must|may|shall)\b"
    # or of one word: "…granting that too?", "…well placed to know that auditions, and…"
    + r"|[\w’'-]+(?:\?$|, and\b))|"
    r"\bthat (?:(?:which|who|whom|whose)\b"
    # an inverted clause, an interjection, or an aside before a second "that": "…that did we",
    # "…that sure, operators adapted", "…that quite reasonably, that it's a free country"
    r"|(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would) (?:we|I|you|they|he|she)\b"
    r"|(?:sure|yes|no|well|okay|ok|right|look),|(?:\w+ ){0,2}\w+, that\b"
    r"|(?:if|unless|when|whenever|before|after|once|although|though|while|whilst|because|since)\b[^,?]*\?$"
    r"|\w+ing that\b|(?:much )?(?:the same|likewise)(?:,| and\b|\?)|(?:what|where|why|how|who)[’']s\b"
    r"|(?:\w+, )?(?:where|what|why|how|who|when|which) (?:am|is|are|was|were|do|does|did|can|could|should|would|will|shall) (?:I|you|we|they|he|she|it|the author)\b"
    r"|(?:in|on|at|by|for|with|from|under|over|after|during|according to) [^,?]{0,40}? that\b"
    # a clause that is only a noun, cut before its verb: "…the view of the first speaker that the fans?"
    r"|(?:the|a|an|some|all|most) [\w’'-]+(?:\?$|, and\b))"
)
_MISBUILT_MAKE = re.compile(r"\bmake (?:before|after|in|within|by|once|when|if|until) ")
_MISBUILT_WHY = re.compile(r"\bwhy " + _VERB_FIRST)
_MISBUILT_BECAUSE = re.compile(r"\bbecause (?:did|does|do|is|are|was|were|has|have|had) (?:we|I|you|they|he|she)\b")
_MISBUILT_TO = re.compile(r"\b(?:makes|of) to [a-z]")
# "…outweigh the point that the supermarkets have a point about packing": the word said twice over.
_MISBUILT_POINT = re.compile(r"point that\b[^?“”]*\b(?:has|have|had) a (?:fair |good |real |valid )?point\b")
# "…why might it matter little that continuity matters?"
_MISBUILT_MATTER = re.compile(r"matter little that\b[^?“”]*\bmatters?\b")
# "even if these effects are short-lived, and that the studies…": a that-clause joined to an if-clause
_MISBUILT_EVEN_IF = re.compile(r"\beven if (?!it (?:were|was|is) true that)[^?“”]*?, and that\b")
# A quotation of a pronoun alone, or of an article and a participle cut from its noun (“it”, “a
# staffed”); or one that starts where no phrase starts: a list's "then", an infinitive's "to", a
# change without what changed (“then two of the three firms shut”, “to be nasty”, “by 14 per cent
# in two years”).
_BARE_QUOTE = re.compile(  # lower case: a quoted sentence may open with "Then" or "To"
    r"“(?:(?:it|this|that|them|they|these|those|(?:a|an|the) \w+ed)”"
    r"|(?:then|to)\b|by (?!(?:19|20)\d\d\b)[\d£$€])"
)
_AUXILIARY_OPENERS = "Could Would Should Will Can Does Did Do Is Are Was Were".split()
_QUESTION_OPENER_WORDS = [*_AUXILIARY_OPENERS, "Has", "Have", "Might", "Must"]
_QUESTION_OPENERS = frozenset(word.lower() for word in _QUESTION_OPENER_WORDS)
# At a question's start: an adverbial where the subject should follow the auxiliary ("Could before
# you know it a child ride…?"); a contraction, a relative pronoun or an infinitive for the subject
# ("Could he's been told…?", "Would who really bear the cost…?", "Are to make it cheap and to
# abolish uniform really the only choices?"); a verb that does not agree with its pronoun ("Does
# we attended…").
_MISBUILT_START = re.compile(
    rf"(?:{'|'.join(_AUXILIARY_OPENERS)}) (?:before|after|in|within|by|once|when|if|until) "
    rf"|(?:{'|'.join(_QUESTION_OPENER_WORDS)}) "
    r"(?:(?:he|she|it|that|there|who|what)[’']s\b|(?:who|which|whom|whose) |to [a-z])"
    r"|(?:Does|Is|Has) (?:we|I|you|they)\b|Was (?:we|you|they)\b"
)

# The weights of a prompt's score; they sum to 1.
SCORE_WEIGHTS = {"salience": 0.35, "specificity": 0.25, "slots": 0.15, "length": 0.1, "rule": 0.15}
RANK_PENALTY = 0.02  # a rule's later templates are its fallbacks


def essay_words(document: Document) -> EssayWords:
    """The words the essay writes in lower case (safe to lower-case at a clause start) and
    those it capitalises in mid-sentence (names, kept as written)."""
    return words_of("\n".join(paragraph.text for paragraph in document.paragraphs))


def words_of(text: str) -> EssayWords:
    """`essay_words` of a text on its own, such as a rule's test sentence."""
    return EssayWords(frozenset(_LOWERCASE_WORD.findall(text)), text)


def finish(text: str) -> str | None:
    """Tidy a rendered prompt, or None if it is not one well-formed question."""
    text = " ".join(text.split())
    if '"' in text and "“" in text:  # a quotation inside a quoted slot: “homework "is mostly a test"”
        text = _QUOTED_SLOT.sub(_single_inner_quotes, text)
    for spaced, mark in _CLOSE_UP:  # spaces are single now, so plain replaces suffice (and beat a regex)
        text = text.replace(spaced, mark)
    if not text.endswith("?") or _outside_quotes(text, "?") > 1 or _outside_quotes(text, ": ") > 1:
        return None  # one question, and one colon: a quoted sentence with its own colon reads as two
    if word_count(text) > MAX_WORDS or ",?" in text or _misbuilt(text):
        return None
    return text[0].upper() + text[1:]


_QUOTED_SLOT = re.compile(r"“([^”]*)”")  # group 1: what a question quotes
_STRAIGHT_QUOTED = re.compile(r'"([^"]*)"')


def _single_inner_quotes(quotation: re.Match) -> str:
    """A quoted slot with the quotation marks inside it made single: “…‘is mostly a test’”. A
    slot cut where its sentence's own quotation ended keeps only one of that quotation's marks
    (“71% said form time was "the least useful part of the day”): the other is put back."""
    text = quotation.group(0)
    if text.count('"') % 2:
        before = text[text.rindex('"') - 1]  # a space or the opening “ before an opening mark
        opens = not before.isalnum() and before not in ".,!?"
        text = text[:-1] + '"”' if opens else '“"' + text[1:]
    return _STRAIGHT_QUOTED.sub(r"‘\1’", text)


def _misbuilt(text: str) -> bool:
    """Does the question show where a slot met its template badly (see `_MISBUILT_THAT`)?
    Run on every candidate, so each check first looks for the words it needs."""
    outside = text
    if "”" in text or '"' in text:
        quotes = _QUOTED_SLOT.findall(text)
        if (_cut_quote(text) or _INNER_QUOTE_CLOSED.search(text) or _BARE_QUOTE.search(text)
                or any(map(points_back, quotes)) or any(map(_half_bracketed, quotes))
                or (quotes and _PRONOUN_SUBJECT.match(quotes[0]) and not _SPEAKER_BEFORE_QUOTE.search(text))):
            return True
        outside = _QUOTED.sub("“”", text)
    if " that " in outside:
        claim = _CLAIM_OF_PRONOUN.search(outside)
        if claim and " that " not in outside[:claim.start()] and "“" not in outside[:claim.start()]:
            return True
    # A doubled word, also before a mark: "nobody would accept that that, and yet…"
    words = outside.lower().replace(",", "").replace(";", "").replace(":", "").split()
    if any(map(operator.eq, words, words[1:])) and any(
            word == following and word[-1].isalnum() for word, following in zip(words, words[1:])):
        return True
    if _misbuilt_mid(outside):
        return True
    if _speaks_for_the_class(outside, words):
        return True
    return words[0] in _QUESTION_OPENERS and _MISBUILT_START.match(outside) is not None


# A claim whose subject is a pronoun, quoted first or set after "the claim that" where no clause
# comes before it: "…the forecast “They are efficient, they are cleaner…”", "…the claim that it
# takes less time than booking a visit to the tip?". Only an earlier sentence says who or what
# (rated bad 30 times in 33, mostly vague). A later clause may lean on an earlier one ("“the venue
# cuts its hours…” and “it fights complaint after complaint…”"). "It is…" is as often no
# reference at all ("it is hard to see…", "it's a false choice between…", "it's the hill farms
# that…") and is left alone.
_PRONOUN_OPENING = r"(?:they|he|she|it(?!\s+(?:is|was|seems|may|might)\b|[’']s\b))(?:[’'][a-z]+)?\b"
_PRONOUN_SUBJECT = re.compile(_PRONOUN_OPENING, re.I)
# …unless the question names the speakers right before their words: "Could parents the author
# interviewed have reasons of their own to report “they would gladly spend less…”?"
_SPEAKER_BEFORE_QUOTE = re.compile(r"^[^“]*\b(?:report|reports|say|says|said|claim|claims|tell|tells|told) “")
_CLAIM_OF_PRONOUN = re.compile(r"\b(?:claim|forecast|fact|result|point|idea|view|warning|promise) that " + _PRONOUN_OPENING)

_WE = re.compile(r"\b(?:we|us|ours|ourselves)\b", re.I)


def _speaks_for_the_class(outside: str, words: list[str]) -> bool:
    """Does the question, in its own voice, say "our" ("…the table at the end of our lane"), or "we"
    beside "the author" ("Does the author concede … that we…")? A slot kept the author's first
    person plural: the question then speaks for the class, or for two people at once (rated bad
    33 times in 38 where "the author" is there or the word is "our")."""
    return "our" in words or ("the author" in outside and _WE.search(outside) is not None)


# Each opening, and the pattern tried where it occurs.
_MISBUILT_AFTER = (
    ("that ", _MISBUILT_THAT), ("make ", _MISBUILT_MAKE), ("why ", _MISBUILT_WHY), ("because ", _MISBUILT_BECAUSE),
    ("makes to ", _MISBUILT_TO), ("of to ", _MISBUILT_TO), ("point that ", _MISBUILT_POINT),
    ("matter little that ", _MISBUILT_MATTER),
)


def _misbuilt_mid(outside: str) -> bool:
    """Does a clause after one of `_MISBUILT_AFTER`'s openings, or an "even if", meet its slot badly?"""
    for opening, pattern in _MISBUILT_AFTER:
        at = outside.find(opening)
        while at >= 0:
            if pattern.match(outside, at):
                return True
            at = outside.find(opening, at + 1)
    return "even if" in outside and _MISBUILT_EVEN_IF.search(outside) is not None


def _half_bracketed(quotation: str) -> bool:
    """Does a quotation hold only one half of a bracket ("12 March) that the council intends…")?
    It was cut inside an aside."""
    return quotation.count("(") != quotation.count(")")


def _cut_quote(text: str) -> bool:
    """Does a quotation stop on a word no phrase ends with (a mark right after a word closes one)?"""
    for mark in '”"':
        if mark in text:
            for before in text.split(mark)[:-1]:
                if before[-1:].isalpha() and before.rsplit(None, 1)[-1].lower() in _NO_PHRASE_ENDS:
                    return True
    return False


def _outside_quotes(text: str, mark: str) -> int:
    """How often `mark` occurs outside quotation marks (counted in full only when it occurs twice)."""
    count = text.count(mark)
    return count if count < 2 else _QUOTED.sub("", text).count(mark)


def word_count(text: str) -> int:
    """Words in a text `finish` has tidied: its spaces are single, so counting them is enough."""
    return text.count(" ") + 1


def specificity(prompt: str, claim_words: frozenset[str]) -> float:
    """How much of the claim's own content the prompt names (0..1)."""
    if not claim_words:
        return 0.0
    return min(1.0, len(content_words(prompt) & claim_words) / min(4, len(claim_words)))


def slot_quality(slots: dict[str, str]) -> float:
    """Short, whole phrases make the best questions; long slots get trimmed and lose detail."""
    if not slots:
        return 0.5
    scores = [1.0 if n <= 12 else 0.7 if n <= 20 else 0.4 for n in (len(v.split()) for v in slots.values())]
    return sum(scores) / len(scores)


def prompt_context(match: Match, essay: EssayWords, *, previous: str = "", following: str = "",
                   asked: str = "") -> dict:
    """The variables a prompt template sees: the slots, the sentence's situation, the
    sentences before and after it in its paragraph ("" at a paragraph's ends): what a sentence
    like "I accept that" points back to, and what may answer a question about it; and the
    question it may answer (see `open_questions`)."""
    return {
        **match.slots, "sentence": match.claim.sentence.text, "previous": previous, "next": following,
        "asked": asked,
        "hedged": match.hedged, "hedge": match.hedge, "negated": match.negated, "role": match.claim.role,
        "_essay_words": essay, "_slots": match.slots,
    }


# A question that names its subject only by a pronoun names nothing out of its paragraph ("What
# would he achieve?").
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|they|them|their|it|its)\b", re.I)


def open_questions(sentences: tuple[Sentence, ...]) -> dict[tuple[int, int], str]:
    """For each sentence (by paragraph and index), the open question it may answer: the nearest
    one before it in its paragraph, with only questions and exclamations between ("…what would
    guarantee that within a year there wouldn’t be another attack? Mr Putin’s word? Don’t make
    me laugh! Ukraine’s NATO membership?"). A bare option quoted alone says nothing of what it is
    an option for; with this question, its prompts can say."""
    asked, question = {}, ""
    for before, sentence in zip((None, *sentences), sentences):
        if before is None or before.paragraph != sentence.paragraph:
            question = ""
        elif OPEN_QUESTION.match(before.text):
            question = "" if _PERSONAL_PRONOUN.search(before.text) else before.text.strip()
        elif not before.text.rstrip(" ”’\"')").endswith(("?", "!")):
            question = ""
        if question:
            asked[(sentence.paragraph, sentence.index)] = question
    return asked


def render_prompt(rule: Rule, source: str, context: dict) -> str | None:
    """One template rendered and finished, or None if a slot was refused or it is no question."""
    try:
        return finish(prompt_renderer(source)(context))
    except Refused:
        return None
    # A user's template may call a filter on the wrong kind of value (`trim(cause)`) or do
    # arithmetic on a slot: the pack is at fault, and the user is told where.
    except (TemplateError, TypeError, ValueError, AttributeError, LookupError, ArithmeticError, NameError) as err:
        raise DebateprepError(f"{rule.source}: rule {rule.id!r}: prompt failed: {err}") from None


def side_prompts(rule: Rule, side: str, context: dict) -> list[tuple[int, str]]:
    """(rank, text) for each of the rule's questions on `side` that reads as a question; the
    `fallback` questions, ranked after them, only when none does."""
    templates = rule.prompts.get(side, ())
    return (_readable(rule, templates, context, 0)
            or _readable(rule, rule.fallback.get(side, ()), context, len(templates)))


def _readable(rule: Rule, questions, context: dict, first_rank: int) -> list[tuple[int, str]]:
    """(rank, text) for each of `questions` that renders as one question: its first
    template that does, where it has several (`first_of`)."""
    rendered = (next(filter(None, (render_prompt(rule, source, context) for source in alternatives)), None)
                for alternatives in questions)
    return [(rank, text) for rank, text in enumerate(rendered, start=first_rank) if text]


def realize(matches: list[Match], rules: dict[str, Rule], document: Document,
            sentences: tuple[Sentence, ...] = ()) -> list[Prompt]:
    """Every readable prompt of every match, scored; `sentences` (the essay's, in order) give
    each template the sentences around its own and the question it may answer."""
    essay = essay_words(document)
    pairs = [(before, after) for before, after in zip(sentences, sentences[1:]) if before.paragraph == after.paragraph]
    previous = {(after.paragraph, after.index): before.text for before, after in pairs}
    following = {(before.paragraph, before.index): after.text for before, after in pairs}
    asked = open_questions(sentences)
    prompts = []
    for match in matches:
        rule = rules[match.rule]
        if not rule.asks_on(match):
            continue  # the scheme is named, but its questions would argue someone else's side or misread
        claim_words = content_words(match.claim.sentence.text)
        place = (match.claim.sentence.paragraph, match.claim.sentence.index)
        context = prompt_context(match, essay, previous=previous.get(place, ""),
                                 following=following.get(place, ""), asked=asked.get(place, ""))
        fixed = (
            SCORE_WEIGHTS["salience"] * match.claim.salience
            + SCORE_WEIGHTS["slots"] * slot_quality(match.slots)
            + SCORE_WEIGHTS["rule"] * rule.weight / 2
        )
        for side in SIDES:
            for rank, text in side_prompts(rule, side, context):
                length = 1.0 if 8 <= word_count(text) <= 30 else 0.6
                score = (
                    fixed + SCORE_WEIGHTS["specificity"] * specificity(text, claim_words)
                    + SCORE_WEIGHTS["length"] * length - RANK_PENALTY * rank
                )
                prompts.append(built(
                    Prompt, id="", claim=match.claim, side=side, scheme=rule.scheme, rule=rule.id,
                    text=text, score=round(max(score, 0.0), 3), explain=rule.explain,
                ))
    return prompts
