"""Sentence splitter quality and speed.

    python bench/segmentation.py

Prints boundary precision/recall/F1 on tests/data/segmentation.yaml and
sentences per second over the gold set repeated, plus the seed essay.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import yaml

from debateprep.evaluate import segmentation_score
from debateprep.models import Paragraph
from debateprep.read import read_path
from debateprep.segment import segment, split_paragraph

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    cases = yaml.safe_load((ROOT / "tests/data/segmentation.yaml").read_text(encoding="utf-8"))
    score, wrong = segmentation_score(cases)
    gold = sum(len(c["sentences"]) for c in cases)
    print(f"gold set: {len(cases)} cases, {gold} sentences")
    print(f"boundary precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}")
    for name, sentences in wrong:
        print(f"  wrong: {name}: {sentences}")

    paragraphs = [Paragraph(0, len(c["text"]), c["text"], 1) for c in cases] * 200
    rates = []
    for _ in range(5):
        start = time.perf_counter()
        count = sum(len(split_paragraph(p)) for p in paragraphs)
        rates.append(count / (time.perf_counter() - start))
    print(f"speed (gold set x200, {count} sentences): median {statistics.median(rates):,.0f} sentences/s")

    document = read_path(str(ROOT / "seeds/khodorkovsky-no-time-for-peace-talks.md"))
    start = time.perf_counter()
    for _ in range(200):
        sentences = segment(document)
    elapsed = (time.perf_counter() - start) / 200
    print(f"seed essay: {len(sentences)} sentences in {elapsed * 1e3:.3f} ms "
          f"({len(sentences) / elapsed:,.0f} sentences/s)")


if __name__ == "__main__":
    main()
