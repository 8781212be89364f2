"""Stage 1 — read: bytes on disk (or standard input) become a Document.

Metadata (section, title, rubric, date, byline) is kept apart from the body
paragraphs. Every paragraph is a `Span` whose offsets index the decoded text
exactly as read, so later stages can always point back into the input.
"""

from __future__ import annotations

import codecs
import re
import sys

from .errors import DebateprepError
from .models import Document, Paragraph

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)\s*$")
_DATE = re.compile(
    r">\s*((?:\w{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+\w{3,9}\.?,?\s+\d{4})|(?:\d{4}-\d{2}-\d{2}))\s*$"
)
_RULE = re.compile(r"[-_*=—–\s]{1,}$")
_BYLINE = re.compile(r"(?:by|By|BY)\s+[A-Z][\w.’' -]{1,60}$")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,3}[.)])\s+")
_BLOCKQUOTE = re.compile(r"(?:>\s?)+")
# A transcript turn: "CHEN: text", "DR. ALAN BALDWIN: text" (speaker names in capitals).
_SPEAKER = re.compile(r"([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}):[ \t]+(?=\S)")
_END_MARKS = "■□∎◼▪"
_TERMINAL = ".!?…:;\"”’)"

# A block whose lines average more than this many characters holds one
# paragraph per line (news-site exports); shorter lines are hard-wrapped prose.
_LONG_LINE = 100


def read_path(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a file, or standard input when `path` is `-`, into a Document."""
    name = "<stdin>" if path == "-" else path
    data = _read_bytes(path, name, max_bytes)
    text = decode(data, name)
    return parse(text, name, markdown=not name.lower().endswith(".txt"))


def _read_bytes(path: str, name: str, max_bytes: int) -> bytes:
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise DebateprepError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise DebateprepError(f"{name}: is a folder, not an essay file") from None
    except PermissionError:
        raise DebateprepError(f"{name}: permission denied") from None
    except OSError as err:
        raise DebateprepError(f"{name}: cannot read ({err.strerror})") from None
    if len(data) > max_bytes:
        raise DebateprepError(
            f"{name}: larger than the {max_bytes // (1024 * 1024)} MB input limit "
            "(raise it with --max-size)"
        )
    return data


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (or UTF-16/UTF-8 with a byte-order mark); refuse binary data."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data:
            raise DebateprepError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DebateprepError(
            f"{name}: not valid {encoding.upper()} text (byte {err.start}); "
            "save it as UTF-8, e.g. `iconv -f cp1252 -t utf-8`"
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise DebateprepError(f"{name}: looks like a binary file, not text")
    if not text.strip():
        raise DebateprepError(f"{name}: is empty")
    return text


def parse(text: str, name: str = "<text>", *, markdown: bool = True) -> Document:
    """Split decoded text into metadata and body paragraphs."""
    meta = {"title": "", "subtitle": "", "section": "", "date": "", "byline": ""}
    blocks: list[list[tuple[int, int]]] = [[]]
    quoted_blocks: set[int] = set()
    body_started = False

    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            blocks.append([])
            continue
        if markdown and not body_started and _take_metadata(stripped, meta):
            continue
        if markdown and _HEADING.match(stripped):
            blocks.append([])  # a heading inside the body ends the paragraph
            continue
        if markdown and _IMAGE.match(stripped):
            continue
        if _RULE.match(stripped) or stripped in _END_MARKS:
            blocks.append([])
            continue
        if not body_started and not markdown and _is_plain_title(text, start, end, meta):
            meta["title"] = stripped
            blocks.append([])
            continue
        start += len(line) - len(line.lstrip())
        quote = _BLOCKQUOTE.match(text, start, end) if markdown else None
        if quote:
            start = quote.end()
            if start == end:
                blocks.append([])  # an empty `>` line separates quoted paragraphs
                continue
        if bool(quote) != (len(blocks) - 1 in quoted_blocks) and blocks[-1]:
            blocks.append([])  # quoted and unquoted lines never share a paragraph
        if quote:
            quoted_blocks.add(len(blocks) - 1)
        if markdown and (item := _LIST_ITEM.match(text, start, end)):
            blocks.append([(item.end(), end)])
            blocks.append([])
            body_started = True
            continue
        blocks[-1].append((start, end))
        body_started = True

    spans = [
        (start, end, number in quoted_blocks)
        for number, block in enumerate(blocks)
        for start, end in _paragraph_spans(text, block)
    ]
    if not spans:
        raise DebateprepError(f"{name}: has no body text to analyse")
    return Document(path=name, text=text, paragraphs=_paragraphs(text, spans), **meta)


def _paragraphs(text: str, spans: list[tuple[int, int, bool]]) -> tuple[Paragraph, ...]:
    """Paragraphs with their speakers, if at least two start with a "NAME:" label.

    The label is left out of the paragraph's span; a paragraph without one
    continues the previous speaker's turn.
    """
    labels = [_SPEAKER.match(text, start, end) for start, end, _ in spans]
    transcript = sum(1 for label in labels if label) >= 2
    paragraphs: list[Paragraph] = []
    speaker = ""
    for (start, end, quoted), label in zip(spans, labels):
        if transcript and label:
            speaker, start = label.group(1), label.end()
        paragraphs.append(Paragraph(start, end, text[start:end], len(paragraphs) + 1, speaker, quoted))
    return tuple(paragraphs)


def _lines(text: str):
    """(start, end) of each line, without its line break."""
    pos = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        yield pos, pos + len(content)
        pos += len(line)


def _take_metadata(stripped: str, meta: dict[str, str]) -> bool:
    """Recognise the front matter of a news-site export; True if consumed."""
    heading = _HEADING.match(stripped)
    if heading:
        level, content = len(heading.group(1)), heading.group(2).strip()
        if level == 1 and not meta["title"]:
            meta["title"] = content
        elif not meta["title"] and not meta["section"]:
            meta["section"] = content
        elif meta["title"] and not meta["subtitle"]:
            meta["subtitle"] = content
        else:
            return False
        return True
    if _IMAGE.match(stripped):
        return True
    date = _DATE.match(stripped)
    if date and not meta["date"]:
        meta["date"] = date.group(1)
        return True
    if _BYLINE.match(stripped) and not meta["byline"]:
        meta["byline"] = stripped
        return True
    return False


def _is_plain_title(text: str, start: int, end: int, meta: dict[str, str]) -> bool:
    """A short first line without closing punctuation, alone in its block."""
    line = text[start:end].strip()
    if meta["title"] or len(line) > 100:
        return False
    if line.endswith(tuple(_TERMINAL)) and not (line.endswith("?") and _title_case(line)):
        return False
    following = text[end:end + 2].replace("\r", "")
    return following.startswith("\n\n") or following == "\n" or end == len(text)


def _title_case(line: str) -> bool:
    """Most longer words capitalised, as in "Should the Voting Age Be Lowered?"."""
    words = [word for word in line.split() if len(word) > 3]
    return bool(words) and sum(word[0].isupper() for word in words) * 2 > len(words)


def _paragraph_spans(text: str, block: list[tuple[int, int]]):
    """One paragraph per line in news exports, one per block in wrapped prose."""
    if not block:
        return []
    mean = sum(end - start for start, end in block) / len(block)
    spans = block if len(block) > 1 and mean > _LONG_LINE else [(block[0][0], block[-1][1])]
    result = []
    for start, end in spans:
        stripped_end = len(text[start:end].rstrip().rstrip(_END_MARKS).rstrip())
        if stripped_end:
            result.append((start, start + stripped_end))
    return result


def read_text(text: str, name: str = "<text>", *, markdown: bool = True) -> Document:
    """Parse text already in memory (the library entry point)."""
    if not text.strip():
        raise DebateprepError(f"{name}: is empty")
    return parse(text, name, markdown=markdown)
