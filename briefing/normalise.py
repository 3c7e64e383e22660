"""The one declared normalisation under which quotes are matched against sources.

Matching happens on normalised text; everything shown or exported is cut from the source's
own characters through an index map, never from what the editor typed.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

# Bump when any rule changes: the version is shown on the verification page and exported.
NORMALISATION_VERSION = "1"

NORMALISATION_RULES = (
    "Unicode NFC",
    "runs of whitespace (spaces, tabs, line breaks, no-break spaces) fold to one space",
    "typographic and straight quote marks are equated: ‘ ’ ‚ ‛ ′ ` → ' and “ ” „ ‟ ″ « » → \"",
    "dash variants are equated: ‐ ‑ ‒ – — ― − ﹘ ﹣ － → -",
    "an ellipsis (… or ...) in a quote joins pieces that must occur in order within a bounded gap",
)

_FOLD = {
    **dict.fromkeys("‘’‚‛′`", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
}


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in "\u200b\ufeff"


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text plus, for each of its characters, the source span it came from."""

    text: str
    # Arrays of 32-bit integers, not tuples: a tuple holds a Python int object (28 bytes) per
    # character, which made the maps of 5,000 sources over a gigabyte.
    starts: array[int]  # code-point offset in the original where char i begins
    ends: array[int]  # code-point offset in the original where char i ends (exclusive)

    def original_span(self, a: int, b: int) -> tuple[int, int]:
        """Map the normalised slice [a, b) back to the original [start, end)."""
        return self.starts[a], self.ends[b - 1]


def _clusters(text: str) -> list[tuple[int, int]]:
    """Base character + following combining marks: the units NFC may compose."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        out.append((i, j))
        i = j
    return out


# Text that maps to itself, character by character: printable ASCII other than the space and the
# backtick (which folds to '), with single spaces between such characters (a lone space folds to
# itself). A run of it needs no per-character work, unless a combining mark follows it: then its
# last character is the base of a cluster that NFC may compose.
_PLAIN_RUN = re.compile(r"[!-_a-~]+(?: [!-_a-~]+)*")


def normalise_mapped(text: str) -> Normalised:
    """The normalised text and its map back to `text`: `reference_normalise_mapped`, by runs.

    Runs of plain ASCII are copied and mapped with `range` (C speed); only what lies between
    them goes through the per-cluster rules. The result is identical (a property test checks it).
    """
    chars: list[str] = []
    starts: array[int] = array("i")
    ends: array[int] = array("i")
    n = len(text)
    count = _counting(n + 1)
    pos = 0
    for m in _PLAIN_RUN.finditer(text):
        a, b = m.span()
        if b < n and unicodedata.combining(text[b]):
            b -= 1  # the run's last character belongs to the cluster that follows
        if a < pos or a >= b:
            continue
        if a > pos:
            _map_units(text, pos, a, chars, starts, ends)
        chars.append(text[a:b])
        # a, a+1 … b-1 and a+1 … b, copied from a counting array (no Python int per character:
        # a source's map is a million of them)
        starts += count[a:b]
        ends += count[a + 1 : b + 1]
        pos = b
    if pos < n:
        _map_units(text, pos, n, chars, starts, ends)
    return Normalised("".join(chars), starts, ends)


_COUNT: array[int] = array("i")


def _counting(n: int) -> array[int]:
    """An array holding 0, 1, 2 … at least up to n-1 (grown by doubling, kept for the next text)."""
    global _COUNT
    if len(_COUNT) < n:
        _COUNT = array("i", range(max(n, 2 * len(_COUNT))))
    return _COUNT


def _map_units(text: str, lo: int, hi: int, chars: list[str], starts: array[int], ends: array[int]) -> None:
    """Apply the rules to text[lo:hi] cluster by cluster, appending to the output lists.

    `chars` holds strings (whole plain runs or single characters): a folded whitespace run is
    recognised by its last element being exactly one space.
    """
    i = lo
    while i < hi:
        j = i + 1
        while j < hi and unicodedata.combining(text[j]):
            j += 1
        piece = text[i] if j == i + 1 and text[i].isascii() else unicodedata.normalize("NFC", text[i:j])
        for ch in piece:
            if _is_space(ch):
                if chars and chars[-1] == " ":
                    ends[-1] = j  # the folded run ends here
                    continue
                ch = " "
            else:
                ch = _FOLD.get(ch, ch)
            chars.append(ch)
            starts.append(i)
            ends.append(j)
        i = j


def reference_normalise_mapped(text: str) -> Normalised:
    """The rules applied character by character: the definition `normalise_mapped` must equal."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    simple = text.isascii()
    units = ((i, i + 1) for i in range(len(text))) if simple else _clusters(text)
    for a, b in units:
        piece = text[a:b] if b - a > 1 or simple else text[a]
        if not simple:
            piece = unicodedata.normalize("NFC", piece)
        for ch in piece:
            if _is_space(ch):
                if chars and chars[-1] == " ":
                    ends[-1] = b  # the folded run ends here
                    continue
                ch = " "
            else:
                ch = _FOLD.get(ch, ch)
            chars.append(ch)
            starts.append(a)
            ends.append(b)
    return Normalised("".join(chars), array("i", starts), array("i", ends))


_SPACE_RUN = re.compile(r"[\s\u200b\ufeff]+")  # `\s` is exactly `str.isspace`, plus the two `_is_space` adds
# What the rules change in ASCII text: whitespace other than a single space, and the backtick.
_ODD_ASCII = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f`]|  ")


def normalise(text: str) -> str:
    """The normalised form alone; the same rules as `normalise_mapped`, so the two always agree.

    ASCII text (most quotes) needs no map: NFC leaves it alone and no quote mark or dash but the
    backtick folds, so only whitespace runs and backticks change."""
    if text.isascii():
        return _SPACE_RUN.sub(" ", text).replace("`", "'") if _ODD_ASCII.search(text) else text
    return normalise_mapped(text).text
