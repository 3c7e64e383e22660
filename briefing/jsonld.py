"""schema.org JSON-LD for claim pages, and a safe way to put it into a page.

A claim page describes itself as a schema.org `Claim`, with the meaning schema.org and
Google's ClaimReview guidance give its properties: `author` and `datePublished` are who made
the claim and when, not who recorded it here.

- attributed: the speaker (a Person or an Organization); when the words were relayed (Sputnik
  quoted Rogozin), the relayer's report is the claim's `firstAppearance`. No date: the records
  say what the claim is about and when that happens, not when it was said.
- reported, speculation: the article's publisher, with the article's date only as precise as
  the source record knows it ("2019-08", never an invented day).
- inference: the briefing's editors, on the day the record was first committed. It appears in
  no article: the claims and passages it rests on are its `isBasedOn`.

`appearance` is each cited passage, a `Quotation` with the exact cited words, its Text
Fragment link into the original (`textfragment.link`, the site's own) and the article it is
part of. The page itself (`mainEntityOfPage`) is the editors' work: it carries the dates the
claim was added and last corrected here. It is deliberately *not* a `ClaimReview`: the briefing
rates no claim true or false, it shows what a source says, so no `reviewRating` is ever emitted.
"""

from __future__ import annotations

import json
from typing import Any

from briefing import textfragment
from briefing.history import Event
from briefing.model import Briefing, Claim, DateInfo, Entity, Source

CONTEXT = "https://schema.org"
_ENTITY_TYPES = {
    "person": "Person",
    "organisation": "Organization",
    "country": "Country",
    "place": "Place",
    "event": "Event",
    "publication": "CreativeWork",
}
# Who can be an `author` in schema.org: a Person or an Organization, nothing else.
_AGENT_TYPES = {"person": "Person", "organisation": "Organization", "publication": "Organization"}


def schema_date(d: DateInfo | None) -> str | None:
    """An ISO 8601 date only as precise as it is known ("2019-08"), or None."""
    if d is None or not d.value:
        return None
    cut = {"day": 3, "month": 2, "year": 1}.get(d.precision)
    if cut is None:
        return None
    parts = d.value.split("-")
    return "-".join(parts[:cut]) if len(parts) >= cut else None


def source_work(src: Source) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "NewsArticle" if src.url else "CreativeWork",
        "headline": src.title,
        "publisher": {"@type": "Organization", "name": src.publisher},
    }
    if src.url:
        work["@id"] = src.url
        work["url"] = src.url
    if src.language:
        work["inLanguage"] = src.language
    if published := schema_date(src.published):
        work["datePublished"] = published
    return work


def agent(e: Entity, site_url: str = "") -> dict[str, Any] | None:
    """An entity as a schema.org Person or Organization, or None when it can be neither."""
    kind = _AGENT_TYPES.get(e.type)
    if kind is None:
        return None
    out: dict[str, Any] = {"@type": kind, "name": e.name}
    if site_url:
        out["url"] = f"{site_url}entities/{e.id}/"
    return out


def quotations(b: Briefing, c: Claim) -> list[dict[str, Any]]:
    """Each cited passage: the exact words shown for it, linked into the original by Text Fragment."""
    out = []
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if cit.span is None or src is None or src.text is None:
            continue
        q: dict[str, Any] = {"@type": "Quotation", "text": cit.span.shown(src.text.text), "isPartOf": source_work(src)}
        if src.url:
            q["url"] = textfragment.link(src.url, src.text.text, cit.span)
        out.append(q)
    return out


def _first_source(b: Briefing, c: Claim) -> Source | None:
    return next((b.sources[cit.source] for cit in c.citations if cit.source in b.sources), None)


def claim_jsonld(
    b: Briefing,
    c: Claim,
    url: str,
    site_name: str = "",
    site_url: str = "",
    events: list[Event] | None = None,
) -> dict[str, Any]:
    """The `Claim` a claim page describes; `url` is its permalink (absolute when the site has one)."""
    editors: dict[str, Any] = {"@type": "Organization", "name": f"The editors of {site_name}" if site_name else "The briefing's editors"}
    if site_url:
        editors["url"] = site_url
    events = events or []
    added = events[0].day if events else None
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Claim",
        "@id": f"{url}#claim",  # the claim itself; the page describing it is `url`
        "url": url,
        "identifier": c.id,
        "text": c.statement,
        "inLanguage": "en",
    }
    src = _first_source(b, c)
    if c.kind == "attributed":
        speaker = b.entities.get(c.speaker or "")
        if speaker is not None and (who := agent(speaker, site_url)) is not None:
            data["author"] = who
    elif c.kind in ("reported", "speculation") and src is not None:
        data["author"] = {"@type": "Organization", "name": src.publisher}
        if published := schema_date(src.published):
            data["datePublished"] = published
    elif c.kind == "inference":
        data["author"] = editors
        if added:
            data["datePublished"] = added
    appearances = quotations(b, c)
    relayer = b.entities.get(c.relayed_by or "") if c.kind == "attributed" else None
    if relayer is not None and (by := agent(relayer, site_url)) is not None:
        # The article cites the relayer's report, so that report is where the claim first appeared.
        cited_in = f", as cited by {src.publisher}" if src is not None else ""
        report = {"@type": "CreativeWork", "author": by, "description": f"{relayer.name}'s report of the statement{cited_in}"}
        appearances.insert(0, report)
    based_on: list[Any] = [f"{site_url}claims/{d}/" if site_url else f"../{d}/" for d in c.based_on]
    if c.kind == "inference":
        # The editors' derivation appears in no article: the passages are what it rests on.
        based_on += appearances
    elif appearances:
        data["appearance"] = appearances
        data["firstAppearance"] = appearances[0]
    mentions = []
    for eid in dict.fromkeys([*([c.speaker] if c.speaker else []), *c.entities]):
        e = b.entities.get(eid)
        if e is None:
            continue
        thing: dict[str, Any] = {"@type": _ENTITY_TYPES.get(e.type, "Thing"), "name": e.name}
        if site_url:
            thing["url"] = f"{site_url}entities/{e.id}/"
        mentions.append(thing)
    if mentions:
        data["mentions"] = mentions
    if based_on:
        data["isBasedOn"] = based_on
    # The page is the editors' record of the claim: when it was added here and last corrected.
    page: dict[str, Any] = {"@type": "WebPage", "@id": url, "url": url, "author": editors}
    if added:
        page["datePublished"] = added
        corrections = [e for e in events if e.kind in ("corrected", "restored")]
        if corrections:
            page["dateModified"] = corrections[-1].day
    if site_name:
        page["isPartOf"] = {"@type": "WebSite", "name": site_name, **({"url": site_url} if site_url else {})}
    data["mainEntityOfPage"] = page
    return data


def script(data: dict[str, Any]) -> str:
    """A `<script type="application/ld+json">` block that record text can never break out of.

    `<`, `>` and `&` are written as JSON escapes, so no string can close the element or open a
    comment; U+2028/U+2029 are escaped too for old parsers. The result is one line, to stand as
    its own raw HTML block in Markdown.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, rep in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, rep)
    return f'<script type="application/ld+json">{text}</script>'
