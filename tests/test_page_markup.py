"""Page markup: no script, event handler, redirect, frame or load from outside the site reaches a
page a reader opens, whether a page writes it as raw HTML, as Markdown or through attr_list, or
the build makes it afterwards.

The check (briefing/rules/markup.py) renders each hand-written page with the site's Markdown
configuration and reads the HTML as a browser does; the fixtures in tests/fixtures/markup/ hold
every case at its line. The build's guard (site_adapter.Guard) reads what MkDocs really makes:
real builds with a hook that adds markup or a file after the check show it refusing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, run_cli
from test_build_safety import _site_project
from test_page_checks import diagnostics, overlay

from briefing import markup

CASES = sorted(p for p in (FIXTURES / "markup").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_markup_fixture_gives_exactly_its_diagnostics(case: Path, tmp_path: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    r = run_cli("check", root=overlay(case, tmp_path / "p"))
    assert "Traceback" not in r.out + r.err
    assert diagnostics(r.out) == expected, r.out
    assert r.code == (1 if expected else 0), r.out


def test_the_fixtures_hold_every_kind_of_case() -> None:
    text = "".join((c / "expected.txt").read_text(encoding="utf-8") for c in CASES)
    for code in ("page-markup", "page-link", "macro-in-markup", "title-markup"):
        assert f"error[{code}]" in text, code
    assert not (FIXTURES / "markup" / "valid" / "expected.txt").read_text(encoding="utf-8").strip()


# -- the readings, on the real parser ------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<a href="javascript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href="java&#10;script:alert(1)">x</a>',
        '<a href="\x01javascript:alert(1)">x</a>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="file:///etc/passwd">x</a>',
        '<a href="//evil.example/">x</a>',
        '<a href="\\\\evil.example/">x</a>',
        '<a href="/\\evil.example/">x</a>',
        '<img src="https://evil.example/p.png">',
        '<img src="//evil.example/p.png">',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x OnErRoR=alert(1)>",
        '<img srcset="https://evil.example/p.png 1x">',
        "<svg onload=alert(1)></svg>",
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        "<math><maction actiontype=statusline>x</maction></math>",
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "<body onload=alert(1)>",
        "<html onmouseover=alert(1)>",
        "<p style=\"background:url('https://evil.example/p.png')\">x</p>",
        '<table><tr><td style="text-align: left; background: url(https://evil.example/)">x</td></tr></table>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<link rel="preload" as="font" href="https://evil.example/f.woff2">',
        "<noscript><img src=x onerror=alert(1)></noscript>",
        '<div class="md-dialog">x</div>',
        '<span data-md-component="announce">x</span>',
        '<a id="__drawer">x</a>',
        '<p role="dialog">x</p>',
        "<textarea>x</textarea>",
        "<video src=a.mp4></video>",
    ],
)
def test_a_page_may_not_hold(html: str) -> None:
    assert markup.page_problems(html), html


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://example.org/a?b=1&amp;c=2">x</a> <a href="mailto:a@example.org">m</a> <a href="../x/#y">r</a></p>',
        '<p><a href="#part">p</a> <img src="../assets/images/favicon.png" alt="icon"></p>',
        '<table><tr><th style="text-align: left;">a</th><td align="right">b</td></tr></table>',
        '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
        '<h2 id="part">Part<a class="headerlink" href="#part" title="Permanent link">&para;</a></h2>',
        '<pre><code class="language-python">print("&lt;script&gt;")</code></pre>',
        '<p class="bf-bluf">x <span class="bf-marker-sample">[1]</span> <abbr title="t">a</abbr></p>',
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; is text</p><!-- <script>alert(1)</script> -->",
        "<details><summary>More</summary><p>x</p></details>",
    ],
)
def test_a_page_may_hold(html: str) -> None:
    assert markup.page_problems(html) == []


def test_the_site_markup_is_allowed_only_where_the_build_reads_it() -> None:
    """What the macros write (data and aria attributes, a JSON-LD block) passes the build's reading
    of content, and not a page's own; a script that runs passes neither."""
    site = '<span class="bf-cite" data-claims="a" aria-describedby="t" role="note" tabindex="0">x</span><script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script>'
    assert markup.content_problems(site) == []
    assert markup.page_problems(site)
    for bad in (
        "<script>alert(1)</script>",
        '<script type="application/ld+json">alert(1)</script>',
        '<script type="module" src="x.js"></script>',
    ):
        assert markup.content_problems(bad), bad


def _page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body>{body}<script>theme()</script></body></html>"


@pytest.mark.parametrize(
    "doc",
    [
        _page(body="<script>alert(1)</script>"),
        _page(head="<script>alert(1)</script>"),
        _page(body="<p onclick=alert(1)>x</p>"),
        _page(head='<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
        _page(head='<base href="https://evil.example/">'),
        _page(head='<link rel="stylesheet" href="https://evil.example/x.css">'),
        _page(head='<link rel="icon" href="//evil.example/i.png">'),
        _page(head='<script src="https://evil.example/x.js"></script>'),
        _page(head="<style>@import 'https://evil.example/x.css';</style>"),
        _page(head="<style>body{background:\\75 rl(https://evil.example/p.png)}</style>"),
        _page(head="<style>body{background:url(/*x*/https://evil.example/p.png)}</style>"),
        _page(body='<iframe src="/x"></iframe>'),
        _page(body='<form action="https://evil.example/"><input name="q"></form>'),
        _page(body='<a href="javascript:alert(1)">x</a>'),
        _page(body='<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>'),
        _page(body='<script id="__config" type="application/json">{"search": "data:,x"}</script>' * 2),
    ],
)
def test_a_published_document_may_not_hold(doc: str) -> None:
    assert markup.document_problems(doc, frozenset({"theme()"})), doc


def test_a_published_document_may_hold_the_theme_s_own() -> None:
    doc = _page(
        head='<link rel="canonical" href="https://example.org/site/"><link rel="stylesheet" href="../assets/x.css">'
        "<style>:root{--icon:url('data:image/svg+xml;charset=utf-8,<svg/>')}</style>",
        body='<form class="md-search__form" name="search"><input type="text" name="query"></form>'
        '<a href="https://example.org/">x</a><script src="../assets/javascripts/bundle.js"></script>'
        '<script id="__config" type="application/json">{"base": ".."}</script>',
    )
    assert markup.document_problems(doc, frozenset({"theme()"})) == []


# -- real builds ---------------------------------------------------------------------------------------

_PLUGINS = """plugins:
  - search
  - macros:
      module_name: macros
      on_undefined: strict
      on_error_fail: true
"""


@pytest.mark.slow
def test_the_build_refuses_a_hostile_page_with_the_same_diagnostics(tmp_path: Path) -> None:
    root = overlay(FIXTURES / "markup" / "markdown", tmp_path / "p")
    shutil.copy2(FIXTURES / "markup" / "raw-html" / "docs" / "method.md", root / "docs" / "verification.md")
    shutil.copy2(FIXTURES.parent.parent / "macros.py", root / "macros.py")
    shutil.copytree(FIXTURES.parent.parent / "overrides", root / "overrides")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "theme:\n  name: material\n  custom_dir: overrides\n  font: false\n" + _PLUGINS,
        encoding="utf-8",
    )
    expected = (FIXTURES / "markup" / "markdown" / "expected.txt").read_text(encoding="utf-8").splitlines()
    expected += [
        d.replace("docs/method.md", "docs/verification.md")
        for d in (FIXTURES / "markup" / "raw-html" / "expected.txt").read_text(encoding="utf-8").splitlines()
    ]
    r = build_site(root, root / "site")
    assert r.code != 0 and "Traceback" not in r.err
    assert sorted(diagnostics(r.err)) == sorted(expected), r.err
    site = root / "site"
    assert not any(b"evil.example" in p.read_bytes() for p in site.rglob("*") if p.is_file()) if site.exists() else True


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mode", "says"),
    [
        ("content", "docs/index.md: the built content holds the attribute onerror= on <img>"),
        ("document", "docs/index.md: the built page holds an inline <script> the theme did not write"),
        ("file", "docs/evil.js: the build would publish a file the check did not approve"),
    ],
)
def test_the_guard_refuses_what_the_build_makes_after_the_check(
    tmp_path: Path, mode: str, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _site_project(tmp_path)
    shutil.copy2(FIXTURES / "build-safety-hook" / "inject.py", root / "inject.py")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - inject.py\n", encoding="utf-8")
    assert run_cli("check", root=root).code == 0  # the files themselves are fine
    monkeypatch.setenv("BRIEFING_INJECT", mode)
    r = build_site(root, root / "site")
    assert r.code != 0
    assert says in r.err, r.err
    assert "nothing" in r.err and "Traceback" not in r.err
    site = root / "site"
    assert not (site / "index.html").exists()
    assert not (site / "evil.js").exists()
    published = [p for p in site.rglob("*.html")] if site.exists() else []
    assert not any(b"onerror=" in p.read_bytes() or b"alert(document.domain)" in p.read_bytes() for p in published)
    assert os.environ.get("BRIEFING_INJECT") == mode


# -- what the renderer would take minutes on, or fail on ------------------------------------------------


def test_a_page_the_renderer_would_take_minutes_on_is_refused_unrendered(tmp_path: Path) -> None:
    """Python-Markdown's work grows with the square of a block holding many brackets that close
    nothing (20,000 `[` in one paragraph: 98 s here), and deep nesting makes it recurse until
    Python stops it. Each page is refused at the line where its budget runs out, before anything
    renders it; nesting the budget does not foresee is a diagnostic too, never a traceback.
    (run_cli's timeout fails the test if the check renders any of them.)"""
    root = overlay(FIXTURES / "markup" / "valid", tmp_path / "p")
    docs = root / "docs"
    pages = {
        "brackets.md": "# Brackets\n\n" + "[" * 20_000 + "\n",
        "links.md": "# Links\n\nText.\n\n" + ("[a](" * 2_000 + "\n\n") * 8,
        "list.md": "# List\n\n" + "".join("    " * i + "- x\n" for i in range(300)),
        "quotes.md": "# Quotes\n\n" + "> " * 50 + "x\n",
        "emphasis.md": "# Emphasis\n\n" + "*" * 4_000 + "a" + "*" * 4_000 + "\n",
    }
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    r = run_cli("check", root=root, timeout=60)
    assert "Traceback" not in r.out + r.err
    assert sorted(d for d in diagnostics(r.out)) == [
        "docs/brackets.md:3:1: error[page-too-complex]",
        "docs/emphasis.md:1:1: error[page-too-complex]",
        "docs/links.md:5:1: error[page-too-complex]",
        "docs/list.md:3:1: error[page-too-complex]",
        "docs/quotes.md:3:1: error[page-too-complex]",
    ], r.out


def test_a_page_cannot_make_the_build_write_gigabytes(tmp_path: Path) -> None:
    """A call of a few bytes can stand for a section of 350 KB (the all-claims index): a section
    stands once per page with the same arguments, and a page makes at most 500 calls."""
    root = overlay(FIXTURES / "markup" / "valid", tmp_path / "p")
    (root / "docs" / "verification.md").write_text("# Verification\n\n{{ all_claims() }}\n\n{{ all_claims() }}\n", encoding="utf-8")
    cites = "".join('A {{ cite("bridge-cost-25-million") }}.\n\n' for _ in range(501))
    (root / "docs" / "corrections.md").write_text(f"# Corrections\n\n{cites}", encoding="utf-8")
    r = run_cli("check", root=root)
    assert diagnostics(r.out) == [
        "docs/corrections.md:1003:3: error[too-many-macros]",
        "docs/verification.md:5:1: error[macro-repeated]",
    ], r.out
