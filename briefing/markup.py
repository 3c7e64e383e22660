"""What the site's HTML may hold, read as a browser reads it.

A pull request that touches only `docs/` writes HTML three ways: raw HTML in a page, Markdown
that Python-Markdown turns into HTML (links, images, `attr_list`'s `{: key=value }`, admonition
types that become classes), and text the theme prints from a page (its title). So the rules read
HTML, never Markdown, and they read it with a parser that implements the WHATWG parsing algorithm
(selectolax, over Lexbor), as the reader's browser will: no second, hand-written reading.

Three readings, three strengths:

- `page_problems`: the HTML a hand-written page makes (the check renders its Markdown with the
  site's Markdown configuration, each macro call standing as one marker character). By
  allowlist: the elements, attributes and classes Markdown writes and plain prose needs; links
  to the web or within the site; pictures from the site only; a macro call only where text goes.
- `content_problems`: the real HTML of any page at build time, the macros' own markup included
  (the build's guard in `site_adapter.py`, after every plugin). The page allowlist plus what the
  site's macros write (data-, aria- attributes, `role`, sections, JSON-LD data blocks).
- `document_problems`: the whole published document, the theme's chrome included (the guard,
  after the theme wrote the page). What may never be anywhere: an event handler, a script the
  theme did not write, a URL that runs code, a resource loaded from outside the site, a redirect,
  a frame, a form, a `<base>`.

Each problem is a `Finding`: what is wrong, and a piece of text (`needle`) to place it with.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

# -- markers: a macro call as the check renders it ------------------------------------------------------

# A macro call becomes one character of the supplementary private-use planes before the check
# renders a page (its output is the site's markup, made by the build). A page cannot hold such a
# character of its own: `unmark` turns each into U+FFFD first, so no page forges a marker.
MARK_START = 0xF0000
_PRIVATE = re.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def unmark(text: str) -> str:
    return _PRIVATE.sub("\ufffd", text)


def marker(i: int) -> str:
    return chr(MARK_START + i)


def has_marker(text: str) -> bool:
    return _PRIVATE.search(text) is not None


# -- what a hand-written page may hold -----------------------------------------------------------------

# Elements Python-Markdown writes for the site's extensions (tables, admonition, toc, attr_list,
# fenced code) and the plain inline and block elements of prose. Not: script, style, link, meta,
# base, iframe, frame, object, embed, form and its controls, svg and math (scripts and links of
# their own), template, video, audio, source, picture, canvas, dialog...
PAGE_ELEMENTS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "b",
        "i", "a", "img", "br", "hr", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "div", "span",
        "abbr", "sup", "sub", "dl", "dt", "dd", "details", "summary", "q", "cite", "small", "kbd", "samp", "var",
        "mark", "time", "wbr",
    }
)  # fmt: skip
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang"})
PAGE_ATTRIBUTES = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"style", "align", "colspan", "rowspan", "scope"}),
    "td": frozenset({"style", "align", "colspan", "rowspan"}),
    "ol": frozenset({"start"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
}
# The one style Markdown writes (the tables extension's column alignment); no other: a style can
# load a picture from anywhere (`background: url(…)`) or lay a link over the whole page.
TABLE_STYLE = re.compile(r"text-align: ?(?:left|right|center);?\Z")
TABLE_ALIGN = frozenset({"left", "right", "center"})
# Admonition types Material styles (`!!! type`: the type becomes a class, so `!!! bf-cite` would
# dress a block as a citation), and `about`, the site's own.
ADMONITION_TYPES = frozenset(
    {
        "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
        "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
        "bug", "example", "quote", "cite", "about",
    }
)  # fmt: skip
# Classes Markdown writes, and the ones the site's stylesheet (overrides/assets/briefing.css)
# offers hand-written pages. Every other class is the site's or the theme's own markup: a page
# wearing one could pass for a citation, a tooltip or a dialog.
# Not "toc": `[TOC]` writes a copy of the headings' text into a div the reading of the page would
# have to leave out, and a page could write such a div by hand; the theme shows a table of
# contents of its own.
PAGE_CLASSES = frozenset({"admonition", "admonition-title", "headerlink", "bf-bluf", "bf-marker-sample"}) | ADMONITION_TYPES
_LANGUAGE_CLASS = re.compile(r"language-[a-z0-9+#_-]{1,30}\Z")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}\Z")  # not "__…" (the theme's toggles) and nothing odd
# Ids the site's own markup uses (a citation's marker and tooltip, notes, judgments, questions, the
# scales): a page's element with one would take a tooltip's place for a screen reader.
RESERVED_ID = re.compile(r"(?:bf-|claim-|judgment-|question-|scale-|confidence-|change-|s-\d|p-\d|nc-\d|md-)|citations-on-this-page\Z", re.I)
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# -- what the site's macros add (the build's reading of real pages) --------------------------------------

SITE_ELEMENTS = PAGE_ELEMENTS | {"article", "section", "nav", "header", "footer", "aside", "figure", "figcaption", "script", "del", "ins"}
SITE_ATTRIBUTES = {
    **PAGE_ATTRIBUTES,
    "a": PAGE_ATTRIBUTES["a"] | {"rel", "tabindex"},
    "span": frozenset({"role", "tabindex"}),
    "div": frozenset({"role"}),
    "script": frozenset({"type"}),
}
DATA_TYPES = frozenset({"application/ld+json", "application/json"})  # script types a browser never runs

# -- what no published document may hold -------------------------------------------------------------

# Elements that run or embed something, or change where addresses lead: never anywhere in a page,
# the theme's chrome included (the theme's search box is a form without an action; a page's own form
# is refused by the page allowlist).
NEVER = frozenset(
    {
        "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe",
        "foreignobject", "set", "animate", "animatemotion", "animatetransform", "handler", "listener",
    }
)  # fmt: skip
# Attributes holding a URL the browser loads (or navigates to, for `href` on a link).
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "srcset", "imagesrcset", "action", "formaction", "data", "poster", "background", "cite",
        "longdesc", "manifest", "icon", "codebase", "archive", "lowsrc", "dynsrc", "ping", "xlink:href", "profile",
        "attributionsrc",
    }
)  # fmt: skip
# `<link rel=…>` values that only name another address (no request is made for them).
LINK_RELATIONS_NAMED = frozenset({"canonical", "prev", "next", "alternate", "author", "license", "help", "search", "me"})


@dataclass(frozen=True)
class Finding:
    code: str  # "page-markup", "page-link" or "macro-in-markup"
    message: str
    needle: str  # text of the page to place the finding at (a macro call's marker: the call)
    near: str = ""  # where to look when the needle is not in the page as written (an attribute's name)


# -- reading URLs as a browser does ---------------------------------------------------------------------

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_C0_AND_SPACE = "".join(chr(i) for i in range(0x21))


def _url(value: str) -> str:
    # The URL parser drops tabs and line breaks anywhere and trims C0 controls and spaces at both
    # ends before it reads the scheme; backslashes count as slashes in web addresses.
    return re.sub(r"[\t\n\r]", "", value).strip(_C0_AND_SPACE).replace("\\", "/")


def scheme_of(value: str) -> str | None:
    m = _SCHEME.match(_url(value))
    return m.group(1).lower() if m else None


def leaves_site(value: str) -> bool:
    """Whether a browser would fetch this URL from another host: it has a scheme (http:, data:…)
    or starts with two slashes (`//host/…`, `\\\\host`, `/\\host`)."""
    v = _url(value)
    return scheme_of(v) is not None or v.startswith("//")


def link_problem(value: str) -> str | None:
    """Why a link's address may not be followed from a page: a scheme other than http, https and
    mailto (javascript:, data:, vbscript:, file:…), or a host written without a scheme."""
    s = scheme_of(value)
    if s is not None and s not in LINK_SCHEMES:
        return f"a link to '{s}:' (links go to http://, https:// or mailto: addresses, or within the site)"
    if s is None and _url(value).startswith("//"):
        return f"the address {value.strip()[:40]!r} names a host without a scheme; write it in full, with https://"
    return None


def resource_problem(value: str) -> str | None:
    """Why a browser may not load this URL with the page: it is not on the site (the site works
    offline, and a picture from elsewhere tells another host who reads what)."""
    if leaves_site(value):
        return f"{value.strip()[:60]!r} is loaded from outside the site (the site works offline and sends readers nowhere unasked)"
    return None


# -- the walk ------------------------------------------------------------------------------------------


_WRAPPERS = ("html", "head", "body")


def parse_in_page(html: str) -> LexborHTMLParser:
    """HTML as a browser parses it inside a page of the site (scripting enabled): in the body of a
    whole document, so that what a fragment parser would drop (`<body onload=…>` adds its
    attributes to the page's own body) is seen as the reader's browser sees it."""
    return LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}</body></html>", scripting=True)


def _elements(tree: LexborHTMLParser) -> Iterator[LexborNode]:
    root = tree.root
    if root is None:
        return
    for node in root.traverse(include_text=False):
        if node.tag and not node.tag.startswith(("-", "#", "_")):
            yield node


def _attrs(node: LexborNode) -> list[tuple[str, str]]:
    return [(k.lower(), v if v is not None else "") for k, v in node.attributes.items()]


def _element_problem(tag: str, allowed: frozenset[str]) -> Finding | None:
    if tag in allowed:
        return None
    why = f"the element <{tag}> is not allowed on a page (pages use the markup Markdown writes and plain prose markup only)"
    return Finding("page-markup", why, f"<{tag}")


def _marker_in(node: LexborNode) -> Finding | None:
    """A macro call (its marker) in the element's tag or attributes: its output is markup, and
    would break the tag open."""
    for name, value in [(node.tag, ""), *_attrs(node)]:
        if m := _PRIVATE.search(name + value):
            where = f"the tag <{node.tag}>" if name == node.tag else f"the attribute {name}= of <{node.tag}>"
            why = f"a macro call inside {where}: its output is markup and would break the tag open; put the call in the text"
            return Finding("macro-in-markup", why, m.group())
    return None


def _wrapper_problem(node: LexborNode) -> Finding | None:
    if node.attributes:
        name = next(iter(node.attributes))
        return Finding(
            "page-markup", f"the attribute {name}= on <{node.tag}> (a page's <{node.tag}> tag adds it to the whole document)", name
        )
    return None


def page_element_problem(tag: str, attrs: list[tuple[str, str]]) -> Finding | None:
    """Why a hand-written page may not hold this element as it is (the first reason), or None:
    the page allowlist for one element, which the reading of the page's text also asks
    (`briefing.pagetext`: what such an element holds is reported once, here)."""
    for name, value in [(tag, ""), *attrs]:
        if m := _PRIVATE.search(name + value):
            where = f"the tag <{tag}>" if name == tag else f"the attribute {name}= of <{tag}>"
            why = f"a macro call inside {where}: its output is markup and would break the tag open; put the call in the text"
            return Finding("macro-in-markup", why, m.group())
    if tag in _WRAPPERS:
        return None
    if f := _element_problem(tag, PAGE_ELEMENTS):
        return f
    allowed = GLOBAL_ATTRIBUTES | PAGE_ATTRIBUTES.get(tag, frozenset())
    for name, value in attrs:
        if name not in allowed:
            why = f"the attribute {name}= on <{tag}> is not allowed on a page (it could run code, load something or change what readers see)"
            return Finding("page-markup", why, name)
        if f := _value_problem(tag, name, value, site=False):
            return f
    return None


def page_problems(html: str) -> list[Finding]:
    """What the HTML of a hand-written page holds beyond the page allowlist (its macro calls as
    markers: one may stand only where text goes, not in a tag nor in code, where the build would
    show its HTML as text), in document order; what a page's own `<body>` or `<html>` tag adds to
    the document's comes last."""
    out: list[Finding] = []
    wrappers: list[Finding] = []
    for node in _elements(parse_in_page(html)):
        tag = node.tag
        attrs = _attrs(node)
        if f := _marker_in(node):
            out.append(f)
            continue
        if tag in _WRAPPERS:
            if f := _wrapper_problem(node):
                wrappers.append(f)
            continue
        if f := _element_problem(tag, PAGE_ELEMENTS):
            out.append(f)
            continue
        if tag == "code" and (m := _PRIVATE.search(node.text(deep=True) or "")):
            why = "a macro call inside code: the build would show its HTML as text, not a citation; put the call after the code"
            out.append(Finding("macro-in-markup", why, m.group()))
        allowed = GLOBAL_ATTRIBUTES | PAGE_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                why = f"the attribute {name}= on <{tag}> is not allowed on a page (it could run code, load something or change what readers see)"
                out.append(Finding("page-markup", why, name))
            elif f := _value_problem(tag, name, value, site=False):
                out.append(f)
    return out + wrappers


def content_problems(html: str) -> list[Finding]:
    """What the real HTML of a page (the site's macro output included) holds beyond what the
    site's pages may hold: the build's reading, after every plugin."""
    out = []
    for node in _elements(parse_in_page(html)):
        tag = node.tag
        if tag in _WRAPPERS:
            if f := _wrapper_problem(node):
                out.append(f)
            continue
        if f := _element_problem(tag, SITE_ELEMENTS):
            out.append(f)
            continue
        if tag == "script" and (f := _data_block_problem(node)):
            out.append(f)
        allowed = GLOBAL_ATTRIBUTES | SITE_ATTRIBUTES.get(tag, frozenset())
        for name, value in _attrs(node):
            if name.startswith(("data-", "aria-")) and re.fullmatch(r"(?:data|aria)-[a-z0-9-]+", name):
                continue
            if name not in allowed:
                why = f"the attribute {name}= on <{tag}> is not allowed in a page's content"
                out.append(Finding("page-markup", why, name))
            elif f := _value_problem(tag, name, value, site=True):
                out.append(f)
    return out


def _value_problem(tag: str, name: str, value: str, site: bool) -> Finding | None:
    if name == "style" and not TABLE_STYLE.match(value.strip()):
        return Finding("page-markup", f"the style {value[:60]!r} on <{tag}> (only the column alignment tables write)", "style")
    if name == "align" and value.strip().lower() not in TABLE_ALIGN:
        return Finding("page-markup", f"align={value!r} on <{tag}>", "align")
    if name == "id" and not site and not _ID.match(value):
        return Finding(
            "page-markup", f"the id {value[:40]!r} (ids are letters, digits and - _ . :, not starting with _)", value[:20] or "id"
        )
    if name == "id" and not site and RESERVED_ID.match(value):
        return Finding("page-markup", f"the id {value[:40]!r}, which the site's own markup uses (a tooltip's, a note's…)", value[:20])
    if name == "class":
        for cls in value.split():
            if site:
                if not re.fullmatch(r"[A-Za-z0-9_-]+", cls):
                    return Finding("page-markup", f"the class {cls[:40]!r}", cls[:20])
            elif cls not in PAGE_CLASSES and not (tag == "code" and _LANGUAGE_CLASS.match(cls)):
                why = (
                    f"the class {cls[:40]!r} is not one a page may use (a class could dress text as the site's own "
                    f"markup: a citation, a tooltip; pages may use {', '.join(sorted(PAGE_CLASSES - ADMONITION_TYPES))} and the admonition types)"
                )
                return Finding("page-markup", why, cls[:20])
    if name in ("href", "cite") and (why := link_problem(value)):
        return Finding("page-link", why, value.strip()[:20] or name, name)
    if name == "src" and (why := resource_problem(value)):
        return Finding("page-link", f"the picture {why}", value.strip()[:20] or name, name)
    if name == "rel" and not set(value.lower().split()) <= {"noopener", "noreferrer", "nofollow", "external"}:
        return Finding("page-markup", f"rel={value!r} on <{tag}>", "rel")
    if name == "type" and tag == "script" and value.strip().lower() not in DATA_TYPES:
        return Finding("page-markup", f"a script of type {value!r}: only data blocks ({', '.join(sorted(DATA_TYPES))})", "script")
    return None


def _data_block_problem(node: LexborNode) -> Finding | None:
    """A script element is allowed in content only as a data block a browser never runs: JSON."""
    kind = (node.attributes.get("type") or "").strip().lower()
    if kind not in DATA_TYPES or node.attributes.get("src") is not None:
        return Finding("page-markup", "a <script> that a browser would run", "<script")
    try:
        json.loads(node.text(deep=True) or "")
    except ValueError:
        return Finding("page-markup", f"a <script type={kind}> whose text is not JSON", "<script")
    return None


# -- the whole document --------------------------------------------------------------------------------

_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s*(?:"([^"]*)"|'([^']*)')|image-set\(|expression\(""", re.I
)


def _css_problem(css: str) -> str | None:
    """What a stylesheet or style attribute loads from outside the site (escapes read as CSS reads
    them, so `\\75 rl(` is `url(`); only pictures written into the stylesheet (`data:image/`) and
    the site's own files are allowed."""
    text = _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), css)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    for m in _CSS_URL.finditer(text):
        url = next((g for g in m.groups() if g is not None), None)
        if url is None:
            return f"the style uses {m.group(0)!r}"
        if m.group(0).lstrip().lower().startswith("@import") and leaves_site(url):
            return f"the style imports {url[:60]!r}"
        if leaves_site(url) and not _url(url).lower().startswith("data:image/"):
            return f"the style loads {url[:60]!r} from outside the site"
    return None


def document_problems(html: str, theme_scripts: frozenset[str]) -> list[Finding]:
    """What a published document holds that no page of the site may hold anywhere, the theme's
    chrome included. `theme_scripts` are the texts of the inline scripts the theme writes for this
    page (its own templates, rendered for it): every other inline script is refused."""
    tree = LexborHTMLParser(html, scripting=True)
    out: list[Finding] = []
    configs = 0
    for node in _elements(tree):
        tag = node.tag
        attrs = _attrs(node)
        names = {k for k, _ in attrs}
        if tag in NEVER:
            out.append(Finding("page-markup", f"the element <{tag}>, which runs, embeds or sends something", f"<{tag}"))
        if tag == "meta" and "http-equiv" in names:
            out.append(Finding("page-markup", "a <meta http-equiv> (a refresh would send readers away)", "http-equiv"))
        if tag == "script":
            kind = (node.attributes.get("type") or "").strip().lower()
            if "src" in names:
                if why := resource_problem(node.attributes.get("src") or ""):
                    out.append(Finding("page-link", f"a script {why}", "<script"))
            elif kind in DATA_TYPES:
                if f := _data_block_problem(node):
                    out.append(f)
                if node.attributes.get("id") == "__config":
                    configs += 1
            elif (node.text(deep=True) or "").strip() not in theme_scripts:
                out.append(Finding("page-markup", "an inline <script> the theme did not write", "<script"))
        if tag == "style" and (why := _css_problem(node.text(deep=True) or "")):
            out.append(Finding("page-link", why, "<style"))
        rel = set((node.attributes.get("rel") or "").lower().split())
        for name, value in attrs:
            if name.startswith("on"):
                out.append(Finding("page-markup", f"the event handler {name}= on <{tag}>", name))
            elif name == "style" and (why := _css_problem(value)):
                out.append(Finding("page-link", why, "style"))
            elif name in URL_ATTRIBUTES:
                navigates = (
                    (tag in ("a", "area") and name == "href")
                    or name == "cite"
                    or (tag == "link" and name == "href" and rel and rel <= LINK_RELATIONS_NAMED)
                )
                if why := (link_problem(value) if navigates else resource_problem(value)):
                    out.append(Finding("page-link", f"{name}= on <{tag}>: {why}", value.strip()[:20] or name))
    if configs > 1:
        out.append(Finding("page-markup", "a second theme configuration block (id __config)", "__config"))
    return out


def inline_scripts(html: str) -> frozenset[str]:
    """The texts of the inline classic scripts of an HTML text (the theme's, when it is one of
    the theme's own templates rendered)."""
    tree = LexborHTMLParser(html, scripting=True)
    return frozenset(
        (n.text(deep=True) or "").strip()
        for n in _elements(tree)
        if n.tag == "script" and "src" not in n.attributes and (n.attributes.get("type") or "").strip().lower() not in DATA_TYPES
    )
