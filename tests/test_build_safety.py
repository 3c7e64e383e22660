"""Build safety: MkDocs renders exactly what the check approved, and nothing from a pull request runs.

One hostile project (the mini briefing, tests/fixtures/build-safety/ over it, and the entries a
fixture folder cannot hold: links, a hard link, a pipe, a name that is not UTF-8) carries every
case of the inventory at once. The check must name each case at its place with its code, and a
real `mkdocs build` of the same project must refuse with the same diagnostics: nothing ran (the
payload would write ran.txt), nothing from outside the repository reached site/.

Two more real builds: one where a hook changes a page between the check and the render (the
adapter refuses it at render time), and one with MkDocs' exclusions honoured (an excluded page
holding a payload is never rendered).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, build_site, run_cli
from test_page_checks import PAYLOAD

from briefing import inventory
from briefing.pages import GENERATED_MARK
from briefing.site import MacroError, Site

CASE = FIXTURES / "build-safety"
MINI = FIXTURES / "mini"
SECRET = "OUTSIDE-SECRET-7f3a"
DIAGNOSTIC = re.compile(r"^(?:.+?):\d+:\d+: (?:error|warning)\[[a-z0-9-]+\]")  # a path may hold spaces here
EXPECTED = [
    # A linked folder inside the repository, with a Markdown file beside the claim records.
    "docs/records:1:1: error[symlink]",
    "facts/claims/payload.md:1:1: error[unexpected-file]",
    # A linked folder and linked files outside the repository.
    "docs/outside:1:1: error[symlink]",
    "docs/passwd.md:1:1: error[symlink]",
    "docs/environ.txt:1:1: error[symlink]",
    "docs/secret.md:1:1: error[symlink]",
    # A hard link to a file outside docs/, a pipe, a name that is not UTF-8.
    "docs/hard.md:1:1: error[hard-link]",
    "docs/pipe.md:1:1: error[special-file]",
    "docs/caf\\xe9.md:1:1: error[unsafe-name]",
    # A page name holding template syntax: refused as a name, and as the title it would give.
    "docs/{{ 7*7 }}.md:1:1: error[unsafe-name]",
    "docs/{{ 7*7 }}.md:1:1: error[page-template]",
    # Another Markdown suffix, and another case, in and out of the generated folders.
    "docs/claims/evil.markdown:1:1: error[generated-folder]",
    "docs/claims/evil.markdown:7:6: error[page-template]",
    "docs/entities/evil.md:1:1: error[generated-folder]",
    "docs/entities/evil.md:3:6: error[page-template]",
    "docs/notes.MD:1:1: error[unsafe-name]",
    "docs/notes.MD:1:1: error[not-a-page]",
    "docs/x.md:1:1: error[unsafe-name]",
    # Front matter keys that pick theme behaviour, in every form MkDocs reads front matter.
    "docs/go.md:2:1: error[front-matter-key]",
    "docs/go.md:3:1: error[front-matter-key]",
    "docs/away.md:2:1: error[front-matter-key]",
    "docs/away.md:3:1: error[front-matter-key]",
    "docs/bom.md:2:1: error[front-matter-key]",
    "docs/dots.md:2:1: error[front-matter-key]",
    "docs/spaces.md:2:1: error[front-matter-key]",
    "docs/mmd.md:1:1: error[front-matter-form]",
    "docs/crlf.md:2:1: error[front-matter-key]",
    "docs/crlf.md:3:1: error[front-matter-key]",
    # Files MkDocs would publish as they are, some of them shadowing what the build writes.
    "docs/sitemap.xml:1:1: error[not-a-page]",
    "docs/search/search_index.json:1:1: error[not-a-page]",
    "docs/search/search_index.json:1:1: error[unsafe-name]",
    "docs/404.html:1:1: error[not-a-page]",
    "docs/robots.txt:1:1: error[not-a-page]",
    "docs/claims.json:1:1: error[not-a-page]",
    "docs/assets/javascripts/bundle.js:1:1: error[not-a-page]",
    # A page named 404.md is a page like any other (its heading, "Not found", denies what no claim
    # under it does); a draft is rendered by `mkdocs serve`. The payload's own sentence follows
    # from its template syntax: one error.
    "docs/404.md:1:3: error[negation-mismatch]",
    "docs/404.md:3:6: error[page-template]",
    "docs/drafts/payload.md:3:6: error[page-template]",
    # Two pages written to one place.
    "docs/about/index.md:1:1: error[dest-collision]",
    # Macro calls that passed the check and then crashed the build with a traceback.
    "docs/method.md:8:1: error[unknown-entity]",
    "docs/method.md:10:1: error[macro-arguments]",
    "docs/method.md:12:1: error[macro-arguments]",
    "docs/method.md:14:1: error[macro-arguments]",
    "docs/method.md:16:1: error[macro-arguments]",
    "docs/method.md:18:1: error[macro-arguments]",
    "docs/method.md:20:1: error[unknown-claim]",
    "docs/method.md:22:1: error[unknown-kind]",
    # A page that is not UTF-8; front-matter values of the wrong shape (the build crashed on a
    # title that is a number); a hard link among the records.
    "docs/latin1.md:1:1: error[not-utf8]",
    "docs/number-title.md:2:8: error[front-matter-value]",
    "docs/bidi-title.md:2:8: error[front-matter-value]",
    "facts/claims/hard.yml:1:1: error[hard-link]",
    "facts/notes:1:1: error[symlink]",  # a folder the loader never reads: refused all the same
    # Folders nested deep (a thousand deep, MkDocs' own walk fails with a RecursionError).
    "docs/deep" + "/a" * 8 + ":1:1: error[too-deep]",
    # Ids with a final newline (printed escaped).
    "facts/entities/ministry\\n.yml:1:5: error[bad-value]",
    "facts/topics/late.yml:1:5: error[bad-value]",
]


def _outside(tmp: Path) -> Path:
    """A folder beside the project, i.e. outside its repository, holding tempting files."""
    out = tmp / "outside"
    (out / "folder").mkdir(parents=True)
    page = f"# {SECRET}\n\n{PAYLOAD}\n"
    for name in ("secret.md", "hard-secret.md", "folder/index.md"):
        (out / name).write_text(page, encoding="utf-8")
    return out


def hostile_project(tmp: Path) -> tuple[Path, Path]:
    root = tmp / "project"
    shutil.copytree(MINI, root)
    shutil.copytree(CASE, root, dirs_exist_ok=True)
    shutil.copy2(REPO / "macros.py", root / "macros.py")
    shutil.copytree(REPO / "overrides", root / "overrides")
    outside = _outside(tmp)
    docs = root / "docs"
    (docs / "records").symlink_to(root / "facts" / "claims", target_is_directory=True)
    (root / "facts" / "claims" / "payload.md").write_text(PAYLOAD + "\n", encoding="utf-8")
    (docs / "outside").symlink_to(outside / "folder", target_is_directory=True)
    (docs / "passwd.md").symlink_to("/etc/passwd")
    (docs / "environ.txt").symlink_to("/proc/self/environ")
    (docs / "secret.md").symlink_to(outside / "secret.md")
    os.link(outside / "hard-secret.md", docs / "hard.md")
    os.mkfifo(docs / "pipe.md")
    # CRLF line ends: MkDocs reads the file in text mode, so this is front matter to it (and now to the check).
    (docs / "crlf.md").write_bytes(b"---\r\ntemplate: redirect.html\r\nlocation: https://evil.example/\r\n---\r\n# Crlf\r\n")
    (docs / "latin1.md").write_bytes(b"# Caf\xe9\n")
    (docs / "number-title.md").write_text("---\ntitle: 2019\n---\n# Number\n", encoding="utf-8")
    (docs / "bidi-title.md").write_text("---\ntitle: \"Safe \u202egnp.exe\"\n---\n# Bidi\n", encoding="utf-8")
    os.link(outside / "hard-secret.md", root / "facts" / "claims" / "hard.yml")
    (root / "facts" / "notes").symlink_to(outside / "folder", target_is_directory=True)
    deep = docs / "deep"
    for _ in range(20):
        deep /= "a"
    deep.mkdir(parents=True)
    (deep / "page.md").write_text(PAYLOAD + "\n", encoding="utf-8")
    # Ids with a final newline: Python's `$` matches before it, the id patterns must not.
    ministry = (root / "facts" / "entities" / "ministry.yml").read_text(encoding="utf-8")
    (root / "facts" / "entities" / "ministry\n.yml").write_text(ministry.replace("id: ministry", 'id: "ministry\\n"'), encoding="utf-8")
    (root / "facts" / "topics" / "late.yml").write_text('id: "late\\n"\nname: Late\ndescription: A topic.\n', encoding="utf-8")
    (docs / os.fsdecode(b"caf\xe9.md")).write_text('# Caf\n\n{{ cite("bridge-cost-25-million") }}\n', encoding="utf-8")
    return root, outside


def diagnostics(out: str) -> list[str]:
    return [m.group(0) for line in out.splitlines() if (m := DIAGNOSTIC.match(line))]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return hostile_project(tmp_path_factory.mktemp("build-safety"))


def test_the_check_names_every_case_at_its_place(hostile: tuple[Path, Path]) -> None:
    root, _ = hostile
    r = run_cli("check", root=root)
    assert "Traceback" not in r.out + r.err
    assert r.code == 1
    assert sorted(diagnostics(r.out)) == sorted(EXPECTED), r.out
    assert SECRET not in r.out + r.err and "root:x:0:0" not in r.out  # nothing behind a link was read


@pytest.mark.slow
def test_the_build_refuses_the_same_cases_and_nothing_runs(hostile: tuple[Path, Path]) -> None:
    root, outside = hostile
    r = build_site(root, root / "site")
    assert r.code != 0
    assert "Traceback" not in r.err
    assert "briefing check failed" in r.err
    assert sorted(diagnostics(r.err)) == sorted(EXPECTED), r.err
    assert "PWNED-42" not in r.out + r.err
    for where in (root, outside, REPO):
        assert not (where / "ran.txt").exists(), where
    site = root / "site"
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any(SECRET.encode() in p.read_bytes() or b"root:x:0:0" in p.read_bytes() for p in published)


def test_the_preview_refuses_the_same_cases_with_the_same_findings(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    """`make serve`'s builder reads the pages through its own memos: a name that is not UTF-8
    (which MkDocs cannot make a URL of) is reported as the check reports it, not raised."""
    from preview.build import Builder, quiet

    root, outside = hostile
    builder = Builder(str(root / "mkdocs.yml"), str(tmp_path / "site"), "http://127.0.0.1:8000/")
    with quiet():
        failure = builder.build()
    assert failure is not None
    assert not any("Traceback" in m or "Error:" in m and "briefing check failed" not in m for m in failure.messages), failure.messages
    found = sorted(m.group(0) for d in failure.diagnostics if (m := DIAGNOSTIC.match(d.printable())))
    assert found == sorted(EXPECTED), failure.diagnostics
    for where in (root, outside, REPO):
        assert not (where / "ran.txt").exists(), where


def test_what_mkdocs_reads_as_front_matter_is_what_the_check_reads(hostile: tuple[Path, Path]) -> None:
    """MkDocs' own reader decides what is front matter (BOM, CRLF, `...`, spaces after `---`,
    bare `key: value` lines); the inventory carries its reading, so the check sees the same keys."""
    root, _ = hostile
    pages = inventory.load(root).by_uri()
    assert pages["crlf.md"].meta == {"template": "redirect.html", "location": "https://evil.example/"}
    assert pages["bom.md"].meta == {"template": "redirect.html"}
    assert pages["dots.md"].meta == {"template": "redirect.html"}
    assert pages["spaces.md"].meta == {"search": {"exclude": True}}
    assert pages["mmd.md"].meta == {"template": "redirect.html", "location": "https://evil.example/"}
    assert pages["{{ 7*7 }}.md"].title == "{{ 7*7 }}"  # MkDocs' title from the file name
    assert pages["drafts/payload.md"].inclusion == inventory.DRAFT and pages["drafts/payload.md"].rendered
    assert pages["excluded/payload.md"].inclusion == inventory.EXCLUDED and not pages["excluded/payload.md"].rendered
    assert ".hidden.md" in pages and pages[".hidden.md"].inclusion == inventory.EXCLUDED
    assert pages["claims/evil.markdown"].page  # every suffix MkDocs renders is a page
    assert not pages["notes.MD"].page  # MkDocs' suffixes are case-sensitive: this one it copies as it is
    assert "hard.md" not in pages and "pipe.md" not in pages and "secret.md" not in pages  # never read
    assert GENERATED_MARK in (pages["claims/evil.markdown"].text or "")


# -- MkDocs' own inclusion rules, honoured -----------------------------------------------------------------


def _site_project(tmp: Path) -> Path:
    root = tmp / "project"
    shutil.copytree(MINI, root)
    shutil.copy2(CASE / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy2(REPO / "macros.py", root / "macros.py")
    shutil.copytree(REPO / "overrides", root / "overrides")
    return root


@pytest.mark.slow
def test_excluded_files_are_not_rendered(tmp_path: Path) -> None:
    """What MkDocs leaves out (exclude_docs, dot-files) holds a payload: the check does not read
    it, and the build does not render it. A page left out of the nav is still part of the site."""
    root = _site_project(tmp_path)
    docs = root / "docs"
    for rel in ("excluded/payload.md", ".hidden.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(CASE / "docs" / rel, docs / rel)
    (docs / "hidden").mkdir()
    (docs / "hidden" / "notes.md").write_text('# Notes\n\nThe bridge cost 25 million euros {{ cite("bridge-cost-25-million") }}.\n', encoding="utf-8")
    r = run_cli("check", root=root)
    assert r.code == 0, r.out + r.err
    b = build_site(root, root / "site")
    assert b.code == 0, b.err
    site = root / "site"
    assert not (root / "ran.txt").exists()
    assert not (site / "excluded").exists() and not (site / ".hidden").exists()
    assert "PWNED" not in "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    assert (site / "hidden" / "notes" / "index.html").exists()  # not in the nav, still part of the site


def test_a_claim_shown_only_on_a_page_left_out_of_the_site_is_an_orphan(tmp_path: Path) -> None:
    root = _site_project(tmp_path)
    docs = root / "docs"
    (docs / "topics" / "bridge.md").write_text("---\ntopic: bridge\n---\n# The bridge\n\nNothing listed here.\n", encoding="utf-8")
    cite = '# {0}\n\nThe old bridge is closed, Silva said {{{{ cite("silva-says-old-bridge-closed") }}}}.\n'
    for folder in ("drafts", "excluded"):
        (docs / folder).mkdir()
        (docs / folder / "page.md").write_text(cite.format(folder), encoding="utf-8")
    r = run_cli("check", root=root)
    orphans = [d for d in diagnostics(r.out) if "orphan-claim" in d]
    assert "facts/claims/silva-says-old-bridge-closed.yml:1:5: error[orphan-claim]" in orphans, r.out
    (docs / "hidden").mkdir()
    (docs / "hidden" / "page.md").write_text(cite.format("hidden"), encoding="utf-8")
    r = run_cli("check", root=root)
    assert "facts/claims/silva-says-old-bridge-closed.yml:1:5: error[orphan-claim]" not in diagnostics(r.out), r.out


# -- render only what was approved ---------------------------------------------------------------------


@pytest.mark.slow
def test_a_page_changed_after_the_check_is_refused_at_render_time(tmp_path: Path) -> None:
    """A hook adds a payload to the home page after the check approved it: the adapter compares the
    page's digest before mkdocs-macros renders it, and the build stops there."""
    root = _site_project(tmp_path)
    shutil.copy2(FIXTURES / "build-safety-hook" / "tamper.py", root / "tamper.py")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - tamper.py\n", encoding="utf-8")
    assert run_cli("check", root=root).code == 0  # the files themselves are fine
    r = build_site(root, root / "site")
    assert r.code != 0
    assert "index.md: the page's text or title differs from what the check approved; nothing of it is rendered" in r.err
    assert "Traceback" not in r.err and "PWNED-42" not in r.out + r.err
    assert not (root / "ran.txt").exists()
    assert not (root / "site" / "index.html").exists()


def _approved_site(root: Path) -> Site:
    s = Site.load(root, inventory=inventory.load(root))
    assert not s.errors, s.diagnostics
    s.write_generated_pages(root / "docs")
    assert s.approve(inventory.load(root)) == []
    return s


def test_only_the_text_checked_is_admitted(tmp_path: Path) -> None:
    """What `on_pre_page_macros` asks: the approved page as MkDocs hands it is admitted; the same
    page with its Markdown, its title or its front matter changed, or a page never checked, is not."""
    root = _site_project(tmp_path)
    s = _approved_site(root)
    pages = inventory.load(root).by_uri()
    home = pages["index.md"]
    s.admit("index.md", home.title, home.markdown or "", home.meta)
    claim = pages["claims/bridge-cost-25-million.md"]
    s.admit(claim.src_uri, claim.title, claim.markdown or "", claim.meta)
    refused = [
        ("index.md", home.title, (home.markdown or "") + "{{ config }}", home.meta),
        ("index.md", "{{ 7*7 }}", home.markdown or "", home.meta),
        ("index.md", home.title, home.markdown or "", {"template": "redirect.html"}),
        ("new.md", "New", "# New\n", {}),
    ]
    for args in refused:
        with pytest.raises(MacroError):
            s.admit(*args)


def test_a_page_changed_or_added_after_the_check_is_not_approved(tmp_path: Path) -> None:
    root = _site_project(tmp_path)
    s = Site.load(root, inventory=inventory.load(root))
    s.write_generated_pages(root / "docs")
    (root / "docs" / "index.md").write_text("# Bridge\n\n" + PAYLOAD + "\n", encoding="utf-8")
    (root / "docs" / "entities" / "late.md").write_text("# Late\n\n" + PAYLOAD + "\n", encoding="utf-8")
    claim = root / "docs" / "claims" / "bridge-cost-25-million.md"
    claim.write_text(claim.read_text(encoding="utf-8") + PAYLOAD + "\n", encoding="utf-8")
    problems = {(d.path, d.code) for d in s.approve(inventory.load(root))}
    assert problems == {
        ("docs/index.md", "unchecked-page"),
        ("docs/entities/late.md", "unchecked-page"),
        ("docs/claims/bridge-cost-25-million.md", "unchecked-page"),
    }


# -- the README says which test backs each guarantee ------------------------------------------------------


def test_every_test_the_security_section_names_exists() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Security") : text.index("## Toolchain notes")]
    named, current = [], ""
    for m in re.finditer(r"`(test_\w+\.py)?(?:::(test_\w+))?`", section):
        current = m.group(1) or current
        named.append((current, m.group(2)))
    assert len({f for f, _ in named}) >= 10 and sum(1 for _, t in named if t) >= 10, "the scan finds the names"
    for file, test in named:
        path = REPO / "tests" / file
        assert path.is_file(), file
        if test:
            assert re.search(rf"^def {test}\(", path.read_text(encoding="utf-8"), re.M), f"{file}::{test}"
    for bullet in re.findall(r"^- \*\*.+?(?=^- |\Z)", section.split("What it does not guarantee")[0], re.M | re.S):
        assert "test_" in bullet, bullet[:80]  # every guarantee names its tests
