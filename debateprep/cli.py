"""The `debateprep` command line.

Heavy modules are imported inside the commands, so `debateprep --help` stays
fast. Every `DebateprepError` becomes one line on standard error and exit
code 1; nothing else about a user's mistake ever prints a traceback.
"""

from __future__ import annotations

import functools
import sys

import click

from . import __version__


def _friendly(command):
    """Turn a DebateprepError into `debateprep: message` and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from .errors import DebateprepError

        try:
            return command(*args, **kwargs)
        except DebateprepError as err:
            click.echo(f"debateprep: {err}", err=True)
            sys.exit(1)

    return wrapper


def _analyze(essay: str, rules_dirs: tuple[str, ...], max_size_mb: int):
    from .pipeline import analyze_document
    from .read import read_path
    from .rules import load_rules

    document = read_path(essay, max_bytes=max_size_mb * 1024 * 1024)
    return analyze_document(document, load_rules(config_rules() + tuple(rules_dirs)))


def config_rules() -> tuple[str, ...]:
    """The rule folders the config file adds (before any --rules)."""
    context = click.get_current_context(silent=True)
    config = context.find_root().obj if context else None
    return config.rules if config else ()


def _write(text: str, output: str | None, force: bool, essay: str) -> None:
    from .output import write_output

    if output is None:
        click.echo(text, nl=False)
    else:
        write_output(text, output, force=force, inputs=(essay,))


essay_argument = click.argument("essay", metavar="ESSAY")
rules_option = click.option(
    "--rules", "rules_dirs", multiple=True, metavar="DIR",
    help="Extra rule-pack folder (repeatable); its rules override built-ins with the same id.",
)
max_size_option = click.option(
    "--max-size", "max_size_mb", type=click.IntRange(1, 2048), default=20, show_default=True,
    metavar="MB", help="Refuse inputs larger than this.",
)
output_option = click.option("-o", "--output", metavar="FILE", help="Write here instead of standard output.")
force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="debateprep")
@click.option("--config", "config_path", metavar="FILE",
              help="Config file: rule folders and option defaults (default: ./debateprep.yaml if present).")
@click.pass_context
@_friendly
def main(ctx, config_path):
    """Turn an argumentative essay into seminar worksheets and debate drills.

    ESSAY is a Markdown or plain-text file, or - for standard input.
    """
    from .config import load_config

    ctx.obj = load_config(config_path)
    ctx.default_map = ctx.obj.default_map(main)


@main.command()
@essay_argument
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@rules_option
@max_size_option
@output_option
@force_option
@_friendly
def analyze(essay, fmt, rules_dirs, max_size_mb, output, force):
    """Show the essay's claims and prompts, as text for people or JSON for tools."""
    analysis = _analyze(essay, rules_dirs, max_size_mb)
    if fmt == "json":
        from .contract import analysis_to_json

        text = analysis_to_json(analysis)
    else:
        from .render import render_template

        text = render_template("analysis.txt.j2", {"analysis": analysis})
    _write(text, output, force, essay)


@main.command()
@essay_argument
@output_option
@click.option("-f", "--format", "fmt", type=click.Choice(["md", "json"]), default=None,
              help="Output format (default: from -o's extension, else md).")
@click.option("--teacher", is_flag=True, help="Teacher edition: the scheme and reason behind each prompt.")
@click.option("--max-claims", type=click.IntRange(1, 50), default=6, show_default=True)
@click.option("--prompts-per-side", type=click.IntRange(1, 5), default=2, show_default=True)
@click.option("--templates", "template_dirs", multiple=True, metavar="DIR",
              help="Folder of templates that override the built-ins (repeatable).")
@rules_option
@max_size_option
@force_option
@_friendly
def worksheet(essay, output, fmt, teacher, max_claims, prompts_per_side, template_dirs,
              rules_dirs, max_size_mb, force):
    """Write a seminar worksheet for ESSAY (Markdown, or JSON data)."""
    from .output import format_for

    fmt = format_for(output, fmt, allowed=("md", "json"))
    analysis = _analyze(essay, rules_dirs, max_size_mb)
    if fmt == "json":
        from .contract import analysis_to_json

        text = analysis_to_json(analysis)
    else:
        from .render import render_template
        from .worksheet import build_worksheet

        sheet = build_worksheet(analysis, max_claims=max_claims, prompts_per_side=prompts_per_side)
        context = {"sheet": sheet, "doc": sheet.document, "teacher": teacher}
        text = render_template("worksheet.md.j2", context, template_dirs)
    _write(text, output, force, essay)


from .cli_rules import rules as _rules_group  # noqa: E402  (the group needs the helpers above)

main.add_command(_rules_group)
