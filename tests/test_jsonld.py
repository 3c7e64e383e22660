"""schema.org JSON-LD on claim pages: a `Claim` (never a rating), injected so no text can escape it."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from briefing import history, jsonld
from briefing.model import DateInfo
from briefing.site import Site

SITE_URL = "https://briefing.example/"
HOSTILE = 'Rogozin said </script><script>alert("x")</script> & <!-- then </SCRIPT > \u2028 more'


@pytest.fixture
def site(project: Path) -> Site:
    s = Site.load(project, site_url=SITE_URL, site_name="A briefing")
    s._history = history.History(False, "test: no git")  # no git work in these tests
    return s


def scripts(html: str) -> list:
    """The <script> elements a browser would see (html5lib parses as browsers do)."""
    return BeautifulSoup(html, "html5lib").find_all("script")


def test_script_cannot_be_closed_or_commented_out_by_record_text() -> None:
    data = {"@type": "Claim", "text": HOSTILE}
    out = jsonld.script(data)
    inner = out.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    (el,) = scripts(out)
    assert json.loads(el.string) == data


def test_a_claim_page_keeps_a_hostile_statement_inside_its_json_ld(site: Site) -> None:
    cid = "proton-still-in-use"
    site.briefing.claims[cid].statement = HOSTILE
    site.begin_page(f"claims/{cid}/", f"claims/{cid}.md")
    html = markdown.markdown(f"# Claim\n\n{site.claim_page(cid)}\n", extensions=["attr_list", "tables"])
    found = scripts(html)
    assert [s.get("type") for s in found] == ["application/ld+json"]  # no script element was injected
    data = json.loads(found[0].string)
    assert data["text"] == HOSTILE
    assert data["@id"] == data["url"] == f"{SITE_URL}claims/{cid}/"


def test_a_claim_is_described_with_its_appearance_and_no_rating(site: Site) -> None:
    b = site.briefing
    c = b.claims["rogozin-says-cooperation-could-involve-engine-deliveries"]
    data = jsonld.claim_jsonld(b, c, f"{SITE_URL}claims/{c.id}/", "A briefing", SITE_URL)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Claim"
    assert data["text"] == c.statement
    (work,) = data["appearance"]
    assert work == data["firstAppearance"]
    assert work["@type"] == "NewsArticle"
    assert work["url"] == b.sources["scmp-russia-rocket-engines-2019"].url
    assert work["publisher"] == {"@type": "Organization", "name": "South China Morning Post"}
    assert work["datePublished"] == "2019-08"  # the article's date is known to the month only
    assert data["author"] == {"@type": "Organization", "name": "The editors of A briefing", "url": SITE_URL}
    assert {"@type": "Person", "name": "Dmitry Rogozin", "url": f"{SITE_URL}entities/dmitry-rogozin/"} in data["mentions"]
    assert "datePublished" not in data  # unknown without history
    text = json.dumps(data)
    for word in ("ClaimReview", "reviewRating", "Rating", "truth"):
        assert word not in text


def test_dates_are_only_as_precise_as_known() -> None:
    assert jsonld.schema_date(DateInfo("2019-08-27", "day")) == "2019-08-27"
    assert jsonld.schema_date(DateInfo("2019-08", "month")) == "2019-08"
    assert jsonld.schema_date(DateInfo("2019-08-27", "month")) == "2019-08"
    assert jsonld.schema_date(DateInfo("2019", "year")) == "2019"
    assert jsonld.schema_date(DateInfo("1960", "decade")) is None
    assert jsonld.schema_date(DateInfo(None, "unknown")) is None
    assert jsonld.schema_date(None) is None


def test_generated_page_front_matter_cannot_break_the_head(site: Site) -> None:
    cid = "proton-still-in-use"
    site.briefing.claims[cid].statement = 'Says "quoted" <b>bold</b> & more'
    page = site.generated_pages()[f"claims/{cid}.md"]
    front = page.split("---\n")[1]
    assert 'description: "Says &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &amp; more"' in front
