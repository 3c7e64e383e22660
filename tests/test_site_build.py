"""The real site, built with `mkdocs build --strict`, read back from its HTML."""

from __future__ import annotations

import datetime
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
def site(real_site: Path) -> Path:
    return real_site  # one build of the real site, shared with tests/test_every_word.py (conftest)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "search" not in p.parts)


def records(folder: str) -> dict[str, dict[str, Any]]:
    """The YAML records themselves, read without the project's loader."""
    return {f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((REPO / folder).glob("*.yml"))}


def quoted(words: str) -> str:
    """Source words inside the site's own quote marks, their double marks made single."""
    return "“" + words.replace("“", "‘").replace("”", "’").replace('"', "'") + "”"


KIND_NAMES = {"reported": "Reported", "attributed": "Attributed", "speculation": "Article's speculation", "inference": "Editors' inference"}


def tip_passages(doc: BeautifulSoup, marker: Any) -> list[Any]:
    tip = doc.find(id=marker["aria-describedby"])
    assert tip is not None and tip.get("role") == "tooltip"
    return tip.select(".bf-tip__passage")


def marker_kind(kinds: set[str]) -> str:
    """The kind a marker shows: the weakest of its claims'."""
    return next((k for k in ("inference", "speculation", "attributed") if k in kinds), "reported")


def test_every_marker_carries_the_exact_source_span(site: Path) -> None:
    """One marker per sentence: its tooltip holds every passage the sentence's claims cite, each
    with the exact source words, and the marker opens the first one."""
    claims = {c["id"]: c for c in json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]}
    seen = set()
    for page in pages(site):
        doc = soup(page)
        for m in doc.select("a.bf-marker"):
            ids = m["data-claims"].split()
            passages = tip_passages(doc, m)
            assert passages and m["data-claim"] == ids[0]
            assert (int(m["data-start"]), int(m["data-end"])) == (int(passages[0]["data-start"]), int(passages[0]["data-end"]))
            citing: set[str] = set()
            for p in passages:
                a, z = int(p["data-start"]), int(p["data-end"])
                for cid in (c["data-claim"] for c in p.select(".bf-tip__meta[data-claim]")):
                    cit = next(c for c in claims[cid]["citations"] if (c["start"], c["end"]) == (a, z))
                    assert " ".join(p.select_one(".bf-tip__quote").get_text().split()) == " ".join(quoted(cit["shown"]).split())
                    citing.add(cid)
            assert citing == set(ids), f"{page}: marker {m['id']} lists claims {sorted(citing)}, cites {ids}"
            first = passages[0]
            assert m["href"].endswith(f"source/{first['data-source']}/#s-{first['data-start']}-{first['data-end']}")
            seen.update(ids)
    assert seen == set(claims), f"claims never shown with a marker: {sorted(set(claims) - seen)}"


def test_every_tooltip_tells_the_kind_voice_date_and_basis(site: Path) -> None:
    """A reader hovering a marker learns, for each claim behind the sentence, what kind of claim
    it is, whose words, when, and for an inference that it is the editors' own, and on what
    basis: not only the quote."""
    claims = {c["id"]: c for c in json.loads((site / "claims.json").read_text(encoding="utf-8"))["claims"]}
    names = {eid: e["name"] for eid, e in records("facts/entities").items()}
    checked: set[str] = set()
    for page in (site / "index.html", site / "timeline" / "index.html", site / "topics" / "offer" / "index.html"):
        doc = soup(page)
        for m in doc.select("a.bf-marker"):
            kinds = {claims[cid]["kind"] for cid in m["data-claims"].split()}
            assert f"bf-marker--{marker_kind(kinds)}" in m["class"]
            if "inference" in kinds:
                assert "editors' inference" in m.select_one(".bf-visually-hidden").get_text()
            for entry in doc.find(id=m["aria-describedby"]).select(".bf-tip__meta[data-claim]"):
                c = claims[entry["data-claim"]]
                meta = " ".join(entry.get_text(" ").split())
                assert meta.startswith(KIND_NAMES[c["kind"]]), (c["id"], meta)
                if c["speaker"]:
                    voice = names[c["speaker"]] + (f", via {names[c['relayed_by']]}" if c["relayed_by"] else "")
                    assert voice in meta, (c["id"], meta)
                if c["date"]:
                    assert f"{c['date']['label']} ({c['date']['precision']} precision)" in meta, (c["id"], meta)
                    assert ("inferred" in meta) == c["date"]["inferred"], (c["id"], meta)
                # What follows the claim's line, up to the next claim's: its basis, if any.
                basis = None
                for sib in entry.find_next_siblings("span"):
                    if "bf-tip__meta" in sib.get("class", []):
                        break
                    if "bf-tip__basis" in sib.get("class", []):
                        basis = sib
                if c["kind"] == "inference":
                    words = " ".join(basis.get_text(" ").split())
                    assert words.startswith("Basis:") and " ".join(c["basis"].split())[:40] in words, (c["id"], words)
                else:
                    assert basis is None
                checked.add(c["kind"])
    assert checked == set(KIND_NAMES)


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


def _days(value: str, precision: str) -> tuple[datetime.date, datetime.date]:
    """The days a record's date names, [first, last], worked out here, not by the site."""
    y, *rest = (int(p) for p in value.split("-"))
    if precision == "decade":
        return datetime.date(y, 1, 1), datetime.date(y + 9, 12, 31)
    if precision == "year":
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    if precision == "month":
        nxt = datetime.date(y + rest[0] // 12, rest[0] % 12 + 1, 1)
        return datetime.date(y, rest[0], 1), nxt - datetime.timedelta(days=1)
    day = datetime.date(y, rest[0], rest[1])
    return day, day


def test_timeline_is_in_date_order_and_marks_inferred_dates(site: Path) -> None:
    """In order of the start of each date range (then its end), from the records' own dates:
    "2019" and "2019 – 2029" before "27 August 2019". Each row shows its date and precision,
    and one inferred marker at most."""
    dated = {cid: r["date"] for cid, r in records("facts/claims").items() if r.get("date")}
    rows = soup(site / "timeline" / "index.html").select("tr.bf-timeline__row")
    assert [r["data-claim"] for r in rows if r["data-claim"] in dated] == [r["data-claim"] for r in rows]
    assert sorted(r["data-claim"] for r in rows) == sorted(dated), "every dated claim is on the timeline, once"
    spans = []
    for r in rows:
        d = dated[r["data-claim"]]
        first, _ = _days(d["value"], d["precision"])
        _, last = _days(d.get("end") or d["value"], d["precision"])
        spans.append((first, last, r["data-claim"]))
    assert spans == sorted(spans), "the timeline is not in order of start dates (then end dates)"
    assert len({a for a, _, _ in spans}) > 5, "the timeline spans several dates"
    for r in rows:
        d = dated[r["data-claim"]]
        cell = " ".join(r.select_one("td.bf-timeline__date").get_text(" ").split())
        assert f"({d['precision']} precision)" in cell, cell
        assert r.select_one("td.bf-timeline__date time")["datetime"] == d["value"]
        inferred = "resolved_from" in d
        assert r["data-inferred"] == str(inferred).lower()
        badges = [b for b in r.select(".bf-inferred, .bf-kind--inference") if not b.find_parent(class_="bf-tip")]
        kind = records("facts/claims")[r["data-claim"]]["kind"]
        assert len(badges) == (1 if inferred or kind == "inference" else 0), (r["data-claim"], [b.get_text() for b in badges])
        if inferred:
            assert r.select_one("td.bf-timeline__date .bf-inferred"), "the inferred marker sits in the date column"
    tuesday = next(r for r in rows if r["data-claim"] == "rogozin-spoke-on-27-august-2019")
    assert "27 August 2019 (day precision) Editors' inference" in " ".join(tuesday.get_text(" ").split())


def test_home_shows_key_judgments_on_the_fixed_scale(site: Path) -> None:
    """Findings carry no probability label; each assessment says which question its label
    answers, gives a term of the scale (or "Cannot assess") and the editors' confidence."""
    doc = soup(site / "index.html")
    judgments = doc.select("li.bf-judgment")
    recs = records("facts/judgments")
    assert len(judgments) == len(recs) and 5 <= len(judgments) <= 10
    scale = {
        "almost-no-chance": "Almost no chance (1–5 %)",
        "very-unlikely": "Very unlikely (5–20 %)",
        "unlikely": "Unlikely (20–45 %)",
        "roughly-even-chance": "Roughly even chance (45–55 %)",
        "likely": "Likely (55–80 %)",
        "very-likely": "Very likely (80–95 %)",
        "almost-certain": "Almost certain (95–99 %)",
        "cannot-assess": "Cannot assess",
    }
    method = soup(site / "method" / "index.html")
    for j in judgments:
        rec = recs[j["id"].removeprefix("judgment-")]
        assert j["data-kind"] == rec["kind"] and f"bf-judgment--{rec['kind']}" in j["class"]
        assert j.select("a.bf-marker")
        if rec["kind"] == "finding":
            assert not j.select(".bf-likelihood, .bf-confidence, .bf-judgment__question"), f"{j['id']}: a finding has no label"
            continue
        term = rec["likelihood"]
        badge = j.select_one("a.bf-likelihood")
        assert " ".join(badge.get_text(" ").split()) == scale[term]
        # It links to its own row of the scale, defined on the method page.
        assert badge["href"] == f"method/#scale-{term}"
        row = method.find(id=f"scale-{term}")
        assert row is not None and row.name == "tr" and scale[term].split(" (")[0] in row.get_text()
        question = " ".join(j.select_one(".bf-judgment__question").get_text(" ").split())
        assert question == "Question: " + " ".join(rec["question"].split())
        confidence = j.select_one("a.bf-confidence")
        assert confidence.get_text() == f"{rec['confidence'].capitalize()} confidence"
        assert confidence["href"] == f"method/#confidence-{rec['confidence']}" and method.find(id=f"confidence-{rec['confidence']}")
        assert " ".join(rec["confidence_reason"].split()) in " ".join(j.select_one(".bf-confidence-line").get_text(" ").split())


def test_every_page_ends_with_its_citations_as_notes(site: Path) -> None:
    """One note per distinct marker (the claims a sentence cites), shared by every marker citing
    the same claims; each lists the marker's passages and claims; the source named once;
    collapsed (a details element); quote marks never doubled."""
    source = json.loads((site / "claims.json").read_text(encoding="utf-8"))["sources"][0]
    for page in (site / "index.html", site / "topics" / "offer" / "index.html"):
        doc = soup(page)
        markers = doc.select("a.bf-marker")
        keys = list(dict.fromkeys(m["data-claims"] for m in markers))
        notes = doc.select("details.bf-notes > ol > li")
        assert len(notes) == len(keys) > 0
        for m in markers:
            n = m["data-note"]
            assert n == str(keys.index(m["data-claims"]) + 1)
            assert m.get_text().endswith(f"[{n}]")
            note = doc.find(id=f"bf-note-{n}")
            assert note.select_one(f'a[href="#{m["id"]}"]') is not None, f"note {n} has no link back to {m['id']}"
            tip = [(p["data-start"], p["data-end"]) for p in tip_passages(doc, m)]
            assert [(p["data-start"], p["data-end"]) for p in note.select(".bf-note__passage")] == tip
        for li in notes:
            assert len(li.select('a[href*="#:~:text="]')) == len(li.select(".bf-note__passage"))
        box = doc.select_one("details.bf-notes")
        assert box.get("open") is None and box.select_one("summary")
        text = box.get_text()
        assert text.count(source["title"]) == 1 and text.count(source["publisher"]) == 1, "the source is named once"
        assert "““" not in text and "””" not in text
    # A topic page cites in its prose a claim its list shows again: the two markers share a note.
    doc = soup(site / "topics" / "offer" / "index.html")
    assert len(doc.select("a.bf-marker")) > len({m["data-claims"] for m in doc.select("a.bf-marker")})
    # Nested quote marks are single.
    doc = soup(site / "index.html")
    nested = [li for li in doc.select("details.bf-notes li") if "‘near-space infrastructure’" in li.get_text()]
    assert nested, "a note quoting words in quote marks shows them as single marks"


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
    assert list(rows) == ["anchoring", "source integrity", "stored sources", "references", "support", "judgments", "reader-facing fields", "coverage", "pages", "markup", "site files", "line breaks", "script"]
    assert rows["script"][1] == "0 refused"
    what, result = rows["anchoring"]
    assert what.startswith(f"{claim_cits + question_cits} citations ({claim_cits} in claims, {question_cits} in open questions)")
    assert result == "0 failed"
    assert rows["source integrity"] == [f"{len(records('sources'))} stored source, byte for byte against its recorded sha256.", "0 mismatched"]
    topics = sum(len(c.get("topics", [])) for c in claims.values())
    entities = sum(len(c.get("entities", [])) for c in claims.values())
    assert f"claims' {topics} topics, {entities} entities" in rows["references"][0]
    assert rows["support"][0].startswith(f"{len(claims)} claims:")
    # The exceptions editors wrote (each an inference's) are the support check's only warnings.
    excepted = [c for c in claims.values() if "negation_differs" in c or "modality_differs" in c]
    assert excepted and all(c["kind"] == "inference" for c in excepted)
    n_exc = len(excepted)
    assert rows["support"][1] == f"0 unsupported, {n_exc} warning{'s' if n_exc != 1 else ''} (override)"
    hand_written = [p for p in (REPO / "docs").rglob("*.md") if p.parent.name not in ("claims", "entities", "source") or p.name == "index.md"]
    assert rows["pages"][0].startswith(f"{len(hand_written)} hand-written pages")
    assert f"{len(claims)} of {len(claims)} claims shown" in rows["pages"][0]
    assert rows["stored sources"][1] == "0 changed" and "a source is added, never changed" in rows["stored sources"][0]
    assert rows["site files"][1] == "0 problems" and "listed by MkDocs itself" in rows["site files"][0]
    # Every exception an editor wrote, with its reason, here and on its claim's page.
    exceptions = {r.select("td")[0].get_text(strip=True): " ".join(r.get_text(" ").split()) for r in doc.select("table.bf-exceptions tbody tr")}
    written = {cid: {k: " ".join(c[k].split()) for k in ("negation_differs", "modality_differs") if k in c} for cid, c in claims.items()}
    written = {cid: keys for cid, keys in written.items() if keys}
    assert written and sorted(exceptions) == sorted(written)
    for cid, keys in written.items():
        page = soup(site / "claims" / cid / "index.html").select_one(".bf-exceptions")
        assert page is not None
        for key, reason in keys.items():
            assert key in exceptions[cid] and reason[:60] in exceptions[cid]
            assert key in page.get_text() and reason[:60] in " ".join(page.get_text().split())
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


def test_source_highlights_link_to_their_passages(site: Path) -> None:
    doc = soup(site / "source" / "scmp-russia-rocket-engines-2019" / "index.html")
    source = records("sources")["scmp-russia-rocket-engines-2019"]
    passages = {li["id"] for li in doc.select("li.bf-passage")}
    marks = doc.select("div.bf-source mark")
    assert len(marks) > 50
    for mark in marks:
        link = mark.select_one("a.bf-hl__link")
        assert link is not None and link.get_text() == mark.get_text(), mark
        target = link["href"].removeprefix("#")
        assert target in passages, target
        a, z = (int(x) for x in target.removeprefix("p-").split("-"))
        assert a <= int(mark["data-start"]) and int(mark["data-end"]) <= z
        if "bf-notclaim" in mark["class"]:
            reason = doc.find(id=link["aria-describedby"])
            assert " ".join(source["not_claims"][0]["reason"].split())[:60] in " ".join(reason.get_text().split())
    # A segment links to the shortest passage covering it, which names the longer ones around
    # it: every passage is reachable from the text.
    linked = {m.select_one("a")["href"] for m in marks} | {a["href"] for a in doc.select("li.bf-passage .bf-within a")}
    assert {f"#{p}" for p in passages} <= linked


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
