"""Split a source into sentences, the units that coverage counts.

Spans the source record lists as not claims (such as a scraped headline with no full stop)
are cut out first and become units of their own, so they never run into their neighbours.

A headline-like run is a unit of its own even when it is not listed, so that deleting its
not_claims entry makes it uncovered rather than silently part of the next sentence:

- a blank line always ends a unit (a sentence never runs across paragraphs);
- a line break ends a unit when the line before it is a whole line (it starts a unit) with no
  end punctuation, not ending as a sentence that runs on does (a comma, a dash, "of", "the"),
  and the next line starts a sentence: a headline on its own line. Not in hard-wrapped text
  (most lines end without punctuation), where any line may end that way;
- inside a line, a run that starts a unit, quotes with single marks (‘…’, the headline style)
  in a text whose quotations otherwise use double marks, and runs on from a lowercase word
  into a capitalised one with no punctuation between (that lowercase word not one that
  introduces a name, such as "the" or "of"), ends before that capitalised word: a scraped
  headline run together with the sentence after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")  # a line that ends like a sentence (or a list lead-in)
_STARTS_SENTENCE = re.compile(r"[\"'“‘(\[]*[A-Z0-9]")
_LINE_BREAK = re.compile(r"[ \t\f\v\r]*\n\s*")
# A headline's quoted phrase: an opening ‘ after a space or the start, a closing ’ not inside a word.
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(\[]))‘[^‘’“”\n]+’(?![\w’])")
# A lowercase word, a space, and a capitalised word: where a run-on headline may end.
_RUN_ON = re.compile(r"(?<![\w’'-])([a-z][a-z’'-]*) (?=[A-Z])")
# Words after which a capitalised word is part of the same sentence ("the Soviet era", "of Russia").
_INTRODUCES_NAME = frozenset(
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "nor", "but",
        "as", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these", "those", "than", "into",
        "onto", "about", "over", "under", "after", "before", "via", "per", "between", "against", "among", "said",
        "says", "told", "quoted", "named", "called", "is", "was", "are", "were", "be", "been", "being",
    }
)  # fmt: skip


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
    rules = _Rules.of(text)
    pos = 0
    for a, b, reason in cuts:
        out.extend(_split_plain(text, pos, a, rules))
        out.append(Sentence(a, b, text[a:b], reason))
        pos = b
    out.extend(_split_plain(text, pos, len(text), rules))
    return out


@dataclass(frozen=True, slots=True)
class _Rules:
    """What the headline rules need to know about the whole text, found once per split."""

    line_breaks: bool  # whether a single line break after an unpunctuated line may end a unit
    single_quote_headlines: bool  # whether the text's quotations use double marks (so ‘…’ stands out)

    @classmethod
    def of(cls, text: str) -> _Rules:
        if "\n" in text:
            ends = [ln.rstrip() for ln in text.split("\n")[:-1] if ln.strip()]
            unpunctuated = sum(1 for ln in ends if not _TERMINAL.search(ln))
            line_breaks = unpunctuated * 2 <= len(ends)  # most lines end like sentences: not hard-wrapped
        else:
            line_breaks = False
        return cls(line_breaks, "‘" in text and ("“" in text or '"' in text))


def _split_plain(text: str, lo: int, hi: int, rules: _Rules | None = None) -> list[Sentence]:
    rules = rules or _Rules.of(text)
    out: list[Sentence] = []
    for a, b in _blocks(text, lo, hi, rules):
        start = a
        for m in _END.finditer(text, a, b):
            if text[m.start()] == "." and _last_word(text, start, m.start()).lower() in _ABBREV:
                continue
            out.extend(_headline_split(text, start, m.end(), rules))
            start = m.end()
        out.extend(_headline_split(text, start, b, rules))
    return [s for s in out if s.text]


def _blocks(text: str, lo: int, hi: int, rules: _Rules) -> list[tuple[int, int]]:
    """[lo, hi) cut at the line breaks that end a unit (see the module's docstring)."""
    if "\n" not in text[lo:hi]:
        return [(lo, hi)]
    out, start = [], lo
    for m_start, m_end in _line_breaks(text, lo, hi):
        if text.count("\n", m_start, m_end) >= 2:
            out.append((start, m_start))
            start = m_end
            continue
        if not rules.line_breaks:
            continue
        line_start = text.rfind("\n", lo, m_start) + 1 or lo
        line = text[max(line_start, lo) : m_start].strip()
        before = text[lo:line_start].rstrip()
        whole_line = line_start <= start or not before or bool(_TERMINAL.search(before))
        if line and whole_line and not _TERMINAL.search(line) and not _runs_on(line) and _STARTS_SENTENCE.match(text, m_end):
            out.append((start, m_start))
            start = m_end
    out.append((start, hi))
    return out


def _line_breaks(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Where `_LINE_BREAK` matches in text[lo:hi], as `finditer` finds them: each run of white
    space holding a line break, from the spaces before its first break. Found from the breaks
    (a search for "\n" runs at C speed; the pattern, which may start with a space, is tried at
    every character), each widened back over the spaces before it. A property test holds the two
    to the same answers."""
    prev = lo
    for m in _BREAK_ON.finditer(text, lo, hi):
        a = m.start()
        while a > prev and text[a - 1] in " \t\f\v\r":
            a -= 1
        yield a, m.end()
        prev = m.end()


_BREAK_ON = re.compile(r"\n\s*")


def _runs_on(line: str) -> bool:
    """Whether a line ends as a sentence that goes on does: with a comma or dash, or a word such as
    "of" or "the" that the next word completes."""
    last = line.rsplit(None, 1)[-1]
    return line[-1] in ",-–—" or last.lower() in _INTRODUCES_NAME


def _headline_split(text: str, a: int, b: int, rules: _Rules) -> list[Sentence]:
    """The unit [a, b), or a run-on headline and the sentence after it (see the module's docstring)."""
    unit = _trim(text, a, b)
    if rules.single_quote_headlines and "‘" in unit.text:
        body = unit.text
        q = _SINGLE_QUOTED.search(body)
        if q and not any(c in body[: q.start()] for c in '“”"'):
            for m in _RUN_ON.finditer(body, q.end()):
                if any(c in body[q.end() : m.end()] for c in '“”".!?'):
                    break
                if m.group(1).lower() not in _INTRODUCES_NAME:
                    cut = unit.start + m.end()
                    return [_trim(text, unit.start, cut), _trim(text, cut, unit.end)]
    return [unit]


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
