"""Done when: no text a reader can see on the built site escapes a rule.

Every page of a real `mkdocs build --strict` of the real briefing is read as a browser reads it
(html5lib), and each text a reader can see (text nodes, and the title=, alt= and aria-label=
texts shown on hover or read aloud) must be accounted for, or the test names it:

- **the theme's frame** (outside the page's article: header, navigation, table of contents,
  search, footer): the theme's own words (Material's language file), the site's configuration
  (`mkdocs.yml`: site name, nav titles, copyright, palette labels: code, which reviewers read),
  the titles of the site's pages and the headings of the page (both checked where they are
  written);
- **the page's own text** (a hand-written page): a unit the page check read (`briefing.pagetext`),
  so held to its claims or to the rules of explanatory text;
- **what the site writes from the records** (any element with a `bf-` class, which pages may not
  use, but the bottom line's): each text is the value of a record field a rule holds
  (`rules.fields.READER_FIELDS`), words of a stored source (quoted), the history (past texts,
  each checked at its commit, and the editors' reasons), or one of the site's fixed texts
  (`render.UI_TEXT`, numbers written `#`, a field's value `{kind.field}`).

A text nobody accounts for fails the test with its page and place: a new field shown without a
rule, a new fixed text not listed, a page text the check did not read.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Tag
from conftest import REPO, RealBuild

from briefing import inventory, markup, model, pagetext
from briefing import render as render_mod
from briefing import site as site_mod
from briefing.loader import is_build_output
from briefing.model import Briefing
from briefing.pages import page_from, read_page, setup_of
from briefing.rules.fields import READER_FIELDS
from briefing.rules.support import overrides_of

pytestmark = pytest.mark.slow

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


# -- what may be shown, and where it comes from ---------------------------------------------------------


def field_values(b: Briefing) -> dict[str, set[str]]:
    """The value of every reader-facing record field, by field (READER_FIELDS' names)."""
    out: dict[str, set[str]] = {f: set() for f in READER_FIELDS}

    def add(fld: str, value: object) -> None:
        if isinstance(value, str) and value.strip():
            out[fld].add(norm(value))

    for c in b.claims.values():
        add("claim.statement", c.statement)
        add("claim.id", c.id)
        add("claim.note", c.note)
        add("claim.basis", c.basis)
        for _key, reason, _codes in overrides_of(c):
            add("claim.exception", reason)
        if c.date is not None:
            add("claim.date", c.date.label())
            add("claim.date", c.date.precision)
            add("claim.date.basis", c.date.basis)
            add("claim.date.note", c.date.note)
            add("claim.date.resolved_from", c.date.resolved_from)
    for e in b.entities.values():
        add("entity.name", e.name)
        for a in e.aliases:
            add("entity.aliases", a)
        add("entity.description", e.description)
        add("entity.type", e.type.capitalize())
    for t in b.topics.values():
        add("topic.name", t.name)
        add("topic.description", t.description)
    for j in b.judgments.values():
        add("judgment.id", j.id)
        for fld in ("question", "statement", "reasoning", "confidence_reason"):
            add(f"judgment.{fld}", getattr(j, fld, None))
    for q in b.questions.values():
        add("question.question", q.question)
        add("question.discussion", q.discussion)
    for src in b.sources.values():
        for fld in ("id", "title", "title_note", "publisher", "note", "url", "language", "sha256"):
            add(f"source.{fld}", getattr(src, fld))
        for key in ("published", "retrieved"):
            d = getattr(src, key)
            if d is not None:
                add(f"source.{key}", d.label())
                add(f"source.{key}", d.precision)
                add(f"source.{key}.note", d.note)
        for nc in src.not_claims:
            add("source.not_claims.reason", nc.reason)
    return out


_QUOTES = str.maketrans({"“": "'", "”": "'", "‘": "'", "’": "'", '"': "'", "„": "'", "‚": "'"})


def _fold(text: str) -> str:
    return norm(text.translate(_QUOTES))


def _bounded(piece: str, text: str) -> bool:
    """`piece` in `text`, beginning and ending on whole words."""
    return re.search(rf"(?<![^\W_]){re.escape(piece)}(?![^\W_])", text) is not None


class Accounts:
    """What a text of the built site may be, and a way to say whether it is one of them."""

    def __init__(self, b: Briefing, ui: tuple[str, ...], site_url: str, root: Path = REPO) -> None:
        self.b = b
        self.root = root  # the project the site was built from
        self.fields = field_values(b)
        self.fields["site.url"] = {site_url}
        self.values: set[str] = set().union(*(v for k, v in self.fields.items() if k in READER_FIELDS))
        self.sources = [_fold(s.text.text) for s in b.sources.values() if s.text is not None]
        self.ui = [_ui_pattern(t) for t in ui]

    def record(self, text: str) -> bool:
        """A record field's value, whole (in quote marks or not) or cut short with "…"."""
        t = norm(text)
        if len(t) > 2 and t[0] == "“" and t[-1] == "”":
            t = t[1:-1]
        if t in self.values:
            return True
        if t.endswith("…") and len(t) > 12:
            head = t[:-1].rstrip()
            return any(v.startswith(head) for v in self.values)
        return False

    def source_segment(self, text: str) -> bool:
        """A piece of a stored source as the source page shows it: cut anywhere (at the edges of
        highlighted passages), never changed."""
        t = _fold(text)
        return any(t in s for s in self.sources)

    def source_words(self, text: str) -> bool:
        """Words of a stored source, as the site quotes them (“…”, inner quote marks single,
        pieces joined by … or […]) or shows them whole (the source page)."""
        t = _fold(text).strip()
        if t.startswith("'") and t.endswith("'"):
            t = t[1:-1]
        pieces = [p.strip(" .") for p in re.split(r"\[…\]|…", t)]
        return any(pieces) and all(any(_bounded(p, s) for s in self.sources) for p in pieces if p)

    def fixed(self, text: str) -> bool:
        """One of the site's fixed texts, its numbers as # and field values in their places."""
        t = norm(text)
        return any(self._fills(m, t) for m in self.ui)

    def _fills(self, pattern: tuple[re.Pattern[str], tuple[str, ...]], text: str) -> bool:
        regex, names = pattern
        m = regex.fullmatch(text)
        if m is None:
            return False
        return all(self._is(name, value) for name, value in zip(names, m.groups(), strict=True))

    def _is(self, name: str, value: str) -> bool:
        v = norm(value)
        if name in _SPECIAL:
            return _SPECIAL[name](self, v)
        vals = self.fields.get(name, set())
        return v in vals or (v.endswith("…") and any(x.startswith(v[:-1].rstrip()) for x in vals))


def _char_name(acc: Accounts, v: str) -> bool:
    import unicodedata

    try:
        return unicodedata.lookup(v) is not None
    except KeyError:
        return False


_SPECIAL = {
    "source.words": lambda acc, v: acc.source_words(v),
    "page.title": lambda acc, v: v in _page_titles(acc.root),
    "code_point": lambda acc, v: re.fullmatch(r"[0-9A-F]{4,6}", v) is not None,
    "commit": lambda acc, v: re.fullmatch(r"[0-9a-f]{7,40}", v) is not None,
    "use": lambda acc, v: re.fullmatch(r"[a-z]", v) is not None,
    "char_name": _char_name,
    "month": lambda acc, v: v in {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
    "confidence": lambda acc, v: v in set(model.CONFIDENCE_LABELS.values()),
    "likelihood": lambda acc, v: v in set(model.LIKELIHOOD_LABELS.values()),
    "scale.range": lambda acc, v: v in {r for _, _, r in model.SCALE},
}


@cache
def _site_url() -> str:
    import yaml

    return str(yaml.safe_load(re.sub(r"!!?\S+", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))).get("site_url") or "")


@cache
def _all_tags(root: Path) -> frozenset[str]:
    inv = inventory.load(root)
    return frozenset(norm(t) for f in inv.pages() for t in (f.meta or {}).get("tags") or [] if isinstance(t, str))


@cache
def _page_titles(root: Path) -> frozenset[str]:
    inv = inventory.load(root)
    # Titles as the theme shows them (a page the build wrote keeps its title escaped in its front matter).
    return frozenset(norm(html.unescape(f.title)) for f in inv.pages() if isinstance(f.title, str))


_PLACEHOLDER = re.compile(r"\{([a-z_.]+)\}|#")


def _ui_pattern(text: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A fixed text as a pattern: # is a number (digits, with , or . between), {kind.field} a value."""
    out, names, pos = [], [], 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(re.escape(text[pos : m.start()]))
        if m.group() == "#":
            out.append(r"\d+(?:[.,]\d+)*")
        else:
            out.append("(.+?)")
            names.append(m.group(1))
        pos = m.end()
    out.append(re.escape(text[pos:]))
    return re.compile("".join(out)), tuple(names)


# -- the theme's frame ------------------------------------------------------------------------------------


@cache
def theme_words() -> frozenset[str]:
    """The theme's own words: every string of Material's English language file."""
    import material

    text = (Path(material.__file__).parent / "templates/partials/languages/en.html").read_text(encoding="utf-8")
    return frozenset(norm(v) for v in re.findall(r'^\s*"[^"]+": "([^"]*)",?\s*$', text, re.M))


@cache
def config_words() -> frozenset[str]:
    """What the site's configuration (code) shows: its name, nav titles, copyright, palette labels."""
    import yaml

    class _Any(yaml.SafeLoader):
        pass

    _Any.add_multi_constructor("", lambda _l, _s, _n: None)
    conf = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Any)
    out = {conf.get("site_name", ""), conf.get("copyright", "")}

    def nav(items: object) -> None:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                for k, v in item.items():
                    out.add(k)
                    nav(v)

    nav(conf.get("nav"))
    for p in (conf.get("theme") or {}).get("palette") or []:
        out.add(((p or {}).get("toggle") or {}).get("name", ""))
    return frozenset(norm(x) for x in out if x)


# -- the built site, walked ---------------------------------------------------------------------------------

SITE_CLASS = re.compile(r"bf-")  # the site's own markup (pages may use only those of markup.PAGE_CLASSES)
# The history: past texts (each checked by the rules of its commit), the editors' reasons (commit
# messages, reviewed with their change) and when and how each record changed.
HISTORY = re.compile(r"bf-(?:history|corrections|withdrawn|typo)")
SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


def _classes(el: Tag) -> list[str]:
    return list(el.get("class") or [])


def _site_element(el: Tag) -> bool:
    return any(SITE_CLASS.match(c) and c not in markup.PAGE_CLASSES for c in _classes(el))


def visible_texts(doc: BeautifulSoup) -> list[tuple[Tag, str, str]]:
    """Every text a reader sees or hears: (its element, what it is, the text)."""
    out: list[tuple[Tag, str, str]] = []
    for s in doc.body.find_all(string=True):
        if isinstance(s, Comment) or s.find_parent(["script", "style", "template", "noscript"]) is not None:
            continue
        if norm(s) and re.search(r"[^\W_]", s):
            out.append((s.parent, "text", str(s)))
    for el in doc.body.find_all(True):
        for a in SHOWN_ATTRIBUTES:
            v = el.get(a)
            if isinstance(v, str) and norm(v) and re.search(r"[^\W_]", v):
                out.append((el, a, v))
    return out


def _where(el: Tag) -> str:
    parts = []
    for p in [el, *el.parents][:4]:
        if p.name and p.name != "[document]":
            parts.append(p.name + "".join("." + c for c in _classes(p)[:2]))
    return " < ".join(parts)


class Page:
    """A built page and what the check read of it."""

    def __init__(self, accounts: Accounts, doc: BeautifulSoup, entry: inventory.SiteFile | None, setup: pagetext.MarkdownSetup) -> None:
        self.acc = accounts
        self.doc = doc
        self.theme_page = entry is None  # a page of the theme's own (404.html)
        self.entry = entry
        self.article = doc.select_one("article.md-content__inner")
        heads = self.article.find_all(re.compile(r"^h[1-6]$")) if self.article is not None else []
        self.headings = {norm(h.get_text(" ")).rstrip("¶").strip() for h in heads}
        self.title = norm(entry.title) if entry is not None and isinstance(entry.title, str) else ""
        self.read = ""
        self.read_attributes: set[str] = set()
        self.tags: set[str] = set()
        written = entry is None or is_build_output(entry.src_uri, entry.text)
        if not written:
            page, _problems = page_from(entry)
            assert page is not None, entry.src_uri
            units = read_page(page, setup).units
            self.read = norm(" ".join(pagetext.visible_text(u.raw) for u in units if u.kind != pagetext.ATTRIBUTE))
            self.read_attributes = {u.text for u in units if u.kind == pagetext.ATTRIBUTE}
            self.tags = {norm(t) for t in page.front_matter.get("tags") or [] if isinstance(t, str)}

    def inside(self, el: Tag) -> bool:
        return self.article is not None and (el is self.article or self.article in el.parents)

    def accounted(self, el: Tag, what: str, text: str) -> bool:
        t = norm(text)
        if not self.inside(el) or self.theme_page:  # the theme's frame
            if ": " in t and t.split(": ", 1)[0] in theme_words():  # "Next: Timeline"
                t = t.split(": ", 1)[1]
            return t in theme_words() or t in config_words() or t in _page_titles(self.acc.root) or t in self.headings or self.acc.record(t) or t == "404 - Not found"
        chain = [el, *(p for p in el.parents if self.article in p.parents or p is self.article)]
        site = next((p for p in chain if _site_element(p)), None)
        if site is not None:
            if any(HISTORY.match(c) for p in chain for c in _classes(p)):
                return True  # history: past texts (each checked at its commit) and the editors' reasons
            if what == "text" and any("bf-source" in _classes(p) for p in chain):
                return self.acc.source_segment(t)
            quoted = len(t) > 2 and t[0] == "“" and t[-1] == "”"  # source words are shown in the site's quote marks
            return self.acc.record(t) or (quoted and self.acc.source_words(t)) or self.acc.fixed(t)
        if "headerlink" in _classes(el):
            return t in ("¶", "Permanent link")  # the permalink toc adds (mkdocs.yml: permalink)
        if any("md-tags" in _classes(p) for p in chain):
            return t in self.tags or self.acc.fixed(t) or self.acc.record(t)
        if el.name == "h1" and t == self.title:
            return True  # the page's title, which the theme writes when the page has no heading of its own
        if self.entry is None or is_build_output(self.entry.src_uri, self.entry.text):
            return self.acc.record(t) or self.acc.fixed(t)  # a page the build wrote from a record: its title
        if t in _page_titles(self.acc.root) or t in _all_tags(self.acc.root):  # a listing of pages the theme writes (the tags page)
            return True
        if what == "text":
            return pagetext.visible_text(t) in self.read
        return t in self.read_attributes


def unaccounted(site: Path, root: Path, only: list[str] | None = None) -> list[str]:
    """Every text of the built site (or of the pages `only` names) that no rule covers, with its
    page and place. `root`: the project the site was built from."""
    built = site_mod.Site.load(root)  # the check, as the build runs it, and the site's fixed texts
    assert not built.errors, "\n".join(d.format() for d in built.errors)
    acc = Accounts(built.briefing, built.ui_text(), _site_url(), root)
    inv = inventory.load(root)  # after the build: the pages it wrote are listed too
    by_dest = {f.dest_uri: f for f in inv.pages()}
    setup = setup_of(inv)
    missed: list[str] = []
    for built in sorted(site.rglob("*.html")):
        rel = built.relative_to(site).as_posix()
        if only is not None and rel not in only:
            continue
        doc = BeautifulSoup(built.read_text(encoding="utf-8"), "html5lib")
        page = Page(acc, doc, by_dest.get(rel), setup)
        for el, what, text in visible_texts(doc):
            if not page.accounted(el, what, text):
                missed.append(f"{rel}: {_where(el)} [{what}] {norm(text)[:120]!r}")
    return missed


def test_no_text_on_the_built_site_escapes_a_rule(real_build: RealBuild) -> None:
    real_site = real_build.site
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 90  # every page: the briefing's, the generated ones, the theme's 404
    missed = unaccounted(real_site, real_build.project)
    assert not missed, f"{len(missed)} texts no rule covers:\n" + "\n".join(missed[:60])


def test_a_text_no_rule_covers_is_named(real_build: RealBuild, tmp_path: Path) -> None:
    """The walk fails for real: the same built pages, each with one text added that nothing
    accounts for (in the page's prose, in the site's markup, in an attribute, in the frame), are
    each named with their place."""
    real_site = real_build.site
    claim = next(p for p in sorted((real_site / "claims").iterdir()) if p.is_dir() and (p / "index.html").is_file())
    edits = {
        "index.html": [
            ("</h1>", '</h1><p>Vladimir Putin approved the sale.</p>'),
            ('<p class="bf-bluf">', '<p class="bf-bluf"><span class="bf-card">An unlisted fixed text. </span>'),
            ('<ol class="bf-judgments', '<p class="bf-note" title="A title nobody checks">Nor this text</p><ol class="bf-judgments'),
            ('<header class="md-header', '<span>A frame text nobody wrote</span><header class="md-header'),
        ],
        f"claims/{claim.name}/index.html": [('<p class="bf-claim-meta">', '<p class="bf-claim-meta"><span class="bf-note">Vladimir Putin approved it.</span>')],
    }
    for rel, subs in edits.items():
        dest = tmp_path / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        text = (real_site / rel).read_text(encoding="utf-8")
        for old, new in subs:
            assert old in text, (rel, old)
            text = text.replace(old, new, 1)
        dest.write_text(text, encoding="utf-8")
    missed = unaccounted(tmp_path, real_build.project, only=list(edits))
    said = "\n".join(missed)
    assert len(missed) == 6, said
    for needle in ("'Vladimir Putin approved the sale.'", "'An unlisted fixed text.'", "[title] 'A title nobody checks'", "'Nor this text'",
                   "'A frame text nobody wrote'", "'Vladimir Putin approved it.'"):  # fmt: skip
        assert needle in said, said


# -- what the stylesheet does to words ------------------------------------------------------------------

CSS = REPO / "overrides" / "assets" / "briefing.css"
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_HIDES = re.compile(r"display\s*:\s*none|visibility|clip|position\s*:\s*(?:absolute|fixed)|content\s*:|font-size\s*:\s*0|opacity\s*:\s*0|text-indent|transparent")


def _css_rules() -> list[tuple[str, str]]:
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    flat = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*)[^{}]*\}", r"\1", text)  # rules inside @media, read as rules
    return [(sel.strip(), body) for sel, body in _RULE.findall(flat)]


@pytest.mark.parametrize("cls", sorted(c for c in markup.PAGE_CLASSES if c.startswith("bf-")))
def test_a_class_pages_may_use_neither_hides_nor_adds_words(cls: str) -> None:
    """A page may use only the classes Markdown writes and the site's own it offers pages
    (`markup.PAGE_CLASSES`): none of the
    stylesheet's rules for those hides a word, moves it out of sight or writes one."""
    rules = [(sel, body) for sel, body in _css_rules() if re.search(rf"\.{re.escape(cls)}(?![\w-])", sel)]
    assert rules, f"no rule styles .{cls}: remove it from PAGE_CLASSES"
    for sel, body in rules:
        assert not _HIDES.search(body), f"{sel} {{{body}}}"


def test_the_words_the_stylesheet_writes_are_fixed_texts() -> None:
    """CSS `content:` strings are text a reader sees that no page or record holds: each is one of
    the site's fixed texts."""
    written = {m for _sel, body in _css_rules() for m in re.findall(r'content\s*:\s*"([^"]+)"', body)}
    assert written, "the walk of the stylesheet finds its generated text"
    fixed = set(render_mod.UI_TEXT)
    assert written <= fixed, sorted(written - fixed)
