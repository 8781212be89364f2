"""CPU instructions per essay (analysis + Markdown worksheet), counted by valgrind's callgrind.

    python bench/instructions.py [--essays 40]

Timings on a shared machine swing by ±10% from run to run, which hides any
change smaller than that. An instruction count does not: in one checkout it
repeats to within 0.1% whatever else the machine is doing (two checkouts of the
same code at different paths differ by up to 0.5%), so it shows whether a change
to the engine made it do less work, down to about 1%. It does not see cache
misses, so confirm a gain in time with `throughput.py` or `analyze.py`.

The generated essays are those of `throughput.py`. Start-up, rule loading and
a 30-essay warm-up are counted in two runs, one with and one without the
measured essays, and subtracted. Needs valgrind; takes about two minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 30
WORK = f"""
import sys
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / "bench")!r}]  # this checkout's package, whatever is installed
from throughput import make_essay
import debateprep
from debateprep.rules import load_rules
rules = load_rules()
for number in range({WARM_UP} + int(sys.argv[1])):
    analysis = debateprep.analyze(make_essay(1_000_003 + number, 1000), name="essay.md", rules=rules)
    debateprep.render(debateprep.build_worksheet(analysis), "md")
"""


def instructions(essays: int) -> int:
    """Instructions executed by the whole run: start-up, warm-up and `essays` more essays."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", WORK, str(essays)],
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode or not found:
        sys.exit(f"callgrind failed:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=40)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt install valgrind)")
    # Both runs must load the packs the same way: a stale pack cache would be rebuilt by
    # whichever run gets there first, and the difference would no longer be the essays' work.
    subprocess.run([sys.executable, "-c", WORK, "-" + str(WARM_UP)], check=True, capture_output=True)
    with ThreadPoolExecutor(2) as pool:
        without, with_essays = pool.map(instructions, (0, args.essays))
    print(f"{(with_essays - without) / args.essays / 1e6:.2f} M instructions per essay "
          f"(analysis + Markdown worksheet, {args.essays} generated essays of ~1,000 words)")


if __name__ == "__main__":
    main()
