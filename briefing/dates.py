"""Dates with an honest precision: shown no more exactly than they are known."""

from __future__ import annotations

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


def format_date(value: str | None, precision: str, end: str | None = None) -> str:
    """A date or range as a reader reads it, no more precisely than `precision`."""
    text = format_value(value, precision)
    if end:
        text = f"{text} – {format_value(end, precision if precision != 'decade' else 'year')}"
    return text
