"""Material's search indexing of a page whose long macro listings did not all change.

`SearchIndex.add_entry_from_context` (Material 9) feeds the page's whole HTML to its `Parser`,
which splits it into sections and collects each section's text. The All claims page holds every
claim card (megabytes at a thousand claims) and changes whenever any claim does, though only the
listing of one kind changed. Here the same parser is fed the same HTML in pieces, cut where each
listing the macros adapter held out of the conversion (`site_adapter.Held`) begins and ends; a
cut before a tag gives the parser the same calls as one feed. A listing is a whole element at
the top of the page, so what the parser adds to the section while reading it depends only on the
listing, on a few facts about the section's text so far and on the tags of the elements open
around it (`_summary`); that is remembered, and a listing read before in the same circumstances
is not read again. A new listing is read the same way card by card (its children that start
alike), so a listing with one card changed reads that card only. A heading inside a listing
that the listing also leaves (the notes' `<details>` holds one in its summary) opens a section
the parser never returns to: that section is remembered whole, and the parser comes back to the
section it was in, provided every section after that one was left for good too. Where anything
else could matter (an open element, an unread remainder, a heading left open, an excluded
element inside the listing), the listing is simply fed to the parser.
"""

from __future__ import annotations

from typing import Any

from material.plugins.search import plugin as search

from site_adapter import split_listing

_KEEP = ("code", "li", "ol", "p", "pre", "sub", "sup")  # the tags the parser keeps (Parser.keep)
_BASE_SKIP = frozenset({"object", "script", "style"})

Summary = tuple[str, float, bool, bool, frozenset[str], tuple[str, ...]]
Opened = tuple[tuple[str, dict[str, str], float, str | None, tuple[str, ...], tuple[str, ...]], ...]
Read = tuple[tuple[str, ...], Opened]
_INF = float("inf")


def _summary(parser: Any) -> Summary | None:
    """What reading a whole element can depend on, or None where it can depend on more: the
    current section's tag and depth, a few facts about its text (`_facts`), and the tags of the
    elements open around it (which say whether text is preformatted)."""
    if not _settled(parser):
        return None
    facts = _facts(parser.section.text)
    return None if facts is None else _with(parser, facts)


def _settled(parser: Any) -> bool:
    section = parser.section
    return not (
        section is None
        or parser.rawdata
        or not _last_open(parser)
        or parser.cdata_elem is not None
        or section.depth > 1
        or len(parser.skip) != len(_BASE_SKIP)
        or not all(isinstance(s, str) for s in parser.skip)
        # An open element the parser skips, or one its title or permalink test looks for.
        or any(e.tag in _BASE_SKIP or e.tag == "a" or e.tag == section.el.tag for e in parser.context)
    )


def _with(parser: Any, facts: tuple[bool, bool, frozenset[str]]) -> Summary:
    section = parser.section
    return (section.el.tag, section.depth, *facts, tuple(e.tag for e in parser.context))


def _facts(text: list[str]) -> tuple[bool, bool, frozenset[str]] | None:
    """Whether the text is empty, ends in a space, and which kept tags' first opening mark is
    followed by more than space (an end tag of that name then adds to the text, where it would
    otherwise remove the text back to the mark: None)."""
    closed: set[str] = set()
    for tag in _KEEP:
        mark = f"<{tag}>"
        if mark in text:
            if all(t.isspace() for t in text[text.index(mark) + 1 :]):
                return None  # an end tag could remove text already there
            closed.add(tag)
    return bool(text), bool(text) and text[-1].isspace(), frozenset(closed)


class _Tracker:
    """`_facts` of a text that only grows, kept up to date as it grows (`_facts` scans it all)."""

    def __init__(self, text: list[str]) -> None:
        self.first: set[str] = set()
        self.pending: set[str] = set()
        self.add(text)

    def add(self, items: Any) -> None:
        for item in items:
            if not item.isspace():
                self.pending.clear()
            if len(item) > 2 and item[0] == "<" and item[-1] == ">" and (tag := item[1:-1]) in _KEEP and tag not in self.first:
                self.first.add(tag)
                self.pending.add(tag)

    def facts(self, text: list[str]) -> tuple[bool, bool, frozenset[str]] | None:
        if self.pending:
            return None
        return bool(text), bool(text) and text[-1].isspace(), frozenset(self.first)


def _last_open(parser: Any) -> bool:
    """Whether every section after the current one has been left for good (depth infinite): a
    heading inside a listing, left at the listing's end tag, returns the parser to the last
    section shallow enough, which is then the current one, as for a listing read alone."""
    data = parser.data
    i = len(data) - 1
    while i >= 0 and data[i] is not parser.section:
        if data[i].depth != _INF:
            return False
        i -= 1
    return i >= 0


def _stand_in(summary: Summary) -> tuple[Any, Any, list[str]]:
    """A parser in the circumstances `summary` names: a section of that tag and depth whose text
    has just those facts, inside elements of those tags."""
    tag, depth, nonempty, last_space, closed, context = summary
    parser = search.Parser()
    section = search.Section(search.Element(tag), depth)
    parser.section = section
    parser.data.append(section)
    parser.context = [search.Element(t) for t in context]
    start: list[str] = []
    for t in sorted(closed):
        start += [f"<{t}>", "x"]
    if nonempty and (last_space or not start):
        start.append(" " if last_space else "x")
    section.text = list(start)
    return parser, section, start


def _outcome(parser: Any, section: Any, start: list[str], context: list[Any]) -> Read | None:
    """What the stand-in parser added, if reading left it as it found it (but for the text
    added and the sections opened and left), else None."""
    if (
        parser.rawdata
        or len(parser.context) != len(context)
        or any(a is not b for a, b in zip(parser.context, context, strict=True))
        or parser.section is not section
        or parser.data[0] is not section
        or any(s.depth != _INF for s in parser.data[1:])
        or section.title
        or len(parser.skip) != len(_BASE_SKIP)
        or section.text[: len(start)] != start
    ):
        return None
    opened = tuple((s.el.tag, dict(s.el.attrs), s.depth, s.id, tuple(s.title), tuple(s.text)) for s in parser.data[1:])
    return tuple(section.text[len(start) :]), opened


def _replay(parser: Any, read: Read) -> None:
    text, opened = read
    parser.section.text.extend(text)
    for tag, attrs, depth, sid, title, words in opened:  # fresh objects: the indexer may set a title
        sec = search.Section(search.Element(tag, dict(attrs)), depth)
        sec.id, sec.title, sec.text = sid, list(title), list(words)
        parser.data.append(sec)


class Listings:
    """What the parser made of each listing, by listing and circumstances, for the next build;
    and of each child of a listing (a claim card), so that a listing with one card changed is
    read card by card, the other cards not read again."""

    def __init__(self) -> None:
        self.read: dict[tuple[str, Summary], Read | None] = {}
        self.used: set[tuple[str, Summary]] = set()

    def _read(self, block: str, summary: Summary, split: bool = True) -> Read | None:
        key = (block, summary)
        self.used.add(key)
        if key not in self.read:
            pieces = split_listing(block) if split else None
            self.read[key] = self._read_pieces(pieces, summary) if pieces else self._read_alone(block, summary)
        return self.read[key]

    def _read_alone(self, block: str, summary: Summary) -> Read | None:
        parser, section, start = _stand_in(summary)
        context = list(parser.context)
        parser.feed(block)
        return _outcome(parser, section, start, context)

    def _read_pieces(self, pieces: list[str], summary: Summary) -> Read | None:
        """`_read_alone` of the whole block, each child remembered as a block of its own."""
        parser, section, start = _stand_in(summary)
        context = list(parser.context)
        parser.feed(pieces[0])
        tracker = _Tracker(section.text)
        for piece in pieces[1:-1]:
            facts = tracker.facts(section.text) if parser.section is section and _settled(parser) else None
            read = self._read(piece, _with(parser, facts), split=False) if facts is not None else None
            if read is None:
                parser.feed(piece)
                tracker = _Tracker(section.text)  # the text may have lost items: counted afresh
            else:
                _replay(parser, read)
                tracker.add(read[0])
        parser.feed(pieces[-1])
        return _outcome(parser, section, start, context)

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
            added = None if summary is None else self._read(block, summary)
            if added is None:
                parser.feed(block)
            else:
                _replay(parser, added)
        parser.feed(content[pos:])
        parser.close()
        for section in parser.data:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    def end_build(self) -> None:
        """Forget the listings and cards this build did not show (an edit leaves the old one behind)."""
        for key in [k for k in self.read if k not in self.used]:
            del self.read[key]
        self.used = set()
