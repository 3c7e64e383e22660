"""Machine-readable exports: `claims.json` and W3C Web Annotations (`annotations.jsonld`).

Built from the loaded, checked briefing only, so they work from the command line as well as
from the site build. Output is deterministic: sorted keys, sorted records, no timestamps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing import history as hist
from briefing import textfragment
from briefing.model import Briefing, Citation, Claim, DateInfo
from briefing.normalise import NORMALISATION_VERSION

EXPORT_FORMAT = "1"


def _date(d: DateInfo | None) -> dict[str, Any] | None:
    if d is None:
        return None
    out: dict[str, Any] = {"value": d.value, "precision": d.precision, "inferred": d.inferred, "label": d.label()}
    for key in ("end", "resolved_from", "basis", "note"):
        if (v := getattr(d, key)) is not None:
            out[key] = v
    return out


def citation_dict(b: Briefing, cit: Citation) -> dict[str, Any]:
    src = b.sources[cit.source]
    span = cit.span
    assert span is not None
    assert src.text is not None
    return {
        "source": cit.source,
        "quote": cit.quote,
        "exact": span.exact,
        "prefix": span.prefix,
        "suffix": span.suffix,
        "start": span.start,
        "end": span.end,
        "pieces": [{"start": a, "end": z, "exact": src.text.text[a:z]} for a, z in span.pieces],
        "shown": span.shown(src.text.text),
        "text_fragment_url": textfragment.link(src.url, src.text.text, span),
    }


def claim_dict(b: Briefing, c: Claim, site_url: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "statement": c.statement,
        "kind": c.kind,
        "speaker": c.speaker,
        "relayed_by": c.relayed_by,
        "topics": c.topics,
        "entities": c.entities,
        "date": _date(c.date),
        "citations": [citation_dict(b, cit) for cit in c.citations if cit.span is not None],
        "file": c.path,
    }
    if c.kind == "inference":
        out["based_on"] = c.based_on
        out["basis"] = c.basis
    if c.note:
        out["note"] = c.note
    if site_url:
        out["url"] = f"{site_url}claims/{c.id}/"
    return out


def claims_export(b: Briefing, site_url: str = "", history: hist.History | None = None) -> dict[str, Any]:
    """The documented `claims.json` (schema: briefing/schemas/claims-export.schema.json).

    Each claim carries its `history` from git (added, corrected, restored), `withdrawn` lists the
    claims whose file was deleted, and `history_status` says whether the history could be read.
    """
    if history is None:
        history = hist.compute(Path(b.root))
    claims = [claim_dict(b, c, site_url) for c in sorted(b.claims.values(), key=lambda c: c.id)]
    for c in claims:
        c["history"] = [e.as_dict() for e in history.of(c["id"])]
    withdrawn = [
        {
            "id": cid,
            "withdrawn": ev.date,
            "commit": ev.commit,
            "reason": ev.reason,
            "replaced_by": list(ev.replaced_by),
            "last": ev.before.as_dict() if ev.before else None,
            "history": [e.as_dict() for e in history.of(cid)],
            **({"url": f"{site_url}claims/{cid}/"} if site_url else {}),
        }
        for cid, ev in history.withdrawn(b.claims).items()
    ]
    return {
        "format": EXPORT_FORMAT,
        "history_status": history.status(),
        "withdrawn": withdrawn,
        "normalisation_version": NORMALISATION_VERSION,
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "url": s.url,
                "language": s.language,
                "published": _date(s.published),
                "sha256": s.sha256,
                "length": len(s.text.text) if s.text else None,
            }
            for s in sorted(b.sources.values(), key=lambda s: s.id)
        ],
        "claims": claims,
    }


def annotations_export(b: Briefing, site_url: str) -> dict[str, Any]:
    """Every citation as a W3C Web Annotation with TextQuote + TextPosition selectors."""
    base = site_url or "https://briefing.invalid/"
    items = []
    for c in sorted(b.claims.values(), key=lambda c: c.id):
        for n, cit in enumerate(c.citations, 1):
            if cit.span is None:
                continue
            src = b.sources[cit.source]
            items.append(
                {
                    "@context": "http://www.w3.org/ns/anno.jsonld",
                    "id": f"{base}claims/{c.id}/#citation-{n}",
                    "type": "Annotation",
                    "motivation": "describing",
                    "body": {
                        "type": "TextualBody",
                        "value": c.statement,
                        "format": "text/plain",
                        "language": "en",
                        "purpose": "describing",
                    },
                    "target": {
                        "type": "SpecificResource",
                        "source": src.url,
                        "selector": [
                            {"type": "TextQuoteSelector", "exact": cit.span.exact, "prefix": cit.span.prefix, "suffix": cit.span.suffix},
                            {"type": "TextPositionSelector", "start": cit.span.start, "end": cit.span.end},
                        ],
                    },
                }
            )
    return {
        "@context": ["http://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/ldp.jsonld"],
        "id": f"{base}annotations.jsonld",
        "type": ["BasicContainer", "AnnotationCollection"],
        "total": len(items),
        "first": {"type": "AnnotationPage", "id": f"{base}annotations.jsonld#page1", "startIndex": 0, "items": items},
    }


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
