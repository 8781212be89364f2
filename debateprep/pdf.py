"""PDF through Typst: the worksheet goes in as JSON data, never as markup.

The Typst template reads `sys.inputs.data` with `json(...)`, so whatever the
essay says (`#`, `[`, `*`, `<`) is only ever text on the page. The `.typ`
files are gathered into one private folder — built-ins first, then the
user's folders in order, a file of the same name replacing the built-in — and
Typst's root is that folder, so a user style file cannot read anything else.
System fonts are ignored and the timestamp fixed, so the same data gives the
same bytes on every machine.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from .errors import DebateprepError, located
from .rendering import BUILTIN_TEMPLATES

PAPERS = {"a4": "a4", "letter": "us-letter"}
TYPST_SUFFIX = ".typ"
FIXED_TIMESTAMP = 0
_DIAGNOSTIC_PLACE = re.compile(r"┌─ (?P<file>[^\s:]+):(?P<line>\d+):\d+")


def typst_sources(user_dirs: tuple[str, ...]) -> dict[str, Path]:
    """Each Typst file name and the file that provides it, the user's first."""
    sources = {path.name: path for path in sorted(BUILTIN_TEMPLATES.glob(f"*{TYPST_SUFFIX}"))}
    for folder in reversed(user_dirs):
        for path in sorted(Path(folder).glob(f"*{TYPST_SUFFIX}")):
            sources[path.name] = path
    return sources


def render_pdf(kind: str, data: dict, user_dirs: tuple[str, ...] = (), *, paper: str = "a4") -> bytes:
    import typst

    sources = typst_sources(tuple(user_dirs))
    main = f"{kind}{TYPST_SUFFIX}"
    if main not in sources:
        raise DebateprepError(f"{main}: template not found")
    inputs = {"data": json.dumps(data, ensure_ascii=False), "paper": PAPERS[paper]}
    with tempfile.TemporaryDirectory(prefix="debateprep-typst-") as folder:
        for name, source in sources.items():
            shutil.copyfile(source, Path(folder, name))
        try:
            return typst.compile(
                str(Path(folder, main)), root=folder, sys_inputs=inputs, font_paths=[],
                ignore_system_fonts=True, timestamp=FIXED_TIMESTAMP,
            )
        except typst.TypstError as err:
            raise _located(err, sources, main) from None


def _located(err, sources: dict[str, Path], main: str) -> DebateprepError:
    """`style.typ:12: message`, naming the user's own file when the error is in it."""
    place = _DIAGNOSTIC_PLACE.search(getattr(err, "diagnostic", "") or "")
    name, line = (place["file"], int(place["line"])) if place else (main, None)
    name = Path(name).name
    source = sources.get(name)
    where = str(source) if source and source.parent != BUILTIN_TEMPLATES else name
    return located(where, line, getattr(err, "message", None) or str(err))
