"""One essay or a whole course reader: the same job, run once or in parallel.

`make` turns one essay into finished output (the whole pipeline plus
rendering) and is what every command runs, for one input or a thousand.
`run_batch` expands files, folders and globs, gives each input its own
predictable output name (`<stem>.worksheet.pdf`), runs `make` on worker
processes, and reports each failure on its own line while the rest go on.
Outputs are written atomically, so an interrupted batch leaves only whole
files behind.
"""

from __future__ import annotations

import contextlib
import glob
import json
import math
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DebateprepError

ESSAY_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
MAX_CHUNK = 8  # essays per task handed to a worker
EXTRA_PACK_SECONDS_PER_MB = 10
OUTPUT_SUFFIX = {"md": "md", "html": "html", "pdf": "pdf", "json": "json", "text": "txt"}


@dataclass(frozen=True)
class Request:
    """What to make of each essay: a command's choices, plain and picklable for workers."""

    kind: str  # "analysis", "worksheet" or "drills"
    fmt: str  # md, html, pdf, json, text or jsonl
    rules_dirs: tuple[str, ...] = ()
    template_dirs: tuple[str, ...] = ()
    max_bytes: int = 20 * 1024 * 1024
    speaker: str | None = None
    paper: str = "a4"
    options: dict = field(default_factory=dict)  # kind-specific: teacher, max_claims, seed, …


def make(essay: str, request: Request, analysis=None) -> str | bytes:
    """The finished output for one essay: read, analyse, build, render (or only build and
    render, given its `analysis`)."""
    if analysis is None:
        from .pipeline import analyze_document
        from .read import read_path
        from .rules import load_rules

        document = read_path(essay, max_bytes=request.max_bytes)
        rules = load_rules(request.rules_dirs)
        with _extra_packs_time_limit(request, [document]):
            analysis = analyze_document(document, rules, speaker=request.speaker)
    options = request.options
    if request.kind == "analysis":
        from .contract import analysis_to_dict, analysis_to_json

        if request.fmt == "jsonl":
            return json.dumps(analysis_to_dict(analysis), ensure_ascii=False) + "\n"
        if request.fmt == "json":
            return analysis_to_json(analysis)
        from .rendering import render_template

        return render_template(template_name(request), {"analysis": analysis}, request.template_dirs)

    from .rendering import render_document

    if request.kind == "worksheet":
        from .worksheet import build_worksheet, worksheet_to_dict

        sheet = build_worksheet(analysis, max_claims=options["max_claims"],
                                prompts_per_side=options["prompts_per_side"])
        data = worksheet_to_dict(sheet, teacher=options["teacher"])
    else:
        from .drills import build_drills, drills_to_dict

        data = drills_to_dict(build_drills(
            analysis, max_claims=options["max_claims"], seed=options["seed"],
            flip=options["flip"], cards=options["cards"],
        ))
    return render_document(request.kind, request.fmt, data, request.template_dirs, paper=request.paper)


def expand_inputs(arguments: tuple[str, ...], outputs: str | None = None) -> list[str]:
    """Files as given, folders searched for essays, quoted globs expanded; order kept, no repeats.

    A folder search skips the `outputs` folder, so rerunning a batch into a
    subfolder never treats last run's worksheets as essays.
    """
    skip = Path(outputs).resolve() if outputs else None
    found: list[str] = []
    for argument in arguments:
        if argument == "-":
            found.append(argument)
        elif Path(argument).is_dir():
            found.extend(sorted(
                str(path) for path in Path(argument).rglob("*")
                if path.is_file() and path.suffix.lower() in ESSAY_SUFFIXES
                and not (skip and path.resolve().is_relative_to(skip))
            ))
        elif any(ch in argument for ch in "*?[") and not Path(argument).exists():
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                raise DebateprepError(f"{argument}: no files match")
            found.extend(matches)
        else:
            found.append(argument)
    if not found:
        raise DebateprepError(f"{' '.join(arguments)}: no essays found")
    return list(dict.fromkeys(found))


def output_name(essay: str, kind: str, fmt: str) -> str:
    stem = "stdin" if essay == "-" else Path(essay).stem
    return f"{stem}.{kind}.{OUTPUT_SUFFIX[fmt]}"


def plan_outputs(essays: list[str], folder: str, request: Request) -> dict[str, Path]:
    """Each essay's output path; two essays that would share one are refused up front."""
    planned: dict[str, Path] = {}
    owners: dict[Path, str] = {}
    for essay in essays:
        target = Path(folder) / output_name(essay, request.kind, request.fmt)
        if target in owners:
            raise DebateprepError(
                f"{essay}: would write {target}, as would {owners[target]}; rename one or run them apart"
            )
        owners[target] = essay
        planned[essay] = target
    return planned


@dataclass
class Summary:
    written: int = 0
    failed: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.perf_counter)

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        return f"{self.written} written, {self.failed} failed, {self.skipped} skipped in {seconds:.1f}s"


def _make_and_write(essay: str, request: Request, target: str | None, force: bool,
                    analysis=None) -> tuple[str, str]:
    """Run in a worker: ("ok", where) or ("failed", message). Never raises for bad input."""
    from .output import write_output

    try:
        content = make(essay, request, analysis)
        if target is None:
            return "ok", content
        write_output(content, target, force=force, inputs=(essay,))
        return "ok", target
    except DebateprepError as err:
        return "failed", str(err)
    except Exception as err:  # a bug must not sink the other essays of the batch
        return "failed", f"{essay}: internal error ({type(err).__name__}: {err}); please report it"


def _make_and_write_all(items: list[tuple[str, str | None]], request: Request, force: bool) -> list[tuple[str, str]]:
    """`_make_and_write` for a few essays in one task, analysed together: handing essays to
    workers one by one costs the parent about half a millisecond each, and analysing them
    together saves about a tenth of the work (see `pipeline.analyze_documents`)."""
    return [_make_and_write(essay, request, target, force, analysis)
            for (essay, target), analysis in zip(items, _analyses([essay for essay, _ in items], request))]


def _analyses(essays: list[str], request: Request) -> list:
    """Each essay's analysis, all made in one run; None for an essay that cannot be read, and
    for all of them if one fails: each of those is then redone alone, to report its own error."""
    from .pipeline import analyze_documents
    from .read import read_path
    from .rules import load_rules

    documents = {}
    for essay in essays:
        try:
            documents[essay] = read_path(essay, max_bytes=request.max_bytes)
        except Exception:  # read again, alone, to report its error
            continue
    try:
        rules = load_rules(request.rules_dirs)
        with _extra_packs_time_limit(request, documents.values()):
            analyses = analyze_documents(list(documents.values()), rules, speaker=request.speaker)
    except Exception:  # each essay, redone alone, reports its own error
        return [None] * len(essays)
    by_essay = dict(zip(documents, analyses))
    return [by_essay.get(essay) for essay in essays]


def _extra_packs_time_limit(request: Request, documents):
    """A time limit on analysing `documents` with the user's rule packs, whose question
    templates may be built to take minutes (300 filters over a megabyte each): `RENDER_SECONDS`
    and `EXTRA_PACK_SECONDS_PER_MB` of essay. The built-in packs analyse a megabyte in about
    three seconds and run unbounded."""
    if not request.rules_dirs:
        return contextlib.nullcontext()
    from .sandbox import RENDER_SECONDS, time_limit

    megabytes = sum(len(document.text) for document in documents) / 1_000_000
    seconds = math.ceil(RENDER_SECONDS + EXTRA_PACK_SECONDS_PER_MB * megabytes)
    return time_limit("analysing with the extra rule packs", seconds, "a question template too costly to render?")


def _ignore_interrupts() -> None:
    """Workers finish the essay in hand on Ctrl-C; the parent stops handing out more."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_batch(essays: list[str], request: Request, folder: str | None, *, force: bool = False,
              jobs: int = 1, report=None, stream=None) -> Summary:
    """Make every essay; write into `folder`, or, with no folder, pass each result to `stream`.

    `report(line, failed)` hears once per essay (written, skipped or the
    error, in input order); the caller prints the summary. Ctrl-C stops the batch cleanly: essays in
    progress are finished, nothing half-written is left.
    """
    from .read import input_name

    summary = Summary()
    targets = plan_outputs(essays, folder, request) if folder is not None else {}
    work = []
    for essay in essays:
        target = targets.get(essay)
        if target is not None and target.exists() and not force:
            summary.skipped += 1
            report(f"skipped {essay}: {target} exists (use --force to overwrite)", False)
            continue
        work.append((essay, str(target) if target is not None else None))

    def handle(essay: str, status: str, result) -> None:
        if status == "ok":
            summary.written += 1
            if folder is None:
                stream(result)
            report(f"wrote {result if folder is not None else essay}", False)
        else:
            summary.failed += 1
            # One template fails every essay of a batch alike: each line says which essay it was.
            name = input_name(essay)
            report(result if len(essays) == 1 or result.startswith(f"{name}:") else f"{name}: {result}", True)

    def handle_chunk(chunk, results) -> None:
        for (essay, _), result in zip(chunk, results):
            handle(essay, *result)

    if any(essay == "-" for essay, _ in work):
        jobs = 1  # standard input is this process's: a worker would read an empty one
    size = max(1, min(MAX_CHUNK, len(work) // (jobs * 4)))  # small batches still spread over every worker
    chunks = [work[start:start + size] for start in range(0, len(work), size)]
    if jobs <= 1 or len(work) <= 1:
        for chunk in chunks:
            handle_chunk(chunk, _make_and_write_all(chunk, request, force))
        return summary

    from concurrent.futures import ProcessPoolExecutor  # only now: it is slow to import
    from multiprocessing import get_context

    prepare(request)
    context = get_context("fork") if sys.platform != "win32" else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_interrupts) as pool:
        futures = [(chunk, pool.submit(_make_and_write_all, chunk, request, force)) for chunk in chunks]
        try:
            for chunk, future in futures:
                handle_chunk(chunk, future.result())
        except KeyboardInterrupt:
            for _, future in futures:
                future.cancel()
            raise
    return summary


def prepare(request: Request) -> None:
    """Load the packs and build the engine and the output template before the workers fork:
    a bad pack or template fails once, here, and the workers inherit what was built."""
    from .pipeline import prepare as prepare_engine
    from .rules import load_rules

    prepare_engine(load_rules(request.rules_dirs))
    if request.fmt == "pdf":
        import typst  # noqa: F401  (imported once here, not once per worker)
    elif request.fmt in ("md", "html", "text"):
        from .rendering import load_template

        load_template(template_name(request), request.template_dirs)


def template_name(request: Request) -> str:
    """The Jinja2 template that renders a request's md, html or text output."""
    return "analysis.txt.j2" if request.kind == "analysis" else f"{request.kind}.{request.fmt}.j2"


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
