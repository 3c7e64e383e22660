"""Material's search indexing of a page whose long macro listings did not all change.

`SearchIndex.add_entry_from_context` (Material 9) feeds the page's whole HTML to its `Parser`,
which splits it into sections and collects each section's text. The All claims page holds every
claim card (megabytes at a thousand claims) and changes whenever any claim does, though only the
listing of one kind changed. Here the same parser is fed the same HTML in pieces, cut where each
listing the macros adapter held out of the conversion (`site_adapter.Held`) begins and ends; a
cut before a tag gives the parser the same calls as one feed. A listing is a whole element at
the top of the page, so what the parser adds to the section while reading it depends only on the
listing and on a few facts about the section's text so far (`_summary`); that is remembered, and
a listing read before in the same circumstances is not read again. A heading inside a listing
that the listing also leaves (the notes' `<details>` holds one in its summary) opens a section
the parser never returns to: that section is remembered whole, and the parser comes back to the
section it was in, provided every section after that one was left for good too. Where anything
else could matter (an open element, an unread remainder, a heading left open, an excluded
element inside the listing), the listing is simply fed to the parser.
"""

from __future__ import annotations

from typing import Any

from material.plugins.search import plugin as search

_KEEP = ("code", "li", "ol", "p", "pre", "sub", "sup")  # the tags the parser keeps (Parser.keep)
_BASE_SKIP = frozenset({"object", "script", "style"})

Summary = tuple[str, float, bool, bool, frozenset[str]]


def _summary(parser: Any) -> Summary | None:
    """What reading a top-level element can depend on, or None where it can depend on more."""
    section = parser.section
    if (
        section is None
        or parser.rawdata
        or not _last_open(parser)
        or parser.cdata_elem is not None
        or parser.context
        or section.depth > 1
        or len(parser.skip) != len(_BASE_SKIP)
        or not all(isinstance(s, str) for s in parser.skip)
    ):
        return None
    text = section.text
    closed: set[str] = set()
    for tag in _KEEP:
        mark = f"<{tag}>"
        if mark in text:
            if all(t.isspace() for t in text[text.index(mark) + 1 :]):
                return None  # an end tag could remove text already there
            closed.add(tag)
    return (section.el.tag, section.depth, bool(text), bool(text) and text[-1].isspace(), frozenset(closed))


def _last_open(parser: Any) -> bool:
    """Whether every section after the current one has been left for good (depth infinite): a
    heading inside a listing, left at the listing's end tag, returns the parser to the last
    section shallow enough, which is then the current one, as for a listing read alone."""
    data = parser.data
    i = len(data) - 1
    while i >= 0 and data[i] is not parser.section:
        if data[i].depth != float("inf"):
            return False
        i -= 1
    return i >= 0


Read = tuple[tuple[str, ...], tuple[tuple[str, dict[str, str], float, str | None, tuple[str, ...], tuple[str, ...]], ...]]


def _read_alone(block: str, summary: Summary) -> Read | None:
    """What the parser adds reading `block` in the circumstances `summary` names, read with a
    section text that has just those facts: the text added to the current section, and the
    sections the block opens and leaves again (a heading inside an element, as the notes' summary
    holds one); None if reading it does more."""
    tag, depth, nonempty, last_space, closed = summary
    parser = search.Parser()
    section = search.Section(search.Element(tag), depth)
    parser.section = section
    parser.data.append(section)
    start: list[str] = []
    for t in sorted(closed):
        start += [f"<{t}>", "x"]
    if nonempty and (last_space or not start):
        start.append(" " if last_space else "x")
    section.text = list(start)
    parser.feed(block)
    if (
        parser.rawdata
        or parser.context
        or parser.section is not section
        or parser.data[0] is not section
        or any(s.depth != float("inf") for s in parser.data[1:])
        or section.title
        or len(parser.skip) != len(_BASE_SKIP)
        or section.text[: len(start)] != start
    ):
        return None
    opened = tuple((s.el.tag, dict(s.el.attrs), s.depth, s.id, tuple(s.title), tuple(s.text)) for s in parser.data[1:])
    return tuple(section.text[len(start) :]), opened


class Listings:
    """What the parser made of each listing, by listing and circumstances, for the next build."""

    def __init__(self) -> None:
        self.read: dict[tuple[str, Summary], Read | None] = {}
        self.used: set[tuple[str, Summary]] = set()

    def add_entry_from_context(self, index: Any, page: Any, blocks: list[str]) -> None:
        """`SearchIndex.add_entry_from_context`, the listings in `blocks` read once."""
        if (page.meta.get("search") or {}).get("exclude"):
            return
        parser = search.Parser()
        content = page.content
        cuts = sorted((i, b) for b in set(blocks) if (i := content.find(b)) >= 0)
        pos = 0
        for at, block in cuts:
            if at < pos:
                continue  # inside a listing already read
            parser.feed(content[pos:at])
            pos = at + len(block)
            summary = _summary(parser)
            if summary is None:
                parser.feed(block)
                continue
            key = (block, summary)
            self.used.add(key)
            if key not in self.read:
                self.read[key] = _read_alone(block, summary)
            added = self.read[key]
            if added is None:
                parser.feed(block)
            else:
                text, opened = added
                parser.section.text.extend(text)
                for tag, attrs, depth, sid, title, words in opened:  # fresh objects: the indexer may set a title
                    sec = search.Section(search.Element(tag, dict(attrs)), depth)
                    sec.id, sec.title, sec.text = sid, list(title), list(words)
                    parser.data.append(sec)
        parser.feed(content[pos:])
        parser.close()
        for section in parser.data:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    def end_build(self) -> None:
        """Forget the listings this build did not show (an edit leaves the old one behind)."""
        for key in [k for k in self.read if k not in self.used]:
            del self.read[key]
        self.used = set()
