"""Stage 8 — render: worksheet and drill data to Markdown, HTML, PDF or JSON.

Templates are looked up first in the user's folders (`--templates DIR`), then
in the built-in `templates/` folder, so a file of the same name overrides a
built-in one; `builtin/NAME` always reaches the built-in, so a user template
can `{% extends "builtin/worksheet.md.j2" %}` and replace single blocks.
Every template runs in Jinja2's sandbox with undefined variables as errors,
reported as `template:line: message`. HTML templates autoescape, so essay
text can never become markup (shared partials too: HTML has its own environment). PDF goes through Typst (`pdf.py`), imported
only when a PDF is asked for.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from pathlib import Path

from jinja2 import (
    ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined, TemplateError,
    TemplateNotFound, TemplateSyntaxError,
)
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .errors import located
from .sandbox import Bounded, time_limit

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"


def oneline(text: str) -> str:
    """Collapse the line breaks of hard-wrapped prose into single spaces."""
    return " ".join(str(text).split())


# The mark first and the backslash test after it: a pattern that opens with a character set
# lets the regex engine skip straight to the marks, four times faster on prose.
_MARKDOWN_ACTIVE = re.compile(r"([*_`\[\]<>|])(?<!\\.)")


def markdown_text(text) -> str:
    """Essay words made inert in Markdown (the `md` filter): a `*` or `[` in a sentence stays
    a character instead of starting emphasis or a link. Idempotent."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", str(text))


class _OutputEnvironment(Bounded, SandboxedEnvironment):
    """Jinja2's sandbox with the shared limits on arithmetic (`sandbox.Bounded`)."""


class _FolderLoader(FileSystemLoader):
    """A user's templates folder, whose files stay inside it: Jinja2 follows a link, so a
    `secret.j2` linked to `/etc/passwd` would be printed by `{% include "secret.j2" %}`."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if not any(Path(filename).resolve().is_relative_to(Path(folder).resolve()) for folder in self.searchpath):
            raise SecurityError(f"{template} links to a file outside the templates folder")
        return source, filename, uptodate


@functools.lru_cache(maxsize=8)
def environment(user_dirs: tuple[str, ...] = (), *, html: bool = False) -> SandboxedEnvironment:
    """One environment per output kind: in HTML every template, shared partials too, autoescapes."""
    builtin = FileSystemLoader(str(BUILTIN_TEMPLATES))
    loaders = [PrefixLoader({"builtin": builtin})] + [_FolderLoader(d) for d in user_dirs] + [builtin]
    env = _OutputEnvironment(
        loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=html,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["oneline"] = oneline
    env.filters["md"] = markdown_text
    return env


def render_document(kind: str, fmt: str, data: dict, user_dirs: tuple[str, ...] = (), *,
                    paper: str = "a4") -> str | bytes:
    """`kind` (worksheet, drills) as `fmt`: text for md/html/json, bytes for pdf."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "pdf":
        from .pdf import render_pdf  # limits a user's Typst files itself: no signal stops Typst

        return render_pdf(kind, data, user_dirs, paper=paper)
    return render_template(f"{kind}.{fmt}.j2", {kind: data}, user_dirs)


def render_template(name: str, context: dict, user_dirs: tuple[str, ...] = ()) -> str:
    with _user_time_limit(f"template {name}", user_dirs):
        text = _reporting_errors(name, lambda: load_template(name, user_dirs).render(context))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise located(name, None, f"the template wrote something that is not text (a lone surrogate at {err.start})") from None
    return text


def _user_time_limit(what: str, user_dirs: tuple[str, ...]):
    """`sandbox.time_limit` where a user's templates may run; the built-in ones are trusted (a
    20 MB essay's analysis may take longer to print than any limit fit for a hostile loop)."""
    return time_limit(what) if user_dirs else contextlib.nullcontext()


def load_template(name: str, user_dirs: tuple[str, ...] = ()):
    """The compiled template (Jinja2 keeps it for the next render); errors as `render_template`'s."""
    env = environment(tuple(user_dirs), html=name.endswith(".html.j2"))
    return _reporting_errors(name, lambda: env.get_template(name))


def _reporting_errors(name: str, action):
    """`action()`, with a template's errors as `template:line: message`."""
    try:
        return action()
    except TemplateSyntaxError as err:
        raise located(err.filename or name, err.lineno, err.message or "syntax error") from None
    except TemplateNotFound as err:
        raise located(*_template_position(err, name), f"template not found: {err.name}") from None
    except SecurityError as err:
        raise located(*_template_position(err, name), f"not allowed in a template: {err}") from None
    except TemplateError as err:
        raise located(*_template_position(err, name), str(err)) from None
    except UnicodeDecodeError as err:
        raise located(name, None, f"a template is UTF-8 text: {err.reason} at byte {err.start}") from None
    # What a user's template can still get wrong while it runs: nested too deeply for Python to
    # compile or call (RecursionError, IndentationError), a filter given the wrong kind of value,
    # a number out of range, text that cannot be written.
    except (RecursionError, SyntaxError, MemoryError, TypeError, ValueError, AttributeError, LookupError,
            ArithmeticError, NameError, AssertionError, RuntimeError) as err:
        message = "nested too deeply" if isinstance(err, (RecursionError, SyntaxError)) else f"{type(err).__name__}: {err}"
        raise located(*_template_position(err, name), f"template failed: {message}") from None


def _template_position(err: Exception, name: str) -> tuple[str, int | None]:
    """The template file and line a runtime error was raised from, read off the traceback.

    Jinja2 compiles each template with its file name as the code's file name,
    so the innermost frame from a `.j2` file is where the template went wrong.
    """
    position: tuple[str, int | None] = (name, None)
    tb = err.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            position = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return position
