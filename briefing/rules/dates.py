"""Dates: each is written as precisely as its precision says, is a real day, a range does not
end before it starts, and a date resolved from relative words is an inference citing them."""

from __future__ import annotations

import calendar
import datetime
import re

from briefing.diagnostics import Diagnostic
from briefing.evidence import cited, cited_text, inference_words
from briefing.lexicon import MONTHS
from briefing.model import Briefing, Claim, DateInfo, Record
from briefing.reading import Words, words_of
from briefing.rules.base import Report, at
from briefing.text import holds_in_order


def written_in(value: str, precision: str, text: str | Words) -> bool:
    """Whether `text` writes the date `value` at `precision`: the year ("2017"; a decade: "1960s"),
    with its month named near it ("July 2017", "2017-07"), with the day next to the month
    ("27 August 2019", "August 27, 2019")."""
    parts = [int(x) for x in value.split("-")]
    toks = words_of(text).lows()
    year = f"{parts[0]:04d}"
    years = [i for i, t in enumerate(toks) if t == year] if year in toks else []
    if precision == "decade":
        return bool(years)
    if not years or precision == "year":
        return bool(years)
    month, day = parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None
    for y in years:
        # ISO: "2017-07-27"
        iso = toks[y + 1 : y + 3]
        if iso[:1] == [f"{month:02d}"] and (precision == "month" or iso[1:] == [f"{day:02d}"]):
            return True
        for i in range(max(0, y - 4), min(len(toks), y + 4)):
            if MONTHS.get(toks[i]) != month:
                continue
            if precision == "month":
                return True
            near = toks[max(0, i - 2) : i] + toks[i + 1 : i + 3]
            if any(t.isdigit() and int(t) == day for t in near) or any(t == str(day) for t in near):
                return True
    return False


def date_written(b: Briefing, c: Claim, evidence: Words | None = None) -> list[Diagnostic]:
    """A date that is not worked out (no `resolved_from`) is written in the claim's cited words
    (an inference's: in the claims it rests on or its basis) at its precision."""
    d = c.date
    if d is None or d.resolved_from is not None or d.precision not in DATE_FORMS or d.value is None:
        return []
    if evidence is None:
        evidence = inference_words(b, c) if c.kind == "inference" else cited(b, c)
    out = []
    for fld in ("value", "end"):
        v = getattr(d, fld)
        if v is None or not DATE_FORMS[d.precision][0].match(v) or written_in(v, d.precision, evidence):
            continue
        where = "the claims it rests on nor its basis" if c.kind == "inference" else "its cited words"
        out.append(
            at(
                c,
                ("date", fld),
                "date-not-in-quotes",
                f"date.{fld} {v!r} ({d.precision}) is not written in {where}: cite the words that give it at that precision, "
                "or, if the editors worked it out, make the claim an inference with resolved_from and basis",
            )
        )
    return out


def date_support(b: Briefing, c: Claim, evidence: Words | None = None) -> list[Diagnostic]:
    """A date resolved from relative words is an inference, and those words are the source's; any
    other date is written in the words the claim cites."""
    d = c.date
    if d is None:
        return []
    if d.resolved_from is None:
        return date_written(b, c, evidence)
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

