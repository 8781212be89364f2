"""Small English helpers used as Jinja2 filters in prompt templates.

They turn a slot cut from the essay into something that reads well inside a
question (see docs/rules.md for each with examples):

- `clause`: drop a leading discourse frame and link word, lower-case the
  start unless it is a name, shift first person to the author;
- `question`: invert a modal, copula or auxiliary clause into a yes/no
  question body ("The West should show X" → "should the West show X");
- `trim`: cut a long slot at its first clause break (the sentence, never before
  the clause the rule matched);
- `author`: first person → the author ("I doubt" → "the author doubts");
- `unframe`: drop "This means that", "It is important to understand that"…;
- `subject` / `predicate`: the parts of a clause before and from its verb;
- `np`: the slot if it reads as a noun phrase, else refuse;
- `agree(subject)`: put a verb in agreement with a subject ("want" → "wants");
- `uncap`: lower-case a slot's first letter when the pattern knows it is no name.

A filter that cannot make a slot read well raises `Refused`: the prompt is
then dropped and the rule's other templates are used instead, so a prompt
is never a fragment.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

from jinja2 import pass_context

from .patterns import compile_regex


class Refused(Exception):
    """A slot that cannot be realized well; the prompt using it is skipped."""


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
_SUBORDINATORS = frozenset("if when although though because as while since unless once whether that".split())
_PREPOSITIONS = frozenset("of to in on at by for from with without into about than after before".split())
_LEADING_LINKS = re.compile(
    r"^(?:(?:and|but|so|yet|or|then|also|thus|hence|therefore|however),?|(?:though|indeed|besides|instead|still|now|well|look|right|okay|ok),)\s+", re.I
)
_TRAILING = ".!?…;:,—–-\"”’'» "
# A quotation mark that opens (after a space or at the start) or closes (after a word, before
# a space, punctuation or the end): an apostrophe inside a word ("isn't") is neither.
_OPENS_QUOTE = re.compile(r'(?:^|\s)"$')
_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s(]))['‘](?=\w)")
_CLOSE_SINGLE = re.compile(r"(?<=[\w.!?,])['’](?=$|[\s,.;:!?)])")
# A first word closed by a quote, not a plural's apostrophe ("free' is…", not "workers' pay").
_CLOSES_FIRST = re.compile(r"[^\s'‘’]*[^\s'‘’s]['’](?:\s|$)")
_LEADING = "\"“‘'«( "
_IRREGULAR_THIRD = {"am": "is", "are": "is", "have": "has", "do": "does", "go": "goes", "were": "was"}
# Past tenses that do not end in -ed: "I got" is "the author got", not "the author gots".
_IRREGULAR_PAST = frozenset(
    """got found made said took gave went came saw knew thought felt kept left lost met paid ran
    sold sent spent stood told understood won wrote brought bought built caught fought taught heard
    held led meant began became drove grew rode rose fell forgot spoke broke chose wore threw drew
    flew sang sat slept stole swam struck woke""".split()
)
# Present-tense verbs that are no noun: after a comma they carry on a clause whose subject came
# before ("Rural roads, by contrast, see more than half of all deaths").
_PRESENT_VERBS = frozenset("see sees account accounts make makes take takes".split())
_MODALS = frozenset("will would can could should must may might shall did had was is has does".split())
# "which"/"who" start a clause worth cutting only after a comma, which the comma
# break already catches; bare, they belong to the phrase ("discovering who you are").
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]\s|\s[—–-]\s|—|\(|\b(?:because|although|while|whereas)\b)")
_CONTRACTED_VERB = re.compile(r"^(?:there|it|that|what|he|she|who|here)'s$|'(?:re|ve|ll|d|m)$|n't$")
# Heads that take a plural verb without ending in -s: pronouns and quantifiers, and plural nouns
# such as "children" ("children in replica kits become", not "becomes").
_PLURAL_HEADS = frozenset(
    """we they you i these those both many few several people children men women police cattle
    feet teeth mice geese criteria phenomena""".split()
)

# Discourse frames that announce a claim without adding to it.
_FRAMES = re.compile(
    r"""^(?:
        (?:this|that|it)\s+(?:means|shows|suggests|proves)(?:\s+that)?
      | it\s+is\s+(?:important|worth|crucial|vital|essential)\s+to\s+(?:understand|note|remember|see|stress)(?:\s+that)?
      | it\s+is\s+(?:also\s+)?worth\s+(?:noting|remembering|pointing\s+out|saying|adding)(?:\s+that)?
      | it\s+is\s+(?:clear|obvious|true|evident|plain)(?:\s+that)?
      | (?:the\s+(?:point|fact|truth|problem)\s+is)(?:\s+that)?
      | when\s+I\s+say\s+[^,]{1,80},\s+I\s+mean(?:\s+that)?
      | I\s+(?:now\s+|still\s+|also\s+|really\s+|honestly\s+|genuinely\s+|personally\s+|simply\s+|just\s+)?(?:think|believe|mean|argue|would\s+argue|am\s+sure|suspect|doubt|feel)(?:\s+that)?
      | we\s+(?:simply\s+|just\s+|really\s+|honestly\s+|genuinely\s+|still\s+)?(?:think|believe)(?:\s+that)?
      | I(?:\s+have|['’]ve)\s+come\s+to\s+(?:the\s+view|the\s+conclusion|believe|think)(?:\s+that)?
      | I(?:['’]ll|\s+will|['’]d|\s+would)?\s+bet(?:\s+that|(?=\s+(?:you|they|he|she|it|we|the|this|nobody|no\s+one)\b))
      | I\s+(?:fully\s+|do\s+)?(?:appreciate|understand|accept|realise|realize|recognise|recognize|know|grant|admit)\s+that
      | in\s+other\s+words | put\s+another\s+way | to\s+put\s+it\s+another\s+way | put\s+simply | simply\s+put
      | that\s+is\s+to\s+say | of\s+course | in\s+fact | in\s+short | to\s+be\s+sure | clearly | surely
      | in\s+(?:my|our)\s+(?:view|opinion) | admittedly | to\s+be\s+fair | in\s+fairness | frankly | honestly
      | in\s+the\s+same\s+way | likewise | similarly | by\s+the\s+same\s+token
      | as\s+a\s+result | consequently | for\s+this\s+reason | because\s+of\s+this
      | meanwhile | moreover | furthermore | what\s+is\s+more | on\s+top\s+of\s+that | in\s+addition
      | the\s+(?:main\s+|chief\s+|usual\s+|real\s+)?(?:argument|case)\s+(?:for|against)\s+[^,]{1,40}?\s+is\s+that
      | I(?:\s+have|['’]ve)?\s+(?:watched|seen|noticed)(?:\s+that)?
      | what\s+(?:they|he|she|it|the\s+\w+)\s+(?:don['’]t|doesn['’]t|won['’]t|didn['’]t|do\s+not|does\s+not)\s+(?:say|tell\s+you|mention)\s+is(?:\s+that)?
      | I\s+(?:want|wanted|would\s+like|['’]d\s+like)\s+to\s+(?:tell\s+you|explain|set\s+out|show\s+you)\s+why
    )[,\s]+""",
    re.I | re.X,
)


def third_person(verb: str) -> str:
    """The third-person singular present of a base verb: "doubt" → "doubts"."""
    lower = verb.lower()
    if lower in _MODALS or lower.endswith("ed") or lower in _IRREGULAR_PAST:
        return verb
    if lower in _IRREGULAR_THIRD:
        return _IRREGULAR_THIRD[lower]
    if lower.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _negated_first_person(match: re.Match) -> str:
    base = _NEGATED[match.group(1).lower().replace("’", "'")]
    return f"the author {third_person(base)} not"


# Any "-ly" word but a verb ending so ("I regularly have to" → "the author regularly has to"; "I apply").
_LY_ADVERB = r"(?!(?:apply|reply|rely|supply|multiply|comply|imply|ally|bully|rally|fly)\b)[a-z]{3,}ly"

# Adverbs that may stand between "I" and its verb: "I hardly ever find" → "the author hardly ever finds".
_ADVERBS_BEFORE_VERB = "|".join(
    """hardly scarcely barely rarely seldom never ever often always sometimes usually also still
    really just only even already truly certainly honestly genuinely simply firmly strongly
    now personally actually fully absolutely sincerely""".split()
)

_FIRST_PERSON = [
    (re.compile(r"\bI\s+((?:do|did|was|have|had|ca|could|would|should|wo)n['’]t|cannot)\b"), _negated_first_person),
    (re.compile(r"\bI['’]m\b"), "the author is"),
    (re.compile(r"\bI['’]ve\b"), "the author has"),
    (re.compile(r"\bI['’]d\b"), "the author would"),
    (re.compile(r"\bI['’]ll\b"), "the author will"),
    (re.compile(rf"\bI\s+((?:(?:{_ADVERBS_BEFORE_VERB}|{_LY_ADVERB})\s+)*)([a-z]+)\b"),
     lambda m: "the author " + m.group(1) + third_person(m.group(2))),
    (re.compile(r"\bI\b"), "the author"),
    (re.compile(r"\b[Mm]y\b"), "the author's"),
    # "I will pay the charge myself": after the author as subject, "the author" again reads as
    # someone else; a reflexive stays reflexive.
    (re.compile(r"(?<=\w )[Mm]yself\b"), "themselves"),
    (re.compile(r"\b(?:[Mm]e|[Mm]yself)\b"), "the author"),
    (re.compile(r"\bof mine\b"), "of the author's"),  # "a friend of mine"
    # "when I turn my heating down": a second "the author's" in the clause of "the author" reads as
    # someone else ("when the author turns the author's heating down"); "their" does not.
    (re.compile(r"(\bthe author\b[^,;:.?!]*?)\bthe author's\b"), r"\1their"),
]


_ANY_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Mm]yself|mine)\b")


@functools.lru_cache(maxsize=4096)
def author(text: str) -> str:
    """Shift first person to the author: "I doubt" → "the author doubts"."""
    if not _ANY_FIRST_PERSON.search(text):
        return text
    for pattern, replacement in _FIRST_PERSON:
        text = pattern.sub(replacement, text)
    return text


# Adverbs and plural common nouns that often open a sentence; never names, so
# safe to lower-case.
_NEVER_NAMES = frozenset(
    """soon now today tomorrow eventually ultimately finally already later sometimes
    often usually perhaps maybe instead meanwhile worse better critics opponents
    supporters sceptics skeptics parents teachers students pupils residents
    officials experts scientists economists people children families users drivers
    neighbouring neighboring nearby""".split()
)
# Common words that, capitalised, name one body: "Congress and state lawmakers should…" keeps its
# capital even where the essay writes it nowhere else.
_BODIES = frozenset({"congress", "parliament", "senate"})

# Words that, after a capitalised "-ing" word, show it is a gerund opening a
# clause ("Cutting those hours…"), not a name ("Reading Borough Council").
_GERUND_OBJECTS = frozenset(
    """a an the this that these those its their his her our your my more less
    fewer some any all every down up off out back""".split()
)


@dataclass(frozen=True)
class EssayWords:
    """What the essay itself shows about the case of its words: those it writes in lower
    case somewhere, and (read from its text only when a slot needs them) those it
    capitalises in mid-sentence, which are names."""

    lowercase: frozenset[str] = frozenset()
    text: str = ""

    @property
    def names(self) -> frozenset[str]:
        return _names_in(self.text)


# A capitalised word after a lower-case word or a comma is a name: "…trade with China".
_NAME_MID_SENTENCE = re.compile(r"(?<=[a-z0-9,;] )[A-Z][A-Za-z’'-]*")


@functools.lru_cache(maxsize=16)
def _names_in(text: str) -> frozenset[str]:
    return frozenset(_NAME_MID_SENTENCE.findall(text))


@functools.cache
def common_words() -> frozenset[str]:
    """Common English words that are not names (see tools/make_common_words.py), read on first use."""
    return frozenset((files(__package__) / "data" / "common-words.txt").read_text(encoding="utf-8").split())


def _is_common(word: str) -> bool:
    """A common English word, or the plural of one ("teenagers", which the list lacks)."""
    words = common_words()
    return word in words or (word.endswith("s") and word[:-1] in words)


def _is_gerund_start(words: list[str], lowercase_words: frozenset[str]) -> bool:
    """Is the capitalised first word a gerund ("Cutting those hours…", "Renewing on current
    terms…") rather than a name ("Reading Borough Council", "Beijing")? It is when an object
    follows, or when the essay writes its verb in lower case elsewhere ("renew", "renews")."""
    first = words[0].lower()
    if len(first) <= 5 or not first.endswith("ing"):
        return False
    if len(words) > 1 and words[1].lower() in _GERUND_OBJECTS:
        return True
    stem = first[:-3]
    verbs = {stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem}
    return any(verb + ending in lowercase_words for verb in verbs for ending in ("", "s", "ed", "d"))


_APOSTROPHE = re.compile(r"['’]")


# Titles that open a name: "Councillor Blake", "Dr Nair".
_TITLES = frozenset("""mr mrs ms miss dr doctor professor prof councillor cllr minister judge inspector sergeant
    constable bishop father sister sir dame lord lady president senator mayor governor""".split())


def _opens_name(bare: str, rest: str, essay: EssayWords) -> bool:
    """Do the word and the capitalised word after it make a name: a title and a name
    ("Councillor Blake"), or a pair the essay also writes so in mid-sentence ("…to County
    Hall"), unlike "Young Scots" where the essay writes "Young" only at a sentence start?"""
    following = rest.split(None, 1)[0].strip(_TRAILING)
    return bare.lower() in _TITLES or re.search(
        rf"[\w,;:] {re.escape(bare)} {re.escape(following)}\b", essay.text) is not None


def _lowercase_start(text: str, essay: EssayWords) -> str:
    """Lower-case the first word where it is no name: a function word, a word the essay
    writes in lower case, an opening gerund, or a common English word that the essay never
    capitalises in mid-sentence; never a word that opens a run of capitals ("Darkness gives
    cover…", "Means-testing misses…", but not "China" where the essay also writes "…trade with
    China", nor "Reading Borough Council", nor "Post Office Ltd" where it writes "post" but also
    "…told by Post Office Ltd")."""
    first, _, rest = text.partition(" ")
    bare = first.strip(_LEADING + _TRAILING)
    if not bare or bare == "I" or (len(bare) > 1 and bare.isupper()):
        return text
    lower = bare.lower()
    opens_run = rest[:1].isupper()
    if (
        lower in _FUNCTION_WORDS or lower in _NEVER_NAMES
        or _APOSTROPHE.split(lower, maxsplit=1)[0] in _FUNCTION_WORDS  # "It's", "There's", "Don't"
        or _is_gerund_start(text.split()[:2], essay.lowercase)
        # "Post Office Ltd" and "County Hall" open names even where the essay writes "post" and "county"
        or (lower in essay.lowercase and not (opens_run and (bare in essay.names or _opens_name(bare, rest, essay))))
        or (bare not in essay.names and not opens_run and lower not in _BODIES
            and (_is_common(lower) or ("-" in lower and _is_common(lower.split("-", 1)[0]))))
    ):
        return text[:1].lower() + text[1:] if text[:1] == bare[:1] else text
    return text


@functools.lru_cache(maxsize=4096)
def tidy(text: str) -> str:
    """Strip outer quotes, closing punctuation and leading links ("And", "So"); close a
    quotation the stripping left open ("cannot afford it'." → "cannot afford it'")."""
    text = " ".join(text.split()).strip(_LEADING).rstrip(_TRAILING)
    if text.count("“") > text.count("”"):
        text += "”"
    if text.count('"') % 2 and _OPENS_QUOTE.search(text[: text.rfind('"') + 1]):
        text += '"'
    if "'" in text or "‘" in text or "’" in text:
        opening, closing = _OPEN_SINGLE.findall(text), _CLOSE_SINGLE.findall(text)
        if len(opening) > len(closing):
            text += "’" if opening[-1] == "‘" else "'"
        elif len(closing) > len(opening) and _CLOSES_FIRST.match(text):  # "free' is never free"
            text = ("‘" if closing[0] == "’" else "'") + text
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].rstrip(_TRAILING)
    return _LEADING_LINKS.sub("", text)


@functools.lru_cache(maxsize=4096)
def unframe(text: str) -> str:
    """Drop a leading discourse frame: "This means that a new conflict" → "a new conflict"."""
    text = tidy(text)
    while True:
        stripped = _LEADING_LINKS.sub("", _FRAMES.sub("", text, count=1))
        if stripped == text or not stripped:
            return text
        text = stripped


def _essay_words(context) -> EssayWords:
    return context.get("_essay_words", _NO_ESSAY)


_NO_ESSAY = EssayWords()


@pass_context
def clause(context, text: str) -> str:
    """A slot made fit to stand inside a question, in the question's own voice: "I" becomes
    the author; a slot that says "us" or "ours" is refused, as no words can say whom the
    author counts in ("reminder systems like ours", "the people who need us most") and, left
    as written, the question would speak for the class. ("We" is as often the reader's too:
    "the principle that we owe our grandchildren…"; rated blind, refusing it here lost a good
    question for every three bad ones. `realize` drops the question instead where "our" stands
    in its own words, or "we" beside "the author".)"""
    found = _clause(text, _essay_words(context))
    if isinstance(found, Refused):
        raise found
    return found


@functools.lru_cache(maxsize=4096)
def _clause(text: str, essay: EssayWords) -> str | Refused:
    """`clause`, memoised (a rule's templates put the same slot through it again and again),
    with its refusal kept as a value."""
    if _FIRST_PERSON_PLURAL.search(text) or _ENDS_CUT.search(text):
        return Refused(text)  # "…will rise and", "…fell from 27 to 8 a year without" were cut mid-phrase
    return _lowercase_start(author(_CLOSING_ASIDE.sub("", unframe(text))), essay)


_FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Uu]s|[Oo]urs|[Oo]urselves)\b")
# The speaker's own asides, between commas (`_ASIDE`) or closing the sentence (`_CLOSING_ASIDE`).
_SPEAKERS_ASIDES = "of course|mind you|though|too|I think|you know|to be fair|in fairness|as it happens|it seems"
# An aside that closes the sentence, which inside a question would speak in the author's voice:
# "most diners don't hand it back, of course" → "most diners don't hand it back".
_CLOSING_ASIDE = re.compile(
    rf",\s+(?:{_SPEAKERS_ASIDES}|frankly|surely|after all|I suspect|I reckon|I'm afraid|I’m afraid|if you ask me"
    r"|let's be honest|let’s be honest|and (?:here's|here’s|here is|this is) why|and I'll tell you why|and I’ll tell you why)$",
    re.I,
)
# Words no clause ends on: it was cut where its next part began.
_ENDS_CUT = re.compile(r"\s(?:and|or|but|nor|without|than|of|between|among|into|the|a|an|whose|every|its|their|my|your)\W*$")


def _verb_index(words: list[str]) -> tuple[int, str] | None:
    """Where the first auxiliary of a clause stands, and its positive form."""
    for index, word in enumerate(words[:9]):
        lower = word.lower().replace("’", "'")
        aux = _NEGATED.get(lower) or (lower if lower in _AUXILIARIES else None)
        if not aux:
            continue
        subject = words[:index]
        if not subject or subject[0].lower() in _SUBORDINATORS or any(w.endswith(",") for w in subject):
            return None
        return index, aux
    return None


@pass_context
def question(context, text: str) -> str:
    """Invert a clause into a yes/no question body, without the question mark.

    "The West should show X" → "should the West show X". A clause without an
    auxiliary near its start becomes "is it true that …", never a fragment.
    """
    words = unframe(text).split()
    found = _verb_index(words)
    if found is None:
        return "is it true that " + clause(context, text)
    index, aux = found
    lower = words[index].lower().replace("’", "'")
    negation = ["not"] if lower in _NEGATED else []
    rest = words[index + 1:]
    if rest[:1] == ["not"]:
        negation, rest = ["not"], rest[1:]
    subject = _lowercase_start(author(" ".join(words[:index])), _essay_words(context))
    if subject == "the author" and aux in ("do", "have", "are", "were"):
        aux = third_person(aux)
    return " ".join([aux, subject, *negation, author(" ".join(rest))]).strip()


@pass_context
def subject(context, text: str) -> str:
    """The words before a clause's auxiliary: "Mr Putin will not fight" → "Mr Putin"."""
    words = unframe(text).split()
    found = _verb_index(words)
    if found is None:
        raise Refused(text)
    return _lowercase_start(author(" ".join(words[: found[0]])), _essay_words(context))


def predicate(text: str) -> str:
    """A clause from its auxiliary on: "Mr Putin will not fight" → "will not fight"."""
    words = unframe(text).split()
    found = _verb_index(words)
    if found is None:
        raise Refused(text)
    return author(" ".join(words[found[0]:]))


# Verb forms that are never part of a noun phrase: "68 per cent of parents said homework" is a clause.
_FINITE_VERBS = frozenset(
    """said says told tells thinks believes knows knew feels seems seemed became becomes went
    goes gets got argues argued insists insisted reckons reckoned admits admitted warns warned
    agrees agreed deserve deserves say tell think believe know feel seem argue insist reckon
    admit warn agree suggest suggests suggested maintain maintains maintained contend contends
    contended predict predicts predicted""".split()
)


# Adverbs that stand before a verb: a phrase ending in one is a subject cut from its verb
# ("this simply [helps…]", "the new rota actually [saves…]").
_VERB_ADVERBS = frozenset(
    "simply actually really already genuinely directly certainly clearly undoubtedly usually always often never merely".split()
)
# "whatever the board saves" is a clause; so is a phrase cut after "whose" ("kids whose parents").
_FREE_RELATIVES = frozenset("whatever whoever whichever what whenever wherever".split())
_RELATIVES = frozenset("that who which whom".split())


@pass_context
def np(context, text: str) -> str:
    """The slot, if it reads as a noun phrase; refuse a clause or a broken phrase.

    A heuristic: no auxiliary, negation, contracted or reporting verb before any relative
    clause ("that is binned early" may have one), not opening with a
    subordinator, a preposition or a free relative ("whatever"), not ending in a function word (so never a
    bare pronoun, which names nothing out of its sentence), a past-tense verb or "whose" and a
    noun.
    """
    phrase = clause(context, text)
    words = phrase.lower().replace("’", "'").split()
    # A relative clause may hold a verb of its own: "every phone that is binned early".
    head = words[: next((i for i, word in enumerate(words) if i and word in _RELATIVES), len(words))]
    if (
        not words or len(words) > 12 or words[0] == "there"
        or words[0] in _SUBORDINATORS or words[0] in _PREPOSITIONS  # "at the time that the circuses…"
        or words[-1] in _FUNCTION_WORDS or words[-1] in _PREPOSITIONS or words[-1] in _VERB_ADVERBS
        or any(word in _AUXILIARIES or word in _NEGATED or word in _FINITE_VERBS or _CONTRACTED_VERB.search(word)
               for word in head)
        or (len(words) > 1 and words[-1].endswith("ed") and words[-2] not in _FUNCTION_WORDS)
        or words[0] in _FREE_RELATIVES or (len(words) > 1 and words[-2] == "whose")
    ):
        raise Refused(text)
    return phrase


# "France did the same in the 1980s", "Ashby did exactly that", "Leeds followed suit": the
# deed is named only in an earlier sentence, so out of its sentence the slot names nothing.
# "Harpenden Vale brought in something very similar" names the scheme only in an earlier sentence too.
# Letters every match holds ("do" in do/does/done/doing, "tri" in tried/tries, …): where none is
# in the text, the search (several µs) cannot match and is skipped.
_LEANS_BACK_HINTS = ("do", "did", "tri", "try", "suit", "similar")
_LEANS_BACK = re.compile(
    r"\b(?:(?:did|does|do|done|doing|tried|tries|try)\s+(?:(?:exactly|just|precisely|much|likewise)\s+)?"
    r"(?:the\s+same|that|this|so|it|likewise)|follow(?:ed|s|ing)?\s+suit)"
    r"(?=\s*(?:$|[,.;:!?)—–-]|(?:in|on|at|for|with|when|after|before|last|this|and|but|too|again|first|long|already|since|once|back|years?|decades?)\b))"
    # "Harpenden Vale brought in something very similar three years ago"
    r"|\bsomething\s+(?:(?:very|rather|much|quite)\s+)?similar\b",
    re.I,
)


# "visits there fell by a quarter", "75 per cent of them turned out": a place or a group named
# only in an earlier sentence ("there is", "there were" name no place; "it won't stop there" is a
# slippery slope's own idiom). So is what "that" stands for after an opening preposition or before
# a noun ("Without that, subs will go up", "At that rate…", "storing up that shock"), and what a
# clause opens by acting on ("Keep this up and…", "If we rush it, …", "Let them get away with
# it…"): rated bad 35 times in 35 in quoted clauses.
# Each pattern is tried only where its words are (see `points_back`): run on every quotation of
# every question, one search of all of them costs more than rendering the question.
_THERE = re.compile(
    r"\b(?!(?:stop|stops|end|ends|leave|leaves|it)\s)\w+\s+there\b(?!\s*(?:is|are|was|were|[’']s|will|would|has|have"
    r"|had|may|might|could|must|should|seems?|appears?|used|being|be|to|and|or"
    # an existential "there" in the negative: "…within a year there wouldn't be another attack"
    r"|(?:is|are|was|were|has|have|had)n[’']t|(?:wouldn|couldn|mustn|shouldn|mightn|won|can)[’']t be|cannot be)\b)",
    re.I,
)
_THAT_NOUN = re.compile(
    r"\bthat (?:rate|shock|point|way|money|cost|change|plan|scheme|idea|option|kind|sort|level|figure|sum|number|gap"
    r"|problem|risk|debate|worry|fear|promise|deal|decision|policy|proposal|argument|condition|amendment|motion|approach"
    r"|rule|system|law|ban|charge|fee|model|service|trial|study|report|survey|total|measure|target|limit|cap)\b"
    # "this same conversation", "that same week": the one named before
    r"|\b(?:this|that) same\b", re.I
)
# "a rule like this would push young people toward payday loans", "adopted rules like these": which
# rules, only the sentences before say.
_LIKE_THIS = re.compile(
    r"\b(?:a|an|any|the|one)\s+(?:[\w’'-]+\s+){0,2}like (?:this|that)\b(?!\s+(?:one|of)\b)"
    # a plural only near the start, where the clause is about them ("…had thought about leaving
    # because of costs like these" names its point first)
    r"|^(?:\S+\s+){0,6}[\w’'-]+s like (?:these|those)\b(?!\s+(?:of|who|which|that)\b)",
    re.I,
)
_OPENING_POINTS_BACK = re.compile(
    r"\W*(?:(?:without|with|at|for|after|before|like|from|by) that\b(?! (?:is|was|the|a|an)\b)"
    r"|(?:(?:and|but|so),?\s+)?(?:if (?:we|you|they) )?(?:keep|let|rush|stop|leave|get|do|take|scrap|drop|allow|push"
    r"|force|make) (?:it|them|this|that)\b(?!\s+(?:school|rota|[a-z]+s)\b))",
    re.I,
)


# "employers look at it", "they got rid of it in the end": in a clause of a few words, an object
# "it" or "them" can only be named in an earlier sentence (a longer clause may name it first).
# So can a "that" or "this" that ends a clause of any length: "the closure caused all of that",
# "How am I meant to compete with this".
_ENDS_WITH_REFERENCE = re.compile(
    r"^\W*(?:\S+\s+){1,5}(?:it|them)(?:\s+(?:in the end|at all|now|too|either|again|back|out|up|off|down|any more|anymore|today|already))?\W*$"
    r"|\s(?:that|this)\W*$",
    re.I,
)


# "they lack the space", "that is radical", "that last bit", "the same review": named only in an
# earlier sentence. "This" or "these" with a noun ("this House", "this council") points at the
# here and now; "that" or "those" with one ("that decision") points back.
_OPENS_WITH_REFERENCE = re.compile(
    # "Even that would mean another 20,000 people": that, only the sentence before says
    r"(?:(?:even|only|just|all)\s+)?(?:they|them|their|he|him|his|she|her|it|its|the same|that|those)\b"
    # "such a warning is sensible", "the second", "the latter": named in an earlier sentence
    r"|such (?:a|an)\s|(?:the )?(?:former|latter)\b|the (?:first|second|third|last)\W*$"
    # "either choice should come with…", "both options": the choices were named before
    r"|(?:either|neither|both)\s+(?:choice|option|alternative|path|course|approach|plan|proposal|route|scenario"
    r"|outcome)s?\b|(?:this|these)\s*"
    r"(?:$|\b(?:is|are|was|were|will|would|can|could|should|must|has|have|had|does|do|did|means?|shows?"
    # "this made no difference", "this meant…", "these cut the queue": a past tense
    r"|" + "|".join(sorted(_IRREGULAR_PAST | {"cut", "put", "set", "hit", "let", "cost"})) + r"|\w{3,}ed\s+(?:a|an|the|to|no|in|on|up|it|them|us|more|less|every|all|our|their|its)"
    r")\b)",
    re.I,
)


def points_back(text: str) -> bool:
    """Does a word in the text stand for something only an earlier sentence names ("France did
    the same", "visits there fell", "Keep this up and…")? A quotation that does cannot be followed
    on its own, wherever it sits: `realize` drops a question quoting one."""
    return _points_back(text, unframe(text.lstrip(_LEADING)))


def _points_back(text: str, core: str) -> bool:
    """`points_back`, given the text's `core` (its opening frame dropped), which `standalone` has already."""
    lower = core.lower()
    text_lower = text.lower()
    return bool(
        _OPENING_POINTS_BACK.match(core) or " of them" in lower
        or ("there" in lower and _THERE.search(core)) or ((" same " in lower or "that " in lower) and _THAT_NOUN.search(core))
        or (any(hint in text_lower for hint in _LEANS_BACK_HINTS) and _LEANS_BACK.search(text))
        or (" like th" in lower and _LIKE_THIS.search(core))
    )


@pass_context
def standalone(context, text: str) -> str:
    """The slot, unless out of its sentence it names nothing the reader can see: its meaning
    leans on an earlier sentence ("France did the same", "they lack the space", "that is
    radical", "the same review"), or it is a piece of a clause: a predicate cut from its
    subject ("must find 5 per cent of the cost", "tells me her staff confiscated 300", a
    past tense right after a comma: "…, meanwhile, paid themselves a dividend", or "…, by
    contrast, see more than half of all deaths"), a
    subordinate clause ("when the advice line surveyed 1,200 staff"), a phrase with no
    clause of its own ("at £12 a ticket", "up from two in 2021"), the head of a list the
    sentence goes on with ("…from pavements" of "from pavements, parks and gutters") or the
    end of one begun before it ("fifteen or twenty per cent" of "ten, fifteen or twenty…"), or
    a relative clause cut from its pronoun ("[which] the Department estimates saves…")."""
    opening = text.lstrip(_LEADING)
    if not opening:
        raise Refused(text)  # "previous" of a paragraph's first sentence
    first = opening.split(" ", 1)[0].lower()
    before, after = _around(context.get("sentence", ""), text)
    after_break = bool(before) and bool(_ENDS_AT_BREAK.search(before))  # after a comma, "which" or "who"
    core = unframe(opening)  # "I think they got rid of it" leans back as much as "they got rid of it"
    if (_points_back(text, core) or _OPENS_WITH_REFERENCE.match(core) or _ENDS_WITH_REFERENCE.search(core)
            or first in _AUXILIARIES or first in _FINITE_VERBS or _AFTER_RELATIVE.search(before)
            or (first in _IRREGULAR_PAST or first in _PRESENT_VERBS or (first.endswith("ed") and len(first) > 4))
            and after_break
            or (first in _CLAUSE_PIECE_OPENERS and ", " not in text)  # "Since X, Y" holds its main clause
            or _PHRASE_OPENING.match(opening)
            or (first in _PREPOSITIONS and after.lstrip().startswith(","))  # fronted before its comma
            or _LIST_TAIL.match(after) or (after_break and _LIST_END.match(text))):
        raise Refused(text)
    return text


# Words that open a subordinate clause or a bare phrase, never a clause that stands alone: the
# subordinators, less "as" ("as many as 40…" opens a clause) and "that" (refused as pointing back).
_CLAUSE_PIECE_OPENERS = (_SUBORDINATORS - {"as", "that"}) | frozenset("whenever whilst where at with against per after before until".split())
_PHRASE_OPENING = re.compile(
    r"not (?:only|just|merely|simply|to|for|in|at|with|by|from)\b|(?:up|down|rising|falling) (?:from|to|by|about|nearly|almost|over|more than)\b|(?:up|down) \d|compared (?:with|to)\b|for every\b|as (?:a|an|the|our|my|their|its)\b"
    # "as happened to Dunmere District": what happened, the clause before says
    r"|as (?:happened|happens|has happened|was the case|is the case|did|does) (?:to|in|with|at|for)\b"
    # "Split across the park's 4,200 workers": a participle's phrase, before the clause it leads into
    r"|(?:split|spread|divided|shared|averaged|measured|taken|added up|set) (?:across|over|among|between|against|together|out)\b", re.I
)
# After the slot, the rest of a list: ", parks and gutters", ", bin rounds and care homes".
_LIST_TAIL = re.compile(
    r",\s+(?!(?:and|but|or|nor|yet|so|while|whilst|which|who|whose|where|when|because|since|although|though"
    r"|as|if|not|up|down|then|now|too|even|only|all|both)\b)[\w’'-]+(?:\s+[\w’'-]+){0,3}"
    r"(?:,\s+[\w’'-]+(?:\s+[\w’'-]+){0,3})*,?\s+(?:and|or)\s+\w",
    re.I,
)


def _around(sentence: str, slot: str) -> tuple[str, str]:
    """The sentence's text before and after the slot ("" and "" if the slot is not in it as written)."""
    at = sentence.find(slot)
    return (sentence[:at], sentence[at + len(slot):]) if at >= 0 else ("", "")


# An aside between commas: ", for instance,", ", mind you,", ", like the Arabian oryx,".
_ASIDE = re.compile(
    rf",\s+(?:{_SPEAKERS_ASIDES}|for (?:instance|example)|however|in fact|indeed|say|perhaps|in turn"
    r"|as (?:I|we) understand it|for (?:its|their|his|her|our|my) part|by contrast|meanwhile"
    r"|likewise|in other words|on the other hand|and then some|(?:like|such as|including|notably) [^,;:]{2,40}"
    # "auditions, done well, are the best way…": a manner set off by commas, cut at which the slot
    # keeps only its subject
    r"|(?:done|used|run|handled|managed|taught|applied|enforced|designed|planned) (?:well|right|properly|carefully|sensibly|fairly|badly|poorly)"
    # "students who just had their phone on the desk, switched off, scored lower…"
    r"|(?:even |still |though )?[a-z]+ed (?:off|on|out|up|down|away|back|alone|shut|unchecked)"
    r"|at (?:best|worst|least)|in (?:theory|practice|principle|particular|short)|admittedly|arguably|frankly|sadly"
    r"|from [^,;:]{2,30} to [^,;:]{2,30}),",  # "…to autocracies, from China and North Korea to Iran, that…"
    re.I,
)
# A participle that reports what was said: "The union has come out against the plan, warning that…".
_SAYING = re.compile(r",\s+(?:warning|saying|arguing|claiming|insisting|pointing out|complaining|adding) that\b", re.I)
# A relative clause cut from its pronoun: "(which) the Department estimates saves £40,000".
_AFTER_RELATIVE = re.compile(r"\b(?:which|who|whom|whose)\s*$", re.I)
# Before a verb, what shows its subject came earlier: "The directors, meanwhile, paid…",
# "Carrow, which brought in…".
_ENDS_AT_BREAK = re.compile(r"(?:,|\b(?:which|who|that))\s*$", re.I)
# The last items of a list begun before the slot's comma: "fifteen or twenty per cent" of
# "ten, fifteen or twenty per cent".
_LIST_END = re.compile(r"[\w’'-]+(?:\s+[\w’'-]+)?,?\s+(?:and|or)\s", re.I)


@pass_context
def unsourced(context, text: str) -> str:
    """The slot, unless its sentence already names where its claim comes from ("according
    to", "a survey found", "the council says", "the fire chief told me"): asking for the
    source would ask what the text answers. Nor of a price ("£3.80 an hour", "a club at £45 a day"): whoever charges it
    sets it, so its source is no question. Nor of the author's own records ("our takings fell by 8
    per cent", "my team of twelve"): the author is the source."""
    sentence = context.get("sentence", "")
    if _NAMES_A_SOURCE.search(sentence) or _AUTHORS_OWN.search(text):
        raise Refused(text)
    start = sentence.find(text)
    if _PRICE.search(sentence[start:start + len(text) + 16] if start >= 0 else text):
        raise Refused(text)
    return text


_AUTHORS_OWN = re.compile(r"\b(?:[Oo]ur|[Mm]y|I)\b")
_PRICE = re.compile(
    r"[£$€]\s?\d[\d,.]*\s(?:an?|per|each)\s(?:hour|day|night|head|person|visit|ticket|session|trip|lesson|go)\b"
)

_NAMES_A_SOURCE = re.compile(
    r"\b(?:according to|found|finds|show(?:s|ed)?|accounts|survey(?:ed|s)?|stud(?:y|ies)|report(?:s|ed)?|research"
    r"|figures (?:from|show)|data (?:from|show)|census|poll|says|said|estimates?|estimated|records?|audits?"
    r"|told (?:me|us|him|her|them|your \w+|the \w+)|tells (?:me|us)|reckons)\b",
    re.I,
)


@pass_context
def uncompared(context, text: str) -> str:
    """The slot, unless its sentence already sets a figure against another ("£9.4 million a year
    against a tram bill of £310 million", "9,400 homes, up from roughly 3,000", "less than half of
    what councils now spend"): asking what to compare the figure with asks what the text answers."""
    if _SETS_AGAINST.search(context.get("sentence", "")):
        raise Refused(text)
    return text


_SETS_AGAINST = re.compile(
    r"\b(?:against|compared (?:with|to)|up from|down from|even though|whereas)\b[^.;]{0,60}?"
    r"(?:\d|\b(?:one|two|three|four|five|ten|half|a third|a quarter|a fifth|a tenth)\b)"
    r"|\b(?:less|more) than (?:half|double|twice|a third|a quarter|a tenth) (?:of )?what\b",
    re.I,
)


def unless(text: str, pattern: str) -> str:
    """The slot, unless the regex `pattern` (RE2, any case) finds something in it: one template's
    own exclusion, `{{ compared|unless('^more ')|trim }}`, which a Jinja `{% if %}` would also do,
    at several times the cost of a plain template."""
    if unless_regex(pattern).search(text):
        raise Refused(text)
    return text


@pass_context
def unexplained(context, text: str) -> str:
    """The slot, unless the next sentence of its paragraph says what follows from this one ("It
    could demonstrate that such behaviour can and will be punished.", "This means that a new
    conflict is inevitable.", "If they did, they'd find…"): asking what would be gained by the
    advice, or why the point matters, would ask what that sentence answers. So does a purpose
    the sentence gives right after the slot ("…a full session next term, so that every student
    can make a real choice")."""
    if (_SAYS_WHAT_FOLLOWS.match(context.get("next", ""))
            or _STATES_ITS_PURPOSE.match(_around(context.get("sentence", ""), text)[1])):
        raise Refused(text)
    return text


_STATES_ITS_PURPOSE = re.compile(r"\W*(?:so that|so as to|in order to|in order that)\b", re.I)


_SAYS_WHAT_FOLLOWS = re.compile(
    r"\W*(?:(?:and|so),? )?(?:(?:it|this|that|doing so|such a (?:step|move|policy))"
    r" (?:(?:would|could|will|can|might)(?: also)? (?!be (?:argued|said|objected)\b)|means\b|would mean\b)"
    r"|if (?:they|we|it|he|she|you) (?:did|do)\b)",
    re.I,
)


def unless_regex(pattern: str):
    """The `unless` filter's pattern compiled as it searches: what the pack loader checks."""
    return compile_regex("(?i)" + pattern)


@pass_context
def amount(context, text: str) -> str:
    """A figure without the word its pattern took along after it when that word names no unit:
    "11,400 of" → "11,400", "one in five said" → "one in five"; "300 disposables" stays. A change
    ("from 140 to 230") is no amount: "the figure of from 140 to 230" is refused, as is a figure
    whose noun phrase the sentence goes on with ("1,200 café" of "1,200 café and bar staff",
    "one in five motorway" of "one in five motorway deaths", "1,400 first" of "1,400 first-years"),
    or that stops on an adjective ("600 private" of "600 private landlords")."""
    if (text.startswith("from ") or text.rsplit(None, 1)[-1].lower() in _ADJECTIVES_BEFORE_NOUN
            or _NOUN_GOES_ON.match(_around(context.get("sentence", ""), text)[1])):
        raise Refused(text)
    words = text.split()
    while len(words) > 1 and _names_no_unit(words[-1].lower()):
        words.pop()
    return " ".join(words)


# Adjectives a figure's noun phrase does not end on: "two of the three local" (firms).
_ADJECTIVES_BEFORE_NOUN = frozenset(
    "local private public new old young other main major minor national regional rural urban full part-time "
    "extra additional existing current former average annual monthly weekly daily small large big "
    "independent elderly older younger senior junior".split()
)


# After a figure's slot, the rest of its noun: a hyphen, "and"/"or" with another noun, or a plural noun.
_NOUN_GOES_ON = re.compile(
    r"-[a-z]|\s+[a-z]+(?:ths|ers|ies|ents|ions|ees)\b"
    # "and bar staff", but not "and took eleven homes", "and scrapping the charge", "and their parents"
    r"|\s+(?:and|or)\s+(?!(?:the|a|an|their|his|her|our|its|some|many|most|all|then|now|still|rising|counting)\b)"
    r"(?![a-z]+(?:ing|ed)\b)(?!(?:" + "|".join(sorted(_IRREGULAR_PAST)) + r")\b)[a-z]+\s+"
    r"(?!(?:the|a|an|his|her|their|its|our|every|each|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)[a-z]+\b"
)


def _names_no_unit(word: str) -> bool:
    return (word in _FUNCTION_WORDS or word in _PREPOSITIONS or word in _AUXILIARIES
            or word in _FINITE_VERBS or (word.endswith("ed") and len(word) > 4))


_OBJECT_CASE = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them", "who": "whom"}


def as_object(text: str) -> str:
    """The slot fit to follow a verb: a subject pronoun takes its object form ("make she go" →
    "make her go")."""
    first, _, rest = text.partition(" ")
    replaced = _OBJECT_CASE.get(first.lower())
    return text if replaced is None else f"{replaced} {rest}".rstrip()


def uncap(text: str) -> str:
    """Lower-case the first letter, for a slot a pattern opens with a common noun ("Parents I met")."""
    return text[:1].lower() + text[1:]


# "opposite" too: "Members opposite have suggested…" (the benches across the chamber).
_POSTMODIFIER_STARTS = _PREPOSITIONS | frozenset("who which that whom whose where when i we you he she they opposite".split())
# "some of those old guns", "most of the town": the noun after "of" is the head ("one of the
# schools", "each of them" stay singular).
_QUANTIFIERS = frozenset("some many most all few several both".split())
_SINGLE_OF = frozenset("one each either neither".split())


def agree(verb: str, subject_text: str) -> str:
    """`verb` in agreement with `subject_text`: third person singular unless plural."""
    words = tidy(subject_text).lower().split()
    if words[1:2] == ["of"] and words[0] in _SINGLE_OF:
        return third_person(verb)
    # The head noun stands before any modifier that follows it: "officials on the ground".
    start = 2 if len(words) > 2 and words[0] in _QUANTIFIERS and words[1] == "of" else 1
    # …or a participle with its agent or place: "quotes collected by the advice centre".
    cut = next((i for i, word in enumerate(words) if i >= start and (
        word in _POSTMODIFIER_STARTS or word.endswith("ed") and words[i + 1:i + 2] in (["by"], ["in"], ["for"], ["from"]))),
        len(words))
    head = words[cut - 1] if words else ""
    if words and len(words[0]) > 4 and words[0].endswith("ing"):
        return third_person(verb)  # a gerund is singular: "vaccinating pets protects"
    plural = (
        not words or head in _PLURAL_HEADS or "and" in words
        or (head.endswith("s") and not head.endswith(("ss", "us", "is")) and not head.endswith("'s"))
    )
    return verb if plural else third_person(verb)


# Openings of a subordinate clause besides the one-word subordinators: "Every time the council…".
_TIME_CLAUSE = re.compile(r"(?:every time|each time|whenever|until|before|after|the moment|as soon as)\b", re.I)
# Words a cut must not leave at the end ("…the fleet of"); a pronoun may end it ("…after that").
# "on" and "in" before a break end a phrasal verb as often as they dangle ("take the counter on",
# "hand it in"), so they stay.
_DANGLING = (_PREPOSITIONS - {"on", "in"}) | frozenset(
    "a an the and or but nor so yet if as when while whose which who whom its their his her our your my every".split()
)
# Before a comma, a preposition is stranded, not cut off: "everything the hall was built for,".
_DANGLING_BEFORE_PUNCTUATION = _DANGLING - _PREPOSITIONS


@pass_context
def trim(context, text: str, max_words: int = 14) -> str:
    """Cut a long slot at its first clause break, after its leading frame is dropped.

    The head kept must hold a word that is not a function word, so
    "Finland, which bought off Stalin…" becomes "Finland". The sentence itself
    is never cut before the clause where the rule's first slot begins: "Other
    councils are watching, and many will wait" is not quoted as a forecast
    that "Other councils are watching".
    """
    keep = _first_slot(context.get("_slots", {}), text) if text == context.get("sentence") else ""
    return _trim(text, max_words, keep)


def _first_slot(slots: dict[str, str], sentence: str) -> str:
    """The slot that starts first in the sentence ("" if none is found there as written)."""
    found = [(sentence.find(value), value) for value in slots.values() if value]
    return min(((at, value) for at, value in found if at >= 0), default=(0, ""))[1]


# A relative clause or a "with" phrase set off by commas, between a subject and its verb: "Dana
# Whitfield, who ran conservation at the Lakeshore Museum for two decades, told me that…", "the
# existing rules, with construction plans and party wall agreements, already protect…". Cut at
# its first comma, the sentence would be quoted as "Dana Whitfield"; the aside is dropped instead.
_RELATIVE_ASIDE = re.compile(
    r"^(?P<subject>[^,;:—()]{1,40}?),\s+(?:who|which|with|including|along with|together with|for all)\s+[^,;:—()]{3,100}?,\s+"
    r"(?=(?!and\b|but\b|or\b)[a-z])(?![\w’'-]+(?:\s+[\w’'-]+)?\s+(?:and|or)\b)")  # not the rest of a list


# A clause that is no part of the slot, however short the slot: the author speaking ("Critics say
# the hangars steal parking from people who need it, and I understand the anger" reports no
# anger), or the view's holders going on ("Others say levies do not work, and point to towns…").
_AUTHOR_TURNS = re.compile(r",\s+(?:and|but)\s+(?:(?:I|[Ww]e)\s|(?:point|cite|add)s? (?:to|that)\b)")


@functools.lru_cache(maxsize=4096)
def _trim(text: str, max_words: int, keep: str) -> str:
    """`trim`, memoised; the cut comes after where `keep` begins, if it is in the text."""
    text = unframe(text)
    kept_from = text.find(keep) if keep else -1
    turn = _AUTHOR_TURNS.search(text, max(kept_from, 0))
    if turn:
        text = text[: turn.start()]
    if len(text.split()) <= max_words:
        return text
    text = _RELATIVE_ASIDE.sub(r"\g<subject> ", text, count=1)
    breaks = list(_CLAUSE_BREAK.finditer(text))
    first = text.split(" ", 1)[0].lower()
    # "When phones stay in lockers" is no sentence, nor "In trusts which have brought in this kind
    # of rule": keep the main clause after it
    if first in _SUBORDINATORS or first in _PREPOSITIONS or _TIME_CLAUSE.match(text):
        breaks = breaks[1:]
    # Commas that cut no clause: a list's ("the seafront, bus-station and park toilets") and an
    # aside's ("One Danish study, for instance, found…").
    skip_until = -1
    for brk in breaks:
        if brk.start() <= kept_from or brk.start() < skip_until:
            continue
        uncut = [found for found in (_LIST_TAIL.match(text, brk.start()), _ASIDE.match(text, brk.start())) if found]
        if uncut:  # the longer reading: ", from China and North Korea to Iran," is an aside, not a list's tail
            skip_until = max(found.end() for found in uncut)
            continue
        if _SAYING.match(text, brk.start()):  # ", warning that…" carries what the clause before only announced
            continue
        words = text[: brk.start()].rstrip(_TRAILING).split()
        dangling = _DANGLING_BEFORE_PUNCTUATION if text[brk.start():].lstrip()[:1] in ",;:" else _DANGLING
        while words and words[-1].lower() in dangling:
            words.pop()
        if any(word.lower() not in _FUNCTION_WORDS for word in words):
            return tidy(" ".join(words))
    return text


# A forecast given as the reason for what comes before it: "…and vote, because the committee's
# motion will go through…".
_BECAUSE = re.compile(r"(?:^|,\s*)because\s+", re.I)
_FORECAST = re.compile(r"\b(?:will|won['’]t|going to)\b|['’]ll\b", re.I)
_BACK_REFERENCE = re.compile(r"\b(?:they|them|their|it|its|this|that|these|those|both|the same)\b", re.I)


def from_clause(text: str, slot: str) -> str:
    """The forecast clause that holds `slot`, where it is the reason ("because…") for a clause
    that forecasts nothing: that clause is all the forecast. Otherwise the whole text, and so
    where the forecast leans on the clause before ("because a new grid will need both")."""
    at = text.find(slot) if slot else -1
    links = list(_BECAUSE.finditer(text, 0, at + len(slot))) if at > 0 else []
    if not links or _FORECAST.search(text, 0, links[-1].start()):
        return text
    clause = text[links[-1].end():]
    return text if _BACK_REFERENCE.search(clause) else clause


# A question word at a sentence's head, after at most a link word ("So what do we want?"): a
# wh-question (WH_QUESTION, for `claims`). An open question (OPEN_QUESTION) may also front a
# short phrase ("And in a peace deal what would guarantee…?"); a bare option after it ("Mr
# Putin’s word?") is one answer to it.
_LINK_LEAD = r"^\W*(?:(?:and|but|so|then|now|well),?\s+)?"
_QUESTION_WORD = r"(?:what|who|which|where|when|how)\b"
WH_QUESTION = re.compile(_LINK_LEAD + _QUESTION_WORD, re.I)
OPEN_QUESTION = re.compile(
    _LINK_LEAD + r"(?:(?:in|with|without|for|after|by|under|on|if) [^?,]{2,40}?,?\s+)?" + _QUESTION_WORD
    + r"[^?]{6,}\?\W*$",
    re.I,
)
_QUESTION_HEADS = (frozenset("what who whom whose which where when why how whether am shall need dare".split())
                   | _AUXILIARIES | frozenset(_NEGATED))
_LINK_WORDS = frozenset("and but or so then yet now well".split())


def offers_option(text: str) -> bool:
    """Is the sentence a bare option put as a question ("Mr Putin’s word?", "A longer school
    year?"): one with no question word or auxiliary at its head?"""
    if not text.rstrip(_TRAILING.replace("?", "")).endswith("?"):
        return False
    words = [word.strip(_LEADING + ",").replace("’", "'") for word in text.lower().split()[:2]]
    head = words[1] if words[0] in _LINK_WORDS and len(words) > 1 else words[0]
    return head not in _QUESTION_HEADS


FILTERS = dict(
    clause=clause, question=question, trim=trim, author=author, unframe=unframe,
    subject=subject, predicate=predicate, np=np, agree=agree, uncap=uncap,
    standalone=standalone, as_object=as_object, amount=amount, unsourced=unsourced, uncompared=uncompared,
    unless=unless, unexplained=unexplained, from_clause=from_clause,
)
