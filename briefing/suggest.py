"""'Did you mean …?': the closest ids or names to one that does not resolve."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_ID_STOPWORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "as", "by", "and", "or", "is", "was", "says", "said"})
_ID_WORDS = re.compile(r"[^\W_]+")
SPELLING_CUTOFF = 0.72  # a near spelling: a typo or a changed ending ("mimi" for "mini")
SHARED_CUTOFF = 0.5  # a looser likeness, enough when most of the name's words are in the option:
SHARED_WORDS = 2 / 3  # at least two thirds of them


def _id_words(name: str) -> set[str]:
    return {w for w in _ID_WORDS.findall(name.lower()) if w not in _ID_STOPWORDS}


def closest(name: str, options: Iterable[str]) -> str:
    """"; did you mean …?" naming up to three options like `name` (`close_ids`), or "" when none is."""
    close = close_ids(name, options)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def close_ids(name: str, options: Iterable[str]) -> list[str]:
    """Up to three options like `name`, the likest first.

    An option is like the name when it is spelled nearly the same, or when it is fairly alike
    and holds most (two thirds) of the name's words; those holding more of its words come
    first. A name that shares no words and only a loose spelling gets no suggestion, since a
    wrong one misleads more than none ("angara-described-as-cleaner" is not
    "yf-77-redesigned-last-year").
    """
    words = _id_words(name)
    scored: list[tuple[float, float, str]] = []
    for opt in options:
        sm = difflib.SequenceMatcher(None, name, opt)
        if sm.real_quick_ratio() < SHARED_CUTOFF or sm.quick_ratio() < SHARED_CUTOFF:
            continue
        ratio = sm.ratio()
        share = len(words & _id_words(opt)) / len(words) if words else 0.0
        if ratio >= SPELLING_CUTOFF or (share >= SHARED_WORDS and ratio >= SHARED_CUTOFF):
            scored.append((-share, -ratio, opt))
    return [opt for _, _, opt in sorted(scored)[:3]]


FEW = 12  # this many valid values or fewer are all listed
SOME = 6  # of more, the first this many, and the count


def valid_values(options: Iterable[str], plural: str, folder: str = "", examples: bool = True) -> str:
    """"; the topics are: a, b, c" (all of them, when few), or "; there are 57 entities, e.g. a, b,
    … (all in facts/entities/)": what to choose from when no option is close enough to suggest."""
    opts = sorted({str(o) for o in options})
    where = f" in {folder}" if folder else ""
    if not opts:
        return f"; there are no {plural}{where} yet"
    if len(opts) <= FEW:
        return f"; the {plural} are: {', '.join(opts)}"
    shown = f", e.g. {', '.join(opts[:SOME])}, …" if examples else ""
    return f"; there are {len(opts)} {plural}{shown}" + (f" (all{where})" if folder else "")


def closest_or_valid(name: str, options: Iterable[str], plural: str, folder: str = "", examples: bool = True) -> str:
    """"; did you mean …?" when an option is like `name`, else the valid values (`valid_values`)."""
    options = list(options)
    return closest(name, options) or valid_values(options, plural, folder, examples)

