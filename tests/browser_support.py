"""Browser and built-site helpers for tests/test_browser.py and tests/test_site_integrity.py.

Loaded as a pytest plugin (`pytest_plugins = ["browser_support"]` in those modules) so that its
session fixtures exist once per session: the real site is built ONCE into a temporary folder
and served from 127.0.0.1 on a free port; one Chromium (Debian's, never a downloaded one) serves
every browser test. Screenshots and reports go to test-output/browser/ (gitignored) and their
paths are listed at the end of the run.

Test modules should reach these helpers through the fixtures below rather than import this
module: importing it before pytest registers it as a plugin would stop pytest rewriting it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import REPO

CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = REPO / "test-output" / "browser"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
_saved: list[Path] = []


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def need_browser() -> None:
    """Skip on a laptop without Chromium or Playwright; in CI their absence is a failure."""
    problem = ""
    if not CHROMIUM.exists():
        problem = f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; or set BRIEFING_CHROMIUM)"
    else:
        try:
            import axe_playwright_python  # noqa: F401
            import playwright.sync_api  # noqa: F401
        except ImportError as e:
            problem = f"Python Playwright / axe-playwright-python not installed ({e}); run `make setup`"
    if problem:
        if in_ci():
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(f"browser tests skipped: {problem}")


def output_path(name: str) -> Path:
    """A file under test-output/browser/, remembered so the run can list it at the end."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / name
    _saved.append(path)
    print(f"saved {path}")
    return path


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _saved:
        terminalreporter.write_sep("-", f"browser test output: {OUTPUT}")
        for path in dict.fromkeys(_saved):
            if path.exists():
                terminalreporter.write_line(str(path))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A pytest-xdist worker hands its list to the main process, which prints it (conftest)."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["browser_output"] = [str(p) for p in _saved]


# -- the built site, served --------------------------------------------------------------------


@dataclass
class BuiltSite:
    root: Path  # the site folder

    @functools.cached_property
    def claims_json(self) -> dict[str, Any]:
        return json.loads((self.root / "claims.json").read_text(encoding="utf-8"))

    @functools.cached_property
    def claims(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.claims_json["claims"]}

    def citation(self, claim_id: str, start: int, end: int, source: str | None = None) -> dict[str, Any]:
        for cit in self.claims[claim_id]["citations"]:
            if cit["start"] == start and cit["end"] == end and source in (None, cit["source"]):
                return cit
        raise AssertionError(f"claims.json has no citation {start}-{end} for claim {claim_id}")

    def html_pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (free port) from a thread; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {root}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def built_site(real_site: Path) -> BuiltSite:
    """The real project, built once per session: the build the other tests read (conftest)."""
    return BuiltSite(real_site)


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.root) as url:
        yield url


# -- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    need_browser()
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        pw.stop()


@dataclass
class Tab:
    """A page in a fresh context that records what a reader's browser would do behind the scenes."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, path: str = "", idle: bool = False) -> Any:
        """Open a page; idle=True also waits for the network to be quiet (fonts, search index)."""
        resp = self.page.goto(self.base + path, wait_until="networkidle" if idle else "load")
        return resp

    def shot(self, name: str, full_page: bool = False) -> Path:
        path = output_path(f"{name}.png")
        # Transitions finished first: a shot taken while the header swaps the site name for the
        # page title (after a scroll) would show both, overlapping, which no reader sees for long.
        self.page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        return path

    def foreign_requests(self) -> list[str]:
        """Requests to anywhere but the local server (data: and blob: URLs never leave the browser)."""
        here = urlsplit(self.base).netloc
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != here]

    def hover(self, locator: Any) -> None:
        """Move the real mouse onto an element's visible box, as a reader would.

        Playwright's own hover() aims at the inline box's content quad, which for a superscript
        with line-height 0 falls on the paragraph; the reader aims at the glyphs."""
        self.page.mouse.move(1, 1)
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        assert box, "element has no box"
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        hit = self.page.evaluate(
            "([el, x, y]) => { const h = document.elementFromPoint(x, y); return !!h && (h === el || el.contains(h)); }",
            [locator.element_handle(), x, y],
        )
        assert hit, "the element is covered where a reader would point at it"
        self.page.mouse.move(x, y)


def open_tab(browser: Any, base: str, **context_args: Any) -> Iterator[Tab]:
    context = browser.new_context(viewport=context_args.pop("viewport", DESKTOP), **context_args)
    page = context.new_page()
    tab = Tab(page, base)
    context.on("request", lambda r: tab.requests.append(r.url))
    here = urlsplit(base).netloc

    def guard(route: Any) -> None:
        # Nothing may leave the machine: record and refuse anything not for the local server.
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != here:
            tab.blocked.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.console_errors.append(f"uncaught: {e}"))

    def on_dialog(d: Any) -> None:
        tab.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def tab(chromium: Any, site_url: str) -> Iterator[Tab]:
    """A desktop-sized page on the session's site."""
    yield from open_tab(chromium, site_url)


@pytest.fixture
def new_tab(chromium: Any, site_url: str) -> Iterator[Any]:
    """Factory: new_tab(base=None, viewport=..., color_scheme=..., ...) -> Tab, closed after the test."""
    opened: list[Iterator[Tab]] = []

    def make(base: str | None = None, **context_args: Any) -> Tab:
        gen = open_tab(chromium, base or site_url, **context_args)
        opened.append(gen)
        return next(gen)

    yield make
    for gen in opened:
        with contextlib.suppress(StopIteration):
            next(gen)


@pytest.fixture
def serve_folder() -> Iterator[Any]:
    """Factory: serve_folder(path) -> base URL on 127.0.0.1, stopped after the test."""
    with contextlib.ExitStack() as stack:
        yield lambda root: stack.enter_context(serve(root))


@pytest.fixture
def axe() -> Any:
    """axe(page, label) -> serious/critical violations (report saved under test-output/browser/)."""
    return axe_violations


@pytest.fixture
def describe() -> Any:
    return describe_violations


@pytest.fixture
def save_output() -> Any:
    """save_output(name) -> a path under test-output/browser/, listed at the end of the run."""
    return output_path


# -- axe ---------------------------------------------------------------------------------------

BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page: Any, label: str, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run axe-core (bundled with axe-playwright-python) and return serious/critical violations.

    The full report (every impact) is written next to the screenshots."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"], **(options or {})})
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    path = output_path(f"axe-{slug}.txt")
    path.write_text(results.generate_report() if results.violations_count else "No violations.\n", encoding="utf-8")
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)")
        for n in v["nodes"][:3]:
            lines.append(f"    {', '.join(map(str, n['target']))}: {n.get('failureSummary', '').strip()[:300]}")
    return "\n".join(lines)


def norm_space(text: str) -> str:
    return " ".join(text.split())


# -- reading: how much of a page is citation markers ----------------------------------------------

# What a reader reads as the page's prose: the article's visible text, apart from the boxes that
# explain the site, the footnotes, the "last verified" line, headings and the markers themselves.
PROSE_SKIP = ".admonition.about, details.bf-notes, .bf-verified, .bf-tip, .bf-cites, h1, h2, h3, h4, h5, h6, .headerlink"
_DENSITY_JS = """
(skip) => {
  const root = document.querySelector("article.md-content__inner");
  const WORD = /[\\p{L}\\p{N}]+(?:[-\u2019'.][\\p{L}\\p{N}]+)*/gu;
  const words = (el) => {
    let n = 0;
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walk.nextNode(); t; t = walk.nextNode()) {
      const p = t.parentElement;
      if (!p || p.closest(skip) || !p.checkVisibility()) continue;
      n += (t.textContent.match(WORD) || []).length;
    }
    return n;
  };
  const markers = (el) => Array.from(el.querySelectorAll("a.bf-marker"))
    .filter((m) => !m.closest(".admonition.about, details.bf-notes, .bf-verified") && m.checkVisibility()).length;
  const blocks = Array.from(root.querySelectorAll("p, li, td, dd"))
    .filter((e) => !e.closest(skip) && !e.querySelector("p, li") && e.checkVisibility());
  return {
    words: words(root),
    markers: markers(root),
    paragraphs: blocks.map((e) => ({ words: words(e), markers: markers(e), text: e.innerText.slice(0, 80) })),
  };
}
"""


def prose_density(page: Any) -> dict[str, Any]:
    """Words of prose and citation markers on the open page, in all and per paragraph (a p, or
    a list item or table cell holding no paragraph of its own)."""
    return page.evaluate(_DENSITY_JS, PROSE_SKIP)


@pytest.fixture
def density() -> Any:
    """density(page) -> words of prose and markers on the open page, in all and per paragraph."""
    return prose_density
