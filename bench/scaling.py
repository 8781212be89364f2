"""Time and peak memory against essay size: 10 KB, 100 KB, 1 MB.

    python bench/scaling.py [--sizes 10000 100000 1000000]

Each size runs in its own process, so peak memory (ru_maxrss) is that size's
alone; the essays come from `throughput.make_essay`. Targets: time grows
linearly with size; peak memory at 1 MB stays under 200 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from throughput import make_essay, worksheets_for


def essay_of_size(size: int) -> str:
    """A generated essay cut at the paragraph boundary nearest `size` characters."""
    essay = make_essay(size, size // 5)
    return essay[: essay.rfind("\n\n", 0, size) + 1] if len(essay) > size else essay


def measure(size: int) -> dict:
    from debateprep.rules import load_rules

    essay = essay_of_size(size)
    load_rules()
    worksheets_for([make_essay(0, 100)])  # templates compiled, caches warm
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    worksheets_for([essay])
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"chars": len(essay), "words": len(essay.split()), "seconds": seconds,
            "peak_mb": peak / 1024, "growth_mb": (peak - baseline) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return

    print(f"{'size':>10} {'words':>8} {'seconds':>8} {'µs/char':>8} {'peak MB':>8} {'growth MB':>9}")
    for size in args.sizes:
        result = subprocess.run([sys.executable, __file__, "--one", str(size)],
                                capture_output=True, text=True, check=True)
        row = json.loads(result.stdout)
        print(f"{row['chars']:>10,} {row['words']:>8,} {row['seconds']:>8.3f} "
              f"{row['seconds'] / row['chars'] * 1e6:>8.2f} {row['peak_mb']:>8.1f} {row['growth_mb']:>9.1f}")


if __name__ == "__main__":
    main()
