"""The built site shows record text as text: no YAML value becomes a script, an element, an
attribute, a link or a template expansion. And building twice gives the same bytes.

Both need a real `mkdocs build --strict`, so they are marked slow; the hostile project is built
once for the whole module.
"""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Comment
from conftest import build_site, copy_project, run_cli
from test_hostile_helpers import HOSTILE, REAL_CLAIMS, no_traceback

pytestmark = pytest.mark.slow

SITE = HOSTILE / "site"
SPEC = yaml.safe_load((SITE / "payloads.yml").read_text(encoding="utf-8"))
PAYLOAD: str = SPEC["payload"]
SHORT: str = SPEC["short"]
MARKERS = ("bf-xss", "bf-closed", "bf-md-link", "bf-raw-link", "bf-bold", "bf-em", "bf-code", "bf-strike", "bf-custom-tag")


def marker(path: str, field: str) -> str:
    # No digit of the field's path: a source's metadata may give no number its text lacks.
    # Nor a negation: a claim citing the marked text would say "not" where its statement does not.
    return f"bf-field-{Path(path).stem.replace('-not-', '-')}-{field.replace('.', '-').replace('-0-', '-first-')}"


def expected_text(path: str, field: str) -> str:
    """What the field holds after the test wrote it, i.e. what a reader must see, verbatim."""
    m = marker(path, field)
    return SPEC["fields"][path][field].format(payload=f"{m}: {PAYLOAD}", short=f"{m}: {SHORT}")


def _set(data: dict[str, Any], dotted: str, value: str) -> None:
    *parents, last = dotted.split(".")
    node: Any = data
    for p in parents:
        node = node[int(p)] if isinstance(node, list) else node[p]
    node[last] = value


CLAIM = "facts/claims/hostile-site-claim.yml"
NAMES_SOURCE = "hostile-names"


def _source(root: Path, sid: str, title: str, text: str, **extra: Any) -> None:
    (root / "sources" / f"{sid}.txt").write_bytes(text.encode("utf-8"))
    record = {
        "id": sid,
        "title": title,
        "publisher": "Test fixture",
        "url": f"https://example.org/{sid}",
        "language": "en",
        "published": {"value": "2019-08", "precision": "month"},
        "retrieved": {"value": "2026-11-25", "precision": "day"},
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        **extra,
    }
    (root / "sources" / f"{sid}.yml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


# The fields held word for word to the claims they rest on: the hostile claim cites each one's
# text too, and the judgment and the question rest on it (the entity and the topic are the
# claim's own), so each says nothing its claims do not.
WORD_BOUND = (
    ("facts/entities/russia.yml", "description"),
    ("facts/topics/offer.yml", "description"),
    ("facts/judgments/russian-proposal-is-an-offer-not-a-deal.yml", "reasoning"),
    ("facts/questions/what-is-near-space-infrastructure.yml", "question"),
    ("facts/questions/what-is-near-space-infrastructure.yml", "discussion"),
)
RESTS = {"facts/judgments/russian-proposal-is-an-offer-not-a-deal.yml": "rests_on", "facts/questions/what-is-near-space-infrastructure.yml": "related_claims"}


def add_payload_source(root: Path) -> None:
    """A stored source whose text is the statement's payload and each word-bound field's, each
    cited whole by the hostile claim: the statement and those fields then say nothing their
    claims do not (and the source page shows the payloads too)."""
    sid = SPEC["payload_source"]
    text = f"{marker(CLAIM, 'statement')}: {PAYLOAD}"
    assert expected_text(CLAIM, "statement").endswith(" " + text)
    quotes = [text, *(expected_text(path, field) for path, field in WORD_BOUND)]
    _source(root, sid, "Hostile payload", "\n\n".join(quotes))
    claim = root / CLAIM
    data = yaml.safe_load(claim.read_text(encoding="utf-8"))
    data["citations"].extend({"source": sid, "quote": q} for q in quotes)
    claim.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    for path, key in RESTS.items():
        record = root / path
        rec = yaml.safe_load(record.read_text(encoding="utf-8"))
        rec[key] = [*rec[key], "hostile-site-claim"]
        record.write_text(yaml.safe_dump(rec, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def add_names_source(root: Path) -> None:
    """A stored source holding the hostile entity name: an entity's name must be written in a
    stored source. Its text is set aside as not a claim, so coverage asks for no claim of it."""
    text = expected_text("facts/entities/russia.yml", "name")
    reason = "A fixture: the hostile entity name, stored so that the name is written in a source."
    _source(root, NAMES_SOURCE, "Hostile names", text, not_claims=[{"quote": text, "reason": reason}])


def make_hostile(root: Path) -> None:
    shutil.copytree(SITE / "facts", root / "facts", dirs_exist_ok=True)
    for path in SPEC["fields"]:
        record = root / path
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        for field in SPEC["fields"][path]:
            _set(data, field, expected_text(path, field))
        if path in SPEC["aliases"]:
            data["aliases"] = SPEC["aliases"][path]
        if path.startswith("sources/"):
            data["url"] = SPEC["source_url"]
        record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    add_payload_source(root)
    add_names_source(root)


@dataclass
class Page:
    html: str
    docs: dict[str, BeautifulSoup]  # parsed by html.parser and by html5lib (as a browser would)
    text: str  # the visible text, whitespace runs folded


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    root = copy_project(tmp_path_factory.mktemp("hostile-site") / "project")
    make_hostile(root)
    r = run_cli("check", root=root)  # the payloads are legitimate text: the check passes
    no_traceback(r)
    assert r.code == 0, r.out + r.err
    assert f"; {REAL_CLAIMS + 1} claims," in r.out
    b = build_site(root, root / "site")
    assert b.code == 0, b.out + b.err
    assert "Traceback" not in b.err
    pages = {}
    for path in sorted((root / "site").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        docs = {parser: BeautifulSoup(html, parser) for parser in ("html.parser", "html5lib")}
        visible = BeautifulSoup(html, "html5lib")
        for t in visible(["script", "style", "template"]):
            t.decompose()
        pages[path.relative_to(root / "site").as_posix()] = Page(html, docs, " ".join(visible.get_text(" ").split()))
    return pages


def where_shown(pages: dict[str, Page], text: str) -> list[str]:
    """The pages whose visible text holds `text` verbatim (whitespace runs folded, as a browser shows)."""
    want = " ".join(text.split())
    return [name for name, page in pages.items() if want in page.text]


def test_every_hostile_field_is_shown_as_literal_text(hostile_site: dict[str, Page]) -> None:
    missing = []
    for path, fields in SPEC["fields"].items():
        for field in fields:
            if not where_shown(hostile_site, expected_text(path, field)):
                missing.append(f"{path}: {field}")
    assert not missing, "not shown verbatim anywhere: " + ", ".join(missing)


def test_templates_in_records_are_shown_not_expanded(hostile_site: dict[str, Page]) -> None:
    assert where_shown(hostile_site, '{{ config }} {% include "mkdocs.yml" %} {{ "bf-jinja" ~ "-ran" }} {# bf-jinja-comment #}')
    for name, page in hostile_site.items():
        assert "bf-jinja-ran" not in page.html, name  # the expression was never evaluated
        assert "markdown_extensions" not in page.text and "site_dir" not in page.text, name  # no config, no mkdocs.yml


def test_no_script_carries_a_payload(hostile_site: dict[str, Page]) -> None:
    data_blocks = 0
    for name, page in hostile_site.items():
        for parser, doc in page.docs.items():
            for script in doc.find_all("script"):
                body = script.string or ""
                if script.get("type", "").lower() == "application/ld+json":
                    # Data, not code: it may hold record text, but escaped so it cannot end the element.
                    data_blocks += 1
                    assert "<" not in body and ">" not in body, (name, body[:200])
                    json.loads(body)
                else:
                    assert not any(m in body for m in ("bf-xss", "bf-field-", "bf-")), (name, parser, body[:200])
    assert data_blocks


def test_no_element_or_attribute_is_created_from_record_text(hostile_site: dict[str, Page]) -> None:
    for name, page in hostile_site.items():
        for parser, doc in page.docs.items():
            where = (name, parser)
            assert not doc.find("bf-custom-tag"), where
            assert not doc.find(id="bf-xss-close"), where  # (heading slugs made from the text are fine)
            assert not doc.find("img", src="x"), where
            assert not doc.find("svg", onload=True), where
            for el in doc.find_all(True):
                for attr, value in el.attrs.items():
                    value = " ".join(value) if isinstance(value, list) else str(value)
                    if attr.lower().startswith("on"):
                        assert "bf-" not in value and "alert" not in value, (*where, el.name, attr, value)
                    if attr.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                        assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (*where, el.name, value)
                # Markdown in record text was not converted: no emphasis, code, strike or link made from it.
                if el.name in ("strong", "em", "code", "del", "s", "b", "a", "h1", "h2", "h3", "table", "mark"):
                    own = " ".join(el.get_text(" ").split())
                    for m in MARKERS:
                        if m in own:
                            # Allowed only where the element holds a whole field (say, a link whose
                            # text is the hostile statement, or the source's URL shown as its own
                            # link text), never where it was made from part of one.
                            assert "bf-field-" in own or own == SPEC["source_url"], (*where, el.name, own[:200])
            for comment in doc.find_all(string=lambda s: isinstance(s, Comment)):
                assert "bf-" not in comment, where


def test_hostile_url_stays_inside_its_attribute(hostile_site: dict[str, Page]) -> None:
    seen = 0
    for name, page in hostile_site.items():
        for a in page.docs["html5lib"].find_all("a", href=True):
            if "bf-xss-url" in a["href"]:
                seen += 1
                assert a["href"].startswith(SPEC["source_url"]), (name, a["href"])
    assert seen  # the source's hostile URL is linked, whole, as one attribute value


def test_head_holds_no_element_made_from_record_text(hostile_site: dict[str, Page]) -> None:
    titles = 0
    for name, page in hostile_site.items():
        doc = page.docs["html5lib"]
        assert doc.head is not None
        for el in doc.head.find_all(True):
            assert el.name in ("title", "meta", "link", "script", "style", "base", "noscript"), (name, el.name)
        title = doc.title.get_text() if doc.title else ""
        if "bf-field-russia-name" in title:
            titles += 1
            assert "<script>" in title  # the characters, shown; not a tag
    assert titles  # the entity page's title carries the hostile name


# -- determinism -------------------------------------------------------------------------------------


def _differing(a: Path, b: Path) -> list[str]:
    out = []
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    assert files_a == files_b, sorted(files_a ^ files_b)
    for rel in sorted(files_a):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            out.append(rel)
    return out


def test_building_twice_gives_byte_identical_output(tmp_path: Path) -> None:
    """Two copies of the real project, in different folders, built separately."""
    sites = []
    for name in ("one", "two"):
        root = copy_project(tmp_path / name / "project")
        r = build_site(root, root / "site")
        assert r.code == 0, r.out + r.err
        sites.append(root / "site")
    differing = _differing(*sites)
    # sitemap.xml.gz is the one file allowed to differ, and only in its gzip header: MkDocs
    # writes it with gzip's default mtime (the build time). Its decompressed bytes must match.
    assert set(differing) <= {"sitemap.xml.gz"}, differing
    if differing:
        one, two = (gzip.decompress((s / "sitemap.xml.gz").read_bytes()) for s in sites)
        assert one == two
