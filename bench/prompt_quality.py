"""Prompt quality on a folder of texts, as rated by a reader against DESIGN.md's
"What a good prompt is": one grammatical question, specific to the claim, faithful
to the sentence.

    python bench/prompt_quality.py export tests/data/schemes-dev-3 > new.tsv
    python bench/prompt_quality.py score tests/data/schemes-dev-3 [--ratings FILE]

`export` writes every prompt the engine selects for the folder's texts/*.md as
tab-separated rows (text, sentence, rule, side, prompt, verdict, note), with the
verdict and note copied from the folder's prompt-ratings.tsv wherever the same
prompt for the same sentence was rated before. A reader fills in the empty
verdicts (good or bad, with a note saying what is wrong) and saves the file as
prompt-ratings.tsv.

`score` prints the share of the engine's current prompts rated good, the prompts
rated bad (by rule), and how many prompts are new since the ratings, which need
a reader before the share means anything. Ratings are kept by sentence, side and prompt
text, so a change that rewords a prompt or moves it to the other side shows up as
a new prompt, and one that fixes a bad prompt drops it from the current set.

`--ratings FILE` reads another reading of the same folder instead of
prompt-ratings.tsv: prompt-ratings-strict.tsv, where a folder has one, is a
second, blind reading that holds the rubric's "specific" rule to the letter (a
quoted "that" or "they" the quotation does not resolve makes a question vague).
Readers agree with each other far better under it than with the first reading
of the older folders (`python bench/rater_agreement.py`).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import debateprep

COLUMNS = ("text", "sentence", "rule", "side", "prompt", "verdict", "note")
RATINGS = "prompt-ratings.tsv"


def current_prompts(folder: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted((folder / "texts").glob("*.md")):
        analysis = debateprep.analyze(path.read_text(encoding="utf-8"), name=path.name)
        for prompt in analysis.prompts:
            rows.append({"text": path.stem, "sentence": prompt.claim.sentence.text, "rule": prompt.rule,
                         "side": prompt.side, "prompt": prompt.text, "verdict": "", "note": ""})
    return rows


def load_ratings(folder: Path, name: str = RATINGS) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(sentence, side, prompt) -> (verdict, note), from the folder's ratings file `name` if any.
    The side is part of the key: a question that helps the author's case is good as pro and
    wrong as con, so one moved to the other side needs a new rating."""
    path = folder / name
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as stream:
        return {(row["sentence"], row["side"], row["prompt"]): (row["verdict"].strip().lower(), row["note"])
                for row in csv.DictReader(stream, delimiter="\t") if row.get("verdict")}


def rated(folder: Path, name: str = RATINGS) -> list[dict[str, str]]:
    ratings = load_ratings(folder, name)
    rows = current_prompts(folder)
    for row in rows:
        row["verdict"], row["note"] = ratings.get((row["sentence"], row["side"], row["prompt"]), ("", ""))
    return rows


def export(folder: Path, name: str) -> None:
    writer = csv.DictWriter(sys.stdout, COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rated(folder, name))


def score(folder: Path, name: str) -> None:
    rows = rated(folder, name)
    verdicts = Counter(row["verdict"] or "unrated" for row in rows)
    judged = verdicts["good"] + verdicts["bad"]
    print(f"{len(rows)} prompts: {verdicts['good']} good, {verdicts['bad']} bad, {verdicts['unrated']} unrated")
    if judged:
        print(f"rated good: {verdicts['good'] / judged:.1%} of {judged} rated")
    bad_by_rule = Counter(row["rule"] for row in rows if row["verdict"] == "bad")
    for rule, count in bad_by_rule.most_common():
        print(f"  {count:3}  {rule}")
    for row in rows:
        if row["verdict"] == "bad":
            print(f"bad  {row['rule']}: {row['prompt']}  ({row['note']})")


def main() -> None:
    args = sys.argv[1:]
    name = RATINGS
    if len(args) == 4 and args[2] == "--ratings":
        name, args = args[3], args[:2]
    if len(args) != 2 or args[0] not in ("export", "score"):
        sys.exit(__doc__.split("\n\n")[1])
    folder = Path(args[1])
    if not (folder / "texts").is_dir():
        sys.exit(f"{folder}: no texts/ folder")
    (export if args[0] == "export" else score)(folder, name)


if __name__ == "__main__":
    main()
