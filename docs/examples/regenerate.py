"""Regenerate the rendered examples in this folder: `python docs/examples/regenerate.py`.

Each example is one `debateprep` command on the sample op-ed, run from the
repository root so the source path printed in the header is the same
everywhere. `--out DIR` writes them elsewhere (the staleness test uses it).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = "seeds/khodorkovsky-no-time-for-peace-talks.md"

EXAMPLES = {
    "worksheet": ["worksheet", SEED],
    "worksheet-teacher": ["worksheet", SEED, "--teacher"],
    "drills": ["drills", SEED, "--seed", "7"],
    "drill-cards": ["drills", SEED, "--seed", "7", "--cards", "--flip"],
}
FORMATS = ("md", "pdf")


def regenerate(out: Path) -> list[Path]:
    written = []
    for name, args in EXAMPLES.items():
        for fmt in FORMATS:
            target = out / f"{name}.{fmt}"
            subprocess.run(
                [sys.executable, "-m", "debateprep", *args, "-o", str(target), "--force"],
                cwd=ROOT, check=True,
            )
            written.append(target)
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    for path in regenerate(parser.parse_args().out):
        print(path)
