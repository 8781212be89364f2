import yaml

from debateprep.evaluate import segmentation_score
from debateprep.read import read_path
from debateprep.models import Paragraph
from debateprep.segment import MAX_SENTENCE_CHARS, segment, split_paragraph
from conftest import DATA, SEED


def test_gold_set_boundary_f1_reaches_target():
    cases = yaml.safe_load((DATA / "segmentation.yaml").read_text(encoding="utf-8"))
    assert sum(len(case["sentences"]) for case in cases) >= 40
    score, wrong = segmentation_score(cases)
    assert score.f1 >= 0.97, wrong


def test_seed_sentences_and_ids():
    doc = read_path(str(SEED))
    sentences = segment(doc)
    by_ref = {s.ref: s.text for s in sentences}
    assert by_ref["¶10.3"] == "Mr Putin’s word?"
    assert by_ref["¶10.4"] == "Don’t make me laugh!"
    assert by_ref["¶13.1"] == "As long as Mr Putin is in the Kremlin there will be no peace."
    assert by_ref["¶13.5"] == "The end of the war will only be possible after a change of regime in the Kremlin."
    assert all(doc.text[s.start:s.end] == s.text for s in sentences)
    # "Mr Putin" never ends a sentence
    assert not any(s.text.endswith("Mr") for s in sentences)


def test_a_runaway_sentence_is_cut_at_spaces_without_losing_text():
    text = " ".join(["word"] * 2000) + ". Short one."
    sentences = split_paragraph(Paragraph(10, 10 + len(text), text, 1))
    assert len(sentences) > 3 and sentences[-1].text == "Short one."
    assert all(len(s.text) <= MAX_SENTENCE_CHARS and not s.text.endswith("wor") for s in sentences)
    assert " ".join(s.text for s in sentences) == text
    assert all(text[s.start - 10:s.end - 10] == s.text for s in sentences)


def test_a_piece_with_no_word_joins_a_sentence_instead_of_standing_alone():
    text = "! Really? Stop! ! ! Go home. … ?"
    sentences = split_paragraph(Paragraph(0, len(text), text, 1))
    assert [s.text for s in sentences] == ["! Really?", "Stop! ! !", "Go home. … ?"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_a_paragraph_of_marks_alone_is_one_sentence_per_runaway_piece():
    text = "! " * 5000
    sentences = split_paragraph(Paragraph(0, len(text), text, 1))
    assert 1 < len(sentences) <= len(text) // MAX_SENTENCE_CHARS + 1  # not 5,000 one-mark claims
