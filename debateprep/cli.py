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


def _analyze(essay: str, rules_dirs: tuple[str, ...], max_size_mb: int, speaker: str | None = None):
    from .pipeline import analyze_document
    from .read import read_path
    from .rules import load_rules

    document = read_path(essay, max_bytes=max_size_mb * 1024 * 1024)
    return analyze_document(document, load_rules(config_rules() + tuple(rules_dirs)), speaker=speaker)


def config_rules() -> tuple[str, ...]:
    """The rule folders the config file adds (before any --rules)."""
    context = click.get_current_context(silent=True)
    config = context.find_root().obj if context else None
    return config.rules if config else ()


def _write(content: str | bytes, output: str | None, force: bool, essay: str) -> None:
    from .output import write_output

    if output is None:
        click.echo(content, nl=False)
    else:
        write_output(content, output, force=force, inputs=(essay,))


essay_argument = click.argument("essay", metavar="ESSAY")
rules_option = click.option(
    "--rules", "rules_dirs", multiple=True, metavar="DIR",
    help="Extra rule-pack folder (repeatable); its rules override built-ins with the same id.",
)
max_size_option = click.option(
    "--max-size", "max_size_mb", type=click.IntRange(1, 2048), default=20, show_default=True,
    metavar="MB", help="Refuse inputs larger than this.",
)
speaker_option = click.option(
    "--speaker", metavar="NAME",
    help="Transcripts: whose claims to analyse (default: the speaker with most words).",
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
@speaker_option
@output_option
@force_option
@_friendly
def analyze(essay, fmt, rules_dirs, max_size_mb, speaker, output, force):
    """Show the essay's claims and prompts, as text for people or JSON for tools."""
    analysis = _analyze(essay, rules_dirs, max_size_mb, speaker)
    if fmt == "json":
        from .contract import analysis_to_json

        text = analysis_to_json(analysis)
    else:
        from .render import render_template

        text = render_template("analysis.txt.j2", {"analysis": analysis})
    _write(text, output, force, essay)


format_option = click.option(
    "-f", "--format", "fmt", type=click.Choice(["md", "html", "pdf", "json"]), default=None,
    help="Output format (default: from -o's extension, else md). pdf needs -o.",
)
templates_option = click.option(
    "--templates", "template_dirs", multiple=True, metavar="DIR",
    help="Folder of templates that override the built-ins (repeatable; first wins).",
)
paper_option = click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
                            help="PDF paper size.")
max_claims_option = click.option("--max-claims", type=click.IntRange(1, 50), default=6, show_default=True)


def _render(kind: str, data: dict, fmt: str, output: str | None, force: bool, essay: str,
            template_dirs: tuple[str, ...], paper: str) -> None:
    from .render import render_document

    if fmt == "pdf" and output is None:
        from .errors import DebateprepError

        raise DebateprepError(f"{essay}: a PDF needs an output file: add -o FILE.pdf")
    _write(render_document(kind, fmt, data, template_dirs, paper=paper), output, force, essay)


@main.command()
@essay_argument
@output_option
@format_option
@click.option("--teacher", is_flag=True, help="Teacher edition: the scheme and reason behind each prompt.")
@max_claims_option
@click.option("--prompts-per-side", type=click.IntRange(1, 5), default=2, show_default=True)
@templates_option
@paper_option
@rules_option
@max_size_option
@speaker_option
@force_option
@_friendly
def worksheet(essay, output, fmt, teacher, max_claims, prompts_per_side, template_dirs, paper,
              rules_dirs, max_size_mb, speaker, force):
    """Write a seminar worksheet for ESSAY (Markdown, HTML, PDF or JSON data)."""
    from .output import format_for
    from .worksheet import build_worksheet, worksheet_to_dict

    fmt = format_for(output, fmt, allowed=("md", "html", "pdf", "json"))
    analysis = _analyze(essay, rules_dirs, max_size_mb, speaker)
    sheet = build_worksheet(analysis, max_claims=max_claims, prompts_per_side=prompts_per_side)
    _render("worksheet", worksheet_to_dict(sheet, teacher=teacher), fmt, output, force, essay,
            template_dirs, paper)


@main.command()
@essay_argument
@output_option
@format_option
@max_claims_option
@click.option("--seed", type=int, default=None, help="Shuffle the rounds; the same seed gives the same order.")
@click.option("--flip", is_flag=True, help="Students argue the side they disagree with.")
@click.option("--cards", is_flag=True, help="Cut-out cards, several per page, with cut lines.")
@templates_option
@paper_option
@rules_option
@max_size_option
@speaker_option
@force_option
@_friendly
def drills(essay, output, fmt, max_claims, seed, flip, cards, template_dirs, paper,
           rules_dirs, max_size_mb, speaker, force):
    """Write counter-argument drills for ESSAY: argue against each key claim, then rebut."""
    from .drills import build_drills, drills_to_dict
    from .output import format_for

    fmt = format_for(output, fmt, allowed=("md", "html", "pdf", "json"))
    analysis = _analyze(essay, rules_dirs, max_size_mb, speaker)
    drill_set = build_drills(analysis, max_claims=max_claims, seed=seed, flip=flip, cards=cards)
    _render("drills", drills_to_dict(drill_set), fmt, output, force, essay, template_dirs, paper)


from .cli_rules import rules as _rules_group  # noqa: E402  (the groups need the helpers above)
from .cli_templates import templates  # noqa: E402

main.add_command(_rules_group)
main.add_command(templates)
