"""A claim whose statement is still its quote is a draft, not the briefing's own sentence.

`python -m briefing new` without `--statement` writes the quoted words as the statement so the
editor has something to rewrite. Left as it is, that sentence reads as the briefing's voice while
it is really the source's (an attributed remark would lose its speaker), so it must not pass:
the support check (`rules.support`) reports `statement-is-draft` on any claim whose statement has the same words, in
the same order, as one of its citations or all of them together. Case, punctuation, quote marks
and ellipses are ignored, so adding a full stop does not make a draft a sentence.
"""

from __future__ import annotations

import re
import unicodedata

from briefing.diagnostics import Diagnostic
from briefing.model import Briefing, Claim

_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    """The words of a text, case and punctuation aside (NFKC so that ligatures and widths match)."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def _first_word(text: str) -> str | None:
    if text.isascii():  # NFKC leaves it as it is, and folding ASCII keeps every word's place
        m = _WORD.search(text)
        return m.group().lower() if m else None
    m = _WORD.search(unicodedata.normalize("NFKC", text).casefold())
    return m.group() if m else None


def is_draft(statement: str, cited: list[str]) -> bool:
    """Whether the statement only repeats the cited words: one citation's, or all of them in order."""
    # A draft starts with the first word of a citation (the first one with words, when it repeats
    # them all): most statements are told apart on that word alone.
    first = _first_word(statement)
    if first is None or first not in {_first_word(c) for c in cited}:
        return False
    said = words(statement)
    if not said:
        return False  # an empty statement is the schema's to report (empty-text)
    pieces = [words(c) for c in cited]
    return any(said == p for p in pieces) or said == tuple(w for p in pieces for w in p)


def cited_words(b: Briefing, c: Claim) -> list[str] | None:
    """The source's own words of each citation, or None while one is not anchored (that fails elsewhere)."""
    out = []
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if cit.span is None or src is None or src.text is None:
            return None
        out.append(" ".join(src.text.text[a:z] for a, z in cit.span.pieces))
    return out


def draft_diagnostic(c: Claim) -> Diagnostic:
    line, col = c.where("statement")
    return Diagnostic(
        c.path,
        line,
        col,
        "statement-is-draft",  # a literal, so the test that CONTRIBUTING explains every code finds it
        "the statement is the quote word for word, a draft (as `python -m briefing new` writes it): rewrite it as the "
        "briefing's own sentence (for an attributed claim, say who says it), saying no more than the quote",
    )


__all__ = ["cited_words", "draft_diagnostic", "is_draft", "words"]
