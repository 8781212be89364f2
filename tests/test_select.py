"""Ranking and selection of prompts on the seed essays: balanced, unrepeated, bounded, stable."""

import pytest

from debateprep.pipeline import analyze
from debateprep.claims import content_words
from debateprep.models import Claim, Prompt, Sentence
from debateprep.select import NEAR_DUPLICATE, _similar, select

from conftest import SEEDS

ESSAYS = sorted(SEEDS.glob("*.md")) + sorted(SEEDS.glob("*.txt"))


def run(path, **options):
    return analyze(path.read_text(encoding="utf-8"), name=path.name, markdown=path.suffix == ".md", **options)


@pytest.mark.parametrize("path", ESSAYS, ids=lambda p: p.name)
def test_every_claim_gets_as_many_pro_as_con_prompts(path):
    analysis = run(path)
    assert analysis.prompts
    for claim in analysis.claims:
        sides = [p.side for p in analysis.prompts_for(claim)]
        assert sides.count("pro") == sides.count("con") <= 2


@pytest.mark.parametrize("path", ESSAYS, ids=lambda p: p.name)
def test_no_question_repeats_or_nearly_repeats(path):
    analysis = run(path)
    texts = [p.text.lower() for p in analysis.prompts]
    assert len(texts) == len(set(texts))
    for claim in analysis.claims:
        for side in ("pro", "con"):
            words = [content_words(p.text) for p in analysis.prompts_for(claim) if p.side == side]
            for i, a in enumerate(words):
                assert all(_similar(a, b) < NEAR_DUPLICATE for b in words[i + 1:])


SENTENCE = ("Because the face detection keeps losing them, students with darker skin are told to sit "
            "under brighter lamps during every online exam.")
CLAIM = Claim("C1", Sentence(0, len(SENTENCE), SENTENCE, 1, 1), "premise", 1.0)
QUOTED = SENTENCE.rstrip(".")


def candidate(side, text, score, rule="cause-to-effect.because"):
    return Prompt("", CLAIM, side, "cause-to-effect", rule, text, score)


def test_a_claim_whose_only_con_echoes_its_pro_keeps_both():
    pro = candidate("pro", f"What evidence shows that “{QUOTED}”?", 0.9)
    con = candidate("con", f"Could anything else explain “{QUOTED}”?", 0.8)
    assert _similar(content_words(pro.text), content_words(con.text)) >= NEAR_DUPLICATE
    assert [p.side for p in select([pro, con])] == ["pro", "con"]


def test_an_echo_of_the_other_side_gives_way_to_a_distinct_question():
    pro = candidate("pro", f"What evidence shows that “{QUOTED}”?", 0.9)
    echo = candidate("con", f"Could anything else explain “{QUOTED}”?", 0.8)
    distinct = candidate("con", "Is a brighter lamp really the fix the proctoring firm should offer?", 0.5,
                         rule="practical-reasoning.should")
    assert [p.text for p in select([pro, echo, distinct], per_side=1)] == [pro.text, distinct.text]


def test_prompts_come_best_first_and_stay_questions():
    analysis = run(SEEDS / "khodorkovsky-no-time-for-peace-talks.md")
    scores = [p.score for p in analysis.prompts]
    assert scores == sorted(scores, reverse=True)
    assert all(p.text.endswith("?") and len(p.text.split()) <= 40 for p in analysis.prompts)


def test_an_overall_limit_keeps_the_best_and_stays_balanced():
    path = SEEDS / "khodorkovsky-no-time-for-peace-talks.md"
    full = run(path)
    limited = run(path, max_prompts=7)
    assert 0 < len(limited.prompts) <= 7
    best = [p.text for p in full.prompts][:7]
    kept = [p.text for p in limited.prompts]
    assert kept == [text for text in best if text in kept]
    for claim in limited.claims:
        sides = [p.side for p in limited.prompts_for(claim)]
        assert sides.count("pro") == sides.count("con")


def test_fewer_prompts_per_side_when_asked():
    analysis = run(SEEDS / "khodorkovsky-no-time-for-peace-talks.md", per_side=1)
    for claim in analysis.claims:
        assert len(analysis.prompts_for(claim)) in (0, 2)


def test_two_questions_opening_alike_on_one_side_of_a_claim_keep_only_the_better():
    """The same question asked of two slots of one sentence reads as a repeat, however little
    else the two share; other sides and other claims are not affected."""
    first = candidate("pro", "Besides the author's own reply, what tells against the view that exams are fair?", 0.9)
    again = candidate("pro", "Besides the author's own reply, what tells against the case of the proctoring firm?", 0.8,
                      rule="reported-view.named-claim")
    con = candidate("con", "Is a brighter lamp really the fix the proctoring firm should offer?", 0.7)
    other_con = candidate("con", "Would students with darker skin still be flagged under brighter lamps?", 0.6)
    assert _similar(content_words(first.text), content_words(again.text)) < NEAR_DUPLICATE
    kept = [p.text for p in select([first, again, con, other_con])]
    assert first.text in kept and again.text not in kept
