"""schema.org JSON-LD on claim pages: a `Claim` (never a rating), injected so no text can escape it.

`author`/`datePublished` mean who made the claim and when (schema.org, Google's ClaimReview
guidance): the speaker, the publisher or the editors by kind of claim; the record's own dates
belong to the page. Every block is checked against the schema.org vocabulary (release 12.0,
vendored in tests/conformance/schemaorg/): only real types and properties, each on a type it is
defined for, each value of a type it takes."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from briefing import history, jsonld, textfragment
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
    assert data["url"] == data["mainEntityOfPage"]["@id"] == f"{SITE_URL}claims/{cid}/"
    assert data["@id"] == f"{SITE_URL}claims/{cid}/#claim"


ROGOZIN = "rogozin-says-cooperation-could-involve-engine-deliveries"
SOURCE = "scmp-russia-rocket-engines-2019"
ADDED, CORRECTED = "2026-11-25T10:00:00+00:00", "2026-12-02T09:30:00+00:00"


def events(cid: str, corrected: bool = False) -> list[history.Event]:
    """A claim's history as git would give it: added on ADDED (and corrected on CORRECTED)."""
    out = [history.Event(cid, "added", "a" * 40, ADDED, "Add", "Add", (), (), None, None, 0)]
    if corrected:
        out.append(history.Event(cid, "corrected", "b" * 40, CORRECTED, "Fix", "Fix", (), ("statement",), None, None, 1))
    return out


def describe(site: Site, cid: str, corrected: bool = False) -> dict:
    c = site.briefing.claims[cid]
    return jsonld.claim_jsonld(site.briefing, c, f"{SITE_URL}claims/{cid}/", "A briefing", SITE_URL, events(cid, corrected))


def no_rating(data: dict) -> None:
    text = json.dumps(data)
    for word in ("ClaimReview", "reviewRating", "Rating", "truth"):
        assert word not in text


def test_an_attributed_claim_is_authored_by_its_speaker_and_first_appeared_in_the_relayers_report(site: Site) -> None:
    b = site.briefing
    c = b.claims[ROGOZIN]
    src = b.sources[SOURCE]
    assert src.text is not None
    data = describe(site, ROGOZIN)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Claim"
    assert data["text"] == c.statement
    # Who made the claim: Rogozin, not the briefing's editors; and no date, since the records
    # do not say when he said it (the day the record was added, 2026-11-25, is not that date).
    assert data["author"] == {"@type": "Person", "name": "Dmitry Rogozin", "url": f"{SITE_URL}entities/dmitry-rogozin/"}
    assert "datePublished" not in data and "dateModified" not in data
    assert "editors" not in json.dumps(data["author"])
    # Sputnik relayed it: its report is where the claim first appeared, the article cites it.
    report = data["firstAppearance"]
    assert report["@type"] == "CreativeWork"
    assert report["author"] == {"@type": "Organization", "name": "Sputnik", "url": f"{SITE_URL}entities/sputnik/"}
    assert data["appearance"][0] == report
    # Then each cited passage: the exact words shown for it, a Text Fragment link, the article.
    quotes = data["appearance"][1:]
    cited = [cit for cit in c.citations if cit.span is not None]
    assert len(quotes) == len(cited) == 3
    for q, cit in zip(quotes, cited):
        assert cit.span is not None
        assert q["@type"] == "Quotation"
        assert q["text"] == cit.span.shown(src.text.text) == cit.quote
        assert q["url"] == textfragment.link(src.url, src.text.text, cit.span)  # the site's own link, not a copy
        assert q["url"].startswith(src.url + "#:~:text=")
        assert cit.span.exact.startswith(textfragment.parse(q["url"])["start"])
        work = q["isPartOf"]
        assert (work["@type"], work["@id"], work["url"]) == ("NewsArticle", src.url, src.url)
        assert work["publisher"] == {"@type": "Organization", "name": "South China Morning Post"}
        assert work["datePublished"] == "2019-08"  # the article's date is known to the month only
    assert {"@type": "Person", "name": "Dmitry Rogozin", "url": f"{SITE_URL}entities/dmitry-rogozin/"} in data["mentions"]
    no_rating(data)


def test_the_page_not_the_claim_carries_the_editors_and_the_dates_of_the_record(site: Site) -> None:
    data = describe(site, ROGOZIN, corrected=True)
    url = f"{SITE_URL}claims/{ROGOZIN}/"
    assert (data["@id"], data["url"]) == (url + "#claim", url)
    assert data["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "author": {"@type": "Organization", "name": "The editors of A briefing", "url": SITE_URL},
        "datePublished": "2026-11-25",
        "dateModified": "2026-12-02",
        "isPartOf": {"@type": "WebSite", "name": "A briefing", "url": SITE_URL},
    }
    bare = jsonld.claim_jsonld(site.briefing, site.briefing.claims[ROGOZIN], url)  # no history: the page has no dates
    assert not {"datePublished", "dateModified"} & (bare.keys() | bare["mainEntityOfPage"].keys())


def test_a_reported_claim_is_the_publishers_dated_only_as_precisely_as_the_source_record(site: Site) -> None:
    b = site.briefing
    cid = "proton-still-in-use"
    assert b.claims[cid].kind == "reported"
    data = describe(site, cid)
    assert data["author"] == {"@type": "Organization", "name": "South China Morning Post"}
    assert data["datePublished"] == "2019-08"  # "late August 2019": the month, never an invented day
    assert data["mainEntityOfPage"]["datePublished"] == "2026-11-25"  # the record's day belongs to the page
    assert [q["@type"] for q in data["appearance"]] == ["Quotation", "Quotation"]
    assert data["firstAppearance"] == data["appearance"][0]
    src = b.sources[SOURCE]
    src.published = DateInfo("2019-08-28", "day")
    assert describe(site, cid)["datePublished"] == "2019-08-28"
    src.published = DateInfo(None, "unknown")
    assert "datePublished" not in describe(site, cid)
    no_rating(data)


def test_an_inference_is_the_editors_and_rests_on_claims_and_passages_it_does_not_appear_in(site: Site) -> None:
    b = site.briefing
    c = next(c for c in sorted(b.claims.values(), key=lambda c: c.id) if c.kind == "inference" and c.based_on)
    data = describe(site, c.id)
    assert data["author"] == {"@type": "Organization", "name": "The editors of A briefing", "url": SITE_URL}
    assert data["datePublished"] == "2026-11-25"  # the editors made it when they first published it
    assert "appearance" not in data and "firstAppearance" not in data
    claims = [x for x in data["isBasedOn"] if isinstance(x, str)]
    passages = [x for x in data["isBasedOn"] if isinstance(x, dict)]
    assert claims == [f"{SITE_URL}claims/{d}/" for d in c.based_on]
    assert [p["@type"] for p in passages] == ["Quotation"] * sum(1 for cit in c.citations if cit.span is not None)
    no_rating(data)


# -- the vocabulary: only schema.org types and properties, each where schema.org defines it -----------

VOCABULARY = Path(__file__).parent / "conformance" / "schemaorg" / "vocabulary.json"
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean"}


@cache
def vocabulary() -> dict:
    return json.loads(VOCABULARY.read_text(encoding="utf-8"))


def supertypes(t: str) -> set[str]:
    """The type and every type it is a sub-type of, in schema.org release 12.0."""
    types = vocabulary()["types"]
    seen, todo = set(), [t]
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo.extend(p for p in types.get(x, []) if p in types)
    return seen


def vocabulary_errors(node: object, where: str = "$") -> list[str]:
    """Every use of a type or property that schema.org does not define for it."""
    if isinstance(node, list):
        return [e for i, x in enumerate(node) for e in vocabulary_errors(x, f"{where}[{i}]")]
    if not isinstance(node, dict):
        return []
    types, props = vocabulary()["types"], vocabulary()["properties"]
    t = node.get("@type")
    if t not in types:
        return [f"{where}: {t!r} is not a schema.org type"]
    errors = []
    for key, value in node.items():
        if key.startswith("@"):
            if key not in ("@context", "@type", "@id"):
                errors.append(f"{where}: unexpected keyword {key}")
            continue
        prop = props.get(key)
        if prop is None:
            errors.append(f"{where}: {key!r} is not a schema.org property")
            continue
        if not supertypes(t) & set(prop["domain"]):
            errors.append(f"{where}: {key!r} is not a property of {t} (it is one of {', '.join(prop['domain'])})")
        for i, v in enumerate(value if isinstance(value, list) else [value]):
            at = f"{where}.{key}[{i}]"
            if isinstance(v, dict):
                if v.get("@type") in types and not supertypes(v["@type"]) & set(prop["range"]):
                    errors.append(f"{at}: a {v['@type']} is not a value {key!r} takes ({', '.join(prop['range'])})")
                errors += vocabulary_errors(v, at)
            elif not isinstance(v, str) or not set().union(*(supertypes(r) for r in prop["range"])) & DATA_TYPES:
                errors.append(f"{at}: {key!r} takes {', '.join(prop['range'])}, not {type(v).__name__} {v!r}")
    return errors


def test_the_vocabulary_check_catches_what_schema_org_does_not_define() -> None:
    assert vocabulary_errors({"@type": "Claim", "text": "x", "appearance": [{"@type": "Quotation", "text": "y"}]}) == []
    assert vocabulary_errors({"@type": "Claim", "reviewRating": {"@type": "Rating"}}) == [
        "$: 'reviewRating' is not a property of Claim (it is one of Review)"
    ]
    assert vocabulary_errors({"@type": "Claim", "author": {"@type": "Place", "name": "Moscow"}}) == [
        "$.author[0]: a Place is not a value 'author' takes (Organization, Person)"
    ]
    assert vocabulary_errors({"@type": "Person", "headline": "x"})[0].startswith("$: 'headline' is not a property of Person")
    assert vocabulary_errors({"@type": "Claim", "speaker": "x"}) == ["$: 'speaker' is not a schema.org property"]
    assert vocabulary_errors({"@type": "Claimm"}) == ["$: 'Claimm' is not a schema.org type"]
    assert vocabulary_errors({"@type": "Claim", "author": "Rogozin"})[0].startswith("$.author[0]: 'author' takes")


def test_every_claim_pages_json_ld_parses_and_uses_only_schema_org_as_defined(site: Site) -> None:
    seen_kinds = set()
    for cid, c in sorted(site.briefing.claims.items()):
        data = describe(site, cid, corrected=True)
        (el,) = scripts(jsonld.script(data))
        assert json.loads(el.string) == data, cid  # what a consumer parses is what was meant
        assert data["@context"] == "https://schema.org"
        assert vocabulary_errors(data) == [], cid
        assert "author" in data, cid  # every kind says who made the claim
        no_rating(data)
        seen_kinds.add(c.kind)
    assert seen_kinds == {"reported", "attributed", "speculation", "inference"}


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
