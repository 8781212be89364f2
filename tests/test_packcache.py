"""The pack cache: a second start reads checked packs from it, and never a stale one."""

import os

from debateprep import packcache
from debateprep.rules import load_pack

PACK = """\
- id: house.since
  scheme: cause-to-effect
  match: ["{effect} since {cause}"]
  prompts:
    con: ["Could something else explain it?", "Is {{ cause }} enough?", "Why {{ effect }}?"]
    pro: ["What links {{ cause }} to it?", "How does {{ cause }} work?"]
  tests:
    - text: "Prices rose since the harvest failed."
      previous: "Farmers had warned of a poor year."
      next: "This means that bread will cost more."
"""


def test_unchanged_pack_comes_from_the_cache_and_a_changed_one_does_not(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBATEPREP_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, encoding="utf-8")
    first = load_pack(pack)
    assert list((tmp_path / "cache").glob("*.json"))
    again = packcache.cached_rules(pack)
    assert [vars(rule) for rule in again] == [vars(rule) for rule in first]

    pack.write_text(PACK.replace("{effect} since", "{effect} given that"), encoding="utf-8")
    os.utime(pack, ns=(1, 1))  # even with an old timestamp, the size differs
    assert packcache.cached_rules(pack) is None
    assert load_pack(pack)[0].written == ("{effect} given that {cause}",)


def test_broken_cache_is_ignored_and_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBATEPREP_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, encoding="utf-8")
    load_pack(pack)
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert load_pack(pack)[0].id == "house.since"


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBATEPREP_CACHE_DIR", "off")
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, encoding="utf-8")
    assert load_pack(pack)[0].id == "house.since"
    assert packcache.cached_rules(pack) is None
