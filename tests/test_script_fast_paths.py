"""The script rule's fast paths give the answers of the plain reading they stand for.

- A text's characters outside ASCII are found with one search, not character by character.
- A record whose bytes hold no escape and no character outside ASCII and the safe punctuation
  (`script._only_safe`) is not read string by string: no string loaded from it has a finding.
"""

from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import yamlsafe
from briefing.glyphs import SAFE
from briefing.rules import script

SETTINGS = settings(derandomize=True, max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))

# ASCII, safe punctuation, and what the rule refuses: a bidi control, an invisible character, a
# combining mark, a Cyrillic look-alike, a private-use character, NEL and a line separator
# (which YAML reads as line breaks).
CHARS = ["a", "o", " ", "-", "1", "…", "’", "—", "\u00a0", "\u202e", "\u200b", "\u0301", "о", "\ue000", "\x85", "\u2028", "é"]
TEXTS = st.lists(st.sampled_from(CHARS), max_size=12).map("".join)


@SETTINGS
@given(TEXTS)
def test_the_characters_outside_ascii_are_found_at_once(text: str) -> None:
    assert set(script._NOT_ASCII.findall(text)) == {ch for ch in text if not ch.isascii()}


def _strings(value: object) -> list[str]:
    return [t for _, t in script._strings(value)]


@SETTINGS
@given(st.lists(TEXTS, min_size=1, max_size=3), st.sampled_from(["plain", "double", "escaped", "block"]))
def test_a_record_of_safe_bytes_holds_no_string_with_a_finding(values: list[str], style: str) -> None:
    lines = []
    for i, v in enumerate(values):
        if style == "escaped":
            lines.append(f"k{i}: {json.dumps(v, ensure_ascii=True)}")  # every character outside ASCII as an escape
        elif style == "double":
            lines.append(f"k{i}: {json.dumps(v, ensure_ascii=False)}")
        elif style == "block":
            lines.append(f"k{i}: >-\n  {v.strip() or 'x'}")
        else:
            lines.append(f"k{i}: x{v.strip()}x")
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    try:
        data = yamlsafe.load(raw).data
    except yamlsafe.YamlError:
        return
    if script._only_safe(raw):
        assert all(script.script_findings(t) == [] for t in _strings(data)), raw


def test_the_fast_path_is_taken_and_left() -> None:
    assert script._only_safe("id: x\nquote: \"a … b — c\"\n".encode())
    assert not script._only_safe(b'quote: "a\\u200bb"\n')  # an escape: read string by string
    assert not script._only_safe("quote: nоt\n".encode())  # a Cyrillic о
    assert "…" in SAFE


def test_the_punctuation_known_to_pass_for_no_letter_passes_for_none() -> None:
    """`glyphs.SHOWS_NO_LETTER` answers `looks_ascii` without the confusables data: each of its
    characters is, by that data and by NFKC, no look-alike of an ASCII letter or digit (fails if
    "×", which passes for "x", is put back in)."""
    from briefing import glyphs

    table = glyphs._confusables()
    for ch in sorted(glyphs.SHOWS_NO_LETTER):
        proto = table.get(ch, "")
        folded = unicodedata.normalize("NFKC", ch)
        assert not (proto.isascii() and proto.isalnum()), (ch, proto)
        assert not (len(folded) == 1 and folded.isascii() and folded.isalnum()), ch
