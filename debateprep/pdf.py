"""PDF through Typst: the worksheet goes in as JSON data, never as markup.

The Typst template reads `sys.inputs.data` with `json(...)`, so whatever the
essay says (`#`, `[`, `*`, `<`) is only ever text on the page. The `.typ`
files are gathered into one private folder — built-ins first, then the
user's folders in order, a file of the same name replacing the built-in — and
Typst's root is that folder, so a user style file cannot read anything else.
System fonts are ignored and the timestamp fixed, so the same data gives the
same bytes on every machine.

Typst compiles in native code that no signal interrupts, so a user's `.typ`
file is compiled in a child process, stopped after `sandbox.RENDER_SECONDS` and
held to `CHILD_MEMORY` bytes: `#for i in range(10000) [#lorem(1000)]` gets an
error, not a hang. The built-in files compile in-process (a 20 MB essay's
PDF is never cut off).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import sandbox
from .errors import DebateprepError, located, one_line
from .rendering import BUILTIN_TEMPLATES

PAPERS = {"a4": "a4", "letter": "us-letter"}
TYPST_SUFFIX = ".typ"
FIXED_TIMESTAMP = 0
CHILD_MEMORY = 4 * 1024**3  # address space; a worksheet's PDF needs a few hundred MB at most
MAX_TYPST_BYTES = 1024 * 1024  # a style file of the user's; the built-in one is 5 KB
MAX_MESSAGE = 300  # characters of a Typst error shown: `#panic` can say megabytes
_DIAGNOSTIC_PLACE = re.compile(r"┌─ (?P<file>[^\s:]+):(?P<line>\d+):\d+")
_TYPST_FAILED = 3  # the child's exit code when Typst reports an error (on stderr, as JSON)

# The child: the compile request as JSON on stdin, the PDF on stdout.
_CHILD = f"""
import json, sys
import typst
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, ({CHILD_MEMORY}, {CHILD_MEMORY}))
except (ImportError, ValueError, OSError):  # no such limit here (Windows): the time limit still holds
    pass
request = json.load(sys.stdin)
try:
    pdf = typst.compile(**request)
except typst.TypstError as err:
    json.dump({{"message": getattr(err, "message", None) or str(err),
               "diagnostic": getattr(err, "diagnostic", "") or ""}}, sys.stderr)
    sys.exit({_TYPST_FAILED})
sys.stdout.buffer.write(pdf)
"""


def typst_sources(user_dirs: tuple[str, ...]) -> dict[str, Path]:
    """Each Typst file name and the file that provides it, the user's first; each of the user's
    checked (`_checked_typst_file`), since all are copied for Typst to see."""
    sources = {path.name: path for path in sorted(BUILTIN_TEMPLATES.glob(f"*{TYPST_SUFFIX}"))}
    for folder in reversed(user_dirs):
        for path in sorted(Path(folder).glob(f"*{TYPST_SUFFIX}")):
            sources[path.name] = _checked_typst_file(path, Path(folder))
    return sources


def _checked_typst_file(path: Path, folder: Path) -> Path:
    """`path`, if it is a UTF-8 text file of at most `MAX_TYPST_BYTES` inside `folder`: a link to
    a file elsewhere (`/etc/passwd`) would let a style file read it, and a device (`/dev/zero`)
    would be copied without end."""
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
        regular = path.is_file()
        size = path.stat().st_size if regular else 0
    except OSError as err:
        raise DebateprepError(f"{path}: cannot read ({err.strerror})") from None
    if not inside:
        raise DebateprepError(f"{path}: links to a file outside the templates folder")
    if not regular:
        raise DebateprepError(f"{path}: not a regular file")
    if size > MAX_TYPST_BYTES:
        raise DebateprepError(f"{path}: larger than {MAX_TYPST_BYTES // 1024} KB")
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise DebateprepError(f"{path}: not UTF-8 text") from None
    return path


def render_pdf(kind: str, data: dict, user_dirs: tuple[str, ...] = (), *, paper: str = "a4") -> bytes:
    sources = typst_sources(tuple(user_dirs))
    main = f"{kind}{TYPST_SUFFIX}"
    if main not in sources:
        raise DebateprepError(f"{main}: template not found")
    inputs = {"data": json.dumps(data, ensure_ascii=False), "paper": PAPERS[paper]}
    users = any(source.parent != BUILTIN_TEMPLATES for source in sources.values())
    with tempfile.TemporaryDirectory(prefix="debateprep-typst-") as folder:
        for name, source in sources.items():
            shutil.copyfile(source, Path(folder, name))
        request = {"input": str(Path(folder, main)), "root": folder, "sys_inputs": inputs, "font_paths": [],
                   "ignore_system_fonts": True, "timestamp": FIXED_TIMESTAMP}
        try:
            return _compile_apart(request, f"the {kind} PDF") if users else _compile(request)
        except _TypstFailed as err:
            raise _located(err.message, err.diagnostic, sources, main) from None


class _TypstFailed(Exception):
    def __init__(self, message: str, diagnostic: str):
        super().__init__(message)
        self.message, self.diagnostic = message, diagnostic


def _compile(request: dict) -> bytes:
    import typst

    try:
        return typst.compile(**request)
    except typst.TypstError as err:
        raise _TypstFailed(getattr(err, "message", None) or str(err), getattr(err, "diagnostic", "") or "") from None


def _compile_apart(request: dict, what: str) -> bytes:
    """`_compile` in a child process, within the time and memory limits."""
    seconds = sandbox.RENDER_SECONDS
    try:
        child = subprocess.run([sys.executable, "-P", "-c", _CHILD], input=json.dumps(request).encode("utf-8"),
                               capture_output=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise sandbox.stopped(what, seconds) from None
    if child.returncode == 0:
        return child.stdout
    if child.returncode == _TYPST_FAILED:
        failure = json.loads(child.stderr)
        raise _TypstFailed(failure["message"], failure["diagnostic"])
    raise DebateprepError(f"{what}: Typst stopped without a PDF (out of memory? it may use "
                          f"{CHILD_MEMORY // 1024**3} GB)")


def _located(message: str, diagnostic: str, sources: dict[str, Path], main: str) -> DebateprepError:
    """`style.typ:12: message`, naming the user's own file when the error is in it."""
    place = _DIAGNOSTIC_PLACE.search(diagnostic)
    name, line = (place["file"], int(place["line"])) if place else (main, None)
    name = Path(name).name
    source = sources.get(name)
    where = str(source) if source and source.parent != BUILTIN_TEMPLATES else name
    return located(where, line, one_line(message, MAX_MESSAGE))
