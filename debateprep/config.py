"""The optional config file: `debateprep.yaml` in the working folder, or `--config FILE`.

    rules: [house-rules/, ../shared-rules]    # extra rule packs, like --rules
    templates: [house-style/]                 # template folders, after any --templates
    defaults:                                 # option defaults, per command
      worksheet: {prompts-per-side: 3, max-claims: 8}

Folders are relative to the config file. Options given on the command line
win over `defaults`; packs from `rules` load before those from `--rules`, so a
`--rules` pack overrides both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import click

from .errors import DebateprepError, located
from .rules import load_yaml

DEFAULT_NAME = "debateprep.yaml"
KEYS = {"rules", "templates", "defaults"}


@dataclass(frozen=True)
class Config:
    rules: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    defaults: dict[str, dict[str, object]] = field(default_factory=dict)  # command -> option -> value
    source: str = ""

    def default_map(self, group) -> dict[str, dict[str, object]]:
        """`defaults` as click's default_map: option names (`prompts-per-side`) become the
        commands' parameter names; an unknown command or option is an error."""
        mapped = {}
        for command_name, options in self.defaults.items():
            command = group.commands.get(command_name)
            if command is None:
                raise DebateprepError(f"{self.source}: defaults: no command {command_name!r}")
            names = {}
            for param in command.params:
                names[param.name] = param.name
                names.update({opt.lstrip("-"): param.name for opt in param.opts})
            mapped[command_name] = {}
            params = {param.name: param for param in command.params}
            for option, value in options.items():
                if option not in names:
                    raise DebateprepError(f"{self.source}: defaults: {command_name} has no option {option!r}")
                param = params[names[option]]
                where = f"{self.source}: defaults: {command_name} {option}"
                if param.multiple and not isinstance(value, list):
                    value = [value]  # `templates: house-style/` for `templates: [house-style/]`
                values = value if param.multiple else [value]
                if not _plain_values(values, param):
                    raise DebateprepError(f"{where}: {value!r} is not a value for it")
                _check_values(values, param, where)
                mapped[command_name][names[option]] = value
        return mapped


def _plain_values(values: list, param) -> bool:
    """Are `values` (one, or each of an option given more than once) what the option `param` can
    take: true or false for a switch, text or a number otherwise? A mapping, or infinity, would
    reach click as nonsense."""
    if getattr(param, "is_flag", False) or param.type is click.BOOL:  # an argument has no is_flag
        return all(isinstance(value, bool) for value in values)
    return all(map(_scalar, values))


def _check_values(values: list, param, where: str) -> None:
    """Refuse, naming the config file, a value the option's own type refuses (`format: xml`,
    `max-claims: 0`); click would report it as a usage error on a command line the user never typed."""
    for item in values:
        try:
            param.type.convert(item, param, None)
        except click.BadParameter as err:
            raise DebateprepError(f"{where}: {err.message}") from None


def _scalar(value) -> bool:
    """Text (with no NUL, which no file name holds) or a finite number. Not true/false: that is no
    size, seed or file name, though click would take `max-size: yes` as 1."""
    if isinstance(value, str):
        return "\0" not in value
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def load_config(path: str | None) -> Config:
    """The config at `path`, else `./debateprep.yaml` if present, else an empty one."""
    if path is None:
        if not Path(DEFAULT_NAME).is_file():
            return Config()
        path = DEFAULT_NAME
    source = Path(path)
    data = load_yaml(source) or {}

    def fail(message: str):
        return located(str(source), getattr(data, "line", None) or 1, message)

    if not isinstance(data, dict):
        raise fail("a config file maps 'rules' and 'defaults' to values")
    unknown = set(data) - KEYS
    if unknown:
        raise fail(f"unknown key {sorted(unknown, key=str)[0]!r} (allowed: {', '.join(sorted(KEYS))})")
    folders = {}
    for key in ("rules", "templates"):
        items = data.get(key) or []
        items = [items] if isinstance(items, str) else items
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise fail(f"{key!r} lists folders")
        folders[key] = tuple(str(source.parent / folder) for folder in items)
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict) or not all(isinstance(v, dict) for v in defaults.values()):
        raise fail("'defaults' maps a command name to its option defaults")
    return Config(folders["rules"], folders["templates"], defaults, str(source))
