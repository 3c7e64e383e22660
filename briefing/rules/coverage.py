"""Coverage: every sentence of every source is cited by some claim, or set aside under
`not_claims` with a reason."""

from __future__ import annotations

from bisect import bisect_left

from briefing.diagnostics import Diagnostic, mention_key, resaved_key, text_key
from briefing.evidence import source_sentences
from briefing.model import Briefing
from briefing.rules.base import Report


def compute_coverage(b: Briefing, report: Report) -> None:
    # The cited pieces of every source, gathered in one pass over the claims (not one per source).
    pieces: dict[str, list[tuple[int, int]]] = {}
    for c in b.claims.values():
        for cit in c.citations:
            if cit.span:
                pieces.setdefault(cit.source, []).extend(cit.span.pieces)
    for src in b.sources.values():
        if src.text is None:
            continue
        spans = sorted(pieces.get(src.id, ()))
        starts = [a for a, _ in spans]
        reach = []  # reach[i]: the furthest end among spans[: i + 1]
        for _, z in spans:
            reach.append(max(z, reach[-1]) if reach else z)
        units = [s for s in source_sentences(src, report.memo) if s.not_claim is None]
        # A sentence is covered when a piece overlaps it: some piece starting before the sentence
        # ends (the first k, by start) ends after the sentence starts (the furthest of them does).
        uncovered = [s for s in units if not ((k := bisect_left(starts, s.end)) and reach[k - 1] > s.start)]
        report.coverage[src.id] = (len(units) - len(uncovered), len(units))
        report.uncovered[src.id] = uncovered


def check_coverage(b: Briefing, report: Report) -> list[Diagnostic]:
    compute_coverage(b, report)
    out = []
    for sid, missing in report.uncovered.items():
        src = b.sources[sid]
        assert src.text is not None
        # A sentence left uncited may only be where a citation that failed to anchor was meant to
        # point, or where a claim that failed to load (naming this source) cites; and the
        # coverage of a text that changed is judged once it is restored (or its sha256 updated).
        always = (text_key(sid), resaved_key(sid), mention_key(sid))
        meant = report.unanchored.get(sid, [])
        for s in missing:
            line, col = src.text.line_col(s.start)
            follows = always + tuple(key for near, key in meant if any(a < s.end and s.start < z for a, z in near))
            out.append(
                Diagnostic(
                    src.text_path,
                    line,
                    col,
                    "sentence-uncovered",
                    f"no claim cites this sentence: {s.text[:80]!r}{'…' if len(s.text) > 80 else ''}; "
                    "add a claim, or list it under not_claims with a reason",
                    follows_from=follows,
                )
            )
    report.counts["sentences covered"] = sum(c for c, _ in report.coverage.values())
    return out
