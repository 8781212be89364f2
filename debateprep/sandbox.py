"""The limits every template sandbox shares, so that no template, built in or a user's, can build a
huge value (`'x' * 2**62`, `[0] * 10**9`); and the time limit on rendering a user's template (a
loop nested in a loop over `range(100000)`)."""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import threading

from jinja2.compiler import CodeGenerator
from jinja2.sandbox import SecurityError

from .errors import DebateprepError

LARGEST = 10_000  # a factor or exponent no template needs
LONGEST = 1_000_000  # characters or items `+`, `*`, `~` or `join` may build: `{% set s = s + s %}` thirty times over
RENDER_SECONDS = 10  # a worksheet renders in milliseconds; a user's template gets this long


class _BoundedCodeGenerator(CodeGenerator):
    """Every `~` join goes through `environment.bounded`, so that `{% set s = s ~ s %}` thirty
    times over stops at `LONGEST` characters instead of exhausting the memory."""

    def visit_Concat(self, node, frame):
        self.write("environment.bounded(")
        super().visit_Concat(node, frame)
        self.write(")")


class Bounded:
    """Mixed into a sandboxed environment: `*`, `+` and `~` refuse to build anything longer than
    `LONGEST`, `*` and `**` a number over `LARGEST`; Jinja2's filters that pad, cut or format to
    a size refuse a size over `LARGEST`; `str.format` (widths without bound) is out."""

    intercepted_binops = frozenset({"*", "**", "+"})
    code_generator_class = _BoundedCodeGenerator
    _SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "slice", "batch")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._SIZED_FILTERS:
            if name in self.filters:
                self.filters[name] = _refusing_large_sizes(self.filters[name], name)
        if "format" in self.filters:
            self.filters["format"] = _refusing_large_widths(self.filters["format"])
        if "join" in self.filters:  # sentence|join(sentence) five times over: gigabytes
            self.filters["join"] = _refusing_long_joins(self.filters["join"])
        if "replace" in self.filters:  # ("x" * 10000)|replace("x", half_a_megabyte): 5 GB
            self.filters["replace"] = _refusing_long_replacements(self.filters["replace"])

    def bounded(self, value):
        if len(value) > LONGEST:
            raise too_long("~")
        return value

    # String methods that pad to a width the template gives ('x'.ljust(10**9)), str.format, and
    # those that multiply a string by another ('x'.replace('x', s), s.join(s)): the `replace`
    # and `join` filters do the same within bounds.
    _UNBOUNDED_METHODS = frozenset({"format", "format_map", "ljust", "rjust", "center", "zfill", "expandtabs",
                                    "replace", "join"})

    def is_safe_attribute(self, obj, attr, value):
        if isinstance(obj, str) and attr in self._UNBOUNDED_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value):
        return None  # Jinja2 would hand out a sandboxed str.format here, before is_safe_attribute

    def call_binop(self, context, operator, left, right):
        if operator in ("+", "*"):
            sized, other = (left, right) if _sized(left) else (right, left)
            length = (len(sized) + len(other) if operator == "+" and _sized(other)
                      else len(sized) * other if operator == "*" and _sized(sized) and _whole(other) else 0)
            if length > LONGEST:
                raise too_long(operator)
        if operator != "+" and any(_whole(value) and abs(value) > LARGEST for value in (left, right)):
            raise SecurityError(f"{operator} with a number over {LARGEST:,} is not allowed")
        return super().call_binop(context, operator, left, right)


def _sized(value) -> bool:
    return isinstance(value, (str, list, tuple))


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _refusing_large_sizes(function, name: str):
    """`function` (a Jinja2 filter), refusing a whole-number argument over `LARGEST`."""
    @functools.wraps(function)
    def guarded(*args, **kwargs):
        if any(_whole(value) and abs(value) > LARGEST for value in (*args[1:], *kwargs.values())):
            raise SecurityError(f"{name} with a size over {LARGEST:,} is not allowed")
        return function(*args, **kwargs)
    return guarded


def _refusing_long_replacements(function):
    """The `replace` filter, refusing before it runs a result longer than `LONGEST`."""
    @functools.wraps(function)
    def guarded(eval_ctx, value, old, new, count=None):
        text, old, new = str(value), str(old), str(new)
        times = text.count(old) if old else len(text) + 1
        if count is not None and _whole(count) and count >= 0:
            times = min(times, count)
        if len(text) + times * (len(new) - len(old)) > LONGEST:
            raise too_long("replace")
        return function(eval_ctx, value, old, new, count)
    return guarded


_WIDTH = re.compile(r"%[-#0 +]*(\d+)|%[-#0 +]*\d*\.(\d+)")


def _refusing_large_widths(function):
    """The `format` filter, refusing a width or precision over `LARGEST` ("%1000000000s", or
    "%*d" given one)."""
    @functools.wraps(function)
    def guarded(value, *args, **kwargs):
        widths = [int(number) for pair in _WIDTH.findall(str(value)) for number in pair if number]
        if "*" in str(value):
            widths += [abs(arg) for arg in args if _whole(arg)]
        if any(width > LARGEST for width in widths):
            raise SecurityError(f"format with a width over {LARGEST:,} is not allowed")
        return function(value, *args, **kwargs)
    return guarded


def _refusing_long_joins(function):
    """The `join` filter, refusing before it runs a result longer than `LONGEST`: 'ab' joined
    with itself five times over is 4 GB, which takes longer to build than to refuse. What
    cannot be measured beforehand (another iterable, an attribute of each item) is measured after."""
    @functools.wraps(function)
    def guarded(eval_ctx, value, d="", attribute=None):
        if attribute is None and _sized(value):
            parts = len(value) if isinstance(value, str) else sum(len(str(item)) for item in value)
            if parts + max(0, len(value) - 1) * len(str(d)) > LONGEST:
                raise too_long("join")
        result = function(eval_ctx, value, d, attribute)
        if _sized(result) and len(result) > LONGEST:
            raise too_long("join")
        return result
    return guarded


def too_long(what: str) -> SecurityError:
    """The refusal of an operator or filter that would build more than `LONGEST` characters or items."""
    return SecurityError(f"{what} building something longer than {LONGEST:,} is not allowed")


ENDLESS = "a loop that never ends?"  # the likeliest reason a template runs out of time


def stopped(what: str, seconds: float, hint: str = ENDLESS) -> DebateprepError:
    """The error for `what`, stopped at its time limit."""
    return DebateprepError(f"{what}: stopped after {seconds:g} s ({hint})")


@contextlib.contextmanager
def time_limit(what: str, seconds: float | None = None, hint: str = ENDLESS):
    """Stop `what` with a clear error if it runs longer than `seconds` (`RENDER_SECONDS`). Only
    the main thread can set the alarm; elsewhere (a library caller's thread) it runs unbounded."""
    seconds = RENDER_SECONDS if seconds is None else seconds
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise stopped(what, seconds, hint)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
