"""Stage 3 — claims: every sentence gets a role, a stance and a salience score.

The discourse cues are data (`prompts/roles.yaml`): "because" marks a
premise, "however" a rebuttal, "critics say" a reported view, numbers and
quotations evidence. Only the author's own sentences can be the thesis or a
claim: other speakers' turns in a transcript and quoted text (a reply's
`> ` lines) are reported or background.

The thesis is the claim-like sentence that best combines overlap with the
title and rubric, a place in the opening or closing paragraph, a stated
position ("As long as…", "We object to…", "I urge…"; a bare "should" counts
for less) and restatement elsewhere in the essay (a thesis said twice is a
thesis); a self-introduction or a sign-off never is. Claims come out best
first, so `C1` is the sentence a teacher would underline first; `key_claims`
picks the few a worksheet shows.
"""

from __future__ import annotations

import functools
import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

import re2

from .errors import DebateprepError
from .language import OPEN_QUESTION, WH_QUESTION, offers_option
from .models import Claim, Document, Sentence
from .patterns import PatternError, ScreeningSet, compile_regex, relaxed
from .rules import builtin_dir, load_yaml

AUTHOR_CLAIM_ROLES = ("thesis", "claim", "rebuttal")  # the author's own positions
THESIS_CANDIDATE_ROLES = ("claim", "rebuttal", "premise")
MAX_CANDIDATES = 300  # sentences compared with each one to find its restatements
ROLE_WEIGHT = {
    "thesis": 1.0, "claim": 0.7, "rebuttal": 0.62, "premise": 0.42, "concession": 0.36,
    "rhetorical": 0.34, "reported": 0.28, "background": 0.1,
}
STANCE = {"reported": "reports", "concession": "opposes"}
SECOND_THESIS = 0.8  # a second thesis must score this share of the first
# A bare position ("I beg to propose.", "We are proud to oppose.": two content words at most)
# names no content, so the best other candidate goes beside it wherever it stands, if it scores
# this share of the first.
BARE_WORDS, BARE_SECOND = 2, 0.5
# A position stated outright ("We urge the council to…", "I am proud to oppose") marks the thesis
# more surely than a bare "should": on the 132 labelled quality-dev texts, weighing them 0.45 and
# 0.25 put a gold thesis first in 108, against 102 with both at 0.25.
THESIS_CUES = {"thesis": 0.45, "own_case": 0.45, "call_to_act": 0.25, "obligation": 0.25}
# A conditional warning ("If we do nothing, …", "Put this rise through and you'll see…") gives a
# reason for the position; in the closing paragraph it had outscored the position itself.
WARNING_PENALTY = 0.2
# The author's standing to speak ("I have lived above the bakery for sixteen years, so…") opens
# many letters; unless it also states a position, it is the witness, not the thesis.
CREDENTIALS_PENALTY = 0.15
# Cue groups that make a sentence no thesis, whatever else it says: how to take part, a body's
# claim in its own name, the speaker steering the talk.
_NO_THESIS = frozenset({"procedure", "attributed", "discourse"})
# One automaton over every cue group grows with the product of their states, and each new
# sentence builds its share of it: on 20 new essays, three sets of a third of the groups each
# screen in 35% fewer instructions than one set of them all (four sets: no better).
CUE_SETS = 3
TOPIC_WORDS = 8  # shorter paragraph openers are transitions ("Consider the costs.")
SPREAD = 0.1  # key claims: salience given up for each claim already taken from a paragraph
RESTATEMENT = 0.6  # word overlap at which two claims say the same thing

_WORD = re.compile(r"[A-Za-zÀ-ÿ’']+")
_STOP = frozenset(
    """a an the and or but if then so of to in on at by for with from as is are was
    were be been being it its this that these those there their they them he she his
    her we our you your i my me not no now will would can could should must may might
    has have had do does did than into about over such what which who whom whose
    when where why how all any some more most other says say said time""".split()
)
_CLOSERS = "\"”’')]» "
_OPENERS = "\"“‘'([« "


@functools.lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased, crudely stemmed content words: enough to compare sentences.

    Memoised: `key_claims` and the later stages compare the sentences this stage read.
    """
    return frozenset(filter(None, map(_stem, _WORD.findall(text.lower()))))  # stop words stem to ""


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A word's comparable form, or "" for stop words; memoised, as essays repeat their words."""
    if "'" in word or "’" in word:
        word = word.replace("’", "'").split("'")[0]
    size = len(word)
    if size < 3 or word in _STOP:
        return ""
    # Drop "-ing", "-ed", "-es" or "-s" where four letters stay; read on the last letter, as
    # every new word of an essay comes through here.
    last = word[-1]
    if last == "s":
        return word[:-2] if size >= 6 and word[-2] == "e" else word[:-1] if size >= 5 else word
    if last == "g":
        return word[:-3] if size >= 7 and word.endswith("ing") else word
    if last == "d":
        return word[:-2] if size >= 6 and word[-2] == "e" else word
    return word


@dataclass(frozen=True)
class Cues:
    """The cue groups of `roles.yaml`, compiled to search UTF-8 bytes: one alternation per
    group, and a few RE2 sets over the groups' `relaxed` forms that tell, in one pass each,
    which groups may fire on a sentence.

    The sets' counted repetitions (`[^.;:]{0,60}`) would copy their atom sixty times into
    the automaton and make every new sentence slow to screen; relaxed, they screen several
    times faster and let through a rare extra group, which the exact search then drops.
    """

    groups: tuple  # (group name, compiled alternation), in the file's order
    prefilters: tuple[tuple[tuple[int, ...], ScreeningSet], ...]  # (group indices, set over them)

    def fired(self, text: str) -> dict[str, str]:
        """Cue group -> the words that fired it (lower case), for every group that fires,
        in the file's order."""
        data = text.encode("utf-8")  # once, not again in every search
        found_in = sorted(indices[index] for indices, prefilter in self.prefilters for index in prefilter.Match(data))
        fired = {}
        for index in found_in:
            group, regex = self.groups[index]
            found = regex.search(data)
            if found:
                fired[group] = found[0].decode("utf-8").strip(" ,;:—–-").lower()
        return fired


@functools.lru_cache(maxsize=4)
def role_cues(path: str | None = None) -> Cues:
    """The compiled cue groups of `roles.yaml` (or the file at `path`)."""
    source = Path(path) if path else builtin_dir() / "roles.yaml"
    data = load_yaml(source)
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise DebateprepError(f"{source}: roles file maps each cue group to a list of cues")
    groups, relaxed_forms = [], []
    for group, patterns in data.items():
        source_regex = "(?i)" + "|".join(f"(?:{p})" for p in patterns)
        try:
            groups.append((group, compile_regex(source_regex, on_bytes=True)))
        except PatternError as err:
            raise DebateprepError(f"{source}: cue group {group!r}: bad cue: {err}") from None
        relaxed_forms.append(relaxed(source_regex))
    try:
        prefilters = tuple(
            (tuple(indices), ScreeningSet([relaxed_forms[i] for i in indices]))
            for indices in (range(start, len(relaxed_forms), CUE_SETS) for start in range(CUE_SETS)) if indices
        )
    except re2.error:
        raise DebateprepError(f"{source}: the cue groups are too large to screen for together") from None
    return Cues(tuple(groups), prefilters)


def assign_role(text: str, fired: dict[str, str]) -> str:
    """The role of one of the author's sentences, from the cues that fired (see roles.yaml)."""
    if text.rstrip(_CLOSERS).endswith("?"):
        # "Please would you look at this again?" asks the reader to act; it implies no answer.
        # "People say, oh, where am I supposed to park?" puts the question in others' mouths.
        if "reported" in fired and text.lstrip(_OPENERS).lower().startswith(fired["reported"]):
            return "reported"
        return "claim" if "request" in fired else "rhetorical"
    if "reported" in fired and "own_case" not in fired:
        return "reported"
    if "concession" in fired:
        return "rebuttal" if "contrast" in fired else "concession"
    if "rebuttal" in fired:
        return "rebuttal"
    if {"thesis", "own_case", "call_to_act"} & fired.keys() and "framing" not in fired:
        return "claim"
    if "evidence" in fired and "modal" not in fired:
        return "premise"
    if "modal" in fired or "judgement" in fired:
        return "claim"
    if "reason" in fired or "evidence" in fired:
        return "premise"
    return "background"


def choose_author(document: Document, speaker: str | None = None) -> str:
    """The transcript speaker whose claims these are: the one named, else the one with most words."""
    words: dict[str, int] = {}
    for paragraph in document.paragraphs:
        if paragraph.speaker:
            words[paragraph.speaker] = words.get(paragraph.speaker, 0) + len(paragraph.text.split())
    if speaker:
        for name in words:
            if name.casefold() == speaker.strip().casefold():
                return name
        known = ", ".join(sorted(words)) or "none: it is not a transcript"
        raise DebateprepError(f"{document.path}: no speaker {speaker!r} (speakers: {known})")
    return max(words, key=lambda name: (words[name], name)) if words else ""


@dataclass(slots=True)
class _Reading:
    """What the claims stage knows about one sentence while scoring it."""

    sentence: Sentence
    words: frozenset[str]
    fired: dict[str, str]
    role: str
    own: bool  # the author's own words (not another speaker's, not quoted)
    paragraph_end: int
    speaker: str = ""
    quoted: bool = False
    place: str = ""  # "opening", "closing" or ""
    restated: float = 0.0
    restated_ref: str = ""
    title_overlap: float = 0.0
    thesis_score: float = 0.0


def read_cues(sentences: Iterable[Sentence]) -> list[dict[str, str]]:
    """Each sentence's cue groups, with the words that fired them (see `Cues.fired`)."""
    cues = role_cues()
    return [cues.fired(sentence.text) for sentence in sentences]


def find_claims(document: Document, sentences: tuple[Sentence, ...], *,
                speaker: str | None = None, cues: list[dict[str, str]] | None = None) -> tuple[Claim, ...]:
    """Role, stance and salience for every sentence; the claims list best first.

    `cues` is `read_cues(sentences)`, where the caller has read them along with other
    essays' sentences (see `pipeline.analyze_documents`).
    """
    if not sentences:
        return ()
    fired = read_cues(sentences) if cues is None else cues
    readings = _read_sentences(document, sentences, fired, choose_author(document, speaker))
    own = [r for r in readings if r.own]
    _mark_topic_sentences(own)
    _mark_continuations(own)
    _mark_granted_views(own)
    _mark_posed_questions(own)
    _mark_signposted(own)
    _mark_places(own)
    _mark_restatements(own)
    heading_words = content_words(f"{document.title} {document.subtitle}")
    for reading in own:
        reading.title_overlap = _overlap(reading.words, heading_words)
        reading.thesis_score = _thesis_score(reading)
    theses = _pick_theses(own)
    thesis_words = frozenset().union(*(r.words for r in theses)) if theses else heading_words
    for reading in theses:
        reading.role = "thesis"

    scored = [(reading, _salience(reading, thesis_words)) for reading in readings]
    scored.sort(key=lambda item: (-item[1], item[0].sentence.start))
    return tuple(
        Claim(f"C{rank}", r.sentence, r.role, salience,
              STANCE.get(r.role, "supports") if r.own else "reports", _why(r), r.speaker, r.quoted)
        for rank, (r, salience) in enumerate(scored, start=1)
    )


def _read_sentences(document: Document, sentences, every_fired: list[dict[str, str]], author: str) -> list[_Reading]:
    paragraphs = {p.number: p for p in document.paragraphs}
    readings = []
    for sentence, fired in zip(sentences, every_fired):
        paragraph = paragraphs[sentence.paragraph]
        own = not paragraph.quoted and paragraph.speaker == author
        role = assign_role(sentence.text, fired)
        if not own:  # someone else's words: a view the author reports, or scenery
            argues = role != "background" and ({"modal", "judgement", "thesis", "obligation", "reported"} & fired.keys())
            role = "reported" if argues else "background"
        readings.append(_Reading(sentence, content_words(sentence.text), fired, role, own,
                                 paragraph.end, paragraph.speaker, paragraph.quoted))
    return readings


def _mark_topic_sentences(own: list[_Reading]) -> None:
    """A cue-less first sentence that opens a paragraph of argument states its topic: a claim."""
    sentences_in = {}
    for reading in own:
        sentences_in[reading.sentence.paragraph] = sentences_in.get(reading.sentence.paragraph, 0) + 1
    for reading in own:
        if (reading.role == "background" and reading.sentence.index == 1
                and sentences_in[reading.sentence.paragraph] > 2
                and len(reading.sentence.text.split()) >= TOPIC_WORDS
                and not {"narrative", "evidence", "first_person"} & reading.fired.keys()):
            reading.role = "claim"
            reading.fired["topic"] = "opens the paragraph"


# What ends a run of sentences that go on with a reported view or a concession.
_TURNS = {
    "reported": {"contrast", "rebuttal", "thesis", "obligation", "first_person", "evidence"},
    "concession": {"contrast", "rebuttal", "thesis", "obligation", "first_person"},
}


def _mark_continuations(own: list[_Reading]) -> None:
    """Sentences that go on with a reported view or a concession, until the author turns, share its role.

    The author turns with a contrast, a first-person word, (after a reported
    view) evidence, or a judgement of their own unless the sentence is still
    about "they".
    """
    previous = None
    for reading in own:
        fired = reading.fired.keys()
        follows = previous is not None and previous.sentence.paragraph == reading.sentence.paragraph
        if (follows and previous.role in _TURNS
                and reading.role in ("claim", "premise", "background")
                and not _TURNS[previous.role] & fired
                and ("judgement" not in fired or "their_side" in fired or previous.role == "concession")):
            reading.role = previous.role
            reading.fired[previous.role] = f"continues {previous.sentence.ref}"
        previous = reading


def _mark_granted_views(own: list[_Reading]) -> None:
    """A view reported in one sentence and granted outright at the start of the next ("Critics
    say a link worker costs £35,000 a year. That's true, and…"), or at the end of its own
    ("…, and that part is true"), is a point the author concedes. Asked about as the other
    side's view, it drew "Does the author give a fair account…?" and "what tells against it?",
    which the author's grant answers."""
    for reading, following in zip(own, [*own[1:], None]):
        if "grants_own" in reading.fired and reading.role != "thesis":  # "The council says…" may read as any role
            reading.role = "concession"
            reading.fired["concession"] = "granted in the sentence"
        elif (reading.role == "reported" and following is not None and "grants" in following.fired
                and following.sentence.paragraph == reading.sentence.paragraph):
            reading.role = "concession"
            reading.fired["concession"] = f"granted {following.sentence.ref}"


_WHY = re.compile(r"\bwhy\b", re.I)
# Words of the next sentence that may take up the question's own: "So who comes in on a weekday
# afternoon? When we counted last autumn, most of our afternoon visitors…".
_ANSWER_OPENING = 12
_ANSWERING_PARAGRAPH = 2  # sentences, at least, in the paragraph a question standing alone heads
# Words, at most, of a question that the next sentence of its paragraph answers ("Mind? I'm
# delighted.", "What would actually help? Publishers should…"): too short to argue by itself.
# An exclamation after it dismisses instead, and the question stays rhetorical ("Mr Putin's word?
# Don't make me laugh!").
_SHORT_QUESTION = 5
# Words, at most, of a wh-question that sets up the answer after it ("So what do we propose
# instead? We say make the pier safe…", "And what would we get for our money?"): read as
# rhetorical, such questions were good to ask about 3 times in 36 on the rated sets.
_SHORT_WH_QUESTION = 8
_LINK_WORDS = r"(?:and|but|so|then|now|well|or|yet),?\s+"
# Not "who": "Who wants more lorries on the lane?" implies its answer (nobody) however short. A
# question the author puts to themselves is answered too ("Would I have registered in advance?
# Honestly, I doubt it.").
_SETTING_UP = re.compile(
    rf"^\W*(?:{_LINK_WORDS})?(?:(?:what|how|where|which)\b|(?:would|did|do|could|should|will|am|was|have|had|can) I\b)",
    re.I)
_LEADING_LINK_WORD = re.compile(rf"^\W*{_LINK_WORDS}", re.I)


def _takes_up(question: str, answer: str) -> bool:
    """Does `answer` open with a content word of the wh-question before it ("So what do we
    want? We want a guarantee…")? A rhetorical question's next sentence goes on from its
    implied answer instead of repeating the question's words."""
    return bool(WH_QUESTION.match(question)
                and content_words(question) & content_words(" ".join(answer.split()[:_ANSWER_OPENING])))


def _sets_up_an_answer(question: str) -> bool:
    """Is `question` too short to argue by itself, so that the sentence after it answers it?"""
    words = len(_LEADING_LINK_WORD.sub("", question).split())
    return words <= _SHORT_QUESTION or words <= _SHORT_WH_QUESTION and bool(_SETTING_UP.match(question))


def _mark_posed_questions(own: list[_Reading]) -> None:
    """Questions the author announces ("So urgent questions loom.", "And why now, you might
    ask?") or answers right after ("So what would it take? Less than you might think: …",
    "So what do we want? We want…", or the options after it: "…what would guarantee that…? Mr
    Putin’s word? Don’t make me laugh!") are asked to be answered, not for effect: they set the
    scene for the answer, and are not rhetorical. The options themselves stay rhetorical. "Because…" answers only a question that
    asks why. A question that is a paragraph of its own, with an argued paragraph after it,
    heads that paragraph ("Does it actually save lives?" in a memo) and is posed too; so is a
    short question with more of its paragraph after it ("Mind? I'm delighted.")."""
    paragraph_sizes = Counter(reading.sentence.paragraph for reading in own)
    for at, reading in enumerate(own):
        if reading.role != "rhetorical":
            continue
        previous = own[at - 1] if at else None
        following = own[at + 1] if at + 1 < len(own) else None
        announced = "poses" in reading.fired or (  # "And why now, you might ask?" poses itself
            previous is not None and previous.sentence.paragraph == reading.sentence.paragraph
            and ("poses" in previous.fired or previous.fired.get("question") == "posed")
            and not offers_option(reading.sentence.text))  # an option answers the question before it
        answered = (following is not None and following.sentence.paragraph == reading.sentence.paragraph
                    and ("answers" in following.fired
                         or "answers_why" in following.fired and _WHY.search(reading.sentence.text)
                         or _takes_up(reading.sentence.text, following.sentence.text)
                         or offers_option(following.sentence.text) and OPEN_QUESTION.match(reading.sentence.text)
                         or _sets_up_an_answer(reading.sentence.text)
                         and not following.sentence.text.rstrip().endswith("!")))
        heading = (following is not None and paragraph_sizes[reading.sentence.paragraph] == 1
                   and paragraph_sizes[following.sentence.paragraph] >= _ANSWERING_PARAGRAPH)
        if announced or answered or heading:
            reading.role = "background"
            reading.fired["question"] = "posed"


def _mark_signposted(own: list[_Reading]) -> None:
    """A sentence that only announces the position ("So here's my ask.", "So the choice in front of
    you is a simple one.") states nothing itself: the sentence after it, in its paragraph or at the
    start of the next, states the position, and takes the announcement's thesis cue."""
    for at, reading in enumerate(own):
        if "signpost" not in reading.fired:
            continue
        # how to take part ("The consultation closes on 30 November…") is no position: the next one
        following = next((later for later in own[at + 1:at + 3] if "procedure" not in later.fired), None)
        if following is None or following.role in ("reported", "concession"):
            continue
        same_paragraph = following.sentence.paragraph == reading.sentence.paragraph
        if same_paragraph or _is_last_in_paragraph(reading):
            reading.role = "background"
            if following.role in ("background", "rhetorical"):
                following.role = "claim"
            following.fired["thesis"] = reading.sentence.text.strip()


def _mark_places(own: list[_Reading]) -> None:
    """Opening = the first paragraph that argues (an opening story is skipped); closing = the last."""
    arguing = [r.sentence.paragraph for r in own if r.role != "background"]
    if not arguing:
        return
    opening, closing = arguing[0], arguing[-1]
    for reading in own:
        paragraph = reading.sentence.paragraph
        reading.place = "closing" if paragraph == closing else "opening" if paragraph == opening else ""


def _mark_restatements(own: list[_Reading]) -> None:
    """How strongly each claim-like sentence is said again in another paragraph."""
    arguing = [r for r in own if r.role in THESIS_CANDIDATE_ROLES]
    having: dict[str, list[int]] = {}
    for index, reading in enumerate(arguing):
        for word in reading.words:
            having.setdefault(word, []).append(index)
    paragraphs = [reading.sentence.paragraph for reading in arguing]
    sizes = [len(reading.words) for reading in arguing]
    word_sets = [reading.words for reading in arguing]
    for reading in arguing:
        paragraph, size = reading.sentence.paragraph, len(reading.words)
        best, best_index = 0.0, None
        # In essay order, so the first of equal matches is cited; nothing beats a full overlap.
        for j, shared in sorted(_shared_words(reading.words, having, word_sets).items()):
            if paragraphs[j] != paragraph:
                overlap = _overlap_of(shared, size, sizes[j])
                if overlap > best:
                    best, best_index = overlap, j
                    if best == 1.0:
                        break
        if best_index is not None:
            reading.restated, reading.restated_ref = best, arguing[best_index].sentence.ref


def _shared_words(words: frozenset[str], having: dict[str, list[int]],
                  word_sets: list[frozenset[str]]) -> dict[int, int]:
    """Sentence index -> how many of `words` it has, for the sentences to compare with.

    Counted from the word index, not by intersecting every pair. In an essay of more
    than `MAX_CANDIDATES` such sentences, only those sharing the rarest words are
    compared (about `MAX_CANDIDATES` of them), so the cost grows with the essay, not
    with its square: counting every sentence that shares any word first, a 300 KB
    essay of one sentence repeated took 18 seconds.
    """
    if len(word_sets) <= MAX_CANDIDATES:
        return Counter(chain.from_iterable(map(having.__getitem__, words)))
    kept: set[int] = set()
    for word in sorted(words, key=lambda w: (len(having[w]), w)):
        if len(kept) >= MAX_CANDIDATES:
            break
        kept.update(islice(having[word], MAX_CANDIDATES))
    return {j: len(words & word_sets[j]) for j in kept}


def _thesis_score(reading: _Reading) -> float:
    fired = reading.fired
    if (reading.role not in THESIS_CANDIDATE_ROLES or not _NO_THESIS.isdisjoint(fired)
            or ("framing" in fired and "thesis" not in fired)):
        return 0.0
    position = {"closing": 0.9, "opening": 0.8}.get(reading.place, 0.0)
    if reading.place and _is_last_in_paragraph(reading):
        position += 0.1
    cue = max((weight for group, weight in THESIS_CUES.items() if group in fired), default=0.0)
    across = 0.1 if reading.place and reading.restated >= 0.5 else 0.0
    narrative = 0.2 if "narrative" in fired else 0.0
    bare_evidence = 0.1 if "evidence" in fired and not {"thesis", "modal"} & fired.keys() else 0.0
    warning = WARNING_PENALTY if "warning" in fired else 0.0
    standing = CREDENTIALS_PENALTY if "credentials" in fired and "thesis" not in fired else 0.0
    return (0.3 * reading.title_overlap + 0.25 * position + cue
            + 0.2 * reading.restated + across - narrative - bare_evidence - warning - standing)


def _pick_theses(own: list[_Reading]) -> list[_Reading]:
    """At most two thesis sentences, the second only if nearly as strong as the first and from
    the other end of the essay (stated in the opening, restated in the closing), unless both
    state a position outright. (On the labelled development texts, a second pick from the first
    one's own end of the essay was a gold thesis 9 times in 30; from the other end, 57 in 101.)"""
    ranked = sorted((r for r in own if r.thesis_score > 0),
                    key=lambda r: (-r.thesis_score, r.sentence.start))
    if len(ranked) < 2:
        return ranked
    first, second = ranked[:2]
    if len(first.words) <= BARE_WORDS:  # "I beg to propose.": show what is proposed too
        return [first, second] if second.thesis_score >= BARE_SECOND * first.thesis_score else [first]
    if ((second.place != first.place or {"thesis"} <= first.fired.keys() & second.fired.keys())
            and second.thesis_score >= SECOND_THESIS * first.thesis_score):
        return [first, second]
    return [first]


def _salience(reading: _Reading, thesis_words: frozenset[str]) -> float:
    if reading.role == "thesis":
        return round(min(1.0, 0.9 + 0.1 * reading.thesis_score), 3)
    fired = reading.fired
    stance = min(2, ("modal" in fired) + ("judgement" in fired) + ("reason" in fired)) / 2
    topical = _overlap(reading.words, thesis_words)
    salience = (
        0.55 * ROLE_WEIGHT[reading.role]
        + 0.12 * topical
        + 0.14 * _paragraph_place(reading)
        + 0.08 * stance
        + 0.15 * ("emphasis" in fired)
        + 0.05 * reading.restated
        - 0.08 * ("evidence" in fired)
        - 0.08 * ("narrative" in fired)
    )
    if len(reading.sentence.text.split()) < 4:
        salience *= 0.7
    if not reading.own:
        salience *= 0.5
    return round(max(0.0, min(salience, 0.89)), 3)


def _paragraph_place(reading: _Reading) -> float:
    """Topic sentences open a paragraph; conclusions drawn from evidence close one."""
    if reading.sentence.index == 1:
        return 1.0
    return 0.7 if _is_last_in_paragraph(reading) else 0.0


def _is_last_in_paragraph(reading: _Reading) -> bool:
    return reading.sentence.end >= reading.paragraph_end


def _why(reading: _Reading) -> tuple[str, ...]:
    """The reasons a reader sees for the role and salience, most telling first."""
    reasons = []
    if reading.quoted:
        reasons.append("quoted")
    elif not reading.own:
        reasons.append(f"speaker {reading.speaker or '(none)'}")
    reasons += [f"{group} '{_clip(words)}'" for group, words in reading.fired.items()]
    if reading.role == "thesis" or reading.thesis_score:
        if reading.title_overlap >= 0.5:
            reasons.append("title words")
        if reading.place:
            reasons.append(f"{reading.place} paragraph")
        if reading.restated >= 0.5:
            reasons.append(f"restated {reading.restated_ref}")
    return tuple(reasons)


def _clip(words: str, most: int = 4) -> str:
    split = words.split()
    return words if len(split) <= most else " ".join(split[:most]) + "…"


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return _overlap_of(len(a & b), len(a), len(b))


def _overlap_of(shared: int, size_a: int, size_b: int) -> float:
    """Overlap from the count of shared words: four shared, or all of the shorter set, is 1.0."""
    return min(1.0, shared / min(size_a, size_b, 4))


def key_claims(claims: Iterable[Claim], n: int, *,
               keep: Callable[[Claim], bool] | None = None) -> list[Claim]:
    """The `n` best of the author's claims, best first, spread across the essay.

    Picked greedily by salience, less `SPREAD` for every claim already taken
    from the same paragraph, so five never come from one paragraph unless
    the rest of the essay has nothing close; a claim that restates one
    already chosen is left out, so one idea appears once. `keep` narrows the
    candidates further (e.g. claims with prompts on both sides).
    """
    per_paragraph: dict[int, int] = {}

    def entry(claim: Claim) -> tuple:
        """Best first: by salience less the spread penalty, then salience, then place."""
        taken = per_paragraph.get(claim.sentence.paragraph, 0)
        return (-(claim.salience - SPREAD * taken), -claim.salience, claim.sentence.start, taken, claim)

    # A heap, not a scan of every candidate per pick: an essay of 20,000 restated paragraphs
    # took half a minute. A paragraph's penalty only grows, so an entry pushed before its
    # paragraph gave a claim is pushed again with its new score when it comes up.
    heap = [entry(c) for c in claims if c.role in AUTHOR_CLAIM_ROLES and (keep is None or keep(c))]
    heapq.heapify(heap)
    chosen: list[Claim] = []
    chosen_words: list[frozenset[str]] = []
    while len(chosen) < n and heap:
        *_, taken, best = heapq.heappop(heap)
        if taken != per_paragraph.get(best.sentence.paragraph, 0):
            heapq.heappush(heap, entry(best))
            continue
        words = content_words(best.sentence.text)
        if any(_same_idea(words, other) for other in chosen_words):
            continue
        chosen.append(best)
        chosen_words.append(words)
        per_paragraph[best.sentence.paragraph] = per_paragraph.get(best.sentence.paragraph, 0) + 1
    return chosen


def _same_idea(a: frozenset[str], b: frozenset[str]) -> bool:
    return len(a & b) / max(1, min(len(a), len(b))) >= RESTATEMENT
