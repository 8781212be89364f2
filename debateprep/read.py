"""Stage 1 — read: bytes on disk (or standard input) become a Document.

Metadata (section, title, rubric, date, byline) is kept apart from the body
paragraphs. Every paragraph is a `Span` whose offsets index `Document.text`,
so later stages can always point back into the input:

- Markdown and plain text: `Document.text` is the decoded file exactly as read.
- HTML (`.html`/`.htm`, or standard input starting with `<!doctype` or
  `<html`): markup is not text, so "the text as read" is the extracted plain
  text — the body paragraphs, each with its white space collapsed, joined by
  blank lines. Scripts, styles and other non-prose elements are dropped
  unread; nothing in the page is ever run or fetched.
"""

from __future__ import annotations

import codecs
import re
import sys
from html.parser import HTMLParser

from .errors import DebateprepError
from .models import Document, Paragraph

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Characters, at most, of a heading taken as the title, rubric or section. A "title" of 600 KB is
# no title, and laying it out as one would take Typst gigabytes; it is left out like any heading.
MAX_HEADING = 300
# A line in italics under the title is its standfirst or rubric ("*A letter to the Westbury
# Gazette*"), not the first sentence to ask about.
_STANDFIRST = re.compile(r"^\*(?!\*)([^*]+?)\*$|^_(?!_)([^_]+?)_$")

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


def shown(name: str) -> str:
    """A file name as the document keeps it: bytes the system's encoding could not decode
    (`e\udcff.md`) cannot be written out as UTF-8, so they are shown as "?"."""
    return name.encode("utf-8", "replace").decode("utf-8")


def input_name(path: str) -> str:
    """How messages and the document name an input: `<stdin>` for `-`."""
    return "<stdin>" if path == "-" else shown(path)


def read_path(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a file, or standard input when `path` is `-`, into a Document."""
    name = input_name(path)
    data = _read_bytes(path, name, max_bytes)
    text = decode(data, name)
    if _is_html(path, text):
        return parse_html(text, name)
    return parse(text, name, markdown=not name.lower().endswith(".txt"))


def _read_bytes(path: str, name: str, max_bytes: int) -> bytes:
    try:
        if path == "-":
            if sys.stdin is None:  # started with standard input closed (`<&-`)
                raise DebateprepError(f"{name}: standard input is closed")
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
            f"{name}: larger than the {max_bytes / (1024 * 1024):g} MB input limit "
            "(raise it with --max-size MB)"
        )
    return data


# Control characters other than tab, newline, form feed and carriage return: text has few.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


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
    controls = len(_CONTROL_CHARACTERS.findall(text))
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
    paragraphs = _paragraphs(text, spans)
    _require_body(paragraphs, name)
    return Document(path=name, text=text, paragraphs=paragraphs, **meta)


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


def _require_body(paragraphs, name: str) -> None:
    if not paragraphs:
        raise DebateprepError(f"{name}: has no body text to analyse")


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
        if len(content) > MAX_HEADING:
            return False
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
    standfirst = _STANDFIRST.match(stripped)
    if standfirst and meta["title"] and not meta["subtitle"] and len(stripped) <= MAX_HEADING:
        meta["subtitle"] = standfirst.group(1) or standfirst.group(2)
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
    """Parse text already in memory (the library entry point), HTML included, as `read_path` does."""
    name = shown(name)
    if not text.strip():
        raise DebateprepError(f"{name}: is empty")
    if _is_html(name, text):
        return parse_html(text, name)
    return parse(text, name, markdown=markdown)


# HTML: text only. The standard library's tokenizer never runs scripts, never
# fetches anything, and tolerates the broken markup real pages are made of.

_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)
# Elements whose content is never prose: dropped unread, with all they contain.
_HTML_SKIPPED = frozenset(
    """script style template noscript svg math iframe object canvas nav aside footer
    form button select textarea figcaption""".split()
)
# Elements that start and end a paragraph.
_HTML_BLOCKS = frozenset(
    """html body main article section header div p li ul ol dl dt dd blockquote pre
    table thead tbody tr td th figure hr address center details summary""".split()
)
_HTML_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HTML_META = {
    "description": "description", "og:description": "description",
    "author": "byline", "article:author": "byline",
    "date": "date", "article:published_time": "date", "dc.date": "date",
    "dcterms.date": "date", "pubdate": "date",
}


def _is_html(path: str, text: str) -> bool:
    """HTML by extension, or unnamed text (standard input, a library call) that opens like a page."""
    if path == "-" or path.startswith("<"):
        return bool(_HTML_START.match(text))
    return path.lower().endswith((".html", ".htm"))


class _HTMLText(HTMLParser):
    """Collects body paragraphs and metadata from HTML, ignoring all markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.meta = {"title": "", "subtitle": "", "section": "", "date": "", "byline": ""}
        self.head = {"title": "", "description": "", "date": "", "byline": "", "time": ""}
        self._chunks: list[str | None] = []  # None marks a <br>
        self._skipping = 0
        self._capture: str | None = None  # "title", "time" or a heading tag
        self._captured: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self._skipping or tag in _HTML_SKIPPED:
            self._skipping += tag in _HTML_SKIPPED
            return
        attributes = dict(attrs)
        if tag == "meta":
            self._take_meta(attributes)
        elif tag == "br":
            self._chunks.append(None)
        elif tag in _HTML_BLOCKS or tag in _HTML_HEADINGS:
            self._end_paragraph()
        if tag in _HTML_HEADINGS or tag == "title":
            self._capture, self._captured = tag, []
        elif tag == "time" and not self._capture and not self.head["time"]:
            self._capture, self._captured = "time", []
            self.head["time"] = (attributes.get("datetime") or "").strip()

    def handle_endtag(self, tag):
        if self._skipping:
            self._skipping -= tag in _HTML_SKIPPED
            return
        if tag == self._capture:
            self._end_capture(_collapse(self._captured))
        if tag in _HTML_BLOCKS or tag in _HTML_HEADINGS:
            self._end_paragraph()

    def handle_data(self, data):
        if self._skipping:
            return
        if self._capture:
            self._captured.append(data)
        if self._capture not in _HTML_HEADINGS and self._capture != "title":
            self._chunks.append(data)

    def close(self):
        super().close()
        self._end_paragraph()

    def _take_meta(self, attributes: dict) -> None:
        key = (attributes.get("name") or attributes.get("property") or "").lower()
        field, content = _HTML_META.get(key), _collapse([attributes.get("content") or ""])
        if field and content and not self.head[field]:
            self.head[field] = content

    def _end_capture(self, text: str) -> None:
        tag, self._capture = self._capture, None
        meta, body_started = self.meta, bool(self.paragraphs)
        if tag == "title":
            self.head["title"] = self.head["title"] or text
        elif tag == "time":
            self.head["time"] = text or self.head["time"]
        elif not text or body_started or len(text) > MAX_HEADING:
            return  # a heading inside the body only ends the paragraph
        elif tag == "h1" and not meta["title"]:
            meta["title"] = text
        elif not meta["title"] and not meta["section"]:
            meta["section"] = text
        elif tag == "h2" and meta["title"] and not meta["subtitle"]:
            meta["subtitle"] = text

    def _end_paragraph(self) -> None:
        lines, line = [], []
        for chunk in self._chunks + [None]:
            if chunk is None:
                lines.append(_collapse(line))
                line = []
            else:
                line.append(chunk)
        self._chunks = []
        text = "\n".join(filter(None, lines)).rstrip(_END_MARKS).rstrip()
        if not text or _RULE.match(text):
            return
        if not self.paragraphs and self._is_front_matter(text):
            return
        self.paragraphs.append(text)

    def _is_front_matter(self, text: str) -> bool:
        """A date or byline line above the first paragraph, as on news pages."""
        if text in (self.head["time"], self.head["date"]):
            return True
        if _BYLINE.match(text) and not self.meta["byline"]:
            self.meta["byline"] = text
            return True
        return False

    def document(self, name: str) -> Document:
        meta, head = self.meta, self.head
        meta["title"] = meta["title"] or head["title"]
        meta["subtitle"] = meta["subtitle"] or head["description"]
        meta["date"] = head["time"] or head["date"]
        meta["byline"] = meta["byline"] or head["byline"]
        paragraphs, start = [], 0
        for number, text in enumerate(self.paragraphs, 1):
            paragraphs.append(Paragraph(start, start + len(text), text, number))
            start += len(text) + 2
        _require_body(paragraphs, name)
        return Document(path=name, text="\n\n".join(self.paragraphs), paragraphs=tuple(paragraphs), **meta)


def _collapse(chunks: list[str]) -> str:
    """HTML white space rules: any run of white space is one space."""
    return " ".join("".join(chunks).split())


def parse_html(source: str, name: str = "<html>") -> Document:
    """Extract an HTML page's title, metadata and body paragraphs as plain text.

    `Document.text` is the paragraphs joined by blank lines; offsets index it.
    """
    parser = _HTMLText()
    parser.feed(source)
    parser.close()
    return parser.document(name)
