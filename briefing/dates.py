"""Dates with an honest precision: shown no more exactly than they are known."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.model import DateInfo

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def format_value(value: str | None, precision: str) -> str:
    if not value or precision == "unknown":
        return "date unknown"
    parts = value.split("-")
    year = parts[0]
    if precision == "decade":
        return f"the {year[:3]}0s"
    if precision == "year" or len(parts) == 1:
        return year
    month = _MONTHS[int(parts[1]) - 1]
    if precision == "month" or len(parts) == 2:
        return f"{month} {year}"
    return f"{int(parts[2])} {month} {year}"


def format_date(d: DateInfo) -> str:
    text = format_value(d.value, d.precision)
    if d.end:
        text = f"{text} – {format_value(d.end, d.precision if d.precision != 'decade' else 'year')}"
    return text
