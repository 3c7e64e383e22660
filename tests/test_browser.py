"""What a reader sees, hovers, clicks, searches and prints, in a real Chromium.

Debian's /usr/bin/chromium driven by Python Playwright (never a downloaded browser); the site is
built once per session and served from 127.0.0.1. Screenshots, axe reports and a PDF go to
test-output/browser/ and are listed at the end of the run. Without Chromium on a laptop these
tests skip; in CI (CI=true) they must run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from conftest import REPO, build_site, preview_server, run_cli

if TYPE_CHECKING:
    from browser_support import BuiltSite, Tab

pytest_plugins = ["browser_support"]  # fixtures: built_site, site_url, chromium, tab, new_tab, ...
pytestmark = pytest.mark.browser

SOURCE_ID = "scmp-russia-rocket-engines-2019"
AXE_PAGES = {
    "home": "",
    "topic": "topics/offer/",
    "entity": "entities/dmitry-rogozin/",
    "source": f"source/{SOURCE_ID}/",
    "timeline": "timeline/",
}
PHONE = {"width": 390, "height": 844}


def norm_space(text: str) -> str:
    return " ".join(text.split())


def quoted(words: str) -> str:
    """Source words inside the site's own quote marks, their double marks made single."""
    return "“" + norm_space(words).replace("“", "‘").replace("”", "’").replace('"', "'") + "”"


def marker_info(page: Any) -> list[dict[str, Any]]:
    """Every citation marker of the page, with the passages its tooltip lists (and their claims)."""
    return page.eval_on_selector_all(
        "a.bf-marker",
        """els => els.map(e => ({id: e.id, claim: e.dataset.claim, claims: e.dataset.claims.split(' '), source: e.dataset.source,
                                start: +e.dataset.start, end: +e.dataset.end, tip: e.getAttribute('aria-describedby'),
                                note: e.dataset.note,
                                passages: Array.from(document.getElementById(e.getAttribute('aria-describedby'))
                                                     .querySelectorAll('.bf-tip__passage'))
                                               .map(p => ({source: p.dataset.source, start: +p.dataset.start, end: +p.dataset.end,
                                                           claims: Array.from(p.querySelectorAll('.bf-tip__meta[data-claim]')).map(c => c.dataset.claim)}))}))""",
    )


def passage_words(built_site: BuiltSite, p: dict[str, Any]) -> str:
    """The source words of a tooltip passage, as claims.json cites them, in the site's quote marks."""
    return quoted(built_site.citation(p["claims"][0], p["start"], p["end"], p["source"])["shown"])


def in_viewport(page: Any, locator: Any, below_header: bool = True) -> bool:
    """The element's box lies within the window (and not under Material's sticky header)."""
    box = locator.bounding_box()
    if not box:
        return False
    vw, vh = page.viewport_size["width"], page.viewport_size["height"]
    top = 0.0
    if below_header:
        header = page.locator("header.md-header").bounding_box()
        top = header["y"] + header["height"] if header else 0.0
    return box["x"] >= 0 and box["x"] + box["width"] <= vw and box["y"] >= top - 1 and box["y"] + box["height"] <= vh + 1


def below_the_fold(page: Any, markers: list[dict[str, Any]]) -> dict[str, Any]:
    """The first marker far enough down the page to be scrolled to the window's bottom edge."""
    vh = page.viewport_size["height"]
    for m in markers:
        if page.locator(f"#{m['id']}").evaluate("e => e.getBoundingClientRect().top + window.scrollY") > vh:
            return m
    raise AssertionError("no marker lies below the first screen")


def assert_tooltip_shows(tab: Tab, built_site: BuiltSite, m: dict[str, Any]) -> None:
    """The marker's tooltip is shown, inside the window, with every passage behind its sentence."""
    tip = tab.page.locator(f"#{m['tip']}")
    assert tip.is_visible(), f"tooltip {m['tip']} of marker {m['id']} is not shown"
    assert tip.get_attribute("role") == "tooltip"
    assert m["passages"] and {c for p in m["passages"] for c in p["claims"]} == set(m["claims"])
    first = m["passages"][0]
    assert (first["source"], first["start"], first["end"]) == (m["source"], m["start"], m["end"]), "the marker opens its first passage"
    shown = tip.locator(".bf-tip__passage")
    assert shown.count() == len(m["passages"])
    for i, p in enumerate(m["passages"]):
        quote = norm_space(shown.nth(i).locator(".bf-tip__quote").inner_text())
        assert quote == passage_words(built_site, p), f"marker {m['id']}, passage {i}: the tooltip reads {quote!r}"
    assert in_viewport(tab.page, tip, below_header=False), f"tooltip {m['tip']} runs outside the window: {tip.bounding_box()}"


# -- home page, offline ------------------------------------------------------------------------


def test_home_shows_key_judgments_with_no_console_errors(tab: Tab) -> None:
    tab.goto("", idle=True)
    judgments = tab.page.locator("ol.bf-judgments > li.bf-judgment")
    expected = len(list((REPO / "facts" / "judgments").glob("*.yml")))
    assert judgments.count() == expected > 0
    for i in range(judgments.count()):
        j = judgments.nth(i)
        j.scroll_into_view_if_needed()
        assert j.is_visible()
        # A finding is a fact about the text: no probability label on it, ever.
        labelled = j.locator(".bf-likelihood").count()
        assert labelled == (0 if j.get_attribute("data-kind") == "finding" else 1), j.get_attribute("id")
        if labelled:
            assert j.locator(".bf-likelihood").is_visible()
        assert j.locator("a.bf-marker").count() == 1, "one marker per judgment"
    tab.page.evaluate("window.scrollTo(0, 0)")
    tab.shot("home")
    tab.shot("home-full", full_page=True)
    assert tab.console_errors == []
    assert tab.foreign_requests() == [] and tab.blocked == []


def test_every_page_in_the_navigation_loads_offline_and_cleanly(tab: Tab, built_site: BuiltSite) -> None:
    tab.goto("")
    nav = tab.page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]", "els => els.map(e => e.href)")
    paths = sorted({urlsplit(u).path.lstrip("/") for u in nav if urlsplit(u).netloc == urlsplit(tab.base).netloc})
    first_claim = sorted(built_site.claims)[0]
    paths += [f"claims/{first_claim}/", "entities/dmitry-rogozin/", f"source/{SOURCE_ID}/"]
    assert len(paths) > 10
    for path in paths:
        resp = tab.goto(path)
        assert resp is not None and resp.ok, f"{path}: HTTP {resp and resp.status}"
        assert tab.console_errors == [], f"{path}: console errors {tab.console_errors}"
    # The search index loads from the local server too (in a web worker).
    tab.page.locator("input.md-search__input").click()
    tab.page.locator("input.md-search__input").press_sequentially("rocket")
    tab.page.wait_for_selector(".md-search-result__item")
    assert any(u.endswith("search/search_index.json") for u in tab.requests)
    assert tab.blocked == [], f"requests refused because they would leave the machine: {tab.blocked}"
    assert tab.foreign_requests() == []
    assert tab.console_errors == []


# -- reading: bottom line first, quiet citations, findings apart -------------------------------

def briefing_page_urls() -> list[str]:
    """The briefing's own pages (not those that explain the site), as site-relative addresses."""
    from briefing.history import page_url
    from briefing.loader import load_briefing
    from briefing.pages import is_narrative

    b, _ = load_briefing(REPO, use_cache=False)
    return sorted(page_url(p.path.removeprefix("docs/")) for p in b.pages if is_narrative(p))


MAX_MARKERS_PER_100_WORDS = 4
MAX_MARKERS_PER_PARAGRAPH = 8  # in any paragraph of 30 words or more
ESTIMATIVE_TERMS = ("almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely",
                    "almost certain", "cannot assess", "probably", "probable", "confidence")  # fmt: skip


@pytest.mark.parametrize("path", briefing_page_urls())
def test_citation_markers_are_quiet_on_every_briefing_page(tab: Tab, density: Any, path: str) -> None:
    """One marker per sentence: at most 4 per 100 words of prose on the page, and at most 8 in
    any paragraph of 30 words or more (list items and table cells without paragraphs count as
    paragraphs); about boxes, footnotes, headings and the footer are not prose."""
    tab.goto(path)
    d = density(tab.page)
    assert d["words"] > 50 and d["markers"] > 0, d
    per_100 = 100 * d["markers"] / d["words"]
    assert per_100 <= MAX_MARKERS_PER_100_WORDS, f"{path or 'home'}: {d['markers']} markers in {d['words']} words ({per_100:.1f} per 100)"
    crowded = [p for p in d["paragraphs"] if p["words"] >= 30 and p["markers"] > MAX_MARKERS_PER_PARAGRAPH]
    assert not crowded, f"{path or 'home'}: paragraphs with more than {MAX_MARKERS_PER_PARAGRAPH} markers: {crowded}"
    # Every marker is a sentence's single one: never two markers side by side.
    doubled = tab.page.eval_on_selector_all(".bf-cites", "els => els.filter(e => e.querySelectorAll('a.bf-marker').length !== 1).length")
    assert doubled == 0


def test_the_quiet_citation_measure_fails_a_page_of_one_marker_per_claim(tab: Tab, density: Any) -> None:
    """The measure itself: the same home page with every claim behind a sentence given a marker
    of its own (as the site did before) breaks both limits, so the test above can fail."""
    tab.goto("")
    tab.page.evaluate(
        """() => { for (const a of document.querySelectorAll("article a.bf-marker")) {
                     const ids = a.dataset.claims.split(" ");
                     for (let i = 1; i < ids.length * 3; i++) a.parentElement.appendChild(a.cloneNode(true)); } }"""
    )
    d = density(tab.page)
    assert 100 * d["markers"] / d["words"] > MAX_MARKERS_PER_100_WORDS
    assert any(p["words"] >= 30 and p["markers"] > MAX_MARKERS_PER_PARAGRAPH for p in d["paragraphs"])


def test_the_home_page_opens_with_a_dated_bottom_line(tab: Tab) -> None:
    """The first paragraph names the year, and the bottom line is three sentences, each with
    one marker; the headline does not say Russia "offers" the engines."""
    tab.goto("")
    first = norm_space(tab.page.locator("article.md-content__inner p").first.inner_text())
    assert re.search(r"\b2019\b", first.split(".")[0]), f"the first sentence names no year: {first!r}"
    bluf = tab.page.locator("article p.bf-bluf")
    assert bluf.count() == 3
    for i in range(3):
        assert bluf.nth(i).locator("a.bf-marker").count() == 1
    assert tab.page.locator("article p").first.get_attribute("class") == "bf-bluf", "the bottom line comes first"
    headline = norm_space(tab.page.locator("article h1").inner_text())
    assert not re.search(r"\boffers?\b", headline, re.I), headline


def test_findings_carry_no_estimative_label(tab: Tab, built_site: BuiltSite) -> None:
    tab.goto("")
    findings = tab.page.locator('li.bf-judgment[data-kind="finding"]')
    assessments = tab.page.locator('li.bf-judgment[data-kind="assessment"]')
    assert findings.count() >= 2 and assessments.count() >= 2
    for i in range(findings.count()):
        f = findings.nth(i)
        assert f.locator(".bf-likelihood, .bf-confidence, .bf-judgment__question").count() == 0, f.get_attribute("id")
        words = norm_space(f.locator(".bf-judgment__statement").inner_text()).lower()
        assert not [t for t in ESTIMATIVE_TERMS if re.search(rf"\b{t}\b", words)], f"{f.get_attribute('id')}: {words!r}"
    # Under their own heading, apart from the assessments, each of which says what it answers.
    assert findings.first.evaluate("e => e.closest('ol').previousElementSibling.textContent").startswith("What the article establishes")
    for i in range(assessments.count()):
        a = assessments.nth(i)
        assert a.locator(".bf-judgment__question").inner_text().strip().endswith("?")
        assert a.locator(".bf-likelihood").count() == 1 and a.locator(".bf-confidence").count() == 1


def test_the_timeline_is_in_order_of_start_dates(tab: Tab) -> None:
    tab.goto("timeline/")
    rows = tab.page.eval_on_selector_all(
        "tr.bf-timeline__row", "els => els.map(e => [e.dataset.date, e.dataset.precision, e.dataset.end, e.dataset.claim])"
    )
    assert len(rows) > 5

    def start(value: str, precision: str) -> tuple[int, int, int]:
        y, m, d = ([*(int(x) for x in value.split("-")), 1, 1])[:3]
        return (y - y % 10 if precision == "decade" else y, m if precision in ("month", "day") else 1, d if precision == "day" else 1)

    starts = [start(v, p) for v, p, _, _ in rows]
    assert starts == sorted(starts), [(r[3], s) for r, s in zip(rows, starts)]


BROKEN_WORD = re.compile(r"[^\W_][-\u2010\u2011]\s+(?!(?:and|or|to|nor)\b)[^\W_]")


def test_no_built_page_shows_a_word_broken_by_a_folded_line(built_site: BuiltSite) -> None:
    """"multi- satellite": a hyphenated word cut by a line break in a record or a page. Every page
    of the site, as built, in the text a reader sees (past states on history pages aside)."""
    from bs4 import BeautifulSoup

    found = []
    for page in built_site.html_pages():
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for el in doc.select("script, style, pre, .bf-history, .bf-withdrawn, del, nav, .md-search"):
            el.decompose()
        article = doc.select_one("article") or doc
        text = article.get_text(" ")
        for m in BROKEN_WORD.finditer(" ".join(text.split())):
            found.append(f"{page.relative_to(built_site.root)}: …{m.group()}…")
    assert not found, "\n".join(found[:20])
    assert BROKEN_WORD.search("China's multi- satellite constellation") and not BROKEN_WORD.search("long- and short-range")


@pytest.mark.parametrize(("name", "options"), [("light", {}), ("dark", {"color_scheme": "dark"}), ("phone", {"viewport": PHONE, "is_mobile": True, "has_touch": True})])
def test_screenshots_of_the_home_page(new_tab: Any, name: str, options: dict[str, Any]) -> None:
    """For a reader's eye (test-output/browser/home-{light,dark,phone}.png): the bottom line is on
    the first screen, above the fold, whatever the device."""
    tab = new_tab(**options)
    tab.goto("")
    settle(tab.page)
    bluf = tab.page.locator("article p.bf-bluf")
    vh = tab.page.viewport_size["height"]
    assert bluf.first.bounding_box()["y"] < vh / 2, "the bottom line starts in the top half of the first screen"
    if name != "phone":
        assert bluf.last.bounding_box()["y"] + bluf.last.bounding_box()["height"] <= vh, "all three lines on the first screen"
    tab.shot(f"home-{name}")
    tab.shot(f"home-{name}-full", full_page=True)
    assert tab.console_errors == []


# -- citation markers: hover, keyboard ---------------------------------------------------------


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_hovering_a_marker_shows_the_exact_source_words(new_tab: Any, built_site: BuiltSite, viewport: str) -> None:
    tab = new_tab(viewport=PHONE) if viewport == "phone" else new_tab()
    tab.goto("")
    markers = marker_info(tab.page)
    assert len(markers) > 10
    # Every tooltip on the page holds the cited words of every passage (in the DOM, shown or not) ...
    for m in markers:
        quotes = tab.page.locator(f"#{m['tip']} .bf-tip__quote")
        assert quotes.count() == len(m["passages"]) > 0
        for i, p in enumerate(m["passages"]):
            assert norm_space(quotes.nth(i).text_content()) == passage_words(built_site, p), m
    # ... and hovering shows it, inside the window: first, middle, last and right-most markers.
    picks = sorted({0, len(markers) // 2, len(markers) - 1, max(range(len(markers)), key=lambda i: tab.page.locator(f"#{markers[i]['id']}").bounding_box()["x"])})
    for n, i in enumerate(picks):
        m = markers[i]
        tip = tab.page.locator(f"#{m['tip']}")
        assert not tip.is_visible()
        tab.hover(tab.page.locator(f"#{m['id']}"))
        tip.wait_for(state="visible", timeout=2000)
        assert_tooltip_shows(tab, built_site, m)
        tab.shot(f"tooltip-hover-{viewport}-{n}")
        tab.page.mouse.move(1, 1)
        tip.wait_for(state="hidden", timeout=2000)
    # A marker at the bottom edge of the window opens its tooltip above it, still in the window.
    m = below_the_fold(tab.page, markers)
    loc = tab.page.locator(f"#{m['id']}")
    loc.scroll_into_view_if_needed()
    vh = tab.page.viewport_size["height"]
    tab.page.mouse.wheel(0, loc.bounding_box()["y"] - (vh - 40))
    tab.page.wait_for_function(f"Math.abs(document.getElementById('{m['id']}').getBoundingClientRect().bottom - {vh - 40}) < 30")
    tab.hover(loc)
    tab.page.locator(f"#{m['tip']}").wait_for(state="visible", timeout=2000)
    assert_tooltip_shows(tab, built_site, m)
    tab.shot(f"tooltip-hover-{viewport}-bottom-edge")


def test_tabbing_to_a_marker_shows_its_tooltip_and_escape_dismisses_it(tab: Tab, built_site: BuiltSite) -> None:
    tab.goto("")
    page = tab.page
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.matches('a.bf-marker')"):
            break
    else:
        pytest.fail("150 presses of Tab never reached a citation marker")
    first = page.evaluate("document.activeElement.id")
    m = next(m for m in marker_info(page) if m["id"] == first)
    assert first == "bf-ref-1", "the first marker reached by Tab should be the first on the page"
    assert_tooltip_shows(tab, built_site, m)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "a focused marker must show a focus ring"
    tab.shot("tooltip-keyboard-focus")
    # WCAG 1.4.13: Escape dismisses the tooltip without moving focus; Tab moves to the next one.
    page.keyboard.press("Escape")
    assert not page.locator(f"#{m['tip']}").is_visible()
    assert page.evaluate("document.activeElement.id") == first
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.bf-marker')"):
            break
    nxt = page.evaluate("document.activeElement.id")
    assert nxt == "bf-ref-2", "Tab should reach the markers in reading order"
    assert_tooltip_shows(tab, built_site, next(m for m in marker_info(page) if m["id"] == nxt))


def test_the_pointer_can_move_into_a_tooltip_and_select_its_words(tab: Tab, built_site: BuiltSite) -> None:
    """WCAG 1.4.13 (hoverable): moving from the marker to its tooltip keeps it open, however the
    pointer crosses the gap between them, and its words can be selected with the mouse."""
    tab.goto("")
    page = tab.page
    m = marker_info(page)[0]
    loc = page.locator(f"#{m['id']}")
    tip = page.locator(f"#{m['tip']}")
    tab.hover(loc)
    tip.wait_for(state="visible", timeout=2000)
    mb, tb = loc.bounding_box(), tip.bounding_box()
    assert tb["y"] > mb["y"] + mb["height"], "the tooltip opens below the marker, past a gap"
    quote = tip.locator(".bf-tip__quote").first
    qb = quote.bounding_box()
    x0, y0 = mb["x"] + mb["width"] / 2, mb["y"] + mb["height"] / 2
    x1, y1 = qb["x"] + 4, qb["y"] + 6
    for i in range(1, 25):  # small steps, as a hand moves: never a pixel where it closes
        page.mouse.move(x0 + (x1 - x0) * i / 24, y0 + (y1 - y0) * i / 24)
        assert tip.is_visible(), f"the tooltip closed on the way into it, {i}/24 of the way"
    # Select its words by dragging across them, as a reader copying the quote would.
    page.mouse.down()
    page.mouse.move(qb["x"] + qb["width"] - 4, qb["y"] + qb["height"] - 6, steps=10)
    page.mouse.up()
    assert tip.is_visible()
    selected = norm_space(page.evaluate("String(getSelection())"))
    shown = passage_words(built_site, m["passages"][0])
    assert len(selected) > 20 and selected in shown, f"selected {selected!r} from a tooltip reading {shown!r}"
    tab.shot("tooltip-selected-words")
    # Escape still dismisses it, with the pointer on it.
    page.keyboard.press("Escape")
    assert not tip.is_visible()

    # A marker at the bottom of the window opens its tooltip above it: the way up holds too.
    m = below_the_fold(page, marker_info(page))
    loc, tip = page.locator(f"#{m['id']}"), page.locator(f"#{m['tip']}")
    page.mouse.move(1, 1)
    loc.scroll_into_view_if_needed()
    vh = page.viewport_size["height"]
    page.mouse.wheel(0, loc.bounding_box()["y"] - (vh - 40))
    page.wait_for_function(f"Math.abs(document.getElementById('{m['id']}').getBoundingClientRect().bottom - {vh - 40}) < 30")
    tab.hover(loc)
    tip.wait_for(state="visible", timeout=2000)
    mb, tb = loc.bounding_box(), tip.bounding_box()
    assert tb["y"] + tb["height"] < mb["y"], "the tooltip opens above the marker, past a gap"
    x0, y0 = mb["x"] + mb["width"] / 2, mb["y"] + mb["height"] / 2
    x1, y1 = x0, tb["y"] + tb["height"] - 8
    for i in range(1, 25):
        page.mouse.move(x0 + (x1 - x0) * i / 24, y0 + (y1 - y0) * i / 24)
        assert tip.is_visible(), f"the tooltip above closed on the way into it, {i}/24 of the way"
    # And the marker itself is never covered by its tooltip or the bridge: a click opens it.
    page.mouse.move(x0, y0)
    assert page.evaluate(
        "([el, x, y]) => { const h = document.elementFromPoint(x, y); return !!h && (h === el || el.contains(h)); }",
        [loc.element_handle(), x0, y0],
    ), "the open tooltip covers its own marker"
    assert tab.console_errors == []


def test_tooltips_and_markers_tell_an_inference_from_a_fact(tab: Tab, built_site: BuiltSite) -> None:
    # A topic page: its list gives every claim a marker of its own, so every kind is there alone.
    tab.goto("topics/heavy-lift-gap/")
    page = tab.page
    names = {"dmitry-rogozin": "Dmitry Rogozin", "sputnik": "Sputnik"}
    by_kind: dict[str, dict[str, Any]] = {}
    for m in marker_info(page):
        kinds = {built_site.claims[c]["kind"] for c in m["claims"]}
        if len(kinds) == 1:
            by_kind.setdefault(kinds.pop(), m)
    assert {"reported", "attributed", "inference"} <= set(by_kind)

    def look(m: dict[str, Any]) -> dict[str, str]:
        return page.locator(f"#{m['id']}").evaluate(
            "e => ({border: getComputedStyle(e).borderTopStyle, font: getComputedStyle(e).fontStyle,"
            " underline: getComputedStyle(e).textDecorationLine, name: e.textContent})"
        )

    fact, inference = look(by_kind["reported"]), look(by_kind["inference"])
    # Not colour alone: a dashed box and italics; and screen readers hear what it is.
    assert inference["border"] == "dashed" and fact["border"] == "none", (inference, fact)
    assert inference["font"] == "italic" and fact["font"] == "normal"
    assert inference["name"].startswith("editors' inference, source") and fact["name"].startswith("source")

    m = by_kind["inference"]
    tab.hover(page.locator(f"#{m['id']}"))
    tip = page.locator(f"#{m['tip']}")
    tip.wait_for(state="visible", timeout=2000)
    assert norm_space(tip.locator(".bf-tip__meta .bf-kind").first.inner_text()) == "Editors' inference"
    basis = norm_space(tip.locator(".bf-tip__basis").first.inner_text())
    assert basis.startswith("Basis:") and norm_space(built_site.claims[m["claim"]]["basis"])[:30] in basis
    tab.shot("tooltip-inference")

    # An attributed claim passed on by someone else names both, and a dated one its date.
    tab.goto("topics/offer/")
    relayed = next(m for m in marker_info(page) if built_site.claims[m["claim"]]["relayed_by"] == "sputnik")
    c = built_site.claims[relayed["claim"]]
    tab.hover(page.locator(f"#{relayed['id']}"))
    tip = page.locator(f"#{relayed['tip']}")
    tip.wait_for(state="visible", timeout=2000)
    meta = tip.locator(f'.bf-tip__meta[data-claim="{c["id"]}"]').first
    assert norm_space(meta.inner_text()) == f"Attributed · {names[c['speaker']]}, via Sputnik"
    tab.shot("tooltip-attributed-relayed")
    tab.goto("")
    dated = next(m for m in marker_info(page) if "rogozin-spoke-on-27-august-2019" in m["claims"])
    tab.hover(page.locator(f"#{dated['id']}"))
    tip = page.locator(f"#{dated['tip']}")
    tip.wait_for(state="visible", timeout=2000)
    meta = tip.locator('.bf-tip__meta[data-claim="rogozin-spoke-on-27-august-2019"]').first
    assert "27 August 2019 (day precision) inferred" in norm_space(meta.inner_text())
    tab.shot("tooltip-dated-inference")


def test_likelihood_badges_show_their_range_and_open_the_scale(tab: Tab) -> None:
    tab.goto("")
    page = tab.page
    badges = page.locator("li.bf-judgment a.bf-likelihood")
    assert badges.count() == page.locator('li.bf-judgment[data-kind="assessment"]').count() > 0
    for i in range(badges.count()):
        text = norm_space(badges.nth(i).inner_text())
        assert re.fullmatch(r"[A-Z][a-z ]+ \(\d+–\d+ %\)|Cannot assess", text), text
    for badge in (badges.first, page.locator("li.bf-judgment a.bf-likelihood--cannot-assess").first):
        if not badge.count():
            continue
        tab.goto("")
        term = re.search(r"#scale-([a-z-]+)$", badge.get_attribute("href")).group(1)
        label = norm_space(badge.inner_text()).split(" (")[0]
        badge.click()
        page.wait_for_url(re.compile(rf"/method/#scale-{term}$"))
        row = page.locator(f"tr#scale-{term}")
        row.wait_for(state="visible")
        page.wait_for_timeout(300)
        assert label in row.inner_text()
        assert in_viewport(page, row), "the scale row is not in view"
        tab.shot(f"likelihood-scale-row-{term}")


def test_on_a_phone_the_first_tap_shows_the_tooltip_and_the_second_opens_the_source(new_tab: Any, built_site: BuiltSite) -> None:
    tab = new_tab(viewport=PHONE, has_touch=True, is_mobile=True)
    page = tab.page

    def tap(locator: Any) -> None:
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        assert page.evaluate(
            "([el, x, y]) => { const h = document.elementFromPoint(x, y); return !!h && (h === el || el.contains(h)); }",
            [locator.element_handle(), x, y],
        ), "the marker is covered where a finger would tap it"
        page.touchscreen.tap(x, y)

    tab.goto("")
    m = marker_info(page)[4]
    marker, tip = page.locator(f"#{m['id']}"), page.locator(f"#{m['tip']}")
    tap(marker)
    tip.wait_for(state="visible", timeout=2000)
    page.wait_for_timeout(300)
    # Still on the home page (Material's navigation.tracking may name the section in view).
    assert urlsplit(page.url).path == "/" and not urlsplit(page.url).fragment.startswith("s-"), f"the first tap left the page: {page.url}"
    assert_tooltip_shows(tab, built_site, m)
    tab.shot("phone-first-tap-tooltip")
    tap(marker)
    page.wait_for_url(re.compile(rf"/source/{SOURCE_ID}/#s-{m['start']}-{m['end']}$"))
    page.wait_for_selector("mark.bf-active")

    # Or, after the first tap, the tooltip's own link.
    tab.goto("")
    m = marker_info(page)[0]
    tap(page.locator(f"#{m['id']}"))
    # Each passage of the tooltip has its own link; the first one's is in view.
    links = page.locator(f"#{m['tip']} a.bf-tip__open")
    assert links.count() == len(m["passages"])
    for i, p in enumerate(m["passages"]):
        assert links.nth(i).get_attribute("href").endswith(f"/source/{p['source']}/#s-{p['start']}-{p['end']}")
    link = links.first
    link.wait_for(state="visible", timeout=2000)
    tap(link)
    page.wait_for_url(re.compile(rf"/source/{SOURCE_ID}/#s-{m['start']}-{m['end']}$"))
    # Tapping elsewhere closes an open tooltip.
    tab.goto("")
    m = marker_info(page)[1]
    tap(page.locator(f"#{m['id']}"))
    page.locator(f"#{m['tip']}").wait_for(state="visible", timeout=2000)
    page.touchscreen.tap(5, 300)
    page.locator(f"#{m['tip']}").wait_for(state="hidden", timeout=2000)
    assert tab.console_errors == []


def test_highlights_are_keyboard_links_to_their_passages(tab: Tab, built_site: BuiltSite) -> None:
    tab.goto(f"source/{SOURCE_ID}/")
    page = tab.page
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.bf-source a.bf-hl__link')"):
            break
    else:
        pytest.fail("200 presses of Tab never reached a highlighted passage")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    seg = page.evaluate("[+document.activeElement.parentElement.dataset.start, +document.activeElement.parentElement.dataset.end]")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "a focused highlight shows a focus ring"
    tab.shot("source-highlight-focused")
    target = urlsplit(href).fragment  # Material's instant navigation makes hrefs absolute
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/source/{SOURCE_ID}/#{target}$"))
    a, z = (int(x) for x in target.removeprefix("p-").split("-"))
    assert a <= seg[0] and seg[1] <= z
    entry = page.locator(f"li.bf-passage#{target}")
    page.wait_for_timeout(300)
    assert in_viewport(page, entry.locator("p").first), "the passage's entry is not in view"
    citing = {c["id"] for c in built_site.claims.values() for cit in c["citations"] if (cit["start"], cit["end"]) == (a, z)}
    linked = {re.search(r"claims/([^/]+)/", h).group(1) for h in entry.locator("a.bf-backlink[href*='claims/']").evaluate_all("els => els.map(e => e.getAttribute('href'))")}
    assert linked == citing
    tab.shot("source-passage-entry")
    # Words set aside as not claims: a link too, described by their reason (not only a title).
    nc = page.locator(".bf-source mark.bf-notclaim a.bf-hl__link").first
    described = nc.evaluate("e => document.getElementById(e.getAttribute('aria-describedby')).textContent")
    assert norm_space(described).startswith("Not a claim: The headline of a different, related SCMP article")
    assert page.locator(".bf-source mark.bf-notclaim").first.evaluate("e => getComputedStyle(e, '::after').content") == '"not a claim"'


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_overlapping_highlights_stay_distinguishable(new_tab: Any, color_scheme: str) -> None:
    tab = new_tab(color_scheme=color_scheme)
    tab.goto(f"source/{SOURCE_ID}/")
    settle(tab.page)
    levels = [
        luminance(tab.page.locator(f".bf-source mark.bf-hl--{n}").first.evaluate("e => getComputedStyle(e).backgroundColor"))
        for n in (1, 2, 3)
    ]
    page_bg = luminance(tab.page.evaluate("getComputedStyle(document.body).backgroundColor"))
    # Translucent colours over the page: blend their alpha in, as the eye does.
    if color_scheme == "light":
        levels = [luminance(_blend(tab.page, n)) for n in (1, 2, 3)]

    def ratio(a: float, b: float) -> float:
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)

    # Each level of overlap a clear step (luminance contrast) from the one below it.
    assert ratio(page_bg, levels[0]) >= 1.1, f"{color_scheme}: highlights barely differ from the page"
    steps = [ratio(levels[0], levels[1]), ratio(levels[1], levels[2])]
    assert all(r >= 1.25 for r in steps), f"{color_scheme}: overlap levels too alike (contrast steps {steps})"
    ordered = levels == sorted(levels, reverse=color_scheme == "light")
    assert ordered, f"{color_scheme}: more overlap must mean stronger shading ({levels})"
    tab.shot(f"source-overlaps-{color_scheme}")


def _blend(page: Any, level: int) -> str:
    """The colour a translucent highlight shows over the page's white."""
    return page.locator(f".bf-source mark.bf-hl--{level}").first.evaluate(
        """e => { const c = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number);
                 const a = c.length > 3 ? c[3] : 1, bg = 255;
                 return `rgb(${c.slice(0, 3).map(v => Math.round(v * a + bg * (1 - a))).join(",")})`; }"""
    )


def test_printed_source_page_underlines_only_the_active_passage(tab: Tab, built_site: BuiltSite) -> None:
    tab.goto(f"source/{SOURCE_ID}/{a_span(built_site)}")
    page = tab.page
    page.wait_for_selector("mark.bf-active")
    page.emulate_media(media="print")
    styles = page.eval_on_selector_all(
        ".bf-source mark",
        """els => els.map(e => ({active: e.classList.contains('bf-active'), mark: getComputedStyle(e).textDecorationLine,
                                link: getComputedStyle(e.querySelector('a')).textDecorationLine,
                                bg: getComputedStyle(e).backgroundColor}))""",
    )
    active = [s for s in styles if s["active"]]
    others = [s for s in styles if not s["active"]]
    assert active and all("underline" in s["mark"] for s in active)
    assert all(s["mark"] == "none" and s["link"] == "none" for s in others), [s for s in others if s["mark"] != "none" or s["link"] != "none"][:3]
    assert all(s["bg"] in ("rgba(0, 0, 0, 0)", "transparent") for s in styles)
    tab.shot("source-print")


# -- marker -> source page -> back-links -------------------------------------------------------


def check_highlight(tab: Tab, built_site: BuiltSite, claim: str, start: int, end: int, shot: str) -> None:
    page = tab.page
    assert urlsplit(page.url).path.endswith(f"/source/{SOURCE_ID}/")
    assert urlsplit(page.url).fragment == f"s-{start}-{end}"
    page.wait_for_selector("mark.bf-active", timeout=5000)
    page.wait_for_timeout(300)  # let scrollIntoView settle
    active = page.eval_on_selector_all(
        "mark.bf-active", "els => els.map(e => [+e.dataset.start, +e.dataset.end, e.textContent])"
    )
    assert active and all(start <= a and z <= end for a, z, _ in active), active
    assert "".join(t for _, _, t in active) == page.evaluate(
        "([a, z]) => Array.from(document.querySelectorAll('.bf-source mark[data-start]'))"
        ".filter(m => +m.dataset.start >= a && +m.dataset.end <= z).map(m => m.textContent).join('')",
        [start, end],
    )
    cit = built_site.citation(claim, start, end, SOURCE_ID)
    joined = "".join(t for _, _, t in active)
    for piece in cit["pieces"]:
        assert piece["exact"] in joined, f"the highlight does not contain the cited words {piece['exact']!r}"
    if len(cit["pieces"]) == 1:
        assert joined == cit["exact"]
    first = page.locator("mark.bf-active").first
    assert in_viewport(page, first), f"the highlighted passage is not in view: {first.bounding_box()}"
    bg = first.evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator(".bf-source mark.bf-hl:not(.bf-active)").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg != other, "the active passage looks like every other highlight"
    # One outline around the whole passage (a box per line), not one box per segment.
    ranges = page.locator(".bf-active-range")
    assert ranges.count() == 1
    assert ranges.first.locator("mark.bf-active").count() == len(active)
    style = ranges.first.evaluate("e => [getComputedStyle(e).boxShadow, getComputedStyle(e).boxDecorationBreak]")
    assert style[0] != "none" and style[1] == "clone", style
    assert page.locator("mark.bf-active").evaluate_all("els => els.every(e => getComputedStyle(e).outlineStyle === 'none')")
    # Material's "Back to top" button would sit on the text above the passage after the jump.
    page.wait_for_timeout(400)
    assert not page.locator(".md-top").is_visible(), "the Back to top button covers the text after the jump"
    tab.shot(shot)


def test_clicking_a_marker_opens_the_source_with_the_span_highlighted(tab: Tab, built_site: BuiltSite) -> None:
    tab.goto("")
    markers = marker_info(tab.page)
    m = max(markers, key=lambda m: m["start"])  # far down the source: the page has to scroll to it
    loc = tab.page.locator(f"#{m['id']}")
    tab.hover(loc)
    box = loc.bounding_box()
    tab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.page.wait_for_url(re.compile(rf"/source/{SOURCE_ID}/#s-{m['start']}-{m['end']}$"))
    check_highlight(tab, built_site, m["claim"], m["start"], m["end"], "source-highlight-after-click")

    # The passage's back-links lead to exactly the claims that cite this span.
    passage = tab.page.locator(f"li.bf-passage#p-{m['start']}-{m['end']}")
    hrefs = passage.locator("a.bf-backlink").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    linked = {re.search(r"claims/([^/]+)/", h).group(1) for h in hrefs}
    citing = {
        c["id"]
        for c in built_site.claims.values()
        for cit in c["citations"]
        if (cit["source"], cit["start"], cit["end"]) == (SOURCE_ID, m["start"], m["end"])
    }
    assert linked == citing and m["claim"] in linked
    back = passage.locator(f'a.bf-backlink[href$="claims/{m["claim"]}/"]')
    back.scroll_into_view_if_needed()
    back.click()
    tab.page.wait_for_url(re.compile(rf"/claims/{m['claim']}/$"))
    statement = norm_space(built_site.claims[m["claim"]]["statement"])
    card = tab.page.locator(f"#claim-{m['claim']}")
    assert statement in norm_space(card.locator(".bf-card__statement").inner_text())
    assert card.locator(f'a.bf-marker[data-start="{m["start"]}"][data-end="{m["end"]}"]').count() == 1
    tab.shot("claim-page-from-backlink")
    assert tab.console_errors == []


def test_opening_a_span_link_directly_highlights_it(tab: Tab, built_site: BuiltSite) -> None:
    """The same without Material's instant navigation: a fresh load of source/ID/#s-A-B."""
    cits = [(c["id"], cit) for c in built_site.claims.values() for cit in c["citations"] if cit["source"] == SOURCE_ID]
    claim, cit = max(cits, key=lambda p: (len(p[1]["pieces"]), p[1]["start"]))
    tab.goto(f"source/{SOURCE_ID}/#s-{cit['start']}-{cit['end']}")
    check_highlight(tab, built_site, claim, cit["start"], cit["end"], "source-highlight-direct")
    # Following another passage link on the page moves the highlight (hashchange).
    other = next(c for _, c in cits if c["start"] < cit["start"] - 200)
    tab.page.evaluate(f"location.hash = '#s-{other['start']}-{other['end']}'")
    tab.page.wait_for_function(
        f"document.querySelector('mark.bf-active') && +document.querySelector('mark.bf-active').dataset.start >= {other['start']}"
    )
    assert tab.page.locator("mark.bf-active").count() >= 1


# -- search ------------------------------------------------------------------------------------


def search(tab: Tab, query: str, expect: set[str]) -> list[str]:
    """Type into Material's search box; return the result pages (site-relative paths, best first)."""
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    found: list[str] = []
    # Material's search runs in a web worker; on a loaded machine its answer can take seconds, and
    # until it comes the list still shows the previous query's results. Waiting is bounded, not timed.
    for _ in range(120):
        tab.page.wait_for_timeout(250)
        hrefs = tab.page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
        found = list(dict.fromkeys(urlsplit(h).path.lstrip("/") for h in hrefs))
        if expect <= set(found):
            break
        # Material renders results lazily as the list scrolls.
        tab.page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, e.scrollHeight)")
    return found


def test_search_finds_yf77_claims_and_rogozin(tab: Tab, built_site: BuiltSite) -> None:
    tab.goto("")
    about_yf77 = {f"claims/{c['id']}/" for c in built_site.claims.values() if "yf-77" in c["entities"] or "YF-77" in c["statement"]}
    assert len(about_yf77) >= 3
    expect = about_yf77 | {"entities/yf-77/"}
    found = search(tab, "YF-77", expect)
    tab.page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, 0)")
    tab.shot("search-yf-77")
    assert expect <= set(found), f"search for YF-77 misses {sorted(expect - set(found))}; found {found}"
    assert set(found[: len(expect) + 2]) >= expect, f"the pages about YF-77 should come first: {found}"
    meta = tab.page.locator(".md-search-result__meta").inner_text()
    assert re.search(r"\d+ matching documents?", meta), meta

    found = search(tab, "Rogozin", {"entities/dmitry-rogozin/"})
    tab.shot("search-rogozin")
    # Listed, though after the claim pages: their titles ("Claim: rogozin-says-...") contain his name.
    assert "entities/dmitry-rogozin/" in found, f"search for Rogozin does not list his page: {found}"
    # Choosing the result opens his page.
    tab.page.locator('.md-search-result__item > a.md-search-result__link[href*="entities/dmitry-rogozin/"]').first.click()
    tab.page.wait_for_url(re.compile(r"/entities/dmitry-rogozin/"))
    assert "Rogozin" in tab.page.locator("h1").inner_text()
    assert tab.console_errors == []


# -- light and dark ----------------------------------------------------------------------------


def luminance(css_color: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", css_color)[:3])

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def scheme(page: Any) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def settle(page: Any) -> None:
    """Wait for Material's colour transitions to finish (axe must not judge a half-faded page)."""
    probe = "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.md-typeset')).color]"
    prev = None
    for _ in range(40):
        cur = page.evaluate(probe)
        if cur == prev:
            return
        prev = cur
        page.wait_for_timeout(150)


def toggle(page: Any, to: str) -> None:
    label = page.locator('form[data-md-component="palette"] label:visible')
    assert label.count() == 1, "one visible light/dark toggle"
    label.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{to}'")
    settle(page)


def a_span(built_site: BuiltSite) -> str:
    """The #s-START-END anchor of the first citation in claims.json."""
    cit = next(iter(built_site.claims.values()))["citations"][0]
    return f"#s-{cit['start']}-{cit['end']}"


def test_dark_light_toggle_keeps_the_page_readable(new_tab: Any, built_site: BuiltSite, axe: Any, describe: Any) -> None:
    tab = new_tab(color_scheme="light")
    page = tab.page
    tab.goto("")
    assert scheme(page) == "default"
    assert luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) > 0.8
    readable = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}

    toggle(page, "slate")
    assert luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) < 0.05
    assert luminance(page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")) > 0.5
    bad = axe(page, "toggle-dark-home", options=readable)
    tab.shot("home-dark-after-toggle")
    assert not bad, describe(bad)

    # The choice sticks across pages (Material keeps it), and highlights stay readable.
    tab.goto(f"source/{SOURCE_ID}/{a_span(built_site)}")
    assert scheme(page) == "slate"
    page.wait_for_selector("mark.bf-active")
    settle(page)
    bad = axe(page, "toggle-dark-source", options=readable)
    tab.shot("source-dark-after-toggle")
    assert not bad, describe(bad)

    toggle(page, "default")
    assert luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) > 0.8
    bad = axe(page, "toggle-light-source", options=readable)
    tab.shot("source-light-after-toggle")
    assert not bad, describe(bad)
    assert tab.console_errors == []


# -- accessibility -----------------------------------------------------------------------------


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_serious_violations(
    new_tab: Any, built_site: BuiltSite, axe: Any, describe: Any, name: str, color_scheme: str
) -> None:
    tab = new_tab(color_scheme=color_scheme)
    path = AXE_PAGES[name] + (a_span(built_site) if name == "source" else "")  # include an active highlight
    tab.goto(path)
    if name == "source":
        tab.page.wait_for_selector("mark.bf-active")
    settle(tab.page)
    assert scheme(tab.page) == ("slate" if color_scheme == "dark" else "default")
    bad = axe(tab.page, f"{name}-{color_scheme}")
    tab.shot(f"axe-{name}-{color_scheme}")
    assert not bad, f"axe on {path or 'home'} ({color_scheme}):\n{describe(bad)}"


# -- print -------------------------------------------------------------------------------------


def test_print_shows_every_citation_s_source_words(tab: Tab, built_site: BuiltSite, save_output: Any) -> None:
    tab.goto("")
    page = tab.page
    markers = marker_info(page)
    # On screen the notes are collapsed (the tooltips show the same); on paper all are printed.
    assert page.locator("details.bf-notes > summary").is_visible()
    assert not page.locator("details.bf-notes > ol").is_visible(), "the notes are open on screen"
    page.emulate_media(media="print")
    notes = page.locator("details.bf-notes")
    notes.locator("ol").wait_for(state="visible", timeout=5000)  # the print styles have applied
    assert notes.is_visible(), "the citations list is hidden in print"
    kinds = {"reported": "Reported", "attributed": "Attributed", "speculation": "Article's speculation", "inference": "Editors' inference"}
    for m in markers:
        note = page.locator(f"details.bf-notes li#bf-note-{m['note']}")
        assert note.is_visible(), f"note {m['note']} is not printed"
        printed = norm_space(note.inner_text())
        for p in m["passages"]:
            assert passage_words(built_site, p) in printed, f"note {m['note']} does not print the words of marker {m['id']}"
        for cid in m["claims"]:
            assert kinds[built_site.claims[cid]["kind"]] in printed, f"note {m['note']} does not print the kind of claim {cid}"
        assert page.locator(f"#{m['id']}").is_visible(), f"marker {m['id']} is not printed"
    # What a key judgment rests on is printed too.
    rests = page.locator("details.bf-rests > ul")
    assert rests.count() > 0 and all(rests.nth(i).is_visible() for i in range(rests.count()))
    assert not page.locator(".bf-tip").first.is_visible()
    notes.scroll_into_view_if_needed()
    tab.shot("home-print-notes")
    tab.shot("home-print-full", full_page=True)
    pdf = save_output("home-print.pdf")
    page.pdf(path=str(pdf), format="A4", print_background=False)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000


# -- hostile record text -----------------------------------------------------------------------

PAYLOAD = "<script>alert(document.domain)</script><img src=x onerror=alert(document.cookie)>"  # no figure: a note gives none its claim lacks


def test_markup_in_a_record_stays_text(chromium: Any, project: Path, new_tab: Any, serve_folder: Any) -> None:
    target = next(
        f
        for f in sorted((project / "facts" / "claims").glob("*.yml"))
        if not re.search(r"^note:", f.read_text(encoding="utf-8"), re.M) and re.search(r"^topics:", f.read_text(encoding="utf-8"), re.M)
    )
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + f'\nnote: "{PAYLOAD}"\n', encoding="utf-8")
    res = build_site(project)
    assert res.code == 0, f"the build refused a note with markup in it:\n{res.err[-3000:]}"
    site = project / "site"
    claim = next(c for c in json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"] if c["id"] == target.stem)
    assert claim["topics"]
    tab = new_tab(base=serve_folder(site))
    for path in (f"claims/{claim['id']}/", f"topics/{claim['topics'][0]}/", "claims/"):
        tab.goto(path)
        tab.page.wait_for_timeout(300)  # time for an injected onerror to fire, were there one
        note = tab.page.locator(f"#claim-{claim['id']} .bf-note")
        assert PAYLOAD in note.inner_text(), f"{path}: the note does not show the markup as text"
        scripts = tab.page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
        assert not [t for t in scripts if "alert" in t], f"{path}: the injected <script> exists"
        assert tab.page.locator(".bf-card script, .bf-note *:not(strong)").count() == 0, f"{path}: elements inside the note"
        assert tab.page.locator('[onerror], img[src="x"]').count() == 0, f"{path}: the injected <img> exists"
        assert tab.dialogs == [], f"{path}: a dialog fired: {tab.dialogs}"
        tab.page.locator(f"#claim-{claim['id']} .bf-note").scroll_into_view_if_needed()
        tab.shot("injected-note-" + (path.strip("/").replace("/", "-").replace(claim["id"], "claim") or "home"))
    # Material's search shows page text too: it must show the markup as text as well.
    search(tab, "onerror", {f"claims/{claim['id']}/"})
    tab.page.wait_for_timeout(300)
    tab.shot("injected-note-search")
    assert tab.page.locator(".md-search-result script, .md-search-result [onerror]").count() == 0
    assert tab.dialogs == []


# -- the preview (make serve) ------------------------------------------------------------------


def test_the_preview_tab_shows_a_broken_build_and_returns_to_the_site_by_itself(project: Path, new_tab: Any, tmp_path: Path) -> None:
    """An open tab of `make serve` does not hang on a broken edit: it reloads to the findings
    (escaped), and back to the page once the file is fixed, with no action from the editor."""
    claim = project / "facts" / "claims" / "protons-use-very-toxic-fuels.yml"
    good = claim.read_text(encoding="utf-8")
    with preview_server(project, tmp_path / "preview.log") as base:
        tab = new_tab(base=base)
        tab.goto("claims/protons-use-very-toxic-fuels/")
        page = tab.page
        assert page.locator("header.md-header").is_visible()
        claim.write_text(good.replace("the Protons use very toxic fuels", f"the Protons use {PAYLOAD} fuels"), encoding="utf-8")
        error = page.locator("#bf-preview-error")
        error.wait_for(state="visible", timeout=60_000)
        findings = page.locator("ol.bf-preview-diagnostics > li")
        assert "facts/claims/protons-use-very-toxic-fuels.yml:10:12" in findings.first.inner_text()
        assert PAYLOAD in findings.first.inner_text(), "the file's own text is shown as text"
        assert page.locator("main script, main img").count() == 0 and tab.dialogs == []
        tab.shot("preview-error-page")
        claim.write_text(good, encoding="utf-8")
        page.locator("header.md-header").wait_for(state="visible", timeout=60_000)
        assert error.count() == 0
        assert "The article says the Protons use very toxic fuels." in page.locator("article").inner_text()
        assert tab.foreign_requests() == [] and tab.blocked == []
        tab.shot("preview-fixed")


# -- "Cite this passage" on the Source page ----------------------------------------------------

SELECT_WORDS = """([words, nth]) => {
  // Select the nth place of `words` in the source text, as a reader's drag would: a DOM range.
  const box = document.querySelector('.bf-source');
  const text = box.textContent;
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(words, at + 1);
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let n, pos = 0, sN, sO, eN, eO;
  while ((n = walker.nextNode())) {
    const len = n.data.length;
    if (sN === undefined && at < pos + len) { sN = n; sO = at - pos; }
    if (eN === undefined && at + words.length <= pos + len) { eN = n; eO = at + words.length - pos; }
    pos += len;
  }
  const r = document.createRange();
  r.setStart(sN, sO);
  r.setEnd(eN, eO);
  return r;
}"""


def _locate_block(words: str, start: int) -> str:
    """The `citations:` block `python -m briefing locate` prints for the place starting at `start`."""
    res = run_cli("locate", words)
    assert res.code == 0, res.err
    for chunk in res.out.split("\n\n"):
        if f"(offsets {start}–" in chunk:
            return chunk[chunk.index("citations:") :].rstrip("\n") + "\n"
    raise AssertionError(f"locate found no place at {start}:\n{res.out}")


def _claim_from_link(href: str) -> tuple[str, str]:
    from urllib.parse import parse_qs

    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/fact-checked-briefing/russia-china-rocket-engines/new/main"
    query = parse_qs(parts.query, strict_parsing=True)
    return query["filename"][0], query["value"][0]


def test_cite_this_passage_gives_locate_s_block_and_a_claim_file_that_passes_the_check(tab: Tab, project: Path) -> None:
    page = tab.page
    tab.goto(f"source/{SOURCE_ID}/")
    tool = page.locator(".bf-citetool")
    assert tool.is_visible()
    opener = tool.locator(".bf-citetool__open")
    dialog = page.locator("dialog.bf-citetool__dialog")
    saved: list[tuple[str, str]] = []

    # 1. With the mouse: drag across words that sit inside a highlighted passage (a link).
    words = "Dmitry Rogozin, director general of Roscosmos"
    where = f"([w, n]) => {{ const rs = ({SELECT_WORDS})([w, n]).getClientRects(); const a = rs[0], z = rs[rs.length - 1];" \
        " return [a.left + 1, a.top + a.height / 2, z.right - 1, z.top + z.height / 2]; }"
    page.evaluate(f"([w, n]) => window.scrollBy(0, ({where})([w, n])[1] - 300)", [words, 0])
    rect = page.evaluate(where, [words, 0])
    page.mouse.move(rect[0], rect[1])
    page.mouse.down()
    page.mouse.move(rect[2], rect[3], steps=8)
    page.mouse.up()
    assert page.evaluate("getSelection().toString()") == words, "dragging over the text selects its words"
    assert urlsplit(page.url).fragment == "", "ending the drag on a highlighted passage does not follow its link"
    assert "6 words selected" in tool.locator(".bf-citetool__status").inner_text()
    opener.click()
    assert dialog.is_visible()
    start = tab_text_offset(page, words, 0)
    assert dialog.locator(".bf-citetool__block code").inner_text() == _locate_block(words, start)
    page.locator("#bf-citetool-statement").fill("Roscosmos had Dmitry Rogozin as its director general.")
    page.locator("#bf-citetool-id").fill("roscosmos-led-by-rogozin-per-site-test")
    page.locator("#bf-citetool-topic").select_option("sources-and-voices")
    tab.shot("cite-passage-dialog")
    saved.append(_claim_from_link(dialog.locator("a.bf-citetool__new").get_attribute("href")))
    assert "entities: [dmitry-rogozin, roscosmos]" in saved[-1][1]
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('bf-citetool__open')"), "focus returns to the button"

    # 2. Words that occur three times, the third place: the prefix that picks it, as locate prints
    # it. (The second "rocket engines" would do for the tool, but its quote drops the hedge
    # "possible" before it: the check refuses it, as it should.)
    words = "the Long March 5"
    page.evaluate(f"() => {{ const s = getSelection(); s.removeAllRanges(); s.addRange(({SELECT_WORDS})([{json.dumps(words)}, 2])); }}")
    # 3. With the keyboard: Tab reaches the button, Enter opens the dialog.
    page.locator(".bf-source a").last.focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('bf-citetool__open')"):
            break
    else:
        pytest.fail("Tab from the text never reached Cite this passage")
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    block = dialog.locator(".bf-citetool__block code").inner_text()
    assert block == _locate_block(words, tab_text_offset(page, words, 2)) and "prefix:" in block
    page.locator("#bf-citetool-statement").fill("The article mentions the Long March 5.")
    page.locator("#bf-citetool-id").fill("long-march-5-again-per-site-test")
    saved.append(_claim_from_link(dialog.locator("a.bf-citetool__new").get_attribute("href")))
    # A bad id takes the link away and says why.
    page.locator("#bf-citetool-id").fill("Not An Id")
    assert dialog.locator("a.bf-citetool__new").get_attribute("href") is None
    assert "lower-case" in dialog.locator(".bf-citetool__problem").inner_text()
    page.locator(".bf-citetool__close").click()
    # A plain click on a highlighted passage still follows its link to the passage's entry.
    page.evaluate("getSelection().removeAllRanges()")
    link = page.locator(".bf-source a.bf-hl__link").nth(3)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("h => location.hash === h", arg="#" + urlsplit(target).fragment)
    assert link.get_attribute("href") == target
    assert tab.console_errors == [] and tab.foreign_requests() == []

    # Saved as files, the claims pass the check as they are.
    for filename, value in saved:
        assert filename.startswith("facts/claims/") and filename.endswith(".yml")
        (project / filename).write_text(value, encoding="utf-8")
    res = run_cli("check", root=project)
    assert res.code == 0, res.out + res.err


def tab_text_offset(page: Any, words: str, nth: int) -> int:
    """The code-point offset of the nth place of `words` in the source text on the page."""
    return page.evaluate(
        "([w, n]) => { const t = document.querySelector('.bf-source').textContent; let at = -1;"
        " for (let k = 0; k <= n; k++) at = t.indexOf(w, at + 1); return Array.from(t.slice(0, at)).length; }",
        [words, nth],
    )


NUMBERS = "It carried 1,500 kg in 2019. In 2019.5 it carried 500 kg; then 2.5 t, then 2. Then 1,500."


def test_cite_this_passage_takes_whole_numbers(tab: Tab) -> None:
    """A selection that starts or ends inside "1,500" or "2.5" (even on the separator, where
    `anchor` would let a quote cut the number) cites the whole number; a sentence's full stop
    after a number stays a full stop. The page is the tool alone over a text with such numbers
    (the real source has none), with the build's own page data and the site's cite.js."""
    import hashlib

    import yaml

    from briefing import citetool
    from briefing.anchor import SourceText
    from briefing.model import Source
    from briefing.newclaim import _disambiguate, _occurrences
    from briefing.render import attr
    from briefing.yamlsafe import Located

    src = Source("t", "sources/t.yml", {}, Located({}, {}), text=SourceText(NUMBERS), actual_sha256=hashlib.sha256(NUMBERS.encode()).hexdigest())
    data = citetool.page_data(src, [])
    assert data is not None
    body = f'<div class="bf-source">{attr(NUMBERS)}</div>{citetool.html(src, data, [("t", "T")], "")}<script src="../assets/cite.js"></script>'
    page = tab.page
    page.route(tab.base + "cite-numbers/", lambda route: route.fulfill(content_type="text/html", body=f"<!doctype html><html><body>{body}</body></html>"))
    tab.goto("cite-numbers/")
    dialog = page.locator("dialog.bf-citetool__dialog")
    # (selected words, which place of them) -> the quote cited
    cases = {
        ("500 kg in", 0): "1,500 kg in",
        (",500 kg", 0): "1,500 kg",
        ("carried 1,", 0): "carried 1,500",
        ("5 it", 0): "2019.5 it",
        ("then 2.", 0): "then 2.5",
        (".", 2): "2.5",  # the separator alone
        ("then 2.", 1): "then 2.",  # a full stop that ends a sentence
        ("500", 2): "1,500",  # twice in the text: a prefix picks the last
    }
    for (words, nth), quote in cases.items():
        page.evaluate(f"() => {{ const s = getSelection(); s.removeAllRanges(); s.addRange(({SELECT_WORDS})({json.dumps([words, nth])})); }}")
        page.locator(".bf-citetool__open").click()
        block = yaml.safe_load(dialog.locator(".bf-citetool__block code").inner_text())
        (cit,) = block["citations"]
        assert cit["quote"] == quote, f"{words!r} ({nth}): {cit}"
        # ... with what `locate` adds to pick this place.
        at = _occurrences(src, quote)
        selected_at = [i for i in range(len(NUMBERS)) if NUMBERS.startswith(words, i)][nth]
        chosen = next(n for n, s in enumerate(at, 1) if s.start <= selected_at < s.end)
        prefix, occurrence = (None, None) if len(at) == 1 else _disambiguate(src, quote, at, chosen)
        assert (cit.get("prefix"), cit.get("occurrence")) == (prefix, occurrence), f"{words!r} ({nth}): {cit}"
        page.keyboard.press("Escape")
    assert tab.console_errors == [] and tab.foreign_requests() == []
