"""Integrity of the built site, read back from its files (no browser needed).

Every internal link and #anchor resolves; every Text Fragment link into the original article is
well formed and names words of the span it belongs to; every page parses as HTML without the
errors a browser would silently repair (duplicate ids, stray or unclosed elements); every
citation's words on a page are the words claims.json says it cites.
"""

from __future__ import annotations

import collections
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import pytest
from bs4 import BeautifulSoup
from conftest import REPO

from briefing import textfragment
from briefing.loader import load_briefing

if TYPE_CHECKING:
    from browser_support import BuiltSite

# The session's one build of the site (fixture `built_site`) lives in the plugin; importing it
# here as well would load it before pytest can register it.
pytest_plugins = ["browser_support"]
pytestmark = pytest.mark.slow


def norm_space(text: str) -> str:
    return " ".join(text.split())

LOCAL = "http://site.invalid/"  # the site root, as a URL to resolve relative links against
SITE_URL = re.search(r"^site_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
SITE_URL_PREFIX = SITE_URL.group(1) if SITE_URL else ""
LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"))


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


@cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(str(t["id"]) for t in _soup(path).find_all(id=True))


def _page_url(site: BuiltSite, page: Path) -> str:
    return LOCAL + page.relative_to(site.root).as_posix()


def _target_file(site: BuiltSite, url: str) -> Path | None:
    """The file a local URL is served from, as `mkdocs serve` or GitHub Pages would (directory URLs)."""
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = site.root / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _localise(url: str) -> str | None:
    """Map a link to a URL under LOCAL, or None when it leaves the site (other hosts, mailto:, ...)."""
    if SITE_URL_PREFIX and url.startswith(SITE_URL_PREFIX):
        return LOCAL + url[len(SITE_URL_PREFIX) :]
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None  # mailto:, data:, javascript: are checked elsewhere or not links at all
    if parts.netloc and url.startswith(("http:", "https:", "//")) and not url.startswith(LOCAL):
        return None
    return url


def _internal_links(site: BuiltSite, page: Path) -> list[tuple[str, str]]:
    """(as written, resolved absolute URL under LOCAL) for every internal link on a page."""
    base = _page_url(site, page)
    out = []
    doc = _soup(page)
    for tag, attr in LINK_ATTRS:
        for el in doc.find_all(tag):
            raw = el.get(attr)
            if raw is None:
                continue
            raw = str(raw).strip()
            # The 404 page is served at any depth, so the theme gives it root-relative links.
            if raw.startswith("/") and not raw.startswith("//") and SITE_URL_PREFIX:
                prefix = urlsplit(SITE_URL_PREFIX).path
                raw_local = LOCAL + raw[len(prefix) :] if raw.startswith(prefix) else LOCAL + raw.lstrip("/")
                out.append((raw, raw_local))
                continue
            resolved = _localise(urljoin(base, raw))
            if resolved is not None:
                out.append((raw, resolved))
    for meta in doc.select('meta[property="og:url"][content]'):
        resolved = _localise(str(meta["content"]))
        if resolved is not None:
            out.append((str(meta["content"]), resolved))
    return out


def test_every_internal_link_and_anchor_resolves(built_site: BuiltSite) -> None:
    pages = built_site.html_pages()
    assert len(pages) > 50, "the site looks too small to be the real briefing"
    broken: list[str] = []
    checked = 0
    for page in pages:
        for raw, url in _internal_links(built_site, page):
            checked += 1
            where = f"{page.relative_to(built_site.root)}: {raw!r}"
            target = _target_file(built_site, url)
            if target is None:
                broken.append(f"{where} -> no file for {urlsplit(url).path}")
                continue
            frag = unquote(urlsplit(url).fragment)
            if frag and not frag.startswith(":~:") and target.suffix == ".html" and frag not in _ids(target):
                broken.append(f"{where} -> no id {frag!r} in {target.relative_to(built_site.root)}")
    assert checked > 1000
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:40])


def test_claims_json_and_annotations_point_at_real_pages(built_site: BuiltSite) -> None:
    assert SITE_URL_PREFIX, "mkdocs.yml has no site_url"
    missing = []
    for claim in built_site.claims.values():
        local = _localise(claim["url"])
        if local is None or _target_file(built_site, local) is None:
            missing.append(claim["url"])
    jsonld = (built_site.root / "annotations.jsonld").read_text(encoding="utf-8")
    for url in set(re.findall(re.escape(SITE_URL_PREFIX) + r'[^"#\s]*', jsonld)):
        local = _localise(url)
        if local is None or _target_file(built_site, local) is None:
            missing.append(url)
    assert not missing, "exports name pages the site does not have:\n" + "\n".join(sorted(missing))


# -- Text Fragment links -----------------------------------------------------------------------

# A term may hold any character but these raw (they are the directive's own syntax) or spaces.
TERM = re.compile(r"(?:[^\s%,&#-]|%[0-9A-Fa-f]{2})+")
SPAN_LINK = re.compile(r"source/([^/#]+)/#s-(\d+)-(\d+)$")
WORD = re.compile(r"\w")


@cache
def _source_texts() -> dict[str, str]:
    b, _ = load_briefing(REPO)
    return {sid: s.text.text for sid, s in b.sources.items() if s.text is not None}


def _bounded(text: str, term: str, at: int) -> bool:
    """A browser matches text-fragment terms on word boundaries: no word character may touch them."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(term)] if at + len(term) < len(text) else " "
    return not (WORD.match(before) and WORD.match(term[0])) and not (WORD.match(after) and WORD.match(term[-1]))


def _check_fragment(href: str, text: str, start: int, end: int) -> list[str]:
    problems = []
    base, sep, fragment = href.partition("#:~:text=")
    if not sep or not base.startswith("https://") or "#" in base:
        return [f"not a text-fragment URL: {href}"]
    items = fragment.split(",")
    if not 1 <= len(items) <= 4:
        problems.append(f"{len(items)} comma-separated terms")
    for i, item in enumerate(items):
        term = item
        if i == 0 and len(items) > 1 and term.endswith("-"):
            term = term[:-1]
        if i == len(items) - 1 and len(items) > 1 and term.startswith("-"):
            term = term[1:]
        if not TERM.fullmatch(term):
            problems.append(f"term {item!r} is not percent-encoded (raw ',', '-', '&', '#', '%' or space)")
    parsed = textfragment.parse(href)
    exact = norm_space(text[start:end])
    s = parsed.get("start", "")
    if not s or not exact.startswith(s):
        problems.append(f"textStart {s!r} does not begin the cited words {exact[:60]!r}")
    if "end" in parsed and not exact.endswith(parsed["end"]):
        problems.append(f"textEnd {parsed['end']!r} does not end the cited words {exact[-60:]!r}")
    if "end" not in parsed and s != exact:
        problems.append(f"textStart {s!r} is not the whole of the cited words {exact!r}")
    norm_text = norm_space(text)
    for key in ("start", "end"):
        if parsed.get(key) and not any(_bounded(norm_text, parsed[key], m.start()) for m in re.finditer(re.escape(parsed[key]), norm_text)):
            problems.append(f"{key} term {parsed[key]!r} never stands on word boundaries in the source")
    before = norm_space(text[max(0, start - 40) : start])
    after = norm_space(text[end : end + 40])
    if "prefix" in parsed:
        p = parsed["prefix"]
        if not before.endswith(p):
            problems.append(f"prefix {p!r} is not the words just before the span ({before!r})")
        elif not _bounded(norm_space(text[:start]), p, len(norm_space(text[:start])) - len(p)):
            problems.append(f"prefix {p!r} starts inside a word")
    if "suffix" in parsed:
        sfx = parsed["suffix"]
        if not after.startswith(sfx):
            problems.append(f"suffix {sfx!r} is not the words just after the span ({after!r})")
        elif not _bounded(norm_space(text[end:]), sfx, 0):
            problems.append(f"suffix {sfx!r} ends inside a word")
    return problems


def test_text_fragment_links_are_well_formed_and_name_their_span(built_site: BuiltSite) -> None:
    texts = _source_texts()
    problems: list[str] = []
    checked = 0
    for page in built_site.html_pages():
        for link in _soup(page).select('a[href*=":~:text="]'):
            href = str(link["href"])
            # The span a fragment link belongs to is named by the stored-text link beside it.
            container = link.find_parent(["li", "p"])
            spans = [SPAN_LINK.search(str(a["href"])) for a in container.find_all("a", href=True)] if container else []
            spans = [m for m in spans if m]
            where = f"{page.relative_to(built_site.root)}: {href}"
            if len(spans) != 1:
                problems.append(f"{where}: {len(spans)} stored-text links beside it (need exactly one to know its span)")
                continue
            sid, start, end = spans[0].group(1), int(spans[0].group(2)), int(spans[0].group(3))
            if sid not in texts:
                problems.append(f"{where}: unknown source {sid}")
                continue
            checked += 1
            problems += [f"{where}: {p}" for p in _check_fragment(href, texts[sid], start, end)]
    assert checked > 100
    # claims.json gives the same links, one per citation.
    for claim in built_site.claims.values():
        for cit in claim["citations"]:
            url = cit["text_fragment_url"]
            problems += [f"claims.json {claim['id']}: {p}" for p in _check_fragment(url, texts[cit["source"]], cit["start"], cit["end"])]
    assert not problems, f"{len(problems)} bad text-fragment links:\n" + "\n".join(problems[:40])


# -- HTML validity ------------------------------------------------------------------------------

# Tags a page must open and close the same number of times (the site's own inline elements).
BALANCED = ("mark", "span", "a", "div", "p", "section", "blockquote", "table", "ol", "ul", "li", "code", "strong", "em")


def test_every_page_is_well_formed_html(built_site: BuiltSite) -> None:
    problems: list[str] = []
    for page in built_site.html_pages():
        rel = page.relative_to(built_site.root)
        raw = page.read_text(encoding="utf-8")
        parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
        tree = parser.parse(raw)
        for (line, col), code, data in parser.errors:
            problems.append(f"{rel}:{line}:{col}: HTML parse error {code} {data or ''}")
        ids = collections.Counter(el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id"))
        problems += [f"{rel}: id {i!r} used {n} times" for i, n in ids.items() if n > 1]
        for tag in BALANCED:
            opened = len(re.findall(rf"<{tag}[\s>]", raw))
            closed = raw.count(f"</{tag}>")
            if opened != closed:
                problems.append(f"{rel}: <{tag}> opened {opened} times, closed {closed} times")
    assert not problems, f"{len(problems)} HTML problems:\n" + "\n".join(problems[:40])


# -- the words shown are the words cited ------------------------------------------------------


def test_every_marker_tooltip_and_note_shows_the_cited_words(built_site: BuiltSite) -> None:
    problems: list[str] = []
    markers = 0
    for page in built_site.html_pages():
        doc = _soup(page)
        rel = page.relative_to(built_site.root)
        for m in doc.select("a.bf-marker"):
            markers += 1
            cit = built_site.citation(str(m["data-claim"]), int(m["data-start"]), int(m["data-end"]), str(m["data-source"]))
            # The source's words inside the site's quote marks, their own double marks made single.
            words = "“" + cit["shown"].replace("“", "‘").replace("”", "’").replace('"', "'") + "”"
            tip = doc.find(id=m.get("aria-describedby"))
            if tip is None or tip.get("role") != "tooltip" or words not in tip.get_text():
                problems.append(f"{rel} {m.get('id')}: tooltip does not hold {words!r}")
            n = str(m.get("data-note", ""))
            note = doc.select_one(f"details.bf-notes li#bf-note-{n}")
            if note is None or words not in note.get_text():
                problems.append(f"{rel} {m.get('id')}: no footnote bf-note-{n} with {words!r}")
            elif not note.select_one(f'a[href="#{m["id"]}"]'):
                problems.append(f"{rel} bf-note-{n}: no link back to its marker")
    assert markers > 200
    assert not problems, "\n".join(problems[:40])


def test_source_page_highlights_exactly_the_cited_characters(built_site: BuiltSite) -> None:
    texts = _source_texts()
    for sid, text in texts.items():
        doc = _soup(built_site.root / "source" / sid / "index.html")
        assert doc.select_one("div.bf-source").get_text() == text
        marks = [(int(m["data-start"]), int(m["data-end"]), m.get_text()) for m in doc.select("div.bf-source mark[data-start]")]
        for a, z, words in marks:
            assert text[a:z] == words, f"mark {a}-{z} shows {words!r}, the source has {text[a:z]!r}"
        for claim in built_site.claims.values():
            for cit in claim["citations"]:
                if cit["source"] != sid:
                    continue
                a, z = cit["start"], cit["end"]
                assert doc.find(id=f"s-{a}-{z}") is not None, f"{claim['id']}: no anchor s-{a}-{z}"
                covered = "".join(w for s, e, w in marks if a <= s and e <= z)
                assert covered == text[a:z], f"{claim['id']}: the marks in {a}-{z} do not cover the cited words"
                for piece in cit["pieces"]:
                    assert text[piece["start"] : piece["end"]] == piece["exact"]
