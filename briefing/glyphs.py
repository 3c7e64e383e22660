"""What a reader sees of a text's characters: the look-alikes of ASCII letters and digits
(Unicode TS #39 confusables, read from the confusable-homoglyphs package's copy of
confusables.txt, and NFKC compatibility forms), and the characters that show nothing.

Used by the script rule (`rules.script`), which refuses them in records and pages, and by the
meaning rules and the name index, which read a text as it looks so that a disguise hides nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Format characters (Cf) and default-ignorable code points, and the line and paragraph separators.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d"
    "\u2028-\u2029\u2060-\u2065\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Characters that change nothing a check or a reader cares about: typographic punctuation and spaces.
SAFE = frozenset("’‘“”„‚–—―‐‑…·•«»‹›\u00a0\u202f\u2009\u2002\u2003\u2007\u2008°×€£¥₽₹")
# Of those, the ones that pass for no ASCII letter or digit ("×" passes for "x"): known without
# loading the confusables data, which a page's typographic quotes and dashes alone no longer do.
# A test holds the set to the data.
SHOWS_NO_LETTER = SAFE - {"×"}


@lru_cache(maxsize=1)
def _confusables() -> dict[str, str]:
    """Each character that Unicode's confusables data gives one look-alike prototype, mapped to it
    (TS #39 skeletons, read from the confusable-homoglyphs package's copy of confusables.txt)."""
    from confusable_homoglyphs.confusables import confusables_data

    return {ch: entries[0]["c"].strip("\u200e") for ch, entries in confusables_data.items() if len(entries) == 1}


def script_of(ch: str) -> str:
    if ch.isascii():
        return "LATIN" if ch.isalpha() else "COMMON"
    from confusable_homoglyphs.categories import alias

    return alias(ch)


def looks_ascii(ch: str) -> str | None:
    """The ASCII letter or digit a non-ASCII character passes for, or None."""
    if ch.isascii() or ch in SHOWS_NO_LETTER:
        return None
    k = unicodedata.normalize("NFKC", ch)
    if len(k) == 1 and k.isascii() and k.isalnum():
        return k
    proto = _confusables().get(ch)
    if proto and proto.isascii() and proto.isalnum():
        return proto
    return None


def visible(text: str) -> str:
    """The text as a reader sees its words: each look-alike of an ASCII letter or digit read as
    that letter or digit, the characters that show nothing dropped ("nоt" with a Cyrillic о
    and "no\u00adt" both read "not"), and a mark NFC leaves on an ASCII letter or digit dropped. The meaning rules read statements this way, so a disguised
    word is judged as what it looks like (and the script rule reports the disguise)."""
    return visible_mapped(text)[0]


def visible_mapped(text: str) -> tuple[str, list[int] | None]:
    """`visible(text)`, and for each of its characters the offset in `text` it came from (None
    when the two are the same text), so that a word found in what shows is placed where it is
    written."""
    if text.isascii():
        return text, None
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch)
        elif (INVISIBLE.match(ch) and not in_emoji(text, i)) or BIDI.match(ch):
            continue
        elif out and out[-1].isascii() and out[-1].isalnum() and unicodedata.category(ch) in ("Mn", "Me"):
            continue  # a stroke or overlay on a letter or digit ("2̶5̶"): the character shows through it
        else:
            out.append(looks_ascii(ch) or ch)
        where.append(i)
    shown = "".join(out)
    return (text, None) if shown == text else (shown, where)


def skeleton(text: str) -> str:
    """The text with every look-alike of an ASCII letter or digit replaced by it, case-folded:
    two names with the same skeleton look the same to a reader."""
    return "".join(looks_ascii(ch) or ch for ch in unicodedata.normalize("NFD", text)).casefold()


_EMOJI_JOINERS = "\u200d\ufe0e\ufe0f"


def in_emoji(text: str, i: int) -> bool:
    """Whether the joiner or variation selector at `i` belongs to an emoji ("🛰️", "👩‍🚀"): it
    follows a symbol, not a letter or digit, and a zero-width joiner leads to another symbol."""
    ch = text[i]
    if ch not in _EMOJI_JOINERS or i == 0:
        return False
    j = i - 1
    while j > 0 and text[j] in _EMOJI_JOINERS:
        j -= 1
    if unicodedata.category(text[j]) not in ("So", "Sk"):
        return False
    return ch != "\u200d" or (i + 1 < len(text) and unicodedata.category(text[i + 1]) == "So")




__all__ = ["BIDI", "INVISIBLE", "SAFE", "in_emoji", "looks_ascii", "script_of", "skeleton", "visible", "visible_mapped"]
