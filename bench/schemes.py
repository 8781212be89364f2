"""Scheme detection quality on a labelled set (default tests/data/schemes/).

    python bench/schemes.py [--set DIR] [--misses]

--set scores another folder of the same shape (labels.yaml + texts/*.md):
the development sets tests/data/schemes-dev/ to -dev-15/, each scored first
before any rule was written against its misses, or the held-out sets
tests/data/schemes-heldout/ and tests/data/schemes-heldout-2/, which measure
how the rules generalise as long as no rule is tuned on their misses.

Prints per-scheme and micro precision/recall of the full pipeline (claims
stage + rule engine) against hand labels; --misses lists each false
positive and false negative with its sentence.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from debateprep.evaluate import scheme_predictions, scheme_scores

DEFAULT_SET = Path(__file__).resolve().parent.parent / "tests/data/schemes"


def load(folder: Path):
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    texts = {path.stem: path.read_text(encoding="utf-8") for path in (folder / "texts").glob("*.md")}
    return texts, labels


def chosen_set() -> Path:
    if "--set" in sys.argv:
        index = sys.argv.index("--set") + 1
        if index >= len(sys.argv):
            sys.exit("--set needs a folder")
        return Path(sys.argv[index])
    return DEFAULT_SET


def main() -> None:
    texts, labels = load(chosen_set())
    scores = scheme_scores(texts, labels)
    print(f"{'scheme':24} {'prec':>6} {'recall':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for scheme, score in scores.items():
        print(f"{scheme:24} {score.precision:6.2f} {score.recall:6.2f} "
              f"{score.true_positive:4} {score.false_positive:4} {score.false_negative:4}")
    print(f"{len(labels)} sentences in {len(texts)} texts; micro precision "
          f"{scores['*'].precision:.3f}, recall {scores['*'].recall:.3f}")
    if "--misses" in sys.argv:
        for name, text in sorted(texts.items()):
            entries = [e for e in labels if e["text"] == name]
            for entry, found in zip(entries, scheme_predictions(text, name, [e["sentence"] for e in entries])):
                gold = set(entry["schemes"])
                if gold != found:
                    print(f"{name}: +{sorted(found - gold)} -{sorted(gold - found)}  {entry['sentence']}")


if __name__ == "__main__":
    main()
