"""A per-user cache of checked rule packs, so a command starts without re-reading them.

Reading, checking and indexing a hundred rules costs more than analysing an
essay; a pack that has not changed since it was last read is taken from
`~/.cache/debateprep` (or `$XDG_CACHE_HOME/debateprep`, or
`$DEBATEPREP_CACHE_DIR`; `DEBATEPREP_CACHE_DIR=off` turns the cache off).
An entry is used only if the pack's path, size and modification time and the
engine's own version all match; anything unreadable is ignored and rebuilt.
The cache is JSON: plain data, never code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import fields
from pathlib import Path

from . import __version__

FORMAT = 8
_ENGINE_FILES = ("rules.py", "patterns.py", "language.py")


def cache_dir() -> Path | None:
    chosen = os.environ.get("DEBATEPREP_CACHE_DIR")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "debateprep"


def _engine_stamp() -> list:
    """What the checks depend on besides the pack: this version of the loader and filters."""
    here = Path(__file__).resolve().parent
    stamp = [__version__, FORMAT]
    for name in _ENGINE_FILES:
        info = (here / name).stat()
        stamp += [name, info.st_size, info.st_mtime_ns]
    return stamp


def _entry(path: Path) -> tuple[Path, list] | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        resolved = path.resolve()
        info = resolved.stat()
    except OSError:
        return None
    where = os.fsencode(resolved).decode("utf-8", "backslashreplace")  # a file name need not be UTF-8
    key = [where, info.st_size, info.st_mtime_ns, *_engine_stamp()]
    name = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:32] + ".json"
    return folder / name, key


def cached_rules(path: Path):
    """The pack's rules as last checked, or None when there is no valid cache entry."""
    from .rules import Rule

    entry = _entry(path)
    if entry is None:
        return None
    file, key = entry
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
        if stored.get("key") != key:
            return None
        return [_rule_from_data(Rule, data) for data in stored["rules"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_rules(path: Path, rules) -> None:
    """Remember a checked pack; a cache that cannot be written is simply not used."""
    entry = _entry(path)
    if entry is None:
        return
    file, key = entry
    payload = json.dumps({"key": key, "rules": [_rule_to_data(rule) for rule in rules]}, ensure_ascii=False)
    try:
        data = payload.encode("utf-8")
    except UnicodeEncodeError:  # a pack whose file name is not UTF-8 is not cached
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".pack.", dir=file.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _rule_to_data(rule) -> dict:
    data = {}
    for item in fields(rule):
        value = getattr(rule, item.name)
        if item.name == "tests":
            # Every field of a test, read off the dataclass: a hand-written list once dropped `previous`.
            value = [[getattr(case, part.name) for part in fields(case)] for case in value]
        elif item.name == "slot_limits":
            value = {name: [limit.min_words, limit.max_words, limit.unless, limit.silent] for name, limit in value.items()}
        elif isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, tuple):
            value = list(value)
        data[item.name] = value
    return data


def _rule_from_data(rule_class, data: dict):
    from .rules import RuleTest, SlotLimit

    values = {}
    for item in fields(rule_class):
        value = data[item.name]
        if item.name == "tests":
            value = tuple(RuleTest(*case) for case in value)
        elif item.name == "slot_limits":
            value = {name: SlotLimit(*limit) for name, limit in value.items()}
        elif item.name in ("prompts", "fallback"):
            value = {side: tuple(map(tuple, questions)) for side, questions in value.items()}
        elif item.name in ("roles", "slots", "positions", "silent_on"):
            value = frozenset(value)
        elif isinstance(value, list):
            value = tuple(value)
        values[item.name] = value
    return rule_class(**values)
