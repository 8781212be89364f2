"""Quality measures over the labelled sets in `tests/data/`, shared by tests and `bench/`."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Paragraph
from .segment import split_paragraph


@dataclass(frozen=True)
class Score:
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_boundaries(text: str, sentences: list[str]) -> set[int]:
    """End offsets of every gold sentence but the last."""
    ends, pos = [], 0
    for sentence in sentences:
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        ends.append(pos)
    return set(ends[:-1])


def segmentation_score(cases: list[dict]) -> tuple[Score, list[tuple[str, list[str]]]]:
    """Boundary precision/recall over gold cases; also the cases the splitter got wrong."""
    tp = fp = fn = 0
    wrong = []
    for case in cases:
        text = case["text"]
        gold = gold_boundaries(text, case["sentences"])
        found = split_paragraph(Paragraph(0, len(text), text, 1))
        predicted = {s.end for s in found[:-1]}
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        if gold != predicted:
            wrong.append((case["name"], [s.text for s in found]))
    return Score(tp, fp, fn), wrong


def scheme_predictions(text: str, name: str, sentences: list[str], rules=None) -> list[set[str]]:
    """The schemes the full pipeline finds for each labelled sentence of one text."""
    from .pipeline import analyze

    analysis = analyze(text, name=name, rules=rules)
    by_span = {(c.sentence.start, c.sentence.end): analysis.schemes_by_claim.get(c.id, ()) for c in analysis.claims}
    predictions, pos = [], 0
    for sentence in sentences:
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        found: set[str] = set()
        for (lo, hi), schemes in by_span.items():
            if lo < pos and hi > start:  # any claim overlapping the labelled sentence
                found.update(schemes)
        predictions.append(found)
    return predictions


def scheme_scores(texts: dict[str, str], labels: list[dict], rules=None) -> dict[str, Score]:
    """Per-scheme and micro ("*") precision/recall of scheme detection on a labelled set."""
    by_text: dict[str, list[dict]] = {}
    for entry in labels:
        by_text.setdefault(entry["text"], []).append(entry)
    counts: dict[str, list[int]] = {}
    for name, entries in by_text.items():
        predicted = scheme_predictions(texts[name], name, [e["sentence"] for e in entries], rules)
        for entry, found in zip(entries, predicted):
            gold = set(entry["schemes"])
            for scheme in gold | found:
                tally = counts.setdefault(scheme, [0, 0, 0])
                tally[0 if scheme in gold and scheme in found else 1 if scheme in found else 2] += 1
    scores = {scheme: Score(*tally) for scheme, tally in sorted(counts.items())}
    scores["*"] = Score(*(sum(t[i] for t in counts.values()) for i in range(3)))
    return scores
