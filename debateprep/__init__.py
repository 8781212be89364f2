"""debateprep: argumentative essays in, seminar worksheets and debate drills out."""

__version__ = "0.1.0"


def analyze(text, **options):
    """Analyse essay text: see `debateprep.pipeline.analyze`."""
    from .pipeline import analyze as run

    return run(text, **options)
