"""Text Fragment links (`#:~:text=prefix-,start,end,-suffix`) into the original article.

The spec (WICG scroll-to-text-fragment) requires `&`, `,` and `-` inside a term to be
percent-encoded, on top of the usual URL encoding.
"""

from __future__ import annotations

from urllib.parse import quote

from briefing.anchor import Span

_WORDS_EACH_SIDE = 4  # long quotes link by their first and last words (textStart,textEnd)


def encode_term(term: str) -> str:
    return quote(term, safe="").replace("-", "%2D")


def _context_words(text: str, from_end: bool, n: int = 3) -> str:
    words = text.split()
    if not words:
        return ""
    picked = words[-n:] if from_end else words[:n]
    return " ".join(picked)


def directive(source_text: str, span: Span) -> str:
    """The `:~:text=` directive for a span, with prefix/suffix context words when available."""
    first_a, _first_b = span.pieces[0]
    _last_a, last_b = span.pieces[-1]
    exact = " ".join(source_text[span.start : span.end].split())
    words = exact.split(" ")
    if len(words) > 2 * _WORDS_EACH_SIDE + 2:
        start, end = " ".join(words[:_WORDS_EACH_SIDE]), " ".join(words[-_WORDS_EACH_SIDE:])
    else:
        start, end = exact, ""
    prefix = _context_words(source_text[max(0, first_a - 40) : first_a], from_end=True)
    suffix = _context_words(source_text[last_b : last_b + 40], from_end=False)
    parts = []
    if prefix:
        parts.append(encode_term(prefix) + "-")
    parts.append(encode_term(start))
    if end:
        parts.append(encode_term(end))
    if suffix:
        parts.append("-" + encode_term(suffix))
    return "text=" + ",".join(parts)


def link(url: str, source_text: str, span: Span) -> str:
    base = url.split("#", 1)[0]
    return f"{base}#:~:{directive(source_text, span)}"


def parse(fragment: str) -> dict[str, str]:
    """Split a `text=` directive back into prefix/start/end/suffix (decoded); used by tests and checks."""
    from urllib.parse import unquote

    body = fragment.split(":~:text=", 1)[-1]
    items = body.split(",")
    out: dict[str, str] = {}
    if items and items[0].endswith("-"):
        out["prefix"] = unquote(items.pop(0)[:-1])
    if items and items[-1].startswith("-"):
        out["suffix"] = unquote(items.pop()[1:])
    out["start"] = unquote(items[0]) if items else ""
    if len(items) > 1:
        out["end"] = unquote(items[1])
    return out
