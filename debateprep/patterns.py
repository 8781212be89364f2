"""Templated patterns: the readable pattern language of rule packs, compiled to RE2.

    "{effect} because {cause}"
    "{actor} (should|must|ought to) [not] {action}"

- `{name}` captures a slot: as little text as possible, but a slot that opens
  the pattern runs from the start of the sentence, and one that closes it runs
  to the end (less the closing punctuation).
- `(a|b c)` is a choice of literal words, `[word]` is optional.
- Everything else is literal, matched as whole words, case-insensitively,
  with ' and ’ interchangeable.

RE2 matches in linear time, so no pattern a user writes can hang the program.
"""

from __future__ import annotations

import functools
import re

import re2

_TOKEN = re.compile(r"\{(\w+)\}|\(([^()]*)\)|\[([^\[\]]*)\]|([^\s{}()\[\]]+)")
_CLOSING = r"[\s.!?…;:,\"”’'»)\]]*$"


class PatternError(ValueError):
    pass


QUIET_OPTIONS = re2.Options()
QUIET_OPTIONS.log_errors = False  # errors become PatternError, not lines on stderr


def as_text(value: str | bytes) -> str:
    """A group name or value from a regex that searched UTF-8 bytes, as text."""
    return value.decode("utf-8") if isinstance(value, bytes) else value


# RE2's \C: one byte, which on UTF-8 text can end a slot in the middle of "é".
_ONE_BYTE = re.compile(r"(?<!\\)(?:\\\\)*\\C")


@functools.lru_cache(maxsize=4096)
def compile_regex(source: str, *, on_bytes: bool = False):
    """Compile an RE2 regex, raising PatternError with a readable message.

    `on_bytes` compiles it to search UTF-8 bytes: the engine encodes each
    sentence once rather than letting every search encode it again. Memoised:
    loading a pack checks a pattern, and the engine then uses the same one.
    """
    if _ONE_BYTE.search(source):
        raise PatternError("\\C matches one byte and would cut a character in two; use . instead")
    try:
        return re2.compile(source.encode("utf-8") if on_bytes else source, QUIET_OPTIONS)
    except UnicodeError:
        raise PatternError("it holds a character that is not text (a lone surrogate)") from None
    except re2.error as err:
        detail = err.args[0] if err.args else err
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise PatternError(str(detail)) from None


_REGEX_PIECE = re.compile(
    r"""(?P<one>\\[wWsSdD] | \\[^\w] | \[\^?\]?(?:\[:\w+:\]|\\.|[^\]])*\] | \.)  # one character
      | \\Q.*?(?:\\E|$)                             # quoted text, as it is
      | \\.                                        # any other escape (\b, \pL…), as it is
      | \(\?[a-zA-Z-]*\)                           # flags: (?i)
      | (?P<group>\(\?P?<\w+> | \((?!\?))           # a capturing group's opening
      | (?P<open>\(\?[a-zA-Z-]*:)                    # any other group's opening
      | (?P<close>\))
      | \{(?P<least>\d+),(?P<most>\d+)\}(?P<lazy>\??)  # a counted repetition with an upper bound
      | [^\\\[(){.]+ | .                            # anything else
    """,
    re.VERBOSE,
)


def relaxed(source: str) -> str:
    """`source` with every counted repetition's upper bound dropped and every group made
    non-capturing: it matches wherever `source` does, and maybe elsewhere.

    The engine asks the relaxed form first whether a pattern can match at all: a bound
    like `[^,;]{2,60}?` copies its atom sixty times into RE2's program, which makes each
    new sentence slow to search, and without groups RE2 needs only its fast automaton.
    """

    def relax(piece: re.Match) -> str:
        if piece["group"]:
            return "(?:"
        return f"{{{piece['least']},}}{piece['lazy']}" if piece["least"] else piece[0]

    return _REGEX_PIECE.sub(relax, source)


def check_slot_names(source: str) -> None:
    """Raise PatternError if two groups share a name: RE2 accepts it but fills only the
    first, so a match through the second would come back with that slot empty."""
    names = [piece[0][piece[0].index("<") + 1:-1] for piece in _REGEX_PIECE.finditer(source)
             if piece["group"] and piece[0] != "("]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise PatternError(f"slot {repeated[0]!r} is named by two groups; RE2 would fill only the first")


def check_indexable(source: str) -> bool:
    """Whether RE2's `Filter` finds a literal word the pattern needs, to screen sentences on;
    False for a pattern it would have to run on every sentence. Raise PatternError if the
    pattern alone is too large for the index, which keeps its words in one set of bounded memory."""
    alone = re2.Filter()
    alone.Add(relaxed(source).encode("utf-8"), QUIET_OPTIONS)
    try:
        alone.Compile()
    except re2.error:
        raise PatternError("too many literal words to index; split it into several patterns") from None
    return not alone.Match(b"", True)  # only a pattern with no word to look for passes on no text


class ScreeningSet:
    """Which of several regexes match a text, found by one RE2 set in a single pass.

    An RE2 set answers nothing at all when its automaton runs out of memory on some
    odd text. Its last member matches every text, so that case shows, and the
    regexes are then asked one by one: no match is ever missed.
    """

    def __init__(self, sources: list[str]):
        self.sources = sources
        self._set = re2.Set.SearchSet(QUIET_OPTIONS)
        for source in sources:
            self._set.Add(source.encode("utf-8"))
        self._set.Add(rb"\A")  # matches every text (at its start): missing only when the automaton gave up
        self._set.Compile()  # re2.error if the regexes are too large to share one set

    def Match(self, data: bytes) -> list[int]:
        """The indices of the regexes that match UTF-8 `data`, in order (named as RE2's own)."""
        found = self._set.Match(data) or []
        try:
            found.remove(len(self.sources))
        except ValueError:  # the automaton gave up
            return [index for index, source in enumerate(self.sources)
                    if compile_regex(source, on_bytes=True).search(data)]
        found.sort()
        return found


def counted(source: str) -> tuple[str, tuple[tuple[int, int, int], ...]] | None:
    """`source` with each counted repetition unbounded and put in a group of its own, and
    (group number, least, most) for each; None where a count cannot be read back from its
    group: its atom is more than one character, or it sits in a repeated group.

    Where this form matches with every count in bounds, `source` matches the same way:
    dropping a bound only adds choices after those `source` allows, so the first match in
    RE2's (Perl's) order of choices is one `source` has too, and `source`'s first as well.
    """
    if "\\Q" in source:  # quoted text would hide its parentheses from the count of groups
        return None
    out: list[str] = []
    bounds: list[tuple[int, int, int]] = []
    groups = 0  # capturing groups opened so far
    bounds_before: list[int] = []  # per open group: how many bounds preceded it
    one_character = False  # does the last piece match exactly one character?
    for piece in _REGEX_PIECE.finditer(source):
        if piece["least"]:
            if not one_character:
                return None
            groups += 1
            bounds.append((groups, int(piece["least"]), int(piece["most"])))
            out[-1] = f"({out[-1]}{{{piece['least']},}}{piece['lazy']})"
            one_character = False
            continue
        if piece["group"]:
            groups += 1
        if piece["group"] or piece["open"]:
            bounds_before.append(len(bounds))
        elif piece["close"]:
            repeated = source[piece.end():piece.end() + 1] in ("*", "+", "{")
            if repeated and len(bounds) > (bounds_before.pop() if bounds_before else 0):
                return None  # only a repeated group's last round is captured
        out.append(piece[0])
        one_character = bool(piece["one"])
    return "".join(out), tuple(bounds)


class SlotSearch:
    """A pattern searched for its slots through its `counted` form where it has bounds:
    that form's program is a fraction of the size, and where every count is in bounds
    its match is the pattern's own. Only a match that breaks a bound needs the exact regex."""

    def __init__(self, source: str):
        self.source = source
        form = counted(source)
        self.counted = compile_regex(form[0], on_bytes=True) if form and form[1] else None
        self.bounds = form[1] if self.counted is not None else ()

    @functools.cached_property
    def exact(self):
        """The pattern as written, compiled once a search needs it."""
        return compile_regex(self.source, on_bytes=True)

    def search(self, data: bytes):
        """The pattern's first match in UTF-8 `data`, or None."""
        if self.counted is not None:
            found = self.counted.search(data)
            if found is None or all(_within(data, found.span(group), low, high) for group, low, high in self.bounds):
                return found
        return self.exact.search(data)


def _within(data: bytes, span: tuple[int, int], low: int, high: int) -> bool:
    """Does the repetition captured at `span` (in bytes) take between low and high characters?"""
    start, end = span
    return start < 0 or low <= len(data[start:end].decode("utf-8")) <= high


def _literal(words: str) -> str:
    parts = []
    for word in words.split():
        escaped = re.escape(word).replace("'", "['’]").replace("’", "['’]")
        prefix = r"\b" if word[0].isalnum() else ""
        suffix = r"\b" if word[-1].isalnum() else ""
        parts.append(prefix + escaped + suffix)
    return r"\s+".join(parts)


def _separator(previous, current) -> str:
    """White space between tokens; a comma may stand where the pattern has none,
    and punctuation in the pattern may touch its neighbours."""
    if previous is None:
        return ""
    if _is_punctuation(previous) or _is_punctuation(current):
        return r"\s*"
    return r"[\s,]+"


def _is_punctuation(token) -> bool:
    kind, value = token
    return kind == "lit" and not any(ch.isalnum() for ch in value)


def compile_template(template: str) -> tuple[str, tuple[str, ...]]:
    """Translate a templated pattern into an RE2 regex; return it and its slot names."""
    pos, tokens = 0, []
    for token in _TOKEN.finditer(template):
        if template[pos:token.start()].strip():
            raise PatternError(f"cannot read {template[pos:token.start()]!r} in pattern")
        pos = token.end()
        slot, choice, optional, word = token.groups()
        if slot:
            tokens.append(("slot", slot))
        elif choice is not None:
            options = [option.strip() for option in choice.split("|")]
            if not all(options):
                raise PatternError(f"empty choice in ({choice})")
            tokens.append(("lit", "(?:" + "|".join(_literal(o) for o in options) + ")"))
        elif optional is not None:
            if not optional.strip():
                raise PatternError("empty optional []")
            tokens.append(("opt", _literal(optional)))
        elif not any(ch.isalnum() for ch in word):
            tokens.append(("lit", re.escape(word)))
        else:
            tokens.append(("lit", _literal(word)))
    if template[pos:].strip():
        raise PatternError(f"cannot read {template[pos:]!r} in pattern")
    if not tokens:
        raise PatternError("empty pattern")
    if all(kind == "slot" for kind, _ in tokens):
        raise PatternError("a pattern needs at least one literal word")

    slots = [name for kind, name in tokens if kind == "slot"]
    duplicates = {name for name in slots if slots.count(name) > 1}
    if duplicates:
        raise PatternError(f"slot {{{sorted(duplicates)[0]}}} appears twice")

    regex = ["(?i)"]
    if tokens[0][0] == "slot":
        regex.append(r"^[\s\"“‘'(]*")
    for index, (kind, value) in enumerate(tokens):
        separator = _separator(tokens[index - 1] if index else None, tokens[index])
        if kind == "slot":
            regex.append(f"{separator}(?P<{value}>\\S.*?)")
        elif kind == "opt":
            regex.append(f"(?:{separator}{value})?")
        else:
            regex.append(separator + value)
    if tokens[-1][0] == "slot":
        regex.append(_CLOSING)
    return "".join(regex), tuple(slots)
