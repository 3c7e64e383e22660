"""The macros a page author writes, rendered by a real `mkdocs build --strict` of a small fixture
project (tests/fixtures/site-macros/): `claim()`, `claim_card()` and `claims_by_entity()`, read
back from the HTML and compared with the fixture's own records and source text."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import FIXTURES, REPO, build_site

pytestmark = pytest.mark.slow

FIXTURE = FIXTURES / "site-macros"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site-macros") / "project"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns(".cache"))
    shutil.copy2(REPO / "macros.py", root / "macros.py")
    shutil.copytree(REPO / "overrides", root / "overrides")
    r = build_site(root)
    assert r.code == 0, r.err[-4000:]
    assert "WARNING" not in r.err, r.err
    return root


@pytest.fixture(scope="module")
def home(built: Path) -> BeautifulSoup:
    return BeautifulSoup((built / "site" / "index.html").read_text(encoding="utf-8"), "html5lib")


def record(kind: str, rid: str) -> dict[str, Any]:
    return yaml.safe_load((FIXTURE / "facts" / kind / f"{rid}.yml").read_text(encoding="utf-8"))


def source_text() -> str:
    return (FIXTURE / "sources" / "harbour.txt").read_text(encoding="utf-8")


def span_of(quote: str) -> tuple[int, int]:
    """Code-point offsets of a quote in the source, found here (it occurs once)."""
    text = source_text()
    assert text.count(quote) == 1
    start = text.index(quote)
    return start, start + len(quote)


def words(el: Tag) -> str:
    return " ".join(el.get_text(" ").split())


def passages(tip: Tag) -> list[tuple[tuple[str, ...], str, int, int]]:
    """A tooltip's passages: (claims citing it, source, start, end), in order."""
    return [
        (tuple(c["data-claim"] for c in p.select(".bf-tip__meta[data-claim]")), p["data-source"], int(p["data-start"]), int(p["data-end"]))
        for p in tip.select(".bf-tip__passage")
    ]


def assert_markers(el: Tag, doc: BeautifulSoup, claim_id: str) -> None:
    """One marker for the claim's statement; its tooltip shows each of the claim's quotes, with
    its span and words, and the marker opens the first."""
    claim = record("claims", claim_id)
    markers = [m for m in el.select("a.bf-marker") if claim_id in m["data-claims"].split()]
    assert len(markers) == 1, "one marker per statement, however many quotes it has"
    m = markers[0]
    tip = doc.find(id=m["aria-describedby"])
    want = [((claim_id,), c["source"], *span_of(c["quote"])) for c in claim["citations"]]
    assert passages(tip) == want
    assert (m["data-claim"], m["data-source"], int(m["data-start"]), int(m["data-end"])) == (claim_id, *want[0][1:])
    assert m["href"].endswith(f"source/harbour/#s-{want[0][2]}-{want[0][3]}")
    for p in tip.select(".bf-tip__passage"):
        a, z = int(p["data-start"]), int(p["data-end"])
        exact = source_text()[a:z].replace("“", "‘").replace("”", "’")
        assert words(p.select_one(".bf-tip__quote")) == f"“{exact}”"
        assert p.select_one("a.bf-tip__open")["href"].endswith(f"source/harbour/#s-{a}-{z}")


def test_claim_renders_the_statement_with_its_markers(home: BeautifulSoup) -> None:
    el = home.select_one('span.bf-claim[data-claim="pier-cost-12-million"]')
    assert el is not None
    assert el.select_one("a.bf-claim__text").get_text() == record("claims", "pier-cost-12-million")["statement"]
    assert el.select_one("a.bf-claim__text")["href"] == "claims/pier-cost-12-million/"
    assert_markers(el, home, "pier-cost-12-million")
    tip = home.find(id=el.select_one("a.bf-marker")["aria-describedby"])
    assert words(tip.select_one(".bf-tip__meta")) == "Reported"
    assert "Example Harbour News" in words(tip)


def test_claim_card_shows_kind_speaker_relayer_and_exact_quote(home: BeautifulSoup) -> None:
    cid = "costa-says-ships-dock-from-march"
    card = home.select_one(f"div.bf-card#claim-{cid}")
    assert card is not None
    claim = record("claims", cid)
    assert card.select_one(".bf-card__statement a").get_text() == claim["statement"]
    meta = words(card.select_one(".bf-card__meta"))
    assert meta == "Attributed · Said by Maria Costa as relayed by Radio Porto"
    assert card.select_one(".bf-kind--attributed").get_text() == "Attributed"
    assert card.select_one('.bf-card__meta a[href="entities/maria-costa/"]').get_text() == "Maria Costa"
    assert card.select_one('.bf-card__meta a[href="entities/radio-porto/"]').get_text() == "Radio Porto"
    assert_markers(card, home, cid)
    a, z = span_of(claim["citations"][0]["quote"])
    quote = card.select_one("blockquote.bf-quote")
    # The source's own quote marks, nested inside ours as single marks.
    assert words(quote.select_one("p")) == "“‘Ships will dock here from March,’ the port director, Maria Costa, told Radio Porto”"
    assert f"(characters {a}–{z})" in words(quote)
    assert quote.select_one("a.bf-original")["href"].startswith("https://example.org/harbour/new-pier#:~:text=")
    tip = home.find(id=card.select_one("a.bf-marker")["aria-describedby"])
    assert words(tip.select_one(".bf-tip__meta")) == "Attributed · Maria Costa, via Radio Porto"


def test_claim_card_of_an_inference_shows_its_date_basis_and_badge(home: BeautifulSoup) -> None:
    cid = "pier-opening-dated-2021"
    card = home.select_one(f"div.bf-card#claim-{cid}")
    claim = record("claims", cid)
    assert "bf-card--inference" in card["class"]
    meta = words(card.select_one(".bf-card__meta"))
    assert meta == "Editors' inference · 2021 (year precision) inferred"
    basis = [words(p) for p in card.select("p.bf-basis")]
    assert basis[0].startswith("Rests on: The harbour authority said the new pier would open next year.")
    assert basis[0].endswith(f"Basis: {' '.join(claim['basis'].split())}")
    assert basis[1] == f"Date resolved from “next year”: {claim['date']['basis'].replace('“', '‘').replace('”', '’')}"
    assert_markers(card, home, cid)
    marker = card.select_one("a.bf-marker")
    assert "bf-marker--inference" in marker["class"]
    tip = home.find(id=marker["aria-describedby"])
    assert words(tip.select_one(".bf-tip__meta")) == "Editors' inference · 2021 (year precision) inferred"
    assert words(tip.select_one(".bf-tip__basis")).startswith("Basis: The article was published in May 2020")


def test_claims_by_entity_lists_every_claim_naming_it(home: BeautifulSoup) -> None:
    heading = home.find("h2", id="maria-costa")
    listing = heading.find_next_sibling("div", class_="bf-list")
    assert listing is not None
    naming = sorted(
        p.stem
        for p in (FIXTURE / "facts" / "claims").glob("*.yml")
        if "maria-costa" in [*(d := record("claims", p.stem)).get("entities", []), d.get("speaker"), d.get("relayed_by")]
    )
    cards = listing.select("div.bf-card")
    assert sorted(c["data-claim"] for c in cards) == naming == ["costa-says-ships-dock-from-march"]
    for card in cards:
        assert card.select_one(".bf-kind").get_text() == "Attributed"
        assert "Said by Maria Costa" in words(card.select_one(".bf-card__meta"))
        assert_markers(card, home, card["data-claim"])


def test_markers_repeated_on_the_page_share_one_note(home: BeautifulSoup) -> None:
    # The card above and the listing cite the same claim: one note, two markers.
    markers = home.select('a.bf-marker[data-claims="costa-says-ships-dock-from-march"]')
    assert len(markers) == 2 and {m["data-note"] for m in markers} == {markers[0]["data-note"]}
    assert [m["id"] for m in markers] == [f"bf-ref-{markers[0]['data-note']}", f"bf-ref-{markers[0]['data-note']}-2"]
    notes = home.select("details.bf-notes > ol > li")
    assert len(notes) == len({m["data-claims"] for m in home.select("a.bf-marker")}) == 3
    # Each note lists every passage of its marker's tooltip, and the claims.
    for m in home.select("a.bf-marker"):
        note = home.find(id=f"bf-note-{m['data-note']}")
        tip = home.find(id=m["aria-describedby"])
        spans = [(int(p["data-start"]), int(p["data-end"])) for p in note.select(".bf-note__passage")]
        assert spans == [(a, z) for _, _, a, z in passages(tip)]
        assert {a["href"] for a in note.select('a[href^="claims/"]')} == {f"claims/{c}/" for c in m["data-claims"].split()}
    sources = home.select_one(".bf-notes__sources")
    assert " ".join(sources.get_text().split()) == "Quoted from New pier to open next year, Example Harbour News."
    assert sources.select_one("a")["href"] == "source/harbour/"
