"""Writing results: atomic, never over an existing file without --force, never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import DebateprepError

EXTENSIONS = {".md": "md", ".markdown": "md", ".json": "json", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def format_for(output: str | None, requested: str | None, *, allowed: tuple[str, ...]) -> str:
    """The format asked for, else the one -o's extension implies, else the first allowed."""
    if requested:
        return requested
    if output:
        inferred = EXTENSIONS.get(Path(output).suffix.lower())
        if inferred in allowed:
            return inferred
        if inferred:
            raise DebateprepError(f"{output}: format {inferred!r} is not available here (use {', '.join(allowed)})")
    return allowed[0]


def write_output(content: str | bytes, output: str, *, force: bool = False, inputs: tuple[str, ...] = ()) -> None:
    target = Path(output)
    for essay in inputs:
        if essay != "-" and Path(essay).exists() and target.exists() and target.resolve() == Path(essay).resolve():
            raise DebateprepError(f"{output}: refusing to write over the input essay")
    if target.is_dir():
        raise DebateprepError(f"{output}: is a folder; name an output file")
    if target.exists() and not force:
        raise DebateprepError(f"{output}: already exists (use --force to overwrite)")
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.exists() and not target.is_file():  # /dev/null, a pipe: write to it, never replace it
        try:
            with target.open("wb") as stream:
                stream.write(data)
        except OSError as err:
            raise DebateprepError(f"{output}: cannot write ({err.strerror})") from None
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except (FileExistsError, NotADirectoryError):
        raise DebateprepError(f"{output}: cannot write (part of its folder path is a file)") from None
    except OSError as err:
        raise DebateprepError(f"{output}: cannot write ({err.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as err:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise DebateprepError(f"{output}: cannot write ({err.strerror})") from None
        raise
