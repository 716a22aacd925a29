"""The format of the catalogue's stored text: paragraphs separated by a blank line, "- " list items."""

import re

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def text_blocks(text):
    """Split stored text into blocks the template renders (and escapes) itself.

    Paragraphs are separated by a blank line; lines starting with "- " are list items, and an
    indented line right after an item continues it. Wrapped lines of a paragraph are joined with
    a space. Returns a list of {"kind": "paragraph", "text": str} and {"kind": "list", "items": [str]}.
    """
    blocks = []
    for chunk in _BLANK_LINE.split((text or "").strip()):
        current = None  # the block this chunk is adding lines to
        for raw in chunk.splitlines():
            line = raw.strip()
            if not line:
                continue
            if line.startswith("- "):
                if current is None or current["kind"] != "list":
                    current = {"kind": "list", "items": []}
                    blocks.append(current)
                current["items"].append(line[2:].strip())
            elif current is not None and current["kind"] == "list" and raw[:1].isspace():
                current["items"][-1] += " " + line
            elif current is None or current["kind"] != "paragraph":
                current = {"kind": "paragraph", "text": line}
                blocks.append(current)
            else:
                current["text"] += " " + line
    return blocks


def paragraphs(text):
    """The paragraphs of stored text (list items left out)."""
    return [block["text"] for block in text_blocks(text) if block["kind"] == "paragraph"]
