"""Thesis and claim detection quality on the labelled set in tests/data/claims/.

    python bench/claims.py [--cases] [--misses]

Per text, against the hand labels (tests/data/claims/labels.yaml):

- thesis@1: the best-ranked sentence with role `thesis` is a gold thesis.
- P@5: of the (up to) 5 key claims, `claims.key_claims(claims, 5)` — the best
  sentences with role thesis, claim or rebuttal, spread across the essay and
  with restatements merged — the fraction that are gold thesis or claim
  sentences. Rebuttals count: the labels list the author's rebuttals as claims.
- recall: of the gold thesis and claim sentences that lie in the body (the
  night-trains rubric thesis is metadata, not a sentence), the fraction that
  get one of the author's claim roles (thesis, claim, rebuttal) at any salience.
- reported: of the gold reported views, the fraction given role `reported`.

thesis@1 and P@5 are averaged over texts; recall and reported over sentences.

Then the thesis alone on the larger sets whose folders hold a `theses.yaml`
(every sentence stating the position the text argues for, labelled by readers
who did not write the rules): thesis@1 as above, and thesis precision, the
share of all sentences given role `thesis` that are gold (the worksheet heads
its page with every one of them). Twelve schemes-dev folders are held
out (`HELD_OUT_FOLDERS`): only their totals are printed; the rest are for
development. `--misses` lists the development texts whose first
thesis is wrong.
A sentence matches a label when their spans overlap by at least half of the
shorter. The position-only baseline (first sentence of the last paragraph =
thesis, first sentence of each body paragraph = claim) is scored the same way.
Scores are printed for all 12 texts and for the 3 held out while developing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from debateprep.evaluate import analysed_claims, claims_scores, position_baseline, thesis_scores

DATA = Path(__file__).resolve().parent.parent / "tests/data/claims"
HELD_OUT = ("oped-bottle-deposit.md", "essay-year-round-school.txt", "speech-community-solar.md")


def load():
    labels = yaml.safe_load((DATA / "labels.yaml").read_text(encoding="utf-8"))
    texts = {path.name: path.read_text(encoding="utf-8") for path in (DATA / "texts").iterdir()}
    return texts, labels


LABELLED_FOLDERS = sorted(DATA.parent.glob("*/theses.yaml"))


# Folders whose texts are never read while developing: only their totals are printed.
HELD_OUT_FOLDERS = {f"schemes-dev-{n}" for n in (26, 27, 28, 29, 32, 33, 34, 35, 36, 37, 38, 39)}


def print_thesis_table() -> None:
    held_out = [path for path in LABELLED_FOLDERS if path.parent.name in HELD_OUT_FOLDERS]
    development = [path for path in LABELLED_FOLDERS if path not in held_out]
    print(f"\n{'thesis labels':22} {'texts':>5} {'thesis@1':>8} {'precision':>9} {'picked':>6} {'unlabelled':>10}")
    scores = {"development": thesis_scores(development), "held-out": thesis_scores(held_out)}
    for set_name, score in scores.items():
        print(f"{set_name:22} {len(score.cases):5} {score.thesis_at_1:8.2f} {score.thesis_precision:9.2f} "
              f"{sum(c.theses_picked for c in score.cases):6} {sum(not c.thesis_labelled for c in score.cases):10}")
    if "--misses" in sys.argv:
        for case in scores["development"].cases:
            if not case.thesis_hit:
                print(f"  first thesis wrong: {case.name} ({case.theses_right} of {case.theses_picked} right)")


def main() -> None:
    texts, labels = load()
    held_out = {name: text for name, text in texts.items() if name in HELD_OUT}
    print(f"{'set':22} {'method':10} {'thesis@1':>8} {'P@5':>6} {'recall':>6} {'reported':>8}")
    for set_name, subset in (("all 12", texts), ("held-out 3", held_out)):
        for method, predict in (("claims", analysed_claims), ("baseline", position_baseline)):
            score = claims_scores(subset, labels, predict)
            print(f"{set_name:22} {method:10} {score.thesis_at_1:8.2f} {score.precision_at_5:6.2f} "
                  f"{score.recall:6.2f} {score.reported:8.2f}")
    if "--cases" in sys.argv:
        for case in claims_scores(texts, labels).cases:
            print(f"{case.name:34} thesis {'yes' if case.thesis_hit else 'NO ':3} key {case.key_hits}/{case.key_total} "
                  f"recall {case.gold_found}/{case.gold_total} reported {case.reported_found}/{case.reported_total}")
    print_thesis_table()


if __name__ == "__main__":
    main()
