"""The limits every template sandbox shares, so that no template, built in or a user's, can stall
the program: no arithmetic that builds a huge value (`'x' * 2**62`, `[0] * 10**9`), and no
render that runs on after a time limit (a loop nested in a loop over `range(100000)`)."""

from __future__ import annotations

import contextlib
import signal
import threading

from jinja2.sandbox import SecurityError

from .errors import DebateprepError

LARGEST = 10_000  # a factor or exponent no template needs
LONGEST = 1_000_000  # characters or items that `+` may build: `{% set s = s + s %}` thirty times over
RENDER_SECONDS = 20  # a worksheet renders in milliseconds


class Bounded:
    """Mixed into a sandboxed environment: `*` and `**` refuse a number over `LARGEST`, and `+`
    a result longer than `LONGEST`."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context, operator, left, right):
        if operator == "+":
            if _sized(left) and _sized(right) and len(left) + len(right) > LONGEST:
                raise SecurityError(f"+ building something longer than {LONGEST:,} is not allowed")
        elif any(isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST
                 for value in (left, right)):
            raise SecurityError(f"{operator} with a number over {LARGEST:,} is not allowed")
        return super().call_binop(context, operator, left, right)


def _sized(value) -> bool:
    return isinstance(value, (str, list, tuple))


@contextlib.contextmanager
def time_limit(what: str, seconds: float | None = None):
    """Stop `what` with a clear error if it runs longer than `seconds` (`RENDER_SECONDS`). Only
    the main thread can set the alarm; elsewhere (a library caller's thread) it runs unbounded."""
    seconds = RENDER_SECONDS if seconds is None else seconds
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise DebateprepError(f"{what}: stopped after {seconds:g} s (a loop that never ends?)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
