"""The checks of hand-written pages: no template code can run at build time, every statement on a
briefing page cites a claim and carries no number its claims lack, the opt-out is only for the
site's explanatory pages, and the orphan check can fail.

Fixtures in tests/fixtures/pages/ overlay the mini project; each expected.txt lists every
diagnostic the check must print (`path:line:col: severity[code]`), in order, and nothing else.
"""

from __future__ import annotations

import inspect
import re
import shutil
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, REPO, build_site, run_cli, without_standing_exceptions

from briefing import inventory, pages, pagetext, site
from briefing.pages import ALLOWED_MACROS, page_from, read_page, setup_of, statement_verb, template_problems

MINI = FIXTURES / "mini"
CASES = sorted(p for p in (FIXTURES / "pages").iterdir() if p.is_dir())
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (?:error|warning)\[[a-z0-9-]+\]")
# Prints PWNED-42 and writes ran.txt in the build's folder, if the build ever renders it.
PAYLOAD = 'Ran: {{ cycler.__init__.__globals__.os.popen("echo PWNED-$((6*7)) | tee ran.txt").read() }}'


def overlay(case: Path, dest: Path) -> Path:
    shutil.copytree(MINI, dest)
    for f in case.rglob("*"):
        if f.is_file() and f.name != "expected.txt":
            target = dest / f.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
    return dest


def diagnostics(out: str) -> list[str]:
    """The diagnostics printed, less the real project's own standing exceptions (a copy of it
    prints them on every run; the mini fixtures have none)."""
    return [m.group(0) for line in without_standing_exceptions(out.splitlines()) if (m := DIAGNOSTIC.match(line))]


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_page_fixture_gives_exactly_its_diagnostics(case: Path, tmp_path: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    r = run_cli("check", root=overlay(case, tmp_path / "p"))
    assert "Traceback" not in r.out + r.err
    assert diagnostics(r.out) == expected, r.out
    assert r.code == (1 if any("error[" in e for e in expected) else 0), r.out + r.err


def test_every_case_the_audit_names_has_a_fixture() -> None:
    names = {p.name for p in CASES}
    assert {
        "template-expression",
        "template-include",
        "template-set",
        "template-comment",
        "template-macro-arguments",
        "template-macro-attribute",
        "template-front-matter",
        "opt-out-refused",
        "heading-states-something",
        "table-rows",
        "raw-html-text",
        "number-unsupported-on-page",
        "orphan-despite-catalogue",
    } <= names
    assert all((p / "expected.txt").read_text(encoding="utf-8").strip() for p in CASES if not p.name.startswith("valid-"))


# -- the build ---------------------------------------------------------------------------------------


def test_the_payload_is_live_jinja() -> None:
    """What the hostile page would do if rendered: the same template in a plain Jinja environment."""
    assert jinja2.Environment().from_string(PAYLOAD.replace(" | tee ran.txt", "")).render() == "Ran: PWNED-42\n"


@pytest.mark.slow
def test_a_hostile_page_stops_the_build_before_any_page_is_rendered(project: Path) -> None:
    page = project / "docs" / "method.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n" + PAYLOAD + "\n", encoding="utf-8")
    line = text.count("\n") + 2
    r = build_site(project)
    assert r.code != 0
    assert f"docs/method.md:{line}:6: error[page-template]: " in r.err
    assert "briefing check failed" in r.err
    assert "PWNED-42" not in r.out + r.err
    assert not (project / "ran.txt").exists()
    assert not (project / "site" / "method" / "index.html").exists()
    assert "Traceback" not in r.err


@pytest.mark.slow
def test_the_about_blocks_render_as_boxes(project: Path) -> None:
    r = build_site(project)
    assert r.code == 0, r.err
    for path, title in (("index.html", "About this briefing"), ("timeline/index.html", "About the timeline")):
        doc = BeautifulSoup((project / "site" / path).read_text(encoding="utf-8"), "html.parser")
        box = doc.select_one("div.admonition.about")
        assert box is not None and box.select_one(".admonition-title").get_text() == title
        assert not box.select("a.bf-marker")  # it cites nothing: it is about the site


# -- the real briefing ---------------------------------------------------------------------------------


def _edit(root: Path, rel: str, old: str, new: str) -> tuple[int, int]:
    """Replace `old` (once) and return the line and column where `new` starts."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    at = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.mark.parametrize(
    ("old", "new", "number"),
    [("failed in July 2017", "failed in July 2016", "2016"), ("air show on 27 August", "air show on 28 August", "28")],
    ids=["july-2016", "28-august"],
)
def test_a_wrong_number_on_the_home_page_fails(project: Path, old: str, new: str, number: str) -> None:
    text = (project / "docs/index.md").read_text(encoding="utf-8")
    before = text[: text.index(old)]
    # The sentence holding the number starts after the last full stop, or the paragraph's start.
    start = max(before.rfind(". ") + 2, before.rfind("\n\n") + 2)
    line, col = text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1
    _edit(project, "docs/index.md", old, new)
    r = run_cli("check", root=project)
    assert r.code == 1
    assert diagnostics(r.out) == [f"docs/index.md:{line}:{col}: error[number-unsupported-on-page]"], r.out
    assert f"the sentence says {number!r} but the claims' statements and cited words do not" in r.out
    assert "Traceback" not in r.out + r.err



def test_a_sentence_citing_the_offer_cannot_say_a_deal_was_signed(project: Path) -> None:
    """The issue's own case, on the real offer page: any wording rode on a citation that exists."""
    old = "Russia is offering to supply rocket engines to China in exchange for Chinese microelectronics"
    line, _ = _edit(project, "docs/topics/offer.md", old, "Russia has signed a binding deal to deliver rocket engines to China in exchange for Chinese microelectronics")
    r = run_cli("check", root=project)
    assert r.code == 1
    got = diagnostics(r.out)
    assert got and all(d.startswith(f"docs/topics/offer.md:{line}:") for d in got), r.out
    assert {d.split("error[")[1].rstrip("]") for d in got} == {"content-word-unsupported", "modality-unsupported"}, r.out
    assert "the sentence says 'binding'" in r.out and "'has signed'" in r.out and "'deal'" in r.out


TOPIC = "docs/topics/heavy-lift-gap.md"
LISTING = '{{ claims_by_topic("heavy-lift-gap") }}'


@pytest.mark.parametrize(
    ("text", "col"),
    [
        ("## Russia has already delivered the engines", 4),
        ("| 40 RD-180 engines in 2019 |", 3),
        ("<div>Rogozin confirmed delivery.</div>", 6),
    ],
    ids=["heading", "table-row", "raw-html"],
)
def test_the_bypasses_the_audit_found_now_fail(project: Path, text: str, col: int) -> None:
    line, _ = _edit(project, TOPIC, LISTING, text + "\n\n" + LISTING)
    r = run_cli("check", root=project)
    assert r.code == 1
    assert diagnostics(r.out) == [f"{TOPIC}:{line}:{col}: error[uncited-sentence]"], r.out


def test_a_topic_page_cannot_opt_out(project: Path) -> None:
    _edit(project, TOPIC, "topic: heavy-lift-gap\n", "topic: heavy-lift-gap\nprose: explanatory\n")
    line, col = _edit(project, TOPIC, LISTING, "Rogozin confirmed that the engines were delivered.\n\n" + LISTING)
    r = run_cli("check", root=project)
    assert r.code == 1
    assert diagnostics(r.out) == [f"{TOPIC}:{line}:{col}: error[uncited-sentence]"], r.out
    assert "'prose: explanatory' has no effect here" in r.out


def test_the_orphan_check_fails_on_the_real_project(project: Path) -> None:
    """A contributor's new claim on a topic whose page lists nothing: the all-claims index (which
    lists every claim by construction) does not count as showing it, so the check fails."""
    (project / "facts/claims/long-march-3-is-called-a-workhorse.yml").write_text(
        "id: long-march-3-is-called-a-workhorse\n"
        "statement: The article calls the Long March 3 a workhorse.\n"
        "kind: reported\n"
        "topics: [heavy-lift-gap]\n"
        "entities: [long-march-3]\n"
        "citations:\n"
        "  - source: scmp-russia-rocket-engines-2019\n"
        '    quote: "its workhorse, the Long March 3"\n',
        encoding="utf-8",
    )
    r = run_cli("check", root=project)
    assert r.code == 0, r.out  # its topic's page lists it
    _edit(project, TOPIC, LISTING, "")
    r = run_cli("check", root=project)
    assert r.code == 1
    assert diagnostics(r.out) == ["facts/claims/long-march-3-is-called-a-workhorse.yml:1:5: error[orphan-claim]"], r.out
    assert '{{ claims_by_kind("reported") }}' in (project / "docs/claims/index.md").read_text(encoding="utf-8")


def test_the_home_page_intro_is_an_about_block_citing_nothing() -> None:
    inv = inventory.load(REPO)
    page, problems = page_from(inv.by_uri()["index.md"])
    assert page is not None and problems == []
    units = read_page(page, setup_of(inv)).units
    intro = [u for u in units if u.text.startswith("This briefing reads")]
    assert [(u.kind, u.explanatory, u.cites) for u in intro] == [(pagetext.SENTENCE, True, ())]
    assert all(u.explanatory or u.kind in (pagetext.LABEL, pagetext.MACRO) or u.cites for u in units)


# -- the rules, unit by unit ----------------------------------------------------------------------------


def test_the_allowed_macros_are_the_sites_macros() -> None:
    s = site.Site.load(MINI)
    assert set(s.macros()) == ALLOWED_MACROS == set(pages.MACROS)
    assert pages.GENERATED_MARK == site.GENERATED_MARK


def test_the_table_of_macro_signatures_is_the_functions_own() -> None:
    """The check reads each call against `pages.MACROS`; the table must say what the functions take."""
    for name, fn in site.Site.load(MINI).macros().items():
        params = list(inspect.signature(fn).parameters.values())
        positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        repeat = any(p.kind == p.VAR_POSITIONAL for p in params)
        want = pages.MACROS[name]
        assert want.repeat == repeat, name
        assert len(want.args) == len(positional) + (1 if repeat else 0), name
        assert want.optional == sum(1 for p in positional if p.default is not p.empty), name  # the table knows each optional one


@pytest.mark.parametrize(
    ("heading", "verb"),
    [
        ("Key judgments", None),
        ("Russia's offer: launches, engines and microelectronics", None),
        ("Two hundred engines", None),
        ("Russia has already delivered the engines", "has"),
        ("Rogozin confirmed delivery", "confirmed"),
        ("Deliveries won't start", "won't"),
        ("Rogozin said so", "said"),
        ("Crewed engines, part 1", None),  # a participle that opens a heading describes, it does not state
        ("Modernised rockets delayed", "delayed"),
    ],
)
def test_a_heading_is_a_statement_when_it_has_a_verb(heading: str, verb: str | None) -> None:
    assert statement_verb(heading) == verb


ALLOWED = [
    '{{ cite("a") }}',
    "{{cite('a', 'b')}}",
    '{{- cite("a") -}}',
    '{{ claims_by_topic("offer") }}',
    "{{ key_judgments() }}",
]
REJECTED = [
    ("{{ config }}", "page-template"),
    ("{{ cite }}", "page-template"),
    ('{{ cite("a")[0] }}', "page-template"),
    ('{{ cite("a" ~ config.site_dir) }}', "macro-arguments"),
    ("{{ cite(True) }}", "macro-arguments"),
    ("{{ cite(1.5) }}", "macro-arguments"),
    ('{{ cite("\\x7b") }}', "macro-arguments"),
    ('{{{ cite("a") }}}', "page-template"),
    ("{%- raw %}", "page-template"),
    ("{#", "page-template"),
    ('{{ lipsum.__globals__["os"] }}', "page-template"),
]


@pytest.mark.parametrize("text", ALLOWED)
def test_a_plain_macro_call_is_allowed(text: str) -> None:
    assert template_problems("x " + text, 0) == []


@pytest.mark.parametrize(("text", "code"), REJECTED)
def test_anything_else_is_template_code(text: str, code: str) -> None:
    assert [(line, col, c) for line, col, c, _ in template_problems("x\n  " + text, 0)] == [(2, 3, code)]


def test_each_start_of_template_syntax_is_reported() -> None:
    found = [(line, col, c) for line, col, c, _ in template_problems('{{ cite("{{") }} {% set x = 1 %}', 0)]
    assert found == [(1, 1, "page-template"), (1, 10, "page-template"), (1, 18, "page-template")]


@pytest.mark.slow
def test_the_build_shows_a_record_mistake_as_the_check_does(project: Path) -> None:
    """`make build` and `make serve` print what `briefing check` prints: the line and a caret."""
    record = project / "facts" / "claims" / "angara-under-development-in-russia.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("kind: reported", 'kind: "reported'), encoding="utf-8")
    r = build_site(project)
    assert r.code != 0 and "Traceback" not in r.err
    lines = r.err.splitlines()
    at = next(i for i, line in enumerate(lines) if "error[yaml-syntax]" in line)
    assert lines[at + 1:at + 3] == ['  5 | kind: "reported', "    |       ^"], lines[at : at + 3]


# -- the page as rendered ------------------------------------------------------------------------------


def _visible_nodes(html: str) -> list[tuple[str, str]]:
    """Every text a reader of the rendered page sees, as html5lib (a browser's parser) reads it:
    (where, text) for each text node and each title and alt attribute. Comments and the permalink
    sign `toc` adds to headings are left out."""
    import html5lib

    root = html5lib.parseFragment(html, container="div", treebuilder="etree", namespaceHTMLElements=False)
    out: list[tuple[str, str]] = []

    def walk(el, inside: str) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(el.tag, str):
            if el.tail and el.tail.strip():
                out.append((inside, el.tail))
            return
        skip = "headerlink" in el.attrib.get("class", "").split()
        if not skip:
            for name in ("title", "alt"):
                if el.attrib.get(name, "").strip():
                    out.append((f"{el.tag}[{name}]", el.attrib[name]))
            if el.text and el.text.strip():
                out.append((el.tag, el.text))
            for child in el:
                walk(child, el.tag)
        if el.tail and el.tail.strip():
            out.append((inside, el.tail))

    for child in root:
        walk(child, "div")
    if root.text and root.text.strip():
        out.insert(0, ("div", root.text))
    return out


def test_every_visible_text_node_of_every_construct_is_read(tmp_path: Path) -> None:
    """The fixture page uses every construct the site's Markdown enables (headings of both kinds,
    emphasis, inline and block code, links with titles inline and by reference, an image's alt
    and title, an autolink, a hard break, a block quote, nested lists, a rule, attribute lists, a
    table, admonitions with and without a title, raw HTML blocks, details and summary, an
    abbreviation, escapes and entities, a comment; [TOC] is refused). Rendered as the build renders it, each
    text node a reader sees is in a unit the rules read, and the page passes."""
    root = overlay(FIXTURES / "pages" / "valid-every-construct", tmp_path / "p")
    inv = inventory.load(root)
    page, problems = page_from(inv.by_uri()["index.md"])
    assert page is not None and problems == []
    setup = setup_of(inv)
    assert {"admonition", "attr_list", "tables", "fenced_code", "toc"} <= set(setup.extensions)
    reading = read_page(page, setup)
    html = pagetext.render_html(pagetext.substitute(page.body, pages.MACRO_RE, pages._args).text, setup)
    # The units in the order a reader reads them (a text node may run from one sentence into the next).
    read = " ".join(pagetext.visible_text(u.raw) for u in reading.units if u.kind != pagetext.ATTRIBUTE)
    attributes = {u.text for u in reading.units if u.kind == pagetext.ATTRIBUTE}
    nodes = _visible_nodes(html)
    assert len(nodes) > 50
    for where, text in nodes:
        shown = pagetext.visible_text(text)
        if not re.search(r"[^\W_]", shown):
            continue  # punctuation or a marker only
        if where.endswith("]"):
            assert shown in attributes, f"{where}: {shown!r} is read by no unit"
        else:
            assert shown in read, f"{where}: {shown!r} is read by no unit"
    shown_as = {u.shown_as for u in reading.units}
    assert {"heading", "admonition title", "table header", "summary", "sentence", "table row", "title", "alt text"} <= shown_as
    assert any(u.explanatory and u.shown_as == "admonition title" and u.text == "About" for u in reading.units)  # the title the extension writes
    assert run_cli("check", root=root).code == 0


def test_a_page_is_read_with_the_sites_own_extensions(tmp_path: Path) -> None:
    """Without the admonition extension (MkDocs' defaults), `!!! about` is not a box: its text is a
    paragraph and an indented code block, which a reader sees as such, and the check says so."""
    root = overlay(FIXTURES / "pages" / "valid-page-forms", tmp_path / "p")
    (root / "mkdocs.yml").write_text("site_name: Mini\n", encoding="utf-8")
    r = run_cli("check", root=root)
    assert diagnostics(r.out)[:2] == ["docs/index.md:6:5: error[uncited-sentence]", "docs/index.md:8:5: error[uncited-sentence]"], r.out
    assert "the code block 'This page explains the bridge story claim" in r.out


@pytest.mark.parametrize(
    ("markdown", "texts"),
    [
        ("```x``` Note.\n\nNothing cites this.", ["x Note.", "Nothing cites this."]),  # inline code, not a fence
        ("Mr. Rogozin spoke. J. Smith listened.", ["Mr. Rogozin spoke.", "J. Smith listened."]),
        ('It cost 25 euros. {{ cite("a") }} Then it opened.', ["It cost 25 euros.", "Then it opened."]),
        ('It cost 25 euros {{- cite("a") -}}\n.', ["It cost 25 euros."]),  # Jinja's whitespace control
        ("A\uf8ff private-use character is not a marker.", ["A\ufffd private-use character is not a marker."]),
    ],
)
def test_sentences_are_cut_where_a_reader_cuts_them(markdown: str, texts: list[str]) -> None:
    reading = pagetext.read(markdown, pagetext.MarkdownSetup(), pages.MACRO_RE, pages._args, frozenset(pages.CITING_MACROS))
    assert [u.text for u in reading.units] == texts


def test_a_citation_after_the_full_stop_belongs_to_the_sentence_before() -> None:
    md = 'It cost 25 euros. {{ cite("a") }} Then it opened {{ cite("b") }}.'
    reading = pagetext.read(md, pagetext.MarkdownSetup(), pages.MACRO_RE, pages._args, frozenset(pages.CITING_MACROS))
    assert [(u.text, u.cites, u.col) for u in reading.units] == [("It cost 25 euros.", ("a",), 1), ("Then it opened.", ("b",), 35)]


def test_a_title_and_description_in_the_claims_words_pass(tmp_path: Path) -> None:
    """The fixture title-and-description-say-more rewritten in its claims' words passes: the
    site's names for its parts ('questions', 'claims', 'timeline') need no evidence; 'grounded'
    and 'most powerful' were the only drift."""
    root = overlay(FIXTURES / "pages" / "title-and-description-say-more", tmp_path / "p")
    page = root / "docs" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("The grounded bridge", "The bridge").replace("the most powerful bridge", "the bridge"), encoding="utf-8")
    r = run_cli("check", root=root)
    assert r.code == 0 and diagnostics(r.out) == [], r.out + r.err
