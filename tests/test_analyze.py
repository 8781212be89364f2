"""The JSON contract and the numbers the seed essay must reach."""

import json

from conftest import SEED, SEEDS

THESES = {
    "As long as Mr Putin is in the Kremlin there will be no peace.",
    "The end of the war will only be possible after a change of regime in the Kremlin.",
}


def test_contract_shape(seed_json):
    assert seed_json["schema"] == "debateprep.analysis/1"
    source = seed_json["source"]
    assert source["title"].startswith("Mikhail Khodorkovsky")
    assert source["date"] == "Nov 10th 2022"
    assert source["words"] > 1000
    claim = seed_json["claims"][0]
    assert {"id", "text", "paragraph", "sentence", "start", "end", "role", "schemes", "salience"} <= set(claim)
    prompt = seed_json["prompts"][0]
    assert {"id", "claim", "side", "scheme", "rule", "text", "score"} <= set(prompt)


def test_offsets_slice_the_input_exactly(seed_json):
    text = SEED.read_text(encoding="utf-8")
    for claim in seed_json["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]


def test_lists_are_best_first(seed_json):
    saliences = [c["salience"] for c in seed_json["claims"]]
    assert saliences == sorted(saliences, reverse=True)
    scores = [p["score"] for p in seed_json["prompts"]]
    assert scores == sorted(scores, reverse=True)


def test_seed_reaches_the_walking_skeleton_targets(seed_json):
    claims, prompts = seed_json["claims"], seed_json["prompts"]
    assert len(claims) >= 10
    assert len(prompts) >= 20
    assert {p["side"] for p in prompts} == {"pro", "con"}
    assert any(c["text"] in THESES and c["role"] == "thesis" for c in claims[:3])


def test_every_prompt_is_one_question_tied_to_a_claim(seed_json):
    claim_ids = {c["id"] for c in seed_json["claims"]}
    for prompt in seed_json["prompts"]:
        assert prompt["claim"] in claim_ids
        assert prompt["text"].endswith("?")
        assert len(prompt["text"].split()) <= 40


def test_same_input_gives_byte_identical_json(run):
    first = run("analyze", SEED, "--format", "json").output
    assert first == run("analyze", SEED, "--format", "json").output


def test_standard_input(run):
    result = run("analyze", "-", "--format", "json", input=SEED.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert json.loads(result.output)["source"]["path"] == "<stdin>"


def test_text_format_shows_roles(run):
    result = run("analyze", SEEDS / "speech-library-hours.md")
    assert result.exit_code == 0
    assert "thesis" in result.output and "Prompts, best first" in result.output
