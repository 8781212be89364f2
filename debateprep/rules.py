"""Rule packs: YAML files of argumentation-scheme rules, loaded, checked and compiled.

A pack is a YAML list of rules (see `docs/rules.md`). Loading checks every
rule and reports the first problem as `file:line: message`, so a user editing
a pack sees exactly where it went wrong. Compiled packs are cached per
process: the built-in library is compiled once however many essays follow.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import re2
import yaml
from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from . import language
from .errors import DebateprepError, located, one_line
from .sandbox import Bounded, time_limit
from .patterns import PatternError, as_text, check_indexable, check_slot_names, compile_regex, compile_template

SIDES = ("pro", "con")
ROLES = (
    "thesis", "claim", "premise", "concession", "rebuttal",
    "rhetorical", "reported", "background",
)
ARGUMENT_ROLES = ("thesis", "claim", "premise", "concession", "rebuttal", "rhetorical", "reported")
# Where a sentence stands in the essay; a sentence may stand in several places.
POSITIONS = ("first-paragraph", "last-paragraph", "middle", "paragraph-start", "paragraph-end")
RULE_KEYS = {
    "id", "scheme", "explain", "when", "silent_on", "asks_only_on", "match", "unless", "slots", "prompts", "fallback", "tests",
    "weight", "disable",
}
WHEN_KEYS = {"role", "position", "hedged", "negated"}
SLOT_KEYS = {"max_words", "min_words", "unless", "silent_on"}
TEST_KEYS = {"text", "match", "slots", "previous", "next", "asked"}
# A slot longer than this has almost surely swallowed more than one phrase.
DEFAULT_MAX_SLOT_WORDS = 30
# Variables every prompt template may use besides the rule's own slots.
CONTEXT_NAMES = frozenset({"sentence", "previous", "next", "asked", "hedged", "hedge", "negated", "role"})
MAX_PACK_BYTES = 2 * 1024 * 1024
# A pack's YAML may share parts through aliases, but never expand past this
# many nodes: the guard against "billion laughs" alias bombs.
MAX_YAML_NODES = 100_000
PACK_CHECK_SECONDS = 20  # the built-in packs check in about a second in all
MAX_YAML_DEPTH = 100  # a rule pack needs about 8
RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class RuleTest:
    text: str
    match: bool
    slots: dict[str, str]
    line: int
    previous: str = ""  # the sentence before, for rules whose prompts quote `previous`
    asked: str = ""  # the question the sentence may answer, for rules whose prompts quote `asked`
    next: str = ""  # the sentence after, for prompts that the next sentence may answer (`unexplained`)


@dataclass(frozen=True)
class SlotLimit:
    """What a slot may hold: a number of words, and none of its `unless` exclusions; and what,
    held, leaves the rule naming its scheme but asking nothing (`silent_on`)."""

    min_words: int = 1
    max_words: int = DEFAULT_MAX_SLOT_WORDS
    unless: str | None = None  # one RE2 regex of all the slot's exclusions
    silent: str | None = None  # one RE2 regex: a slot it finds silences the rule

    def allows(self, value: str) -> bool:
        return (self.min_words <= len(value.split()) <= self.max_words
                and (self.unless is None or not compile_regex(self.unless).search(value)))


@dataclass(frozen=True, eq=False)
class Rule:
    """One compiled rule; compared by identity so compiled packs can be cached."""

    id: str
    scheme: str
    explain: str
    roles: frozenset[str]
    patterns: tuple[str, ...]  # RE2 regex sources, one per `match` entry
    slots: frozenset[str]  # slots every pattern captures: the ones prompts may use
    unless: str | None  # one RE2 regex of all exclusions
    prompts: dict[str, tuple[tuple[str, ...], ...]]  # side -> questions, each its templates (see `first_of`)
    tests: tuple[RuleTest, ...]
    weight: float
    source: str  # file:line
    positions: frozenset[str] = frozenset()  # empty: anywhere
    hedged: bool | None = None  # None: either
    negated: bool | None = None
    slot_limits: dict[str, SlotLimit] = field(default_factory=dict)
    written: tuple[str, ...] = ()  # the `match` entries as the pack writes them
    fallback: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # like prompts; tried only if none reads
    screened: tuple[bool, ...] = ()  # per pattern: has a literal word the engine's filter looks for
    silent_on: frozenset[str] = frozenset()  # roles on which the rule names its scheme but asks nothing
    silent_where: str | None = None  # one regex: sentences on which it names its scheme but asks nothing
    asks_only_where: str | None = None  # one regex: the only sentences on which it asks

    def asks_on(self, match) -> bool:
        """Does the rule ask its questions about this match, or only name its scheme there?"""
        text = match.claim.sentence.text
        if match.claim.role in self.silent_on:
            return False
        if self.silent_where and compile_regex(self.silent_where).search(text):
            return False
        if self.asks_only_where and not compile_regex(self.asks_only_where).search(text):
            return False
        return not any(limit.silent and compile_regex(limit.silent).search(match.slots.get(name, ""))
                       for name, limit in self.slot_limits.items())

    @property
    def pack(self) -> str:
        return Path(self.source.rsplit(":", 1)[0]).stem

    @property
    def path(self) -> str:
        return self.source.rsplit(":", 1)[0]

    def slot_limit(self, name: str) -> SlotLimit:
        return self.slot_limits.get(name) or SlotLimit()


def schema_path() -> Path:
    """The JSON Schema of rule packs, shipped inside the package."""
    return Path(__file__).resolve().parent / "schema" / "rules.schema.json"


@functools.cache
def builtin_dir() -> Path:
    """The packs shipped inside the package; in a source checkout, `prompts/`. Looked up
    once: every analysis asks for the built-in rules."""
    shipped = Path(str(resources.files("debateprep"))) / "prompts"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parent.parent / "prompts"


def pack_files(folder: Path) -> list[Path]:
    """The rule packs in a folder: every .yaml/.yml file except `roles.yaml`."""
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise DebateprepError(f"{folder}: no such rules folder")
    return sorted(
        path for path in folder.rglob("*")
        if path.suffix in (".yaml", ".yml") and path.name != "roles.yaml"
    )


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when the wheel has it
    """A safe YAML loader that remembers the line of every mapping."""


class _LinedDict(dict):
    line = 0


def _construct_mapping(loader, node):
    seen = set()
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (the first would be ignored)", key_node.start_mark
            )
        seen.add(key)
    mapping = _LinedDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _tree_shape(root) -> tuple[int, int, int]:
    """How many nodes the YAML tree has once every alias is expanded, how deep it goes, and
    how many it has as written (each alias's target once).

    Each node's size is computed once (aliases share node objects), so this
    is linear in the file even when the expansion is astronomically large. The
    depth is checked here, not left to Python's recursion limit, so that a pack
    nested thousands deep is refused the same way whatever the YAML library does.
    """
    sizes: dict[int, int] = {}
    deepest = 0
    stack = [(root, False, 1)]
    while stack:
        node, children_done, depth = stack.pop()
        if id(node) in sizes and not children_done:
            continue
        deepest = max(deepest, depth)
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        else:
            sizes[id(node)] = 1
            continue
        if children_done:
            sizes[id(node)] = min(MAX_YAML_NODES + 1, 1 + sum(sizes.get(id(c), 1) for c in children))
        else:
            sizes[id(node)] = 1  # a recursive alias counts once
            stack.append((node, True, depth))
            stack.extend((child, False, depth + 1) for child in children if id(child) not in sizes)
    return sizes[id(root)], deepest, len(sizes)


def load_yaml(path: Path):
    """Parse a YAML file safely, with `file:line` errors and no alias bombs."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DebateprepError(f"{path}: cannot read ({err.strerror})") from None
    if len(raw) > MAX_PACK_BYTES:
        raise DebateprepError(f"{path}: YAML file larger than {MAX_PACK_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DebateprepError(f"{path}: not UTF-8 text") from None
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size, depth, written = _tree_shape(node)
        if written > MAX_YAML_NODES:  # a large pack, not an alias bomb
            raise DebateprepError(f"{path}: more than {MAX_YAML_NODES:,} YAML nodes; split it into several packs")
        if size > MAX_YAML_NODES:
            raise DebateprepError(
                f"{path}: YAML aliases expand to more than {MAX_YAML_NODES:,} nodes; refusing to load it"
            )
        if depth > MAX_YAML_DEPTH:
            raise DebateprepError(f"{path}: YAML nested too deeply (more than {MAX_YAML_DEPTH} levels)")
        return loader.construct_document(node)
    # A tag the value does not fit: `!!int abc`, `!!bool maybe`, a date `2021-13-45`, or an
    # integer of thousands of digits.
    except (ValueError, KeyError, TypeError, OverflowError) as err:
        raise DebateprepError(f"{path}: invalid YAML: a value cannot be read ({one_line(str(err) or type(err).__name__, 120)})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise located(str(path), mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    except RecursionError:
        raise DebateprepError(f"{path}: YAML nested too deeply") from None
    finally:
        loader.dispose()


class _PromptEnvironment(Bounded, ImmutableSandboxedEnvironment):
    """The sandbox, narrowed to what a question needs: of the values' attributes only the few
    string methods prompt conditions call (`harm.lower().startswith(…)`), no `%` formatting,
    and no arithmetic that could build a huge value (`Bounded`). Those methods are looked up
    directly: the sandbox's general checks cost more than the rest of such a prompt's render."""

    _STRING_METHODS = frozenset({"lower", "upper", "startswith", "endswith", "split", "strip"})
    intercepted_binops = Bounded.intercepted_binops | {"%"}

    def getattr(self, obj, attribute):
        if type(obj) is str and attribute in self._STRING_METHODS:
            return getattr(obj, attribute)
        return self.undefined(obj=obj, name=attribute)

    def getitem(self, obj, argument):
        if isinstance(argument, str):  # `cause['__class__']` reaches attributes too
            return self.undefined(obj=obj, name=argument)
        return super().getitem(obj, argument)

    def call_binop(self, context, operator, left, right):
        if operator == "%" and isinstance(left, str):
            raise SecurityError("% formatting is not allowed in a prompt (use ~ to join text)")
        return super().call_binop(context, operator, left, right)


# Of Jinja2's own filters and globals, only those that cannot build a value much larger than
# their input ("x"|center(10**8), "%1000000000s"|format, sentence|join(sentence) five times over,
# lipsum(10**9) and loops are out).
_JINJA_FILTERS = frozenset("lower upper capitalize title length count first last default int round abs string".split())
_PROMPT_ENV = _PromptEnvironment(undefined=StrictUndefined, autoescape=False)
_PROMPT_ENV.filters = {name: f for name, f in _PROMPT_ENV.filters.items() if name in _JINJA_FILTERS}
_PROMPT_ENV.globals = {}
_PROMPT_ENV.filters.update(language.FILTERS)


@functools.lru_cache(maxsize=None)
def prompt_template(source: str):
    """A prompt template compiled once per process, in the sandboxed environment."""
    return _PROMPT_ENV.from_string(source)


@functools.lru_cache(maxsize=None)
def parsed_prompt(source: str):
    """A prompt template's syntax tree: read once, for checking the pack and for rendering."""
    return _PROMPT_ENV.parse(source)


@functools.lru_cache(maxsize=None)
def prompt_renderer(source: str):
    """A function from a prompt's variables to its text.

    Most prompts are text with `{{ slot|filter|… }}` gaps. Those are rendered
    by joining the pieces directly, which is several times faster than a
    Jinja2 render (realizing is the engine's hottest loop) and, calling only
    the environment's own filters on plain strings, just as safe. Anything
    else (conditions, loops, other expressions) renders through Jinja2.
    """
    pieces = _plain_pieces(source)
    if pieces is None:
        template = prompt_template(source)
        return lambda variables: _render_with_jinja(template, variables)
    needs = {  # gap -> the variables it reads
        piece[0]: {value.name for value in (piece[1], *(a for _, _, arguments in piece[2] for a in arguments))
                   if isinstance(value, _Variable)}
        for piece in pieces if not isinstance(piece, str)
    }

    def render(variables: dict) -> str:
        out = []
        done = variables.setdefault(_GAPS_DONE, {})
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            gap, subject, filters = piece
            value = done.get(gap)
            if value is None:
                if any(name not in variables for name in needs[gap]):
                    return prompt_template(source).render(variables)  # let Jinja2 raise its own error
                start = variables[subject.name] if isinstance(subject, _Variable) else subject
                value = done[gap] = _fill(variables, start, filters)
            if isinstance(value, language.Refused):
                raise language.Refused(*value.args)
            out.append(value)
        return "".join(out)

    return render


# The variable under which a match's filled gaps are kept: a rule's templates put the same
# slot through the same filters again and again (five times in six on the built-in rules).
_GAPS_DONE = "_gaps_done"


def _fill(variables: dict, value, filters) -> str | language.Refused:
    """A gap's value put through its filters, or the `Refused` a filter raised."""
    try:
        for function, takes_context, arguments in filters:
            given = [variables[a.name] if isinstance(a, _Variable) else a for a in arguments]
            value = function(variables, value, *given) if takes_context else function(value, *given)
    except language.Refused as refused:
        return refused
    return str(value)


def _render_with_jinja(template, variables: dict) -> str:
    """`template.render(variables)`, but a filter's `Refused` passes straight through.

    This is what `Template.render` does, except that it rewrites the traceback of
    every error raised while rendering, compiling code to do it: for `Refused`, an
    expected and frequent signal, that costs more than the render itself.
    """
    try:
        return template.environment.concat(template.root_render_func(template.new_context(variables)))
    except language.Refused:
        raise
    except Exception:
        template.environment.handle_exception()


def _plain_pieces(source: str):
    """The template as text and (gap, subject, filters) pieces, or None if it is more than that.
    A subject or filter argument is a literal or a `_Variable`."""
    from jinja2.utils import _PassArg

    if not _is_plain(source):
        return None
    pieces, position = [], 0
    for gap in _PLAIN_GAP.finditer(source):
        pieces.append(source[position:gap.start()])
        position = gap.end()
        filters = []
        for name, arguments in _FILTER_CALL.findall(gap.group(2)):
            function = _PROMPT_ENV.filters.get(name)
            passes = _PassArg.from_obj(function) if function else None
            if function is None or passes not in (None, _PassArg.context):
                return None
            values = tuple(_plain_value(argument) for argument in _ARGUMENT.findall(arguments))
            filters.append((function, passes is _PassArg.context, values))
        pieces.append((gap.group(0), _plain_value(gap.group(1)), tuple(filters)))
    pieces.append(source[position:])
    return tuple(piece for piece in pieces if piece != "")


def load_pack(path: Path) -> list[Rule]:
    """The rules of one pack, checked; from the pack cache when the file is unchanged."""
    from .packcache import cached_rules, store_rules

    rules = cached_rules(path)
    if rules is None:
        data = load_yaml(path)
        if data is None:
            return []
        if not isinstance(data, list):
            raise located(str(path), 1, "a rule pack is a YAML list of rules")
        # Checking compiles every regex: hundreds of `\pL{1,200}` would take minutes and gigabytes.
        with time_limit(f"{path}: checking its rules", PACK_CHECK_SECONDS, "regexes too costly to compile?"):
            rules = [_build_rule(path, entry) for entry in data]
        store_rules(path, rules)
    return rules


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _check_keys(mapping, allowed: set[str], what: str, fail) -> None:
    unknown = set(mapping) - allowed
    if unknown:
        raise fail(f"unknown key {sorted(unknown, key=str)[0]!r} in {what} "
                   f"(allowed: {', '.join(sorted(allowed))})", getattr(mapping, "line", None))


def _choices(value, allowed: tuple[str, ...], what: str, fail) -> frozenset[str]:
    items = _as_list(value)
    if not items or not all(isinstance(item, str) for item in items):
        raise fail(f"'when.{what}' is a name or a list of names ({', '.join(allowed)})")
    bad = [item for item in items if item not in allowed]
    if bad:
        raise fail(f"unknown {what} {bad[0]!r} ({what}s: {', '.join(allowed)})")
    return frozenset(items)


def _build_rule(path: Path, entry) -> Rule:
    line = getattr(entry, "line", None)

    def fail(message: str, at: int | None = None):
        where = f"rule {entry.get('id')!r}: " if isinstance(entry, dict) and isinstance(entry.get("id"), str) else ""
        return located(str(path), at or line, where + message)

    if not isinstance(entry, dict):
        raise located(str(path), line, "each rule is a mapping with id, scheme, match and prompts")
    _check_keys(entry, RULE_KEYS, "rule", fail)
    for key in ("id", "scheme"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"rule needs a text {key!r}")
    rule_id = entry["id"]
    if not RULE_ID.match(rule_id):
        raise fail("an id is letters, digits, '.', '_' and '-', like 'cause-to-effect.because'")
    if "disable" in entry and not isinstance(entry["disable"], bool):
        raise fail("'disable' is true or false")
    if entry.get("disable"):
        return _disabled(rule_id, f"{path}:{line}")
    for key in ("match", "prompts"):
        if key not in entry:
            raise fail(f"needs {key!r}")
    if not isinstance(entry.get("explain", ""), str):
        raise fail("'explain' is one line of text")

    when = entry.get("when") or {}
    if not isinstance(when, dict):
        raise fail("'when' maps role, position, hedged or negated to a condition")
    _check_keys(when, WHEN_KEYS, "'when'", fail)
    roles = _choices(when.get("role", list(ARGUMENT_ROLES)), ROLES, "role", fail)
    positions = _choices(when["position"], POSITIONS, "position", fail) if "position" in when else frozenset()
    flags = {}
    for flag in ("hedged", "negated"):
        if flag in when and not isinstance(when[flag], bool):
            raise fail(f"'when.{flag}' is true or false")
        flags[flag] = when.get(flag)
    silent_on, silent_where = _silent(entry.get("silent_on"), fail)
    asks_only_where = _unless_regex(entry.get("asks_only_on"), "asks_only_on", fail, on_bytes=False)

    patterns, slot_sets, written, screened = [], [], [], []
    for item in _as_list(entry["match"]):
        written.append(item if isinstance(item, str) else f"regex: {item.get('regex') if isinstance(item, dict) else item}")
        regex, slots, has_words = _compile_match(item, fail)
        patterns.append(regex)
        screened.append(has_words)
        slot_sets.append(set(slots))
    if not patterns:
        raise fail("'match' is empty")
    common_slots = set.intersection(*slot_sets)

    unless_regex = _unless_regex(entry.get("unless"), "unless", fail, on_bytes=True)
    slot_limits = _build_slot_limits(entry.get("slots") or {}, set.union(*slot_sets), fail)
    prompts = _build_prompts(entry["prompts"], common_slots, fail)
    fallback = _build_prompts(entry["fallback"], common_slots, fail, "fallback") if "fallback" in entry else {}
    tests = tuple(_build_test(item, fail) for item in _as_list(entry.get("tests") or []))
    weight = entry.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 2:
        raise fail("weight must be a number in (0, 2]")
    return Rule(
        id=rule_id, scheme=entry["scheme"], explain=str(entry.get("explain", "")).strip(),
        roles=roles, patterns=tuple(patterns), slots=frozenset(common_slots),
        unless=unless_regex, prompts=prompts, tests=tests, weight=float(weight),
        source=f"{path}:{line}", positions=positions, hedged=flags["hedged"],
        negated=flags["negated"], slot_limits=slot_limits, written=tuple(written), fallback=fallback,
        screened=tuple(screened), silent_on=silent_on, silent_where=silent_where,
        asks_only_where=asks_only_where,
    )


def _silent(items, fail) -> tuple[frozenset[str], str | None]:
    """`silent_on`: role names, and sentences given as words or {regex: …} like `unless`."""
    items = _as_list(items or [])
    roles = [item for item in items if isinstance(item, str) and item in ROLES]
    texts = [item for item in items if not (isinstance(item, str) and item in ROLES)]
    if any(isinstance(item, str) for item in texts):
        raise fail(f"'silent_on' lists roles ({', '.join(ROLES)}) or {{regex: ...}}")
    return frozenset(roles), _unless_regex(texts, "silent_on", fail, on_bytes=False)


def _disabled(rule_id: str, source: str) -> Rule:
    return Rule(rule_id, "", "", frozenset(), (), frozenset(), None, {}, (), 0.0, source)


def _compile_match(item, fail):
    at = getattr(item, "line", None)
    try:
        if isinstance(item, str):
            regex, slots = compile_template(item)
        elif isinstance(item, dict) and set(item) == {"regex"} and isinstance(item["regex"], str):
            regex = "(?i)" + item["regex"]
            slots = tuple(as_text(name) for name in _check_regex(regex, fail, at).groupindex)
        else:
            raise fail("a match entry is a pattern text or {regex: ...}", at)
        _check_regex(regex, fail, at)
        check_slot_names(regex)
        has_words = check_indexable(regex)
    except PatternError as err:
        shown = repr(item) if len(repr(item)) <= 120 else repr(item)[:120] + "…"
        raise fail(f"bad pattern {shown}: {err}", at) from None
    return regex, slots, has_words


def _check_regex(regex: str, fail, at=None):
    """The regex compiled as the engine will use it (on UTF-8 bytes), or a `file:line` error."""
    try:
        return compile_regex(regex, on_bytes=True)
    except PatternError as err:
        raise fail(f"bad regex: {err}", at) from None


def _unless_regex(items, key: str, fail, *, on_bytes: bool) -> str | None:
    """An `unless` list (words, or {regex: …}) as one case-insensitive regex; None if empty.
    Checked compiled as the engine will search with it: on a sentence's UTF-8 bytes, or
    (`on_bytes` false) on a slot's text."""
    items = _as_list(items or [])
    if not items:
        return None
    if not all(isinstance(item, str) or (isinstance(item, dict) and set(item) == {"regex"}) for item in items):
        raise fail(f"'{key}' lists words or {{regex: ...}}")
    regex = "(?i)" + "|".join(
        f"(?:{item['regex']})" if isinstance(item, dict) else rf"\b{re2.escape(str(item))}\b"
        for item in items
    )
    try:
        compile_regex(regex, on_bytes=on_bytes)
    except PatternError as err:
        raise fail(f"{key}: bad regex: {err}") from None
    return regex


def _build_slot_limits(spec, captured: set[str], fail) -> dict[str, SlotLimit]:
    if not isinstance(spec, dict):
        raise fail("'slots' maps slot names to {min_words, max_words, unless, silent_on}")
    limits = {}
    for name, limit in spec.items():
        if name not in captured:
            raise fail(f"'slots' names {{{name}}}, which no pattern captures")
        if not isinstance(limit, dict):
            raise fail(f"slots.{name} is a mapping of min_words, max_words, unless and silent_on")
        _check_keys(limit, SLOT_KEYS, f"slots.{name}", fail)
        counts = {key: limit.get(key, getattr(SlotLimit, key)) for key in ("min_words", "max_words")}
        if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in counts.values()):
            raise fail(f"slots.{name}: min_words and max_words are whole numbers of at least 1")
        if counts["min_words"] > counts["max_words"]:
            raise fail(f"slots.{name}: min_words is larger than max_words")
        unless = _unless_regex(limit.get("unless"), f"slots.{name}.unless", fail, on_bytes=False)
        silent = _unless_regex(limit.get("silent_on"), f"slots.{name}.silent_on", fail, on_bytes=False)
        limits[name] = SlotLimit(**counts, unless=unless, silent=silent)
    return limits


def _build_prompts(prompts, slots, fail, key: str = "prompts") -> dict[str, tuple[tuple[str, ...], ...]]:
    """Side -> its questions, each a tuple of alternatives: one template, or a `first_of` list."""
    if not isinstance(prompts, dict) or set(prompts) - set(SIDES) or not prompts:
        raise fail(f"'{key}' maps pro and/or con to lists of questions")
    built = {}
    for side, entries in prompts.items():
        entries = _as_list(entries)
        if not entries:
            raise fail(f"{key}.{side} must list at least one question")
        questions = tuple(_alternatives(entry, f"{key}.{side}", fail) for entry in entries)
        for source in (source for alternatives in questions for source in alternatives):
            names, filters = _names_and_filters(source, fail)
            unknown_filters = filters - set(_PROMPT_ENV.filters)
            if unknown_filters:
                raise fail(f"prompt {source!r} uses unknown filter {sorted(unknown_filters)[0]!r}")
            for name in filters & set(_FILTER_PARAMETERS):
                for arguments in _filter_arguments(source, name):
                    problem = _argument_problem(name, arguments)
                    if problem:
                        raise fail(f"prompt {source!r}: {problem}")
            for (pattern,) in _filter_arguments(source, "unless"):  # one argument, checked above
                if not isinstance(pattern, str):
                    raise fail(f"prompt {source!r}: unless takes one regex, in quotes")
                try:
                    language.unless_regex(pattern)
                except PatternError as err:
                    raise fail(f"prompt {source!r}: unless: bad regex: {err}") from None
            unknown = names - slots - CONTEXT_NAMES
            if unknown:
                raise fail(
                    f"prompt uses {{{{ {sorted(unknown)[0]} }}}}, which the rule's patterns do not all capture"
                )
        built[side] = questions
    return built


def _parameters(function) -> tuple[inspect.Parameter, ...]:
    """A filter's own parameters: those after the context it may take and the text it filters."""
    parameters = list(inspect.signature(function).parameters.values())
    skip = 2 if parameters and parameters[0].name == "context" else 1
    return tuple(parameters[skip:])


_FILTER_PARAMETERS = {name: _parameters(function) for name, function in language.FILTERS.items()}


def _argument_problem(name: str, arguments: tuple) -> str:
    """What is wrong with a call of the engine's filter `name` (literals as values, variables as
    themselves), as the template's author would want to be told; "" if nothing."""
    parameters = _FILTER_PARAMETERS[name]
    required = [p for p in parameters if p.default is inspect.Parameter.empty]
    if not len(required) <= len(arguments) <= len(parameters):
        counts = f"{len(required)}" if len(required) == len(parameters) else f"{len(required)} to {len(parameters)}"
        return f"{name} takes {counts} argument{'' if counts == '1' else 's'}, not {len(arguments)}"
    for parameter, argument in zip(parameters, arguments):
        wanted = {"int": int, "str": str}.get(str(parameter.annotation))
        literal = not isinstance(argument, (_Variable, nodes.Node))
        if wanted is int and not literal:  # every slot and variable a prompt sees is text
            return f"{name}'s {parameter.name} is a whole number written in the template"
        if wanted is int and (not isinstance(argument, int) or isinstance(argument, bool) or argument < 1):
            return f"{name}'s {parameter.name} is a whole number of at least 1, not {argument!r}"
        if wanted is str and literal and not isinstance(argument, str):
            return f"{name}'s {parameter.name} is text, not {argument!r}"
    return ""


def _alternatives(entry, where: str, fail) -> tuple[str, ...]:
    """One question's templates: a template alone, or `{first_of: [...]}`, two or more ways of
    asking one thing, of which the first that reads is asked."""
    if isinstance(entry, str) and entry.strip():
        return (entry,)
    if isinstance(entry, dict):
        _check_keys(entry, {"first_of"}, f"a question of {where}", fail)
        choices = entry.get("first_of")
        if isinstance(choices, list) and len(choices) >= 2 and all(isinstance(c, str) and c.strip() for c in choices):
            return tuple(choices)
        raise fail(f"{where}: first_of lists two or more question templates", getattr(entry, "line", None))
    raise fail(f"{where} lists question templates (text, or first_of: a list of them)")


# A quoted literal, escaped quotes and backslashes included: 'don\'t', "a \"b\"".
_STRING = r"'(?:[^'{}\\]|\\.)*'|\"(?:[^\"{}\\]|\\.)*\""
_PLAIN_GAP = re.compile(
    rf"\{{\{{\s*(\w+|{_STRING})((?:\s*\|\s*\w+(?:\((?:\s*(?:-?\d+|{_STRING}|[A-Za-z_]\w*)\s*,?)*\))?)*)\s*\}}\}}"
)
_FILTER_CALL = re.compile(rf"\|\s*(\w+)(?:\(((?:[^()'\"]|{_STRING})*)\))?")  # a quoted argument may hold "(" or ")"
_ARGUMENT = re.compile(rf"\s*(-?\d+|{_STRING}|[A-Za-z_]\w*)\s*,?")


@dataclass(frozen=True)
class _Variable:
    """A template variable in a plain gap: a slot or a context name, looked up at render time."""

    name: str


_CONSTANTS = {"true": True, "false": False, "none": None, "True": True, "False": False, "None": None}


def _plain_value(token: str):
    """A plain gap's subject or filter argument: a `_Variable`, or the literal it spells."""
    if token in _CONSTANTS:
        return _CONSTANTS[token]
    return ast.literal_eval(token) if token[0] in "'\"-" or token[0].isdigit() else _Variable(token)


@functools.lru_cache(maxsize=None)
def _is_plain(source: str) -> bool:
    """Only text and `{{ name|filter(…) }}` gaps: no statements, comments or other expressions,
    and no literal Python would read otherwise than Jinja2 ('\\N' is an error to one of them)."""
    rest = _PLAIN_GAP.sub("", source)
    if any(mark in rest for mark in ("{{", "}}", "{%", "%}", "{#", "#}")):
        return False
    try:
        for subject, chain in _PLAIN_GAP.findall(source):
            _plain_value(subject)
            for _, arguments in _FILTER_CALL.findall(chain):
                for argument in _ARGUMENT.findall(arguments):
                    _plain_value(argument)
    except (ValueError, SyntaxError):
        return False
    return True


def _names_and_filters(source: str, fail) -> tuple[set[str], set[str]]:
    """The variables a prompt reads and the filters it uses.

    A prompt that is only text and `{{ name|filter(…) }}` gaps is read with one
    regex; anything else is parsed by Jinja2, which also reports syntax errors.
    """
    if _is_plain(source):
        gaps = _PLAIN_GAP.findall(source)
        values = [_plain_value(subject) for subject, _ in gaps] + [
            _plain_value(argument) for _, chain in gaps for _, arguments in _FILTER_CALL.findall(chain)
            for argument in _ARGUMENT.findall(arguments)
        ]
        names = {value.name for value in values if isinstance(value, _Variable)}
        return names, {f for _, chain in gaps for f, _ in _FILTER_CALL.findall(chain)}
    try:
        tree = parsed_prompt(source)
    except TemplateSyntaxError as err:
        raise fail(f"prompt {source!r}: {err.message}") from None
    except RecursionError:
        raise fail(f"prompt {source[:60]!r}…: nested too deeply") from None
    except ValueError as err:  # a number literal of thousands of digits
        raise fail(f"prompt {source[:60]!r}…: {err}") from None
    if any(tree.find(kind) for kind in _NOT_IN_A_PROMPT):
        raise fail(f"prompt {source!r}: a question template may use conditions, not loops, macros or blocks")
    for node in tree.find_all(nodes.Filter):
        if node.kwargs or node.dyn_args or node.dyn_kwargs:
            raise fail(f"prompt {source!r}: filter {node.name!r} takes no keyword arguments")
    return _free_names(tree), {node.name for node in tree.find_all(nodes.Filter)}


# A question is one sentence: no loop (which a hostile pack could run ten billion times), macro,
# block or include has a place in one.
_NOT_IN_A_PROMPT = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.Block, nodes.Include,
                    nodes.Import, nodes.FromImport, nodes.Extends, nodes.With, nodes.Scope)


def _filter_arguments(source: str, name: str) -> list[tuple]:
    """The arguments of each call a (checked) prompt makes to the filter `name`: literals as their
    values, anything else as it stands, read the way `_names_and_filters` reads the prompt."""
    if _is_plain(source):
        return [tuple(map(_plain_value, _ARGUMENT.findall(arguments)))
                for _, chain in _PLAIN_GAP.findall(source)
                for called, arguments in _FILTER_CALL.findall(chain) if called == name]
    return [tuple(arg.value if isinstance(arg, nodes.Const) else arg for arg in node.args)
            for node in parsed_prompt(source).find_all(nodes.Filter) if node.name == name]


def _free_names(tree) -> set[str]:
    """The variables a prompt template reads and never sets: its slots and context names.
    (Jinja2's `meta.find_undeclared_variables` says the same, but compiles the template
    to do it, which at a few hundred prompts is most of the time a pack takes to load.)"""
    stored = {node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")}
    return {node.name for node in tree.find_all(nodes.Name) if node.ctx == "load"} - stored


def _build_test(item, fail) -> RuleTest:
    at = getattr(item, "line", None)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or set(item) - TEST_KEYS:
        raise fail("a test has 'text' and optionally 'match', 'slots', 'previous', 'next' or 'asked'", at)
    if not isinstance(item.get("match", True), bool):
        raise fail("a test's 'match' is true or false", at)
    for key, meaning in (("previous", "the sentence before it"), ("next", "the sentence after it"),
                         ("asked", "the question the sentence answers")):
        if not isinstance(item.get(key, ""), str):
            raise fail(f"a test's '{key}' is {meaning}", at)
    slots = item.get("slots") or {}
    if not isinstance(slots, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in slots.items()):
        raise fail("a test's 'slots' maps slot names to the text expected", at)
    return RuleTest(item["text"], item.get("match", True), dict(slots), at or 0, item.get("previous", ""),
                    item.get("asked", ""), item.get("next", ""))


def load_rules(extra_dirs: tuple[str, ...] = (), *, builtin: bool = True) -> tuple[Rule, ...]:
    """Built-in rules, then each extra folder's; a later rule with the same id replaces
    an earlier one, and `disable: true` removes it."""
    folders = ([builtin_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    return _load_folders(tuple(str(f) for f in folders))


@functools.lru_cache(maxsize=8)
def _load_folders(folders: tuple[str, ...]) -> tuple[Rule, ...]:
    by_id: dict[str, Rule] = {}
    for folder in folders:
        seen: dict[str, str] = {}
        for path in pack_files(Path(folder)):
            for rule in load_pack(path):
                if rule.id in seen:
                    raise DebateprepError(
                        f"{rule.source}: rule id {rule.id!r} already used at {seen[rule.id]}"
                    )
                seen[rule.id] = rule.source
                by_id.pop(rule.id, None)
                if rule.patterns:
                    by_id[rule.id] = rule
    return tuple(by_id.values())
