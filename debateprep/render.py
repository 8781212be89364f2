"""Stage 8 — render: worksheet data through Jinja2 templates to text.

Templates are looked up first in the user's folders (`--templates DIR`), then
in the built-in `templates/` folder, so a file of the same name overrides a
built-in one. Every template runs in Jinja2's sandbox with undefined
variables as errors, reported as `template:line: message`.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import (
    ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .errors import DebateprepError, located

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"


def oneline(text: str) -> str:
    """Collapse the line breaks of hard-wrapped prose into single spaces."""
    return " ".join(str(text).split())


@functools.lru_cache(maxsize=8)
def environment(user_dirs: tuple[str, ...] = ()) -> SandboxedEnvironment:
    loaders = [FileSystemLoader(d) for d in user_dirs] + [FileSystemLoader(str(BUILTIN_TEMPLATES))]
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=False,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["oneline"] = oneline
    return env


def render_template(name: str, context: dict, user_dirs: tuple[str, ...] = ()) -> str:
    env = environment(tuple(user_dirs))
    try:
        return env.get_template(name).render(context)
    except TemplateNotFound as err:
        raise DebateprepError(f"{name}: template not found ({err.name})") from None
    except TemplateSyntaxError as err:
        raise located(err.filename or name, err.lineno, err.message or "syntax error") from None
    except SecurityError as err:
        raise DebateprepError(f"{name}: template not allowed to do that: {err}") from None
    except TemplateError as err:
        raise located(name, _template_line(err, name), str(err)) from None


def _template_line(err: Exception, name: str) -> int | None:
    """The template line a runtime error was raised from, read off the traceback."""
    tb = err.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
