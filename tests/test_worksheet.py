import re

from conftest import SEED, SEEDS


def sections(markdown):
    """Split the 'Key claims' part into (heading, body) per claim."""
    key = markdown.split("## Key claims", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^### (.+?)\n(.*?)(?=^### |\Z)", key, flags=re.S | re.M)


def test_seed_worksheet_has_title_thesis_and_both_sides(run):
    result = run("worksheet", SEED)
    assert result.exit_code == 0
    md = result.output
    assert md.startswith("# Seminar worksheet: Mikhail Khodorkovsky says now is no time")
    assert "As long as Mr Putin is in the Kremlin there will be no peace." in md.split("## Key claims")[0]
    found = sections(md)
    assert len(found) >= 3
    for heading, body in found:
        assert re.search(r"¶\d+\.\d+", heading)
        assert re.search(r"\*\*Q\d+ Pro:\*\*", body) and re.search(r"\*\*Q\d+ Con:\*\*", body), heading


def test_worksheet_for_every_seed(run):
    for essay in sorted(SEEDS.iterdir()):
        result = run("worksheet", essay)
        assert result.exit_code == 0, essay
        assert sections(result.output), essay


def test_teacher_edition_names_the_scheme(run):
    md = run("worksheet", SEED, "--teacher").output
    assert "rule cause-to-effect." in md and "Role:" in md


def test_writes_file_and_refuses_to_overwrite(run, tmp_path):
    out = tmp_path / "sheets" / "seminar.md"
    assert run("worksheet", SEED, "-o", out).exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert first.startswith("# Seminar worksheet")
    again = run("worksheet", SEED, "-o", out)
    assert again.exit_code == 1 and "--force" in again.output
    assert run("worksheet", SEED, "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8") == first
