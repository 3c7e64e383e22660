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
   the core by the site adapter (`Inventory.markdown`): the same library and configuration as
   the build.
3. **The HTML is parsed as a browser parses it** (html5lib implements the HTML5 parsing
   algorithm), raw HTML included, and walked in document order. Elements and attributes are
   read by allowlist (`html_problems`): an element, attribute, class or link the site does not
   know (`<style>`, `hidden`, `style=`, `dir=`, `class="bf-visually-hidden"`, `javascript:`…)
   could hide words from the reader or show words the checks never read, so it is refused.
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


# -- what a page may hold: elements, attributes, classes, links ----------------------------------------

# Elements Python-Markdown writes for the site's extensions, and the plain inline and block
# elements of prose. Anything else (script, style, iframe, svg, template, form controls, del and
# s, which strike words out, bdo and bdi, which reorder them, ruby, which adds text above them…)
# could show words the checks never read or hide words they read.
ELEMENTS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "b", "i",
        "a", "img", "br", "hr", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "div", "span", "abbr",
        "sup", "sub", "dl", "dt", "dd", "details", "summary", "figure", "figcaption", "q", "cite", "small", "kbd",
        "samp", "var", "mark", "time", "wbr",
    }
)  # fmt: skip
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang"})
ATTRIBUTES = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"style", "colspan", "rowspan", "scope"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
    "ol": frozenset({"start"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
}
# The one style the tables extension writes; no other (display:none would hide words).
TABLE_STYLE = re.compile(r"text-align: (?:left|right|center);\Z")
# Admonition types the theme styles (the type becomes a class: `!!! bf-visually-hidden` must not
# hide a block), and `about`, the site's own.
ADMONITION_TYPES = frozenset(
    {
        "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
        "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
        "bug", "example", "quote", "cite", "about",
    }
)  # fmt: skip
# The site's own classes a page may use (briefing.css styles them; none hides, moves or adds
# words: a test reads their rules): the bottom line's paragraphs.
PAGE_CLASSES = frozenset({"bf-bluf"})
# Not "toc": [TOC] would copy the headings' text into a div the walk would have to skip, and a
# page could write such a div by hand; the theme shows a table of contents of its own.
CLASSES = frozenset({"admonition", "admonition-title", "headerlink"}) | ADMONITION_TYPES | PAGE_CLASSES
_LANGUAGE_CLASS = re.compile(r"language-[a-z0-9+#_-]{1,30}\Z")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# Ids the site's own markup uses (citation markers and their tooltips, notes, judgments, the
# theme's toggles): an element of the page with one could take a tooltip's place.
RESERVED_ID = re.compile(r"(?:bf-|claim-|judgment-|question-|scale-|change-|s-\d|p-\d|nc-\d|__|md-)|citations-on-this-page\Z")


def _link_problem(value: str, schemes: frozenset[str]) -> str | None:
    # As a browser reads a URL: tabs and line breaks anywhere are dropped, spaces and controls
    # at either end are trimmed, before the scheme is read.
    v = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    m = _SCHEME.match(v)
    if m and m.group(1).lower() not in schemes:
        return f"a link to '{m.group(1)}:' ({', '.join(sorted(s + ':' for s in schemes))} and addresses within the site only)"
    return None


@dataclass(frozen=True)
class Refusal:
    text: str  # what the page holds, for the message
    needle: str  # what to look for in the Markdown, to place it


def html_problem(el: Element) -> Refusal | None:
    """Why the page may not hold this element as it is, or None."""
    tag = el.tag
    if not isinstance(tag, str):
        return None  # a comment: never shown
    if tag not in ELEMENTS:
        return Refusal(f"the element <{tag}> (a page may use the elements Markdown writes and plain prose markup only)", f"<{tag}")
    allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset())
    for name, value in el.attrib.items():
        if name not in allowed:
            return Refusal(f"the attribute {name}= on <{tag}> (it could change what a reader sees, or run code)", name)
        if name == "style" and not TABLE_STYLE.match(value):
            return Refusal(f"the style {value!r} on <{tag}> (only the alignment tables write)", "style")
        if name == "class":
            for cls in value.split():
                if cls not in CLASSES and not (tag == "code" and _LANGUAGE_CLASS.match(cls)):
                    why = f"the class {cls!r} (a class could hide words or show them out of place; only the ones Markdown writes are allowed)"
                    return Refusal(why, cls)
        if name in ("href", "cite") and (why := _link_problem(value, LINK_SCHEMES)):
            return Refusal(why, value.strip()[:20])
        if name == "src" and (why := _link_problem(value, frozenset({"http", "https"}))):
            return Refusal(why, value.strip()[:20])
        if name == "id" and RESERVED_ID.match(value):
            return Refusal(f"the id {value!r}, which the site's own markup uses", value)
    return None



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
    refused: bool = False  # it holds markup the page may not use: `page-html` reports it, its words are not judged too
    line: int = 0
    col: int = 0


@dataclass
class PageText:
    units: list[Unit]
    problems: list[tuple[int, int, str, str]]  # (line, col, code, message)
    calls: list[Call]


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
        # (units made before it, code, why, what to look for in the Markdown or the macro call it is about)
        self.problems: list[tuple[int, str, str, str | int]] = []
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
        if any(is_marker(ch) for ch in value):
            self.misplaced(value, f"a macro call inside the {what} of an element; the build would write its HTML into the attribute")
            self.buf.append("".join(ch for ch in value if is_marker(ch)))  # its sentence still cites what it names
        if value.strip():
            self.attrs.append((sum(map(len, self.buf)), what, value))

    def problem(self, code: str, why: str, needle: str | int = "") -> None:
        self.problems.append((len(self.units), code, why, needle))

    def misplaced(self, text: str, why: str) -> None:
        """A macro call the build would write where no reader reads it as a citation (an
        attribute, code): reported at the call."""
        for ch in text:
            if (i := marker_index(ch)) is not None:
                self.problem("macro-misplaced", why, i)

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
            calls = tuple(self.calls[i] for ch in piece if (i := marker_index(ch)) is not None and i < len(self.calls))
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
        elif why := html_problem(el):
            # Refused, and reported once: the text around it is read, but what holds it is not
            # judged again (its words change when the markup goes).
            self.problem("page-html", why.text, why.needle)
            self.refused += 1
            self.tainted = True
            self._refused_element(el, parent)
            self.refused -= 1
            self.text(el.tail)
            return
        if self._is_permalink(el, parent):
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
            self.misplaced("".join(self.buf), "a macro call inside a code block; the build would show its HTML as text")
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
            if tag == "code" and not self.in_code:
                self.misplaced("".join(el.itertext()), "a macro call inside code; the build would show its HTML as text")
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
        for name, value in el.attrib.items():
            if name not in ("alt", "title"):
                self.misplaced(value, f"a macro call inside the {name}= of an element; the build would write its HTML into the attribute")
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
                if why := html_problem(c):
                    self.problem("page-html", why.text, why.needle)
                self._label(c, TABLE_HEADER)
            return
        # A row is one statement: its cells read together.
        self.begin(ROW, "table row")
        for c in el:
            if not isinstance(c.tag, str):
                continue
            if why := html_problem(c):
                self.problem("page-html", why.text, why.needle)
            if "title" in c.attrib:
                self.attribute(LINK_TITLE, c.attrib["title"])
            self.text(c.text)
            for child in c:
                if isinstance(child.tag, str) and child.tag in BLOCK:
                    self.problem("page-html", f"a <{child.tag}> inside a table cell (a row is read as one statement)", f"<{child.tag}")
                self._cell_child(child)
            self.text(" ")
        self.flush()

    def _cell_child(self, el: Element) -> None:
        if not isinstance(el.tag, str):
            self.text(el.tail)
            return
        if why := html_problem(el):
            self.problem("page-html", why.text, why.needle)
        if el.tag == "code":
            self.misplaced("".join(el.itertext()), "a macro call inside code; the build would show its HTML as text")
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
    import html5lib

    sub = substitute(body, macro_re, parse_args)
    html = render_html(sub.text, setup)
    root = html5lib.parseFragment(html, container="div", treebuilder="etree", namespaceHTMLElements=False)
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
    problems = []
    looked: dict[str, int] = {}
    for made, code, why, needle in walker.problems:
        # What it names, looked for in the Markdown from the unit before it (and after the same
        # thing found for the problem before); else where the unit after it is.
        before = walker.units[made - 1] if made else None
        after = walker.units[made] if made < len(walker.units) else None
        if isinstance(needle, int):
            found = sub.calls[needle].start if needle < len(sub.calls) else -1
        elif needle:
            start = _offset(body, before.line, before.col, first_line) if before is not None and before.line else 0
            found = _find_token(body, needle, max(start, looked.get(needle, 0)))
            if found == -1:
                found = _find_token(body, needle, 0)
            looked[needle] = found + 1
        else:
            found = -1
        if found != -1:
            line, col = _line_col(body, found, first_line)
        elif after is not None:
            line, col = after.line, after.col
        else:
            line, col = (before.line, before.col) if before is not None else (first_line, 1)
        problems.append((line, col, code, f"the page holds {why}" if code == "page-html" else why))
    return PageText(walker.units, list(dict.fromkeys(problems)), sub.calls)


def _find_token(text: str, needle: str, start: int) -> int:
    """Where `needle` is written in the Markdown as a token of its own (any case: `[TOC]` writes
    the class `toc`), or -1."""
    m = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", re.I).search(text, start)
    return m.start() if m else -1


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
