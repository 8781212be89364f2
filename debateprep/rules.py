"""Rule packs: YAML files of argumentation-scheme rules, loaded, checked and compiled.

A pack is a YAML list of rules (see `docs/rules.md`). Loading checks every
rule and reports the first problem as `file:line: message`, so a user editing
a pack sees exactly where it went wrong. Compiled packs are cached per
process: the built-in library is compiled once however many essays follow.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import re2
import yaml
from jinja2 import StrictUndefined, TemplateSyntaxError, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import language
from .errors import DebateprepError, located
from .patterns import PatternError, compile_regex, compile_template

SIDES = ("pro", "con")
ROLES = (
    "thesis", "claim", "premise", "concession", "rebuttal",
    "rhetorical", "reported", "background",
)
ARGUMENT_ROLES = ("thesis", "claim", "premise", "concession", "rebuttal", "rhetorical", "reported")
RULE_KEYS = {"id", "scheme", "explain", "when", "match", "unless", "prompts", "tests", "weight", "disable"}
WHEN_KEYS = {"role"}
# Variables every prompt template may use besides the rule's own slots.
CONTEXT_NAMES = frozenset({"sentence", "hedged", "role"})
MAX_PACK_BYTES = 2 * 1024 * 1024
# Values a pack may hold once its YAML aliases are expanded: far more than any
# real pack, far less than a "billion laughs" (nine aliases of nine aliases...).
MAX_PACK_NODES = 1_000_000


@dataclass(frozen=True)
class RuleTest:
    text: str
    match: bool
    slots: dict[str, str]
    line: int


@dataclass(frozen=True, eq=False)
class Rule:
    """One compiled rule; compared by identity so compiled packs can be cached."""

    id: str
    scheme: str
    explain: str
    roles: frozenset[str]
    patterns: tuple[str, ...]  # RE2 regex sources, one per `match` entry
    slots: frozenset[str]
    unless: str | None  # one RE2 regex of all exclusions
    prompts: dict[str, tuple[str, ...]]  # side -> prompt template sources
    tests: tuple[RuleTest, ...]
    weight: float
    source: str  # file:line

    @property
    def pack(self) -> str:
        return Path(self.source.rsplit(":", 1)[0]).stem


def builtin_dir() -> Path:
    """The packs shipped inside the package; in a source checkout, `prompts/`."""
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


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line of every mapping."""


class _LinedDict(dict):
    line = 0


def _construct_mapping(loader, node):
    mapping = _LinedDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path):
    """Parse a YAML file safely, with `file:line` errors and no alias bombs."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DebateprepError(f"{path}: cannot read ({err.strerror})") from None
    if len(raw) > MAX_PACK_BYTES:
        raise DebateprepError(f"{path}: rule pack larger than {MAX_PACK_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DebateprepError(f"{path}: not UTF-8 text") from None
    try:
        if "&" in text and "*" in text:
            _refuse_alias_bombs(yaml.compose(text, Loader=yaml.SafeLoader), path)
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise located(str(path), mark.line + 1 if mark else None, f"invalid YAML: {problem}") from None
    except RecursionError:
        raise DebateprepError(f"{path}: YAML nested too deeply to load") from None


def _refuse_alias_bombs(root, path: Path) -> None:
    """Count the values the document expands to, each shared node once per use."""
    sizes: dict[int, int] = {}

    def size(node) -> int:
        if id(node) not in sizes:
            sizes[id(node)] = 1  # a cycle counts once instead of forever
            if isinstance(node, yaml.SequenceNode):
                sizes[id(node)] += sum(size(child) for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                sizes[id(node)] += sum(size(key) + size(value) for key, value in node.value)
        return sizes[id(node)]

    if root is not None and size(root) > MAX_PACK_NODES:
        raise DebateprepError(
            f"{path}: YAML aliases expand to over {MAX_PACK_NODES:,} values; refusing to load"
        )


_PROMPT_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
language.install_filters(_PROMPT_ENV)


@functools.lru_cache(maxsize=None)
def prompt_template(source: str):
    """A prompt template compiled once per process, in the sandboxed environment."""
    return _PROMPT_ENV.from_string(source)


def load_pack(path: Path) -> list[Rule]:
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise located(str(path), 1, "a rule pack is a YAML list of rules")
    return [_build_rule(path, entry) for entry in data]


def _build_rule(path: Path, entry) -> Rule:
    line = getattr(entry, "line", None)

    def fail(message: str, at: int | None = None):
        return located(str(path), at or line, message)

    if not isinstance(entry, dict):
        raise fail("each rule is a mapping with id, scheme, match and prompts")
    unknown = set(entry) - RULE_KEYS
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r} (allowed: {', '.join(sorted(RULE_KEYS))})")
    for key in ("id", "scheme"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"rule needs a text {key!r}")
    rule_id = entry["id"]
    if entry.get("disable"):
        return _disabled(rule_id, f"{path}:{line}")
    for key in ("match", "prompts"):
        if key not in entry:
            raise fail(f"rule {rule_id!r} needs {key!r}")

    when = entry.get("when") or {}
    if not isinstance(when, dict) or set(when) - WHEN_KEYS:
        raise fail(f"rule {rule_id!r}: 'when' takes only {sorted(WHEN_KEYS)}")
    roles = when.get("role", list(ARGUMENT_ROLES))
    roles = [roles] if isinstance(roles, str) else roles
    bad_roles = [role for role in roles if role not in ROLES]
    if bad_roles:
        raise fail(f"rule {rule_id!r}: unknown role {bad_roles[0]!r} (roles: {', '.join(ROLES)})")

    patterns, slot_sets = [], []
    matches = entry["match"] if isinstance(entry["match"], list) else [entry["match"]]
    for item in matches:
        regex, slots = _compile_match(item, rule_id, fail)
        patterns.append(regex)
        slot_sets.append(set(slots))
    if not patterns:
        raise fail(f"rule {rule_id!r}: 'match' is empty")
    common_slots = set.intersection(*slot_sets)

    unless = entry.get("unless") or []
    unless = [unless] if isinstance(unless, str) else unless
    unless_regex = None
    if unless:
        unless_regex = "(?i)" + "|".join(
            f"(?:{item['regex']})" if isinstance(item, dict) else rf"\b{re2.escape(str(item))}\b"
            for item in unless
        )
        _check_regex(unless_regex, rule_id, fail)

    prompts = _build_prompts(entry["prompts"], rule_id, common_slots, fail)
    tests = tuple(_build_test(item, rule_id, fail) for item in entry.get("tests") or [])
    weight = entry.get("weight", 1.0)
    if not isinstance(weight, (int, float)) or not 0 < weight <= 2:
        raise fail(f"rule {rule_id!r}: weight must be a number in (0, 2]")
    return Rule(
        id=rule_id, scheme=entry["scheme"], explain=str(entry.get("explain", "")).strip(),
        roles=frozenset(roles), patterns=tuple(patterns), slots=frozenset(common_slots),
        unless=unless_regex, prompts=prompts, tests=tests, weight=float(weight),
        source=f"{path}:{line}",
    )


def _disabled(rule_id: str, source: str) -> Rule:
    return Rule(rule_id, "", "", frozenset(), (), frozenset(), None, {}, (), 0.0, source)


def _compile_match(item, rule_id, fail):
    at = getattr(item, "line", None)
    try:
        if isinstance(item, str):
            regex, slots = compile_template(item)
        elif isinstance(item, dict) and set(item) == {"regex"}:
            regex = "(?i)" + str(item["regex"])
            slots = tuple(_check_regex(regex, rule_id, fail, at).groupindex)
        else:
            raise fail(f"rule {rule_id!r}: a match entry is a pattern text or {{regex: ...}}", at)
    except PatternError as err:
        raise fail(f"rule {rule_id!r}: bad pattern {item!r}: {err}", at) from None
    _check_regex(regex, rule_id, fail, at)
    return regex, slots


def _check_regex(regex: str, rule_id: str, fail, at=None):
    try:
        return compile_regex(regex)
    except PatternError as err:
        raise fail(f"rule {rule_id!r}: bad regex: {err}", at) from None


def _build_prompts(prompts, rule_id, slots, fail) -> dict[str, tuple[str, ...]]:
    if not isinstance(prompts, dict) or set(prompts) - set(SIDES) or not prompts:
        raise fail(f"rule {rule_id!r}: 'prompts' maps pro and/or con to lists of questions")
    built = {}
    for side, templates in prompts.items():
        templates = [templates] if isinstance(templates, str) else templates
        if not isinstance(templates, list) or not templates:
            raise fail(f"rule {rule_id!r}: prompts.{side} must list at least one question")
        for source in templates:
            try:
                names = meta.find_undeclared_variables(_PROMPT_ENV.parse(source))
            except TemplateSyntaxError as err:
                raise fail(f"rule {rule_id!r}: prompt {source!r}: {err.message}") from None
            unknown = names - slots - CONTEXT_NAMES
            if unknown:
                raise fail(
                    f"rule {rule_id!r}: prompt uses {{{{ {sorted(unknown)[0]} }}}}, "
                    f"which the rule's patterns do not all capture"
                )
        built[side] = tuple(str(t) for t in templates)
    return built


def _build_test(item, rule_id, fail) -> RuleTest:
    at = getattr(item, "line", None)
    if not isinstance(item, dict) or "text" not in item or set(item) - {"text", "match", "slots"}:
        raise fail(f"rule {rule_id!r}: a test has 'text' and optionally 'match' or 'slots'", at)
    slots = item.get("slots") or {}
    return RuleTest(str(item["text"]), bool(item.get("match", True)), dict(slots), at or 0)


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
