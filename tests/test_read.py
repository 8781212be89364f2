import pytest

from debateprep.errors import DebateprepError
from debateprep.read import decode, parse, read_path
from conftest import SEED, SEEDS


def test_seed_metadata_is_kept_apart_from_the_body():
    doc = read_path(str(SEED))
    assert doc.title == "Mikhail Khodorkovsky says now is no time to push for peace talks in Ukraine"
    assert doc.subtitle.startswith("The former oil mogul explains")
    assert doc.section == "Russia and Ukraine"
    assert doc.date == "Nov 10th 2022"
    assert len(doc.paragraphs) == 13
    assert doc.paragraphs[0].text.startswith("THE COMING of cold")
    # the end mark and the trailing rule are not body text
    assert doc.paragraphs[-1].text.endswith("a change of regime in the Kremlin.")
    assert not any("image" in p.text or "____" in p.text for p in doc.paragraphs)


def test_paragraph_offsets_point_into_the_text_as_read():
    doc = read_path(str(SEED))
    for paragraph in doc.paragraphs:
        assert doc.text[paragraph.start:paragraph.end] == paragraph.text


def test_plain_text_title_and_wrapped_paragraphs():
    doc = read_path(str(SEEDS / "student-essay-school-uniforms.txt"))
    assert doc.title and "\n" not in doc.title
    # hard-wrapped lines are joined into paragraphs, not one paragraph per line
    assert 4 <= len(doc.paragraphs) <= 8
    assert all(doc.text[p.start:p.end] == p.text for p in doc.paragraphs)


def test_an_italic_line_under_the_title_is_its_standfirst_not_the_first_paragraph():
    doc = parse("# Keep the ferry\n\n*A letter to the Westbury Gazette*\n\nThe ferry must stay. *It* matters.\n", "x.md")
    assert doc.subtitle == "A letter to the Westbury Gazette"
    assert [p.text for p in doc.paragraphs] == ["The ferry must stay. *It* matters."]
    # once the body has started, an italic line is body text; bold is never a standfirst
    later = parse("# Keep the ferry\n\nThe ferry must stay.\n\n*So say we all.*\n", "x.md")
    assert later.subtitle == "" and len(later.paragraphs) == 2
    assert parse("# Keep it\n\n**Bold claim.**\n", "x.md").paragraphs[0].text == "**Bold claim.**"


def test_markdown_blank_line_paragraphs():
    doc = parse("# Title\n\nFirst para line one\ncontinues here.\n\nSecond para.\n", "x.md")
    assert doc.title == "Title"
    assert [p.text for p in doc.paragraphs] == ["First para line one\ncontinues here.", "Second para."]


def test_list_items_become_their_own_paragraphs():
    doc = parse("Reasons:\n\n- Buses are cheap.\n- Trains are fast.\n", "x.md")
    assert [p.text for p in doc.paragraphs] == ["Reasons:", "Buses are cheap.", "Trains are fast."]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "is empty"),
        (b"   \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait is nice.", "not valid UTF-8"),
    ],
)
def test_bad_bytes_are_refused_with_a_clear_message(data, message):
    with pytest.raises(DebateprepError, match=message):
        decode(data, "essay.md")


def test_utf16_with_bom_is_decoded():
    assert decode("Hello there.".encode("utf-16"), "x") == "Hello there."
