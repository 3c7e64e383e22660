"""A text read once: its words, and what each rule finds in them, computed on first use and shared
by every rule that asks. Pure functions of strings; nothing here knows about records.

- `Reading`: one text's words (`lexicon.tokenize`: where each starts and ends, and its folded
  form), with a memo where the rules keep what they find in it (its hedges, quantities, names …),
  keyed by the rule.
- `Words`: the words a rule reads, as runs of readings (`Part`s): a statement is all of its own
  reading; a claim's evidence is, for each cited piece, the run of its source's reading that the
  piece covers (a source is read once, however many claims cite it); an inference's evidence adds
  the statements, quotes and basis it rests on. `Words.found(key, scan)` gives what `scan` finds
  in each part's reading, kept to the part: an item that runs over a part's edge (a name or a
  figure cut by the quote) is looked for again in the part's own words, so a run of words means
  what it would mean read alone.
- `read(text)`, `read_source(text)`: the memos, the one place where readings are kept. A
  statement read twice (a claim and an inference resting on it) is read once; a source's reading
  lives as long as its text.

The rules that read words (`rules.vocabulary`, `rules.modality`, `rules.quantities`,
`rules.roles`, `rules.kinds`, `rules.anchoring`) accept a string or `Words`, so a caller that has
only text (issue 14: every reader-facing text) calls them the same way the check does.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from operator import attrgetter
from typing import Any, Protocol, TypeVar

from briefing.lexicon import LEMMAS, MARKED, NON_ASCII_LETTER, PHRASE_TABLES, lemma, phrases_in, tokenize


class Reading:
    """One text's words: `starts[i]`, `ends[i]` (code points, end exclusive) and `lows[i]`, the
    folded word; `memo` holds what rules found in them (see `Words.found`)."""

    __slots__ = ("__weakref__", "_lemmas", "_marks", "_phrases", "ends", "lows", "memo", "plain", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.ends, self.lows = tokenize(text)
        self.memo: dict[Any, Any] = {}
        self._marks: list[int] | None = None
        self._lemmas: list[str] | None = None
        self._phrases: list[list[tuple[int, int, str]] | None] | None = None  # by `PHRASE_TABLES` slot
        # Every letter and digit is ASCII (typographic punctuation aside): no word needs folding
        # or a look-alike read as what it passes for.
        self.plain = text.isascii() or not NON_ASCII_LETTER.search(text)

    @property
    def marks(self) -> list[int]:
        """The indices of the words that start a phrase of some class (`lexicon.MARKED`)."""
        if self._marks is None:
            self._marks = list(compress(range(len(self.lows)), map(MARKED.__contains__, self.lows)))
        return self._marks

    @property
    def lemmas(self) -> list[str]:
        """`lexicon.lemma` of each word, made once per reading (a source's, for every claim citing it)."""
        got = self._lemmas
        if got is None:
            got = list(map(LEMMAS.get, self.lows))  # most words were met before: their lemma is remembered
            if None in got:
                got = [x if x is not None else lemma(w) for x, w in zip(got, self.lows, strict=True)]
            self._lemmas = got
        return got

    def phrases(self, table: dict[str, tuple[tuple[str, ...], ...]], lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
        """`lexicon.phrases_in` over this reading's words lo … hi-1. Over all its words, every table
        asked so far is looked for in one pass, on the first ask, and kept (the list is shared: do
        not change it)."""
        if lo or (hi is not None and hi != len(self.lows)):
            return phrases_in(self.lows, table, lo, hi, self.marks)
        slot = PHRASE_TABLES.slot(table)
        got = self._phrases
        if got is None:
            got = self._phrases = PHRASE_TABLES.all_in(self.lows, self.marks)  # type: ignore[assignment]
        if slot >= len(got):
            got.extend([None] * (slot + 1 - len(got)))
        found = got[slot]
        if found is None:  # a table that joined after this reading's pass
            found = got[slot] = phrases_in(self.lows, table, 0, None, self.marks)
        return found

    def __len__(self) -> int:
        return len(self.lows)

    def __repr__(self) -> str:
        return f"Reading({self.text[:40]!r}…, {len(self.lows)} words)"

    def span(self, i: int, j: int) -> str:
        """The text of words i to j-1, as written (what lies between them included)."""
        return self.text[self.starts[i] : self.ends[j - 1]] if j > i else ""

    def whole(self) -> Words:
        return Words(((self, 0, len(self.lows)),))


# A run of a reading's words: (reading, lo, hi) is words lo … hi-1 (a plain tuple: runs are made
# per claim and citation, and a named tuple costs ten times as much to make).
Part = tuple[Reading, int, int]


class Item(Protocol):
    i: int  # the item's first word, in its reading
    k: int  # how many words it spans


T = TypeVar("T", bound=Item)


class Words:
    """Runs of readings read as one text (see the module's docstring)."""

    __slots__ = ("_found", "_prefixes", "_runs", "_stems", "_words", "parts")

    def __init__(self, parts: Iterable[Part]) -> None:
        parts = tuple(parts)
        for p in parts:
            if p[2] <= p[1]:  # an empty run: left out
                parts = tuple(p for p in parts if p[2] > p[1])
                break
        self.parts = parts
        self._words: frozenset[str] | None = None
        self._stems: frozenset[str] | None = None
        self._found: dict[Any, list[Any]] | None = None  # made on first use (most Words are asked one or two things)
        self._runs: dict[Any, list[Any]] | None = None
        self._prefixes: frozenset[str] | None = None  # rules.vocabulary's, made once per Words

    def __add__(self, other: Words) -> Words:
        return Words(self.parts + other.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def __repr__(self) -> str:
        return f"Words({self.text()!r})"

    def text(self) -> str:
        """What the words say, piece by piece (for messages)."""
        return " […] ".join(r.span(lo, hi) for r, lo, hi in self.parts)

    def lows(self) -> list[str]:
        if len(self.parts) == 1:
            r, lo, hi = self.parts[0]
            return r.lows[lo:hi]
        return [w for r, lo, hi in self.parts for w in r.lows[lo:hi]]

    @property
    def words(self) -> frozenset[str]:
        """Every folded word, once."""
        if self._words is None:
            self._words = frozenset(self.lows())
        return self._words

    @property
    def stems(self) -> frozenset[str]:
        """Every folded word and its lemma (`lexicon.lemma`)."""
        if self._stems is None:
            # Each part's slice of its reading's lemmas (made once per reading).
            w = self.words
            if len(self.parts) == 1:
                r, lo, hi = self.parts[0]
                self._stems = w.union(r.lemmas[lo:hi])
            else:
                self._stems = w.union(*(r.lemmas[lo:hi] for r, lo, hi in self.parts))
        return self._stems

    def found(self, key: Any, scan: Callable[[Reading], Sequence[T]]) -> list[T]:
        """What `scan` finds in each part's reading (items in order, each with its first word `i`
        and word count `k`), kept to the part's words; computed once per reading and `key`. The
        list is shared: do not change it."""
        memo = self._found
        if memo is None:
            memo = self._found = {}
        else:
            known = memo.get(key)
            if known is not None:
                return known
        parts = self.parts
        if len(parts) == 1:
            r, lo, hi = parts[0]
            got = r.memo.get(key)
            items, firsts = got if got is not None else _scanned(r, key, scan)
            if lo == 0 and hi == len(r.lows):
                known = items  # a whole reading: all it holds
            elif not items:
                known = []
            else:  # one run (most evidence): its items, unless one crosses its edge
                j = bisect_left(firsts, lo)
                k = bisect_left(firsts, hi, j)
                known = items[j:k]
                if (j and items[j - 1].i + items[j - 1].k > lo) or _past(known, hi):
                    known = self.runs(key, scan)[0][1]
        else:
            known = [x for _, items in self.runs(key, scan) for x in items]
        memo[key] = known
        return known

    def runs(self, key: Any, scan: Callable[[Reading], Sequence[T]]) -> list[tuple[Part, Sequence[T]]]:
        """`found`, part by part: each part with what `scan` finds in it. Where an item runs over
        the part's edge (a name or a figure cut by the quote), the part is read on its own and
        that reading is given as the part, so an item's `i` always counts in its part's reading."""
        if self._runs is None:
            self._runs = {}
        known = self._runs.get(key)
        if known is not None:
            return known
        out: list[tuple[Part, Sequence[T]]] = []
        self._runs[key] = out
        for part in self.parts:
            r, lo, hi = part
            got = r.memo.get(key)
            if got is None:
                got = _scanned(r, key, scan)
            items, firsts = got
            if not items or (lo == 0 and hi == len(r.lows)):
                out.append((part, items))
                continue
            j = bisect_left(firsts, lo)
            k = bisect_left(firsts, hi, j)
            inside = items[j:k]
            # An item runs into the part from before, or on past its end: the part is read on its
            # own, as a quote means what its own words say.
            if (j and items[j - 1].i + items[j - 1].k > lo) or _past(inside, hi):
                alone = read(r.span(lo, hi))
                out.append(((alone, 0, len(alone.lows)), _scanned(alone, key, scan)[0]))
            else:
                out.append((part, inside))
        return out


def _past(items: Sequence[Item], hi: int) -> bool:
    """Whether an item runs on past word `hi` (a loop: cheaper than `any` over a generator, for
    the few items of a run)."""
    for x in items:  # noqa: SIM110  (see above)
        if x.i + x.k > hi:
            return True
    return False


def _scanned(r: Reading, key: Any, scan: Callable[[Reading], Sequence[T]]) -> tuple[Sequence[T], list[int]]:
    got = r.memo.get(key)
    if got is None:
        items = scan(r)
        got = r.memo[key] = (items, list(map(_FIRST_WORD, items)) if items else [])
    return got


_FIRST_WORD = attrgetter("i")


# -- the memos ---------------------------------------------------------------------------------------

# Texts other than sources (statements, ids, notes, bases, sentences), in two generations: a text
# read again while among the last 16k to 32k texts read is read once. The check reads every
# statement in the support rules and again with the reader-facing fields, some ten thousand texts
# later; memory stays bounded however large the briefing.
_READ_LIMIT = 16384
_young: dict[str, Reading] = {}
_old: dict[str, Reading] = {}


def read(text: str) -> Reading:
    """The reading of `text`, made once while it is among the last texts read."""
    global _young, _old
    r = _young.get(text)
    if r is None:
        r = _old.get(text)
        if r is None:
            r = Reading(text)
        if len(_young) >= _READ_LIMIT:
            _old, _young = _young, {}
        _young[text] = r
    return r


def read_source(owner: Any, text: str) -> Reading:
    """The reading of a source's whole text, kept on `owner` (its `SourceText`) as long as it lives."""
    r = owner.__dict__.get("_reading")
    if r is None or r.text is not text:
        r = owner.__dict__["_reading"] = Reading(text)
    return r


def words_of(x: str | Words) -> Words:
    """`x` itself, or the words of a string."""
    return x if isinstance(x, Words) else read(x).whole()


def pieces(r: Reading, spans: Iterable[tuple[int, int]]) -> Words:
    """The words of `r` that lie within each (start, end) span of its text."""
    return Words(piece_parts(r, spans))


def piece_parts(r: Reading, spans: Iterable[tuple[int, int]]) -> list[Part]:
    """`pieces` as runs (some may be empty), for a caller that joins them with others."""
    parts = []
    starts, ends = r.starts, r.ends
    for a, z in spans:
        lo = bisect_left(starts, a)
        hi = bisect_left(starts, z, lo)
        while hi > lo and ends[hi - 1] > z:
            hi -= 1  # a word that runs past the span is not the span's
        parts.append((r, lo, hi))
    return parts


__all__ = ["Item", "Part", "Reading", "Words", "piece_parts", "pieces", "read", "read_source", "words_of"]
