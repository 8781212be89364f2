"""The shipped JSON Schema and the pack loader agree on what a rule pack is."""

import json

import pytest
import yaml

from debateprep.errors import DebateprepError
from debateprep.rules import builtin_dir, load_pack, pack_files, schema_path

jsonschema = pytest.importorskip("jsonschema")

VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_path().read_text(encoding="utf-8")))


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(VALIDATOR.schema)


@pytest.mark.parametrize("path", pack_files(builtin_dir()), ids=lambda p: p.name)
def test_every_builtin_pack_validates_against_the_schema(path):
    errors = [error.message for error in VALIDATOR.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert errors == []


GOOD = {
    "id": "x.because", "scheme": "cause-to-effect", "explain": "One thing causes another.",
    "when": {"role": ["claim", "thesis"], "position": "last-paragraph", "hedged": False},
    "match": ["{effect} because {cause}", {"regex": "(?P<effect>.+) due to (?P<cause>.+)"}],
    "unless": ["whether", {"regex": "wonder"}],
    "slots": {"cause": {"max_words": 12, "min_words": 1}},
    "prompts": {"con": ["Could something else explain why {{ effect|clause }}?"],
                "pro": "What links {{ cause|trim|clause }} to it?"},
    "tests": [{"text": "Prices rose because the harvest failed.", "slots": {"cause": "the harvest failed"}},
              {"text": "Rain.", "match": False}],
    "weight": 1.5,
}


def variant(**changes):
    rule = dict(GOOD)
    for key, value in changes.items():
        if value is None:
            rule.pop(key)
        else:
            rule[key] = value
    return [rule]


SAMPLES = {
    "good": ([GOOD], True),
    "disabled": ([{"id": "prediction.will", "scheme": "prediction", "disable": True}], True),
    "unknown key": (variant(colour="red"), False),
    "no id": (variant(id=None), False),
    "id with space": (variant(id="x because"), False),
    "blank scheme": (variant(scheme=" "), False),
    "no match": (variant(match=None), False),
    "empty match": (variant(match=[]), False),
    "match is a number": (variant(match=[3]), False),
    "regex with extra key": (variant(match=[{"regex": "(?P<a>x)", "flags": "i"}]), False),
    "no prompts": (variant(prompts=None), False),
    "prompt side unknown": (variant(prompts={"maybe": ["Why?"]}), False),
    "empty prompt list": (variant(prompts={"pro": []}), False),
    "first_of": (variant(prompts={"pro": [{"first_of": ["Why {{ cause }}?", "Why?"]}, "How?"]}), True),
    "first_of with one way": (variant(prompts={"pro": [{"first_of": ["Why?"]}]}), False),
    "first_of beside another key": (variant(prompts={"pro": [{"first_of": ["Why?", "How?"], "or": "x"}]}), False),
    "unknown role": (variant(when={"role": ["speech"]}), False),
    "unknown position": (variant(when={"position": "top"}), False),
    "unknown when key": (variant(when={"mood": "angry"}), False),
    "hedged not boolean": (variant(when={"hedged": "yes"}), False),
    "slot limit zero": (variant(slots={"cause": {"max_words": 0}}), False),
    "slot limit unknown key": (variant(slots={"cause": {"max_chars": 9}}), False),
    "weight too large": (variant(weight=3), False),
    "weight is boolean": (variant(weight=True), False),
    "test without text": (variant(tests=[{"match": False}]), False),
    "test with unknown key": (variant(tests=[{"text": "x", "expect": "y"}]), False),
    "explain not text": (variant(explain=["a"]), False),
    "not a list": ({"id": "x"}, False),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_schema_and_loader_accept_and_reject_the_same_packs(tmp_path, name):
    data, valid = SAMPLES[name]
    assert VALIDATOR.is_valid(data) is valid
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    if valid:
        load_pack(path)
    else:
        with pytest.raises(DebateprepError):
            load_pack(path)
