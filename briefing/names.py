"""Every entity's names, indexed once per check: which entities a text names, and where.

Names are compared as a reader sees them: word by word on their folded forms (`lexicon`), each
word on its confusable skeleton (Unicode TS #39, `glyphs.skeleton`), so a Cyrillic "о" inside
"Rogozin" or a full-width letter neither hides a name nor makes a new one. A match is confirmed
on the whole run of text (the same spacing and marks between the words as the name has).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import add, itemgetter, lt
from typing import NamedTuple

from briefing.glyphs import skeleton
from briefing.lexicon import tokenize
from briefing.model import Briefing
from briefing.reading import Part, Reading, Words, read
from briefing.text import folded


def name_key(text: str) -> str:
    """A name as the index compares it: folded under the normalisation, each look-alike of an
    ASCII letter or digit read as it ("Rоgozin" with a Cyrillic о is "rogozin")."""
    got = _KEYS.get(text)
    if got is None:
        f = folded(text)
        got = f if f.isascii() else skeleton(f)
        if len(_KEYS) < 1 << 16:  # the same few thousand names, met in every text that names them
            _KEYS[text] = got
    return got


_KEYS: dict[str, str] = {}


def _word_keys(lows: list[str]) -> list[str]:
    return [w if w.isascii() else skeleton(w) for w in lows]


class Mention(NamedTuple):
    i: int  # first word, in its reading
    k: int  # word count
    eid: str
    name: str  # the name matched (its key)
    start: int  # offsets in the reading's text
    end: int


# A Mention made from its fields without the named tuple's Python-level __new__ (made for every
# name in every text read), and its fields read at C speed.
_new = tuple.__new__
_FIRST, _COUNT, _EID, _NAME = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)


@dataclass
class NameIndex:
    """Every entity's names, split into words: a text's words are searched for all of them in one
    pass, each looked up by the runs of words that start there. The cost depends on the text's
    length, not on how many entities the briefing has."""

    lengths: dict[str, tuple[int, ...]]  # first word -> the word counts of the names it starts, longest first
    by_words: dict[tuple[str, ...], list[tuple[str, str]]]  # words -> [(name key, entity id)]
    digest: str  # of every entity record: what a verdict reading these names depends on
    types: dict[str, str] = field(default_factory=dict)  # entity id -> its type (person, organisation …)
    memo: dict[object, object] = field(default_factory=dict, repr=False)  # what rules read with these names, per text

    @classmethod
    def of(cls, b: Briefing) -> NameIndex:
        by_words: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        lengths: dict[str, set[int]] = {}
        h = hashlib.sha256(b"names-2")
        for eid in sorted(b.entities):
            ent = b.entities[eid]
            h.update(f"\0{eid}\0{ent.digest or ent.names!r}".encode())
            for n in sorted({name_key(n) for n in ent.names if n and n.strip()}):
                words = tuple(_word_keys(tokenize(n)[2]))
                if words:
                    by_words.setdefault(words, []).append((n, eid))
                    lengths.setdefault(words[0], set()).add(len(words))
        types = {eid: ent.type for eid, ent in b.entities.items()}
        return cls({t: tuple(sorted(ks, reverse=True)) for t, ks in lengths.items()}, by_words, h.hexdigest(), types)

    # -- scanning a reading ------------------------------------------------------------------------

    def _all(self, r: Reading) -> list[Mention]:
        """Every match in the reading, names inside longer ones included, in order (by first word,
        the longer first: each first word's name lengths are kept longest first, so no sort)."""
        lows = r.lows
        keys = lows if r.plain else _word_keys(lows)
        lengths = self.lengths
        by_words = self.by_words
        starts, ends, text = r.starts, r.ends, r.text
        found: list[Mention] = []
        n = len(keys)
        for i in compress(range(n), map(lengths.__contains__, keys)):
            for k in lengths[keys[i]]:
                if i + k > n:
                    continue
                hits = by_words.get(tuple(keys[i : i + k]))
                if not hits:
                    continue
                a, z = starts[i], ends[i + k - 1]
                said = name_key(text[a:z])
                for name, eid in hits:
                    if said == name:  # the same spacing and marks between the words, too
                        found.append(_new(Mention, (i, k, eid, name, a, z)))
        return found

    def _top(self, r: Reading) -> list[Mention]:
        """`_all` less the names inside a longer one ("China" in "China National Space
        Administration" is not a mention of its own)."""
        items = self._all_of(r)
        ends = list(map(add, map(_FIRST, items), map(_COUNT, items)))
        if all(map(lt, ends, ends[1:])):
            return items[:]  # each ends past the one before (most texts): none is inside another
        out: list[Mention] = []
        reach = -1
        for m in items:
            if m.i + m.k <= reach and not (out and (out[-1].i, out[-1].k) == (m.i, m.k)):
                continue
            out.append(m)
            reach = max(reach, m.i + m.k)
        return out

    def _all_of(self, r: Reading) -> list[Mention]:
        key = ("names-all", self.digest)
        got = r.memo.get(key)
        if got is None:
            items = self._all(r)
            got = r.memo[key] = (items, list(map(_FIRST, items)))
        return got[0]

    def mentions(self, words: Words) -> list[Mention]:
        """The entities the words name, each mention once (names inside longer ones left out)."""
        return words.found(("names", self.digest), self._top)

    def mention_runs(self, words: Words) -> list[tuple[Part, Sequence[Mention]]]:
        """`mentions`, part by part (see `Words.runs`)."""
        return words.runs(("names", self.digest), self._top)

    def named(self, words: Words) -> set[str]:
        """The ids of every entity the words name somewhere, inside a longer name too."""
        return set(map(_EID, words.found(("names-all", self.digest), self._all)))

    def named_keys(self, words: Words) -> set[str]:
        """Every name (its key) the words write."""
        return set(map(_NAME, words.found(("names-all", self.digest), self._all)))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Whole-word mentions of entities in `text` as (start, end, entity id), offsets in `text`;
        a name inside a longer one is not a mention of its own."""
        return [(m.start, m.end, m.eid) for m in self._top(read(text))]


__all__ = ["Mention", "NameIndex", "name_key"]
