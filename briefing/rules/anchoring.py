"""Anchoring: every citation resolves to exactly one span of its source, and each source's text
is the one its record's sha256 names."""

from __future__ import annotations

from briefing.anchor import AnchorError, anchor
from briefing.diagnostics import Diagnostic
from briefing.model import Briefing, Citation, Record
from briefing.rules.base import Report, at
from briefing.rules.references import unknown


def anchor_one(b: Briefing, rec: Record, cit: Citation) -> list[Diagnostic]:
    src = b.sources.get(cit.source)
    if src is None:
        return [at(rec, cit.field_path + ("source",), "unknown-source", unknown(b, "source", cit.source, b.sources))]
    if src.text is None:  # the text is missing or unreadable (reported on the source): name every citation it breaks
        return [
            at(
                rec,
                cit.field_path + ("quote",),
                "citation-unverified",
                f"source {src.id} has no readable text ({src.text_path} is missing or unreadable); this quote cannot be checked",
            )
        ]
    try:
        if cit.span is None:  # the loader resolves the citations it finds in its cache
            cit.span = anchor(src.text, cit.quote, cit.prefix, cit.suffix, cit.occurrence)
    except AnchorError as exc:
        return [at(rec, cit.field_path + ("quote",), exc.code, exc.message)]
    if not src.intact:
        a, z = cit.span.start, cit.span.end
        line, col = src.text.line_col(a)
        return [
            at(
                rec,
                cit.field_path + ("quote",),
                "citation-unverified",
                f"source {src.id} changed (sha256 differs from its record); this quote is still found at "
                f"offsets {a}–{z} (line {line}, column {col}): check it still says the same, then restore the source or update its sha256",
            )
        ]
    return []


def check_anchors(b: Briefing, report: Report) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    cits = [(rec, cit) for rec in [*b.claims.values(), *b.questions.values()] for cit in rec.citations]  # type: ignore[attr-defined]
    for rec, cit in cits:
        out.extend(anchor_one(b, rec, cit))
    for src in b.sources.values():
        for nc in src.not_claims:
            out.extend(anchor_one(b, src, nc.citation))
    report.counts["citations anchored"] = sum(1 for _rec, cit in cits if cit.span is not None)
    return out


def check_source_integrity(b: Briefing, report: Report) -> list[Diagnostic]:
    out = []
    for src in b.sources.values():
        if src.text is None or src.intact:
            continue
        affected = [
            (rec, cit)
            for rec in [*b.claims.values(), *b.questions.values()]
            for cit in rec.citations  # type: ignore[attr-defined]
            if cit.source == src.id
        ]
        broken = sorted({rec.id for rec, cit in affected if cit.span is None})
        moved = sorted({rec.id for rec, cit in affected if cit.span is not None} - set(broken))
        msg = (
            f"text {src.text_path} does not match its record: sha256 is {src.actual_sha256}, the record says {src.sha256}. "
            f"{len(broken)} citing record(s) broke"
            + (f" ({', '.join(broken)})" if broken else "")
            + f", {len(moved)} still anchor but may have moved"
            + (f" ({', '.join(moved)})" if moved else "")
            + ". Restore the text byte for byte, or if the source really changed, re-check every citation and update sha256."
        )
        out.append(at(src, ("sha256",), "source-hash-mismatch", msg))
    report.counts["sources hashed"] = len(b.sources)
    return out


# -- references both ways --------------------------------------------------------------------------
