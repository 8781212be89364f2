"""Cold start: wall time of `debateprep --help`, median of several runs.

    python bench/startup.py [--runs 10]

Each run is a fresh process, as a user's shell would start it. Target: 0.15 s.
To see which imports cost the most: `python -X importtime -m debateprep --help`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def command() -> list[str]:
    """The installed `debateprep` script next to this Python, else `python -m debateprep`."""
    script = Path(sys.executable).with_name("debateprep")
    if script.exists():
        return [str(script)]
    found = shutil.which("debateprep")
    return [found] if found else [sys.executable, "-m", "debateprep"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    argv = [*command(), "--help"]
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    print(f"{' '.join(argv)}: median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
