"""A page as its reader reads it: its Markdown rendered to HTML by Python-Markdown, configured as
the site build configures it, and every text node a reader can see, with the Markdown line it
came from.

The page rules read this, never a second reading of the Markdown: what the parser makes of a
line (a fence that is only inline code, a heading, a table, a raw HTML block) is what the checks
see. How:

1. **Macros become markers.** mkdocs-macros renders each call before Markdown sees the page.
   Each call is replaced by one character of the supplementary private-use planes (a page cannot
   hold one of its own: any private-use character of the page is turned into U+FFFD first, and
   the script rule reports it), with Jinja's whitespace control (`{{-`, `-}}`) applied as Jinja
   applies it. A character is plain text to Markdown, so it stays where the reader sees the
   citation marker: inside its sentence, before or after the full stop.
2. **Markdown renders the page** with the extensions and settings of `mkdocs.yml`'s
   `markdown_extensions` (MkDocs adds `toc`, `tables` and `fenced_code` to any list), handed to
   the core by the site adapter (`Inventory.markdown_extensions`, `.markdown_configs`): the same
   library and configuration as the build.
3. **The HTML is parsed as a browser parses it** (`briefing.markup`'s parser, selectolax over
   Lexbor, which implements the HTML5 parsing algorithm), raw HTML included, and walked in
   document order. An element the page allowlist refuses (`markup.page_element_problem`:
   `<style>`, `hidden`, `style=`, `dir=`, a class of the site's own markup…) could hide words from
   the reader or show words the checks never read: the markup rule reports it, and the text it
   holds is read but not judged again.
4. **Text becomes units.** Each block (paragraph, list item, heading, table row, definition,
   summary, code block…) is split into sentences; a citation marker right after a full stop
   belongs to the sentence before it. Headings, admonition titles, table headers, summaries and
   captions are labels of the part they head. A link's title and an image's alt text belong to
   the unit they sit in. Text inside an `!!! about` block is explanatory.
5. **Each unit is placed on the Markdown line it came from.** Python-Markdown keeps no source
   positions, so each unit's first words are looked for in the page's Markdown (markers in
   place, comments, tags, link addresses and attribute lists blanked), from where the text
   before it was found: text nodes come in source order. A unit whose words the Markdown does
   not hold (an admonition title the extension wrote) takes the place of the text after it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element

from briefing import markup
from briefing.sentences import _ABBREV

# -- the Markdown configuration ------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkdownSetup:
    """Python-Markdown's extensions and their settings, as the site build passes them."""

    extensions: tuple[Any, ...] = ("toc", "tables", "fenced_code")
    configs: tuple[tuple[str, Any], ...] = ()  # (extension, settings), in a hashable shape

    @classmethod
    def of(cls, extensions: list[Any], configs: dict[str, Any] | None) -> MarkdownSetup:
        return cls(tuple(extensions), tuple(sorted((str(k), _frozen(v)) for k, v in (configs or {}).items())))

    def settings(self) -> dict[str, dict[str, Any]]:
        return {k: _thawed(v) for k, v in self.configs}

    def permalink(self) -> tuple[str, str] | None:
        """The text and title of the permalink `toc` adds to each heading, or None."""
        toc = self.settings().get("toc", {})
        link = toc.get("permalink")
        if not link:
            return None
        return ("¶" if link is True else str(link)), str(toc.get("permalink_title", "Permanent link"))


def _frozen(v: Any) -> Any:
    if isinstance(v, dict):
        return ("__dict__", tuple(sorted((str(k), _frozen(x)) for k, x in v.items())))
    if isinstance(v, list | tuple):
        return ("__list__", tuple(_frozen(x) for x in v))
    return v


def _thawed(v: Any) -> Any:
    if isinstance(v, tuple) and len(v) == 2 and v[0] == "__dict__":
        return {k: _thawed(x) for k, x in v[1]}
    if isinstance(v, tuple) and len(v) == 2 and v[0] == "__list__":
        return [_thawed(x) for x in v[1]]
    return v


@lru_cache(maxsize=4)
def _markdown(setup: MarkdownSetup) -> Any:
    import markdown

    return markdown.Markdown(extensions=list(setup.extensions), extension_configs=setup.settings())


def render_html(markdown_text: str, setup: MarkdownSetup) -> str:
    """The page's Markdown as the build's Markdown step makes it HTML."""
    md = _markdown(setup)
    md.reset()
    return str(md.convert(markdown_text))


# -- macro calls as markers --------------------------------------------------------------------------

MARK_PLANES = ((0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))  # supplementary private-use areas A and B
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def marker(i: int) -> str:
    start, end = MARK_PLANES[0]
    if i <= end - start:
        return chr(start + i)
    return chr(MARK_PLANES[1][0] + i - (end - start + 1))


# Any marker (`MARK_PLANES`): the characters `marker_index` reads, found at C speed.
_MARKER = re.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def marker_index(ch: str) -> int | None:
    o = ord(ch)
    (a0, z0), (a1, z1) = MARK_PLANES
    if a0 <= o <= z0:
        return o - a0
    if a1 <= o <= z1:
        return o - a1 + (z0 - a0 + 1)
    return None


def is_marker(ch: str) -> bool:
    return marker_index(ch) is not None


@dataclass(frozen=True)
class Call:
    """A macro call of the page: its name, its arguments and where it is."""

    name: str
    args: tuple[Any, ...]
    start: int  # offsets in the page's Markdown
    end: int


@dataclass
class Substituted:
    """The page's Markdown with each macro call as one marker; `to_original` maps back."""

    text: str
    calls: list[Call]
    _cuts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, offset in the original), at each change

    def to_original(self, pos: int) -> int:
        i = bisect.bisect_right(self._cuts, (pos, 1 << 62)) - 1
        if i < 0:
            return pos
        at, orig = self._cuts[i]
        return orig + (pos - at)


def substitute(body: str, macro_re: re.Pattern[str], parse_args: Any) -> Substituted:
    """Each well-formed macro call of `body` replaced by a marker, as Jinja would see it: `{{-`
    strips the whitespace before the call, `-}}` the whitespace after it (line breaks included).
    Private-use characters the page holds become U+FFFD, so no page can forge a marker."""
    body = _PRIVATE.sub("\ufffd", body)
    out: list[str] = []
    cuts: list[tuple[int, int]] = []
    calls: list[Call] = []
    pos = 0  # in the original
    length = 0  # of what is written so far
    for m in macro_re.finditer(body):
        before = body[pos : m.start()]
        if m.group(0).startswith("{{-"):
            before = before.rstrip()
        out.append(before)
        length += len(before)
        calls.append(Call(m.group(1), parse_args(m.group(2)), m.start(), m.end()))
        out.append(marker(len(calls) - 1))
        cuts.append((length, m.start()))
        length += 1
        pos = m.end()
        if m.group(0).endswith("-}}"):
            while pos < len(body) and body[pos].isspace():
                pos += 1
        cuts.append((length, pos))
    out.append(body[pos:])
    return Substituted("".join(out), calls, cuts)


# -- units ------------------------------------------------------------------------------------------

SENTENCE, ROW, CODE, LABEL, ATTRIBUTE, MACRO = "sentence", "row", "code", "label", "attribute", "macro"
# What a reader sees a label or an attribute as, for messages.
HEADING, ADMONITION_TITLE, TABLE_HEADER, SUMMARY, CAPTION = "heading", "admonition title", "table header", "summary", "caption"
LINK_TITLE, ALT_TEXT = "title", "alt text"


@dataclass(eq=False)
class Unit:
    """One thing a reader reads: a sentence, a table row, a code block, a label (heading,
    admonition title, table header, summary, caption), or an attribute's text (an element's
    title, an image's alt text)."""

    kind: str  # SENTENCE, ROW, CODE, LABEL, ATTRIBUTE, or MACRO (a macro call standing alone: no text of the page)
    shown_as: str  # "sentence", "table row", "code block", "heading", "admonition title", "title", "alt text"…
    text: str  # as the reader reads it: markers removed, white space folded
    raw: str  # the text with its markers
    cites: tuple[str, ...] = ()  # claim ids of the citing macros in it (an attribute: those of its unit)
    calls: tuple[Call, ...] = ()  # every macro call in it
    explanatory: bool = False  # in an `!!! about` block
    section: set[str] = field(default_factory=set)  # labels: the claims cited in the part they head
    section_calls: list[Call] = field(default_factory=list)  # labels: every macro call in the part they head
    level: int = 0  # headings: 1 … 6
    owner: Unit | None = field(default=None, repr=False)  # an attribute's unit
    refused: bool = False  # it holds markup the page may not use: the markup rule reports that, its words are not judged too
    line: int = 0
    col: int = 0


@dataclass
class PageText:
    units: list[Unit]
    calls: list[Call]
    html: str  # the HTML Markdown made of the page, each macro call a marker (`marker(i)` for `calls[i]`)


BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
        "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
        "ul", "summary",
    }
)  # fmt: skip
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_MARKS = "\U000f0000-\U000ffffd\U00100000-\U0010fffd"
# The end of a sentence: a full stop (or ! ?), closing quote marks or brackets, the citation
# markers that follow it (they belong to it), then space and what can start a sentence.
_SENT_END = re.compile(rf"[.!?]([\"”’)\]]*(?:\s*[{_MARKS}])*)(\s+)(?=[\"“‘(\[]*[^\W_])")
_WORD = re.compile(r"[^\W_]+")
_ABBREVIATED = re.compile(r"(?<![^\W_])(?:[A-Z]|(?i:" + "|".join(re.escape(a) for a in sorted(_ABBREV, key=len, reverse=True)) + r"))\Z")


def parse(html: str) -> Element:
    """The page's HTML as the reader's browser parses it (`briefing.markup`'s parser, in the body
    of a whole document), as a tree of elements with text and tails; comments left out."""
    body = markup.parse_in_page(html).body
    root = Element("div")
    if body is not None:
        _copy(body, root)
    return root


def _copy(node: Any, into: Element) -> None:
    last: Element | None = None
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            text = child.text_content or ""
            if last is None:
                into.text = (into.text or "") + text
            else:
                last.tail = (last.tail or "") + text
        elif tag and not tag.startswith(("-", "#", "_")):
            last = Element(tag, {k.lower(): v or "" for k, v in child.attributes.items()})
            into.append(last)
            _copy(child, last)


def _refused(el: Element) -> bool:
    """Whether the page allowlist refuses this element as it is (`briefing.markup` reports it)."""
    return isinstance(el.tag, str) and markup.page_element_problem(el.tag, list(el.attrib.items())) is not None


_SAMPLE = re.compile(r"\[\d{1,3}\]\Z")


def _is_marker_sample(el: Element) -> bool:
    """What a citation marker looks like, shown on a page that explains the site (the class
    `bf-marker-sample`): `[1]`, no words, no fact."""
    return el.tag == "span" and _classes(el) == ["bf-marker-sample"] and len(el) == 0 and _SAMPLE.match(el.text or "") is not None


def _classes(el: Element) -> list[str]:
    return el.attrib.get("class", "").split()


def _has_words(text: str) -> bool:
    return _WORD.search(text) is not None


class _Walker:
    """Walks the parsed page in document order and cuts its text into units."""

    def __init__(self, calls: list[Call], cite_macros: frozenset[str], permalink: tuple[str, str] | None) -> None:
        self.calls = calls
        self.cite_macros = cite_macros
        self.permalink = permalink
        self.units: list[Unit] = []
        self.scopes: list[list[Unit]] = []  # per unit: the labels whose part it is in
        self.sections: list[tuple[int, Unit]] = []  # open headings: (level, unit)
        self.parts: list[Unit] = []  # open labels of admonitions, details, tables and figures
        self.about = 0  # depth of `!!! about` blocks
        self.in_code = False  # inside a code block (its code element is read with it)
        self.refused = 0  # depth of refused elements being read
        self.tainted = False  # the current run holds text of a refused element
        self._checked: Element | None = None  # a refused element read as if allowed (checked once)
        self.kind, self.shown_as, self.level = SENTENCE, "sentence", 0
        self.buf: list[str] = []
        self.attrs: list[tuple[int, str, str]] = []  # (offset in the run, what, text)

    # -- the current run of inline text --------------------------------------------------------------
    def text(self, s: str | None) -> None:
        if s:
            self.buf.append(s)
            self.tainted = self.tainted or self.refused > 0

    def attribute(self, what: str, value: str) -> None:
        if any(is_marker(ch) for ch in value):  # refused (`macro-in-markup`); its sentence still cites what it names
            self.buf.append("".join(ch for ch in value if is_marker(ch)))
        if value.strip():
            self.attrs.append((sum(map(len, self.buf)), what, value))

    def begin(self, kind: str, shown_as: str, level: int = 0) -> None:
        self.flush()
        self.kind, self.shown_as, self.level = kind, shown_as, level

    def flush(self) -> None:
        text, attrs = "".join(self.buf), self.attrs
        kind, shown_as, level, tainted = self.kind, self.shown_as, self.level, self.tainted
        self.buf, self.attrs, self.tainted = [], [], self.refused > 0
        self.kind, self.shown_as, self.level = SENTENCE, "sentence", 0
        if not text and not attrs:
            return
        pieces = self._sentences(text) if kind == SENTENCE else [(0, len(text))]
        made: list[tuple[int, Unit]] = []
        for a, z in pieces:
            piece = text[a:z]
            visible = visible_text(piece)
            calls = tuple(self.calls[i] for ch in _MARKER.findall(piece) if (i := marker_index(ch)) is not None and i < len(self.calls))
            if not _has_words(visible):
                if calls:  # a listing, the judgments, the timeline…: what they show counts for the labels above
                    self._add(Unit(MACRO, "macro", "", piece, calls=calls, explanatory=self.about > 0))
                continue
            cites = tuple(dict.fromkeys(x for c in calls if c.name in self.cite_macros for x in map(str, c.args)))
            unit = Unit(kind, shown_as, visible, piece.strip(), cites, calls, self.about > 0, level=level, refused=tainted)
            self._add(unit)
            made.append((a, unit))
        for off, what, value in attrs:
            owner = next((u for a, u in reversed(made) if a <= off), made[0][1] if made else None)
            unit = Unit(ATTRIBUTE, what, " ".join(value.split()), value, explanatory=self.about > 0, owner=owner, refused=tainted)
            if owner is not None:
                unit.cites, unit.explanatory = owner.cites, owner.explanatory
            self._add(unit)

    def _sentences(self, text: str) -> list[tuple[int, int]]:
        out, start = [], 0
        for m in _SENT_END.finditer(text):
            if _ABBREVIATED.search(text, start, m.start()):
                continue  # "Mr. Rogozin", "J. Smith": not the end of a sentence
            out.append((start, m.end(1)))
            start = m.end(2)
        out.append((start, len(text)))
        return out

    def _tainted_by(self, el: Element) -> None:
        if _refused(el):
            self.tainted = True

    def _add(self, unit: Unit) -> None:
        self.units.append(unit)
        self.scopes.append([u for _, u in self.sections] + self.parts)

    # -- elements -----------------------------------------------------------------------------------------
    def children(self, el: Element, parent: str = "") -> None:
        self.text(el.text)
        for child in el:
            self.element(child, parent or el.tag)

    def _refused_element(self, el: Element, parent: str) -> None:
        """A refused element's content, read as if it were allowed (its tail is the caller's)."""
        tail, el.tail = el.tail, None
        self._checked = el
        self.element(el, parent)
        el.tail = tail

    def element(self, el: Element, parent: str = "") -> None:
        tag = el.tag
        if not isinstance(tag, str):  # a comment: never shown
            self.text(el.tail)
            return
        if self._checked is el:
            self._checked = None
        elif _refused(el):
            # Refused (the markup rule reports it): the text around it is read, but what holds it
            # is not judged too (its words change when the markup goes).
            self.refused += 1
            self.tainted = True
            self._refused_element(el, parent)
            self.refused -= 1
            self.text(el.tail)
            return
        if self._is_permalink(el, parent) or _is_marker_sample(el):
            self.text(el.tail)
            return
        classes = _classes(el)
        about = tag == "div" and "admonition" in classes and "about" in classes
        self.about += about
        if tag in _HEADINGS:
            self._heading(el)
        elif tag == "p" and "admonition-title" in classes:
            self._label(el, ADMONITION_TITLE)
        elif tag in ("summary", "caption", "figcaption"):
            self._label(el, SUMMARY if tag == "summary" else CAPTION)
        elif tag == "tr":
            self._row(el, parent)
        elif tag == "pre":
            self.begin(CODE, "code block")
            self.in_code = True
            self._inline(el)
            self.in_code = False
            self.flush()
        elif tag in ("div", "details", "table", "figure") and ("admonition" in classes or tag != "div"):
            self.flush()
            opened = len(self.parts)
            self.children(el)
            self.flush()
            del self.parts[opened:]
        elif tag in BLOCK:
            self.flush()
            self._inline(el)
            self.flush()
        else:
            if tag == "br":
                self.text("\n")
            self._inline(el)
        self.about -= about
        self.text(el.tail)

    def _inline(self, el: Element) -> None:
        if el.tag == "img" and "alt" in el.attrib:
            self.attribute(ALT_TEXT, el.attrib["alt"])
        if "title" in el.attrib:
            self.attribute(LINK_TITLE, el.attrib["title"])
        self.children(el)

    def _is_permalink(self, el: Element, parent: str) -> bool:
        """The permalink `toc` writes into each heading: a fixed sign and title, not the page's text."""
        if parent not in _HEADINGS or self.permalink is None or el.tag != "a" or _classes(el) != ["headerlink"]:
            return False
        sign, title = self.permalink
        return (
            set(el.attrib) == {"class", "href", "title"}
            and el.attrib["title"] == title
            and el.attrib["href"].startswith("#")
            and (el.text or "") == sign
            and len(el) == 0
        )

    def _heading(self, el: Element) -> None:
        level = _HEADINGS[str(el.tag)]
        while self.sections and self.sections[-1][0] >= level:
            self.sections.pop()
        before = len(self.units)
        self.begin(LABEL, HEADING, level)
        self._inline(el)
        self.flush()
        made = [u for u in self.units[before:] if u.kind == LABEL]
        if made:
            self.sections.append((level, made[0]))

    def _label(self, el: Element, shown_as: str) -> None:
        before = len(self.units)
        self.begin(LABEL, shown_as)
        self._inline(el)
        self.flush()
        self.parts.extend(u for u in self.units[before:] if u.kind == LABEL)

    def _row(self, el: Element, parent: str) -> None:
        cells = [c for c in el if isinstance(c.tag, str)]
        if cells and all(c.tag == "th" for c in cells):  # a header row: each cell labels its column
            self.flush()
            for c in cells:
                refused = _refused(c)
                self.refused += refused
                self._label(c, TABLE_HEADER)
                self.refused -= refused
            return
        # A row is one statement: its cells read together.
        self.begin(ROW, "table row")
        for c in el:
            if not isinstance(c.tag, str):
                continue
            self._tainted_by(c)
            if "title" in c.attrib:
                self.attribute(LINK_TITLE, c.attrib["title"])
            self.text(c.text)
            for child in c:
                self._cell_child(child)
            self.text(" ")
        self.flush()

    def _cell_child(self, el: Element) -> None:
        if not isinstance(el.tag, str):
            self.text(el.tail)
            return
        self._tainted_by(el)
        if el.tag == "br":
            self.text("\n")
        if el.tag == "img" and "alt" in el.attrib:
            self.attribute(ALT_TEXT, el.attrib["alt"])
        if "title" in el.attrib:
            self.attribute(LINK_TITLE, el.attrib["title"])
        self.text(el.text)
        for child in el:
            self._cell_child(child)
        self.text(el.tail)


# -- placing units on the Markdown's lines -------------------------------------------------------------

_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LINK_TARGET = re.compile(r"(?<=\])\([^()\s]*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[#.][^{}\n]*\}")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+", re.M)
_ADMONITION_LINE = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*\S", re.M)


def _blank(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group())


def _masked(text: str) -> str:
    """The Markdown with what no reader sees as text blanked, same length and lines."""
    for pattern in (_HIDDEN, _TAG, _LINK_TARGET, _ATTR_LIST, _REF_DEF):
        text = pattern.sub(_blank, text)
    return text


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _run_of(hay: str, words: list[str], start: int, whole: bool) -> tuple[int, int] | None:
    """The first place at or after `start` where `words` follow one another with only other
    characters between them (str.find, no pattern to compile: a page has hundreds of units)."""
    first = words[0]
    i = hay.find(first, start)
    while i != -1:
        end = i + len(first)
        ok = not whole or ((i == 0 or not _is_word_char(hay[i - 1])) and (end == len(hay) or not _is_word_char(hay[end])))
        pos = end
        for w in words[1:] if ok else ():
            while pos < len(hay) and not _is_word_char(hay[pos]):
                pos += 1
            if not hay.startswith(w, pos) or (pos + len(w) < len(hay) and _is_word_char(hay[pos + len(w)])):
                ok = False
                break
            pos += len(w)
        if ok:
            return i, pos
        i = hay.find(first, i + 1)
    return None


class _Locator:
    """Finds each unit's first words in the Markdown, in document order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.masked = _masked(text)
        self.cursor = 0

    def find(self, s: str, start: int, last: bool = False) -> tuple[int, int] | None:
        """Where the first (or last) words of `s` are, at or after `start`: the words in a row
        (anything but letters and digits between them), else the first word alone, as a whole
        word, else anywhere."""
        words = _WORD.findall(s)
        words = words[-3:] if last else words[:3]
        if not words:
            return None
        if not last and (lead := s.lstrip()[:24]).startswith("<") and (i := self.text.find(lead, start)) != -1:
            # Text that looks like a tag but that Markdown left as text (`<img/src=…>`): the
            # masked reading blanked it with the tags, so it is looked for as written.
            return i, i + len(lead)
        for hay in (self.masked, self.text):
            for run, whole in ((words, True), (words[:1], True), (words[:1], False)):
                if (span := _run_of(hay, run, start, whole)) is not None:
                    return span
        return None

    def place(self, unit: Unit, owner_at: int | None) -> int:
        if unit.kind == ATTRIBUTE:
            # An attribute's words where Markdown or HTML writes an attribute (after a quote mark, a
            # bracket or `![`), nearest after its unit's start; a reference's title may be defined anywhere.
            start = owner_at if owner_at is not None else self.cursor
            words = _WORD.findall(unit.raw)[:3]
            if words:
                opening = r"(?:!\[|alt=[\"'])" if unit.shown_as == ALT_TEXT else r"[\"'(]"
                pattern = re.compile(opening + r"[ \t]*(" + r"[\W_]+".join(re.escape(w) for w in words) + ")")
                m = pattern.search(self.text, start) or pattern.search(self.text)
                if m:
                    return m.start(1)
            found = self.find(unit.raw, start) or self.find(unit.raw, 0)
            return found[0] if found else start
        start = self.cursor
        if unit.shown_as == ADMONITION_TITLE and (m := _ADMONITION_LINE.search(self.masked, start)):
            # A title the extension wrote ("Note") stands for the `!!!` line.
            found = self.find(unit.raw, m.start())
            pos = found[0] if found and self.text.count("\n", m.start(), found[0]) == 0 else m.end() - 1
        else:
            found = self.find(unit.raw, start)
            pos = found[0] if found else start
        # The next unit is looked for after this one's last words.
        end = self.find(unit.raw, pos, last=True)
        self.cursor = end[1] if end else pos + 1
        return pos


# -- reading a page ---------------------------------------------------------------------------------------


def read(
    body: str,
    setup: MarkdownSetup,
    macro_re: re.Pattern[str],
    parse_args: Any,
    cite_macros: frozenset[str],
    first_line: int = 1,
) -> PageText:
    """Every unit of the page a reader reads, with the claims each cites and its line."""
    sub = substitute(body, macro_re, parse_args)
    html = render_html(sub.text, setup)
    root = parse(html)
    walker = _Walker(sub.calls, cite_macros, setup.permalink())
    walker.children(root, "div")
    walker.flush()
    # A label heads the part it labels: the claims cited there are its evidence.
    for unit, scope in zip(walker.units, walker.scopes, strict=True):
        for label in scope:
            if label is not unit:
                label.section.update(unit.cites)
                label.section_calls.extend(unit.calls)
    loc = _Locator(sub.text)
    at: dict[int, int] = {}
    for unit in walker.units:
        if unit.kind == MACRO:  # exactly where its first call is
            unit.line, unit.col = _line_col(body, unit.calls[0].start, first_line)
            continue
        pos = loc.place(unit, at.get(id(unit.owner)) if unit.owner is not None else None)
        at[id(unit)] = pos
        unit.line, unit.col = _line_col(body, sub.to_original(pos), first_line)
    return PageText(walker.units, sub.calls, html)


def _offset(text: str, line: int, col: int, first_line: int = 1) -> int:
    pos = 0
    for _ in range(line - first_line):
        nxt = text.find("\n", pos)
        if nxt == -1:
            return pos
        pos = nxt + 1
    return pos + col - 1


def _line_col(text: str, pos: int, first_line: int = 1) -> tuple[int, int]:
    return text.count("\n", 0, pos) + first_line, pos - (text.rfind("\n", 0, pos) + 1) + 1


_MARKS_RUN = re.compile(rf"\s*[{_MARKS}]+")


def visible_text(text: str) -> str:
    """Text with the markers (and the space before each) taken out and white space folded."""
    return " ".join(_MARKS_RUN.sub("", text).split())
