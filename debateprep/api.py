"""The library API: pure functions over plain data, no global state.

    import debateprep
    analysis = debateprep.analyze(text, name="essay.md")
    analyses = debateprep.analyze_many(texts, names=names)  # a partition at once: less work
    sheet = debateprep.build_worksheet(analysis, max_claims=6)
    markdown = debateprep.render(sheet, format="md")
    pdf_bytes = debateprep.render(debateprep.build_drills(analysis, seed=3), format="pdf")

Each call depends only on its arguments (compiled rule packs and templates
are cached per process, which changes speed, never results), so a batch can
be mapped over any executor — multiprocessing, Dask, Spark — without
wrappers.
"""

from __future__ import annotations

from .drills import DrillSet, build_drills, drills_to_dict
from .models import Analysis
from .pipeline import analyze, analyze_many
from .worksheet import Worksheet, build_worksheet, worksheet_to_dict

__all__ = ["analyze", "analyze_many", "build_worksheet", "build_drills", "render"]


def render(model: Analysis | Worksheet | DrillSet, format: str = "md", *, templates: tuple[str, ...] = (),
           paper: str = "a4", teacher: bool = False) -> str | bytes:
    """A worksheet or drill set as md, html, pdf (bytes) or json; an analysis as json or text."""
    from .errors import DebateprepError
    from .rendering import render_document, render_template

    if isinstance(model, Analysis):
        from .contract import analysis_to_json

        if format == "json":
            return analysis_to_json(model)
        if format == "text":
            return render_template("analysis.txt.j2", {"analysis": model}, templates)
        raise DebateprepError(f"an analysis renders as json or text, not {format!r}")
    if isinstance(model, Worksheet):
        kind, data = "worksheet", worksheet_to_dict(model, teacher=teacher)
    elif isinstance(model, DrillSet):
        kind, data = "drills", drills_to_dict(model)
    else:
        raise DebateprepError(f"cannot render a {type(model).__name__}")
    if format not in ("md", "html", "pdf", "json"):
        raise DebateprepError(f"unknown format {format!r} (md, html, pdf, json)")
    return render_document(kind, format, data, tuple(templates), paper=paper)
