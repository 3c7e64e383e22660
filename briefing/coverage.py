"""The coverage report of one source: how many of its sentences claims cite, and the rest.

Printed by `python -m briefing coverage` for every source, and by `add-source` and `not-claim`
for the source they wrote, so an editor sees what is left to cite or set aside."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.diagnostics import clean
from briefing.model import Briefing

if TYPE_CHECKING:
    from briefing.rules import Report


def source_lines(b: Briefing, report: Report, sid: str) -> tuple[bool, list[str]]:
    """Whether every sentence of source `sid` is cited or set aside, and the report's lines."""
    covered, total = report.coverage.get(sid, (0, 0))
    pct = 100.0 * covered / total if total else 100.0
    lines = [f"{sid}: {covered}/{total} sentences cited ({pct:.1f} %)"]
    src = b.sources[sid]
    for s in report.uncovered.get(sid, []):
        assert src.text is not None
        line, col = src.text.line_col(s.start)
        lines.append(f"  uncovered {src.text_path}:{line}:{col}: {clean(' '.join(s.text.split()))}")
    for nc in src.not_claims:
        if nc.citation.span:
            lines.append(f"  not a claim [{nc.citation.span.start}–{nc.citation.span.end}]: {nc.citation.span.exact!r} — {clean(nc.reason)}")
    return covered == total, lines
