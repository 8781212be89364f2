"""The `debateprep` command line.

Heavy modules are imported inside the commands, so `debateprep --help` stays
fast. Every `DebateprepError` becomes one line on standard error and exit
code 1; nothing else about a user's mistake ever prints a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

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
        # The file system's own refusals (a name over 255 bytes, a folder where a file was named,
        # a path thousands of folders deep) are the user's to fix, not tracebacks.
        except OSError as err:
            from .read import shown

            where = shown(os.fsdecode(err.filename)) if err.filename is not None else "debateprep"
            click.echo(f"debateprep: {where}: {err.strerror or err}", err=True)
            sys.exit(1)
        except RecursionError:
            click.echo("debateprep: a path or an input nested too deeply to follow", err=True)
            sys.exit(1)

    return wrapper


def current_config():
    """The config file's settings (`debateprep.yaml` or --config), read once by `main`."""
    from .config import Config

    context = click.get_current_context(silent=True)
    config = context.find_root().obj if context else None
    return config or Config()


def _write(content: str | bytes, output: str | None, force: bool, essay: str) -> None:
    from .output import write_output

    if output is None:
        click.echo(content, nl=False)
    else:
        write_output(content, output, force=force, inputs=(essay,))


def _run(essays: tuple[str, ...], request, output: str | None, force: bool, jobs: int, quiet: bool) -> None:
    """One essay to standard output or -o FILE; several (or -o FOLDER/) to one file each."""
    from .batch import expand_inputs, make, run_batch
    from .errors import DebateprepError

    inputs = expand_inputs(essays, output)
    to_folder = output is not None and (
        len(inputs) > 1 or Path(output).is_dir() or output.endswith(("/", os.sep))
    )
    if request.fmt == "jsonl":
        if output is not None:
            raise DebateprepError(f"{output}: jsonl streams to standard output; redirect it instead of -o")
    elif not to_folder:
        if len(inputs) > 1:
            raise DebateprepError("several essays need -o FOLDER: each gets its own output file")
        if request.fmt == "pdf" and output is None:
            raise DebateprepError(f"{inputs[0]}: a PDF needs an output file: add -o FILE.pdf")
        _write(make(inputs[0], request), output, force, inputs[0])
        return

    bar = None
    if not quiet and sys.stderr.isatty():
        bar = click.progressbar(length=len(inputs), file=sys.stderr, label="essays")

    def report(line: str, failed: bool) -> None:
        if bar is not None:
            bar.update(1)
        if failed:
            click.echo(f"\ndebateprep: {line}" if bar else f"debateprep: {line}", err=True)
        elif bar is None and not quiet:
            click.echo(line, err=True)

    try:
        summary = run_batch(inputs, request, output if to_folder else None, force=force, jobs=jobs,
                            report=report, stream=lambda text: click.echo(text, nl=False))
    except KeyboardInterrupt:
        click.echo("\ndebateprep: interrupted; every file written is complete", err=True)
        sys.exit(130)
    if bar is not None:
        bar.render_finish()
    if not quiet:
        click.echo(summary.line(), err=True)
    if summary.failed:
        sys.exit(1)


def template_folders(template_dirs) -> tuple[str, ...]:
    """--templates folders, then the config file's, each checked: a folder that is missing or
    unreadable would otherwise leave the built-in look without a word."""
    from .errors import DebateprepError

    folders = tuple(template_dirs) + current_config().templates
    for folder in folders:
        if not Path(folder).is_dir():
            raise DebateprepError(f"{folder}: no such templates folder")
        if not os.access(folder, os.R_OK | os.X_OK):
            raise DebateprepError(f"{folder}: cannot read the templates folder")
    return folders


def _request(kind: str, fmt: str, rules_dirs, template_dirs, max_size_mb, speaker, paper="a4", **options):
    from .batch import Request

    config = current_config()
    return Request(
        kind=kind, fmt=fmt, rules_dirs=config.rules + tuple(rules_dirs),
        template_dirs=template_folders(template_dirs),
        max_bytes=max_size_mb * 1024 * 1024, speaker=speaker, paper=paper, options=options,
    )


essays_argument = click.argument("essays", metavar="ESSAY...", nargs=-1, required=True)
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
output_option = click.option(
    "-o", "--output", metavar="PATH",
    help="Write to this file instead of standard output; with several essays (or a path ending in /), "
         "a folder that gets one <name>.<kind>.<ext> per essay.",
)
force_option = click.option("--force", is_flag=True, help="Overwrite existing output files.")


def batch_options(command):
    """--jobs and --quiet, for the commands that take several essays."""
    from .batch import default_jobs

    command = click.option("-q", "--quiet", is_flag=True, help="No progress or summary; errors only.")(command)
    return click.option("-j", "--jobs", type=click.IntRange(1, 256), default=default_jobs(),
                        show_default="the machine's cores", help="Essays processed in parallel.")(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="debateprep")
@click.option("--config", "config_path", metavar="FILE",
              help="Config file: rule folders and option defaults (default: ./debateprep.yaml if present).")
@click.pass_context
@_friendly
def main(ctx, config_path):
    """Turn an argumentative essay into seminar worksheets and debate drills.

    ESSAY is a Markdown, plain-text or HTML file, a folder of them, a quoted
    glob, or - for standard input. Several essays need -o FOLDER.
    """
    from .config import load_config

    ctx.obj = load_config(config_path)
    ctx.default_map = ctx.obj.default_map(main)


@main.command()
@essays_argument
@click.option("--format", "fmt", type=click.Choice(["json", "text", "jsonl"]), default="text", show_default=True,
              help="text for people, json for tools, jsonl: one compact analysis per line, for pipelines.")
@rules_option
@max_size_option
@speaker_option
@output_option
@force_option
@batch_options
@_friendly
def analyze(essays, fmt, rules_dirs, max_size_mb, speaker, output, force, jobs, quiet):
    """Show each essay's claims and prompts, as text for people or JSON for tools."""
    request = _request("analysis", fmt, rules_dirs, (), max_size_mb, speaker)
    _run(essays, request, output, force, jobs, quiet)


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


def printable_command(*own_options):
    """A command that prints essays (worksheet, drills): its own options among the shared ones."""

    def decorate(function):
        shared_before = (essays_argument, output_option, format_option, max_claims_option)
        shared_after = (templates_option, paper_option, rules_option, max_size_option, speaker_option,
                        force_option, batch_options, _friendly)
        for decorator in reversed((*shared_before, *own_options, *shared_after)):
            function = decorator(function)
        return main.command()(function)

    return decorate


@printable_command(
    click.option("--teacher", is_flag=True, help="Teacher edition: the scheme and reason behind each prompt."),
    click.option("--prompts-per-side", type=click.IntRange(1, 5), default=2, show_default=True),
)
def worksheet(essays, output, fmt, max_claims, teacher, prompts_per_side, template_dirs, paper,
              rules_dirs, max_size_mb, speaker, force, jobs, quiet):
    """Write a seminar worksheet for each ESSAY (Markdown, HTML, PDF or JSON data)."""
    from .output import format_for

    fmt = format_for(output, fmt, allowed=("md", "html", "pdf", "json"))
    request = _request("worksheet", fmt, rules_dirs, template_dirs, max_size_mb, speaker, paper,
                       teacher=teacher, max_claims=max_claims, prompts_per_side=prompts_per_side)
    _run(essays, request, output, force, jobs, quiet)


@printable_command(
    click.option("--seed", type=int, default=None, help="Shuffle the rounds; the same seed gives the same order."),
    click.option("--flip", is_flag=True, help="Students argue the side they disagree with."),
    click.option("--cards", is_flag=True, help="Cut-out cards, several per page, with cut lines."),
)
def drills(essays, output, fmt, max_claims, seed, flip, cards, template_dirs, paper,
           rules_dirs, max_size_mb, speaker, force, jobs, quiet):
    """Write counter-argument drills for each ESSAY: argue against each key claim, then rebut."""
    from .output import format_for

    fmt = format_for(output, fmt, allowed=("md", "html", "pdf", "json"))
    request = _request("drills", fmt, rules_dirs, template_dirs, max_size_mb, speaker, paper,
                       max_claims=max_claims, seed=seed, flip=flip, cards=cards)
    _run(essays, request, output, force, jobs, quiet)


from .cli_rules import rules as _rules_group  # noqa: E402  (the groups need the helpers above)
from .cli_templates import templates  # noqa: E402

main.add_command(_rules_group)
main.add_command(templates)
