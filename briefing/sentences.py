"""Split a source into sentences, the units that coverage counts.

Spans the source record lists as not claims (such as a scraped headline with no full stop)
are cut out first and become units of their own, so they never run into their neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "gen",
    "col",
    "lt",
    "sgt",
    "jr",
    "sr",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# End of sentence: . ! or ? (and closing quotes/brackets), then space, then what can start one.
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    not_claim: str | None = None  # the reason, when the span is listed as not a claim


def split(text: str, excluded: list[tuple[int, int, str]] | None = None) -> list[Sentence]:
    """Sentences of `text`; `excluded` spans (start, end, reason) become their own units."""
    out: list[Sentence] = []
    cuts = sorted(excluded or [])
    pos = 0
    for a, b, reason in cuts:
        out.extend(_split_plain(text, pos, a))
        out.append(Sentence(a, b, text[a:b], reason))
        pos = b
    out.extend(_split_plain(text, pos, len(text)))
    return out


def _split_plain(text: str, lo: int, hi: int) -> list[Sentence]:
    out = []
    start = lo
    for m in _END.finditer(text, lo, hi):
        if text[m.start()] == "." and _last_word(text, start, m.start()).lower() in _ABBREV:
            continue
        out.append(_trim(text, start, m.end()))
        start = m.end()
    out.append(_trim(text, start, hi))
    return [s for s in out if s.text]


def _last_word(text: str, lo: int, hi: int) -> str:
    """The run of word characters and dots that ends at `hi` (what the regex `([\\w.]+)$` matches), or ""."""
    i = hi
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    return text[i:hi]


def _trim(text: str, a: int, b: int) -> Sentence:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Sentence(a, b, text[a:b])
