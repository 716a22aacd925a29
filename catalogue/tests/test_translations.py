"""The interface's translations: every string translated, and the committed .mo files match the .po.

The .mo files are committed (compiled with `make messages`, which needs GNU gettext), so a fresh
machine serves the translations without any tool; this test catches a .po edited without
recompiling, or a string left untranslated.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["es", "fr", "de"]


def read_po(path):
    """[(flags, msgctxt, msgid, msgid_plural, [msgstr...])] of a .po file (the header excluded)."""
    entries, current, key = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current and current.get("msgid"):
                entries.append(current)
            current, key = None, None
            continue
        current = current or {"flags": "", "msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] += line[2:]
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (".*")$', line)
        if match:
            key = (match.group(1), match.group(2))
            value = ast.literal_eval(match.group(3))
        else:
            value = ast.literal_eval(line.strip())
        name, index = key
        if name == "msgstr":
            current["msgstr"][int(index or 0)] = current["msgstr"].get(int(index or 0), "") + value
        else:
            current[name] = (current[name] or "") + value
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 200
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    for entry in entries:
        wanted = set(re.findall(r"%\(\w+\)[sd]", entry["msgid"]))
        for text in entry["msgstr"].values():
            assert set(re.findall(r"%\(\w+\)[sd]", text)) == wanted, entry["msgid"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po_file(language):
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    with translation.override(language):
        for entry in entries:
            if entry["msgid_plural"]:
                assert translation.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr"][0]
            elif entry["msgctxt"]:
                assert translation.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"][0]
            else:
                assert translation.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
