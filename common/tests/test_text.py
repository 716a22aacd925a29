"""Stored text: paragraphs separated by a blank line, "- " list items."""

from common.text import paragraphs, text_blocks


def test_text_blocks_paragraphs_and_lists():
    text = "First line\nwrapped.\n\nIntro:\n- one\n- two\n  continued\nAfter.\n\n\n- alone"
    assert text_blocks(text) == [
        {"kind": "paragraph", "text": "First line wrapped."},
        {"kind": "paragraph", "text": "Intro:"},
        {"kind": "list", "items": ["one", "two continued"]},
        {"kind": "paragraph", "text": "After."},
        {"kind": "list", "items": ["alone"]},
    ]
    assert text_blocks("") == []
    assert text_blocks(None) == []

def test_paragraphs_leave_the_lists_out():
    assert paragraphs("Intro.\n\n- one\n- two\n\nAfter.") == ["Intro.", "After."]
