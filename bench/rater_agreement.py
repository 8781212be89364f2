"""How far readers of the prompts agree: the number to weigh any change in rated quality against.

    python bench/rater_agreement.py

tests/data/rating-agreement/readings.tsv holds 240 prompts drawn at random
(120 from the older rated folders, 120 from quality-dev-1 and -2), each with
three verdicts: the folder's own first reading, and two second readings made
blind to it and to each other against the same rubric. For each pair of
readers it prints the share of verdicts they agree on, Cohen's kappa, and the
share each rated good, on each half of the sample.
"""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

READINGS = Path(__file__).resolve().parent.parent / "tests/data/rating-agreement/readings.tsv"
READERS = ("first", "second_a", "second_b")


def kappa(one: list[bool], other: list[bool]) -> tuple[float, float]:
    """(observed agreement, Cohen's kappa) of two readers' good/bad verdicts on the same prompts."""
    count = len(one)
    observed = sum(a == b for a, b in zip(one, other)) / count
    good_one, good_other = sum(one) / count, sum(other) / count
    chance = good_one * good_other + (1 - good_one) * (1 - good_other)
    return observed, (observed - chance) / (1 - chance) if chance < 1 else 1.0


def main() -> None:
    with READINGS.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    halves = {
        "older folders": [row for row in rows if not row["folder"].startswith("quality-dev")],
        "quality-dev folders": [row for row in rows if row["folder"].startswith("quality-dev")],
        "all": rows,
    }
    for name, half in halves.items():
        print(f"{name} ({len(half)} prompts)")
        verdicts = {reader: [row[reader] == "good" for row in half] for reader in READERS}
        for one, other in combinations(READERS, 2):
            observed, k = kappa(verdicts[one], verdicts[other])
            share_one, share_other = (sum(verdicts[r]) / len(half) for r in (one, other))
            print(f"  {one:8} vs {other:8}: agree {observed:6.1%}  kappa {k:5.2f}  "
                  f"rated good {share_one:6.1%} vs {share_other:6.1%}")


if __name__ == "__main__":
    main()
