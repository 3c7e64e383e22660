""""Cite this passage" computes at build time what `locate` would print for any selection.

The page data (`briefing.citetool.page_data`) is read here exactly as the browser reads it
(`_from_page`, the same few lookups as docs/assets/cite.js), for every selection of up to a
dozen tokens of the real source and of texts built to trip it (repeated phrases, numbers with
separators, ellipses, combining marks, Han text, astral characters, look-alike quote marks), and
the result must be what `anchor`, `locate`'s disambiguation and `names_entity` give: the same
quote resolving to the same place, the same prefix or occurrence number, the same entities.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from briefing import citetool
from briefing.anchor import AnchorError, SourceText, anchor
from briefing.loader import load_briefing
from briefing.model import Entity, Source
from briefing.newclaim import _disambiguate, _occurrences
from briefing.text import names_entity
from briefing.yamlsafe import Located

WINDOW = 12


def _entity(eid: str, name: str, *aliases: str) -> Entity:
    return Entity(eid, f"facts/entities/{eid}.yml", {}, Located({}, {}), name=name, aliases=list(aliases))


def _source(text: str) -> Source:
    return Source("t", "sources/t.yml", {}, Located({}, {}), text=SourceText(text), actual_sha256=hashlib.sha256(text.encode()).hexdigest())


def _from_page(data: dict[str, Any], i: int, j: int) -> tuple[int, int, str | None, int | None, list[str]] | None:
    """What the browser makes of tokens i..j (UTF-16 offsets converted back), or None if it
    refuses the selection."""
    text = data["text"]
    u16_to_cp = {}
    n = 0
    for cp, ch in enumerate(text + "\0"):
        u16_to_cp[n] = cp
        n += 2 if ord(ch) > 0xFFFF else 1
    tok = data["tokens"]
    flags = data["flags"]
    if flags[i] & citetool.NO_START or flags[j] & citetool.NO_END or any(flags[k] & citetool.ELLIPSIS for k in range(i, j + 1)):
        return None
    start, end = u16_to_cp[tok[2 * i]], u16_to_cp[tok[2 * j + 1]]
    prefix = occurrence = None
    settled = data["settled"][i]
    if settled == -1 or j < settled:
        entries = data["ambiguous"][i]
        if j - i >= len(entries):
            return None  # longer than the page's table: the browser sends the editor to `locate`
        e = entries[j - i]
        if e is not None and e >= 0:
            prefix = text[u16_to_cp[tok[2 * e]] : u16_to_cp[tok[2 * (i - 1) + 1]]]
        elif e is not None:
            occurrence = -e
    q16a, q16b = tok[2 * i], tok[2 * j + 1]
    ents = sorted(
        {
            data["entities"][idx]
            for a, b, idx, left, right in data["names"]
            if a >= q16a and b <= q16b and (left or a == q16a) and (right or b == q16b)
        }
    )
    return start, end, prefix, occurrence, ents


def _expected(src: Source, ents: list[Entity], start: int, end: int) -> tuple[str | None, int | None, list[str]] | None:
    """What `locate` and `new` do with the words text[start:end]."""
    assert src.text is not None
    quote = src.text.text[start:end]
    try:
        spans = _occurrences(src, quote)
    except AnchorError:
        return None
    chosen = next((n for n, s in enumerate(spans, 1) if s.start == start and s.end == end), None)
    if chosen is None:
        return None
    prefix, occ = (None, None) if len(spans) == 1 else _disambiguate(src, quote, spans, chosen)
    return prefix, occ, sorted(e.id for e in ents if names_entity(e.names, quote))


def _check_all(src: Source, ents: list[Entity], window: int = WINDOW) -> int:
    data = citetool.page_data(src, ents)
    assert data is not None
    assert src.text is not None
    checked = 0
    count = len(data["settled"])
    for i in range(count):
        for j in range(i, min(count, i + window)):
            got = _from_page(data, i, j)
            if got is None:
                continue
            start, end, prefix, occ, got_ents = got
            want = _expected(src, ents, start, end)
            assert want is not None, f"tokens {i}..{j} {src.text.text[start:end]!r}: offered, but the quote does not anchor there"
            assert (prefix, occ) == want[:2], f"{src.text.text[start:end]!r}: page gives {(prefix, occ)}, locate {want[:2]}"
            assert got_ents == want[2], f"{src.text.text[start:end]!r}: page names {got_ents}, new lists {want[2]}"
            span = anchor(src.text, src.text.text[start:end], prefix=prefix, occurrence=occ)
            assert (span.start, span.end) == (start, end)
            checked += 1
    return checked


def test_every_short_selection_of_the_real_source_gives_what_locate_gives() -> None:
    b, _ = load_briefing(REPO, use_cache=False)
    ents = sorted(b.entities.values(), key=lambda e: e.id)
    for src in b.sources.values():
        assert _check_all(src, ents) > 3000


HOSTILE = {
    "repeats": "The rocket failed. The rocket flew. The rocket failed again, and the rocket flew again. "
    "The rocket failed.",
    "numbers": "It carried 1,500 kg in 2019. In 2019.5 it carried 500 kg; then 2.5 t, then 2. Then 1,500.",
    "ellipsis": "He said … nothing more. Then ... he left. [...] The end. He said nothing more.",
    "marks": "He said “go” and 'go' and \u201cgo\u201d — and -- and – go. He said \"go\".",
    "combining": "Cafe\u0301 and Café and cafe\u0301s. Zoe\u0308 met Zoë. Cafe\u0301 again.",
    "han": "中国的火箭。中国航天局说中国的火箭很好。中国",
    "astral": "Launch 🚀 at dawn. Launch 🚀 at dusk. 𝒜 rocket and 𝒜 rocket.",
    "lines": "One line\nand the next\n\nline. One line and\tthe next line.",
    "underscore": "snake_case and case and snake_case_case.",
    "leading": "  \n The start. The start again. The start.",
    "duplicate": ("Russia offered rocket engines to China at the air show on Tuesday, its space chief said. " * 3) + "The end.",
    "dashes": "The YF-77 engine, the YF‑77 engine and the YF–77 engine; Long March 5 and Long March 5B.",
}
HOSTILE_ENTITIES = [
    _entity("rocket", "Rocket", "rockets"),
    _entity("china", "中国"),
    _entity("cafe", "Café"),
    _entity("zoe", "Zoë"),
    _entity("case", "case"),
    _entity("launch", "Launch 🚀"),
    _entity("yf-77", "YF-77"),
    _entity("long-march-5", "Long March 5", "LM-5"),
    _entity("russia", "Russia"),
]


@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_short_selection_of_a_hostile_text_gives_what_locate_gives(name: str) -> None:
    assert _check_all(_source(HOSTILE[name]), HOSTILE_ENTITIES) > 10


def test_the_new_file_address_is_github_s_and_nothing_else() -> None:
    assert citetool.new_file_base("https://github.com/o/r/edit/main/") == "https://github.com/o/r/new/main"
    assert citetool.new_file_base("https://github.com/o/r/edit/release/2.0/") == "https://github.com/o/r/new/release/2.0"
    for other in ("https://gitlab.com/o/r/-/edit/main/", "https://github.com/o/r/blob/main/", "javascript:alert(1)//github.com/o/r/edit/x/", ""):
        assert citetool.new_file_base(other) == "", other


def test_page_data_is_small(tmp_path: Path) -> None:
    import json

    b, _ = load_briefing(REPO, use_cache=False)
    for src in b.sources.values():
        data = citetool.page_data(src, sorted(b.entities.values(), key=lambda e: e.id))
        assert src.text is not None and len(json.dumps(data)) < 12 * len(src.text.text)
