"""Text primitives the rules share: folding under the normalisation, whole-word search, numbers,
negations. Pure functions of strings; nothing here knows about records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from briefing.anchor import NEGATION, split_pieces

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(s?)(?!\w)")


def numbers_in(text: str) -> list[str]:
    """Numbers as written: '25', '2017', '1960' (from '1960s'), '1,500'."""
    return [m.group(1) for m in _NUMBER.finditer(text)]


def has_number(num: str, evidence: str) -> bool:
    """`re.search(rf"(?<![\\d]){re.escape(num)}(?!\\d)", evidence)`, without the regex (see `bounded`)."""
    return bounded(evidence, num, str.isdecimal)


def is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # exactly `re`'s \w for text, as str.isdecimal is its \d


def bounded(hay: str, needle: str, inner: Callable[[str], bool]) -> bool:
    """Whether `needle` occurs in `hay` with no `inner` character just before or just after it.

    The same answer as a search for the needle between negative lookarounds, several times
    faster: a pattern that starts with a lookbehind is tried at every position of the text.
    """
    if not needle:
        return True
    n, end = len(needle), len(hay) - len(needle)
    i = hay.find(needle)
    while i != -1:
        if (i == 0 or not inner(hay[i - 1])) and (i == end or not inner(hay[i + n])):
            return True
        i = hay.find(needle, i + 1)
    return False


_SPACE_RUN = re.compile(r"[\s\u200b\ufeff]+")  # `\s` is exactly `str.isspace`; with the two `normalise` adds
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# What the normalisation changes in ASCII text: whitespace other than a single space, and `.
_ODD_ASCII = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f`]|  ")


@lru_cache(maxsize=16384)
def folded(text: str) -> str:
    """`normalise(text).casefold()`, without mapping every character one by one.

    `normalise` maps each cluster (a character and the combining marks after it) through NFC,
    folds quote marks and dashes, and turns every run of whitespace into one space. An ASCII
    character with no combining mark after it is its own cluster and NFC leaves it alone, so only
    the runs of non-ASCII characters (with the ASCII character before one that starts with a
    combining mark) go through `normalise`; the whitespace runs are folded once, over the whole
    text, since the pieces `normalise` returns carry only plain spaces. The result is identical.
    """
    if text.isascii():
        if _ODD_ASCII.search(text):
            text = _SPACE_RUN.sub(" ", text).replace("`", "'")
        return text.casefold()
    import unicodedata

    from briefing.normalise import normalise

    parts, pos = [], 0
    for m in _NON_ASCII_RUN.finditer(text):
        a, b = m.span()
        if a > pos and unicodedata.combining(text[a]):
            a -= 1  # the base character of the first cluster
        parts.append(text[pos:a])
        parts.append(normalise(text[a:b]))
        pos = b
    parts.append(text[pos:])
    return _SPACE_RUN.sub(" ", "".join(parts)).replace("`", "'").casefold()


def names_entity(names: Iterable[str], text: str) -> bool:
    """Whether one of the names occurs in the text as whole words, under the normalisation, ignoring case."""
    hay = folded(text)
    return any(bounded(hay, folded(n), is_word) for n in names if n)




# `anchor.NEGATION` on lower-cased text, where a pattern that starts with a letter lets the regex
# engine skip ahead to the first letters of the negations; the word boundary before the match is
# tested by hand. A property test holds the two to the same answers.
_NEGATION_LOWER = re.compile(NEGATION.pattern.replace(r"\b(?:", "(?:", 1))


def negation_in(text: str) -> str | None:
    """The first negation in `text` (a word of `lexicon.NEGATIONS`: "not", "no", "never",
    "n't", "failed", "lack" …), lower-cased, or None: what `anchor.NEGATION.search` finds."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: offsets differ, use the rule itself
        m = NEGATION.search(text)
        return m.group(0).lower() if m else None
    for m in _NEGATION_LOWER.finditer(low):
        a = m.start()
        if low[a + 1] in "'’" or a == 0 or not (low[a - 1].isalnum() or low[a - 1] == "_"):
            return m.group(0)
    return None



def holds_in_order(text: str, words: str) -> bool:
    """Whether the pieces of `words` (joined by … or ...) occur in `text` in order, as whole words,
    under the normalisation and ignoring case."""
    hay, pos = folded(text), 0
    for piece in split_pieces(words.strip()):
        needle = folded(piece).strip()
        i = hay.find(needle, pos)
        while i != -1 and not ((i == 0 or not is_word(hay[i - 1])) and (i + len(needle) >= len(hay) or not is_word(hay[i + len(needle)]))):
            i = hay.find(needle, i + 1)
        if i == -1:
            return False
        pos = i + len(needle)
    return True




# A text's tokens: each run of word characters (as `is_word` counts them), and each other
# character that is not a space; a name matches whole tokens, so it never starts or ends inside a word.
TOKENS = re.compile(r"\w+|[^\w\s]")
