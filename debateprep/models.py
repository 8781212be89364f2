"""The plain data that flows between pipeline stages.

read -> Document -> segment -> Sentence -> claims -> Claim -> match -> Match
     -> realize -> Prompt -> select -> Analysis

Every stage takes these and returns new ones; no stage reaches back into an
earlier one. Offsets (`start`, `end`) always index `Document.text`, the text
exactly as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A stretch of the input: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph(Span):
    number: int  # 1-based, body paragraphs only
    speaker: str = ""  # transcripts: whose turn this is ("CHEN"); "" in ordinary prose
    quoted: bool = False  # a quotation of another text (a Markdown `> ` blockquote)


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str = ""
    subtitle: str = ""
    section: str = ""
    date: str = ""
    byline: str = ""

    @property
    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class Sentence(Span):
    paragraph: int  # 1-based paragraph number
    index: int  # 1-based position within the paragraph

    @property
    def ref(self) -> str:
        """The citation a reader sees: ¶7.2 = paragraph 7, sentence 2."""
        return f"¶{self.paragraph}.{self.index}"


@dataclass(frozen=True)
class Claim:
    id: str
    sentence: Sentence
    role: str
    salience: float
    stance: str = "supports"  # relative to the thesis: supports, opposes or reports
    cues: tuple[str, ...] = ()  # why the role and salience: the cues that fired
    speaker: str = ""  # transcripts: who said it
    quoted: bool = False  # inside a quotation of another text


@dataclass(frozen=True)
class Match:
    rule: str
    scheme: str
    claim: Claim
    slots: dict[str, str]
    hedge: str = ""  # the hedging words as written ("I doubt", "perhaps"), "" if none
    negated: bool = False

    @property
    def hedged(self) -> bool:
        return bool(self.hedge)


def built(cls, **fields):
    """An instance of the frozen dataclass `cls` from all its fields, made without `__init__`,
    which sets each field through `object.__setattr__` and costs three times as much: for the
    classes made by the hundred per essay."""
    made = object.__new__(cls)
    made.__dict__.update(fields)
    return made


@dataclass(frozen=True)
class Prompt:
    id: str
    claim: Claim
    side: str  # "pro" or "con"
    scheme: str
    rule: str
    text: str
    score: float
    explain: str = ""


@dataclass(frozen=True)
class Analysis:
    document: Document
    sentences: tuple[Sentence, ...]
    claims: tuple[Claim, ...]
    prompts: tuple[Prompt, ...]
    schemes_by_claim: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def prompts_for(self, claim: Claim) -> list[Prompt]:
        return [p for p in self.prompts if p.claim.id == claim.id]
