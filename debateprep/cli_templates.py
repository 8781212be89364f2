"""`debateprep templates`: see which templates are in use and start a folder of your own."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import _friendly, force_option, template_folders, templates_option


def _builtin_files() -> list[Path]:
    from .rendering import BUILTIN_TEMPLATES

    return sorted(path for path in BUILTIN_TEMPLATES.iterdir() if path.is_file())


@click.group()
def templates():
    """List the built-in templates or copy them into a folder to customise."""


@templates.command("list")
@templates_option
@_friendly
def list_templates(template_dirs):
    """Show every built-in template and which ones your folders (--templates, then the
    config file's `templates:`) override."""
    builtin = {path.name for path in _builtin_files()}
    users = {}
    for folder in template_folders(template_dirs):
        for path in sorted(Path(folder).iterdir()):
            users.setdefault(path.name, path)  # the first folder wins, as when rendering
    width = max(len(name) for name in builtin | set(users))
    for name in sorted(builtin | set(users)):
        if name in users:
            where = f"overridden by {users[name]}" if name in builtin else f"added by {users[name]}"
        else:
            where = "built-in"
        click.echo(f"{name:<{width}}  {where}")


@templates.command("init")
@click.argument("folder", metavar="DIR")
@force_option
@_friendly
def init_templates(folder, force):
    """Copy the built-in templates and a README on blocks and variables into DIR."""
    from .output import write_output

    target = Path(folder)
    for source in _builtin_files():
        write_output(source.read_bytes(), str(target / source.name), force=force)
    click.echo(f"Copied {len(_builtin_files())} templates to {target}; see {target / 'README.md'}.")
