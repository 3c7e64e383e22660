"""The real site, built with `mkdocs build --strict`, read back from its HTML."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, build_site
from test_hostile_helpers import sentence_totals

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    r = build_site(REPO, out)
    assert r.code == 0, r.err
    assert "WARNING" not in r.err, r.err  # --strict would fail anyway; say which warning
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "search" not in p.parts)


def records(folder: str) -> dict[str, dict[str, Any]]:
    """The YAML records themselves, read without the project's loader."""
    return {f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((REPO / folder).glob("*.yml"))}


KIND_NAMES = {"reported": "Reported", "attributed": "Attributed", "speculation": "Article's speculation", "inference": "Editors' inference"}


def test_every_marker_carries_the_exact_source_span(site: Path) -> None:
    claims = {c["id"]: c for c in json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]}
    seen = set()
    for page in pages(site):
        doc = soup(page)
        for m in doc.select("a.bf-marker"):
            cit = next(c for c in claims[m["data-claim"]]["citations"] if (c["start"], c["end"]) == (int(m["data-start"]), int(m["data-end"])))
            tip = doc.find(id=m["aria-describedby"])
            assert tip is not None and tip.get("role") == "tooltip"
            assert f"“{cit['shown']}”" in tip.get_text()
            assert m["href"].endswith(f"source/{cit['source']}/#s-{cit['start']}-{cit['end']}")
            seen.add(m["data-claim"])
    assert seen == set(claims), f"claims never shown with a marker: {sorted(set(claims) - seen)}"


def test_every_span_on_the_source_page_links_back_to_its_claims(site: Path) -> None:
    doc = soup(site / "source" / "scmp-russia-rocket-engines-2019" / "index.html")
    claims = json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]
    for c in claims:
        for cit in c["citations"]:
            anchor = doc.find(id=f"s-{cit['start']}-{cit['end']}")
            assert anchor is not None, (c["id"], cit["start"])
            passage = doc.find(id=f"p-{cit['start']}-{cit['end']}")
            links = {a["href"] for a in passage.select("a.bf-backlink")}
            assert f"../../claims/{c['id']}/" in links
    text = doc.select_one("div.bf-source").get_text()
    assert text == (REPO / "sources" / "scmp-russia-rocket-engines-2019.txt").read_text(encoding="utf-8")
    notclaim = doc.select("mark.bf-notclaim")
    assert "choked to death" in "".join(m.get_text() for m in notclaim)
    assert "Not a claim" in doc.select_one(".bf-passage--notclaim").get_text()
    assert "7a6b8c663d1c85493c77ebf53eced8ee1d6568290508a99b3013b75c25621b28" in doc.get_text()
    n = sentence_totals()["scmp-russia-rocket-engines-2019"]
    assert f"{n} of {n} sentences cited" in doc.get_text()


def test_every_entity_and_claim_has_its_own_page(site: Path) -> None:
    for f in (REPO / "facts" / "entities").glob("*.yml"):
        page = site / "entities" / f.stem / "index.html"
        assert page.exists(), f.stem
        assert soup(page).select(".bf-card"), f"entity page {f.stem} lists no claims"
    for f in (REPO / "facts" / "claims").glob("*.yml"):
        assert (site / "claims" / f.stem / "index.html").exists()


def test_entity_pages_are_not_in_the_navigation(site: Path) -> None:
    nav_links = [a["href"] for a in soup(site / "index.html").select("nav.md-nav--primary a.md-nav__link") if a.get("href")]
    assert not any("entities/" in h and not h.rstrip("/").endswith("entities") for h in nav_links)
    assert len(nav_links) < 40


def test_timeline_is_in_date_order_and_marks_inferred_dates(site: Path) -> None:
    rows = soup(site / "timeline" / "index.html").select("tr.bf-timeline__row")
    dates = [r["data-date"] for r in rows]
    assert dates == sorted(dates) and len(dates) >= 10
    assert any(r["data-inferred"] == "true" for r in rows)
    assert any(r["data-inferred"] == "false" for r in rows)
    tuesday = [r for r in rows if r["data-date"] == "2019-08-27"]
    assert tuesday and tuesday[0]["data-precision"] == "day" and tuesday[0]["data-inferred"] == "true"


def test_home_shows_key_judgments_on_the_fixed_scale(site: Path) -> None:
    doc = soup(site / "index.html")
    judgments = doc.select("li.bf-judgment")
    assert 5 <= len(judgments) <= 8
    scale = {"Almost no chance", "Very unlikely", "Unlikely", "Roughly even chance", "Likely", "Very likely", "Almost certain"}
    for j in judgments:
        assert j.select_one(".bf-likelihood").get_text() in scale
        assert j.select("a.bf-marker")


def test_every_page_ends_with_its_citations_as_notes(site: Path) -> None:
    doc = soup(site / "index.html")
    markers = doc.select("a.bf-marker")
    notes = doc.select("section.bf-notes li")
    assert len(notes) == len(markers) > 0
    for li in notes:
        assert li.select_one('a[href*="#:~:text="]') is not None


def test_verification_page_reports_checks_and_commit(site: Path) -> None:
    doc = soup(site / "verification" / "index.html")
    text = " ".join(doc.get_text(" ").split())
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True, check=False).stdout.strip()
    shown = re.search(r"built from commit (\S+)", text)
    assert shown and shown.group(1) == (head or "unknown"), (shown and shown.group(1), head)
    assert "Normalisation version 1" in text
    n = sentence_totals()["scmp-russia-rocket-engines-2019"]
    assert f"{n} / {n}" in text
    # Counts per check, from the records themselves.
    claims = records("facts/claims")
    questions = records("facts/questions")
    claim_cits = sum(len(c["citations"]) for c in claims.values())
    question_cits = sum(len(q["citations"]) for q in questions.values())
    rows = {r.th.get_text(): [" ".join(td.get_text(" ").split()) for td in r.select("td")] for r in doc.select("table.bf-checks tbody tr")}
    assert list(rows) == ["anchoring", "source integrity", "references", "support", "coverage", "pages"]
    what, result = rows["anchoring"]
    assert what.startswith(f"{claim_cits + question_cits} citations ({claim_cits} in claims, {question_cits} in open questions)")
    assert result == "0 failed"
    assert rows["source integrity"] == [f"{len(records('sources'))} stored source, byte for byte against its recorded sha256.", "0 mismatched"]
    topics = sum(len(c.get("topics", [])) for c in claims.values())
    entities = sum(len(c.get("entities", [])) for c in claims.values())
    assert f"claims' {topics} topics, {entities} entities" in rows["references"][0]
    assert rows["support"][0].startswith(f"{len(claims)} claims:")
    assert rows["support"][1] == "0 unsupported"
    hand_written = [p for p in (REPO / "docs").rglob("*.md") if p.parent.name not in ("claims", "entities", "source") or p.name == "index.md"]
    assert rows["pages"][0].startswith(f"{len(hand_written)} hand-written pages")
    assert f"{len(claims)} of {len(claims)} claims shown" in rows["pages"][0]
    # Counters that count differently are explained.
    assert "counts the citations of claims and open questions, not the passages set aside" in text
    # Dash and quote variants as code points, never as glyphs a font may lack.
    rules = doc.select_one("ol.bf-rules").get_text(" ")
    for ch in "‐‑‒–—―−﹘﹣－":
        assert ch not in rules, f"{unicodedata.name(ch)} is shown as a glyph"
        assert f"U+{ord(ch):04X} {unicodedata.name(ch).lower()}" in " ".join(rules.split())


def test_verification_page_says_unknown_commit_without_git(tmp_path: Path) -> None:
    from conftest import copy_project

    project = copy_project(tmp_path / "project")  # a copy outside any git checkout
    r = build_site(project)
    assert r.code == 0, r.err[-3000:]
    text = " ".join(soup(project / "site" / "verification" / "index.html").get_text(" ").split())
    assert "built from commit unknown" in text


def test_tags_show_kind_and_topic_names(site: Path) -> None:
    topics = {tid: t["name"] for tid, t in records("facts/topics").items()}
    claim = records("facts/claims")["rogozin-spoke-on-27-august-2019"]
    tags = [t.get_text(strip=True) for t in soup(site / "claims" / claim["id"] / "index.html").select("nav.md-tags .md-tag")]
    assert tags == ["Editors' inference", *(topics[t] for t in claim["topics"])]
    listing = [h.get_text(" ", strip=True) for h in soup(site / "tags" / "index.html").select("article h2 .md-tag")]
    assert set(listing) == set(KIND_NAMES.values()) | set(topics.values())
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    used = {t for d in index["docs"] for t in d.get("tags", [])}
    assert used == set(KIND_NAMES.values()) | set(topics.values()), used
    assert not used & (set(KIND_NAMES) | set(topics)), "raw ids shown as tags"


def test_unknown_claim_id_fails_the_build_naming_page_id_and_closest(project: Path) -> None:
    page = project / "docs" / "topics" / "offer.md"
    page.write_text(page.read_text(encoding="utf-8").replace('cite("rogozin-says-russia-keen-to-launch-chinese-satellites")', 'cite("rogozin-says-russia-keen-to-launch-chinese-satelites")'), encoding="utf-8")
    r = build_site(project)
    assert r.code != 0
    assert "docs/topics/offer.md" in r.err
    assert "unknown claim 'rogozin-says-russia-keen-to-launch-chinese-satelites'" in r.err
    assert "did you mean 'rogozin-says-russia-keen-to-launch-chinese-satellites'" in r.err


def test_no_external_fonts_or_cdns(site: Path) -> None:
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for tag in soup(page).select("script[src], link[href]"):
            url = tag.get("src") or tag.get("href")
            assert not url.startswith(("http:", "https:", "//")) or tag.name == "link" and tag.get("rel") == ["canonical"], url
