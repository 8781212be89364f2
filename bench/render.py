"""Cold-start timings of `debateprep worksheet` as whole processes: `python bench/render.py`.

Each run is a fresh interpreter (what a user waits for); the median of RUNS
is reported. Targets: Markdown ≤ 0.25 s, PDF ≤ 0.4 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "khodorkovsky-no-time-for-peace-talks.md"
RUNS = 7


def median_seconds(args: list[str]) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "debateprep", *args], check=True, stdout=subprocess.DEVNULL)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            "worksheet -f md": ["worksheet", str(SEED), "-f", "md"],
            "worksheet -f html": ["worksheet", str(SEED), "-f", "html"],
            "worksheet -o .pdf": ["worksheet", str(SEED), "-o", f"{folder}/w.pdf", "--force"],
            "worksheet --teacher -o .pdf": ["worksheet", str(SEED), "--teacher", "-o", f"{folder}/t.pdf", "--force"],
            "drills --cards -o .pdf": ["drills", str(SEED), "--cards", "-o", f"{folder}/c.pdf", "--force"],
        }
        for name, args in cases.items():
            print(f"{name:<30} median of {RUNS}: {median_seconds(args):.3f} s")


if __name__ == "__main__":
    main()
