"""debateprep: argumentative essays in, seminar worksheets and debate drills out.

The library API (`analyze`, `analyze_many`, `build_worksheet`, `build_drills`, `render`) is
documented in `debateprep.api`; it is imported on first use so that the
command line starts fast.
"""

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "build_worksheet", "build_drills", "render"]


def __getattr__(name):
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'debateprep' has no attribute {name!r}")
