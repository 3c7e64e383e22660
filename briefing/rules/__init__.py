"""The rules a briefing is checked against, one module per family, and the order they run in.

`run_all` anchors every citation first (the other rules read the resolved spans), then runs the
rest; every problem is collected, none stops the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from briefing.cache import RecordCache
from briefing.diagnostics import Diagnostic, evidence_key
from briefing.model import Briefing
from briefing.rules.anchoring import check_anchors, check_source_integrity
from briefing.rules.base import Report
from briefing.rules.coverage import check_coverage
from briefing.rules.fields import check_fields
from briefing.rules.judgments import check_judgments
from briefing.rules.linebreaks import check_line_breaks
from briefing.rules.markup import check_markup
from briefing.rules.pages import check_pages
from briefing.rules.references import check_references
from briefing.rules.script import check_script
from briefing.rules.site_files import check_site_files
from briefing.rules.stored_sources import check_stored_sources
from briefing.rules.support import check_support

CHECKS: tuple[tuple[str, Callable[[Briefing, Report], list[Diagnostic]]], ...] = (
    ("anchoring", check_anchors),
    ("source integrity", check_source_integrity),
    ("stored sources", check_stored_sources),
    ("references", check_references),
    ("support", check_support),
    ("judgments", check_judgments),
    ("reader-facing fields", check_fields),
    ("coverage", check_coverage),
    ("pages", check_pages),
    ("markup", check_markup),
    ("site files", check_site_files),
    ("line breaks", check_line_breaks),
    ("script", check_script),
)


_EVIDENCE_CHECKS = frozenset({"anchoring", "support"})


def run_all(b: Briefing, memo: RecordCache | None = None) -> Report:
    report = Report(memo=memo if memo is not None and memo.enabled else None)
    for name, check in CHECKS:
        found = check(b, report)
        if name in _EVIDENCE_CHECKS:  # an error of a claim's quotes or statement: what rests on the claim follows from it
            found = [replace(d, causes=(*d.causes, evidence_key(d.path))) if d.severity == "error" else d for d in found]
        report.by_check[name] = found
        report.diagnostics.extend(found)
    report.counts["claims"] = len(b.claims)
    report.counts["entities"] = len(b.entities)
    report.counts["sources"] = len(b.sources)
    return report


__all__ = ["CHECKS", "Report", "run_all"]
