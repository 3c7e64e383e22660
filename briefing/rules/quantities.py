"""Quantities: every figure a statement gives is in its evidence, whether written in digits (any
Unicode digits, after NFKC: "３０", "³⁰"), glued to a unit, a currency or an ordinal suffix
("30t", "$30bn", "3rd", "1960s"), as words ("thirty", "twenty-five", "a dozen", "second"), as a
multiplier ("double", "twice", "three times"), a fraction or percentage ("half", "a third",
"50%"), a Roman numeral ("XX") or a quantifier with no figure ("dozens", "most", "all",
"several", "a few").

Figures are compared by value, so "25" in the statement meets "twenty-five" in the source; each
kind only meets its own kind ("double" is not "two", "second" is not "2"). A scale word
multiplies the figure before it ("25 million" is 25,000,000). Digits inside the name of an entity
the claim lists belong to the name when the evidence writes that name: a name added for the
purpose ("an alias '30 tonnes'") does not hide its digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from typing import NamedTuple

from briefing import lexicon
from briefing.lexicon import (
    BOUNDS,
    COUNT_PHRASES,
    FRACTIONS,
    MULTIPLIERS,
    NUMBER_WORDS,
    ORDINAL_SUFFIXES,
    ORDINAL_WORDS,
    PERCENT,
    QUANTIFIERS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    UNITS,
    lemma,
    roman_value,
)
from briefing.reading import Reading, Words, words_of
from briefing.rules.base import Finding


class Quantity(NamedTuple):
    i: int  # first word, in its reading
    k: int  # word count
    kind: str  # "n" a count or amount, "ord" an ordinal, "mult" a multiplier, "ratio", "q" a quantifier, "unit"
    value: float | str
    start: int  # offsets in the reading's text
    end: int
    text: str  # as written
    digits: bool  # written with digits
    bound: str = ""  # "at most", "at least" or "about", from the words right before it ("up to 25")


_BOUNDS = lexicon.phrase_table(frozenset(BOUNDS))
_PHRASES = lexicon.phrase_table(
    frozenset(COUNT_PHRASES), frozenset(MULTIPLIERS), frozenset(FRACTIONS), frozenset(QUANTIFIERS), PERCENT
)
_NUMBERISH = NUMBER_WORDS | {"and"}
_BEFORE_A_PRONOUN = frozenset({"the", "this", "that", "each", "every", "any", "which", "no", "another"})
_VOCABULARY = frozenset(_PHRASES) | NUMBER_WORDS | ORDINAL_WORDS
_SIGNS = frozenset(u for u in UNITS if len(u) == 1 and not u.isalnum())
_DIGITS_AND_SIGNS = frozenset("0123456789") | _SIGNS
_ROMAN = re.compile(r"[IVXLCDM]{2,}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅬⅭⅮⅯ]+")  # a whole word of them: checked at its first word
_ROMAN_PAIR = re.compile(r"[IVXLCDM][IVXLCDM]")  # what the first branch of _ROMAN needs
_ROMAN_SIGN = re.compile(r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅬⅭⅮⅯ]")  # and the second
_SIGNS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅬⅭⅮⅯ⁄" + re.escape(lexicon.SYMBOLS)
# A digit, a sign, or two or more capital Roman numerals as a word. Written to start with one
# character class (a look-behind then tells which it was), so that `re` skips the text between at
# C speed instead of trying three branches at each character; `_MAY_HOLD_PLAIN` says the same
# plainly, and a property test holds the two to the same answers.
_MAY_HOLD = re.compile(rf"[\dIVXLCDM{_SIGNS}](?:(?<=[\d{_SIGNS}])|(?<=\b[IVXLCDM])[IVXLCDM]+\b)")
_MAY_HOLD_PLAIN = re.compile(rf"\d|\b[IVXLCDM]{{2,}}\b|[{_SIGNS}]")


def _number(low: str) -> float | None:
    """The value of a number written in digits ("1,500", "2.5", "٣٠"), or None."""
    s = low.replace(",", "")
    try:
        return float(s) if s.count(".") <= 1 else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _words_value(words: str) -> tuple[str, float] | None:
    """("n" | "ord", value) of a run of number words ("twenty-five", "one hundred and five",
    "thirty-first"), by text2num; None when it does not read as one number."""
    from text_to_num import alpha2digit  # imported on first use: most texts have no number words

    out = alpha2digit(words, "en", threshold=0).strip()
    kind = "n"
    for suffix in ORDINAL_SUFFIXES:
        if out.endswith(suffix) and out[: -len(suffix)].isdigit():
            out, kind = out[: -len(suffix)], "ord"
            break
    v = _number(out)
    return (kind, v) if v is not None and " " not in out else None


def _scan(r: Reading) -> list[Quantity]:
    """Every quantity in a reading, in order (see the module's docstring for what counts)."""
    text, lows, starts, ends = r.text, r.lows, r.starts, r.ends
    if _VOCABULARY.isdisjoint(lows) and not _MAY_HOLD.search(text):
        return []  # no digit, sign, Roman numeral or quantity word: most texts, found at C speed
    phrases = {i: (k, p) for i, k, p in r.phrases(_PHRASES)}
    out: list[Quantity] = []
    n = len(lows)
    # The words a quantity may start at, found in one pass: quantity words, digits, signs, and
    # Roman numerals written in capitals.
    starts_one = _STARTS_ONE_PLAIN if r.plain else _STARTS_ONE
    cands = list(compress(range(n), map(starts_one.__getitem__, lows)))
    # (Where _ROMAN may match: two simple searches at C speed, before its slower one.)
    if _ROMAN_PAIR.search(text) or (not text.isascii() and _ROMAN_SIGN.search(text)):
        at = {m.start() for m in _ROMAN.finditer(text)}
        cands = sorted({*cands, *(i for i in range(n) if starts[i] in at)})

    def add(kind: str, value: float | str, a: int, z: int, digits: bool) -> None:
        out.append(Quantity(a, z - a, kind, value, starts[a], ends[z - 1], text[starts[a] : ends[z - 1]], digits))

    i = 0
    for c in cands:
        if c < i:
            continue
        i = c
        low = lows[i]
        if i in phrases:
            k, p = phrases[i]
            if p == "most" and i > 0 and lows[i - 1] in ("the", "'s", "its", "their", "his", "her"):
                i += 1  # a superlative ("China's most advanced rocket"), not "most of them"
                continue
            if p in COUNT_PHRASES:
                j = i + k
                v = float(COUNT_PHRASES[p])
                while j < n and lows[j] in SCALE_WORDS:
                    v *= SCALE_WORDS[lows[j]]
                    j += 1
                add("n", v, i, j, False)
                i = j
                continue
            if p in MULTIPLIERS:
                add("mult", float(MULTIPLIERS[p]), i, i + k, False)
            elif p in FRACTIONS:
                add("ratio", FRACTIONS[p], i, i + k, False)
            elif p in QUANTIFIERS:
                if p == "some" and i + 1 < n and (lows[i + 1][:1].isdigit() or lows[i + 1] in NUMBER_WORDS):
                    i += 1  # "some 25 tonnes": about 25, a bound of the figure (below)
                    continue
                add("q", QUANTIFIERS[p], i, i + k, False)
            else:  # percent
                add("unit", "%", i, i + k, False)
            i += k
            continue
        v = _NUMBERS[low] if low[:1].isdigit() else None
        if v is None and "⁄" in low:  # "½" is "1⁄2" after NFKC
            num, _, den = low.partition("⁄")
            if num.isdigit() and den.isdigit() and int(den):
                add("ratio", int(num) / int(den), i, i + 1, True)
                i += 1
                continue
        if v is not None:
            j = i + 1
            kind = "n"
            # "1/2": a fraction written with a slash
            if j < n and text[ends[i] : starts[j]] == "/" and lows[j].isdigit() and int(lows[j]):
                add("ratio", v / int(lows[j]), i, j + 1, True)
                i = j + 1
                continue
            glued = []
            while j < n and starts[j] == starts[i]:  # the letters glued to the digits: "30t", "3rd"
                glued.append(lows[j])
                j += 1
            for g in glued:
                if g in ORDINAL_SUFFIXES:
                    kind = "ord"
                elif g in SCALE_ABBREVIATIONS and g != "m":
                    v *= SCALE_ABBREVIATIONS[g]
                elif g == "x":
                    kind = "mult"
                elif g != "s":  # "1960s" is the number 1960
                    out.append(Quantity(i, 1, "unit", g, starts[i], ends[i], text[starts[i] : ends[i]], True))
            while j < n and lows[j] in SCALE_WORDS and not glued:
                v *= SCALE_WORDS[lows[j]]
                j += 1
            if j < n and lows[j] in ("times", "fold") and kind == "n":
                kind = "mult"
                j += 1
            a, z = starts[i], ends[j - 1]  # (`add`, written out: the commonest quantity by far)
            out.append(_new(Quantity, (i, j - i, kind, v, a, z, text[a:z], True, "")))
            i = j
            continue
        if low == "one" and i > 0 and lows[i - 1] in _BEFORE_A_PRONOUN and not (i + 1 < n and lows[i + 1] in NUMBER_WORDS):
            i += 1  # "the one on engines", "each one": a pronoun, not a figure
            continue
        if low in NUMBER_WORDS or low in ORDINAL_WORDS:
            j = i
            words = []
            while j < n and (lows[j] in _NUMBERISH or (lows[j] in ORDINAL_WORDS and j > i and lows[j - 1] in NUMBER_WORDS)):
                if lows[j] == "and" and not (j + 1 < n and lows[j + 1] in NUMBER_WORDS | ORDINAL_WORDS):
                    break
                words.append(lows[j])
                j += 1
                if words[-1] in ORDINAL_WORDS:
                    break
            if not words:  # an ordinal on its own
                words, j = [low], i + 1
            got = _words_value(" ".join(words))
            if got is None:
                i += 1
                continue
            kind, v = got
            if kind == "n" and j < n and lows[j] in ("times", "fold"):
                kind, j = "mult", j + 1
            add(kind, v, i, j, False)
            i = j
            continue
        word = text[starts[i] : ends[i]]
        if word[:1].isupper() or word[:1] in "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅬⅭⅮⅯ":
            rv = roman_value(word)
            if rv is not None:
                add("n", float(rv), i, i + 1, False)
                i += 1
                continue
        if low in UNITS and len(low) == 1 and not low.isalnum():  # a currency sign or %
            out.append(Quantity(i, 1, "unit", low, starts[i], ends[i], word, False))
        i += 1
    out.sort(key=_FIRST)
    if out and not _BOUND_FIRST.isdisjoint(lows):
        out = _bounded(r, out)
    return out


_BOUND_FIRST = frozenset(_BOUNDS)
_FIRST = itemgetter(0)  # a quantity's first word
_new = tuple.__new__  # a Quantity made without its constructor's Python frame


class _Numbers(dict[str, "float | None"]):
    """Word -> `_number(word)`, worked out once per word (a briefing writes the same years and
    figures over and over)."""

    def __missing__(self, w: str) -> float | None:
        if len(self) >= 1 << 16:
            self.clear()
        got = self[w] = _number(w)
        return got


_NUMBERS = _Numbers()


class _StartsOne(dict[str, bool]):
    """Word -> whether a quantity may start at it, worked out once per word (a reading's words are
    then tested at C speed)."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self.test = test

    def __missing__(self, w: str) -> bool:
        if len(self) >= 1 << 18:
            self.clear()
        got = self[w] = self.test(w)
        return got


_STARTS_ONE = _StartsOne(lambda w: w in _VOCABULARY or w[:1].isdigit() or w in _SIGNS)
# Every letter and digit ASCII: a first character among the digits and signs says it.
_STARTS_ONE_PLAIN = _StartsOne(lambda w: w in _VOCABULARY or w[:1] in _DIGITS_AND_SIGNS)


def _bounded(r: Reading, found: list[Quantity]) -> list[Quantity]:
    """The figures with the bound the words right before them give ("up to 25"), or "or so" after."""
    bounds = r.phrases(_BOUNDS)
    if not bounds:
        return found
    before = {i + k: BOUNDS[p] for i, k, p in bounds if p != "or so"}
    after = {i: BOUNDS[p] for i, k, p in bounds if p == "or so"}
    out = []
    for q in found:
        b = before.get(q.i) or after.get(q.i + q.k)
        out.append(q._replace(bound=b) if b and q.kind in ("n", "mult", "ratio") else q)
    return out


def quantities(text: str | Words) -> list[Quantity]:
    """Every quantity in `text`, in order (see the module's docstring for what counts)."""
    return words_of(text).found("quantities", _scan)


def _same(a: float | str, b: float | str) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def _unit_in(unit: str, ev: list[Quantity], ev_words: frozenset[str]) -> bool:
    if any(q.kind == "unit" and q.value == unit for q in ev):
        return True
    return any(lemma(w) in ev_words or w in ev_words for w in UNITS.get(unit, (unit,)))


_BOUND_OF = attrgetter("bound")


def _inside(q: Quantity, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether the quantity lies within one of the spans."""
    for a, z in spans:  # noqa: SIM110  (a loop: cheaper than `any` over a generator)
        if a <= q.start and q.end <= z:
            return True
    return False


def _with_bound(q: Quantity) -> str:
    return f"{q.bound} {q.text}" if q.bound else q.text


def _bound_words(bound: str) -> str:
    return {
        "at most": "'up to', 'under', 'nearly' …",
        "at least": "'more than', 'over', 'at least' …",
        "about": "'about', 'around', 'some' …",
        "": "the figure as it stands, with no 'up to' or 'more than'",
    }[bound]


def _describe(q: Quantity) -> str:
    v = q.value
    shown = (str(int(v)) if isinstance(v, float) and v == int(v) else f"{v:g}") if isinstance(v, float) else str(v)
    return {
        "n": f"the figure {shown}",
        "ord": f"the ordinal {shown}",
        "mult": f"the multiplier ×{shown}",
        "ratio": f"the fraction {shown}",
        "q": f"the quantity '{shown}'",
        "unit": f"the unit or sign '{shown}'",
    }[q.kind]


def unsupported_quantities(text: str | Words, evidence: str | Words, masked: tuple[tuple[int, int], ...] = (), where: str = "its cited quotes") -> list[Finding]:
    """The quantities of `text` that `evidence` does not hold, as findings: `number-unsupported`
    for a figure written with digits, `quantity-unsupported` for one written otherwise (offsets in
    `text`'s reading).

    `masked` spans of the text (the names of entities the evidence writes) are skipped."""
    said = quantities(text)
    if not said:
        return []
    evidence = words_of(evidence)
    ev = quantities(evidence)
    ev_words = evidence.stems if any(q.kind == "unit" for q in said) else frozenset()
    out: list[Finding] = []
    for q in said:
        if masked and _inside(q, masked):
            continue
        kind = q.kind
        if kind == "unit":
            ok = _unit_in(str(q.value), ev, ev_words)
        else:
            v = q.value
            # (`_same`, written out: this runs for every figure of every statement)
            if isinstance(v, float):
                av = abs(v)
                same = [
                    e for e in ev
                    if e.kind == kind and (abs(e.value - v) <= 1e-9 * max(1.0, abs(e.value), av) if isinstance(e.value, float) else e.value == v)
                ]  # fmt: skip
            else:
                same = [e for e in ev if e.kind == kind and e.value == v]
            # "about 25" says no more than "25" or "up to 25"; "25" and "more than 25" say more than "up to 25"
            ok = bool(same) and (q.bound == "about" or q.bound in map(_BOUND_OF, same))
            if same and not ok:
                theirs = same[0]
                msg = (
                    f"the statement says {_with_bound(q)!r} where {where} say {_with_bound(theirs)!r}: "
                    f"{'a bound the source does not give' if q.bound else 'the source bounds the figure'}; keep its words "
                    f"({_bound_words(theirs.bound)})"
                )
                out.append(Finding("quantity-unsupported", q.start, q.end, q.text, msg))
                continue
        if ok:
            continue
        if q.digits and q.kind == "n":
            msg = f"the statement says {q.text!r} but {where} do not; cite the passage with that number or fix the statement"
            out.append(Finding("number-unsupported", q.start, q.end, q.text, msg))
        else:
            msg = (
                f"the statement says {q.text!r} ({_describe(q)}) but {where} do not; a quantity is a figure: write the one the "
                "source gives, as it gives it, or cite the passage that has it"
            )
            if q.digits:
                out.append(Finding("number-unsupported", q.start, q.end, q.text, msg))
            else:
                out.append(Finding("quantity-unsupported", q.start, q.end, q.text, msg))
    return out


same_value = _same  # figures compared by value, for the reader-facing fields (rules.bound)

__all__ = ["Quantity", "quantities", "same_value", "unsupported_quantities"]
