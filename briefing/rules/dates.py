"""Dates: each is written as precisely as its precision says, is a real day, a range does not
end before it starts, and a date resolved from relative words is an inference citing them."""

from __future__ import annotations

import calendar
import datetime
import re

from briefing.diagnostics import Diagnostic
from briefing.evidence import cited_text
from briefing.model import Briefing, Claim, DateInfo, Record
from briefing.rules.base import Report, at
from briefing.text import holds_in_order


def date_support(b: Briefing, c: Claim) -> list[Diagnostic]:
    """A date resolved from relative words is an inference, and those words are the source's."""
    d = c.date
    if d is None or d.resolved_from is None:
        return []
    if c.kind != "inference":
        return [
            at(
                c,
                ("date", "resolved_from"),
                "date-needs-inference",
                f"a date resolved from {d.resolved_from!r} is the editors' derivation: make the claim kind: inference "
                "(with based_on and basis), or give the date as the source states it and remove resolved_from",
            )
        ]
    parts = [cited_text(b, c)]
    for cid in c.based_on:
        if (dep := b.claims.get(cid)) is not None:
            parts += [dep.statement, cited_text(b, dep)]
    if not any(holds_in_order(part, d.resolved_from) for part in parts):
        return [
            at(
                c,
                ("date", "resolved_from"),
                "resolved-from-not-cited",
                f"resolved_from {d.resolved_from!r} is not in the claim's cited words nor in the claims it rests on; "
                "write the source's own relative words (e.g. 'next year'), as cited",
            )
        ]
    return []



# The form a date's value takes at each precision; "unknown" takes any (or none).
DATE_FORMS = {
    "day": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"), "YYYY-MM-DD"),
    "month": (re.compile(r"[0-9]{4}-[0-9]{2}\Z"), "YYYY-MM"),
    "year": (re.compile(r"[0-9]{4}\Z"), "YYYY"),
    "decade": (re.compile(r"[0-9]{3}0\Z"), "YYY0, the decade's first year"),
}


def check_dates(b: Briefing, report: Report) -> list[Diagnostic]:
    """Each date is written as precisely as its precision says (no more, no less), is a real day,
    and a range does not end before it starts. (Where a relative date comes from is a support
    rule: see `date_support`.)"""
    out: list[Diagnostic] = []
    dated: list[tuple[Record, str, DateInfo]] = [(c, "date", c.date) for c in b.claims.values() if c.date is not None]
    for src in b.sources.values():
        dated += [(src, key, d) for key in ("published", "retrieved") if (d := getattr(src, key)) is not None]
    for rec, key, d in dated:
        out.extend(_date_form(rec, key, d))
    report.counts["dates checked"] = len(dated)
    return out


def _date_form(rec: Record, key: str, d: DateInfo) -> list[Diagnostic]:
    form = DATE_FORMS.get(d.precision)
    if form is None:
        return []
    pattern, shape = form
    out = []
    for fld in ("value", "end"):
        v = getattr(d, fld)
        if v is None:
            continue
        if not pattern.match(v):
            out.append(
                at(
                    rec,
                    (key, fld),
                    "date-format",
                    f"{key}.{fld} {v!r} is not written as precision {d.precision} needs ({shape}); write it as {shape}, "
                    "or give the precision the date really has",
                )
            )
        elif (why := _not_a_date(v)) is not None:
            out.append(at(rec, (key, fld), "date-format", f"{key}.{fld} {v!r} is not a date: {why}"))
    if d.value is not None and d.end is not None:
        n = min(len(d.value), len(d.end))  # compared as far as both are written: "1999" is before "2021-05-17"
        if d.end[:n] < d.value[:n]:
            out.append(at(rec, (key, "end"), "date-range", f"{key}.end {d.end!r} is before {key}.value {d.value!r}; a range ends after it starts"))
    return out


def _not_a_date(v: str) -> str | None:
    parts = [int(x) for x in v.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return f"there is no month {parts[1]}"
    if len(parts) == 3:
        try:
            datetime.date(*parts)
        except ValueError:
            return f"{calendar.month_name[parts[1]]} {parts[0]} has no day {parts[2]}"
    return None


# -- coverage ----------------------------------------------------------------------------------------

