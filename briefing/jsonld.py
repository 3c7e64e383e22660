"""schema.org JSON-LD for claim pages, and a safe way to put it into a page.

A claim page describes itself as a schema.org `Claim`: its text, the news article(s) it appears
in (`appearance`, `firstAppearance`), who wrote the claim (the briefing's editors) and when the
briefing first published it. It is deliberately *not* a `ClaimReview`: the briefing rates no
claim true or false, it shows what a source says, so no `reviewRating` is ever emitted.
"""

from __future__ import annotations

import json
from typing import Any

from briefing.history import Event
from briefing.model import Briefing, Claim, DateInfo, Source

CONTEXT = "https://schema.org"
_ENTITY_TYPES = {
    "person": "Person",
    "organisation": "Organization",
    "country": "Country",
    "place": "Place",
    "event": "Event",
    "publication": "CreativeWork",
}


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
    sources: list[Source] = []
    for cit in c.citations:
        src = b.sources.get(cit.source)
        if src is not None and src not in sources:
            sources.append(src)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Claim",
        "@id": url,
        "url": url,
        "identifier": c.id,
        "text": c.statement,
        "author": editors,
        "inLanguage": "en",
    }
    if sources:
        data["appearance"] = [source_work(s) for s in sources]
        data["firstAppearance"] = source_work(sources[0])
    events = events or []
    if events:
        data["datePublished"] = events[0].day
        corrections = [e for e in events if e.kind in ("corrected", "restored")]
        if corrections:
            data["dateModified"] = corrections[-1].day
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
    if c.based_on:
        data["isBasedOn"] = [f"{site_url}claims/{d}/" if site_url else f"../{d}/" for d in c.based_on]
    if site_name:
        data["isPartOf"] = {"@type": "WebSite", "name": site_name, **({"url": site_url} if site_url else {})}
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
