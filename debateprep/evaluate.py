"""Quality measures over the labelled sets in `tests/data/`, shared by tests and `bench/`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

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


@dataclass(frozen=True)
class ClaimsCase:
    """How one labelled text fared: thesis, precision of the key claims, recall of gold claims."""

    name: str
    thesis_hit: bool
    key_hits: int
    key_total: int
    gold_found: int
    gold_total: int
    reported_found: int
    reported_total: int
    theses_right: int = 0  # sentences given role thesis that are gold theses
    theses_picked: int = 0
    thesis_labelled: bool = True  # a gold thesis sentence was found in the text


@dataclass(frozen=True)
class ClaimsScore:
    """Claims-stage quality over a labelled set; see `bench/claims.py` for the definitions."""

    cases: tuple[ClaimsCase, ...]

    @property
    def thesis_at_1(self) -> float:
        return sum(c.thesis_hit for c in self.cases) / max(1, len(self.cases))

    @property
    def precision_at_5(self) -> float:
        return sum(c.key_hits / c.key_total if c.key_total else 0.0 for c in self.cases) / max(1, len(self.cases))

    @property
    def recall(self) -> float:
        return sum(c.gold_found for c in self.cases) / max(1, sum(c.gold_total for c in self.cases))

    @property
    def reported(self) -> float:
        return sum(c.reported_found for c in self.cases) / max(1, sum(c.reported_total for c in self.cases))

    @property
    def thesis_precision(self) -> float:
        """Of all sentences given role thesis, the share that state the gold thesis: a wrong
        thesis heads the worksheet, so one right and one wrong is half right."""
        return sum(c.theses_right for c in self.cases) / max(1, sum(c.theses_picked for c in self.cases))


def _spans(text: str, strings: list[str]) -> list[tuple[int, int]]:
    spans = []
    for string in strings or ():
        start = text.find(string)
        if start >= 0:
            spans.append((start, start + len(string)))
    return spans


def _hits(sentence, spans: list[tuple[int, int]]) -> bool:
    """The sentence covers most of a gold sentence (segmentation may differ at the edges)."""
    return any(
        min(sentence.end, hi) - max(sentence.start, lo) >= 0.5 * min(hi - lo, sentence.end - sentence.start)
        for lo, hi in spans
    )


def claims_case(name: str, document, claims, entry: dict, n: int = 5) -> ClaimsCase:
    """Score one text's claims (best first) against its labels."""
    from .claims import AUTHOR_CLAIM_ROLES, key_claims

    text = document.text
    theses, golds = _spans(text, entry.get("thesis")), _spans(text, entry.get("claims"))
    everything = theses + golds
    in_body = [span for span in everything
               if any(p.start <= span[0] < p.end for p in document.paragraphs)]
    first_thesis = next((c for c in claims if c.role == "thesis"), None)
    key = key_claims(claims, n)
    authored = [c.sentence for c in claims if c.role in AUTHOR_CLAIM_ROLES]
    reported_spans = _spans(text, entry.get("reported"))
    picked = [c.sentence for c in claims if c.role == "thesis"]
    return ClaimsCase(
        name,
        thesis_hit=first_thesis is not None and _hits(first_thesis.sentence, theses),
        key_hits=sum(_hits(c.sentence, everything) for c in key),
        key_total=len(key),
        gold_found=sum(any(_hits(s, [span]) for s in authored) for span in in_body),
        gold_total=len(in_body),
        reported_found=sum(
            any(c.role == "reported" and _hits(c.sentence, [span]) for c in claims) for span in reported_spans
        ),
        reported_total=len(reported_spans),
        theses_right=sum(_hits(sentence, theses) for sentence in picked),
        theses_picked=len(picked),
        thesis_labelled=bool(theses),
    )


def analysed_claims(text: str, name: str):
    """The claims stage alone (read → segment → claims) on one labelled text."""
    from .claims import find_claims
    from .read import read_text
    from .segment import segment

    document = read_text(text, name, markdown=not name.endswith(".txt"))
    return document, find_claims(document, segment(document))


def position_baseline(text: str, name: str):
    """Position only: the last paragraph's first sentence is the thesis, each body paragraph's first a claim."""
    from .models import Claim
    from .read import read_text
    from .segment import segment

    document = read_text(text, name, markdown=not name.endswith(".txt"))
    sentences = segment(document)
    last = sentences[-1].paragraph
    firsts = [s for s in sentences if s.index == 1]
    claims = []
    for sentence in sentences:
        role = ("thesis" if sentence.paragraph == last else "claim") if sentence.index == 1 else "background"
        if sentence.paragraph == 1 and role == "claim":
            role = "background"  # the introduction is not a body paragraph
        claims.append(Claim(f"C{len(claims) + 1}", sentence, role, 0.0))
    order = {id(s): rank for rank, s in enumerate(sorted(firsts, key=lambda s: (s.paragraph != last, s.start)))}
    ranked = sorted(claims, key=lambda c: order.get(id(c.sentence), len(order)))
    return document, tuple(
        Claim(c.id, c.sentence, c.role, round(1.0 - rank / len(ranked), 4)) for rank, c in enumerate(ranked)
    )


def claims_scores(texts: dict[str, str], labels: list[dict], predict=analysed_claims, n: int = 5) -> ClaimsScore:
    """Score `predict(text, name) -> (document, claims)` on every labelled text in `texts`."""
    cases = []
    for entry in labels:
        name = entry["file"].rsplit("/", 1)[-1]
        if name in texts:
            document, claims = predict(texts[name], name)
            cases.append(claims_case(name, document, claims, entry, n))
    return ClaimsScore(tuple(cases))


def thesis_scores(label_files) -> ClaimsScore:
    """Claims-stage scores over the texts of each folder whose `theses.yaml` is in `label_files`,
    each case named `folder/text`."""
    import yaml

    cases = []
    for labels_path in map(Path, label_files):
        folder = labels_path.parent
        labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
        texts = {path.name: path.read_text(encoding="utf-8") for path in (folder / "texts").iterdir()}
        cases.extend(replace(case, name=f"{folder.name}/{case.name}") for case in claims_scores(texts, labels).cases)
    return ClaimsScore(tuple(cases))
